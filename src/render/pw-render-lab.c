/* pw-render-lab.c: the replacement lab, the policy's own state at this step
 *
 * Everything drawn comes from pw_machine_describe_policy(): FIFO's queue,
 * LRU's and MRU's recency order, OPT's next uses, random's next draw and the
 * clock's frames in a circle with the hand and the use bits.  The next
 * victim is marked before the fault that evicts it.  With the machine before
 * the step (PwRenderOptions.before, or .previous) the view also shows what this step
 * changed: the page just loaded or hit, the use bits a hit set and the sweep
 * cleared, and the hand's travel, animated over t.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-render"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "pw-render-private.h"

#define HEAD_GAP   14.0
#define BOX_W     156.0  /* at least: wider when a page's numbers need it */
#define BOX_W_MAX 300.0
#define BOX_H      74.0
#define BOX_GAP    28.0   /* room for the arrow between two boxes */
#define TAG_H      20.0   /* the label above a box */
#define ENDS_H     24.0   /* the order's two ends, below the boxes */
#define MAX_SHOWN  48
#define CLOCK_MAX  12     /* more pages than this: the clock drawn as a row */
#define LEGEND_H   22.0

typedef struct
{
  PwPolicyState now;
  PwPolicyState before;
  gboolean      have_before;
  guint         shown[MAX_SHOWN];
  guint         n_shown;
  gboolean      circle;
  double        bw;        /* the boxes' width */
  gboolean      ghost;     /* the page this step evicted, drawn before the order */
  PwEviction    evicted;
} Lab;

/* The second line of a page's box: its frame (and process). */
static char *
entry_where (PwCtx               *c,
             const PwPolicyEntry *e)
{
  g_autofree char *frame = pw_fmt_hex (e->frame);

  if (pw_machine_n_processes (c->m) > 1)
    /* Translators: a pid, then a frame number */
    return g_strdup_printf (_("process %u · frame %s"), e->pid, frame);
  return g_strdup_printf (_("frame %s"), frame);
}

/* The third line: what the policy orders by (NULL for clock and random). */
static char *
entry_info (PwPolicy             policy,
            const PwPolicyEntry *e)
{
  switch (policy)
    {
    case PW_POLICY_FIFO:
      return g_strdup_printf (_("loaded at access %s"), PW_DEC (e->loaded_at));
    case PW_POLICY_LRU:
    case PW_POLICY_MRU:
      return g_strdup_printf (_("last used at access %s"), PW_DEC (e->used_at));
    case PW_POLICY_OPT:
      /* next_use counts accesses from 0, loaded_at and used_at from 1 */
      return e->next_use == G_MAXUINT64 ? g_strdup (_("never used again"))
                                        : g_strdup_printf (_("next use: access %s"), PW_DEC (e->next_use + 1));
    default:
      return NULL;
    }
}

static void
lab_init (PwCtx *c,
          Lab   *lab)
{
  guint n, victim;
  PwMachine *prev = c->o->before != NULL ? c->o->before : c->o->previous;

  memset (lab, 0, sizeof *lab);
  pw_machine_describe_policy (c->m, &lab->now);
  if (prev != NULL && prev != c->m && c->ev != NULL)
    {
      pw_machine_describe_policy (prev, &lab->before);
      lab->have_before = TRUE;
    }
  n = lab->now.entries->len;
  victim = lab->now.next_victim >= 0 ? (guint) lab->now.next_victim : 0;
  /* the first pages, and the victim always */
  for (guint i = 0; i < n && lab->n_shown < MAX_SHOWN; i++)
    {
      if (lab->n_shown == MAX_SHOWN - 1 && lab->now.next_victim >= 0 && victim > i)
        {
          lab->shown[lab->n_shown++] = victim;
          break;
        }
      lab->shown[lab->n_shown++] = i;
    }
  lab->circle = lab->now.policy == PW_POLICY_CLOCK && n >= 1 && n <= CLOCK_MAX;
  lab->bw = BOX_W;
  for (guint k = 0; k < lab->n_shown; k++)
    {
      const PwPolicyEntry *e = &g_array_index (lab->now.entries, PwPolicyEntry, lab->shown[k]);
      g_autofree char *hex = pw_fmt_hex (e->vpn);
      g_autofree char *where = entry_where (c, e);
      g_autofree char *info = entry_info (lab->now.policy, e);
      double tw, th;

      pw_text_size (c, PW_FONT_MONO_BOLD, hex, &tw, &th);
      lab->bw = MAX (lab->bw, tw + 30);
      pw_text_size (c, PW_FONT_SMALL, where, &tw, &th);
      lab->bw = MAX (lab->bw, tw + 30);
      if (info)
        {
          pw_text_size (c, PW_FONT_SMALL, info, &tw, &th);
          lab->bw = MAX (lab->bw, tw + 30);
        }
    }
  lab->bw = MIN (ceil (lab->bw), BOX_W_MAX);
  /* the page that just left, dashed, before the front of the order */
  lab->ghost = lab->have_before && !lab->circle && c->ev->evicted.happened && lab->n_shown > 0;
  if (lab->ghost)
    lab->evicted = c->ev->evicted;
}

static void
lab_clear (Lab *lab)
{
  pw_policy_state_clear (&lab->now);
  if (lab->have_before)
    pw_policy_state_clear (&lab->before);
}

static const PwPolicyEntry *
find_before (const Lab           *lab,
             const PwPolicyEntry *e,
             gint                *index)
{
  if (!lab->have_before)
    return NULL;
  for (guint i = 0; i < lab->before.entries->len; i++)
    {
      const PwPolicyEntry *b = &g_array_index (lab->before.entries, PwPolicyEntry, i);
      if (b->pid == e->pid && b->vpn == e->vpn)
        {
          if (index)
            *index = (gint) i;
          return b;
        }
    }
  return NULL;
}

/* ---- words ------------------------------------------------------------------------ */

static const char *
policy_title (PwPolicy p)
{
  switch (p)
    {
    case PW_POLICY_FIFO: return _("Replacement lab: FIFO");
    case PW_POLICY_LRU: return _("Replacement lab: LRU");
    case PW_POLICY_MRU: return _("Replacement lab: MRU");
    case PW_POLICY_OPT: return _("Replacement lab: OPT (optimal)");
    case PW_POLICY_CLOCK: return _("Replacement lab: clock");
    case PW_POLICY_RANDOM: return _("Replacement lab: random");
    default: return _("Replacement lab");
    }
}

static const char *
policy_rule (PwPolicy p)
{
  switch (p)
    {
    case PW_POLICY_FIFO:
      return _("FIFO evicts the page loaded longest ago, the front of the queue. A hit changes nothing.");
    case PW_POLICY_LRU:
      return _("LRU evicts the page used longest ago. Every use moves a page to the most recent end.");
    case PW_POLICY_MRU:
      return _("MRU evicts the page used most recently. Every use moves a page to the most recent end.");
    case PW_POLICY_OPT:
      return _("OPT evicts the page whose next use is furthest away (or never comes): it knows the future, so it is the yardstick.");
    case PW_POLICY_CLOCK:
      return _("Clock: a hit sets the page's use bit and the hand stays. On a fault the hand sweeps: a page with use bit 1 gets a second chance (the bit is cleared), the first page with 0 is evicted.");
    case PW_POLICY_RANDOM:
      return _("Random evicts a page drawn at random; the generator is seeded, so its next draw is known and marked.");
    default:
      return "";
    }
}

static char *
page_name (PwCtx   *c,
           guint    pid,
           guint64  vpn)
{
  g_autofree char *hex = pw_fmt_hex (vpn);

  if (pw_machine_n_processes (c->m) > 1)
    /* Translators: a virtual page number, then its process */
    return g_strdup_printf (_("page %s of process %u"), hex, pid);
  return g_strdup_printf (_("page %s"), hex);
}

/* What this step did, in one sentence. */
static char *
step_text (PwCtx     *c,
           const Lab *lab,
           gboolean  *fault)
{
  const PwEvent *ev = c->ev;
  g_autofree char *page = NULL;

  *fault = FALSE;
  if (ev == NULL)
    return g_strdup (_("No access drawn yet: step through the scenario to watch the policy work."));
  page = page_name (c, ev->pid, ev->vpn);
  if (ev->fault == PW_KF_MINOR || ev->fault == PW_KF_MAJOR)
    {
      g_autofree char *frame = pw_fmt_hex (ev->new_frame);

      *fault = TRUE;
      if (ev->evicted.happened)
        {
          g_autofree char *victim = page_name (c, ev->evicted.pid, ev->evicted.vpn);
          /* Translators: the faulting page, the page evicted, then the frame */
          return g_strdup_printf (_("This step: a page fault on %s; %s was evicted and %s loaded into frame %s."),
                                  page, victim, page, frame);
        }
      /* Translators: the faulting page, then the frame */
      return g_strdup_printf (_("This step: a page fault on %s, loaded into free frame %s: nothing was evicted."),
                              page, frame);
    }
  if (ev->fault != PW_KF_NONE || !ev->ok)
    return g_strdup_printf (_("This step: the access to %s failed; the policy did not act."), page);
  switch (lab->now.policy)
    {
    case PW_POLICY_CLOCK:
      return g_strdup_printf (_("This step: a hit on %s. The MMU set its use bit; the hand did not move."), page);
    case PW_POLICY_LRU:
    case PW_POLICY_MRU:
      return g_strdup_printf (_("This step: a hit on %s, now the most recently used page."), page);
    default:
      return g_strdup_printf (_("This step: a hit on %s. The policy's order does not change on a hit."), page);
    }
}

static void
order_ends (PwPolicy     p,
            const char **first,
            const char **last)
{
  switch (p)
    {
    case PW_POLICY_FIFO: *first = _("← front: loaded longest ago"); *last = _("back: loaded last →"); break;
    case PW_POLICY_LRU:
    case PW_POLICY_MRU: *first = _("← least recently used"); *last = _("most recently used →"); break;
    case PW_POLICY_OPT: *first = _("← next use furthest away"); *last = _("next use soonest →"); break;
    default: *first = _("← lowest frame"); *last = _("highest frame →"); break;
    }
}

/* ---- geometry --------------------------------------------------------------------- */

static double
head_height (PwCtx  *c,
             double  w,
             PwPolicy policy)
{
  int lines = pw_text_wrapped_lines (c, PW_FONT_BODY, policy_rule (policy), w, 3);

  return pw_font_height (c, PW_FONT_TITLE) + 8 + lines * pw_font_height (c, PW_FONT_BODY) + 8
         + 2 * pw_font_height (c, PW_FONT_BOLD) + HEAD_GAP;
}

static guint
per_line (const Lab *lab,
          double     w)
{
  if (lab->ghost)
    w -= lab->bw + BOX_GAP;
  return MAX (1, (guint) ((w + BOX_GAP) / (lab->bw + BOX_GAP)));
}

static double
clock_radius (const Lab *lab,
              guint      n)
{
  double r = 150;

  if (n >= 3)
    r = MAX (r, (lab->bw + 20) / (2 * sin (G_PI / n)));
  return r;
}

static double clock_legend (PwCtx *c, double x, double y, double w, gboolean draw);

static double
body_height (PwCtx     *c,
             const Lab *lab,
             double     w)
{
  guint per = per_line (lab, w), lines = (lab->n_shown + per - 1) / per;

  if (lab->now.entries->len == 0)
    return 40;
  if (lab->circle)
    {
      double r = clock_radius (lab, lab->now.entries->len);
      return 2 * r + BOX_H + 2 * TAG_H + 16 + clock_legend (c, 0, 0, w, FALSE);
    }
  return lines * (TAG_H + BOX_H + 12) + ENDS_H
         + (lab->n_shown < lab->now.entries->len ? LEGEND_H : 0)
         + (lab->now.policy == PW_POLICY_CLOCK ? clock_legend (c, 0, 0, w, FALSE) : 0);
}

double
pw_lab_measure (PwCtx  *c,
                double  w)
{
  Lab lab;
  double h;

  lab_init (c, &lab);
  h = head_height (c, w, lab.now.policy) + body_height (c, &lab, w);
  lab_clear (&lab);
  return h;
}

/* ---- one page ------------------------------------------------------------------------ */

static void
draw_page (PwCtx     *c,
           const Lab *lab,
           guint      i,
           double     x,
           double     y)
{
  const PwPalette *pal = c->pal;
  const PwPolicyEntry *e = &g_array_index (lab->now.entries, PwPolicyEntry, i);
  gint bi = -1;
  const PwPolicyEntry *b = find_before (lab, e, &bi);
  gboolean victim = lab->now.next_victim == (gint) i;
  gboolean loaded = lab->have_before && b == NULL;
  gboolean hit = c->ev != NULL && c->ev->fault == PW_KF_NONE && c->ev->ok
                 && c->ev->pid == e->pid && c->ev->vpn == e->vpn;
  const char *tag = NULL;
  PwRgb fill = victim ? pw_tint (c, &pal->warn, 0.25) : hit ? pw_tint (c, &pal->hit, 0.15) : pal->panel;
  const PwRgb *tag_col = victim ? &pal->warn : &pal->hit;
  g_autofree char *hex = pw_fmt_hex (e->vpn);
  g_autofree char *where = NULL, *info = NULL;
  double ty = y + 8, lh = pw_font_height (c, PW_FONT_SMALL);
  PwHit *h;

  if (victim)
    tag = loaded ? _("loaded · next victim") : hit ? _("hit · next victim") : _("next victim");
  else if (loaded)
    tag = _("just loaded");
  else if (hit)
    tag = _("hit");
  if (tag)
    pw_text (c, PW_FONT_BOLD, tag_col, tag, x, y - TAG_H + 1, lab->bw, PW_ALIGN_LEFT);

  pw_round_rect (c, x, y, lab->bw, BOX_H, 6);
  pw_set_rgb (c, &fill);
  cairo_fill_preserve (c->cr);
  /* the victim in the fault colour, a hit in the hit colour, the page just
   * loaded in the text colour; the others thin */
  pw_set_rgb (c, victim ? &pal->warn : hit ? &pal->hit : loaded ? &pal->fg : &pal->line);
  cairo_set_line_width (c->cr, victim || hit || loaded ? 3 : 1);
  cairo_stroke (c->cr);
  /* the process's colour as a stripe: text stays in the text colours */
  pw_round_rect (c, x + 4, y + 6, 5, BOX_H - 12, 2);
  pw_set_rgb (c, pw_proc_colour (c, e->pid));
  cairo_fill (c->cr);

  pw_text (c, PW_FONT_MONO_BOLD, &pal->fg, hex, x + 16, ty, lab->bw - 22, PW_ALIGN_LEFT);
  where = entry_where (c, e);
  pw_text (c, PW_FONT_SMALL, &pal->muted, where, x + 16, ty + 20, lab->bw - 22, PW_ALIGN_LEFT);
  info = entry_info (lab->now.policy, e);

  switch (lab->now.policy)
    {
    case PW_POLICY_CLOCK:
      {
        gboolean set = e->use_bit && (loaded || (b != NULL && !b->use_bit));
        gboolean cleared = !e->use_bit && b != NULL && b->use_bit;
        double bx = x + 16, by = ty + 20 + lh + 6;
        PwRgb bit_fill = set ? pw_tint (c, &pal->hit, 0.15) : pal->bg;
        const char *what = set ? _("set now") : cleared ? _("cleared") : NULL;

        double uw;

        /* the word as wide as it is (German's "benutzt" was cut to "be…") */
        pw_text_size (c, PW_FONT_SMALL, _("use"), &uw, NULL);
        uw = MAX (30, ceil (uw) + 6);
        pw_text (c, PW_FONT_SMALL, &pal->muted, _("use"), bx, by + 1, uw, PW_ALIGN_LEFT);
        pw_fill_rect (c, &bit_fill, bx + uw, by - 1, 18, 18);
        pw_stroke_rect (c, set ? &pal->hit : cleared ? &pal->warn : &pal->line, set || cleared ? 2 : 1,
                        bx + uw, by - 1, 18, 18);
        pw_text (c, PW_FONT_MONO_BOLD, &pal->fg, e->use_bit ? "1" : "0", bx + uw + 9, by - 1, 18, PW_ALIGN_CENTER);
        if (what)
          pw_text_fit (c, PW_FONT_SMALL, &pal->fg, bx + uw + 24, by + 1, lab->bw - uw - 46, PW_ALIGN_LEFT,
                       what, set ? C_("use bit", "set") : what, NULL);
      }
      break;
    default:
      break;
    }
  if (info)
    pw_text (c, PW_FONT_SMALL, &pal->fg, info, x + 16, ty + 20 + lh + 6, lab->bw - 22, PW_ALIGN_LEFT);

  h = pw_hit_add (c, PW_HIT_FRAME, x, y, lab->bw, BOX_H);
  h->pid = e->pid;
  h->vpn = e->vpn;
  h->frame = e->frame;
}

/* ---- the row of pages --------------------------------------------------------------------- */

static double
draw_row (PwCtx     *c,
          const Lab *lab,
          double     x,
          double     y,
          double     w)
{
  const PwPalette *pal = c->pal;
  guint per = per_line (lab, w);
  const char *first, *last;
  double yy = y;

  if (lab->ghost)
    {
      g_autofree char *hex = pw_fmt_hex (lab->evicted.vpn);
      g_autofree char *from = pw_fmt_hex (lab->evicted.frame);
      /* Translators: the frame the evicted page left */
      g_autofree char *left = g_strdup_printf (_("left frame %s"), from);
      static const double dash[] = { 6, 4 };
      double gy = y + TAG_H;

      /* a narrow box (a slide 853 wide, German): the shorter tag */
      pw_text_fit (c, PW_FONT_BOLD, &pal->muted, x, y + 1, lab->bw, PW_ALIGN_LEFT,
                   _("evicted this step"), _("evicted"), NULL);
      pw_round_rect (c, x, gy, lab->bw, BOX_H, 6);
      cairo_set_dash (c->cr, dash, 2, 0);
      pw_set_rgb (c, &pal->muted);
      cairo_set_line_width (c->cr, 1.5);
      cairo_stroke (c->cr);
      cairo_set_dash (c->cr, NULL, 0, 0);
      pw_text (c, PW_FONT_MONO_BOLD, &pal->muted, hex, x + 16, gy + 8, lab->bw - 22, PW_ALIGN_LEFT);
      pw_text_wrapped (c, PW_FONT_SMALL, &pal->muted, left, x + 16, gy + 28, lab->bw - 22, 2);
      /* out of the order: from the front to here */
      pw_arrow (c, &pal->muted, 1.5, x + lab->bw + BOX_GAP - 4, gy + BOX_H / 2, x + lab->bw + 3, gy + BOX_H / 2,
                FALSE, 1);
      x += lab->bw + BOX_GAP;
      w -= lab->bw + BOX_GAP;
    }

  for (guint k = 0; k < lab->n_shown; k++)
    {
      guint col = k % per, line = k / per;
      double bx = x + col * (lab->bw + BOX_GAP);
      double by = y + TAG_H + line * (TAG_H + BOX_H + 12);

      draw_page (c, lab, lab->shown[k], bx, by);
      /* the order goes on: an arrow to the next box, or to the next line */
      if (k + 1 < lab->n_shown && col + 1 < per)
        pw_arrow (c, &pal->muted, 1.5, bx + lab->bw + 3, by + BOX_H / 2,
                  bx + lab->bw + BOX_GAP - 4, by + BOX_H / 2, FALSE, 1);
      else if (k + 1 < lab->n_shown)
        {
          /* the order wraps: from under the line's last box back to the
           * next line's first, so the page there reads as the next in the
           * order, not as one beside the front */
          double ty = by + BOX_H + 6, ex = x + lab->bw - 14, ey = by + TAG_H + BOX_H + 12 - 3;

          cairo_new_path (c->cr);
          cairo_move_to (c->cr, bx + lab->bw / 2, by + BOX_H + 2);
          cairo_line_to (c->cr, bx + lab->bw / 2, ty);
          cairo_line_to (c->cr, ex, ty);
          cairo_line_to (c->cr, ex, ey - 6);
          pw_set_rgb (c, &pal->muted);
          cairo_set_line_width (c->cr, 1.5);
          cairo_stroke (c->cr);
          pw_arrow_head (c, &pal->muted, ex, ey, G_PI / 2, 9);
        }
      if (lab->now.policy == PW_POLICY_CLOCK && lab->now.hand == (gint) lab->shown[k])
        {
          /* the hand, pointing down at its frame */
          pw_arrow (c, &pal->fg, 2.5, bx + lab->bw - 18, by - TAG_H + 2, bx + lab->bw - 18, by - 2, TRUE, 1);
          pw_text (c, PW_FONT_SMALL, &pal->fg, _("hand"), bx + lab->bw - 24, by - TAG_H + 3, 40, PW_ALIGN_RIGHT);
        }
      yy = by + BOX_H + 12;
    }
  if (lab->n_shown < lab->now.entries->len)
    {
      guint more = lab->now.entries->len - lab->n_shown;
      g_autofree char *t = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %s more page, not drawn",
                                                         "and %s more pages, not drawn", more),
                                            PW_DEC (more));
      pw_text (c, PW_FONT_SMALL, &pal->muted, t, x, yy, w, PW_ALIGN_LEFT);
      yy += LEGEND_H;
    }
  /* the order's two ends (one page has no order to tell) */
  order_ends (lab->now.policy, &first, &last);
  if (lab->n_shown < 2)
    return yy + ENDS_H;
  pw_text (c, PW_FONT_SMALL, &pal->muted, first, x, yy, w / 2 - 10, PW_ALIGN_LEFT);
  pw_text (c, PW_FONT_SMALL, &pal->muted, last, x + MIN (w, MIN (per, lab->n_shown) * (lab->bw + BOX_GAP) - BOX_GAP),
           yy, w / 2 - 10, PW_ALIGN_RIGHT);
  return yy + ENDS_H;
}

/* ---- the clock -------------------------------------------------------------------------- */

static double
entry_angle (guint i,
             guint n)
{
  /* clockwise from the top */
  return -G_PI / 2 + 2 * G_PI * i / n;
}

static double
hand_progress (PwCtx *c)
{
  double dur;

  if (c->o->reduced_motion || c->ev == NULL || c->o->t >= PW_RENDER_T_FINAL)
    return 1;
  dur = pw_render_walk_duration (c->walk, c->ev);
  return dur > 0 ? CLAMP (c->o->t / dur, 0, 1) : 1;
}

static double
draw_clock (PwCtx     *c,
            const Lab *lab,
            double     x,
            double     y,
            double     w)
{
  const PwPalette *pal = c->pal;
  guint n = lab->now.entries->len;
  double r = clock_radius (lab, n), cx = x + w / 2, cy = y + TAG_H + BOX_H / 2 + r + 8;
  double a_now, a_from, a, p = hand_progress (c);
  gint from = -1;

  /* the circle the frames sit on */
  cairo_new_path (c->cr);
  cairo_arc (c->cr, cx, cy, r, 0, 2 * G_PI);
  pw_set_rgb (c, &pal->grid);
  cairo_set_line_width (c->cr, 2);
  cairo_stroke (c->cr);

  for (guint i = 0; i < n; i++)
    {
      double ai = entry_angle (i, n);
      draw_page (c, lab, i, cx + r * cos (ai) - lab->bw / 2, cy + r * sin (ai) - BOX_H / 2);
    }

  /* the hand: from where it was before the step (the same frame in the
   * order of now), sweeping clockwise to where it is */
  a_now = lab->now.hand >= 0 ? entry_angle ((guint) lab->now.hand, n) : -G_PI / 2;
  a_from = a_now;
  if (lab->have_before && lab->before.hand >= 0)
    {
      const PwPolicyEntry *bh = &g_array_index (lab->before.entries, PwPolicyEntry, lab->before.hand);
      for (guint i = 0; i < n; i++)
        if (g_array_index (lab->now.entries, PwPolicyEntry, i).frame >= bh->frame)
          {
            from = (gint) i;
            break;
          }
      if (from < 0)
        from = 0;
      a_from = entry_angle ((guint) from, n);
      while (a_now < a_from)
        a_now += 2 * G_PI;
      if (a_now > a_from + 1e-6)
        {
          /* the sweep's path, as an arc inside the circle */
          cairo_new_path (c->cr);
          cairo_arc (c->cr, cx, cy, r * 0.32, a_from, a_from + (a_now - a_from) * p);
          pw_set_rgb (c, &pal->warn);
          cairo_set_line_width (c->cr, 3);
          cairo_stroke (c->cr);
        }
    }
  a = a_from + (a_now - a_from) * p;
  {
    /* up to the edge of the box it points at */
    /* a box below the centre has its tag ("hit", "next victim") above it:
     * the hand stops short of the tag too */
    double edge = MIN (fabs (cos (a)) > 1e-6 ? (lab->bw / 2) / fabs (cos (a)) : G_MAXDOUBLE,
                       fabs (sin (a)) > 1e-6 ? (BOX_H / 2 + (sin (a) > 0 ? TAG_H : 0)) / fabs (sin (a))
                                             : G_MAXDOUBLE);
    double reach = MAX (r - edge - 8, 30);
    double ex = cx + reach * cos (a), ey = cy + reach * sin (a);

    cairo_new_path (c->cr);
    cairo_move_to (c->cr, cx, cy);
    cairo_line_to (c->cr, ex - 8 * cos (a), ey - 8 * sin (a));
    pw_set_rgb (c, &pal->fg);
    cairo_set_line_width (c->cr, 4);
    cairo_stroke (c->cr);
    pw_arrow_head (c, &pal->fg, ex, ey, a, 16);
    cairo_new_path (c->cr);
    cairo_arc (c->cr, cx, cy, 6, 0, 2 * G_PI);
    pw_set_rgb (c, &pal->fg);
    cairo_fill (c->cr);
    {
      /* beside the shaft's middle, inside the circle: clear of the boxes
       * and their tags (German's "Zeiger" ran into "Treffer") */
      double nx = -sin (a), ny = cos (a);
      double lx = cx + reach / 2 * cos (a) + 12 * nx, ly = cy + reach / 2 * sin (a) + 12 * ny;
      double th = pw_font_height (c, PW_FONT_BOLD);
      PwAlign al = nx > 0.3 ? PW_ALIGN_LEFT : nx < -0.3 ? PW_ALIGN_RIGHT : PW_ALIGN_CENTER;

      ly = ny > 0.3 ? ly : ny < -0.3 ? ly - th : ly - th / 2;
      pw_text (c, PW_FONT_BOLD, &pal->fg, _("hand"), lx, ly, 80, al);
    }
  }
  return cy + r + BOX_H / 2 + 16;
}

/* The clock's three lines of explanation, each wrapped whole to @w (a
 * slide laid out 853 wide cut the last one); returns their height, draws
 * only when @draw. */
static double
clock_legend (PwCtx    *c,
              double    x,
              double    y,
              double    w,
              gboolean  draw)
{
  const PwPalette *pal = c->pal;
  const struct { const char *text; const PwRgb *col; } items[] = {
    { _("Use bit “set now”: the MMU set it on this step's access (a hit, or the load of a new page)."),
      &pal->fg },
    { _("Use bit “cleared”: on this step's fault the hand passed the page with 1, cleared it and gave it a second chance."),
      &pal->fg },
    { _("Next victim: the first page with use bit 0 from the hand on, clockwise (all 1: the hand clears every bit and comes back). The red arc: the hand's path on this step."),
      &pal->warn },
  };
  double yy = y;

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      int lines = pw_text_wrapped_lines (c, PW_FONT_SMALL, items[i].text, w, 4);

      if (draw)
        pw_text_wrapped (c, PW_FONT_SMALL, items[i].col, items[i].text, x, yy, w, 4);
      yy += LEGEND_H + (lines - 1) * 14.0;
    }
  return yy - y;
}

/* ---- the view ------------------------------------------------------------------------ */

void
pw_lab_draw (PwCtx  *c,
             double  x,
             double  y,
             double  w,
             double  h)
{
  const PwPalette *pal = c->pal;
  Lab lab;
  g_autofree char *step = NULL, *frames = NULL;
  const PwMachineConfig *cfg = pw_machine_config (c->m);
  gboolean fault;
  int lines;
  double yy;
  guint n;

  lab_init (c, &lab);
  n = lab.now.entries->len;
  pw_panel_title (c, policy_title (lab.now.policy), x, y, w);
  yy = y + pw_font_height (c, PW_FONT_TITLE) + 8;
  lines = pw_text_wrapped_lines (c, PW_FONT_BODY, policy_rule (lab.now.policy), w, 3);
  pw_text_wrapped (c, PW_FONT_BODY, &pal->muted, policy_rule (lab.now.policy), x, yy, w, 3);
  yy += lines * pw_font_height (c, PW_FONT_BODY) + 8;

  if (cfg->data_frames > 0)
    /* Translators: the pages resident, then the frames data pages may use */
    frames = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s page resident, at most %s frames for data",
                                           "%s pages resident, at most %s frames for data", n),
                              PW_DEC (n), PW_DEC (cfg->data_frames));
  else
    frames = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s page resident that may be evicted",
                                           "%s pages resident that may be evicted", n),
                              PW_DEC (n));
  pw_text (c, PW_FONT_BOLD, &pal->fg, frames, x, yy, w, PW_ALIGN_LEFT);
  yy += pw_font_height (c, PW_FONT_BOLD);
  step = step_text (c, &lab, &fault);
  pw_text (c, PW_FONT_BOLD, fault ? &pal->warn : c->ev ? &pal->hit : &pal->muted, step, x, yy, w, PW_ALIGN_LEFT);
  yy += pw_font_height (c, PW_FONT_BOLD) + HEAD_GAP;

  if (n == 0)
    pw_text (c, PW_FONT_BODY, &pal->muted,
             _("No page can be evicted now: no data page is resident (page tables and pinned pages stay)."),
             x, yy + 8, w, PW_ALIGN_LEFT);
  else if (lab.circle)
    {
      yy = draw_clock (c, &lab, x, yy, w);
      clock_legend (c, x, yy, w, TRUE);
    }
  else
    {
      yy = draw_row (c, &lab, x, yy, w);
      if (lab.now.policy == PW_POLICY_CLOCK)
        clock_legend (c, x, yy, w, TRUE);
    }
  lab_clear (&lab);
}

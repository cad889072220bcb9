/* pw-render-walk.c: the teaching diagram of one translation (the walk view)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-render"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "pw-render-private.h"

/* ---- the diagram --------------------------------------------------------------- */

#define TITLE_H   30.0
#define ADDR_H    (15.0 + 28.0 + 36.0)
#define TLB_H     34.0
#define PA_H      (26.0 + 8 + 15.0 + 28.0 + 36.0)
#define HEAD_H    PW_WALK_HEAD_H
#define BAND_H    PW_WALK_BAND_H
#define ROOT_W    112.0

#define NARR_LINE 17.0
#define KSTRIP_GAP 26.0

/* The kernel's work before the retry, below the tables: its text. */
static char *
kernel_story (PwCtx *c)
{
  g_auto(GStrv) acts = NULL;
  g_autofree char *joined = NULL;
  g_autofree char *why = NULL;

  if (c->ev == NULL || !c->ev->retried || c->arch->kind != PW_ARCH_PAGED)
    return NULL;
  acts = pw_kernel_actions (c, TRUE);
  joined = g_strjoinv (" → ", acts);
  why = pw_fault_clause (c, c->walk);
  /* Translators: the fault's kind, its reason, what the kernel did */
  return g_strdup_printf (_("Kernel, after the %s fault (%s): %s."),
                          pw_walk_fault_word (c, c->walk), why, joined);
}

static double
kernel_strip_height (PwCtx  *c,
                     double  w)
{
  g_autofree char *story = kernel_story (c);

  if (story == NULL)
    return 0;
  return 12 + pw_text_wrapped_lines (c, PW_FONT_SMALL, story, w - 44, 3) * 15.0 + KSTRIP_GAP;
}

static double
narration_extra (PwCtx  *c,
                 double  w)
{
  g_autofree char *narr = NULL;

  if (c->compact || c->walk == NULL)
    return 0;
  narr = pw_narration_here (c);
  return narr ? (pw_text_wrapped_lines (c, PW_FONT_BODY, narr, w, 2) - 1) * NARR_LINE : 0;
}

double
pw_walk_measure (PwCtx  *c,
                 double  w)
{
  double extra = narration_extra (c, w);

  /* a step without an access: what the kernel did, where the walk would be */
  if (c->walk == NULL && c->life != NULL)
    return MAX (pw_life_measure (c, w), TITLE_H + 22 + ADDR_H);

  return TITLE_H + 22 + extra + ADDR_H + TLB_H + HEAD_H + 300 + 24 + kernel_strip_height (c, w) + PA_H;
}

double
pw_seg_walk_measure (PwCtx  *c,
                     double  w)
{
  double extra = narration_extra (c, w);

  if (c->walk == NULL && c->life != NULL)
    return MAX (pw_life_measure (c, w), TITLE_H + 22 + ADDR_H);

  return TITLE_H + 22 + extra + ADDR_H + 36 + pw_seg_walk_body_height (c) + PA_H;
}

typedef PwBox Box;

static void
place_columns (double       x,
               double       w,
               const double *want_centre,
               guint        n,
               double       col_w,
               double       gap,
               double       left_min,
               double      *out_x)
{
  double pos = left_min;
  gboolean ok = TRUE;

  for (guint i = 0; i < n; i++)
    {
      double l = MAX (want_centre[i] - col_w / 2, pos);
      out_x[i] = l;
      pos = l + col_w + gap;
    }
  if (n > 0 && out_x[n - 1] + col_w > x + w)
    ok = FALSE;
  if (!ok)
    {
      /* even spacing across what is left */
      double avail = x + w - left_min, step = n > 1 ? (avail - col_w) / (n - 1) : 0;
      for (guint i = 0; i < n; i++)
        out_x[i] = left_min + i * step;
    }
}

static void
badge (PwCtx       *c,
       double       x,
       double       y,
       gboolean     hit_mark,
       const char  *text,
       const char  *short_text,
       double       max_w)
{
  const PwPalette *pal = c->pal;
  const PwRgb *col = hit_mark ? &pal->hit : &pal->miss;
  cairo_t *cr = c->cr;

  if (hit_mark)
    {
      /* filled disc with a check mark */
      cairo_arc (cr, x + 10, y + 12, 10, 0, 2 * G_PI);
      pw_set_rgb (c, col);
      cairo_fill (cr);
      cairo_move_to (cr, x + 5, y + 12);
      cairo_line_to (cr, x + 9, y + 16);
      cairo_line_to (cr, x + 15, y + 7);
      pw_set_rgb (c, &pal->bg);
      cairo_set_line_width (cr, 2.5);
      cairo_stroke (cr);
    }
  else
    {
      /* hollow square with a cross */
      pw_stroke_rect (c, col, 2.5, x, y + 2, 20, 20);
      cairo_move_to (cr, x + 5, y + 7);
      cairo_line_to (cr, x + 15, y + 17);
      cairo_move_to (cr, x + 15, y + 7);
      cairo_line_to (cr, x + 5, y + 17);
      pw_set_rgb (c, col);
      cairo_set_line_width (cr, 2.5);
      cairo_stroke (cr);
    }
  /* the shorter text when the first index's arrow comes down too close */
  if (pw_text_fit (c, PW_FONT_BOLD, col, x + 27, y + 3, max_w - 27, PW_ALIGN_LEFT, text, short_text, NULL) < 0)
    /* the overview's 32-bit walk leaves a few pixels too few: the words
     * smaller rather than the mark alone */
    pw_text_fit (c, PW_FONT_SMALL, col, x + 25, y + 5, max_w - 25, PW_ALIGN_LEFT, short_text, NULL);
}

static void
warn_box (PwCtx      *c,
          double      x,
          double      y,
          double      w,
          double      h,
          const char *title,
          const char *body,
          double      alpha)
{
  const PwPalette *pal = c->pal;
  PwRgb fill = pw_tint (c, &pal->warn, 0.12);

  gboolean pushed = pw_fade_begin (c, alpha, x - 2, y - 2, w + 4, h + 4);

  pw_round_rect (c, x, y, w, h, 6);
  pw_set_rgb (c, &fill);
  cairo_fill_preserve (c->cr);
  pw_set_rgb (c, &pal->warn);
  cairo_set_line_width (c->cr, 2);
  cairo_stroke (c->cr);
  /* narrow boxes: a shorter title rather than a cut one */
  pw_text_fit (c, PW_FONT_BOLD, &pal->warn, x + 8, y + 6, w - 16, PW_ALIGN_LEFT,
               title, _("⚠ fault"), "⚠", NULL);
  if (body)
    {
      pw_layout_forget (c);
      pango_layout_set_font_description (c->layout, c->font[PW_FONT_SMALL]);
      pango_layout_set_text (c->layout, body, -1);
      pango_layout_set_width (c->layout, (int) ((w - 16) * PANGO_SCALE));
      pango_layout_set_ellipsize (c->layout, PANGO_ELLIPSIZE_END);
      /* half a line of slack: a drawing scaled down (narrower than its
       * least width) has lines a fraction of a pixel taller */
      pango_layout_set_height (c->layout, (int) ((h - 32 + 7) * PANGO_SCALE));
      pango_layout_set_wrap (c->layout, PANGO_WRAP_WORD_CHAR);
      {
        PangoRectangle ink, logical;

        pango_layout_get_extents (c->layout, &ink, &logical);
        pw_check_label (c, body, pango_layout_is_ellipsized (c->layout), x + 8, y + 26,
                        (double) logical.width / PANGO_SCALE, (double) logical.height / PANGO_SCALE);
      }
      pw_set_rgb (c, &pal->fg);
      cairo_move_to (c->cr, x + 8, y + 26);
      pango_cairo_show_layout (c->cr, c->layout);
      pango_layout_set_height (c->layout, -1);
      pango_layout_set_wrap (c->layout, PANGO_WRAP_WORD);
      pw_layout_forget (c);
      cairo_new_path (c->cr);
    }
  pw_fade_end (c, pushed, alpha);
}

static void
kernel_panel (PwCtx  *c,
              double  x,
              double  y,
              double  w,
              double  h)
{
  const PwPalette *pal = c->pal;
  const PwEvent *ev = c->ev;
  const PwArch *a = c->arch;
  double ly = y + 30;
  double pe = pw_anim_progress (c, PW_PH_EVICT, 0, FALSE);
  double pr = pw_anim_progress (c, PW_PH_READ, 0, FALSE);
  double pf = pw_anim_progress (c, PW_PH_FRAME, 0, FALSE);
  PwRgb fill = pw_tint (c, &pal->fg, 0.05);

  cairo_save (c->cr);
  cairo_rectangle (c->cr, x - 2, y - 2, w + 4, h + 4);
  cairo_clip (c->cr);
  pw_round_rect (c, x, y, w, h, 6);
  pw_set_rgb (c, &fill);
  cairo_fill_preserve (c->cr);
  pw_set_rgb (c, &pal->line);
  cairo_set_line_width (c->cr, 1.2);
  cairo_stroke (c->cr);
  pw_text (c, PW_FONT_BOLD, &pal->fg, _("Kernel: page-fault handler"), x + 8, y + 6, w - 16,
           PW_ALIGN_LEFT);

  if (pe > 0)
    {
      g_autofree char *page = pw_hex (ev->evicted.vpn);
      g_autofree char *frame = pw_hex (ev->evicted.frame);
      /* Translators: the victim page, its pid, its frame */
      g_autofree char *t1 = g_strdup_printf (_("evict page %s (pid %u) from frame %s"),
                                             page, ev->evicted.pid, frame);
      g_autofree char *fate = pw_eviction_fate (&ev->evicted);
      g_autofree char *t2 = g_strdup_printf ("→ %s", fate);
      pw_text (c, PW_FONT_SMALL, &pal->fg, t1, x + 8, ly, w - 16, PW_ALIGN_LEFT);
      pw_text (c, PW_FONT_SMALL, &pal->muted, t2, x + 8, ly + 15, w - 16, PW_ALIGN_LEFT);
      ly += 38;
    }
  if (pr > 0)
    {
      g_autofree char *frame = pw_hex (ev->new_frame);
      /* Translators: a swap slot, then a frame */
      g_autofree char *t1 = g_strdup_printf (_("read slot %s into frame %s"),
                                             PW_DEC (ev->read_slot), frame);
      double gx = x + 10, gy = ly;
      pw_disk_glyph (c, &pal->disk, gx, gy, 26);
      pw_text (c, PW_FONT_SMALL, &pal->fg, t1, x + 44, ly + 6, w - 52, PW_ALIGN_LEFT);
      /* the page travels out of the disk */
      pw_arrow (c, &pal->disk, 2, gx + 13, gy + 28, gx + 13 + 40 * pr, gy + 40, TRUE, pr);
      ly += 48;
    }
  if (pf > 0)
    {
      g_autofree char *page = pw_hex (ev->vpn);
      g_autofree char *frame = pw_hex (ev->new_frame);
      g_autofree char *old = pw_leaf_frame (c, c->walk) != G_MAXUINT64 ? pw_hex (pw_leaf_frame (c, c->walk)) : NULL;
      g_autofree char *t1 = ev->cow_copy && old
        /* Translators: a virtual page, the shared frame, the new frame */
        ? g_strdup_printf (_("copy page %s: frame %s → %s"), page, old, frame)
        : ev->cow_copy
        /* Translators: a page number, then a frame */
        ? g_strdup_printf (_("copy page %s into frame %s"), page, frame)
        /* Translators: a frame, then a virtual page */
        : ev->zeroed ? g_strdup_printf (_("zero frame %s for page %s"), frame, page)
        /* Translators: a page number, then a frame */
        : g_strdup_printf (_("map page %s → frame %s"), page, frame);
      pw_set_rgba (c, &pal->fg, pf);
      pw_text (c, PW_FONT_SMALL, &pal->fg, t1, x + 8, ly, w - 16, PW_ALIGN_LEFT);
      pw_text (c, PW_FONT_SMALL, &pal->muted, _("update the entry, retry the access"), x + 8,
               ly + 15, w - 16, PW_ALIGN_LEFT);
    }
  cairo_restore (c->cr);
  (void) a;
}

/* The kernel panel in the overview's narrow walk: each line wrapped to the
 * panel's width, never cut, so every number stays whole; when the lines do
 * not all fit in @h, the muted ones go first (retrying the access, then
 * the fate of the evicted page: the narration says them).  Returns the
 * height used; draws only when @draw. */
static double
kernel_panel_compact (PwCtx    *c,
                      double    x,
                      double    y,
                      double    w,
                      double    h,
                      gboolean  draw)
{
  enum { LINE_H = 14, ITEM_GAP = 4, GLYPH = 18, PAD = 6 };
  const PwPalette *pal = c->pal;
  const PwEvent *ev = c->ev;
  struct { char *text; const PwRgb *col; int prio; gboolean glyph; double p; } items[5];
  guint n = 0;
  int lines[5];
  double used = 0, tw = w - 16;
  int level;

  if (ev->evicted.happened)
    {
      g_autofree char *page = pw_hex (ev->evicted.vpn);
      g_autofree char *frame = pw_hex (ev->evicted.frame);
      g_autofree char *fate = pw_eviction_fate (&ev->evicted);
      double pe = pw_anim_progress (c, PW_PH_EVICT, 0, FALSE);

      items[n++] = (typeof (items[0])) {
        /* Translators: the victim page, its pid, its frame */
        g_strdup_printf (_("evict page %s (pid %u) from frame %s"), page, ev->evicted.pid, frame),
        &pal->fg, 0, FALSE, pe };
      items[n++] = (typeof (items[0])) { g_strdup_printf ("→ %s", fate), &pal->muted, 1, FALSE, pe };
    }
  if (ev->fault == PW_KF_MAJOR)
    {
      g_autofree char *frame = pw_hex (ev->new_frame);

      items[n++] = (typeof (items[0])) {
        /* Translators: a swap slot, then a frame */
        g_strdup_printf (_("read slot %s into frame %s"), PW_DEC (ev->read_slot), frame),
        &pal->fg, 0, TRUE, pw_anim_progress (c, PW_PH_READ, 0, FALSE) };
    }
  {
    g_autofree char *page = pw_hex (ev->vpn);
    g_autofree char *frame = pw_hex (ev->new_frame);
    g_autofree char *old = pw_leaf_frame (c, c->walk) != G_MAXUINT64 ? pw_hex (pw_leaf_frame (c, c->walk)) : NULL;
    double pf = pw_anim_progress (c, PW_PH_FRAME, 0, FALSE);
    char *t1 = ev->cow_copy && old
      /* Translators: a virtual page, the shared frame, the new frame */
      ? g_strdup_printf (_("copy page %s: frame %s → %s"), page, old, frame)
      : ev->cow_copy
      /* Translators: a page number, then a frame */
      ? g_strdup_printf (_("copy page %s into frame %s"), page, frame)
      /* Translators: a frame, then a virtual page */
      : ev->zeroed ? g_strdup_printf (_("zero frame %s for page %s"), frame, page)
      /* Translators: a page number, then a frame */
      : g_strdup_printf (_("map page %s → frame %s"), page, frame);

    items[n++] = (typeof (items[0])) { t1, &pal->fg, 0, FALSE, pf };
    items[n++] = (typeof (items[0])) { g_strdup (_("update the entry, retry the access")),
                                       &pal->muted, 2, FALSE, pf };
  }
  for (guint i = 0; i < n; i++)
    lines[i] = pw_text_wrapped_lines (c, PW_FONT_SMALL, items[i].text,
                                      items[i].glyph ? tw - GLYPH - 8 : tw, 8);
  /* the most lines that fit: all, then without the muted ones */
  for (level = 2; level >= 0; level--)
    {
      used = 24;
      for (guint i = 0; i < n; i++)
        if (items[i].prio <= level)
          used += MAX (lines[i] * LINE_H, items[i].glyph ? GLYPH + 2 : 0) + ITEM_GAP;
      used += PAD;
      if (used <= h)
        break;
    }
  level = MAX (level, 0);
  if (draw)
    {
      PwRgb fill = pw_tint (c, &pal->fg, 0.05);
      double ly = y + 24;

      pw_round_rect (c, x, y, w, h, 6);
      pw_set_rgb (c, &fill);
      cairo_fill_preserve (c->cr);
      pw_set_rgb (c, &pal->line);
      cairo_set_line_width (c->cr, 1.2);
      cairo_stroke (c->cr);
      pw_text_fit (c, PW_FONT_BOLD, &pal->fg, x + 8, y + 5, tw, PW_ALIGN_LEFT,
                   _("Kernel: page-fault handler"), _("Kernel"), NULL);
      for (guint i = 0; i < n; i++)
        {
          double ih;

          if (items[i].prio > level)
            continue;
          ih = MAX (lines[i] * LINE_H, items[i].glyph ? GLYPH + 2 : 0);
          if (items[i].p > 0)
            {
              double tx = x + 8;
              if (items[i].glyph)
                {
                  pw_disk_glyph (c, &pal->disk, tx, ly, GLYPH);
                  tx += GLYPH + 8;
                }
              pw_text_wrapped (c, PW_FONT_SMALL, items[i].col, items[i].text, tx, ly,
                               x + w - 8 - tx, 8);
            }
          ly += ih + ITEM_GAP;
        }
    }
  for (guint i = 0; i < n; i++)
    g_free (items[i].text);
  return used;
}

/* What the paged and the segmented walk share: the title, the narration
 * and the address bar above, the physical address below. */
typedef struct
{
  double        x, y, w, h;
  const PwWalk *walk;          /* the walk drawn now (the retry once it runs) */
  gboolean      in_retry;
  gboolean      tlb_hit;
  double        fx[PW_MAX_LEVELS + 3], fw[PW_MAX_LEVELS + 3];   /* the address's fields */
  guint         nf;
  double        bar_bottom;    /* below the address bar */
  double        y_pa;          /* top of the physical address */
} WalkFrame;

/* Draws the title, the narration and the address; FALSE (and a notice
 * drawn) when there is no walk. */
static gboolean
walk_head (PwCtx     *c,
           double     x,
           double     y,
           double     w,
           double     h,
           WalkFrame *f)
{
  const PwPalette *pal = c->pal;
  const PwArch *a = c->arch;
  const PwWalk *walk;
  g_autofree char *narr = NULL;

  memset (f, 0, sizeof *f);
  if (c->walk == NULL && c->life != NULL)
    {
      pw_life_draw (c, x, y, w, h);
      return FALSE;
    }
  if (c->walk == NULL)
    {
      pw_panel_title (c, _("Page walk"), x, y, w);
      pw_address_bar (c, x, y + TITLE_H + 22, w, FALSE, NULL, NULL, NULL);
      pw_text (c, PW_FONT_BODY, &pal->muted,
               c->failed != NULL
               ? _("The step failed before any memory access: there is no translation to show.")
               : _("No translation to show yet: translate an address, or step to an access."),
               x, y + TITLE_H + 22 + ADDR_H + 20, w, PW_ALIGN_LEFT);
      return FALSE;
    }
  walk = f->walk = pw_anim_walk (c, &f->in_retry);
  f->tlb_hit = c->ev != NULL && c->ev->tlb == PW_TLB_HIT;

  /* title and narration (the overview has them across its top) */
  if (!c->compact)
  {
    g_autofree char *va = pw_fmt_addr (walk->va, a->va_bits);
    const PwProcess *p = pw_machine_lookup (c->m, c->walk_pid);
    g_autofree char *title = g_strdup_printf (_("Translating %s"), va);
    /* Translators: the pid, “ “NAME”” or nothing (three pieces), the access, the mode
     * (user, supervisor), the architecture */
    g_autofree char *who = g_strdup_printf (_("process %u%s%s%s · %s · %s mode · %s"), c->walk_pid,
                                            p && p->name ? " “" : "", p && p->name ? p->name : "",
                                            p && p->name ? "”" : "", pw_access_word (walk->access),
                                            pw_mode_name (walk->mode), a->name);
    double tw = pw_text (c, PW_FONT_TITLE, &pal->fg, title, x, y, w, PW_ALIGN_LEFT);
    pw_text (c, PW_FONT_BODY, &pal->muted, who, x + tw + 14, y + 2, w - tw - 14, PW_ALIGN_LEFT);
    narr = pw_narration_here (c);
    if (narr)
      {
        /* two lines at most; what follows moves down by the second */
        double extra = narration_extra (c, w);
        pw_text_wrapped (c, PW_FONT_BODY, &pal->fg, narr, x, y + 22, w, 2);
        y += extra;
        h -= extra;
      }
  }

  /* the address (fades in with the split) */
  if (c->compact)
    y -= TITLE_H + 22;
  {
    double alpha = 0.35 + 0.65 * pw_anim_progress (c, PW_PH_SPLIT, 0, FALSE);
    gboolean pushed = pw_fade_begin (c, alpha, x - 2, y + TITLE_H + 20, w + 4, ADDR_H + 4);
    pw_address_bar (c, x, y + TITLE_H + 22, w, FALSE, f->fx, f->fw, &f->bar_bottom);
    pw_fade_end (c, pushed, alpha);
  }
  while (f->nf < PW_MAX_LEVELS + 2 && f->fx[f->nf] >= 0)
    f->nf++;
  f->y_pa = c->compact ? y + TITLE_H + 22 + h - 28 : y + h - PA_H;
  f->x = x;
  f->y = y;
  f->w = w;
  f->h = h;
  return TRUE;
}

static void walk_physical (PwCtx *c, const WalkFrame *f, double p_final);

/* Machines without pages: registers, the limit check, base + offset. */
void
pw_seg_walk_draw (PwCtx  *c,
                  double  x,
                  double  y,
                  double  w,
                  double  h)
{
  const PwPalette *pal = c->pal;
  WalkFrame f;
  const PwWalk *walk;

  if (!walk_head (c, x, y, w, h, &f))
    return;
  walk = f.walk;
  pw_seg_walk_body (c, walk, x, f.bar_bottom + 36, w, f.y_pa - f.bar_bottom - 36, f.fx, f.fw, f.nf,
                    f.bar_bottom);
  if (walk->fault != PW_FAULT_NONE && pw_anim_progress (c, PW_PH_FAULT, -1, FALSE) > 0)
    {
      g_autofree char *t = g_strdup_printf (_("⚠ No physical address: %s fault"),
                                            pw_walk_fault_word (c, walk));
      pw_text (c, c->compact ? PW_FONT_BOLD : PW_FONT_TITLE, &pal->warn, t, x, f.y_pa + 2, w,
               PW_ALIGN_LEFT);
    }
  walk_physical (c, &f, pw_anim_progress (c, PW_PH_FINAL, 0, FALSE));
}

/* "TLB entry: page 0x6 → frame 0x2" */
static char *
tlb_entry_text (PwCtx *c)
{
  g_autofree char *page = pw_hex (c->ev->vpn);
  g_autofree char *frame = pw_hex (c->ev->pa >> c->arch->page_shift);
  /* Translators: a virtual page, then its frame */
  return g_strdup_printf (_("TLB entry: page %s → frame %s"), page, frame);
}

/* Paged machines: the TLB, one column per table read, the frame. */
void
pw_walk_draw (PwCtx  *c,
              double  x,
              double  y,
              double  w,
              double  h)
{
  const PwPalette *pal = c->pal;
  const PwArch *a = c->arch;
  WalkFrame f;
  gboolean in_retry, tlb_hit;
  const PwWalk *walk;
  const double *fx = f.fx, *fw = f.fw;
  double bar_bottom, y_tlb, y_tables, table_h, y_pa;
  guint nf, ncols, nsteps;
  double want[PW_MAX_LEVELS + 2], colx[PW_MAX_LEVELS + 2], col_w;
  double band_y[PW_MAX_LEVELS + 1];
  double p_final, root_w, col_gap, kstrip_h = 0, tlb_box_w;

  if (!walk_head (c, x, y, w, h, &f))
    return;
  walk = f.walk;
  in_retry = f.in_retry;
  tlb_hit = f.tlb_hit;
  nf = f.nf;
  bar_bottom = f.bar_bottom;
  y_pa = f.y_pa;
  root_w = c->compact ? PW_WALK_COMPACT_ROOT_W : ROOT_W;
  col_gap = c->compact ? PW_WALK_COMPACT_GAP : 36;

  y_tlb = bar_bottom + 36 + 6;
  y_tables = y_tlb + TLB_H + HEAD_H;
  kstrip_h = c->compact ? 0 : kernel_strip_height (c, w);
  table_h = y_pa - 30 - y_tables - kstrip_h;
  if (table_h < 80)
    table_h = 80;

  /* TLB */
  if (c->ev != NULL && c->ev->tlb != PW_TLB_OFF)
    {
      double pt = pw_anim_progress (c, PW_PH_TLB, 0, FALSE);
      if (pt > 0)
        {
          g_autofree char *page = pw_hex (c->ev->vpn);
          g_autofree char *txt = tlb_hit ? g_strdup_printf (_("TLB hit: page %s"), page)
                                         : g_strdup_printf (_("TLB miss: page %s not cached"), page);
          /* up to the first index's arrow, which crosses this row */
          double room = nf > 1 ? fx[0] + fw[0] / 2 - 8 - x : w;
          gboolean pushed = pw_fade_begin (c, pt, x, y_tlb - 2, w, TLB_H);
          badge (c, x, y_tlb, tlb_hit, txt, tlb_hit ? _("TLB hit") : _("TLB miss"), room);
          pw_fade_end (c, pushed, pt);
        }
    }


  /* the kernel's work, once the retry runs: a strip below the tables (the
   * overview has too little room: one line there) */
  if (in_retry && c->ev && kstrip_h > 0)
    {
      g_autofree char *story = kernel_story (c);
      double ky = y_tables + table_h + 22, kh = kstrip_h - KSTRIP_GAP + 4;
      PwRgb fill = pw_tint (c, &pal->disk, 0.10);

      pw_round_rect (c, x, ky, w, kh, 6);
      pw_set_rgb (c, &fill);
      cairo_fill_preserve (c->cr);
      pw_set_rgb (c, &pal->disk);
      cairo_set_line_width (c->cr, 1.5);
      cairo_stroke (c->cr);
      if (c->ev->fault == PW_KF_MAJOR || c->ev->evicted.happened)
        pw_disk_glyph (c, &pal->disk, x + 10, ky + 6, 20);
      else
        pw_text (c, PW_FONT_BOLD, &pal->disk, "⚙", x + 20, ky + 5, -1, PW_ALIGN_CENTER);
      pw_text_wrapped (c, PW_FONT_SMALL, &pal->fg, story, x + 38, ky + 6, w - 44, 3);
    }

  /* columns: root register, one per table read, then the frame */
  nsteps = tlb_hit ? 0 : walk->n_steps;
  ncols = nsteps + 1;
  col_w = MIN (230, (w - root_w - 30) / ncols - col_gap);
  col_w = MAX (col_w, c->compact ? PW_WALK_COMPACT_COL_W : 110);
  for (guint i = 0; i < nsteps; i++)
    want[i] = i < nf ? fx[i] + fw[i] / 2 : x + w / 2;
  want[nsteps] = fx[nf - 1] + fw[nf - 1] / 2;
  /* a TLB hit draws no register and no table: the entry's box on the left,
   * the frame right of it, never under it */
  tlb_box_w = 0;
  if (tlb_hit)
    {
      g_autofree char *t = tlb_entry_text (c);
      double tw;
      pw_text_size (c, PW_FONT_MONO_SMALL, t, &tw, NULL);
      tlb_box_w = MIN (tw + 16, w / 2 - 40);
    }
  place_columns (x, w, want, ncols, col_w, col_gap,
                 tlb_hit ? x + tlb_box_w + 40 : x + root_w + 30, colx);

  /* the root register */
  if (!tlb_hit)
    {
      g_autofree char *root = pw_fmt_hex (walk->root);
      double ry = y_tables;
      PwRgb fill = pw_tint (c, &pal->table, 0.12);
      pw_fill_rect (c, &fill, x, ry, root_w, 44);
      pw_stroke_rect (c, &pal->table, 1.5, x, ry, root_w, 44);
      pw_text (c, PW_FONT_BOLD, &pal->fg, a->root_register, x + root_w / 2, ry + 4, root_w - 8,
               PW_ALIGN_CENTER);
      pw_text (c, PW_FONT_MONO_SMALL, &pal->fg, root, x + root_w / 2, ry + 24, root_w - 8,
               PW_ALIGN_CENTER);
      if (c->ev == NULL || c->ev->tlb == PW_TLB_OFF)
        {
          /* below the register, clear of the index arrows */
          pw_text_fit (c, PW_FONT_SMALL, &pal->muted, x, ry + 50, root_w + 20, PW_ALIGN_LEFT,
                       _("hardware walk"), NULL);
          pw_text_fit (c, PW_FONT_SMALL, &pal->muted, x, ry + 65, root_w + 20, PW_ALIGN_LEFT,
                       _("(no TLB lookup)"), NULL);
        }
      if (nsteps > 0)
        pw_arrow (c, &pal->fg, 1.8, x + root_w, ry + 22, colx[0], y_tables + 3, FALSE,
                  pw_anim_progress (c, PW_PH_INDEX, 0, in_retry) > 0 ? 1 : 0);
    }

  /* the tables */
  for (guint i = 0; i < nsteps; i++)
    {
      Box b = { colx[i], y_tables, col_w, table_h };
      double pi = pw_anim_progress (c, PW_PH_INDEX, i, in_retry);
      double pe = pw_anim_progress (c, PW_PH_ENTRY, i, in_retry);
      const PwRgb *fc = &pal->field[MIN (i, PW_MAX_LEVELS - 1)];

      if (!pw_anim_started (c, PW_PH_INDEX, i, in_retry) && i > 0)
        {
          /* not read yet: only an outline */
          cairo_set_dash (c->cr, (double[]) { 4, 4 }, 2, 0);
          pw_stroke_rect (c, &pal->grid, 1, b.x, b.y, b.w, b.h);
          cairo_set_dash (c->cr, NULL, 0, 0);
          band_y[i] = b.y;
          continue;
        }
      pw_walk_table (c, walk, i, in_retry, &b, pi, pe, &band_y[i]);

      /* the index travels from its field to the entry */
      if (i < nf - 1)
        {
          double sx = fx[i] + fw[i] / 2, sy = bar_bottom + 36;
          double ex = b.x + b.w - 22, ey = band_y[i];
          char bits[8];
          pw_arrow (c, fc, 2.2, sx, sy, ex, ey, TRUE, pi);
          g_snprintf (bits, sizeof bits, "%u", a->level_bits[i]);
          if (pi > 0)
            pw_text (c, PW_FONT_SMALL, fc, bits, sx + 5, sy + 1, -1, PW_ALIGN_LEFT);
        }
      /* the entry points to the next table */
      if (i + 1 < nsteps && pe > 0.5)
        pw_arrow (c, &pal->fg, 1.8, b.x + b.w + 2, band_y[i] + BAND_H / 2, colx[i + 1], y_tables + 3,
                  FALSE, pw_anim_progress (c, PW_PH_INDEX, i + 1, in_retry) > 0 ? 1 : (pe - 0.5) * 2);
    }

  /* fault, kernel, frame */
  p_final = pw_anim_progress (c, PW_PH_FINAL, 0, in_retry);
  {
    double fxr = colx[nsteps];
    double fyr = y_tables;
    guint64 psize = walk->page_size ? walk->page_size : pw_arch_page_size (a);
    guint64 off = walk->va & (psize - 1);

    if (walk->fault != PW_FAULT_NONE)
      {
        double pfault = pw_anim_progress (c, PW_PH_FAULT, walk->fault_depth, FALSE);
        gboolean kernel = c->ev && c->ev->retried
                          && pw_anim_started (c, PW_PH_FRAME, 0, FALSE) + pw_anim_started (c, PW_PH_READ, 0, FALSE)
                             + pw_anim_started (c, PW_PH_EVICT, 0, FALSE) > 0;
        /* the fault's box as tall as its words, the kernel's below it, both
         * above the bottom of the tables (the overview's section line) */
        double y_limit = c->compact ? y_pa - 6 : fyr + table_h;
        double kneed = !kernel ? 0
          : 42 + (c->ev->evicted.happened ? 38 : 0) + (c->ev->fault == PW_KF_MAJOR ? 48 : 0) + 32;
        double wh = 96;
        /* the overview's walk is too short for both boxes: once the kernel
         * works, its panel takes the fault box's place (the faulting entry
         * is red, the narration and the panel's title say the fault), down
         * to where the physical address comes when the kernel is done */
        gboolean kernel_only = c->compact && kernel;
        if (kernel_only)
          {
            y_limit = y_pa + 22;
            wh = -12;
            if (walk->fault_depth >= 0 && (guint) walk->fault_depth < nsteps)
              pw_arrow (c, &pal->warn, 2, colx[walk->fault_depth] + col_w + 2,
                        band_y[walk->fault_depth] + BAND_H / 2, fxr, fyr + 14, FALSE, 1);
          }
        if (pfault > 0 && !kernel_only)
          {
            g_autofree char *title = g_strdup (_("⚠ page fault"));
            guint64 slot = 0;
            g_autofree char *why = pw_fault_clause (c, walk);
            PwPageOutlook outlook = in_retry ? PW_OUTLOOK_NONE : pw_walk_outlook (c, &slot);
            g_autofree char *then = pw_page_outlook_short (outlook, slot);
            g_autofree char *msg = then
              ? g_strdup_printf ("%s: %s — %s", pw_walk_fault_word (c, walk), why, then)
              : g_strdup_printf ("%s: %s", pw_walk_fault_word (c, walk), why);
            double wx = nsteps > 0 && walk->fault_depth >= 0 ? colx[MIN ((guint) walk->fault_depth + 1, nsteps)]
                                                              : colx[0];
            double wy = fyr;
            if (walk->fault_depth < 0)
              wx = x + root_w + 30;   /* nothing was read: the check comes first */
            double ww = MIN (col_w + 60, x + w - wx);
            if (walk->fault_depth >= 0 && (guint) walk->fault_depth + 1 < nsteps + 1)
              wx = colx[walk->fault_depth + 1];
            if (walk->fault_depth >= 0 && (guint) walk->fault_depth < nsteps)
              {
                Box *dummy = NULL;
                (void) dummy;
                pw_arrow (c, &pal->warn, 2, colx[walk->fault_depth] + col_w + 2,
                          band_y[walk->fault_depth] + BAND_H / 2, wx, wy + 20, FALSE, pfault);
              }
            {
              /* the message whole or not at all: the narration above says
               * it too, with the same numbers */
              int lines = pw_text_wrapped_lines (c, PW_FONT_SMALL, msg, ww - 16, 100);
              double need = 32 + 15.0 * lines;

              wh = need;
              if (kneed > 0)
                wh = MIN (wh, MAX (y_limit - fyr - kneed - 12, 30));
              if (lines > 6 || wh < need)
                wh = 30;
              warn_box (c, wx, wy, ww, wh, title, wh >= need ? msg : NULL, pfault);
            }
          }
        /* the kernel works below the fault it answers */
        if (kernel_only)
          {
            double kw = MIN (col_w + 60, x + w - fxr);
            double kh = kernel_panel_compact (c, fxr, fyr, kw, y_limit - fyr, FALSE);
            kernel_panel_compact (c, fxr, fyr, kw, MIN (kh, y_limit - fyr), TRUE);
          }
        else if (kernel)
          {
            double ky = fyr + wh + 12;
            kernel_panel (c, fxr, ky, MIN (col_w + 60, x + w - fxr),
                          MAX (y_limit - ky, MIN (kneed, 60)));
          }
      }
    else
      {
        double pleaf = nsteps > 0 ? pw_anim_progress (c, PW_PH_ENTRY, nsteps - 1, in_retry) : 1;
        if (tlb_hit)
          {
            /* the TLB gives the frame straight away */
            g_autofree char *t = tlb_entry_text (c);
            double bx = x;
            PwRgb fill = pw_tint (c, &pal->hit, 0.15);
            PwHit *th;
            pw_fill_rect (c, &fill, bx, fyr, tlb_box_w, 48);
            pw_stroke_rect (c, &pal->hit, 2, bx, fyr, tlb_box_w, 48);
            if (pw_text_fit (c, PW_FONT_MONO_SMALL, &pal->fg, bx + 8, fyr + 16, tlb_box_w - 16,
                             PW_ALIGN_LEFT, t, NULL) < 0)
              {
                /* two lines rather than a cut number */
                g_autofree char *page = pw_hex (c->ev->vpn);
                g_autofree char *frame = pw_hex (c->ev->pa >> c->arch->page_shift);
                /* Translators: a virtual page (first line of "TLB entry: page 0x6 → frame 0x2") */
                g_autofree char *l1 = g_strdup_printf (_("TLB: page %s"), page);
                /* Translators: its frame (second line) */
                g_autofree char *l2 = g_strdup_printf (_("→ frame %s"), frame);

                pw_text (c, PW_FONT_MONO_SMALL, &pal->fg, l1, bx + 8, fyr + 8, tlb_box_w - 16, PW_ALIGN_LEFT);
                pw_text (c, PW_FONT_MONO_SMALL, &pal->fg, l2, bx + 8, fyr + 25, tlb_box_w - 16, PW_ALIGN_LEFT);
              }
            pw_arrow (c, &pal->hit, 2, bx + tlb_box_w, fyr + 24, fxr, fyr + 10, FALSE, p_final);
            /* the entry that hit, when the machine drawn still holds it */
            for (guint k = 0; k < pw_machine_tlb_size (c->m); k++)
              {
                const PwTlbEntry *te = pw_machine_tlb_entry (c->m, k);
                if (te == NULL || !te->valid || te->size == 0
                    || (te->vpn << pw_log2 (te->size)) != (c->ev->va & ~(te->size - 1))
                    || te->frame != (c->ev->pa & ~(te->size - 1)) >> a->page_shift)
                  continue;
                th = pw_hit_add (c, PW_HIT_TLB_ENTRY, bx, fyr, tlb_box_w, 48);
                th->pid = c->walk_pid;
                th->index = k;
                break;
              }
            pleaf = p_final;
            off = c->ev->va & (pw_arch_page_size (a) - 1);
            psize = pw_arch_page_size (a);
          }
        if (pleaf > 0)
          {
            guint64 frame = tlb_hit ? c->ev->pa >> a->page_shift : walk->frame;
            g_autofree char *fr = pw_fmt_hex (frame);
            g_autofree char *last = pw_fmt_hex (frame + MAX (psize >> a->page_shift, 1) - 1);
            g_autofree char *head = psize > pw_arch_page_size (a)
              /* Translators: the first and last frames */
              ? g_strdup_printf (_("frames %s–%s"), fr, last)
              : g_strdup_printf (_("page frame %s"), fr);
            g_autofree char *size = pw_fmt_size (psize);
            g_autofree char *base = pw_fmt_addr (frame << a->page_shift, a->pa_bits);
            /* Translators: the page size (4 KiB...), then the frame's address */
            g_autofree char *sub = g_strdup_printf (_("%s page @ %s"), size, base);
            double fw_box = MIN (col_w + 40, x + w - fxr);
            double oy = fyr + 4 + (table_h - BAND_H - 8) * ((double) off / (double) psize);
            const PwRgb *proc = pw_proc_colour (c, c->walk_pid);
            PwRgb fill = pw_tint (c, proc, 0.14);
            PwHit *hit;

            gboolean pushed = pw_fade_begin (c, pleaf, x, fyr - HEAD_H - 2, w, table_h + HEAD_H + 6);
            {
              g_autofree char *range = g_strdup_printf ("%s–%s", fr, last);
              if (pw_text_fit (c, PW_FONT_BOLD, &pal->fg, fxr, fyr - HEAD_H, fw_box, PW_ALIGN_LEFT,
                               head, psize > pw_arch_page_size (a) ? range : fr, NULL) < 0)
                pw_text (c, PW_FONT_BOLD, &pal->fg, head, fxr, fyr - HEAD_H, fw_box, PW_ALIGN_LEFT);
            }
            {
              /* the address whole, the size dropped first */
              g_autofree char *at = g_strdup_printf ("@ %s", base);
              pw_text_fit (c, PW_FONT_MONO_SMALL, &pal->muted, fxr, fyr - HEAD_H + 17, fw_box,
                           PW_ALIGN_LEFT, sub, at, base, NULL);
            }
            pw_fill_rect (c, &fill, fxr, fyr, fw_box, table_h);
            pw_stroke_rect (c, proc, 2, fxr, fyr, fw_box, table_h);
            if (nsteps > 0)
              pw_arrow (c, &pal->fg, 1.8, colx[nsteps - 1] + col_w + 2,
                        band_y[nsteps - 1] + BAND_H / 2, fxr, fyr + 10, FALSE, 1);
            pw_fade_end (c, pushed, pleaf);
            hit = pw_hit_add (c, PW_HIT_FRAME, fxr, fyr, fw_box, table_h);
            hit->frame = frame;
            hit->count = MAX (psize >> a->page_shift, 1);
            hit->pid = c->walk_pid;

            /* the offset drops into the frame */
            if (p_final > 0)
              {
                g_autofree char *ot = pw_fmt_hex (off);
                g_autofree char *line = NULL;
                int value = tlb_hit ? -1 : walk->value;
                PwRgb of = pw_tint (c, &pal->offset, 0.3);
                double sx = fx[nf - 1] + fw[nf - 1] / 2, sy = bar_bottom + 36;
                char bits[8];

                if (value >= 0)
                  /* Translators: the offset, then the byte there */
                  line = g_strdup_printf (_("+%s: byte 0x%02x"), ot, value);
                else
                  line = g_strdup_printf ("+%s", ot);
                pw_set_rgba (c, &of, p_final);
                pw_rect (c, fxr + 1, oy, fw_box - 2, BAND_H);
                cairo_fill (c->cr);
                pw_stroke_rect (c, &pal->offset, 2.5, fxr - 2, oy, fw_box + 4, BAND_H);
                {
                  /* without the byte when the box is narrow: the offset whole */
                  g_autofree char *plus = g_strdup_printf ("+%s", ot);

                  if (pw_text_fit (c, PW_FONT_MONO_SMALL, &pal->fg, fxr + 6, oy + 11, fw_box - 12,
                                   PW_ALIGN_LEFT, line, plus, NULL) < 0)
                    pw_text (c, PW_FONT_MONO_SMALL, &pal->fg, plus, fxr + 6, oy + 11, fw_box - 12,
                             PW_ALIGN_LEFT);
                }
                pw_arrow (c, &pal->offset, 2.2, sx, sy, fxr + fw_box - 22, oy, TRUE, p_final);
                g_snprintf (bits, sizeof bits, "%u", pw_log2 (psize));
                pw_text (c, PW_FONT_SMALL, &pal->offset, bits, sx + 5, sy + 1, -1, PW_ALIGN_LEFT);
              }
          }
      }
  }

  /* a walk that stopped: say so where the physical address would be */
  if (walk->fault != PW_FAULT_NONE && pw_anim_progress (c, PW_PH_FAULT, -1, FALSE) > 0
      && (c->ev == NULL || !c->ev->retried))
    {
      g_autofree char *t = g_strdup_printf (_("⚠ No physical address: %s fault"),
                                            pw_walk_fault_word (c, walk));
      pw_text (c, c->compact ? PW_FONT_BOLD : PW_FONT_TITLE, &pal->warn, t, x, y_pa + 2, w,
               PW_ALIGN_LEFT);
    }

  walk_physical (c, &f, p_final);
}

/* The physical address (one line in the overview). */
static void
walk_physical (PwCtx           *c,
               const WalkFrame *f,
               double           p_final)
{
  const PwPalette *pal = c->pal;
  const PwArch *a = c->arch;
  const PwWalk *walk = f->walk;
  gboolean tlb_hit = f->tlb_hit;
  double x = f->x, w = f->w, y_pa = f->y_pa;

  if (c->compact && walk->fault == PW_FAULT_NONE && p_final > 0)
    {
      guint64 pa = tlb_hit ? c->ev->pa : walk->pa;
      g_autofree char *pas = pw_fmt_addr (pa, a->pa_bits);
      double lw = pw_text (c, PW_FONT_BOLD, &pal->fg, _("Physical address"), x, y_pa + 4, w, PW_ALIGN_LEFT);
      double aw = pw_text (c, PW_FONT_MONO_BIG, &pal->fg, pas, x + lw + 8, y_pa, w - lw - 8, PW_ALIGN_LEFT);
      if (f->in_retry && c->ev && c->ev->retried)
        {
          /* what the kernel did first, in one line */
          g_auto(GStrv) acts = pw_kernel_actions (c, FALSE);
          /* Translators: what joins the kernel's actions in a list ("evicted
           * page 0x1 ..., then read page 0x3 from disk slot 7 ...") */
          g_autofree char *what = g_strjoinv (_(", then "), acts);
          g_autofree char *t = g_strdup_printf (_("after the kernel %s"), what);
          /* too long for the line: said without its numbers (the physical
           * view and the disk show the frame and the slots) */
          pw_text_fit (c, PW_FONT_SMALL, &pal->disk, x + lw + aw + 20, y_pa + 5, w - lw - aw - 20,
                       PW_ALIGN_LEFT, t, _("after the kernel handled the fault"), NULL);
        }
    }
  else if (walk->fault == PW_FAULT_NONE && p_final > 0)
    {
      guint64 pa = tlb_hit ? c->ev->pa : walk->pa;
      PwWalk tmp;
      const PwWalk *saved = c->walk, *saved_retry = c->retry;
      double pfx[4], pfw[4], pb;

      gboolean pushed = pw_fade_begin (c, p_final, x - 2, y_pa - 2, w + 4, PA_H + 4);
      if (tlb_hit)
        {
          /* draw the bar from the event's result */
          pw_mmu_split (a, c->ev->va, &tmp);
          tmp.pa = pa;
          tmp.fault = PW_FAULT_NONE;
          tmp.page_size = pw_arch_page_size (a);
          tmp.frame = pa >> a->page_shift;
          c->walk = &tmp;
          c->retry = NULL;
        }
      {
        g_autofree char *pas = pw_fmt_addr (pa, a->pa_bits);
        double lw = pw_text (c, PW_FONT_TITLE, &pal->fg, _("Physical address"), x, y_pa + 2, w,
                             PW_ALIGN_LEFT);
        pw_text (c, PW_FONT_MONO_BIG, &pal->fg, pas, x + lw + 8, y_pa, w - lw - 8, PW_ALIGN_LEFT);
      }
      pw_address_bar (c, x, y_pa + 34, w, TRUE, pfx, pfw, &pb);
      c->walk = saved;
      c->retry = saved_retry;
      pw_fade_end (c, pushed, p_final);
    }
}

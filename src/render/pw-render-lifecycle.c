/* pw-render-lifecycle.c: a step without an access, drawn where the walk is
 *
 * A switch, fork, spawn, exit or range step (reserve, commit, decommit,
 * free) makes no access, so there is no walk to draw: the walk view, and
 * the walk's place in the overview, show what the kernel did instead, from
 * its record of the step (c->life, pw_machine_last_step()) and the machine
 * after it:
 *
 * - switch: the CPU's root register (the architecture's own name: CR3,
 *   satp, TTBR0_EL1, PTBR...) from the old process's root frame to the new
 *   one's, and the TLB's entries, flushed (crossed out) or kept (ASIDs);
 * - fork: parent and child side by side, each page of the child beside the
 *   parent's, both pointing at the one frame they share, copy-on-write
 *   pages marked in both; the tables and entries copied;
 * - spawn and exit: the process's regions appearing, or freed with the
 *   frames, tables and swap slots it gave back;
 * - range steps: the range before and after, piece by piece
 *   (pw-render-life-range.c).
 *
 * The words are in pw-render-life-text.c.  What changes fades in over
 * PW_LIFE_SECONDS (pw_life_progress()); the final state is the whole
 * picture.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-render"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "pw-render-private.h"

#define TITLE_H   30.0
#define NARR_LINE 17.0
#define LINE_H    17.0
#define ROW_H     26.0
#define CARD_H    54.0

double
pw_life_progress (const PwCtx *c)
{
  double t = c->o->t;

  if (c->o->reduced_motion || t >= PW_LIFE_SECONDS)
    return 1;
  t = CLAMP (t / PW_LIFE_SECONDS, 0, 1);
  return t * t * (3 - 2 * t);
}

/* ---- shared pieces --------------------------------------------------------- */

/* Lines of text below a figure: their height at @w. */
double
pw_life_lines_height (PwCtx       *c,
                      char *const *lines,
                      double       w)
{
  double h = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    h += pw_text_wrapped_lines (c, PW_FONT_BODY, lines[i], w, 3) * LINE_H + 4;
  return h;
}

double
pw_life_draw_lines (PwCtx       *c,
                    char *const *lines,
                    double       x,
                    double       y,
                    double       w)
{
  for (guint i = 0; lines[i] != NULL; i++)
    {
      int n = pw_text_wrapped_lines (c, PW_FONT_BODY, lines[i], w, 3);
      pw_text_wrapped (c, PW_FONT_BODY, &c->pal->fg, lines[i], x, y, w, 3);
      y += n * LINE_H + 4;
    }
  return y;
}

/* A process's card: its name and up to two lines below, in its colour's
 * tint (dashed and plain when @gone). */
static void
card (PwCtx      *c,
      guint       pid,
      const char *who,
      const char *line1,
      const char *line2,
      gboolean    gone,
      double      x,
      double      y,
      double      w,
      double      h)
{
  const PwPalette *pal = c->pal;
  PwRgb fill = pw_tint (c, pw_proc_colour (c, pid), gone ? 0.0 : 0.14);
  double dash[] = { 5, 4 };

  pw_round_rect (c, x, y, w, h, 6);
  pw_set_rgb (c, &fill);
  cairo_fill_preserve (c->cr);
  pw_set_rgb (c, gone ? &pal->muted : pw_proc_colour (c, pid));
  cairo_set_line_width (c->cr, 2);
  if (gone)
    cairo_set_dash (c->cr, dash, 2, 0);
  cairo_stroke (c->cr);
  cairo_set_dash (c->cr, NULL, 0, 0);
  pw_text (c, PW_FONT_BOLD, &pal->fg, who, x + 10, y + 6, w - 20, PW_ALIGN_LEFT);
  if (line1)
    pw_text_fit (c, PW_FONT_SMALL, &pal->fg, x + 10, y + 25, w - 20, PW_ALIGN_LEFT, line1, NULL);
  if (line2)
    pw_text_fit (c, PW_FONT_SMALL, &pal->muted, x + 10, y + 39, w - 20, PW_ALIGN_LEFT, line2, NULL);
}

/* A small page-table glyph: a box of rows. */
static void
table_glyph (PwCtx  *c,
             double  x,
             double  y,
             double  s)
{
  PwRgb fill = pw_tint (c, &c->pal->table, 0.2);

  pw_fill_rect (c, &fill, x, y, s * 0.8, s);
  pw_stroke_rect (c, &c->pal->table, 1.5, x, y, s * 0.8, s);
  for (int i = 1; i < 4; i++)
    {
      cairo_move_to (c->cr, x, y + s * i / 4.0);
      cairo_line_to (c->cr, x + s * 0.8, y + s * i / 4.0);
    }
  pw_set_rgb (c, &c->pal->table);
  cairo_set_line_width (c->cr, 1);
  cairo_stroke (c->cr);
}

/* "frame 0x3ff" */
static char *
frame_text (guint64 frame)
{
  g_autofree char *f = pw_fmt_hex (frame);
  return g_strdup_printf (_("frame %s"), f);
}

/* ---- switch ------------------------------------------------------------------ */

static double
switch_height (PwCtx  *c,
               double  w)
{
  g_autofree char *tlb = pw_life_tlb_line (c);
  char *lines[] = { tlb, NULL };

  return 134 + 20 + pw_life_lines_height (c, lines, w) + (c->life->tlb ? 40 : 0);
}

/* The TLB after the step: entries kept in their process's tint with the
 * pid, entries dropped crossed out, free ones empty. */
static void
tlb_boxes (PwCtx  *c,
           double  x,
           double  y,
           double  w,
           double  p)
{
  const PwPalette *pal = c->pal;
  const PwStepRecord *r = c->life;
  guint n = pw_machine_tlb_size (c->m), kept = 0, shown;
  double bs, gap = 4;

  if (n == 0)
    return;
  shown = MIN (n, 64);
  bs = MIN (56, (w - gap * shown) / shown);
  for (guint i = 0; i < n && kept < shown; i++)
    {
      const PwTlbEntry *e = pw_machine_tlb_entry (c->m, i);
      PwRgb fill;
      double bx = x + kept * (bs + gap);
      PwHit *hit;

      if (!e->valid)
        continue;
      fill = pw_tint (c, pw_proc_colour (c, e->pid), 0.3);
      pw_fill_rect (c, &fill, bx, y, bs, 30);
      pw_stroke_rect (c, pw_proc_colour (c, e->pid), 1.5, bx, y, bs, 30);
      {
        /* whose entry it is: "pid 1", or the number alone in a narrow box */
        g_autofree char *tag = g_strdup_printf (_("pid %s"), PW_DEC (e->pid));
        pw_text_fit (c, PW_FONT_SMALL, &pal->fg, bx + bs / 2, y + 8, bs - 4, PW_ALIGN_CENTER, tag,
                     PW_DEC (e->pid), NULL);
      }
      hit = pw_hit_add (c, PW_HIT_TLB_ENTRY, bx, y, bs, 30);
      hit->index = i;
      hit->pid = e->pid;
      kept++;
    }
  for (guint i = 0; i < r->tlb_dropped && kept + i < shown; i++)
    {
      double bx = x + (kept + i) * (bs + gap);
      pw_stroke_rect (c, &pal->warn, 1.5, bx, y, bs, 30);
      if (p > 0)
        {
          double k = MIN (bs, 30) * 0.3;
          cairo_move_to (c->cr, bx + bs / 2 - k, y + 15 - k);
          cairo_line_to (c->cr, bx + bs / 2 + k, y + 15 + k);
          cairo_move_to (c->cr, bx + bs / 2 + k, y + 15 - k);
          cairo_line_to (c->cr, bx + bs / 2 - k, y + 15 + k);
          pw_set_rgba (c, &pal->warn, p);
          cairo_set_line_width (c->cr, 2.2);
          cairo_stroke (c->cr);
        }
    }
  for (guint i = kept + r->tlb_dropped; i < shown; i++)
    pw_stroke_rect (c, &pal->grid, 1, x + i * (bs + gap), y, bs, 30);
}

/* A machine without pages: "base 0x0100 · limit 128 B" of segment 0 of
 * @pid (and how many more pairs), or NULL. */
static char *
seg_registers (PwCtx *c,
               guint  pid)
{
  const PwProcess *p = pw_machine_lookup (c->m, pid);
  const PwSegment *s;
  g_autofree char *base = NULL, *limit = NULL;

  if (p == NULL || p->segments->len == 0)
    return NULL;
  s = &g_array_index (p->segments, PwSegment, 0);
  base = pw_fmt_addr (s->base, c->arch->pa_bits);
  limit = pw_fmt_size (s->limit);
  if (p->segments->len > 1)
    /* Translators: segment 0's base, its limit, then how many more segments */
    return g_strdup_printf (_("base %s · limit %s (+%s)"), base, limit, PW_DEC (p->segments->len - 1));
  /* Translators: the base address, then the limit (a size) */
  return g_strdup_printf (_("base %s · limit %s"), base, limit);
}

static void
draw_switch (PwCtx  *c,
             double  x,
             double  y,
             double  w,
             double  h,
             double  p)
{
  const PwPalette *pal = c->pal;
  const PwStepRecord *r = c->life;
  gboolean paged = c->arch->kind == PW_ARCH_PAGED;
  gboolean same = r->other_pid == 0 || r->other_pid == r->pid;
  double cpu_w = MIN (360, w * 0.38), cw, cx;
  g_autofree char *who_new = pw_life_who (c, r->pid, NULL);
  g_autofree char *who_old = r->other_pid ? pw_life_who (c, r->other_pid, NULL) : NULL;
  g_autofree char *tlb = pw_life_tlb_line (c);
  char *lines[] = { tlb, NULL };
  const char *reg = paged ? pw_life_register (c) : _("base and limit registers");
  g_autofree char *before = NULL, *now = NULL, *old_root = NULL, *new_root = NULL;
  g_autofree char *old_line = NULL, *new_line = NULL, *before_short = NULL, *now_short = NULL;

  if (paged)
    {
      old_root = r->has_old_root ? frame_text (r->old_root) : NULL;
      new_root = r->has_new_root ? frame_text (r->new_root) : NULL;
      old_line = old_root ? g_strdup_printf (_("root table: %s"), old_root) : NULL;
      new_line = new_root ? g_strdup_printf (_("root table: %s"), new_root) : NULL;
      /* Translators: a root's frame, then a pid */
      before = old_root ? g_strdup_printf (_("before: %s · pid %s"), old_root, PW_DEC (r->other_pid))
                        : g_strdup (_("before: no process"));
      /* Translators: a root's frame, then a pid */
      now = g_strdup_printf (_("now: %s · pid %s"), new_root ? new_root : "—", PW_DEC (r->pid));
      before_short = old_root ? g_strdup_printf (_("before: %s"), old_root) : g_strdup (before);
      now_short = g_strdup_printf (_("now: %s"), new_root ? new_root : "—");
    }
  else
    {
      /* the registers hold segment 0's base and limit (each segment has its pair) */
      g_autofree char *old_regs = seg_registers (c, r->other_pid);
      g_autofree char *new_regs = seg_registers (c, r->pid);
      old_line = g_strdup (old_regs);
      new_line = g_strdup (new_regs);
      /* Translators: the registers' values, then a pid */
      before = old_regs ? g_strdup_printf (_("before: %s · pid %s"), old_regs, PW_DEC (r->other_pid))
                        : g_strdup (_("before: no process"));
      now = g_strdup_printf (_("now: %s · pid %s"), new_regs ? new_regs : "—", PW_DEC (r->pid));
      before_short = old_regs ? g_strdup_printf (_("before: %s"), old_regs) : g_strdup (before);
      now_short = g_strdup_printf (_("now: %s"), new_regs ? new_regs : "—");
    }

  /* the CPU and its root register */
  {
    double tw;
    /* the panel colour: its text pairs are in the contrast table */
    pw_round_rect (c, x, y, cpu_w, 118, 6);
    pw_set_rgb (c, &pal->panel);
    cairo_fill_preserve (c->cr);
    pw_set_rgb (c, &pal->line);
    cairo_set_line_width (c->cr, 1.5);
    cairo_stroke (c->cr);
    pw_text (c, PW_FONT_BOLD, &pal->fg, _("CPU"), x + 10, y + 6, cpu_w - 20, PW_ALIGN_LEFT);
    pw_text (c, PW_FONT_MONO_BOLD, &pal->fg, reg, x + 10, y + 30, cpu_w - 20, PW_ALIGN_LEFT);
    {
      /* the pid left out first when the box is narrow */
      const char *alts[] = { before, before_short };
      int k = pw_text_fit (c, PW_FONT_MONO_SMALL, &pal->muted, x + 10, y + 56, cpu_w - 20, PW_ALIGN_LEFT,
                           before, before_short, NULL);
      tw = 0;
      if (k >= 0)
        pw_text_size (c, PW_FONT_MONO_SMALL, alts[k], &tw, NULL);
    }
    if (!same && p > 0)
      {
        /* the old value struck out */
        cairo_move_to (c->cr, x + 10, y + 63);
        cairo_line_to (c->cr, x + 10 + tw * p, y + 63);
        pw_set_rgb (c, &pal->muted);
        cairo_set_line_width (c->cr, 1.2);
        cairo_stroke (c->cr);
      }
    {
      gboolean pushed = pw_fade_begin (c, p, x, y + 76, cpu_w, 24);
      pw_text_fit (c, PW_FONT_MONO_SMALL_BOLD, pw_proc_text_colour (c, r->pid), x + 10, y + 80,
                   cpu_w - 20, PW_ALIGN_LEFT, now, now_short, NULL);
      pw_fade_end (c, pushed, p);
    }
  }

  /* the processes: the one that ran above, the one that runs below, level
   * with the register's new value */
  cx = x + cpu_w + 70;
  cw = MIN (x + w - cx, 560);
  if (who_old != NULL && !same)
    card (c, r->other_pid, who_old, old_line,
          paged ? _("was running: its tables stay in memory") : _("was running: its memory stays where it is"), TRUE, cx, y,
          cw, CARD_H);
  {
    double ny = same || who_old == NULL ? y : y + 118 - CARD_H;
    gboolean pushed = pw_fade_begin (c, p, cx - 2, ny - 2, cw + 4, CARD_H + 4);
    PwHit *hit;
    card (c, r->pid, who_new, new_line,
          paged ? _("runs now: its walks start at this root") : _("runs now: its addresses are checked and relocated by these"),
          FALSE, cx, ny, cw,
          CARD_H);
    if (paged && r->has_new_root)
      {
        table_glyph (c, cx + cw - 30, ny + 26, 22);
        hit = pw_hit_add (c, PW_HIT_TABLE, cx, ny, cw, CARD_H);
        hit->frame = r->new_root;
        hit->pid = r->pid;
      }
    pw_fade_end (c, pushed, p);
    pw_arrow (c, pw_proc_colour (c, r->pid), 2.2, x + cpu_w + 2, y + 88, cx - 1, ny + CARD_H / 2, FALSE, p);
  }

  /* the TLB */
  {
    double ty = y + 134;
    g_autofree char *head = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "TLB · %s entry", "TLB · %s entries",
                                                          pw_machine_tlb_size (c->m)),
                                             PW_DEC (pw_machine_tlb_size (c->m)));
    pw_text (c, PW_FONT_BOLD, &pal->fg, r->tlb ? head : _("TLB"), x, ty, w, PW_ALIGN_LEFT);
    ty = pw_life_draw_lines (c, lines, x, ty + 20, w);
    if (r->tlb)
      tlb_boxes (c, x, ty + 2, w, p);
  }
  (void) h;
}

/* ---- fork ---------------------------------------------------------------------- */

static double
fork_lines_height (PwCtx  *c,
                   double  w)
{
  g_autofree char *copied = pw_life_fork_line (c);
  g_autofree char *tlb = pw_life_tlb_line (c);
  char *lines[] = { copied, tlb, NULL };

  return pw_life_lines_height (c, lines, w);
}

static double
fork_height (PwCtx  *c,
             double  w)
{
  const PwProcess *child = pw_machine_lookup (c->m, c->life->other_pid);
  guint n = child ? g_hash_table_size (child->pages) : 0;

  return CARD_H + 22 + MIN (MAX (n, 1), 10) * ROW_H + 12 + fork_lines_height (c, w);
}

/* A page's cell: "page 0x10" and its rights now, a COW mark. */
static void
page_cell (PwCtx        *c,
           guint         pid,
           const PwPage *pg,
           const char   *extra,
           double        x,
           double        y,
           double        w)
{
  const PwPalette *pal = c->pal;
  PwRgb fill = pw_tint (c, pw_proc_colour (c, pid), 0.14);
  g_autofree char *vpn = pw_fmt_hex (pg->vpn);
  g_autofree char *page = g_strdup_printf (_("page %s"), vpn);
  char prot[4];
  g_autofree char *full = NULL;
  double cow_w = pg->cow ? 46 : 0;
  PwHit *hit;

  /* the rights the entry gives now: a copy-on-write page is read-only */
  pw_prot_string (pg->cow ? pg->prot & ~PW_PROT_W : pg->prot, prot);
  full = extra ? g_strdup_printf ("%s · %s", page, extra) : g_strdup_printf ("%s · %s", page, prot);
  pw_fill_rect (c, &fill, x, y, w, ROW_H - 4);
  pw_stroke_rect (c, pw_proc_colour (c, pid), 1.2, x, y, w, ROW_H - 4);
  pw_text_fit (c, PW_FONT_MONO_SMALL, &pal->fg, x + 6, y + 4, w - 12 - cow_w, PW_ALIGN_LEFT,
               full, page, vpn, NULL);
  if (pg->cow)
    {
      /* the copy-on-write tag: hatched swatch, "COW" on the plain tint */
      double tx = x + w - cow_w;
      pw_fill_rect (c, &pal->bg, tx, y + 3, 12, ROW_H - 10);
      pw_set_rgb (c, pw_proc_colour (c, pid));
      pw_rect (c, tx, y + 3, 12, ROW_H - 10);
      cairo_fill (c->cr);
      pw_cow_mark (c, tx, y + 3, 12, ROW_H - 10);
      pw_text (c, PW_FONT_SMALL, &pal->fg, "COW", tx + 15, y + 5, -1, PW_ALIGN_LEFT);
    }
  hit = pw_hit_add (c, PW_HIT_PAGE, x, y, w, ROW_H - 4);
  hit->pid = pid;
  hit->vpn = pg->vpn;
}

static gint
page_cmp (gconstpointer a,
          gconstpointer b)
{
  const PwPage *x = *(const PwPage **) a, *y = *(const PwPage **) b;
  return x->vpn < y->vpn ? -1 : x->vpn > y->vpn;
}

static void
draw_fork (PwCtx  *c,
           double  x,
           double  y,
           double  w,
           double  h,
           double  p)
{
  const PwPalette *pal = c->pal;
  const PwStepRecord *r = c->life;
  const PwProcess *parent = pw_machine_lookup (c->m, r->pid);
  /* while it unfolds (the app keeps the machine before the step), the
   * parent's pages keep their rights until halfway: then they turn
   * read-only, copy-on-write */
  const PwProcess *parent_shown = p < 0.5 && c->o->before != NULL
                                  ? pw_machine_lookup (c->o->before, r->pid) : parent;
  const PwProcess *child = pw_machine_lookup (c->m, r->other_pid);
  g_autoptr(GPtrArray) pages = g_ptr_array_new ();
  g_autofree char *who_p = pw_life_who (c, r->pid, NULL);
  g_autofree char *who_c = pw_life_who (c, r->other_pid, NULL);
  g_autofree char *root_p = parent && parent->has_root ? frame_text (parent->root) : NULL;
  g_autofree char *root_c = r->has_new_root ? frame_text (r->new_root) : NULL;
  g_autofree char *p_line = root_p ? g_strdup_printf (_("root table: %s"), root_p) : NULL;
  g_autofree char *c_line = root_c ? g_strdup_printf (_("new root table: %s"), root_c) : NULL;
  g_autofree char *tables = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s page-table frame copied",
                                                          "%s page-table frames copied",
                                                          (gulong) MIN (r->tables_made, 1000000)),
                                             PW_DEC (r->tables_made));
  g_autofree char *copied = pw_life_fork_line (c);
  g_autofree char *tlb = pw_life_tlb_line (c);
  char *lines[] = { copied, tlb, NULL };
  double mid_w = MIN (170, w * 0.24), gap = MIN (56, w * 0.06);
  double col_w = (w - mid_w - 2 * gap) / 2;
  double lx = x, mx = x + col_w + gap, rx = mx + mid_w + gap;
  double ry = y + CARD_H + 22, lines_y;
  guint rows, n;

  card (c, r->pid, who_p, p_line, _("parent"), FALSE, lx, y, col_w, CARD_H);
  if (parent != NULL && parent->has_root)
    {
      PwHit *hit;
      table_glyph (c, lx + col_w - 30, y + 26, 22);
      hit = pw_hit_add (c, PW_HIT_TABLE, lx, y, col_w, CARD_H);
      hit->frame = parent->root;
      hit->pid = r->pid;
    }
  {
    gboolean pushed = pw_fade_begin (c, p, rx - 2, y - 2, col_w + 4, CARD_H + 4);
    card (c, r->other_pid, who_c, c_line, tables, FALSE, rx, y, col_w, CARD_H);
    if (r->has_new_root)
      {
        PwHit *hit;
        table_glyph (c, rx + col_w - 30, y + 26, 22);
        hit = pw_hit_add (c, PW_HIT_TABLE, rx, y, col_w, CARD_H);
        hit->frame = r->new_root;
        hit->pid = r->other_pid;
      }
    pw_fade_end (c, pushed, p);
  }
  pw_text (c, PW_FONT_SMALL, &pal->muted, _("shared frames"), mx + mid_w / 2, y + CARD_H - 16, mid_w,
           PW_ALIGN_CENTER);

  if (child != NULL)
    {
      GHashTableIter it;
      gpointer v;
      g_hash_table_iter_init (&it, child->pages);
      while (g_hash_table_iter_next (&it, NULL, &v))
        g_ptr_array_add (pages, v);
      g_ptr_array_sort (pages, page_cmp);
    }
  n = pages->len;
  lines_y = y + h - pw_life_lines_height (c, lines, w);
  rows = (guint) MAX ((lines_y - 12 - ry) / ROW_H, 1);
  if (n > rows)
    rows = rows > 1 ? rows - 1 : 0;   /* the last row says how many more */
  if (n == 0)
    pw_text (c, PW_FONT_SMALL, &pal->muted, _("The parent has no page in memory or on disk: nothing to share."),
             x, ry + 4, w, PW_ALIGN_LEFT);
  for (guint i = 0; i < MIN (n, rows); i++)
    {
      const PwPage *cp = pages->pdata[i];
      const PwPage *pp = parent_shown ? pw_page_lookup (c, parent_shown, cp->vpn) : NULL;
      double yy = ry + i * ROW_H;

      if (cp->resident)
        {
          g_autofree char *ft = pw_fmt_hex (cp->frame);
          g_autofree char *fl = frame_text (cp->frame);
          PwRgb fill = pw_tint (c, &pal->fg, 0.08);
          PwHit *hit;
          gboolean pushed;

          pw_fill_rect (c, &fill, mx, yy, mid_w, ROW_H - 4);
          pw_stroke_rect (c, &pal->line, 1.2, mx, yy, mid_w, ROW_H - 4);
          pw_text_fit (c, PW_FONT_MONO_SMALL, &pal->fg, mx + mid_w / 2, yy + 4, mid_w - 30,
                       PW_ALIGN_CENTER, fl, ft, NULL);
          if (pp != NULL && pp->resident && pp->frame == cp->frame && p >= 0.5)
            pw_shared_mark (c, mx + mid_w - PW_SHARED_MARK_W - 2, yy, ROW_H - 4);
          hit = pw_hit_add (c, PW_HIT_FRAME, mx, yy, mid_w, ROW_H - 4);
          hit->frame = cp->frame;
          hit->pid = r->pid;
          if (pp != NULL)
            {
              page_cell (c, r->pid, pp, NULL, lx, yy, col_w);
              pw_arrow (c, pw_proc_colour (c, r->pid), 1.6, lx + col_w + 1, yy + ROW_H / 2 - 2, mx - 1,
                        yy + ROW_H / 2 - 2, FALSE, 1);
            }
          pushed = pw_fade_begin (c, p, mx - gap, yy - 2, gap + mid_w + gap + col_w + 2, ROW_H);
          page_cell (c, r->other_pid, cp, NULL, rx, yy, col_w);
          pw_arrow (c, pw_proc_colour (c, r->other_pid), 1.6, rx - 1, yy + ROW_H / 2 - 2,
                    mx + mid_w + 1, yy + ROW_H / 2 - 2, FALSE, 1);
          pw_fade_end (c, pushed, p);
        }
      else
        {
          /* on disk: the child gets a copy in a slot of its own */
          g_autofree char *ps = pp && pp->on_disk ? g_strdup_printf (_("disk slot %s"), PW_DEC (pp->slot)) : NULL;
          g_autofree char *cs = cp->on_disk ? g_strdup_printf (_("disk slot %s (copy)"), PW_DEC (cp->slot)) : NULL;
          gboolean pushed;
          pw_disk_glyph (c, &pal->disk, mx + mid_w / 2 - 9, yy, 18);
          if (pp != NULL)
            page_cell (c, r->pid, pp, ps, lx, yy, col_w);
          pushed = pw_fade_begin (c, p, rx - 2, yy - 2, col_w + 4, ROW_H);
          page_cell (c, r->other_pid, cp, cs, rx, yy, col_w);
          pw_fade_end (c, pushed, p);
        }
    }
  if (n > rows)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "+%s more page", "+%s more pages",
                                                            (gulong) MIN (n - rows, 1000000)),
                                               PW_DEC (n - rows));
      pw_text (c, PW_FONT_SMALL, &pal->muted, more, x, ry + rows * ROW_H + 3, w, PW_ALIGN_LEFT);
    }
  /* the counts right below the rows */
  pw_life_draw_lines (c, lines, x, MIN (lines_y, ry + (MIN (n, rows) + (n > rows)) * ROW_H + 12), w);
}

/* ---- spawn and exit -------------------------------------------------------------- */

static char **
spawn_exit_lines (PwCtx *c)
{
  const PwStepRecord *r = c->life;
  GPtrArray *a = g_ptr_array_new ();

  if (r->kind == PW_STEP_EXIT)
    {
      g_ptr_array_add (a, pw_life_freed_line (c));
      if (c->arch->kind == PW_ARCH_PAGED)
        g_ptr_array_add (a, pw_life_pages_line (c));
      if (r->tlb)
        g_ptr_array_add (a, pw_life_tlb_line (c));
      if (r->other_pid != 0)
        {
          g_autofree char *who = pw_life_who (c, r->other_pid, NULL);
          g_ptr_array_add (a, g_strdup_printf (_("The current process is now %s."), who));
        }
    }
  else if (c->arch->kind == PW_ARCH_PAGED)
    {
      const PwProcess *p = pw_machine_lookup (c->m, r->pid);
      guint64 resident = 0;
      GHashTableIter it;
      gpointer v;

      if (p != NULL)
        {
          g_hash_table_iter_init (&it, p->pages);
          while (g_hash_table_iter_next (&it, NULL, &v))
            resident += ((const PwPage *) v)->resident ? 1 : 0;
        }
      g_ptr_array_add (a, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                        "%s page-table frame made (the root included).",
                                                        "%s page-table frames made (the root included).",
                                                        (gulong) MIN (r->tables_made, 1000000)),
                                           PW_DEC (r->tables_made)));
      if (resident == 0)
        g_ptr_array_add (a, g_strdup (_("No page is in a frame yet: each gets one on its first touch.")));
      else
        g_ptr_array_add (a, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "%s page placed in a frame by the scenario; the others get one on their first touch.",
                                                          "%s pages placed in frames by the scenario; the others get one on their first touch.",
                                                          (gulong) MIN (resident, 1000000)),
                                             PW_DEC (resident)));
    }
  g_ptr_array_add (a, NULL);
  return (char **) g_ptr_array_free (a, FALSE);
}

/* The pieces listed: an exited process's from the record, a new one's
 * regions or segments from the machine. */
static guint
spawn_exit_pieces (PwCtx         *c,
                   PwRegionPiece *out,
                   guint          max)
{
  const PwStepRecord *r = c->life;
  const PwProcess *p;
  guint n = 0;

  if (r->kind == PW_STEP_EXIT)
    {
      for (guint i = 0; i < MIN (r->n_before, MIN (max, PW_STEP_MAX_PIECES)); i++)
        out[n++] = r->before[i];
      return r->n_before;
    }
  p = pw_machine_lookup (c->m, r->pid);
  if (p == NULL)
    return 0;
  for (guint i = 0; i < p->regions->len; i++)
    {
      const PwRegion *g = &g_array_index (p->regions, PwRegion, i);
      if (n < max)
        out[n++] = (PwRegionPiece) { g->start, g->size, g->state, g->prot };
    }
  for (guint i = 0; i < p->segments->len; i++)
    {
      const PwSegment *s = &g_array_index (p->segments, PwSegment, i);
      if (s->limit > 0 && n < max)
        out[n++] = (PwRegionPiece) { s->grows_down ? s->base - s->limit : s->base, s->limit,
                                     PW_REGION_COMMITTED, 0 };
    }
  return p->regions->len + p->segments->len;
}

static double
spawn_exit_height (PwCtx  *c,
                   double  w)
{
  PwRegionPiece pieces[PW_STEP_MAX_PIECES];
  guint n = spawn_exit_pieces (c, pieces, PW_STEP_MAX_PIECES);
  g_auto(GStrv) lines = spawn_exit_lines (c);

  return CARD_H + 16 + (MIN (n, PW_STEP_MAX_PIECES) + (n > PW_STEP_MAX_PIECES)) * ROW_H + 12
         + pw_life_lines_height (c, lines, w);
}

static void
draw_spawn_exit (PwCtx  *c,
                 double  x,
                 double  y,
                 double  w,
                 double  h,
                 double  p)
{
  const PwPalette *pal = c->pal;
  const PwStepRecord *r = c->life;
  gboolean exit = r->kind == PW_STEP_EXIT, paged = c->arch->kind == PW_ARCH_PAGED;
  PwRegionPiece pieces[PW_STEP_MAX_PIECES];
  guint total = spawn_exit_pieces (c, pieces, PW_STEP_MAX_PIECES), shown = MIN (total, PW_STEP_MAX_PIECES);
  g_auto(GStrv) lines = spawn_exit_lines (c);
  g_autofree char *who = pw_life_who (c, r->pid, exit ? r->name : NULL);
  g_autofree char *root = NULL, *l1 = NULL;
  double ry = y + CARD_H + 16, lines_y = y + h - pw_life_lines_height (c, lines, w);
  double card_w = MIN (w * 0.62, 520);
  guint rows;

  if (paged)
    {
      root = exit ? (r->has_old_root ? frame_text (r->old_root) : NULL)
                  : (r->has_new_root ? frame_text (r->new_root) : NULL);
      if (root)
        l1 = exit ? g_strdup_printf (_("root table at %s: freed"), root)
                  : g_strdup_printf (_("new root table at %s"), root);
    }
  else if (!exit && total > 0)
    {
      /* where the kernel placed it */
      g_autofree char *base = pw_fmt_addr (pieces[0].start, c->arch->pa_bits);
      g_autofree char *size = pw_fmt_size (pieces[0].size);
      /* Translators: the base address, then the limit (a size) */
      l1 = g_strdup_printf (_("base %s · limit %s"), base, size);
    }
  {
    gboolean pushed = pw_fade_begin (c, exit ? 1 : p, x - 2, y - 2, card_w + 4, CARD_H + 4);
    card (c, r->pid, who, l1, exit ? _("exited: everything it held is given back") : _("new process"),
          exit, x, y, card_w, CARD_H);
    if (paged && root)
      table_glyph (c, x + card_w - 30, y + 26, 22);
    if (paged && root && !exit)
      {
        /* a freed root is no table any more: nothing to point at */
        PwHit *hit = pw_hit_add (c, PW_HIT_TABLE, x, y, card_w, CARD_H);
        hit->frame = r->new_root;
        hit->pid = r->pid;
      }
    pw_fade_end (c, pushed, exit ? 1 : p);
  }

  rows = (guint) MAX ((lines_y - 12 - ry) / ROW_H, 0);
  for (guint i = 0; i < MIN (shown, rows); i++)
    {
      const PwRegionPiece *pc = &pieces[i];
      /* virtual addresses, or physical ones for a machine without pages */
      g_autofree char *range = pw_life_range (pc->start, pc->size, paged ? c->arch->va_bits : c->arch->pa_bits);
      g_autofree char *what = NULL;
      char prot[4];
      double yy = ry + i * ROW_H, alpha = exit ? 1 : MIN (1, p * (shown + 1) - i);
      PwRgb fill = pw_tint (c, pw_proc_colour (c, r->pid), exit ? 0.0 : 0.14);
      gboolean pushed;
      PwHit *hit;

      if (alpha <= 0)
        continue;
      pw_prot_string (pc->prot, prot);
      if (!paged)
        what = g_strdup (exit ? _("physical memory · freed") : _("physical memory"));
      else if (exit)
        /* Translators: a region's state, its protection */
        what = g_strdup_printf (_("%s %s · freed"), pw_life_state_word (pc->state), prot);
      else
        what = g_strdup_printf ("%s %s", pw_life_state_word (pc->state), prot);
      pushed = pw_fade_begin (c, alpha, x - 2, yy - 2, w + 4, ROW_H);
      pw_fill_rect (c, &fill, x, yy, card_w, ROW_H - 4);
      pw_stroke_rect (c, exit ? &pal->muted : pw_proc_colour (c, r->pid), 1.2, x, yy, card_w, ROW_H - 4);
      if (exit)
        pw_hatch (c, &pal->grid, 7, 1, x + card_w - 40, yy + 1, 39, ROW_H - 6);
      pw_text_fit (c, PW_FONT_MONO_SMALL, &pal->fg, x + 6, yy + 4, card_w - 52, PW_ALIGN_LEFT,
                   range, NULL);
      pw_text_fit (c, PW_FONT_SMALL, exit ? &pal->warn : &pal->fg, x + card_w + 10, yy + 4,
                   w - card_w - 10, PW_ALIGN_LEFT, what,
                   exit ? _("freed") : paged ? pw_life_state_word (pc->state) : what, NULL);
      pw_fade_end (c, pushed, alpha);
      hit = pw_hit_add (c, PW_HIT_REGION, x, yy, card_w, ROW_H - 4);
      hit->pid = r->pid;
      hit->start = pc->start;
      hit->size = pc->size;
    }
  if (total > MIN (shown, rows) && rows > MIN (shown, rows))
    {
      guint more_n = total - MIN (shown, rows);
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "+%s more region", "+%s more regions",
                                                            more_n),
                                               PW_DEC (more_n));
      pw_text (c, PW_FONT_SMALL, &pal->muted, more, x, ry + MIN (shown, rows) * ROW_H + 3, w, PW_ALIGN_LEFT);
    }
  pw_life_draw_lines (c, lines, x, MIN (lines_y, ry + (MIN (shown, rows) + (total > MIN (shown, rows))) * ROW_H + 12), w);
}

/* ---- the view ---------------------------------------------------------------------- */

static double
body_height (PwCtx  *c,
             double  w)
{
  switch (c->life->kind)
    {
    case PW_STEP_SWITCH: return switch_height (c, w);
    case PW_STEP_FORK: return fork_height (c, w);
    case PW_STEP_SPAWN:
    case PW_STEP_EXIT: return spawn_exit_height (c, w);
    default: return pw_life_range_height (c, w);
    }
}

static double
head_height (PwCtx  *c,
             double  w)
{
  g_autofree char *narr = NULL;

  if (c->compact)
    return 0;
  narr = pw_life_narration (c);
  return TITLE_H + (narr ? pw_text_wrapped_lines (c, PW_FONT_BODY, narr, w, 4) * NARR_LINE : 0) + 16;
}

double
pw_life_measure (PwCtx  *c,
                 double  w)
{
  return head_height (c, w) + body_height (c, w);
}

void
pw_life_draw (PwCtx  *c,
              double  x,
              double  y,
              double  w,
              double  h)
{
  double p = pw_life_progress (c), hh = head_height (c, w);

  if (!c->compact)
    {
      g_autofree char *title = pw_life_title (c);
      g_autofree char *narr = pw_life_narration (c);
      /* Translators: the step's number, then the architecture */
      g_autofree char *sub = g_strdup_printf (_("step %s · %s"), PW_DEC (c->life->step + 1), c->arch->name);
      double tw = pw_text (c, PW_FONT_TITLE, &c->pal->fg, title, x, y, w, PW_ALIGN_LEFT);
      pw_text_fit (c, PW_FONT_BODY, &c->pal->muted, x + tw + 14, y + 2, w - tw - 14, PW_ALIGN_LEFT, sub, NULL);
      if (narr)
        pw_text_wrapped (c, PW_FONT_BODY, &c->pal->fg, narr, x, y + TITLE_H - 4, w, 4);
    }
  y += hh;
  h -= hh;
  switch (c->life->kind)
    {
    case PW_STEP_SWITCH: draw_switch (c, x, y, w, h, p); break;
    case PW_STEP_FORK: draw_fork (c, x, y, w, h, p); break;
    case PW_STEP_SPAWN:
    case PW_STEP_EXIT: draw_spawn_exit (c, x, y, w, h, p); break;
    default: pw_life_range_draw (c, x, y, w, h, p); break;
    }
}

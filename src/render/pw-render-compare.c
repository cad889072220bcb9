/* pw-render-compare.c: the policies side by side
 *
 * Draws a PwCompare (pw-compare.h, computed by the caller with the real
 * engine): OSTEP's table of frames over time for each policy when the run is
 * short (each reference a column, each frame a row, hits and misses marked),
 * the miss-ratio curve over memory sizes as a plot (Belady's anomaly, when a
 * policy faults more with more frames, is named under it) and the fault
 * counts per policy and frame count.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-render"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "pw-render-private.h"

#define ROW_H      21.0
#define LABEL_W    74.0
#define TABLE_GAP  28.0
#define SECTION    28.0
#define PLOT_H    300.0
#define PLOT_L     56.0
#define PLOT_B     46.0
#define COUNT_W    52.0

static double
cell_width (PwCtx           *c,
            const PwCompare *cmp)
{
  double cw = 26;

  for (guint i = 0; i < cmp->n_refs; i++)
    {
      g_autofree char *hex = pw_fmt_hex (cmp->refs[i].vpn);
      double tw, th;

      pw_text_size (c, PW_FONT_MONO_SMALL, hex, &tw, &th);
      cw = MAX (cw, tw + 8);
    }
  return MIN (cw, 60);
}

static void
table_geometry (PwCtx           *c,
                const PwCompare *cmp,
                double           w,
                double          *cw,
                double          *tw,
                double          *th,
                guint           *cols)
{
  *cw = cell_width (c, cmp);
  *tw = LABEL_W + cmp->n_refs * *cw + 4;
  if (*tw > w)
    {
      /* too narrow: the columns shrink, the pages' labels shorten */
      *cw = MAX (14, (w - LABEL_W - 4) / MAX (cmp->n_refs, 1));
      *tw = LABEL_W + cmp->n_refs * *cw + 4;
    }
  /* room for the policy's name and its count above the table */
  *tw = MAX (*tw, LABEL_W + 150);
  *th = ROW_H * (cmp->n_rows + 3) + 6;
  *cols = MAX (1, (guint) ((w + TABLE_GAP) / (*tw + TABLE_GAP)));
  *cols = MIN (*cols, cmp->n_policies);
}

static gboolean
counts_fit (const PwCompare *cmp,
            double           w)
{
  return LABEL_W + cmp->n_frames * COUNT_W <= w;
}

static guint64
faults_at (const PwCompare *cmp,
           guint            f,
           guint            p)
{
  return cmp->results[f * cmp->n_policies + p].page_faults;
}

/* The first rise of a policy's faults with more frames (Belady's anomaly):
 * the frame index f where faults(f + 1) > faults(f); -1 for none. */
static int
first_anomaly (const PwCompare *cmp,
               guint            p)
{
  for (guint f = 0; f + 1 < cmp->n_frames; f++)
    if (cmp->frames[f] > 0 && cmp->frames[f + 1] > cmp->frames[f]
        && faults_at (cmp, f + 1, p) > faults_at (cmp, f, p))
      return (int) f;
  return -1;
}

/* The sentence naming policy @p's anomaly, or NULL. */
static char *
anomaly_text (const PwCompare *cmp,
              guint            p)
{
  int f = first_anomaly (cmp, p);
  const PwCompareResult *a, *b;

  if (f < 0)
    return NULL;
  a = &cmp->results[f * cmp->n_policies + p];
  b = &cmp->results[(f + 1) * cmp->n_policies + p];
  /* Translators: a policy, its faults with a frame count, the faults with the
   * next (larger) frame count; then both frame counts */
  return g_strdup_printf (_("Belady's anomaly: %s takes %s page faults with %s frames but %s with %s: more memory, more faults."),
                          pw_policy_name (cmp->policies[p]), PW_DEC (a->page_faults), PW_DEC (a->frames),
                          PW_DEC (b->page_faults), PW_DEC (b->frames));
}

/* The lines the anomalies take at width @w (each wraps rather than lose a
 * number). */
static int
anomaly_lines (PwCtx           *c,
               const PwCompare *cmp,
               double           w)
{
  int n = 0;

  for (guint p = 0; p < cmp->n_policies; p++)
    {
      g_autofree char *t = anomaly_text (cmp, p);
      if (t)
        n += pw_text_wrapped_lines (c, PW_FONT_BOLD, t, w, 3);
    }
  return n;
}

static const char *
table_heading (const PwCompare *cmp,
               char           **owned)
{
  if (cmp->table_frames > 0)
    *owned = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Frames over time with %s frame (pages in hex; a shaded cell is the page referenced: green a hit, red a miss)",
                                           "Frames over time with %s frames (pages in hex; a shaded cell is the page referenced: green a hit, red a miss)",
                                           cmp->table_frames),
                              PW_DEC (cmp->table_frames));
  else
    *owned = g_strdup (_("Frames over time with the scenario's frames (pages in hex; a shaded cell is the page referenced: green a hit, red a miss)"));
  return *owned;
}

static double
head_h (PwCtx *c)
{
  return pw_font_height (c, PW_FONT_TITLE) + 8 + pw_font_height (c, PW_FONT_BODY) + SECTION / 2;
}

/* The plot and the counts: side by side when the counts are narrow enough. */
static gboolean
side_by_side (const PwCompare *cmp,
              double           w)
{
  return cmp->n_frames >= 2 && counts_fit (cmp, w) && LABEL_W + cmp->n_frames * COUNT_W <= w * 0.4;
}

/* @pw: the plot's width */
static double
plot_block_h (PwCtx           *c,
              const PwCompare *cmp,
              double           pw)
{
  if (cmp->n_frames < 2)
    return 0;
  return pw_font_height (c, PW_FONT_BOLD) + 8 + 2 * ROW_H + PLOT_H + 12
         + anomaly_lines (c, cmp, pw) * pw_font_height (c, PW_FONT_BOLD) + 8;
}

static double
plot_width (const PwCompare *cmp,
            double           w,
            gboolean         side)
{
  return side ? w - (LABEL_W + cmp->n_frames * COUNT_W) - 40 : w;
}

static double
counts_block_h (PwCtx           *c,
                const PwCompare *cmp,
                double           w)
{
  return pw_font_height (c, PW_FONT_BOLD) + 8 + (counts_fit (cmp, w) ? ROW_H * (cmp->n_policies + 1) : ROW_H);
}

static double
figures_h (PwCtx           *c,
           const PwCompare *cmp,
           double           w)
{
  if (side_by_side (cmp, w))
    return MAX (plot_block_h (c, cmp, plot_width (cmp, w, TRUE)), counts_block_h (c, cmp, w));
  return plot_block_h (c, cmp, w) + (cmp->n_frames >= 2 ? SECTION / 2 : 0) + counts_block_h (c, cmp, w);
}

double
pw_compare_measure (PwCtx  *c,
                    double  w)
{
  const PwCompare *cmp = c->o->compare;
  double h = head_h (c);

  if (cmp == NULL)
    return h + 40;
  h += figures_h (c, cmp, w);
  if (cmp->n_refs > 0)
    {
      double cw, tw, th;
      guint cols;

      g_autofree char *t = NULL;

      table_geometry (c, cmp, w, &cw, &tw, &th, &cols);
      h += SECTION / 2 + pw_text_wrapped_lines (c, PW_FONT_BOLD, table_heading (cmp, &t), w, 2)
                         * pw_font_height (c, PW_FONT_BOLD) + 8
           + ((cmp->n_policies + cols - 1) / cols) * (th + 12);
    }
  else if (cmp->results[0].accesses > PW_COMPARE_TABLE_MAX)
    h += SECTION / 2 + pw_font_height (c, PW_FONT_BODY);
  return h;
}

/* ---- the table of frames over time ---------------------------------------------------- */

static void
draw_table (PwCtx           *c,
            const PwCompare *cmp,
            guint            p,
            double           x,
            double           y,
            double           cw,
            double           tw)
{
  const PwPalette *pal = c->pal;
  guint64 faults = 0;
  g_autofree char *count = NULL;
  double gx = x + LABEL_W, gy = y + ROW_H;
  gboolean multi = pw_machine_n_processes (c->m) > 1;

  for (guint i = 0; i < cmp->n_refs; i++)
    faults += cmp->faults[p][i];
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s fault", "%s faults", faults), PW_DEC (faults));
  pw_text (c, PW_FONT_BOLD, &pal->fg, pw_policy_name (cmp->policies[p]), x, y, LABEL_W, PW_ALIGN_LEFT);
  pw_text (c, PW_FONT_BOLD, &pal->warn, count, x + tw - 4, y, tw - LABEL_W - 8, PW_ALIGN_RIGHT);

  pw_fill_rect (c, &pal->panel, x, gy, tw, ROW_H * (cmp->n_rows + 2));
  pw_text (c, PW_FONT_SMALL, &pal->muted, _("reference"), x + 4, gy + 3, LABEL_W - 8, PW_ALIGN_LEFT);
  for (guint r = 0; r < cmp->n_rows; r++)
    {
      g_autofree char *label = g_strdup_printf (_("frame %s"), PW_DEC (r + 1));
      pw_text (c, PW_FONT_SMALL, &pal->muted, label, x + 4, gy + (r + 1) * ROW_H + 3, LABEL_W - 8, PW_ALIGN_LEFT);
    }
  pw_text (c, PW_FONT_SMALL, &pal->muted, _("miss"), x + 4, gy + (cmp->n_rows + 1) * ROW_H + 3,
           LABEL_W - 8, PW_ALIGN_LEFT);

  for (guint i = 0; i < cmp->n_refs; i++)
    {
      const PwComparePage *ref = &cmp->refs[i];
      const PwComparePage *col = &cmp->cells[p][(gsize) i * cmp->n_rows];
      const PwComparePage *prev = i > 0 ? &cmp->cells[p][(gsize) (i - 1) * cmp->n_rows] : NULL;
      gboolean miss = cmp->faults[p][i];
      double cx = gx + i * cw;
      g_autofree char *hex = pw_fmt_hex (ref->vpn);
      g_autofree char *low = g_strdup_printf ("…%" G_GINT64_MODIFIER "x", ref->vpn & 0xff);

      pw_text_fit (c, PW_FONT_MONO_SMALL_BOLD, &pal->fg, cx + cw / 2, gy + 3, cw - 2, PW_ALIGN_CENTER,
                   hex, low, NULL);
      /* several processes: whose page, in the process's colour */
      if (multi)
        pw_fill_rect (c, pw_proc_colour (c, ref->pid), cx + 3, gy + ROW_H - 4, cw - 6, 3);
      for (guint r = 0; r < cmp->n_rows; r++)
        {
          const PwComparePage *cell = &col[r];
          gboolean here = cell->vpn == ref->vpn && cell->pid == ref->pid;
          gboolean changed = prev == NULL || prev[r].vpn != cell->vpn || prev[r].pid != cell->pid;
          double ry = gy + (r + 1) * ROW_H;
          g_autofree char *ch = NULL, *cl = NULL;

          if (cell->vpn == G_MAXUINT64)
            continue;
          if (here)
            {
              PwRgb fill = miss ? pw_tint (c, &pal->warn, 0.25) : pw_tint (c, &pal->hit, 0.15);
              pw_fill_rect (c, &fill, cx + 1, ry + 1, cw - 2, ROW_H - 2);
              pw_stroke_rect (c, miss ? &pal->warn : &pal->hit, 1.5, cx + 1, ry + 1, cw - 2, ROW_H - 2);
            }
          if (multi)
            pw_fill_rect (c, pw_proc_colour (c, cell->pid), cx + 3, ry + ROW_H - 4, cw - 6, 2);
          ch = pw_fmt_hex (cell->vpn);
          cl = g_strdup_printf ("…%" G_GINT64_MODIFIER "x", cell->vpn & 0xff);
          pw_text_fit (c, changed ? PW_FONT_MONO_SMALL_BOLD : PW_FONT_MONO_SMALL,
                       here || changed ? &pal->fg : &pal->muted, cx + cw / 2, ry + 3, cw - 2,
                       PW_ALIGN_CENTER, ch, cl, NULL);
        }
      if (miss)
        pw_text (c, PW_FONT_MONO_SMALL_BOLD, &pal->warn, "×", cx + cw / 2,
                 gy + (cmp->n_rows + 1) * ROW_H + 3, cw - 2, PW_ALIGN_CENTER);
      /* a rule between references */
      pw_fill_rect (c, &pal->grid, cx, gy, c->hair, ROW_H * (cmp->n_rows + 2));
    }
  pw_stroke_rect (c, &pal->line, 1, x, gy, tw, ROW_H * (cmp->n_rows + 2));
}

/* ---- the plot ---------------------------------------------------------------------------- */

static void
marker (PwCtx       *c,
        const PwRgb *col,
        guint        shape,
        double       x,
        double       y)
{
  cairo_t *cr = c->cr;
  double s = 5;

  cairo_new_path (cr);
  switch (shape % 6)
    {
    case 0: cairo_arc (cr, x, y, s, 0, 2 * G_PI); break;
    case 1: cairo_rectangle (cr, x - s, y - s, 2 * s, 2 * s); break;
    case 2: cairo_move_to (cr, x, y - s - 1); cairo_line_to (cr, x + s + 1, y + s); cairo_line_to (cr, x - s - 1, y + s); cairo_close_path (cr); break;
    case 3: cairo_move_to (cr, x, y - s - 1); cairo_line_to (cr, x + s + 1, y); cairo_line_to (cr, x, y + s + 1); cairo_line_to (cr, x - s - 1, y); cairo_close_path (cr); break;
    case 4: cairo_rectangle (cr, x - s - 1, y - 2, 2 * s + 2, 4); cairo_rectangle (cr, x - 2, y - s - 1, 4, 2 * s + 2); break;
    default: cairo_arc (cr, x, y, s, 0, 2 * G_PI); cairo_new_sub_path (cr); cairo_arc_negative (cr, x, y, 2.5, 2 * G_PI, 0); break;
    }
  pw_set_rgb (c, col);
  cairo_fill (cr);
}

/* x of a frame count: the first and last a marker's width inside the axes */
static double
fx (double  px,
    double  pw,
    guint64 offset,
    double  span)
{
  return px + 18 + (pw - 36) * (double) offset / span;
}

static const double dashes[][2] = { { 0, 0 }, { 8, 4 }, { 2, 3 }, { 10, 3 }, { 5, 5 }, { 1, 0 } };

static double
draw_plot (PwCtx           *c,
           const PwCompare *cmp,
           double           x,
           double           y,
           double           w)
{
  const PwPalette *pal = c->pal;
  double px = x + PLOT_L, pw = w - PLOT_L - 20, py = y + 2 * ROW_H + 12, ph = PLOT_H - PLOT_B;
  guint64 f0 = cmp->frames[0], f1 = cmp->frames[cmp->n_frames - 1];
  double span = f1 > f0 ? (double) (f1 - f0) : 1;
  double lx = x;

  /* the legend: each policy's colour, marker and line */
  for (guint p = 0; p < cmp->n_policies; p++)
    {
      const PwRgb *col = &pal->field[p % PW_MAX_LEVELS];
      double tw, th;

      pw_text_size (c, PW_FONT_BOLD, pw_policy_name (cmp->policies[p]), &tw, &th);
      cairo_new_path (c->cr);
      cairo_move_to (c->cr, lx, y + 9);
      cairo_line_to (c->cr, lx + 28, y + 9);
      pw_set_rgb (c, col);
      cairo_set_line_width (c->cr, 2.5);
      if (dashes[p % 6][1] > 0)
        cairo_set_dash (c->cr, dashes[p % 6], 2, 0);
      cairo_stroke (c->cr);
      cairo_set_dash (c->cr, NULL, 0, 0);
      marker (c, col, p, lx + 14, y + 9);
      pw_text (c, PW_FONT_BOLD, &pal->fg, pw_policy_name (cmp->policies[p]), lx + 34, y, tw + 4, PW_ALIGN_LEFT);
      lx += 34 + tw + 24;
    }

  /* axes and the grid: miss ratio 0 to 1 */
  for (guint k = 0; k <= 4; k++)
    {
      static const char *ticks[] = { "0", "0.25", "0.5", "0.75", "1" };
      double gy = py + ph - ph * k / 4.0;

      pw_fill_rect (c, &pal->grid, px, gy, pw, 1);
      pw_text (c, PW_FONT_SMALL, &pal->muted, ticks[k], px - 8, gy - 7, PLOT_L - 10, PW_ALIGN_RIGHT);
    }
  for (guint f = 0; f < cmp->n_frames; f++)
    {
      double gx = fx (px, pw, cmp->frames[f] - f0, span);
      g_autofree char *t = g_strdup_printf ("%s", PW_DEC (cmp->frames[f]));

      if (cmp->n_frames <= 24 || f % ((cmp->n_frames + 23) / 24) == 0)
        pw_text (c, PW_FONT_SMALL, &pal->muted, t, gx, py + ph + 6, 30, PW_ALIGN_CENTER);
      pw_fill_rect (c, &pal->grid, gx, py + ph, 1, 4);
    }
  pw_fill_rect (c, &pal->line, px, py, 1.5, ph);
  pw_fill_rect (c, &pal->line, px, py + ph, pw, 1.5);
  pw_text (c, PW_FONT_SMALL, &pal->fg, _("frames for data pages"), px + pw / 2, py + ph + 24, pw, PW_ALIGN_CENTER);
  pw_text (c, PW_FONT_SMALL, &pal->fg, _("miss ratio (page faults ÷ references)"), px + 8, py - 20, pw, PW_ALIGN_LEFT);

  /* the curves, each nudged sideways a little so that equal curves stay
   * visible side by side */
  for (guint p = 0; p < cmp->n_policies; p++)
    {
      const PwRgb *col = &pal->field[p % PW_MAX_LEVELS];
      double dx = ((double) p - (cmp->n_policies - 1) / 2.0) * 2.5;

      cairo_new_path (c->cr);
      for (guint f = 0; f < cmp->n_frames; f++)
        {
          const PwCompareResult *r = &cmp->results[f * cmp->n_policies + p];
          double ratio = r->accesses ? (double) r->page_faults / r->accesses : 0;
          double gx = fx (px, pw, cmp->frames[f] - f0, span) + dx;
          double gy = py + ph - ph * ratio;

          if (f == 0)
            cairo_move_to (c->cr, gx, gy);
          else
            cairo_line_to (c->cr, gx, gy);
        }
      pw_set_rgb (c, col);
      cairo_set_line_width (c->cr, 2.5);
      if (dashes[p % 6][1] > 0)
        cairo_set_dash (c->cr, dashes[p % 6], 2, 0);
      cairo_stroke (c->cr);
      cairo_set_dash (c->cr, NULL, 0, 0);
      for (guint f = 0; f < cmp->n_frames; f++)
        {
          const PwCompareResult *r = &cmp->results[f * cmp->n_policies + p];
          double ratio = r->accesses ? (double) r->page_faults / r->accesses : 0;
          double gx = fx (px, pw, cmp->frames[f] - f0, span) + dx;

          marker (c, col, p, gx, py + ph - ph * ratio);
        }
    }

  /* Belady's anomaly: ringed where the faults rise, and said in words */
  y = py + ph + PLOT_B - 6;
  for (guint p = 0; p < cmp->n_policies; p++)
    {
      int f = first_anomaly (cmp, p);
      const PwCompareResult *b;
      g_autofree char *t = NULL;
      double gx, gy, dx = ((double) p - (cmp->n_policies - 1) / 2.0) * 2.5;
      int lines;

      if (f < 0)
        continue;
      b = &cmp->results[(f + 1) * cmp->n_policies + p];
      gx = fx (px, pw, b->frames - f0, span) + dx;
      gy = py + ph - ph * (b->accesses ? (double) b->page_faults / b->accesses : 0);
      cairo_new_path (c->cr);
      cairo_arc (c->cr, gx, gy, 11, 0, 2 * G_PI);
      pw_set_rgb (c, &pal->warn);
      cairo_set_line_width (c->cr, 2.5);
      cairo_stroke (c->cr);
      t = anomaly_text (cmp, p);
      lines = pw_text_wrapped_lines (c, PW_FONT_BOLD, t, w, 3);
      pw_text_wrapped (c, PW_FONT_BOLD, &pal->warn, t, x, y, w, 3);
      y += lines * pw_font_height (c, PW_FONT_BOLD);
    }
  return y;
}

/* ---- the counts ------------------------------------------------------------------------------ */

static void
draw_counts (PwCtx           *c,
             const PwCompare *cmp,
             double           x,
             double           y,
             double           w)
{
  const PwPalette *pal = c->pal;

  if (!counts_fit (cmp, w))
    {
      pw_text (c, PW_FONT_SMALL, &pal->muted,
               _("Too many frame counts to list here: export the comparison as CSV."), x, y, w, PW_ALIGN_LEFT);
      return;
    }
  pw_text (c, PW_FONT_SMALL, &pal->muted, _("frames"), x, y + 3, LABEL_W - 6, PW_ALIGN_LEFT);
  for (guint f = 0; f < cmp->n_frames; f++)
    {
      g_autofree char *t = cmp->frames[f] ? g_strdup_printf ("%s", PW_DEC (cmp->frames[f]))
                                          : g_strdup (_("all"));
      pw_text (c, PW_FONT_SMALL, &pal->muted, t, x + LABEL_W + (f + 1) * COUNT_W - 8, y + 3,
               COUNT_W - 8, PW_ALIGN_RIGHT);
    }
  for (guint p = 0; p < cmp->n_policies; p++)
    {
      double ry = y + (p + 1) * ROW_H;
      int anomaly = first_anomaly (cmp, p);

      if (p % 2 == 0)
        pw_fill_rect (c, &pal->panel, x, ry, LABEL_W + cmp->n_frames * COUNT_W, ROW_H);
      pw_text (c, PW_FONT_BOLD, &pal->fg, pw_policy_name (cmp->policies[p]), x + 4, ry + 2,
               LABEL_W - 8, PW_ALIGN_LEFT);
      for (guint f = 0; f < cmp->n_frames; f++)
        {
          gboolean rise = anomaly >= 0 && f == (guint) anomaly + 1;
          g_autofree char *t = g_strdup_printf ("%s", PW_DEC (faults_at (cmp, f, p)));

          pw_text (c, rise ? PW_FONT_MONO_BOLD : PW_FONT_MONO, rise ? &pal->warn : &pal->fg, t,
                   x + LABEL_W + (f + 1) * COUNT_W - 8, ry + 2, COUNT_W - 8, PW_ALIGN_RIGHT);
        }
    }
}

/* ---- the view ---------------------------------------------------------------------------------- */

void
pw_compare_draw (PwCtx  *c,
                 double  x,
                 double  y,
                 double  w,
                 double  h)
{
  const PwPalette *pal = c->pal;
  const PwCompare *cmp = c->o->compare;
  g_autofree char *sub = NULL;
  guint64 accesses;

  pw_panel_title (c, _("Replacement policies compared"), x, y, w);
  y += pw_font_height (c, PW_FONT_TITLE) + 8;
  if (cmp == NULL)
    {
      pw_text (c, PW_FONT_BODY, &pal->muted,
               _("Not computed yet: the comparison runs the scenario once per policy and memory size."),
               x, y, w, PW_ALIGN_LEFT);
      return;
    }
  accesses = cmp->results[0].accesses;
  sub = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      /* Translators: the number of references, then the number of policies */
                                      "The same %s reference under each of %s policies, every figure from a real run.",
                                      "The same %s references under each of %s policies, every figure from a real run.",
                                      accesses),
                         PW_DEC (accesses), PW_DEC (cmp->n_policies));
  pw_text (c, PW_FONT_BODY, &pal->muted, sub, x, y, w, PW_ALIGN_LEFT);
  y += pw_font_height (c, PW_FONT_BODY) + SECTION / 2;

  /* the curve first: it is what the comparison is about */
  {
    double y0 = y, cw = LABEL_W + cmp->n_frames * COUNT_W;
    gboolean side = side_by_side (cmp, w);
    double pw = side ? w - cw - 40 : w, yy = y;

    if (cmp->n_frames >= 2)
      {
        pw_text (c, PW_FONT_BOLD, &pal->fg, _("Miss ratio over memory size"), x, yy, pw, PW_ALIGN_LEFT);
        yy += pw_font_height (c, PW_FONT_BOLD) + 8;
        yy = draw_plot (c, cmp, x, yy, pw) + 6;
        if (!side)
          yy += SECTION / 2;
      }
    if (side)
      yy = y0;
    pw_text (c, PW_FONT_BOLD, &pal->fg, side ? _("Page faults") : _("Page faults per policy and frame count"),
             side ? x + w - cw : x, yy,
             side ? cw : w, PW_ALIGN_LEFT);
    yy += pw_font_height (c, PW_FONT_BOLD) + 8;
    draw_counts (c, cmp, side ? x + w - cw : x, yy, side ? cw : w);
    y = y0 + figures_h (c, cmp, w);
  }

  if (cmp->n_refs > 0)
    {
      double cw, tw, th;
      guint cols;
      g_autofree char *t = NULL;

      y += SECTION / 2;
      table_geometry (c, cmp, w, &cw, &tw, &th, &cols);
      table_heading (cmp, &t);
      pw_text_wrapped (c, PW_FONT_BOLD, &pal->fg, t, x, y, w, 2);
      y += pw_text_wrapped_lines (c, PW_FONT_BOLD, t, w, 2) * pw_font_height (c, PW_FONT_BOLD) + 8;
      for (guint p = 0; p < cmp->n_policies; p++)
        draw_table (c, cmp, p, x + (p % cols) * (tw + TABLE_GAP), y + (p / cols) * (th + 12), cw, tw);
    }
  else if (accesses > PW_COMPARE_TABLE_MAX)
    {
      g_autofree char *t = NULL;
      g_autofree char *max = g_strdup_printf ("%d", PW_COMPARE_TABLE_MAX);

      t = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        /* Translators: the number of references, then the most a table shows */
                                        "%s reference: too many for tables of frames over time (at most %s); the counts above are the comparison.",
                                        "%s references: too many for tables of frames over time (at most %s); the counts above are the comparison.",
                                        accesses),
                           PW_DEC (accesses), max);
      pw_text (c, PW_FONT_BODY, &pal->muted, t, x, y + SECTION / 2, w, PW_ALIGN_LEFT);
    }
}

/* pw-render-vaspace-legend.c: the address spaces' legend and the choice of
 * the columns drawn (one per process, the walk's always among them, or
 * every process in rows for the overview's band)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-render"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pw-render-private.h"

#define COL_GAP   16.0   /* as pw-render-vaspace.c */

/* The processes drawn when only @shown of them fit: in pid order, always
 * with the process of the walk (or the one asked for).  Fills @out with
 * process indices. */
void
pw_vaspace_columns (PwCtx        *c,
                    double        x,
                    double        y,
                    double        w,
                    double        h,
                    double        title_y,
                    double        title_w,
                    double        min_col,
                    double        max_col,
                    double        lone_col,
                    double        gap,
                    PwColumnFunc  draw)
{
  guint n = pw_machine_n_processes (c->m);
  guint shown = c->one_column ? MIN (n, 1) : MIN (n, MAX (1, (guint) ((w + gap) / (min_col + gap))));
  double col_w = MIN (shown == 1 ? lone_col : max_col, (w - (shown - 1) * gap) / shown);
  g_autofree guint *pick = NULL;

  if (c->every_process && n > 1)
    {
      guint per_row = pw_vaspace_per_row (w, n), rows = pw_vaspace_rows (w, n);
      double row_h = (h - (rows - 1) * gap) / rows;
      /* the band is the width of the figure: columns may be as wide as a lone one */
      double cw = MIN (MAX (max_col, lone_col), (w - (per_row - 1) * gap) / per_row);

      for (guint i = 0; i < n; i++)
        draw (c, pw_machine_process (c->m, i), x + (i % per_row) * (cw + gap),
              y + (i / per_row) * (row_h + gap), cw, row_h);
      return;
    }
  pick = g_new (guint, shown);
  if (shown < n)
    {
      /* on the title's line, right-aligned, clear of the title */
      g_autofree char *more = c->one_column
        ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "+%u more process below", "+%u more processes below",
                                        n - shown), n - shown)
        : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "+%u more process not shown", "+%u more processes not shown",
                                        n - shown), n - shown);
      g_autofree char *more_s = g_strdup_printf (_("+%u more"), n - shown);
      pw_text_fit (c, PW_FONT_SMALL, &c->pal->muted, x + w, title_y + 3, w - title_w - 12,
                   PW_ALIGN_RIGHT, more, more_s, NULL);
    }
  pw_vaspace_pick (c, shown, pick);
  for (guint i = 0; i < shown; i++)
    draw (c, pw_machine_process (c->m, pick[i]), x + i * (col_w + gap), y, col_w, h);
}

#define ROW_COL_W 280.0   /* the narrowest column in a row of every process */

guint
pw_vaspace_per_row (double w,
                    guint  n)
{
  guint fit = (guint) ((w + COL_GAP) / (ROW_COL_W + COL_GAP));

  return MAX (1, MIN (n, MAX (4, fit)));
}

guint
pw_vaspace_rows (double w,
                 guint  n)
{
  guint per_row = pw_vaspace_per_row (w, n);

  return MAX (1, (n + per_row - 1) / per_row);
}

void
pw_vaspace_pick (PwCtx *c,
                 guint  shown,
                 guint *out)
{
  guint n = pw_machine_n_processes (c->m), want = 0;
  gboolean have = FALSE;

  for (guint i = 0; i < n; i++)
    if (pw_machine_process (c->m, i)->pid == c->pid)
      want = i;
  for (guint i = 0; i < shown; i++)
    {
      out[i] = i;
      if (i == want)
        have = TRUE;
    }
  if (!have && shown > 0)
    out[shown - 1] = want;
}


/* The next legend item (a swatch @sw wide and @label) on a new line when
 * it does not fit in what is left of the line. */
static void
legend_wrap (PwCtx      *c,
             const char *label,
             double      sw,
             double      x,
             double      w,
             double     *lx,
             double     *ly)
{
  double tw;

  pw_text_size (c, PW_FONT_SMALL, label, &tw, NULL);
  if (*lx > x && *lx + sw + 4 + tw > x + w)
    {
      *lx = x;
      *ly += 18;
    }
}

/* The legend from (@x, @y), @w wide, wrapped onto more lines when it does
 * not fit; returns how far below @y its last line starts. */
double
pw_vaspace_legend (PwCtx  *c,
                   double  x,
                   double  y,
                   double  w)
{
  const PwPalette *pal = c->pal;
  guint n = pw_machine_n_processes (c->m);
    double lx = x, ly = y;
    const PwRgb *pc = pw_proc_colour (c, n > 0 ? pw_machine_process (c->m, 0)->pid : 1);
    PwRgb tint = pw_tint (c, &pal->disk, 0.18);
    double sw = 12;

    pw_fill_rect (c, pc, lx, ly + 2, sw, sw);
    lx += sw + 4 + pw_text (c, PW_FONT_SMALL, &pal->muted, _("resident"), lx + sw + 4, ly, -1, PW_ALIGN_LEFT) + 12;
    legend_wrap (c, _("on disk"), sw, x, w, &lx, &ly);
    pw_fill_rect (c, &tint, lx, ly + 2, sw, sw);
    pw_dots (c, &pal->disk, 4, lx, ly + 2, sw, sw);
    lx += sw + 4 + pw_text (c, PW_FONT_SMALL, &pal->muted, _("on disk"), lx + sw + 4, ly, -1, PW_ALIGN_LEFT) + 12;
    legend_wrap (c, _("committed"), sw, x, w, &lx, &ly);
    pw_stroke_rect (c, pc, 1.5, lx, ly + 2, sw, sw);
    lx += sw + 4 + pw_text (c, PW_FONT_SMALL, &pal->muted, _("committed"), lx + sw + 4, ly, -1, PW_ALIGN_LEFT) + 12;
    if (lx + 160 < x + w)
      {
        pw_hatch (c, &pal->line, 4, 0.8, lx, ly + 2, sw, sw);
        pw_stroke_rect (c, &pal->line, 1, lx, ly + 2, sw, sw);
        lx += sw + 4 + pw_text (c, PW_FONT_SMALL, &pal->muted, _("reserved"), lx + sw + 4, ly, -1, PW_ALIGN_LEFT) + 12;
      }
    if (pw_vaspace_any_cow (c))
      {
        /* after a fork: shared read-only until written */
        double tw;
        pw_text_size (c, PW_FONT_SMALL, _("copy-on-write (COW)"), &tw, NULL);
        if (lx + sw + 4 + tw > x + w)
          {
            lx = x;
            ly += 18;
          }
        pw_fill_rect (c, pc, lx, ly + 2, sw, sw);
        pw_cow_mark (c, lx, ly + 2, sw, sw);
        lx += sw + 4 + pw_text (c, PW_FONT_SMALL, &pal->muted, _("copy-on-write (COW)"), lx + sw + 4, ly, -1,
                                PW_ALIGN_LEFT) + 12;
      }
    if (pw_vaspace_any_shared (c))
      {
        /* a frame several processes map: marked in each of their columns */
        const char *label = _("frame shared by several processes");
        double tw;
        pw_text_size (c, PW_FONT_SMALL, label, &tw, NULL);
        if (2 * sw + 4 + tw > w)
          {
            /* a narrow column: the short form */
            label = _("shared frame");
            pw_text_size (c, PW_FONT_SMALL, label, &tw, NULL);
          }
        if (lx + 2 * sw + 4 + tw > x + w)
          {
            lx = x;
            ly += 18;
          }
        pw_fill_rect (c, pc, lx, ly + 2, 2 * sw, sw);
        pw_shared_mark (c, lx, ly + 2, sw);
        lx += 2 * sw + 4 + pw_text (c, PW_FONT_SMALL, &pal->muted, label, lx + 2 * sw + 4, ly, -1,
                                    PW_ALIGN_LEFT) + 12;
      }
    return ly - y;
}

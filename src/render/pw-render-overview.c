/* pw-render-overview.c: every view composed as the app lays them out
 *
 * Address bar and narration across the top; virtual address spaces on the
 * left; the walk and the page-table tree in the middle; physical memory and
 * disk on the right; the TLB and the statistics along the bottom.
 *
 * With several processes the address spaces leave the left and take a band
 * across the width below the address bar: a column for every process, side
 * by side (at least four to a row, further rows below), so a frame two
 * processes share shows in both.  The figure grows by the band.
 *
 * While a step's access unfolds, everything but the address bar and the
 * walk shows the machine before the step (the options' `before`) until the
 * kernel acts: pw_anim_side_machine().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-render"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pw-render-private.h"

#define TOP_H  (30.0 + 15.0 + 28.0 + 36.0 + 10.0)
#define BOT_H  190.0
#define GAP    20.0

#define BAND_LEGEND_H  64.0   /* the title and the legend (a second line when it wraps) */
#define BAND_ROW_MIN  220.0
#define BAND_ROW_MAX  560.0
#define BAND_ROW_GAP   16.0   /* COL_GAP of pw-render-vaspace.c: between rows */

/* The height of the band of process columns, 0 with one process (its
 * column stays on the left). */
static double
band_height (PwCtx  *c,
             double  w)
{
  guint n = pw_machine_n_processes (c->m), rows;
  double row_h;

  if (n < 2)
    return 0;
  rows = pw_vaspace_rows (w, n);
  /* a column's natural height, within reason */
  c->every_process = TRUE;
  row_h = CLAMP (pw_view_measure (c, PW_VIEW_VASPACE, w) - 46, BAND_ROW_MIN, BAND_ROW_MAX);
  c->every_process = FALSE;
  return BAND_LEGEND_H + rows * row_h + (rows - 1) * BAND_ROW_GAP;
}

/* The scenario's title, then the address translated (beside the title when
 * it fits, else below it) and, below, the narration wrapped (the numbers it
 * names are never cut).  Returns the height added below the
 * title's row; draws only when @draw. */
static double
top_rows (PwCtx    *c,
          double    x,
          double    y,
          double    w,
          gboolean  draw)
{
  const PwPalette *pal = c->pal;
  const PwScenario *sc = pw_machine_scenario (c->m);
  g_autofree char *title = g_strdup_printf ("%s · %s", sc->title ? sc->title : _("Scenario"),
                                            c->arch->name);
  g_autofree char *narr = NULL, *head = NULL, *va = NULL;
  const PwWalk *walk;
  double tw, hw, ny = y + 24, extra = 0;
  int lines;

  pw_text_size (c, PW_FONT_TITLE, title, &tw, NULL);
  tw = MIN (tw, w);
  if (draw)
    pw_text (c, PW_FONT_TITLE, &pal->fg, title, x, y, w, PW_ALIGN_LEFT);
  if (c->walk == NULL && c->life == NULL)
    return 0;
  if (c->walk == NULL)
    {
      /* a step without an access: what it did, said as the walk is */
      narr = pw_life_narration (c);
      head = pw_life_title (c);
    }
  else
    {
      narr = pw_narration_here (c);
      walk = pw_anim_walk (c, NULL);
      va = pw_fmt_addr (walk->va, c->arch->va_bits);
      /* Translators: the address, the pid, the access (read, write, exec) */
      head = g_strdup_printf (_("Virtual address %s (pid %u, %s)"), va, c->walk_pid,
                              pw_access_name (walk->access));
    }
  pw_text_size (c, PW_FONT_BOLD, head, &hw, NULL);
  if (tw + 24 + hw <= w)
    {
      if (draw)
        pw_text (c, PW_FONT_BOLD, &pal->fg, head, x + tw + 24, y + 1, -1, PW_ALIGN_LEFT);
    }
  else
    {
      if (draw)
        pw_text (c, PW_FONT_BOLD, &pal->fg, head, x, ny, w, PW_ALIGN_LEFT);
      ny += 20;
      extra += 20;
    }
  if (narr)
    {
      /* two lines kept whatever the phase, so that the drawing does not
       * jump while the translation unfolds */
      lines = pw_text_wrapped_lines (c, PW_FONT_BODY, narr, w, 4);
      if (draw)
        pw_text_wrapped (c, PW_FONT_BODY, &pal->fg, narr, x, ny, w, 4);
      extra += MAX (lines, 2) * 17.0;
    }
  return extra + 4;
}

double
pw_overview_measure (PwCtx  *c,
                     double  w)
{
  double band = band_height (c, w);

  /* designed at 1600 x 1000, scaled with the width; the band and the
   * narration's lines add to it */
  return MAX (w * 1000.0 / 1600.0, 900) + (band > 0 ? band + GAP : 0)
         + top_rows (c, 0, 0, w, FALSE);
}

static void
separator (PwCtx  *c,
           double  x0,
           double  y0,
           double  x1,
           double  y1)
{
  cairo_move_to (c->cr, x0, y0);
  cairo_line_to (c->cr, x1, y1);
  pw_set_rgb (c, &c->pal->grid);
  cairo_set_line_width (c->cr, 1);
  cairo_stroke (c->cr);
}

static void
stats_panel (PwCtx  *c,
             double  x,
             double  y,
             double  w,
             double  h)
{
  const PwPalette *pal = c->pal;
  const PwStats *st = pw_machine_stats (c->m);
  struct { const char *label; guint64 v; } rows[] = {
    { _("accesses"), st->accesses },
    { _("TLB hits"), st->tlb_hits },
    { _("TLB misses"), st->tlb_misses },
    { _("page faults"), st->page_faults },
    { _("major faults (disk reads)"), st->major_faults },
    { _("evictions"), st->evictions },
    { _("write-backs"), st->writebacks },
    { _("page-table reads"), st->walk_reads },
  };
  double rh = MIN (19, (h - 30) / G_N_ELEMENTS (rows));

  {
    g_autofree char *t = g_strdup_printf (_("Statistics · policy %s"), pw_policy_name (pw_machine_config (c->m)->policy));
    pw_panel_title (c, t, x, y, w);
  }
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      char num[32];
      double ry = y + 26 + i * rh;
      if (ry + rh > y + h)
        break;
      g_snprintf (num, sizeof num, "%" G_GUINT64_FORMAT, rows[i].v);
      pw_text (c, PW_FONT_SMALL, &pal->muted, rows[i].label, x, ry, w - 90, PW_ALIGN_LEFT);
      pw_text (c, PW_FONT_MONO, &pal->fg, num, x + w, ry - 1, 90, PW_ALIGN_RIGHT);
    }
}

void
pw_overview_draw (PwCtx  *c,
                  double  x,
                  double  y,
                  double  w,
                  double  h)
{
  PwMachine *after = c->m, *side = pw_anim_side_machine (c);
  double band_h = band_height (c, w);
  double extra = top_rows (c, x, y, w, FALSE);
  double mid_y = y + TOP_H + extra + 8 + (band_h > 0 ? band_h + GAP : 0);
  double mid_h = h - TOP_H - extra - BOT_H - 16 - (band_h > 0 ? band_h + GAP : 0);
  double left_w = band_h > 0 ? -GAP : w * 0.22, right_w = w * 0.27;
  double mid_x = x + left_w + GAP, mid_w = w - left_w - right_w - 2 * GAP;
  double right_x = x + w - right_w;
  double walk_h = mid_h * 0.6, disk_h = MIN (mid_h * 0.34, 200);

  /* top: the scenario, the address and the narration */
  top_rows (c, x, y, w, TRUE);
  pw_address_bar (c, x, y + 30 + extra, w, FALSE, NULL, NULL, NULL);
  if (band_h > 0)
    {
      /* a band of every process's address space */
      double band_y = y + TOP_H + extra + 8;
      separator (c, x, band_y - 6, x + w, band_y - 6);
      c->every_process = TRUE;
      c->m = side;
      pw_view_draw (c, PW_VIEW_VASPACE, x, band_y, w, band_h);
      c->m = after;
      c->every_process = FALSE;
    }
  separator (c, x, mid_y - 6, x + w, mid_y - 6);

  /* left: address spaces (of the one process) */
  if (band_h == 0)
    {
      c->m = side;
      pw_view_draw (c, PW_VIEW_VASPACE, x, mid_y, left_w, mid_h);
      c->m = after;
      separator (c, x + left_w + GAP / 2, mid_y, x + left_w + GAP / 2, mid_y + mid_h);
    }

  /* middle: the walk above the tables */
  c->compact = TRUE;
  pw_view_draw (c, PW_VIEW_WALK, mid_x, mid_y, mid_w, walk_h);
  c->compact = FALSE;
  separator (c, mid_x, mid_y + walk_h + 6, mid_x + mid_w, mid_y + walk_h + 6);
  /* the panes around the walk: before the step until the kernel acts */
  c->m = side;
  pw_view_draw (c, PW_VIEW_PAGETABLE, mid_x, mid_y + walk_h + 14, mid_w, mid_h - walk_h - 14);
  separator (c, right_x - GAP / 2, mid_y, right_x - GAP / 2, mid_y + mid_h);

  /* right: physical memory and disk */
  pw_view_draw (c, PW_VIEW_PHYSICAL, right_x, mid_y, right_w, mid_h - disk_h - 12);
  separator (c, right_x, mid_y + mid_h - disk_h - 6, x + w, mid_y + mid_h - disk_h - 6);
  pw_view_draw (c, PW_VIEW_DISK, right_x, mid_y + mid_h - disk_h, right_w, disk_h);

  /* bottom: TLB and statistics */
  separator (c, x, y + h - BOT_H - 6, x + w, y + h - BOT_H - 6);
  pw_view_draw (c, PW_VIEW_TLB, x, y + h - BOT_H, w * 0.68, BOT_H);
  stats_panel (c, x + w * 0.72, y + h - BOT_H, w * 0.28, BOT_H);
  c->m = after;
}

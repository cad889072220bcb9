/* pw-render-overview.c: every view composed as the app lays them out
 *
 * Designed to fit a laptop screen (1280 x 800: about 1200 x 640 for the
 * drawing) without scrolling: the scenario, the address and the narration
 * across the top; then the core, always above the fold: the virtual address
 * space of the walk's process on the left ("+N more" when there are
 * others), the walk in the middle with the TLB under
 * it, physical memory and disk on the right with the statistics under them.
 * The walk draws the address bar with its bits, so there is no second one.
 *
 * Below the core, where a taller window or an export has room: with several
 * processes a band across the width with a column for every process, side by
 * side (at least four to a row, further rows below), so a frame two
 * processes share shows in both; then the page-table tree, which takes what
 * height is left.
 *
 * While a step's access unfolds, everything but the walk shows the machine
 * before the step (the options' `before`) until the kernel acts:
 * pw_anim_side_machine().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-render"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "pw-render-private.h"

#define TITLE_ROW  30.0   /* the title's row; top_rows() adds the lines below it */
#define GAP        20.0
#define WALK_MIN  305.0   /* the walk's height up to WALK_GROW wide, more when wider */
#define WALK_GROW 1300.0  /* a 1280 x 800 screen's canvas is 584 pixels tall (the
                           * window less its header, translate bar, timeline and
                           * action bar): the walk grows only past its width */
#define WALK_FLOOR 290.0  /* the least, when the narration takes 3 or 4 lines */
#define TOP_USUAL (TITLE_ROW + 2 * 17.0 + 4)  /* the title, the address beside it, two lines */
#define LEFT_OVER  60.0  /* how far the left column may reach below the core */
#define BOT_MIN   150.0   /* the TLB and the statistics */
#define BOT_MAX   170.0
#define TABLES_MIN 120.0  /* the page-table tree below the core, at least */
#define TABLES_MAX 420.0

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
                              pw_access_word (walk->access));
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
  double rh = MIN (17, (h - 30) / G_N_ELEMENTS (rows));

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
      double nw;

      g_snprintf (num, sizeof num, "%" G_GUINT64_FORMAT, rows[i].v);
      /* the label takes what the number leaves (German's "schwere
       * Seitenfehler (Plattenlesevorgänge)" is long) */
      pw_text_size (c, PW_FONT_MONO, num, &nw, NULL);
      pw_text (c, PW_FONT_SMALL, &pal->muted, rows[i].label, x, ry, w - nw - 12, PW_ALIGN_LEFT);
      pw_text (c, PW_FONT_MONO, &pal->fg, num, x + w, ry - 1, 90, PW_ALIGN_RIGHT);
    }
}

/* Where the parts go at width @w (see the file's comment). */
typedef struct
{
  double top;        /* title, address and narration */
  double walk_h;     /* the walk, and physical memory and disk beside it */
  double bot_h;      /* the TLB and the statistics */
  double core;       /* top + walk + bottom: what is above the fold */
  double left_h;     /* the address space on the left: the core's height, or
                      * a little more when its labels need it */
  double below;      /* where what comes below the core starts */
  double band;       /* every process's column (several processes), else 0 */
  double tables;     /* the page tables' natural height */
  double left_w, right_w;
} Layout;

static void
layout (PwCtx  *c,
        double  w,
        Layout *l)
{
  guint ways_w;

  l->top = TITLE_ROW + top_rows (c, 0, 0, w, FALSE);
  l->band = band_height (c, w);
  /* with several processes too: the walk's process (the others' columns
   * are in the band below, "+N more" says so) */
  l->left_w = floor (w * 0.22);
  l->right_w = floor (w * 0.28);
  {
    /* a deep walk (x86-64's four tables and the frame) keeps its columns
     * apart: the sides give it width, down to their least */
    /* the architecture's levels, not the walk's: the layout stays put
     * from step to step */
    guint levels = MAX (c->arch->n_levels, 1);
    double need = PW_WALK_COMPACT_W (levels);
    double mid = w - l->left_w - l->right_w - (l->left_w > 0 ? 2 : 1) * GAP;

    if (mid < need)
      {
        double sides = floor (l->left_w + l->right_w - (need - mid));
        double lmin = l->left_w > 0 ? 175 : 0, rmin = 250;

        sides = MAX (sides, lmin + rmin);
        if (l->left_w > 0)
          l->left_w = floor (MAX (lmin, sides * 0.42));
        l->right_w = MAX (rmin, sides - l->left_w);
        if (l->left_w > 0)
          l->left_w = MAX (lmin, sides - l->right_w);
      }
  }
  /* the narration's third and fourth lines come out of the walk's height,
   * so the TLB and the statistics stay where a 1280 x 800 screen shows them */
  l->walk_h = MAX (WALK_MIN, WALK_MIN + (w - WALK_GROW) * 0.17);
  l->walk_h = MAX (WALK_FLOOR, l->walk_h - MAX (0, l->top - TOP_USUAL));
  ways_w = (guint) (w - l->left_w - l->right_w - (l->left_w > 0 ? 2 : 1) * GAP);
  l->bot_h = CLAMP (pw_view_measure (c, PW_VIEW_TLB, ways_w), BOT_MIN, BOT_MAX);
  l->core = l->top + l->walk_h + 12 + l->bot_h;
  /* the address space on the left may reach past the fold by up to 60
   * units (what it had before the walk was made shorter for 1280 x 800):
   * its labels keep clear of the accessed page's outline */
  l->left_h = l->core - l->top;
  if (l->left_w > 0)
    {
      double natural;

      c->one_column = l->band > 0;
      natural = pw_view_measure (c, PW_VIEW_VASPACE, l->left_w);
      c->one_column = FALSE;
      l->left_h = MAX (l->left_h, MIN (natural, l->left_h + LEFT_OVER));
    }
  l->below = MAX (l->core, l->top + l->left_h);
  l->tables = CLAMP (pw_view_measure (c, PW_VIEW_PAGETABLE, w), TABLES_MIN, TABLES_MAX);
}

double
pw_overview_measure (PwCtx  *c,
                     double  w)
{
  Layout l;

  layout (c, w, &l);
  return l.below + (l.band > 0 ? GAP + l.band : 0) + GAP + l.tables;
}

void
pw_overview_draw (PwCtx  *c,
                  double  x,
                  double  y,
                  double  w,
                  double  h)
{
  PwMachine *after = c->m, *side = pw_anim_side_machine (c);
  Layout l;
  double body_y, mid_x, mid_w, right_x, bot_y, below_y, disk_h;

  layout (c, w, &l);
  body_y = y + l.top;
  mid_x = x + (l.left_w > 0 ? l.left_w + GAP : 0);
  right_x = x + w - l.right_w;
  mid_w = right_x - GAP - mid_x;
  bot_y = body_y + l.walk_h + 12;
  below_y = y + l.below + GAP;
  /* the disk's rows tall enough that a slot's number keeps off the outline
   * of the slot under it (147: 42 % of the walk's former 350) */
  disk_h = floor (MIN (MIN (MAX (l.walk_h * 0.42, 147), 180),
                       pw_view_measure (c, PW_VIEW_DISK, l.right_w)));

  /* top: the scenario, the address and the narration */
  top_rows (c, x, y, w, TRUE);
  separator (c, x, body_y - 6, x + w, body_y - 6);

  /* left: the address space of the one process */
  if (l.left_w > 0)
    {
      c->m = side;
      c->one_column = l.band > 0;
      pw_view_draw (c, PW_VIEW_VASPACE, x, body_y, l.left_w, l.left_h);
      c->one_column = FALSE;
      c->m = after;
      separator (c, x + l.left_w + GAP / 2, body_y, x + l.left_w + GAP / 2, body_y + l.left_h);
    }

  /* middle: the walk, with its address bar */
  c->compact = TRUE;
  pw_view_draw (c, PW_VIEW_WALK, mid_x, body_y, mid_w, l.walk_h);
  c->compact = FALSE;
  separator (c, right_x - GAP / 2, body_y, right_x - GAP / 2, y + l.core);

  /* the panes around the walk: before the step until the kernel acts */
  c->m = side;
  /* under the walk: the TLB */
  separator (c, mid_x, bot_y - 6, mid_x + mid_w, bot_y - 6);
  pw_view_draw (c, PW_VIEW_TLB, mid_x, bot_y, mid_w, l.bot_h);

  /* right: physical memory and disk, the statistics under them */
  pw_view_draw (c, PW_VIEW_PHYSICAL, right_x, body_y, l.right_w, l.walk_h - disk_h - 12);
  separator (c, right_x, body_y + l.walk_h - disk_h - 6, x + w, body_y + l.walk_h - disk_h - 6);
  pw_view_draw (c, PW_VIEW_DISK, right_x, body_y + l.walk_h - disk_h, l.right_w, disk_h);
  separator (c, right_x, bot_y - 6, x + w, bot_y - 6);
  stats_panel (c, right_x, bot_y, l.right_w, l.bot_h);

  /* below the fold: every process's address space */
  if (l.band > 0)
    {
      separator (c, x, below_y - GAP / 2, x + w, below_y - GAP / 2);
      c->every_process = TRUE;
      pw_view_draw (c, PW_VIEW_VASPACE, x, below_y, w, l.band);
      c->every_process = FALSE;
      below_y += l.band + GAP;
    }

  /* and the page tables, in what height is left */
  if (y + h - below_y >= TABLES_MIN * 0.75)
    {
      separator (c, x, below_y - GAP / 2, x + w, below_y - GAP / 2);
      pw_view_draw (c, PW_VIEW_PAGETABLE, x, below_y, w, y + h - below_y);
    }
  c->m = after;
}

/* pw-render-physical.c: physical memory and the swap disk (the TLB is in
 * pw-render-tlb.c)
 *
 * Frames are a grid with addresses along the edge.  When frames outnumber
 * the cells that fit, each cell stands for a power-of-two run of frames and
 * is filled in proportion to who owns them; the legend says how many.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-render"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "pw-render-private.h"

#define LABEL_W   96.0
#define TOP_H     62.0
#define MIN_CELL  11.0
#define OWNERS    4

/* Owner keys: a pid, or one of these. */
#define OWNER_TABLE ((guint) -1)

typedef struct
{
  guint   key[OWNERS];
  guint64 n[OWNERS];
  guint64 other;
  guint64 vpn;      /* the page held, when the cell is one frame */
  guint   sharers;
} Cell;

typedef struct
{
  guint   cols, rows;
  guint64 per_cell;     /* frames (or slots) per cell, a power of two */
  guint64 n_cells;
  double  cw, ch;
} Grid;

static void
grid_layout (guint64  n,
             double   gw,
             double   gh,
             double   target,
             double   min_cell,
             Grid    *g)
{
  guint cols = 1;

  while (cols * 2 * target <= gw && cols < 1024)
    cols *= 2;
  /* very small memories: no more columns than frames */
  while (cols > 1 && cols / 2 >= n)
    cols /= 2;
  g->cols = cols;
  g->cw = gw / cols;
  g->per_cell = 1;
  for (;;)
    {
      guint64 cells = (n + g->per_cell - 1) / g->per_cell;
      guint64 rows = (cells + cols - 1) / cols;
      double ch = MIN (g->cw, gh / MAX (rows, 1));
      if (ch >= min_cell || g->per_cell >= (G_GUINT64_CONSTANT (1) << 62))
        {
          g->rows = rows;
          g->n_cells = cells;
          g->ch = MIN (g->cw, MAX (ch, min_cell));
          return;
        }
      g->per_cell *= 2;
    }
}

/* Keeps the rows of @g that fit in @gh, with room for a line below them
 * when some do not: returns the frames (or slots) left out, 0 when all
 * fit. */
#define MORE_H 18.0
static guint64
grid_fit (Grid    *g,
          guint64  n,
          double   gh)
{
  guint rows;

  if (g->rows * g->ch <= gh + 0.5)
    return 0;
  rows = (guint) MAX (0.0, floor ((gh - MORE_H) / g->ch));
  if (rows >= g->rows)
    return 0;
  g->rows = rows;
  g->n_cells = MIN (g->n_cells, (guint64) rows * g->cols);
  return n - MIN (n, g->n_cells * g->per_cell);
}

/* "+ 1234 more slots" below a grid that did not fit */
static void
more_note (PwCtx      *c,
           const char *text,
           double      x,
           double      y,
           double      w)
{
  pw_text_fit (c, PW_FONT_SMALL, &c->pal->muted, x, y + 2, w, PW_ALIGN_LEFT, text, NULL);
}

static void
cell_add (Cell    *cell,
          guint    key,
          guint64  n)
{
  for (guint i = 0; i < OWNERS; i++)
    {
      if (cell->n[i] > 0 && cell->key[i] == key)
        {
          cell->n[i] += n;
          return;
        }
      if (cell->n[i] == 0)
        {
          cell->key[i] = key;
          cell->n[i] = n;
          return;
        }
    }
  cell->other += n;
}

static void
draw_cell (PwCtx      *c,
           const Cell *cell,
           guint64     per_cell,
           double      x,
           double      y,
           double      w,
           double      h)
{
  const PwPalette *pal = c->pal;
  double pos = x;

  for (guint i = 0; i < OWNERS + 1; i++)
    {
      guint64 n = i < OWNERS ? cell->n[i] : cell->other;
      double cw;

      if (n == 0)
        continue;
      /* a run of frames with even one in use shows a mark that can be seen */
      cw = per_cell > 1 ? MAX (MAX (4, w * 0.3), w * (double) n / per_cell) : w;
      cw = MIN (cw, x + w - pos);
      if (cw <= 0)
        break;
      pw_rect (c, pos, y, cw, h);
      if (i == OWNERS)
        {
          pw_set_rgb (c, &pal->muted);
          cairo_fill (c->cr);
        }
      else if (cell->key[i] == OWNER_TABLE)
        {
          pw_set_rgb (c, &pal->table);
          cairo_fill (c->cr);
        }
      else
        pw_fill_proc (c, cell->key[i], pal->print ? 0.8 : 1.0);
      if (i < OWNERS && cell->key[i] != OWNER_TABLE && cell->sharers > 1 && per_cell == 1)
        pw_hatch (c, &pal->bg, 5, 1.2, pos, y, cw, h);
      pos += cw;
    }
}

static guint
dominant (const Cell *cell)
{
  guint best = 0;
  guint64 bn = 0;

  for (guint i = 0; i < OWNERS; i++)
    if (cell->n[i] > bn)
      {
        bn = cell->n[i];
        best = cell->key[i];
      }
  return best == OWNER_TABLE ? 0 : best;
}

static double
legend (PwCtx  *c,
        double  x,
        double  y,
        double  w,
        gboolean tables)
{
  const PwPalette *pal = c->pal;
  guint n = pw_machine_n_processes (c->m);
  double lx = x;

  for (guint i = 0; i < n; i++)
    {
      const PwProcess *p = pw_machine_process (c->m, i);
      /* Translators: a pid, then the process's name */
      g_autofree char *t = g_strdup_printf (_("pid %u %s"), p->pid, p->name ? p->name : "");
      double tw;
      pw_text_size (c, PW_FONT_SMALL, t, &tw, NULL);
      if (lx + tw + 20 > x + w - (tables ? 170 : 60))
        {
          g_autofree char *more = g_strdup_printf (_("+%u"), n - i);
          lx += pw_text (c, PW_FONT_SMALL, &pal->muted, more, lx, y, -1, PW_ALIGN_LEFT) + 10;
          break;
        }
      pw_rect (c, lx, y + 2, 12, 12);
      pw_fill_proc (c, p->pid, 1);
      lx += 16 + pw_text (c, PW_FONT_SMALL, &pal->fg, t, lx + 16, y, -1, PW_ALIGN_LEFT) + 10;
    }
  if (tables)
    {
      pw_fill_rect (c, &pal->table, lx, y + 2, 12, 12);
      lx += 16 + pw_text (c, PW_FONT_SMALL, &pal->fg, _("page tables"), lx + 16, y, -1, PW_ALIGN_LEFT) + 10;
    }
  pw_stroke_rect (c, &pal->grid, 1, lx, y + 2, 12, 12);
  lx += 16 + pw_text (c, PW_FONT_SMALL, &pal->fg, _("free"), lx + 16, y, -1, PW_ALIGN_LEFT) + 10;
  return lx;
}

/* The grid as thin filled rectangles: rectilinear fills take cairo's fast
 * path, where stroking hundreds of lines tessellates each one. */
static void
grid_lines (PwCtx      *c,
            const Grid *g,
            double      gx,
            double      gy)
{
  guint64 full_rows = g->n_cells / g->cols, rem = g->n_cells % g->cols;
  double lw = g->cw >= 6 ? 1 : 0.5;

  for (guint64 r = 0; r <= g->rows; r++)
    {
      double len = g->cols;
      if (r == g->rows && rem)
        len = rem;
      cairo_rectangle (c->cr, gx - lw / 2, gy + r * g->ch - lw / 2, len * g->cw + lw, lw);
    }
  for (guint col = 0; col <= g->cols; col++)
    {
      guint64 rows_here = full_rows + (col < rem ? 1 : 0);
      if (col == g->cols)
        rows_here = full_rows;
      cairo_rectangle (c->cr, gx + col * g->cw - lw / 2, gy, lw, rows_here * g->ch);
    }
  pw_set_rgb (c, &c->pal->grid);
  cairo_fill (c->cr);
}

/* The first address of each row (@shift < 64), or, for the disk, its first
 * slot's number ("slot 8"). */
static void
row_labels (PwCtx      *c,
            const Grid *g,
            double      x,
            double      gy,
            guint       shift,
            guint       bits)
{
  double th = pw_font_height (c, PW_FONT_MONO_SMALL);
  guint every = MAX (1, (guint) ceil ((th + 1) / g->ch));

  for (guint r = 0; r < g->rows; r += every)
    {
      guint64 unit = (guint64) r * g->cols * g->per_cell;
      g_autofree char *t = shift < 64 ? pw_fmt_addr (unit << shift, bits)
                                      /* Translators: the label of a row of swap slots:
                                       * its first slot's number */
                                      : g_strdup_printf (_("slot %s"), PW_DEC (unit));
      pw_text (c, PW_FONT_MONO_SMALL, &c->pal->muted, t, x + LABEL_W - 6,
               gy + r * g->ch + (g->ch - th) / 2, LABEL_W - 6, PW_ALIGN_RIGHT);
    }
}

/* ---- physical memory ------------------------------------------------------------ */

#define LIST_MAX   12
#define LIST_COL_W 360.0
#define LIST_ROW_H 17.0

/* When few runs of frames are used, they are also listed by number: a cell
 * of many frames hides which ones.  A run is frames in a row with the same
 * owner and, for data, consecutive pages. */
typedef struct
{
  guint64    frame, count;
  PwFrameUse use;
  guint      pid;
  guint64    vpn;
  guint      level;
  GArray    *mappers;   /* a shared frame: the pids mapping it (not owned) */
  guint64    first_count;  /* frames of the run's first record (its first table) */
  gboolean   walk;      /* one of the frames of the translation shown */
} Run;

/* Frames mapped by more than one process: frame -> GArray of the pids that
 * map it, in pid order (pw_machine_frame_mappers()); NULL when no frame is
 * shared. */
static GHashTable *
frame_mappers (PwCtx  *c,
               GArray *used)
{
  const PwArch *a = c->arch;
  GHashTable *map = NULL;
  gboolean any = FALSE;

  for (guint i = 0; i < used->len && !any; i++)
    any = g_array_index (used, PwFrameInfo, i).sharers > 1;
  if (!any || a->kind != PW_ARCH_PAGED)
    return NULL;
  map = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                               (GDestroyNotify) g_array_unref);
  for (guint i = 0; i < used->len; i++)
    {
      const PwFrameInfo *fi = &g_array_index (used, PwFrameInfo, i);
      GArray *pids;
      if (fi->sharers <= 1 || fi->use != PW_FRAME_DATA)
        continue;
      pids = g_array_new (FALSE, FALSE, sizeof (guint));
      pw_machine_frame_mappers (c->m, fi->frame, pids);
      g_hash_table_insert (map, g_memdup2 (&fi->frame, sizeof fi->frame), pids);
    }
  return map;
}

/* "1, 2, 3" */
static char *
pid_list (GArray *pids)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < pids->len; i++)
    g_string_append_printf (s, i ? ", %u" : "%u", g_array_index (pids, guint, i));
  return g_string_free (s, FALSE);
}

static gboolean
same_mappers (GArray *a,
              GArray *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return a->len == b->len && memcmp (a->data, b->data, a->len * sizeof (guint)) == 0;
}

static GArray *
build_runs (GArray     *used,
            guint       max,
            GHashTable *mappers)
{
  GArray *runs = g_array_new (FALSE, FALSE, sizeof (Run));

  for (guint i = 0; i < used->len; i++)
    {
      const PwFrameInfo *fi = &g_array_index (used, PwFrameInfo, i);
      guint64 cnt = MAX (fi->count, 1);
      Run *last = runs->len ? &g_array_index (runs, Run, runs->len - 1) : NULL;
      GArray *pids = mappers ? g_hash_table_lookup (mappers, &fi->frame) : NULL;

      if (fi->use == PW_FRAME_FREE)
        continue;
      if (last != NULL && last->frame + last->count == fi->frame && last->use == fi->use
          && last->pid == fi->pid && same_mappers (last->mappers, pids)
          && (fi->use == PW_FRAME_TABLE ? last->level == fi->level : last->vpn + last->count == fi->vpn))
        {
          last->count += cnt;
          continue;
        }
      if (runs->len >= max)
        {
          g_array_set_size (runs, 0);
          return runs;
        }
      {
        Run r = { fi->frame, cnt, fi->use, fi->pid, fi->vpn, fi->level, pids, cnt, FALSE };
        g_array_append_val (runs, r);
      }
    }
  return runs;
}

/* Zoomed in to the contents (pw_detail_contents()), each run of the list
 * shows its first frame's entries or bytes below its line: this many lines
 * when memory holds them, one saying it does not. */
#define RUN_LINES 4

static guint
run_lines (PwCtx     *c,
           const Run *r)
{
  if (!pw_detail_contents (c))
    return 0;
  if (!pw_detail_frame_known (c, r->frame))
    return 1;
  if (r->use == PW_FRAME_TABLE)
    return pw_detail_entries_lines (c, r->frame, r->first_count, r->level, RUN_LINES);
  return RUN_LINES;
}

/* Zoomed in to the contents with too many runs to list: the frames the
 * translation shown went through, its tables (entries) and its page (bytes). */
static GArray *
walk_runs (PwCtx *c)
{
  const PwArch *a = c->arch;
  GArray *runs = g_array_new (FALSE, FALSE, sizeof (Run));
  const PwWalk *w = c->walk != NULL ? pw_anim_walk (c, NULL) : NULL;

  if (w == NULL || a->kind != PW_ARCH_PAGED)
    return runs;
  for (guint i = 0; i < w->n_steps; i++)
    {
      guint64 frame = w->steps[i].table >> a->page_shift;
      const PwFrameInfo *fi = pw_machine_frame_info (c->m, frame);
      Run r = { frame, 1, PW_FRAME_TABLE, fi ? fi->pid : 0, fi ? fi->vpn : 0, w->steps[i].depth,
                NULL, fi && fi->frame == frame ? MAX (fi->count, 1) : 1, TRUE };
      g_array_append_val (runs, r);
    }
  if (w->fault == PW_FAULT_NONE)
    {
      Run r = { w->frame, 1, PW_FRAME_DATA, c->walk_pid, w->va >> a->page_shift, 0, NULL, 1, TRUE };
      g_array_append_val (runs, r);
    }
  return runs;
}

/* The runs of frames listed below the grid: those in use when they are
 * few; zoomed in to the contents when they are not, the translation's. */
static GArray *
pick_runs (PwCtx      *c,
           GArray     *used,
           GHashTable *mappers)
{
  GArray *runs = build_runs (used, LIST_MAX, mappers);

  if (runs->len == 0 && pw_detail_contents (c))
    {
      g_array_unref (runs);
      runs = walk_runs (c);
    }
  return runs;
}

static double
used_list_height (PwCtx  *c,
                  GArray *runs,
                  double  w)
{
  guint cols = MAX (1, (guint) (w / LIST_COL_W));
  double h = 24;

  if (runs->len == 0)
    return 0;
  if (!pw_detail_contents (c))
    return h + ((runs->len + cols - 1) / cols) * LIST_ROW_H;
  /* one column, each run with its contents */
  for (guint i = 0; i < runs->len; i++)
    h += LIST_ROW_H + run_lines (c, &g_array_index (runs, Run, i)) * pw_detail_line_h (c) + 6;
  return h;
}

static void
used_list (PwCtx  *c,
           GArray *runs,
           double  x,
           double  y,
           double  w)
{
  const PwPalette *pal = c->pal;
  gboolean contents = pw_detail_contents (c);
  guint cols = contents ? 1 : MAX (1, (guint) (w / LIST_COL_W)), rows;
  double cw = w / cols, next_y = y + 22;

  if (runs->len == 0)
    return;
  rows = (runs->len + cols - 1) / cols;
  pw_text (c, PW_FONT_SMALL, &pal->muted,
           g_array_index (runs, Run, 0).walk ? _("frames of this translation:") : _("frames in use:"),
           x, y + 4, w, PW_ALIGN_LEFT);
  for (guint i = 0; i < runs->len; i++)
    {
      const Run *r = &g_array_index (runs, Run, i);
      double ix = x + (i / rows) * cw, iy = contents ? next_y : y + 22 + (i % rows) * LIST_ROW_H;
      guint lines = run_lines (c, r);

      if (lines > 0)
        {
          /* the first frame's entries (a table, decoded) or bytes */
          double lx = ix + 14, ly = iy + LIST_ROW_H;
          if (r->use == PW_FRAME_TABLE)
            pw_detail_entries (c, r->frame, r->first_count, r->level, lx, ly, cw - 20, lines);
          else
            pw_detail_bytes (c, r->frame, r->pid, r->vpn, lx, ly, cw - 20, lines);
          next_y = ly + lines * pw_detail_line_h (c) + 6;
        }
      g_autofree char *f0 = pw_fmt_hex (r->frame);
      g_autofree char *f1 = pw_fmt_hex (r->frame + r->count - 1);
      g_autofree char *range = r->count > 1 ? g_strdup_printf ("%s–%s", f0, f1) : g_strdup (f0);
      g_autofree char *v0 = pw_fmt_hex (r->vpn);
      g_autofree char *v1 = pw_fmt_hex (r->vpn + r->count - 1);
      g_autofree char *t = NULL, *t2 = NULL;

      if (r->use == PW_FRAME_TABLE)
        {
          /* Translators: a frame or range of frames, then the table's level (PD, PT...) */
          t = g_strdup_printf (_("%s page table (%s)"), range,
                               r->level < c->arch->n_levels ? c->arch->level_names[r->level] : "?");
          pw_fill_rect (c, &pal->table, ix, iy + 2, 10, 10);
        }
      else if (r->mappers != NULL && r->mappers->len > 1)
        {
          /* one swatch striped with every sharer's colour */
          g_autofree char *who = pid_list (r->mappers);
          t = r->count > 1
            /* Translators: a range of frames, the pids, the first and last virtual pages */
            ? g_strdup_printf (_("%s shared by pids %s: pages %s–%s"), range, who, v0, v1)
            /* Translators: what the frame holds, the pids, then a page number */
            : g_strdup_printf (_("%s shared by pids %s: page %s"), range, who, v0);
          /* Translators: a range of frames, the pids (the pages left out for room) */
          t2 = g_strdup_printf (_("%s shared by pids %s"), range, who);
          for (guint k = 0; k < r->mappers->len; k++)
            {
              double sw = 10.0 / r->mappers->len;
              pw_rect (c, ix + k * sw, iy + 2, sw, 10);
              pw_fill_proc (c, g_array_index (r->mappers, guint, k), 1);
            }
        }
      else
        {
          if (r->count > 1)
            /* Translators: a range of frames, the pid, the first and last virtual pages */
            t = g_strdup_printf (_("%s pid %u pages %s–%s"), range, r->pid, v0, v1);
          else
            /* Translators: what the frame holds, a pid, then a page number */
            t = g_strdup_printf (_("%s pid %u page %s"), range, r->pid, v0);
          /* Translators: a range of frames, the pid (the pages left out for room) */
          t2 = g_strdup_printf (_("%s pid %u"), range, r->pid);
          pw_rect (c, ix, iy + 2, 10, 10);
          pw_fill_proc (c, r->pid, 1);
        }
      /* when the line is too long, the pages go first, then the owner: the
       * frames' numbers are never cut */
      pw_text_fit (c, PW_FONT_MONO_SMALL, &pal->fg, ix + 14, iy, cw - 20, PW_ALIGN_LEFT,
                   t, t2 ? t2 : range, range, NULL);
    }
}

double
pw_physical_measure (PwCtx  *c,
                     double  w)
{
  g_autoptr(GArray) used = NULL;
  g_autoptr(GArray) runs = NULL;
  g_autoptr(GHashTable) mappers = NULL;
  Grid g;

  used = pw_total_pages (c) > PW_EXACT_PAGES
    ? g_array_new (FALSE, FALSE, sizeof (PwFrameInfo)) : pw_machine_used_frames (c->m);
  mappers = frame_mappers (c, used);
  runs = pick_runs (c, used, mappers);
  /* zoomed in past 200 %, the grid may be taller (it scrolls) for finer cells */
  grid_layout (pw_machine_n_frames (c->m), w - LABEL_W, 520 * MAX (1, c->px / 2), pw_detail_min_cell (c, 16),
               pw_detail_min_cell (c, MIN_CELL), &g);
  return TOP_H + g.rows * g.ch + 10 + used_list_height (c, runs, w - LABEL_W);
}

void
pw_physical_draw (PwCtx  *c,
                  double  x,
                  double  y,
                  double  w,
                  double  h)
{
  const PwPalette *pal = c->pal;
  const PwArch *a = c->arch;
  guint64 n = pw_machine_n_frames (c->m);
  gboolean sampled;
  g_autoptr(GArray) used = NULL;
  g_autoptr(GArray) runs = NULL;
  g_autofree Cell *cells = NULL;
  g_autoptr(GHashTable) mappers = NULL;
  Grid g;
  double gx = x + LABEL_W, gy = y + TOP_H;
  guint addr_bits = pw_log2 (MAX (n, 1)) + a->page_shift + (pw_is_pow2 (n) ? 0 : 1);
  guint64 used_frames = 0, hidden;

  sampled = pw_total_pages (c) > PW_EXACT_PAGES;
  used = sampled ? g_array_new (FALSE, FALSE, sizeof (PwFrameInfo))
                 : pw_machine_used_frames (c->m);
  mappers = frame_mappers (c, used);
  runs = pick_runs (c, used, mappers);

  /* the list of runs only where it leaves the grid a few rows */
  if (h - TOP_H - used_list_height (c, runs, w - LABEL_W) < 4 * pw_detail_min_cell (c, MIN_CELL) + 10)
    g_array_set_size (runs, 0);
  /* zoomed in, cells stand for fewer frames (pw-render-detail.c) */
  grid_layout (n, w - LABEL_W, h - TOP_H - used_list_height (c, runs, w - LABEL_W),
               pw_detail_min_cell (c, 16), pw_detail_min_cell (c, MIN_CELL), &g);
  cells = g_new0 (Cell, g.n_cells);

  for (guint i = 0; i < used->len; i++)
    {
      const PwFrameInfo *fi = &g_array_index (used, PwFrameInfo, i);
      guint64 count = MAX (fi->count, 1), f = fi->frame, end;
      guint key = fi->use == PW_FRAME_TABLE ? OWNER_TABLE : fi->pid;

      if (fi->use == PW_FRAME_FREE || f >= n)
        continue;
      end = MIN (f + count, n);
      used_frames += end - f;
      while (f < end)
        {
          guint64 ci = f / g.per_cell;
          guint64 cend = MIN ((ci + 1) * g.per_cell, end);
          GArray *pids = mappers ? g_hash_table_lookup (mappers, &f) : NULL;
          if (pids != NULL && pids->len > 1)
            {
              /* a shared frame: a stripe of each sharer's colour */
              for (guint k = 0; k < pids->len; k++)
                cell_add (&cells[ci], g_array_index (pids, guint, k), cend - f);
            }
          else
            cell_add (&cells[ci], key, cend - f);
          if (g.per_cell == 1)
            {
              cells[ci].vpn = fi->vpn + (f - fi->frame);
              cells[ci].sharers = fi->sharers;
            }
          f = cend;
        }
    }

  if (sampled)
    {
      /* a machine with this many pages: each cell is checked at a few frames
       * (said in the subtitle) instead of listing a million records */
      const guint S = 16;
      for (guint64 i = 0; i < g.n_cells; i++)
        {
          guint64 first = i * g.per_cell, len = MIN (g.per_cell, n - first);
          guint taken = (guint) MIN ((guint64) S, len);
          for (guint j = 0; j < taken; j++)
            {
              guint64 f = first + (len * (2 * j + 1)) / (2 * taken);
              const PwFrameInfo *fi = pw_machine_frame_info (c->m, f);
              if (fi == NULL || fi->use == PW_FRAME_FREE)
                continue;
              cell_add (&cells[i], fi->use == PW_FRAME_TABLE ? OWNER_TABLE : fi->pid, len / taken);
              used_frames += len / taken;
            }
        }
    }

  /* the rows that fit (the list of runs goes first) */
  hidden = grid_fit (&g, n, h - TOP_H);

  /* title and legend */
  {
    g_autofree char *size = pw_fmt_size (n << a->page_shift);
    g_autofree char *psize = pw_fmt_size (pw_arch_page_size (a));
    g_autofree char *title = g_strdup_printf (_("Physical memory · %s"), size);
    g_autofree char *sub = NULL;
    g_autofree char *cell_txt = NULL;
    double tw;

    tw = pw_text (c, PW_FONT_TITLE, &pal->fg, title, x, y, w, PW_ALIGN_LEFT);
    if (g.per_cell > 1)
      {
        g_autofree char *cs = pw_fmt_size (g.per_cell << a->page_shift);
        /* Translators: frames a cell stands for, then their size */
        cell_txt = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "1 cell = %s frame (%s), filled in proportion",
                                           "1 cell = %s frames (%s), filled in proportion",
                                           g.per_cell), PW_DEC (g.per_cell), cs);
      }
    else
      cell_txt = g_strdup_printf (_("1 cell = 1 frame of %s"), psize);
    if (sampled)
      /* Translators: frames in use, frames in all, then what a cell stands for */
      sub = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "about %s of %s frame in use (each cell sampled at 16 frames) · %s",
                                      "about %s of %s frames in use (each cell sampled at 16 frames) · %s",
                                      n),
                             PW_DEC (used_frames), PW_DEC (n), cell_txt);
    else
      /* Translators: frames in use, frames in all, then what a cell stands for */
      sub = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s of %s frame in use · %s", "%s of %s frames in use · %s", n),
                             PW_DEC (used_frames), PW_DEC (n), cell_txt);
    {
      /* the counts before the cell size, when not all fits; in whole
       * words, on the line above the grid when the title leaves no room */
      /* Translators: frames in use, then frames in all */
      g_autofree char *counts = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s of %s frame in use",
                                                              "%s of %s frames in use", n),
                                                 PW_DEC (used_frames), PW_DEC (n));
      int shown = pw_text_fit (c, PW_FONT_SMALL, &pal->muted, x + tw + 12, y + 3, w - tw - 12,
                               PW_ALIGN_LEFT, sub, counts, NULL);

      /* no room beside the title: the counts go on the line above the
       * grid; a narrow view (zoomed in) puts what a cell stands for there */
      if (shown < 0)
        pw_text_fit (c, PW_FONT_SMALL, &pal->muted, x + w, y + 44, w - LABEL_W - 12, PW_ALIGN_RIGHT,
                     sub, counts, NULL);
      else if (shown != 0)
        pw_text_fit (c, PW_FONT_SMALL, &pal->muted, gx, y + 44, w - LABEL_W, PW_ALIGN_LEFT,
                     cell_txt, NULL);
    }
    legend (c, x, y + 24, w, TRUE);
    pw_text (c, PW_FONT_SMALL, &pal->muted, _("frame address"), x + LABEL_W - 6, y + 44, LABEL_W,
             PW_ALIGN_RIGHT);
  }

  for (guint64 i = 0; i < g.n_cells; i++)
    {
      const Cell *cell = &cells[i];
      double cx = gx + (i % g.cols) * g.cw, cy = gy + (i / g.cols) * g.ch;
      PwHit *hit;

      if (cy > y + h)
        break;
      if (cell->n[0] > 0 || cell->other > 0)
        draw_cell (c, cell, g.per_cell, cx, cy, g.cw, g.ch);
      if (c->hits)
        {
          hit = pw_hit_add (c, PW_HIT_FRAME, cx, cy, g.cw, g.ch);
          hit->frame = i * g.per_cell;
          hit->count = MIN (g.per_cell, n - hit->frame);
          hit->pid = dominant (cell);
          if (g.per_cell == 1 && cell->n[0] > 0 && cell->key[0] != OWNER_TABLE)
            hit->vpn = cell->vpn;
          if (g.per_cell == 1 && cell->n[0] > 0 && cell->key[0] == OWNER_TABLE)
            {
              const PwFrameInfo *fi = pw_machine_frame_info (c->m, hit->frame);
              hit->level = fi ? fi->level : 0;
            }
        }
    }
  grid_lines (c, &g, gx, gy);

  /* a frame number in each cell when there is room */
  if (g.per_cell == 1 && g.cw >= 44 && g.ch >= 28)
    for (guint64 i = 0; i < g.n_cells; i++)
      {
        g_autofree char *t = pw_fmt_hex (i);
        double cx = gx + (i % g.cols) * g.cw, cy = gy + (i / g.cols) * g.ch;
        const PwRgb *col = !cells[i].n[0] ? &pal->muted : cells[i].key[0] == OWNER_TABLE ? &pal->bg : pw_proc_ink (c, cells[i].key[0]);
        pw_text (c, PW_FONT_MONO_SMALL, col, t, cx + g.cw / 2, cy + 2, g.cw - 4, PW_ALIGN_CENTER);
        if (cells[i].n[0] > 0 && cells[i].key[0] != OWNER_TABLE)
          {
            g_autofree char *pg = pw_fmt_hex (cells[i].vpn);
            g_autofree char *o = g_strdup_printf ("%u:%s", cells[i].key[0], pg);
            pw_text (c, PW_FONT_MONO_SMALL, &pal->bg, o, cx + g.cw / 2, cy + 15, g.cw - 4,
                     PW_ALIGN_CENTER);
          }
      }

  /* the frame of the current translation */
  if (c->walk != NULL)
    {
      const PwWalk *wk = pw_anim_walk (c, NULL);
      gboolean hit_tlb = c->ev && c->ev->tlb == PW_TLB_HIT;
      if ((wk->fault == PW_FAULT_NONE || hit_tlb) && pw_anim_progress (c, PW_PH_FINAL, 0, wk == c->retry) > 0)
        {
          guint64 frame = hit_tlb ? c->ev->pa >> a->page_shift : wk->frame;
          guint64 ci = frame / g.per_cell;
          if (frame < n && ci < g.n_cells)
            {
              double cx = gx + (ci % g.cols) * g.cw, cy = gy + (ci / g.cols) * g.ch;
              /* around the cell, clear of it: the cell's own mark stays visible */
              pw_stroke_rect (c, &pal->offset, 2, cx - 2, cy - 2, g.cw + 4, g.ch + 4);
              /* Translators: what `pagewalk-cli export --check-layout` names a
               * label drawn over the outline of the walk's frame */
              pw_check_outline (c, _("(outline of the walk's frame)"), cx - 2, cy - 2, g.cw + 4, g.ch + 4, 2);
            }
        }
    }
  row_labels (c, &g, x, gy, a->page_shift, addr_bits);
  if (hidden > 0)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "+ %s more frame",
                                                            "+ %s more frames", hidden),
                                               PW_DEC (hidden));
      more_note (c, more, gx, MAX (MIN (gy + g.rows * g.ch, y + h - MORE_H), y + 44), x + w - gx);
    }
  else if (gy + g.rows * g.ch + used_list_height (c, runs, w - LABEL_W) <= y + h + 1)
    {
      /* zoomed in to the contents, the list takes the whole width */
      double lx = pw_detail_contents (c) ? x : gx;
      used_list (c, runs, lx, gy + g.rows * g.ch + 4, x + w - lx);
    }
}

/* ---- disk ----------------------------------------------------------------------- */

double
pw_disk_measure (PwCtx  *c,
                 double  w)
{
  Grid g;
  guint64 n = pw_machine_disk_slots (c->m);

  if (n == 0)
    return 70;
  grid_layout (n, w - LABEL_W, 300, 60, MIN_CELL, &g);
  return TOP_H + g.rows * MAX (g.ch, 30) + 10;
}

void
pw_disk_draw (PwCtx  *c,
              double  x,
              double  y,
              double  w,
              double  h)
{
  const PwPalette *pal = c->pal;
  guint64 n = pw_machine_disk_slots (c->m);
  g_autofree Cell *cells = NULL;
  Grid g;
  double gx = x + LABEL_W, gy = y + TOP_H, ch, legend_end;
  guint64 in_use = 0, limit, hidden, n_cells_all;
  char *key_sample = NULL;   /* a short "pid:page" label drawn, for the key */

  pw_disk_glyph (c, &pal->disk, x, y + 1, 18);
  if (n == 0)
    {
      pw_text (c, PW_FONT_TITLE, &pal->fg, _("Swap disk"), x + 26, y, w - 26, PW_ALIGN_LEFT);
      pw_text (c, PW_FONT_BODY, &pal->muted, _("No swap: this scenario has no disk slots."), x, y + 28,
               w, PW_ALIGN_LEFT);
      return;
    }
  /* wide cells for the owners' labels; narrower ones rather than cells of
   * several slots */
  grid_layout (n, w - LABEL_W, h - TOP_H, 60, MIN_CELL, &g);
  if (g.per_cell > 1)
    grid_layout (n, w - LABEL_W, h - TOP_H, 30, MIN_CELL, &g);
  ch = MIN (MAX (g.ch, 30), (h - TOP_H) / MAX (g.rows, 1));
  ch = MAX (ch, MIN_CELL);
  g.ch = ch;
  cells = g_new0 (Cell, g.n_cells);
  n_cells_all = g.n_cells;
  hidden = grid_fit (&g, n, h - TOP_H);
  /* slot ownership is asked slot by slot: bounded so a huge disk stays fast */
  limit = MIN (n, G_GUINT64_CONSTANT (1) << 20);
  for (guint64 s = 0; s < limit; s++)
    {
      guint pid;
      guint64 vpn;
      if (pw_machine_slot_owner (c->m, s, &pid, &vpn))
        {
          Cell *cell = &cells[MIN (s / g.per_cell, n_cells_all - 1)];
          cell_add (cell, pid, 1);
          cell->vpn = vpn;
          in_use++;
        }
    }

  {
    g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Swap disk · %s slot", "Swap disk · %s slots", n),
                                                 PW_DEC (n));
    g_autofree char *sub = g.per_cell > 1
      /* Translators: slots in use, then slots a cell stands for */
      ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s in use · 1 cell = %s slot", "%s in use · 1 cell = %s slots",
                                    g.per_cell), PW_DEC (in_use), PW_DEC (g.per_cell))
      : g_strdup_printf (_("%s in use"), PW_DEC (in_use));
    double tw = pw_text (c, PW_FONT_TITLE, &pal->fg, title, x + 26, y, w - 26, PW_ALIGN_LEFT);
    {
      g_autofree char *count = g_strdup_printf (_("%s in use"), PW_DEC (in_use));
      pw_text_fit (c, PW_FONT_SMALL, &pal->muted, x + 26 + tw + 12, y + 3, w - tw - 40,
                   PW_ALIGN_LEFT, sub, count, NULL);
    }
    legend_end = legend (c, x, y + 24, w, FALSE);
    if (g.per_cell > 1 || g.cw < 40)
      pw_text (c, PW_FONT_SMALL, &pal->muted, _("slot"), x + LABEL_W - 6, y + 44, LABEL_W,
               PW_ALIGN_RIGHT);
  }

  for (guint64 i = 0; i < g.n_cells; i++)
    {
      const Cell *cell = &cells[i];
      double cx = gx + (i % g.cols) * g.cw, cy = gy + (i / g.cols) * g.ch;
      PwHit *hit;

      if (cy > y + h)
        break;
      if (cell->n[0] > 0)
        {
          PwRgb tint = pw_tint (c, pw_proc_colour (c, cell->key[0]), 0.3);
          if (g.per_cell == 1)
            {
              pw_fill_rect (c, &tint, cx, cy, g.cw, g.ch);
              pw_fill_rect (c, pw_proc_colour (c, cell->key[0]), cx, cy, 5, g.ch);
            }
          else
            draw_cell (c, cell, g.per_cell, cx, cy, g.cw, g.ch);
        }
      if (g.per_cell == 1 && g.cw >= 40)
        {
          char num[24];
          g_snprintf (num, sizeof num, "%" G_GUINT64_FORMAT, i);
          /* clear of the outline of a neighbour (the fault's slot) */
          pw_text (c, PW_FONT_SMALL, &pal->muted, num, cx + g.cw - 4, cy + 3, g.cw - 8, PW_ALIGN_RIGHT);
          if (cell->n[0] > 0 && g.ch >= 28)
            {
              g_autofree char *pg = pw_fmt_hex (cell->vpn);
              const PwProcess *owner = pw_machine_lookup (c->m, cell->key[0]);
              const PwPage *page = owner ? g_hash_table_lookup (owner->pages, &cell->vpn) : NULL;
              /* a page read back from disk keeps its slot: the slot is then a
               * copy of a page that is also in memory */
              gboolean copy = page != NULL && page->resident;
              g_autofree char *t = copy
                /* Translators: a pid, then a virtual page */
                ? g_strdup_printf (_("pid %u · page %s · copy (in memory)"), cell->key[0], pg)
                /* Translators: a pid, then a page number */
                : g_strdup_printf (_("pid %u · page %s"), cell->key[0], pg);
              g_autofree char *ts = g_strdup_printf (copy ? "%u:%s copy" : "%u:%s", cell->key[0], pg);
              g_autofree char *tss = g_strdup_printf ("%u:%s", cell->key[0], pg);
              if (pw_text_fit (c, PW_FONT_MONO_SMALL, &pal->fg, cx + 8, cy + g.ch - 15, g.cw - 10,
                               PW_ALIGN_LEFT, t, ts, tss, NULL) > 0 && key_sample == NULL)
                key_sample = g_strdup_printf ("%s|%u|%s", tss, cell->key[0], pg);
              if (copy && g.ch >= 44)
                pw_text_fit (c, PW_FONT_SMALL, &pal->muted, cx + 8, cy + g.ch - 30, g.cw - 10,
                             PW_ALIGN_LEFT, _("copy"), NULL);
            }
        }
      hit = pw_hit_add (c, PW_HIT_SLOT, cx, cy, g.cw, g.ch);
      hit->slot = i * g.per_cell;
      hit->count = MIN (g.per_cell, n - hit->slot);
      hit->pid = cell->n[0] > 0 ? cell->key[0] : 0;
      if (cell->n[0] > 0 && g.per_cell == 1)
        hit->vpn = cell->vpn;
    }
  grid_lines (c, &g, gx, gy);
  if (g.per_cell > 1 || g.cw < 40)
    row_labels (c, &g, x, gy, 64, 0);
  if (hidden > 0)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "+ %s more slot",
                                                            "+ %s more slots", hidden),
                                               PW_DEC (hidden));
      more_note (c, more, gx, MAX (MIN (gy + g.rows * g.ch, y + h - MORE_H), y + 44), x + w - gx);
    }
  /* the short labels explained once, after the legend */
  if (key_sample != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (key_sample, "|", 3);
      /* Translators: the key of a disk slot's label: its three parts */
      g_autofree char *key = g_strdup_printf (_("%s = pid %s, page %s"), parts[0], parts[1], parts[2]);
      double kw;
      pw_text_size (c, PW_FONT_SMALL, key, &kw, NULL);
      if (legend_end + 8 + kw <= x + w)
        pw_text (c, PW_FONT_SMALL, &pal->muted, key, legend_end + 8, y + 24, -1, PW_ALIGN_LEFT);
      else   /* its own line, above the grid */
        pw_text (c, PW_FONT_SMALL, &pal->muted, key, gx, y + 42, x + w - gx, PW_ALIGN_LEFT);
      g_free (key_sample);
    }

  /* the slot of the current fault */
  if (c->ev != NULL && (c->ev->fault == PW_KF_MAJOR || (c->ev->evicted.happened && c->ev->evicted.to_disk)))
    {
      guint64 slot = c->ev->fault == PW_KF_MAJOR ? c->ev->read_slot : c->ev->evicted.slot;
      guint64 ci = slot / g.per_cell;
      if (slot < n && ci < g.n_cells && (pw_anim_progress (c, PW_PH_READ, 0, FALSE) > 0 || pw_anim_progress (c, PW_PH_EVICT, 0, FALSE) > 0))
        {
          double cx = gx + (ci % g.cols) * g.cw, cy = gy + (ci / g.cols) * g.ch;
          pw_stroke_rect (c, &pal->disk, 2, cx - 2, cy - 2, g.cw + 4, g.ch + 4);
          /* Translators: what `pagewalk-cli export --check-layout` names a
           * label drawn over the outline of the fault's disk slot */
          pw_check_outline (c, _("(outline of the fault's slot)"), cx - 2, cy - 2, g.cw + 4, g.ch + 4, 2);
        }
    }
}

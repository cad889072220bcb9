/* pw-render-segments.c: machines without pages (base and bounds, segments)
 *
 * Physical memory is a byte range: each process's segments [base,
 * base + limit) in its colour, the holes between them with their size (the
 * fragmentation picture).  Each virtual space shows its segments, their
 * limits and which way they grow.  The walk is the OSTEP figure: the address
 * split into segment and offset, the segment's base and limit registers, the
 * check of the offset against the limit, base + offset, the physical address.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-render"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "pw-render-private.h"

/* ---- geometry of segments ------------------------------------------------------ */

typedef struct
{
  guint    pid;          /* 0: a hole */
  int      seg;
  guint64  lo, hi;       /* physical [lo, hi) */
  gboolean grows_down;
} Piece;

/* Bits of the offset within a segment. */
static guint
off_bits (const PwArch *a)
{
  if (a->kind == PW_ARCH_SEGMENTED)
    return a->va_bits - a->segment_bits;
  return a->va_bits;
}

static guint
n_parts (const PwArch *a)
{
  return a->kind == PW_ARCH_SEGMENTED ? 1u << MIN (a->segment_bits, 8) : 1;
}

guint64
pw_seg_memory_size (PwCtx *c)
{
  return pw_machine_n_frames (c->m) << c->arch->page_shift;
}

/* The physical bytes of @s: [lo, hi).  FALSE when it holds none. */
gboolean
pw_seg_phys_range (const PwSegment *s,
                   guint64         *lo,
                   guint64         *hi)
{
  if (s->limit == 0)
    return FALSE;
  if (s->grows_down)
    {
      *hi = s->base;
      *lo = s->base > s->limit ? s->base - s->limit : 0;
    }
  else
    {
      *lo = s->base;
      *hi = s->base + s->limit < s->base ? G_MAXUINT64 : s->base + s->limit;
    }
  return *hi > *lo;
}

static int
cmp_piece (gconstpointer pa,
           gconstpointer pb)
{
  const Piece *a = pa, *b = pb;

  if (a->lo != b->lo)
    return a->lo < b->lo ? -1 : 1;
  if (a->pid != b->pid)
    return a->pid < b->pid ? -1 : 1;
  return a->seg - b->seg;
}

/* Segments of every process, sorted by address, with the holes between them
 * (pid 0) up to @total.  Overlapping segments are kept as they are. */
static GArray *
collect_pieces (PwCtx   *c,
                guint64  total)
{
  g_autoptr(GArray) segs = g_array_new (FALSE, TRUE, sizeof (Piece));
  GArray *out = g_array_new (FALSE, TRUE, sizeof (Piece));
  guint64 pos = 0;

  for (guint i = 0; i < pw_machine_n_processes (c->m); i++)
    {
      const PwProcess *p = pw_machine_process (c->m, i);
      for (guint k = 0; p->segments && k < p->segments->len; k++)
        {
          const PwSegment *s = &g_array_index (p->segments, PwSegment, k);
          Piece pc = { p->pid, (int) k, 0, 0, s->grows_down };
          if (pw_seg_phys_range (s, &pc.lo, &pc.hi))
            g_array_append_val (segs, pc);
        }
    }
  g_array_sort (segs, cmp_piece);
  for (guint i = 0; i < segs->len; i++)
    {
      const Piece *pc = &g_array_index (segs, Piece, i);
      if (pc->lo > pos && pos < total)
        {
          Piece hole = { 0, -1, pos, MIN (pc->lo, total), FALSE };
          g_array_append_val (out, hole);
        }
      g_array_append_val (out, *pc);
      pos = MAX (pos, pc->hi);
    }
  if (pos < total)
    {
      Piece hole = { 0, -1, pos, total, FALSE };
      g_array_append_val (out, hole);
    }
  return out;
}

static const PwSegment *
process_segment (const PwProcess *p,
                 int              k)
{
  if (p == NULL || p->segments == NULL || k < 0 || (guint) k >= p->segments->len)
    return NULL;
  return &g_array_index (p->segments, PwSegment, k);
}

/* ---- the check of one translation ----------------------------------------------- */

typedef struct
{
  gboolean  has_seg;      /* a segment was selected (it exists) */
  gboolean  grows_down;
  guint64   o;            /* offset within the segment */
  guint64   from_top;     /* grows down: S - o */
  gboolean  check_ok;     /* the limit check passed */
  gboolean  ok;           /* a physical address came out */
} SegCheck;

static void
seg_check (PwCtx        *c,
           const PwWalk *w,
           SegCheck     *k)
{
  const PwArch *a = c->arch;
  const PwProcess *p = pw_machine_lookup (c->m, c->walk_pid);
  const PwSegment *s = process_segment (p, w->segment);
  guint ob = off_bits (a);

  memset (k, 0, sizeof *k);
  k->o = w->va & pw_mask (ob);
  k->ok = w->fault == PW_FAULT_NONE;
  if (w->segment < 0 || w->why == PW_WHY_OUT_OF_RANGE)
    return;
  k->has_seg = s != NULL && (s->limit != 0 || s->base != 0 || w->seg_limit != 0);
  k->grows_down = s != NULL && s->grows_down;
  if (!k->has_seg)
    return;
  if (k->grows_down)
    {
      k->from_top = (pw_mask (ob) - k->o) + 1;
      k->check_ok = k->from_top != 0 && k->from_top <= w->seg_limit && k->from_top <= w->seg_base;
    }
  else
    k->check_ok = k->o < w->seg_limit;
}

char *
pw_seg_narration (PwCtx         *c,
                  const PwWalk  *w,
                  gboolean       fault)
{
  const PwArch *a = c->arch;
  SegCheck k;
  g_autofree char *o = NULL;
  g_autofree char *lim = NULL;
  g_autofree char *base = NULL;
  g_autofree char *pa = NULL;
  g_autofree char *ft = NULL;

  seg_check (c, w, &k);
  o = pw_hex (k.o);
  lim = pw_hex (w->seg_limit);
  base = pw_hex (w->seg_base);
  pa = pw_fmt_addr (w->pa, a->pa_bits);
  ft = pw_hex (k.from_top);
  if (fault)
    {
      g_autofree char *msg = pw_walk_fault_message (a, w);
      return g_strdup_printf (_("Segmentation fault: %s — the hardware refuses the access."), msg);
    }
  if (a->kind == PW_ARCH_BASE_BOUNDS)
    return g_strdup_printf (_("Virtual address %s is below the limit %s, so the physical address is"
                              " base %s + %s = %s."), o, lim, base, o, pa);
  if (k.grows_down)
    return g_strdup_printf (_("Segment %d grows down: %s − offset %s = %s ≤ limit %s, so the physical"
                              " address is base %s − %s = %s."),
                            w->segment, pw_hex_buf ((guint64) 1 << MIN (off_bits (a), 63), (char[19]) { 0 }),
                            o, ft, lim, base, ft, pa);
  return g_strdup_printf (_("Segment %d: offset %s is below the limit %s, so the physical address"
                            " is base %s + %s = %s."),
                          w->segment, o, lim, base, o, pa);
}

/* "base 0x8800 + offset 0x200" for the address view. */
char *
pw_seg_formula (PwCtx        *c,
                const PwWalk *w)
{
  SegCheck k;
  g_autofree char *base = pw_hex (w->seg_base);
  g_autofree char *o = NULL;

  seg_check (c, w, &k);
  if (k.grows_down)
    {
      g_autofree char *ft = pw_hex (k.from_top);
      return g_strdup_printf (_("base %s − (segment size − offset) %s"), base, ft);
    }
  o = pw_hex (k.o);
  if (c->arch->kind == PW_ARCH_SEGMENTED)
    return g_strdup_printf (_("segment %d: base %s + offset %s"), w->segment, base, o);
  return g_strdup_printf (_("base %s + offset %s"), base, o);
}

/* ---- small pieces --------------------------------------------------------------- */

static void
swatch_proc (PwCtx  *c,
             guint   pid,
             double  x,
             double  y,
             double  s)
{
  PwRgb tint = pw_tint (c, pw_proc_colour (c, pid), 0.35);

  pw_fill_rect (c, &tint, x, y, s, s);
  pw_stroke_rect (c, pw_proc_colour (c, pid), 1.5, x, y, s, s);
}

static void
hole_fill (PwCtx  *c,
           double  x,
           double  y,
           double  w,
           double  h)
{
  pw_hatch (c, &c->pal->grid, 6, 1, x, y, w, h);
}

/* Fills a segment: its colour, light enough to write on, with an outline. */
static void
seg_fill (PwCtx  *c,
          guint   pid,
          double  x,
          double  y,
          double  w,
          double  h)
{
  PwRgb tint = pw_tint (c, pw_proc_colour (c, pid), c->pal->dark ? 0.45 : 0.35);

  pw_fill_rect (c, &tint, x, y, w, h);
  if (pw_proc_index (c, pid) >= PW_N_PROC_COLOURS)
    {
      /* past seven processes: the pattern of the process over the tint */
      cairo_save (c->cr);
      pw_rect (c, x, y, w, h);
      pw_fill_proc (c, pid, 0.35);
      cairo_restore (c->cr);
    }
  pw_stroke_rect (c, pw_proc_colour (c, pid), MIN (2, MAX (w / 2, 0.5)), x, y, w, h);
}

static const char *
proc_name (const PwProcess *p)
{
  return p && p->name ? p->name : "";
}

/* ---- physical memory -------------------------------------------------------------- */

#define PH_TOP     66.0
#define PH_BAR_H   58.0
#define PH_TICKS   30.0
#define PH_ROW_H   17.0
#define PH_COL_W   360.0

static guint
list_cols (double w)
{
  return MAX (1, (guint) (w / PH_COL_W));
}

double
pw_seg_physical_measure (PwCtx  *c,
                         double  w)
{
  g_autoptr(GArray) pieces = collect_pieces (c, pw_seg_memory_size (c));
  guint cols = list_cols (w), rows = (pieces->len + cols - 1) / cols;

  return PH_TOP + PH_BAR_H + PH_TICKS + 24 + MIN (rows, 40) * PH_ROW_H + 10;
}

static void
piece_label (PwCtx       *c,
             const Piece *pc,
             double       x,
             double       y,
             double       w,
             double       h)
{
  const PwPalette *pal = c->pal;
  g_autofree char *size = pw_fmt_size (pc->hi - pc->lo);
  double th = pw_font_height (c, PW_FONT_SMALL);
  gboolean two = h >= 2 * th + 8;
  double ty = y + (h - (two ? 2 * th : th)) / 2;

  if (pc->pid == 0)
    {
      g_autofree char *l1 = g_strdup_printf (_("hole · %s"), size);
      if (two && pw_text_fit (c, PW_FONT_BOLD, &pal->fg, x + w / 2, ty, w - 6, PW_ALIGN_CENTER,
                              _("hole"), NULL) >= 0)
        pw_text_fit (c, PW_FONT_SMALL, &pal->fg, x + w / 2, ty + th + 2, w - 6, PW_ALIGN_CENTER,
                     size, NULL);
      else
        pw_text_fit (c, PW_FONT_SMALL, &pal->fg, x + w / 2, ty, w - 6, PW_ALIGN_CENTER, l1, size,
                     NULL);
      return;
    }
  {
    const PwProcess *p = pw_machine_lookup (c->m, pc->pid);
    gboolean segd = c->arch->kind == PW_ARCH_SEGMENTED;
    g_autofree char *a1 = segd ? g_strdup_printf (_("pid %u %s · seg %d"), pc->pid, proc_name (p), pc->seg)
                               : g_strdup_printf (_("pid %u %s"), pc->pid, proc_name (p));
    g_autofree char *a2 = segd ? g_strdup_printf (_("pid %u · seg %d"), pc->pid, pc->seg)
                               : g_strdup_printf (_("pid %u"), pc->pid);
    g_autofree char *a3 = segd ? g_strdup_printf ("%u·%d", pc->pid, pc->seg) : g_strdup_printf ("%u", pc->pid);
    g_autofree char *one = g_strdup_printf ("%s · %s", a2, size);

    if (two)
      {
        if (pw_text_fit (c, PW_FONT_BOLD, &pal->fg, x + w / 2, ty, w - 6, PW_ALIGN_CENTER,
                         a1, a2, a3, NULL) >= 0)
          pw_text_fit (c, PW_FONT_SMALL, &pal->fg, x + w / 2, ty + th + 2, w - 6, PW_ALIGN_CENTER,
                       size, NULL);
      }
    else
      pw_text_fit (c, PW_FONT_SMALL, &pal->fg, x + w / 2, ty, w - 6, PW_ALIGN_CENTER, one, a2, a3,
                   NULL);
  }
}

void
pw_seg_physical_draw (PwCtx  *c,
                      double  x,
                      double  y,
                      double  w,
                      double  h)
{
  const PwPalette *pal = c->pal;
  const PwArch *a = c->arch;
  guint64 total = pw_seg_memory_size (c);
  g_autoptr(GArray) pieces = collect_pieces (c, total);
  guint64 used = 0, free_b = 0, largest = 0;
  guint holes = 0;
  double by = y + PH_TOP, bh = PH_BAR_H, scale;
  const PwWalk *walk = c->walk ? pw_anim_walk (c, NULL) : NULL;
  double p_final = walk ? pw_anim_progress (c, PW_PH_FINAL, 0, FALSE) : 0;
  guint addr_bits = MIN (a->pa_bits, pw_log2 (MAX (total, 2) - 1) + 1);

  if (total == 0)
    total = 1;
  scale = w / (double) total;
  for (guint i = 0; i < pieces->len; i++)
    {
      const Piece *pc = &g_array_index (pieces, Piece, i);
      if (pc->pid == 0)
        {
          holes++;
          free_b += pc->hi - pc->lo;
          largest = MAX (largest, pc->hi - pc->lo);
        }
    }
  used = total > free_b ? total - free_b : 0;
  if (h < PH_TOP + PH_BAR_H + PH_TICKS + 40)
    bh = MAX (24, h - PH_TOP - PH_TICKS - 40);

  /* title, summary, legend */
  {
    g_autofree char *size = pw_fmt_size (total);
    g_autofree char *title = g_strdup_printf (_("Physical memory · %s"), size);
    g_autofree char *us = pw_fmt_size (used);
    g_autofree char *fs = pw_fmt_size (free_b);
    g_autofree char *ls = pw_fmt_size (largest);
    g_autofree char *sub = holes == 0
      ? g_strdup_printf (_("%s in use · no free memory"), us)
      : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s in use · %s free in %u hole (largest %s)",
                                      "%s in use · %s free in %u holes (largest %s)", holes),
                         us, fs, holes, ls);
    g_autofree char *sub2 = g_strdup_printf (_("%s free · largest hole %s"), fs, ls);
    double tw = pw_text (c, PW_FONT_TITLE, &pal->fg, title, x, y, w, PW_ALIGN_LEFT);
    double lx = x, ly = y + 24;
    guint n = pw_machine_n_processes (c->m);

    pw_text_fit (c, PW_FONT_SMALL, &pal->muted, x + tw + 12, y + 3, w - tw - 12, PW_ALIGN_LEFT,
                 sub, sub2, NULL);
    for (guint i = 0; i < n; i++)
      {
        const PwProcess *p = pw_machine_process (c->m, i);
        g_autofree char *t = g_strdup_printf (_("pid %u %s"), p->pid, proc_name (p));
        double tw2;
        pw_text_size (c, PW_FONT_SMALL, t, &tw2, NULL);
        if (lx + tw2 + 20 > x + w - 90)
          {
            g_autofree char *more = g_strdup_printf (_("+%u"), n - i);
            lx += pw_text (c, PW_FONT_SMALL, &pal->muted, more, lx, ly, -1, PW_ALIGN_LEFT) + 10;
            break;
          }
        swatch_proc (c, p->pid, lx, ly + 2, 12);
        lx += 16 + pw_text (c, PW_FONT_SMALL, &pal->fg, t, lx + 16, ly, -1, PW_ALIGN_LEFT) + 10;
      }
    pw_stroke_rect (c, &pal->grid, 1, lx, ly + 2, 12, 12);
    hole_fill (c, lx, ly + 2, 12, 12);
    pw_text (c, PW_FONT_SMALL, &pal->fg, _("hole (free)"), lx + 16, ly, -1, PW_ALIGN_LEFT);
  }

  /* the bar: address 0 on the left */
  pw_stroke_rect (c, &pal->line, 1, x, by, w, bh);
  for (guint i = 0; i < pieces->len; i++)
    {
      const Piece *pc = &g_array_index (pieces, Piece, i);
      double px = x + (double) pc->lo * scale;
      double pw = MAX ((double) (pc->hi - pc->lo) * scale, 3);
      PwHit *hit;

      if (pc->lo >= total)
        continue;
      pw = MIN (pw, x + w - px);
      if (pc->pid == 0)
        {
          hole_fill (c, px, by, pw, bh);
          cairo_set_dash (c->cr, (double[]) { 3, 3 }, 2, 0);
          pw_stroke_rect (c, &pal->line, 1, px, by, pw, bh);
          cairo_set_dash (c->cr, NULL, 0, 0);
          hit = pw_hit_add (c, PW_HIT_GAP, px, by, pw, bh);
        }
      else
        {
          seg_fill (c, pc->pid, px, by, pw, bh);
          hit = pw_hit_add (c, PW_HIT_REGION, px, by, pw, bh);
          hit->pid = pc->pid;
          hit->index = (guint64) MAX (pc->seg, 0);
        }
      hit->start = pc->lo;
      hit->size = pc->hi - pc->lo;
      hit->frame = pc->lo >> a->page_shift;
      hit->count = MAX ((pc->hi - pc->lo) >> a->page_shift, 1);
      piece_label (c, pc, px, by, pw, bh);
    }

  /* addresses at the boundaries, without overlaps */
  {
    double last_right = -1e9;
    double ty = by + bh + 6;
    for (guint i = 0; i <= pieces->len; i++)
      {
        guint64 addr = i < pieces->len ? g_array_index (pieces, Piece, i).lo : total;
        double ax = x + (double) MIN (addr, total) * scale, tw;
        g_autofree char *t = pw_fmt_addr (addr, addr_bits);
        PwAlign al = i == 0 ? PW_ALIGN_LEFT : i == pieces->len ? PW_ALIGN_RIGHT : PW_ALIGN_CENTER;
        double left;

        if (i > 0 && i < pieces->len && addr == g_array_index (pieces, Piece, i - 1).lo)
          continue;
        pw_text_size (c, PW_FONT_MONO_SMALL, t, &tw, NULL);
        left = al == PW_ALIGN_LEFT ? ax : al == PW_ALIGN_RIGHT ? ax - tw : ax - tw / 2;
        if (left < last_right + 6 && i != pieces->len)
          continue;
        if (i == pieces->len && left < last_right + 6)
          continue;
        cairo_move_to (c->cr, ax, by + bh);
        cairo_line_to (c->cr, ax, by + bh + 4);
        pw_set_rgb (c, &pal->line);
        cairo_set_line_width (c->cr, 1);
        cairo_stroke (c->cr);
        pw_text (c, PW_FONT_MONO_SMALL, &pal->muted, t, ax, ty, -1, al);
        last_right = left + tw;
      }
  }

  /* the access being translated */
  if (walk != NULL && walk->fault == PW_FAULT_NONE && p_final > 0 && walk->pa < total)
    {
      double ax = x + (double) walk->pa * scale;
      g_autofree char *pa = pw_fmt_addr (walk->pa, addr_bits);
      g_autofree char *t = g_strdup_printf (_("PA %s"), pa);
      guint64 lo, hi;
      const PwProcess *p = pw_machine_lookup (c->m, c->walk_pid);
      const PwSegment *s = process_segment (p, walk->segment);

      if (s != NULL && pw_seg_phys_range (s, &lo, &hi))
        {
          double sx = x + (double) lo * scale, sw = MAX ((double) (hi - lo) * scale, 3);
          pw_stroke_rect (c, &pal->offset, 2.5, sx - 4, by - 4, sw + 8, bh + 8);
        }
      cairo_move_to (c->cr, ax, by - 1);
      cairo_line_to (c->cr, ax - 5, by - 9);
      cairo_line_to (c->cr, ax + 5, by - 9);
      cairo_close_path (c->cr);
      pw_set_rgba (c, &pal->offset, p_final);
      cairo_fill (c->cr);
      cairo_move_to (c->cr, ax, by);
      cairo_line_to (c->cr, ax, by + bh);
      cairo_set_line_width (c->cr, 2);
      cairo_stroke (c->cr);
      {
        double tw;
        pw_text_size (c, PW_FONT_MONO_SMALL_BOLD, t, &tw, NULL);
        pw_text (c, PW_FONT_MONO_SMALL_BOLD, &pal->offset, t, CLAMP (ax, x + tw / 2, x + w - tw / 2),
                 by - 22, -1, PW_ALIGN_CENTER);
      }
    }

  /* the pieces as a list: what a student writes down */
  {
    double ly = by + bh + PH_TICKS;
    guint cols = list_cols (w), rows = (pieces->len + cols - 1) / cols;
    double cw = w / cols;
    guint max_rows = (guint) MAX (0, (y + h - ly - 22) / PH_ROW_H);

    if (max_rows > 0 && pieces->len > 0)
      {
        guint shown_rows = MIN (rows, max_rows);
        pw_text (c, PW_FONT_SMALL, &pal->muted, _("address range · size · owner"), x, ly, w,
                 PW_ALIGN_LEFT);
        for (guint i = 0; i < pieces->len; i++)
          {
            const Piece *pc = &g_array_index (pieces, Piece, i);
            guint col = i / rows, row = i % rows;
            double ix = x + col * cw, iy = ly + 20 + row * PH_ROW_H;
            g_autofree char *lo = pw_fmt_addr (pc->lo, addr_bits);
            g_autofree char *hi = pw_fmt_addr (pc->hi - 1, addr_bits);
            g_autofree char *size = pw_fmt_size (pc->hi - pc->lo);
            g_autofree char *who = NULL;
            g_autofree char *t = NULL;

            if (row >= shown_rows)
              {
                if (row == shown_rows && col + 1 == cols)
                  {
                    g_autofree char *more = g_strdup_printf (_("… %u more"), pieces->len - i);
                    pw_text (c, PW_FONT_SMALL, &pal->muted, more, ix + 14, iy, cw - 20, PW_ALIGN_LEFT);
                  }
                continue;
              }
            if (pc->pid == 0)
              {
                who = g_strdup (_("free (hole)"));
                pw_stroke_rect (c, &pal->grid, 1, ix, iy + 2, 10, 10);
                hole_fill (c, ix, iy + 2, 10, 10);
              }
            else
              {
                const PwProcess *p = pw_machine_lookup (c->m, pc->pid);
                if (a->kind == PW_ARCH_SEGMENTED)
                  who = g_strdup_printf (_("pid %u %s · segment %d%s"), pc->pid, proc_name (p), pc->seg,
                                         pc->grows_down ? _(" (grows down)") : "");
                else
                  who = g_strdup_printf (_("pid %u %s"), pc->pid, proc_name (p));
                swatch_proc (c, pc->pid, ix, iy + 2, 10);
              }
            t = g_strdup_printf ("%s–%s  %-8s %s", lo, hi, size, who);
            pw_text (c, PW_FONT_MONO_SMALL, &pal->fg, t, ix + 14, iy, cw - 20, PW_ALIGN_LEFT);
          }
      }
  }
}

/* ---- virtual address spaces ---------------------------------------------------------- */

#define VA_HEADER_H 44.0
#define VA_COL_GAP  18.0
#define VA_MIN_COL  150.0
#define VA_MAX_COL  460.0

double
pw_seg_vaspace_measure (PwCtx  *c,
                        double  w)
{
  guint parts = n_parts (c->arch);

  return 46 + VA_HEADER_H + MAX (300, MIN (parts, 16) * 96.0) + 10;
}

static double
part_weight (const PwSegment *s)
{
  return s != NULL && s->limit > 0 ? 3 : 1;
}

static void
va_column (PwCtx           *c,
           const PwProcess *p,
           double           x,
           double           y,
           double           w,
           double           h)
{
  const PwPalette *pal = c->pal;
  const PwArch *a = c->arch;
  guint parts = n_parts (a), ob = off_bits (a);
  double S = ldexp (1.0, (int) ob);
  guint64 Sm1 = pw_mask (ob);
  guint nseg = p->segments ? p->segments->len : 0;
  double total_w = 0, avail = h - VA_HEADER_H, cy, gut;
  const PwWalk *walk = c->walk && c->walk_pid == p->pid ? pw_anim_walk (c, NULL) : NULL;
  guint va_bits = a->va_bits;

  /* header */
  {
    g_autofree char *t1 = g_strdup_printf (_("pid %u · %s"), p->pid, p->name ? p->name : _("process"));
    g_autofree char *t2 = NULL;
    g_autofree char *t2b = NULL;
    const PwSegment *s0 = process_segment (p, 0);

    if (a->kind == PW_ARCH_BASE_BOUNDS && s0 != NULL)
      {
        g_autofree char *b = pw_fmt_addr (s0->base, a->pa_bits);
        g_autofree char *l = pw_fmt_size (s0->limit);
        g_autofree char *lh = pw_hex (s0->limit);
        t2 = g_strdup_printf (_("base %s · limit %s (%s)"), b, lh, l);
        t2b = g_strdup_printf (_("base %s · limit %s"), b, l);
      }
    else
      {
        g_autofree char *ss = pw_fmt_size ((guint64) 1 << MIN (ob, 63));
        t2 = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u segment of up to %s",
                                           "%u segments of up to %s each", nseg), nseg, ss);
        t2b = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u segment", "%u segments", nseg), nseg);
      }
    swatch_proc (c, p->pid, x, y + 2, 14);
    pw_text (c, PW_FONT_BOLD, &pal->fg, t1, x + 20, y, w - 20, PW_ALIGN_LEFT);
    pw_text_fit (c, PW_FONT_SMALL, &pal->muted, x, y + 20, w, PW_ALIGN_LEFT, t2, t2b, NULL);
  }

  /* the gutter holds the addresses of the part boundaries */
  {
    g_autofree char *t = pw_fmt_addr (pw_mask (MIN (va_bits, 64)), va_bits);
    double tw;
    pw_text_size (c, PW_FONT_MONO_SMALL, t, &tw, NULL);
    gut = MIN (tw + 8, w * 0.4);
  }

  for (guint i = 0; i < parts; i++)
    total_w += part_weight (process_segment (p, (int) i));

  /* from the top (high addresses) down */
  cy = y + VA_HEADER_H;
  for (guint k = parts; k > 0; k--)
    {
      guint i = k - 1;
      const PwSegment *s = process_segment (p, (int) i);
      double ph = avail * part_weight (s) / total_w;
      guint64 pstart = a->kind == PW_ARCH_SEGMENTED ? (guint64) i << ob : 0;
      double bx = x + gut, bw = w - gut;
      double vh = 0, vy;
      guint64 lim = s ? MIN (s->limit, Sm1) + (s->limit > Sm1 ? 1 : 0) : 0;
      guint64 vlo, vhi_incl;
      PwHit *hit;

      /* the part's frame and its address range on the left */
      pw_stroke_rect (c, &pal->grid, 1, bx, cy + 2, bw, ph - 4);
      {
        g_autofree char *top = pw_fmt_addr (pstart + Sm1, va_bits);
        g_autofree char *bot = pw_fmt_addr (pstart, va_bits);
        pw_text (c, PW_FONT_MONO_SMALL, &pal->muted, top, bx - 4, cy + 2, gut - 4, PW_ALIGN_RIGHT);
        if (ph >= 34)
          pw_text (c, PW_FONT_MONO_SMALL, &pal->muted, bot, bx - 4, cy + ph - 16, gut - 4, PW_ALIGN_RIGHT);
      }
      if (s != NULL && s->limit > 0)
        {
          double frac = MIN ((double) s->limit / S, 1.0);
          vh = frac >= 1.0 ? ph - 4 : CLAMP ((ph - 4) * frac, MIN (44, ph - 20), ph - 22);
        }
      vy = s != NULL && s->grows_down ? cy + 2 : cy + ph - 2 - vh;
      if (s != NULL && s->grows_down)
        {
          vhi_incl = pstart + Sm1;
          vlo = pstart + Sm1 - (lim > 0 ? lim - 1 : 0);
        }
      else
        {
          vlo = pstart;
          vhi_incl = pstart + (lim > 0 ? lim - 1 : 0);
        }

      /* invalid part: hatched, with its size */
      {
        double iy = s != NULL && s->grows_down ? vy + vh : cy + 2;
        double ih = ph - 4 - vh;
        if (ih > 0.5)
          {
            guint64 isize = (Sm1 - (lim > 0 ? lim - 1 : 0)) + (lim > 0 ? 0 : 1);
            g_autofree char *is = pw_fmt_size (isize);
            g_autofree char *it = (s == NULL)
              ? g_strdup_printf (_("segment %u not defined · %s"), i, is)
              : g_strdup_printf (_("invalid · %s"), is);
            hole_fill (c, bx, iy, bw, ih);
            if (ih >= 16)
              {
                double tw;
                pw_text_size (c, PW_FONT_SMALL, it, &tw, NULL);
                tw = MIN (tw, bw - 12);
                pw_fill_rect (c, &pal->bg, bx + bw / 2 - tw / 2 - 3, iy + ih / 2 - 8, tw + 6, 16);
                pw_text (c, PW_FONT_SMALL, &pal->muted, it, bx + bw / 2, iy + ih / 2 - 8, bw - 12,
                         PW_ALIGN_CENTER);
              }
            hit = pw_hit_add (c, PW_HIT_GAP, bx, iy, bw, ih);
            hit->pid = p->pid;
            hit->start = s != NULL && s->grows_down ? pstart : (lim > 0 ? vhi_incl + 1 : pstart);
            hit->size = isize;
          }
      }

      /* the segment */
      if (vh > 0)
        {
          double th = pw_font_height (c, PW_FONT_SMALL);
          const char *dir = s->grows_down ? _("↓ grows down") : _("↑ grows up");
          g_autofree char *l1 = a->kind == PW_ARCH_SEGMENTED
            ? g_strdup_printf (_("segment %u · %s"), i, dir) : g_strdup (dir);
          g_autofree char *lo = pw_fmt_addr (vlo, va_bits);
          g_autofree char *hi = pw_fmt_addr (vhi_incl, va_bits);
          g_autofree char *sz = pw_fmt_size (s->limit);
          g_autofree char *l2 = g_strdup_printf ("%s–%s · %s", lo, hi, sz);
          guint64 plo, phi;
          g_autofree char *l3 = NULL;
          double ly;
          guint lines;

          if (pw_seg_phys_range (s, &plo, &phi))
            {
              g_autofree char *a0 = pw_fmt_addr (plo, a->pa_bits);
              g_autofree char *a1 = pw_fmt_addr (phi - 1, a->pa_bits);
              l3 = g_strdup_printf (_("→ physical %s–%s"), a0, a1);
            }
          seg_fill (c, p->pid, bx, vy, bw, vh);
          /* the limit: where the valid part ends */
          if (vh < ph - 4)
            {
              double ly2 = s->grows_down ? vy + vh : vy;
              g_autofree char *lt = g_strdup_printf (_("limit %s"), pw_hex_buf (s->limit, (char[19]) { 0 }));
              cairo_move_to (c->cr, bx, ly2);
              cairo_line_to (c->cr, bx + bw, ly2);
              pw_set_rgb (c, pw_proc_colour (c, p->pid));
              cairo_set_line_width (c->cr, 2.5);
              cairo_stroke (c->cr);
              if (ph - 4 - vh >= 36)
                pw_text (c, PW_FONT_SMALL, pw_proc_colour (c, p->pid), lt, bx + bw - 4,
                         s->grows_down ? ly2 + 2 : ly2 - th - 2, bw - 8, PW_ALIGN_RIGHT);
            }
          lines = vh >= 3 * th + 10 ? 3 : vh >= 2 * th + 6 ? 2 : vh >= th ? 1 : 0;
          ly = vy + (vh - lines * (th + 1)) / 2;
          if (lines >= 1)
            pw_text_fit (c, PW_FONT_BOLD, &pal->fg, bx + 6, ly - 1, bw - 12, PW_ALIGN_LEFT, l1, dir, NULL);
          if (lines >= 2)
            pw_text (c, PW_FONT_MONO_SMALL, &pal->fg, l2, bx + 6, ly + th + 2, bw - 12, PW_ALIGN_LEFT);
          if (lines >= 3 && l3)
            pw_text (c, PW_FONT_MONO_SMALL, &pal->muted, l3, bx + 6, ly + 2 * th + 4, bw - 12, PW_ALIGN_LEFT);
          hit = pw_hit_add (c, PW_HIT_REGION, bx, vy, bw, vh);
          hit->pid = p->pid;
          hit->start = vlo;
          hit->size = s->limit;
          hit->index = i;
        }

      /* the address being translated */
      if (walk != NULL && (a->kind != PW_ARCH_SEGMENTED || (walk->va >> ob) == i)
          && pw_anim_progress (c, PW_PH_SPLIT, 0, FALSE) > 0)
        {
          guint64 o = walk->va & Sm1;
          double frac = (double) o / S, ay;
          g_autofree char *va = pw_fmt_addr (walk->va, va_bits);
          g_autofree char *t = g_strdup_printf (_("VA %s"), va);
          const PwRgb *col = walk->fault == PW_FAULT_NONE ? &pal->offset : &pal->warn;
          double tw;

          /* the marker sits in the drawn part: in the segment when inside it */
          if (s != NULL && vh > 0 && walk->fault == PW_FAULT_NONE)
            {
              double rel = s->grows_down ? (double) (Sm1 - o) / MAX (lim, 1) : (double) o / MAX (lim, 1);
              ay = s->grows_down ? vy + vh * MIN (rel, 1) : vy + vh * (1 - MIN (rel, 1));
            }
          else if (s != NULL && vh > 0 && vh < ph - 4)
            {
              /* outside: somewhere in the invalid part, in proportion */
              double ih = ph - 4 - vh;
              double beyond = s->grows_down ? (double) (Sm1 - o - MIN (lim, Sm1)) / MAX (S - lim, 1)
                                            : (double) (o - MIN (lim, o)) / MAX (S - lim, 1);
              ay = s->grows_down ? vy + vh + ih * CLAMP (beyond, 0.05, 0.95)
                                 : cy + 2 + ih * (1 - CLAMP (beyond, 0.05, 0.95));
            }
          else
            ay = cy + 2 + (ph - 4) * (1 - frac);
          cairo_move_to (c->cr, bx + bw, ay);
          cairo_line_to (c->cr, bx + bw - 9, ay - 6);
          cairo_line_to (c->cr, bx + bw - 9, ay + 6);
          cairo_close_path (c->cr);
          pw_set_rgb (c, col);
          cairo_fill (c->cr);
          cairo_move_to (c->cr, bx, ay);
          cairo_line_to (c->cr, bx + bw - 9, ay);
          cairo_set_line_width (c->cr, 1.5);
          cairo_stroke (c->cr);
          pw_text_size (c, PW_FONT_MONO_SMALL_BOLD, t, &tw, NULL);
          pw_fill_rect (c, &pal->bg, bx + bw - 12 - tw - 4, ay - 15, tw + 6, 14);
          pw_text (c, PW_FONT_MONO_SMALL_BOLD, col, t, bx + bw - 12, ay - 15, bw - 20, PW_ALIGN_RIGHT);
        }
      cy += ph;
    }
}

void
pw_seg_vaspace_draw (PwCtx  *c,
                     double  x,
                     double  y,
                     double  w,
                     double  h)
{
  const PwPalette *pal = c->pal;
  guint n = pw_machine_n_processes (c->m);
  double tw;

  tw = pw_text (c, PW_FONT_TITLE, &pal->fg, _("Virtual address spaces"), x, y, w, PW_ALIGN_LEFT);
  {
    double lx = x, ly = y + 22;
    guint pid = n > 0 ? pw_machine_process (c->m, 0)->pid : 1;
    swatch_proc (c, pid, lx, ly + 2, 12);
    lx += 16 + pw_text (c, PW_FONT_SMALL, &pal->muted, _("segment (valid)"), lx + 16, ly, -1, PW_ALIGN_LEFT) + 12;
    if (lx + 130 < x + w)
      {
        pw_stroke_rect (c, &pal->grid, 1, lx, ly + 2, 12, 12);
        hole_fill (c, lx, ly + 2, 12, 12);
        lx += 16 + pw_text (c, PW_FONT_SMALL, &pal->muted, _("invalid: a fault"), lx + 16, ly, -1,
                            PW_ALIGN_LEFT) + 12;
      }
    if (lx + 150 < x + w)
      pw_text (c, PW_FONT_SMALL, &pal->muted, _("high addresses at the top"), lx, ly, -1, PW_ALIGN_LEFT);
  }
  y += 46;
  h -= 46;
  if (n == 0)
    {
      pw_text (c, PW_FONT_BODY, &pal->muted, _("No processes."), x, y, w, PW_ALIGN_LEFT);
      return;
    }
  pw_vaspace_columns (c, x, y, w, h, tw, VA_MIN_COL, VA_MAX_COL, VA_MAX_COL, VA_COL_GAP, va_column);
}

/* ---- the segment registers of every process (the pagetable view) ------------------------ */

#define REG_ROW_H 20.0

double
pw_seg_registers_measure (PwCtx  *c,
                          double  w)
{
  guint rows = 0;

  for (guint i = 0; i < pw_machine_n_processes (c->m); i++)
    {
      const PwProcess *p = pw_machine_process (c->m, i);
      rows += MAX (p->segments ? p->segments->len : 0, 1);
    }
  return 48 + (rows + 1) * REG_ROW_H + 10;
}

void
pw_seg_registers_draw (PwCtx  *c,
                       double  x,
                       double  y,
                       double  w,
                       double  h)
{
  const PwPalette *pal = c->pal;
  const PwArch *a = c->arch;
  gboolean segd = a->kind == PW_ARCH_SEGMENTED;
  double cols[6], ry = y + 48;
  const char *heads[6];
  guint nc = 0, row = 0, max_rows = (guint) MAX (1, (h - 48) / REG_ROW_H) - 1;
  guint nproc = pw_machine_n_processes (c->m);

  pw_panel_title (c, segd ? _("Segment registers") : _("Base and bounds registers"), x, y, w);
  pw_text (c, PW_FONT_SMALL, &pal->muted,
           segd ? _("loaded by the kernel at each context switch · one base and limit per segment")
                : _("loaded by the kernel at each context switch · PA = base + VA when VA < limit"),
           x, y + 22, w, PW_ALIGN_LEFT);

  heads[nc] = _("process");
  cols[nc++] = x;
  if (segd)
    {
      heads[nc] = _("seg");
      cols[nc++] = x + w * 0.30;
    }
  heads[nc] = _("base");
  cols[nc++] = x + w * (segd ? 0.40 : 0.36);
  heads[nc] = _("limit");
  cols[nc++] = x + w * (segd ? 0.58 : 0.56);
  heads[nc] = _("physical range");
  cols[nc++] = x + w * (segd ? 0.74 : 0.74);
  for (guint i = 0; i < nc; i++)
    pw_text (c, PW_FONT_SMALL, &pal->muted, heads[i], cols[i] + 4, ry, (i + 1 < nc ? cols[i + 1] : x + w) - cols[i] - 8,
             PW_ALIGN_LEFT);
  ry += REG_ROW_H;

  for (guint i = 0; i < nproc; i++)
    {
      const PwProcess *p = pw_machine_process (c->m, i);
      guint ns = p->segments ? p->segments->len : 0;
      for (guint k = 0; k < MAX (ns, 1); k++)
        {
          const PwSegment *s = process_segment (p, (int) k);
          gboolean sel = c->walk != NULL && c->walk_pid == p->pid && c->walk->segment == (int) k;
          guint ci = 0;
          double yy = ry + row * REG_ROW_H;

          if (row >= max_rows)
            {
              g_autofree char *more = g_strdup (_("… more than fit here"));
              pw_text (c, PW_FONT_SMALL, &pal->muted, more, x + 4, yy, w, PW_ALIGN_LEFT);
              return;
            }
          if (sel)
            {
              PwRgb hl = pw_tint (c, &pal->field[0], 0.25);
              pw_fill_rect (c, &hl, x, yy, w, REG_ROW_H);
              pw_fill_rect (c, &pal->field[0], x, yy, 3, REG_ROW_H);
            }
          if (k == 0)
            {
              g_autofree char *t = g_strdup_printf (_("pid %u %s"), p->pid, proc_name (p));
              swatch_proc (c, p->pid, cols[0] + 6, yy + 4, 11);
              pw_text (c, PW_FONT_SMALL, &pal->fg, t, cols[0] + 22, yy + 2, cols[1] - cols[0] - 26,
                       PW_ALIGN_LEFT);
            }
          ci = 1;
          if (s != NULL)
            {
              g_autofree char *b = pw_fmt_addr (s->base, a->pa_bits);
              g_autofree char *lh = pw_hex (s->limit);
              g_autofree char *ls = pw_fmt_size (s->limit);
              g_autofree char *l = g_strdup_printf ("%s (%s)", lh, ls);
              g_autofree char *range = NULL;
              guint64 lo, hi;
              char sn[32];

              if (segd)
                {
                  g_snprintf (sn, sizeof sn, "%u%s", k, s->grows_down ? " ↓" : "");
                  pw_text (c, PW_FONT_MONO_SMALL, &pal->fg, sn, cols[ci] + 4, yy + 3, cols[ci + 1] - cols[ci] - 8,
                           PW_ALIGN_LEFT);
                  ci++;
                }
              pw_text (c, PW_FONT_MONO_SMALL, &pal->fg, b, cols[ci] + 4, yy + 3, cols[ci + 1] - cols[ci] - 8,
                       PW_ALIGN_LEFT);
              ci++;
              pw_text_fit (c, PW_FONT_MONO_SMALL, &pal->fg, cols[ci] + 4, yy + 3, cols[ci + 1] - cols[ci] - 8,
                           PW_ALIGN_LEFT, l, lh, NULL);
              ci++;
              if (pw_seg_phys_range (s, &lo, &hi))
                {
                  g_autofree char *a0 = pw_fmt_addr (lo, a->pa_bits);
                  g_autofree char *a1 = pw_fmt_addr (hi - 1, a->pa_bits);
                  range = g_strdup_printf ("%s–%s", a0, a1);
                }
              else
                range = g_strdup (_("empty"));
              pw_text (c, PW_FONT_MONO_SMALL, &pal->fg, range, cols[ci] + 4, yy + 3, x + w - cols[ci] - 8,
                       PW_ALIGN_LEFT);
            }
          else
            pw_text (c, PW_FONT_SMALL, &pal->muted, _("no segments"), cols[1] + 4, yy + 2, w / 2,
                     PW_ALIGN_LEFT);
          cairo_move_to (c->cr, x, yy + REG_ROW_H);
          cairo_line_to (c->cr, x + w, yy + REG_ROW_H);
          pw_set_rgb (c, &pal->grid);
          cairo_set_line_width (c->cr, k + 1 == MAX (ns, 1) ? 1 : 0.5);
          cairo_stroke (c->cr);
          row++;
        }
    }
}

/* ---- the walk: the OSTEP figure ----------------------------------------------------------- */

#define W_ROW_H   22.0
#define W_CHECK_H 70.0
#define W_ADD_H   58.0
#define W_GAP     34.0

double
pw_seg_walk_body_height (PwCtx *c)
{
  guint parts = n_parts (c->arch);
  double regs = 26 + (MIN (parts, 8) + 1) * W_ROW_H;

  return 30 + MAX (regs, W_CHECK_H + W_GAP + W_ADD_H) + 20;
}

static void
box (PwCtx       *c,
     double       x,
     double       y,
     double       w,
     double       h,
     const PwRgb *edge,
     double       tint)
{
  PwRgb fill = pw_tint (c, edge, tint);

  pw_round_rect (c, x, y, w, h, 6);
  pw_set_rgb (c, &fill);
  cairo_fill_preserve (c->cr);
  pw_set_rgb (c, edge);
  cairo_set_line_width (c->cr, 2);
  cairo_stroke (c->cr);
}

/* Draws the registers, the limit check and the addition below the address
 * bar; the physical address itself is drawn by the caller. */
void
pw_seg_walk_body (PwCtx        *c,
                  const PwWalk *walk,
                  double        x,
                  double        y,
                  double        w,
                  double        h,
                  const double *fx,
                  const double *fw,
                  guint         nf,
                  double        bar_bottom)
{
  const PwPalette *pal = c->pal;
  const PwArch *a = c->arch;
  const PwProcess *p = pw_machine_lookup (c->m, c->walk_pid);
  gboolean segd = a->kind == PW_ARCH_SEGMENTED;
  guint parts = n_parts (a), ob = off_bits (a);
  guint nseg = p && p->segments ? p->segments->len : 0;
  double reg_w = MIN (360, w * 0.40), reg_x = x, reg_y = y + 30;
  double mid_x = x + reg_w + 64, mid_w = MIN (360, x + w - mid_x - (c->compact ? 0 : 150));
  double chk_y = reg_y, add_y = chk_y + W_CHECK_H + W_GAP;
  double pr = walk->fault != PW_FAULT_NONE ? pw_anim_progress (c, PW_PH_FAULT, -1, FALSE)
                                           : pw_anim_progress (c, PW_PH_FINAL, 0, FALSE);
  const PwRgb *segc = &pal->field[0];
  SegCheck k;
  double sel_y = -1, rows_y;
  guint first = 0, shown;
  g_autofree char *ohex = NULL;
  g_autofree char *lhex = NULL;
  g_autofree char *bhex = NULL;
  gboolean pushed;

  seg_check (c, walk, &k);
  ohex = pw_hex (k.o);
  lhex = pw_hex (walk->seg_limit);
  bhex = pw_hex (walk->seg_base);
  if (c->compact)
    {
      reg_w = MIN (260, w * 0.44);
      mid_x = x + reg_w + 44;
      mid_w = x + w - mid_x;
    }

  /* the registers: the segment table (segmented) or base and bounds */
  shown = segd ? MIN (parts, 8) : 2;
  {
    g_autofree char *title = segd
      ? g_strdup_printf (_("segment registers of pid %u"), c->walk_pid)
      : g_strdup_printf (_("base and bounds registers of pid %u"), c->walk_pid);
    g_autofree char *title_s = g_strdup_printf (_("registers of pid %u"), c->walk_pid);
    gboolean more = segd && (shown < parts);
    pw_text_fit (c, PW_FONT_BOLD, &pal->fg, reg_x, reg_y + (shown + 1) * W_ROW_H + (more ? 20 : 4),
                 reg_w, PW_ALIGN_LEFT, title, title_s, NULL);
  }
  if (segd && walk->segment >= 0 && (guint) walk->segment >= shown)
    first = (guint) walk->segment - shown + 1;
  {
    PwRgb fill = pw_tint (c, &pal->table, pal->dark ? 0.25 : 0.06);
    double th = (shown + 1) * W_ROW_H;
    double c1 = reg_x + (segd ? reg_w * 0.18 : reg_w * 0.42), c2 = reg_x + reg_w * (segd ? 0.50 : 0.42);
    pw_fill_rect (c, &fill, reg_x, reg_y, reg_w, th);
    pw_stroke_rect (c, &pal->table, 1.5, reg_x, reg_y, reg_w, th);
    rows_y = reg_y + W_ROW_H;
    if (segd)
      {
        pw_text (c, PW_FONT_SMALL, &pal->muted, _("seg"), reg_x + 6, reg_y + 3, c1 - reg_x - 8, PW_ALIGN_LEFT);
        pw_text (c, PW_FONT_SMALL, &pal->muted, _("base"), c1 + 4, reg_y + 3, c2 - c1 - 8, PW_ALIGN_LEFT);
        pw_text (c, PW_FONT_SMALL, &pal->muted, _("limit"), c2 + 4, reg_y + 3, reg_w * 0.3, PW_ALIGN_LEFT);
        pw_text (c, PW_FONT_SMALL, &pal->muted, _("grows"), reg_x + reg_w - 6, reg_y + 3, reg_w * 0.2,
                 PW_ALIGN_RIGHT);
        for (guint r = 0; r < shown; r++)
          {
            guint i = first + r;
            const PwSegment *s = process_segment (p, (int) i);
            double yy = rows_y + r * W_ROW_H;
            gboolean sel = walk->segment == (int) i;
            char num[16];

            if (sel)
              {
                PwRgb hl = pw_tint (c, segc, 0.3);
                pw_fill_rect (c, &hl, reg_x + 1, yy, reg_w - 2, W_ROW_H);
                pw_stroke_rect (c, walk->fault != PW_FAULT_NONE && !k.has_seg ? &pal->warn : segc, 2.5,
                                reg_x - 2, yy, reg_w + 4, W_ROW_H);
                sel_y = yy;
              }
            g_snprintf (num, sizeof num, "%u", i);
            pw_text (c, sel ? PW_FONT_MONO_SMALL_BOLD : PW_FONT_MONO_SMALL, sel ? segc : &pal->fg, num,
                     reg_x + 6, yy + 4, c1 - reg_x - 8, PW_ALIGN_LEFT);
            if (s != NULL && i < nseg)
              {
                g_autofree char *b = pw_fmt_addr (s->base, a->pa_bits);
                g_autofree char *l = pw_hex (s->limit);
                pw_text (c, PW_FONT_MONO_SMALL, &pal->fg, b, c1 + 4, yy + 4, c2 - c1 - 8, PW_ALIGN_LEFT);
                pw_text (c, PW_FONT_MONO_SMALL, &pal->fg, l, c2 + 4, yy + 4, reg_w * 0.3, PW_ALIGN_LEFT);
                pw_text (c, PW_FONT_SMALL, &pal->fg, s->grows_down ? _("down") : _("up"),
                         reg_x + reg_w - 6, yy + 3, reg_w * 0.2, PW_ALIGN_RIGHT);
              }
            else
              pw_text (c, PW_FONT_SMALL, &pal->muted, _("not defined"), c1 + 4, yy + 3, reg_w - (c1 - reg_x) - 8,
                       PW_ALIGN_LEFT);
            if (r + 1 < shown)
              {
                cairo_move_to (c->cr, reg_x, yy + W_ROW_H);
                cairo_line_to (c->cr, reg_x + reg_w, yy + W_ROW_H);
                pw_set_rgb (c, &pal->grid);
                cairo_set_line_width (c->cr, 0.6);
                cairo_stroke (c->cr);
              }
          }
        if (first > 0 || first + shown < parts)
          {
            g_autofree char *t = g_strdup_printf (_("segments %u–%u of %u"), first, first + shown - 1, parts);
            pw_text (c, PW_FONT_SMALL, &pal->muted, t, reg_x, reg_y + th + 3, reg_w, PW_ALIGN_LEFT);
          }
      }
    else
      {
        const PwSegment *s = process_segment (p, 0);
        g_autofree char *b = pw_fmt_addr (s ? s->base : walk->seg_base, a->pa_bits);
        g_autofree char *l = pw_hex (s ? s->limit : walk->seg_limit);
        g_autofree char *ls = pw_fmt_size (s ? s->limit : walk->seg_limit);
        g_autofree char *lfull = g_strdup_printf ("%s (%s)", l, ls);
        pw_text (c, PW_FONT_SMALL, &pal->muted, _("register"), reg_x + 6, reg_y + 3, c1 - reg_x - 8, PW_ALIGN_LEFT);
        pw_text (c, PW_FONT_SMALL, &pal->muted, _("value"), c2 + 4, reg_y + 3, reg_w * 0.5, PW_ALIGN_LEFT);
        /* the limit first: it feeds the check, above the addition */
        pw_text_fit (c, PW_FONT_BOLD, &pal->fg, reg_x + 6, rows_y + 2, c2 - reg_x - 8,
                     PW_ALIGN_LEFT, _("limit (bounds)"), _("limit"), NULL);
        pw_text_fit (c, PW_FONT_MONO, &pal->fg, c2 + 4, rows_y + 2, reg_x + reg_w - c2 - 8,
                     PW_ALIGN_LEFT, lfull, l, NULL);
        pw_text (c, PW_FONT_BOLD, &pal->fg, _("base"), reg_x + 6, rows_y + W_ROW_H + 2, c2 - reg_x - 8,
                 PW_ALIGN_LEFT);
        pw_text (c, PW_FONT_MONO, &pal->fg, b, c2 + 4, rows_y + W_ROW_H + 2, reg_x + reg_w - c2 - 8,
                 PW_ALIGN_LEFT);
        cairo_move_to (c->cr, reg_x, rows_y + W_ROW_H);
        cairo_line_to (c->cr, reg_x + reg_w, rows_y + W_ROW_H);
        pw_set_rgb (c, &pal->grid);
        cairo_set_line_width (c->cr, 0.6);
        cairo_stroke (c->cr);
        sel_y = rows_y;
      }
  }

  /* the segment number selects its row */
  if (segd && nf >= 2 && sel_y >= 0)
    {
      double sx = fx[0] + fw[0] / 2;
      char bits[8];
      double lane = reg_x + reg_w * 0.18 - 14, y0 = bar_bottom + 36, mid = (y0 + reg_y) / 2;
      double ps = pw_anim_progress (c, PW_PH_SPLIT, 0, FALSE);

      /* down a lane of the seg column, so no number is crossed */
      if (ps > 0)
        {
          cairo_move_to (c->cr, sx, y0);
          cairo_curve_to (c->cr, sx, mid, lane, mid, lane, reg_y);
          cairo_line_to (c->cr, lane, sel_y - 2);
          pw_set_rgba (c, segc, ps);
          cairo_set_line_width (c->cr, 2.2);
          cairo_stroke (c->cr);
          pw_arrow_head (c, segc, lane, sel_y + 4, G_PI / 2, 10);
        }
      g_snprintf (bits, sizeof bits, "%u", a->segment_bits);
      pw_text (c, PW_FONT_SMALL, segc, bits, sx + 5, bar_bottom + 37, -1, PW_ALIGN_LEFT);
    }

  if (pr <= 0)
    return;
  pushed = pw_fade_begin (c, pr, x - 4, y, w + 8, h);

  /* the limit check */
  if (walk->why == PW_WHY_OUT_OF_RANGE || walk->why == PW_WHY_NON_CANONICAL
      || (segd && !k.has_seg))
    {
      g_autofree char *msg = pw_walk_fault_message (a, walk);
      box (c, mid_x, chk_y, mid_w, W_CHECK_H, &pal->warn, 0.12);
      pw_text (c, PW_FONT_BOLD, &pal->warn, _("⚠ segmentation fault"), mid_x + 10, chk_y + 8, mid_w - 20,
               PW_ALIGN_LEFT);
      pw_text (c, PW_FONT_SMALL, &pal->fg, msg, mid_x + 10, chk_y + 30, mid_w - 20, PW_ALIGN_LEFT);
      pw_text (c, PW_FONT_SMALL, &pal->fg, _("no physical address"), mid_x + 10, chk_y + 47, mid_w - 20,
               PW_ALIGN_LEFT);
    }
  else
    {
      const PwRgb *edge = k.check_ok ? &pal->hit : &pal->warn;
      g_autofree char *test = NULL;
      g_autofree char *test_s = NULL;
      g_autofree char *pre = NULL;
      g_autofree char *pre_s = NULL;
      g_autofree char *verdict = NULL;
      double ox = fx[nf - 1] + fw[nf - 1] / 2;
      char bits[8];

      if (k.grows_down)
        {
          g_autofree char *S = pw_hex ((guint64) 1 << MIN (ob, 63));
          g_autofree char *ft = pw_hex (k.from_top);
          pre = g_strdup_printf (_("grows down: size − offset = %s − %s = %s"), S, ohex, ft);
          pre_s = g_strdup_printf ("%s − %s = %s", S, ohex, ft);
          test = g_strdup_printf (k.check_ok ? _("%s ≤ limit %s") : _("%s > limit %s"), ft, lhex);
        }
      else
        test = g_strdup_printf (k.check_ok ? _("offset %s < limit %s") : _("offset %s ≥ limit %s"), ohex, lhex);
      test_s = g_strdup_printf (k.check_ok ? "%s < %s" : "%s ≥ %s", ohex, lhex);
      verdict = k.check_ok ? g_strdup (_("✓ inside the segment"))
                           : g_strdup (_("✗ outside: segmentation fault"));
      box (c, mid_x, chk_y, mid_w, W_CHECK_H, edge, 0.12);
      if (pre == NULL || pw_text_fit (c, PW_FONT_SMALL, &pal->muted, mid_x + 10, chk_y + 5, mid_w - 20,
                                      PW_ALIGN_LEFT, pre, pre_s, NULL) < 0)
        pw_text (c, PW_FONT_SMALL, &pal->muted, _("bounds check"), mid_x + 10, chk_y + 5, mid_w - 20,
                 PW_ALIGN_LEFT);
      pw_text_fit (c, PW_FONT_MONO_BOLD, &pal->fg, mid_x + 10, chk_y + 24, mid_w - 20, PW_ALIGN_LEFT,
                   test, test_s, NULL);
      pw_text (c, PW_FONT_BOLD, edge, verdict, mid_x + 10, chk_y + 46, mid_w - 20, PW_ALIGN_LEFT);
      /* the offset comes down from the address, the limit from its register */
      pw_arrow (c, &pal->offset, 2.2, ox, bar_bottom + 36, mid_x + mid_w * 0.5, chk_y, TRUE, 1);
      g_snprintf (bits, sizeof bits, "%u", ob);
      pw_text (c, PW_FONT_SMALL, &pal->offset, bits, ox + 5, bar_bottom + 37, -1, PW_ALIGN_LEFT);
      pw_arrow (c, &pal->fg, 1.6, reg_x + reg_w + 2, sel_y + W_ROW_H / 2,
                mid_x, chk_y + W_CHECK_H / 2, FALSE, 1);
      pw_text (c, PW_FONT_SMALL, &pal->muted, _("limit"), mid_x - 8, chk_y + W_CHECK_H / 2 - 17, -1,
               PW_ALIGN_RIGHT);

      if (k.check_ok)
        {
          const PwRgb *res = walk->fault == PW_FAULT_NONE ? &pal->offset : &pal->warn;
          g_autofree char *sum = NULL;
          g_autofree char *pa = pw_fmt_addr (walk->pa, a->pa_bits);
          double cxp = mid_x + 26;

          if (k.grows_down)
            {
              g_autofree char *ft = pw_hex (k.from_top);
              sum = g_strdup_printf ("%s − %s = %s", bhex, ft, walk->fault == PW_FAULT_NONE ? pa : "?");
            }
          else
            sum = g_strdup_printf ("%s + %s = %s", bhex, ohex, walk->fault == PW_FAULT_NONE ? pa : "?");
          pw_arrow (c, &pal->hit, 1.8, mid_x + mid_w * 0.5, chk_y + W_CHECK_H, mid_x + mid_w * 0.5, add_y,
                    TRUE, 1);
          box (c, mid_x, add_y, mid_w, W_ADD_H, res, 0.10);
          cairo_arc (c->cr, cxp, add_y + W_ADD_H / 2, 14, 0, 2 * G_PI);
          pw_set_rgb (c, &pal->bg);
          cairo_fill_preserve (c->cr);
          pw_set_rgb (c, res);
          cairo_set_line_width (c->cr, 2);
          cairo_stroke (c->cr);
          pw_text (c, PW_FONT_MONO_BIG, res, k.grows_down ? "−" : "+", cxp, add_y + W_ADD_H / 2 - 11, -1,
                   PW_ALIGN_CENTER);
          pw_text (c, PW_FONT_SMALL, &pal->muted, k.grows_down ? _("base − (size − offset)") : _("base + offset"),
                   mid_x + 50, add_y + 6, mid_w - 58, PW_ALIGN_LEFT);
          pw_text (c, PW_FONT_MONO_BOLD, &pal->fg, sum, mid_x + 50, add_y + 26, mid_w - 58, PW_ALIGN_LEFT);
          pw_arrow (c, &pal->fg, 1.6, reg_x + reg_w + 2, sel_y + (segd ? W_ROW_H / 2 : W_ROW_H * 1.5),
                    mid_x, add_y + W_ADD_H / 2, FALSE, 1);
          pw_text (c, PW_FONT_SMALL, &pal->muted, _("base"), mid_x - 8, add_y + W_ADD_H / 2 + 3, -1,
                   PW_ALIGN_RIGHT);
          if (walk->fault != PW_FAULT_NONE)
            {
              g_autofree char *msg = pw_walk_fault_message (a, walk);
              pw_text (c, PW_FONT_SMALL, &pal->warn, msg, mid_x, add_y + W_ADD_H + 4, x + w - mid_x,
                       PW_ALIGN_LEFT);
            }
        }
      else if (!c->compact && mid_x + mid_w + 30 < x + w)
        {
          /* the violation, spelled out beside the check */
          g_autofree char *msg = pw_walk_fault_message (a, walk);
          double wx = mid_x + mid_w + 30, ww = x + w - wx;
          pw_arrow (c, &pal->warn, 2, mid_x + mid_w, chk_y + W_CHECK_H / 2, wx, chk_y + W_CHECK_H / 2, FALSE, 1);
          box (c, wx, chk_y, MIN (ww, 420), W_CHECK_H, &pal->warn, 0.12);
          pw_text (c, PW_FONT_BOLD, &pal->warn, _("⚠ segmentation fault"), wx + 10, chk_y + 8,
                   MIN (ww, 420) - 20, PW_ALIGN_LEFT);
          pw_text (c, PW_FONT_SMALL, &pal->fg, msg, wx + 10, chk_y + 30, MIN (ww, 420) - 20, PW_ALIGN_LEFT);
          pw_text (c, PW_FONT_SMALL, &pal->fg, _("the access fails: no physical address"), wx + 10,
                   chk_y + 47, MIN (ww, 420) - 20, PW_ALIGN_LEFT);
        }
    }
  pw_fade_end (c, pushed, pr);
}

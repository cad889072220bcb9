/* pw-render-segments.c: machines without pages (base and bounds, segments)
 *
 * What their views share (the segments' geometry, the limit check of a
 * translation, its narration, the fills) and the physical view: memory is a
 * byte range, each process's segments [base, base + limit) in its colour,
 * the holes between them with their size (the fragmentation picture).  The
 * virtual spaces and the registers are in pw-render-seg-vaspace.c, the walk
 * in pw-render-seg-walk.c; pw-render.c's view table picks these functions
 * for such machines.
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
guint
pw_seg_off_bits (const PwArch *a)
{
  if (a->kind == PW_ARCH_SEGMENTED)
    return a->va_bits - a->segment_bits;
  return a->va_bits;
}

guint
pw_seg_n_parts (const PwArch *a)
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

const PwSegment *
pw_seg_of_process (const PwProcess *p,
                   int              k)
{
  if (p == NULL || p->segments == NULL || k < 0 || (guint) k >= p->segments->len)
    return NULL;
  return &g_array_index (p->segments, PwSegment, k);
}

/* ---- the check of one translation ----------------------------------------------- */

void
pw_seg_check (PwCtx        *c,
              const PwWalk *w,
              PwSegCheck   *k)
{
  const PwArch *a = c->arch;
  const PwProcess *p = pw_machine_lookup (c->m, c->walk_pid);
  const PwSegment *s = pw_seg_of_process (p, w->segment);
  guint ob = pw_seg_off_bits (a);

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
  PwSegCheck k;
  g_autofree char *o = NULL;
  g_autofree char *lim = NULL;
  g_autofree char *base = NULL;
  g_autofree char *pa = NULL;
  g_autofree char *ft = NULL;

  pw_seg_check (c, w, &k);
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
    /* Translators: the address, the limit, the base, the address again, the
     * physical address */
    return g_strdup_printf (_("Virtual address %s is below the limit %s, so the physical address is"
                              " base %s + %s = %s."), o, lim, base, o, pa);
  if (k.grows_down)
    /* Translators: the segment, the segment size, the offset, the difference, the limit,
     * the base, the difference and the physical address */
    return g_strdup_printf (_("Segment %d grows down: %s − offset %s = %s ≤ limit %s, so the physical"
                              " address is base %s − %s = %s."),
                            w->segment, pw_hex_buf ((guint64) 1 << MIN (pw_seg_off_bits (a), 63), (char[19]) { 0 }),
                            o, ft, lim, base, ft, pa);
  /* Translators: the segment, the offset, the limit, the base, the offset and the physical
   * address */
  return g_strdup_printf (_("Segment %d: offset %s is below the limit %s, so the physical address"
                            " is base %s + %s = %s."),
                          w->segment, o, lim, base, o, pa);
}

/* "base 0x8800 + offset 0x200" for the address view. */
char *
pw_seg_formula (PwCtx        *c,
                const PwWalk *w)
{
  PwSegCheck k;
  g_autofree char *base = pw_hex (w->seg_base);
  g_autofree char *o = NULL;

  pw_seg_check (c, w, &k);
  if (k.grows_down)
    {
      g_autofree char *ft = pw_hex (k.from_top);
      /* Translators: the base, then the difference */
      return g_strdup_printf (_("base %s − (segment size − offset) %s"), base, ft);
    }
  o = pw_hex (k.o);
  if (c->arch->kind == PW_ARCH_SEGMENTED)
    /* Translators: the segment, the base, the offset */
    return g_strdup_printf (_("segment %d: base %s + offset %s"), w->segment, base, o);
  /* Translators: a segment's base, then the offset added to it */
  return g_strdup_printf (_("base %s + offset %s"), base, o);
}

/* ---- small pieces --------------------------------------------------------------- */

void
pw_seg_swatch (PwCtx  *c,
               guint   pid,
               double  x,
               double  y,
               double  s)
{
  PwRgb tint = pw_tint (c, pw_proc_colour (c, pid), 0.35);

  pw_fill_rect (c, &tint, x, y, s, s);
  pw_stroke_rect (c, pw_proc_colour (c, pid), 1.5, x, y, s, s);
}

void
pw_seg_hole_fill (PwCtx  *c,
                  double  x,
                  double  y,
                  double  w,
                  double  h)
{
  pw_hatch (c, &c->pal->grid, 6, 1, x, y, w, h);
}

/* Fills a segment: its colour, light enough to write on, with an outline. */
void
pw_seg_fill (PwCtx  *c,
             guint   pid,
             double  x,
             double  y,
             double  w,
             double  h)
{
  PwRgb tint = pw_tint (c, pw_proc_colour (c, pid), 0.3);

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

const char *
pw_seg_proc_name (const PwProcess *p)
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
    /* Translators: a pid, the process's name, a segment */
    g_autofree char *a1 = segd ? g_strdup_printf (_("pid %u %s · seg %d"), pc->pid, pw_seg_proc_name (p), pc->seg)
                               : g_strdup_printf (_("pid %u %s"), pc->pid, pw_seg_proc_name (p));
    /* Translators: a pid, then a segment number */
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
      /* Translators: the memory in use, the memory free, the number of holes, then the largest hole */
      : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s in use · %s free in %u hole (largest %s)",
                                      "%s in use · %s free in %u holes (largest %s)", holes),
                         us, fs, holes, ls);
    /* Translators: the free memory, then the largest hole (sizes) */
    g_autofree char *sub2 = g_strdup_printf (_("%s free · largest hole %s"), fs, ls);
    double tw = pw_text (c, PW_FONT_TITLE, &pal->fg, title, x, y, w, PW_ALIGN_LEFT);
    double lx = x, ly = y + 24;
    guint n = pw_machine_n_processes (c->m);

    pw_text_fit (c, PW_FONT_SMALL, &pal->muted, x + tw + 12, y + 3, w - tw - 12, PW_ALIGN_LEFT,
                 sub, sub2, NULL);
    for (guint i = 0; i < n; i++)
      {
        const PwProcess *p = pw_machine_process (c->m, i);
        /* Translators: a pid, then the process's name */
        g_autofree char *t = g_strdup_printf (_("pid %u %s"), p->pid, pw_seg_proc_name (p));
        double tw2;
        pw_text_size (c, PW_FONT_SMALL, t, &tw2, NULL);
        if (lx + tw2 + 20 > x + w - 90)
          {
            g_autofree char *more = g_strdup_printf (_("+%u"), n - i);
            lx += pw_text (c, PW_FONT_SMALL, &pal->muted, more, lx, ly, -1, PW_ALIGN_LEFT) + 10;
            break;
          }
        pw_seg_swatch (c, p->pid, lx, ly + 2, 12);
        lx += 16 + pw_text (c, PW_FONT_SMALL, &pal->fg, t, lx + 16, ly, -1, PW_ALIGN_LEFT) + 10;
      }
    pw_stroke_rect (c, &pal->grid, 1, lx, ly + 2, 12, 12);
    pw_seg_hole_fill (c, lx, ly + 2, 12, 12);
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
          pw_seg_hole_fill (c, px, by, pw, bh);
          cairo_set_dash (c->cr, (double[]) { 3, 3 }, 2, 0);
          pw_stroke_rect (c, &pal->line, 1, px, by, pw, bh);
          cairo_set_dash (c->cr, NULL, 0, 0);
          hit = pw_hit_add (c, PW_HIT_GAP, px, by, pw, bh);
        }
      else
        {
          pw_seg_fill (c, pc->pid, px, by, pw, bh);
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
      const PwSegment *s = pw_seg_of_process (p, walk->segment);

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
                pw_seg_hole_fill (c, ix, iy + 2, 10, 10);
              }
            else
              {
                const PwProcess *p = pw_machine_lookup (c->m, pc->pid);
                if (a->kind == PW_ARCH_SEGMENTED)
                  /* Translators: a pid, the process's name, a segment, then “ (grows
                   * down)” or nothing */
                  who = g_strdup_printf (_("pid %u %s · segment %d%s"), pc->pid, pw_seg_proc_name (p), pc->seg,
                                         pc->grows_down ? _(" (grows down)") : "");
                else
                  /* Translators: a pid, then the process's name */
                  who = g_strdup_printf (_("pid %u %s"), pc->pid, pw_seg_proc_name (p));
                pw_seg_swatch (c, pc->pid, ix, iy + 2, 10);
              }
            t = g_strdup_printf ("%s–%s  %-8s %s", lo, hi, size, who);
            {
              /* in a narrow column the owner goes before the numbers do */
              g_autofree char *t2 = pc->pid ? g_strdup_printf ("%s–%s  %-8s pid %u", lo, hi, size, pc->pid)
                                            : g_strdup (t);
              g_autofree char *t3 = g_strdup_printf ("%s–%s  %s", lo, hi, size);
              if (pw_text_fit (c, PW_FONT_MONO_SMALL, &pal->fg, ix + 14, iy, cw - 20, PW_ALIGN_LEFT,
                               t, t2, t3, NULL) < 0)
                pw_text (c, PW_FONT_MONO_SMALL, &pal->fg, t3, ix + 14, iy, cw - 20, PW_ALIGN_LEFT);
            }
          }
      }
  }
}

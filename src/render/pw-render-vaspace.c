/* pw-render-vaspace.c: virtual address spaces, one column per process
 *
 * A 48- or 57-bit space is drawn with a piecewise scale: each region (or
 * group of nearby regions) gets a legible minimum height, unmapped gaps
 * collapse to a break mark with their size, the canonical hole is marked.
 * The pages inside a block are drawn by pw-render-vaspace-pages.c.  The
 * column layout (pw_vaspace_columns) serves the segmented view too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-render"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "pw-render-private.h"

#define HEADER_H  44.0
#define MIN_H     40.0
#define GAP_H     22.0
#define HOLE_H    40.0
#define GUTTER    18.0
#define COL_GAP   16.0
#define MAX_COL_W 460.0
#define LONE_COL_W 640.0
#define ZOOM_BLOCK_H 600.0   /* the tallest a block grows to show its pages, zoomed in */

typedef enum
{
  SEG_BLOCK,   /* one region, or a group of regions */
  SEG_GAP,     /* free */
  SEG_HOLE,    /* the canonical hole */
} SegKind;

typedef struct
{
  SegKind  kind;
  guint64  start;   /* inclusive */
  guint64  end;     /* exclusive; 0 means 2^64 */
  guint    first;   /* BLOCK: first region index */
  guint    n;       /* BLOCK: regions in the group */
  gboolean upper;   /* in the upper (kernel) half */
  double   h;
} Seg;

static guint64
seg_size (const Seg *s)
{
  return s->end - s->start;   /* wraps to the right value for end = 2^64 (0) */
}

/* The halves of the space: [lo, hi) pairs; hi = 0 means 2^64. */
static guint
halves (const PwArch *a,
        guint64      *lo,
        guint64      *hi)
{
  if (a->canonical && a->va_bits < 64)
    {
      guint64 half = G_GUINT64_CONSTANT (1) << (a->va_bits - 1);
      lo[0] = 0;
      hi[0] = half;
      lo[1] = (guint64) 0 - half;
      hi[1] = 0;
      return 2;
    }
  lo[0] = 0;
  hi[0] = a->va_bits >= 64 ? 0 : G_GUINT64_CONSTANT (1) << a->va_bits;
  return 1;
}

static int
cmp_u64 (gconstpointer a,
         gconstpointer b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;
  return x < y ? -1 : x > y;
}

/* Builds the segments of @p, in ascending address order, grouping regions
 * separated by the smallest gaps until at most @max_blocks blocks remain. */
static GArray *
build_segments (PwCtx           *c,
                const PwProcess *p,
                guint            max_blocks)
{
  const PwArch *a = c->arch;
  GArray *segs = g_array_new (FALSE, TRUE, sizeof (Seg));
  guint64 lo[2], hi[2];
  guint nh = halves (a, lo, hi);
  guint nr = p->regions->len;
  guint64 merge_below = 0;
  gboolean merge_all_equal = FALSE;
  guint64 threshold_count = 0;

  /* choose how many of the smallest gaps to merge */
  if (nr > max_blocks && nr > 1)
    {
      g_autofree guint64 *gaps = g_new (guint64, nr - 1);
      guint need = nr - MAX (max_blocks, 1);
      for (guint i = 0; i + 1 < nr; i++)
        {
          const PwRegion *r = &g_array_index (p->regions, PwRegion, i);
          const PwRegion *n = &g_array_index (p->regions, PwRegion, i + 1);
          gaps[i] = n->start - (r->start + r->size);
        }
      qsort (gaps, nr - 1, sizeof (guint64), cmp_u64);
      merge_below = gaps[MIN (need, nr - 1) - 1];
      /* how many gaps equal to the threshold may still be merged */
      threshold_count = need;
      for (guint i = 0; i < MIN (need, nr - 1); i++)
        if (gaps[i] < merge_below)
          threshold_count--;
      merge_all_equal = TRUE;
    }

  for (guint hf = 0; hf < nh; hf++)
    {
      guint64 pos = lo[hf];
      if (hf == 1)
        {
          Seg hole = { SEG_HOLE, hi[0], lo[1], 0, 0, FALSE, 0 };
          g_array_append_val (segs, hole);
        }
      for (guint i = 0; i < nr; i++)
        {
          const PwRegion *r = &g_array_index (p->regions, PwRegion, i);
          guint64 rend = r->start + r->size;
          Seg *last;

          if (r->start < lo[hf] || (hi[hf] != 0 && r->start >= hi[hf]))
            continue;
          last = segs->len > 0 ? &g_array_index (segs, Seg, segs->len - 1) : NULL;
          if (last != NULL && last->kind == SEG_BLOCK && merge_all_equal && pos == last->end)
            {
              guint64 gap = r->start - pos;
              gboolean merge = gap < merge_below || (gap == merge_below && threshold_count > 0);
              if (merge)
                {
                  if (gap == merge_below)
                    threshold_count--;
                  last->end = rend;
                  last->n++;
                  pos = rend;
                  continue;
                }
            }
          if (r->start > pos)
            {
              Seg gap = { SEG_GAP, pos, r->start, 0, 0, hf == 1, 0 };
              g_array_append_val (segs, gap);
            }
          {
            Seg b = { SEG_BLOCK, r->start, rend, i, 1, hf == 1, 0 };
            g_array_append_val (segs, b);
          }
          pos = rend;
        }
      if (pos != hi[hf])
        {
          Seg gap = { SEG_GAP, pos, hi[hf], 0, 0, hf == 1, 0 };
          g_array_append_val (segs, gap);
        }
    }
  return segs;
}

static guint
count_blocks_capacity (double avail)
{
  /* every block comes with about one gap */
  return MAX (1, (guint) (avail / (MIN_H + GAP_H)));
}

/* The height a block asks for: a small region shows each of its pages
 * (zoomed in, with room for their bytes: pw_vaspace_page_row_h()). */
static double
block_want (PwCtx           *c,
            const Seg       *s,
            const PwProcess *p)
{
  const PwArch *a = c->arch;
  guint64 pages = seg_size (s) >> a->page_shift;
  const PwRegion *r = &g_array_index (p->regions, PwRegion, s->first);

  if (s->n == 1 && r->state == PW_REGION_RESERVED)
    return MIN_H;   /* nothing to list */
  if (seg_size (s) != 0 && pages <= 16)
    {
      /* zoomed in to the bytes, the block's labels stand above its pages */
      double label_h = pw_detail_contents (c) ? 2 * pw_font_height (c, PW_FONT_BOLD) + 10 : 0;
      return MAX (MIN_H, pages * pw_vaspace_page_row_h (c) + 4 + label_h);
    }
  /* zoomed in, a block grows (up to ZOOM_BLOCK_H) until each of its pages
   * is a mark of its own (pw_detail_page_units()) */
  if (seg_size (s) != 0 && pw_detail_contents (c) && s->n == 1
      && pages * pw_detail_page_units (c) <= ZOOM_BLOCK_H)
    return MAX (MIN_H, pages * pw_detail_page_units (c) + 4);
  return MIN_H;
}

/* The labels of the halves, and the height each needs to be written
 * along its bracket. */
static guint
half_labels (PwCtx  *c,
             char  **labels,
             double *min_h)
{
  const PwArch *a = c->arch;
  guint n;

  if (a->canonical && a->va_bits < 64)
    {
      g_autofree char *hs = pw_fmt_size (G_GUINT64_CONSTANT (1) << (a->va_bits - 1));
      labels[0] = g_strdup_printf (_("user half · %s"), hs);
      labels[1] = g_strdup_printf (_("kernel half · %s"), hs);
      n = 2;
    }
  else
    {
      g_autofree char *hs = pw_fmt_size (G_GUINT64_CONSTANT (1) << MIN (a->va_bits, 63));
      /* Translators: the virtual address bits, then the size of the space */
      labels[0] = g_strdup_printf (_("%u-bit space · %s"), a->va_bits, hs);
      labels[1] = NULL;
      n = 1;
    }
  for (guint i = 0; i < 2; i++)
    {
      double tw = 0;
      if (labels[i])
        pw_text_size (c, PW_FONT_SMALL, labels[i], &tw, NULL);
      min_h[i] = labels[i] ? tw + 30 : 0;
    }
  return n;
}

/* Heights of the segments: blocks, gaps and the hole at their minimum, each
 * half tall enough for its label; the page lists of small regions shrink when
 * the column is short; what is left goes to the blocks. */
static double
assign_heights (PwCtx           *c,
                const PwProcess *p,
                GArray          *segs,
                double           avail)
{
  const PwArch *a = c->arch;
  double fixed = 0, weight = 0, shrinkable = 0;
  double half_h[2] = { 0, 0 }, half_min[2];
  guint half_gaps[2] = { 0, 0 }, half_blocks[2] = { 0, 0 };
  char *labels[2] = { NULL, NULL };

  half_labels (c, labels, half_min);
  g_free (labels[0]);
  g_free (labels[1]);

  for (guint i = 0; i < segs->len; i++)
    {
      Seg *s = &g_array_index (segs, Seg, i);
      guint hf = s->upper ? 1 : 0;
      s->h = s->kind == SEG_BLOCK ? block_want (c, s, p) : s->kind == SEG_GAP ? GAP_H : HOLE_H;
      if (s->kind != SEG_HOLE)
        {
          half_h[hf] += s->h;
          if (s->kind == SEG_GAP)
            half_gaps[hf]++;
          else
            half_blocks[hf]++;
        }
    }
  /* a half too short for its label: its gaps (or blocks) grow */
  for (guint hf = 0; hf < 2; hf++)
    {
      double need = half_min[hf] - half_h[hf];
      guint k = half_gaps[hf] ? half_gaps[hf] : half_blocks[hf];
      if (need <= 0 || k == 0)
        continue;
      for (guint i = 0; i < segs->len; i++)
        {
          Seg *s = &g_array_index (segs, Seg, i);
          if ((s->upper ? 1 : 0) == hf && s->kind == (half_gaps[hf] ? SEG_GAP : SEG_BLOCK))
            s->h += need / k;
        }
    }
  for (guint i = 0; i < segs->len; i++)
    {
      Seg *s = &g_array_index (segs, Seg, i);
      fixed += s->h;
      if (s->kind == SEG_BLOCK)
        {
          weight += 1 + pw_log2 (MAX (seg_size (s) >> a->page_shift, 1));
          shrinkable += s->h - MIN_H;
        }
    }
  if (avail <= 0)
    return fixed;
  /* too tall: the page lists give way first */
  if (fixed > avail && shrinkable > 0)
    {
      double cut = MIN (fixed - avail, shrinkable);
      for (guint i = 0; i < segs->len; i++)
        {
          Seg *s = &g_array_index (segs, Seg, i);
          if (s->kind == SEG_BLOCK && s->h > MIN_H)
            s->h -= cut * (s->h - MIN_H) / shrinkable;
        }
      fixed -= cut;
    }
  if (avail > fixed && weight > 0)
    {
      double extra = MIN (avail - fixed, weight * 30);
      for (guint i = 0; i < segs->len; i++)
        {
          Seg *s = &g_array_index (segs, Seg, i);
          if (s->kind == SEG_BLOCK)
            s->h += extra * (1 + pw_log2 (MAX (seg_size (s) >> a->page_shift, 1))) / weight;
        }
      fixed += extra;
    }
  return fixed;
}


static void
sharer_stripes (PwCtx          *c,
                const PwRegion *r,
                double          x,
                double          y,
                double          w,
                double          h)
{
  guint n = pw_machine_n_processes (c->m), k = 0;
  guint pids[16];

  for (guint i = 0; i < n && k < G_N_ELEMENTS (pids); i++)
    {
      const PwProcess *q = pw_machine_process (c->m, i);
      for (guint j = 0; j < q->regions->len; j++)
        if (g_strcmp0 (g_array_index (q->regions, PwRegion, j).share, r->share) == 0)
          {
            pids[k++] = q->pid;
            break;
          }
    }
  if (k == 0)
    return;
  cairo_save (c->cr);
  cairo_rectangle (c->cr, x, y, w, h);
  cairo_clip (c->cr);
  for (double d = -h, i = 0; d < w + h; d += 6, i++)
    {
      cairo_move_to (c->cr, x + d, y + h);
      cairo_line_to (c->cr, x + d + h, y);
      cairo_line_to (c->cr, x + d + h + 6, y);
      cairo_line_to (c->cr, x + d + 6, y + h);
      cairo_close_path (c->cr);
      pw_set_rgb (c, pw_proc_colour (c, pids[(guint) i % k]));
      cairo_fill (c->cr);
    }
  cairo_restore (c->cr);
}

/* Where the outline of the page the walk accesses lies in the block
 * (y, h) of [start, end) of @p, as pw_vaspace_block_pages() draws it
 * (its edges included); FALSE when the page is not in the block. */
static gboolean
accessed_span (PwCtx           *c,
               const PwProcess *p,
               guint64          start,
               guint64          end,
               double           y,
               double           h,
               double          *y0,
               double          *y1)
{
  const PwWalk *w = c->walk;
  guint64 psize, va, len = end - start;
  double span = (double) (len ? len : G_MAXUINT64);

  if (w == NULL || p->pid != c->walk_pid || w->va < start || (end != 0 && w->va >= end))
    return FALSE;
  psize = w->page_size ? w->page_size : pw_arch_page_size (c->arch);
  va = w->va & ~(psize - 1);
  *y0 = y + h * (1 - (double) MIN (va + psize - start, len ? len : G_MAXUINT64) / span);
  *y1 = y + h * (1 - (double) (MAX (va, start) - start) / span);
  if (*y1 - *y0 < 6)
    {
      double mid = (*y0 + *y1) / 2;
      *y0 = mid - 3;
      *y1 = mid + 3;
    }
  /* the outline is drawn 1 pixel outside, 4.5 wide */
  *y0 -= 1;
  *y1 += 1;
  return TRUE;
}

/* The top of a label @lh tall in the block (y, h), clear of the accessed
 * page's outline (hy0, hy1): centred when that is clear, else centred in
 * the part below the outline, above it or inside it that holds it.  FALSE
 * (and the centre) when no part does. */
static gboolean
label_top (double    y,
           double    h,
           double    lh,
           gboolean  hl,
           double    hy0,
           double    hy1,
           double   *top)
{
  const double edge = 3;   /* half the outline's width (4.5), and a little room */
  double centre = y + (h - lh) / 2;
  struct { double top, bot; } parts[3] = {
    { hy1 + edge, y + h },       /* below */
    { y, hy0 - edge },           /* above */
    { hy0 + edge, hy1 - edge },  /* inside */
  };

  *top = centre;
  if (!hl || centre + lh <= hy0 - edge || centre >= hy1 + edge
      || (centre >= hy0 + edge && centre + lh <= hy1 - edge))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (parts[i].bot - parts[i].top >= lh)
      {
        *top = parts[i].top + (parts[i].bot - parts[i].top - lh) / 2;
        return TRUE;
      }
  return FALSE;
}

static void
label_plate (PwCtx       *c,
             double       x,
             double       y,
             double       w,
             double       h)
{
  pw_round_rect (c, x, y, w, h, 3);
  pw_set_rgba (c, &c->pal->bg, 0.88);
  cairo_fill (c->cr);
}

static void
draw_block (PwCtx           *c,
            const PwProcess *p,
            GPtrArray       *pages,
            const Seg       *s,
            double           x,
            double           y,
            double           w,
            double           h)
{
  const PwPalette *pal = c->pal;
  const PwArch *a = c->arch;
  const PwRegion *r = &g_array_index (p->regions, PwRegion, s->first);
  const PwRgb *pc = pw_proc_colour (c, p->pid);
  gboolean reserved = s->n == 1 && r->state == PW_REGION_RESERVED;
  double strip = r->share && s->n == 1 ? 10 : 0;
  double band = r->kernel ? 7 : 0;
  g_autofree char *start = pw_fmt_addr (s->start, a->va_bits);
  g_autofree char *size = pw_fmt_size (seg_size (s));
  char prot[4];
  g_autofree char *l1 = NULL;
  g_autofree char *l1b = NULL;
  g_autofree char *l2 = NULL;
  PwHit *hit;
  double lw1 = 0, lw2 = 0, th;
  gboolean contents;

  /* the labels' width, so page labels keep clear of them */
  pw_prot_string (r->prot, prot);
  {
    double t1w;
    const char *nm = r->name ? r->name : "";
    pw_text_size (c, PW_FONT_BOLD, nm, &t1w, NULL);
    lw1 = t1w;
    l2 = g_strdup_printf ("%s · %s", start, size);
    pw_text_size (c, PW_FONT_MONO_SMALL, l2, &t1w, NULL);
    lw2 = t1w;
  }
  /* labels: name and protection; start and size */
  if (s->n > 1)
    {
      l1 = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u region", "%u regions", s->n), s->n);
      l1b = g_strdup (l1);
    }
  else
    {
      const char *state = r->state == PW_REGION_RESERVED ? _("reserved") : NULL;
      const char *name = r->name ? r->name : _("(unnamed)");
      l1 = g_strdup_printf ("%s · %s%s%s%s%s", name, prot, state ? " · " : "", state ? state : "",
                            r->kernel && g_strcmp0 (name, "kernel") != 0 ? _(" · kernel") : "",
                            r->share ? " · " : "");
      if (r->share)
        {
          /* Translators: what comes before (a name and a separator, or nothing), then the
           * share name */
          char *t = g_strdup_printf (_("%sshared “%s”"), l1, r->share);
          g_free (l1);
          l1 = t;
        }
      l1b = g_strdup (name);
    }
  {
    /* the region's label as drawn (below): the whole first line when it
     * fits, else the name */
    double t1w;

    pw_text_size (c, PW_FONT_BOLD, l1, &t1w, NULL);
    if (t1w > w - band - strip - 12)
      pw_text_size (c, PW_FONT_BOLD, l1b, &t1w, NULL);
    lw1 = MIN (t1w, w - band - strip - 12);
  }
  {
    /* the outline of the page accessed: no label, the pages' included,
     * goes over its edges */
    double hy0, hy1;

    if (!reserved && accessed_span (c, p, s->start, s->end, y, h, &hy0, &hy1))
      {
        /* Translators: what `pagewalk-cli export --check-layout` names a
         * label drawn over the accessed page's outline */
        const char *what = _("(outline of the page accessed)");

        pw_check_mark (c, what, x - 4, hy0 - 2.5, w + 8, 5);
        pw_check_mark (c, what, x - 4, hy1 - 2.5, w + 8, 5);
      }
  }
  th = pw_font_height (c, PW_FONT_BOLD);
  /* zoomed in to the bytes, the labels go to the top, the pages' bytes below
   * them get the block's width */
  contents = pw_detail_contents (c) && s->n == 1 && seg_size (s) != 0
             && (seg_size (s) >> a->page_shift) <= 16;
  {
    double maxw = w - band - strip - 12;
    double t1w, t2w, hy0 = 0, hy1 = 0, ly = 0;
    gboolean hl = !reserved && accessed_span (c, p, s->start, s->end, y, h, &hy0, &hy1);
    gboolean two = FALSE, one = FALSE;
    const char *use1 = l1;

    pw_text_size (c, PW_FONT_BOLD, l1, &t1w, NULL);
    if (t1w > maxw)
      use1 = l1b;
    pw_text_size (c, PW_FONT_BOLD, use1, &t1w, NULL);
    pw_text_size (c, PW_FONT_MONO_SMALL, l2, &t2w, NULL);
    lw1 = MIN (t1w, maxw);
    lw2 = MIN (t2w, maxw);

    /* where the labels go: clear of the accessed page's outline */
    if (contents && h >= 2 * th + 6)
      two = TRUE, ly = y + 4;
    if (!two && h >= 2 * th + 6)
      two = label_top (y, h, 2 * th + 2, hl, hy0, hy1, &ly);
    /* the name alone where both lines would sit on the outline */
    if (!two && h >= th)
      one = label_top (y, h, th, hl, hy0, hy1, &ly);
    /* no room clear of it: centred (the layout check reports it) */
    if (!two && !one && h >= 2 * th + 6)
      two = TRUE, ly = y + (h - 2 * th - 2) / 2;
    else if (!two && !one && h >= th)
      one = TRUE, ly = y + (h - th) / 2;

    if (reserved)
      pw_hatch (c, &pal->line, 7, 0.8, x, y, w, h);
    else
      {
        /* the pages keep clear of the band the labels take */
        double top = two ? ly - 2 : one ? ly - 1 : y + h / 2;
        double bottom = two ? ly + 2 * th + 4 : one ? ly + th + 1 : y + h / 2;
        PwBlockLabel bl = { x + band + 10 + MAX (lw1, two ? lw2 : 0), top, bottom };

        pw_vaspace_block_pages (c, p, pages, s->start, s->end, x + band, y, w - band - strip, h, &bl);
      }
    if (band > 0)
      pw_fill_rect (c, &pal->kernel, x, y, band, h);
    if (strip > 0)
      sharer_stripes (c, r, x + w - strip, y, strip, h);
    pw_stroke_rect (c, reserved ? &pal->line : pc, reserved ? 1 : 1.6, x, y, w, h);

    if (two)
      {
        label_plate (c, x + band + 3, ly - 1, MAX (lw1, lw2) + 6, 2 * th + 4);
        pw_text (c, PW_FONT_BOLD, &pal->fg, use1, x + band + 6, ly, maxw, PW_ALIGN_LEFT);
        /* the start whole, without the size, in a narrow column */
        pw_text_fit (c, PW_FONT_MONO_SMALL, &pal->fg, x + band + 6, ly + th + 1, maxw, PW_ALIGN_LEFT,
                     l2, start, NULL);
      }
    else if (one)
      {
        label_plate (c, x + band + 3, ly, lw1 + 6, th);
        pw_text (c, PW_FONT_BOLD, &pal->fg, use1, x + band + 6, ly, maxw, PW_ALIGN_LEFT);
      }
  }

  hit = pw_hit_add (c, PW_HIT_REGION, x, y, w, h);
  hit->pid = p->pid;
  hit->start = s->start;
  hit->size = seg_size (s);
  hit->count = s->n;
  hit->index = s->first;
  /* page hits (and their bytes) were added first: move the region below them */
  if (c->hits && c->hits->hits->len > 1)
    {
      GArray *arr = c->hits->hits;
      guint last = arr->len - 1, k = last;
      PwHit tmp = g_array_index (arr, PwHit, last);
      while (k > 0)
        {
          PwHit *prev = &g_array_index (arr, PwHit, k - 1);
          if ((prev->kind != PW_HIT_PAGE && prev->kind != PW_HIT_BYTE) || prev->pid != p->pid
              || prev->x < x || prev->y < y
              || prev->y >= y + h)
            break;
          k--;
        }
      if (k != last)
        {
          memmove (&g_array_index (arr, PwHit, k + 1), &g_array_index (arr, PwHit, k),
                   (last - k) * sizeof (PwHit));
          g_array_index (arr, PwHit, k) = tmp;
        }
    }
}

static double
column_natural (PwCtx           *c,
                const PwProcess *p)
{
  g_autoptr(GArray) segs = build_segments (c, p, G_MAXUINT);
  double h = HEADER_H + assign_heights (c, p, segs, 0);

  /* and some room to breathe */
  for (guint i = 0; i < segs->len; i++)
    if (g_array_index (segs, Seg, i).kind == SEG_BLOCK)
      h += 24;
  return h;
}

double
pw_vaspace_measure (PwCtx  *c,
                    double  w)
{
  /* a row of the overview's band need not be as tall as the view alone */
  double h = c->every_process ? 200 : 360;
  guint n = pw_machine_n_processes (c->m);

  for (guint i = 0; i < n; i++)
    h = MAX (h, column_natural (c, pw_machine_process (c->m, i)) + 30);
  /* zoomed in to the bytes, the pages' rows are taller */
  return MIN (h, pw_detail_contents (c) ? 4000 : 1400);
}

static void
half_bracket (PwCtx      *c,
              double      x,
              double      y0,
              double      y1,
              const char *label)
{
  const PwPalette *pal = c->pal;
  double tw, th;

  if (y1 - y0 < 20)
    return;
  cairo_move_to (c->cr, x + 10, y0 + 2);
  cairo_line_to (c->cr, x + 5, y0 + 2);
  cairo_line_to (c->cr, x + 5, y1 - 2);
  cairo_line_to (c->cr, x + 10, y1 - 2);
  pw_set_rgb (c, &pal->muted);
  cairo_set_line_width (c->cr, 1.2);
  cairo_stroke (c->cr);
  pw_text_size (c, PW_FONT_SMALL, label, &tw, &th);
  if (tw + 8 < y1 - y0)
    {
      cairo_save (c->cr);
      cairo_translate (c->cr, x - 1, (y0 + y1) / 2 + tw / 2);
      cairo_rotate (c->cr, -G_PI / 2);
      pw_fill_rect (c, &pal->bg, -2, 0, tw + 4, th);
      pw_text (c, PW_FONT_SMALL, &pal->muted, label, 0, 0, -1, PW_ALIGN_LEFT);
      cairo_restore (c->cr);
    }
}

static void
draw_column (PwCtx           *c,
             const PwProcess *p,
             double           x,
             double           y,
             double           w,
             double           h)
{
  const PwPalette *pal = c->pal;
  gboolean sampled = pw_total_pages (c) > PW_EXACT_PAGES;
  g_autoptr(GPtrArray) pages = sampled ? NULL : pw_machine_sorted_pages (c->m, p);
  g_autoptr(GArray) segs = NULL;
  double avail = h - HEADER_H, cy;
  guint n_res = 0, n_disk = 0;
  double cx = x + GUTTER, cw = w - GUTTER;
  double half_top[2] = { -1, -1 }, half_bot[2] = { -1, -1 };

  segs = build_segments (c, p, count_blocks_capacity (avail));
  assign_heights (c, p, segs, avail);

  for (guint i = 0; pages && i < pages->len; i++)
    {
      const PwPage *pg = pages->pdata[i];
      if (pg->resident)
        n_res++;
      else if (pg->on_disk)
        n_disk++;
    }

  /* header */
  {
    /* Translators: a pid, then the process's name */
    g_autofree char *t1 = g_strdup_printf (_("pid %u · %s"), p->pid, p->name ? p->name : _("process"));
    g_autofree char *nreg = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u region", "%u regions",
                                                          p->regions->len), p->regions->len);
    g_autofree char *res = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u page resident", "%u pages resident", n_res),
                                            n_res);
    /* TRANSLATORS: "2 regions · 3 pages resident · 0 on disk" */
    /* Translators: the regions, the pages resident, then the pages on disk */
    g_autofree char *t2 = g_strdup_printf (_("%s · %s · %u on disk"), nreg, res, n_disk);
    /* Translators: pages resident, then pages on disk (short) */
    g_autofree char *t2b = g_strdup_printf (_("%u res. · %u disk"), n_res, n_disk);
    if (sampled)
      {
        /* too many pages to visit each: rows are sampled, and the view says so */
        g_free (t2);
        /* Translators: the regions, then the pages (their fill is sampled) */
        t2 = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u page · fill sampled", "%s · %u pages · fill sampled",
                                   g_hash_table_size (p->pages)), nreg, g_hash_table_size (p->pages));
        g_free (t2b);
        t2b = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u page · sampled", "%u pages · sampled", g_hash_table_size (p->pages)),
                                g_hash_table_size (p->pages));
      }
    pw_rect (c, cx, y + 2, 14, 14);
    pw_fill_proc (c, p->pid, 1);
    {
      /* a narrow column: the pid whole, the name left out */
      g_autofree char *t1s = g_strdup_printf (_("pid %u"), p->pid);

      if (pw_text_fit (c, PW_FONT_BOLD, &pal->fg, cx + 20, y, cw - 20, PW_ALIGN_LEFT, t1, t1s, NULL) < 0)
        pw_text (c, PW_FONT_BOLD, &pal->fg, t1s, cx + 20, y, cw - 20, PW_ALIGN_LEFT);
    }
    pw_text_fit (c, PW_FONT_SMALL, &pal->muted, cx, y + 20, cw, PW_ALIGN_LEFT, t2, t2b, NULL);
  }

  /* from the top (high addresses) down */
  cy = y + HEADER_H;
  for (guint k = segs->len; k > 0; k--)
    {
      const Seg *s = &g_array_index (segs, Seg, k - 1);
      guint hf = s->upper ? 1 : 0;

      if (s->kind != SEG_HOLE)
        {
          if (half_top[hf] < 0)
            half_top[hf] = cy;
          half_bot[hf] = cy + s->h;
        }
      if (s->kind == SEG_BLOCK)
        draw_block (c, p, pages, s, cx, cy + 2, cw, s->h - 4);
      else
        {
          g_autofree char *size = pw_fmt_size (seg_size (s) ? seg_size (s) : G_MAXUINT64);
          g_autofree char *txt = NULL;
          g_autofree char *txt_s = NULL;
          PwHit *hit;
          double tw;

          if (s->kind == SEG_HOLE)
            {
              PwRgb fill = pw_tint (c, &pal->fg, 0.07);
              txt = g_strdup_printf (_("non-canonical hole · %s"), size);
              /* Translators: a narrow column's "non-canonical hole · 15.9 EiB" */
              txt_s = g_strdup_printf (_("hole · %s"), size);
              pw_fill_rect (c, &fill, cx, cy + 4, cw, s->h - 8);
              pw_hatch (c, &pal->grid, 6, 0.8, cx, cy + 4, cw, s->h - 8);
              pw_break_mark (c, &pal->muted, cx, cy + 6, cw);
              pw_break_mark (c, &pal->muted, cx, cy + s->h - 6, cw);
            }
          else
            txt = g_strdup_printf (_("%s free"), size);
          pw_text_size (c, PW_FONT_SMALL, txt, &tw, NULL);
          if (txt_s != NULL && tw > cw - 20)
            {
              g_free (txt);
              txt = g_steal_pointer (&txt_s);
              pw_text_size (c, PW_FONT_SMALL, txt, &tw, NULL);
            }
          tw = MIN (tw, cw - 20);
          if (s->kind == SEG_HOLE)
            pw_fill_rect (c, &pal->bg, cx + cw / 2 - tw / 2 - 4, cy + s->h / 2 - 8, tw + 8, 16);
          else
            pw_break_mark_gap (c, &pal->grid, cx, cy + s->h / 2, cw, cx + cw / 2 - tw / 2 - 6,
                               cx + cw / 2 + tw / 2 + 6);
          pw_text (c, PW_FONT_SMALL, s->kind == SEG_HOLE ? &pal->fg : &pal->muted, txt,
                   cx + cw / 2, cy + s->h / 2 - 8, cw - 20, PW_ALIGN_CENTER);
          hit = pw_hit_add (c, PW_HIT_GAP, cx, cy, cw, s->h);
          hit->pid = p->pid;
          hit->start = s->start;
          hit->size = seg_size (s);
        }
      cy += s->h;
    }

  /* the halves of a canonical space, or the whole space */
  {
    char *labels[2] = { NULL, NULL };
    double min_h[2];
    guint nh = half_labels (c, labels, min_h);
    for (guint hf = 0; hf < nh; hf++)
      half_bracket (c, x, half_top[hf], half_bot[hf], labels[hf]);
    g_free (labels[0]);
    g_free (labels[1]);
  }
}

void
pw_vaspace_draw (PwCtx  *c,
                 double  x,
                 double  y,
                 double  w,
                 double  h)
{
  const PwPalette *pal = c->pal;
  guint n = pw_machine_n_processes (c->m);
  double title_w, title_y = y, legend_extra = 0;

  /* the overview's narrow column: the shorter title, not a cut one */
  {
    const char *titles[] = { _("Virtual address spaces"), _("Address spaces") };
    int k = pw_text_fit (c, PW_FONT_TITLE, &pal->fg, x, y, w, PW_ALIGN_LEFT, titles[0], titles[1], NULL);

    title_w = 0;
    if (k >= 0)
      pw_text_size (c, PW_FONT_TITLE, titles[k], &title_w, NULL);
  }
  legend_extra = pw_vaspace_legend (c, x, y + 22, w);
  /* below the legend (a second line when it wrapped) */
  y += 46 + legend_extra;
  h -= 46 + legend_extra;
  if (n == 0)
    {
      pw_text (c, PW_FONT_BODY, &pal->muted, _("No processes."), x, y, w, PW_ALIGN_LEFT);
      return;
    }
  pw_vaspace_columns (c, x, y, w, h, title_y, title_w, 140, MAX_COL_W, LONE_COL_W, COL_GAP, draw_column);
}

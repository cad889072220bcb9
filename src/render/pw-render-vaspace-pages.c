/* pw-render-vaspace-pages.c: the pages inside a block of the address-space
 * view: resident, on disk, copy-on-write, one mark per page or binned into
 * rows when pages are thinner than a line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-render"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "pw-render-private.h"

#define ROW_PX    2.0
/* lines of bytes in a page's row, zoomed in: a hex dump and what is left */
#define BYTE_LINES 4

double
pw_vaspace_page_row_h (PwCtx *c)
{
  if (!pw_detail_contents (c))
    return PW_DETAIL_ROW_H;
  return PW_DETAIL_ROW_H + BYTE_LINES * pw_detail_line_h (c) + 4;
}

static guint64
bsearch_pages (GPtrArray *pages,
               guint64    vpn)
{
  guint lo = 0, hi = pages->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      const PwPage *pg = pages->pdata[mid];
      if (pg->vpn < vpn)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Copy-on-write: pale stripes over the page (its frame is shared and
 * read-only until someone writes). */
void
pw_cow_mark (PwCtx  *c,
             double  x,
             double  y,
             double  w,
             double  h)
{
  pw_hatch (c, &c->pal->bg, 5, 1.6, x, y, w, h);
}

gboolean
pw_vaspace_any_cow (PwCtx *c)
{
  if (pw_total_pages (c) > PW_EXACT_PAGES)
    return FALSE;
  for (guint i = 0; i < pw_machine_n_processes (c->m); i++)
    {
      GHashTableIter it;
      gpointer v;
      g_hash_table_iter_init (&it, pw_machine_process (c->m, i)->pages);
      while (g_hash_table_iter_next (&it, NULL, &v))
        if (((const PwPage *) v)->cow)
          return TRUE;
    }
  return FALSE;
}

gboolean
pw_vaspace_any_shared (PwCtx *c)
{
  g_autoptr(GArray) used = NULL;

  if (pw_total_pages (c) > PW_EXACT_PAGES)
    return FALSE;
  used = pw_machine_used_frames (c->m);
  for (guint i = 0; i < used->len; i++)
    {
      const PwFrameInfo *fi = &g_array_index (used, PwFrameInfo, i);
      if (fi->use == PW_FRAME_DATA && fi->sharers > 1)
        return TRUE;
    }
  return FALSE;
}

static void
fill_pages (PwCtx           *c,
            const PwProcess *p,
            double           x,
            double           y,
            double           wr,
            double           wd,
            double           bw,
            double           h)
{
  if (wr > 0)
    {
      pw_rect (c, x, y, MIN (wr, bw), h);
      pw_fill_proc (c, p->pid, c->pal->print ? 0.75 : 0.9);
    }
  if (wd > 0)
    {
      PwRgb tint = pw_tint (c, &c->pal->disk, 0.22);
      double dx = x + MIN (wr, bw - wd);
      pw_fill_rect (c, &tint, dx, y, wd, h);
      pw_dots (c, &c->pal->disk, 5, dx, y, wd, h);
    }
}

/* Pages of the block [start, end) (end 0: 2^64): one rectangle each when a page is tall enough to see,
 * else binned into rows (row 0 = top = high addresses) and filled in
 * proportion.  Page labels go right of @label_right when they fit. */
static void block_pages (PwCtx *c, const PwProcess *p, GPtrArray *pages, guint64 start,
                         guint64 end, double bx, double by, double bw, double bh,
                         const PwBlockLabel *bl);

/* Outlines the page [va, va + psize) of the block in the highlight colour:
 * solid for the page accessed, dashed for another process's page that maps
 * the same frame. */
static void
outline_page (PwCtx   *c,
              guint64  va,
              guint64  psize,
              guint64  start,
              guint64  end,
              double   bx,
              double   by,
              double   bw,
              double   bh,
              gboolean same_frame)
{
  double span = (double) ((end - start) ? (end - start) : G_MAXUINT64);
  double y0, y1;

  y0 = by + bh * (1 - (double) (MIN (va + psize - start, end - start ? end - start : G_MAXUINT64)) / span);
  y1 = by + bh * (1 - (double) (MAX (va, start) - start) / span);
  if (y1 - y0 < 6)
    {
      double mid = (y0 + y1) / 2;
      y0 = mid - 3;
      y1 = mid + 3;
    }
  if (same_frame)
    {
      double dash[] = { 5, 3 };
      cairo_set_dash (c->cr, dash, G_N_ELEMENTS (dash), 0);
    }
  /* dark edges, so the highlight shows on a pale or yellowish process colour */
  pw_stroke_rect (c, c->pal->dark ? &c->pal->bg : &c->pal->fg, 4.5, bx - 2, y0 - 1, bw + 4,
                  y1 - y0 + 2);
  pw_stroke_rect (c, &c->pal->highlight, 2.5, bx - 2, y0 - 1, bw + 4, y1 - y0 + 2);
  cairo_set_dash (c->cr, NULL, 0, 0);
}

/* The page the walk drawn accesses, outlined where it lies in its block;
 * in the other processes, the pages that map the frame it reached. */
static void
mark_accessed_page (PwCtx           *c,
                    const PwProcess *p,
                    GPtrArray       *pages,
                    guint64          start,
                    guint64          end,
                    double           bx,
                    double           by,
                    double           bw,
                    double           bh)
{
  const PwWalk *w = c->walk;
  guint64 psize, va;

  if (w == NULL)
    return;
  if (p->pid != c->walk_pid)
    {
      const PwWalk *now = pw_anim_walk (c, NULL);
      guint shift = c->arch->page_shift;
      guint i;

      if (pages == NULL || now == NULL || now->fault != PW_FAULT_NONE)
        return;
      for (i = bsearch_pages (pages, start >> shift); i < pages->len; i++)
        {
          const PwPage *pg = pages->pdata[i];
          guint64 n = MAX (pg->size >> shift, 1);
          if (end != 0 && (pg->vpn << shift) >= end)
            break;
          if (pg->resident && now->frame >= pg->frame && now->frame < pg->frame + n)
            outline_page (c, pg->vpn << shift, pg->size ? pg->size : pw_arch_page_size (c->arch),
                          start, end, bx, by, bw, bh, TRUE);
        }
      return;
    }
  psize = w->page_size ? w->page_size : pw_arch_page_size (c->arch);
  va = w->va & ~(psize - 1);
  if (w->va < start || (end != 0 && w->va >= end))
    return;
  outline_page (c, va, psize, start, end, bx, by, bw, bh, FALSE);
}

/* Does another mapping share the frame of @pg (after a fork, a shared
 * library)? */
static gboolean
page_shared (PwCtx        *c,
             const PwPage *pg)
{
  const PwFrameInfo *fi;

  if (!pg->resident)
    return FALSE;
  fi = pw_machine_frame_info (c->m, pg->frame);
  return fi != NULL && fi->use == PW_FRAME_DATA && fi->sharers > 1;
}

void
pw_shared_mark (PwCtx  *c,
                double  x,
                double  y,
                double  h)
{
  /* two linked rings on a plate, from @x rightwards (PW_SHARED_MARK_W wide
   * at most) */
  double r = MIN (4, MAX (2, h / 2 - 1)), cy = y + h / 2;

  pw_round_rect (c, x + 1, cy - r - 1.5, 4 * r + 5, 2 * r + 3, r + 1);
  pw_set_rgb (c, &c->pal->bg);
  cairo_fill (c->cr);
  cairo_new_sub_path (c->cr);
  cairo_arc (c->cr, x + 3 + r, cy, r - 0.5, 0, 2 * G_PI);
  cairo_new_sub_path (c->cr);
  cairo_arc (c->cr, x + 3 + 2.6 * r, cy, r - 0.5, 0, 2 * G_PI);
  pw_set_rgb (c, &c->pal->fg);
  cairo_set_line_width (c->cr, 1.3);
  cairo_stroke (c->cr);
}

void
pw_vaspace_block_pages (PwCtx           *c,
                        const PwProcess *p,
                        GPtrArray       *pages,
                        guint64          start,
                        guint64          end,
                        double           bx,
                        double           by,
                        double           bw,
                        double           bh,
                        const PwBlockLabel *bl)
{
  block_pages (c, p, pages, start, end, bx, by, bw, bh, bl);
  mark_accessed_page (c, p, pages, start, end, bx, by, bw, bh);
}

/* One page in a block, from @y0 to @y1: filled (in memory or on disk),
 * striped when copy-on-write, and recorded for hit testing. */
static void
page_mark (PwCtx           *c,
           const PwProcess *p,
           const PwPage    *pg,
           double           bx,
           double           y0,
           double           bw,
           double           y1)
{
  PwHit *hit;

  fill_pages (c, p, bx, y0, pg->resident ? bw : 0, pg->resident ? 0 : bw, bw, y1 - y0);
  if (pg->cow)
    pw_cow_mark (c, bx, y0, bw, y1 - y0);
  if (page_shared (c, pg))
    pw_shared_mark (c, bx + bw - PW_SHARED_MARK_W - 1, y0, y1 - y0);
  hit = pw_hit_add (c, PW_HIT_PAGE, bx, y0, bw, y1 - y0);
  hit->pid = p->pid;
  hit->vpn = pg->vpn;
  hit->count = MAX (pg->size >> c->arch->page_shift, 1);
  hit->frame = pg->frame;
  hit->slot = pg->slot;
}

static char *page_label (PwCtx *c, const PwPage *pg, gboolean say_shared);

/* The longest label of @pg that fits in @room (the mark says "shared" when
 * the words do not fit; a narrow column gets only the frame or slot), or
 * NULL; its size in @tw, @th. */
static char *
page_label_fit (PwCtx        *c,
                const PwPage *pg,
                double        room,
                double       *tw,
                double       *th)
{
  for (int k = 0; k < 3; k++)
    {
      char *t;
      if (k < 2)
        t = page_label (c, pg, k == 0);
      else
        {
          /* a narrow column: where the page is, without its number */
          g_autofree char *fr = pw_fmt_hex (pg->frame);
          /* Translators: short page labels in narrow columns: a frame, a swap slot */
          t = pg->resident ? g_strdup_printf (_("→ frame %s"), fr)
                           : g_strdup_printf (_("disk slot %s"), PW_DEC (pg->slot));
        }
      pw_text_size (c, PW_FONT_MONO_SMALL, t, tw, th);
      if (*tw <= room)
        return t;
      g_free (t);
    }
  return NULL;
}

/* A page's label: where it is (frame, copy-on-write, shared, or swap slot). */
static char *
page_label (PwCtx        *c,
            const PwPage *pg,
            gboolean      say_shared)
{
  g_autofree char *vp = pw_fmt_hex (pg->vpn);
  g_autofree char *fr = pw_fmt_hex (pg->frame);

  if (!pg->resident)
    /* Translators: a virtual page, then its swap slot */
    return g_strdup_printf (_("page %s · disk slot %s"), vp, PW_DEC (pg->slot));
  if (say_shared && page_shared (c, pg))
    /* Translators: a virtual page, then its frame, which other processes map too */
    return g_strdup_printf (pg->cow ? _("page %s → frame %s · COW · shared")
                                    /* Translators: a page number, then a frame */
                                    : _("page %s → frame %s · shared"), vp, fr);
  return g_strdup_printf (pg->cow
                          /* Translators: a virtual page, then its frame */
                          ? _("page %s → frame %s · COW")
                          /* Translators: a virtual page, then its frame */
                          : _("page %s → frame %s"), vp, fr);
}

/* The bytes of a resident page, on a plate that keeps them readable over
 * the process's colour. */
static void
page_bytes (PwCtx           *c,
            const PwProcess *p,
            const PwPage    *pg,
            double           x,
            double           y,
            double           w,
            guint            lines)
{
  double lh = pw_detail_line_h (c);

  if (!pw_detail_hex_fits (c, pg->frame, w))
    return;
  if (!pw_detail_frame_known (c, pg->frame))
    lines = 1;   /* "contents not simulated" */
  /* opaque: the bytes keep the contrast of text on the background */
  pw_round_rect (c, x - 4, y - 2, w + 4, lines * lh + 3, 3);
  pw_set_rgb (c, &c->pal->bg);
  cairo_fill (c->cr);
  pw_detail_bytes (c, pg->frame, p->pid, pg->vpn, x, y, w, lines);
}

static void
block_pages (PwCtx           *c,
             const PwProcess *p,
             GPtrArray       *pages,
             guint64          start,
             guint64          end,
             double           bx,
             double           by,
             double           bw,
             double           bh,
             const PwBlockLabel *bl)
{
  const PwArch *a = c->arch;
  double label_right = bl->right;
  const PwPalette *pal = c->pal;
  double span = (double) ((end - start) ? (end - start) : G_MAXUINT64);
  /* units a page gets; its level looks at the device pixels */
  double page_px = bh * (double) pw_arch_page_size (a) / span;
  /* a page's label needs 15 units (pw-render-detail.c) */
  PwDetail level = pw_detail_level (c, page_px, 15);
  guint64 svpn = start >> a->page_shift;
  guint64 n_in_block = (end - start) ? (end - start) >> a->page_shift : G_MAXUINT64;
  guint i = pages ? bsearch_pages (pages, svpn) : 0;
  guint64 k = 0;
  const PwPage *prev = NULL;

  /* a big region with only a few pages in memory: each page gets a visible
   * mark (a sliver of a row would vanish) and, where there is room, a label */
  if (level == PW_DETAIL_AGGREGATE && pages != NULL)
    {
      guint j = i, few = 0;
      for (; j < pages->len && few <= 6; j++)
        {
          const PwPage *pg = pages->pdata[j];
          if (end != 0 && (pg->vpn << a->page_shift) >= end)
            break;
          if (pg->resident || pg->on_disk)
            few++;
        }
      if (few <= 6)
        {
          double last_label = -1e9;
          for (j = i; j < pages->len; j++)
            {
              const PwPage *pg = pages->pdata[j];
              guint64 va = pg->vpn << a->page_shift;
              double rel0, rel1, y0, y1, mid;

              if (end != 0 && va >= end)
                break;
              if (!pg->resident && !pg->on_disk)
                continue;
              rel0 = (double) (va - start);
              rel1 = rel0 + (double) pg->size;
              y0 = by + bh * (1 - rel1 / span);
              y1 = by + bh * (1 - rel0 / span);
              mid = (y0 + y1) / 2;
              if (y1 - y0 < 5)
                {
                  y0 = CLAMP (mid - 2.5, by, by + bh - 5);
                  y1 = y0 + 5;
                }
              page_mark (c, p, pg, bx, y0, bw, y1);
              /* a thin mark is all that shows the page: no label on it */
              if (y1 - y0 < 8)
                pw_check_mark (c, _("(mark of a page in a large region)"), bx, y0, bw, y1 - y0);
              if (bh >= 30 && fabs (mid - last_label) >= 15)
                {
                  double tw, th, ty, re = bx + bw - (page_shared (c, pg) ? PW_SHARED_MARK_W + 2 : 0);
                  double lh = pw_detail_line_h (c);
                  g_autofree char *t = page_label_fit (c, pg, re - 10 - label_right, &tw, &th);
                  /* a large page zoomed in to its bytes: the label on top, the bytes below */
                  guint lines = pw_detail_contents (c) && pg->resident
                                && y1 - y0 >= PW_DETAIL_ROW_H + 2 * lh
                                ? MIN (BYTE_LINES, (guint) ((y1 - y0 - PW_DETAIL_ROW_H - 2) / lh)) : 0;
                  if (lines > 0)
                    {
                      double by0 = y0 + PW_DETAIL_ROW_H, by1 = by0 + lines * lh;
                      double left = by1 > bl->top && by0 < bl->bottom ? label_right + 16 : bx + 10;
                      page_bytes (c, p, pg, left, by0, re - 5 - left, lines);
                    }
                  if (t != NULL)
                    {
                      ty = lines > 0 ? y0 + 3 : CLAMP (mid - th / 2, by + 1, by + bh - th - 1);
                      /* the page accessed is outlined about its mark (6
                       * pixels at least, 4.5 wide): a thin one's label goes
                       * above the outline, or below it, never on its edges */
                      if (lines == 0 && c->walk != NULL && p->pid == c->walk_pid && c->walk->va >= va
                          && c->walk->va - va < MAX (pg->size, pw_arch_page_size (a))
                          && y1 - y0 < th + 8)
                        {
                          double o0 = MIN (y0, mid - 3) - 4, o1 = MAX (y1, mid + 3) + 4;

                          if (o0 - th >= by + 1)
                            ty = o0 - th;
                          else if (o1 + th <= by + bh - 1)
                            ty = o1;
                        }
                      else if (lines == 0 && y1 - y0 < 8)
                        {
                          /* any other thin mark (the same page in another
                           * process's column): the label beside it, above
                           * or below, never over the only sign of the page */
                          if (y0 - 2 - th >= by + 1)
                            ty = y0 - 2 - th;
                          else if (y1 + 2 + th <= by + bh - 1)
                            ty = y1 + 2;
                        }
                      pw_round_rect (c, re - tw - 8, ty, tw + 6, th, 3);
                      pw_set_rgba (c, &pal->bg, 0.92);
                      cairo_fill (c->cr);
                      pw_text (c, PW_FONT_MONO_SMALL, &pal->fg, t, re - 5, ty, -1, PW_ALIGN_RIGHT);
                      last_label = mid;
                    }
                }
            }
          return;
        }
    }

  if (level != PW_DETAIL_AGGREGATE)
    {
      /* few pages in view: visit each (by lookup when there is no sorted list) */
      for (;; i++, k++)
        {
          const PwPage *pg;
          guint64 va;
          if (pages)
            {
              if (i >= pages->len)
                break;
              pg = pages->pdata[i];
            }
          else
            {
              if (k >= n_in_block)
                break;
              pg = pw_page_lookup (c, p, svpn + k);
              if (pg == NULL || pg == prev)
                continue;
              prev = pg;
            }
          va = pg->vpn << a->page_shift;
          double rel0, rel1, y0, y1;

          if (end != 0 && va >= end)
            break;
          if (!pg->resident && !pg->on_disk)
            continue;
          rel0 = (double) (va - start);
          rel1 = rel0 + (double) pg->size;
          y0 = by + bh * (1 - rel1 / span);
          y1 = by + bh * (1 - rel0 / span);
          page_mark (c, p, pg, bx, y0, bw, y1);
          if (y1 - y0 >= 6)
            {
              cairo_move_to (c->cr, bx, y0);
              cairo_line_to (c->cr, bx + bw, y0);
              pw_set_rgb (c, &pal->bg);
              cairo_set_line_width (c->cr, 1);
              cairo_stroke (c->cr);
            }
          if (y1 - y0 >= 15)
            {
              double tw, th, re = bx + bw - (page_shared (c, pg) ? PW_SHARED_MARK_W + 2 : 0);
              double lh = pw_detail_line_h (c);
              /* zoomed in to the bytes: the label on top, the bytes below, both
               * below the block's label when the page's row begins beside it */
              double top = level == PW_DETAIL_CONTENTS && y0 < bl->bottom && y0 + PW_DETAIL_ROW_H > bl->top
                           && y1 - bl->bottom >= PW_DETAIL_ROW_H + lh + 2 ? bl->bottom : y0;
              guint lines = level == PW_DETAIL_CONTENTS && pg->resident
                            ? (guint) MAX (0, (y1 - top - PW_DETAIL_ROW_H - 2) / lh) : 0;
              /* a label on top clears the block's label only where that lies */
              double lr = lines == 0 || (top < bl->bottom && top + PW_DETAIL_ROW_H > bl->top)
                          ? label_right : bx;
              g_autofree char *t = page_label_fit (c, pg, re - 10 - lr, &tw, &th);
              if (t != NULL)
                {
                  double ty = lines > 0 ? top + 3 : (y0 + y1) / 2 - th / 2;
                  pw_round_rect (c, re - tw - 8, ty, tw + 6, th, 3);
                  pw_set_rgba (c, &pal->bg, 0.88);
                  cairo_fill (c->cr);
                  pw_text (c, PW_FONT_MONO_SMALL, &pal->fg, t, re - 5, ty, -1, PW_ALIGN_RIGHT);
                }
              if (lines > 0)
                {
                  /* beside the block's label where it lies, else the width of the block */
                  double by0 = top + PW_DETAIL_ROW_H, by1 = by0 + MIN (lines, BYTE_LINES) * lh;
                  double left = by1 > bl->top && by0 < bl->bottom ? label_right + 16 : bx + 10;
                  page_bytes (c, p, pg, left, by0, re - 5 - left, MIN (lines, BYTE_LINES));
                }
            }
        }
      return;
    }

  {
    guint nrows = MAX (1, (guint) (bh / ROW_PX));
    double row_bytes = span / nrows, rh = bh / nrows;
    g_autofree double *res = g_new0 (double, nrows);
    g_autofree double *disk = g_new0 (double, nrows);
    g_autofree guint64 *first = g_new0 (guint64, nrows);
    g_autofree guint *count = g_new0 (guint, nrows);
    gboolean any = FALSE;
    guint r = 0;

    if (pages == NULL)
      {
        /* a large machine: sample each row at a few pages */
        const guint S = 8;
        for (guint row = 0; row < nrows; row++)
          {
            double rs = span - (row + 1) * row_bytes;
            for (guint j = 0; j < S; j++)
              {
                guint64 va = start + (guint64) (rs + row_bytes * (j + 0.5) / S);
                const PwPage *pg = pw_page_lookup (c, p, va >> a->page_shift);
                if (pg == NULL || (!pg->resident && !pg->on_disk))
                  continue;
                if (pg->resident)
                  res[row] += row_bytes / S;
                else
                  disk[row] += row_bytes / S;
                if (count[row] == 0)
                  first[row] = va >> a->page_shift;
                count[row]++;
                any = TRUE;
              }
          }
        i = G_MAXUINT;
      }
    for (; pages && i < pages->len; i++)
      {
        const PwPage *pg = pages->pdata[i];
        guint64 va = pg->vpn << a->page_shift;
        double rel0, rel1;
        guint r0, r1;

        if (end != 0 && va >= end)
          break;
        if (!pg->resident && !pg->on_disk)
          continue;
        rel0 = (double) (va - start);
        rel1 = rel0 + (double) pg->size;
        r0 = (guint) MIN (nrows - 1, (span - rel1) / row_bytes);
        r1 = (guint) MIN (nrows - 1, (span - rel0) / row_bytes);
        for (guint q = r0; q <= r1; q++)
          {
            double rs = span - (q + 1) * row_bytes, re = span - q * row_bytes;
            double ov = MIN (re, rel1) - MAX (rs, rel0);
            if (ov <= 0)
              continue;
            if (pg->resident)
              res[q] += ov;
            else
              disk[q] += ov;
            if (count[q] == 0)
              first[q] = pg->vpn;
            count[q]++;
            any = TRUE;
          }
      }
    if (!any)
      return;

    /* runs of rows that look the same are one rectangle (no seams) */
    while (r < nrows)
      {
        double wr = res[r] > 0 ? MAX (3, bw * MIN (res[r] / row_bytes, 1)) : 0;
        double wd = disk[r] > 0 ? MAX (3, bw * MIN (disk[r] / row_bytes, 1)) : 0;
        guint e = r + 1;
        guint64 n = count[r];
        PwHit *hit;

        while (e < nrows)
          {
            double wr2 = res[e] > 0 ? MAX (3, bw * MIN (res[e] / row_bytes, 1)) : 0;
            double wd2 = disk[e] > 0 ? MAX (3, bw * MIN (disk[e] / row_bytes, 1)) : 0;
            if (fabs (wr2 - wr) > 0.5 || fabs (wd2 - wd) > 0.5)
              break;
            n += count[e];
            e++;
          }
        if (n > 0)
          {
            fill_pages (c, p, bx, by + r * rh, wr, wd, bw, (e - r) * rh);
            hit = pw_hit_add (c, PW_HIT_PAGE, bx, by + r * rh, bw, (e - r) * rh);
            hit->pid = p->pid;
            hit->vpn = first[e - 1];
            hit->count = n;
          }
        r = e;
      }
  }
}

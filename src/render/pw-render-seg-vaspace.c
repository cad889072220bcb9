/* pw-render-seg-vaspace.c: the virtual address spaces and the segment
 * registers (the pagetable view) of machines without pages
 *
 * Each virtual space shows its segments, their limits and which way they
 * grow; the registers list every process's base and limit per segment.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-render"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "pw-render-private.h"

/* ---- virtual address spaces ---------------------------------------------------------- */

#define VA_HEADER_H 44.0
#define VA_COL_GAP  18.0
#define VA_MIN_COL  150.0
#define VA_MAX_COL  460.0

double
pw_seg_vaspace_measure (PwCtx  *c,
                        double  w)
{
  guint parts = pw_seg_n_parts (c->arch);

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
  guint parts = pw_seg_n_parts (a), ob = pw_seg_off_bits (a);
  double S = ldexp (1.0, (int) ob);
  guint64 Sm1 = pw_mask (ob);
  guint nseg = p->segments ? p->segments->len : 0;
  double total_w = 0, avail = h - VA_HEADER_H, cy, gut;
  const PwWalk *walk = c->walk && c->walk_pid == p->pid ? pw_anim_walk (c, NULL) : NULL;
  guint va_bits = a->va_bits;

  /* header */
  {
    /* Translators: a pid, then the process's name */
    g_autofree char *t1 = g_strdup_printf (_("pid %u · %s"), p->pid, p->name ? p->name : _("process"));
    g_autofree char *t2 = NULL;
    g_autofree char *t2b = NULL;
    const PwSegment *s0 = pw_seg_of_process (p, 0);

    if (a->kind == PW_ARCH_BASE_BOUNDS && s0 != NULL)
      {
        g_autofree char *b = pw_fmt_addr (s0->base, a->pa_bits);
        g_autofree char *l = pw_fmt_size (s0->limit);
        g_autofree char *lh = pw_hex (s0->limit);
        /* Translators: the base, the limit, then the limit as a size */
        t2 = g_strdup_printf (_("base %s · limit %s (%s)"), b, lh, l);
        t2b = g_strdup_printf (_("base %s · limit %s"), b, l);
      }
    else
      {
        g_autofree char *ss = pw_fmt_size ((guint64) 1 << MIN (ob, 63));
        /* Translators: the number of segments, then the largest size of one */
        t2 = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u segment of up to %s",
                                           "%u segments of up to %s each", nseg), nseg, ss);
        t2b = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u segment", "%u segments", nseg), nseg);
      }
    pw_seg_swatch (c, p->pid, x, y + 2, 14);
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
    total_w += part_weight (pw_seg_of_process (p, (int) i));

  /* from the top (high addresses) down */
  cy = y + VA_HEADER_H;
  for (guint k = parts; k > 0; k--)
    {
      guint i = k - 1;
      const PwSegment *s = pw_seg_of_process (p, (int) i);
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
              /* Translators: the segment's number, then its range of addresses */
              ? g_strdup_printf (_("segment %u not defined · %s"), i, is)
              : g_strdup_printf (_("invalid · %s"), is);
            pw_seg_hole_fill (c, bx, iy, bw, ih);
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
            /* Translators: the segment's number, then the direction it grows */
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
              /* Translators: the first and last physical addresses */
              l3 = g_strdup_printf (_("→ physical %s–%s"), a0, a1);
            }
          pw_seg_fill (c, p->pid, bx, vy, bw, vh);
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
                pw_text (c, PW_FONT_SMALL, pw_proc_text_colour (c, p->pid), lt, bx + bw - 4,
                         s->grows_down ? ly2 + 2 : ly2 - th - 2, bw - 8, PW_ALIGN_RIGHT);
            }
          lines = vh >= 3 * th + 10 ? 3 : vh >= 2 * th + 6 ? 2 : vh >= th ? 1 : 0;
          ly = vy + (vh - lines * (th + 1)) / 2;
          if (lines >= 1)
            pw_text_fit (c, PW_FONT_BOLD, &pal->fg, bx + 6, ly - 1, bw - 12, PW_ALIGN_LEFT, l1, dir, NULL);
          /* narrow columns: the range whole without its size, the physical
           * range without its word, rather than cut numbers */
          if (lines >= 2)
            {
              g_autofree char *range = g_strdup_printf ("%s–%s", lo, hi);

              pw_text_fit (c, PW_FONT_MONO_SMALL, &pal->fg, bx + 6, ly + th + 2, bw - 12, PW_ALIGN_LEFT,
                           l2, range, lo, NULL);
            }
          if (lines >= 3 && l3)
            {
              g_autofree char *a0 = pw_fmt_addr (plo, a->pa_bits);
              g_autofree char *a1 = pw_fmt_addr (phi - 1, a->pa_bits);
              g_autofree char *l3s = g_strdup_printf ("→ %s–%s", a0, a1);
              g_autofree char *l3t = g_strdup_printf ("→ %s", a0);

              pw_text_fit (c, PW_FONT_MONO_SMALL, &pal->muted, bx + 6, ly + 2 * th + 4, bw - 12,
                           PW_ALIGN_LEFT, l3, l3s, l3t, NULL);
            }
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
    pw_seg_swatch (c, pid, lx, ly + 2, 12);
    lx += 16 + pw_text (c, PW_FONT_SMALL, &pal->muted, _("segment (valid)"), lx + 16, ly, -1, PW_ALIGN_LEFT) + 12;
    if (lx + 130 < x + w)
      {
        pw_stroke_rect (c, &pal->grid, 1, lx, ly + 2, 12, 12);
        pw_seg_hole_fill (c, lx, ly + 2, 12, 12);
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
  pw_vaspace_columns (c, x, y, w, h, y - 46, tw, VA_MIN_COL, VA_MAX_COL, VA_MAX_COL, VA_COL_GAP, va_column);
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
          const PwSegment *s = pw_seg_of_process (p, (int) k);
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
              /* Translators: a pid, then the process's name */
              g_autofree char *t = g_strdup_printf (_("pid %u %s"), p->pid, pw_seg_proc_name (p));
              pw_seg_swatch (c, p->pid, cols[0] + 6, yy + 4, 11);
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

/* pw-render-seg-walk.c: the walk view of machines without pages, the OSTEP
 * figure: the address split into segment and offset, the segment's base and
 * limit registers, the check of the offset against the limit, base + offset
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-render"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "pw-render-private.h"

/* ---- the walk: the OSTEP figure ----------------------------------------------------------- */

#define W_ROW_H   22.0
#define W_CHECK_H 70.0
#define W_ADD_H   58.0
#define W_GAP     34.0

double
pw_seg_walk_body_height (PwCtx *c)
{
  guint parts = pw_seg_n_parts (c->arch);
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
  guint parts = pw_seg_n_parts (a), ob = pw_seg_off_bits (a);
  guint nseg = p && p->segments ? p->segments->len : 0;
  double reg_w = MIN (360, w * 0.40), reg_x = x, reg_y = y + 30;
  double mid_x = x + reg_w + 64, mid_w = MIN (360, x + w - mid_x - (c->compact ? 0 : 150));
  double chk_y = reg_y, add_y = chk_y + W_CHECK_H + W_GAP;
  double pr = walk->fault != PW_FAULT_NONE ? pw_anim_progress (c, PW_PH_FAULT, -1, FALSE)
                                           : pw_anim_progress (c, PW_PH_FINAL, 0, FALSE);
  const PwRgb *segc = &pal->field[0];
  PwSegCheck k;
  double sel_y = -1, rows_y;
  guint first = 0, shown;
  g_autofree char *ohex = NULL;
  g_autofree char *lhex = NULL;
  g_autofree char *bhex = NULL;
  gboolean pushed;

  pw_seg_check (c, walk, &k);
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
            const PwSegment *s = pw_seg_of_process (p, (int) i);
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
            /* Translators: the first and last segments shown, then their number */
            g_autofree char *t = g_strdup_printf (_("segments %u–%u of %u"), first, first + shown - 1, parts);
            pw_text (c, PW_FONT_SMALL, &pal->muted, t, reg_x, reg_y + th + 3, reg_w, PW_ALIGN_LEFT);
          }
      }
    else
      {
        const PwSegment *s = pw_seg_of_process (p, 0);
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
          /* Translators: the segment size, the offset, the difference */
          pre = g_strdup_printf (_("grows down: size − offset = %s − %s = %s"), S, ohex, ft);
          pre_s = g_strdup_printf ("%s − %s = %s", S, ohex, ft);
          if (k.check_ok)
            /* Translators: a size minus an offset, then the segment's limit */
            test = g_strdup_printf (_("%s ≤ limit %s"), ft, lhex);
          else
            /* Translators: a size minus an offset, then the segment's limit */
            test = g_strdup_printf (_("%s > limit %s"), ft, lhex);
        }
      else
        test = k.check_ok
               /* Translators: the offset, then the segment's limit */
               ? g_strdup_printf (_("offset %s < limit %s"), ohex, lhex)
               /* Translators: the offset, then the segment's limit */
               : g_strdup_printf (_("offset %s ≥ limit %s"), ohex, lhex);
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

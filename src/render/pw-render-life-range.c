/* pw-render-life-range.c: a reserve, commit, decommit or free, drawn where
 * the walk is
 *
 * The range as two bars, before and after the step, from the kernel's
 * record of it (PwStepRecord.before and .after): each piece, a region cut to
 * the range or the free space between, in proportion, labelled as room
 * allows; the addresses of the range under the second bar; the pages,
 * frames and entries below (pw-render-life-text.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-render"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pw-render-private.h"

#define BAR_H 34.0

double
pw_life_range_height (PwCtx  *c,
                      double  w)
{
  g_autofree char *line = pw_life_range_line (c);
  g_autofree char *tlb = c->life->tlb && c->life->tlb_dropped ? pw_life_tlb_line (c) : NULL;
  char *lines[] = { line, tlb, NULL };

  return 2 * (BAR_H + 26) + 22 + pw_life_lines_height (c, lines, w);
}

/* One bar of the range: its pieces in proportion (none narrower than
 * 48 pixels while the bar holds them), each labelled as room allows. */
static void
range_bar (PwCtx               *c,
           const PwRegionPiece *pieces,
           guint                n,
           guint                total,
           double               x,
           double               y,
           double               w,
           gboolean             addresses)
{
  const PwPalette *pal = c->pal;
  const PwStepRecord *r = c->life;
  double ww[PW_STEP_MAX_PIECES], min_w = MIN (48, w / MAX (n, 1)), extra = 0, wide = 0, px = x;
  double last_label = -1e9;
  guint64 span = 0;

  for (guint i = 0; i < n; i++)
    span += pieces[i].size;
  for (guint i = 0; i < n; i++)
    {
      ww[i] = span ? w * ((double) pieces[i].size / span) : w / n;
      if (ww[i] < min_w)
        extra += min_w - ww[i];
      else
        wide += ww[i];
    }
  /* the room the narrow pieces need comes from the wide ones */
  for (guint i = 0; i < n; i++)
    ww[i] = ww[i] < min_w ? min_w : ww[i] - (wide > 0 ? extra * ww[i] / wide : 0);

  for (guint i = 0; i < n; i++)
    {
      const PwRegionPiece *pc = &pieces[i];
      const PwRgb *proc = pw_proc_colour (c, r->pid);
      g_autofree char *size = pw_fmt_size (pc->size);
      char prot[4];
      g_autofree char *l1 = NULL, *l2 = NULL;
      const char *word = pw_life_state_word (pc->state);
      PwHit *hit;

      pw_prot_string (pc->prot, prot);
      if (pc->state == PW_REGION_COMMITTED)
        {
          PwRgb fill = pw_tint (c, proc, 0.3);
          pw_fill_rect (c, &fill, px, y, ww[i], BAR_H);
        }
      else
        pw_fill_rect (c, &pal->bg, px, y, ww[i], BAR_H);
      if (pc->state == PW_REGION_RESERVED)
        pw_hatch (c, proc, 8, 1.2, px, y, ww[i], BAR_H);
      pw_stroke_rect (c, pc->state == PW_REGION_FREE ? &pal->grid : proc, 1.5, px, y, ww[i], BAR_H);
      /* Translators: a region's state, its protection, its size */
      l1 = pc->state == PW_REGION_FREE ? g_strdup_printf ("%s · %s", word, size)
                                      /* Translators: a label of a range drawn before or after a step: its name, its size, then its state */
                                      : g_strdup_printf (_("%s %s · %s"), word, prot, size);
      l2 = pc->state == PW_REGION_FREE ? g_strdup (word) : g_strdup_printf ("%s %s", word, prot);
      {
        double tw;
        int k;
        /* a plate under the label where hatching would cross it */
        const char *alts[] = { l1, l2, word, prot };
        for (k = 0; k < 4; k++)
          {
            pw_text_size (c, PW_FONT_SMALL, alts[k], &tw, NULL);
            if (tw <= ww[i] - 10)
              break;
          }
        if (k < 4)
          {
            if (pc->state == PW_REGION_RESERVED)
              pw_fill_rect (c, &pal->bg, px + ww[i] / 2 - tw / 2 - 3, y + BAR_H / 2 - 8, tw + 6, 16);
            pw_text (c, PW_FONT_SMALL, pc->state == PW_REGION_FREE ? &pal->muted : &pal->fg, alts[k],
                     px + ww[i] / 2, y + BAR_H / 2 - 7, -1, PW_ALIGN_CENTER);
          }
        else
          pw_check_dropped (c, l1, px, y, ww[i]);
      }
      hit = pw_hit_add (c, pc->state == PW_REGION_FREE ? PW_HIT_GAP : PW_HIT_REGION, px, y, ww[i], BAR_H);
      hit->pid = r->pid;
      hit->start = pc->start;
      hit->size = pc->size;
      if (addresses)
        {
          g_autofree char *a = pw_fmt_addr (pc->start, c->arch->va_bits);
          double aw;
          pw_text_size (c, PW_FONT_MONO_SMALL, a, &aw, NULL);
          if (i == 0)
            {
              pw_text (c, PW_FONT_MONO_SMALL, &pal->muted, a, px, y + BAR_H + 3, -1, PW_ALIGN_LEFT);
              last_label = px + aw;
            }
          else if (px - aw / 2 >= last_label + 8 && px + aw / 2 <= x + w)
            {
              pw_text (c, PW_FONT_MONO_SMALL, &pal->muted, a, px, y + BAR_H + 3, -1, PW_ALIGN_CENTER);
              last_label = px + aw / 2;
            }
        }
      px += ww[i];
    }
  if (addresses && n > 0)
    {
      /* the end of the range, right-aligned */
      const PwRegionPiece *e = &pieces[n - 1];
      g_autofree char *a = pw_fmt_addr (e->start + (e->size - 1), c->arch->va_bits);
      double aw;
      pw_text_size (c, PW_FONT_MONO_SMALL, a, &aw, NULL);
      if (x + w - aw >= last_label + 8)
        pw_text (c, PW_FONT_MONO_SMALL, &pal->muted, a, x + w, y + BAR_H + 3, -1, PW_ALIGN_RIGHT);
    }
  if (total > n)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "(+%s more piece)", "(+%s more pieces)",
                                                            (gulong) MIN (total - n, 1000000)),
                                               PW_DEC (total - n));
      pw_text (c, PW_FONT_SMALL, &pal->muted, more, x + w, y - 16, -1, PW_ALIGN_RIGHT);
    }
}

void
pw_life_range_draw (PwCtx  *c,
                    double  x,
                    double  y,
                    double  w,
                    double  h,
                    double  p)
{
  const PwPalette *pal = c->pal;
  const PwStepRecord *r = c->life;
  g_autofree char *line = pw_life_range_line (c);
  g_autofree char *tlb = r->tlb && r->tlb_dropped ? pw_life_tlb_line (c) : NULL;
  char *lines[] = { line, tlb, NULL };
  double lab_w = 64, bx = x + lab_w, bw = w - lab_w;
  double y1 = y + 4, y2 = y1 + BAR_H + 26 + 22;

  pw_text (c, PW_FONT_BOLD, &pal->muted, _("before"), x, y1 + BAR_H / 2 - 8, lab_w - 8, PW_ALIGN_LEFT);
  range_bar (c, r->before, MIN (r->n_before, PW_STEP_MAX_PIECES), r->n_before, bx, y1, bw, FALSE);
  pw_arrow (c, &pal->fg, 2, bx + bw / 2, y1 + BAR_H + 4, bx + bw / 2, y2 - 6, TRUE, MAX (p, 0.01));
  {
    gboolean pushed = pw_fade_begin (c, p, x - 2, y2 - 4, w + 4, BAR_H + 26);
    pw_text (c, PW_FONT_BOLD, &pal->fg, _("after"), x, y2 + BAR_H / 2 - 8, lab_w - 8, PW_ALIGN_LEFT);
    range_bar (c, r->after, MIN (r->n_after, PW_STEP_MAX_PIECES), r->n_after, bx, y2, bw, TRUE);
    pw_fade_end (c, pushed, p);
  }
  pw_life_draw_lines (c, lines, x, y2 + BAR_H + 26, w);
  (void) h;
}

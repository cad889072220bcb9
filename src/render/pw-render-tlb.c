/* pw-render-tlb.c: the TLB, its entries in sets and ways
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-render"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "pw-render-private.h"

/* ---- TLB -------------------------------------------------------------------------- */

static guint
tlb_ways (PwCtx *c)
{
  const PwMachineConfig *cfg = pw_machine_config (c->m);
  guint n = pw_machine_tlb_size (c->m);
  guint ways = cfg->tlb_ways ? cfg->tlb_ways : 1;

  return MAX (1, MIN (ways, MAX (n, 1)));
}

/* Ways per line of the drawing: a wide set wraps so each entry keeps room
 * for its tag in text. */
#define TLB_MIN_CELL 150.0
#define TLB_ROW_H    40.0

static guint
tlb_per_line (guint  ways,
              double w)
{
  guint fit = MAX (1, (guint) ((w - 70) / TLB_MIN_CELL));
  guint lines = (ways + fit - 1) / fit;

  /* balanced lines: 8 ways in 2 lines of 4, not 7 + 1 */
  return (ways + lines - 1) / lines;
}

double
pw_tlb_measure (PwCtx  *c,
                double  w)
{
  guint n = pw_machine_tlb_size (c->m);
  guint ways = tlb_ways (c), per = tlb_per_line (ways, w);
  guint lines = (ways + per - 1) / per;

  if (n == 0)
    return 60;
  return 52 + MIN ((n / ways) * lines, 32) * TLB_ROW_H + 8;
}

void
pw_tlb_draw (PwCtx  *c,
             double  x,
             double  y,
             double  w,
             double  h)
{
  const PwPalette *pal = c->pal;
  const PwArch *a = c->arch;
  const PwMachineConfig *cfg = pw_machine_config (c->m);
  guint n = pw_machine_tlb_size (c->m);
  guint ways = tlb_ways (c), sets = n / ways, shown;
  guint per = tlb_per_line (ways, w), lines = (ways + per - 1) / per;
  double row_h, cw, gx = x + 70, gy = y + 48;
  const PwStats *st = pw_machine_stats (c->m);
  const char *tag = cfg->tlb_asid ? _("ASID") : _("pid");

  {
    const char *pol = cfg->tlb_policy == PW_TLB_LRU ? "LRU" : cfg->tlb_policy == PW_TLB_FIFO ? "FIFO" : _("random");
    g_autofree char *t = NULL;
    g_autofree char *hits = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s hit", "%s hits", st->tlb_hits),
                                             PW_DEC (st->tlb_hits));
    g_autofree char *misses = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s miss", "%s misses", st->tlb_misses),
                                               PW_DEC (st->tlb_misses));
    /* TRANSLATORS: "2 hits · 1 miss" */
    g_autofree char *s = g_strdup_printf (_("%s · %s"), hits, misses);
    double tw;

    if (n == 0)
      t = g_strdup (_("TLB"));
    else if (ways == n && n > 1)
      /* Translators: the number of entries, then the replacement policy (lru...) */
      t = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "TLB · %u entry, fully associative, %s",
                                   "TLB · %u entries, fully associative, %s", n), n, pol);
    else if (ways == 1)
      t = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "TLB · %u entry, direct-mapped", "TLB · %u entries, direct-mapped", n), n);
    else
      /* Translators: the number of entries, the ways of a set, then the replacement policy (lru...) */
      t = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "TLB · %u entry, %u-way set associative, %s",
                                   "TLB · %u entries, %u-way set associative, %s", n), n, ways, pol);
    tw = pw_text (c, PW_FONT_TITLE, &pal->fg, t, x, y, w, PW_ALIGN_LEFT);
    if (n)
      pw_text (c, PW_FONT_SMALL, &pal->muted, s, x + tw + 12, y + 3, w - tw - 12, PW_ALIGN_LEFT);
  }
  if (n == 0 || sets == 0)
    {
      pw_text (c, PW_FONT_BODY, &pal->muted,
               a->kind == PW_ARCH_PAGED ? _("No TLB in this scenario: every access walks the page table.")
                                        : _("No TLB: this machine translates with registers, not tables."),
               x, y + 26, w, PW_ALIGN_LEFT);
      return;
    }
  {
    g_autofree char *legend = cfg->tlb_asid
      ? g_strdup (_("each entry: tag (ASID · page) → frame · #1 = most recently used · tagged by address space, kept across switches"))
      : g_strdup (_("each entry: tag (pid · page) → frame · #1 = most recently used · flushed at a context switch"));
    g_autofree char *legend_s = g_strdup (_("tag (pid · page) → frame · #1 = most recent"));
    pw_text_fit (c, PW_FONT_SMALL, &pal->muted, x, y + 22, w, PW_ALIGN_LEFT, legend, legend_s, NULL);
  }

  row_h = MIN (TLB_ROW_H, (h - 48) / (sets * lines));
  row_h = MAX (row_h, 18);
  shown = MIN (sets, (guint) ((h - 48) / (row_h * lines)));
  cw = (w - 70) / per;

  for (guint s = 0; s < shown; s++)
    {
      double sy = gy + s * row_h * lines;
      char lbl[24];
      guint rank[64];

      if (sets > 1)
        g_snprintf (lbl, sizeof lbl, _("set %u"), s);
      else
        g_strlcpy (lbl, _("entries"), sizeof lbl);
      pw_text (c, PW_FONT_SMALL, &pal->muted, lbl, gx - 8, sy + (row_h - 14) / 2, 62, PW_ALIGN_RIGHT);

      /* recency rank within the set */
      for (guint wy = 0; wy < ways && wy < G_N_ELEMENTS (rank); wy++)
        {
          const PwTlbEntry *e = pw_machine_tlb_entry (c->m, s * ways + wy);
          rank[wy] = 1;
          for (guint o = 0; o < ways; o++)
            {
              const PwTlbEntry *f = pw_machine_tlb_entry (c->m, s * ways + o);
              if (o != wy && f->valid && e->valid && f->stamp > e->stamp)
                rank[wy]++;
            }
        }

      for (guint wy = 0; wy < ways; wy++)
        {
          const PwTlbEntry *e = pw_machine_tlb_entry (c->m, s * ways + wy);
          double cx = gx + (wy % per) * cw, ry = sy + (wy / per) * row_h;
          gboolean current = FALSE;
          PwHit *hit;

          if (e->valid && c->ev != NULL && e->size > 0
              && (e->pid == c->ev->pid || !cfg->tlb_asid))
            current = e->vpn == c->ev->va / e->size;
          if (e->valid)
            {
              PwRgb tint = pw_tint (c, pw_proc_colour (c, e->pid), 0.22);
              g_autofree char *page = pw_fmt_hex (e->vpn * (e->size >> a->page_shift));
              g_autofree char *frame = pw_fmt_hex (e->frame);
              g_autofree char *t = g_strdup_printf ("%s %u · %s → %s", tag, e->pid, page, frame);
              /* Translators: “pid” or “ASID”, its number, a virtual page */
              g_autofree char *l1 = g_strdup_printf (_("%s %u · page %s"), tag, e->pid, page);
              g_autofree char *l1s = g_strdup_printf ("%s %u · %s", tag, e->pid, page);
              g_autofree char *l1t = g_strdup_printf ("%u · %s", e->pid, page);
              g_autofree char *l2 = g_strdup_printf (_("→ frame %s"), frame);
              g_autofree char *l2s = g_strdup_printf ("→ %s", frame);
              double tw = cw - 44;
              char rk[8];

              pw_fill_rect (c, &tint, cx + 2, ry + 2, cw - 4, row_h - 4);
              pw_fill_rect (c, pw_proc_colour (c, e->pid), cx + 2, ry + 2, 4, row_h - 4);
              if (ways <= 64)
                {
                  g_snprintf (rk, sizeof rk, "#%u", rank[MIN (wy, 63)]);
                  pw_text (c, PW_FONT_SMALL, &pal->muted, rk, cx + cw - 6, ry + (row_h >= 34 ? 4 : (row_h - 14) / 2),
                           -1, PW_ALIGN_RIGHT);
                }
              if (row_h >= 34)
                {
                  /* two lines: the tag, then the frame */
                  pw_text_fit (c, PW_FONT_MONO_SMALL, &pal->fg, cx + 10, ry + 4, tw, PW_ALIGN_LEFT,
                               l1, l1s, l1t, NULL);
                  pw_text_fit (c, PW_FONT_MONO_SMALL, &pal->fg, cx + 10, ry + 20, cw - 16, PW_ALIGN_LEFT,
                               l2, l2s, NULL);
                }
              else if (pw_text_fit (c, PW_FONT_MONO_SMALL, &pal->fg, cx + 10, ry + (row_h - 14) / 2, tw,
                                    PW_ALIGN_LEFT, t, l1t, NULL) < 0)
                pw_text (c, PW_FONT_MONO_SMALL, &pal->fg, l1t, cx + 10, ry + (row_h - 14) / 2, tw,
                         PW_ALIGN_LEFT);
            }
          else
            pw_text (c, PW_FONT_SMALL, &pal->muted, _("empty"), cx + 10, ry + (row_h - 14) / 2, cw - 20,
                     PW_ALIGN_LEFT);
          pw_stroke_rect (c, current ? &pal->offset : &pal->grid, current ? 3 : 1, cx + 2, ry + 2,
                          cw - 4, row_h - 4);
          hit = pw_hit_add (c, PW_HIT_TLB_ENTRY, cx + 2, ry + 2, cw - 4, row_h - 4);
          hit->index = s * ways + wy;
          if (e->valid)
            {
              hit->pid = e->pid;
              hit->vpn = e->vpn * (e->size >> a->page_shift);
              hit->frame = e->frame;
            }
        }
    }
  if (shown < sets)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "… %u more set", "… %u more sets", sets - shown),
                                                   sets - shown);
      pw_text (c, PW_FONT_SMALL, &pal->muted, more, gx, gy + shown * row_h * lines, w - 70, PW_ALIGN_LEFT);
    }
}

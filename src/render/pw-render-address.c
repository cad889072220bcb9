/* pw-render-address.c: the address as a bar of bits grouped into fields
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-render"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "pw-render-private.h"

#define SIGN_W    84.0
#define BITNUM_H  15.0
#define BAR_H     28.0
#define LABEL_H   36.0
#define BITNUM_PAD 4.0   /* a bit number's room from a boundary between fields */

typedef struct
{
  char    name[32];
  guint   hi, lo;
  guint64 value;
  PwRgb   colour;
  gboolean offset;
} BarField;

/* The fields as drawn: levels past a large page's leaf join the offset. */
static guint
bar_fields (PwCtx    *c,
            const PwWalk *w,
            gboolean  physical,
            BarField *out)
{
  const PwArch *a = c->arch;
  guint n = 0, off_bits = a->page_shift;
  gboolean ok = w != NULL && w->fault == PW_FAULT_NONE;

  if (a->kind != PW_ARCH_PAGED)
    off_bits = 0;   /* the offset field is what the split says, never a page's */
  else if (ok && w->page_size > 0)
    off_bits = pw_log2 (w->page_size);

  if (physical)
    {
      guint64 pa = ok ? w->pa : 0;
      if (a->kind != PW_ARCH_PAGED)
        {
          out[n++] = (BarField) { "", a->pa_bits - 1, 0, pa, c->pal->offset, TRUE };
          g_strlcpy (out[0].name, _("physical address"), sizeof out[0].name);
          return n;
        }
      out[n] = (BarField) { "", a->pa_bits - 1, off_bits, pw_bits (pa, a->pa_bits - 1, off_bits),
                            c->pal->fg, FALSE };
      if (off_bits > a->page_shift)
        {
          g_autofree char *size = pw_fmt_size ((guint64) 1 << off_bits);
          g_snprintf (out[n].name, sizeof out[n].name, _("%s page number"), size);
        }
      else
        g_strlcpy (out[n].name, _("frame number"), sizeof out[n].name);
      n++;
      out[n] = (BarField) { "", off_bits - 1, 0, pw_bits (pa, off_bits - 1, 0), c->pal->offset, TRUE };
      g_strlcpy (out[n].name, _("offset"), sizeof out[n].name);
      n++;
      return n;
    }

  {
    PwWalk split;
    const PwWalk *s = w;

    if (s == NULL || s->n_fields == 0)
      {
        pw_mmu_split (a, w ? w->va : 0, &split);
        s = &split;
      }
    for (guint i = 0; i < s->n_fields; i++)
      {
        const PwField *f = &s->fields[i];
        gboolean is_off = g_strcmp0 (f->name, "offset") == 0 || f->hi < off_bits;

        if (is_off && f->lo < off_bits)
          {
            /* the offset, widened for a large page */
            out[n] = (BarField) { "", off_bits - 1, 0,
                                  pw_bits (s->va, off_bits - 1, 0), c->pal->offset, TRUE };
            g_strlcpy (out[n].name, _("offset"), sizeof out[n].name);
            n++;
            break;
          }
        out[n] = (BarField) { "", f->hi, f->lo, f->value,
                              c->pal->field[MIN (i, PW_MAX_LEVELS - 1)], FALSE };
        g_strlcpy (out[n].name, f->name, sizeof out[n].name);
        if (a->kind != PW_ARCH_PAGED && g_strcmp0 (f->name, "offset") == 0)
          {
            out[n].colour = c->pal->offset;
            out[n].offset = TRUE;
          }
        n++;
      }
  }
  return n;
}

static guint
total_bits (PwCtx *c)
{
  return MAX (c->arch->va_bits, c->arch->pa_bits);
}

double
pw_address_bar (PwCtx    *c,
                double    x,
                double    y,
                double    w,
                gboolean  physical,
                double   *field_x,
                double   *field_w,
                double   *bar_bottom)
{
  const PwArch *a = c->arch;
  const PwPalette *pal = c->pal;
  BarField f[PW_MAX_LEVELS + 2];
  guint n, nbits = total_bits (c);
  double left = x + (a->canonical ? SIGN_W : 0);
  double bw = (x + w - left) / nbits;
  double by = y + BITNUM_H;
  const PwWalk *walk = c->walk ? pw_anim_walk (c, NULL) : NULL;
  gboolean has_value = walk != NULL && (!physical || walk->fault == PW_FAULT_NONE);

  n = bar_fields (c, walk, physical, f);

  /* sign extension of canonical addresses */
  if (a->canonical && !physical)
    {
      guint64 upper = walk ? walk->va >> a->va_bits : 0;
      g_autofree char *txt = NULL;
      g_autofree char *range = g_strdup_printf ("63–%u", a->va_bits);

      pw_fill_rect (c, &pal->panel, x, by, SIGN_W - 6, BAR_H);
      pw_stroke_rect (c, &pal->line, 1, x, by, SIGN_W - 6, BAR_H);
      pw_text (c, PW_FONT_MONO_SMALL, &pal->muted, range, x + 2, y, SIGN_W - 8, PW_ALIGN_LEFT);
      txt = has_value ? pw_fmt_addr (upper, 64 - a->va_bits) : g_strdup ("");
      pw_text (c, PW_FONT_MONO_SMALL, &pal->fg, txt, x + (SIGN_W - 6) / 2, by + 7, SIGN_W - 10,
               PW_ALIGN_CENTER);
      pw_text (c, PW_FONT_SMALL, &pal->muted, _("sign ext."), x + (SIGN_W - 6) / 2, by + BAR_H + 4,
               SIGN_W - 6, PW_ALIGN_CENTER);
    }

  for (guint i = 0; i < n; i++)
    {
      double fx = left + (nbits - 1 - f[i].hi) * bw;
      double fw = (f[i].hi - f[i].lo + 1) * bw;
      PwRgb fill = pw_tint (c, &f[i].colour, pal->print ? 0.12 : 0.2);
      char num[8];
      g_autofree char *val = NULL;
      g_autofree char *dec = NULL;
      g_autofree char *long_label = NULL;
      const PwRgb *label_col = &f[i].colour;
      PwHit *hit;

      if (physical && !f[i].offset)
        fill = pw_tint (c, &pal->fg, 0.08);
      pw_fill_rect (c, &fill, fx, by, fw, BAR_H);

      /* bits */
      for (guint b = f[i].lo; b <= f[i].hi; b++)
        {
          double bx = left + (nbits - 1 - b) * bw;
          if (b != f[i].hi)
            {
              cairo_move_to (c->cr, bx + bw, by + (b % 4 == 3 ? 0 : BAR_H * 0.55));
              cairo_line_to (c->cr, bx + bw, by + BAR_H);
            }
          if (has_value && bw >= 13 && !c->compact && !c->o->hide_bits)
            {
              guint64 v = physical ? walk->pa : walk->va;
              pw_draw_bit (c, (v >> b) & 1, bx + bw / 2, by + 7);
            }
        }
      pw_set_rgba (c, &pal->line, 0.6);
      cairo_set_line_width (c->cr, 0.6);
      cairo_stroke (c->cr);
      pw_stroke_rect (c, &f[i].colour, 2, fx, by, fw, BAR_H);

      /* bit numbers above the boundaries: where two fields meet, each
       * number keeps BITNUM_PAD from the line, so "39" and "38" never run
       * together into "3938" */
      {
        double pl = i > 0 ? BITNUM_PAD : 1, pr = i + 1 < n ? BITNUM_PAD : 1;

        g_snprintf (num, sizeof num, "%u", f[i].hi);
        pw_text (c, PW_FONT_MONO_SMALL, &pal->muted, num, fx + pl, y, fw / 2 - pl, PW_ALIGN_LEFT);
        if (f[i].lo != f[i].hi)
          {
            g_snprintf (num, sizeof num, "%u", f[i].lo);
            pw_text (c, PW_FONT_MONO_SMALL, &pal->muted, num, fx + fw - pr, y, fw / 2 - pr,
                     PW_ALIGN_RIGHT);
          }
      }

      /* label: name and value */
      {
        guint width = f[i].hi - f[i].lo + 1;
        g_autofree char *bits_txt = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u bit", "%u bits", width), width);
        const char *name = f[i].name;

        if (!f[i].offset && !physical && c->arch->kind == PW_ARCH_PAGED)
          /* Translators: a level's name (PD, PT...), then its bits (“bits 31–22”) */
          long_label = g_strdup_printf (_("%s index · %s"), name, bits_txt);
        else
          long_label = g_strdup_printf ("%s · %s", name, bits_txt);
        pw_text_fit (c, PW_FONT_BOLD, label_col, fx + fw / 2, by + BAR_H + 3, fw - 10,
                     PW_ALIGN_CENTER, long_label, name, NULL);
        if (has_value)
          {
            val = pw_fmt_addr (f[i].value, width);
            /* in decimal, the value is written once */
            dec = c->o->base == PW_BASE_HEX ? g_strdup_printf ("%s = %" G_GUINT64_FORMAT, val, f[i].value)
                                 : g_strdup (val);
            pw_text_fit (c, PW_FONT_MONO, &pal->fg, fx + fw / 2, by + BAR_H + 19, fw - 10,
                         PW_ALIGN_CENTER, (!f[i].offset && !physical) ? dec : val, val, NULL);
          }
      }

      if (field_x)
        field_x[i] = fx;
      if (field_w)
        field_w[i] = fw;
      hit = pw_hit_add (c, PW_HIT_FIELD, fx, by, fw, BAR_H + LABEL_H);
      hit->index = i;
      hit->level = i;
      hit->pid = c->walk_pid;
    }
  if (field_x)
    field_x[n] = -1;
  if (bar_bottom)
    *bar_bottom = by + BAR_H;
  return BITNUM_H + BAR_H + LABEL_H;
}

/* A label, an address @bits wide and @rest after it, on one line; returns
 * its height. */
static double
title_line (PwCtx      *c,
            const char *label,
            guint64     value,
            guint       bits,
            const char *rest,
            double      x,
            double      y,
            double      w,
            const PwRgb *col)
{
  g_autofree char *addr = pw_fmt_addr (value, bits);
  double lw, aw;

  lw = pw_text (c, PW_FONT_TITLE, &c->pal->fg, label, x, y + 2, w, PW_ALIGN_LEFT);
  aw = pw_text (c, PW_FONT_MONO_BIG, col, addr, x + lw + 8, y, w - lw - 8, PW_ALIGN_LEFT);
  if (rest)
    pw_text (c, PW_FONT_BODY, &c->pal->muted, rest, x + lw + aw + 16, y + 3,
             w - lw - aw - 16, PW_ALIGN_LEFT);
  return 26;
}

double
pw_address_measure (PwCtx  *c,
                    double  w)
{
  return 26 + 8 + BITNUM_H + BAR_H + LABEL_H + 44 + 26 + 8 + BITNUM_H + BAR_H + LABEL_H;
}

/* What the paged and the segmented address views share: the virtual
 * address above, the physical address's place below. */
typedef struct
{
  const PwWalk *walk;
  double        fx[PW_MAX_LEVELS + 3], fw[PW_MAX_LEVELS + 3];   /* the fields */
  guint         nf;
  double        bottom;   /* below the virtual address's labels */
  double        y2;       /* top of the physical address */
} AddrFrame;

/* Draws the virtual address and, when the walk faulted, why there is no
 * physical address.  TRUE when the physical address is left to draw. */
static gboolean
address_head (PwCtx     *c,
              double     x,
              double     y,
              double     w,
              AddrFrame *f)
{
  const PwPalette *pal = c->pal;
  const PwArch *a = c->arch;
  gboolean in_retry = FALSE;
  const PwWalk *walk = c->walk ? pw_anim_walk (c, &in_retry) : NULL;
  g_autofree char *who = NULL;

  memset (f, 0, sizeof *f);
  if (walk == NULL)
    {
      title_line (c, _("Virtual address"), 0, a->va_bits, NULL, x, y, w, &pal->muted);
      pw_address_bar (c, x, y + 34, w, FALSE, f->fx, f->fw, &f->bottom);
      pw_text (c, PW_FONT_BODY, &pal->muted,
               _("No address translated: step to an access, or translate an address, to see its fields and the physical address."),
               x, f->bottom + LABEL_H + 14, w, PW_ALIGN_LEFT);
      return FALSE;
    }
  f->walk = walk;

  {
    const PwProcess *p = pw_machine_lookup (c->m, c->walk_pid);
    /* Translators: the pid, then “ “NAME”” or nothing (three pieces), then the access
     * (read, write, exec) */
    who = g_strdup_printf (_("process %u%s%s%s, %s"), c->walk_pid,
                           p && p->name ? " “" : "", p && p->name ? p->name : "",
                           p && p->name ? "”" : "", pw_access_word (walk->access));
  }
  title_line (c, _("Virtual address"), walk->va, a->va_bits, who, x, y, w, &pal->fg);
  pw_address_bar (c, x, y + 34, w, FALSE, f->fx, f->fw, &f->bottom);
  while (f->nf < PW_MAX_LEVELS + 2 && f->fx[f->nf] >= 0)
    f->nf++;

  f->y2 = f->bottom + LABEL_H + 44;
  if (walk->fault != PW_FAULT_NONE)
    {
      g_autofree char *msg = pw_walk_fault_message (a, walk);
      g_autofree char *head = g_strdup_printf (_("⚠ No physical address: %s fault"),
                                               pw_fault_kind_name (walk->fault));
      PwRgb fill = pw_tint (c, &pal->warn, 0.12);

      pw_round_rect (c, x, f->y2, w, 52, 6);
      pw_set_rgb (c, &fill);
      cairo_fill_preserve (c->cr);
      pw_set_rgb (c, &pal->warn);
      cairo_set_line_width (c->cr, 2);
      cairo_stroke (c->cr);
      pw_text (c, PW_FONT_BOLD, &pal->warn, head, x + 10, f->y2 + 6, w - 20, PW_ALIGN_LEFT);
      pw_text (c, PW_FONT_BODY, &pal->fg, msg, x + 10, f->y2 + 27, w - 20, PW_ALIGN_LEFT);
      return FALSE;
    }
  return TRUE;
}

/* Paged machines: the frame number from the table, the offset carried down. */
void
pw_address_draw (PwCtx  *c,
                 double  x,
                 double  y,
                 double  w,
                 double  h)
{
  const PwPalette *pal = c->pal;
  const PwArch *a = c->arch;
  AddrFrame f;
  const PwWalk *walk;
  double pfx[4], pfw[4], pb;

  if (!address_head (c, x, y, w, &f))
    return;
  walk = f.walk;
  {
    g_autofree char *frame = pw_fmt_hex (walk->frame);
    g_autofree char *size = pw_fmt_size (walk->page_size);
    /* Translators: a frame, then the page size (4 KiB...) */
    g_autofree char *rest = g_strdup_printf (_("frame %s of a %s page, the same offset"), frame, size);
    g_autofree char *lbl = g_strdup_printf (_("frame %s from the page table"), frame);
    double ox = f.fx[f.nf - 1] + f.fw[f.nf - 1] / 2;
    double from = f.bottom + LABEL_H + 2, to = f.y2 + BITNUM_H - 2;
    double fnx, lw;

    pw_address_bar (c, x, f.y2, w, TRUE, pfx, pfw, &pb);
    {
      /* narrow: the frame alone after the title, never a cut number */
      g_autofree char *frame_only = g_strdup_printf (_("frame %s"), frame);
      g_autofree char *addr = pw_fmt_addr (walk->pa, a->pa_bits);
      double lw0, aw0;

      pw_text_size (c, PW_FONT_TITLE, _("Physical address"), &lw0, NULL);
      pw_text_size (c, PW_FONT_MONO_BIG, addr, &aw0, NULL);
      title_line (c, _("Physical address"), walk->pa, a->pa_bits, NULL, x, pb + LABEL_H + 8, w, &pal->fg);
      pw_text_fit (c, PW_FONT_BODY, &pal->muted, x + lw0 + aw0 + 16, pb + LABEL_H + 11,
                   w - lw0 - aw0 - 16, PW_ALIGN_LEFT, rest, frame_only, NULL);
    }

    /* the offset carried straight down, the frame number from the table
     * (their words left out where there is no room) */
    fnx = pfx[0] + pfw[0] / 2;
    pw_arrow (c, &pal->offset, 2.5, ox, from, ox, to, TRUE, 1);
    pw_text_fit (c, PW_FONT_SMALL, &pal->offset, ox + 8, from + 6, x + w - ox - 8, PW_ALIGN_LEFT,
                 _("carried down"), NULL);
    pw_arrow (c, &pal->fg, 1.6, fnx, from + 8, fnx, to, TRUE, 1);
    pw_text_size (c, PW_FONT_SMALL, lbl, &lw, NULL);
    {
      g_autofree char *frame_only = g_strdup_printf (_("frame %s"), frame);

      pw_text_fit (c, PW_FONT_SMALL, &pal->muted, fnx + 8, from + 6, MAX (ox - fnx - 24, 0),
                   PW_ALIGN_LEFT, lbl, frame_only, NULL);
    }
  }
}

/* Base and bounds, segments: no offset is carried, the base is added to it. */
void
pw_seg_address_draw (PwCtx  *c,
                     double  x,
                     double  y,
                     double  w,
                     double  h)
{
  const PwPalette *pal = c->pal;
  const PwArch *a = c->arch;
  AddrFrame f;
  const PwWalk *walk;
  double pfx[4], pfw[4], pb;

  if (!address_head (c, x, y, w, &f))
    return;
  walk = f.walk;
  {
    g_autofree char *formula = pw_seg_formula (c, walk);
    double ox = f.fx[f.nf - 1] + f.fw[f.nf - 1] / 2;
    double from = f.bottom + LABEL_H + 2, to = f.y2 + BITNUM_H - 2;

    pw_address_bar (c, x, f.y2, w, TRUE, pfx, pfw, &pb);
    title_line (c, _("Physical address"), walk->pa, a->pa_bits, formula, x, pb + LABEL_H + 8, w,
                &pal->fg);
    pw_arrow (c, &pal->offset, 2.5, ox, from, ox, to, TRUE, 1);
    pw_text (c, PW_FONT_SMALL, &pal->offset, formula, ox + 8, from + 6, MAX (x + w - ox - 12, 0),
             PW_ALIGN_LEFT);
  }
}

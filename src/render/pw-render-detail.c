/* pw-render-detail.c: semantic zoom: how much of a page or frame is shown,
 * from the device pixels it gets, and the innermost level: a frame's
 * entries (a page table's, decoded) or its bytes (a hex dump of what the
 * simulated physical memory holds for it)
 *
 * The levels are chosen here, from PwCtx.px (device pixels per unit: the
 * caller's scale, the app's zoom, the text scale), so that an export at
 * --scale 4 shows what the app shows at 400 %.  Only frames with known
 * contents are read (pw_physmem_byte() and pw_physmem_read() never expand
 * the sparse memory), and never more lines than are drawn.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-render"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pw-render-private.h"

/* A page or frame is a mark of its own from this many device pixels (below
 * it marks are binned into rows or cells that stand for many). */
#define PAGE_PX      4.0
/* A labelled page row (PW_DETAIL_ROW_H units) shows its contents from this
 * many device pixels: 200 % in the app, --scale 2 in an export. */
#define CONTENTS_PX  40.0

PwDetail
pw_detail_level (PwCtx  *c,
                 double  units,
                 double  label_units)
{
  double px = units * c->px;

  if (px < PAGE_PX)
    return PW_DETAIL_AGGREGATE;
  if (units < label_units)
    return PW_DETAIL_PAGES;
  if (PW_DETAIL_ROW_H * c->px < CONTENTS_PX)
    return PW_DETAIL_LABELS;
  return PW_DETAIL_CONTENTS;
}

double
pw_detail_page_units (PwCtx *c)
{
  return PAGE_PX / c->px;
}

gboolean
pw_detail_contents (PwCtx *c)
{
  return PW_DETAIL_ROW_H * c->px >= CONTENTS_PX;
}

double
pw_detail_min_cell (PwCtx  *c,
                    double  units)
{
  /* past 200 % the cells may shrink in units: their size on the screen
   * stays at least what it is at 200 % */
  return c->px > 2 ? MAX (units * 2 / c->px, 3) : units;
}

double
pw_detail_line_h (PwCtx *c)
{
  return pw_font_height (c, PW_FONT_MONO_SMALL) + 1;
}

/* Bytes a hex line shows in @w: 16, 8 or 4 (0: not even 4). */
static guint
bytes_per_line (PwCtx  *c,
                double  w)
{
  static const guint choices[] = { 16, 8, 4 };
  double cw;

  pw_text_size (c, PW_FONT_MONO_SMALL, "0", &cw, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
    /* "+000  " then "xx " a byte and the byte as a character */
    if ((6 + choices[i] * 4) * cw <= w)
      return choices[i];
  return 0;
}

gboolean
pw_detail_hex_fits (PwCtx   *c,
                    guint64  frame,
                    double   w)
{
  double tw;

  if (pw_detail_frame_known (c, frame))
    return bytes_per_line (c, w) > 0;
  pw_text_size (c, PW_FONT_SMALL, _("not simulated"), &tw, NULL);
  return tw <= w;
}

gboolean
pw_detail_frame_known (PwCtx   *c,
                       guint64  frame)
{
  return pw_physmem_frame_held (pw_machine_physmem (c->m), frame) > 0;
}

/* One hex line: "+010  48 65 6c …  Hello, w"; a hit for each byte. */
static void
hex_line (PwCtx       *c,
          PwPhysMem   *mem,
          guint64      frame,
          guint64      offset,
          guint        n,
          guint        pid,
          guint64      vpn,
          double       x,
          double       y)
{
  const PwPalette *pal = c->pal;
  guint64 base = frame << c->arch->page_shift;
  char chars[17];
  char off[24];
  double cw, lh = pw_font_height (c, PW_FONT_MONO_SMALL), bx;

  pw_text_size (c, PW_FONT_MONO_SMALL, "0", &cw, NULL);
  g_snprintf (off, sizeof off, "+%03" G_GINT64_MODIFIER "x", offset);
  pw_text (c, PW_FONT_MONO_SMALL, &pal->muted, off, x, y, -1, PW_ALIGN_LEFT);
  bx = x + 6 * cw;
  for (guint i = 0; i < n; i++)
    {
      int b = pw_physmem_byte (mem, base + offset + i);
      char hx[4];
      PwHit *hit;

      b = b < 0 ? 0 : b;
      g_snprintf (hx, sizeof hx, "%02x", b);
      chars[i] = b >= 0x20 && b < 0x7f ? (char) b : '.';
      pw_text (c, PW_FONT_MONO_SMALL, b ? &pal->fg : &pal->muted, hx, bx + i * 3 * cw, y, -1,
               PW_ALIGN_LEFT);
      hit = pw_hit_add (c, PW_HIT_BYTE, bx + i * 3 * cw - cw / 2, y, 3 * cw, lh);
      hit->frame = frame;
      hit->count = 1;
      hit->index = offset + i;
      hit->entry = (guint64) b;
      hit->pid = pid;
      hit->vpn = vpn;
    }
  chars[n] = '\0';
  pw_text (c, PW_FONT_MONO_SMALL, &pal->muted, chars, bx + n * 3 * cw + cw, y, -1, PW_ALIGN_LEFT);
}

guint
pw_detail_bytes (PwCtx   *c,
                 guint64  frame,
                 guint    pid,
                 guint64  vpn,
                 double   x,
                 double   y,
                 double   w,
                 guint    max_lines)
{
  PwPhysMem *mem = pw_machine_physmem (c->m);
  guint64 page = pw_arch_page_size (c->arch);
  guint per = bytes_per_line (c, w), lines;
  double lh = pw_detail_line_h (c);

  if (max_lines == 0)
    return 0;
  if (!pw_detail_frame_known (c, frame))
    return pw_text_fit (c, PW_FONT_SMALL, &c->pal->muted, x, y, w, PW_ALIGN_LEFT,
                        _("contents not simulated"), _("not simulated"), NULL) >= 0 ? 1 : 0;
  if (per == 0)
    return 0;
  /* the last line says how much is left out */
  lines = MIN (max_lines > 1 ? max_lines - 1 : 1, (guint) (page / per));
  for (guint i = 0; i < lines; i++)
    hex_line (c, mem, frame, (guint64) i * per, per, pid, vpn, x, y + i * lh);
  if (max_lines > 1 && page > (guint64) lines * per)
    {
      guint64 rest = page - (guint64) lines * per;
      g_autofree char *t = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "… %s more byte", "… %s more bytes",
                                                         rest), PW_DEC (rest));
      pw_text (c, PW_FONT_SMALL, &c->pal->muted, t, x, y + lines * lh, w, PW_ALIGN_LEFT);
      lines++;
    }
  return lines;
}

guint
pw_detail_entries_lines (PwCtx   *c,
                         guint64  frame,
                         guint64  count,
                         guint    level,
                         guint    max_lines)
{
  const PwArch *a = c->arch;
  PwPhysMem *mem = pw_machine_physmem (c->m);
  guint eb = a->pte_bytes ? a->pte_bytes : 8;
  guint64 per_frame = pw_arch_page_size (a) / eb, present = 0;

  if (max_lines == 0)
    return 0;
  /* as pw_detail_entries() reads them, stopping once the lines are full */
  for (guint64 f = frame; f < frame + count && present < max_lines; f++)
    {
      gsize held = pw_physmem_frame_held (mem, f);
      guint64 n = MIN ((guint64) (held + eb - 1) / eb, per_frame);

      for (guint64 i = 0; i < n && present < max_lines; i++)
        {
          guint64 e = pw_physmem_read (mem, (f << a->page_shift) + i * eb, eb, NULL);
          if (e != 0 && pw_arch_entry_present (a, level, e))
            present++;
        }
    }
  /* no entry: one line says so; more than fit: the last line counts them */
  return (guint) MAX (present, 1);
}

/* One entry's line: "2: 0x00109007 P R/W U/S → 0x109", narrower without
 * the flags, then without the value; a hit. */
static void
entry_line (PwCtx   *c,
            guint64  frame,
            guint    level,
            guint64  index,
            guint64  e,
            double   x,
            double   y,
            double   w)
{
  const PwArch *a = c->arch;
  guint eb = a->pte_bytes ? a->pte_bytes : 8;
  PwFlags fl = pw_arch_decode_flags (a, level, e);
  g_autofree char *val = pw_fmt_addr (e, eb * 8);
  g_autofree char *flags = pw_flags_short (a, level, e, fl);
  g_autofree char *to = pw_fmt_hex (pw_arch_entry_frame (a, level, e));
  /* Translators: a page-table entry zoomed in: its index, its value, its flags,
   * the frame it leads to */
  g_autofree char *t = g_strdup_printf (_("%s: %s %s → %s"), PW_DEC (index), val, flags, to);
  g_autofree char *t2 = g_strdup_printf ("%s: %s → %s", PW_DEC (index), val, to);
  g_autofree char *t3 = g_strdup_printf ("%s → %s", PW_DEC (index), to);
  PwHit *hit;

  pw_text_fit (c, PW_FONT_MONO_SMALL, &c->pal->fg, x, y, w, PW_ALIGN_LEFT, t, t2, t3, NULL);
  hit = pw_hit_add (c, PW_HIT_ENTRY, x, y, w, pw_detail_line_h (c));
  hit->frame = frame;
  hit->count = 1;
  hit->level = level;
  hit->index = index;
  hit->entry = e;
}

guint
pw_detail_entries (PwCtx   *c,
                   guint64  frame,
                   guint64  count,
                   guint    level,
                   double   x,
                   double   y,
                   double   w,
                   guint    max_lines)
{
  const PwArch *a = c->arch;
  PwPhysMem *mem = pw_machine_physmem (c->m);
  guint eb = a->pte_bytes ? a->pte_bytes : 8;
  guint64 per_frame = pw_arch_page_size (a) / eb;
  guint drawn = 0;
  guint64 rest = 0, last_index = 0, last_e = 0;
  double lh = pw_detail_line_h (c);

  if (max_lines == 0)
    return 0;
  /* only the bytes memory holds: a table's unknown frames have no entries;
   * the last line is an entry when it is the last one, else a count */
  for (guint64 f = frame; f < frame + count; f++)
    {
      gsize held = pw_physmem_frame_held (mem, f);
      guint64 n = MIN ((guint64) (held + eb - 1) / eb, per_frame);

      for (guint64 i = 0; i < n; i++)
        {
          guint64 e = pw_physmem_read (mem, (f << a->page_shift) + i * eb, eb, NULL);

          if (e == 0 || !pw_arch_entry_present (a, level, e))
            continue;
          if (drawn + 1 < max_lines)
            {
              entry_line (c, frame, level, (f - frame) * per_frame + i, e, x, y + drawn * lh, w);
              drawn++;
            }
          else if (rest++ == 0)
            {
              last_index = (f - frame) * per_frame + i;
              last_e = e;
            }
        }
    }
  if (drawn == 0 && rest == 0)
    {
      if (pw_detail_frame_known (c, frame))
        return pw_text_fit (c, PW_FONT_SMALL, &c->pal->muted, x, y, w, PW_ALIGN_LEFT,
                            _("no entry present"), NULL) >= 0 ? 1 : 0;
      return pw_text_fit (c, PW_FONT_SMALL, &c->pal->muted, x, y, w, PW_ALIGN_LEFT,
                          _("contents not simulated"), _("not simulated"), NULL) >= 0 ? 1 : 0;
    }
  if (rest == 1)
    entry_line (c, frame, level, last_index, last_e, x, y + drawn * lh, w);
  else if (rest > 1)
    {
      g_autofree char *t = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "… %s more entry present",
                                                         "… %s more entries present", rest), PW_DEC (rest));
      pw_text (c, PW_FONT_SMALL, &c->pal->muted, t, x, y + drawn * lh, w, PW_ALIGN_LEFT);
    }
  return drawn + (rest > 0 ? 1 : 0);
}

/* pw-render-walk-table.c: one table of the walk view, and the names of an
 * entry's flags
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-render"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pw-render-private.h"

#define HEAD_H    PW_WALK_HEAD_H
#define BAND_H    PW_WALK_BAND_H

/* ---- entry decoding ------------------------------------------------------------ */

/* The manual's names of the flags set in @flags, as the entry format names
 * its bits (pw_arch_bit_fields()): "P R/W U A" on x86, "V R W X U A D" on
 * RISC-V.  Flags no single bit stands for are left out. */
char *
pw_flags_short (const PwArch *a,
                guint         level,
                guint64       entry,
                PwFlags       flags)
{
  GString *s = g_string_new (NULL);
  PwBitField bf[PW_MAX_BIT_FIELDS];
  guint n = pw_arch_bit_fields (a, level, entry, bf);
  PwFlags seen = 0;

  for (guint i = 0; i < n; i++)
    if (bf[i].flag != 0 && (flags & bf[i].flag) && !(seen & bf[i].flag))
      {
        seen |= bf[i].flag;
        if (s->len)
          g_string_append_c (s, ' ');
        g_string_append (s, bf[i].name);
      }
  if (s->len == 0)
    g_string_append (s, "–");
  return g_string_free (s, FALSE);
}


/* The entry as the table holds it now, the value the page-table listing
 * shows: the walk's own read, or that read with the accessed and dirty bits
 * the walk set (then @set_by_walk names them, "A D"). */
static guint64
shown_entry (PwCtx            *c,
             const PwWalkStep *s,
             char            **set_by_walk)
{
  const PwArch *a = c->arch;
  gboolean known = FALSE;
  guint64 now = pw_physmem_read (pw_machine_physmem (c->m), s->entry_pa, a->pte_bytes, &known);
  guint64 ad = pw_arch_accessed_mask (a) | pw_arch_dirty_mask (a);
  guint64 diff = now ^ s->entry;
  PwBitField bf[PW_MAX_BIT_FIELDS];
  GString *names;
  guint n;

  *set_by_walk = NULL;
  /* only bits set, and only the accessed and dirty ones: anything else is
   * the kernel's later work, and the walk's read is what it saw */
  if (!known || !s->known || diff == 0 || (diff & ~ad) != 0 || (now & diff) != diff)
    return s->entry;
  names = g_string_new (NULL);
  n = pw_arch_bit_fields (a, s->depth, now, bf);
  for (guint i = 0; i < n; i++)
    {
      guint64 mask = (bf[i].hi - bf[i].lo + 1 >= 64 ? G_MAXUINT64
                      : (G_GUINT64_CONSTANT (1) << (bf[i].hi - bf[i].lo + 1)) - 1) << bf[i].lo;
      if (bf[i].flag != 0 && (diff & mask) != 0)
        {
          if (names->len)
            g_string_append_c (names, ' ');
          g_string_append (names, bf[i].name);
        }
    }
  if (names->len == 0)
    {
      g_string_free (names, TRUE);
      return s->entry;
    }
  *set_by_walk = g_string_free (names, FALSE);
  return now;
}

void
pw_walk_table (PwCtx            *c,
               const PwWalk     *w,
               guint             i,
               gboolean          retry,
               const PwBox      *b,
            double            p_index,
            double            p_entry,
            double           *band_y)
{
  const PwPalette *pal = c->pal;
  const PwArch *a = c->arch;
  const PwWalkStep *s = &w->steps[i];
  guint64 entries = pw_arch_table_entries (a, s->depth);
  double by = b->y + 4 + (b->h - BAND_H - 8) * (entries > 1 ? (double) s->index / (entries - 1) : 0);
  gboolean faulted = w->fault != PW_FAULT_NONE && w->fault_depth == (int) s->depth;
  const PwRgb *fc = &pal->field[MIN (s->depth, PW_MAX_LEVELS - 1)];
  g_autofree char *taddr = pw_fmt_addr (s->table, a->pa_bits);
  g_autofree char *head = g_strdup_printf (_("%s table"), s->name);
  g_autofree char *at = g_strdup_printf ("@ %s", taddr);
  char idx[32];
  PwHit *hit;

  /* header and rectangle (narrow columns: the level's name alone, or nothing
   * rather than text over the next column) */
  pw_text_fit (c, PW_FONT_BOLD, &pal->fg, b->x, b->y - HEAD_H, b->w - 6, PW_ALIGN_LEFT,
               head, s->name, NULL);
  /* the table's address whole or not at all (the root register and the
   * arrow into the table say where it is) */
  pw_text_fit (c, PW_FONT_MONO_SMALL, &pal->muted, b->x, b->y - HEAD_H + 17, b->w - 6,
               PW_ALIGN_LEFT, at, taddr, NULL);
  {
    PwRgb fill = pw_tint (c, &pal->table, pal->dark ? 0.25 : 0.06);
    pw_fill_rect (c, &fill, b->x, b->y, b->w, b->h);
    /* faint rows: a table is a column of entries */
    pw_set_rgba (c, &pal->grid, 0.9);
    cairo_set_line_width (c->cr, 1);
    for (double yy = b->y + 12; yy < b->y + b->h; yy += 12)
      {
        cairo_move_to (c->cr, b->x, yy);
        cairo_line_to (c->cr, b->x + b->w, yy);
      }
    cairo_stroke (c->cr);
    pw_stroke_rect (c, &pal->table, 1.5, b->x, b->y, b->w, b->h);
  }
  /* first and last index along the edge, unless the selected one is there */
  if (!c->compact && (by - b->y > 30 || p_index <= 0))
    pw_text (c, PW_FONT_MONO_SMALL, &pal->muted, "0", b->x + b->w + 4, b->y + 2, -1, PW_ALIGN_LEFT);
  g_snprintf (idx, sizeof idx, "%" G_GUINT64_FORMAT, entries - 1);
  if (!c->compact && (b->y + b->h - (by + BAND_H) > 24 || p_index <= 0))
    pw_text (c, PW_FONT_MONO_SMALL, &pal->muted, idx, b->x + b->w + 4, b->y + b->h - 15, -1, PW_ALIGN_LEFT);
  {
    /* Translators: the number of entries, then the bytes of one */
    g_autofree char *foot = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s entry × %u B", "%s entries × %u B", entries), PW_DEC (entries),
                                             a->pte_bytes);
    g_autofree char *shorter = g_strdup_printf ("%" G_GUINT64_FORMAT " × %u B", entries, a->pte_bytes);
    pw_text_fit (c, PW_FONT_SMALL, &pal->muted, b->x, b->y + b->h + 3, b->w - 6, PW_ALIGN_LEFT,
                 foot, shorter, NULL);
  }
  hit = pw_hit_add (c, PW_HIT_TABLE, b->x, b->y - HEAD_H, b->w, b->h + HEAD_H);
  hit->frame = s->table >> a->page_shift;
  hit->level = s->depth;
  hit->pid = c->walk_pid;

  *band_y = by;
  if (p_index <= 0)
    return;

  /* the selected entry */
  {
    PwRgb fill = faulted ? pw_tint (c, &pal->warn, 0.25) : pw_tint (c, fc, 0.22 + 0.2 * p_entry);
    const PwRgb *edge = faulted && p_entry > 0 ? &pal->warn : fc;
    g_autofree char *ehex = NULL;
    g_autofree char *line1 = NULL;
    g_autofree char *flags = NULL;
    g_autofree char *line2 = NULL;
    g_autofree char *set_now = NULL;
    guint64 shown = shown_entry (c, s, &set_now);

    pw_set_rgba (c, &fill, MIN (1, p_index * 1.5));
    pw_rect (c, b->x + 1, by, b->w - 2, BAND_H);
    cairo_fill (c->cr);
    pw_stroke_rect (c, edge, 2.5, b->x - 2, by, b->w + 4, BAND_H);
    g_snprintf (idx, sizeof idx, "%" G_GUINT64_FORMAT, s->index);
    {
      /* left of the entry, in the gap between the columns (24 pixels in the
       * overview, 36 in the walk view), or, when too wide for it, inside
       * the table just above the entry (below it at the top) */
      double iw, room = (c->compact ? 24 : 36) - 8;

      pw_text_size (c, PW_FONT_MONO_BOLD, idx, &iw, NULL);
      if (iw <= room)
        pw_text (c, PW_FONT_MONO_BOLD, fc, idx, b->x - 5, by + 10, -1, PW_ALIGN_RIGHT);
      else
        pw_text (c, PW_FONT_MONO_BOLD, fc, idx, b->x + 4, by - b->y > 20 ? by - 18 : by + BAND_H + 2,
                 -1, PW_ALIGN_LEFT);
    }

    if (p_entry > 0)
      {
        g_autofree char *set_by_walk = NULL;
        g_autofree char *marked = NULL;
        g_autofree char *marked_short = NULL;
        g_autofree char *eplain = NULL;
        g_autofree char *target = NULL;
        guint64 entry = shown_entry (c, s, &set_by_walk);
        PwFlags eflags = entry == s->entry ? s->flags : pw_arch_decode_flags (a, s->depth, entry);

        ehex = pw_fmt_addr (entry, a->pte_bytes * 8);
        eplain = pw_hex (entry);   /* narrow columns: the value unpadded, not cut */
        line1 = g_strdup_printf ("[%" G_GUINT64_FORMAT "] %s", s->index, ehex);
        if (set_by_walk)
          {
            /* TRANSLATORS: "[5] 0x00000025 · walk set A": bits the hardware set */
            /* Translators: a table's heading, then the bits the walk sets (A, D) */
            marked = g_strdup_printf (_("%s · walk set %s"), line1, set_by_walk);
            marked_short = g_strdup_printf ("%s +%s", ehex, set_by_walk);
            pw_text_fit (c, PW_FONT_MONO_SMALL, &pal->fg, b->x + 5, by + 3, b->w - 10, PW_ALIGN_LEFT,
                         marked, marked_short, ehex, eplain, NULL);
          }
        else
          pw_text_fit (c, PW_FONT_MONO_SMALL, &pal->fg, b->x + 5, by + 3, b->w - 10, PW_ALIGN_LEFT,
                       line1, ehex, eplain, NULL);
        flags = pw_flags_short (a, s->depth, entry, eflags);
        if (!s->known)
          line2 = g_strdup (_("unknown memory (reads 0)"));
        else if (!(s->flags & PW_F_PRESENT))
          line2 = g_strdup_printf (_("not present (%s)"), flags);
        else
          {
            g_autofree char *tf = pw_fmt_hex (pw_arch_entry_frame (a, s->depth, s->entry));
            line2 = g_strdup_printf ("%s → %s", flags, tf);
            target = g_strdup_printf ("→ %s", tf);
          }
        /* narrow columns: the frame it leads to before the flags */
        if (target == NULL
            || pw_text_fit (c, PW_FONT_MONO_SMALL, faulted ? &pal->warn : &pal->fg, b->x + 5,
                            by + 20, b->w - 10, PW_ALIGN_LEFT, line2, target, NULL) < 0)
          pw_text (c, PW_FONT_MONO_SMALL, faulted ? &pal->warn : &pal->fg, line2, b->x + 5,
                   by + 20, b->w - 10, PW_ALIGN_LEFT);
      }
    hit = pw_hit_add (c, PW_HIT_ENTRY, b->x, by, b->w, BAND_H);
    hit->frame = s->table >> a->page_shift;
    hit->level = s->depth;
    hit->index = s->index;
    hit->entry = shown;
    hit->pid = c->walk_pid;
  }
}

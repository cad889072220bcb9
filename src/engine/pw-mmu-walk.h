/* pw-mmu-walk.h: the hardware walk's body, one copy for every format
 *
 * Not part of the engine API: pw-mmu.c and the format files include it.
 * pw_mmu_walk_body() is the walk pw-mmu.c describes (the manuals it
 * follows are listed there): one entry read per level from physical memory,
 * one walk_entry call per level and one walk_leaf call at the leaf, then the
 * accessed and dirty updates.  It takes the format's operations as
 * arguments: pw-mmu.c passes a format's table (calls through pointers), and
 * a format may instantiate it with its own inline functions
 * (PwEntryFormat.walk), so the compiler folds each level's checks without
 * a second copy of the walk.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pw-format.h"
#include "pw-mmu.h"
#include "pw-number.h"
#include "pw-physmem-private.h"

G_BEGIN_DECLS

typedef gboolean (*PwWalkEntryFunc) (const PwArch *a, guint level, guint shift, guint64 e,
                                     PwWalkState *st, PwFlags *flags, gboolean *leaf,
                                     guint64 *frame);
typedef gboolean (*PwWalkLeafFunc)  (const PwArch *a, guint level, guint shift, guint64 e,
                                     guint64 frame, PwWalkState *st, int *depth);
typedef guint64  (*PwSetAccessedFunc) (const PwArch *a, guint level, gboolean leaf,
                                       guint64 e);
typedef guint64  (*PwSetDirtyFunc)  (const PwArch *a, guint64 e);

static inline void
pw_mmu_walk_fail (PwWalk      *w,
                  PwFaultKind  kind,
                  int          depth,
                  PwFaultWhy   why)
{
  w->fault = kind;
  w->fault_depth = depth;
  w->why = why;
}

/* Checks bits above the virtual address width.  Returns FALSE on a fault. */
static inline gboolean
pw_mmu_check_range (const PwArch *a,
                    guint64       va,
                    PwWalk       *w)
{
  if (a->va_bits >= 64)
    return TRUE;
  if (a->canonical)
    {
      guint64 upper = va >> (a->va_bits - 1);
      if (upper != 0 && upper != pw_mask (64 - (a->va_bits - 1)))
        {
          pw_mmu_walk_fail (w, PW_FAULT_NON_CANONICAL, -1, PW_WHY_NON_CANONICAL);
          return FALSE;
        }
      return TRUE;
    }
  if ((va >> a->va_bits) != 0)
    {
      pw_mmu_walk_fail (w, PW_FAULT_OUT_OF_RANGE, -1, PW_WHY_OUT_OF_RANGE);
      return FALSE;
    }
  return TRUE;
}

static inline void
pw_mmu_finish_pa (const PwArch *a,
                  PwPhysMem    *mem,
                  guint         shift,
                  guint64       frame,
                  guint64       va,
                  PwWalkFlags   flags,
                  PwWalk       *w)
{
  guint64 span_mask = pw_mask (shift);

  w->page_size = G_GUINT64_CONSTANT (1) << shift;
  w->pa = ((frame << a->page_shift) & ~span_mask) | (va & span_mask);
  w->frame = w->pa >> a->page_shift;
  w->value = (flags & PW_WALK_NO_VALUE) ? -1 : pw_physmem_byte (mem, w->pa);
}

/* pw_mmu_walk() with the format's operations given: always inlined, so a
 * format passing its own inline functions gets them inlined too. */
static inline __attribute__ ((always_inline)) void
pw_mmu_walk_body (const PwArch      *a,
                  PwPhysMem         *mem,
                  guint64            root_frame,
                  guint64            va,
                  PwAccess           access,
                  PwMode             mode,
                  PwWalkFlags        flags,
                  PwWalk            *w,
                  PwWalkEntryFunc    walk_entry,
                  PwWalkLeafFunc     walk_leaf,
                  PwSetAccessedFunc  set_accessed,
                  PwSetDirtyFunc     set_dirty)
{
  guint64 table;
  /* the top bit of the current level's field, plus one, as pw_mmu_split()
   * computes it: the walk needs no field record of its own */
  guint hi = a->va_bits;
  /* What the format carries from level to level: the first level whose
   * bits deny this access, and AArch64's hierarchical controls. */
  PwWalkState st = {
    .user = mode == PW_MODE_USER,
    .write = access == PW_ACCESS_WRITE,
    .exec = access == PW_ACCESS_EXEC,
    .access = access,
    .deny_at = -1,
    .deny_why = PW_WHY_NONE,
    .pa_mask = pw_mask (a->pa_bits),
    /* page_shift + log2 (frame) >= pa_bits: a frame past (2^pa_bits - 1)
     * >> page_shift (every frame but 0 when pa_bits <= page_shift) */
    .max_frame = a->pa_bits < 64 ? pw_mask (a->pa_bits) >> a->page_shift : G_MAXUINT64,
  };

  pw_walk_reset (w, va, access, mode);
  if (!(flags & PW_WALK_NO_FIELDS))
    pw_mmu_split (a, va, w);
  g_assert (a->kind == PW_ARCH_PAGED);

  table = root_frame << a->page_shift;
  w->root = table;

  if (!pw_mmu_check_range (a, va, w))
    return;

  for (guint level = 0; level < a->n_levels; level++)
    {
      PwWalkStep *s = &w->steps[w->n_steps++];
      gboolean leaf = FALSE, known;
      PwFlags eflags;
      /* with PW_WALK_NO_RECORDS the known mark and the flags go to locals
       * no one reads (the format's instance for those constant flags drops
       * them); otherwise into the step, as they are made */
      gboolean records = !(flags & PW_WALK_NO_RECORDS);
      gboolean *known_out = records ? &s->known : &known;
      PwFlags *flags_out = records ? &s->flags : &eflags;
      guint64 index;
      /* the field of this level, from pw_mmu_split or computed the same
       * way: lowest bit and index */
      guint shift;
      guint64 e, frame = 0;
      int depth = (int) level;

      if (flags & PW_WALK_NO_FIELDS)
        {
          shift = hi - a->level_bits[level];
          hi = shift;
          index = (va >> shift) & ((G_GUINT64_CONSTANT (1) << a->level_bits[level]) - 1);
        }
      else
        {
          shift = w->fields[level].lo;
          index = w->fields[level].value;
        }
      if (records)
        {
          s->index = index;
          s->name = a->level_names[level];
          s->table = table;
        }
      s->depth = level;
      s->entry_pa = table + index * a->pte_bytes;
      s->entry = e = pw_physmem_read_fast (mem, s->entry_pa, a->pte_bytes, known_out);
      s->leaf = FALSE;

      /* one call per entry: its flags, checks, leaf and frame */
      if (!walk_entry (a, level, shift, e, &st, flags_out, &leaf, &frame))
        return pw_mmu_walk_fail (w, st.fault, level, st.why);

      if (frame > st.max_frame)
        return pw_mmu_walk_fail (w, PW_FAULT_RESERVED_BIT, level, PW_WHY_PA_TOO_WIDE);

      if (!leaf)
        {
          table = frame << a->page_shift;
          continue;
        }

      s->leaf = TRUE;

      /* Access rights of the whole walk */
      if (!walk_leaf (a, level, shift, e, frame, &st, &depth))
        return pw_mmu_walk_fail (w, st.fault, depth, st.why);

      pw_mmu_finish_pa (a, mem, shift, frame, va, flags, w);

      if (flags & PW_WALK_SET_AD)
        for (guint i = 0; i < w->n_steps; i++)
          {
            PwWalkStep *sp = &w->steps[i];
            guint64 ne = set_accessed (a, i, sp->leaf, sp->entry);

            if (sp->leaf && st.write)
              ne = set_dirty (a, ne);
            if (ne != sp->entry)
              pw_physmem_write_fast (mem, sp->entry_pa, a->pte_bytes, ne);
          }
      return;
    }
  g_assert_not_reached ();
}

G_END_DECLS

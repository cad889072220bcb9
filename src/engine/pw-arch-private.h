/* pw-arch-private.h: x86 entry decoding shared by pw-arch.c and the walk's hot path
 *
 * Not part of the engine API.  Intel SDM vol. 3A tables 4-4 to 4-20.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pw-arch.h"
#include "pw-number.h"

G_BEGIN_DECLS

static inline gboolean
pw_x86_fmt (const PwArch *a)
{
  return a->fmt == PW_FMT_X86_32 || a->fmt == PW_FMT_X86_PAE || a->fmt == PW_FMT_X86_64;
}

/* Decoded flags of an x86 entry (32-bit, PAE or 4/5-level) at @level. */
static inline PwFlags
pw_x86_flags (const PwArch *a,
              guint         level,
              guint64       e)
{
  gboolean last = level + 1 == a->n_levels;
  PwFlags f = (PwFlags) (e & 0x1);

  if (a->fmt == PW_FMT_X86_PAE && level == 0)
    /* A PAE PDPTE has only P, PWT and PCD. */
    return f | (PwFlags) (e & 0x18);

  /* R/W, U/S, PWT, PCD, A, D (bits 1 to 6) and G (bit 8) sit where
   * their PwFlags do: one mask. */
  G_STATIC_ASSERT (PW_F_PRESENT == 1 << 0 && PW_F_WRITABLE == 1 << 1 && PW_F_USER == 1 << 2
                   && PW_F_WT == 1 << 3 && PW_F_CD == 1 << 4 && PW_F_ACCESSED == 1 << 5
                   && PW_F_DIRTY == 1 << 6 && PW_F_GLOBAL == 1 << 8);
  f |= (PwFlags) (e & 0x17e);
  if (e & 0x80)
    {
      /* bit 7 is PAT in a PTE, PS elsewhere; a large page has PAT in bit 12 */
      if (last)
        f |= PW_F_PAT;
      else
        f |= PW_F_LARGE | ((a->large_ok[level] && (e & 0x1000)) ? PW_F_PAT : 0);
    }
  if (a->fmt != PW_FMT_X86_32 && (e >> 63))
    f |= PW_F_NX;
  return f;
}

/* The base frame an x86 entry at @level points to.  @shift is the lowest VA
 * bit of the level's field (only used for a large page: PS set, not last). */
static inline guint64
pw_x86_frame (const PwArch *a,
              guint         level,
              guint         shift,
              guint64       e)
{
  gboolean large = level + 1 < a->n_levels && (e & 0x80);
  guint64 pa;

  if (a->fmt == PW_FMT_X86_32)
    pa = e & (large ? 0xffc00000u : 0xfffff000u);
  else
    {
      pa = e & pw_mask (a->pa_bits) & ~G_GUINT64_CONSTANT (0xfff);
      /* PAT (bit 12) and the reserved bits below the page are not address bits */
      if (large && level > 0)
        pa &= ~pw_mask (shift);
    }
  return pa >> a->page_shift;
}

G_END_DECLS

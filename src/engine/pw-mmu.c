/* pw-mmu.c: the hardware walk, per the manuals
 *
 * x86: Intel SDM vol. 3A ch. 4 (4.3 32-bit paging, 4.4 PAE, 4.5 4- and 5-level
 * paging, 4.6 access rights with CR0.WP = 1, EFER.NXE = 1, SMEP/SMAP off,
 * 4.7 page-fault causes).  RISC-V: privileged spec, "Virtual Address
 * Translation Process" (steps 1 to 8; hardware A/D updating, MXR = SUM = 0).
 * AArch64: Arm ARM D8, stage 1 EL1&0 regime, 4 KiB granule, TCR_EL1.HA = 1
 * (hardware access flag), TCR_EL1.HD per scenario (hardware dirty state),
 * PAN off.
 *
 * The walk is the same for every format: it reads each entry and asks the
 * arch's entry format (pw-format.h, pw-format-*.c) whether the entry is
 * present and well formed, whether it is a leaf, which frame it names and
 * what rights it takes away; at the leaf, whether the whole walk grants the
 * access; and, when asked to, how the hardware sets the accessed and dirty
 * state.  A protection fault's depth is the first level (root first) whose
 * bits deny the access: x86 R/W, U/S and XD (and AArch64 APTable, UXNTable,
 * PXNTable) combine over the whole walk, so the entry charged is the first
 * that takes the right away.  RISC-V checks permissions (step 5) before
 * superpage alignment (step 6), and treats D, A and U in a pointer as reserved.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-mmu"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pw-mmu.h"
#include "pw-format.h"
#include "pw-number.h"
#include "pw-mmu-walk.h"
#include "pw-physmem-private.h"

const char *
pw_fault_kind_name (PwFaultKind kind)
{
  switch (kind)
    {
    case PW_FAULT_NONE: return NULL;
    case PW_FAULT_NOT_PRESENT: return "not-present";
    case PW_FAULT_PROTECTION: return "protection";
    case PW_FAULT_RESERVED_BIT: return "reserved-bit";
    case PW_FAULT_MISALIGNED: return "misaligned";
    case PW_FAULT_NON_CANONICAL: return "non-canonical";
    case PW_FAULT_OUT_OF_RANGE: return "out-of-range";
    case PW_FAULT_SEGMENTATION: return "segmentation";
    default: g_assert_not_reached ();
    }
}

const char *
pw_access_name (PwAccess access)
{
  switch (access)
    {
    case PW_ACCESS_READ: return "read";
    case PW_ACCESS_WRITE: return "write";
    case PW_ACCESS_EXEC: return "exec";
    default: g_assert_not_reached ();
    }
}

const char *
pw_mode_name (PwMode mode)
{
  return mode == PW_MODE_USER ? "user" : "supervisor";
}

gboolean
pw_access_from_string (const char *s,
                       PwAccess   *out)
{
  if (g_str_equal (s, "r") || g_str_equal (s, "read"))
    *out = PW_ACCESS_READ;
  else if (g_str_equal (s, "w") || g_str_equal (s, "write"))
    *out = PW_ACCESS_WRITE;
  else if (g_str_equal (s, "x") || g_str_equal (s, "exec") || g_str_equal (s, "execute"))
    *out = PW_ACCESS_EXEC;
  else
    return FALSE;
  return TRUE;
}

void
pw_mmu_split (const PwArch *a,
              guint64       va,
              PwWalk       *w)
{
  w->n_fields = 0;
  if (a->kind == PW_ARCH_PAGED)
    {
      guint hi = a->va_bits;
      for (guint i = 0; i < a->n_levels; i++)
        {
          PwField *f = &w->fields[w->n_fields++];
          f->name = a->level_names[i];
          f->hi = hi - 1;
          f->lo = hi - a->level_bits[i];
          /* level_bits is at most 32 (pw_arch_check), lo below 64 */
          f->value = (va >> f->lo) & ((G_GUINT64_CONSTANT (1) << a->level_bits[i]) - 1);
          hi = f->lo;
        }
      w->fields[w->n_fields++] = (PwField) { "offset", a->page_shift - 1, 0,
                                             pw_bits (va, a->page_shift - 1, 0) };
      if (a->page_shift == 0)
        w->n_fields--;
    }
  else if (a->kind == PW_ARCH_SEGMENTED)
    {
      guint lo = a->va_bits - a->segment_bits;
      w->fields[w->n_fields++] = (PwField) { "segment", a->va_bits - 1, lo,
                                             pw_bits (va, a->va_bits - 1, lo) };
      w->fields[w->n_fields++] = (PwField) { "offset", lo - 1, 0, pw_bits (va, lo - 1, 0) };
    }
  else
    {
      w->fields[w->n_fields++] = (PwField) { "offset", a->va_bits - 1, 0,
                                             pw_bits (va, a->va_bits - 1, 0) };
    }
}

/* The walk calling the format's table: a function of its own, so that
 * pw_mmu_walk() stays a call through the format's own instance with no
 * frame of its own to set up (it saved six registers a walk). */
static G_GNUC_NO_INLINE void
walk_through_table (const PwEntryFormat *fmt,
                    const PwArch        *a,
                    PwPhysMem           *mem,
                    guint64              root_frame,
                    guint64              va,
                    PwAccess             access,
                    PwMode               mode,
                    PwWalkFlags          flags,
                    PwWalk              *w)
{
  pw_mmu_walk_body (a, mem, root_frame, va, access, mode, flags, w,
                    fmt->walk_entry, fmt->walk_leaf, fmt->set_accessed, fmt->set_dirty);
}

void
pw_mmu_walk (const PwArch *a,
             PwPhysMem    *mem,
             guint64       root_frame,
             guint64       va,
             PwAccess      access,
             PwMode        mode,
             PwWalkFlags   flags,
             PwWalk       *w)
{
  const PwEntryFormat *fmt = pw_arch_format (a);

  /* the format's own instance of the walk (its operations inlined), or the
   * same walk calling its table */
  if (fmt->walk != NULL)
    fmt->walk (a, mem, root_frame, va, access, mode, flags, w);
  else
    walk_through_table (fmt, a, mem, root_frame, va, access, mode, flags, w);
}

void
pw_mmu_segment (const PwArch    *a,
                const PwSegment *segs,
                guint            n_segs,
                guint64          va,
                PwAccess         access,
                PwMode           mode,
                PwWalk          *w)
{
  guint off_bits;
  guint64 o, from_top;
  const PwSegment *s;

  pw_walk_reset (w, va, access, mode);
  pw_mmu_split (a, va, w);
  if (!pw_mmu_check_range (a, va, w))
    return;

  if (a->kind == PW_ARCH_BASE_BOUNDS)
    {
      w->segment = 0;
      off_bits = a->va_bits;
      o = va;
    }
  else
    {
      off_bits = a->va_bits - a->segment_bits;
      w->segment = (int) (va >> off_bits);
      o = va & pw_mask (off_bits);
    }

  if ((guint) w->segment >= n_segs)
    return pw_mmu_walk_fail (w, PW_FAULT_SEGMENTATION, -1, PW_WHY_SEGMENT);
  s = &segs[w->segment];
  w->seg_base = s->base;
  w->seg_limit = s->limit;

  if (!s->grows_down)
    {
      if (o >= s->limit)
        return pw_mmu_walk_fail (w, PW_FAULT_SEGMENTATION, -1,
                     a->kind == PW_ARCH_BASE_BOUNDS ? PW_WHY_BOUNDS : PW_WHY_SEGMENT);
      /* base + o beyond 2^64 is outside physical memory too */
      if (s->base + o < s->base)
        return pw_mmu_walk_fail (w, PW_FAULT_SEGMENTATION, -1, PW_WHY_SEGMENT);
      w->pa = s->base + o;
    }
  else
    {
      /* S - o, the distance below the segment's top; S = 2^off_bits may be
       * 2^64 for base and bounds over a 64-bit space, computed without the
       * shift: S - o = (S - 1 - o) + 1 and never 0. */
      from_top = (pw_mask (off_bits) - o) + 1;
      if (from_top == 0 || from_top > s->limit || from_top > s->base)
        return pw_mmu_walk_fail (w, PW_FAULT_SEGMENTATION, -1, PW_WHY_SEGMENT);
      w->pa = s->base - from_top;
    }
  if (a->pa_bits < 64 && (w->pa >> a->pa_bits) != 0)
    return pw_mmu_walk_fail (w, PW_FAULT_SEGMENTATION, -1, PW_WHY_SEGMENT);
  w->page_size = 1;
  w->frame = w->pa >> a->page_shift;
  /* value filled by the caller, which owns physical memory */
}

char *
pw_walk_fault_message (const PwArch *a,
                       const PwWalk *w)
{
  const char *level = w->fault_depth >= 0 && (guint) w->fault_depth < a->n_levels
                      ? a->level_names[w->fault_depth] : "";
  char *hexva = pw_hex (w->va);
  char *msg;

  switch (w->why)
    {
    case PW_WHY_NOT_PRESENT:
      msg = g_strdup_printf (_("%s entry is not present"), level);
      break;
    case PW_WHY_LAST_LEVEL_POINTER:
      msg = g_strdup_printf (_("%s entry points to another table, but it is the last level"), level);
      break;
    case PW_WHY_LARGE_NOT_ALLOWED:
      msg = g_strdup_printf (_("%s entry maps a block, which this level does not allow"), level);
      break;
    case PW_WHY_RESERVED:
      msg = g_strdup_printf (_("%s entry has reserved bits set"), level);
      break;
    case PW_WHY_W_WITHOUT_R:
      msg = g_strdup_printf (_("%s entry is writable but not readable, a reserved encoding"), level);
      break;
    case PW_WHY_PA_TOO_WIDE:
      /* Translators: a level's name, then the physical address width in bits */
      msg = g_strdup_printf (_("%s entry points beyond the %u-bit physical address space"),
                             level, a->pa_bits);
      break;
    case PW_WHY_USER:
      msg = g_strdup_printf (_("%s entry does not allow user-mode access"), level);
      break;
    case PW_WHY_SUPERVISOR_USER:
      msg = g_strdup_printf (_("%s entry is a user page, which supervisor mode may not touch"), level);
      break;
    case PW_WHY_WRITE:
      msg = g_strdup_printf (_("%s entry does not allow writes"), level);
      break;
    case PW_WHY_EXEC:
      msg = g_strdup_printf (_("%s entry does not allow execution"), level);
      break;
    case PW_WHY_READ:
      msg = g_strdup_printf (_("%s entry does not allow reads"), level);
      break;
    case PW_WHY_MISALIGNED:
      msg = g_strdup_printf (_("%s superpage frame is not aligned to its size"), level);
      break;
    case PW_WHY_NON_CANONICAL:
      /* Translators: an address, then the sign bit's number twice */
      msg = g_strdup_printf (_("%s is not canonical: bits 63 to %u must all equal bit %u"),
                             hexva, a->va_bits - 1, a->va_bits - 1);
      break;
    case PW_WHY_OUT_OF_RANGE:
      /* Translators: an address, then the virtual address width in bits */
      msg = g_strdup_printf (_("%s is beyond the %u-bit virtual address space"), hexva, a->va_bits);
      break;
    case PW_WHY_BOUNDS:
      /* Translators: the offset, then the limit */
      msg = g_strdup_printf (_("offset %s is not below the limit %s"), hexva,
                             pw_hex_buf (w->seg_limit, (char[19]) { 0 }));
      break;
    case PW_WHY_SEGMENT:
      if (w->segment >= 0 && w->seg_limit == 0 && w->seg_base == 0)
        msg = g_strdup_printf (_("segment %d is outside its limit"), w->segment);
      else
        /* Translators: an address, a segment number, then its limit */
        msg = g_strdup_printf (_("%s is outside segment %d (limit %s)"), hexva, w->segment,
                               pw_hex_buf (w->seg_limit, (char[19]) { 0 }));
      break;
    case PW_WHY_NO_ROOT:
      msg = g_strdup (_("the process has no page table"));
      break;
    case PW_WHY_NONE:
    default:
      msg = g_strdup ("");
      break;
    }
  g_free (hexva);
  return msg;
}

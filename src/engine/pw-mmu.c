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
 * A protection fault's depth is the first level (root first) whose bits deny
 * the access: x86 R/W, U/S and XD (and AArch64 APTable, UXNTable, PXNTable)
 * combine over the whole walk, so the entry charged is the first that takes
 * the right away.  RISC-V checks permissions (step 5) before superpage
 * alignment (step 6), and treats D, A and U in a pointer as reserved.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-mmu"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pw-mmu.h"
#include "pw-arch-private.h"
#include "pw-number.h"
#include "pw-physmem-private.h"

#define BIT(n) (G_GUINT64_CONSTANT (1) << (n))

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

static void
reset (PwWalk   *w,
       guint64   va,
       PwAccess  access,
       PwMode    mode)
{
  w->va = va;
  w->access = access;
  w->mode = mode;
  w->n_fields = 0;
  w->n_steps = 0;
  w->root = 0;
  w->fault = PW_FAULT_NONE;
  w->fault_depth = -1;
  w->why = PW_WHY_NONE;
  w->pa = 0;
  w->page_size = 0;
  w->frame = 0;
  w->value = -1;
  w->segment = -1;
  w->seg_base = w->seg_limit = 0;
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

static inline void
fail (PwWalk      *w,
      PwFaultKind  kind,
      int          depth,
      PwFaultWhy   why)
{
  w->fault = kind;
  w->fault_depth = depth;
  w->why = why;
}

/* Checks bits above the virtual address width.  Returns FALSE on a fault. */
static gboolean
check_range (const PwArch *a,
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
          fail (w, PW_FAULT_NON_CANONICAL, -1, PW_WHY_NON_CANONICAL);
          return FALSE;
        }
      return TRUE;
    }
  if ((va >> a->va_bits) != 0)
    {
      fail (w, PW_FAULT_OUT_OF_RANGE, -1, PW_WHY_OUT_OF_RANGE);
      return FALSE;
    }
  return TRUE;
}

/* Reserved bits of an x86 entry that is present, per SDM tables 4-4 to 4-20. */
static guint64
x86_reserved (const PwArch *a,
              guint         level,
              guint         shift,
              guint64       e,
              gboolean      leaf)
{
  guint m = a->pa_bits;
  guint64 rsv = 0;

  switch (a->fmt)
    {
    case PW_FMT_X86_32:
      /* 4-MByte PDE: bits 21:(M-19) reserved, bits (M-20):13 are PA bits. */
      if (leaf && level + 1 < a->n_levels)
        {
          guint top = m > 32 ? m - 19 : 13;
          rsv = pw_mask (22) & ~pw_mask (top);
        }
      return e & rsv;
    case PW_FMT_X86_PAE:
      if (level == 0)
        rsv = BIT (1) | BIT (2) | (pw_mask (9) & ~pw_mask (5)) | (~pw_mask (m));
      else
        rsv = pw_mask (63) & ~pw_mask (m);
      break;
    case PW_FMT_X86_64:
      rsv = pw_mask (52) & ~pw_mask (m);
      /* PS is reserved in a PML4E and a PML5E */
      if (level + 4 < a->n_levels + 1 && !a->large_ok[level])
        rsv |= BIT (7);
      break;
    default:
      g_assert_not_reached ();
    }
  if (leaf && level + 1 < a->n_levels)
    {
      /* large page: bits (shift-1):13 reserved, bit 12 is PAT */
      rsv |= pw_mask (shift) & ~pw_mask (13);
    }
  return e & rsv;
}

static void
finish_pa (const PwArch *a,
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
  guint64 table;
  /* x86, custom and AArch64 table descriptors: the first level (root first)
   * whose bits deny this access, and why.  SDM 4.6: the rights of a
   * translation combine the R/W, U/S and XD bits of every entry used, so the
   * fault is charged to the first entry that takes the right away. */
  int deny_at = -1;
  PwFaultWhy deny_why = PW_WHY_NONE;
  /* AArch64 hierarchical controls (Arm ARM D8, APTable/UXNTable/PXNTable) */
  gboolean arm_no_el0 = FALSE, arm_no_w = FALSE;
  const gboolean user = mode == PW_MODE_USER;
  const gboolean write = access == PW_ACCESS_WRITE;
  const gboolean exec = access == PW_ACCESS_EXEC;

  reset (w, va, access, mode);
  pw_mmu_split (a, va, w);
  g_assert (a->kind == PW_ARCH_PAGED);

  table = root_frame << a->page_shift;
  w->root = table;

  if (!check_range (a, va, w))
    return;

  for (guint level = 0; level < a->n_levels; level++)
    {
      PwWalkStep *s = &w->steps[w->n_steps++];
      gboolean last = level + 1 == a->n_levels;
      gboolean leaf = FALSE;
      /* the field of this level, from pw_mmu_split: index and lowest bit */
      const guint shift = w->fields[level].lo;
      guint64 e, frame;

      s->depth = level;
      s->name = a->level_names[level];
      s->table = table;
      s->index = w->fields[level].value;
      s->entry_pa = table + s->index * a->pte_bytes;
      s->entry = e = pw_physmem_read_fast (mem, s->entry_pa, a->pte_bytes, &s->known);
      s->flags = pw_x86_fmt (a) ? pw_x86_flags (a, level, e) : pw_arch_decode_flags (a, level, e);
      s->leaf = FALSE;

      switch (a->fmt)
        {
        case PW_FMT_X86_32:
        case PW_FMT_X86_PAE:
        case PW_FMT_X86_64:
          if (!(e & BIT (0)))
            return fail (w, PW_FAULT_NOT_PRESENT, level, PW_WHY_NOT_PRESENT);
          leaf = last || ((e & BIT (7)) && a->large_ok[level]
                          && !(a->fmt == PW_FMT_X86_PAE && level == 0));
          if (x86_reserved (a, level, shift, e, leaf) != 0)
            return fail (w, PW_FAULT_RESERVED_BIT, level, PW_WHY_RESERVED);
          /* A PAE PDPTE has no R/W, U/S or XD (SDM table 4-8). */
          if (deny_at < 0 && !(a->fmt == PW_FMT_X86_PAE && level == 0))
            {
              /* SMEP/SMAP off: supervisor mode may touch user pages;
               * CR0.WP = 1: supervisor writes obey R/W too (SDM 4.6.1). */
              if (user && !(e & BIT (2)))
                deny_at = level, deny_why = PW_WHY_USER;
              else if (write && !(e & BIT (1)))
                deny_at = level, deny_why = PW_WHY_WRITE;
              else if (exec && a->fmt != PW_FMT_X86_32 && (e & BIT (63)))
                deny_at = level, deny_why = PW_WHY_EXEC;
            }
          break;

        case PW_FMT_RISCV:
          if (!(e & BIT (0)))
            return fail (w, PW_FAULT_NOT_PRESENT, level, PW_WHY_NOT_PRESENT);
          if (!(e & BIT (1)) && (e & BIT (2)))
            return fail (w, PW_FAULT_RESERVED_BIT, level, PW_WHY_W_WITHOUT_R);
          if (a->pte_bytes == 8 && (e >> 54) != 0)
            return fail (w, PW_FAULT_RESERVED_BIT, level, PW_WHY_RESERVED);
          leaf = (e & (BIT (1) | BIT (3))) != 0;
          /* "For non-leaf PTEs, the D, A, and U bits are reserved for future
           * standard use"; step 3 faults on any reserved bit set. */
          if (!leaf && (e & (BIT (4) | BIT (6) | BIT (7))) != 0)
            return fail (w, PW_FAULT_RESERVED_BIT, level, PW_WHY_RESERVED);
          if (!leaf && last)
            return fail (w, PW_FAULT_NOT_PRESENT, level, PW_WHY_LAST_LEVEL_POINTER);
          break;

        case PW_FMT_AARCH64:
          if (!(e & BIT (0)))
            return fail (w, PW_FAULT_NOT_PRESENT, level, PW_WHY_NOT_PRESENT);
          /* bits[1:0] = 01 at level 3 is a reserved encoding: a block where
           * the level has none (translation fault) */
          if (last && !(e & BIT (1)))
            return fail (w, PW_FAULT_NOT_PRESENT, level, PW_WHY_LARGE_NOT_ALLOWED);
          if (!last && !(e & BIT (1)) && !a->large_ok[level])
            return fail (w, PW_FAULT_NOT_PRESENT, level, PW_WHY_LARGE_NOT_ALLOWED);
          /* Output address bits above the PA size: Address size fault.  With
           * the 4 KiB granule and DS = 0 the address is bits 47:12; bits 50:48
           * are RES0 (or GP, bit 50 of a block or page, with FEAT_BTI) and
           * not part of it (AArch64.NextTableBase, AArch64.LeafBase). */
          if (e & pw_mask (48) & ~pw_mask (a->pa_bits))
            return fail (w, PW_FAULT_RESERVED_BIT, level, PW_WHY_PA_TOO_WIDE);
          leaf = last || !(e & BIT (1));
          if (!leaf)
            {
              arm_no_el0 |= (e & BIT (61)) != 0;
              arm_no_w |= (e & BIT (62)) != 0;
              if (deny_at < 0)
                {
                  /* APTable[0]: no EL0 data access below; APTable[1]: no write
                   * at any EL; UXNTable/PXNTable: no execution below. */
                  if (user && !exec && (e & BIT (61)))
                    deny_at = level, deny_why = PW_WHY_USER;
                  else if (write && (e & BIT (62)))
                    deny_at = level, deny_why = PW_WHY_WRITE;
                  else if (exec && (e & (user ? BIT (60) : BIT (59))))
                    deny_at = level, deny_why = PW_WHY_EXEC;
                }
            }
          break;

        case PW_FMT_OSTEP:
          if (!(e & 0x80))
            return fail (w, PW_FAULT_NOT_PRESENT, level, PW_WHY_NOT_PRESENT);
          leaf = last;
          break;

        case PW_FMT_CUSTOM:
          {
            const PwCustomPte *c = &a->custom;
            if (!(e & BIT (c->present)))
              return fail (w, PW_FAULT_NOT_PRESENT, level, PW_WHY_NOT_PRESENT);
            leaf = last || (c->huge >= 0 && (e & BIT (c->huge)));
            if (deny_at < 0)
              {
                if (user && c->user >= 0 && !(e & BIT (c->user)))
                  deny_at = level, deny_why = PW_WHY_USER;
                else if (write && c->writable >= 0 && !(e & BIT (c->writable)))
                  deny_at = level, deny_why = PW_WHY_WRITE;
                else if (exec && c->nx >= 0 && (e & BIT (c->nx)))
                  deny_at = level, deny_why = PW_WHY_EXEC;
              }
          }
          break;

        default:
          g_assert_not_reached ();
        }

      frame = pw_x86_fmt (a) ? pw_x86_frame (a, level, shift, e) : pw_arch_entry_frame (a, level, e);
      if (a->pa_bits < 64
          && (a->page_shift + pw_log2 (frame) >= a->pa_bits) && frame != 0)
        return fail (w, PW_FAULT_RESERVED_BIT, level, PW_WHY_PA_TOO_WIDE);

      if (!leaf)
        {
          table = frame << a->page_shift;
          continue;
        }

      s->leaf = TRUE;

      /* Access rights of the whole walk */
      switch (a->fmt)
        {
        case PW_FMT_X86_32:
        case PW_FMT_X86_PAE:
        case PW_FMT_X86_64:
        case PW_FMT_CUSTOM:
          if (deny_at >= 0)
            return fail (w, PW_FAULT_PROTECTION, deny_at, deny_why);
          break;

        case PW_FMT_RISCV:
          if (user && !(e & BIT (4)))
            return fail (w, PW_FAULT_PROTECTION, level, PW_WHY_USER);
          if (!user && (e & BIT (4)))
            return fail (w, PW_FAULT_PROTECTION, level, PW_WHY_SUPERVISOR_USER);
          if (access == PW_ACCESS_READ && !(e & BIT (1)))
            return fail (w, PW_FAULT_PROTECTION, level, PW_WHY_READ);
          if (access == PW_ACCESS_WRITE && !(e & BIT (2)))
            return fail (w, PW_FAULT_PROTECTION, level, PW_WHY_WRITE);
          if (access == PW_ACCESS_EXEC && !(e & BIT (3)))
            return fail (w, PW_FAULT_PROTECTION, level, PW_WHY_EXEC);
          /* step 6: a misaligned superpage */
          if (!last && (frame & pw_mask (shift - a->page_shift)) != 0)
            return fail (w, PW_FAULT_MISALIGNED, level, PW_WHY_MISALIGNED);
          break;

        case PW_FMT_AARCH64:
          {
            /* Table levels first: they come before the leaf. */
            gboolean el0 = (e & BIT (6)) && !arm_no_el0;
            /* With hardware dirty state, DBM = 1 makes AP[2] effectively 0 */
            gboolean writable = (!(e & BIT (7)) || (a->hw_dirty && (e & BIT (51)))) && !arm_no_w;
            if (deny_at >= 0)
              return fail (w, PW_FAULT_PROTECTION, deny_at, deny_why);
            if (user)
              {
                /* AP[2:1] and APTable give data permissions only: EL0 may
                 * execute a page it cannot read (execute-only), if UXN and
                 * UXNTable allow (AArch64.S1DirectBasePermissions) */
                if (!exec && !(e & BIT (6)))
                  return fail (w, PW_FAULT_PROTECTION, level, PW_WHY_USER);
                if (write && !writable)
                  return fail (w, PW_FAULT_PROTECTION, level, PW_WHY_WRITE);
                if (exec && (e & BIT (54)))
                  return fail (w, PW_FAULT_PROTECTION, level, PW_WHY_EXEC);
              }
            else
              {
                if (write && !writable)
                  return fail (w, PW_FAULT_PROTECTION, level, PW_WHY_WRITE);
                /* PXN, and EL1 never executes what EL0 may write */
                if (exec && ((e & BIT (53)) || (el0 && writable)))
                  return fail (w, PW_FAULT_PROTECTION, level, PW_WHY_EXEC);
              }
          }
          break;

        case PW_FMT_OSTEP:
        default:
          break;
        }

      finish_pa (a, mem, shift, frame, va, flags, w);

      if (flags & PW_WALK_SET_AD)
        {
          guint64 am = pw_arch_accessed_mask (a);

          for (guint i = 0; i < w->n_steps; i++)
            {
              PwWalkStep *st = &w->steps[i];
              guint64 ne = st->entry;

              /* x86 sets A in every entry used (not in PAE PDPTEs);
               * RISC-V and Arm only in the leaf. */
              if (!st->leaf && (a->fmt == PW_FMT_RISCV || a->fmt == PW_FMT_AARCH64
                                || (a->fmt == PW_FMT_X86_PAE && i == 0)))
                continue;
              ne |= am;
              if (st->leaf && write)
                {
                  if (a->fmt == PW_FMT_AARCH64)
                    {
                      if (a->hw_dirty && (ne & BIT (51)))
                        ne &= ~BIT (7);
                    }
                  else
                    ne |= pw_arch_dirty_mask (a);
                }
              if (ne != st->entry)
                pw_physmem_write (mem, st->entry_pa, a->pte_bytes, ne);
            }
        }
      return;
    }
  g_assert_not_reached ();
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

  reset (w, va, access, mode);
  pw_mmu_split (a, va, w);
  if (!check_range (a, va, w))
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
    return fail (w, PW_FAULT_SEGMENTATION, -1, PW_WHY_SEGMENT);
  s = &segs[w->segment];
  w->seg_base = s->base;
  w->seg_limit = s->limit;

  if (!s->grows_down)
    {
      if (o >= s->limit)
        return fail (w, PW_FAULT_SEGMENTATION, -1,
                     a->kind == PW_ARCH_BASE_BOUNDS ? PW_WHY_BOUNDS : PW_WHY_SEGMENT);
      /* base + o beyond 2^64 is outside physical memory too */
      if (s->base + o < s->base)
        return fail (w, PW_FAULT_SEGMENTATION, -1, PW_WHY_SEGMENT);
      w->pa = s->base + o;
    }
  else
    {
      /* S - o, the distance below the segment's top; S = 2^off_bits may be
       * 2^64 for base and bounds over a 64-bit space, computed without the
       * shift: S - o = (S - 1 - o) + 1 and never 0. */
      from_top = (pw_mask (off_bits) - o) + 1;
      if (from_top == 0 || from_top > s->limit || from_top > s->base)
        return fail (w, PW_FAULT_SEGMENTATION, -1, PW_WHY_SEGMENT);
      w->pa = s->base - from_top;
    }
  if (a->pa_bits < 64 && (w->pa >> a->pa_bits) != 0)
    return fail (w, PW_FAULT_SEGMENTATION, -1, PW_WHY_SEGMENT);
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
      msg = g_strdup_printf (_("%s is not canonical: bits 63 to %u must all equal bit %u"),
                             hexva, a->va_bits - 1, a->va_bits - 1);
      break;
    case PW_WHY_OUT_OF_RANGE:
      msg = g_strdup_printf (_("%s is beyond the %u-bit virtual address space"), hexva, a->va_bits);
      break;
    case PW_WHY_BOUNDS:
      msg = g_strdup_printf (_("offset %s is not below the limit %s"), hexva,
                             pw_hex_buf (w->seg_limit, (char[19]) { 0 }));
      break;
    case PW_WHY_SEGMENT:
      if (w->segment >= 0 && w->seg_limit == 0 && w->seg_base == 0)
        msg = g_strdup_printf (_("segment %d is outside its limit"), w->segment);
      else
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

/* pw-format-aarch64.c: AArch64 descriptors (VMSAv8-64 stage 1, 4 KiB granule)
 *
 * Arm ARM D8: bits[1:0] say invalid, block (01, above the last level), table
 * or page (11).  Blocks and pages carry AttrIndx, AP[2:1], SH, AF, nG, DBM,
 * PXN and UXN; table descriptors carry the hierarchical APTable, UXNTable
 * and PXNTable.  The regime is EL1&0 with TCR_EL1.HA = 1 (hardware access
 * flag) and TCR_EL1.HD per scenario (PwArch.hw_dirty): a writable-clean page
 * has DBM = 1 and AP[2] = 1, and the hardware's first write clears AP[2].
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-format"

#include "config.h"

#include "pw-format.h"
#include "pw-number.h"

#define BIT PW_BIT
#define ARM_VALID     BIT (0)
#define ARM_TABLE     BIT (1)   /* table (above the last level) or page (last) */
#define ARM_AP1       BIT (6)   /* EL0 access */
#define ARM_AP2       BIT (7)   /* read-only */
#define ARM_AF        BIT (10)
#define ARM_NG        BIT (11)
#define ARM_DBM       BIT (51)
#define ARM_PXN       BIT (53)
#define ARM_UXN       BIT (54)
#define ARM_PXN_TABLE BIT (59)
#define ARM_UXN_TABLE BIT (60)
#define ARM_AP_NO_EL0 BIT (61)  /* APTable[0] */
#define ARM_AP_NO_W   BIT (62)  /* APTable[1] */

static inline gboolean
is_last (const PwArch *a,
         guint         level)
{
  return level + 1 == a->n_levels;
}

static PwFlags
arm_decode (const PwArch *a,
            guint         level,
            guint64       e)
{
  gboolean last = is_last (a, level);
  PwFlags f = 0;

  if (e & ARM_VALID) f |= PW_F_PRESENT;
  if ((e & ARM_TABLE) && !last)
    {
      f |= PW_F_TABLE;
      if (e & ARM_PXN_TABLE) f |= PW_F_PXN_TABLE;
      if (e & ARM_UXN_TABLE) f |= PW_F_XN_TABLE;
      if (e & ARM_AP_NO_EL0) f |= PW_F_AP_NO_EL0;
      if (e & ARM_AP_NO_W) f |= PW_F_AP_NO_W;
      return f;
    }
  if (!last && (e & ARM_VALID))
    f |= PW_F_LARGE;
  if (e & ARM_AP1) f |= PW_F_USER;
  if (e & ARM_AP2) f |= PW_F_READONLY;
  if (e & ARM_AF) f |= PW_F_ACCESSED;
  if (e & ARM_NG) f |= PW_F_NG;
  if (e & ARM_DBM) f |= PW_F_DBM;
  if (e & ARM_PXN) f |= PW_F_PXN;
  if (e & ARM_UXN) f |= PW_F_NX;
  return f;
}

/* The output address, bits 47:12 (a block's from the level's span). */
static inline guint64
arm_frame_at (const PwArch *a,
              guint         level,
              guint         shift,
              guint64       e)
{
  guint64 pa = e & pw_mask (48) & ~pw_mask (12);

  if (!is_last (a, level) && !(e & ARM_TABLE))
    pa &= ~pw_mask (shift);
  return pa >> a->page_shift;
}

static guint64
arm_frame (const PwArch *a,
           guint         level,
           guint64       e)
{
  return arm_frame_at (a, level, pw_arch_level_shift (a, level), e);
}

static gboolean
arm_walk_entry (const PwArch *a,
                guint         level,
                guint         shift,
                guint64       e,
                PwWalkState  *st,
                PwFlags      *flags,
                gboolean     *leaf,
                guint64      *frame)
{
  gboolean last = is_last (a, level);

  *flags = arm_decode (a, level, e);
  if (!(e & ARM_VALID))
    return pw_walk_fault (st, PW_FAULT_NOT_PRESENT, PW_WHY_NOT_PRESENT);
  /* bits[1:0] = 01 at level 3 is a reserved encoding: a block where
   * the level has none (translation fault) */
  if (last && !(e & ARM_TABLE))
    return pw_walk_fault (st, PW_FAULT_NOT_PRESENT, PW_WHY_LARGE_NOT_ALLOWED);
  if (!last && !(e & ARM_TABLE) && !a->large_ok[level])
    return pw_walk_fault (st, PW_FAULT_NOT_PRESENT, PW_WHY_LARGE_NOT_ALLOWED);
  /* Output address bits above the PA size: Address size fault.  With
   * the 4 KiB granule and DS = 0 the address is bits 47:12; bits 50:48
   * are RES0 (or GP, bit 50 of a block or page, with FEAT_BTI) and
   * not part of it (AArch64.NextTableBase, AArch64.LeafBase). */
  if (e & pw_mask (48) & ~pw_mask (a->pa_bits))
    return pw_walk_fault (st, PW_FAULT_RESERVED_BIT, PW_WHY_PA_TOO_WIDE);
  *leaf = last || !(e & ARM_TABLE);
  if (!*leaf)
    {
      st->no_el0 |= (e & ARM_AP_NO_EL0) != 0;
      st->no_w |= (e & ARM_AP_NO_W) != 0;
      /* APTable[0]: no EL0 data access below; APTable[1]: no write
       * at any EL; UXNTable/PXNTable: no execution below. */
      if (st->user && !st->exec && (e & ARM_AP_NO_EL0))
        pw_walk_deny (st, level, PW_WHY_USER);
      else if (st->write && (e & ARM_AP_NO_W))
        pw_walk_deny (st, level, PW_WHY_WRITE);
      else if (st->exec && (e & (st->user ? ARM_UXN_TABLE : ARM_PXN_TABLE)))
        pw_walk_deny (st, level, PW_WHY_EXEC);
    }
  *frame = arm_frame_at (a, level, shift, e);
  return TRUE;
}

static gboolean
arm_walk_leaf (const PwArch *a,
               guint         level,
               guint         shift,
               guint64       e,
               guint64       frame,
               PwWalkState  *st,
               int          *depth)
{
  /* Table levels first: they come before the leaf. */
  gboolean el0 = (e & ARM_AP1) && !st->no_el0;
  /* With hardware dirty state, DBM = 1 makes AP[2] effectively 0 */
  gboolean writable = (!(e & ARM_AP2) || (a->hw_dirty && (e & ARM_DBM))) && !st->no_w;

  if (st->deny_at >= 0)
    {
      *depth = st->deny_at;
      return pw_walk_fault (st, PW_FAULT_PROTECTION, st->deny_why);
    }
  if (st->user)
    {
      /* AP[2:1] and APTable give data permissions only: EL0 may
       * execute a page it cannot read (execute-only), if UXN and
       * UXNTable allow (AArch64.S1DirectBasePermissions) */
      if (!st->exec && !(e & ARM_AP1))
        return pw_walk_fault (st, PW_FAULT_PROTECTION, PW_WHY_USER);
      if (st->write && !writable)
        return pw_walk_fault (st, PW_FAULT_PROTECTION, PW_WHY_WRITE);
      if (st->exec && (e & ARM_UXN))
        return pw_walk_fault (st, PW_FAULT_PROTECTION, PW_WHY_EXEC);
    }
  else
    {
      if (st->write && !writable)
        return pw_walk_fault (st, PW_FAULT_PROTECTION, PW_WHY_WRITE);
      /* PXN, and EL1 never executes what EL0 may write */
      if (st->exec && ((e & ARM_PXN) || (el0 && writable)))
        return pw_walk_fault (st, PW_FAULT_PROTECTION, PW_WHY_EXEC);
    }
  return TRUE;
}

static guint64
arm_encode_leaf (const PwArch *a,
                 guint         level,
                 guint64       frame,
                 PwProt        prot,
                 gboolean      kernel)
{
  guint64 e = ARM_VALID | (frame << a->page_shift);

  if (is_last (a, level)) e |= ARM_TABLE;
  if (!kernel) e |= ARM_AP1;
  if (!(prot & PW_PROT_W))
    e |= ARM_AP2;
  else if (a->hw_dirty)
    e |= ARM_AP2 | ARM_DBM;  /* writable-clean: DBM set, AP[2] read-only */
  if (kernel)
    {
      e |= ARM_UXN;
      if (!(prot & PW_PROT_X)) e |= ARM_PXN;
    }
  else
    {
      e |= ARM_PXN;
      if (!(prot & PW_PROT_X)) e |= ARM_UXN;
    }
  return e;
}

static guint64
arm_encode_table (const PwArch *a,
                  guint         level,
                  guint64       table_frame)
{
  return ARM_VALID | ARM_TABLE | (table_frame << a->page_shift);
}

static guint64
arm_invalid (const PwArch *a)
{
  return 0;
}

static gboolean
arm_is_present (const PwArch *a,
                guint         level,
                guint64       e)
{
  return (e & ARM_VALID) != 0;
}

static gboolean
arm_is_table (const PwArch *a,
              guint         level,
              guint64       e)
{
  return !is_last (a, level) && (e & ARM_VALID) && (e & ARM_TABLE);
}

static void
arm_rights (const PwArch *a,
            guint         level,
            guint64       e,
            PwRights     *r)
{
  *r = (PwRights) { 0 };
  r->table = arm_is_table (a, level, e);
  if (r->table)
    {
      r->no_user = (e & ARM_AP_NO_EL0) != 0;
      r->no_write = (e & ARM_AP_NO_W) != 0;
      r->no_user_exec = (e & ARM_UXN_TABLE) != 0;
      r->no_kernel_exec = (e & ARM_PXN_TABLE) != 0;
      r->prot = PW_PROT_R | (r->no_write ? 0 : PW_PROT_W) | PW_PROT_X;
      r->user = !r->no_user;
      return;
    }
  r->prot = PW_PROT_R;
  if (!(e & ARM_AP2) || (e & ARM_DBM)) r->prot |= PW_PROT_W;
  if ((e & ARM_AP1) ? !(e & ARM_UXN) : !(e & ARM_PXN)) r->prot |= PW_PROT_X;
  r->user = (e & ARM_AP1) != 0;
}

static guint64
arm_readonly (const PwArch *a,
              guint64       e)
{
  return (e | ARM_AP2) & ~ARM_DBM;
}

static guint64
arm_accessed_mask (const PwArch *a)
{
  return ARM_AF;
}

/* No D bit: dirty state is AP[2] cleared under DBM (arm_is_dirty). */
static guint64
arm_dirty_mask (const PwArch *a)
{
  return 0;
}

static gboolean
arm_is_dirty (const PwArch *a,
              guint64       e)
{
  return a->hw_dirty && (e & ARM_DBM) && !(e & ARM_AP2);
}

/* TCR_EL1.HA: the hardware sets AF in the block or page descriptor only. */
static guint64
arm_set_accessed (const PwArch *a,
                  guint         level,
                  gboolean      leaf,
                  guint64       e)
{
  return leaf ? e | ARM_AF : e;
}

/* TCR_EL1.HD: a write to a writable-clean page (DBM = 1) clears AP[2]. */
static guint64
arm_set_dirty (const PwArch *a,
               guint64       e)
{
  if (a->hw_dirty && (e & ARM_DBM))
    e &= ~ARM_AP2;
  return e;
}

static guint64
arm_clear_ad (const PwArch *a,
              guint64       e,
              gboolean      accessed,
              gboolean      dirty)
{
  if (accessed)
    e &= ~ARM_AF;
  if (dirty && (e & ARM_DBM))
    e |= ARM_AP2;   /* back to writable-clean */
  return e;
}

static gboolean
arm_assume_dirty (const PwArch *a)
{
  return !a->hw_dirty;
}

static const char *
arm_flag_name (const PwArch *a,
               PwFlags       flag)
{
  switch (flag)
    {
    case PW_F_PRESENT:  return "valid";
    case PW_F_USER:     return "el0";
    case PW_F_ACCESSED: return "af";
    case PW_F_LARGE:    return "block";
    case PW_F_NX:       return "uxn";
    default:            return pw_format_common_flag_name (flag);
    }
}

static guint
arm_bit_fields (const PwArch *a,
                guint         level,
                guint64       e,
                PwBitField   *o)
{
  static const PwBitField table[] = {
    { "valid", 0, 0, PW_F_PRESENT }, { "table", 1, 1, PW_F_TABLE },
    { "address", 47, 12, 0 }, { "PXNTable", 59, 59, PW_F_PXN_TABLE },
    { "UXNTable", 60, 60, PW_F_XN_TABLE }, { "APTable[0]", 61, 61, PW_F_AP_NO_EL0 },
    { "APTable[1]", 62, 62, PW_F_AP_NO_W }, { "NSTable", 63, 63, 0 },
  };
  static const PwBitField upper[] = {
    { "DBM", 51, 51, PW_F_DBM }, { "Contiguous", 52, 52, 0 }, { "PXN", 53, 53, PW_F_PXN },
    { "UXN", 54, 54, PW_F_NX },
  };
  gboolean last = is_last (a, level);
  guint n = 0;

  if (arm_is_table (a, level, e))
    {
      for (guint i = 0; i < G_N_ELEMENTS (table); i++)
        o[n++] = table[i];
      return n;
    }
  o[n++] = (PwBitField) { "valid", 0, 0, PW_F_PRESENT };
  o[n++] = (PwBitField) { last ? "page" : "table", 1, 1, 0 };
  o[n++] = (PwBitField) { "AttrIndx", 4, 2, 0 };
  o[n++] = (PwBitField) { "NS", 5, 5, 0 };
  o[n++] = (PwBitField) { "AP[1]", 6, 6, PW_F_USER };
  o[n++] = (PwBitField) { "AP[2]", 7, 7, PW_F_READONLY };
  o[n++] = (PwBitField) { "SH", 9, 8, 0 };
  o[n++] = (PwBitField) { "AF", 10, 10, PW_F_ACCESSED };
  o[n++] = (PwBitField) { "nG", 11, 11, PW_F_NG };
  o[n++] = (PwBitField) { "address", 47, (guint8) (last ? 12 : pw_arch_level_shift (a, level)), 0 };
  for (guint i = 0; i < G_N_ELEMENTS (upper); i++)
    o[n++] = upper[i];
  return n;
}

const PwEntryFormat pw_format_aarch64 = {
  .name = "aarch64",
  .family = "aarch64",
  .fmt = PW_FMT_AARCH64,
  .marks_tables = TRUE,
  .decode = arm_decode,
  .encode_leaf = arm_encode_leaf,
  .encode_table = arm_encode_table,
  .encode_invalid = arm_invalid,
  .frame = arm_frame,
  .rights = arm_rights,
  .is_present = arm_is_present,
  .is_table = arm_is_table,
  .readonly = arm_readonly,
  .accessed_mask = arm_accessed_mask,
  .dirty_mask = arm_dirty_mask,
  .is_dirty = arm_is_dirty,
  .set_accessed = arm_set_accessed,
  .set_dirty = arm_set_dirty,
  .clear_ad = arm_clear_ad,
  .assume_dirty = arm_assume_dirty,
  .flag_name = arm_flag_name,
  .bit_fields = arm_bit_fields,
  .walk_entry = arm_walk_entry,
  .walk_leaf = arm_walk_leaf,
};

/* pw-format-riscv.c: RISC-V entries (Sv32, Sv39, Sv48)
 *
 * RISC-V privileged spec, "Sv32/Sv39/Sv48" and "Virtual Address Translation
 * Process" (steps 1 to 8; hardware A/D updating, MXR = SUM = 0): V, R, W,
 * X, U, G, A, D in bits 0 to 7, RSW in 9:8, the PPN from bit 10.  A PTE
 * with R = W = X = 0 points to the next table; W without R is reserved.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-format"

#include "config.h"

#include "pw-format.h"
#include "pw-number.h"

#define BIT PW_BIT
#define RV_V BIT (0)
#define RV_R BIT (1)
#define RV_W BIT (2)
#define RV_X BIT (3)
#define RV_U BIT (4)
#define RV_A BIT (6)
#define RV_D BIT (7)

static inline gboolean
is_last (const PwArch *a,
         guint         level)
{
  return level + 1 == a->n_levels;
}

static inline guint
ppn_bits (const PwArch *a)
{
  return a->pte_bytes == 4 ? 22 : 44;
}

static PwFlags
rv_decode (const PwArch *a,
           guint         level,
           guint64       e)
{
  PwFlags f = 0;

  if (e & RV_V) f |= PW_F_PRESENT;
  if (e & RV_R) f |= PW_F_READ;
  if (e & RV_W) f |= PW_F_WRITABLE;
  if (e & RV_X) f |= PW_F_EXEC;
  if (e & RV_U) f |= PW_F_USER;
  if (e & BIT (5)) f |= PW_F_GLOBAL;
  if (e & RV_A) f |= PW_F_ACCESSED;
  if (e & RV_D) f |= PW_F_DIRTY;
  if ((e & RV_V) && !(e & (RV_R | RV_X)) && !(e & RV_W))
    f |= PW_F_TABLE;
  else if ((e & RV_V) && !is_last (a, level) && (e & (RV_R | RV_X)))
    f |= PW_F_LARGE;   /* a leaf above the last level; W alone is reserved */
  return f;
}

static guint64
rv_frame (const PwArch *a,
          guint         level,
          guint64       e)
{
  return (e >> 10) & pw_mask (ppn_bits (a));
}

static gboolean
rv_walk_entry (const PwArch *a,
               guint         level,
               guint         shift,
               guint64       e,
               PwWalkState  *st,
               PwFlags      *flags,
               gboolean     *leaf,
               guint64      *frame)
{
  *flags = rv_decode (a, level, e);
  if (!(e & RV_V))
    return pw_walk_fault (st, PW_FAULT_NOT_PRESENT, PW_WHY_NOT_PRESENT);
  if (!(e & RV_R) && (e & RV_W))
    return pw_walk_fault (st, PW_FAULT_RESERVED_BIT, PW_WHY_W_WITHOUT_R);
  if (a->pte_bytes == 8 && (e >> 54) != 0)
    return pw_walk_fault (st, PW_FAULT_RESERVED_BIT, PW_WHY_RESERVED);
  *leaf = (e & (RV_R | RV_X)) != 0;
  /* "For non-leaf PTEs, the D, A, and U bits are reserved for future
   * standard use"; step 3 faults on any reserved bit set. */
  if (!*leaf && (e & (RV_U | RV_A | RV_D)) != 0)
    return pw_walk_fault (st, PW_FAULT_RESERVED_BIT, PW_WHY_RESERVED);
  if (!*leaf && is_last (a, level))
    return pw_walk_fault (st, PW_FAULT_NOT_PRESENT, PW_WHY_LAST_LEVEL_POINTER);
  *frame = rv_frame (a, level, e);
  return TRUE;
}

/* Step 5, the leaf's own permissions (pointers carry none), then step 6. */
static gboolean
rv_walk_leaf (const PwArch *a,
              guint         level,
              guint         shift,
              guint64       e,
              guint64       frame,
              PwWalkState  *st,
              int          *depth)
{
  if (st->user && !(e & RV_U))
    return pw_walk_fault (st, PW_FAULT_PROTECTION, PW_WHY_USER);
  if (!st->user && (e & RV_U))
    return pw_walk_fault (st, PW_FAULT_PROTECTION, PW_WHY_SUPERVISOR_USER);
  if (st->access == PW_ACCESS_READ && !(e & RV_R))
    return pw_walk_fault (st, PW_FAULT_PROTECTION, PW_WHY_READ);
  if (st->access == PW_ACCESS_WRITE && !(e & RV_W))
    return pw_walk_fault (st, PW_FAULT_PROTECTION, PW_WHY_WRITE);
  if (st->access == PW_ACCESS_EXEC && !(e & RV_X))
    return pw_walk_fault (st, PW_FAULT_PROTECTION, PW_WHY_EXEC);
  /* step 6: a misaligned superpage */
  if (!is_last (a, level) && (frame & pw_mask (shift - a->page_shift)) != 0)
    return pw_walk_fault (st, PW_FAULT_MISALIGNED, PW_WHY_MISALIGNED);
  return TRUE;
}

static guint64
rv_encode_leaf (const PwArch *a,
                guint         level,
                guint64       frame,
                PwProt        prot,
                gboolean      kernel)
{
  guint64 e = RV_V | (frame << 10);

  /* W without R is reserved; an OS grants read with write.  A leaf needs R or X. */
  if ((prot & (PW_PROT_R | PW_PROT_W)) || !(prot & PW_PROT_X)) e |= RV_R;
  if (prot & PW_PROT_W) e |= RV_W;
  if (prot & PW_PROT_X) e |= RV_X;
  if (!kernel) e |= RV_U;
  return e;
}

static guint64
rv_encode_table (const PwArch *a,
                 guint         level,
                 guint64       table_frame)
{
  return RV_V | (table_frame << 10);
}

static guint64
rv_invalid (const PwArch *a)
{
  return 0;
}

static gboolean
rv_is_present (const PwArch *a,
               guint         level,
               guint64       e)
{
  return (e & RV_V) != 0;
}

static gboolean
rv_is_table (const PwArch *a,
             guint         level,
             guint64       e)
{
  return !is_last (a, level) && (e & RV_V) && (e & (RV_R | RV_X)) == 0;
}

static void
rv_rights (const PwArch *a,
           guint         level,
           guint64       e,
           PwRights     *r)
{
  *r = (PwRights) { 0 };
  r->table = rv_is_table (a, level, e);
  if (e & RV_R) r->prot |= PW_PROT_R;
  if (e & RV_W) r->prot |= PW_PROT_W;
  if (e & RV_X) r->prot |= PW_PROT_X;
  r->user = (e & RV_U) != 0;
}

static guint64
rv_readonly (const PwArch *a,
             guint64       e)
{
  return e & ~RV_W;
}

static guint64
rv_accessed_mask (const PwArch *a)
{
  return RV_A;
}

static guint64
rv_dirty_mask (const PwArch *a)
{
  return RV_D;
}

static gboolean
rv_is_dirty (const PwArch *a,
             guint64       e)
{
  return (e & RV_D) != 0;
}

/* Hardware A/D updating sets A in the leaf only: A in a pointer is reserved. */
static guint64
rv_set_accessed (const PwArch *a,
                 guint         level,
                 gboolean      leaf,
                 guint64       e)
{
  return leaf ? e | RV_A : e;
}

static guint64
rv_set_dirty (const PwArch *a,
              guint64       e)
{
  return e | RV_D;
}

static guint64
rv_clear_ad (const PwArch *a,
             guint64       e,
             gboolean      accessed,
             gboolean      dirty)
{
  if (accessed)
    e &= ~RV_A;
  if (dirty)
    e &= ~RV_D;
  return e;
}

static gboolean
rv_assume_dirty (const PwArch *a)
{
  return FALSE;
}

static const char *
rv_flag_name (const PwArch *a,
              PwFlags       flag)
{
  switch (flag)
    {
    case PW_F_PRESENT:  return "valid";
    case PW_F_WRITABLE: return "write";
    case PW_F_LARGE:    return "superpage";
    default:            return pw_format_common_flag_name (flag);
    }
}

static guint
rv_bit_fields (const PwArch *a,
               guint         level,
               guint64       e,
               PwBitField   *o)
{
  static const PwBitField low[] = {
    { "V", 0, 0, PW_F_PRESENT }, { "R", 1, 1, PW_F_READ }, { "W", 2, 2, PW_F_WRITABLE },
    { "X", 3, 3, PW_F_EXEC }, { "U", 4, 4, PW_F_USER }, { "G", 5, 5, PW_F_GLOBAL },
    { "A", 6, 6, PW_F_ACCESSED }, { "D", 7, 7, PW_F_DIRTY }, { "RSW", 9, 8, 0 },
  };
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (low); i++)
    o[n++] = low[i];
  o[n++] = (PwBitField) { "PPN", (guint8) (10 + ppn_bits (a) - 1), 10, 0 };
  return n;
}

const PwEntryFormat pw_format_riscv = {
  .name = "riscv",
  .family = "riscv",
  .fmt = PW_FMT_RISCV,
  .marks_tables = TRUE,
  .decode = rv_decode,
  .encode_leaf = rv_encode_leaf,
  .encode_table = rv_encode_table,
  .encode_invalid = rv_invalid,
  .frame = rv_frame,
  .rights = rv_rights,
  .is_present = rv_is_present,
  .is_table = rv_is_table,
  .readonly = rv_readonly,
  .accessed_mask = rv_accessed_mask,
  .dirty_mask = rv_dirty_mask,
  .is_dirty = rv_is_dirty,
  .set_accessed = rv_set_accessed,
  .set_dirty = rv_set_dirty,
  .clear_ad = rv_clear_ad,
  .assume_dirty = rv_assume_dirty,
  .flag_name = rv_flag_name,
  .bit_fields = rv_bit_fields,
  .walk_entry = rv_walk_entry,
  .walk_leaf = rv_walk_leaf,
};

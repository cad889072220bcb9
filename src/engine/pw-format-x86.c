/* pw-format-x86.c: x86 entries (32-bit paging, PAE, 4- and 5-level paging)
 *
 * Intel SDM vol. 3A ch. 4: tables 4-4 to 4-20 (entry layouts), 4.6 (access
 * rights with CR0.WP = 1, EFER.NXE = 1, SMEP/SMAP off), 4.8 (accessed and
 * dirty flags).  The three variants share one set of inline functions,
 * instantiated per variant so the walk's checks fold to constants.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-format"

#include "config.h"

#include "pw-format.h"
#include "pw-mmu-walk.h"
#include "pw-number.h"

typedef enum
{
  V32,
  VPAE,
  V64,
} Variant;

#define BIT PW_BIT

static inline gboolean
is_last (const PwArch *a,
         guint         level)
{
  return level + 1 == a->n_levels;
}

/* A PAE PDPTE has only P, PWT, PCD and the address (SDM table 4-8). */
static inline gboolean
is_pdpte (Variant v,
          guint   level)
{
  return v == VPAE && level == 0;
}

static inline PwFlags
x86_decode (const PwArch *a,
            Variant       v,
            guint         level,
            guint64       e)
{
  PwFlags f = (PwFlags) (e & 0x1);

  if (is_pdpte (v, level))
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
      if (is_last (a, level))
        f |= PW_F_PAT;
      else
        f |= PW_F_LARGE | ((a->large_ok[level] && (e & 0x1000)) ? PW_F_PAT : 0);
    }
  if (v != V32 && (e >> 63))
    f |= PW_F_NX;
  return f;
}

/* The base frame an entry at @level points to.  @shift is the lowest VA bit
 * of the level's field (only used for a large page: PS set, not last). */
static inline guint64
x86_frame (const PwArch *a,
           Variant       v,
           guint         level,
           guint         shift,
           guint64       e,
           guint64       pa_mask)   /* pw_mask (a->pa_bits) */
{
  gboolean large = !is_last (a, level) && (e & 0x80);
  guint64 pa;

  if (v == V32)
    pa = e & (large ? 0xffc00000u : 0xfffff000u);
  else
    {
      pa = e & pa_mask & ~G_GUINT64_CONSTANT (0xfff);
      /* PAT (bit 12) and the reserved bits below the page are not address bits */
      if (large && level > 0)
        pa &= ~pw_mask (shift);
    }
  return pa >> a->page_shift;
}

/* Reserved bits of a present entry, per SDM tables 4-4 to 4-20. */
static inline guint64
x86_reserved (const PwArch *a,
              Variant       v,
              guint         level,
              guint         shift,
              guint64       e,
              gboolean      leaf,
              guint64       pa_mask)   /* pw_mask (a->pa_bits) */
{
  guint m = a->pa_bits;
  guint64 rsv = 0;

  switch (v)
    {
    case V32:
      /* 4-MByte PDE: bits 21:(M-19) reserved, bits (M-20):13 are PA bits. */
      if (leaf && !is_last (a, level))
        {
          guint top = m > 32 ? m - 19 : 13;
          rsv = pw_mask (22) & ~pw_mask (top);
        }
      return e & rsv;
    case VPAE:
      if (level == 0)
        rsv = BIT (1) | BIT (2) | (pw_mask (9) & ~pw_mask (5)) | (~pa_mask);
      else
        rsv = pw_mask (63) & ~pa_mask;
      break;
    case V64:
    default:
      rsv = pw_mask (52) & ~pa_mask;
      /* PS is reserved in a PML4E and a PML5E */
      if (level + 4 < a->n_levels + 1 && !a->large_ok[level])
        rsv |= BIT (7);
      break;
    }
  if (leaf && !is_last (a, level))
    /* large page: bits (shift-1):13 reserved, bit 12 is PAT */
    rsv |= pw_mask (shift) & ~pw_mask (13);
  return e & rsv;
}

static inline gboolean
x86_walk_entry (const PwArch *a,
                Variant       v,
                guint         level,
                guint         shift,
                guint64       e,
                PwWalkState  *st,
                PwFlags      *flags,
                gboolean     *leaf,
                guint64      *frame)
{
  *flags = x86_decode (a, v, level, e);
  if (!(e & BIT (0)))
    return pw_walk_fault (st, PW_FAULT_NOT_PRESENT, PW_WHY_NOT_PRESENT);
  *leaf = is_last (a, level) || ((e & BIT (7)) && a->large_ok[level] && !is_pdpte (v, level));
  if (x86_reserved (a, v, level, shift, e, *leaf, st->pa_mask) != 0)
    return pw_walk_fault (st, PW_FAULT_RESERVED_BIT, PW_WHY_RESERVED);
  if (st->deny_at < 0 && !is_pdpte (v, level))
    {
      /* SMEP/SMAP off: supervisor mode may touch user pages;
       * CR0.WP = 1: supervisor writes obey R/W too (SDM 4.6.1). */
      if (st->user && !(e & BIT (2)))
        pw_walk_deny (st, level, PW_WHY_USER);
      else if (st->write && !(e & BIT (1)))
        pw_walk_deny (st, level, PW_WHY_WRITE);
      else if (st->exec && v != V32 && (e & BIT (63)))
        pw_walk_deny (st, level, PW_WHY_EXEC);
    }
  *frame = x86_frame (a, v, level, shift, e, st->pa_mask);
  return TRUE;
}

/* SDM 4.6: the rights of a translation combine the R/W, U/S and XD bits of
 * every entry used; the fault is charged to the first that takes one away. */
static inline gboolean
x86_walk_leaf (const PwArch *a,
               guint         level,
               guint         shift,
               guint64       e,
               guint64       frame,
               PwWalkState  *st,
               int          *depth)
{
  if (st->deny_at < 0)
    return TRUE;
  *depth = st->deny_at;
  return pw_walk_fault (st, PW_FAULT_PROTECTION, st->deny_why);
}

static inline guint64
x86_encode_leaf (const PwArch *a,
                 Variant       v,
                 guint         level,
                 guint64       frame,
                 PwProt        prot,
                 gboolean      kernel)
{
  guint64 e = BIT (0) | (frame << a->page_shift);

  if (prot & PW_PROT_W) e |= BIT (1);
  if (!kernel) e |= BIT (2);
  if (!is_last (a, level)) e |= BIT (7);
  if (v != V32 && !(prot & PW_PROT_X)) e |= BIT (63);
  return e;
}

static inline guint64
x86_encode_table (const PwArch *a,
                  Variant       v,
                  guint         level,
                  guint64       table_frame)
{
  if (is_pdpte (v, level))
    return BIT (0) | (table_frame << a->page_shift);
  /* P | R/W | U/S: the leaves decide; as Linux's _PAGE_TABLE without A/D */
  return 0x7 | (table_frame << a->page_shift);
}

static inline gboolean
x86_is_table (const PwArch *a,
              Variant       v,
              guint         level,
              guint64       e)
{
  if (is_last (a, level) || !(e & BIT (0)))
    return FALSE;
  if (is_pdpte (v, level))
    return TRUE;
  return !((e & BIT (7)) && a->large_ok[level]);
}

static inline void
x86_rights (const PwArch *a,
            Variant       v,
            guint         level,
            guint64       e,
            PwRights     *r)
{
  gboolean limits = !is_pdpte (v, level);

  *r = (PwRights) { 0 };
  r->table = x86_is_table (a, v, level, e);
  r->prot = PW_PROT_R;
  if (!limits || (e & BIT (1))) r->prot |= PW_PROT_W;
  if (v == V32 || !limits || !(e & BIT (63))) r->prot |= PW_PROT_X;
  r->user = !limits || (e & BIT (2)) != 0;
  if (r->table)
    {
      r->no_user = !r->user;
      r->no_write = !(r->prot & PW_PROT_W);
      r->no_user_exec = r->no_kernel_exec = !(r->prot & PW_PROT_X);
    }
}

static inline guint64
x86_set_accessed (Variant  v,
                  guint    level,
                  gboolean leaf,
                  guint64  e)
{
  /* x86 sets A in every entry used, not in PAE PDPTEs (SDM 4.8) */
  if (!leaf && is_pdpte (v, level))
    return e;
  return e | BIT (5);
}

static guint
x86_bit_fields (const PwArch *a,
                Variant       v,
                guint         level,
                guint64       e,
                PwBitField   *o)
{
  gboolean last = is_last (a, level);
  gboolean large = !last && (e & BIT (7)) && a->large_ok[level] && !is_pdpte (v, level);
  guint m = v == V32 ? 32 : a->pa_bits;
  guint n = 0;

  o[n++] = (PwBitField) { "P", 0, 0, PW_F_PRESENT };
  if (!is_pdpte (v, level))
    {
      o[n++] = (PwBitField) { "R/W", 1, 1, PW_F_WRITABLE };
      o[n++] = (PwBitField) { "U/S", 2, 2, PW_F_USER };
    }
  o[n++] = (PwBitField) { "PWT", 3, 3, PW_F_WT };
  o[n++] = (PwBitField) { "PCD", 4, 4, PW_F_CD };
  if (!is_pdpte (v, level))
    {
      o[n++] = (PwBitField) { "A", 5, 5, PW_F_ACCESSED };
      if (last || large)
        o[n++] = (PwBitField) { "D", 6, 6, PW_F_DIRTY };
      if (last)
        o[n++] = (PwBitField) { "PAT", 7, 7, PW_F_PAT };
      else
        o[n++] = (PwBitField) { "PS", 7, 7, PW_F_LARGE };
      if (last || large)
        o[n++] = (PwBitField) { "G", 8, 8, PW_F_GLOBAL };
    }
  o[n++] = (PwBitField) { "AVL", 11, 9, 0 };
  if (large)
    {
      o[n++] = (PwBitField) { "PAT", 12, 12, PW_F_PAT };
      if (v == V32 && a->pa_bits > 32)
        o[n++] = (PwBitField) { "address", (guint8) (13 + MIN (a->pa_bits, 40) - 32 - 1), 13, 0 };
      o[n++] = (PwBitField) { "address", (guint8) (m - 1),
                              (guint8) pw_arch_level_shift (a, level), 0 };
    }
  else
    o[n++] = (PwBitField) { "address", (guint8) (m - 1), 12, 0 };
  if (v != V32 && !is_pdpte (v, level))
    o[n++] = (PwBitField) { "XD", 63, 63, PW_F_NX };
  return n;
}

/* ---- the variant-independent operations ------------------------------------ */

static guint64
x86_invalid (const PwArch *a)
{
  return 0;
}

static gboolean
x86_is_present (const PwArch *a,
                guint         level,
                guint64       e)
{
  return (e & BIT (0)) != 0;
}

static guint64
x86_readonly (const PwArch *a,
              guint64       e)
{
  return e & ~BIT (1);
}

static guint64
x86_accessed_mask (const PwArch *a)
{
  return BIT (5);
}

static guint64
x86_dirty_mask (const PwArch *a)
{
  return BIT (6);
}

static gboolean
x86_is_dirty (const PwArch *a,
              guint64       e)
{
  return (e & BIT (6)) != 0;
}

static inline guint64
x86_set_dirty (const PwArch *a,
               guint64       e)
{
  return e | BIT (6);
}

static guint64
x86_clear_ad (const PwArch *a,
              guint64       e,
              gboolean      accessed,
              gboolean      dirty)
{
  if (accessed)
    e &= ~BIT (5);
  if (dirty)
    e &= ~BIT (6);
  return e;
}

static gboolean
x86_assume_dirty (const PwArch *a)
{
  return FALSE;
}

static const char *
x86_flag_name (const PwArch *a,
               PwFlags       flag)
{
  return pw_format_common_flag_name (flag);
}

/* ---- one instance per variant ------------------------------------------------ */

#define X86_VARIANT(pre, V, NAME)                                                       \
  static PwFlags pre##_decode (const PwArch *a, guint level, guint64 e)                 \
  { return x86_decode (a, V, level, e); }                                               \
  static guint64 pre##_encode_leaf (const PwArch *a, guint level, guint64 frame,        \
                                    PwProt prot, gboolean kernel)                       \
  { return x86_encode_leaf (a, V, level, frame, prot, kernel); }                        \
  static guint64 pre##_encode_table (const PwArch *a, guint level, guint64 frame)       \
  { return x86_encode_table (a, V, level, frame); }                                     \
  static guint64 pre##_frame (const PwArch *a, guint level, guint64 e)                  \
  {                                                                                     \
    return x86_frame (a, V, level, pw_arch_level_shift (a, level), e,                   \
                      pw_mask (a->pa_bits));                                            \
  }                                                                                     \
  static void pre##_rights (const PwArch *a, guint level, guint64 e, PwRights *r)       \
  { x86_rights (a, V, level, e, r); }                                                   \
  static gboolean pre##_is_table (const PwArch *a, guint level, guint64 e)              \
  { return x86_is_table (a, V, level, e); }                                             \
  static guint64 pre##_set_accessed (const PwArch *a, guint level, gboolean leaf,       \
                                     guint64 e)                                         \
  { return x86_set_accessed (V, level, leaf, e); }                                      \
  static guint pre##_bit_fields (const PwArch *a, guint level, guint64 e,               \
                                 PwBitField *o)                                         \
  { return x86_bit_fields (a, V, level, e, o); }                                        \
  static inline gboolean pre##_walk_entry (const PwArch *a, guint level, guint shift,   \
                                           guint64 e, PwWalkState *st, PwFlags *flags,  \
                                           gboolean *leaf, guint64 *frame)              \
  { return x86_walk_entry (a, V, level, shift, e, st, flags, leaf, frame); }            \
  static void pre##_tlb_leaf (const PwArch *a, guint level, guint64 e, gboolean write, \
                              PwProt *prot, gboolean *dirty)                            \
  {                                                                                     \
    PwRights r;                                                                         \
    e = x86_set_accessed (V, level, TRUE, e);                                           \
    if (write)                                                                          \
      e = x86_set_dirty (a, e);                                                         \
    x86_rights (a, V, a->n_levels - 1, e, &r);                                          \
    *prot = r.prot;                                                                     \
    *dirty = x86_is_dirty (a, e) || x86_assume_dirty (a);                               \
  }                                                                                     \
  static inline guint64 pre##_set_accessed_inline (const PwArch *a, guint level,        \
                                                   gboolean leaf, guint64 e)            \
  { return x86_set_accessed (V, level, leaf, e); }                                      \
  static void pre##_walk (const PwArch *a, PwPhysMem *mem, guint64 root_frame,          \
                          guint64 va, PwAccess access, PwMode mode,                     \
                          PwWalkFlags flags, PwWalk *out)                               \
  {                                                                                     \
    /* the kernel's walk that no one else reads as a copy of its own: its flags   \
     * constant, what it leaves out not computed */                                    \
    if (flags == PW_WALK_UNREAD)                                                        \
      pw_mmu_walk_body (a, mem, root_frame, va, access, mode, PW_WALK_UNREAD, out,      \
                        pre##_walk_entry, x86_walk_leaf, pre##_set_accessed_inline,     \
                        x86_set_dirty);                                                 \
    else                                                                                \
      pw_mmu_walk_body (a, mem, root_frame, va, access, mode, flags, out,               \
                        pre##_walk_entry, x86_walk_leaf, pre##_set_accessed_inline,     \
                        x86_set_dirty);                                                 \
  }                                                                                     \
  const PwEntryFormat pw_format_##pre = {                                               \
    .name = NAME, .family = "x86", .fmt = PW_FMT_##pre##_FMT, .marks_tables = FALSE,    \
    .decode = pre##_decode, .encode_leaf = pre##_encode_leaf,                           \
    .encode_table = pre##_encode_table, .encode_invalid = x86_invalid,                  \
    .frame = pre##_frame, .rights = pre##_rights, .is_present = x86_is_present,         \
    .is_table = pre##_is_table, .readonly = x86_readonly,                               \
    .accessed_mask = x86_accessed_mask, .dirty_mask = x86_dirty_mask,                   \
    .is_dirty = x86_is_dirty, .set_accessed = pre##_set_accessed,                       \
    .set_dirty = x86_set_dirty, .clear_ad = x86_clear_ad,                               \
    .assume_dirty = x86_assume_dirty, .flag_name = x86_flag_name,                       \
    .bit_fields = pre##_bit_fields, .walk_entry = pre##_walk_entry,                     \
    .walk_leaf = x86_walk_leaf, .walk = pre##_walk, .tlb_leaf = pre##_tlb_leaf,         \
  };

#define PW_FMT_x86_32_FMT PW_FMT_X86_32
#define PW_FMT_x86_pae_FMT PW_FMT_X86_PAE
#define PW_FMT_x86_64_FMT PW_FMT_X86_64

X86_VARIANT (x86_32, V32, "x86-32")
X86_VARIANT (x86_pae, VPAE, "x86-pae")
X86_VARIANT (x86_64, V64, "x86-64")

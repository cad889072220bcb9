/* pw-format.h: page-table entry formats as tables of operations
 *
 * Every format family (x86, RISC-V, AArch64, OSTEP, custom) says in one
 * PwEntryFormat how its entries are decoded and encoded, which bits the
 * hardware walk checks, how it sets the accessed and dirty state, and what
 * the manual calls every bit.  The MMU (pw-mmu.c), the kernel and the
 * renderer ask the format, through pw_arch_format() or the pw_arch_*
 * wrappers of pw-arch.h; none of them tests a format name or decodes raw
 * bits.  docs/machine.md describes the encodings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "pw-arch.h"
#include "pw-mmu.h"

G_BEGIN_DECLS

/* One named bit field of an entry, for drawing it: bits @hi to @lo
 * (inclusive).  @name is the manual's own ("P", "R/W", "V", "AF", "nG",
 * "APTable[1]", "PFN"...); @flag the PwFlags the field decodes to, 0 for
 * multi-bit fields (address, attributes) and bits no flag reports. */
typedef struct
{
  const char *name;
  guint8      hi, lo;
  PwFlags     flag;
} PwBitField;

#define PW_MAX_BIT_FIELDS 24

/* What an entry grants.  A leaf: @prot for the mode that owns the page
 * (user if @user), as pw_arch_entry_prot says.  A table entry: the limits it
 * puts on every entry below it (x86 R/W, U/S and XD of a directory entry;
 * AArch64 APTable, UXNTable and PXNTable). */
typedef struct
{
  PwProt   prot;
  gboolean user;
  gboolean table;            /* the entry points to a table */
  gboolean no_user;          /* below: no user access (U/S clear, APTable[0]) */
  gboolean no_write;         /* below: no write (R/W clear, APTable[1]) */
  gboolean no_user_exec;     /* below: no user execution (XD, UXNTable) */
  gboolean no_kernel_exec;   /* below: no supervisor execution (XD, PXNTable) */
} PwRights;

/* The state a hardware walk carries from level to level. */
typedef struct
{
  gboolean    user, write, exec;
  PwAccess    access;
  /* the first level (root first) whose bits deny the access, and why */
  int         deny_at;
  PwFaultWhy  deny_why;
  /* AArch64 hierarchical controls seen so far (APTable[0], APTable[1]) */
  gboolean    no_el0, no_w;
  /* the fault found by walk_entry or walk_leaf */
  PwFaultKind fault;
  PwFaultWhy  why;
  /* computed once a walk: pw_mask (pa_bits), and the last frame number
   * physical addresses reach (G_MAXUINT64 when pa_bits is 64 or more) */
  guint64     pa_mask;
  guint64     max_frame;
} PwWalkState;

typedef struct _PwEntryFormat PwEntryFormat;

struct _PwEntryFormat
{
  const char *name;     /* "x86-32", "x86-pae", "x86-64", "riscv", "aarch64", "ostep", "custom" */
  const char *family;   /* "x86", "riscv", "aarch64", "ostep", "custom" */
  PwPteFormat fmt;
  /* TRUE where decode marks a pointer with PW_F_TABLE; otherwise a present
   * entry above the last level without PW_F_LARGE is one */
  gboolean    marks_tables;

  PwFlags   (*decode)        (const PwArch *a, guint level, guint64 e);
  guint64   (*encode_leaf)   (const PwArch *a, guint level, guint64 frame, PwProt prot,
                              gboolean kernel);
  guint64   (*encode_table)  (const PwArch *a, guint level, guint64 table_frame);
  guint64   (*encode_invalid) (const PwArch *a);
  guint64   (*frame)         (const PwArch *a, guint level, guint64 e);
  void      (*rights)        (const PwArch *a, guint level, guint64 e, PwRights *out);
  gboolean  (*is_present)    (const PwArch *a, guint level, guint64 e);
  /* As an OS reads its own tables: present, above the last level, not a
   * large page or block. */
  gboolean  (*is_table)      (const PwArch *a, guint level, guint64 e);
  guint64   (*readonly)      (const PwArch *a, guint64 e);

  /* accessed and dirty state */
  guint64   (*accessed_mask) (const PwArch *a);
  guint64   (*dirty_mask)    (const PwArch *a);   /* 0: no D bit */
  gboolean  (*is_dirty)      (const PwArch *a, guint64 e);
  /* The hardware's update of an entry the walk used (@leaf: the last one):
   * returns @e with A set where this format sets it there. */
  guint64   (*set_accessed)  (const PwArch *a, guint level, gboolean leaf, guint64 e);
  /* The hardware's update of a leaf written through: D set, or for AArch64
   * with hardware dirty state a writable-clean entry (DBM) made
   * writable-dirty (AP[2] cleared). */
  guint64   (*set_dirty)     (const PwArch *a, guint64 e);
  guint64   (*clear_ad)      (const PwArch *a, guint64 e, gboolean accessed, gboolean dirty);
  /* TRUE where the kernel must assume a page dirty: no D bit and no
   * hardware dirty state. */
  gboolean  (*assume_dirty)  (const PwArch *a);

  /* names */
  const char *(*flag_name)   (const PwArch *a, PwFlags flag);   /* "present", "valid"... */
  /* The named fields of @e at @level in bit order, low first; returns how
   * many (at most PW_MAX_BIT_FIELDS). */
  guint     (*bit_fields)    (const PwArch *a, guint level, guint64 e, PwBitField *out);

  /* The hardware walk, one level: decodes @e into @flags (as decode does,
   * even when the entry faults), checks it (present, reserved bits),
   * records the rights a table entry takes away in @st, decides whether it
   * is a leaf and which frame it names.  @shift is the lowest VA bit of the
   * level's field.  Returns FALSE with st->fault and st->why set on a fault. */
  gboolean  (*walk_entry)    (const PwArch *a, guint level, guint shift, guint64 e,
                              PwWalkState *st, PwFlags *flags, gboolean *leaf,
                              guint64 *frame);
  /* The access rights of the whole walk, at its leaf.  Returns FALSE with
   * st->fault and st->why set on a fault; @depth (the leaf's level on entry)
   * becomes the level charged, the first that took the right away. */
  gboolean  (*walk_leaf)     (const PwArch *a, guint level, guint shift, guint64 e,
                              guint64 frame, PwWalkState *st, int *depth);
  /* Optional, NULL for none: pw_mmu_walk() itself, as pw_mmu_walk_body()
   * (pw-mmu-walk.h) instantiated with this format's walk_entry, walk_leaf,
   * set_accessed and set_dirty inlined: the same walk, its checks folded
   * per level.  Without it the walk calls them through this table. */
  void      (*walk)          (const PwArch *a, PwPhysMem *mem, guint64 root_frame,
                              guint64 va, PwAccess access, PwMode mode,
                              PwWalkFlags flags, PwWalk *out);
  /* Optional, NULL for none: what a TLB entry caches of a leaf a walk used
   * (at @level, as read), in one call: the leaf's protection as rights at
   * the last level gives it and its dirty state (is_dirty or assume_dirty),
   * after the walk's set_accessed and, for a write, set_dirty.  Without it
   * the kernel makes those calls one by one. */
  void      (*tlb_leaf)      (const PwArch *a, guint level, guint64 e, gboolean write,
                              PwProt *prot, gboolean *dirty);
};

extern const PwEntryFormat pw_format_x86_32;
extern const PwEntryFormat pw_format_x86_pae;
extern const PwEntryFormat pw_format_x86_64;
extern const PwEntryFormat pw_format_riscv;
extern const PwEntryFormat pw_format_aarch64;
extern const PwEntryFormat pw_format_ostep;
extern const PwEntryFormat pw_format_custom;

/* The formats by PwPteFormat (pw-arch.c), for pw_arch_format(). */
#define PW_N_FORMATS (PW_FMT_CUSTOM + 1)
extern const PwEntryFormat * const pw_formats[PW_N_FORMATS];

/* The entry format of @arch (every kind has one: segmented and base-and-bounds
 * arches use the custom format).  Inline: the walk and every pw_arch_* entry
 * call ask it. */
static inline const PwEntryFormat *
pw_arch_format (const PwArch *arch)
{
  g_assert ((guint) arch->fmt < PW_N_FORMATS);
  return pw_formats[arch->fmt];
}

/* The named bit fields of @entry at @level (see PwEntryFormat.bit_fields). */
guint        pw_arch_bit_fields         (const PwArch *arch,
                                         guint         level,
                                         guint64       entry,
                                         PwBitField   *out);
void         pw_arch_entry_rights       (const PwArch *arch,
                                         guint         level,
                                         guint64       entry,
                                         PwRights     *out);
guint64      pw_arch_set_accessed       (const PwArch *arch,
                                         guint         level,
                                         gboolean      leaf,
                                         guint64       entry);
guint64      pw_arch_set_dirty          (const PwArch *arch,
                                         guint64       entry);

/* Shared by the format files. */
#define PW_BIT(n) (G_GUINT64_CONSTANT (1) << (n))

/* The long name of @flag most formats use ("present", "writable"...). */
const char  *pw_format_common_flag_name (PwFlags       flag);

static inline gboolean
pw_walk_fault (PwWalkState *st,
               PwFaultKind  kind,
               PwFaultWhy   why)
{
  st->fault = kind;
  st->why = why;
  return FALSE;
}

/* Records that @level takes a right away, if no level above did. */
static inline void
pw_walk_deny (PwWalkState *st,
              guint        level,
              PwFaultWhy   why)
{
  if (st->deny_at < 0)
    {
      st->deny_at = (int) level;
      st->deny_why = why;
    }
}

G_END_DECLS

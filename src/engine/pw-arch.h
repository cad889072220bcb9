/* pw-arch.h: architecture models (docs/machine.md)
 *
 * An architecture says how a virtual address splits into fields, how wide a
 * page-table entry is and what its bits mean.  The MMU (pw-mmu.c) reads it;
 * the kernel uses it to write entries the way an OS does.  The meaning of an
 * entry's bits is the arch's entry format (pw-format.h); the entry functions
 * below ask it, so no caller needs to know which format it has.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PW_MAX_LEVELS 6

typedef enum
{
  PW_ARCH_PAGED,
  PW_ARCH_BASE_BOUNDS,
  PW_ARCH_SEGMENTED,
} PwArchKind;

typedef enum
{
  PW_FMT_X86_32,   /* 32-bit paging (also the seed preset) */
  PW_FMT_X86_PAE,
  PW_FMT_X86_64,   /* 4- and 5-level paging */
  PW_FMT_RISCV,    /* Sv32, Sv39, Sv48 */
  PW_FMT_AARCH64,  /* VMSAv8-64 stage 1, 4 KiB granule */
  PW_FMT_OSTEP,    /* 1 byte: bit 7 valid, bits 6:0 frame */
  PW_FMT_CUSTOM,
} PwPteFormat;

/* Decoded entry flags, shared by every format; names in pw_flag_name(). */
typedef enum
{
  PW_F_PRESENT   = 1 << 0,  /* x86 P, RISC-V V, Arm valid, OSTEP valid */
  PW_F_WRITABLE  = 1 << 1,  /* x86 R/W, RISC-V W */
  PW_F_USER      = 1 << 2,  /* x86 U/S, RISC-V U, Arm AP[1] (EL0 access) */
  PW_F_WT        = 1 << 3,
  PW_F_CD        = 1 << 4,
  PW_F_ACCESSED  = 1 << 5,  /* x86 A, RISC-V A, Arm AF */
  PW_F_DIRTY     = 1 << 6,
  PW_F_LARGE     = 1 << 7,  /* x86 PS, custom huge, Arm block */
  PW_F_GLOBAL    = 1 << 8,
  PW_F_NX        = 1 << 9,  /* x86 XD, Arm UXN */
  PW_F_READ      = 1 << 10, /* RISC-V R */
  PW_F_EXEC      = 1 << 11, /* RISC-V X */
  PW_F_PXN       = 1 << 12, /* Arm PXN */
  PW_F_READONLY  = 1 << 13, /* Arm AP[2] */
  PW_F_TABLE     = 1 << 14, /* Arm table descriptor; RISC-V pointer */
  PW_F_PAT       = 1 << 15,
  PW_F_DBM       = 1 << 16, /* Arm dirty bit modifier */
  PW_F_NG        = 1 << 17, /* Arm not global */
  PW_F_AP_NO_EL0 = 1 << 18, /* Arm APTable[0] */
  PW_F_AP_NO_W   = 1 << 19, /* Arm APTable[1] */
  PW_F_XN_TABLE  = 1 << 20, /* Arm UXNTable */
  PW_F_PXN_TABLE = 1 << 21, /* Arm PXNTable */
} PwFlags;

#define PW_N_FLAGS 22

typedef struct
{
  /* bit positions, or -1 where the format has no such bit */
  int present, writable, user, accessed, dirty, nx, huge;
  guint pfn_shift, pfn_bits;
} PwCustomPte;

typedef struct _PwArch PwArch;

struct _PwArch
{
  char        *name;          /* preset name or custom name */
  PwArchKind   kind;
  PwPteFormat  fmt;
  guint        va_bits;
  guint        pa_bits;
  guint        page_shift;    /* log2 of the base page size */
  guint        n_levels;
  guint        level_bits[PW_MAX_LEVELS];     /* root first */
  const char  *level_names[PW_MAX_LEVELS];    /* "PML4", "VPN[2]", "L0"... */
  guint        pte_bytes;
  gboolean     big_endian;
  /* TRUE where a leaf (large page / block / superpage) may sit at that level.
   * The last level is always a leaf. */
  gboolean     large_ok[PW_MAX_LEVELS];
  guint64      default_memory;   /* bytes */
  const char  *root_register;    /* "CR3", "satp", "TTBR0_EL1", "PDBR", "PTBR" */
  gboolean     canonical;        /* sign-extended upper bits (x86-64, RISC-V) */
  PwCustomPte  custom;
  guint        segment_bits;     /* segmented only */
  gboolean     hw_dirty;         /* AArch64: hardware dirty state (TCR_EL1.HD) */
};

PwArch      *pw_arch_new_preset        (const char   *name);
/* The preset names, NULL-terminated, in the order of docs/machine.md. */
const char * const *pw_arch_preset_names (void);
PwArch      *pw_arch_copy              (const PwArch *arch);
void         pw_arch_free              (PwArch       *arch);
/* Checks the geometry of a custom architecture; the message says what is wrong. */
gboolean     pw_arch_check             (const PwArch *arch,
                                        GError      **error);

static inline guint64
pw_arch_page_size (const PwArch *arch)
{
  return (guint64) 1 << arch->page_shift;
}

/* Bytes covered by one entry at @level (0 = root). */
guint64      pw_arch_level_span        (const PwArch *arch,
                                        guint         level);
/* Number of entries in a table at @level, and the table's size in bytes. */
guint64      pw_arch_table_entries     (const PwArch *arch,
                                        guint         level);
guint64      pw_arch_table_bytes       (const PwArch *arch,
                                        guint         level);
/* Number of base frames a table at @level occupies (at least 1). */
guint64      pw_arch_table_frames      (const PwArch *arch,
                                        guint         level);
/* The level at which a leaf of @size bytes sits, or -1 if the arch has no such page. */
int          pw_arch_level_for_size    (const PwArch *arch,
                                        guint64       size);
guint64      pw_arch_max_frames        (const PwArch *arch);

/* The index of @va into the table at @level. */
static inline guint64
pw_arch_index (const PwArch *arch,
               guint         level,
               guint64       va)
{
  guint lo = arch->page_shift, i;
  for (i = level + 1; i < arch->n_levels; i++)
    lo += arch->level_bits[i];
  return (va >> lo) & ((G_GUINT64_CONSTANT (1) << arch->level_bits[level]) - 1);
}

/* Lowest VA bit of the field of @level. */
guint        pw_arch_level_shift       (const PwArch *arch,
                                        guint         level);

/* ---- entries ----------------------------------------------------------- */

typedef enum
{
  PW_PROT_R = 1 << 0,
  PW_PROT_W = 1 << 1,
  PW_PROT_X = 1 << 2,
} PwProt;

/* Decoded flags of @entry found at @level. */
PwFlags      pw_arch_decode_flags      (const PwArch *arch,
                                        guint         level,
                                        guint64       entry);
const char  *pw_flag_name              (const PwArch *arch,
                                        PwFlags       flag);
/* The names of the flags set in @flags, in bit order, as a NULL-terminated
 * array of static strings (free the array only). */
const char **pw_arch_flag_names        (const PwArch *arch,
                                        PwFlags       flags);

/* Entries as an OS writes them.  @frame is a base-frame number. */
guint64      pw_arch_make_table_entry  (const PwArch *arch,
                                        guint         level,
                                        guint64       table_frame);
guint64      pw_arch_make_leaf         (const PwArch *arch,
                                        guint         level,
                                        guint64       frame,
                                        PwProt        prot,
                                        gboolean      kernel);
/* An entry that is not present.  Arches with no encoding for it return 0. */
guint64      pw_arch_make_invalid      (const PwArch *arch);

/* The frame an entry points to (table or page), in base frames. */
guint64      pw_arch_entry_frame       (const PwArch *arch,
                                        guint         level,
                                        guint64       entry);
/* The protection a leaf grants (what the OS meant). */
PwProt       pw_arch_entry_prot        (const PwArch *arch,
                                        guint64       entry);
/* Bit masks of the accessed and dirty bits (0 where the format has none).
 * For AArch64 with hardware dirty state, "dirty" is AP[2] cleared (see pw-mmu.c). */
guint64      pw_arch_accessed_mask     (const PwArch *arch);
guint64      pw_arch_dirty_mask        (const PwArch *arch);
/* Returns @entry with its accessed (and dirty) state cleared. */
guint64      pw_arch_clear_ad          (const PwArch *arch,
                                        guint64       entry,
                                        gboolean      accessed,
                                        gboolean      dirty);
gboolean     pw_arch_entry_dirty       (const PwArch *arch,
                                        guint64       entry);
gboolean     pw_arch_entry_accessed    (const PwArch *arch,
                                        guint64       entry);
/* Returns @entry with write permission removed (copy-on-write). */
guint64      pw_arch_entry_readonly    (const PwArch *arch,
                                        guint64       entry);

/* @entry at @level is present (x86 P, RISC-V V, Arm valid...). */
gboolean     pw_arch_entry_present     (const PwArch *arch,
                                        guint         level,
                                        guint64       entry);
/* @entry at @level points to a table, as an OS reads its own tables:
 * present, above the last level, not a large page, superpage or block. */
gboolean     pw_arch_entry_is_table    (const PwArch *arch,
                                        guint         level,
                                        guint64       entry);
/* The same question from decoded flags (a present entry above the last
 * level that is not a leaf), as an inspector sees an entry. */
gboolean     pw_arch_flags_is_table    (const PwArch *arch,
                                        guint         level,
                                        PwFlags       flags);
/* TRUE where the kernel must assume a page dirty: the format has no dirty
 * bit and no hardware dirty state (OSTEP, AArch64 without TCR_EL1.HD, a
 * custom entry with no dirty bit). */
gboolean     pw_arch_assume_dirty      (const PwArch *arch);

G_END_DECLS

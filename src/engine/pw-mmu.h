/* pw-mmu.h: the hardware walk
 *
 * The MMU knows nothing of processes or policy: given an architecture,
 * physical memory and a root (or a process's base/bounds or segments) it
 * reads entries the way the manuals say and returns a record of every step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "pw-arch.h"
#include "pw-physmem.h"

G_BEGIN_DECLS

typedef enum
{
  PW_ACCESS_READ,
  PW_ACCESS_WRITE,
  PW_ACCESS_EXEC,
} PwAccess;

typedef enum
{
  PW_MODE_USER,
  PW_MODE_SUPERVISOR,
} PwMode;

typedef enum
{
  PW_FAULT_NONE,
  PW_FAULT_NOT_PRESENT,
  PW_FAULT_PROTECTION,
  PW_FAULT_RESERVED_BIT,
  PW_FAULT_MISALIGNED,
  PW_FAULT_NON_CANONICAL,
  PW_FAULT_OUT_OF_RANGE,
  PW_FAULT_SEGMENTATION,
} PwFaultKind;

/* Why a fault happened, for the message. */
typedef enum
{
  PW_WHY_NONE,
  PW_WHY_NOT_PRESENT,
  PW_WHY_LAST_LEVEL_POINTER,   /* RISC-V: a pointer where a leaf must be */
  PW_WHY_LARGE_NOT_ALLOWED,    /* PS/block where the level allows none */
  PW_WHY_RESERVED,             /* reserved bits set */
  PW_WHY_W_WITHOUT_R,          /* RISC-V reserved encoding */
  PW_WHY_PA_TOO_WIDE,          /* frame beyond pa_bits */
  PW_WHY_USER,                 /* user access to a supervisor page */
  PW_WHY_SUPERVISOR_USER,      /* RISC-V S-mode touching a U page */
  PW_WHY_WRITE,                /* write to a read-only page */
  PW_WHY_EXEC,                 /* execute of a no-execute page */
  PW_WHY_READ,                 /* RISC-V: read of a page without R */
  PW_WHY_MISALIGNED,
  PW_WHY_NON_CANONICAL,
  PW_WHY_OUT_OF_RANGE,
  PW_WHY_BOUNDS,               /* base-and-bounds limit */
  PW_WHY_SEGMENT,              /* segment limit */
  PW_WHY_NO_ROOT,              /* the process has no root table */
} PwFaultWhy;

typedef struct
{
  const char *name;    /* "PML4", "offset", "segment"... */
  guint       hi, lo;  /* bit range, inclusive */
  guint64     value;
} PwField;

typedef struct
{
  guint       depth;     /* 0 = root table */
  const char *name;      /* the level's name */
  guint64     table;     /* physical address of the table */
  guint64     index;
  guint64     entry_pa;
  guint64     entry;     /* the raw value read */
  gboolean    known;     /* FALSE where the bytes were unknown (read as 0) */
  PwFlags     flags;
  gboolean    leaf;
} PwWalkStep;

typedef struct
{
  guint64     va;
  PwAccess    access;
  PwMode      mode;
  guint       n_fields;
  PwField     fields[PW_MAX_LEVELS + 1];
  guint64     root;      /* physical address of the root table */
  guint       n_steps;
  PwWalkStep  steps[PW_MAX_LEVELS];
  /* result */
  PwFaultKind fault;
  int         fault_depth;   /* -1 where no table was read */
  PwFaultWhy  why;
  guint64     pa;
  guint64     page_size;
  guint64     frame;         /* base frame of the page (pa >> page_shift) */
  int         value;         /* byte at pa, -1 if unknown */
  /* segmentation: which segment, and its base/limit */
  int         segment;
  guint64     seg_base, seg_limit;
} PwWalk;

/* A segment (or base and bounds, as one segment growing up). */
typedef struct
{
  guint64  base;
  guint64  limit;
  gboolean grows_down;
} PwSegment;

/* What to update as the hardware walks: x86 and RISC-V set the accessed bit
 * of every entry used and the dirty bit of the leaf on a write. */
typedef enum
{
  PW_WALK_READ_ONLY = 0,
  PW_WALK_SET_AD    = 1 << 0,
  PW_WALK_NO_VALUE  = 1 << 1,   /* do not look up the byte at the address */
  PW_WALK_NO_FIELDS = 1 << 2,   /* leave the field split empty (n_fields 0):
                                 * for callers that only count */
  PW_WALK_NO_RECORDS = 1 << 3,  /* with PW_WALK_NO_FIELDS: of each step only
                                 * what the kernel reads (depth, entry_pa,
                                 * entry, leaf); name, table, index, known
                                 * and flags left unset: for walks no one
                                 * else reads (pw_machine_set_unread) */
} PwWalkFlags;

/* The kernel's walk that only it reads (pw_machine_set_unread()). */
#define PW_WALK_UNREAD \
  (PW_WALK_SET_AD | PW_WALK_NO_VALUE | PW_WALK_NO_FIELDS | PW_WALK_NO_RECORDS)

void         pw_mmu_walk           (const PwArch    *arch,
                                    PwPhysMem       *mem,
                                    guint64          root_frame,
                                    guint64          va,
                                    PwAccess         access,
                                    PwMode           mode,
                                    PwWalkFlags      flags,
                                    PwWalk          *out);

void         pw_mmu_segment        (const PwArch    *arch,
                                    const PwSegment *segments,
                                    guint            n_segments,
                                    guint64          va,
                                    PwAccess         access,
                                    PwMode           mode,
                                    PwWalk          *out);

/* Only the field split, for drawing an address before the walk. */
void         pw_mmu_split          (const PwArch    *arch,
                                    guint64          va,
                                    PwWalk          *out);

const char  *pw_fault_kind_name    (PwFaultKind      kind);  /* "not-present"... */
const char  *pw_access_name        (PwAccess         access); /* "read"... */
const char  *pw_mode_name          (PwMode           mode);
gboolean     pw_access_from_string (const char      *s,
                                    PwAccess        *out);
/* A sentence for people, translated. */
char        *pw_walk_fault_message (const PwArch    *arch,
                                    const PwWalk    *walk);

/* A walk record's header as no walk has filled it (the field split and the
 * steps empty, no fault, no result): what a walk starts from, and what an
 * access the TLB answers reports. */
static inline void
pw_walk_reset (PwWalk   *w,
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

G_END_DECLS

/* pw-machine-private.h: the kernel's own structures and internal calls
 *
 * Shared by pw-machine.c (lifetime, copies, accessors) and the kernel's
 * parts: pw-kernel-tlb.c (the TLB), pw-kernel-replace.c (the kernel's side
 * of replacement: the evictable set, and the host the policies of
 * pw-policy*.c see), pw-kernel-tables.c (writing page tables), pw-kernel-fault.c
 * (faults, eviction, swap), pw-kernel-claim.c and pw-kernel-setup.c
 * (building the machine a scenario describes) and pw-kernel-step.c (accesses
 * and steps).  Nothing outside src/engine/pw-machine*.c, pw-kernel-*.c and
 * pw-policy*.c includes it.  The rules
 * the kernel follows are in docs/machine.md.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "pw-machine.h"
#include "pw-ranges.h"

G_BEGIN_DECLS

/* Tables of more frames than this are handled by ranges: their frames are
 * not zero-filled one by one (they stay unknown, read as invalid entries),
 * and only the frames holding bytes are visited. */
#define PW_BIG_TABLE_FRAMES 4096

/* Memories of at most this many frames keep their records in an array by
 * first frame (8 MiB of pointers at most, allocated zeroed: untouched parts
 * cost nothing) instead of the hash: no lookup, allocation or hashing on
 * every fault and touch. */
#define PW_FRAME_VEC_MAX (G_GUINT64_CONSTANT (1) << 20)

/* Leaf tables the kernel found or made, by the address range each covers
 * (pwk_leaf_table_find()): the fault path's walks down the table path
 * (counting missing tables, finding where to write the leaf) skip the
 * levels above when the table is known. */
#define PW_LEAF_CACHE 256

typedef struct
{
  guint64 stamp;      /* m->tables_freed + 1 when filled; 0: empty */
  guint64 key;        /* va >> the bits a leaf table covers */
  guint64 root;       /* the process's root frame */
  guint64 table;      /* physical address of the leaf table */
  guint   pid;
} PwLeafLine;

/* the most swap slots modelled (disk.slots) */
#define MAX_SLOTS (G_GUINT64_CONSTANT (1) << 24)

typedef struct _FrameRec FrameRec;
typedef struct _PwPolicyClass PwPolicyClass;   /* pw-policy.h */

struct _FrameRec
{
  PwFrameInfo  info;
  /* next to info, in the same cache line as its first fields: what clock's
   * sweep and the eviction read of every page they pass */
  guint64      pte_pa;      /* data: the owner's leaf entry */
  PwPage      *page;        /* data: the owner's page record */
  guint64      frames;      /* base frames covered */
  guint64      entries;     /* tables: present entries written by the kernel */
  guint64      table_va;    /* tables: first VA the table covers */
  GArray      *mappers;     /* data with sharers > 1: (pid, vpn) pairs */
  char        *share_key;   /* data in a shared region */
  guint64      share_off;
  /* replacement: evictable, and the policies' storage per frame */
  gboolean     eligible;
  FrameRec    *prev, *next; /* fifo: load order; lru/mru: recency */
  gint64       idx;         /* opt: heap index; random: array index */
  guint64      next_use;    /* opt */
};

typedef struct
{
  gboolean used;
  guint    pid;
  guint64  vpn;
  GBytes  *bytes;    /* the page's contents, NULL for unknown (shared by copies) */
} Slot;

struct _PwMachine
{
  const PwScenario *sc;
  PwMachineConfig   cfg;
  const PwArch     *arch;
  PwPhysMem        *mem;
  guint64           n_frames;
  PwRanges         *free;        /* paged: frames; segmented: bytes */
  GHashTable       *frames;      /* first frame -> FrameRec*, every record once,
                                  * for first frames not below n_frame_vec */
  FrameRec        **frame_vec;   /* by first frame, those below n_frame_vec
                                  * (NULL when memory is too large for one) */
  guint64           n_frame_vec;
  FrameRec         *spare_recs;   /* freed records kept for reuse, by next */
  guint             n_spare_recs;
  guint64           tables_freed; /* table records removed so far: a path
                                   * walked before is the same while it stays */
  PwLeafLine        leaf_cache[PW_LEAF_CACHE]; /* valid while tables_freed
                                   * stays (raw tables: not used) */
  GTree            *spans;       /* tables of several frames, by first frame:
                                  * a frame inside one is found by range */
  GPtrArray        *procs;       /* PwProcess*, by pid (in file order while
                                  * set-up runs: sorted once at its end) */
  GHashTable       *pids;        /* pid -> PwProcess* */
  gboolean          unsorted;    /* set-up runs: procs not yet sorted (a policy
                                  * may also defer its ordering until set-up ends) */
  guint             current;
  PwProcess        *last_proc;   /* the process last looked up: nearly every
                                  * access is by the same one (NULL when a
                                  * process was removed since) */
  /* swap */
  guint64           n_slots;
  Slot             *slots;
  PwRanges         *free_slots;
  /* TLB */
  PwTlbEntry       *tlb;
  guint             tlb_sets, tlb_ways, tlb_n;
  guint64           tlb_set_mask; /* tlb_sets - 1 when a power of two: a mask,
                                   * not a division, on every probe */
  gboolean          tlb_sets_pow2;
  guint64           tlb_stamp;
  gboolean          tlb_large;    /* a large page was ever cached: lookups probe every size */
  /* shared regions: "key" -> GHashTable (page offset -> frame) */
  GHashTable       *shares;
  /* replacement (pw-policy.h) */
  PwPolicy             policy;
  const PwPolicyClass *pol;
  gpointer             pol_state;
  GRand               *tlb_rand;
  const guint64       *future;
  guint64              n_future;
  PwFirstUse          *first_use;  /* or NULL (pw_machine_set_future()) */
  /* counters */
  PwStats           stats;
  guint64           n_access;
  guint64           n_data;       /* resident data frames the kernel mapped */
  gboolean          light;        /* no field split nor value on TLB hits */
  gboolean          unread;       /* with light: walks record for the kernel alone
                                  * (PW_WALK_NO_RECORDS) */
  gboolean          large_recs;   /* a data record of several frames was ever
                                   * made: frame lookups try large pages */
  gboolean          large_pages;  /* a page larger than a base page was ever
                                   * made: page lookups try its keys too */
  GBytes           *zero_page;    /* the contents of every zero-filled page on disk */
  gboolean          track_use;    /* the policy needs every use (lru, mru, opt) */
  gboolean          raw_tables;   /* the file gave page tables: they may be
                                   * shared by processes or reached twice */
  guint             steps_done;
  guint64           tick;         /* accesses begun: n_access + 1 during an
                                   * access, n_access between them */
  guint             access_pid;   /* the access running (or the last one) */
  guint64           access_vpn;
  GCancellable     *cancellable;  /* checked between the pages of long steps */
  /* the last step that made no access (pw-kernel-record.c) */
  PwStepRecord      last_step;
  gboolean          has_last_step;
  guint             last_step_done;    /* steps_done and n_access just after it */
  guint64           last_step_access;
  gboolean          step_failed;       /* the step running reported a failure */
};

static inline gboolean
paged (const PwMachine *m)
{
  return m->arch->kind == PW_ARCH_PAGED;
}

/* Whether the hardware keeps a dirty state in leaf entries (a dirty bit, or
 * AArch64's DBM with hardware dirty state).  Without one the kernel must
 * take every writable page for dirty. */
static inline gboolean
hw_dirty_state (const PwArch *a)
{
  return !pw_arch_assume_dirty (a);
}

/* Whether the step running should stop (pw_machine_set_cancellable()). */
static inline gboolean
cancelled (const PwMachine *m)
{
  return m->cancellable != NULL && g_cancellable_is_cancelled (m->cancellable);
}

/* The level of a base page's leaf entry. */
static inline guint
base_level (const PwMachine *m)
{
  return m->arch->n_levels - 1;
}

/* The first TLB entry of the set that @vpn selects. */
static inline PwTlbEntry *
tlb_set (const PwMachine *m,
         guint64          vpn)
{
  guint64 set = m->tlb_sets_pow2 ? vpn & m->tlb_set_mask : vpn % m->tlb_sets;
  return &m->tlb[set * m->tlb_ways];
}

static inline PwProt
pwk_access_prot (PwAccess access)
{
  switch (access)
    {
    case PW_ACCESS_READ: return PW_PROT_R;
    case PW_ACCESS_WRITE: return PW_PROT_W;
    case PW_ACCESS_EXEC: return PW_PROT_X;
    default: return 0;
    }
}

/* pw-machine.c: processes, pages and frame records */
PwProcess  *pwk_process_new        (guint pid, const char *name);
void        pwk_process_free       (PwProcess *p);
void        pwk_region_clear       (gpointer data);
void        pwk_insert_region      (PwProcess *p, const PwRegion *r);
PwProcess  *pwk_lookup_mut         (PwMachine *m, guint pid);
PwPage     *pwk_page_lookup        (const PwMachine *m, const PwProcess *p, guint64 va);
PwPage     *pwk_page_add           (PwProcess *p, guint64 vpn);
FrameRec   *pwk_frame_rec_slow     (const PwMachine *m, guint64 frame);
/* every record once (m->frame_vec's, then the hash's) */
GPtrArray  *pwk_all_recs           (const PwMachine *m);
FrameRec   *pwk_rec_new            (PwMachine *m, guint64 frame, guint64 n, PwFrameUse use);
void        pwk_rec_remove         (PwMachine *m, FrameRec *r);
GHashTable *pwk_share_table_new    (void);
GHashTable *pwk_frames_new         (void);
GTree      *pwk_spans_new          (void);

/* The record of @frame: the one starting there, or the table or large page
 * holding it; NULL for a free frame.  Records starting at a frame of
 * m->frame_vec are found here, the others out of line. */
static inline FrameRec *
pwk_frame_rec (const PwMachine *m,
               guint64          frame)
{
  if (frame < m->n_frame_vec && m->frame_vec[frame] != NULL)
    return m->frame_vec[frame];
  return pwk_frame_rec_slow (m, frame);
}

/* pw-kernel-tlb.c */
void        pwk_tlb_flush_all      (PwMachine *m);
void        pwk_tlb_flush_pid      (PwMachine *m, guint pid);
void        pwk_tlb_shootdown      (PwMachine *m, guint pid, guint64 va, guint64 size);
PwTlbEntry *pwk_tlb_lookup         (PwMachine *m, guint pid, guint64 va);
void        pwk_tlb_insert         (PwMachine *m, guint pid, const PwWalk *w);
gboolean    pwk_tlb_permits        (PwMachine *m, PwTlbEntry *e, const PwProcess *p,
                                    guint64 va, PwAccess access);

/* pw-kernel-replace.c: the kernel calls the policy only through these (and
 * pwk_touch_rec() in pw-policy.h) */
void        pwk_replace_init       (PwMachine *m);
void        pwk_replace_free       (PwMachine *m);
/* @map: the source's FrameRec* -> the copy's FrameRec* */
void        pwk_replace_copy       (PwMachine *m, const PwMachine *src, GHashTable *map);
void        pwk_eligible_add       (PwMachine *m, FrameRec *r);
void        pwk_eligible_remove    (PwMachine *m, FrameRec *r);
FrameRec   *pwk_choose_victim      (PwMachine *m);

/* pw-kernel-tables.c */
void        pwk_fill_invalid       (PwMachine *m, guint64 frame, guint64 n);
void        pwk_forget_range       (PwMachine *m, guint64 frame, guint64 n);
gboolean    pwk_any_image          (const PwMachine *m, guint64 frame, guint64 n);
gboolean    pwk_alloc_table        (PwMachine *m, guint level, guint pid, guint64 va,
                                    PwEvent *ev, guint64 *out);
gboolean    pwk_alloc_data         (PwMachine *m, PwEvent *ev, guint64 *out);
gboolean    pwk_map_resident       (PwMachine *m, PwProcess *p, PwPage *pg, guint64 frame,
                                    gboolean writable, PwEvent *ev, GError **error);
gboolean    pwk_unmap_resident     (PwMachine *m, PwProcess *p, PwPage *pg,
                                    gboolean release_frame);
void        pwk_rewrite_leaf_prot  (PwMachine *m, PwProcess *p, PwPage *pg, gboolean writable);
void        pwk_scan_raw_tables    (PwMachine *m, guint pid, guint64 frame, guint level,
                                    guint64 va);
guint64     pwk_missing_tables     (PwMachine *m, PwProcess *p, guint64 va, guint target);

/* pw-kernel-fault.c */
gboolean    pwk_slot_take          (PwMachine *m, guint pid, guint64 vpn, guint64 *slot);
void        pwk_slot_release       (PwMachine *m, guint64 slot);
gboolean    pwk_evict_one          (PwMachine *m, PwEvent *ev);
gboolean    pwk_make_room          (PwMachine *m, PwProcess *p, guint64 va, guint64 data,
                                    PwEvent *ev);
gboolean    pwk_handle_fault       (PwMachine *m, PwProcess *p, PwEvent *ev);

/* pw-kernel-claim.c */
gboolean    pwk_claim              (PwMachine *m, guint64 frame, guint64 n, const char *path,
                                    const char *what, GError **error);
gboolean    pwk_claim_around       (PwMachine *m, guint64 frame, guint64 n, const GArray *images,
                                    const char *path, const char *what, GError **error);
gboolean    pwk_claim_images       (PwMachine *m, GArray **images, GError **error);
gboolean    pwk_claim_pins         (PwMachine *m, const GArray *images, GError **error);

/* pw-kernel-setup.c */
void        pwk_add_process_sorted (PwMachine *m, PwProcess *p);
PwProcess  *pwk_create_process     (PwMachine *m, const PwProcessSpec *spec, PwEvent *ev,
                                    PwKernelFault *fault, GError **error);

/* pw-kernel-record.c: what a step that made no access did
 * (pw_machine_last_step()).  _begin before the step, _end after it
 * succeeded (before steps_done moves on). */
typedef struct
{
  PwStepRecord  rec;
  guint64       free_frames, free_slots, n_data, tables_freed, pages, shared;
  guint64       cow_parent;
  guint         tlb_valid;
  GArray       *prots;   /* commit: (vpn, prot) of resident pages in the range */
} PwkStepSnap;

void        pwk_record_begin       (PwMachine *m, const PwStep *step, PwkStepSnap *snap);
void        pwk_record_end         (PwMachine *m, const PwStep *step, PwkStepSnap *snap);
void        pwk_record_drop        (PwkStepSnap *snap);

/* pw-kernel-step.c */
/* FALSE when @may_stop and the machine's cancellable stopped it: the
 * process is still there, with the pages not yet released. */
gboolean    pwk_exit_process       (PwMachine *m, PwProcess *p, gboolean may_stop);

/* pwk_tlb_lookup() and pwk_tlb_permits() inlined for the access path: the
 * base page size's set probed here, the rest out of line. */
static inline PwTlbEntry *
pwk_tlb_lookup_fast (PwMachine *m,
                     guint      pid,
                     guint64    va)
{
  guint shift = m->arch->page_shift;
  guint64 vpn = va >> shift;
  PwTlbEntry *set = tlb_set (m, vpn);
  guint ways = m->tlb_ways;

  /* the page number first: it tells most ways apart */
  for (guint w = 0; w < ways; w++)
    if (set[w].vpn == vpn && set[w].valid && set[w].pid == pid
        && set[w].size == (G_GUINT64_CONSTANT (1) << shift))
      return &set[w];
  return m->tlb_large ? pwk_tlb_lookup (m, pid, va) : NULL;
}

/* pwk_tlb_shootdown() with its commonest case inline (the clock's sweep, an
 * eviction): one base page, tables the kernel's own, no large page ever
 * cached: only the base size's set is probed. */
static inline void
pwk_tlb_shootdown_fast (PwMachine *m,
                        guint      pid,
                        guint64    va,
                        guint64    size)
{
  if (m->tlb_n != 0 && !m->raw_tables && !m->tlb_large
      && size <= pw_arch_page_size (m->arch))
    {
      PwTlbEntry *e = pwk_tlb_lookup_fast (m, pid, va);

      if (e != NULL)
        e->valid = FALSE;
      return;
    }
  pwk_tlb_shootdown (m, pid, va, size);
}

static inline gboolean
pwk_tlb_permits_fast (PwMachine       *m,
                      PwTlbEntry      *e,
                      const PwProcess *p,
                      guint64          va,
                      PwAccess         access)
{
  PwProt bit = pwk_access_prot (access);

  if (e->checked & bit)
    return (e->allowed & bit) != 0;
  return pwk_tlb_permits (m, e, p, va, access);
}

G_END_DECLS

/* pw-machine.h: the kernel and the machine it runs on
 *
 * The machine holds physical memory, swap, the TLB and the processes; the
 * kernel part (pw-machine.c, pw-kernel-*.c) writes page tables the way an OS
 * does, answers faults, swaps and replaces pages.  The MMU (pw-mmu.c) is
 * called for every translation.  Structures below are read-only for callers
 * outside the engine (renderer, CLI, app).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <glib.h>

#include "pw-arch.h"
#include "pw-future.h"
#include "pw-mmu.h"
#include "pw-physmem.h"
#include "pw-scenario.h"

G_BEGIN_DECLS

typedef struct
{
  guint64        start;
  guint64        size;
  PwRegionState  state;
  PwProt         prot;
  char          *name;
  gboolean       kernel;
  char          *share;
} PwRegion;

typedef struct
{
  guint64   vpn;        /* virtual page number, in base pages */
  guint64   size;       /* bytes */
  gboolean  resident;
  guint64   frame;      /* first base frame, when resident */
  gboolean  on_disk;    /* has a swap slot holding its contents */
  guint64   slot;
  PwProt    prot;
  gboolean  kernel;
  gboolean  pinned;     /* placed by the scenario's map (may be evicted like any page) */
  gboolean  cow;        /* shared copy-on-write after fork */
  gboolean  zero;       /* zero-filled on first touch: if clean, still all zeros */
  guint64   loaded_at;  /* access counter when made resident (fifo) */
  guint64   used_at;    /* access counter at last use (lru, mru) */
} PwPage;

typedef struct
{
  guint       pid;
  char       *name;
  gboolean    has_root;
  guint64     root;       /* first frame of the top-level table */
  GArray     *regions;    /* PwRegion, sorted by start */
  GHashTable *pages;      /* vpn (guint64*) -> PwPage* */
  GArray     *segments;   /* PwSegment, for base-bounds and segmented */
} PwProcess;

typedef enum
{
  PW_FRAME_FREE,
  PW_FRAME_DATA,
  PW_FRAME_TABLE,
} PwFrameUse;

typedef struct
{
  guint64     frame;
  PwFrameUse  use;
  guint       pid;      /* owner (first owner of a shared frame); 0 if none */
  guint64     vpn;      /* data: the virtual page; table: the first page it covers */
  guint       level;    /* table: its level */
  guint       sharers;  /* data: number of mappings of this frame */
  guint64     count;    /* base frames covered (tables larger than a page, large pages) */
  gboolean    image;    /* contents came from frame_image */
} PwFrameInfo;

typedef struct
{
  gboolean  valid;
  guint     pid;        /* address-space id when tagged */
  guint64   vpn;        /* va >> log2(size) */
  guint64   size;
  guint64   frame;      /* base frame of the page */
  PwProt    prot;
  gboolean  user;
  gboolean  dirty;      /* the leaf was dirty when cached (or the
                         * architecture keeps no dirty state) */
  guint64   stamp;      /* lru: last use; fifo: insertion */
  PwProt    checked;    /* access kinds whose outcome the walk has given */
  PwProt    allowed;    /* those of @checked the walk allowed */
} PwTlbEntry;

typedef enum
{
  PW_TLB_OFF,
  PW_TLB_HIT,
  PW_TLB_MISS,
} PwTlbResult;

typedef enum
{
  PW_KF_NONE,
  PW_KF_MINOR,
  PW_KF_MAJOR,
  PW_KF_PROTECTION,
  PW_KF_SEGMENTATION,
  PW_KF_OUT_OF_MEMORY,
} PwKernelFault;

typedef struct
{
  gboolean  happened;
  guint     pid;
  guint64   vpn;
  guint64   frame;
  gboolean  dirty;
  gboolean  to_disk;   /* the page's contents are in swap slot @slot after the
                        * eviction: written there now, or already there */
  gboolean  written;   /* the frame was written to @slot (a write-back); FALSE
                        * when the page was dropped: clean with a current copy
                        * in its slot, or a zero page nobody wrote */
  guint64   slot;
} PwEviction;

/* One access (or one step) and everything the machine did for it. */
typedef struct
{
  guint64        i;          /* access number, from 0 */
  guint          step;       /* scenario step index, or G_MAXUINT for a trace line */
  PwStepKind     kind;
  guint          pid;
  PwAccess       access;
  guint64        va;
  guint64        vpn;
  PwTlbResult    tlb;
  PwKernelFault  fault;
  gboolean       ok;         /* the access completed */
  guint64        pa;
  PwEviction     evicted;    /* the first page this access evicted */
  guint          n_evicted;  /* pages this access evicted (room for the data
                              * page and for missing page tables) */
  gboolean       cow_copy;   /* a copy-on-write page was copied */
  gboolean       zeroed;     /* a fresh zeroed frame was used (minor fault) */
  guint64        new_frame;  /* frame given by the fault handler */
  guint64        read_slot;  /* major fault: the slot read back */
  PwWalk         walk;       /* the first walk (the faulting one on a fault) */
  gboolean       retried;
  PwWalk         retry;      /* the walk after the kernel fixed the fault */
  char          *message;    /* for failed steps (spawn refused...), or NULL */
} PwEvent;

typedef struct
{
  guint64 accesses;
  guint64 tlb_hits;
  guint64 tlb_misses;
  guint64 page_faults;
  guint64 major_faults;
  guint64 evictions;
  guint64 writebacks;
  guint64 walk_reads;
} PwStats;

typedef struct _PwMachine PwMachine;

/* What a run may change of the scenario's machine without changing the
 * scenario: the replacement policy, the data-frame quota and the TLB.
 * pw_machine_config_from_scenario() gives the scenario's own settings. */
typedef struct
{
  PwPolicy     policy;
  guint64      data_frames;  /* 0, or the most frames data pages may hold */
  gboolean     tlb;
  guint        tlb_entries;
  guint        tlb_ways;
  PwTlbPolicy  tlb_policy;
  gboolean     tlb_asid;
} PwMachineConfig;

void              pw_machine_config_from_scenario (const PwScenario *scenario,
                                                   PwMachineConfig  *config);

/* Sets up the machine the scenario describes, with the scenario's own
 * settings; errors carry the file name and JSON path. */
PwMachine        *pw_machine_new            (const PwScenario *scenario,
                                             GError          **error);
/* The same with @config (NULL: the scenario's settings) in force. */
PwMachine        *pw_machine_new_full       (const PwScenario      *scenario,
                                             const PwMachineConfig *config,
                                             GError               **error);
/* The settings in force. */
const PwMachineConfig *pw_machine_config    (const PwMachine  *machine);
PwMachine        *pw_machine_copy           (const PwMachine  *machine);
void              pw_machine_free           (PwMachine        *machine);

const PwScenario *pw_machine_scenario       (const PwMachine  *machine);
const PwArch     *pw_machine_arch           (const PwMachine  *machine);
PwPhysMem        *pw_machine_physmem        (PwMachine        *machine);
guint64           pw_machine_n_frames       (const PwMachine  *machine);
guint64           pw_machine_disk_slots     (const PwMachine  *machine);
/* Processes in pid order. */
guint             pw_machine_n_processes    (const PwMachine  *machine);
const PwProcess  *pw_machine_process        (const PwMachine  *machine,
                                             guint             index);
const PwProcess  *pw_machine_lookup         (const PwMachine  *machine,
                                             guint             pid);
guint             pw_machine_current_pid    (const PwMachine  *machine);
/* Used frames in ascending order (array of PwFrameInfo, free with g_array_unref). */
GArray           *pw_machine_used_frames    (const PwMachine  *machine);
const PwFrameInfo *pw_machine_frame_info    (const PwMachine  *machine,
                                             guint64           frame);
/* The pids that map data frame @frame, ascending, each once, into @pids
 * (guint; emptied first): several for a shared or copy-on-write frame. */
void              pw_machine_frame_mappers  (const PwMachine  *machine,
                                             guint64           frame,
                                             GArray           *pids);
/* Swap: (pid, vpn) of @slot; FALSE when free. */
gboolean          pw_machine_slot_owner     (const PwMachine  *machine,
                                             guint64           slot,
                                             guint            *pid,
                                             guint64          *vpn);
guint             pw_machine_tlb_size       (const PwMachine  *machine);
const PwTlbEntry *pw_machine_tlb_entry      (const PwMachine  *machine,
                                             guint             index);
const PwStats    *pw_machine_stats          (const PwMachine  *machine);
/* Pages of @process sorted by vpn (a new array of PwPage* owned by the
 * machine; free the array with g_ptr_array_unref). */
GPtrArray        *pw_machine_sorted_pages   (const PwMachine  *machine,
                                             const PwProcess  *process);
/* Whether @region's protection allows @access: a read needs R, a write W,
 * an execution X (the kernel's test on a fault; who may reach a kernel
 * region is the caller's to check). */
gboolean          pw_region_allows          (const PwRegion   *region,
                                             PwAccess          access);
/* The region containing @va, or NULL (free space). */
const PwRegion   *pw_process_find_region    (const PwProcess  *process,
                                             guint64           va);

/* The hardware walk alone: no TLB, no fault handling, no change of state. */
gboolean          pw_machine_translate      (PwMachine        *machine,
                                             guint             pid,
                                             guint64           va,
                                             PwAccess          access,
                                             PwMode            mode,
                                             PwWalk           *out,
                                             GError          **error);

typedef void (*PwEventFunc) (const PwEvent *ev,
                             gpointer       user_data);

/* Runs one step through the TLB, the MMU and the kernel.  @func is called
 * for every access the step makes (a `touch` makes one per page) and once for
 * a step that fails (a refused spawn, a switch to no process...); successful
 * steps that access nothing report nothing.  @func may be NULL. */
void              pw_machine_step           (PwMachine        *machine,
                                             const PwStep     *step,
                                             PwEventFunc       func,
                                             gpointer          user_data);
/* The most pages one `touch` step may touch: a larger touch is a failed step
 * (docs/machine.md). */
#define PW_MACHINE_MAX_TOUCH_PAGES (G_GUINT64_CONSTANT (1) << 24)

/* Long steps (a touch, a fork or an exit over many pages, a decommit or free
 * of many pages) check @cancellable (may be NULL) between pages: once it is
 * cancelled they stop and fail with a "cancelled" message, leaving the
 * machine consistent with the part done (a cancelled fork leaves no child).
 * The machine keeps a reference; copies share it. */
void              pw_machine_set_cancellable (PwMachine       *machine,
                                              GCancellable    *cancellable);
/* Number of scenario steps run so far by pw_machine_step(). */
guint             pw_machine_steps_done     (const PwMachine  *machine);
/* Number of accesses made so far (the next access gets this index). */
guint64           pw_machine_n_accesses     (const PwMachine  *machine);
/* For `opt`: next_use[i] is the index of the next access to the same
 * (pid, page) after access i, or G_MAXUINT64 for never.  The machine keeps a
 * reference to @next_use (it must outlive the machine and its copies). */
void              pw_machine_set_future     (PwMachine        *machine,
                                             const guint64    *next_use,
                                             guint64           n);
/* The same, with @first_use (pw_future_finish_full(); may be NULL): the
 * pages resident now (a scenario's `map` pins) and the pages made evictable
 * outside an access to them get their true next use: the first access to
 * them at or after pw_machine_n_accesses().  Without it they count as never
 * used again.  The machine and its copies keep a reference to @first_use. */
void              pw_machine_set_future_full (PwMachine       *machine,
                                              const guint64   *next_use,
                                              guint64          n,
                                              PwFirstUse      *first_use);

/* ---- what a step that made no access did, for drawing it ----------------- */

/* The most region pieces a step record keeps of a range (or of an exited
 * process's regions); n_before and n_after count them all. */
#define PW_STEP_MAX_PIECES 6

typedef struct
{
  guint64        start;
  guint64        size;
  PwRegionState  state;   /* PW_REGION_FREE: no region there */
  PwProt         prot;
} PwRegionPiece;

/* A switch, reserve, commit, decommit, free, spawn, exit or fork that
 * succeeded, as the kernel did it (docs/machine.md).  Counts are exact. */
typedef struct
{
  PwStepKind     kind;
  guint          step;           /* the scenario step's index */
  guint          pid;            /* switch: the new process; fork: the parent;
                                  * else the process the step is about */
  guint          other_pid;      /* switch: the process before (0: none);
                                  * fork: the child; exit: the current process
                                  * after (0: none) */
  char           name[64];       /* exit: the process's name (cut at 63 bytes
                                  * on a character boundary; "" for none) */
  gboolean       has_old_root;
  guint64        old_root;       /* switch: the root before; exit: the root freed */
  gboolean       has_new_root;
  guint64        new_root;       /* switch: the root loaded; fork: the child's
                                  * new root; spawn: the new process's */
  gboolean       tlb;            /* the machine has a TLB */
  guint          tlb_dropped;    /* valid TLB entries the step invalidated */
  guint          tlb_kept;       /* valid TLB entries after the step */
  guint64        tables_made;    /* fork, spawn: page-table frames of the new
                                  * process (its root included) */
  guint64        tables_freed;   /* page-table frames returned to free memory */
  guint64        frames_freed;   /* data frames returned to free memory */
  guint64        pages_released; /* pages the process no longer has (resident or on disk) */
  guint64        slots_freed;    /* swap slots freed */
  guint64        frames_kept;    /* exit, decommit, free: resident pages released
                                  * whose frame stays, another mapping sharing it */
  guint64        entries_copied; /* fork: leaf entries written in the child for
                                  * resident pages (they map the parent's frames) */
  guint64        cow_marked;     /* fork: writable pages made read-only,
                                  * copy-on-write, by this fork */
  guint64        cow_shared;     /* fork: the child's pages shared copy-on-write */
  guint64        slots_copied;   /* fork: pages on disk copied to new slots */
  guint64        entries_rewritten; /* commit: resident pages given the new protection */
  guint64        start;          /* range steps: the range */
  guint64        size;           /* range steps: its size; exit without pages:
                                  * the bytes freed */
  guint          n_before;       /* range steps: pieces of the range before the
                                  * step; exit: the process's regions (segments) */
  guint          n_after;        /* range steps: pieces of the range after */
  PwRegionPiece  before[PW_STEP_MAX_PIECES];
  PwRegionPiece  after[PW_STEP_MAX_PIECES];
} PwStepRecord;

/* What the last thing the machine did was, when it was one of the steps
 * above and succeeded: no step nor access has run since.  NULL otherwise
 * (set-up, an access, a touch, a failed step).  Valid until the machine
 * changes; copies keep it. */
const PwStepRecord *pw_machine_last_step    (const PwMachine  *machine);

/* ---- the replacement policy's state, for drawing it (docs/machine.md) --- */

typedef struct
{
  guint     pid;
  guint64   vpn;
  guint64   frame;
  gboolean  use_bit;    /* the leaf entry's accessed bit (clock's use bit) */
  guint64   next_use;   /* opt: index of the page's next access, G_MAXUINT64
                         * for never; other policies: G_MAXUINT64 */
  guint64   loaded_at;  /* access counter when made resident */
  guint64   used_at;    /* access counter at last use (lru, mru, opt only) */
} PwPolicyEntry;

typedef struct
{
  PwPolicy  policy;
  GArray   *entries;      /* PwPolicyEntry, every evictable resident page in
                           * the policy's order: fifo: load order; lru, mru:
                           * least recently used first; opt: the order of
                           * eviction (furthest next use first); clock and
                           * random: frame order */
  gint      next_victim;  /* the index in @entries of the page a fault would
                           * evict now, or -1 (nothing evictable) */
  gint      hand;         /* clock: the index in @entries the hand points at,
                           * else -1 */
} PwPolicyState;

/* Fills @out (which the caller then clears with pw_policy_state_clear());
 * changes nothing in the machine: clock's sweep is simulated without
 * clearing bits, random's next draw comes from a copy of its generator. */
void              pw_machine_describe_policy (const PwMachine *machine,
                                              PwPolicyState   *out);
void              pw_policy_state_clear     (PwPolicyState    *state);

/* One access by @pid (0: the current process). */
void              pw_machine_access         (PwMachine        *machine,
                                             guint             pid,
                                             PwAccess          access,
                                             guint64           va,
                                             PwEvent          *ev);
void              pw_event_clear            (PwEvent          *ev);
/* With @detail FALSE, no access fills its walks' field split
 * (ev->walk.fields, n_fields 0) nor the byte at the address (value -1):
 * for long runs that only count. Default TRUE. */
void              pw_machine_set_detail     (PwMachine        *machine,
                                             gboolean          detail);
/* With @unread TRUE and detail off, no one reads the events' walk records
 * but the kernel: each step keeps its depth, entry address, entry and leaf
 * mark, not its name, table, index, known mark or flags.  Statistics, page
 * states, memory and the TLB are what they would be without it.  For
 * replays that hand events to no one (pw_run_replay() without a function
 * sets it while it replays the trace). Default FALSE. */
void              pw_machine_set_unread     (PwMachine        *machine,
                                             gboolean          unread);
gboolean          pw_machine_get_unread     (const PwMachine  *machine);

const char       *pw_kernel_fault_name      (PwKernelFault     fault);
const char       *pw_tlb_result_name        (PwTlbResult       result);

G_END_DECLS

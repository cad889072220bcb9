/* pw-timeline-summary.h: what every step of a run did, in a byte, and its
 * events, compact
 *
 * The timeline searches (next fault, previous eviction, next TLB miss) and
 * the event list read this summary, made once per document by a worker
 * thread that runs the document's run (PwRun) on a machine of its own from
 * the first position to the last.  Per position it keeps one byte of flags
 * (PwSummaryFlags); per event (what `pagewalk-cli run` reports, in the same
 * order) 18 bytes: the address, the position, the pid and the kinds, with
 * the victims of evictions in a sparse array.  A 3-million-access trace
 * costs about 57 MB; at most PW_SUMMARY_MAX_EVENTS events are kept (the
 * flags cover every position whatever the length).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pw-document.h"
#include "pw-machine.h"

G_BEGIN_DECLS

/* What a position did (the OR over its events). */
typedef enum
{
  PW_SUMMARY_MINOR       = 1 << 0,   /* a minor page fault */
  PW_SUMMARY_MAJOR       = 1 << 1,   /* a major page fault */
  PW_SUMMARY_OTHER_FAULT = 1 << 2,   /* protection, segmentation, out of memory */
  PW_SUMMARY_EVICTION    = 1 << 3,
  PW_SUMMARY_TLB_MISS    = 1 << 4,
  PW_SUMMARY_WRITEBACK   = 1 << 5,
  PW_SUMMARY_FAILED      = 1 << 6,   /* a step that failed without an access */
  PW_SUMMARY_ACCESS      = 1 << 7,   /* made at least one access */
} PwSummaryFlags;

#define PW_SUMMARY_FAULT (PW_SUMMARY_MINOR | PW_SUMMARY_MAJOR | PW_SUMMARY_OTHER_FAULT)

/* The most events the summary keeps (16 Mi, about 300 MB). */
#define PW_SUMMARY_MAX_EVENTS (1u << 24)

typedef struct _PwSummary PwSummary;

/* One event as the event list shows it. */
typedef struct
{
  guint64        i;          /* access number (`run`'s "i"), G_MAXUINT64 for a failed step */
  guint          position;   /* the position that made it, from 0: the app's step position + 1 */
  PwStepKind     kind;
  guint          pid;
  PwAccess       access;
  guint64        va;
  PwTlbResult    tlb;
  PwKernelFault  fault;
  gboolean       failed;     /* a step that failed without an access */
  gboolean       evicted;
  guint          evicted_pid;
  guint64        evicted_vpn;
  gboolean       written;    /* the victim was written back to its slot */
  gboolean       to_disk;    /* the victim's contents are in swap slot @slot */
  guint64        slot;
  guint          n_evicted;
} PwSummaryEvent;

/* What the event list shows. */
typedef enum
{
  PW_SUMMARY_SHOW_ALL,
  PW_SUMMARY_SHOW_FAULTS,
  PW_SUMMARY_SHOW_EVICTIONS,
  PW_SUMMARY_SHOW_TLB_MISSES,
} PwSummaryShow;

/* Summarises @doc's run in a worker thread (the document is kept alive
 * until the worker ends).  *@progress (when given) is set atomically to
 * the work done in thousandths; it must stay valid until @callback runs. */
void        pw_summary_compute_async  (PwDocument          *doc,
                                       gint                *progress,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
PwSummary  *pw_summary_compute_finish (GAsyncResult        *result,
                                       GError             **error);
/* The same, in the calling thread. */
PwSummary  *pw_summary_compute        (PwDocument          *doc,
                                       gint                *progress,
                                       GCancellable        *cancellable,
                                       GError             **error);
/* A summary is reference-counted (the timeline and the event list's model
 * each keep one); pw_summary_free() drops a reference. */
PwSummary  *pw_summary_ref            (PwSummary           *summary);
void        pw_summary_free           (PwSummary           *summary);

guint       pw_summary_n_positions    (const PwSummary     *summary);
guint8      pw_summary_flags          (const PwSummary     *summary,
                                       guint                position);
/* The first position at or after @from (forward) or the last one before
 * @from (backward) whose flags meet @mask, or G_MAXUINT. */
guint       pw_summary_find           (const PwSummary     *summary,
                                       guint                from,
                                       guint8               mask,
                                       gboolean             forward);
/* How many positions in [@start, @end) meet @mask. */
guint       pw_summary_count          (const PwSummary     *summary,
                                       guint                start,
                                       guint                end,
                                       guint8               mask);

guint       pw_summary_n_events       (const PwSummary     *summary);
/* TRUE when the run made more than PW_SUMMARY_MAX_EVENTS events: the
 * later ones are not listed. */
gboolean    pw_summary_truncated      (const PwSummary     *summary);
void        pw_summary_event          (const PwSummary     *summary,
                                       guint                index,
                                       PwSummaryEvent      *out);
/* The index of the first event made at or after @position
 * (pw_summary_n_events() when none). */
guint       pw_summary_first_event_at (const PwSummary     *summary,
                                       guint                position);
/* The indices (guint) of the events @show picks, of process @pid only
 * when @pid is not 0, in order. */
GArray     *pw_summary_filter         (const PwSummary     *summary,
                                       PwSummaryShow        show,
                                       guint                pid);
/* TRUE when some access went through a TLB (hit or miss). */
gboolean    pw_summary_has_tlb        (const PwSummary     *summary);
/* The pids the events name, ascending. */
GArray     *pw_summary_pids           (const PwSummary     *summary);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwSummary, pw_summary_free)

G_END_DECLS

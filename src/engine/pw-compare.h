/* pw-compare.h: one scenario under several policies and memory sizes
 *
 * What `pagewalk-cli compare`, the compare view and the app's comparison
 * share: every figure comes from real runs (PwRun) of the engine, one per
 * policy and data-frame count, so the CLI and the app compute them once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pw-run.h"

G_BEGIN_DECLS

/* The most references the frames-over-time table holds; a longer run gives
 * fault counts only. */
#define PW_COMPARE_TABLE_MAX 40
/* The most frame counts a sweep runs (1 to N). */
#define PW_COMPARE_MAX_FRAMES 64

typedef struct
{
  PwPolicy  policy;
  guint64   frames;        /* data frames, 0: the scenario's quota */
  guint64   accesses;
  guint64   page_faults;
  guint64   major_faults;
  guint64   evictions;
} PwCompareResult;

/* One reference of the table: an access and what each policy did. */
typedef struct
{
  guint     pid;
  guint64   vpn;
} PwComparePage;

typedef struct
{
  guint      n_policies;
  PwPolicy  *policies;
  guint      n_frames;
  guint64   *frames;        /* the frame counts, 0: the scenario's quota */
  /* n_frames * n_policies results, frame count major:
   * results[f * n_policies + p] */
  PwCompareResult *results;

  /* The table of frames over time (OSTEP's figure) at @table_frames data
   * frames, for runs of at most PW_COMPARE_TABLE_MAX accesses; n_refs is 0
   * beyond. */
  guint64         table_frames;
  guint           n_refs;
  PwComparePage  *refs;      /* n_refs: the page each access touches */
  guint           n_rows;    /* the most pages resident at once under any policy */
  /* per policy: n_refs * n_rows cells, column major (cells[p][i * n_rows + r]):
   * the page in the row-th frame (frames in the order they were first
   * filled) after access i, vpn G_MAXUINT64 for an empty frame */
  PwComparePage **cells;
  gboolean      **faults;    /* per policy: n_refs, access i faulted */
} PwCompare;

/* Called after each run with the runs done and the runs in all. */
typedef void (*PwCompareProgress) (guint    done,
                                   guint    total,
                                   gpointer user_data);

/* Runs @base's scenario and trace under each of @policies with each of
 * @frames (0: the scenario's quota); @table_frames is the frame count of
 * the table (0: the scenario's quota).  NULL with @error on a run error or
 * when @cancellable is cancelled. */
PwCompare *pw_compare_run          (PwRun              *base,
                                    const PwPolicy     *policies,
                                    guint               n_policies,
                                    const guint64      *frames,
                                    guint               n_frames,
                                    guint64             table_frames,
                                    PwCompareProgress   progress,
                                    gpointer            user_data,
                                    GCancellable       *cancellable,
                                    GError            **error);
void       pw_compare_free         (PwCompare          *cmp);

/* The six policies in the order the comparison shows them: fifo, lru, opt,
 * clock, mru, random. */
const PwPolicy *pw_compare_all_policies (guint *n);
/* The sweep 1 to N frames for @base: N is the number of distinct data pages
 * the run touches, at least the scenario's quota, at most
 * PW_COMPARE_MAX_FRAMES.  Fills @out (room for PW_COMPARE_MAX_FRAMES) and
 * returns N. */
guint      pw_compare_sweep_frames (PwRun              *base,
                                    guint64            *out,
                                    GCancellable       *cancellable,
                                    GError            **error);
/* The result of @policy at frame count @frames, or NULL. */
const PwCompareResult *pw_compare_lookup (const PwCompare *cmp,
                                          PwPolicy         policy,
                                          guint64          frames);
/* The CSV: a header line, then one line per policy and frame count:
 * policy,frames,accesses,page_faults,major_faults,evictions,hits,miss_ratio */
char      *pw_compare_csv          (const PwCompare    *cmp);
/* Writes pw_compare_csv() to @path through a temporary file beside it,
 * renamed when complete. */
gboolean   pw_compare_write_csv    (const PwCompare    *cmp,
                                    const char         *path,
                                    GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwCompare, pw_compare_free)

G_END_DECLS

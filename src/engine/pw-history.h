/* pw-history.h: any earlier step, reached again cheaply and exactly
 *
 * Checkpoints (copies of the machine every few positions) plus
 * deterministic replay: the state after position n is the nearest
 * checkpoint at or before n, copied, with the positions after it run again.
 * A position is a step of a list (pw_history_new()) or a position of a run
 * (pw_history_new_for_run(): a scenario step or a trace access), so `opt`
 * has its future at every position.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "pw-machine.h"
#include "pw-run.h"
#include "pw-trace.h"

G_BEGIN_DECLS

typedef struct _PwHistory PwHistory;

/* The positions of @run (pw-run.h: its steps, then its trace accesses) with
 * its machine settings and, for `opt`, its future.  The history keeps a
 * reference to @run; the run's scenario must outlive both. */
PwHistory       *pw_history_new_for_run (PwRun           *run,
                                         GError         **error);
/* @steps: the steps to scrub through (PwStep), or NULL for the scenario's
 * own.  The history keeps a reference to @steps and to @scenario. */
PwHistory       *pw_history_new        (const PwScenario *scenario,
                                        GArray           *steps,
                                        GError          **error);
void             pw_history_free       (PwHistory        *history);
guint            pw_history_n_steps    (const PwHistory  *history);
/* The run of a history made by pw_history_new_for_run(), else NULL. */
PwRun           *pw_history_get_run    (const PwHistory  *history);
guint            pw_history_position   (const PwHistory  *history);
guint            pw_history_n_checkpoints (const PwHistory *history);
/* The machine after the first @n positions (0: just set up); owned by the
 * history and valid until the next call.  When @func is given, it receives
 * the events of position @n - 1 (the last one run), if @n > 0. */
PwMachine       *pw_history_seek       (PwHistory        *history,
                                        guint             n,
                                        PwEventFunc       func,
                                        gpointer          user_data);

/* Long steps (a touch of many pages, a fork or an exit of a large process)
 * run by later seeks stop between pages once @cancellable (may be NULL) is
 * cancelled: the step then fails with a "cancelled" notice
 * (pw_machine_set_cancellable()).  The app sets it while it runs a script in
 * a worker thread, so that Cancel interrupts a long step. */
void             pw_history_set_cancellable (PwHistory    *history,
                                             GCancellable *cancellable);

/* The scenario's steps followed by one access step per trace access (a
 * history through a trace without a PwRun; PwRun holds a trace in less
 * memory and gives `opt` its future).  The scenario's steps are shallow
 * copies: @scenario must outlive the array. */
GArray          *pw_history_steps_with_trace (const PwScenario *scenario,
                                              const char       *trace_path,
                                              PwTraceFormat     format,
                                              GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwHistory, pw_history_free)

G_END_DECLS

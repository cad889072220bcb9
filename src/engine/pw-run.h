/* pw-run.h: one run of a scenario — its machine settings, its trace, its future
 *
 * A run is what `pagewalk-cli run`, `state`, `compare`, `export`, the app's
 * history and the benchmarks all execute: the scenario's steps, then the
 * accesses of an optional trace, on a machine whose policy, data-frame quota
 * and TLB may differ from the scenario's (PwRunConfig) without the scenario
 * being edited.
 *
 * The trace is read once, when the run is made, into compact arrays (at
 * most PW_RUN_MAX_TRACE accesses, 9 bytes each, 13 when the trace names
 * processes): a bad line is an error
 * before anything runs, and a pipe or standard input ("-") is read directly.
 *
 * For `opt`, the future (where each access's page is used next) is computed
 * once, from the kernel itself: the steps run on a scratch machine (FIFO, no
 * TLB) and every event with an access index gives its (pid, page); the trace
 * accesses follow, pid 0 meaning the process current after the steps.
 *
 * Positions: position k (0 <= k < pw_run_n_positions()) is scenario step k
 * for k < the number of steps, else trace access k - steps.  A history
 * scrubs over positions; the events a run reports are numbered by access
 * (PwEvent.i), and one position may make no access (a switch), one (an
 * access, a trace line) or many (a touch), see docs/cli.md.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pw-machine.h"
#include "pw-scenario.h"
#include "pw-trace.h"

G_BEGIN_DECLS

/* The most trace accesses a run holds: 64 Mi, 9 bytes each (576 MiB; 13
 * bytes, 832 MiB, when the trace names processes), 8 more each for `opt`'s
 * future; a longer trace is an error. */
#define PW_RUN_MAX_TRACE (G_GUINT64_CONSTANT (64) << 20)

typedef struct
{
  gboolean       set_policy;     /* policy replaces the scenario's */
  PwPolicy       policy;
  guint64        data_frames;    /* 0: the scenario's quota */
  gboolean       set_tlb;        /* tlb, tlb_entries, tlb_ways replace the scenario's */
  gboolean       tlb;
  guint          tlb_entries;
  guint          tlb_ways;       /* 0: fully associative */
  const char    *trace_path;     /* NULL: no trace; "-": standard input */
  PwTraceFormat  trace_format;
} PwRunConfig;

void      pw_run_config_init      (PwRunConfig       *cfg);
/* Parses "off", "ENTRIES" or "ENTRIESxWAYS" (1 to 65536 entries, the ways
 * dividing the entries) into @cfg's TLB override. */
gboolean  pw_run_config_parse_tlb (PwRunConfig       *cfg,
                                   const char        *text,
                                   GError           **error);

typedef struct _PwRun PwRun;

/* Resolves the machine settings (errors: the scenario's machine cannot be
 * set up with them), reads the trace and, for `opt`, computes the future.
 * The run keeps a pointer to @sc, which must outlive it.  @cfg may be NULL
 * (the scenario as it is). */
PwRun                 *pw_run_new          (const PwScenario  *sc,
                                            const PwRunConfig *cfg,
                                            GCancellable      *cancellable,
                                            GError           **error);
/* Another run of the same scenario and the same trace accesses (not read
 * again: standard input cannot be) with the settings of @cfg, whose trace
 * fields are ignored. */
PwRun                 *pw_run_new_from     (const PwRun       *other,
                                            const PwRunConfig *cfg,
                                            GCancellable      *cancellable,
                                            GError           **error);
/* Runs are reference-counted (a history keeps one); pw_run_free() drops a
 * reference. */
PwRun                 *pw_run_ref          (PwRun             *run);
void                   pw_run_free         (PwRun             *run);

const PwScenario      *pw_run_scenario     (const PwRun       *run);
/* The settings in force. */
const PwMachineConfig *pw_run_config       (const PwRun       *run);
/* Scenario steps plus trace accesses. */
guint64                pw_run_n_positions  (const PwRun       *run);
guint                  pw_run_n_steps      (const PwRun       *run);
guint64                pw_run_n_trace      (const PwRun       *run);
/* For `opt`: next_use[i] for every access index i (NULL otherwise). */
const guint64         *pw_run_future       (const PwRun       *run,
                                            guint64           *n);

/* Position @position as a step: the scenario's step (a shallow copy, valid
 * while the scenario is) or an access step for a trace access. */
void                   pw_run_position_step (const PwRun      *run,
                                             guint64           position,
                                             PwStep           *out);
/* A machine set up with the run's settings and, for `opt`, its future. */
PwMachine             *pw_run_machine_new  (PwRun             *run,
                                            GError           **error);
/* Runs position @position on @m, which must have run positions 0 to
 * @position - 1 of this run and nothing else. */
void                   pw_run_advance      (PwRun             *run,
                                            PwMachine         *m,
                                            guint64            position,
                                            PwEventFunc        func,
                                            gpointer           user_data);
/* Runs every position on @m (fresh from pw_run_machine_new()); FALSE with
 * G_IO_ERROR_CANCELLED when cancelled. */
gboolean               pw_run_replay       (PwRun             *run,
                                            PwMachine         *m,
                                            PwEventFunc        func,
                                            gpointer           user_data,
                                            GCancellable      *cancellable,
                                            GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwRun, pw_run_free)

G_END_DECLS

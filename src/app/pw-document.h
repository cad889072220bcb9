/* pw-document.h: a scenario opened in a window, and its history
 *
 * Loading parses the scenario, builds the machine, reads the trace if any
 * and runs the whole script once to lay down the history's checkpoints, so
 * that later seeks (back, forward, to the end) each run at most a few
 * thousand steps.  It runs in a worker thread (GTask) and can be cancelled.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pw-history.h"
#include "pw-run.h"
#include "pw-scenario.h"

G_BEGIN_DECLS

typedef struct _PwDocument PwDocument;

struct _PwDocument
{
  char       *source;       /* the path, or the name of a built-in example */
  char       *trace_path;   /* or NULL */
  PwScenario *scenario;
  GArray     *steps;        /* the scenario's steps (then the trace's accesses) */
  PwRun      *run;          /* the run the history scrubs (a reference) */
  PwHistory  *history;
  PwRunConfig config;       /* the run settings chosen (trace fields unused) */
  PwDocument *base;         /* a re-run: the document whose scenario it borrows */
  gint        ref_count;
};

/* A document is reference-counted so that a worker reading its run and
 * scenario (the timeline's summary, pw-timeline-summary.c) keeps it alive
 * after the window moved on to another; pw_document_free() drops a
 * reference.  Only the main thread seeks the history. */
PwDocument *pw_document_ref         (PwDocument           *doc);
void        pw_document_free        (PwDocument           *doc);

/* Loads @source (a path or an example name), with @trace_path's accesses
 * after the steps when not NULL.  *@progress (when given) is set atomically
 * to the work done in thousandths while the thread runs; it must stay valid
 * until @callback runs.  The error message names the place of a fault
 * (FILE:LINE:COL). */
void        pw_document_load_async  (const char           *source,
                                     const char           *trace_path,
                                     gint                 *progress,
                                     GObject              *source_object,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data);
PwDocument *pw_document_load_finish (GAsyncResult         *result,
                                     GError              **error);

/* Runs @doc's scenario and trace again with the settings of @config (its
 * trace fields ignored; the trace is not read again: pw_run_new_from()), in
 * a worker thread, the history laid down as loading does, with *@progress
 * as pw_document_load_async() sets it.  The new document shares @doc's
 * scenario and steps (it keeps a reference to @doc). */
void        pw_document_rerun_async (PwDocument           *doc,
                                     const PwRunConfig    *config,
                                     gint                 *progress,
                                     GObject              *source_object,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data);
PwDocument *pw_document_rerun_finish (GAsyncResult        *result,
                                      GError             **error);

/* A short name for titles: "seed.pagewalk", or the file's base name. */
char       *pw_document_display_name (const PwDocument    *doc);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwDocument, pw_document_free)

G_END_DECLS

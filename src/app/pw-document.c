/* pw-document.c: a scenario opened in a window, loaded in a worker thread
 *
 * The scenario and its trace make a run (PwRun: the trace read once, `opt`
 * given its future); the history scrubs over the run's positions, so every
 * step the window shows is the state `pagewalk-cli run` passes by.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pagewalk"

#include "config.h"

#include "pw-document.h"
#include "pw-number.h"
#include "pw-run.h"
#include "pw-trace.h"

typedef struct
{
  char        *source;
  char        *trace_path;
  gint        *progress;
  PwDocument  *base;       /* a re-run: the document run again */
  PwRunConfig  config;
} LoadData;

static void
load_data_free (gpointer data)
{
  LoadData *ld = data;

  g_free (ld->source);
  g_free (ld->trace_path);
  g_clear_pointer (&ld->base, pw_document_free);
  g_free (ld);
}

PwDocument *
pw_document_ref (PwDocument *doc)
{
  g_return_val_if_fail (doc != NULL, NULL);

  g_atomic_int_inc (&doc->ref_count);
  return doc;
}

void
pw_document_free (PwDocument *doc)
{
  if (doc == NULL || !g_atomic_int_dec_and_test (&doc->ref_count))
    return;
  /* the history (and its run) point into the scenario: they go first */
  g_clear_pointer (&doc->history, pw_history_free);
  g_clear_pointer (&doc->run, pw_run_free);
  g_clear_pointer (&doc->steps, g_array_unref);
  /* a re-run borrows its base's scenario */
  if (doc->base == NULL)
    g_clear_pointer (&doc->scenario, pw_scenario_free);
  g_clear_pointer (&doc->base, pw_document_free);
  g_free (doc->source);
  g_free (doc->trace_path);
  g_free (doc);
}

static void
set_progress (LoadData *ld,
              guint     done,
              guint     total)
{
  if (ld->progress != NULL && total > 0)
    g_atomic_int_set (ld->progress, (gint) ((guint64) done * 1000 / total));
}

/* Makes @doc's history over its run (and, without a base, its steps), and
 * runs the script once, in chunks, so the history keeps checkpoints all the
 * way to the end: every later seek is short.  FALSE when the task returned
 * (an error, or cancelled). */
static gboolean
lay_history (GTask        *task,
             LoadData     *ld,
             PwDocument   *doc,
             GCancellable *cancellable)
{
  GError *error = NULL;
  guint n, chunk;

  doc->history = pw_history_new_for_run (doc->run, &error);
  if (doc->history == NULL)
    {
      g_task_return_error (task, error);
      return FALSE;
    }
  /* the window describes each position as a step */
  n = pw_history_n_steps (doc->history);
  if (doc->steps == NULL)
    {
      doc->steps = g_array_sized_new (FALSE, TRUE, sizeof (PwStep), n);
      g_array_set_size (doc->steps, n);
      for (guint k = 0; k < n; k++)
        pw_run_position_step (doc->run, k, &g_array_index (doc->steps, PwStep, k));
    }

  chunk = MAX (32, n / 200);
  pw_history_set_cancellable (doc->history, cancellable);
  for (guint pos = 0; pos < n; )
    {
      pos = MIN (n, pos + chunk);
      pw_history_seek (doc->history, pos, NULL, NULL);
      set_progress (ld, pos, n);
      if (g_task_return_error_if_cancelled (task))
        return FALSE;
    }
  pw_history_set_cancellable (doc->history, NULL);
  pw_history_seek (doc->history, 0, NULL, NULL);
  return TRUE;
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *ld = task_data;
  g_autoptr(PwDocument) doc = g_new0 (PwDocument, 1);
  g_autoptr(PwRun) run = NULL;
  GError *error = NULL;
  PwRunConfig cfg;

  doc->ref_count = 1;
  doc->source = g_strdup (ld->source);
  doc->trace_path = g_strdup (ld->trace_path);
  doc->scenario = pw_scenario_load_cancellable (ld->source, cancellable, &error);
  if (doc->scenario == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;

  pw_run_config_init (&cfg);
  cfg.trace_path = ld->trace_path;
  run = pw_run_new (doc->scenario, &cfg, cancellable, &error);
  if (run == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;

  doc->run = pw_run_ref (run);
  pw_run_config_init (&doc->config);
  if (!lay_history (task, ld, doc, cancellable))
    return;
  g_task_return_pointer (task, g_steal_pointer (&doc), (GDestroyNotify) pw_document_free);
}

/* Runs @thread on @ld (owned by the task) in a worker thread; *@progress,
 * when given, starts at 0. */
static void
start_task (LoadData            *ld,
            gint                *progress,
            gpointer             source_object,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data,
            gpointer             tag,
            GTaskThreadFunc      thread)
{
  g_autoptr(GTask) task = NULL;

  ld->progress = progress;
  if (progress != NULL)
    g_atomic_int_set (progress, 0);
  task = g_task_new (source_object, cancellable, callback, user_data);
  g_task_set_source_tag (task, tag);
  g_task_set_task_data (task, ld, load_data_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, thread);
}

void
pw_document_load_async (const char          *source,
                        const char          *trace_path,
                        gint                *progress,
                        GObject             *source_object,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  LoadData *ld;

  g_return_if_fail (source != NULL);

  ld = g_new0 (LoadData, 1);
  ld->source = g_strdup (source);
  ld->trace_path = g_strdup (trace_path);
  start_task (ld, progress, source_object, cancellable, callback, user_data,
              pw_document_load_async, load_thread);
}

PwDocument *
pw_document_load_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
rerun_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  LoadData *ld = task_data;
  PwDocument *base = ld->base;
  g_autoptr(PwDocument) doc = g_new0 (PwDocument, 1);
  GError *error = NULL;

  doc->ref_count = 1;
  doc->base = pw_document_ref (base);
  doc->source = g_strdup (base->source);
  doc->trace_path = g_strdup (base->trace_path);
  doc->scenario = base->scenario;
  doc->steps = g_array_ref (base->steps);
  doc->config = ld->config;
  doc->config.trace_path = NULL;
  /* the trace's accesses are the base run's, not read again; `opt`'s
   * future is computed here */
  doc->run = pw_run_new_from (base->run, &doc->config, cancellable, &error);
  if (doc->run == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  if (!lay_history (task, ld, doc, cancellable))
    return;
  g_task_return_pointer (task, g_steal_pointer (&doc), (GDestroyNotify) pw_document_free);
}

void
pw_document_rerun_async (PwDocument          *doc,
                         const PwRunConfig   *config,
                         gint                *progress,
                         GObject             *source_object,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  LoadData *ld;

  g_return_if_fail (doc != NULL);
  g_return_if_fail (config != NULL);

  ld = g_new0 (LoadData, 1);
  /* a re-run of a re-run runs the original again */
  ld->base = pw_document_ref (doc->base != NULL ? doc->base : doc);
  ld->config = *config;
  start_task (ld, progress, source_object, cancellable, callback, user_data,
              pw_document_rerun_async, rerun_thread);
}

PwDocument *
pw_document_rerun_finish (GAsyncResult  *result,
                          GError       **error)
{
  return pw_document_load_finish (result, error);
}

char *
pw_document_display_name (const PwDocument *doc)
{
  g_return_val_if_fail (doc != NULL, NULL);

  if (doc->scenario->filename != NULL)
    return g_path_get_basename (doc->scenario->filename);
  return g_path_get_basename (doc->source);
}

/* pw-history.c: checkpoints and replay over the positions of a run or a
 * list of steps (pw-history.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-history"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pw-history.h"
#include "pw-number.h"
#include "pw-run.h"

#define MAX_CHECKPOINTS 128

struct _PwHistory
{
  const PwScenario *sc;
  GArray           *steps;         /* pw_history_new(): the steps, or NULL */
  PwRun            *run;           /* pw_history_new_for_run(): the run, or NULL */
  guint             n;             /* positions */
  guint             interval;
  GPtrArray        *checkpoints;   /* checkpoint k is the state after k * interval steps */
  PwMachine        *current;
  guint             position;
  GCancellable     *cancellable;   /* given to the machine that runs steps */
  gboolean          stale;         /* a step of current was cut short */
};

static PwHistory *
history_new (const PwScenario *sc,
             PwMachine        *m,
             guint             n)
{
  PwHistory *h = g_new0 (PwHistory, 1);

  h->sc = sc;
  h->n = n;
  h->interval = MAX (32, (n + MAX_CHECKPOINTS - 1) / MAX_CHECKPOINTS);
  h->checkpoints = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_machine_free);
  g_ptr_array_add (h->checkpoints, pw_machine_copy (m));
  h->current = m;
  h->position = 0;
  return h;
}

PwHistory *
pw_history_new (const PwScenario  *sc,
                GArray            *steps,
                GError           **error)
{
  PwHistory *h;
  PwMachine *m = pw_machine_new (sc, error);

  if (m == NULL)
    return NULL;
  steps = steps ? steps : sc->steps;
  h = history_new (sc, m, steps->len);
  h->steps = g_array_ref (steps);
  return h;
}

PwHistory *
pw_history_new_for_run (PwRun   *run,
                        GError **error)
{
  PwHistory *h;
  PwMachine *m;
  guint64 n = pw_run_n_positions (run);

  if (n > G_MAXUINT)
    {
      g_set_error (error, PW_ERROR, PW_ERROR_VALUE,
                   _("a history holds at most %u positions"), G_MAXUINT);
      return NULL;
    }
  m = pw_run_machine_new (run, error);
  if (m == NULL)
    return NULL;
  h = history_new (pw_run_scenario (run), m, (guint) n);
  h->run = pw_run_ref (run);
  return h;
}

void
pw_history_free (PwHistory *h)
{
  if (h == NULL)
    return;
  g_ptr_array_unref (h->checkpoints);
  pw_machine_free (h->current);
  if (h->steps)
    g_array_unref (h->steps);
  pw_run_free (h->run);
  g_clear_object (&h->cancellable);
  g_free (h);
}

PwRun *
pw_history_get_run (const PwHistory *history)
{
  g_return_val_if_fail (history != NULL, NULL);
  return history->run;
}

guint
pw_history_n_steps (const PwHistory *h)
{
  return h->n;
}

guint
pw_history_position (const PwHistory *h)
{
  return h->position;
}

guint
pw_history_n_checkpoints (const PwHistory *h)
{
  return h->checkpoints->len;
}

static void
advance (PwHistory   *h,
         PwEventFunc  func,
         gpointer     data)
{
  if (h->run != NULL)
    pw_run_advance (h->run, h->current, h->position, func, data);
  else
    pw_machine_step (h->current, &g_array_index (h->steps, PwStep, h->position), func, data);
  h->position++;
  if (h->cancellable != NULL && g_cancellable_is_cancelled (h->cancellable))
    {
      /* the step may have stopped half-way: no checkpoint of it, and the
       * next seek starts again from a checkpoint */
      h->stale = TRUE;
      return;
    }
  if (h->position % h->interval == 0 && h->position / h->interval == h->checkpoints->len)
    {
      PwMachine *copy = pw_machine_copy (h->current);
      pw_machine_set_cancellable (copy, NULL);
      g_ptr_array_add (h->checkpoints, copy);
    }
}

PwMachine *
pw_history_seek (PwHistory   *h,
                 guint        n,
                 PwEventFunc  func,
                 gpointer     data)
{
  guint before;

  n = MIN (n, h->n);
  /* to report the events of step n, stop one short and run it */
  before = (func != NULL && n > 0) ? n - 1 : n;

  if (h->stale || !(h->position <= before && before - h->position <= h->interval))
    {
      guint k = MIN (before / h->interval, h->checkpoints->len - 1);
      pw_machine_free (h->current);
      h->current = pw_machine_copy (h->checkpoints->pdata[k]);
      h->position = k * h->interval;
      pw_machine_set_cancellable (h->current, h->cancellable);
      h->stale = FALSE;
    }
  while (h->position < before)
    advance (h, NULL, NULL);
  if (h->position < n)
    advance (h, func, data);
  return h->current;
}

void
pw_history_set_cancellable (PwHistory    *h,
                            GCancellable *cancellable)
{
  g_set_object (&h->cancellable, cancellable);
  pw_machine_set_cancellable (h->current, cancellable);
  /* checkpoints never run steps: they keep no cancellable */
  for (guint k = 0; k < h->checkpoints->len; k++)
    pw_machine_set_cancellable (h->checkpoints->pdata[k], NULL);
}

GArray *
pw_history_steps_with_trace (const PwScenario  *sc,
                             const char        *trace_path,
                             PwTraceFormat      format,
                             GError           **error)
{
  g_autoptr(PwTrace) t = pw_trace_open (trace_path, format, error);
  GArray *steps;
  PwTraceAccess acc;

  if (t == NULL)
    return NULL;
  steps = g_array_sized_new (FALSE, TRUE, sizeof (PwStep), sc->steps->len + 1024);
  g_array_append_vals (steps, sc->steps->data, sc->steps->len);
  while (pw_trace_next (t, &acc, error))
    {
      PwStep s = { 0 };
      s.kind = PW_STEP_ACCESS;
      s.access = acc.access;
      s.pid = acc.pid;
      s.va = acc.is_page ? acc.va << sc->arch->page_shift : acc.va;
      g_array_append_val (steps, s);
    }
  if (error && *error)
    {
      g_array_unref (steps);
      return NULL;
    }
  return steps;
}

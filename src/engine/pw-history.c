/* pw-history.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-history"

#include "config.h"

#include "pw-history.h"

#define MAX_CHECKPOINTS 128

struct _PwHistory
{
  const PwScenario *sc;
  GArray           *steps;
  guint             interval;
  GPtrArray        *checkpoints;   /* checkpoint k is the state after k * interval steps */
  PwMachine        *current;
  guint             position;
};

PwHistory *
pw_history_new (const PwScenario  *sc,
                GArray            *steps,
                GError           **error)
{
  PwHistory *h;
  PwMachine *m = pw_machine_new (sc, error);

  if (m == NULL)
    return NULL;
  h = g_new0 (PwHistory, 1);
  h->sc = sc;
  h->steps = g_array_ref (steps ? steps : sc->steps);
  h->interval = MAX (32, (h->steps->len + MAX_CHECKPOINTS - 1) / MAX_CHECKPOINTS);
  h->checkpoints = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_machine_free);
  g_ptr_array_add (h->checkpoints, pw_machine_copy (m));
  h->current = m;
  h->position = 0;
  return h;
}

void
pw_history_free (PwHistory *h)
{
  if (h == NULL)
    return;
  g_ptr_array_unref (h->checkpoints);
  pw_machine_free (h->current);
  g_array_unref (h->steps);
  g_free (h);
}

guint
pw_history_n_steps (const PwHistory *h)
{
  return h->steps->len;
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
  const PwStep *s = &g_array_index (h->steps, PwStep, h->position);
  pw_machine_step (h->current, s, func, data);
  h->position++;
  if (h->position % h->interval == 0 && h->position / h->interval == h->checkpoints->len)
    g_ptr_array_add (h->checkpoints, pw_machine_copy (h->current));
}

PwMachine *
pw_history_seek (PwHistory   *h,
                 guint        n,
                 PwEventFunc  func,
                 gpointer     data)
{
  guint before;

  n = MIN (n, h->steps->len);
  /* to report the events of step n, stop one short and run it */
  before = (func != NULL && n > 0) ? n - 1 : n;

  if (!(h->position <= before && before - h->position <= h->interval))
    {
      guint k = MIN (before / h->interval, h->checkpoints->len - 1);
      pw_machine_free (h->current);
      h->current = pw_machine_copy (h->checkpoints->pdata[k]);
      h->position = k * h->interval;
    }
  while (h->position < before)
    advance (h, NULL, NULL);
  if (h->position < n)
    advance (h, func, data);
  return h->current;
}

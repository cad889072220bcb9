/* pw-present.c: what every layer shows the same way (pw-present.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-engine"

#include "config.h"

#include <string.h>

#include "pw-present.h"

/* ---- the process meant when none is named ------------------------------- */

guint
pw_machine_default_pid (const PwMachine *m)
{
  guint pid;

  g_return_val_if_fail (m != NULL, 0);

  pid = pw_machine_current_pid (m);
  if (pid != 0 && pw_machine_lookup (m, pid) != NULL)
    return pid;
  /* the processes are kept sorted by pid */
  return pw_machine_n_processes (m) > 0 ? pw_machine_process (m, 0)->pid : 0;
}

guint
pw_scenario_default_pid (const PwScenario *sc)
{
  guint best = 0;

  g_return_val_if_fail (sc != NULL, 0);

  for (guint i = 0; i < sc->processes->len; i++)
    {
      const PwProcessSpec *p = sc->processes->pdata[i];
      if (best == 0 || p->pid < best)
        best = p->pid;
    }
  return best;
}

/* ---- the event a step shows ----------------------------------------------- */

gboolean
pw_event_is_failed_step (const PwEvent *ev)
{
  if (ev == NULL)
    return FALSE;
  /* the machine reports a failed step as an event without an access number */
  if (ev->i == G_MAXUINT64)
    return TRUE;
  /* an access by a process that does not exist: nothing was walked */
  return !ev->ok && ev->walk.n_fields == 0 && ev->message != NULL;
}

gboolean
pw_event_is_access (const PwEvent *ev)
{
  return ev != NULL && (ev->kind == PW_STEP_ACCESS || ev->kind == PW_STEP_TOUCH)
         && !pw_event_is_failed_step (ev);
}

void
pw_shown_event_reset (PwShownEvent *shown)
{
  g_return_if_fail (shown != NULL);
  if (shown->have)
    pw_event_clear (&shown->ev);
  memset (shown, 0, sizeof *shown);
}

void
pw_shown_event_keep (const PwEvent *ev,
                     gpointer       user_data)
{
  PwShownEvent *shown = user_data;
  gboolean failed = pw_event_is_failed_step (ev);

  if (!failed && !pw_event_is_access (ev))
    return;
  /* an access wins over a failure notice */
  if (failed && shown->have && !pw_event_is_failed_step (&shown->ev))
    return;
  pw_shown_event_reset (shown);
  shown->ev = *ev;
  shown->ev.message = g_strdup (ev->message);
  shown->have = TRUE;
}

const PwEvent *
pw_shown_event_get (const PwShownEvent *shown)
{
  g_return_val_if_fail (shown != NULL, NULL);
  return shown->have ? &shown->ev : NULL;
}

/* ---- addresses in diagrams -------------------------------------------------- */

char *
pw_format_address (guint64 value,
                   guint   bits)
{
  char digits[17];
  GString *s = g_string_new ("0x");
  guint n, want = (MAX (bits, 1) + 3) / 4;

  n = g_snprintf (digits, sizeof digits, "%" G_GINT64_MODIFIER "x", value);
  /* the padded digits, then grouped by four from the right past eight */
  want = MAX (MIN (want, 16), n);
  for (guint i = 0; i < want; i++)
    {
      if (want > 8 && i > 0 && (want - i) % 4 == 0)
        g_string_append_c (s, '_');
      g_string_append_c (s, i < want - n ? '0' : digits[i - (want - n)]);
    }
  return g_string_free (s, FALSE);
}

/* ---- numbers in messages ------------------------------------------------------ */

const char *
pw_dec_buf (guint64  value,
            char    *buf)
{
  g_snprintf (buf, PW_DEC_SIZE, "%" G_GUINT64_FORMAT, value);
  return buf;
}

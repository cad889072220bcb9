/* pw-render-steps.c: a run's steps one after another, ready to draw
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-render"

#include "config.h"

#include <gio/gio.h>

#include "pw-number.h"
#include "pw-render-steps.h"

gboolean
pw_step_cursor_init (PwStepCursor  *c,
                     PwRun         *run,
                     guint64        first,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_return_val_if_fail (c != NULL && run != NULL, FALSE);
  g_return_val_if_fail (first <= pw_run_n_positions (run), FALSE);

  *c = (PwStepCursor) { 0 };
  c->run = pw_run_ref (run);
  c->m = pw_run_machine_new (run, error);
  if (c->m == NULL)
    {
      pw_step_cursor_clear (c);
      return FALSE;
    }
  for (guint64 k = 0; k < first; k++)
    {
      if ((k & 1023) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          pw_step_cursor_clear (c);
          return FALSE;
        }
      pw_run_advance (run, c->m, k, NULL, NULL);
    }
  c->next = first;
  return TRUE;
}

void
pw_step_cursor_next (PwStepCursor *c)
{
  g_return_if_fail (c->m != NULL && c->next < pw_run_n_positions (c->run));

  g_clear_pointer (&c->before, pw_machine_free);
  c->before = pw_machine_copy (c->m);
  pw_shown_event_reset (&c->shown);
  pw_run_advance (c->run, c->m, c->next, pw_shown_event_keep, &c->shown);
  c->next++;
}

void
pw_step_cursor_step (const PwStepCursor *c,
                     PwStep             *out)
{
  g_return_if_fail (c->next > 0);
  pw_run_position_step (c->run, c->next - 1, out);
}

void
pw_step_cursor_options (const PwStepCursor *c,
                        PwRenderOptions    *o)
{
  const PwEvent *ev = pw_shown_event_get (&c->shown);

  o->event = ev;
  o->before = ev != NULL ? c->before : NULL;
  o->has_walk = FALSE;
}

void
pw_step_cursor_clear (PwStepCursor *c)
{
  pw_shown_event_reset (&c->shown);
  g_clear_pointer (&c->before, pw_machine_free);
  g_clear_pointer (&c->m, pw_machine_free);
  g_clear_pointer (&c->run, pw_run_free);
}

static gboolean
parse_step (const char *s,
            guint64     n,
            guint64    *out)
{
  guint64 v;

  if (!g_ascii_isdigit (*s) || !g_ascii_string_to_unsigned (s, 10, 1, MAX (n, 1), &v, NULL))
    return FALSE;
  *out = v - 1;
  return v <= n;
}

gboolean
pw_step_range_parse (const char *s,
                     guint64     n,
                     guint64    *first,
                     guint64    *last)
{
  g_auto(GStrv) parts = NULL;

  g_return_val_if_fail (s != NULL && first != NULL && last != NULL, FALSE);

  parts = g_strsplit (s, "-", 3);
  if (g_strv_length (parts) == 1)
    {
      if (!parse_step (parts[0], n, first))
        return FALSE;
      *last = *first;
      return TRUE;
    }
  if (g_strv_length (parts) != 2
      || !parse_step (parts[0], n, first) || !parse_step (parts[1], n, last))
    return FALSE;
  return *first <= *last;
}

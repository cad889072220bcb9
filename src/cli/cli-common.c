/* cli-common.c: what the commands of pagewalk-cli share
 *
 * Every error of the command line is one line on stderr and exit status 2
 * (docs/cli.md).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pagewalk-cli"

#include "config.h"

#include <stdarg.h>

#include <glib/gi18n.h>

#include "cli-common.h"
#include "pw-number.h"

int
pw_cli_usage_error (const char *fmt,
                    ...)
{
  va_list args;
  g_autofree char *msg = NULL;

  va_start (args, fmt);
  msg = g_strdup_vprintf (fmt, args);
  va_end (args);
  g_printerr ("pagewalk-cli: %s\n", msg);
  return PW_CLI_EXIT_BAD;
}

int
pw_cli_input_error (const GError *error)
{
  /* messages already start with the file and the place */
  g_printerr ("%s\n", error->message);
  return PW_CLI_EXIT_BAD;
}

int
pw_cli_error_at_beyond (gint64 at,
                        guint  n_steps)
{
  return pw_cli_usage_error (_("--at %" G_GINT64_FORMAT ": the scenario has only %u steps"),
                             at, n_steps);
}

int
pw_cli_error_no_process (gint64 pid)
{
  return pw_cli_usage_error (_("there is no process %" G_GINT64_FORMAT), pid);
}

int
pw_cli_error_bad_access (void)
{
  return pw_cli_usage_error (_("--access must be read, write or exec"));
}

gboolean
pw_cli_parse_number (const char *name,
                     const char *text,
                     guint64     min,
                     guint64     max,
                     gint64     *out,
                     int        *status)
{
  g_autoptr(GError) error = NULL;
  guint64 v;

  if (text == NULL)
    return TRUE;
  if (!pw_number_parse (text, &v, &error))
    {
      *status = pw_cli_usage_error ("--%s: %s", name, error->message);
      return FALSE;
    }
  if (v < min || v > max)
    {
      *status = pw_cli_usage_error (_("--%s must be from %" G_GUINT64_FORMAT " to %" G_GUINT64_FORMAT),
                                    name, min, max);
      return FALSE;
    }
  *out = (gint64) v;
  return TRUE;
}

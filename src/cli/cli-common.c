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
pw_cli_error_bad_at (void)
{
  return pw_cli_usage_error (_("--at must be 0 or more"));
}

int
pw_cli_error_at_beyond (gint64 at,
                        guint  n_steps)
{
  return pw_cli_usage_error (_("--at %" G_GINT64_FORMAT ": the scenario has only %u steps"),
                             at, n_steps);
}

int
pw_cli_error_bad_pid (void)
{
  return pw_cli_usage_error (_("--pid must be a process id"));
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

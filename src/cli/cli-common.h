/* cli-common.h: what the commands of pagewalk-cli share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The exit status of bad usage and bad input (0 is success). */
#define PW_CLI_EXIT_BAD 2

/* Prints "pagewalk-cli: MESSAGE" on stderr; returns PW_CLI_EXIT_BAD. */
int pw_cli_usage_error (const char *fmt,
                        ...) G_GNUC_PRINTF (1, 2);

/* Prints the loader's message as it is (it already starts with the file and
 * the place); returns PW_CLI_EXIT_BAD. */
int pw_cli_input_error (const GError *error);

/* Usage errors that several commands share; each prints its line and
 * returns PW_CLI_EXIT_BAD. */
int pw_cli_error_at_beyond   (gint64      at,
                              guint       n_steps);    /* --at past the last step */
int pw_cli_error_no_process  (gint64      pid);
int pw_cli_error_bad_access  (void);                   /* --access not read|write|exec */

/* Numeric options take every number form of the scenario format (42, 0x2a,
 * 0b101010, 4KiB).  Parses @text of option --@name into @out, from @min to
 * @max; on failure prints a usage error, stores PW_CLI_EXIT_BAD in @status
 * and returns FALSE.  A NULL @text (option not given) leaves @out alone. */
gboolean pw_cli_parse_number (const char *name,
                              const char *text,
                              guint64     min,
                              guint64     max,
                              gint64     *out,
                              int        *status);

G_END_DECLS

/* cli-common.h: what the commands of pagewalk-cli share
 *
 * Each command lives in its own file (cmd-*.c) and is called by main() in
 * pagewalk-cli.c with argv[0] the command's name; it returns the exit
 * status (0, or PW_CLI_EXIT_BAD after one line on stderr).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "cli-json.h"
#include "pw-machine.h"
#include "pw-run.h"
#include "pw-scenario.h"

G_BEGIN_DECLS

/* The exit status of bad usage, bad input and output that cannot be
 * written (0 is success). */
#define PW_CLI_EXIT_BAD 2

int pw_cli_translate (int argc, char **argv);
int pw_cli_run       (int argc, char **argv);
int pw_cli_compare   (int argc, char **argv);
int pw_cli_state     (int argc, char **argv);
int pw_cli_validate  (int argc, char **argv);
int pw_cli_examples  (int argc, char **argv);
int pw_cli_export    (int argc, char **argv);
int pw_cli_handout   (int argc, char **argv);
int pw_cli_exercise  (int argc, char **argv);
int pw_cli_animate   (int argc, char **argv);

/* Prints "pagewalk-cli: MESSAGE" on stderr; returns PW_CLI_EXIT_BAD.
 * Whatever the user gave is quoted with pw_quote() by the caller. */
int pw_cli_usage_error (const char *fmt,
                        ...) G_GNUC_PRINTF (1, 2);

/* Prints the loader's message as it is (it already starts with the file and
 * the place); returns PW_CLI_EXIT_BAD. */
int pw_cli_input_error (const GError *error);

/* Usage errors that several commands share; each prints its line and
 * returns PW_CLI_EXIT_BAD. */
int pw_cli_error_at_beyond   (gint64      at,
                              guint64     n_positions);  /* --at past the end */
int pw_cli_error_no_process  (gint64      pid);
int pw_cli_error_bad_access  (void);                     /* --access not read|write|exec */

/* Parses @ctx over argv; errors are usage errors (GLib's message, escaped
 * and shortened when it repeats a long or odd argument). */
gboolean pw_cli_parse_options (GOptionContext  *ctx,
                               int             *argc,
                               char          ***argv,
                               int             *status);

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
/* A number argument (@what: "address"...), any value. */
gboolean pw_cli_parse_value  (const char *what,
                              const char *text,
                              guint64    *out,
                              int        *status);

/* @name (a file name) as a line of output shows it: as it is, or escaped
 * as by pw_quote() (without the quotes) when it holds anything pw_quote()
 * escapes (pw_is_plain_text()), as the loader's messages show it. */
char       *pw_cli_display_name (const char *name);

/* A scenario file or built-in example; NULL with @status set on error. */
PwScenario *pw_cli_load        (const char *name,
                                int        *status);

/* The options of a run (`run`, `state`): --trace, --trace-format,
 * --policy, --frames, --tlb, as given. */
typedef struct
{
  char *trace;
  char *trace_format;
  char *policy;
  char *frames;
  char *tlb;
} PwCliRunOptions;

void     pw_cli_run_options_add   (GOptionContext        *ctx,
                                   PwCliRunOptions       *options);
void     pw_cli_run_options_clear (PwCliRunOptions       *options);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PwCliRunOptions, pw_cli_run_options_clear)

/* Checks the options and fills @cfg (which points into @options). */
gboolean pw_cli_run_config        (const PwCliRunOptions *options,
                                   PwRunConfig           *cfg,
                                   int                   *status);
/* Loads @name (pw_cli_load()) and makes its run with @cfg (NULL: the
 * scenario as it is); FALSE with @status set on error. */
gboolean pw_cli_open              (const char            *name,
                                   const PwRunConfig     *cfg,
                                   PwScenario           **sc,
                                   PwRun                **run,
                                   int                   *status);
/* The run of @sc with @cfg (NULL: the scenario as it is). */
PwRun   *pw_cli_run_new           (const PwScenario      *sc,
                                   const PwRunConfig     *cfg,
                                   int                   *status);
/* The machine after the first @at positions of @run (-1: none); @func gets
 * the events of each position run. */
PwMachine *pw_cli_machine_at      (PwRun                 *run,
                                   gint64                 at,
                                   PwEventFunc            func,
                                   gpointer               user_data,
                                   int                   *status);

/* Bits that physical addresses of @m's memory need, for padding. */
guint    pw_cli_memory_bits       (const PwMachine       *m);
void     pw_cli_stats_json        (PwJson                *j,
                                   const PwStats         *s);
void     pw_cli_stats_text        (const PwStats         *s);

/* TRUE while standard output can be written (no error so far). */
gboolean pw_cli_output_ok         (void);
/* Flushes and closes standard output; a write error there turns @status
 * into PW_CLI_EXIT_BAD with a message. */
int      pw_cli_finish_output     (int                    status);
/* Makes a write error on standard output exit status 2 on the paths that
 * call exit() themselves (a command's --help). */
void     pw_cli_check_output_at_exit (void);

G_END_DECLS

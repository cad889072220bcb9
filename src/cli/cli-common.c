/* cli-common.c: what the commands of pagewalk-cli share
 *
 * Every error of the command line is one line on stderr and exit status 2
 * (docs/cli.md); whatever the user gave is repeated through pw_quote().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pagewalk-cli"

#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
pw_cli_error_at_beyond (gint64  at,
                        guint64 n_positions)
{
  g_autofree char *at_s = g_strdup_printf ("%" G_GINT64_FORMAT, at);
  g_autofree char *n_s = g_strdup_printf ("%" G_GUINT64_FORMAT, n_positions);

  /* Translators: the --at value given, then the scenario's number of steps */
  return pw_cli_usage_error (g_dngettext (GETTEXT_PACKAGE, "--at %s: the scenario has only %s step",
                                          "--at %s: the scenario has only %s steps",
                                          (gulong) MIN (n_positions, G_MAXULONG)),
                             at_s, n_s);
}

int
pw_cli_error_no_process (gint64 pid)
{
  g_autofree char *pid_s = g_strdup_printf ("%" G_GINT64_FORMAT, pid);

  return pw_cli_usage_error (_("there is no process %s"), pid_s);
}

int
pw_cli_error_bad_access (void)
{
  return pw_cli_usage_error (_("--access must be read, write or exec"));
}

/* GLib's option messages repeat the option as given: long or odd ones are
 * escaped and shortened. */
static gboolean
tame (const char *msg)
{
  return strlen (msg) <= 2 * PW_QUOTE_MAX && pw_is_plain_text (msg);
}

char *
pw_cli_display_name (const char *name)
{
  const gsize open = strlen ("\u201c"), close = strlen ("\u201d");
  g_autofree char *q = NULL;

  if (pw_is_plain_text (name))
    return g_strdup (name);
  /* escaped as pw_quote() does, without the quotes, like the loader */
  q = pw_quote (name, -1);
  return g_strndup (q + open, strlen (q) - open - close);
}

gboolean
pw_cli_parse_options (GOptionContext  *ctx,
                      int             *argc,
                      char          ***argv,
                      int             *status)
{
  g_autoptr(GError) error = NULL;

  g_option_context_set_help_enabled (ctx, TRUE);
  if (!g_option_context_parse (ctx, argc, argv, &error))
    {
      g_autofree char *quoted = NULL;
      if (tame (error->message))
        *status = pw_cli_usage_error ("%s", error->message);
      else
        {
          quoted = pw_quote (error->message, -1);
          *status = pw_cli_usage_error (_("bad option: %s"), quoted);
        }
      return FALSE;
    }
  return TRUE;
}

gboolean
pw_cli_parse_value (const char *what,
                    const char *text,
                    guint64    *out,
                    int        *status)
{
  if (!pw_number_parse (text, out, NULL))
    {
      g_autofree char *quoted = pw_quote (text, -1);
      /* Translators: what was expected (--at, address...), then the text given, quoted */
      *status = pw_cli_usage_error (_("%s: %s is not a number of 64 bits (write 42, 0x2a, 0b101010 or 4KiB)"),
                                    what, quoted);
      return FALSE;
    }
  return TRUE;
}

gboolean
pw_cli_parse_number (const char *name,
                     const char *text,
                     guint64     min,
                     guint64     max,
                     gint64     *out,
                     int        *status)
{
  g_autofree char *option = NULL;
  guint64 v;

  if (text == NULL)
    return TRUE;
  option = g_strdup_printf ("--%s", name);
  if (!pw_cli_parse_value (option, text, &v, status))
    return FALSE;
  if (v < min || v > max)
    {
      g_autofree char *min_s = g_strdup_printf ("%" G_GUINT64_FORMAT, min);
      g_autofree char *max_s = g_strdup_printf ("%" G_GUINT64_FORMAT, max);
      /* Translators: the option's name, then the lowest and highest values allowed */
      *status = pw_cli_usage_error (_("--%s must be from %s to %s"), name, min_s, max_s);
      return FALSE;
    }
  *out = (gint64) v;
  return TRUE;
}

PwScenario *
pw_cli_load (const char *name,
             int        *status)
{
  g_autoptr(GError) error = NULL;
  PwScenario *sc = pw_scenario_load (name, &error);

  if (sc == NULL)
    *status = pw_cli_input_error (error);
  return sc;
}

/* ---- runs ----------------------------------------------------------------- */

void
pw_cli_run_options_add (GOptionContext  *ctx,
                        PwCliRunOptions *o)
{
  GOptionEntry entries[] = {
    { "trace", 0, 0, G_OPTION_ARG_FILENAME, &o->trace, N_("Run this trace after the steps (- for standard input)"), "FILE" },
    { "trace-format", 0, 0, G_OPTION_ARG_STRING, &o->trace_format, N_("auto, lackey, plain or pages"), "FORMAT" },
    { "policy", 0, 0, G_OPTION_ARG_STRING, &o->policy, N_("Replacement policy"), "POLICY" },
    { "frames", 0, 0, G_OPTION_ARG_STRING, &o->frames, N_("At most N frames hold data pages"), "N" },
    { "tlb", 0, 0, G_OPTION_ARG_STRING, &o->tlb, N_("off, ENTRIES or ENTRIESxWAYS"), "TLB" },
    { NULL }
  };

  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
}

void
pw_cli_run_options_clear (PwCliRunOptions *o)
{
  g_clear_pointer (&o->trace, g_free);
  g_clear_pointer (&o->trace_format, g_free);
  g_clear_pointer (&o->policy, g_free);
  g_clear_pointer (&o->frames, g_free);
  g_clear_pointer (&o->tlb, g_free);
}

gboolean
pw_cli_run_config (const PwCliRunOptions *o,
                   PwRunConfig           *cfg,
                   int                   *status)
{
  g_autoptr(GError) error = NULL;
  gint64 frames = 0;

  pw_run_config_init (cfg);
  if (o->policy != NULL)
    {
      if (!pw_policy_from_string (o->policy, &cfg->policy))
        {
          *status = pw_cli_usage_error (_("--policy must be fifo, lru, opt, clock, random or mru"));
          return FALSE;
        }
      cfg->set_policy = TRUE;
    }
  if (o->frames != NULL)
    {
      if (!pw_cli_parse_number ("frames", o->frames, 1, G_MAXINT64, &frames, status))
        return FALSE;
      cfg->data_frames = (guint64) frames;
    }
  if (o->tlb != NULL && !pw_run_config_parse_tlb (cfg, o->tlb, &error))
    {
      *status = pw_cli_usage_error ("%s", error->message);
      return FALSE;
    }
  if (o->trace_format != NULL && !pw_trace_format_from_string (o->trace_format, &cfg->trace_format))
    {
      *status = pw_cli_usage_error (_("--trace-format must be auto, lackey, plain or pages"));
      return FALSE;
    }
  if (o->trace != NULL)
    {
      g_autofree char *quoted = pw_quote (o->trace, -1);
      FILE *f;

      if (*o->trace == '\0')
        {
          *status = pw_cli_usage_error (_("--trace needs a file name"));
          return FALSE;
        }
      if (!g_str_equal (o->trace, "-"))
        {
          if (g_file_test (o->trace, G_FILE_TEST_IS_DIR))
            {
              *status = pw_cli_usage_error (_("%s: is a directory, not a trace"), quoted);
              return FALSE;
            }
          f = fopen (o->trace, "r");
          if (f == NULL)
            {
              *status = pw_cli_usage_error ("%s: %s", quoted, g_strerror (errno));
              return FALSE;
            }
          fclose (f);
        }
      cfg->trace_path = o->trace;
    }
  return TRUE;
}

PwRun *
pw_cli_run_new (const PwScenario  *sc,
                const PwRunConfig *cfg,
                int               *status)
{
  g_autoptr(GError) error = NULL;
  PwRun *run = pw_run_new (sc, cfg, NULL, &error);

  if (run == NULL)
    *status = pw_cli_input_error (error);
  return run;
}

gboolean
pw_cli_open (const char         *name,
             const PwRunConfig  *cfg,
             PwScenario        **sc,
             PwRun             **run,
             int                *status)
{
  /* standard input is read once: by the scenario or by the trace */
  if (g_str_equal (name, "-") && cfg != NULL && g_strcmp0 (cfg->trace_path, "-") == 0)
    {
      *status = pw_cli_usage_error (_("the scenario and the trace cannot both be standard input (-)"));
      return FALSE;
    }
  *sc = pw_cli_load (name, status);
  if (*sc == NULL)
    return FALSE;
  *run = pw_cli_run_new (*sc, cfg, status);
  return *run != NULL;
}

PwMachine *
pw_cli_machine_at (PwRun       *run,
                   gint64       at,
                   PwEventFunc  func,
                   gpointer     data,
                   int         *status)
{
  g_autoptr(GError) error = NULL;
  PwMachine *m;

  if (at > 0 && (guint64) at > pw_run_n_positions (run))
    {
      *status = pw_cli_error_at_beyond (at, pw_run_n_positions (run));
      return NULL;
    }
  m = pw_run_machine_new (run, &error);
  if (m == NULL)
    {
      *status = pw_cli_input_error (error);
      return NULL;
    }
  for (gint64 k = 0; k < at; k++)
    pw_run_advance (run, m, (guint64) k, func, data);
  return m;
}

/* ---- machines ------------------------------------------------------------- */

guint
pw_cli_memory_bits (const PwMachine *m)
{
  const PwArch *a = pw_machine_arch (m);
  guint64 top = (pw_machine_n_frames (m) << a->page_shift) - 1;
  return MIN (a->pa_bits, pw_log2 (MAX (top, 1)) + 1);
}

void
pw_cli_stats_json (PwJson        *j,
                   const PwStats *s)
{
  pw_json_begin_object (j);
  pw_json_key (j, "accesses"); pw_json_uint (j, s->accesses);
  pw_json_key (j, "tlb_hits"); pw_json_uint (j, s->tlb_hits);
  pw_json_key (j, "tlb_misses"); pw_json_uint (j, s->tlb_misses);
  pw_json_key (j, "page_faults"); pw_json_uint (j, s->page_faults);
  pw_json_key (j, "major_faults"); pw_json_uint (j, s->major_faults);
  pw_json_key (j, "evictions"); pw_json_uint (j, s->evictions);
  pw_json_key (j, "writebacks"); pw_json_uint (j, s->writebacks);
  pw_json_key (j, "walk_reads"); pw_json_uint (j, s->walk_reads);
  pw_json_end_object (j);
}

void
pw_cli_stats_text (const PwStats *s)
{
  g_autofree char *acc = g_strdup_printf ("%" G_GUINT64_FORMAT, s->accesses);
  g_autofree char *hits = g_strdup_printf ("%" G_GUINT64_FORMAT, s->tlb_hits);
  g_autofree char *misses = g_strdup_printf ("%" G_GUINT64_FORMAT, s->tlb_misses);
  g_autofree char *faults = g_strdup_printf ("%" G_GUINT64_FORMAT, s->page_faults);
  g_autofree char *major = g_strdup_printf ("%" G_GUINT64_FORMAT, s->major_faults);
  g_autofree char *evictions = g_strdup_printf ("%" G_GUINT64_FORMAT, s->evictions);
  g_autofree char *writebacks = g_strdup_printf ("%" G_GUINT64_FORMAT, s->writebacks);
  g_autofree char *reads = g_strdup_printf ("%" G_GUINT64_FORMAT, s->walk_reads);

  /* Translators: the statistics of a run, each a count */
  g_print (_("accesses %s, TLB hits %s, TLB misses %s, page faults %s (major %s), "
             "evictions %s, writebacks %s, page-table reads %s\n"),
           acc, hits, misses, faults, major, evictions, writebacks, reads);
}

/* ---- output --------------------------------------------------------------- */

gboolean
pw_cli_output_ok (void)
{
  return !ferror (stdout);
}

static gboolean stdout_closed;

int
pw_cli_finish_output (int status)
{
  gboolean failed = ferror (stdout) != 0;
  int err = 0;

  /* g_print() flushes as it goes: an earlier failed write only left the
   * error flag, not its reason */
  if (fflush (stdout) != 0)
    err = errno;
  if (fclose (stdout) != 0 && err == 0)
    err = errno;
  stdout_closed = TRUE;
  if (err != 0)
    {
      g_printerr ("pagewalk-cli: %s %s\n", _("cannot write the output:"), g_strerror (err));
      return PW_CLI_EXIT_BAD;
    }
  if (failed)
    {
      g_printerr ("pagewalk-cli: %s\n", _("cannot write the output"));
      return PW_CLI_EXIT_BAD;
    }
  return status;
}

/* For the paths that end in exit() (GOption's --help): the same check,
 * before the C library flushes standard output silently. */
static void
check_at_exit (void)
{
  if (stdout_closed)
    return;
  if (fflush (stdout) != 0 || ferror (stdout))
    {
      g_printerr ("pagewalk-cli: %s\n", _("cannot write the output"));
      _exit (PW_CLI_EXIT_BAD);
    }
}

void
pw_cli_check_output_at_exit (void)
{
  atexit (check_at_exit);
}

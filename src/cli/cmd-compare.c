/* cmd-compare.c: `pagewalk-cli compare SCENARIO`, page faults per policy and memory size
 *
 * One run (PwRun) per policy and frame count; the trace is read by each.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pagewalk-cli"

#include "config.h"


#include <glib/gi18n.h>

#include "cli-common.h"
#include "cli-json.h"
#include "pw-machine.h"
#include "pw-number.h"
#include "pw-run.h"
#include "pw-scenario.h"

int
pw_cli_compare (int    argc,
                char **argv)
{
  g_autofree char *trace = NULL, *format_s = NULL, *policies_s = NULL, *frames_s = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "trace", 0, 0, G_OPTION_ARG_FILENAME, &trace, N_("Run this trace after the steps (- for standard input)"), "FILE" },
    { "trace-format", 0, 0, G_OPTION_ARG_STRING, &format_s, N_("auto, lackey, plain or pages"), "FORMAT" },
    { "policies", 0, 0, G_OPTION_ARG_STRING, &policies_s, N_("Policies, comma-separated"), "LIST" },
    { "frames", 0, 0, G_OPTION_ARG_STRING, &frames_s, N_("Data frame counts, comma-separated"), "N,N,…" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("SCENARIO — page faults per policy and memory size"));
  g_auto(GStrv) policies = NULL, frame_list = NULL;
  g_autoptr(GArray) frames = g_array_new (FALSE, FALSE, sizeof (gint64));
  PwCliRunOptions options = { 0 };
  g_autoptr(PwScenario) sc = NULL;
  g_autoptr(PwRun) base = NULL;
  PwRunConfig cfg;
  int status = 0;
  PwJson j;

  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!pw_cli_parse_options (ctx, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return pw_cli_usage_error (_("compare needs exactly one scenario"));
  if (policies_s == NULL)
    return pw_cli_usage_error (_("compare needs --policies, for example --policies fifo,lru,opt,clock"));
  options.trace = trace;
  options.trace_format = format_s;
  if (!pw_cli_run_config (&options, &cfg, &status))
    return status;
  policies = g_strsplit (policies_s, ",", -1);
  if (policies[0] == NULL)
    return pw_cli_usage_error (_("--policies needs at least one policy (fifo, lru, opt, clock, random, mru)"));
  for (guint i = 0; policies[i]; i++)
    {
      PwPolicy p;
      if (!pw_policy_from_string (g_strstrip (policies[i]), &p))
        {
          g_autofree char *quoted = pw_quote (policies[i], -1);
          return pw_cli_usage_error (_("unknown policy %s (fifo, lru, opt, clock, random, mru)"), quoted);
        }
    }
  if (frames_s)
    {
      frame_list = g_strsplit (frames_s, ",", -1);
      for (guint i = 0; frame_list[i]; i++)
        {
          gint64 v = 0;
          /* each count as run's --frames takes it; a bad one is quoted */
          if (!pw_cli_parse_number ("frames", g_strstrip (frame_list[i]), 1, G_MAXINT64, &v, &status))
            return status;
          g_array_append_val (frames, v);
        }
    }
  else
    {
      gint64 v = -1;
      g_array_append_val (frames, v);
    }
  /* the trace is read once, here: a bad line is an error before any output,
   * and every policy runs the same accesses */
  if (!pw_cli_open (argv[1], &cfg, &sc, &base, &status))
    return status;

  if (json)
    {
      pw_json_init (&j, stdout, TRUE);
      pw_json_begin_object (&j);
      pw_json_key (&j, "results");
      pw_json_begin_array (&j);
    }
  else
    {
      g_print ("%-8s", _("frames"));
      for (guint i = 0; policies[i]; i++)
        g_print (" %8s", policies[i]);
      g_print (_("   (page faults)\n"));
    }

  for (guint f = 0; f < frames->len; f++)
    {
      gint64 nf = g_array_index (frames, gint64, f);
      if (!json)
        {
          if (nf > 0)
            g_print ("%-8" G_GINT64_FORMAT, nf);
          else
            g_print ("%-8s", _("all"));
        }
      for (guint i = 0; policies[i]; i++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(PwRun) run = NULL;
          const PwStats *st;
          PwMachine *m;

          cfg.set_policy = pw_policy_from_string (policies[i], &cfg.policy);
          cfg.data_frames = nf > 0 ? (guint64) nf : 0;
          run = pw_run_new_from (base, &cfg, NULL, &error);
          m = run ? pw_run_machine_new (run, &error) : NULL;
          if (m == NULL)
            return pw_cli_input_error (error);
          pw_machine_set_detail (m, FALSE);
          pw_run_replay (run, m, NULL, NULL, NULL, NULL);
          st = pw_machine_stats (m);
          if (json)
            {
              pw_json_begin_object (&j);
              pw_json_key (&j, "policy"); pw_json_string (&j, policies[i]);
              pw_json_key (&j, "frames");
              if (nf > 0) pw_json_uint (&j, (guint64) nf); else pw_json_null (&j);
              pw_json_key (&j, "accesses"); pw_json_uint (&j, st->accesses);
              pw_json_key (&j, "page_faults"); pw_json_uint (&j, st->page_faults);
              pw_json_key (&j, "major_faults"); pw_json_uint (&j, st->major_faults);
              pw_json_key (&j, "evictions"); pw_json_uint (&j, st->evictions);
              pw_json_key (&j, "hits"); pw_json_uint (&j, st->accesses - st->page_faults);
              pw_json_end_object (&j);
            }
          else
            g_print (" %8" G_GUINT64_FORMAT, st->page_faults);
          pw_machine_free (m);
        }
      if (!json)
        g_print ("\n");
    }
  if (json)
    {
      pw_json_end_array (&j);
      pw_json_end_object (&j);
      pw_json_finish (&j);
    }
  return 0;
}

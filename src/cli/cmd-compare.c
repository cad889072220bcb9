/* cmd-compare.c: `pagewalk-cli compare SCENARIO`, page faults per policy and memory size
 *
 * One run (PwRun) per policy and frame count, by pw_compare_run() (the app
 * computes the same figures with it); the trace is read once, shared by each.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pagewalk-cli"

#include "config.h"


#include <glib/gi18n.h>

#include "cli-common.h"
#include "cli-json.h"
#include <string.h>

#include "pw-compare.h"
#include "pw-machine.h"
#include "pw-number.h"
#include "pw-run.h"
#include "pw-scenario.h"

/* "3", "1..6" or "2,4,8..10" into @frames */
static gboolean
parse_frames (const char *text,
              GArray     *frames,
              int        *status)
{
  g_auto(GStrv) list = g_strsplit (text, ",", -1);

  for (guint i = 0; list[i]; i++)
    {
      char *item = g_strstrip (list[i]);
      char *dots = strstr (item, "..");
      gint64 lo = 0, hi = 0;

      if (dots != NULL)
        {
          *dots = '\0';
          /* each end as run's --frames takes it; a bad one is quoted */
          if (!pw_cli_parse_number ("frames", g_strstrip (item), 1, PW_COMPARE_MAX_FRAMES * 1024, &lo, status)
              || !pw_cli_parse_number ("frames", g_strstrip (dots + 2), 1, PW_COMPARE_MAX_FRAMES * 1024, &hi, status))
            return FALSE;
          if (hi < lo || hi - lo >= PW_COMPARE_MAX_FRAMES)
            {
              g_autofree char *max = g_strdup_printf ("%d", PW_COMPARE_MAX_FRAMES);
              *status = pw_cli_usage_error (_("--frames A..B needs A ≤ B and at most %s counts"), max);
              return FALSE;
            }
        }
      else
        {
          if (!pw_cli_parse_number ("frames", item, 1, G_MAXINT64, &lo, status))
            return FALSE;
          hi = lo;
        }
      for (gint64 v = lo; v <= hi; v++)
        {
          guint64 u = (guint64) v;
          g_array_append_val (frames, u);
        }
    }
  if (frames->len == 0 || frames->len > 4 * PW_COMPARE_MAX_FRAMES)
    {
      *status = pw_cli_usage_error (_("--frames needs from 1 to 256 counts"));
      return FALSE;
    }
  return TRUE;
}

int
pw_cli_compare (int    argc,
                char **argv)
{
  g_autofree char *trace = NULL, *format_s = NULL, *policies_s = NULL, *frames_s = NULL;
  gboolean json = FALSE, csv = FALSE, sweep = FALSE;
  GOptionEntry entries[] = {
    { "trace", 0, 0, G_OPTION_ARG_FILENAME, &trace, N_("Run this trace after the steps (- for standard input)"), "FILE" },
    { "trace-format", 0, 0, G_OPTION_ARG_STRING, &format_s, N_("auto, lackey, plain or pages"), "FORMAT" },
    { "policies", 0, 0, G_OPTION_ARG_STRING, &policies_s, N_("Policies, comma-separated (default: all six)"), "LIST" },
    { "frames", 0, 0, G_OPTION_ARG_STRING, &frames_s, N_("Data frame counts, comma-separated, or ranges A..B"), "N,A..B,…" },
    { "sweep", 0, 0, G_OPTION_ARG_NONE, &sweep, N_("Every frame count from 1 to the pages the run touches (the miss-ratio curve)"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, N_("Print CSV: one line per policy and frame count"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("SCENARIO — page faults per policy and memory size"));
  g_autoptr(GArray) policies = g_array_new (FALSE, FALSE, sizeof (PwPolicy));
  g_autoptr(GArray) frames = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_autoptr(GError) error = NULL;
  g_autoptr(PwCompare) cmp = NULL;
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
  if (json && csv)
    return pw_cli_usage_error (_("--json and --csv cannot be combined"));
  if (sweep && frames_s)
    return pw_cli_usage_error (_("--sweep and --frames cannot be combined"));
  options.trace = trace;
  options.trace_format = format_s;
  if (!pw_cli_run_config (&options, &cfg, &status))
    return status;
  if (policies_s != NULL)
    {
      g_auto(GStrv) list = g_strsplit (policies_s, ",", -1);

      for (guint i = 0; list[i]; i++)
        {
          PwPolicy p;
          if (!pw_policy_from_string (g_strstrip (list[i]), &p))
            {
              g_autofree char *quoted = pw_quote (list[i], -1);
              return pw_cli_usage_error (_("unknown policy %s (fifo, lru, opt, clock, random, mru)"), quoted);
            }
          g_array_append_val (policies, p);
        }
      if (policies->len == 0)
        return pw_cli_usage_error (_("--policies needs at least one policy (fifo, lru, opt, clock, random, mru)"));
    }
  else
    {
      guint n;
      const PwPolicy *all = pw_compare_all_policies (&n);
      g_array_append_vals (policies, all, n);
    }
  if (frames_s && !parse_frames (frames_s, frames, &status))
    return status;
  /* the trace is read once, here: a bad line is an error before any output,
   * and every policy runs the same accesses */
  if (!pw_cli_open (argv[1], &cfg, &sc, &base, &status))
    return status;
  if (sweep)
    {
      guint64 top[PW_COMPARE_MAX_FRAMES];
      guint n = pw_compare_sweep_frames (base, top, NULL, &error);

      if (n == 0)
        return pw_cli_input_error (error);
      g_array_append_vals (frames, top, n);
    }
  else if (frames->len == 0)
    {
      guint64 v = 0;
      g_array_append_val (frames, v);
    }

  cmp = pw_compare_run (base, (const PwPolicy *) policies->data, policies->len,
                        (const guint64 *) frames->data, frames->len, 0, NULL, NULL, NULL, &error);
  if (cmp == NULL)
    return pw_cli_input_error (error);

  if (csv)
    {
      g_autofree char *text = pw_compare_csv (cmp);
      fputs (text, stdout);
      return 0;
    }
  if (json)
    {
      pw_json_init (&j, stdout, TRUE);
      pw_json_begin_object (&j);
      pw_json_key (&j, "results");
      pw_json_begin_array (&j);
      for (guint i = 0; i < cmp->n_frames * cmp->n_policies; i++)
        {
          const PwCompareResult *r = &cmp->results[i];

          pw_json_begin_object (&j);
          pw_json_key (&j, "policy"); pw_json_string (&j, pw_policy_name (r->policy));
          pw_json_key (&j, "frames");
          if (r->frames > 0) pw_json_uint (&j, r->frames); else pw_json_null (&j);
          pw_json_key (&j, "accesses"); pw_json_uint (&j, r->accesses);
          pw_json_key (&j, "page_faults"); pw_json_uint (&j, r->page_faults);
          pw_json_key (&j, "major_faults"); pw_json_uint (&j, r->major_faults);
          pw_json_key (&j, "evictions"); pw_json_uint (&j, r->evictions);
          pw_json_key (&j, "hits"); pw_json_uint (&j, r->accesses - MIN (r->page_faults, r->accesses));
          pw_json_end_object (&j);
        }
      pw_json_end_array (&j);
      pw_json_end_object (&j);
      pw_json_finish (&j);
      return 0;
    }

  g_print ("%-8s", _("frames"));
  for (guint p = 0; p < cmp->n_policies; p++)
    g_print (" %8s", pw_policy_name (cmp->policies[p]));
  g_print (_("   (page faults)\n"));
  for (guint f = 0; f < cmp->n_frames; f++)
    {
      if (cmp->frames[f] > 0)
        g_print ("%-8" G_GUINT64_FORMAT, cmp->frames[f]);
      else
        g_print ("%-8s", _("all"));
      for (guint p = 0; p < cmp->n_policies; p++)
        g_print (" %8" G_GUINT64_FORMAT, cmp->results[f * cmp->n_policies + p].page_faults);
      g_print ("\n");
    }
  return 0;
}

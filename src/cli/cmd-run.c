/* cmd-run.c: `pagewalk-cli run SCENARIO`, the steps and a trace through TLB, MMU and kernel
 *
 * Events stream out as they happen (docs/cli.md): the run (PwRun) has read
 * the trace before the first one, so a bad line is an error before any output.
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
#include "pw-present.h"
#include "pw-run.h"
#include "pw-scenario.h"

static void
event_json (PwJson        *j,
            const PwEvent *ev)
{
  pw_json_begin_object (j);
  pw_json_key (j, "i");
  if (ev->i == G_MAXUINT64) pw_json_null (j); else pw_json_uint (j, ev->i);
  pw_json_key (j, "pid"); pw_json_uint (j, ev->pid);
  if (pw_event_is_failed_step (ev) || (ev->kind != PW_STEP_ACCESS && ev->kind != PW_STEP_TOUCH))
    {
      /* a step that failed without an access (a refused spawn, a touch
       * above the limit, a cancelled step): no address to give */
      static const char *kinds[] = { "access", "switch", "reserve", "commit", "decommit",
                                     "free", "touch", "spawn", "exit", "fork" };
      pw_json_key (j, "step"); pw_json_string (j, kinds[ev->kind]);
      pw_json_key (j, "access"); pw_json_null (j);
      pw_json_key (j, "va"); pw_json_null (j);
      pw_json_key (j, "page"); pw_json_null (j);
      pw_json_key (j, "tlb"); pw_json_string (j, "off");
    }
  else
    {
      pw_json_key (j, "access"); pw_json_string (j, pw_access_name (ev->access));
      pw_json_key (j, "va"); pw_json_hex (j, ev->va);
      pw_json_key (j, "page"); pw_json_hex (j, ev->vpn);
      pw_json_key (j, "tlb"); pw_json_string (j, pw_tlb_result_name (ev->tlb));
    }
  pw_json_key (j, "fault"); pw_json_string (j, pw_kernel_fault_name (ev->fault));
  pw_json_key (j, "pa");
  if (ev->ok) pw_json_hex (j, ev->pa); else pw_json_null (j);
  pw_json_key (j, "evicted");
  if (ev->evicted.happened)
    {
      pw_json_begin_object (j);
      pw_json_key (j, "pid"); pw_json_uint (j, ev->evicted.pid);
      pw_json_key (j, "page"); pw_json_hex (j, ev->evicted.vpn);
      pw_json_key (j, "dirty"); pw_json_bool (j, ev->evicted.dirty);
      pw_json_key (j, "to");
      if (ev->evicted.written)
        {
          g_autofree char *to = g_strdup_printf ("disk:%" G_GUINT64_FORMAT, ev->evicted.slot);
          pw_json_string (j, to);
        }
      else
        pw_json_string (j, "dropped");
      pw_json_key (j, "written"); pw_json_bool (j, ev->evicted.written);
      pw_json_end_object (j);
    }
  else
    pw_json_null (j);
  if (ev->step != G_MAXUINT)
    {
      pw_json_key (j, "step_index"); pw_json_uint (j, ev->step);
    }
  if (ev->n_evicted > 1)
    {
      /* one access may evict several pages (room for page tables too);
       * "evicted" shows the first */
      pw_json_key (j, "evictions"); pw_json_uint (j, ev->n_evicted);
    }
  if (ev->cow_copy)
    {
      pw_json_key (j, "cow_copy"); pw_json_bool (j, TRUE);
    }
  if (ev->message)
    {
      pw_json_key (j, "message"); pw_json_string (j, ev->message);
    }
  pw_json_end_object (j);
}

typedef struct
{
  PwJson       *j;
  PwMachine    *m;
  GCancellable *stop;   /* cancelled when standard output fails */
} Out;

static void
event_text (const PwEvent *ev,
            gpointer       data)
{
  Out *out = data;
  PwMachine *m = out->m;
  const PwArch *a = pw_machine_arch (m);
  char b1[40], b2[40];

  if (pw_event_is_failed_step (ev) || (ev->kind != PW_STEP_ACCESS && ev->kind != PW_STEP_TOUCH))
    {
      /* Translators: the step's number, the kind of failure, the reason */
      g_print (_("  step %u failed (%s): %s\n"), ev->step,
               pw_kernel_fault_name (ev->fault) ? pw_kernel_fault_name (ev->fault) : _("error"),
               ev->message ? ev->message : "");
      return;
    }
  g_print ("%6" G_GUINT64_FORMAT "  pid %-3u %-5s %s  page %-8s  TLB %-4s", ev->i, ev->pid,
           pw_access_name (ev->access), pw_hex_width (ev->va, a->va_bits, b1, sizeof b1),
           pw_hex_buf (ev->vpn, b2), pw_tlb_result_name (ev->tlb));
  if (ev->fault != PW_KF_NONE)
    g_print (_("  %s fault"), pw_kernel_fault_name (ev->fault));
  if (ev->evicted.happened)
    {
      g_autofree char *slot = g_strdup_printf ("%" G_GUINT64_FORMAT, ev->evicted.slot);
      if (ev->evicted.written)
        /* Translators: the virtual page, its pid, the swap slot */
        g_print (_(" (evicted page %s of pid %u, written to disk slot %s)"),
                 pw_hex_buf (ev->evicted.vpn, b2), ev->evicted.pid, slot);
      else if (ev->evicted.to_disk)
        /* Translators: the virtual page, its pid, the swap slot */
        g_print (_(" (evicted page %s of pid %u, dropped, its copy in disk slot %s is current)"),
                 pw_hex_buf (ev->evicted.vpn, b2), ev->evicted.pid, slot);
      else
        /* Translators: the virtual page, then its pid */
        g_print (_(" (evicted page %s of pid %u, dropped)"), pw_hex_buf (ev->evicted.vpn, b2),
                 ev->evicted.pid);
    }
  if (ev->ok)
    g_print ("  -> %s\n", pw_hex_width (ev->pa, pw_cli_memory_bits (m), b1, sizeof b1));
  else
    g_print (_("  failed\n"));
  if (!pw_cli_output_ok ())
    g_cancellable_cancel (out->stop);
}

static void
event_json_cb (const PwEvent *ev,
               gpointer       data)
{
  Out *out = data;

  event_json (out->j, ev);
  if (!pw_cli_output_ok ())
    g_cancellable_cancel (out->stop);
}

int
pw_cli_run (int    argc,
            char **argv)
{
  gboolean json = FALSE, stats_only = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "stats-only", 0, 0, G_OPTION_ARG_NONE, &stats_only, N_("Print only the statistics"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("SCENARIO — run the steps and a trace"));
  g_auto(PwCliRunOptions) options = { 0 };
  g_autoptr(PwScenario) sc = NULL;
  g_autoptr(PwRun) run = NULL;
  g_autoptr(GCancellable) stop = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  PwRunConfig cfg;
  PwMachine *m;
  int status = 0;
  PwJson j;
  Out out = { &j, NULL, stop };

  pw_cli_run_options_add (ctx, &options);
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!pw_cli_parse_options (ctx, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return pw_cli_usage_error (_("run needs exactly one scenario"));
  if (!pw_cli_run_config (&options, &cfg, &status))
    return status;
  /* the run reads the whole trace: a bad line is an error before any output */
  if (!pw_cli_open (argv[1], &cfg, &sc, &run, &status))
    return status;
  m = pw_cli_machine_at (run, 0, NULL, NULL, &status);
  if (m == NULL)
    return status;
  out.m = m;
  pw_machine_set_detail (m, !stats_only);

  if (json && !stats_only)
    {
      pw_json_init (&j, stdout, FALSE);
      pw_json_begin_object (&j);
      pw_json_key (&j, "events");
      pw_json_begin_array (&j);
      if (pw_run_replay (run, m, event_json_cb, &out, stop, &error))
        {
          pw_json_end_array (&j);
          pw_json_key (&j, "stats");
          pw_cli_stats_json (&j, pw_machine_stats (m));
          pw_json_end_object (&j);
          pw_json_finish (&j);
        }
    }
  else
    {
      if (pw_run_replay (run, m, stats_only ? NULL : event_text, &out, stop, &error))
        {
          if (json)
            {
              pw_json_init (&j, stdout, TRUE);
              pw_cli_stats_json (&j, pw_machine_stats (m));
              pw_json_finish (&j);
            }
          else
            pw_cli_stats_text (pw_machine_stats (m));
        }
    }
  /* a cancelled replay: standard output failed, pw_cli_finish_output() says so */
  pw_machine_free (m);
  return 0;
}

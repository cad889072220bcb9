/* cmd-export.c: `pagewalk-cli export SCENARIO -o OUT.png|OUT.svg|OUT.pdf`
 *
 * The same drawing code as the app, written by pw_render_export() to a
 * temporary file in the output's directory and renamed, so a failed export
 * never leaves a broken file behind (nor, on SIGINT or SIGTERM, the
 * temporary).  The state drawn is the run's (PwRun) after --at steps.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pagewalk-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "cli-common.h"
#include "pw-machine.h"
#include "pw-number.h"
#include "pw-present.h"
#include "pw-render.h"
#include "pw-render-export.h"
#include "pw-run.h"
#include "pw-scenario.h"

/* The whole label in “”: a label can be longer than pw_quote() keeps, and
 * the point is to see all of it; escaped by pw_quote() when it holds
 * anything unprintable (a scenario's title comes from its file). */
static char *
quote_label (const char *text)
{
  if (pw_is_plain_text (text))
    return g_strdup_printf ("“%s”", text);
  return pw_quote (text, -1);
}

/* One line a problem on stdout: the view, the kind (with "number" when the
 * text carries one), the text quoted, its box; 2 when one is serious
 * (pw_layout_problem_is_serious()). */
static int
print_layout_report (const PwLayoutReport *r,
                     PwView                view)
{
  for (guint i = 0; i < pw_layout_report_size (r); i++)
    {
      const PwLayoutProblem *p = pw_layout_report_get (r, i);
      g_autofree char *text = quote_label (p->text);
      g_autofree char *other = p->other ? quote_label (p->other) : NULL;

      g_print ("%s\t%s%s\t%s\t%.0f,%.0f %.0fx%.0f%s%s\n", pw_view_name (view),
               pw_layout_kind_name (p->kind), p->has_number ? " number" : "",
               text, p->x, p->y, p->width, p->height,
               other ? "\tover " : "", other ? other : "");
    }
  return pw_layout_report_n_serious (r) > 0 ? 2 : 0;
}

int
pw_cli_export (int    argc,
               char **argv)
{
  g_autofree char *out = NULL, *view_s = NULL, *translate_s = NULL, *theme_s = NULL;
  g_autofree char *access_s = NULL, *at_s = NULL, *pid_s = NULL;
  gint64 at = -1, pid = 0;
  double width = 1200, scale = 1, t = -1;
  gboolean reduced = FALSE, check = FALSE;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("Write to OUT (.png, .svg or .pdf)"), "OUT" },
    { "view", 0, 0, G_OPTION_ARG_STRING, &view_s,
      N_("overview, address, vaspace, pagetable, physical, disk, tlb or walk (default overview)"), "VIEW" },
    { "at", 0, 0, G_OPTION_ARG_STRING, &at_s, N_("Draw the state after the first STEP steps"), "STEP" },
    { "translate", 0, 0, G_OPTION_ARG_STRING, &translate_s, N_("Show the translation of ADDRESS"), "ADDRESS" },
    { "pid", 0, 0, G_OPTION_ARG_STRING, &pid_s, N_("Process (default: the current process)"), "N" },
    { "access", 0, 0, G_OPTION_ARG_STRING, &access_s, N_("read, write or exec, for --translate (default read)"), "KIND" },
    { "width", 0, 0, G_OPTION_ARG_DOUBLE, &width, N_("Width in pixels (default 1200)"), "PX" },
    { "scale", 0, 0, G_OPTION_ARG_DOUBLE, &scale, N_("Pixels per unit in a PNG, for high DPI (default 1)"), "F" },
    { "theme", 0, 0, G_OPTION_ARG_STRING, &theme_s, N_("light, dark, print or high-contrast (default light)"), "THEME" },
    { "time", 0, 0, G_OPTION_ARG_DOUBLE, &t, N_("Animation time in seconds (default: the final state)"), "T" },
    { "reduced-motion", 0, 0, G_OPTION_ARG_NONE, &reduced, N_("Phases switch, nothing travels"), NULL },
    { "check-layout", 0, 0, G_OPTION_ARG_NONE, &check,
      N_("Print the labels shortened, dropped, cut off, overlapping or run together; exit 2 when a number was shortened or cut off, labels overlap or numbers run together"),
      NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("SCENARIO -o OUT — draw a view as PNG, SVG or PDF"));
  g_autoptr(GError) error = NULL;
  g_autoptr(PwScenario) sc = NULL;
  g_autoptr(PwRun) run = NULL;
  g_autofree char *quoted = NULL;
  g_autoptr(PwLayoutReport) report = NULL;
  PwMachine *m = NULL, *before = NULL;
  PwRenderOptions o;
  PwShownEvent shown = { 0 };
  const PwEvent *step_ev;
  PwEvent first = { 0 };
  PwExportFormat fmt;
  PwAccess access = PW_ACCESS_READ;
  guint64 va = 0;
  double height;
  int status = 0;

  pw_render_options_init (&o);
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!pw_cli_parse_options (ctx, &argc, &argv, &status))
    return status;
  if (argc < 2)
    return pw_cli_usage_error (_("export needs a scenario (see pagewalk-cli export --help)"));
  if (argc > 2)
    {
      quoted = pw_quote (argv[2], -1);
      return pw_cli_usage_error (_("export: unexpected argument %s"), quoted);
    }
  if (out == NULL)
    return pw_cli_usage_error (_("export needs -o OUT.png, OUT.svg or OUT.pdf"));
  quoted = pw_quote (out, -1);
  if (!pw_export_format_from_name (out, &fmt))
    return pw_cli_usage_error (_("%s: unknown file type (the name must end in .png, .svg or .pdf)"), quoted);
  g_clear_pointer (&quoted, g_free);
  if (view_s != NULL && !pw_view_from_string (view_s, &o.view))
    {
      quoted = pw_quote (view_s, -1);
      return pw_cli_usage_error (_("unknown view %s (overview, address, vaspace, pagetable, physical, disk, tlb, walk)"),
                                 quoted);
    }
  if (theme_s != NULL && !pw_theme_from_string (theme_s, &o.theme))
    {
      quoted = pw_quote (theme_s, -1);
      return pw_cli_usage_error (_("unknown theme %s (light, dark, print, high-contrast)"), quoted);
    }
  if (!(width >= 200 && width <= 20000))
    return pw_cli_usage_error (_("--width must be between 200 and 20000 pixels"));
  if (!(scale >= 0.25 && scale <= 8))
    return pw_cli_usage_error (_("--scale must be between 0.25 and 8"));
  if (fmt == PW_EXPORT_PNG && width * scale > 30000)
    return pw_cli_usage_error (_("the image would be wider than 30000 pixels: lower --width or --scale"));
  if (!pw_cli_parse_number ("pid", pid_s, 1, G_MAXUINT, &pid, &status)
      || !pw_cli_parse_number ("at", at_s, 0, G_MAXUINT, &at, &status))
    return status;
  if (t != -1 && !(t >= 0 && t < 1e6))
    return pw_cli_usage_error (_("--time must be 0 or more seconds"));
  if (access_s && !pw_access_from_string (access_s, &access))
    return pw_cli_error_bad_access ();
  if (translate_s != NULL && !pw_cli_parse_value ("--translate", translate_s, &va, &status))
    return status;
  o.scale = scale;
  o.reduced_motion = reduced;
  if (check)
    o.layout_report = report = pw_layout_report_new ();
  o.t = t >= 0 ? t : PW_RENDER_T_FINAL;

  /* the run gives `opt` its future */
  if (!pw_cli_open (argv[1], NULL, &sc, &run, &status))
    return status;
  if (at > 0 && (guint64) at > pw_run_n_positions (run))
    return pw_cli_error_at_beyond (at, pw_run_n_positions (run));
  if (at > 0)
    {
      /* the events of the last step only */
      m = pw_cli_machine_at (run, at - 1, NULL, NULL, &status);
      if (m == NULL)
        return status;
      /* as the app does: while the step's access unfolds (--time), the
       * panes around the walk show the machine before the step until the
       * kernel acts (PwRenderOptions.before) */
      if (o.t < PW_RENDER_T_FINAL && !reduced)
        before = pw_machine_copy (m);
      pw_run_advance (run, m, (guint64) at - 1, pw_shown_event_keep, &shown);
    }
  else
    {
      m = pw_cli_machine_at (run, 0, NULL, NULL, &status);
      if (m == NULL)
        return status;
    }

  if (pid != 0 && pw_machine_lookup (m, (guint) pid) == NULL)
    {
      status = pw_cli_error_no_process (pid);
      goto out;
    }
  o.pid = (guint) pid;

  if (translate_s != NULL)
    {
      guint wpid = pid ? (guint) pid : pw_machine_default_pid (m);

      if (!pw_machine_translate (m, wpid, va, access, PW_MODE_USER, &o.walk, &error))
        {
          status = pw_cli_usage_error ("%s", error->message);
          goto out;
        }
      o.has_walk = TRUE;
      o.walk_pid = wpid;
    }
  else if ((step_ev = pw_shown_event_get (&shown)) != NULL)
    {
      /* the access the last step made (TLB, fault handling, retry), or the
       * notice of a step that failed without one: the rule the app follows */
      o.event = step_ev;
      o.before = before;
    }
  else if (at < 0)
    {
      /* no address given: the script's first access (pw-render.h) */
      pw_render_options_first_access (&o, m, &first);
    }

  pw_render_measure (m, &o, width, &height);

  /* a temporary file beside the output, renamed when complete */
  if (!pw_render_export (out, fmt, m, &o, width, height, sc->title ? sc->title : "Pagewalk", &error))
    {
      quoted = pw_quote (out, -1);
      /* Translators: the output file, quoted, then the reason */
      status = pw_cli_usage_error (_("%s: cannot write: %s"), quoted, error->message);
    }
  else if (report != NULL)
    status = print_layout_report (report, o.view);

out:
  pw_shown_event_reset (&shown);
  pw_event_clear (&first);
  pw_machine_free (before);
  pw_machine_free (m);
  return status;
}

/* cmd-export.c: `pagewalk-cli export SCENARIO -o OUT.png|OUT.svg|OUT.pdf|-`
 *
 * The same drawing code as the app, written by pw_render_export() to a
 * temporary file in the output's directory and renamed, so a failed export
 * never leaves a broken file behind (nor, on SIGINT or SIGTERM, the
 * temporary).  The state drawn is the run's (PwRun) after --at steps.
 * `-o -` writes the image to standard output, in the format of --format
 * (PNG by default): it is drawn in a private temporary directory, then
 * copied out.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pagewalk-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "cli-common.h"
#include "cli-render.h"
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

/* Draws into a private temporary directory and copies the file to standard
 * output. */
static gboolean
export_to_stdout (PwExportFormat         fmt,
                  const char            *ext,
                  PwMachine             *m,
                  const PwRenderOptions *o,
                  double                 width,
                  double                 height,
                  const char            *title,
                  GError               **error)
{
  g_autofree char *dir = g_dir_make_tmp ("pagewalk-export-XXXXXX", error);
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;
  gboolean ok;

  if (dir == NULL)
    return FALSE;
  name = g_strconcat ("export.", ext, NULL);
  path = g_build_filename (dir, name, NULL);
  ok = pw_render_export (path, fmt, m, o, width, height, title, error)
       && g_file_get_contents (path, &contents, &len, error);
  g_unlink (path);
  g_rmdir (dir);
  /* a failed write is reported by pw_cli_finish_output() */
  if (ok && len > 0)
    fwrite (contents, 1, len, stdout);
  return ok;
}

int
pw_cli_export (int    argc,
               char **argv)
{
  g_autofree char *out = NULL, *view_s = NULL, *translate_s = NULL, *theme_s = NULL;
  g_autofree char *access_s = NULL, *at_s = NULL, *pid_s = NULL, *policy_s = NULL, *frames_s = NULL;
  g_autofree char *format_s = NULL;
  g_autofree char *format_name = NULL;
  gboolean to_stdout;
  gint64 at = -1, pid = 0;
  double width = 1200, scale = 1, text_scale = 1, t = -1;
  gboolean reduced = FALSE, check = FALSE;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("Write to OUT (.png, .svg or .pdf)"), "OUT" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_s,
      N_("png, svg or pdf, for -o - (standard output; default png)"), "FORMAT" },
    { "view", 0, 0, G_OPTION_ARG_STRING, &view_s,
      N_("overview, address, vaspace, pagetable, physical, disk, tlb, walk, lab or compare (default overview)"), "VIEW" },
    { "policy", 0, 0, G_OPTION_ARG_STRING, &policy_s, N_("Replacement policy, as run takes it (the lab view draws it)"), "POLICY" },
    { "frames", 0, 0, G_OPTION_ARG_STRING, &frames_s, N_("At most N frames hold data pages, as run takes it"), "N" },
    { "at", 0, 0, G_OPTION_ARG_STRING, &at_s, N_("Draw the state after the first STEP steps"), "STEP" },
    { "translate", 0, 0, G_OPTION_ARG_STRING, &translate_s, N_("Show the translation of ADDRESS"), "ADDRESS" },
    { "pid", 0, 0, G_OPTION_ARG_STRING, &pid_s, N_("Process (default: the current process)"), "N" },
    { "access", 0, 0, G_OPTION_ARG_STRING, &access_s, N_("read, write or exec, for --translate (default read)"), "KIND" },
    { "width", 0, 0, G_OPTION_ARG_DOUBLE, &width, N_("Width in pixels (default 1200)"), "PX" },
    { "scale", 0, 0, G_OPTION_ARG_DOUBLE, &scale, N_("Pixels per unit in a PNG, for high DPI (default 1)"), "F" },
    { "text-scale", 0, 0, G_OPTION_ARG_DOUBLE, &text_scale,
      N_("Text size against the default, as the desktop's Large Text (1.5); the view is laid out around it (default 1)"), "F" },
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
  g_autoptr(PwCompare) cmp = NULL;
  PwCliRunOptions run_options = { 0 };
  PwRunConfig cfg;
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
  to_stdout = g_str_equal (out, "-");
  if (format_s != NULL && !to_stdout)
    return pw_cli_usage_error (_("--format is for -o - (standard output); a file's format is its extension"));
  if (to_stdout)
    {
      if (format_s == NULL)
        format_s = g_strdup ("png");
      format_name = g_strconcat ("-.", format_s, NULL);
      if (strchr (format_s, '.') != NULL || !pw_export_format_from_name (format_name, &fmt))
        {
          quoted = pw_quote (format_s, -1);
          return pw_cli_usage_error (_("unknown format %s (png, svg, pdf)"), quoted);
        }
      if (check)
        return pw_cli_usage_error (_("--check-layout prints to standard output: it cannot go with -o -"));
    }
  quoted = pw_quote (out, -1);
  if (!to_stdout && !pw_export_format_from_name (out, &fmt))
    return pw_cli_usage_error (_("%s: unknown file type (the name must end in .png, .svg or .pdf)"), quoted);
  g_clear_pointer (&quoted, g_free);
  if (!pw_cli_parse_view (view_s, &o.view, &status)
      || !pw_cli_parse_theme (theme_s, &o.theme, &status))
    return status;
  if (!(width >= 200 && width <= 20000))
    return pw_cli_usage_error (_("--width must be between 200 and 20000 pixels"));
  if (!(scale >= 0.25 && scale <= 8))
    return pw_cli_usage_error (_("--scale must be between 0.25 and 8"));
  if (!(text_scale >= 0.5 && text_scale <= 4))
    return pw_cli_usage_error (_("--text-scale must be between 0.5 and 4"));
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
  o.text_scale = text_scale;
  o.reduced_motion = reduced;
  if (check)
    o.layout_report = report = pw_layout_report_new ();
  o.t = t >= 0 ? t : PW_RENDER_T_FINAL;

  run_options.policy = policy_s;
  run_options.frames = frames_s;
  if (!pw_cli_run_config (&run_options, &cfg, &status))
    return status;
  /* the run gives `opt` its future */
  if (!pw_cli_open (argv[1], &cfg, &sc, &run, &status))
    return status;
  if (at > 0 && (guint64) at > pw_run_n_positions (run))
    return pw_cli_error_at_beyond (at, pw_run_n_positions (run));
  if (at > 0)
    {
      /* the events of the last step only */
      m = pw_cli_machine_at (run, at - 1, NULL, NULL, &status);
      if (m == NULL)
        return status;
      /* the lab shows what the step changed; while the step's access
       * unfolds (--time), the panes around the walk show the machine
       * before the step until the kernel acts (PwRenderOptions.before), as
       * the app does */
      if (o.view == PW_VIEW_LAB || (o.t < PW_RENDER_T_FINAL && !reduced))
        before = pw_machine_copy (m);
      if (o.view == PW_VIEW_LAB)
        o.before = before;
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

  if (o.view == PW_VIEW_COMPARE)
    {
      /* every policy over the sweep 1 to N frames, the table at the run's frames:
       * the figures of `compare --sweep` */
      guint64 frames[PW_COMPARE_MAX_FRAMES];
      guint n_policies, n = pw_compare_sweep_frames (run, frames, NULL, &error);
      const PwPolicy *all = pw_compare_all_policies (&n_policies);

      cmp = n ? pw_compare_run (run, all, n_policies, frames, n, cfg.data_frames, NULL, NULL, NULL, &error) : NULL;
      if (cmp == NULL)
        {
          status = pw_cli_input_error (error);
          goto out;
        }
      o.compare = cmp;
    }

  pw_render_measure (m, &o, width, &height);

  /* a temporary file beside the output, renamed when complete */
  if (to_stdout
      ? !export_to_stdout (fmt, format_s, m, &o, width, height, sc->title ? sc->title : "Pagewalk", &error)
      : !pw_render_export (out, fmt, m, &o, width, height, sc->title ? sc->title : "Pagewalk", &error))
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
  pw_machine_free (m);
  g_clear_pointer (&before, pw_machine_free);
  return status;
}

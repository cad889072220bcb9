/* cmd-handout.c: `pagewalk-cli handout SCENARIO -o OUT.pdf`
 *
 * A whole scenario as a PDF for printing (pw-render-handout.h): a title
 * page, then one page a step.  Written to a temporary file and renamed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pagewalk-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "cli-common.h"
#include "cli-render.h"
#include "pw-number.h"
#include "pw-render.h"
#include "pw-render-handout.h"
#include "pw-run.h"
#include "pw-scenario.h"

/* A page a step: more than this is not a handout any more. */
#define MAX_PAGES 2000

int
pw_cli_handout (int    argc,
                char **argv)
{
  g_autofree char *out = NULL, *view_s = NULL, *theme_s = NULL, *steps_s = NULL;
  g_auto(PwCliRunOptions) ro = { 0 };
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("Write to OUT (.pdf)"), "OUT" },
    { "view", 0, 0, G_OPTION_ARG_STRING, &view_s,
      N_("The view on each step's page: overview, address, vaspace, pagetable, physical, disk, tlb or walk (default overview)"),
      "VIEW" },
    { "theme", 0, 0, G_OPTION_ARG_STRING, &theme_s, N_("print, light, dark or high-contrast (default print)"), "THEME" },
    { "steps", 0, 0, G_OPTION_ARG_STRING, &steps_s,
      N_("The steps to put on pages, counted from 1: FIRST-LAST or one step (default: every step of the script)"),
      "RANGE" },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("SCENARIO -o OUT.pdf — a handout: a title page, then a page a step"));
  g_autoptr(GError) error = NULL;
  g_autoptr(PwScenario) sc = NULL;
  g_autoptr(PwRun) run = NULL;
  g_autofree char *quoted = NULL, *lower = NULL;
  PwHandoutOptions ho;
  PwRunConfig cfg;
  int status = 0;

  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  pw_cli_run_options_add (ctx, &ro);
  if (!pw_cli_parse_options (ctx, &argc, &argv, &status))
    return status;
  if (argc < 2)
    return pw_cli_usage_error (_("handout needs a scenario (see pagewalk-cli handout --help)"));
  if (argc > 2)
    {
      quoted = pw_quote (argv[2], -1);
      return pw_cli_usage_error (_("handout: unexpected argument %s"), quoted);
    }
  if (out != NULL)
    lower = g_ascii_strdown (out, -1);
  if (lower == NULL || !g_str_has_suffix (lower, ".pdf"))
    return pw_cli_usage_error (_("handout needs -o OUT.pdf"));
  if (!pw_cli_run_config (&ro, &cfg, &status)
      || !pw_cli_open (argv[1], &cfg, &sc, &run, &status))
    return status;
  pw_handout_options_init (&ho, run);
  if (!pw_cli_parse_view (view_s, &ho.view, &status)
      || !pw_cli_parse_theme (theme_s, &ho.theme, &status)
      || !pw_cli_parse_steps (steps_s, run, &ho.first, &ho.last, &status))
    return status;
  if (ho.first <= ho.last && ho.last - ho.first >= MAX_PAGES)
    return pw_cli_usage_error (_("a handout holds at most %s steps: choose fewer with --steps"),
                               PW_DEC (MAX_PAGES));

  if (!pw_render_handout (out, run, &ho, NULL, NULL, NULL, &error))
    {
      quoted = pw_quote (out, -1);
      /* Translators: the output file, quoted, then the reason */
      return pw_cli_usage_error (_("%s: cannot write: %s"), quoted, error->message);
    }
  return 0;
}

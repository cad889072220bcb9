/* cmd-validate.c: `pagewalk-cli validate SCENARIO…`
 *
 * Each scenario is loaded and its machine set up, as a run would.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pagewalk-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "cli-common.h"
#include "pw-number.h"
#include "pw-run.h"
#include "pw-scenario.h"

int
pw_cli_validate (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("SCENARIO… — check scenario files"));
  int status = 0, worst = 0;

  if (!pw_cli_parse_options (ctx, &argc, &argv, &status))
    return status;
  if (argc < 2)
    return pw_cli_usage_error (_("validate needs at least one scenario"));
  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PwScenario) sc = pw_scenario_load (argv[i], &error);
      g_autoptr(PwRun) run = NULL;
      /* what needs the machine (a frame used twice...) is checked when it
       * is set up */
      if (sc != NULL)
        run = pw_run_new (sc, NULL, NULL, &error);
      if (run == NULL)
        worst = pw_cli_input_error (error);
      else
        {
          g_autofree char *name = pw_cli_display_name (argv[i]);
          g_print (_("%s: ok\n"), name);
        }
    }
  return worst;
}

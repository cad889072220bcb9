/* cmd-examples.c: `pagewalk-cli examples`, the built-in examples
 *
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pagewalk-cli"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cli-common.h"
#include "cli-json.h"
#include "pw-scenario.h"

int
pw_cli_examples (int    argc,
                 char **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("— list the built-in examples"));
  PwExampleInfo **list;
  int status = 0;
  PwJson j;

  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!pw_cli_parse_options (ctx, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return pw_cli_usage_error (_("examples takes no arguments"));
  list = pw_examples_list ();
  if (json)
    {
      pw_json_init (&j, stdout, TRUE);
      pw_json_begin_array (&j);
      for (guint i = 0; list[i]; i++)
        {
          pw_json_begin_object (&j);
          pw_json_key (&j, "name"); pw_json_string (&j, list[i]->name);
          pw_json_key (&j, "title"); pw_json_string (&j, list[i]->title);
          pw_json_key (&j, "arch"); pw_json_string (&j, list[i]->arch);
          pw_json_key (&j, "description"); pw_json_string (&j, list[i]->description);
          pw_json_end_object (&j);
        }
      pw_json_end_array (&j);
      pw_json_finish (&j);
    }
  else
    {
      int width = 0;
      for (guint i = 0; list[i]; i++)
        width = MAX (width, (int) strlen (list[i]->name));
      for (guint i = 0; list[i]; i++)
        g_print ("%-*s  %s\n", width, list[i]->name, list[i]->title);
    }
  pw_examples_free (list);
  return 0;
}

/* ---- state -------------------------------------------------------------- */

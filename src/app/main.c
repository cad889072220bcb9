/* main.c: `pagewalk [SCENARIO...]`, the desktop app
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pagewalk"

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "pw-application.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(PwApplication) app = NULL;

  setlocale (LC_ALL, "");
  /* PAGEWALK_LOCALEDIR: the build tree's catalogues (tests, meson devenv) */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("PAGEWALK_LOCALEDIR") ? g_getenv ("PAGEWALK_LOCALEDIR")
                                                                   : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Pagewalk"));
  app = pw_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}

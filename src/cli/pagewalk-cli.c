/* pagewalk-cli.c: the headless face of the engine and renderer
 *
 * main() hands each command to its file (cmd-*.c); `help COMMAND` is
 * `COMMAND --help`.  The commands and their
 * output are described in docs/cli.md.  Whatever a command printed, standard
 * output is flushed and closed at the end: a write error is exit status 2.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pagewalk-cli"

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "cli-common.h"
#include "pw-number.h"

#ifdef PW_NO_EXPORT
/* Built without cairo and pango (src/render): export is a usage error. */
static int
no_export (G_GNUC_UNUSED int    argc,
           G_GNUC_UNUSED char **argv)
{
  return pw_cli_usage_error (_("this build has no renderer"));
}
#endif

#if defined(PW_NO_EXPORT) || defined(PW_NO_VIDEO)
/* Built without GStreamer or giflib (meson option "video"). */
static int
no_video (G_GNUC_UNUSED int    argc,
          G_GNUC_UNUSED char **argv)
{
  return pw_cli_usage_error (_("this build has no animated export (GStreamer and giflib were not found)"));
}
#endif

static void
print_help (void)
{
  g_print ("%s", _("Usage: pagewalk-cli COMMAND [OPTIONS…]\n"
                   "\n"
                   "Pagewalk shows how an MMU turns virtual addresses into physical ones.\n"
                   "SCENARIO is a .pagewalk file or the name of a built-in example.\n"
                   "\n"
                   "Commands:\n"
                   "  translate SCENARIO ADDRESS…  the hardware walk alone (--pid --access --mode --at --json)\n"
                   "  run SCENARIO                 run the steps and a trace through TLB, MMU and kernel\n"
                   "                               (--trace --trace-format --policy --frames --tlb --json --stats-only)\n"
                   "  compare SCENARIO             page faults per policy and memory size (--policies --frames --trace --json)\n"
                   "  state SCENARIO               the machine after set-up or --at N steps (--json, and run's\n"
                   "                               --trace --trace-format --policy --frames --tlb)\n"
                   "  export SCENARIO -o OUT       draw a view as PNG, SVG or PDF (--view --at --translate --pid\n"
                   "                               --width --scale --theme)\n"
                   "  animate SCENARIO -o OUT      animate steps or a translation as WebM or GIF (--steps\n"
                   "                               --translate --fps --width --hold --view --theme)\n"
                   "  handout SCENARIO -o OUT.pdf  a title page, then a page a step, for printing (--steps --view)\n"
                   "  exercise KIND -o SHEET.pdf   an exercise sheet, its answer key and its machine (--answers\n"
                   "                               --scenario --json --seed --questions --arch --levels --page-size)\n"
                   "  validate SCENARIO…           check scenario files\n"
                   "  examples                     list the built-in examples (--json)\n"
                   "\n"
                   "  --help, --version\n"
                   "Run “pagewalk-cli COMMAND --help” for a command's options.\n"
                   "Exit status: 0 success, 2 bad usage, bad input or output that cannot be written.\n"));
}

int
main (int    argc,
      char **argv)
{
  static const struct
  {
    const char *name;
    int (*func) (int argc, char **argv);
  } commands[] = {
    { "translate", pw_cli_translate },
    { "run", pw_cli_run },
    { "compare", pw_cli_compare },
    { "state", pw_cli_state },
#ifndef PW_NO_EXPORT
    { "export", pw_cli_export },
    { "handout", pw_cli_handout },
    { "exercise", pw_cli_exercise },
#else
    { "export", no_export },
    { "handout", no_export },
    { "exercise", no_export },
#endif
#if !defined(PW_NO_EXPORT) && !defined(PW_NO_VIDEO)
    { "animate", pw_cli_animate },
#else
    { "animate", no_video },
#endif
    { "validate", pw_cli_validate },
    { "examples", pw_cli_examples },
  };
  g_autofree char *quoted = NULL;
  const char *cmd;

  setlocale (LC_ALL, "");
  /* PAGEWALK_LOCALEDIR: the build tree's catalogues (tests, meson devenv) */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("PAGEWALK_LOCALEDIR") ? g_getenv ("PAGEWALK_LOCALEDIR")
                                                                   : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("pagewalk-cli");
  pw_cli_check_output_at_exit ();

  if (argc < 2)
    return pw_cli_usage_error (_("no command given (see pagewalk-cli --help)"));
  cmd = argv[1];
  if (g_str_equal (cmd, "help") && argc > 2)
    {
      /* `pagewalk-cli help COMMAND` is `pagewalk-cli COMMAND --help` */
      cmd = argv[2];
      argc = 3;
      argv[1] = (char *) cmd;
      argv[2] = (char *) "--help";
    }
  if (g_str_equal (cmd, "--help") || g_str_equal (cmd, "-h") || g_str_equal (cmd, "help"))
    {
      print_help ();
      g_print ("%s", _("Run “pagewalk-cli help COMMAND” for a command's usage.\n"));
      return pw_cli_finish_output (0);
    }
  if (g_str_equal (cmd, "--version"))
    {
      g_print ("pagewalk-cli %s\n", PACKAGE_VERSION);
      return pw_cli_finish_output (0);
    }
  argc--, argv++;
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (cmd, commands[i].name))
      {
        /* the usage line of --help names the command:
         * "pagewalk-cli run [OPTION…] SCENARIO — …" */
        g_autofree char *prgname = g_strdup_printf ("pagewalk-cli %s", cmd);
        g_set_prgname (prgname);
        return pw_cli_finish_output (commands[i].func (argc, argv));
      }
  quoted = pw_quote (cmd, -1);
  return pw_cli_usage_error (_("unknown command %s (see pagewalk-cli --help)"), quoted);
}

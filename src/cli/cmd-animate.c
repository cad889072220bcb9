/* cmd-animate.c: `pagewalk-cli animate SCENARIO -o OUT.webm|OUT.gif`
 *
 * The app's animation of a range of steps, or of one translation, as a
 * video (pw-video.h): the same frames as the app draws.  Bounded: at most
 * MAX_FRAMES frames of at most 3840x2160 pixels.  Written to a temporary
 * file and renamed.  Prints what it wrote: frames, size, rate, seconds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pagewalk-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "cli-common.h"
#include "cli-render.h"
#include "pw-number.h"
#include "pw-present.h"
#include "pw-render.h"
#include "pw-run.h"
#include "pw-scenario.h"
#include "pw-video.h"

/* ten minutes at 25 frames a second */
#define MAX_FRAMES 15000

int
pw_cli_animate (int    argc,
                char **argv)
{
  g_autofree char *out = NULL, *view_s = NULL, *theme_s = NULL, *steps_s = NULL;
  g_autofree char *at_s = NULL, *translate_s = NULL, *pid_s = NULL, *access_s = NULL, *mode_s = NULL;
  g_autofree char *width_s = NULL, *height_s = NULL, *fps_s = NULL;
  double hold = 1.0;
  gboolean reduced = FALSE;
  g_auto(PwCliRunOptions) ro = { 0 };
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("Write to OUT (.webm or .gif)"), "OUT" },
    { "steps", 0, 0, G_OPTION_ARG_STRING, &steps_s,
      N_("The steps to animate, counted from 1: FIRST-LAST or one step (default: every step of the script)"),
      "RANGE" },
    { "translate", 0, 0, G_OPTION_ARG_STRING, &translate_s,
      N_("Animate the translation of ADDRESS instead of steps"), "ADDRESS" },
    { "at", 0, 0, G_OPTION_ARG_STRING, &at_s,
      N_("With --translate: translate after the first STEP steps (default 0)"), "STEP" },
    { "pid", 0, 0, G_OPTION_ARG_STRING, &pid_s, N_("With --translate: the process (default: the current process)"), "N" },
    { "access", 0, 0, G_OPTION_ARG_STRING, &access_s, N_("With --translate: read, write or exec (default read)"), "KIND" },
    { "mode", 0, 0, G_OPTION_ARG_STRING, &mode_s, N_("With --translate: user or supervisor (default user)"), "MODE" },
    { "view", 0, 0, G_OPTION_ARG_STRING, &view_s,
      N_("overview, address, vaspace, pagetable, physical, disk, tlb or walk (default overview)"), "VIEW" },
    { "theme", 0, 0, G_OPTION_ARG_STRING, &theme_s, N_("light, dark, print or high-contrast (default light)"), "THEME" },
    { "width", 0, 0, G_OPTION_ARG_STRING, &width_s, N_("Width in pixels, 320 to 3840 (default 1280)"), "PX" },
    { "height", 0, 0, G_OPTION_ARG_STRING, &height_s,
      N_("Height in pixels, 16 to 2160 (default: the tallest frame's)"), "PX" },
    { "fps", 0, 0, G_OPTION_ARG_STRING, &fps_s, N_("Frames a second, 1 to 60 (default 25)"), "N" },
    { "hold", 0, 0, G_OPTION_ARG_DOUBLE, &hold, N_("Seconds each step's final state stays, 0 to 10 (default 1)"), "S" },
    { "reduced-motion", 0, 0, G_OPTION_ARG_NONE, &reduced, N_("Phases switch, nothing travels"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("SCENARIO -o OUT.webm|OUT.gif — animate steps or a translation"));
  g_autoptr(GError) error = NULL;
  g_autoptr(PwScenario) sc = NULL;
  g_autoptr(PwRun) run = NULL;
  g_autofree char *quoted = NULL;
  PwVideoOptions vo;
  PwVideoFormat fmt;
  PwRunConfig cfg;
  gint64 width = 1280, height = 0, fps = 25, pid = 0, at = 0;
  guint64 n_frames;
  guint w, h;
  int status = 0;

  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  pw_cli_run_options_add (ctx, &ro);
  if (!pw_cli_parse_options (ctx, &argc, &argv, &status))
    return status;
  if (argc < 2)
    return pw_cli_usage_error (_("animate needs a scenario (see pagewalk-cli animate --help)"));
  if (argc > 2)
    {
      quoted = pw_quote (argv[2], -1);
      return pw_cli_usage_error (_("animate: unexpected argument %s"), quoted);
    }
  if (out == NULL || !pw_video_format_from_name (out, &fmt))
    return pw_cli_usage_error (_("animate needs -o OUT.webm or OUT.gif"));
  if (!pw_cli_parse_number ("width", width_s, 320, 3840, &width, &status)
      || !pw_cli_parse_number ("height", height_s, 16, 2160, &height, &status)
      || !pw_cli_parse_number ("fps", fps_s, 1, 60, &fps, &status)
      || !pw_cli_parse_number ("pid", pid_s, 1, G_MAXUINT, &pid, &status)
      || !pw_cli_parse_number ("at", at_s, 0, G_MAXUINT, &at, &status))
    return status;
  if (!(hold >= 0 && hold <= 10))
    return pw_cli_usage_error (_("--hold must be from 0 to 10 seconds"));
  if (translate_s != NULL && steps_s != NULL)
    return pw_cli_usage_error (_("give --steps or --translate, not both"));
  if (translate_s == NULL && (at_s || pid_s || access_s || mode_s))
    return pw_cli_usage_error (_("--at, --pid, --access and --mode go with --translate"));
  if (!pw_cli_run_config (&ro, &cfg, &status)
      || !pw_cli_open (argv[1], &cfg, &sc, &run, &status))
    return status;

  pw_video_options_init (&vo, run);
  vo.width = (guint) width;
  vo.height = (guint) height;
  vo.fps = (guint) fps;
  vo.hold = hold;
  vo.reduced_motion = reduced;
  if (!pw_cli_parse_view (view_s, &vo.view, &status)
      || !pw_cli_parse_theme (theme_s, &vo.theme, &status))
    return status;
  if (translate_s != NULL)
    {
      vo.translate = TRUE;
      if (!pw_cli_parse_value ("--translate", translate_s, &vo.va, &status))
        return status;
      if (access_s && !pw_access_from_string (access_s, &vo.access))
        return pw_cli_error_bad_access ();
      if (mode_s && g_str_equal (mode_s, "supervisor"))
        vo.mode = PW_MODE_SUPERVISOR;
      else if (mode_s && !g_str_equal (mode_s, "user"))
        return pw_cli_usage_error (_("--mode must be user or supervisor"));
      if ((guint64) at > pw_run_n_positions (run))
        return pw_cli_error_at_beyond (at, pw_run_n_positions (run));
      vo.at = (guint64) at;
      vo.pid = (guint) pid;
    }
  else if (!pw_cli_parse_steps (steps_s, run, &vo.first, &vo.last, &status))
    return status;
  else if (pw_run_n_steps (run) == 0)
    return pw_cli_usage_error (_("the scenario has no step to animate: give --translate ADDRESS"));

  if (!pw_video_format_available (fmt, &error))
    return pw_cli_usage_error ("%s", error->message);
  if (!pw_video_plan (run, &vo, &n_frames, &w, &h, NULL, &error))
    return pw_cli_usage_error ("%s", error->message);
  if (n_frames > MAX_FRAMES)
    /* Translators: the frames the animation would take, then the most
     * allowed */
    return pw_cli_usage_error (_("the animation would take %s frames, more than %s: animate fewer steps, or lower --fps or --hold"),
                               PW_DEC (n_frames), PW_DEC (MAX_FRAMES));
  /* the height measured: the export does not measure every step again */
  vo.height = h;
  if (!pw_video_export (out, fmt, run, &vo, NULL, NULL, NULL, &error))
    {
      quoted = pw_quote (out, -1);
      /* Translators: the output file, quoted, then the reason */
      return pw_cli_usage_error (_("%s: cannot write: %s"), quoted, error->message);
    }
  {
    g_autofree char *name = pw_cli_display_name (out);
    char seconds[32];

    g_ascii_formatd (seconds, sizeof seconds, "%.2f", (double) n_frames / (double) vo.fps);
    /* Translators: the file, its frames, width and height in pixels, frames
     * a second, then seconds */
    g_print (ngettext ("%s: %s frame, %s×%s pixels, %s frames a second, %s s\n",
                       "%s: %s frames, %s×%s pixels, %s frames a second, %s s\n",
                       (gulong) n_frames),
             name, PW_DEC (n_frames), PW_DEC (w), PW_DEC (h), PW_DEC (vo.fps), seconds);
  }
  return 0;
}

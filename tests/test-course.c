/* test-course.c: course material: handouts (pagewalk-cli handout) and
 * animated exports (pagewalk-cli animate)
 *
 * Handouts: a title page and a page a step (pdfinfo), the text of every
 * page holds each step's words and each access's physical address as the
 * engine computed it (pdftotext), the same bytes for the same input with
 * SOURCE_DATE_EPOCH.  Animations: decoded back (GIF with giflib, WebM with
 * GStreamer), they have the frames asked (each step's animation time from
 * the renderer plus the hold, at the rate asked) and the size asked.  Bad
 * options exit 2 with a message and leave no file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <signal.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <gst/gst.h>
#include <gst/app/gstappsink.h>
#include <gif_lib.h>

#include "pw-present.h"
#include "pw-render.h"
#include "pw-render-steps.h"
#include "pw-run.h"
#include "pw-scenario.h"
#include "pw-test-cli.h"

static char *tmpdir;

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmpdir, name, NULL);
}

static PwRun *
open_run (const char  *example,
          PwScenario **sc)
{
  g_autoptr(GError) error = NULL;
  PwRun *run;

  *sc = pw_scenario_load (example, &error);
  g_assert_no_error (error);
  run = pw_run_new (*sc, NULL, NULL, &error);
  g_assert_no_error (error);
  return run;
}

/* Runs a program and returns its standard output. */
static char *
tool_output (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static guint
pdf_pages (const char *path)
{
  const char *argv[] = { "pdfinfo", path, NULL };
  g_autofree char *out = tool_output (argv);
  const char *p = strstr (out, "Pages:");

  g_assert_nonnull (p);
  return (guint) g_ascii_strtoull (p + 6 + strspn (p + 6, " "), NULL, 10);
}

static gboolean
no_temporaries (void)
{
  g_autoptr(GDir) dir = g_dir_open (tmpdir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    if (strstr (name, ".tmp-") != NULL)
      return FALSE;
  return TRUE;
}

/* ---- handouts ------------------------------------------------------------- */

static void
check_handout (const char *example)
{
  g_autoptr(PwScenario) sc = NULL;
  g_autoptr(PwRun) run = open_run (example, &sc);
  g_autofree char *pdf = tmp_path ("handout.pdf");
  const char *args[] = { "handout", example, "-o", pdf, NULL };
  const char *text_argv[] = { "pdftotext", "-layout", pdf, "-", NULL };
  g_autofree char *text = NULL;
  Result r = run_argv (args);
  PwStepCursor c;
  guint n = pw_run_n_steps (run);

  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.err, ==, "");
  result_clear (&r);
  g_assert_cmpuint (pdf_pages (pdf), ==, n + 1);
  text = tool_output (text_argv);
  if (sc->title)
    g_assert_nonnull (strstr (text, sc->title));

  /* every step's words; every successful access's physical address, as
   * the engine computed it and the narration writes it */
  g_assert_true (pw_step_cursor_init (&c, run, 0, NULL, NULL));
  for (guint k = 0; k < n; k++)
    {
      PwStep step;
      const PwEvent *ev;
      g_autofree char *what = NULL;

      pw_step_cursor_next (&c);
      pw_step_cursor_step (&c, &step);
      what = pw_step_describe (sc->arch, &step);
      if (what != NULL)
        g_assert_nonnull (strstr (text, what));
      ev = pw_shown_event_get (&c.shown);
      if (ev != NULL && pw_event_is_access (ev) && ev->ok && sc->arch->kind == PW_ARCH_PAGED)
        {
          g_autofree char *pa = pw_format_address (ev->pa, sc->arch->pa_bits);
          if (strstr (text, pa) == NULL)
            g_error ("%s step %u: the handout does not show the physical address %s", example, k + 1, pa);
        }
    }
  pw_step_cursor_clear (&c);
  g_assert_true (no_temporaries ());
}

static void
test_handout_pages (void)
{
  check_handout ("seed");
  check_handout ("x86-64");
  check_handout ("cow-fork");
  check_handout ("multiprocess");
}

static void
test_handout_reproducible (void)
{
  g_autofree char *a = tmp_path ("a.pdf"), *b = tmp_path ("b.pdf"), *e = tmp_path ("e.pdf");
  g_autofree char *da = NULL, *db = NULL, *info = NULL;
  gsize la, lb;
  const char *args_a[] = { "handout", "seed", "-o", a, NULL };
  const char *args_b[] = { "handout", "seed", "-o", b, NULL };
  const char *args_e[] = { "export", "seed", "-o", e, NULL };
  const char *info_argv[] = { "pdfinfo", "-isodates", e, NULL };
  Result r;

  g_setenv ("SOURCE_DATE_EPOCH", "1700000000", TRUE);
  r = run_argv (args_a);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  g_usleep (1100 * 1000);   /* a second later: the dates must not follow the clock */
  r = run_argv (args_b);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  r = run_argv (args_e);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  g_unsetenv ("SOURCE_DATE_EPOCH");

  g_assert_true (g_file_get_contents (a, &da, &la, NULL));
  g_assert_true (g_file_get_contents (b, &db, &lb, NULL));
  g_assert_cmpmem (da, la, db, lb);
  /* 1700000000 is 2023-11-14T22:13:20Z */
  info = tool_output (info_argv);
  g_assert_nonnull (strstr (info, "2023-11-14T22:13:20"));
}

static void
test_handout_bad (void)
{
  g_autofree char *pdf = tmp_path ("bad.pdf");
  g_autofree char *nodir = g_build_filename (tmpdir, "missing", "x.pdf", NULL);
  struct { const char *args[8]; const char *message; } cases[] = {
    { { "handout", "seed", "-o", pdf, "--steps", "4-2", NULL }, "--steps" },
    { { "handout", "seed", "-o", pdf, "--steps", "99", NULL }, "--steps" },
    { { "handout", "seed", "-o", "out.png", NULL }, "-o OUT.pdf" },
    { { "handout", "seed", "-o", pdf, "--view", "nope", NULL }, "unknown view" },
    { { "handout", "seed", "-o", nodir, NULL }, "cannot write" },
    { { "handout", "no-such-example", "-o", pdf, NULL }, "no-such-example" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Result r = run_argv (cases[i].args);
      g_assert_cmpint (r.status, ==, 2);
      g_assert_nonnull (strstr (r.err, cases[i].message));
      g_assert_null (strchr (strchr (r.err, '\n') + 1, '\n'));   /* one line */
      result_clear (&r);
      g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
    }
  g_assert_true (no_temporaries ());
}

/* ---- animations ------------------------------------------------------------- */

/* Frames of step @k (from 0) of @example, or of its translation of @va
 * (when @translate), at @fps with a hold of @hold: what the renderer's
 * animation takes. */
static guint64
expected_frames (const char *example,
                 guint64     first,
                 guint64     last,
                 gboolean    translate,
                 guint64     va,
                 guint       fps,
                 double      hold)
{
  g_autoptr(PwScenario) sc = NULL;
  g_autoptr(PwRun) run = open_run (example, &sc);
  PwStepCursor c;
  guint64 n = 0;

  g_assert_true (pw_step_cursor_init (&c, run, translate ? 0 : first, NULL, NULL));
  if (translate)
    {
      PwWalk w;
      g_assert_true (pw_machine_translate (c.m, pw_machine_default_pid (c.m), va, PW_ACCESS_READ,
                                           PW_MODE_USER, &w, NULL));
      n = (guint64) ceil ((pw_render_walk_duration (&w, NULL) + hold) * fps - 1e-9);
    }
  else
    for (guint64 k = first; k <= last; k++)
      {
        const PwEvent *ev;
        double d;

        pw_step_cursor_next (&c);
        ev = pw_shown_event_get (&c.shown);
        d = ev ? pw_render_walk_duration (NULL, ev) : 0;
        n += MAX (1, (guint64) ceil ((d + hold) * fps - 1e-9));
      }
  pw_step_cursor_clear (&c);
  return n;
}

static void
gif_info (const char *path,
          int        *frames,
          int        *width,
          int        *height)
{
  int err = 0;
  GifFileType *gif = DGifOpenFileName (path, &err);

  g_assert_nonnull (gif);
  g_assert_cmpint (DGifSlurp (gif), ==, GIF_OK);
  *frames = gif->ImageCount;
  *width = gif->SWidth;
  *height = gif->SHeight;
  DGifCloseFile (gif, &err);
}

static void
webm_info (const char *path,
           int        *frames,
           int        *width,
           int        *height)
{
  g_autofree char *desc = g_strdup_printf ("filesrc location=\"%s\" ! decodebin ! videoconvert ! "
                                           "video/x-raw,format=RGB ! appsink name=sink sync=false", path);
  g_autoptr(GError) error = NULL;
  GstElement *pipeline = gst_parse_launch (desc, &error);
  GstElement *sink;
  GstSample *sample;

  g_assert_no_error (error);
  sink = gst_bin_get_by_name (GST_BIN (pipeline), "sink");
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  *frames = 0;
  while ((sample = gst_app_sink_pull_sample (GST_APP_SINK (sink))) != NULL)
    {
      GstStructure *s = gst_caps_get_structure (gst_sample_get_caps (sample), 0);
      gst_structure_get_int (s, "width", width);
      gst_structure_get_int (s, "height", height);
      (*frames)++;
      gst_sample_unref (sample);
    }
  gst_element_set_state (pipeline, GST_STATE_NULL);
  gst_object_unref (sink);
  gst_object_unref (pipeline);
}

static void
check_animation (const char *file,
                 const char *example,
                 const char *steps,
                 guint64     first,
                 guint64     last,
                 const char *translate,
                 guint       fps,
                 guint       width,
                 guint       height)
{
  g_autofree char *out = tmp_path (file);
  g_autofree char *fps_s = g_strdup_printf ("%u", fps);
  g_autofree char *width_s = g_strdup_printf ("%u", width);
  g_autofree char *height_s = g_strdup_printf ("%u", height);
  const char *args[16] = { "animate", example, "-o", out, "--fps", fps_s, "--width", width_s,
                           "--height", height_s, "--hold", "0.5" };
  guint64 want = expected_frames (example, first, last, translate != NULL,
                                  translate ? g_ascii_strtoull (translate, NULL, 16) : 0, fps, 0.5);
  g_autofree char *summary = NULL;
  int frames = 0, w = 0, h = 0;
  Result r;

  args[12] = translate ? "--translate" : "--steps";
  args[13] = translate ? translate : steps;
  r = run_argv (args);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpint (r.status, ==, 0);
  summary = g_strdup_printf ("%s frames, %u×%u pixels", PW_DEC (want), width, height);
  g_assert_nonnull (strstr (r.out, summary));
  result_clear (&r);

  if (g_str_has_suffix (file, ".gif"))
    gif_info (out, &frames, &w, &h);
  else
    webm_info (out, &frames, &w, &h);
  g_assert_cmpint (frames, ==, (int) want);
  g_assert_cmpint (w, ==, (int) width);
  g_assert_cmpint (h, ==, (int) height);
  g_assert_true (no_temporaries ());
}

static void
test_animate_gif (void)
{
  /* the seed's page fault from disk (step 4): walk, fault, disk read, retry */
  check_animation ("steps.gif", "seed", "3-4", 2, 3, NULL, 10, 640, 480);
  check_animation ("translate.gif", "seed", NULL, 0, 0, "0x2150", 5, 400, 300);
}

static void
test_animate_webm (void)
{
  check_animation ("steps.webm", "seed", "2-4", 1, 3, NULL, 12, 640, 400);
  check_animation ("x86.webm", "x86-64", "1", 0, 0, NULL, 8, 800, 600);
}

static void
test_animate_bad (void)
{
  g_autofree char *gif = tmp_path ("bad.gif");
  g_autofree char *trace = tmp_path ("long.trace");
  g_autoptr(GString) lines = g_string_new (NULL);
  g_autofree char *nodir = g_build_filename (tmpdir, "missing", "x.webm", NULL);
  struct { const char *args[14]; const char *message; } cases[] = {
    { { "animate", "seed", "-o", "x.mp4", NULL }, "OUT.webm or OUT.gif" },
    { { "animate", "seed", "-o", gif, "--fps", "0", NULL }, "--fps" },
    { { "animate", "seed", "-o", gif, "--width", "99999", NULL }, "--width" },
    { { "animate", "seed", "-o", gif, "--steps", "2-1", NULL }, "--steps" },
    { { "animate", "seed", "-o", gif, "--steps", "1", "--translate", "0x2150", NULL }, "not both" },
    { { "animate", "seed", "-o", gif, "--pid", "1", NULL }, "--translate" },
    { { "animate", "seed", "-o", gif, "--translate", "zz", NULL }, "zz" },
    { { "animate", "seed", "-o", gif, "--trace", trace, "--steps", "1-305", "--fps", "60",
        "--width", "320", NULL },
      "more than 15000" },
    { { "animate", "seed", "-o", nodir, "--steps", "1", "--width", "320", NULL }, "cannot write" },
  };

  /* 300 accesses: over a second each at 60 frames a second */
  for (guint i = 0; i < 300; i++)
    g_string_append (lines, "r 0x2150\n");
  g_assert_true (g_file_set_contents (trace, lines->str, -1, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Result r = run_argv (cases[i].args);
      if (r.status != 2)
        g_error ("case %u: exit %d, expected 2", i, r.status);
      if (strstr (r.err, cases[i].message) == NULL)
        g_error ("case %u: expected \"%s\" in: %s", i, cases[i].message, r.err);
      result_clear (&r);
      g_assert_false (g_file_test (gif, G_FILE_TEST_EXISTS));
    }
  g_assert_true (no_temporaries ());
}

/* SIGTERM in the middle of an animation leaves neither file nor temporary. */
static void
test_animate_interrupted (void)
{
  g_autofree char *out = tmp_path ("long.gif");
  const char *argv[] = { cli, "animate", "x86-64", "-o", out, "--width", "3840", "--fps", "60", NULL };
  g_autoptr(GError) error = NULL;
  GPid pid;
  int status;

  g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL
                 | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  /* until the temporary exists (the plan comes first), at most 20 s */
  for (int i = 0; i < 400 && no_temporaries (); i++)
    g_usleep (50 * 1000);
  g_assert_false (no_temporaries ());
  kill (pid, SIGTERM);
  waitpid (pid, &status, 0);
  g_spawn_close_pid (pid);
  g_assert_true (WIFSIGNALED (status) && WTERMSIG (status) == SIGTERM);
  g_assert_true (no_temporaries ());
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  gst_init (&argc, &argv);
  cli = g_getenv ("PAGEWALK_CLI");
  g_assert_nonnull (cli);
  tmpdir = g_dir_make_tmp ("pagewalk-course-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/course/handout/pages", test_handout_pages);
  g_test_add_func ("/course/handout/reproducible", test_handout_reproducible);
  g_test_add_func ("/course/handout/bad", test_handout_bad);
  g_test_add_func ("/course/animate/gif", test_animate_gif);
  g_test_add_func ("/course/animate/webm", test_animate_webm);
  g_test_add_func ("/course/animate/bad", test_animate_bad);
  g_test_add_func ("/course/animate/interrupted", test_animate_interrupted);
  status = g_test_run ();

  {
    g_autoptr(GDir) dir = g_dir_open (tmpdir, 0, NULL);
    const char *name;
    while (dir && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *p = g_build_filename (tmpdir, name, NULL);
        g_unlink (p);
      }
    g_rmdir (tmpdir);
  }
  return status;
}

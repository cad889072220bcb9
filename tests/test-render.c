/* test-render.c: the diagrams against reference images, SVG and PDF output,
 * hit testing, the animation's phases and narration
 *
 * Reference images live in tests/data/render/.  After an intended change of
 * the drawing, regenerate them with
 *
 *   PAGEWALK_UPDATE_REFERENCES=1 meson test -C _build render
 *
 * and look at every image that changed before committing it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-render"

#include "config.h"

#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>

#include "pw-machine.h"
#include "pw-number.h"
#include "pw-render.h"
#include "pw-render-export.h"
#include "pw-render-private.h"   /* PwCtx, pw_text(): the check of two labels */
#include "pw-scenario.h"

#define WIDTH        1200.0
#define EXAMPLE_WIDTH 640.0  /* the references of every view of every example (800 made 6.2 MB) */
#define CHANNEL_TOL  16
#define MAX_BAD      0.005   /* fraction of pixels allowed to differ */

typedef struct
{
  PwScenario     *sc;
  PwMachine      *m;
  PwRenderOptions o;
  PwShownEvent    shown;      /* what the last step shows (pw-present.h) */
  PwEvent         first;      /* pw_render_options_first_access() */
  double          width;
  PwCompare      *compare;    /* the compare view's figures, made when first drawn */
} Fixture;

/* The machine of @example after @at steps (-1: set-up only), drawn with the
 * translation `export` chooses: the last step's access (or its failure), or
 * without --at the script's first access (pw_render_options_first_access(),
 * the code export calls). */
static void
fixture_load (Fixture    *f,
              const char *example,
              int         at)
{
  g_autoptr(GError) error = NULL;

  memset (f, 0, sizeof *f);
  f->sc = pw_scenario_load (example, &error);
  g_assert_no_error (error);
  f->m = pw_machine_new (f->sc, &error);
  g_assert_no_error (error);
  pw_render_options_init (&f->o);
  f->width = WIDTH;

  for (int i = 0; i < at; i++)
    {
      pw_shown_event_reset (&f->shown);
      pw_machine_step (f->m, &g_array_index (f->sc->steps, PwStep, i), pw_shown_event_keep,
                       &f->shown);
    }
  if (at > 0)
    f->o.event = pw_shown_event_get (&f->shown);
  else if (at < 0)
    g_assert_true (pw_render_options_first_access (&f->o, f->m, &f->first));
}

static void
fixture_clear (Fixture *f)
{
  pw_shown_event_reset (&f->shown);
  pw_event_clear (&f->first);
  pw_machine_free (f->m);
  pw_scenario_free (f->sc);
  pw_compare_free (f->compare);
}

/* The comparison `export --view compare` draws: every policy over the sweep,
 * from the real engine (pw-compare.h). */
static PwCompare *
compare_of (const PwScenario *sc,
            guint64           table_frames)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwRun) run = NULL;
  PwRunConfig cfg;
  guint64 frames[PW_COMPARE_MAX_FRAMES];
  guint n, n_policies;
  const PwPolicy *all = pw_compare_all_policies (&n_policies);
  PwCompare *cmp;

  pw_run_config_init (&cfg);
  run = pw_run_new (sc, &cfg, NULL, &error);
  g_assert_no_error (error);
  n = pw_compare_sweep_frames (run, frames, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, >, 0);
  cmp = pw_compare_run (run, all, n_policies, frames, n, table_frames, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return cmp;
}

static cairo_surface_t *
draw_png (Fixture  *f,
          PwHitMap *hits,
          double   *height)
{
  cairo_surface_t *s;
  cairo_t *cr;
  double h;

  if (f->o.view == PW_VIEW_COMPARE && f->o.compare == NULL)
    {
      if (f->compare == NULL)
        f->compare = compare_of (f->sc, 0);
      f->o.compare = f->compare;
    }
  pw_render_measure (f->m, &f->o, f->width, &h);
  g_assert_cmpfloat (h, >, 50);
  g_assert_cmpfloat (h, <, 5000);
  s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) f->width, (int) h);
  cr = cairo_create (s);
  pw_render_draw (cr, f->m, &f->o, f->width, h, hits);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (s);
  if (height)
    *height = h;
  return s;
}

static char *
reference_path (const char *name)
{
  g_autofree char *file = g_strdup_printf ("%s.png", name);
  return g_test_build_filename (G_TEST_DIST, "data", "render", file, NULL);
}

/* Fraction of pixels whose channels differ by more than the tolerance. */
static double
compare (cairo_surface_t *a,
         cairo_surface_t *b)
{
  int w = cairo_image_surface_get_width (a), h = cairo_image_surface_get_height (a);
  int sa = cairo_image_surface_get_stride (a), sb = cairo_image_surface_get_stride (b);
  const guint8 *da = cairo_image_surface_get_data (a), *db = cairo_image_surface_get_data (b);
  guint64 bad = 0;

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        const guint8 *pa = da + y * sa + x * 4, *pb = db + y * sb + x * 4;
        for (int k = 0; k < 4; k++)
          if (ABS ((int) pa[k] - (int) pb[k]) > CHANNEL_TOL)
            {
              bad++;
              break;
            }
      }
  return (double) bad / ((double) w * h);
}

static void
check_reference (cairo_surface_t *got,
                 const char      *name)
{
  g_autofree char *path = reference_path (name);
  cairo_surface_t *ref;
  double bad;

  if (g_getenv ("PAGEWALK_UPDATE_REFERENCES") != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (path);
      g_mkdir_with_parents (dir, 0755);
      g_assert_cmpint (cairo_surface_write_to_png (got, path), ==, CAIRO_STATUS_SUCCESS);
      g_test_message ("wrote %s", path);
      return;
    }
  ref = cairo_image_surface_create_from_png (path);
  if (cairo_surface_status (ref) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (ref);
      g_test_fail_printf ("%s: no reference image (PAGEWALK_UPDATE_REFERENCES=1 meson test render)", path);
      return;
    }
  if (cairo_image_surface_get_width (ref) != cairo_image_surface_get_width (got)
      || cairo_image_surface_get_height (ref) != cairo_image_surface_get_height (got))
    {
      g_test_fail_printf ("%s: size %dx%d, expected %dx%d", name,
                          cairo_image_surface_get_width (got), cairo_image_surface_get_height (got),
                          cairo_image_surface_get_width (ref), cairo_image_surface_get_height (ref));
      cairo_surface_destroy (ref);
      return;
    }
  bad = compare (got, ref);
  if (bad > MAX_BAD)
    {
      g_autofree char *flat = g_strdelimit (g_strdup (name), "/", '-');
      g_autofree char *out = g_strdup_printf ("%s/render-%s.png", g_get_tmp_dir (), flat);
      cairo_surface_write_to_png (got, out);
      g_test_fail_printf ("%s: %.2f%% of pixels differ (more than %.1f%%); this run's image: %s",
                          name, bad * 100, MAX_BAD * 100, out);
    }
  cairo_surface_destroy (ref);
}

typedef struct
{
  const char *example;
  PwView      view;
  PwTheme     theme;
  int         at;
  double      t;
  const char *name;
} RefCase;

static const RefCase ref_cases[] = {
  { "seed", PW_VIEW_OVERVIEW, PW_THEME_LIGHT, -1, PW_RENDER_T_FINAL, "seed-overview" },
  { "seed", PW_VIEW_ADDRESS, PW_THEME_LIGHT, -1, PW_RENDER_T_FINAL, "seed-address" },
  { "seed", PW_VIEW_WALK, PW_THEME_LIGHT, -1, PW_RENDER_T_FINAL, "seed-walk" },
  { "seed", PW_VIEW_VASPACE, PW_THEME_LIGHT, -1, PW_RENDER_T_FINAL, "seed-vaspace" },
  { "seed", PW_VIEW_PAGETABLE, PW_THEME_LIGHT, -1, PW_RENDER_T_FINAL, "seed-pagetable" },
  { "seed", PW_VIEW_PHYSICAL, PW_THEME_LIGHT, -1, PW_RENDER_T_FINAL, "seed-physical" },
  { "seed", PW_VIEW_DISK, PW_THEME_LIGHT, -1, PW_RENDER_T_FINAL, "seed-disk" },
  { "seed", PW_VIEW_TLB, PW_THEME_LIGHT, -1, PW_RENDER_T_FINAL, "seed-tlb" },
  /* the major fault of step 4, in the middle of the kernel's work and at the end */
  { "seed", PW_VIEW_WALK, PW_THEME_LIGHT, 4, 1.4, "seed-walk-fault-kernel" },
  { "seed", PW_VIEW_WALK, PW_THEME_LIGHT, 4, PW_RENDER_T_FINAL, "seed-walk-fault-final" },
  { "seed", PW_VIEW_WALK, PW_THEME_DARK, -1, PW_RENDER_T_FINAL, "seed-walk-dark" },
  { "seed", PW_VIEW_OVERVIEW, PW_THEME_PRINT, -1, PW_RENDER_T_FINAL, "seed-overview-print" },
  { "x86-64", PW_VIEW_OVERVIEW, PW_THEME_LIGHT, -1, PW_RENDER_T_FINAL, "x86-64-overview" },
  { "x86-64", PW_VIEW_ADDRESS, PW_THEME_LIGHT, -1, PW_RENDER_T_FINAL, "x86-64-address" },
  { "x86-64", PW_VIEW_WALK, PW_THEME_LIGHT, -1, PW_RENDER_T_FINAL, "x86-64-walk" },
  { "x86-64", PW_VIEW_VASPACE, PW_THEME_LIGHT, -1, PW_RENDER_T_FINAL, "x86-64-vaspace" },
  { "x86-64", PW_VIEW_PAGETABLE, PW_THEME_LIGHT, -1, PW_RENDER_T_FINAL, "x86-64-pagetable" },
  { "x86-64", PW_VIEW_PHYSICAL, PW_THEME_LIGHT, -1, PW_RENDER_T_FINAL, "x86-64-physical" },
  { "x86-64", PW_VIEW_DISK, PW_THEME_LIGHT, -1, PW_RENDER_T_FINAL, "x86-64-disk" },
  { "x86-64", PW_VIEW_TLB, PW_THEME_LIGHT, -1, PW_RENDER_T_FINAL, "x86-64-tlb" },
  /* a four-level walk after the script ran */
  { "x86-64", PW_VIEW_WALK, PW_THEME_LIGHT, 2, PW_RENDER_T_FINAL, "x86-64-walk-4level" },
  /* steps without an access, drawn where the walk is */
  { "cow-fork", PW_VIEW_WALK, PW_THEME_LIGHT, 4, PW_RENDER_T_FINAL, "cow-fork-walk-fork" },
  { "multiprocess", PW_VIEW_WALK, PW_THEME_DARK, 5, PW_RENDER_T_FINAL, "multiprocess-walk-switch-dark" },
  { "page-states", PW_VIEW_WALK, PW_THEME_LIGHT, 5, PW_RENDER_T_FINAL, "page-states-walk-commit" },
  /* the refused spawn of step 1: the notice above the holes */
  { "fragmentation", PW_VIEW_PHYSICAL, PW_THEME_LIGHT, 2, PW_RENDER_T_FINAL,
    "fragmentation-physical-refused" },
};

static void
test_reference (gconstpointer data)
{
  const RefCase *rc = data;
  Fixture f;
  cairo_surface_t *s;

  fixture_load (&f, rc->example, rc->at);
  f.o.view = rc->view;
  f.o.theme = rc->theme;
  f.o.t = rc->t;
  s = draw_png (&f, NULL, NULL);
  check_reference (s, rc->name);
  cairo_surface_destroy (s);
  fixture_clear (&f);
}

/* Every view of every built-in example, at a modest width, with the
 * translation export draws by default: tests/data/render/examples/. */
typedef struct
{
  char   *example;
  PwView  view;
  char   *name;     /* "examples/EXAMPLE-VIEW" */
} ExampleCase;

static void
example_case_free (gpointer data)
{
  ExampleCase *ec = data;

  g_free (ec->example);
  g_free (ec->name);
  g_free (ec);
}

static void
test_example_reference (gconstpointer data)
{
  const ExampleCase *ec = data;
  Fixture f;
  cairo_surface_t *s;

  fixture_load (&f, ec->example, -1);
  f.width = EXAMPLE_WIDTH;
  f.o.view = ec->view;
  s = draw_png (&f, NULL, NULL);
  check_reference (s, ec->name);
  cairo_surface_destroy (s);
  fixture_clear (&f);
}

/* A step that failed without an access puts a notice above the walk, the
 * physical view and the overview, and nowhere else. */
static void
test_failed_step_notice (void)
{
  Fixture f, plain;

  fixture_load (&f, "fragmentation", 2);
  g_assert_nonnull (f.o.event);
  g_assert_true (pw_event_is_failed_step (f.o.event));
  g_assert_cmpint (f.o.event->kind, ==, PW_STEP_SPAWN);
  g_assert_cmpint (f.o.event->fault, ==, PW_KF_OUT_OF_MEMORY);
  g_assert_cmpuint (f.o.event->pid, ==, 5);

  fixture_load (&plain, "fragmentation", 2);
  plain.o.event = NULL;
  for (guint v = 0; v < PW_N_VIEWS; v++)
    {
      double h, h_plain;
      gboolean notice = v == PW_VIEW_WALK || v == PW_VIEW_PHYSICAL || v == PW_VIEW_OVERVIEW;

      f.o.view = plain.o.view = v;
      pw_render_measure (f.m, &f.o, WIDTH, &h);
      pw_render_measure (plain.m, &plain.o, WIDTH, &h_plain);
      if (notice)
        g_assert_cmpfloat (h, >, h_plain + 20);
      else
        g_assert_cmpfloat (h, ==, h_plain);
    }

  /* the notice's band is drawn in the warning colour: red dominates there */
  {
    cairo_surface_t *s;
    const guint8 *d;
    int stride, reddish = 0;

    f.o.view = PW_VIEW_PHYSICAL;
    s = draw_png (&f, NULL, NULL);
    d = cairo_image_surface_get_data (s);
    stride = cairo_image_surface_get_stride (s);
    for (int x = 16; x < (int) WIDTH - 16; x++)
      {
        /* the box's top edge, 1 px inside the 2 px stroke (ARGB32: B G R A) */
        const guint8 *px = d + 16 * stride + x * 4;
        if (px[2] > 150 && px[1] < 80 && px[0] < 80)
          reddish++;
      }
    g_assert_cmpint (reddish, >, (int) (WIDTH - 32) / 2);
    cairo_surface_destroy (s);
  }
  fixture_clear (&plain);
  fixture_clear (&f);
}

/* With no access whose process exists after set-up, the first access the
 * steps make is drawn, on the machine after its step. */
static void
test_first_access (void)
{
  Fixture f;

  /* fragmentation: the first access (process 6) comes after a spawn; the
   * first one of a process that exists at set-up is process 1's 0x124 */
  fixture_load (&f, "fragmentation", -1);
  g_assert_true (f.o.has_walk);
  g_assert_null (f.o.event);
  g_assert_cmpuint (f.o.walk_pid, ==, 1);
  g_assert_cmphex (f.o.walk.va, ==, 0x124);
  g_assert_cmpint (f.o.walk.fault, ==, PW_FAULT_NONE);
  g_assert_cmphex (f.o.walk.pa, ==, 0x124);
  g_assert_cmpuint (pw_machine_steps_done (f.m), ==, 0);
  fixture_clear (&f);

  /* fragmentation-paged: no access step; process 5's touch (step 2) makes
   * the first access */
  fixture_load (&f, "fragmentation-paged", -1);
  g_assert_false (f.o.has_walk);
  g_assert_true (f.o.event == &f.first);
  g_assert_cmpuint (f.first.pid, ==, 5);
  g_assert_cmphex (f.first.va, ==, 0);
  g_assert_cmpint (f.first.kind, ==, PW_STEP_TOUCH);
  g_assert_true (f.first.ok);
  g_assert_cmpuint (pw_machine_steps_done (f.m), ==, 3);
  g_assert_nonnull (pw_machine_lookup (f.m, 5));
  fixture_clear (&f);
}

/* The rules every layer shares (pw-present.h): the process meant when none
 * is named, the event a step shows, an address as the diagrams write it. */
static void
test_present (void)
{
  Fixture f;
  g_autofree char *a1 = pw_format_address (0x2150, 28);
  g_autofree char *a2 = pw_format_address (0x200abc, 48);
  g_autofree char *a3 = pw_format_address (0x1f, 0);
  g_autofree char *a4 = pw_format_address (0x123456789, 0);
  g_autofree char *a5 = pw_format_address (G_MAXUINT64, 64);
  g_autofree char *a6 = pw_format_address (0x5, 8);
  g_autofree char *a7 = pw_format_address (0x12345678, 32);

  g_assert_cmpstr (a1, ==, "0x0002150");
  g_assert_cmpstr (a2, ==, "0x0000_0020_0abc");
  g_assert_cmpstr (a3, ==, "0x1f");
  g_assert_cmpstr (a4, ==, "0x1_2345_6789");
  g_assert_cmpstr (a5, ==, "0xffff_ffff_ffff_ffff");
  g_assert_cmpstr (a6, ==, "0x05");
  g_assert_cmpstr (a7, ==, "0x12345678");

  /* after set-up: the lowest pid, on the machine and in the scenario */
  fixture_load (&f, "multiprocess-asid", 0);
  g_assert_cmpuint (pw_scenario_default_pid (f.sc), ==, 1);
  g_assert_cmpuint (pw_machine_default_pid (f.m), ==, 1);
  fixture_clear (&f);
  /* after "switch 2": the current process */
  fixture_load (&f, "multiprocess-asid", 5);
  g_assert_cmpuint (pw_machine_current_pid (f.m), ==, 2);
  g_assert_cmpuint (pw_machine_default_pid (f.m), ==, 2);
  g_assert_cmpuint (pw_scenario_default_pid (f.sc), ==, 1);
  fixture_clear (&f);

  /* a touch of five pages shows its last access */
  fixture_load (&f, "fragmentation-paged", 3);
  g_assert_nonnull (f.o.event);
  g_assert_true (pw_event_is_access (f.o.event));
  g_assert_cmpint (f.o.event->kind, ==, PW_STEP_TOUCH);
  g_assert_cmphex (f.o.event->va >> 12, ==, 4);
  fixture_clear (&f);
  /* a refused spawn shows its notice */
  fixture_load (&f, "fragmentation", 2);
  g_assert_true (pw_event_is_failed_step (f.o.event));
  g_assert_false (pw_event_is_access (f.o.event));
  g_assert_nonnull (f.o.event->message);
  fixture_clear (&f);
}

/* The same input draws the same pixels. */
static void
test_deterministic (void)
{
  Fixture f;
  cairo_surface_t *a, *b;

  fixture_load (&f, "x86-64", -1);
  a = draw_png (&f, NULL, NULL);
  b = draw_png (&f, NULL, NULL);
  g_assert_cmpfloat (compare (a, b), ==, 0);
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);
  fixture_clear (&f);
}

/* ---- SVG --------------------------------------------------------------------- */

static cairo_status_t
append_stream (void                *closure,
               const unsigned char *data,
               unsigned int         length)
{
  g_string_append_len (closure, (const char *) data, length);
  return CAIRO_STATUS_SUCCESS;
}

typedef struct
{
  int   depth;
  char *root;
} SvgState;

static void
svg_start (GMarkupParseContext  *ctx,
           const char           *element,
           const char          **names,
           const char          **values,
           gpointer              user_data,
           GError              **error)
{
  SvgState *st = user_data;

  if (st->depth++ == 0)
    st->root = g_strdup (element);
}

static void
svg_end (GMarkupParseContext *ctx,
         const char          *element,
         gpointer             user_data,
         GError             **error)
{
  ((SvgState *) user_data)->depth--;
}

static void
test_svg (void)
{
  for (guint v = 0; v < PW_N_VIEWS; v++)
    {
      static const GMarkupParser parser = { svg_start, svg_end, NULL, NULL, NULL };
      g_autoptr(GString) out = g_string_new (NULL);
      g_autoptr(GError) error = NULL;
      GMarkupParseContext *ctx;
      SvgState st = { 0, NULL };
      cairo_surface_t *s;
      cairo_t *cr;
      Fixture f;
      double h;
      const char *body;

      fixture_load (&f, "x86-64", -1);
      f.o.view = v;
      pw_render_measure (f.m, &f.o, WIDTH, &h);
      s = cairo_svg_surface_create_for_stream (append_stream, out, WIDTH, h);
      cr = cairo_create (s);
      pw_render_draw (cr, f.m, &f.o, WIDTH, h, NULL);
      cairo_destroy (cr);
      cairo_surface_finish (s);
      g_assert_cmpint (cairo_surface_status (s), ==, CAIRO_STATUS_SUCCESS);
      cairo_surface_destroy (s);

      /* GMarkup does not take the XML declaration */
      body = out->str;
      if (g_str_has_prefix (body, "<?xml"))
        body = strstr (body, "?>") + 2;
      ctx = g_markup_parse_context_new (&parser, 0, &st, NULL);
      g_assert_true (g_markup_parse_context_parse (ctx, body, -1, &error));
      g_assert_no_error (error);
      g_assert_true (g_markup_parse_context_end_parse (ctx, &error));
      g_assert_no_error (error);
      g_markup_parse_context_free (ctx);
      g_assert_cmpstr (st.root, ==, "svg");
      g_assert_cmpint (st.depth, ==, 0);
      g_free (st.root);
      fixture_clear (&f);
    }
}

/* ---- PDF ----------------------------------------------------------------------- */

static void
test_pdf_text (void)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *dir = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *s;
  cairo_t *cr;
  Fixture f;
  double h;
  int status;

  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return;
    }
  dir = g_dir_make_tmp ("pw-render-XXXXXX", &error);
  g_assert_no_error (error);
  pdf = g_build_filename (dir, "walk.pdf", NULL);

  fixture_load (&f, "seed", -1);
  f.o.view = PW_VIEW_WALK;
  pw_render_measure (f.m, &f.o, WIDTH, &h);
  s = cairo_pdf_surface_create (pdf, WIDTH, h);
  cr = cairo_create (s);
  pw_render_draw (cr, f.m, &f.o, WIDTH, h, NULL);
  cairo_destroy (cr);
  cairo_surface_finish (s);
  g_assert_cmpint (cairo_surface_status (s), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (s);
  fixture_clear (&f);

  {
    const char *argv[] = { pdftotext, "-q", pdf, "-", NULL };
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  /* the seed text's figure: 0x0002150 becomes 0x0109150 through frame 0x109 */
  g_assert_nonnull (strstr (out, "0x0002150"));
  g_assert_nonnull (strstr (out, "0x0109150"));
  g_assert_nonnull (strstr (out, "0x109"));
  g_assert_nonnull (strstr (out, "0x00109007"));   /* the entry, decoded */
  g_unlink (pdf);
  g_rmdir (dir);
}

/* ---- hit testing ---------------------------------------------------------------- */

static const PwHit *
find_hit (PwHitMap  *map,
          PwHitKind  kind)
{
  for (guint i = 0; i < pw_hit_map_size (map); i++)
    {
      const PwHit *h = pw_hit_map_get (map, i);
      if (h->kind == kind)
        return h;
    }
  return NULL;
}

static void
test_hits_walk (void)
{
  g_autoptr(PwHitMap) map = pw_hit_map_new ();
  const PwHit *entry, *got;
  cairo_surface_t *s;
  Fixture f;

  fixture_load (&f, "seed", -1);
  f.o.view = PW_VIEW_WALK;
  s = draw_png (&f, map, NULL);

  /* the highlighted entry: L1 index 2 of the table at 0xffc0000 */
  entry = find_hit (map, PW_HIT_ENTRY);
  g_assert_nonnull (entry);
  got = pw_hit_map_lookup (map, entry->x + entry->width / 2, entry->y + entry->height / 2);
  g_assert_nonnull (got);
  g_assert_cmpint (got->kind, ==, PW_HIT_ENTRY);
  g_assert_cmpuint (got->index, ==, 2);
  g_assert_cmpuint (got->level, ==, 0);
  g_assert_cmphex (got->frame, ==, 0xffc0);
  g_assert_cmphex (got->entry & ~G_GUINT64_CONSTANT (0xfff), ==, 0x109000);

  /* the frame box: frame 0x109 of process 1 */
  got = find_hit (map, PW_HIT_FRAME);
  g_assert_nonnull (got);
  got = pw_hit_map_lookup (map, got->x + 5, got->y + got->height - 5);
  g_assert_cmpint (got->kind, ==, PW_HIT_FRAME);
  g_assert_cmphex (got->frame, ==, 0x109);
  g_assert_cmpuint (got->pid, ==, 1);

  /* the fields of the address */
  got = find_hit (map, PW_HIT_FIELD);
  g_assert_nonnull (got);
  got = pw_hit_map_lookup (map, got->x + 2, got->y + 2);
  g_assert_cmpint (got->kind, ==, PW_HIT_FIELD);
  g_assert_cmpuint (got->index, ==, 0);

  /* nothing at the margin */
  g_assert_null (pw_hit_map_lookup (map, 2, 2));
  cairo_surface_destroy (s);
  fixture_clear (&f);
}

static void
test_hits_physical (void)
{
  g_autoptr(PwHitMap) map = pw_hit_map_new ();
  cairo_surface_t *s;
  gboolean seen_table = FALSE, seen_data = FALSE;
  Fixture f;

  fixture_load (&f, "seed", -1);
  f.o.view = PW_VIEW_PHYSICAL;
  s = draw_png (&f, map, NULL);

  /* every cell answers with the frames it stands for; cells tile memory */
  {
    guint64 next = 0;
    for (guint i = 0; i < pw_hit_map_size (map); i++)
      {
        const PwHit *h = pw_hit_map_get (map, i), *got;
        if (h->kind != PW_HIT_FRAME)
          continue;
        g_assert_cmphex (h->frame, ==, next);
        next = h->frame + h->count;
        got = pw_hit_map_lookup (map, h->x + h->width / 2, h->y + h->height / 2);
        g_assert_true (got == h);
        if (h->frame <= 0x109 && 0x109 < h->frame + h->count)
          {
            g_assert_cmpuint (h->pid, ==, 1);
            seen_data = TRUE;
          }
        if (h->frame <= 0xffc0 && 0xffc0 < h->frame + h->count)
          seen_table = TRUE;
      }
    g_assert_cmphex (next, ==, pw_machine_n_frames (f.m));
  }
  g_assert_true (seen_data);
  g_assert_true (seen_table);
  cairo_surface_destroy (s);
  fixture_clear (&f);
}

static void
test_hits_vaspace (void)
{
  g_autoptr(PwHitMap) map = pw_hit_map_new ();
  cairo_surface_t *s;
  guint pages = 0;
  Fixture f;

  fixture_load (&f, "seed", -1);
  f.o.view = PW_VIEW_VASPACE;
  s = draw_png (&f, map, NULL);
  /* each of the four pages of the seed is drawn and found where it is drawn */
  for (guint i = 0; i < pw_hit_map_size (map); i++)
    {
      const PwHit *h = pw_hit_map_get (map, i), *got;
      if (h->kind != PW_HIT_PAGE)
        continue;
      got = pw_hit_map_lookup (map, h->x + h->width / 2, h->y + h->height / 2);
      g_assert_cmpint (got->kind, ==, PW_HIT_PAGE);
      g_assert_cmphex (got->vpn, ==, h->vpn);
      if (got->vpn == 0x2)
        g_assert_cmphex (got->frame, ==, 0x109);
      if (got->vpn == 0x3)
        g_assert_cmpuint (got->slot, ==, 7);
      pages++;
    }
  g_assert_cmpuint (pages, ==, 4);
  cairo_surface_destroy (s);
  fixture_clear (&f);
}

static void
test_hits_pagetable (void)
{
  g_autoptr(PwHitMap) map = pw_hit_map_new ();
  cairo_surface_t *s;
  guint entries = 0;
  Fixture f;

  fixture_load (&f, "x86-64", -1);
  f.o.view = PW_VIEW_PAGETABLE;
  s = draw_png (&f, map, NULL);
  for (guint i = 0; i < pw_hit_map_size (map); i++)
    {
      const PwHit *h = pw_hit_map_get (map, i), *got;
      PwFlags fl;
      if (h->kind != PW_HIT_ENTRY)
        continue;
      got = pw_hit_map_lookup (map, h->x + 10, h->y + h->height / 2);
      g_assert_true (got == h);
      /* what is drawn is what is in memory */
      {
        guint64 pa = (h->frame << 12) + h->index * 8;
        g_assert_cmphex (pw_physmem_read (pw_machine_physmem (f.m), pa, 8, NULL), ==, h->entry);
      }
      fl = pw_arch_decode_flags (pw_machine_arch (f.m), h->level, h->entry);
      g_assert_true (fl & PW_F_PRESENT);
      entries++;
    }
  g_assert_cmpuint (entries, >=, 4);
  cairo_surface_destroy (s);
  fixture_clear (&f);
}

/* ---- animation ------------------------------------------------------------------- */

static void
test_narration (void)
{
  Fixture f;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  double d;

  fixture_load (&f, "seed", -1);
  f.o.view = PW_VIEW_WALK;
  d = pw_render_walk_duration (&f.o.walk, NULL);
  /* split, index, entry, final */
  g_assert_cmpfloat_with_epsilon (d, 4 * 0.3, 1e-9);
  first = pw_render_narration (f.m, &f.o, 0);
  last = pw_render_narration (f.m, &f.o, PW_RENDER_T_FINAL);
  g_assert_nonnull (strstr (first, "0x0002150"));
  g_assert_nonnull (strstr (last, "0x0109150"));
  fixture_clear (&f);

  /* a major fault: the kernel reads slot 7, then the walk is retried */
  fixture_load (&f, "seed", 4);
  g_assert_nonnull (f.o.event);
  g_assert_cmpint (f.o.event->fault, ==, PW_KF_MAJOR);
  d = pw_render_walk_duration (NULL, f.o.event);
  g_assert_cmpfloat (d, >, 6 * 0.3);
  {
    gboolean saw_disk = FALSE;
    for (double t = 0; t < d; t += 0.3)
      {
        g_autofree char *n = pw_render_narration (f.m, &f.o, t + 0.15);
        g_assert_nonnull (n);
        if (strstr (n, "slot 7"))
          saw_disk = TRUE;
      }
    g_assert_true (saw_disk);
  }
  fixture_clear (&f);
}

/* Frames of the animation differ while it runs and not after it ends;
 * with reduced motion a phase is drawn whole. */
static void
test_animation_frames (void)
{
  Fixture f;
  cairo_surface_t *a, *b, *c, *d;
  double dur;

  fixture_load (&f, "seed", -1);
  f.o.view = PW_VIEW_WALK;
  dur = pw_render_walk_duration (&f.o.walk, NULL);
  f.o.t = 0.05;
  a = draw_png (&f, NULL, NULL);
  f.o.t = dur + 1;
  b = draw_png (&f, NULL, NULL);
  f.o.t = PW_RENDER_T_FINAL;
  c = draw_png (&f, NULL, NULL);
  g_assert_cmpfloat (compare (a, b), >, 0.001);
  g_assert_cmpfloat (compare (b, c), ==, 0);

  /* reduced motion: mid-phase equals the phase's end */
  f.o.reduced_motion = TRUE;
  f.o.t = 0.3 + 0.05;
  d = draw_png (&f, NULL, NULL);
  cairo_surface_destroy (a);
  f.o.t = 0.3 + 0.29;
  a = draw_png (&f, NULL, NULL);
  g_assert_cmpfloat (compare (a, d), ==, 0);

  cairo_surface_destroy (a);
  cairo_surface_destroy (b);
  cairo_surface_destroy (c);
  cairo_surface_destroy (d);
  fixture_clear (&f);
}

/* ---- the defects a teacher saw (issue 9) ------------------------------------------ */

/* Every narration of the animation of @f, joined by newlines. */
static char *
all_narrations (Fixture *f)
{
  GString *s = g_string_new (NULL);
  double d = pw_render_walk_duration (f->o.event ? NULL : &f->o.walk, f->o.event);

  for (double t = 0; t < d + 0.3; t += 0.1)
    {
      g_autofree char *n = pw_render_narration (f->m, &f->o, t);
      if (n)
        g_string_append_printf (s, "%s\n", n);
    }
  return g_string_free (s, FALSE);
}

static void
test_defect_narration (void)
{
  Fixture f;

  /* Belady, access 6: PT entry 5 is empty; the clean page 0x1 is dropped,
   * its copy in slot 1 current, as `run` says */
  fixture_load (&f, "belady", 7);
  {
    g_autofree char *all = all_narrations (&f);
    g_assert_nonnull (strstr (all, "PT entry 5 (value 0x00000000) is not present"));
    g_assert_null (strstr (all, "Entry 0x0 of PT"));
    g_assert_cmpint (f.o.event->evicted.written, ==, FALSE);
    g_assert_nonnull (strstr (all, "dropped, its copy in disk slot 1 is current"));
    g_assert_null (strstr (all, "written to disk slot 1"));
    g_assert_null (strstr (all, "writes it to disk"));
  }
  fixture_clear (&f);

  /* the seed's page 3 is on disk: the fault says what the kernel will do */
  fixture_load (&f, "seed", 4);
  {
    g_autofree char *all = all_narrations (&f);
    g_assert_nonnull (strstr (all, "on disk, slot 7: a major fault reads it back"));
  }
  fixture_clear (&f);

  /* no region at 0x20000000: a segmentation fault */
  fixture_load (&f, "page-states", 7);
  g_assert_cmpint (f.o.event->fault, ==, PW_KF_SEGMENTATION);
  {
    g_autofree char *all = all_narrations (&f);
    g_assert_nonnull (strstr (all, "no region: the process gets a segmentation fault"));
  }
  fixture_clear (&f);

  /* a write to read-only code: the entry and the bit that forbid it */
  fixture_load (&f, "protections", 4);
  g_assert_cmpint (f.o.event->fault, ==, PW_KF_PROTECTION);
  {
    g_autofree char *all = all_narrations (&f);
    g_assert_nonnull (strstr (all, "forbids this write: its R/W bit is clear"));
  }
  fixture_clear (&f);
}

/* Executing the seed's page 3, on disk in a region without x: the kernel's
 * answer is a protection fault, as `translate` says, not a disk read. */
static void
test_defect_exec_on_disk (void)
{
  Fixture f;
  const PwProcess *p;
  guint64 slot = 0;

  fixture_load (&f, "seed", 0);
  p = pw_machine_lookup (f.m, 1);
  g_assert_cmpint (pw_page_outlook (f.m, p, 0x3010, PW_ACCESS_READ, PW_MODE_USER, &slot), ==,
                   PW_OUTLOOK_DISK);
  g_assert_cmpuint (slot, ==, 7);
  g_assert_cmpint (pw_page_outlook (f.m, p, 0x3010, PW_ACCESS_EXEC, PW_MODE_USER, &slot), ==,
                   PW_OUTLOOK_FORBIDDEN);
  f.o.view = PW_VIEW_WALK;
  f.o.has_walk = TRUE;
  f.o.walk_pid = 1;
  pw_machine_translate (f.m, 1, 0x3010, PW_ACCESS_EXEC, PW_MODE_USER, &f.o.walk, NULL);
  g_assert_cmpint (f.o.walk.fault, ==, PW_FAULT_NOT_PRESENT);
  {
    g_autofree char *last = pw_render_narration (f.m, &f.o, PW_RENDER_T_FINAL);
    g_assert_nonnull (strstr (last, "Page fault (protection)"));
    g_assert_nonnull (strstr (last, "a protection fault"));
    g_assert_null (strstr (last, "major fault"));
  }
  fixture_clear (&f);
}

static gboolean
rects_overlap (const PwHit *a,
               const PwHit *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width
         && a->y < b->y + b->height && b->y < a->y + a->height;
}

/* On a TLB hit the entry's box stands left of the frame, at every width. */
static void
test_defect_tlb_hit (void)
{
  const double widths[] = { 1280, WIDTH, EXAMPLE_WIDTH, 480 };

  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      g_autoptr(PwHitMap) map = pw_hit_map_new ();
      const PwHit *tlb, *frame;
      cairo_surface_t *s;
      Fixture f;

      fixture_load (&f, "tlb", 3);
      g_assert_cmpint (f.o.event->tlb, ==, PW_TLB_HIT);
      f.o.view = PW_VIEW_WALK;
      f.width = widths[i];
      s = draw_png (&f, map, NULL);
      tlb = find_hit (map, PW_HIT_TLB_ENTRY);
      frame = find_hit (map, PW_HIT_FRAME);
      g_assert_nonnull (tlb);
      g_assert_nonnull (frame);
      g_assert_false (rects_overlap (tlb, frame));
      g_assert_cmpfloat (frame->x + frame->width, <=, widths[i]);
      g_assert_cmphex (pw_machine_tlb_entry (f.m, (guint) tlb->index)->vpn, ==, 0x6);
      cairo_surface_destroy (s);
      fixture_clear (&f);
    }
}

/* The walk's entry shows the value the table holds, the one the listing
 * shows, accessed bit included. */
static void
test_defect_entry_value (void)
{
  g_autoptr(PwHitMap) map = pw_hit_map_new ();
  cairo_surface_t *s;
  guint entries = 0;
  Fixture f;

  fixture_load (&f, "cow-fork", 5);
  f.o.view = PW_VIEW_WALK;
  s = draw_png (&f, map, NULL);
  for (guint i = 0; i < pw_hit_map_size (map); i++)
    {
      const PwHit *h = pw_hit_map_get (map, i);
      guint64 pa;
      if (h->kind != PW_HIT_ENTRY)
        continue;
      pa = (h->frame << 12) + h->index * 4;
      g_assert_cmphex (pw_physmem_read (pw_machine_physmem (f.m), pa, 4, NULL), ==, h->entry);
      entries++;
    }
  g_assert_cmpuint (entries, ==, 2);
  cairo_surface_destroy (s);
  fixture_clear (&f);
}

/* The text of @view of @example after @at steps, through a PDF; NULL (and
 * the test skipped) without pdftotext. */
static char *
view_text (const char *example,
           int         at,
           PwView      view,
           double      width)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *dir = NULL;
  g_autofree char *pdf = NULL;
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  cairo_surface_t *s;
  cairo_t *cr;
  Fixture f;
  double h;
  int status;

  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return NULL;
    }
  dir = g_dir_make_tmp ("pw-render-XXXXXX", &error);
  g_assert_no_error (error);
  pdf = g_build_filename (dir, "view.pdf", NULL);
  fixture_load (&f, example, at);
  f.o.view = view;
  pw_render_measure (f.m, &f.o, width, &h);
  s = cairo_pdf_surface_create (pdf, width, h);
  cr = cairo_create (s);
  pw_render_draw (cr, f.m, &f.o, width, h, NULL);
  cairo_destroy (cr);
  cairo_surface_finish (s);
  cairo_surface_destroy (s);
  fixture_clear (&f);
  {
    const char *argv[] = { pdftotext, "-q", "-layout", pdf, "-", NULL };
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  g_unlink (pdf);
  g_rmdir (dir);
  return out;
}

static void
test_defect_labels (void)
{
  g_autofree char *tlb = view_text ("tlb", 3, PW_VIEW_TLB, 1280);
  g_autofree char *rv = NULL;
  g_autofree char *phys = NULL;
  g_autofree char *disk = NULL;

  if (tlb == NULL)
    return;
  /* plurals */
  g_assert_nonnull (strstr (tlb, "1 miss"));
  g_assert_null (strstr (tlb, "1 misses"));
  /* RISC-V entries named as the manual names them */
  rv = view_text ("riscv-sv39", -1, PW_VIEW_WALK, 1280);
  g_assert_nonnull (strstr (rv, "V R"));
  g_assert_null (strstr (rv, " PS"));
  g_assert_null (strstr (rv, "P W"));
  /* a frame both processes map is listed as theirs */
  phys = view_text ("cow-fork", 5, PW_VIEW_PHYSICAL, 1280);
  g_assert_nonnull (strstr (phys, "shared by pids 1, 2"));
  /* a short slot label is explained */
  disk = view_text ("belady", 7, PW_VIEW_DISK, EXAMPLE_WIDTH);
  g_assert_nonnull (strstr (disk, "= pid 1, page"));
}

static void
test_names (void)
{
  PwView v;
  PwTheme t;

  for (guint i = 0; i < PW_N_VIEWS; i++)
    {
      g_assert_true (pw_view_from_string (pw_view_name (i), &v));
      g_assert_cmpint (v, ==, i);
    }
  g_assert_false (pw_view_from_string ("nonsense", &v));
  g_assert_true (pw_theme_from_string ("print", &t));
  g_assert_cmpint (t, ==, PW_THEME_PRINT);
  g_assert_false (pw_theme_from_string ("sepia", &t));
}

/* ---- the overview's process columns ----------------------------------------------------- */

/* Every process of @example (after @at steps) has its column in the overview
 * at 1280 wide: the regions drawn name each pid, the columns do not overlap,
 * and each lies inside the figure. */
static void
check_overview_columns (const char *example,
                        int         at)
{
  g_autoptr(PwHitMap) map = pw_hit_map_new ();
  cairo_surface_t *s;
  guint n;
  double x0[16], x1[16], height, band_top;
  Fixture f;

  fixture_load (&f, example, at);
  f.o.view = PW_VIEW_OVERVIEW;
  f.width = 1280;
  s = draw_png (&f, map, &height);
  n = pw_machine_n_processes (f.m);
  g_assert_cmpuint (n, >, 1);
  g_assert_cmpuint (n, <=, G_N_ELEMENTS (x0));
  /* the band below the core: where the regions of a process other than the
   * walk's begin (the core's left column shows the walk's process alone) */
  band_top = G_MAXDOUBLE;
  for (guint k = 0; k < pw_hit_map_size (map); k++)
    {
      const PwHit *h = pw_hit_map_get (map, k);
      if (h->kind == PW_HIT_REGION && h->pid != f.o.walk_pid && h->pid != (f.o.event ? f.o.event->pid : 0))
        band_top = MIN (band_top, h->y);
    }
  g_assert_cmpfloat (band_top, <, height);
  for (guint i = 0; i < n; i++)
    {
      guint pid = pw_machine_process (f.m, i)->pid;
      gboolean seen = FALSE;

      x0[i] = G_MAXDOUBLE;
      x1[i] = -G_MAXDOUBLE;
      for (guint k = 0; k < pw_hit_map_size (map); k++)
        {
          const PwHit *h = pw_hit_map_get (map, k);
          if (h->kind != PW_HIT_REGION || h->pid != pid || h->y < band_top - 1)
            continue;
          seen = TRUE;
          x0[i] = MIN (x0[i], h->x);
          x1[i] = MAX (x1[i], h->x + h->width);
          g_assert_cmpfloat (h->x, >=, 0);
          g_assert_cmpfloat (h->x + h->width, <=, f.width);
          g_assert_cmpfloat (h->y + h->height, <=, height);
        }
      if (!seen)
        g_error ("%s: no column for pid %u in the overview", example, pid);
    }
  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      g_assert_true (x1[i] <= x0[j] || x1[j] <= x0[i]);
  cairo_surface_destroy (s);
  fixture_clear (&f);
}

static void
test_overview_columns (void)
{
  check_overview_columns ("multiprocess", -1);
  check_overview_columns ("cow-fork", 5);
  check_overview_columns ("multiprocess-asid", -1);
}

/* Count of @needle in @hay. */
static guint
count_of (const char *hay,
          const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (hay, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static void
test_overview_shared (void)
{
  g_autoptr(PwHitMap) map = pw_hit_map_new ();
  g_autofree char *text = NULL;
  cairo_surface_t *s;
  gboolean in[3] = { FALSE, FALSE, FALSE };
  Fixture f;

  /* after the fork both processes map the code page's frame 0x2: each
   * column draws it */
  fixture_load (&f, "cow-fork", 5);
  f.o.view = PW_VIEW_OVERVIEW;
  f.width = 1280;
  s = draw_png (&f, map, NULL);
  for (guint k = 0; k < pw_hit_map_size (map); k++)
    {
      const PwHit *h = pw_hit_map_get (map, k);
      if (h->kind == PW_HIT_PAGE && h->frame == 0x2 && h->pid >= 1 && h->pid <= 2)
        in[h->pid] = TRUE;
    }
  g_assert_true (in[1] && in[2]);
  cairo_surface_destroy (s);
  fixture_clear (&f);

  /* and marks it shared in both */
  text = view_text ("cow-fork", 5, PW_VIEW_OVERVIEW, 1280);
  if (text == NULL)
    return;
  g_assert_cmpuint (count_of (text, "frame 0x2 · shared"), ==, 2);
  g_assert_nonnull (strstr (text, "pid 1 · shell"));
  g_assert_nonnull (strstr (text, "pid 2 · shell"));
  g_assert_null (strstr (text, "more process"));
}

/* Six processes at 1280 wide: four columns, then a second row; every pid
 * has its column and no two columns' regions overlap. */
static void
test_overview_rows (void)
{
  g_autoptr(PwHitMap) map = pw_hit_map_new ();
  g_autoptr(GString) json = g_string_new ("{ \"pagewalk\": 1, \"title\": \"Six\", \"arch\": \"x86-32\", "
                                          "\"memory\": { \"size\": \"16MiB\" }, \"processes\": [");
  g_autoptr(GError) error = NULL;
  PwRenderOptions o;
  PwScenario *sc;
  PwMachine *m;
  cairo_surface_t *s;
  cairo_t *cr;
  double h, top[7], bottom[7];

  for (guint pid = 1; pid <= 6; pid++)
    g_string_append_printf (json, "%s{ \"pid\": %u, \"regions\": [ { \"start\": \"0x08048000\", "
                            "\"size\": \"4KiB\", \"prot\": \"r-x\", \"name\": \"code\" } ], "
                            "\"map\": [ { \"va\": \"0x08048000\", \"frame\": \"0x%x\", \"prot\": \"r-x\" } ] }",
                            pid > 1 ? ", " : "", pid, pid * 0x100);
  g_string_append (json, "], \"steps\": [] }");
  sc = pw_scenario_parse (json->str, json->len, "six", &error);
  g_assert_no_error (error);
  m = pw_machine_new (sc, &error);
  g_assert_no_error (error);
  pw_render_options_init (&o);
  o.view = PW_VIEW_OVERVIEW;
  pw_render_measure (m, &o, 1280, &h);
  s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1280, (int) h);
  cr = cairo_create (s);
  pw_render_draw (cr, m, &o, 1280, h, map);
  cairo_destroy (cr);

  for (guint pid = 1; pid <= 6; pid++)
    {
      top[pid] = G_MAXDOUBLE;
      bottom[pid] = -G_MAXDOUBLE;
    }
  for (guint i = 0; i < pw_hit_map_size (map); i++)
    {
      const PwHit *a = pw_hit_map_get (map, i);
      if (a->kind != PW_HIT_REGION)
        continue;
      g_assert_cmpuint (a->pid, >=, 1);
      g_assert_cmpuint (a->pid, <=, 6);
      top[a->pid] = MIN (top[a->pid], a->y);
      bottom[a->pid] = MAX (bottom[a->pid], a->y + a->height);
      g_assert_cmpfloat (a->x + a->width, <=, 1280);
      for (guint j = 0; j < pw_hit_map_size (map); j++)
        {
          const PwHit *b = pw_hit_map_get (map, j);
          if (b->kind != PW_HIT_REGION || b->pid == a->pid)
            continue;
          g_assert_true (a->x + a->width <= b->x || b->x + b->width <= a->x
                         || a->y + a->height <= b->y || b->y + b->height <= a->y);
        }
    }
  for (guint pid = 1; pid <= 6; pid++)
    g_assert_cmpfloat (top[pid], <, G_MAXDOUBLE);
  /* pids 1-4 on the first row, 5 and 6 below them */
  g_assert_cmpfloat (top[5], >=, bottom[1]);
  g_assert_cmpfloat (top[6], >=, bottom[4]);
  g_assert_cmpfloat (top[4], <, bottom[1]);
  cairo_surface_destroy (s);
  pw_machine_free (m);
  pw_scenario_free (sc);
}

/* ---- contrast (issue 9) -------------------------------------------------------------- */

/* Every (text colour, background) pair the views draw keeps 4.5:1 (WCAG 2
 * AA) in every palette; 3:1 only for pairs marked as large bold text. */
static void
test_contrast_pairs (void)
{
  g_assert_cmpfloat_with_epsilon (pw_contrast_ratio (0, 0, 0, 1, 1, 1), 21.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (pw_contrast_ratio (1, 1, 1, 1, 1, 1), 1.0, 1e-9);
  /* #767676 on white: the well-known 4.54:1 */
  g_assert_cmpfloat_with_epsilon (pw_contrast_ratio (0x76 / 255.0, 0x76 / 255.0, 0x76 / 255.0,
                                                     1, 1, 1), 4.54, 0.01);
  g_assert_cmpuint (pw_theme_n_pairs (), >, 40);
  for (guint t = 0; t < PW_N_THEMES; t++)
    for (guint i = 0; i < pw_theme_n_pairs (); i++)
      {
        const char *what = NULL;
        gboolean large = TRUE;
        double r = pw_theme_pair_contrast (t, i, &what, &large);

        g_assert_nonnull (what);
        if (r < (large ? PW_CONTRAST_MIN_LARGE : PW_CONTRAST_MIN))
          g_test_fail_printf ("%s theme: %s: contrast %.2f:1, below %.1f:1", pw_theme_name (t),
                              what, r, large ? PW_CONTRAST_MIN_LARGE : PW_CONTRAST_MIN);
      }
}

/* The high-contrast palette: named, and 7:1 (AAA) for its plain text. */
static void
test_contrast_high_theme (void)
{
  PwTheme t;

  g_assert_true (pw_theme_from_string ("high-contrast", &t));
  g_assert_cmpint (t, ==, PW_THEME_HIGH_CONTRAST);
  g_assert_cmpstr (pw_theme_name (PW_THEME_HIGH_CONTRAST), ==, "high-contrast");
  for (guint i = 0; i < pw_theme_n_pairs (); i++)
    {
      const char *what = NULL;
      double r = pw_theme_pair_contrast (PW_THEME_HIGH_CONTRAST, i, &what, NULL);

      if (g_str_has_suffix (what, " on bg") && r < 7.0)
        g_test_fail_printf ("high-contrast theme: %s: %.2f:1, below 7:1", what, r);
    }
}

/* What `pagewalk-cli export --theme high-contrast` does: the walk of the
 * seed drawn to a PNG on the high-contrast palette's white. */
static void
test_contrast_export (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pagewalk-contrast-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "walk.png", NULL);
  g_autoptr(GError) error = NULL;
  cairo_surface_t *s, *light;
  const guint8 *px;
  Fixture f;
  PwExportFormat format;

  g_assert_nonnull (dir);
  fixture_load (&f, "seed", -1);
  f.o.view = PW_VIEW_WALK;
  g_assert_true (pw_theme_from_string ("high-contrast", &f.o.theme));
  g_assert_true (pw_export_format_from_name (path, &format));
  g_assert_true (pw_render_export (path, format, f.m, &f.o, 900, 700, "seed", &error));
  g_assert_no_error (error);
  s = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (s), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (s), ==, 900);
  cairo_surface_flush (s);
  px = cairo_image_surface_get_data (s);
  /* ARGB32 in native order: a corner of pure white, not the light #fcfcfc */
  g_assert_cmphex (*(const guint32 *) px & 0xffffff, ==, 0xffffff);
  /* and it differs from the light palette's drawing */
  f.o.theme = PW_THEME_LIGHT;
  f.width = 900;
  light = draw_png (&f, NULL, NULL);
  g_assert_cmphex (*(const guint32 *) cairo_image_surface_get_data (light) & 0xffffff, ==, 0xfcfcfc);
  cairo_surface_destroy (light);
  cairo_surface_destroy (s);
  fixture_clear (&f);
  g_unlink (path);
  g_rmdir (dir);
}

static const RefCase contrast_cases[] = {
  { "seed", PW_VIEW_WALK, PW_THEME_HIGH_CONTRAST, 4, PW_RENDER_T_FINAL, "seed-walk-fault-high-contrast" },
  { "seed", PW_VIEW_OVERVIEW, PW_THEME_HIGH_CONTRAST, -1, PW_RENDER_T_FINAL, "seed-overview-high-contrast" },
  { "seed", PW_VIEW_PHYSICAL, PW_THEME_DARK, -1, PW_RENDER_T_FINAL, "seed-physical-dark" },
};

/* The process drawn in the cell of the physical pane that holds @frame, 0
 * when none. */
static guint
frame_owner (PwHitMap *hits,
             guint64   frame)
{
  for (guint i = 0; i < pw_hit_map_size (hits); i++)
    {
      const PwHit *h = pw_hit_map_get (hits, i);
      if (h->kind == PW_HIT_FRAME && frame >= h->frame && frame < h->frame + h->count)
        return h->pid;
    }
  return 0;
}

/* The text of the overview as a PDF at @f's time (pdftotext -layout), or
 * NULL without pdftotext. */
static char *
overview_text (Fixture *f)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *dir = NULL;
  g_autofree char *pdf = NULL;
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;
  cairo_surface_t *s;
  cairo_t *cr;
  double h;

  if (pdftotext == NULL)
    return NULL;
  dir = g_dir_make_tmp ("pw-render-XXXXXX", &error);
  g_assert_no_error (error);
  pdf = g_build_filename (dir, "overview.pdf", NULL);
  f->o.view = PW_VIEW_OVERVIEW;
  pw_render_measure (f->m, &f->o, WIDTH, &h);
  s = cairo_pdf_surface_create (pdf, WIDTH, h);
  cr = cairo_create (s);
  pw_render_draw (cr, f->m, &f->o, WIDTH, h, NULL);
  cairo_destroy (cr);
  cairo_surface_finish (s);
  g_assert_cmpint (cairo_surface_status (s), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (s);
  {
    const char *argv[] = { pdftotext, "-q", "-layout", pdf, "-", NULL };
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  g_unlink (pdf);
  g_rmdir (dir);
  return out;
}

/* While a step's access unfolds, the panes around the walk show the machine
 * before the step (PwRenderOptions.before) until the kernel acts; then, at
 * the final state and with reduced motion, the machine after it. */
static void
test_before_step (void)
{
  static const PwView views[] = { PW_VIEW_PHYSICAL };
  g_autoptr(PwHitMap) hits = pw_hit_map_new ();
  Fixture f;
  PwMachine *before;
  double t_fault = -1, t_kernel = -1, duration;
  guint64 frame;

  /* seed: step 4 reads page 0x3 of pid 1 back from disk */
  fixture_load (&f, "seed", 3);
  before = pw_machine_copy (f.m);
  pw_shown_event_reset (&f.shown);
  pw_machine_step (f.m, &g_array_index (f.sc->steps, PwStep, 3), pw_shown_event_keep, &f.shown);
  f.o.event = pw_shown_event_get (&f.shown);
  f.o.before = before;
  g_assert_true (f.o.event->retried);
  g_assert_cmpint (f.o.event->fault, ==, PW_KF_MAJOR);
  /* the frame the kernel gives page 0x3: no process's before the step */
  frame = f.o.event->retry.pa >> f.sc->arch->page_shift;
  /* the frame the kernel gives page 0x3: no process's before the step */
  frame = f.o.event->retry.pa >> f.sc->arch->page_shift;

  /* the last phase where the walk stops at the entry not present, and the
   * first where the kernel acts (reads slot 7) */
  duration = pw_render_walk_duration (NULL, f.o.event);
  for (double t = 0.15; t < duration && t_kernel < 0; t += 0.3)
    {
      g_autofree char *narr = pw_render_narration (f.m, &f.o, t);
      g_assert_nonnull (narr);
      if (strstr (narr, "slot 7") != NULL && strstr (narr, "not present") == NULL)
        t_kernel = t;
      else if (strstr (narr, "not present") != NULL)
        t_fault = t;
    }
  g_assert_cmpfloat (t_fault, >, 0);
  g_assert_cmpfloat (t_kernel, >, t_fault);

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      cairo_surface_t *s;

      f.o.view = views[i];
      /* the fault: page 0x3 still on disk, no frame holds it */
      f.o.t = t_fault;
      s = draw_png (&f, hits, NULL);
      cairo_surface_destroy (s);
      g_assert_cmpuint (frame_owner (hits, frame), ==, 0);
      g_assert_cmpuint (frame_owner (hits, 0x109), ==, 1);

      /* the kernel acts: the panes show the machine after the step */
      f.o.t = t_kernel;
      s = draw_png (&f, hits, NULL);
      cairo_surface_destroy (s);
      g_assert_cmpuint (frame_owner (hits, frame), ==, 1);

      f.o.t = PW_RENDER_T_FINAL;
      s = draw_png (&f, hits, NULL);
      cairo_surface_destroy (s);
      g_assert_cmpuint (frame_owner (hits, frame), ==, 1);

      f.o.t = t_fault;
      f.o.reduced_motion = TRUE;
      s = draw_png (&f, hits, NULL);
      cairo_surface_destroy (s);
      g_assert_cmpuint (frame_owner (hits, frame), ==, 1);
      f.o.reduced_motion = FALSE;
    }

  /* the overview's statistics: no page fault before the kernel acts */
  {
    g_autofree char *during = NULL;
    g_autofree char *end = NULL;

    f.o.t = t_fault;
    during = overview_text (&f);
    f.o.t = PW_RENDER_T_FINAL;
    end = overview_text (&f);
    if (during == NULL)
      g_test_message ("pdftotext (poppler-utils) is not installed: statistics not checked");
    else
      {
        g_assert_true (g_regex_match_simple ("accesses +3\\n", during, 0, 0));
        g_assert_true (g_regex_match_simple ("page faults +0\\n", during, 0, 0));
        g_assert_true (g_regex_match_simple ("accesses +4\\n", end, 0, 0));
        g_assert_true (g_regex_match_simple ("page faults +1\\n", end, 0, 0));
      }
  }

  f.o.before = NULL;
  pw_machine_free (before);
  fixture_clear (&f);
}

/* ---- the layout self-check (PwLayoutReport) ------------------------------- */

/* Lines for a failure message: one a problem. */
static char *
layout_report_text (const PwLayoutReport *r,
                    const char           *what)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < pw_layout_report_size (r); i++)
    {
      const PwLayoutProblem *p = pw_layout_report_get (r, i);

      if (pw_layout_problem_is_serious (p))
        g_string_append_printf (out, "%s: %s%s “%s” at %.0f,%.0f %.0fx%.0f%s%s\n", what,
                                pw_layout_kind_name (p->kind), p->has_number ? " number" : "",
                                p->text, p->x, p->y, p->width, p->height,
                                p->other ? " over " : "", p->other ? p->other : "");
    }
  return g_string_free (out, FALSE);
}

/* Too narrow a page-table view shortens its headings, which carry numbers:
 * the check says so, with the whole text and where it was drawn. */
static void
test_layout_check_shortened (void)
{
  g_autoptr(PwLayoutReport) r = pw_layout_report_new ();
  Fixture f;
  cairo_surface_t *s;
  gboolean found = FALSE;

  fixture_load (&f, "chunks", -1);
  f.width = 400;
  f.o.view = PW_VIEW_PAGETABLE;
  f.o.layout_report = r;
  s = draw_png (&f, NULL, NULL);
  for (guint i = 0; i < pw_layout_report_size (r); i++)
    {
      const PwLayoutProblem *p = pw_layout_report_get (r, i);

      if (p->kind == PW_LAYOUT_SHORTENED && p->has_number)
        {
          found = TRUE;
          g_assert_true (pw_layout_problem_is_serious (p));
          g_assert_true (pw_text_has_number (p->text));
          g_assert_null (strstr (p->text, "…"));    /* the text asked for, not the one drawn */
          g_assert_cmpfloat (p->width, >, 0);
          g_assert_cmpfloat (p->x + p->width, <=, f.width + 1);
        }
    }
  g_assert_true (found);
  g_assert_cmpuint (pw_layout_report_n_serious (r), >, 0);

  /* without the option nothing is recorded, and clearing empties the report */
  pw_layout_report_clear (r);
  f.o.layout_report = NULL;
  cairo_surface_destroy (s);
  s = draw_png (&f, NULL, NULL);
  g_assert_cmpuint (pw_layout_report_size (r), ==, 0);
  cairo_surface_destroy (s);
  fixture_clear (&f);

  g_assert_true (pw_text_has_number ("pages 0x200–0x3ff"));
  g_assert_true (pw_text_has_number ("67 of 65536"));
  g_assert_false (pw_text_has_number ("page tables"));
}

/* Two labels drawn over one another are reported, with both texts; labels
 * side by side are not. */
static void
test_layout_check_overlap (void)
{
  g_autoptr(PwLayoutReport) r = pw_layout_report_new ();
  Fixture f;
  PwCtx c;
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 400, 100);
  cairo_t *cr = cairo_create (s);
  double w;

  fixture_load (&f, "seed", -1);
  f.o.layout_report = r;
  pw_ctx_init (&c, cr, f.m, &f.o, NULL);
  c.report = r;
  pw_layout_report_begin (r);
  w = pw_text (&c, PW_FONT_BODY, &c.pal->fg, "frame 0x12", 10, 10, -1, PW_ALIGN_LEFT);
  pw_text (&c, PW_FONT_BODY, &c.pal->fg, "page 0x3", 10 + w + 4, 10, -1, PW_ALIGN_LEFT);
  pw_text (&c, PW_FONT_BODY, &c.pal->fg, "frame 0x12", 10, 40, -1, PW_ALIGN_LEFT);
  g_assert_cmpuint (pw_layout_report_size (r), ==, 0);
  pw_text (&c, PW_FONT_BODY, &c.pal->fg, "present", 10 + w / 2, 44, -1, PW_ALIGN_LEFT);
  g_assert_cmpuint (pw_layout_report_size (r), ==, 1);
  g_assert_cmpint (pw_layout_report_get (r, 0)->kind, ==, PW_LAYOUT_OVERLAP);
  g_assert_cmpstr (pw_layout_report_get (r, 0)->text, ==, "present");
  g_assert_cmpstr (pw_layout_report_get (r, 0)->other, ==, "frame 0x12");
  g_assert_true (pw_layout_problem_is_serious (pw_layout_report_get (r, 0)));

  /* a label past the drawing's clip is cut off */
  cairo_rectangle (cr, 0, 0, 200, 100);
  cairo_clip (cr);
  pw_text (&c, PW_FONT_BODY, &c.pal->fg, "0x0000_1000", 190, 70, -1, PW_ALIGN_LEFT);
  g_assert_cmpuint (pw_layout_report_size (r), ==, 2);
  g_assert_cmpint (pw_layout_report_get (r, 1)->kind, ==, PW_LAYOUT_CLIPPED);
  g_assert_cmpuint (pw_layout_report_n_serious (r), ==, 2);

  pw_ctx_clear (&c);
  cairo_destroy (cr);
  cairo_surface_destroy (s);
  fixture_clear (&f);
}

/* Two numbers side by side on one line with less than PW_LAYOUT_MIN_GAP
 * between them read as one ("39" "38" as "3938"): reported as crowded, with
 * both texts; a space apart, or on the next line, they are not.  The address
 * bar of every 64-bit example keeps its bit numbers apart. */
static void
test_layout_check_crowded (void)
{
  g_autoptr(PwLayoutReport) r = pw_layout_report_new ();
  Fixture f;
  PwCtx c;
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 400, 100);
  cairo_t *cr = cairo_create (s);
  double w;

  fixture_load (&f, "seed", -1);
  f.o.layout_report = r;
  pw_ctx_init (&c, cr, f.m, &f.o, NULL);
  c.report = r;
  pw_layout_report_begin (r);
  w = pw_text (&c, PW_FONT_MONO_SMALL, &c.pal->fg, "39", 10, 10, -1, PW_ALIGN_LEFT);
  pw_text (&c, PW_FONT_MONO_SMALL, &c.pal->fg, "40", 10 + w + PW_LAYOUT_MIN_GAP + 2, 10, -1,
           PW_ALIGN_LEFT);
  pw_text (&c, PW_FONT_MONO_SMALL, &c.pal->fg, "41", 10, 30, -1, PW_ALIGN_LEFT);
  g_assert_cmpuint (pw_layout_report_size (r), ==, 0);
  pw_text (&c, PW_FONT_MONO_SMALL, &c.pal->fg, "38", 10 + w + 1, 30, -1, PW_ALIGN_LEFT);
  g_assert_cmpuint (pw_layout_report_size (r), ==, 1);
  g_assert_cmpint (pw_layout_report_get (r, 0)->kind, ==, PW_LAYOUT_CROWDED);
  g_assert_cmpstr (pw_layout_report_get (r, 0)->text, ==, "38");
  g_assert_cmpstr (pw_layout_report_get (r, 0)->other, ==, "41");
  g_assert_true (pw_layout_problem_is_serious (pw_layout_report_get (r, 0)));
  g_assert_cmpstr (pw_layout_kind_name (PW_LAYOUT_CROWDED), ==, "crowded");

  /* a highlight's outline drawn over a label drawn before it is reported,
   * as is a label drawn over it; beside it nothing is */
  pw_layout_report_clear (r);
  pw_layout_report_begin (r);
  w = pw_text (&c, PW_FONT_MONO_SMALL, &c.pal->fg, "11", 100, 50, -1, PW_ALIGN_LEFT);
  pw_check_outline (&c, "(outline)", 90, 40, 60, 12, 2);
  g_assert_cmpuint (pw_layout_report_size (r), ==, 1);
  g_assert_cmpint (pw_layout_report_get (r, 0)->kind, ==, PW_LAYOUT_OVERLAP);
  g_assert_cmpstr (pw_layout_report_get (r, 0)->text, ==, "11");
  g_assert_cmpstr (pw_layout_report_get (r, 0)->other, ==, "(outline)");
  pw_text (&c, PW_FONT_MONO_SMALL, &c.pal->fg, "12", 148 - w / 2, 20, -1, PW_ALIGN_LEFT);
  g_assert_cmpuint (pw_layout_report_size (r), ==, 1);
  pw_text (&c, PW_FONT_MONO_SMALL, &c.pal->fg, "13", 145, 45, -1, PW_ALIGN_LEFT);
  g_assert_cmpuint (pw_layout_report_size (r), ==, 2);
  g_assert_cmpstr (pw_layout_report_get (r, 1)->other, ==, "(outline)");
  pw_ctx_clear (&c);
  cairo_destroy (cr);
  cairo_surface_destroy (s);
  fixture_clear (&f);

  /* the address view: every boundary's two numbers apart */
  {
    static const char *const examples[] = { "x86-64", "riscv-sv39", "large-pages", "seed" };

    for (guint i = 0; i < G_N_ELEMENTS (examples); i++)
      {
        g_autoptr(PwLayoutReport) r2 = pw_layout_report_new ();

        fixture_load (&f, examples[i], -1);
        f.width = 1280;
        f.o.view = PW_VIEW_ADDRESS;
        f.o.layout_report = r2;
        s = draw_png (&f, NULL, NULL);
        for (guint k = 0; k < pw_layout_report_size (r2); k++)
          g_assert_cmpint (pw_layout_report_get (r2, k)->kind, !=, PW_LAYOUT_CROWDED);
        cairo_surface_destroy (s);
        fixture_clear (&f);
      }
  }
}

/* A label of the last drawing whose text contains @needle, or NULL (the
 * report keeps every label of the drawing for its overlap check). */
static const char *
drawn_label (PwLayoutReport *r,
             const char     *needle)
{
  for (guint i = 0; i < r->boxes->len; i++)
    {
      const PwLabelBox *b = &g_array_index (r->boxes, PwLabelBox, i);

      if (strstr (b->text, needle) != NULL)
        return b->text;
    }
  return NULL;
}

/* Draws @f's view at @f->width x @height with a layout report. */
static void
draw_sized (Fixture        *f,
            double          height,
            PwLayoutReport *r)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) f->width, (int) height);
  cairo_t *cr = cairo_create (s);

  f->o.layout_report = r;
  pw_layout_report_clear (r);
  pw_render_draw (cr, f->m, &f->o, f->width, height, NULL);
  cairo_destroy (cr);
  cairo_surface_destroy (s);
}

/* Frame counts say what they count, in words, also where the title leaves
 * little room: never "67/65536". */
static void
test_physical_counts_words (void)
{
  static const double widths[] = { 330, 420, 1280 };
  g_autoptr(PwLayoutReport) r = pw_layout_report_new ();

  for (guint k = 0; k < G_N_ELEMENTS (widths); k++)
    {
      Fixture f;

      fixture_load (&f, "seed", -1);
      f.width = widths[k];
      f.o.view = k == 2 ? PW_VIEW_OVERVIEW : PW_VIEW_PHYSICAL;
      draw_sized (&f, 800, r);
      g_assert_nonnull (drawn_label (r, "frames in use"));
      g_assert_nonnull (drawn_label (r, " of 65536 frames in use"));
      g_assert_null (drawn_label (r, "/65536"));
      {
        g_autofree char *lines = layout_report_text (r, "seed");
        g_assert_cmpstr (lines, ==, "");
      }
      fixture_clear (&f);
    }
}

/* A disk grid with more slots than its room shows (cells stand for more
 * slots as room shrinks, down to one row's height) says how many are left
 * out ("+ N more slots"), and what it shows and says adds up to the disk. */
#define DISK_SHORT_H (16 * 2 + 62 + 8)
static void
test_disk_more_slots (void)
{
  g_autoptr(PwLayoutReport) r = pw_layout_report_new ();
  Fixture f;
  const char *more;
  guint64 hidden = 0, slots;
  PwHitMap *hits = pw_hit_map_new ();
  guint64 shown = 0;

  fixture_load (&f, "overcommit", -1);
  slots = pw_machine_disk_slots (f.m);
  g_assert_cmpuint (slots, >, 1000);
  f.width = 420;
  f.o.view = PW_VIEW_DISK;
  /* room for the title and less than a row of cells */
  draw_sized (&f, DISK_SHORT_H, r);
  more = drawn_label (r, "more slots");
  g_assert_nonnull (more);
  g_assert_true (g_str_has_prefix (more, "+ "));
  hidden = g_ascii_strtoull (more + 2, NULL, 10);
  g_assert_cmpuint (hidden, >, 0);
  g_assert_cmpuint (hidden, <=, slots);
  {
    g_autofree char *lines = layout_report_text (r, "overcommit");
    g_assert_cmpstr (lines, ==, "");
  }
  {
    cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 420, DISK_SHORT_H);
    cairo_t *cr = cairo_create (s);

    f.o.layout_report = NULL;
    pw_render_draw (cr, f.m, &f.o, 420, DISK_SHORT_H, hits);
    cairo_destroy (cr);
    cairo_surface_destroy (s);
  }
  for (guint i = 0; i < pw_hit_map_size (hits); i++)
    if (pw_hit_map_get (hits, i)->kind == PW_HIT_SLOT)
      shown += pw_hit_map_get (hits, i)->count;
  g_assert_cmpuint (shown + hidden, ==, slots);
  pw_hit_map_free (hits);

  /* with room for all, nothing is said */
  draw_sized (&f, 900, r);
  g_assert_null (drawn_label (r, "more slot"));
  fixture_clear (&f);
}

/* The page the walk accesses is outlined in its column; the region's
 * labels keep off the outline's edges (seed: the data region's label sat on
 * the accessed page's lower edge), and the check sees the edges. */
static void
test_vaspace_labels_clear (void)
{
  static const PwView views[] = { PW_VIEW_VASPACE, PW_VIEW_OVERVIEW };
  g_autoptr(PwLayoutReport) r = pw_layout_report_new ();

  for (guint v = 0; v < G_N_ELEMENTS (views); v++)
    {
      Fixture f;
      gboolean marked = FALSE;
      cairo_surface_t *s;

      fixture_load (&f, "seed", 1);
      f.width = 1200;
      f.o.view = views[v];
      f.o.layout_report = r;
      pw_layout_report_clear (r);
      s = draw_png (&f, NULL, NULL);
      for (guint i = 0; i < r->boxes->len; i++)
        marked |= g_array_index (r->boxes, PwLabelBox, i).mark;
      g_assert_true (marked);
      g_assert_nonnull (drawn_label (r, "0x0000000 · 16 KiB"));
      for (guint i = 0; i < pw_layout_report_size (r); i++)
        g_assert_cmpint (pw_layout_report_get (r, i)->kind, !=, PW_LAYOUT_OVERLAP);
      cairo_surface_destroy (s);
      fixture_clear (&f);
    }
}

/* The part of the overview a 1280 x 800 screen shows without scrolling:
 * the window's canvas (1200 x 800 less the header, the translate bar, the
 * timeline and the action bar) is 1190 x 584, drawn at 1200 scaled down
 * (/app/window/overview-fold measures it in the window). */
#define FOLD_W 1200.0
#define FOLD_H 584.0

/* The bottom of the lowest label of the last drawing whose text contains
 * @needle, or -1. */
static double
label_bottom (PwLayoutReport *r,
              const char     *needle)
{
  double bottom = -1;

  for (guint i = 0; i < r->boxes->len; i++)
    {
      const PwLabelBox *b = &g_array_index (r->boxes, PwLabelBox, i);

      if (!b->mark && strstr (b->text, needle) != NULL)
        bottom = MAX (bottom, b->y + b->h);
    }
  return bottom;
}

/* Above the fold of a 1280 x 800 screen, in every example, at the first
 * access and after the last step, with one process or several: the walk
 * (its address bar and its physical address or fault), the TLB and the
 * statistics.  The address spaces of several processes and the page tables
 * come below. */
static void
test_overview_fold (void)
{
  g_autoptr(PwLayoutReport) r = pw_layout_report_new ();
  PwExampleInfo **list = pw_examples_list ();

  for (guint i = 0; list[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      PwScenario *sc = pw_scenario_load (list[i]->name, &error);
      int ats[2];

      g_assert_no_error (error);
      ats[0] = -1;
      ats[1] = (int) sc->steps->len;
      pw_scenario_free (sc);
      for (guint k = 0; k < G_N_ELEMENTS (ats); k++)
        {
          Fixture f;
          g_autoptr(PwHitMap) hits = pw_hit_map_new ();
          cairo_surface_t *s;
          double tlb, stats, field = -1;

          fixture_load (&f, list[i]->name, ats[k]);
          f.width = FOLD_W;
          f.o.view = PW_VIEW_OVERVIEW;
          f.o.layout_report = r;
          pw_layout_report_clear (r);
          s = draw_png (&f, hits, NULL);
          tlb = label_bottom (r, "TLB");
          stats = label_bottom (r, "page-table reads");
          for (guint h = 0; h < pw_hit_map_size (hits); h++)
            {
              const PwHit *hit = pw_hit_map_get (hits, h);
              if (hit->kind == PW_HIT_FIELD || hit->kind == PW_HIT_TLB_ENTRY)
                field = MAX (field, hit->y + hit->height);
            }
          if (g_test_verbose ())
            g_printerr ("%s at %d: TLB %.0f, statistics %.0f, fields %.0f\n", list[i]->name,
                        ats[k], tlb, stats, field);
          g_assert_cmpfloat (tlb, >, 0);
          g_assert_cmpfloat (tlb, <=, FOLD_H);
          g_assert_cmpfloat (stats, >, 0);
          g_assert_cmpfloat (stats, <=, FOLD_H);
          g_assert_cmpfloat (field, >, 0);
          g_assert_cmpfloat (field, <=, FOLD_H);
          cairo_surface_destroy (s);
          fixture_clear (&f);
        }
    }
  pw_examples_free (list);
}

/* In the overview at the app's default width (1200), a fault's box in the
 * walk names what the narration and `pagewalk-cli translate` name: the
 * entry and the bit that forbids a protection fault, what the kernel does
 * about a page not present (read it back from its slot, a segmentation
 * fault, a zero-filled page), whole, at the fault and at the end. */
static void
test_overview_fault_words (void)
{
  static const struct { const char *example; int at; const char *box; } cases[] = {
    { "protections", 4, "forbids this write: its R/W bit is clear" },
    { "seed", 4, "on disk, slot 7: a major fault reads it back" },
    { "page-states", 7, "no region: the process gets a segmentation fault" },
    /* the first access, walked by the hardware alone */
    { "cow-fork", -1, "committed, never touched: a zero-filled page" },
  };
  g_autoptr(PwLayoutReport) r = pw_layout_report_new ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Fixture f;
      double dur;
      guint said = 0;

      fixture_load (&f, cases[i].example, cases[i].at);
      f.width = 1200;
      f.o.view = PW_VIEW_OVERVIEW;
      dur = pw_render_walk_duration (f.o.event ? &f.o.event->walk : &f.o.walk, f.o.event);
      for (double t = 0; t <= dur + PW_PHASE_SECONDS; t += PW_PHASE_SECONDS / 2)
        {
          g_autofree char *narr = pw_render_narration (f.m, &f.o, t);
          const char *box;

          double h;

          f.o.t = t;
          pw_render_measure (f.m, &f.o, f.width, &h);
          draw_sized (&f, h, r);
          box = drawn_label (r, cases[i].box);
          if (narr != NULL && strstr (narr, cases[i].box) != NULL)
            {
              /* said by the narration: drawn in the walk's box as well, the
               * same words, with the fault's kind before them */
              said++;
              g_assert_nonnull (box);
              g_assert_true (g_str_has_prefix (box, "protection: ")
                             || g_str_has_prefix (box, "not-present: ")
                             || strstr (box, cases[i].box) != NULL);
              {
                g_autofree char *lines = layout_report_text (r, cases[i].example);
                g_assert_cmpstr (lines, ==, "");
              }
            }
        }
      g_assert_cmpuint (said, >, 0);
      fixture_clear (&f);
    }
}

/* While the kernel handles a fault, the overview's narrow walk draws its
 * panel: every line whole at every moment, an eviction and a disk read
 * together (belady's step 7) as a copy-on-write copy (cow-fork's write);
 * the panel's words are drawn. */
static void
test_overview_kernel_panel (void)
{
  static const struct { const char *example; int at; const char *said; } cases[] = {
    { "belady", 7, "read slot 5 into frame 0x0" },
    { "seed", 4, "read slot 7 into frame 0x0" },
    { "overcommit", -1, NULL },
  };
  g_autoptr(PwLayoutReport) r = pw_layout_report_new ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Fixture f;
      double dur;
      gboolean said = cases[i].said == NULL;

      fixture_load (&f, cases[i].example, cases[i].at);
      f.width = 1200;
      f.o.view = PW_VIEW_OVERVIEW;
      dur = pw_render_walk_duration (f.o.event ? &f.o.event->walk : &f.o.walk, f.o.event);
      for (double t = 0; t <= dur + PW_PHASE_SECONDS; t += PW_PHASE_SECONDS / 3)
        {
          g_autofree char *what = g_strdup_printf ("%s --at %d at %.2f s", cases[i].example,
                                                   cases[i].at, t);
          g_autofree char *lines = NULL;
          double h;

          f.o.t = t;
          pw_render_measure (f.m, &f.o, f.width, &h);
          draw_sized (&f, h, r);
          lines = layout_report_text (r, what);
          g_assert_cmpstr (lines, ==, "");
          if (cases[i].said && drawn_label (r, cases[i].said) != NULL)
            said = TRUE;
        }
      g_assert_true (said);
      fixture_clear (&f);
    }
}

/* The overview's walk says a TLB miss in words, not with its mark alone,
 * where the first index's arrow leaves little room (multiprocess, x86-32,
 * at the app's 1200 units). */
static void
test_overview_tlb_badge (void)
{
  g_autoptr(PwLayoutReport) r = pw_layout_report_new ();
  Fixture f;
  double h;

  fixture_load (&f, "multiprocess", 2);
  f.width = 1200;
  f.o.view = PW_VIEW_OVERVIEW;
  pw_render_measure (f.m, &f.o, f.width, &h);
  draw_sized (&f, h, r);
  {
    gboolean said = FALSE;

    /* the badge's own words ("TLB misses" of the statistics does not count) */
    for (guint i = 0; i < r->boxes->len; i++)
      {
        const PwLabelBox *b = &g_array_index (r->boxes, PwLabelBox, i);
        if (!b->mark && (g_strcmp0 (b->text, "TLB miss") == 0
                         || g_str_has_prefix (b->text, "TLB miss: page")))
          said = TRUE;
      }
    g_assert_true (said);
  }
  fixture_clear (&f);
}

/* The replacement lab after every step of the examples made for it, at the
 * width presentation mode lays it out on a 1280 x 800 screen (1280 / 1.5)
 * and at the window's least: no number cut, nothing over anything (the
 * clock's last line of explanation was cut at 853). */
static void
test_lab_every_step (void)
{
  static const char *const examples[] = { "clock", "belady" };
  static const double widths[] = { 853, 560 };
  g_autoptr(PwLayoutReport) r = pw_layout_report_new ();
  g_autoptr(GString) problems = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (examples); i++)
    {
      PwScenario *sc = pw_scenario_load (examples[i], NULL);
      guint n;

      g_assert_nonnull (sc);
      n = sc->steps->len;
      pw_scenario_free (sc);
      for (guint at = 1; at <= n; at++)
        for (guint k = 0; k < G_N_ELEMENTS (widths); k++)
          {
            g_autofree char *what = g_strdup_printf ("%s --at %u lab %.0f", examples[i], at, widths[k]);
            g_autofree char *lines = NULL;
            Fixture f;
            double h;

            fixture_load (&f, examples[i], (int) at);
            f.width = widths[k];
            f.o.view = PW_VIEW_LAB;
            pw_render_measure (f.m, &f.o, f.width, &h);
            draw_sized (&f, h, r);
            lines = layout_report_text (r, what);
            g_string_append (problems, lines);
            fixture_clear (&f);
          }
    }
  g_assert_cmpstr (problems->str, ==, "");
}

/* Every view of every example, at the widths of slides (1280 and 1600
 * pixels wide, as tall as the view needs), of the app's window by default
 * (1200) and at its least width (560, the width-request of pw-window.ui,
 * /app/min-width): no number shortened or cut off, no labels over one
 * another or run together. */
static void
test_layout_every_example (void)
{
  static const double widths[] = { 560, 1200, 1280, 1600 };
  g_autoptr(PwLayoutReport) r = pw_layout_report_new ();
  g_autoptr(GString) problems = g_string_new (NULL);
  PwExampleInfo **list = pw_examples_list ();

  for (guint i = 0; list[i] != NULL; i++)
    for (guint v = 0; v < PW_N_VIEWS; v++)
      for (guint k = 0; k < G_N_ELEMENTS (widths); k++)
        {
          g_autofree char *what = g_strdup_printf ("%s %s %.0f", list[i]->name, pw_view_name (v), widths[k]);
          g_autofree char *lines = NULL;
          Fixture f;
          cairo_surface_t *s;

          fixture_load (&f, list[i]->name, -1);
          f.width = widths[k];
          f.o.view = v;
          f.o.layout_report = r;
          pw_layout_report_clear (r);
          s = draw_png (&f, NULL, NULL);
          lines = layout_report_text (r, what);
          g_string_append (problems, lines);
          cairo_surface_destroy (s);
          fixture_clear (&f);
        }
  pw_examples_free (list);
  g_assert_cmpstr (problems->str, ==, "");
}

/* The overview and the walk after each step of every example at 1280 and
 * at 1200 (the overview's least layout width, which the app's window shows
 * by default): the kernel's work, faults, TLB hits and their narration are
 * only seen there. */
static void
test_layout_every_step (void)
{
  static const PwView views[] = { PW_VIEW_OVERVIEW, PW_VIEW_WALK };
  g_autoptr(PwLayoutReport) r = pw_layout_report_new ();
  g_autoptr(GString) problems = g_string_new (NULL);
  PwExampleInfo **list = pw_examples_list ();

  for (guint i = 0; list[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      PwScenario *sc = pw_scenario_load (list[i]->name, &error);
      guint n;

      g_assert_no_error (error);
      n = sc->steps->len;
      pw_scenario_free (sc);
      for (guint k = 1; k <= n; k++)
        for (guint v = 0; v < 2 * G_N_ELEMENTS (views); v++)
          {
            double width = v < G_N_ELEMENTS (views) ? 1280 : 1200;
            g_autofree char *what = g_strdup_printf ("%s --at %u %s %.0f", list[i]->name, k,
                                                     pw_view_name (views[v % G_N_ELEMENTS (views)]), width);
            g_autofree char *lines = NULL;
            Fixture f;
            cairo_surface_t *s;

            fixture_load (&f, list[i]->name, (int) k);
            f.width = width;
            f.o.view = views[v % G_N_ELEMENTS (views)];
            f.o.layout_report = r;
            pw_layout_report_clear (r);
            s = draw_png (&f, NULL, NULL);
            lines = layout_report_text (r, what);
            g_string_append (problems, lines);
            cairo_surface_destroy (s);
            fixture_clear (&f);
          }
    }
  pw_examples_free (list);
  g_assert_cmpstr (problems->str, ==, "");
}

/* The app shows every example's description without its command lines. */
static void
test_present_description (void)
{
  PwExampleInfo **list = pw_examples_list ();
  g_autofree char *none = pw_description_for_app (NULL);
  g_autofree char *whole = pw_description_for_app ("No commands here.");
  g_autofree char *cut = pw_description_for_app ("A page. Try: run it --policy lru.");
  guint with_try = 0;

  g_assert_cmpstr (none, ==, "");
  g_assert_cmpstr (whole, ==, "No commands here.");
  g_assert_cmpstr (cut, ==, "A page.");
  for (guint i = 0; list[i] != NULL; i++)
    {
      g_autofree char *d = pw_description_for_app (list[i]->description);

      g_assert_true (g_str_has_prefix (list[i]->description, d));
      g_assert_cmpuint (strlen (d), >, 0);
      g_assert_null (strstr (d, "Try:"));
      g_assert_null (strstr (d, " --"));
      g_assert_null (strstr (d, "pagewalk-cli"));
      with_try += strstr (list[i]->description, "Try:") != NULL;
    }
  /* the examples do suggest commands: the rule is exercised */
  g_assert_cmpuint (with_try, >, 0);
  pw_examples_free (list);
}

/* ---- steps without an access, drawn where the walk is ------------------------------ */

typedef struct
{
  const char *scenario;   /* an example, or a file of tests/data/render/ */
  int         at;
  PwStepKind  kind;
} LifeCase;

static const LifeCase life_cases[] = {
  { "cow-fork", 4, PW_STEP_FORK },
  { "multiprocess", 5, PW_STEP_SWITCH },
  { "multiprocess-asid", 5, PW_STEP_SWITCH },
  { "x86-32-split", 4, PW_STEP_SWITCH },
  { "fragmentation-paged", 1, PW_STEP_EXIT },
  { "fragmentation-paged", 2, PW_STEP_SPAWN },
  { "page-states", 5, PW_STEP_COMMIT },
  { "fragmentation", 1, PW_STEP_EXIT },
  { "fragmentation", 3, PW_STEP_SPAWN },
  { "lifecycle.pagewalk", 3, PW_STEP_FORK },
  { "lifecycle.pagewalk", 5, PW_STEP_SWITCH },
  { "lifecycle.pagewalk", 6, PW_STEP_SWITCH },
  { "lifecycle.pagewalk", 7, PW_STEP_EXIT },
  { "lifecycle.pagewalk", 8, PW_STEP_COMMIT },
  { "lifecycle.pagewalk", 9, PW_STEP_DECOMMIT },
  { "lifecycle.pagewalk", 10, PW_STEP_FREE },
  { "lifecycle.pagewalk", 11, PW_STEP_RESERVE },
  { "lifecycle.pagewalk", 12, PW_STEP_SPAWN },
  { "lifecycle.pagewalk", 13, PW_STEP_SWITCH },
  { "lifecycle-segments.pagewalk", 2, PW_STEP_SWITCH },
  { "lifecycle-segments.pagewalk", 3, PW_STEP_EXIT },
};

static char *
life_scenario (const LifeCase *lc)
{
  if (g_str_has_suffix (lc->scenario, ".pagewalk"))
    return g_test_build_filename (G_TEST_DIST, "data", "render", lc->scenario, NULL);
  return g_strdup (lc->scenario);
}

/* "frame 0x3ff", as the drawing writes a frame */
static char *
frame_words (guint64 frame)
{
  g_autofree char *hex = pw_hex (frame);
  return g_strdup_printf ("frame %s", hex);
}

/* Every step kind: the walk view and the overview at three widths, at the
 * start of the step's animation and at its end, have nothing cut off and
 * nothing drawn over anything; the machine's record is the step's. */
static void
test_lifecycle_layout (void)
{
  static const PwView views[] = { PW_VIEW_WALK, PW_VIEW_OVERVIEW };
  static const double widths[] = { 1280, 1600, 1920 };
  static const double times[] = { 0, PW_RENDER_T_FINAL };
  g_autoptr(PwLayoutReport) r = pw_layout_report_new ();
  g_autoptr(GString) problems = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (life_cases); i++)
    {
      const LifeCase *lc = &life_cases[i];
      g_autofree char *path = life_scenario (lc);

      for (guint v = 0; v < G_N_ELEMENTS (views); v++)
        for (guint k = 0; k < G_N_ELEMENTS (widths); k++)
          for (guint t = 0; t < G_N_ELEMENTS (times); t++)
            {
              g_autofree char *what = g_strdup_printf ("%s --at %d %s %.0f t=%g", lc->scenario, lc->at,
                                                       pw_view_name (views[v]), widths[k], times[t]);
              g_autofree char *lines = NULL;
              const PwStepRecord *rec;
              Fixture f;
              cairo_surface_t *s;

              Fixture prev;

              fixture_load (&f, path, lc->at);
              /* the app's animation: the panes show the machine before the step first */
              fixture_load (&prev, path, lc->at - 1);
              if (times[t] == 0)
                f.o.before = prev.m;
              rec = pw_machine_last_step (f.m);
              g_assert_nonnull (rec);
              g_assert_cmpint (rec->kind, ==, lc->kind);
              g_assert_cmpuint (rec->step, ==, (guint) lc->at - 1);
              /* no access: nothing else to draw */
              g_assert_null (f.o.event);
              f.width = widths[k];
              f.o.view = views[v];
              f.o.t = times[t];
              f.o.layout_report = r;
              pw_layout_report_clear (r);
              s = draw_png (&f, NULL, NULL);
              lines = layout_report_text (r, what);
              g_string_append (problems, lines);
              cairo_surface_destroy (s);
              /* the panes change halfway: before, unless the step removed a process */
              g_assert_true (pw_render_shown_machine (f.m, &f.o)
                             == (times[t] == 0 && pw_machine_n_processes (prev.m) <= pw_machine_n_processes (f.m)
                                 ? prev.m : f.m));
              fixture_clear (&f);
              fixture_clear (&prev);
            }
    }
  g_assert_cmpstr (problems->str, ==, "");
}

/* The drawing says what the kernel's record says: the roots, the TLB
 * entries dropped or kept, the tables and entries copied, what was freed;
 * and no command line. */
static void
test_lifecycle_text (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (life_cases); i++)
    {
      const LifeCase *lc = &life_cases[i];
      g_autofree char *path = life_scenario (lc);
      g_autofree char *text = view_text (path, lc->at, PW_VIEW_WALK, 1280);
      g_autofree char *ov = view_text (path, lc->at, PW_VIEW_OVERVIEW, 1280);
      g_autoptr(GPtrArray) want = g_ptr_array_new_with_free_func (g_free);
      const PwStepRecord *r;
      gboolean paged;
      Fixture f;

      if (text == NULL)
        return;
      fixture_load (&f, path, lc->at);
      r = pw_machine_last_step (f.m);
      paged = pw_machine_arch (f.m)->kind == PW_ARCH_PAGED;
      switch (r->kind)
        {
        case PW_STEP_SWITCH:
          if (paged)
            {
              g_ptr_array_add (want, frame_words (r->new_root));
              g_ptr_array_add (want, g_strdup (pw_machine_arch (f.m)->root_register));
            }
          else
            {
              /* the registers loaded: the new process's segment 0 */
              const PwSegment *seg = &g_array_index (pw_machine_lookup (f.m, r->pid)->segments, PwSegment, 0);
              g_autofree char *base = pw_format_address (seg->base, pw_machine_arch (f.m)->pa_bits);
              g_ptr_array_add (want, g_strdup_printf ("base %s", base));
            }
          if (r->other_pid != 0 && r->other_pid != r->pid)
            {
              if (paged)
                g_ptr_array_add (want, frame_words (r->old_root));
              g_ptr_array_add (want, !r->tlb ? g_strdup ("No TLB")
                               : pw_machine_config (f.m)->tlb_asid
                               ? g_strdup_printf ("TLB kept: %u entr", r->tlb_kept)
                               : g_strdup_printf ("TLB flushed: %u entr", r->tlb_dropped));
            }
          break;
        case PW_STEP_FORK:
          g_ptr_array_add (want, frame_words (r->new_root));
          g_ptr_array_add (want, g_strdup_printf ("%" G_GUINT64_FORMAT " page-table frame", r->tables_made));
          g_ptr_array_add (want, g_strdup_printf ("%" G_GUINT64_FORMAT " leaf entr", r->entries_copied));
          g_ptr_array_add (want, g_strdup_printf ("%" G_GUINT64_FORMAT " page", r->cow_shared));
          g_ptr_array_add (want, g_strdup ("COW"));
          break;
        case PW_STEP_EXIT:
          if (paged)
            {
              g_ptr_array_add (want, g_strdup_printf ("%" G_GUINT64_FORMAT " data frame", r->frames_freed));
              g_ptr_array_add (want, g_strdup_printf ("%" G_GUINT64_FORMAT " page-table frame", r->tables_freed));
              g_ptr_array_add (want, g_strdup_printf ("%" G_GUINT64_FORMAT " page", r->pages_released));
              g_ptr_array_add (want, frame_words (r->old_root));
            }
          g_ptr_array_add (want, g_strdup ("freed"));
          break;
        case PW_STEP_SPAWN:
          if (paged)
            {
              g_ptr_array_add (want, frame_words (r->new_root));
              g_ptr_array_add (want, g_strdup_printf ("%" G_GUINT64_FORMAT " page-table frame", r->tables_made));
            }
          else
            {
              /* where the kernel placed it: its base */
              const PwSegment *seg = &g_array_index (pw_machine_lookup (f.m, r->pid)->segments, PwSegment, 0);
              g_autofree char *base = pw_format_address (seg->base, pw_machine_arch (f.m)->pa_bits);
              g_ptr_array_add (want, g_strdup_printf ("base %s", base));
            }
          break;
        default:
          g_ptr_array_add (want, pw_format_address (r->start, pw_machine_arch (f.m)->va_bits));
          g_ptr_array_add (want, g_strdup ("before"));
          g_ptr_array_add (want, g_strdup ("after"));
          if (r->entries_rewritten > 0)
            g_ptr_array_add (want, g_strdup_printf ("%" G_GUINT64_FORMAT " resident page", r->entries_rewritten));
          if (r->pages_released > 0)
            g_ptr_array_add (want, g_strdup_printf ("%" G_GUINT64_FORMAT " page", r->pages_released));
          break;
        }
      g_assert_cmpuint (want->len, >, 0);
      for (guint k = 0; k < want->len; k++)
        if (strstr (text, want->pdata[k]) == NULL)
          g_error ("%s --at %d: “%s” is not in the walk view:\n%s", lc->scenario, lc->at,
                   (char *) want->pdata[k], text);
      /* the overview's walk area tells the same */
      if (strstr (ov, want->pdata[0]) == NULL)
        g_error ("%s --at %d: “%s” is not in the overview:\n%s", lc->scenario, lc->at,
                 (char *) want->pdata[0], ov);
      g_assert_null (strstr (text, "--translate"));
      g_assert_null (strstr (text, "pagewalk-cli"));
      g_assert_null (strstr (ov, "export --"));
      fixture_clear (&f);
    }
}

/* Hits: the child's root table, each shared frame, both processes' pages. */
static void
test_lifecycle_hits (void)
{
  g_autoptr(PwHitMap) map = pw_hit_map_new ();
  const PwStepRecord *r;
  const PwProcess *child;
  guint root_hits = 0, frame_hits = 0, child_pages = 0;
  cairo_surface_t *s;
  Fixture f;

  fixture_load (&f, "cow-fork", 4);
  f.o.view = PW_VIEW_WALK;
  r = pw_machine_last_step (f.m);
  child = pw_machine_lookup (f.m, r->other_pid);
  s = draw_png (&f, map, NULL);
  for (guint i = 0; i < pw_hit_map_size (map); i++)
    {
      const PwHit *h = pw_hit_map_get (map, i);
      const PwHit *got = pw_hit_map_lookup (map, h->x + h->width / 2, h->y + h->height / 2);

      g_assert_true (got == h || got->kind == h->kind || h->kind == PW_HIT_TABLE);
      if (h->kind == PW_HIT_TABLE && h->frame == r->new_root && h->pid == r->other_pid)
        root_hits++;
      if (h->kind == PW_HIT_FRAME)
        {
          GArray *pids = g_array_new (FALSE, FALSE, sizeof (guint));
          pw_machine_frame_mappers (f.m, h->frame, pids);
          /* each frame drawn in the middle is mapped by both */
          g_assert_cmpuint (pids->len, ==, 2);
          g_array_unref (pids);
          frame_hits++;
        }
      if (h->kind == PW_HIT_PAGE && h->pid == r->other_pid)
        {
          g_assert_nonnull (g_hash_table_lookup (child->pages, &h->vpn));
          child_pages++;
        }
    }
  g_assert_cmpuint (root_hits, ==, 1);
  g_assert_cmpuint (frame_hits, ==, r->entries_copied);
  g_assert_cmpuint (child_pages, ==, g_hash_table_size (child->pages));
  cairo_surface_destroy (s);
  fixture_clear (&f);
}

/* The narration and the animation of a step without an access; a
 * translation asked at that step is drawn instead. */
static void
test_lifecycle_narration (void)
{
  const PwStepRecord *r;
  g_autofree char *narr = NULL, *root = NULL, *early = NULL;
  g_autofree char *walk_narr = NULL;
  Fixture f;

  fixture_load (&f, "multiprocess", 5);
  r = pw_machine_last_step (f.m);
  narr = pw_render_narration (f.m, &f.o, PW_RENDER_T_FINAL);
  g_assert_nonnull (narr);
  root = pw_hex (r->new_root);
  g_assert_nonnull (strstr (narr, root));
  g_assert_nonnull (strstr (narr, "CR3"));
  g_assert_cmpfloat (pw_render_step_duration (f.m, &f.o), >, 0);
  /* the drawing unfolds: its start differs from its end */
  {
    cairo_surface_t *a, *b;
    f.o.view = PW_VIEW_WALK;
    f.o.t = 0;
    a = draw_png (&f, NULL, NULL);
    f.o.t = PW_RENDER_T_FINAL;
    b = draw_png (&f, NULL, NULL);
    g_assert_cmpint (memcmp (cairo_image_surface_get_data (a), cairo_image_surface_get_data (b),
                             cairo_image_surface_get_stride (a) * cairo_image_surface_get_height (a)), !=, 0);
    cairo_surface_destroy (a);
    cairo_surface_destroy (b);
  }
  /* a translation asked for wins */
  g_assert_true (pw_machine_translate (f.m, 2, 0x0804a020, PW_ACCESS_READ, PW_MODE_USER, &f.o.walk, NULL));
  f.o.has_walk = TRUE;
  f.o.walk_pid = 2;
  walk_narr = pw_render_narration (f.m, &f.o, PW_RENDER_T_FINAL);
  g_assert_nonnull (walk_narr);
  g_assert_null (strstr (walk_narr, "Context switch"));
  g_assert_cmpfloat (pw_render_step_duration (f.m, &f.o), ==,
                     pw_render_walk_duration (&f.o.walk, NULL));
  fixture_clear (&f);

  /* after an access there is no record: nothing but the access is drawn */
  fixture_load (&f, "multiprocess", 6);
  g_assert_null (pw_machine_last_step (f.m));
  early = pw_render_narration (f.m, &f.o, PW_RENDER_T_FINAL);
  g_assert_true (early == NULL || strstr (early, "Context switch") == NULL);
  fixture_clear (&f);
}

/* Selecting a data frame lights, in the overview, every page that maps it
 * in every process (pw_machine_frame_mappers), the frame itself, and
 * nothing else; the drawing changes and the hit map is the same. */
static void
test_inspector_select_frame (void)
{
  g_autoptr(PwHitMap) plain = pw_hit_map_new ();
  g_autoptr(PwHitMap) map = pw_hit_map_new ();
  g_autoptr(GArray) mappers = g_array_new (FALSE, FALSE, sizeof (guint));
  cairo_surface_t *a, *b;
  gboolean lit_pid[8] = { FALSE };
  guint lit_pages = 0, lit_frames = 0;
  Fixture f;

  fixture_load (&f, "cow-fork", 5);
  f.o.view = PW_VIEW_OVERVIEW;
  f.width = 1280;
  pw_machine_frame_mappers (f.m, 0x2, mappers);
  g_assert_cmpuint (mappers->len, ==, 2);
  a = draw_png (&f, plain, NULL);
  f.o.has_selection = TRUE;
  f.o.selection.kind = PW_HIT_FRAME;
  f.o.selection.frame = 0x2;
  b = draw_png (&f, map, NULL);
  g_assert_cmpuint (pw_hit_map_size (map), ==, pw_hit_map_size (plain));
  g_assert_cmpfloat (compare (a, b), >, 0);
  for (guint k = 0; k < pw_hit_map_size (map); k++)
    {
      const PwHit *h = pw_hit_map_get (map, k);

      if (!pw_render_hit_selected (f.m, &f.o, h))
        continue;
      if (h->kind == PW_HIT_PAGE)
        {
          const PwPage *pg = g_hash_table_lookup (pw_machine_lookup (f.m, h->pid)->pages, &h->vpn);

          g_assert_nonnull (pg);
          g_assert_true (pg->resident);
          g_assert_cmphex (pg->frame, ==, 0x2);
          g_assert_cmpuint (h->pid, <, G_N_ELEMENTS (lit_pid));
          lit_pid[h->pid] = TRUE;
          lit_pages++;
        }
      else if (h->kind == PW_HIT_FRAME)
        {
          g_assert_cmphex (h->frame, <=, 0x2);
          g_assert_cmphex (h->frame + h->count, >, 0x2);
          lit_frames++;
        }
      else
        g_assert_not_reached ();
    }
  for (guint i = 0; i < mappers->len; i++)
    g_assert_true (lit_pid[g_array_index (mappers, guint, i)]);
  for (guint pid = 0; pid < G_N_ELEMENTS (lit_pid); pid++)
    if (lit_pid[pid])
      {
        gboolean maps = FALSE;
        for (guint i = 0; i < mappers->len; i++)
          maps |= g_array_index (mappers, guint, i) == pid;
        g_assert_true (maps);
      }
  g_assert_cmpuint (lit_pages, >=, 2);
  g_assert_cmpuint (lit_frames, >=, 1);
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);
  fixture_clear (&f);
}

/* A page-table entry selected is lit where it is drawn, and only there. */
static void
test_inspector_select_entry (void)
{
  g_autoptr(PwHitMap) map = pw_hit_map_new ();
  const PwHit *entry = NULL;
  cairo_surface_t *s;
  guint lit = 0;
  Fixture f;

  fixture_load (&f, "x86-64", -1);
  f.o.view = PW_VIEW_PAGETABLE;
  s = draw_png (&f, map, NULL);
  cairo_surface_destroy (s);
  for (guint k = 0; k < pw_hit_map_size (map) && entry == NULL; k++)
    if (pw_hit_map_get (map, k)->kind == PW_HIT_ENTRY)
      entry = pw_hit_map_get (map, k);
  g_assert_nonnull (entry);
  f.o.has_selection = TRUE;
  f.o.selection = *entry;
  for (guint k = 0; k < pw_hit_map_size (map); k++)
    if (pw_render_hit_selected (f.m, &f.o, pw_hit_map_get (map, k)))
      {
        g_assert_cmpint (pw_hit_map_get (map, k)->kind, ==, PW_HIT_ENTRY);
        lit++;
      }
  g_assert_cmpuint (lit, ==, 1);
  fixture_clear (&f);
}

/* The base: decimal addresses in the drawing and the narration, hex
 * again after the draw (the thread's base is put back); the address bar
 * without its binary digits draws fewer pixels. */
static void
test_prefs_decimal_base (void)
{
  g_autofree char *hex = NULL;
  g_autofree char *dec = NULL;
  g_autofree char *after = NULL;
  cairo_surface_t *with_bits, *without;
  Fixture f;

  fixture_load (&f, "seed", -1);
  f.o.view = PW_VIEW_ADDRESS;
  hex = pw_render_narration (f.m, &f.o, PW_RENDER_T_FINAL);
  g_assert_nonnull (strstr (hex, "0x0109150"));
  f.o.base = PW_BASE_DECIMAL;
  dec = pw_render_narration (f.m, &f.o, PW_RENDER_T_FINAL);
  /* 0x109150 */
  g_assert_nonnull (strstr (dec, "1085776"));
  g_assert_null (strstr (dec, "0x0109150"));
  g_assert_cmpint (pw_number_get_base (), ==, PW_BASE_HEX);
  after = pw_format_address (0x2150, 16);
  g_assert_cmpstr (after, ==, "0x2150");

  f.o.base = PW_BASE_HEX;
  with_bits = draw_png (&f, NULL, NULL);
  f.o.hide_bits = TRUE;
  without = draw_png (&f, NULL, NULL);
  g_assert_cmpfloat (compare (with_bits, without), >, 0);
  cairo_surface_destroy (with_bits);
  cairo_surface_destroy (without);

  /* the one function, in the thread that asks */
  g_assert_cmpint (pw_number_set_base (PW_BASE_DECIMAL), ==, PW_BASE_HEX);
  g_free (after);
  after = pw_format_address (0x2150, 16);
  g_assert_cmpstr (after, ==, "8528");
  g_free (after);
  after = pw_hex (0x109);
  g_assert_cmpstr (after, ==, "265");
  {
    char buf[19];
    /* more digits than the buffer holds: hex */
    g_assert_cmpstr (pw_hex_buf (G_GUINT64_CONSTANT (0x8000000000000001), buf), ==, "0x8000000000000001");
    g_assert_cmpstr (pw_hex_width (0x25, 32, buf, sizeof buf), ==, "37");
  }
  pw_number_set_base (PW_BASE_HEX);
  g_free (after);
  after = pw_hex (0x109);
  g_assert_cmpstr (after, ==, "0x109");
  fixture_clear (&f);
}

/* A frame inside a large page lights that page (the renderer's test of
 * the frames a page covers), a frame past it does not. */
static void
test_inspector_select_large_frame (void)
{
  Fixture f;
  const PwArch *a;
  const PwPage *large = NULL;
  guint pid = 0;
  PwHit page = { 0 };

  fixture_load (&f, "large-pages", -1);
  a = pw_machine_arch (f.m);
  for (guint i = 0; i < pw_machine_n_processes (f.m) && large == NULL; i++)
    {
      const PwProcess *p = pw_machine_process (f.m, i);
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, p->pages);
      while (large == NULL && g_hash_table_iter_next (&iter, NULL, &value))
        {
          const PwPage *pg = value;
          if (pg->resident && pg->size > ((guint64) 1 << a->page_shift))
            {
              large = pg;
              pid = p->pid;
            }
        }
    }
  g_assert_nonnull (large);
  page.kind = PW_HIT_PAGE;
  page.pid = pid;
  page.vpn = large->vpn;
  page.count = 1;
  f.o.has_selection = TRUE;
  f.o.selection.kind = PW_HIT_FRAME;
  f.o.selection.count = 1;
  f.o.selection.frame = large->frame + 3;
  g_assert_true (pw_render_hit_selected (f.m, &f.o, &page));
  f.o.selection.frame = large->frame + (large->size >> a->page_shift);
  g_assert_false (pw_render_hit_selected (f.m, &f.o, &page));
  fixture_clear (&f);
}

/* ---- the replacement lab and the comparison ------------------------------------------------ */

/* Draws the lab of @m (@before: the machine before the last step, @ev its
 * access) at 1280 and returns the page of the box drawn as the next victim
 * (its fill is the fault colour's tint: red dominates), FALSE when none. */
static gboolean
lab_drawn_victim (PwMachine     *m,
                  PwMachine     *before,
                  const PwEvent *ev,
                  guint         *pid,
                  guint64       *vpn)
{
  g_autoptr(PwHitMap) map = pw_hit_map_new ();
  PwRenderOptions o;
  cairo_surface_t *s;
  cairo_t *cr;
  double h;
  guint found = 0;

  pw_render_options_init (&o);
  o.view = PW_VIEW_LAB;
  o.before = before;
  o.event = ev;
  pw_render_measure (m, &o, 1280, &h);
  s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1280, (int) h);
  cr = cairo_create (s);
  pw_render_draw (cr, m, &o, 1280, h, map);
  cairo_destroy (cr);
  cairo_surface_flush (s);
  for (guint i = 0; i < pw_hit_map_size (map); i++)
    {
      const PwHit *hit = pw_hit_map_get (map, i);
      const guint8 *d = cairo_image_surface_get_data (s);
      int x = (int) (hit->x + hit->width - 6), y = (int) (hit->y + hit->height / 2);
      const guint8 *px = d + y * cairo_image_surface_get_stride (s) + x * 4;   /* B G R A */

      if (hit->kind != PW_HIT_FRAME)
        continue;
      if ((int) px[2] - (int) px[1] > 25)
        {
          *pid = hit->pid;
          *vpn = hit->vpn;
          found++;
        }
    }
  cairo_surface_destroy (s);
  g_assert_cmpuint (found, <=, 1);
  return found == 1;
}

typedef struct
{
  PwEvent last;
  gboolean have;
} LastEvent;

static void
keep_last (const PwEvent *ev,
           gpointer       user_data)
{
  LastEvent *l = user_data;

  if (!pw_event_is_access (ev))
    return;
  l->last = *ev;
  l->last.message = NULL;
  l->have = TRUE;
}

/* The victim drawn against the next eviction, at every step of @example
 * under every policy with 2, 3 and 4 frames; returns the evictions checked. */
static guint
lab_victim_check_example (const char *example)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwScenario) sc = pw_scenario_load (example, &error);
  guint n_policies, checked = 0;
  const PwPolicy *all = pw_compare_all_policies (&n_policies);

  g_assert_no_error (error);
  for (guint p = 0; p < n_policies; p++)
    for (guint64 frames = 2; frames <= 4; frames++)
      {
        g_autoptr(PwRun) run = NULL;
        PwMachine *m;
        PwRunConfig cfg;
        guint checked_here = 0;

        pw_run_config_init (&cfg);
        cfg.set_policy = TRUE;
        cfg.policy = all[p];
        cfg.data_frames = frames;
        run = pw_run_new (sc, &cfg, NULL, &error);
        g_assert_no_error (error);
        m = pw_run_machine_new (run, &error);
        g_assert_no_error (error);
        for (guint64 k = 0; k < pw_run_n_positions (run); k++)
          {
            LastEvent next = { 0 };
            guint pid = 0;
            guint64 vpn = 0;
            gboolean drawn = lab_drawn_victim (m, NULL, NULL, &pid, &vpn);

            pw_run_advance (run, m, k, keep_last, &next);
            g_assert_true (next.have);
            if (next.last.evicted.happened)
              {
                g_assert_true (drawn);
                g_assert_cmpuint (pid, ==, next.last.evicted.pid);
                g_assert_cmpuint (vpn, ==, next.last.evicted.vpn);
                checked_here++;
              }
          }
        /* both evict at every size up to 3 */
        if (frames <= 3)
          g_assert_cmpuint (checked_here, >, 0);
        checked += checked_here;
        pw_machine_free (m);
      }
  return checked;
}

/* For every policy, at every step of belady and clock with 2, 3 and 4
 * frames: the box the lab draws as the next victim is the page the next
 * access evicts, whenever it evicts one. */
static void
lab_victim_is_next_evicted (void)
{
  g_assert_cmpuint (lab_victim_check_example ("belady"), >, 50);
  g_assert_cmpuint (lab_victim_check_example ("clock"), >, 30);
}

/* The lab and the comparison after every step of belady under every policy,
 * with what the step changed: nothing shortened, cut off or overlapping at
 * 1280 and 1600 pixels. */
static void
lab_layout_every_step (void)
{
  static const double widths[] = { 1280, 1600 };
  g_autoptr(GError) error = NULL;
  g_autoptr(PwScenario) sc = pw_scenario_load ("belady", &error);
  g_autoptr(PwLayoutReport) r = pw_layout_report_new ();
  g_autoptr(GString) problems = g_string_new (NULL);
  guint n_policies;
  const PwPolicy *all = pw_compare_all_policies (&n_policies);
  PwCompare *cmp = compare_of (sc, 3);

  g_assert_no_error (error);
  for (guint p = 0; p < n_policies; p++)
    {
      g_autoptr(PwRun) run = NULL;
      PwMachine *m;
      PwRunConfig cfg;

      pw_run_config_init (&cfg);
      cfg.set_policy = TRUE;
      cfg.policy = all[p];
      cfg.data_frames = 3;
      run = pw_run_new (sc, &cfg, NULL, &error);
      g_assert_no_error (error);
      m = pw_run_machine_new (run, &error);
      g_assert_no_error (error);
      for (guint64 k = 0; k < pw_run_n_positions (run); k++)
        {
          PwMachine *before = pw_machine_copy (m);
          LastEvent ev = { 0 };

          pw_run_advance (run, m, k, keep_last, &ev);
          for (guint v = 0; v < 2; v++)
            for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
              {
                g_autofree char *what = g_strdup_printf ("%s step %" G_GUINT64_FORMAT " %s %.0f",
                                                         pw_policy_name (all[p]), k + 1,
                                                         v ? "compare" : "lab", widths[i]);
                g_autofree char *lines = NULL;
                PwRenderOptions o;
                cairo_surface_t *s;
                cairo_t *cr;
                double h;

                pw_render_options_init (&o);
                o.view = v ? PW_VIEW_COMPARE : PW_VIEW_LAB;
                o.before = before;
                o.event = ev.have ? &ev.last : NULL;
                o.compare = cmp;
                o.layout_report = r;
                pw_layout_report_clear (r);
                pw_render_measure (m, &o, widths[i], &h);
                s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) widths[i], (int) h);
                cr = cairo_create (s);
                pw_render_draw (cr, m, &o, widths[i], h, NULL);
                cairo_destroy (cr);
                cairo_surface_destroy (s);
                lines = layout_report_text (r, what);
                g_string_append (problems, lines);
              }
          pw_machine_free (before);
        }
      pw_machine_free (m);
    }
  pw_compare_free (cmp);
  g_assert_cmpstr (problems->str, ==, "");
}

/* The compare view draws the comparison it is given: Belady's anomaly named
 * under the curve, with FIFO's counts; without figures it says so. */
static void
compare_view_text (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwScenario) sc = pw_scenario_load ("belady", &error);
  PwCompare *cmp = compare_of (sc, 0);
  Fixture f;
  g_autoptr(PwLayoutReport) r = pw_layout_report_new ();
  cairo_surface_t *s;
  g_autoptr(GString) all = g_string_new (NULL);

  fixture_load (&f, "belady", -1);
  f.o.view = PW_VIEW_COMPARE;
  f.o.compare = cmp;
  f.width = 1280;
  s = draw_png (&f, NULL, NULL);
  cairo_surface_destroy (s);
  /* every label, whole, through the layout report's boxes */
  f.o.layout_report = r;
  s = draw_png (&f, NULL, NULL);
  cairo_surface_destroy (s);
  for (guint i = 0; i < r->boxes->len; i++)
    {
      g_string_append (all, g_array_index (r->boxes, PwLabelBox, i).text);
      g_string_append_c (all, '\n');
    }
  g_assert_nonnull (strstr (all->str, "Belady's anomaly: fifo takes 9 page faults with 3 frames but 10 with 4"));
  g_assert_nonnull (strstr (all->str, "10 faults"));
  /* without figures (the app before its worker is done): a notice */
  {
    PwRenderOptions o;
    cairo_t *cr;
    double h;

    pw_render_options_init (&o);
    o.view = PW_VIEW_COMPARE;
    o.layout_report = r;
    pw_render_measure (f.m, &o, 1280, &h);
    s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1280, (int) h);
    cr = cairo_create (s);
    pw_render_draw (cr, f.m, &o, 1280, h, NULL);
    cairo_destroy (cr);
    cairo_surface_destroy (s);
    g_assert_cmpuint (r->boxes->len, ==, 2);
    g_assert_nonnull (strstr (g_array_index (r->boxes, PwLabelBox, 1).text, "Not computed yet"));
  }
  fixture_clear (&f);
  pw_compare_free (cmp);
}

/* A run longer than the table: the curve and the counts, and a line that
 * says why no table is drawn; nothing cut or overlapping at 1280 and 1600. */
static void
compare_long_run (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pagewalk-render-XXXXXX", &error);
  g_autofree char *trace = g_build_filename (dir, "trace.txt", NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(PwScenario) sc = pw_scenario_load ("belady", &error);
  g_autoptr(PwRun) run = NULL;
  g_autoptr(PwLayoutReport) r = pw_layout_report_new ();
  g_autoptr(GString) labels = g_string_new (NULL);
  PwRunConfig cfg;
  guint64 frames[PW_COMPARE_MAX_FRAMES];
  guint n, n_policies;
  const PwPolicy *all = pw_compare_all_policies (&n_policies);
  PwCompare *cmp;
  PwMachine *m;
  static const double widths[] = { 1280, 1600 };

  g_assert_no_error (error);
  for (guint i = 0; i < 100; i++)
    g_string_append_printf (text, "r 0x%x000\n", 1 + (i * 7 + i / 3) % 5);
  g_assert_true (g_file_set_contents (trace, text->str, -1, &error));
  pw_run_config_init (&cfg);
  cfg.trace_path = trace;
  run = pw_run_new (sc, &cfg, NULL, &error);
  g_assert_no_error (error);
  n = pw_compare_sweep_frames (run, frames, NULL, &error);
  g_assert_no_error (error);
  cmp = pw_compare_run (run, all, n_policies, frames, n, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cmp->n_refs, ==, 0);
  g_assert_cmpuint (cmp->results[0].accesses, ==, 112);
  m = pw_run_machine_new (run, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      PwRenderOptions o;
      cairo_surface_t *s;
      cairo_t *cr;
      double h;

      pw_render_options_init (&o);
      o.view = PW_VIEW_COMPARE;
      o.compare = cmp;
      o.layout_report = r;
      pw_layout_report_clear (r);
      pw_render_measure (m, &o, widths[i], &h);
      s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) widths[i], (int) h);
      cr = cairo_create (s);
      pw_render_draw (cr, m, &o, widths[i], h, NULL);
      cairo_destroy (cr);
      cairo_surface_destroy (s);
      g_assert_cmpuint (pw_layout_report_n_serious (r), ==, 0);
    }
  for (guint i = 0; i < r->boxes->len; i++)
    g_string_append_printf (labels, "%s\n", g_array_index (r->boxes, PwLabelBox, i).text);
  g_assert_nonnull (strstr (labels->str, "112 references: too many for tables of frames over time (at most 40)"));
  g_assert_null (strstr (labels->str, "frame 1"));
  pw_machine_free (m);
  pw_compare_free (cmp);
  g_unlink (trace);
  g_rmdir (dir);
}

/* ---- the desktop's text scale ------------------------------------------------ */

/* The box of the first label whose text is @text, or NULL. */
static const PwLayoutProblem *
label_box (const PwLayoutReport *r,
           const char           *text)
{
  for (guint i = 0; i < pw_layout_report_size (r); i++)
    if (g_strcmp0 (pw_layout_report_get (r, i)->text, text) == 0)
      return pw_layout_report_get (r, i);
  return NULL;
}

/* Large Text (text_scale 1.5): the same labels, half as large again in the
 * caller's pixels, the figure laid out around them (the page of the seed
 * is taller by as much), and every view of every example still whole. */
static void
test_text_scale (void)
{
  g_autoptr(PwHitMap) map = pw_hit_map_new ();
  g_autoptr(PwLayoutReport) r = pw_layout_report_new ();
  g_autoptr(GString) problems = g_string_new (NULL);
  PwExampleInfo **list = pw_examples_list ();
  double label_h[2] = { 0, 0 }, page_h[2] = { 0, 0 }, height[2] = { 0, 0 };

  for (guint k = 0; k < 2; k++)
    {
      Fixture f;
      cairo_surface_t *s;

      fixture_load (&f, "seed", -1);
      f.width = 1280;
      f.o.view = PW_VIEW_VASPACE;
      f.o.text_scale = k ? 1.5 : 1.0;
      f.o.layout_report = r;
      s = draw_png (&f, map, &height[k]);
      for (guint i = 0; i < pw_hit_map_size (map); i++)
        if (pw_hit_map_get (map, i)->kind == PW_HIT_PAGE && pw_hit_map_get (map, i)->vpn == 2)
          page_h[k] = pw_hit_map_get (map, i)->height;
      /* the column's heading, as the report boxed it (in the caller's pixels) */
      for (guint i = 0; i < r->boxes->len; i++)
        {
          const PwLabelBox *b = &g_array_index (r->boxes, PwLabelBox, i);
          if (g_strcmp0 (b->text, "pid 1 · program") == 0)
            label_h[k] = b->h;
        }
      g_assert_null (label_box (r, "pid 1 · program"));
      cairo_surface_destroy (s);
      fixture_clear (&f);
    }
  g_assert_cmpfloat (label_h[0], >, 0);
  g_assert_cmpfloat_with_epsilon (label_h[1] / label_h[0], 1.5, 0.01);
  g_assert_cmpfloat (page_h[0], >, 0);
  g_assert_cmpfloat_with_epsilon (page_h[1] / page_h[0], 1.5, 0.01);
  g_assert_cmpfloat (height[1], >, height[0] * 1.3);

  /* at 1920 pixels the views are laid out 1280 wide, at 1280 pixels 853
   * wide (the overview and the walk at their designed width, scaled): every
   * one whole */
  for (guint i = 0; list[i] != NULL; i++)
    for (guint v = 0; v < PW_N_VIEWS; v++)
      for (guint w = 0; w < 2; w++)
        {
          g_autofree char *what = g_strdup_printf ("%s %s %s text-scale 1.5", list[i]->name,
                                                   pw_view_name (v), w ? "1280" : "1920");
          g_autofree char *lines = NULL;
          Fixture f;
          cairo_surface_t *s;

          fixture_load (&f, list[i]->name, -1);
          f.width = w ? 1280 : 1920;
          f.o.view = v;
          f.o.text_scale = 1.5;
          f.o.layout_report = r;
          pw_layout_report_clear (r);
          s = draw_png (&f, NULL, NULL);
          if (w == 0 || v != PW_VIEW_OVERVIEW)
            lines = layout_report_text (r, what);
          else
            /* the overview is laid out at its designed 1200 units there,
             * where some of the walk's labels touch, as in an export 1200 wide: nothing
             * cut off */
            for (guint k = 0; k < pw_layout_report_size (r); k++)
              {
                const PwLayoutProblem *p = pw_layout_report_get (r, k);
                if (p->kind == PW_LAYOUT_CLIPPED || (p->kind == PW_LAYOUT_SHORTENED && p->has_number))
                  g_string_append_printf (problems, "%s: %s “%s”\n", what, pw_layout_kind_name (p->kind), p->text);
              }
          if (lines)
            g_string_append (problems, lines);
          cairo_surface_destroy (s);
          fixture_clear (&f);
        }
  pw_examples_free (list);
  g_assert_cmpstr (problems->str, ==, "");
}

/* ---- semantic zoom ------------------------------------------------------------ */

/* A small region of 4 pages (one with known bytes) and a bigger one of 64
 * pages, 48 of them in memory. */
static const char zoom_scenario[] =
  "{ \"pagewalk\": 1, \"title\": \"zoom\", \"arch\": \"seed\","
  "  \"frame_image\": [ { \"frame\": \"0x109\", \"hex\": \"48656c6c6f\" } ],"
  "  \"processes\": [ { \"pid\": 1, \"name\": \"zoom\","
  "    \"regions\": [ { \"start\": \"0x0\", \"size\": \"16KiB\", \"state\": \"committed\","
  "                     \"prot\": \"rw-\", \"name\": \"small\" },"
  "                   { \"start\": \"0x100000\", \"size\": \"256KiB\", \"state\": \"committed\","
  "                     \"prot\": \"rw-\", \"name\": \"big\" } ],"
  "    \"map\": [ { \"page\": \"0x2\", \"frame\": \"0x109\" },"
  "             { \"page\": \"0x100\", \"frame\": \"0x200\", \"pages\": 48 } ] } ] }";

/* Draws @view of @m at @width units and @scale device pixels a unit, as
 * the app does at that zoom; the layout self-check must find nothing
 * serious. */
static void
draw_zoomed_with (PwMachine             *m,
                  const PwRenderOptions *base,
                  PwView                 view,
                  double                 width,
                  double                 scale,
                  PwHitMap              *hits)
{
  g_autoptr(PwLayoutReport) r = pw_layout_report_new ();
  g_autofree char *what = g_strdup_printf ("%s at %.0f × %.0f", pw_view_name (view), width, scale);
  g_autofree char *lines = NULL;
  PwRenderOptions o;
  cairo_surface_t *s;
  cairo_t *cr;
  double h;

  if (base != NULL)
    o = *base;
  else
    pw_render_options_init (&o);
  o.view = view;
  o.scale = scale;
  o.layout_report = r;
  pw_render_measure (m, &o, width, &h);
  s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) (width * scale), (int) (h * scale));
  cr = cairo_create (s);
  cairo_scale (cr, scale, scale);
  pw_render_draw (cr, m, &o, width, h, hits);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (s);
  lines = layout_report_text (r, what);
  g_assert_cmpstr (lines, ==, "");
}

static void
draw_zoomed (PwMachine *m,
             PwView     view,
             double     width,
             double     scale,
             PwHitMap  *hits)
{
  draw_zoomed_with (m, NULL, view, width, scale, hits);
}

/* Pages of [@first, @first + @n) drawn one by one (count 1), and hits
 * standing for several of them. */
static void
count_page_hits (PwHitMap *map,
                 guint64   first,
                 guint64   n,
                 guint    *single,
                 guint    *runs)
{
  *single = *runs = 0;
  for (guint i = 0; i < pw_hit_map_size (map); i++)
    {
      const PwHit *h = pw_hit_map_get (map, i);
      if (h->kind != PW_HIT_PAGE || h->vpn < first || h->vpn >= first + n)
        continue;
      if (h->count == 1)
        (*single)++;
      else
        (*runs)++;
    }
}

static const PwHit *
find_byte (PwHitMap *map,
           guint64   frame,
           guint64   index)
{
  for (guint i = 0; i < pw_hit_map_size (map); i++)
    {
      const PwHit *h = pw_hit_map_get (map, i);
      if (h->kind == PW_HIT_BYTE && h->frame == frame && h->index == index)
        return h;
    }
  return NULL;
}

/* The address space zoomed: at 100 % the 64-page region is binned into
 * rows standing for several pages, at 400 % (a quarter of the width, four
 * device pixels a unit, as the app at 400 %) each of its 48 resident pages
 * is a mark of its own; the 4-page region's pages carry labels from 100 %
 * and, from 200 %, the bytes of the frame memory holds (frame 0x109:
 * "Hello"), each byte found where it is drawn, inside its page. */
static void
test_zoom_vaspace_levels (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwHitMap) map = pw_hit_map_new ();
  PwScenario *sc = pw_scenario_load_data (zoom_scenario, sizeof zoom_scenario - 1, "zoom", &error);
  PwMachine *m;
  guint single, runs;
  const PwHit *byte, *got;

  g_assert_no_error (error);
  m = pw_machine_new (sc, &error);
  g_assert_no_error (error);

  /* 100 %: aggregated, no bytes */
  draw_zoomed (m, PW_VIEW_VASPACE, 1200, 1, map);
  count_page_hits (map, 0x100, 64, &single, &runs);
  g_assert_cmpuint (runs, >, 0);
  g_assert_cmpuint (single + runs, <, 48);
  count_page_hits (map, 0, 4, &single, &runs);
  g_assert_cmpuint (single, ==, 1);
  g_assert_null (find_byte (map, 0x109, 0));

  /* 400 %: a page each */
  draw_zoomed (m, PW_VIEW_VASPACE, 300, 4, map);
  count_page_hits (map, 0x100, 64, &single, &runs);
  g_assert_cmpuint (single, ==, 48);
  g_assert_cmpuint (runs, ==, 0);

  /* 200 % and 400 %: the bytes, inside their page */
  for (guint k = 0; k < 2; k++)
    {
      draw_zoomed (m, PW_VIEW_VASPACE, k ? 300 : 600, k ? 4 : 2, map);
      byte = find_byte (map, 0x109, 0);
      g_assert_nonnull (byte);
      g_assert_cmphex (byte->entry, ==, 0x48);
      g_assert_cmpuint (byte->pid, ==, 1);
      g_assert_cmphex (byte->vpn, ==, 0x2);
      got = pw_hit_map_lookup (map, byte->x + byte->width / 2, byte->y + byte->height / 2);
      g_assert_nonnull (got);
      g_assert_cmpint (got->kind, ==, PW_HIT_BYTE);
      g_assert_cmphex (got->index, ==, 0);
      g_assert_nonnull (find_byte (map, 0x109, 4));
      g_assert_cmphex (find_byte (map, 0x109, 4)->entry, ==, 0x6f);
      for (guint i = 0; i < pw_hit_map_size (map); i++)
        {
          const PwHit *h = pw_hit_map_get (map, i);
          if (h->kind == PW_HIT_PAGE && h->vpn == 0x2)
            {
              g_assert_cmpfloat (h->y, <=, byte->y);
              g_assert_cmpfloat (byte->y + byte->height, <=, h->y + h->height);
            }
        }
      /* a frame memory does not hold shows no bytes */
      g_assert_null (find_byte (map, 0x200, 0));
    }

  pw_machine_free (m);
  pw_scenario_free (sc);
}

/* Physical memory zoomed: from 200 % the frames in use show their entries
 * (the seed's page table, decoded: entry 2 leads to frame 0x109) and their
 * bytes, at 100 % neither. */
static void
test_zoom_physical_levels (void)
{
  g_autoptr(PwHitMap) map = pw_hit_map_new ();
  Fixture f;
  gboolean entry = FALSE;

  fixture_load (&f, "seed", 0);
  for (guint k = 0; k < 3; k++)
    {
      static const double widths[] = { 1200, 600, 300 }, scales[] = { 1, 2, 4 };
      const PwHit *byte;

      draw_zoomed (f.m, PW_VIEW_PHYSICAL, widths[k], scales[k], map);
      byte = find_byte (map, 0x109, 0);
      entry = FALSE;
      for (guint i = 0; i < pw_hit_map_size (map); i++)
        {
          const PwHit *h = pw_hit_map_get (map, i);
          if (h->kind == PW_HIT_ENTRY && h->index == 2)
            {
              g_assert_cmphex (h->frame, ==, 0xffc0);
              g_assert_cmphex (h->entry >> 12, ==, 0x109);
              entry = TRUE;
            }
        }
      if (k == 0)
        {
          g_assert_null (byte);
          g_assert_false (entry);
          continue;
        }
      g_assert_true (entry);
      g_assert_nonnull (byte);
      g_assert_cmphex (byte->entry, ==, 0x48);
      g_assert_cmpuint (byte->pid, ==, 1);
    }
  fixture_clear (&f);

  /* x86-64: too many runs to list; zoomed in, the frames of the walk shown:
   * its PML4 entry 0 leads to the PDPT at frame 0xffffe */
  fixture_load (&f, "x86-64", -1);
  draw_zoomed_with (f.m, &f.o, PW_VIEW_PHYSICAL, 1200, 1, map);
  for (guint i = 0; i < pw_hit_map_size (map); i++)
    g_assert_cmpint (pw_hit_map_get (map, i)->kind, !=, PW_HIT_ENTRY);
  draw_zoomed_with (f.m, &f.o, PW_VIEW_PHYSICAL, 600, 2, map);
  entry = FALSE;
  for (guint i = 0; i < pw_hit_map_size (map); i++)
    {
      const PwHit *h = pw_hit_map_get (map, i);
      if (h->kind == PW_HIT_ENTRY && h->frame == 0xfffff && h->index == 0)
        {
          g_assert_cmphex (h->entry >> 12, ==, 0xffffe);
          entry = TRUE;
        }
    }
  g_assert_true (entry);
  fixture_clear (&f);
}

/* Every example's address spaces and physical memory zoomed to 200 % and
 * 400 % of a 1280-pixel window (bytes, entries, pages one by one): no
 * number shortened or cut off, no labels over one another. */
static void
test_zoom_every_example (void)
{
  static const double widths[] = { 640, 320 }, scales[] = { 2, 4 };
  static const PwView views[] = { PW_VIEW_VASPACE, PW_VIEW_PHYSICAL };
  PwExampleInfo **list = pw_examples_list ();

  for (guint i = 0; list[i] != NULL; i++)
    for (guint v = 0; v < G_N_ELEMENTS (views); v++)
      for (guint k = 0; k < G_N_ELEMENTS (widths); k++)
        {
          g_autoptr(PwHitMap) map = pw_hit_map_new ();
          Fixture f;

          fixture_load (&f, list[i]->name, -1);
          g_test_message ("%s %s at %.0f %%", list[i]->name, pw_view_name (views[v]), scales[k] * 100);
          draw_zoomed_with (f.m, &f.o, views[v], widths[k], scales[k], map);
          g_assert_cmpuint (pw_hit_map_size (map), >, 0);
          fixture_clear (&f);
        }
  pw_examples_free (list);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (ref_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/render/reference/%s", ref_cases[i].name);
      g_test_add_data_func (path, &ref_cases[i], test_reference);
    }
  {
    PwExampleInfo **list = pw_examples_list ();
    for (guint i = 0; list[i] != NULL; i++)
      for (guint v = 0; v < PW_N_VIEWS; v++)
        {
          ExampleCase *ec = g_new0 (ExampleCase, 1);
          g_autofree char *path = NULL;

          ec->example = g_strdup (list[i]->name);
          ec->view = v;
          ec->name = g_strdup_printf ("examples/%s-%s", list[i]->name, pw_view_name (v));
          path = g_strdup_printf ("/render/reference/%s/%s", list[i]->name, pw_view_name (v));
          g_test_add_data_func_full (path, ec, test_example_reference, example_case_free);
        }
    pw_examples_free (list);
  }
  g_test_add_func ("/render/failed-step", test_failed_step_notice);
  g_test_add_func ("/render/first-access", test_first_access);
  g_test_add_func ("/render/present", test_present);
  g_test_add_func ("/render/present/description", test_present_description);
  g_test_add_func ("/render/deterministic", test_deterministic);
  g_test_add_func ("/render/svg/well-formed", test_svg);
  g_test_add_func ("/render/pdf/text", test_pdf_text);
  g_test_add_func ("/render/hits/walk", test_hits_walk);
  g_test_add_func ("/render/hits/physical", test_hits_physical);
  g_test_add_func ("/render/hits/vaspace", test_hits_vaspace);
  g_test_add_func ("/render/hits/pagetable", test_hits_pagetable);
  g_test_add_func ("/render/animation/narration", test_narration);
  g_test_add_func ("/render/animation/frames", test_animation_frames);
  g_test_add_func ("/render/names", test_names);
  g_test_add_func ("/render/defects/narration", test_defect_narration);
  g_test_add_func ("/render/defects/exec-on-disk", test_defect_exec_on_disk);
  g_test_add_func ("/render/defects/tlb-hit", test_defect_tlb_hit);
  g_test_add_func ("/render/defects/entry-value", test_defect_entry_value);
  g_test_add_func ("/render/defects/labels", test_defect_labels);
  g_test_add_func ("/render/overview/columns", test_overview_columns);
  g_test_add_func ("/render/overview/shared", test_overview_shared);
  g_test_add_func ("/render/overview/rows", test_overview_rows);
  g_test_add_func ("/render/overview/fold", test_overview_fold);
  g_test_add_func ("/render/overview/fault-words", test_overview_fault_words);
  g_test_add_func ("/render/overview/kernel-panel", test_overview_kernel_panel);
  g_test_add_func ("/render/lab/every-step", test_lab_every_step);
  g_test_add_func ("/render/overview/tlb-badge", test_overview_tlb_badge);
  g_test_add_func ("/render/contrast/pairs", test_contrast_pairs);
  g_test_add_func ("/render/contrast/high-contrast", test_contrast_high_theme);
  g_test_add_func ("/render/contrast/export", test_contrast_export);
  for (guint i = 0; i < G_N_ELEMENTS (contrast_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/render/reference/%s", contrast_cases[i].name);
      g_test_add_data_func (path, &contrast_cases[i], test_reference);
    }
  g_test_add_func ("/render/animation/before-step", test_before_step);
  g_test_add_func ("/render/layout/shortened", test_layout_check_shortened);
  g_test_add_func ("/render/layout/overlap", test_layout_check_overlap);
  g_test_add_func ("/render/layout/crowded", test_layout_check_crowded);
  g_test_add_func ("/render/physical/counts-in-words", test_physical_counts_words);
  g_test_add_func ("/render/disk/more-slots", test_disk_more_slots);
  g_test_add_func ("/render/vaspace/labels-clear", test_vaspace_labels_clear);
  g_test_add_func ("/render/layout/every-example", test_layout_every_example);
  g_test_add_func ("/render/layout/every-step", test_layout_every_step);
  g_test_add_func ("/render/lifecycle/layout", test_lifecycle_layout);
  g_test_add_func ("/render/lifecycle/text", test_lifecycle_text);
  g_test_add_func ("/render/lifecycle/hits", test_lifecycle_hits);
  g_test_add_func ("/render/lifecycle/narration", test_lifecycle_narration);
  g_test_add_func ("/render/inspector/select-frame", test_inspector_select_frame);
  g_test_add_func ("/render/inspector/select-entry", test_inspector_select_entry);
  g_test_add_func ("/render/inspector/select-large-frame", test_inspector_select_large_frame);
  g_test_add_func ("/render/prefs/decimal-base", test_prefs_decimal_base);
  g_test_add_func ("/render/lab/victim-is-next-evicted", lab_victim_is_next_evicted);
  g_test_add_func ("/render/lab/layout-every-step", lab_layout_every_step);
  g_test_add_func ("/render/compare/view-text", compare_view_text);
  g_test_add_func ("/render/compare/long-run", compare_long_run);
  g_test_add_func ("/render/text-scale", test_text_scale);
  g_test_add_func ("/render/zoom/vaspace-levels", test_zoom_vaspace_levels);
  g_test_add_func ("/render/zoom/physical-levels", test_zoom_physical_levels);
  g_test_add_func ("/render/zoom/every-example", test_zoom_every_example);
  return g_test_run ();
}

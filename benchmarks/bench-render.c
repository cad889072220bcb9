/* bench-render.c: milliseconds to draw each view
 *
 * The built-in examples should draw each view in under 5 ms; a stress
 * scenario (x86-64, 4 GiB of physical memory in use, thousands of regions
 * in four processes) every view in under 16 ms.  The address spaces and
 * physical memory are also drawn zoomed to 400 % (400 units wide, four
 * device pixels a unit: the app's canvas at 400 % in a 1600-pixel window),
 * where pages become marks of their own and frames show their bytes.
 *
 *   bench-render [RUNS]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bench-render"

#include "config.h"

#include <stdlib.h>
#include <time.h>
#include <string.h>

#include <glib.h>
#include <cairo.h>

#include "pw-machine.h"
#include "pw-render.h"
#include "pw-scenario.h"

#define STRESS_PROCS    4
#define STRESS_REGIONS  510      /* per process, 2 MiB each: 2040 regions, 1044480 pages */
#define STRESS_PAGES    512

static char *
stress_json (void)
{
  GString *s = g_string_new (NULL);
  guint64 frame = 0;

  g_string_append (s, "{ \"pagewalk\": 1, \"title\": \"stress\", \"arch\": \"x86-64\",\n"
                      "  \"memory\": { \"size\": \"4GiB\" }, \"disk\": { \"slots\": 4096 },\n"
                      "  \"tlb\": { \"entries\": 64, \"ways\": 4 },\n  \"processes\": [\n");
  for (guint p = 0; p < STRESS_PROCS; p++)
    {
      g_string_append_printf (s, "%s    { \"pid\": %u, \"name\": \"p%u\", \"regions\": [\n",
                              p ? ",\n" : "", p + 1, p + 1);
      for (guint r = 0; r < STRESS_REGIONS; r++)
        g_string_append_printf (s, "%s      { \"start\": \"0x%" G_GINT64_MODIFIER "x\", \"size\": \"2MiB\", "
                                   "\"state\": \"committed\", \"prot\": \"rw-\", \"name\": \"r%u\" }",
                                r ? ",\n" : "", (guint64) 0x10000000 + (guint64) r * 0x400000, r);
      g_string_append (s, " ],\n      \"map\": [\n");
      for (guint r = 0; r < STRESS_REGIONS; r++)
        {
          g_string_append_printf (s, "%s      { \"va\": \"0x%" G_GINT64_MODIFIER "x\", \"frame\": \"0x%"
                                     G_GINT64_MODIFIER "x\", \"pages\": %u }",
                                  r ? ",\n" : "", (guint64) 0x10000000 + (guint64) r * 0x400000, frame,
                                  STRESS_PAGES);
          frame += STRESS_PAGES;
        }
      g_string_append (s, " ] }");
    }
  g_string_append (s, "\n  ],\n  \"steps\": [ \"r 1 0x10000123\" ]\n}\n");
  return g_string_free (s, FALSE);
}

/* CPU time of this thread, in microseconds: the drawing's own cost, not
 * disturbed by other programs sharing the machine. */
static gint64
cpu_us (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static double
time_view (PwMachine             *m,
           const PwRenderOptions *o,
           double                 width,
           int                    runs)
{
  double height, best = G_MAXDOUBLE;
  cairo_surface_t *s;

  pw_render_measure (m, o, width, &height);
  /* zoomed in, what a 1600×1000 window shows of it (the app's canvas draws
   * into GTK's recording of the whole figure, which is rasterised where it
   * is seen) */
  s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) MIN (width * o->scale, 1600),
                                  (int) MIN (height * o->scale, o->scale > 1 ? 1000 : 1e6));
  for (int i = 0; i < runs; i++)
    {
      cairo_t *cr = cairo_create (s);
      gint64 t0 = cpu_us ();
      cairo_scale (cr, o->scale, o->scale);
      pw_render_draw (cr, m, o, width, height, NULL);
      cairo_surface_flush (s);
      best = MIN (best, (cpu_us () - t0) / 1000.0);
      cairo_destroy (cr);
    }
  cairo_surface_destroy (s);
  return best;
}

static gboolean
bench (const char *label,
       PwScenario *sc,
       double      budget,
       int         runs)
{
  g_autoptr(GError) error = NULL;
  PwMachine *m = pw_machine_new (sc, &error);
  PwRenderOptions o;
  gboolean ok = TRUE;

  if (m == NULL)
    {
      g_printerr ("%s: %s\n", label, error->message);
      return FALSE;
    }
  pw_render_options_init (&o);
  for (guint i = 0; i < sc->steps->len; i++)
    {
      const PwStep *st = &g_array_index (sc->steps, PwStep, i);
      if (st->kind == PW_STEP_ACCESS)
        {
          guint pid = st->pid ? st->pid : pw_machine_process (m, 0)->pid;
          o.has_walk = pw_machine_translate (m, pid, st->va, st->access, PW_MODE_USER, &o.walk, NULL);
          o.walk_pid = pid;
          break;
        }
    }
  for (guint v = 0; v < PW_N_VIEWS; v++)
    {
      double width = v == PW_VIEW_OVERVIEW ? 1600 : 1200, ms;
      o.view = v;
      ms = time_view (m, &o, width, runs);
      ok = ok && ms < budget;
      g_print ("%-8s %-15s %8.2f ms  %s\n", label, pw_view_name (v), ms,
               ms < budget ? "ok" : "OVER BUDGET");
    }
  /* zoomed to 400 % */
  for (guint k = 0; k < 2; k++)
    {
      g_autofree char *name = NULL;
      double ms;

      o.view = k ? PW_VIEW_PHYSICAL : PW_VIEW_VASPACE;
      o.scale = 4;
      name = g_strdup_printf ("%s@400%%", pw_view_name (o.view));
      ms = time_view (m, &o, 400, runs);
      ok = ok && ms < budget;
      g_print ("%-8s %-15s %8.2f ms  %s\n", label, name, ms, ms < budget ? "ok" : "OVER BUDGET");
    }
  pw_machine_free (m);
  return ok;
}

int
main (int    argc,
      char **argv)
{
  int runs = argc > 1 ? MAX (1, atoi (argv[1])) : 20;
  const char *examples[] = { "seed", "x86-64" };
  gboolean ok = TRUE;

  g_print ("CPU time, best of %d runs; budget 5 ms per view for the examples, 16 ms for the stress scenario\n", runs);
  for (guint i = 0; i < G_N_ELEMENTS (examples); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PwScenario) sc = pw_scenario_load (examples[i], &error);
      if (sc == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      ok = bench (examples[i], sc, 5, runs) && ok;
    }
  {
    g_autofree char *json = stress_json ();
    g_autoptr(GError) error = NULL;
    gint64 t0 = g_get_monotonic_time ();
    g_autoptr(PwScenario) sc = pw_scenario_load_data (json, strlen (json), "stress", &error);
    if (sc == NULL)
      {
        g_printerr ("%s\n", error->message);
        return 1;
      }
    g_print ("stress scenario loaded in %.0f ms (%u processes, %u regions each, %u pages each)\n",
             (g_get_monotonic_time () - t0) / 1000.0, STRESS_PROCS, STRESS_REGIONS,
             STRESS_REGIONS * STRESS_PAGES);
    ok = bench ("stress", sc, 16, MAX (runs / 4, 3)) && ok;
  }
  return ok ? 0 : 1;
}

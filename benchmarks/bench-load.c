/* bench-load.c: load and set-up times of large scenarios
 *
 * First, the load time of a 50 MB raw-mode scenario (issue 2): an x86-64
 * scenario whose root table and page tables are given as frame_image hex,
 * mapping thousands of data frames whose 4 KiB contents are given too;
 * pw_scenario_load_data() (parse, check, set up a machine) and one walk.
 *
 * Then the kernel's set-up alone (pw_machine_new() on a scenario already
 * parsed) of four files built to be large where set-up could be quadratic:
 * 40,000 processes, 100,000 regions, a million `map` entries and a million
 * frame images, each given in a shuffled order (pids, addresses, frames).
 * Set-up should take about a second each, in memory proportional to the file.
 *
 * Usage: bench-load [MEGABYTES] (default 50) [SCALE] (default 1: the sizes
 * above; 0.1 for a tenth) [CASE] (only that set-up case: "processes",
 * "regions", "map entries" or "frame images")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include "pw-machine.h"
#include "pw-scenario.h"

/* 0..n-1 in a seeded random order */
static guint64 *
shuffled (guint64 n,
          guint32 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  guint64 *v = g_new (guint64, MAX (n, 1));

  for (guint64 i = 0; i < n; i++)
    v[i] = i;
  for (guint64 i = n; i > 1; i--)
    {
      guint64 j = (guint64) g_rand_double_range (rand, 0, (double) i);
      guint64 t = v[i - 1];
      v[i - 1] = v[j];
      v[j] = t;
    }
  return v;
}

/* user + system CPU seconds so far (the machine may be shared) */
static double
cpu_s (void)
{
  struct rusage ru;
  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_utime.tv_sec + ru.ru_stime.tv_sec
         + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

static long
peak_mib (void)
{
  struct rusage ru;
  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_maxrss / 1024;
}

/* Parses @json (timed, for information: the parser sets up a machine too)
 * then times pw_machine_new() on the parsed scenario. */
static const char *only;   /* the one set-up case to run, or NULL */

static void
time_setup (const char *what,
            GString    *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwScenario) sc = NULL;
  gint64 t0, t1, t2;
  double c1, c2;
  PwMachine *m;
  long before;

  if (only != NULL && !g_str_equal (only, what))
    return;
  t0 = g_get_monotonic_time ();
  sc = pw_scenario_load_data (json->str, json->len, "setup.pagewalk", &error);
  t1 = g_get_monotonic_time ();
  if (sc == NULL)
    g_error ("%s: %s", what, error->message);
  before = peak_mib ();
  c1 = cpu_s ();
  m = pw_machine_new (sc, &error);
  t2 = g_get_monotonic_time ();
  c2 = cpu_s ();
  g_assert_no_error (error);
  printf ("%-14s %6.1f MB of JSON: loaded in %6.3f s, set up in %6.3f s (%.3f s CPU, "
          "%" G_GUINT64_FORMAT " processes), peak memory %ld MiB (%ld before set-up)\n",
          what, json->len / 1e6, (t1 - t0) / 1e6, (t2 - t1) / 1e6, c2 - c1,
          (guint64) pw_machine_n_processes (m), peak_mib (), before);
  pw_machine_free (m);
}

static void
bench_setup (double scale)
{
  guint64 n_procs = (guint64) (40000 * scale), n_regions = (guint64) (100000 * scale);
  guint64 n_maps = (guint64) (1000000 * scale), n_images = (guint64) (1000000 * scale);
  g_autofree guint64 *order = NULL, *frames = NULL;
  GString *s;

  /* 40,000 processes, pids shuffled */
  order = shuffled (n_procs, 1);
  s = g_string_new ("{ \"pagewalk\": 1, \"arch\": \"x86-64\", \"processes\": [");
  for (guint64 i = 0; i < n_procs; i++)
    g_string_append_printf (s, "%s\n { \"pid\": %" G_GUINT64_FORMAT ", \"regions\": [ { \"start\": 0, "
                            "\"size\": 4096, \"state\": \"committed\", \"prot\": \"rw-\" } ] }",
                            i ? "," : "", order[i] + 1);
  g_string_append (s, " ] }");
  time_setup ("processes", s);
  g_string_free (s, TRUE);
  g_clear_pointer (&order, g_free);

  /* 100,000 regions of one process, in a shuffled order */
  order = shuffled (n_regions, 2);
  s = g_string_new ("{ \"pagewalk\": 1, \"arch\": \"x86-64\", \"processes\": [ { \"pid\": 1, \"regions\": [");
  for (guint64 i = 0; i < n_regions; i++)
    g_string_append_printf (s, "%s\n { \"start\": \"0x%" G_GINT64_MODIFIER "x\", \"size\": 4096, "
                            "\"state\": \"committed\", \"prot\": \"rw-\" }",
                            i ? "," : "", order[i] * 0x2000);
  g_string_append (s, " ] } ] }");
  time_setup ("regions", s);
  g_string_free (s, TRUE);
  g_clear_pointer (&order, g_free);

  /* a million pins outside every region (each implies one), addresses and
   * frames shuffled */
  order = shuffled (n_maps, 3);
  frames = shuffled (n_maps, 4);
  s = g_string_new ("{ \"pagewalk\": 1, \"arch\": \"x86-64\", \"memory\": { \"size\": \"16GiB\" },\n"
                    "  \"processes\": [ { \"pid\": 1, \"map\": [");
  for (guint64 i = 0; i < n_maps; i++)
    g_string_append_printf (s, "%s\n { \"page\": %" G_GUINT64_FORMAT ", \"frame\": %" G_GUINT64_FORMAT " }",
                            i ? "," : "", 2 * order[i], 0x1000 + frames[i]);
  g_string_append (s, " ] } ] }");
  time_setup ("map entries", s);
  g_string_free (s, TRUE);
  g_clear_pointer (&order, g_free);
  g_clear_pointer (&frames, g_free);

  /* a million frame images, frames shuffled */
  frames = shuffled (n_images, 5);
  s = g_string_new ("{ \"pagewalk\": 1, \"arch\": \"x86-64\", \"memory\": { \"size\": \"16GiB\" },\n"
                    "  \"frame_image\": [");
  for (guint64 i = 0; i < n_images; i++)
    g_string_append_printf (s, "%s\n { \"frame\": %" G_GUINT64_FORMAT ", \"hex\": \"0102\" }",
                            i ? "," : "", 2 * frames[i]);
  g_string_append (s, " ],\n  \"processes\": [ { \"pid\": 1 } ] }");
  time_setup ("frame images", s);
  g_string_free (s, TRUE);
}

static void
append_frame (GString       *s,
              guint64        frame,
              const guint8  *bytes,
              gsize          n,
              gboolean       first)
{
  static const char hex[] = "0123456789abcdef";
  g_string_append_printf (s, "%s\n    { \"frame\": \"0x%" G_GINT64_MODIFIER "x\", \"hex\": \"",
                          first ? "" : ",", frame);
  for (gsize i = 0; i < n; i++)
    {
      g_string_append_c (s, hex[bytes[i] >> 4]);
      g_string_append_c (s, hex[bytes[i] & 15]);
    }
  g_string_append (s, "\" }");
}

int
main (int    argc,
      char **argv)
{
  guint64 mb = argc > 1 ? g_ascii_strtoull (argv[1], NULL, 10) : 50;
  guint64 n_data = mb * 1000 * 1000 / 8250;   /* one 4 KiB page is ~8.2 KB of JSON */
  guint64 n_pt = (n_data + 511) / 512;
  GString *s = g_string_sized_new (mb * 1000 * 1000 + 4096);
  guint8 page[4096];
  guint64 root = 0x100000, pdpt = root + 1, pd = root + 2, pt0 = root + 3;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwScenario) sc = NULL;
  gint64 t0, t1;
  struct rusage ru;
  PwWalk w;
  PwMachine *m;

  g_assert (n_pt <= 512);
  g_string_append (s, "{ \"pagewalk\": 1, \"title\": \"raw\", \"arch\": \"x86-64\",\n"
                      "  \"memory\": { \"size\": \"8GiB\" },\n  \"frame_image\": [");
  /* PML4[0] -> PDPT, PDPT[0] -> PD, PD[i] -> PT i, PT entries -> data frames 0x1000.. */
  memset (page, 0, sizeof page);
  *(guint64 *) page = (pdpt << 12) | 0x7;
  append_frame (s, root, page, 8, TRUE);
  *(guint64 *) page = (pd << 12) | 0x7;
  append_frame (s, pdpt, page, 8, FALSE);
  memset (page, 0, sizeof page);
  for (guint64 i = 0; i < n_pt; i++)
    ((guint64 *) page)[i] = ((pt0 + i) << 12) | 0x7;
  append_frame (s, pd, page, n_pt * 8, FALSE);
  for (guint64 t = 0; t < n_pt; t++)
    {
      memset (page, 0, sizeof page);
      for (guint64 i = 0; i < 512 && t * 512 + i < n_data; i++)
        ((guint64 *) page)[i] = ((0x1000 + t * 512 + i) << 12) | 0x7;
      append_frame (s, pt0 + t, page, sizeof page, FALSE);
    }
  for (guint64 d = 0; d < n_data; d++)
    {
      for (gsize i = 0; i < sizeof page; i++)
        page[i] = (guint8) (d * 31 + i * 7);
      append_frame (s, 0x1000 + d, page, sizeof page, FALSE);
    }
  g_string_append_printf (s, "\n  ],\n  \"processes\": [ { \"pid\": 1, \"root\": \"0x%"
                          G_GINT64_MODIFIER "x\" } ]\n}\n", root);

  t0 = g_get_monotonic_time ();
  sc = pw_scenario_load_data (s->str, s->len, "raw.pagewalk", &error);
  t1 = g_get_monotonic_time ();
  g_assert_no_error (error);

  m = pw_machine_new (sc, &error);
  g_assert_no_error (error);
  pw_machine_translate (m, 1, ((n_data - 1) << 12) | 0x123, PW_ACCESS_READ, PW_MODE_USER, &w, NULL);
  g_assert_cmpint (w.fault, ==, PW_FAULT_NONE);
  g_assert_cmpuint (w.pa, ==, ((0x1000 + n_data - 1) << 12) | 0x123);
  getrusage (RUSAGE_SELF, &ru);
  printf ("raw-mode scenario: %.1f MB of JSON, %" G_GUINT64_FORMAT " frame images: loaded in %.3f s"
          " (%.0f MB/s), peak memory %.0f MiB\n",
          s->len / 1e6, n_data + n_pt + 3, (t1 - t0) / 1e6, s->len / 1e6 / ((t1 - t0) / 1e6),
          ru.ru_maxrss / 1024.0);
  pw_machine_free (m);
  g_string_free (s, TRUE);
  only = argc > 3 ? argv[3] : NULL;
  bench_setup (argc > 2 ? g_ascii_strtod (argv[2], NULL) : 1.0);
  return 0;
}

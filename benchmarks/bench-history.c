/* bench-history.c: stepping backwards through a million-step trace
 *
 * A scenario plus a one-million-access plain trace as history steps; then
 * random seeks (backwards and forwards), each timed; prints the checkpoint
 * count, the mean and worst seek, and peak memory.
 *
 * Usage: bench-history [STEPS] (default 1000000)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include <glib/gstdio.h>

#include "pw-history.h"

static const char *scenario_json =
  "{ \"pagewalk\": 1, \"title\": \"history\", \"arch\": \"x86-64\","
  "  \"memory\": { \"size\": \"8MiB\" }, \"disk\": { \"slots\": 8192 },"
  "  \"tlb\": { \"entries\": 64, \"ways\": 4 }, \"policy\": \"clock\","
  "  \"processes\": [ { \"pid\": 1, \"regions\": ["
  "    { \"start\": \"0x10000000\", \"size\": \"32MiB\", \"state\": \"committed\", \"prot\": \"rw-\" } ] } ] }";

int
main (int    argc,
      char **argv)
{
  guint64 n = argc > 1 ? g_ascii_strtoull (argv[1], NULL, 10) : 1000000;
  g_autofree char *dir = g_dir_make_tmp ("pagewalk-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "trace.txt", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwScenario) sc = NULL;
  g_autoptr(GArray) steps = NULL;
  g_autoptr(PwHistory) h = NULL;
  GRand *r = g_rand_new_with_seed (7);
  FILE *f = fopen (path, "w");
  double total = 0, worst = 0;
  struct rusage ru;
  gint64 t0;
  const guint seeks = 200;

  for (guint64 i = 0; i < n; i++)
    fprintf (f, "%c 0x%" G_GINT64_MODIFIER "x\n", g_rand_boolean (r) ? 'r' : 'w',
             0x10000000 + (guint64) g_rand_int_range (r, 0, 32 << 20));
  fclose (f);

  sc = pw_scenario_load_data (scenario_json, strlen (scenario_json), "history.pagewalk", &error);
  g_assert_no_error (error);
  t0 = g_get_monotonic_time ();
  steps = pw_history_steps_with_trace (sc, path, PW_TRACE_PLAIN, &error);
  g_assert_no_error (error);
  h = pw_history_new (sc, steps, &error);
  g_assert_no_error (error);
  /* the first pass to the end lays the checkpoints */
  pw_history_seek (h, pw_history_n_steps (h), NULL, NULL);
  printf ("%u steps read and run once in %.2f s; %u checkpoints\n", pw_history_n_steps (h),
          (g_get_monotonic_time () - t0) / 1e6, pw_history_n_checkpoints (h));

  for (guint i = 0; i < seeks; i++)
    {
      guint target = (guint) g_rand_int_range (r, 0, (gint32) pw_history_n_steps (h) + 1);
      gint64 s = g_get_monotonic_time ();
      double ms;
      pw_history_seek (h, target, NULL, NULL);
      ms = (g_get_monotonic_time () - s) / 1e3;
      total += ms;
      worst = MAX (worst, ms);
      g_assert_cmpuint (pw_machine_steps_done (pw_history_seek (h, target, NULL, NULL)), ==, target);
    }
  getrusage (RUSAGE_SELF, &ru);
  printf ("%u random seeks: mean %.2f ms, worst %.2f ms; peak memory %.0f MiB\n",
          seeks, total / seeks, worst, ru.ru_maxrss / 1024.0);
  g_unlink (path);
  g_rmdir (dir);
  g_rand_free (r);
  return 0;
}

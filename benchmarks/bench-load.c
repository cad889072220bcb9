/* bench-load.c: the load time of a 50 MB raw-mode scenario (issue 2)
 *
 * Builds, in memory, an x86-64 scenario in raw mode: a root table and
 * page tables given as frame_image hex, mapping thousands of data frames
 * whose 4 KiB contents are given too, about 50 MB of JSON; then times
 * pw_scenario_load_data() (parse, check, set up a machine) and one walk.
 *
 * Usage: bench-load [MEGABYTES] (default 50)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include "pw-machine.h"
#include "pw-scenario.h"

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
  return 0;
}

/* bench-parse.c: parsing time of large scenarios (pw_scenario_parse only)
 *
 * Generates four documents in memory, each big in one direction, and times
 * pw_scenario_parse() on each (no machine is set up): 40,000 processes,
 * 100,000 regions in one process (given in descending order, so they must
 * be sorted), 1,000,000 `map` entries and 1,000,000 frame images.  Each
 * should take about a second at most: nothing in the parser may be
 * quadratic.  Prints the document size, the time and the peak memory.
 *
 * Usage: bench-parse [SCALE [WHICH [json-glib]]]: the counts above times
 * SCALE (default 1.0); WHICH picks the documents whose name contains it
 * ("map", "frame"..., "" for all); "json-glib" also times json-glib's parser
 * on each document, for comparison.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include <json-glib/json-glib.h>

#include "pw-scenario.h"

static GString *
doc_processes (guint n)
{
  GString *s = g_string_new ("{ \"pagewalk\": 1, \"title\": \"processes\", \"arch\": \"x86-64\",\n"
                             "  \"processes\": [");
  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "%s\n    { \"pid\": %u, \"name\": \"p%u\", \"regions\": [ "
                            "{ \"start\": \"0x400000\", \"size\": \"0x2000\", \"state\": \"committed\" } ] }",
                            i ? "," : "", n - i, i);
  g_string_append (s, " ] }\n");
  return s;
}

static GString *
doc_regions (guint n)
{
  GString *s = g_string_new ("{ \"pagewalk\": 1, \"title\": \"regions\", \"arch\": \"x86-64\",\n"
                             "  \"processes\": [ { \"pid\": 1, \"regions\": [");
  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "%s\n      { \"start\": \"0x%x000\", \"size\": \"0x1000\", "
                            "\"state\": \"%s\", \"prot\": \"r--\" }",
                            i ? "," : "", 2 * (n - i), i % 2 ? "reserved" : "committed");
  g_string_append (s, " ] } ] }\n");
  return s;
}

static GString *
doc_maps (guint n)
{
  GString *s = g_string_new ("{ \"pagewalk\": 1, \"title\": \"maps\", \"arch\": \"x86-64\",\n"
                             "  \"memory\": { \"size\": \"16GiB\" },\n"
                             "  \"processes\": [ { \"pid\": 1, \"map\": [");
  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "%s\n      { \"page\": %u, \"frame\": %u }",
                            i ? "," : "", n - i, 0x100 + i);
  g_string_append (s, " ] } ] }\n");
  return s;
}

static GString *
doc_frames (guint n)
{
  GString *s = g_string_new ("{ \"pagewalk\": 1, \"title\": \"frames\", \"arch\": \"x86-64\",\n"
                             "  \"memory\": { \"size\": \"16GiB\" },\n"
                             "  \"frame_image\": [");
  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "%s\n    { \"frame\": \"0x%x\", \"hex\": \"%02x\" }",
                            i ? "," : "", n - i, i & 0xff);
  g_string_append (s, " ] }\n");
  return s;
}

static long
peak_rss_kib (void)
{
  struct rusage ru;
  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

static gboolean
run (const char *what,
     GString    *doc,
     gboolean    compare)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = NULL;
  PwScenario *sc;
  long rss0 = peak_rss_kib (), rss1;
  gint64 t0, t1;

  t0 = g_get_monotonic_time ();
  sc = pw_scenario_parse (doc->str, doc->len, what, &error);
  t1 = g_get_monotonic_time ();
  if (sc == NULL)
    {
      fprintf (stderr, "bench-parse: %s\n", error->message);
      return FALSE;
    }
  rss1 = peak_rss_kib ();
  pw_scenario_free (sc);

  printf ("%-22s %6.1f MB  %7.1f ms  peak RSS %6.1f MB (+%.1f)", what, doc->len / 1e6,
          (t1 - t0) / 1e3, rss1 / 1024.0, (rss1 - rss0) / 1024.0);

  /* json-glib's parser on the same bytes, for comparison (after the
   * figures above, so its memory is not counted in them) */
  if (compare)
    {
      parser = json_parser_new_immutable ();
      t0 = g_get_monotonic_time ();
      if (!json_parser_load_from_data (parser, doc->str, doc->len, &error))
        {
          fprintf (stderr, "\nbench-parse: %s\n", error->message);
          return FALSE;
        }
      printf ("  json-glib: %.1f ms", (g_get_monotonic_time () - t0) / 1e3);
    }
  printf ("\n");
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  double scale = argc > 1 ? g_ascii_strtod (argv[1], NULL) : 1.0;
  const char *which = argc > 2 ? argv[2] : "";
  gboolean compare = argc > 3 && g_str_equal (argv[3], "json-glib");
  struct { const char *what; GString *(*make) (guint); guint n; } docs[] = {
    { "40000 processes", doc_processes, 40000 },
    { "100000 regions", doc_regions, 100000 },
    { "1000000 map entries", doc_maps, 1000000 },
    { "1000000 frame images", doc_frames, 1000000 },
  };
  gboolean ok = TRUE;

  if (scale <= 0 || scale > 100)
    {
      fprintf (stderr, "usage: bench-parse [SCALE [WHICH [json-glib]]] (0 < SCALE <= 100)\n");
      return 2;
    }
  for (guint i = 0; i < G_N_ELEMENTS (docs); i++)
    {
      guint n = MAX (1, (guint) (docs[i].n * scale));
      GString *doc;

      if (strstr (docs[i].what, which) == NULL)
        continue;
      doc = docs[i].make (n);
      ok = run (docs[i].what, doc, compare) && ok;
      g_string_free (doc, TRUE);
    }
  return ok ? 0 : 1;
}

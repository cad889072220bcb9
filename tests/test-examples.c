/* test-examples.c: the built-in examples, each claim of issue 5 checked
 * through pagewalk-cli (translate, run, state, compare, export)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "pw-test-cli.h"


/* The public names, in the documented order. */
static const char * const public_names[] = {
  "seed", "relocation", "chunks", "overcommit", "fragmentation", "protections",
  "page-states", "x86-32-split", "x86-64", "large-pages", "tlb", "belady", "clock",
  "multilevel", "riscv-sv39", "cow-fork", "multiprocess", NULL
};

static const char * const views[] = {
  "overview", "address", "vaspace", "pagetable", "physical", "disk", "tlb", "walk", "lab", "compare", NULL
};

/* Runs the CLI, which must succeed, and parses its standard output. */
static JsonNode *
cli_json_v (const char * const *args)
{
  Result r = run_argv (args);
  g_autoptr(JsonParser) p = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  if (r.status != 0)
    g_error ("pagewalk-cli %s %s failed (%d): %s", args[0], args[1], r.status, r.err);
  json_parser_load_from_data (p, r.out, -1, &error);
  g_assert_no_error (error);
  root = json_node_copy (json_parser_get_root (p));
  result_clear (&r);
  return root;
}

#define CLI_JSON(...) cli_json_v ((const char * const[]) { __VA_ARGS__, NULL })
#define RUN(...)      cli_json_v ((const char * const[]) { "run", __VA_ARGS__, "--json", NULL })
#define STATE(...)    cli_json_v ((const char * const[]) { "state", __VA_ARGS__, "--json", NULL })

/* One address translated: the single object of the answer. */
static JsonNode *
translate_v (const char * const *args)
{
  g_autoptr(JsonNode) root = cli_json_v (args);
  JsonArray *a = json_node_get_array (root);

  g_assert_cmpuint (json_array_get_length (a), ==, 1);
  return json_node_copy (json_array_get_element (a, 0));
}

#define TRANSLATE(...) translate_v ((const char * const[]) { "translate", __VA_ARGS__, "--json", NULL })

static const char *
str (JsonNode   *node,
     const char *key)
{
  return json_object_get_string_member (json_node_get_object (node), key);
}

static guint64
hex (const char *s)
{
  g_assert_nonnull (s);
  g_assert_true (g_str_has_prefix (s, "0x"));
  return g_ascii_strtoull (s + 2, NULL, 16);
}

static guint64
hex_member (JsonObject *o,
            const char *key)
{
  return hex (json_object_get_string_member (o, key));
}

static void
assert_pa (JsonNode   *t,
           guint64     pa)
{
  g_assert_cmpstr (str (t, "result"), ==, "ok");
  g_assert_cmphex (hex (str (t, "pa")), ==, pa);
}

static void
assert_fault (JsonNode   *t,
              const char *kind)
{
  JsonObject *fault;

  g_assert_cmpstr (str (t, "result"), ==, "fault");
  fault = json_object_get_object_member (json_node_get_object (t), "fault");
  g_assert_cmpstr (json_object_get_string_member (fault, "kind"), ==, kind);
}

static guint
walk_length (JsonNode *t)
{
  return json_array_get_length (json_object_get_array_member (json_node_get_object (t), "walk"));
}

static JsonObject *
walk_step (JsonNode *t,
           guint     i)
{
  return json_array_get_object_element (json_object_get_array_member (json_node_get_object (t), "walk"), i);
}

static gint64
stat_of (JsonNode   *run,
         const char *key)
{
  JsonObject *stats = json_object_get_object_member (json_node_get_object (run), "stats");
  return json_object_get_int_member (stats, key);
}

static JsonArray *
events_of (JsonNode *run)
{
  return json_object_get_array_member (json_node_get_object (run), "events");
}

static gboolean
fault_is (JsonObject *ev,
          const char *kind)
{
  JsonNode *f = json_object_get_member (ev, "fault");
  return f != NULL && !JSON_NODE_HOLDS_NULL (f) && g_str_equal (json_node_get_string (f), kind);
}

static guint
count_faults (JsonNode   *run,
              const char *kind)
{
  JsonArray *events = events_of (run);
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (events); i++)
    if (fault_is (json_array_get_object_element (events, i), kind))
      n++;
  return n;
}

static JsonObject *
process_of (JsonNode *state,
            guint     pid)
{
  JsonArray *procs = json_object_get_array_member (json_node_get_object (state), "processes");

  for (guint i = 0; i < json_array_get_length (procs); i++)
    {
      JsonObject *p = json_array_get_object_element (procs, i);
      if (json_object_get_int_member (p, "pid") == pid)
        return p;
    }
  return NULL;
}

/* The page of @pid at virtual address @va in a state, or NULL. */
static JsonObject *
page_of (JsonNode *state,
         guint     pid,
         guint64   va)
{
  JsonObject *p = process_of (state, pid);
  JsonArray *pages;

  g_assert_nonnull (p);
  pages = json_object_get_array_member (p, "pages");
  for (guint i = 0; i < json_array_get_length (pages); i++)
    {
      JsonObject *pg = json_array_get_object_element (pages, i);
      if (hex_member (pg, "va") == va)
        return pg;
    }
  return NULL;
}

/* The base page size and the number of frames, from state's text header
 * ("..., 4096 frames of 1048576 bytes"). */
static void
machine_size (const char *example,
              guint64    *frames,
              guint64    *frame_bytes)
{
  Result r = run_argv ((const char * const[]) { "state", example, NULL });
  const char *of;
  const char *p;

  g_assert_cmpint (r.status, ==, 0);
  of = strstr (r.out, " frames of ");
  g_assert_nonnull (of);
  p = of;
  while (p > r.out && g_ascii_isdigit (p[-1]))
    p--;
  *frames = g_ascii_strtoull (p, NULL, 10);
  *frame_bytes = g_ascii_strtoull (of + strlen (" frames of "), NULL, 10);
  result_clear (&r);
}

/* ---- all examples ------------------------------------------------------ */

static JsonNode *
examples_json (void)
{
  return CLI_JSON ("examples", "--json");
}

static void
test_list (void)
{
  g_autoptr(JsonNode) root = examples_json ();
  JsonArray *a = json_node_get_array (root);
  guint n = 0;

  while (public_names[n] != NULL)
    n++;
  g_assert_cmpuint (json_array_get_length (a), >=, n);
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonObject *o = json_array_get_object_element (a, i);
      const char *desc = json_object_get_string_member (o, "description");

      /* the public ones first, in the documented order */
      if (i < n)
        g_assert_cmpstr (json_object_get_string_member (o, "name"), ==, public_names[i]);
      g_assert_cmpstr (json_object_get_string_member (o, "title"), !=, "");
      /* every description tells the teacher what to try */
      g_assert_nonnull (desc);
      g_assert_nonnull (strstr (desc, "Try:"));
    }
}

static void
test_validate_and_run (void)
{
  g_autoptr(JsonNode) root = examples_json ();
  JsonArray *a = json_node_get_array (root);

  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      const char *name = json_object_get_string_member (json_array_get_object_element (a, i), "name");
      g_autofree char *ok = g_strdup_printf ("%s: ok\n", name);
      Result r = run_argv ((const char * const[]) { "validate", name, NULL });
      g_autoptr(JsonNode) run = NULL;
      g_autoptr(JsonNode) state = NULL;

      g_test_message ("example %s", name);
      g_assert_cmpint (r.status, ==, 0);
      g_assert_cmpstr (r.out, ==, ok);
      result_clear (&r);
      run = RUN (name);
      g_assert_cmpint (stat_of (run, "accesses"), >, 0);
      state = STATE (name);
      g_assert_nonnull (json_object_get_array_member (json_node_get_object (state), "processes"));
    }
}

static gboolean
svg_well_formed (const char  *text,
                 gsize        len,
                 GError     **error)
{
  static const GMarkupParser parser = { NULL, NULL, NULL, NULL, NULL };
  g_autoptr(GMarkupParseContext) ctx = g_markup_parse_context_new (&parser, 0, NULL, NULL);

  return g_markup_parse_context_parse (ctx, text, len, error)
         && g_markup_parse_context_end_parse (ctx, error);
}

static void
test_export_all (void)
{
  g_autoptr(JsonNode) root = examples_json ();
  JsonArray *a = json_node_get_array (root);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pagewalk-examples-XXXXXX", &error);
  const char *formats[] = { "png", "svg", "pdf" };

  g_assert_no_error (error);
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      const char *name = json_object_get_string_member (json_array_get_object_element (a, i), "name");

      for (guint v = 0; views[v] != NULL; v++)
        for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
          {
            g_autofree char *file = g_strdup_printf ("%s-%s.%s", name, views[v], formats[f]);
            g_autofree char *path = g_build_filename (dir, file, NULL);
            g_autofree char *data = NULL;
            gsize len = 0;
            Result r = run_argv ((const char * const[]) {
              "export", name, "-o", path, "--view", views[v], "--width", "800", NULL });

            if (r.status != 0)
              g_error ("export %s: %s", file, r.err);
            result_clear (&r);
            g_file_get_contents (path, &data, &len, &error);
            g_assert_no_error (error);
            g_assert_cmpuint (len, >, 8);
            if (f == 0)
              g_assert_cmpmem (data, 8, "\x89PNG\r\n\x1a\n", 8);
            else if (f == 1)
              {
                g_assert_true (svg_well_formed (data, len, &error));
                g_assert_no_error (error);
                g_assert_nonnull (g_strstr_len (data, MIN (len, 4096), "<svg"));
              }
            else
              g_assert_true (g_str_has_prefix (data, "%PDF"));
            g_unlink (path);
          }
    }
  g_rmdir (dir);
}

/* ---- one test per row of the table --------------------------------------- */

static void
test_seed (void)
{
  g_autoptr(JsonNode) t = TRANSLATE ("seed", "0x0002150");
  g_autoptr(JsonNode) disk = TRANSLATE ("seed", "0x0003010");
  g_autoptr(JsonNode) run = RUN ("seed");
  JsonObject *o = json_node_get_object (disk);
  JsonArray *events = events_of (run);
  gboolean major = FALSE;

  /* page 0x2 in frame 0x109: 0x0002150 becomes 0x0109150 */
  assert_pa (t, 0x0109150);
  g_assert_cmpuint (walk_length (t), ==, 1);
  g_assert_cmpint (json_object_get_int_member (walk_step (t, 0), "index"), ==, 2);
  /* page 0x3 is on disk, slot 7, and comes back with a major fault */
  assert_fault (disk, "not-present");
  g_assert_cmpstr (json_object_get_string_member (o, "page_state"), ==, "disk");
  g_assert_cmpint (json_object_get_int_member (o, "disk"), ==, 7);
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *ev = json_array_get_object_element (events, i);
      if (hex_member (ev, "page") == 0x3 && fault_is (ev, "major"))
        major = TRUE;
    }
  g_assert_true (major);
}

static void
test_relocation (void)
{
  g_autoptr(JsonNode) p1 = TRANSLATE ("relocation", "0x40000124", "--pid", "1");
  g_autoptr(JsonNode) p2 = TRANSLATE ("relocation", "0x40000124", "--pid", "2");
  g_autoptr(JsonNode) state = STATE ("relocation");

  /* both "loaded at" 0x40000000 */
  for (guint pid = 1; pid <= 2; pid++)
    {
      JsonArray *regions = json_object_get_array_member (process_of (state, pid), "regions");
      g_assert_cmphex (hex_member (json_array_get_object_element (regions, 0), "start"), ==, 0x40000000);
    }
  assert_pa (p1, 0x20005124);
  g_assert_cmpstr (str (p2, "result"), ==, "ok");
  g_assert_cmphex (hex (str (p2, "pa")) & 0xfff, ==, 0x124);
  g_assert_cmphex (hex (str (p2, "pa")), !=, 0x20005124);
}

static gboolean
in_range (guint64 lo,
          guint64 hi,
          guint64 a,
          guint64 b)
{
  return a >= lo && b <= hi;
}

static void
test_chunks (void)
{
  const struct { const char *va; guint64 pa; } cases[] = {
    { "0x40000000", 0xb0004500 }, { "0x4000aaff", 0xb000efff },
    { "0x4000ab00", 0xd0100000 }, { "0x40016aff", 0xd010bfff },
  };
  g_autoptr(JsonNode) state = STATE ("chunks");
  guint64 frames, frame_bytes;
  guint64 chunk1 = 0, chunk2 = 0, other = 0;
  JsonArray *pages;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) t = TRANSLATE ("chunks", cases[i].va, "--pid", "1");
      assert_pa (t, cases[i].pa);
    }
  machine_size ("chunks", &frames, &frame_bytes);

  /* pid 1: exactly the two chunks, every byte of them */
  pages = json_object_get_array_member (process_of (state, 1), "pages");
  for (guint i = 0; i < json_array_get_length (pages); i++)
    {
      JsonObject *pg = json_array_get_object_element (pages, i);
      guint64 lo = hex_member (pg, "frame") * frame_bytes;
      guint64 hi = lo + json_object_get_int_member (pg, "size");
      if (in_range (0xb0004500, 0xb000f000, lo, hi))
        chunk1 += hi - lo;
      else if (in_range (0xd0100000, 0xd010c000, lo, hi))
        chunk2 += hi - lo;
      else
        g_error ("pid 1 has a page at %#" G_GINT64_MODIFIER "x outside both chunks", lo);
    }
  g_assert_cmphex (chunk1, ==, 0xb000f000 - 0xb0004500);
  g_assert_cmphex (chunk2, ==, 0xd010c000 - 0xd0100000);

  /* pid 2 between them: all its pages in 0xc0000000 to 0xd0000000 */
  pages = json_object_get_array_member (process_of (state, 2), "pages");
  g_assert_cmpuint (json_array_get_length (pages), >, 0);
  for (guint i = 0; i < json_array_get_length (pages); i++)
    {
      JsonObject *pg = json_array_get_object_element (pages, i);
      guint64 lo = hex_member (pg, "frame") * frame_bytes;
      guint64 hi = lo + json_object_get_int_member (pg, "size");
      g_assert_true (in_range (0xc0000000, 0xd0000000, lo, hi));
      other += hi - lo;
    }
  g_assert_cmphex (other, ==, 0x10000000);
}

static void
test_overcommit (void)
{
  g_autoptr(JsonNode) state = STATE ("overcommit");
  g_autoptr(JsonNode) run = RUN ("overcommit");
  JsonArray *procs = json_object_get_array_member (json_node_get_object (state), "processes");
  JsonArray *events = events_of (run);
  guint64 frames, frame_bytes, committed = 0;
  gboolean came_back = FALSE;

  machine_size ("overcommit", &frames, &frame_bytes);
  g_assert_cmpuint (frames * frame_bytes, ==, G_GUINT64_CONSTANT (4) << 30);
  for (guint i = 0; i < json_array_get_length (procs); i++)
    {
      JsonArray *regions = json_object_get_array_member (json_array_get_object_element (procs, i), "regions");
      for (guint k = 0; k < json_array_get_length (regions); k++)
        {
          JsonObject *r = json_array_get_object_element (regions, k);
          if (g_str_equal (json_object_get_string_member (r, "state"), "committed"))
            committed += hex_member (r, "size");
        }
    }
  g_assert_cmpuint (committed, ==, G_GUINT64_CONSTANT (6) << 30);

  /* pages go to disk and come back: a page evicted to disk is later read
   * back by a major fault */
  g_assert_cmpint (stat_of (run, "major_faults"), >, 0);
  g_assert_cmpint (stat_of (run, "writebacks"), >, 0);
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *ev = json_array_get_object_element (events, i);
      JsonNode *evicted = json_object_get_member (ev, "evicted");
      JsonObject *e;

      if (evicted == NULL || JSON_NODE_HOLDS_NULL (evicted))
        continue;
      e = json_node_get_object (evicted);
      g_assert_true (g_str_has_prefix (json_object_get_string_member (e, "to"), "disk:"));
      for (guint k = i + 1; k < json_array_get_length (events); k++)
        {
          JsonObject *later = json_array_get_object_element (events, k);
          if (json_object_get_int_member (later, "pid") == json_object_get_int_member (e, "pid")
              && g_str_equal (json_object_get_string_member (later, "page"),
                              json_object_get_string_member (e, "page"))
              && fault_is (later, "major"))
            came_back = TRUE;
        }
    }
  g_assert_true (came_back);
}

static void
test_fragmentation (void)
{
  g_autoptr(JsonNode) run = RUN ("fragmentation");
  g_autoptr(JsonNode) before = STATE ("fragmentation", "--at", "1");
  g_autoptr(JsonNode) paged = RUN ("fragmentation-paged");
  g_autoptr(JsonNode) paged_state = STATE ("fragmentation-paged", "--at", "3");
  JsonArray *procs = json_object_get_array_member (json_node_get_object (before), "processes");
  JsonArray *events = events_of (run);
  guint64 frames, frame_bytes, used = 0, biggest_hole = 0, at = 0;
  guint64 want = 0;
  GArray *segs = g_array_new (FALSE, FALSE, sizeof (guint64) * 2);
  gboolean oom = FALSE;

  /* the refused spawn is an out-of-memory event */
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *ev = json_array_get_object_element (events, i);
      if (fault_is (ev, "out-of-memory"))
        {
          oom = TRUE;
          g_assert_cmpint (json_object_get_int_member (ev, "pid"), ==, 5);
        }
    }
  g_assert_true (oom);
  {
    g_autoptr(JsonNode) end = STATE ("fragmentation", "--at", "3");
    JsonObject *mail = process_of (end, 6);
    g_assert_null (process_of (end, 5));
    g_assert_nonnull (mail);
    /* first fit: process 6 goes into the old hole */
    g_assert_cmphex (hex_member (json_array_get_object_element (json_object_get_array_member (mail, "segments"), 0),
                                 "base"), ==, 0x4000);
  }

  /* after the exit: enough free memory in total, but no hole big enough */
  machine_size ("fragmentation", &frames, &frame_bytes);
  for (guint i = 0; i < json_array_get_length (procs); i++)
    {
      JsonArray *s = json_object_get_array_member (json_array_get_object_element (procs, i), "segments");
      JsonObject *seg = json_array_get_object_element (s, 0);
      guint64 pair[2] = { hex_member (seg, "base"), hex_member (seg, "limit") };
      g_array_append_val (segs, pair);
      used += pair[1];
    }
  g_assert_null (process_of (before, 2));
  /* segments sorted by base: the holes lie between them */
  for (guint i = 0; i < segs->len; i++)
    for (guint k = i + 1; k < segs->len; k++)
      {
        guint64 *a = &g_array_index (segs, guint64, 2 * i);
        guint64 *b = &g_array_index (segs, guint64, 2 * k);
        if (b[0] < a[0])
          {
            guint64 t0 = a[0], t1 = a[1];
            a[0] = b[0]; a[1] = b[1];
            b[0] = t0; b[1] = t1;
          }
      }
  for (guint i = 0; i < segs->len; i++)
    {
      guint64 *s = &g_array_index (segs, guint64, 2 * i);
      biggest_hole = MAX (biggest_hole, s[0] - at);
      at = s[0] + s[1];
    }
  biggest_hole = MAX (biggest_hole, frames * frame_bytes - at);
  g_array_unref (segs);
  want = 20 * 1024;   /* process 5's limit */
  g_assert_cmpuint (frames * frame_bytes - used, >=, want);
  g_assert_cmpuint (biggest_hole, <, want);

  /* the paged machine beside it: the same 20 KiB process fits */
  g_assert_cmpuint (count_faults (paged, "out-of-memory"), ==, 0);
  g_assert_nonnull (process_of (paged_state, 5));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (process_of (paged_state, 5), "pages")),
                    ==, 5);
}

/* The text of a PDF export (NULL, and the test skipped, without pdftotext). */
static char *
export_pdf_text (const char * const *args)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *err = NULL;
  GPtrArray *argv;
  char *out = NULL;
  int status;
  Result r;

  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return NULL;
    }
  dir = g_dir_make_tmp ("pagewalk-examples-XXXXXX", &error);
  g_assert_no_error (error);
  pdf = g_build_filename (dir, "figure.pdf", NULL);
  argv = g_ptr_array_new ();
  g_ptr_array_add (argv, (char *) "export");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, (char *) "-o");
  g_ptr_array_add (argv, pdf);
  g_ptr_array_add (argv, NULL);
  r = run_argv ((const char * const *) argv->pdata);
  g_ptr_array_unref (argv);
  if (r.status != 0)
    g_error ("export: %s", r.err);
  result_clear (&r);
  {
    const char *pargv[] = { pdftotext, "-q", pdf, "-", NULL };
    g_spawn_sync (NULL, (char **) pargv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  g_unlink (pdf);
  g_rmdir (dir);
  return out;
}

/* Without --translate and --at, export draws the first access whose process
 * exists after set-up: for fragmentation process 1's 0x0124 (process 6 of the
 * first access is spawned later); fragmentation-paged has no access step, so
 * the first access its steps make (process 5's touch of page 0). */
static void
test_fragmentation_export (void)
{
  g_autofree char *walk = export_pdf_text ((const char * const[]) {
    "fragmentation", "--view", "walk", NULL });
  g_autofree char *overview = NULL;
  g_autofree char *paged = NULL;

  if (walk == NULL)
    return;
  g_assert_null (strstr (walk, "No translation"));
  g_assert_nonnull (strstr (walk, "0x0124"));
  g_assert_nonnull (strstr (walk, "process 1"));

  overview = export_pdf_text ((const char * const[]) {
    "fragmentation", "--view", "overview", NULL });
  g_assert_null (strstr (overview, "No translation"));
  g_assert_nonnull (strstr (overview, "0x0124"));

  paged = export_pdf_text ((const char * const[]) {
    "fragmentation-paged", "--view", "walk", NULL });
  g_assert_null (strstr (paged, "No translation"));
  g_assert_nonnull (strstr (paged, "process 5"));
  g_assert_nonnull (strstr (paged, "0x04000"));
}

/* --at the refused spawn: the walk, physical and overview views say so, in
 * one line with the size the process needed. */
static void
test_fragmentation_failed_step (void)
{
  const char *views_with_notice[] = { "walk", "physical", "overview" };

  for (guint i = 0; i < G_N_ELEMENTS (views_with_notice); i++)
    {
      g_autofree char *text = export_pdf_text ((const char * const[]) {
        "fragmentation", "--at", "2", "--view", views_with_notice[i], NULL });
      if (text == NULL)
        return;
      g_assert_nonnull (strstr (text, "Spawn refused (out of memory): process 5 needs 20 KiB: no hole is big enough"));
    }
  {
    /* a step that made an access: no notice */
    g_autofree char *text = export_pdf_text ((const char * const[]) {
      "fragmentation", "--at", "4", "--view", "physical", NULL });
    g_assert_null (strstr (text, "refused"));
  }
}

static void
test_protections (void)
{
  const struct { const char *va, *access, *fault; } cases[] = {
    { "0x400010", "exec", NULL },
    { "0x400010", "read", NULL },
    { "0x400010", "write", "protection" },   /* a write to code */
    { "0x402000", "read", NULL },
    { "0x402000", "write", "protection" },   /* read-only */
    { "0x402000", "exec", "protection" },
    { "0x403008", "read", NULL },
    { "0x403008", "write", NULL },
    { "0x403008", "exec", "protection" },    /* an execute of data */
    { "0x404800", "read", NULL },            /* code and data: rwx */
    { "0x404800", "write", NULL },
    { "0x404800", "exec", NULL },
  };
  const struct { guint64 start; const char *prot; } regions[] = {
    { 0x400000, "r-x" }, { 0x402000, "r--" }, { 0x403000, "rw-" }, { 0x404000, "rwx" },
  };
  g_autoptr(JsonNode) state = STATE ("protections");
  g_autoptr(JsonNode) run = RUN ("protections");
  JsonArray *rs = json_object_get_array_member (process_of (state, 1), "regions");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) t = TRANSLATE ("protections", cases[i].va, "--access", cases[i].access);
      if (cases[i].fault)
        assert_fault (t, cases[i].fault);
      else
        g_assert_cmpstr (str (t, "result"), ==, "ok");
    }
  for (guint i = 0; i < G_N_ELEMENTS (regions); i++)
    {
      gboolean found = FALSE;
      for (guint k = 0; k < json_array_get_length (rs); k++)
        {
          JsonObject *r = json_array_get_object_element (rs, k);
          if (hex_member (r, "start") == regions[i].start)
            {
              found = TRUE;
              g_assert_cmpstr (json_object_get_string_member (r, "prot"), ==, regions[i].prot);
            }
        }
      g_assert_true (found);
    }
  g_assert_cmpuint (count_faults (run, "protection"), ==, 3);
}

static void
test_page_states (void)
{
  g_autoptr(JsonNode) state = STATE ("page-states", "--at", "2");
  g_autoptr(JsonNode) run = RUN ("page-states");
  g_autoptr(JsonNode) reserved = TRANSLATE ("page-states", "0x10004000", "--pid", "1");
  g_autoptr(JsonNode) free_ = TRANSLATE ("page-states", "0x20000000", "--pid", "1");
  JsonArray *events = events_of (run);
  JsonArray *frames = json_object_get_array_member (json_node_get_object (state), "frames");
  const char *states[] = { "committed", "reserved" };
  JsonObject *lib1, *lib2;
  gboolean shared_frame = FALSE, reserved_faults = FALSE;

  /* free, reserved, committed and shared regions in the two processes */
  for (guint s = 0; s < G_N_ELEMENTS (states); s++)
    {
      JsonArray *rs = json_object_get_array_member (process_of (state, 1), "regions");
      gboolean found = FALSE;
      for (guint k = 0; k < json_array_get_length (rs); k++)
        if (g_str_equal (json_object_get_string_member (json_array_get_object_element (rs, k), "state"),
                         states[s]))
          found = TRUE;
      g_assert_true (found);
    }
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (reserved), "page_state"), ==, "reserved");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (free_), "page_state"), ==, "free");

  /* touching reserved space faults */
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *ev = json_array_get_object_element (events, i);
      if (hex_member (ev, "va") == 0x10004000 && fault_is (ev, "segmentation"))
        reserved_faults = TRUE;
    }
  g_assert_true (reserved_faults);

  /* the shared library's frame appears in both */
  lib1 = page_of (state, 1, 0x7f0000000000);
  lib2 = page_of (state, 2, 0x7f1000000000);
  g_assert_nonnull (lib1);
  g_assert_nonnull (lib2);
  g_assert_cmpstr (json_object_get_string_member (lib1, "frame"), ==,
                   json_object_get_string_member (lib2, "frame"));
  for (guint i = 0; i < json_array_get_length (frames); i++)
    {
      JsonObject *f = json_array_get_object_element (frames, i);
      if (g_str_equal (json_object_get_string_member (f, "frame"), json_object_get_string_member (lib1, "frame")))
        {
          g_assert_cmpint (json_object_get_int_member (f, "sharers"), ==, 2);
          shared_frame = TRUE;
        }
    }
  g_assert_true (shared_frame);
}

static void
test_x86_32_split (void)
{
  g_autoptr(JsonNode) user = TRANSLATE ("x86-32-split", "0x80000010");
  g_autoptr(JsonNode) super = TRANSLATE ("x86-32-split", "0x80000010", "--mode", "supervisor");
  g_autoptr(JsonNode) super2 = TRANSLATE ("x86-32-split", "0x80000010", "--mode", "supervisor", "--pid", "2");
  g_autoptr(JsonNode) low = TRANSLATE ("x86-32-split", "0x7ffffff0", "--at", "2");
  g_autoptr(JsonNode) state = STATE ("x86-32-split");
  g_autoptr(JsonNode) run = RUN ("x86-32-split");
  JsonArray *rs = json_object_get_array_member (process_of (state, 1), "regions");
  gboolean kernel_half = FALSE;

  /* 4 GiB per process, the upper 2 GiB kernel-only */
  for (guint k = 0; k < json_array_get_length (rs); k++)
    {
      JsonObject *r = json_array_get_object_element (rs, k);
      if (json_object_get_boolean_member_with_default (r, "kernel", FALSE))
        {
          g_assert_cmphex (hex_member (r, "start"), ==, 0x80000000);
          g_assert_cmphex (hex_member (r, "size"), ==, 0x80000000);
          kernel_half = TRUE;
        }
      else
        g_assert_cmphex (hex_member (r, "start") + hex_member (r, "size"), <=, 0x80000000);
    }
  g_assert_true (kernel_half);
  /* a user access there faults, the kernel's does not */
  assert_fault (user, "protection");
  g_assert_cmpstr (str (super, "result"), ==, "ok");
  g_assert_cmpstr (str (super, "pa"), ==, str (super2, "pa"));
  g_assert_cmpstr (str (low, "result"), ==, "ok");
  g_assert_cmpuint (count_faults (run, "protection"), ==, 2);
}

static void
test_x86_64 (void)
{
  g_autoptr(JsonNode) top = TRANSLATE ("x86-64", "0x7fffffffe123");
  g_autoptr(JsonNode) hole = TRANSLATE ("x86-64", "0x800000000000");
  g_autoptr(JsonNode) kern = TRANSLATE ("x86-64", "0xffff800000000010");
  g_autoptr(JsonNode) kern_s = TRANSLATE ("x86-64", "0xffff800000000010", "--mode", "supervisor");
  const char *names[] = { "PML4", "PDPT", "PD", "PT" };

  /* a 4-level walk at the top of the 128 TiB user half */
  assert_pa (top, 0x1c3123);
  g_assert_cmpuint (walk_length (top), ==, 4);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpstr (json_object_get_string_member (walk_step (top, i), "name"), ==, names[i]);
  /* the canonical hole starts at 128 TiB */
  assert_fault (hole, "non-canonical");
  g_assert_cmpuint (walk_length (hole), ==, 0);
  /* the kernel half */
  assert_fault (kern, "protection");
  g_assert_cmpstr (str (kern_s, "result"), ==, "ok");
}

static void
test_large_pages (void)
{
  const struct { const char *va; gint64 size; guint reads; } cases[] = {
    { "0x1000010", 4096, 4 },
    { "0x200010", 2 << 20, 3 },
    { "0x40000010", 1 << 30, 2 },
  };
  g_autoptr(JsonNode) run = RUN ("large-pages");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) t = TRANSLATE ("large-pages", cases[i].va);
      g_assert_cmpstr (str (t, "result"), ==, "ok");
      g_assert_cmpint (json_object_get_int_member (json_node_get_object (t), "page_size"), ==, cases[i].size);
      g_assert_cmpuint (walk_length (t), ==, cases[i].reads);
      g_assert_true (json_object_get_boolean_member (walk_step (t, cases[i].reads - 1), "leaf"));
    }
  /* one TLB entry covers a whole large page */
  g_assert_cmpint (stat_of (run, "tlb_hits"), ==, 2);
  g_assert_cmpint (stat_of (run, "walk_reads"), ==, 4 + 4 + 3 + 2);
}

static void
test_tlb (void)
{
  g_autoptr(JsonNode) run = RUN ("tlb");
  JsonArray *events = events_of (run);
  const char *expect[] = { "miss", "hit", "hit", "miss", "hit", "hit", "hit", "miss", "hit", "hit" };

  g_assert_cmpuint (json_array_get_length (events), ==, 10);
  for (guint i = 0; i < 10; i++)
    {
      JsonObject *ev = json_array_get_object_element (events, i);
      g_assert_cmpuint (hex_member (ev, "va"), ==, 100 + 4 * i);
      g_assert_cmpuint (hex_member (ev, "page"), ==, (100 + 4 * i) / 16);
      g_assert_cmpstr (json_object_get_string_member (ev, "tlb"), ==, expect[i]);
    }
  g_assert_cmpint (stat_of (run, "tlb_hits"), ==, 7);
  g_assert_cmpint (stat_of (run, "tlb_misses"), ==, 3);
}

static void
test_belady (void)
{
  g_autoptr(JsonNode) cmp = CLI_JSON ("compare", "belady", "--policies", "fifo", "--frames", "3,4", "--json");
  g_autoptr(JsonNode) run = RUN ("belady");
  JsonArray *results = json_object_get_array_member (json_node_get_object (cmp), "results");
  JsonArray *events = events_of (run);
  const guint refs[] = { 1, 2, 3, 4, 1, 2, 5, 1, 2, 3, 4, 5 };

  g_assert_cmpuint (json_array_get_length (results), ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (results, 0), "frames"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (results, 0), "page_faults"), ==, 9);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (results, 1), "frames"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (results, 1), "page_faults"), ==, 10);
  /* the reference string, and the machine's own 4 frames */
  g_assert_cmpuint (json_array_get_length (events), ==, G_N_ELEMENTS (refs));
  for (guint i = 0; i < G_N_ELEMENTS (refs); i++)
    g_assert_cmpuint (hex_member (json_array_get_object_element (events, i), "page"), ==, refs[i]);
  g_assert_cmpint (stat_of (run, "page_faults"), ==, 10);
}

static void
test_multilevel (void)
{
  g_autoptr(JsonNode) t = TRANSLATE ("multilevel", "0x3f80");
  g_autoptr(JsonNode) hole = TRANSLATE ("multilevel", "0x0080");
  g_autoptr(JsonNode) nodir = TRANSLATE ("multilevel", "0x1000");
  g_autoptr(JsonNode) state = STATE ("multilevel");
  const struct { guint vpn; guint64 frame; } figure[] = {
    { 0, 10 }, { 1, 23 }, { 4, 80 }, { 5, 59 }, { 254, 55 }, { 255, 45 },
  };
  JsonArray *fields = json_object_get_array_member (json_node_get_object (t), "fields");

  /* 16 KiB space, 64-byte pages: 4 + 4 index bits and a 6-bit offset */
  g_assert_cmpuint (json_array_get_length (fields), ==, 3);
  g_assert_cmpint (json_array_get_int_element (json_object_get_array_member (json_array_get_object_element (fields, 0), "bits"), 0), ==, 13);
  g_assert_cmpint (json_array_get_int_element (json_object_get_array_member (json_array_get_object_element (fields, 2), "bits"), 0), ==, 5);
  /* the book's worked example: 0x3f80 -> directory 15 -> PFN 101, table 14 -> PFN 55 */
  assert_pa (t, 0x0dc0);
  g_assert_cmpuint (walk_length (t), ==, 2);
  g_assert_cmpint (json_object_get_int_member (walk_step (t, 0), "index"), ==, 15);
  g_assert_cmphex (hex_member (walk_step (t, 1), "table"), ==, 101 * 64);
  g_assert_cmpint (json_object_get_int_member (walk_step (t, 1), "index"), ==, 14);
  assert_fault (hole, "not-present");
  g_assert_cmpuint (walk_length (hole), ==, 2);
  assert_fault (nodir, "not-present");
  g_assert_cmpuint (walk_length (nodir), ==, 1);
  /* the pages of Figure 20.5 */
  for (guint i = 0; i < G_N_ELEMENTS (figure); i++)
    {
      JsonObject *pg = page_of (state, 1, figure[i].vpn * 64);
      g_assert_nonnull (pg);
      g_assert_cmpuint (hex_member (pg, "frame"), ==, figure[i].frame);
    }
}

static void
test_riscv_sv39 (void)
{
  g_autoptr(JsonNode) small = TRANSLATE ("riscv-sv39", "0x10010", "--access", "exec");
  g_autoptr(JsonNode) mega = TRANSLATE ("riscv-sv39", "0x200010");
  g_autoptr(JsonNode) giga = TRANSLATE ("riscv-sv39", "0x40000010");
  JsonArray *flags;
  gboolean superpage = FALSE;

  g_assert_cmpstr (str (small, "result"), ==, "ok");
  g_assert_cmpuint (walk_length (small), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (walk_step (small, 0), "name"), ==, "VPN[2]");
  g_assert_cmpstr (json_object_get_string_member (walk_step (small, 2), "name"), ==, "VPN[0]");
  g_assert_cmpstr (str (mega, "result"), ==, "ok");
  g_assert_cmpuint (walk_length (mega), ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (mega), "page_size"), ==, 2 << 20);
  flags = json_object_get_array_member (walk_step (mega, 1), "flags");
  for (guint i = 0; i < json_array_get_length (flags); i++)
    if (g_str_equal (json_array_get_string_element (flags, i), "superpage"))
      superpage = TRUE;
  g_assert_true (superpage);
  g_assert_cmpuint (walk_length (giga), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (giga), "page_size"), ==, 1 << 30);
}

static void
test_cow_fork (void)
{
  g_autoptr(JsonNode) before = STATE ("cow-fork", "--at", "4");
  g_autoptr(JsonNode) after = STATE ("cow-fork", "--at", "6");
  g_autoptr(JsonNode) ro = TRANSLATE ("cow-fork", "0x10000000", "--pid", "2", "--access", "write", "--at", "4");
  g_autoptr(JsonNode) run = RUN ("cow-fork");
  JsonArray *events = events_of (run);
  JsonObject *p, *c;
  gboolean copied = FALSE;

  /* shared read-only after the fork */
  for (guint64 va = 0x10000000; va <= 0x10001000; va += 0x1000)
    {
      p = page_of (before, 1, va);
      c = page_of (before, 2, va);
      g_assert_nonnull (p);
      g_assert_nonnull (c);
      g_assert_cmpstr (json_object_get_string_member (p, "frame"), ==, json_object_get_string_member (c, "frame"));
      g_assert_true (json_object_get_boolean_member (p, "cow"));
      g_assert_true (json_object_get_boolean_member (c, "cow"));
    }
  assert_fault (ro, "protection");
  /* then a write copies */
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *ev = json_array_get_object_element (events, i);
      if (json_object_get_int_member (ev, "pid") == 2 && json_object_has_member (ev, "cow_copy")
          && json_object_get_boolean_member (ev, "cow_copy"))
        copied = TRUE;
    }
  g_assert_true (copied);
  p = page_of (after, 1, 0x10000000);
  c = page_of (after, 2, 0x10000000);
  g_assert_cmpstr (json_object_get_string_member (p, "frame"), !=, json_object_get_string_member (c, "frame"));
  g_assert_false (json_object_get_boolean_member_with_default (c, "cow", FALSE));
  /* the page nobody wrote stays shared */
  g_assert_cmpstr (json_object_get_string_member (page_of (after, 1, 0x10001000), "frame"), ==,
                   json_object_get_string_member (page_of (after, 2, 0x10001000), "frame"));
}

static void
test_multiprocess (void)
{
  g_autoptr(JsonNode) flush = RUN ("multiprocess");
  g_autoptr(JsonNode) asid = RUN ("multiprocess-asid");
  g_autoptr(JsonNode) state = STATE ("multiprocess");
  g_autoptr(JsonNode) tagged = STATE ("multiprocess-asid", "--at", "12");
  g_autoptr(GHashTable) pas = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) tlb_pids = g_hash_table_new (NULL, NULL);
  JsonArray *tlb = json_object_get_array_member (json_node_get_object (tagged), "tlb");

  /* three processes, the same address in three frames */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (state), "processes")), ==, 3);
  for (guint pid = 1; pid <= 3; pid++)
    {
      g_autofree char *p = g_strdup_printf ("%u", pid);
      g_autoptr(JsonNode) t = TRANSLATE ("multiprocess", "0x0804a020", "--pid", p);
      g_assert_cmpstr (str (t, "result"), ==, "ok");
      g_hash_table_add (pas, g_strdup (str (t, "pa")));
    }
  g_assert_cmpuint (g_hash_table_size (pas), ==, 3);
  /* without address-space ids every switch flushes the TLB */
  g_assert_cmpint (stat_of (flush, "accesses"), ==, 18);
  g_assert_cmpint (stat_of (flush, "tlb_hits"), ==, 6);
  g_assert_cmpint (stat_of (flush, "tlb_misses"), ==, 12);
  /* with them, the entries survive */
  g_assert_cmpint (stat_of (asid, "tlb_hits"), ==, 12);
  g_assert_cmpint (stat_of (asid, "tlb_misses"), ==, 6);
  for (guint i = 0; i < json_array_get_length (tlb); i++)
    g_hash_table_add (tlb_pids, GINT_TO_POINTER (json_object_get_int_member (json_array_get_object_element (tlb, i), "pid")));
  g_assert_cmpuint (g_hash_table_size (tlb_pids), ==, 3);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  cli = g_getenv ("PAGEWALK_CLI");
  g_assert_nonnull (cli);
  g_test_add_func ("/examples/list", test_list);
  g_test_add_func ("/examples/validate-and-run", test_validate_and_run);
  g_test_add_func ("/examples/seed", test_seed);
  g_test_add_func ("/examples/relocation", test_relocation);
  g_test_add_func ("/examples/chunks", test_chunks);
  g_test_add_func ("/examples/overcommit", test_overcommit);
  g_test_add_func ("/examples/fragmentation", test_fragmentation);
  g_test_add_func ("/examples/fragmentation/export-first-access", test_fragmentation_export);
  g_test_add_func ("/examples/fragmentation/export-failed-step", test_fragmentation_failed_step);
  g_test_add_func ("/examples/protections", test_protections);
  g_test_add_func ("/examples/page-states", test_page_states);
  g_test_add_func ("/examples/x86-32-split", test_x86_32_split);
  g_test_add_func ("/examples/x86-64", test_x86_64);
  g_test_add_func ("/examples/large-pages", test_large_pages);
  g_test_add_func ("/examples/tlb", test_tlb);
  g_test_add_func ("/examples/belady", test_belady);
  g_test_add_func ("/examples/multilevel", test_multilevel);
  g_test_add_func ("/examples/riscv-sv39", test_riscv_sv39);
  g_test_add_func ("/examples/cow-fork", test_cow_fork);
  g_test_add_func ("/examples/multiprocess", test_multiprocess);
  g_test_add_func ("/examples/export-every-view", test_export_all);
  return g_test_run ();
}

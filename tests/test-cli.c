/* test-cli.c: pagewalk-cli's JSON shapes and exit statuses (docs/cli.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "pw-compare.h"
#include "pw-test-cli.h"

/* run_argv() with the arguments as a NULL-terminated list */
static Result
run_cli (const char *first,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  va_start (ap, first);
  for (const char *a = first; a; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  return run_argv ((const char * const *) args->pdata);
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(JsonParser) p = json_parser_new ();
  g_autoptr(GError) error = NULL;
  json_parser_load_from_data (p, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (p));
}

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "cli", name, NULL);
}

/* The example of docs/cli.md, field by field. */
static void
test_translate_seed_json (void)
{
  Result r = run_cli ("translate", "seed", "0x0002150", "--json", NULL);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o, *step;
  JsonArray *fields, *walk, *flags, *bits;

  g_assert_cmpint (r.status, ==, 0);
  root = parse (r.out);
  g_assert_cmpint (json_array_get_length (json_node_get_array (root)), ==, 1);
  o = json_array_get_object_element (json_node_get_array (root), 0);
  g_assert_cmpstr (json_object_get_string_member (o, "va"), ==, "0x2150");
  g_assert_cmpint (json_object_get_int_member (o, "pid"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (o, "access"), ==, "read");
  g_assert_cmpstr (json_object_get_string_member (o, "mode"), ==, "user");
  fields = json_object_get_array_member (o, "fields");
  g_assert_cmpint (json_array_get_length (fields), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (fields, 0), "name"), ==, "L1");
  bits = json_object_get_array_member (json_array_get_object_element (fields, 0), "bits");
  g_assert_cmpint (json_array_get_int_element (bits, 0), ==, 27);
  g_assert_cmpint (json_array_get_int_element (bits, 1), ==, 12);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (fields, 0), "value"), ==, "0x2");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (fields, 1), "name"), ==, "offset");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (fields, 1), "value"), ==, "0x150");
  walk = json_object_get_array_member (o, "walk");
  g_assert_cmpint (json_array_get_length (walk), ==, 1);
  step = json_array_get_object_element (walk, 0);
  g_assert_cmpint (json_object_get_int_member (step, "depth"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (step, "name"), ==, "L1");
  g_assert_cmpstr (json_object_get_string_member (step, "table"), ==, "0xffc0000");
  g_assert_cmpint (json_object_get_int_member (step, "index"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (step, "entry_pa"), ==, "0xffc0008");
  g_assert_cmpstr (json_object_get_string_member (step, "entry"), ==, "0x109007");
  flags = json_object_get_array_member (step, "flags");
  g_assert_cmpint (json_array_get_length (flags), ==, 3);
  g_assert_cmpstr (json_array_get_string_element (flags, 0), ==, "present");
  g_assert_cmpstr (json_array_get_string_element (flags, 1), ==, "writable");
  g_assert_cmpstr (json_array_get_string_element (flags, 2), ==, "user");
  g_assert_true (json_object_get_boolean_member (step, "leaf"));
  g_assert_cmpstr (json_object_get_string_member (o, "result"), ==, "ok");
  g_assert_cmpstr (json_object_get_string_member (o, "pa"), ==, "0x109150");
  g_assert_cmpint (json_object_get_int_member (o, "page_size"), ==, 4096);
  g_assert_true (json_object_get_null_member (o, "fault"));
  result_clear (&r);
}

static void
test_translate_fault_json (void)
{
  Result r = run_cli ("translate", "seed", "0x0003010", "0x10000000", "--json", NULL);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o, *fault;

  g_assert_cmpint (r.status, ==, 0);
  root = parse (r.out);
  o = json_array_get_object_element (json_node_get_array (root), 0);
  g_assert_cmpstr (json_object_get_string_member (o, "result"), ==, "fault");
  g_assert_true (json_object_get_null_member (o, "pa"));
  g_assert_true (json_object_get_null_member (o, "page_size"));
  fault = json_object_get_object_member (o, "fault");
  g_assert_cmpstr (json_object_get_string_member (fault, "kind"), ==, "not-present");
  g_assert_cmpint (json_object_get_int_member (fault, "depth"), ==, 0);
  g_assert_nonnull (json_object_get_string_member (fault, "message"));
  /* 28-bit seed: beyond va_bits, no table read */
  o = json_array_get_object_element (json_node_get_array (root), 1);
  fault = json_object_get_object_member (o, "fault");
  g_assert_cmpstr (json_object_get_string_member (fault, "kind"), ==, "out-of-range");
  g_assert_true (json_object_get_null_member (fault, "depth"));
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (o, "walk")), ==, 0);
  result_clear (&r);
}

static void
test_translate_text (void)
{
  Result r = run_cli ("translate", "seed", "0x0002150", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "0x0002150"));
  g_assert_nonnull (strstr (r.out, "0x0109150"));
  g_assert_nonnull (strstr (r.out, "present writable user"));
  result_clear (&r);
}

static void
test_x86_64_levels (void)
{
  Result r = run_cli ("translate", "x86-64", "0x7fffffffe123", "0x200abc", "0x40012345",
                      "--json", NULL);
  g_autoptr(JsonNode) root = NULL;
  JsonArray *a;
  const char *names[] = { "PML4", "PDPT", "PD", "PT" };
  const gint64 sizes[] = { 4096, 2 << 20, 1 << 30 };
  const guint steps[] = { 4, 3, 2 };

  g_assert_cmpint (r.status, ==, 0);
  root = parse (r.out);
  a = json_node_get_array (root);
  for (guint i = 0; i < 3; i++)
    {
      JsonObject *o = json_array_get_object_element (a, i);
      JsonArray *walk = json_object_get_array_member (o, "walk");
      g_assert_cmpstr (json_object_get_string_member (o, "result"), ==, "ok");
      g_assert_cmpint (json_object_get_int_member (o, "page_size"), ==, sizes[i]);
      g_assert_cmpint (json_array_get_length (walk), ==, steps[i]);
      for (guint k = 0; k < steps[i]; k++)
        g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (walk, k), "name"),
                         ==, names[k]);
    }
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (a, 1), "pa"), ==, "0x400abc");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (a, 2), "pa"), ==, "0x80012345");
  result_clear (&r);
}

static void
test_exit_statuses (void)
{
  struct { const char *args[6]; int status; } cases[] = {
    { { NULL }, 2 },
    { { "--help", NULL }, 0 },
    { { "--version", NULL }, 0 },
    { { "frobnicate", NULL }, 2 },
    { { "translate", "seed", NULL }, 2 },
    { { "translate", "seed", "zork", NULL }, 2 },
    { { "translate", "no-such-example-or-file", "0x1", NULL }, 2 },
    { { "translate", "seed", "0x1", "--pid", "9", NULL }, 2 },
    { { "translate", "seed", "0x1", "--access", "jump", NULL }, 2 },
    { { "translate", "seed", "0x1", "--at", "999", NULL }, 2 },
    { { "translate", "seed", "0x3000", NULL }, 0 },
    { { "state", "seed", "--at", "2", NULL }, 0 },
    { { "run", "seed", "--policy", "belady", NULL }, 2 },
    { { "run", "seed", "--tlb", "16x3", NULL }, 2 },
    { { "run", "seed", "--frames", "0", NULL }, 2 },
    { { "compare", "seed", "--json", "--csv", NULL }, 2 },
    { { "examples", "extra", NULL }, 2 },
    { { "validate", "seed", "x86-64", NULL }, 0 },
    /* numeric options take every number form; pid 0 is no process */
    { { "state", "seed", "--at", "0b10", NULL }, 0 },
    { { "run", "seed", "--frames", "0x3", NULL }, 0 },
    { { "translate", "seed", "0x1", "--pid", "0", NULL }, 2 },
    { { "translate", "seed", "0x1", "--at", "-5", NULL }, 2 },
    { { "run", "seed", "--tlb", "", NULL }, 2 },
    { { "run", "seed", "--trace", "", NULL }, 2 },
    { { "compare", "seed", "--policies", "", NULL }, 2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char **a = cases[i].args;
      Result r = run_cli (a[0], a[0] ? a[1] : NULL, a[0] && a[1] ? a[2] : NULL,
                          a[0] && a[1] && a[2] ? a[3] : NULL,
                          a[0] && a[1] && a[2] && a[3] ? a[4] : NULL, NULL);
      if (r.status != cases[i].status)
        g_test_message ("case %u (%s %s): status %d, stderr: %s", i, a[0], a[1] ? a[1] : "",
                        r.status, r.err);
      g_assert_cmpint (r.status, ==, cases[i].status);
      if (r.status == 2)
        {
          /* one line of reason */
          g_assert_cmpuint (strlen (r.err), >, 0);
          g_assert_true (strchr (r.err, '\n') == r.err + strlen (r.err) - 1);
        }
      result_clear (&r);
    }
}

static void
test_examples_json (void)
{
  Result r = run_cli ("examples", "--json", NULL);
  g_autoptr(JsonNode) root = NULL;
  JsonArray *a;
  gboolean seen_seed = FALSE;

  g_assert_cmpint (r.status, ==, 0);
  root = parse (r.out);
  a = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (a), >=, 2);
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonObject *o = json_array_get_object_element (a, i);
      g_assert_true (json_object_has_member (o, "name"));
      g_assert_true (json_object_has_member (o, "title"));
      g_assert_true (json_object_has_member (o, "arch"));
      if (g_str_equal (json_object_get_string_member (o, "name"), "seed"))
        {
          seen_seed = TRUE;
          g_assert_cmpstr (json_object_get_string_member (o, "arch"), ==, "seed");
        }
    }
  g_assert_true (seen_seed);
  result_clear (&r);
}

static void
test_state_json (void)
{
  Result r = run_cli ("state", "seed", "--json", NULL);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o, *p, *page;
  JsonArray *frames, *pages, *disk;
  gboolean table_seen = FALSE;

  g_assert_cmpint (r.status, ==, 0);
  root = parse (r.out);
  o = json_node_get_object (root);
  p = json_array_get_object_element (json_object_get_array_member (o, "processes"), 0);
  g_assert_cmpint (json_object_get_int_member (p, "pid"), ==, 1);
  g_assert_true (json_object_has_member (p, "regions"));
  pages = json_object_get_array_member (p, "pages");
  page = json_array_get_object_element (pages, 2);
  g_assert_cmpstr (json_object_get_string_member (page, "page"), ==, "0x2");
  g_assert_cmpstr (json_object_get_string_member (page, "frame"), ==, "0x109");
  g_assert_false (json_object_get_boolean_member (page, "accessed"));
  page = json_array_get_object_element (pages, 3);
  g_assert_cmpint (json_object_get_int_member (page, "disk"), ==, 7);
  frames = json_object_get_array_member (o, "frames");
  for (guint i = 0; i < json_array_get_length (frames); i++)
    {
      JsonObject *f = json_array_get_object_element (frames, i);
      if (g_str_equal (json_object_get_string_member (f, "use"), "table"))
        {
          table_seen = TRUE;
          g_assert_cmpstr (json_object_get_string_member (f, "frame"), ==, "0xffc0");
        }
    }
  g_assert_true (table_seen);
  disk = json_object_get_array_member (o, "disk");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (disk, 0), "slot"), ==, 7);
  g_assert_true (json_object_has_member (o, "tlb"));
  g_assert_true (json_object_has_member (json_object_get_object_member (o, "stats"), "walk_reads"));
  result_clear (&r);

  /* after the first read the accessed bit is set by the MMU */
  r = run_cli ("state", "seed", "--json", "--at", "1", NULL);
  g_clear_pointer (&root, json_node_unref);
  root = parse (r.out);
  p = json_array_get_object_element (json_object_get_array_member (json_node_get_object (root), "processes"), 0);
  page = json_array_get_object_element (json_object_get_array_member (p, "pages"), 2);
  g_assert_true (json_object_get_boolean_member (page, "accessed"));
  g_assert_false (json_object_get_boolean_member (page, "dirty"));
  result_clear (&r);
}

static void
test_run_json (void)
{
  Result r = run_cli ("run", "seed", "--json", NULL);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o, *ev, *stats;
  JsonArray *events;

  g_assert_cmpint (r.status, ==, 0);
  root = parse (r.out);
  o = json_node_get_object (root);
  events = json_object_get_array_member (o, "events");
  g_assert_cmpint (json_array_get_length (events), ==, 5);
  ev = json_array_get_object_element (events, 0);
  g_assert_cmpint (json_object_get_int_member (ev, "i"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (ev, "va"), ==, "0x2150");
  g_assert_cmpstr (json_object_get_string_member (ev, "page"), ==, "0x2");
  g_assert_cmpstr (json_object_get_string_member (ev, "tlb"), ==, "off");
  g_assert_true (json_object_get_null_member (ev, "fault"));
  g_assert_cmpstr (json_object_get_string_member (ev, "pa"), ==, "0x109150");
  g_assert_true (json_object_get_null_member (ev, "evicted"));
  ev = json_array_get_object_element (events, 3);
  g_assert_cmpstr (json_object_get_string_member (ev, "fault"), ==, "major");
  stats = json_object_get_object_member (o, "stats");
  g_assert_cmpint (json_object_get_int_member (stats, "accesses"), ==, 5);
  g_assert_cmpint (json_object_get_int_member (stats, "major_faults"), ==, 1);
  result_clear (&r);

  r = run_cli ("run", "seed", "--json", "--stats-only", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_clear_pointer (&root, json_node_unref);
  root = parse (r.out);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "page_faults"), ==, 1);
  result_clear (&r);
}

static void
test_traces (void)
{
  g_autofree char *plain = data_path ("trace-plain.txt");
  g_autofree char *lackey = data_path ("trace-lackey.txt");
  g_autofree char *pages = data_path ("trace-pages.txt");
  g_autofree char *bad = data_path ("trace-bad.txt");
  g_autofree char *belady = data_path ("belady-seed.pagewalk");
  Result r;
  g_autoptr(JsonNode) root = NULL;

  r = run_cli ("run", belady, "--trace", plain, "--json", "--stats-only", NULL);
  g_assert_cmpint (r.status, ==, 0);
  root = parse (r.out);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "accesses"), ==, 12 + 4);
  result_clear (&r);

  /* lackey: I, L, S, and M (a read then a write); ==PID== lines skipped */
  r = run_cli ("run", belady, "--trace", lackey, "--json", "--stats-only", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_clear_pointer (&root, json_node_unref);
  root = parse (r.out);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "accesses"), ==, 12 + 5);
  result_clear (&r);

  r = run_cli ("run", belady, "--trace", pages, "--trace-format", "pages", "--json", "--stats-only", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_clear_pointer (&root, json_node_unref);
  root = parse (r.out);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "accesses"), ==, 24);
  result_clear (&r);

  r = run_cli ("run", belady, "--trace", bad, NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "trace-bad.txt:2:"));
  result_clear (&r);
}

/* A trace read from a pipe is read once, into memory: nothing is lost to
 * format detection. */
static void
test_trace_pipe (void)
{
  g_autofree char *belady = data_path ("belady-seed.pagewalk");
  g_autofree char *cmd = g_strdup_printf ("printf ' L 00001000,8\\n S 00002000,8\\n' | '%s' run '%s' "
                                          "--trace /dev/stdin --json --stats-only", cli, belady);
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  int wait_status;
  const char *argv[] = { "/bin/sh", "-c", cmd, NULL };

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                &wait_status, &error);
  g_assert_no_error (error);
  g_assert_cmpint (WEXITSTATUS (wait_status), ==, 0);
  root = parse (out);
  /* the scenario's 12 steps and both lackey lines */
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "accesses"), ==, 14);
}

/* A bad trace line is found before any output: no half-written JSON. */
static void
test_trace_bad_before_output (void)
{
  g_autofree char *belady = data_path ("belady-seed.pagewalk");
  g_autofree char *bad = data_path ("trace-bad.txt");
  Result r = run_cli ("run", belady, "--trace", bad, "--json", NULL);

  g_assert_cmpint (r.status, ==, 2);
  g_assert_cmpstr (r.out, ==, "");
  g_assert_nonnull (strstr (r.err, "trace-bad.txt:2:"));
  result_clear (&r);
}

static void
test_compare_belady (void)
{
  g_autofree char *belady = data_path ("belady-seed.pagewalk");
  Result r = run_cli ("compare", belady, "--policies", "fifo,opt", "--frames", "3,4", "--json", NULL);
  g_autoptr(JsonNode) root = NULL;
  JsonArray *a;
  const gint64 expect[4] = { 9, 7, 10, 6 };

  g_assert_cmpint (r.status, ==, 0);
  root = parse (r.out);
  a = json_object_get_array_member (json_node_get_object (root), "results");
  g_assert_cmpint (json_array_get_length (a), ==, 4);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (a, i), "page_faults"),
                     ==, expect[i]);
  result_clear (&r);
}

static void
test_validate_bad (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pagewalk-cli-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "broken.pagewalk", NULL);
  Result r;

  g_file_set_contents (path, "{\n  \"pagewalk\": 1,\n  \"arch\": \"seed\",,\n}\n", -1, NULL);
  r = run_cli ("validate", path, NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_true (g_str_has_prefix (r.err, path));
  g_assert_nonnull (strstr (r.err, ":3:"));
  result_clear (&r);
  g_unlink (path);
  g_rmdir (dir);
}

/* export checks --access and --translate before anything is drawn, with
 * --translate or without */
static void
test_export_access_checked (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pagewalk-cli-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "x.png", NULL);
  g_autofree char *opt = g_strconcat ("--output=", png, NULL);
  Result r;

  r = run_cli ("export", "seed", opt, "--access", "bogus", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_cmpstr (r.err, ==, "pagewalk-cli: --access must be read, write or exec\n");
  result_clear (&r);
  r = run_cli ("export", "seed", opt, "--translate", "qq", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_true (g_str_has_prefix (r.err, "pagewalk-cli: --translate: “qq” is not a number"));
  result_clear (&r);
  g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
  g_rmdir (dir);
}

/* export --check-layout: one line a problem (view, kind, the whole text,
 * its box); 2 when a number was shortened, 0 when the drawing is clean; the
 * image is written either way */
static void
test_export_check_layout (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pagewalk-cli-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "x.png", NULL);
  Result r;

  r = run_cli ("export", "chunks", "--view", "pagetable", "--width", "400", "-o", png,
               "--check-layout", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.out, "pagetable\tshortened number\t“PTBR = frame 0xffffc0 · empty entries folded"
                            " · the walk's path highlighted”\t16,38 368x13\n"));
  g_assert_true (g_file_test (png, G_FILE_TEST_EXISTS));
  result_clear (&r);
  g_unlink (png);

  r = run_cli ("export", "chunks", "--view", "overview", "--width", "1280", "-o", png,
               "--check-layout", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_null (strstr (r.out, "shortened number"));
  g_assert_null (strstr (r.out, "overlap"));
  result_clear (&r);
  g_unlink (png);
  g_rmdir (dir);
}

/* The height a PNG says in its header. */
static guint32
png_height (const char *path)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  g_autoptr(GError) error = NULL;
  const guint8 *b;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (len, >, 24);
  b = (const guint8 *) data;
  return (guint32) b[20] << 24 | (guint32) b[21] << 16 | (guint32) b[22] << 8 | b[23];
}

/* export --text-scale: the text and the layout around it half as large
 * again (a taller figure at the same width), nothing cut off; out of range
 * is a usage error and writes nothing */
static void
test_export_text_scale (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pagewalk-cli-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "x.png", NULL);
  guint32 h1, h15;
  Result r;

  r = run_cli ("export", "seed", "--view", "vaspace", "--width", "1280", "-o", png, NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  h1 = png_height (png);
  g_unlink (png);
  r = run_cli ("export", "seed", "--view", "vaspace", "--width", "1280", "--text-scale", "1.5",
               "-o", png, "--check-layout", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_null (strstr (r.out, "number"));
  result_clear (&r);
  h15 = png_height (png);
  g_unlink (png);
  g_assert_cmpuint (h15, >=, h1 * 14 / 10);

  r = run_cli ("export", "seed", "--text-scale", "9", "-o", png, NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "--text-scale must be between 0.5 and 4"));
  result_clear (&r);
  g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
  g_rmdir (dir);
}

/* The bytes of @path. */
static GBytes *
file_bytes (const char *path)
{
  char *data = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  return g_bytes_new_take (data, len);
}

/* export --at N --time T draws what the app shows at T: while step N's
 * access unfolds, the panes around the walk show the machine before the
 * step until the kernel acts.  seed's step 4 is a major fault (page 0x3
 * read back from disk slot 7): at 0 s the address space is the one after
 * step 3 (the same picture as a walk of that address there), at the end
 * the one after step 4; with reduced motion the end at once. */
static void
test_export_time_before (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pagewalk-cli-XXXXXX", NULL);
  g_autofree char *early = g_build_filename (dir, "early.png", NULL);
  g_autofree char *late = g_build_filename (dir, "late.png", NULL);
  g_autofree char *final = g_build_filename (dir, "final.png", NULL);
  g_autofree char *prev = g_build_filename (dir, "prev.png", NULL);
  g_autofree char *reduced = g_build_filename (dir, "reduced.png", NULL);
  g_autoptr(GBytes) b_early = NULL, b_late = NULL, b_final = NULL, b_prev = NULL, b_reduced = NULL;
  Result r;

  r = run_cli ("export", "seed", "--view", "vaspace", "--at", "4", "--time", "0", "-o", early, NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  r = run_cli ("export", "seed", "--view", "vaspace", "--at", "4", "--time", "100", "-o", late, NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  r = run_cli ("export", "seed", "--view", "vaspace", "--at", "4", "-o", final, NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  r = run_cli ("export", "seed", "--view", "vaspace", "--at", "3", "--translate", "0x3010", "-o", prev, NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  r = run_cli ("export", "seed", "--view", "vaspace", "--at", "4", "--time", "0", "--reduced-motion",
               "-o", reduced, NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);

  b_early = file_bytes (early);
  b_late = file_bytes (late);
  b_final = file_bytes (final);
  b_prev = file_bytes (prev);
  b_reduced = file_bytes (reduced);
  g_assert_false (g_bytes_equal (b_early, b_late));
  g_assert_true (g_bytes_equal (b_early, b_prev));
  g_assert_true (g_bytes_equal (b_late, b_final));
  g_assert_true (g_bytes_equal (b_reduced, b_final));
  g_unlink (early);
  g_unlink (late);
  g_unlink (final);
  g_unlink (prev);
  g_unlink (reduced);
  g_rmdir (dir);
}

/* compare's --frames reads each count as run's --frames does: the bad one
 * is quoted */
static void
test_compare_frames_quoted (void)
{
  Result r = run_cli ("compare", "belady", "--policies", "fifo", "--frames", "3,x\033", NULL);

  g_assert_cmpint (r.status, ==, 2);
  g_assert_cmpstr (r.err, ==, "pagewalk-cli: --frames: “x\\x1b” is not a number of 64 bits "
                   "(write 42, 0x2a, 0b101010 or 4KiB)\n");
  result_clear (&r);
  r = run_cli ("compare", "belady", "--policies", "fifo", "--frames", "3,0", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_cmpstr (r.err, ==, "pagewalk-cli: --frames must be from 1 to 9223372036854775807\n");
  result_clear (&r);
}

/* A scenario of one step */
static const char one_step[] =
  "{ \"pagewalk\": 1, \"arch\": \"seed\",\n"
  "  \"processes\": [ { \"pid\": 1, \"regions\": [ { \"start\": \"0x0\", "
  "\"size\": \"4KiB\", \"prot\": \"rw\" } ] } ],\n"
  "  \"steps\": [ \"r 0x10\" ] }\n";

/* A file name with a terminal escape is escaped in `validate`'s line and
 * in the loader's message, never printed raw */
static void
test_validate_odd_name (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pagewalk-cli-XXXXXX", NULL);
  g_autofree char *good = g_build_filename (dir, "a\033[31mb.pagewalk", NULL);
  g_autofree char *bad = g_build_filename (dir, "c\nd\u202e.pagewalk", NULL);
  g_autofree char *good_shown = g_build_filename (dir, "a\\x1b[31mb.pagewalk: ok\n", NULL);
  g_autofree char *bad_shown = g_build_filename (dir, "c\\nd\\u202e.pagewalk:1:1: ", NULL);
  Result r;

  g_assert_true (g_file_set_contents (good, one_step, -1, NULL));
  g_assert_true (g_file_set_contents (bad, "", 0, NULL));
  r = run_cli ("validate", good, bad, NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_cmpstr (r.out, ==, good_shown);
  g_assert_true (g_str_has_prefix (r.err, bad_shown));
  g_assert_null (strchr (r.out, '\033'));
  g_assert_null (strchr (r.err, '\033'));
  result_clear (&r);
  g_unlink (good);
  g_unlink (bad);
  g_rmdir (dir);
}

/* Counts of one in messages and output: "1 step", not "1 steps" */
static void
test_at_beyond_one_step (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pagewalk-cli-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "one.pagewalk", NULL);
  Result r;

  g_file_set_contents (path, one_step, -1, NULL);
  r = run_cli ("state", path, "--at", "2", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_cmpstr (r.err, ==, "pagewalk-cli: --at 2: the scenario has only 1 step\n");
  result_clear (&r);
  /* a count of one is singular in `state` too */
  r = run_cli ("state", path, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "\nFrames in use: 1 record\n"));
  result_clear (&r);
  r = run_cli ("state", path, "--at", "1", NULL);
  g_assert_nonnull (strstr (r.out, "\nFrames in use: 2 records\n"));
  result_clear (&r);
  r = run_cli ("state", "seed", "--at", "9", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_cmpstr (r.err, ==, "pagewalk-cli: --at 9: the scenario has only 5 steps\n");
  result_clear (&r);
  g_unlink (path);
  g_rmdir (dir);
}

/* ---- evictions, hostile input, output errors, signals --------------------- */

/* Runs `sh -c @cmd`; fills @out and @err; returns the wait status. */
static int
run_sh (const char  *cmd,
        char       **out,
        char       **err)
{
  const char *argv[] = { "/bin/sh", "-c", cmd, NULL };
  g_autoptr(GError) error = NULL;
  int wait_status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err,
                &wait_status, &error);
  g_assert_no_error (error);
  return wait_status;
}

/* A scenario in a temporary directory; free with g_free, remove the file
 * and the directory with g_unlink and g_rmdir. */
static char *
write_scenario (const char  *json,
                char       **dir)
{
  g_autoptr(GError) error = NULL;
  char *path;

  *dir = g_dir_make_tmp ("test-cli-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (*dir, "s.pagewalk", NULL);
  g_file_set_contents (path, json, -1, &error);
  g_assert_no_error (error);
  return path;
}

/* A dirty page is written to its slot; a clean page with a current copy and
 * a zero page nobody wrote are dropped. */
static void
test_evictions_written (void)
{
  static const char json[] =
    "{ \"pagewalk\": 1, \"arch\": \"x86-32\", \"memory\": { \"frames\": 4 }, \"disk\": { \"slots\": 8 },\n"
    "  \"processes\": [ { \"pid\": 1, \"regions\": [ { \"start\": \"0x1000\", \"size\": \"16KiB\", \"state\": \"committed\" } ],\n"
    "                   \"map\": [ { \"page\": 4, \"disk\": 5 } ] } ],\n"
    "  \"steps\": [ \"w 0x1000\", \"r 0x2000\", \"r 0x3000\", \"r 0x4000\", \"r 0x1000\" ] }\n";
  g_autofree char *dir = NULL;
  g_autofree char *path = write_scenario (json, &dir);
  Result r = run_cli ("run", path, "--json", NULL);
  g_autoptr(JsonNode) root = NULL;
  JsonArray *events;
  guint written = 0, dropped_zero = 0;

  g_assert_cmpint (r.status, ==, 0);
  root = parse (r.out);
  events = json_object_get_array_member (json_node_get_object (root), "events");
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *ev = json_array_get_object_element (events, i);
      JsonObject *e;
      if (json_object_get_null_member (ev, "evicted"))
        continue;
      e = json_object_get_object_member (ev, "evicted");
      g_assert_true (json_object_has_member (e, "written"));
      if (json_object_get_boolean_member (e, "written"))
        {
          g_assert_true (g_str_has_prefix (json_object_get_string_member (e, "to"), "disk:"));
          g_assert_true (json_object_get_boolean_member (e, "dirty"));
          written++;
        }
      else
        {
          g_assert_cmpstr (json_object_get_string_member (e, "to"), ==, "dropped");
          g_assert_false (json_object_get_boolean_member (e, "dirty"));
          dropped_zero++;
        }
    }
  /* page 1 (written) goes first, to a slot; the reads of zero pages are
   * dropped when their turn comes */
  g_assert_cmpuint (written, ==, 1);
  g_assert_cmpuint (dropped_zero, >=, 1);
  result_clear (&r);

  r = run_cli ("run", path, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "written to disk slot"));
  g_assert_nonnull (strstr (r.out, ", dropped)"));
  result_clear (&r);

  /* belady: clean pages read from their slots, dropped with a current copy */
  r = run_cli ("run", "belady", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "dropped, its copy in disk slot"));
  g_assert_null (strstr (r.out, "written to disk slot"));
  result_clear (&r);
  g_unlink (path);
  g_rmdir (dir);
}

/* A long or odd argument is repeated at most PW_QUOTE_MAX (60) characters
 * long, escaped, on one line. */
static void
test_hostile_arguments (void)
{
  g_autoptr(GString) longer = g_string_new (NULL);
  g_autofree char *odd = NULL, *pdf = NULL;

  for (guint i = 0; i < 5000; i++)
    g_string_append_c (longer, 'z');
  odd = g_strconcat ("\x1b[31mred\nline\t", longer->str, NULL);
  pdf = g_strconcat (longer->str, ".xyz", NULL);
  {
    const char *cases[][8] = {
      { odd, NULL },
      { "translate", "seed", odd, NULL },
      { "translate", "seed", "0x1", "--at", odd, NULL },
      { "run", "seed", "--frames", odd, NULL },
      { "run", "seed", "--trace", odd, NULL },
      { "run", odd, NULL },
      { "compare", "seed", "--policies", odd, NULL },
      { "export", "seed", "-o", pdf, NULL },
      { "export", "seed", "-o", "x.png", "--view", odd, NULL },
      { "export", "seed", "-o", "x.png", "--theme", odd, NULL },
      { "export", "seed", "extra", odd, "-o", "x.png", NULL },
      { "state", "seed", odd, NULL },
      { "run", "seed", odd, NULL },
    };
    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        Result r = run_argv (cases[i]);
        g_assert_cmpint (r.status, ==, 2);
        /* one line, no terminal escape, no 5000 z's */
        g_assert_true (strchr (r.err, '\n') == r.err + strlen (r.err) - 1);
        g_assert_null (strchr (r.err, '\x1b'));
        g_assert_cmpuint (strlen (r.err), <, 400);
        g_assert_null (strstr (r.err, "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"));
        result_clear (&r);
      }
  }
}

/* A bad number on a trace line read from standard input: the line's place
 * and the number quoted, shortened. */
static void
test_hostile_trace (void)
{
  g_autofree char *cmd = g_strdup_printf ("printf 'r 0x1000\\nw 0x1%%0500d\\n' 1 | '%s' run belady "
                                          "--trace - --trace-format plain --json", cli);
  g_autofree char *out = NULL, *err = NULL;
  int ws = run_sh (cmd, &out, &err);

  g_assert_true (WIFEXITED (ws));
  g_assert_cmpint (WEXITSTATUS (ws), ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_assert_true (g_str_has_prefix (err, "<stdin>:2: "));
  g_assert_cmpuint (strlen (err), <, 200);
}

/* Output that cannot be written is an error, whatever the command. */
static void
test_output_full (void)
{
  const char *commands[] = {
    "run belady", "run belady --json", "run belady --stats-only", "state seed --json",
    "state seed", "translate seed 0x3000", "examples", "examples --json",
    "compare belady --policies fifo,opt", "validate seed", "--help", "--version",
    "run --help", "export --help",
  };

  if (!g_file_test ("/dev/full", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no /dev/full");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *cmd = g_strdup_printf ("'%s' %s > /dev/full", cli, commands[i]);
      g_autofree char *out = NULL, *err = NULL;
      int ws = run_sh (cmd, &out, &err);

      g_assert_true (WIFEXITED (ws));
      if (WEXITSTATUS (ws) != 2)
        g_test_message ("%s: status %d", commands[i], WEXITSTATUS (ws));
      g_assert_cmpint (WEXITSTATUS (ws), ==, 2);
      g_assert_nonnull (strstr (err, "cannot write the output"));
    }
}

/* `--trace -` reads standard input, once, for run and for every policy of
 * compare; the results equal those of the same trace in a file. */
static void
test_trace_stdin (void)
{
  g_autofree char *plain = data_path ("trace-plain.txt");
  g_autofree char *cmd = g_strdup_printf ("'%s' compare belady --policies fifo,lru,opt --frames 3,4 "
                                          "--trace - --json < '%s'", cli, plain);
  g_autofree char *out = NULL, *err = NULL;
  Result r = run_cli ("compare", "belady", "--policies", "fifo,lru,opt", "--frames", "3,4",
                      "--trace", plain, "--json", NULL);
  int ws = run_sh (cmd, &out, &err);

  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (WIFEXITED (ws));
  g_assert_cmpint (WEXITSTATUS (ws), ==, 0);
  g_assert_cmpstr (out, ==, r.out);
  result_clear (&r);

  g_clear_pointer (&cmd, g_free);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  cmd = g_strdup_printf ("cat '%s' | '%s' run belady --policy opt --trace - --json", plain, cli);
  r = run_cli ("run", "belady", "--policy", "opt", "--trace", plain, "--json", NULL);
  ws = run_sh (cmd, &out, &err);
  g_assert_cmpint (WEXITSTATUS (ws), ==, 0);
  g_assert_cmpstr (out, ==, r.out);
  result_clear (&r);
}

/* `state --at K` under opt is the state `run` passes by: the run (PwRun)
 * gives opt its future at every K. */
static void
test_state_opt_matches_run (void)
{
  Result full = run_cli ("run", "belady", "--policy", "opt", "--frames", "3", "--json", NULL);
  g_autoptr(JsonNode) root = NULL;
  JsonArray *events;
  guint64 faults = 0;

  g_assert_cmpint (full.status, ==, 0);
  root = parse (full.out);
  events = json_object_get_array_member (json_node_get_object (root), "events");
  for (guint k = 1; k <= json_array_get_length (events); k++)
    {
      g_autofree char *at = g_strdup_printf ("%u", k);
      Result r = run_cli ("state", "belady", "--policy", "opt", "--frames", "3", "--at", at, "--json", NULL);
      g_autoptr(JsonNode) st = NULL;
      JsonObject *ev = json_array_get_object_element (events, k - 1);

      g_assert_cmpint (r.status, ==, 0);
      if (!json_object_get_null_member (ev, "fault"))
        faults++;
      st = parse (r.out);
      g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (json_node_get_object (st), "stats"),
                                                   "page_faults"), ==, faults);
      result_clear (&r);
    }
  result_clear (&full);
}

/* OPT with pages resident from set-up (map pins): they get their true next
 * use, so the first fault evicts page 3 (used last), not page 1 (used next);
 * 2 faults in all, in `run` and at every `state --at K`. */
static void
test_opt_pinned (void)
{
  g_autofree char *path = data_path ("opt-pinned.pagewalk");
  Result r = run_cli ("run", path, "--json", NULL);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o, *ev0;
  guint64 expect[] = { 0, 1, 1, 1, 1, 2 };

  g_assert_cmpint (r.status, ==, 0);
  root = parse (r.out);
  o = json_node_get_object (root);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (o, "stats"), "page_faults"), ==, 2);
  ev0 = json_array_get_object_element (json_object_get_array_member (o, "events"), 0);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (ev0, "evicted"), "page"), ==, "0x3");
  result_clear (&r);
  for (guint k = 0; k < G_N_ELEMENTS (expect); k++)
    {
      g_autofree char *at = g_strdup_printf ("%u", k);
      g_autoptr(JsonNode) st = NULL;
      Result s = run_cli ("state", path, "--at", at, "--json", NULL);

      g_assert_cmpint (s.status, ==, 0);
      st = parse (s.out);
      g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (json_node_get_object (st), "stats"),
                                                   "page_faults"), ==, expect[k]);
      result_clear (&s);
    }
}

/* A trace whose file name holds a terminal escape: the messages quote the
 * name escaped, and no control character reaches the terminal. */
static void
test_trace_name_escaped (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pagewalk-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "tr\033[31m.txt", NULL);
  g_autoptr(GError) error = NULL;
  Result r;

  g_file_set_contents (path, "r 0x1000\nbad line\n", -1, &error);
  g_assert_no_error (error);
  r = run_cli ("run", "seed", "--trace", path, NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_null (strchr (r.err, '\033'));
  g_assert_nonnull (strstr (r.err, "\\x1b[31m.txt"));
  g_assert_nonnull (strstr (r.err, ":2:"));
  result_clear (&r);
  g_unlink (path);
  g_rmdir (dir);
}

/* Every command's --help names the command in its usage line. */
static void
test_help_names_command (void)
{
  static const char * const commands[] = { "translate", "run", "compare", "state", "validate",
                                           "examples", "export" };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *usage = g_strdup_printf ("pagewalk-cli %s [OPTION", commands[i]);
      Result r = run_cli (commands[i], "--help", NULL);

      g_assert_cmpint (r.status, ==, 0);
      g_assert_nonnull (strstr (r.out, usage));
      result_clear (&r);
    }
}

/* An export stopped by SIGTERM or SIGINT leaves no temporary file. */
static void
test_export_signal (void)
{
  const int sigs[] = { SIGTERM, SIGINT };

  for (guint s = 0; s < G_N_ELEMENTS (sigs); s++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *dir = g_dir_make_tmp ("test-cli-XXXXXX", &error);
      g_autofree char *png = g_build_filename (dir, "big.png", NULL);
      const char *argv[] = { cli, "export", "x86-64", "-o", png, "--width", "20000", "--scale", "1.5", NULL };
      gboolean seen = FALSE;
      GPid pid;
      int ws;

      g_assert_no_error (error);
      g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                     NULL, NULL, &pid, &error);
      g_assert_no_error (error);
      /* wait for the temporary to appear (it is made before drawing) */
      for (guint t = 0; t < 20000 && !seen; t++)
        {
          g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
          const char *name;
          while (d && (name = g_dir_read_name (d)))
            if (strstr (name, ".tmp-"))
              seen = TRUE;
          if (!seen)
            g_usleep (1000);
        }
      g_assert_true (seen);
      kill (pid, sigs[s]);
      g_assert_cmpint (waitpid (pid, &ws, 0), ==, pid);
      g_spawn_close_pid (pid);
      g_assert_true (WIFSIGNALED (ws));
      g_assert_cmpint (WTERMSIG (ws), ==, sigs[s]);
      {
        g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
        g_assert_null (g_dir_read_name (d));
      }
      g_rmdir (dir);
    }
}

/* translate --json: every entry's bit fields, low bits first, without gaps
 * or overlaps, each value the entry's bits; x86's P is bit 0 and RISC-V's
 * V bit 0 (what the app's inspector draws). */
static void
test_inspector_bit_fields (void)
{
  static const struct
  {
    const char *example;
    const char *address;
    const char *bit0;
  } cases[] = {
    { "seed", "0x0002150", "P" },
    { "x86-64", "0x200abc", "P" },
    { "riscv-sv39", "0x0", "V" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      Result r = run_cli ("translate", cases[c].example, cases[c].address, "--json", NULL);
      g_autoptr(JsonNode) root = NULL;
      JsonArray *walk;

      g_assert_cmpint (r.status, ==, 0);
      root = parse (r.out);
      walk = json_object_get_array_member (json_array_get_object_element (json_node_get_array (root), 0),
                                           "walk");
      g_assert_cmpuint (json_array_get_length (walk), >, 0);
      for (guint k = 0; k < json_array_get_length (walk); k++)
        {
          JsonObject *step = json_array_get_object_element (walk, k);
          JsonArray *fields = json_object_get_array_member (step, "bit_fields");
          guint64 entry = g_ascii_strtoull (json_object_get_string_member (step, "entry"), NULL, 16);
          int next_lo = -1;

          g_assert_nonnull (fields);
          g_assert_cmpuint (json_array_get_length (fields), >, 1);
          g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (fields, 0), "name"),
                           ==, cases[c].bit0);
          for (guint i = 0; i < json_array_get_length (fields); i++)
            {
              JsonObject *f = json_array_get_object_element (fields, i);
              JsonArray *bits = json_object_get_array_member (f, "bits");
              guint hi = (guint) json_array_get_int_element (bits, 0);
              guint lo = (guint) json_array_get_int_element (bits, 1);
              guint64 mask = hi - lo + 1 >= 64 ? G_MAXUINT64 : (G_GUINT64_CONSTANT (1) << (hi - lo + 1)) - 1;
              guint64 value = g_ascii_strtoull (json_object_get_string_member (f, "value"), NULL, 16);

              g_assert_cmpuint (hi, >=, lo);
              g_assert_cmpint ((int) lo, >, next_lo);
              next_lo = (int) hi;
              g_assert_cmphex (value, ==, (entry >> lo) & mask);
              g_assert_true (*json_object_get_string_member (f, "name") != '\0');
            }
        }
      result_clear (&r);
    }
}

/* ---- compare: the shared computation (pw-compare.h) ------------------------------ */

/* The figures of pw_compare_run() for @example over its sweep, every policy. */
static PwCompare *
compare_sweep (const char *example)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwScenario) sc = pw_scenario_load (example, &error);
  g_autoptr(PwRun) run = NULL;
  PwRunConfig cfg;
  guint64 frames[PW_COMPARE_MAX_FRAMES];
  guint n, n_policies;
  const PwPolicy *all = pw_compare_all_policies (&n_policies);
  PwCompare *cmp;

  g_assert_no_error (error);
  pw_run_config_init (&cfg);
  run = pw_run_new (sc, &cfg, NULL, &error);
  g_assert_no_error (error);
  n = pw_compare_sweep_frames (run, frames, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, >=, 1);
  cmp = pw_compare_run (run, all, n_policies, frames, n, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return cmp;
}

/* `compare --sweep --json` prints, for every example, the figures the app
 * computes with pw_compare_run(): policy by policy, frame count by count. */
static void
compare_examples_equal (void)
{
  PwExampleInfo **list = pw_examples_list ();

  for (guint i = 0; list[i] != NULL; i++)
    {
      g_autoptr(PwCompare) cmp = compare_sweep (list[i]->name);
      Result r = run_cli ("compare", list[i]->name, "--sweep", "--json", NULL);
      g_autoptr(JsonNode) root = NULL;
      JsonArray *a;

      g_assert_cmpint (r.status, ==, 0);
      root = parse (r.out);
      a = json_object_get_array_member (json_node_get_object (root), "results");
      g_assert_cmpuint (json_array_get_length (a), ==, cmp->n_frames * cmp->n_policies);
      for (guint k = 0; k < cmp->n_frames * cmp->n_policies; k++)
        {
          JsonObject *o = json_array_get_object_element (a, k);
          const PwCompareResult *res = &cmp->results[k];

          g_assert_cmpstr (json_object_get_string_member (o, "policy"), ==, pw_policy_name (res->policy));
          g_assert_cmpint (json_object_get_int_member (o, "frames"), ==, (gint64) res->frames);
          g_assert_cmpint (json_object_get_int_member (o, "page_faults"), ==, (gint64) res->page_faults);
          g_assert_cmpint (json_object_get_int_member (o, "accesses"), ==, (gint64) res->accesses);
          g_assert_cmpint (json_object_get_int_member (o, "evictions"), ==, (gint64) res->evictions);
        }
      result_clear (&r);
    }
  pw_examples_free (list);
}

/* --csv: a header, then one line per policy and frame count, with the
 * figures of --json */
static void
compare_csv (void)
{
  Result r = run_cli ("compare", "belady", "--frames", "1..5", "--csv", NULL);
  Result j = run_cli ("compare", "belady", "--frames", "1..5", "--json", NULL);
  g_auto(GStrv) lines = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *a;
  guint n = 0;

  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpint (j.status, ==, 0);
  lines = g_strsplit (r.out, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "policy,frames,accesses,page_faults,major_faults,evictions,hits,miss_ratio");
  root = parse (j.out);
  a = json_object_get_array_member (json_node_get_object (root), "results");
  /* 6 policies x 5 frame counts, then the empty string after the last newline */
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 6 * 5 + 1);
  g_assert_cmpstr (lines[6 * 5 + 1], ==, "");
  for (guint i = 1; lines[i][0] != '\0'; i++, n++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], ",", -1);
      gboolean found = FALSE;

      g_assert_cmpuint (g_strv_length (f), ==, 8);
      for (guint k = 0; k < json_array_get_length (a); k++)
        {
          JsonObject *o = json_array_get_object_element (a, k);
          if (g_str_equal (json_object_get_string_member (o, "policy"), f[0])
              && json_object_get_int_member (o, "frames") == g_ascii_strtoll (f[1], NULL, 10))
            {
              g_assert_cmpint (json_object_get_int_member (o, "page_faults"), ==, g_ascii_strtoll (f[3], NULL, 10));
              g_assert_cmpint (json_object_get_int_member (o, "hits"), ==, g_ascii_strtoll (f[6], NULL, 10));
              found = TRUE;
            }
        }
      g_assert_true (found);
    }
  g_assert_cmpuint (n, ==, 30);
  /* belady: fifo faults 9 with 3 frames and 10 with 4 */
  g_assert_nonnull (strstr (r.out, "\nfifo,3,12,9,"));
  g_assert_nonnull (strstr (r.out, "\nfifo,4,12,10,"));
  result_clear (&r);
  result_clear (&j);
}

/* --sweep on belady: 1 to 4 frames (the machine holds four data pages);
 * ranges and --sweep are checked */
static void
compare_sweep_cli (void)
{
  Result r = run_cli ("compare", "belady", "--sweep", NULL);
  Result bad = run_cli ("compare", "belady", "--frames", "4..2", NULL);
  Result both = run_cli ("compare", "belady", "--sweep", "--frames", "3", NULL);

  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "frames       fifo      lru      opt    clock      mru   random"));
  g_assert_nonnull (strstr (r.out, "\n3               9       10        7        9"));
  g_assert_nonnull (strstr (r.out, "\n4              10        8        6       10"));
  g_assert_null (strstr (r.out, "\n5 "));
  g_assert_cmpint (bad.status, ==, 2);
  g_assert_cmpint (both.status, ==, 2);
  result_clear (&r);
  result_clear (&bad);
  result_clear (&both);
}

/* export --view compare and --view lab draw, with the layout check clean */
static void
compare_export_views (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pagewalk-cli-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "compare.png", NULL);
  g_autofree char *svg = g_build_filename (dir, "lab.svg", NULL);
  Result r = run_cli ("export", "belady", "--view", "compare", "-o", png, "--check-layout", NULL);
  Result l = run_cli ("export", "belady", "--view", "lab", "--policy", "clock", "--at", "7", "-o", svg,
                      "--check-layout", NULL);
  g_autofree char *text = NULL;

  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpint (l.status, ==, 0);
  g_assert_true (g_file_test (png, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_get_contents (svg, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "<svg"));
  result_clear (&r);
  result_clear (&l);
  g_unlink (png);
  g_unlink (svg);
  g_rmdir (dir);
}

/* ---- a GNOME citizen: help COMMAND, standard input and output, --version ---------------- */

/* `help COMMAND` prints what `COMMAND --help` prints: a usage line that
 * names the command. */
static void
test_citizen_help_command (void)
{
  const char *commands[] = { "translate", "run", "compare", "state", "export", "validate", "examples" };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *usage = g_strdup_printf ("pagewalk-cli %s [OPTION…]", commands[i]);
      Result help = run_cli ("help", commands[i], NULL);
      Result direct = run_cli (commands[i], "--help", NULL);

      g_assert_cmpint (help.status, ==, 0);
      g_assert_nonnull (strstr (help.out, usage));
      g_assert_cmpstr (help.out, ==, direct.out);
      result_clear (&help);
      result_clear (&direct);
    }
  {
    Result r = run_cli ("help", "nonsense", NULL);
    g_assert_cmpint (r.status, ==, 2);
    g_assert_nonnull (strstr (r.err, "unknown command “nonsense”"));
    result_clear (&r);
  }
  {
    Result r = run_cli ("help", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "pagewalk-cli help COMMAND"));
    result_clear (&r);
  }
}

/* A scenario `-` is standard input: the same answers as the file, and its
 * errors are placed in <stdin>. */
static void
test_citizen_scenario_stdin (void)
{
  g_autofree char *seed = g_test_build_filename (G_TEST_DIST, "..", "src", "engine", "examples",
                                                 "seed.pagewalk", NULL);
  g_autofree char *cmd = g_strdup_printf ("'%s' translate - 0x0002150 --json < '%s'", cli, seed);
  g_autofree char *out = NULL, *err = NULL;
  Result r = run_cli ("translate", seed, "0x0002150", "--json", NULL);
  int ws = run_sh (cmd, &out, &err);

  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (WIFEXITED (ws));
  g_assert_cmpint (WEXITSTATUS (ws), ==, 0);
  g_assert_cmpstr (out, ==, r.out);
  g_assert_nonnull (strstr (out, "0x109150"));
  result_clear (&r);

  g_clear_pointer (&cmd, g_free);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  cmd = g_strdup_printf ("printf '{\\n  \"pagewalk\": 1,\\n' | '%s' validate -", cli);
  ws = run_sh (cmd, &out, &err);
  g_assert_cmpint (WEXITSTATUS (ws), ==, 2);
  g_assert_true (g_str_has_prefix (err, "<stdin>:"));

  /* standard input cannot be both the scenario and the trace */
  {
    Result both = run_cli ("run", "-", "--trace", "-", NULL);
    g_assert_cmpint (both.status, ==, 2);
    g_assert_nonnull (strstr (both.err, "both be standard input"));
    result_clear (&both);
  }
}

/* `export -o -` writes the image to standard output, in the --format asked;
 * --format is only for it. */
static void
test_citizen_export_stdout (void)
{
  static const struct
  {
    const char *format;
    const char *magic;
  } formats[] = {
    { NULL, "\x89PNG\r\n\x1a\n" },
    { "png", "\x89PNG\r\n\x1a\n" },
    { "svg", "<?xml" },
    { "pdf", "%PDF-" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *cmd = g_strdup_printf ("'%s' export seed --view walk -o -%s%s", cli,
                                              formats[i].format ? " --format " : "",
                                              formats[i].format ? formats[i].format : "");
      g_autofree char *out = NULL, *err = NULL;
      int ws = run_sh (cmd, &out, &err);

      g_assert_true (WIFEXITED (ws));
      g_assert_cmpint (WEXITSTATUS (ws), ==, 0);
      g_assert_cmpstr (err, ==, "");
      g_assert_true (g_str_has_prefix (out, formats[i].magic));
    }
  {
    Result r = run_cli ("export", "seed", "-o", "-", "--format", "gif", NULL);
    g_assert_cmpint (r.status, ==, 2);
    g_assert_nonnull (strstr (r.err, "unknown format “gif”"));
    g_assert_cmpstr (r.out, ==, "");
    result_clear (&r);
  }
  {
    g_autofree char *dir = g_dir_make_tmp ("pagewalk-test-XXXXXX", NULL);
    g_autofree char *png = g_build_filename (dir, "x.png", NULL);
    Result r = run_cli ("export", "seed", "-o", png, "--format", "svg", NULL);
    g_assert_cmpint (r.status, ==, 2);
    g_assert_nonnull (strstr (r.err, "--format"));
    g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
    result_clear (&r);
    g_rmdir (dir);
  }
}

/* --version: the project's version (meson.build, through config.h). */
static void
test_citizen_version (void)
{
  g_autofree char *want = g_strdup_printf ("pagewalk-cli %s\n", PACKAGE_VERSION);
  Result r = run_cli ("--version", NULL);

  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, want);
  result_clear (&r);
}

/* The German catalogue: messages, help and output in German under
 * LANGUAGE=de, numbers and JSON unchanged. */
static void
test_i18n_german (void)
{
  const char *dir = g_getenv ("PAGEWALK_TEST_LOCALEDIR");
  const char *translate[] = { "translate", "seed", "0x2150", NULL };
  const char *json[] = { "translate", "seed", "0x2150", "--json", NULL };
  const char *bad[] = { "run", "seed", "--policy", "nope", NULL };
  Result r, english;

  g_assert_nonnull (dir);
  english = run_argv (json);
  g_setenv ("PAGEWALK_LOCALEDIR", dir, TRUE);
  g_setenv ("LANGUAGE", "de", TRUE);
  r = run_argv (translate);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Virtuelle Adresse 0x0002150"));
  g_assert_nonnull (strstr (r.out, "physische Adresse 0x0109150"));
  result_clear (&r);
  r = run_argv (bad);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "--policy muss"));
  result_clear (&r);
  /* JSON is for programs: the same bytes in every language */
  r = run_argv (json);
  g_assert_cmpstr (r.out, ==, english.out);
  result_clear (&r);
  result_clear (&english);
  g_unsetenv ("LANGUAGE");
  g_unsetenv ("PAGEWALK_LOCALEDIR");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  cli = g_getenv ("PAGEWALK_CLI");
  g_assert_nonnull (cli);
  g_test_add_func ("/cli/translate/seed-json", test_translate_seed_json);
  g_test_add_func ("/cli/translate/fault-json", test_translate_fault_json);
  g_test_add_func ("/cli/translate/text", test_translate_text);
  g_test_add_func ("/cli/translate/x86-64", test_x86_64_levels);
  g_test_add_func ("/cli/exit-statuses", test_exit_statuses);
  g_test_add_func ("/cli/examples/json", test_examples_json);
  g_test_add_func ("/cli/state/json", test_state_json);
  g_test_add_func ("/cli/run/json", test_run_json);
  g_test_add_func ("/cli/run/traces", test_traces);
  g_test_add_func ("/cli/compare/belady", test_compare_belady);
  g_test_add_func ("/cli/run/trace-pipe", test_trace_pipe);
  g_test_add_func ("/cli/run/trace-bad-before-output", test_trace_bad_before_output);
  g_test_add_func ("/cli/validate/bad", test_validate_bad);
  g_test_add_func ("/cli/run/evictions-written", test_evictions_written);
  g_test_add_func ("/cli/hostile/arguments", test_hostile_arguments);
  g_test_add_func ("/cli/hostile/trace", test_hostile_trace);
  g_test_add_func ("/cli/hostile/output-full", test_output_full);
  g_test_add_func ("/cli/run/trace-stdin", test_trace_stdin);
  g_test_add_func ("/cli/state/opt-matches-run", test_state_opt_matches_run);
  g_test_add_func ("/cli/export/signal", test_export_signal);
  g_test_add_func ("/cli/run/opt-pinned", test_opt_pinned);
  g_test_add_func ("/cli/help-names-command", test_help_names_command);
  g_test_add_func ("/cli/run/trace-name-escaped", test_trace_name_escaped);
  g_test_add_func ("/cli/state/at-beyond-one-step", test_at_beyond_one_step);
  g_test_add_func ("/cli/validate/odd-name", test_validate_odd_name);
  g_test_add_func ("/cli/export/access-checked", test_export_access_checked);
  g_test_add_func ("/cli/compare/frames-quoted", test_compare_frames_quoted);
  g_test_add_func ("/cli/export/check-layout", test_export_check_layout);
  g_test_add_func ("/cli/inspector/bit-fields", test_inspector_bit_fields);
  g_test_add_func ("/cli/compare/examples-equal", compare_examples_equal);
  g_test_add_func ("/cli/compare/csv", compare_csv);
  g_test_add_func ("/cli/compare/sweep", compare_sweep_cli);
  g_test_add_func ("/cli/compare/export-views", compare_export_views);
  g_test_add_func ("/cli/export/text-scale", test_export_text_scale);
  g_test_add_func ("/cli/citizen/help-command", test_citizen_help_command);
  g_test_add_func ("/cli/citizen/scenario-stdin", test_citizen_scenario_stdin);
  g_test_add_func ("/cli/citizen/export-stdout", test_citizen_export_stdout);
  g_test_add_func ("/cli/citizen/version", test_citizen_version);
  g_test_add_func ("/cli/i18n/german", test_i18n_german);
  g_test_add_func ("/cli/export/time-before", test_export_time_before);
  return g_test_run ();
}

/* test-cli.c: pagewalk-cli's JSON shapes and exit statuses (contract section 4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

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

/* The contract's own example, field by field. */
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
    { { "compare", "seed", NULL }, 2 },
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

/* A trace read from a pipe is read once into a temporary file: nothing is
 * lost to format detection, and compare can run it once per policy. */
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
  return g_test_run ();
}

/* test-exercise.c: exercise sheets (pagewalk-cli exercise): every answer of
 * every kind, for 100 seeds, equals what pagewalk-cli translate, run and
 * state say of the exercise's own scenario; the PDFs hold the numbers (the
 * key every answer, the sheet none of the answers it asks for); the same
 * seed gives the same exercise and the same bytes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "pw-exercise.h"
#include "pw-number.h"
#include "pw-test-cli.h"

#define SEEDS 100

static char *tmpdir;

static JsonNode *
cli_json (const char * const *args)
{
  Result r = run_argv (args);
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  if (r.status != 0)
    g_error ("pagewalk-cli %s %s: exit %d: %s", args[0], args[1], r.status, r.err);
  node = json_from_string (r.out, &error);
  g_assert_no_error (error);
  result_clear (&r);
  return node;
}

static guint64
hex_member (JsonObject *o,
            const char *name)
{
  const char *s = json_object_get_string_member (o, name);
  return g_ascii_strtoull (s, NULL, 16);
}

static char *
scenario_file (const PwExercise *ex)
{
  char *path = g_build_filename (tmpdir, "exercise.pagewalk", NULL);
  g_assert_true (g_file_set_contents (path, ex->scenario, -1, NULL));
  return path;
}

/* `pagewalk-cli translate FILE ADDRESS... --json` on every row's address. */
static JsonNode *
translate_rows (const PwExerciseTable *t,
                const char            *file)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (args, g_strdup ("translate"));
  g_ptr_array_add (args, g_strdup (file));
  for (guint r = 0; r < t->rows->len; r++)
    g_ptr_array_add (args, g_strdup_printf ("0x%" G_GINT64_MODIFIER "x", ((PwExerciseRow *) t->rows->pdata[r])->va));
  g_ptr_array_add (args, g_strdup ("--json"));
  g_ptr_array_add (args, NULL);
  return cli_json ((const char * const *) args->pdata);
}

/* translate, base-bounds, segmentation: pagewalk-cli translate on every
 * address gives the key's physical address or fault. */
static void
check_translations (const PwExercise *ex,
                    const char       *file)
{
  const PwExerciseTable *t = ex->tables->pdata[0];
  g_autoptr(JsonNode) node = NULL;
  JsonArray *results;

  node = translate_rows (t, file);
  results = json_node_get_array (node);
  g_assert_cmpuint (json_array_get_length (results), ==, t->rows->len);
  for (guint r = 0; r < t->rows->len; r++)
    {
      const PwExerciseRow *row = t->rows->pdata[r];
      JsonObject *o = json_array_get_object_element (results, r);
      const char *result = json_object_get_string_member (o, "result");

      if (row->ok)
        {
          g_assert_cmpstr (result, ==, "ok");
          g_assert_cmpuint (hex_member (o, "pa"), ==, row->pa);
        }
      else
        {
          JsonObject *fault = json_object_get_object_member (o, "fault");
          g_assert_cmpstr (result, ==, "fault");
          g_assert_cmpstr (json_object_get_string_member (fault, "kind"), ==, row->fault);
        }
      if (ex->kind == PW_EXERCISE_SPLIT)
        {
          JsonArray *fields = json_object_get_array_member (o, "fields");
          g_assert_cmpuint (json_array_get_length (fields), ==, row->n_fields);
          for (guint f = 0; f < row->n_fields; f++)
            g_assert_cmpuint (hex_member (json_array_get_object_element (fields, f), "value"), ==,
                              row->fields[f]);
        }
    }
}

static void
check_split (const PwExercise *ex,
             const char       *file)
{
  const PwExerciseTable *t = ex->tables->pdata[0];
  g_autoptr(JsonNode) node = NULL;
  JsonArray *results;

  node = translate_rows (t, file);
  results = json_node_get_array (node);
  for (guint r = 0; r < t->rows->len; r++)
    {
      const PwExerciseRow *row = t->rows->pdata[r];
      JsonArray *fields = json_object_get_array_member (json_array_get_object_element (results, r), "fields");

      g_assert_cmpuint (row->n_fields, >=, 2);
      g_assert_cmpuint (json_array_get_length (fields), ==, row->n_fields);
      for (guint f = 0; f < row->n_fields; f++)
        g_assert_cmpuint (hex_member (json_array_get_object_element (fields, f), "value"), ==,
                          row->fields[f]);
    }
}

/* fill-table: pagewalk-cli state --at (the accesses) lists each page where
 * the key says. */
static void
check_fill_table (const PwExercise *ex,
                  const char       *file)
{
  const PwExerciseTable *t = ex->tables->pdata[0];
  g_autofree char *at = g_strdup_printf ("%u", ex->n_steps);
  const char *args[] = { "state", file, "--at", at, "--json", NULL };
  g_autoptr(JsonNode) node = cli_json (args);
  JsonObject *proc = json_array_get_object_element (
    json_object_get_array_member (json_node_get_object (node), "processes"), 0);
  JsonArray *pages = json_object_get_array_member (proc, "pages");

  for (guint r = 0; r < t->rows->len; r++)
    {
      const PwExerciseRow *row = t->rows->pdata[r];
      gint state = 0;
      guint64 where = 0;

      for (guint k = 0; k < json_array_get_length (pages); k++)
        {
          JsonObject *p = json_array_get_object_element (pages, k);
          if (hex_member (p, "va") != row->va)
            continue;
          if (json_object_has_member (p, "frame"))
            state = 1, where = hex_member (p, "frame");
          else if (json_object_has_member (p, "disk"))
            state = 2, where = (guint64) json_object_get_int_member (p, "disk");
        }
      g_assert_cmpint (state, ==, row->state);
      if (state != 0)
        g_assert_cmpuint (where, ==, row->frame_or_slot);
    }
}

/* replacement and tlb: pagewalk-cli run (with the policy and the frames)
 * hits, misses and evicts as the key says. */
static void
check_runs (const PwExercise *ex,
            const char       *file)
{
  for (guint i = 0; i < ex->tables->len; i++)
    {
      const PwExerciseTable *t = ex->tables->pdata[i];
      g_autofree char *frames = g_strdup_printf ("%" G_GUINT64_FORMAT, ex->data_frames);
      const char *rargs[] = { "run", file, "--json", "--policy", t->policy, "--frames", frames, NULL };
      g_autoptr(JsonNode) node = NULL;
      JsonArray *events;

      if (ex->kind == PW_EXERCISE_TLB)
        rargs[3] = NULL;
      node = cli_json (rargs);
      events = json_object_get_array_member (json_node_get_object (node), "events");
      g_assert_cmpuint (json_array_get_length (events), ==, t->rows->len);
      for (guint r = 0; r < t->rows->len; r++)
        {
          const PwExerciseRow *row = t->rows->pdata[r];
          JsonObject *e = json_array_get_object_element (events, r);

          g_assert_cmpuint (hex_member (e, "va"), ==, row->va);
          if (ex->kind == PW_EXERCISE_TLB)
            g_assert_cmpstr (json_object_get_string_member (e, "tlb"), ==, row->hit ? "hit" : "miss");
          else
            {
              gboolean fault = !json_object_get_null_member (e, "fault");
              g_assert_cmpint (!fault, ==, row->hit);
              g_assert_cmpint (json_object_has_member (e, "evicted") && !json_object_get_null_member (e, "evicted"),
                               ==, row->evicts);
              if (row->evicts)
                g_assert_cmpuint (hex_member (json_object_get_object_member (e, "evicted"), "page"), ==,
                                  row->victim);
            }
        }
    }
}

static void
test_answers (gconstpointer data)
{
  PwExerciseKind kind = GPOINTER_TO_UINT (data);
  guint faults = 0, hits = 0, rows = 0;

  for (guint64 seed = 1; seed <= SEEDS; seed++)
    {
      PwExerciseOptions o;
      g_autoptr(PwExercise) ex = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *file = NULL;

      pw_exercise_options_init (&o);
      o.kind = kind;
      o.seed = seed;
      /* every level count and a preset in turn */
      o.levels = 1 + seed % 3;
      if (kind == PW_EXERCISE_SPLIT && seed % 2)
        o.arch = seed % 4 == 1 ? "x86-64" : "riscv-sv39";
      ex = pw_exercise_new (&o, &error);
      g_assert_no_error (error);
      g_assert_nonnull (ex);
      g_assert_cmpuint (ex->tables->len, >=, 1);
      file = scenario_file (ex);
      switch (kind)
        {
        case PW_EXERCISE_TRANSLATE:
        case PW_EXERCISE_BASE_BOUNDS:
        case PW_EXERCISE_SEGMENTATION:
          check_translations (ex, file);
          break;
        case PW_EXERCISE_SPLIT:
          check_split (ex, file);
          break;
        case PW_EXERCISE_FILL_TABLE:
          check_fill_table (ex, file);
          break;
        case PW_EXERCISE_REPLACEMENT:
        case PW_EXERCISE_TLB:
          check_runs (ex, file);
          break;
        default:
          g_assert_not_reached ();
        }
      for (guint i = 0; i < ex->tables->len; i++)
        {
          const PwExerciseTable *t = ex->tables->pdata[i];
          for (guint r = 0; r < t->rows->len; r++)
            {
              const PwExerciseRow *row = t->rows->pdata[r];
              rows++;
              faults += row->fault != NULL || row->state == 0;
              hits += row->hit == 1;
            }
        }
      g_unlink (file);
    }
  /* the exercises ask about both outcomes, not only one */
  if (kind == PW_EXERCISE_TRANSLATE || kind == PW_EXERCISE_BASE_BOUNDS || kind == PW_EXERCISE_SEGMENTATION)
    g_assert_cmpuint (faults, >, rows / 10);
  if (kind == PW_EXERCISE_REPLACEMENT || kind == PW_EXERCISE_TLB)
    g_assert_true (hits > rows / 10 && hits < rows - rows / 10);
}

static char *
pdf_text (const char *pdf)
{
  const char *argv[] = { "pdftotext", pdf, "-", NULL };
  char *out = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* The sheet and the key as PDFs: the key holds every answer, the sheet the
 * given cells and not the answers (translate: physical addresses). */
static void
test_pdfs (void)
{
  for (guint k = 0; k < PW_N_EXERCISES; k++)
    {
      g_autofree char *sheet = g_build_filename (tmpdir, "sheet.pdf", NULL);
      g_autofree char *key = g_build_filename (tmpdir, "key.pdf", NULL);
      g_autofree char *key2 = g_build_filename (tmpdir, "key2.pdf", NULL);
      const char *args[] = { "exercise", pw_exercise_kind_name (k), "--seed", "7", "-o", sheet,
                             "--answers", key, NULL };
      const char *args2[] = { "exercise", pw_exercise_kind_name (k), "--seed", "7", "--answers", key2, NULL };
      PwExerciseOptions o;
      g_autoptr(PwExercise) ex = NULL;
      g_autofree char *sheet_text = NULL, *key_text = NULL, *a = NULL, *b = NULL;
      gsize la, lb;
      Result r;

      g_setenv ("SOURCE_DATE_EPOCH", "1700000000", TRUE);
      r = run_argv (args);
      g_assert_cmpint (r.status, ==, 0);
      result_clear (&r);
      r = run_argv (args2);
      g_assert_cmpint (r.status, ==, 0);
      result_clear (&r);
      g_unsetenv ("SOURCE_DATE_EPOCH");
      g_assert_true (g_file_get_contents (key, &a, &la, NULL));
      g_assert_true (g_file_get_contents (key2, &b, &lb, NULL));
      g_assert_cmpmem (a, la, b, lb);

      pw_exercise_options_init (&o);
      o.kind = k;
      o.seed = 7;
      ex = pw_exercise_new (&o, NULL);
      g_assert_nonnull (ex);
      sheet_text = pdf_text (sheet);
      key_text = pdf_text (key);
      for (guint i = 0; i < ex->tables->len; i++)
        {
          const PwExerciseTable *t = ex->tables->pdata[i];
          for (guint rr = 0; rr < t->rows->len; rr++)
            {
              const PwExerciseRow *row = t->rows->pdata[rr];
              for (guint c = 0; c < row->cells->len; c++)
                {
                  const PwCell *cell = row->cells->pdata[c];
                  if (cell->kind == PW_CELL_WORKING || *cell->text == '\0')
                    continue;
                  if (strstr (key_text, cell->text) == NULL)
                    g_error ("%s: the key lacks \"%s\"", pw_exercise_kind_name (k), cell->text);
                  if (cell->kind == PW_CELL_GIVEN)
                    g_assert_nonnull (strstr (sheet_text, cell->text));
                }
              if (row->ok && (k == PW_EXERCISE_TRANSLATE || k == PW_EXERCISE_BASE_BOUNDS))
                {
                  const PwCell *answer = row->cells->pdata[1];
                  g_assert_null (strstr (sheet_text, answer->text));
                }
            }
        }
      g_unlink (sheet);
      g_unlink (key);
      g_unlink (key2);
    }
}

static void
test_same_seed (void)
{
  const char *args[] = { "exercise", "translate", "--levels", "2", "--seed", "42", "--json", NULL };
  const char *other[] = { "exercise", "translate", "--levels", "2", "--seed", "43", "--json", NULL };
  Result a = run_argv (args), b = run_argv (args), c = run_argv (other);

  g_assert_cmpint (a.status, ==, 0);
  g_assert_cmpstr (a.out, ==, b.out);
  g_assert_cmpstr (a.out, !=, c.out);
  result_clear (&a);
  result_clear (&b);
  result_clear (&c);
}

static void
test_bad (void)
{
  struct { const char *args[8]; const char *message; } cases[] = {
    { { "exercise", NULL }, "KIND" },
    { { "exercise", "nope", NULL }, "unknown exercise" },
    { { "exercise", "translate", "--levels", "4", NULL }, "--levels" },
    { { "exercise", "translate", "--page-size", "100", NULL }, "power of two" },
    { { "exercise", "translate", "--arch", "riscv-nope", NULL }, "riscv-nope" },
    { { "exercise", "split", "--arch", "x86-32", "--fault-rate", "2", NULL }, "--fault-rate" },
    { { "exercise", "tlb", "-o", "sheet.png", NULL }, ".pdf" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Result r = run_argv (cases[i].args);
      g_assert_cmpint (r.status, ==, 2);
      if (strstr (r.err, cases[i].message) == NULL)
        g_error ("case %u: expected \"%s\" in: %s", i, cases[i].message, r.err);
      result_clear (&r);
    }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  cli = g_getenv ("PAGEWALK_CLI");
  g_assert_nonnull (cli);
  tmpdir = g_dir_make_tmp ("pagewalk-exercise-XXXXXX", &error);
  g_assert_no_error (error);

  for (guint k = 0; k < PW_N_EXERCISES; k++)
    {
      g_autofree char *path = g_strdup_printf ("/exercise/answers/%s", pw_exercise_kind_name (k));
      g_test_add_data_func (path, GUINT_TO_POINTER (k), test_answers);
    }
  g_test_add_func ("/exercise/pdfs", test_pdfs);
  g_test_add_func ("/exercise/same-seed", test_same_seed);
  g_test_add_func ("/exercise/bad", test_bad);
  status = g_test_run ();
  g_rmdir (tmpdir);
  return status;
}

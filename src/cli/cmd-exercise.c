/* cmd-exercise.c: `pagewalk-cli exercise KIND -o SHEET.pdf --answers KEY.pdf`
 *
 * Exercise sheets whose answers the engine computes (pw-exercise.h), as
 * PDFs (pw-render-exercise.h), JSON, plain text, and the scenario they are
 * about, so a student can check an answer with `translate` or `run`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pagewalk-cli"

#include "config.h"

#include <errno.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "cli-common.h"
#include "cli-json.h"
#include "pw-exercise.h"
#include "pw-number.h"
#include "pw-present.h"
#include "pw-render-exercise.h"
#include "pw-render-export.h"

static void
write_json (const PwExercise *ex)
{
  PwJson j;

  pw_json_init (&j, stdout, TRUE);
  pw_json_begin_object (&j);
  pw_json_key (&j, "kind"); pw_json_string (&j, pw_exercise_kind_name (ex->kind));
  pw_json_key (&j, "seed"); pw_json_uint (&j, ex->seed);
  pw_json_key (&j, "title"); pw_json_string (&j, ex->title);
  pw_json_key (&j, "instructions"); pw_json_string (&j, ex->instructions);
  pw_json_key (&j, "given");
  pw_json_begin_array (&j);
  for (guint i = 0; i < ex->given->len; i++)
    pw_json_string (&j, ex->given->pdata[i]);
  pw_json_end_array (&j);
  if (ex->data_frames)
    {
      pw_json_key (&j, "frames"); pw_json_uint (&j, ex->data_frames);
    }
  if (ex->n_steps)
    {
      pw_json_key (&j, "steps"); pw_json_uint (&j, ex->n_steps);
    }
  pw_json_key (&j, "scenario"); pw_json_string (&j, ex->scenario);
  pw_json_key (&j, "tables");
  pw_json_begin_array (&j);
  for (guint t = 0; t < ex->tables->len; t++)
    {
      const PwExerciseTable *tb = ex->tables->pdata[t];

      pw_json_begin_object (&j);
      pw_json_key (&j, "heading"); pw_json_string (&j, tb->heading);
      if (tb->policy)
        {
          pw_json_key (&j, "policy"); pw_json_string (&j, tb->policy);
        }
      pw_json_key (&j, "columns");
      pw_json_begin_array (&j);
      for (guint c = 0; c < tb->columns->len; c++)
        pw_json_string (&j, tb->columns->pdata[c]);
      pw_json_end_array (&j);
      pw_json_key (&j, "rows");
      pw_json_begin_array (&j);
      for (guint r = 0; r < tb->rows->len; r++)
        {
          const PwExerciseRow *row = tb->rows->pdata[r];
          static const char *const kinds[] = { "given", "answer", "working" };

          pw_json_begin_object (&j);
          pw_json_key (&j, "cells");
          pw_json_begin_array (&j);
          for (guint c = 0; c < row->cells->len; c++)
            {
              const PwCell *cell = row->cells->pdata[c];
              pw_json_begin_object (&j);
              pw_json_key (&j, "text"); pw_json_string (&j, cell->text);
              pw_json_key (&j, "kind"); pw_json_string (&j, kinds[cell->kind]);
              pw_json_end_object (&j);
            }
          pw_json_end_array (&j);
          pw_json_key (&j, "pid"); pw_json_uint (&j, row->pid);
          pw_json_key (&j, "va"); pw_json_hex (&j, row->va);
          switch (ex->kind)
            {
            case PW_EXERCISE_TRANSLATE:
            case PW_EXERCISE_BASE_BOUNDS:
            case PW_EXERCISE_SEGMENTATION:
              if (row->ok)
                {
                  pw_json_key (&j, "pa"); pw_json_hex (&j, row->pa);
                }
              else
                {
                  pw_json_key (&j, "fault"); pw_json_string (&j, row->fault);
                }
              break;
            case PW_EXERCISE_SPLIT:
              pw_json_key (&j, "fields");
              pw_json_begin_array (&j);
              for (guint f = 0; f < row->n_fields; f++)
                pw_json_uint (&j, row->fields[f]);
              pw_json_end_array (&j);
              break;
            case PW_EXERCISE_FILL_TABLE:
              if (row->state == 1)
                {
                  pw_json_key (&j, "frame"); pw_json_uint (&j, row->frame_or_slot);
                }
              else if (row->state == 2)
                {
                  pw_json_key (&j, "disk"); pw_json_uint (&j, row->frame_or_slot);
                }
              break;
            case PW_EXERCISE_REPLACEMENT:
              pw_json_key (&j, "hit"); pw_json_bool (&j, row->hit == 1);
              pw_json_key (&j, "victim");
              if (row->evicts)
                pw_json_uint (&j, row->victim);
              else
                pw_json_null (&j);
              break;
            case PW_EXERCISE_TLB:
              pw_json_key (&j, "hit"); pw_json_bool (&j, row->hit == 1);
              break;
            default:
              break;
            }
          pw_json_end_object (&j);
        }
      pw_json_end_array (&j);
      pw_json_end_object (&j);
    }
  pw_json_end_array (&j);
  pw_json_end_object (&j);
  pw_json_finish (&j);
}

/* The sheet and its key as text: answers in [brackets]. */
static void
write_text (const PwExercise *ex)
{
  g_print ("%s\n\n%s\n\n", ex->title, ex->instructions);
  for (guint i = 0; i < ex->given->len; i++)
    g_print ("%s\n", (char *) ex->given->pdata[i]);
  for (guint t = 0; t < ex->tables->len; t++)
    {
      const PwExerciseTable *tb = ex->tables->pdata[t];

      g_print ("\n");
      if (tb->heading)
        g_print ("%s\n", tb->heading);
      for (guint c = 0; c < tb->columns->len; c++)
        g_print ("%s%s", c ? " | " : "", (char *) tb->columns->pdata[c]);
      g_print ("\n");
      for (guint r = 0; r < tb->rows->len; r++)
        {
          const PwExerciseRow *row = tb->rows->pdata[r];
          for (guint c = 0; c < row->cells->len; c++)
            {
              const PwCell *cell = row->cells->pdata[c];
              g_print ("%s%s%s%s", c ? " | " : "", cell->kind == PW_CELL_ANSWER ? "[" : "",
                       cell->text, cell->kind == PW_CELL_ANSWER ? "]" : "");
            }
          g_print ("\n");
        }
    }
}

static gboolean
write_scenario (const char        *path,
                const PwExercise  *ex,
                GError           **error)
{
  PwExportTmp *t = pw_export_tmp_open (path, error);
  gsize len = strlen (ex->scenario);

  if (t == NULL)
    return FALSE;
  pw_export_tmp_write (t, (const unsigned char *) ex->scenario, (unsigned int) len);
  pw_export_tmp_write (t, (const unsigned char *) "\n", 1);
  return pw_export_tmp_close (t, TRUE, error);
}

int
pw_cli_exercise (int    argc,
                 char **argv)
{
  g_autofree char *sheet = NULL, *key = NULL, *scenario = NULL, *arch = NULL;
  g_autofree char *seed_s = NULL, *questions_s = NULL, *levels_s = NULL, *page_s = NULL;
  double fault_rate = 0.25;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &sheet, N_("Write the sheet to SHEET (.pdf)"), "SHEET" },
    { "answers", 0, 0, G_OPTION_ARG_FILENAME, &key, N_("Write the answer key to KEY (.pdf)"), "KEY" },
    { "scenario", 0, 0, G_OPTION_ARG_FILENAME, &scenario,
      N_("Write the machine the questions are about to FILE (.pagewalk)"), "FILE" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the exercise and its answers as JSON"), NULL },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed_s, N_("The seed: the same seed gives the same exercise (default 1)"), "N" },
    { "questions", 0, 0, G_OPTION_ARG_STRING, &questions_s, N_("How many questions (default: 8, or 12 references)"), "N" },
    { "arch", 0, 0, G_OPTION_ARG_STRING, &arch,
      N_("translate, split: a paged preset (x86-64, riscv-sv39…) instead of the textbook machine"), "ARCH" },
    { "levels", 0, 0, G_OPTION_ARG_STRING, &levels_s, N_("Textbook machine: page-table levels, 1 to 3 (default 1)"), "N" },
    { "page-size", 0, 0, G_OPTION_ARG_STRING, &page_s, N_("Textbook machine: bytes a page, 16 to 1024 (default 64)"), "BYTES" },
    { "fault-rate", 0, 0, G_OPTION_ARG_DOUBLE, &fault_rate,
      N_("Share of addresses that fault, 0 to 1 (default 0.25)"), "P" },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("KIND — an exercise sheet and its answer key (translate, split, fill-table, replacement, tlb, base-bounds, segmentation)"));
  g_autoptr(PwExercise) ex = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *quoted = NULL;
  PwExerciseOptions o;
  gint64 seed = 1, questions = 0, levels = 1, page = 64;
  int status = 0;

  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!pw_cli_parse_options (ctx, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return pw_cli_usage_error (_("exercise needs one KIND: translate, split, fill-table, replacement, tlb, base-bounds or segmentation"));
  pw_exercise_options_init (&o);
  if (!pw_exercise_kind_from_string (argv[1], &o.kind))
    {
      quoted = pw_quote (argv[1], -1);
      return pw_cli_usage_error (_("unknown exercise %s (translate, split, fill-table, replacement, tlb, base-bounds, segmentation)"),
                                 quoted);
    }
  if (!pw_cli_parse_number ("seed", seed_s, 0, G_MAXINT64, &seed, &status)
      || !pw_cli_parse_number ("questions", questions_s, 1, 200, &questions, &status)
      || !pw_cli_parse_number ("levels", levels_s, 1, 3, &levels, &status)
      || !pw_cli_parse_number ("page-size", page_s, 16, 1024, &page, &status))
    return status;
  if (sheet != NULL && !g_str_has_suffix (sheet, ".pdf"))
    return pw_cli_usage_error (_("-o needs a name ending in .pdf"));
  if (key != NULL && !g_str_has_suffix (key, ".pdf"))
    return pw_cli_usage_error (_("--answers needs a name ending in .pdf"));
  o.seed = (guint64) seed;
  o.questions = (guint) questions;
  o.levels = (guint) levels;
  o.page_size = (guint64) page;
  o.fault_rate = fault_rate;
  o.arch = arch;

  ex = pw_exercise_new (&o, &error);
  if (ex == NULL)
    return pw_cli_usage_error ("%s", error->message);
  if (sheet != NULL && !pw_render_exercise (sheet, ex, FALSE, &error))
    goto write_failed;
  if (key != NULL && !pw_render_exercise (key, ex, TRUE, &error))
    {
      g_free (sheet);
      sheet = g_steal_pointer (&key);
      goto write_failed;
    }
  if (scenario != NULL && !write_scenario (scenario, ex, &error))
    {
      g_free (sheet);
      sheet = g_steal_pointer (&scenario);
      goto write_failed;
    }
  if (json)
    write_json (ex);
  else if (sheet == NULL && key == NULL && scenario == NULL)
    write_text (ex);
  return 0;

write_failed:
  quoted = pw_quote (sheet, -1);
  /* Translators: the output file, quoted, then the reason */
  return pw_cli_usage_error (_("%s: cannot write: %s"), quoted, error->message);
}

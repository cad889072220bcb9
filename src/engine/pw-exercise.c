/* pw-exercise.c: exercise sheets whose answers the engine computes
 *
 * Each kind builds a scenario (JSON text) from a seeded GRand, loads it as
 * any file is loaded, runs the engine on it and reads the answers off the
 * walks, events and states.  Nothing here decides an answer by itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pagewalk-engine"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "pw-exercise-private.h"
#include "pw-machine.h"
#include "pw-mmu.h"
#include "pw-number.h"
#include "pw-physmem.h"
#include "pw-present.h"
#include "pw-run.h"
#include "pw-scenario.h"

static const char *const kind_names[PW_N_EXERCISES] = {
  "translate", "split", "fill-table", "replacement", "tlb", "base-bounds", "segmentation",
};

const char *
pw_exercise_kind_name (PwExerciseKind kind)
{
  g_return_val_if_fail (kind < PW_N_EXERCISES, NULL);
  return kind_names[kind];
}

gboolean
pw_exercise_kind_from_string (const char     *s,
                              PwExerciseKind *out)
{
  for (guint i = 0; i < PW_N_EXERCISES; i++)
    if (g_strcmp0 (s, kind_names[i]) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

void
pw_exercise_options_init (PwExerciseOptions *o)
{
  *o = (PwExerciseOptions) {
    .kind = PW_EXERCISE_TRANSLATE,
    .seed = 1,
    .levels = 1,
    .page_size = 64,
    .fault_rate = 0.25,
  };
}

/* ---- building ------------------------------------------------------------ */

static void
row_free (PwExerciseRow *row)
{
  g_ptr_array_unref (row->cells);
  g_free (row->fault);
  g_free (row);
}

static void
cell_free (PwCell *c)
{
  g_free (c->text);
  g_free (c);
}

static void
table_free (PwExerciseTable *t)
{
  g_free (t->heading);
  g_free (t->policy);
  g_ptr_array_unref (t->columns);
  g_ptr_array_unref (t->rows);
  g_free (t);
}

void
pw_exercise_free (PwExercise *ex)
{
  if (ex == NULL)
    return;
  g_free (ex->title);
  g_free (ex->instructions);
  g_ptr_array_unref (ex->given);
  g_ptr_array_unref (ex->tables);
  g_free (ex->scenario);
  g_free (ex);
}

PwExerciseTable *
pwx_add_table (PwExercise *ex,
               const char *heading,
               ...)
{
  PwExerciseTable *t = g_new0 (PwExerciseTable, 1);
  const char *col;
  va_list args;

  t->heading = g_strdup (heading);
  t->columns = g_ptr_array_new_with_free_func (g_free);
  t->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  va_start (args, heading);
  while ((col = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (t->columns, g_strdup (col));
  va_end (args);
  g_ptr_array_add (ex->tables, t);
  return t;
}

PwExerciseRow *
pwx_add_row (PwExerciseTable *t)
{
  PwExerciseRow *row = g_new0 (PwExerciseRow, 1);

  row->cells = g_ptr_array_new_with_free_func ((GDestroyNotify) cell_free);
  row->hit = -1;
  row->state = -1;
  g_ptr_array_add (t->rows, row);
  return row;
}

void G_GNUC_PRINTF (3, 4)
pwx_cell (PwExerciseRow *row,
          PwCellKind     kind,
          const char    *fmt,
          ...)
{
  PwCell *c = g_new0 (PwCell, 1);
  va_list args;

  va_start (args, fmt);
  c->kind = kind;
  c->text = g_strdup_vprintf (fmt, args);
  va_end (args);
  g_ptr_array_add (row->cells, c);
}

void G_GNUC_PRINTF (2, 3)
pwx_given (PwExercise *ex,
           const char *fmt,
           ...)
{
  va_list args;

  va_start (args, fmt);
  g_ptr_array_add (ex->given, g_strdup_vprintf (fmt, args));
  va_end (args);
}

/* Loads @ex->scenario and makes its run (with @cfg) and a machine after
 * set-up. */
gboolean
pwx_load (PwExercise         *ex,
          const PwRunConfig  *cfg,
          PwScenario        **sc,
          PwRun             **run,
          PwMachine         **m,
          GError            **error)
{
  *sc = pw_scenario_load_data (ex->scenario, strlen (ex->scenario), "exercise.pagewalk", error);
  if (*sc == NULL)
    return FALSE;
  *run = pw_run_new (*sc, cfg, NULL, error);
  if (*run == NULL)
    return FALSE;
  *m = pw_run_machine_new (*run, error);
  return *m != NULL;
}

char *
pwx_hexw (guint64 v,
          guint   bits)
{
  char buf[24];
  return g_strdup (pw_hex_width (v, bits, buf, sizeof buf));
}

/* A textbook machine: @va_bits of address, pages of @page_size bytes, the
 * page number split over @levels levels, 4-byte entries with the valid bit
 * 0, writable 1, user 2, accessed 5, dirty 6 and the frame number from bit 8
 * (as the book's examples). */
void
pwx_textbook_arch (GString *s,
                   guint    va_bits,
                   guint    pa_bits,
                   guint64  page_size,
                   guint    levels)
{
  guint off = pw_log2 (page_size), idx = va_bits - off;

  g_string_append_printf (s, "\"arch\": { \"name\": \"textbook\", \"va_bits\": %u, \"pa_bits\": %u, "
                          "\"page_size\": %" G_GUINT64_FORMAT ", \"levels\": [", va_bits, pa_bits, page_size);
  for (guint l = 0; l < levels; l++)
    {
      guint bits = idx / levels + (l < idx % levels ? 1 : 0);
      g_string_append_printf (s, "%s%u", l ? ", " : "", bits);
    }
  g_string_append_printf (s, "], \"pte\": { \"bytes\": 4, \"present\": 0, \"writable\": 1, \"user\": 2, "
                          "\"accessed\": 5, \"dirty\": 6, \"pfn_shift\": 8, \"pfn_bits\": %u } }",
                          pa_bits - off);
}

void
pwx_describe_textbook (PwExercise   *ex,
                       const PwArch *a)
{
  g_autofree char *page = pw_size_human (pw_arch_page_size (a));
  g_autoptr(GString) levels = g_string_new (NULL);

  for (guint l = 0; l < a->n_levels; l++)
    g_string_append_printf (levels, "%s%u", l ? " + " : "", a->level_bits[l]);
  /* Translators: the sizes of a textbook machine: address bits, physical
   * address bits, the page size, then the index bits of each level */
  pwx_given (ex, _("Virtual addresses: %s bits; physical addresses: %s bits; pages of %s; page number: %s bits, %s"),
         PW_DEC (a->va_bits), PW_DEC (a->pa_bits), page, levels->str,
         a->n_levels == 1 ? _("one linear table") : _("the root table first"));
  pwx_given (ex, "%s", _("Entries are 4 bytes, little-endian: bit 0 valid, bit 1 writable, bit 2 user, bit 5 accessed, bit 6 dirty; the frame number from bit 8."));
}

/* ---- translate and split ----------------------------------------------------- */

/* Picks @n distinct values below @range (n <= range / 2) into @out. */
void
pwx_pick_distinct (GRand   *r,
                   guint64  range,
                   guint    n,
                   guint64 *out)
{
  for (guint i = 0; i < n; i++)
    {
      gboolean again;
      do
        {
          out[i] = (guint64) g_rand_double_range (r, 0, (double) range);
          again = out[i] >= range;
          for (guint j = 0; j < i && !again; j++)
            again = out[j] == out[i];
        }
      while (again);
    }
}

static void
walk_working (GString      *s,
              const PwArch *a,
              const PwWalk *w)
{
  for (guint i = 0; i < w->n_steps; i++)
    {
      const PwWalkStep *st = &w->steps[i];
      g_autofree char *at = pwx_hexw (st->entry_pa, a->pa_bits);
      g_autofree char *v = pwx_hexw (st->entry, 32);

      /* Translators: one level of a walk: its name, the index, where the
       * entry is, its value */
      g_string_append_printf (s, _("%s[%s] at %s = %s; "), st->name, PW_DEC (st->index), at, v);
    }
}

static void
answer_walk (PwExerciseRow *row,
             const PwArch  *a,
             const PwWalk  *w)
{
  g_autoptr(GString) how = g_string_new (NULL);

  row->ok = w->fault == PW_FAULT_NONE;
  walk_working (how, a, w);
  if (row->ok)
    {
      g_autofree char *pa = pwx_hexw (w->pa, a->pa_bits);
      row->pa = w->pa;
      pwx_cell (row, PW_CELL_ANSWER, "%s", pa);
      /* Translators: the end of a walk's working: the frame, then the offset */
      g_string_append_printf (how, _("frame %s, offset %s"), PW_DEC (w->frame),
                              PW_DEC (w->va & (w->page_size - 1)));
    }
  else
    {
      g_autofree char *msg = pw_walk_fault_message (a, w);
      row->fault = g_strdup (pw_fault_kind_name (w->fault));
      /* Translators: the answer for an address that cannot be translated:
       * the kind of fault ("not-present") */
      pwx_cell (row, PW_CELL_ANSWER, _("fault (%s)"), row->fault);
      g_string_append (how, msg);
    }
  pwx_cell (row, PW_CELL_WORKING, "%s", how->str);
}

/* The table frames of @m, as hex dumps: rows of 16 bytes, rows of zeros
 * folded. */
static void
dump_tables (PwExercise *ex,
             PwMachine  *m)
{
  g_autoptr(GArray) used = pw_machine_used_frames (m);
  const PwArch *a = pw_machine_arch (m);
  guint64 psize = pw_arch_page_size (a);

  for (guint i = 0; i < used->len; i++)
    {
      const PwFrameInfo *fi = &g_array_index (used, PwFrameInfo, i);

      if (fi->use != PW_FRAME_TABLE)
        continue;
      for (guint64 f = fi->frame; f < fi->frame + MAX (fi->count, 1); f++)
        {
          const guint8 *bytes = pw_physmem_frame (pw_machine_physmem (m), f);
          gboolean zeros = TRUE;

          for (guint64 k = 0; bytes && k < psize && zeros; k++)
            zeros = bytes[k] == 0;
          if (zeros)
            {
              /* Translators: a frame of a hex dump that holds only zeros */
              pwx_given (ex, _("frame %s: all zero"), PW_DEC (f));
              continue;
            }
          for (guint64 off = 0; off < psize; off += 16)
            {
              g_autoptr(GString) line = g_string_new (NULL);
              gboolean row_zero = TRUE;

              for (guint k = 0; k < 16 && off + k < psize; k++)
                {
                  g_string_append_printf (line, "%s%02x", k ? " " : "", bytes[off + k]);
                  row_zero = row_zero && bytes[off + k] == 0;
                }
              if (!row_zero)
                {
                  g_autofree char *at = pwx_hexw ((f * psize) + off, a->pa_bits);
                  pwx_given (ex, "frame %-4s %s:  %s", PW_DEC (f), at, line->str);
                }
            }
        }
    }
}

/* The linear table of a one-level machine as rows: "[vpn] value", valid
 * entries only. */
static void
list_linear_table (PwExercise *ex,
                   PwMachine  *m)
{
  const PwArch *a = pw_machine_arch (m);
  const PwProcess *p = pw_machine_lookup (m, 1);
  PwWalk w;

  pwx_given (ex, "%s", _("Page table (valid entries; every other entry is 0x00000000):"));
  for (guint64 vpn = 0; vpn < (G_GUINT64_CONSTANT (1) << a->level_bits[0]); vpn++)
    {
      guint64 va = vpn << a->page_shift;

      if (!pw_machine_translate (m, p->pid, va, PW_ACCESS_READ, PW_MODE_USER, &w, NULL)
          || w.n_steps == 0 || w.steps[0].entry == 0)
        continue;
      pwx_given (ex, "  [%5s]  0x%08" G_GINT64_MODIFIER "x", PW_DEC (vpn), w.steps[0].entry);
    }
}

static PwExercise *
make_paged (PwExercise              *ex,
            const PwExerciseOptions *o,
            GRand                   *r,
            GError                 **error)
{
  g_autoptr(GString) s = g_string_new ("{ \"pagewalk\": 1, ");
  g_autoptr(PwScenario) sc = NULL;
  g_autoptr(PwRun) run = NULL;
  PwMachine *m = NULL;
  const PwArch *a;
  guint n = o->questions ? o->questions : 8;
  gboolean textbook = o->arch == NULL;
  guint64 pages, frames, page_size;
  guint n_mapped;
  guint64 *vpns, *pfns;
  PwExerciseTable *t;

  if (textbook)
    {
      guint off = pw_log2 (o->page_size);
      guint va_bits = off + 8, pa_bits = off + 8;

      if (o->levels < 1 || o->levels > 3)
        {
          g_set_error_literal (error, PW_ERROR, PW_ERROR_VALUE, _("--levels must be 1, 2 or 3"));
          return NULL;
        }
      pwx_textbook_arch (s, va_bits, pa_bits, o->page_size, o->levels);
      pages = frames = 256;
      page_size = o->page_size;
    }
  else
    {
      PwArch *pa = pw_arch_new_preset (o->arch);

      if (pa == NULL || pa->kind != PW_ARCH_PAGED)
        {
          g_autofree char *q = pw_quote (o->arch, -1);
          g_set_error (error, PW_ERROR, PW_ERROR_VALUE, _("%s is not a paged preset"), q);
          if (pa != NULL)
            pw_arch_free (pa);
          return NULL;
        }
      g_string_append_printf (s, "\"arch\": \"%s\", \"memory\": { \"frames\": 4096 }", o->arch);
      pages = G_GUINT64_CONSTANT (1) << MIN (pa->va_bits - pa->page_shift - 1, 30);
      frames = 4096;
      page_size = pw_arch_page_size (pa);
      pw_arch_free (pa);
    }

  /* the mapped pages and their frames: the data frames from the bottom
   * half (tables take the highest free frames) */
  n_mapped = textbook ? 24 : 12;
  vpns = g_new (guint64, n_mapped);
  pfns = g_new (guint64, n_mapped);
  pwx_pick_distinct (r, pages, n_mapped, vpns);
  pwx_pick_distinct (r, frames / 2, n_mapped, pfns);
  g_string_append (s, ", \"processes\": [ { \"pid\": 1, \"regions\": [ { \"start\": \"0x0\", ");
  g_string_append_printf (s, "\"size\": \"0x%" G_GINT64_MODIFIER "x\", \"state\": \"committed\", \"prot\": \"rw-\" } ], \"map\": [",
                          pages * page_size);
  for (guint i = 0; i < n_mapped; i++)
    g_string_append_printf (s, "%s{ \"page\": %" G_GUINT64_FORMAT ", \"frame\": %" G_GUINT64_FORMAT " }",
                            i ? ", " : "", vpns[i], pfns[i]);
  g_string_append (s, "] } ] }");
  ex->scenario = g_string_free (g_steal_pointer (&s), FALSE);
  if (!pwx_load (ex, NULL, &sc, &run, &m, error))
    {
      g_free (vpns);
      g_free (pfns);
      pw_machine_free (m);
      return NULL;
    }
  a = pw_machine_arch (m);

  if (ex->kind == PW_EXERCISE_TRANSLATE)
    {
      ex->title = g_strdup (_("Translate these virtual addresses"));
      ex->instructions = g_strdup (_("For each virtual address (a read in user mode by process 1), walk the page table as the MMU does and write the physical address, or the fault when the walk cannot finish."));
      if (textbook)
        pwx_describe_textbook (ex, a);
      pwx_given (ex, _("Root table (PTBR): frame %s"), PW_DEC (pw_machine_lookup (m, 1)->root));
      if (a->n_levels == 1 && textbook)
        list_linear_table (ex, m);
      else
        {
          pwx_given (ex, "%s", _("Memory holding the page tables (hex bytes):"));
          dump_tables (ex, m);
        }
      t = pwx_add_table (ex, NULL, _("Virtual address"), _("Physical address or fault"), _("Working"), NULL);
    }
  else
    {
      ex->title = g_strdup (_("Split these virtual addresses into their fields"));
      ex->instructions = g_strdup (_("For each virtual address, write the value of each index field of the page walk and of the page offset, in decimal."));
      if (textbook)
        pwx_describe_textbook (ex, a);
      else
        pwx_given (ex, _("Architecture: %s"), a->name);
      t = pwx_add_table (ex, NULL, _("Virtual address"), NULL);
    }

  for (guint i = 0; i < n; i++)
    {
      PwExerciseRow *row = pwx_add_row (t);
      gboolean fault = g_rand_double (r) < o->fault_rate;
      guint64 vpn, va;
      PwWalk w;
      g_autofree char *vas = NULL;

      if (fault || ex->kind == PW_EXERCISE_SPLIT)
        vpn = (guint64) g_rand_double_range (r, 0, (double) pages);
      else
        vpn = vpns[g_rand_int_range (r, 0, (gint32) n_mapped)];
      vpn = MIN (vpn, pages - 1);
      va = (vpn << a->page_shift)
           | ((guint64) g_rand_double_range (r, 0, (double) pw_arch_page_size (a)) & (pw_arch_page_size (a) - 1));
      pw_machine_translate (m, 1, va, PW_ACCESS_READ, PW_MODE_USER, &w, NULL);
      row->va = va;
      row->pid = 1;
      vas = pwx_hexw (va, a->va_bits);
      pwx_cell (row, PW_CELL_GIVEN, "%s", vas);
      if (ex->kind == PW_EXERCISE_TRANSLATE)
        answer_walk (row, a, &w);
      else
        {
          if (i == 0)
            for (guint f = 0; f < w.n_fields; f++)
              {
                /* Translators: a column: a field's name, then its bits */
                g_ptr_array_add (t->columns, g_strdup_printf (_("%s (bits %s–%s)"), w.fields[f].name,
                                                               PW_DEC (w.fields[f].hi), PW_DEC (w.fields[f].lo)));
              }
          row->n_fields = MIN (w.n_fields, G_N_ELEMENTS (row->fields));
          for (guint f = 0; f < row->n_fields; f++)
            {
              row->fields[f] = w.fields[f].value;
              pwx_cell (row, PW_CELL_ANSWER, "%s", PW_DEC (w.fields[f].value));
            }
        }
    }
  g_free (vpns);
  g_free (pfns);
  pw_machine_free (m);
  return ex;
}

PwExercise *
pw_exercise_new (const PwExerciseOptions *o,
                 GError                 **error)
{
  g_autoptr(PwExercise) ex = g_new0 (PwExercise, 1);
  g_autoptr(GRand) r = NULL;
  PwExercise *done = NULL;

  g_return_val_if_fail (o != NULL && o->kind < PW_N_EXERCISES, NULL);

  if (!pw_is_pow2 (o->page_size) || o->page_size < 16 || o->page_size > 1024)
    {
      g_set_error_literal (error, PW_ERROR, PW_ERROR_VALUE,
                           _("--page-size must be a power of two from 16 to 1024"));
      return NULL;
    }
  if (!(o->fault_rate >= 0 && o->fault_rate <= 1))
    {
      g_set_error_literal (error, PW_ERROR, PW_ERROR_VALUE, _("--fault-rate must be from 0 to 1"));
      return NULL;
    }
  ex->kind = o->kind;
  ex->seed = o->seed;
  ex->given = g_ptr_array_new_with_free_func (g_free);
  ex->tables = g_ptr_array_new_with_free_func ((GDestroyNotify) table_free);
  /* the kind is in the seed: a sheet of each kind from one seed differs */
  r = g_rand_new_with_seed ((guint32) (o->seed ^ (o->seed >> 32) ^ ((guint32) o->kind * 0x9e3779b9u)));

  switch (o->kind)
    {
    case PW_EXERCISE_TRANSLATE:
    case PW_EXERCISE_SPLIT:
      done = make_paged (ex, o, r, error);
      break;
    case PW_EXERCISE_FILL_TABLE:
      done = pwx_make_fill_table (ex, o, r, error);
      break;
    case PW_EXERCISE_REPLACEMENT:
      done = pwx_make_replacement (ex, o, r, error);
      break;
    case PW_EXERCISE_TLB:
      done = pwx_make_tlb (ex, o, r, error);
      break;
    case PW_EXERCISE_BASE_BOUNDS:
    case PW_EXERCISE_SEGMENTATION:
      done = pwx_make_segments (ex, o, r, error);
      break;
    default:
      g_assert_not_reached ();
    }
  return done ? g_steal_pointer (&ex) : NULL;
}

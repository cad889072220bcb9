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

#include "pw-exercise.h"
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

static PwExerciseTable *
add_table (PwExercise *ex,
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

static PwExerciseRow *
add_row (PwExerciseTable *t)
{
  PwExerciseRow *row = g_new0 (PwExerciseRow, 1);

  row->cells = g_ptr_array_new_with_free_func ((GDestroyNotify) cell_free);
  row->hit = -1;
  row->state = -1;
  g_ptr_array_add (t->rows, row);
  return row;
}

static void G_GNUC_PRINTF (3, 4)
cell (PwExerciseRow *row,
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

static void G_GNUC_PRINTF (2, 3)
given (PwExercise *ex,
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
static gboolean
load (PwExercise         *ex,
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

static char *
hexw (guint64 v,
      guint   bits)
{
  char buf[24];
  return g_strdup (pw_hex_width (v, bits, buf, sizeof buf));
}

/* A textbook machine: @va_bits of address, pages of @page_size bytes, the
 * page number split over @levels levels, 4-byte entries with the valid bit
 * 0, writable 1, user 2, accessed 5, dirty 6 and the frame number from bit 8
 * (as the book's examples). */
static void
textbook_arch (GString *s,
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

static void
describe_textbook (PwExercise   *ex,
                   const PwArch *a)
{
  g_autofree char *page = pw_size_human (pw_arch_page_size (a));
  g_autoptr(GString) levels = g_string_new (NULL);

  for (guint l = 0; l < a->n_levels; l++)
    g_string_append_printf (levels, "%s%u", l ? " + " : "", a->level_bits[l]);
  /* Translators: the sizes of a textbook machine: address bits, physical
   * address bits, the page size, then the index bits of each level */
  given (ex, _("Virtual addresses: %s bits; physical addresses: %s bits; pages of %s; page number: %s bits, %s"),
         PW_DEC (a->va_bits), PW_DEC (a->pa_bits), page, levels->str,
         a->n_levels == 1 ? _("one linear table") : _("the root table first"));
  given (ex, "%s", _("Entries are 4 bytes, little-endian: bit 0 valid, bit 1 writable, bit 2 user, bit 5 accessed, bit 6 dirty; the frame number from bit 8."));
}

/* ---- translate and split ----------------------------------------------------- */

/* Picks @n distinct values below @range (n <= range / 2) into @out. */
static void
pick_distinct (GRand   *r,
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
      g_autofree char *at = hexw (st->entry_pa, a->pa_bits);
      g_autofree char *v = hexw (st->entry, 32);

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
      g_autofree char *pa = hexw (w->pa, a->pa_bits);
      row->pa = w->pa;
      cell (row, PW_CELL_ANSWER, "%s", pa);
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
      cell (row, PW_CELL_ANSWER, _("fault (%s)"), row->fault);
      g_string_append (how, msg);
    }
  cell (row, PW_CELL_WORKING, "%s", how->str);
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
              given (ex, _("frame %s: all zero"), PW_DEC (f));
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
                  g_autofree char *at = hexw ((f * psize) + off, a->pa_bits);
                  given (ex, "frame %-4s %s:  %s", PW_DEC (f), at, line->str);
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

  given (ex, "%s", _("Page table (valid entries; every other entry is 0x00000000):"));
  for (guint64 vpn = 0; vpn < (G_GUINT64_CONSTANT (1) << a->level_bits[0]); vpn++)
    {
      guint64 va = vpn << a->page_shift;

      if (!pw_machine_translate (m, p->pid, va, PW_ACCESS_READ, PW_MODE_USER, &w, NULL)
          || w.n_steps == 0 || w.steps[0].entry == 0)
        continue;
      given (ex, "  [%5s]  0x%08" G_GINT64_MODIFIER "x", PW_DEC (vpn), w.steps[0].entry);
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
      textbook_arch (s, va_bits, pa_bits, o->page_size, o->levels);
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
  pick_distinct (r, pages, n_mapped, vpns);
  pick_distinct (r, frames / 2, n_mapped, pfns);
  g_string_append (s, ", \"processes\": [ { \"pid\": 1, \"regions\": [ { \"start\": \"0x0\", ");
  g_string_append_printf (s, "\"size\": \"0x%" G_GINT64_MODIFIER "x\", \"state\": \"committed\", \"prot\": \"rw-\" } ], \"map\": [",
                          pages * page_size);
  for (guint i = 0; i < n_mapped; i++)
    g_string_append_printf (s, "%s{ \"page\": %" G_GUINT64_FORMAT ", \"frame\": %" G_GUINT64_FORMAT " }",
                            i ? ", " : "", vpns[i], pfns[i]);
  g_string_append (s, "] } ] }");
  ex->scenario = g_string_free (g_steal_pointer (&s), FALSE);
  if (!load (ex, NULL, &sc, &run, &m, error))
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
        describe_textbook (ex, a);
      given (ex, _("Root table (PTBR): frame %s"), PW_DEC (pw_machine_lookup (m, 1)->root));
      if (a->n_levels == 1 && textbook)
        list_linear_table (ex, m);
      else
        {
          given (ex, "%s", _("Memory holding the page tables (hex bytes):"));
          dump_tables (ex, m);
        }
      t = add_table (ex, NULL, _("Virtual address"), _("Physical address or fault"), _("Working"), NULL);
    }
  else
    {
      ex->title = g_strdup (_("Split these virtual addresses into their fields"));
      ex->instructions = g_strdup (_("For each virtual address, write the value of each index field of the page walk and of the page offset, in decimal."));
      if (textbook)
        describe_textbook (ex, a);
      else
        given (ex, _("Architecture: %s"), a->name);
      t = add_table (ex, NULL, _("Virtual address"), NULL);
    }

  for (guint i = 0; i < n; i++)
    {
      PwExerciseRow *row = add_row (t);
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
      vas = hexw (va, a->va_bits);
      cell (row, PW_CELL_GIVEN, "%s", vas);
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
              cell (row, PW_CELL_ANSWER, "%s", PW_DEC (w.fields[f].value));
            }
        }
    }
  g_free (vpns);
  g_free (pfns);
  pw_machine_free (m);
  return ex;
}

/* ---- the page table after some accesses --------------------------------------- */

static const char *
step_letter (PwAccess a)
{
  return a == PW_ACCESS_WRITE ? "w" : a == PW_ACCESS_EXEC ? "x" : "r";
}

/* "resident"... of page @vpn, and its frame or slot */
static gint
page_answer (PwMachine *m,
             guint64    vpn,
             guint64   *where)
{
  const PwArch *a = pw_machine_arch (m);
  const PwProcess *p = pw_machine_lookup (m, 1);
  const char *state = pw_page_state (m, p, vpn << a->page_shift, where);
  PwWalk w;

  if (g_strcmp0 (state, "resident") == 0
      && pw_machine_translate (m, 1, vpn << a->page_shift, PW_ACCESS_READ, PW_MODE_SUPERVISOR, &w, NULL)
      && w.fault == PW_FAULT_NONE)
    {
      *where = w.frame;
      return 1;
    }
  if (g_strcmp0 (state, "disk") == 0)
    return 2;
  return 0;
}

static PwExercise *
make_fill_table (PwExercise              *ex,
                 const PwExerciseOptions *o,
                 GRand                   *r,
                 GError                 **error)
{
  g_autoptr(GString) s = g_string_new ("{ \"pagewalk\": 1, ");
  g_autoptr(GString) steps = g_string_new (NULL);
  g_autoptr(PwScenario) sc = NULL;
  g_autoptr(PwRun) run = NULL;
  PwMachine *m = NULL;
  const PwArch *a;
  guint off = pw_log2 (o->page_size), n = o->questions ? o->questions : 8;
  guint64 pinned[4], frames[4], slots[3], disk_pages[3];
  PwExerciseTable *t;

  /* 16 pages: code 0-3 (r-x), heap 4-9 (rw-), reserved 10-13, stack 14-15 */
  textbook_arch (s, off + 4, off + 6, o->page_size, 1);
  g_string_append (s, ", \"memory\": { \"frames\": 64 }, \"disk\": { \"slots\": 8 }, \"processes\": [ { \"pid\": 1, \"regions\": [ ");
  g_string_append_printf (s, "{ \"start\": 0, \"size\": %" G_GUINT64_FORMAT ", \"prot\": \"r-x\", \"name\": \"code\" }, "
                          "{ \"start\": %" G_GUINT64_FORMAT ", \"size\": %" G_GUINT64_FORMAT ", \"prot\": \"rw-\", \"name\": \"heap\" }, "
                          "{ \"start\": %" G_GUINT64_FORMAT ", \"size\": %" G_GUINT64_FORMAT ", \"state\": \"reserved\", \"prot\": \"rw-\", \"name\": \"reserved\" }, "
                          "{ \"start\": %" G_GUINT64_FORMAT ", \"size\": %" G_GUINT64_FORMAT ", \"prot\": \"rw-\", \"name\": \"stack\" } ], \"map\": [",
                          4 * o->page_size, 4 * o->page_size, 6 * o->page_size,
                          10 * o->page_size, 4 * o->page_size, 14 * o->page_size, 2 * o->page_size);
  /* two code pages and two heap pages in frames 4 to 35; two heap pages and
   * a stack page on disk */
  {
    guint64 code[2], heap[4], f[4];
    pick_distinct (r, 4, 2, code);
    pick_distinct (r, 6, 4, heap);
    pick_distinct (r, 32, 4, f);
    pinned[0] = code[0], pinned[1] = code[1], pinned[2] = 4 + heap[0], pinned[3] = 4 + heap[1];
    disk_pages[0] = 4 + heap[2], disk_pages[1] = 4 + heap[3], disk_pages[2] = 14 + g_rand_int_range (r, 0, 2);
    pick_distinct (r, 8, 3, slots);
    for (guint i = 0; i < 4; i++)
      {
        frames[i] = 4 + f[i];
        g_string_append_printf (s, "%s{ \"page\": %" G_GUINT64_FORMAT ", \"frame\": %" G_GUINT64_FORMAT "%s }",
                                i ? ", " : "", pinned[i], frames[i], i < 2 ? ", \"prot\": \"r-x\"" : "");
      }
    for (guint i = 0; i < 3; i++)
      g_string_append_printf (s, ", { \"page\": %" G_GUINT64_FORMAT ", \"disk\": %" G_GUINT64_FORMAT " }",
                              disk_pages[i], slots[i]);
  }
  g_string_append (s, "] } ], \"steps\": [");
  for (guint i = 0; i < n; i++)
    {
      /* mostly pages of the heap and the stack, now and then the code or a
       * reserved page */
      guint64 vpn = (guint64) g_rand_int_range (r, 0, 16);
      PwAccess acc = vpn < 4 ? PW_ACCESS_READ : g_rand_boolean (r) ? PW_ACCESS_WRITE : PW_ACCESS_READ;
      guint64 va = (vpn << off) | (guint64) g_rand_int_range (r, 0, (gint32) o->page_size);
      g_autofree char *vas = hexw (va, off + 4);

      g_string_append_printf (steps, "%s\"%s %s\"", i ? ", " : "", step_letter (acc), vas);
      given (ex, _("access %s: %s %s"), PW_DEC (i + 1), acc == PW_ACCESS_WRITE ? _("write") : _("read"), vas);
    }
  g_string_append (s, steps->str);
  g_string_append (s, "] }");
  ex->scenario = g_string_free (g_steal_pointer (&s), FALSE);
  ex->n_steps = n;
  if (!load (ex, NULL, &sc, &run, &m, error))
    {
      pw_machine_free (m);
      return NULL;
    }
  a = pw_machine_arch (m);

  ex->title = g_strdup (_("Fill in the page table after these accesses"));
  ex->instructions = g_strdup (_("Process 1 makes the accesses listed, in order. For each of its 16 pages, write where the page is after the last access: its frame, its swap slot, or nothing. The kernel gives a page touched for the first time the lowest free frame, filled with zeros; it reads a page on disk back into the lowest free frame; an access to a reserved page, or a write to code, fails and changes nothing. Memory is large enough that no page is evicted."));
  describe_textbook (ex, a);
  given (ex, "%s", _("Regions: pages 0–3 code (read, execute), 4–9 heap (read, write), 10–13 reserved, 14–15 stack (read, write)."));
  given (ex, "%s", _("Before the accesses:"));
  for (guint i = 0; i < 4; i++)
    given (ex, _("  page %s in frame %s"), PW_DEC (pinned[i]), PW_DEC (frames[i]));
  for (guint i = 0; i < 3; i++)
    given (ex, _("  page %s on disk, slot %s"), PW_DEC (disk_pages[i]), PW_DEC (slots[i]));
  given (ex, _("  the page table in frame %s; every other page has no frame"), PW_DEC (pw_machine_lookup (m, 1)->root));

  for (guint k = 0; k < n; k++)
    pw_run_advance (run, m, k, NULL, NULL);
  t = add_table (ex, NULL, _("Page"), _("After the accesses"), NULL);
  for (guint64 vpn = 0; vpn < 16; vpn++)
    {
      PwExerciseRow *row = add_row (t);
      guint64 where = 0;

      row->va = vpn << a->page_shift;
      row->pid = 1;
      row->state = page_answer (m, vpn, &where);
      row->frame_or_slot = where;
      cell (row, PW_CELL_GIVEN, "%s", PW_DEC (vpn));
      if (row->state == 1)
        cell (row, PW_CELL_ANSWER, _("frame %s"), PW_DEC (where));
      else if (row->state == 2)
        cell (row, PW_CELL_ANSWER, _("disk slot %s"), PW_DEC (where));
      else
        cell (row, PW_CELL_ANSWER, "%s", _("none"));
    }
  pw_machine_free (m);
  return ex;
}

/* ---- replacement and the TLB -------------------------------------------------------- */

static const PwPolicy lab_policies[] = { PW_POLICY_FIFO, PW_POLICY_LRU, PW_POLICY_OPT, PW_POLICY_CLOCK };

static PwExercise *
make_replacement (PwExercise              *ex,
                  const PwExerciseOptions *o,
                  GRand                   *r,
                  GError                 **error)
{
  g_autoptr(GString) s = g_string_new ("{ \"pagewalk\": 1, ");
  g_autoptr(GString) refs = g_string_new (NULL);
  guint off = pw_log2 (o->page_size), n = o->questions ? MIN (o->questions, 40) : 12;
  guint n_pages = 5;
  guint64 *ref = g_new (guint64, n);

  ex->data_frames = 3;
  textbook_arch (s, off + 4, off + 6, o->page_size, 1);
  g_string_append_printf (s, ", \"memory\": { \"frames\": 64 }, \"disk\": { \"slots\": 16 }, \"processes\": [ { \"pid\": 1, "
                          "\"regions\": [ { \"start\": 0, \"size\": %" G_GUINT64_FORMAT ", \"prot\": \"rw-\" } ] } ], \"steps\": [",
                          n_pages * o->page_size);
  for (guint i = 0; i < n; i++)
    {
      /* a reference string with some locality: half the time a page of the
       * last three */
      ref[i] = i >= 3 && g_rand_boolean (r) ? ref[i - 1 - g_rand_int_range (r, 0, 3)]
                                             : (guint64) g_rand_int_range (r, 0, (gint32) n_pages);
      g_string_append_printf (s, "%s\"r 0x%" G_GINT64_MODIFIER "x\"", i ? ", " : "", ref[i] << off);
      g_string_append_printf (refs, "%s%s", i ? " " : "", PW_DEC (ref[i]));
    }
  g_string_append (s, "] }");
  ex->scenario = g_string_free (g_steal_pointer (&s), FALSE);
  ex->title = g_strdup (_("Which page does each policy evict?"));
  ex->instructions = g_strdup (_("Process 1 reads the pages of the reference string in order, with 3 frames for its pages, all empty at the start. For each policy and each reference, write hit or miss, the page evicted (if any) and the pages in memory afterwards. FIFO evicts the page loaded earliest; LRU the page used least recently; OPT the page used again furthest ahead (or never), ties going to the page loaded most recently; clock keeps a use bit a page (set when it is used), and its hand sweeps the frames in frame order, from the frame after the last victim: a set bit is cleared and the hand moves on, a clear bit makes the victim. A page touched for the first time goes to the lowest free frame."));
  given (ex, _("Reference string (page numbers): %s"), refs->str);
  given (ex, "%s", _("Frames for the process's pages: 3"));

  for (guint pi = 0; pi < G_N_ELEMENTS (lab_policies); pi++)
    {
      g_autoptr(PwScenario) sc = NULL;
      g_autoptr(PwRun) run = NULL;
      PwMachine *m = NULL;
      PwRunConfig cfg;
      g_autofree char *upper = g_ascii_strup (pw_policy_name (lab_policies[pi]), -1);
      PwExerciseTable *t;

      pw_run_config_init (&cfg);
      cfg.set_policy = TRUE;
      cfg.policy = lab_policies[pi];
      cfg.data_frames = ex->data_frames;
      if (!load (ex, &cfg, &sc, &run, &m, error))
        {
          pw_machine_free (m);
          g_free (ref);
          return NULL;
        }
      t = add_table (ex, upper, _("Reference"), _("Page"), _("Hit or miss"), _("Evicted"), _("In memory after"), NULL);
      t->policy = g_strdup (pw_policy_name (lab_policies[pi]));
      for (guint i = 0; i < n; i++)
        {
          PwShownEvent shown = { 0 };
          const PwEvent *ev;
          PwExerciseRow *row = add_row (t);
          g_autoptr(GString) in = g_string_new (NULL);

          pw_run_advance (run, m, i, pw_shown_event_keep, &shown);
          ev = pw_shown_event_get (&shown);
          row->va = ref[i] << off;
          row->pid = 1;
          row->hit = ev != NULL && ev->fault == PW_KF_NONE;
          row->evicts = ev != NULL && ev->evicted.happened;
          row->victim = row->evicts ? ev->evicted.vpn : 0;
          cell (row, PW_CELL_GIVEN, "%s", PW_DEC (i + 1));
          cell (row, PW_CELL_GIVEN, "%s", PW_DEC (ref[i]));
          cell (row, PW_CELL_ANSWER, "%s", row->hit ? _("hit") : _("miss"));
          cell (row, PW_CELL_ANSWER, "%s", row->evicts ? PW_DEC (row->victim) : "–");
          for (guint64 vpn = 0; vpn < n_pages; vpn++)
            {
              guint64 where;
              if (page_answer (m, vpn, &where) == 1)
                g_string_append_printf (in, "%s%s", in->len ? " " : "", PW_DEC (vpn));
            }
          cell (row, PW_CELL_ANSWER, "%s", in->str);
          pw_shown_event_reset (&shown);
        }
      pw_machine_free (m);
    }
  g_free (ref);
  return ex;
}

static PwExercise *
make_tlb (PwExercise              *ex,
          const PwExerciseOptions *o,
          GRand                   *r,
          GError                 **error)
{
  g_autoptr(GString) s = g_string_new ("{ \"pagewalk\": 1, ");
  g_autoptr(PwScenario) sc = NULL;
  g_autoptr(PwRun) run = NULL;
  PwMachine *m = NULL;
  guint off = pw_log2 (o->page_size), n = o->questions ? MIN (o->questions, 40) : 12;
  guint64 base = (guint64) g_rand_int_range (r, 0, 200);
  guint64 stride = (guint64) g_rand_int_range (r, 1, 5) * 4;
  PwExerciseTable *t;
  guint64 *va = g_new (guint64, n);

  textbook_arch (s, off + 8, off + 9, o->page_size, 1);
  /* an array walked with a stride, and now and then a variable on the stack */
  g_string_append_printf (s, ", \"tlb\": { \"entries\": 4, \"ways\": 4, \"policy\": \"lru\" }, \"processes\": [ { \"pid\": 1, "
                          "\"regions\": [ { \"start\": 0, \"size\": %" G_GUINT64_FORMAT ", \"prot\": \"rw-\" } ], \"map\": [ "
                          "{ \"va\": 0, \"frame\": 0, \"pages\": 255 } ] } ], \"steps\": [",
                          255 * o->page_size);
  for (guint i = 0; i < n; i++)
    {
      if (g_rand_int_range (r, 0, 4) == 0)
        va[i] = (250 << off) + (guint64) g_rand_int_range (r, 0, (gint32) o->page_size);
      else
        va[i] = (base << off) + i * stride * (o->page_size / 16);
      va[i] = MIN (va[i], (G_GUINT64_CONSTANT (255) << off) - 1);
      g_string_append_printf (s, "%s\"r 0x%" G_GINT64_MODIFIER "x\"", i ? ", " : "", va[i]);
    }
  g_string_append (s, "] }");
  ex->scenario = g_string_free (g_steal_pointer (&s), FALSE);
  if (!load (ex, NULL, &sc, &run, &m, error))
    {
      pw_machine_free (m);
      g_free (va);
      return NULL;
    }
  ex->title = g_strdup (_("TLB hits and misses"));
  ex->instructions = g_strdup (_("Process 1 reads the addresses listed, in order. The TLB has 4 entries, fully associative, empty at the start, and replaces the entry used least recently. For each access write the virtual page number and whether the TLB hits or misses (every page is mapped: a miss walks the page table and fills an entry)."));
  describe_textbook (ex, pw_machine_arch (m));
  t = add_table (ex, NULL, _("Access"), _("Virtual address"), _("Page"), _("Hit or miss"), NULL);
  for (guint i = 0; i < n; i++)
    {
      PwShownEvent shown = { 0 };
      const PwEvent *ev;
      PwExerciseRow *row = add_row (t);
      g_autofree char *vas = hexw (va[i], off + 8);

      pw_run_advance (run, m, i, pw_shown_event_keep, &shown);
      ev = pw_shown_event_get (&shown);
      row->va = va[i];
      row->pid = 1;
      row->hit = ev != NULL && ev->tlb == PW_TLB_HIT;
      cell (row, PW_CELL_GIVEN, "%s", PW_DEC (i + 1));
      cell (row, PW_CELL_GIVEN, "%s", vas);
      cell (row, PW_CELL_ANSWER, "%s", PW_DEC (va[i] >> off));
      cell (row, PW_CELL_ANSWER, "%s", row->hit ? _("hit") : _("miss"));
      pw_shown_event_reset (&shown);
    }
  g_free (va);
  pw_machine_free (m);
  return ex;
}

/* ---- base and bounds, segments ------------------------------------------------------- */

static PwExercise *
make_segments (PwExercise              *ex,
               const PwExerciseOptions *o,
               GRand                   *r,
               GError                 **error)
{
  g_autoptr(GString) s = g_string_new ("{ \"pagewalk\": 1, ");
  g_autoptr(PwScenario) sc = NULL;
  g_autoptr(PwRun) run = NULL;
  PwMachine *m = NULL;
  guint n = o->questions ? o->questions : 8;
  gboolean bb = ex->kind == PW_EXERCISE_BASE_BOUNDS;
  guint64 limit0 = (guint64) g_rand_int_range (r, 8, 32) * 16;        /* 128 to 496 */
  guint64 limit1 = (guint64) g_rand_int_range (r, 4, 17) * 16;        /* 64 to 256 */
  guint64 base0 = (guint64) g_rand_int_range (r, 0, 512) * 16;       /* below 8 KiB */
  guint64 base1 = 8192 + (guint64) g_rand_int_range (r, 16, 512) * 16; /* the top of a stack */
  PwExerciseTable *t;

  if (bb)
    g_string_append_printf (s, "\"arch\": { \"kind\": \"base-bounds\", \"va_bits\": 10, \"pa_bits\": 14 }, "
                            "\"processes\": [ { \"pid\": 1, \"base\": %" G_GUINT64_FORMAT ", \"limit\": %" G_GUINT64_FORMAT " } ] }",
                            base0, limit0 * 2);
  else
    g_string_append_printf (s, "\"arch\": { \"kind\": \"segmented\", \"va_bits\": 10, \"pa_bits\": 14, \"segment_bits\": 1 }, "
                            "\"processes\": [ { \"pid\": 1, \"segments\": [ "
                            "{ \"base\": %" G_GUINT64_FORMAT ", \"limit\": %" G_GUINT64_FORMAT " }, "
                            "{ \"base\": %" G_GUINT64_FORMAT ", \"limit\": %" G_GUINT64_FORMAT ", \"grows\": \"down\" } ] } ] }",
                            base0, limit0, base1, limit1);
  ex->scenario = g_string_free (g_steal_pointer (&s), FALSE);
  if (!load (ex, NULL, &sc, &run, &m, error))
    {
      pw_machine_free (m);
      return NULL;
    }
  if (bb)
    {
      g_autofree char *b = hexw (base0, 14), *l = hexw (limit0 * 2, 10);
      ex->title = g_strdup (_("Base and bounds: translate these addresses"));
      ex->instructions = g_strdup (_("Process 1 runs with the base and limit registers below. For each virtual address, write the physical address (base + address, when the address is below the limit) or \"fault\" when it is not."));
      given (ex, "%s", _("Virtual addresses: 10 bits; physical addresses: 14 bits."));
      given (ex, _("base = %s, limit = %s"), b, l);
    }
  else
    {
      g_autofree char *b0 = hexw (base0, 14), *l0 = hexw (limit0, 9);
      g_autofree char *b1 = hexw (base1, 14), *l1 = hexw (limit1, 9);
      ex->title = g_strdup (_("Segmentation: translate these addresses"));
      ex->instructions = g_strdup (_("The top bit of a 10-bit virtual address chooses the segment; the other 9 bits are the offset. Segment 0 (code and heap) grows up: the offset must be below its limit, and the physical address is base + offset. Segment 1 (the stack) grows down: its base is the address just past its top; with the segment's size S = 512, the access is valid when S − offset ≤ limit, and the physical address is base − (S − offset). Write the physical address or \"fault\"."));
      given (ex, "%s", _("Virtual addresses: 10 bits (1 segment bit, 9 offset bits); physical addresses: 14 bits."));
      given (ex, _("segment 0: base %s, limit %s, grows up"), b0, l0);
      given (ex, _("segment 1: base %s, limit %s, grows down"), b1, l1);
    }
  t = add_table (ex, NULL, _("Virtual address"), _("Physical address or fault"), _("Working"), NULL);
  for (guint i = 0; i < n; i++)
    {
      PwExerciseRow *row = add_row (t);
      gboolean fault = g_rand_double (r) < o->fault_rate;
      guint64 va;
      PwWalk w;
      g_autofree char *vas = NULL;

      if (bb)
        va = fault ? limit0 * 2 + (guint64) g_rand_int_range (r, 0, (gint32) (1024 - limit0 * 2))
                   : (guint64) g_rand_int_range (r, 0, (gint32) (limit0 * 2));
      else if (g_rand_boolean (r))
        va = fault ? limit0 + (guint64) g_rand_int_range (r, 0, (gint32) (512 - limit0))
                   : (guint64) g_rand_int_range (r, 0, (gint32) limit0);
      else
        va = 512 + (fault ? (guint64) g_rand_int_range (r, 0, (gint32) (512 - limit1))
                          : 512 - 1 - (guint64) g_rand_int_range (r, 0, (gint32) limit1));
      va = MIN (va, 1023);
      pw_machine_translate (m, 1, va, PW_ACCESS_READ, PW_MODE_USER, &w, NULL);
      row->va = va;
      row->pid = 1;
      row->ok = w.fault == PW_FAULT_NONE;
      vas = hexw (va, 10);
      cell (row, PW_CELL_GIVEN, "%s", vas);
      if (row->ok)
        {
          g_autofree char *pa = hexw (w.pa, 14);
          row->pa = w.pa;
          cell (row, PW_CELL_ANSWER, "%s", pa);
        }
      else
        {
          row->fault = g_strdup (pw_fault_kind_name (w.fault));
          cell (row, PW_CELL_ANSWER, _("fault (%s)"), row->fault);
        }
      {
        g_autofree char *msg = row->ok ? NULL : pw_walk_fault_message (pw_machine_arch (m), &w);
        g_autofree char *base = hexw (w.seg_base, 14);
        g_autofree char *offset = hexw (bb ? va : va & 511, bb ? 10 : 9);

        if (!row->ok)
          cell (row, PW_CELL_WORKING, "%s", msg);
        else if (bb)
          /* Translators: the working of a base-and-bounds translation */
          cell (row, PW_CELL_WORKING, _("base %s + address %s"), base, offset);
        else if (w.segment == 1)
          /* Translators: the working of a stack segment's translation: the
           * base, then the offset */
          cell (row, PW_CELL_WORKING, _("segment 1: base %s − (512 − offset %s)"), base, offset);
        else
          /* Translators: the working of a segment growing up: the base,
           * then the offset */
          cell (row, PW_CELL_WORKING, _("segment 0: base %s + offset %s"), base, offset);
      }
    }
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
      done = make_fill_table (ex, o, r, error);
      break;
    case PW_EXERCISE_REPLACEMENT:
      done = make_replacement (ex, o, r, error);
      break;
    case PW_EXERCISE_TLB:
      done = make_tlb (ex, o, r, error);
      break;
    case PW_EXERCISE_BASE_BOUNDS:
    case PW_EXERCISE_SEGMENTATION:
      done = make_segments (ex, o, r, error);
      break;
    default:
      g_assert_not_reached ();
    }
  return done ? g_steal_pointer (&ex) : NULL;
}

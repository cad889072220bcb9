/* pw-exercise-kernel.c: exercises that run the kernel (the page table
 * after some accesses, replacement, the TLB) and those of machines without
 * pages (base and bounds, segments)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pagewalk-engine"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pw-exercise-private.h"
#include "pw-mmu.h"
#include "pw-number.h"
#include "pw-present.h"

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

PwExercise *
pwx_make_fill_table (PwExercise              *ex,
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
  pwx_textbook_arch (s, off + 4, off + 6, o->page_size, 1);
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
    pwx_pick_distinct (r, 4, 2, code);
    pwx_pick_distinct (r, 6, 4, heap);
    pwx_pick_distinct (r, 32, 4, f);
    pinned[0] = code[0], pinned[1] = code[1], pinned[2] = 4 + heap[0], pinned[3] = 4 + heap[1];
    disk_pages[0] = 4 + heap[2], disk_pages[1] = 4 + heap[3], disk_pages[2] = 14 + g_rand_int_range (r, 0, 2);
    pwx_pick_distinct (r, 8, 3, slots);
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
      g_autofree char *vas = pwx_hexw (va, off + 4);

      g_string_append_printf (steps, "%s\"%s %s\"", i ? ", " : "", step_letter (acc), vas);
      /* Translators: a number, then read or write, then an address */
      pwx_given (ex, _("access %s: %s %s"), PW_DEC (i + 1), acc == PW_ACCESS_WRITE ? _("write") : _("read"), vas);
    }
  g_string_append (s, steps->str);
  g_string_append (s, "] }");
  ex->scenario = g_string_free (g_steal_pointer (&s), FALSE);
  ex->n_steps = n;
  if (!pwx_load (ex, NULL, &sc, &run, &m, error))
    {
      pw_machine_free (m);
      return NULL;
    }
  a = pw_machine_arch (m);

  ex->title = g_strdup (_("Fill in the page table after these accesses"));
  ex->instructions = g_strdup (_("Process 1 makes the accesses listed, in order. For each of its 16 pages, write where the page is after the last access: its frame, its swap slot, or nothing. The kernel gives a page touched for the first time the lowest free frame, filled with zeros; it reads a page on disk back into the lowest free frame; an access to a reserved page, or a write to code, fails and changes nothing. Memory is large enough that no page is evicted."));
  pwx_describe_textbook (ex, a);
  pwx_given (ex, "%s", _("Regions: pages 0–3 code (read, execute), 4–9 heap (read, write), 10–13 reserved, 14–15 stack (read, write)."));
  pwx_given (ex, "%s", _("Before the accesses:"));
  for (guint i = 0; i < 4; i++)
    /* Translators: a page number, then a frame number */
    pwx_given (ex, _("  page %s in frame %s"), PW_DEC (pinned[i]), PW_DEC (frames[i]));
  for (guint i = 0; i < 3; i++)
    /* Translators: a page number, then a swap slot */
    pwx_given (ex, _("  page %s on disk, slot %s"), PW_DEC (disk_pages[i]), PW_DEC (slots[i]));
  pwx_given (ex, _("  the page table in frame %s; every other page has no frame"), PW_DEC (pw_machine_lookup (m, 1)->root));

  for (guint k = 0; k < n; k++)
    pw_run_advance (run, m, k, NULL, NULL);
  t = pwx_add_table (ex, NULL, _("Page"), _("After the accesses"), NULL);
  for (guint64 vpn = 0; vpn < 16; vpn++)
    {
      PwExerciseRow *row = pwx_add_row (t);
      guint64 where = 0;

      row->va = vpn << a->page_shift;
      row->pid = 1;
      row->state = page_answer (m, vpn, &where);
      row->frame_or_slot = where;
      pwx_cell (row, PW_CELL_GIVEN, "%s", PW_DEC (vpn));
      if (row->state == 1)
        pwx_cell (row, PW_CELL_ANSWER, _("frame %s"), PW_DEC (where));
      else if (row->state == 2)
        pwx_cell (row, PW_CELL_ANSWER, _("disk slot %s"), PW_DEC (where));
      else
        pwx_cell (row, PW_CELL_ANSWER, "%s", _("none"));
    }
  pw_machine_free (m);
  return ex;
}

/* ---- replacement and the TLB -------------------------------------------------------- */

static const PwPolicy lab_policies[] = { PW_POLICY_FIFO, PW_POLICY_LRU, PW_POLICY_OPT, PW_POLICY_CLOCK };

PwExercise *
pwx_make_replacement (PwExercise              *ex,
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
  pwx_textbook_arch (s, off + 4, off + 6, o->page_size, 1);
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
  pwx_given (ex, _("Reference string (page numbers): %s"), refs->str);
  pwx_given (ex, "%s", _("Frames for the process's pages: 3"));

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
      if (!pwx_load (ex, &cfg, &sc, &run, &m, error))
        {
          pw_machine_free (m);
          g_free (ref);
          return NULL;
        }
      t = pwx_add_table (ex, upper, _("Reference"), _("Page"), _("Hit or miss"), _("Evicted"), _("In memory after"), NULL);
      t->policy = g_strdup (pw_policy_name (lab_policies[pi]));
      for (guint i = 0; i < n; i++)
        {
          PwShownEvent shown = { 0 };
          const PwEvent *ev;
          PwExerciseRow *row = pwx_add_row (t);
          g_autoptr(GString) in = g_string_new (NULL);

          pw_run_advance (run, m, i, pw_shown_event_keep, &shown);
          ev = pw_shown_event_get (&shown);
          row->va = ref[i] << off;
          row->pid = 1;
          row->hit = ev != NULL && ev->fault == PW_KF_NONE;
          row->evicts = ev != NULL && ev->evicted.happened;
          row->victim = row->evicts ? ev->evicted.vpn : 0;
          pwx_cell (row, PW_CELL_GIVEN, "%s", PW_DEC (i + 1));
          pwx_cell (row, PW_CELL_GIVEN, "%s", PW_DEC (ref[i]));
          pwx_cell (row, PW_CELL_ANSWER, "%s", row->hit ? _("hit") : _("miss"));
          pwx_cell (row, PW_CELL_ANSWER, "%s", row->evicts ? PW_DEC (row->victim) : "–");
          for (guint64 vpn = 0; vpn < n_pages; vpn++)
            {
              guint64 where;
              if (page_answer (m, vpn, &where) == 1)
                g_string_append_printf (in, "%s%s", in->len ? " " : "", PW_DEC (vpn));
            }
          pwx_cell (row, PW_CELL_ANSWER, "%s", in->str);
          pw_shown_event_reset (&shown);
        }
      pw_machine_free (m);
    }
  g_free (ref);
  return ex;
}

PwExercise *
pwx_make_tlb (PwExercise              *ex,
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

  pwx_textbook_arch (s, off + 8, off + 9, o->page_size, 1);
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
  if (!pwx_load (ex, NULL, &sc, &run, &m, error))
    {
      pw_machine_free (m);
      g_free (va);
      return NULL;
    }
  ex->title = g_strdup (_("TLB hits and misses"));
  ex->instructions = g_strdup (_("Process 1 reads the addresses listed, in order. The TLB has 4 entries, fully associative, empty at the start, and replaces the entry used least recently. For each access write the virtual page number and whether the TLB hits or misses (every page is mapped: a miss walks the page table and fills an entry)."));
  pwx_describe_textbook (ex, pw_machine_arch (m));
  t = pwx_add_table (ex, NULL, _("Access"), _("Virtual address"), _("Page"), _("Hit or miss"), NULL);
  for (guint i = 0; i < n; i++)
    {
      PwShownEvent shown = { 0 };
      const PwEvent *ev;
      PwExerciseRow *row = pwx_add_row (t);
      g_autofree char *vas = pwx_hexw (va[i], off + 8);

      pw_run_advance (run, m, i, pw_shown_event_keep, &shown);
      ev = pw_shown_event_get (&shown);
      row->va = va[i];
      row->pid = 1;
      row->hit = ev != NULL && ev->tlb == PW_TLB_HIT;
      pwx_cell (row, PW_CELL_GIVEN, "%s", PW_DEC (i + 1));
      pwx_cell (row, PW_CELL_GIVEN, "%s", vas);
      pwx_cell (row, PW_CELL_ANSWER, "%s", PW_DEC (va[i] >> off));
      pwx_cell (row, PW_CELL_ANSWER, "%s", row->hit ? _("hit") : _("miss"));
      pw_shown_event_reset (&shown);
    }
  g_free (va);
  pw_machine_free (m);
  return ex;
}

/* ---- base and bounds, segments ------------------------------------------------------- */

PwExercise *
pwx_make_segments (PwExercise              *ex,
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
  if (!pwx_load (ex, NULL, &sc, &run, &m, error))
    {
      pw_machine_free (m);
      return NULL;
    }
  if (bb)
    {
      g_autofree char *b = pwx_hexw (base0, 14), *l = pwx_hexw (limit0 * 2, 10);
      ex->title = g_strdup (_("Base and bounds: translate these addresses"));
      ex->instructions = g_strdup (_("Process 1 runs with the base and limit registers below. For each virtual address, write the physical address (base + address, when the address is below the limit) or \"fault\" when it is not."));
      pwx_given (ex, "%s", _("Virtual addresses: 10 bits; physical addresses: 14 bits."));
      /* Translators: the base register, then the limit register */
      pwx_given (ex, _("base = %s, limit = %s"), b, l);
    }
  else
    {
      g_autofree char *b0 = pwx_hexw (base0, 14), *l0 = pwx_hexw (limit0, 9);
      g_autofree char *b1 = pwx_hexw (base1, 14), *l1 = pwx_hexw (limit1, 9);
      ex->title = g_strdup (_("Segmentation: translate these addresses"));
      ex->instructions = g_strdup (_("The top bit of a 10-bit virtual address chooses the segment; the other 9 bits are the offset. Segment 0 (code and heap) grows up: the offset must be below its limit, and the physical address is base + offset. Segment 1 (the stack) grows down: its base is the address just past its top; with the segment's size S = 512, the access is valid when S − offset ≤ limit, and the physical address is base − (S − offset). Write the physical address or \"fault\"."));
      pwx_given (ex, "%s", _("Virtual addresses: 10 bits (1 segment bit, 9 offset bits); physical addresses: 14 bits."));
      /* Translators: the segment's base, then its limit */
      pwx_given (ex, _("segment 0: base %s, limit %s, grows up"), b0, l0);
      /* Translators: the segment's base, then its limit */
      pwx_given (ex, _("segment 1: base %s, limit %s, grows down"), b1, l1);
    }
  t = pwx_add_table (ex, NULL, _("Virtual address"), _("Physical address or fault"), _("Working"), NULL);
  for (guint i = 0; i < n; i++)
    {
      PwExerciseRow *row = pwx_add_row (t);
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
      vas = pwx_hexw (va, 10);
      pwx_cell (row, PW_CELL_GIVEN, "%s", vas);
      if (row->ok)
        {
          g_autofree char *pa = pwx_hexw (w.pa, 14);
          row->pa = w.pa;
          pwx_cell (row, PW_CELL_ANSWER, "%s", pa);
        }
      else
        {
          row->fault = g_strdup (pw_fault_kind_name (w.fault));
          pwx_cell (row, PW_CELL_ANSWER, _("fault (%s)"), row->fault);
        }
      {
        g_autofree char *msg = row->ok ? NULL : pw_walk_fault_message (pw_machine_arch (m), &w);
        g_autofree char *base = pwx_hexw (w.seg_base, 14);
        g_autofree char *offset = pwx_hexw (bb ? va : va & 511, bb ? 10 : 9);

        if (!row->ok)
          pwx_cell (row, PW_CELL_WORKING, "%s", msg);
        else if (bb)
          /* Translators: the working of a base-and-bounds translation */
          pwx_cell (row, PW_CELL_WORKING, _("base %s + address %s"), base, offset);
        else if (w.segment == 1)
          /* Translators: the working of a stack segment's translation: the
           * base, then the offset */
          pwx_cell (row, PW_CELL_WORKING, _("segment 1: base %s − (512 − offset %s)"), base, offset);
        else
          /* Translators: the working of a segment growing up: the base,
           * then the offset */
          pwx_cell (row, PW_CELL_WORKING, _("segment 0: base %s + offset %s"), base, offset);
      }
    }
  pw_machine_free (m);
  return ex;
}


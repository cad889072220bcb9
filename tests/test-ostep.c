/* test-ostep.c: Pagewalk against the OSTEP homework simulators
 *
 * Each reference output in tests/data/ostep/ (see SOURCE.md there) is parsed,
 * turned into a scenario (JSON text built here, loaded with
 * pw_scenario_load_data) and run; Pagewalk must give exactly the simulator's
 * answers:
 *
 *   multilevel_*   paging-multilevel-translate.py: the "ostep-multilevel"
 *                  preset in raw mode (every page dump is a frame_image,
 *                  PDBR the root); PDE, PTE, physical address and value, or
 *                  the fault at the right depth.
 *   linear_*       paging-linear-translate.py: a custom one-level paged arch
 *                  (4-byte PTE, bit 31 valid, bits 30:0 PFN), the table
 *                  placed in frames just past the simulator's memory.
 *   segmentation_* segmentation.py: the "segmented" kind, two segments.
 *   relocation_*   relocation.py: the "base-bounds" kind.
 *   policy_*       paging-policy.py: one process, no TLB, data_frames = the
 *                  cache size; hit or miss, the page replaced, the totals.
 *
 * Policies not checked against files: UNOPT is not a Pagewalk policy; RAND
 * and CLOCK draw on Python's random stream (CLOCK probes random frames, not a
 * hand), which Pagewalk does not reproduce, so those outputs cannot match.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-ostep"

#include "config.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "pw-machine.h"
#include "pw-number.h"
#include "pw-scenario.h"

/* ---- helpers -------------------------------------------------------------- */

static char **
read_lines (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "ostep", name, NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_file_get_contents (path, &text, NULL, &error))
    g_error ("%s", error->message);
  return g_strsplit (text, "\n", -1);
}

/* "16k", "1m", "512": sizes as the simulators write them (powers of 1024). */
static guint64
parse_size (const char *s)
{
  char *end = NULL;
  guint64 v = g_ascii_strtoull (s, &end, 10);

  g_assert_true (end != s);
  switch (*end)
    {
    case 'k': case 'K': return v << 10;
    case 'm': case 'M': return v << 20;
    case 'g': case 'G': return v << 30;
    case '\0': return v;
    default: g_error ("bad size %s", s);
    }
}

/* The value of "ARG NAME VALUE", or NULL. */
static const char *
arg_value (char       **lines,
           const char  *name)
{
  g_autofree char *prefix = g_strdup_printf ("ARG %s ", name);

  for (guint i = 0; lines[i]; i++)
    if (g_str_has_prefix (lines[i], prefix))
      return lines[i] + strlen (prefix);
  return NULL;
}

static guint
log2_exact (guint64 v)
{
  g_assert_true (v != 0 && (v & (v - 1)) == 0);
  return (guint) g_bit_nth_lsf (v, -1);
}

static PwScenario *
load_json (const char *json,
           const char *name)
{
  g_autoptr(GError) error = NULL;
  PwScenario *sc = pw_scenario_load_data (json, strlen (json), name, &error);

  if (sc == NULL)
    g_error ("scenario for %s does not load: %s\n%s", name, error->message, json);
  return sc;
}

static PwMachine *
machine_ok (const PwScenario *sc)
{
  g_autoptr(GError) error = NULL;
  PwMachine *m = pw_machine_new (sc, &error);

  g_assert_no_error (error);
  g_assert_nonnull (m);
  return m;
}

static void
translate_ok (PwMachine *m,
              guint64    va,
              PwWalk    *w)
{
  g_autoptr(GError) error = NULL;

  memset (w, 0, sizeof *w);
  g_assert_true (pw_machine_translate (m, 1, va, PW_ACCESS_READ, PW_MODE_USER, w, &error));
  g_assert_no_error (error);
}

static void
append_hex (GString      *s,
            const guint8 *b,
            gsize         n)
{
  for (gsize i = 0; i < n; i++)
    g_string_append_printf (s, "%02x", b[i]);
}

/* ---- multilevel (paging-multilevel-translate.py) --------------------------- */

typedef struct
{
  guint64 va;
  guint   pde_index, pde;
  gboolean has_pte;
  guint   pte_index, pte;
  int     fault_depth;    /* -1: translates */
  guint64 pa;
  guint   value;
} MlExpect;

static void
test_multilevel (gconstpointer data)
{
  const char *name = data;
  g_auto(GStrv) lines = read_lines (name);
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(GArray) ex = g_array_new (FALSE, TRUE, sizeof (MlExpect));
  g_autoptr(PwScenario) sc = NULL;
  PwMachine *m;
  guint n_pages = 0, pdbr = G_MAXUINT;
  MlExpect *cur = NULL;

  g_string_append (json, "{ \"pagewalk\": 1, \"arch\": \"ostep-multilevel\",\n"
                         "  \"memory\": { \"frames\": 128 },\n  \"frame_image\": [\n");
  for (guint i = 0; lines[i]; i++)
    {
      const char *l = lines[i];
      guint a, b, c, d;
      char hex[65];

      if (sscanf (l, "page %u:%64[0-9a-f]", &a, hex) == 2)
        {
          g_assert_cmpuint (strlen (hex), ==, 64);
          g_assert_cmpuint (a, ==, n_pages);
          g_string_append_printf (json, "%s    { \"frame\": %u, \"hex\": \"%s\" }",
                                  n_pages ? ",\n" : "", a, hex);
          n_pages++;
        }
      else if (sscanf (l, "PDBR: %u", &a) == 1)
        pdbr = a;
      else if (sscanf (l, "Virtual Address 0x%x:", &a) == 1)
        {
          MlExpect e = { a, 0, 0, FALSE, 0, 0, -1, 0, 0 };
          g_array_append_val (ex, e);
          cur = &g_array_index (ex, MlExpect, ex->len - 1);
          cur->fault_depth = -2;   /* filled below */
        }
      else if (sscanf (l, "  --> pde index:0x%x [decimal %u] pde contents:0x%x", &a, &b, &c) == 3)
        {
          g_assert_nonnull (cur);
          g_assert_cmpuint (a, ==, b);
          cur->pde_index = a;
          cur->pde = c;
        }
      else if (sscanf (l, "    --> pte index:0x%x [decimal %u] pte contents:0x%x", &a, &b, &c) == 3)
        {
          g_assert_nonnull (cur);
          cur->has_pte = TRUE;
          cur->pte_index = a;
          cur->pte = c;
        }
      else if (sscanf (l, "      --> Translates to Physical Address 0x%x --> Value: 0x%x", &a, &d) == 2)
        {
          g_assert_nonnull (cur);
          cur->fault_depth = -1;
          cur->pa = a;
          cur->value = d;
        }
      else if (strstr (l, "--> Fault (page directory entry not valid)"))
        {
          g_assert_nonnull (cur);
          cur->fault_depth = 0;
        }
      else if (strstr (l, "--> Fault (page table entry not valid)"))
        {
          g_assert_nonnull (cur);
          cur->fault_depth = 1;
        }
    }
  g_assert_cmpuint (n_pages, ==, 128);
  g_assert_cmpuint (pdbr, <, 128);
  g_assert_cmpuint (ex->len, >, 0);
  g_string_append_printf (json, "\n  ],\n  \"processes\": [ { \"pid\": 1, \"root\": %u } ]\n}\n", pdbr);

  sc = load_json (json->str, name);
  m = machine_ok (sc);
  for (guint i = 0; i < ex->len; i++)
    {
      const MlExpect *e = &g_array_index (ex, MlExpect, i);
      PwWalk w;

      g_test_message ("VA 0x%04" G_GINT64_MODIFIER "x", e->va);
      g_assert_cmpint (e->fault_depth, !=, -2);
      translate_ok (m, e->va, &w);

      /* the PDE, always read */
      g_assert_cmpuint (w.n_steps, >=, 1);
      g_assert_cmpuint (w.steps[0].table, ==, (guint64) pdbr << 5);
      g_assert_cmpuint (w.steps[0].index, ==, e->pde_index);
      g_assert_cmpuint (w.steps[0].entry_pa, ==, ((guint64) pdbr << 5) | e->pde_index);
      g_assert_cmphex (w.steps[0].entry, ==, e->pde);
      /* 0x7f is invalid (pfn 127), 0xff a valid entry pointing at page 127 */
      g_assert_cmpint ((w.steps[0].flags & PW_F_PRESENT) != 0, ==, (e->pde & 0x80) != 0);

      if (e->fault_depth == 0)
        {
          g_assert_false (e->has_pte);
          g_assert_cmpuint (w.n_steps, ==, 1);
          g_assert_cmpint (w.fault, ==, PW_FAULT_NOT_PRESENT);
          g_assert_cmpint (w.fault_depth, ==, 0);
          continue;
        }
      g_assert_true (e->has_pte);
      g_assert_cmpuint (w.n_steps, ==, 2);
      g_assert_cmpuint (w.steps[1].table, ==, (guint64) (e->pde & 0x7f) << 5);
      g_assert_cmpuint (w.steps[1].index, ==, e->pte_index);
      g_assert_cmpuint (w.steps[1].entry_pa, ==, ((guint64) (e->pde & 0x7f) << 5) | e->pte_index);
      g_assert_cmphex (w.steps[1].entry, ==, e->pte);
      g_assert_cmpint ((w.steps[1].flags & PW_F_PRESENT) != 0, ==, (e->pte & 0x80) != 0);
      if (e->fault_depth == 1)
        {
          g_assert_cmpint (w.fault, ==, PW_FAULT_NOT_PRESENT);
          g_assert_cmpint (w.fault_depth, ==, 1);
          continue;
        }
      g_assert_cmpint (w.fault, ==, PW_FAULT_NONE);
      g_assert_cmphex (w.pa, ==, e->pa);
      g_assert_cmpuint (w.page_size, ==, 32);
      g_assert_cmphex (w.value, ==, e->value);
    }
  pw_machine_free (m);
}

/* ---- linear (paging-linear-translate.py) ----------------------------------- */

static void
test_linear (gconstpointer data)
{
  const char *name = data;
  g_auto(GStrv) lines = read_lines (name);
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(GByteArray) table = g_byte_array_new ();
  g_autoptr(PwScenario) sc = NULL;
  guint64 asize = parse_size (arg_value (lines, "address space size"));
  guint64 psize = parse_size (arg_value (lines, "phys mem size"));
  guint64 pagesize = parse_size (arg_value (lines, "page size"));
  guint offbits = log2_exact (pagesize), va_bits = log2_exact (asize);
  guint64 n_vpn = asize / pagesize, root, table_frames, frames;
  guint pa_bits = 1, n_checked = 0, entry_no = 0;
  gboolean in_table = FALSE, in_trace = FALSE;
  PwMachine *m;

  /* the page table, 4 bytes an entry, little-endian */
  for (guint i = 0; lines[i]; i++)
    {
      const char *l = lines[i];
      guint idx, v;

      if (g_str_has_prefix (l, "Page Table"))
        {
          in_table = TRUE;
          continue;
        }
      if (!in_table)
        continue;
      if (*l == '\0')
        break;
      if (sscanf (l, "  [ %u]  0x%x", &idx, &v) == 2)
        g_assert_cmpuint (idx, ==, entry_no);
      else if (sscanf (l, "  0x%x", &v) != 1)
        g_error ("%s: page table line %s", name, l);
      for (guint k = 0; k < 4; k++)
        {
          guint8 byte = (v >> (8 * k)) & 0xff;
          g_byte_array_append (table, &byte, 1);
        }
      entry_no++;
    }
  g_assert_cmpuint (entry_no, ==, n_vpn);

  /* the table sits just past the simulator's physical memory */
  root = psize / pagesize;
  table_frames = MAX (1, (table->len + pagesize - 1) / pagesize);
  frames = root + table_frames;
  while ((G_GUINT64_CONSTANT (1) << pa_bits) < frames * pagesize)
    pa_bits++;

  g_string_append_printf (json,
                          "{ \"pagewalk\": 1,\n"
                          "  \"arch\": { \"kind\": \"paged\", \"name\": \"ostep-linear\", "
                          "\"va_bits\": %u, \"pa_bits\": %u, \"page_size\": %" G_GUINT64_FORMAT ", "
                          "\"levels\": [%u],\n"
                          "    \"pte\": { \"bytes\": 4, \"present\": 31, \"pfn_shift\": 0, \"pfn_bits\": 31 } },\n"
                          "  \"memory\": { \"frames\": %" G_GUINT64_FORMAT " },\n"
                          "  \"frame_image\": [\n",
                          va_bits, pa_bits, pagesize, va_bits - offbits, frames);
  for (guint64 f = 0; f < table_frames; f++)
    {
      gsize off = f * pagesize, n = MIN (pagesize, table->len - off);
      g_string_append_printf (json, "%s    { \"frame\": %" G_GUINT64_FORMAT ", \"hex\": \"",
                              f ? ",\n" : "", root + f);
      append_hex (json, table->data + off, n);
      g_string_append (json, "\" }");
    }
  g_string_append_printf (json, "\n  ],\n  \"processes\": [ { \"pid\": 1, \"root\": %" G_GUINT64_FORMAT " } ]\n}\n",
                          root);
  sc = load_json (json->str, name);
  m = machine_ok (sc);

  for (guint i = 0; lines[i]; i++)
    {
      const char *l = lines[i];
      guint va, dec, pa, pdec, vpn;
      PwWalk w;

      if (g_str_has_prefix (l, "Virtual Address Trace"))
        {
          in_trace = TRUE;
          continue;
        }
      if (!in_trace || *l == '\0')
        continue;
      if (sscanf (l, "  VA 0x%x (decimal: %u) --> %x (decimal %u) [VPN %u]",
                  &va, &dec, &pa, &pdec, &vpn) == 5)
        {
          g_assert_cmpuint (va, ==, dec);
          translate_ok (m, va, &w);
          g_assert_cmpint (w.fault, ==, PW_FAULT_NONE);
          g_assert_cmpuint (w.n_steps, ==, 1);
          g_assert_cmpuint (w.steps[0].index, ==, vpn);
          g_assert_cmphex (w.pa, ==, pa);
          g_assert_cmpuint (w.pa, ==, pdec);
        }
      else if (sscanf (l, "  VA 0x%x (decimal: %u) -->  Invalid (VPN %u not valid)",
                       &va, &dec, &vpn) == 3)
        {
          translate_ok (m, va, &w);
          g_assert_cmpint (w.fault, ==, PW_FAULT_NOT_PRESENT);
          g_assert_cmpint (w.fault_depth, ==, 0);
          g_assert_cmpuint (w.steps[0].index, ==, vpn);
          g_assert_cmphex (w.steps[0].entry, ==, 0);
        }
      else
        g_error ("%s: trace line %s", name, l);
      n_checked++;
    }
  /* an explicit -A list: one answer for each address */
  if (!g_str_equal (arg_value (lines, "addresses"), "-1"))
    {
      g_auto(GStrv) list = g_strsplit (arg_value (lines, "addresses"), ",", -1);
      g_assert_cmpuint (n_checked, ==, g_strv_length (list));
    }
  g_assert_cmpuint (n_checked, >, 0);
  pw_machine_free (m);
}

/* ---- segmentation and relocation ------------------------------------------- */

static void
test_segmentation (gconstpointer data)
{
  const char *name = data;
  g_auto(GStrv) lines = read_lines (name);
  g_autoptr(PwScenario) sc = NULL;
  g_autofree char *json = NULL;
  guint64 asize = parse_size (arg_value (lines, "address space size"));
  guint64 psize = parse_size (arg_value (lines, "phys mem size"));
  guint base[2] = { G_MAXUINT, G_MAXUINT }, limit[2] = { G_MAXUINT, G_MAXUINT };
  guint n_checked = 0;
  PwMachine *m;

  for (guint i = 0; lines[i]; i++)
    {
      guint s, v;
      if (sscanf (lines[i], "  Segment %u base  (grows %*s : 0x%x", &s, &v) == 2 && s < 2)
        base[s] = v;
      else if (sscanf (lines[i], "  Segment %u limit                  : %u", &s, &v) == 2 && s < 2)
        limit[s] = v;
    }
  g_assert_cmpuint (base[0], !=, G_MAXUINT);
  g_assert_cmpuint (base[1], !=, G_MAXUINT);
  g_assert_cmpuint (limit[0], !=, G_MAXUINT);
  g_assert_cmpuint (limit[1], !=, G_MAXUINT);

  json = g_strdup_printf ("{ \"pagewalk\": 1,\n"
                          "  \"arch\": { \"kind\": \"segmented\", \"va_bits\": %u, \"pa_bits\": %u, "
                          "\"segment_bits\": 1 },\n"
                          "  \"processes\": [ { \"pid\": 1, \"segments\": [\n"
                          "    { \"base\": %u, \"limit\": %u, \"grows\": \"up\" },\n"
                          "    { \"base\": %u, \"limit\": %u, \"grows\": \"down\" } ] } ]\n}\n",
                          log2_exact (asize), log2_exact (psize),
                          base[0], limit[0], base[1], limit[1]);
  sc = load_json (json, name);
  m = machine_ok (sc);

  for (guint i = 0; lines[i]; i++)
    {
      guint n, va, dec, seg, pa, pdec;
      PwWalk w;

      if (sscanf (lines[i], "  VA %u: 0x%x (decimal: %u) --> VALID in SEG%u: 0x%x (decimal: %u)",
                  &n, &va, &dec, &seg, &pa, &pdec) == 6)
        {
          g_assert_cmpuint (va, ==, dec);
          translate_ok (m, va, &w);
          g_assert_cmpint (w.fault, ==, PW_FAULT_NONE);
          g_assert_cmpint (w.segment, ==, seg);
          g_assert_cmphex (w.pa, ==, pa);
          g_assert_cmpuint (w.pa, ==, pdec);
        }
      else if (sscanf (lines[i], "  VA %u: 0x%x (decimal: %u) --> SEGMENTATION VIOLATION (SEG%u)",
                       &n, &va, &dec, &seg) == 4)
        {
          translate_ok (m, va, &w);
          g_assert_cmpint (w.fault, ==, PW_FAULT_SEGMENTATION);
          g_assert_cmpint (w.segment, ==, seg);
        }
      else if (g_str_has_prefix (lines[i], "  VA "))
        g_error ("%s: trace line %s", name, lines[i]);
      else
        continue;
      g_assert_cmpuint (n, ==, n_checked);
      n_checked++;
    }
  g_assert_cmpuint (n_checked, >, 0);
  pw_machine_free (m);
}

static void
test_relocation (gconstpointer data)
{
  const char *name = data;
  g_auto(GStrv) lines = read_lines (name);
  g_autoptr(PwScenario) sc = NULL;
  g_autofree char *json = NULL;
  guint64 asize = parse_size (arg_value (lines, "address space size"));
  guint64 psize = parse_size (arg_value (lines, "phys mem size"));
  guint base = G_MAXUINT, limit = G_MAXUINT, n_checked = 0;
  PwMachine *m;

  for (guint i = 0; lines[i]; i++)
    {
      guint v;
      if (sscanf (lines[i], "  Base   : 0x%x", &v) == 1)
        base = v;
      else if (sscanf (lines[i], "  Limit  : %u", &v) == 1)
        limit = v;
    }
  g_assert_cmpuint (base, !=, G_MAXUINT);
  g_assert_cmpuint (limit, !=, G_MAXUINT);

  json = g_strdup_printf ("{ \"pagewalk\": 1,\n"
                          "  \"arch\": { \"kind\": \"base-bounds\", \"va_bits\": %u, \"pa_bits\": %u },\n"
                          "  \"processes\": [ { \"pid\": 1, \"base\": %u, \"limit\": %u } ]\n}\n",
                          log2_exact (asize), log2_exact (psize), base, limit);
  sc = load_json (json, name);
  m = machine_ok (sc);

  for (guint i = 0; lines[i]; i++)
    {
      guint n, va, dec, pa, pdec;
      PwWalk w;

      if (sscanf (lines[i], "  VA %u: 0x%x (decimal: %u) --> VALID: 0x%x (decimal: %u)",
                  &n, &va, &dec, &pa, &pdec) == 5)
        {
          translate_ok (m, va, &w);
          g_assert_cmpint (w.fault, ==, PW_FAULT_NONE);
          g_assert_cmphex (w.pa, ==, pa);
          g_assert_cmpuint (w.pa, ==, pdec);
        }
      else if (sscanf (lines[i], "  VA %u: 0x%x (decimal: %u) --> SEGMENTATION VIOLATION",
                       &n, &va, &dec) == 3)
        {
          translate_ok (m, va, &w);
          g_assert_cmpint (w.fault, ==, PW_FAULT_SEGMENTATION);
        }
      else if (g_str_has_prefix (lines[i], "  VA "))
        g_error ("%s: trace line %s", name, lines[i]);
      else
        continue;
      g_assert_cmpuint (n, ==, n_checked);
      n_checked++;
    }
  g_assert_cmpuint (n_checked, >, 0);
  pw_machine_free (m);
}

/* ---- policy (paging-policy.py) --------------------------------------------- */

typedef struct
{
  guint    page;
  gboolean hit;
  int      replaced;   /* -1: none */
  guint    hits, misses;
} PolExpect;

typedef struct
{
  GArray *events;   /* PwEvent (message dropped) */
} Collect;

static void
collect_event (const PwEvent *ev,
               gpointer       data)
{
  Collect *c = data;
  PwEvent copy = *ev;

  copy.message = NULL;
  g_array_append_val (c->events, copy);
}

/* next_use[i]: the index of the next access to the same page after access i
 * (one process, every step one access), G_MAXUINT64 for never. */
static guint64 *
future_of (const guint *pages,
           guint        n)
{
  guint64 *next = g_new (guint64, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      next[i] = G_MAXUINT64;
      for (guint j = i + 1; j < n; j++)
        if (pages[j] == pages[i])
          {
            next[i] = j;
            break;
          }
    }
  return next;
}

/* Runs the reference string @pages (page numbers, reads) on one process with
 * @cache data frames and @policy; fills @events with one event per access. */
static void
run_policy (const char  *policy,
            guint        cache,
            const guint *pages,
            guint        n,
            GArray      *events)
{
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(PwScenario) sc = NULL;
  g_autofree guint64 *future = NULL;
  PwMachine *m;
  Collect c = { events };
  guint max_page = 0;

  for (guint i = 0; i < n; i++)
    max_page = MAX (max_page, pages[i]);
  /* the seed arch: 4 KiB pages, a one-level table in frames 0xffc0..0xffff */
  g_string_append_printf (json,
                          "{ \"pagewalk\": 1, \"arch\": \"seed\", \"policy\": \"%s\",\n"
                          "  \"disk\": { \"slots\": %u },\n"
                          "  \"processes\": [ { \"pid\": 1, \"regions\": [\n"
                          "    { \"start\": 0, \"size\": \"0x%x\", \"state\": \"committed\", \"prot\": \"rw-\" } ] } ],\n"
                          "  \"steps\": [",
                          policy, max_page + 1, (max_page + 1) << 12);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (json, "%s\"r 0x%x\"", i ? ", " : " ", (pages[i] << 12) | 0x10);
  g_string_append (json, " ]\n}\n");

  sc = load_json (json->str, "policy.pagewalk");
  g_assert_false (sc->tlb);
  sc->data_frames = cache;
  m = machine_ok (sc);
  if (g_str_equal (policy, "opt"))
    {
      future = future_of (pages, n);
      pw_machine_set_future (m, future, n);
    }
  g_assert_cmpuint (sc->steps->len, ==, n);
  for (guint i = 0; i < sc->steps->len; i++)
    pw_machine_step (m, &g_array_index (sc->steps, PwStep, i), collect_event, &c);
  g_assert_cmpuint (events->len, ==, n);

  /* never more resident data pages than the cache holds */
  {
    g_autoptr(GArray) used = pw_machine_used_frames (m);
    guint data_frames = 0;
    for (guint i = 0; i < used->len; i++)
      if (g_array_index (used, PwFrameInfo, i).use == PW_FRAME_DATA)
        data_frames++;
    g_assert_cmpuint (data_frames, <=, cache);
  }
  pw_machine_free (m);
}

static gboolean
event_is_miss (const PwEvent *ev)
{
  g_assert_true (ev->ok);
  g_assert_true (ev->fault == PW_KF_NONE || ev->fault == PW_KF_MINOR
                 || ev->fault == PW_KF_MAJOR);
  return ev->fault == PW_KF_MINOR || ev->fault == PW_KF_MAJOR;
}

static void
test_policy (gconstpointer data)
{
  const char *name = data;
  g_auto(GStrv) lines = read_lines (name);
  g_autoptr(GArray) ex = g_array_new (FALSE, TRUE, sizeof (PolExpect));
  g_autoptr(GArray) pages = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) events = g_array_new (FALSE, TRUE, sizeof (PwEvent));
  g_autofree char *policy = g_ascii_strdown (arg_value (lines, "policy"), -1);
  guint cache = (guint) g_ascii_strtoull (arg_value (lines, "cachesize"), NULL, 10);
  const char *addresses = arg_value (lines, "addresses");
  guint final_hits = G_MAXUINT, final_misses = G_MAXUINT, hits = 0, misses = 0;

  for (guint i = 0; lines[i]; i++)
    {
      PolExpect e;
      char hm[8], rep[16];
      const char *r;

      if (sscanf (lines[i], "FINALSTATS hits %u misses %u", &final_hits, &final_misses) == 2)
        continue;
      if (sscanf (lines[i], "Access: %u %4s", &e.page, hm) != 2)
        continue;
      g_assert_true (g_str_equal (hm, "HIT") || g_str_equal (hm, "MISS"));
      e.hit = g_str_equal (hm, "HIT");
      r = strstr (lines[i], "Replaced:");
      g_assert_nonnull (r);
      g_assert_cmpint (sscanf (r, "Replaced:%15s [Hits:%u Misses:%u]", rep, &e.hits, &e.misses), ==, 3);
      e.replaced = g_str_equal (rep, "-") ? -1 : (int) g_ascii_strtoull (rep, NULL, 10);
      g_array_append_val (ex, e);
      g_array_append_val (pages, e.page);
    }
  g_assert_cmpuint (ex->len, >, 0);
  g_assert_cmpuint (final_hits + final_misses, ==, ex->len);
  /* where the file gives the list, the trace is exactly it */
  if (!g_str_equal (addresses, "-1"))
    {
      g_auto(GStrv) list = g_strsplit (addresses, ",", -1);
      g_assert_cmpuint (g_strv_length (list), ==, pages->len);
      for (guint i = 0; list[i]; i++)
        g_assert_cmpuint (g_ascii_strtoull (list[i], NULL, 10), ==, g_array_index (pages, guint, i));
    }

  run_policy (policy, cache, (const guint *) pages->data, pages->len, events);
  for (guint i = 0; i < ex->len; i++)
    {
      const PolExpect *e = &g_array_index (ex, PolExpect, i);
      const PwEvent *ev = &g_array_index (events, PwEvent, i);
      gboolean miss = event_is_miss (ev);

      g_test_message ("access %u: page %u", i, e->page);
      g_assert_cmpuint (ev->vpn, ==, e->page);
      g_assert_cmpint (ev->tlb, ==, PW_TLB_OFF);
      g_assert_cmpint (!miss, ==, e->hit);
      if (miss)
        misses++;
      else
        hits++;
      if (e->replaced < 0)
        g_assert_false (ev->evicted.happened);
      else
        {
          g_assert_true (ev->evicted.happened);
          g_assert_cmpuint (ev->evicted.pid, ==, 1);
          g_assert_cmpuint (ev->evicted.vpn, ==, (guint) e->replaced);
        }
      g_assert_cmpuint (hits, ==, e->hits);
      g_assert_cmpuint (misses, ==, e->misses);
    }
  g_assert_cmpuint (hits, ==, final_hits);
  g_assert_cmpuint (misses, ==, final_misses);
}

/* ---- the book's own tables ------------------------------------------------- */

static void
count_policy (const char  *policy,
              guint        cache,
              const guint *pages,
              guint        n,
              guint       *hits,
              guint       *misses)
{
  g_autoptr(GArray) events = g_array_new (FALSE, TRUE, sizeof (PwEvent));

  run_policy (policy, cache, pages, n, events);
  *hits = *misses = 0;
  for (guint i = 0; i < events->len; i++)
    {
      if (event_is_miss (&g_array_index (events, PwEvent, i)))
        (*misses)++;
      else
        (*hits)++;
    }
}

/* OSTEP chapter 22, Tables 22.1 (OPT), 22.2 (FIFO), 22.4 (LRU): the stream
 * 0,1,2,0,1,3,0,3,1,2,1 with a cache of three pages. */
static void
test_book_tables (void)
{
  static const guint stream[] = { 0, 1, 2, 0, 1, 3, 0, 3, 1, 2, 1 };
  static const struct { const char *policy; guint hits; } cases[] = {
    { "opt", 6 }, { "fifo", 4 }, { "lru", 6 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint hits, misses;
      count_policy (cases[i].policy, 3, stream, G_N_ELEMENTS (stream), &hits, &misses);
      g_assert_cmpuint (hits, ==, cases[i].hits);
      g_assert_cmpuint (misses, ==, G_N_ELEMENTS (stream) - cases[i].hits);
    }

  /* Table 22.1: at the 6th access (page 3) OPT evicts 2, whose next use is
   * furthest (0 and 1 come back sooner) */
  {
    g_autoptr(GArray) events = g_array_new (FALSE, TRUE, sizeof (PwEvent));
    run_policy ("opt", 3, stream, G_N_ELEMENTS (stream), events);
    g_assert_true (g_array_index (events, PwEvent, 5).evicted.happened);
    g_assert_cmpuint (g_array_index (events, PwEvent, 5).evicted.vpn, ==, 2);
    /* and at the 10th (page 2, nothing is used again but 1): evicts 3, the
     * most recently loaded of the never-used-again pages 0 and 3 */
    g_assert_true (g_array_index (events, PwEvent, 9).evicted.happened);
    g_assert_cmpuint (g_array_index (events, PwEvent, 9).evicted.vpn, ==, 3);
  }
}

/* Belady's anomaly (OSTEP 22.5): FIFO on 1,2,3,4,1,2,5,1,2,3,4,5 faults 9
 * times with three frames and 10 times with four. */
static void
test_book_belady (void)
{
  static const guint stream[] = { 1, 2, 3, 4, 1, 2, 5, 1, 2, 3, 4, 5 };
  guint hits, misses;

  count_policy ("fifo", 3, stream, G_N_ELEMENTS (stream), &hits, &misses);
  g_assert_cmpuint (misses, ==, 9);
  g_assert_cmpuint (hits, ==, 3);
  count_policy ("fifo", 4, stream, G_N_ELEMENTS (stream), &hits, &misses);
  g_assert_cmpuint (misses, ==, 10);
  g_assert_cmpuint (hits, ==, 2);
}

/* ---- registration ---------------------------------------------------------- */

typedef struct
{
  const char     *prefix;
  const char     *group;
  GTestDataFunc   func;
} Kind;

static const Kind kinds[] = {
  { "multilevel_", "multilevel", test_multilevel },
  { "linear_", "linear", test_linear },
  { "segmentation_", "segmentation", test_segmentation },
  { "relocation_", "relocation", test_relocation },
  { "policy_", "policy", test_policy },
};

static int
cmp_names (gconstpointer a,
           gconstpointer b)
{
  /* g_ptr_array_sort passes pointers to the elements */
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Files that are not checked, and why (see the header comment). */
static gboolean
skipped (const char *file)
{
  return g_str_has_suffix (file, "_q.txt")          /* questions, no answers */
    || strstr (file, "UNOPT") != NULL                /* not a Pagewalk policy */
    || strstr (file, "_RAND_") != NULL               /* Python's random stream */
    || strstr (file, "_CLOCK_") != NULL;             /* random probing, Python's stream */
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir_path = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  guint counts[G_N_ELEMENTS (kinds)] = { 0 };
  const char *name;

  g_test_init (&argc, &argv, NULL);

  dir_path = g_test_build_filename (G_TEST_DIST, "data", "ostep", NULL);
  dir = g_dir_open (dir_path, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".txt") && !skipped (name))
      g_ptr_array_add (files, g_strdup (name));
  g_ptr_array_sort (files, cmp_names);

  for (guint i = 0; i < files->len; i++)
    {
      const char *file = files->pdata[i];
      for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
        {
          g_autofree char *stem = NULL, *path = NULL;
          if (!g_str_has_prefix (file, kinds[k].prefix))
            continue;
          stem = g_strndup (file + strlen (kinds[k].prefix),
                            strlen (file) - strlen (kinds[k].prefix) - strlen (".txt"));
          if (g_str_has_suffix (stem, "_c"))
            stem[strlen (stem) - 2] = '\0';
          path = g_strdup_printf ("/ostep/%s/%s", kinds[k].group, stem);
          g_test_add_data_func (path, file, kinds[k].func);
          counts[k]++;
        }
    }
  /* every simulator's files are there: 6 multilevel, 7 linear, 8 segmentation,
   * 3 relocation, 4 readme + 2 belady + 1 tiebreak + 12 seeded policy runs */
  g_assert_cmpuint (counts[0], ==, 6);
  g_assert_cmpuint (counts[1], ==, 7);
  g_assert_cmpuint (counts[2], ==, 8);
  g_assert_cmpuint (counts[3], ==, 3);
  g_assert_cmpuint (counts[4], ==, 19);

  g_test_add_func ("/ostep/book/tables-22-1-2-4", test_book_tables);
  g_test_add_func ("/ostep/book/belady", test_book_belady);

  return g_test_run ();
}

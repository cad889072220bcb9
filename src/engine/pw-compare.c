/* pw-compare.c: one scenario under several policies and memory sizes
 *
 * Every figure is a real run of the engine (PwRun): nothing here replays a
 * policy by itself.  The table of frames over time reads each frame's page
 * from the policy's own description (pw_machine_describe_policy()) after
 * each access.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pagewalk-engine"

#include "config.h"

#include <string.h>

#include "pw-compare.h"
#include "pw-present.h"

static const PwPolicy all_policies[] = {
  PW_POLICY_FIFO, PW_POLICY_LRU, PW_POLICY_OPT, PW_POLICY_CLOCK, PW_POLICY_MRU, PW_POLICY_RANDOM,
};

const PwPolicy *
pw_compare_all_policies (guint *n)
{
  *n = G_N_ELEMENTS (all_policies);
  return all_policies;
}

static PwRun *
run_with (PwRun         *base,
          PwPolicy       policy,
          guint64        frames,
          GCancellable  *cancellable,
          GError       **error)
{
  PwRunConfig cfg;

  /* between runs: a cancel stops the comparison before the next run */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  /* the base run's settings (tlb...), the policy and the quota replaced */
  pw_run_config_init (&cfg);
  cfg.set_policy = TRUE;
  cfg.policy = policy;
  cfg.data_frames = frames;
  return pw_run_new_from (base, &cfg, cancellable, error);
}

/* ---- the sweep's top ---------------------------------------------------------- */

typedef struct
{
  PwMachine  *m;
  GHashTable *pages;     /* (pid << 48 | vpn) of every page accessed */
  guint64     initial;   /* data pages resident after set-up */
  guint64     most;      /* the most data pages resident at once */
} Sweep;

static void
sweep_event (const PwEvent *ev,
             gpointer       user_data)
{
  Sweep *s = user_data;
  const PwStats *st = pw_machine_stats (s->m);

  if (!pw_event_is_access (ev))
    return;
  if (g_hash_table_size (s->pages) <= PW_COMPARE_MAX_FRAMES)
    g_hash_table_add (s->pages, GSIZE_TO_POINTER (((guint64) ev->pid << 48) ^ ev->vpn));
  s->most = MAX (s->most, s->initial + st->page_faults - MIN (st->evictions, st->page_faults));
}

guint
pw_compare_sweep_frames (PwRun         *base,
                         guint64       *out,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(PwRun) run = NULL;
  PwMachine *m = NULL;
  Sweep s = { 0 };
  guint64 top;
  gboolean ok;

  /* no quota: the most pages the machine itself can hold, and the pages
   * the run touches; more frames than either change nothing */
  run = run_with (base, PW_POLICY_FIFO, G_MAXUINT32, cancellable, error);
  m = run ? pw_run_machine_new (run, error) : NULL;
  if (m == NULL)
    return 0;
  pw_machine_set_detail (m, FALSE);
  s.m = m;
  s.pages = g_hash_table_new (g_direct_hash, g_direct_equal);
  {
    /* pages resident and evictable from set-up on count too */
    PwPolicyState st;

    pw_machine_describe_policy (m, &st);
    s.initial = s.most = st.entries->len;
    pw_policy_state_clear (&st);
  }
  ok = pw_run_replay (run, m, sweep_event, &s, cancellable, error);
  top = MIN (g_hash_table_size (s.pages), s.most);
  g_hash_table_unref (s.pages);
  pw_machine_free (m);
  if (!ok)
    return 0;
  top = CLAMP (top, 1, PW_COMPARE_MAX_FRAMES);
  for (guint64 i = 0; i < top; i++)
    out[i] = i + 1;
  return (guint) top;
}

/* ---- the table of frames over time ----------------------------------------------- */

typedef struct
{
  PwMachine *m;
  GArray    *refs;      /* PwComparePage */
  GArray    *faults;    /* gboolean */
  GArray    *cells;     /* PwComparePage, PW_COMPARE_TABLE_MAX per access */
  GArray    *rows;      /* guint64 frame numbers, in the order first filled */
  gboolean   overflow;
} Table;

static guint
row_of (Table   *t,
        guint64  frame)
{
  for (guint r = 0; r < t->rows->len; r++)
    if (g_array_index (t->rows, guint64, r) == frame)
      return r;
  g_array_append_val (t->rows, frame);
  return t->rows->len - 1;
}

static void
table_event (const PwEvent *ev,
             gpointer       user_data)
{
  Table *t = user_data;
  PwComparePage page = { ev->pid, ev->vpn };
  PwComparePage empty = { 0, G_MAXUINT64 };
  gboolean fault = ev->fault == PW_KF_MINOR || ev->fault == PW_KF_MAJOR;
  PwPolicyState st;
  guint base;

  if (!pw_event_is_access (ev) || t->overflow)
    return;
  if (t->refs->len == PW_COMPARE_TABLE_MAX)
    {
      t->overflow = TRUE;
      return;
    }
  g_array_append_val (t->refs, page);
  g_array_append_val (t->faults, fault);
  base = t->cells->len;
  for (guint r = 0; r < PW_COMPARE_TABLE_MAX; r++)
    g_array_append_val (t->cells, empty);
  pw_machine_describe_policy (t->m, &st);
  for (guint i = 0; i < st.entries->len; i++)
    {
      const PwPolicyEntry *e = &g_array_index (st.entries, PwPolicyEntry, i);
      guint r = row_of (t, e->frame);
      PwComparePage p = { e->pid, e->vpn };

      if (r >= PW_COMPARE_TABLE_MAX)
        {
          t->overflow = TRUE;
          break;
        }
      g_array_index (t->cells, PwComparePage, base + r) = p;
    }
  pw_policy_state_clear (&st);
}

/* Runs the table of one policy into @cmp (policy @p); FALSE on error or
 * when the run is too long for a table (n_refs is then set to 0). */
static gboolean
run_table (PwCompare     *cmp,
           PwRun         *base,
           guint          p,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(PwRun) run = run_with (base, cmp->policies[p], cmp->table_frames, cancellable, error);
  PwMachine *m = run ? pw_run_machine_new (run, error) : NULL;
  Table t = { 0 };
  gboolean ok;

  if (m == NULL)
    return FALSE;
  t.m = m;
  t.refs = g_array_new (FALSE, FALSE, sizeof (PwComparePage));
  t.faults = g_array_new (FALSE, FALSE, sizeof (gboolean));
  t.cells = g_array_new (FALSE, FALSE, sizeof (PwComparePage));
  t.rows = g_array_new (FALSE, FALSE, sizeof (guint64));
  ok = pw_run_replay (run, m, table_event, &t, cancellable, error);
  pw_machine_free (m);
  if (ok && !t.overflow && t.refs->len > 0)
    {
      guint n = t.refs->len, rows = MAX (cmp->n_rows, t.rows->len);

      if (p == 0)
        {
          cmp->n_refs = n;
          cmp->refs = g_memdup2 (t.refs->data, n * sizeof (PwComparePage));
        }
      cmp->faults[p] = g_memdup2 (t.faults->data, n * sizeof (gboolean));
      cmp->cells[p] = g_new (PwComparePage, (gsize) n * PW_COMPARE_TABLE_MAX);
      memcpy (cmp->cells[p], t.cells->data, (gsize) n * PW_COMPARE_TABLE_MAX * sizeof (PwComparePage));
      cmp->n_rows = rows;
    }
  else if (ok)
    cmp->n_refs = 0;
  g_array_unref (t.refs);
  g_array_unref (t.faults);
  g_array_unref (t.cells);
  g_array_unref (t.rows);
  return ok;
}

/* The cells were kept PW_COMPARE_TABLE_MAX rows high; pack them to n_rows. */
static void
pack_cells (PwCompare *cmp)
{
  for (guint p = 0; p < cmp->n_policies; p++)
    {
      PwComparePage *packed;

      if (cmp->cells[p] == NULL)
        continue;
      packed = g_new (PwComparePage, (gsize) MAX (cmp->n_refs * cmp->n_rows, 1));
      for (guint i = 0; i < cmp->n_refs; i++)
        memcpy (packed + (gsize) i * cmp->n_rows, cmp->cells[p] + (gsize) i * PW_COMPARE_TABLE_MAX,
                cmp->n_rows * sizeof (PwComparePage));
      g_free (cmp->cells[p]);
      cmp->cells[p] = packed;
    }
}

/* ---- the comparison ---------------------------------------------------------------- */

PwCompare *
pw_compare_run (PwRun              *base,
                const PwPolicy     *policies,
                guint               n_policies,
                const guint64      *frames,
                guint               n_frames,
                guint64             table_frames,
                PwCompareProgress   progress,
                gpointer            user_data,
                GCancellable       *cancellable,
                GError            **error)
{
  g_autoptr(PwCompare) cmp = g_new0 (PwCompare, 1);
  guint total = n_policies * n_frames + n_policies, done = 0;

  g_return_val_if_fail (base != NULL && policies != NULL && frames != NULL, NULL);
  g_return_val_if_fail (n_policies > 0 && n_frames > 0, NULL);

  cmp->n_policies = n_policies;
  cmp->policies = g_memdup2 (policies, n_policies * sizeof (PwPolicy));
  cmp->n_frames = n_frames;
  cmp->frames = g_memdup2 (frames, n_frames * sizeof (guint64));
  cmp->results = g_new0 (PwCompareResult, (gsize) n_policies * n_frames);
  cmp->table_frames = table_frames;
  cmp->cells = g_new0 (PwComparePage *, n_policies);
  cmp->faults = g_new0 (gboolean *, n_policies);

  /* the table first: a run too long for it stops recording at once; a
   * trace longer than the table is not run for it at all */
  if (pw_run_n_trace (base) > PW_COMPARE_TABLE_MAX)
    total -= n_policies;
  for (guint p = 0; p < n_policies && pw_run_n_trace (base) <= PW_COMPARE_TABLE_MAX; p++)
    {
      if (!run_table (cmp, base, p, cancellable, error))
        return NULL;
      if (progress)
        progress (++done, total, user_data);
      if (cmp->n_refs == 0)
        {
          total -= n_policies - p - 1;
          break;
        }
    }
  if (cmp->n_refs == 0)
    for (guint p = 0; p < n_policies; p++)
      {
        g_clear_pointer (&cmp->cells[p], g_free);
        g_clear_pointer (&cmp->faults[p], g_free);
      }
  pack_cells (cmp);

  for (guint f = 0; f < n_frames; f++)
    for (guint p = 0; p < n_policies; p++)
      {
        PwCompareResult *r = &cmp->results[f * n_policies + p];
        g_autoptr(PwRun) run = run_with (base, policies[p], frames[f], cancellable, error);
        PwMachine *m = run ? pw_run_machine_new (run, error) : NULL;
        const PwStats *st;
        gboolean ok;

        if (m == NULL)
          return NULL;
        pw_machine_set_detail (m, FALSE);
        ok = pw_run_replay (run, m, NULL, NULL, cancellable, error);
        st = pw_machine_stats (m);
        r->policy = policies[p];
        r->frames = frames[f];
        r->accesses = st->accesses;
        r->page_faults = st->page_faults;
        r->major_faults = st->major_faults;
        r->evictions = st->evictions;
        pw_machine_free (m);
        if (!ok)
          return NULL;
        if (progress)
          progress (++done, total, user_data);
      }
  return g_steal_pointer (&cmp);
}

void
pw_compare_free (PwCompare *cmp)
{
  if (cmp == NULL)
    return;
  for (guint p = 0; p < cmp->n_policies; p++)
    {
      if (cmp->cells)
        g_free (cmp->cells[p]);
      if (cmp->faults)
        g_free (cmp->faults[p]);
    }
  g_free (cmp->cells);
  g_free (cmp->faults);
  g_free (cmp->refs);
  g_free (cmp->results);
  g_free (cmp->frames);
  g_free (cmp->policies);
  g_free (cmp);
}

const PwCompareResult *
pw_compare_lookup (const PwCompare *cmp,
                   PwPolicy         policy,
                   guint64          frames)
{
  for (guint f = 0; f < cmp->n_frames; f++)
    for (guint p = 0; p < cmp->n_policies; p++)
      if (cmp->frames[f] == frames && cmp->policies[p] == policy)
        return &cmp->results[f * cmp->n_policies + p];
  return NULL;
}

/* ---- CSV ----------------------------------------------------------------------------- */

char *
pw_compare_csv (const PwCompare *cmp)
{
  GString *s = g_string_new ("policy,frames,accesses,page_faults,major_faults,evictions,hits,miss_ratio\n");

  for (guint p = 0; p < cmp->n_policies; p++)
    for (guint f = 0; f < cmp->n_frames; f++)
      {
        const PwCompareResult *r = &cmp->results[f * cmp->n_policies + p];
        char ratio[G_ASCII_DTOSTR_BUF_SIZE];

        /* a number a spreadsheet reads in every locale */
        g_ascii_formatd (ratio, sizeof ratio, "%.6f",
                         r->accesses ? (double) r->page_faults / (double) r->accesses : 0.0);
        g_string_append_printf (s, "%s,", pw_policy_name (r->policy));
        if (r->frames)
          g_string_append_printf (s, "%" G_GUINT64_FORMAT, r->frames);
        g_string_append_printf (s, ",%" G_GUINT64_FORMAT ",%" G_GUINT64_FORMAT ",%" G_GUINT64_FORMAT
                                ",%" G_GUINT64_FORMAT ",%" G_GUINT64_FORMAT ",%s\n",
                                r->accesses, r->page_faults, r->major_faults, r->evictions,
                                r->accesses - MIN (r->page_faults, r->accesses), ratio);
      }
  return g_string_free (s, FALSE);
}

gboolean
pw_compare_write_csv (const PwCompare  *cmp,
                      const char       *path,
                      GError          **error)
{
  g_autofree char *csv = pw_compare_csv (cmp);

  /* g_file_set_contents() writes a temporary beside @path and renames it */
  return g_file_set_contents_full (path, csv, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644, error);
}

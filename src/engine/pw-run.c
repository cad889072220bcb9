/* pw-run.c: one run of a scenario (pw-run.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-run"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pw-future.h"
#include "pw-number.h"
#include "pw-run.h"

struct _PwRun
{
  gint              ref_count;
  const PwScenario *sc;
  PwMachineConfig   cfg;
  /* the trace, one element per access, in three arrays (no padding) */
  GArray           *va;       /* guint64 */
  GArray           *pid;      /* guint */
  GArray           *access;   /* guint8: PwAccess */
  GArray           *future;   /* guint64 next_use, or NULL */
  PwMachine        *spare;    /* the machine set up by pw_run_new() to check
                               * the settings, handed to the first caller of
                               * pw_run_machine_new(): a run sets up once */
  PwFirstUse       *first_use; /* each page's accesses, for pages resident
                                * before their first one (opt), or NULL */
};

void
pw_run_config_init (PwRunConfig *cfg)
{
  memset (cfg, 0, sizeof *cfg);
  cfg->trace_format = PW_TRACE_AUTO;
}

gboolean
pw_run_config_parse_tlb (PwRunConfig  *cfg,
                         const char   *text,
                         GError      **error)
{
  g_auto(GStrv) parts = NULL;
  guint64 entries, ways;

  if (g_str_equal (text, "off"))
    {
      cfg->set_tlb = TRUE;
      cfg->tlb = FALSE;
      return TRUE;
    }
  parts = g_strsplit (text, "x", 2);
  if (parts[0] == NULL || !pw_number_parse (parts[0], &entries, NULL)
      || entries == 0 || entries > 65536)
    {
      g_set_error (error, PW_ERROR, PW_ERROR_VALUE,
                   _("--tlb must be off, ENTRIES or ENTRIESxWAYS (1 to 65536 entries)"));
      return FALSE;
    }
  ways = entries;
  if (parts[1] != NULL
      && (!pw_number_parse (parts[1], &ways, NULL) || ways == 0 || entries % ways != 0))
    {
      g_set_error (error, PW_ERROR, PW_ERROR_VALUE, _("--tlb: the ways must divide the entries"));
      return FALSE;
    }
  cfg->set_tlb = TRUE;
  cfg->tlb = TRUE;
  cfg->tlb_entries = (guint) entries;
  cfg->tlb_ways = (guint) ways;
  return TRUE;
}

PwRun *
pw_run_ref (PwRun *run)
{
  g_atomic_int_inc (&run->ref_count);
  return run;
}

void
pw_run_free (PwRun *run)
{
  if (run == NULL || !g_atomic_int_dec_and_test (&run->ref_count))
    return;
  if (run->va)
    g_array_unref (run->va);
  if (run->pid)
    g_array_unref (run->pid);
  if (run->access)
    g_array_unref (run->access);
  if (run->future)
    g_array_unref (run->future);
  g_clear_pointer (&run->first_use, pw_first_use_unref);
  g_clear_pointer (&run->spare, pw_machine_free);
  g_free (run);
}

static gboolean
read_trace (PwRun             *run,
            const PwRunConfig *cfg,
            GCancellable      *cancellable,
            GError           **error)
{
  g_autoptr(PwTrace) t = NULL;
  PwTraceAccess acc;
  guint shift = run->sc->arch->page_shift;

  if (cfg == NULL || cfg->trace_path == NULL)
    return TRUE;
  t = pw_trace_open (cfg->trace_path, cfg->trace_format, error);
  if (t == NULL)
    return FALSE;
  while (pw_trace_next (t, &acc, error))
    {
      guint64 va = acc.is_page ? acc.va << shift : acc.va;
      guint8 access = (guint8) acc.access;

      if (run->va->len >= PW_RUN_MAX_TRACE)
        {
          g_autofree char *max = g_strdup_printf ("%" G_GUINT64_FORMAT, PW_RUN_MAX_TRACE);
          g_set_error (error, PW_ERROR, PW_ERROR_VALUE,
                       _("%s: the trace has more than %s accesses"),
                       cfg->trace_path, max);
          return FALSE;
        }
      g_array_append_val (run->va, va);
      g_array_append_val (run->pid, acc.pid);
      g_array_append_val (run->access, access);
      if ((run->va->len & 0xffff) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
    }
  return error == NULL || *error == NULL;
}

static void
record_access (const PwEvent *ev,
               gpointer       data)
{
  PwFuture *f = data;

  if (ev->i != G_MAXUINT64)
    pw_future_add (f, ev->pid, ev->vpn);
}

/* The kernel's own order of accesses: the steps run on a scratch machine
 * (the policy and the TLB do not change which accesses a step makes), then
 * the trace, pid 0 being the process current after the steps. */
static gboolean
compute_future (PwRun         *run,
                GCancellable  *cancellable,
                GError       **error)
{
  PwMachineConfig scratch_cfg = run->cfg;
  PwMachine *m;
  PwFuture *f;
  guint current;
  guint shift = run->sc->arch->page_shift;

  scratch_cfg.policy = PW_POLICY_FIFO;
  scratch_cfg.tlb = FALSE;
  m = pw_machine_new_full (run->sc, &scratch_cfg, error);
  if (m == NULL)
    return FALSE;
  pw_machine_set_detail (m, FALSE);
  f = pw_future_new ();
  for (guint i = 0; i < run->sc->steps->len; i++)
    {
      pw_machine_step (m, &g_array_index (run->sc->steps, PwStep, i), record_access, f);
      if ((i & 0xfff) == 0xfff && g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          pw_future_free (f);
          pw_machine_free (m);
          return FALSE;
        }
    }
  /* pw_machine_access(): pid 0 is the current process; a trace access
   * never changes which process is current */
  current = pw_machine_current_pid (m);
  pw_machine_free (m);
  for (guint64 i = 0; i < run->va->len; i++)
    {
      guint pid = g_array_index (run->pid, guint, i);
      pw_future_add (f, pid ? pid : current, g_array_index (run->va, guint64, i) >> shift);
    }
  run->future = pw_future_finish_full (f, &run->first_use);
  return TRUE;
}

static void
resolve_config (PwRun             *run,
                const PwRunConfig *cfg)
{
  pw_machine_config_from_scenario (run->sc, &run->cfg);
  if (cfg == NULL)
    return;
  if (cfg->set_policy)
    run->cfg.policy = cfg->policy;
  if (cfg->data_frames != 0)
    run->cfg.data_frames = cfg->data_frames;
  if (cfg->set_tlb)
    {
      run->cfg.tlb = cfg->tlb;
      if (cfg->tlb)
        {
          run->cfg.tlb_entries = cfg->tlb_entries;
          run->cfg.tlb_ways = cfg->tlb_ways ? cfg->tlb_ways : cfg->tlb_entries;
        }
    }
}

static gboolean
same_config (const PwMachineConfig *a,
             const PwMachineConfig *b)
{
  return a->policy == b->policy && a->data_frames == b->data_frames && a->tlb == b->tlb
         && a->tlb_entries == b->tlb_entries && a->tlb_ways == b->tlb_ways
         && a->tlb_policy == b->tlb_policy && a->tlb_asid == b->tlb_asid;
}

/* Settings, trace (read unless @other gives it) and future. */
static PwRun *
run_new (const PwScenario  *sc,
         const PwRun       *other,
         const PwRunConfig *cfg,
         GCancellable      *cancellable,
         GError           **error)
{
  g_autoptr(PwRun) run = g_new0 (PwRun, 1);

  run->ref_count = 1;
  run->sc = sc;
  resolve_config (run, cfg);
  /* the settings are checked where the machine is made; that machine is
   * the run's first.  With the scenario's own settings it is the one
   * loading set up, if no run took it yet. */
  {
    PwMachine *setup = g_atomic_pointer_get (&((PwScenario *) sc)->setup);
    if (setup != NULL && same_config (pw_machine_config (setup), &run->cfg))
      run->spare = pw_scenario_take_setup (sc);
  }
  if (run->spare == NULL)
    run->spare = pw_machine_new_full (sc, &run->cfg, error);
  if (run->spare == NULL)
    return NULL;

  if (other != NULL)
    {
      run->va = g_array_ref (other->va);
      run->pid = g_array_ref (other->pid);
      run->access = g_array_ref (other->access);
    }
  else
    {
      run->va = g_array_new (FALSE, FALSE, sizeof (guint64));
      run->pid = g_array_new (FALSE, FALSE, sizeof (guint));
      run->access = g_array_new (FALSE, FALSE, sizeof (guint8));
      if (!read_trace (run, cfg, cancellable, error))
        return NULL;
    }
  if (run->cfg.policy == PW_POLICY_OPT && !compute_future (run, cancellable, error))
    return NULL;
  return g_steal_pointer (&run);
}

PwRun *
pw_run_new (const PwScenario  *sc,
            const PwRunConfig *cfg,
            GCancellable      *cancellable,
            GError           **error)
{
  return run_new (sc, NULL, cfg, cancellable, error);
}

PwRun *
pw_run_new_from (const PwRun       *other,
                 const PwRunConfig *cfg,
                 GCancellable      *cancellable,
                 GError           **error)
{
  return run_new (other->sc, other, cfg, cancellable, error);
}

const PwScenario *
pw_run_scenario (const PwRun *run)
{
  return run->sc;
}

const PwMachineConfig *
pw_run_config (const PwRun *run)
{
  return &run->cfg;
}

guint
pw_run_n_steps (const PwRun *run)
{
  return run->sc->steps->len;
}

guint64
pw_run_n_trace (const PwRun *run)
{
  return run->va->len;
}

guint64
pw_run_n_positions (const PwRun *run)
{
  return (guint64) run->sc->steps->len + run->va->len;
}

const guint64 *
pw_run_future (const PwRun *run,
               guint64     *n)
{
  if (n != NULL)
    *n = run->future ? run->future->len : 0;
  return run->future ? (const guint64 *) run->future->data : NULL;
}

void
pw_run_position_step (const PwRun *run,
                      guint64      position,
                      PwStep      *out)
{
  guint n_steps = run->sc->steps->len;
  guint64 k;

  if (position < n_steps)
    {
      *out = g_array_index (run->sc->steps, PwStep, position);
      return;
    }
  k = position - n_steps;
  g_return_if_fail (k < run->va->len);
  memset (out, 0, sizeof *out);
  out->kind = PW_STEP_ACCESS;
  out->pid = g_array_index (run->pid, guint, k);
  out->access = (PwAccess) g_array_index (run->access, guint8, k);
  out->va = g_array_index (run->va, guint64, k);
}

PwMachine *
pw_run_machine_new (PwRun   *run,
                    GError **error)
{
  PwMachine *m = g_atomic_pointer_exchange (&run->spare, NULL);

  if (m == NULL)
    m = pw_machine_new_full (run->sc, &run->cfg, error);
  if (m != NULL && run->future != NULL)
    pw_machine_set_future_full (m, (const guint64 *) run->future->data, run->future->len,
                                run->first_use);
  return m;
}

void
pw_run_advance (PwRun       *run,
                PwMachine   *m,
                guint64      position,
                PwEventFunc  func,
                gpointer     data)
{
  guint n_steps = run->sc->steps->len;
  guint64 k;
  PwEvent ev;

  if (position < n_steps)
    {
      pw_machine_step (m, &g_array_index (run->sc->steps, PwStep, position), func, data);
      return;
    }
  k = position - n_steps;
  g_return_if_fail (k < run->va->len);
  pw_machine_access (m, g_array_index (run->pid, guint, k),
                     (PwAccess) g_array_index (run->access, guint8, k),
                     g_array_index (run->va, guint64, k), &ev);
  if (func)
    func (&ev, data);
  pw_event_clear (&ev);
}

gboolean
pw_run_replay (PwRun         *run,
               PwMachine     *m,
               PwEventFunc    func,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  guint64 n = pw_run_n_positions (run);

  for (guint64 k = 0; k < n; k++)
    {
      pw_run_advance (run, m, k, func, data);
      if ((k & 0xffff) == 0xffff && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
    }
  return TRUE;
}

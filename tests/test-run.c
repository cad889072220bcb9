/* test-run.c: runs and histories over them (src/engine/pw-run.c, pw-history.c)
 *
 * Seeded random scenarios and traces with more pages than frames, for every
 * policy and several architectures: the machine a history seeks to (in any
 * order) is the machine a fresh run of the same positions gives, and the
 * events of a position are those of the whole run at the same indices.  The
 * future `opt` is given is the kernel's own order of accesses.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-run"

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "pw-history.h"
#include "pw-machine.h"
#include "pw-number.h"
#include "pw-physmem.h"
#include "pw-run.h"
#include "pw-scenario.h"

static const char *policies[] = { "fifo", "lru", "opt", "clock", "random", "mru" };

typedef struct
{
  const char *arch;        /* a preset name, or a JSON object */
  guint64     page;
  guint64     base;        /* first address of each process's region */
} Arch;

static const Arch arches[] = {
  { "\"x86-32\"", 4096, 0x400000 },
  { "\"x86-64\"", 4096, 0x7f0000000000 },
  { "\"riscv-sv39\"", 4096, 0x10000 },
  { "\"aarch64-4k\"", 4096, 0x200000 },
  { "\"ostep-multilevel\"", 32, 0x0 },
};

#define N_PAGES 10

/* ---- events -------------------------------------------------------------- */

static void
collect (const PwEvent *ev,
         gpointer       data)
{
  GArray *events = data;
  PwEvent copy = *ev;

  copy.message = g_strdup (ev->message);
  g_array_append_val (events, copy);
}

static void
clear_event (gpointer data)
{
  pw_event_clear (data);
}

static GArray *
events_new (void)
{
  GArray *a = g_array_new (FALSE, TRUE, sizeof (PwEvent));
  g_array_set_clear_func (a, clear_event);
  return a;
}

static void
assert_same_event (const PwEvent *a,
                   const PwEvent *b)
{
  g_assert_cmpuint (a->i, ==, b->i);
  g_assert_cmpuint (a->step, ==, b->step);
  g_assert_cmpint (a->kind, ==, b->kind);
  g_assert_cmpuint (a->pid, ==, b->pid);
  g_assert_cmpint (a->access, ==, b->access);
  g_assert_cmpuint (a->va, ==, b->va);
  g_assert_cmpuint (a->vpn, ==, b->vpn);
  g_assert_cmpint (a->tlb, ==, b->tlb);
  g_assert_cmpint (a->fault, ==, b->fault);
  g_assert_cmpint (a->ok, ==, b->ok);
  g_assert_cmpuint (a->pa, ==, b->pa);
  g_assert_cmpint (a->evicted.happened, ==, b->evicted.happened);
  g_assert_cmpuint (a->evicted.pid, ==, b->evicted.pid);
  g_assert_cmpuint (a->evicted.vpn, ==, b->evicted.vpn);
  g_assert_cmpint (a->evicted.written, ==, b->evicted.written);
  g_assert_cmpuint (a->n_evicted, ==, b->n_evicted);
  g_assert_cmpstr (a->message, ==, b->message);
}

/* ---- machines ------------------------------------------------------------ */

static void
assert_same_machine (PwMachine *a,
                     PwMachine *b)
{
  g_assert_cmpmem (pw_machine_stats (a), sizeof (PwStats), pw_machine_stats (b), sizeof (PwStats));
  g_assert_cmpuint (pw_machine_n_accesses (a), ==, pw_machine_n_accesses (b));
  g_assert_cmpuint (pw_machine_current_pid (a), ==, pw_machine_current_pid (b));
  g_assert_cmpuint (pw_machine_n_processes (a), ==, pw_machine_n_processes (b));
  for (guint p = 0; p < pw_machine_n_processes (a); p++)
    {
      const PwProcess *pa = pw_machine_process (a, p), *pb = pw_machine_process (b, p);
      g_autoptr(GPtrArray) ga = NULL, gb = NULL;

      g_assert_cmpuint (pa->pid, ==, pb->pid);
      ga = pw_machine_sorted_pages (a, pa);
      gb = pw_machine_sorted_pages (b, pb);
      g_assert_cmpuint (ga->len, ==, gb->len);
      for (guint i = 0; i < ga->len; i++)
        {
          const PwPage *x = ga->pdata[i], *y = gb->pdata[i];
          g_assert_cmpuint (x->vpn, ==, y->vpn);
          g_assert_cmpint (x->resident, ==, y->resident);
          if (x->resident)
            g_assert_cmpuint (x->frame, ==, y->frame);
          g_assert_cmpint (x->on_disk, ==, y->on_disk);
          if (x->on_disk)
            g_assert_cmpuint (x->slot, ==, y->slot);
          g_assert_cmpint (x->cow, ==, y->cow);
          g_assert_cmpuint (x->loaded_at, ==, y->loaded_at);
          g_assert_cmpuint (x->used_at, ==, y->used_at);
        }
    }
}

/* ---- random scenarios ------------------------------------------------------ */

static PwScenario *
random_scenario (const Arch *arch,
                 const char *policy,
                 GRand      *r)
{
  g_autoptr(GString) j = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  guint n_steps = 40 + g_rand_int_range (r, 0, 40);
  PwScenario *sc;

  g_string_append_printf (j, "{ \"pagewalk\": 1, \"arch\": %s, \"disk\": { \"slots\": 64 },\n"
                          "  \"policy\": \"%s\", \"tlb\": { \"entries\": 4, \"ways\": 2 },\n"
                          "  \"processes\": [\n", arch->arch, policy);
  for (guint pid = 1; pid <= 2; pid++)
    g_string_append_printf (j, "    { \"pid\": %u, \"regions\": [ { \"start\": \"0x%" G_GINT64_MODIFIER "x\","
                            " \"size\": %" G_GUINT64_FORMAT ", \"state\": \"committed\", \"prot\": \"rw-\" } ] }%s\n",
                            pid, arch->base, arch->page * N_PAGES, pid == 1 ? "," : "");
  g_string_append (j, "  ],\n  \"steps\": [");
  for (guint i = 0; i < n_steps; i++)
    {
      guint what = g_rand_int_range (r, 0, 20);
      guint64 page = g_rand_int_range (r, 0, N_PAGES);
      guint64 va = arch->base + page * arch->page + g_rand_int_range (r, 0, (gint32) arch->page);
      const char *sep = i ? ",\n    " : "\n    ";

      if (what == 0)
        g_string_append_printf (j, "%s\"switch %u\"", sep, g_rand_int_range (r, 1, 3));
      else if (what == 1)
        g_string_append_printf (j, "%s{ \"touch\": { \"pid\": %u, \"start\": \"0x%" G_GINT64_MODIFIER "x\", \"size\": %"
                                G_GUINT64_FORMAT ", \"access\": \"w\" } }", sep, g_rand_int_range (r, 1, 3),
                                arch->base + (page / 2) * arch->page, 3 * arch->page);
      else if (what < 5)
        g_string_append_printf (j, "%s\"w %u 0x%" G_GINT64_MODIFIER "x\"", sep, g_rand_int_range (r, 1, 3), va);
      else
        g_string_append_printf (j, "%s\"r 0x%" G_GINT64_MODIFIER "x\"", sep, va);
    }
  g_string_append (j, "\n  ] }\n");
  sc = pw_scenario_load_data (j->str, j->len, "random.pagewalk", &error);
  g_assert_no_error (error);
  return sc;
}

/* A plain trace, in a temporary file: lines with and without a pid. */
static char *
random_trace (const Arch *arch,
              GRand      *r)
{
  g_autoptr(GString) t = g_string_new ("# a random trace\n");
  g_autoptr(GError) error = NULL;
  char *path = NULL;
  int fd = g_file_open_tmp ("test-run-XXXXXX.trace", &path, &error);
  guint n = 30 + g_rand_int_range (r, 0, 30);

  g_assert_no_error (error);
  close (fd);
  for (guint i = 0; i < n; i++)
    {
      guint64 va = arch->base + g_rand_int_range (r, 0, N_PAGES) * arch->page;
      const char *acc = g_rand_boolean (r) ? "r" : "w";
      if (g_rand_boolean (r))
        g_string_append_printf (t, "%s 0x%" G_GINT64_MODIFIER "x\n", acc, va);
      else
        g_string_append_printf (t, "%u %s 0x%" G_GINT64_MODIFIER "x\n", g_rand_int_range (r, 1, 3), acc, va);
    }
  g_file_set_contents (path, t->str, t->len, &error);
  g_assert_no_error (error);
  return path;
}

/* next_use[i] from the (pid, page) of the events of a whole run, the slow way. */
static void
assert_future (PwRun  *run,
               GArray *events)
{
  g_autoptr(GArray) acc = g_array_new (FALSE, FALSE, sizeof (const PwEvent *));
  const guint64 *future;
  guint64 n;

  for (guint e = 0; e < events->len; e++)
    {
      const PwEvent *ev = &g_array_index (events, PwEvent, e);
      if (ev->i != G_MAXUINT64)
        {
          g_assert_cmpuint (ev->i, ==, acc->len);
          g_array_append_val (acc, ev);
        }
    }
  future = pw_run_future (run, &n);
  g_assert_nonnull (future);
  g_assert_cmpuint (n, ==, acc->len);
  for (guint i = 0; i < acc->len; i++)
    {
      const PwEvent *a = g_array_index (acc, const PwEvent *, i);
      guint64 next = G_MAXUINT64;
      for (guint k = i + 1; k < acc->len; k++)
        {
          const PwEvent *b = g_array_index (acc, const PwEvent *, k);
          if (b->pid == a->pid && b->vpn == a->vpn)
            {
              next = k;
              break;
            }
        }
      g_assert_cmpuint (future[i], ==, next);
    }
}

/* The history of @run against fresh machines and the whole run's events. */
static void
check_run (PwRun *run,
           GRand *r)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) snaps = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_machine_free);
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) by_position = events_new ();
  g_autoptr(GArray) replayed = events_new ();
  g_autoptr(PwHistory) h = NULL;
  guint64 n = pw_run_n_positions (run);
  PwMachine *m = pw_run_machine_new (run, &error);
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (guint));

  g_assert_no_error (error);
  /* a fresh machine, one position at a time: the state after each */
  g_ptr_array_add (snaps, pw_machine_copy (m));
  for (guint64 k = 0; k < n; k++)
    {
      guint start = by_position->len;
      g_array_append_val (starts, start);
      pw_run_advance (run, m, k, collect, by_position);
      g_ptr_array_add (snaps, pw_machine_copy (m));
    }
  {
    guint end = by_position->len;
    g_array_append_val (starts, end);
  }
  pw_machine_free (m);
  /* the copies are the machines a fresh run of the first k positions gives */
  for (guint64 k = 0; k <= n; k += 1 + k / 16)
    {
      PwMachine *fresh = pw_run_machine_new (run, &error);
      g_assert_no_error (error);
      for (guint64 q = 0; q < k; q++)
        pw_run_advance (run, fresh, q, NULL, NULL);
      assert_same_machine (fresh, snaps->pdata[k]);
      pw_machine_free (fresh);
    }

  /* the whole run at once */
  m = pw_run_machine_new (run, &error);
  g_assert_no_error (error);
  g_assert_true (pw_run_replay (run, m, collect, replayed, NULL, &error));
  g_assert_no_error (error);
  assert_same_machine (m, snaps->pdata[n]);
  g_assert_cmpuint (replayed->len, ==, by_position->len);
  for (guint e = 0; e < replayed->len; e++)
    assert_same_event (&g_array_index (replayed, PwEvent, e), &g_array_index (by_position, PwEvent, e));
  if (pw_run_config (run)->policy == PW_POLICY_OPT)
    assert_future (run, replayed);
  pw_machine_free (m);

  /* forward, backward, then at random */
  for (guint k = 0; k <= n; k++)
    g_array_append_val (order, k);
  for (guint k = (guint) n + 1; k-- > 0; )
    g_array_append_val (order, k);
  for (guint k = 0; k < 2 * n; k++)
    {
      guint v = g_rand_int_range (r, 0, (gint32) n + 1);
      g_array_append_val (order, v);
    }

  h = pw_history_new_for_run (run, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pw_history_n_steps (h), ==, n);
  for (guint o = 0; o < order->len; o++)
    {
      guint k = g_array_index (order, guint, o);
      g_autoptr(GArray) got = events_new ();
      PwMachine *hm = pw_history_seek (h, k, collect, got);

      g_assert_cmpuint (pw_history_position (h), ==, k);
      assert_same_machine (hm, snaps->pdata[k]);
      if (k == 0)
        {
          g_assert_cmpuint (got->len, ==, 0);
          continue;
        }
      /* the events of position k - 1, the last one run */
      g_assert_cmpuint (got->len, ==, g_array_index (starts, guint, k) - g_array_index (starts, guint, k - 1));
      for (guint e = 0; e < got->len; e++)
        assert_same_event (&g_array_index (got, PwEvent, e),
                           &g_array_index (replayed, PwEvent, g_array_index (starts, guint, k - 1) + e));
    }
}

static void
test_history_matches_fresh (void)
{
  for (guint a = 0; a < G_N_ELEMENTS (arches); a++)
    for (guint p = 0; p < G_N_ELEMENTS (policies); p++)
      for (guint seed = 1; seed <= 3; seed++)
        {
          g_autoptr(GRand) r = g_rand_new_with_seed (seed * 7919 + a * 31 + p);
          g_autoptr(PwScenario) sc = random_scenario (&arches[a], policies[p], r);
          g_autofree char *trace = seed == 1 ? NULL : random_trace (&arches[a], r);
          g_autoptr(GError) error = NULL;
          g_autoptr(PwRun) run = NULL;
          PwRunConfig cfg;

          pw_run_config_init (&cfg);
          cfg.data_frames = 3 + seed;
          cfg.trace_path = trace;
          cfg.trace_format = PW_TRACE_PLAIN;
          if (seed == 3)
            g_assert_true (pw_run_config_parse_tlb (&cfg, "off", NULL));
          run = pw_run_new (sc, &cfg, NULL, &error);
          g_assert_no_error (error);
          g_assert_nonnull (run);
          check_run (run, r);
          if (trace)
            g_unlink (trace);
        }
}

/* The policy given by the run, not the scenario's, is the one in force, and
 * the scenario is not edited. */
static void
test_overrides (void)
{
  g_autoptr(GRand) r = g_rand_new_with_seed (42);
  g_autoptr(PwScenario) sc = random_scenario (&arches[0], "fifo", r);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwRun) run = NULL;
  PwRunConfig cfg;

  pw_run_config_init (&cfg);
  cfg.set_policy = TRUE;
  cfg.policy = PW_POLICY_OPT;
  cfg.data_frames = 5;
  g_assert_true (pw_run_config_parse_tlb (&cfg, "8x2", &error));
  run = pw_run_new (sc, &cfg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pw_run_config (run)->policy, ==, PW_POLICY_OPT);
  g_assert_cmpuint (pw_run_config (run)->data_frames, ==, 5);
  g_assert_cmpuint (pw_run_config (run)->tlb_entries, ==, 8);
  g_assert_cmpuint (pw_run_config (run)->tlb_ways, ==, 2);
  g_assert_cmpint (sc->policy, ==, PW_POLICY_FIFO);
  g_assert_cmpuint (sc->data_frames, ==, 0);
  g_assert_cmpuint (sc->tlb_entries, ==, 4);
  g_assert_nonnull (pw_run_future (run, NULL));
  check_run (run, r);

  g_assert_false (pw_run_config_parse_tlb (&cfg, "8x3", &error));
  g_assert_error (error, PW_ERROR, PW_ERROR_VALUE);
  g_clear_error (&error);
  g_assert_false (pw_run_config_parse_tlb (&cfg, "0", &error));
  g_assert_error (error, PW_ERROR, PW_ERROR_VALUE);
}

/* A script where the order of accesses is the kernel's business: a touch of
 * the last pages below 2^64, a switch to a pid that does not exist yet (it
 * is spawned at the end: a pid no process ever has is a load error), an exit of the
 * current pid, a spawn, a fork; then trace accesses by the current process. */
static void
test_future_is_kernel_order (void)
{
  static const char json[] =
    "{ \"pagewalk\": 1, \"arch\": \"x86-64\", \"disk\": { \"slots\": 32 }, \"policy\": \"opt\",\n"
    "  \"processes\": [\n"
    "    { \"pid\": 3, \"regions\": [ { \"start\": \"0x1000\", \"size\": \"32KiB\", \"state\": \"committed\" } ] },\n"
    "    { \"pid\": 2, \"regions\": [ { \"start\": \"0x1000\", \"size\": \"32KiB\", \"state\": \"committed\" } ] } ],\n"
    "  \"steps\": [ \"r 0x1000\", \"w 3 0x2000\",\n"
    "    { \"touch\": { \"pid\": 3, \"start\": \"0xffffffffffffd000\", \"size\": \"0x3000\" } },\n"
    "    \"switch 9\", \"r 0x3000\", { \"exit\": 3 }, \"r 0x3000\", \"w 0x1000\",\n"
    "    { \"spawn\": { \"pid\": 5, \"regions\": [ { \"start\": \"0x1000\", \"size\": \"16KiB\", \"state\": \"committed\" } ] } },\n"
    "    \"r 5 0x1000\", \"r 0x2000\", { \"fork\": { \"parent\": 5, \"child\": 8 } },\n"
    "    \"w 8 0x1000\", \"r 0x2000\", \"r 5 0x1000\", { \"exit\": 5 }, \"r 0x1000\", \"switch 2\", \"r 0x3000\",\n"
    "    { \"spawn\": { \"pid\": 9, \"regions\": [ { \"start\": \"0x1000\", \"size\": \"4KiB\" } ] } } ] }\n";
  static const char trace[] = "r 0x1000\nw 0x3000\n8 r 0x1000\nr 0x4000\n2 r 0x1000\nr 0x1000\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(PwScenario) sc = pw_scenario_load_data (json, strlen (json), "order.pagewalk", &error);
  g_autofree char *path = NULL;
  int fd;

  g_assert_no_error (error);
  fd = g_file_open_tmp ("test-run-XXXXXX.trace", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, trace, -1, &error);
  g_assert_no_error (error);

  for (guint frames = 2; frames <= 4; frames++)
    {
      g_autoptr(PwRun) run = NULL;
      g_autoptr(GArray) events = events_new ();
      g_autoptr(GRand) r = g_rand_new_with_seed (frames);
      PwMachine *m;
      PwRunConfig cfg;
      guint touched = 0;

      pw_run_config_init (&cfg);
      cfg.data_frames = frames;
      cfg.trace_path = path;
      run = pw_run_new (sc, &cfg, NULL, &error);
      g_assert_no_error (error);
      m = pw_run_machine_new (run, &error);
      g_assert_no_error (error);
      g_assert_true (pw_run_replay (run, m, collect, events, NULL, &error));
      pw_machine_free (m);
      for (guint e = 0; e < events->len; e++)
        if (g_array_index (events, PwEvent, e).kind == PW_STEP_TOUCH)
          touched++;
      /* the touch reaches the very last page */
      g_assert_cmpuint (touched, ==, 3);
      assert_future (run, events);
      check_run (run, r);
    }
  g_unlink (path);
}

/* A bad trace line is an error of pw_run_new(), before anything runs. */
static void
test_bad_trace (void)
{
  g_autoptr(GRand) r = g_rand_new_with_seed (7);
  g_autoptr(PwScenario) sc = random_scenario (&arches[0], "lru", r);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  PwRunConfig cfg;
  PwRun *run;
  int fd = g_file_open_tmp ("test-run-XXXXXX.trace", &path, &error);

  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, "r 0x1000\nq 0x2000\n", -1, &error);
  g_assert_no_error (error);
  pw_run_config_init (&cfg);
  cfg.trace_path = path;
  cfg.trace_format = PW_TRACE_PLAIN;
  run = pw_run_new (sc, &cfg, NULL, &error);
  g_assert_null (run);
  g_assert_error (error, PW_ERROR, PW_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, ":2:"));
  g_unlink (path);
}

static void
keep_message (const PwEvent *ev,
              gpointer       data)
{
  char **message = data;

  if (ev->message != NULL)
    {
      g_free (*message);
      *message = g_strdup (ev->message);
    }
}

/* A history whose cancellable is cancelled stops a long step between pages
 * (the app's Cancel during a load); without it the same step runs whole. */
static void
test_history_cancellable (void)
{
  static const char json[] =
    "{ \"pagewalk\": 1, \"arch\": \"x86-64\", \"memory\": { \"frames\": 64 },\n"
    "  \"processes\": [ { \"pid\": 1, \"regions\": [ { \"start\": \"0x10000000\", \"size\": \"4MiB\", \"state\": \"committed\" } ] } ],\n"
    "  \"steps\": [ { \"touch\": { \"pid\": 1, \"start\": \"0x10000000\", \"size\": \"4MiB\" } }, \"r 0x10000000\" ] }\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(PwScenario) sc = pw_scenario_load_data (json, strlen (json), "long.pagewalk", &error);
  g_autoptr(PwRun) run = NULL;
  g_autoptr(PwHistory) h = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *message = NULL;
  PwMachine *m;

  g_assert_no_error (error);
  run = pw_run_new (sc, NULL, NULL, &error);
  g_assert_no_error (error);
  h = pw_history_new_for_run (run, &error);
  g_assert_no_error (error);

  g_cancellable_cancel (cancellable);
  pw_history_set_cancellable (h, cancellable);
  m = pw_history_seek (h, 1, keep_message, &message);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "cancelled"));
  g_assert_cmpuint (pw_machine_stats (m)->accesses, <, 1024);

  /* without the cancellable the step is whole: the step cut short is run
   * again from a checkpoint, not continued */
  pw_history_set_cancellable (h, NULL);
  m = pw_history_seek (h, 2, NULL, NULL);
  g_assert_cmpuint (pw_machine_stats (m)->accesses, ==, 1025);
  g_clear_pointer (&message, g_free);
  m = pw_history_seek (h, 1, keep_message, &message);
  g_assert_null (message);
  g_assert_cmpuint (pw_machine_stats (m)->accesses, ==, 1024);
}

/* Loading and running set up once: the machine loading set up to check the
 * file is the run's first machine; a run with other settings sets up its
 * own and leaves it for a later run. */
static void
test_set_up_once (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwScenario) sc = pw_scenario_load ("belady", &error);
  g_autoptr(PwRun) other = NULL;
  g_autoptr(PwRun) run = NULL;
  struct _PwMachine *setup;
  PwRunConfig cfg;
  PwMachine *m;

  g_assert_no_error (error);
  setup = sc->setup;
  g_assert_nonnull (setup);

  pw_run_config_init (&cfg);
  cfg.set_policy = TRUE;
  cfg.policy = PW_POLICY_LRU;
  other = pw_run_new (sc, &cfg, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (sc->setup == setup);

  run = pw_run_new (sc, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (sc->setup);
  m = pw_run_machine_new (run, &error);
  g_assert_no_error (error);
  g_assert_true (m == setup);
  g_assert_cmpuint (pw_machine_n_accesses (m), ==, 0);
  pw_machine_free (m);
  /* later machines are set up anew */
  m = pw_run_machine_new (run, &error);
  g_assert_no_error (error);
  g_assert_nonnull (m);
  g_assert_null (sc->setup);
  pw_machine_free (m);
}

/* ---- walks no one reads ----------------------------------------------------- */

/* Physical memory byte for byte (page-table entries with their accessed and
 * dirty bits included) and the TLB entry for entry. */
static void
assert_same_memory_and_tlb (PwMachine *a,
                            PwMachine *b)
{
  PwPhysMem *ma = pw_machine_physmem (a), *mb = pw_machine_physmem (b);
  guint64 na, nb;
  g_autofree guint64 *fa = pw_physmem_known_frames (ma, &na);
  g_autofree guint64 *fb = pw_physmem_known_frames (mb, &nb);

  g_assert_cmpuint (na, ==, nb);
  g_assert_cmpmem (fa, na * sizeof *fa, fb, nb * sizeof *fb);
  for (guint64 i = 0; i < na; i++)
    {
      const guint8 *pa = pw_physmem_frame (ma, fa[i]), *pb = pw_physmem_frame (mb, fb[i]);
      gsize page = (gsize) pw_arch_page_size (pw_machine_arch (a));

      g_assert_cmpmem (pa, page, pb, page);
    }
  g_assert_cmpuint (pw_machine_tlb_size (a), ==, pw_machine_tlb_size (b));
  for (guint i = 0; i < pw_machine_tlb_size (a); i++)
    {
      const PwTlbEntry *x = pw_machine_tlb_entry (a, i), *y = pw_machine_tlb_entry (b, i);

      g_assert_cmpint (x->valid, ==, y->valid);
      if (!x->valid)
        continue;
      g_assert_cmpmem (x, sizeof *x, y, sizeof *y);
    }
}

/* What the kernel reads of a walk, the same in a walk no one else reads. */
static void
assert_same_kernel_walk (const PwWalk *a,
                         const PwWalk *b)
{
  g_assert_cmpint (a->fault, ==, b->fault);
  g_assert_cmpint (a->fault_depth, ==, b->fault_depth);
  g_assert_cmpint (a->why, ==, b->why);
  g_assert_cmpuint (a->n_steps, ==, b->n_steps);
  g_assert_cmpuint (a->pa, ==, b->pa);
  g_assert_cmpuint (a->frame, ==, b->frame);
  g_assert_cmpuint (a->page_size, ==, b->page_size);
  for (guint i = 0; i < a->n_steps; i++)
    {
      g_assert_cmpuint (a->steps[i].depth, ==, b->steps[i].depth);
      g_assert_cmpuint (a->steps[i].entry_pa, ==, b->steps[i].entry_pa);
      g_assert_cmpuint (a->steps[i].entry, ==, b->steps[i].entry);
      g_assert_cmpint (a->steps[i].leaf, ==, b->steps[i].leaf);
    }
}

/* pw_run_replay() without an event function lets its walks record only what
 * the kernel reads (pw_machine_set_unread()): for random traces on every
 * preset and policy, statistics, pages, memory bytes (entries included) and
 * the TLB are those of the same replay handing its events to a function,
 * whose walks stay complete; the events of a replay with unread walks
 * differ from those only in the steps' records the kernel does not read. */
static void
test_unread_walks (void)
{
  const char * const *presets = pw_arch_preset_names ();

  for (guint k = 0; presets[k] != NULL; k++)
    {
      PwArch *pa = pw_arch_new_preset (presets[k]);
      g_autofree char *quoted = g_strdup_printf ("\"%s\"", presets[k]);
      Arch arch = { quoted, pw_arch_page_size (pa), 0 };
      gboolean paged = pa->kind == PW_ARCH_PAGED;

      pw_arch_free (pa);
      if (!paged)
        continue;
      for (guint p = 0; p < G_N_ELEMENTS (policies); p++)
        for (guint seed = 1; seed <= 3; seed++)
          {
            g_autoptr(GRand) r = g_rand_new_with_seed (seed * 100 + p * 10 + k);
            g_autoptr(PwScenario) sc = random_scenario (&arch, policies[p], r);
            g_autofree char *path = random_trace (&arch, r);
            g_autoptr(GError) error = NULL;
            g_autoptr(PwRun) run = NULL;
            g_autoptr(GArray) full = events_new ();
            g_autoptr(GArray) unread = events_new ();
            PwMachine *m0, *m1, *m2;
            PwRunConfig cfg;

            pw_run_config_init (&cfg);
            cfg.trace_path = path;
            run = pw_run_new (sc, &cfg, NULL, &error);
            g_assert_no_error (error);

            m0 = pw_run_machine_new (run, &error);
            g_assert_no_error (error);
            pw_machine_set_detail (m0, FALSE);
            g_assert_true (pw_run_replay (run, m0, NULL, NULL, NULL, &error));
            g_assert_false (pw_machine_get_unread (m0));

            m1 = pw_run_machine_new (run, &error);
            g_assert_no_error (error);
            pw_machine_set_detail (m1, FALSE);
            g_assert_true (pw_run_replay (run, m1, collect, full, NULL, &error));

            m2 = pw_run_machine_new (run, &error);
            g_assert_no_error (error);
            pw_machine_set_detail (m2, FALSE);
            pw_machine_set_unread (m2, TRUE);
            g_assert_true (pw_run_replay (run, m2, collect, unread, NULL, &error));

            assert_same_machine (m0, m1);
            assert_same_memory_and_tlb (m0, m1);
            assert_same_machine (m2, m1);
            assert_same_memory_and_tlb (m2, m1);

            g_assert_cmpuint (full->len, ==, unread->len);
            for (guint e = 0; e < full->len; e++)
              {
                const PwEvent *x = &g_array_index (full, PwEvent, e);
                const PwEvent *y = &g_array_index (unread, PwEvent, e);

                assert_same_event (x, y);
                if (x->kind != PW_STEP_ACCESS)
                  continue;
                assert_same_kernel_walk (&x->walk, &y->walk);
                g_assert_cmpint (x->retried, ==, y->retried);
                if (x->retried)
                  assert_same_kernel_walk (&x->retry, &y->retry);
                /* the walks handed to a function are complete */
                for (guint i = 0; i < x->walk.n_steps; i++)
                  g_assert_nonnull (x->walk.steps[i].name);
              }
            pw_machine_free (m0);
            pw_machine_free (m1);
            pw_machine_free (m2);
            g_unlink (path);
          }
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/run/history-matches-fresh", test_history_matches_fresh);
  g_test_add_func ("/run/overrides", test_overrides);
  g_test_add_func ("/run/future-is-kernel-order", test_future_is_kernel_order);
  g_test_add_func ("/run/bad-trace", test_bad_trace);
  g_test_add_func ("/run/history-cancellable", test_history_cancellable);
  g_test_add_func ("/run/set-up-once", test_set_up_once);
  g_test_add_func ("/run/unread-walks", test_unread_walks);
  return g_test_run ();
}

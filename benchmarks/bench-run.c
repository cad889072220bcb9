/* bench-run.c: trace replay through TLB, MMU and kernel (issue 3's figures)
 *
 * Writes a valgrind-lackey trace of a few million accesses (a program's
 * shape: instruction fetches in a small code loop, sequential array sweeps,
 * a stack, and scattered heap reads over more memory than fits), then replays
 * it through a 64-entry 4-way TLB, x86-64 four-level walks and 32 MiB of
 * frames with swap, once per replacement policy, each in its own process so
 * that peak memory is measured per policy.  The same path as
 * `pagewalk-cli run --stats-only` (a PwRun: the trace read into memory, opt's
 * future, the replay): trace parsing included.
 *
 * Usage: bench-run [ACCESSES [POLICY]] (default 4000000, every policy)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "pw-machine.h"
#include "pw-run.h"
#include "pw-scenario.h"
#include "pw-trace.h"

/* the poor trace: data accesses, per thousand, over 96 MiB */
#define POOR_WIDE 110

static const char *scenario_json =
  "{ \"pagewalk\": 1, \"title\": \"bench\", \"arch\": \"x86-64\","
  "  \"memory\": { \"size\": \"32MiB\" }, \"disk\": { \"slots\": 65536 },"
  "  \"tlb\": { \"entries\": 64, \"ways\": 4, \"policy\": \"lru\" },"
  "  \"processes\": [ { \"pid\": 1, \"name\": \"program\", \"regions\": ["
  "    { \"start\": \"0x400000\", \"size\": \"1MiB\", \"state\": \"committed\", \"prot\": \"r-x\" },"
  "    { \"start\": \"0x10000000\", \"size\": \"256MiB\", \"state\": \"committed\", \"prot\": \"rw-\" },"
  "    { \"start\": \"0x7ff000000000\", \"size\": \"8MiB\", \"state\": \"committed\", \"prot\": \"rw-\" } ] } ] }";

/* The friendly trace: a program's shape, most accesses hitting the TLB. */
static void
write_trace (const char *path,
             guint64     n)
{
  FILE *f = fopen (path, "w");
  GRand *r = g_rand_new_with_seed (42);
  guint64 sweep = 0, i = 0;

  fprintf (f, "==4242== Lackey, an example Valgrind tool\n");
  while (i < n)
    {
      guint64 pc = 0x400000 + (i % 4096) * 4;
      fprintf (f, "I  %08" G_GINT64_MODIFIER "x,4\n", pc), i++;
      switch (g_rand_int_range (r, 0, 10))
        {
        case 0: case 1: case 2: case 3:
          /* a sequential sweep over 48 MiB: more than memory holds */
          fprintf (f, " L %08" G_GINT64_MODIFIER "x,8\n", 0x10000000 + (sweep * 8) % (48 << 20));
          sweep++, i++;
          break;
        case 4: case 5:
          fprintf (f, " S %08" G_GINT64_MODIFIER "x,8\n",
                   0x7ff0007f0000 + (guint64) g_rand_int_range (r, 0, 8192)), i++;
          break;
        case 6:
          fprintf (f, " M %08" G_GINT64_MODIFIER "x,4\n",
                   0x10000000 + (guint64) g_rand_int_range (r, 0, 4 << 20)), i += 2;
          break;
        case 7:
          /* scattered heap reads over 64 MiB */
          fprintf (f, " L %08" G_GINT64_MODIFIER "x,8\n",
                   0x10000000 + (guint64) g_rand_int_range (r, 0, 64 << 20)), i++;
          break;
        default:
          break;
        }
    }
  fclose (f);
  g_rand_free (r);
}

/* The poor trace: about half the accesses miss the TLB and one in twenty
 * faults.  Every other access is an instruction fetch in a small loop (the
 * TLB keeps its pages); the others are data accesses at random pages, most
 * of them in a 16 MiB table that fits in memory but not in the TLB's reach,
 * a few over 96 MiB, more than memory holds; a third of them stores. */
static void
write_poor_trace (const char *path,
                  guint64     n)
{
  FILE *f = fopen (path, "w");
  GRand *r = g_rand_new_with_seed (7);
  guint64 i = 0;

  fprintf (f, "==4243== Lackey, an example Valgrind tool\n");
  while (i < n)
    {
      guint64 pc = 0x400000 + (i % 2048) * 4, va;
      fprintf (f, "I  %08" G_GINT64_MODIFIER "x,4\n", pc), i++;
      if (i >= n)
        break;
      if (g_rand_int_range (r, 0, 1000) < POOR_WIDE)
        va = 0x14000000 + (guint64) g_rand_int_range (r, 0, 96 << 20);
      else
        va = 0x10000000 + (guint64) g_rand_int_range (r, 0, 16 << 20);
      fprintf (f, " %c %08" G_GINT64_MODIFIER "x,8\n",
               g_rand_int_range (r, 0, 3) == 0 ? 'S' : 'L', va & ~(guint64) 7), i++;
    }
  fclose (f);
  g_rand_free (r);
}

/* A reference string for opt against fifo: one page number a line (a pages
 * trace: reads), with locality.  Half the accesses repeat the page before;
 * of the others, 97 in 100 fall in a working set of REF_WINDOW pages that
 * drifts by a page every 64 accesses, 3 anywhere in the 256 MiB heap (65,536
 * pages); 8,192 frames hold them. */
#define REF_WINDOW 7168
static void
write_refstring (const char *path,
                 guint64     n)
{
  FILE *f = fopen (path, "w");
  GRand *r = g_rand_new_with_seed (11);
  guint64 base = 0x10000, page = base;

  for (guint64 i = 0; i < n; i++)
    {
      if (g_rand_boolean (r))
        ;
      else if (g_rand_int_range (r, 0, 100) < 3)
        page = base + (guint64) g_rand_int_range (r, 0, 65536);
      else
        page = base + (i / 64 + (guint64) g_rand_int_range (r, 0, REF_WINDOW)) % 65536;
      fprintf (f, "%" G_GUINT64_FORMAT "\n", page);
    }
  fclose (f);
  g_rand_free (r);
}

static double
cpu_seconds (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The baseline: a minimal special-purpose simulator of the same model (a
 * 64-entry 4-way LRU TLB, a hash from page to frame standing for the page
 * table, 8192 frames under clock, dirty victims counted as write-backs), on
 * the same trace through the same reader.  No walk records, no entries in
 * memory, no regions, no events: what Pagewalk's full model is measured
 * against. */
typedef struct { guint64 vpn; guint32 frame; guint64 stamp; gboolean valid; } BTlb;
typedef struct { guint64 vpn; gboolean used, ref, dirty; } BFrame;

static double
run_baseline (const char    *trace_path,
              PwTraceFormat  format,
              const char    *label)
{
  enum { SETS = 16, WAYS = 4, FRAMES = 8192, HASH = 1 << 16 };
  static BTlb tlb[SETS][WAYS];
  static BFrame frames[FRAMES];
  static guint64 hkey[HASH];
  static gint32 hval[HASH];
  g_autoptr(GError) error = NULL;
  g_autoptr(PwTrace) t = pw_trace_open (trace_path, format, &error);
  guint64 stamp = 0, n = 0, faults = 0, writebacks = 0, hand = 0, used = 0;
  PwTraceAccess acc;
  double t0 = cpu_seconds (), t1;

  memset (tlb, 0, sizeof tlb);
  memset (frames, 0, sizeof frames);
  memset (hval, 0xff, sizeof hval);
  while (pw_trace_next (t, &acc, &error))
    {
      guint64 vpn = acc.is_page ? acc.va : acc.va >> 12;
      BTlb *set = tlb[vpn % SETS], *e = NULL;
      gint32 f = -1;

      n++;
      for (int w = 0; w < WAYS; w++)
        if (set[w].valid && set[w].vpn == vpn)
          e = &set[w];
      if (e == NULL)
        {
          guint64 h = (vpn * 0x9e3779b97f4a7c15ull) >> 48;
          while (hval[h] >= 0 && hkey[h] != vpn)
            h = (h + 1) & (HASH - 1);
          if (hval[h] < 0)
            {
              /* fault: a free frame, or the clock's victim */
              faults++;
              if (used < FRAMES)
                f = (gint32) used++;
              else
                {
                  for (;; hand = (hand + 1) % FRAMES)
                    {
                      if (frames[hand].ref)
                        frames[hand].ref = FALSE;
                      else
                        break;
                    }
                  f = (gint32) hand;
                  hand = (hand + 1) % FRAMES;
                  if (frames[f].dirty)
                    writebacks++;
                  {
                    /* unmap the victim: its hash slot (backward shift) and its TLB entry */
                    guint64 ov = frames[f].vpn, i = (ov * 0x9e3779b97f4a7c15ull) >> 48;
                    while (hkey[i] != ov || hval[i] < 0)
                      i = (i + 1) & (HASH - 1);
                    hval[i] = -1;
                    for (guint64 j = (i + 1) & (HASH - 1); hval[j] >= 0; j = (j + 1) & (HASH - 1))
                      {
                        guint64 k = (hkey[j] * 0x9e3779b97f4a7c15ull) >> 48;
                        if ((j > i && (k <= i || k > j)) || (j < i && (k <= i && k > j)))
                          {
                            hkey[i] = hkey[j], hval[i] = hval[j], hval[j] = -1;
                            i = j;
                          }
                      }
                    for (int w = 0; w < WAYS; w++)
                      if (tlb[ov % SETS][w].valid && tlb[ov % SETS][w].vpn == ov)
                        tlb[ov % SETS][w].valid = FALSE;
                  }
                  h = (vpn * 0x9e3779b97f4a7c15ull) >> 48;
                  while (hval[h] >= 0)
                    h = (h + 1) & (HASH - 1);
                }
              hkey[h] = vpn, hval[h] = f;
              frames[f] = (BFrame) { vpn, TRUE, FALSE, FALSE };
            }
          f = hval[h];
          e = &set[0];
          for (int w = 1; w < WAYS; w++)
            if (!set[w].valid || (e->valid && set[w].stamp < e->stamp))
              e = &set[w];
          *e = (BTlb) { vpn, (guint32) f, 0, TRUE };
        }
      e->stamp = ++stamp;
      frames[e->frame].ref = TRUE;
      if (acc.access == PW_ACCESS_WRITE)
        frames[e->frame].dirty = TRUE;
    }
  t1 = cpu_seconds ();
  if (label != NULL)
    printf ("%-7s %10.2f M accesses/s  %9" G_GUINT64_FORMAT " accesses  faults %8" G_GUINT64_FORMAT
            "  write-backs %" G_GUINT64_FORMAT "  (minimal simulator, clock%s)\n",
            "minimal", n / (t1 - t0) / 1e6, n, faults, writebacks, label);
  return n / (t1 - t0);
}

/* One run of the full model: the trace read into a PwRun (and for opt the
 * future), a machine, the replay, as `pagewalk-cli run --stats-only`.
 * Prints a line unless @quiet; returns the CPU seconds it took. */
static double
run_policy (const char    *trace_path,
            PwTraceFormat  format,
            const char    *policy,
            const char    *label)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwScenario) sc = pw_scenario_load_data (scenario_json, strlen (scenario_json),
                                                    "bench.pagewalk", &error);
  g_autoptr(PwRun) run = NULL;
  PwRunConfig cfg;
  PwMachine *m;
  double t0, t1;
  struct rusage ru;
  const PwStats *st;

  g_assert_no_error (error);
  pw_run_config_init (&cfg);
  cfg.set_policy = pw_policy_from_string (policy, &cfg.policy);
  cfg.trace_path = trace_path;
  cfg.trace_format = format;

  t0 = cpu_seconds ();
  /* the trace read once, and for opt the future */
  run = pw_run_new (sc, &cfg, NULL, &error);
  g_assert_no_error (error);
  m = pw_run_machine_new (run, &error);
  g_assert_no_error (error);
  pw_machine_set_detail (m, FALSE);   /* as run --stats-only */
  pw_run_replay (run, m, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  t1 = cpu_seconds ();

  st = pw_machine_stats (m);
  getrusage (RUSAGE_SELF, &ru);
  if (label != NULL)
    printf ("%-7s %10.2f M accesses/s  %9" G_GUINT64_FORMAT " accesses  TLB hits %5.1f%%"
            "  faults %8" G_GUINT64_FORMAT " (%4.1f%%, major %7" G_GUINT64_FORMAT ")  evictions %8"
            G_GUINT64_FORMAT "  peak memory %6.1f MiB%s\n",
            policy, st->accesses / (t1 - t0) / 1e6, st->accesses,
            100.0 * st->tlb_hits / MAX (1, st->accesses), st->page_faults,
            100.0 * st->page_faults / MAX (1, st->accesses), st->major_faults,
            st->evictions, ru.ru_maxrss / 1024.0, label);
  fflush (stdout);
  pw_machine_free (m);
  return t1 - t0;
}

/* The same trace parsed and nothing else: what reading lackey text costs. */
static void
parse_only (const char *trace_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwTrace) t = pw_trace_open (trace_path, PW_TRACE_LACKEY, &error);
  PwTraceAccess acc;
  guint64 n = 0, sum = 0;
  double t0 = cpu_seconds ();

  while (pw_trace_next (t, &acc, &error))
    n++, sum += acc.va;
  printf ("%-7s %10.2f M accesses/s  (trace parsing alone, checksum %" G_GUINT64_FORMAT ")\n",
          "parse", n / (cpu_seconds () - t0) / 1e6, sum % 1000);
}

/* Runs @policy in a child process (its own peak memory, a fresh heap) and
 * returns the child's CPU seconds, or the minimal simulator's accesses per
 * second when @policy is NULL. */
static double
in_child (const char    *trace_path,
          PwTraceFormat  format,
          const char    *policy,
          const char    *label)
{
  int fds[2];
  pid_t pid;
  double v = 0;

  fflush (stdout);
  if (pipe (fds) != 0)
    g_error ("pipe failed");
  pid = fork ();
  if (pid == 0)
    {
      v = policy ? run_policy (trace_path, format, policy, label)
                 : run_baseline (trace_path, format, label);
      fflush (stdout);
      if (write (fds[1], &v, sizeof v) != sizeof v)
        _exit (1);
      _exit (0);
    }
  close (fds[1]);
  if (read (fds[0], &v, sizeof v) != sizeof v)
    g_error ("the benchmark's child failed");
  close (fds[0]);
  waitpid (pid, NULL, 0);
  return v;
}

/* Best of @reps: the least CPU seconds (@policy) or the most accesses per
 * second (the minimal simulator), the first one printed. */
static double
best_of (int            reps,
         const char    *trace_path,
         PwTraceFormat  format,
         const char    *policy,
         const char    *label)
{
  double best = 0;

  for (int i = 0; i < reps; i++)
    {
      double v = in_child (trace_path, format, policy, i == 0 ? label : NULL);
      if (i == 0 || (policy ? v < best : v > best))
        best = v;
    }
  return best;
}

int
main (int    argc,
      char **argv)
{
  const char *policies[] = { "fifo", "lru", "mru", "opt", "clock", "random" };
  guint64 n = argc > 1 ? g_ascii_strtoull (argv[1], NULL, 10) : 4000000;
  guint64 n_ref = 1000000;
  const int reps = 3;
  g_autofree char *dir = g_dir_make_tmp ("pagewalk-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "trace.lackey", NULL);
  g_autofree char *poor = g_build_filename (dir, "poor.lackey", NULL);
  g_autofree char *ref = g_build_filename (dir, "refs.pages", NULL);
  double min_f, min_p, clock_f, clock_p, opt, fifo;

  write_trace (path, n);
  if (argc > 2)
    {
      /* one policy on one trace in this process, for profilers:
       * bench-run ACCESSES POLICY [poor] */
      if (argc > 3 && g_str_equal (argv[3], "poor"))
        write_poor_trace (path, n);
      printf ("trace: %" G_GUINT64_FORMAT " accesses (lackey, %s)\n", n,
              argc > 3 ? argv[3] : "friendly");
      parse_only (path);
      run_baseline (path, PW_TRACE_LACKEY, "");
      run_policy (path, PW_TRACE_LACKEY, argv[2], "");
      g_unlink (path);
      g_rmdir (dir);
      return 0;
    }
  write_poor_trace (poor, n);
  write_refstring (ref, n_ref);
  printf ("machine: x86-64, TLB 64x4 lru, 32 MiB of frames, swap; figures per second of CPU time,\n"
          "ratios from the best of %d runs each\n\n", reps);

  printf ("friendly trace: %" G_GUINT64_FORMAT " accesses (lackey: a code loop, array sweeps, a stack, scattered heap reads)\n", n);
  parse_only (path);
  min_f = best_of (reps, path, PW_TRACE_LACKEY, NULL, "");
  clock_f = n / best_of (reps, path, PW_TRACE_LACKEY, "clock", "");
  printf ("\npoor trace: %" G_GUINT64_FORMAT " accesses (lackey: a code loop, random data pages over 16 MiB and 96 MiB)\n", n);
  min_p = best_of (reps, poor, PW_TRACE_LACKEY, NULL, "");
  clock_p = n / best_of (reps, poor, PW_TRACE_LACKEY, "clock", "");

  printf ("\nreference string: %" G_GUINT64_FORMAT " pages (pages trace, a drifting working set)\n", n_ref);
  fifo = best_of (reps, ref, PW_TRACE_PAGES, "fifo", "");
  opt = best_of (reps, ref, PW_TRACE_PAGES, "opt", "");

  printf ("\nratios (targets: full model at least 0.50 of the minimal simulator; opt at most 1.5x fifo)\n");
  printf ("full model (clock) / minimal, friendly trace  %5.2f  (%.2f / %.2f M accesses/s)\n",
          clock_f / min_f, clock_f / 1e6, min_f / 1e6);
  printf ("full model (clock) / minimal, poor trace      %5.2f  (%.2f / %.2f M accesses/s)\n",
          clock_p / min_p, clock_p / 1e6, min_p / 1e6);
  printf ("opt / fifo, CPU time on the reference string  %5.2f  (%.3f s / %.3f s, opt's future included)\n",
          opt / fifo, opt, fifo);

  printf ("\nevery policy, friendly trace, one run each:\n");
  for (guint i = 0; i < G_N_ELEMENTS (policies); i++)
    in_child (path, PW_TRACE_LACKEY, policies[i], "");
  g_unlink (path);
  g_unlink (poor);
  g_unlink (ref);
  g_rmdir (dir);
  return 0;
}

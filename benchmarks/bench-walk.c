/* bench-walk.c: x86-64 four-level hardware walks per second
 *
 * Builds x86-64 page tables in sparse physical memory for a set of mappings
 * (4 KiB pages scattered over several PML4, PDPT and PD entries, so the walks
 * touch hundreds of different table frames), then times pw_mmu_walk() alone
 * over those addresses in a shuffled order, on one core.  Only pw-physmem,
 * pw-mmu and pw-arch (with the x86 entry format, pw-format-x86.c) are used:
 * no kernel, no TLB.  The walk makes one format call per entry read.
 *
 * Usage: bench-walk [MAPPINGS] [SECONDS]   (defaults 16384 and 1)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <glib.h>

#include "pw-arch.h"
#include "pw-mmu.h"
#include "pw-physmem.h"

/* Deterministic: the same tables and order on every run. */
static guint64
next_random (guint64 *state)
{
  *state = *state * G_GUINT64_CONSTANT (6364136223846793005) + G_GUINT64_CONSTANT (1442695040888963407);
  return *state >> 17;
}

/* CPU time of this thread: the figure is per core even on a busy machine. */
static double
cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

typedef struct
{
  PwPhysMem *mem;
  guint64    next_table;  /* frames handed out for tables, from 0x100 up */
  guint64    next_data;   /* data frames, from 0x100000 up */
} Builder;

/* Maps @va to a fresh data frame, writing raw entries (SDM table 4-14 to 4-20):
 * tables P|R/W|U/S, the leaf P|R/W|U/S|XD. */
static void
map_page (Builder *b,
          guint64  root,
          guint64  va)
{
  guint64 table = root;

  for (guint level = 0; level < 4; level++)
    {
      guint shift = 39 - 9 * level;
      guint64 pa = (table << 12) + ((va >> shift) & 0x1ff) * 8;
      guint64 e = pw_physmem_read (b->mem, pa, 8, NULL);

      if (level == 3)
        {
          if (!(e & 1))
            pw_physmem_write (b->mem, pa, 8,
                              G_GUINT64_CONSTANT (0x8000000000000007) | (b->next_data++ << 12));
          return;
        }
      if (!(e & 1))
        {
          e = 0x7 | (b->next_table++ << 12);
          pw_physmem_write (b->mem, pa, 8, e);
        }
      table = (e >> 12) & G_GUINT64_CONSTANT (0xffffffffff);
    }
}

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint) strtoul (argv[1], NULL, 0) : 16384;
  double seconds = argc > 2 ? strtod (argv[2], NULL) : 1.0;
  PwArch *arch = pw_arch_new_preset ("x86-64");
  Builder b = { NULL, 0x100, 0x100000 };
  guint64 root, state = 42, sum = 0, walks = 0, faults = 0;
  guint64 *vas;
  gint64 start, elapsed;
  double cpu_start, cpu;
  PwWalk w;

  if (n == 0 || seconds <= 0)
    {
      fprintf (stderr, "usage: bench-walk [MAPPINGS] [SECONDS]\n");
      return 2;
    }

  b.mem = pw_physmem_new (arch->page_shift, FALSE);
  root = b.next_table++;
  pw_physmem_frame_ensure (b.mem, root);

  /* Clusters of 64 pages at random places in 4 PML4 slots x 8 PDPT x 64 PD:
   * a program's shape, many tables, no two walks alike. */
  vas = g_new (guint64, n);
  for (guint i = 0; i < n; i++)
    {
      guint64 cluster = next_random (&state);
      guint64 va = ((cluster & 3) << 39) | (((cluster >> 2) & 7) << 30)
                   | (((cluster >> 5) & 63) << 21) | (((cluster >> 11) & 7) << 18);
      guint64 j;

      for (j = 0; j < 64 && i < n; j++, i++)
        {
          vas[i] = va | (j << 12) | (next_random (&state) & 0xfff);
          map_page (&b, root, vas[i]);
        }
      i--;
    }
  /* shuffle */
  for (guint i = n - 1; i > 0; i--)
    {
      guint k = next_random (&state) % (i + 1);
      guint64 t = vas[i];
      vas[i] = vas[k];
      vas[k] = t;
    }

  /* warm up, and check every walk translates */
  for (guint i = 0; i < n; i++)
    {
      pw_mmu_walk (arch, b.mem, root, vas[i], PW_ACCESS_READ, PW_MODE_USER,
                   PW_WALK_READ_ONLY, &w);
      if (w.fault != PW_FAULT_NONE)
        faults++;
    }
  if (faults != 0)
    {
      fprintf (stderr, "bench-walk: %" G_GUINT64_FORMAT " walks faulted\n", faults);
      return 1;
    }

  start = g_get_monotonic_time ();
  cpu_start = cpu_seconds ();
  do
    {
      for (guint i = 0; i < n; i++)
        {
          pw_mmu_walk (arch, b.mem, root, vas[i], PW_ACCESS_READ, PW_MODE_USER,
                       PW_WALK_READ_ONLY, &w);
          sum += w.pa;
        }
      walks += n;
      cpu = cpu_seconds () - cpu_start;
    }
  while (cpu < seconds);
  elapsed = g_get_monotonic_time () - start;

  printf ("mappings: %u (page-table frames: %" G_GUINT64_FORMAT ")\n", n, b.next_table - 0x100);
  printf ("walks: %" G_GUINT64_FORMAT " in %.3f s of CPU time (%.3f s wall)\n",
          walks, cpu, elapsed / 1e6);
  printf ("x86-64 4-level walks per second (one core): %.1f million\n", walks / cpu / 1e6);
  printf ("(checksum %" G_GINT64_MODIFIER "x)\n", sum);

  g_free (vas);
  pw_physmem_free (b.mem);
  pw_arch_free (arch);
  return 0;
}

/* test-machine.c: the kernel and the machine (src/engine/pw-machine.c)
 *
 * Scenarios are written here as JSON, loaded with pw_scenario_load_data and
 * run one step at a time with pw_machine_step; every check is on what the
 * machine reports (events, frames, pages, TLB, physical memory bytes).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-machine"

#include "config.h"

#include <glib.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "pw-compare.h"
#include "pw-future.h"
#include "pw-history.h"
#include "pw-machine.h"
#include "pw-number.h"
#include "pw-policy.h"
#include "pw-scenario.h"

#define RD PW_ACCESS_READ
#define WR PW_ACCESS_WRITE
#define EX PW_ACCESS_EXEC

/* ---- a running scenario ---------------------------------------------------- */

typedef struct
{
  PwScenario *sc;
  PwMachine  *m;
  GArray     *events;   /* PwEvent, messages owned */
  guint       next;     /* next step to run */
} T;

static void
event_free_message (gpointer data)
{
  pw_event_clear (data);
}

static void
collect (const PwEvent *ev,
         gpointer       data)
{
  GArray *events = data;
  PwEvent copy = *ev;

  copy.message = g_strdup (ev->message);
  g_array_append_val (events, copy);
}

static PwScenario *
load (const char *json)
{
  g_autoptr(GError) error = NULL;
  PwScenario *sc = pw_scenario_load_data (json, strlen (json), "test.pagewalk", &error);

  if (sc == NULL)
    g_error ("scenario does not load: %s\n%s", error->message, json);
  return sc;
}

/* @data_frames: 0, or the most frames data may hold (`--frames`). */
static T *
t_new (const char *json,
       guint64     data_frames)
{
  g_autoptr(GError) error = NULL;
  T *t = g_new0 (T, 1);

  t->sc = load (json);
  t->sc->data_frames = data_frames;
  t->m = pw_machine_new (t->sc, &error);
  g_assert_no_error (error);
  g_assert_nonnull (t->m);
  t->events = g_array_new (FALSE, TRUE, sizeof (PwEvent));
  g_array_set_clear_func (t->events, event_free_message);
  return t;
}

static void
t_free (T *t)
{
  pw_machine_free (t->m);
  pw_scenario_free (t->sc);
  g_array_unref (t->events);
  g_free (t);
}

/* Runs the next step; returns its last event, or NULL if it reported none. */
static const PwEvent *
t_step (T *t)
{
  guint before = t->events->len;

  g_assert_cmpuint (t->next, <, t->sc->steps->len);
  pw_machine_step (t->m, &g_array_index (t->sc->steps, PwStep, t->next), collect, t->events);
  t->next++;
  if (t->events->len == before)
    return NULL;
  return &g_array_index (t->events, PwEvent, t->events->len - 1);
}

static void
t_run_all (T *t)
{
  while (t->next < t->sc->steps->len)
    t_step (t);
}

static const PwEvent *
t_ev (T    *t,
      guint i)
{
  g_assert_cmpuint (i, <, t->events->len);
  return &g_array_index (t->events, PwEvent, i);
}

static PwWalk
t_translate (T        *t,
             guint     pid,
             guint64   va,
             PwAccess  access)
{
  g_autoptr(GError) error = NULL;
  PwWalk w;

  memset (&w, 0, sizeof w);
  g_assert_true (pw_machine_translate (t->m, pid, va, access, PW_MODE_USER, &w, &error));
  g_assert_no_error (error);
  return w;
}

static const PwPage *
t_page (T       *t,
        guint    pid,
        guint64  vpn)
{
  const PwProcess *p = pw_machine_lookup (t->m, pid);
  g_assert_nonnull (p);
  return g_hash_table_lookup (p->pages, &vpn);
}

static gboolean
frame_all_zero (PwMachine *m,
                guint64    frame)
{
  const guint8 *b = pw_physmem_frame (pw_machine_physmem (m), frame);
  gsize n = pw_arch_page_size (pw_machine_arch (m));

  if (b == NULL)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (b[i] != 0)
      return FALSE;
  return TRUE;
}

static guint
count_frames (PwMachine  *m,
              PwFrameUse  use)
{
  g_autoptr(GArray) used = pw_machine_used_frames (m);
  guint n = 0;

  for (guint i = 0; i < used->len; i++)
    if (g_array_index (used, PwFrameInfo, i).use == use)
      n += (guint) g_array_index (used, PwFrameInfo, i).count;
  return n;
}

/* ---- allocation ------------------------------------------------------------ */

/* First touch: a minor fault, the lowest free frame, zeroed; the seed's
 * one-level table (64 frames) sits at the top of memory, 0xffc0..0xffff. */
static void
test_first_touch_seed (void)
{
  T *t = t_new ("{ \"pagewalk\": 1, \"arch\": \"seed\",\n"
                "  \"processes\": [\n"
                "    { \"pid\": 1, \"regions\": [ { \"start\": 0, \"size\": \"64KiB\", \"state\": \"committed\", \"prot\": \"rw-\" } ] },\n"
                "    { \"pid\": 2, \"regions\": [ { \"start\": 0, \"size\": \"64KiB\", \"state\": \"committed\", \"prot\": \"rw-\" } ],\n"
                "      \"map\": [ { \"page\": 5, \"frame\": 0 } ] } ],\n"
                "  \"steps\": [ \"r 1 0x2150\", \"r 1 0x2154\", \"w 1 0x7008\", \"r 2 0x3000\" ] }", 0);
  const PwEvent *ev;
  const PwFrameInfo *fi;
  PwWalk w;

  g_assert_cmpuint (pw_machine_n_frames (t->m), ==, 0x10000);
  g_assert_cmpuint (pw_machine_lookup (t->m, 1)->root, ==, 0xffc0);
  /* the second process's table: the next highest run */
  g_assert_cmpuint (pw_machine_lookup (t->m, 2)->root, ==, 0xff80);
  fi = pw_machine_frame_info (t->m, 0xffc0);
  g_assert_nonnull (fi);
  g_assert_cmpint (fi->use, ==, PW_FRAME_TABLE);
  g_assert_cmpuint (fi->pid, ==, 1);
  g_assert_cmpuint (fi->count, ==, 64);
  g_assert_true (pw_machine_frame_info (t->m, 0xffff) == fi);
  g_assert_cmpuint (count_frames (t->m, PW_FRAME_TABLE), ==, 128);
  /* frame 0 holds process 2's pinned page */
  g_assert_cmpint (pw_machine_frame_info (t->m, 0)->use, ==, PW_FRAME_DATA);

  w = t_translate (t, 1, 0x2150, RD);
  g_assert_cmpint (w.fault, ==, PW_FAULT_NOT_PRESENT);

  ev = t_step (t);
  g_assert_cmpint (ev->fault, ==, PW_KF_MINOR);
  g_assert_true (ev->ok);
  g_assert_true (ev->zeroed);
  g_assert_cmpuint (ev->new_frame, ==, 1);   /* the lowest free frame */
  g_assert_cmphex (ev->pa, ==, 0x1150);
  g_assert_true (ev->retried);
  g_assert_cmpint (ev->walk.fault, ==, PW_FAULT_NOT_PRESENT);
  g_assert_cmpint (ev->retry.fault, ==, PW_FAULT_NONE);
  g_assert_true (frame_all_zero (t->m, 1));
  g_assert_cmpint (pw_physmem_byte (pw_machine_physmem (t->m), 0x1150), ==, 0);
  g_assert_cmpuint (t_page (t, 1, 2)->frame, ==, 1);
  g_assert_true (t_page (t, 1, 2)->resident);
  fi = pw_machine_frame_info (t->m, 1);
  g_assert_cmpint (fi->use, ==, PW_FRAME_DATA);
  g_assert_cmpuint (fi->pid, ==, 1);
  g_assert_cmpuint (fi->vpn, ==, 2);
  /* the kernel wrote the leaf in the table, as x86-32 does: P, R/W, U/S */
  w = t_translate (t, 1, 0x2150, RD);
  g_assert_cmpint (w.fault, ==, PW_FAULT_NONE);
  g_assert_cmphex (w.steps[0].entry_pa, ==, (0xffc0u << 12) + 2 * 4);
  g_assert_cmphex (w.steps[0].entry & 0xfffff007, ==, 0x1007);

  ev = t_step (t);   /* same page: no fault */
  g_assert_cmpint (ev->fault, ==, PW_KF_NONE);
  g_assert_false (ev->retried);
  g_assert_cmphex (ev->pa, ==, 0x1154);

  ev = t_step (t);
  g_assert_cmpint (ev->fault, ==, PW_KF_MINOR);
  g_assert_cmpuint (ev->new_frame, ==, 2);
  ev = t_step (t);
  g_assert_cmpint (ev->fault, ==, PW_KF_MINOR);
  g_assert_cmpuint (ev->new_frame, ==, 3);
  g_assert_cmpuint (ev->pid, ==, 2);

  g_assert_cmpuint (pw_machine_stats (t->m)->page_faults, ==, 3);
  g_assert_cmpuint (pw_machine_stats (t->m)->major_faults, ==, 0);
  g_assert_cmpuint (pw_machine_stats (t->m)->accesses, ==, 4);
  t_free (t);
}

/* x86-64: the kernel builds the missing tables from the top of memory down,
 * root first (highest), then PDPT, PD, PT; data from the bottom. */
static void
test_first_touch_x86_64 (void)
{
  T *t = t_new ("{ \"pagewalk\": 1, \"arch\": \"x86-64\", \"memory\": { \"frames\": 64 },\n"
                "  \"processes\": [ { \"pid\": 1, \"regions\": [\n"
                "    { \"start\": \"0x400000\", \"size\": \"2MiB\", \"state\": \"committed\", \"prot\": \"rw-\" } ] } ],\n"
                "  \"steps\": [ \"r 0x400123\", \"r 0x401000\" ] }", 0);
  const PwEvent *ev;

  g_assert_cmpuint (pw_machine_lookup (t->m, 1)->root, ==, 63);
  ev = t_step (t);
  g_assert_cmpint (ev->fault, ==, PW_KF_MINOR);
  g_assert_cmpuint (ev->new_frame, ==, 0);
  g_assert_cmphex (ev->pa, ==, 0x123);
  g_assert_cmpuint (ev->retry.n_steps, ==, 4);
  g_assert_cmphex (ev->retry.steps[0].table, ==, 63 << 12);
  g_assert_cmphex (ev->retry.steps[1].table, ==, 62 << 12);
  g_assert_cmphex (ev->retry.steps[2].table, ==, 61 << 12);
  g_assert_cmphex (ev->retry.steps[3].table, ==, 60 << 12);
  g_assert_cmpuint (pw_machine_frame_info (t->m, 60)->level, ==, 3);
  g_assert_cmpuint (count_frames (t->m, PW_FRAME_TABLE), ==, 4);
  /* the next page shares the tables */
  ev = t_step (t);
  g_assert_cmpuint (ev->new_frame, ==, 1);
  g_assert_cmpuint (count_frames (t->m, PW_FRAME_TABLE), ==, 4);
  t_free (t);
}

/* ---- swap ------------------------------------------------------------------ */

#define IMAGE "0123456789abcdeffedcba98765432100011223344556677"

/* A page with known bytes (a frame_image'd pinned page) goes to disk and
 * comes back, at another frame, with the same bytes. */
static void
test_swap_round_trip (void)
{
  T *t = t_new ("{ \"pagewalk\": 1, \"arch\": \"seed\", \"disk\": { \"slots\": 4 }, \"policy\": \"fifo\",\n"
                "  \"frame_image\": [ { \"frame\": 5, \"hex\": \"" IMAGE "\" } ],\n"
                "  \"processes\": [ { \"pid\": 1, \"regions\": [\n"
                "    { \"start\": 0, \"size\": \"64KiB\", \"state\": \"committed\", \"prot\": \"rw-\" } ],\n"
                "    \"map\": [ { \"page\": 0, \"frame\": 5 } ] } ],\n"
                "  \"steps\": [ \"r 0x1000\", \"r 0x0004\" ] }", 1);
  static const guint8 image[] = { 0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef, 0xfe, 0xdc, 0xba,
                                  0x98, 0x76, 0x54, 0x32, 0x10, 0x00, 0x11, 0x22, 0x33, 0x44, 0x55,
                                  0x66, 0x77 };
  PwPhysMem *mem = pw_machine_physmem (t->m);
  const PwEvent *ev;
  guint pid;
  guint64 vpn, frame;

  for (guint i = 0; i < sizeof image; i++)
    g_assert_cmpint (pw_physmem_byte (mem, (5 << 12) + i), ==, image[i]);

  /* page 1's first touch needs the only data frame: page 0 (clean, but its
   * bytes exist nowhere else) is written to slot 0 */
  ev = t_step (t);
  g_assert_cmpint (ev->fault, ==, PW_KF_MINOR);
  g_assert_true (ev->evicted.happened);
  g_assert_cmpuint (ev->evicted.pid, ==, 1);
  g_assert_cmpuint (ev->evicted.vpn, ==, 0);
  g_assert_cmpuint (ev->evicted.frame, ==, 5);
  g_assert_true (ev->evicted.to_disk);
  g_assert_cmpuint (ev->evicted.slot, ==, 0);
  g_assert_true (pw_machine_slot_owner (t->m, 0, &pid, &vpn));
  g_assert_cmpuint (pid, ==, 1);
  g_assert_cmpuint (vpn, ==, 0);
  g_assert_false (t_page (t, 1, 0)->resident);
  g_assert_true (t_page (t, 1, 0)->on_disk);
  g_assert_cmpuint (pw_machine_stats (t->m)->writebacks, ==, 1);
  g_assert_cmpint (t_translate (t, 1, 0, RD).fault, ==, PW_FAULT_NOT_PRESENT);
  g_assert_cmpuint (ev->new_frame, ==, 0);   /* the lowest free frame, not 5 */

  /* back from disk: a major fault, the bytes as they were */
  ev = t_step (t);
  g_assert_cmpint (ev->fault, ==, PW_KF_MAJOR);
  g_assert_true (ev->ok);
  g_assert_cmpuint (ev->read_slot, ==, 0);
  g_assert_true (ev->evicted.happened);
  g_assert_cmpuint (ev->evicted.vpn, ==, 1);
  g_assert_false (ev->evicted.to_disk);    /* a zero page nobody wrote: dropped */
  frame = ev->new_frame;
  g_assert_cmpuint (frame, !=, 5);
  g_assert_cmphex (ev->pa, ==, (frame << 12) | 4);
  g_assert_cmpint (ev->walk.value, ==, -1);
  for (guint i = 0; i < sizeof image; i++)
    g_assert_cmpint (pw_physmem_byte (mem, (frame << 12) + i), ==, image[i]);
  g_assert_cmpint (pw_physmem_byte (mem, (frame << 12) + sizeof image), ==, 0);
  g_assert_cmpint (ev->retry.value, ==, image[4]);
  g_assert_cmpuint (pw_machine_stats (t->m)->major_faults, ==, 1);
  g_assert_cmpuint (pw_machine_stats (t->m)->evictions, ==, 2);
  t_free (t);
}

/* Dirty victims are written to a slot; a clean victim whose slot still
 * holds its bytes is not written again. */
static void
test_swap_dirty_clean (void)
{
  T *t = t_new ("{ \"pagewalk\": 1, \"arch\": \"seed\", \"disk\": { \"slots\": 2 }, \"policy\": \"fifo\",\n"
                "  \"processes\": [ { \"pid\": 1, \"regions\": [\n"
                "    { \"start\": 0, \"size\": \"64KiB\", \"state\": \"committed\", \"prot\": \"rw-\" } ] } ],\n"
                "  \"steps\": [ \"w 0x0\", \"r 0x1000\", \"r 0x0\", \"r 0x1000\", \"w 0x0\", \"r 0x1000\" ] }", 1);
  const PwEvent *ev;

  t_step (t);
  ev = t_step (t);                 /* evicts page 0, dirty */
  g_assert_true (ev->evicted.happened);
  g_assert_cmpuint (ev->evicted.vpn, ==, 0);
  g_assert_true (ev->evicted.dirty);
  g_assert_true (ev->evicted.to_disk);
  g_assert_cmpuint (ev->evicted.slot, ==, 0);
  g_assert_cmpuint (pw_machine_stats (t->m)->writebacks, ==, 1);

  ev = t_step (t);                 /* page 0 back; page 1 (zero, clean) dropped */
  g_assert_cmpint (ev->fault, ==, PW_KF_MAJOR);
  g_assert_cmpuint (ev->evicted.vpn, ==, 1);
  g_assert_false (ev->evicted.dirty);
  g_assert_false (ev->evicted.to_disk);
  g_assert_null (t_page (t, 1, 1));   /* forgotten: the next touch zeroes again */
  g_assert_cmpuint (pw_machine_stats (t->m)->writebacks, ==, 1);

  ev = t_step (t);                 /* page 0 clean, its slot up to date: no write */
  g_assert_cmpint (ev->fault, ==, PW_KF_MINOR);
  g_assert_cmpuint (ev->evicted.vpn, ==, 0);
  g_assert_false (ev->evicted.dirty);
  g_assert_true (ev->evicted.to_disk);
  g_assert_cmpuint (ev->evicted.slot, ==, 0);
  g_assert_cmpuint (pw_machine_stats (t->m)->writebacks, ==, 1);

  ev = t_step (t);                 /* page 0 back and written */
  g_assert_cmpint (ev->fault, ==, PW_KF_MAJOR);
  ev = t_step (t);                 /* so evicting it writes again, to the same slot */
  g_assert_true (ev->evicted.dirty);
  g_assert_cmpuint (ev->evicted.slot, ==, 0);
  g_assert_cmpuint (pw_machine_stats (t->m)->writebacks, ==, 2);
  g_assert_cmpuint (pw_machine_stats (t->m)->evictions, ==, 5);
  t_free (t);
}

/* A dirty page with no free slot cannot be evicted: out of memory. */
static void
test_out_of_memory (void)
{
  T *t = t_new ("{ \"pagewalk\": 1, \"arch\": \"seed\", \"policy\": \"lru\",\n"
                "  \"processes\": [ { \"pid\": 1, \"regions\": [\n"
                "    { \"start\": 0, \"size\": \"64KiB\", \"state\": \"committed\", \"prot\": \"rw-\" } ] } ],\n"
                "  \"steps\": [ \"w 0x0\", \"r 0x1000\", \"r 0x0\" ] }", 1);
  const PwEvent *ev;

  t_step (t);
  ev = t_step (t);
  g_assert_cmpint (ev->fault, ==, PW_KF_OUT_OF_MEMORY);
  g_assert_false (ev->ok);
  g_assert_false (ev->evicted.happened);
  g_assert_null (t_page (t, 1, 1));
  /* nothing was lost */
  ev = t_step (t);
  g_assert_cmpint (ev->fault, ==, PW_KF_NONE);
  g_assert_true (ev->ok);
  g_assert_cmpuint (count_frames (t->m, PW_FRAME_DATA), ==, 1);
  t_free (t);
}

/* ---- protection and segmentation faults ------------------------------------ */

static void
test_protection (void)
{
  T *t = t_new ("{ \"pagewalk\": 1, \"arch\": \"x86-64\", \"memory\": { \"frames\": 256 },\n"
                "  \"processes\": [ { \"pid\": 1, \"regions\": [\n"
                "    { \"start\": \"0x400000\", \"size\": \"0x2000\", \"state\": \"committed\", \"prot\": \"r-x\", \"name\": \"text\" },\n"
                "    { \"start\": \"0x600000\", \"size\": \"0x2000\", \"state\": \"committed\", \"prot\": \"rw-\", \"name\": \"data\" },\n"
                "    { \"start\": \"0x800000\", \"size\": \"0x1000\", \"state\": \"committed\", \"prot\": \"rw-\", \"kernel\": true } ] } ],\n"
                "  \"steps\": [ \"x 0x400000\", \"r 0x400010\", \"w 0x400020\", \"w 0x401000\",\n"
                "               \"w 0x600000\", \"x 0x600000\", \"x 0x601000\", \"r 0x800000\" ] }", 0);
  const PwEvent *ev;

  ev = t_step (t);
  g_assert_cmpint (ev->fault, ==, PW_KF_MINOR);
  g_assert_true (ev->ok);
  ev = t_step (t);
  g_assert_cmpint (ev->fault, ==, PW_KF_NONE);
  ev = t_step (t);                 /* write to r-x, resident: the MMU refuses */
  g_assert_cmpint (ev->fault, ==, PW_KF_PROTECTION);
  g_assert_false (ev->ok);
  g_assert_cmpint (ev->walk.fault, ==, PW_FAULT_PROTECTION);
  ev = t_step (t);                 /* write to r-x, first touch: the kernel refuses */
  g_assert_cmpint (ev->fault, ==, PW_KF_PROTECTION);
  g_assert_null (t_page (t, 1, 0x401));
  ev = t_step (t);
  g_assert_cmpint (ev->fault, ==, PW_KF_MINOR);
  ev = t_step (t);                 /* exec of rw-, resident: XD */
  g_assert_cmpint (ev->fault, ==, PW_KF_PROTECTION);
  g_assert_cmpint (ev->walk.fault, ==, PW_FAULT_PROTECTION);
  ev = t_step (t);                 /* exec of rw-, first touch */
  g_assert_cmpint (ev->fault, ==, PW_KF_PROTECTION);
  ev = t_step (t);                 /* user access to a kernel region */
  g_assert_cmpint (ev->fault, ==, PW_KF_PROTECTION);
  g_assert_cmpuint (pw_machine_stats (t->m)->page_faults, ==, 2);
  t_free (t);
}

static void
test_segmentation_faults (void)
{
  T *t = t_new ("{ \"pagewalk\": 1, \"arch\": \"x86-64\", \"memory\": { \"frames\": 256 },\n"
                "  \"processes\": [ { \"pid\": 1, \"regions\": [\n"
                "    { \"start\": \"0x400000\", \"size\": \"0x2000\", \"state\": \"committed\", \"prot\": \"rw-\" },\n"
                "    { \"start\": \"0x500000\", \"size\": \"0x2000\", \"state\": \"reserved\", \"prot\": \"rw-\" } ] },\n"
                "    { \"pid\": 7 } ],\n"
                "  \"steps\": [ \"r 0x402000\", \"w 0x500000\", \"r 0x800000000000\", { \"exit\": 7 }, \"r 7 0x400000\" ] }", 0);
  const PwEvent *ev;

  ev = t_step (t);                 /* free space, just past a region */
  g_assert_cmpint (ev->fault, ==, PW_KF_SEGMENTATION);
  g_assert_false (ev->ok);
  ev = t_step (t);                 /* reserved, not committed */
  g_assert_cmpint (ev->fault, ==, PW_KF_SEGMENTATION);
  ev = t_step (t);                 /* non-canonical */
  g_assert_cmpint (ev->fault, ==, PW_KF_SEGMENTATION);
  g_assert_cmpint (ev->walk.fault, ==, PW_FAULT_NON_CANONICAL);
  t_step (t);                      /* pid 7 exits */
  ev = t_step (t);                 /* no such process (any more) */
  g_assert_cmpint (ev->fault, ==, PW_KF_SEGMENTATION);
  g_assert_nonnull (ev->message);
  g_assert_cmpuint (count_frames (t->m, PW_FRAME_DATA), ==, 0);
  t_free (t);
}

/* ---- fork, shared regions --------------------------------------------------- */

static void
test_fork_cow (void)
{
  T *t = t_new ("{ \"pagewalk\": 1, \"arch\": \"seed\",\n"
                "  \"frame_image\": [ { \"frame\": 3, \"hex\": \"" IMAGE "\" } ],\n"
                "  \"processes\": [ { \"pid\": 1, \"regions\": [\n"
                "      { \"start\": 0, \"size\": \"0x4000\", \"state\": \"committed\", \"prot\": \"rw-\" },\n"
                "      { \"start\": \"0x10000\", \"size\": \"0x1000\", \"state\": \"committed\", \"prot\": \"r-x\" } ],\n"
                "    \"map\": [ { \"page\": 0, \"frame\": 3 } ] } ],\n"
                "  \"steps\": [ \"r 0x10000\", { \"fork\": { \"parent\": 1, \"child\": 2 } },\n"
                "               \"r 2 0x4\", \"w 2 0x8\", \"w 2 0xc\", \"w 1 0x8\", \"r 2 0x10000\" ] }", 0);
  PwPhysMem *mem = pw_machine_physmem (t->m);
  const PwEvent *ev;
  const PwFrameInfo *fi;
  guint64 child_frame;
  PwWalk w;

  t_step (t);
  g_assert_null (t_step (t));      /* the fork reports nothing */
  g_assert_nonnull (pw_machine_lookup (t->m, 2));
  /* both map frame 3, read-only, marked copy-on-write */
  g_assert_cmpuint (t_page (t, 2, 0)->frame, ==, 3);
  g_assert_true (t_page (t, 1, 0)->cow);
  g_assert_true (t_page (t, 2, 0)->cow);
  fi = pw_machine_frame_info (t->m, 3);
  g_assert_cmpuint (fi->sharers, ==, 2);
  g_assert_cmpint (t_translate (t, 1, 0, WR).fault, ==, PW_FAULT_PROTECTION);
  g_assert_cmpint (t_translate (t, 2, 0, WR).fault, ==, PW_FAULT_PROTECTION);
  g_assert_cmpint (t_translate (t, 2, 0, RD).fault, ==, PW_FAULT_NONE);
  /* the read-only text page is shared too, not copy-on-write */
  g_assert_false (t_page (t, 2, 0x10)->cow);
  g_assert_cmpuint (t_page (t, 2, 0x10)->frame, ==, t_page (t, 1, 0x10)->frame);

  ev = t_step (t);                 /* the child reads the parent's bytes */
  g_assert_cmpint (ev->fault, ==, PW_KF_NONE);
  g_assert_cmphex (ev->pa, ==, 0x3004);
  g_assert_cmpint (ev->walk.value, ==, 0x89);

  ev = t_step (t);                 /* the child writes: a copy */
  g_assert_cmpint (ev->fault, ==, PW_KF_MINOR);
  g_assert_true (ev->ok);
  g_assert_true (ev->cow_copy);
  child_frame = ev->new_frame;
  g_assert_cmpuint (child_frame, !=, 3);
  g_assert_cmphex (ev->pa, ==, (child_frame << 12) | 8);
  g_assert_cmpuint (t_page (t, 2, 0)->frame, ==, child_frame);
  g_assert_false (t_page (t, 2, 0)->cow);
  g_assert_cmpuint (t_page (t, 1, 0)->frame, ==, 3);
  g_assert_cmpuint (pw_machine_frame_info (t->m, 3)->sharers, ==, 1);
  g_assert_cmpuint (pw_machine_frame_info (t->m, child_frame)->pid, ==, 2);
  for (guint i = 0; i < 24; i++)
    g_assert_cmpint (pw_physmem_byte (mem, (child_frame << 12) + i), ==,
                     pw_physmem_byte (mem, (3 << 12) + i));
  w = t_translate (t, 1, 0x8, RD);
  g_assert_cmphex (w.pa, ==, 0x3008);
  g_assert_cmpint (t_translate (t, 2, 0x8, WR).fault, ==, PW_FAULT_NONE);

  ev = t_step (t);                 /* writable now: no fault */
  g_assert_cmpint (ev->fault, ==, PW_KF_NONE);

  ev = t_step (t);                 /* the parent, last sharer: takes the frame over */
  g_assert_cmpint (ev->fault, ==, PW_KF_MINOR);
  g_assert_false (ev->cow_copy);
  g_assert_cmphex (ev->pa, ==, 0x3008);
  g_assert_false (t_page (t, 1, 0)->cow);

  ev = t_step (t);
  g_assert_cmpint (ev->fault, ==, PW_KF_NONE);
  g_assert_cmpuint (ev->pa >> 12, ==, t_page (t, 1, 0x10)->frame);
  t_free (t);
}

static void
test_shared_region (void)
{
  T *t = t_new ("{ \"pagewalk\": 1, \"arch\": \"x86-64\", \"memory\": { \"frames\": 256 },\n"
                "  \"processes\": [\n"
                "    { \"pid\": 1, \"regions\": [ { \"start\": \"0x7f0000000000\", \"size\": \"0x4000\", \"state\": \"committed\", \"prot\": \"r-x\", \"share\": \"libc\" },\n"
                "                              { \"start\": \"0x1000\", \"size\": \"0x1000\", \"state\": \"committed\", \"prot\": \"rw-\" } ] },\n"
                "    { \"pid\": 2, \"regions\": [ { \"start\": \"0x7e0000000000\", \"size\": \"0x4000\", \"state\": \"committed\", \"prot\": \"r-x\", \"share\": \"libc\" } ] } ],\n"
                "  \"steps\": [ \"r 1 0x7f0000001010\", \"r 2 0x7e0000001020\", \"r 2 0x7e0000002000\", \"r 1 0x7f0000002000\",\n"
                "               \"r 1 0x1000\", { \"exit\": 1 }, \"r 2 0x7e0000001000\" ] }", 0);
  const PwEvent *ev;
  guint64 frame;

  ev = t_step (t);
  g_assert_cmpint (ev->fault, ==, PW_KF_MINOR);
  g_assert_true (ev->zeroed);
  frame = ev->pa >> 12;
  ev = t_step (t);                 /* same key, same offset: the same frame */
  g_assert_cmpint (ev->fault, ==, PW_KF_MINOR);
  g_assert_false (ev->zeroed);
  g_assert_cmphex (ev->pa, ==, (frame << 12) | 0x20);
  g_assert_cmpuint (pw_machine_frame_info (t->m, frame)->sharers, ==, 2);
  ev = t_step (t);
  g_assert_cmpuint (ev->pa >> 12, !=, frame);
  frame = ev->pa >> 12;
  ev = t_step (t);
  g_assert_cmpuint (ev->pa >> 12, ==, frame);
  g_assert_cmpuint (count_frames (t->m, PW_FRAME_DATA), ==, 2);
  ev = t_step (t);
  g_assert_cmpuint (count_frames (t->m, PW_FRAME_DATA), ==, 3);

  /* process 1 leaves: its private page goes, the shared frames stay */
  g_assert_null (t_step (t));
  g_assert_null (pw_machine_lookup (t->m, 1));
  g_assert_cmpuint (count_frames (t->m, PW_FRAME_DATA), ==, 2);
  g_assert_cmpuint (pw_machine_frame_info (t->m, frame)->sharers, ==, 1);
  g_assert_cmpuint (pw_machine_frame_info (t->m, frame)->pid, ==, 2);
  ev = t_step (t);
  g_assert_cmpint (ev->fault, ==, PW_KF_NONE);
  g_assert_cmpuint (pw_machine_current_pid (t->m), ==, 2);
  t_free (t);
}

/* ---- region steps, spawn, exit, switch -------------------------------------- */

static void
test_region_steps (void)
{
  T *t = t_new ("{ \"pagewalk\": 1, \"arch\": \"seed\", \"disk\": { \"slots\": 4 },\n"
                "  \"processes\": [ { \"pid\": 1 } ],\n"
                "  \"steps\": [\n"
                "    { \"reserve\": { \"pid\": 1, \"start\": \"0x20000\", \"size\": \"0x3000\" } },\n"
                "    \"r 0x20000\",\n"
                "    { \"commit\": { \"pid\": 1, \"start\": \"0x20000\", \"size\": \"0x2000\", \"prot\": \"r--\" } },\n"
                "    \"r 0x21000\", \"w 0x21000\", \"r 0x22000\",\n"
                "    { \"commit\": { \"pid\": 1, \"start\": \"0x21000\", \"size\": \"0x1000\", \"prot\": \"rw-\" } },\n"
                "    \"w 0x21000\",\n"
                "    { \"decommit\": { \"pid\": 1, \"start\": \"0x20000\", \"size\": \"0x3000\" } },\n"
                "    \"r 0x21000\",\n"
                "    { \"free\": { \"pid\": 1, \"start\": \"0x20000\", \"size\": \"0x3000\" } },\n"
                "    { \"reserve\": { \"pid\": 1, \"start\": \"0x21000\", \"size\": \"0x1000\" } },\n"
                "    { \"reserve\": { \"pid\": 1, \"start\": \"0x21000\", \"size\": \"0x1000\" } } ] }", 0);
  const PwProcess *p = pw_machine_lookup (t->m, 1);
  const PwRegion *r;
  const PwEvent *ev;

  g_assert_null (pw_process_find_region (p, 0x20000));
  g_assert_null (t_step (t));
  r = pw_process_find_region (p, 0x22fff);
  g_assert_nonnull (r);
  g_assert_cmpint (r->state, ==, PW_REGION_RESERVED);
  ev = t_step (t);
  g_assert_cmpint (ev->fault, ==, PW_KF_SEGMENTATION);

  g_assert_null (t_step (t));      /* commit the first two pages, read-only */
  g_assert_cmpint (pw_process_find_region (p, 0x21000)->state, ==, PW_REGION_COMMITTED);
  g_assert_cmpint (pw_process_find_region (p, 0x22000)->state, ==, PW_REGION_RESERVED);
  g_assert_cmpuint (p->regions->len, ==, 2);
  ev = t_step (t);
  g_assert_cmpint (ev->fault, ==, PW_KF_MINOR);
  ev = t_step (t);
  g_assert_cmpint (ev->fault, ==, PW_KF_PROTECTION);
  ev = t_step (t);
  g_assert_cmpint (ev->fault, ==, PW_KF_SEGMENTATION);

  g_assert_null (t_step (t));      /* re-commit the resident page writable */
  g_assert_cmpuint (p->regions->len, ==, 3);
  g_assert_cmpint (t_page (t, 1, 0x21)->prot, ==, PW_PROT_R | PW_PROT_W);
  ev = t_step (t);
  g_assert_cmpint (ev->fault, ==, PW_KF_NONE);
  g_assert_true (ev->ok);
  g_assert_cmpuint (count_frames (t->m, PW_FRAME_DATA), ==, 1);

  g_assert_null (t_step (t));      /* decommit: the frame is free, the range reserved */
  g_assert_cmpuint (count_frames (t->m, PW_FRAME_DATA), ==, 0);
  g_assert_null (t_page (t, 1, 0x21));
  g_assert_cmpint (pw_process_find_region (p, 0x21000)->state, ==, PW_REGION_RESERVED);
  g_assert_cmpint (t_translate (t, 1, 0x21000, RD).fault, ==, PW_FAULT_NOT_PRESENT);
  ev = t_step (t);
  g_assert_cmpint (ev->fault, ==, PW_KF_SEGMENTATION);

  g_assert_null (t_step (t));      /* free: nothing left */
  g_assert_null (pw_process_find_region (p, 0x20000));
  g_assert_null (pw_process_find_region (p, 0x21000));
  g_assert_null (pw_process_find_region (p, 0x22000));
  g_assert_cmpuint (p->regions->len, ==, 0);
  g_assert_null (t_step (t));
  ev = t_step (t);                 /* reserving twice fails */
  g_assert_nonnull (ev);
  g_assert_nonnull (ev->message);
  g_assert_cmpuint (p->regions->len, ==, 1);
  t_free (t);
}

static void
test_spawn_exit_switch (void)
{
  T *t = t_new ("{ \"pagewalk\": 1, \"arch\": \"x86-32\", \"memory\": { \"frames\": 64 }, \"disk\": { \"slots\": 4 },\n"
                "  \"processes\": [ { \"pid\": 1, \"regions\": [ { \"start\": 0, \"size\": \"0x4000\", \"state\": \"committed\", \"prot\": \"rw-\" } ] } ],\n"
                "  \"steps\": [ \"w 0x1000\",\n"
                "    { \"spawn\": { \"pid\": 3, \"name\": \"sh\", \"regions\": [ { \"start\": \"0x400000\", \"size\": \"0x2000\", \"state\": \"committed\", \"prot\": \"rw-\" } ] } },\n"
                "    \"switch 3\", \"w 0x400000\", \"w 0x401000\", \"switch 9\", { \"exit\": 3 }, \"r 0x1000\",\n"
                "    { \"exit\": 3 },\n"
                "    { \"spawn\": { \"pid\": 1 } },\n"
                "    { \"spawn\": { \"pid\": 9 } } ] }", 0);   /* 9 exists only later */
  g_autoptr(GArray) before = NULL, after = NULL;
  const PwEvent *ev;

  t_step (t);
  before = pw_machine_used_frames (t->m);
  g_assert_null (t_step (t));
  g_assert_nonnull (pw_machine_lookup (t->m, 3));
  g_assert_cmpstr (pw_machine_lookup (t->m, 3)->name, ==, "sh");
  g_assert_cmpuint (pw_machine_n_processes (t->m), ==, 2);
  g_assert_cmpuint (pw_machine_current_pid (t->m), ==, 1);
  g_assert_null (t_step (t));
  g_assert_cmpuint (pw_machine_current_pid (t->m), ==, 3);
  ev = t_step (t);
  g_assert_cmpuint (ev->pid, ==, 3);
  g_assert_cmpint (ev->fault, ==, PW_KF_MINOR);
  t_step (t);
  ev = t_step (t);                 /* switch to nobody fails, changes nothing */
  g_assert_nonnull (ev);
  g_assert_nonnull (ev->message);
  g_assert_cmpint (ev->fault, ==, PW_KF_NONE);   /* a failed step, not a fault */
  g_assert_cmpuint (pw_machine_current_pid (t->m), ==, 3);

  g_assert_null (t_step (t));      /* exit 3: its frames, tables included, are free */
  g_assert_null (pw_machine_lookup (t->m, 3));
  g_assert_cmpuint (pw_machine_current_pid (t->m), ==, 1);
  after = pw_machine_used_frames (t->m);
  g_assert_cmpuint (after->len, ==, before->len);
  for (guint i = 0; i < after->len; i++)
    {
      g_assert_cmpuint (g_array_index (after, PwFrameInfo, i).frame, ==,
                        g_array_index (before, PwFrameInfo, i).frame);
      g_assert_cmpuint (g_array_index (after, PwFrameInfo, i).pid, ==, 1);
    }
  ev = t_step (t);
  g_assert_cmpuint (ev->pid, ==, 1);
  g_assert_cmpint (ev->fault, ==, PW_KF_NONE);
  ev = t_step (t);                 /* exit of a process that is gone: no fault */
  g_assert_nonnull (ev);
  g_assert_cmpint (ev->fault, ==, PW_KF_NONE);
  g_assert_cmpstr (ev->message, ==, "there is no process 3");
  ev = t_step (t);                 /* spawn of a pid in use: no fault, not out of memory */
  g_assert_nonnull (ev);
  g_assert_cmpint (ev->fault, ==, PW_KF_NONE);
  g_assert_cmpstr (ev->message, ==, "process 1 already exists");
  g_assert_cmpuint (pw_machine_n_processes (t->m), ==, 1);
  t_free (t);
}

/* ---- TLB ------------------------------------------------------------------- */

/* OSTEP chapter 19.2: ten 4-byte ints at virtual 100..136, 16-byte pages:
 * miss, hit, hit, miss, hit, hit, hit, miss, hit, hit (70%). */
static void
test_tlb_array (void)
{
  g_autoptr(GString) json = g_string_new (NULL);
  static const gboolean hit[10] = { 0, 1, 1, 0, 1, 1, 1, 0, 1, 1 };
  T *t;

  g_string_append (json, "{ \"pagewalk\": 1,\n"
                   "  \"arch\": { \"kind\": \"paged\", \"name\": \"ostep-19\", \"va_bits\": 8, \"pa_bits\": 12,\n"
                   "    \"page_size\": 16, \"levels\": [4], \"pte\": { \"bytes\": 2, \"present\": 15, \"pfn_shift\": 0,\n"
                   "    \"pfn_bits\": 8, \"writable\": 14, \"user\": 13, \"accessed\": 12, \"dirty\": 11 } },\n"
                   "  \"tlb\": { \"entries\": 16, \"ways\": 16, \"policy\": \"lru\" },\n"
                   "  \"processes\": [ { \"pid\": 1, \"regions\": [ { \"start\": 0, \"size\": 256, \"state\": \"committed\", \"prot\": \"rw-\" } ] } ],\n"
                   "  \"steps\": [");
  for (guint i = 0; i < 10; i++)
    g_string_append_printf (json, "%s\"r %u\"", i ? ", " : " ", 100 + 4 * i);
  g_string_append (json, " ] }");
  t = t_new (json->str, 0);
  t_run_all (t);
  g_assert_cmpuint (t->events->len, ==, 10);
  for (guint i = 0; i < 10; i++)
    {
      const PwEvent *ev = t_ev (t, i);
      g_assert_cmpint (ev->tlb, ==, hit[i] ? PW_TLB_HIT : PW_TLB_MISS);
      g_assert_true (ev->ok);
      g_assert_cmpuint (ev->vpn, ==, (100 + 4 * i) / 16);
      /* a[0], a[3] and a[7] start new pages: first touches */
      g_assert_cmpint (ev->fault, ==, hit[i] ? PW_KF_NONE : PW_KF_MINOR);
      g_assert_cmpuint (ev->pa & 15, ==, (100 + 4 * i) & 15);
    }
  g_assert_cmpuint (pw_machine_stats (t->m)->tlb_hits, ==, 7);
  g_assert_cmpuint (pw_machine_stats (t->m)->tlb_misses, ==, 3);
  t_free (t);
}

static void
check_asid (gboolean asid)
{
  g_autofree char *json = g_strdup_printf (
    "{ \"pagewalk\": 1, \"arch\": \"seed\", \"tlb\": { \"entries\": 8, \"ways\": 2, \"asid\": %s },\n"
    "  \"processes\": [\n"
    "    { \"pid\": 1, \"regions\": [ { \"start\": \"0x1000\", \"size\": \"0x1000\", \"state\": \"committed\", \"prot\": \"rw-\" } ] },\n"
    "    { \"pid\": 2, \"regions\": [ { \"start\": \"0x1000\", \"size\": \"0x1000\", \"state\": \"committed\", \"prot\": \"rw-\" } ] } ],\n"
    "  \"steps\": [ \"r 0x1000\", \"r 0x1004\", \"switch 2\", \"r 0x1008\", \"r 0x100c\", \"switch 1\", \"r 0x1010\",\n"
    "               \"switch 1\", \"r 0x1014\" ] }", asid ? "true" : "false");
  T *t = t_new (json, 0);

  t_run_all (t);
  g_assert_cmpuint (t->events->len, ==, 6);
  g_assert_cmpint (t_ev (t, 0)->tlb, ==, PW_TLB_MISS);
  g_assert_cmpint (t_ev (t, 1)->tlb, ==, PW_TLB_HIT);
  /* process 2, same VA: never process 1's entry */
  g_assert_cmpint (t_ev (t, 2)->tlb, ==, PW_TLB_MISS);
  g_assert_cmpuint (t_ev (t, 2)->pid, ==, 2);
  g_assert_cmpuint (t_ev (t, 2)->pa >> 12, !=, t_ev (t, 0)->pa >> 12);
  g_assert_cmpint (t_ev (t, 3)->tlb, ==, PW_TLB_HIT);
  /* back to 1: tagged entries survive, untagged ones were flushed */
  g_assert_cmpint (t_ev (t, 4)->tlb, ==, asid ? PW_TLB_HIT : PW_TLB_MISS);
  g_assert_cmpint (t_ev (t, 4)->fault, ==, PW_KF_NONE);
  g_assert_cmpuint (t_ev (t, 4)->pa >> 12, ==, t_ev (t, 0)->pa >> 12);
  /* a switch to the process already running flushes nothing */
  g_assert_cmpint (t_ev (t, 5)->tlb, ==, PW_TLB_HIT);
  t_free (t);
}

static void
test_tlb_asid (void)
{
  check_asid (TRUE);
  check_asid (FALSE);
}

/* An evicted page's TLB entry is shot down: after the page comes back in
 * another frame, the TLB gives the new frame, never the old one (which now
 * holds another page). */
static void
test_tlb_shootdown (void)
{
  T *t = t_new ("{ \"pagewalk\": 1, \"arch\": \"seed\", \"disk\": { \"slots\": 4 }, \"policy\": \"fifo\",\n"
                "  \"tlb\": { \"entries\": 4, \"ways\": 4 },\n"
                "  \"processes\": [ { \"pid\": 1, \"regions\": [ { \"start\": 0, \"size\": \"0x4000\", \"state\": \"committed\", \"prot\": \"rw-\" } ] } ],\n"
                "  \"steps\": [ \"w 0x0\", \"w 0x1000\", \"r 0x2000\", \"r 0x0\", \"r 0x4\", \"r 0x2000\" ] }", 2);
  const PwEvent *ev;

  g_assert_cmpuint (t_step (t)->new_frame, ==, 0);
  g_assert_cmpuint (t_step (t)->new_frame, ==, 1);
  ev = t_step (t);                 /* page 0 leaves frame 0; page 2 takes it */
  g_assert_cmpuint (ev->evicted.vpn, ==, 0);
  g_assert_cmpuint (ev->new_frame, ==, 0);
  for (guint i = 0; i < pw_machine_tlb_size (t->m); i++)
    {
      const PwTlbEntry *e = pw_machine_tlb_entry (t->m, i);
      g_assert_false (e->valid && e->vpn == 0);
    }
  ev = t_step (t);                 /* page 0 back, in frame 1 (page 1 evicted) */
  g_assert_cmpint (ev->tlb, ==, PW_TLB_MISS);
  g_assert_cmpint (ev->fault, ==, PW_KF_MAJOR);
  g_assert_cmpuint (ev->evicted.vpn, ==, 1);
  g_assert_cmphex (ev->pa, ==, 0x1000);
  ev = t_step (t);
  g_assert_cmpint (ev->tlb, ==, PW_TLB_HIT);
  g_assert_cmphex (ev->pa, ==, 0x1004);
  g_assert_cmphex (t_translate (t, 1, 0x4, RD).pa, ==, 0x1004);
  ev = t_step (t);
  g_assert_cmpint (ev->tlb, ==, PW_TLB_HIT);
  g_assert_cmphex (ev->pa, ==, 0x0000);
  t_free (t);
}

/* ---- clock ------------------------------------------------------------------ */

static gboolean
pte_accessed (T       *t,
              guint64  va)
{
  PwWalk w = t_translate (t, 1, va, RD);
  g_assert_cmpint (w.fault, ==, PW_FAULT_NONE);
  return (w.steps[w.n_steps - 1].flags & PW_F_ACCESSED) != 0;
}

/* Pages 0, 1, 2, 3, 1, 4 with three frames: at 3 the hand clears every
 * accessed bit and comes back to page 0; at 4 it passes page 1 (used again,
 * its bit set again by the walk) and takes page 2.  FIFO would take page 1. */
static void
check_clock (gboolean tlb)
{
  g_autofree char *json = g_strdup_printf (
    "{ \"pagewalk\": 1, \"arch\": \"seed\", \"memory\": { \"frames\": \"0x10000\" }, \"policy\": \"clock\",\n"
    "  \"disk\": { \"slots\": 8 }, \"tlb\": %s,\n"
    "  \"processes\": [ { \"pid\": 1, \"regions\": [ { \"start\": 0, \"size\": \"0x8000\", \"state\": \"committed\", \"prot\": \"rw-\" } ] } ],\n"
    "  \"steps\": [ \"r 0x0\", \"r 0x1000\", \"r 0x2000\", \"r 0x3000\", \"r 0x1000\", \"r 0x4000\" ] }",
    tlb ? "{ \"entries\": 8, \"ways\": 8 }" : "false");
  T *t = t_new (json, 3);
  const PwEvent *ev;

  t_step (t), t_step (t), t_step (t);
  g_assert_true (pte_accessed (t, 0x0));
  g_assert_true (pte_accessed (t, 0x1000));
  g_assert_true (pte_accessed (t, 0x2000));
  ev = t_step (t);
  g_assert_true (ev->evicted.happened);
  g_assert_cmpuint (ev->evicted.vpn, ==, 0);
  g_assert_cmpuint (ev->new_frame, ==, 0);
  /* the hand cleared the bits it passed */
  g_assert_false (pte_accessed (t, 0x1000));
  g_assert_false (pte_accessed (t, 0x2000));
  g_assert_true (pte_accessed (t, 0x3000));
  ev = t_step (t);
  g_assert_cmpint (ev->fault, ==, PW_KF_NONE);
  /* the cleared entry was shot down, so the access walks and sets A */
  if (tlb)
    g_assert_cmpint (ev->tlb, ==, PW_TLB_MISS);
  g_assert_true (pte_accessed (t, 0x1000));
  ev = t_step (t);
  g_assert_true (ev->evicted.happened);
  g_assert_cmpuint (ev->evicted.vpn, ==, 2);
  g_assert_false (pte_accessed (t, 0x1000));
  t_free (t);
}

static void
test_clock (void)
{
  check_clock (FALSE);
  check_clock (TRUE);
}

/* The hand visits only the frames that hold pages: a 52-bit physical space
 * (2^40 frames) costs nothing more than a small one. */
static void
test_clock_sparse (void)
{
  T *t = t_new ("{ \"pagewalk\": 1, \"arch\": \"x86-64\", \"memory\": { \"frames\": \"0x10000000000\" },\n"
                "  \"policy\": \"clock\", \"disk\": { \"slots\": 8 },\n"
                "  \"processes\": [ { \"pid\": 1, \"regions\": [ { \"start\": 0, \"size\": \"0x8000\", \"state\": \"committed\", \"prot\": \"rw-\" } ] } ],\n"
                "  \"steps\": [ \"r 0x0\", \"r 0x1000\", \"r 0x2000\", \"r 0x3000\", \"r 0x1000\", \"r 0x4000\",\n"
                "               \"r 0x0\", \"r 0x2000\", \"r 0x3000\" ] }", 3);
  gint64 start = g_get_monotonic_time ();

  t_run_all (t);
  g_assert_cmpuint (t_ev (t, 3)->evicted.vpn, ==, 0);
  g_assert_cmpuint (t_ev (t, 5)->evicted.vpn, ==, 2);
  g_assert_cmpuint (pw_machine_stats (t->m)->evictions, >=, 4);
  /* tables at the top of the 2^40 frames */
  g_assert_cmpuint (pw_machine_lookup (t->m, 1)->root, ==, (G_GUINT64_CONSTANT (1) << 40) - 1);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  t_free (t);
}

/* ---- invariants under pressure ------------------------------------------------ */

/* What must hold after every step: each resident page maps a data frame the
 * machine knows, with as many sharers as mappings; each page on disk owns
 * its slot; each valid TLB entry agrees with the page tables. */
static void
check_consistent (PwMachine *m)
{
  g_autoptr(GHashTable) mappings = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  const PwArch *a = pw_machine_arch (m);
  GHashTableIter it;
  gpointer k, v;

  for (guint i = 0; i < pw_machine_n_processes (m); i++)
    {
      const PwProcess *p = pw_machine_process (m, i);
      g_autoptr(GPtrArray) pages = pw_machine_sorted_pages (m, p);
      for (guint j = 0; j < pages->len; j++)
        {
          const PwPage *pg = pages->pdata[j];
          g_assert_true (pg->resident || pg->on_disk);
          if (pg->resident)
            {
              const PwFrameInfo *fi = pw_machine_frame_info (m, pg->frame);
              guint64 *key = g_new (guint64, 1);
              PwWalk w;
              g_assert_nonnull (fi);
              g_assert_cmpint (fi->use, ==, PW_FRAME_DATA);
              *key = pg->frame;
              g_hash_table_insert (mappings, key,
                                   GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (mappings, key)) + 1));
              g_assert_true (pw_machine_translate (m, p->pid, pg->vpn << a->page_shift, PW_ACCESS_READ,
                                                   pg->kernel ? PW_MODE_SUPERVISOR : PW_MODE_USER, &w, NULL));
              g_assert_cmpint (w.fault, ==, PW_FAULT_NONE);
              g_assert_cmpuint (w.frame, ==, pg->frame);
            }
          else
            {
              /* on disk only: the hardware finds no present leaf */
              PwWalk w;
              g_assert_true (pw_machine_translate (m, p->pid, pg->vpn << a->page_shift, PW_ACCESS_READ,
                                                   PW_MODE_USER, &w, NULL));
              g_assert_cmpint (w.fault, ==, PW_FAULT_NOT_PRESENT);
            }
          if (pg->on_disk)
            {
              guint pid;
              guint64 vpn;
              g_assert_true (pw_machine_slot_owner (m, pg->slot, &pid, &vpn));
              g_assert_cmpuint (pid, ==, p->pid);
              g_assert_cmpuint (vpn, ==, pg->vpn);
            }
        }
    }
  g_hash_table_iter_init (&it, mappings);
  while (g_hash_table_iter_next (&it, &k, &v))
    {
      const PwFrameInfo *fi = pw_machine_frame_info (m, *(guint64 *) k);
      g_assert_cmpuint (fi->sharers, ==, GPOINTER_TO_UINT (v));
    }
  for (guint i = 0; i < pw_machine_tlb_size (m); i++)
    {
      const PwTlbEntry *e = pw_machine_tlb_entry (m, i);
      PwWalk w;
      if (!e->valid)
        continue;
      g_assert_true (pw_machine_translate (m, e->pid, e->vpn * e->size, PW_ACCESS_READ,
                                           PW_MODE_USER, &w, NULL));
      g_assert_cmpint (w.fault, ==, PW_FAULT_NONE);
      g_assert_cmpuint (w.frame, ==, e->frame);
    }
}

static GHashTable *
used_set (PwMachine *m)
{
  g_autoptr(GArray) used = pw_machine_used_frames (m);
  GHashTable *set = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint i = 0; i < used->len; i++)
    {
      const PwFrameInfo *fi = &g_array_index (used, PwFrameInfo, i);
      for (guint64 f = 0; f < fi->count; f++)
        g_hash_table_add (set, g_memdup2 (&(guint64) { fi->frame + f }, sizeof (guint64)));
    }
  return set;
}

static char *history_json (const char *policy, guint32 seed, guint frames);

/* Small memories: evictions inside fork, spawn and page-table allocation.
 * A frame the kernel hands out (zeroed or read from disk) was free. */
static void
test_invariants (void)
{
  static const char * const policies[] = { "fifo", "lru", "mru", "clock", "random" };
  static const guint memories[] = { 9, 12, 40 };

  for (guint k = 0; k < G_N_ELEMENTS (policies); k++)
    for (guint j = 0; j < G_N_ELEMENTS (memories); j++)
      {
        g_autofree char *json = history_json (policies[k], 100 + k * 7 + j, memories[j]);
        T *t = t_new (json, j == 2 ? 5 : 0);

        while (t->next < t->sc->steps->len)
          {
            g_autoptr(GHashTable) before = used_set (t->m);
            guint n = t->events->len;
            t_step (t);
            for (guint e = n; e < t->events->len; e++)
              {
                const PwEvent *ev = t_ev (t, e);
                /* a frame handed out holds this page alone: it was free, or
                 * freed by this very fault (an eviction, an emptied table) */
                if (ev->ok && (ev->zeroed || ev->fault == PW_KF_MAJOR || ev->cow_copy))
                  {
                    const PwFrameInfo *fi = pw_machine_frame_info (t->m, ev->new_frame);
                    g_assert_nonnull (fi);
                    g_assert_cmpuint (fi->sharers, ==, 1);
                    g_assert_cmpuint (fi->pid, ==, ev->pid);
                    g_assert_cmpuint (fi->vpn, ==, ev->vpn);
                    if (g_hash_table_contains (before, &ev->new_frame))
                      g_assert_true (ev->evicted.happened);
                  }
              }
            check_consistent (t->m);
          }
        t_free (t);
      }
}

/* A spawn claims the frames it pins; a frame in use refuses the spawn, and
 * a refused spawn leaves nothing behind. */
static void
test_spawn_claims (void)
{
  T *t = t_new ("{ \"pagewalk\": 1, \"arch\": \"x86-32\", \"memory\": { \"frames\": 16 },\n"
                "  \"processes\": [ { \"pid\": 1, \"regions\": [ { \"start\": 0, \"size\": \"0x8000\", \"state\": \"committed\", \"prot\": \"rw-\" } ] } ],\n"
                "  \"steps\": [ \"w 0x0\",\n"
                "    { \"spawn\": { \"pid\": 2, \"map\": [ { \"page\": 0, \"frame\": 0 } ] } },\n"
                "    { \"spawn\": { \"pid\": 3, \"map\": [ { \"page\": 0, \"frame\": 2 } ] } },\n"
                "    { \"spawn\": { \"pid\": 4, \"map\": [ { \"page\": 0, \"frame\": 5 }, { \"page\": 1, \"frame\": 2 } ] } },\n"
                "    { \"spawn\": { \"pid\": 5, \"root\": 15 } },\n"
                "    \"w 0x1000\", \"w 0x2000\", \"w 0x3000\", \"w 0x4000\", \"w 0x5000\", \"w 0x6000\" ] }", 0);
  g_autoptr(GArray) before = NULL, after = NULL;
  const PwEvent *ev;

  t_step (t);
  before = pw_machine_used_frames (t->m);
  ev = t_step (t);                 /* frame 0 is process 1's */
  g_assert_nonnull (ev);
  g_assert_cmpint (ev->fault, ==, PW_KF_OUT_OF_MEMORY);
  g_assert_nonnull (ev->message);
  g_assert_null (pw_machine_lookup (t->m, 2));
  after = pw_machine_used_frames (t->m);
  g_assert_cmpuint (after->len, ==, before->len);
  g_assert_cmpuint (pw_machine_frame_info (t->m, 0)->sharers, ==, 1);

  g_assert_null (t_step (t));      /* frame 2 is free: claimed */
  g_assert_cmpuint (t_page (t, 3, 0)->frame, ==, 2);
  ev = t_step (t);                 /* the second pin is taken: nothing of 4 stays */
  g_assert_nonnull (ev);
  g_assert_null (pw_machine_lookup (t->m, 4));
  g_assert_null (pw_machine_frame_info (t->m, 5));
  ev = t_step (t);                 /* a root in use */
  g_assert_nonnull (ev);
  g_assert_null (pw_machine_lookup (t->m, 5));

  /* first touches never get the pinned frame 2; frame 5 is free again */
  for (guint i = 0; i < 6; i++)
    {
      ev = t_step (t);
      g_assert_cmpint (ev->fault, ==, PW_KF_MINOR);
      g_assert_cmpuint (ev->new_frame, !=, 2);
    }
  g_assert_cmpuint (t_page (t, 1, 4)->frame, ==, 5);
  g_assert_cmpuint (pw_machine_frame_info (t->m, 2)->pid, ==, 3);
  g_assert_cmpuint (pw_machine_frame_info (t->m, 2)->sharers, ==, 1);
  check_consistent (t->m);
  t_free (t);
}

/* Fork with no free frame for the child's tables: evictions happen inside
 * the fork (here the parent's zero page 0 is dropped), and the child sees
 * exactly the parent's remaining pages.  Six frames: two tables for each
 * process, the two shared copy-on-write pages (never victims). */
static void
test_fork_pressure (void)
{
  T *t = t_new ("{ \"pagewalk\": 1, \"arch\": \"x86-32\", \"memory\": { \"frames\": 6 }, \"policy\": \"fifo\",\n"
                "  \"disk\": { \"slots\": 8 },\n"
                "  \"processes\": [ { \"pid\": 1, \"regions\": [ { \"start\": 0, \"size\": \"0x3000\", \"state\": \"committed\", \"prot\": \"rw-\" } ] } ],\n"
                "  \"steps\": [ \"r 0x0\", \"w 0x1000\", \"w 0x2000\", { \"fork\": { \"parent\": 1, \"child\": 2 } },\n"
                "               \"r 2 0x1000\", \"r 2 0x2000\", \"r 2 0x0\", \"w 2 0x2000\", \"r 1 0x2000\" ] }", 0);
  const PwEvent *ev;

  t_step (t), t_step (t), t_step (t);
  g_assert_null (t_step (t));
  g_assert_nonnull (pw_machine_lookup (t->m, 2));
  check_consistent (t->m);
  g_assert_null (t_page (t, 1, 0));
  g_assert_null (t_page (t, 2, 0));
  for (guint vpn = 1; vpn <= 2; vpn++)
    {
      g_assert_true (t_page (t, 2, vpn)->resident);
      g_assert_true (t_page (t, 2, vpn)->cow);
      g_assert_cmpuint (t_page (t, 2, vpn)->frame, ==, t_page (t, 1, vpn)->frame);
      g_assert_cmpuint (pw_machine_frame_info (t->m, t_page (t, 1, vpn)->frame)->sharers, ==, 2);
    }
  g_assert_cmpuint (count_frames (t->m, PW_FRAME_TABLE), ==, 4);

  ev = t_step (t);
  g_assert_true (ev->ok);
  ev = t_step (t);
  g_assert_true (ev->ok);
  /* nothing left to evict: shared pages are not victims */
  ev = t_step (t);
  g_assert_cmpint (ev->fault, ==, PW_KF_OUT_OF_MEMORY);
  ev = t_step (t);
  g_assert_cmpint (ev->fault, ==, PW_KF_OUT_OF_MEMORY);
  g_assert_true (t_page (t, 2, 2)->cow);
  ev = t_step (t);
  g_assert_true (ev->ok);
  check_consistent (t->m);
  t_free (t);
}

/* Copy-on-write of a 2 MiB page: the copy goes to an aligned run of 512
 * frames (a large-page entry has no bits for anything else). */
static void
test_fork_cow_large (void)
{
  T *t = t_new ("{ \"pagewalk\": 1, \"arch\": \"x86-64\", \"memory\": { \"frames\": 4096 },\n"
                "  \"processes\": [ { \"pid\": 1, \"regions\": [ { \"start\": \"0x1000\", \"size\": \"0x1000\", \"state\": \"committed\", \"prot\": \"rw-\" } ],\n"
                "    \"map\": [ { \"va\": \"0x200000\", \"frame\": \"0x400\", \"size\": \"2MiB\", \"prot\": \"rw-\" } ] } ],\n"
                "  \"steps\": [ \"w 0x1000\", { \"fork\": { \"parent\": 1, \"child\": 2 } }, \"w 2 0x200010\", \"w 1 0x200010\" ] }", 0);
  const PwEvent *ev;
  PwWalk w;

  ev = t_step (t);
  g_assert_cmpuint (ev->new_frame, ==, 0);
  t_step (t);
  ev = t_step (t);
  g_assert_true (ev->ok);
  g_assert_true (ev->cow_copy);
  g_assert_cmpuint (ev->new_frame % 512, ==, 0);
  g_assert_cmphex (ev->pa, ==, (ev->new_frame << 12) + 0x10);
  w = t_translate (t, 2, 0x200010, WR);
  g_assert_cmpint (w.fault, ==, PW_FAULT_NONE);
  g_assert_cmphex (w.pa, ==, ev->pa);
  g_assert_cmpuint (w.page_size, ==, 2 << 20);
  /* process 1's small page in frame 0 is untouched */
  g_assert_cmpuint (pw_machine_frame_info (t->m, 0)->pid, ==, 1);
  g_assert_cmpuint (pw_machine_frame_info (t->m, 0)->vpn, ==, 1);
  ev = t_step (t);                 /* the parent, last sharer, keeps 0x400 */
  g_assert_false (ev->cow_copy);
  g_assert_cmphex (ev->pa, ==, 0x400010);
  check_consistent (t->m);
  t_free (t);
}

/* ---- history ----------------------------------------------------------------- */

static guint32
bytes_hash (const guint8 *b,
            gsize         n)
{
  guint32 h = 2166136261u;
  for (gsize i = 0; i < n; i++)
    h = (h ^ b[i]) * 16777619u;
  return h;
}

/* Everything observable about a machine, as text. */
static char *
snapshot (PwMachine *m)
{
  GString *s = g_string_new (NULL);
  const PwStats *st = pw_machine_stats (m);
  g_autoptr(GArray) used = pw_machine_used_frames (m);
  PwPhysMem *mem = pw_machine_physmem (m);
  g_autofree guint64 *known = NULL;
  guint64 n_known;

  g_string_append_printf (s, "steps %u accesses %" G_GUINT64_FORMAT " current %u\n",
                          pw_machine_steps_done (m), pw_machine_n_accesses (m),
                          pw_machine_current_pid (m));
  g_string_append_printf (s, "stats %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT
                          " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT
                          " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT "\n",
                          st->accesses, st->tlb_hits, st->tlb_misses, st->page_faults,
                          st->major_faults, st->evictions, st->writebacks, st->walk_reads);
  for (guint i = 0; i < used->len; i++)
    {
      const PwFrameInfo *f = &g_array_index (used, PwFrameInfo, i);
      g_string_append_printf (s, "frame %" G_GINT64_MODIFIER "x use %d pid %u vpn %" G_GINT64_MODIFIER
                              "x level %u sharers %u count %" G_GUINT64_FORMAT " image %d\n",
                              f->frame, f->use, f->pid, f->vpn, f->level, f->sharers, f->count, f->image);
    }
  for (guint i = 0; i < pw_machine_n_processes (m); i++)
    {
      const PwProcess *p = pw_machine_process (m, i);
      g_autoptr(GPtrArray) pages = pw_machine_sorted_pages (m, p);
      g_string_append_printf (s, "process %u root %" G_GINT64_MODIFIER "x\n", p->pid, p->root);
      for (guint j = 0; j < p->regions->len; j++)
        {
          const PwRegion *r = &g_array_index (p->regions, PwRegion, j);
          g_string_append_printf (s, " region %" G_GINT64_MODIFIER "x+%" G_GINT64_MODIFIER
                                  "x %d %d\n", r->start, r->size, r->state, r->prot);
        }
      for (guint j = 0; j < pages->len; j++)
        {
          const PwPage *pg = pages->pdata[j];
          g_string_append_printf (s, " page %" G_GINT64_MODIFIER "x res %d frame %" G_GINT64_MODIFIER
                                  "x disk %d slot %" G_GUINT64_FORMAT " prot %d cow %d loaded %"
                                  G_GUINT64_FORMAT " used %" G_GUINT64_FORMAT "\n",
                                  pg->vpn, pg->resident, pg->resident ? pg->frame : 0, pg->on_disk,
                                  pg->on_disk ? pg->slot : 0, pg->prot, pg->cow, pg->loaded_at,
                                  pg->used_at);
        }
    }
  for (guint64 slot = 0; slot < pw_machine_disk_slots (m); slot++)
    {
      guint pid;
      guint64 vpn;
      if (pw_machine_slot_owner (m, slot, &pid, &vpn))
        g_string_append_printf (s, "slot %" G_GUINT64_FORMAT " %u %" G_GINT64_MODIFIER "x\n",
                                slot, pid, vpn);
    }
  for (guint i = 0; i < pw_machine_tlb_size (m); i++)
    {
      const PwTlbEntry *e = pw_machine_tlb_entry (m, i);
      if (e->valid)
        g_string_append_printf (s, "tlb %u pid %u vpn %" G_GINT64_MODIFIER "x frame %"
                                G_GINT64_MODIFIER "x dirty %d stamp %" G_GUINT64_FORMAT "\n",
                                i, e->pid, e->vpn, e->frame, e->dirty, e->stamp);
    }
  known = pw_physmem_known_frames (mem, &n_known);
  for (guint64 i = 0; i < n_known; i++)
    g_string_append_printf (s, "mem %" G_GINT64_MODIFIER "x %08x\n", known[i],
                            bytes_hash (pw_physmem_frame (mem, known[i]),
                                        pw_arch_page_size (pw_machine_arch (m))));
  return g_string_free (s, FALSE);
}

static char *
event_text (const PwEvent *ev)
{
  return g_strdup_printf ("%" G_GUINT64_FORMAT " %u %d %u %d %" G_GINT64_MODIFIER "x %d %d %d %"
                          G_GINT64_MODIFIER "x %d %u %" G_GINT64_MODIFIER "x %d %d %s",
                          ev->i, ev->step, ev->kind, ev->pid, ev->access, ev->va, ev->tlb, ev->fault,
                          ev->ok, ev->pa, ev->evicted.happened, ev->evicted.pid, ev->evicted.vpn,
                          ev->evicted.to_disk, ev->cow_copy, ev->message ? ev->message : "-");
}

static void
collect_text (const PwEvent *ev,
              gpointer       data)
{
  g_ptr_array_add (data, event_text (ev));
}

/* A long scenario of mixed steps for @policy, made from a seeded stream. */
static char *
history_json (const char *policy,
              guint32     seed,
              guint       frames)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  GString *s = g_string_new (NULL);

  g_string_append_printf (s,
    "{ \"pagewalk\": 1, \"arch\": \"x86-32\", \"memory\": { \"frames\": %u }, \"policy\": \"%s\",\n"
    "  \"disk\": { \"slots\": 48 }, \"tlb\": { \"entries\": 8, \"ways\": 2 },\n"
    "  \"frame_image\": [ { \"frame\": 7, \"hex\": \"" IMAGE "\" } ],\n"
    "  \"processes\": [\n"
    "    { \"pid\": 1, \"regions\": [ { \"start\": 0, \"size\": \"0x10000\", \"state\": \"committed\", \"prot\": \"rw-\" },\n"
    "        { \"start\": \"0x400000\", \"size\": \"0x4000\", \"state\": \"committed\", \"prot\": \"r-x\", \"share\": \"lib\" } ],\n"
    "      \"map\": [ { \"page\": 3, \"frame\": 7 } ] },\n"
    "    { \"pid\": 2, \"regions\": [ { \"start\": 0, \"size\": \"0x8000\", \"state\": \"committed\", \"prot\": \"rw-\" },\n"
    "        { \"start\": \"0x400000\", \"size\": \"0x4000\", \"state\": \"committed\", \"prot\": \"r-x\", \"share\": \"lib\" } ] } ],\n"
    "  \"steps\": [", frames, policy);
  for (guint i = 0; i < 400; i++)
    {
      guint r = g_rand_int_range (rand, 0, 100);
      const char *sep = i ? ",\n    " : "\n    ";
      if (i == 120)
        g_string_append_printf (s, "%s{ \"fork\": { \"parent\": 1, \"child\": 3 } }", sep);
      else if (i == 300)
        g_string_append_printf (s, "%s{ \"exit\": 3 }", sep);
      else if (i == 200)
        g_string_append_printf (s, "%s{ \"decommit\": { \"pid\": 1, \"start\": \"0x8000\", \"size\": \"0x4000\" } }", sep);
      else if (i == 250)
        g_string_append_printf (s, "%s{ \"commit\": { \"pid\": 1, \"start\": \"0x8000\", \"size\": \"0x4000\" } }", sep);
      else if (r < 5)
        g_string_append_printf (s, "%s\"switch %u\"", sep, g_rand_int_range (rand, 1, 3));
      else if (r < 15)
        g_string_append_printf (s, "%s\"r %u 0x%x\"", sep, g_rand_int_range (rand, 1, 3),
                                0x400000 + g_rand_int_range (rand, 0, 4) * 0x1000);
      else
        {
          guint pid = i > 120 && i < 300 ? g_rand_int_range (rand, 1, 4) : g_rand_int_range (rand, 1, 3);
          guint pages = pid == 2 ? 8 : 16;
          g_string_append_printf (s, "%s\"%c %u 0x%x\"", sep, r < 45 ? 'w' : 'r', pid,
                                  g_rand_int_range (rand, 0, pages) * 0x1000
                                  + g_rand_int_range (rand, 0, 0x1000));
        }
    }
  g_string_append (s, " ] }");
  return g_string_free (s, FALSE);
}

static void
test_history (void)
{
  static const char * const policies[] = { "fifo", "lru", "mru", "clock", "random" };

  for (guint k = 0; k < G_N_ELEMENTS (policies); k++)
    {
      g_autofree char *json = history_json (policies[k], 42 + k, 40);
      g_autoptr(PwScenario) sc = load (json);
      g_autoptr(PwHistory) h = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GRand) rand = g_rand_new_with_seed (7 + k);
      guint n_steps;

      sc->data_frames = 6;
      h = pw_history_new (sc, NULL, &error);
      g_assert_no_error (error);
      n_steps = pw_history_n_steps (h);
      g_assert_cmpuint (n_steps, ==, 400);

      for (guint round = 0; round < 40; round++)
        {
          guint n = round == 0 ? n_steps : (guint) g_rand_int_range (rand, 0, (gint32) n_steps + 1);
          g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
          g_autoptr(GPtrArray) fresh_events = g_ptr_array_new_with_free_func (g_free);
          g_autofree char *got = NULL, *want = NULL;
          PwMachine *fresh = pw_machine_new (sc, &error);

          g_assert_no_error (error);
          for (guint i = 0; i < n; i++)
            pw_machine_step (fresh, &g_array_index (sc->steps, PwStep, i),
                             i + 1 == n ? collect_text : NULL, fresh_events);
          got = snapshot (pw_history_seek (h, n, collect_text, seen));
          want = snapshot (fresh);
          g_assert_cmpuint (pw_history_position (h), ==, n);
          g_assert_cmpstr (got, ==, want);
          g_assert_cmpuint (seen->len, ==, fresh_events->len);
          for (guint i = 0; i < seen->len; i++)
            g_assert_cmpstr (seen->pdata[i], ==, fresh_events->pdata[i]);
          pw_machine_free (fresh);
        }
      g_assert_cmpuint (pw_history_n_checkpoints (h), >, 1);

      /* a copy runs on exactly like the original */
      {
        PwMachine *a = pw_machine_new (sc, &error), *b;
        g_autofree char *sa = NULL, *sb = NULL;
        for (guint i = 0; i < 150; i++)
          pw_machine_step (a, &g_array_index (sc->steps, PwStep, i), NULL, NULL);
        b = pw_machine_copy (a);
        for (guint i = 150; i < n_steps; i++)
          {
            pw_machine_step (a, &g_array_index (sc->steps, PwStep, i), NULL, NULL);
            pw_machine_step (b, &g_array_index (sc->steps, PwStep, i), NULL, NULL);
          }
        sa = snapshot (a);
        sb = snapshot (b);
        g_assert_cmpstr (sa, ==, sb);
        pw_machine_free (a);
        pw_machine_free (b);
      }
    }
}

/* ---- ranges that end exactly at 2^64 ----------------------------------------- */

/* Touch, commit, decommit, reserve and free over a region whose end is 2^64
 * (start + size wraps to 0): every page is reached, regions split without
 * overlapping, pages are released. */
static void
test_range_top (void)
{
  T *t = t_new ("{ \"pagewalk\": 1, \"arch\": \"x86-64\", \"memory\": { \"frames\": 64 }, \"tlb\": { \"entries\": 8 },\n"
                "  \"processes\": [ { \"pid\": 1, \"regions\": [\n"
                "    { \"start\": \"0xffffffffffffd000\", \"size\": \"0x3000\", \"state\": \"committed\", \"prot\": \"rw-\" } ] } ],\n"
                "  \"steps\": [\n"
                "    { \"touch\": { \"pid\": 1, \"start\": \"0xffffffffffffd000\", \"size\": \"0x3000\", \"access\": \"w\" } },\n"
                "    { \"commit\": { \"pid\": 1, \"start\": \"0xffffffffffffe000\", \"size\": \"0x2000\", \"prot\": \"r--\" } },\n"
                "    \"w 0xfffffffffffff000\",\n"
                "    { \"reserve\": { \"pid\": 1, \"start\": \"0xfffffffffffff000\", \"size\": \"0x1000\" } },\n"
                "    { \"decommit\": { \"pid\": 1, \"start\": \"0xffffffffffffe000\", \"size\": \"0x2000\" } },\n"
                "    \"r 0xfffffffffffff000\",\n"
                "    { \"free\": { \"pid\": 1, \"start\": \"0xffffffffffffd000\", \"size\": \"0x3000\" } } ] }", 0);
  const PwProcess *p = pw_machine_lookup (t->m, 1);
  const PwRegion *r;
  const PwEvent *ev;

  t_step (t);                      /* touch: one access per page, the last one included */
  g_assert_cmpuint (t->events->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpint (t_ev (t, i)->fault, ==, PW_KF_MINOR);
      g_assert_true (t_ev (t, i)->ok);
      g_assert_cmphex (t_ev (t, i)->vpn, ==, G_GUINT64_CONSTANT (0xffffffffffffd) + i);
    }
  g_assert_cmpuint (count_frames (t->m, PW_FRAME_DATA), ==, 3);

  g_assert_null (t_step (t));      /* commit a sub-range: the region splits in two */
  g_assert_cmpuint (p->regions->len, ==, 2);
  r = &g_array_index (p->regions, PwRegion, 0);
  g_assert_cmphex (r->start, ==, G_GUINT64_CONSTANT (0xffffffffffffd000));
  g_assert_cmphex (r->size, ==, 0x1000);
  g_assert_cmpint (r->prot, ==, PW_PROT_R | PW_PROT_W);
  r = &g_array_index (p->regions, PwRegion, 1);
  g_assert_cmphex (r->start, ==, G_GUINT64_CONSTANT (0xffffffffffffe000));
  g_assert_cmphex (r->size, ==, 0x2000);
  g_assert_cmpint (r->prot, ==, PW_PROT_R);
  g_assert_cmpint (t_page (t, 1, G_GUINT64_CONSTANT (0xfffffffffffff))->prot, ==, PW_PROT_R);
  ev = t_step (t);                 /* the last page took r--, its TLB entry too */
  g_assert_cmpint (ev->fault, ==, PW_KF_PROTECTION);
  ev = t_step (t);                 /* reserving over the committed last page fails */
  g_assert_nonnull (ev);
  g_assert_nonnull (ev->message);
  g_assert_cmpuint (p->regions->len, ==, 2);

  g_assert_null (t_step (t));      /* decommit: the two last pages go, the range stays reserved */
  g_assert_null (t_page (t, 1, G_GUINT64_CONSTANT (0xffffffffffffe)));
  g_assert_null (t_page (t, 1, G_GUINT64_CONSTANT (0xfffffffffffff)));
  g_assert_cmpuint (count_frames (t->m, PW_FRAME_DATA), ==, 1);
  g_assert_cmpint (pw_process_find_region (p, G_MAXUINT64)->state, ==, PW_REGION_RESERVED);
  g_assert_cmpuint (p->regions->len, ==, 2);
  ev = t_step (t);
  g_assert_cmpint (ev->fault, ==, PW_KF_SEGMENTATION);
  check_consistent (t->m);

  g_assert_null (t_step (t));      /* free: nothing left but the root table */
  g_assert_cmpuint (p->regions->len, ==, 0);
  g_assert_cmpuint (g_hash_table_size (p->pages), ==, 0);
  g_assert_cmpuint (count_frames (t->m, PW_FRAME_DATA), ==, 0);
  g_assert_cmpuint (count_frames (t->m, PW_FRAME_TABLE), ==, 1);
  check_consistent (t->m);
  t_free (t);
}

/* A large page that ends at 2^64: unmapping it shoots its TLB entry down
 * (the range compare must not wrap). */
static void
test_tlb_shootdown_top (void)
{
  T *t = t_new ("{ \"pagewalk\": 1, \"arch\": \"x86-64\", \"memory\": { \"frames\": 1024 }, \"tlb\": { \"entries\": 8 },\n"
                "  \"processes\": [ { \"pid\": 1, \"regions\": [\n"
                "    { \"start\": \"0xffffffffffe00000\", \"size\": \"2MiB\", \"state\": \"committed\", \"prot\": \"rw-\" } ],\n"
                "    \"map\": [ { \"va\": \"0xffffffffffe00000\", \"size\": \"2MiB\", \"frame\": 512 } ] } ],\n"
                "  \"steps\": [ \"r 0xffffffffffe00000\", \"r 0xfffffffffffff000\",\n"
                "    { \"decommit\": { \"pid\": 1, \"start\": \"0xffffffffffe00000\", \"size\": \"2MiB\" } },\n"
                "    \"r 0xfffffffffffff000\" ] }", 0);
  const PwEvent *ev;

  ev = t_step (t);
  g_assert_cmpint (ev->tlb, ==, PW_TLB_MISS);
  ev = t_step (t);
  g_assert_cmpint (ev->tlb, ==, PW_TLB_HIT);
  g_assert_cmphex (ev->pa, ==, (G_GUINT64_CONSTANT (512) << 12) + 0x1ff000);
  g_assert_null (t_step (t));
  check_consistent (t->m);
  ev = t_step (t);
  g_assert_cmpint (ev->tlb, ==, PW_TLB_MISS);
  g_assert_cmpint (ev->fault, ==, PW_KF_SEGMENTATION);
  g_assert_false (ev->ok);
  t_free (t);
}

/* Exit releases the last page of the address space too. */
static void
test_exit_top (void)
{
  T *t = t_new ("{ \"pagewalk\": 1, \"arch\": \"x86-64\", \"memory\": { \"frames\": 64 },\n"
                "  \"processes\": [ { \"pid\": 1, \"regions\": [\n"
                "    { \"start\": \"0xffffffffffffe000\", \"size\": \"8KiB\", \"state\": \"committed\", \"prot\": \"rw-\" } ] } ],\n"
                "  \"steps\": [ \"w 0xffffffffffffe000\", \"w 0xfffffffffffff000\", { \"exit\": 1 } ] }", 0);
  g_autoptr(GArray) used = NULL;

  t_run_all (t);
  g_assert_cmpuint (pw_machine_n_processes (t->m), ==, 0);
  used = pw_machine_used_frames (t->m);
  g_assert_cmpuint (used->len, ==, 0);
  t_free (t);
}

/* Base-bounds with pa_bits 64: all 2^64 bytes are memory; a segment may end
 * at 2^64, and its bytes are free again after exit. */
static void
test_base_bounds_pa_64 (void)
{
  T *t = t_new ("{ \"pagewalk\": 1, \"arch\": { \"kind\": \"base-bounds\", \"va_bits\": 16, \"pa_bits\": 64 },\n"
                "  \"processes\": [ { \"pid\": 1, \"base\": \"0xffffffffffff0000\", \"limit\": \"0x10000\" },\n"
                "                   { \"pid\": 2, \"base\": 0, \"limit\": \"0x100\" } ],\n"
                "  \"steps\": [ \"r 1 0xffff\",\n"
                "    { \"spawn\": { \"pid\": 4, \"base\": \"0xffffffffffffffff\", \"limit\": 1 } },\n"
                "    { \"exit\": 1 },\n"
                "    { \"spawn\": { \"pid\": 3, \"base\": \"0xffffffffffff0000\", \"limit\": \"0x10000\" } },\n"
                "    \"r 3 0xffff\",\n"
                "    { \"spawn\": { \"pid\": 5, \"limit\": \"0x100\" } } ] }", 0);
  const PwEvent *ev;

  ev = t_step (t);
  g_assert_true (ev->ok);
  g_assert_cmphex (ev->pa, ==, G_MAXUINT64);
  ev = t_step (t);                 /* the last byte is in use */
  g_assert_nonnull (ev);
  g_assert_cmpint (ev->fault, ==, PW_KF_OUT_OF_MEMORY);
  g_assert_null (pw_machine_lookup (t->m, 4));
  g_assert_null (t_step (t));
  g_assert_null (t_step (t));      /* the top 64 KiB are free again */
  ev = t_step (t);
  g_assert_true (ev->ok);
  g_assert_cmphex (ev->pa, ==, G_MAXUINT64);
  g_assert_null (t_step (t));      /* placed by the kernel: first fit */
  g_assert_cmphex (g_array_index (pw_machine_lookup (t->m, 5)->segments, PwSegment, 0).base, ==, 0x100);
  t_free (t);
}

/* ---- raw tables larger than a frame ----------------------------------------- */

/* A frame_image for the second (or a later) frame of a multi-frame root is
 * used exactly; the frames without an image hold invalid entries. */
static void
test_raw_root_later_frames (void)
{
  T *t = t_new ("{ \"pagewalk\": 1, \"memory\": { \"frames\": \"0x200\" },\n"
                "  \"frame_image\": [ { \"frame\": \"0x11\", \"hex\": \"07901000\" },\n"
                "                   { \"frame\": \"0x13\", \"hex\": \"07a01000\" } ],\n"
                "  \"processes\": [ { \"pid\": 1, \"root\": \"0x10\" } ] }", 0);
  PwPhysMem *mem = pw_machine_physmem (t->m);
  const PwFrameInfo *fi;
  PwWalk w;

  w = t_translate (t, 1, 0x400000, RD);
  g_assert_cmpint (w.fault, ==, PW_FAULT_NONE);
  g_assert_cmphex (w.steps[0].entry_pa, ==, 0x11000);
  g_assert_cmphex (w.steps[0].entry, ==, 0x00109007);
  g_assert_cmphex (w.pa, ==, 0x109000);
  w = t_translate (t, 1, 0xc00000, RD);
  g_assert_cmpint (w.fault, ==, PW_FAULT_NONE);
  g_assert_cmphex (w.pa, ==, 0x10a000);
  w = t_translate (t, 1, 0x800000, RD);   /* frame 0x12: no image, invalid entries */
  g_assert_cmpint (w.fault, ==, PW_FAULT_NOT_PRESENT);
  g_assert_true (frame_all_zero (t->m, 0x10));
  g_assert_true (frame_all_zero (t->m, 0x12));
  g_assert_cmphex (pw_physmem_read (mem, 0x11000, 4, NULL), ==, 0x00109007);
  g_assert_cmphex (pw_physmem_read (mem, 0x13000, 4, NULL), ==, 0x0010a007);
  for (guint64 f = 0x10; f < 0x50; f++)
    {
      fi = pw_machine_frame_info (t->m, f);
      g_assert_nonnull (fi);
      g_assert_cmpint (fi->use, ==, PW_FRAME_TABLE);
      g_assert_cmphex (fi->frame, ==, 0x10);
      g_assert_cmpuint (fi->count, ==, 64);
      g_assert_true (fi->image);
    }
  t_free (t);
}

/* The same for a raw table below the root (two frames, only the second
 * given): set-up takes the first as empty, and a fault that writes into it
 * keeps the second's bytes. */
static void
test_raw_table_later_frames (void)
{
  T *t = t_new ("{ \"pagewalk\": 1,\n"
                "  \"arch\": { \"name\": \"c\", \"va_bits\": 16, \"pa_bits\": 16, \"page_size\": 256, \"levels\": [1, 7],\n"
                "    \"pte\": { \"bytes\": 4, \"present\": 0, \"pfn_shift\": 8, \"pfn_bits\": 8, \"writable\": 1,\n"
                "             \"user\": 2, \"accessed\": 5, \"dirty\": 6, \"nx\": null, \"huge\": null } },\n"
                "  \"frame_image\": [ { \"frame\": \"0x10\", \"hex\": \"07200000\" },\n"
                "                   { \"frame\": \"0x21\", \"hex\": \"07300000\" } ],\n"
                "  \"processes\": [ { \"pid\": 1, \"root\": \"0x10\",\n"
                "    \"regions\": [ { \"start\": 0, \"size\": \"0x8000\", \"state\": \"committed\", \"prot\": \"rw-\" } ] } ],\n"
                "  \"steps\": [ \"r 0x4000\", \"w 0x0\", \"r 0x4000\" ] }", 0);
  const PwFrameInfo *fi = pw_machine_frame_info (t->m, 0x21);
  const PwEvent *ev;

  g_assert_nonnull (fi);
  g_assert_cmpint (fi->use, ==, PW_FRAME_TABLE);
  g_assert_cmphex (fi->frame, ==, 0x20);
  g_assert_cmpuint (fi->count, ==, 2);
  g_assert_cmpuint (fi->level, ==, 1);
  ev = t_step (t);
  g_assert_cmpint (ev->fault, ==, PW_KF_NONE);
  g_assert_cmphex (ev->pa, ==, 0x3000);
  ev = t_step (t);                 /* a first touch through the raw table */
  g_assert_cmpint (ev->fault, ==, PW_KF_MINOR);
  g_assert_true (ev->ok);
  g_assert_cmphex (ev->retry.steps[1].entry_pa, ==, 0x2000);
  ev = t_step (t);
  g_assert_cmpint (ev->fault, ==, PW_KF_NONE);
  g_assert_cmphex (ev->pa, ==, 0x3000);
  t_free (t);
}

/* ---- failed steps ------------------------------------------------------------ */

/* Steps that fail are not faults, except a spawn or fork refused for lack
 * of memory (an out-of-memory event). */
static void
test_failed_steps (void)
{
  T *t = t_new ("{ \"pagewalk\": 1, \"arch\": \"x86-32\", \"memory\": { \"frames\": 64 },\n"
                "  \"processes\": [ { \"pid\": 1 } ],\n"
                "  \"steps\": [ { \"spawn\": { \"pid\": 2 } }, { \"exit\": 1 }, { \"exit\": 1 }, \"switch 3\",\n"
                "    { \"commit\": { \"pid\": 3, \"start\": 0, \"size\": \"0x1000\" } },\n"
                "    { \"reserve\": { \"pid\": 2, \"start\": 0, \"size\": \"0x1000\" } },\n"
                "    { \"reserve\": { \"pid\": 2, \"start\": 0, \"size\": \"0x1000\" } },\n"
                "    { \"spawn\": { \"pid\": 2 } },\n"
                "    { \"fork\": { \"parent\": 4, \"child\": 5 } },\n"
                "    { \"spawn\": { \"pid\": 5 } },\n"
                "    { \"fork\": { \"parent\": 2, \"child\": 5 } },\n"
                "    { \"spawn\": { \"pid\": 3 } }, { \"spawn\": { \"pid\": 4 } } ] }", 0);  /* 3, 4: only later */
  static const char * const messages[] = {
    NULL, NULL, "there is no process 1", "there is no process 3", "there is no process 3",
    NULL, "0x0 is already reserved or committed", "process 2 already exists",
    "there is no process 4", NULL, "process 5 already exists" };
  T *oom = t_new ("{ \"pagewalk\": 1, \"arch\": \"x86-32\", \"memory\": { \"frames\": 2 },\n"
                  "  \"processes\": [ { \"pid\": 1 } ],\n"
                  "  \"steps\": [ { \"spawn\": { \"pid\": 2 } }, { \"spawn\": { \"pid\": 3 } },\n"
                  "    { \"fork\": { \"parent\": 1, \"child\": 4 } } ] }", 0);
  const PwEvent *ev;

  for (guint i = 0; i < G_N_ELEMENTS (messages); i++)
    {
      ev = t_step (t);
      if (messages[i] == NULL)
        {
          g_assert_null (ev);
          continue;
        }
      g_assert_nonnull (ev);
      g_assert_cmpint (ev->fault, ==, PW_KF_NONE);
      g_assert_false (ev->ok);
      g_assert_cmpstr (ev->message, ==, messages[i]);
    }
  g_assert_cmpuint (pw_machine_n_processes (t->m), ==, 2);

  g_assert_null (t_step (oom));
  ev = t_step (oom);               /* no frame for the root */
  g_assert_nonnull (ev);
  g_assert_cmpint (ev->fault, ==, PW_KF_OUT_OF_MEMORY);
  ev = t_step (oom);               /* no frame for the child's root */
  g_assert_nonnull (ev);
  g_assert_cmpint (ev->fault, ==, PW_KF_OUT_OF_MEMORY);
  g_assert_cmpuint (pw_machine_n_processes (oom->m), ==, 2);
  t_free (oom);
  t_free (t);
}

/* ---- evictions per access ---------------------------------------------------- */

/* One first touch that needs a data frame and a page table frame evicts two
 * pages: the event counts both and describes the first. */
static void
test_evictions_per_access (void)
{
  T *t = t_new ("{ \"pagewalk\": 1, \"arch\": \"x86-32\", \"memory\": { \"frames\": 4 }, \"policy\": \"fifo\",\n"
                "  \"processes\": [ { \"pid\": 1, \"regions\": [\n"
                "    { \"start\": 0, \"size\": \"0x2000\", \"state\": \"committed\", \"prot\": \"rw-\" },\n"
                "    { \"start\": \"0x400000\", \"size\": \"0x1000\", \"state\": \"committed\", \"prot\": \"rw-\" } ] } ],\n"
                "  \"steps\": [ \"r 0x0\", \"r 0x1000\", \"r 0x400000\", \"r 0x0\" ] }", 0);
  const PwEvent *ev;

  ev = t_step (t);
  g_assert_cmpuint (ev->n_evicted, ==, 0);
  ev = t_step (t);
  g_assert_cmpuint (ev->n_evicted, ==, 0);
  g_assert_false (ev->evicted.happened);
  ev = t_step (t);
  g_assert_cmpint (ev->fault, ==, PW_KF_MINOR);
  g_assert_true (ev->ok);
  g_assert_cmpuint (ev->n_evicted, ==, 2);
  g_assert_true (ev->evicted.happened);
  g_assert_cmpuint (ev->evicted.vpn, ==, 0);
  g_assert_cmpuint (pw_machine_stats (t->m)->evictions, ==, 2);
  ev = t_step (t);                 /* one page back: one eviction */
  g_assert_cmpuint (ev->n_evicted, ==, 1);
  g_assert_cmpuint (pw_machine_stats (t->m)->evictions, ==, 3);
  t_free (t);
}

/* A raw table's leaf points to frame 0x3, which has no bytes in the file:
 * the frame is in use all the same, and first touches skip it. */
static void
test_raw_leaf_frames_reserved (void)
{
  /* root 0x3f: PDE 1 -> table 0x30; table 0x30: PTE 0x10 (0x410000) -> frame 0x3 */
  T *t = t_new ("{ \"pagewalk\": 1, \"arch\": \"x86-32\", \"memory\": { \"frames\": 64 },"
                "  \"frame_image\": [ { \"frame\": \"0x3f\", \"hex\": \"0000000007000300\" },"
                "    { \"frame\": \"0x30\", \"hex\": \""
                "0000000000000000000000000000000000000000000000000000000000000000"
                "0000000000000000000000000000000000000000000000000000000000000000"
                "07300000\" } ],"
                "  \"processes\": [ { \"pid\": 1, \"root\": \"0x3f\","
                "    \"regions\": [ { \"start\": \"0x400000\", \"size\": \"16KiB\","
                "                     \"state\": \"committed\", \"prot\": \"rw-\" } ] } ],"
                "  \"steps\": [ { \"touch\": { \"pid\": 1, \"start\": \"0x400000\","
                "                 \"size\": \"16KiB\", \"access\": \"w\" } } ] }", 0);
  const PwFrameInfo *fi;

  fi = pw_machine_frame_info (t->m, 0x3);
  g_assert_nonnull (fi);
  g_assert_cmpint (fi->use, ==, PW_FRAME_DATA);
  g_assert_cmpuint (fi->pid, ==, 1);
  t_run_all (t);
  for (guint i = 0; i < t->events->len; i++)
    {
      const PwEvent *ev = &g_array_index (t->events, PwEvent, i);
      g_assert_true (ev->ok);
      g_assert_cmpuint (ev->pa >> 12, !=, 0x3);
    }
  /* the four first touches took the lowest free frames around it */
  g_assert_cmpuint (g_array_index (t->events, PwEvent, 3).pa >> 12, ==, 0x4);
  t_free (t);
}

/* ---- the TLB is a pure cache ------------------------------------------------ */

#define PURE_PAGES 24   /* data pages per process: more than the frames */

/* A seeded run of reads, writes and executes by two processes (and a forked
 * child) over more pages than the data frames, with protection changes and
 * switches: evictions, write-backs and major faults happen. */
static char *
pure_json (const char *arch,
           guint32     seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  PwArch *a = pw_arch_new_preset (arch[0] == '{' ? "aarch64-4k" : arch);
  GString *s = g_string_new (NULL);
  guint64 page = pw_arch_page_size (a);

  pw_arch_free (a);
  g_string_append_printf (s,
    "{ \"pagewalk\": 1, \"arch\": %s%s%s, \"seed\": %u, \"disk\": { \"slots\": 256 },\n"
    "  \"processes\": [\n", arch[0] == '{' ? "" : "\"", arch, arch[0] == '{' ? "" : "\"", seed);
  for (guint pid = 1; pid <= 2; pid++)
    g_string_append_printf (s,
      "    { \"pid\": %u, \"regions\": [ { \"start\": 0, \"size\": \"%#" G_GINT64_MODIFIER "x\", \"state\": \"committed\", \"prot\": \"rw-\" },\n"
      "      { \"start\": \"%#" G_GINT64_MODIFIER "x\", \"size\": \"%#" G_GINT64_MODIFIER "x\", \"state\": \"committed\", \"prot\": \"--x\" } ] }%s\n",
      pid, PURE_PAGES * page, PURE_PAGES * page, 4 * page, pid == 1 ? "," : "");
  g_string_append (s, "  ],\n  \"steps\": [");
  for (guint i = 0; i < 700; i++)
    {
      const char *sep = i ? ",\n    " : "\n    ";
      guint r = g_rand_int_range (rand, 0, 100);
      guint pid = i > 200 && i < 500 ? g_rand_int_range (rand, 1, 4) : g_rand_int_range (rand, 1, 3);
      if (i == 200)
        g_string_append_printf (s, "%s{ \"fork\": { \"parent\": 1, \"child\": 3 } }", sep);
      else if (i == 500)
        g_string_append_printf (s, "%s{ \"exit\": 3 }", sep);
      else if (i == 300 || i == 400)
        g_string_append_printf (s, "%s{ \"commit\": { \"pid\": 1, \"start\": \"%#" G_GINT64_MODIFIER "x\", "
                                "\"size\": \"%#" G_GINT64_MODIFIER "x\", \"prot\": \"%s\" } }",
                                sep, 4 * page, 6 * page, i == 300 ? "r--" : "rw-");
      else if (r < 4)
        g_string_append_printf (s, "%s\"switch %u\"", sep, pid);
      else if (r < 14)
        g_string_append_printf (s, "%s\"%c %u %#" G_GINT64_MODIFIER "x\"", sep, r < 9 ? 'x' : 'r', pid,
                                (PURE_PAGES + g_rand_int_range (rand, 0, 4)) * page);
      else
        g_string_append_printf (s, "%s\"%c %u %#" G_GINT64_MODIFIER "x\"", sep, r < 50 ? 'w' : 'r', pid,
                                g_rand_int_range (rand, 0, PURE_PAGES) * page
                                + (guint64) g_rand_int_range (rand, 0, (gint32) MIN (page, 1024)));
    }
  g_string_append (s, " ] }");
  return g_string_free (s, FALSE);
}

typedef struct
{
  PwKernelFault fault;
  gboolean      ok;
  guint64       pa;
  guint         n_evicted;
  gboolean      evicted;
  guint         evicted_pid;
  guint64       evicted_vpn;
  gboolean      written;
} PureEvent;

static void
pure_collect (const PwEvent *ev,
              gpointer       data)
{
  PureEvent p = { ev->fault, ev->ok, ev->pa, ev->n_evicted, ev->evicted.happened,
                  ev->evicted.pid, ev->evicted.vpn, ev->evicted.written };
  g_array_append_val ((GArray *) data, p);
}

/* Runs @sc with @policy and the TLB @entries x @ways (0: none); the events
 * it reported, and its statistics in @stats. */
static GArray *
pure_run (const PwScenario *sc,
          PwPolicy          policy,
          guint             entries,
          guint             ways,
          PwStats          *stats)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) next_use = NULL;
  GArray *events = g_array_new (FALSE, TRUE, sizeof (PureEvent));
  PwMachineConfig cfg;
  PwMachine *m;
  PwFuture *f = pw_future_new ();

  pw_machine_config_from_scenario (sc, &cfg);
  cfg.policy = policy;
  cfg.data_frames = 10;
  cfg.tlb = entries > 0;
  cfg.tlb_entries = entries;
  cfg.tlb_ways = ways;
  cfg.tlb_policy = ways == entries ? PW_TLB_RANDOM : PW_TLB_LRU;
  cfg.tlb_asid = ways != entries;
  m = pw_machine_new_full (sc, &cfg, &error);
  g_assert_no_error (error);
  /* every access names its process */
  for (guint i = 0; i < sc->steps->len; i++)
    {
      const PwStep *st = &g_array_index (sc->steps, PwStep, i);
      if (st->kind == PW_STEP_ACCESS)
        {
          g_assert_cmpuint (st->pid, !=, 0);
          pw_future_add (f, st->pid, st->va >> sc->arch->page_shift);
        }
    }
  next_use = pw_future_finish (f);
  pw_machine_set_future (m, (const guint64 *) next_use->data, next_use->len);
  for (guint i = 0; i < sc->steps->len; i++)
    pw_machine_step (m, &g_array_index (sc->steps, PwStep, i), pure_collect, events);
  *stats = *pw_machine_stats (m);
  pw_machine_free (m);
  return events;
}


/* Two roots the file gives share a page table: a page the kernel maps for
 * process 1 is seen by process 2 too, and its eviction must not leave
 * process 2 a stale TLB entry (raw tables: every shootdown flushes). */
static void
test_tlb_pure_shared_raw_table (void)
{
  GString *json = g_string_new (
    "{ \"pagewalk\": 1, \"arch\": \"x86-32\", \"disk\": { \"slots\": 64 },\n"
    "  \"frame_image\": [ { \"frame\": 10, \"hex\": \"07b00000\" }, { \"frame\": 12, \"hex\": \"07b00000\" },\n"
    "                   { \"frame\": 11, \"hex\": \"00000000\" } ],\n"
    "  \"processes\": [\n"
    "    { \"pid\": 1, \"root\": 10, \"regions\": [ { \"start\": 0, \"size\": \"0x10000\", \"state\": \"committed\", \"prot\": \"rw-\" } ] },\n"
    "    { \"pid\": 2, \"root\": 12, \"regions\": [ { \"start\": 0, \"size\": \"0x10000\", \"state\": \"committed\", \"prot\": \"rw-\" } ] } ],\n"
    "  \"steps\": [ \"r 1 0x0\", \"r 2 0x0\"");
  g_autoptr(PwScenario) sc = NULL;
  g_autoptr(GArray) e_off = NULL, e_on = NULL;
  PwStats off, on;

  for (guint i = 1; i < 12; i++)
    g_string_append_printf (json, ", \"w 1 0x%x\"", i * 0x1000);
  g_string_append (json, ", \"r 2 0x0\", \"r 2 0x4\" ] }");
  sc = load (json->str);
  g_string_free (json, TRUE);
  e_off = pure_run (sc, PW_POLICY_FIFO, 0, 0, &off);
  e_on = pure_run (sc, PW_POLICY_FIFO, 16, 16, &on);
  g_assert_cmpuint (off.evictions, >, 0);
  g_assert_cmpuint (e_on->len, ==, e_off->len);
  for (guint i = 0; i < e_off->len; i++)
    {
      const PureEvent *x = &g_array_index (e_off, PureEvent, i);
      const PureEvent *y = &g_array_index (e_on, PureEvent, i);
      g_assert_cmpint (y->fault, ==, x->fault);
      g_assert_cmpint (y->ok, ==, x->ok);
      g_assert_cmphex (y->pa, ==, x->pa);
    }
  g_assert_cmpuint (on.page_faults, ==, off.page_faults);
}

/* Page faults, major faults, evictions and write-backs, and every access's
 * outcome, are the same with the TLB off, set-associative or fully
 * associative: the TLB only caches what the walk would give, writes through
 * a clean entry set the dirty state in the entry as the walk does. */
static void
test_tlb_pure_cache (void)
{
  static const PwPolicy policies[] = { PW_POLICY_FIFO, PW_POLICY_LRU, PW_POLICY_OPT,
                                       PW_POLICY_CLOCK, PW_POLICY_RANDOM, PW_POLICY_MRU };
  g_autoptr(GPtrArray) archs = g_ptr_array_new ();

  for (const char * const *n = pw_arch_preset_names (); *n; n++)
    g_ptr_array_add (archs, (gpointer) *n);
  g_ptr_array_add (archs, (gpointer) "{ \"preset\": \"aarch64-4k\", \"hardware_dirty\": true }");

  for (guint k = 0; k < archs->len; k++)
    for (guint32 seed = 1; seed <= 2; seed++)
      {
        g_autofree char *json = pure_json (archs->pdata[k], seed);
        g_autoptr(PwScenario) sc = load (json);
        if (sc->arch->kind != PW_ARCH_PAGED)
          continue;
        for (guint pi = 0; pi < G_N_ELEMENTS (policies); pi++)
          {
            PwStats off, sa, fa;
            g_autoptr(GArray) e_off = pure_run (sc, policies[pi], 0, 0, &off);
            g_autoptr(GArray) e_sa = pure_run (sc, policies[pi], 8, 2, &sa);
            g_autoptr(GArray) e_fa = pure_run (sc, policies[pi], 16, 16, &fa);
            const PwStats *with[2] = { &sa, &fa };
            GArray *ev[2] = { e_sa, e_fa };

            g_test_message ("%s, seed %u, policy %u: %" G_GUINT64_FORMAT " faults, %"
                            G_GUINT64_FORMAT " major, %" G_GUINT64_FORMAT " evictions, %"
                            G_GUINT64_FORMAT " write-backs", (const char *) archs->pdata[k], seed,
                            policies[pi], off.page_faults, off.major_faults, off.evictions,
                            off.writebacks);
            g_assert_cmpuint (off.evictions, >, 0);
            g_assert_cmpuint (off.writebacks, >, 0);
            g_assert_cmpuint (off.major_faults, >, 0);
            g_assert_cmpuint (sa.tlb_hits, >, 0);
            for (guint j = 0; j < 2; j++)
              {
                g_assert_cmpuint (with[j]->page_faults, ==, off.page_faults);
                g_assert_cmpuint (with[j]->major_faults, ==, off.major_faults);
                g_assert_cmpuint (with[j]->evictions, ==, off.evictions);
                g_assert_cmpuint (with[j]->writebacks, ==, off.writebacks);
                g_assert_cmpuint (ev[j]->len, ==, e_off->len);
                for (guint i = 0; i < e_off->len; i++)
                  {
                    const PureEvent *x = &g_array_index (e_off, PureEvent, i);
                    const PureEvent *y = &g_array_index (ev[j], PureEvent, i);
                    g_assert_cmpint (y->fault, ==, x->fault);
                    g_assert_cmpint (y->ok, ==, x->ok);
                    g_assert_cmphex (y->pa, ==, x->pa);
                    g_assert_cmpuint (y->n_evicted, ==, x->n_evicted);
                    g_assert_cmpint (y->evicted, ==, x->evicted);
                    g_assert_cmpuint (y->evicted_pid, ==, x->evicted_pid);
                    g_assert_cmpuint (y->evicted_vpn, ==, x->evicted_vpn);
                    g_assert_cmpint (y->written, ==, x->written);
                  }
              }
          }
      }
}

/* ---- hostile input: limits the kernel keeps ---------------------------------- */

#define HUGE_ARCH \
  "{ \"name\": \"huge-root\", \"va_bits\": 64, \"pa_bits\": 64, \"page_size\": 4, \"levels\": [31, 31],\n" \
  "  \"pte\": { \"bytes\": 8, \"present\": 62, \"pfn_shift\": 0, \"pfn_bits\": 62, \"writable\": 63 } }"

/* A root table of 16 GiB (2^32 frames of 4 bytes), and tables below it as
 * large: set-up, faults, a raw root given with a frame image, and exit work
 * by ranges (one record per table, no frame-by-frame loop). */
static void
test_huge_tables (void)
{
  gint64 t0 = g_get_monotonic_time ();
  T *t = t_new ("{ \"pagewalk\": 1, \"arch\": " HUGE_ARCH ", \"disk\": { \"slots\": 16 },\n"
                "  \"frame_image\": [ { \"frame\": \"0x100000000\", \"hex\": \"00000000\" } ],\n"
                "  \"processes\": [\n"
                "    { \"pid\": 1, \"regions\": [ { \"start\": 0, \"size\": 64, \"state\": \"committed\", \"prot\": \"rw-\" } ] },\n"
                "    { \"pid\": 2, \"root\": \"0x100000000\",\n"
                "      \"regions\": [ { \"start\": \"0x40000000000\", \"size\": 64, \"state\": \"committed\", \"prot\": \"rw-\" } ] } ],\n"
                "  \"steps\": [ \"w 1 0x0\", \"r 1 0x4\", \"w 2 0x40000000000\", { \"exit\": 1 }, { \"exit\": 2 } ] }", 0);
  g_autoptr(GArray) used = pw_machine_used_frames (t->m);
  const PwFrameInfo *root;

  /* two roots, each one record of 2^32 frames */
  g_assert_cmpuint (used->len, ==, 2);
  for (guint i = 0; i < used->len; i++)
    {
      const PwFrameInfo *fi = &g_array_index (used, PwFrameInfo, i);
      g_assert_cmpint (fi->use, ==, PW_FRAME_TABLE);
      g_assert_cmpuint (fi->count, ==, G_GUINT64_CONSTANT (1) << 32);
    }
  /* a frame inside a table is that table's */
  root = pw_machine_frame_info (t->m, G_GUINT64_CONSTANT (0x100000000) + 12345);
  g_assert_nonnull (root);
  g_assert_cmpuint (root->frame, ==, G_GUINT64_CONSTANT (0x100000000));
  g_assert_cmpuint (root->pid, ==, 2);
  for (guint i = 0; i < 3; i++)
    {
      const PwEvent *ev = t_step (t);
      g_assert_true (ev->ok);
    }
  g_assert_cmpint (t_ev (t, 0)->fault, ==, PW_KF_MINOR);
  g_assert_cmpint (t_ev (t, 2)->fault, ==, PW_KF_MINOR);
  t_step (t);
  t_step (t);
  g_assert_cmpuint (pw_machine_n_processes (t->m), ==, 0);
  {
    g_autoptr(GArray) left = pw_machine_used_frames (t->m);
    /* the raw root's frame image stays (other roots may share it) */
    for (guint i = 0; i < left->len; i++)
      g_assert_true (g_array_index (left, PwFrameInfo, i).image);
  }
  t_free (t);
  /* a guard against a walk frame by frame of 2^32 frames (days), not a
   * speed target */
  g_assert_cmpint (g_get_monotonic_time () - t0, <, 60 * G_USEC_PER_SEC);
}

/* A touch above PW_MACHINE_MAX_TOUCH_PAGES is a failed step, refused at
 * once (2^35 pages would take hours and the memory of every page record). */
static void
test_touch_limit (void)
{
  /* the loader refuses such a touch (test-loader); the kernel refuses it
   * too, for steps made by other means: the step is enlarged after loading */
  T *t = t_new ("{ \"pagewalk\": 1, \"arch\": \"x86-64\", \"disk\": { \"slots\": 4 },\n"
                "  \"processes\": [ { \"pid\": 1, \"regions\": [ { \"start\": 0, \"size\": \"0x800000000000\", \"state\": \"committed\", \"prot\": \"rw-\" } ] } ],\n"
                "  \"steps\": [ { \"touch\": { \"pid\": 1, \"start\": 0, \"size\": \"0x1000\" } },\n"
                "               { \"touch\": { \"pid\": 1, \"start\": \"0x1000\", \"size\": \"0x3000\" } } ] }", 4);
  const PwEvent *ev;

  g_array_index (t->sc->steps, PwStep, 0).size = G_GUINT64_CONSTANT (0x800000000000);
  ev = t_step (t);

  g_assert_nonnull (ev);
  g_assert_cmpuint (t->events->len, ==, 1);
  g_assert_false (ev->ok);
  g_assert_cmpint (ev->kind, ==, PW_STEP_TOUCH);
  g_assert_nonnull (ev->message);
  g_assert_nonnull (strstr (ev->message, "34359738368"));
  g_assert_nonnull (strstr (ev->message, "16777216"));
  g_assert_cmpuint (pw_machine_n_accesses (t->m), ==, 0);
  /* a small touch still works */
  t_step (t);
  g_assert_cmpuint (t->events->len, ==, 4);
  g_assert_cmpuint (pw_machine_n_accesses (t->m), ==, 3);
  t_free (t);
}

static gpointer
cancel_later (gpointer data)
{
  g_usleep (20000);
  g_cancellable_cancel (data);
  return NULL;
}

/* Long steps stop when the machine's cancellable is cancelled, beforehand or
 * from another thread while the step runs, and fail with a message. */
static void
test_cancel (void)
{
  T *t = t_new ("{ \"pagewalk\": 1, \"arch\": \"x86-64\", \"disk\": { \"slots\": 64 },\n"
                "  \"processes\": [ { \"pid\": 1, \"regions\": [ { \"start\": 0, \"size\": \"0x10000000000\", \"state\": \"committed\", \"prot\": \"rw-\" } ] } ],\n"
                "  \"steps\": [ \"w 1 0x0\", \"w 1 0x1000\",\n"
                "               { \"touch\": { \"pid\": 1, \"start\": 0, \"size\": \"0x100000\" } },\n"
                "               { \"fork\": { \"parent\": 1, \"child\": 2 } },\n"
                "               { \"exit\": 1 },\n"
                "               { \"touch\": { \"pid\": 1, \"start\": 0, \"size\": \"0x1000000000\" } },\n"
                "               { \"exit\": 1 } ] }", 8);
  g_autoptr(GCancellable) c = g_cancellable_new ();
  const PwEvent *ev;
  GThread *thread;
  guint64 n;

  t_step (t);
  t_step (t);
  pw_machine_set_cancellable (t->m, c);
  g_cancellable_cancel (c);
  /* cancelled beforehand: no access, no child, no exit */
  ev = t_step (t);
  g_assert_cmpuint (t->events->len, ==, 3);
  g_assert_cmpstr (ev->message, ==, "the step was cancelled");
  g_assert_cmpuint (pw_machine_n_accesses (t->m), ==, 2);
  ev = t_step (t);
  g_assert_cmpstr (ev->message, ==, "the step was cancelled");
  g_assert_cmpint (ev->fault, ==, PW_KF_NONE);
  g_assert_null (pw_machine_lookup (t->m, 2));
  ev = t_step (t);
  g_assert_cmpstr (ev->message, ==, "the step was cancelled");
  g_assert_nonnull (pw_machine_lookup (t->m, 1));
  check_consistent (t->m);

  /* cancelled from another thread during a touch of 2^24 pages */
  g_cancellable_reset (c);
  thread = g_thread_new ("cancel", cancel_later, c);
  ev = t_step (t);
  g_thread_join (thread);
  g_assert_cmpstr (ev->message, ==, "the step was cancelled");
  n = pw_machine_n_accesses (t->m);
  g_assert_cmpuint (n, >, 2);
  g_assert_cmpuint (n, <, G_GUINT64_CONSTANT (1) << 24);
  check_consistent (t->m);

  /* without the cancellable the exit runs to the end */
  pw_machine_set_cancellable (t->m, NULL);
  g_assert_null (t_step (t));
  g_assert_null (pw_machine_lookup (t->m, 1));
  t_free (t);
}

/* Pins in a shared region: the first decides the region's frame at that
 * page, which a process touching it later shares; a pin of another frame at
 * the same page is a set-up error naming the second pin. */
static void
test_shared_pins (void)
{
#define SHARED_PINS \
    "{ \"pagewalk\": 1, \"arch\": \"x86-32\", \"disk\": { \"slots\": 4 },\n" \
    "  \"processes\": [\n" \
    "    { \"pid\": 1, \"regions\": [ { \"start\": \"0x400000\", \"size\": \"0x4000\", \"state\": \"committed\", \"prot\": \"r-x\", \"share\": \"lib\" } ],\n" \
    "      \"map\": [ { \"va\": \"0x401000\", \"frame\": 5, \"prot\": \"r-x\" } ] },\n" \
    "    { \"pid\": 2, \"regions\": [ { \"start\": \"0x800000\", \"size\": \"0x4000\", \"state\": \"committed\", \"prot\": \"r-x\", \"share\": \"lib\" } ],\n" \
    "      \"map\": [ { \"va\": \"0x802000\", \"frame\": 9, \"prot\": \"r-x\" }, { \"va\": \"0x801000\", \"frame\": %u, \"prot\": \"r-x\" } ] },\n" \
    "    { \"pid\": 3, \"regions\": [ { \"start\": 0, \"size\": \"0x4000\", \"state\": \"committed\", \"prot\": \"r-x\", \"share\": \"lib\" } ] } ],\n" \
    "  \"steps\": [ \"r 3 0x1000\", \"r 3 0x2000\", \"r 1 0x402000\" ] }"
  g_autofree char *bad = g_strdup_printf (SHARED_PINS, 6);
  g_autofree char *good = g_strdup_printf (SHARED_PINS, 5);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwScenario) sc = pw_scenario_load_data (bad, strlen (bad), "test.pagewalk", &error);
  T *t;

  g_assert_null (sc);
  g_assert_error (error, PW_ERROR, PW_ERROR_VALUE);
  g_assert_true (g_str_has_prefix (error->message, "test.pagewalk: processes[1].map[1]: "));
  g_assert_nonnull (strstr (error->message, "\u201clib\u201d"));

  t = t_new (good, 0);
  t_run_all (t);
  /* process 3 finds the pinned frames; process 1 finds process 2's */
  g_assert_cmphex (t_ev (t, 0)->pa, ==, 0x5000);
  g_assert_cmphex (t_ev (t, 1)->pa, ==, 0x9000);
  g_assert_cmphex (t_ev (t, 2)->pa, ==, 0x9000);
  g_assert_cmpuint (pw_machine_frame_info (t->m, 5)->sharers, ==, 3);
  g_assert_cmpuint (pw_machine_frame_info (t->m, 9)->sharers, ==, 3);
  check_consistent (t->m);
  t_free (t);
}

/* ---- replacement policies: describe and opt's future ----------------------- */

/* The future of @sc's access steps (all by pid 1, or the pid they name). */
static GArray *
steps_future (const PwScenario *sc,
              PwFirstUse      **first_use)
{
  PwFuture *f = pw_future_new ();

  for (guint i = 0; i < sc->steps->len; i++)
    {
      const PwStep *s = &g_array_index (sc->steps, PwStep, i);
      if (s->kind == PW_STEP_ACCESS)
        pw_future_add (f, s->pid ? s->pid : 1, s->va >> sc->arch->page_shift);
    }
  return pw_future_finish_full (f, first_use);
}

static const PwPolicyEntry *
entry (const PwPolicyState *st,
       guint                i)
{
  g_assert_cmpuint (i, <, st->entries->len);
  return &g_array_index (st->entries, PwPolicyEntry, i);
}

/* The vpns of @m's policy state in its order, as "1 2 3", with the next
 * victim's marked "*" and the hand's "^". */
static char *
describe_text (PwMachine *m)
{
  PwPolicyState st;
  GString *s = g_string_new (NULL);

  pw_machine_describe_policy (m, &st);
  g_assert_cmpint (st.policy, ==, pw_machine_config (m)->policy);
  for (guint i = 0; i < st.entries->len; i++)
    g_string_append_printf (s, "%s%s%s%" G_GINT64_MODIFIER "x", i ? " " : "",
                            st.hand == (gint) i ? "^" : "",
                            st.next_victim == (gint) i ? "*" : "", entry (&st, i)->vpn);
  if (st.entries->len == 0)
    g_assert_cmpint (st.next_victim, ==, -1);
  pw_policy_state_clear (&st);
  return g_string_free (s, FALSE);
}

#define OPT_PINS \
  "{ \"pagewalk\": 1, \"arch\": \"x86-32\", \"memory\": { \"frames\": 5 }, \"policy\": \"opt\",\n" \
  "  \"disk\": { \"slots\": 4 },\n" \
  "  \"processes\": [ { \"pid\": 1, \"regions\": [ { \"start\": \"0x1000\", \"size\": \"20KiB\", \"prot\": \"rw-\" } ],\n" \
  "    \"map\": [ { \"page\": 1, \"frame\": 0 }, { \"page\": 2, \"frame\": 1 }, { \"page\": 3, \"frame\": 2 },\n" \
  "             { \"page\": 4, \"disk\": 1 } ] } ],\n" \
  "  \"steps\": [ \"r 0x4000\", \"r 0x1000\", \"r 0x2000\", \"r 0x4000\", \"r 0x3000\" ] }"

/* Pages pinned at set-up get their first use as next use when the future is
 * given: opt evicts page 3 (used last), not page 1 (used next), and takes 2
 * faults, not 3.  A copy keeps the future after the original is gone. */
static void
test_opt_pins (void)
{
  g_autoptr(PwFirstUse) first_use = NULL;
  T *t = t_new (OPT_PINS, 0);
  g_autoptr(GArray) next = steps_future (t->sc, &first_use);
  g_autofree char *before = NULL;
  PwPolicyState st;
  PwMachine *copy;
  PwEvent ev;

  pw_machine_set_future_full (t->m, (const guint64 *) next->data, next->len, first_use);
  /* the order of eviction: page 3 (next used at access 4), 2 (2), 1 (1) */
  pw_machine_describe_policy (t->m, &st);
  g_assert_cmpint (st.policy, ==, PW_POLICY_OPT);
  g_assert_cmpuint (st.entries->len, ==, 3);
  g_assert_cmpint (st.next_victim, ==, 0);
  g_assert_cmpint (st.hand, ==, -1);
  g_assert_cmpuint (entry (&st, 0)->vpn, ==, 3);
  g_assert_cmpuint (entry (&st, 0)->next_use, ==, 4);
  g_assert_cmpuint (entry (&st, 0)->frame, ==, 2);
  g_assert_cmpuint (entry (&st, 1)->vpn, ==, 2);
  g_assert_cmpuint (entry (&st, 1)->next_use, ==, 2);
  g_assert_cmpuint (entry (&st, 2)->vpn, ==, 1);
  g_assert_cmpuint (entry (&st, 2)->next_use, ==, 1);
  pw_policy_state_clear (&st);
  g_assert_null (st.entries);

  copy = pw_machine_copy (t->m);
  t_run_all (t);
  g_assert_true (t_ev (t, 0)->evicted.happened);
  g_assert_cmpuint (t_ev (t, 0)->evicted.vpn, ==, 3);
  g_assert_cmpuint (pw_machine_stats (t->m)->page_faults, ==, 2);
  g_assert_cmpint (t_ev (t, 4)->fault, ==, PW_KF_MAJOR);
  before = describe_text (t->m);
  /* after the run nothing is used again: ties go to the latest loaded */
  g_assert_true (g_str_has_prefix (before, "*3 "));
  g_assert_cmpuint (strlen (before), ==, strlen ("*3 1 2"));

  /* the copy holds its own reference to the first uses */
  g_clear_pointer (&t->m, pw_machine_free);
  g_clear_pointer (&first_use, pw_first_use_unref);
  pw_machine_access (copy, 1, RD, 0x4000, &ev);
  g_assert_true (ev.evicted.happened);
  g_assert_cmpuint (ev.evicted.vpn, ==, 3);
  pw_event_clear (&ev);
  pw_machine_free (copy);
  t_free (t);
}

/* Belady's OPT by brute force: the faults of @refs (pages) with @capacity
 * frames, @resident at the start. */
static guint
belady_faults (const guint *refs,
               guint        n,
               GArray      *resident,
               guint        capacity)
{
  g_autoptr(GArray) in = g_array_copy (resident);
  guint faults = 0;

  for (guint t = 0; t < n; t++)
    {
      guint i, worst = 0;
      guint64 worst_next = 0;

      for (i = 0; i < in->len; i++)
        if (g_array_index (in, guint, i) == refs[t])
          break;
      if (i < in->len)
        continue;
      faults++;
      if (in->len >= capacity)
        {
          for (i = 0; i < in->len; i++)
            {
              guint64 u = G_MAXUINT64;
              for (guint k = t + 1; k < n; k++)
                if (refs[k] == g_array_index (in, guint, i))
                  {
                    u = k;
                    break;
                  }
              if (i == 0 || u > worst_next)
                worst = i, worst_next = u;
            }
          g_array_remove_index_fast (in, worst);
        }
      g_array_append_val (in, refs[t]);
    }
  return faults;
}

/* opt's faults equal Belady's on random strings with pinned pages, with the
 * future given at set-up or after a part of the run (the pages resident then
 * have their next use from the rest). */
static void
test_opt_belady (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (2024);

  for (guint round = 0; round < 150; round++)
    {
      guint n_pages = g_rand_int_range (rand, 3, 10);
      guint capacity = g_rand_int_range (rand, 1, 6);
      guint n = g_rand_int_range (rand, 1, 40);
      guint split = round % 2 ? g_rand_int_range (rand, 0, n + 1) : 0;
      guint n_pins = g_rand_int_range (rand, 0, MIN (capacity, n_pages) + 1);
      g_autoptr(GString) json = g_string_new (NULL);
      g_autoptr(GArray) resident = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autoptr(GArray) pins = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autoptr(GArray) next = NULL;
      g_autoptr(PwFirstUse) first_use = NULL;
      g_autofree guint *refs = g_new (guint, n);
      PwPolicyState st;
      guint64 faults_before;
      T *t;

      g_string_append_printf (json,
        "{ \"pagewalk\": 1, \"arch\": \"x86-32\", \"memory\": { \"frames\": 64 }, \"policy\": \"opt\",\n"
        "  \"disk\": { \"slots\": 16 },\n"
        "  \"processes\": [ { \"pid\": 1, \"regions\": [ { \"start\": \"0x10000\", \"size\": \"%u\", \"prot\": \"rw-\" } ],\n"
        "    \"map\": [", n_pages * 4096);
      for (guint i = 0; i < n_pins; i++)
        {
          /* distinct pages, in a random order */
          guint page;
          gboolean taken;
          do
            {
              page = 0x10 + g_rand_int_range (rand, 0, n_pages);
              taken = FALSE;
              for (guint j = 0; j < pins->len; j++)
                taken |= g_array_index (pins, guint, j) == page;
            }
          while (taken);
          g_array_append_val (pins, page);
          g_string_append_printf (json, "%s { \"page\": %u, \"frame\": %u }", i ? "," : "",
                                  page, 40 + i);
        }
      g_string_append (json, " ] } ],\n  \"steps\": [");
      for (guint i = 0; i < n; i++)
        {
          refs[i] = 0x10 + g_rand_int_range (rand, 0, n_pages);
          g_string_append_printf (json, "%s \"%c 0x%x\"", i ? "," : "",
                                  g_rand_boolean (rand) ? 'r' : 'w', refs[i] << 12);
        }
      g_string_append (json, " ] }");

      t = t_new (json->str, capacity);
      while (t->next < split)
        t_step (t);
      next = steps_future (t->sc, &first_use);
      pw_machine_set_future_full (t->m, (const guint64 *) next->data, next->len, first_use);
      pw_machine_describe_policy (t->m, &st);
      for (guint i = 0; i < st.entries->len; i++)
        {
          guint vpn = (guint) entry (&st, i)->vpn;
          g_array_append_val (resident, vpn);
        }
      pw_policy_state_clear (&st);
      faults_before = pw_machine_stats (t->m)->page_faults;
      t_run_all (t);
      g_assert_cmpuint (pw_machine_stats (t->m)->page_faults - faults_before, ==,
                        belady_faults (refs + split, n - split, resident, capacity));
      t_free (t);
    }
}

#define DESCRIBE_JSON \
  "{ \"pagewalk\": 1, \"arch\": \"x86-32\", \"memory\": { \"frames\": 64 }, \"policy\": \"%s\",\n" \
  "  \"disk\": { \"slots\": 16 }, \"tlb\": { \"entries\": 8, \"ways\": 8 },\n" \
  "  \"processes\": [ { \"pid\": 1, \"regions\": [ { \"start\": \"0x1000\", \"size\": \"0x10000\", \"prot\": \"rw-\" } ] } ],\n" \
  "  \"steps\": [ \"r 0x1000\", \"r 0x2000\", \"r 0x3000\", \"r 0x1000\", \"r 0x4000\", \"r 0x2000\" ] }"

/* fifo keeps load order, lru and mru recency order (a hit moves the page
 * last); the announced victim is the one evicted. */
static void
test_describe_lists (void)
{
  static const struct { const char *policy, *after_hit, *after_fault, *end; } cases[] = {
    { "fifo", "*1 2 3", "*2 3 4", "*2 3 4" },
    { "lru", "*2 3 1", "*3 1 4", "*1 4 2" },
    { "mru", "2 3 *1", "2 3 *4", "3 4 *2" },
  };

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autofree char *json = g_strdup_printf (DESCRIBE_JSON, cases[k].policy);
      g_autofree char *empty = NULL, *a = NULL, *b = NULL, *c = NULL;
      T *t = t_new (json, 3);

      empty = describe_text (t->m);
      g_assert_cmpstr (empty, ==, "");
      t_step (t), t_step (t), t_step (t), t_step (t);
      a = describe_text (t->m);
      g_assert_cmpstr (a, ==, cases[k].after_hit);
      t_step (t);
      g_assert_cmpuint (t_ev (t, 4)->evicted.vpn, ==, k == 0 ? 1 : k == 1 ? 2 : 1);
      b = describe_text (t->m);
      g_assert_cmpstr (b, ==, cases[k].after_fault);
      t_step (t);
      c = describe_text (t->m);
      g_assert_cmpstr (c, ==, cases[k].end);
      t_free (t);
    }
}

/* clock: frame order, the hand, the use bits; a hit after the hand cleared
 * a page's bit sets it again, and the hand moves past cleared pages. */
static void
test_describe_clock (void)
{
  static const char json[] =
    "{ \"pagewalk\": 1, \"arch\": \"seed\", \"memory\": { \"frames\": \"0x10000\" }, \"policy\": \"clock\",\n"
    "  \"disk\": { \"slots\": 8 }, \"tlb\": { \"entries\": 8, \"ways\": 8 },\n"
    "  \"processes\": [ { \"pid\": 1, \"regions\": [ { \"start\": 0, \"size\": \"0x8000\", \"state\": \"committed\", \"prot\": \"rw-\" } ] } ],\n"
    "  \"steps\": [ \"r 0x0\", \"r 0x1000\", \"r 0x2000\", \"r 0x3000\", \"r 0x1000\", \"r 0x4000\" ] }";
  T *t = t_new (json, 3);
  PwPolicyState st;
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL;

  t_step (t), t_step (t), t_step (t);
  pw_machine_describe_policy (t->m, &st);
  g_assert_cmpuint (st.entries->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_true (entry (&st, i)->use_bit);
      if (i > 0)
        g_assert_cmpuint (entry (&st, i - 1)->frame, <, entry (&st, i)->frame);
    }
  pw_policy_state_clear (&st);
  /* every bit set: the hand clears them all and comes back to page 0 */
  a = describe_text (t->m);
  g_assert_cmpstr (a, ==, "^*0 1 2");
  /* describing twice changes nothing */
  g_free (a);
  a = describe_text (t->m);
  g_assert_cmpstr (a, ==, "^*0 1 2");

  t_step (t);
  g_assert_cmpuint (t_ev (t, 3)->evicted.vpn, ==, 0);
  pw_machine_describe_policy (t->m, &st);
  /* page 3 took page 0's frame: first in frame order; the hand is past it */
  g_assert_cmpuint (entry (&st, 0)->vpn, ==, 3);
  g_assert_true (entry (&st, 0)->use_bit);
  g_assert_false (entry (&st, 1)->use_bit);
  g_assert_false (entry (&st, 2)->use_bit);
  pw_policy_state_clear (&st);
  b = describe_text (t->m);
  g_assert_cmpstr (b, ==, "3 ^*1 2");

  t_step (t);   /* a hit on page 1 (a TLB miss: its entry was shot down) */
  pw_machine_describe_policy (t->m, &st);
  g_assert_true (entry (&st, 1)->use_bit);
  pw_policy_state_clear (&st);
  c = describe_text (t->m);
  g_assert_cmpstr (c, ==, "3 ^1 *2");

  t_step (t);
  g_assert_cmpuint (t_ev (t, 5)->evicted.vpn, ==, 2);
  /* the hand cleared page 1's bit and took page 2; page 4 has page 2's
   * frame, so the hand wraps to page 3, whose bit is still set */
  d = describe_text (t->m);
  g_assert_cmpstr (d, ==, "^3 *1 4");
  t_free (t);
}

/* For every policy, on random strings of two processes: the victim describe
 * announces is the page the next fault evicts, describing changes nothing,
 * and a copy describes the same. */
static void
test_describe_next_victim (void)
{
  static const char * const policies[] = { "fifo", "lru", "mru", "opt", "clock", "random" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (99);

  for (guint k = 0; k < G_N_ELEMENTS (policies); k++)
    for (guint round = 0; round < 6; round++)
      {
        g_autofree char *json = g_strdup_printf (
          "{ \"pagewalk\": 1, \"arch\": \"x86-32\", \"memory\": { \"frames\": 64 }, \"policy\": \"%s\",\n"
          "  \"seed\": %u, \"disk\": { \"slots\": 64 }, \"tlb\": %s,\n"
          "  \"processes\": [ { \"pid\": 1, \"regions\": [ { \"start\": \"0x1000\", \"size\": \"0x10000\", \"prot\": \"rw-\" } ],\n"
          "                   \"map\": [ { \"page\": 2, \"frame\": 30 } ] },\n"
          "                 { \"pid\": 2, \"regions\": [ { \"start\": \"0x1000\", \"size\": \"0x10000\", \"prot\": \"rw-\" } ] } ],\n"
          "  \"steps\": [] }",
          policies[k], round, round % 2 ? "{ \"entries\": 4, \"ways\": 2 }" : "false");
        T *t = t_new (json, 2 + round % 4);
        guint n = 300, checked = 0;
        g_autofree guint *pids = g_new (guint, n);
        g_autofree guint64 *vas = g_new (guint64, n);
        g_autoptr(GArray) next = NULL;
        g_autoptr(PwFirstUse) first_use = NULL;
        PwFuture *f = pw_future_new ();

        for (guint i = 0; i < n; i++)
          {
            pids[i] = 1 + g_rand_int_range (rand, 0, 2);
            vas[i] = (guint64) (1 + g_rand_int_range (rand, 0, 9)) << 12;
            pw_future_add (f, pids[i], vas[i] >> 12);
          }
        next = pw_future_finish_full (f, &first_use);
        pw_machine_set_future_full (t->m, (const guint64 *) next->data, next->len, first_use);

        for (guint i = 0; i < n; i++)
          {
            PwPolicyState st, again, copied;
            PwMachine *copy = pw_machine_copy (t->m);
            PwEvent ev;

            pw_machine_describe_policy (t->m, &st);
            pw_machine_describe_policy (t->m, &again);
            pw_machine_describe_policy (copy, &copied);
            g_assert_cmpuint (st.entries->len, ==, again.entries->len);
            g_assert_cmpuint (st.entries->len, ==, copied.entries->len);
            g_assert_cmpmem (st.entries->data, st.entries->len * sizeof (PwPolicyEntry),
                             copied.entries->data, copied.entries->len * sizeof (PwPolicyEntry));
            g_assert_cmpint (st.next_victim, ==, again.next_victim);
            g_assert_cmpint (st.next_victim, ==, copied.next_victim);
            g_assert_cmpint (st.hand, ==, copied.hand);
            if (st.entries->len == 0)
              g_assert_cmpint (st.next_victim, ==, -1);
            else
              g_assert_cmpint (st.next_victim, >=, 0);
            g_assert_cmpint (st.next_victim, <, (gint) st.entries->len);

            pw_machine_access (t->m, pids[i], g_rand_boolean (rand) ? RD : WR, vas[i], &ev);
            g_assert_true (ev.ok);
            if (ev.evicted.happened)
              {
                const PwPolicyEntry *e;
                g_assert_cmpint (st.next_victim, >=, 0);
                e = entry (&st, (guint) st.next_victim);
                g_assert_cmpuint (ev.evicted.pid, ==, e->pid);
                g_assert_cmpuint (ev.evicted.vpn, ==, e->vpn);
                g_assert_cmpuint (ev.evicted.frame, ==, e->frame);
                checked++;
              }
            pw_event_clear (&ev);
            pw_policy_state_clear (&st);
            pw_policy_state_clear (&again);
            pw_policy_state_clear (&copied);
            pw_machine_free (copy);
          }
        g_assert_cmpuint (checked, >, 10);
        check_consistent (t->m);
        t_free (t);
      }
}

/* The registry has one class per policy, under the scenario's name. */
static void
test_policy_registry (void)
{
  guint n = 0;

  for (PwPolicy p = 0; !g_str_equal (pw_policy_name (p), "unknown"); p++, n++)
    {
      const PwPolicyClass *c = pw_policy_class (p);
      PwPolicy back;
      g_assert_nonnull (c);
      g_assert_cmpint (c->policy, ==, p);
      g_assert_cmpstr (c->name, ==, pw_policy_name (p));
      g_assert_true (pw_policy_class_by_name (c->name) == c);
      g_assert_true (pw_policy_from_string (c->name, &back));
      g_assert_cmpint (back, ==, p);
      g_assert_true (c->track_use == (c->touch != NULL));
    }
  g_assert_cmpuint (n, ==, 6);
  g_assert_null (pw_policy_class (n));
  g_assert_null (pw_policy_class_by_name ("lfu"));
}

/* opt knows every evictable page's true next use at every point: pinned
 * pages, pages loaded by a fault, and pages left with one mapping when a
 * copy-on-write frame is copied for the other process after a fork (made
 * evictable during an access to another page). */
static void
test_opt_next_use_exact (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (77);
  guint total = 0;

  for (guint round = 0; round < 40; round++)
    {
      g_autoptr(GString) json = g_string_new (NULL);
      g_autoptr(GArray) next = NULL;
      g_autoptr(PwFirstUse) first_use = NULL;
      g_autoptr(GArray) acc = g_array_new (FALSE, FALSE, sizeof (guint64) * 2);
      guint n_before = g_rand_int_range (rand, 0, 12), n_after = 60, checked = 0;
      T *t;

      g_string_append (json,
        "{ \"pagewalk\": 1, \"arch\": \"x86-32\", \"memory\": { \"frames\": 64 }, \"policy\": \"opt\",\n"
        "  \"disk\": { \"slots\": 64 },\n"
        "  \"processes\": [ { \"pid\": 1, \"regions\": [ { \"start\": \"0x1000\", \"size\": \"0x8000\", \"prot\": \"rw-\" } ],\n"
        "    \"map\": [ { \"page\": 3, \"frame\": 40 }, { \"page\": 6, \"frame\": 41 } ] } ],\n"
        "  \"steps\": [");
      for (guint i = 0; i < n_before + n_after; i++)
        {
          guint64 pair[2];
          pair[0] = i < n_before ? 1 : 1 + g_rand_int_range (rand, 0, 2);
          pair[1] = 1 + g_rand_int_range (rand, 0, 8);
          if (i == n_before)
            g_string_append_printf (json, "%s { \"fork\": { \"parent\": 1, \"child\": 2 } }",
                                    i ? "," : "");
          g_string_append_printf (json, "%s \"%c %u 0x%x\"", i || n_before == 0 ? "," : "",
                                  g_rand_int_range (rand, 0, 3) ? 'r' : 'w',
                                  (guint) pair[0], (guint) pair[1] << 12);
          g_array_append_val (acc, pair);
        }
      g_string_append (json, " ] }");

      t = t_new (json->str, 2 + round % 5);
      next = steps_future (t->sc, &first_use);
      pw_machine_set_future_full (t->m, (const guint64 *) next->data, next->len, first_use);
      for (;;)
        {
          PwPolicyState st;
          guint64 now = pw_machine_n_accesses (t->m);

          pw_machine_describe_policy (t->m, &st);
          for (guint i = 0; i < st.entries->len; i++)
            {
              const PwPolicyEntry *e = entry (&st, i);
              guint64 want = G_MAXUINT64;
              for (guint64 k = now; k < acc->len; k++)
                {
                  const guint64 *pair = &g_array_index (acc, guint64, 2 * k);
                  if (pair[0] == e->pid && pair[1] == e->vpn)
                    {
                      want = k;
                      break;
                    }
                }
              g_assert_cmpuint (e->next_use, ==, want);
              if (i > 0)
                g_assert_cmpuint (entry (&st, i - 1)->next_use, >=, e->next_use);
              checked++;
            }
          pw_policy_state_clear (&st);
          if (t->next == t->sc->steps->len)
            break;
          t_step (t);
        }
      g_assert_cmpuint (checked, >, 0);
      total += checked;
      t_free (t);
    }
  g_assert_cmpuint (total, >, 2000);
}

/* Clock's frames are kept in frame order whatever the order of the pins:
 * the hand, from frame 0, meets frame 3 first. */
static void
test_clock_pins_order (void)
{
  T *t = t_new ("{ \"pagewalk\": 1, \"arch\": \"x86-32\", \"policy\": \"clock\", \"disk\": { \"slots\": 8 },\n"
                "  \"processes\": [ { \"pid\": 1, \"regions\": [ { \"start\": 0, \"size\": \"0x10000\", \"state\": \"committed\", \"prot\": \"rw-\" } ],\n"
                "    \"map\": [ { \"page\": 1, \"frame\": 7 }, { \"page\": 2, \"frame\": 3 }, { \"page\": 3, \"frame\": 5 } ] } ],\n"
                "  \"steps\": [ \"r 0x4000\" ] }", 3);
  const PwEvent *ev = t_step (t);

  g_assert_true (ev->ok);
  g_assert_true (ev->evicted.happened);
  g_assert_cmpuint (ev->evicted.frame, ==, 3);
  g_assert_cmpuint (ev->evicted.vpn, ==, 2);
  check_consistent (t->m);
  t_free (t);
}

/* Set-up of 10,000 processes in shuffled pid order, 20,000 regions and
 * 50,000 pins (shuffled addresses and frames) gives every process, region
 * and pin its place (that it is not quadratic, bench-load measures). */
static void
test_setup_scale (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  GString *s = g_string_new ("{ \"pagewalk\": 1, \"arch\": \"x86-64\",\n"
                             "  \"memory\": { \"size\": \"4GiB\" }, \"processes\": [");
  guint n_procs = 10000, n_regions = 20000, n_pins = 50000;
  g_autofree guint *pids = g_new (guint, n_procs);
  g_autofree guint *pages = g_new (guint, n_pins);
  g_autofree guint *frames = g_new (guint, n_pins);
  g_autofree guint *regions = g_new (guint, n_regions);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwScenario) sc = NULL;
  g_autoptr(GPtrArray) sorted = NULL;
  const PwProcess *p1;
  PwMachine *m;
  gint64 t0;

  for (guint i = 0; i < n_procs; i++)
    pids[i] = i + 2;
  for (guint i = 0; i < n_pins; i++)
    pages[i] = frames[i] = i;
  for (guint i = 0; i < n_regions; i++)
    regions[i] = i;
  for (guint i = n_procs; i > 1; i--)
    {
      guint j = g_rand_int_range (rand, 0, (gint32) i), t = pids[i - 1];
      pids[i - 1] = pids[j], pids[j] = t;
    }
  for (guint i = n_pins; i > 1; i--)
    {
      guint j = g_rand_int_range (rand, 0, (gint32) i), t = pages[i - 1];
      pages[i - 1] = pages[j], pages[j] = t;
      j = g_rand_int_range (rand, 0, (gint32) i), t = frames[i - 1];
      frames[i - 1] = frames[j], frames[j] = t;
    }
  for (guint i = n_regions; i > 1; i--)
    {
      guint j = g_rand_int_range (rand, 0, (gint32) i), t = regions[i - 1];
      regions[i - 1] = regions[j], regions[j] = t;
    }
  for (guint i = 0; i < n_procs; i++)
    g_string_append_printf (s, "\n { \"pid\": %u, \"regions\": [ { \"start\": 0, \"size\": 4096, "
                            "\"state\": \"committed\", \"prot\": \"rw-\" } ] },", pids[i]);
  g_string_append (s, "\n { \"pid\": 1, \"regions\": [");
  for (guint i = 0; i < n_regions; i++)
    g_string_append_printf (s, "%s\n { \"start\": \"0x%x000\", \"size\": 4096, \"state\": \"committed\", "
                            "\"prot\": \"rw-\" }", i ? "," : "", 0x100000 + 2 * regions[i]);
  g_string_append (s, " ],\n \"map\": [");
  for (guint i = 0; i < n_pins; i++)
    g_string_append_printf (s, "%s\n { \"page\": %u, \"frame\": %u }", i ? "," : "",
                            2 * pages[i], 0x1000 + frames[i]);
  g_string_append (s, " ] } ] }");
  sc = pw_scenario_load_data (s->str, s->len, "scale.pagewalk", &error);
  g_string_free (s, TRUE);
  g_assert_no_error (error);

  t0 = g_get_monotonic_time ();
  m = pw_machine_new (sc, &error);
  g_assert_no_error (error);
  /* the time is benchmarks/bench-load's business (docs/benchmarks.md): here
   * it is only reported; what is checked is the result */
  g_test_message ("set-up: %.3f s", (g_get_monotonic_time () - t0) / 1e6);
  g_assert_cmpuint (pw_machine_n_processes (m), ==, n_procs + 1);
  for (guint i = 0; i < pw_machine_n_processes (m); i++)
    g_assert_cmpuint (pw_machine_process (m, i)->pid, ==, i + 1);
  p1 = pw_machine_lookup (m, 1);
  /* its regions and one implied region per pin, in address order */
  g_assert_cmpuint (p1->regions->len, ==, n_regions + n_pins);
  for (guint i = 1; i < p1->regions->len; i++)
    g_assert_cmpuint (g_array_index (p1->regions, PwRegion, i - 1).start, <,
                      g_array_index (p1->regions, PwRegion, i).start);
  sorted = pw_machine_sorted_pages (m, p1);
  g_assert_cmpuint (sorted->len, ==, n_pins);
  for (guint i = 0; i < n_pins; i += 97)
    {
      guint64 vpn = 2 * (guint64) pages[i];
      const PwPage *pg = g_hash_table_lookup (p1->pages, &vpn);
      g_assert_nonnull (pg);
      g_assert_true (pg->resident);
      g_assert_cmpuint (pg->frame, ==, 0x1000 + frames[i]);
    }
  check_consistent (m);
  pw_machine_free (m);
}

/* Pins outside every region imply regions: one per uncovered part of a
 * run, up to the next region; an entry pinning a page another entry pinned
 * is an error. */
static void
test_implied_regions (void)
{
  /* page 20's run stops at the file's region at 0x15000, page 22's goes
   * to its end; pages 49 and 48 are separate runs */
  static const guint64 want[][2] = { { 0x14000, 0x1000 }, { 0x15000, 0x1000 }, { 0x16000, 0x2000 },
                                     { 0x20000, 0x1000 }, { 0x30000, 0x1000 }, { 0x31000, 0x1000 } };
  T *t = t_new ("{ \"pagewalk\": 1, \"arch\": \"x86-32\",\n"
                "  \"processes\": [ { \"pid\": 1, \"regions\": [ { \"start\": \"0x15000\", \"size\": \"0x1000\", \"state\": \"committed\", \"prot\": \"rw-\" } ],\n"
                "    \"map\": [ { \"page\": 32, \"frame\": 40 }, { \"page\": 20, \"pages\": 4, \"frame\": 50 },\n"
                "               { \"page\": 49, \"frame\": 60 }, { \"page\": 48, \"frame\": 61 } ] } ] }", 0);
  const PwProcess *p = pw_machine_lookup (t->m, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwScenario) bad = NULL;
  static const char *twice =
    "{ \"pagewalk\": 1, \"arch\": \"x86-64\",\n"
    "  \"processes\": [ { \"pid\": 1, \"map\": [ { \"page\": 0, \"pages\": 4, \"frame\": 50 },\n"
    "    { \"va\": \"0x200000\", \"frame\": 512, \"size\": \"2MiB\" }, { \"page\": 514, \"frame\": 70 } ] } ] }";

  g_assert_cmpuint (p->regions->len, ==, G_N_ELEMENTS (want));
  for (guint i = 0; i < G_N_ELEMENTS (want); i++)
    {
      const PwRegion *r = &g_array_index (p->regions, PwRegion, i);
      g_assert_cmphex (r->start, ==, want[i][0]);
      g_assert_cmphex (r->size, ==, want[i][1]);
      g_assert_cmpint (r->state, ==, PW_REGION_COMMITTED);
    }
  t_free (t);

  /* a base page inside a pinned 2 MiB page */
  bad = pw_scenario_load_data (twice, strlen (twice), "test.pagewalk", &error);
  g_assert_null (bad);
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message, "test.pagewalk: processes[0].map[2]"));
}

/* A frame image of a few bytes is held as those bytes: they read back, and
 * zeros after them, through the walk and pw_physmem_byte(), in a copy of the
 * machine, after its page goes to disk and comes back, and after a write
 * into the rest of its page. */
static void
test_short_frame_image (void)
{
  T *t = t_new ("{ \"pagewalk\": 1, \"arch\": \"seed\", \"disk\": { \"slots\": 4 }, \"policy\": \"fifo\",\n"
                "  \"frame_image\": [ { \"frame\": 5, \"hex\": \"a1b2c3d4e5f60718\" } ],\n"
                "  \"processes\": [ { \"pid\": 1, \"regions\": [\n"
                "    { \"start\": 0, \"size\": \"64KiB\", \"state\": \"committed\", \"prot\": \"rw-\" } ],\n"
                "    \"map\": [ { \"page\": 0, \"frame\": 5 } ] } ],\n"
                "  \"steps\": [ \"r 0x1000\", \"r 0x0004\" ] }", 1);
  static const guint8 image[] = { 0xa1, 0xb2, 0xc3, 0xd4, 0xe5, 0xf6, 0x07, 0x18 };
  static const guint64 offsets[] = { 0, 3, 7, 8, 9, 100, 4095 };
  PwPhysMem *mem = pw_machine_physmem (t->m), *cmem;
  PwMachine *copy;
  const PwEvent *ev;
  guint64 frame;

  /* held short: 8 bytes, not a page */
  g_assert_cmpuint (pw_physmem_frame_held (mem, 5), ==, sizeof image);
  for (guint i = 0; i < G_N_ELEMENTS (offsets); i++)
    {
      guint64 off = offsets[i];
      int want = off < sizeof image ? image[off] : 0;
      g_assert_cmpint (pw_physmem_byte (mem, (5 << 12) + off), ==, want);
      g_assert_cmpint (t_translate (t, 1, off, RD).value, ==, want);
    }

  /* a copy reads the same; a write into the tail of its page changes the
   * copy alone */
  copy = pw_machine_copy (t->m);
  cmem = pw_machine_physmem (copy);
  for (guint i = 0; i < G_N_ELEMENTS (offsets); i++)
    {
      PwWalk w;
      guint64 off = offsets[i];
      g_assert_true (pw_machine_translate (copy, 1, off, RD, PW_MODE_USER, &w, NULL));
      g_assert_cmpint (w.value, ==, off < sizeof image ? image[off] : 0);
    }
  pw_physmem_write (cmem, (5 << 12) + 100, 1, 0x5a);
  g_assert_cmpint (pw_physmem_byte (cmem, (5 << 12) + 100), ==, 0x5a);
  g_assert_cmpint (pw_physmem_byte (cmem, (5 << 12) + 99), ==, 0);
  g_assert_cmpint (pw_physmem_byte (cmem, (5 << 12) + 7), ==, 0x18);
  g_assert_cmpint (pw_physmem_byte (mem, (5 << 12) + 100), ==, 0);
  g_assert_cmpuint (pw_physmem_frame_held (mem, 5), ==, sizeof image);

  /* the copy's page goes to disk with the written byte and comes back */
  pw_machine_step (copy, &g_array_index (t->sc->steps, PwStep, 0), NULL, NULL);
  g_assert_false (t_page (t, 1, 0)->on_disk);
  pw_machine_step (copy, &g_array_index (t->sc->steps, PwStep, 1), NULL, NULL);
  {
    PwWalk w;
    g_assert_true (pw_machine_translate (copy, 1, 100, RD, PW_MODE_USER, &w, NULL));
    g_assert_cmpuint (w.frame, !=, 5);
    g_assert_cmpint (w.value, ==, 0x5a);
    g_assert_true (pw_machine_translate (copy, 1, 6, RD, PW_MODE_USER, &w, NULL));
    g_assert_cmpint (w.value, ==, 0x07);
    g_assert_true (pw_machine_translate (copy, 1, 101, RD, PW_MODE_USER, &w, NULL));
    g_assert_cmpint (w.value, ==, 0);
  }
  pw_machine_free (copy);

  /* the original's page to disk and back, at another frame: its bytes,
   * zeros after them */
  ev = t_step (t);
  g_assert_true (ev->evicted.happened);
  g_assert_cmpuint (ev->evicted.frame, ==, 5);
  g_assert_true (ev->evicted.to_disk);
  ev = t_step (t);
  g_assert_cmpint (ev->fault, ==, PW_KF_MAJOR);
  frame = ev->new_frame;
  g_assert_cmpuint (frame, !=, 5);
  g_assert_cmpint (ev->retry.value, ==, image[4]);
  for (guint i = 0; i < G_N_ELEMENTS (offsets); i++)
    {
      guint64 off = offsets[i];
      int want = off < sizeof image ? image[off] : 0;
      g_assert_cmpint (pw_physmem_byte (mem, (frame << 12) + off), ==, want);
      g_assert_cmpint (t_translate (t, 1, off, RD).value, ==, want);
    }

  /* a write into the tail of the page it came back to */
  pw_physmem_write (mem, (frame << 12) + 4000, 2, 0xbeef);
  g_assert_cmpint (t_translate (t, 1, 4000, RD).value, ==, 0xef);
  g_assert_cmpint (t_translate (t, 1, 4001, RD).value, ==, 0xbe);
  g_assert_cmpint (t_translate (t, 1, 3999, RD).value, ==, 0);
  g_assert_cmpint (t_translate (t, 1, 5, RD).value, ==, 0xf6);
  t_free (t);
}

/* Hundreds of frame images in a shuffled order (set-up claims them in
 * frame order, stores them in file order): each frame holds its own bytes,
 * short, and is shown as an image; a pin on one maps its bytes. */
static void
test_frame_images_shuffled (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  GString *s = g_string_new ("{ \"pagewalk\": 1, \"arch\": \"x86-64\", \"frame_image\": [");
  guint n = 500;
  g_autofree guint *perm = g_new (guint, n);
  T *t;
  PwPhysMem *mem;

  for (guint i = 0; i < n; i++)
    perm[i] = i;
  for (guint i = n; i > 1; i--)
    {
      guint j = g_rand_int_range (rand, 0, (gint32) i), x = perm[i - 1];
      perm[i - 1] = perm[j], perm[j] = x;
    }
  /* image i: frame 100 + 2 perm[i], i % 3 + 1 bytes, each (i + k) % 255 + 1 */
  for (guint i = 0; i < n; i++)
    {
      g_string_append_printf (s, "%s\n { \"frame\": %u, \"hex\": \"", i ? "," : "", 100 + 2 * perm[i]);
      for (guint k = 0; k <= i % 3; k++)
        g_string_append_printf (s, "%02x", (i + k) % 255 + 1);
      g_string_append (s, "\" }");
    }
  g_string_append_printf (s, " ],\n \"processes\": [ { \"pid\": 1, \"map\": [ { \"page\": 7, \"frame\": %u } ] } ],\n"
                          " \"steps\": [] }", 100 + 2 * perm[44]);
  t = t_new (s->str, 0);
  g_string_free (s, TRUE);
  mem = pw_machine_physmem (t->m);
  for (guint i = 0; i < n; i++)
    {
      guint64 frame = 100 + 2 * perm[i];
      const PwFrameInfo *info = pw_machine_frame_info (t->m, frame);
      g_assert_cmpuint (pw_physmem_frame_held (mem, frame), ==, i % 3 + 1);
      for (guint k = 0; k <= i % 3; k++)
        g_assert_cmpint (pw_physmem_byte (mem, (frame << 12) + k), ==, (i + k) % 255 + 1);
      g_assert_cmpint (pw_physmem_byte (mem, (frame << 12) + i % 3 + 1), ==, 0);
      g_assert_cmpint (pw_physmem_byte (mem, (frame + 1) << 12), ==, -1);
      g_assert_nonnull (info);
      g_assert_true (info->image);
      g_assert_cmpint (info->use, ==, PW_FRAME_DATA);
    }
  g_assert_cmpint (t_translate (t, 1, 7 << 12, RD).value, ==, 45);
  g_assert_cmpint (t_translate (t, 1, (7 << 12) + 1, RD).value, ==, 46);
  g_assert_cmpint (t_translate (t, 1, (7 << 12) + 2, RD).value, ==, 47);
  g_assert_cmpint (t_translate (t, 1, (7 << 12) + 3, RD).value, ==, 0);
  t_free (t);
}

/* ---- what steps without an access did (pw_machine_last_step) -------------- */

static const char *lifecycle_json =
  "{ \"pagewalk\": 1, \"arch\": \"x86-32\", \"memory\": { \"size\": \"16MiB\" },"
  "  \"tlb\": { \"entries\": 8, \"asid\": false },"
  "  \"processes\": ["
  "    { \"pid\": 1, \"name\": \"shell\", \"regions\": ["
  "        { \"start\": \"0x08048000\", \"size\": \"4KiB\", \"prot\": \"r-x\" },"
  "        { \"start\": \"0x10000000\", \"size\": \"8KiB\", \"prot\": \"rw-\" } ] },"
  "    { \"pid\": 2, \"regions\": [ { \"start\": \"0x08048000\", \"size\": \"4KiB\" } ] } ],"
  "  \"steps\": [ \"w 1 0x10000000\", \"x 1 0x08048000\","
  "    { \"fork\": { \"parent\": 1, \"child\": 3 } },"
  "    \"r 3 0x10000000\", \"switch 2\", { \"exit\": 3 },"
  "    { \"commit\": { \"pid\": 1, \"start\": \"0x10000000\", \"size\": \"8KiB\", \"prot\": \"r--\" } },"
  "    { \"decommit\": { \"pid\": 1, \"start\": \"0x10000000\", \"size\": \"4KiB\" } },"
  "    { \"free\": { \"pid\": 1, \"start\": \"0x0fff0000\", \"size\": \"0x20000\" } },"
  "    { \"reserve\": { \"pid\": 1, \"start\": \"0x20000000\", \"size\": \"4KiB\" } },"
  "    { \"spawn\": { \"pid\": 4, \"regions\": [ { \"start\": \"0x1000\", \"size\": \"4KiB\" } ] } },"
  "    { \"exit\": 4 }, \"switch 4\" ] }";

/* Frames in use of each kind, counted from the machine's own list. */
static void
count_used (PwMachine *m,
            guint64   *data,
            guint64   *tables)
{
  g_autoptr(GArray) used = pw_machine_used_frames (m);

  *data = *tables = 0;
  for (guint i = 0; i < used->len; i++)
    {
      const PwFrameInfo *f = &g_array_index (used, PwFrameInfo, i);
      if (f->use == PW_FRAME_DATA)
        *data += MAX (f->count, 1);
      else if (f->use == PW_FRAME_TABLE)
        *tables += MAX (f->count, 1);
    }
}

static guint
count_tlb_valid (PwMachine *m)
{
  guint n = 0;

  for (guint i = 0; i < pw_machine_tlb_size (m); i++)
    n += pw_machine_tlb_entry (m, i)->valid ? 1 : 0;
  return n;
}

static void
test_step_record (void)
{
  T *t = t_new (lifecycle_json, 0);
  const PwStepRecord *r;
  guint64 d0, t0, d1, t1;
  guint tlb0;

  g_assert_null (pw_machine_last_step (t->m));
  t_step (t);
  t_step (t);
  /* an access leaves no record */
  g_assert_null (pw_machine_last_step (t->m));

  /* fork: the child's root and tables, the entries copied, the data page
   * made copy-on-write (the code page is not writable), the parent's TLB
   * entries dropped */
  count_used (t->m, &d0, &t0);
  tlb0 = count_tlb_valid (t->m);
  g_assert_cmpuint (tlb0, ==, 2);
  g_assert_null (t_step (t));
  r = pw_machine_last_step (t->m);
  g_assert_nonnull (r);
  g_assert_cmpint (r->kind, ==, PW_STEP_FORK);
  g_assert_cmpuint (r->step, ==, 2);
  g_assert_cmpuint (r->pid, ==, 1);
  g_assert_cmpuint (r->other_pid, ==, 3);
  g_assert_true (r->has_new_root);
  g_assert_cmpuint (r->new_root, ==, pw_machine_lookup (t->m, 3)->root);
  count_used (t->m, &d1, &t1);
  g_assert_cmpuint (d1, ==, d0);
  g_assert_cmpuint (r->tables_made, ==, t1 - t0);
  /* a root and one table for each of the two pages' directory entries */
  g_assert_cmpuint (r->tables_made, ==, 3);
  g_assert_cmpuint (r->entries_copied, ==, 2);
  g_assert_cmpuint (r->cow_marked, ==, 1);
  g_assert_cmpuint (r->cow_shared, ==, 1);
  g_assert_true (t_page (t, 1, 0x10000)->cow && t_page (t, 3, 0x10000)->cow);
  g_assert_false (t_page (t, 3, 0x8048)->cow);
  g_assert_cmpuint (r->tlb_dropped, ==, tlb0);
  g_assert_cmpuint (r->tlb_kept, ==, count_tlb_valid (t->m));

  /* a copy keeps it; an access ends it */
  {
    PwMachine *copy = pw_machine_copy (t->m);
    g_assert_nonnull (pw_machine_last_step (copy));
    g_assert_cmpuint (pw_machine_last_step (copy)->new_root, ==, r->new_root);
    pw_machine_free (copy);
  }
  t_step (t);
  g_assert_null (pw_machine_last_step (t->m));

  /* switch without ASIDs: the old and new roots, the whole TLB flushed */
  {
    guint before = pw_machine_current_pid (t->m);
    guint64 old_root = pw_machine_lookup (t->m, before)->root;
    tlb0 = count_tlb_valid (t->m);
    g_assert_cmpuint (tlb0, >, 0);
    g_assert_null (t_step (t));
    r = pw_machine_last_step (t->m);
    g_assert_cmpint (r->kind, ==, PW_STEP_SWITCH);
    g_assert_cmpuint (r->other_pid, ==, before);
    g_assert_true (r->has_old_root && r->has_new_root);
    g_assert_cmpuint (r->old_root, ==, old_root);
    g_assert_cmpuint (r->new_root, ==, pw_machine_lookup (t->m, 2)->root);
    g_assert_true (r->tlb);
    g_assert_cmpuint (r->tlb_dropped, ==, tlb0);
    g_assert_cmpuint (r->tlb_kept, ==, 0);
  }

  /* exit of the child: its two pages, its three tables freed; the data
   * frames stay, the parent maps them */
  {
    guint64 root = pw_machine_lookup (t->m, 3)->root;
    count_used (t->m, &d0, &t0);
    g_assert_null (t_step (t));
    r = pw_machine_last_step (t->m);
    count_used (t->m, &d1, &t1);
    g_assert_cmpint (r->kind, ==, PW_STEP_EXIT);
    g_assert_cmpuint (r->pid, ==, 3);
    g_assert_cmpstr (r->name, ==, "shell");
    g_assert_true (r->has_old_root);
    g_assert_cmpuint (r->old_root, ==, root);
    g_assert_cmpuint (r->pages_released, ==, 2);
    g_assert_cmpuint (r->frames_freed, ==, d0 - d1);
    g_assert_cmpuint (r->frames_freed, ==, 0);
    /* both pages' frames are the parent's too */
    g_assert_cmpuint (r->frames_kept, ==, 2);
    g_assert_cmpuint (r->tables_freed, ==, t0 - t1);
    g_assert_cmpuint (r->tables_freed, ==, 3);
    g_assert_cmpuint (r->n_before, ==, 2);
    g_assert_cmpuint (r->before[1].start, ==, 0x10000000);
    g_assert_cmpuint (r->before[1].size, ==, 0x2000);
    g_assert_cmpuint (r->other_pid, ==, 2);
  }

  /* commit over committed space: the resident page's entry rewritten */
  g_assert_null (t_step (t));
  r = pw_machine_last_step (t->m);
  g_assert_cmpint (r->kind, ==, PW_STEP_COMMIT);
  g_assert_cmpuint (r->start, ==, 0x10000000);
  g_assert_cmpuint (r->size, ==, 0x2000);
  g_assert_cmpuint (r->n_before, ==, 1);
  g_assert_cmpint (r->before[0].prot, ==, PW_PROT_R | PW_PROT_W);
  g_assert_cmpuint (r->n_after, ==, 1);
  g_assert_cmpint (r->after[0].state, ==, PW_REGION_COMMITTED);
  g_assert_cmpint (r->after[0].prot, ==, PW_PROT_R);
  g_assert_cmpuint (r->entries_rewritten, ==, 1);
  g_assert_cmpuint (r->pages_released, ==, 0);

  /* decommit of the first page: the page and its frame released, its
   * table left empty and freed; the range is split in two */
  count_used (t->m, &d0, &t0);
  g_assert_null (t_step (t));
  r = pw_machine_last_step (t->m);
  count_used (t->m, &d1, &t1);
  g_assert_cmpint (r->kind, ==, PW_STEP_DECOMMIT);
  g_assert_cmpuint (r->pages_released, ==, 1);
  g_assert_cmpuint (r->frames_freed, ==, d0 - d1);
  g_assert_cmpuint (r->frames_freed, ==, 1);
  g_assert_cmpuint (r->frames_kept, ==, 0);
  g_assert_cmpuint (r->tables_freed, ==, t0 - t1);
  g_assert_cmpuint (r->n_before, ==, 1);
  g_assert_cmpuint (r->n_after, ==, 1);
  g_assert_cmpint (r->after[0].state, ==, PW_REGION_RESERVED);
  g_assert_cmpuint (r->after[0].size, ==, 0x1000);

  /* free over free space, the reserved page and the committed one */
  g_assert_null (t_step (t));
  r = pw_machine_last_step (t->m);
  g_assert_cmpint (r->kind, ==, PW_STEP_FREE);
  g_assert_cmpuint (r->n_before, ==, 4);
  g_assert_cmpint (r->before[0].state, ==, PW_REGION_FREE);
  g_assert_cmpuint (r->before[0].size, ==, 0x10000);
  g_assert_cmpint (r->before[1].state, ==, PW_REGION_RESERVED);
  g_assert_cmpint (r->before[2].state, ==, PW_REGION_COMMITTED);
  g_assert_cmpint (r->before[3].state, ==, PW_REGION_FREE);
  g_assert_cmpuint (r->before[3].start + r->before[3].size, ==, 0x10010000);
  g_assert_cmpuint (r->n_after, ==, 1);
  g_assert_cmpint (r->after[0].state, ==, PW_REGION_FREE);

  /* reserve */
  g_assert_null (t_step (t));
  r = pw_machine_last_step (t->m);
  g_assert_cmpint (r->kind, ==, PW_STEP_RESERVE);
  g_assert_cmpint (r->before[0].state, ==, PW_REGION_FREE);
  g_assert_cmpint (r->after[0].state, ==, PW_REGION_RESERVED);

  /* spawn: its root */
  count_used (t->m, &d0, &t0);
  g_assert_null (t_step (t));
  r = pw_machine_last_step (t->m);
  count_used (t->m, &d1, &t1);
  g_assert_cmpint (r->kind, ==, PW_STEP_SPAWN);
  g_assert_cmpuint (r->pid, ==, 4);
  g_assert_true (r->has_new_root);
  g_assert_cmpuint (r->new_root, ==, pw_machine_lookup (t->m, 4)->root);
  g_assert_cmpuint (r->tables_made, ==, t1 - t0);
  g_assert_cmpuint (r->tables_made, ==, 1);

  t_step (t);
  /* a failed step leaves no record: it reports its failure */
  g_assert_nonnull (t_step (t));
  g_assert_null (pw_machine_last_step (t->m));
  t_free (t);
}

/* With ASIDs a switch keeps the TLB's entries. */
static void
test_step_record_asid (void)
{
  T *t = t_new ("{ \"pagewalk\": 1, \"arch\": \"x86-32\", \"memory\": { \"size\": \"16MiB\" },"
                "  \"tlb\": { \"entries\": 8, \"asid\": true },"
                "  \"processes\": ["
                "    { \"pid\": 1, \"regions\": [ { \"start\": \"0x1000\", \"size\": \"8KiB\" } ] },"
                "    { \"pid\": 2, \"regions\": [ { \"start\": \"0x1000\", \"size\": \"8KiB\" } ] } ],"
                "  \"steps\": [ \"r 1 0x1000\", \"r 1 0x2000\", \"switch 2\" ] }", 0);
  const PwStepRecord *r;

  t_run_all (t);
  r = pw_machine_last_step (t->m);
  g_assert_nonnull (r);
  g_assert_cmpint (r->kind, ==, PW_STEP_SWITCH);
  g_assert_cmpuint (r->tlb_dropped, ==, 0);
  g_assert_cmpuint (r->tlb_kept, ==, 2);
  g_assert_cmpuint (r->tlb_kept, ==, count_tlb_valid (t->m));
  t_free (t);
}

/* ---- the comparison of policies (pw-compare.c) ------------------------------------ */

static PwRun *
compare_base (const char *example,
              PwScenario **sc)
{
  g_autoptr(GError) error = NULL;
  PwRunConfig cfg;
  PwRun *run;

  *sc = pw_scenario_load (example, &error);
  g_assert_no_error (error);
  pw_run_config_init (&cfg);
  run = pw_run_new (*sc, &cfg, NULL, &error);
  g_assert_no_error (error);
  return run;
}

/* Belady's anomaly, from the real engine: on `belady` FIFO takes more faults
 * with 4 frames than with 3 (and clock, which sweeps FIFO's order when every
 * bit is set, does too); LRU and OPT, stack algorithms, never do. */
static void
compare_belady_anomaly (void)
{
  g_autoptr(GError) error = NULL;
  PwScenario *sc = NULL;
  PwRun *run = compare_base ("belady", &sc);
  guint64 frames[PW_COMPARE_MAX_FRAMES];
  guint n_policies, n;
  const PwPolicy *all = pw_compare_all_policies (&n_policies);
  PwCompare *cmp;

  n = pw_compare_sweep_frames (run, frames, NULL, &error);
  g_assert_no_error (error);
  /* the machine holds four data pages: the sweep is 1 to 4 */
  g_assert_cmpuint (n, ==, 4);
  cmp = pw_compare_run (run, all, n_policies, frames, n, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pw_compare_lookup (cmp, PW_POLICY_FIFO, 3)->page_faults, ==, 9);
  g_assert_cmpuint (pw_compare_lookup (cmp, PW_POLICY_FIFO, 4)->page_faults, ==, 10);
  g_assert_cmpuint (pw_compare_lookup (cmp, PW_POLICY_FIFO, 4)->page_faults, >,
                    pw_compare_lookup (cmp, PW_POLICY_FIFO, 3)->page_faults);
  for (guint f = 1; f < n; f++)
    {
      g_assert_cmpuint (pw_compare_lookup (cmp, PW_POLICY_LRU, frames[f])->page_faults, <=,
                        pw_compare_lookup (cmp, PW_POLICY_LRU, frames[f - 1])->page_faults);
      g_assert_cmpuint (pw_compare_lookup (cmp, PW_POLICY_OPT, frames[f])->page_faults, <=,
                        pw_compare_lookup (cmp, PW_POLICY_OPT, frames[f - 1])->page_faults);
    }
  /* OPT is the least any policy can do */
  for (guint f = 0; f < n; f++)
    for (guint p = 0; p < n_policies; p++)
      g_assert_cmpuint (pw_compare_lookup (cmp, PW_POLICY_OPT, frames[f])->page_faults, <=,
                        cmp->results[f * n_policies + p].page_faults);
  pw_compare_free (cmp);
  pw_run_free (run);
  pw_scenario_free (sc);
}

/* The table of frames over time: 12 references, 4 frames, FIFO's misses
 * where the anomaly's figure has them, and every frame's page the one the
 * policy's description gives (the referenced page is resident after it). */
static void
compare_table (void)
{
  static const guint64 refs[] = { 1, 2, 3, 4, 1, 2, 5, 1, 2, 3, 4, 5 };
  static const gboolean fifo_miss[] = { 1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1 };
  g_autoptr(GError) error = NULL;
  PwScenario *sc = NULL;
  PwRun *run = compare_base ("belady", &sc);
  const guint64 frames[] = { 4 };
  const PwPolicy pols[] = { PW_POLICY_FIFO, PW_POLICY_OPT };
  PwCompare *cmp = pw_compare_run (run, pols, 2, frames, 1, 4, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (cmp->n_refs, ==, G_N_ELEMENTS (refs));
  g_assert_cmpuint (cmp->n_rows, ==, 4);
  for (guint i = 0; i < cmp->n_refs; i++)
    {
      guint faults_opt = 0;

      g_assert_cmpuint (cmp->refs[i].vpn, ==, refs[i]);
      g_assert_cmpint (cmp->faults[0][i], ==, fifo_miss[i]);
      for (guint p = 0; p < 2; p++)
        {
          gboolean resident = FALSE;
          for (guint r = 0; r < cmp->n_rows; r++)
            resident |= cmp->cells[p][i * cmp->n_rows + r].vpn == refs[i];
          g_assert_true (resident);
        }
      for (guint k = 0; k <= i; k++)
        faults_opt += cmp->faults[1][k];
      if (i == cmp->n_refs - 1)
        g_assert_cmpuint (faults_opt, ==, pw_compare_lookup (cmp, PW_POLICY_OPT, 4)->page_faults);
    }
  pw_compare_free (cmp);
  pw_run_free (run);
  pw_scenario_free (sc);
}

/* pw_compare_write_csv(): the CSV of pw_compare_csv() in the file, written
 * through a temporary beside it: nothing else is left in the directory. */
static void
compare_write_csv (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pagewalk-compare-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "belady.csv", NULL);
  g_autofree char *csv = NULL, *text = NULL;
  g_auto(GStrv) lines = NULL;
  PwScenario *sc = NULL;
  PwRun *run = compare_base ("belady", &sc);
  const guint64 frames[] = { 3, 4 };
  guint n_policies;
  const PwPolicy *all = pw_compare_all_policies (&n_policies);
  PwCompare *cmp = pw_compare_run (run, all, n_policies, frames, 2, 0, NULL, NULL, NULL, &error);
  GDir *d;
  guint files = 0;

  g_assert_no_error (error);
  g_assert_true (pw_compare_write_csv (cmp, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  csv = pw_compare_csv (cmp);
  g_assert_cmpstr (text, ==, csv);
  lines = g_strsplit (text, "\n", -1);
  /* a header, one line per policy and frame count, the final newline */
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + n_policies * 2 + 1);
  g_assert_true (g_str_has_prefix (lines[0], "policy,frames,"));
  g_assert_cmpstr (lines[1], ==, "fifo,3,12,9,9,6,3,0.750000");
  g_assert_cmpstr (lines[2], ==, "fifo,4,12,10,10,6,2,0.833333");
  d = g_dir_open (dir, 0, NULL);
  while (g_dir_read_name (d) != NULL)
    files++;
  g_dir_close (d);
  g_assert_cmpuint (files, ==, 1);
  g_remove (path);
  g_rmdir (dir);
  pw_compare_free (cmp);
  pw_run_free (run);
  pw_scenario_free (sc);
}

/* A cancelled comparison stops with G_IO_ERROR_CANCELLED before its runs. */
static void
compare_cancelled (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  PwScenario *sc = NULL;
  PwRun *run = compare_base ("belady", &sc);
  const guint64 frames[] = { 3, 4 };
  const PwPolicy pols[] = { PW_POLICY_FIFO };

  g_cancellable_cancel (cancellable);
  g_assert_null (pw_compare_run (run, pols, 1, frames, 2, 0, NULL, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  pw_run_free (run);
  pw_scenario_free (sc);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/machine/first-touch/seed", test_first_touch_seed);
  g_test_add_func ("/machine/first-touch/x86-64", test_first_touch_x86_64);
  g_test_add_func ("/machine/swap/round-trip", test_swap_round_trip);
  g_test_add_func ("/machine/swap/dirty-clean", test_swap_dirty_clean);
  g_test_add_func ("/machine/swap/out-of-memory", test_out_of_memory);
  g_test_add_func ("/machine/fault/protection", test_protection);
  g_test_add_func ("/machine/fault/segmentation", test_segmentation_faults);
  g_test_add_func ("/machine/fork/cow", test_fork_cow);
  g_test_add_func ("/machine/shared-region", test_shared_region);
  g_test_add_func ("/machine/steps/regions", test_region_steps);
  g_test_add_func ("/machine/steps/spawn-exit-switch", test_spawn_exit_switch);
  g_test_add_func ("/machine/tlb/ostep-array", test_tlb_array);
  g_test_add_func ("/machine/tlb/asid", test_tlb_asid);
  g_test_add_func ("/machine/tlb/shootdown", test_tlb_shootdown);
  g_test_add_func ("/machine/policy/clock", test_clock);
  g_test_add_func ("/machine/policy/clock-sparse", test_clock_sparse);
  g_test_add_func ("/machine/fork/pressure", test_fork_pressure);
  g_test_add_func ("/machine/fork/cow-large-page", test_fork_cow_large);
  g_test_add_func ("/machine/steps/spawn-claims", test_spawn_claims);
  g_test_add_func ("/machine/invariants", test_invariants);
  g_test_add_func ("/machine/history/seek", test_history);
  g_test_add_func ("/machine/range/top", test_range_top);
  g_test_add_func ("/machine/range/exit-top", test_exit_top);
  g_test_add_func ("/machine/range/tlb-shootdown-top", test_tlb_shootdown_top);
  g_test_add_func ("/machine/range/base-bounds-pa-64", test_base_bounds_pa_64);
  g_test_add_func ("/machine/raw/root-later-frames", test_raw_root_later_frames);
  g_test_add_func ("/machine/raw/table-later-frames", test_raw_table_later_frames);
  g_test_add_func ("/machine/steps/failed", test_failed_steps);
  g_test_add_func ("/machine/evictions-per-access", test_evictions_per_access);
  g_test_add_func ("/machine/raw/leaf-frames-reserved", test_raw_leaf_frames_reserved);
  g_test_add_func ("/machine/tlb/pure-cache", test_tlb_pure_cache);
  g_test_add_func ("/machine/tlb/pure-shared-raw-table", test_tlb_pure_shared_raw_table);
  g_test_add_func ("/machine/limits/huge-tables", test_huge_tables);
  g_test_add_func ("/machine/limits/touch", test_touch_limit);
  g_test_add_func ("/machine/limits/cancel", test_cancel);
  g_test_add_func ("/machine/shared-region/pins", test_shared_pins);
  g_test_add_func ("/machine/policy/opt-pins", test_opt_pins);
  g_test_add_func ("/machine/policy/opt-belady", test_opt_belady);
  g_test_add_func ("/machine/policy/describe-lists", test_describe_lists);
  g_test_add_func ("/machine/policy/describe-clock", test_describe_clock);
  g_test_add_func ("/machine/policy/describe-next-victim", test_describe_next_victim);
  g_test_add_func ("/machine/policy/registry", test_policy_registry);
  g_test_add_func ("/machine/policy/opt-next-use-exact", test_opt_next_use_exact);
  g_test_add_func ("/machine/policy/clock-pins-order", test_clock_pins_order);
  g_test_add_func ("/machine/limits/setup-scale", test_setup_scale);
  g_test_add_func ("/machine/implied-regions", test_implied_regions);
  g_test_add_func ("/machine/short-frame-image", test_short_frame_image);
  g_test_add_func ("/machine/frame-images-shuffled", test_frame_images_shuffled);
  g_test_add_func ("/machine/step-record/every-kind", test_step_record);
  g_test_add_func ("/machine/step-record/asid", test_step_record_asid);
  g_test_add_func ("/machine/compare/belady-anomaly", compare_belady_anomaly);
  g_test_add_func ("/machine/compare/table", compare_table);
  g_test_add_func ("/machine/compare/cancelled", compare_cancelled);
  g_test_add_func ("/machine/compare/write-csv", compare_write_csv);

  return g_test_run ();
}

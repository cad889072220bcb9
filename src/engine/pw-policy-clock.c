/* pw-policy-clock.c: the clock (second chance)
 *
 * The evictable pages in frame order (an array kept sorted, so that memory
 * of any size costs nothing) and a hand, the frame number it points at.  The
 * use bit is the leaf entry's accessed bit, read and cleared through the
 * host: a page whose bit is set has it cleared and the hand moves on; the
 * first page whose bit is clear is the victim.  Accesses change nothing here
 * (the MMU's walk sets the bit).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-machine"

#include "config.h"

#include "pw-policy.h"

typedef struct
{
  PwMachine *host;
  GPtrArray *frames;   /* FrameRec*, by frame number (once sorted) */
  gboolean   unsorted; /* pages added while set-up ran, in the order the
                        * scenario pins them: sorted once, when the order
                        * is first needed (a million pins in any order cost
                        * one sort, not a million inserts) */
  guint64    hand;     /* the frame number the hand points at */
} Clock;

static gint
cmp_frame (gconstpointer a,
           gconstpointer b)
{
  const FrameRec *x = *(FrameRec * const *) a, *y = *(FrameRec * const *) b;
  return x->info.frame < y->info.frame ? -1 : x->info.frame > y->info.frame;
}

/* The order is the clock's state, so sorting late changes nothing a caller
 * can see: callers of the const entry points may sort too. */
static void
ensure_sorted (const Clock *cc)
{
  Clock *c = (Clock *) cc;

  if (c->unsorted)
    {
      g_ptr_array_sort (c->frames, cmp_frame);
      c->unsorted = FALSE;
    }
}

/* the index of the first page at or after @frame */
static guint
lower_bound (const GPtrArray *a,
             guint64          frame)
{
  guint lo = 0, hi = a->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (((FrameRec *) a->pdata[mid])->info.frame < frame)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static gpointer
clock_new (PwMachine *host)
{
  Clock *c = g_new0 (Clock, 1);
  c->host = host;
  c->frames = g_ptr_array_new ();
  return c;
}

static void
clock_free (gpointer state)
{
  Clock *c = state;
  g_ptr_array_unref (c->frames);
  g_free (c);
}

static gpointer
clock_copy (gconstpointer  state,
            PwMachine     *host,
            GHashTable    *map)
{
  const Clock *src = state;
  Clock *c = g_new0 (Clock, 1);

  ensure_sorted (src);
  c->host = host;
  c->hand = src->hand;
  c->frames = g_ptr_array_sized_new (src->frames->len);
  for (guint i = 0; i < src->frames->len; i++)
    g_ptr_array_add (c->frames, g_hash_table_lookup (map, src->frames->pdata[i]));
  return c;
}

static void
clock_add (gpointer  state,
           FrameRec *r)
{
  Clock *c = state;

  if (c->unsorted || c->host->unsorted)
    {
      g_ptr_array_add (c->frames, r);
      c->unsorted = TRUE;
      return;
    }
  g_ptr_array_insert (c->frames, (gint) lower_bound (c->frames, r->info.frame), r);
}

static void
clock_remove (gpointer  state,
              FrameRec *r)
{
  Clock *c = state;
  guint i;

  ensure_sorted (c);
  i = lower_bound (c->frames, r->info.frame);
  g_assert (i < c->frames->len && c->frames->pdata[i] == r);
  g_ptr_array_remove_index (c->frames, i);
}

static FrameRec *
clock_victim (gpointer state)
{
  Clock *c = state;
  guint n = c->frames->len, i;

  ensure_sorted (c);
  i = lower_bound (c->frames, c->hand);
  if (n == 0)
    return NULL;
  for (guint passes = 0; passes < 2 * n + 1; passes++, i++)
    {
      FrameRec *r;
      if (i >= n)
        i = 0;
      r = c->frames->pdata[i];
      c->hand = (r->info.frame + 1) % c->host->n_frames;
      if (!pwk_policy_use_bit (c->host, r))
        return r;
      pwk_policy_clear_use_bit (c->host, r);
    }
  return NULL;
}

static void
clock_describe (gconstpointer  state,
                PwPolicyState *out)
{
  const Clock *c = state;
  guint n = c->frames->len, hand;

  ensure_sorted (c);
  hand = lower_bound (c->frames, c->hand);

  for (guint i = 0; i < n; i++)
    {
      PwPolicyEntry e;
      pwk_policy_entry (c->host, c->frames->pdata[i], &e);
      g_array_append_val (out->entries, e);
    }
  if (n == 0)
    return;
  if (hand >= n)
    hand = 0;
  out->hand = (gint) hand;
  /* the sweep, without clearing: the first page from the hand whose bit is
   * clear; with every bit set, the hand clears them all and comes back */
  out->next_victim = (gint) hand;
  for (guint k = 0; k < n; k++)
    {
      guint i = (hand + k) % n;
      if (!g_array_index (out->entries, PwPolicyEntry, i).use_bit)
        {
          out->next_victim = (gint) i;
          break;
        }
    }
}

const PwPolicyClass pw_policy_clock_class = {
  .policy = PW_POLICY_CLOCK,
  .name = "clock",
  .track_use = FALSE,
  .new = clock_new,
  .free = clock_free,
  .copy = clock_copy,
  .add = clock_add,
  .remove = clock_remove,
  .touch = NULL,
  .victim = clock_victim,
  .describe = clock_describe,
};

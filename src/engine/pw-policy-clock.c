/* pw-policy-clock.c: the clock (second chance)
 *
 * The evictable pages in frame order (an array kept sorted, so that memory
 * of any size costs nothing) and a hand, the frame number it points at.  A
 * page that stops being evictable leaves a dead entry (NULL, its frame number
 * kept in keys) that the next page made evictable in that frame revives in
 * place: an eviction and the load into the frame it freed move nothing (the
 * array is compacted once the dead entries are as many as the live ones).  The
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
  GPtrArray *frames;   /* FrameRec*, by frame number (once sorted); NULL: dead */
  GArray    *keys;     /* guint64: each entry's frame number, live or dead */
  guint      dead;
  gboolean   unsorted; /* pages added while set-up ran, in the order the
                        * scenario pins them: sorted once, when the order
                        * is first needed (a million pins in any order cost
                        * one sort, not a million inserts) */
  guint64    hand;     /* the frame number the hand points at */
  guint      hint;     /* where the last sweep left the hand: its index
                        * unless entries were inserted or dropped since
                        * (checked before use) */
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
/* Drops the dead entries (all of them with @always, else once they are as
 * many as the live ones). */
static void
compact (Clock    *c,
         gboolean  always)
{
  guint64 *keys = (guint64 *) c->keys->data;
  guint j = 0;

  if (!always && (c->dead < 64 || c->dead * 2 < c->frames->len))
    return;
  for (guint i = 0; i < c->frames->len; i++)
    if (c->frames->pdata[i] != NULL)
      {
        c->frames->pdata[j] = c->frames->pdata[i];
        keys[j++] = keys[i];
      }
  g_ptr_array_set_size (c->frames, j);
  g_array_set_size (c->keys, j);
  c->dead = 0;
}

static void
ensure_sorted (const Clock *cc)
{
  Clock *c = (Clock *) cc;

  if (c->unsorted)
    {
      compact (c, TRUE);
      g_ptr_array_sort (c->frames, cmp_frame);
      for (guint i = 0; i < c->frames->len; i++)
        g_array_index (c->keys, guint64, i) = ((FrameRec *) c->frames->pdata[i])->info.frame;
      c->unsorted = FALSE;
    }
}

/* the index of the first entry, live or dead, at or after @frame */
static guint
lower_bound (const Clock *c,
             guint64      frame)
{
  const guint64 *keys = (const guint64 *) c->keys->data;
  guint lo = 0, hi = c->keys->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (keys[mid] < frame)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* lower_bound() for @frame, trying first the entry of the last victim: an
 * eviction removes it and the page loaded into its frame revives it */
static inline guint
find_frame (const Clock *c,
            guint64      frame)
{
  if (c->hint > 0 && c->hint - 1 < c->keys->len
      && g_array_index (c->keys, guint64, c->hint - 1) == frame)
    return c->hint - 1;
  return lower_bound (c, frame);
}

static gpointer
clock_new (PwMachine *host)
{
  Clock *c = g_new0 (Clock, 1);
  c->host = host;
  c->frames = g_ptr_array_new ();
  c->keys = g_array_new (FALSE, FALSE, sizeof (guint64));
  return c;
}

static void
clock_free (gpointer state)
{
  Clock *c = state;
  g_ptr_array_unref (c->frames);
  g_array_unref (c->keys);
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
    g_ptr_array_add (c->frames, src->frames->pdata[i]
                                ? g_hash_table_lookup (map, src->frames->pdata[i]) : NULL);
  c->keys = g_array_copy (src->keys);
  c->dead = src->dead;
  return c;
}

static void
clock_add (gpointer  state,
           FrameRec *r)
{
  Clock *c = state;

  guint i;

  if (c->unsorted || c->host->unsorted)
    {
      g_ptr_array_add (c->frames, r);
      g_array_append_val (c->keys, r->info.frame);
      c->unsorted = TRUE;
      return;
    }
  i = find_frame (c, r->info.frame);
  if (i < c->keys->len && g_array_index (c->keys, guint64, i) == r->info.frame)
    {
      g_assert (c->frames->pdata[i] == NULL);
      c->frames->pdata[i] = r;
      c->dead--;
      return;
    }
  g_ptr_array_insert (c->frames, (gint) i, r);
  g_array_insert_val (c->keys, i, r->info.frame);
}

static void
clock_remove (gpointer  state,
              FrameRec *r)
{
  Clock *c = state;
  guint i;

  ensure_sorted (c);
  i = find_frame (c, r->info.frame);
  g_assert (i < c->frames->len && c->frames->pdata[i] == r);
  c->frames->pdata[i] = NULL;
  c->dead++;
  compact (c, FALSE);
}

static FrameRec *
clock_victim (gpointer state)
{
  Clock *c = state;
  guint n, live, i;

  ensure_sorted (c);
  n = c->frames->len;
  live = n - c->dead;
  {
    /* the hand's index: where the last sweep stopped, if that is still the
     * first entry at or after the hand's frame, else a search */
    const guint64 *keys = (const guint64 *) c->keys->data;
    i = c->hint;
    if (!(i <= n && (i == n || keys[i] >= c->hand) && (i == 0 || keys[i - 1] < c->hand)))
      i = lower_bound (c, c->hand);
  }
  if (live == 0)
    return NULL;
  for (guint passes = 0; passes < 2 * live + 1; passes++, i++)
    {
      FrameRec *r;
      /* the next live entry: the hand passes dead ones for free */
      for (;; i++)
        {
          if (i >= n)
            i = 0;
          if (c->frames->pdata[i] != NULL)
            break;
        }
      r = c->frames->pdata[i];
      {
        /* the entry's key is the record's frame, without reading the record */
        guint64 frame = g_array_index (c->keys, guint64, i);
        /* (frame + 1) % n_frames, without a division for a frame in memory */
        c->hand = frame + 1 < c->host->n_frames ? frame + 1 : (frame + 1) % c->host->n_frames;
      }
      if (!pwk_policy_test_and_clear_use_bit (c->host, r))
        {
          c->hint = i + 1;
          return r;
        }
    }
  return NULL;
}

static void
clock_describe (gconstpointer  state,
                PwPolicyState *out)
{
  const Clock *c = state;
  guint first, n = 0, hand = 0;

  ensure_sorted (c);
  first = lower_bound (c, c->hand);
  /* the live entries; the hand at the first one at or after its frame */
  for (guint i = 0; i < c->frames->len; i++)
    {
      PwPolicyEntry e;
      if (c->frames->pdata[i] == NULL)
        continue;
      if (i < first)
        hand++;
      pwk_policy_entry (c->host, c->frames->pdata[i], &e);
      g_array_append_val (out->entries, e);
      n++;
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

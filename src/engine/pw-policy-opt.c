/* pw-policy-opt.c: Belady's optimal policy
 *
 * Every evictable page knows its next access (FrameRec next_use, from the
 * machine's future: pwk_policy_next_use()); a max-heap on it (FrameRec idx
 * is the heap index) gives the victim, the page used furthest ahead, ties
 * to the page loaded most recently.  An access only moves one page in the
 * heap: O(log pages), never a scan of the future.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-machine"

#include "config.h"

#include "pw-policy.h"

typedef struct
{
  PwMachine *host;
  GPtrArray *heap;   /* FrameRec*, furthest next use first */
} Opt;

static gboolean
heap_before (const FrameRec *a,
             const FrameRec *b)
{
  if (a->next_use != b->next_use)
    return a->next_use > b->next_use;
  return a->page->loaded_at > b->page->loaded_at;
}

static void
heap_swap (GPtrArray *h,
           gint64     i,
           gint64     j)
{
  FrameRec *a = h->pdata[i], *b = h->pdata[j];
  h->pdata[i] = b, b->idx = i;
  h->pdata[j] = a, a->idx = j;
}

static void
heap_up (GPtrArray *h,
         gint64     i)
{
  while (i > 0)
    {
      gint64 parent = (i - 1) / 2;
      if (!heap_before (h->pdata[i], h->pdata[parent]))
        break;
      heap_swap (h, i, parent);
      i = parent;
    }
}

static void
heap_down (GPtrArray *h,
           gint64     i)
{
  gint64 n = h->len;
  for (;;)
    {
      gint64 l = 2 * i + 1, r = l + 1, best = i;
      if (l < n && heap_before (h->pdata[l], h->pdata[best]))
        best = l;
      if (r < n && heap_before (h->pdata[r], h->pdata[best]))
        best = r;
      if (best == i)
        break;
      heap_swap (h, i, best);
      i = best;
    }
}

static gpointer
opt_new (PwMachine *host)
{
  Opt *o = g_new0 (Opt, 1);
  o->host = host;
  o->heap = g_ptr_array_new ();
  return o;
}

static void
opt_free (gpointer state)
{
  Opt *o = state;
  g_ptr_array_unref (o->heap);
  g_free (o);
}

static gpointer
opt_copy (gconstpointer  state,
          PwMachine     *host,
          GHashTable    *map)
{
  const Opt *src = state;
  Opt *o = g_new0 (Opt, 1);

  o->host = host;
  o->heap = g_ptr_array_sized_new (src->heap->len);
  for (guint i = 0; i < src->heap->len; i++)
    g_ptr_array_add (o->heap, g_hash_table_lookup (map, src->heap->pdata[i]));
  return o;
}

static void
opt_add (gpointer  state,
         FrameRec *r)
{
  Opt *o = state;
  r->next_use = pwk_policy_next_use (o->host, r);
  r->idx = o->heap->len;
  g_ptr_array_add (o->heap, r);
  heap_up (o->heap, r->idx);
}

static void
opt_remove (gpointer  state,
            FrameRec *r)
{
  Opt *o = state;
  gint64 i = r->idx, last = o->heap->len - 1;

  if (i != last)
    {
      heap_swap (o->heap, i, last);
      g_ptr_array_set_size (o->heap, last);
      heap_down (o->heap, i);
      heap_up (o->heap, i);
    }
  else
    g_ptr_array_set_size (o->heap, last);
  r->idx = -1;
}

static void
opt_touch (gpointer  state,
           FrameRec *r)
{
  Opt *o = state;
  r->next_use = pwk_policy_current_next_use (o->host);
  heap_down (o->heap, r->idx);
  heap_up (o->heap, r->idx);
}

static FrameRec *
opt_victim (gpointer state)
{
  Opt *o = state;
  return o->heap->len ? o->heap->pdata[0] : NULL;
}

/* the future changed: every page's next use again, and the heap rebuilt */
static void
opt_refresh (gpointer state)
{
  Opt *o = state;

  for (guint i = 0; i < o->heap->len; i++)
    {
      FrameRec *r = o->heap->pdata[i];
      r->next_use = pwk_policy_next_use (o->host, r);
    }
  for (gint64 i = (gint64) o->heap->len / 2 - 1; i >= 0; i--)
    heap_down (o->heap, i);
}

static gint
cmp_victim_first (gconstpointer a,
                  gconstpointer b)
{
  const FrameRec *x = *(FrameRec * const *) a, *y = *(FrameRec * const *) b;
  if (heap_before (x, y))
    return -1;
  return heap_before (y, x) ? 1 : 0;
}

static void
opt_describe (gconstpointer  state,
              PwPolicyState *out)
{
  const Opt *o = state;
  g_autoptr(GPtrArray) order = g_ptr_array_sized_new (o->heap->len);

  for (guint i = 0; i < o->heap->len; i++)
    g_ptr_array_add (order, o->heap->pdata[i]);
  g_ptr_array_sort (order, cmp_victim_first);
  for (guint i = 0; i < order->len; i++)
    {
      const FrameRec *r = order->pdata[i];
      PwPolicyEntry e;
      pwk_policy_entry (o->host, r, &e);
      e.next_use = r->next_use;
      g_array_append_val (out->entries, e);
    }
  /* the heap's top is first in this order: no two pages tie completely
   * unless both are never used again and were loaded at the same access */
  if (order->len)
    {
      const FrameRec *top = o->heap->pdata[0];
      for (guint i = 0; i < order->len; i++)
        if (order->pdata[i] == top)
          out->next_victim = (gint) i;
    }
}

const PwPolicyClass pw_policy_opt_class = {
  .policy = PW_POLICY_OPT,
  .name = "opt",
  .track_use = TRUE,
  .new = opt_new,
  .free = opt_free,
  .copy = opt_copy,
  .add = opt_add,
  .remove = opt_remove,
  .touch = opt_touch,
  .victim = opt_victim,
  .describe = opt_describe,
  .refresh = opt_refresh,
};

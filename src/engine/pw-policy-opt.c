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

/* A heap node holds its page's keys: comparing two pages reads no record
 * (the heap's records are more than the caches keep).  @loaded_at does not
 * change while the page is resident; @next_use is the record's, kept equal. */
typedef struct
{
  guint64   next_use;
  guint64   loaded_at;
  FrameRec *r;
} Node;

typedef struct
{
  PwMachine *host;
  GArray    *heap;   /* Node, furthest next use first */
} Opt;

static inline gboolean
node_before (const Node *a,
             const Node *b)
{
  if (a->next_use != b->next_use)
    return a->next_use > b->next_use;
  return a->loaded_at > b->loaded_at;
}

/* The same order on records, for describe. */
static gboolean
heap_before (const FrameRec *a,
             const FrameRec *b)
{
  if (a->next_use != b->next_use)
    return a->next_use > b->next_use;
  return a->page->loaded_at > b->page->loaded_at;
}

static inline Node *
nodes (GArray *h)
{
  return (Node *) h->data;
}

static inline void
heap_swap (GArray *h,
           gint64  i,
           gint64  j)
{
  Node *n = nodes (h), t = n[i];
  n[i] = n[j], n[i].r->idx = i;
  n[j] = t, n[j].r->idx = j;
}

static void
heap_up (GArray *h,
         gint64  i)
{
  while (i > 0)
    {
      gint64 parent = (i - 1) / 2;
      if (!node_before (&nodes (h)[i], &nodes (h)[parent]))
        break;
      heap_swap (h, i, parent);
      i = parent;
    }
}

static void
heap_down (GArray *h,
           gint64  i)
{
  gint64 n = h->len;
  for (;;)
    {
      gint64 l = 2 * i + 1, r = l + 1, best = i;
      if (l < n && node_before (&nodes (h)[l], &nodes (h)[best]))
        best = l;
      if (r < n && node_before (&nodes (h)[r], &nodes (h)[best]))
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
  o->heap = g_array_new (FALSE, FALSE, sizeof (Node));
  return o;
}

static void
opt_free (gpointer state)
{
  Opt *o = state;
  g_array_unref (o->heap);
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
  o->heap = g_array_copy (src->heap);
  for (guint i = 0; i < o->heap->len; i++)
    nodes (o->heap)[i].r = g_hash_table_lookup (map, nodes (src->heap)[i].r);
  return o;
}

static void
opt_add (gpointer  state,
         FrameRec *r)
{
  Opt *o = state;
  Node n;

  r->next_use = pwk_policy_next_use (o->host, r);
  n.next_use = r->next_use;
  n.loaded_at = r->page->loaded_at;
  n.r = r;
  r->idx = o->heap->len;
  g_array_append_val (o->heap, n);
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
      g_array_set_size (o->heap, last);
      heap_down (o->heap, i);
      heap_up (o->heap, i);
    }
  else
    g_array_set_size (o->heap, last);
  r->idx = -1;
}

/* Called on every access; its loop is short and its speed was seen to
 * depend on where it fell in the binary (opt's replay 5-8% slower after an
 * unrelated change elsewhere moved it): placed at a cache line's start. */
static void __attribute__ ((aligned (64)))
opt_touch (gpointer  state,
           FrameRec *r)
{
  Opt *o = state;
  r->next_use = pwk_policy_current_next_use (o->host);
  nodes (o->heap)[r->idx].next_use = r->next_use;
  heap_down (o->heap, r->idx);
  heap_up (o->heap, r->idx);
}

static FrameRec *
opt_victim (gpointer state)
{
  Opt *o = state;
  return o->heap->len ? nodes (o->heap)[0].r : NULL;
}

/* the future changed: every page's next use again, and the heap rebuilt */
static void
opt_refresh (gpointer state)
{
  Opt *o = state;

  for (guint i = 0; i < o->heap->len; i++)
    {
      Node *n = &nodes (o->heap)[i];
      n->r->next_use = pwk_policy_next_use (o->host, n->r);
      n->next_use = n->r->next_use;
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
    g_ptr_array_add (order, nodes (o->heap)[i].r);
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
      const FrameRec *top = nodes (o->heap)[0].r;
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

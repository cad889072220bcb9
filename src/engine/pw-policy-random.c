/* pw-policy-random.c: a uniformly random victim
 *
 * The evictable pages in an array (FrameRec idx is the index; a removal
 * moves the last page into the hole) and a generator seeded with the
 * scenario's `seed`: the same run gives the same victims.  Accesses change
 * nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-machine"

#include "config.h"

#include "pw-policy.h"

typedef struct
{
  PwMachine *host;
  GPtrArray *pages;   /* FrameRec*, in no order */
  GRand     *rand;
} Random;

static gpointer
random_new (PwMachine *host)
{
  Random *x = g_new0 (Random, 1);
  x->host = host;
  x->pages = g_ptr_array_new ();
  x->rand = g_rand_new_with_seed ((guint32) host->sc->seed);
  return x;
}

static void
random_free (gpointer state)
{
  Random *x = state;
  g_ptr_array_unref (x->pages);
  g_rand_free (x->rand);
  g_free (x);
}

static gpointer
random_copy (gconstpointer  state,
             PwMachine     *host,
             GHashTable    *map)
{
  const Random *src = state;
  Random *x = g_new0 (Random, 1);

  x->host = host;
  x->rand = g_rand_copy (src->rand);
  x->pages = g_ptr_array_sized_new (src->pages->len);
  for (guint i = 0; i < src->pages->len; i++)
    g_ptr_array_add (x->pages, g_hash_table_lookup (map, src->pages->pdata[i]));
  return x;
}

static void
random_add (gpointer  state,
            FrameRec *r)
{
  Random *x = state;
  r->idx = x->pages->len;
  g_ptr_array_add (x->pages, r);
}

static void
random_remove (gpointer  state,
               FrameRec *r)
{
  Random *x = state;
  gint64 i = r->idx, last = x->pages->len - 1;

  if (i != last)
    {
      FrameRec *moved = x->pages->pdata[last];
      x->pages->pdata[i] = moved;
      moved->idx = i;
    }
  g_ptr_array_set_size (x->pages, last);
  r->idx = -1;
}

static FrameRec *
random_victim (gpointer state)
{
  Random *x = state;
  if (x->pages->len == 0)
    return NULL;
  return x->pages->pdata[g_rand_int_range (x->rand, 0, (gint32) x->pages->len)];
}

static gint
cmp_frame (gconstpointer a,
           gconstpointer b)
{
  const FrameRec *x = *(FrameRec * const *) a, *y = *(FrameRec * const *) b;
  return x->info.frame < y->info.frame ? -1 : x->info.frame > y->info.frame;
}

static void
random_describe (gconstpointer  state,
                 PwPolicyState *out)
{
  const Random *x = state;
  g_autoptr(GPtrArray) order = NULL;
  const FrameRec *next;
  GRand *copy;

  if (x->pages->len == 0)
    return;
  /* the next draw, from a copy of the generator */
  copy = g_rand_copy (x->rand);
  next = x->pages->pdata[g_rand_int_range (copy, 0, (gint32) x->pages->len)];
  g_rand_free (copy);
  order = g_ptr_array_sized_new (x->pages->len);
  for (guint i = 0; i < x->pages->len; i++)
    g_ptr_array_add (order, x->pages->pdata[i]);
  g_ptr_array_sort (order, cmp_frame);
  for (guint i = 0; i < order->len; i++)
    {
      PwPolicyEntry e;
      pwk_policy_entry (x->host, order->pdata[i], &e);
      g_array_append_val (out->entries, e);
      if (order->pdata[i] == next)
        out->next_victim = (gint) i;
    }
}

const PwPolicyClass pw_policy_random_class = {
  .policy = PW_POLICY_RANDOM,
  .name = "random",
  .track_use = FALSE,
  .new = random_new,
  .free = random_free,
  .copy = random_copy,
  .add = random_add,
  .remove = random_remove,
  .touch = NULL,
  .victim = random_victim,
  .describe = random_describe,
};

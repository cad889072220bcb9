/* pw-policy-lru.c: least and most recently used
 *
 * One list in FrameRec prev/next in recency order (head: least recently
 * used); every access moves the page to the tail.  lru evicts the head, mru
 * the tail: the two policies differ only there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-machine"

#include "config.h"

#include "pw-policy.h"

typedef struct
{
  PwMachine    *host;
  PwPolicyList  list;   /* head: least recently used */
} Recency;

static gpointer
recency_new (PwMachine *host)
{
  Recency *l = g_new0 (Recency, 1);
  l->host = host;
  return l;
}

static gpointer
recency_copy (gconstpointer  state,
              PwMachine     *host,
              GHashTable    *map)
{
  const Recency *src = state;
  Recency *l = recency_new (host);
  pw_policy_list_copy (&l->list, &src->list, map);
  return l;
}

static void
recency_add (gpointer  state,
             FrameRec *r)
{
  pw_policy_list_append (&((Recency *) state)->list, r);
}

static void
recency_remove (gpointer  state,
                FrameRec *r)
{
  pw_policy_list_unlink (&((Recency *) state)->list, r);
}

static void
recency_touch (gpointer  state,
               FrameRec *r)
{
  Recency *l = state;
  if (l->list.tail != r)
    {
      pw_policy_list_unlink (&l->list, r);
      pw_policy_list_append (&l->list, r);
    }
}

static FrameRec *
lru_victim (gpointer state)
{
  return ((Recency *) state)->list.head;
}

static FrameRec *
mru_victim (gpointer state)
{
  return ((Recency *) state)->list.tail;
}

static void
lru_describe (gconstpointer  state,
              PwPolicyState *out)
{
  const Recency *l = state;
  pw_policy_list_describe (&l->list, l->host, out);
  out->next_victim = out->entries->len ? 0 : -1;
}

static void
mru_describe (gconstpointer  state,
              PwPolicyState *out)
{
  const Recency *l = state;
  pw_policy_list_describe (&l->list, l->host, out);
  out->next_victim = (gint) out->entries->len - 1;
}

const PwPolicyClass pw_policy_lru_class = {
  .policy = PW_POLICY_LRU,
  .name = "lru",
  .track_use = TRUE,
  .new = recency_new,
  .free = g_free,
  .copy = recency_copy,
  .add = recency_add,
  .remove = recency_remove,
  .touch = recency_touch,
  .victim = lru_victim,
  .describe = lru_describe,
};

const PwPolicyClass pw_policy_mru_class = {
  .policy = PW_POLICY_MRU,
  .name = "mru",
  .track_use = TRUE,
  .new = recency_new,
  .free = g_free,
  .copy = recency_copy,
  .add = recency_add,
  .remove = recency_remove,
  .touch = recency_touch,
  .victim = mru_victim,
  .describe = mru_describe,
};

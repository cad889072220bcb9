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

/* the state is a PwPolicyList (pw-policy.h), head: least recently used */

static void
recency_touch (gpointer  state,
               FrameRec *r)
{
  PwPolicyList *l = state;
  if (l->tail != r)
    {
      pw_policy_list_unlink (l, r);
      pw_policy_list_append (l, r);
    }
}

static FrameRec *
lru_victim (gpointer state)
{
  return ((PwPolicyList *) state)->head;
}

static FrameRec *
mru_victim (gpointer state)
{
  return ((PwPolicyList *) state)->tail;
}

static void
lru_describe (gconstpointer  state,
              PwPolicyState *out)
{
  pw_policy_list_describe (state, out);
  out->next_victim = out->entries->len ? 0 : -1;
}

static void
mru_describe (gconstpointer  state,
              PwPolicyState *out)
{
  pw_policy_list_describe (state, out);
  out->next_victim = (gint) out->entries->len - 1;
}

const PwPolicyClass pw_policy_lru_class = {
  .policy = PW_POLICY_LRU,
  .name = "lru",
  .track_use = TRUE,
  .new = pw_policy_list_new,
  .free = g_free,
  .copy = pw_policy_list_copy,
  .add = pw_policy_list_add,
  .remove = pw_policy_list_remove,
  .touch = recency_touch,
  .victim = lru_victim,
  .describe = lru_describe,
};

const PwPolicyClass pw_policy_mru_class = {
  .policy = PW_POLICY_MRU,
  .name = "mru",
  .track_use = TRUE,
  .new = pw_policy_list_new,
  .free = g_free,
  .copy = pw_policy_list_copy,
  .add = pw_policy_list_add,
  .remove = pw_policy_list_remove,
  .touch = recency_touch,
  .victim = mru_victim,
  .describe = mru_describe,
};

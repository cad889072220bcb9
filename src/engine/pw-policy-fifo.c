/* pw-policy-fifo.c: first in, first out
 *
 * The evictable pages in load order (a list in FrameRec prev/next); the
 * victim is the head, the page loaded earliest.  Accesses change nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-machine"

#include "config.h"

#include "pw-policy.h"

/* the state is a PwPolicyList (pw-policy.h), head: loaded earliest */

static FrameRec *
fifo_victim (gpointer state)
{
  return ((PwPolicyList *) state)->head;
}

static void
fifo_describe (gconstpointer  state,
               PwPolicyState *out)
{
  pw_policy_list_describe (state, out);
  out->next_victim = out->entries->len ? 0 : -1;
}

const PwPolicyClass pw_policy_fifo_class = {
  .policy = PW_POLICY_FIFO,
  .name = "fifo",
  .track_use = FALSE,
  .new = pw_policy_list_new,
  .free = g_free,
  .copy = pw_policy_list_copy,
  .add = pw_policy_list_add,
  .remove = pw_policy_list_remove,
  .touch = NULL,
  .victim = fifo_victim,
  .describe = fifo_describe,
};

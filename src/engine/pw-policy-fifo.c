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

typedef struct
{
  PwMachine    *host;
  PwPolicyList  list;   /* head: loaded earliest */
} Fifo;

static gpointer
fifo_new (PwMachine *host)
{
  Fifo *f = g_new0 (Fifo, 1);
  f->host = host;
  return f;
}

static gpointer
fifo_copy (gconstpointer  state,
           PwMachine     *host,
           GHashTable    *map)
{
  const Fifo *src = state;
  Fifo *f = fifo_new (host);
  pw_policy_list_copy (&f->list, &src->list, map);
  return f;
}

static void
fifo_add (gpointer  state,
          FrameRec *r)
{
  pw_policy_list_append (&((Fifo *) state)->list, r);
}

static void
fifo_remove (gpointer  state,
             FrameRec *r)
{
  pw_policy_list_unlink (&((Fifo *) state)->list, r);
}

static FrameRec *
fifo_victim (gpointer state)
{
  return ((Fifo *) state)->list.head;
}

static void
fifo_describe (gconstpointer  state,
               PwPolicyState *out)
{
  const Fifo *f = state;
  pw_policy_list_describe (&f->list, f->host, out);
  out->next_victim = out->entries->len ? 0 : -1;
}

const PwPolicyClass pw_policy_fifo_class = {
  .policy = PW_POLICY_FIFO,
  .name = "fifo",
  .track_use = FALSE,
  .new = fifo_new,
  .free = g_free,
  .copy = fifo_copy,
  .add = fifo_add,
  .remove = fifo_remove,
  .touch = NULL,
  .victim = fifo_victim,
  .describe = fifo_describe,
};

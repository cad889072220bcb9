/* pw-policy.c: the registry of replacement policies
 *
 * One class per PwPolicy value; a new policy is a new pw-policy-NAME.c, its
 * PwPolicy value (pw-scenario.h) and one line below.  The list helpers that
 * fifo, lru and mru share are here too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-machine"

#include "config.h"

#include "pw-policy.h"

static const PwPolicyClass * const classes[] = {
  [PW_POLICY_FIFO] = &pw_policy_fifo_class,
  [PW_POLICY_LRU] = &pw_policy_lru_class,
  [PW_POLICY_OPT] = &pw_policy_opt_class,
  [PW_POLICY_CLOCK] = &pw_policy_clock_class,
  [PW_POLICY_RANDOM] = &pw_policy_random_class,
  [PW_POLICY_MRU] = &pw_policy_mru_class,
};

const PwPolicyClass *
pw_policy_class (PwPolicy policy)
{
  if ((guint) policy >= G_N_ELEMENTS (classes))
    return NULL;
  return classes[policy];
}

const PwPolicyClass *
pw_policy_class_by_name (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    if (classes[i] != NULL && g_strcmp0 (classes[i]->name, name) == 0)
      return classes[i];
  return NULL;
}

gpointer
pw_policy_list_new (PwMachine *host)
{
  PwPolicyList *l = g_new0 (PwPolicyList, 1);
  l->host = host;
  return l;
}

/* A copy made of the records @map gives. */
gpointer
pw_policy_list_copy (gconstpointer  state,
                     PwMachine     *host,
                     GHashTable    *map)
{
  const PwPolicyList *src = state;
  PwPolicyList *l = pw_policy_list_new (host);

  for (FrameRec *r = src->head; r; r = r->next)
    pw_policy_list_append (l, g_hash_table_lookup (map, r));
  return l;
}

void
pw_policy_list_add (gpointer  state,
                    FrameRec *r)
{
  pw_policy_list_append (state, r);
}

void
pw_policy_list_remove (gpointer  state,
                       FrameRec *r)
{
  pw_policy_list_unlink (state, r);
}

void
pw_policy_list_describe (const PwPolicyList *l,
                         PwPolicyState      *out)
{
  for (FrameRec *r = l->head; r; r = r->next)
    {
      PwPolicyEntry e;
      pwk_policy_entry (l->host, r, &e);
      g_array_append_val (out->entries, e);
    }
}

/* pw-kernel-replace.c: the kernel's side of page replacement
 *
 * Which resident data frames may be evicted (the eligible set), and the
 * calls into the machine's policy (pw-policy.h): add, remove, victim, copy,
 * describe.  The host callbacks the policies use are here too: the use bit
 * (the leaf entry's accessed bit) and the next use of a page in the known
 * future.  No line here depends on which policy runs; the policies are
 * described in docs/machine.md.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-machine"

#include "config.h"

#include "pw-machine-private.h"
#include "pw-physmem-private.h"
#include "pw-policy.h"

/* ---- host callbacks ------------------------------------------------------ */

gboolean
pwk_policy_use_bit (const PwMachine *m,
                    const FrameRec  *r)
{
  guint64 e = pw_physmem_read_entry (m->mem, r->pte_pa, m->arch->pte_bytes);
  return pw_arch_entry_accessed (m->arch, e);
}

gboolean
pwk_policy_test_and_clear_use_bit (PwMachine *m,
                                   FrameRec  *r)
{
  gboolean known;
  guint64 e = pw_physmem_read_fast (m->mem, r->pte_pa, m->arch->pte_bytes, &known);

  if (!pw_arch_entry_accessed (m->arch, e))
    return FALSE;
  pw_physmem_write_fast (m->mem, r->pte_pa, m->arch->pte_bytes,
                         pw_arch_clear_ad (m->arch, e, TRUE, FALSE));
  pwk_tlb_shootdown_fast (m, r->info.pid, r->info.vpn << m->arch->page_shift,
                          pw_arch_page_size (m->arch));
  return TRUE;
}

guint64
pwk_policy_next_use (const PwMachine *m,
                     const FrameRec  *r)
{
  guint64 i;

  if (m->future == NULL)
    return G_MAXUINT64;
  if (m->first_use == NULL)
    /* pw_machine_set_future(): only the page being accessed is known */
    return pwk_policy_current_next_use (m);
  if (m->tick > m->n_access && r->info.pid == m->access_pid && r->info.vpn == m->access_vpn)
    /* the page being accessed now (the one a fault loads): the future was
     * recorded from these very accesses, so its first use from now is this
     * access, and what follows is the access after it; no search */
    return pwk_policy_current_next_use (m);
  i = pw_first_use_at_or_after (m->first_use, r->info.pid, r->info.vpn, m->n_access);
  /* during access i to this very page: the access after it */
  if (i == m->n_access && m->tick > m->n_access)
    return pwk_policy_current_next_use (m);
  return i;
}

void
pwk_policy_entry (const PwMachine *m,
                  const FrameRec  *r,
                  PwPolicyEntry   *e)
{
  e->pid = r->info.pid;
  e->vpn = r->info.vpn;
  e->frame = r->info.frame;
  e->use_bit = pwk_policy_use_bit (m, r);
  e->next_use = G_MAXUINT64;
  e->loaded_at = r->page ? r->page->loaded_at : 0;
  e->used_at = r->page ? r->page->used_at : 0;
}

/* ---- the eligible set ---------------------------------------------------- */

void
pwk_eligible_add (PwMachine *m,
                  FrameRec  *r)
{
  if (r->eligible)
    return;
  r->eligible = TRUE;
  m->pol->add (m->pol_state, r);
}

void
pwk_eligible_remove (PwMachine *m,
                     FrameRec  *r)
{
  if (!r->eligible)
    return;
  r->eligible = FALSE;
  m->pol->remove (m->pol_state, r);
}

FrameRec *
pwk_choose_victim (PwMachine *m)
{
  return m->pol->victim (m->pol_state);
}

/* ---- the policy's state -------------------------------------------------- */

void
pwk_replace_init (PwMachine *m)
{
  m->policy = m->cfg.policy;
  m->pol = pw_policy_class (m->policy);
  g_assert (m->pol != NULL);
  m->track_use = m->pol->track_use;
  m->pol_state = m->pol->new (m);
}

void
pwk_replace_free (PwMachine *m)
{
  m->pol->free (m->pol_state);
  g_clear_pointer (&m->first_use, pw_first_use_unref);
}

void
pwk_replace_copy (PwMachine       *m,
                  const PwMachine *src,
                  GHashTable      *map)
{
  m->pol_state = src->pol->copy (src->pol_state, m, map);
  if (m->first_use)
    pw_first_use_ref (m->first_use);
}

void
pw_machine_set_future_full (PwMachine     *m,
                            const guint64 *next_use,
                            guint64        n,
                            PwFirstUse    *first_use)
{
  m->future = next_use;
  m->n_future = n;
  if (first_use)
    pw_first_use_ref (first_use);
  g_clear_pointer (&m->first_use, pw_first_use_unref);
  m->first_use = first_use;
  /* pages made resident before (set-up's pins) get their next use now */
  if (first_use && m->pol->refresh)
    m->pol->refresh (m->pol_state);
}

void
pw_machine_set_future (PwMachine     *m,
                       const guint64 *next_use,
                       guint64        n)
{
  pw_machine_set_future_full (m, next_use, n, NULL);
}

void
pw_machine_describe_policy (const PwMachine *m,
                            PwPolicyState   *out)
{
  out->policy = m->policy;
  out->entries = g_array_new (FALSE, FALSE, sizeof (PwPolicyEntry));
  out->next_victim = -1;
  out->hand = -1;
  m->pol->describe (m->pol_state, out);
}

void
pw_policy_state_clear (PwPolicyState *state)
{
  g_clear_pointer (&state->entries, g_array_unref);
  state->next_victim = -1;
  state->hand = -1;
}

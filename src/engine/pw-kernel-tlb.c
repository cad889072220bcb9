/* pw-kernel-tlb.c: the TLB
 *
 * A set-associative cache of leaf translations: lookup by the set a page
 * number selects (for each page size the architecture has), insertion with
 * LRU, FIFO or random replacement within a set, shootdowns of a range and
 * flushes.  The rules are in docs/machine.md.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-machine"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pw-format.h"
#include "pw-machine-private.h"
#include "pw-number.h"

/* ---- TLB ---------------------------------------------------------------- */

static inline PwProt
access_prot (PwAccess access)
{
  switch (access)
    {
    case PW_ACCESS_READ: return PW_PROT_R;
    case PW_ACCESS_WRITE: return PW_PROT_W;
    case PW_ACCESS_EXEC: return PW_PROT_X;
    default: return 0;
    }
}

void
pwk_tlb_flush_all (PwMachine *m)
{
  for (guint i = 0; i < m->tlb_n; i++)
    m->tlb[i].valid = FALSE;
}

void
pwk_tlb_flush_pid (PwMachine *m,
                   guint      pid)
{
  for (guint i = 0; i < m->tlb_n; i++)
    if (m->tlb[i].pid == pid)
      m->tlb[i].valid = FALSE;
}

/* Whether the TLB may hold pages of @level: the base page, and large pages
 * where the architecture has them. */
static inline gboolean
tlb_level_used (const PwArch *a,
                guint         level)
{
  return level + 1 == a->n_levels || a->large_ok[level];
}

/* The entry of @pid that maps @va with a page of @level's size, or NULL: only
 * the set that @va's page number selects can hold it. */
static inline PwTlbEntry *
tlb_probe_shift (PwMachine *m,
                 guint      pid,
                 guint64    va,
                 guint      shift)
{
  guint64 vpn = shift >= 64 ? 0 : va >> shift;
  PwTlbEntry *set = tlb_set (m, vpn);

  for (guint w = 0; w < m->tlb_ways; w++)
    if (set[w].valid && set[w].pid == pid && set[w].vpn == vpn
        && set[w].size == (G_GUINT64_CONSTANT (1) << shift))
      return &set[w];
  return NULL;
}

static PwTlbEntry *
tlb_probe (PwMachine *m,
           guint      pid,
           guint64    va,
           guint      level)
{
  return tlb_probe_shift (m, pid, va, pw_arch_level_shift (m->arch, level));
}

/* Invalidates every entry of @pid that overlaps [va, va + size) (which may
 * end at 2^64: compared by last addresses). */
void
pwk_tlb_shootdown (PwMachine *m,
                   guint      pid,
                   guint64    va,
                   guint64    size)
{
  const PwArch *a = m->arch;

  if (m->tlb_n == 0)
    return;
  if (m->raw_tables)
    {
      /* tables the file gave may be shared by processes, or reached by
       * several addresses: an entry the kernel changes may be cached for
       * any of them */
      pwk_tlb_flush_all (m);
      return;
    }
  if (size <= pw_arch_page_size (a))
    {
      /* one base page: only the set that could hold it, for each page size
       * (only the base size if the TLB never held a large page: its shift is
       * the page shift) */
      if (!m->tlb_large)
        {
          PwTlbEntry *e = tlb_probe_shift (m, pid, va, a->page_shift);
          if (e != NULL)
            e->valid = FALSE;
          return;
        }
      for (guint l = 0; l < a->n_levels; l++)
        {
          PwTlbEntry *e = tlb_level_used (a, l) ? tlb_probe (m, pid, va, l) : NULL;
          if (e != NULL)
            e->valid = FALSE;
        }
      return;
    }
  for (guint i = 0; i < m->tlb_n; i++)
    {
      PwTlbEntry *e = &m->tlb[i];
      guint64 start;
      if (!e->valid || e->pid != pid)
        continue;
      start = e->vpn * e->size;
      if (start <= va + (size - 1) && va <= start + (e->size - 1))
        e->valid = FALSE;
    }
}

PwTlbEntry *
pwk_tlb_lookup (PwMachine *m,
                guint      pid,
                guint64    va)
{
  const PwArch *a = m->arch;
  PwTlbEntry *e;

  /* the base page size first (the last level's shift is the page shift),
   * then the large ones, if the TLB ever held one */
  e = tlb_probe_shift (m, pid, va, a->page_shift);
  if (e != NULL || !m->tlb_large)
    return e;
  for (guint l = a->n_levels - 1; l-- > 0;)
    {
      e = tlb_level_used (a, l) ? tlb_probe (m, pid, va, l) : NULL;
      if (e != NULL)
        return e;
    }
  return NULL;
}

void
pwk_tlb_insert (PwMachine    *m,
                guint         pid,
                const PwWalk *w)
{
  guint shift = pw_log2 (w->page_size);
  guint64 vpn = w->va >> shift;
  PwTlbEntry *set = tlb_set (m, vpn);
  PwTlbEntry *victim = NULL;
  const PwWalkStep *leaf = &w->steps[w->n_steps - 1];
  const PwArch *a = m->arch;
  const PwEntryFormat *fmt = pw_arch_format (a);
  PwRights rights;
  guint64 entry;
  PwProt prot;
  gboolean dirty;

  if (!m->raw_tables && fmt->tlb_leaf != NULL)
    /* all of the below in one call to the format */
    fmt->tlb_leaf (a, leaf->depth, leaf->entry, w->access == PW_ACCESS_WRITE, &prot, &dirty);
  else
    {
      if (m->raw_tables)
        {
          /* tables the file gave may alias an entry the walk updated twice:
           * what memory holds now */
          entry = pw_physmem_read (m->mem, leaf->entry_pa, m->arch->pte_bytes, NULL);
        }
      else
        {
          /* the leaf as the walk (PW_WALK_SET_AD, every caller's) left it in
           * memory: what it read, with the accessed and dirty state set */
          entry = fmt->set_accessed (a, leaf->depth, TRUE, leaf->entry);
          if (w->access == PW_ACCESS_WRITE)
            entry = fmt->set_dirty (a, entry);
        }
      /* pw_arch_entry_prot() and pw_arch_entry_dirty(), asked of the format
       * held here; clean when the hardware keeps a dirty state and the entry
       * is clean: the first write through it walks to set that state
       * (pw_machine_access) */
      fmt->rights (a, a->n_levels - 1, entry, &rights);
      prot = rights.prot;
      dirty = fmt->is_dirty (a, entry) || fmt->assume_dirty (a);
    }

  /* the first free way; failing that, the least stamp (the first of equal
   * ones), by index and value, in the same pass: compiled without branches
   * the random order mispredicts */
  {
    guint best = 0;
    guint64 least = set[0].stamp;

    for (guint i = 0; i < m->tlb_ways; i++)
      {
        gboolean less = set[i].stamp < least;

        if (!set[i].valid)
          {
            victim = &set[i];
            break;
          }
        best = less ? i : best;
        least = less ? set[i].stamp : least;
      }
    if (victim == NULL)
      victim = m->cfg.tlb_policy == PW_TLB_RANDOM
               ? &set[g_rand_int_range (m->tlb_rand, 0, (gint32) m->tlb_ways)]
               : &set[best];
  }
  if (w->page_size != pw_arch_page_size (m->arch))
    m->tlb_large = TRUE;
  victim->valid = TRUE;
  victim->pid = pid;
  victim->vpn = vpn;
  victim->size = w->page_size;
  victim->frame = (w->pa & ~(w->page_size - 1)) >> m->arch->page_shift;
  victim->prot = prot;
  victim->user = w->mode == PW_MODE_USER;
  victim->dirty = dirty;
  victim->stamp = ++m->tlb_stamp;
  /* the walk allowed its own access kind; the others are asked of the walk
   * when first used (pwk_tlb_permits) */
  victim->checked = victim->allowed = access_prot (w->access);
}

guint
pw_machine_tlb_size (const PwMachine *m)
{
  return m->tlb_n;
}

const PwTlbEntry *
pw_machine_tlb_entry (const PwMachine *m,
                      guint            i)
{
  g_return_val_if_fail (i < m->tlb_n, NULL);
  return &m->tlb[i];
}

/* Whether @e may serve @access by @p at @va: exactly when the walk would
 * allow it.  The entry's decoded protection (@e->prot, for display) is not
 * enough: the walk also checks the tables above the leaf, execute-only and
 * user pages, and entries the file gave.  The first use of an access kind
 * asks the walk (reading entries, changing nothing); the kernel shoots the
 * entry down whenever it changes them. */
gboolean
pwk_tlb_permits (PwMachine       *m,
                 PwTlbEntry      *e,
                 const PwProcess *p,
                 guint64          va,
                 PwAccess         access)
{
  PwProt bit = access_prot (access);

  if (!(e->checked & bit))
    {
      PwWalk w;
      pw_mmu_walk (m->arch, m->mem, p->root, va, access, PW_MODE_USER,
                   PW_WALK_NO_VALUE | PW_WALK_NO_FIELDS, &w);
      e->checked |= bit;
      if (w.fault == PW_FAULT_NONE)
        e->allowed |= bit;
    }
  return (e->allowed & bit) != 0;
}

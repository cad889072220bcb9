/* pw-kernel-replace.c: page replacement
 *
 * Which resident data frames may be evicted (the eligible set), the
 * bookkeeping each policy keeps on every use (touch), and the choice of a
 * victim: fifo, lru, mru (lists), opt (a heap on the next use), random and
 * clock (the eligible frames in frame order).  Every policy-specific line of
 * the kernel is here.  The policies are described in docs/machine.md.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-machine"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pw-machine-private.h"
#include "pw-number.h"

/* ---- replacement bookkeeping ------------------------------------------- */

static gboolean
heap_before (const FrameRec *a,
             const FrameRec *b)
{
  /* opt: furthest next use first; ties to the page loaded most recently */
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

static void
list_unlink (PwMachine *m,
             FrameRec  *r)
{
  if (r->prev) r->prev->next = r->next; else m->head = r->next;
  if (r->next) r->next->prev = r->prev; else m->tail = r->prev;
  r->prev = r->next = NULL;
}

static void
list_append (PwMachine *m,
                 FrameRec  *r)
{
  r->prev = m->tail;
  r->next = NULL;
  if (m->tail) m->tail->next = r; else m->head = r;
  m->tail = r;
}

static guint64
current_next_use (PwMachine *m)
{
  /* the access being made now is n_access */
  if (m->future && m->n_access < m->n_future)
    return m->future[m->n_access];
  return G_MAXUINT64;
}

/* clock: m->heap holds the eligible frames in frame order, so the hand
 * visits only them (not every frame number of a 52-bit memory); the index of
 * the first one at or after @frame. */
static guint
clock_lower_bound (GPtrArray *a,
                   guint64    frame)
{
  guint lo = 0, hi = a->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (((FrameRec *) a->pdata[mid])->info.frame < frame)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

void
pwk_eligible_add (PwMachine *m,
                  FrameRec  *r)
{
  if (r->eligible)
    return;
  r->eligible = TRUE;
  switch (m->policy)
    {
    case PW_POLICY_FIFO:
    case PW_POLICY_LRU:
    case PW_POLICY_MRU:
      list_append (m, r);
      break;
    case PW_POLICY_OPT:
      r->next_use = current_next_use (m);
      r->idx = m->heap->len;
      g_ptr_array_add (m->heap, r);
      heap_up (m->heap, r->idx);
      break;
    case PW_POLICY_RANDOM:
      r->idx = m->heap->len;
      g_ptr_array_add (m->heap, r);
      break;
    case PW_POLICY_CLOCK:
      g_ptr_array_insert (m->heap, (gint) clock_lower_bound (m->heap, r->info.frame), r);
      break;
    default:
      break;
    }
}

void
pwk_eligible_remove (PwMachine *m,
                     FrameRec  *r)
{
  if (!r->eligible)
    return;
  r->eligible = FALSE;
  switch (m->policy)
    {
    case PW_POLICY_FIFO:
    case PW_POLICY_LRU:
    case PW_POLICY_MRU:
      list_unlink (m, r);
      break;
    case PW_POLICY_OPT:
      {
        gint64 i = r->idx, last = m->heap->len - 1;
        if (i != last)
          {
            heap_swap (m->heap, i, last);
            g_ptr_array_set_size (m->heap, last);
            heap_down (m->heap, i);
            heap_up (m->heap, i);
          }
        else
          g_ptr_array_set_size (m->heap, last);
        r->idx = -1;
      }
      break;
    case PW_POLICY_RANDOM:
      {
        gint64 i = r->idx, last = m->heap->len - 1;
        if (i != last)
          {
            FrameRec *x = m->heap->pdata[last];
            m->heap->pdata[i] = x;
            x->idx = i;
          }
        g_ptr_array_set_size (m->heap, last);
        r->idx = -1;
      }
      break;
    case PW_POLICY_CLOCK:
      {
        guint i = clock_lower_bound (m->heap, r->info.frame);
        g_assert (i < m->heap->len && m->heap->pdata[i] == r);
        g_ptr_array_remove_index (m->heap, i);
      }
      break;
    default:
      break;
    }
}

/* Called on every access to a resident data page. */
void
pwk_touch_rec (PwMachine *m,
               FrameRec  *r)
{
  if (r == NULL || r->page == NULL)
    return;
  r->page->used_at = m->tick;
  if (!r->eligible)
    return;
  switch (m->policy)
    {
    case PW_POLICY_LRU:
    case PW_POLICY_MRU:
      if (m->tail != r)
        {
          list_unlink (m, r);
          list_append (m, r);
        }
      break;
    case PW_POLICY_OPT:
      r->next_use = current_next_use (m);
      heap_down (m->heap, r->idx);
      heap_up (m->heap, r->idx);
      break;
    default:
      break;
    }
}

/* ---- replacement -------------------------------------------------------- */

FrameRec *
pwk_choose_victim (PwMachine *m)
{
  switch (m->policy)
    {
    case PW_POLICY_FIFO:
    case PW_POLICY_LRU:
      return m->head;
    case PW_POLICY_MRU:
      return m->tail;
    case PW_POLICY_OPT:
      return m->heap->len ? m->heap->pdata[0] : NULL;
    case PW_POLICY_RANDOM:
      if (m->heap->len == 0)
        return NULL;
      return m->heap->pdata[g_rand_int_range (m->rand, 0, (gint32) m->heap->len)];
    case PW_POLICY_CLOCK:
      {
        /* one hand over the frames in frame order; the accessed bit is the use
         * bit, cleared as the hand passes (with a TLB shootdown, so the next
         * access walks again and sets it) */
        guint n = m->heap->len, i = clock_lower_bound (m->heap, m->hand);
        for (guint passes = 0; passes < 2 * n + 1; passes++, i++)
          {
            FrameRec *r;
            if (i >= n)
              i = 0;
            if (n == 0)
              break;
            r = m->heap->pdata[i];
            m->hand = (r->info.frame + 1) % m->n_frames;
            {
              guint64 e = pw_physmem_read (m->mem, r->pte_pa, m->arch->pte_bytes, NULL);
              if (pw_arch_entry_accessed (m->arch, e))
                {
                  pw_physmem_write (m->mem, r->pte_pa, m->arch->pte_bytes,
                                    pw_arch_clear_ad (m->arch, e, TRUE, FALSE));
                  pwk_tlb_shootdown (m, r->info.pid, r->info.vpn << m->arch->page_shift,
                                 pw_arch_page_size (m->arch));
                  continue;
                }
              return r;
            }
          }
        return NULL;
      }
    default:
      return NULL;
    }
}


/* ---- the policy's data -------------------------------------------------- */

void
pwk_replace_init (PwMachine *m)
{
  m->policy = m->cfg.policy;
  m->track_use = m->policy == PW_POLICY_LRU || m->policy == PW_POLICY_MRU
                 || m->policy == PW_POLICY_OPT;
  m->heap = g_ptr_array_new ();
  m->rand = g_rand_new_with_seed ((guint32) m->sc->seed);
}

void
pwk_replace_free (PwMachine *m)
{
  g_ptr_array_unref (m->heap);
  g_rand_free (m->rand);
}

void
pwk_replace_copy (PwMachine       *m,
                  const PwMachine *src,
                  GHashTable      *map)
{
  m->rand = g_rand_copy (src->rand);
  m->head = m->tail = NULL;
  for (FrameRec *r = src->head; r; r = r->next)
    list_append (m, g_hash_table_lookup (map, r));
  m->heap = g_ptr_array_sized_new (src->heap->len);
  for (guint i = 0; i < src->heap->len; i++)
    g_ptr_array_add (m->heap, g_hash_table_lookup (map, src->heap->pdata[i]));
}

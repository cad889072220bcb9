/* pw-kernel-fault.c: the kernel's fault handler, eviction and swap
 *
 * What a fault means (a first touch, a page on disk, a copy-on-write, a
 * violation) and how the kernel fixes it; evicting a page (write-back or
 * drop) to make room; swap slots.  The rules are in docs/machine.md.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-machine"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pw-machine-private.h"
#include "pw-number.h"
#include "pw-physmem-private.h"

/* ---- swap --------------------------------------------------------------- */

gboolean
pwk_slot_take (PwMachine *m,
               guint      pid,
               guint64    vpn,
               guint64   *slot)
{
  if (!pw_ranges_take_lowest (m->free_slots, 1, slot))
    return FALSE;
  m->slots[*slot].used = TRUE;
  m->slots[*slot].pid = pid;
  m->slots[*slot].vpn = vpn;
  return TRUE;
}

void
pwk_slot_release (PwMachine *m,
                  guint64    slot)
{
  if (slot >= m->n_slots || !m->slots[slot].used)
    return;
  g_clear_pointer (&m->slots[slot].bytes, g_bytes_unref);
  m->slots[slot].used = FALSE;
  pw_ranges_give (m->free_slots, slot, 1);
}

gboolean
pw_machine_slot_owner (const PwMachine *m,
                       guint64          slot,
                       guint           *pid,
                       guint64         *vpn)
{
  if (slot >= m->n_slots || !m->slots[slot].used)
    return FALSE;
  if (pid) *pid = m->slots[slot].pid;
  if (vpn) *vpn = m->slots[slot].vpn;
  return TRUE;
}

/* Evicts one data page.  FALSE when nothing can be evicted (no victim, or
 * no swap slot for a dirty one: out of memory). */
gboolean
pwk_evict_one (PwMachine *m,
               PwEvent   *ev)
{
  FrameRec *r = pwk_choose_victim (m);
  PwProcess *p;
  PwPage *pg;
  guint64 e;
  gboolean dirty, keep;
  guint64 slot = 0;

  if (r == NULL)
    return FALSE;
  p = pwk_lookup_mut (m, r->info.pid);
  pg = r->page;
  g_assert (p != NULL && pg != NULL);

  e = pw_physmem_read_entry (m->mem, r->pte_pa, m->arch->pte_bytes);
  /* without a hardware dirty bit the kernel must assume the page was written */
  dirty = pw_arch_entry_dirty (m->arch, e) || !hw_dirty_state (m->arch);
  /* contents that exist nowhere else must be kept: a page written since it
   * was loaded, or a clean page that has no copy on disk but is not zero */
  keep = dirty || (!pg->on_disk && !pg->zero);

  if (keep)
    {
      if (pg->on_disk)
        slot = pg->slot;
      else if (!pwk_slot_take (m, p->pid, pg->vpn, &slot))
        return FALSE;
      {
        const guint8 *b = pw_physmem_frame (m->mem, r->info.frame);
        g_clear_pointer (&m->slots[slot].bytes, g_bytes_unref);
        /* accesses never change a page's bytes: a zero-filled page is still
         * zero, and shares one buffer (checkpoints stay small) */
        if (b != NULL && pg->zero)
          m->slots[slot].bytes = g_bytes_ref (m->zero_page);
        else
          m->slots[slot].bytes = b ? g_bytes_new (b, pw_arch_page_size (m->arch)) : NULL;
      }
      pg->on_disk = TRUE;
      pg->slot = slot;
      m->stats.writebacks++;
    }

  if (ev)
    ev->n_evicted++;
  if (ev && !ev->evicted.happened)
    {
      ev->evicted.happened = TRUE;
      ev->evicted.pid = p->pid;
      ev->evicted.vpn = pg->vpn;
      ev->evicted.frame = r->info.frame;
      ev->evicted.dirty = dirty;
      ev->evicted.to_disk = pg->on_disk;
      ev->evicted.written = keep;
      ev->evicted.slot = pg->on_disk ? pg->slot : 0;
    }
  m->stats.evictions++;

  pwk_unmap_resident (m, p, pg, TRUE);
  if (!pg->on_disk)
    {
      /* a zero page nobody wrote: forget it, the next touch zeroes again */
      guint64 vpn = pg->vpn;
      g_hash_table_remove (p->pages, &vpn);
    }
  return TRUE;
}

/* ---- the kernel's fault handler ----------------------------------------- */

/* Makes room for @data frames plus the tables @va's path lacks, evicting
 * first, so that no eviction runs while the path is being built. */
gboolean
pwk_make_room (PwMachine *m,
               PwProcess *p,
               guint64    va,
               guint64    data,
               PwEvent   *ev)
{
  guint64 missing = 0, freed = 0;
  gboolean known = FALSE;

  for (;;)
    {
      guint64 need;
      gboolean quota;
      /* an eviction changes the path only by freeing tables on it (kernel
       * tables; those the file gave may alias anything) */
      if (!known || freed != m->tables_freed || m->raw_tables)
        {
          missing = pwk_missing_tables (m, p, va, base_level (m));
          freed = m->tables_freed;
          known = TRUE;
        }
      need = data + missing;
      quota = m->cfg.data_frames == 0 || data == 0
              || m->n_data + data <= m->cfg.data_frames;
      if (quota && pw_ranges_total (m->free) >= need)
        return TRUE;
      if (!pwk_evict_one (m, ev))
        return FALSE;
    }
}

/* The lowest free run of @n frames aligned to @n (a large page: its entry
 * has no bits for a frame that is not aligned), taken out. */
static gboolean
take_lowest_aligned (PwRanges *ranges,
                     guint64   n,
                     guint64  *out)
{
  for (guint i = 0; i < pw_ranges_n (ranges); i++)
    {
      guint64 start, count, aligned;
      pw_ranges_nth (ranges, i, &start, &count);
      aligned = (start + n - 1) & ~(n - 1);
      if (aligned >= start && aligned - start < count && count - (aligned - start) >= n)
        {
          *out = aligned;
          return pw_ranges_take (ranges, aligned, n);
        }
    }
  return FALSE;
}

static gboolean
cow_break (PwMachine *m,
           PwProcess *p,
           PwPage    *pg,
           PwEvent   *ev)
{
  FrameRec *r = pwk_frame_rec (m, pg->frame);
  guint64 old = pg->frame, frame, n = pg->size >> m->arch->page_shift;

  if (r == NULL || r->info.sharers <= 1)
    {
      /* the last sharer: take the page over */
      pg->cow = FALSE;
      pwk_rewrite_leaf_prot (m, p, pg, TRUE);
      return TRUE;
    }
  if (n == 1)
    {
      if (!pwk_make_room (m, p, pg->vpn << m->arch->page_shift, 1, ev)
          || !pwk_alloc_data (m, NULL, &frame))
        return FALSE;
    }
  else if (!take_lowest_aligned (m->free, n, &frame))
    return FALSE;
  for (guint64 i = 0; i < n; i++)
    {
      const guint8 *src = pw_physmem_frame (m->mem, old + i);
      guint8 *dst = pw_physmem_frame_ensure (m->mem, frame + i);
      if (src)
        memcpy (dst, src, pw_arch_page_size (m->arch));
    }
  pwk_unmap_resident (m, p, pg, FALSE);
  pg->cow = FALSE;
  if (!pwk_map_resident (m, p, pg, frame, TRUE, NULL, NULL))
    return FALSE;
  ev->cow_copy = TRUE;
  ev->new_frame = frame;
  return TRUE;
}

gboolean
pwk_handle_fault (PwMachine *m,
                  PwProcess *p,
                  PwEvent   *ev)
{
  const PwArch *a = m->arch;
  const PwWalk *w = &ev->walk;
  guint64 va = ev->va;
  const PwRegion *reg;
  PwPage *pg;
  guint64 frame;

  switch (w->fault)
    {
    case PW_FAULT_NON_CANONICAL:
    case PW_FAULT_OUT_OF_RANGE:
      ev->fault = PW_KF_SEGMENTATION;
      return FALSE;
    case PW_FAULT_RESERVED_BIT:
    case PW_FAULT_MISALIGNED:
      ev->fault = PW_KF_PROTECTION;
      return FALSE;
    case PW_FAULT_PROTECTION:
      pg = pwk_page_lookup (m, p, va);
      reg = pw_process_find_region (p, va);
      if (ev->access == PW_ACCESS_WRITE && pg && pg->cow && pg->resident
          && reg && pw_region_allows (reg, PW_ACCESS_WRITE))
        {
          if (!cow_break (m, p, pg, ev))
            {
              ev->fault = PW_KF_OUT_OF_MEMORY;
              return FALSE;
            }
          ev->fault = PW_KF_MINOR;
          m->stats.page_faults++;
          return TRUE;
        }
      ev->fault = PW_KF_PROTECTION;
      return FALSE;
    case PW_FAULT_NOT_PRESENT:
      break;
    case PW_FAULT_SEGMENTATION:
    default:
      ev->fault = PW_KF_SEGMENTATION;
      return FALSE;
    }

  reg = pw_process_find_region (p, va);
  if (reg == NULL || reg->state != PW_REGION_COMMITTED)
    {
      ev->fault = PW_KF_SEGMENTATION;
      return FALSE;
    }
  if (!pw_region_allows (reg, ev->access) || (reg->kernel && ev->walk.mode == PW_MODE_USER))
    {
      ev->fault = PW_KF_PROTECTION;
      return FALSE;
    }
  pg = pwk_page_lookup (m, p, va);
  if (pg && pg->resident)
    {
      /* present to the kernel, absent to the MMU: only raw tables do that */
      ev->fault = PW_KF_PROTECTION;
      return FALSE;
    }

  if (pg && pg->on_disk)
    {
      const guint8 *src;
      guint8 *dst;
      if (pg->size != pw_arch_page_size (a)
          || !pwk_make_room (m, p, va, 1, ev) || !pwk_alloc_data (m, NULL, &frame))
        {
          ev->fault = PW_KF_OUT_OF_MEMORY;
          return FALSE;
        }
      src = m->slots[pg->slot].bytes ? g_bytes_get_data (m->slots[pg->slot].bytes, NULL) : NULL;
      if (m->slots[pg->slot].bytes == m->zero_page)
        pw_physmem_frame_zero (m->mem, frame);
      else if (src)
        {
          dst = pw_physmem_frame_ensure (m->mem, frame);
          memcpy (dst, src, pw_arch_page_size (a));
        }
      else
        {
          /* the slot's contents were never known: so are the frame's */
          pw_physmem_forget (m->mem, frame);
        }
      if (!pwk_map_resident (m, p, pg, frame, !pg->cow, NULL, NULL))
        {
          pw_ranges_give (m->free, frame, 1);
          ev->fault = PW_KF_OUT_OF_MEMORY;
          return FALSE;
        }
      ev->fault = PW_KF_MAJOR;
      ev->read_slot = pg->slot;
      ev->new_frame = frame;
      m->stats.page_faults++;
      m->stats.major_faults++;
      return TRUE;
    }

  /* first touch of a committed page */
  {
    guint64 vpn = va >> a->page_shift;
    guint64 off = (va - reg->start) >> a->page_shift;
    GHashTable *share = reg->share ? g_hash_table_lookup (m->shares, reg->share) : NULL;
    guint64 *shared_frame = share ? g_hash_table_lookup (share, &off) : NULL;
    PwRegion r = *reg;   /* the region array may not move, but keep a copy */

    if (shared_frame == NULL)
      {
        if (!pwk_make_room (m, p, va, 1, ev) || !pwk_alloc_data (m, NULL, &frame))
          {
            ev->fault = PW_KF_OUT_OF_MEMORY;
            return FALSE;
          }
        pw_physmem_frame_zero (m->mem, frame);
        ev->zeroed = TRUE;
      }
    else
      {
        frame = *shared_frame;
        if (!pwk_make_room (m, p, va, 0, ev))
          {
            ev->fault = PW_KF_OUT_OF_MEMORY;
            return FALSE;
          }
      }
    pg = pwk_page_add (p, vpn);
    pg->size = pw_arch_page_size (a);
    pg->prot = r.prot;
    pg->kernel = r.kernel;
    pg->zero = shared_frame == NULL;
    if (shared_frame == NULL && r.share)
      {
        /* recorded before mapping so that the frame is never a victim */
        FrameRec *fr = pwk_rec_new (m, frame, 1, PW_FRAME_DATA);
        fr->info.pid = p->pid;
        fr->info.vpn = vpn;
        fr->page = pg;
        fr->info.sharers = 0;
        fr->share_key = g_strdup (r.share);
        fr->share_off = off;
        if (share == NULL)
          {
            share = pwk_share_table_new ();
            g_hash_table_insert (m->shares, g_strdup (r.share), share);
          }
        g_hash_table_insert (share, g_memdup2 (&off, 8), g_memdup2 (&frame, 8));
      }
    if (!pwk_map_resident (m, p, pg, frame, TRUE, NULL, NULL))
      {
        g_hash_table_remove (p->pages, &vpn);
        ev->fault = PW_KF_OUT_OF_MEMORY;
        return FALSE;
      }
    ev->fault = PW_KF_MINOR;
    ev->new_frame = frame;
    m->stats.page_faults++;
    return TRUE;
  }
}

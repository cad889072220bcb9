/* pw-kernel-step.c: accesses and steps
 *
 * One access through the TLB, the MMU and the fault handler
 * (pw_machine_access()), and the scenario's steps: ranges (reserve, commit,
 * decommit, free), touch, spawn, fork, exit and switch.  The rules are in
 * docs/machine.md.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-machine"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pw-machine-private.h"
#include "pw-number.h"
#include "pw-policy.h"

/* ---- translation -------------------------------------------------------- */

static void
segment_walk (PwMachine *m,
              PwProcess *p,
              guint64    va,
              PwAccess   access,
              PwMode     mode,
              PwWalk    *out)
{
  pw_mmu_segment (m->arch, (const PwSegment *) p->segments->data, p->segments->len,
                  va, access, mode, out);
  if (out->fault == PW_FAULT_NONE)
    out->value = pw_physmem_byte (m->mem, out->pa);
}

gboolean
pw_machine_translate (PwMachine  *m,
                      guint       pid,
                      guint64     va,
                      PwAccess    access,
                      PwMode      mode,
                      PwWalk     *out,
                      GError    **error)
{
  PwProcess *p = pwk_lookup_mut (m, pid);

  if (p == NULL)
    {
      g_set_error (error, PW_ERROR, PW_ERROR_VALUE, _("there is no process %u"), pid);
      return FALSE;
    }
  if (!paged (m))
    segment_walk (m, p, va, access, mode, out);
  else
    pw_mmu_walk (m->arch, m->mem, p->root, va, access, mode, PW_WALK_READ_ONLY, out);
  return TRUE;
}

/* ---- accesses ----------------------------------------------------------- */

/* Everything but the first walk record (pw_walk_reset()). */
static inline void
event_init_no_walk (PwMachine *m,
                    PwEvent   *ev,
                    guint      pid,
                    PwAccess   access,
                    guint64    va)
{
  /* not a memset: the two walk records are large and filled by the MMU */
  ev->i = m->n_access;
  ev->step = G_MAXUINT;
  ev->kind = PW_STEP_ACCESS;
  ev->pid = pid;
  ev->access = access;
  ev->va = va;
  ev->vpn = va >> m->arch->page_shift;
  ev->tlb = PW_TLB_OFF;
  ev->fault = PW_KF_NONE;
  ev->ok = FALSE;
  ev->pa = 0;
  memset (&ev->evicted, 0, sizeof ev->evicted);
  ev->n_evicted = 0;
  ev->cow_copy = FALSE;
  ev->zeroed = FALSE;
  ev->new_frame = 0;
  ev->read_slot = 0;
  ev->retried = FALSE;
  ev->message = NULL;
  ev->retry.n_fields = 0;
  ev->retry.n_steps = 0;
  ev->retry.fault = PW_FAULT_NONE;
}

static void
event_init (PwMachine *m,
            PwEvent   *ev,
            guint      pid,
            PwAccess   access,
            guint64    va)
{
  event_init_no_walk (m, ev, pid, access, va);
  pw_walk_reset (&ev->walk, va, access, PW_MODE_USER);
}

void
pw_machine_set_detail (PwMachine *m,
                       gboolean   detail)
{
  m->light = !detail;
}

void
pw_machine_set_unread (PwMachine *m,
                       gboolean   unread)
{
  m->unread = unread;
}

gboolean
pw_machine_get_unread (const PwMachine *m)
{
  return m->unread;
}

static inline PwWalkFlags
walk_flags (const PwMachine *m)
{
  if (!m->light)
    return PW_WALK_SET_AD;
  return PW_WALK_SET_AD | PW_WALK_NO_VALUE | PW_WALK_NO_FIELDS
         | (m->unread ? PW_WALK_NO_RECORDS : 0);
}

static void
walk_done (PwMachine *m,
           guint      pid,
           PwWalk    *w)
{
  FrameRec *r;
  m->stats.walk_reads += w->n_steps;
  if (w->fault != PW_FAULT_NONE)
    return;
  if (m->tlb_n)
    pwk_tlb_insert (m, pid, w);
  if (!m->track_use)
    return;
  r = pwk_frame_rec (m, w->frame);
  if (r && r->info.use == PW_FRAME_DATA)
    pwk_touch_rec (m, r);
}

void
pw_machine_access (PwMachine *m,
                   guint      pid,
                   PwAccess   access,
                   guint64    va,
                   PwEvent   *ev)
{
  const PwArch *a = m->arch;
  PwProcess *p;

  if (pid == 0)
    pid = m->current;
  /* the first walk record's header is set by the walk (pw_mmu_walk() and
   * pw_mmu_segment() reset it), by a TLB hit, or below where neither runs */
  event_init_no_walk (m, ev, pid, access, va);
  m->tick++;
  m->access_pid = pid;
  m->access_vpn = va >> m->arch->page_shift;
  m->stats.accesses++;

  /* pwk_lookup_mut()'s cache, checked here without the call */
  p = m->last_proc != NULL && m->last_proc->pid == pid ? m->last_proc : pwk_lookup_mut (m, pid);
  if (p == NULL)
    {
      pw_walk_reset (&ev->walk, va, access, PW_MODE_USER);
      ev->fault = PW_KF_SEGMENTATION;
      ev->message = g_strdup_printf (_("there is no process %u"), pid);
      m->n_access++;
      return;
    }

  if (!paged (m))
    {
      segment_walk (m, p, va, access, PW_MODE_USER, &ev->walk);
      if (ev->walk.fault == PW_FAULT_NONE)
        {
          ev->ok = TRUE;
          ev->pa = ev->walk.pa;
        }
      else
        ev->fault = PW_KF_SEGMENTATION;
      m->n_access++;
      return;
    }

  if (m->tlb_n)
    {
      PwTlbEntry *e = pwk_tlb_lookup_fast (m, pid, va);
      if (e != NULL && pwk_tlb_permits_fast (m, e, p, va, access))
        {
          FrameRec *r;
          ev->tlb = PW_TLB_HIT;
          m->stats.tlb_hits++;
          e->stamp = m->cfg.tlb_policy == PW_TLB_LRU ? ++m->tlb_stamp : e->stamp;
          pw_walk_reset (&ev->walk, va, access, PW_MODE_USER);
          if (!m->light)
            pw_mmu_split (a, va, &ev->walk);
          ev->walk.page_size = e->size;
          ev->walk.pa = (e->frame << a->page_shift) + (va & (e->size - 1));
          ev->walk.frame = ev->walk.pa >> a->page_shift;
          ev->walk.value = m->light ? -1 : pw_physmem_byte (m->mem, ev->walk.pa);
          if (access == PW_ACCESS_WRITE && !e->dirty)
            {
              /* the first write through a clean entry: the hardware walks
               * again to set the dirty state in the leaf exactly as a walk
               * does (x86 and RISC-V set D; AArch64 with DBM clears AP[2]);
               * eviction reads the leaf, never the TLB */
              PwWalk w;
              pw_mmu_walk (a, m->mem, p->root, va, access, PW_MODE_USER,
                           PW_WALK_SET_AD | PW_WALK_NO_VALUE | PW_WALK_NO_FIELDS, &w);
              m->stats.walk_reads += w.n_steps;
              g_assert (w.fault == PW_FAULT_NONE);
              e->dirty = TRUE;
            }
          ev->ok = TRUE;
          ev->pa = ev->walk.pa;
          if (m->track_use)
            {
              r = pwk_frame_rec (m, ev->walk.frame);
              if (r && r->info.use == PW_FRAME_DATA)
                pwk_touch_rec (m, r);
            }
          m->n_access++;
          return;
        }
      ev->tlb = PW_TLB_MISS;
      m->stats.tlb_misses++;
    }

  pw_mmu_walk (a, m->mem, p->root, va, access, PW_MODE_USER, walk_flags (m), &ev->walk);
  walk_done (m, pid, &ev->walk);
  if (ev->walk.fault == PW_FAULT_NONE)
    {
      ev->ok = TRUE;
      ev->pa = ev->walk.pa;
    }
  else if (pwk_handle_fault (m, p, ev))
    {
      ev->retried = TRUE;
      pw_mmu_walk (a, m->mem, p->root, va, access, PW_MODE_USER, walk_flags (m), &ev->retry);
      walk_done (m, pid, &ev->retry);
      if (ev->retry.fault == PW_FAULT_NONE)
        {
          ev->ok = TRUE;
          ev->pa = ev->retry.pa;
        }
    }
  m->n_access++;
}

/* ---- steps -------------------------------------------------------------- */

static void
release_page (PwMachine *m,
              PwProcess *p,
              PwPage    *pg)
{
  guint64 vpn = pg->vpn;
  if (pg->resident)
    pwk_unmap_resident (m, p, pg, TRUE);
  if (pg->on_disk)
    pwk_slot_release (m, pg->slot);
  g_hash_table_remove (p->pages, &vpn);
}

/* Releases every page of @p that overlaps [start, last] (inclusive: a range
 * may end at 2^64).  With @may_stop, a cancelled machine stops between two
 * pages (FALSE): the pages released so far are gone, the others stay. */
static gboolean
release_range (PwMachine *m,
               PwProcess *p,
               guint64    start,
               guint64    last,
               gboolean   may_stop)
{
  g_autoptr(GPtrArray) pages = pw_machine_sorted_pages (m, p);
  for (guint i = 0; i < pages->len; i++)
    {
      PwPage *pg = pages->pdata[i];
      guint64 va = pg->vpn << m->arch->page_shift;
      if (may_stop && cancelled (m))
        return FALSE;
      if (va <= last && start <= va + (pg->size - 1))
        release_page (m, p, pg);
    }
  return TRUE;
}

static char *
cancelled_message (void)
{
  return g_strdup (_("the step was cancelled"));
}

/* Cuts [start, last] out of @p's regions; the parts cut are appended to @cut. */
static void
carve (PwProcess *p,
       guint64    start,
       guint64    last,
       GArray    *cut)
{
  for (guint i = 0; i < p->regions->len;)
    {
      PwRegion *r = &g_array_index (p->regions, PwRegion, i);
      guint64 rlast = r->start + (r->size - 1);
      PwRegion mid, left, right;

      if (rlast < start || r->start > last)
        {
          i++;
          continue;
        }
      mid = *r;
      mid.start = MAX (r->start, start);
      mid.size = MIN (rlast, last) - mid.start + 1;
      mid.name = g_strdup (r->name);
      mid.share = g_strdup (r->share);
      if (cut)
        g_array_append_val (cut, mid);
      else
        pwk_region_clear (&mid);
      left = *r, right = *r;
      left.size = start > r->start ? start - r->start : 0;
      right.start = rlast > last ? last + 1 : 0;
      right.size = rlast > last ? rlast - last : 0;
      left.name = g_strdup (r->name), left.share = g_strdup (r->share);
      right.name = g_strdup (r->name), right.share = g_strdup (r->share);
      g_array_remove_index (p->regions, i);
      if (left.size)
        {
          g_array_insert_val (p->regions, i, left);
          i++;
        }
      else
        pwk_region_clear (&left);
      if (right.size)
        {
          g_array_insert_val (p->regions, i, right);
          i++;
        }
      else
        pwk_region_clear (&right);
    }
}

/* A step that failed: @fault is PW_KF_OUT_OF_MEMORY for a spawn or fork
 * refused for lack of memory (frames, a hole, swap slots), PW_KF_NONE for
 * every other failure (no such process, a pid in use...), which is no fault. */
static void
fail_event (PwMachine     *m,
            const PwStep  *step,
            PwKernelFault  fault,
            PwEventFunc    func,
            gpointer       data,
            char          *message)
{
  PwEvent ev;
  m->step_failed = TRUE;
  event_init (m, &ev, step->pid, PW_ACCESS_READ, 0);
  ev.i = G_MAXUINT64;
  ev.step = m->steps_done;
  ev.kind = step->kind;
  ev.fault = fault;
  ev.message = message;
  if (func)
    func (&ev, data);
  pw_event_clear (&ev);
}

static void
range_step (PwMachine    *m,
            const PwStep *step,
            PwEventFunc   func,
            gpointer      data)
{
  PwProcess *p = pwk_lookup_mut (m, step->pid ? step->pid : m->current);
  /* the last address, not an end: a range may end at 2^64 */
  guint64 start = step->start, last = step->start + (step->size - 1);
  g_autoptr(GArray) cut = g_array_new (FALSE, FALSE, sizeof (PwRegion));

  g_array_set_clear_func (cut, pwk_region_clear);
  if (p == NULL)
    {
      fail_event (m, step, PW_KF_NONE, func, data,
                  g_strdup_printf (_("there is no process %u"), step->pid));
      return;
    }
  if (!paged (m))
    {
      fail_event (m, step, PW_KF_NONE, func, data,
                  g_strdup (_("regions need a paged architecture")));
      return;
    }

  switch (step->kind)
    {
    case PW_STEP_RESERVE:
      for (guint i = 0; i < p->regions->len; i++)
        {
          const PwRegion *r = &g_array_index (p->regions, PwRegion, i);
          if (r->start <= last && start <= r->start + (r->size - 1))
            {
              fail_event (m, step, PW_KF_NONE, func, data,
                          g_strdup_printf (_("%s is already reserved or committed"),
                                           pw_hex_buf (r->start, (char[19]) { 0 })));
              return;
            }
        }
      {
        PwRegion r = { start, step->size, PW_REGION_RESERVED,
                       step->has_prot ? step->prot : PW_PROT_R | PW_PROT_W, NULL, FALSE, NULL };
        pwk_insert_region (p, &r);
      }
      break;

    case PW_STEP_COMMIT:
      {
        g_autoptr(GPtrArray) pages = NULL;
        PwRegion r = { start, step->size, PW_REGION_COMMITTED,
                       step->has_prot ? step->prot : PW_PROT_R | PW_PROT_W, NULL, FALSE, NULL };
        carve (p, start, last, cut);
        if (cut->len > 0)
          {
            const PwRegion *c = &g_array_index (cut, PwRegion, 0);
            r.name = c->name;
            r.kernel = c->kernel;
            r.share = c->share;
            if (!step->has_prot)
              r.prot = c->prot;
          }
        pwk_insert_region (p, &r);
        /* pages already there take the new protection */
        pages = pw_machine_sorted_pages (m, p);
        for (guint i = 0; i < pages->len; i++)
          {
            PwPage *pg = pages->pdata[i];
            guint64 va = pg->vpn << m->arch->page_shift;
            if (va > last || va + (pg->size - 1) < start || pg->prot == r.prot)
              continue;
            pg->prot = r.prot;
            if (pg->resident)
              pwk_rewrite_leaf_prot (m, p, pg, !pg->cow);
          }
      }
      break;

    case PW_STEP_DECOMMIT:
      if (!release_range (m, p, start, last, TRUE))
        {
          fail_event (m, step, PW_KF_NONE, func, data, cancelled_message ());
          return;
        }
      carve (p, start, last, cut);
      for (guint i = 0; i < cut->len; i++)
        {
          PwRegion *c = &g_array_index (cut, PwRegion, i);
          c->state = PW_REGION_RESERVED;
          pwk_insert_region (p, c);
        }
      break;

    case PW_STEP_FREE:
      if (!release_range (m, p, start, last, TRUE))
        {
          fail_event (m, step, PW_KF_NONE, func, data, cancelled_message ());
          return;
        }
      carve (p, start, last, NULL);
      break;

    default:
      g_assert_not_reached ();
    }
}

gboolean
pwk_exit_process (PwMachine *m,
                  PwProcess *p,
                  gboolean   may_stop)
{
  g_autoptr(GPtrArray) tables = g_ptr_array_new ();
  g_autoptr(GPtrArray) recs = NULL;
  guint index;

  if (!release_range (m, p, 0, G_MAXUINT64, may_stop))
    return FALSE;
  /* what is left: the root and tables the file gave (every record once) */
  recs = pwk_all_recs (m);
  for (guint i = 0; i < recs->len; i++)
    {
      FrameRec *r = recs->pdata[i];
      /* tables the scenario gave as frame images stay: other roots may share them */
      if (r->info.use == PW_FRAME_TABLE && r->info.pid == p->pid && !r->info.image)
        g_ptr_array_add (tables, r);
    }
  for (guint i = 0; i < tables->len; i++)
    {
      FrameRec *r = tables->pdata[i];
      pw_ranges_give (m->free, r->info.frame, r->frames);
      pwk_forget_range (m, r->info.frame, r->frames);
      pwk_rec_remove (m, r);
    }
  for (guint i = 0; i < p->segments->len; i++)
    {
      const PwSegment *s = &g_array_index (p->segments, PwSegment, i);
      if (s->limit > 0)
        pw_ranges_give (m->free, s->grows_down ? s->base - s->limit : s->base, s->limit);
    }
  pwk_tlb_flush_pid (m, p->pid);
  {
    guint lo = 0, hi = m->procs->len;
    while (lo < hi)
      {
        guint mid = lo + (hi - lo) / 2;
        if (((PwProcess *) m->procs->pdata[mid])->pid < p->pid)
          lo = mid + 1;
        else
          hi = mid;
      }
    index = lo;
  }
  g_assert (index < m->procs->len && m->procs->pdata[index] == p);
  g_hash_table_remove (m->pids, GUINT_TO_POINTER (p->pid));
  if (m->last_proc == p)
    m->last_proc = NULL;
  g_ptr_array_remove_index (m->procs, index);
  if (m->current == 0 || pwk_lookup_mut (m, m->current) == NULL)
    m->current = m->procs->len ? ((PwProcess *) m->procs->pdata[0])->pid : 0;
  return TRUE;
}

/* On failure, @fault is PW_KF_OUT_OF_MEMORY for lack of frames or swap
 * slots, PW_KF_NONE otherwise. */
static gboolean
fork_process (PwMachine      *m,
              PwProcess      *parent,
              guint           child_pid,
              PwEvent        *ev,
              PwKernelFault  *fault,
              char          **message)
{
  const PwArch *a = m->arch;
  g_autoptr(GPtrArray) pages = pw_machine_sorted_pages (m, parent);
  g_autoptr(GArray) vpns = g_array_sized_new (FALSE, FALSE, sizeof (guint64), pages->len);
  PwProcess *c;
  guint64 need_slots = 0;

  *fault = PW_KF_NONE;
  if (!paged (m))
    {
      *message = g_strdup (_("fork needs a paged architecture"));
      return FALSE;
    }
  if (pw_machine_lookup (m, child_pid) != NULL)
    {
      *message = g_strdup_printf (_("process %u already exists"), child_pid);
      return FALSE;
    }
  /* from here on, every failure is for lack of frames or slots */
  *fault = PW_KF_OUT_OF_MEMORY;
  for (guint i = 0; i < pages->len; i++)
    {
      PwPage *pg = pages->pdata[i];
      if (!pg->resident && pg->on_disk)
        need_slots++;
      g_array_append_val (vpns, pg->vpn);
    }
  if (pw_ranges_total (m->free_slots) < need_slots)
    {
      *message = g_strdup (_("no swap slots left to copy the parent's pages on disk"));
      return FALSE;
    }

  c = pwk_process_new (child_pid, parent->name);
  for (guint i = 0; i < parent->regions->len; i++)
    pwk_insert_region (c, &g_array_index (parent->regions, PwRegion, i));
  while (!pwk_alloc_table (m, 0, child_pid, 0, ev, &c->root))
    {
      pwk_process_free (c);
      *message = g_strdup (_("no free frame for the child's page table"));
      return FALSE;
    }
  c->has_root = TRUE;
  pwk_add_process_sorted (m, c);

  /* Pages are found again by number at each turn: making room for the
   * child's tables may evict parent pages, and a dropped zero page's record
   * is freed (the child then gets a fresh zero page on its first touch). */
  for (guint i = 0; i < vpns->len; i++)
    {
      guint64 vpn = g_array_index (vpns, guint64, i);
      PwPage *pg = g_hash_table_lookup (parent->pages, &vpn);
      PwPage *cp;
      const PwRegion *reg = pw_process_find_region (parent, vpn << a->page_shift);
      gboolean shared = reg && reg->share;

      if (cancelled (m))
        {
          *fault = PW_KF_NONE;
          *message = cancelled_message ();
          goto fail;
        }
      if (pg != NULL && pg->resident)
        {
          if (!pwk_make_room (m, c, vpn << a->page_shift, 0, ev))
            {
              *message = g_strdup (_("no free frame for the child's page tables"));
              goto fail;
            }
          pg = g_hash_table_lookup (parent->pages, &vpn);
        }
      if (pg == NULL)
        continue;
      cp = pwk_page_add (c, pg->vpn);
      cp->size = pg->size;
      cp->prot = pg->prot;
      cp->kernel = pg->kernel;
      cp->loaded_at = m->tick;
      cp->used_at = m->tick;
      if (pg->resident)
        {
          if (!shared && (pg->prot & PW_PROT_W))
            {
              pg->cow = TRUE;
              pwk_rewrite_leaf_prot (m, parent, pg, FALSE);
            }
          cp->cow = pg->cow;
          if (!pwk_map_resident (m, c, cp, pg->frame, !cp->cow, NULL, NULL))
            {
              g_hash_table_remove (c->pages, &vpn);
              *message = g_strdup (_("no free frame for the child's page tables"));
              goto fail;
            }
        }
      else if (pg->on_disk)
        {
          guint64 slot;
          if (!pwk_slot_take (m, child_pid, cp->vpn, &slot))
            {
              g_hash_table_remove (c->pages, &vpn);
              *message = g_strdup (_("no swap slots left to copy the parent's pages on disk"));
              goto fail;
            }
          if (m->slots[pg->slot].bytes)
            m->slots[slot].bytes = g_bytes_ref (m->slots[pg->slot].bytes);
          cp->on_disk = TRUE;
          cp->slot = slot;
        }
    }
  pwk_tlb_flush_pid (m, parent->pid);
  return TRUE;

fail:
  /* no half-made child: what it got so far is released */
  pwk_exit_process (m, c, FALSE);
  pwk_tlb_flush_pid (m, parent->pid);
  return FALSE;
}

void
pw_machine_step (PwMachine    *m,
                 const PwStep *step,
                 PwEventFunc   func,
                 gpointer      data)
{
  PwEvent ev;
  PwkStepSnap snap;
  /* what a step without an access did is recorded for the diagrams
   * (pw-kernel-record.c): a count of what failed steps report nothing */
  gboolean record = step->kind != PW_STEP_ACCESS && step->kind != PW_STEP_TOUCH;

  m->step_failed = FALSE;
  if (record)
    pwk_record_begin (m, step, &snap);

  switch (step->kind)
    {
    case PW_STEP_ACCESS:
      pw_machine_access (m, step->pid, step->access, step->va, &ev);
      ev.step = m->steps_done;
      if (func)
        func (&ev, data);
      pw_event_clear (&ev);
      break;

    case PW_STEP_SWITCH:
      if (pw_machine_lookup (m, step->pid) == NULL)
        fail_event (m, step, PW_KF_NONE, func, data,
                    g_strdup_printf (_("there is no process %u"), step->pid));
      else
        {
          if (m->current != step->pid && !m->cfg.tlb_asid)
            pwk_tlb_flush_all (m);
          m->current = step->pid;
        }
      break;

    case PW_STEP_RESERVE:
    case PW_STEP_COMMIT:
    case PW_STEP_DECOMMIT:
    case PW_STEP_FREE:
      range_step (m, step, func, data);
      break;

    case PW_STEP_TOUCH:
      {
        guint64 page = pw_arch_page_size (m->arch);
        guint64 va = step->start & ~(page - 1);
        /* the last address, not an end: the range may end at 2^64 */
        guint64 last = step->start + (step->size - 1);
        guint64 pages = step->size == 0 ? 0
          : (last >> m->arch->page_shift) - (va >> m->arch->page_shift) + 1;
        if (pages > PW_MACHINE_MAX_TOUCH_PAGES)
          {
            char n[32], max[32];
            g_snprintf (n, sizeof n, "%" G_GUINT64_FORMAT, pages);
            g_snprintf (max, sizeof max, "%" G_GUINT64_FORMAT, PW_MACHINE_MAX_TOUCH_PAGES);
            fail_event (m, step, PW_KF_NONE, func, data,
                        /* Translators: the pages asked for, then the most a step may touch */
                        g_strdup_printf (_("a touch of %s pages is refused: one step touches at most %s pages"),
                                         n, max));
            break;
          }
        for (; step->size > 0; va += page)
          {
            if (cancelled (m))
              {
                fail_event (m, step, PW_KF_NONE, func, data, cancelled_message ());
                break;
              }
            pw_machine_access (m, step->pid, step->access, va, &ev);
            ev.step = m->steps_done;
            ev.kind = PW_STEP_TOUCH;
            if (func)
              func (&ev, data);
            pw_event_clear (&ev);
            if (last - va < page)
              break;
          }
      }
      break;

    case PW_STEP_SPAWN:
      {
        g_autoptr(GError) error = NULL;
        PwKernelFault fault;
        PwEvent tmp;
        event_init (m, &tmp, step->spawn->pid, PW_ACCESS_READ, 0);
        if (pwk_create_process (m, step->spawn, &tmp, &fault, &error) == NULL)
          {
            PwStep s = *step;
            s.pid = step->spawn->pid;
            fail_event (m, &s, fault, func, data, g_strdup (error->message));
          }
        else if (m->current == 0)
          m->current = step->spawn->pid;
      }
      break;

    case PW_STEP_EXIT:
      {
        PwProcess *p = pwk_lookup_mut (m, step->pid);
        if (p == NULL)
          fail_event (m, step, PW_KF_NONE, func, data,
                      g_strdup_printf (_("there is no process %u"), step->pid));
        else if (!pwk_exit_process (m, p, TRUE))
          fail_event (m, step, PW_KF_NONE, func, data, cancelled_message ());
      }
      break;

    case PW_STEP_FORK:
      {
        PwProcess *parent = pwk_lookup_mut (m, step->pid);
        char *message = NULL;
        PwKernelFault fault = PW_KF_NONE;
        PwEvent tmp;
        event_init (m, &tmp, step->child, PW_ACCESS_READ, 0);
        if (parent == NULL)
          fail_event (m, step, PW_KF_NONE, func, data,
                      g_strdup_printf (_("there is no process %u"), step->pid));
        else if (!fork_process (m, parent, step->child, &tmp, &fault, &message))
          fail_event (m, step, fault, func, data, message);
      }
      break;

    default:
      g_assert_not_reached ();
    }
  if (record && !m->step_failed)
    pwk_record_end (m, step, &snap);
  else if (record)
    pwk_record_drop (&snap);
  m->steps_done++;
}

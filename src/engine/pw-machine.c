/* pw-machine.c: the machine's lifetime, copies and accessors
 *
 * Hardware and OS are kept apart as in a real machine: every translation goes
 * through the TLB and then pw_mmu_walk(), which reads entries from simulated
 * physical memory; when the walk faults, the kernel decides what the fault
 * means (a first touch, a page on disk, a copy-on-write, a violation), fixes
 * the page tables by writing entries in the architecture's own format, and
 * the access is retried.  The kernel's parts are in pw-kernel-*.c (see
 * pw-machine-private.h); this file holds processes, pages and frame records,
 * freeing and copying a machine, and the read-only accessors.  The rules are
 * documented in docs/machine.md.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-machine"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pw-machine-private.h"
#include "pw-number.h"

/* ------------------------------------------------------------------------ */

const char *
pw_kernel_fault_name (PwKernelFault f)
{
  switch (f)
    {
    case PW_KF_NONE: return NULL;
    case PW_KF_MINOR: return "minor";
    case PW_KF_MAJOR: return "major";
    case PW_KF_PROTECTION: return "protection";
    case PW_KF_SEGMENTATION: return "segmentation";
    case PW_KF_OUT_OF_MEMORY: return "out-of-memory";
    default: g_assert_not_reached ();
    }
}

const char *
pw_tlb_result_name (PwTlbResult r)
{
  switch (r)
    {
    case PW_TLB_OFF: return "off";
    case PW_TLB_HIT: return "hit";
    case PW_TLB_MISS: return "miss";
    default: g_assert_not_reached ();
    }
}

void
pw_event_clear (PwEvent *ev)
{
  g_clear_pointer (&ev->message, g_free);
}

/* ---- processes ---------------------------------------------------------- */

void
pwk_region_clear (gpointer data)
{
  PwRegion *r = data;
  g_free (r->name);
  g_free (r->share);
}

PwProcess *
pwk_process_new (guint       pid,
                 const char *name)
{
  PwProcess *p = g_new0 (PwProcess, 1);
  p->pid = pid;
  p->name = g_strdup (name);
  p->regions = g_array_new (FALSE, FALSE, sizeof (PwRegion));
  g_array_set_clear_func (p->regions, pwk_region_clear);
  p->pages = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  p->segments = g_array_new (FALSE, FALSE, sizeof (PwSegment));
  return p;
}

void
pwk_process_free (PwProcess *p)
{
  g_free (p->name);
  g_array_unref (p->regions);
  g_hash_table_unref (p->pages);
  g_array_unref (p->segments);
  g_free (p);
}

const PwProcess *
pw_machine_lookup (const PwMachine *m,
                   guint            pid)
{
  return g_hash_table_lookup (m->pids, GUINT_TO_POINTER (pid));
}

PwProcess *
pwk_lookup_mut (PwMachine *m,
                guint      pid)
{
  PwProcess *p = m->last_proc;

  if (p != NULL && p->pid == pid)
    return p;
  p = g_hash_table_lookup (m->pids, GUINT_TO_POINTER (pid));
  if (p != NULL)
    m->last_proc = p;
  return p;
}

gboolean
pw_region_allows (const PwRegion *r,
                  PwAccess        access)
{
  switch (access)
    {
    case PW_ACCESS_READ: return (r->prot & PW_PROT_R) != 0;
    case PW_ACCESS_WRITE: return (r->prot & PW_PROT_W) != 0;
    case PW_ACCESS_EXEC: return (r->prot & PW_PROT_X) != 0;
    default: return FALSE;
    }
}

const PwRegion *
pw_process_find_region (const PwProcess *p,
                        guint64          va)
{
  guint lo = 0, hi = p->regions->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      const PwRegion *r = &g_array_index (p->regions, PwRegion, mid);
      if (va < r->start)
        hi = mid;
      else if (va - r->start >= r->size)
        lo = mid + 1;
      else
        return r;
    }
  return NULL;
}

void
pwk_insert_region (PwProcess      *p,
                   const PwRegion *r)
{
  guint lo = 0, hi = p->regions->len;
  PwRegion copy = *r;

  copy.name = g_strdup (r->name);
  copy.share = g_strdup (r->share);
  /* the first region at or after r->start (in order, a copy appends) */
  if (hi > 0 && g_array_index (p->regions, PwRegion, hi - 1).start < r->start)
    lo = hi;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (g_array_index (p->regions, PwRegion, mid).start < r->start)
        lo = mid + 1;
      else
        hi = mid;
    }
  g_array_insert_val (p->regions, lo, copy);
}

PwPage *
pwk_page_lookup (const PwMachine *m,
                 const PwProcess *p,
                 guint64          va)
{
  guint64 vpn = va >> m->arch->page_shift;
  PwPage *pg = g_hash_table_lookup (p->pages, &vpn);

  if (pg != NULL || !paged (m) || !m->large_pages)
    return pg;
  /* a large page is keyed by its first base page */
  for (guint l = 0; l + 1 < m->arch->n_levels; l++)
    {
      guint64 span, key;
      if (!m->arch->large_ok[l])
        continue;
      span = pw_arch_level_span (m->arch, l) >> m->arch->page_shift;
      key = vpn & ~(span - 1);
      pg = g_hash_table_lookup (p->pages, &key);
      if (pg != NULL && pg->size >> m->arch->page_shift == span)
        return pg;
    }
  return NULL;
}

PwPage *
pwk_page_add (PwProcess *p,
              guint64    vpn)
{
  PwPage *pg = g_new0 (PwPage, 1);
  pg->vpn = vpn;
  g_hash_table_insert (p->pages, &pg->vpn, pg);
  return pg;
}

/* ---- frames ------------------------------------------------------------- */

FrameRec *
pwk_frame_rec_slow (const PwMachine *m,
                    guint64          frame)
{
  FrameRec *r = frame < m->n_frame_vec ? m->frame_vec[frame]
                                        : g_hash_table_lookup (m->frames, &frame);

  if (r != NULL || !paged (m))
    return r;
  if (g_tree_nnodes (m->spans) > 0)
    {
      /* a frame inside a table of several frames: the table starting at the
       * highest frame at or below it */
      GTreeNode *node = g_tree_upper_bound (m->spans, &frame);
      node = node ? g_tree_node_previous (node) : g_tree_node_last (m->spans);
      r = node ? g_tree_node_value (node) : NULL;
      if (r != NULL && frame - r->info.frame < r->frames)
        return r;
      r = NULL;
    }
  /* a frame inside a large page: only once a data record of several frames
   * was ever made */
  if (!m->large_recs)
    return NULL;
  for (guint l = 0; l + 1 < m->arch->n_levels; l++)
    {
      guint64 span, key;
      if (!m->arch->large_ok[l])
        continue;
      span = pw_arch_level_span (m->arch, l) >> m->arch->page_shift;
      key = frame & ~(span - 1);
      r = key < m->n_frame_vec ? m->frame_vec[key] : g_hash_table_lookup (m->frames, &key);
      if (r != NULL && r->frames == span && r->info.use == PW_FRAME_DATA)
        return r;
    }
  return NULL;
}

const PwFrameInfo *
pw_machine_frame_info (const PwMachine *m,
                       guint64          frame)
{
  FrameRec *r = pwk_frame_rec (m, frame);
  return r ? &r->info : NULL;
}

static gint
cmp_guint (gconstpointer a,
           gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;
  return x < y ? -1 : x > y;
}

void
pw_machine_frame_mappers (const PwMachine *m,
                          guint64          frame,
                          GArray          *pids)
{
  FrameRec *r = pwk_frame_rec (m, frame);

  g_array_set_size (pids, 0);
  if (r == NULL || r->info.use != PW_FRAME_DATA || r->info.sharers == 0)
    return;
  if (r->mappers == NULL || r->info.sharers < 2)
    {
      g_array_append_val (pids, r->info.pid);
      return;
    }
  for (guint i = 0; i < r->mappers->len; i++)
    {
      guint pid = (guint) g_array_index (r->mappers, guint64, 2 * i);
      g_array_append_val (pids, pid);
    }
  g_array_sort (pids, cmp_guint);
  for (guint i = 1; i < pids->len; )
    if (g_array_index (pids, guint, i) == g_array_index (pids, guint, i - 1))
      g_array_remove_index (pids, i);
    else
      i++;
}

FrameRec *
pwk_rec_new (PwMachine  *m,
             guint64     frame,
             guint64     n,
             PwFrameUse  use)
{
  FrameRec *r = m->spare_recs;

  /* a record freed before (every eviction frees one and the load after it
   * makes one): no allocation, and memory the caches hold */
  if (r != NULL)
    {
      m->spare_recs = r->next;
      m->n_spare_recs--;
      memset (r, 0, sizeof *r);
    }
  else
    r = g_new0 (FrameRec, 1);

  r->info.frame = frame;
  r->info.use = use;
  r->info.count = n;
  r->frames = n;
  r->idx = -1;
  if (use == PW_FRAME_DATA && n > 1)
    m->large_recs = TRUE;
  if (frame < m->n_frame_vec)
    m->frame_vec[frame] = r;
  else
    {
      guint64 *k = g_new (guint64, 1);
      *k = frame;
      g_hash_table_insert (m->frames, k, r);
    }
  /* one record for a table of many frames, found by range */
  if (use == PW_FRAME_TABLE && n > 1)
    g_tree_insert (m->spans, &r->info.frame, r);
  return r;
}

static void
rec_free (gpointer data)
{
  FrameRec *r = data;
  if (r->mappers)
    g_array_unref (r->mappers);
  g_free (r->share_key);
  g_free (r);
}

void
pwk_rec_remove (PwMachine *m,
                FrameRec  *r)
{
  if (r->info.use == PW_FRAME_TABLE && r->frames > 1)
    g_tree_remove (m->spans, &r->info.frame);
  if (r->info.use == PW_FRAME_TABLE)
    m->tables_freed++;
  if (r->info.frame < m->n_frame_vec)
    m->frame_vec[r->info.frame] = NULL;
  else
    g_hash_table_remove (m->frames, &r->info.frame);
  if (r->mappers)
    g_array_unref (r->mappers);
  g_free (r->share_key);
  /* kept for the next record, up to a few */
  if (m->n_spare_recs < 64)
    {
      r->next = m->spare_recs;
      m->spare_recs = r;
      m->n_spare_recs++;
      return;
    }
  g_free (r);
}

GPtrArray *
pwk_all_recs (const PwMachine *m)
{
  GPtrArray *out = g_ptr_array_sized_new (g_hash_table_size (m->frames) + 64);
  GHashTableIter it;
  gpointer v;

  for (guint64 f = 0; f < m->n_frame_vec; f++)
    if (m->frame_vec[f] != NULL)
      g_ptr_array_add (out, m->frame_vec[f]);
  g_hash_table_iter_init (&it, m->frames);
  while (g_hash_table_iter_next (&it, NULL, &v))
    g_ptr_array_add (out, v);
  return out;
}

/* ---- copies and accessors ----------------------------------------------- */

void
pw_machine_free (PwMachine *m)
{
  if (m == NULL)
    return;
  /* every record once, by its first frame */
  {
    g_autoptr(GPtrArray) recs = pwk_all_recs (m);
    for (guint i = 0; i < recs->len; i++)
      rec_free (recs->pdata[i]);
  }
  g_hash_table_unref (m->frames);
  while (m->spare_recs != NULL)
    {
      FrameRec *r = m->spare_recs;
      m->spare_recs = r->next;
      g_free (r);
    }
  g_free (m->frame_vec);
  g_tree_unref (m->spans);
  g_ptr_array_unref (m->procs);
  g_hash_table_unref (m->pids);
  pw_physmem_free (m->mem);
  pw_ranges_free (m->free);
  pw_ranges_free (m->free_slots);
  for (guint64 i = 0; i < m->n_slots; i++)
    g_clear_pointer (&m->slots[i].bytes, g_bytes_unref);
  g_free (m->slots);
  g_free (m->tlb);
  g_hash_table_unref (m->shares);
  pwk_replace_free (m);
  g_bytes_unref (m->zero_page);
  g_rand_free (m->tlb_rand);
  g_clear_object (&m->cancellable);
  g_free (m);
}

static int
cmp_frame (gconstpointer a,
           gconstpointer b,
           gpointer      data)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;
  return x < y ? -1 : x > y;
}

GHashTable *
pwk_frames_new (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

GTree *
pwk_spans_new (void)
{
  return g_tree_new_full (cmp_frame, NULL, NULL, NULL);
}

GHashTable *
pwk_share_table_new (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
}

PwMachine *
pw_machine_copy (const PwMachine *src)
{
  PwMachine *m = g_new0 (PwMachine, 1);
  g_autoptr(GHashTable) map = g_hash_table_new (NULL, NULL);   /* old rec -> new rec */
  g_autoptr(GPtrArray) recs = NULL;
  GHashTableIter it;
  gpointer k, v;

  *m = *src;
  m->last_proc = NULL;   /* src's process */
  m->spare_recs = NULL;  /* src's */
  m->n_spare_recs = 0;
  m->mem = pw_physmem_copy (src->mem);
  m->free = pw_ranges_copy (src->free);
  m->free_slots = pw_ranges_copy (src->free_slots);
  m->slots = g_memdup2 (src->slots, sizeof (Slot) * MAX (src->n_slots, 1));
  for (guint64 i = 0; i < m->n_slots; i++)
    if (src->slots[i].bytes)
      m->slots[i].bytes = g_bytes_ref (src->slots[i].bytes);
  m->tlb = src->tlb_n ? g_memdup2 (src->tlb, sizeof (PwTlbEntry) * src->tlb_n) : NULL;
  m->tlb_rand = g_rand_copy (src->tlb_rand);
  m->zero_page = g_bytes_ref (src->zero_page);
  if (src->cancellable)
    g_object_ref (src->cancellable);

  m->procs = g_ptr_array_new_with_free_func ((GDestroyNotify) pwk_process_free);
  m->pids = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < src->procs->len; i++)
    {
      const PwProcess *sp = src->procs->pdata[i];
      PwProcess *p = pwk_process_new (sp->pid, sp->name);
      p->has_root = sp->has_root;
      p->root = sp->root;
      for (guint j = 0; j < sp->regions->len; j++)
        pwk_insert_region (p, &g_array_index (sp->regions, PwRegion, j));
      g_array_append_vals (p->segments, sp->segments->data, sp->segments->len);
      g_hash_table_iter_init (&it, sp->pages);
      while (g_hash_table_iter_next (&it, NULL, &v))
        {
          PwPage *pg = g_memdup2 (v, sizeof (PwPage));
          g_hash_table_insert (p->pages, &pg->vpn, pg);
        }
      g_ptr_array_add (m->procs, p);
      g_hash_table_insert (m->pids, GUINT_TO_POINTER (p->pid), p);
    }

  m->frames = pwk_frames_new ();
  m->frame_vec = src->n_frame_vec ? g_new0 (FrameRec *, src->n_frame_vec) : NULL;
  m->spans = pwk_spans_new ();
  recs = pwk_all_recs (src);
  for (guint i = 0; i < recs->len; i++)
    {
      const FrameRec *sr = recs->pdata[i];
      FrameRec *r = g_memdup2 (sr, sizeof *r);

      r->mappers = sr->mappers ? g_array_copy (sr->mappers) : NULL;
      r->share_key = g_strdup (sr->share_key);
      r->prev = r->next = NULL;
      if (sr->page)
        {
          PwProcess *owner = pwk_lookup_mut (m, sr->info.pid);
          r->page = owner ? g_hash_table_lookup (owner->pages, &sr->page->vpn) : NULL;
        }
      g_hash_table_insert (map, (gpointer) sr, r);
      if (r->info.frame < m->n_frame_vec)
        m->frame_vec[r->info.frame] = r;
      else
        g_hash_table_insert (m->frames, g_memdup2 (&r->info.frame, sizeof (guint64)), r);
      if (r->info.use == PW_FRAME_TABLE && r->frames > 1)
        g_tree_insert (m->spans, &r->info.frame, r);
    }
  pwk_replace_copy (m, src, map);

  m->shares = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                     (GDestroyNotify) g_hash_table_unref);
  g_hash_table_iter_init (&it, src->shares);
  while (g_hash_table_iter_next (&it, &k, &v))
    {
      GHashTable *t = pwk_share_table_new ();
      GHashTableIter it2;
      gpointer k2, v2;
      g_hash_table_iter_init (&it2, v);
      while (g_hash_table_iter_next (&it2, &k2, &v2))
        g_hash_table_insert (t, g_memdup2 (k2, 8), g_memdup2 (v2, 8));
      g_hash_table_insert (m->shares, g_strdup (k), t);
    }
  return m;
}

const PwScenario *
pw_machine_scenario (const PwMachine *m)
{
  return m->sc;
}

const PwArch *
pw_machine_arch (const PwMachine *m)
{
  return m->arch;
}

PwPhysMem *
pw_machine_physmem (PwMachine *m)
{
  return m->mem;
}

guint64
pw_machine_n_frames (const PwMachine *m)
{
  return m->n_frames;
}

guint64
pw_machine_disk_slots (const PwMachine *m)
{
  return m->n_slots;
}

guint
pw_machine_n_processes (const PwMachine *m)
{
  return m->procs->len;
}

const PwProcess *
pw_machine_process (const PwMachine *m,
                    guint            index)
{
  g_return_val_if_fail (index < m->procs->len, NULL);
  return m->procs->pdata[index];
}

guint
pw_machine_current_pid (const PwMachine *m)
{
  return m->current;
}

const PwStats *
pw_machine_stats (const PwMachine *m)
{
  return &m->stats;
}

guint
pw_machine_steps_done (const PwMachine *m)
{
  return m->steps_done;
}

guint64
pw_machine_n_accesses (const PwMachine *m)
{
  return m->n_access;
}

void
pw_machine_set_cancellable (PwMachine    *m,
                            GCancellable *cancellable)
{
  g_set_object (&m->cancellable, cancellable);
}

static int
cmp_info (gconstpointer a,
          gconstpointer b)
{
  const PwFrameInfo *x = a, *y = b;
  return x->frame < y->frame ? -1 : x->frame > y->frame;
}

GArray *
pw_machine_used_frames (const PwMachine *m)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (PwFrameInfo));
  g_autoptr(GPtrArray) recs = pwk_all_recs (m);

  /* every record is there once, by its first frame */
  for (guint i = 0; i < recs->len; i++)
    g_array_append_val (out, ((FrameRec *) recs->pdata[i])->info);
  g_array_sort (out, cmp_info);
  return out;
}

static int
cmp_page (gconstpointer a,
          gconstpointer b)
{
  const PwPage *x = *(PwPage * const *) a, *y = *(PwPage * const *) b;
  return x->vpn < y->vpn ? -1 : x->vpn > y->vpn;
}

GPtrArray *
pw_machine_sorted_pages (const PwMachine *m,
                         const PwProcess *p)
{
  GPtrArray *out = g_ptr_array_sized_new (g_hash_table_size (p->pages));
  GHashTableIter it;
  gpointer v;

  g_hash_table_iter_init (&it, p->pages);
  while (g_hash_table_iter_next (&it, NULL, &v))
    g_ptr_array_add (out, v);
  g_ptr_array_sort (out, cmp_page);
  return out;
}

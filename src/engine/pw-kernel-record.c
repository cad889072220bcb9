/* pw-kernel-record.c: what a step that made no access did
 *
 * A switch, a range step (reserve, commit, decommit, free), a spawn, an
 * exit or a fork makes no access, so it reports no event; what it did is
 * kept as the machine's last step record (pw_machine_last_step()), for the
 * diagrams: the root register before and after, the TLB entries dropped or
 * kept, the tables made and freed, the entries copied and marked
 * copy-on-write, the regions of a range before and after.  The record is
 * made from counters the kernel keeps (free frames and slots, resident data
 * frames, tables freed) and from the processes before and after the step:
 * nothing here runs on the access path.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-machine"

#include "config.h"

#include <string.h>

#include "pw-machine-private.h"

typedef struct
{
  guint64 vpn;
  PwProt  prot;
} VpnProt;

static guint
tlb_valid (const PwMachine *m)
{
  guint n = 0;

  for (guint i = 0; i < m->tlb_n; i++)
    n += m->tlb[i].valid ? 1 : 0;
  return n;
}

static guint64
free_frames (const PwMachine *m)
{
  return paged (m) && m->free ? pw_ranges_total (m->free) : 0;
}

static guint64
free_slots (const PwMachine *m)
{
  return m->free_slots ? pw_ranges_total (m->free_slots) : 0;
}

static void
add_piece (PwRegionPiece *pieces,
           guint         *n,
           guint64        start,
           guint64        size,
           PwRegionState  state,
           PwProt         prot)
{
  if (*n < PW_STEP_MAX_PIECES)
    pieces[*n] = (PwRegionPiece) { start, size, state, prot };
  (*n)++;
}

/* The range [start, last] of @p as pieces: its regions cut to the range,
 * the free space between them as FREE pieces. */
static void
range_pieces (const PwProcess *p,
              guint64          start,
              guint64          last,
              PwRegionPiece   *pieces,
              guint           *n)
{
  guint64 at = start;
  gboolean done = FALSE;

  *n = 0;
  for (guint i = 0; i < p->regions->len && !done; i++)
    {
      const PwRegion *r = &g_array_index (p->regions, PwRegion, i);
      guint64 rlast = r->start + (r->size - 1), lo, hi;

      if (rlast < at || r->start > last)
        continue;
      lo = MAX (r->start, at);
      hi = MIN (rlast, last);
      if (lo > at)
        add_piece (pieces, n, at, lo - at, PW_REGION_FREE, 0);
      add_piece (pieces, n, lo, hi - lo + 1, r->state, r->prot);
      if (hi == last)
        done = TRUE;
      else
        at = hi + 1;
    }
  if (!done)
    add_piece (pieces, n, at, last - at + 1, PW_REGION_FREE, 0);
}

/* Pages of @p overlapping [start, last]; with @prots, the resident ones'
 * (vpn, prot) are appended to it; with @shared, the resident ones whose
 * frame another mapping shares are counted there. */
static guint64
pages_in (const PwMachine *m,
          const PwProcess *p,
          guint64          start,
          guint64          last,
          GArray          *prots,
          guint64         *shared)
{
  GHashTableIter it;
  gpointer v;
  guint64 n = 0;

  g_hash_table_iter_init (&it, p->pages);
  while (g_hash_table_iter_next (&it, NULL, &v))
    {
      const PwPage *pg = v;
      guint64 va = pg->vpn << m->arch->page_shift;

      if (va > last || va + (pg->size - 1) < start)
        continue;
      n++;
      if (shared != NULL && pg->resident)
        {
          const FrameRec *r = pwk_frame_rec (m, pg->frame);
          if (r != NULL && r->info.use == PW_FRAME_DATA && r->info.sharers > 1)
            (*shared)++;
        }
      if (prots != NULL && pg->resident)
        {
          VpnProt vp = { pg->vpn, pg->prot };
          g_array_append_val (prots, vp);
        }
    }
  return n;
}

static guint64
cow_pages (const PwProcess *p)
{
  GHashTableIter it;
  gpointer v;
  guint64 n = 0;

  g_hash_table_iter_init (&it, p->pages);
  while (g_hash_table_iter_next (&it, NULL, &v))
    n += ((const PwPage *) v)->cow && ((const PwPage *) v)->resident ? 1 : 0;
  return n;
}

/* Page-table frames of @pid (its root included). */
static guint64
table_frames (const PwMachine *m,
              guint            pid)
{
  g_autoptr(GPtrArray) recs = pwk_all_recs (m);
  guint64 n = 0;

  for (guint i = 0; i < recs->len; i++)
    {
      const FrameRec *r = recs->pdata[i];
      if (r->info.use == PW_FRAME_TABLE && r->info.pid == pid)
        n += r->frames;
    }
  return n;
}

void
pwk_record_begin (PwMachine    *m,
                  const PwStep *step,
                  PwkStepSnap  *snap)
{
  PwStepRecord *rec = &snap->rec;
  const PwProcess *p;

  memset (snap, 0, sizeof *snap);
  rec->kind = step->kind;
  rec->step = m->steps_done;
  rec->tlb = m->tlb_n > 0;
  snap->free_frames = free_frames (m);
  snap->free_slots = free_slots (m);
  snap->n_data = m->n_data;
  snap->tables_freed = m->tables_freed;
  snap->tlb_valid = tlb_valid (m);

  switch (step->kind)
    {
    case PW_STEP_SWITCH:
      rec->pid = step->pid;
      p = pw_machine_lookup (m, m->current);
      if (p != NULL)
        {
          rec->other_pid = p->pid;
          rec->has_old_root = p->has_root;
          rec->old_root = p->root;
        }
      break;

    case PW_STEP_RESERVE:
    case PW_STEP_COMMIT:
    case PW_STEP_DECOMMIT:
    case PW_STEP_FREE:
      rec->pid = step->pid ? step->pid : m->current;
      rec->start = step->start;
      rec->size = step->size;
      p = pw_machine_lookup (m, rec->pid);
      if (p == NULL || step->size == 0)
        break;
      range_pieces (p, step->start, step->start + (step->size - 1), rec->before, &rec->n_before);
      if (step->kind == PW_STEP_COMMIT)
        snap->prots = g_array_new (FALSE, FALSE, sizeof (VpnProt));
      snap->pages = pages_in (m, p, step->start, step->start + (step->size - 1), snap->prots,
                             &snap->shared);
      break;

    case PW_STEP_SPAWN:
      rec->pid = step->spawn->pid;
      break;

    case PW_STEP_EXIT:
      rec->pid = step->pid;
      p = pw_machine_lookup (m, step->pid);
      if (p == NULL)
        break;
      if (p->name != NULL)
        {
          gsize len = strlen (p->name);
          if (len >= sizeof rec->name)
            len = g_utf8_find_prev_char (p->name, p->name + sizeof rec->name) - p->name;
          memcpy (rec->name, p->name, len);
          rec->name[len] = '\0';
        }
      rec->has_old_root = p->has_root;
      rec->old_root = p->root;
      snap->pages = pages_in (m, p, 0, G_MAXUINT64, NULL, &snap->shared);
      for (guint i = 0; i < p->regions->len; i++)
        {
          const PwRegion *r = &g_array_index (p->regions, PwRegion, i);
          add_piece (rec->before, &rec->n_before, r->start, r->size, r->state, r->prot);
        }
      for (guint i = 0; i < p->segments->len; i++)
        {
          const PwSegment *s = &g_array_index (p->segments, PwSegment, i);
          guint64 lo = s->grows_down ? s->base - s->limit : s->base;
          if (s->limit == 0)
            continue;
          add_piece (rec->before, &rec->n_before, lo, s->limit, PW_REGION_COMMITTED, 0);
          rec->size += s->limit;
        }
      break;

    case PW_STEP_FORK:
      rec->pid = step->pid;
      rec->other_pid = step->child;
      p = pw_machine_lookup (m, step->pid);
      if (p != NULL)
        snap->cow_parent = cow_pages (p);
      break;

    default:
      break;
    }
}

void
pwk_record_end (PwMachine    *m,
                const PwStep *step,
                PwkStepSnap  *snap)
{
  PwStepRecord *rec = &snap->rec;
  const PwProcess *p;
  guint tlb_after = tlb_valid (m);
  guint64 freed = free_frames (m) > snap->free_frames ? free_frames (m) - snap->free_frames : 0;
  guint64 slots = free_slots (m);

  rec->tlb_kept = tlb_after;
  rec->tlb_dropped = snap->tlb_valid > tlb_after ? snap->tlb_valid - tlb_after : 0;
  rec->frames_freed = snap->n_data > m->n_data ? snap->n_data - m->n_data : 0;
  rec->tables_freed = freed > rec->frames_freed ? freed - rec->frames_freed : 0;
  rec->slots_freed = slots > snap->free_slots ? slots - snap->free_slots : 0;

  switch (step->kind)
    {
    case PW_STEP_SWITCH:
      p = pw_machine_lookup (m, step->pid);
      if (p != NULL)
        {
          rec->has_new_root = p->has_root;
          rec->new_root = p->root;
        }
      break;

    case PW_STEP_RESERVE:
    case PW_STEP_COMMIT:
    case PW_STEP_DECOMMIT:
    case PW_STEP_FREE:
      p = pw_machine_lookup (m, rec->pid);
      if (p == NULL || step->size == 0)
        break;
      range_pieces (p, step->start, step->start + (step->size - 1), rec->after, &rec->n_after);
      {
        guint64 now = pages_in (m, p, step->start, step->start + (step->size - 1), NULL, NULL);
        rec->pages_released = snap->pages > now ? snap->pages - now : 0;
        rec->frames_kept = step->kind == PW_STEP_COMMIT || step->kind == PW_STEP_RESERVE ? 0 : snap->shared;
      }
      for (guint i = 0; snap->prots != NULL && i < snap->prots->len; i++)
        {
          const VpnProt *vp = &g_array_index (snap->prots, VpnProt, i);
          const PwPage *pg = g_hash_table_lookup (p->pages, &vp->vpn);
          if (pg != NULL && pg->resident && pg->prot != vp->prot)
            rec->entries_rewritten++;
        }
      break;

    case PW_STEP_SPAWN:
      p = pw_machine_lookup (m, step->spawn->pid);
      if (p != NULL && p->has_root)
        {
          rec->has_new_root = TRUE;
          rec->new_root = p->root;
          rec->tables_made = table_frames (m, p->pid);
        }
      break;

    case PW_STEP_EXIT:
      rec->pages_released = snap->pages;
      rec->frames_kept = snap->shared;
      rec->other_pid = pw_machine_lookup (m, m->current) ? m->current : 0;
      break;

    case PW_STEP_FORK:
      p = pw_machine_lookup (m, step->child);
      if (p != NULL)
        {
          GHashTableIter it;
          gpointer v;
          const PwProcess *parent = pw_machine_lookup (m, step->pid);
          guint64 cow_now = parent ? cow_pages (parent) : 0;

          rec->has_new_root = p->has_root;
          rec->new_root = p->root;
          rec->tables_made = table_frames (m, p->pid);
          rec->cow_marked = cow_now > snap->cow_parent ? cow_now - snap->cow_parent : 0;
          g_hash_table_iter_init (&it, p->pages);
          while (g_hash_table_iter_next (&it, NULL, &v))
            {
              const PwPage *pg = v;
              if (pg->resident)
                rec->entries_copied++;
              if (pg->resident && pg->cow)
                rec->cow_shared++;
              if (!pg->resident && pg->on_disk)
                rec->slots_copied++;
            }
        }
      break;

    default:
      break;
    }

  m->last_step = *rec;
  m->has_last_step = TRUE;
  /* pw_machine_step() counts the step after this */
  m->last_step_done = m->steps_done + 1;
  m->last_step_access = m->n_access;
  pwk_record_drop (snap);
}

void
pwk_record_drop (PwkStepSnap *snap)
{
  g_clear_pointer (&snap->prots, g_array_unref);
}

const PwStepRecord *
pw_machine_last_step (const PwMachine *m)
{
  g_return_val_if_fail (m != NULL, NULL);

  if (!m->has_last_step || m->last_step_done != m->steps_done
      || m->last_step_access != m->n_access)
    return NULL;
  return &m->last_step;
}

/* pw-machine.c: the kernel, and the machine it runs on
 *
 * Hardware and OS are kept apart as in a real machine: every translation goes
 * through the TLB and then pw_mmu_walk(), which reads entries from simulated
 * physical memory; when the walk faults, the kernel below decides what the
 * fault means (a first touch, a page on disk, a copy-on-write, a violation),
 * fixes the page tables by writing entries in the architecture's own format,
 * and the access is retried.  The rules are documented in docs/machine.md.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-machine"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pw-machine.h"
#include "pw-number.h"
#include "pw-ranges.h"

#define MAX_SLOTS (G_GUINT64_CONSTANT (1) << 24)

typedef struct _FrameRec FrameRec;

struct _FrameRec
{
  PwFrameInfo  info;
  guint64      frames;      /* base frames covered */
  guint64      entries;     /* tables: present entries written by the kernel */
  guint64      table_va;    /* tables: first VA the table covers */
  PwPage      *page;        /* data: the owner's page record */
  guint64      pte_pa;      /* data: the owner's leaf entry */
  GArray      *mappers;     /* data with sharers > 1: (pid, vpn) pairs */
  char        *share_key;   /* data in a shared region */
  guint64      share_off;
  /* replacement */
  gboolean     eligible;
  FrameRec    *prev, *next; /* fifo: load order; lru/mru: recency */
  gint64       idx;         /* opt: heap index; random: array index */
  guint64      next_use;    /* opt */
};

typedef struct
{
  gboolean used;
  guint    pid;
  guint64  vpn;
  GBytes  *bytes;    /* the page's contents, NULL for unknown (shared by copies) */
} Slot;

struct _PwMachine
{
  const PwScenario *sc;
  PwMachineConfig   cfg;
  const PwArch     *arch;
  PwPhysMem        *mem;
  guint64           n_frames;
  PwRanges         *free;        /* paged: frames; segmented: bytes */
  GHashTable       *frames;      /* first frame -> FrameRec* (tables: every frame) */
  GPtrArray        *procs;       /* PwProcess*, by pid */
  guint             current;
  /* swap */
  guint64           n_slots;
  Slot             *slots;
  PwRanges         *free_slots;
  /* TLB */
  PwTlbEntry       *tlb;
  guint             tlb_sets, tlb_ways, tlb_n;
  guint64           tlb_stamp;
  /* shared regions: "key" -> GHashTable (page offset -> frame) */
  GHashTable       *shares;
  /* replacement */
  PwPolicy          policy;
  FrameRec         *head, *tail;  /* fifo: head = oldest; lru: head = least recent */
  GPtrArray        *heap;         /* opt: max-heap; random: plain array */
  guint64           hand;         /* clock */
  GRand            *rand;
  GRand            *tlb_rand;
  const guint64    *future;
  guint64           n_future;
  /* counters */
  PwStats           stats;
  guint64           n_access;
  guint64           n_data;       /* resident data frames the kernel mapped */
  gboolean          light;        /* no field split nor value on TLB hits */
  GBytes           *zero_page;    /* the contents of every zero-filled page on disk */
  gboolean          track_use;    /* the policy needs every use (lru, mru, opt) */
  guint             steps_done;
  guint64           tick;
};

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

static gboolean
paged (const PwMachine *m)
{
  return m->arch->kind == PW_ARCH_PAGED;
}

/* ---- processes ---------------------------------------------------------- */

static void
region_clear (gpointer data)
{
  PwRegion *r = data;
  g_free (r->name);
  g_free (r->share);
}

static PwProcess *
process_new (guint       pid,
             const char *name)
{
  PwProcess *p = g_new0 (PwProcess, 1);
  p->pid = pid;
  p->name = g_strdup (name);
  p->regions = g_array_new (FALSE, FALSE, sizeof (PwRegion));
  g_array_set_clear_func (p->regions, region_clear);
  p->pages = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  p->segments = g_array_new (FALSE, FALSE, sizeof (PwSegment));
  return p;
}

static void
process_free (PwProcess *p)
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
  for (guint i = 0; i < m->procs->len; i++)
    {
      PwProcess *p = g_ptr_array_index (m->procs, i);
      if (p->pid == pid)
        return p;
    }
  return NULL;
}

static PwProcess *
lookup_mut (PwMachine *m,
            guint      pid)
{
  return (PwProcess *) pw_machine_lookup (m, pid);
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

static void
insert_region (PwProcess      *p,
               const PwRegion *r)
{
  guint i = 0;
  PwRegion copy = *r;

  copy.name = g_strdup (r->name);
  copy.share = g_strdup (r->share);
  while (i < p->regions->len && g_array_index (p->regions, PwRegion, i).start < r->start)
    i++;
  g_array_insert_val (p->regions, i, copy);
}

static PwPage *
page_lookup (const PwMachine *m,
             const PwProcess *p,
             guint64          va)
{
  guint64 vpn = va >> m->arch->page_shift;
  PwPage *pg = g_hash_table_lookup (p->pages, &vpn);

  if (pg != NULL || !paged (m))
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

static PwPage *
page_add (PwProcess *p,
          guint64    vpn)
{
  PwPage *pg = g_new0 (PwPage, 1);
  pg->vpn = vpn;
  g_hash_table_insert (p->pages, &pg->vpn, pg);
  return pg;
}

/* ---- frames ------------------------------------------------------------- */

static FrameRec *
frame_rec (const PwMachine *m,
           guint64          frame)
{
  FrameRec *r = g_hash_table_lookup (m->frames, &frame);

  if (r != NULL || !paged (m))
    return r;
  for (guint l = 0; l + 1 < m->arch->n_levels; l++)
    {
      guint64 span, key;
      if (!m->arch->large_ok[l])
        continue;
      span = pw_arch_level_span (m->arch, l) >> m->arch->page_shift;
      key = frame & ~(span - 1);
      r = g_hash_table_lookup (m->frames, &key);
      if (r != NULL && r->frames == span && r->info.use == PW_FRAME_DATA)
        return r;
    }
  return NULL;
}

const PwFrameInfo *
pw_machine_frame_info (const PwMachine *m,
                       guint64          frame)
{
  FrameRec *r = frame_rec (m, frame);
  return r ? &r->info : NULL;
}

static FrameRec *
rec_new (PwMachine  *m,
         guint64     frame,
         guint64     n,
         PwFrameUse  use)
{
  FrameRec *r = g_new0 (FrameRec, 1);

  r->info.frame = frame;
  r->info.use = use;
  r->info.count = n;
  r->frames = n;
  r->idx = -1;
  if (use == PW_FRAME_TABLE)
    {
      for (guint64 i = 0; i < n; i++)
        {
          guint64 *k = g_new (guint64, 1);
          *k = frame + i;
          g_hash_table_insert (m->frames, k, r);
        }
    }
  else
    {
      guint64 *k = g_new (guint64, 1);
      *k = frame;
      g_hash_table_insert (m->frames, k, r);
    }
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

static void
rec_remove (PwMachine *m,
            FrameRec  *r)
{
  guint64 n = r->info.use == PW_FRAME_TABLE ? r->frames : 1;
  for (guint64 i = 0; i < n; i++)
    {
      guint64 k = r->info.frame + i;
      g_hash_table_remove (m->frames, &k);
    }
  rec_free (r);
}

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

static void
eligible_add (PwMachine *m,
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

static void
eligible_remove (PwMachine *m,
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
static inline void
touch_rec (PwMachine *m,
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

/* ---- TLB ---------------------------------------------------------------- */

static void
tlb_flush_all (PwMachine *m)
{
  for (guint i = 0; i < m->tlb_n; i++)
    m->tlb[i].valid = FALSE;
}

static void
tlb_flush_pid (PwMachine *m,
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
static PwTlbEntry *
tlb_probe (PwMachine *m,
           guint      pid,
           guint64    va,
           guint      level)
{
  guint shift = pw_arch_level_shift (m->arch, level);
  guint64 vpn = shift >= 64 ? 0 : va >> shift;
  PwTlbEntry *set = &m->tlb[(vpn % m->tlb_sets) * m->tlb_ways];

  for (guint w = 0; w < m->tlb_ways; w++)
    if (set[w].valid && set[w].pid == pid && set[w].vpn == vpn
        && set[w].size == (G_GUINT64_CONSTANT (1) << shift))
      return &set[w];
  return NULL;
}

/* Invalidates every entry of @pid that overlaps [va, va + size) (which may
 * end at 2^64: compared by last addresses). */
static void
tlb_shootdown (PwMachine *m,
               guint      pid,
               guint64    va,
               guint64    size)
{
  const PwArch *a = m->arch;

  if (m->tlb_n == 0)
    return;
  if (size <= pw_arch_page_size (a))
    {
      /* one base page: only the set that could hold it, for each page size */
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

static PwTlbEntry *
tlb_lookup (PwMachine *m,
            guint      pid,
            guint64    va)
{
  const PwArch *a = m->arch;

  /* the base page size first, then the large ones */
  for (guint l = a->n_levels; l-- > 0;)
    {
      PwTlbEntry *e = tlb_level_used (a, l) ? tlb_probe (m, pid, va, l) : NULL;
      if (e != NULL)
        return e;
    }
  return NULL;
}

static void
tlb_insert (PwMachine    *m,
            guint         pid,
            const PwWalk *w)
{
  guint shift = pw_log2 (w->page_size);
  guint64 vpn = w->va >> shift;
  PwTlbEntry *set = &m->tlb[(vpn % m->tlb_sets) * m->tlb_ways];
  PwTlbEntry *victim = NULL;
  const PwWalkStep *leaf = &w->steps[w->n_steps - 1];
  guint64 entry = pw_physmem_read (m->mem, leaf->entry_pa, m->arch->pte_bytes, NULL);

  for (guint i = 0; i < m->tlb_ways && !victim; i++)
    if (!set[i].valid)
      victim = &set[i];
  if (victim == NULL)
    {
      if (m->cfg.tlb_policy == PW_TLB_RANDOM)
        victim = &set[g_rand_int_range (m->tlb_rand, 0, (gint32) m->tlb_ways)];
      else
        {
          victim = &set[0];
          for (guint i = 1; i < m->tlb_ways; i++)
            if (set[i].stamp < victim->stamp)
              victim = &set[i];
        }
    }
  victim->valid = TRUE;
  victim->pid = pid;
  victim->vpn = vpn;
  victim->size = w->page_size;
  victim->frame = (w->pa & ~(w->page_size - 1)) >> m->arch->page_shift;
  victim->prot = pw_arch_entry_prot (m->arch, entry);
  victim->user = w->mode == PW_MODE_USER;
  victim->dirty = pw_arch_entry_dirty (m->arch, entry) || pw_arch_dirty_mask (m->arch) == 0;
  victim->stamp = ++m->tlb_stamp;
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

/* ---- page tables, as an OS writes them ---------------------------------- */

static gboolean
entry_present (const PwArch *a,
               guint         level,
               guint64       e)
{
  return (pw_arch_decode_flags (a, level, e) & PW_F_PRESENT) != 0;
}

static gboolean
entry_is_table (const PwArch *a,
                guint         level,
                guint64       e)
{
  if (level + 1 == a->n_levels || !entry_present (a, level, e))
    return FALSE;
  switch (a->fmt)
    {
    case PW_FMT_X86_32:
    case PW_FMT_X86_PAE:
    case PW_FMT_X86_64:
      if (a->fmt == PW_FMT_X86_PAE && level == 0)
        return TRUE;
      return !((e & 0x80) && a->large_ok[level]);
    case PW_FMT_RISCV:
      return (e & 0xa) == 0;
    case PW_FMT_AARCH64:
      return (e & 0x2) != 0;
    case PW_FMT_CUSTOM:
      return !(a->custom.huge >= 0 && (e & (G_GUINT64_CONSTANT (1) << a->custom.huge)));
    case PW_FMT_OSTEP:
    default:
      return TRUE;
    }
}

static void
fill_invalid (PwMachine *m,
              guint64    frame,
              guint64    n)
{
  guint64 inv = pw_arch_make_invalid (m->arch);
  gsize page = pw_arch_page_size (m->arch);

  for (guint64 i = 0; i < n; i++)
    {
      if (inv == 0)
        pw_physmem_frame_zero (m->mem, frame + i);
      else
        for (gsize off = 0; off < page; off += m->arch->pte_bytes)
          pw_physmem_write (m->mem, ((frame + i) << m->arch->page_shift) + off,
                            m->arch->pte_bytes, inv);
    }
}

/* A frame_image frame no process maps, recorded only to show it used. */
static gboolean
loose_image (const FrameRec *r)
{
  return r != NULL && r->info.use == PW_FRAME_DATA && r->info.image
         && r->page == NULL && r->info.sharers == 0;
}

/* Whether a frame of [frame, frame + n) holds bytes the file gave. */
static gboolean
any_image (const PwMachine *m,
           guint64          frame,
           guint64          n)
{
  for (guint64 f = 0; f < n; f++)
    if (pw_physmem_frame (m->mem, frame + f) != NULL)
      return TRUE;
  return FALSE;
}

/* A table of @n frames at @frame that the scenario's raw tables point to.
 * Raw mode: every frame either holds bytes the file gave (kept exactly) or is
 * free (taken, and filled with invalid entries); none may belong to anything
 * else.  With @need_image, a table no frame of which has an image is left
 * alone (FALSE).  Records of loose images in the table are dropped: the
 * caller records the whole table. */
static gboolean
take_raw_table (PwMachine *m,
                guint64    frame,
                guint64    n,
                gboolean   need_image)
{
  if (frame >= m->n_frames || n > m->n_frames - frame)
    return FALSE;
  for (guint64 f = frame; f < frame + n; f++)
    {
      FrameRec *r = g_hash_table_lookup (m->frames, &f);
      if (r != NULL && !loose_image (r))
        return FALSE;
      if (pw_physmem_frame (m->mem, f) == NULL && !pw_ranges_contains (m->free, f, 1))
        return FALSE;
    }
  if (need_image && !any_image (m, frame, n))
    return FALSE;
  for (guint64 f = frame; f < frame + n; f++)
    {
      FrameRec *r = g_hash_table_lookup (m->frames, &f);
      if (r != NULL)
        rec_remove (m, r);
      if (pw_physmem_frame (m->mem, f) == NULL)
        {
          pw_ranges_take (m->free, f, 1);
          fill_invalid (m, f, 1);
        }
    }
  return TRUE;
}

static gboolean evict_one (PwMachine *m, PwEvent *ev);
static void     exit_process (PwMachine *m, PwProcess *p);

/* A frame for a page table at @level: the highest free run. */
static gboolean
alloc_table (PwMachine *m,
             guint      level,
             guint      pid,
             guint64    va,
             PwEvent   *ev,
             guint64   *out)
{
  guint64 n = pw_arch_table_frames (m->arch, level);
  FrameRec *r;

  while (!pw_ranges_take_highest (m->free, n, out))
    if (ev == NULL || !evict_one (m, ev))
      return FALSE;
  r = rec_new (m, *out, n, PW_FRAME_TABLE);
  r->info.pid = pid;
  r->info.level = level;
  r->table_va = va & ~pw_mask (pw_arch_level_shift (m->arch, level) + m->arch->level_bits[level]);
  if (m->arch->va_bits < 64 && level == 0)
    r->table_va = 0;
  r->info.vpn = r->table_va >> m->arch->page_shift;
  fill_invalid (m, *out, n);
  return TRUE;
}

/* A frame for data: the lowest free frame (an aligned run for a large page). */
static gboolean
alloc_data (PwMachine *m,
            PwEvent   *ev,
            guint64   *out)
{
  while (!pw_ranges_take_lowest (m->free, 1, out))
    if (ev == NULL || !evict_one (m, ev))
      return FALSE;
  return TRUE;
}

/* Walks down from @p's root to @level for @va, creating missing tables.
 * Returns the address of the entry at @level, or FALSE (with a reason). */
static gboolean
ensure_path (PwMachine  *m,
             PwProcess  *p,
             guint64     va,
             guint       target,
             PwEvent    *ev,
             guint64    *entry_pa,
             GError    **error)
{
  const PwArch *a = m->arch;
  guint64 table = p->root << a->page_shift;

  for (guint level = 0; level < target; level++)
    {
      guint64 epa = table + pw_arch_index (a, level, va) * a->pte_bytes;
      guint64 e = pw_physmem_read (m->mem, epa, a->pte_bytes, NULL);

      if (entry_is_table (a, level, e))
        {
          guint64 tf = pw_arch_entry_frame (a, level, e);
          FrameRec *known = frame_rec (m, tf);
          if (known == NULL || loose_image (known))
            {
              /* a table the scenario's raw tables point to: the frames whose
               * bytes the file gave are kept, the kernel takes the others as
               * empty table frames */
              guint64 n = pw_arch_table_frames (a, level + 1);
              gboolean image = tf < m->n_frames && any_image (m, tf, MIN (n, m->n_frames - tf));
              FrameRec *t;
              if (!take_raw_table (m, tf, n, FALSE))
                {
                  g_set_error (error, PW_ERROR, PW_ERROR_VALUE,
                               _("a %s entry points to frame %s, which is outside memory or in use"),
                               a->level_names[level], pw_hex_buf (tf, (char[19]) { 0 }));
                  return FALSE;
                }
              t = rec_new (m, tf, n, PW_FRAME_TABLE);
              t->info.pid = p->pid;
              t->info.level = level + 1;
              t->table_va = va & ~pw_mask (pw_arch_level_shift (a, level + 1) + a->level_bits[level + 1]);
              t->info.vpn = t->table_va >> a->page_shift;
              t->info.image = image;
            }
          table = tf << a->page_shift;
          continue;
        }
      if (entry_present (a, level, e))
        {
          g_set_error (error, PW_ERROR, PW_ERROR_VALUE,
                       _("%s is already covered by a large page"), pw_hex_buf (va, (char[19]) { 0 }));
          return FALSE;
        }
      {
        guint64 frame;
        FrameRec *parent = frame_rec (m, table >> a->page_shift);
        if (!alloc_table (m, level + 1, p->pid, va, ev, &frame))
          {
            g_set_error (error, PW_ERROR, PW_ERROR_VALUE,
                         _("no free frame left for a page table"));
            return FALSE;
          }
        /* eviction may have freed this very path: start again from the root */
        pw_physmem_write (m->mem, epa, a->pte_bytes, pw_arch_make_table_entry (a, level, frame));
        if (parent && parent->info.use == PW_FRAME_TABLE)
          parent->entries++;
        table = frame << a->page_shift;
      }
    }
  *entry_pa = table + pw_arch_index (a, target, va) * a->pte_bytes;
  return TRUE;
}

static void
table_entry_written (PwMachine *m,
                     guint64    entry_pa,
                     gint64     delta)
{
  FrameRec *t = frame_rec (m, entry_pa >> m->arch->page_shift);
  if (t && t->info.use == PW_FRAME_TABLE)
    t->entries += delta;
}

/* Frees tables left empty along @va's path, deepest first (never the root). */
static void
free_empty_tables (PwMachine *m,
                   PwProcess *p,
                   guint64    va)
{
  const PwArch *a = m->arch;
  guint64 path[PW_MAX_LEVELS];   /* entry address at each level */
  guint64 table = p->root << a->page_shift;
  guint depth = 0;

  for (guint level = 0; level < a->n_levels; level++)
    {
      guint64 epa = table + pw_arch_index (a, level, va) * a->pte_bytes;
      guint64 e = pw_physmem_read (m->mem, epa, a->pte_bytes, NULL);
      path[depth++] = epa;
      if (!entry_is_table (a, level, e))
        break;
      table = pw_arch_entry_frame (a, level, e) << a->page_shift;
    }
  /* path[i] is the entry at level i; the table holding path[i] for i > 0 is
   * pointed to by path[i - 1] */
  for (guint i = depth; i-- > 1;)
    {
      FrameRec *t = frame_rec (m, path[i] >> a->page_shift);
      if (t == NULL || t->info.use != PW_FRAME_TABLE || t->info.image || t->entries != 0)
        break;
      pw_physmem_write (m->mem, path[i - 1], a->pte_bytes, pw_arch_make_invalid (a));
      table_entry_written (m, path[i - 1], -1);
      tlb_shootdown (m, p->pid, t->table_va, pw_arch_level_span (a, i - 1));
      pw_ranges_give (m->free, t->info.frame, t->frames);
      for (guint64 f = 0; f < t->frames; f++)
        pw_physmem_forget (m->mem, t->info.frame + f);
      rec_remove (m, t);
    }
}

static guint64
leaf_entry_pa (PwMachine *m,
               PwProcess *p,
               guint64    va,
               guint      level)
{
  guint64 epa = 0;
  if (!ensure_path (m, p, va, level, NULL, &epa, NULL))
    return 0;
  return epa;
}

/* ---- swap --------------------------------------------------------------- */

static gboolean
slot_take (PwMachine *m,
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

static void
slot_release (PwMachine *m,
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

/* ---- mapping pages ------------------------------------------------------ */

static guint
base_level (const PwMachine *m)
{
  return m->arch->n_levels - 1;
}

/* Makes @pg of @p resident in @frame: writes the leaf and records the frame. */
static gboolean
map_resident (PwMachine *m,
              PwProcess *p,
              PwPage    *pg,
              guint64    frame,
              gboolean   writable,
              PwEvent   *ev,
              GError   **error)
{
  const PwArch *a = m->arch;
  guint64 va = pg->vpn << a->page_shift;
  int level = pw_arch_level_for_size (a, pg->size);
  guint64 epa, e;
  PwProt prot = pg->prot;
  FrameRec *r;

  g_assert (level >= 0);
  if (!ensure_path (m, p, va, level, ev, &epa, error))
    return FALSE;
  e = pw_physmem_read (m->mem, epa, a->pte_bytes, NULL);
  if (entry_present (a, level, e))
    {
      g_set_error (error, PW_ERROR, PW_ERROR_VALUE,
                   _("page %s is mapped twice"), pw_hex_buf (va, (char[19]) { 0 }));
      return FALSE;
    }
  if (!writable)
    prot &= ~PW_PROT_W;
  pw_physmem_write (m->mem, epa, a->pte_bytes,
                    pw_arch_make_leaf (a, level, frame, prot, pg->kernel));
  table_entry_written (m, epa, +1);

  pg->resident = TRUE;
  pg->frame = frame;
  pg->loaded_at = m->tick;
  pg->used_at = m->tick;

  r = frame_rec (m, frame);
  if (r == NULL)
    {
      r = rec_new (m, frame, pg->size >> a->page_shift, PW_FRAME_DATA);
      r->info.pid = p->pid;
      r->info.vpn = pg->vpn;
      r->page = pg;
      r->pte_pa = epa;
      r->info.sharers = 1;
      m->n_data += r->frames;
    }
  else if (r->info.sharers == 0)
    {
      /* the first mapping of a frame recorded ahead (a shared region's) */
      r->info.pid = p->pid;
      r->info.vpn = pg->vpn;
      r->page = pg;
      r->pte_pa = epa;
      r->info.sharers = 1;
      m->n_data += r->frames;
    }
  else
    {
      /* another mapping of the same frame: shared memory or copy-on-write */
      if (r->mappers == NULL)
        {
          guint64 first[2] = { r->info.pid, r->info.vpn };
          r->mappers = g_array_new (FALSE, FALSE, sizeof (guint64) * 2);
          g_array_append_val (r->mappers, first);
        }
      {
        guint64 pair[2] = { p->pid, pg->vpn };
        g_array_append_val (r->mappers, pair);
      }
      r->info.sharers++;
      eligible_remove (m, r);
    }
  if (r->info.sharers == 1 && pg->size == pw_arch_page_size (a) && r->share_key == NULL)
    eligible_add (m, r);
  return TRUE;
}

/* Removes @p's mapping of @pg (resident): clears the leaf, shoots down the
 * TLB, drops the frame reference.  Returns TRUE if the frame became free. */
static gboolean
unmap_resident (PwMachine *m,
                PwProcess *p,
                PwPage    *pg,
                gboolean   release_frame)
{
  const PwArch *a = m->arch;
  guint64 va = pg->vpn << a->page_shift;
  int level = pw_arch_level_for_size (a, pg->size);
  guint64 epa = leaf_entry_pa (m, p, va, level);
  FrameRec *r = frame_rec (m, pg->frame);
  gboolean freed = FALSE;

  if (epa != 0)
    {
      pw_physmem_write (m->mem, epa, a->pte_bytes, pw_arch_make_invalid (a));
      table_entry_written (m, epa, -1);
    }
  tlb_shootdown (m, p->pid, va, pg->size);
  pg->resident = FALSE;

  if (r != NULL)
    {
      if (r->info.sharers > 1)
        {
          r->info.sharers--;
          for (guint i = 0; r->mappers && i < r->mappers->len; i++)
            {
              guint64 *pair = &g_array_index (r->mappers, guint64, 2 * i);
              if (pair[0] == p->pid && pair[1] == pg->vpn)
                {
                  g_array_remove_index (r->mappers, i);
                  break;
                }
            }
          if (r->mappers && r->mappers->len > 0)
            {
              guint64 *pair = &g_array_index (r->mappers, guint64, 0);
              PwProcess *owner = lookup_mut (m, (guint) pair[0]);
              r->info.pid = (guint) pair[0];
              r->info.vpn = pair[1];
              r->page = owner ? g_hash_table_lookup (owner->pages, &pair[1]) : NULL;
              r->pte_pa = owner && r->page
                ? leaf_entry_pa (m, owner, r->page->vpn << a->page_shift,
                                 pw_arch_level_for_size (a, r->page->size))
                : 0;
            }
          if (r->info.sharers == 1 && r->share_key == NULL && r->page
              && r->page->size == pw_arch_page_size (a))
            eligible_add (m, r);
        }
      else if (release_frame)
        {
          eligible_remove (m, r);
          if (r->share_key)
            {
              GHashTable *t = g_hash_table_lookup (m->shares, r->share_key);
              if (t)
                g_hash_table_remove (t, &r->share_off);
            }
          pw_ranges_give (m->free, r->info.frame, r->frames);
          for (guint64 f = 0; f < r->frames; f++)
            pw_physmem_forget (m->mem, r->info.frame + f);
          m->n_data -= MIN (m->n_data, r->frames);
          rec_remove (m, r);
          freed = TRUE;
        }
    }
  free_empty_tables (m, p, va);
  return freed;
}

/* ---- replacement -------------------------------------------------------- */

static FrameRec *
choose_victim (PwMachine *m)
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
                  tlb_shootdown (m, r->info.pid, r->info.vpn << m->arch->page_shift,
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

/* Evicts one data page.  FALSE when nothing can be evicted (no victim, or
 * no swap slot for a dirty one: out of memory). */
static gboolean
evict_one (PwMachine *m,
           PwEvent   *ev)
{
  FrameRec *r = choose_victim (m);
  PwProcess *p;
  PwPage *pg;
  guint64 e;
  gboolean dirty, keep;
  guint64 slot = 0;

  if (r == NULL)
    return FALSE;
  p = lookup_mut (m, r->info.pid);
  pg = r->page;
  g_assert (p != NULL && pg != NULL);

  e = pw_physmem_read (m->mem, r->pte_pa, m->arch->pte_bytes, NULL);
  /* without a hardware dirty bit the kernel must assume the page was written */
  dirty = pw_arch_entry_dirty (m->arch, e)
          || (pw_arch_dirty_mask (m->arch) == 0
              && !(m->arch->fmt == PW_FMT_AARCH64 && m->arch->hw_dirty));
  /* contents that exist nowhere else must be kept: a page written since it
   * was loaded, or a clean page that has no copy on disk but is not zero */
  keep = dirty || (!pg->on_disk && !pg->zero);

  if (keep)
    {
      if (pg->on_disk)
        slot = pg->slot;
      else if (!slot_take (m, p->pid, pg->vpn, &slot))
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

  unmap_resident (m, p, pg, TRUE);
  if (!pg->on_disk)
    {
      /* a zero page nobody wrote: forget it, the next touch zeroes again */
      guint64 vpn = pg->vpn;
      g_hash_table_remove (p->pages, &vpn);
    }
  return TRUE;
}

/* ---- set-up ------------------------------------------------------------- */

static gboolean
claim (PwMachine   *m,
       guint64      frame,
       guint64      n,
       const char  *path,
       const char  *what,
       GError     **error)
{
  if (frame >= m->n_frames || n > m->n_frames - frame)
    {
      g_set_error (error, PW_ERROR, PW_ERROR_VALUE,
                   "%s: %s: %s", m->sc->filename, path,
                   _("the frame is outside physical memory"));
      return FALSE;
    }
  if (!pw_ranges_take (m->free, frame, n))
    {
      g_set_error (error, PW_ERROR, PW_ERROR_VALUE,
                   "%s: %s: %s %s", m->sc->filename, path, what,
                   _("uses a frame that is already taken"));
      return FALSE;
    }
  return TRUE;
}

static void
scan_raw_tables (PwMachine *m,
                 guint      pid,
                 guint64    frame,
                 guint      level,
                 guint64    va)
{
  const PwArch *a = m->arch;
  guint64 entries = pw_arch_table_entries (a, level);
  guint64 n = pw_arch_table_frames (a, level);
  FrameRec *r;

  /* the caller has claimed the frames; the ones without an image are empty */
  for (guint64 f = frame; f < frame + n; f++)
    if (pw_physmem_frame (m->mem, f) == NULL)
      fill_invalid (m, f, 1);
  r = rec_new (m, frame, n, PW_FRAME_TABLE);
  r->info.pid = pid;
  r->info.level = level;
  r->info.image = TRUE;
  r->table_va = va;
  r->info.vpn = va >> a->page_shift;
  for (guint64 i = 0; i < entries; i++)
    {
      guint64 e = pw_physmem_read (m->mem, (frame << a->page_shift) + i * a->pte_bytes,
                                   a->pte_bytes, NULL);
      guint64 next;
      if (!entry_present (a, level, e))
        continue;
      if (!entry_is_table (a, level, e))
        {
          /* a leaf: its frames are in use even when the file gives no bytes
           * for them, so the kernel must never hand them out */
          guint64 f0 = pw_arch_entry_frame (a, level, e);
          guint64 cnt = pw_arch_level_span (a, level) >> a->page_shift;
          if (cnt > 0 && f0 < m->n_frames && cnt <= m->n_frames - f0
              && pw_ranges_contains (m->free, f0, cnt))
            {
              FrameRec *d;
              pw_ranges_take (m->free, f0, cnt);
              d = rec_new (m, f0, cnt, PW_FRAME_DATA);
              d->info.pid = pid;
              d->info.vpn = (va + i * pw_arch_level_span (a, level)) >> a->page_shift;
            }
          continue;
        }
      next = pw_arch_entry_frame (a, level, e);
      /* a table seen before (shared or cyclic) is skipped; one without any
       * image is left for the kernel to take when a fault reaches it */
      if (g_hash_table_lookup (m->frames, &next) == NULL
          && take_raw_table (m, next, pw_arch_table_frames (a, level + 1), TRUE))
        scan_raw_tables (m, pid, next, level + 1,
                         va + i * pw_arch_level_span (a, level));
    }
}

static gboolean
place_segments (PwMachine       *m,
                PwProcess       *p,
                const PwProcessSpec *spec,
                PwEvent         *ev,
                GError         **error)
{
  for (guint i = 0; i < spec->segments->len; i++)
    {
      PwSegment s = g_array_index (spec->segments, PwSegment, i);
      guint64 lo = s.grows_down ? s.base - s.limit : s.base;
      if (spec->kernel_places)
        {
          /* the kernel places it: first fit, lowest address */
          if (!pw_ranges_take_lowest (m->free, MAX (s.limit, 1), &lo))
            {
              g_set_error (error, PW_ERROR, PW_ERROR_VALUE,
                           _("no free hole of %s bytes for process %u"),
                           pw_hex_buf (s.limit, (char[19]) { 0 }), p->pid);
              return FALSE;
            }
          s.base = s.grows_down ? lo + s.limit : lo;
        }
      else if (s.limit > 0 && !pw_ranges_take (m->free, lo, s.limit))
        {
          /* base-bounds processes give base and limit on the process itself */
          g_autofree char *where = m->arch->kind == PW_ARCH_BASE_BOUNDS
            ? g_strdup_printf ("%s.base", spec->path)
            : g_strdup_printf ("%s.segments[%u]", spec->path, i);
          g_set_error (error, PW_ERROR, PW_ERROR_VALUE, "%s: %s: %s",
                       m->sc->filename, where, _("overlaps memory already in use"));
          return FALSE;
        }
      g_array_append_val (p->segments, s);
    }
  return TRUE;
}

static void
add_process_sorted (PwMachine *m,
                    PwProcess *p)
{
  guint i = 0;
  while (i < m->procs->len && ((PwProcess *) m->procs->pdata[i])->pid < p->pid)
    i++;
  g_ptr_array_insert (m->procs, i, p);
}

/* Creates a process from @spec.  At set-up (@ev NULL) errors are the
 * scenario's; at run time @fault tells a failure for lack of memory
 * (PW_KF_OUT_OF_MEMORY) from any other (PW_KF_NONE: a pid in use...). */
static PwProcess *
create_process (PwMachine           *m,
                const PwProcessSpec *spec,
                PwEvent             *ev,
                PwKernelFault       *fault,
                GError             **error)
{
  const PwArch *a = m->arch;
  g_autoptr(GError) local = NULL;
  PwProcess *p;

  *fault = PW_KF_OUT_OF_MEMORY;
  if (pw_machine_lookup (m, spec->pid) != NULL)
    {
      *fault = PW_KF_NONE;
      g_set_error (error, PW_ERROR, PW_ERROR_VALUE, _("process %u already exists"), spec->pid);
      return NULL;
    }
  p = process_new (spec->pid, spec->name);

  for (guint i = 0; i < spec->regions->len; i++)
    {
      const PwRegionSpec *rs = &g_array_index (spec->regions, PwRegionSpec, i);
      PwRegion r = { rs->start, rs->size, rs->state, rs->prot, rs->name, rs->kernel, rs->share };
      insert_region (p, &r);
    }

  if (!paged (m))
    {
      if (!place_segments (m, p, spec, ev, error))
        {
          process_free (p);
          return NULL;
        }
      add_process_sorted (m, p);
      return p;
    }

  if (spec->has_root)
    {
      /* set-up claimed roots and pinned frames ahead; a spawn claims its own,
       * and a frame in use (or outside memory) refuses the spawn */
      if (ev != NULL
          && !claim (m, spec->root, pw_arch_table_frames (a, 0), spec->path, _("root"), error))
        {
          process_free (p);
          return NULL;
        }
      p->has_root = TRUE;
      p->root = spec->root;
      if (frame_rec (m, spec->root) == NULL)
        {
          guint64 n = pw_arch_table_frames (a, 0);
          /* raw mode when the file gives the bytes of any frame of the
           * table: those frames are used exactly as given */
          if (any_image (m, spec->root, n))
            scan_raw_tables (m, p->pid, spec->root, 0, 0);
          else
            {
              FrameRec *r = rec_new (m, spec->root, n, PW_FRAME_TABLE);
              r->info.pid = p->pid;
              fill_invalid (m, spec->root, r->frames);
            }
        }
    }
  else
    {
      if (!alloc_table (m, 0, p->pid, 0, ev, &p->root))
        {
          g_set_error (error, PW_ERROR, PW_ERROR_VALUE,
                       _("no free frame for the page table of process %u"), p->pid);
          process_free (p);
          return NULL;
        }
      p->has_root = TRUE;
    }
  add_process_sorted (m, p);

  for (guint i = 0; i < spec->maps->len; i++)
    {
      const PwMapSpec *ms = &g_array_index (spec->maps, PwMapSpec, i);
      guint64 frames_per = ms->size >> a->page_shift;

      for (guint64 k = 0; k < ms->pages; k++)
        {
          guint64 va = ms->va + k * ms->size;
          const PwRegion *reg = pw_process_find_region (p, va);
          PwPage *pg;

          if (reg == NULL)
            {
              /* one implied region for the whole uncovered part of the run,
               * up to the next region */
              guint64 run_last = ms->va + (ms->pages * ms->size - 1), len;
              PwRegion implied = { va, 0, PW_REGION_COMMITTED, ms->prot, NULL, FALSE, NULL };
              for (guint r = 0; r < p->regions->len; r++)
                {
                  const PwRegion *next = &g_array_index (p->regions, PwRegion, r);
                  if (next->start > va && next->start <= run_last)
                    run_last = next->start - 1;
                }
              len = ((run_last - va + 1) / ms->size) * ms->size;
              implied.size = MAX (len, ms->size);
              insert_region (p, &implied);
              reg = pw_process_find_region (p, va);
            }
          else if (reg->state != PW_REGION_COMMITTED)
            {
              *fault = PW_KF_NONE;
              g_set_error (error, PW_ERROR, PW_ERROR_VALUE, "%s: %s: %s", m->sc->filename,
                           ms->path, _("the page lies in a reserved region; pin pages in committed regions"));
              goto undo;
            }
          else if (reg->size < ms->size || va - reg->start > reg->size - ms->size)
            {
              *fault = PW_KF_NONE;
              g_set_error (error, PW_ERROR, PW_ERROR_VALUE, "%s: %s: %s", m->sc->filename,
                           ms->path, _("the page runs past the end of its region"));
              goto undo;
            }
          if (page_lookup (m, p, va) != NULL)
            {
              *fault = PW_KF_NONE;
              g_set_error (error, PW_ERROR, PW_ERROR_VALUE, "%s: %s: %s", m->sc->filename,
                           ms->path, _("this page is already pinned"));
              goto undo;
            }
          pg = page_add (p, va >> a->page_shift);
          pg->size = ms->size;
          pg->prot = ms->prot;
          pg->kernel = reg->kernel;
          pg->pinned = TRUE;
          if (ms->on_disk)
            {
              guint64 slot = ms->slot + k;
              if (slot >= m->n_slots || !pw_ranges_take (m->free_slots, slot, 1))
                {
                  g_set_error (error, PW_ERROR, PW_ERROR_VALUE, "%s: %s.disk: %s", m->sc->filename,
                               ms->path, slot >= m->n_slots
                               ? _("the swap slot is beyond disk.slots")
                               : _("the swap slot is already used"));
                  goto undo;
                }
              m->slots[slot].used = TRUE;
              m->slots[slot].pid = p->pid;
              m->slots[slot].vpn = pg->vpn;
              pg->on_disk = TRUE;
              pg->slot = slot;
            }
          else
            {
              guint64 frame = ms->frame + k * frames_per;
              if (ev != NULL && !claim (m, frame, frames_per, ms->path, _("map"), error))
                goto undo;
              if (!map_resident (m, p, pg, frame, TRUE, NULL, &local))
                {
                  g_set_error (error, PW_ERROR, PW_ERROR_VALUE, "%s: %s: %s", m->sc->filename,
                               ms->path, local->message);
                  if (ev != NULL)
                    pw_ranges_give (m->free, frame, frames_per);
                  goto undo;
                }
            }
        }
    }
  return p;

undo:
  /* at run time (a spawn) the process goes again, with what it got; at
   * set-up the whole machine is dropped */
  if (ev != NULL)
    exit_process (m, p);
  return NULL;
}

void
pw_machine_config_from_scenario (const PwScenario *sc,
                                 PwMachineConfig  *cfg)
{
  cfg->policy = sc->policy;
  cfg->data_frames = sc->data_frames;
  cfg->tlb = sc->tlb;
  cfg->tlb_entries = sc->tlb_entries;
  cfg->tlb_ways = sc->tlb_ways;
  cfg->tlb_policy = sc->tlb_policy;
  cfg->tlb_asid = sc->tlb_asid;
}

const PwMachineConfig *
pw_machine_config (const PwMachine *m)
{
  return &m->cfg;
}

PwMachine *
pw_machine_new (const PwScenario  *sc,
                GError           **error)
{
  return pw_machine_new_full (sc, NULL, error);
}

PwMachine *
pw_machine_new_full (const PwScenario      *sc,
                     const PwMachineConfig *cfg,
                     GError               **error)
{
  g_autoptr(GHashTable) pinned = NULL;
  PwRanges *unpinned = NULL;
  const PwArch *a = sc->arch;
  PwMachine *m = g_new0 (PwMachine, 1);

  m->sc = sc;
  if (cfg != NULL)
    m->cfg = *cfg;
  else
    pw_machine_config_from_scenario (sc, &m->cfg);
  m->arch = a;
  m->mem = pw_physmem_new (a->page_shift, a->big_endian);
  m->n_frames = sc->memory_frames;
  if (paged (m))
    m->free = pw_ranges_new (m->n_frames);
  else if (m->n_frames > (G_MAXUINT64 >> a->page_shift))
    {
      /* all 2^64 bytes (pa_bits 64): the count does not fit in 64 bits, so
       * the last byte is given on its own */
      m->free = pw_ranges_new (G_MAXUINT64);
      pw_ranges_give (m->free, G_MAXUINT64, 1);
    }
  else
    m->free = pw_ranges_new (m->n_frames << a->page_shift);
  m->frames = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  m->procs = g_ptr_array_new_with_free_func ((GDestroyNotify) process_free);
  m->shares = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                     (GDestroyNotify) g_hash_table_unref);
  m->zero_page = g_bytes_new_take (g_malloc0 (pw_arch_page_size (a)), pw_arch_page_size (a));
  m->policy = m->cfg.policy;
  m->track_use = m->policy == PW_POLICY_LRU || m->policy == PW_POLICY_MRU
                 || m->policy == PW_POLICY_OPT;
  m->heap = g_ptr_array_new ();
  m->rand = g_rand_new_with_seed ((guint32) sc->seed);
  m->tlb_rand = g_rand_new_with_seed ((guint32) (sc->seed ^ 0x9e3779b9u));

  if (sc->disk_slots > MAX_SLOTS)
    {
      g_set_error (error, PW_ERROR, PW_ERROR_VALUE, "%s: disk.slots: %s", sc->filename,
                   _("at most 16777216 swap slots are modelled"));
      pw_machine_free (m);
      return NULL;
    }
  m->n_slots = sc->disk_slots;
  m->slots = g_new0 (Slot, MAX (m->n_slots, 1));
  m->free_slots = pw_ranges_new (m->n_slots);

  if (m->cfg.tlb && paged (m))
    {
      m->tlb_n = m->cfg.tlb_entries;
      m->tlb_ways = MAX (1, m->cfg.tlb_ways);
      m->tlb_sets = m->tlb_n / m->tlb_ways;
      m->tlb = g_new0 (PwTlbEntry, m->tlb_n);
    }

  /* Claims first: frame images, given roots, pinned frames. */
  pinned = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < sc->frame_images->len; i++)
    {
      const PwFrameImage *fi = &g_array_index (sc->frame_images, PwFrameImage, i);
      guint8 *b;
      if (paged (m))
        {
          if (!claim (m, fi->frame, 1, fi->path, _("frame_image"), error))
            goto fail;
          g_hash_table_add (pinned, (gpointer) &fi->frame);
        }
      else if (fi->frame >= m->n_frames)
        {
          g_set_error (error, PW_ERROR, PW_ERROR_VALUE, "%s: %s: %s", sc->filename, fi->path,
                       _("the frame is outside physical memory"));
          goto fail;
        }
      b = pw_physmem_frame_ensure (m->mem, fi->frame);
      memcpy (b, fi->bytes, MIN (fi->n_bytes, pw_arch_page_size (a)));
    }

  if (paged (m))
    {
      for (guint i = 0; i < sc->processes->len; i++)
        {
          const PwProcessSpec *ps = sc->processes->pdata[i];
          g_autofree char *path = NULL;
          guint64 n = pw_arch_table_frames (a, 0);

          if (!ps->has_root)
            continue;
          path = g_strdup_printf ("%s.root", ps->path);
          for (guint64 f = 0; f < n; f++)
            {
              guint64 fr = ps->root + f;
              if (g_hash_table_contains (pinned, &fr))
                continue;   /* the table's bytes are a frame image: raw mode */
              if (!claim (m, fr, 1, path, _("root"), error))
                goto fail;
            }
        }
      unpinned = pw_ranges_new (m->n_frames);
      for (guint i = 0; i < sc->processes->len; i++)
        {
          const PwProcessSpec *ps = sc->processes->pdata[i];
          for (guint j = 0; j < ps->maps->len; j++)
            {
              const PwMapSpec *ms = &g_array_index (ps->maps, PwMapSpec, j);
              guint64 per = ms->size >> a->page_shift;
              g_autofree char *path = g_strdup_printf ("%s.frame", ms->path);
              if (ms->on_disk)
                continue;
              if ((ms->pages != 0 && per > G_MAXUINT64 / ms->pages)
                  || ms->frame >= m->n_frames || ms->pages * per > m->n_frames - ms->frame)
                {
                  g_set_error (error, PW_ERROR, PW_ERROR_VALUE, "%s: %s: %s", sc->filename, path,
                               _("the frame is outside physical memory"));
                  goto fail;
                }
              /* run by run: frames no other pin claimed are taken (they must be
               * free, or hold a frame image); frames another pin claimed are
               * shared */
              {
                guint64 f = ms->frame, end = ms->frame + ms->pages * per;
                while (f < end)
                  {
                    guint64 rs, rc;
                    if (!pw_ranges_find (unpinned, f, &rs, &rc))
                      {
                        f = MIN (end, rs);
                        continue;
                      }
                    rc = MIN (end, rs + rc);
                    pw_ranges_take (unpinned, f, rc - f);
                    while (f < rc)
                      {
                        guint64 fs, fc;
                        if (pw_ranges_find (m->free, f, &fs, &fc))
                          {
                            guint64 e = MIN (rc, fs + fc);
                            pw_ranges_take (m->free, f, e - f);
                            f = e;
                          }
                        else if (g_hash_table_contains (pinned, &f))
                          f++;
                        else
                          {
                            g_set_error (error, PW_ERROR, PW_ERROR_VALUE, "%s: %s: %s", sc->filename,
                                         path, _("the frame is already used by a root table"));
                            goto fail;
                          }
                      }
                  }
              }
            }
        }
    }

  for (guint i = 0; i < sc->processes->len; i++)
    {
      const PwProcessSpec *ps = sc->processes->pdata[i];
      PwKernelFault fault;
      if (create_process (m, ps, NULL, &fault, error) == NULL)
        {
          if (error && *error && !g_str_has_prefix ((*error)->message, sc->filename))
            g_prefix_error (error, "%s: %s: ", sc->filename, ps->path);
          goto fail;
        }
    }
  /* frames whose contents the file gives: mark them, and keep the ones no
   * process maps visible as used */
  for (guint i = 0; paged (m) && i < sc->frame_images->len; i++)
    {
      const PwFrameImage *fi = &g_array_index (sc->frame_images, PwFrameImage, i);
      FrameRec *r = frame_rec (m, fi->frame);
      if (r == NULL)
        r = rec_new (m, fi->frame, 1, PW_FRAME_DATA);
      r->info.image = TRUE;
    }
  if (m->procs->len > 0)
    m->current = ((PwProcess *) m->procs->pdata[0])->pid;
  pw_ranges_free (unpinned);
  return m;

fail:
  pw_ranges_free (unpinned);
  pw_machine_free (m);
  return NULL;
}

/* ---- copies and accessors ----------------------------------------------- */

void
pw_machine_free (PwMachine *m)
{
  GHashTableIter it;
  gpointer v;
  g_autoptr(GHashTable) seen = NULL;

  if (m == NULL)
    return;
  seen = g_hash_table_new (NULL, NULL);
  g_hash_table_iter_init (&it, m->frames);
  while (g_hash_table_iter_next (&it, NULL, &v))
    if (g_hash_table_add (seen, v))
      rec_free (v);
  g_hash_table_unref (m->frames);
  g_ptr_array_unref (m->procs);
  pw_physmem_free (m->mem);
  pw_ranges_free (m->free);
  pw_ranges_free (m->free_slots);
  for (guint64 i = 0; i < m->n_slots; i++)
    g_clear_pointer (&m->slots[i].bytes, g_bytes_unref);
  g_free (m->slots);
  g_free (m->tlb);
  g_hash_table_unref (m->shares);
  g_ptr_array_unref (m->heap);
  g_bytes_unref (m->zero_page);
  g_rand_free (m->rand);
  g_rand_free (m->tlb_rand);
  g_free (m);
}

static GHashTable *
share_table_new (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
}

PwMachine *
pw_machine_copy (const PwMachine *src)
{
  PwMachine *m = g_new0 (PwMachine, 1);
  g_autoptr(GHashTable) map = g_hash_table_new (NULL, NULL);   /* old rec -> new rec */
  GHashTableIter it;
  gpointer k, v;

  *m = *src;
  m->mem = pw_physmem_copy (src->mem);
  m->free = pw_ranges_copy (src->free);
  m->free_slots = pw_ranges_copy (src->free_slots);
  m->slots = g_memdup2 (src->slots, sizeof (Slot) * MAX (src->n_slots, 1));
  for (guint64 i = 0; i < m->n_slots; i++)
    if (src->slots[i].bytes)
      m->slots[i].bytes = g_bytes_ref (src->slots[i].bytes);
  m->tlb = src->tlb_n ? g_memdup2 (src->tlb, sizeof (PwTlbEntry) * src->tlb_n) : NULL;
  m->rand = g_rand_copy (src->rand);
  m->tlb_rand = g_rand_copy (src->tlb_rand);
  m->zero_page = g_bytes_ref (src->zero_page);

  m->procs = g_ptr_array_new_with_free_func ((GDestroyNotify) process_free);
  for (guint i = 0; i < src->procs->len; i++)
    {
      const PwProcess *sp = src->procs->pdata[i];
      PwProcess *p = process_new (sp->pid, sp->name);
      p->has_root = sp->has_root;
      p->root = sp->root;
      for (guint j = 0; j < sp->regions->len; j++)
        insert_region (p, &g_array_index (sp->regions, PwRegion, j));
      g_array_append_vals (p->segments, sp->segments->data, sp->segments->len);
      g_hash_table_iter_init (&it, sp->pages);
      while (g_hash_table_iter_next (&it, NULL, &v))
        {
          PwPage *pg = g_memdup2 (v, sizeof (PwPage));
          g_hash_table_insert (p->pages, &pg->vpn, pg);
        }
      g_ptr_array_add (m->procs, p);
    }

  m->frames = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_hash_table_iter_init (&it, src->frames);
  while (g_hash_table_iter_next (&it, &k, &v))
    {
      FrameRec *r = g_hash_table_lookup (map, v);
      guint64 *key = g_new (guint64, 1);
      if (r == NULL)
        {
          const FrameRec *sr = v;
          r = g_memdup2 (sr, sizeof *r);
          r->mappers = sr->mappers ? g_array_copy (sr->mappers) : NULL;
          r->share_key = g_strdup (sr->share_key);
          r->prev = r->next = NULL;
          if (sr->page)
            {
              PwProcess *owner = lookup_mut (m, sr->info.pid);
              r->page = owner ? g_hash_table_lookup (owner->pages, &sr->page->vpn) : NULL;
            }
          g_hash_table_insert (map, v, r);
        }
      *key = *(guint64 *) k;
      g_hash_table_insert (m->frames, key, r);
    }
  m->head = m->tail = NULL;
  for (FrameRec *r = src->head; r; r = r->next)
    list_append (m, g_hash_table_lookup (map, r));
  m->heap = g_ptr_array_sized_new (src->heap->len);
  for (guint i = 0; i < src->heap->len; i++)
    g_ptr_array_add (m->heap, g_hash_table_lookup (map, src->heap->pdata[i]));

  m->shares = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                     (GDestroyNotify) g_hash_table_unref);
  g_hash_table_iter_init (&it, src->shares);
  while (g_hash_table_iter_next (&it, &k, &v))
    {
      GHashTable *t = share_table_new ();
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
pw_machine_set_future (PwMachine     *m,
                       const guint64 *next_use,
                       guint64        n)
{
  m->future = next_use;
  m->n_future = n;
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
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  GHashTableIter it;
  gpointer v;

  g_hash_table_iter_init (&it, m->frames);
  while (g_hash_table_iter_next (&it, NULL, &v))
    if (g_hash_table_add (seen, v))
      g_array_append_val (out, ((FrameRec *) v)->info);
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
  PwProcess *p = lookup_mut (m, pid);

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

/* ---- the kernel's fault handler ----------------------------------------- */

static guint
missing_tables (PwMachine *m,
                PwProcess *p,
                guint64    va,
                guint      target)
{
  const PwArch *a = m->arch;
  guint64 table = p->root << a->page_shift;
  guint missing = 0;

  for (guint level = 0; level < target; level++)
    {
      guint64 e = pw_physmem_read (m->mem, table + pw_arch_index (a, level, va) * a->pte_bytes,
                                   a->pte_bytes, NULL);
      if (!entry_is_table (a, level, e))
        {
          for (guint l = level + 1; l <= target; l++)
            missing += pw_arch_table_frames (a, l);
          return missing;
        }
      table = pw_arch_entry_frame (a, level, e) << a->page_shift;
    }
  return missing;
}

/* Makes room for @data frames plus the tables @va's path lacks, evicting
 * first, so that no eviction runs while the path is being built. */
static gboolean
make_room (PwMachine *m,
           PwProcess *p,
           guint64    va,
           guint64    data,
           PwEvent   *ev)
{
  for (;;)
    {
      guint64 need = data + missing_tables (m, p, va, base_level (m));
      gboolean quota = m->cfg.data_frames == 0 || data == 0
                       || m->n_data + data <= m->cfg.data_frames;
      if (quota && pw_ranges_total (m->free) >= need)
        return TRUE;
      if (!evict_one (m, ev))
        return FALSE;
    }
}

static gboolean
region_allows (const PwRegion *r,
               PwAccess        access)
{
  switch (access)
    {
    case PW_ACCESS_READ: return (r->prot & (PW_PROT_R | PW_PROT_W | PW_PROT_X)) != 0 && (r->prot & PW_PROT_R);
    case PW_ACCESS_WRITE: return (r->prot & PW_PROT_W) != 0;
    case PW_ACCESS_EXEC: return (r->prot & PW_PROT_X) != 0;
    default: return FALSE;
    }
}

static void
rewrite_leaf_prot (PwMachine *m,
                   PwProcess *p,
                   PwPage    *pg,
                   gboolean   writable)
{
  const PwArch *a = m->arch;
  int level = pw_arch_level_for_size (a, pg->size);
  guint64 va = pg->vpn << a->page_shift;
  guint64 epa = leaf_entry_pa (m, p, va, level);
  guint64 old = pw_physmem_read (m->mem, epa, a->pte_bytes, NULL);
  guint64 e;
  PwProt prot = pg->prot;

  if (!writable)
    prot &= ~PW_PROT_W;
  e = pw_arch_make_leaf (a, level, pg->frame, prot, pg->kernel);
  /* keep the hardware's accessed and dirty state */
  e |= old & (pw_arch_accessed_mask (a) | pw_arch_dirty_mask (a));
  pw_physmem_write (m->mem, epa, a->pte_bytes, e);
  tlb_shootdown (m, p->pid, va, pg->size);
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
  FrameRec *r = frame_rec (m, pg->frame);
  guint64 old = pg->frame, frame, n = pg->size >> m->arch->page_shift;

  if (r == NULL || r->info.sharers <= 1)
    {
      /* the last sharer: take the page over */
      pg->cow = FALSE;
      rewrite_leaf_prot (m, p, pg, TRUE);
      return TRUE;
    }
  if (n == 1)
    {
      if (!make_room (m, p, pg->vpn << m->arch->page_shift, 1, ev)
          || !alloc_data (m, NULL, &frame))
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
  unmap_resident (m, p, pg, FALSE);
  pg->cow = FALSE;
  if (!map_resident (m, p, pg, frame, TRUE, NULL, NULL))
    return FALSE;
  ev->cow_copy = TRUE;
  ev->new_frame = frame;
  return TRUE;
}

static gboolean
handle_fault (PwMachine *m,
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
      pg = page_lookup (m, p, va);
      reg = pw_process_find_region (p, va);
      if (ev->access == PW_ACCESS_WRITE && pg && pg->cow && pg->resident
          && reg && region_allows (reg, PW_ACCESS_WRITE))
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
  if (!region_allows (reg, ev->access) || (reg->kernel && ev->walk.mode == PW_MODE_USER))
    {
      ev->fault = PW_KF_PROTECTION;
      return FALSE;
    }
  pg = page_lookup (m, p, va);
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
          || !make_room (m, p, va, 1, ev) || !alloc_data (m, NULL, &frame))
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
      if (!map_resident (m, p, pg, frame, !pg->cow, NULL, NULL))
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
        if (!make_room (m, p, va, 1, ev) || !alloc_data (m, NULL, &frame))
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
        if (!make_room (m, p, va, 0, ev))
          {
            ev->fault = PW_KF_OUT_OF_MEMORY;
            return FALSE;
          }
      }
    pg = page_add (p, vpn);
    pg->size = pw_arch_page_size (a);
    pg->prot = r.prot;
    pg->kernel = r.kernel;
    pg->zero = shared_frame == NULL;
    if (shared_frame == NULL && r.share)
      {
        /* recorded before mapping so that the frame is never a victim */
        FrameRec *fr = rec_new (m, frame, 1, PW_FRAME_DATA);
        fr->info.pid = p->pid;
        fr->info.vpn = vpn;
        fr->page = pg;
        fr->info.sharers = 0;
        fr->share_key = g_strdup (r.share);
        fr->share_off = off;
        if (share == NULL)
          {
            share = share_table_new ();
            g_hash_table_insert (m->shares, g_strdup (r.share), share);
          }
        g_hash_table_insert (share, g_memdup2 (&off, 8), g_memdup2 (&frame, 8));
      }
    if (!map_resident (m, p, pg, frame, TRUE, NULL, NULL))
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

/* ---- accesses ----------------------------------------------------------- */

static gboolean
tlb_permits (const PwTlbEntry *e,
             PwAccess          access)
{
  switch (access)
    {
    case PW_ACCESS_READ: return (e->prot & (PW_PROT_R | PW_PROT_X)) != 0;
    case PW_ACCESS_WRITE: return (e->prot & PW_PROT_W) != 0;
    case PW_ACCESS_EXEC: return (e->prot & PW_PROT_X) != 0;
    default: return FALSE;
    }
}

static void
event_init (PwMachine *m,
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
  ev->walk.va = va;
  ev->walk.access = access;
  ev->walk.mode = PW_MODE_USER;
  ev->walk.n_fields = 0;
  ev->walk.n_steps = 0;
  ev->walk.root = 0;
  ev->walk.fault = PW_FAULT_NONE;
  ev->walk.fault_depth = -1;
  ev->walk.why = PW_WHY_NONE;
  ev->walk.pa = 0;
  ev->walk.page_size = 0;
  ev->walk.frame = 0;
  ev->walk.value = -1;
  ev->walk.segment = -1;
  ev->retry.n_fields = 0;
  ev->retry.n_steps = 0;
  ev->retry.fault = PW_FAULT_NONE;
}

void
pw_machine_set_detail (PwMachine *m,
                       gboolean   detail)
{
  m->light = !detail;
}

static inline PwWalkFlags
walk_flags (const PwMachine *m)
{
  return PW_WALK_SET_AD | (m->light ? PW_WALK_NO_VALUE : 0);
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
    tlb_insert (m, pid, w);
  if (!m->track_use)
    return;
  r = frame_rec (m, w->frame);
  if (r && r->info.use == PW_FRAME_DATA)
    touch_rec (m, r);
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
  event_init (m, ev, pid, access, va);
  m->tick++;
  m->stats.accesses++;

  p = lookup_mut (m, pid);
  if (p == NULL)
    {
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
      PwTlbEntry *e = tlb_lookup (m, pid, va);
      if (e != NULL && tlb_permits (e, access))
        {
          FrameRec *r;
          ev->tlb = PW_TLB_HIT;
          m->stats.tlb_hits++;
          e->stamp = m->cfg.tlb_policy == PW_TLB_LRU ? ++m->tlb_stamp : e->stamp;
          if (!m->light)
            pw_mmu_split (a, va, &ev->walk);
          ev->walk.va = va;
          ev->walk.access = access;
          ev->walk.mode = PW_MODE_USER;
          ev->walk.page_size = e->size;
          ev->walk.pa = (e->frame << a->page_shift) + (va & (e->size - 1));
          ev->walk.frame = ev->walk.pa >> a->page_shift;
          ev->walk.value = m->light ? -1 : pw_physmem_byte (m->mem, ev->walk.pa);
          if (access == PW_ACCESS_WRITE && !e->dirty)
            {
              /* the first write through a clean entry: the hardware walks
               * again to set the dirty bit */
              PwWalk w;
              pw_mmu_walk (a, m->mem, p->root, va, access, PW_MODE_USER, PW_WALK_SET_AD, &w);
              m->stats.walk_reads += w.n_steps;
              e->dirty = TRUE;
            }
          ev->ok = TRUE;
          ev->pa = ev->walk.pa;
          if (m->track_use)
            {
              r = frame_rec (m, ev->walk.frame);
              if (r && r->info.use == PW_FRAME_DATA)
                touch_rec (m, r);
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
  else if (handle_fault (m, p, ev))
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
    unmap_resident (m, p, pg, TRUE);
  if (pg->on_disk)
    slot_release (m, pg->slot);
  g_hash_table_remove (p->pages, &vpn);
}

/* Releases every page of @p that overlaps [start, last] (inclusive: a range
 * may end at 2^64). */
static void
release_range (PwMachine *m,
               PwProcess *p,
               guint64    start,
               guint64    last)
{
  g_autoptr(GPtrArray) pages = pw_machine_sorted_pages (m, p);
  for (guint i = 0; i < pages->len; i++)
    {
      PwPage *pg = pages->pdata[i];
      guint64 va = pg->vpn << m->arch->page_shift;
      if (va <= last && start <= va + (pg->size - 1))
        release_page (m, p, pg);
    }
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
        region_clear (&mid);
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
        region_clear (&left);
      if (right.size)
        {
          g_array_insert_val (p->regions, i, right);
          i++;
        }
      else
        region_clear (&right);
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
  PwProcess *p = lookup_mut (m, step->pid ? step->pid : m->current);
  /* the last address, not an end: a range may end at 2^64 */
  guint64 start = step->start, last = step->start + (step->size - 1);
  g_autoptr(GArray) cut = g_array_new (FALSE, FALSE, sizeof (PwRegion));

  g_array_set_clear_func (cut, region_clear);
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
        insert_region (p, &r);
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
        insert_region (p, &r);
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
              rewrite_leaf_prot (m, p, pg, !pg->cow);
          }
      }
      break;

    case PW_STEP_DECOMMIT:
      release_range (m, p, start, last);
      carve (p, start, last, cut);
      for (guint i = 0; i < cut->len; i++)
        {
          PwRegion *c = &g_array_index (cut, PwRegion, i);
          c->state = PW_REGION_RESERVED;
          insert_region (p, c);
        }
      break;

    case PW_STEP_FREE:
      release_range (m, p, start, last);
      carve (p, start, last, NULL);
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
exit_process (PwMachine *m,
              PwProcess *p)
{
  GHashTableIter it;
  gpointer v;
  g_autoptr(GPtrArray) tables = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  guint index;

  release_range (m, p, 0, G_MAXUINT64);
  /* what is left: the root and tables the file gave */
  g_hash_table_iter_init (&it, m->frames);
  while (g_hash_table_iter_next (&it, NULL, &v))
    {
      FrameRec *r = v;
      /* tables the scenario gave as frame images stay: other roots may share them */
      if (r->info.use == PW_FRAME_TABLE && r->info.pid == p->pid && !r->info.image
          && g_hash_table_add (seen, r))
        g_ptr_array_add (tables, r);
    }
  for (guint i = 0; i < tables->len; i++)
    {
      FrameRec *r = tables->pdata[i];
      pw_ranges_give (m->free, r->info.frame, r->frames);
      for (guint64 f = 0; f < r->frames; f++)
        pw_physmem_forget (m->mem, r->info.frame + f);
      rec_remove (m, r);
    }
  for (guint i = 0; i < p->segments->len; i++)
    {
      const PwSegment *s = &g_array_index (p->segments, PwSegment, i);
      if (s->limit > 0)
        pw_ranges_give (m->free, s->grows_down ? s->base - s->limit : s->base, s->limit);
    }
  tlb_flush_pid (m, p->pid);
  g_ptr_array_find (m->procs, p, &index);
  g_ptr_array_remove_index (m->procs, index);
  if (m->current == 0 || lookup_mut (m, m->current) == NULL)
    m->current = m->procs->len ? ((PwProcess *) m->procs->pdata[0])->pid : 0;
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

  c = process_new (child_pid, parent->name);
  for (guint i = 0; i < parent->regions->len; i++)
    insert_region (c, &g_array_index (parent->regions, PwRegion, i));
  while (!alloc_table (m, 0, child_pid, 0, ev, &c->root))
    {
      process_free (c);
      *message = g_strdup (_("no free frame for the child's page table"));
      return FALSE;
    }
  c->has_root = TRUE;
  add_process_sorted (m, c);

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

      if (pg != NULL && pg->resident)
        {
          if (!make_room (m, c, vpn << a->page_shift, 0, ev))
            {
              *message = g_strdup (_("no free frame for the child's page tables"));
              goto fail;
            }
          pg = g_hash_table_lookup (parent->pages, &vpn);
        }
      if (pg == NULL)
        continue;
      cp = page_add (c, pg->vpn);
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
              rewrite_leaf_prot (m, parent, pg, FALSE);
            }
          cp->cow = pg->cow;
          if (!map_resident (m, c, cp, pg->frame, !cp->cow, NULL, NULL))
            {
              g_hash_table_remove (c->pages, &vpn);
              *message = g_strdup (_("no free frame for the child's page tables"));
              goto fail;
            }
        }
      else if (pg->on_disk)
        {
          guint64 slot;
          if (!slot_take (m, child_pid, cp->vpn, &slot))
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
  tlb_flush_pid (m, parent->pid);
  return TRUE;

fail:
  /* no half-made child: what it got so far is released */
  exit_process (m, c);
  tlb_flush_pid (m, parent->pid);
  return FALSE;
}

void
pw_machine_step (PwMachine    *m,
                 const PwStep *step,
                 PwEventFunc   func,
                 gpointer      data)
{
  PwEvent ev;

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
            tlb_flush_all (m);
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
        for (; step->size > 0; va += page)
          {
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
        if (create_process (m, step->spawn, &tmp, &fault, &error) == NULL)
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
        PwProcess *p = lookup_mut (m, step->pid);
        if (p == NULL)
          fail_event (m, step, PW_KF_NONE, func, data,
                      g_strdup_printf (_("there is no process %u"), step->pid));
        else
          exit_process (m, p);
      }
      break;

    case PW_STEP_FORK:
      {
        PwProcess *parent = lookup_mut (m, step->pid);
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
  m->steps_done++;
}

/* pw-kernel-tables.c: page tables, as an OS writes them
 *
 * Allocating table frames, building the path to a leaf, mapping and
 * unmapping pages (with their frame records and TLB shootdowns), freeing
 * tables left empty, and taking over raw tables a scenario gives as frame
 * images.  Entries are written in the architecture's own format through
 * pw_arch_*.  The rules are in docs/machine.md.
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

/* ---- page tables, as an OS writes them ---------------------------------- */

/* What an entry means is its format's business (pw-format.h): the kernel
 * asks pw_arch_entry_present() and pw_arch_entry_is_table(). */

/* Frames of [frame, frame + n) whose contents are known, ascending.  Bounded
 * by the frames the memory knows, whatever @n: a table of 2^32 frames is
 * never visited frame by frame. */
static GArray *
known_frames_in (const PwMachine *m,
                 guint64          frame,
                 guint64          n)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (guint64));

  if (n <= PW_BIG_TABLE_FRAMES)
    {
      for (guint64 f = frame; f - frame < n; f++)
        if (pw_physmem_frame (m->mem, f) != NULL)
          g_array_append_val (out, f);
    }
  else
    {
      guint64 k = 0;
      g_autofree guint64 *all = pw_physmem_known_frames (m->mem, &k);
      for (guint64 i = 0; i < k; i++)
        if (all[i] >= frame && all[i] - frame < n)
          g_array_append_val (out, all[i]);
    }
  return out;
}

/* Forgets the contents of [frame, frame + n) (freed frames hold nothing). */
void
pwk_forget_range (PwMachine *m,
                  guint64    frame,
                  guint64    n)
{
  g_autoptr(GArray) known = NULL;

  if (n <= PW_BIG_TABLE_FRAMES)
    {
      /* forgetting an unknown frame does nothing: no list made first (a
       * freed data frame, on every eviction) */
      for (guint64 f = frame; f - frame < n; f++)
        pw_physmem_forget (m->mem, f);
      return;
    }
  known = known_frames_in (m, frame, n);
  for (guint i = 0; i < known->len; i++)
    pw_physmem_forget (m->mem, g_array_index (known, guint64, i));
}

/* Fills frames of a table with invalid entries.  The frames of a @big table
 * (more than PW_BIG_TABLE_FRAMES) are not written one by one: where an
 * invalid entry is all zeros they are left unknown, which the MMU reads as
 * zero, and frames still holding bytes are forgotten. */
static void
fill_table_frames (PwMachine *m,
                   guint64    frame,
                   guint64    n,
                   gboolean   big)
{
  guint64 inv = pw_arch_make_invalid (m->arch);
  gsize page = pw_arch_page_size (m->arch);

  if (big && inv == 0)
    {
      pwk_forget_range (m, frame, n);
      return;
    }
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

void
pwk_fill_invalid (PwMachine *m,
                  guint64    frame,
                  guint64    n)
{
  fill_table_frames (m, frame, n, n > PW_BIG_TABLE_FRAMES);
}

/* A frame_image frame no process maps, recorded only to show it used. */
static gboolean
loose_image (const FrameRec *r)
{
  return r != NULL && r->info.use == PW_FRAME_DATA && r->info.image
         && r->page == NULL && r->info.sharers == 0;
}

/* Whether a frame of [frame, frame + n) holds bytes the file gave. */
gboolean
pwk_any_image (const PwMachine *m,
               guint64          frame,
               guint64          n)
{
  g_autoptr(GArray) known = NULL;

  if (n <= PW_BIG_TABLE_FRAMES)
    {
      for (guint64 f = 0; f < n; f++)
        if (pw_physmem_frame (m->mem, frame + f) != NULL)
          return TRUE;
      return FALSE;
    }
  known = known_frames_in (m, frame, n);
  return known->len > 0;
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
  guint64 end, f, rs, rc;

  if (frame >= m->n_frames || n > m->n_frames - frame)
    return FALSE;
  end = frame + n;
  /* run by run: free runs are skipped; every frame in use must hold an image
   * and belong to nothing but a loose image (so this visits at most the
   * images, never every frame of a large table) */
  for (f = frame; f < end;)
    {
      FrameRec *r;
      if (pw_ranges_find (m->free, f, &rs, &rc))
        {
          f = rc >= end - rs ? end : rs + rc;
          continue;
        }
      r = pwk_frame_rec (m, f);
      if ((r != NULL && !loose_image (r)) || pw_physmem_frame (m->mem, f) == NULL)
        return FALSE;
      f++;
    }
  if (need_image && !pwk_any_image (m, frame, n))
    return FALSE;
  for (f = frame; f < end;)
    {
      FrameRec *r;
      if (pw_ranges_find (m->free, f, &rs, &rc))
        {
          guint64 e = rc >= end - rs ? end : rs + rc;
          pw_ranges_take (m->free, f, e - f);
          fill_table_frames (m, f, e - f, n > PW_BIG_TABLE_FRAMES);
          f = e;
          continue;
        }
      r = f < m->n_frame_vec ? m->frame_vec[f] : g_hash_table_lookup (m->frames, &f);
      if (r != NULL)
        pwk_rec_remove (m, r);
      f++;
    }
  return TRUE;
}


/* A frame for a page table at @level: the highest free run. */
gboolean
pwk_alloc_table (PwMachine *m,
                 guint      level,
                 guint      pid,
                 guint64    va,
                 PwEvent   *ev,
                 guint64   *out)
{
  guint64 n = pw_arch_table_frames (m->arch, level);
  FrameRec *r;

  while (!pw_ranges_take_highest (m->free, n, out))
    if (ev == NULL || !pwk_evict_one (m, ev))
      return FALSE;
  r = pwk_rec_new (m, *out, n, PW_FRAME_TABLE);
  r->info.pid = pid;
  r->info.level = level;
  r->table_va = va & ~pw_mask (pw_arch_level_shift (m->arch, level) + m->arch->level_bits[level]);
  if (m->arch->va_bits < 64 && level == 0)
    r->table_va = 0;
  r->info.vpn = r->table_va >> m->arch->page_shift;
  pwk_fill_invalid (m, *out, n);
  return TRUE;
}

/* A frame for data: the lowest free frame (an aligned run for a large page). */
gboolean
pwk_alloc_data (PwMachine *m,
                PwEvent   *ev,
                guint64   *out)
{
  while (!pw_ranges_take_lowest (m->free, 1, out))
    if (ev == NULL || !pwk_evict_one (m, ev))
      return FALSE;
  return TRUE;
}

/* ---- the leaf tables the kernel knows -------------------------------------- */

/* The line of m->leaf_cache for @va's leaf table in @p, and its key. */
static inline PwLeafLine *
leaf_line (PwMachine       *m,
           const PwProcess *p,
           guint64          va,
           guint64         *key)
{
  const PwArch *a = m->arch;
  guint64 k = va >> (a->page_shift + a->level_bits[a->n_levels - 1]);

  *key = k;
  return &m->leaf_cache[(k ^ ((guint64) p->pid << 5)) & (PW_LEAF_CACHE - 1)];
}

/* Whether @p's leaf table for @va is known to be at @table: found or made
 * by the kernel since no table was freed (a freed table may be any path's;
 * tables the file gave may alias anything and are never cached). */
static inline gboolean
leaf_table_find (PwMachine       *m,
                 const PwProcess *p,
                 guint64          va,
                 guint64         *table)
{
  guint64 key;
  const PwLeafLine *l = leaf_line (m, p, va, &key);

  if (m->raw_tables || l->stamp != m->tables_freed + 1 || l->key != key
      || l->pid != p->pid || l->root != p->root)
    return FALSE;
  *table = l->table;
  return TRUE;
}

static inline void
leaf_table_known (PwMachine       *m,
                  const PwProcess *p,
                  guint64          va,
                  guint64          table)
{
  guint64 key;
  PwLeafLine *l = leaf_line (m, p, va, &key);

  if (m->raw_tables)
    return;
  *l = (PwLeafLine) { m->tables_freed + 1, key, p->root, table, p->pid };
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

  if (target == base_level (m) && leaf_table_find (m, p, va, &table))
    {
      *entry_pa = table + pw_arch_index (a, target, va) * a->pte_bytes;
      return TRUE;
    }
  for (guint level = 0; level < target; level++)
    {
      guint64 epa = table + pw_arch_index (a, level, va) * a->pte_bytes;
      guint64 e = pw_physmem_read_entry (m->mem, epa, a->pte_bytes);

      if (pw_arch_entry_is_table (a, level, e))
        {
          guint64 tf = pw_arch_entry_frame (a, level, e);
          FrameRec *known = pwk_frame_rec (m, tf);
          if (known == NULL || loose_image (known))
            {
              /* a table the scenario's raw tables point to: the frames whose
               * bytes the file gave are kept, the kernel takes the others as
               * empty table frames */
              guint64 n = pw_arch_table_frames (a, level + 1);
              gboolean image = tf < m->n_frames && pwk_any_image (m, tf, MIN (n, m->n_frames - tf));
              FrameRec *t;
              if (!take_raw_table (m, tf, n, FALSE))
                {
                  g_set_error (error, PW_ERROR, PW_ERROR_VALUE,
                               /* Translators: a level's name, then a frame */
                               _("a %s entry points to frame %s, which is outside memory or in use"),
                               a->level_names[level], pw_hex_buf (tf, (char[19]) { 0 }));
                  return FALSE;
                }
              m->raw_tables = TRUE;
              t = pwk_rec_new (m, tf, n, PW_FRAME_TABLE);
              t->info.pid = p->pid;
              t->info.level = level + 1;
              t->table_va = va & ~pw_mask (pw_arch_level_shift (a, level + 1) + a->level_bits[level + 1]);
              t->info.vpn = t->table_va >> a->page_shift;
              t->info.image = image;
            }
          table = tf << a->page_shift;
          continue;
        }
      if (pw_arch_entry_present (a, level, e))
        {
          g_set_error (error, PW_ERROR, PW_ERROR_VALUE,
                       _("%s is already covered by a large page"), pw_hex_buf (va, (char[19]) { 0 }));
          return FALSE;
        }
      {
        guint64 frame;
        FrameRec *parent = pwk_frame_rec (m, table >> a->page_shift);
        if (!pwk_alloc_table (m, level + 1, p->pid, va, ev, &frame))
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
  if (target == base_level (m))
    leaf_table_known (m, p, va, table);
  *entry_pa = table + pw_arch_index (a, target, va) * a->pte_bytes;
  return TRUE;
}

static void
table_entry_written (PwMachine *m,
                     guint64    entry_pa,
                     gint64     delta)
{
  FrameRec *t = pwk_frame_rec (m, entry_pa >> m->arch->page_shift);
  if (t && t->info.use == PW_FRAME_TABLE)
    t->entries += delta;
}

/* Frees tables left empty along @va's path, deepest first (never the root).
 * @leaf_pa: the address of the entry just cleared, where the path now ends,
 * or 0 if unknown. */
static void
free_empty_tables (PwMachine *m,
                   PwProcess *p,
                   guint64    va,
                   guint64    leaf_pa)
{
  const PwArch *a = m->arch;
  guint64 path[PW_MAX_LEVELS];   /* entry address at each level */
  guint64 table = p->root << a->page_shift;
  guint depth = 0;

  if (leaf_pa != 0 && !m->raw_tables)
    {
      /* the usual case, without walking the path: the table holding the
       * cleared entry, the first the loop below looks at, is not left empty */
      FrameRec *t = pwk_frame_rec (m, leaf_pa >> a->page_shift);
      if (t == NULL || t->info.use != PW_FRAME_TABLE || t->info.image || t->entries != 0)
        return;
    }

  for (guint level = 0; level < a->n_levels; level++)
    {
      guint64 epa = table + pw_arch_index (a, level, va) * a->pte_bytes;
      guint64 e = pw_physmem_read_entry (m->mem, epa, a->pte_bytes);
      path[depth++] = epa;
      if (!pw_arch_entry_is_table (a, level, e))
        break;
      table = pw_arch_entry_frame (a, level, e) << a->page_shift;
    }
  /* path[i] is the entry at level i; the table holding path[i] for i > 0 is
   * pointed to by path[i - 1] */
  for (guint i = depth; i-- > 1;)
    {
      FrameRec *t = pwk_frame_rec (m, path[i] >> a->page_shift);
      if (t == NULL || t->info.use != PW_FRAME_TABLE || t->info.image || t->entries != 0)
        break;
      pw_physmem_write (m->mem, path[i - 1], a->pte_bytes, pw_arch_make_invalid (a));
      table_entry_written (m, path[i - 1], -1);
      pwk_tlb_shootdown (m, p->pid, t->table_va, pw_arch_level_span (a, i - 1));
      pw_ranges_give (m->free, t->info.frame, t->frames);
      pwk_forget_range (m, t->info.frame, t->frames);
      pwk_rec_remove (m, t);
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

/* ---- mapping pages ------------------------------------------------------ */

/* Makes @pg of @p resident in @frame: writes the leaf and records the frame. */
gboolean
pwk_map_resident (PwMachine *m,
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
  e = pw_physmem_read_entry (m->mem, epa, a->pte_bytes);
  if (pw_arch_entry_present (a, level, e))
    {
      g_set_error (error, PW_ERROR, PW_ERROR_VALUE,
                   _("page %s is mapped twice"), pw_hex_buf (va, (char[19]) { 0 }));
      return FALSE;
    }
  if (!writable)
    prot &= ~PW_PROT_W;
  pw_physmem_write_fast (m->mem, epa, a->pte_bytes,
                         pw_arch_make_leaf (a, level, frame, prot, pg->kernel));
  table_entry_written (m, epa, +1);

  pg->resident = TRUE;
  pg->frame = frame;
  pg->loaded_at = m->tick;
  pg->used_at = m->tick;

  r = pwk_frame_rec (m, frame);
  if (r == NULL)
    {
      r = pwk_rec_new (m, frame, pg->size >> a->page_shift, PW_FRAME_DATA);
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
      pwk_eligible_remove (m, r);
    }
  if (r->info.sharers == 1 && pg->size == pw_arch_page_size (a) && r->share_key == NULL)
    pwk_eligible_add (m, r);
  return TRUE;
}

/* Removes @p's mapping of @pg (resident): clears the leaf, shoots down the
 * TLB, drops the frame reference.  Returns TRUE if the frame became free. */
gboolean
pwk_unmap_resident (PwMachine *m,
                    PwProcess *p,
                    PwPage    *pg,
                    gboolean   release_frame)
{
  const PwArch *a = m->arch;
  guint64 va = pg->vpn << a->page_shift;
  int level = pw_arch_level_for_size (a, pg->size);
  FrameRec *r = pwk_frame_rec (m, pg->frame);
  /* the owner's leaf is recorded when mapped (kernel tables never move
   * under a resident page); other mappings are found by walking */
  guint64 epa = r != NULL && r->page == pg && r->info.pid == p->pid && r->pte_pa != 0
                && !m->raw_tables
                ? r->pte_pa : leaf_entry_pa (m, p, va, level);
  gboolean freed = FALSE;

  if (epa != 0)
    {
      pw_physmem_write_fast (m->mem, epa, a->pte_bytes, pw_arch_make_invalid (a));
      table_entry_written (m, epa, -1);
    }
  pwk_tlb_shootdown_fast (m, p->pid, va, pg->size);
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
              PwProcess *owner = pwk_lookup_mut (m, (guint) pair[0]);
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
            pwk_eligible_add (m, r);
        }
      else if (release_frame)
        {
          pwk_eligible_remove (m, r);
          if (r->share_key)
            {
              GHashTable *t = g_hash_table_lookup (m->shares, r->share_key);
              if (t)
                g_hash_table_remove (t, &r->share_off);
            }
          pw_ranges_give (m->free, r->info.frame, r->frames);
          pwk_forget_range (m, r->info.frame, r->frames);
          m->n_data -= MIN (m->n_data, r->frames);
          pwk_rec_remove (m, r);
          freed = TRUE;
        }
    }
  free_empty_tables (m, p, va, epa);
  return freed;
}

/* Entry @i of the raw table at @frame (@level, first VA @va). */
static void
scan_entry (PwMachine *m,
            guint      pid,
            guint64    frame,
            guint      level,
            guint64    va,
            guint64    i)
{
  const PwArch *a = m->arch;
  guint64 e = pw_physmem_read_entry (m->mem, (frame << a->page_shift) + i * a->pte_bytes,
                                     a->pte_bytes);
  guint64 next;

  if (!pw_arch_entry_present (a, level, e))
    return;
  if (!pw_arch_entry_is_table (a, level, e))
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
          d = pwk_rec_new (m, f0, cnt, PW_FRAME_DATA);
          d->info.pid = pid;
          d->info.vpn = (va + i * pw_arch_level_span (a, level)) >> a->page_shift;
        }
      return;
    }
  next = pw_arch_entry_frame (a, level, e);
  /* a table seen before (shared or cyclic) is skipped; one without any
   * image is left for the kernel to take when a fault reaches it */
  if (pwk_frame_rec (m, next) == NULL
      && take_raw_table (m, next, pw_arch_table_frames (a, level + 1), TRUE))
    pwk_scan_raw_tables (m, pid, next, level + 1,
                         va + i * pw_arch_level_span (a, level));
}

void
pwk_scan_raw_tables (PwMachine *m,
                     guint      pid,
                     guint64    frame,
                     guint      level,
                     guint64    va)
{
  const PwArch *a = m->arch;
  guint64 entries = pw_arch_table_entries (a, level);
  guint64 n = pw_arch_table_frames (a, level);
  FrameRec *r;

  m->raw_tables = TRUE;
  /* the caller has claimed the frames; the ones without an image are empty
   * (those of a big table stay unknown: they read as invalid entries) */
  if (n <= PW_BIG_TABLE_FRAMES)
    for (guint64 f = frame; f < frame + n; f++)
      if (pw_physmem_frame (m->mem, f) == NULL)
        pwk_fill_invalid (m, f, 1);
  r = pwk_rec_new (m, frame, n, PW_FRAME_TABLE);
  r->info.pid = pid;
  r->info.level = level;
  r->info.image = TRUE;
  r->table_va = va;
  r->info.vpn = va >> a->page_shift;
  if (n <= PW_BIG_TABLE_FRAMES)
    {
      for (guint64 i = 0; i < entries; i++)
        scan_entry (m, pid, frame, level, va, i);
      return;
    }
  /* a big table: only the entries in frames the file gave can be present */
  {
    g_autoptr(GArray) known = known_frames_in (m, frame, n);
    guint64 page = pw_arch_page_size (a), next_i = 0;
    for (guint k = 0; k < known->len; k++)
      {
        guint64 off = (g_array_index (known, guint64, k) - frame) * page;
        guint64 lo = MAX (off / a->pte_bytes, next_i);
        guint64 hi = MIN ((off + page - 1) / a->pte_bytes, entries - 1);
        for (guint64 i = lo; i <= hi; i++)
          scan_entry (m, pid, frame, level, va, i);
        next_i = MAX (next_i, hi + 1);
      }
  }
}

guint64
pwk_missing_tables (PwMachine *m,
                    PwProcess *p,
                    guint64    va,
                    guint      target)
{
  const PwArch *a = m->arch;
  guint64 table = p->root << a->page_shift;
  guint64 missing = 0;

  if (target == base_level (m) && leaf_table_find (m, p, va, &table))
    return 0;
  for (guint level = 0; level < target; level++)
    {
      guint64 e = pw_physmem_read_entry (m->mem,
                                         table + pw_arch_index (a, level, va) * a->pte_bytes,
                                         a->pte_bytes);
      if (!pw_arch_entry_is_table (a, level, e))
        {
          for (guint l = level + 1; l <= target; l++)
            missing += pw_arch_table_frames (a, l);
          return missing;
        }
      table = pw_arch_entry_frame (a, level, e) << a->page_shift;
    }
  if (target == base_level (m))
    leaf_table_known (m, p, va, table);
  return missing;
}

void
pwk_rewrite_leaf_prot (PwMachine *m,
                       PwProcess *p,
                       PwPage    *pg,
                       gboolean   writable)
{
  const PwArch *a = m->arch;
  int level = pw_arch_level_for_size (a, pg->size);
  guint64 va = pg->vpn << a->page_shift;
  guint64 epa = leaf_entry_pa (m, p, va, level);
  guint64 old = pw_physmem_read_entry (m->mem, epa, a->pte_bytes);
  guint64 e;
  PwProt prot = pg->prot;

  if (!writable)
    prot &= ~PW_PROT_W;
  e = pw_arch_make_leaf (a, level, pg->frame, prot, pg->kernel);
  /* keep the hardware's accessed and dirty state */
  e |= old & (pw_arch_accessed_mask (a) | pw_arch_dirty_mask (a));
  pw_physmem_write (m->mem, epa, a->pte_bytes, e);
  pwk_tlb_shootdown_fast (m, p->pid, va, pg->size);
}

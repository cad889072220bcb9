/* pw-kernel-setup.c: building the machine a scenario describes
 *
 * Process creation (at set-up and for a spawn), placement of segments,
 * shared pins, and pw_machine_new(), which first claims the frames the file
 * names (pw-kernel-claim.c).
 * Set-up errors carry the file name and the JSON path.  The rules are in
 * docs/machine.md.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-machine"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pw-keysort.h"
#include "pw-machine-private.h"
#include "pw-number.h"

/* ---- set-up ------------------------------------------------------------- */

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
                           /* Translators: a size in bytes, then a pid */
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

/* A pinned base page of a shared region: the frame every process with the
 * region's key sees at that offset.  A pin elsewhere of the same key and
 * offset must name the same frame; the first pin decides, and its frame is
 * recorded as the region's (never a victim, like every shared frame). */
static gboolean
share_pin (PwMachine      *m,
           PwProcess      *p,
           PwPage         *pg,
           const PwRegion *reg,
           guint64         va,
           guint64         frame,
           const char     *path,
           GError        **error)
{
  guint64 off = (va - reg->start) >> m->arch->page_shift;
  GHashTable *share = g_hash_table_lookup (m->shares, reg->share);
  guint64 *known = share ? g_hash_table_lookup (share, &off) : NULL;
  FrameRec *r;

  if (known != NULL)
    {
      g_autofree char *key = NULL, *what = NULL;
      char a[19], b[19];
      if (*known == frame)
        return TRUE;
      key = pw_quote (reg->share, -1);
      /* Translators: the share key, the frame another process pinned, then the frame this pin names */
      what = g_strdup_printf (_("the shared region %s has frame %s at this page, pinned by another process; this pin names frame %s"),
                              key, pw_hex_buf (*known, a), pw_hex_buf (frame, b));
      g_set_error (error, PW_ERROR, PW_ERROR_VALUE, "%s: %s: %s", m->sc->filename, path, what);
      return FALSE;
    }
  if (share == NULL)
    {
      share = pwk_share_table_new ();
      g_hash_table_insert (m->shares, g_strdup (reg->share), share);
    }
  g_hash_table_insert (share, g_memdup2 (&off, 8), g_memdup2 (&frame, 8));
  r = pwk_frame_rec (m, frame);
  if (r == NULL)
    {
      /* recorded before mapping so that the frame is never a victim */
      r = pwk_rec_new (m, frame, 1, PW_FRAME_DATA);
      r->info.pid = p->pid;
      r->info.vpn = pg->vpn;
      r->page = pg;
      r->info.sharers = 0;
    }
  else
    pwk_eligible_remove (m, r);
  if (r->share_key == NULL)
    {
      r->share_key = g_strdup (reg->share);
      r->share_off = off;
    }
  return TRUE;
}

void
pwk_add_process_sorted (PwMachine *m,
                        PwProcess *p)
{
  guint lo = 0, hi = m->procs->len;

  g_hash_table_insert (m->pids, GUINT_TO_POINTER (p->pid), p);
  if (m->unsorted)
    {
      g_ptr_array_add (m->procs, p);
      return;
    }
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (((PwProcess *) m->procs->pdata[mid])->pid < p->pid)
        lo = mid + 1;
      else
        hi = mid;
    }
  g_ptr_array_insert (m->procs, (gint) lo, p);
}

static int
cmp_process (gconstpointer a,
             gconstpointer b)
{
  const PwProcess *x = *(PwProcess * const *) a, *y = *(PwProcess * const *) b;
  return x->pid < y->pid ? -1 : x->pid > y->pid;
}

static int
cmp_region (gconstpointer a,
            gconstpointer b)
{
  const PwRegion *x = a, *y = b;
  return x->start < y->start ? -1 : x->start > y->start;
}

/* keys: the start of a region */
static int
cmp_start (gconstpointer a,
           gconstpointer b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;
  return x < y ? -1 : x > y;
}

/* Regions implied by pins outside every region, while a process's pins are
 * placed (then merged into p->regions at once, implied_merge()).  A pin page can only
 * lie in a region implied by an earlier entry if a page that entry pinned
 * covers it, so the search tree is consulted (and brought up to date) only
 * then, or for the next region above a run of several pages: a million
 * single-page pins never search it. */
typedef struct
{
  GPtrArray *all;      /* PwRegion*, in creation order (in @blocks) */
  GTree     *tree;     /* the first @in_tree of them, by start */
  guint      in_tree;
  PwRegion  *last;     /* the last one made (the current entry's) */
  GPtrArray *blocks;   /* the regions' memory (owned) */
  guint      used;     /* regions made in the last block, */
  guint      size;     /* of this many */
} Implied;

/* A new implied region, zero-filled.  A million pins imply a million
 * regions: they are made in blocks (growing, so that a process of a few
 * pins takes little), at addresses that never move (the tree points into
 * them). */
static PwRegion *
implied_new (Implied *im)
{
  PwRegion *r;

  if (im->used == im->size)
    {
      im->size = MIN (4096, 16u << MIN (im->blocks->len, 8));
      im->used = 0;
      g_ptr_array_add (im->blocks, g_new0 (PwRegion, im->size));
    }
  r = (PwRegion *) g_ptr_array_index (im->blocks, im->blocks->len - 1) + im->used++;
  g_ptr_array_add (im->all, r);
  return r;
}

static GTree *
implied_tree (Implied *im)
{
  for (; im->in_tree < im->all->len; im->in_tree++)
    {
      PwRegion *r = im->all->pdata[im->in_tree];
      g_tree_insert (im->tree, &r->start, r);
    }
  return im->tree;
}

/* The implied region containing @va, or NULL; the lowest start of one above
 * @va in @next (FALSE in @has_next if none). */
static PwRegion *
implied_find (Implied  *im,
              guint64   va,
              gboolean *has_next,
              guint64  *next)
{
  GTree *tree = implied_tree (im);
  GTreeNode *after = g_tree_nnodes (tree) > 0 ? g_tree_upper_bound (tree, &va) : NULL;
  GTreeNode *before = after ? g_tree_node_previous (after) : g_tree_node_last (tree);
  PwRegion *r = before ? g_tree_node_value (before) : NULL;

  *has_next = after != NULL;
  if (after != NULL)
    *next = ((const PwRegion *) g_tree_node_value (after))->start;
  return r != NULL && va - r->start < r->size ? r : NULL;
}

/* The lowest start of a region of @p above @va. */
static gboolean
region_above (const PwProcess *p,
              guint64          va,
              guint64         *next)
{
  guint lo = 0, hi = p->regions->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (g_array_index (p->regions, PwRegion, mid).start <= va)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo == p->regions->len)
    return FALSE;
  *next = g_array_index (p->regions, PwRegion, lo).start;
  return TRUE;
}

/* Moves the implied regions into @p's sorted regions, and frees them: they
 * are sorted by a radix sort on their own (a million of them, made in the
 * shuffled order of the pins), then merged with the file's in place, from
 * the top down.  No two regions start at the same address. */
static void
implied_merge (PwProcess *p,
               Implied   *im)
{
  guint n = im->all->len, nf = p->regions->len;
  g_autofree PwKey *keys = g_new (PwKey, MAX (n, 1));
  PwRegion *all;
  gint64 i = (gint64) nf - 1, j = (gint64) n - 1, k = (gint64) nf + n - 1;

  for (guint x = 0; x < n; x++)
    {
      keys[x].key = ((PwRegion *) im->all->pdata[x])->start;
      keys[x].index = x;
    }
  pw_keysort (keys, n);
  g_array_set_size (p->regions, nf + n);
  all = (PwRegion *) (gpointer) p->regions->data;
  for (; j >= 0; k--)
    {
      PwRegion *r = im->all->pdata[keys[j].index];
      if (i >= 0 && all[i].start > r->start)
        all[k] = all[i--];
      else
        {
          all[k] = *r;   /* its strings with it */
          r->name = r->share = NULL;
          j--;
        }
    }
  g_tree_unref (im->tree);
  g_ptr_array_unref (im->all);
  g_ptr_array_unref (im->blocks);
}

/* Creates a process from @spec.  At set-up (@ev NULL) errors are the
 * scenario's; at run time @fault tells a failure for lack of memory
 * (PW_KF_OUT_OF_MEMORY) from any other (PW_KF_NONE: a pid in use...). */
PwProcess *
pwk_create_process (PwMachine           *m,
                    const PwProcessSpec *spec,
                    PwEvent             *ev,
                    PwKernelFault       *fault,
                    GError             **error)
{
  const PwArch *a = m->arch;
  g_autoptr(GError) local = NULL;
  Implied implied = { NULL, NULL, 0, NULL, NULL, 0, 0 };
  PwProcess *p;

  *fault = PW_KF_OUT_OF_MEMORY;
  if (pw_machine_lookup (m, spec->pid) != NULL)
    {
      *fault = PW_KF_NONE;
      g_set_error (error, PW_ERROR, PW_ERROR_VALUE, _("process %u already exists"), spec->pid);
      return NULL;
    }
  p = pwk_process_new (spec->pid, spec->name);

  /* the file's regions do not overlap (the loader checks): one sort */
  for (guint i = 0; i < spec->regions->len; i++)
    {
      const PwRegionSpec *rs = &g_array_index (spec->regions, PwRegionSpec, i);
      PwRegion r = { rs->start, rs->size, rs->state, rs->prot, g_strdup (rs->name), rs->kernel,
                     g_strdup (rs->share) };
      g_array_append_val (p->regions, r);
    }
  g_array_sort (p->regions, cmp_region);

  if (!paged (m))
    {
      if (!place_segments (m, p, spec, ev, error))
        {
          pwk_process_free (p);
          return NULL;
        }
      pwk_add_process_sorted (m, p);
      return p;
    }

  if (spec->has_root)
    {
      /* set-up claimed roots and pinned frames ahead; a spawn claims its own,
       * and a frame in use (or outside memory) refuses the spawn */
      if (ev != NULL
          && !pwk_claim (m, spec->root, pw_arch_table_frames (a, 0), spec->path, _("root"), error))
        {
          pwk_process_free (p);
          return NULL;
        }
      p->has_root = TRUE;
      p->root = spec->root;
      if (pwk_frame_rec (m, spec->root) == NULL)
        {
          guint64 n = pw_arch_table_frames (a, 0);
          /* raw mode when the file gives the bytes of any frame of the
           * table: those frames are used exactly as given */
          if (pwk_any_image (m, spec->root, n))
            pwk_scan_raw_tables (m, p->pid, spec->root, 0, 0);
          else
            {
              FrameRec *r = pwk_rec_new (m, spec->root, n, PW_FRAME_TABLE);
              r->info.pid = p->pid;
              pwk_fill_invalid (m, spec->root, r->frames);
            }
        }
    }
  else
    {
      if (!pwk_alloc_table (m, 0, p->pid, 0, ev, &p->root))
        {
          g_set_error (error, PW_ERROR, PW_ERROR_VALUE,
                       _("no free frame for the page table of process %u"), p->pid);
          pwk_process_free (p);
          return NULL;
        }
      p->has_root = TRUE;
    }
  pwk_add_process_sorted (m, p);

  implied.all = g_ptr_array_new ();
  implied.blocks = g_ptr_array_new_with_free_func (g_free);
  implied.tree = g_tree_new (cmp_start);
  for (guint i = 0; i < spec->maps->len; i++)
    {
      const PwMapSpec *ms = &g_array_index (spec->maps, PwMapSpec, i);
      guint64 frames_per = ms->size >> a->page_shift;

      for (guint64 k = 0; k < ms->pages; k++)
        {
          guint64 va = ms->va + k * ms->size, next = 0;
          guint64 run_last = ms->va + (ms->pages * ms->size - 1);
          gboolean has_next = FALSE;
          const PwRegion *reg = pw_process_find_region (p, va);
          /* looked up once: nothing below pins a page before it is used */
          const PwPage *pinned = pwk_page_lookup (m, p, va);
          PwPage *pg;

          if (reg == NULL && implied.last != NULL && va - implied.last->start < implied.last->size)
            reg = implied.last;
          if (reg == NULL && pinned != NULL)
            reg = implied_find (&implied, va, &has_next, &next);
          if (reg == NULL)
            {
              /* one implied region for the whole uncovered part of the run,
               * up to the next region (which matters only when more than
               * this page is left of the run) */
              guint64 len, above;
              PwRegion *r = implied_new (&implied);
              if (run_last - va >= ms->size)
                {
                  implied_find (&implied, va, &has_next, &next);
                  if (region_above (p, va, &above))
                    {
                      next = has_next ? MIN (next, above) : above;
                      has_next = TRUE;
                    }
                  if (has_next && next <= run_last)
                    run_last = next - 1;
                }
              len = ((run_last - va + 1) / ms->size) * ms->size;
              r->start = va;
              r->size = MAX (len, ms->size);
              r->state = PW_REGION_COMMITTED;
              r->prot = ms->prot;
              implied.last = r;
              reg = r;
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
          if (pinned != NULL)
            {
              *fault = PW_KF_NONE;
              g_set_error (error, PW_ERROR, PW_ERROR_VALUE, "%s: %s: %s", m->sc->filename,
                           ms->path, _("this page is already pinned"));
              goto undo;
            }
          pg = pwk_page_add (p, va >> a->page_shift);
          pg->size = ms->size;
          if (pg->size != pw_arch_page_size (a))
            m->large_pages = TRUE;
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
              if (ev != NULL && !pwk_claim (m, frame, frames_per, ms->path, _("map"), error))
                goto undo;
              if (reg->share != NULL && ms->size == pw_arch_page_size (a)
                  && !share_pin (m, p, pg, reg, va, frame, ms->path, error))
                {
                  *fault = PW_KF_NONE;
                  if (ev != NULL)
                    pw_ranges_give (m->free, frame, frames_per);
                  goto undo;
                }
              if (!pwk_map_resident (m, p, pg, frame, TRUE, NULL, &local))
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
  implied_merge (p, &implied);
  return p;

undo:
  implied_merge (p, &implied);
  /* at run time (a spawn) the process goes again, with what it got; at
   * set-up the whole machine is dropped */
  if (ev != NULL)
    pwk_exit_process (m, p, FALSE);
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
  g_autoptr(GArray) images = NULL;   /* frames of frame images, ascending */
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
  m->frames = pwk_frames_new ();
  if (paged (m) && m->n_frames <= PW_FRAME_VEC_MAX)
    {
      m->n_frame_vec = m->n_frames;
      m->frame_vec = g_new0 (FrameRec *, MAX (m->n_frame_vec, 1));
    }
  m->spans = pwk_spans_new ();
  m->procs = g_ptr_array_new_with_free_func ((GDestroyNotify) pwk_process_free);
  m->pids = g_hash_table_new (NULL, NULL);
  m->shares = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                     (GDestroyNotify) g_hash_table_unref);
  m->zero_page = g_bytes_new_take (g_malloc0 (pw_arch_page_size (a)), pw_arch_page_size (a));
  pwk_replace_init (m);
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
      m->tlb_sets_pow2 = m->tlb_sets > 0 && (m->tlb_sets & (m->tlb_sets - 1)) == 0;
      m->tlb_set_mask = m->tlb_sets_pow2 ? m->tlb_sets - 1 : 0;
      m->tlb = g_new0 (PwTlbEntry, m->tlb_n);
    }

  /* Claims first: frame images, given roots, pinned frames. */
  if (!pwk_claim_images (m, &images, error))
    goto fail;
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
          /* frames whose bytes are a frame image are the table's (raw mode) */
          if (!pwk_claim_around (m, ps->root, n, images, path, _("root"), error))
            goto fail;
        }
      if (!pwk_claim_pins (m, images, error))
        goto fail;
    }

  /* processes are appended in file order and sorted by pid once */
  m->unsorted = TRUE;
  for (guint i = 0; i < sc->processes->len; i++)
    {
      const PwProcessSpec *ps = sc->processes->pdata[i];
      PwKernelFault fault;
      if (pwk_create_process (m, ps, NULL, &fault, error) == NULL)
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
      FrameRec *r = pwk_frame_rec (m, fi->frame);
      if (r == NULL)
        r = pwk_rec_new (m, fi->frame, 1, PW_FRAME_DATA);
      r->info.image = TRUE;
    }
  g_ptr_array_sort (m->procs, cmp_process);
  m->unsorted = FALSE;
  if (m->procs->len > 0)
    m->current = ((PwProcess *) m->procs->pdata[0])->pid;
  return m;

fail:
  pw_machine_free (m);
  return NULL;
}

/* pw-scenario-procs.c: processes, regions, maps and segments of a scenario
 *
 * Each process of "processes" (and each "spawn" step): its pid, root,
 * regions (sorted and checked for overlap), pinned pages ("map") and
 * segments, checked against the architecture.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-scenario"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pw-scenario-private.h"

#include <string.h>

/* ---- processes ------------------------------------------------------------ */

typedef struct
{
  guint64 start;
  guint64 last;
  guint   index;
} Span;

static int
span_cmp (gconstpointer a,
          gconstpointer b)
{
  const Span *x = a, *y = b;
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index ? 1 : 0;
}

static gboolean
parse_region (Ctx          *c,
              PwJson       *node,
              const char   *path,
              PwRegionSpec *r)
{
  static const char * const keys[] = {
    "start", "size", "state", "prot", "name", "kernel", "share", NULL };
  static const char * const states[] = { "free", "reserved", "committed", NULL };
  PwJson *o;
  const char *name = NULL, *share = NULL;
  guint state = 2;

  if (!PW_JSON_HOLDS_OBJECT (node))
    return fail (c, path, _("expected an object, found %s"), node_kind (node));
  o = pw_json_node_get_object (node);
  r->prot = PW_PROT_R | PW_PROT_W;
  if (!check_keys (c, o, path, keys, NULL)
      || !member_u64 (c, o, path, "start", &r->start, NULL)
      || !member_u64 (c, o, path, "size", &r->size, NULL)
      || !member_choice (c, o, path, "state", states, &state)
      || !member_prot (c, o, path, "prot", &r->prot, NULL)
      || !member_string (c, o, path, "name", &name, FALSE)
      || !member_bool (c, o, path, "kernel", &r->kernel)
      || !member_string (c, o, path, "share", &share, FALSE)
      || !text_fits (c, path, "name", name, MAX_NAME_CHARS)
      || !text_fits (c, path, "share", share, MAX_NAME_CHARS))
    return FALSE;
  if (state == 0)
    {
      g_autofree char *p = path_key (path, "state");
      return fail (c, p, _("free is the absence of a region: leave the range out, "
                           "or write \"reserved\" or \"committed\""));
    }
  r->state = state == 1 ? PW_REGION_RESERVED : PW_REGION_COMMITTED;
  if (r->size == 0)
    {
      g_autofree char *p = path_key (path, "size");
      return fail (c, p, _("a region cannot be empty"));
    }
  if (!check_aligned (c, path, "start", r->start, c->page)
      || !check_aligned (c, path, "size", r->size, c->page)
      || !check_va_range (c, path, r->start, r->size))
    return FALSE;
  r->name = g_strdup (name);
  r->share = g_strdup (share);
  return TRUE;
}

static gboolean
check_regions (Ctx           *c,
               PwProcessSpec *p)
{
  g_autoptr(GArray) spans = g_array_sized_new (FALSE, FALSE, sizeof (Span), p->regions->len);
  g_autoptr(GHashTable) shares = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < p->regions->len; i++)
    {
      PwRegionSpec *r = &g_array_index (p->regions, PwRegionSpec, i);
      Span s = { r->start, r->start + (r->size - 1), i };
      g_array_append_val (spans, s);

      if (r->share != NULL)
        {
          PwRegionSpec *first;
          g_autofree char *t = shown (r->share);

          if (g_hash_table_contains (shares, r->share))
            {
              g_autofree char *sp = path_key (r->path, "share");
              return fail (c, sp, _("the share key “%s” is used twice in one process"), t);
            }
          g_hash_table_add (shares, r->share);

          first = g_hash_table_lookup (c->shares, r->share);
          if (first == NULL)
            g_hash_table_insert (c->shares, r->share, r);
          else if (first->size != r->size)
            {
              g_autofree char *a = size_str (first->size);
              g_autofree char *b = size_str (r->size);
              g_autofree char *sp = path_key (r->path, "size");
              /* Translators: the share name, the first region's JSON path, its size, this
               * region's size */
              return fail (c, sp, _("regions shared as “%s” must have one size: %s is %s, this one %s"),
                           t, first->path, a, b);
            }
        }
    }
  g_array_sort (spans, span_cmp);
  for (guint i = 1; i < spans->len; i++)
    {
      Span *x = &g_array_index (spans, Span, i - 1);
      Span *y = &g_array_index (spans, Span, i);
      if (y->start <= x->last)
        {
          guint later = MAX (x->index, y->index), earlier = MIN (x->index, y->index);
          PwRegionSpec *rl = &g_array_index (p->regions, PwRegionSpec, later);
          PwRegionSpec *re = &g_array_index (p->regions, PwRegionSpec, earlier);
          char b1[20], b2[20];
          /* Translators: the other region's JSON path, then its first and last addresses */
          return fail (c, rl->path, _("overlaps %s (%s–%s)"), re->path,
                       pw_hex_buf (re->start, b1), pw_hex_buf (re->start + (re->size - 1), b2));
        }
    }
  return TRUE;
}

static char *
large_sizes (const PwArch *a)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < a->n_levels; i++)
    {
      guint level = a->n_levels - 1 - i;
      if (level + 1 == a->n_levels || a->large_ok[level])
        {
          g_autofree char *h = size_str (pw_arch_level_span (a, level));
          if (s->len > 0)
            g_string_append (s, ", ");
          g_string_append (s, h);
        }
    }
  return g_string_free (s, FALSE);
}

/* @has_prot: whether the entry gives its prot (else rw-). */
static gboolean
parse_map (Ctx        *c,
           PwJson     *node,
           const char *path,
           PwMapSpec  *m,
           gboolean   *has_prot)
{
  static const char * const keys[] = { "page", "va", "frame", "disk", "size", "pages", "prot", NULL };
  const PwArch *a = c->arch;
  PwJson *o;
  gboolean has_page, has_va, has_frame, has_disk, has_size, has_pages;
  guint64 page = 0, total, frames_per;
  char b1[20], b2[20];

  if (!PW_JSON_HOLDS_OBJECT (node))
    return fail (c, path, _("expected an object, found %s"), node_kind (node));
  o = pw_json_node_get_object (node);
  m->size = c->page;
  m->pages = 1;
  m->prot = PW_PROT_R | PW_PROT_W;
  if (!check_keys (c, o, path, keys, NULL)
      || !member_u64 (c, o, path, "page", &page, &has_page)
      || !member_u64 (c, o, path, "va", &m->va, &has_va)
      || !member_u64 (c, o, path, "frame", &m->frame, &has_frame)
      || !member_u64 (c, o, path, "disk", &m->slot, &has_disk)
      || !member_u64 (c, o, path, "size", &m->size, &has_size)
      || !member_u64 (c, o, path, "pages", &m->pages, &has_pages)
      || !member_prot (c, o, path, "prot", &m->prot, has_prot))
    return FALSE;

  if (has_page && has_va)
    return fail (c, path, _("give “page” or “va”, not both"));
  if (!has_page && !has_va)
    return fail (c, path, _("“page” (a virtual page number) or “va” (an address) is missing"));
  if (has_frame && has_disk)
    return fail (c, path, _("give “frame” or “disk”, not both"));
  if (!has_frame && !has_disk)
    return fail (c, path, _("“frame” or “disk” (a swap slot) is missing"));

  if (has_page)
    {
      if (page > (G_MAXUINT64 >> a->page_shift))
        return fail (c, path, _("page %s is beyond the 64-bit address space"), pw_hex_buf (page, b1));
      m->va = page << a->page_shift;
    }
  else if (!check_aligned (c, path, "va", m->va, c->page))
    return FALSE;

  if (has_size && pw_arch_level_for_size (a, m->size) < 0)
    {
      g_autofree char *p = path_key (path, "size");
      g_autofree char *sizes = large_sizes (a);
      g_autofree char *h = size_str (m->size);
      /* Translators: the architecture, the page size asked for, the page sizes it has */
      return fail (c, p, _("%s has no %s pages (page sizes: %s)"), a->name, h, sizes);
    }
  if (m->va % m->size != 0)
    {
      g_autofree char *h = size_str (m->size);
      /* Translators: a virtual address, then the page size */
      return fail (c, path, _("the address %s is not aligned to its %s page"),
                   pw_hex_buf (m->va, b1), h);
    }
  if (m->pages == 0)
    {
      g_autofree char *p = path_key (path, "pages");
      return fail (c, p, _("must be at least 1"));
    }
  if (m->pages > G_MAXUINT64 / m->size)
    {
      g_autofree char *p = path_key (path, "pages");
      return fail (c, p, _("%s pages go past the end of the address space"), PW_DEC (m->pages));
    }
  total = m->pages * m->size;
  if (!check_va_range (c, path, m->va, total))
    return FALSE;

  frames_per = m->size / c->page;
  if (has_frame)
    {
      guint64 n = total / c->page;
      if (m->frame % frames_per != 0)
        {
          g_autofree char *p = path_key (path, "frame");
          g_autofree char *h = size_str (m->size);
          /* Translators: the frame, the page size, the frames a page takes */
          return fail (c, p, _("frame %s is not aligned to the %s page (a multiple of %s frames)"),
                       pw_hex_buf (m->frame, b1), h, pw_hex_buf (frames_per, b2));
        }
      if (m->frame >= c->sc->memory_frames || n > c->sc->memory_frames - m->frame)
        {
          g_autofree char *p = path_key (path, "frame");
          /* Translators: the frame, then the last frame of memory */
          return fail (c, p, _("frame %s is beyond physical memory (frames 0x0 to %s)"),
                       pw_hex_buf (m->frame + (m->frame < c->sc->memory_frames ? n - 1 : 0), b1),
                       pw_hex_buf (c->sc->memory_frames - 1, b2));
        }
    }
  else
    {
      g_autofree char *p = path_key (path, "disk");
      m->on_disk = TRUE;
      if (m->size != c->page)
        return fail (c, p, _("only base pages can start on disk, not large pages"));
      if (c->sc->disk_slots == 0)
        return fail (c, p, _("there is no disk: add \"disk\": {\"slots\": N}"));
      if (m->slot >= c->sc->disk_slots || m->pages > c->sc->disk_slots - m->slot)
        /* Translators: the disk slot named, then the last slot of the disk */
        return fail (c, p, _("slot %s does not exist (slots 0 to %s)"),
                     PW_DEC (m->slot >= c->sc->disk_slots ? m->slot : m->slot + m->pages - 1),
                     PW_DEC (c->sc->disk_slots - 1));
    }
  return TRUE;
}

/* Pins must not overlap each other nor lie in a reserved region, nor give
 * more rights than their region (@prot_given[i]: map[i] gives its prot). */
static gboolean
check_maps (Ctx            *c,
            PwProcessSpec  *p,
            const gboolean *prot_given)
{
  g_autoptr(GArray) spans = g_array_sized_new (FALSE, FALSE, sizeof (Span), p->maps->len);
  g_autoptr(GArray) regions = g_array_sized_new (FALSE, FALSE, sizeof (Span), p->regions->len);

  for (guint i = 0; i < p->maps->len; i++)
    {
      PwMapSpec *m = &g_array_index (p->maps, PwMapSpec, i);
      Span s = { m->va, m->va + (m->pages * m->size - 1), i };
      g_array_append_val (spans, s);
    }
  g_array_sort (spans, span_cmp);
  for (guint i = 1; i < spans->len; i++)
    {
      Span *x = &g_array_index (spans, Span, i - 1);
      Span *y = &g_array_index (spans, Span, i);
      if (y->start <= x->last)
        {
          guint later = MAX (x->index, y->index), earlier = MIN (x->index, y->index);
          PwMapSpec *ml = &g_array_index (p->maps, PwMapSpec, later);
          PwMapSpec *me = &g_array_index (p->maps, PwMapSpec, earlier);
          char b[20];
          /* Translators: a virtual address, then the JSON path of the other pin */
          return fail (c, ml->path, _("the page at %s is already pinned by %s"),
                       pw_hex_buf (MAX (x->start, y->start), b), me->path);
        }
    }

  for (guint i = 0; i < p->regions->len; i++)
    {
      PwRegionSpec *r = &g_array_index (p->regions, PwRegionSpec, i);
      Span s = { r->start, r->start + (r->size - 1), i };
      g_array_append_val (regions, s);
    }
  g_array_sort (regions, span_cmp);
  for (guint i = 0; i < spans->len; i++)
    {
      Span *pin = &g_array_index (spans, Span, i);
      guint lo = 0, hi = regions->len;

      /* first region whose last byte is at or after the pin's start */
      while (lo < hi)
        {
          guint mid = lo + (hi - lo) / 2;
          if (g_array_index (regions, Span, mid).last < pin->start)
            lo = mid + 1;
          else
            hi = mid;
        }
      for (guint j = lo; j < regions->len; j++)
        {
          Span *rs = &g_array_index (regions, Span, j);
          PwRegionSpec *r = &g_array_index (p->regions, PwRegionSpec, rs->index);
          if (rs->start > pin->last)
            break;
          PwMapSpec *m = &g_array_index (p->maps, PwMapSpec, pin->index);
          if (r->state != PW_REGION_COMMITTED)
            return fail (c, m->path, _("a pinned page must lie in a committed region, "
                                       "and %s is reserved"), r->path);
          if ((m->prot & ~r->prot) != 0)
            {
              /* the entry's prot, or the entry itself when rw- is the default */
              g_autofree char *where = prot_given[pin->index]
                ? path_key (m->path, "prot") : g_strdup (m->path);
              char b1[4], b2[4];
              /* Translators: the protection given (rw-...), then the region's */
              return fail (c, where, _("%s gives more than its region allows (%s)"),
                           pw_prot_string (m->prot, b1), pw_prot_string (r->prot, b2));
            }
        }
    }
  return TRUE;
}

/* Does [base, base + limit) lie in the pa_bits physical address space?  By
 * last bytes, so that a segment may end exactly at 2^64. */
static gboolean
segment_fits_pa (const PwArch *a,
                 guint64       base,
                 guint64       limit)
{
  guint64 pa_last = pw_mask (a->pa_bits);

  if (limit == 0)
    return a->pa_bits >= 64 || base <= pa_last + 1;
  return base <= pa_last && limit - 1 <= pa_last - base;
}

static gboolean
parse_segment (Ctx        *c,
               PwJson     *node,
               const char *path,
               PwSegment  *seg)
{
  static const char * const keys[] = { "base", "limit", "grows", NULL };
  static const char * const grows[] = { "up", "down", NULL };
  const PwArch *a = c->arch;
  guint64 seg_size = G_GUINT64_CONSTANT (1) << (a->va_bits - a->segment_bits);
  guint64 pa_size = a->pa_bits >= 64 ? G_MAXUINT64 : G_GUINT64_CONSTANT (1) << a->pa_bits;
  PwJson *o;
  guint g = 0;
  char b1[20], b2[20];

  if (!PW_JSON_HOLDS_OBJECT (node))
    return fail (c, path, _("expected an object, found %s"), node_kind (node));
  o = pw_json_node_get_object (node);
  if (!check_keys (c, o, path, keys, NULL)
      || !member_u64 (c, o, path, "base", &seg->base, NULL)
      || !member_u64 (c, o, path, "limit", &seg->limit, NULL)
      || !member_choice (c, o, path, "grows", grows, &g))
    return FALSE;
  seg->grows_down = g == 1;
  if (seg->limit > seg_size)
    {
      g_autofree char *p = path_key (path, "limit");
      /* Translators: the limit given, then the most a segment holds */
      return fail (c, p, _("%s is more than a segment holds (%s bytes)"),
                   pw_hex_buf (seg->limit, b1), pw_hex_buf (seg_size, b2));
    }
  if (seg->grows_down)
    {
      g_autofree char *p = path_key (path, "base");
      if (seg->limit > seg->base)
        /* Translators: the segment's base, then its limit */
        return fail (c, p, _("a segment growing down ends at its base, so the base (%s) must be "
                             "at least the limit (%s)"),
                     pw_hex_buf (seg->base, b1), pw_hex_buf (seg->limit, b2));
      if (seg->base > pa_size)
        /* Translators: the base, then the physical address bits */
        return fail (c, p, _("%s is outside the %u-bit physical address space"),
                     pw_hex_buf (seg->base, b1), a->pa_bits);
    }
  else if (!segment_fits_pa (a, seg->base, seg->limit))
    {
      g_autofree char *p = path_key (path, "base");
      /* Translators: the base, the limit, the physical address bits */
      return fail (c, p, _("base %s plus limit %s goes past the %u-bit physical address space"),
                   pw_hex_buf (seg->base, b1), pw_hex_buf (seg->limit, b2), a->pa_bits);
    }
  return TRUE;
}

PwProcessSpec *
parse_process (Ctx        *c,
               PwJson     *node,
               const char *path,
               gboolean    spawned)
{
  static const char * const paged_keys[] = { "pid", "name", "root", "regions", "map", NULL };
  static const char * const bb_keys[] = { "pid", "name", "base", "limit", NULL };
  static const char * const seg_keys[] = { "pid", "name", "segments", NULL };
  static const char * const paged_misplaced[] = {
    "base", N_("is only for base-bounds architectures"),
    "limit", N_("is only for base-bounds architectures"),
    "segments", N_("is only for segmented architectures"),
    NULL };
  static const char * const bb_misplaced[] = {
    "root", N_("is only for paged architectures"),
    "regions", N_("is only for paged architectures"),
    "map", N_("is only for paged architectures"),
    "segments", N_("is only for segmented architectures"),
    NULL };
  static const char * const seg_misplaced[] = {
    "root", N_("is only for paged architectures"),
    "regions", N_("is only for paged architectures"),
    "map", N_("is only for paged architectures"),
    "base", N_("is only for base-bounds architectures (segments have their own)"),
    "limit", N_("is only for base-bounds architectures (segments have their own)"),
    NULL };
  const PwArch *a = c->arch;
  PwProcessSpec *p;
  PwJson *o;
  const char *name = NULL;
  guint64 pid;
  gboolean ok;

  if (!PW_JSON_HOLDS_OBJECT (node))
    {
      fail (c, path, _("expected an object, found %s"), node_kind (node));
      return NULL;
    }
  o = pw_json_node_get_object (node);
  if (!check_keys (c, o, path,
                   a->kind == PW_ARCH_PAGED ? paged_keys
                   : a->kind == PW_ARCH_BASE_BOUNDS ? bb_keys : seg_keys,
                   a->kind == PW_ARCH_PAGED ? paged_misplaced
                   : a->kind == PW_ARCH_BASE_BOUNDS ? bb_misplaced : seg_misplaced))
    return NULL;

  p = process_spec_new ();
  p->path = g_strdup (path);
  if (!member_range (c, o, path, "pid", 1, G_MAXUINT, &pid, NULL)
      || !member_string (c, o, path, "name", &name, FALSE)
      || !text_fits (c, path, "name", name, MAX_NAME_CHARS))
    goto error;
  p->pid = (guint) pid;
  p->name = g_strdup (name);

  if (a->kind == PW_ARCH_PAGED)
    {
      g_autofree gboolean *prot_given = NULL;
      PwJson *arr;

      if (!member_u64 (c, o, path, "root", &p->root, &p->has_root))
        goto error;
      if (p->has_root)
        {
          guint64 n = pw_arch_table_frames (a, 0);
          if (p->root >= c->sc->memory_frames)
            {
              g_autofree char *rp = path_key (path, "root");
              char b1[20], b2[20];
              /* Translators: the frame, then the last frame of memory */
              fail (c, rp, _("frame %s is beyond physical memory (frames 0x0 to %s)"),
                    pw_hex_buf (p->root, b1), pw_hex_buf (c->sc->memory_frames - 1, b2));
              goto error;
            }
          if (n > c->sc->memory_frames - p->root)
            {
              /* the first frame exists, the table does not fit */
              g_autofree char *rp = path_key (path, "root");
              char b1[20], b2[20];
              /* Translators: the table's size in frames, its first frame
               * and the number of frames of memory */
              fail (c, rp, _("the %s-frame root table at %s runs past the end "
                             "of physical memory (%s frames)"),
                    PW_DEC (n), pw_hex_buf (p->root, b1), pw_hex_buf (c->sc->memory_frames, b2));
              goto error;
            }
        }

      arr = member_array (c, o, path, "regions", &ok);
      if (!ok)
        goto error;
      if (arr != NULL)
        {
          g_autofree char *rp = path_key (path, "regions");
          guint n = pw_json_array_get_length (arr);
          g_array_set_size (p->regions, n);
          for (guint i = 0; i < n; i++)
            {
              PwRegionSpec *r = &g_array_index (p->regions, PwRegionSpec, i);
              r->path = path_index (rp, i);
              if (!parse_region (c, pw_json_array_get_element (arr, i), r->path, r))
                goto error;
            }
        }
      if (!check_regions (c, p))
        goto error;

      arr = member_array (c, o, path, "map", &ok);
      if (!ok)
        goto error;
      if (arr != NULL)
        {
          g_autofree char *mp = path_key (path, "map");
          guint n = pw_json_array_get_length (arr);
          g_array_set_size (p->maps, n);
          prot_given = g_new0 (gboolean, n);
          for (guint i = 0; i < n; i++)
            {
              PwMapSpec *m = &g_array_index (p->maps, PwMapSpec, i);
              m->path = path_index (mp, i);
              if (!parse_map (c, pw_json_array_get_element (arr, i), m->path, m, &prot_given[i]))
                goto error;
            }
        }
      if (!check_maps (c, p, prot_given))
        goto error;
    }
  else if (a->kind == PW_ARCH_BASE_BOUNDS)
    {
      PwSegment seg = { 0 };
      guint64 va_size = G_GUINT64_CONSTANT (1) << MIN (a->va_bits, 63);
      guint64 pa_size = a->pa_bits >= 64 ? G_MAXUINT64 : G_GUINT64_CONSTANT (1) << a->pa_bits;
      char b1[20], b2[20];
      gboolean has_base = TRUE;

      /* A spawned process may leave out its base: the kernel then places
       * it (first fit), which kernel_places tells pw-machine.c (a base of
       * G_MAXUINT64 is a valid base with pa_bits 64). */
      if (!member_u64 (c, o, path, "base", &seg.base, spawned ? &has_base : NULL)
          || !member_u64 (c, o, path, "limit", &seg.limit, NULL))
        goto error;
      if (a->va_bits < 64 && seg.limit > va_size)
        {
          g_autofree char *lp = path_key (path, "limit");
          /* Translators: the limit given, then the virtual address bits */
          fail (c, lp, _("%s is more than the %u-bit virtual address space holds"),
                pw_hex_buf (seg.limit, b1), a->va_bits);
          goto error;
        }
      if (!has_base)
        {
          seg.base = G_MAXUINT64;
          p->kernel_places = TRUE;
          if (seg.limit > pa_size)
            {
              g_autofree char *lp = path_key (path, "limit");
              /* Translators: the limit given, then the physical address bits */
              fail (c, lp, _("%s is more than the %u-bit physical address space holds"),
                    pw_hex_buf (seg.limit, b1), a->pa_bits);
              goto error;
            }
        }
      else if (!segment_fits_pa (a, seg.base, seg.limit))
        {
          g_autofree char *bp = path_key (path, "base");
          /* Translators: the base, the limit, the physical address bits */
          fail (c, bp, _("base %s plus limit %s goes past the %u-bit physical address space"),
                pw_hex_buf (seg.base, b1), pw_hex_buf (seg.limit, b2), a->pa_bits);
          goto error;
        }
      g_array_append_val (p->segments, seg);
    }
  else
    {
      PwJson *arr = member_array (c, o, path, "segments", &ok);
      g_autofree char *sp = path_key (path, "segments");
      guint64 max = G_GUINT64_CONSTANT (1) << a->segment_bits;
      guint n;

      if (!ok)
        goto error;
      if (arr == NULL)
        {
          fail (c, path, _("“%s” is missing"), "segments");
          goto error;
        }
      n = pw_json_array_get_length (arr);
      if (n == 0 || n > max)
        {
          /* Translators: the most segments allowed, the segment bits of the
           * architecture and the number of segments listed */
          fail (c, sp, _("must list from 1 to %s segments (segment_bits is %u), not %u"),
                PW_DEC (max), a->segment_bits, n);
          goto error;
        }
      g_array_set_size (p->segments, n);
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *ep = path_index (sp, i);
          if (!parse_segment (c, pw_json_array_get_element (arr, i), ep,
                              &g_array_index (p->segments, PwSegment, i)))
            goto error;
        }
    }
  return p;

error:
  pw_process_spec_free (p);
  return NULL;
}

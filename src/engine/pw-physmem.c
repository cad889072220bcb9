/* pw-physmem.c: an open-addressing hash of frame number to page bytes
 *
 * A frame's buffer holds the bytes it was given, which may be fewer than a
 * page: reads past them give zero, writes past them give the frame a whole
 * page first (pw_physmem_frame_ensure()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-physmem"

#include "config.h"

#include <string.h>

#include "pw-physmem.h"
#include "pw-physmem-private.h"

typedef PwPhysSlot Slot;
typedef PwPhysCacheLine CacheLine;

static inline guint64
hash64 (guint64 x)
{
  x ^= x >> 33;
  x *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  x ^= x >> 33;
  return x;
}

PwPhysMem *
pw_physmem_new (guint    page_shift,
                gboolean big_endian)
{
  PwPhysMem *m = g_new0 (PwPhysMem, 1);

  m->page_shift = page_shift;
  m->big_endian = big_endian;
  m->cap = 64;
  m->slots = g_new0 (Slot, m->cap);
  return m;
}

guint
pw_physmem_page_shift (const PwPhysMem *m)
{
  return m->page_shift;
}

static gsize
page_bytes (const PwPhysMem *m)
{
  return (gsize) 1 << m->page_shift;
}

/* Page buffers are shared between copies of a memory (the history's
 * checkpoints) and copied on the first write: a reference count sits in a
 * header before the bytes, with the number of bytes the buffer holds (a
 * page, or fewer for a short frame image). */
typedef PwPhysPageHeader Header;

static inline Header *
header (const guint8 *p)
{
  return (Header *) (p - PW_PHYS_PAGE_HEADER);
}

/* A buffer of @n bytes, zero-filled. */
static guint8 *
page_new (gsize n)
{
  guint8 *b = g_malloc0 (PW_PHYS_PAGE_HEADER + n);
  Header *h = (Header *) b;
  h->ref = 1;
  h->len = n;
  return b + PW_PHYS_PAGE_HEADER;
}

static inline gsize
page_len (const guint8 *p)
{
  return header (p)->len;
}

static guint8 *
page_ref (guint8 *p)
{
  g_atomic_int_inc (&header (p)->ref);
  return p;
}

static void
page_unref (guint8 *p)
{
  if (p != NULL && g_atomic_int_dec_and_test (&header (p)->ref))
    g_free (p - PW_PHYS_PAGE_HEADER);
}

static gboolean
page_shared (const guint8 *p)
{
  return pw_physmem_page_shared (p);
}

PwPhysMem *
pw_physmem_copy (const PwPhysMem *src)
{
  PwPhysMem *m = g_new0 (PwPhysMem, 1);

  *m = *src;
  m->slots = g_new (Slot, m->cap);
  for (guint64 i = 0; i < m->cap; i++)
    {
      m->slots[i].frame = src->slots[i].frame;
      m->slots[i].bytes = src->slots[i].bytes ? page_ref (src->slots[i].bytes) : NULL;
    }
  m->zero = src->zero ? page_ref (src->zero) : NULL;
  memset (m->cache, 0, sizeof m->cache);
  return m;
}

void
pw_physmem_free (PwPhysMem *m)
{
  if (m == NULL)
    return;
  for (guint64 i = 0; i < m->cap; i++)
    page_unref (m->slots[i].bytes);
  page_unref (m->zero);
  g_free (m->slots);
  g_free (m);
}

static inline Slot *
lookup (const PwPhysMem *m,
        guint64          frame)
{
  guint64 mask = m->cap - 1;
  guint64 i = hash64 (frame) & mask;

  for (;;)
    {
      Slot *s = &m->slots[i];
      if (s->bytes == NULL || s->frame == frame)
        return s;
      i = (i + 1) & mask;
    }
}

static inline guint64
filter_bit (guint64  frame,
            guint   *word)
{
  guint64 h = hash64 (frame ^ G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));
  *word = (h >> 6) & (PW_PHYS_FILTER_WORDS - 1);
  return G_GUINT64_CONSTANT (1) << (h & 63);
}

/* Caches @bytes (NULL: unknown) as @frame's. */
static inline void
cache_set (const PwPhysMem *m,
           guint64          frame,
           guint8          *bytes)
{
  *pw_physmem_cache_line (m, frame) = (CacheLine) { frame, bytes, bytes ? page_len (bytes) : 0, TRUE };
}

const CacheLine *
pw_physmem_cache_fill (const PwPhysMem *m,
                       CacheLine       *c,
                       guint64          frame)
{
  static const CacheLine unknown = { 0, NULL, 0, FALSE };
  guint word;
  guint64 bit = filter_bit (frame, &word);

  if (!(m->filter[word] & bit))
    return &unknown;
  cache_set (m, frame, lookup (m, frame)->bytes);
  return c;
}

const guint8 *
pw_physmem_frame (const PwPhysMem *m,
                  guint64          frame)
{
  const CacheLine *c = pw_physmem_lookup_fast (m, frame);
  Slot *s;
  guint8 *page;

  if (c->bytes == NULL || c->len == page_bytes (m))
    return c->bytes;
  /* a short frame: a page of its own, the same value (the slots are not part
   * of what const protects, as the cache is not) */
  s = lookup (m, frame);
  page = page_new (page_bytes (m));
  memcpy (page, s->bytes, page_len (s->bytes));
  page_unref (s->bytes);
  s->bytes = page;
  cache_set (m, frame, page);
  return page;
}

gsize
pw_physmem_frame_held (const PwPhysMem *m,
                       guint64          frame)
{
  return pw_physmem_lookup_fast (m, frame)->len;
}

/* A table of @cap slots (a power of two), rehashed once. */
static void
resize (PwPhysMem *m,
        guint64    cap)
{
  Slot *old = m->slots;
  guint64 old_cap = m->cap;

  m->cap = cap;
  m->slots = g_new0 (Slot, m->cap);
  for (guint64 i = 0; i < old_cap; i++)
    if (old[i].bytes != NULL)
      *lookup (m, old[i].frame) = old[i];
  g_free (old);
}

/* at most three quarters full, so that probe chains stay short */
static inline gboolean
too_full (guint64 n,
          guint64 cap)
{
  return n > cap / 4 * 3;
}

void
pw_physmem_reserve (PwPhysMem *m,
                    guint64    n)
{
  guint64 cap = m->cap;

  if (n > G_MAXUINT64 / 2 - m->n)
    return;
  while (too_full (m->n + n, cap))
    cap *= 2;
  if (cap != m->cap)
    resize (m, cap);
}

/* Makes @frame known with @bytes (a reference given); it was unknown. */
static Slot *
add_slot (PwPhysMem *m,
          guint64    frame,
          guint8    *bytes)
{
  Slot *s;
  guint word;
  guint64 bit = filter_bit (frame, &word);

  if (too_full (m->n + 1, m->cap))
    resize (m, m->cap * 2);
  s = lookup (m, frame);
  s->frame = frame;
  s->bytes = bytes;
  m->n++;
  m->filter[word] |= bit;
  /* the frame may be cached as unknown */
  cache_set (m, frame, bytes);
  return s;
}

/* The bytes of @frame for writing its first @need bytes: this memory's own
 * (copied on the first write since a copy), as many as it held, or a whole
 * page if that is fewer than @need (a short frame written within its bytes
 * stays short). */
static guint8 *
frame_writable (PwPhysMem *m,
                guint64    frame,
                gsize      need)
{
  Slot *s = lookup (m, frame);

  if (s->bytes != NULL)
    {
      gsize len = page_len (s->bytes);
      if (page_shared (s->bytes) || len < need)
        {
          guint8 *own = page_new (len < need ? page_bytes (m) : len);
          memcpy (own, s->bytes, len);
          page_unref (s->bytes);
          s->bytes = own;
          cache_set (m, frame, own);
        }
      return s->bytes;
    }
  s = add_slot (m, frame, page_new (page_bytes (m)));
  return s->bytes;
}

guint8 *
pw_physmem_frame_ensure (PwPhysMem *m,
                         guint64    frame)
{
  return frame_writable (m, frame, page_bytes (m));
}

void
pw_physmem_frame_zero (PwPhysMem *m,
                       guint64    frame)
{
  Slot *s;

  if (m->zero == NULL)
    m->zero = page_new (page_bytes (m));
  s = lookup (m, frame);
  if (s->bytes == NULL)
    {
      /* a new frame: the shared zero page straight away, no bytes of its own
       * made and dropped */
      add_slot (m, frame, page_ref (m->zero));
      return;
    }
  page_unref (s->bytes);
  s->bytes = page_ref (m->zero);
  cache_set (m, frame, s->bytes);
}

void
pw_physmem_frame_image (PwPhysMem    *m,
                        guint64       frame,
                        const guint8 *bytes,
                        gsize         n)
{
  guint8 *own;

  n = MIN (n, page_bytes (m));
  if (lookup (m, frame)->bytes != NULL)
    {
      /* laid over what the frame holds, which shows past them */
      if (n > 0)
        memcpy (frame_writable (m, frame, n), bytes, n);
      return;
    }
  /* trailing zeros read as zero anyway */
  while (n > 0 && bytes[n - 1] == 0)
    n--;
  if (n == 0)
    {
      pw_physmem_frame_zero (m, frame);
      return;
    }
  own = page_new (n);
  memcpy (own, bytes, n);
  add_slot (m, frame, own);
}

void
pw_physmem_forget (PwPhysMem *m,
                   guint64    frame)
{
  guint64 mask = m->cap - 1;
  Slot *s = lookup (m, frame);
  guint64 i, j;

  if (s->bytes == NULL)
    return;
  page_unref (s->bytes);
  m->n--;
  pw_physmem_cache_line (m, frame)->valid = FALSE;
  /* backward-shift deletion keeps probe chains intact */
  i = (guint64) (s - m->slots);
  j = i;
  for (;;)
    {
      guint64 k;
      m->slots[i].frame = 0;
      m->slots[i].bytes = NULL;
      for (;;)
        {
          j = (j + 1) & mask;
          if (m->slots[j].bytes == NULL)
            return;
          k = hash64 (m->slots[j].frame) & mask;
          /* can slot j move to i? only if k is not cyclically in (i, j] */
          if (i <= j ? (i < k && k <= j) : (i < k || k <= j))
            continue;
          break;
        }
      m->slots[i] = m->slots[j];
      i = j;
    }
}

guint64
pw_physmem_n_known (const PwPhysMem *m)
{
  return m->n;
}

static int
cmp_u64 (gconstpointer a,
         gconstpointer b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;
  return x < y ? -1 : x > y;
}

guint64 *
pw_physmem_known_frames (const PwPhysMem *m,
                         guint64         *n_out)
{
  guint64 *out = g_new (guint64, m->n + 1);
  guint64 n = 0;

  for (guint64 i = 0; i < m->cap; i++)
    if (m->slots[i].bytes != NULL)
      out[n++] = m->slots[i].frame;
  qsort (out, n, sizeof *out, cmp_u64);
  *n_out = n;
  return out;
}

/* Entries that straddle frames (never for aligned tables), run past a short
 * frame's bytes, big-endian ones and odd sizes: byte by byte, out of the hot
 * path.  @c: the frame's cached lookup (known). */
static G_GNUC_NO_INLINE guint64
read_slow (const PwPhysMem *m,
           const CacheLine *c,
           guint64          pa,
           guint            bytes)
{
  gsize off = pa & (page_bytes (m) - 1);
  const guint8 *p = c->bytes;
  gsize len = c->len;
  guint64 v = 0;

  if (off + bytes > page_bytes (m))
    {
      /* An entry that straddles frames (never for aligned tables): byte by byte. */
      for (guint i = 0; i < bytes; i++)
        {
          int b = pw_physmem_byte (m, pa + i);
          guint sh = m->big_endian ? 8 * (bytes - 1 - i) : 8 * i;
          v |= (guint64) (b < 0 ? 0 : b) << sh;
        }
      return v;
    }
  for (guint i = 0; i < bytes; i++)
    {
      guint64 b = off + i < len ? p[off + i] : 0;
      v |= b << (m->big_endian ? 8 * (bytes - 1 - i) : 8 * i);
    }
  return v;
}

guint64
pw_physmem_read (const PwPhysMem *m,
                 guint64          pa,
                 guint            bytes,
                 gboolean        *known)
{
  gsize off = pa & (page_bytes (m) - 1);
  const CacheLine *c = pw_physmem_lookup_fast (m, pa >> m->page_shift);
  const guint8 *p = c->bytes;

  if (known)
    *known = p != NULL;
  if (p == NULL)
    return 0;
  /* len is at most a page: an entry that straddles frames goes slow too */
  if (G_LIKELY (!m->big_endian && off + bytes <= c->len))
    {
      p += off;
      switch (bytes)
        {
        case 1: return p[0];
        case 2: { guint16 x; memcpy (&x, p, 2); return GUINT16_FROM_LE (x); }
        case 4: { guint32 x; memcpy (&x, p, 4); return GUINT32_FROM_LE (x); }
        case 8: { guint64 x; memcpy (&x, p, 8); return GUINT64_FROM_LE (x); }
        default: break;
        }
    }
  return read_slow (m, c, pa, bytes);
}

void
pw_physmem_write (PwPhysMem *m,
                  guint64    pa,
                  guint      bytes,
                  guint64    value)
{
  gsize off = pa & (page_bytes (m) - 1);

  if (off + bytes <= page_bytes (m))
    {
      /* within one frame, the usual case: look the frame up once, in the
       * cache when it holds bytes this memory owns alone, these among them
       * (a short frame written within its bytes stays short) */
      guint64 frame = pa >> m->page_shift;
      const CacheLine *c = pw_physmem_cache_line (m, frame);
      guint8 *p = (c->valid && c->frame == frame && c->bytes != NULL && off + bytes <= c->len
                   && !page_shared (c->bytes)
                   ? c->bytes : frame_writable (m, frame, off + bytes)) + off;
      for (guint i = 0; i < bytes; i++)
        p[i] = (guint8) (value >> (m->big_endian ? 8 * (bytes - 1 - i) : 8 * i));
      return;
    }
  for (guint i = 0; i < bytes; i++)
    {
      guint64 a = pa + i;
      guint8 *p = pw_physmem_frame_ensure (m, a >> m->page_shift);
      guint sh = m->big_endian ? 8 * (bytes - 1 - i) : 8 * i;
      p[a & (page_bytes (m) - 1)] = (guint8) (value >> sh);
    }
}

int
pw_physmem_byte (const PwPhysMem *m,
                 guint64          pa)
{
  const CacheLine *c = pw_physmem_lookup_fast (m, pa >> m->page_shift);
  gsize off = pa & (page_bytes (m) - 1);

  if (c->bytes == NULL)
    return -1;
  return off < c->len ? c->bytes[off] : 0;
}

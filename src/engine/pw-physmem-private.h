/* pw-physmem-private.h: the frame cache, inlined into the walk's hot path
 *
 * Not part of the engine API: only the engine's hot paths include it
 * (pw-physmem.c, the walk's body in pw-mmu-walk.h with pw-mmu.c and the
 * formats that instantiate it, the kernel's page-table, fault and
 * replacement code).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>

#include "pw-physmem.h"

G_BEGIN_DECLS

/* A slot is empty when its bytes are NULL, so that every frame number,
 * G_MAXUINT64 included (a 64-bit space of 1-byte pages), can be stored.
 * A frame's buffer may be shorter than a page (a frame image of a few
 * bytes): its length sits in a header before the bytes (pw-physmem.c). */
typedef struct
{
  guint64  frame;
  guint8  *bytes;
} PwPhysSlot;

/* The header before a frame's bytes (pw-physmem.c): how many memories
 * share them (copies share until one writes) and how many there are. */
typedef struct
{
  gint  ref;
  gsize len;
} PwPhysPageHeader;

#define PW_PHYS_PAGE_HEADER 16
G_STATIC_ASSERT (sizeof (PwPhysPageHeader) <= PW_PHYS_PAGE_HEADER);

static inline gboolean
pw_physmem_page_shared (const guint8 *p)
{
  return g_atomic_int_get (&((const PwPhysPageHeader *) (p - PW_PHYS_PAGE_HEADER))->ref) > 1;
}

#define PW_PHYS_CACHE_LINES 1024
#define PW_PHYS_FILTER_WORDS 1024

/* 32 bytes: two lines to a hardware cache line, none straddling two. */
typedef struct
{
  guint64  frame;
  guint8  *bytes;   /* NULL: the frame is unknown */
  gsize    len;     /* bytes held; those after them read as zero */
  gboolean valid;
} PwPhysCacheLine;

struct _PwPhysMem
{
  guint       page_shift;
  gboolean    big_endian;
  PwPhysSlot *slots;
  guint64     cap;      /* power of two */
  guint64     n;
  guint8     *zero;     /* one zero-filled page, shared by every zero frame */
  /* A direct-mapped cache of lookups, unknown frames included: walks read
   * the same table frames over and over.  Not part of the value: reads
   * through a const pointer fill it. */
  PwPhysCacheLine cache[PW_PHYS_CACHE_LINES];
  /* One bit per hash bucket of frames ever made known: a clear bit proves a
   * frame unknown without probing (and without evicting a cache line). */
  guint64 filter[PW_PHYS_FILTER_WORDS];
};

const PwPhysCacheLine *pw_physmem_cache_fill (const PwPhysMem *m,
                                              PwPhysCacheLine *c,
                                              guint64          frame);

static inline PwPhysCacheLine *
pw_physmem_cache_line (const PwPhysMem *m,
                       guint64          frame)
{
  return (PwPhysCacheLine *) &m->cache[(frame ^ (frame >> 10)) & (PW_PHYS_CACHE_LINES - 1)];
}

/* The cached lookup of @frame: its bytes (NULL if unknown) and how many
 * it holds (the rest of the page reads as zero). */
static inline const PwPhysCacheLine *
pw_physmem_lookup_fast (const PwPhysMem *m,
                        guint64          frame)
{
  PwPhysCacheLine *c = pw_physmem_cache_line (m, frame);

  if (G_LIKELY (c->valid && c->frame == frame))
    return c;
  return pw_physmem_cache_fill (m, c, frame);
}

/* pw_physmem_read() for little-endian entries inside the bytes a frame
 * holds, the walk's case; everything else (entries past a short frame's
 * bytes included, one compare) goes through pw_physmem_read(). */
static inline guint64
pw_physmem_read_fast (const PwPhysMem *m,
                      guint64          pa,
                      guint            bytes,
                      gboolean        *known)
{
  gsize off = pa & (((gsize) 1 << m->page_shift) - 1);
  const PwPhysCacheLine *c;
  const guint8 *p;

  if (G_UNLIKELY (m->big_endian || (bytes != 8 && bytes != 4)))
    return pw_physmem_read (m, pa, bytes, known);
  c = pw_physmem_lookup_fast (m, pa >> m->page_shift);
  *known = c->bytes != NULL;
  if (c->bytes == NULL)
    return 0;
  /* also catches an entry that straddles frames: len is at most a page */
  if (G_UNLIKELY (off + bytes > c->len))
    return pw_physmem_read (m, pa, bytes, known);
  p = c->bytes + off;
  if (bytes == 8)
    {
      guint64 x;
      memcpy (&x, p, 8);
      return GUINT64_FROM_LE (x);
    }
  else
    {
      guint32 x;
      memcpy (&x, p, 4);
      return GUINT32_FROM_LE (x);
    }
}

/* pw_physmem_read (m, pa, bytes, NULL) through the frame cache: the
 * kernel's reads of entries it wrote. */
static inline guint64
pw_physmem_read_entry (const PwPhysMem *m,
                       guint64          pa,
                       guint            bytes)
{
  gboolean known;
  return pw_physmem_read_fast (m, pa, bytes, &known);
}

/* pw_physmem_write() of a little-endian entry inside the bytes of a cached
 * frame this memory owns alone (the header before them counts its owners),
 * the walk's and the kernel's case; everything else goes through it. */
static inline void
pw_physmem_write_fast (PwPhysMem *m,
                       guint64    pa,
                       guint      bytes,
                       guint64    value)
{
  gsize off = pa & (((gsize) 1 << m->page_shift) - 1);
  guint64 frame = pa >> m->page_shift;
  const PwPhysCacheLine *c = pw_physmem_cache_line (m, frame);
  guint8 *p;

  if (G_UNLIKELY (m->big_endian || (bytes != 8 && bytes != 4) || !c->valid
                  || c->frame != frame || c->bytes == NULL || off + bytes > c->len
                  || pw_physmem_page_shared (c->bytes)))
    {
      pw_physmem_write (m, pa, bytes, value);
      return;
    }
  p = c->bytes + off;
  if (bytes == 8)
    {
      guint64 x = GUINT64_TO_LE (value);
      memcpy (p, &x, 8);
    }
  else
    {
      guint32 x = GUINT32_TO_LE ((guint32) value);
      memcpy (p, &x, 4);
    }
}

G_END_DECLS

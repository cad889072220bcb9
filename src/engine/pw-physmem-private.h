/* pw-physmem-private.h: the frame cache, inlined into the walk's hot path
 *
 * Not part of the engine API: only pw-physmem.c and pw-mmu.c include it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>

#include "pw-physmem.h"

G_BEGIN_DECLS

/* A slot is empty when its bytes are NULL, so that every frame number,
 * G_MAXUINT64 included (a 64-bit space of 1-byte pages), can be stored. */
typedef struct
{
  guint64  frame;
  guint8  *bytes;
} PwPhysSlot;

#define PW_PHYS_CACHE_LINES 1024
#define PW_PHYS_FILTER_WORDS 1024

typedef struct
{
  guint64  frame;
  guint8  *bytes;   /* NULL: the frame is unknown */
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

guint8 *pw_physmem_cache_fill (const PwPhysMem *m,
                               PwPhysCacheLine *c,
                               guint64          frame);

static inline PwPhysCacheLine *
pw_physmem_cache_line (const PwPhysMem *m,
                       guint64          frame)
{
  return (PwPhysCacheLine *) &m->cache[(frame ^ (frame >> 10)) & (PW_PHYS_CACHE_LINES - 1)];
}

/* The bytes of @frame or NULL, as pw_physmem_frame(). */
static inline guint8 *
pw_physmem_frame_fast (const PwPhysMem *m,
                       guint64          frame)
{
  PwPhysCacheLine *c = pw_physmem_cache_line (m, frame);

  if (G_LIKELY (c->valid && c->frame == frame))
    return c->bytes;
  return pw_physmem_cache_fill (m, c, frame);
}

/* pw_physmem_read() for little-endian entries inside one frame, the walk's
 * case; everything else goes through pw_physmem_read(). */
static inline guint64
pw_physmem_read_fast (const PwPhysMem *m,
                      guint64          pa,
                      guint            bytes,
                      gboolean        *known)
{
  gsize mask = ((gsize) 1 << m->page_shift) - 1;
  gsize off = pa & mask;
  const guint8 *p;

  if (G_UNLIKELY (m->big_endian || off + bytes > mask + 1 || (bytes != 8 && bytes != 4)))
    return pw_physmem_read (m, pa, bytes, known);
  p = pw_physmem_frame_fast (m, pa >> m->page_shift);
  *known = p != NULL;
  if (p == NULL)
    return 0;
  p += off;
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

G_END_DECLS

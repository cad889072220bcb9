/* pw-keysort.h: a stable linear-time sort of 64-bit keys, for set-up
 *
 * Set-up sorts a million frame images or pins by frame, a million implied
 * regions by address: qsort() spends a quarter of a second on each, a radix
 * sort a few tens of milliseconds.  Not part of the engine API.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>

#include <glib.h>

G_BEGIN_DECLS

/* A key and what it belongs to (an index, usually in file order). */
typedef struct
{
  guint64 key;
  guint64 index;
} PwKey;

/* Sorts @v by key; equal keys keep their order (so sorting keys made in
 * file order gives file order among equals).  Keys already in order (most
 * files list things in order) cost one look; otherwise an LSD radix sort of
 * 11-bit digits, skipping the digits that all keys share. */
static inline void
pw_keysort (PwKey *v,
            gsize  n)
{
  enum { BITS = 11, BUCKETS = 1 << BITS, PASSES = (64 + BITS - 1) / BITS };
  gsize *count;
  PwKey *tmp, *src = v, *dst;
  gsize i;

  for (i = 1; i < n && v[i].key >= v[i - 1].key; i++)
    ;
  if (i >= n)
    return;
  if (n < 64)
    {
      /* insertion sort: a histogram would cost more than the keys */
      for (i = 1; i < n; i++)
        {
          PwKey k = v[i];
          gsize j = i;
          for (; j > 0 && v[j - 1].key > k.key; j--)
            v[j] = v[j - 1];
          v[j] = k;
        }
      return;
    }
  count = g_new0 (gsize, PASSES * BUCKETS);
  for (i = 0; i < n; i++)
    for (guint p = 0; p < PASSES; p++)
      count[p * BUCKETS + ((v[i].key >> (p * BITS)) & (BUCKETS - 1))]++;
  tmp = g_new (PwKey, n);
  dst = tmp;
  for (guint p = 0; p < PASSES; p++)
    {
      gsize *c = count + p * BUCKETS, sum = 0;
      guint shift = p * BITS;
      if (c[(src[0].key >> shift) & (BUCKETS - 1)] == n)
        continue;   /* every key has this digit */
      for (guint b = 0; b < BUCKETS; b++)
        {
          gsize k = c[b];
          c[b] = sum;
          sum += k;
        }
      for (i = 0; i < n; i++)
        dst[c[(src[i].key >> shift) & (BUCKETS - 1)]++] = src[i];
      src = dst;
      dst = src == v ? tmp : v;
    }
  if (src != v)
    memcpy (v, src, n * sizeof *v);
  g_free (tmp);
  g_free (count);
}

G_END_DECLS

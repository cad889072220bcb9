/* pw-ranges.c: sorted array of disjoint, non-adjacent free ranges
 *
 * A range is stored by its first and last unit (inclusive), so that a set
 * may hold the last unit of a 64-bit space: pw_ranges_new (G_MAXUINT64)
 * followed by pw_ranges_give (r, G_MAXUINT64, 1) holds all 2^64 units.  Counts
 * that do not fit in 64 bits (only that whole set's) are reported as
 * G_MAXUINT64.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-ranges"

#include "config.h"

#include <string.h>

#include "pw-ranges.h"

typedef struct
{
  guint64 start;
  guint64 last;   /* inclusive */
} Range;

struct _PwRanges
{
  GArray  *r;   /* Range, sorted */
  guint64  total;   /* saturates at G_MAXUINT64 */
};

/* units in @x, G_MAXUINT64 for all 2^64 */
static guint64
range_count (const Range *x)
{
  guint64 n = x->last - x->start;
  return n == G_MAXUINT64 ? n : n + 1;
}

/* Is [start, start + count) a non-empty range inside the 64-bit space?  Its
 * last unit in @last. */
static gboolean
range_last (guint64  start,
            guint64  count,
            guint64 *last)
{
  if (count == 0 || count - 1 > G_MAXUINT64 - start)
    return FALSE;
  *last = start + (count - 1);
  return TRUE;
}

PwRanges *
pw_ranges_new (guint64 n)
{
  PwRanges *r = g_new0 (PwRanges, 1);
  r->r = g_array_new (FALSE, FALSE, sizeof (Range));
  if (n > 0)
    {
      Range x = { 0, n - 1 };
      g_array_append_val (r->r, x);
    }
  r->total = n;
  return r;
}

PwRanges *
pw_ranges_copy (const PwRanges *src)
{
  PwRanges *r = g_new0 (PwRanges, 1);
  r->r = g_array_copy (src->r);
  r->total = src->total;
  return r;
}

void
pw_ranges_free (PwRanges *r)
{
  if (r == NULL)
    return;
  g_array_unref (r->r);
  g_free (r);
}

guint64
pw_ranges_total (const PwRanges *r)
{
  return r->total;
}

/* index of the last range with start <= x, or -1 */
static gint64
find (const PwRanges *r,
      guint64         x)
{
  gint64 lo = 0, hi = (gint64) r->r->len - 1, ans = -1;

  while (lo <= hi)
    {
      gint64 mid = (lo + hi) / 2;
      if (g_array_index (r->r, Range, mid).start <= x)
        ans = mid, lo = mid + 1;
      else
        hi = mid - 1;
    }
  return ans;
}

gboolean
pw_ranges_contains (const PwRanges *r,
                    guint64         start,
                    guint64         count)
{
  gint64 i = find (r, start);
  guint64 last;

  if (count == 0)
    return TRUE;
  if (i < 0 || !range_last (start, count, &last))
    return FALSE;
  return last <= g_array_index (r->r, Range, i).last;
}

gboolean
pw_ranges_find (const PwRanges *r,
                guint64         x,
                guint64        *start,
                guint64        *count)
{
  gint64 i = find (r, x);

  if (i >= 0 && x <= g_array_index (r->r, Range, i).last)
    {
      Range *hit = &g_array_index (r->r, Range, i);
      *start = hit->start;
      *count = range_count (hit);
      return TRUE;
    }
  *start = (guint) (i + 1) < r->r->len ? g_array_index (r->r, Range, i + 1).start : G_MAXUINT64;
  *count = 0;
  return FALSE;
}

gboolean
pw_ranges_take (PwRanges *r,
                guint64   start,
                guint64   count)
{
  gint64 i;
  Range *x;
  guint64 last;

  if (count == 0 || !range_last (start, count, &last) || !pw_ranges_contains (r, start, count))
    return FALSE;
  i = find (r, start);
  x = &g_array_index (r->r, Range, i);
  if (x->start == start && x->last == last)
    g_array_remove_index (r->r, i);
  else if (x->start == start)
    x->start = last + 1;
  else if (x->last == last)
    x->last = start - 1;
  else
    {
      Range tail = { last + 1, x->last };
      x->last = start - 1;
      g_array_insert_val (r->r, i + 1, tail);
    }
  /* the whole 2^64 set's total saturated: recount it */
  if (r->total == G_MAXUINT64)
    {
      r->total = 0;
      for (guint k = 0; k < r->r->len; k++)
        {
          guint64 n = range_count (&g_array_index (r->r, Range, k));
          r->total = n > G_MAXUINT64 - r->total ? G_MAXUINT64 : r->total + n;
        }
    }
  else
    r->total -= count;
  return TRUE;
}

void
pw_ranges_give (PwRanges *r,
                guint64   start,
                guint64   count)
{
  gint64 i;
  guint64 last;
  Range *prev = NULL, *next = NULL;
  gboolean join_prev, join_next;

  if (count == 0)
    return;
  g_return_if_fail (range_last (start, count, &last));
  i = find (r, start);
  if (i >= 0)
    {
      prev = &g_array_index (r->r, Range, i);
      g_return_if_fail (prev->last < start);
    }
  if ((guint) (i + 1) < r->r->len)
    {
      next = &g_array_index (r->r, Range, i + 1);
      g_return_if_fail (next->start > last);
    }
  r->total = count > G_MAXUINT64 - r->total ? G_MAXUINT64 : r->total + count;
  join_prev = prev && prev->last + 1 == start;
  join_next = next && last + 1 == next->start;
  if (join_prev && join_next)
    {
      prev->last = next->last;
      g_array_remove_index (r->r, i + 1);
    }
  else if (join_prev)
    prev->last = last;
  else if (join_next)
    next->start = start;
  else
    {
      Range x = { start, last };
      g_array_insert_val (r->r, i + 1, x);
    }
}

gboolean
pw_ranges_take_lowest (PwRanges *r,
                       guint64   count,
                       guint64  *start)
{
  for (guint i = 0; i < r->r->len; i++)
    {
      Range *x = &g_array_index (r->r, Range, i);
      if (count > 0 && x->last - x->start >= count - 1)
        {
          *start = x->start;
          return pw_ranges_take (r, x->start, count);
        }
    }
  return FALSE;
}

gboolean
pw_ranges_take_highest (PwRanges *r,
                        guint64   count,
                        guint64  *start)
{
  for (guint i = r->r->len; i-- > 0;)
    {
      Range *x = &g_array_index (r->r, Range, i);
      if (count > 0 && x->last - x->start >= count - 1)
        {
          *start = x->last - (count - 1);
          return pw_ranges_take (r, *start, count);
        }
    }
  return FALSE;
}

guint
pw_ranges_n (const PwRanges *r)
{
  return r->r->len;
}

void
pw_ranges_nth (const PwRanges *r,
               guint           i,
               guint64        *start,
               guint64        *count)
{
  Range *x = &g_array_index (r->r, Range, i);
  *start = x->start;
  *count = range_count (x);
}

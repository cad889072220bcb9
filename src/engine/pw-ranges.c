/* pw-ranges.c: sorted array of disjoint, non-adjacent free ranges
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
  guint64 end;   /* exclusive */
} Range;

struct _PwRanges
{
  GArray  *r;   /* Range, sorted */
  guint64  total;
};

PwRanges *
pw_ranges_new (guint64 n)
{
  PwRanges *r = g_new0 (PwRanges, 1);
  r->r = g_array_new (FALSE, FALSE, sizeof (Range));
  if (n > 0)
    {
      Range x = { 0, n };
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
  Range *x;

  if (i < 0 || count == 0)
    return count == 0;
  x = &g_array_index (r->r, Range, i);
  return start + count >= start && start + count <= x->end;
}

gboolean
pw_ranges_find (const PwRanges *r,
                guint64         x,
                guint64        *start,
                guint64        *count)
{
  gint64 i = find (r, x);

  if (i >= 0 && x < g_array_index (r->r, Range, i).end)
    {
      Range *hit = &g_array_index (r->r, Range, i);
      *start = hit->start;
      *count = hit->end - hit->start;
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
  guint64 end = start + count;

  if (!pw_ranges_contains (r, start, count) || count == 0)
    return FALSE;
  i = find (r, start);
  x = &g_array_index (r->r, Range, i);
  if (x->start == start && x->end == end)
    g_array_remove_index (r->r, i);
  else if (x->start == start)
    x->start = end;
  else if (x->end == end)
    x->end = start;
  else
    {
      Range tail = { end, x->end };
      x->end = start;
      g_array_insert_val (r->r, i + 1, tail);
    }
  r->total -= count;
  return TRUE;
}

void
pw_ranges_give (PwRanges *r,
                guint64   start,
                guint64   count)
{
  gint64 i;
  guint64 end = start + count;
  Range *prev = NULL, *next = NULL;

  if (count == 0)
    return;
  i = find (r, start);
  if (i >= 0)
    {
      prev = &g_array_index (r->r, Range, i);
      g_return_if_fail (prev->end <= start);
    }
  if ((guint) (i + 1) < r->r->len)
    {
      next = &g_array_index (r->r, Range, i + 1);
      g_return_if_fail (next->start >= end);
    }
  r->total += count;
  if (prev && prev->end == start && next && next->start == end)
    {
      prev->end = next->end;
      g_array_remove_index (r->r, i + 1);
    }
  else if (prev && prev->end == start)
    prev->end = end;
  else if (next && next->start == end)
    next->start = start;
  else
    {
      Range x = { start, end };
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
      if (x->end - x->start >= count)
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
      if (x->end - x->start >= count)
        {
          *start = x->end - count;
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
  *count = x->end - x->start;
}

guint64
pw_ranges_largest (const PwRanges *r)
{
  guint64 best = 0;
  for (guint i = 0; i < r->r->len; i++)
    {
      Range *x = &g_array_index (r->r, Range, i);
      best = MAX (best, x->end - x->start);
    }
  return best;
}

/* pw-future.c: an open-addressing map from (pid, page) to its last access
 *
 * While accesses are added, each (pid, page) keeps its first and last
 * access; the next-use array chains a page's accesses.  A PwFirstUse
 * keeps the map and lays every page's chain out in one array, in order, for
 * a binary search (pw_first_use_at_or_after()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-future"

#include "config.h"

#include "pw-future.h"

typedef struct
{
  guint64 vpn;
  guint64 last;   /* index of the last access + 1; 0: empty slot; in a
                   * PwFirstUse: the number of accesses to the page */
  guint64 first;  /* index of the first access; in a PwFirstUse: the offset of
                   * the page's accesses in its array */
  guint   pid;
  guint   count;  /* accesses to the page, up to G_MAXUINT (in the padding) */
} Entry;

struct _PwFuture
{
  GArray *next;
  Entry  *map;
  gsize   cap;    /* power of two */
  gsize   n;
};

static inline gsize
slot_of (guint    pid,
         guint64  vpn,
         gsize    cap)
{
  guint64 h = (vpn ^ ((guint64) pid << 40)) * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  return (gsize) (h >> 20) & (cap - 1);
}

PwFuture *
pw_future_new (void)
{
  return pw_future_new_sized (0);
}

PwFuture *
pw_future_new_sized (guint64 n)
{
  PwFuture *f = g_new0 (PwFuture, 1);
  /* room for the accesses expected: the array never copied to grow */
  f->next = g_array_sized_new (FALSE, FALSE, sizeof (guint64), (guint) MIN (n, G_MAXUINT / 8));
  f->cap = 1024;
  f->map = g_new0 (Entry, f->cap);
  return f;
}

static void
grow (PwFuture *f)
{
  Entry *old = f->map;
  gsize old_cap = f->cap;

  f->cap *= 2;
  f->map = g_new0 (Entry, f->cap);
  for (gsize i = 0; i < old_cap; i++)
    if (old[i].last != 0)
      {
        gsize j = slot_of (old[i].pid, old[i].vpn, f->cap);
        while (f->map[j].last != 0)
          j = (j + 1) & (f->cap - 1);
        f->map[j] = old[i];
      }
  g_free (old);
}

void
pw_future_add (PwFuture *f,
               guint     pid,
               guint64   vpn)
{
  guint64 i = f->next->len, never = G_MAXUINT64;
  gsize j;

  g_array_append_val (f->next, never);
  if ((f->n + 1) * 2 > f->cap)
    grow (f);
  j = slot_of (pid, vpn, f->cap);
  while (f->map[j].last != 0 && (f->map[j].vpn != vpn || f->map[j].pid != pid))
    j = (j + 1) & (f->cap - 1);
  if (f->map[j].last != 0)
    g_array_index (f->next, guint64, f->map[j].last - 1) = i;
  else
    {
      f->map[j].vpn = vpn;
      f->map[j].pid = pid;
      f->map[j].first = i;
      f->n++;
    }
  if (f->map[j].count < G_MAXUINT)
    f->map[j].count++;
  f->map[j].last = i + 1;
}

GArray *
pw_future_finish (PwFuture *f)
{
  GArray *next = g_steal_pointer (&f->next);
  pw_future_free (f);
  return next;
}

struct _PwFirstUse
{
  gint     ref;
  Entry   *map;
  gsize    cap;
  guint64 *occ;   /* every page's accesses in order, one page after another */
};

GArray *
pw_future_finish_full (PwFuture    *f,
                       PwFirstUse **first_use)
{
  PwFirstUse *u = g_new0 (PwFirstUse, 1);
  const guint64 *next = (const guint64 *) f->next->data;
  guint64 n = f->next->len, off = 0;
  guint32 *where = NULL;

  u->ref = 1;
  u->occ = g_new (guint64, MAX (n, 1));
  /* Each page's accesses at their place in one sequential pass over the
   * accesses (independent stores), not by following each page's chain
   * (a cache miss a step): where[i] is access i's place, set by the access
   * to the same page before it.  Places and counts fit 32 bits below 4 Gi
   * accesses; beyond, the chains. */
  if (n < G_MAXUINT32)
    where = g_new (guint32, MAX (n, 1));
  for (gsize j = 0; j < f->cap; j++)
    {
      Entry *e = &f->map[j];
      guint64 k = off;
      if (e->last == 0)
        continue;
      if (where != NULL)
        {
          where[e->first] = (guint32) off;
          k = off + e->count;
        }
      else
        for (guint64 i = e->first; i != G_MAXUINT64; i = next[i])
          u->occ[k++] = i;
      e->first = off;
      e->last = k - off;
      off = k;
    }
  if (where != NULL)
    {
      for (guint64 i = 0; i < n; i++)
        {
          guint32 p = where[i];
          u->occ[p] = i;
          if (next[i] != G_MAXUINT64)
            where[next[i]] = p + 1;
        }
      g_free (where);
    }
  u->map = g_steal_pointer (&f->map);
  u->cap = f->cap;
  *first_use = u;
  return pw_future_finish (f);
}

PwFirstUse *
pw_first_use_ref (PwFirstUse *u)
{
  g_atomic_int_inc (&u->ref);
  return u;
}

void
pw_first_use_unref (PwFirstUse *u)
{
  if (u == NULL || !g_atomic_int_dec_and_test (&u->ref))
    return;
  g_free (u->map);
  g_free (u->occ);
  g_free (u);
}

guint64
pw_first_use_at_or_after (const PwFirstUse *u,
                          guint             pid,
                          guint64           vpn,
                          guint64           from)
{
  gsize j = slot_of (pid, vpn, u->cap);
  const Entry *e;
  guint64 lo, hi;

  while (u->map[j].last != 0 && (u->map[j].vpn != vpn || u->map[j].pid != pid))
    j = (j + 1) & (u->cap - 1);
  e = &u->map[j];
  if (e->last == 0)
    return G_MAXUINT64;
  lo = e->first;
  hi = e->first + e->last;
  while (lo < hi)
    {
      guint64 mid = lo + (hi - lo) / 2;
      if (u->occ[mid] < from)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo < e->first + e->last ? u->occ[lo] : G_MAXUINT64;
}

void
pw_future_free (PwFuture *f)
{
  if (f == NULL)
    return;
  if (f->next)
    g_array_unref (f->next);
  g_free (f->map);
  g_free (f);
}

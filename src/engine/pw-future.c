/* pw-future.c: an open-addressing map from (pid, page) to its last access
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-future"

#include "config.h"

#include "pw-future.h"

typedef struct
{
  guint64 vpn;
  guint64 last;   /* index of the last access + 1; 0: empty slot */
  guint   pid;
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
  PwFuture *f = g_new0 (PwFuture, 1);
  f->next = g_array_new (FALSE, FALSE, sizeof (guint64));
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
      f->n++;
    }
  f->map[j].last = i + 1;
}

GArray *
pw_future_finish (PwFuture *f)
{
  GArray *next = g_steal_pointer (&f->next);
  pw_future_free (f);
  return next;
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

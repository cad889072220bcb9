/* pw-timeline-summary.c: a run's steps in a byte each, and its events
 * (pw-timeline-summary.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pagewalk"

#include "config.h"

#include <string.h>

#include "pw-present.h"
#include "pw-timeline-summary.h"

/* An event's kinds in 16 bits. */
#define BITS_ACCESS(b)   ((b) & 0x3)
#define BITS_TLB(b)      (((b) >> 2) & 0x3)
#define BITS_FAULT(b)    (((b) >> 4) & 0x7)
#define BITS_EVICTED     (1u << 7)
#define BITS_FAILED      (1u << 8)
#define BITS_KIND(b)     (((b) >> 9) & 0xf)

/* How often the worker looks at the cancellable and reports progress. */
#define CHUNK 4096

typedef struct
{
  guint    event;      /* the event's index */
  guint    pid;
  guint64  vpn;
  guint64  slot;
  guint    n_evicted;
  gboolean written;
  gboolean to_disk;
} Eviction;

struct _PwSummary
{
  guint      n_positions;
  guint8    *flags;       /* per position */
  /* per event, in `run`'s order */
  GArray    *va;          /* guint64 */
  GArray    *pos;         /* guint32 */
  GArray    *pid;         /* guint32 */
  GArray    *bits;        /* guint16 */
  GArray    *evictions;   /* Eviction, by event */
  GArray    *failed;      /* guint: the events with no access number, ascending */
  gboolean   truncated;
  gboolean   has_tlb;     /* some access went through a TLB */
  guint      position;    /* while computing: the position running */
  gint       ref_count;
};

static PwSummary *
summary_new (guint n)
{
  PwSummary *s = g_new0 (PwSummary, 1);

  s->ref_count = 1;
  s->n_positions = n;
  s->flags = g_malloc0 (MAX (n, 1));
  /* most positions make one event */
  s->va = g_array_sized_new (FALSE, FALSE, sizeof (guint64), MIN (n, PW_SUMMARY_MAX_EVENTS));
  s->pos = g_array_sized_new (FALSE, FALSE, sizeof (guint32), MIN (n, PW_SUMMARY_MAX_EVENTS));
  s->pid = g_array_sized_new (FALSE, FALSE, sizeof (guint32), MIN (n, PW_SUMMARY_MAX_EVENTS));
  s->bits = g_array_sized_new (FALSE, FALSE, sizeof (guint16), MIN (n, PW_SUMMARY_MAX_EVENTS));
  s->evictions = g_array_new (FALSE, FALSE, sizeof (Eviction));
  s->failed = g_array_new (FALSE, FALSE, sizeof (guint));
  return s;
}

PwSummary *
pw_summary_ref (PwSummary *s)
{
  g_return_val_if_fail (s != NULL, NULL);

  g_atomic_int_inc (&s->ref_count);
  return s;
}

void
pw_summary_free (PwSummary *s)
{
  if (s == NULL || !g_atomic_int_dec_and_test (&s->ref_count))
    return;
  g_free (s->flags);
  g_array_unref (s->va);
  g_array_unref (s->pos);
  g_array_unref (s->pid);
  g_array_unref (s->bits);
  g_array_unref (s->evictions);
  g_array_unref (s->failed);
  g_free (s);
}

static void
record_cb (const PwEvent *ev,
           gpointer       data)
{
  PwSummary *s = data;
  guint8 *flags = &s->flags[s->position];
  gboolean failed = pw_event_is_failed_step (ev);
  guint index = s->va->len;
  guint16 bits;
  guint32 u;

  switch (ev->fault)
    {
    case PW_KF_NONE:
      break;
    case PW_KF_MINOR:
      *flags |= PW_SUMMARY_MINOR;
      break;
    case PW_KF_MAJOR:
      *flags |= PW_SUMMARY_MAJOR;
      break;
    default:
      *flags |= PW_SUMMARY_OTHER_FAULT;
      break;
    }
  if (ev->evicted.happened)
    *flags |= PW_SUMMARY_EVICTION;
  if (ev->evicted.happened && ev->evicted.written)
    *flags |= PW_SUMMARY_WRITEBACK;
  if (failed)
    *flags |= PW_SUMMARY_FAILED;
  else
    *flags |= PW_SUMMARY_ACCESS;
  if (!failed && ev->tlb == PW_TLB_MISS)
    *flags |= PW_SUMMARY_TLB_MISS;
  if (!failed && ev->tlb != PW_TLB_OFF)
    s->has_tlb = TRUE;

  if (index >= PW_SUMMARY_MAX_EVENTS)
    {
      s->truncated = TRUE;
      return;
    }
  bits = (guint16) ((ev->access & 0x3) | ((ev->tlb & 0x3) << 2) | ((ev->fault & 0x7) << 4)
                    | ((ev->kind & 0xf) << 9));
  if (ev->evicted.happened)
    bits |= BITS_EVICTED;
  if (failed || ev->i == G_MAXUINT64)
    {
      bits |= failed ? BITS_FAILED : 0;
      g_array_append_val (s->failed, index);
    }
  g_array_append_val (s->va, ev->va);
  u = s->position;
  g_array_append_val (s->pos, u);
  u = ev->pid;
  g_array_append_val (s->pid, u);
  g_array_append_val (s->bits, bits);
  if (ev->evicted.happened)
    {
      Eviction e = {
        .event = index,
        .pid = ev->evicted.pid,
        .vpn = ev->evicted.vpn,
        .slot = ev->evicted.slot,
        .n_evicted = ev->n_evicted,
        .written = ev->evicted.written,
        .to_disk = ev->evicted.to_disk,
      };
      g_array_append_val (s->evictions, e);
    }
}

PwSummary *
pw_summary_compute (PwDocument    *doc,
                    gint          *progress,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(PwSummary) s = NULL;
  PwMachine *m;
  guint64 n;

  g_return_val_if_fail (doc != NULL && doc->run != NULL, NULL);

  n = MIN (pw_run_n_positions (doc->run), G_MAXUINT);
  m = pw_run_machine_new (doc->run, error);
  if (m == NULL)
    return NULL;
  /* only what the list shows: no field split, no byte read */
  pw_machine_set_detail (m, FALSE);
  pw_machine_set_cancellable (m, cancellable);
  s = summary_new ((guint) n);
  for (guint pos = 0; pos < n; pos++)
    {
      s->position = pos;
      pw_run_advance (doc->run, m, pos, record_cb, s);
      if (pos % CHUNK == CHUNK - 1 || pos + 1 == n)
        {
          if (progress != NULL)
            g_atomic_int_set (progress, (gint) ((guint64) (pos + 1) * 1000 / n));
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            {
              pw_machine_free (m);
              return NULL;
            }
        }
    }
  pw_machine_free (m);
  return g_steal_pointer (&s);
}

static void
compute_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  PwDocument *doc = task_data;
  gint *progress = g_object_get_data (G_OBJECT (task), "pw-progress");
  GError *error = NULL;
  PwSummary *s = pw_summary_compute (doc, progress, cancellable, &error);

  if (s == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, s, (GDestroyNotify) pw_summary_free);
}

void
pw_summary_compute_async (PwDocument          *doc,
                          gint                *progress,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (doc != NULL);

  if (progress != NULL)
    g_atomic_int_set (progress, 0);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pw_summary_compute_async);
  /* the worker reads the run and the scenario: the document lives until
   * the task is gone */
  g_task_set_task_data (task, pw_document_ref (doc), (GDestroyNotify) pw_document_free);
  g_object_set_data (G_OBJECT (task), "pw-progress", progress);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, compute_thread);
}

PwSummary *
pw_summary_compute_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- reading ------------------------------------------------------------- */

guint
pw_summary_n_positions (const PwSummary *s)
{
  return s->n_positions;
}

guint8
pw_summary_flags (const PwSummary *s,
                  guint            position)
{
  return position < s->n_positions ? s->flags[position] : 0;
}

guint
pw_summary_find (const PwSummary *s,
                 guint            from,
                 guint8           mask,
                 gboolean         forward)
{
  if (forward)
    {
      for (guint p = from; p < s->n_positions; p++)
        if (s->flags[p] & mask)
          return p;
      return G_MAXUINT;
    }
  for (guint p = MIN (from, s->n_positions); p > 0; p--)
    if (s->flags[p - 1] & mask)
      return p - 1;
  return G_MAXUINT;
}

guint
pw_summary_count (const PwSummary *s,
                  guint            start,
                  guint            end,
                  guint8           mask)
{
  guint n = 0;

  end = MIN (end, s->n_positions);
  for (guint p = start; p < end; p++)
    n += (s->flags[p] & mask) != 0;
  return n;
}

guint
pw_summary_n_events (const PwSummary *s)
{
  return s->va->len;
}

gboolean
pw_summary_truncated (const PwSummary *s)
{
  return s->truncated;
}

gboolean
pw_summary_has_tlb (const PwSummary *s)
{
  return s->has_tlb;
}

static int
cmp_eviction (gconstpointer key,
              gconstpointer elem)
{
  guint a = *(const guint *) key, b = ((const Eviction *) elem)->event;

  return a < b ? -1 : a > b;
}

/* How many of the ascending @indices are below @value. */
static guint
count_below (GArray *indices,
             guint   value)
{
  guint lo = 0, hi = indices->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (g_array_index (indices, guint, mid) < value)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

void
pw_summary_event (const PwSummary *s,
                  guint            index,
                  PwSummaryEvent  *out)
{
  guint16 bits;
  const Eviction *e;

  g_return_if_fail (index < s->va->len);

  memset (out, 0, sizeof *out);
  bits = g_array_index (s->bits, guint16, index);
  out->position = g_array_index (s->pos, guint32, index);
  out->pid = g_array_index (s->pid, guint32, index);
  out->va = g_array_index (s->va, guint64, index);
  out->access = BITS_ACCESS (bits);
  out->tlb = BITS_TLB (bits);
  out->fault = BITS_FAULT (bits);
  out->kind = BITS_KIND (bits);
  out->failed = (bits & BITS_FAILED) != 0;
  /* accesses are numbered in order; events without a number are listed */
  if (s->failed->len > 0 && count_below (s->failed, index + 1) > count_below (s->failed, index))
    out->i = G_MAXUINT64;
  else
    out->i = index - count_below (s->failed, index);
  if (bits & BITS_EVICTED)
    {
      e = bsearch (&index, s->evictions->data, s->evictions->len, sizeof (Eviction), cmp_eviction);
      if (e != NULL)
        {
          out->evicted = TRUE;
          out->evicted_pid = e->pid;
          out->evicted_vpn = e->vpn;
          out->written = e->written;
          out->to_disk = e->to_disk;
          out->slot = e->slot;
          out->n_evicted = e->n_evicted;
        }
    }
}

guint
pw_summary_first_event_at (const PwSummary *s,
                           guint            position)
{
  guint lo = 0, hi = s->pos->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (g_array_index (s->pos, guint32, mid) < position)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

GArray *
pw_summary_filter (const PwSummary *s,
                   PwSummaryShow    show,
                   guint            pid)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (guint));
  const guint16 *bits = (const guint16 *) (gpointer) s->bits->data;
  const guint32 *pids = (const guint32 *) (gpointer) s->pid->data;

  for (guint k = 0; k < s->bits->len; k++)
    {
      gboolean keep;

      switch (show)
        {
        case PW_SUMMARY_SHOW_FAULTS:
          keep = BITS_FAULT (bits[k]) != PW_KF_NONE;
          break;
        case PW_SUMMARY_SHOW_EVICTIONS:
          keep = (bits[k] & BITS_EVICTED) != 0;
          break;
        case PW_SUMMARY_SHOW_TLB_MISSES:
          keep = !(bits[k] & BITS_FAILED) && BITS_TLB (bits[k]) == PW_TLB_MISS;
          break;
        case PW_SUMMARY_SHOW_ALL:
        default:
          keep = TRUE;
          break;
        }
      if (keep && (pid == 0 || pids[k] == pid))
        g_array_append_val (out, k);
    }
  return out;
}

static int
cmp_uint (gconstpointer a,
          gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

GArray *
pw_summary_pids (const PwSummary *s)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  GArray *out = g_array_new (FALSE, FALSE, sizeof (guint));
  const guint32 *pids = (const guint32 *) (gpointer) s->pid->data;

  for (guint k = 0; k < s->pid->len; k++)
    if (pids[k] != 0 && !g_hash_table_contains (seen, GUINT_TO_POINTER (pids[k])))
      {
        guint p = pids[k];
        g_hash_table_add (seen, GUINT_TO_POINTER (p));
        g_array_append_val (out, p);
      }
  g_array_sort (out, cmp_uint);
  return out;
}

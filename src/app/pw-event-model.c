/* pw-event-model.c: the events of a run as a list model (pw-event-model.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pagewalk"

#include "config.h"

#include "pw-event-model.h"

/* ---- a row ------------------------------------------------------------------- */

struct _PwEventRow
{
  GObject         parent_instance;
  guint           index;
  PwSummaryEvent  ev;
};

G_DEFINE_FINAL_TYPE (PwEventRow, pw_event_row, G_TYPE_OBJECT)

static void
pw_event_row_class_init (PwEventRowClass *klass)
{
}

static void
pw_event_row_init (PwEventRow *self)
{
}

const PwSummaryEvent *
pw_event_row_get_event (PwEventRow *self)
{
  g_return_val_if_fail (PW_IS_EVENT_ROW (self), NULL);

  return &self->ev;
}

guint
pw_event_row_get_index (PwEventRow *self)
{
  g_return_val_if_fail (PW_IS_EVENT_ROW (self), 0);

  return self->index;
}

/* ---- the model ------------------------------------------------------------------ */

struct _PwEventModel
{
  GObject         parent_instance;
  PwSummary      *summary;   /* a reference */
  PwSummaryShow   show;
  guint           pid;
  GArray         *picked;    /* guint event indices, or NULL for every event */
  guint64         n_made;    /* rows made */
};

static void pw_event_model_list_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PwEventModel, pw_event_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, pw_event_model_list_init))

static GType
model_get_item_type (GListModel *list)
{
  return PW_TYPE_EVENT_ROW;
}

static guint
model_get_n_items (GListModel *list)
{
  PwEventModel *self = PW_EVENT_MODEL (list);

  if (self->summary == NULL)
    return 0;
  return self->picked ? self->picked->len : pw_summary_n_events (self->summary);
}

static gpointer
model_get_item (GListModel *list,
                guint       position)
{
  PwEventModel *self = PW_EVENT_MODEL (list);
  PwEventRow *row;

  if (position >= model_get_n_items (list))
    return NULL;
  row = g_object_new (PW_TYPE_EVENT_ROW, NULL);
  self->n_made++;
  row->index = self->picked ? g_array_index (self->picked, guint, position) : position;
  pw_summary_event (self->summary, row->index, &row->ev);
  return row;
}

static void
pw_event_model_list_init (GListModelInterface *iface)
{
  iface->get_item_type = model_get_item_type;
  iface->get_n_items = model_get_n_items;
  iface->get_item = model_get_item;
}

static void
pw_event_model_finalize (GObject *object)
{
  PwEventModel *self = PW_EVENT_MODEL (object);

  g_clear_pointer (&self->picked, g_array_unref);
  g_clear_pointer (&self->summary, pw_summary_free);
  G_OBJECT_CLASS (pw_event_model_parent_class)->finalize (object);
}

static void
pw_event_model_class_init (PwEventModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pw_event_model_finalize;
}

static void
pw_event_model_init (PwEventModel *self)
{
}

PwEventModel *
pw_event_model_new (void)
{
  return g_object_new (PW_TYPE_EVENT_MODEL, NULL);
}

/* @before: the number of items before the change */
static void
refilter (PwEventModel *self,
          guint         before)
{
  g_clear_pointer (&self->picked, g_array_unref);
  if (self->summary != NULL && (self->show != PW_SUMMARY_SHOW_ALL || self->pid != 0))
    self->picked = pw_summary_filter (self->summary, self->show, self->pid);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, before, model_get_n_items (G_LIST_MODEL (self)));
}

void
pw_event_model_set_summary (PwEventModel *self,
                            PwSummary    *summary)
{
  guint before;

  g_return_if_fail (PW_IS_EVENT_MODEL (self));

  before = model_get_n_items (G_LIST_MODEL (self));
  if (summary != NULL)
    pw_summary_ref (summary);
  g_clear_pointer (&self->summary, pw_summary_free);
  self->summary = summary;
  refilter (self, before);
}

void
pw_event_model_set_filter (PwEventModel  *self,
                           PwSummaryShow  show,
                           guint          pid)
{
  guint before;

  g_return_if_fail (PW_IS_EVENT_MODEL (self));

  before = model_get_n_items (G_LIST_MODEL (self));
  if (self->show == show && self->pid == pid)
    return;
  self->show = show;
  self->pid = pid;
  refilter (self, before);
}

guint
pw_event_model_item_for_position (PwEventModel *self,
                                  guint         position)
{
  guint n = model_get_n_items (G_LIST_MODEL (self));
  guint event, lo, hi;

  g_return_val_if_fail (PW_IS_EVENT_MODEL (self), G_MAXUINT);

  if (n == 0)
    return G_MAXUINT;
  /* the events of positions before @position come before this one */
  event = pw_summary_first_event_at (self->summary, position);
  if (self->picked == NULL)
    return event > 0 ? MIN (event - 1, n - 1) : 0;
  lo = 0;
  hi = self->picked->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (g_array_index (self->picked, guint, mid) < event)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo > 0 ? lo - 1 : 0;
}

guint64
pw_event_model_get_n_made (PwEventModel *self)
{
  g_return_val_if_fail (PW_IS_EVENT_MODEL (self), 0);

  return self->n_made;
}

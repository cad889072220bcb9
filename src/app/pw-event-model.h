/* pw-event-model.h: the events of a run as a list model, rows made on demand
 *
 * PwEventModel is a GListModel over a summary (pw-timeline-summary.h): its
 * items are the events a filter picks, and each PwEventRow is made when a
 * list view asks for it, from the summary's compact records, so a list of
 * millions of events holds only the rows on screen.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pw-timeline-summary.h"

G_BEGIN_DECLS

#define PW_TYPE_EVENT_ROW (pw_event_row_get_type ())
G_DECLARE_FINAL_TYPE (PwEventRow, pw_event_row, PW, EVENT_ROW, GObject)

/* The event the row shows. */
const PwSummaryEvent *pw_event_row_get_event (PwEventRow *self);
/* Its index among all the run's events. */
guint                 pw_event_row_get_index (PwEventRow *self);

#define PW_TYPE_EVENT_MODEL (pw_event_model_get_type ())
G_DECLARE_FINAL_TYPE (PwEventModel, pw_event_model, PW, EVENT_MODEL, GObject)

PwEventModel *pw_event_model_new         (void);
/* The summary listed (the model keeps a reference; NULL lists nothing). */
void          pw_event_model_set_summary (PwEventModel  *self,
                                          PwSummary     *summary);
/* Which events are listed: @show, and only process @pid's when not 0. */
void          pw_event_model_set_filter  (PwEventModel  *self,
                                          PwSummaryShow  show,
                                          guint          pid);
/* The item that lists the event made last before @position (the state after
 * @position positions), or the first after it when the filter hides those
 * before; G_MAXUINT when the list is empty. */
guint         pw_event_model_item_for_position (PwEventModel *self,
                                                guint         position);
/* How many rows the model has made since it was created: a list view asks
 * only for the rows it shows. */
guint64       pw_event_model_get_n_made  (PwEventModel  *self);

G_END_DECLS

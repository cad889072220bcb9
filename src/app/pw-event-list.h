/* pw-event-list.h: the event list and the live statistics, beside the diagram
 *
 * The machine's counters at the step shown (accesses, TLB hit rate, page
 * faults minor and major, evictions, write-backs, walk reads), then every
 * event of the run in `pagewalk-cli run`'s order: its step, its access
 * number, the process, the access, the address, the TLB's answer, the fault
 * and the victim of an eviction.  The list is a GtkColumnView over a
 * PwEventModel (rows made on demand), filtered to page faults, evictions or
 * TLB misses and to one process.  Selecting an event emits "seek" with the
 * position after the step that made it; the row of the step shown is
 * selected as the window moves.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pw-event-model.h"
#include "pw-machine.h"

G_BEGIN_DECLS

#define PW_TYPE_EVENT_LIST (pw_event_list_get_type ())
G_DECLARE_FINAL_TYPE (PwEventList, pw_event_list, PW, EVENT_LIST, GtkBox)

/* The summary listed (a reference is kept; NULL while it is made) and the architecture whose addresses the rows write. */
void          pw_event_list_set_summary  (PwEventList     *self,
                                          PwSummary       *summary,
                                          const PwArch    *arch);
/* The counters shown (NULL: none); @tlb: the machine has a TLB. */
void          pw_event_list_set_stats    (PwEventList     *self,
                                          const PwStats   *stats,
                                          gboolean         tlb);
/* Selects the row of the step shown (the state after @position positions),
 * and scrolls to it, once the main loop is idle. */
void          pw_event_list_set_position (PwEventList     *self,
                                          guint            position);
/* The list's model (the events the filter picks). */
PwEventModel *pw_event_list_get_model    (PwEventList     *self);
/* Filters the list, as the two drop-downs do. */
void          pw_event_list_set_filter   (PwEventList     *self,
                                          PwSummaryShow    show,
                                          guint            pid);

/* A row's column @column (0: step ... 7: victim) in words, as the list
 * shows it; for the tests and the tooltips. */
char         *pw_event_list_cell_text    (const PwSummaryEvent *ev,
                                          const PwArch         *arch,
                                          guint                 column);

G_END_DECLS

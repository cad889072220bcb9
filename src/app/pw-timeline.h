/* pw-timeline.h: the bar that scrubs through a run
 *
 * A scrubber over every position of the document's run (its steps, then its
 * trace), with the page faults plotted above it, a step number to type,
 * play and pause at a chosen speed, and arrows to the previous or next page
 * fault, eviction or TLB miss.  The searches read a summary of the run
 * (pw-timeline-summary.h) that the timeline makes in a worker thread when a
 * document is set, with a progress bar and Cancel; until it is ready, the
 * scrubber and the step number work and the arrows wait.
 *
 * The timeline never seeks itself: it emits "seek" with the position wanted
 * and the window goes there (and calls pw_timeline_set_position()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pw-document.h"
#include "pw-timeline-summary.h"

G_BEGIN_DECLS

#define PW_TYPE_TIMELINE (pw_timeline_get_type ())
G_DECLARE_FINAL_TYPE (PwTimeline, pw_timeline, PW, TIMELINE, GtkBox)

/* What the arrows find, in the order of the bar's list. */
typedef enum
{
  PW_FIND_FAULT,
  PW_FIND_EVICTION,
  PW_FIND_TLB_MISS,
} PwFindKind;

/* The document scrubbed (NULL: none); starts summarising its run. */
void        pw_timeline_set_document (PwTimeline  *self,
                                      PwDocument  *doc);
/* The position shown (the state after that many positions). */
void        pw_timeline_set_position (PwTimeline  *self,
                                      guint        position);
guint       pw_timeline_get_position (PwTimeline  *self);
/* The summary of the run, or NULL while it is being made or was cancelled. */
PwSummary  *pw_timeline_get_summary  (PwTimeline  *self);
/* TRUE while the summary is being made. */
gboolean    pw_timeline_get_busy     (PwTimeline  *self);
/* Makes the summary again after it was cancelled. */
void        pw_timeline_summarise    (PwTimeline  *self);

/* The position the next (@forward) or previous event of @kind leads to,
 * from the position shown: the state just after the step that made it;
 * G_MAXUINT when there is none or no summary yet. */
guint       pw_timeline_find         (PwTimeline  *self,
                                      PwFindKind   kind,
                                      gboolean     forward);
/* The kind the bar's arrows find and its plot shows. */
PwFindKind  pw_timeline_get_find_kind (PwTimeline *self);
void        pw_timeline_set_find_kind (PwTimeline *self,
                                       PwFindKind  kind);

/* Plays (a step every 1/speed seconds, from the start when at the end) or
 * pauses.  At 1 and 2 steps a second the steps are animated, and the window
 * lets a step's walk finish before the next. */
void        pw_timeline_set_playing  (PwTimeline  *self,
                                      gboolean     playing);
gboolean    pw_timeline_get_playing  (PwTimeline  *self);
/* Steps a second while playing. */
guint       pw_timeline_get_speed    (PwTimeline  *self);

/* Focuses the step number. */
void        pw_timeline_focus_step   (PwTimeline  *self);

/* Puts @widget in the bar, between the scrubber and the step number (the
 * window's run settings). */
void        pw_timeline_add_control  (PwTimeline  *self,
                                      GtkWidget   *widget);

G_END_DECLS

/* pw-lab.h: the comparison of policies in the window
 *
 * A bar under the header, shown with the compare view: the comparison runs
 * in a worker thread (pw_compare_run(), the figures of `pagewalk-cli
 * compare --sweep`) with a progress bar and a Cancel button, then gives
 * the canvas its figures and offers "Export CSV…".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pw-compare.h"
#include "pw-render.h"
#include "pw-window.h"

G_BEGIN_DECLS

typedef struct _PwLabPanel PwLabPanel;

/* Installs win.compare (run the comparison again), win.compare-cancel and
 * win.compare-export-csv. */
void        pw_lab_class_init      (GtkWidgetClass *widget_class);
/* The bar, inserted in @after's parent after @after. */
PwLabPanel *pw_lab_panel_new       (PwWindow       *window,
                                    GtkWidget      *after);
void        pw_lab_panel_free      (PwLabPanel     *panel);
/* A scenario was opened or run again with other settings (@source,
 * @trace_path: as the document has them; @table_frames: the data frames of
 * the run settings, the frame count of the table of frames over time, 0 for
 * the scenario's): the figures of the previous one are dropped, a
 * comparison running for it is cancelled, and a new one starts when the
 * compare view is shown. */
void        pw_lab_panel_set_source (PwLabPanel    *panel,
                                     const char    *source,
                                     const char    *trace_path,
                                     guint64        table_frames);
/* The view shown changed: the bar shows with the compare view, which
 * starts the comparison the first time. */
void        pw_lab_panel_set_view  (PwLabPanel     *panel,
                                    PwView          view);

/* For tests: TRUE while the comparison runs; its figures, or NULL. */
gboolean         pw_window_get_comparing (PwWindow *window);
const PwCompare *pw_window_get_compare   (PwWindow *window);

G_END_DECLS

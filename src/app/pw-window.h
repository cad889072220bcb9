/* pw-window.h: one window per scenario
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pw-application.h"
#include "pw-canvas.h"

G_BEGIN_DECLS

#define PW_TYPE_WINDOW (pw_window_get_type ())

G_DECLARE_FINAL_TYPE (PwWindow, pw_window, PW, WINDOW, AdwApplicationWindow)

PwWindow   *pw_window_new          (PwApplication *application);

/* Opens @source (a path or an example name), with the accesses of
 * @trace_path after its steps when not NULL.  Loading runs in a worker
 * thread; the scenario shown until then stays. */
void        pw_window_open         (PwWindow      *self,
                                    const char    *source,
                                    const char    *trace_path);

/* Writes the view shown, in its final state, at the width shown, to @path
 * (.png, .svg or .pdf) through a temporary file. */
gboolean    pw_window_export       (PwWindow      *self,
                                    const char    *path,
                                    GError       **error);

/* Starts Export Animation (@animation: .webm or .gif; the step shown, or
 * the address translated) or Export Handout (.pdf) to @path, as the file
 * chooser does: a worker behind a progress dialog with Cancel, a toast when
 * done.  FALSE and @error when there is nothing to export or the format is
 * not available (the worker's own failures go to an error dialog). */
gboolean    pw_window_export_course (PwWindow     *self,
                                     const char   *path,
                                     gboolean      animation,
                                     GError      **error);

/* Quiz mode (the quiz.enabled action, F8): the question pending (NULL when
 * none), the feedback on the last answer, and answering as if typed and
 * checked. */
gboolean    pw_window_quiz_get_enabled  (PwWindow     *self);
const char *pw_window_quiz_get_question (PwWindow     *self);
const char *pw_window_quiz_get_feedback (PwWindow     *self);
void        pw_window_quiz_answer       (PwWindow     *self,
                                         const char   *text);

/* The run settings (the button in the timeline's bar, F7), as `pagewalk-cli
 * run --policy --frames --tlb` takes them: @policy NULL for the scenario's,
 * @frames 0 for the scenario's, @tlb NULL for the scenario's, else "off",
 * "4", "8x2", "16x4" or "64x4".  A change runs the scenario again in the
 * worker (busy until done) and keeps the step shown.  FALSE when a value is
 * not one the controls offer or no scenario is shown. */
gboolean    pw_window_set_run_settings (PwWindow     *self,
                                        const char   *policy,
                                        guint64       frames,
                                        const char   *tlb);
/* What the button says is in force: "lru · 3 frames · TLB off". */
const char *pw_window_get_run_settings_label (PwWindow *self);

/* TRUE while a scenario is loading. */
gboolean    pw_window_get_busy     (PwWindow      *self);
PwCanvas   *pw_window_get_canvas   (PwWindow      *self);
/* The step shown (0: after set-up) and the number of steps. */
guint       pw_window_get_position (PwWindow      *self);
guint       pw_window_get_n_steps  (PwWindow      *self);

G_END_DECLS

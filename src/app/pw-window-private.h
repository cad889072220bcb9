/* pw-window-private.h: what the window's files share
 *
 * pw-window.c builds the window, loads scenarios and steps through them;
 * pw-window-translate.c runs the translate bar (the address, the process,
 * the access and the mode);
 * pw-window-export.c exports the view shown; pw-window-present.c zooms and
 * runs presentation mode; pw-window-timeline.c runs the timeline bar and the
 * event list; pw-window-files.c takes dropped files, keeps the recent files
 * and the window's state.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pw-document.h"
#include "pw-render-handout.h"
#ifdef PW_HAVE_VIDEO
#include "pw-video.h"
#endif
#include "pw-event-list.h"
#include "pw-timeline.h"
#include "pw-window.h"

G_BEGIN_DECLS

struct _PwWindow
{
  AdwApplicationWindow  parent_instance;

  /* template */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkMenuButton        *examples_button;
  GtkPopover           *examples_popover;
  GtkListBox           *examples_list;
  GtkDropDown          *view_dropdown;
  GtkRevealer          *progress_revealer;
  GtkLabel             *progress_label;
  GtkProgressBar       *progress_bar;
  GtkEntry             *address_entry;
  GtkDropDown          *pid_dropdown;
  GtkStringList        *pid_model;
  GtkDropDown          *access_dropdown;   /* items in PwAccess order */
  GtkDropDown          *mode_dropdown;     /* items in PwMode order */
  GtkLabel             *narration_label;
  GtkStack             *stack;
  AdwStatusPage        *empty_page;
  PwCanvas             *canvas;
  GtkLabel             *step_label;
  GtkLabel             *step_detail_label;
  GtkLabel             *stats_label;
  /* the inspector (pw-window-inspector.c) */
  AdwFlap              *inspector_flap;
  struct _PwInspector  *inspector;
  /* presentation mode and zoom (pw-window-present.c) */
  GtkWidget            *header_bar;
  GtkWidget            *translate_bar;
  GtkWidget            *action_bar;
  GtkLabel             *present_step_label;
  GtkButton            *zoom_button;
  /* the timeline and the event list (pw-window-timeline.c) */
  PwTimeline           *timeline;
  GtkPaned             *events_paned;
  PwEventList          *event_list;
  gboolean              events_before_presenting;
  /* Open Recent's items (pw-window-files.c) */
  GMenu                *recent_menu;

  GSettings            *settings;
  /* the comparison of policies (pw-lab.c) */
  struct _PwLabPanel   *lab;
  PwDocument           *doc;

  /* loading */
  GCancellable         *load_cancellable;
  char                 *load_name;
  gint                  load_progress;   /* thousandths, written by the worker */
  guint                 progress_id;

  /* the pids of pid_dropdown's items after the first ("current process") */
  GArray               *pids;

  /* the run settings (pw-window-runcfg.c) */
  GtkMenuButton        *runcfg_button;
  GtkDropDown          *runcfg_policy;   /* the scenario's, then fifo, lru, opt, clock, random, mru */
  GtkSpinButton        *runcfg_frames;   /* 0: the scenario's */
  GtkDropDown          *runcfg_tlb;      /* the scenario's, off, 4, 8x2, 16x4, 64x4 */
  gboolean              runcfg_syncing;
  gboolean              rerunning;       /* the load running is a re-run */

  /* presentation mode */
  gboolean              presenting;
  gboolean              was_fullscreen;
  double                saved_zoom;
};

/* pw-window.c */
void        pw_window_toast                (PwWindow       *self,
                                            const char     *text);
void        pw_window_error_dialog         (PwWindow       *self,
                                            const char     *heading,
                                            const char     *body);
/* The machine shown, or NULL. */
PwMachine  *pw_window_machine              (PwWindow       *self);
/* Shows the machine after @n positions (animating that step when
 * @animate), as the step buttons do (Step Forward without quiz mode's
 * question). */
void        pw_window_go_to                (PwWindow       *self,
                                            guint           n,
                                            gboolean        animate);

/* TRUE while a scenario opens (not a re-run with other settings). */
gboolean    pw_window_get_opening          (PwWindow       *self);
/* Runs the document shown again with @cfg in the worker (progress and
 * Cancel in the loading bar); the step shown stays. */
void        pw_window_rerun                (PwWindow          *self,
                                            const PwRunConfig *cfg);

/* pw-window-runcfg.c */
/* Installs win.run-settings (F7: opens the popover). */
void        pw_window_run_settings_class_init (GtkWidgetClass *widget_class);
/* Builds the button and its popover in the timeline's bar, after the scrubber. */
void        pw_window_run_settings_init    (PwWindow       *self);
/* The controls and the label follow the document's settings. */
void        pw_window_run_settings_update  (PwWindow       *self);
/* The settings the controls say; FALSE with @error when one is refused. */
gboolean    pw_window_run_settings_config  (PwWindow       *self,
                                            PwRunConfig    *cfg,
                                            GError        **error);
/* "lru · 3 frames · TLB off": the settings @run uses. */
char       *pw_window_run_settings_text    (const PwRun    *run);

/* pw-window-translate.c */
/* Fills the process list from the machine shown (when its processes changed;
 * a process chosen that is gone falls back to the current one) and enables
 * the pickers and their shortcuts when a machine is shown. */
void        pw_window_update_pids          (PwWindow       *self);
/* Installs win.translate, win.focus-address and the pickers' actions
 * (win.choose-process, win.set-access, win.set-mode) with their shortcuts,
 * and binds the bar's template children and callbacks. */
void        pw_window_translate_class_init (GtkWidgetClass *widget_class);

/* pw-window-inspector.c */
/* Binds the inspector's template children and Ctrl+I. */
void        pw_window_inspector_class_init (GtkWidgetClass *widget_class);
/* Adds win.inspector-visible and follows the canvas's selection. */
void        pw_window_inspector_init       (PwWindow       *self);
/* Shows or hides the inspector: the key, presentation mode, and folded
 * over the diagram only while something is selected. */
void        pw_window_update_inspector     (PwWindow       *self);

/* pw-window-export.c: installs win.export (the file chooser) */
/* The local path a save dialog answered with, or NULL (cancelled; a file
 * that is not local is told in a toast). */
char       *pw_window_chosen_path          (PwWindow        *self,
                                            GtkNativeDialog *dialog,
                                            int              response);
void        pw_window_export_class_init    (GtkWidgetClass *widget_class);

/* pw-window-quiz.c */
/* Builds the quiz bar above the action bar and the quiz.enabled action (F8). */
void        pw_window_quiz_init            (PwWindow       *self);
/* Quiz mode on and step @n an access: asks its question and returns TRUE
 * (the step is shown once answered); else FALSE. */
gboolean    pw_window_quiz_ask             (PwWindow       *self,
                                            guint           n);
/* The window moved another way: the pending question is dropped. */
void        pw_window_quiz_moved           (PwWindow       *self);

/* pw-window-course.c: installs win.export-animation and win.export-handout
 * (a file chooser, then a worker behind a progress dialog with Cancel) */
void        pw_window_course_class_init    (GtkWidgetClass *widget_class);
/* Enables them when a machine is shown. */
void        pw_window_course_update        (PwWindow       *self);
#ifdef PW_HAVE_VIDEO
/* What Export Animation writes to @path: the document's run (a reference,
 * into *@run_out; the worker replays a run made from it), the options (the
 * address typed when one is translated, else the step shown, else every
 * step) and the format its name asks for. */
gboolean    pw_window_animation_job        (PwWindow        *self,
                                            const char      *path,
                                            PwRun          **run_out,
                                            PwVideoOptions  *vo,
                                            PwVideoFormat   *format,
                                            GError         **error);
#endif
/* What Export Handout writes: every step, the view shown. */
gboolean    pw_window_handout_job          (PwWindow          *self,
                                            PwRun            **run_out,
                                            PwHandoutOptions  *ho,
                                            GError           **error);

/* pw-window-present.c */
/* Installs win.zoom-in, win.zoom-out, win.zoom-reset and their keys, binds
 * the template children of presentation mode. */
void        pw_window_present_class_init   (GtkWidgetClass *widget_class);
/* Adds win.presentation (F5) and follows the canvas's zoom. */
void        pw_window_present_init         (PwWindow       *self);
/* The step counter shown in presentation mode: the action bar's, with the
 * run settings when they are not the scenario's. */
void        pw_window_present_update_step  (PwWindow       *self);
/* The zoom a newly loaded scenario starts at. */
double      pw_window_initial_zoom         (PwWindow       *self);

/* pw-window-timeline.c */
/* Binds the timeline's template children, installs win.play,
 * win.find-next, win.find-previous and win.go-to-step (Ctrl+G). */
void        pw_window_timeline_class_init  (GtkWidgetClass *widget_class);
/* Adds win.show-events (F9), the keys (Space, Shift/Alt+arrows), and
 * follows the timeline's and the list's "seek". */
void        pw_window_timeline_init        (PwWindow       *self);
/* A new document: the timeline summarises its run. */
void        pw_window_timeline_set_document (PwWindow      *self);
/* The step shown changed: the scrubber, the list's row, the statistics. */
void        pw_window_timeline_update      (PwWindow       *self);
/* Hides the timeline and the event list in presentation mode, and shows
 * them again (the list if it was shown) when it ends. */
void        pw_window_timeline_set_presenting (PwWindow    *self,
                                               gboolean     presenting);

/* pw-window-a11y.c: names the buttons whose label has a mnemonic by the
 * text they show (GTK 4.8 repeats the label, underscore included), and the
 * drop-downs' toggle buttons after their drop-down. */
void        pw_window_a11y_init            (PwWindow       *self);

/* pw-window-files.c */
/* Installs win.open-recent, win.clear-recent and win.close (Ctrl+W), binds
 * Open Recent's menu. */
void        pw_window_files_class_init     (GtkWidgetClass *widget_class);
/* Adds the drop target, fills Open Recent and keeps the maximized state. */
void        pw_window_files_init           (PwWindow       *self);
/* Adds @source, when it is a scenario file (not a built-in example), to the
 * recent files. */
void        pw_window_add_recent           (PwWindow       *self,
                                            const char     *source);

G_END_DECLS

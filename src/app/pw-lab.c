/* pw-lab.c: the comparison of policies in the window
 *
 * The worker loads its own copy of the scenario (and trace), so that opening
 * another file meanwhile frees nothing it reads; it runs the sweep of
 * pw-compare.c and reports how many runs are done through an atomic counter
 * that a timeout shows in the progress bar.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pagewalk"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-lab.h"
#include "pw-present.h"
#include "pw-window-private.h"

/* Runs done and runs in all, written by the worker, read by the progress bar. */
typedef struct
{
  gint done;
  gint total;
} Counts;

struct _PwLabPanel
{
  PwWindow       *window;      /* not a reference: the window owns the panel */
  GtkWidget      *revealer;
  GtkLabel       *status;
  GtkProgressBar *progress;
  GtkWidget      *cancel;
  GtkWidget      *again;
  GtkWidget      *export_csv;
  char           *source;
  char           *trace_path;
  guint64         table_frames; /* the run settings' data frames (0: the scenario's) */
  GCancellable   *cancellable; /* the comparison running, or NULL */
  Counts         *counts;      /* atomic; shared with the worker (rc box) */
  guint           poll_id;
  PwCompare      *compare;
  PwView          view;
};

typedef struct
{
  char *source;
  char *trace_path;
  guint64 table_frames;
  Counts *counts;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_free (job->source);
  g_free (job->trace_path);
  g_atomic_rc_box_release (job->counts);
  g_free (job);
}

static void
job_progress (guint    done,
              guint    total,
              gpointer user_data)
{
  Counts *counts = user_data;

  g_atomic_int_set (&counts->total, (gint) total + 1);
  g_atomic_int_set (&counts->done, (gint) done + 1);
}

static void
compare_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwScenario) sc = NULL;
  g_autoptr(PwRun) run = NULL;
  PwCompare *cmp = NULL;
  PwRunConfig cfg;
  guint64 frames[PW_COMPARE_MAX_FRAMES];
  guint n = 0, n_policies;
  const PwPolicy *all = pw_compare_all_policies (&n_policies);

  sc = pw_scenario_load_cancellable (job->source, cancellable, &error);
  if (sc != NULL)
    {
      pw_run_config_init (&cfg);
      cfg.trace_path = job->trace_path;
      run = pw_run_new (sc, &cfg, cancellable, &error);
    }
  if (run != NULL)
    n = pw_compare_sweep_frames (run, frames, cancellable, &error);
  /* the sweep is one run more than the comparison counts */
  if (n > 0)
    {
      g_atomic_int_set (&job->counts->done, 1);
      cmp = pw_compare_run (run, all, n_policies, frames, n, job->table_frames, job_progress, job->counts,
                            cancellable, &error);
    }
  if (cmp != NULL)
    g_task_return_pointer (task, cmp, (GDestroyNotify) pw_compare_free);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/* ---- the bar -------------------------------------------------------------------------- */

static void
stop_poll (PwLabPanel *panel)
{
  g_clear_handle_id (&panel->poll_id, g_source_remove);
}

static gboolean
poll_cb (gpointer user_data)
{
  PwLabPanel *panel = user_data;
  gint done = g_atomic_int_get (&panel->counts->done);
  gint total = g_atomic_int_get (&panel->counts->total);

  if (total > 0)
    gtk_progress_bar_set_fraction (panel->progress, CLAMP ((double) done / total, 0, 1));
  else
    gtk_progress_bar_pulse (panel->progress);
  return G_SOURCE_CONTINUE;
}

static void
set_running (PwLabPanel *panel,
             gboolean    running)
{
  gtk_widget_set_visible (GTK_WIDGET (panel->progress), running);
  gtk_widget_set_visible (panel->cancel, running);
  gtk_widget_set_visible (panel->again, !running);
  gtk_widget_set_sensitive (panel->export_csv, !running && panel->compare != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (panel->window), "win.compare-cancel", running);
  gtk_widget_action_set_enabled (GTK_WIDGET (panel->window), "win.compare-export-csv",
                                 !running && panel->compare != NULL);
}

/* "Page faults with 4 frames: fifo 10 · lru 8 · …" */
static char *
summary (const PwCompare *cmp)
{
  guint f = cmp->n_frames - 1;
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint p = 0; p < cmp->n_policies; p++)
    {
      if (p > 0)
        g_string_append (list, " · ");
      /* Translators: a policy's name, then its page faults */
      g_string_append_printf (list, _("%s %s"), pw_policy_name (cmp->policies[p]),
                              PW_DEC (cmp->results[f * cmp->n_policies + p].page_faults));
    }
  /* Translators: the frame count, then "fifo 10 · lru 8 · …" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Page faults with %s frame: %s",
                                       "Page faults with %s frames: %s", cmp->frames[f]),
                          PW_DEC (cmp->frames[f]), list->str);
}

static void
drop_compare (PwLabPanel *panel)
{
  PwCanvas *canvas = pw_window_get_canvas (panel->window);

  /* the canvas points into the figures */
  if (canvas != NULL)
    pw_canvas_set_compare (canvas, NULL);
  g_clear_pointer (&panel->compare, pw_compare_free);
}

static void
cancel (PwLabPanel *panel)
{
  if (panel->cancellable != NULL)
    g_cancellable_cancel (panel->cancellable);
  g_clear_object (&panel->cancellable);
  stop_poll (panel);
}

static void
compare_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  /* the window is the callback's data, not the task's source object: the
   * task may be freed in its worker thread, and a window's last reference
   * must go on the main thread (it finalizes widgets) */
  g_autoptr(PwWindow) window = user_data;
  PwLabPanel *panel = window->lab;
  g_autoptr(GError) error = NULL;
  PwCompare *cmp = g_task_propagate_pointer (G_TASK (result), &error);

  /* closed meanwhile, or superseded: a newer comparison or a cancel */
  if (panel == NULL || g_task_get_cancellable (G_TASK (result)) != panel->cancellable)
    {
      pw_compare_free (cmp);
      if (panel != NULL && panel->cancellable == NULL
          && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          gtk_label_set_text (panel->status, _("Comparison cancelled"));
          set_running (panel, FALSE);
        }
      return;
    }
  g_clear_object (&panel->cancellable);
  stop_poll (panel);
  if (cmp == NULL)
    {
      g_autofree char *msg = g_strdup_printf (_("Comparison failed: %s"), error->message);
      gtk_label_set_text (panel->status, msg);
    }
  else
    {
      g_autofree char *text = summary (cmp);

      panel->compare = cmp;
      gtk_label_set_text (panel->status, text);
      pw_canvas_set_compare (pw_window_get_canvas (window), cmp);
    }
  set_running (panel, FALSE);
}

static void
start (PwLabPanel *panel)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  if (panel->source == NULL)
    return;
  cancel (panel);
  drop_compare (panel);
  g_clear_pointer (&panel->counts, g_atomic_rc_box_release);
  panel->counts = g_atomic_rc_box_new0 (Counts);
  panel->cancellable = g_cancellable_new ();

  job = g_new0 (Job, 1);
  job->source = g_strdup (panel->source);
  job->trace_path = g_strdup (panel->trace_path);
  job->table_frames = panel->table_frames;
  job->counts = g_atomic_rc_box_acquire (panel->counts);
  task = g_task_new (NULL, panel->cancellable, compare_done_cb, g_object_ref (panel->window));
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, compare_thread);

  gtk_progress_bar_set_fraction (panel->progress, 0);
  gtk_label_set_text (panel->status, _("Running the scenario under every policy and memory size…"));
  set_running (panel, TRUE);
  panel->poll_id = g_timeout_add (100, poll_cb, panel);
}

/* ---- actions --------------------------------------------------------------------------- */

static void
compare_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PwWindow *window = PW_WINDOW (widget);

  if (window->lab != NULL)
    start (window->lab);
}

static void
compare_cancel_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  PwLabPanel *panel = PW_WINDOW (widget)->lab;

  if (panel == NULL || panel->cancellable == NULL)
    return;
  /* the worker's task ends with "cancelled": compare_done_cb says so */
  cancel (panel);
  gtk_label_set_text (panel->status, _("Cancelling…"));
}

static void
csv_response_cb (GtkNativeDialog *dialog,
                 int              response,
                 PwWindow        *window)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL, *base = NULL;
  g_autoptr(GError) error = NULL;

  if (response != GTK_RESPONSE_ACCEPT || window->lab == NULL || window->lab->compare == NULL)
    goto out;
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  path = file ? g_file_get_path (file) : NULL;
  if (path == NULL)
    {
      pw_window_toast (window, _("Only local files can be written"));
      goto out;
    }
  base = g_path_get_basename (path);
  /* a temporary file beside it, renamed when complete */
  if (!pw_compare_write_csv (window->lab->compare, path, &error))
    {
      /* Translators: FILE: reason */
      g_autofree char *msg = g_strdup_printf (_("%s: %s"), base, error->message);
      pw_window_error_dialog (window, _("Could Not Export"), msg);
    }
  else
    {
      g_autofree char *msg = g_strdup_printf (_("Exported to %s"), base);
      pw_window_toast (window, msg);
    }
out:
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
compare_export_csv_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  PwWindow *window = PW_WINDOW (widget);
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();

  if (window->lab == NULL || window->lab->compare == NULL)
    return;
  native = gtk_file_chooser_native_new (_("Export the Comparison as CSV"), GTK_WINDOW (window),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (csv, _("CSV"));
  gtk_file_filter_add_pattern (csv, "*.csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), csv);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), "compare.csv");
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (csv_response_cb), window);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

void
pw_lab_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.compare", NULL, compare_action);
  gtk_widget_class_install_action (widget_class, "win.compare-cancel", NULL, compare_cancel_action);
  gtk_widget_class_install_action (widget_class, "win.compare-export-csv", NULL, compare_export_csv_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.compare", NULL);
}

/* ---- the panel ----------------------------------------------------------------------------- */

static GtkWidget *
button (const char *label,
        const char *action,
        const char *name,
        const char *tooltip)
{
  GtkWidget *b = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (b), action);
  gtk_widget_set_name (b, name);
  gtk_widget_set_tooltip_text (b, tooltip);
  return b;
}

PwLabPanel *
pw_lab_panel_new (PwWindow  *window,
                  GtkWidget *after)
{
  PwLabPanel *panel = g_new0 (PwLabPanel, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  panel->window = window;
  panel->view = PW_VIEW_OVERVIEW;
  gtk_widget_add_css_class (box, "toolbar");

  panel->status = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_name (GTK_WIDGET (panel->status), "compare-status");
  gtk_label_set_xalign (panel->status, 0);
  gtk_label_set_wrap (panel->status, TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (panel->status), TRUE);
  gtk_widget_set_margin_start (GTK_WIDGET (panel->status), 6);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (panel->status));

  panel->progress = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_widget_set_name (GTK_WIDGET (panel->progress), "compare-progress");
  gtk_widget_set_valign (GTK_WIDGET (panel->progress), GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (GTK_WIDGET (panel->progress), 200, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (panel->progress), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Progress of the comparison"), -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (panel->progress));

  panel->cancel = button (_("_Cancel"), "win.compare-cancel", "compare-cancel",
                          _("Stop the comparison"));
  gtk_box_append (GTK_BOX (box), panel->cancel);
  panel->again = button (_("_Run Again"), "win.compare", "compare-again",
                         _("Run the comparison again (Ctrl+Shift+R)"));
  gtk_box_append (GTK_BOX (box), panel->again);
  panel->export_csv = button (_("Export _CSV…"), "win.compare-export-csv", "compare-export-csv",
                              _("Save the fault counts of every policy and frame count as CSV"));
  gtk_box_append (GTK_BOX (box), panel->export_csv);

  panel->revealer = gtk_revealer_new ();
  gtk_widget_set_name (panel->revealer, "compare-bar");
  gtk_revealer_set_child (GTK_REVEALER (panel->revealer), box);
  gtk_widget_insert_after (panel->revealer, gtk_widget_get_parent (after), after);
  set_running (panel, FALSE);
  return panel;
}

void
pw_lab_panel_free (PwLabPanel *panel)
{
  if (panel == NULL)
    return;
  cancel (panel);
  drop_compare (panel);
  g_clear_pointer (&panel->counts, g_atomic_rc_box_release);
  g_free (panel->source);
  g_free (panel->trace_path);
  g_free (panel);
}

void
pw_lab_panel_set_source (PwLabPanel *panel,
                         const char *source,
                         const char *trace_path,
                         guint64     table_frames)
{
  cancel (panel);
  drop_compare (panel);
  g_free (panel->source);
  g_free (panel->trace_path);
  panel->source = g_strdup (source);
  panel->trace_path = g_strdup (trace_path);
  panel->table_frames = table_frames;
  gtk_label_set_text (panel->status, "");
  set_running (panel, FALSE);
  if (panel->view == PW_VIEW_COMPARE)
    start (panel);
}

void
pw_lab_panel_set_view (PwLabPanel *panel,
                       PwView      view)
{
  panel->view = view;
  gtk_revealer_set_reveal_child (GTK_REVEALER (panel->revealer), view == PW_VIEW_COMPARE);
  if (view == PW_VIEW_COMPARE && panel->compare == NULL && panel->cancellable == NULL)
    start (panel);
}

gboolean
pw_window_get_comparing (PwWindow *window)
{
  g_return_val_if_fail (PW_IS_WINDOW (window), FALSE);
  return window->lab != NULL && window->lab->cancellable != NULL;
}

const PwCompare *
pw_window_get_compare (PwWindow *window)
{
  g_return_val_if_fail (PW_IS_WINDOW (window), NULL);
  return window->lab != NULL ? window->lab->compare : NULL;
}

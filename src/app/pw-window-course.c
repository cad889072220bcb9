/* pw-window-course.c: course material from the window: Export Animation
 * (win.export-animation: the step shown, or the address translated, or the
 * whole script from step 0, as WebM or GIF) and Export Handout
 * (win.export-handout: the whole script as a PDF, a page a step).
 *
 * Export Animation is there when the animations' library is built
 * (PW_HAVE_VIDEO: GStreamer and giflib); Export Handout always.
 *
 * Both run in a worker thread (GTask) on a run of their own, behind a
 * dialog with a progress bar and Cancel; a cancelled or failed export
 * leaves no file behind (pw-render-export.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pagewalk"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pw-number.h"
#include "pw-render-handout.h"
#include "pw-window-private.h"

typedef enum
{
  JOB_ANIMATION,
  JOB_HANDOUT,
} JobKind;

typedef struct
{
  JobKind           kind;
  char             *path;
  PwRun            *source;    /* the document's run */
  PwRun            *run;       /* the worker's own, made in the worker */
#ifdef PW_HAVE_VIDEO
  PwVideoOptions    vo;
  PwVideoFormat     format;
#endif
  PwHandoutOptions  ho;
  gint              done;      /* thousandths, written by the worker */
} Job;

static void
job_free (Job *job)
{
  g_free (job->path);
  g_clear_pointer (&job->source, pw_run_free);
  g_clear_pointer (&job->run, pw_run_free);
  g_free (job);
}

static void
job_progress (guint64  done,
              guint64  total,
              gpointer user_data)
{
  Job *job = user_data;

  if (total > 0)
    g_atomic_int_set (&job->done, (gint) (done * 1000 / total));
}

static void
job_thread (GTask        *task,
            gpointer      source,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  /* a run of its own (for opt, its future computed again): the document's
   * settings, its trace accesses already read */
  if (job->run == NULL)
    {
      PwRunConfig cfg;
      const PwMachineConfig *mc = pw_run_config (job->source);

      pw_run_config_init (&cfg);
      cfg.set_policy = TRUE;
      cfg.policy = mc->policy;
      cfg.data_frames = mc->data_frames;
      cfg.set_tlb = TRUE;
      cfg.tlb = mc->tlb;
      cfg.tlb_entries = mc->tlb_entries;
      cfg.tlb_ways = mc->tlb_ways;
      job->run = pw_run_new_from (job->source, &cfg, cancellable, &error);
      if (job->run == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }
#ifdef PW_HAVE_VIDEO
  if (job->kind == JOB_ANIMATION)
    ok = pw_video_export (job->path, job->format, job->run, &job->vo, cancellable,
                          job_progress, job, &error);
  else
#endif
    ok = pw_render_handout (job->path, job->run, &job->ho, cancellable, job_progress, job, &error);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/* ---- the progress dialog ---------------------------------------------------- */

typedef struct
{
  PwWindow       *window;
  GtkWidget      *dialog;
  GtkProgressBar *bar;
  GCancellable   *cancellable;
  Job            *job;      /* owned by the task */
  guint           tick_id;
  char           *base;
} Progress;

static gboolean
progress_tick (gpointer user_data)
{
  Progress *p = user_data;

  gtk_progress_bar_set_fraction (p->bar, g_atomic_int_get (&p->job->done) / 1000.0);
  return G_SOURCE_CONTINUE;
}

static void
progress_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      Progress         *p)
{
  /* Cancel (or Escape): the worker stops at its next frame or page */
  g_cancellable_cancel (p->cancellable);
}

static void
job_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Progress *p = user_data;
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&p->tick_id, g_source_remove);
  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *msg = g_strdup_printf (_("Exported to %s"), p->base);
      pw_window_toast (p->window, msg);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    pw_window_toast (p->window, _("Export cancelled"));
  else
    {
      /* Translators: FILE: reason */
      g_autofree char *msg = g_strdup_printf (_("%s: %s"), p->base, error->message);
      pw_window_error_dialog (p->window, _("Could Not Export"), msg);
    }
  gtk_window_destroy (GTK_WINDOW (p->dialog));
  g_object_unref (p->dialog);
  g_object_unref (p->cancellable);
  g_object_unref (p->window);
  g_free (p->base);
  g_free (p);
}

static void
start_job (PwWindow *self,
           Job      *job)
{
  Progress *p = g_new0 (Progress, 1);
  g_autoptr(GTask) task = NULL;
  GtkWidget *bar = gtk_progress_bar_new ();

  p->window = g_object_ref (self);
  p->cancellable = g_cancellable_new ();
  p->job = job;
  p->base = g_path_get_basename (job->path);
  p->bar = GTK_PROGRESS_BAR (bar);
  gtk_progress_bar_set_show_text (p->bar, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Export progress"), -1);
  p->dialog = g_object_ref_sink (adw_message_dialog_new (GTK_WINDOW (self),
                                                         job->kind == JOB_ANIMATION
                                                         ? _("Exporting the Animation")
                                                         : _("Exporting the Handout"),
                                                         p->base));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (p->dialog), bar);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (p->dialog), "cancel", _("_Cancel"));
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (p->dialog), "cancel");
  g_signal_connect (p->dialog, "response", G_CALLBACK (progress_response_cb), p);
  gtk_window_present (GTK_WINDOW (p->dialog));
  p->tick_id = g_timeout_add (100, progress_tick, p);

  /* no source object: the task may be freed in its worker thread, and the
   * window's last reference must go on the main thread (p holds one,
   * dropped in job_done_cb()) */
  task = g_task_new (NULL, p->cancellable, job_done_cb, p);
  g_task_set_source_tag (task, start_job);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, job_thread);
}

/* ---- what is exported ----------------------------------------------------- */

/* The document's run: the worker makes a run of its own from it. */
static PwRun *
job_source (PwWindow  *self,
            GError   **error)
{
  PwRun *run = self->doc ? pw_history_get_run (self->doc->history) : NULL;

  if (run == NULL)
    {
      g_set_error_literal (error, PW_ERROR, PW_ERROR_VALUE, _("No scenario is open"));
      return NULL;
    }
  return pw_run_ref (run);
}

#ifdef PW_HAVE_VIDEO
gboolean
pw_window_animation_job (PwWindow        *self,
                         const char      *path,
                         PwRun          **run_out,
                         PwVideoOptions  *vo,
                         PwVideoFormat   *format,
                         GError         **error)
{
  const PwRenderOptions *o;
  PwRun *run;
  guint pos;

  if (self->doc == NULL || pw_window_machine (self) == NULL)
    {
      g_set_error_literal (error, PW_ERROR, PW_ERROR_VALUE, _("No scenario is open"));
      return FALSE;
    }
  if (!pw_video_format_from_name (path, format))
    {
      g_set_error_literal (error, PW_ERROR, PW_ERROR_VALUE, _("the name must end in .webm or .gif"));
      return FALSE;
    }
  if (!pw_video_format_available (*format, error))
    return FALSE;
  run = job_source (self, error);
  if (run == NULL)
    return FALSE;

  o = pw_canvas_get_options (self->canvas);
  pos = pw_history_position (self->doc->history);
  pw_video_options_init (vo, run);
  vo->view = o->view;
  vo->theme = o->theme;
  vo->width = (guint) CLAMP (gtk_widget_get_width (GTK_WIDGET (self->canvas)), 640, 1920);
  vo->reduced_motion = o->reduced_motion;
  if (o->has_walk && o->event == NULL)
    {
      /* the address typed in the translate bar, on the machine shown */
      vo->translate = TRUE;
      vo->va = o->walk.va;
      vo->access = o->walk.access;
      vo->mode = o->walk.mode;
      vo->pid = o->walk_pid;
      vo->at = pos;
    }
  else if (pos > 0)
    vo->first = vo->last = pos - 1;   /* the step shown */
  else if (pw_run_n_steps (run) == 0)
    {
      g_set_error_literal (error, PW_ERROR, PW_ERROR_VALUE,
                           _("There is nothing to animate: step to an access or translate an address"));
      pw_run_free (run);
      return FALSE;
    }
  *run_out = run;
  return TRUE;
}

#endif

gboolean
pw_window_handout_job (PwWindow          *self,
                       PwRun            **run_out,
                       PwHandoutOptions  *ho,
                       GError           **error)
{
  PwRun *run;

  if (self->doc == NULL || pw_window_machine (self) == NULL)
    {
      g_set_error_literal (error, PW_ERROR, PW_ERROR_VALUE, _("No scenario is open"));
      return FALSE;
    }
  run = job_source (self, error);
  if (run == NULL)
    return FALSE;
  pw_handout_options_init (ho, run);
  ho->view = pw_canvas_get_view (self->canvas);
  *run_out = run;
  return TRUE;
}

/* ---- the file choosers -------------------------------------------------------- */

gboolean
pw_window_export_course (PwWindow    *self,
                         const char  *path,
                         gboolean     animation,
                         GError     **error)
{
  Job *job;
  gboolean ok;

  g_return_val_if_fail (PW_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  job = g_new0 (Job, 1);
  job->kind = animation ? JOB_ANIMATION : JOB_HANDOUT;
  job->path = g_strdup (path);
#ifdef PW_HAVE_VIDEO
  if (animation)
    ok = pw_window_animation_job (self, path, &job->source, &job->vo, &job->format, error);
  else
#endif
  if (animation)
    {
      g_set_error_literal (error, PW_ERROR, PW_ERROR_VALUE,
                           _("This build has no animated export (GStreamer and giflib were not found)"));
      ok = FALSE;
    }
  else
    ok = pw_window_handout_job (self, &job->source, &job->ho, error);
  if (!ok)
    {
      job_free (job);
      return FALSE;
    }
  start_job (self, job);
  return TRUE;
}

static void
course_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    PwWindow        *self)
{
  JobKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "job-kind"));
  g_autofree char *path = pw_window_chosen_path (self, dialog, response);
  g_autoptr(GError) error = NULL;

  if (path == NULL)
    goto out;
  if (!pw_window_export_course (self, path, kind == JOB_ANIMATION, &error))
    {
      g_autofree char *base = g_path_get_basename (path);
      /* Translators: FILE: reason */
      g_autofree char *msg = g_strdup_printf (_("%s: %s"), base, error->message);
      pw_window_error_dialog (self, _("Could Not Export"), msg);
    }

out:
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
choose_file (PwWindow   *self,
             JobKind     kind)
{
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *base = NULL, *suggested = NULL;
  char *dot;

  if (self->doc == NULL)
    return;
  native = gtk_file_chooser_native_new (kind == JOB_ANIMATION ? _("Export an Animation")
                                                               : _("Export a Handout"),
                                        GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), _("_Cancel"));
  if (kind == JOB_ANIMATION)
    {
      gtk_file_filter_set_name (filter, _("WebM video or GIF"));
      gtk_file_filter_add_pattern (filter, "*.webm");
      gtk_file_filter_add_pattern (filter, "*.gif");
    }
  else
    {
      gtk_file_filter_set_name (filter, _("PDF"));
      gtk_file_filter_add_pattern (filter, "*.pdf");
    }
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  base = pw_document_display_name (self->doc);
  dot = strrchr (base, '.');
  if (dot != NULL && dot != base)
    *dot = '\0';
  suggested = g_strdup_printf (kind == JOB_ANIMATION ? "%s-animation.webm" : "%s-handout.pdf", base);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), suggested);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_object_set_data (G_OBJECT (native), "job-kind", GINT_TO_POINTER (kind));
  g_signal_connect (native, "response", G_CALLBACK (course_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
export_animation_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  choose_file (PW_WINDOW (widget), JOB_ANIMATION);
}

static void
export_handout_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  choose_file (PW_WINDOW (widget), JOB_HANDOUT);
}

void
pw_window_course_class_init (GtkWidgetClass *widget_class)
{
#ifdef PW_HAVE_VIDEO
  gtk_widget_class_install_action (widget_class, "win.export-animation", NULL, export_animation_action);
#endif
  gtk_widget_class_install_action (widget_class, "win.export-handout", NULL, export_handout_action);
}

void
pw_window_course_update (PwWindow *self)
{
  gboolean ok = self->doc != NULL && pw_window_machine (self) != NULL;

#ifdef PW_HAVE_VIDEO
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-animation", ok);
#endif
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-handout", ok);
}

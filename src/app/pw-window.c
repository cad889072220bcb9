/* pw-window.c: one window per scenario
 *
 * The header bar (open, examples, the scenario's title, the view, the menu),
 * a bar with the address to translate and the narration, the diagram, and
 * an action bar to step through the script.  The scenario and its history
 * (pw-document.c) are loaded in a worker thread; the window stays live and
 * shows a progress bar with Cancel when loading takes more than a moment.
 * The translate bar is run by pw-window-translate.c, the export by
 * pw-window-export.c, the timeline and the event list by pw-window-timeline.c
 * (pw-window-private.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pagewalk"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-document.h"
#include "pw-inspector.h"
#include "pw-number.h"
#include "pw-preferences.h"
#include "pw-present.h"
#include "pw-lab.h"
#include "pw-window-private.h"

/* Loading shorter than this shows no progress bar. */
#define PROGRESS_DELAY_MS 200

G_DEFINE_FINAL_TYPE (PwWindow, pw_window, ADW_TYPE_APPLICATION_WINDOW)

/* The views in the order of view_dropdown's items. */
static const PwView view_order[] = {
  PW_VIEW_OVERVIEW, PW_VIEW_ADDRESS, PW_VIEW_WALK, PW_VIEW_VASPACE,
  PW_VIEW_PAGETABLE, PW_VIEW_PHYSICAL, PW_VIEW_DISK, PW_VIEW_TLB,
  PW_VIEW_LAB, PW_VIEW_COMPARE,
};

static void update_state (PwWindow *self);

/* ---- helpers ----------------------------------------------------------------------- */

void
pw_window_toast (PwWindow   *self,
                 const char *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

void
pw_window_error_dialog (PwWindow   *self,
                        const char *heading,
                        const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

PwMachine *
pw_window_machine (PwWindow *self)
{
  return pw_canvas_get_machine (self->canvas);
}

/* ---- the machine shown ------------------------------------------------------------------- */

/* Shows the machine after @n steps; animates what step @n did when
 * @animate, the panes around the walk showing the machine before the step
 * until the kernel acts.  Step 0 is the machine just set up, with no walk:
 * the script's first access is shown when the user steps to it (the action
 * bar names it). */
static void
go_to (PwWindow *self,
       guint     n,
       gboolean  animate)
{
  PwShownEvent last = { 0 };
  PwMachine *m, *before = NULL, *previous = NULL;

  if (self->doc == NULL)
    return;
  pw_window_quiz_moved (self);
  n = MIN (n, pw_history_n_steps (self->doc->history));
  /* the machine before the step, kept while the step unfolds (the seek to
   * n then runs one step from it) */
  if (animate && n > 0)
    before = pw_machine_copy (pw_history_seek (self->doc->history, n - 1, NULL, NULL));
  /* the replacement lab marks what the step changed: it keeps that machine */
  if (n > 0 && pw_canvas_get_view (self->canvas) == PW_VIEW_LAB)
    previous = before ? pw_machine_copy (before)
                      : pw_machine_copy (pw_history_seek (self->doc->history, n - 1, NULL, NULL));
  /* the event of step n: its last access, or the notice of its failure */
  m = pw_history_seek (self->doc->history, n, n > 0 ? pw_shown_event_keep : NULL, &last);
  pw_canvas_set_machine (self->canvas, m);
  pw_canvas_set_previous (self->canvas, previous);
  /* a step without an access (a switch, fork...) is drawn from the
   * machine's record of it, and unfolds too */
  if (n > 0 && (last.have || pw_machine_last_step (m) != NULL))
    pw_canvas_show_step (self->canvas, pw_shown_event_get (&last),
                         g_steal_pointer (&before), animate);
  g_clear_pointer (&before, pw_machine_free);
  pw_shown_event_reset (&last);
  update_state (self);
}

void
pw_window_go_to (PwWindow *self,
                 guint     n,
                 gboolean  animate)
{
  go_to (self, n, animate);
}

/* A narration too long for the bar's two lines in bold (German's
 * "... nachdem der Kernel Seite 0x3 aus Auslagerungsplatz 7 in Rahmen 0x0
 * gelesen hat.") is set smaller and regular, so its numbers are not cut;
 * the bar keeps its height. */
static void
fit_narration (PwWindow *self)
{
  GtkWidget *label = GTK_WIDGET (self->narration_label);
  const char *text = gtk_label_get_text (self->narration_label);
  int width = gtk_widget_get_width (label), tw = 0;
  PangoLayout *layout;

  if (width <= 0 || text == NULL || *text == '\0')
    {
      gtk_widget_remove_css_class (label, "narration-long");
      return;
    }
  /* measured in the bar's font, bold, whatever the label's class is now */
  layout = gtk_widget_create_pango_layout (gtk_widget_get_parent (label), text);
  {
    PangoFontDescription *fd = pango_font_description_copy (pango_context_get_font_description (
                                                               pango_layout_get_context (layout)));
    pango_font_description_set_weight (fd, PANGO_WEIGHT_BOLD);
    pango_layout_set_font_description (layout, fd);
    pango_font_description_free (fd);
  }
  pango_layout_set_width (layout, width * PANGO_SCALE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  tw = pango_layout_get_line_count (layout);
  g_object_unref (layout);
  if (tw > 2)
    gtk_widget_add_css_class (label, "narration-long");
  else
    gtk_widget_remove_css_class (label, "narration-long");
}

static void
update_narration (PwWindow *self)
{
  const char *text = pw_canvas_get_narration (self->canvas);
  PwMachine *m = pw_window_machine (self);

  if (text == NULL && m != NULL && self->doc != NULL)
    {
      guint pos = pw_history_position (self->doc->history);

      if (pos == 0)
        text = _("The machine after set-up. Step forward, or translate an address.");
      else
        text = _("This step made no memory access.");
    }
  gtk_label_set_text (self->narration_label, text ? text : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->narration_label), text);
  fit_narration (self);
}

/* A count for g_dngettext() (which takes an unsigned long) and as text. */
static gulong
plural_n (guint64 n)
{
  /* the plural rules of every language look at the last digits */
  return n <= G_MAXULONG ? (gulong) n : (gulong) (n % 1000000) + 1000000;
}

static const char *
number (guint64 n,
        char    buf[24])
{
  g_snprintf (buf, 24, "%" G_GUINT64_FORMAT, n);
  return buf;
}

/* The counters of the machine the diagram's panes show: while a step
 * unfolds, those before it until the kernel acts (pw_render_shown_machine). */
static void
update_stats (PwWindow *self)
{
  g_autofree char *stats = NULL;
  PwMachine *m = pw_window_machine (self);

  if (m != NULL)
    m = pw_render_shown_machine (m, pw_canvas_get_options (self->canvas));
  if (m != NULL)
    {
      const PwStats *st = pw_machine_stats (m);
      char a[24], b[24], c[24], d[24];
      g_autofree char *accesses = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s access", "%s accesses",
                                                                plural_n (st->accesses)),
                                                   number (st->accesses, a));
      g_autofree char *hits = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s TLB hit", "%s TLB hits",
                                                            plural_n (st->tlb_hits)),
                                               number (st->tlb_hits, b));
      g_autofree char *faults = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s page fault", "%s page faults",
                                                              plural_n (st->page_faults)),
                                                 number (st->page_faults, c));
      g_autofree char *evictions = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s eviction", "%s evictions",
                                                                 plural_n (st->evictions)),
                                                    number (st->evictions, d));

      stats = g_strjoin (" · ", accesses, hits, faults, evictions, NULL);
    }
  gtk_label_set_text (self->stats_label, stats ? stats : "");
  pw_window_timeline_update (self);
}

static void
update_state (PwWindow *self)
{
  guint pos = 0, n = 0;
  g_autofree char *counter = NULL;
  g_autofree char *detail = NULL;
  PwMachine *m = pw_window_machine (self);
  gboolean busy = self->load_cancellable != NULL;

  if (self->doc != NULL)
    {
      pos = pw_history_position (self->doc->history);
      n = pw_history_n_steps (self->doc->history);
      /* Translators: the position shown, then the number of steps */
      counter = g_strdup_printf (_("Step %u of %u"), pos, n);
      if (pos > 0)
        {
          g_autofree char *what = pw_step_describe (self->doc->scenario->arch,
                                                  &g_array_index (self->doc->steps, PwStep, pos - 1));
          detail = what ? g_strdup_printf ("· %s", what) : NULL;
        }
      else if (n > 0)
        {
          g_autofree char *what = pw_step_describe (self->doc->scenario->arch,
                                                  &g_array_index (self->doc->steps, PwStep, 0));
          /* Translators: the step that the Step Forward button runs */
          detail = what ? g_strdup_printf (_("· next: %s"), what) : NULL;
        }
    }
  gtk_label_set_text (self->step_label, counter ? counter : "");
  gtk_label_set_text (self->step_detail_label, detail ? detail : "");

  /* the scenario shown stays usable while another one loads */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.step-back", self->doc && pos > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.go-start", self->doc && pos > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.step-forward", self->doc && pos < n);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.go-end", self->doc && pos < n);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.translate", m != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", m != NULL);
  pw_window_course_update (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-trace", self->doc != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-load", busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->address_entry), m != NULL);

  pw_window_update_pids (self);
  if (self->runcfg_button != NULL)
    gtk_widget_set_sensitive (GTK_WIDGET (self->runcfg_button), self->doc != NULL && !pw_window_get_opening (self));
  update_narration (self);
  update_stats (self);
  /* the machine shown changed: the selection's state with it */
  pw_inspector_refresh (self->inspector);
}

/* ---- loading -------------------------------------------------------------------------- */

static gboolean
progress_cb (gpointer user_data)
{
  PwWindow *self = user_data;
  int permille = g_atomic_int_get (&self->load_progress);

  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  if (permille > 0)
    gtk_progress_bar_set_fraction (self->progress_bar, permille / 1000.0);
  else
    gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

static void
stop_progress (PwWindow *self)
{
  g_clear_handle_id (&self->progress_id, g_source_remove);
  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
}

/* Shows @doc: a scenario opened, or (@rerun) the one shown run again with
 * other settings, at the step shown. */
static void
set_document (PwWindow   *self,
              PwDocument *doc,
              gboolean    rerun)
{
  g_autofree char *name = pw_document_display_name (doc);
  g_autofree char *subtitle = NULL;
  const char *title;
  guint pos = rerun && self->doc != NULL ? pw_history_position (self->doc->history) : 0;

  /* the canvas points into the old document's machine and scenario */
  pw_canvas_set_machine (self->canvas, NULL);
  pw_canvas_set_previous (self->canvas, NULL);
  g_clear_pointer (&self->doc, pw_document_free);
  self->doc = doc;
  /* a re-run keeps the original's run, scenario and steps, not its
   * checkpoints (only this thread seeks a history) */
  if (doc->base != NULL)
    g_clear_pointer (&doc->base->history, pw_history_free);
  pw_lab_panel_set_source (self->lab, doc->source, doc->trace_path, doc->config.data_frames);
  pw_window_run_settings_update (self);
  if (rerun)
    {
      pw_window_timeline_set_document (self);
      go_to (self, pos, FALSE);
      return;
    }
  g_array_set_size (self->pids, 0);
  gtk_drop_down_set_selected (self->pid_dropdown, 0);

  title = doc->scenario->title && *doc->scenario->title ? doc->scenario->title : name;
  if (doc->trace_path != NULL)
    {
      g_autofree char *trace = g_path_get_basename (doc->trace_path);
      /* Translators: window subtitle: scenario file, architecture, trace file */
      subtitle = g_strdup_printf (_("%s · %s · trace %s"), name, doc->scenario->arch->name, trace);
    }
  else
    /* Translators: window subtitle: scenario file and architecture */
    subtitle = g_strdup_printf (_("%s · %s"), name, doc->scenario->arch->name);
  pw_window_add_recent (self, doc->source);
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_stack_set_visible_child_name (self->stack, "diagram");
  /* what `pagewalk` opens next time without a file */
  g_settings_set_string (self->settings, "last-scenario", doc->source);
  pw_canvas_zoom_top_left (self->canvas, pw_window_initial_zoom (self));
  pw_window_timeline_set_document (self);
  go_to (self, 0, FALSE);
  if (gtk_root_get_focus (GTK_ROOT (self)) == NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  /* the window is the callback's data, not the task's source object: the
   * task may be freed in its worker thread, and a window's last reference
   * must go on the main thread (it finalizes widgets) */
  g_autoptr(PwWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwDocument) doc = pw_document_load_finish (result, &error);

  /* closed meanwhile, or superseded by a newer load */
  if (self->canvas == NULL
      || g_task_get_cancellable (G_TASK (result)) != self->load_cancellable)
    return;

  g_clear_object (&self->load_cancellable);
  stop_progress (self);

  self->rerunning = FALSE;
  if (doc != NULL)
    set_document (self, g_steal_pointer (&doc), FALSE);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (self->doc == NULL)
        gtk_stack_set_visible_child_name (self->stack, "empty");
      pw_window_toast (self, _("Loading cancelled"));
    }
  else
    {
      if (self->doc == NULL)
        {
          adw_status_page_set_icon_name (self->empty_page, "dialog-error-symbolic");
          adw_status_page_set_title (self->empty_page, _("Could Not Open the Scenario"));
          adw_status_page_set_description (self->empty_page, error->message);
          gtk_stack_set_visible_child_name (self->stack, "empty");
        }
      pw_window_error_dialog (self, _("Could Not Open the Scenario"), error->message);
    }
  g_clear_pointer (&self->load_name, g_free);
  update_state (self);
}

void
pw_window_open (PwWindow   *self,
                const char *source,
                const char *trace_path)
{
  g_autofree char *name = NULL;
  g_autofree char *label = NULL;

  g_return_if_fail (PW_IS_WINDOW (self));
  g_return_if_fail (source != NULL);

  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  stop_progress (self);

  self->load_cancellable = g_cancellable_new ();
  self->rerunning = FALSE;
  name = g_path_get_basename (trace_path ? trace_path : source);
  /* Translators: shown beside the progress bar; %s is a file name */
  label = g_strdup_printf (_("Loading %s…"), name);
  gtk_label_set_text (self->progress_label, label);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  g_free (self->load_name);
  self->load_name = g_strdup (name);
  self->progress_id = g_timeout_add (PROGRESS_DELAY_MS, progress_cb, self);
  if (self->doc == NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");

  pw_document_load_async (source, trace_path, &self->load_progress, NULL,
                          self->load_cancellable, load_done_cb, g_object_ref (self));
  update_state (self);
}

static void
rerun_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(PwWindow) self = user_data;   /* as in load_done_cb() */
  g_autoptr(GError) error = NULL;
  g_autoptr(PwDocument) doc = pw_document_rerun_finish (result, &error);

  /* closed meanwhile, or superseded by a newer load */
  if (self->canvas == NULL
      || g_task_get_cancellable (G_TASK (result)) != self->load_cancellable)
    return;

  g_clear_object (&self->load_cancellable);
  self->rerunning = FALSE;
  stop_progress (self);
  if (doc != NULL)
    set_document (self, g_steal_pointer (&doc), TRUE);
  else
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        pw_window_toast (self, _("Run settings not applied"));
      else
        pw_window_error_dialog (self, _("Could Not Apply the Run Settings"), error->message);
      /* the controls go back to the settings in force */
      pw_window_run_settings_update (self);
    }
  g_clear_pointer (&self->load_name, g_free);
  update_state (self);
}

void
pw_window_rerun (PwWindow          *self,
                 const PwRunConfig *cfg)
{
  g_autofree char *label = NULL;
  g_autofree char *name = NULL;

  g_return_if_fail (self->doc != NULL);

  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  stop_progress (self);

  self->load_cancellable = g_cancellable_new ();
  self->rerunning = TRUE;
  name = pw_document_display_name (self->doc);
  /* Translators: shown beside the progress bar; %s is a file name */
  label = g_strdup_printf (_("Running %s with the new settings…"), name);
  gtk_label_set_text (self->progress_label, label);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  g_free (self->load_name);
  self->load_name = g_strdup (name);
  self->progress_id = g_timeout_add (PROGRESS_DELAY_MS, progress_cb, self);
  pw_document_rerun_async (self->doc, cfg, &self->load_progress, NULL,
                           self->load_cancellable, rerun_done_cb, g_object_ref (self));
  update_state (self);
}

gboolean
pw_window_get_opening (PwWindow *self)
{
  return self->load_cancellable != NULL && !self->rerunning;
}

/* ---- file choosers ------------------------------------------------------------------------- */

static void
open_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  PwWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;
      gboolean trace = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "pw-trace"));

      if (path == NULL)
        pw_window_toast (self, _("Only local files can be opened"));
      else if (trace && self->doc != NULL)
        pw_window_open (self, self->doc->source, path);
      else if (!trace)
        pw_window_open (self, path, NULL);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PwWindow *self = PW_WINDOW (widget);
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  native = gtk_file_chooser_native_new (_("Open a Scenario"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Pagewalk scenarios"));
  gtk_file_filter_add_pattern (filter, "*.pagewalk");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), all);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (open_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
open_trace_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PwWindow *self = PW_WINDOW (widget);
  GtkFileChooserNative *native;

  if (self->doc == NULL)
    return;
  native = gtk_file_chooser_native_new (_("Run a Memory Trace"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Run"), _("_Cancel"));
  g_object_set_data (G_OBJECT (native), "pw-trace", GINT_TO_POINTER (TRUE));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (open_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
open_example_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  pw_window_open (PW_WINDOW (widget), g_variant_get_string (parameter, NULL), NULL);
}

static void
cancel_load_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PwWindow *self = PW_WINDOW (widget);

  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
}

/* ---- stepping ------------------------------------------------------------- */

static void
step_forward_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PwWindow *self = PW_WINDOW (widget);
  guint next;

  if (self->doc == NULL)
    return;
  next = pw_history_position (self->doc->history) + 1;
  /* quiz mode: the question first, the step when it is answered */
  if (pw_window_quiz_ask (self, next))
    return;
  go_to (self, next, TRUE);
}

static void
step_back_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PwWindow *self = PW_WINDOW (widget);
  guint pos;

  if (self->doc == NULL)
    return;
  pos = pw_history_position (self->doc->history);
  if (pos > 0)
    go_to (self, pos - 1, FALSE);
}

static void
go_start_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PwWindow *self = PW_WINDOW (widget);

  if (self->doc != NULL)
    go_to (self, 0, FALSE);
}

static void
go_end_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PwWindow *self = PW_WINDOW (widget);

  if (self->doc != NULL)
    go_to (self, pw_history_n_steps (self->doc->history), FALSE);
}

static void
focus_diagram_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PwWindow *self = PW_WINDOW (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
}

static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  gtk_window_present (GTK_WINDOW (pw_preferences_window_new (GTK_WINDOW (widget))));
}

static void
view_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PwWindow *self = PW_WINDOW (widget);
  guint i = g_variant_get_uint32 (parameter);

  if (i < G_N_ELEMENTS (view_order))
    gtk_drop_down_set_selected (self->view_dropdown, i);
}

/* ---- template callbacks ------------------------------------------------------------------------ */

static void
view_selected_cb (GtkDropDown *dropdown,
                  GParamSpec  *pspec,
                  PwWindow    *self)
{
  guint i = gtk_drop_down_get_selected (dropdown);

  if (i < G_N_ELEMENTS (view_order))
    {
      pw_canvas_set_view (self->canvas, view_order[i]);
      pw_lab_panel_set_view (self->lab, view_order[i]);
      /* the lab needs the machine before the step shown */
      if (view_order[i] == PW_VIEW_LAB && self->doc != NULL)
        go_to (self, pw_history_position (self->doc->history), FALSE);
    }
}

static void
narration_changed_cb (PwCanvas   *canvas,
                      GParamSpec *pspec,
                      PwWindow   *self)
{
  update_narration (self);
  update_stats (self);
}

static void
example_activated_cb (GtkListBox    *list,
                      GtkListBoxRow *row,
                      PwWindow      *self)
{
  const char *name = g_object_get_data (G_OBJECT (row), "pw-example");

  gtk_popover_popdown (self->examples_popover);
  if (name != NULL)
    pw_window_open (self, name, NULL);
}

static void
fill_examples (PwWindow *self)
{
  PwExampleInfo **list = pw_examples_list ();

  for (guint i = 0; list && list[i]; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = g_markup_escape_text (list[i]->title ? list[i]->title : list[i]->name, -1);
      /* without the command-line suggestions ("Try: state --at 3...") */
      g_autofree char *plain = pw_description_for_app (list[i]->description);
      g_autofree char *desc = g_markup_escape_text (plain, -1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), desc);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_set_tooltip_text (row, plain);
      g_object_set_data_full (G_OBJECT (row), "pw-example", g_strdup (list[i]->name), g_free);
      gtk_list_box_append (self->examples_list, row);
    }
  pw_examples_free (list);
}

/* ---- GObject ---------------------------------------------------------------------------------- */

static void
pw_window_dispose (GObject *object)
{
  PwWindow *self = PW_WINDOW (object);

  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_handle_id (&self->progress_id, g_source_remove);
  g_clear_pointer (&self->lab, pw_lab_panel_free);
  if (self->canvas != NULL)
    pw_canvas_set_machine (self->canvas, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_WINDOW);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (pw_window_parent_class)->dispose (object);
}

static void
pw_window_finalize (GObject *object)
{
  PwWindow *self = PW_WINDOW (object);

  g_clear_pointer (&self->doc, pw_document_free);
  g_clear_pointer (&self->pids, g_array_unref);
  g_free (self->load_name);
  G_OBJECT_CLASS (pw_window_parent_class)->finalize (object);
}

static void
pw_window_class_init (PwWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pw_window_dispose;
  object_class->finalize = pw_window_finalize;

  g_type_ensure (PW_TYPE_CANVAS);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/pagewalk/Pagewalk/pw-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PwWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, examples_button);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, examples_popover);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, examples_list);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, view_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, progress_label);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, address_entry);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, pid_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, pid_model);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, narration_label);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, canvas);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, step_label);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, step_detail_label);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, stats_label);
  gtk_widget_class_bind_template_callback (widget_class, view_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, narration_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, example_activated_cb);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-trace", NULL, open_trace_action);
  gtk_widget_class_install_action (widget_class, "win.open-example", "s", open_example_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-load", NULL, cancel_load_action);
  pw_window_export_class_init (widget_class);   /* win.export */
  pw_window_course_class_init (widget_class);   /* win.export-animation, win.export-handout */
  pw_window_present_class_init (widget_class);  /* win.zoom-*, presentation mode */
  pw_window_inspector_class_init (widget_class);   /* the inspector, Ctrl+I */
  pw_lab_class_init (widget_class);   /* win.compare, win.compare-cancel, win.compare-export-csv */
  gtk_widget_class_install_action (widget_class, "win.step-forward", NULL, step_forward_action);
  gtk_widget_class_install_action (widget_class, "win.step-back", NULL, step_back_action);
  gtk_widget_class_install_action (widget_class, "win.go-start", NULL, go_start_action);
  gtk_widget_class_install_action (widget_class, "win.go-end", NULL, go_end_action);
  pw_window_translate_class_init (widget_class);   /* win.translate, win.focus-address */
  pw_window_timeline_class_init (widget_class);    /* win.play, win.find-*, win.go-to-step */
  pw_window_files_class_init (widget_class);   /* win.open-recent, win.close */
  pw_window_run_settings_class_init (widget_class);   /* win.run-settings, F7 */
  gtk_widget_class_install_action (widget_class, "win.focus-diagram", NULL, focus_diagram_action);
  gtk_widget_class_install_action (widget_class, "win.view", "u", view_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK,
                                       "win.preferences", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (view_order); i++)
    gtk_widget_class_add_binding_action (widget_class, i < 9 ? GDK_KEY_1 + i : GDK_KEY_0, GDK_ALT_MASK,
                                         "win.view", "u", i);
}

/* Right, Left, Home and End step through the script.  GtkWindow's own class
 * bindings move the focus with the arrow keys and come before a subclass's
 * class bindings, so these live in a controller of their own, added after
 * them (it runs first) in the bubble phase (a focused entry keeps its
 * arrow keys). */
static void
add_step_shortcuts (PwWindow *self)
{
  static const struct
  {
    guint       key;
    const char *action;
  } keys[] = {
    { GDK_KEY_Right, "win.step-forward" },
    { GDK_KEY_KP_Right, "win.step-forward" },
    { GDK_KEY_Left, "win.step-back" },
    { GDK_KEY_KP_Left, "win.step-back" },
    { GDK_KEY_Home, "win.go-start" },
    { GDK_KEY_KP_Home, "win.go-start" },
    { GDK_KEY_End, "win.go-end" },
    { GDK_KEY_KP_End, "win.go-end" },
    { GDK_KEY_Escape, "win.focus-diagram" },
  };
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_BUBBLE);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (keys[i].key, 0),
                                                            gtk_named_action_new (keys[i].action)));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

/* The action bar writes addresses as the diagrams do, in the base of the
 * preferences (pw_format_address() in this thread). */
static void
number_base_changed_cb (PwWindow *self)
{
  pw_number_set_base (g_settings_get_enum (self->settings, "number-base") == PW_BASE_DECIMAL
                       ? PW_BASE_DECIMAL : PW_BASE_HEX);
  update_state (self);
}

static void
pw_window_init (PwWindow *self)
{
  g_autoptr(GAction) speed = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  pw_window_quiz_init (self);   /* the quiz bar above the action bar, quiz.enabled */
  self->lab = pw_lab_panel_new (self, GTK_WIDGET (self->progress_revealer));
  self->pids = g_array_new (FALSE, FALSE, sizeof (guint));

  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "animation-speed", self->canvas, "speed", G_SETTINGS_BIND_GET);
  /* the preferences (pw-preferences.c) */
  g_settings_bind_with_mapping (self->settings, "number-base", self->canvas, "number-base",
                                G_SETTINGS_BIND_GET, pw_preferences_enum_get, NULL,
                                (gpointer) pw_preferences_base_nicks, NULL);
  g_settings_bind (self->settings, "show-bits", self->canvas, "show-bits", G_SETTINGS_BIND_GET);
  g_signal_connect_object (self->settings, "changed::number-base",
                           G_CALLBACK (number_base_changed_cb), self, G_CONNECT_SWAPPED);
  number_base_changed_cb (self);
  speed = g_settings_create_action (self->settings, "animation-speed");
  g_action_map_add_action (G_ACTION_MAP (self), speed);

  add_step_shortcuts (self);
  pw_window_timeline_init (self);   /* win.show-events, Space, Shift/Alt+arrows */
  /* the counters go on to the machine after the step when it has unfolded */
  g_signal_connect_object (self->canvas, "notify::animating", G_CALLBACK (narration_changed_cb),
                           self, 0);
  pw_window_present_init (self);   /* after the step keys: Escape leaves first */
  pw_window_inspector_init (self);
  pw_window_files_init (self);   /* drag and drop, Open Recent, maximized */
  pw_window_run_settings_init (self);   /* the run settings in the timeline's bar */
  pw_window_a11y_init (self);    /* accessible names of the mnemonic buttons */
  fill_examples (self);
  gtk_stack_set_visible_child_name (self->stack, "empty");
  update_state (self);
}

/* ---- public --------------------------------------------------------------------------------------- */

PwWindow *
pw_window_new (PwApplication *application)
{
  return g_object_new (PW_TYPE_WINDOW, "application", application, NULL);
}

gboolean
pw_window_get_busy (PwWindow *self)
{
  g_return_val_if_fail (PW_IS_WINDOW (self), FALSE);

  return self->load_cancellable != NULL;
}

PwCanvas *
pw_window_get_canvas (PwWindow *self)
{
  g_return_val_if_fail (PW_IS_WINDOW (self), NULL);

  return self->canvas;
}

guint
pw_window_get_position (PwWindow *self)
{
  g_return_val_if_fail (PW_IS_WINDOW (self), 0);

  return self->doc ? pw_history_position (self->doc->history) : 0;
}

guint
pw_window_get_n_steps (PwWindow *self)
{
  g_return_val_if_fail (PW_IS_WINDOW (self), 0);

  return self->doc ? pw_history_n_steps (self->doc->history) : 0;
}

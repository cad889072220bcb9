/* pw-timeline.c: the bar that scrubs through a run (pw-timeline.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pagewalk"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "pw-timeline.h"

/* A summary shorter than this shows no progress bar. */
#define PROGRESS_DELAY_MS 200

/* The speeds of speed_dropdown's items, steps a second. */
static const guint speeds[] = { 1, 2, 10, 100, 1000, 10000 };
/* At most this many ticks a second; faster speeds step several positions a tick. */
#define MAX_TICKS 25

struct _PwTimeline
{
  GtkBox          parent_instance;

  /* template */
  GtkButton      *play_button;
  GtkDropDown    *speed_dropdown;
  GtkButton      *previous_button;
  GtkDropDown    *find_dropdown;
  GtkButton      *next_button;
  GtkDrawingArea *plot;
  GtkScale       *scale;
  GtkAdjustment  *adjustment;
  GtkSpinButton  *spin;
  GtkAdjustment  *spin_adjustment;
  GtkRevealer    *progress_revealer;
  GtkLabel       *progress_label;
  GtkProgressBar *progress_bar;
  GtkButton      *progress_button;

  PwDocument     *doc;          /* a reference */
  PwSummary      *summary;
  GCancellable   *cancellable;  /* the summary being made */
  gint            progress;     /* thousandths, written by the worker */
  guint           progress_id;
  guint           position;
  gboolean        updating;     /* the scrubber follows the window: no "seek" */

  /* the plot: faults per column, for plot_width columns */
  guint          *plot_minor;
  guint          *plot_major;
  int             plot_width;

  guint           play_id;
};

G_DEFINE_FINAL_TYPE (PwTimeline, pw_timeline, GTK_TYPE_BOX)

enum
{
  SIGNAL_SEEK,
  SIGNAL_SUMMARY_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
emit_seek (PwTimeline *self,
           guint       position,
           gboolean    animate)
{
  g_signal_emit (self, signals[SIGNAL_SEEK], 0, position, animate);
}

/* ---- the plot ------------------------------------------------------------- */

static void
clear_plot (PwTimeline *self)
{
  g_clear_pointer (&self->plot_minor, g_free);
  g_clear_pointer (&self->plot_major, g_free);
  self->plot_width = 0;
}

/* What the plot counts for each kind the arrows find: the steps with one
 * (pale), and among them those with the graver one (dark). */
static void
plot_masks (PwFindKind  kind,
            guint8     *all,
            guint8     *grave)
{
  switch (kind)
    {
    case PW_FIND_EVICTION:
      *all = PW_SUMMARY_EVICTION;
      *grave = PW_SUMMARY_WRITEBACK;
      break;
    case PW_FIND_TLB_MISS:
      *all = PW_SUMMARY_TLB_MISS;
      *grave = 0;
      break;
    case PW_FIND_FAULT:
    default:
      *all = PW_SUMMARY_FAULT;
      *grave = PW_SUMMARY_MAJOR | PW_SUMMARY_OTHER_FAULT;
      break;
    }
}

/* Per pixel column of @width, the steps that made an event of the kind the
 * arrows find, at the scrubber's place for the step (a position p is step
 * p + 1): the pale count and the grave one (plot_masks()). */
static void
fill_plot (PwTimeline *self,
           int         width)
{
  guint n = pw_summary_n_positions (self->summary);
  guint8 all, grave;

  plot_masks (pw_timeline_get_find_kind (self), &all, &grave);
  clear_plot (self);
  self->plot_width = width;
  self->plot_minor = g_new0 (guint, width);
  self->plot_major = g_new0 (guint, width);
  for (guint p = 0; p < n; p++)
    {
      guint8 f = pw_summary_flags (self->summary, p);
      guint x;

      if (!(f & all))
        continue;
      x = (guint) ((guint64) (p + 1) * (width - 1) / n);
      if (f & grave)
        self->plot_major[x]++;
      else
        self->plot_minor[x]++;
    }
}

static void
draw_plot (GtkDrawingArea *area,
           cairo_t        *cr,
           int             width,
           int             height,
           gpointer        data)
{
  PwTimeline *self = data;
  GtkStyleContext *style = gtk_widget_get_style_context (GTK_WIDGET (area));
  GdkRGBA fg, accent;
  guint n, peak = 0;
  double bw;

  gtk_style_context_get_color (style, &fg);
  if (!gtk_style_context_lookup_color (style, "accent_color", &accent))
    accent = fg;

  /* the trough */
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.06);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);

  if (self->doc == NULL || width <= 0)
    return;
  n = pw_history_n_steps (self->doc->history);
  if (self->summary != NULL && n > 0)
    {
      if (self->plot_width != width)
        fill_plot (self, width);
      /* a step is as wide as the scrubber gives it, at least a pixel */
      bw = MAX (1.0, MIN (12.0, (double) width / n - 2));

      for (int x = 0; x < width; x++)
        peak = MAX (peak, self->plot_minor[x] + self->plot_major[x]);
      for (int x = 0; peak > 0 && x < width; x++)
        {
          guint all = self->plot_minor[x] + self->plot_major[x];
          /* a square root, so that one fault among many still shows */
          double h = MAX (3.0, sqrt ((double) all / peak) * height);
          double hm = all > 0 ? MAX (3.0, h * self->plot_major[x] / all) : 0;
          double x0 = x + 0.5 - bw / 2;

          if (all == 0)
            continue;
          cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.4);
          cairo_rectangle (cr, x0, height - h, bw, h);
          cairo_fill (cr);
          if (self->plot_major[x] > 0)
            {
              cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.9);
              cairo_rectangle (cr, x0, height - hm, bw, hm);
              cairo_fill (cr);
            }
        }
    }
  /* the step shown */
  if (n > 0)
    {
      double x = floor ((double) self->position * (width - 1) / n);
      cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, 1);
      cairo_rectangle (cr, x - 0.5, 0, 2, height);
      cairo_fill (cr);
    }
}

/* ---- the summary ------------------------------------------------------------- */

static void update_sensitivity (PwTimeline *self);

static void
stop_progress (PwTimeline *self)
{
  g_clear_handle_id (&self->progress_id, g_source_remove);
}

static gboolean
progress_cb (gpointer data)
{
  PwTimeline *self = data;
  int permille = g_atomic_int_get (&self->progress);

  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  gtk_progress_bar_set_fraction (self->progress_bar, permille / 1000.0);
  return G_SOURCE_CONTINUE;
}


/* The progress bar's button: its label with a mnemonic, its accessible name
 * the text shown (GTK 4.8 would read the underscore). */
static void
set_progress_button (PwTimeline *self,
                     const char *label)
{
  g_autoptr(GString) shown = g_string_new (NULL);

  for (const char *p = label; *p != '\0'; p++)
    if (*p != '_')
      g_string_append_c (shown, *p);
  gtk_button_set_label (self->progress_button, label);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (self->progress_button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  shown->str, -1);
}

static void
summary_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      data)
{
  g_autoptr(PwTimeline) self = data;
  g_autoptr(GError) error = NULL;
  PwSummary *summary = pw_summary_compute_finish (result, &error);

  /* superseded by another document, or the widget is gone */
  if (g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    {
      pw_summary_free (summary);
      return;
    }
  g_clear_object (&self->cancellable);
  stop_progress (self);
  if (summary != NULL)
    {
      self->summary = summary;
      gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
    }
  else
    {
      gtk_label_set_text (self->progress_label,
                          g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                          ? _("Without the run's summary, the arrows and the event list wait.")
                          : error->message);
      set_progress_button (self, _("_Summarise"));
      gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
    }
  clear_plot (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->plot));
  update_sensitivity (self);
  g_signal_emit (self, signals[SIGNAL_SUMMARY_CHANGED], 0);
}

static void
cancel_summary (PwTimeline *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  stop_progress (self);
}

void
pw_timeline_summarise (PwTimeline *self)
{
  g_return_if_fail (PW_IS_TIMELINE (self));

  cancel_summary (self);
  if (self->summary != NULL)
    {
      /* the list lets go of it first */
      PwSummary *old = g_steal_pointer (&self->summary);
      g_signal_emit (self, signals[SIGNAL_SUMMARY_CHANGED], 0);
      pw_summary_free (old);
    }
  clear_plot (self);
  if (self->doc == NULL)
    return;
  self->cancellable = g_cancellable_new ();
  gtk_label_set_text (self->progress_label, _("Finding every fault, eviction and TLB miss of the run…"));
  set_progress_button (self, _("_Cancel"));
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  self->progress_id = g_timeout_add (PROGRESS_DELAY_MS, progress_cb, self);
  pw_summary_compute_async (self->doc, &self->progress, self->cancellable, summary_done_cb,
                            g_object_ref (self));
  update_sensitivity (self);
  g_signal_emit (self, signals[SIGNAL_SUMMARY_CHANGED], 0);
}

static void
progress_clicked_cb (GtkButton  *button,
                     PwTimeline *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  else
    pw_timeline_summarise (self);
}

/* ---- stepping ------------------------------------------------------------------ */

static guint
n_positions (PwTimeline *self)
{
  return self->doc ? pw_history_n_steps (self->doc->history) : 0;
}

static void
update_sensitivity (PwTimeline *self)
{
  gboolean have = self->doc != NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->scale), have);
  gtk_widget_set_sensitive (GTK_WIDGET (self->spin), have);
}

static void
scale_changed_cb (GtkAdjustment *adjustment,
                  PwTimeline    *self)
{
  guint pos = (guint) CLAMP (gtk_adjustment_get_value (adjustment) + 0.5, 0, n_positions (self));

  if (!self->updating && pos != self->position)
    emit_seek (self, pos, FALSE);
}

static void
spin_changed_cb (GtkSpinButton *spin,
                 PwTimeline    *self)
{
  guint pos = (guint) CLAMP (gtk_spin_button_get_value (spin), 0, n_positions (self));

  if (!self->updating && pos != self->position)
    emit_seek (self, pos, FALSE);
}

void
pw_timeline_set_position (PwTimeline *self,
                          guint       position)
{
  g_return_if_fail (PW_IS_TIMELINE (self));

  self->position = position;
  self->updating = TRUE;
  gtk_adjustment_set_value (self->adjustment, position);
  gtk_adjustment_set_value (self->spin_adjustment, position);
  self->updating = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self->plot));
  if (position >= n_positions (self))
    pw_timeline_set_playing (self, FALSE);
}

guint
pw_timeline_get_position (PwTimeline *self)
{
  g_return_val_if_fail (PW_IS_TIMELINE (self), 0);

  return self->position;
}

void
pw_timeline_set_document (PwTimeline *self,
                          PwDocument *doc)
{
  guint n;

  g_return_if_fail (PW_IS_TIMELINE (self));

  pw_timeline_set_playing (self, FALSE);
  cancel_summary (self);
  g_clear_pointer (&self->doc, pw_document_free);
  self->doc = doc ? pw_document_ref (doc) : NULL;
  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
  n = n_positions (self);
  self->updating = TRUE;
  gtk_adjustment_configure (self->adjustment, 0, 0, n, 1, MAX (1, n / 20), 0);
  gtk_adjustment_configure (self->spin_adjustment, 0, 0, n, 1, MAX (1, n / 20), 0);
  self->updating = FALSE;
  self->position = 0;
  pw_timeline_summarise (self);
  update_sensitivity (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->plot));
}

PwSummary *
pw_timeline_get_summary (PwTimeline *self)
{
  g_return_val_if_fail (PW_IS_TIMELINE (self), NULL);

  return self->summary;
}

gboolean
pw_timeline_get_busy (PwTimeline *self)
{
  g_return_val_if_fail (PW_IS_TIMELINE (self), FALSE);

  return self->cancellable != NULL;
}

static guint8
find_mask (PwFindKind kind)
{
  switch (kind)
    {
    case PW_FIND_EVICTION:
      return PW_SUMMARY_EVICTION;
    case PW_FIND_TLB_MISS:
      return PW_SUMMARY_TLB_MISS;
    case PW_FIND_FAULT:
    default:
      return PW_SUMMARY_FAULT;
    }
}

guint
pw_timeline_find (PwTimeline *self,
                  PwFindKind  kind,
                  gboolean    forward)
{
  guint p;

  g_return_val_if_fail (PW_IS_TIMELINE (self), G_MAXUINT);

  if (self->summary == NULL)
    return G_MAXUINT;
  /* the position shown is the state after the step at self->position - 1 */
  if (forward)
    p = pw_summary_find (self->summary, self->position, find_mask (kind), TRUE);
  else if (self->position > 1)
    p = pw_summary_find (self->summary, self->position - 1, find_mask (kind), FALSE);
  else
    p = G_MAXUINT;
  return p == G_MAXUINT ? G_MAXUINT : p + 1;
}

PwFindKind
pw_timeline_get_find_kind (PwTimeline *self)
{
  g_return_val_if_fail (PW_IS_TIMELINE (self), PW_FIND_FAULT);

  return (PwFindKind) gtk_drop_down_get_selected (self->find_dropdown);
}

void
pw_timeline_set_find_kind (PwTimeline *self,
                           PwFindKind  kind)
{
  g_return_if_fail (PW_IS_TIMELINE (self));

  gtk_drop_down_set_selected (self->find_dropdown, kind);
}

static void
find_selected_cb (GtkDropDown *dropdown,
                  GParamSpec  *pspec,
                  PwTimeline  *self)
{
  static const char *kinds[] = { "fault", "eviction", "tlb-miss" };
  guint k = MIN (gtk_drop_down_get_selected (dropdown), G_N_ELEMENTS (kinds) - 1);
  const char *previous[] = {
    _("Previous Page Fault (Shift+Left)"),
    _("Previous Eviction (Alt+Left)"),
    _("Previous TLB Miss (Ctrl+Shift+Left)"),
  };
  const char *next[] = {
    _("Next Page Fault (Shift+Right)"),
    _("Next Eviction (Alt+Right)"),
    _("Next TLB Miss (Ctrl+Shift+Right)"),
  };
  const char *previous_name[] = { _("Previous page fault"), _("Previous eviction"), _("Previous TLB miss") };
  const char *next_name[] = { _("Next page fault"), _("Next eviction"), _("Next TLB miss") };
  const char *plot_tip[] = {
    _("Page faults over the run: minor faults pale, major faults dark; the line is the step shown"),
    _("Evictions over the run: dropped pages pale, write-backs dark; the line is the step shown"),
    _("TLB misses over the run; the line is the step shown"),
  };
  const char *plot_name[] = { _("Page faults over time"), _("Evictions over time"), _("TLB misses over time") };

  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->previous_button), "s", kinds[k]);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->next_button), "s", kinds[k]);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->previous_button), previous[k]);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->next_button), next[k]);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->previous_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, previous_name[k], -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->next_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, next_name[k], -1);
  /* the plot shows the same kind */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->plot), plot_tip[k]);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->plot), GTK_ACCESSIBLE_PROPERTY_LABEL, plot_name[k], -1);
  clear_plot (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->plot));
}

/* ---- playing ------------------------------------------------------------------- */

guint
pw_timeline_get_speed (PwTimeline *self)
{
  g_return_val_if_fail (PW_IS_TIMELINE (self), 1);

  return speeds[MIN (gtk_drop_down_get_selected (self->speed_dropdown), G_N_ELEMENTS (speeds) - 1)];
}

static gboolean
play_tick_cb (gpointer data)
{
  PwTimeline *self = data;
  guint speed = pw_timeline_get_speed (self);
  guint n = n_positions (self);
  guint by = MAX (1, speed / MAX_TICKS);

  if (self->position >= n)
    {
      pw_timeline_set_playing (self, FALSE);
      return G_SOURCE_REMOVE;
    }
  /* slow enough to watch each step unfold */
  emit_seek (self, MIN (n, self->position + by), speed <= 2);
  return G_SOURCE_CONTINUE;
}

static void
speed_changed_cb (GtkDropDown *dropdown,
                  GParamSpec  *pspec,
                  PwTimeline  *self)
{
  if (self->play_id != 0)
    {
      /* restart the ticks at the new pace */
      pw_timeline_set_playing (self, FALSE);
      pw_timeline_set_playing (self, TRUE);
    }
}

void
pw_timeline_set_playing (PwTimeline *self,
                         gboolean    playing)
{
  g_return_if_fail (PW_IS_TIMELINE (self));

  if (playing == (self->play_id != 0))
    return;
  if (playing)
    {
      guint speed = pw_timeline_get_speed (self);

      if (self->doc == NULL || n_positions (self) == 0)
        return;
      if (self->position >= n_positions (self))
        emit_seek (self, 0, FALSE);
      self->play_id = g_timeout_add (1000 / MIN (speed, MAX_TICKS), play_tick_cb, self);
    }
  else
    g_clear_handle_id (&self->play_id, g_source_remove);
  gtk_button_set_icon_name (self->play_button,
                            playing ? "media-playback-pause-symbolic" : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->play_button), playing ? _("Pause (Space)") : _("Play (Space)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->play_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  playing ? _("Pause") : _("Play"), -1);
}

gboolean
pw_timeline_get_playing (PwTimeline *self)
{
  g_return_val_if_fail (PW_IS_TIMELINE (self), FALSE);

  return self->play_id != 0;
}

void
pw_timeline_focus_step (PwTimeline *self)
{
  g_return_if_fail (PW_IS_TIMELINE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->spin));
}

/* ---- GObject ------------------------------------------------------------------- */

void
pw_timeline_add_control (PwTimeline *self,
                         GtkWidget  *widget)
{
  g_return_if_fail (PW_IS_TIMELINE (self));

  gtk_widget_set_valign (widget, GTK_ALIGN_CENTER);
  gtk_widget_insert_before (widget, gtk_widget_get_parent (GTK_WIDGET (self->spin)), GTK_WIDGET (self->spin));
}

static void
pw_timeline_dispose (GObject *object)
{
  PwTimeline *self = PW_TIMELINE (object);

  g_clear_handle_id (&self->play_id, g_source_remove);
  cancel_summary (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_TIMELINE);
  G_OBJECT_CLASS (pw_timeline_parent_class)->dispose (object);
}

static void
pw_timeline_finalize (GObject *object)
{
  PwTimeline *self = PW_TIMELINE (object);

  g_clear_pointer (&self->summary, pw_summary_free);
  g_clear_pointer (&self->doc, pw_document_free);
  clear_plot (self);
  G_OBJECT_CLASS (pw_timeline_parent_class)->finalize (object);
}

static void
pw_timeline_class_init (PwTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pw_timeline_dispose;
  object_class->finalize = pw_timeline_finalize;

  /* ::seek (position, animate): the user asks for a position */
  signals[SIGNAL_SEEK] = g_signal_new ("seek", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                       G_TYPE_UINT, G_TYPE_BOOLEAN);
  /* ::summary-changed: the summary was made, dropped or cancelled */
  signals[SIGNAL_SUMMARY_CHANGED] = g_signal_new ("summary-changed", G_TYPE_FROM_CLASS (klass),
                                                  G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/pagewalk/Pagewalk/pw-timeline.ui");
  gtk_widget_class_bind_template_child (widget_class, PwTimeline, play_button);
  gtk_widget_class_bind_template_child (widget_class, PwTimeline, speed_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PwTimeline, previous_button);
  gtk_widget_class_bind_template_child (widget_class, PwTimeline, find_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PwTimeline, next_button);
  gtk_widget_class_bind_template_child (widget_class, PwTimeline, plot);
  gtk_widget_class_bind_template_child (widget_class, PwTimeline, scale);
  gtk_widget_class_bind_template_child (widget_class, PwTimeline, adjustment);
  gtk_widget_class_bind_template_child (widget_class, PwTimeline, spin);
  gtk_widget_class_bind_template_child (widget_class, PwTimeline, spin_adjustment);
  gtk_widget_class_bind_template_child (widget_class, PwTimeline, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, PwTimeline, progress_label);
  gtk_widget_class_bind_template_child (widget_class, PwTimeline, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, PwTimeline, progress_button);
  gtk_widget_class_bind_template_callback (widget_class, find_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, progress_clicked_cb);
}

static void
pw_timeline_init (PwTimeline *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drawing_area_set_draw_func (self->plot, draw_plot, self, NULL);
  g_signal_connect (self->adjustment, "value-changed", G_CALLBACK (scale_changed_cb), self);
  g_signal_connect (self->spin, "value-changed", G_CALLBACK (spin_changed_cb), self);
  g_signal_connect (self->speed_dropdown, "notify::selected", G_CALLBACK (speed_changed_cb), self);
  find_selected_cb (self->find_dropdown, NULL, self);
  update_sensitivity (self);
}

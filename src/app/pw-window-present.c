/* pw-window-present.c: the zoom actions and presentation mode
 *
 * win.zoom-in, win.zoom-out and win.zoom-reset (Ctrl+plus, Ctrl+minus,
 * Ctrl+0) drive the canvas's zoom, shown on a button of the action bar.
 * win.presentation (F5; Escape leaves) makes the window fullscreen, hides the
 * header bar, the translate bar and the action bar, zooms the diagram so that
 * it reads from the back of a lecture hall and shows the step counter in a
 * strip below it (pw-window.ui: a box under the scrolled diagram, so the
 * counter never covers the drawing); the arrow keys still step through the
 * script.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pagewalk"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>
#include <math.h>

#include "pw-canvas.h"
#include "pw-window-private.h"

/* The zoom of presentation mode: the body text of the diagrams at about a
 * thirty-fifth of the screen's height (fields and numbers, larger, readable
 * from where a slide's quarter is), as long as the view, laid out at its
 * narrowest, fits the screen's width: never wider, so nothing of the view
 * is off-screen (the overview at 1280 pixels stays at 100 %); and a figure
 * with a least width (the walk) that fits the screen's height at 100 % is
 * kept within it. */
static double
presentation_zoom (PwWindow *self)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (self));
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
  GdkSurface *surface = native ? gtk_native_get_surface (native) : NULL;
  GdkMonitor *monitor = surface ? gdk_display_get_monitor_at_surface (display, surface) : NULL;
  GdkRectangle area = { 0, 0, 1024, 768 };
  double zoom, fit;

  if (monitor != NULL)
    gdk_monitor_get_geometry (monitor, &area);
  zoom = CLAMP (round (area.height / 450.0 * 4) / 4, 1.5, PW_CANVAS_ZOOM_MAX);
  /* no wider than the screen: the overview and the walk are wide */
  fit = floor (area.width / pw_canvas_get_min_layout_width (self->canvas) * 4) / 4;
  zoom = MAX (MIN (zoom, fit), 1.0);
  /* a view the screen shows whole at 100 % (the walk) is shown whole: no
   * taller than the screen either, so its last line (the physical
   * address's fields) is not below the edge at 1920 x 1080 */
  {
    /* the screen less the counter's strip below the diagram */
    int strip = 0;
    double avail;

    if (gtk_widget_get_visible (GTK_WIDGET (self->present_step_label)))
      gtk_widget_measure (GTK_WIDGET (self->present_step_label), GTK_ORIENTATION_VERTICAL, -1,
                          NULL, &strip, NULL, NULL);
    avail = area.height - strip;
    /* the figures laid out at a least width (the walk, the lab...); views
     * laid out at any width (physical memory) keep the screen's zoom */
    if (pw_render_min_width (pw_canvas_get_view (self->canvas)) > 0
        && pw_canvas_measure_height (self->canvas, area.width, 1.0) <= avail)
      while (zoom > 1.0 && pw_canvas_measure_height (self->canvas, area.width, zoom) > avail)
        zoom -= 0.25;
  }
  return MAX (zoom, 1.0);
}

double
pw_window_initial_zoom (PwWindow *self)
{
  return self->presenting ? presentation_zoom (self) : 1.0;
}

/* The step counter over the diagram, with the run settings after it when
 * they are not the scenario's own (the audience sees what runs). */
void
pw_window_present_update_step (PwWindow *self)
{
  const char *step = gtk_label_get_text (self->step_label);
  const PwRunConfig *cfg = self->doc != NULL ? &self->doc->config : NULL;

  if (cfg != NULL && *step != '\0' && (cfg->set_policy || cfg->data_frames > 0 || cfg->set_tlb))
    {
      g_autofree char *settings = pw_window_run_settings_text (self->doc->run);
      g_autofree char *text = g_strjoin (" · ", step, settings, NULL);

      gtk_label_set_text (self->present_step_label, text);
    }
  else
    gtk_label_set_text (self->present_step_label, step);
}

static void
set_presentation (PwWindow *self,
                  gboolean  presenting)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "presentation");

  if (self->presenting == presenting)
    return;
  self->presenting = presenting;
  pw_window_update_inspector (self);
  g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_boolean (presenting));

  gtk_widget_set_visible (self->header_bar, !presenting);
  gtk_widget_set_visible (self->translate_bar, !presenting);
  gtk_widget_set_visible (self->action_bar, !presenting);
  pw_window_timeline_set_presenting (self, presenting);
  gtk_widget_set_visible (GTK_WIDGET (self->present_step_label), presenting);
  if (presenting)
    {
      self->was_fullscreen = gtk_window_is_fullscreen (GTK_WINDOW (self));
      self->saved_zoom = pw_canvas_get_zoom (self->canvas);
      gtk_window_fullscreen (GTK_WINDOW (self));
      pw_canvas_zoom_top_left (self->canvas, presentation_zoom (self));
      /* the arrows step: the address entry, hidden, lets them go */
      gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
    }
  else
    {
      if (!self->was_fullscreen)
        gtk_window_unfullscreen (GTK_WINDOW (self));
      pw_canvas_zoom_top_left (self->canvas, self->saved_zoom);
    }
}

static void
presentation_change_state_cb (GSimpleAction *action,
                              GVariant      *state,
                              PwWindow      *self)
{
  set_presentation (self, g_variant_get_boolean (state));
}

/* Escape leaves presentation mode before it does anything else. */
static gboolean
escape_cb (GtkWidget *widget,
           GVariant  *args,
           gpointer   user_data)
{
  PwWindow *self = PW_WINDOW (widget);

  if (!self->presenting)
    return FALSE;
  set_presentation (self, FALSE);
  return TRUE;
}

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  pw_canvas_zoom_in (PW_WINDOW (widget)->canvas);
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  pw_canvas_zoom_out (PW_WINDOW (widget)->canvas);
}

static void
zoom_reset_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PwWindow *self = PW_WINDOW (widget);

  pw_canvas_set_zoom (self->canvas, pw_window_initial_zoom (self));
}

static void
zoom_changed_cb (PwCanvas   *canvas,
                 GParamSpec *pspec,
                 PwWindow   *self)
{
  double zoom = pw_canvas_get_zoom (canvas);
  /* Translators: the zoom level of the diagram, e.g. “150 %” */
  g_autofree char *text = g_strdup_printf (_("%d %%"), (int) round (zoom * 100));

  gtk_button_set_label (self->zoom_button, text);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-in",
                                 zoom < PW_CANVAS_ZOOM_MAX - 0.01);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-out",
                                 zoom > PW_CANVAS_ZOOM_MIN + 0.01);
}

void
pw_window_present_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, PwWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, translate_bar);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, action_bar);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, present_step_label);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, zoom_button);

  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-reset", NULL, zoom_reset_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "win.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK, "win.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.presentation", NULL);
}

void
pw_window_present_init (PwWindow *self)
{
  g_autoptr(GSimpleAction) presentation = NULL;
  GtkEventController *controller;

  presentation = g_simple_action_new_stateful ("presentation", NULL, g_variant_new_boolean (FALSE));
  g_signal_connect_object (presentation, "change-state",
                           G_CALLBACK (presentation_change_state_cb), self, 0);
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (presentation));

  /* added after the step keys' controller, so it runs first */
  controller = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_BUBBLE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_callback_action_new (escape_cb, NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  g_signal_connect_object (self->step_label, "notify::label",
                           G_CALLBACK (pw_window_present_update_step), self, G_CONNECT_SWAPPED);
  pw_window_present_update_step (self);
  g_signal_connect_object (self->canvas, "notify::zoom", G_CALLBACK (zoom_changed_cb), self, 0);
  zoom_changed_cb (self->canvas, NULL, self);
}

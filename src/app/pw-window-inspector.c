/* pw-window-inspector.c: the inspector beside the diagram
 *
 * The inspector (pw-inspector.c) is the flap of an AdwFlap whose content is
 * the diagram, at the end of the window.  It is shown while the
 * "inspector-visible" key is set (win.inspector-visible: the header bar's
 * toggle button, Ctrl+I) and the window is not presenting.  The flap folds
 * when the window is narrower than the diagram's natural width and the
 * inspector's together (fold-threshold-policy natural), so it never
 * squeezes the diagram below the width its view is designed for
 * (pw_render_min_width: 1200 for the overview): it then lies over the
 * diagram's right edge, and only while something is selected, so a
 * 1280-pixel screen shows the whole diagram until a click asks what
 * something is (Escape clears the selection and uncovers the diagram).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pagewalk"

#include "config.h"

#include "pw-inspector.h"
#include "pw-window-private.h"

void
pw_window_update_inspector (PwWindow *self)
{
  gboolean show;

  if (self->inspector_flap == NULL)
    return;
  show = g_settings_get_boolean (self->settings, "inspector-visible") && !self->presenting;
  /* folded, it lies over the diagram: only while there is something to say */
  if (adw_flap_get_folded (self->inspector_flap))
    show = show && pw_canvas_get_selection (self->canvas) != NULL;
  if (adw_flap_get_reveal_flap (self->inspector_flap) != show)
    adw_flap_set_reveal_flap (self->inspector_flap, show);
}

void
pw_window_inspector_class_init (GtkWidgetClass *widget_class)
{
  g_type_ensure (PW_TYPE_INSPECTOR);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, inspector_flap);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, inspector);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK,
                                       "win.inspector-visible", NULL);
}

void
pw_window_inspector_init (PwWindow *self)
{
  g_autoptr(GAction) visible = g_settings_create_action (self->settings, "inspector-visible");

  g_action_map_add_action (G_ACTION_MAP (self), visible);
  pw_inspector_set_canvas (self->inspector, self->canvas);
  g_signal_connect_object (self->settings, "changed::inspector-visible",
                           G_CALLBACK (pw_window_update_inspector), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->inspector_flap, "notify::folded",
                           G_CALLBACK (pw_window_update_inspector), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->canvas, "selection-changed",
                           G_CALLBACK (pw_window_update_inspector), self, G_CONNECT_SWAPPED);
  pw_window_update_inspector (self);
}

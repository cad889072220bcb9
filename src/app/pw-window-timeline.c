/* pw-window-timeline.c: the window's timeline and event list
 *
 * The timeline bar (pw-timeline.c) under the diagram and the event list
 * with the statistics (pw-event-list.c) in a pane beside it (F9), and the
 * actions that drive them: win.play (Space), win.find-next and
 * win.find-previous ("fault": Shift+arrows, "eviction": Alt+arrows,
 * "tlb-miss": Ctrl+Shift+arrows), win.show-events (F9) and win.go-to-step
 * (Ctrl+G).  Both widgets ask for a position with "seek"; the window goes
 * there through history (pw_window_go_to()) and tells them where it is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pagewalk"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-window-private.h"

static gboolean
parse_kind (GVariant   *parameter,
            PwFindKind *kind)
{
  const char *s = parameter ? g_variant_get_string (parameter, NULL) : "fault";

  if (g_str_equal (s, "fault"))
    *kind = PW_FIND_FAULT;
  else if (g_str_equal (s, "eviction"))
    *kind = PW_FIND_EVICTION;
  else if (g_str_equal (s, "tlb-miss"))
    *kind = PW_FIND_TLB_MISS;
  else
    return FALSE;
  return TRUE;
}

static void
find (PwWindow *self,
      GVariant *parameter,
      gboolean  forward)
{
  PwFindKind kind;
  guint to;

  if (self->doc == NULL || !parse_kind (parameter, &kind))
    return;
  /* the bar's arrows and plot follow the kind asked by a key */
  pw_timeline_set_find_kind (self->timeline, kind);
  if (pw_timeline_get_summary (self->timeline) == NULL)
    {
      pw_window_toast (self, _("The run is still being summarised"));
      return;
    }
  to = pw_timeline_find (self->timeline, kind, forward);
  if (to == G_MAXUINT)
    {
      static const char *none_after[] = { N_("No page fault after this step"),
                                          N_("No eviction after this step"),
                                          N_("No TLB miss after this step") };
      static const char *none_before[] = { N_("No page fault before this step"),
                                           N_("No eviction before this step"),
                                           N_("No TLB miss before this step") };
      pw_window_toast (self, _(forward ? none_after[kind] : none_before[kind]));
      return;
    }
  pw_window_go_to (self, to, FALSE);
}

static void
find_next_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  find (PW_WINDOW (widget), parameter, TRUE);
}

static void
find_previous_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  find (PW_WINDOW (widget), parameter, FALSE);
}

static void
play_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PwWindow *self = PW_WINDOW (widget);

  if (self->doc != NULL)
    pw_timeline_set_playing (self->timeline, !pw_timeline_get_playing (self->timeline));
}

static void
go_to_step_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PwWindow *self = PW_WINDOW (widget);

  pw_timeline_focus_step (self->timeline);
}

static void
timeline_seek_cb (PwTimeline *timeline,
                  guint       position,
                  gboolean    animate,
                  PwWindow   *self)
{
  /* playing slowly, each step's walk unfolds whole before the next */
  if (animate && pw_timeline_get_playing (timeline) && pw_canvas_get_animating (self->canvas))
    return;
  pw_window_go_to (self, position, animate);
}

static void
event_list_seek_cb (PwEventList *list,
                    guint        position,
                    PwWindow    *self)
{
  pw_window_go_to (self, position, FALSE);
}

static void
summary_changed_cb (PwTimeline *timeline,
                    PwWindow   *self)
{
  pw_event_list_set_summary (self->event_list, pw_timeline_get_summary (timeline),
                             self->doc ? self->doc->scenario->arch : NULL);
  pw_window_timeline_update (self);
}

/* The width the event list opens at the first time. */
#define EVENTS_WIDTH 500

static void
events_shown_cb (GtkWidget  *list,
                 GParamSpec *pspec,
                 PwWindow   *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self->events_paned));
  gboolean set = FALSE;

  if (!gtk_widget_get_visible (list))
    return;
  /* the first time, the list opens EVENTS_WIDTH wide; then as dragged */
  g_object_get (self->events_paned, "position-set", &set, NULL);
  if (!set && width > 2 * EVENTS_WIDTH)
    gtk_paned_set_position (self->events_paned, width - EVENTS_WIDTH);
  /* the list scrolls to the step shown once it is on screen */
  pw_window_timeline_update (self);
}

void
pw_window_timeline_set_presenting (PwWindow *self,
                                   gboolean  presenting)
{
  GtkWidget *list = GTK_WIDGET (self->event_list);

  gtk_widget_set_visible (GTK_WIDGET (self->timeline), !presenting);
  if (presenting)
    {
      self->events_before_presenting = gtk_widget_get_visible (list);
      gtk_widget_set_visible (list, FALSE);
    }
  else
    gtk_widget_set_visible (list, self->events_before_presenting);
}

void
pw_window_timeline_set_document (PwWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  pw_event_list_set_summary (self->event_list, NULL, NULL);
  pw_timeline_set_document (self->timeline, self->doc);
  /* Without a document the bar's drop-downs are the first controls that
   * take the focus when the window opens; the diagram takes it, as it does
   * when nothing has it, so that the arrows step and Space plays. */
  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->timeline)))
    gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
}

void
pw_window_timeline_update (PwWindow *self)
{
  PwMachine *m = pw_window_machine (self);
  gboolean summary = pw_timeline_get_summary (self->timeline) != NULL;
  guint pos = self->doc ? pw_history_position (self->doc->history) : 0;

  if (m != NULL)
    m = pw_render_shown_machine (m, pw_canvas_get_options (self->canvas));
  pw_event_list_set_stats (self->event_list, m ? pw_machine_stats (m) : NULL,
                           m != NULL && pw_machine_config (m)->tlb);
  pw_timeline_set_position (self->timeline, pos);
  if (gtk_widget_get_visible (GTK_WIDGET (self->event_list)))
    pw_event_list_set_position (self->event_list, pos);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.find-next", self->doc && summary);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.find-previous", self->doc && summary);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.play", self->doc != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.go-to-step", self->doc != NULL);
}

void
pw_window_timeline_class_init (GtkWidgetClass *widget_class)
{
  g_type_ensure (PW_TYPE_TIMELINE);
  g_type_ensure (PW_TYPE_EVENT_LIST);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, timeline);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, events_paned);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, event_list);
  gtk_widget_class_install_action (widget_class, "win.play", NULL, play_action);
  gtk_widget_class_install_action (widget_class, "win.find-next", "s", find_next_action);
  gtk_widget_class_install_action (widget_class, "win.find-previous", "s", find_previous_action);
  gtk_widget_class_install_action (widget_class, "win.go-to-step", NULL, go_to_step_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK, "win.go-to-step", NULL);
}

/* Space and the arrows with Shift or Alt, like the step keys
 * (pw-window.c): a controller in the bubble phase, so that a focused entry
 * or button keeps them. */
void
pw_window_timeline_init (PwWindow *self)
{
  static const struct
  {
    guint            key;
    GdkModifierType  mods;
    const char      *action;
    const char      *kind;
  } keys[] = {
    { GDK_KEY_Right, GDK_SHIFT_MASK, "win.find-next", "fault" },
    { GDK_KEY_Left, GDK_SHIFT_MASK, "win.find-previous", "fault" },
    { GDK_KEY_Right, GDK_ALT_MASK, "win.find-next", "eviction" },
    { GDK_KEY_Left, GDK_ALT_MASK, "win.find-previous", "eviction" },
    { GDK_KEY_Right, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.find-next", "tlb-miss" },
    { GDK_KEY_Left, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.find-previous", "tlb-miss" },
    { GDK_KEY_space, 0, "win.play", NULL },
    { GDK_KEY_F9, 0, "win.show-events", NULL },
  };
  GtkEventController *controller = gtk_shortcut_controller_new ();
  g_autoptr(GPropertyAction) show = g_property_action_new ("show-events", self->event_list, "visible");

  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (show));
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_BUBBLE);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      GtkShortcutAction *action = gtk_named_action_new (keys[i].action);
      GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (keys[i].key, keys[i].mods), action);

      if (keys[i].kind != NULL)
        gtk_shortcut_set_arguments (shortcut, g_variant_new_string (keys[i].kind));
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
    }
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  g_signal_connect_object (self->timeline, "seek", G_CALLBACK (timeline_seek_cb), self, 0);
  g_signal_connect_object (self->timeline, "summary-changed", G_CALLBACK (summary_changed_cb), self, 0);
  g_signal_connect_object (self->event_list, "seek", G_CALLBACK (event_list_seek_cb), self, 0);
  g_signal_connect_object (self->event_list, "notify::visible", G_CALLBACK (events_shown_cb), self, 0);
}

/* pw-window-translate.c: the translate bar: the address typed, the process
 * it is translated for, the kind of access and the processor mode, the error
 * shown in the entry
 *
 * The address is walked by the hardware alone on the machine shown (no TLB,
 * no fault handling); without a process chosen it is translated for
 * pw_machine_default_pid().  The pickers keep their choice while the window
 * lives (stepping, translating, loading another scenario); only a process
 * chosen that is gone falls back to the current one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pagewalk"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-number.h"
#include "pw-present.h"
#include "pw-window-private.h"

void
pw_window_update_pids (PwWindow *self)
{
  PwMachine *m = pw_window_machine (self);
  guint n = m ? pw_machine_n_processes (m) : 0;
  guint selected_pid = 0, selected = 0;
  gboolean same = self->pids->len == n;
  g_autoptr(GPtrArray) items = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.choose-process", n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.set-access", m != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.set-mode", m != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->access_dropdown), m != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->mode_dropdown), m != NULL);

  for (guint i = 0; same && i < n; i++)
    same = g_array_index (self->pids, guint, i) == pw_machine_process (m, i)->pid;
  if (same)
    return;

  if (gtk_drop_down_get_selected (self->pid_dropdown) > 0
      && gtk_drop_down_get_selected (self->pid_dropdown) <= self->pids->len)
    selected_pid = g_array_index (self->pids, guint, gtk_drop_down_get_selected (self->pid_dropdown) - 1);

  items = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (items, g_strdup (_("Current process")));
  g_array_set_size (self->pids, 0);
  for (guint i = 0; i < n; i++)
    {
      const PwProcess *p = pw_machine_process (m, i);

      g_array_append_val (self->pids, p->pid);
      if (p->pid == selected_pid)
        selected = i + 1;
      if (p->name != NULL && *p->name)
        /* Translators: an item of the process list: pid and name */
        g_ptr_array_add (items, g_strdup_printf (_("Process %u (%s)"), p->pid, p->name));
      else
        g_ptr_array_add (items, g_strdup_printf (_("Process %u"), p->pid));
    }
  g_ptr_array_add (items, NULL);
  gtk_string_list_splice (self->pid_model, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->pid_model)),
                          (const char * const *) items->pdata);
  gtk_drop_down_set_selected (self->pid_dropdown, selected);
  gtk_widget_set_visible (GTK_WIDGET (self->pid_dropdown), n > 0);
}

static void
set_entry_error (PwWindow   *self,
                 const char *message)
{
  GtkWidget *entry = GTK_WIDGET (self->address_entry);

  if (message != NULL)
    {
      gtk_widget_add_css_class (entry, "error");
      gtk_entry_set_icon_from_icon_name (self->address_entry, GTK_ENTRY_ICON_SECONDARY,
                                         "dialog-error-symbolic");
      gtk_entry_set_icon_tooltip_text (self->address_entry, GTK_ENTRY_ICON_SECONDARY, message);
      gtk_widget_set_tooltip_text (entry, message);
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
      gtk_accessible_update_state (GTK_ACCESSIBLE (entry),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE, -1);
    }
  else if (gtk_widget_has_css_class (entry, "error"))
    {
      gtk_widget_remove_css_class (entry, "error");
      gtk_entry_set_icon_from_icon_name (self->address_entry, GTK_ENTRY_ICON_SECONDARY, NULL);
      gtk_widget_set_tooltip_text (entry, _("A virtual address to translate (Ctrl+L)"));
      gtk_accessible_reset_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID);
    }
}

static guint
translate_pid (PwWindow *self)
{
  PwMachine *m = pw_window_machine (self);
  guint selected = gtk_drop_down_get_selected (self->pid_dropdown);

  if (selected > 0 && selected <= self->pids->len)
    return g_array_index (self->pids, guint, selected - 1);
  return m != NULL ? pw_machine_default_pid (m) : 0;
}

static PwAccess
translate_access (PwWindow *self)
{
  switch (gtk_drop_down_get_selected (self->access_dropdown))
    {
    case 1:
      return PW_ACCESS_WRITE;
    case 2:
      return PW_ACCESS_EXEC;
    default:
      return PW_ACCESS_READ;
    }
}

static PwMode
translate_mode (PwWindow *self)
{
  return gtk_drop_down_get_selected (self->mode_dropdown) == 1 ? PW_MODE_SUPERVISOR : PW_MODE_USER;
}

static void
translate (PwWindow *self,
           guint     pid,
           guint64   va)
{
  PwMachine *m = pw_window_machine (self);
  g_autoptr(GError) error = NULL;
  PwWalk walk;

  if (m == NULL)
    return;
  if (pid == 0)
    {
      set_entry_error (self, _("There is no process to translate for"));
      return;
    }
  if (!pw_machine_translate (m, pid, va, translate_access (self), translate_mode (self),
                             &walk, &error))
    {
      set_entry_error (self, error->message);
      return;
    }
  set_entry_error (self, NULL);
  pw_canvas_show_walk (self->canvas, &walk, pid, TRUE);
}

static void
translate_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PwWindow *self = PW_WINDOW (widget);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->address_entry));
  g_autoptr(GError) error = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  guint64 va;

  if (pw_window_machine (self) == NULL)
    return;
  if (*stripped == '\0')
    {
      set_entry_error (self, _("Type a virtual address, e.g. 0x2150"));
      gtk_widget_grab_focus (GTK_WIDGET (self->address_entry));
      return;
    }
  if (!pw_number_parse (stripped, &va, &error))
    {
      g_autofree char *msg = g_strdup_printf (_("Not an address: %s"), error->message);
      set_entry_error (self, msg);
      return;
    }
  translate (self, translate_pid (self), va);
}

static void
focus_address_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PwWindow *self = PW_WINDOW (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->address_entry));
}

static void
address_activate_cb (GtkEntry *entry,
                     PwWindow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.translate", NULL);
}

static void
address_changed_cb (GtkEditable *editable,
                    PwWindow    *self)
{
  set_entry_error (self, NULL);
}

static void
choose_process_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  PwWindow *self = PW_WINDOW (widget);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->pid_dropdown)))
    return;
  gtk_widget_grab_focus (GTK_WIDGET (self->pid_dropdown));
  /* pops the list up */
  g_signal_emit_by_name (self->pid_dropdown, "activate");
}

/* win.set-access (u: a PwAccess) and win.set-mode (u: a PwMode) */
static void
set_picker_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PwWindow *self = PW_WINDOW (widget);
  GtkDropDown *dropdown = g_str_equal (action_name, "win.set-access")
                          ? self->access_dropdown : self->mode_dropdown;
  guint i = g_variant_get_uint32 (parameter);

  if (i < g_list_model_get_n_items (gtk_drop_down_get_model (dropdown)))
    gtk_drop_down_set_selected (dropdown, i);
}

static void
picker_selected_cb (GtkDropDown *dropdown,
                    GParamSpec  *pspec,
                    PwWindow    *self)
{
  set_entry_error (self, NULL);
}

static void
translate_requested_cb (PwCanvas *canvas,
                        guint     pid,
                        guint64   va,
                        PwWindow *self)
{
  char hex[24];

  g_signal_handlers_block_by_func (self->address_entry, address_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->address_entry), pw_hex_buf (va, hex));
  g_signal_handlers_unblock_by_func (self->address_entry, address_changed_cb, self);
  for (guint i = 0; i < self->pids->len; i++)
    if (g_array_index (self->pids, guint, i) == pid)
      gtk_drop_down_set_selected (self->pid_dropdown, i + 1);
  translate (self, pid, va);
}

void
pw_window_translate_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, address_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, address_changed_cb);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, access_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, mode_dropdown);
  gtk_widget_class_bind_template_callback (widget_class, picker_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, translate_requested_cb);
  gtk_widget_class_install_action (widget_class, "win.translate", NULL, translate_action);
  gtk_widget_class_install_action (widget_class, "win.focus-address", NULL, focus_address_action);
  gtk_widget_class_install_action (widget_class, "win.choose-process", NULL, choose_process_action);
  gtk_widget_class_install_action (widget_class, "win.set-access", "u", set_picker_action);
  gtk_widget_class_install_action (widget_class, "win.set-mode", "u", set_picker_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_ALT_MASK, "win.choose-process", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_ALT_MASK, "win.set-access", "u", PW_ACCESS_READ);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_ALT_MASK, "win.set-access", "u", PW_ACCESS_WRITE);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_x, GDK_ALT_MASK, "win.set-access", "u", PW_ACCESS_EXEC);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_u, GDK_ALT_MASK, "win.set-mode", "u", PW_MODE_USER);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_ALT_MASK, "win.set-mode", "u", PW_MODE_SUPERVISOR);
}

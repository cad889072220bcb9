/* pw-window-files.c: the window as a desktop citizen
 *
 * Files dropped on the window open (the first here, the others in windows
 * of their own), every scenario file opened goes into the recent files
 * (GtkRecentManager) and the main menu's Open Recent lists them, Ctrl+W
 * closes the window, and its size and maximized state are kept in
 * GSettings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pagewalk"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-window-private.h"

/* How many recent scenarios Open Recent lists. */
#define RECENT_MAX 10

/* The MIME type of scenario files (data/io.github.pagewalk.Pagewalk.mime.xml.in). */
#define SCENARIO_MIME_TYPE "application/x-pagewalk"

/* ---- drag and drop ----------------------------------------------------------------- */

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         PwWindow      *self)
{
  GSList *files;
  g_autoptr(GPtrArray) others = g_ptr_array_new ();
  gboolean first = TRUE;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = gdk_file_list_get_files (g_value_get_boxed (value));
  for (GSList *l = files; l != NULL; l = l->next)
    {
      if (first)
        {
          g_autofree char *source = pw_application_source_for_file (l->data);

          pw_window_open (self, source, NULL);
          first = FALSE;
        }
      else
        g_ptr_array_add (others, l->data);
    }
  g_slist_free (files);
  if (others->len > 0)
    {
      GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));

      if (app != NULL)
        g_application_open (app, (GFile **) others->pdata, (int) others->len, "");
    }
  return !first;
}

static void
add_drop_target (PwWindow *self)
{
  GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

/* ---- recent files -------------------------------------------------------------------- */

static int
compare_visited (gconstpointer a,
                 gconstpointer b)
{
  GDateTime *ta = gtk_recent_info_get_visited (*(GtkRecentInfo **) a);
  GDateTime *tb = gtk_recent_info_get_visited (*(GtkRecentInfo **) b);

  /* the most recent first */
  return g_date_time_compare (tb, ta);
}

static gboolean
is_scenario (GtkRecentInfo *info)
{
  const char *mime = gtk_recent_info_get_mime_type (info);
  const char *uri = gtk_recent_info_get_uri (info);

  return (g_strcmp0 (mime, SCENARIO_MIME_TYPE) == 0
          || (uri != NULL && g_str_has_suffix (uri, ".pagewalk")))
         && gtk_recent_info_exists (info);
}

/* Fills Open Recent with the scenarios opened last. */
static void
update_recent_menu (PwWindow *self)
{
  GtkRecentManager *manager = gtk_recent_manager_get_default ();
  GList *items = gtk_recent_manager_get_items (manager);
  g_autoptr(GPtrArray) scenarios = g_ptr_array_new ();

  for (GList *l = items; l != NULL; l = l->next)
    if (is_scenario (l->data))
      g_ptr_array_add (scenarios, l->data);
  g_ptr_array_sort (scenarios, compare_visited);

  g_menu_remove_all (self->recent_menu);
  for (guint i = 0; i < scenarios->len && i < RECENT_MAX; i++)
    {
      GtkRecentInfo *info = g_ptr_array_index (scenarios, i);
      g_autoptr(GMenuItem) item = g_menu_item_new (gtk_recent_info_get_display_name (info), NULL);

      g_menu_item_set_action_and_target (item, "win.open-recent", "s",
                                         gtk_recent_info_get_uri (info));
      g_menu_append_item (self->recent_menu, item);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.clear-recent", scenarios->len > 0);
  if (scenarios->len == 0)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_("No Recent Scenarios"), "win.no-recent");

      g_menu_append_item (self->recent_menu, item);
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

void
pw_window_add_recent (PwWindow   *self,
                      const char *source)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *path = NULL;
  GtkRecentData data = { 0 };

  g_return_if_fail (PW_IS_WINDOW (self));
  g_return_if_fail (source != NULL);

  /* built-in examples are in the Examples menu, not in the recent files */
  if (!g_path_is_absolute (source) && !g_file_test (source, G_FILE_TEST_EXISTS))
    return;
  file = g_file_new_for_commandline_arg (source);
  path = g_file_get_path (file);
  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return;
  uri = g_file_get_uri (file);
  data.mime_type = (char *) SCENARIO_MIME_TYPE;
  data.app_name = (char *) g_get_application_name ();
  data.app_exec = (char *) "pagewalk %f";
  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PwWindow *self = PW_WINDOW (widget);
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));
  g_autofree char *path = g_file_get_path (file);

  if (path == NULL)
    pw_window_toast (self, _("Only local files can be opened"));
  else
    pw_window_open (self, path, NULL);
}

static void
clear_recent_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GtkRecentManager *manager = gtk_recent_manager_get_default ();
  GList *items = gtk_recent_manager_get_items (manager);

  /* only Pagewalk's scenarios, not the other applications' files */
  for (GList *l = items; l != NULL; l = l->next)
    if (is_scenario (l->data))
      gtk_recent_manager_remove_item (manager, gtk_recent_info_get_uri (l->data), NULL);
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

/* ---- closing and the window's state ------------------------------------------------ */

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

/* Saved as it changes while the window is shown, and when it closes: a
 * binding would write the state the window has before the window manager
 * maximized it, and undo the restoring. */
static void
save_maximized (PwWindow *self)
{
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
}

static void
maximized_changed_cb (PwWindow   *self,
                      GParamSpec *pspec,
                      gpointer    user_data)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    save_maximized (self);
}

static gboolean
close_request_cb (GtkWindow *window,
                  PwWindow  *self)
{
  save_maximized (self);
  return FALSE;
}

/* GTK 4.8 on X11 can lose a maximize asked before the window is mapped (the
 * window manager is not told): asked again once mapped. */
static void
maximize_on_map_cb (GtkWidget *widget,
                    gpointer   user_data)
{
  g_signal_handlers_disconnect_by_func (widget, maximize_on_map_cb, user_data);
  gtk_window_maximize (GTK_WINDOW (widget));
}

/* ---- public ---------------------------------------------------------------------------- */

void
pw_window_files_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, PwWindow, recent_menu);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.clear-recent", NULL, clear_recent_action);
  gtk_widget_class_install_action (widget_class, "win.close", NULL, close_action);   /* Ctrl+W */
}

void
pw_window_files_init (PwWindow *self)
{
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    {
      gtk_window_maximize (GTK_WINDOW (self));
      g_signal_connect (self, "map", G_CALLBACK (maximize_on_map_cb), NULL);
    }
  g_signal_connect (self, "notify::maximized", G_CALLBACK (maximized_changed_cb), NULL);
  g_signal_connect (self, "close-request", G_CALLBACK (close_request_cb), self);
  add_drop_target (self);
  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (update_recent_menu), self, G_CONNECT_SWAPPED);
  update_recent_menu (self);
}

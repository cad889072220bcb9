/* pw-application.c: the application: windows, app actions, accelerators
 *
 * `pagewalk` opens the built-in seed example; `pagewalk FILE...` opens each
 * file (or built-in example name) in a window of its own.  About and the
 * help are in pw-about.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pagewalk"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-about.h"
#include "pw-application.h"
#include "pw-preferences.h"
#include "pw-scenario.h"
#include "pw-window.h"

struct _PwApplication
{
  AdwApplication parent_instance;

  GSettings     *settings;   /* the style and the number base, followed */
};

G_DEFINE_FINAL_TYPE (PwApplication, pw_application, ADW_TYPE_APPLICATION)

char *
pw_application_source_for_file (GFile *file)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  /* `pagewalk x86-64`: GApplication made a file of the current directory of
   * the instance that was started (which may not be this one) */
  if (!g_file_query_exists (file, NULL))
    {
      g_autofree char *base = g_file_get_basename (file);
      g_autoptr(GBytes) bytes = base ? pw_example_bytes (base) : NULL;

      if (bytes != NULL)
        return g_steal_pointer (&base);
    }
  if (g_file_is_native (file))
    return g_file_get_path (file);
  return g_file_get_uri (file);
}

static void
pw_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      PwWindow *win = pw_window_new (PW_APPLICATION (app));
      g_autofree char *source = pw_preferences_startup_source (PW_APPLICATION (app)->settings);

      /* the scenario opened last, or the seed example */
      pw_window_open (win, source, NULL);
      window = GTK_WINDOW (win);
    }
  gtk_window_present (window);
}

static void
pw_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *source = pw_application_source_for_file (files[i]);
      PwWindow *win = pw_window_new (PW_APPLICATION (app));

      pw_window_open (win, source, NULL);
      gtk_window_present (GTK_WINDOW (win));
    }
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);

  gtk_window_present (GTK_WINDOW (pw_about_window_new (gtk_application_get_active_window (app))));
}

static void
help_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  pw_help_show (gtk_application_get_active_window (GTK_APPLICATION (user_data)));
}

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = quit_action },
  { .name = "about", .activate = about_action },
  { .name = "help", .activate = help_action },
};

static void
pw_application_startup (GApplication *app)
{
  const char *quit[] = { "<Primary>q", NULL };
  const char *open[] = { "<Primary>o", NULL };
  const char *export[] = { "<Primary>e", NULL };
  const char *address[] = { "<Primary>l", NULL };
  const char *shortcuts[] = { "<Primary>question", NULL };
  const char *help[] = { "F1", NULL };
  const char *close[] = { "<Primary>w", NULL };
  const char *preferences[] = { "<Primary>comma", NULL };
  PwApplication *self = PW_APPLICATION (app);

  G_APPLICATION_CLASS (pw_application_parent_class)->startup (app);

  self->settings = g_settings_new (APP_ID);
  pw_preferences_follow (self->settings);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.open", open);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.export", export);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.focus-address", address);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay", shortcuts);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.help", help);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.close", close);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.preferences", preferences);
}

static void
pw_application_finalize (GObject *object)
{
  g_clear_object (&PW_APPLICATION (object)->settings);
  G_OBJECT_CLASS (pw_application_parent_class)->finalize (object);
}

/* `pagewalk --version` prints it here, without starting or calling the
 * primary instance. */
static int
pw_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("pagewalk %s\n", PACKAGE_VERSION);
      return 0;
    }
  return -1;
}

static void
pw_application_class_init (PwApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = pw_application_finalize;

  app_class->handle_local_options = pw_application_handle_local_options;
  app_class->startup = pw_application_startup;
  app_class->activate = pw_application_activate;
  app_class->open = pw_application_open;
}

static void
pw_application_init (PwApplication *self)
{
  g_application_add_main_option (G_APPLICATION (self), "version", 0, G_OPTION_FLAG_NONE,
                                 G_OPTION_ARG_NONE, _("Print the version and exit"), NULL);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[SCENARIO…]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Open each scenario (a .pagewalk file or the name of a "
                                              "built-in example) in a window of its own."));
}

PwApplication *
pw_application_new (void)
{
  return g_object_new (PW_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/pagewalk/Pagewalk",
                       NULL);
}

/* pw-preferences.c: the preferences window (Ctrl+comma) and the settings
 * that act on the whole application
 *
 * The window (template ui/pw-preferences.ui) binds its rows to GSettings:
 * the number base of the diagrams and the window (hex or decimal), the
 * address bars' binary digits, the animation speed and the style (follow
 * the desktop, light, dark).  The canvas of every window follows the base
 * and the digits (pw-window.c binds them); pw_preferences_follow() applies
 * the style to AdwStyleManager and the base to the app's own texts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pagewalk"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-preferences.h"
#include "pw-present.h"
#include "pw-scenario.h"

struct _PwPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  GSettings      *settings;
  AdwComboRow    *base_row;
  GtkSwitch      *bits_switch;
  GtkAdjustment  *speed_adjustment;
  AdwComboRow    *style_row;
};

G_DEFINE_FINAL_TYPE (PwPreferencesWindow, pw_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

const char * const pw_preferences_base_nicks[] = { "hex", "decimal", NULL };
const char * const pw_preferences_style_nicks[] = { "system", "light", "dark", NULL };

/* ---- mapping an enum key to a list's position ------------------------------------- */

gboolean
pw_preferences_enum_get (GValue   *value,
                         GVariant *variant,
                         gpointer  user_data)
{
  const char * const *nicks = user_data;
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; nicks[i] != NULL; i++)
    if (g_strcmp0 (nicks[i], nick) == 0)
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

GVariant *
pw_preferences_enum_set (const GValue       *value,
                         const GVariantType *expected_type,
                         gpointer            user_data)
{
  const char * const *nicks = user_data;
  guint i = g_value_get_uint (value);

  if (i >= g_strv_length ((char **) nicks))
    return NULL;
  return g_variant_new_string (nicks[i]);
}

/* ---- what acts on the whole application ------------------------------------------------ */

AdwColorScheme
pw_preferences_color_scheme (PwStyle style)
{
  switch (style)
    {
    case PW_STYLE_LIGHT:
      return ADW_COLOR_SCHEME_FORCE_LIGHT;
    case PW_STYLE_DARK:
      return ADW_COLOR_SCHEME_FORCE_DARK;
    case PW_STYLE_SYSTEM:
    default:
      /* the desktop's own preference */
      return ADW_COLOR_SCHEME_DEFAULT;
    }
}

static void
style_changed_cb (GSettings  *settings,
                  const char *key,
                  gpointer    user_data)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      pw_preferences_color_scheme (g_settings_get_enum (settings, "style")));
}

static void
base_changed_cb (GSettings  *settings,
                 const char *key,
                 gpointer    user_data)
{
  pw_number_set_base (g_settings_get_enum (settings, "number-base") == PW_BASE_DECIMAL
                       ? PW_BASE_DECIMAL : PW_BASE_HEX);
}

void
pw_preferences_follow (GSettings *settings)
{
  g_return_if_fail (G_IS_SETTINGS (settings));

  g_signal_connect (settings, "changed::style", G_CALLBACK (style_changed_cb), NULL);
  g_signal_connect (settings, "changed::number-base", G_CALLBACK (base_changed_cb), NULL);
  style_changed_cb (settings, "style", NULL);
  base_changed_cb (settings, "number-base", NULL);
}

char *
pw_preferences_startup_source (GSettings *settings)
{
  g_autofree char *last = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  last = g_settings_get_string (settings, "last-scenario");
  if (last != NULL && *last != '\0')
    {
      g_autoptr(GBytes) example = pw_example_bytes (last);

      /* a built-in example, or a file that is still there; a file gone
       * since is no error: the seed example opens instead */
      if (example != NULL || g_file_test (last, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&last);
    }
  return g_strdup ("seed");
}

/* ---- the window ------------------------------------------------------------------------------ */

static void
pw_preferences_window_dispose (GObject *object)
{
  PwPreferencesWindow *self = PW_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (pw_preferences_window_parent_class)->dispose (object);
}

static void
pw_preferences_window_class_init (PwPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pw_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pagewalk/Pagewalk/pw-preferences.ui");
  gtk_widget_class_bind_template_child (widget_class, PwPreferencesWindow, base_row);
  gtk_widget_class_bind_template_child (widget_class, PwPreferencesWindow, bits_switch);
  gtk_widget_class_bind_template_child (widget_class, PwPreferencesWindow, speed_adjustment);
  gtk_widget_class_bind_template_child (widget_class, PwPreferencesWindow, style_row);
}

static void
pw_preferences_window_init (PwPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  g_settings_bind_with_mapping (self->settings, "number-base", self->base_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, pw_preferences_enum_get,
                                pw_preferences_enum_set, (gpointer) pw_preferences_base_nicks, NULL);
  g_settings_bind (self->settings, "show-bits", self->bits_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "animation-speed", self->speed_adjustment, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "style", self->style_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, pw_preferences_enum_get,
                                pw_preferences_enum_set, (gpointer) pw_preferences_style_nicks, NULL);
}

PwPreferencesWindow *
pw_preferences_window_new (GtkWindow *parent)
{
  return g_object_new (PW_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
}

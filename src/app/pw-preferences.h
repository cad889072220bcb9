/* pw-preferences.h: the preferences window and the settings it sets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PW_TYPE_PREFERENCES_WINDOW (pw_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (PwPreferencesWindow, pw_preferences_window, PW, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

/* The preferences (GSettings APP_ID): number base, binary digits,
 * animation speed, style; transient for @parent. */
PwPreferencesWindow *pw_preferences_window_new  (GtkWindow  *parent);

/* The values of the "style" key, in the order of the window's list. */
typedef enum
{
  PW_STYLE_SYSTEM,
  PW_STYLE_LIGHT,
  PW_STYLE_DARK,
} PwStyle;

/* The colour scheme AdwStyleManager gets for @style. */
AdwColorScheme       pw_preferences_color_scheme (PwStyle    style);

/* Applies "style" (AdwStyleManager's colour scheme) and "number-base" (the
 * base of pw_format_address() in the calling thread, for the app's own
 * texts) now and whenever they change, for as long as @settings lives. */
void                 pw_preferences_follow      (GSettings  *settings);

/* What `pagewalk` opens without a file: the "last-scenario" key when it is
 * a built-in example or a file that still exists, else the seed example. */
char                *pw_preferences_startup_source (GSettings *settings);

/* g_settings_bind_with_mapping() functions between an enum key and a
 * uint property (a list's "selected"); @user_data is the NULL-terminated
 * array of the enum's nicks in the list's order. */
gboolean             pw_preferences_enum_get    (GValue             *value,
                                                 GVariant           *variant,
                                                 gpointer            user_data);
GVariant            *pw_preferences_enum_set    (const GValue       *value,
                                                 const GVariantType *expected_type,
                                                 gpointer            user_data);

/* The nicks of the "number-base" and "style" keys, in their enums' order. */
extern const char * const pw_preferences_base_nicks[];
extern const char * const pw_preferences_style_nicks[];

G_END_DECLS

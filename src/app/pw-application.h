/* pw-application.h: the application: windows, app actions, accelerators
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PW_TYPE_APPLICATION (pw_application_get_type ())

G_DECLARE_FINAL_TYPE (PwApplication, pw_application, PW, APPLICATION, AdwApplication)

PwApplication *pw_application_new (void);

/* The argument of `pagewalk ARG` as a source for pw_window_open(): the
 * file's path, or the name of a built-in example when @file does not exist
 * and its base name is one. */
char          *pw_application_source_for_file (GFile *file);

G_END_DECLS

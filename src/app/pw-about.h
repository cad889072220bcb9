/* pw-about.h: the About window and the help
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The About window, with the release notes of the newest release. */
GtkWidget *pw_about_window_new    (GtkWindow *parent);

/* The newest release of the AppStream metainfo: its version and its
 * description as AdwAboutWindow's release-notes markup, translated.  FALSE
 * when the resources hold no release. */
gboolean   pw_about_release_notes (char     **version,
                                   char     **notes);

/* Opens the user guide (help:pagewalk) in the desktop's help browser; says
 * where it is on the web when none can show it. */
void       pw_help_show           (GtkWindow *parent);

G_END_DECLS

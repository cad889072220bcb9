/* cli-render.h: the options the drawing commands share (export, animate,
 * handout): a view, a theme, a range of steps.  Each parser leaves its
 * output alone for a NULL text, and on a bad one prints a usage error,
 * stores PW_CLI_EXIT_BAD in @status and returns FALSE.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "pw-render.h"
#include "pw-run.h"

G_BEGIN_DECLS

gboolean pw_cli_parse_view   (const char *text,
                              PwView     *view,
                              int        *status);
gboolean pw_cli_parse_theme  (const char *text,
                              PwTheme    *theme,
                              int        *status);
/* --steps: "3-7" or "4", counted from 1, within the run's positions. */
gboolean pw_cli_parse_steps  (const char *text,
                              PwRun      *run,
                              guint64    *first,
                              guint64    *last,
                              int        *status);

G_END_DECLS

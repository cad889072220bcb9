/* cli-export.h: `pagewalk-cli export`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* argv[0] is "export".  Returns the exit status (0, or 2 with a message). */
int pw_cli_export (int    argc,
                   char **argv);

G_END_DECLS

/* pw-render-exercise.h: an exercise sheet or its answer key as a PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "pw-exercise.h"

G_BEGIN_DECLS

/* Writes @ex to @path, A4 portrait: the title, the instructions, what is
 * given (fixed-width), then the tables; on the sheet the answer cells are
 * empty boxes as wide as their answers, in the key (@answers) they are
 * filled in bold and the working column is added.  Written whole or not at
 * all; PDF dates follow SOURCE_DATE_EPOCH. */
gboolean  pw_render_exercise (const char        *path,
                              const PwExercise  *ex,
                              gboolean           answers,
                              GError           **error);

G_END_DECLS

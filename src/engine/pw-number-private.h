/* pw-number-private.h: number parsing details for the engine's loaders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* pw_number_parse(), telling in @overflow (may be NULL) a well-formed number
 * that does not fit in 64 bits from text that is not a number. */
gboolean  pw_number_parse_full      (const char  *text,
                                     guint64     *out,
                                     gboolean    *overflow,
                                     GError     **error);

G_END_DECLS

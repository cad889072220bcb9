/* pw-bit-strip.h: a page-table entry drawn as its bits, field by field
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pw-arch.h"

G_BEGIN_DECLS

#define PW_TYPE_BIT_STRIP (pw_bit_strip_get_type ())

G_DECLARE_FINAL_TYPE (PwBitStrip, pw_bit_strip, PW, BIT_STRIP, GtkWidget)

GtkWidget   *pw_bit_strip_new        (void);
/* Draws @entry, an entry at @level of @arch, with the bit fields its format
 * names (pw_arch_bit_fields()). */
void         pw_bit_strip_set_entry  (PwBitStrip   *self,
                                      const PwArch *arch,
                                      guint         level,
                                      guint64       entry);

G_END_DECLS

/* pw-physmem.h: sparse simulated physical memory
 *
 * Only frames whose contents are known hold bytes; everything else reads as
 * unknown (zero for the MMU).  A 52-bit physical space costs nothing until used.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _PwPhysMem PwPhysMem;

PwPhysMem  *pw_physmem_new            (guint         page_shift,
                                       gboolean      big_endian);
PwPhysMem  *pw_physmem_copy           (const PwPhysMem *mem);
void        pw_physmem_free           (PwPhysMem    *mem);

guint       pw_physmem_page_shift     (const PwPhysMem *mem);
/* The bytes of @frame for reading, or NULL if its contents are unknown.
 * Write only through pw_physmem_frame_ensure() or pw_physmem_write(): copies
 * of a memory share their bytes until one of them writes. */
const guint8 *pw_physmem_frame        (const PwPhysMem *mem,
                                       guint64       frame);
/* The bytes of @frame for writing, made known (zero-filled) if they were not. */
guint8     *pw_physmem_frame_ensure   (PwPhysMem    *mem,
                                       guint64       frame);
/* Makes @frame known and all zero, sharing one buffer until written. */
void        pw_physmem_frame_zero     (PwPhysMem    *mem,
                                       guint64       frame);
/* Forget the contents of @frame. */
void        pw_physmem_forget         (PwPhysMem    *mem,
                                       guint64       frame);
guint64     pw_physmem_n_known        (const PwPhysMem *mem);
/* Known frames in ascending order (free with g_free). */
guint64    *pw_physmem_known_frames   (const PwPhysMem *mem,
                                       guint64      *n_out);

/* Reads an entry of @bytes (1, 2, 4, 8) at @pa; unknown memory reads as 0
 * and sets *@known to FALSE when @known is given. */
guint64     pw_physmem_read           (const PwPhysMem *mem,
                                       guint64       pa,
                                       guint         bytes,
                                       gboolean     *known);
void        pw_physmem_write          (PwPhysMem    *mem,
                                       guint64       pa,
                                       guint         bytes,
                                       guint64       value);
/* The byte at @pa, or -1 if unknown. */
int         pw_physmem_byte           (const PwPhysMem *mem,
                                       guint64       pa);

G_END_DECLS

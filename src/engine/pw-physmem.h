/* pw-physmem.h: sparse simulated physical memory
 *
 * Only frames whose contents are known hold bytes; everything else reads as
 * unknown (zero for the MMU).  A 52-bit physical space costs nothing until used.
 * A known frame holds only the bytes it was given (a frame image of a few
 * bytes holds those few): the rest of its page reads as zero, whichever way
 * it is read.  A million small frame images cost megabytes, not gigabytes.
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
/* Makes room for @n more known frames at once (a million frame images at
 * set-up), instead of doubling the table as they come. */
void        pw_physmem_reserve        (PwPhysMem    *mem,
                                       guint64       n);
/* The whole page of @frame for reading, or NULL if its contents are unknown.
 * A frame holding fewer bytes than a page is given a page of its own first
 * (the same bytes, zeros after them): the value is unchanged, but the memory
 * grows by a page, so this is for callers that need a page at a time (a hex
 * dump, a copy); pw_physmem_read() and pw_physmem_byte() never expand.  The
 * pointer stays valid until the frame is written or forgotten.
 * Write only through pw_physmem_frame_ensure() or pw_physmem_write(): copies
 * of a memory share their bytes until one of them writes. */
const guint8 *pw_physmem_frame        (const PwPhysMem *mem,
                                       guint64       frame);
/* How many bytes @frame holds (those after them read as zero); 0 if its
 * contents are unknown. */
gsize       pw_physmem_frame_held     (const PwPhysMem *mem,
                                       guint64       frame);
/* Gives @frame's first @n bytes (at most a page), as a frame_image does.  An
 * unknown frame becomes known with them and zeros after them, storing only
 * the bytes up to the last nonzero one (a frame of zeros shares the zero
 * page); a known frame has them laid over its first bytes. */
void        pw_physmem_frame_image    (PwPhysMem    *mem,
                                       guint64       frame,
                                       const guint8 *bytes,
                                       gsize         n);
/* The whole page of @frame for writing, made known (zero-filled) if it was
 * not; a frame holding fewer bytes is given a whole page. */
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

/* pw-ranges.h: a set of free ranges of units (frames, bytes or swap slots)
 *
 * Sparse by construction: memory of 2^40 frames costs one range until used.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _PwRanges PwRanges;

/* A set holding every unit of [0, n).  For all 2^64 units: new (G_MAXUINT64),
 * then give (G_MAXUINT64, 1); counts of that whole set read G_MAXUINT64. */
PwRanges  *pw_ranges_new        (guint64         n);
PwRanges  *pw_ranges_copy       (const PwRanges *r);
void       pw_ranges_free       (PwRanges       *r);

guint64    pw_ranges_total      (const PwRanges *r);   /* units free */
gboolean   pw_ranges_contains   (const PwRanges *r,
                                 guint64         start,
                                 guint64         count);   /* all free? */
/* Whether @x is free.  If so, the free range holding it is returned in
 * @start and @count; if not, @start is the first free unit after @x
 * (G_MAXUINT64 if none) and @count 0. */
gboolean   pw_ranges_find       (const PwRanges *r,
                                 guint64         x,
                                 guint64        *start,
                                 guint64        *count);
/* Takes [start, start+count) out of the set; FALSE if any unit was not free. */
gboolean   pw_ranges_take       (PwRanges       *r,
                                 guint64         start,
                                 guint64         count);
void       pw_ranges_give       (PwRanges       *r,
                                 guint64         start,
                                 guint64         count);
/* Lowest free run of @count units (first fit), taken out; FALSE if none. */
gboolean   pw_ranges_take_lowest  (PwRanges     *r,
                                   guint64       count,
                                   guint64      *start);
/* Highest free run of @count units, taken out; FALSE if none. */
gboolean   pw_ranges_take_highest (PwRanges     *r,
                                   guint64       count,
                                   guint64      *start);
/* The free ranges, for drawing: pairs (start, count). */
guint      pw_ranges_n          (const PwRanges *r);
void       pw_ranges_nth        (const PwRanges *r,
                                 guint           i,
                                 guint64        *start,
                                 guint64        *count);

G_END_DECLS

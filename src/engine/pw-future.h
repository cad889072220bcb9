/* pw-future.h: next-use positions for the `opt` policy
 *
 * Feed every access of a run in order (pid, page); pw_future_finish()
 * returns next_use[i]: the index of the next access to the same (pid, page)
 * after access i, or G_MAXUINT64 for never.  One pass, O(1) per access, no
 * allocation per access; give the array to pw_machine_set_future().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _PwFuture PwFuture;

PwFuture *pw_future_new    (void);
void      pw_future_add    (PwFuture *future,
                            guint     pid,
                            guint64   vpn);
/* Frees @future; returns the next-use array (guint64 elements). */
GArray   *pw_future_finish (PwFuture *future);
void      pw_future_free   (PwFuture *future);

G_END_DECLS

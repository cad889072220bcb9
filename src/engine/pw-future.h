/* pw-future.h: next-use positions for the `opt` policy
 *
 * Feed every access of a run in order (pid, page); pw_future_finish()
 * returns next_use[i]: the index of the next access to the same (pid, page)
 * after access i, or G_MAXUINT64 for never.  One pass, O(1) per access, no
 * allocation per access; give the array to pw_machine_set_future().
 *
 * pw_future_finish_full() also gives every (pid, page)'s accesses in order
 * (a PwFirstUse): the first access to a page at or after any point, which
 * `opt` needs for pages made resident without being accessed (a scenario's
 * `map` pins at set-up; docs/machine.md); give both to
 * pw_machine_set_future_full().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _PwFuture PwFuture;

PwFuture *pw_future_new    (void);
/* The same, with room for about @n accesses (a hint). */
PwFuture *pw_future_new_sized (guint64 n);
void      pw_future_add    (PwFuture *future,
                            guint     pid,
                            guint64   vpn);
/* Frees @future; returns the next-use array (guint64 elements). */
GArray   *pw_future_finish (PwFuture *future);
void      pw_future_free   (PwFuture *future);

typedef struct _PwFirstUse PwFirstUse;

/* Frees @future; returns the next-use array and sets @first_use to the
 * index of every (pid, page)'s accesses (a new reference). */
GArray     *pw_future_finish_full     (PwFuture         *future,
                                       PwFirstUse      **first_use);
PwFirstUse *pw_first_use_ref          (PwFirstUse       *first_use);
void        pw_first_use_unref        (PwFirstUse       *first_use);
/* The index of the first access to (@pid, @vpn) at or after access @from,
 * or G_MAXUINT64 for never.  O(log accesses to that page). */
guint64     pw_first_use_at_or_after  (const PwFirstUse *first_use,
                                       guint             pid,
                                       guint64           vpn,
                                       guint64           from);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwFirstUse, pw_first_use_unref)

G_END_DECLS

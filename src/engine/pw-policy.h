/* pw-policy.h: page replacement policies as objects (internal to the engine)
 *
 * A policy keeps its own order of the resident data pages that may be
 * evicted, and picks the victim.  The kernel (pw-kernel-replace.c) calls only
 * this interface; every policy is one file (pw-policy-fifo.c, -lru.c (lru and
 * mru), -opt.c, -clock.c, -random.c) and one line of the registry
 * (pw-policy.c).  A policy never decodes page-table entries: use bits and next
 * uses come from the host callbacks below.  docs/machine.md describes the
 * policies.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pw-machine-private.h"

G_BEGIN_DECLS

struct _PwPolicyClass
{
  PwPolicy    policy;
  const char *name;
  /* touch() is called on every access to a resident page (else never) */
  gboolean    track_use;
  /* the policy's state for @host, with nothing in it */
  gpointer  (*new)      (PwMachine     *host);
  void      (*free)     (gpointer       state);
  /* an exact copy for the machine @host, a copy of the state's machine;
   * @map: the source's FrameRec* -> the copy's FrameRec* (the copies' own
   * fields idx and next_use are already those of the source) */
  gpointer  (*copy)     (gconstpointer  state,
                         PwMachine     *host,
                         GHashTable    *map);
  /* @r became resident and evictable / stopped being either */
  void      (*add)      (gpointer       state,
                         FrameRec      *r);
  void      (*remove)   (gpointer       state,
                         FrameRec      *r);
  /* an access to @r (only when track_use) */
  void      (*touch)    (gpointer       state,
                         FrameRec      *r);
  /* the page to evict now, or NULL; may change the state (clock's hand) */
  FrameRec *(*victim)   (gpointer       state);
  /* appends to @out->entries (each filled by pwk_policy_entry()) in the
   * policy's order, sets next_victim and hand; changes nothing */
  void      (*describe) (gconstpointer  state,
                         PwPolicyState *out);
  /* the machine's future changed (pw_machine_set_future_full()); may be NULL */
  void      (*refresh)  (gpointer       state);
};

/* pw-policy.c: the registry, indexed by PwPolicy */
const PwPolicyClass *pw_policy_class         (PwPolicy    policy);
/* NULL for an unknown name */
const PwPolicyClass *pw_policy_class_by_name (const char *name);

extern const PwPolicyClass pw_policy_fifo_class;
extern const PwPolicyClass pw_policy_lru_class;
extern const PwPolicyClass pw_policy_mru_class;
extern const PwPolicyClass pw_policy_opt_class;
extern const PwPolicyClass pw_policy_clock_class;
extern const PwPolicyClass pw_policy_random_class;

/* ---- host callbacks (pw-kernel-replace.c) ------------------------------ */

/* The use bit of @r's page: its leaf entry's accessed bit. */
gboolean  pwk_policy_use_bit       (const PwMachine *m,
                                    const FrameRec  *r);
/* Clears the use bit if set, with a TLB shootdown so that the next access
 * walks and sets it; returns whether it was set (clock's sweep). */
gboolean  pwk_policy_test_and_clear_use_bit (PwMachine *m,
                                             FrameRec  *r);
/* The next access to @r's page from now (G_MAXUINT64: never or unknown);
 * during an access to that page, the one after it. */
guint64   pwk_policy_next_use      (const PwMachine *m,
                                    const FrameRec  *r);
/* The fields of @e every policy gives: pid, vpn, frame, use bit, times;
 * next_use is G_MAXUINT64. */
void      pwk_policy_entry         (const PwMachine *m,
                                    const FrameRec  *r,
                                    PwPolicyEntry   *e);

/* The next use of the page being accessed now (touch): O(1). */
static inline guint64
pwk_policy_current_next_use (const PwMachine *m)
{
  if (m->future && m->n_access < m->n_future)
    return m->future[m->n_access];
  return G_MAXUINT64;
}

/* Called on every access to a resident data page (when m->track_use). */
static inline void
pwk_touch_rec (PwMachine *m,
               FrameRec  *r)
{
  if (r == NULL || r->page == NULL)
    return;
  r->page->used_at = m->tick;
  if (r->eligible)
    m->pol->touch (m->pol_state, r);
}

/* ---- a list of frames in FrameRec prev/next (fifo, lru, mru) ----------- */

/* The state of the list policies: the evictable pages in one list, head
 * first (fifo: load order; lru and mru: recency order).  They differ only in
 * touch, which end is the victim, and what describe announces. */
typedef struct
{
  PwMachine *host;
  FrameRec  *head, *tail;
} PwPolicyList;

static inline void
pw_policy_list_unlink (PwPolicyList *l,
                       FrameRec     *r)
{
  if (r->prev) r->prev->next = r->next; else l->head = r->next;
  if (r->next) r->next->prev = r->prev; else l->tail = r->prev;
  r->prev = r->next = NULL;
}

static inline void
pw_policy_list_append (PwPolicyList *l,
                       FrameRec     *r)
{
  r->prev = l->tail;
  r->next = NULL;
  if (l->tail) l->tail->next = r; else l->head = r;
  l->tail = r;
}

/* The PwPolicyClass functions the list policies share (state: a
 * PwPolicyList; free it with g_free). */
gpointer  pw_policy_list_new       (PwMachine          *host);
gpointer  pw_policy_list_copy      (gconstpointer       state,
                                    PwMachine          *host,
                                    GHashTable         *map);
void      pw_policy_list_add       (gpointer            state,
                                    FrameRec           *r);
void      pw_policy_list_remove    (gpointer            state,
                                    FrameRec           *r);
/* Appends every record, head first, to @out. */
void      pw_policy_list_describe  (const PwPolicyList *l,
                                    PwPolicyState      *out);

G_END_DECLS

/* pw-render-anim.c: the timeline of the translation animation
 *
 * The phases a translation unfolds in (split, TLB, one index and one entry
 * per table read, fault, eviction, disk read, new frame, the retry, the
 * physical address), each PW_PHASE_SECONDS long, and where time t falls
 * among them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-render"

#include "config.h"

#include <math.h>
#include <string.h>

#include "pw-render-private.h"

/* ---- phases ------------------------------------------------------------------ */

static void
add_phase (PwAnim      *a,
           PwPhaseKind  kind,
           int          level,
           gboolean     retry)
{
  if (a->n < PW_MAX_PHASES)
    a->phases[a->n++] = (PwPhase) { kind, level, retry };
}

static void
add_walk_phases (PwAnim       *a,
                 const PwWalk *w,
                 gboolean      retry)
{
  for (guint i = 0; i < w->n_steps; i++)
    {
      add_phase (a, PW_PH_INDEX, i, retry);
      add_phase (a, PW_PH_ENTRY, i, retry);
    }
}

static guint
build_phases (const PwWalk  *walk,
              const PwEvent *ev,
              PwAnim        *a)
{
  a->n = 0;
  if (walk == NULL)
    return 0;
  add_phase (a, PW_PH_SPLIT, 0, FALSE);
  if (ev != NULL && ev->tlb != PW_TLB_OFF)
    add_phase (a, PW_PH_TLB, 0, FALSE);
  if (ev != NULL && ev->tlb == PW_TLB_HIT)
    {
      add_phase (a, PW_PH_FINAL, 0, FALSE);
      return a->n;
    }
  add_walk_phases (a, walk, FALSE);
  if (walk->fault != PW_FAULT_NONE)
    {
      add_phase (a, PW_PH_FAULT, walk->fault_depth, FALSE);
      if (ev != NULL && ev->retried)
        {
          if (ev->evicted.happened)
            add_phase (a, PW_PH_EVICT, 0, FALSE);
          if (ev->fault == PW_KF_MAJOR)
            add_phase (a, PW_PH_READ, 0, FALSE);
          add_phase (a, PW_PH_FRAME, 0, FALSE);
          add_walk_phases (a, &ev->retry, TRUE);
          if (ev->retry.fault == PW_FAULT_NONE)
            add_phase (a, PW_PH_FINAL, 0, TRUE);
        }
      return a->n;
    }
  add_phase (a, PW_PH_FINAL, 0, FALSE);
  return a->n;
}

static double
ease (double p)
{
  p = CLAMP (p, 0, 1);
  return p * p * (3 - 2 * p);
}

void
pw_anim_build (PwCtx *c)
{
  PwAnim *a = &c->anim;
  double t = c->o->t;

  build_phases (c->walk, c->ev, a);
  if (t < 0)
    t = 0;
  if (t >= a->n * PW_PHASE_SECONDS)
    {
      a->current = a->n;
      a->p = 1;
      return;
    }
  a->current = (int) floor (t / PW_PHASE_SECONDS);
  a->p = c->o->reduced_motion ? 1.0 : ease ((t - a->current * PW_PHASE_SECONDS) / PW_PHASE_SECONDS);
}

double
pw_render_walk_duration (const PwWalk  *walk,
                         const PwEvent *ev)
{
  PwAnim a;

  if (pw_event_is_access (ev))
    walk = &ev->walk;
  else
    ev = NULL;
  return build_phases (walk, ev, &a) * PW_PHASE_SECONDS;
}

double
pw_render_step_duration (PwMachine             *m,
                         const PwRenderOptions *o)
{
  g_return_val_if_fail (m != NULL && o != NULL, 0);

  if (o->has_walk || pw_event_is_access (o->event))
    return pw_render_walk_duration (o->has_walk ? &o->walk : NULL, o->event);
  if (o->event == NULL && pw_machine_last_step (m) != NULL)
    return PW_LIFE_SECONDS;
  return 0;
}

static int
find_phase (const PwCtx *c,
            PwPhaseKind  kind,
            int          level,
            gboolean     retry)
{
  for (guint i = 0; i < c->anim.n; i++)
    {
      const PwPhase *ph = &c->anim.phases[i];
      if (ph->kind == kind && ph->retry == retry && (ph->level == level || level < 0))
        return i;
    }
  return -1;
}

double
pw_anim_progress (const PwCtx *c,
                  PwPhaseKind  kind,
                  int          level,
                  gboolean     retry)
{
  int k = find_phase (c, kind, level, retry);

  if (k < 0)
    return 0;
  if (k < c->anim.current)
    return 1;
  if (k == c->anim.current)
    return c->anim.p;
  return 0;
}

gboolean
pw_anim_started (const PwCtx *c,
                 PwPhaseKind  kind,
                 int          level,
                 gboolean     retry)
{
  int k = find_phase (c, kind, level, retry);
  return k >= 0 && k <= c->anim.current;
}

const PwWalk *
pw_anim_walk (const PwCtx *c,
              gboolean    *in_retry)
{
  gboolean r = c->retry != NULL && pw_anim_started (c, PW_PH_FRAME, 0, FALSE)
               && c->anim.current > find_phase (c, PW_PH_FRAME, 0, FALSE);

  if (in_retry)
    *in_retry = r;
  return r ? c->retry : c->walk;
}

/* A step without an access (pw_machine_last_step()) on @m: the panes show
 * @before until half its drawing's time, when its change is drawn; not
 * when @before has more processes than @m (an exit), which a layout made
 * for @m may not hold. */
static PwMachine *
life_side_machine (PwMachine             *m,
                   const PwRenderOptions *o)
{
  PwMachine *before = o->before;

  if (before == NULL || before == m || o->reduced_motion || o->t >= PW_LIFE_SECONDS / 2
      || pw_machine_n_processes (before) > pw_machine_n_processes (m))
    return m;
  return before;
}

PwMachine *
pw_anim_side_machine (const PwCtx *c)
{
  PwMachine *before = c->o->before;
  guint change = c->anim.n;

  if (c->life != NULL)
    return life_side_machine (c->m, c->o);

  if (before == NULL || before == c->m || c->ev == NULL || c->o->reduced_motion
      || c->anim.current >= (int) c->anim.n)
    return c->m;
  /* the process shown must be there before the step */
  if (pw_machine_lookup (before, c->pid) == NULL)
    return c->m;
  for (guint i = 0; i < c->anim.n; i++)
    {
      PwPhaseKind k = c->anim.phases[i].kind;
      if (k == PW_PH_EVICT || k == PW_PH_READ || k == PW_PH_FRAME || k == PW_PH_FINAL)
        {
          change = i;
          break;
        }
    }
  return c->anim.current < (int) change ? before : c->m;
}

PwMachine *
pw_render_shown_machine (PwMachine             *m,
                         const PwRenderOptions *o)
{
  PwCtx c;

  g_return_val_if_fail (m != NULL && o != NULL, m);

  if (o->before != NULL && !o->has_walk && o->event == NULL && pw_machine_last_step (m) != NULL)
    return life_side_machine (m, o);
  if (o->before == NULL || !pw_event_is_access (o->event))
    return m;
  /* the parts of pw_ctx_init() the timeline needs, without the fonts */
  memset (&c, 0, sizeof c);
  c.m = m;
  c.arch = pw_machine_arch (m);
  c.o = o;
  c.ev = o->event;
  c.walk = &o->event->walk;
  c.retry = o->event->retried ? &o->event->retry : NULL;
  c.walk_pid = o->event->pid != 0 ? o->event->pid : pw_machine_default_pid (m);
  c.pid = o->pid != 0 ? o->pid : c.walk_pid;
  if (c.pid == 0 || pw_machine_lookup (m, c.pid) == NULL)
    c.pid = pw_machine_default_pid (m);
  pw_anim_build (&c);
  return pw_anim_side_machine (&c);
}

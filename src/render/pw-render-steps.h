/* pw-render-steps.h: a run's steps one after another, ready to draw
 *
 * The handouts and the animations draw a range of steps the way the app
 * shows each: the machine after the step, the machine before it (the panes
 * around the walk keep it until the kernel acts) and the event the step
 * shows (PwShownEvent).  A cursor replays the run once, forward.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "pw-present.h"
#include "pw-render.h"
#include "pw-run.h"

G_BEGIN_DECLS

typedef struct
{
  PwRun        *run;
  PwMachine    *m;        /* after the last step run */
  PwMachine    *before;   /* before it (NULL until pw_step_cursor_next()) */
  PwShownEvent  shown;    /* what the last step run shows */
  guint64       next;     /* the position pw_step_cursor_next() runs */
} PwStepCursor;

/* A machine of @run with positions 0 to @first - 1 run (quietly); the
 * next step run is position @first.  FALSE and @error when the machine
 * cannot be set up or @cancellable is cancelled meanwhile. */
gboolean  pw_step_cursor_init    (PwStepCursor          *c,
                                  PwRun                 *run,
                                  guint64                first,
                                  GCancellable          *cancellable,
                                  GError               **error);
/* Runs position c->next, keeping the machine before it and its event. */
void      pw_step_cursor_next    (PwStepCursor          *c);
/* The script step just run (position c->next - 1), as pw_run_position_step(). */
void      pw_step_cursor_step    (const PwStepCursor    *c,
                                  PwStep                *out);
/* Sets @o->event and @o->before for the step just run (the app's rule):
 * nothing when it showed no event. */
void      pw_step_cursor_options (const PwStepCursor    *c,
                                  PwRenderOptions       *o);
void      pw_step_cursor_clear   (PwStepCursor          *c);

/* "3-7" (steps 3 to 7, counted from 1 as `--at` counts), "4" (step 4
 * alone): into *@first and *@last, positions counted from 0.  FALSE when
 * @s is not such a range or names a step outside 1 .. @n. */
gboolean  pw_step_range_parse    (const char            *s,
                                  guint64                n,
                                  guint64               *first,
                                  guint64               *last);

G_END_DECLS

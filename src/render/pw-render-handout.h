/* pw-render-handout.h: a whole scenario as a PDF handout, for printing
 *
 * A title page (the scenario's title and description, the machine: its
 * architecture, memory, swap, TLB and policy, its processes) and then one
 * page a step: the step in words, the view drawn as the app shows it after
 * the step (final state) and the narration of every phase of its access.
 * Used by `pagewalk-cli handout` and the app's Export Handout.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pw-render.h"
#include "pw-run.h"

G_BEGIN_DECLS

typedef struct
{
  PwView   view;     /* drawn on each step's page; default the overview */
  PwTheme  theme;    /* default print */
  guint64  first;    /* positions first .. last (from 0) get a page each */
  guint64  last;     /* default: every step of the script (not the trace) */
} PwHandoutOptions;

/* Defaults for @run: overview, print, every script step (none when the
 * script has no step: the handout is then its title page). */
void      pw_handout_options_init (PwHandoutOptions       *ho,
                                   const PwRun            *run);

/* Called after each page with the pages done and the pages in all;
 * from the thread that writes. */
typedef void (*PwProgressFunc) (guint64   done,
                                guint64   total,
                                gpointer  user_data);

/* Writes the handout to @path (a temporary file renamed when complete:
 * nothing is left behind on failure or cancellation).  A4 landscape.  PDF
 * dates follow SOURCE_DATE_EPOCH when set.  FALSE and @error (PW_ERROR_IO,
 * or G_IO_ERROR_CANCELLED) on failure. */
gboolean  pw_render_handout       (const char             *path,
                                   PwRun                  *run,
                                   const PwHandoutOptions *ho,
                                   GCancellable           *cancellable,
                                   PwProgressFunc          progress,
                                   gpointer                user_data,
                                   GError                **error);

G_END_DECLS

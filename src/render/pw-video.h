/* pw-video.h: animations of steps or of a translation, as WebM or GIF
 *
 * The frames are the app's animation, drawn by pw_render_draw() at
 * 1/fps-second intervals of the animation time (each step's access unfolds
 * phase by phase, the panes around the walk keeping the state before the
 * step until the kernel acts), each step's last frame held for @hold
 * seconds.  WebM (VP8) goes through GStreamer (appsrc ! videoconvert !
 * vp8enc ! webmmux); GIF through giflib, a palette of 256 colours chosen
 * for each frame.  Used by `pagewalk-cli animate` and the app's Export
 * Animation.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pw-render.h"
#include "pw-render-handout.h"   /* PwProgressFunc */
#include "pw-run.h"

G_BEGIN_DECLS

typedef enum
{
  PW_VIDEO_WEBM,
  PW_VIDEO_GIF,
} PwVideoFormat;

typedef struct
{
  PwView    view;
  PwTheme   theme;
  guint     width;         /* pixels (even: an odd width is rounded up) */
  guint     height;        /* pixels; 0: the tallest frame's natural height */
  guint     fps;           /* frames a second, 1 to 60 */
  double    hold;          /* seconds each step's final state stays */
  gboolean  reduced_motion;
  /* what is animated: positions first .. last (from 0) of the run ... */
  guint64   first, last;
  /* ... or, when translate, the translation of @va by @pid (0: the default
   * process) on the machine after @at positions */
  gboolean  translate;
  guint64   va;
  PwAccess  access;
  PwMode    mode;
  guint     pid;
  guint64   at;
} PwVideoOptions;

/* Defaults: overview, light, 1280 pixels wide, 25 fps, hold 1 s, every
 * step of the script. */
void      pw_video_options_init     (PwVideoOptions       *vo,
                                     const PwRun          *run);
/* The format named by @path's extension (.webm, .gif, any case). */
gboolean  pw_video_format_from_name (const char           *path,
                                     PwVideoFormat        *out);
/* Whether this system can write @format (WebM needs GStreamer's vp8enc and
 * webmmux); FALSE and @error saying what is missing. */
gboolean  pw_video_format_available (PwVideoFormat         format,
                                     GError              **error);

/* What the animation will be: its frames and their size in pixels.  FALSE
 * and @error when the run cannot be replayed or the translation fails. */
gboolean  pw_video_plan             (PwRun                *run,
                                     const PwVideoOptions *vo,
                                     guint64              *n_frames,
                                     guint                *width,
                                     guint                *height,
                                     GCancellable         *cancellable,
                                     GError              **error);

/* Writes the animation to @path (a temporary renamed when complete: nothing
 * is left behind on failure or cancellation).  @progress gets frames done
 * and frames in all.  FALSE and @error (PW_ERROR_IO, G_IO_ERROR_CANCELLED,
 * or the error of a translation that cannot be made) on failure. */
gboolean  pw_video_export           (const char           *path,
                                     PwVideoFormat         format,
                                     PwRun                *run,
                                     const PwVideoOptions *vo,
                                     GCancellable         *cancellable,
                                     PwProgressFunc        progress,
                                     gpointer              user_data,
                                     GError              **error);

G_END_DECLS

/* pw-canvas-private.h: what the canvas's files share
 *
 * pw-canvas.c measures and draws the diagram and runs the animation;
 * pw-canvas-describe.c puts what is drawn where into words;
 * pw-canvas-zoom.c zooms and pans.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pw-canvas.h"

G_BEGIN_DECLS

struct _PwCanvas
{
  GtkWidget        parent_instance;

  PwMachine       *machine;      /* not owned */
  PwRenderOptions  options;
  PwEvent          event;        /* owned copy, when options.event is set */
  PwMachine       *before;       /* owned: the machine before the step shown, while it
                                    unfolds (options.before), or NULL */
  PwHitMap        *hits;         /* in the renderer's (unzoomed) units */
  gboolean         hits_valid;
  int              hits_width;
  int              hits_height;

  double           speed;
  double           duration;
  gint64           start_time;   /* frame time of t = 0, or 0 before the first frame */
  guint            tick_id;
  char            *narration;

  /* the desktop's text: options.text_scale from gtk-xft-dpi, options.font_family
   * (owned here) from gtk-font-name */
  char            *font_family;

  /* zoom and pan (pw-canvas-zoom.c) */
  double           zoom;         /* widget pixels per renderer unit */
  double           pointer_x;    /* last pointer position, widget coordinates */
  double           pointer_y;
  gboolean         has_anchor;   /* keep the point below the anchor after a zoom */
  double           anchor_x;     /* the point, in renderer units */
  double           anchor_y;
  double           anchor_view_x; /* where it was, relative to the scrolled window */
  double           anchor_view_y;
  gboolean         anchor_has_hit; /* the object that was under the point: after a new
                                      layout (semantic zoom) it is found again */
  PwHit            anchor_hit;
  double           anchor_fx;    /* where in its rectangle the point was (0..1) */
  double           anchor_fy;
  double           pinch_zoom;   /* the zoom when a pinch began */
  double           drag_h;       /* the scroll position when a drag began */
  double           drag_v;
  double           drag_x;       /* where it began, relative to the scrolled window */
  double           drag_y;
  gboolean         panning;
};

/* The narrowest layout, in renderer units: wider at a large zoom scrolls. */
#define PW_CANVAS_MIN_LAYOUT_WIDTH 480

/* pw-canvas.c: the hit map of the current state, drawn off screen when the
 * last frame is older than the last change. */
void        pw_canvas_ensure_hits        (PwCanvas      *self);

/* pw-canvas-describe.c */
/* The virtual address a click on @hit translates, if any. */
gboolean    pw_canvas_hit_address        (PwCanvas      *self,
                                          const PwHit   *hit,
                                          guint         *pid,
                                          guint64       *va);

/* pw-canvas.c */
/* Redraws (and lays out again when @resize). */
void        pw_canvas_changed            (PwCanvas      *self,
                                          gboolean       resize);
/* Draws the hit map off screen when the last frame is older than the last
 * change. */
void        pw_canvas_ensure_hits        (PwCanvas      *self);

/* pw-canvas-select.c */
/* Adds the keys of the selection (Tab, arrows, Enter, Escape). */
void        pw_canvas_select_init        (PwCanvas      *self);
/* Sets the accessible description: the selection, then the narration. */
void        pw_canvas_update_description (PwCanvas      *self);

/* pw-canvas-zoom.c */
/* Adds the scroll, pinch, drag and key controllers and bindings. */
void        pw_canvas_zoom_init          (PwCanvas      *self);
void        pw_canvas_zoom_class_init    (GtkWidgetClass *widget_class);
/* Keeps the anchored point in place once the new size is allocated. */
void        pw_canvas_zoom_allocated     (PwCanvas      *self);
/* Redraws at the new zoom (pw-canvas.c). */
void        pw_canvas_zoom_changed       (PwCanvas      *self);

G_END_DECLS

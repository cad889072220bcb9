/* pw-canvas.h: the diagram widget, drawn by src/render
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pw-machine.h"
#include "pw-render.h"

G_BEGIN_DECLS

#define PW_TYPE_CANVAS (pw_canvas_get_type ())

G_DECLARE_FINAL_TYPE (PwCanvas, pw_canvas, PW, CANVAS, GtkWidget)

GtkWidget   *pw_canvas_new            (void);

/* The machine drawn; not owned: the caller keeps it alive until the next
 * call (NULL draws nothing).  Clears the walk shown. */
void         pw_canvas_set_machine    (PwCanvas      *self,
                                       PwMachine     *machine);
PwMachine   *pw_canvas_get_machine    (PwCanvas      *self);

PwView       pw_canvas_get_view       (PwCanvas      *self);
void         pw_canvas_set_view       (PwCanvas      *self,
                                       PwView         view);
/* The machine before the step shown, which the lab compares with (owned:
 * freed at the next call or with the canvas); NULL for none. */
void         pw_canvas_set_previous   (PwCanvas        *self,
                                       PwMachine       *previous);
/* The figures the compare view draws (not copied: the caller keeps them
 * until it sets others or NULL). */
void         pw_canvas_set_compare    (PwCanvas        *self,
                                       const PwCompare *compare);

/* Shows what a step did (copied), animated unless @animate is FALSE or the
 * system asks for reduced motion.  NULL shows no walk. */
void         pw_canvas_show_event     (PwCanvas      *self,
                                       const PwEvent *event,
                                       gboolean       animate);
/* The same for the step that led to the machine drawn: @before (taken,
 * freed by the canvas; may be NULL) is the machine before it, which the
 * panes around the walk show until the kernel acts (PwRenderOptions.before);
 * it is let go once the animation ends. */
void         pw_canvas_show_step      (PwCanvas      *self,
                                       const PwEvent *event,
                                       PwMachine     *before,
                                       gboolean       animate);
/* Shows a hardware walk of @pid (copied), animated likewise. */
void         pw_canvas_show_walk      (PwCanvas      *self,
                                       const PwWalk  *walk,
                                       guint          pid,
                                       gboolean       animate);
/* Jumps to the end of the animation. */
void         pw_canvas_finish         (PwCanvas      *self);
gboolean     pw_canvas_get_animating  (PwCanvas      *self);

/* The narration of the phase shown, or NULL when there is no walk. */
const char  *pw_canvas_get_narration  (PwCanvas      *self);

/* What is drawn at (@x, @y) in widget coordinates, or NULL; valid until the
 * next frame.  The hit's rectangle is in the renderer's units: times
 * pw_canvas_get_zoom() in widget coordinates. */
const PwHit *pw_canvas_hit_at         (PwCanvas      *self,
                                       double         x,
                                       double         y);
/* The tooltip text for a hit, or NULL. */
char        *pw_canvas_describe_hit   (PwCanvas      *self,
                                       const PwHit   *hit);

/* ---- zoom and pan (pw-canvas-zoom.c) ---- */

#define PW_CANVAS_ZOOM_MIN 0.5
#define PW_CANVAS_ZOOM_MAX 4.0

/* Widget pixels per unit of the renderer, which lays the view out again at
 * the width it then has (text is shaped at the new size, not blown up). */
double       pw_canvas_get_zoom       (PwCanvas      *self);
/* The narrowest width, in the renderer's units, the view is laid out at
 * when zoomed in (with large text, larger by the text scale): wider than
 * the window, the zoomed view scrolls. */
double       pw_canvas_get_min_layout_width (PwCanvas *self);
/* The height in pixels the view (its final state) takes @width pixels
 * wide at @zoom. */
double       pw_canvas_measure_height (PwCanvas *self,
                                       double    width,
                                       double    zoom);
/* Zooms about the middle of what is visible (clamped to the range). */
void         pw_canvas_set_zoom       (PwCanvas      *self,
                                       double         zoom);
/* Zooms keeping what is at (@x, @y), in widget coordinates, in place. */
void         pw_canvas_zoom_at        (PwCanvas      *self,
                                       double         zoom,
                                       double         x,
                                       double         y);
/* Zooms and scrolls to the top left corner. */
void         pw_canvas_zoom_top_left  (PwCanvas      *self,
                                       double         zoom);
/* The next and the previous of the zoom steps (50 % … 400 %). */
void         pw_canvas_zoom_in        (PwCanvas      *self);
void         pw_canvas_zoom_out       (PwCanvas      *self);
/* Scrolls the view by (@dx, @dy) widget pixels, when it is in a
 * GtkScrolledWindow. */
void         pw_canvas_pan            (PwCanvas      *self,
                                       double         dx,
                                       double         dy);

/* ---- the selection (pw-canvas-select.c) ---- */

/* The object selected (the fields of a hit that name it; the renderer
 * outlines it, PwRenderOptions.selection), or NULL. */
const PwHit *pw_canvas_get_selection  (PwCanvas      *self);
/* Selects @object (copied; NULL clears) and scrolls it into sight;
 * emits ::selection-changed. */
void         pw_canvas_set_selection  (PwCanvas      *self,
                                       const PwHit   *object);
/* Selects what is at (@x, @y), widget coordinates (a click); clears the
 * selection over empty space.  TRUE when something was there. */
gboolean     pw_canvas_select_at      (PwCanvas      *self,
                                       double         x,
                                       double         y);
/* Moves the selection: Tab forward and backward in drawing order, the
 * arrows to the nearest object that way (the first object without a
 * selection).  FALSE when there is none. */
gboolean     pw_canvas_move_selection (PwCanvas      *self,
                                       GtkDirectionType dir);
/* Follows the selection: a page-table entry to the table or the frame it
 * points to, a page to its frame or swap slot, a TLB entry to its frame, a
 * slot or a frame to the page it holds.  FALSE when it leads nowhere. */
gboolean     pw_canvas_follow         (PwCanvas      *self);
gboolean     pw_canvas_can_follow     (PwCanvas      *self);
/* The selection in words, or NULL (what a screen reader hears). */
char        *pw_canvas_describe_selection (PwCanvas  *self);
/* The value the page-table entry @entry (a PW_HIT_ENTRY: its table's frame
 * and index) holds now in @m's physical memory. */
guint64      pw_canvas_entry_value    (PwMachine     *m,
                                       const PwHit   *entry);

/* The desktop's text size against the renderer's reference (gtk-xft-dpi
 * over PW_RENDER_REFERENCE_DPI: 1.5 with Large Text), followed as it
 * changes; the view is laid out around it. */
double       pw_canvas_get_text_scale (PwCanvas      *self);

/* The options as drawn now (for exports). */
const PwRenderOptions *pw_canvas_get_options (PwCanvas *self);
/* The palette for the desktop's style: high contrast when it asks for it
 * (whatever its dark setting), else dark or light. */
PwTheme      pw_canvas_theme_for      (gboolean       dark,
                                       gboolean       high_contrast);

G_END_DECLS

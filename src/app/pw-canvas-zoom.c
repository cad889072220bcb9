/* pw-canvas-zoom.c: zooming and panning the diagram
 *
 * The zoom is semantic: pw-canvas.c gives the renderer the width divided by
 * the zoom and scales cairo by it, so the view is laid out again and its text
 * shaped at the larger size, and the renderer shows more detail (pages one
 * by one, their bytes: docs/rendering.md); what was under the pointer is
 * found again in the new layout and kept there.  The canvas lives in a GtkScrolledWindow, whose
 * adjustments pan it: a drag (with the middle button, or the primary one past
 * the drag threshold), Ctrl with the arrow keys, the scrollbars.  Ctrl+scroll
 * and a pinch zoom about the pointer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pagewalk"

#include "config.h"

#include <math.h>

#include "pw-canvas-private.h"

static const double zoom_steps[] = { 0.5, 0.67, 0.8, 1.0, 1.25, 1.5, 2.0, 2.5, 3.0, 4.0 };

static GtkScrolledWindow *
scroller (PwCanvas *self)
{
  GtkWidget *w = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_SCROLLED_WINDOW);

  return w != NULL ? GTK_SCROLLED_WINDOW (w) : NULL;
}

/* Where in the object's run (pages, frames, slots) a hit stands: the
 * first, and the count. */
static void
hit_range (const PwHit *h,
           guint64     *first,
           guint64     *count)
{
  *count = MAX (h->count, 1);
  switch (h->kind)
    {
    case PW_HIT_PAGE: *first = h->vpn; break;
    case PW_HIT_FRAME: *first = h->frame; break;
    case PW_HIT_SLOT: *first = h->slot; break;
    case PW_HIT_REGION:
    case PW_HIT_GAP: *first = h->start; *count = MAX (h->size, 1); break;
    default: *first = h->index; *count = 1; break;
    }
}

/* The hit of the new layout that stands for what @old stood for: the same
 * kind and process, holding the middle of its run (a page of a row that
 * became pages of their own); the smallest such. */
static const PwHit *
find_again (PwCanvas    *self,
            const PwHit *old)
{
  const PwHit *best = NULL;
  guint64 first, count, want;

  pw_canvas_ensure_hits (self);
  hit_range (old, &first, &count);
  want = first + count / 2;
  for (guint i = 0; i < pw_hit_map_size (self->hits); i++)
    {
      const PwHit *h = pw_hit_map_get (self->hits, i);
      guint64 f, n;

      if (h->kind != old->kind || h->pid != old->pid)
        continue;
      if ((h->kind == PW_HIT_BYTE || h->kind == PW_HIT_ENTRY) && h->frame != old->frame)
        continue;
      hit_range (h, &f, &n);
      if (want >= f && want - f < n && (best == NULL || h->width * h->height < best->width * best->height))
        best = h;
    }
  return best;
}

/* Puts the anchored point back below the place it was (the next frame, once
 * the scrolled window knows the new size). */
static gboolean
apply_anchor_cb (GtkWidget     *widget,
                 GdkFrameClock *clock,
                 gpointer       user_data)
{
  PwCanvas *self = PW_CANVAS (widget);
  GtkScrolledWindow *sw = scroller (self);
  const PwHit *same;
  double x, y;

  if (!self->has_anchor || sw == NULL)
    return G_SOURCE_REMOVE;
  self->has_anchor = FALSE;
  /* the object that was under the point, in the new layout (where pages
   * may have become marks of their own, or rows of bytes); else the same
   * fraction of the canvas */
  same = self->anchor_has_hit ? find_again (self, &self->anchor_hit) : NULL;
  if (same != NULL)
    {
      x = (same->x + self->anchor_fx * same->width) * self->zoom;
      y = (same->y + self->anchor_fy * same->height) * self->zoom;
    }
  else
    {
      x = self->anchor_x * gtk_widget_get_width (widget);
      y = self->anchor_y * gtk_widget_get_height (widget);
    }
  self->anchor_has_hit = FALSE;
  gtk_adjustment_set_value (gtk_scrolled_window_get_hadjustment (sw), x - self->anchor_view_x);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (sw), y - self->anchor_view_y);
  return G_SOURCE_REMOVE;
}

void
pw_canvas_zoom_allocated (PwCanvas *self)
{
  if (self->has_anchor)
    gtk_widget_add_tick_callback (GTK_WIDGET (self), apply_anchor_cb, NULL, NULL);
}

void
pw_canvas_zoom_at (PwCanvas *self,
                   double    zoom,
                   double    x,
                   double    y)
{
  GtkScrolledWindow *sw;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  graphene_point_t p;

  g_return_if_fail (PW_IS_CANVAS (self));

  zoom = CLAMP (zoom, PW_CANVAS_ZOOM_MIN, PW_CANVAS_ZOOM_MAX);
  if (fabs (zoom - self->zoom) < 1e-6)
    return;

  /* the layout changes with the width, so the point is kept as a fraction
   * of the canvas: exact when only the scale changes */
  sw = scroller (self);
  if (sw != NULL && width > 0 && height > 0
      && gtk_widget_compute_point (GTK_WIDGET (self), GTK_WIDGET (sw),
                                   &GRAPHENE_POINT_INIT (x, y), &p))
    {
      const PwHit *hit = pw_canvas_hit_at (self, x, y);

      self->has_anchor = TRUE;
      self->anchor_x = CLAMP (x / width, 0, 1);
      self->anchor_y = CLAMP (y / height, 0, 1);
      self->anchor_view_x = p.x;
      self->anchor_view_y = p.y;
      self->anchor_has_hit = hit != NULL;
      if (hit != NULL)
        {
          self->anchor_hit = *hit;
          self->anchor_fx = hit->width > 0 ? CLAMP ((x / self->zoom - hit->x) / hit->width, 0, 1) : 0.5;
          self->anchor_fy = hit->height > 0 ? CLAMP ((y / self->zoom - hit->y) / hit->height, 0, 1) : 0.5;
        }
    }
  self->zoom = zoom;
  pw_canvas_zoom_changed (self);
}

double
pw_canvas_get_min_layout_width (PwCanvas *self)
{
  g_return_val_if_fail (PW_IS_CANVAS (self), PW_CANVAS_MIN_LAYOUT_WIDTH);

  /* the width below which pw_render_draw() scales the view down, or the
   * canvas's own floor for views that adapt to any width; the renderer lays
   * it out that wide after dividing by the text scale */
  double w = pw_render_min_width (self->options.view);

  return (w > 0 ? w : PW_CANVAS_MIN_LAYOUT_WIDTH) * self->options.text_scale;
}

double
pw_canvas_measure_height (PwCanvas *self,
                          double    width,
                          double    zoom)
{
  PwRenderOptions o;
  double height = 0;

  g_return_val_if_fail (PW_IS_CANVAS (self), 0);
  if (self->machine == NULL || zoom <= 0)
    return 0;
  /* as the canvas measures itself (pw-canvas.c) */
  o = self->options;
  o.t = PW_RENDER_T_FINAL;
  o.scale = gtk_widget_get_scale_factor (GTK_WIDGET (self)) * zoom;
  o.zoom = zoom;
  pw_render_measure (self->machine, &o, width / zoom, &height);
  return height * zoom;
}

void
pw_canvas_zoom_top_left (PwCanvas *self,
                         double    zoom)
{
  g_return_if_fail (PW_IS_CANVAS (self));

  zoom = CLAMP (zoom, PW_CANVAS_ZOOM_MIN, PW_CANVAS_ZOOM_MAX);
  self->has_anchor = TRUE;
  self->anchor_has_hit = FALSE;
  self->anchor_x = self->anchor_y = 0;
  self->anchor_view_x = self->anchor_view_y = 0;
  if (fabs (zoom - self->zoom) < 1e-6)
    {
      /* the same size: no allocation to wait for */
      pw_canvas_zoom_allocated (self);
      return;
    }
  self->zoom = zoom;
  pw_canvas_zoom_changed (self);
}

double
pw_canvas_get_zoom (PwCanvas *self)
{
  g_return_val_if_fail (PW_IS_CANVAS (self), 1.0);

  return self->zoom;
}

void
pw_canvas_set_zoom (PwCanvas *self,
                    double    zoom)
{
  GtkScrolledWindow *sw;

  g_return_if_fail (PW_IS_CANVAS (self));

  sw = scroller (self);
  if (sw != NULL)
    {
      GtkAdjustment *h = gtk_scrolled_window_get_hadjustment (sw);
      GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (sw);

      pw_canvas_zoom_at (self, zoom,
                         gtk_adjustment_get_value (h) + gtk_adjustment_get_page_size (h) / 2,
                         gtk_adjustment_get_value (v) + gtk_adjustment_get_page_size (v) / 2);
    }
  else
    pw_canvas_zoom_at (self, zoom, 0, 0);
}

void
pw_canvas_zoom_in (PwCanvas *self)
{
  g_return_if_fail (PW_IS_CANVAS (self));

  for (guint i = 0; i < G_N_ELEMENTS (zoom_steps); i++)
    if (zoom_steps[i] > self->zoom + 0.01)
      {
        pw_canvas_set_zoom (self, zoom_steps[i]);
        return;
      }
}

void
pw_canvas_zoom_out (PwCanvas *self)
{
  g_return_if_fail (PW_IS_CANVAS (self));

  for (guint i = G_N_ELEMENTS (zoom_steps); i > 0; i--)
    if (zoom_steps[i - 1] < self->zoom - 0.01)
      {
        pw_canvas_set_zoom (self, zoom_steps[i - 1]);
        return;
      }
}

void
pw_canvas_pan (PwCanvas *self,
               double    dx,
               double    dy)
{
  GtkScrolledWindow *sw;
  GtkAdjustment *h, *v;

  g_return_if_fail (PW_IS_CANVAS (self));

  sw = scroller (self);
  if (sw == NULL)
    return;
  h = gtk_scrolled_window_get_hadjustment (sw);
  v = gtk_scrolled_window_get_vadjustment (sw);
  gtk_adjustment_set_value (h, gtk_adjustment_get_value (h) + dx);
  gtk_adjustment_set_value (v, gtk_adjustment_get_value (v) + dy);
}

/* ---- input ----------------------------------------------------------------- */

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           PwCanvas                 *self)
{
  GdkModifierType state;

  state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  if ((state & GDK_CONTROL_MASK) == 0 || dy == 0)
    return FALSE;   /* the scrolled window scrolls */
  pw_canvas_zoom_at (self, self->zoom * pow (1.2, -dy), self->pointer_x, self->pointer_y);
  return TRUE;
}

static void
pinch_begin_cb (GtkGesture       *gesture,
                GdkEventSequence *sequence,
                PwCanvas         *self)
{
  self->pinch_zoom = self->zoom;
}

static void
pinch_scale_cb (GtkGestureZoom *gesture,
                double          scale,
                PwCanvas       *self)
{
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    x = self->pointer_x, y = self->pointer_y;
  pw_canvas_zoom_at (self, self->pinch_zoom * scale, x, y);
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               PwCanvas       *self)
{
  GtkScrolledWindow *sw = scroller (self);
  graphene_point_t p;

  self->panning = FALSE;
  if (sw == NULL
      || !gtk_widget_compute_point (GTK_WIDGET (self), GTK_WIDGET (sw),
                                    &GRAPHENE_POINT_INIT (x, y), &p))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  self->drag_x = p.x;
  self->drag_y = p.y;
  self->drag_h = gtk_adjustment_get_value (gtk_scrolled_window_get_hadjustment (sw));
  self->drag_v = gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (sw));
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          offset_x,
                double          offset_y,
                PwCanvas       *self)
{
  GtkScrolledWindow *sw = scroller (self);
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  double x, y;
  graphene_point_t p;

  if (sw == NULL)
    return;
  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  if (!self->panning)
    {
      /* the primary button clicks (translates) until it moves far enough */
      if (button == GDK_BUTTON_PRIMARY
          && !gtk_drag_check_threshold (GTK_WIDGET (self), x, y, x + offset_x, y + offset_y))
        return;
      self->panning = TRUE;
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
    }
  /* the canvas moves below the pointer: measure in the scrolled window */
  if (!gtk_widget_compute_point (GTK_WIDGET (self), GTK_WIDGET (sw),
                                 &GRAPHENE_POINT_INIT (x + offset_x, y + offset_y), &p))
    return;
  gtk_adjustment_set_value (gtk_scrolled_window_get_hadjustment (sw),
                            self->drag_h - (p.x - self->drag_x));
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (sw),
                            self->drag_v - (p.y - self->drag_y));
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          offset_x,
             double          offset_y,
             PwCanvas       *self)
{
  if (self->panning)
    gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
  self->panning = FALSE;
}

static void
pan_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  PwCanvas *self = PW_CANVAS (widget);
  GtkScrolledWindow *sw = scroller (self);
  int dx, dy;
  double step_x, step_y;

  if (sw == NULL)
    return;
  g_variant_get (parameter, "(ii)", &dx, &dy);
  /* a tenth of what is visible a press */
  step_x = MAX (40, gtk_adjustment_get_page_size (gtk_scrolled_window_get_hadjustment (sw)) / 10);
  step_y = MAX (40, gtk_adjustment_get_page_size (gtk_scrolled_window_get_vadjustment (sw)) / 10);
  pw_canvas_pan (self, dx * step_x, dy * step_y);
}

void
pw_canvas_zoom_class_init (GtkWidgetClass *widget_class)
{
  static const struct
  {
    guint key;
    int   dx, dy;
  } keys[] = {
    { GDK_KEY_Left, -1, 0 },
    { GDK_KEY_KP_Left, -1, 0 },
    { GDK_KEY_Right, 1, 0 },
    { GDK_KEY_KP_Right, 1, 0 },
    { GDK_KEY_Up, 0, -1 },
    { GDK_KEY_KP_Up, 0, -1 },
    { GDK_KEY_Down, 0, 1 },
    { GDK_KEY_KP_Down, 0, 1 },
  };

  /* Ctrl with the arrows pans (the plain arrows step through the script) */
  gtk_widget_class_install_action (widget_class, "canvas.pan", "(ii)", pan_action);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_widget_class_add_binding_action (widget_class, keys[i].key, GDK_CONTROL_MASK,
                                         "canvas.pan", "(ii)", keys[i].dx, keys[i].dy);
}

void
pw_canvas_zoom_init (PwCanvas *self)
{
  GtkEventController *scroll;
  GtkGesture *pinch, *drag;

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  g_signal_connect_object (scroll, "scroll", G_CALLBACK (scroll_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);

  pinch = gtk_gesture_zoom_new ();
  g_signal_connect_object (pinch, "begin", G_CALLBACK (pinch_begin_cb), self, 0);
  g_signal_connect_object (pinch, "scale-changed", G_CALLBACK (pinch_scale_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (pinch));

  drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), 0);
  g_signal_connect_object (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self, 0);
  g_signal_connect_object (drag, "drag-update", G_CALLBACK (drag_update_cb), self, 0);
  g_signal_connect_object (drag, "drag-end", G_CALLBACK (drag_end_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
}

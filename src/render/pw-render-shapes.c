/* pw-render-shapes.c: the shapes the views draw with: rectangles, hatching,
 * arrows, break marks, the disk glyph, fading groups
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-render"

#include "config.h"

#include <math.h>

#include "pw-render-private.h"

/* ---- shapes ---------------------------------------------------------------- */

void
pw_rect (PwCtx  *c,
         double  x,
         double  y,
         double  w,
         double  h)
{
  cairo_rectangle (c->cr, x, y, w, h);
}

void
pw_round_rect (PwCtx  *c,
               double  x,
               double  y,
               double  w,
               double  h,
               double  r)
{
  cairo_t *cr = c->cr;

  r = MIN (r, MIN (w, h) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

void
pw_stroke_rect (PwCtx       *c,
                const PwRgb *col,
                double       lw,
                double       x,
                double       y,
                double       w,
                double       h)
{
  cairo_rectangle (c->cr, x + lw / 2, y + lw / 2, MAX (w - lw, 0), MAX (h - lw, 0));
  pw_set_rgb (c, col);
  cairo_set_line_width (c->cr, lw);
  cairo_stroke (c->cr);
}

void
pw_fill_rect (PwCtx       *c,
              const PwRgb *col,
              double       x,
              double       y,
              double       w,
              double       h)
{
  cairo_rectangle (c->cr, x, y, w, h);
  pw_set_rgb (c, col);
  cairo_fill (c->cr);
}

void
pw_hatch (PwCtx       *c,
          const PwRgb *col,
          double       spacing,
          double       lw,
          double       x,
          double       y,
          double       w,
          double       h)
{
  cairo_t *cr = c->cr;

  if (w <= 0 || h <= 0)
    return;
  cairo_save (cr);
  cairo_rectangle (cr, x, y, w, h);
  cairo_clip (cr);
  pw_set_rgb (c, col);
  /* thin parallelograms, filled: cheaper than stroking each line */
  {
    double t = lw * G_SQRT2 / 2;
    for (double d = x - h; d < x + w; d += spacing)
      {
        cairo_move_to (cr, d - t, y + h);
        cairo_line_to (cr, d + t, y + h);
        cairo_line_to (cr, d + h + t, y);
        cairo_line_to (cr, d + h - t, y);
        cairo_close_path (cr);
      }
  }
  cairo_fill (cr);
  cairo_restore (cr);
}

void
pw_dots (PwCtx       *c,
         const PwRgb *col,
         double       spacing,
         double       x,
         double       y,
         double       w,
         double       h)
{
  cairo_t *cr = c->cr;
  int row = 0;

  if (w <= 0 || h <= 0)
    return;
  cairo_save (cr);
  cairo_rectangle (cr, x, y, w, h);
  cairo_clip (cr);
  pw_set_rgb (c, col);
  for (double yy = y + spacing / 2; yy < y + h; yy += spacing, row++)
    for (double xx = x + spacing / 2 + (row % 2) * spacing / 2; xx < x + w; xx += spacing)
      cairo_rectangle (cr, xx - 0.8, yy - 0.8, 1.6, 1.6);
  cairo_fill (cr);
  cairo_restore (cr);
}

void
pw_arrow_head (PwCtx       *c,
               const PwRgb *col,
               double       x,
               double       y,
               double       angle,
               double       size)
{
  cairo_t *cr = c->cr;

  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_rotate (cr, angle);
  cairo_move_to (cr, 0, 0);
  cairo_line_to (cr, -size, -size * 0.5);
  cairo_line_to (cr, -size * 0.75, 0);
  cairo_line_to (cr, -size, size * 0.5);
  cairo_close_path (cr);
  pw_set_rgb (c, col);
  cairo_fill (cr);
  cairo_restore (cr);
}

static void
bezier_point (const double *px,
              const double *py,
              double        t,
              double       *x,
              double       *y)
{
  double u = 1 - t;

  *x = u * u * u * px[0] + 3 * u * u * t * px[1] + 3 * u * t * t * px[2] + t * t * t * px[3];
  *y = u * u * u * py[0] + 3 * u * u * t * py[1] + 3 * u * t * t * py[2] + t * t * t * py[3];
}

void
pw_arrow (PwCtx       *c,
          const PwRgb *col,
          double       lw,
          double       x0,
          double       y0,
          double       x1,
          double       y1,
          gboolean     vertical_first,
          double       p)
{
  cairo_t *cr = c->cr;
  double px[4], py[4], ex, ey, bx, by, head = 6 + lw * 2;
  const int n = 24;

  if (p <= 0)
    return;
  p = MIN (p, 1);
  px[0] = x0;
  py[0] = y0;
  px[3] = x1;
  py[3] = y1;
  if (vertical_first)
    {
      px[1] = x0;
      py[1] = y0 + (y1 - y0) * 0.6;
      px[2] = x1;
      py[2] = y1 - (y1 - y0) * 0.4;
    }
  else
    {
      px[1] = x0 + (x1 - x0) * 0.5;
      py[1] = y0;
      px[2] = x1 - (x1 - x0) * 0.5;
      py[2] = y1;
    }
  pw_set_rgb (c, col);
  cairo_set_line_width (cr, lw);
  cairo_move_to (cr, x0, y0);
  for (int i = 1; i <= n; i++)
    {
      double t = p * i / n, x, y;
      bezier_point (px, py, t, &x, &y);
      /* stop short of the tip so the line does not poke through the head */
      if (i == n)
        {
          double tb = MAX (p - 0.02, 0);
          bezier_point (px, py, tb, &bx, &by);
          {
            double dx = x - bx, dy = y - by, len = sqrt (dx * dx + dy * dy);
            if (len > 0)
              {
                x -= dx / len * head * 0.6;
                y -= dy / len * head * 0.6;
              }
          }
        }
      cairo_line_to (cr, x, y);
    }
  cairo_stroke (cr);
  bezier_point (px, py, p, &ex, &ey);
  bezier_point (px, py, MAX (p - 0.02, 0), &bx, &by);
  if (ex != bx || ey != by)
    pw_arrow_head (c, col, ex, ey, atan2 (ey - by, ex - bx), head);
}

/* One zig-zag line as a thin filled band: filling is much cheaper than
 * stroking a polyline of this many corners, and looks the same. */
static double
zigzag_y (double x0,
          double xx,
          double yy)
{
  double ph = fmod (xx - x0, 8);

  return yy - 3 * (ph <= 4 ? ph / 4 : (8 - ph) / 4);
}

static void
zigzag_band (cairo_t *cr,
             double   x0,
             double   x1,
             double   yy,
             double   t)
{
  double xx;
  int n;

  if (x1 <= x0)
    return;
  n = (int) ceil ((x1 - x0) / 4);
  cairo_move_to (cr, x0, yy - t / 2);
  for (int i = 1; i <= n; i++)
    {
      xx = MIN (x0 + 4 * i, x1);
      cairo_line_to (cr, xx, zigzag_y (x0, xx, yy) - t / 2);
    }
  for (int i = n; i >= 0; i--)
    {
      xx = MIN (x0 + 4 * i, x1);
      cairo_line_to (cr, xx, zigzag_y (x0, xx, yy) + t / 2);
    }
  cairo_close_path (cr);
}

void
pw_break_mark_gap (PwCtx       *c,
                   const PwRgb *col,
                   double       x,
                   double       y,
                   double       w,
                   double       skip0,
                   double       skip1)
{
  cairo_t *cr = c->cr;

  for (int k = 0; k < 2; k++)
    {
      double yy = y + (k == 0 ? -3 : 3) + 1.5;
      if (skip1 > skip0)
        {
          /* nothing under the label: it would be covered anyway */
          zigzag_band (cr, x, MIN (skip0, x + w), yy, 1.2);
          zigzag_band (cr, MAX (skip1, x), x + w, yy, 1.2);
        }
      else
        zigzag_band (cr, x, x + w, yy, 1.2);
    }
  pw_set_rgb (c, col);
  cairo_fill (cr);
}

void
pw_break_mark (PwCtx       *c,
               const PwRgb *col,
               double       x,
               double       y,
               double       w)
{
  pw_break_mark_gap (c, col, x, y, w, 0, 0);
}

void
pw_disk_glyph (PwCtx       *c,
               const PwRgb *col,
               double       x,
               double       y,
               double       size)
{
  cairo_t *cr = c->cr;
  double rx = size / 2, ry = size / 6;

  /* a cylinder */
  cairo_save (cr);
  pw_set_rgb (c, col);
  cairo_set_line_width (cr, MAX (1.0, size / 12));
  cairo_save (cr);
  cairo_translate (cr, x + rx, y + ry);
  cairo_scale (cr, rx, ry);
  cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
  cairo_restore (cr);
  cairo_stroke (cr);
  cairo_move_to (cr, x, y + ry);
  cairo_line_to (cr, x, y + size - ry);
  cairo_save (cr);
  cairo_translate (cr, x + rx, y + size - ry);
  cairo_scale (cr, rx, ry);
  cairo_arc_negative (cr, 1, 0, 1, 0, G_PI);
  cairo_restore (cr);
  cairo_move_to (cr, x + size, y + size - ry);
  cairo_line_to (cr, x + size, y + ry);
  cairo_stroke (cr);
  cairo_restore (cr);
}

void
pw_panel_title (PwCtx      *c,
                const char *title,
                double      x,
                double      y,
                double      w)
{
  pw_text (c, PW_FONT_TITLE, &c->pal->fg, title, x, y, w, PW_ALIGN_LEFT);
}

/* ---- fading ---------------------------------------------------------------- */

gboolean
pw_fade_begin (PwCtx  *c,
               double  alpha,
               double  x,
               double  y,
               double  w,
               double  h)
{
  /* at full opacity (every final state) no group: drawing straight is the
   * same picture without a surface to clear and composite */
  if (alpha >= 1)
    return FALSE;
  cairo_save (c->cr);
  cairo_rectangle (c->cr, x, y, w, h);
  cairo_clip (c->cr);
  cairo_push_group (c->cr);
  return TRUE;
}

void
pw_fade_end (PwCtx    *c,
             gboolean  pushed,
             double    alpha)
{
  if (!pushed)
    return;
  cairo_pop_group_to_source (c->cr);
  cairo_paint_with_alpha (c->cr, MAX (alpha, 0));
  cairo_restore (c->cr);
}

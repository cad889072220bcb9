/* pw-render-check.c: the layout self-check: the labels a drawing shortened,
 * dropped, cut off or laid over one another (PwLayoutReport, pw-render.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-render"

#include "config.h"

#include <math.h>
#include <string.h>

#include "pw-render-private.h"

/* Boxes are logical extents, which include some leading: overlaps smaller
 * than this (in logical pixels) are the leading of neighbours, not ink. */
#define OVERLAP_SLACK 2.0
/* How far a label's box may cover a mark (pw_check_mark). */
#define MARK_SLACK 1.0
/* How far a label may reach past the clip (antialiasing, rounding). */
#define CLIP_SLACK 1.0

static void
problem_clear (gpointer data)
{
  PwLayoutProblem *p = data;

  g_free (p->text);
  g_free (p->other);
}

static void
box_clear (gpointer data)
{
  PwLabelBox *b = data;

  g_free (b->text);
}

PwLayoutReport *
pw_layout_report_new (void)
{
  PwLayoutReport *r = g_new0 (PwLayoutReport, 1);

  r->problems = g_array_new (FALSE, TRUE, sizeof (PwLayoutProblem));
  g_array_set_clear_func (r->problems, problem_clear);
  r->boxes = g_array_new (FALSE, TRUE, sizeof (PwLabelBox));
  g_array_set_clear_func (r->boxes, box_clear);
  return r;
}

void
pw_layout_report_free (PwLayoutReport *r)
{
  if (r == NULL)
    return;
  g_array_unref (r->problems);
  g_array_unref (r->boxes);
  g_free (r);
}

void
pw_layout_report_clear (PwLayoutReport *r)
{
  g_return_if_fail (r != NULL);
  g_array_set_size (r->problems, 0);
  g_array_set_size (r->boxes, 0);
}

void
pw_layout_report_begin (PwLayoutReport *r)
{
  g_array_set_size (r->boxes, 0);
}

guint
pw_layout_report_size (const PwLayoutReport *r)
{
  g_return_val_if_fail (r != NULL, 0);
  return r->problems->len;
}

const PwLayoutProblem *
pw_layout_report_get (const PwLayoutReport *r,
                      guint                 i)
{
  g_return_val_if_fail (r != NULL && i < r->problems->len, NULL);
  return &g_array_index (r->problems, PwLayoutProblem, i);
}

gboolean
pw_layout_problem_is_serious (const PwLayoutProblem *p)
{
  g_return_val_if_fail (p != NULL, FALSE);
  switch (p->kind)
    {
    case PW_LAYOUT_SHORTENED:
    case PW_LAYOUT_CLIPPED:
      return p->has_number;
    case PW_LAYOUT_OVERLAP:
      return TRUE;
    case PW_LAYOUT_CROWDED:
      return p->has_number;
    case PW_LAYOUT_DROPPED:
    default:
      return FALSE;
    }
}

guint
pw_layout_report_n_serious (const PwLayoutReport *r)
{
  guint n = 0;

  g_return_val_if_fail (r != NULL, 0);
  for (guint i = 0; i < r->problems->len; i++)
    n += pw_layout_problem_is_serious (&g_array_index (r->problems, PwLayoutProblem, i));
  return n;
}

const char *
pw_layout_kind_name (PwLayoutKind kind)
{
  switch (kind)
    {
    case PW_LAYOUT_SHORTENED:
      return "shortened";
    case PW_LAYOUT_DROPPED:
      return "dropped";
    case PW_LAYOUT_CLIPPED:
      return "clipped";
    case PW_LAYOUT_OVERLAP:
      return "overlap";
    case PW_LAYOUT_CROWDED:
      return "crowded";
    default:
      return "unknown";
    }
}

gboolean
pw_text_has_number (const char *text)
{
  for (const char *s = text; s != NULL && *s != '\0'; s = g_utf8_next_char (s))
    if (g_unichar_isdigit (g_utf8_get_char (s)))
      return TRUE;
  return FALSE;
}

static void
add_problem (PwLayoutReport *r,
             PwLayoutKind    kind,
             const char     *text,
             const char     *other,
             double          x,
             double          y,
             double          w,
             double          h)
{
  PwLayoutProblem p = { 0 };

  p.kind = kind;
  p.text = g_strdup (text);
  p.other = g_strdup (other);
  p.has_number = pw_text_has_number (text)
                 || ((kind == PW_LAYOUT_OVERLAP || kind == PW_LAYOUT_CROWDED)
                     && pw_text_has_number (other));
  p.x = x, p.y = y, p.width = w, p.height = h;
  g_array_append_val (r->problems, p);
}

/* The box in the caller's logical pixels (device coordinates divided by
 * the scale), so that boxes drawn under different transformations compare
 * and a report does not depend on --scale. */
static void
to_logical (PwCtx  *c,
            double *x,
            double *y,
            double *w,
            double *h)
{
  double x0 = *x, y0 = *y, x1 = *x + *w, y1 = *y + *h;
  double k = c->o->scale > 0 ? c->o->scale : 1.0;

  cairo_user_to_device (c->cr, &x0, &y0);
  cairo_user_to_device (c->cr, &x1, &y1);
  *x = MIN (x0, x1) / k, *y = MIN (y0, y1) / k;
  *w = fabs (x1 - x0) / k, *h = fabs (y1 - y0) / k;
}

void
pw_check_label (PwCtx      *c,
                const char *text,
                gboolean    shortened,
                double      x,
                double      y,
                double      w,
                double      h)
{
  PwLayoutReport *r = c->report;
  PwLabelBox box;
  double cx0, cy0, cx1, cy1, k;

  if (r == NULL)
    return;

  /* cut off by the clip (the drawing's edge or a view's own) */
  cairo_clip_extents (c->cr, &cx0, &cy0, &cx1, &cy1);
  if (x < cx0 - CLIP_SLACK || y < cy0 - CLIP_SLACK
      || x + w > cx1 + CLIP_SLACK || y + h > cy1 + CLIP_SLACK)
    {
      double bx = x, by = y, bw = w, bh = h;

      to_logical (c, &bx, &by, &bw, &bh);
      add_problem (r, PW_LAYOUT_CLIPPED, text, NULL, bx, by, bw, bh);
    }

  /* the drawing's own units per logical pixel: a view drawn scaled down
   * (narrower than its least width) keeps its gaps in proportion */
  k = h;
  to_logical (c, &x, &y, &w, &h);
  k = k > 0 && h > 0 ? h / k : 1;
  if (shortened)
    add_problem (r, PW_LAYOUT_SHORTENED, text, NULL, x, y, w, h);

  for (guint i = 0; i < r->boxes->len; i++)
    {
      const PwLabelBox *b = &g_array_index (r->boxes, PwLabelBox, i);
      double ox = MIN (x + w, b->x + b->w) - MAX (x, b->x);
      double oy = MIN (y + h, b->y + b->h) - MAX (y, b->y);

      /* the same label drawn again in the same place (a highlight) */
      if (fabs (b->x - x) < 0.5 && fabs (b->y - y) < 0.5 && strcmp (b->text, text) == 0)
        continue;
      /* a mark (a highlight's edge, a few pixels thin) is not a
       * neighbouring row's leading: any real overlap counts */
      if (b->mark ? ox > MARK_SLACK && oy > MARK_SLACK : ox > OVERLAP_SLACK && oy > OVERLAP_SLACK)
        {
          add_problem (r, PW_LAYOUT_OVERLAP, text, b->text, x, y, w, h);
          break;
        }
      /* side by side on one line (most of the shorter one's height shared)
       * with less than a space between them: "39" "38" read "3938" */
      if (!b->mark && ox > -PW_LAYOUT_MIN_GAP * MIN (k, 1) && oy > 0.6 * MIN (h, b->h))
        {
          add_problem (r, PW_LAYOUT_CROWDED, text, b->text, x, y, w, h);
          break;
        }
    }

  box.x = x, box.y = y, box.w = w, box.h = h;
  box.text = g_strdup (text);
  box.mark = FALSE;
  g_array_append_val (r->boxes, box);
}

void
pw_check_dropped (PwCtx      *c,
                  const char *text,
                  double      x,
                  double      y,
                  double      w)
{
  double h = 0;

  if (c->report == NULL || text == NULL || *text == '\0')
    return;
  to_logical (c, &x, &y, &w, &h);
  add_problem (c->report, PW_LAYOUT_DROPPED, text, NULL, x, y, MAX (w, 0), 0);
}

void
pw_check_mark (PwCtx      *c,
               const char *what,
               double      x,
               double      y,
               double      w,
               double      h)
{
  PwLabelBox box;

  if (c->report == NULL)
    return;
  to_logical (c, &x, &y, &w, &h);
  /* labels drawn before the mark that it covers */
  for (guint i = 0; i < c->report->boxes->len; i++)
    {
      const PwLabelBox *b = &g_array_index (c->report->boxes, PwLabelBox, i);
      double ox = MIN (x + w, b->x + b->w) - MAX (x, b->x);
      double oy = MIN (y + h, b->y + b->h) - MAX (y, b->y);

      if (!b->mark && ox > MARK_SLACK && oy > MARK_SLACK)
        add_problem (c->report, PW_LAYOUT_OVERLAP, b->text, what, b->x, b->y, b->w, b->h);
    }
  box.x = x, box.y = y, box.w = w, box.h = h;
  box.text = g_strdup (what);
  box.mark = TRUE;
  g_array_append_val (c->report->boxes, box);
}

void
pw_check_outline (PwCtx      *c,
                  const char *what,
                  double      x,
                  double      y,
                  double      w,
                  double      h,
                  double      lw)
{
  if (c->report == NULL)
    return;
  pw_check_mark (c, what, x - lw / 2, y - lw / 2, w + lw, lw);
  pw_check_mark (c, what, x - lw / 2, y + h - lw / 2, w + lw, lw);
  pw_check_mark (c, what, x - lw / 2, y - lw / 2, lw, h + lw);
  pw_check_mark (c, what, x + w - lw / 2, y - lw / 2, lw, h + lw);
}

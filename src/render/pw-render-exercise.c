/* pw-render-exercise.c: an exercise sheet or its answer key as a PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-render"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "pw-number.h"
#include "pw-present.h"
#include "pw-render-exercise.h"
#include "pw-render-export.h"

/* A4 portrait, in points */
#define PAGE_W  595.28
#define PAGE_H  841.89
#define MARGIN  48.0
#define CELL_PAD 5.0

typedef struct
{
  cairo_t  *cr;
  double    y;
  guint     page;
  const char *footer;
} Sheet;

static PangoLayout *
layout (cairo_t    *cr,
        const char *text,
        double      size,
        gboolean    bold,
        gboolean    mono,
        double      width)
{
  PangoLayout *l = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_new ();

  pango_font_description_set_family (font, mono ? "Monospace" : "Sans");
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_layout_set_font_description (l, font);
  pango_font_description_free (font);
  if (width > 0)
    {
      pango_layout_set_width (l, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (l, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_text (l, text, -1);
  return l;
}

static void
size_of (PangoLayout *l,
         double      *w,
         double      *h)
{
  int pw, ph;

  pango_layout_get_size (l, &pw, &ph);
  *w = (double) pw / PANGO_SCALE;
  *h = (double) ph / PANGO_SCALE;
}

static void
footer (Sheet *s)
{
  g_autofree char *page = g_strdup_printf (_("page %s"), PW_DEC (s->page));
  g_autoptr(PangoLayout) l = layout (s->cr, s->footer, 8, FALSE, FALSE, 0);
  g_autoptr(PangoLayout) r = layout (s->cr, page, 8, FALSE, FALSE, 0);
  double w, h;

  cairo_set_source_rgb (s->cr, 0.35, 0.35, 0.35);
  cairo_move_to (s->cr, MARGIN, PAGE_H - MARGIN + 16);
  pango_cairo_show_layout (s->cr, l);
  size_of (r, &w, &h);
  cairo_move_to (s->cr, PAGE_W - MARGIN - w, PAGE_H - MARGIN + 16);
  pango_cairo_show_layout (s->cr, r);
}

/* Room for @h more points, else a new page. */
static void
need (Sheet  *s,
      double  h)
{
  if (s->y + h <= PAGE_H - MARGIN)
    return;
  footer (s);
  cairo_show_page (s->cr);
  s->page++;
  s->y = MARGIN;
}

static void
paragraph (Sheet      *s,
           const char *text,
           double      size,
           gboolean    bold,
           gboolean    mono,
           double      after)
{
  g_autoptr(PangoLayout) l = layout (s->cr, text, size, bold, mono, PAGE_W - 2 * MARGIN);
  double w, h;

  size_of (l, &w, &h);
  need (s, h);
  cairo_set_source_rgb (s->cr, 0, 0, 0);
  cairo_move_to (s->cr, MARGIN, s->y);
  pango_cairo_show_layout (s->cr, l);
  s->y += h + after;
}

static gboolean
column_shown (const PwExerciseTable *t,
              guint                  col,
              gboolean               answers)
{
  for (guint r = 0; r < t->rows->len; r++)
    {
      const PwExerciseRow *row = t->rows->pdata[r];
      if (col < row->cells->len && ((PwCell *) row->cells->pdata[col])->kind == PW_CELL_WORKING)
        return answers;
    }
  return TRUE;
}

static void
table (Sheet                 *s,
       const PwExerciseTable *t,
       gboolean               answers)
{
  guint n = t->columns->len;
  g_autofree double *width = g_new0 (double, n);
  double total = 0, avail = PAGE_W - 2 * MARGIN, head_h = 0, x;

  if (t->heading != NULL)
    paragraph (s, t->heading, 12, TRUE, FALSE, 4);

  /* each column as wide as its widest text (answers too: the blank on the
   * sheet has the room its answer needs); the working column takes the rest */
  for (guint c = 0; c < n; c++)
    {
      g_autoptr(PangoLayout) l = NULL;
      double w, h;

      if (!column_shown (t, c, answers))
        continue;
      l = layout (s->cr, t->columns->pdata[c], 8.5, TRUE, FALSE, 0);
      size_of (l, &w, &h);
      width[c] = w;
      for (guint r = 0; r < t->rows->len; r++)
        {
          const PwExerciseRow *row = t->rows->pdata[r];
          const PwCell *cell;
          g_autoptr(PangoLayout) cl = NULL;

          if (c >= row->cells->len)
            continue;
          cell = row->cells->pdata[c];
          if (cell->kind == PW_CELL_WORKING)
            continue;
          cl = layout (s->cr, cell->text, 9, cell->kind == PW_CELL_ANSWER, TRUE, 0);
          size_of (cl, &w, &h);
          width[c] = MAX (width[c], w);
        }
      width[c] += 2 * CELL_PAD;
      total += width[c];
    }
  for (guint c = 0; c < n; c++)
    if (column_shown (t, c, answers) && width[c] > 0 && total > avail)
      width[c] *= avail / total;
  for (guint c = 0; c < n; c++)
    if (answers && !column_shown (t, c, FALSE))
      width[c] = MAX (avail - (total - width[c]), 60);

  /* the header */
  for (guint c = 0; c < n; c++)
    if (width[c] > 0)
      {
        g_autoptr(PangoLayout) l = layout (s->cr, t->columns->pdata[c], 8.5, TRUE, FALSE, width[c] - 2 * CELL_PAD);
        double w, h;
        size_of (l, &w, &h);
        head_h = MAX (head_h, h + 2 * CELL_PAD);
      }
  need (s, head_h + 20);
  x = MARGIN;
  for (guint c = 0; c < n; c++)
    if (width[c] > 0)
      {
        g_autoptr(PangoLayout) l = layout (s->cr, t->columns->pdata[c], 8.5, TRUE, FALSE, width[c] - 2 * CELL_PAD);
        cairo_set_source_rgb (s->cr, 0.9, 0.9, 0.9);
        cairo_rectangle (s->cr, x, s->y, width[c], head_h);
        cairo_fill (s->cr);
        cairo_set_source_rgb (s->cr, 0, 0, 0);
        cairo_move_to (s->cr, x + CELL_PAD, s->y + CELL_PAD);
        pango_cairo_show_layout (s->cr, l);
        x += width[c];
      }
  s->y += head_h;

  for (guint r = 0; r < t->rows->len; r++)
    {
      const PwExerciseRow *row = t->rows->pdata[r];
      double row_h = 0;

      for (guint c = 0; c < n && c < row->cells->len; c++)
        if (width[c] > 0)
          {
            const PwCell *cell = row->cells->pdata[c];
            g_autoptr(PangoLayout) l = layout (s->cr, cell->text, cell->kind == PW_CELL_WORKING ? 7.5 : 9,
                                               cell->kind == PW_CELL_ANSWER, cell->kind != PW_CELL_WORKING,
                                               width[c] - 2 * CELL_PAD);
            double w, h;
            size_of (l, &w, &h);
            row_h = MAX (row_h, h + 2 * CELL_PAD);
          }
      row_h = MAX (row_h, 20);
      need (s, row_h);
      x = MARGIN;
      for (guint c = 0; c < n; c++)
        if (width[c] > 0)
          {
            const PwCell *cell = c < row->cells->len ? row->cells->pdata[c] : NULL;

            cairo_set_source_rgb (s->cr, 0.55, 0.55, 0.55);
            cairo_set_line_width (s->cr, 0.6);
            cairo_rectangle (s->cr, x, s->y, width[c], row_h);
            cairo_stroke (s->cr);
            if (cell != NULL && (cell->kind == PW_CELL_GIVEN || answers))
              {
                g_autoptr(PangoLayout) l = layout (s->cr, cell->text, cell->kind == PW_CELL_WORKING ? 7.5 : 9,
                                                   cell->kind == PW_CELL_ANSWER, cell->kind != PW_CELL_WORKING,
                                                   width[c] - 2 * CELL_PAD);
                if (cell->kind == PW_CELL_ANSWER)
                  cairo_set_source_rgb (s->cr, 0.0, 0.25, 0.55);
                else
                  cairo_set_source_rgb (s->cr, 0, 0, 0);
                cairo_move_to (s->cr, x + CELL_PAD, s->y + CELL_PAD);
                pango_cairo_show_layout (s->cr, l);
              }
            x += width[c];
          }
      s->y += row_h;
    }
  s->y += 14;
}

gboolean
pw_render_exercise (const char        *path,
                    const PwExercise  *ex,
                    gboolean           answers,
                    GError           **error)
{
  PwExportTmp *t;
  cairo_surface_t *surface;
  cairo_status_t st;
  Sheet s = { 0 };
  g_autofree char *title = NULL, *footer_text = NULL, *sub = NULL;

  g_return_val_if_fail (path != NULL && ex != NULL, FALSE);

  t = pw_export_tmp_open (path, error);
  if (t == NULL)
    return FALSE;
  title = answers ? g_strdup_printf (_("%s: answer key"), ex->title) : g_strdup (ex->title);
  /* Translators: the kind of exercise ("translate"), then its seed */
  sub = g_strdup_printf (_("Pagewalk exercise · %s · seed %s"), pw_exercise_kind_name (ex->kind),
                         PW_DEC (ex->seed));
  footer_text = g_strdup_printf ("%s · %s", ex->title, sub);
  surface = cairo_pdf_surface_create_for_stream (pw_export_tmp_write, t, PAGE_W, PAGE_H);
  pw_export_pdf_metadata (surface, title);
  s.cr = cairo_create (surface);
  s.y = MARGIN;
  s.page = 1;
  s.footer = footer_text;

  paragraph (&s, sub, 9, FALSE, FALSE, 4);
  paragraph (&s, title, 18, TRUE, FALSE, 8);
  paragraph (&s, ex->instructions, 10.5, FALSE, FALSE, 10);
  if (!answers)
    paragraph (&s, _("Name: ______________________________"), 10.5, FALSE, FALSE, 10);
  for (guint i = 0; i < ex->given->len; i++)
    paragraph (&s, ex->given->pdata[i], 8.5, FALSE, TRUE, 1.5);
  s.y += 10;
  for (guint i = 0; i < ex->tables->len; i++)
    table (&s, ex->tables->pdata[i], answers);
  footer (&s);

  st = cairo_status (s.cr);
  cairo_destroy (s.cr);
  cairo_surface_finish (surface);
  if (st == CAIRO_STATUS_SUCCESS)
    st = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (st != CAIRO_STATUS_SUCCESS && st != CAIRO_STATUS_WRITE_ERROR)
    {
      g_set_error_literal (error, PW_ERROR, PW_ERROR_IO, cairo_status_to_string (st));
      pw_export_tmp_close (t, FALSE, NULL);
      return FALSE;
    }
  return pw_export_tmp_close (t, TRUE, error);
}

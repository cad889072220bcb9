/* pw-render-handout.c: a whole scenario as a PDF handout, for printing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-render"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "pw-number.h"
#include "pw-present.h"
#include "pw-render-export.h"
#include "pw-render-handout.h"
#include "pw-render-private.h"
#include "pw-render-steps.h"

/* A4 landscape, in points */
#define PAGE_W   841.89
#define PAGE_H   595.28
#define MARGIN   36.0
/* the widths the views may be laid out at before being scaled onto the page */
#define VIEW_W_MIN 1000.0
#define VIEW_W_MAX 1600.0

void
pw_handout_options_init (PwHandoutOptions *ho,
                         const PwRun      *run)
{
  guint n = pw_run_n_steps (run);

  *ho = (PwHandoutOptions) {
    .view = PW_VIEW_OVERVIEW,
    .theme = PW_THEME_PRINT,
    .first = n > 0 ? 0 : 1,
    .last = n > 0 ? n - 1 : 0,
  };
}

/* ---- text ----------------------------------------------------------------- */

/* Lays out @text in @size points, @bold or not, wrapped at @width; draws it
 * at (x, y) in grey @grey (0 black) unless @measure_only; returns its
 * height. */
static double
text_block (cairo_t    *cr,
            const char *text,
            double      size,
            gboolean    bold,
            gboolean    mono,
            double      grey,
            double      x,
            double      y,
            double      width,
            gboolean    measure_only)
{
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_new ();
  int w, h;

  pango_font_description_set_family (font, mono ? "Monospace" : "Sans");
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_size (layout, &w, &h);
  if (!measure_only)
    {
      cairo_save (cr);
      cairo_set_source_rgb (cr, grey, grey, grey);
      cairo_move_to (cr, x, y);
      pango_cairo_show_layout (cr, layout);
      cairo_restore (cr);
    }
  return (double) h / PANGO_SCALE;
}

static void
footer (cairo_t    *cr,
        const char *title,
        guint64     page,
        guint64     pages)
{
  /* Translators: the footer of a handout page: the page number, then the
   * number of pages */
  g_autofree char *text = g_strdup_printf (_("page %s of %s"), PW_DEC (page), PW_DEC (pages));

  text_block (cr, title, 8, FALSE, FALSE, 0.35, MARGIN, PAGE_H - MARGIN + 10,
              PAGE_W / 2, FALSE);
  text_block (cr, text, 8, FALSE, FALSE, 0.35, PAGE_W - MARGIN - 120, PAGE_H - MARGIN + 10,
              120, FALSE);
}

/* ---- the title page --------------------------------------------------------- */

static char *
describe_tlb (const PwMachineConfig *cfg)
{
  if (!cfg->tlb)
    return g_strdup (_("none: every access walks the page tables"));
  if (cfg->tlb_ways == 0 || cfg->tlb_ways >= cfg->tlb_entries)
    return g_strdup_printf (ngettext ("%s entry, fully associative", "%s entries, fully associative",
                                      cfg->tlb_entries), PW_DEC (cfg->tlb_entries));
  /* Translators: TLB entries, then ways of each set */
  return g_strdup_printf (ngettext ("%s entry, %s-way set associative",
                                    "%s entries, %s-way set associative", cfg->tlb_entries),
                          PW_DEC (cfg->tlb_entries), PW_DEC (cfg->tlb_ways));
}

static void
title_page (cairo_t          *cr,
            PwRun            *run,
            const PwMachine  *m,
            guint64           pages)
{
  const PwScenario *sc = pw_run_scenario (run);
  const PwArch *a = sc->arch;
  const PwMachineConfig *cfg = pw_machine_config (m);
  const char *title = sc->title ? sc->title : _("Untitled scenario");
  double y = MARGIN, w = PAGE_W - 2 * MARGIN;
  g_autoptr(GString) facts = g_string_new (NULL);
  g_autoptr(GString) pids = g_string_new (NULL);
  g_autofree char *page = pw_size_human (pw_arch_page_size (a));
  g_autofree char *memory = pw_size_human (pw_machine_n_frames (m) << a->page_shift);
  g_autofree char *tlb = describe_tlb (cfg);
  guint n_procs = 0;

  y += text_block (cr, _("Pagewalk handout"), 11, FALSE, FALSE, 0.35, MARGIN, y, w, FALSE) + 6;
  y += text_block (cr, title, 26, TRUE, FALSE, 0, MARGIN, y, w, FALSE) + 14;
  if (sc->description != NULL && *sc->description != '\0')
    {
      /* a long description is cut at a third of the page, a handout is
       * not the place for the whole file */
      cairo_save (cr);
      cairo_rectangle (cr, MARGIN, y, w, PAGE_H / 3);
      cairo_clip (cr);
      y += MIN (text_block (cr, sc->description, 12, FALSE, FALSE, 0.1, MARGIN, y, w, FALSE),
                PAGE_H / 3) + 18;
      cairo_restore (cr);
    }

  /* Translators: the architecture's name, then the widths of its virtual
   * and physical addresses in bits */
  g_string_append_printf (facts, _("Architecture: %s, %s-bit virtual and %s-bit physical addresses"),
                          a->name, PW_DEC (a->va_bits), PW_DEC (a->pa_bits));
  g_string_append_c (facts, '\n');
  if (a->n_levels > 0)
    {
      /* Translators: the number of page-table levels, then the page size (4 KiB) */
      g_string_append_printf (facts, ngettext ("Page tables: %s level, %s pages",
                                               "Page tables: %s levels, %s pages", a->n_levels),
                              PW_DEC (a->n_levels), page);
      g_string_append_c (facts, '\n');
    }
  /* Translators: a size (64 KiB), then a number of frames */
  g_string_append_printf (facts, ngettext ("Physical memory: %s in %s frame",
                                           "Physical memory: %s in %s frames",
                                           pw_machine_n_frames (m)),
                          memory, PW_DEC (pw_machine_n_frames (m)));
  if (cfg->data_frames > 0)
    {
      g_string_append (facts, " · ");
      g_string_append_printf (facts, ngettext ("data pages in at most %s frame",
                                               "data pages in at most %s frames",
                                               cfg->data_frames), PW_DEC (cfg->data_frames));
    }
  g_string_append_c (facts, '\n');
  if (sc->disk_slots > 0)
    g_string_append_printf (facts, ngettext ("Swap: %s slot", "Swap: %s slots", sc->disk_slots),
                            PW_DEC (sc->disk_slots));
  else
    g_string_append (facts, _("Swap: none"));
  g_string_append_c (facts, '\n');
  /* Translators: the TLB's size and kind ("64 entries, 4-way set associative") */
  g_string_append_printf (facts, _("TLB: %s"), tlb);
  g_string_append_c (facts, '\n');
  /* Translators: fifo, lru, opt, clock, random or mru */
  g_string_append_printf (facts, _("Replacement policy: %s"), pw_policy_name (cfg->policy));
  g_string_append_c (facts, '\n');
  for (guint i = 0; i < pw_machine_n_processes (m); i++)
    {
      if (n_procs++ > 0)
        g_string_append (pids, ", ");
      if (n_procs > 32)
        {
          g_string_append (pids, "…");
          break;
        }
      g_string_append (pids, PW_DEC (pw_machine_process (m, i)->pid));
    }
  if (n_procs > 0)
    {
      /* Translators: the list of pids of the processes there at the start */
      g_string_append_printf (facts, _("Processes after set-up: %s"), pids->str);
      g_string_append_c (facts, '\n');
    }
  /* Translators: the number of steps the handout shows, one a page */
  g_string_append_printf (facts, ngettext ("%s step, one a page", "%s steps, one a page", pages - 1),
                          PW_DEC (pages - 1));
  text_block (cr, facts->str, 13, FALSE, FALSE, 0, MARGIN, y, w, FALSE);
  footer (cr, title, 1, pages);
}

/* ---- a step's page ------------------------------------------------------------ */

/* Every phase's narration of the step's access, one line each, numbered. */
static char *
narrate (PwMachine             *m,
         const PwRenderOptions *o)
{
  g_autoptr(GString) s = g_string_new (NULL);
  g_autofree char *last = NULL;
  PwRenderOptions p = *o;
  double duration = o->event ? pw_render_walk_duration (NULL, o->event) : 0;
  guint n = 0;

  for (double t = PW_PHASE_SECONDS / 2; t < duration + PW_PHASE_SECONDS; t += PW_PHASE_SECONDS)
    {
      g_autofree char *line = NULL;

      p.t = t < duration ? t : PW_RENDER_T_FINAL;
      line = pw_render_narration (m, &p, p.t);
      if (line == NULL || g_strcmp0 (line, last) == 0)
        continue;
      g_string_append_printf (s, "%s%u. %s", n > 0 ? "\n" : "", n + 1, line);
      n++;
      g_free (last);
      last = g_steal_pointer (&line);
    }
  if (n == 0 && o->event != NULL && o->event->message != NULL)
    g_string_append (s, o->event->message);
  return g_string_free (g_steal_pointer (&s), s->len == 0);
}

static void
step_page (cairo_t            *cr,
           PwStepCursor       *c,
           const PwHandoutOptions *ho,
           const char         *title,
           guint64             page,
           guint64             pages)
{
  const PwScenario *sc = pw_run_scenario (c->run);
  PwRenderOptions o;
  PwStep step;
  g_autofree char *what = NULL, *heading = NULL, *narration = NULL;
  double y = MARGIN, w = PAGE_W - 2 * MARGIN, text_h = 0, box_h, vh = 0, k, view_w = VIEW_W_MAX;
  guint64 position = c->next - 1;

  pw_render_options_init (&o);
  o.view = ho->view;
  o.theme = ho->theme;
  o.t = PW_RENDER_T_FINAL;
  pw_step_cursor_options (c, &o);

  pw_step_cursor_step (c, &step);
  what = pw_step_describe (sc->arch, &step);
  if (position < pw_run_n_steps (c->run))
    /* Translators: a step number, the number of steps, then what the step
     * does ("process 1 reads 0x2150") */
    heading = g_strdup_printf (_("Step %s of %s: %s"), PW_DEC (position + 1),
                               PW_DEC (pw_run_n_steps (c->run)), what ? what : "");
  else
    /* Translators: a position in the trace (counted from 1), then what the
     * access does */
    heading = g_strdup_printf (_("Trace access %s: %s"),
                               PW_DEC (position - pw_run_n_steps (c->run) + 1), what ? what : "");
  y += text_block (cr, heading, 15, TRUE, FALSE, 0, MARGIN, y, w, FALSE) + 8;

  narration = narrate (c->m, &o);
  if (narration != NULL)
    text_h = MIN (text_block (cr, narration, 9.5, FALSE, FALSE, 0, MARGIN, 0, w, TRUE),
                  PAGE_H * 0.35);

  /* the view, scaled to the room left */
  box_h = PAGE_H - MARGIN - y - (text_h > 0 ? text_h + 10 : 0) - 4;
  /* the layout width that fills the room best: views grow taller when
   * laid out narrower */
  k = 0;
  for (double vw = VIEW_W_MIN; vw <= VIEW_W_MAX; vw += 100)
    {
      double h, kk;

      pw_render_measure (c->m, &o, vw, &h);
      kk = MIN (w / vw, box_h / h);
      if (kk > k)
        k = kk, view_w = vw, vh = h;
    }
  cairo_save (cr);
  cairo_translate (cr, MARGIN + (w - view_w * k) / 2, y);
  cairo_scale (cr, k, k);
  cairo_rectangle (cr, 0, 0, view_w, vh);
  cairo_clip (cr);
  pw_render_draw (cr, c->m, &o, view_w, vh, NULL);
  cairo_restore (cr);
  y += vh * k + 10;

  if (narration != NULL)
    {
      cairo_save (cr);
      cairo_rectangle (cr, MARGIN, y, w, text_h);
      cairo_clip (cr);
      text_block (cr, narration, 9.5, FALSE, FALSE, 0, MARGIN, y, w, FALSE);
      cairo_restore (cr);
    }
  footer (cr, title, page, pages);
}

/* ---- the file ----------------------------------------------------------------- */

gboolean
pw_render_handout (const char             *path,
                   PwRun                  *run,
                   const PwHandoutOptions *ho,
                   GCancellable           *cancellable,
                   PwProgressFunc          progress,
                   gpointer                user_data,
                   GError                **error)
{
  const PwScenario *sc;
  PwExportTmp *t;
  PwStepCursor c = { 0 };
  cairo_surface_t *s;
  cairo_t *cr;
  cairo_status_t st;
  const char *title;
  guint64 n_steps, pages;
  gboolean ok = FALSE;

  g_return_val_if_fail (path != NULL && run != NULL && ho != NULL, FALSE);

  sc = pw_run_scenario (run);
  title = sc->title ? sc->title : _("Untitled scenario");
  n_steps = ho->first <= ho->last && ho->last < pw_run_n_positions (run)
            ? ho->last - ho->first + 1 : 0;
  pages = n_steps + 1;
  if (!pw_step_cursor_init (&c, run, n_steps > 0 ? ho->first : 0, cancellable, error))
    return FALSE;
  t = pw_export_tmp_open (path, error);
  if (t == NULL)
    {
      pw_step_cursor_clear (&c);
      return FALSE;
    }

  s = cairo_pdf_surface_create_for_stream (pw_export_tmp_write, t, PAGE_W, PAGE_H);
  pw_export_pdf_metadata (s, title);
  cr = cairo_create (s);
  title_page (cr, run, c.m, pages);
  if (progress)
    progress (1, pages, user_data);
  for (guint64 i = 0; i < n_steps; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto done;
      cairo_show_page (cr);
      pw_step_cursor_next (&c);
      step_page (cr, &c, ho, title, i + 2, pages);
      if (cairo_status (cr) != CAIRO_STATUS_SUCCESS)
        break;
      if (progress)
        progress (i + 2, pages, user_data);
    }
  ok = TRUE;

done:
  st = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (s);
  if (st == CAIRO_STATUS_SUCCESS)
    st = cairo_surface_status (s);
  cairo_surface_destroy (s);
  if (ok && st != CAIRO_STATUS_SUCCESS && st != CAIRO_STATUS_WRITE_ERROR)
    {
      g_set_error_literal (error, PW_ERROR, PW_ERROR_IO, cairo_status_to_string (st));
      ok = FALSE;
    }
  /* a write error is reported by the close, with its errno */
  ok = pw_export_tmp_close (t, ok, ok ? error : NULL) && ok;
  pw_step_cursor_clear (&c);
  return ok;
}

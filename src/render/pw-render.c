/* pw-render.c: dispatch, themes, text and shape helpers, hit map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-render"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "pw-render-private.h"

/* ---- names --------------------------------------------------------------- */

static const char *view_names[PW_N_VIEWS] = {
  "overview", "address", "vaspace", "pagetable", "physical", "disk", "tlb", "walk",
  "lab", "compare",
};

static const char *theme_names[] = { "light", "dark", "print", "high-contrast" };

void
pw_render_options_init (PwRenderOptions *o)
{
  g_return_if_fail (o != NULL);
  memset (o, 0, sizeof *o);
  o->view = PW_VIEW_OVERVIEW;
  o->theme = PW_THEME_LIGHT;
  o->scale = 1.0;
  o->text_scale = 1.0;
  o->t = PW_RENDER_T_FINAL;
}

const char *
pw_view_name (PwView view)
{
  return (guint) view < PW_N_VIEWS ? view_names[view] : "unknown";
}

gboolean
pw_view_from_string (const char *s,
                     PwView     *out)
{
  for (guint i = 0; s != NULL && i < PW_N_VIEWS; i++)
    if (g_ascii_strcasecmp (s, view_names[i]) == 0)
      {
        *out = (PwView) i;
        return TRUE;
      }
  return FALSE;
}

const char *
pw_theme_name (PwTheme theme)
{
  return (guint) theme < G_N_ELEMENTS (theme_names) ? theme_names[theme] : "unknown";
}

gboolean
pw_theme_from_string (const char *s,
                      PwTheme    *out)
{
  for (guint i = 0; s != NULL && i < G_N_ELEMENTS (theme_names); i++)
    if (g_ascii_strcasecmp (s, theme_names[i]) == 0)
      {
        *out = (PwTheme) i;
        return TRUE;
      }
  return FALSE;
}

/* ---- context --------------------------------------------------------------- */

void
pw_ctx_init (PwCtx                 *c,
             cairo_t               *cr,
             PwMachine             *m,
             const PwRenderOptions *o,
             PwHitMap              *hits)
{
  cairo_font_options_t *fo;
  PangoContext *pc;

  memset (c, 0, sizeof *c);
  c->cr = cr;
  c->m = m;
  c->arch = pw_machine_arch (m);
  c->o = o;
  c->hits = hits;
  c->pal = pw_palette_get (o->theme);
  c->hair = 1.0 / (o->scale > 0 ? o->scale : 1.0);
  /* every address and number drawn in the base asked for */
  c->saved_base = pw_number_set_base (o->base);
  c->px = o->zoom > 0 ? o->zoom : o->scale > 0 ? o->scale : 1.0;

  /* Deterministic text: no hinting, grey antialiasing; font sizes are in
   * units (pw_fonts_init), so the resolution does not enter */
  pc = pango_cairo_create_context (cr);
  fo = cairo_font_options_create ();
  cairo_font_options_set_antialias (fo, CAIRO_ANTIALIAS_GRAY);
  cairo_font_options_set_hint_style (fo, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (fo, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (pc, fo);
  cairo_font_options_destroy (fo);
  c->layout = pango_layout_new (pc);
  g_object_unref (pc);
  pw_fonts_init (c, o->font_family);

  /* The translation */
  if (pw_event_is_access (o->event))
    {
      c->ev = o->event;
      c->walk = &o->event->walk;
      c->retry = o->event->retried ? &o->event->retry : NULL;
      c->walk_pid = o->event->pid;
    }
  else if (o->has_walk)
    {
      c->walk = &o->walk;
      c->walk_pid = o->walk_pid;
    }
  if (pw_event_is_failed_step (o->event))
    c->failed = o->event;
  if (c->walk == NULL && c->failed == NULL)
    c->life = pw_machine_last_step (m);
  if (c->walk != NULL && c->walk_pid == 0)
    c->walk_pid = pw_machine_default_pid (m);
  c->pid = o->pid != 0 ? o->pid : c->walk_pid;
  if (c->pid == 0 || pw_machine_lookup (m, c->pid) == NULL)
    c->pid = pw_machine_default_pid (m);

  pw_anim_build (c);
}

void
pw_ctx_clear (PwCtx *c)
{
  pw_layout_forget (c);
  g_clear_object (&c->bit_layout[0]);
  g_clear_object (&c->bit_layout[1]);
  for (guint i = 0; i < PW_N_FONTS; i++)
    g_clear_pointer (&c->font[i], pango_font_description_free);
  g_clear_object (&c->layout);
  pw_number_set_base (c->saved_base);
}

const PwProcess *
pw_ctx_process (PwCtx *c)
{
  return pw_machine_lookup (c->m, c->pid);
}

/* ---- colours --------------------------------------------------------------- */

void
pw_set_rgb (PwCtx       *c,
            const PwRgb *col)
{
  cairo_set_source_rgb (c->cr, col->r, col->g, col->b);
}

void
pw_set_rgba (PwCtx       *c,
             const PwRgb *col,
             double       alpha)
{
  cairo_set_source_rgba (c->cr, col->r, col->g, col->b, alpha);
}

PwRgb
pw_mix (const PwRgb *a,
        const PwRgb *b,
        double       t)
{
  PwRgb r = { a->r + (b->r - a->r) * t, a->g + (b->g - a->g) * t, a->b + (b->b - a->b) * t };
  return r;
}

PwRgb
pw_tint (PwCtx       *c,
         const PwRgb *col,
         double       amount)
{
  return pw_mix (&c->pal->bg, col, amount);
}

guint
pw_proc_index (PwCtx *c,
               guint  pid)
{
  guint n = pw_machine_n_processes (c->m);

  for (guint i = 0; i < n; i++)
    if (pw_machine_process (c->m, i)->pid == pid)
      return i;
  /* A process that has exited: keep a stable colour from its pid. */
  return pid > 0 ? pid - 1 : 0;
}

const PwRgb *
pw_proc_colour (PwCtx *c,
                guint  pid)
{
  return &c->pal->proc[pw_proc_index (c, pid) % PW_N_PROC_COLOURS];
}

const PwRgb *
pw_proc_text_colour (PwCtx *c,
                     guint  pid)
{
  return &c->pal->proc_text[pw_proc_index (c, pid) % PW_N_PROC_COLOURS];
}

const PwRgb *
pw_proc_ink (PwCtx *c,
             guint  pid)
{
  return &c->pal->proc_ink[pw_proc_index (c, pid) % PW_N_PROC_COLOURS];
}

void
pw_fill_proc (PwCtx  *c,
              guint   pid,
              double  alpha)
{
  guint idx = pw_proc_index (c, pid);
  double x0, y0, x1, y1;

  pw_set_rgba (c, pw_proc_colour (c, pid), alpha);
  if (idx < PW_N_PROC_COLOURS)
    {
      cairo_fill (c->cr);
      return;
    }
  /* Past seven processes the colours repeat with a pattern. */
  cairo_save (c->cr);
  cairo_fill_preserve (c->cr);
  cairo_clip (c->cr);
  cairo_clip_extents (c->cr, &x0, &y0, &x1, &y1);
  pw_set_rgba (c, &c->pal->bg, 0.6);
  cairo_set_line_width (c->cr, 1.2);
  if ((idx / PW_N_PROC_COLOURS) % 2 == 1)
    {
      for (double d = x0 - (y1 - y0); d < x1; d += 5)
        {
          cairo_move_to (c->cr, d, y1);
          cairo_line_to (c->cr, d + (y1 - y0), y0);
        }
      cairo_stroke (c->cr);
    }
  else
    {
      for (double y = y0 + 2; y < y1; y += 4)
        for (double x = x0 + 2; x < x1; x += 4)
          cairo_rectangle (c->cr, x, y, 1.2, 1.2);
      cairo_fill (c->cr);
    }
  cairo_restore (c->cr);
  cairo_new_path (c->cr);
}

/* ---- large machines ---------------------------------------------------------- */

guint64
pw_total_pages (PwCtx *c)
{
  guint64 n = 0;

  for (guint i = 0; i < pw_machine_n_processes (c->m); i++)
    n += g_hash_table_size (pw_machine_process (c->m, i)->pages);
  return n;
}

const PwPage *
pw_page_lookup (PwCtx           *c,
                const PwProcess *p,
                guint64          vpn)
{
  const PwArch *a = c->arch;
  const PwPage *pg = g_hash_table_lookup (p->pages, &vpn);

  if (pg != NULL || a->kind != PW_ARCH_PAGED)
    return pg;
  /* a large page is keyed by its first base page */
  for (guint l = 0; l + 1 < a->n_levels; l++)
    {
      guint64 span, key;
      if (!a->large_ok[l])
        continue;
      span = pw_arch_level_span (a, l) >> a->page_shift;
      key = vpn & ~(span - 1);
      pg = g_hash_table_lookup (p->pages, &key);
      if (pg != NULL && pg->size >> a->page_shift == span)
        return pg;
    }
  return NULL;
}

/* ---- hit map --------------------------------------------------------------- */

PwHitMap *
pw_hit_map_new (void)
{
  PwHitMap *map = g_new0 (PwHitMap, 1);

  map->hits = g_array_new (FALSE, TRUE, sizeof (PwHit));
  return map;
}

void
pw_hit_map_free (PwHitMap *map)
{
  if (map == NULL)
    return;
  g_array_unref (map->hits);
  g_free (map);
}

void
pw_hit_map_clear (PwHitMap *map)
{
  g_return_if_fail (map != NULL);
  g_array_set_size (map->hits, 0);
}

const PwHit *
pw_hit_map_lookup (const PwHitMap *map,
                   double          x,
                   double          y)
{
  g_return_val_if_fail (map != NULL, NULL);

  /* Later hits are drawn on top of earlier ones. */
  for (guint i = map->hits->len; i > 0; i--)
    {
      const PwHit *h = &g_array_index (map->hits, PwHit, i - 1);
      if (x >= h->x && x < h->x + h->width && y >= h->y && y < h->y + h->height)
        return h;
    }
  return NULL;
}

guint
pw_hit_map_size (const PwHitMap *map)
{
  g_return_val_if_fail (map != NULL, 0);
  return map->hits->len;
}

const PwHit *
pw_hit_map_get (const PwHitMap *map,
                guint           i)
{
  g_return_val_if_fail (map != NULL && i < map->hits->len, NULL);
  return &g_array_index (map->hits, PwHit, i);
}

PwHit *
pw_hit_add (PwCtx     *c,
            PwHitKind  kind,
            double     x,
            double     y,
            double     w,
            double     h)
{
  PwHit *hit;

  if (c->hits == NULL)
    {
      memset (&c->scratch, 0, sizeof c->scratch);
      return &c->scratch;
    }
  /* Views draw in the coordinates of pw_render_draw() (no translation), so
   * what is recorded is what the caller sees. */
  g_array_set_size (c->hits->hits, c->hits->hits->len + 1);
  hit = &g_array_index (c->hits->hits, PwHit, c->hits->hits->len - 1);
  memset (hit, 0, sizeof *hit);
  hit->kind = kind;
  hit->count = 1;
  hit->x = x;
  hit->y = y;
  hit->width = w;
  hit->height = h;
  return hit;
}

/* ---- dispatch ---------------------------------------------------------------- */

/* Every view twice: for machines with pages, and for those with segments or
 * base and bounds (pw-render-segments.c).  The kind is chosen here only. */
static const PwViewFuncs paged_views[PW_N_VIEWS] = {
  [PW_VIEW_OVERVIEW]  = { pw_overview_measure, pw_overview_draw },
  [PW_VIEW_ADDRESS]   = { pw_address_measure, pw_address_draw },
  [PW_VIEW_VASPACE]   = { pw_vaspace_measure, pw_vaspace_draw },
  [PW_VIEW_PAGETABLE] = { pw_pagetable_measure, pw_pagetable_draw },
  [PW_VIEW_PHYSICAL]  = { pw_physical_measure, pw_physical_draw },
  [PW_VIEW_DISK]      = { pw_disk_measure, pw_disk_draw },
  [PW_VIEW_TLB]       = { pw_tlb_measure, pw_tlb_draw },
  [PW_VIEW_WALK]      = { pw_walk_measure, pw_walk_draw },
  [PW_VIEW_LAB]       = { pw_lab_measure, pw_lab_draw },
  [PW_VIEW_COMPARE]   = { pw_compare_measure, pw_compare_draw },
};

static const PwViewFuncs segmented_views[PW_N_VIEWS] = {
  [PW_VIEW_OVERVIEW]  = { pw_overview_measure, pw_overview_draw },
  [PW_VIEW_ADDRESS]   = { pw_address_measure, pw_seg_address_draw },
  [PW_VIEW_VASPACE]   = { pw_seg_vaspace_measure, pw_seg_vaspace_draw },
  [PW_VIEW_PAGETABLE] = { pw_seg_registers_measure, pw_seg_registers_draw },
  [PW_VIEW_PHYSICAL]  = { pw_seg_physical_measure, pw_seg_physical_draw },
  [PW_VIEW_DISK]      = { pw_disk_measure, pw_disk_draw },
  [PW_VIEW_TLB]       = { pw_tlb_measure, pw_tlb_draw },
  [PW_VIEW_WALK]      = { pw_seg_walk_measure, pw_seg_walk_draw },
  [PW_VIEW_LAB]       = { pw_lab_measure, pw_lab_draw },
  [PW_VIEW_COMPARE]   = { pw_compare_measure, pw_compare_draw },
};

const PwViewFuncs *
pw_view_funcs (const PwCtx *c,
               PwView       view)
{
  g_assert ((guint) view < PW_N_VIEWS);
  return c->arch->kind == PW_ARCH_PAGED ? &paged_views[view] : &segmented_views[view];
}

double
pw_view_measure (PwCtx  *c,
                 PwView  view,
                 double  w)
{
  return pw_view_funcs (c, view)->measure (c, w);
}

void
pw_view_draw (PwCtx  *c,
              PwView  view,
              double  x,
              double  y,
              double  w,
              double  h)
{
  pw_view_funcs (c, view)->draw (c, x, y, w, h);
}

#define MARGIN 16.0

/* ---- failed steps ---------------------------------------------------------- */

/* The notice of a failed step sits above these views. */
#define NOTICE_BOX 28.0
#define NOTICE_H   (NOTICE_BOX + 10.0)

static gboolean
has_notice (const PwCtx *c)
{
  return c->failed != NULL
         && (c->o->view == PW_VIEW_WALK || c->o->view == PW_VIEW_PHYSICAL
             || c->o->view == PW_VIEW_OVERVIEW);
}

/* One line: what failed and why, with the machine's own reason. */
static char *
failed_text (PwCtx *c)
{
  const PwEvent *ev = c->failed;
  const PwScenario *sc = pw_machine_scenario (c->m);
  const PwStep *step = NULL;
  gboolean oom = ev->fault == PW_KF_OUT_OF_MEMORY;
  const char *what;

  if (ev->step < sc->steps->len)
    step = &g_array_index (sc->steps, PwStep, ev->step);

  /* a refused spawn on a machine without pages: the size it needed and no
   * hole to hold it (the physical view shows the holes) */
  if (ev->kind == PW_STEP_SPAWN && oom && c->arch->kind != PW_ARCH_PAGED
      && step != NULL && step->spawn != NULL && step->spawn->segments != NULL
      && step->spawn->segments->len == 1)
    {
      g_autofree char *size =
        pw_fmt_size (g_array_index (step->spawn->segments, PwSegment, 0).limit);
      /* Translators: the pid, then the memory it needs */
      return g_strdup_printf (_("Spawn refused (out of memory): process %u needs %s: no hole is big enough"),
                              ev->pid, size);
    }

  switch (ev->kind)
    {
    case PW_STEP_SPAWN:
      what = oom ? _("Spawn refused (out of memory)") : _("Spawn failed");
      break;
    case PW_STEP_FORK:
      what = oom ? _("Fork refused (out of memory)") : _("Fork failed");
      break;
    case PW_STEP_SWITCH:
      what = _("Switch failed");
      break;
    case PW_STEP_EXIT:
      what = _("Exit failed");
      break;
    case PW_STEP_RESERVE:
      what = _("Reserve failed");
      break;
    case PW_STEP_COMMIT:
      what = _("Commit failed");
      break;
    case PW_STEP_DECOMMIT:
      what = _("Decommit failed");
      break;
    case PW_STEP_FREE:
      what = _("Free failed");
      break;
    case PW_STEP_TOUCH:
      what = _("Touch failed");
      break;
    case PW_STEP_ACCESS:
    default:
      what = _("Access failed");
      break;
    }
  /* TRANSLATORS: what failed, then the machine's reason */
  return g_strdup_printf (_("%s: %s"), what, ev->message ? ev->message : _("no reason given"));
}

/* A warning box across the top: a triangle with "!", then the line. */
static void
draw_notice (PwCtx  *c,
             double  x,
             double  y,
             double  w)
{
  const PwPalette *pal = c->pal;
  PwRgb fill = pw_tint (c, &pal->warn, pal->print ? 0.0 : 0.12);
  g_autofree char *text = failed_text (c);
  double h = NOTICE_BOX, s = 16, tx = x + 10, ty = y + (h - s) / 2;

  pw_round_rect (c, x, y, w, h, 6);
  pw_set_rgb (c, &fill);
  cairo_fill_preserve (c->cr);
  pw_set_rgb (c, &pal->warn);
  cairo_set_line_width (c->cr, 2);
  cairo_stroke (c->cr);

  /* the warning sign, drawn (not a glyph that a font may lack) */
  cairo_move_to (c->cr, tx + s / 2, ty);
  cairo_line_to (c->cr, tx + s, ty + s - 1);
  cairo_line_to (c->cr, tx, ty + s - 1);
  cairo_close_path (c->cr);
  pw_set_rgb (c, &pal->warn);
  cairo_fill (c->cr);
  pw_fill_rect (c, &pal->bg, tx + s / 2 - 1, ty + 5, 2, 6);
  pw_fill_rect (c, &pal->bg, tx + s / 2 - 1, ty + s - 4, 2, 2);

  pw_text (c, PW_FONT_BOLD, &pal->warn, text, tx + s + 10,
           y + (h - pw_font_height (c, PW_FONT_BOLD)) / 2, w - s - 30, PW_ALIGN_LEFT);
}

/* ---- the translation drawn by default ----------------------------------------- */

typedef struct
{
  PwEvent  *ev;
  gboolean  have;
} FirstAccess;

static void
keep_first_access (const PwEvent *ev,
                   gpointer       user_data)
{
  FirstAccess *fa = user_data;

  if (fa->have || !pw_event_is_access (ev))
    return;
  *fa->ev = *ev;
  fa->ev->message = g_strdup (ev->message);
  fa->have = TRUE;
}

gboolean
pw_render_options_first_access (PwRenderOptions *o,
                                PwMachine       *m,
                                PwEvent         *ev)
{
  const PwScenario *sc;
  FirstAccess fa = { ev, FALSE };

  g_return_val_if_fail (o != NULL && m != NULL && ev != NULL, FALSE);

  sc = pw_machine_scenario (m);
  memset (ev, 0, sizeof *ev);

  /* the first access step whose process is there after set-up */
  for (guint i = 0; i < sc->steps->len; i++)
    {
      const PwStep *s = &g_array_index (sc->steps, PwStep, i);
      guint pid;

      if (s->kind != PW_STEP_ACCESS)
        continue;
      pid = s->pid ? s->pid : pw_machine_default_pid (m);
      if (pid == 0 || pw_machine_lookup (m, pid) == NULL)
        continue;
      if (pw_machine_translate (m, pid, s->va, s->access, PW_MODE_USER, &o->walk, NULL))
        {
          o->has_walk = TRUE;
          o->walk_pid = pid;
          return TRUE;
        }
    }

  /* every access comes from a process created by a step: the first access
   * the steps make, on the machine after its step */
  for (guint i = pw_machine_steps_done (m); i < sc->steps->len && !fa.have; i++)
    pw_machine_step (m, &g_array_index (sc->steps, PwStep, i), keep_first_access, &fa);
  if (fa.have)
    o->event = ev;
  return fa.have;
}

/* Below this width a view is drawn at this width and scaled down, so that a
 * narrow export or window shows the whole figure smaller rather than a
 * squeezed one whose labels collide.  0: the view adapts to any width. */
double
pw_render_min_width (PwView view)
{
  switch (view)
    {
    case PW_VIEW_OVERVIEW: return 1200;
    case PW_VIEW_WALK: return 1100;
    /* the compare view's legend and table of counts need a line each; the
     * lab's sentence about the step fits a line from this width */
    case PW_VIEW_COMPARE: return 900;
    case PW_VIEW_LAB: return 760;
    default: return 0;
    }
}

/* The desktop's text scale, within reason. */
static double
text_scale (const PwRenderOptions *o)
{
  return o->text_scale > 0 ? CLAMP (o->text_scale, 0.5, 4.0) : 1.0;
}

/* Caller's units per unit of the layout: the text scale, or less when the
 * view would then be narrower than it is designed for (scaled down). */
static double
layout_scale (const PwRenderOptions *o,
              double                 width)
{
  double k = text_scale (o), min = pw_render_min_width (o->view);

  if (width / k < min)
    k = width / min;
  return k;
}

void
pw_render_measure (PwMachine             *m,
                   const PwRenderOptions *o,
                   double                 width,
                   double                *height)
{
  cairo_surface_t *s;
  cairo_t *cr;
  PwCtx c;
  double logical;

  g_return_if_fail (m != NULL && o != NULL && height != NULL);
  g_return_if_fail ((guint) o->view < PW_N_VIEWS);

  logical = width / layout_scale (o, width);
  s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cr = cairo_create (s);
  pw_ctx_init (&c, cr, m, o, NULL);
  c.px *= width / logical;
  *height = pw_view_measure (&c, o->view, MAX (logical - 2 * MARGIN, 100)) + 2 * MARGIN
            + (has_notice (&c) ? NOTICE_H : 0);
  *height = ceil (*height * width / logical);
  pw_ctx_clear (&c);
  cairo_destroy (cr);
  cairo_surface_destroy (s);
}

void
pw_render_draw (cairo_t               *cr,
                PwMachine             *m,
                const PwRenderOptions *o,
                double                 width,
                double                 height,
                PwHitMap              *hits)
{
  PwCtx c;
  double k = 1.0;
  g_autoptr(PwHitMap) own_hits = NULL;

  g_return_if_fail (cr != NULL && m != NULL && o != NULL);
  g_return_if_fail ((guint) o->view < PW_N_VIEWS);

  /* the selection is outlined on the hits that stand for it */
  if (hits == NULL && o->has_selection)
    hits = own_hits = pw_hit_map_new ();
  if (hits)
    pw_hit_map_clear (hits);
  cairo_save (cr);
  k = layout_scale (o, width);
  if (k != 1.0)
    {
      cairo_scale (cr, k, k);
      width /= k;
      height /= k;
    }
  pw_ctx_init (&c, cr, m, o, hits);
  c.px *= k;
  c.report = o->layout_report;
  if (c.report)
    pw_layout_report_begin (c.report);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  pw_fill_rect (&c, &c.pal->bg, 0, 0, width, height);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  /* a pane alone shows the machine before the step until the kernel acts,
   * as in the overview */
  if (o->view == PW_VIEW_VASPACE || o->view == PW_VIEW_PAGETABLE || o->view == PW_VIEW_PHYSICAL
      || o->view == PW_VIEW_DISK || o->view == PW_VIEW_TLB)
    c.m = pw_anim_side_machine (&c);
  if (has_notice (&c))
    {
      draw_notice (&c, MARGIN, MARGIN, MAX (width - 2 * MARGIN, 1));
      pw_view_draw (&c, o->view, MARGIN, MARGIN + NOTICE_H, MAX (width - 2 * MARGIN, 1),
                    MAX (height - 2 * MARGIN - NOTICE_H, 1));
    }
  else
    pw_view_draw (&c, o->view, MARGIN, MARGIN, MAX (width - 2 * MARGIN, 1),
                  MAX (height - 2 * MARGIN, 1));
  pw_select_draw (&c, pw_render_shown_machine (m, o));
  pw_ctx_clear (&c);
  cairo_restore (cr);
  if (hits && k != 1.0)
    {
      /* hits in the caller's coordinates */
      for (guint i = 0; i < hits->hits->len; i++)
        {
          PwHit *h = &g_array_index (hits->hits, PwHit, i);
          h->x *= k, h->y *= k, h->width *= k, h->height *= k;
        }
    }
}

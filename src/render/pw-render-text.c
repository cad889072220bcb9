/* pw-render-text.c: text for the views: fonts, measuring and drawing
 * (one shaped layout reused), and the formats of addresses and sizes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-render"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdarg.h>
#include <string.h>

#include "pw-render-private.h"

static void
set_font (PwCtx      *c,
          PwFont      f,
          const char *family,
          double      size,
          PangoWeight weight)
{
  PangoFontDescription *d = pango_font_description_new ();

  pango_font_description_set_family (d, family);
  /* in units, whatever the resolution: the caller's scale and the text
   * scale enlarge them through the cairo matrix */
  pango_font_description_set_absolute_size (d, size * PANGO_SCALE);
  pango_font_description_set_weight (d, weight);
  c->font[f] = d;
}

void
pw_fonts_init (PwCtx      *c,
               const char *family)
{
  /* the sizes the views are laid out around, in units (13 units: the body
   * text of a GNOME desktop at the reference resolution) */
  static const struct
  {
    PwFont      font;
    gboolean    mono;
    double      size;
    PangoWeight weight;
  } fonts[] = {
    { PW_FONT_BODY, FALSE, 13, PANGO_WEIGHT_NORMAL },
    { PW_FONT_BOLD, FALSE, 13, PANGO_WEIGHT_BOLD },
    { PW_FONT_SMALL, FALSE, 11, PANGO_WEIGHT_NORMAL },
    { PW_FONT_TITLE, FALSE, 15, PANGO_WEIGHT_BOLD },
    { PW_FONT_MONO, TRUE, 13, PANGO_WEIGHT_NORMAL },
    { PW_FONT_MONO_BOLD, TRUE, 13, PANGO_WEIGHT_BOLD },
    { PW_FONT_MONO_SMALL, TRUE, 11, PANGO_WEIGHT_NORMAL },
    { PW_FONT_MONO_SMALL_BOLD, TRUE, 11, PANGO_WEIGHT_BOLD },
    { PW_FONT_MONO_BIG, TRUE, 17, PANGO_WEIGHT_BOLD },
  };
  const char *sans = family != NULL && *family != '\0' ? family : "DejaVu Sans";

  for (guint i = 0; i < G_N_ELEMENTS (fonts); i++)
    set_font (c, fonts[i].font, fonts[i].mono ? "DejaVu Sans Mono" : sans, fonts[i].size,
              fonts[i].weight);
}

/* Callers that change c->layout themselves call this first. */
void
pw_layout_forget (PwCtx *c)
{
  g_clear_pointer (&c->last_text, g_free);
}

void
pw_draw_bit (PwCtx       *c,
             int          bit,
             double       cx,
             double       y)
{
  PangoLayout *l = c->bit_layout[bit ? 1 : 0];
  PangoRectangle logical;

  if (l == NULL)
    {
      l = c->bit_layout[bit ? 1 : 0] = pango_layout_copy (c->layout);
      pango_layout_set_font_description (l, c->font[PW_FONT_MONO_SMALL]);
      pango_layout_set_width (l, -1);
      pango_layout_set_ellipsize (l, PANGO_ELLIPSIZE_NONE);
      pango_layout_set_text (l, bit ? "1" : "0", 1);
    }
  pango_layout_get_extents (l, NULL, &logical);
  pw_set_rgb (c, &c->pal->fg);
  cairo_move_to (c->cr, cx - (double) logical.width / PANGO_SCALE / 2, y);
  pango_cairo_show_layout (c->cr, l);
  cairo_new_path (c->cr);
}

/* ---- text ------------------------------------------------------------------ */

double
pw_font_height (PwCtx  *c,
                PwFont  f)
{
  if (c->font_h[f] <= 0)
    pw_text_size (c, f, "0xAg", NULL, &c->font_h[f]);
  return c->font_h[f];
}

static void
layout_set (PwCtx      *c,
            PwFont      f,
            const char *text,
            double      max_w)
{
  if (c->last_text != NULL && c->last_font == f && c->last_width == max_w
      && strcmp (c->last_text, text) == 0)
    return;
  g_free (c->last_text);
  c->last_text = g_strdup (text);
  c->last_font = f;
  c->last_width = max_w;
  pango_layout_set_font_description (c->layout, c->font[f]);
  pango_layout_set_text (c->layout, text, -1);
  if (max_w > 0)
    {
      pango_layout_set_width (c->layout, (int) (max_w * PANGO_SCALE));
      pango_layout_set_ellipsize (c->layout, PANGO_ELLIPSIZE_END);
    }
  else
    {
      pango_layout_set_width (c->layout, -1);
      pango_layout_set_ellipsize (c->layout, PANGO_ELLIPSIZE_NONE);
    }
}

void
pw_text_size (PwCtx      *c,
              PwFont      f,
              const char *text,
              double     *w,
              double     *h)
{
  PangoRectangle ink, logical;

  layout_set (c, f, text, -1);
  pango_layout_get_extents (c->layout, &ink, &logical);
  if (w)
    *w = (double) logical.width / PANGO_SCALE;
  if (h)
    *h = (double) logical.height / PANGO_SCALE;
}

double
pw_text (PwCtx       *c,
         PwFont       f,
         const PwRgb *col,
         const char  *text,
         double       x,
         double       y,
         double       max_w,
         PwAlign      align)
{
  PangoRectangle ink, logical;
  double tw;
  gboolean shortened = FALSE;

  if (text == NULL || *text == '\0')
    return 0;
  if (max_w > 0 && max_w < 6)
    {
      pw_check_dropped (c, text, align == PW_ALIGN_LEFT ? x : align == PW_ALIGN_RIGHT ? x - max_w : x - max_w / 2,
                        y, max_w);
      return 0;
    }
  layout_set (c, f, text, -1);
  pango_layout_get_extents (c->layout, &ink, &logical);
  tw = (double) logical.width / PANGO_SCALE;
  if (max_w > 0 && tw > max_w)
    {
      layout_set (c, f, text, max_w);
      pango_layout_get_extents (c->layout, &ink, &logical);
      tw = (double) logical.width / PANGO_SCALE;
      shortened = pango_layout_is_ellipsized (c->layout);
    }
  if (align == PW_ALIGN_CENTER)
    x -= tw / 2;
  else if (align == PW_ALIGN_RIGHT)
    x -= tw;
  pw_check_label (c, text, shortened, x, y, tw, (double) logical.height / PANGO_SCALE);
  pw_set_rgb (c, col);
  cairo_move_to (c->cr, x - (double) logical.x / PANGO_SCALE, y);
  pango_cairo_show_layout (c->cr, c->layout);
  cairo_new_path (c->cr);
  return tw;
}

int
pw_text_fit (PwCtx       *c,
             PwFont       f,
             const PwRgb *col,
             double       x,
             double       y,
             double       max_w,
             PwAlign      align,
             ...)
{
  va_list ap;
  const char *s, *first = NULL;
  int i = 0, drawn = -1;

  va_start (ap, align);
  while ((s = va_arg (ap, const char *)) != NULL)
    {
      double tw;

      if (first == NULL)
        first = s;
      pw_text_size (c, f, s, &tw, NULL);
      if (tw <= max_w)
        {
          pw_text (c, f, col, s, x, y, -1, align);
          drawn = i;
          break;
        }
      i++;
    }
  va_end (ap);
  if (drawn < 0 && first != NULL)
    pw_check_dropped (c, first, align == PW_ALIGN_LEFT ? x : align == PW_ALIGN_RIGHT ? x - max_w : x - max_w / 2,
                      y, max_w);
  return drawn;
}

int
pw_text_wrapped_lines (PwCtx      *c,
                       PwFont      f,
                       const char *text,
                       double      w,
                       int         max)
{
  int n;

  pw_layout_forget (c);
  pango_layout_set_font_description (c->layout, c->font[f]);
  pango_layout_set_text (c->layout, text, -1);
  pango_layout_set_width (c->layout, (int) (w * PANGO_SCALE));
  pango_layout_set_ellipsize (c->layout, PANGO_ELLIPSIZE_NONE);
  pango_layout_set_wrap (c->layout, PANGO_WRAP_WORD_CHAR);
  n = pango_layout_get_line_count (c->layout);
  pango_layout_set_width (c->layout, -1);
  pw_layout_forget (c);
  return MIN (n, max);
}

void
pw_text_wrapped (PwCtx       *c,
                 PwFont       f,
                 const PwRgb *col,
                 const char  *text,
                 double       x,
                 double       y,
                 double       w,
                 int          max)
{
  PangoRectangle ink, logical;

  pw_layout_forget (c);
  pango_layout_set_font_description (c->layout, c->font[f]);
  pango_layout_set_text (c->layout, text, -1);
  pango_layout_set_width (c->layout, (int) (w * PANGO_SCALE));
  pango_layout_set_wrap (c->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_ellipsize (c->layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_height (c->layout, -max);
  pango_layout_get_extents (c->layout, &ink, &logical);
  pw_check_label (c, text, pango_layout_is_ellipsized (c->layout),
                  x + (double) logical.x / PANGO_SCALE, y,
                  (double) logical.width / PANGO_SCALE, (double) logical.height / PANGO_SCALE);
  pw_set_rgb (c, col);
  cairo_move_to (c->cr, x, y);
  pango_cairo_show_layout (c->cr, c->layout);
  cairo_new_path (c->cr);
  pango_layout_set_height (c->layout, -1);
  pango_layout_set_width (c->layout, -1);
  pango_layout_set_ellipsize (c->layout, PANGO_ELLIPSIZE_NONE);
  pw_layout_forget (c);
}

char *
pw_fmt_addr (guint64 value,
             guint   bits)
{
  return pw_format_address (value, bits);
}

/* Like pw_size_human(), but never rounds up: 2^47 - 16 KiB is "127.9 TiB",
 * not "128.0 TiB", so a size that is not exact never looks exact. */
char *
pw_fmt_size (guint64 bytes)
{
  static const char *units[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
  guint u = 0;
  guint64 whole, tenths;

  while (u + 1 < G_N_ELEMENTS (units) && bytes >= ((guint64) 1024 << (10 * u)))
    u++;
  if (u == 0)
    return g_strdup_printf ("%" G_GUINT64_FORMAT " B", bytes);
  whole = bytes >> (10 * u);
  if ((bytes & pw_mask (10 * u)) == 0)
    return g_strdup_printf ("%" G_GUINT64_FORMAT " %s", whole, units[u]);
  tenths = (guint64) (((double) (bytes & pw_mask (10 * u)) / (double) ((guint64) 1 << (10 * u))) * 10);
  tenths = MIN (tenths, 9);
  return g_strdup_printf ("%" G_GUINT64_FORMAT ".%" G_GUINT64_FORMAT " %s", whole, tenths, units[u]);
}

const char *
pw_access_word (PwAccess access)
{
  switch (access)
    {
    case PW_ACCESS_WRITE: return C_("access", "write");
    /* Translators: the short word for an instruction fetch, as in "(pid 1, exec)" */
    case PW_ACCESS_EXEC: return C_("access", "exec");
    case PW_ACCESS_READ:
    default: return C_("access", "read");
    }
}

char *
pw_fmt_hex (guint64 value)
{
  return pw_fmt_addr (value, 0);
}

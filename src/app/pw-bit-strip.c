/* pw-bit-strip.c: a page-table entry drawn as its bits, field by field
 *
 * The inspector's picture of an entry, as the manuals draw one: a bar of
 * the entry's bits, highest on the left, cut into the fields its format
 * names (pw_arch_bit_fields(); nothing is decoded here), each field's name
 * above it and its highest bit's number below where there is room.  A bit
 * is its digit when a cell is wide enough, else a filled square for 1 and
 * an empty one for 0.  Drawn in the colours of the style, light or dark.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pagewalk"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-bit-strip.h"
#include "pw-format.h"

#define NAME_H  16
#define BAR_H   20
#define NUM_H   14
/* A bit cell at least this wide shows its digit. */
#define DIGIT_W 8

struct _PwBitStrip
{
  GtkWidget   parent_instance;

  guint       n_bits;
  guint64     entry;
  guint       n_fields;
  PwBitField  fields[PW_MAX_BIT_FIELDS];
};

G_DEFINE_FINAL_TYPE (PwBitStrip, pw_bit_strip, GTK_TYPE_WIDGET)

static void
pw_bit_strip_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 160;
      *natural = 320;
    }
  else
    *minimum = *natural = NAME_H + BAR_H + NUM_H;
}

/* Text centred on @cx (or starting at @x when @cx < 0), when it fits in
 * @room pixels. */
static void
draw_text (GtkWidget  *widget,
           cairo_t    *cr,
           const char *text,
           gboolean    mono,
           double      cx,
           double      y,
           double      room)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  PangoFontDescription *font = pango_font_description_from_string (mono ? "Monospace 8" : "Sans Bold 8");
  int w, h;

  pango_layout_set_font_description (layout, font);
  pango_layout_get_pixel_size (layout, &w, &h);
  if (w <= room)
    {
      cairo_move_to (cr, cx - w / 2.0, y);
      pango_cairo_show_layout (cr, layout);
    }
  pango_font_description_free (font);
  g_object_unref (layout);
}

static void
pw_bit_strip_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  PwBitStrip *self = PW_BIT_STRIP (widget);
  double width = gtk_widget_get_width (widget);
  double cell;
  GdkRGBA fg;
  cairo_t *cr;

  if (self->n_bits == 0 || width <= 0)
    return;
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  cell = (width - 2) / self->n_bits;
  cr = gtk_snapshot_append_cairo (snapshot,
                                  &GRAPHENE_RECT_INIT (0, 0, width, NAME_H + BAR_H + NUM_H));
  cairo_set_line_width (cr, 1);
  /* the whole entry: bits no field names (reserved, ignored) stay plain */
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.35);
  cairo_rectangle (cr, 1.5, NAME_H + 0.5, self->n_bits * cell - 1, BAR_H - 1);
  cairo_stroke (cr);
  for (guint k = 0; k < self->n_fields; k++)
    {
      const PwBitField *f = &self->fields[k];
      double x = 1 + (self->n_bits - 1 - MIN (f->hi, self->n_bits - 1)) * cell;
      double w = (MIN (f->hi, self->n_bits - 1) - f->lo + 1) * cell;
      char num[8];

      if (f->lo >= self->n_bits)
        continue;
      /* fields alternate in shade, so neighbours part */
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, k % 2 ? 0.16 : 0.07);
      cairo_rectangle (cr, x, NAME_H, w, BAR_H);
      cairo_fill (cr);
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.6);
      cairo_rectangle (cr, x + 0.5, NAME_H + 0.5, w - 1, BAR_H - 1);
      cairo_stroke (cr);
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 1);
      draw_text (widget, cr, f->name, FALSE, x + w / 2, 0, w);
      g_snprintf (num, sizeof num, "%u", f->hi);
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.7);
      draw_text (widget, cr, num, TRUE, x + MIN (w, 16) / 2, NAME_H + BAR_H + 1, w);
    }
  /* every bit: its digit, or a filled square for 1 */
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 1);
  for (guint b = 0; b < self->n_bits; b++)
    {
      double bx = 1 + (self->n_bits - 1 - b) * cell;
      gboolean one = (self->entry >> b) & 1;

      if (cell >= DIGIT_W)
        draw_text (widget, cr, one ? "1" : "0", TRUE, bx + cell / 2, NAME_H + 3, cell);
      else if (one)
        {
          cairo_rectangle (cr, bx + cell * 0.15, NAME_H + BAR_H / 2.0 - cell * 0.35,
                           cell * 0.7, cell * 0.7);
          cairo_fill (cr);
        }
    }
  cairo_destroy (cr);
}

static void
pw_bit_strip_class_init (PwBitStripClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->measure = pw_bit_strip_measure;
  widget_class->snapshot = pw_bit_strip_snapshot;
  gtk_widget_class_set_css_name (widget_class, "pwbitstrip");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
pw_bit_strip_init (PwBitStrip *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("The entry's bits, field by field"),
                                  -1);
}

GtkWidget *
pw_bit_strip_new (void)
{
  return g_object_new (PW_TYPE_BIT_STRIP, NULL);
}

void
pw_bit_strip_set_entry (PwBitStrip   *self,
                        const PwArch *arch,
                        guint         level,
                        guint64       entry)
{
  GString *bits;

  g_return_if_fail (PW_IS_BIT_STRIP (self));

  self->n_bits = MIN (arch->pte_bytes * 8, 64);
  self->entry = entry;
  self->n_fields = pw_arch_bit_fields (arch, level, entry, self->fields);
  /* what the picture shows, for a screen reader: the bits, high first */
  bits = g_string_new (NULL);
  for (guint b = self->n_bits; b > 0; b--)
    g_string_append_c (bits, (entry >> (b - 1)) & 1 ? '1' : '0');
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, bits->str,
                                  -1);
  g_string_free (bits, TRUE);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* pw-canvas.c: the diagram widget
 *
 * A plain GtkWidget: measure asks the renderer for the natural height of the
 * view at the given width, snapshot draws it with gtk_snapshot_append_cairo
 * and keeps the renderer's hit map, which answers tooltips and clicks.  A
 * translation unfolds on the frame clock (tick callback), at the speed of the
 * "speed" property, or jumps to its end when the system asks for reduced
 * motion.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pagewalk"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>
#include <math.h>

#include "pw-canvas-private.h"

enum
{
  PROP_0,
  PROP_VIEW,
  PROP_SPEED,
  PROP_NARRATION,
  PROP_ANIMATING,
  PROP_ZOOM,
  PROP_NUMBER_BASE,
  PROP_SHOW_BITS,
  N_PROPS
};

enum
{
  TRANSLATE_REQUESTED,
  SELECTION_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PwCanvas, pw_canvas, GTK_TYPE_WIDGET)

static void
update_narration (PwCanvas *self)
{
  g_autofree char *text = NULL;

  if (self->machine != NULL)
    text = pw_render_narration (self->machine, &self->options, self->options.t);
  if (g_strcmp0 (text, self->narration) == 0)
    return;
  g_free (self->narration);
  self->narration = g_steal_pointer (&text);
  /* the selection, then the narration (pw-canvas-select.c) */
  pw_canvas_update_description (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NARRATION]);
}

static void
changed (PwCanvas *self,
         gboolean  resize)
{
  self->hits_valid = FALSE;
  /* a new layout can keep the same allocation (the viewport's height):
   * draw it anyway */
  if (resize)
    gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
pw_canvas_changed (PwCanvas *self,
                   gboolean  resize)
{
  changed (self, resize);
}

/* The machine before the step is drawn only while the step unfolds. */
static void
drop_before (PwCanvas *self)
{
  self->options.before = NULL;
  g_clear_pointer (&self->before, pw_machine_free);
}

static void
stop_ticking (PwCanvas *self)
{
  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANIMATING]);
    }
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  PwCanvas *self = PW_CANVAS (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  double t;

  if (self->start_time == 0)
    self->start_time = now;
  t = (now - self->start_time) / (double) G_USEC_PER_SEC * self->speed;
  if (t >= self->duration)
    {
      self->options.t = PW_RENDER_T_FINAL;
      self->tick_id = 0;
      drop_before (self);
      update_narration (self);
      changed (self, FALSE);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANIMATING]);
      return G_SOURCE_REMOVE;
    }
  self->options.t = t;
  update_narration (self);
  changed (self, FALSE);
  return G_SOURCE_CONTINUE;
}

static gboolean
animations_enabled (PwCanvas *self)
{
  gboolean enabled = TRUE;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)),
                "gtk-enable-animations", &enabled,
                NULL);
  return enabled;
}

/* Starts the animation of the walk or event now in the options. */
static void
play (PwCanvas *self,
      gboolean  animate)
{
  gboolean was_animating = self->tick_id != 0;

  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
  self->options.reduced_motion = !animations_enabled (self);
  /* a translation, or a step without an access (a switch, fork...) */
  self->duration = self->machine != NULL
                   ? pw_render_step_duration (self->machine, &self->options) : 0;

  if (animate && !self->options.reduced_motion && self->duration > 0 && self->machine != NULL)
    {
      self->options.t = 0;
      self->start_time = 0;
      self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick_cb, NULL, NULL);
    }
  else
    {
      self->options.t = PW_RENDER_T_FINAL;
      drop_before (self);
    }

  update_narration (self);
  changed (self, TRUE);
  if (was_animating != (self->tick_id != 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANIMATING]);
}

static void
clear_translation (PwCanvas *self)
{
  self->options.has_walk = FALSE;
  memset (&self->options.walk, 0, sizeof self->options.walk);
  self->options.walk_pid = 0;
  self->options.event = NULL;
  drop_before (self);
  pw_event_clear (&self->event);
  memset (&self->event, 0, sizeof self->event);
}

/* ---- drawing --------------------------------------------------------------- */

static GtkSizeRequestMode
pw_canvas_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
pw_canvas_measure (GtkWidget      *widget,
                   GtkOrientation  orientation,
                   int             for_size,
                   int            *minimum,
                   int            *natural,
                   int            *minimum_baseline,
                   int            *natural_baseline)
{
  PwCanvas *self = PW_CANVAS (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* zoomed in, or with large text, the layout keeps its narrowest width
       * (below it the renderer would scale the view down again) and
       * scrolls; at 100 % and less the view fits the window as before */
      double k = self->zoom * self->options.text_scale;

      if (k > 1.0)
        *minimum = (int) ceil (pw_canvas_get_min_layout_width (self) * self->zoom);
      else
        *minimum = (int) ceil (PW_CANVAS_MIN_LAYOUT_WIDTH * k);
      *natural = MAX (*minimum, 1200);
      return;
    }
  if (self->machine == NULL)
    {
      *minimum = *natural = 200;
      return;
    }
  else
    {
      PwRenderOptions o = self->options;
      double height = 0;

      /* the final state: the size does not change while a walk unfolds */
      o.t = PW_RENDER_T_FINAL;
      /* the detail levels look at the zoom about to be drawn */
      o.scale = gtk_widget_get_scale_factor (widget) * self->zoom;
      o.zoom = self->zoom;
      /* laid out again at the zoom: the width in the renderer's units */
      pw_render_measure (self->machine, &o, (for_size > 0 ? for_size : 1200) / self->zoom,
                         &height);
      *minimum = *natural = (int) MIN (ceil (height * self->zoom), 100000);
    }
}

static void
draw (PwCanvas *self,
      cairo_t  *cr,
      int       width,
      int       height)
{
  /* semantic zoom: the renderer lays the view out at the width it has in
   * its own units, and the text is shaped again at the zoomed size */
  self->options.scale = gtk_widget_get_scale_factor (GTK_WIDGET (self)) * self->zoom;
  /* its detail follows the zoom, not the screen's scale factor */
  self->options.zoom = self->zoom;
  cairo_save (cr);
  cairo_scale (cr, self->zoom, self->zoom);
  pw_render_draw (cr, self->machine, &self->options,
                  width / self->zoom, height / self->zoom, self->hits);
  cairo_restore (cr);
  self->hits_valid = TRUE;
  self->hits_width = width;
  self->hits_height = height;
}

static void
pw_canvas_snapshot (GtkWidget   *widget,
                    GtkSnapshot *snapshot)
{
  PwCanvas *self = PW_CANVAS (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (self->machine == NULL || width <= 0 || height <= 0)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw (self, cr, width, height);
  cairo_destroy (cr);
}

static void
pw_canvas_size_allocate (GtkWidget *widget,
                         int        width,
                         int        height,
                         int        baseline)
{
  PwCanvas *self = PW_CANVAS (widget);

  if (width != self->hits_width || height != self->hits_height)
    self->hits_valid = FALSE;
  pw_canvas_zoom_allocated (self);
}

/* The hit map for the current state, drawn off screen when the last frame
 * is older than the last change. */
void
pw_canvas_ensure_hits (PwCanvas *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  cairo_surface_t *s;
  cairo_t *cr;

  if (self->hits_valid || self->machine == NULL || width <= 0 || height <= 0)
    return;
  s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cr = cairo_create (s);
  draw (self, cr, width, height);
  cairo_destroy (cr);
  cairo_surface_destroy (s);
}

const PwHit *
pw_canvas_hit_at (PwCanvas *self,
                  double    x,
                  double    y)
{
  g_return_val_if_fail (PW_IS_CANVAS (self), NULL);

  if (self->machine == NULL)
    return NULL;
  pw_canvas_ensure_hits (self);
  return pw_hit_map_lookup (self->hits, x / self->zoom, y / self->zoom);
}


static gboolean
pw_canvas_query_tooltip (GtkWidget  *widget,
                         int         x,
                         int         y,
                         gboolean    keyboard,
                         GtkTooltip *tooltip)
{
  PwCanvas *self = PW_CANVAS (widget);
  const PwHit *hit;
  g_autofree char *text = NULL;
  guint pid;
  guint64 va;

  if (keyboard)
    {
      /* focus from the keyboard: what is selected (Tab, the arrows), where
       * it is drawn */
      const PwHit *sel = pw_canvas_get_selection (self);

      text = sel != NULL ? pw_canvas_describe_selection (self) : NULL;
      if (text == NULL)
        return FALSE;
      gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) {
                                  (int) (sel->x * self->zoom), (int) (sel->y * self->zoom),
                                  MAX (1, (int) (sel->width * self->zoom)),
                                  MAX (1, (int) (sel->height * self->zoom)) });
      gtk_tooltip_set_text (tooltip, text);
      return TRUE;
    }
  hit = pw_canvas_hit_at (self, x, y);
  text = pw_canvas_describe_hit (self, hit);
  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) {
                              (int) (hit->x * self->zoom), (int) (hit->y * self->zoom),
                              MAX (1, (int) (hit->width * self->zoom)),
                              MAX (1, (int) (hit->height * self->zoom)) });
  if (pw_canvas_hit_address (self, hit, &pid, &va))
    {
      g_autofree char *escaped = g_markup_escape_text (text, -1);
      g_autofree char *markup = g_strdup_printf ("%s\n<small>%s</small>", escaped,
                                                 _("Click to translate its address"));
      gtk_tooltip_set_markup (tooltip, markup);
    }
  else
    gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
motion_cb (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           PwCanvas                 *self)
{
  guint pid;
  guint64 va;

  self->pointer_x = x;
  self->pointer_y = y;
  if (self->panning)
    return;
  if (pw_canvas_hit_address (self, pw_canvas_hit_at (self, x, y), &pid, &va))
    gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "pointer");
  else
    gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
}

static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            PwCanvas        *self)
{
  /* takes the keys back from the address entry: the arrows step again */
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
released_cb (GtkGestureClick *gesture,
             int              n_press,
             double           x,
             double           y,
             PwCanvas        *self)
{
  guint pid;
  guint64 va;
  gboolean page;

  page = pw_canvas_hit_address (self, pw_canvas_hit_at (self, x, y), &pid, &va);
  /* what is there is selected (the inspector describes it) */
  pw_canvas_select_at (self, x, y);
  if (page)
    g_signal_emit (self, signals[TRANSLATE_REQUESTED], 0, pid, va);
}

/* ---- theme ------------------------------------------------------------------- */

PwTheme
pw_canvas_theme_for (gboolean dark,
                     gboolean high_contrast)
{
  if (high_contrast)
    return PW_THEME_HIGH_CONTRAST;
  return dark ? PW_THEME_DARK : PW_THEME_LIGHT;
}

static PwTheme
style_theme (AdwStyleManager *manager)
{
  return pw_canvas_theme_for (adw_style_manager_get_dark (manager),
                              adw_style_manager_get_high_contrast (manager));
}

static void
style_changed_cb (AdwStyleManager *manager,
                  GParamSpec      *pspec,
                  PwCanvas        *self)
{
  PwTheme theme = style_theme (manager);

  if (theme != self->options.theme)
    {
      self->options.theme = theme;
      changed (self, FALSE);
    }
}

/* ---- the desktop's text ------------------------------------------------------ */

/* gtk-xft-dpi is the font resolution times 1024 (Large Text multiplies it
 * by 1.25 or 1.5; -1: the default), gtk-font-name "Family Size". */
static void
text_settings_changed_cb (GtkSettings *settings,
                          GParamSpec  *pspec,
                          PwCanvas    *self)
{
  int dpi = -1;
  g_autofree char *font_name = NULL;
  g_autofree char *family = NULL;
  double text_scale;

  g_object_get (settings, "gtk-xft-dpi", &dpi, "gtk-font-name", &font_name, NULL);
  text_scale = dpi > 0 ? dpi / 1024.0 / PW_RENDER_REFERENCE_DPI : 1.0;
  if (font_name != NULL)
    {
      PangoFontDescription *d = pango_font_description_from_string (font_name);
      const char *f = pango_font_description_get_family (d);

      if (f != NULL && *f != '\0')
        family = g_strdup (f);
      pango_font_description_free (d);
    }
  if (fabs (text_scale - self->options.text_scale) < 1e-6
      && g_strcmp0 (family, self->font_family) == 0)
    return;
  self->options.text_scale = text_scale;
  g_free (self->font_family);
  self->font_family = g_steal_pointer (&family);
  self->options.font_family = self->font_family;
  /* laid out again: the text's size changes the height and the widths */
  changed (self, TRUE);
}

double
pw_canvas_get_text_scale (PwCanvas *self)
{
  g_return_val_if_fail (PW_IS_CANVAS (self), 1.0);

  return self->options.text_scale;
}

/* ---- GObject ------------------------------------------------------------------ */

static void
pw_canvas_dispose (GObject *object)
{
  PwCanvas *self = PW_CANVAS (object);

  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
  self->machine = NULL;
  G_OBJECT_CLASS (pw_canvas_parent_class)->dispose (object);
}

static void
pw_canvas_finalize (GObject *object)
{
  PwCanvas *self = PW_CANVAS (object);

  pw_event_clear (&self->event);
  drop_before (self);
  g_clear_pointer (&self->options.previous, pw_machine_free);
  g_clear_pointer (&self->hits, pw_hit_map_free);
  g_free (self->narration);
  g_free (self->font_family);
  G_OBJECT_CLASS (pw_canvas_parent_class)->finalize (object);
}

static void
pw_canvas_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PwCanvas *self = PW_CANVAS (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      g_value_set_uint (value, self->options.view);
      break;
    case PROP_SPEED:
      g_value_set_double (value, self->speed);
      break;
    case PROP_NARRATION:
      g_value_set_string (value, self->narration);
      break;
    case PROP_ANIMATING:
      g_value_set_boolean (value, self->tick_id != 0);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    case PROP_NUMBER_BASE:
      g_value_set_uint (value, self->options.base);
      break;
    case PROP_SHOW_BITS:
      g_value_set_boolean (value, !self->options.hide_bits);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_canvas_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  PwCanvas *self = PW_CANVAS (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      pw_canvas_set_view (self, g_value_get_uint (value));
      break;
    case PROP_SPEED:
      if (self->speed != g_value_get_double (value))
        {
          self->speed = g_value_get_double (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_ZOOM:
      pw_canvas_set_zoom (self, g_value_get_double (value));
      break;
    case PROP_NUMBER_BASE:
      if (self->options.base != g_value_get_uint (value))
        {
          self->options.base = g_value_get_uint (value);
          update_narration (self);
          changed (self, TRUE);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_SHOW_BITS:
      if (self->options.hide_bits != !g_value_get_boolean (value))
        {
          self->options.hide_bits = !g_value_get_boolean (value);
          changed (self, FALSE);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_canvas_class_init (PwCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pw_canvas_dispose;
  object_class->finalize = pw_canvas_finalize;
  object_class->get_property = pw_canvas_get_property;
  object_class->set_property = pw_canvas_set_property;

  widget_class->get_request_mode = pw_canvas_get_request_mode;
  widget_class->measure = pw_canvas_measure;
  widget_class->size_allocate = pw_canvas_size_allocate;
  widget_class->snapshot = pw_canvas_snapshot;
  widget_class->query_tooltip = pw_canvas_query_tooltip;

  properties[PROP_VIEW] =
    g_param_spec_uint ("view", NULL, NULL, 0, PW_N_VIEWS - 1, PW_VIEW_OVERVIEW,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SPEED] =
    g_param_spec_double ("speed", NULL, NULL, 0.25, 4.0, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NARRATION] =
    g_param_spec_string ("narration", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ANIMATING] =
    g_param_spec_boolean ("animating", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* widget pixels per unit of the renderer */
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, PW_CANVAS_ZOOM_MIN, PW_CANVAS_ZOOM_MAX, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* PwNumberBase: how addresses and numbers are drawn (PwRenderOptions.base) */
  properties[PROP_NUMBER_BASE] =
    g_param_spec_uint ("number-base", NULL, NULL, PW_BASE_HEX, PW_BASE_DECIMAL, PW_BASE_HEX,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* the address bars' binary digits (PwRenderOptions.hide_bits) */
  properties[PROP_SHOW_BITS] =
    g_param_spec_boolean ("show-bits", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PwCanvas::translate-requested:
   * @pid: the process
   * @va: the first address of the page clicked
   *
   * A page (in the address space, a frame or a swap slot) was clicked.
   */
  signals[TRANSLATE_REQUESTED] =
    g_signal_new ("translate-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT64);

  /**
   * PwCanvas::selection-changed:
   *
   * The object selected changed (pw_canvas_get_selection()).
   */
  signals[SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  pw_canvas_zoom_class_init (widget_class);
  gtk_widget_class_set_css_name (widget_class, "pwcanvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
pw_canvas_init (PwCanvas *self)
{
  GtkEventController *motion;
  GtkGesture *click;
  AdwStyleManager *manager = adw_style_manager_get_default ();

  pw_render_options_init (&self->options);
  self->hits = pw_hit_map_new ();
  self->speed = 1.0;
  self->zoom = 1.0;
  self->options.theme = style_theme (manager);
  g_signal_connect_object (manager, "notify::dark", G_CALLBACK (style_changed_cb), self, 0);
  g_signal_connect_object (manager, "notify::high-contrast", G_CALLBACK (style_changed_cb), self, 0);
  {
    GtkSettings *settings = gtk_settings_get_default ();

    if (settings != NULL)
      {
        text_settings_changed_cb (settings, NULL, self);
        g_signal_connect_object (settings, "notify::gtk-xft-dpi",
                                 G_CALLBACK (text_settings_changed_cb), self, 0);
        g_signal_connect_object (settings, "notify::gtk-font-name",
                                 G_CALLBACK (text_settings_changed_cb), self, 0);
      }
  }

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  motion = gtk_event_controller_motion_new ();
  g_signal_connect_object (motion, "motion", G_CALLBACK (motion_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect_object (click, "pressed", G_CALLBACK (pressed_cb), self, 0);
  g_signal_connect_object (click, "released", G_CALLBACK (released_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  pw_canvas_zoom_init (self);
  pw_canvas_select_init (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Diagram of the machine"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "",
                                  -1);
}

/* ---- public ------------------------------------------------------------------------ */

GtkWidget *
pw_canvas_new (void)
{
  return g_object_new (PW_TYPE_CANVAS, NULL);
}

void
pw_canvas_set_machine (PwCanvas  *self,
                       PwMachine *machine)
{
  g_return_if_fail (PW_IS_CANVAS (self));

  /* the old machine may be gone already (the history moved on): who hears
   * that the animation stopped sees the new one */
  clear_translation (self);
  /* a new scenario: nothing is selected (a step keeps the selection) */
  if (machine == NULL)
    pw_canvas_set_selection (self, NULL);
  self->machine = machine;
  self->options.t = PW_RENDER_T_FINAL;
  stop_ticking (self);
  update_narration (self);
  changed (self, TRUE);
}

PwMachine *
pw_canvas_get_machine (PwCanvas *self)
{
  g_return_val_if_fail (PW_IS_CANVAS (self), NULL);

  return self->machine;
}

PwView
pw_canvas_get_view (PwCanvas *self)
{
  g_return_val_if_fail (PW_IS_CANVAS (self), PW_VIEW_OVERVIEW);

  return self->options.view;
}

void
pw_canvas_set_view (PwCanvas *self,
                    PwView    view)
{
  g_return_if_fail (PW_IS_CANVAS (self));
  g_return_if_fail ((guint) view < PW_N_VIEWS);

  if (self->options.view == view)
    return;
  self->options.view = view;
  update_narration (self);
  changed (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
}

void
pw_canvas_set_previous (PwCanvas  *self,
                        PwMachine *previous)
{
  g_return_if_fail (PW_IS_CANVAS (self));

  if (self->options.previous == previous)
    return;
  g_clear_pointer (&self->options.previous, pw_machine_free);
  self->options.previous = previous;
  changed (self, FALSE);
}

void
pw_canvas_set_compare (PwCanvas        *self,
                       const PwCompare *compare)
{
  g_return_if_fail (PW_IS_CANVAS (self));

  if (self->options.compare == compare)
    return;
  self->options.compare = compare;
  changed (self, TRUE);
}

void
pw_canvas_show_event (PwCanvas      *self,
                      const PwEvent *event,
                      gboolean       animate)
{
  pw_canvas_show_step (self, event, NULL, animate);
}

void
pw_canvas_show_step (PwCanvas      *self,
                     const PwEvent *event,
                     PwMachine     *before,
                     gboolean       animate)
{
  g_return_if_fail (PW_IS_CANVAS (self));

  clear_translation (self);
  if (event != NULL)
    {
      self->event = *event;
      self->event.message = g_strdup (event->message);
      self->options.event = &self->event;
    }
  self->before = before;
  self->options.before = before;
  play (self, animate);
}

void
pw_canvas_show_walk (PwCanvas     *self,
                     const PwWalk *walk,
                     guint         pid,
                     gboolean      animate)
{
  g_return_if_fail (PW_IS_CANVAS (self));

  clear_translation (self);
  if (walk != NULL)
    {
      self->options.has_walk = TRUE;
      self->options.walk = *walk;
      self->options.walk_pid = pid;
    }
  play (self, animate);
}

void
pw_canvas_finish (PwCanvas *self)
{
  g_return_if_fail (PW_IS_CANVAS (self));

  if (self->tick_id == 0)
    return;
  stop_ticking (self);
  self->options.t = PW_RENDER_T_FINAL;
  drop_before (self);
  update_narration (self);
  changed (self, FALSE);
}

gboolean
pw_canvas_get_animating (PwCanvas *self)
{
  g_return_val_if_fail (PW_IS_CANVAS (self), FALSE);

  return self->tick_id != 0;
}

const char *
pw_canvas_get_narration (PwCanvas *self)
{
  g_return_val_if_fail (PW_IS_CANVAS (self), NULL);

  return self->narration;
}

const PwRenderOptions *
pw_canvas_get_options (PwCanvas *self)
{
  g_return_val_if_fail (PW_IS_CANVAS (self), NULL);

  return &self->options;
}

/* Called by pw-canvas-zoom.c once self->zoom changed. */
void
pw_canvas_zoom_changed (PwCanvas *self)
{
  changed (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

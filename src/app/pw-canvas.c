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

#include "pw-canvas.h"
#include "pw-number.h"

/* A cell of the physical view that stands for more frames than this is
 * described by its range alone. */
#define MAX_FRAMES_LISTED 4096

struct _PwCanvas
{
  GtkWidget        parent_instance;

  PwMachine       *machine;      /* not owned */
  PwRenderOptions  options;
  PwEvent          event;        /* owned copy, when options.event is set */
  PwHitMap        *hits;
  gboolean         hits_valid;
  int              hits_width;
  int              hits_height;

  double           speed;
  double           duration;
  gint64           start_time;   /* frame time of t = 0, or 0 before the first frame */
  guint            tick_id;
  char            *narration;
};

enum
{
  PROP_0,
  PROP_VIEW,
  PROP_SPEED,
  PROP_NARRATION,
  PROP_ANIMATING,
  N_PROPS
};

enum
{
  TRANSLATE_REQUESTED,
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
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  self->narration ? self->narration : "",
                                  -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NARRATION]);
}

static void
changed (PwCanvas *self,
         gboolean  resize)
{
  self->hits_valid = FALSE;
  if (resize)
    gtk_widget_queue_resize (GTK_WIDGET (self));
  else
    gtk_widget_queue_draw (GTK_WIDGET (self));
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
  const PwWalk *walk = self->options.has_walk ? &self->options.walk : NULL;
  gboolean was_animating = self->tick_id != 0;

  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
  self->options.reduced_motion = !animations_enabled (self);
  self->duration = (walk || self->options.event)
                   ? pw_render_walk_duration (walk, self->options.event) : 0;

  if (animate && !self->options.reduced_motion && self->duration > 0 && self->machine != NULL)
    {
      self->options.t = 0;
      self->start_time = 0;
      self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick_cb, NULL, NULL);
    }
  else
    self->options.t = PW_RENDER_T_FINAL;

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
      *minimum = 480;
      *natural = 1200;
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
      pw_render_measure (self->machine, &o, for_size > 0 ? for_size : 1200, &height);
      *minimum = *natural = (int) MIN (height, 100000);
    }
}

static void
draw (PwCanvas *self,
      cairo_t  *cr,
      int       width,
      int       height)
{
  self->options.scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  pw_render_draw (cr, self->machine, &self->options, width, height, self->hits);
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
}

/* The hit map for the current state, drawn off screen when the last frame
 * is older than the last change. */
static void
ensure_hits (PwCanvas *self)
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
  ensure_hits (self);
  return pw_hit_map_lookup (self->hits, x, y);
}

/* ---- what is where ----------------------------------------------------------- */

static char *
process_name (PwCanvas *self,
              guint     pid)
{
  const PwProcess *p = pw_machine_lookup (self->machine, pid);

  if (p != NULL && p->name != NULL && *p->name)
    /* Translators: a process, e.g. “process 1 (shell)” */
    return g_strdup_printf (_("process %u (%s)"), pid, p->name);
  /* Translators: a process, e.g. “process 1” */
  return g_strdup_printf (_("process %u"), pid);
}

static const PwWalk *
shown_walk (PwCanvas *self)
{
  if (self->options.event != NULL)
    return self->options.event->retried ? &self->options.event->retry
                                        : &self->options.event->walk;
  return self->options.has_walk ? &self->options.walk : NULL;
}

static char *
describe_page (PwCanvas *self,
               guint     pid,
               guint64   vpn)
{
  const PwArch *arch = pw_machine_arch (self->machine);
  const PwProcess *p = pw_machine_lookup (self->machine, pid);
  g_autofree char *who = process_name (self, pid);
  g_autofree char *va = pw_hex_grouped (vpn << arch->page_shift);
  const PwPage *page = NULL;
  char hex[24], frame[24];

  if (p != NULL && p->pages != NULL)
    page = g_hash_table_lookup (p->pages, &vpn);
  if (page != NULL && page->resident)
    /* Translators: a virtual page, the process (“process 1 (shell)”), its address and the
     * frame */
    return g_strdup_printf (_("Page %s of %s at %s: in frame %s"),
                            pw_hex_buf (vpn, hex), who, va,
                            pw_hex_buf (page->frame, frame));
  if (page != NULL && page->on_disk)
    /* Translators: a virtual page, the process, its address and the swap slot */
    return g_strdup_printf (_("Page %s of %s at %s: on disk, swap slot %s"),
                            pw_hex_buf (vpn, hex), who, va, PW_DEC (page->slot));
  return g_strdup_printf (_("Page %s of %s at %s: not in memory"),
                          pw_hex_buf (vpn, hex), who, va);
}

static char *
describe_frame (PwCanvas          *self,
                guint64            frame,
                const PwFrameInfo *fi)
{
  char a[24], b[24];

  if (fi == NULL || fi->use == PW_FRAME_FREE)
    return g_strdup_printf (_("Frame %s: free"), pw_hex_buf (frame, a));
  if (fi->use == PW_FRAME_TABLE)
    {
      g_autofree char *who = process_name (self, fi->pid);
      /* Translators: a frame, then the process */
      return g_strdup_printf (_("Frame %s: a page table of %s"), pw_hex_buf (frame, a), who);
    }
  else
    {
      g_autofree char *who = process_name (self, fi->pid);
      if (fi->sharers > 1)
        /* Translators: a frame, the virtual page it holds, the process
         * (“process 1 (shell)”) and the number of mappings */
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Frame %s: page %s of %s, shared by %u mapping",
                                             "Frame %s: page %s of %s, shared by %u mappings", fi->sharers),
                                pw_hex_buf (frame, a), pw_hex_buf (fi->vpn, b), who, fi->sharers);
      /* Translators: a frame, the virtual page it holds, the process */
      return g_strdup_printf (_("Frame %s: page %s of %s"),
                              pw_hex_buf (frame, a), pw_hex_buf (fi->vpn, b), who);
    }
}

/* The one data frame in use among @count from @frame, if there is exactly one. */
static const PwFrameInfo *
single_data_frame (PwCanvas *self,
                   guint64   frame,
                   guint64   count)
{
  const PwFrameInfo *found = NULL;

  if (count > MAX_FRAMES_LISTED)
    return NULL;
  for (guint64 f = frame; f < frame + count; f++)
    {
      const PwFrameInfo *fi = pw_machine_frame_info (self->machine, f);

      if (fi == NULL || fi->use != PW_FRAME_DATA)
        continue;
      if (found != NULL)
        return NULL;
      found = fi;
    }
  return found;
}

char *
pw_canvas_describe_hit (PwCanvas    *self,
                        const PwHit *hit)
{
  const PwArch *arch;
  char a[24], b[24];

  g_return_val_if_fail (PW_IS_CANVAS (self), NULL);

  if (hit == NULL || self->machine == NULL)
    return NULL;
  arch = pw_machine_arch (self->machine);

  switch (hit->kind)
    {
    case PW_HIT_FIELD:
      {
        const PwWalk *w = shown_walk (self);
        const PwField *f;

        if (w == NULL || hit->index >= w->n_fields)
          return NULL;
        f = &w->fields[hit->index];
        /* Translators: a field of the address (L1, offset...), its highest and lowest
         * bits, its value */
        return g_strdup_printf (_("%s: bits %u–%u of the address, value %s"),
                                f->name, f->hi, f->lo, pw_hex_buf (f->value, a));
      }

    case PW_HIT_REGION:
      {
        const PwProcess *p = pw_machine_lookup (self->machine, hit->pid);
        const PwRegion *r = p ? pw_process_find_region (p, hit->start) : NULL;
        g_autofree char *who = process_name (self, hit->pid);
        g_autofree char *size = pw_size_human (hit->size);
        g_autofree char *start = pw_hex_grouped (hit->start);
        g_autofree char *end = pw_hex_grouped (hit->start + hit->size - 1);

        if (r != NULL && r->name != NULL && r->start == hit->start && r->size == hit->size)
          /* Translators: the region's name, the process, its first and last addresses, its
           * size and its state */
          return g_strdup_printf (_("Region “%s” of %s: %s–%s, %s, %s"), r->name, who,
                                  start, end, size, pw_region_state_name (r->state));
        /* Translators: the process, the first and last addresses, the size */
        return g_strdup_printf (_("Regions of %s: %s–%s, %s"), who, start, end, size);
      }

    case PW_HIT_GAP:
      {
        g_autofree char *size = pw_size_human (hit->size);
        g_autofree char *start = pw_hex_grouped (hit->start);
        /* Translators: a size, then the address where the free space starts */
        return g_strdup_printf (_("Free address space: %s from %s"), size, start);
      }

    case PW_HIT_PAGE:
      if (hit->count <= 1)
        return describe_page (self, hit->pid, hit->vpn);
      else
        {
          g_autofree char *who = process_name (self, hit->pid);
          /* Translators: the first and last pages, the process and the
           * number of pages */
          return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Pages %s–%s of %s (%s page)",
                                               "Pages %s–%s of %s (%s pages)",
                                               (gulong) MIN (hit->count, G_MAXULONG)),
                                  pw_hex_buf (hit->vpn, a),
                                  pw_hex_buf (hit->vpn + hit->count - 1, b), who, PW_DEC (hit->count));
        }

    case PW_HIT_TABLE:
      {
        const char *level = hit->level < arch->n_levels && arch->level_names[hit->level]
                            ? arch->level_names[hit->level] : "";
        g_autofree char *who = hit->pid ? process_name (self, hit->pid) : NULL;
        if (who != NULL)
          /* Translators: the level's name (PD, PT...), the process, the frame */
          return g_strdup_printf (_("%s page table of %s in frame %s"),
                                  level, who, pw_hex_buf (hit->frame, a));
        return g_strdup_printf (_("%s page table in frame %s"), level, pw_hex_buf (hit->frame, a));
      }

    case PW_HIT_ENTRY:
      {
        const char *level = hit->level < arch->n_levels && arch->level_names[hit->level]
                            ? arch->level_names[hit->level] : "";
        /* Translators: the entry's index, the level's name, the table's frame and the
         * entry's value */
        return g_strdup_printf (_("Entry %s of the %s table in frame %s: raw value %s"),
                                PW_DEC (hit->index), level, pw_hex_buf (hit->frame, a),
                                pw_hex_buf (hit->entry, b));
      }

    case PW_HIT_FRAME:
      if (hit->count > 1)
        {
          g_autoptr(GString) text = g_string_new (NULL);

          /* Translators: the first and last frames, then their number */
          g_string_printf (text, g_dngettext (GETTEXT_PACKAGE, "Frames %s–%s (%s frame)",
                                              "Frames %s–%s (%s frames)",
                                              (gulong) MIN (hit->count, G_MAXULONG)),
                           pw_hex_buf (hit->frame, a),
                           pw_hex_buf (hit->frame + hit->count - 1, b), PW_DEC (hit->count));
          if (hit->count <= MAX_FRAMES_LISTED)
            {
              guint n = 0;

              for (guint64 f = hit->frame; f < hit->frame + hit->count; f++)
                {
                  const PwFrameInfo *fi = pw_machine_frame_info (self->machine, f);
                  g_autofree char *line = NULL;

                  if (fi == NULL || fi->use == PW_FRAME_FREE)
                    continue;
                  if (++n > 4)
                    continue;
                  line = describe_frame (self, f, fi);
                  g_string_append_printf (text, "\n%s", line);
                }
              if (n > 4)
                g_string_append_printf (text, "\n%s", _("…"));
              else if (n == 0)
                g_string_append_printf (text, "\n%s", _("All free"));
            }
          return g_string_free (g_steal_pointer (&text), FALSE);
        }
      else
        return describe_frame (self, hit->frame,
                               pw_machine_frame_info (self->machine, hit->frame));

    case PW_HIT_SLOT:
      if (hit->count > 1)
        /* Translators: the first and last swap slots */
        return g_strdup_printf (_("Swap slots %s–%s"),
                                PW_DEC (hit->slot), PW_DEC (hit->slot + hit->count - 1));
      else
        {
          guint pid;
          guint64 vpn;

          if (pw_machine_slot_owner (self->machine, hit->slot, &pid, &vpn))
            {
              g_autofree char *who = process_name (self, pid);
              /* Translators: a swap slot, the virtual page it holds, the process */
              return g_strdup_printf (_("Swap slot %s: page %s of %s"),
                                      PW_DEC (hit->slot), pw_hex_buf (vpn, a), who);
            }
          return g_strdup_printf (_("Swap slot %s: free"), PW_DEC (hit->slot));
        }

    case PW_HIT_TLB_ENTRY:
      {
        const PwTlbEntry *e = pw_machine_tlb_entry (self->machine, (guint) hit->index);

        if (e == NULL || !e->valid)
          return g_strdup_printf (_("TLB entry %s: empty"), PW_DEC (hit->index));
        /* Translators: the entry's index, a virtual page, its frame */
        return g_strdup_printf (_("TLB entry %s: page %s → frame %s"),
                                PW_DEC (hit->index), pw_hex_buf (e->vpn, a), pw_hex_buf (e->frame, b));
      }

    case PW_HIT_NONE:
    default:
      return NULL;
    }
}

/* The virtual address a click on @hit translates, if any. */
static gboolean
hit_address (PwCanvas    *self,
             const PwHit *hit,
             guint       *pid,
             guint64     *va)
{
  const PwArch *arch = pw_machine_arch (self->machine);

  if (hit == NULL)
    return FALSE;
  if (hit->kind == PW_HIT_PAGE && hit->count <= 1 && hit->pid != 0)
    {
      *pid = hit->pid;
      *va = hit->vpn << arch->page_shift;
      return TRUE;
    }
  if (hit->kind == PW_HIT_FRAME)
    {
      const PwFrameInfo *fi = single_data_frame (self, hit->frame, hit->count);
      if (fi != NULL && fi->use == PW_FRAME_DATA && fi->pid != 0)
        {
          *pid = fi->pid;
          *va = fi->vpn << arch->page_shift;
          return TRUE;
        }
    }
  if (hit->kind == PW_HIT_SLOT && hit->count <= 1)
    {
      guint64 vpn;
      if (pw_machine_slot_owner (self->machine, hit->slot, pid, &vpn))
        {
          *va = vpn << arch->page_shift;
          return TRUE;
        }
    }
  return FALSE;
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
    return FALSE;
  hit = pw_canvas_hit_at (self, x, y);
  text = pw_canvas_describe_hit (self, hit);
  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) {
                              (int) hit->x, (int) hit->y,
                              MAX (1, (int) hit->width), MAX (1, (int) hit->height) });
  if (hit_address (self, hit, &pid, &va))
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

  if (hit_address (self, pw_canvas_hit_at (self, x, y), &pid, &va))
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

  if (hit_address (self, pw_canvas_hit_at (self, x, y), &pid, &va))
    g_signal_emit (self, signals[TRANSLATE_REQUESTED], 0, pid, va);
}

/* ---- theme ------------------------------------------------------------------- */

static void
dark_changed_cb (AdwStyleManager *manager,
                 GParamSpec      *pspec,
                 PwCanvas        *self)
{
  PwTheme theme = adw_style_manager_get_dark (manager) ? PW_THEME_DARK : PW_THEME_LIGHT;

  if (theme != self->options.theme)
    {
      self->options.theme = theme;
      changed (self, FALSE);
    }
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
  g_clear_pointer (&self->hits, pw_hit_map_free);
  g_free (self->narration);
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
  self->options.theme = adw_style_manager_get_dark (manager) ? PW_THEME_DARK : PW_THEME_LIGHT;
  g_signal_connect_object (manager, "notify::dark", G_CALLBACK (dark_changed_cb), self, 0);

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

  stop_ticking (self);
  clear_translation (self);
  self->machine = machine;
  self->options.t = PW_RENDER_T_FINAL;
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
pw_canvas_show_event (PwCanvas      *self,
                      const PwEvent *event,
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

/* pw-canvas-select.c: the object selected in the diagram
 *
 * A click selects what is under the pointer (the renderer's hit map says
 * what), and the renderer outlines it wherever it is drawn
 * (PwRenderOptions.selection; a data frame lights every page that maps it).
 * With the diagram focused, Tab selects the objects one after the other
 * (past the last one the focus moves on), and while something is selected
 * the arrow keys move to the nearest object that way (without a selection
 * they step through the script), Enter follows it (an entry to the table
 * or frame it points to, a page to its frame or swap slot...) and Escape
 * clears it.  The accessible description names the selection, so a screen
 * reader follows it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pagewalk"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "pw-canvas-private.h"
#include "pw-format.h"
#include "pw-physmem.h"

/* ---- identity ------------------------------------------------------------------ */

/* Whether the hit @h stands for the object @s names (the fields that
 * identify it, not where it is drawn). */
static gboolean
same_object (const PwHit *h,
             const PwHit *s)
{
  if (h->kind != s->kind)
    return FALSE;
  switch (s->kind)
    {
    case PW_HIT_PAGE:
      return h->pid == s->pid && h->vpn == s->vpn && h->count == s->count;
    case PW_HIT_FRAME:
      return h->frame == s->frame && h->count == s->count;
    case PW_HIT_SLOT:
      return h->slot == s->slot && h->count == s->count;
    case PW_HIT_TABLE:
      return h->frame == s->frame && h->level == s->level;
    case PW_HIT_ENTRY:
      return h->frame == s->frame && h->level == s->level && h->index == s->index;
    case PW_HIT_TLB_ENTRY:
    case PW_HIT_FIELD:
      return h->index == s->index;
    case PW_HIT_REGION:
    case PW_HIT_GAP:
      return h->pid == s->pid && h->start == s->start && h->size == s->size;
    case PW_HIT_NONE:
    default:
      return FALSE;
    }
}

/* The index in the hit map of the selection as drawn now, or -1. */
static int
selection_index (PwCanvas *self)
{
  guint n;

  if (!self->options.has_selection || self->machine == NULL)
    return -1;
  pw_canvas_ensure_hits (self);
  n = pw_hit_map_size (self->hits);
  for (guint i = 0; i < n; i++)
    if (same_object (pw_hit_map_get (self->hits, i), &self->options.selection))
      return (int) i;
  return -1;
}

/* ---- the accessible description ------------------------------------------------------- */

char *
pw_canvas_describe_selection (PwCanvas *self)
{
  g_return_val_if_fail (PW_IS_CANVAS (self), NULL);

  if (!self->options.has_selection || self->machine == NULL)
    return NULL;
  return pw_canvas_describe_hit (self, &self->options.selection);
}

void
pw_canvas_update_description (PwCanvas *self)
{
  g_autofree char *what = pw_canvas_describe_selection (self);
  g_autofree char *text = NULL;

  if (what != NULL && self->narration != NULL)
    /* Translators: the accessible description of the diagram: the object
     * selected, then the narration of the translation shown */
    text = g_strdup_printf (_("Selected: %s. %s"), what, self->narration);
  else if (what != NULL)
    text = g_strdup_printf (_("Selected: %s"), what);
  else
    text = g_strdup (self->narration ? self->narration : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                  -1);
}

/* ---- choosing ---------------------------------------------------------------------------- */

const PwHit *
pw_canvas_get_selection (PwCanvas *self)
{
  g_return_val_if_fail (PW_IS_CANVAS (self), NULL);

  return self->options.has_selection ? &self->options.selection : NULL;
}

/* Scrolls the enclosing scrolled window so the selection is in sight. */
static void
reveal_selection (PwCanvas *self)
{
  GtkWidget *sw = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_SCROLLED_WINDOW);
  int i = selection_index (self);
  const PwHit *h;
  GtkAdjustment *adj[2];
  double lo[2], hi[2];

  if (sw == NULL || i < 0)
    return;
  h = pw_hit_map_get (self->hits, (guint) i);
  adj[0] = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (sw));
  adj[1] = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (sw));
  lo[0] = h->x * self->zoom;
  hi[0] = (h->x + h->width) * self->zoom;
  lo[1] = h->y * self->zoom;
  hi[1] = (h->y + h->height) * self->zoom;
  for (guint k = 0; k < 2; k++)
    {
      double value = gtk_adjustment_get_value (adj[k]);
      double page = gtk_adjustment_get_page_size (adj[k]);

      if (hi[k] - lo[k] > page || lo[k] < value)
        gtk_adjustment_set_value (adj[k], lo[k] - 12);
      else if (hi[k] > value + page)
        gtk_adjustment_set_value (adj[k], hi[k] - page + 12);
    }
}

void
pw_canvas_set_selection (PwCanvas    *self,
                         const PwHit *object)
{
  g_return_if_fail (PW_IS_CANVAS (self));

  if (object == NULL || object->kind == PW_HIT_NONE)
    {
      if (!self->options.has_selection)
        return;
      self->options.has_selection = FALSE;
      memset (&self->options.selection, 0, sizeof self->options.selection);
    }
  else
    {
      if (self->options.has_selection && same_object (object, &self->options.selection))
        return;
      self->options.has_selection = TRUE;
      self->options.selection = *object;
      if (self->options.selection.count == 0)
        self->options.selection.count = 1;
    }
  pw_canvas_changed (self, FALSE);
  reveal_selection (self);
  pw_canvas_update_description (self);
  g_signal_emit_by_name (self, "selection-changed");
}

gboolean
pw_canvas_select_at (PwCanvas *self,
                     double    x,
                     double    y)
{
  const PwHit *hit;

  g_return_val_if_fail (PW_IS_CANVAS (self), FALSE);

  hit = pw_canvas_hit_at (self, x, y);
  pw_canvas_set_selection (self, hit);
  return hit != NULL;
}

/* ---- moving ------------------------------------------------------------------------------ */

/* The next (or previous) object in drawing order, which is reading order
 * within each view; -1 past either end. */
static int
step_index (PwCanvas *self,
            int       from,
            int       delta)
{
  int n = (int) pw_hit_map_size (self->hits);
  const PwHit *cur = from >= 0 ? pw_hit_map_get (self->hits, (guint) from) : NULL;

  for (int i = from + delta; i >= 0 && i < n; i += delta)
    if (cur == NULL || !same_object (pw_hit_map_get (self->hits, (guint) i), cur))
      return i;
  return -1;
}

/* The nearest object from the selection's centre in @dir, or -1. */
static int
nearest_index (PwCanvas         *self,
               int               from,
               GtkDirectionType  dir)
{
  const PwHit *cur = pw_hit_map_get (self->hits, (guint) from);
  double cx = cur->x + cur->width / 2, cy = cur->y + cur->height / 2;
  double best = INFINITY;
  int found = -1;

  for (guint i = 0; i < pw_hit_map_size (self->hits); i++)
    {
      const PwHit *h = pw_hit_map_get (self->hits, i);
      double hx = h->x + h->width / 2, hy = h->y + h->height / 2;
      double along, across, score;

      if (same_object (h, cur))
        continue;
      switch (dir)
        {
        case GTK_DIR_RIGHT: along = hx - cx; across = hy - cy; break;
        case GTK_DIR_LEFT: along = cx - hx; across = hy - cy; break;
        case GTK_DIR_DOWN: along = hy - cy; across = hx - cx; break;
        case GTK_DIR_UP: along = cy - hy; across = hx - cx; break;
        case GTK_DIR_TAB_FORWARD:
        case GTK_DIR_TAB_BACKWARD:
        default: return -1;
        }
      if (along < 2)
        continue;
      /* straight ahead first, then the nearest */
      score = along + 3 * fabs (across);
      if (score < best)
        {
          best = score;
          found = (int) i;
        }
    }
  return found;
}

gboolean
pw_canvas_move_selection (PwCanvas         *self,
                          GtkDirectionType  dir)
{
  int from, to;

  g_return_val_if_fail (PW_IS_CANVAS (self), FALSE);

  if (self->machine == NULL)
    return FALSE;
  pw_canvas_ensure_hits (self);
  if (pw_hit_map_size (self->hits) == 0)
    return FALSE;
  from = selection_index (self);
  if (dir == GTK_DIR_TAB_FORWARD || dir == GTK_DIR_TAB_BACKWARD)
    to = step_index (self, from, dir == GTK_DIR_TAB_FORWARD ? 1 : -1);
  else if (from < 0)
    to = 0;
  else
    to = nearest_index (self, from, dir);
  if (to < 0)
    return FALSE;
  pw_canvas_set_selection (self, pw_hit_map_get (self->hits, (guint) to));
  return TRUE;
}

/* ---- following -------------------------------------------------------------------------- */

/* The value an entry holds now, read from simulated physical memory. */
guint64
pw_canvas_entry_value (PwMachine   *m,
                       const PwHit *entry)
{
  const PwArch *a = pw_machine_arch (m);
  guint64 pa = (entry->frame << a->page_shift) + entry->index * a->pte_bytes;

  return pw_physmem_read (pw_machine_physmem (m), pa, a->pte_bytes, NULL);
}

/* What following @s leads to, in *@out. */
static gboolean
follow_target (PwCanvas    *self,
               const PwHit *s,
               PwHit       *out)
{
  PwMachine *m = self->machine;
  const PwArch *a = pw_machine_arch (m);

  memset (out, 0, sizeof *out);
  out->count = 1;
  switch (s->kind)
    {
    case PW_HIT_ENTRY:
      {
        guint64 e;

        if (a->kind != PW_ARCH_PAGED)
          return FALSE;
        e = pw_canvas_entry_value (m, s);
        if (!pw_arch_entry_present (a, s->level, e))
          return FALSE;
        out->frame = pw_arch_entry_frame (a, s->level, e);
        out->pid = s->pid;
        if (pw_arch_entry_is_table (a, s->level, e))
          {
            out->kind = PW_HIT_TABLE;
            out->level = s->level + 1;
          }
        else
          out->kind = PW_HIT_FRAME;
        return TRUE;
      }

    case PW_HIT_PAGE:
      {
        const PwProcess *p = pw_machine_lookup (m, s->pid);
        const PwPage *pg = p && p->pages && s->count <= 1
                           ? g_hash_table_lookup (p->pages, &s->vpn) : NULL;

        if (pg != NULL && pg->resident)
          {
            out->kind = PW_HIT_FRAME;
            out->frame = pg->frame;
            return TRUE;
          }
        if (pg != NULL && pg->on_disk)
          {
            out->kind = PW_HIT_SLOT;
            out->slot = pg->slot;
            return TRUE;
          }
        return FALSE;
      }

    case PW_HIT_TLB_ENTRY:
      {
        const PwTlbEntry *e = pw_machine_tlb_entry (m, (guint) s->index);

        if (e == NULL || !e->valid)
          return FALSE;
        out->kind = PW_HIT_FRAME;
        out->frame = e->frame;
        return TRUE;
      }

    case PW_HIT_SLOT:
      if (s->count <= 1 && pw_machine_slot_owner (m, s->slot, &out->pid, &out->vpn))
        {
          out->kind = PW_HIT_PAGE;
          return TRUE;
        }
      return FALSE;

    case PW_HIT_FRAME:
      {
        const PwFrameInfo *fi = s->count <= 1 ? pw_machine_frame_info (m, s->frame) : NULL;

        /* a page of the process owning it; the inspector lists the others */
        if (fi != NULL && fi->use == PW_FRAME_DATA && fi->pid != 0)
          {
            out->kind = PW_HIT_PAGE;
            out->pid = fi->pid;
            out->vpn = fi->vpn;
            return TRUE;
          }
        return FALSE;
      }

    case PW_HIT_TABLE:
    case PW_HIT_REGION:
    case PW_HIT_GAP:
    case PW_HIT_FIELD:
    case PW_HIT_NONE:
    default:
      return FALSE;
    }
}

gboolean
pw_canvas_can_follow (PwCanvas *self)
{
  PwHit target;

  g_return_val_if_fail (PW_IS_CANVAS (self), FALSE);

  return self->options.has_selection && self->machine != NULL
         && follow_target (self, &self->options.selection, &target);
}

gboolean
pw_canvas_follow (PwCanvas *self)
{
  PwHit target;

  g_return_val_if_fail (PW_IS_CANVAS (self), FALSE);

  if (!self->options.has_selection || self->machine == NULL
      || !follow_target (self, &self->options.selection, &target))
    return FALSE;
  /* outlined wherever the view draws it (a cell of frames, say) */
  pw_canvas_set_selection (self, &target);
  return TRUE;
}

/* ---- keys -------------------------------------------------------------------------------- */

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                PwCanvas              *self)
{
  gboolean selected = self->options.has_selection;

  /* Ctrl+arrows pan, Alt+digits change the view */
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK))
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Tab:
    case GDK_KEY_KP_Tab:
    case GDK_KEY_ISO_Left_Tab:
      {
        gboolean back = keyval == GDK_KEY_ISO_Left_Tab || (state & GDK_SHIFT_MASK);

        if (!selected && back)
          return FALSE;
        if (pw_canvas_move_selection (self, back ? GTK_DIR_TAB_BACKWARD : GTK_DIR_TAB_FORWARD))
          return TRUE;
        /* past the last object: the focus moves on */
        pw_canvas_set_selection (self, NULL);
        return FALSE;
      }
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      {
        GtkDirectionType dir;

        /* without a selection the arrows step through the script; with
         * Shift they go to the previous or next fault (the timeline) */
        if (!selected || (state & GDK_SHIFT_MASK))
          return FALSE;
        if (keyval == GDK_KEY_Left || keyval == GDK_KEY_KP_Left)
          dir = GTK_DIR_LEFT;
        else if (keyval == GDK_KEY_Right || keyval == GDK_KEY_KP_Right)
          dir = GTK_DIR_RIGHT;
        else if (keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up)
          dir = GTK_DIR_UP;
        else
          dir = GTK_DIR_DOWN;
        if (!pw_canvas_move_selection (self, dir))
          gtk_widget_error_bell (GTK_WIDGET (self));
        return TRUE;
      }
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      if (!selected)
        return FALSE;
      if (!pw_canvas_follow (self))
        gtk_widget_error_bell (GTK_WIDGET (self));
      return TRUE;
    case GDK_KEY_Escape:
      if (!selected)
        return FALSE;
      pw_canvas_set_selection (self, NULL);
      return TRUE;
    default:
      return FALSE;
    }
}

void
pw_canvas_select_init (PwCanvas *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

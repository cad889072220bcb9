/* pw-window-runcfg.c: the run settings (win.run-settings, F7)
 *
 * A menu button in the timeline's bar, after the scrubber, whose label says what the run in force
 * uses ("lru · 3 frames · TLB off") opens a popover with the replacement
 * policy, the data frames and the TLB, as `pagewalk-cli run --policy
 * --frames --tlb` takes them, each starting at the scenario's own.  A
 * change runs the document again with those settings (pw_window_rerun(): a
 * worker with progress and Cancel, the trace not read again) and keeps the
 * step shown.  The settings belong to the window and go back to the
 * scenario's when another scenario opens.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pagewalk"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "pw-present.h"
#include "pw-window-private.h"

/* The policy list's items after the first ("the scenario's"), in order. */
static const PwPolicy policies[] = {
  PW_POLICY_FIFO, PW_POLICY_LRU, PW_POLICY_OPT, PW_POLICY_CLOCK, PW_POLICY_RANDOM, PW_POLICY_MRU,
};

/* The TLB list's items after "the scenario's" and "off", as --tlb takes them. */
static const char *const tlbs[] = { "4", "8x2", "16x4", "64x4" };

/* "lru · 3 frames · TLB off": what @run uses. */
char *
pw_window_run_settings_text (const PwRun *run)
{
  const PwMachineConfig *mc = pw_run_config (run);
  g_autofree char *frames = NULL;
  g_autofree char *tlb = NULL;

  if (mc->data_frames > 0)
    frames = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s frame", "%s frames",
                                           mc->data_frames > G_MAXULONG ? G_MAXULONG : (gulong) mc->data_frames),
                              PW_DEC (mc->data_frames));
  else
    /* Translators: the run settings' label: no quota on the frames of data pages */
    frames = g_strdup (_("all frames"));
  if (!mc->tlb)
    tlb = g_strdup (_("TLB off"));
  else if (mc->tlb_ways == 0 || mc->tlb_ways == mc->tlb_entries)
    /* Translators: the run settings' label: a fully associative TLB of %s entries */
    tlb = g_strdup_printf (_("TLB %s"), PW_DEC (mc->tlb_entries));
  else
    {
      char e[PW_DEC_SIZE], w[PW_DEC_SIZE];

      /* Translators: the run settings' label: the TLB's entries, then its ways ("TLB 16x4") */
      tlb = g_strdup_printf (_("TLB %sx%s"), pw_dec_buf (mc->tlb_entries, e), pw_dec_buf (mc->tlb_ways, w));
    }
  return g_strjoin (" · ", pw_policy_name (mc->policy), frames, tlb, NULL);
}

/* ---- the controls --------------------------------------------------------------------- */

/* The frames button shows 0 as "Scenario's". */
static gboolean
frames_output_cb (GtkSpinButton *spin,
                  gpointer       user_data)
{
  int value = gtk_spin_button_get_value_as_int (spin);
  g_autofree char *text = value > 0 ? g_strdup_printf ("%d", value) : g_strdup (_("Scenario's"));

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (spin)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

/* A number, or anything else (the scenario's word) for 0. */
static int
frames_input_cb (GtkSpinButton *spin,
                 double        *new_value,
                 gpointer       user_data)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  char *end = NULL;
  double v = g_ascii_strtod (text, &end);

  *new_value = end != NULL && end != text && *end == '\0' ? v : 0;
  return TRUE;
}

gboolean
pw_window_run_settings_config (PwWindow     *self,
                               PwRunConfig  *cfg,
                               GError      **error)
{
  guint policy = gtk_drop_down_get_selected (self->runcfg_policy);
  guint tlb = gtk_drop_down_get_selected (self->runcfg_tlb);

  pw_run_config_init (cfg);
  if (policy > 0 && policy <= G_N_ELEMENTS (policies))
    {
      cfg->set_policy = TRUE;
      cfg->policy = policies[policy - 1];
    }
  cfg->data_frames = (guint64) MAX (0, gtk_spin_button_get_value_as_int (self->runcfg_frames));
  if (tlb == 1)
    return pw_run_config_parse_tlb (cfg, "off", error);
  if (tlb >= 2 && tlb - 2 < G_N_ELEMENTS (tlbs))
    return pw_run_config_parse_tlb (cfg, tlbs[tlb - 2], error);
  return TRUE;
}

static gboolean
same_config (const PwRunConfig *a,
             const PwRunConfig *b)
{
  return a->set_policy == b->set_policy && (!a->set_policy || a->policy == b->policy)
         && a->data_frames == b->data_frames && a->set_tlb == b->set_tlb
         && (!a->set_tlb || (a->tlb == b->tlb && (!a->tlb || (a->tlb_entries == b->tlb_entries
                                                               && a->tlb_ways == b->tlb_ways))));
}

static void
changed_cb (PwWindow *self)
{
  g_autoptr(GError) error = NULL;
  PwRunConfig cfg;

  if (self->runcfg_syncing || self->doc == NULL)
    return;
  if (!pw_window_run_settings_config (self, &cfg, &error))
    {
      pw_window_toast (self, error->message);
      pw_window_run_settings_update (self);
      return;
    }
  if (!same_config (&cfg, &self->doc->config))
    pw_window_rerun (self, &cfg);
}

void
pw_window_run_settings_update (PwWindow *self)
{
  const PwRunConfig *cfg;
  g_autofree char *text = NULL;
  guint policy = 0, tlb = 0;

  gtk_widget_set_sensitive (GTK_WIDGET (self->runcfg_button), self->doc != NULL && !pw_window_get_opening (self));
  if (self->doc == NULL)
    {
      gtk_menu_button_set_label (self->runcfg_button, _("Run Settings"));
      return;
    }
  cfg = &self->doc->config;
  if (cfg->set_policy)
    for (guint i = 0; i < G_N_ELEMENTS (policies); i++)
      if (policies[i] == cfg->policy)
        policy = i + 1;
  if (cfg->set_tlb && !cfg->tlb)
    tlb = 1;
  else if (cfg->set_tlb)
    for (guint i = 0; i < G_N_ELEMENTS (tlbs); i++)
      {
        PwRunConfig t;

        pw_run_config_init (&t);
        if (pw_run_config_parse_tlb (&t, tlbs[i], NULL)
            && t.tlb_entries == cfg->tlb_entries && t.tlb_ways == cfg->tlb_ways)
          tlb = i + 2;
      }

  self->runcfg_syncing = TRUE;
  gtk_drop_down_set_selected (self->runcfg_policy, policy);
  gtk_drop_down_set_selected (self->runcfg_tlb, tlb);
  /* 1 to the machine's frames, or the scenario's quota (0) */
  gtk_spin_button_set_range (self->runcfg_frames, 0,
                             (double) MIN (self->doc->scenario->memory_frames, (guint64) G_MAXINT));
  gtk_spin_button_set_value (self->runcfg_frames, (double) cfg->data_frames);
  self->runcfg_syncing = FALSE;

  text = pw_window_run_settings_text (self->doc->run);
  gtk_menu_button_set_label (self->runcfg_button, text);
  pw_window_present_update_step (self);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->runcfg_button),
                               _("Run Settings: the replacement policy, the frames and the TLB of this run (F7)"));
}

const char *
pw_window_get_run_settings_label (PwWindow *self)
{
  g_return_val_if_fail (PW_IS_WINDOW (self), NULL);

  return gtk_menu_button_get_label (self->runcfg_button);
}

gboolean
pw_window_set_run_settings (PwWindow    *self,
                            const char  *policy,
                            guint64      frames,
                            const char  *tlb)
{
  guint p = 0, t = 0;

  g_return_val_if_fail (PW_IS_WINDOW (self), FALSE);

  if (policy != NULL)
    {
      PwPolicy pol;

      if (!pw_policy_from_string (policy, &pol))
        return FALSE;
      for (guint i = 0; i < G_N_ELEMENTS (policies); i++)
        if (policies[i] == pol)
          p = i + 1;
    }
  if (tlb != NULL && g_str_equal (tlb, "off"))
    t = 1;
  else if (tlb != NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (tlbs); i++)
        if (g_str_equal (tlb, tlbs[i]))
          t = i + 2;
      if (t == 0)
        return FALSE;
    }
  if (self->doc == NULL || frames > self->doc->scenario->memory_frames)
    return FALSE;
  /* as if chosen one after the other: one run with all three */
  self->runcfg_syncing = TRUE;
  gtk_drop_down_set_selected (self->runcfg_policy, p);
  gtk_drop_down_set_selected (self->runcfg_tlb, t);
  gtk_spin_button_set_value (self->runcfg_frames, (double) frames);
  self->runcfg_syncing = FALSE;
  changed_cb (self);
  return TRUE;
}

/* ---- building --------------------------------------------------------------------------- */

static GtkWidget *
row_label (GtkGrid    *grid,
           int         row,
           const char *text,
           GtkWidget  *control)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (text);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), control);
  gtk_grid_attach (grid, label, 0, row, 1, 1);
  gtk_grid_attach (grid, control, 1, row, 1, 1);
  gtk_widget_set_hexpand (control, TRUE);
  return label;
}

static void
name (GtkWidget  *widget,
      const char *accessible,
      const char *tooltip)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_widget_set_tooltip_text (widget, tooltip);
}

static void
reset_clicked_cb (PwWindow *self)
{
  pw_window_set_run_settings (self, NULL, 0, NULL);
}

static void
run_settings_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PwWindow *self = PW_WINDOW (widget);

  if (gtk_widget_is_sensitive (GTK_WIDGET (self->runcfg_button)))
    gtk_menu_button_popup (self->runcfg_button);
}

void
pw_window_run_settings_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.run-settings", NULL, run_settings_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F7, 0, "win.run-settings", NULL);
}

void
pw_window_run_settings_init (PwWindow *self)
{
  g_autoptr(GtkStringList) policy_model = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) tlb_model = gtk_string_list_new (NULL);
  GtkWidget *popover, *box, *grid, *heading, *reset, *note;

  /* Translators: the first item of the run settings' lists: as the scenario says */
  gtk_string_list_append (policy_model, _("Scenario's"));
  for (guint i = 0; i < G_N_ELEMENTS (policies); i++)
    gtk_string_list_append (policy_model, pw_policy_name (policies[i]));
  gtk_string_list_append (tlb_model, _("Scenario's"));
  /* Translators: the TLB of the run settings: none */
  gtk_string_list_append (tlb_model, _("Off"));
  for (guint i = 0; i < G_N_ELEMENTS (tlbs); i++)
    {
      PwRunConfig t;
      g_autofree char *item = NULL;

      pw_run_config_init (&t);
      pw_run_config_parse_tlb (&t, tlbs[i], NULL);
      if (t.tlb_ways == t.tlb_entries)
        item = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             /* Translators: a TLB of the run settings: %s entries, fully associative */
                                             "%s entry, fully associative",
                                             "%s entries, fully associative", t.tlb_entries),
                                PW_DEC (t.tlb_entries));
      else
        {
          char e[PW_DEC_SIZE], w[PW_DEC_SIZE];

          item = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               /* Translators: a TLB of the run settings: its entries, then its ways */
                                               "%s entry, %s-way", "%s entries, %s-way",
                                               t.tlb_entries),
                                  pw_dec_buf (t.tlb_entries, e), pw_dec_buf (t.tlb_ways, w));
        }
      gtk_string_list_append (tlb_model, item);
    }

  self->runcfg_policy = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&policy_model)), NULL));
  gtk_widget_set_name (GTK_WIDGET (self->runcfg_policy), "run-policy");
  name (GTK_WIDGET (self->runcfg_policy), _("Replacement policy"),
        _("The page replacement policy of the run: the scenario's, or one of six"));
  self->runcfg_frames = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, 1, 1));
  gtk_widget_set_name (GTK_WIDGET (self->runcfg_frames), "run-frames");
  gtk_spin_button_set_numeric (self->runcfg_frames, FALSE);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->runcfg_frames), 9);
  name (GTK_WIDGET (self->runcfg_frames), _("Data frames"),
        _("The most frames data pages may hold: the scenario's, or 1 to the machine's frames"));
  g_signal_connect (self->runcfg_frames, "output", G_CALLBACK (frames_output_cb), NULL);
  g_signal_connect (self->runcfg_frames, "input", G_CALLBACK (frames_input_cb), NULL);
  self->runcfg_tlb = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&tlb_model)), NULL));
  gtk_widget_set_name (GTK_WIDGET (self->runcfg_tlb), "run-tlb");
  name (GTK_WIDGET (self->runcfg_tlb), _("TLB"),
        _("The TLB of the run: the scenario's, none, or its entries and ways"));

  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  row_label (GTK_GRID (grid), 0, _("Poli_cy"), GTK_WIDGET (self->runcfg_policy));
  row_label (GTK_GRID (grid), 1, _("_Frames"), GTK_WIDGET (self->runcfg_frames));
  row_label (GTK_GRID (grid), 2, _("_TLB"), GTK_WIDGET (self->runcfg_tlb));

  heading = gtk_label_new (_("Run Settings"));
  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  note = gtk_label_new (_("For this window, until another scenario opens. The step shown stays."));
  gtk_widget_add_css_class (note, "dim-label");
  gtk_label_set_wrap (GTK_LABEL (note), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (note), 36);
  gtk_label_set_xalign (GTK_LABEL (note), 0);
  reset = gtk_button_new_with_mnemonic (_("Scenario's Setti_ngs"));
  gtk_widget_set_name (reset, "run-reset");
  name (reset, _("Scenario's settings"), _("Run with the scenario's own policy, frames and TLB"));
  g_signal_connect_swapped (reset, "clicked", G_CALLBACK (reset_clicked_cb), self);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), grid);
  gtk_box_append (GTK_BOX (box), note);
  gtk_box_append (GTK_BOX (box), reset);
  popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), box);

  self->runcfg_button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_widget_set_name (GTK_WIDGET (self->runcfg_button), "run-settings");
  gtk_menu_button_set_popover (self->runcfg_button, popover);
  gtk_menu_button_set_always_show_arrow (self->runcfg_button, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->runcfg_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Run settings"), -1);
  gtk_menu_button_set_direction (self->runcfg_button, GTK_ARROW_UP);
  /* in the timeline's bar, after the scrubber */
  pw_timeline_add_control (self->timeline, GTK_WIDGET (self->runcfg_button));

  g_signal_connect_swapped (self->runcfg_policy, "notify::selected", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->runcfg_tlb, "notify::selected", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->runcfg_frames, "value-changed", G_CALLBACK (changed_cb), self);
  pw_window_run_settings_update (self);
}

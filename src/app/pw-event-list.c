/* pw-event-list.c: the event list and the live statistics (pw-event-list.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pagewalk"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-event-list.h"
#include "pw-present.h"

/* The statistics, in the grid's order. */
enum
{
  STAT_ACCESSES,
  STAT_HIT_RATE,
  STAT_FAULTS,
  STAT_EVICTIONS,
  STAT_WRITEBACKS,
  STAT_WALK_READS,
  N_STATS
};

#define N_COLUMNS 8

struct _PwEventList
{
  GtkBox          parent_instance;

  /* template */
  GtkGrid        *stats_grid;
  GtkLabel       *count_label;
  GtkDropDown    *show_dropdown;
  GtkDropDown    *pid_dropdown;
  GtkStringList  *pid_model;
  GtkStack       *stack;
  GtkColumnView  *column_view;

  GtkLabel       *stat_values[N_STATS];
  GtkColumnViewColumn *columns[N_COLUMNS];
  PwEventModel   *model;
  GtkSingleSelection *selection;
  PwSummary      *summary;       /* the model's */
  const PwArch   *arch;
  GArray         *pids;          /* the pids of pid_dropdown's items after the first */
  gboolean        updating;      /* the selection follows the window: no "seek" */
  guint           position;
  guint           follow_id;     /* the selection follows the position, when idle */
  guint           followed;      /* the item selected for the position, or G_MAXUINT */
};

G_DEFINE_FINAL_TYPE (PwEventList, pw_event_list, GTK_TYPE_BOX)

enum
{
  SIGNAL_SEEK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- cells ---------------------------------------------------------------- */

static const char *
access_text (PwAccess access)
{
  switch (access)
    {
    case PW_ACCESS_WRITE:
      return C_("access", "write");
    case PW_ACCESS_EXEC:
      return C_("access", "execute");
    case PW_ACCESS_READ:
    default:
      return C_("access", "read");
    }
}

static const char *
fault_text (PwKernelFault fault)
{
  switch (fault)
    {
    case PW_KF_MINOR:
      return C_("fault", "minor");
    case PW_KF_MAJOR:
      return C_("fault", "major");
    case PW_KF_PROTECTION:
      return C_("fault", "protection");
    case PW_KF_SEGMENTATION:
      return C_("fault", "segmentation");
    case PW_KF_OUT_OF_MEMORY:
      return C_("fault", "out of memory");
    case PW_KF_NONE:
    default:
      return "";
    }
}

static const char *
step_kind_text (PwStepKind kind)
{
  switch (kind)
    {
    case PW_STEP_SWITCH:
      return C_("step", "switch");
    case PW_STEP_RESERVE:
      return C_("step", "reserve");
    case PW_STEP_COMMIT:
      return C_("step", "commit");
    case PW_STEP_DECOMMIT:
      return C_("step", "decommit");
    case PW_STEP_FREE:
      return C_("step", "free");
    case PW_STEP_TOUCH:
      return C_("step", "touch");
    case PW_STEP_SPAWN:
      return C_("step", "spawn");
    case PW_STEP_EXIT:
      return C_("step", "exit");
    case PW_STEP_FORK:
      return C_("step", "fork");
    case PW_STEP_ACCESS:
    default:
      return C_("step", "access");
    }
}

/* The victim, short, for the column: "0x1 pid 1 → disk 3", "0x1 pid 1
 * dropped". */
static char *
victim_short (const PwSummaryEvent *ev)
{
  g_autofree char *page = NULL;
  char *text;

  if (!ev->evicted)
    return g_strdup ("");
  page = pw_hex (ev->evicted_vpn);
  if (ev->written)
    /* Translators: an evicted page, its pid, the swap slot it is written to */
    text = g_strdup_printf (_("%s pid %s → disk %s"), page, PW_DEC (ev->evicted_pid), PW_DEC (ev->slot));
  else
    /* Translators: an evicted page, then its pid */
    text = g_strdup_printf (_("%s pid %s dropped"), page, PW_DEC (ev->evicted_pid));
  if (ev->n_evicted > 1)
    {
      /* Translators: an eviction, then how many more pages the access evicted */
      char *both = g_strdup_printf (_("%s, +%s"), text, PW_DEC (ev->n_evicted - 1));
      g_free (text);
      text = both;
    }
  return text;
}

/* The victim in words, for the cell's tooltip. */
static char *
victim_text (const PwSummaryEvent *ev)
{
  g_autofree char *page = NULL;
  char *text;

  if (!ev->evicted)
    return g_strdup ("");
  page = pw_hex (ev->evicted_vpn);
  if (ev->written)
    /* Translators: an evicted page, its pid, the swap slot it is written to */
    text = g_strdup_printf (_("page %s of pid %s, written to disk slot %s"), page, PW_DEC (ev->evicted_pid),
                            PW_DEC (ev->slot));
  else if (ev->to_disk)
    /* Translators: an evicted page, its pid, the swap slot whose copy is current */
    text = g_strdup_printf (_("page %s of pid %s, dropped, its copy in disk slot %s is current"), page,
                            PW_DEC (ev->evicted_pid), PW_DEC (ev->slot));
  else
    /* Translators: an evicted page, then its pid */
    text = g_strdup_printf (_("page %s of pid %s, dropped"), page, PW_DEC (ev->evicted_pid));
  if (ev->n_evicted > 1)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s more page",
                                                            "%s more pages", ev->n_evicted - 1),
                                               PW_DEC (ev->n_evicted - 1));
      char *both = g_strdup_printf ("%s, %s", text, more);
      g_free (text);
      text = both;
    }
  return text;
}

char *
pw_event_list_cell_text (const PwSummaryEvent *ev,
                         const PwArch         *arch,
                         guint                 column)
{
  switch (column)
    {
    case 0:
      /* the app's step: the state after the position that made the event */
      return g_strdup (PW_DEC ((guint64) ev->position + 1));
    case 1:
      return ev->i == G_MAXUINT64 ? g_strdup ("—") : g_strdup (PW_DEC (ev->i));
    case 2:
      return g_strdup (PW_DEC (ev->pid));
    case 3:
      if (ev->failed)
        /* Translators: a step that failed, by its kind (spawn, fork...) */
        return g_strdup_printf (_("%s failed"), step_kind_text (ev->kind));
      return g_strdup (access_text (ev->access));
    case 4:
      return ev->failed ? g_strdup ("") : pw_format_address (ev->va, arch ? arch->va_bits : 0);
    case 5:
      if (ev->failed)
        return g_strdup ("");
      return g_strdup (ev->tlb == PW_TLB_HIT ? C_("tlb", "hit")
                       : ev->tlb == PW_TLB_MISS ? C_("tlb", "miss") : C_("tlb", "off"));
    case 6:
      return g_strdup (fault_text (ev->fault));
    case 7:
      return victim_short (ev);
    default:
      return g_strdup ("");
    }
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  data)
{
  guint column = GPOINTER_TO_UINT (data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), column <= 2 ? 1.0 : 0.0);
  gtk_list_item_set_child (item, label);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  data)
{
  guint column = GPOINTER_TO_UINT (data);
  PwEventRow *row = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  PwEventList *self = g_object_get_data (G_OBJECT (factory), "pw-event-list");
  g_autofree char *text = pw_event_list_cell_text (pw_event_row_get_event (row), self->arch, column);
  const PwSummaryEvent *ev = pw_event_row_get_event (row);

  gtk_label_set_text (GTK_LABEL (label), text);
  if (column == 7 && ev->evicted)
    {
      g_autofree char *tip = victim_text (ev);
      gtk_widget_set_tooltip_text (label, tip);
    }
  else
    gtk_widget_set_tooltip_text (label, NULL);
  /* faults and evictions stand out */
  if ((column == 6 && ev->fault != PW_KF_NONE) || (column == 5 && ev->tlb == PW_TLB_MISS && !ev->failed))
    gtk_widget_add_css_class (label, "event-mark");
  else
    gtk_widget_remove_css_class (label, "event-mark");
}

static void
add_column (PwEventList *self,
            guint        column,
            const char  *title)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *col;

  g_object_set_data (G_OBJECT (factory), "pw-event-list", self);
  g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), GUINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), GUINT_TO_POINTER (column));
  col = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (col, TRUE);
  if (column == 7)
    gtk_column_view_column_set_expand (col, TRUE);
  gtk_column_view_append_column (self->column_view, col);
  self->columns[column] = col;
  g_object_unref (col);
}

/* ---- the list ------------------------------------------------------------------- */

static void
update_count (PwEventList *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  guint all = self->summary ? pw_summary_n_events (self->summary) : 0;
  g_autofree char *text = NULL;

  if (self->summary == NULL)
    text = g_strdup ("");
  else if (shown == all)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s event", "%s events", all), PW_DEC (all));
  else
    /* Translators: the events shown, then all the run's events */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s of %s event", "%s of %s events", all),
                            PW_DEC (shown), PW_DEC (all));
  if (self->summary != NULL && pw_summary_truncated (self->summary))
    {
      /* Translators: the list holds only the run's first events */
      char *t = g_strdup_printf (_("%s (the first ones only)"), text);
      g_free (text);
      text = t;
    }
  gtk_label_set_text (self->count_label, text);
}

/* The inner list view of the column view, for its scroll-to-item action
 * (GTK 4.8 has no gtk_column_view_scroll_to()). */
static GtkWidget *
inner_list_view (PwEventList *self)
{
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->column_view)); c;
       c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_LIST_VIEW (c))
      return c;
  return NULL;
}

/* Selects the row of the position shown and scrolls to it.  With millions
 * of rows both cost GTK some milliseconds, so it is done once the window is
 * idle (scrubbing runs ahead of it), and only when the row changes. */
static gboolean
follow_cb (gpointer data)
{
  PwEventList *self = data;
  guint item = G_MAXUINT;
  GtkWidget *list;

  self->follow_id = 0;
  if (self->summary != NULL && self->position > 0)
    {
      guint selected = gtk_single_selection_get_selected (self->selection);
      PwEventRow *row = gtk_single_selection_get_selected_item (self->selection);

      /* an event chosen in the list stays chosen, even when its step made
       * others after it */
      if (row != NULL && pw_event_row_get_event (row)->position + 1 == self->position)
        item = selected;
      else
        item = pw_event_model_item_for_position (self->model, self->position);
    }
  if (item == self->followed)
    return G_SOURCE_REMOVE;
  self->followed = item;
  self->updating = TRUE;
  /* unselect, then select: two small changes, not one spanning every row
   * between the old row and the new */
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  if (item != G_MAXUINT)
    gtk_single_selection_set_selected (self->selection, item);
  self->updating = FALSE;
  list = inner_list_view (self);
  if (item != G_MAXUINT && list != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_widget_activate_action (list, "list.scroll-to-item", "u", item);
  else
    self->followed = G_MAXUINT;   /* scroll when shown */
  return G_SOURCE_REMOVE;
}

void
pw_event_list_set_position (PwEventList *self,
                            guint        position)
{
  g_return_if_fail (PW_IS_EVENT_LIST (self));

  self->position = position;
  if (self->follow_id == 0)
    self->follow_id = g_idle_add_full (G_PRIORITY_LOW, follow_cb, self, NULL);
}

static void
selected_cb (GtkSingleSelection *selection,
             GParamSpec         *pspec,
             PwEventList        *self)
{
  PwEventRow *row = gtk_single_selection_get_selected_item (selection);

  if (self->updating || row == NULL)
    return;
  g_signal_emit (self, signals[SIGNAL_SEEK], 0, pw_event_row_get_event (row)->position + 1);
}

static void
fill_pids (PwEventList *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->pid_model));

  self->updating = TRUE;
  g_array_set_size (self->pids, 0);
  if (self->summary != NULL)
    {
      g_autoptr(GArray) pids = pw_summary_pids (self->summary);
      g_array_append_vals (self->pids, pids->data, pids->len);
    }
  {
    g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);

    g_ptr_array_add (items, g_strdup (_("All Processes")));
    for (guint k = 0; k < self->pids->len; k++)
      /* Translators: a process by its pid */
      g_ptr_array_add (items, g_strdup_printf (_("Process %s"), PW_DEC (g_array_index (self->pids, guint, k))));
    g_ptr_array_add (items, NULL);
    gtk_string_list_splice (self->pid_model, 0, n, (const char * const *) items->pdata);
  }
  gtk_drop_down_set_selected (self->pid_dropdown, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->pid_dropdown), self->pids->len > 1);
  self->updating = FALSE;
}

static void
filter_changed_cb (GtkDropDown *dropdown,
                   GParamSpec  *pspec,
                   PwEventList *self)
{
  guint k = gtk_drop_down_get_selected (self->pid_dropdown);
  guint pid = k >= 1 && k - 1 < self->pids->len ? g_array_index (self->pids, guint, k - 1) : 0;
  guint show = gtk_drop_down_get_selected (self->show_dropdown);

  if (self->pids == NULL || self->model == NULL)
    return;
  self->updating = TRUE;
  pw_event_model_set_filter (self->model, MIN (show, PW_SUMMARY_SHOW_TLB_MISSES), pid);
  self->updating = FALSE;
  update_count (self);
  self->followed = G_MAXUINT;
  pw_event_list_set_position (self, self->position);
}

void
pw_event_list_set_filter (PwEventList   *self,
                          PwSummaryShow  show,
                          guint          pid)
{
  guint k = 0;

  g_return_if_fail (PW_IS_EVENT_LIST (self));

  for (guint i = 0; i < self->pids->len; i++)
    if (g_array_index (self->pids, guint, i) == pid)
      k = i + 1;
  gtk_drop_down_set_selected (self->pid_dropdown, k);
  gtk_drop_down_set_selected (self->show_dropdown, show);
  filter_changed_cb (NULL, NULL, self);
}

void
pw_event_list_set_summary (PwEventList  *self,
                           PwSummary    *summary,
                           const PwArch *arch)
{
  g_return_if_fail (PW_IS_EVENT_LIST (self));

  self->summary = summary;
  self->arch = arch;
  self->updating = TRUE;
  pw_event_model_set_summary (self->model, summary);
  self->updating = FALSE;
  fill_pids (self);
  filter_changed_cb (NULL, NULL, self);
  /* no column of "off" without a TLB, nor of the same pid with one process */
  gtk_column_view_column_set_visible (self->columns[5], summary == NULL || pw_summary_has_tlb (summary));
  gtk_column_view_column_set_visible (self->columns[2], self->pids->len > 1);
  gtk_stack_set_visible_child_name (self->stack, summary ? "list" : "waiting");
}

PwEventModel *
pw_event_list_get_model (PwEventList *self)
{
  g_return_val_if_fail (PW_IS_EVENT_LIST (self), NULL);

  return self->model;
}

/* ---- the statistics ---------------------------------------------------------------- */

void
pw_event_list_set_stats (PwEventList   *self,
                         const PwStats *st,
                         gboolean       tlb)
{
  g_autofree char *values[N_STATS] = { NULL };

  g_return_if_fail (PW_IS_EVENT_LIST (self));

  if (st != NULL)
    {
      guint64 lookups = st->tlb_hits + st->tlb_misses;

      values[STAT_ACCESSES] = g_strdup (PW_DEC (st->accesses));
      if (lookups > 0)
        /* Translators: the TLB hit rate, a percentage, then the hits and the lookups */
        values[STAT_HIT_RATE] = g_strdup_printf (_("%.1f %% (%s of %s)"), 100.0 * st->tlb_hits / lookups,
                                                 PW_DEC (st->tlb_hits), PW_DEC (lookups));
      else if (tlb)
        values[STAT_HIT_RATE] = g_strdup (_("no lookups yet"));
      else
        values[STAT_HIT_RATE] = g_strdup (_("no TLB: every access walks"));
      /* Translators: page faults, then how many were minor and major */
      values[STAT_FAULTS] = g_strdup_printf (_("%s (%s minor, %s major)"), PW_DEC (st->page_faults),
                                             PW_DEC (st->page_faults - MIN (st->page_faults, st->major_faults)),
                                             PW_DEC (st->major_faults));
      values[STAT_EVICTIONS] = g_strdup (PW_DEC (st->evictions));
      values[STAT_WRITEBACKS] = g_strdup (PW_DEC (st->writebacks));
      values[STAT_WALK_READS] = g_strdup (PW_DEC (st->walk_reads));
    }
  for (guint k = 0; k < N_STATS; k++)
    gtk_label_set_text (self->stat_values[k], values[k] ? values[k] : "—");
}

static void
build_stats (PwEventList *self)
{
  static const char *names[N_STATS] = {
    "timeline-stat-accesses", "timeline-stat-hit-rate", "timeline-stat-faults",
    "timeline-stat-evictions", "timeline-stat-writebacks", "timeline-stat-walk-reads",
  };
  const char *titles[N_STATS] = {
    _("Accesses"), _("TLB hit rate"), _("Page faults"), _("Evictions"), _("Write-backs"),
    _("Page-table reads"),
  };

  for (guint k = 0; k < N_STATS; k++)
    {
      GtkWidget *title = gtk_label_new (titles[k]);
      GtkWidget *value = gtk_label_new ("—");

      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_widget_add_css_class (title, "dim-label");
      gtk_label_set_xalign (GTK_LABEL (value), 0);
      gtk_label_set_selectable (GTK_LABEL (value), TRUE);
      gtk_label_set_ellipsize (GTK_LABEL (value), PANGO_ELLIPSIZE_END);
      gtk_widget_set_hexpand (value, TRUE);
      gtk_widget_add_css_class (value, "step-counter");
      gtk_widget_set_name (value, names[k]);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (value), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                      title, NULL, -1);
      gtk_grid_attach (self->stats_grid, title, 0, k, 1, 1);
      gtk_grid_attach (self->stats_grid, value, 1, k, 1, 1);
      self->stat_values[k] = GTK_LABEL (value);
    }
}

/* ---- GObject ------------------------------------------------------------------------ */

static void
pw_event_list_dispose (GObject *object)
{
  PwEventList *self = PW_EVENT_LIST (object);

  g_clear_handle_id (&self->follow_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_EVENT_LIST);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  G_OBJECT_CLASS (pw_event_list_parent_class)->dispose (object);
}

static void
pw_event_list_finalize (GObject *object)
{
  PwEventList *self = PW_EVENT_LIST (object);

  g_clear_pointer (&self->pids, g_array_unref);
  G_OBJECT_CLASS (pw_event_list_parent_class)->finalize (object);
}

static void
pw_event_list_class_init (PwEventListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pw_event_list_dispose;
  object_class->finalize = pw_event_list_finalize;

  /* ::seek (position): an event was chosen; the position after its step */
  signals[SIGNAL_SEEK] = g_signal_new ("seek", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/pagewalk/Pagewalk/pw-event-list.ui");
  gtk_widget_class_bind_template_child (widget_class, PwEventList, stats_grid);
  gtk_widget_class_bind_template_child (widget_class, PwEventList, count_label);
  gtk_widget_class_bind_template_child (widget_class, PwEventList, show_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PwEventList, pid_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PwEventList, pid_model);
  gtk_widget_class_bind_template_child (widget_class, PwEventList, stack);
  gtk_widget_class_bind_template_child (widget_class, PwEventList, column_view);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
}

static void
pw_event_list_init (PwEventList *self)
{
  self->pids = g_array_new (FALSE, FALSE, sizeof (guint));
  self->followed = G_MAXUINT;
  self->model = pw_event_model_new ();
  gtk_widget_init_template (GTK_WIDGET (self));

  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect (self->selection, "notify::selected", G_CALLBACK (selected_cb), self);

  /* Translators: the event list's columns */
  add_column (self, 0, C_("column", "Step"));
  add_column (self, 1, C_("column", "Access #"));
  add_column (self, 2, C_("column", "PID"));
  add_column (self, 3, C_("column", "Access"));
  add_column (self, 4, C_("column", "Address"));
  add_column (self, 5, C_("column", "TLB"));
  add_column (self, 6, C_("column", "Fault"));
  add_column (self, 7, C_("column", "Victim"));

  build_stats (self);
  fill_pids (self);
  update_count (self);
}

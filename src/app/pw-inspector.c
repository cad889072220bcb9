/* pw-inspector.c: the side panel that describes the object selected
 *
 * Template ui/pw-inspector.ui: a title, a grid of facts (what it is, where,
 * its state), for a page-table entry its bits drawn field by field
 * (pw-bit-strip.c) and a grid of its bit fields (bits, the
 * manual's name, value, meaning: pw_arch_bit_fields(), never decoded here),
 * and a Follow button (pw_canvas_follow()).  The object is the canvas's
 * selection; every number comes from the machine the canvas draws, written
 * as the diagrams write them (pw_format_address(), in the base of the
 * preferences).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pagewalk"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-bit-strip.h"
#include "pw-format.h"
#include "pw-inspector.h"
#include "pw-number.h"
#include "pw-present.h"

/* A frame's mappings listed, at most. */
#define MAX_MAPPINGS 64
/* A field this wide or narrower shows its binary digits. */
#define MAX_BINARY_BITS 12
/* Characters a line of the panel holds before it wraps, which keeps its
 * natural width (what a folded flap gets) to about 340 pixels. */
#define VALUE_CHARS 26

struct _PwInspector
{
  GtkBox     parent_instance;

  GtkStack  *stack;
  GtkLabel  *title_label;
  GtkGrid   *facts_grid;
  GtkWidget *bits_heading;
  GtkWidget *bit_strip;
  GtkGrid   *bits_grid;
  GtkWidget *follow_button;

  PwCanvas  *canvas;   /* weak */
  guint      n_facts;  /* rows of facts_grid */
  guint      n_bits;   /* rows of bits_grid */
};

G_DEFINE_FINAL_TYPE (PwInspector, pw_inspector, GTK_TYPE_BOX)

/* ---- building the panel -------------------------------------------------------- */

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

static GtkWidget *
cell (const char *text,
      const char *name,
      gboolean    dim,
      gboolean    mono)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_name (label, name);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_yalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), VALUE_CHARS);
  if (dim)
    gtk_widget_add_css_class (label, "dim-label");
  if (mono)
    gtk_widget_add_css_class (label, "monospace");
  return label;
}

/* A line of facts: what, then its value (selectable, for copying). */
static void
fact (PwInspector *self,
      const char  *key,
      const char  *value)
{
  GtkWidget *k = cell (key, "fact-key", TRUE, FALSE);
  GtkWidget *v = cell (value, "fact-value", FALSE, FALSE);

  gtk_label_set_selectable (GTK_LABEL (v), TRUE);
  gtk_widget_set_can_focus (v, FALSE);
  gtk_widget_set_hexpand (v, TRUE);
  gtk_grid_attach (self->facts_grid, k, 0, (int) self->n_facts, 1, 1);
  gtk_grid_attach (self->facts_grid, v, 1, (int) self->n_facts, 1, 1);
  /* a screen reader hears the value with its name */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (v), GTK_ACCESSIBLE_RELATION_LABELLED_BY, k, NULL, -1);
  self->n_facts++;
}

/* A heading across the facts. */
static void
section (PwInspector *self,
         const char  *title)
{
  GtkWidget *h = cell (title, "fact-section", FALSE, FALSE);

  gtk_widget_add_css_class (h, "heading");
  gtk_widget_set_margin_top (h, 6);
  gtk_grid_attach (self->facts_grid, h, 0, (int) self->n_facts, 2, 1);
  self->n_facts++;
}

static char *
addr (guint64 value,
      guint   bits)
{
  return pw_format_address (value, bits);
}

static char *
process_name (PwMachine *m,
              guint      pid)
{
  const PwProcess *p = pw_machine_lookup (m, pid);

  if (p != NULL && p->name != NULL && *p->name)
    /* Translators: a process, e.g. “process 1 (shell)” */
    return g_strdup_printf (_("process %u (%s)"), pid, p->name);
  /* Translators: a process, e.g. “process 1” */
  return g_strdup_printf (_("process %u"), pid);
}

static char *
prot_text (PwProt prot)
{
  /* read, write and execute, as the manuals abbreviate them */
  return g_strdup_printf ("%c%c%c", (prot & PW_PROT_R) ? 'r' : '-', (prot & PW_PROT_W) ? 'w' : '-',
                          (prot & PW_PROT_X) ? 'x' : '-');
}

static const char *
yes_no (gboolean yes)
{
  return yes ? _("yes") : _("no");
}

/* ---- pages and regions ---------------------------------------------------------------- */

/* The accessed and dirty state of a page, from its leaf entry: the walk of
 * its first address, which changes nothing. */
static void
page_bits (PwInspector     *self,
           PwMachine       *m,
           const PwProcess *p,
           const PwPage    *pg)
{
  const PwArch *a = pw_machine_arch (m);
  PwWalk walk;

  if (a->kind != PW_ARCH_PAGED || !pg->resident)
    return;
  if (!pw_machine_translate (m, p->pid, pg->vpn << a->page_shift, PW_ACCESS_READ,
                             pg->kernel ? PW_MODE_SUPERVISOR : PW_MODE_USER, &walk, NULL))
    return;
  for (guint i = 0; i < walk.n_steps; i++)
    {
      const PwWalkStep *s = &walk.steps[i];
      g_autofree char *value = NULL;
      g_autofree char *where = NULL;

      if (!s->leaf)
        continue;
      value = addr (s->entry, a->pte_bytes * 8);
      /* Translators: a page's entry: the level's name (PT...), its index,
       * then its raw value */
      where = g_strdup_printf (_("%s entry %s, value %s"), s->name, PW_DEC (s->index), value);
      fact (self, _("Entry"), where);
      fact (self, _("Accessed (A)"), yes_no (pw_arch_entry_accessed (a, s->entry)));
      if (pw_arch_dirty_mask (a) != 0)
        fact (self, _("Dirty (D)"), yes_no (pw_arch_entry_dirty (a, s->entry)));
      else
        fact (self, _("Dirty (D)"), _("no dirty bit: the kernel assumes it dirty"));
    }
}

static void
show_page (PwInspector *self,
           PwMachine   *m,
           const PwHit *s)
{
  const PwArch *a = pw_machine_arch (m);
  const PwProcess *p = pw_machine_lookup (m, s->pid);
  const PwPage *pg = NULL;
  const PwRegion *r;
  g_autofree char *who = process_name (m, s->pid);
  g_autofree char *va = addr (s->vpn << a->page_shift, a->va_bits);
  g_autofree char *title = NULL;
  g_autofree char *vpn = addr (s->vpn, 0);

  if (s->count > 1)
    {
      g_autofree char *last = addr (s->vpn + s->count - 1, 0);
      /* Translators: the first and last pages of a run */
      title = g_strdup_printf (_("Pages %s–%s"), vpn, last);
    }
  else
    /* Translators: a virtual page number */
    title = g_strdup_printf (_("Page %s"), vpn);
  gtk_label_set_text (self->title_label, title);
  fact (self, _("Process"), who);
  fact (self, _("Address"), va);
  if (s->count > 1)
    {
      fact (self, _("Pages"), PW_DEC (s->count));
      return;
    }
  if (p == NULL)
    return;
  r = pw_process_find_region (p, s->vpn << a->page_shift);
  if (r != NULL)
    {
      g_autofree char *prot = prot_text (r->prot);
      g_autofree char *start = addr (r->start, a->va_bits);
      g_autofree char *size = pw_size_human (r->size);
      g_autofree char *range = NULL;

      /* Translators: a region: its first address and its size */
      range = g_strdup_printf (_("%s, %s"), start, size);
      fact (self, _("Region"), r->name && *r->name ? r->name : _("(unnamed)"));
      fact (self, _("Region starts"), range);
      fact (self, _("Region state"), pw_region_state_name (r->state));
      fact (self, _("Protection"), prot);
    }
  else
    fact (self, _("Region"), _("none: an access is a segmentation fault"));
  if (p->pages != NULL)
    pg = g_hash_table_lookup (p->pages, &s->vpn);
  if (pg == NULL)
    {
      fact (self, _("State"), _("not in memory"));
      return;
    }
  if (pg->resident)
    {
      g_autofree char *frame = addr (pg->frame, 0);
      fact (self, _("State"), _("in memory"));
      fact (self, _("Frame"), frame);
    }
  else
    fact (self, _("State"), pg->on_disk ? _("on disk") : _("not in memory"));
  if (pg->on_disk)
    fact (self, _("Swap slot"), PW_DEC (pg->slot));
  if (pg->cow)
    fact (self, _("Copy-on-write"), _("yes: a write copies the frame"));
  if (pg->kernel)
    fact (self, _("Kernel page"), _("yes: supervisor mode only"));
  page_bits (self, m, p, pg);
}

static void
show_region (PwInspector *self,
             PwMachine   *m,
             const PwHit *s)
{
  const PwArch *a = pw_machine_arch (m);
  const PwProcess *p = pw_machine_lookup (m, s->pid);
  const PwRegion *r = p ? pw_process_find_region (p, s->start) : NULL;
  g_autofree char *who = process_name (m, s->pid);
  g_autofree char *start = addr (s->start, a->va_bits);
  g_autofree char *end = addr (s->start + s->size - 1, a->va_bits);
  g_autofree char *size = pw_size_human (s->size);

  if (s->kind == PW_HIT_GAP)
    gtk_label_set_text (self->title_label, _("Free address space"));
  else if (r != NULL && r->name != NULL && *r->name && r->start == s->start)
    {
      /* Translators: a region's name */
      g_autofree char *title = g_strdup_printf (_("Region “%s”"), r->name);
      gtk_label_set_text (self->title_label, title);
    }
  else
    gtk_label_set_text (self->title_label, _("Regions"));
  fact (self, _("Process"), who);
  fact (self, _("First address"), start);
  fact (self, _("Last address"), end);
  fact (self, _("Size"), size);
  if (s->kind == PW_HIT_REGION && r != NULL && r->start == s->start && r->size == s->size)
    {
      g_autofree char *prot = prot_text (r->prot);
      fact (self, _("State"), pw_region_state_name (r->state));
      fact (self, _("Protection"), prot);
      if (r->share != NULL)
        fact (self, _("Shared as"), r->share);
      if (r->kernel)
        fact (self, _("Kernel region"), _("yes: supervisor mode only"));
    }
}

/* ---- page-table entries -------------------------------------------------------------- */

static void
bit_row (PwInspector *self,
         const char  *bits,
         const char  *name,
         const char  *value,
         const char  *meaning,
         gboolean     header)
{
  GtkWidget *w[4] = {
    cell (bits, header ? "bit-header" : "bit-bits", header, !header),
    cell (name, header ? "bit-header" : "bit-name", header, FALSE),
    cell (value, header ? "bit-header" : "bit-value", header, !header),
    cell (meaning, header ? "bit-header" : "bit-meaning", header, FALSE),
  };

  for (guint i = 0; i < G_N_ELEMENTS (w); i++)
    gtk_grid_attach (self->bits_grid, w[i], (int) i, (int) self->n_bits, 1, 1);
  gtk_widget_set_hexpand (w[3], TRUE);
  if (!header)
    gtk_widget_add_css_class (w[1], "heading");
  self->n_bits++;
}

/* Every bit field of @e at @level, as its format names it. */
static void
show_bit_fields (PwInspector  *self,
                 const PwArch *a,
                 guint         level,
                 guint64       e)
{
  PwBitField bf[PW_MAX_BIT_FIELDS];
  guint n = pw_arch_bit_fields (a, level, e, bf);

  if (n == 0)
    return;
  gtk_widget_set_visible (self->bits_heading, TRUE);
  gtk_widget_set_visible (self->bit_strip, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->bits_grid), TRUE);
  pw_bit_strip_set_entry (PW_BIT_STRIP (self->bit_strip), a, level, e);
  bit_row (self, _("Bits"), _("Field"), _("Value"), _("Meaning"), TRUE);
  /* the manual's order: the highest bits first */
  for (guint k = n; k > 0; k--)
    {
      const PwBitField *f = &bf[k - 1];
      guint width = f->hi - f->lo + 1;
      guint64 v = pw_bits (e, f->hi, f->lo);
      g_autofree char *bits = f->hi == f->lo ? g_strdup_printf ("%u", f->hi)
                                             : g_strdup_printf ("%u–%u", f->hi, f->lo);
      g_autofree char *value = NULL;
      g_autofree char *meaning = NULL;

      if (width == 1)
        value = g_strdup (v ? "1" : "0");
      else if (width <= MAX_BINARY_BITS)
        {
          GString *b = g_string_new ("0b");
          for (guint i = width; i > 0; i--)
            g_string_append_c (b, (v >> (i - 1)) & 1 ? '1' : '0');
          value = g_string_free (b, FALSE);
        }
      else
        value = addr (v, width);
      if (f->flag != 0)
        meaning = g_strdup_printf (v ? _("%s: set") : _("%s: clear"), pw_flag_name (a, f->flag));
      bit_row (self, bits, f->name, value, meaning ? meaning : "", FALSE);
    }
}

static void
show_entry (PwInspector *self,
            PwMachine   *m,
            const PwHit *s)
{
  const PwArch *a = pw_machine_arch (m);
  guint64 e = pw_canvas_entry_value (m, s);
  const char *level = s->level < a->n_levels && a->level_names[s->level]
                      ? a->level_names[s->level] : "";
  g_autofree char *title = NULL;
  g_autofree char *table = addr (s->frame, 0);
  g_autofree char *pa = addr ((s->frame << a->page_shift) + s->index * a->pte_bytes, a->pa_bits);
  g_autofree char *value = addr (e, a->pte_bytes * 8);
  g_autofree char *bin = NULL;

  /* Translators: a page-table entry: the level's name (PD, PT...), then its index */
  title = g_strdup_printf (_("%s entry %s"), level, PW_DEC (s->index));
  gtk_label_set_text (self->title_label, title);
  if (s->pid != 0)
    {
      g_autofree char *who = process_name (m, s->pid);
      fact (self, _("Process"), who);
    }
  fact (self, _("Table frame"), table);
  fact (self, _("Entry address"), pa);
  fact (self, _("Raw value"), value);
  if (a->kind != PW_ARCH_PAGED)
    return;
  if (!pw_arch_entry_present (a, s->level, e))
    fact (self, _("Points to"), _("nothing: not present"));
  else
    {
      g_autofree char *frame = addr (pw_arch_entry_frame (a, s->level, e), 0);
      g_autofree char *to = NULL;

      if (pw_arch_entry_is_table (a, s->level, e))
        {
          const char *next = s->level + 1 < a->n_levels && a->level_names[s->level + 1]
                             ? a->level_names[s->level + 1] : "";
          /* Translators: the next level's name (PT...), then a frame */
          to = g_strdup_printf (_("the %s table in frame %s"), next, frame);
        }
      else
        /* Translators: a frame */
        to = g_strdup_printf (_("the page in frame %s"), frame);
      fact (self, _("Points to"), to);
    }
  show_bit_fields (self, a, s->level, e);
}

static void
show_table (PwInspector *self,
            PwMachine   *m,
            const PwHit *s)
{
  const PwArch *a = pw_machine_arch (m);
  const char *level = s->level < a->n_levels && a->level_names[s->level]
                      ? a->level_names[s->level] : "";
  g_autofree char *frame = addr (s->frame, 0);
  /* Translators: a page table: its level's name (PD, PT...) */
  g_autofree char *title = g_strdup_printf (_("%s table"), level);

  gtk_label_set_text (self->title_label, title);
  if (s->pid != 0)
    {
      g_autofree char *who = process_name (m, s->pid);
      fact (self, _("Process"), who);
    }
  fact (self, _("Frame"), frame);
  fact (self, _("Level"), PW_DEC (s->level));
}

/* ---- frames, slots, the TLB, fields ----------------------------------------------------------- */

static int
compare_vpn (gconstpointer a,
             gconstpointer b)
{
  const PwPage *x = *(const PwPage * const *) a;
  const PwPage *y = *(const PwPage * const *) b;

  return x->vpn < y->vpn ? -1 : x->vpn > y->vpn;
}

/* Every page of every process that maps @frame. */
static void
show_mappings (PwInspector *self,
               PwMachine   *m,
               guint64      frame)
{
  const PwArch *a = pw_machine_arch (m);
  g_autoptr(GArray) pids = g_array_new (FALSE, FALSE, sizeof (guint));
  guint listed = 0;

  pw_machine_frame_mappers (m, frame, pids);
  if (pids->len == 0)
    return;
  section (self, _("Mapped by"));
  for (guint i = 0; i < pids->len; i++)
    {
      const PwProcess *p = pw_machine_lookup (m, g_array_index (pids, guint, i));
      g_autofree char *who = NULL;
      g_autoptr(GPtrArray) pages = NULL;

      if (p == NULL)
        continue;
      who = process_name (m, p->pid);
      /* the pages in this frame, found by one pass over the process's
       * pages (no sort of them all), then in address order */
      pages = g_ptr_array_new ();
      if (p->pages != NULL)
        {
          GHashTableIter iter;
          gpointer value;

          g_hash_table_iter_init (&iter, p->pages);
          while (g_hash_table_iter_next (&iter, NULL, &value))
            {
              const PwPage *pg = value;

              /* a large page covers several frames */
              if (pg->resident && frame >= pg->frame
                  && frame - pg->frame < MAX (pg->size >> a->page_shift, 1))
                g_ptr_array_add (pages, value);
            }
        }
      g_ptr_array_sort (pages, compare_vpn);
      for (guint k = 0; k < pages->len && listed < MAX_MAPPINGS; k++)
        {
          const PwPage *pg = g_ptr_array_index (pages, k);
          g_autofree char *vpn = addr (pg->vpn, 0);
          g_autofree char *va = addr (pg->vpn << a->page_shift, a->va_bits);
          g_autofree char *what = NULL;

          if (pg->cow)
            /* Translators: a virtual page, then its address */
            what = g_strdup_printf (_("page %s at %s, copy-on-write"), vpn, va);
          else
            /* Translators: a virtual page, then its address */
            what = g_strdup_printf (_("page %s at %s"), vpn, va);
          fact (self, who, what);
          listed++;
        }
    }
}

static void
show_frame (PwInspector *self,
            PwMachine   *m,
            const PwHit *s)
{
  const PwArch *a = pw_machine_arch (m);
  const PwFrameInfo *fi;
  g_autofree char *frame = addr (s->frame, 0);
  g_autofree char *pa = addr (s->frame << a->page_shift, a->pa_bits);
  g_autofree char *title = NULL;

  if (s->count > 1)
    {
      g_autofree char *last = addr (s->frame + s->count - 1, 0);
      /* Translators: the first and last frames of a cell */
      title = g_strdup_printf (_("Frames %s–%s"), frame, last);
      gtk_label_set_text (self->title_label, title);
      fact (self, _("Frames"), PW_DEC (s->count));
      return;
    }
  /* Translators: a physical frame number */
  title = g_strdup_printf (_("Frame %s"), frame);
  gtk_label_set_text (self->title_label, title);
  fact (self, _("Physical address"), pa);
  fi = pw_machine_frame_info (m, s->frame);
  if (fi == NULL || fi->use == PW_FRAME_FREE)
    {
      fact (self, _("Use"), _("free"));
      return;
    }
  if (fi->use == PW_FRAME_TABLE)
    {
      const char *level = fi->level < a->n_levels && a->level_names[fi->level]
                          ? a->level_names[fi->level] : "";
      g_autofree char *who = process_name (m, fi->pid);
      g_autofree char *covers = addr (fi->vpn << a->page_shift, a->va_bits);
      /* Translators: the level's name (PD, PT...) of a page table */
      g_autofree char *use = g_strdup_printf (_("the %s page table"), level);

      fact (self, _("Use"), use);
      fact (self, _("Process"), who);
      fact (self, _("Covers from"), covers);
      return;
    }
  fact (self, _("Use"), _("a page of data"));
  if (fi->sharers > 1)
    fact (self, _("Mappings"), PW_DEC (fi->sharers));
  show_mappings (self, m, s->frame);
}

static void
show_slot (PwInspector *self,
           PwMachine   *m,
           const PwHit *s)
{
  const PwArch *a = pw_machine_arch (m);
  g_autofree char *title = NULL;
  guint pid;
  guint64 vpn;

  if (s->count > 1)
    {
      /* Translators: the first and last swap slots */
      title = g_strdup_printf (_("Swap slots %s–%s"), PW_DEC (s->slot), PW_DEC (s->slot + s->count - 1));
      gtk_label_set_text (self->title_label, title);
      return;
    }
  /* Translators: a swap slot's number */
  title = g_strdup_printf (_("Swap slot %s"), PW_DEC (s->slot));
  gtk_label_set_text (self->title_label, title);
  if (pw_machine_slot_owner (m, s->slot, &pid, &vpn))
    {
      g_autofree char *who = process_name (m, pid);
      g_autofree char *page = addr (vpn, 0);
      g_autofree char *va = addr (vpn << a->page_shift, a->va_bits);
      const PwProcess *p = pw_machine_lookup (m, pid);
      const PwPage *pg = p && p->pages ? g_hash_table_lookup (p->pages, &vpn) : NULL;

      fact (self, _("Holds"), _("a page's contents"));
      fact (self, _("Process"), who);
      fact (self, _("Page"), page);
      fact (self, _("Address"), va);
      if (pg != NULL && pg->resident)
        fact (self, _("Page also in memory"), _("yes: the slot is a clean copy until it is written"));
    }
  else
    fact (self, _("Holds"), _("nothing: free"));
}

static void
show_tlb_entry (PwInspector *self,
                PwMachine   *m,
                const PwHit *s)
{
  const PwTlbEntry *e = pw_machine_tlb_entry (m, (guint) s->index);
  const PwMachineConfig *cfg = pw_machine_config (m);
  /* Translators: a TLB entry's number */
  g_autofree char *title = g_strdup_printf (_("TLB entry %s"), PW_DEC (s->index));

  gtk_label_set_text (self->title_label, title);
  if (cfg->tlb_ways > 0)
    {
      fact (self, _("Set"), PW_DEC (s->index / cfg->tlb_ways));
      fact (self, _("Way"), PW_DEC (s->index % cfg->tlb_ways));
    }
  if (e == NULL || !e->valid)
    {
      fact (self, _("State"), _("empty"));
      return;
    }
  {
    g_autofree char *vpn = addr (e->vpn, 0);
    g_autofree char *frame = addr (e->frame, 0);
    g_autofree char *size = pw_size_human (e->size);
    g_autofree char *prot = prot_text (e->prot);

    fact (self, cfg->tlb_asid ? _("Address-space id") : _("Process"), PW_DEC (e->pid));
    fact (self, _("Page"), vpn);
    fact (self, _("Page size"), size);
    fact (self, _("Frame"), frame);
    fact (self, _("Protection"), prot);
    fact (self, _("User page"), yes_no (e->user));
    fact (self, _("Dirty"), yes_no (e->dirty));
  }
}

static void
show_field (PwInspector *self,
            PwMachine   *m,
            const PwHit *s)
{
  const PwRenderOptions *o = pw_canvas_get_options (self->canvas);
  const PwWalk *w = o->event ? (o->event->retried ? &o->event->retry : &o->event->walk)
                             : o->has_walk ? &o->walk : NULL;
  PwWalk split;
  const PwField *f;
  g_autofree char *bits = NULL;

  if (w == NULL)
    {
      /* no address translated yet: the split alone, as the bar draws it */
      pw_mmu_split (pw_machine_arch (m), 0, &split);
      w = &split;
    }
  if (s->index >= w->n_fields)
    {
      gtk_label_set_text (self->title_label, _("A field of the address"));
      return;
    }
  f = &w->fields[s->index];
  gtk_label_set_text (self->title_label, f->name);
  bits = f->hi == f->lo ? g_strdup_printf ("%u", f->hi) : g_strdup_printf ("%u–%u", f->hi, f->lo);
  fact (self, _("Bits"), bits);
  fact (self, _("Width"), PW_DEC (f->hi - f->lo + 1));
  if (w != &split)
    {
      g_autofree char *value = addr (f->value, f->hi - f->lo + 1);
      fact (self, _("Value"), value);
      fact (self, _("Decimal"), PW_DEC (f->value));
    }
  else
    fact (self, _("Value"), _("none yet: translate an address, or step to an access"));
}

/* ---- following the canvas ---------------------------------------------------------------- */

void
pw_inspector_refresh (PwInspector *self)
{
  const PwHit *s;
  PwMachine *m;

  g_return_if_fail (PW_IS_INSPECTOR (self));

  clear_grid (self->facts_grid);
  clear_grid (self->bits_grid);
  self->n_facts = self->n_bits = 0;
  gtk_widget_set_visible (self->bits_heading, FALSE);
  gtk_widget_set_visible (self->bit_strip, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->bits_grid), FALSE);

  s = self->canvas ? pw_canvas_get_selection (self->canvas) : NULL;
  m = self->canvas ? pw_canvas_get_machine (self->canvas) : NULL;
  if (s == NULL || m == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  switch (s->kind)
    {
    case PW_HIT_PAGE:
      show_page (self, m, s);
      break;
    case PW_HIT_REGION:
    case PW_HIT_GAP:
      show_region (self, m, s);
      break;
    case PW_HIT_ENTRY:
      show_entry (self, m, s);
      break;
    case PW_HIT_TABLE:
      show_table (self, m, s);
      break;
    case PW_HIT_FRAME:
      show_frame (self, m, s);
      break;
    case PW_HIT_SLOT:
      show_slot (self, m, s);
      break;
    case PW_HIT_TLB_ENTRY:
      show_tlb_entry (self, m, s);
      break;
    case PW_HIT_FIELD:
      show_field (self, m, s);
      break;
    case PW_HIT_NONE:
    default:
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  gtk_widget_set_visible (self->follow_button, pw_canvas_can_follow (self->canvas));
  gtk_stack_set_visible_child_name (self->stack, "details");
}

static void
selection_changed_cb (PwCanvas    *canvas,
                      PwInspector *self)
{
  pw_inspector_refresh (self);
}

static void
follow_clicked_cb (GtkButton   *button,
                   PwInspector *self)
{
  if (self->canvas != NULL)
    pw_canvas_follow (self->canvas);
}

void
pw_inspector_set_canvas (PwInspector *self,
                         PwCanvas    *canvas)
{
  g_return_if_fail (PW_IS_INSPECTOR (self));

  if (self->canvas != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->canvas, self);
      g_object_remove_weak_pointer (G_OBJECT (self->canvas), (gpointer *) &self->canvas);
    }
  self->canvas = canvas;
  if (canvas != NULL)
    {
      g_object_add_weak_pointer (G_OBJECT (canvas), (gpointer *) &self->canvas);
      g_signal_connect (canvas, "selection-changed", G_CALLBACK (selection_changed_cb), self);
      /* the base of the numbers */
      g_signal_connect_swapped (canvas, "notify::number-base", G_CALLBACK (pw_inspector_refresh), self);
    }
  pw_inspector_refresh (self);
}

/* ---- GObject -------------------------------------------------------------------------- */

static void
pw_inspector_dispose (GObject *object)
{
  PwInspector *self = PW_INSPECTOR (object);

  pw_inspector_set_canvas (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_INSPECTOR);
  G_OBJECT_CLASS (pw_inspector_parent_class)->dispose (object);
}

static void
pw_inspector_class_init (PwInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (PW_TYPE_BIT_STRIP);
  object_class->dispose = pw_inspector_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/pagewalk/Pagewalk/pw-inspector.ui");
  gtk_widget_class_bind_template_child (widget_class, PwInspector, stack);
  gtk_widget_class_bind_template_child (widget_class, PwInspector, title_label);
  gtk_widget_class_bind_template_child (widget_class, PwInspector, facts_grid);
  gtk_widget_class_bind_template_child (widget_class, PwInspector, bits_heading);
  gtk_widget_class_bind_template_child (widget_class, PwInspector, bit_strip);
  gtk_widget_class_bind_template_child (widget_class, PwInspector, bits_grid);
  gtk_widget_class_bind_template_child (widget_class, PwInspector, follow_button);
  gtk_widget_class_bind_template_callback (widget_class, follow_clicked_cb);
  gtk_widget_class_set_css_name (widget_class, "pwinspector");
}

static void
pw_inspector_init (PwInspector *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

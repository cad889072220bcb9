/* pw-render-narration.c: the one-line narration of each animation phase
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-render"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pw-render-private.h"

/* ---- narration ---------------------------------------------------------------- */

static char *
fields_text (const PwArch *a,
             const PwWalk *w)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < w->n_fields; i++)
    {
      g_autofree char *v = pw_hex (w->fields[i].value);
      if (i > 0)
        g_string_append (s, ", ");
      g_string_append_printf (s, "%s %s", w->fields[i].name, v);
    }
  return g_string_free (s, FALSE);
}

/* The frame the first walk found in its leaf (the old frame of a
 * copy-on-write page), or G_MAXUINT64. */
guint64
pw_leaf_frame (PwCtx        *c,
               const PwWalk *w)
{
  const PwWalkStep *s;

  if (w == NULL || w->n_steps == 0)
    return G_MAXUINT64;
  s = &w->steps[w->n_steps - 1];
  if (!(s->flags & PW_F_PRESENT))
    return G_MAXUINT64;
  return pw_arch_entry_frame (c->arch, s->depth, s->entry);
}

/* What the kernel did before the retry, as one clause per action
 * (translated, naming the numbers); NULL-terminated, free with g_strfreev. */
char **
pw_kernel_actions (PwCtx    *c,
                   gboolean  detailed)
{
  const PwEvent *ev = c->ev;
  GPtrArray *out = g_ptr_array_new ();

  if (ev == NULL || !ev->retried)
    {
      g_ptr_array_add (out, NULL);
      return (char **) g_ptr_array_free (out, FALSE);
    }
  if (ev->evicted.happened)
    {
      g_autofree char *page = pw_hex (ev->evicted.vpn);
      g_autofree char *frame = pw_hex (ev->evicted.frame);
      if (ev->evicted.to_disk)
        g_ptr_array_add (out, g_strdup_printf (_("evicted page %s of pid %u from frame %s to disk slot %s%s"),
                                               page, ev->evicted.pid, frame, PW_DEC (ev->evicted.slot),
                                               detailed && ev->evicted.dirty ? _(" (dirty: written)") : ""));
      else
        g_ptr_array_add (out, g_strdup_printf (_("evicted page %s of pid %u from frame %s (clean: dropped)"),
                                               page, ev->evicted.pid, frame));
    }
  {
    g_autofree char *page = pw_hex (ev->vpn);
    g_autofree char *frame = pw_hex (ev->new_frame);
    guint64 old = pw_leaf_frame (c, c->walk);

    if (ev->fault == PW_KF_MAJOR)
      g_ptr_array_add (out, g_strdup_printf (_("read page %s from disk slot %s into frame %s"),
                                             page, PW_DEC (ev->read_slot), frame));
    else if (ev->cow_copy && old != G_MAXUINT64)
      {
        g_autofree char *of = pw_hex (old);
        g_ptr_array_add (out, g_strdup_printf (_("copied the copy-on-write page %s from frame %s to a new frame %s"),
                                               page, of, frame));
      }
    else if (ev->cow_copy)
      g_ptr_array_add (out, g_strdup_printf (_("copied the copy-on-write page %s to a new frame %s"), page, frame));
    else if (ev->zeroed)
      g_ptr_array_add (out, g_strdup_printf (_("gave page %s the zeroed frame %s"), page, frame));
    else if (c->walk->fault == PW_FAULT_PROTECTION)
      g_ptr_array_add (out, g_strdup_printf (_("made the copy-on-write page %s writable"
                                               " (no other sharer left, so no copy)"), page));
    else
      g_ptr_array_add (out, g_strdup_printf (_("mapped page %s to frame %s"), page, frame));
  }
  if (detailed)
    g_ptr_array_add (out, g_strdup (_("updated the entry and retried the access")));
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}

static char *
narrate (PwCtx          *c,
         const PwPhase  *ph)
{
  const PwArch *a = c->arch;
  const PwWalk *w = ph->retry ? c->retry : c->walk;
  const PwEvent *ev = c->ev;
  g_autofree char *va = pw_fmt_addr (w->va, a->va_bits);

  switch (ph->kind)
    {
    case PW_PH_SPLIT:
      {
        g_autofree char *f = fields_text (a, w);
        return g_strdup_printf (_("Split %s into its fields: %s."), va, f);
      }
    case PW_PH_TLB:
      {
        g_autofree char *page = pw_hex (ev->vpn);
        g_autofree char *frame = pw_hex (ev->pa >> a->page_shift);
        if (ev->tlb == PW_TLB_HIT)
          return g_strdup_printf (_("TLB hit: page %s is cached in frame %s, no walk needed."),
                                  page, frame);
        return g_strdup_printf (_("TLB miss: page %s is not cached, so the MMU walks the page table."),
                                page);
      }
    case PW_PH_INDEX:
      {
        const PwWalkStep *s = &w->steps[ph->level];
        g_autofree char *table = pw_hex (s->table);
        g_autofree char *epa = pw_hex (s->entry_pa);
        if (ph->level == 0)
          return g_strdup_printf (_("%s points to the %s table at %s; index %s"
                                    " selects the entry at %s."),
                                  a->root_register, s->name, table, PW_DEC (s->index), epa);
        return g_strdup_printf (_("%s index %s selects entry %s"
                                  " of the table at %s (entry at %s)."),
                                s->name, PW_DEC (s->index), PW_DEC (s->index), table, epa);
      }
    case PW_PH_ENTRY:
      {
        const PwWalkStep *s = &w->steps[ph->level];
        g_autofree char *e = pw_hex (s->entry);
        g_autofree char *target = pw_hex (pw_arch_entry_frame (a, s->depth, s->entry));
        if (!(s->flags & PW_F_PRESENT))
          return g_strdup_printf (_("Entry %s of %s is not present: the walk stops here."),
                                  e, s->name);
        if (w->fault != PW_FAULT_NONE && w->fault_depth == (int) s->depth)
          return g_strdup_printf (_("Entry %s of %s does not allow this access."), e, s->name);
        if (s->leaf)
          {
            g_autofree char *size = pw_fmt_size (w->page_size ? w->page_size : pw_arch_page_size (a));
            return g_strdup_printf (_("Entry %s is present and a leaf: the %s page is in frame %s."),
                                    e, size, target);
          }
        return g_strdup_printf (_("Entry %s is present: the next table, %s, is in frame %s."),
                                e, w->steps[MIN (ph->level + 1, (int) w->n_steps - 1)].name,
                                target);
      }
    case PW_PH_FAULT:
      {
        g_autofree char *msg = NULL;
        if (a->kind != PW_ARCH_PAGED)
          return pw_seg_narration (c, w, TRUE);
        msg = pw_walk_fault_message (a, w);
        if (ev != NULL && !ev->retried)
          return g_strdup_printf (_("Page fault (%s): %s — the kernel cannot fix it: the access fails (%s)."),
                                  pw_fault_kind_name (w->fault), msg,
                                  pw_kernel_fault_name (ev->fault));
        if (ev != NULL)
          return g_strdup_printf (_("Page fault (%s): %s — the kernel takes over."),
                                  pw_fault_kind_name (w->fault), msg);
        return g_strdup_printf (_("Page fault (%s): %s — the walk stops here."),
                                pw_fault_kind_name (w->fault), msg);
      }
    case PW_PH_EVICT:
      {
        g_autofree char *page = pw_hex (ev->evicted.vpn);
        g_autofree char *frame = pw_hex (ev->evicted.frame);
        if (ev->evicted.to_disk)
          return g_strdup_printf (_("No free frame: the kernel evicts page %s of process %u from frame %s"
                                    " and writes it to disk slot %s."),
                                  page, ev->evicted.pid, frame, PW_DEC (ev->evicted.slot));
        return g_strdup_printf (_("No free frame: the kernel evicts page %s of process %u from frame %s"
                                  " (clean, so nothing is written)."),
                                page, ev->evicted.pid, frame);
      }
    case PW_PH_READ:
      {
        g_autofree char *page = pw_hex (ev->vpn);
        g_autofree char *frame = pw_hex (ev->new_frame);
        return g_strdup_printf (_("The page is on disk: the kernel reads page %s from slot %s"
                                  " into frame %s."),
                                page, PW_DEC (ev->read_slot), frame);
      }
    case PW_PH_FRAME:
      {
        g_autofree char *page = pw_hex (ev->vpn);
        g_autofree char *frame = pw_hex (ev->new_frame);
        if (ev->cow_copy)
          {
            guint64 old = pw_leaf_frame (c, c->walk);
            g_autofree char *of = pw_hex (old);
            if (old != G_MAXUINT64)
              return g_strdup_printf (_("Copy on write: the kernel copies page %s from the shared frame %s"
                                        " into a new frame %s, makes the entry writable and retries."),
                                      page, of, frame);
            return g_strdup_printf (_("Copy on write: the kernel copies page %s into frame %s, updates the entry and retries."),
                                    page, frame);
          }
        if (ev->fault == PW_KF_MAJOR)
          return g_strdup_printf (_("The kernel maps page %s to frame %s and retries the access."),
                                  page, frame);
        if (ev->zeroed)
          return g_strdup_printf (_("The kernel gives page %s a zeroed frame, %s, and retries the access."),
                                  page, frame);
        return g_strdup_printf (_("The kernel updates the entry for page %s and retries the access."), page);
      }
    case PW_PH_FINAL:
      {
        const PwWalk *fw = ph->retry ? c->retry : c->walk;
        guint64 pa = ev != NULL && ev->tlb == PW_TLB_HIT ? ev->pa : fw->pa;
        guint64 psize = fw->page_size ? fw->page_size : pw_arch_page_size (a);
        g_autofree char *pas = pw_fmt_addr (pa, a->pa_bits);
        g_autofree char *frame = pw_hex (pa >> a->page_shift);
        g_autofree char *off = pw_hex (pa & (psize - 1));
        if (a->kind != PW_ARCH_PAGED)
          return pw_seg_narration (c, fw, FALSE);
        if (ph->retry && ev != NULL && ev->retried)
          {
            g_auto(GStrv) acts = pw_kernel_actions (c, FALSE);
            g_autofree char *what = g_strjoinv (_(", then "), acts);
            return g_strdup_printf (_("Physical address %s: frame %s followed by the offset %s, after the"
                                      " kernel %s."), pas, frame, off, what);
          }
        return g_strdup_printf (_("Physical address %s: frame %s followed by the offset %s."),
                                pas, frame, off);
      }
    }
  return NULL;
}

char *
pw_render_narration (PwMachine             *m,
                     const PwRenderOptions *o,
                     double                 t)
{
  PwRenderOptions copy;
  cairo_surface_t *s;
  cairo_t *cr;
  PwCtx c;
  char *text = NULL;

  g_return_val_if_fail (m != NULL && o != NULL, NULL);

  copy = *o;
  copy.t = t;
  s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cr = cairo_create (s);
  pw_ctx_init (&c, cr, m, &copy, NULL);
  if (c.anim.n > 0)
    {
      guint k = MIN ((guint) c.anim.current, c.anim.n - 1);
      text = narrate (&c, &c.anim.phases[k]);
    }
  pw_ctx_clear (&c);
  cairo_destroy (cr);
  cairo_surface_destroy (s);
  return text;
}

/* Narration for drawing (the context already built). */
char *
pw_narration_here (PwCtx *c)
{
  guint k;

  if (c->anim.n == 0)
    return NULL;
  k = MIN ((guint) c->anim.current, c->anim.n - 1);
  return narrate (c, &c->anim.phases[k]);
}

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

/* ---- shared clauses ------------------------------------------------------------ */

char *
pw_eviction_fate (const PwEviction *e)
{
  if (e->written)
    return g_strdup_printf (_("written to disk slot %s"), PW_DEC (e->slot));
  if (e->to_disk)
    return g_strdup_printf (_("dropped, its copy in disk slot %s is current"), PW_DEC (e->slot));
  return g_strdup (_("dropped"));
}

PwPageOutlook
pw_walk_outlook (PwCtx   *c,
                 guint64 *slot)
{
  const PwWalk *w = c->walk;
  const PwEvent *ev = c->ev;
  const PwProcess *p;
  const char *state;

  if (w == NULL || w->fault == PW_FAULT_NONE || c->arch->kind != PW_ARCH_PAGED)
    return PW_OUTLOOK_NONE;
  if (w->fault == PW_FAULT_NON_CANONICAL || w->fault == PW_FAULT_OUT_OF_RANGE)
    return PW_OUTLOOK_NONE;
  p = pw_machine_lookup (c->m, c->walk_pid);
  if (p == NULL)
    return PW_OUTLOOK_NONE;
  if (ev == NULL)
    return pw_page_outlook (c->m, p, w->va, w->access, w->mode, slot);
  /* the access ran: the kernel's verdict is in the event (the machine drawn
   * is the one after it, where the page may have moved) */
  switch (ev->fault)
    {
    case PW_KF_MAJOR:
      *slot = ev->read_slot;
      return PW_OUTLOOK_DISK;
    case PW_KF_MINOR:
      return ev->zeroed ? PW_OUTLOOK_COMMITTED : PW_OUTLOOK_RESIDENT;
    case PW_KF_PROTECTION:
      return w->fault == PW_FAULT_NOT_PRESENT ? PW_OUTLOOK_FORBIDDEN : PW_OUTLOOK_NONE;
    case PW_KF_SEGMENTATION:
      state = pw_page_state (c->m, p, w->va, slot);
      return state && g_str_equal (state, "reserved") ? PW_OUTLOOK_RESERVED : PW_OUTLOOK_FREE;
    case PW_KF_NONE:
    case PW_KF_OUT_OF_MEMORY:
    default:
      return PW_OUTLOOK_NONE;
    }
}

const char *
pw_walk_fault_word (PwCtx        *c,
                    const PwWalk *w)
{
  guint64 slot = 0;

  if (w == c->walk && w->fault == PW_FAULT_NOT_PRESENT
      && pw_walk_outlook (c, &slot) == PW_OUTLOOK_FORBIDDEN)
    return pw_fault_kind_name (PW_FAULT_PROTECTION);
  return pw_fault_kind_name (w->fault);
}

/* The bit of the entry at @s that forbids the access @why names, and
 * whether it forbids by being set; NULL when the format has no such bit. */
static const char *
forbidding_bit (PwCtx            *c,
                const PwWalkStep *s,
                PwFaultWhy        why,
                gboolean         *set)
{
  static const struct { PwFaultWhy why; PwFlags flag; gboolean forbids_set; } rules[] = {
    { PW_WHY_WRITE, PW_F_WRITABLE, FALSE }, { PW_WHY_WRITE, PW_F_READONLY, TRUE },
    { PW_WHY_WRITE, PW_F_AP_NO_W, TRUE },
    { PW_WHY_EXEC, PW_F_NX, TRUE }, { PW_WHY_EXEC, PW_F_EXEC, FALSE },
    { PW_WHY_EXEC, PW_F_PXN, TRUE }, { PW_WHY_EXEC, PW_F_XN_TABLE, TRUE },
    { PW_WHY_EXEC, PW_F_PXN_TABLE, TRUE },
    { PW_WHY_USER, PW_F_USER, FALSE }, { PW_WHY_USER, PW_F_AP_NO_EL0, TRUE },
    { PW_WHY_SUPERVISOR_USER, PW_F_USER, TRUE },
    { PW_WHY_READ, PW_F_READ, FALSE },
  };
  PwBitField bf[PW_MAX_BIT_FIELDS];
  guint n = pw_arch_bit_fields (c->arch, s->depth, s->entry, bf);

  for (guint r = 0; r < G_N_ELEMENTS (rules); r++)
    {
      if (rules[r].why != why || ((s->flags & rules[r].flag) != 0) != rules[r].forbids_set)
        continue;
      for (guint i = 0; i < n; i++)
        if (bf[i].flag == rules[r].flag)
          {
            *set = rules[r].forbids_set;
            return bf[i].name;
          }
    }
  return NULL;
}

char *
pw_fault_clause (PwCtx        *c,
                 const PwWalk *w)
{
  const PwWalkStep *s;
  g_autofree char *val = NULL;
  g_autofree char *why = NULL;
  const char *bit;
  gboolean set = FALSE;

  if (c->arch->kind != PW_ARCH_PAGED || w->fault_depth < 0 || (guint) w->fault_depth >= w->n_steps)
    return pw_walk_fault_message (c->arch, w);
  s = &w->steps[w->fault_depth];
  val = pw_fmt_addr (s->entry, c->arch->pte_bytes * 8);
  if (w->fault == PW_FAULT_NOT_PRESENT && !(s->flags & PW_F_PRESENT))
    /* Translators: the level's name, the entry's index, its value */
    return g_strdup_printf (_("%s entry %s (value %s) is not present"), s->name,
                            PW_DEC (s->index), val);
  why = pw_walk_fault_message (c->arch, w);
  if (w->fault != PW_FAULT_PROTECTION)
    /* Translators: the level's name, the entry's index, its value, what is wrong with it */
    return g_strdup_printf (_("%s entry %s (value %s): %s"), s->name, PW_DEC (s->index), val, why);
  bit = forbidding_bit (c, s, w->why, &set);
  if (bit == NULL)
    /* Translators: the level's name, the entry's index, its value, what is wrong with it */
    return g_strdup_printf (_("%s entry %s (value %s): %s"), s->name, PW_DEC (s->index), val, why);
  return set
    /* Translators: a level's name, the entry's index, its value, the access (read, write...), then the bit's name */
    ? g_strdup_printf (_("%s entry %s (value %s) forbids this %s: its %s bit is set"), s->name,
                       PW_DEC (s->index), val, pw_access_name (w->access), bit)
    /* Translators: the level's name, the entry's index, its value, the access (read,
     * write, exec), the bit's name */
    : g_strdup_printf (_("%s entry %s (value %s) forbids this %s: its %s bit is clear"), s->name,
                       PW_DEC (s->index), val, pw_access_name (w->access), bit);
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
      g_autofree char *fate = pw_eviction_fate (&ev->evicted);
      /* Translators: a virtual page, its pid, the frame, and what became of the page
       * (“written to disk slot 3”...) */
      g_ptr_array_add (out, g_strdup_printf (_("evicted page %s of pid %u from frame %s (%s)"),
                                             page, ev->evicted.pid, frame, fate));
    }
  {
    g_autofree char *page = pw_hex (ev->vpn);
    g_autofree char *frame = pw_hex (ev->new_frame);
    guint64 old = pw_leaf_frame (c, c->walk);

    if (ev->fault == PW_KF_MAJOR)
      /* Translators: a virtual page, the swap slot, the frame */
      g_ptr_array_add (out, g_strdup_printf (_("read page %s from disk slot %s into frame %s"),
                                             page, PW_DEC (ev->read_slot), frame));
    else if (ev->cow_copy && old != G_MAXUINT64)
      {
        g_autofree char *of = pw_hex (old);
        /* Translators: a virtual page, the shared frame, the new frame */
        g_ptr_array_add (out, g_strdup_printf (_("copied the copy-on-write page %s from frame %s to a new frame %s"),
                                               page, of, frame));
      }
    else if (ev->cow_copy)
      /* Translators: a virtual page, then the new frame */
      g_ptr_array_add (out, g_strdup_printf (_("copied the copy-on-write page %s to a new frame %s"), page, frame));
    else if (ev->zeroed)
      /* Translators: a page number, then a frame */
      g_ptr_array_add (out, g_strdup_printf (_("gave page %s the zeroed frame %s"), page, frame));
    else if (c->walk->fault == PW_FAULT_PROTECTION)
      g_ptr_array_add (out, g_strdup_printf (_("made the copy-on-write page %s writable"
                                               " (no other sharer left, so no copy)"), page));
    else
      /* Translators: a virtual page, then the frame */
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
        /* Translators: the virtual address, then its fields (“L1 0x2, offset 0x150”) */
        return g_strdup_printf (_("Split %s into its fields: %s."), va, f);
      }
    case PW_PH_TLB:
      {
        g_autofree char *page = pw_hex (ev->vpn);
        g_autofree char *frame = pw_hex (ev->pa >> a->page_shift);
        if (ev->tlb == PW_TLB_HIT)
          /* Translators: a virtual page, then its frame */
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
          /* Translators: the root register (CR3...), the level's name, the table's
           * address, the index and the entry's address */
          return g_strdup_printf (_("%s points to the %s table at %s; index %s"
                                    " selects the entry at %s."),
                                  a->root_register, s->name, table, PW_DEC (s->index), epa);
        /* Translators: the level's name, the index, the entry's number and the table's
         * address, then the entry's address */
        return g_strdup_printf (_("%s index %s selects entry %s"
                                  " of the table at %s (entry at %s)."),
                                s->name, PW_DEC (s->index), PW_DEC (s->index), table, epa);
      }
    case PW_PH_ENTRY:
      {
        const PwWalkStep *s = &w->steps[ph->level];
        g_autofree char *e = pw_hex (s->entry);
        g_autofree char *target = pw_hex (pw_arch_entry_frame (a, s->depth, s->entry));
        if (w->fault != PW_FAULT_NONE && w->fault_depth == (int) s->depth)
          {
            g_autofree char *clause = pw_fault_clause (c, w);
            return g_strdup_printf (_("%s: the walk stops here."), clause);
          }
        if (!(s->flags & PW_F_PRESENT))
          /* Translators: the level's name, the entry's index, its value */
          return g_strdup_printf (_("%s entry %s (value %s) is not present: the walk stops here."),
                                  s->name, PW_DEC (s->index), e);
        if (s->leaf)
          {
            g_autofree char *size = pw_fmt_size (w->page_size ? w->page_size : pw_arch_page_size (a));
            /* Translators: the level's name, the entry's index, its value, the page size
             * (4 KiB...), the frame */
            return g_strdup_printf (_("%s entry %s (value %s) is present and a leaf: the %s page is in frame %s."),
                                    s->name, PW_DEC (s->index), e, size, target);
          }
        /* Translators: the level's name, the entry's index, its value, the next level's
         * name, the frame */
        return g_strdup_printf (_("%s entry %s (value %s) is present: the next table, %s, is in frame %s."),
                                s->name, PW_DEC (s->index), e, w->steps[MIN (ph->level + 1, (int) w->n_steps - 1)].name,
                                target);
      }
    case PW_PH_FAULT:
      {
        g_autofree char *msg = NULL;
        if (a->kind != PW_ARCH_PAGED)
          return pw_seg_narration (c, w, TRUE);
        {
          guint64 slot = 0;
          const char *kind = pw_walk_fault_word (c, w);
          PwPageOutlook outlook = w == c->walk ? pw_walk_outlook (c, &slot) : PW_OUTLOOK_NONE;
          g_autofree char *then = pw_page_outlook_short (outlook, slot);
          msg = pw_fault_clause (c, w);
          if (then != NULL && ev != NULL && !ev->retried)
            /* Translators: the fault's kind, what the MMU found, what the kernel found,
             * the kernel's verdict */
            return g_strdup_printf (_("Page fault (%s): %s — %s: the access fails (%s)."),
                                    kind, msg, then, pw_kernel_fault_name (ev->fault));
          if (then != NULL && ev != NULL)
            /* Translators: the fault's kind, what the MMU found, what the kernel finds */
            return g_strdup_printf (_("Page fault (%s): %s — %s; the kernel takes over."),
                                    kind, msg, then);
          if (then != NULL)
            /* Translators: the fault's kind, what the MMU found, what the kernel does */
            return g_strdup_printf (_("Page fault (%s): %s — %s."), kind, msg, then);
          if (ev != NULL && !ev->retried)
            /* Translators: the fault's kind, the reason, then the signal the process gets */
            return g_strdup_printf (_("Page fault (%s): %s — the kernel cannot fix it: the access fails (%s)."),
                                    kind, msg, pw_kernel_fault_name (ev->fault));
          if (ev != NULL)
            /* Translators: the fault's kind, then what the MMU found */
            return g_strdup_printf (_("Page fault (%s): %s — the kernel takes over."), kind, msg);
          /* Translators: the fault's kind, then the reason */
          return g_strdup_printf (_("Page fault (%s): %s — the walk stops here."), kind, msg);
        }
      }
    case PW_PH_EVICT:
      {
        g_autofree char *page = pw_hex (ev->evicted.vpn);
        g_autofree char *frame = pw_hex (ev->evicted.frame);
        g_autofree char *fate = pw_eviction_fate (&ev->evicted);
        /* Translators: the victim page, its pid, its frame, then what becomes of it */
        return g_strdup_printf (_("No free frame: the kernel evicts page %s of process %u from frame %s:"
                                  " %s."), page, ev->evicted.pid, frame, fate);
      }
    case PW_PH_READ:
      {
        g_autofree char *page = pw_hex (ev->vpn);
        g_autofree char *frame = pw_hex (ev->new_frame);
        /* Translators: a virtual page, the swap slot, the frame */
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
              /* Translators: a virtual page, the shared frame, the new frame */
              return g_strdup_printf (_("Copy on write: the kernel copies page %s from the shared frame %s"
                                        " into a new frame %s, makes the entry writable and retries."),
                                      page, of, frame);
            /* Translators: a virtual page, then the new frame */
            return g_strdup_printf (_("Copy on write: the kernel copies page %s into frame %s, updates the entry and retries."),
                                    page, frame);
          }
        if (ev->fault == PW_KF_MAJOR)
          /* Translators: a virtual page, then the frame */
          return g_strdup_printf (_("The kernel maps page %s to frame %s and retries the access."),
                                  page, frame);
        if (ev->zeroed)
          /* Translators: a virtual page, then the frame */
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
            /* Translators: what joins the kernel's actions in a list ("evicted
             * page 0x1 ..., then read page 0x3 from disk slot 7 ...") */
            g_autofree char *what = g_strjoinv (_(", then "), acts);
            /* Translators: the physical address, the frame, the offset, then the kernel's
             * fix */
            return g_strdup_printf (_("Physical address %s: frame %s followed by the offset %s, after the"
                                      " kernel %s."), pas, frame, off, what);
          }
        /* Translators: the physical address, the frame, the offset */
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
  else if (c.life != NULL)
    text = pw_life_narration (&c);
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

/* pw-canvas-describe.c: what the canvas shows where, in words
 *
 * The tooltips of the diagram and the address a click translates, from the
 * renderer's hits and the machine.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pagewalk"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-canvas-private.h"
#include "pw-number.h"

/* A cell of the physical view that stands for more frames than this is
 * described by its range alone. */
#define MAX_FRAMES_LISTED 4096

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
  /* Translators: a page number, a process, then an address */
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
        PwWalk split;

        if (w == NULL)
          {
            /* no address yet: the field's place alone */
            pw_mmu_split (arch, 0, &split);
            if (hit->index >= split.n_fields)
              return NULL;
            f = &split.fields[hit->index];
            /* Translators: a field of the address (L1, offset...), its highest and lowest
             * bits */
            return g_strdup_printf (_("%s: bits %u–%u of the address"), f->name, f->hi, f->lo);
          }
        if (hit->index >= w->n_fields)
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
        /* Translators: a level's name (PML4, L1...), then a frame */
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

    case PW_HIT_BYTE:
      {
        g_autofree char *offset = pw_hex_grouped (hit->index);
        char value[8];

        g_snprintf (value, sizeof value, "0x%02x", (guint) (hit->entry & 0xff));
        if (hit->pid != 0)
          {
            g_autofree char *who = process_name (self, hit->pid);
            g_autofree char *addr = pw_hex_grouped ((hit->vpn << arch->page_shift) + hit->index);
            /* Translators: the byte's offset in its page, the frame, its virtual address,
             * the process, its value */
            return g_strdup_printf (_("Byte %s of frame %s, address %s of %s: %s"), offset,
                                    pw_hex_buf (hit->frame, a), addr, who, value);
          }
        /* Translators: the byte's offset in its frame, the frame, its value */
        return g_strdup_printf (_("Byte %s of frame %s: %s"), offset, pw_hex_buf (hit->frame, a),
                                value);
      }

    case PW_HIT_NONE:
    default:
      return NULL;
    }
}

/* The virtual address a click on @hit translates, if any. */
gboolean
pw_canvas_hit_address (PwCanvas    *self,
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
  if (hit->kind == PW_HIT_BYTE && hit->pid != 0)
    {
      /* a byte zoomed in to: its own address */
      *pid = hit->pid;
      *va = (hit->vpn << arch->page_shift) + hit->index;
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

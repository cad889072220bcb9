/* pw-render-select.c: the selection, outlined wherever it is drawn
 *
 * PwRenderOptions.selection names one object (a page, a frame, a slot, a
 * table, an entry, a TLB entry, a region, a field).  Once a view is drawn,
 * every hit that stands for it is outlined in the highlight colour: the
 * object itself in every view, a page's frame and slot, and for a data
 * frame the pages of every process that maps it (pw_machine_frame_mappers),
 * so a shared frame lights up in each address space.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-render"

#include "config.h"

#include "pw-render-private.h"

/* A run of pages longer than this is not searched page by page. */
#define MAX_RUN_PAGES 4096

static gboolean
covers (guint64 first,
        guint64 count,
        guint64 value)
{
  return value >= first && value - first < MAX (count, 1);
}

static const PwPage *
find_page (PwMachine *m,
           guint      pid,
           guint64    vpn)
{
  const PwProcess *p = pw_machine_lookup (m, pid);

  if (p == NULL || p->pages == NULL)
    return NULL;
  return g_hash_table_lookup (p->pages, &vpn);
}

/* Whether a page of the run @hit (a PAGE hit) is resident in @frame. */
static gboolean
run_maps_frame (PwMachine   *m,
                const PwHit *hit,
                guint64      frame)
{
  const PwProcess *p = pw_machine_lookup (m, hit->pid);
  guint shift = pw_machine_arch (m)->page_shift;

  if (p == NULL || p->pages == NULL || hit->count > MAX_RUN_PAGES)
    return FALSE;
  for (guint64 v = hit->vpn; v < hit->vpn + MAX (hit->count, 1); v++)
    {
      const PwPage *pg = g_hash_table_lookup (p->pages, &v);

      /* a large page covers several frames */
      if (pg != NULL && pg->resident && frame >= pg->frame
          && frame - pg->frame < MAX (pg->size >> shift, 1))
        return TRUE;
    }
  return FALSE;
}

static gboolean
frame_lights_page (PwMachine   *m,
                   guint64      frame,
                   const PwHit *hit)
{
  g_autoptr(GArray) pids = NULL;
  const PwFrameInfo *fi = pw_machine_frame_info (m, frame);
  gboolean mapped = FALSE;

  if (fi == NULL || fi->use != PW_FRAME_DATA)
    return FALSE;
  pids = g_array_new (FALSE, FALSE, sizeof (guint));
  pw_machine_frame_mappers (m, frame, pids);
  for (guint i = 0; i < pids->len && !mapped; i++)
    mapped = g_array_index (pids, guint, i) == hit->pid;
  return mapped && run_maps_frame (m, hit, frame);
}

gboolean
pw_render_hit_selected (PwMachine             *m,
                        const PwRenderOptions *o,
                        const PwHit           *hit)
{
  const PwHit *s;

  g_return_val_if_fail (m != NULL && o != NULL && hit != NULL, FALSE);

  if (!o->has_selection)
    return FALSE;
  s = &o->selection;

  switch (s->kind)
    {
    case PW_HIT_PAGE:
      {
        const PwPage *pg = find_page (m, s->pid, s->vpn);

        if (hit->kind == PW_HIT_PAGE)
          return hit->pid == s->pid && covers (hit->vpn, hit->count, s->vpn);
        if (pg == NULL)
          return FALSE;
        if (hit->kind == PW_HIT_FRAME && pg->resident)
          return covers (hit->frame, hit->count, pg->frame);
        if (hit->kind == PW_HIT_SLOT && pg->on_disk)
          return covers (hit->slot, hit->count, pg->slot);
        return FALSE;
      }

    case PW_HIT_FRAME:
      if (hit->kind == PW_HIT_FRAME)
        return covers (hit->frame, hit->count, s->frame);
      if (hit->kind == PW_HIT_TABLE)
        return hit->frame == s->frame;
      if (hit->kind == PW_HIT_PAGE)
        return frame_lights_page (m, s->frame, hit);
      return FALSE;

    case PW_HIT_SLOT:
      if (hit->kind == PW_HIT_SLOT)
        return covers (hit->slot, hit->count, s->slot);
      if (hit->kind == PW_HIT_PAGE)
        {
          guint pid;
          guint64 vpn;

          return pw_machine_slot_owner (m, s->slot, &pid, &vpn)
                 && hit->pid == pid && covers (hit->vpn, hit->count, vpn);
        }
      return FALSE;

    case PW_HIT_TABLE:
      if (hit->kind == PW_HIT_TABLE)
        return hit->frame == s->frame;
      if (hit->kind == PW_HIT_FRAME)
        return covers (hit->frame, hit->count, s->frame);
      return FALSE;

    case PW_HIT_ENTRY:
      return hit->kind == PW_HIT_ENTRY && hit->frame == s->frame
             && hit->level == s->level && hit->index == s->index;

    case PW_HIT_TLB_ENTRY:
    case PW_HIT_FIELD:
      return hit->kind == s->kind && hit->index == s->index;

    case PW_HIT_REGION:
    case PW_HIT_GAP:
      return hit->kind == s->kind && hit->pid == s->pid && hit->start == s->start;

    case PW_HIT_NONE:
    default:
      return FALSE;
    }
}

void
pw_select_draw (PwCtx     *c,
                PwMachine *shown)
{
  const PwPalette *pal = c->pal;

  if (!c->o->has_selection || c->hits == NULL)
    return;
  for (guint i = 0; i < c->hits->hits->len; i++)
    {
      const PwHit *h = &g_array_index (c->hits->hits, PwHit, i);

      if (!pw_render_hit_selected (shown, c->o, h))
        continue;
      /* a dark edge under the highlight, so it shows on pale and yellowish
       * fills alike */
      pw_stroke_rect (c, pal->dark ? &pal->bg : &pal->fg, 5, h->x - 2, h->y - 2,
                      h->width + 4, h->height + 4);
      pw_stroke_rect (c, &pal->highlight, 3, h->x - 2, h->y - 2, h->width + 4, h->height + 4);
    }
}

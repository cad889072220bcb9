/* pw-kernel-claim.c: claiming the frames a scenario names, at set-up
 *
 * Frame images, given roots and pinned frames are claimed before anything
 * is allocated (docs/machine.md, "Frame allocation").  Claims go by ranges
 * and in frame order, so that a table of 2^32 frames or a million pins in a
 * shuffled order cost no more than their number: free ranges are only ever
 * taken in ascending order.  Errors carry the file name and the JSON path.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-machine"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pw-keysort.h"
#include "pw-machine-private.h"
#include "pw-number.h"

gboolean
pwk_claim (PwMachine   *m,
           guint64      frame,
           guint64      n,
           const char  *path,
           const char  *what,
           GError     **error)
{
  if (frame >= m->n_frames || n > m->n_frames - frame)
    {
      g_set_error (error, PW_ERROR, PW_ERROR_VALUE,
                   "%s: %s: %s", m->sc->filename, path,
                   _("the frame is outside physical memory"));
      return FALSE;
    }
  if (!pw_ranges_take (m->free, frame, n))
    {
      g_set_error (error, PW_ERROR, PW_ERROR_VALUE,
                   "%s: %s: %s %s", m->sc->filename, path, what,
                   _("uses a frame that is already taken"));
      return FALSE;
    }
  return TRUE;
}

/* Claims the frames of [frame, frame + n) that are not in @images (sorted
 * frame numbers, already claimed), run by run: a table of 2^32 frames costs
 * as many claims as it has images, plus one.  Errors are those the first
 * frame at fault would give on its own. */
gboolean
pwk_claim_around (PwMachine    *m,
                  guint64       frame,
                  guint64       n,
                  const GArray *images,
                  const char   *path,
                  const char   *what,
                  GError      **error)
{
  guint lo = 0, hi = images->len;
  guint64 f = frame, end;

  if (n == 0)
    return TRUE;
  if (n - 1 > G_MAXUINT64 - frame || frame >= m->n_frames || n > m->n_frames - frame)
    {
      /* some frame lies outside memory: claim what lies inside first, so
       * that a frame in use before it is reported as such */
      guint64 inside = frame < m->n_frames ? MIN (n, m->n_frames - frame) : 0;
      if (inside > 0 && !pwk_claim_around (m, frame, inside, images, path, what, error))
        return FALSE;
      return pwk_claim (m, m->n_frames, 1, path, what, error);
    }
  end = frame + n;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (g_array_index (images, guint64, mid) < frame)
        lo = mid + 1;
      else
        hi = mid;
    }
  for (guint i = lo; f < end; i++)
    {
      guint64 stop = i < images->len ? MIN (end, g_array_index (images, guint64, i)) : end;
      if (stop > f && !pwk_claim (m, f, stop - f, path, what, error))
        return FALSE;
      f = stop + 1;
      if (stop == end)
        break;
    }
  return TRUE;
}

/* Whether @frame is in @images (sorted); the index of the first image at or
 * after @frame in @at. */
static gboolean
image_find (const GArray *images,
            guint64       frame,
            guint        *at)
{
  guint lo = 0, hi = images->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (g_array_index (images, guint64, mid) < frame)
        lo = mid + 1;
      else
        hi = mid;
    }
  *at = lo;
  return lo < images->len && g_array_index (images, guint64, lo) == frame;
}

/* Claims the frames of frame images (paged) and fills them in, in frame
 * order (free ranges are taken in ascending order: no set-up is quadratic
 * however the file orders them).  @images: their frames, ascending. */
gboolean
pwk_claim_images (PwMachine  *m,
                  GArray    **images,
                  GError    **error)
{
  const PwScenario *sc = m->sc;
  guint n = sc->frame_images->len;
  g_autofree PwKey *order = g_new (PwKey, MAX (n, 1));
  const char *what = _("frame_image");   /* looked up once, not per image */

  *images = g_array_sized_new (FALSE, FALSE, sizeof (guint64), n);
  /* by frame, then file order */
  for (guint i = 0; i < n; i++)
    {
      order[i].key = g_array_index (sc->frame_images, PwFrameImage, i).frame;
      order[i].index = i;
    }
  pw_keysort (order, n);
  for (guint k = 0; k < n; k++)
    {
      guint64 frame = order[k].key;
      const PwFrameImage *fi;
      /* the image itself (its path) only for an error: in frame order each
       * would be a cache miss */
      if (paged (m))
        {
          if (frame < m->n_frames && pw_ranges_take (m->free, frame, 1))
            {
              g_array_append_val (*images, frame);
              continue;
            }
          fi = &g_array_index (sc->frame_images, PwFrameImage, order[k].index);
          return pwk_claim (m, frame, 1, fi->path, what, error);   /* fails, telling why */
        }
      else if (frame >= m->n_frames)
        {
          fi = &g_array_index (sc->frame_images, PwFrameImage, order[k].index);
          g_set_error (error, PW_ERROR, PW_ERROR_VALUE, "%s: %s: %s", sc->filename, fi->path,
                       _("the frame is outside physical memory"));
          return FALSE;
        }
    }
  /* the bytes in file order, as they lie in memory (in frame order every
   * image's bytes would be a cache miss); only the bytes given are stored.
   * A frame given twice (unpaged memory allows it) has the later image laid
   * over the earlier one, which shows past its bytes. */
  pw_physmem_reserve (m->mem, n);
  for (guint i = 0; i < n; i++)
    {
      const PwFrameImage *fi = &g_array_index (sc->frame_images, PwFrameImage, i);
      pw_physmem_frame_image (m->mem, fi->frame, fi->bytes, fi->n_bytes);
    }
  return TRUE;
}

typedef struct
{
  guint64           start, end;   /* frames [start, end) */
  guint             index;        /* in file order */
  const PwMapSpec  *ms;
} PinClaim;

/* @pins (made in file order) by start, then file order. */
static GArray *
pins_sorted (const GArray *pins)
{
  g_autofree PwKey *keys = g_new (PwKey, MAX (pins->len, 1));
  GArray *out = g_array_sized_new (FALSE, FALSE, sizeof (PinClaim), pins->len);

  for (guint i = 0; i < pins->len; i++)
    {
      keys[i].key = g_array_index (pins, PinClaim, i).start;
      keys[i].index = i;
    }
  pw_keysort (keys, pins->len);
  for (guint i = 0; i < pins->len; i++)
    g_array_append_val (out, g_array_index (pins, PinClaim, keys[i].index));
  return out;
}

/* Claims the frames pinned by `map` entries.  Frames no other pin claimed
 * are taken (they must be free, or hold a frame image); frames another pin
 * claimed are shared.  Whether a frame is acceptable does not depend on the
 * order of the pins, so they are swept in frame order (ranges taken in
 * ascending order, never quadratic), and the error reported is the one the
 * file order meets first: the earliest pin outside memory or covering a
 * frame already used (by a root table). */
gboolean
pwk_claim_pins (PwMachine     *m,
                const GArray  *images,
                GError       **error)
{
  const PwScenario *sc = m->sc;
  const PwArch *a = m->arch;
  g_autoptr(GArray) in_file = g_array_new (FALSE, FALSE, sizeof (PinClaim));
  g_autoptr(GArray) pins = NULL;   /* by start */
  g_autoptr(GArray) bad = g_array_new (FALSE, FALSE, sizeof (guint64) * 2);  /* runs, ascending */
  const PwMapSpec *outside = NULL;
  const PwMapSpec *used = NULL;
  guint used_index = G_MAXUINT;
  guint64 covered = 0;
  guint index = 0;

  for (guint i = 0; i < sc->processes->len && outside == NULL; i++)
    {
      const PwProcessSpec *ps = sc->processes->pdata[i];
      for (guint j = 0; j < ps->maps->len; j++)
        {
          const PwMapSpec *ms = &g_array_index (ps->maps, PwMapSpec, j);
          guint64 per = ms->size >> a->page_shift;
          PinClaim c;
          if (ms->on_disk)
            continue;
          if ((ms->pages != 0 && per > G_MAXUINT64 / ms->pages)
              || ms->frame >= m->n_frames || ms->pages * per > m->n_frames - ms->frame)
            {
              /* pins after it are never reached */
              outside = ms;
              break;
            }
          c.start = ms->frame;
          c.end = ms->frame + ms->pages * per;
          c.index = index++;
          c.ms = ms;
          if (c.end > c.start)
            g_array_append_val (in_file, c);
        }
    }
  pins = pins_sorted (in_file);
  for (guint k = 0; k < pins->len; k++)
    {
      const PinClaim *c = &g_array_index (pins, PinClaim, k);
      guint64 f = MAX (c->start, covered);
      while (f < c->end)
        {
          guint64 rs, rc, e;
          guint at;
          if (pw_ranges_find (m->free, f, &rs, &rc))
            {
              e = rc >= c->end - rs ? c->end : rs + rc;
              pw_ranges_take (m->free, f, e - f);
              f = e;
              continue;
            }
          /* [f, e) is in use: fine where frame images lie, else a bad run */
          e = MIN (c->end, rs);
          image_find (images, f, &at);
          while (f < e)
            {
              guint64 next = at < images->len ? MIN (e, g_array_index (images, guint64, at)) : e;
              if (next > f)
                {
                  guint64 run[2] = { f, next };
                  g_array_append_val (bad, run);
                }
              f = next + 1;
              at++;
            }
          f = e;
        }
      covered = MAX (covered, c->end);
    }
  if (bad->len > 0)
    {
      /* the earliest pin in the file that covers a bad frame */
      for (guint k = 0; k < pins->len; k++)
        {
          const PinClaim *c = &g_array_index (pins, PinClaim, k);
          guint lo = 0, hi = bad->len;
          while (lo < hi)
            {
              guint mid = lo + (hi - lo) / 2;
              if (g_array_index (bad, guint64, 2 * mid + 1) <= c->start)
                lo = mid + 1;
              else
                hi = mid;
            }
          if (lo < bad->len && g_array_index (bad, guint64, 2 * lo) < c->end
              && c->index < used_index)
            {
              used = c->ms;
              used_index = c->index;
            }
        }
    }
  if (used != NULL)
    {
      g_set_error (error, PW_ERROR, PW_ERROR_VALUE, "%s: %s.frame: %s", sc->filename,
                   used->path, _("the frame is already used by a root table"));
      return FALSE;
    }
  if (outside != NULL)
    {
      g_set_error (error, PW_ERROR, PW_ERROR_VALUE, "%s: %s.frame: %s", sc->filename,
                   outside->path, _("the frame is outside physical memory"));
      return FALSE;
    }
  return TRUE;
}

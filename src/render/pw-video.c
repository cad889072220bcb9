/* pw-video.c: animations of steps or of a translation, as WebM or GIF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-render"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <gst/gst.h>
#include <gst/app/gstappsrc.h>
#include <gif_lib.h>

#include "pw-number.h"
#include "pw-render-export.h"
#include "pw-render-steps.h"
#include "pw-video.h"

void
pw_video_options_init (PwVideoOptions *vo,
                       const PwRun    *run)
{
  guint n = pw_run_n_steps (run);

  *vo = (PwVideoOptions) {
    .view = PW_VIEW_OVERVIEW,
    .theme = PW_THEME_LIGHT,
    .width = 1280,
    .fps = 25,
    .hold = 1.0,
    .first = 0,
    .last = n > 0 ? n - 1 : 0,
    .access = PW_ACCESS_READ,
    .mode = PW_MODE_USER,
  };
}

gboolean
pw_video_format_from_name (const char    *path,
                           PwVideoFormat *out)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (path != NULL && out != NULL, FALSE);

  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".webm"))
    *out = PW_VIDEO_WEBM;
  else if (g_str_has_suffix (lower, ".gif"))
    *out = PW_VIDEO_GIF;
  else
    return FALSE;
  return TRUE;
}

static gboolean
gst_ready (GError **error)
{
  static gsize done;
  static GError *init_error;

  if (g_once_init_enter (&done))
    {
      gst_init_check (NULL, NULL, &init_error);
      g_once_init_leave (&done, 1);
    }
  if (init_error != NULL)
    {
      g_set_error (error, PW_ERROR, PW_ERROR_IO, "GStreamer: %s", init_error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
pw_video_format_available (PwVideoFormat   format,
                           GError        **error)
{
  static const char *const webm[] = { "appsrc", "videoconvert", "vp8enc", "webmmux", "fdsink" };

  if (format == PW_VIDEO_GIF)
    return TRUE;
  if (!gst_ready (error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (webm); i++)
    {
      g_autoptr(GstElementFactory) f = gst_element_factory_find (webm[i]);

      if (f == NULL)
        {
          /* Translators: a GStreamer element's name (vp8enc...) */
          g_set_error (error, PW_ERROR, PW_ERROR_IO,
                       _("GStreamer's %s element is missing (Debian: gstreamer1.0-plugins-good and gstreamer1.0-plugins-base)"),
                       webm[i]);
          return FALSE;
        }
    }
  return TRUE;
}

/* ---- the frames ----------------------------------------------------------- */

/* Walks the frames of an animation: for each step (or the one translation)
 * its options and machine, and the number of frames it takes. */
typedef struct
{
  PwRun                *run;
  const PwVideoOptions *vo;
  PwStepCursor          cursor;
  PwMachine            *fixed;       /* translate: the machine after @at */
  PwRenderOptions       o;
  guint64               left;        /* steps left */
  double                duration;    /* of the current part */
  guint64               n_frames;    /* of the current part */
} Frames;

static guint64
part_frames (const PwVideoOptions *vo,
             double                duration)
{
  double motion = vo->reduced_motion ? 0 : duration;
  guint64 n = (guint64) ceil ((motion + vo->hold) * vo->fps - 1e-9);

  return MAX (n, 1);
}

static gboolean
frames_init (Frames               *f,
             PwRun                *run,
             const PwVideoOptions *vo,
             GCancellable         *cancellable,
             GError              **error)
{
  *f = (Frames) { .run = run, .vo = vo };
  pw_render_options_init (&f->o);
  f->o.view = vo->view;
  f->o.theme = vo->theme;
  f->o.reduced_motion = vo->reduced_motion;
  if (vo->translate)
    {
      guint pid;

      if (!pw_step_cursor_init (&f->cursor, run, vo->at, cancellable, error))
        return FALSE;
      f->fixed = f->cursor.m;
      pid = vo->pid ? vo->pid : pw_machine_default_pid (f->fixed);
      if (!pw_machine_translate (f->fixed, pid, vo->va, vo->access, vo->mode, &f->o.walk, error))
        {
          pw_step_cursor_clear (&f->cursor);
          return FALSE;
        }
      f->o.has_walk = TRUE;
      f->o.walk_pid = pid;
      f->o.pid = vo->pid;
      f->left = 1;
      return TRUE;
    }
  if (vo->first > vo->last || vo->last >= pw_run_n_positions (run))
    {
      g_set_error_literal (error, PW_ERROR, PW_ERROR_VALUE, _("there is no step to animate"));
      return FALSE;
    }
  if (!pw_step_cursor_init (&f->cursor, run, vo->first, cancellable, error))
    return FALSE;
  f->left = vo->last - vo->first + 1;
  return TRUE;
}

/* Moves to the next part (step); FALSE when there is none. */
static gboolean
frames_next_part (Frames *f)
{
  if (f->left == 0)
    return FALSE;
  f->left--;
  if (f->fixed == NULL)
    {
      pw_step_cursor_next (&f->cursor);
      pw_step_cursor_options (&f->cursor, &f->o);
    }
  f->duration = (f->o.has_walk || f->o.event)
                ? pw_render_walk_duration (f->o.has_walk ? &f->o.walk : NULL, f->o.event) : 0;
  f->n_frames = part_frames (f->vo, f->duration);
  return TRUE;
}

/* The options of frame @i of the current part. */
static const PwRenderOptions *
frames_options (Frames  *f,
                guint64  i)
{
  double t = (double) i / f->vo->fps;

  f->o.t = f->vo->reduced_motion || t >= f->duration ? PW_RENDER_T_FINAL : t;
  return &f->o;
}

static void
frames_clear (Frames *f)
{
  pw_step_cursor_clear (&f->cursor);
  f->fixed = NULL;
}

gboolean
pw_video_plan (PwRun                *run,
               const PwVideoOptions *vo,
               guint64              *n_frames,
               guint                *width,
               guint                *height,
               GCancellable         *cancellable,
               GError              **error)
{
  Frames f;
  double tallest = 0;
  guint64 n = 0;

  g_return_val_if_fail (vo->fps >= 1 && vo->fps <= 60 && vo->width >= 16, FALSE);

  if (!frames_init (&f, run, vo, cancellable, error))
    return FALSE;
  while (frames_next_part (&f))
    {
      double h;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          frames_clear (&f);
          return FALSE;
        }
      n += f.n_frames;
      if (vo->height == 0)
        {
          pw_render_measure (f.cursor.m, frames_options (&f, f.n_frames), vo->width, &h);
          tallest = MAX (tallest, h);
        }
    }
  frames_clear (&f);
  *n_frames = n;
  *width = (vo->width + 1) & ~1u;
  *height = vo->height > 0 ? vo->height : (guint) ceil (tallest);
  *height = MAX (*height, 16);
  *height = (*height + 1) & ~1u;
  return TRUE;
}

/* ---- the encoders ---------------------------------------------------------- */

typedef struct Encoder Encoder;
struct Encoder
{
  gboolean (*frame)  (Encoder *e, cairo_surface_t *s, guint64 i, GError **error);
  gboolean (*finish) (Encoder *e, gboolean ok, GError **error);
  guint         width, height, fps;
  PwExportTmp  *tmp;
  /* WebM */
  GstElement   *pipeline;
  GstElement   *src;
  /* GIF */
  GifFileType  *gif;
  GifByteType  *r, *g, *b, *pixels;
};

static gboolean
pipeline_error (Encoder  *e,
                GError  **error)
{
  g_autoptr(GstBus) bus = gst_element_get_bus (e->pipeline);
  g_autoptr(GstMessage) msg = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR);

  if (msg == NULL)
    return FALSE;
  if (error != NULL)
    {
      g_autoptr(GError) gerr = NULL;
      gst_message_parse_error (msg, &gerr, NULL);
      g_set_error (error, PW_ERROR, PW_ERROR_IO, "GStreamer: %s", gerr->message);
    }
  return TRUE;
}

static gboolean
webm_frame (Encoder         *e,
            cairo_surface_t *s,
            guint64          i,
            GError         **error)
{
  gsize size = (gsize) e->width * e->height * 4;
  GstBuffer *buf = gst_buffer_new_allocate (NULL, size, NULL);
  const guchar *data = cairo_image_surface_get_data (s);
  int stride = cairo_image_surface_get_stride (s);
  GstMapInfo map;

  cairo_surface_flush (s);
  gst_buffer_map (buf, &map, GST_MAP_WRITE);
  for (guint y = 0; y < e->height; y++)
    memcpy (map.data + (gsize) y * e->width * 4, data + (gsize) y * stride, (gsize) e->width * 4);
  gst_buffer_unmap (buf, &map);
  GST_BUFFER_PTS (buf) = gst_util_uint64_scale (i, GST_SECOND, e->fps);
  GST_BUFFER_DURATION (buf) = gst_util_uint64_scale (i + 1, GST_SECOND, e->fps) - GST_BUFFER_PTS (buf);
  if (gst_app_src_push_buffer (GST_APP_SRC (e->src), buf) != GST_FLOW_OK)
    {
      if (!pipeline_error (e, error))
        g_set_error_literal (error, PW_ERROR, PW_ERROR_IO, _("the video encoder stopped"));
      return FALSE;
    }
  return !pipeline_error (e, error);
}

static gboolean
webm_finish (Encoder   *e,
             gboolean   ok,
             GError   **error)
{
  if (ok)
    {
      g_autoptr(GstBus) bus = gst_element_get_bus (e->pipeline);
      g_autoptr(GstMessage) msg = NULL;

      gst_app_src_end_of_stream (GST_APP_SRC (e->src));
      msg = gst_bus_timed_pop_filtered (bus, GST_CLOCK_TIME_NONE,
                                        GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
      if (msg != NULL && GST_MESSAGE_TYPE (msg) == GST_MESSAGE_ERROR)
        {
          g_autoptr(GError) gerr = NULL;
          gst_message_parse_error (msg, &gerr, NULL);
          g_set_error (error, PW_ERROR, PW_ERROR_IO, "GStreamer: %s", gerr->message);
          ok = FALSE;
        }
    }
  gst_element_set_state (e->pipeline, GST_STATE_NULL);
  gst_clear_object (&e->src);
  gst_clear_object (&e->pipeline);
  return ok;
}

static gboolean
webm_open (Encoder  *e,
           GError  **error)
{
  g_autoptr(GstCaps) caps = NULL;
  g_autoptr(GstElement) sink = NULL;
  g_autoptr(GError) gerr = NULL;
  g_autofree char *desc = NULL;
  /* about 0.12 bits a pixel: text stays sharp, a minute of a
   * 1280x800 animation is a few megabytes (still frames cost little) */
  guint kbits = (guint) MIN (20000.0, MAX (500.0, e->width * (double) e->height * e->fps * 0.12 / 1000));

  if (!pw_video_format_available (PW_VIDEO_WEBM, error))
    return FALSE;
  desc = g_strdup_printf ("appsrc name=src format=time block=true max-bytes=%u ! videoconvert ! "
                          "video/x-raw,format=I420 ! vp8enc deadline=1 cpu-used=4 threads=2 "
                          "target-bitrate=%u keyframe-max-dist=%u ! webmmux ! fdsink name=sink",
                          e->width * e->height * 4 * 4, kbits * 1000, e->fps * 2);
  e->pipeline = gst_parse_launch (desc, &gerr);
  if (e->pipeline == NULL || gerr != NULL)
    {
      g_set_error (error, PW_ERROR, PW_ERROR_IO, "GStreamer: %s", gerr ? gerr->message : desc);
      gst_clear_object (&e->pipeline);
      return FALSE;
    }
  e->src = gst_bin_get_by_name (GST_BIN (e->pipeline), "src");
  sink = gst_bin_get_by_name (GST_BIN (e->pipeline), "sink");
  g_object_set (sink, "fd", pw_export_tmp_fd (e->tmp), "sync", FALSE, NULL);
  caps = gst_caps_new_simple ("video/x-raw",
                              /* cairo's ARGB32 is BGRA in memory on little-endian machines */
                              "format", G_TYPE_STRING, G_BYTE_ORDER == G_LITTLE_ENDIAN ? "BGRA" : "ARGB",
                              "width", G_TYPE_INT, (int) e->width,
                              "height", G_TYPE_INT, (int) e->height,
                              "framerate", GST_TYPE_FRACTION, (int) e->fps, 1,
                              "pixel-aspect-ratio", GST_TYPE_FRACTION, 1, 1,
                              NULL);
  gst_app_src_set_caps (GST_APP_SRC (e->src), caps);
  if (gst_element_set_state (e->pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    {
      if (!pipeline_error (e, error))
        g_set_error_literal (error, PW_ERROR, PW_ERROR_IO, _("the video encoder cannot start"));
      webm_finish (e, FALSE, NULL);
      return FALSE;
    }
  e->frame = webm_frame;
  e->finish = webm_finish;
  return TRUE;
}

static gboolean
gif_failed (int       code,
            GError  **error)
{
  g_set_error (error, PW_ERROR, PW_ERROR_IO, "GIF: %s", GifErrorString (code));
  return FALSE;
}

static gboolean
gif_frame (Encoder         *e,
           cairo_surface_t *s,
           guint64          i,
           GError         **error)
{
  const guchar *data = cairo_image_surface_get_data (s);
  int stride = cairo_image_surface_get_stride (s);
  gsize n = (gsize) e->width * e->height;
  GifColorType colours[256];
  int n_colours = 256;
  ColorMapObject *map;
  GraphicsControlBlock gcb = { 0 };
  GifByteType ext[4];
  /* GIF counts delays in hundredths: spread the rounding over the frames */
  int delay = (int) (llround ((i + 1) * 100.0 / e->fps) - llround (i * 100.0 / e->fps));

  cairo_surface_flush (s);
  for (guint y = 0; y < e->height; y++)
    {
      const guint32 *row = (const guint32 *) (data + (gsize) y * stride);
      for (guint x = 0; x < e->width; x++)
        {
          gsize k = (gsize) y * e->width + x;
          /* opaque: the renderer paints its background first */
          e->r[k] = (row[x] >> 16) & 0xff;
          e->g[k] = (row[x] >> 8) & 0xff;
          e->b[k] = row[x] & 0xff;
        }
    }
  if (GifQuantizeBuffer (e->width, e->height, &n_colours, e->r, e->g, e->b, e->pixels, colours) == GIF_ERROR)
    return gif_failed (E_GIF_ERR_NOT_ENOUGH_MEM, error);
  map = GifMakeMapObject (256, colours);
  if (map == NULL)
    return gif_failed (E_GIF_ERR_NOT_ENOUGH_MEM, error);
  gcb.DisposalMode = DISPOSE_DO_NOT;
  gcb.DelayTime = MAX (delay, 1);
  gcb.TransparentColor = NO_TRANSPARENT_COLOR;
  EGifGCBToExtension (&gcb, ext);
  if (EGifPutExtension (e->gif, GRAPHICS_EXT_FUNC_CODE, 4, ext) == GIF_ERROR
      || EGifPutImageDesc (e->gif, 0, 0, (int) e->width, (int) e->height, false, map) == GIF_ERROR)
    {
      GifFreeMapObject (map);
      return gif_failed (e->gif->Error, error);
    }
  GifFreeMapObject (map);
  for (guint y = 0; y < e->height; y++)
    if (EGifPutLine (e->gif, e->pixels + (gsize) y * e->width, (int) e->width) == GIF_ERROR)
      return gif_failed (e->gif->Error, error);
  (void) n;
  return TRUE;
}

static gboolean
gif_finish (Encoder   *e,
            gboolean   ok,
            GError   **error)
{
  int code = 0;

  if (e->gif != NULL && EGifCloseFile (e->gif, &code) == GIF_ERROR && ok)
    ok = gif_failed (code, error);
  /* EGifCloseFile() closed the descriptor, whatever it returned */
  pw_export_tmp_forget_fd (e->tmp);
  e->gif = NULL;
  g_clear_pointer (&e->r, g_free);
  g_clear_pointer (&e->g, g_free);
  g_clear_pointer (&e->b, g_free);
  g_clear_pointer (&e->pixels, g_free);
  return ok;
}

static gboolean
gif_open (Encoder  *e,
          GError  **error)
{
  static const GifByteType loop[3] = { 1, 0, 0 };   /* loop for ever */
  gsize n = (gsize) e->width * e->height;
  int code = 0;

  e->gif = EGifOpenFileHandle (pw_export_tmp_fd (e->tmp), &code);
  if (e->gif == NULL)
    return gif_failed (code, error);
  e->frame = gif_frame;
  e->finish = gif_finish;
  e->r = g_malloc (n);
  e->g = g_malloc (n);
  e->b = g_malloc (n);
  e->pixels = g_malloc (n);
  EGifSetGifVersion (e->gif, true);
  if (EGifPutScreenDesc (e->gif, (int) e->width, (int) e->height, 8, 0, NULL) == GIF_ERROR
      || EGifPutExtensionLeader (e->gif, APPLICATION_EXT_FUNC_CODE) == GIF_ERROR
      || EGifPutExtensionBlock (e->gif, 11, "NETSCAPE2.0") == GIF_ERROR
      || EGifPutExtensionBlock (e->gif, 3, loop) == GIF_ERROR
      || EGifPutExtensionTrailer (e->gif) == GIF_ERROR)
    {
      gif_failed (e->gif->Error, error);
      gif_finish (e, FALSE, NULL);
      return FALSE;
    }
  return TRUE;
}

/* ---- the file ------------------------------------------------------------------ */

gboolean
pw_video_export (const char           *path,
                 PwVideoFormat         format,
                 PwRun                *run,
                 const PwVideoOptions *vo,
                 GCancellable         *cancellable,
                 PwProgressFunc        progress,
                 gpointer              user_data,
                 GError              **error)
{
  Encoder e = { 0 };
  Frames f;
  cairo_surface_t *s = NULL;
  guint64 n_frames, done = 0;
  gboolean ok = FALSE, opened;

  g_return_val_if_fail (path != NULL && run != NULL && vo != NULL, FALSE);

  if (!pw_video_format_available (format, error)
      || !pw_video_plan (run, vo, &n_frames, &e.width, &e.height, cancellable, error))
    return FALSE;
  e.fps = vo->fps;
  if (!frames_init (&f, run, vo, cancellable, error))
    return FALSE;
  e.tmp = pw_export_tmp_open (path, error);
  if (e.tmp == NULL)
    {
      frames_clear (&f);
      return FALSE;
    }
  opened = format == PW_VIDEO_WEBM ? webm_open (&e, error) : gif_open (&e, error);
  if (!opened)
    goto out;

  s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) e.width, (int) e.height);
  while (frames_next_part (&f))
    for (guint64 i = 0; i < f.n_frames; i++)
      {
        cairo_t *cr;

        if (g_cancellable_set_error_if_cancelled (cancellable, error))
          goto finish;
        cr = cairo_create (s);
        pw_render_draw (cr, f.cursor.m, frames_options (&f, i), e.width, e.height, NULL);
        cairo_destroy (cr);
        if (!e.frame (&e, s, done, error))
          goto finish;
        done++;
        if (progress)
          progress (done, n_frames, user_data);
      }
  ok = TRUE;

finish:
  ok = e.finish (&e, ok, ok ? error : NULL) && ok;
out:
  if (s != NULL)
    cairo_surface_destroy (s);
  frames_clear (&f);
  return pw_export_tmp_close (e.tmp, ok, ok ? error : NULL) && ok;
}

/* pw-render-export.c: a view written to a PNG, SVG or PDF file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-render"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>

#include "pw-number.h"
#include "pw-render-export.h"

gboolean
pw_export_format_from_name (const char     *path,
                            PwExportFormat *out)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (path != NULL && out != NULL, FALSE);

  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".png"))
    *out = PW_EXPORT_PNG;
  else if (g_str_has_suffix (lower, ".svg"))
    *out = PW_EXPORT_SVG;
  else if (g_str_has_suffix (lower, ".pdf"))
    *out = PW_EXPORT_PDF;
  else
    return FALSE;
  return TRUE;
}

/* Every byte goes through write(2) on the temporary file, so that a full
 * disk or any other write error is seen (cairo's own file output does not
 * report a failure to flush when it closes the file). */
typedef struct
{
  int fd;
  int err;   /* errno of the first failure, 0 if none */
} Sink;

static cairo_status_t
sink_write (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  Sink *k = closure;

  while (length > 0 && k->err == 0)
    {
      ssize_t n = write (k->fd, data, length);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          k->err = n < 0 ? errno : EIO;
          break;
        }
      data += n;
      length -= (unsigned int) n;
    }
  return k->err == 0 ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/* Draws into the temporary file @fd (closed here). */
static gboolean
write_file (int                     fd,
            PwExportFormat          fmt,
            PwMachine              *m,
            const PwRenderOptions  *o,
            double                  width,
            double                  height,
            const char             *title,
            GError                **error)
{
  cairo_surface_t *s = NULL;
  cairo_t *cr;
  cairo_status_t st;
  Sink sink = { fd, 0 };

  switch (fmt)
    {
    case PW_EXPORT_PNG:
      s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (width * o->scale),
                                      (int) ceil (height * o->scale));
      break;
    case PW_EXPORT_SVG:
      s = cairo_svg_surface_create_for_stream (sink_write, &sink, width, height);
      break;
    case PW_EXPORT_PDF:
    default:
      s = cairo_pdf_surface_create_for_stream (sink_write, &sink, width, height);
      cairo_pdf_surface_set_metadata (s, CAIRO_PDF_METADATA_TITLE, title);
      cairo_pdf_surface_set_metadata (s, CAIRO_PDF_METADATA_CREATOR, "Pagewalk " PACKAGE_VERSION);
      break;
    }
  st = cairo_surface_status (s);
  if (st == CAIRO_STATUS_SUCCESS)
    {
      cr = cairo_create (s);
      if (fmt == PW_EXPORT_PNG)
        cairo_scale (cr, o->scale, o->scale);
      pw_render_draw (cr, m, o, width, height, NULL);
      st = cairo_status (cr);
      cairo_destroy (cr);
      if (st == CAIRO_STATUS_SUCCESS && fmt == PW_EXPORT_PNG)
        st = cairo_surface_write_to_png_stream (s, sink_write, &sink);
      cairo_surface_finish (s);
      if (st == CAIRO_STATUS_SUCCESS)
        st = cairo_surface_status (s);
    }
  cairo_surface_destroy (s);
  if (close (fd) != 0 && sink.err == 0)
    sink.err = errno;
  if (sink.err != 0)
    {
      g_set_error_literal (error, PW_ERROR, PW_ERROR_IO, g_strerror (sink.err));
      return FALSE;
    }
  if (st != CAIRO_STATUS_SUCCESS)
    {
      g_set_error_literal (error, PW_ERROR, PW_ERROR_IO, cairo_status_to_string (st));
      return FALSE;
    }
  return TRUE;
}

gboolean
pw_render_export (const char             *path,
                  PwExportFormat          format,
                  PwMachine              *m,
                  const PwRenderOptions  *o,
                  double                  width,
                  double                  height,
                  const char             *title,
                  GError                **error)
{
  g_autofree char *tmp = NULL;
  mode_t mask;
  int fd;

  g_return_val_if_fail (path != NULL && m != NULL && o != NULL, FALSE);

  /* a temporary file beside the output, renamed when complete */
  tmp = g_strdup_printf ("%s.tmp-XXXXXX", path);
  fd = g_mkstemp (tmp);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error_literal (error, PW_ERROR, PW_ERROR_IO, g_strerror (saved));
      return FALSE;
    }
  /* g_mkstemp() makes the file private; give it the usual permissions */
  mask = umask (0);
  umask (mask);
  if (fchmod (fd, 0666 & ~mask) != 0)
    g_debug ("%s: fchmod: %s", tmp, g_strerror (errno));
  if (!write_file (fd, format, m, o, width, height, title ? title : "Pagewalk", error))
    {
      g_unlink (tmp);
      return FALSE;
    }
  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;
      g_unlink (tmp);
      g_set_error_literal (error, PW_ERROR, PW_ERROR_IO, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

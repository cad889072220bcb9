/* pw-render-export.h: a view written to a PNG, SVG or PDF file
 *
 * Shared by `pagewalk-cli export` and the app's Export.  The file is drawn
 * into a temporary file beside the output (OUT.tmp-XXXXXX) and renamed when
 * complete, so a failed export never leaves a broken file behind.  Safe to
 * call from a worker thread on a machine no other thread uses.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include <cairo.h>

#include "pw-render.h"

G_BEGIN_DECLS

typedef enum
{
  PW_EXPORT_PNG,
  PW_EXPORT_SVG,
  PW_EXPORT_PDF,
} PwExportFormat;

/* The format named by @path's extension (.png, .svg, .pdf, any case). */
gboolean  pw_export_format_from_name (const char            *path,
                                      PwExportFormat        *out);

/* Draws @o->view at @width × @height (PNG: times @o->scale pixels) into
 * @path.  @title goes into the PDF's metadata.  On failure, FALSE and
 * @error (PW_ERROR_IO) says why, without the path; nothing is left behind. */
gboolean  pw_render_export           (const char            *path,
                                      PwExportFormat         format,
                                      PwMachine             *m,
                                      const PwRenderOptions *o,
                                      double                 width,
                                      double                 height,
                                      const char            *title,
                                      GError               **error);

/* ---- files written whole or not at all ------------------------------------
 *
 * A temporary file beside the output (OUT.tmp-XXXXXX), renamed over it when
 * complete; unlinked on failure and when SIGINT, SIGTERM or SIGHUP end the
 * process while it exists.  Every writer of an output file uses this: the
 * views, the handouts, the animations. */
typedef struct _PwExportTmp PwExportTmp;

/* Creates the temporary for @path; NULL and @error (PW_ERROR_IO) on failure. */
PwExportTmp *pw_export_tmp_open      (const char            *path,
                                      GError               **error);
/* The temporary's file descriptor, open for writing. */
int          pw_export_tmp_fd        (const PwExportTmp     *t);
/* A cairo_write_func_t writing to the temporary (closure: the
 * PwExportTmp); a failure is kept and reported by pw_export_tmp_close(). */
cairo_status_t pw_export_tmp_write   (void                  *closure,
                                      const unsigned char   *data,
                                      unsigned int           length);
/* The caller closed the descriptor itself. */
void         pw_export_tmp_forget_fd (PwExportTmp           *t);
/* Closes the descriptor; when @keep, renames the temporary over the output
 * (FALSE and @error if that fails), else removes it.  Frees @t. */
gboolean     pw_export_tmp_close     (PwExportTmp           *t,
                                      gboolean               keep,
                                      GError               **error);

/* Title and creator of a PDF; its dates from SOURCE_DATE_EPOCH when that is
 * set (reproducible output), else cairo's: the time of writing. */
void         pw_export_pdf_metadata  (cairo_surface_t       *pdf,
                                      const char            *title);

G_END_DECLS

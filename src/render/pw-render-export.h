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

G_END_DECLS

/* pw-trace.h: memory traces (valgrind lackey, plain, pages), streamed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "pw-mmu.h"

G_BEGIN_DECLS

typedef enum
{
  PW_TRACE_AUTO,
  PW_TRACE_LACKEY,   /* "I  04016e1,3", " L 1ffefffd60,8", " S ...", " M ..." */
  PW_TRACE_PLAIN,    /* "[PID] r|w|x ADDRESS", '#' comments */
  PW_TRACE_PAGES,    /* one virtual page number a line: reads */
} PwTraceFormat;

typedef struct _PwTrace PwTrace;

typedef struct
{
  guint    pid;      /* 0: the current process */
  PwAccess access;
  guint64  va;       /* PAGES: the page number, times the page size by the caller */
  gboolean is_page;  /* va holds a page number */
} PwTraceAccess;

gboolean       pw_trace_format_from_string (const char     *s,
                                            PwTraceFormat  *out);
PwTrace       *pw_trace_open               (const char     *path,
                                            PwTraceFormat   format,
                                            GError        **error);
void           pw_trace_free               (PwTrace        *trace);
PwTraceFormat  pw_trace_format             (const PwTrace  *trace);
/* Next access: TRUE with @out filled, FALSE at the end (error NULL) or on a
 * bad line (error set, "FILE:LINE: message"). */
gboolean       pw_trace_next               (PwTrace        *trace,
                                            PwTraceAccess  *out,
                                            GError        **error);
/* Back to the first access. */
gboolean       pw_trace_rewind             (PwTrace        *trace,
                                            GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwTrace, pw_trace_free)

G_END_DECLS

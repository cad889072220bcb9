/* fuzz-trace.c: libFuzzer target for the trace readers
 *
 * Every input is written to a temporary file (pw-trace.h reads files) and
 * read to its end as a trace in each format: auto, lackey, plain and pages,
 * then rewound and read again, which must give the same accesses.  Whatever
 * happens, reading must end at the end of the file or with one GError whose
 * message is one short line; a crash, a sanitizer report, a leak or a GLib
 * critical or warning is a bug.
 *
 * Build: CC=clang meson setup _build-fuzz -Dfuzzing=true
 * Run:   _build-fuzz/tests/fuzz/fuzz-trace CORPUS_COPY/ -dict=tests/fuzz/trace.dict
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pagewalk-fuzz"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "pw-number.h"
#include "pw-trace.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static char *trace_path;

static void
remove_trace (void)
{
  if (trace_path != NULL)
    g_unlink (trace_path);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_always_fatal (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  trace_path = g_strdup_printf ("%s/pw-fuzz-trace-%d.trace", g_get_tmp_dir (), (int) getpid ());
  atexit (remove_trace);
  return 0;
}

/* A message is one line: the path, a line number, at most a short quote. */
static void
check_message (const GError *error)
{
  g_assert (error != NULL && error->message != NULL);
  g_assert (g_str_has_prefix (error->message, trace_path));
  g_assert (strlen (error->message) < strlen (trace_path) + 300);
  for (const char *p = error->message; *p; p++)
    g_assert ((guchar) *p >= 0x20 && *p != 0x7f);
}

/* Reads up to @max accesses; returns how many, and the error if any. */
static guint
read_all (PwTrace        *trace,
          PwTraceAccess  *first,
          guint           max,
          GError        **error)
{
  PwTraceAccess a;
  guint n = 0;

  while (pw_trace_next (trace, &a, error))
    {
      g_assert (a.access == PW_ACCESS_READ || a.access == PW_ACCESS_WRITE
                || a.access == PW_ACCESS_EXEC);
      if (n < max)
        first[n] = a;
      n++;
    }
  return n;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static const PwTraceFormat formats[] = {
    PW_TRACE_AUTO, PW_TRACE_LACKEY, PW_TRACE_PLAIN, PW_TRACE_PAGES };
  g_autoptr(GError) werr = NULL;

  /* no fsync, no rename: a plain write is enough here and much faster */
  if (!g_file_set_contents_full (trace_path, (const char *) data, (gssize) size,
                                 G_FILE_SET_CONTENTS_NONE, 0600, &werr))
    g_error ("cannot write %s: %s", trace_path, werr->message);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) again_error = NULL;
      g_autoptr(PwTrace) trace = pw_trace_open (trace_path, formats[i], &error);
      PwTraceAccess first[4], again[4];
      guint n, m;

      g_assert (trace != NULL && error == NULL);
      if (formats[i] != PW_TRACE_AUTO)
        g_assert (pw_trace_format (trace) == formats[i]);
      n = read_all (trace, first, G_N_ELEMENTS (first), &error);
      if (error != NULL)
        check_message (error);

      /* the same accesses, and the same end, after a rewind */
      g_assert (pw_trace_rewind (trace, NULL));
      m = read_all (trace, again, G_N_ELEMENTS (again), &again_error);
      g_assert (m == n);
      g_assert ((error == NULL) == (again_error == NULL));
      if (error != NULL)
        g_assert (g_str_equal (error->message, again_error->message));
      for (guint j = 0; j < MIN (n, G_N_ELEMENTS (first)); j++)
        g_assert (memcmp (&first[j], &again[j], sizeof first[j]) == 0);
    }
  return 0;
}

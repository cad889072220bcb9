/* fuzz-number.c: libFuzzer target for the number and step parsers
 *
 * The input, made a C string at its first NUL, goes to pw_number_parse_full()
 * and pw_step_parse_string(), and the raw bytes to pw_quote().  A number
 * that parses must parse again, to the same value, from its hex form; a
 * failure must carry one short message line with no control character;
 * pw_quote() must stay within its limit.  A crash, a sanitizer report, a
 * leak or a GLib critical or warning is a bug.
 *
 * Build: CC=clang meson setup _build-fuzz -Dfuzzing=true
 * Run:   _build-fuzz/tests/fuzz/fuzz-number CORPUS_COPY/
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pagewalk-fuzz"

#include "config.h"

#include <string.h>

#include <glib.h>

#include "pw-number.h"
#include "pw-number-private.h"
#include "pw-scenario.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_always_fatal (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

static void
check_line (const char *message,
            gsize       max)
{
  g_assert (message != NULL);
  g_assert (strlen (message) <= max);
  for (const char *p = message; *p; p++)
    g_assert ((guchar) *p >= 0x20 && *p != 0x7f);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autofree char *quoted = pw_quote ((const char *) data, (gssize) size);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) step_error = NULL;
  guint64 value = 0;
  gboolean overflow = FALSE;
  PwStep step;

  /* “ + at most PW_QUOTE_MAX columns (a character takes up to 4 bytes) + …” */
  check_line (quoted, 3 + 4 * PW_QUOTE_MAX + 6);

  if (pw_number_parse_full (text, &value, &overflow, &error))
    {
      g_autofree char *hex = pw_hex (value);
      guint64 back = 0;

      g_assert (error == NULL && !overflow);
      g_assert (pw_number_parse (hex, &back, NULL));
      g_assert (back == value);
    }
  else
    {
      g_assert (error != NULL && error->domain == PW_ERROR);
      check_line (error->message, 400);
    }

  memset (&step, 0, sizeof step);
  if (pw_step_parse_string (text, &step, &step_error))
    {
      g_assert (step_error == NULL);
      g_assert (step.kind == PW_STEP_ACCESS || step.kind == PW_STEP_SWITCH);
      if (step.kind == PW_STEP_SWITCH)
        g_assert (step.pid != 0);
      g_assert (step.spawn == NULL && step.path == NULL);
    }
  else
    {
      g_assert (step_error != NULL);
      check_line (step_error->message, 400);
    }
  return 0;
}

/* fuzz-scenario.c: libFuzzer target for the scenario loader
 *
 * Every input is handed to pw_scenario_load_data() exactly as libFuzzer gives
 * it (not NUL-terminated, so AddressSanitizer sees any read past the end).
 * The loader parses and then sets up a machine, so the kernel's set-up code
 * is fuzzed as well.  Whatever happens, the input must either load or fail
 * with a GError; a crash, a sanitizer report, a leak or a GLib critical or
 * warning is a bug.
 *
 * Build: CC=clang meson setup _build-fuzz -Dfuzzing=true
 * Run:   _build-fuzz/tests/fuzz/fuzz-scenario CORPUS_COPY/ -dict=tests/fuzz/scenario.dict
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pagewalk-fuzz"

#include "config.h"

#include <glib.h>

#include "pw-scenario.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  /* A critical means a g_return_if_fail() tripped inside the engine, a
   * warning a case the loader should have reported as an error. */
  g_log_set_always_fatal (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwScenario) scenario = NULL;

  scenario = pw_scenario_load_data ((const char *) data, size, "fuzz.pagewalk", &error);

  /* Exactly one of the two: a scenario, or an error with a message that
   * names the file. */
  if (scenario == NULL)
    {
      g_assert (error != NULL);
      g_assert (error->message != NULL);
      g_assert (g_str_has_prefix (error->message, "fuzz.pagewalk"));
    }
  else
    {
      g_assert (error == NULL);
    }

  return 0;
}

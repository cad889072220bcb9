/* cli-render.c: the options the drawing commands share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pagewalk-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "cli-common.h"
#include "cli-render.h"
#include "pw-number.h"
#include "pw-present.h"
#include "pw-render-steps.h"

gboolean
pw_cli_parse_view (const char *text,
                   PwView     *view,
                   int        *status)
{
  g_autofree char *quoted = NULL;

  if (text == NULL || pw_view_from_string (text, view))
    return TRUE;
  quoted = pw_quote (text, -1);
  *status = pw_cli_usage_error (_("unknown view %s (overview, address, vaspace, pagetable, physical, disk, tlb, walk, lab, compare)"),
                                quoted);
  return FALSE;
}

gboolean
pw_cli_parse_theme (const char *text,
                    PwTheme    *theme,
                    int        *status)
{
  g_autofree char *quoted = NULL;

  if (text == NULL || pw_theme_from_string (text, theme))
    return TRUE;
  quoted = pw_quote (text, -1);
  *status = pw_cli_usage_error (_("unknown theme %s (light, dark, print, high-contrast)"), quoted);
  return FALSE;
}

gboolean
pw_cli_parse_steps (const char *text,
                    PwRun      *run,
                    guint64    *first,
                    guint64    *last,
                    int        *status)
{
  g_autofree char *quoted = NULL;

  if (text == NULL || pw_step_range_parse (text, pw_run_n_positions (run), first, last))
    return TRUE;
  quoted = pw_quote (text, -1);
  /* Translators: the range given, then the number of steps (script steps
   * and trace accesses) */
  *status = pw_cli_usage_error (_("--steps %s: give FIRST-LAST or one step, from 1 to %s"),
                                quoted, PW_DEC (pw_run_n_positions (run)));
  return FALSE;
}

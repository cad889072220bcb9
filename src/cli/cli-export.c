/* cli-export.c: `pagewalk-cli export SCENARIO -o OUT.png|OUT.svg|OUT.pdf`
 *
 * The same drawing code as the app, written to a temporary file in the
 * output's directory and renamed, so a failed export never leaves a broken
 * file behind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pagewalk-cli"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>

#include "cli-common.h"
#include "cli-export.h"
#include "pw-machine.h"
#include "pw-number.h"
#include "pw-render.h"
#include "pw-scenario.h"

typedef enum
{
  FMT_PNG,
  FMT_SVG,
  FMT_PDF,
} Format;

typedef struct
{
  PwEvent  ev;
  gboolean have;
  PwEvent  failed;      /* a step that failed without an access */
  gboolean have_failed;
} LastEvent;

static void
keep_last (const PwEvent *ev,
           gpointer       user_data)
{
  LastEvent *last = user_data;

  if (pw_event_is_failed_step (ev))
    {
      g_free (last->failed.message);
      last->failed = *ev;
      last->failed.message = g_strdup (ev->message);
      last->have_failed = TRUE;
      return;
    }
  if (ev->kind != PW_STEP_ACCESS && ev->kind != PW_STEP_TOUCH)
    return;
  g_free (last->ev.message);
  last->ev = *ev;
  last->ev.message = g_strdup (ev->message);
  last->have = TRUE;
}

static gboolean
format_from_name (const char *path,
                  Format     *out)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".png"))
    *out = FMT_PNG;
  else if (g_str_has_suffix (lower, ".svg"))
    *out = FMT_SVG;
  else if (g_str_has_suffix (lower, ".pdf"))
    *out = FMT_PDF;
  else
    return FALSE;
  return TRUE;
}

/* Draws into @tmp; FALSE with a message on failure. */
static gboolean
write_file (const char            *tmp,
            Format                 fmt,
            PwMachine             *m,
            const PwRenderOptions *o,
            double                 width,
            double                 height,
            const char            *title,
            char                 **message)
{
  cairo_surface_t *s = NULL;
  cairo_t *cr;
  cairo_status_t st;

  switch (fmt)
    {
    case FMT_PNG:
      s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (width * o->scale),
                                      (int) ceil (height * o->scale));
      break;
    case FMT_SVG:
      s = cairo_svg_surface_create (tmp, width, height);
      break;
    case FMT_PDF:
      s = cairo_pdf_surface_create (tmp, width, height);
      cairo_pdf_surface_set_metadata (s, CAIRO_PDF_METADATA_TITLE, title);
      cairo_pdf_surface_set_metadata (s, CAIRO_PDF_METADATA_CREATOR, "Pagewalk " PACKAGE_VERSION);
      break;
    }
  st = cairo_surface_status (s);
  if (st != CAIRO_STATUS_SUCCESS)
    {
      *message = g_strdup (cairo_status_to_string (st));
      cairo_surface_destroy (s);
      return FALSE;
    }
  cr = cairo_create (s);
  if (fmt == FMT_PNG)
    cairo_scale (cr, o->scale, o->scale);
  pw_render_draw (cr, m, o, width, height, NULL);
  st = cairo_status (cr);
  cairo_destroy (cr);
  if (st == CAIRO_STATUS_SUCCESS && fmt == FMT_PNG)
    st = cairo_surface_write_to_png (s, tmp);
  cairo_surface_finish (s);
  if (st == CAIRO_STATUS_SUCCESS)
    st = cairo_surface_status (s);
  cairo_surface_destroy (s);
  if (st != CAIRO_STATUS_SUCCESS)
    {
      *message = g_strdup (cairo_status_to_string (st));
      return FALSE;
    }
  return TRUE;
}

static guint
lowest_pid (PwMachine *m)
{
  return pw_machine_n_processes (m) > 0 ? pw_machine_process (m, 0)->pid : 0;
}

int
pw_cli_export (int    argc,
               char **argv)
{
  g_autofree char *out = NULL, *view_s = NULL, *translate_s = NULL, *theme_s = NULL;
  g_autofree char *access_s = NULL;
  gint64 at = -1, pid = 0;
  double width = 1200, scale = 1, t = -1;
  gboolean reduced = FALSE;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("Write to OUT (.png, .svg or .pdf)"), "OUT" },
    { "view", 0, 0, G_OPTION_ARG_STRING, &view_s,
      N_("overview, address, vaspace, pagetable, physical, disk, tlb or walk (default overview)"), "VIEW" },
    { "at", 0, 0, G_OPTION_ARG_INT64, &at, N_("Draw the state after the first STEP steps"), "STEP" },
    { "translate", 0, 0, G_OPTION_ARG_STRING, &translate_s, N_("Show the translation of ADDRESS"), "ADDRESS" },
    { "pid", 0, 0, G_OPTION_ARG_INT64, &pid, N_("Process (default: the lowest pid)"), "N" },
    { "access", 0, 0, G_OPTION_ARG_STRING, &access_s, N_("read, write or exec, for --translate (default read)"), "KIND" },
    { "width", 0, 0, G_OPTION_ARG_DOUBLE, &width, N_("Width in pixels (default 1200)"), "PX" },
    { "scale", 0, 0, G_OPTION_ARG_DOUBLE, &scale, N_("Pixels per unit in a PNG, for high DPI (default 1)"), "F" },
    { "theme", 0, 0, G_OPTION_ARG_STRING, &theme_s, N_("light, dark or print (default light)"), "THEME" },
    { "time", 0, 0, G_OPTION_ARG_DOUBLE, &t, N_("Animation time in seconds (default: the final state)"), "T" },
    { "reduced-motion", 0, 0, G_OPTION_ARG_NONE, &reduced, N_("Phases switch, nothing travels"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("SCENARIO -o OUT — draw a view as PNG, SVG or PDF"));
  g_autoptr(GError) error = NULL;
  g_autoptr(PwScenario) sc = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *message = NULL;
  PwMachine *m = NULL;
  PwRenderOptions o;
  LastEvent last = { 0 };
  PwEvent first = { 0 };
  Format fmt;
  double height;
  int status = 0, fd;

  pw_render_options_init (&o);
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    return pw_cli_usage_error ("%s", error->message);
  if (argc < 2)
    return pw_cli_usage_error (_("export needs a scenario (see pagewalk-cli export --help)"));
  if (argc > 2)
    return pw_cli_usage_error (_("export: unexpected argument “%s”"), argv[2]);
  if (out == NULL)
    return pw_cli_usage_error (_("export needs -o OUT.png, OUT.svg or OUT.pdf"));
  if (!format_from_name (out, &fmt))
    return pw_cli_usage_error (_("%s: unknown file type (the name must end in .png, .svg or .pdf)"), out);
  if (view_s != NULL && !pw_view_from_string (view_s, &o.view))
    return pw_cli_usage_error (_("unknown view “%s” (overview, address, vaspace, pagetable, physical, disk, tlb, walk)"),
                               view_s);
  if (theme_s != NULL && !pw_theme_from_string (theme_s, &o.theme))
    return pw_cli_usage_error (_("unknown theme “%s” (light, dark, print)"), theme_s);
  if (!(width >= 200 && width <= 20000))
    return pw_cli_usage_error (_("--width must be between 200 and 20000 pixels"));
  if (!(scale >= 0.25 && scale <= 8))
    return pw_cli_usage_error (_("--scale must be between 0.25 and 8"));
  if (fmt == FMT_PNG && width * scale > 30000)
    return pw_cli_usage_error (_("the image would be wider than 30000 pixels: lower --width or --scale"));
  if (pid < 0 || pid > G_MAXUINT)
    return pw_cli_error_bad_pid ();
  if (at < -1)
    return pw_cli_error_bad_at ();
  if (t != -1 && !(t >= 0 && t < 1e6))
    return pw_cli_usage_error (_("--time must be 0 or more seconds"));
  o.scale = scale;
  o.reduced_motion = reduced;
  o.t = t >= 0 ? t : PW_RENDER_T_FINAL;

  sc = pw_scenario_load (argv[1], &error);
  if (sc == NULL)
    return pw_cli_input_error (error);
  m = pw_machine_new (sc, &error);
  if (m == NULL)
    return pw_cli_input_error (error);
  if (at > (gint64) sc->steps->len)
    {
      status = pw_cli_error_at_beyond (at, sc->steps->len);
      goto out;
    }
  for (gint64 i = 0; i < at; i++)
    {
      last.have = FALSE;
      last.have_failed = FALSE;
      pw_machine_step (m, &g_array_index (sc->steps, PwStep, i), keep_last, &last);
    }

  if (pid != 0 && pw_machine_lookup (m, (guint) pid) == NULL)
    {
      status = pw_cli_error_no_process (pid);
      goto out;
    }
  o.pid = (guint) pid;

  if (translate_s != NULL)
    {
      guint64 va;
      PwAccess access = PW_ACCESS_READ;
      guint wpid = pid ? (guint) pid : lowest_pid (m);

      if (!pw_number_parse (translate_s, &va, &error))
        {
          status = pw_cli_usage_error (_("--translate: %s"), error->message);
          goto out;
        }
      if (access_s && !pw_access_from_string (access_s, &access))
        {
          status = pw_cli_error_bad_access ();
          goto out;
        }
      if (!pw_machine_translate (m, wpid, va, access, PW_MODE_USER, &o.walk, &error))
        {
          status = pw_cli_usage_error ("%s", error->message);
          goto out;
        }
      o.has_walk = TRUE;
      o.walk_pid = wpid;
    }
  else if (last.have)
    {
      /* the access the last step made: TLB, fault handling, retry */
      o.event = &last.ev;
    }
  else if (at < 0)
    {
      /* no address given: the script's first access (pw-render.h) */
      pw_render_options_first_access (&o, m, &first);
    }
  if (last.have_failed && o.event == NULL)
    {
      /* the last step failed without an access: the figure says so */
      o.event = &last.failed;
    }

  pw_render_measure (m, &o, width, &height);

  /* a temporary file beside the output, renamed when complete */
  tmp = g_strdup_printf ("%s.tmp-XXXXXX", out);
  fd = g_mkstemp (tmp);
  if (fd < 0)
    {
      int saved = errno;
      status = pw_cli_usage_error (_("%s: cannot write: %s"), out, g_strerror (saved));
      goto out;
    }
  {
    /* g_mkstemp() makes the file private; give it the usual permissions */
    mode_t mask = umask (0);
    umask (mask);
    fchmod (fd, 0666 & ~mask);
  }
  close (fd);
  if (!write_file (tmp, fmt, m, &o, width, height, sc->title ? sc->title : "Pagewalk", &message))
    {
      g_unlink (tmp);
      status = pw_cli_usage_error (_("%s: cannot write: %s"), out, message);
      goto out;
    }
  if (g_rename (tmp, out) != 0)
    {
      int saved = errno;
      g_unlink (tmp);
      status = pw_cli_usage_error (_("%s: cannot write: %s"), out, g_strerror (saved));
      goto out;
    }

out:
  g_free (last.ev.message);
  g_free (last.failed.message);
  pw_event_clear (&first);
  pw_machine_free (m);
  return status;
}

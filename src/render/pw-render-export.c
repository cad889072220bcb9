/* pw-render-export.c: a view written to a PNG, SVG or PDF file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-render"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
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
      pw_export_pdf_metadata (s, title);
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

/* ---- no temporary left behind by SIGINT, SIGTERM or SIGHUP ---------------
 *
 * While a temporary is being written its name is published here; a signal
 * unlinks it, puts back the handler that was there before and raises the
 * signal again (which ends the process when that handler is the default).
 * One export at a time is covered (the usual case: the CLI, the app's
 * export dialog).
 *
 * Blocking the signals only holds them off the calling thread: pango's
 * fontconfig threads can take a SIGTERM at any time.  So the handler is in
 * place before the temporary exists, and a signal that comes while it is
 * being created (@creating) is kept in @pending_signal and delivered by
 * guarded_mkstemp() once the name is published. */

static const int guarded_signals[] = { SIGINT, SIGTERM, SIGHUP };
static char *volatile guarded_tmp;
static volatile sig_atomic_t creating, pending_signal;
static struct sigaction saved_actions[G_N_ELEMENTS (guarded_signals)];

static void
on_signal (int sig)
{
  char *tmp = guarded_tmp;

  if (creating)
    {
      pending_signal = sig;
      return;
    }

  if (tmp != NULL)
    unlink (tmp);
  for (guint i = 0; i < G_N_ELEMENTS (guarded_signals); i++)
    if (guarded_signals[i] == sig)
      sigaction (sig, &saved_actions[i], NULL);
  raise (sig);
}

static void
block_signals (gboolean  block,
               sigset_t *old)
{
  sigset_t set;

  sigemptyset (&set);
  for (guint i = 0; i < G_N_ELEMENTS (guarded_signals); i++)
    sigaddset (&set, guarded_signals[i]);
  if (block)
    pthread_sigmask (SIG_BLOCK, &set, old);
  else
    pthread_sigmask (SIG_SETMASK, old, NULL);
}

/* Makes the temporary for @path with the handler in place, so that no
 * signal comes between its creation and its publication unseen. */
static int
guarded_mkstemp (char     *tmp,
                 gboolean *guarded)
{
  struct sigaction sa;
  sigset_t old;
  int fd, sig;

  block_signals (TRUE, &old);
  *guarded = guarded_tmp == NULL && !creating;
  if (*guarded)
    {
      memset (&sa, 0, sizeof sa);
      sa.sa_handler = on_signal;
      sigemptyset (&sa.sa_mask);
      pending_signal = 0;
      creating = 1;
      for (guint i = 0; i < G_N_ELEMENTS (guarded_signals); i++)
        sigaction (guarded_signals[i], &sa, &saved_actions[i]);
    }
  fd = g_mkstemp (tmp);
  if (*guarded)
    {
      if (fd >= 0)
        guarded_tmp = tmp;
      else
        for (guint i = 0; i < G_N_ELEMENTS (guarded_signals); i++)
          sigaction (guarded_signals[i], &saved_actions[i], NULL);
      creating = 0;
      *guarded = fd >= 0;
    }
  sig = pending_signal;
  pending_signal = 0;
  block_signals (FALSE, &old);
  /* a signal taken by another thread meanwhile: its turn now */
  if (sig != 0)
    {
      if (fd >= 0)
        on_signal (sig);
      else
        raise (sig);
    }
  return fd;
}

static void
unguard (gboolean guarded)
{
  sigset_t old;

  if (!guarded)
    return;
  block_signals (TRUE, &old);
  for (guint i = 0; i < G_N_ELEMENTS (guarded_signals); i++)
    sigaction (guarded_signals[i], &saved_actions[i], NULL);
  guarded_tmp = NULL;
  block_signals (FALSE, &old);
}

struct _PwExportTmp
{
  char     *path;      /* the output */
  char     *tmp;       /* the temporary beside it */
  int       fd;
  int       err;       /* errno of the first failed write, 0 if none */
  gboolean  guarded;
};

PwExportTmp *
pw_export_tmp_open (const char  *path,
                    GError     **error)
{
  PwExportTmp *t;
  mode_t mask;

  g_return_val_if_fail (path != NULL, NULL);

  t = g_new0 (PwExportTmp, 1);
  t->path = g_strdup (path);
  t->tmp = g_strdup_printf ("%s.tmp-XXXXXX", path);
  t->fd = guarded_mkstemp (t->tmp, &t->guarded);
  if (t->fd < 0)
    {
      int saved = errno;
      g_set_error_literal (error, PW_ERROR, PW_ERROR_IO, g_strerror (saved));
      g_free (t->tmp);
      g_free (t->path);
      g_free (t);
      return NULL;
    }
  /* g_mkstemp() makes the file private; give it the usual permissions */
  mask = umask (0);
  umask (mask);
  if (fchmod (t->fd, 0666 & ~mask) != 0)
    g_debug ("%s: fchmod: %s", t->tmp, g_strerror (errno));
  return t;
}

int
pw_export_tmp_fd (const PwExportTmp *t)
{
  return t->fd;
}

void
pw_export_tmp_forget_fd (PwExportTmp *t)
{
  t->fd = -1;
}

cairo_status_t
pw_export_tmp_write (void                *closure,
                     const unsigned char *data,
                     unsigned int         length)
{
  PwExportTmp *t = closure;
  Sink k = { t->fd, t->err };
  cairo_status_t st = sink_write (&k, data, length);

  t->err = k.err;
  return st;
}

gboolean
pw_export_tmp_close (PwExportTmp  *t,
                     gboolean      keep,
                     GError      **error)
{
  gboolean ok = FALSE;

  if (t->err != 0 && keep)
    {
      g_set_error_literal (error, PW_ERROR, PW_ERROR_IO, g_strerror (t->err));
      keep = FALSE;
    }
  if (t->fd >= 0 && close (t->fd) != 0 && keep)
    {
      int saved = errno;
      g_set_error_literal (error, PW_ERROR, PW_ERROR_IO, g_strerror (saved));
      keep = FALSE;
    }
  if (!keep)
    g_unlink (t->tmp);
  else if (g_rename (t->tmp, t->path) != 0)
    {
      int saved = errno;
      g_unlink (t->tmp);
      g_set_error_literal (error, PW_ERROR, PW_ERROR_IO, g_strerror (saved));
    }
  else
    ok = TRUE;
  unguard (t->guarded);
  g_free (t->tmp);
  g_free (t->path);
  g_free (t);
  return ok;
}

void
pw_export_pdf_metadata (cairo_surface_t *pdf,
                        const char      *title)
{
  const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");

  cairo_pdf_surface_set_metadata (pdf, CAIRO_PDF_METADATA_TITLE, title ? title : "Pagewalk");
  cairo_pdf_surface_set_metadata (pdf, CAIRO_PDF_METADATA_CREATOR, "Pagewalk " PACKAGE_VERSION);
  if (epoch != NULL && *epoch != '\0')
    {
      char *end = NULL;
      guint64 secs = g_ascii_strtoull (epoch, &end, 10);
      g_autoptr(GDateTime) when = NULL;

      if (end != NULL && *end == '\0' && secs < G_GUINT64_CONSTANT (253402300800))
        when = g_date_time_new_from_unix_utc ((gint64) secs);
      if (when != NULL)
        {
          g_autofree char *iso = g_date_time_format (when, "%Y-%m-%dT%H:%M:%SZ");
          /* both dates: cairo writes the time of day otherwise */
          cairo_pdf_surface_set_metadata (pdf, CAIRO_PDF_METADATA_CREATE_DATE, iso);
          cairo_pdf_surface_set_metadata (pdf, CAIRO_PDF_METADATA_MOD_DATE, iso);
        }
    }
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
  PwExportTmp *t;
  gboolean ok;

  g_return_val_if_fail (path != NULL && m != NULL && o != NULL, FALSE);

  /* a temporary file beside the output, renamed when complete */
  t = pw_export_tmp_open (path, error);
  if (t == NULL)
    return FALSE;
  ok = write_file (t->fd, format, m, o, width, height, title ? title : "Pagewalk", error);
  t->fd = -1;   /* write_file() closed it */
  return pw_export_tmp_close (t, ok, ok ? error : NULL) && ok;
}

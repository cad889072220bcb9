/* pw-about.c: the About window and the help
 *
 * The About window's release notes are the newest release of the AppStream
 * metainfo (data/io.github.pagewalk.Pagewalk.metainfo.xml.in, compiled into
 * the resources), each paragraph and list item translated through the
 * catalogue that already holds it.  F1 opens the user guide, a Mallard
 * document (help/C/) shown by the desktop's help browser.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pagewalk"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-about.h"

#define METAINFO_RESOURCE "/io/github/pagewalk/Pagewalk/" APP_ID ".metainfo.xml"

/* ---- release notes ---------------------------------------------------------------- */

typedef struct
{
  gboolean  in_release;     /* inside the first <release> */
  gboolean  done;           /* past it */
  gboolean  in_description;
  GString  *text;           /* the text of the <p> or <li> being read */
  GString  *notes;          /* the markup for AdwAboutWindow */
  char     *version;
} NotesParser;

static gboolean
is_text_element (const char *name)
{
  return g_str_equal (name, "p") || g_str_equal (name, "li");
}

static void
notes_start (GMarkupParseContext  *context,
             const char           *element,
             const char          **names,
             const char          **values,
             gpointer              user_data,
             GError              **error)
{
  NotesParser *np = user_data;

  if (np->done)
    return;
  if (g_str_equal (element, "release") && !np->in_release)
    {
      np->in_release = TRUE;
      for (guint i = 0; names[i] != NULL; i++)
        if (g_str_equal (names[i], "version"))
          np->version = g_strdup (values[i]);
    }
  else if (np->in_release && g_str_equal (element, "description"))
    np->in_description = TRUE;
  else if (np->in_description && is_text_element (element))
    g_string_truncate (np->text, 0);
  else if (np->in_description && (g_str_equal (element, "ul") || g_str_equal (element, "ol")))
    g_string_append_printf (np->notes, "<%s>", element);
}

static void
notes_end (GMarkupParseContext  *context,
           const char           *element,
           gpointer              user_data,
           GError              **error)
{
  NotesParser *np = user_data;

  if (np->done)
    return;
  if (np->in_description && is_text_element (element))
    {
      g_autofree char *collapsed = NULL;
      g_auto(GStrv) words = g_strsplit_set (np->text->str, " \t\n", -1);
      g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
      g_auto(GStrv) kept = NULL;
      g_autofree char *escaped = NULL;

      /* the text as itstool extracted it: white space collapsed */
      for (guint i = 0; words[i] != NULL; i++)
        if (*words[i] != '\0')
          g_strv_builder_add (b, words[i]);
      kept = g_strv_builder_end (b);
      collapsed = g_strjoinv (" ", kept);
      escaped = g_markup_escape_text (*collapsed ? _(collapsed) : "", -1);
      g_string_append_printf (np->notes, "<%s>%s</%s>", element, escaped, element);
    }
  else if (np->in_description && (g_str_equal (element, "ul") || g_str_equal (element, "ol")))
    g_string_append_printf (np->notes, "</%s>", element);
  else if (np->in_description && g_str_equal (element, "description"))
    np->in_description = FALSE;
  else if (np->in_release && g_str_equal (element, "release"))
    np->done = TRUE;
}

static void
notes_text (GMarkupParseContext  *context,
            const char           *text,
            gsize                 len,
            gpointer              user_data,
            GError              **error)
{
  NotesParser *np = user_data;

  if (!np->done && np->in_description)
    g_string_append_len (np->text, text, (gssize) len);
}

gboolean
pw_about_release_notes (char **version,
                        char **notes)
{
  static const GMarkupParser parser = {
    .start_element = notes_start,
    .end_element = notes_end,
    .text = notes_text,
  };
  g_autoptr(GBytes) bytes = g_resources_lookup_data (METAINFO_RESOURCE, 0, NULL);
  g_autoptr(GMarkupParseContext) context = NULL;
  NotesParser np = { 0 };
  gboolean ok;

  g_return_val_if_fail (version != NULL && notes != NULL, FALSE);

  *version = *notes = NULL;
  if (bytes == NULL)
    return FALSE;
  np.text = g_string_new (NULL);
  np.notes = g_string_new (NULL);
  context = g_markup_parse_context_new (&parser, 0, &np, NULL);
  ok = g_markup_parse_context_parse (context, g_bytes_get_data (bytes, NULL),
                                     (gssize) g_bytes_get_size (bytes), NULL)
       && g_markup_parse_context_end_parse (context, NULL)
       && np.version != NULL && np.notes->len > 0;
  g_string_free (np.text, TRUE);
  if (ok)
    {
      *version = g_steal_pointer (&np.version);
      *notes = g_string_free (g_steal_pointer (&np.notes), FALSE);
    }
  else
    g_string_free (np.notes, TRUE);
  g_free (np.version);
  return ok;
}

/* ---- About ------------------------------------------------------------------------ */

GtkWidget *
pw_about_window_new (GtkWindow *parent)
{
  const char *developers[] = { _("The Pagewalk authors"), NULL };
  g_autofree char *release = NULL;
  g_autofree char *notes = NULL;
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "application-name", _("Pagewalk"),
                        "application-icon", APP_ID,
                        "developer-name", _("The Pagewalk authors"),
                        "developers", developers,
                        "version", PACKAGE_VERSION,
                        "comments", _("See how virtual memory works, one address at a time: "
                                      "the address split into fields, the page tables walked "
                                      "entry by entry, page faults, swap and the TLB."),
                        "website", PW_WEBSITE,
                        "issue-url", PW_ISSUE_URL,
                        "copyright", _("© 2024 The Pagewalk authors"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "translator-credits", _("translator-credits"),
                        NULL);
  if (pw_about_release_notes (&release, &notes))
    g_object_set (about, "release-notes-version", release, "release-notes", notes, NULL);
  return about;
}

/* ---- help ------------------------------------------------------------------------- */

static void
help_shown_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GtkWindow) parent = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (parent, result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      GtkWidget *dialog;

      g_message ("cannot show help:%s: %s", GETTEXT_PACKAGE, error->message);
      dialog = adw_message_dialog_new (parent, _("Could Not Open the Help"), NULL);
      /* Translators: %s is a web address */
      adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                      _("No help browser could show the user guide. "
                                        "It is also on the web: %s"),
                                      PW_HELP_URL);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

void
pw_help_show (GtkWindow *parent)
{
  /* yelp's URI for the document installed in DATADIR/help/LANG/pagewalk */
  gtk_show_uri_full (parent, "help:" GETTEXT_PACKAGE, GDK_CURRENT_TIME, NULL,
                     help_shown_cb, parent ? g_object_ref (parent) : NULL);
}

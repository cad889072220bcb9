/* pw-window-export.c: exporting the view shown (win.export and
 * pw_window_export())
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pagewalk"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pw-number.h"
#include "pw-render-export.h"
#include "pw-window-private.h"

gboolean
pw_window_export (PwWindow    *self,
                  const char  *path,
                  GError     **error)
{
  PwMachine *m;
  PwRenderOptions o;
  PwExportFormat format;
  double width, height;

  g_return_val_if_fail (PW_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  m = pw_window_machine (self);
  if (m == NULL || self->doc == NULL)
    {
      g_set_error_literal (error, PW_ERROR, PW_ERROR_VALUE, _("No scenario is open"));
      return FALSE;
    }
  if (!pw_export_format_from_name (path, &format))
    {
      g_set_error_literal (error, PW_ERROR, PW_ERROR_VALUE,
                           _("the name must end in .png, .svg or .pdf"));
      return FALSE;
    }

  /* the view as shown, in its final state, at the width shown */
  o = *pw_canvas_get_options (self->canvas);
  o.t = PW_RENDER_T_FINAL;
  o.scale = format == PW_EXPORT_PNG ? MAX (1, gtk_widget_get_scale_factor (GTK_WIDGET (self))) : 1;
  width = MAX (gtk_widget_get_width (GTK_WIDGET (self->canvas)), 800);
  pw_render_measure (m, &o, width, &height);
  return pw_render_export (path, format, m, &o, width, height, self->doc->scenario->title, error);
}

char *
pw_window_chosen_path (PwWindow        *self,
                       GtkNativeDialog *dialog,
                       int              response)
{
  g_autoptr(GFile) file = NULL;
  char *path;

  if (response != GTK_RESPONSE_ACCEPT)
    return NULL;
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  path = file ? g_file_get_path (file) : NULL;
  if (path == NULL)
    pw_window_toast (self, _("Only local files can be written"));
  return path;
}

static void
export_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    PwWindow        *self)
{
  g_autofree char *path = pw_window_chosen_path (self, dialog, response);
  g_autofree char *base = NULL;
  g_autoptr(GError) error = NULL;

  if (path == NULL)
    goto out;
  base = g_path_get_basename (path);
  if (!pw_window_export (self, path, &error))
    {
      /* Translators: FILE: reason */
      g_autofree char *msg = g_strdup_printf (_("%s: %s"), base, error->message);
      pw_window_error_dialog (self, _("Could Not Export"), msg);
    }
  else
    {
      g_autofree char *msg = g_strdup_printf (_("Exported to %s"), base);
      pw_window_toast (self, msg);
    }

out:
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PwWindow *self = PW_WINDOW (widget);
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) images = gtk_file_filter_new ();
  g_autofree char *base = NULL;
  g_autofree char *suggested = NULL;
  char *dot;

  if (self->doc == NULL)
    return;
  native = gtk_file_chooser_native_new (_("Export the View"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (images, _("PNG, SVG or PDF"));
  gtk_file_filter_add_pattern (images, "*.png");
  gtk_file_filter_add_pattern (images, "*.svg");
  gtk_file_filter_add_pattern (images, "*.pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), images);

  base = pw_document_display_name (self->doc);
  dot = strrchr (base, '.');
  if (dot != NULL && dot != base)
    *dot = '\0';
  suggested = g_strdup_printf ("%s-%s.png", base, pw_view_name (pw_canvas_get_view (self->canvas)));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), suggested);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (export_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

void
pw_window_export_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
}

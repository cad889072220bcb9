/* pw-window-a11y.c: the window's controls as a screen reader names them
 *
 * GTK 4.8 names a button whose label has a mnemonic from both its label
 * property, underscore included, and the label inside it ("_Translate
 * Translate").  Each such button is named once by the text it shows,
 * without the underscore; the toggle button inside a drop-down, which takes
 * the focus, is named after the drop-down.  Icon buttons, menu buttons and
 * drop-downs are named in the template (<accessibility>).
 * tests/citizen-a11y.py walks the window through AT-SPI and checks every
 * control's name.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pagewalk"

#include "config.h"

#include "pw-window-private.h"

static void
name_mnemonic_buttons (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) && gtk_button_get_use_underline (GTK_BUTTON (widget))
      && GTK_IS_LABEL (gtk_button_get_child (GTK_BUTTON (widget))))
    {
      /* the text shown, the mnemonic's underscore removed */
      GtkLabel *label = GTK_LABEL (gtk_button_get_child (GTK_BUTTON (widget)));

      gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      gtk_label_get_text (label), -1);
    }
  /* a drop-down's toggle button, which takes the focus, is named after the
   * drop-down (GTK 4.8 reads "GtkToggleButton") */
  if (GTK_IS_DROP_DOWN (widget))
    for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
      if (GTK_IS_TOGGLE_BUTTON (c))
        gtk_accessible_update_relation (GTK_ACCESSIBLE (c), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                        widget, NULL, -1);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    name_mnemonic_buttons (c);
}

void
pw_window_a11y_init (PwWindow *self)
{
  name_mnemonic_buttons (GTK_WIDGET (self));
}

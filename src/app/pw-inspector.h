/* pw-inspector.h: the side panel that describes the object selected
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pw-canvas.h"

G_BEGIN_DECLS

#define PW_TYPE_INSPECTOR (pw_inspector_get_type ())

G_DECLARE_FINAL_TYPE (PwInspector, pw_inspector, PW, INSPECTOR, GtkBox)

/* Describes @canvas's selection (pw_canvas_get_selection()), as it changes,
 * on the machine it draws; its Follow button follows it
 * (pw_canvas_follow()). */
void         pw_inspector_set_canvas   (PwInspector *self,
                                        PwCanvas    *canvas);
/* Describes the selection again (the machine shown changed: a step). */
void         pw_inspector_refresh      (PwInspector *self);

G_END_DECLS

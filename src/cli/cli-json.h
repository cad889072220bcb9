/* cli-json.h: a small streaming JSON writer for the CLI's output
 *
 * Streaming matters for `run --json` over millions of accesses: nothing is
 * held in memory but the nesting.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdio.h>

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  FILE    *out;
  gboolean first[64];
  guint    depth;
  gboolean after_key;
  gboolean pretty;
} PwJson;

void pw_json_init        (PwJson *j, FILE *out, gboolean pretty);
void pw_json_begin_object (PwJson *j);
void pw_json_end_object  (PwJson *j);
void pw_json_begin_array (PwJson *j);
void pw_json_end_array   (PwJson *j);
void pw_json_key         (PwJson *j, const char *key);
void pw_json_string      (PwJson *j, const char *s);   /* NULL writes null */
void pw_json_hex         (PwJson *j, guint64 v);        /* "0x1f" */
void pw_json_uint        (PwJson *j, guint64 v);
void pw_json_int         (PwJson *j, gint64 v);
void pw_json_bool        (PwJson *j, gboolean v);
void pw_json_null        (PwJson *j);
void pw_json_finish      (PwJson *j);                   /* newline */

G_END_DECLS

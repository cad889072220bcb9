/* cli-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pagewalk-cli"

#include "config.h"

#include <string.h>

#include "cli-json.h"

void
pw_json_init (PwJson   *j,
              FILE     *out,
              gboolean  pretty)
{
  memset (j, 0, sizeof *j);
  j->out = out;
  j->pretty = pretty;
  j->first[0] = TRUE;
}

static void
indent (PwJson *j)
{
  if (!j->pretty)
    return;
  fputc ('\n', j->out);
  for (guint i = 0; i < j->depth; i++)
    fputs ("  ", j->out);
}

static void
value_prefix (PwJson *j)
{
  if (j->after_key)
    {
      j->after_key = FALSE;
      return;
    }
  if (j->depth > 0)
    {
      if (!j->first[j->depth])
        fputc (',', j->out);
      indent (j);
    }
  j->first[j->depth] = FALSE;
}

static void
open_ (PwJson *j,
       char    c)
{
  value_prefix (j);
  fputc (c, j->out);
  if (j->depth + 1 < G_N_ELEMENTS (j->first))
    j->depth++;
  j->first[j->depth] = TRUE;
}

static void
close_ (PwJson *j,
        char    c)
{
  gboolean empty = j->first[j->depth];
  j->depth--;
  if (!empty)
    indent (j);
  fputc (c, j->out);
}

void pw_json_begin_object (PwJson *j) { open_ (j, '{'); }
void pw_json_end_object (PwJson *j) { close_ (j, '}'); }
void pw_json_begin_array (PwJson *j) { open_ (j, '['); }
void pw_json_end_array (PwJson *j) { close_ (j, ']'); }

static void
write_string (FILE       *out,
              const char *s)
{
  fputc ('"', out);
  for (; *s; s++)
    {
      unsigned char c = (unsigned char) *s;
      switch (c)
        {
        case '"': fputs ("\\\"", out); break;
        case '\\': fputs ("\\\\", out); break;
        case '\n': fputs ("\\n", out); break;
        case '\r': fputs ("\\r", out); break;
        case '\t': fputs ("\\t", out); break;
        default:
          if (c < 0x20)
            fprintf (out, "\\u%04x", c);
          else
            fputc (c, out);
        }
    }
  fputc ('"', out);
}

void
pw_json_key (PwJson     *j,
             const char *key)
{
  value_prefix (j);
  write_string (j->out, key);
  fputs (j->pretty ? ": " : ":", j->out);
  j->after_key = TRUE;
}

void
pw_json_string (PwJson     *j,
                const char *s)
{
  value_prefix (j);
  if (s == NULL)
    fputs ("null", j->out);
  else
    write_string (j->out, s);
}

void
pw_json_hex (PwJson  *j,
             guint64  v)
{
  value_prefix (j);
  fprintf (j->out, "\"0x%" G_GINT64_MODIFIER "x\"", v);
}

void
pw_json_uint (PwJson  *j,
              guint64  v)
{
  value_prefix (j);
  fprintf (j->out, "%" G_GUINT64_FORMAT, v);
}

void
pw_json_int (PwJson *j,
             gint64  v)
{
  value_prefix (j);
  fprintf (j->out, "%" G_GINT64_FORMAT, v);
}

void
pw_json_bool (PwJson   *j,
              gboolean  v)
{
  value_prefix (j);
  fputs (v ? "true" : "false", j->out);
}

void
pw_json_null (PwJson *j)
{
  value_prefix (j);
  fputs ("null", j->out);
}

void
pw_json_finish (PwJson *j)
{
  fputc ('\n', j->out);
}

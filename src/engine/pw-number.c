/* pw-number.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-number"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pw-number.h"
#include "pw-number-private.h"

G_DEFINE_QUARK (pw-error-quark, pw_error)

static int
digit_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* A number the user gave, for a message: whole when it is printable ASCII
 * of at most NUMBER_SHOWN_MAX bytes (a 64-bit binary literal with "0b" and
 * digit groups), otherwise through pw_quote(), so a 500 KB word or one with
 * a terminal escape never reaches a message. */
#define NUMBER_SHOWN_MAX 81

static gboolean
number_error (GError     **error,
              const char  *text,
              gboolean     overflow)
{
  g_autofree char *q = NULL;
  gsize n = strnlen (text, NUMBER_SHOWN_MAX + 1);
  gboolean plain = n <= NUMBER_SHOWN_MAX;

  for (gsize i = 0; plain && i < n; i++)
    if ((guchar) text[i] < 0x20 || (guchar) text[i] >= 0x7f)
      plain = FALSE;
  q = plain ? g_strdup_printf ("\u201c%s\u201d", text) : pw_quote (text, -1);
  if (overflow)
    g_set_error (error, PW_ERROR, PW_ERROR_VALUE, _("%s does not fit in 64 bits"), q);
  else
    g_set_error (error, PW_ERROR, PW_ERROR_VALUE,
                 _("%s is not a number (write 42, 0x2a, 0b101010 or 4KiB)"), q);
  return FALSE;
}

gboolean
pw_number_parse (const char  *text,
                 guint64     *out,
                 GError     **error)
{
  return pw_number_parse_full (text, out, NULL, error);
}

gboolean
pw_number_parse_full (const char  *text,
                      guint64     *out,
                      gboolean    *overflow,
                      GError     **error)
{
  const char *p = text;
  guint base = 10;
  guint64 value = 0;
  guint shift = 0;
  gboolean any = FALSE;

  g_return_val_if_fail (text != NULL, FALSE);
  if (overflow)
    *overflow = FALSE;

  while (*p == ' ' || *p == '\t')
    p++;

  if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
    base = 16, p += 2;
  else if (p[0] == '0' && (p[1] == 'b' || p[1] == 'B'))
    base = 2, p += 2;

  for (; *p; p++)
    {
      int d;

      if (*p == '_' && any && base != 10)
        continue;
      d = digit_value (*p);
      if (d < 0 || (guint) d >= base)
        break;
      if (value > (G_MAXUINT64 - (guint) d) / base)
        {
          if (overflow)
            *overflow = TRUE;
          return number_error (error, text, TRUE);
        }
      value = value * base + (guint) d;
      any = TRUE;
    }

  if (!any)
    {
      return number_error (error, text, FALSE);
    }

  if (base == 10 && *p != '\0')
    {
      /* Binary size suffixes: K, KB, KiB, M, ... in any case, all powers
       * of 1024. */
      const char *u = p;
      while (*u == ' ')
        u++;
      switch (*u)
        {
        case 'k': case 'K': shift = 10; break;
        case 'm': case 'M': shift = 20; break;
        case 'g': case 'G': shift = 30; break;
        case 't': case 'T': shift = 40; break;
        case 'p': case 'P': shift = 50; break;
        case 'e': case 'E': shift = 60; break;
        default: shift = 0; break;
        }
      if (shift != 0)
        {
          u++;
          if (*u == 'i' || *u == 'I')
            {
              u++;
              if (*u == 'B' || *u == 'b')
                u++;
              else
                shift = 0;
            }
          else if (*u == 'B' || *u == 'b')
            u++;
          while (*u == ' ' || *u == '\t')
            u++;
          if (shift != 0 && *u == '\0')
            p = u;
          else
            shift = 0;
        }
      if (shift != 0)
        {
          if (value > (G_MAXUINT64 >> shift))
            {
              if (overflow)
                *overflow = TRUE;
              return number_error (error, text, TRUE);
            }
          value <<= shift;
        }
    }

  while (*p == ' ' || *p == '\t')
    p++;

  if (*p != '\0')
    {
      return number_error (error, text, FALSE);
    }

  *out = value;
  return TRUE;
}

/* The base of each thread (NULL: hex), so a worker keeps its own. */
static GPrivate number_base;

PwNumberBase
pw_number_get_base (void)
{
  return (PwNumberBase) GPOINTER_TO_UINT (g_private_get (&number_base));
}

PwNumberBase
pw_number_set_base (PwNumberBase base)
{
  PwNumberBase old = pw_number_get_base ();

  g_private_set (&number_base, GUINT_TO_POINTER ((guint) base));
  return old;
}

/* In decimal, @value's digits in @buf of @size bytes when they fit. */
static gboolean
decimal_fits (guint64  value,
              char    *buf,
              gsize    size)
{
  char digits[24];
  gsize n;

  if (pw_number_get_base () != PW_BASE_DECIMAL)
    return FALSE;
  n = (gsize) g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, value);
  if (n + 1 > size)
    return FALSE;
  memcpy (buf, digits, n + 1);
  return TRUE;
}

const char *
pw_hex_buf (guint64  value,
            char    *buf)
{
  if (!decimal_fits (value, buf, 19))
    g_snprintf (buf, 19, "0x%" G_GINT64_MODIFIER "x", value);
  return buf;
}

const char *
pw_hex_width (guint64  value,
              guint    bits,
              char    *buf,
              gsize    size)
{
  guint digits = MAX (1, (MIN (bits, 64) + 3) / 4);

  if (!decimal_fits (value, buf, size))
    g_snprintf (buf, size, "0x%0*" G_GINT64_MODIFIER "x", digits, value);
  return buf;
}

/* The characters pw_quote() escapes, valid UTF-8 aside: control
 * characters, line and paragraph separators, and invisible format
 * characters (every bidirectional control, U+202A-U+202E, U+2066-U+2069,
 * U+200E, U+200F; zero-width ones; a byte-order mark). */
static gboolean
needs_escape (gunichar c)
{
  return c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0x2028 || c == 0x2029
         || g_unichar_type (c) == G_UNICODE_FORMAT;
}

gboolean
pw_is_plain_text (const char *text)
{
  if (!g_utf8_validate (text, -1, NULL))
    return FALSE;
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (needs_escape (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

char *
pw_quote (const char *text,
          gssize      len)
{
  GString *out = g_string_new ("\u201c");
  const char *p = text, *end;
  guint shown = 0;

  if (text == NULL)
    text = p = "";
  end = len < 0 ? text + strlen (text) : text + len;
  while (p < end)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);
      const char *next;
      char esc[8] = "";
      guint width;

      /* an escape counts as wide as it is printed */
      if (c == (gunichar) -1 || c == (gunichar) -2)
        g_snprintf (esc, sizeof esc, "\\x%02x", (guint8) *p);
      else if (c == '\n')
        strcpy (esc, "\\n");
      else if (c == '\t')
        strcpy (esc, "\\t");
      else if (c == '\r')
        strcpy (esc, "\\r");
      else if (needs_escape (c))
        g_snprintf (esc, sizeof esc, c < 0x100 ? "\\x%02x" : "\\u%04x", c);
      width = esc[0] != '\0' ? (guint) strlen (esc) : 1;
      if (shown + width > PW_QUOTE_MAX)
        {
          g_string_append (out, "\u2026");
          break;
        }
      if (c == (gunichar) -1 || c == (gunichar) -2)
        next = p + 1;
      else
        next = g_utf8_next_char (p);
      if (esc[0] != '\0')
        g_string_append (out, esc);
      else
        g_string_append_len (out, p, next - p);
      shown += width;
      p = next;
    }
  g_string_append (out, "\u201d");
  return g_string_free (out, FALSE);
}

char *
pw_hex (guint64 value)
{
  if (pw_number_get_base () == PW_BASE_DECIMAL)
    return g_strdup_printf ("%" G_GUINT64_FORMAT, value);
  return g_strdup_printf ("0x%" G_GINT64_MODIFIER "x", value);
}

char *
pw_hex_grouped (guint64 value)
{
  char digits[17];
  GString *s;
  guint n, i;

  if (pw_number_get_base () == PW_BASE_DECIMAL)
    return g_strdup_printf ("%" G_GUINT64_FORMAT, value);
  s = g_string_new ("0x");

  n = g_snprintf (digits, sizeof digits, "%" G_GINT64_MODIFIER "x", value);
  for (i = 0; i < n; i++)
    {
      if (i > 0 && (n - i) % 4 == 0)
        g_string_append_c (s, '_');
      g_string_append_c (s, digits[i]);
    }
  return g_string_free (s, FALSE);
}

char *
pw_size_human (guint64 bytes)
{
  static const char *units[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
  guint u = 0;
  double v = (double) bytes;

  while (u + 1 < G_N_ELEMENTS (units) && bytes >= ((guint64) 1024 << (10 * u)))
    u++;
  if (u == 0)
    return g_strdup_printf ("%" G_GUINT64_FORMAT " B", bytes);
  v = (double) bytes / (double) ((guint64) 1 << (10 * u));
  if ((bytes & pw_mask (10 * u)) == 0)
    return g_strdup_printf ("%" G_GUINT64_FORMAT " %s", bytes >> (10 * u), units[u]);
  return g_strdup_printf ("%.1f %s", v, units[u]);
}

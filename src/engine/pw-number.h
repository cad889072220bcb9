/* pw-number.h: numbers as the scenario format writes them (docs/scenario-format.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PW_ERROR (pw_error_quark ())

typedef enum
{
  PW_ERROR_SYNTAX,   /* JSON syntax, or a trace line that cannot be read */
  PW_ERROR_VALUE,    /* a value of the wrong type or range */
  PW_ERROR_UNKNOWN,  /* an unknown key */
  PW_ERROR_IO,
} PwErrorCode;

GQuark    pw_error_quark            (void);

/* Parses "0x1f", "0b101", "42", "4KiB", "2MiB", "1G", "3KB"... into @out.
 * Returns FALSE with a message (without location) in @error. */
gboolean  pw_number_parse           (const char  *text,
                                     guint64     *out,
                                     GError     **error);

/* The base pw_hex(), pw_hex_buf(), pw_hex_width(), pw_hex_grouped() and
 * pw_format_address() (pw-present.h) write numbers in, in the calling
 * thread: hex unless set (what the CLI and every file write), or decimal
 * (the app's preference: OSTEP's examples give addresses in decimal), as
 * plain digits, "8528".  A number whose decimal form does not fit the
 * caller's buffer (pw_hex_buf: 18 digits) is written in hex.
 * pw_number_set_base() returns the base it replaces; the renderer draws
 * with PwRenderOptions.base in force and puts the thread's back. */
typedef enum
{
  PW_BASE_HEX,
  PW_BASE_DECIMAL,
} PwNumberBase;

PwNumberBase pw_number_get_base     (void);
PwNumberBase pw_number_set_base     (PwNumberBase base);

/* "0x1f" style, lower case, no grouping: the form every output uses. */
char     *pw_hex                    (guint64      value);
/* Writes pw_hex() into @buf (at least 19 bytes) and returns it. */
const char *pw_hex_buf              (guint64      value,
                                     char        *buf);
/* "0x00401000": zero-padded to the digits @bits need (at least one), the
 * form used wherever an address or entry of a known width is shown.  @buf
 * holds at least 19 bytes; returns @buf. */
const char *pw_hex_width            (guint64      value,
                                     guint        bits,
                                     char        *buf,
                                     gsize        size);
/* A value quoted in a message: at most PW_QUOTE_MAX characters of @text
 * (@len bytes, or -1 for a NUL-terminated string), control characters,
 * invalid UTF-8 and invisible format characters (bidirectional controls,
 * zero-width ones) escaped (\n, \x1b, \u202e...), cut with "…" when
 * longer, in “”.
 * Every message that repeats what the user gave goes through this, so no
 * message carries a newline, a terminal escape or a huge line. */
#define PW_QUOTE_MAX 60
char     *pw_quote                  (const char  *text,
                                     gssize       len);
/* TRUE when @text is valid UTF-8 that pw_quote() would not escape: it can
 * be printed as it is (a file name in a message). */
gboolean  pw_is_plain_text          (const char  *text);
/* "0x7f12_0000_1234": grouped by four digits from the right, for people. */
char     *pw_hex_grouped            (guint64      value);
/* "4 KiB", "2 MiB", "127.9 TiB": a byte count for people. */
char     *pw_size_human             (guint64      bytes);

/* Bit helpers that are defined for shifts of 64. */
static inline guint64
pw_mask (guint bits)
{
  return bits >= 64 ? G_MAXUINT64 : ((G_GUINT64_CONSTANT (1) << bits) - 1);
}

static inline guint64
pw_bits (guint64 value, guint hi, guint lo)
{
  return (lo >= 64) ? 0 : (value >> lo) & pw_mask (hi - lo + 1);
}

static inline gboolean
pw_is_pow2 (guint64 v)
{
  return v != 0 && (v & (v - 1)) == 0;
}

static inline guint
pw_log2 (guint64 v)
{
  return v == 0 ? 0 : 63 - __builtin_clzll (v);
}

G_END_DECLS

/* pw-trace.c: streaming trace readers
 *
 * Lackey: valgrind --tool=lackey --trace-mem=yes writes "I  ADDR,SIZE" for an
 * instruction fetch and " L|S|M ADDR,SIZE" for a load, store or modify (a
 * load then a store); addresses are hex without 0x; "==PID==" lines are
 * valgrind's own and are skipped.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-trace"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "pw-number.h"
#include "pw-trace.h"

#define BUF_SIZE   (1 << 20)    /* the longest line */
#define BUF_START  (64 << 10)   /* the buffer grows to BUF_SIZE as lines need */
#define DETECT_SIZE 65536

struct _PwTrace
{
  char          *path;
  FILE          *fp;
  PwTraceFormat  format;
  guint64        line_no;
  char          *buf;       /* cap + 1 bytes: lines are read in blocks */
  gsize          cap, len, pos;
  gboolean       eof;
  gboolean       is_stdin;  /* "-": standard input, not closed */
  gboolean       pending_write;   /* lackey M: the store after the load */
  PwTraceAccess  pending;
};

gboolean
pw_trace_format_from_string (const char    *s,
                             PwTraceFormat *out)
{
  if (g_str_equal (s, "auto")) *out = PW_TRACE_AUTO;
  else if (g_str_equal (s, "lackey")) *out = PW_TRACE_LACKEY;
  else if (g_str_equal (s, "plain")) *out = PW_TRACE_PLAIN;
  else if (g_str_equal (s, "pages")) *out = PW_TRACE_PAGES;
  else return FALSE;
  return TRUE;
}

/* Guesses the format from the first lines that say anything: at most 20 of
 * them, within the first 64 KiB.  valgrind's own "==PID==" lines mean lackey. */
static PwTraceFormat
detect (FILE *fp)
{
  char buf[512];
  int seen = 0, lines = 0;
  gsize bytes = 0;
  gboolean valgrind = FALSE;
  PwTraceFormat guess = PW_TRACE_PLAIN;

  while (seen < 20 && lines < 1000 && bytes < 65536 && fgets (buf, sizeof buf, fp))
    {
      char *s;
      lines++;
      bytes += strlen (buf) + 1;
      g_strchomp (buf);
      if (g_str_has_prefix (buf, "=="))
        {
          valgrind = TRUE;
          continue;
        }
      /* lackey's shape first: g_strchug() below moves the text left */
      if ((buf[0] == 'I' && buf[1] == ' ')
          || (buf[0] == ' ' && buf[1] != '\0' && strchr ("LSM", buf[1]) && buf[2] == ' '))
        {
          guess = PW_TRACE_LACKEY;
          break;
        }
      s = g_strchug (buf);
      if (*s == '#' || *s == '\0')
        continue;
      seen++;
      if (strchr (s, ' ') == NULL && strchr (s, '\t') == NULL)
        {
          guess = PW_TRACE_PAGES;
          break;
        }
      guess = PW_TRACE_PLAIN;
      break;
    }
  if (seen == 0 && valgrind)
    guess = PW_TRACE_LACKEY;
  rewind (fp);
  return guess;
}

PwTrace *
pw_trace_open (const char     *path,
               PwTraceFormat   format,
               GError        **error)
{
  gboolean is_stdin = g_str_equal (path, "-");
  FILE *fp = is_stdin ? stdin : fopen (path, "r");
  PwTrace *t;

  if (fp == NULL)
    {
      int saved = errno;
      g_autofree char *shown = pw_is_plain_text (path) ? g_strdup (path) : pw_quote (path, -1);
      g_set_error (error, PW_ERROR, PW_ERROR_IO, "%s: %s", shown, g_strerror (saved));
      return NULL;
    }
  t = g_new0 (PwTrace, 1);
  /* the name every message starts with: escaped when it holds control
   * characters or invalid UTF-8, so none reaches the terminal */
  t->path = is_stdin ? g_strdup ("<stdin>")
            : pw_is_plain_text (path) ? g_strdup (path) : pw_quote (path, -1);
  t->fp = fp;
  t->is_stdin = is_stdin;
  t->cap = MAX (BUF_START, DETECT_SIZE);
  t->buf = g_malloc (t->cap + 1);
  t->buf[0] = '\0';
  t->format = format;
  if (format == PW_TRACE_AUTO)
    {
      /* detect from the first block, read into the line buffer and kept
       * there: a pipe cannot be read twice */
      FILE *head;
      gsize n;
      while (t->len < DETECT_SIZE
             && (n = fread (t->buf + t->len, 1, DETECT_SIZE - t->len, fp)) > 0)
        t->len += n;
      t->buf[t->len] = '\0';
      if (t->len < DETECT_SIZE && !ferror (fp))
        t->eof = TRUE;
      head = t->len > 0 ? fmemopen (t->buf, t->len, "r") : NULL;
      t->format = head ? detect (head) : PW_TRACE_PLAIN;
      if (head)
        fclose (head);
    }
  return t;
}

void
pw_trace_free (PwTrace *t)
{
  if (t == NULL)
    return;
  if (t->fp && !t->is_stdin)
    fclose (t->fp);
  g_free (t->path);
  g_free (t->buf);
  g_free (t);
}

PwTraceFormat
pw_trace_format (const PwTrace *t)
{
  return t->format;
}

gboolean
pw_trace_rewind (PwTrace  *t,
                 GError  **error)
{
  if (t->is_stdin)
    {
      g_set_error (error, PW_ERROR, PW_ERROR_IO, _("%s: standard input cannot be read twice"), t->path);
      return FALSE;
    }
  rewind (t->fp);
  t->line_no = 0;
  t->pending_write = FALSE;
  t->len = t->pos = 0;
  t->buf[0] = '\0';
  t->eof = FALSE;
  return TRUE;
}

/* The next line, NUL-terminated in place, without its newline.  Returns -1
 * at the end, -2 for a line longer than the buffer, -3 for a read error. */
static gssize
read_line (PwTrace  *t,
           char    **line)
{
  for (;;)
    {
      char *start = t->buf + t->pos;
      char *nl = memchr (start, '\n', t->len - t->pos);
      gsize n;

      if (nl != NULL)
        {
          *nl = '\0';
          *line = start;
          t->pos = (gsize) (nl - t->buf) + 1;
          return nl - start;
        }
      if (t->eof)
        {
          if (t->pos == t->len)
            return -1;
          t->buf[t->len] = '\0';
          *line = start;
          n = t->len - t->pos;
          t->pos = t->len;
          return (gssize) n;
        }
      if (t->pos == 0 && t->len == t->cap)
        {
          if (t->cap == BUF_SIZE)
            return -2;
          t->cap = MIN (t->cap * 2, BUF_SIZE);
          t->buf = g_realloc (t->buf, t->cap + 1);
          start = t->buf;         /* pos is 0 */
        }
      memmove (t->buf, start, t->len - t->pos);
      t->len -= t->pos;
      t->pos = 0;
      n = fread (t->buf + t->len, 1, t->cap - t->len, t->fp);
      if (n == 0)
        {
          if (ferror (t->fp))
            return -3;
          t->eof = TRUE;
        }
      t->len += n;
      t->buf[t->len] = '\0';   /* the sentinel the fast paths stop at */
    }
}

/* Hex digit values, -1 for any other byte. */
static const gint8 hex_value[256] = {
  ['0'] = 0 + 1, ['1'] = 1 + 1, ['2'] = 2 + 1, ['3'] = 3 + 1, ['4'] = 4 + 1,
  ['5'] = 5 + 1, ['6'] = 6 + 1, ['7'] = 7 + 1, ['8'] = 8 + 1, ['9'] = 9 + 1,
  ['a'] = 10 + 1, ['b'] = 11 + 1, ['c'] = 12 + 1, ['d'] = 13 + 1, ['e'] = 14 + 1, ['f'] = 15 + 1,
  ['A'] = 10 + 1, ['B'] = 11 + 1, ['C'] = 12 + 1, ['D'] = 13 + 1, ['E'] = 14 + 1, ['F'] = 15 + 1,
};
#define HEX(c) (hex_value[(guint8) (c)] - 1)

/* The hot path: a well-formed lackey access line ("I  ADDR,SIZE" or
 * " L|S|M ADDR,SIZE", then blanks or CRs) or pages line (decimal digits,
 * then CRs), whole in the buffer, parsed where it lies without finding
 * its end first.  Anything else (the line incomplete in the buffer, a
 * comment, a skipped line, an error, another spelling) returns FALSE
 * having changed nothing, and goes the general way, which reads it the
 * same and says the same about it.  The buffer ends in a NUL sentinel. */
static inline gboolean
next_fast (PwTrace       *t,
           PwTraceAccess *out)
{
  const char *line = t->buf + t->pos, *s = line;
  guint64 v = 0;
  int digits = 0;

  if (t->format == PW_TRACE_LACKEY)
    {
      char kind;
      if (s[0] == 'I' && s[1] == ' ')
        kind = 'I';
      else if (s[0] == ' ' && (s[1] == 'L' || s[1] == 'S' || s[1] == 'M') && s[2] == ' ')
        kind = s[1];
      else
        return FALSE;
      s += 2;
      while (*s == ' ')
        s++;
      if (G_LIKELY ((gsize) (s - t->buf) + 9 <= t->len))
        {
          /* eight digits then another byte, lackey's usual address: the
           * digits' values looked up side by side, not one after another
           * (the loop below reads the same) */
          int d0 = HEX (s[0]), d1 = HEX (s[1]), d2 = HEX (s[2]), d3 = HEX (s[3]);
          int d4 = HEX (s[4]), d5 = HEX (s[5]), d6 = HEX (s[6]), d7 = HEX (s[7]);
          if ((d0 | d1 | d2 | d3 | d4 | d5 | d6 | d7) >= 0 && HEX (s[8]) < 0)
            {
              v = (guint32) d0 << 28 | (guint32) d1 << 24 | (guint32) d2 << 20
                  | (guint32) d3 << 16 | (guint32) d4 << 12 | (guint32) d5 << 8
                  | (guint32) d6 << 4 | (guint32) d7;
              digits = 8;
              s += 8;
            }
        }
      for (int d; (d = HEX (*s)) >= 0; s++, digits++)
        v = (v << 4) | (guint64) d;
      if (digits == 0 || digits > 16 || *s != ',')
        return FALSE;
      for (s++; *s >= '0' && *s <= '9'; s++)
        ;
      while (*s == ' ' || *s == '\r')
        s++;
      if (*s != '\n' || s >= t->buf + t->len)
        return FALSE;
      out->va = v;
      out->access = kind == 'I' ? PW_ACCESS_EXEC : kind == 'S' ? PW_ACCESS_WRITE : PW_ACCESS_READ;
      out->is_page = FALSE;
      if (kind == 'M')
        {
          t->pending = *out;
          t->pending.pid = 0;
          t->pending.access = PW_ACCESS_WRITE;
          t->pending_write = TRUE;
        }
    }
  else if (t->format == PW_TRACE_PAGES)
    {
      /* at most 19 digits: no overflow */
      for (; *s >= '0' && *s <= '9' && digits < 20; s++, digits++)
        v = v * 10 + (guint64) (*s - '0');
      if (digits == 0 || digits > 19)
        return FALSE;
      while (*s == '\r')
        s++;
      if (*s != '\n' || s >= t->buf + t->len)
        return FALSE;
      out->va = v;
      out->access = PW_ACCESS_READ;
      out->is_page = TRUE;
    }
  else
    return FALSE;
  out->pid = 0;
  t->pos = (gsize) (s - t->buf) + 1;
  t->line_no++;
  return TRUE;
}

static gboolean
bad_line (PwTrace     *t,
          GError     **error,
          const char  *why)
{
  g_set_error (error, PW_ERROR, PW_ERROR_SYNTAX, "%s:%" G_GUINT64_FORMAT ": %s",
               t->path, t->line_no, why);
  return FALSE;
}

/* A number that does not parse, repeated through pw_quote(). */
static gboolean
bad_number (PwTrace     *t,
            GError     **error,
            const char  *text)
{
  g_autofree char *quoted = pw_quote (text, -1);
  g_autofree char *why = g_strdup_printf (_("%s is not a number of 64 bits"), quoted);

  return bad_line (t, error, why);
}

/* The same, saying what was found: at most a short, escaped excerpt
 * (pw_quote), however long the line or whatever bytes it holds. */
static gboolean
bad_text (PwTrace     *t,
          GError     **error,
          const char  *text,
          gssize       len,
          const char  *why)
{
  g_autofree char *q = pw_quote (text, len);

  g_set_error (error, PW_ERROR, PW_ERROR_SYNTAX, "%s:%" G_GUINT64_FORMAT ": %s: %s",
               t->path, t->line_no, q, why);
  return FALSE;
}

gboolean
pw_trace_next (PwTrace        *t,
               PwTraceAccess  *out,
               GError        **error)
{
  if (t->pending_write)
    {
      *out = t->pending;
      t->pending_write = FALSE;
      return TRUE;
    }
  if (next_fast (t, out))
    return TRUE;

  for (;;)
    {
      char *line = NULL;
      gssize n = read_line (t, &line);
      char *s;

      if (n == -1)
        return FALSE;
      if (n == -2)
        {
          t->line_no++;
          return bad_line (t, error, _("the line is longer than 1 MiB"));
        }
      if (n == -3)
        {
          g_set_error (error, PW_ERROR, PW_ERROR_IO, "%s: %s", t->path, _("read error"));
          return FALSE;
        }
      t->line_no++;
      /* lackey lines are checked to their very end below, NUL bytes included */
      if (t->format != PW_TRACE_LACKEY && memchr (line, '\0', (gsize) n) != NULL)
        return bad_line (t, error, _("the line holds a NUL byte"));
      s = line;
      while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r'))
        s[--n] = '\0';

      out->pid = 0;
      out->is_page = FALSE;
      switch (t->format)
        {
        case PW_TRACE_LACKEY:
          {
            char kind;
            guint64 va = 0;
            int digits = 0;
            if ((s[0] == '=' && s[1] == '=') || s[0] == '\0')
              continue;
            if (s[0] == 'I' && s[1] == ' ')
              kind = 'I';
            else if (s[0] == ' ' && (s[1] == 'L' || s[1] == 'S' || s[1] == 'M') && s[2] == ' ')
              kind = s[1];
            else
              return bad_text (t, error, line, n,
                               _("not a lackey line (expected “I  ADDR,SIZE” or “ L|S|M ADDR,SIZE”)"));
            s += 2;
            while (*s == ' ')
              s++;
            for (;; s++, digits++)
              {
                int d;
                char c = *s;
                if (c >= '0' && c <= '9') d = c - '0';
                else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
                else if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
                else break;
                va = (va << 4) | (guint64) d;
              }
            if (digits == 0 || digits > 16 || *s != ',')
              return bad_text (t, error, line, n,
                               _("expected a hex address and a size, as in “1ffefffd60,8”"));
            for (s++; *s >= '0' && *s <= '9'; s++)
              ;
            while (*s == ' ' || *s == '\r')
              s++;
            if (s != line + n)
              return bad_text (t, error, line, n,
                               _("expected a hex address and a size, as in “1ffefffd60,8”"));
            out->va = va;
            out->access = kind == 'I' ? PW_ACCESS_EXEC : kind == 'S' ? PW_ACCESS_WRITE : PW_ACCESS_READ;
            if (kind == 'M')
              {
                t->pending = *out;
                t->pending.access = PW_ACCESS_WRITE;
                t->pending_write = TRUE;
              }
            return TRUE;
          }

        case PW_TRACE_PAGES:
          {
            g_autoptr(GError) local = NULL;
            guint64 page;
            s = g_strstrip (s);
            if (*s == '\0' || *s == '#')
              continue;
            if (!pw_number_parse (s, &page, &local))
              return bad_number (t, error, s);
            out->va = page;
            out->is_page = TRUE;
            out->access = PW_ACCESS_READ;
            return TRUE;
          }

        case PW_TRACE_PLAIN:
        case PW_TRACE_AUTO:
        default:
          {
            g_auto(GStrv) words = NULL;
            g_autoptr(GError) local = NULL;
            guint nw, w = 0;
            guint64 pid = 0, va;
            char *hash = strchr (s, '#');
            if (hash)
              *hash = '\0';
            s = g_strstrip (s);
            if (*s == '\0')
              continue;
            words = g_strsplit_set (s, " \t", -1);
            /* drop empty words from repeated blanks */
            {
              guint j = 0;
              for (guint i = 0; words[i]; i++)
                if (*words[i])
                  words[j++] = words[i];
                else
                  g_free (words[i]);
              words[j] = NULL;
              nw = j;
            }
            if (nw == 3)
              {
                if (!pw_number_parse (words[0], &pid, &local) || pid == 0 || pid > G_MAXUINT)
                  return bad_text (t, error, words[0], -1,
                                   _("expected a process id (a number above 0) first"));
                w = 1;
              }
            else if (nw != 2)
              return bad_text (t, error, s, -1, _("expected “[PID] r|w|x ADDRESS”"));
            if (!pw_access_from_string (words[w], &out->access))
              return bad_text (t, error, words[w], -1, _("the access must be r, w or x"));
            if (!pw_number_parse (words[w + 1], &va, &local))
              return bad_number (t, error, words[w + 1]);
            out->pid = (guint) pid;
            out->va = va;
            return TRUE;
          }
        }
    }
}

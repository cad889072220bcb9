/* pw-scenario-json.c: the strict scan of a scenario's raw bytes, and its tree
 *
 * Pass 1 of loading (see pw-scenario.c): NUL bytes, UTF-8, JSON syntax per
 * RFC 8259, nesting depth, duplicate keys and JSON integers above 2^53,
 * reported as "FILE:LINE:COL: message" with 1-based lines and columns
 * counted in characters.  The same scan builds the document's tree
 * (PwJson, pw-scenario-private.h) that pass 2 reads: nodes and member
 * arrays in an arena, strings in a GStringChunk, so a document of a million
 * small objects costs a few allocations per megabyte, not per value.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-scenario"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pw-scenario-private.h"

#include <string.h>

/* ---- number messages shared by the scan and the parser ---------------------- */

char *
too_big_message (const char *literal)
{
  return g_strdup_printf (_("%s is above 2^53, too large for a JSON integer; "
                            "use a hex string such as \"0x...\""), literal);
}

char *
negative_message (const char *literal)
{
  return g_strdup_printf (_("%s is negative; numbers here are 0 or more"), literal);
}

/* ---- the tree ------------------------------------------------------------- */

#define ARENA_BLOCK  ((gsize) 256 * 1024)

typedef struct _ArenaBlock ArenaBlock;
struct _ArenaBlock
{
  ArenaBlock *next;
  gsize       size, used;
  gdouble     data[];       /* aligned for any node */
};

struct _PwJsonDoc
{
  ArenaBlock   *blocks;
  GStringChunk *strings;
  PwJson       *root;
};

static gpointer
arena_alloc (PwJsonDoc *doc,
             gsize      size)
{
  ArenaBlock *b = doc->blocks;
  gpointer p;

  size = (size + 7) & ~(gsize) 7;
  if (b == NULL || b->size - b->used < size)
    {
      gsize n = MAX (size, ARENA_BLOCK);
      b = g_malloc (sizeof (ArenaBlock) + n);
      b->size = n;
      b->used = 0;
      b->next = doc->blocks;
      doc->blocks = b;
    }
  p = (guint8 *) b->data + b->used;
  b->used += size;
  return p;
}

static PwJson *
new_node (PwJsonDoc  *doc,
          PwJsonType  type)
{
  PwJson *n = arena_alloc (doc, sizeof (PwJson));
  memset (n, 0, sizeof *n);
  n->type = type;
  return n;
}

void
pw_json_doc_free (PwJsonDoc *doc)
{
  if (doc == NULL)
    return;
  while (doc->blocks != NULL)
    {
      ArenaBlock *next = doc->blocks->next;
      g_free (doc->blocks);
      doc->blocks = next;
    }
  g_string_chunk_free (doc->strings);
  g_free (doc);
}

PwJson *
pw_json_doc_root (PwJsonDoc *doc)
{
  return doc->root;
}

/* Objects are small in a scenario; one with very many keys is searched
 * linearly, which pass 2 does a bounded number of times per object. */
PwJson *
pw_json_object_get_member (PwJson     *o,
                           const char *key)
{
  for (guint i = 0; i < o->n; i++)
    if (g_str_equal (o->members[i].key, key))
      return o->members[i].value;
  return NULL;
}

/* ---- pass 1: the scan ----------------------------------------------------- */

typedef struct
{
  gboolean    is_object;
  gsize       open_at;      /* offset of the bracket */
  guint       index;        /* arrays: the current element */
  const char *key;          /* objects: the current key, decoded (in keyv) */
  GPtrArray  *keyv;         /* objects: keys seen so far; kept for reuse */
  GHashTable *keys;         /* the same keys, once there are many of them */
  GPtrArray  *children;     /* the values so far; kept for reuse */
  PwJson     *node;         /* the object or array being built */
} ScanFrame;

typedef struct
{
  const char *data;
  gsize       len;
  gsize       pos;
  const char *file;
  ScanFrame   stack[MAX_DEPTH];
  guint       depth;
  char       *value_error;  /* first big integer met: "path: message" */
  GError    **error;
  PwJsonDoc  *doc;
  GString    *buf;          /* the string being decoded */
  PwJson     *value;        /* the value just scanned */
} Scan;

static void
offset_to_line_col (const char *data,
                    gsize       offset,
                    guint      *line,
                    guint      *col)
{
  guint l = 1, c = 1;
  gsize i = 0;

  /* a byte-order mark is ignored: it takes no column */
  if (offset >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    i = 3;
  for (; i < offset; i++)
    {
      guchar ch = (guchar) data[i];
      if (ch == '\n')
        l++, c = 1;
      else if ((ch & 0xc0) != 0x80)
        c++;
    }
  *line = l;
  *col = c;
}

static gboolean scan_fail (Scan       *s,
                           gsize       offset,
                           const char *format,
                           ...) G_GNUC_PRINTF (3, 4);

static gboolean
scan_fail (Scan       *s,
           gsize       offset,
           const char *format,
           ...)
{
  g_autofree char *msg = NULL;
  guint line, col;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);

  offset_to_line_col (s->data, offset, &line, &col);
  g_set_error (s->error, PW_ERROR, PW_ERROR_SYNTAX, "%s:%u:%u: %s", s->file, line, col, msg);
  return FALSE;
}

static gboolean
is_word_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '$';
}

/* What stands at @pos, quoted, for "found X" messages. */
static char *
describe_at (Scan  *s,
             gsize  pos)
{
  GString *out;
  gsize end;

  if (pos >= s->len)
    return g_strdup (_("the end of the file"));

  out = g_string_new ("“");
  end = pos;
  if (is_word_char (s->data[pos]))
    {
      while (end < s->len && is_word_char (s->data[end]) && end - pos < 32)
        end++;
    }
  else if (s->data[pos] == '"')
    {
      end++;
      while (end < s->len && s->data[end] != '"' && s->data[end] != '\n' && end - pos < 32)
        end++;
      if (end < s->len && s->data[end] == '"')
        end++;
      while (end > pos + 1 && end < s->len && ((guchar) s->data[end] & 0xc0) == 0x80)
        end--;
    }
  else
    {
      const char *next = g_utf8_find_next_char (s->data + pos, s->data + s->len);
      end = next ? (gsize) (next - s->data) : s->len;
    }
  append_shown (out, s->data + pos, end - pos);
  g_string_append (out, "”");
  return g_string_free (out, FALSE);
}

static gboolean
scan_unexpected (Scan       *s,
                 const char *expected)
{
  g_autofree char *found = NULL;

  if (s->pos + 1 < s->len && s->data[s->pos] == '/'
      && (s->data[s->pos + 1] == '/' || s->data[s->pos + 1] == '*'))
    return scan_fail (s, s->pos, _("comments are not allowed in JSON"));
  if (s->pos < s->len && s->data[s->pos] == '\'')
    return scan_fail (s, s->pos, _("JSON strings take double quotes (\"), not single quotes"));
  if (s->pos >= s->len && s->depth > 0)
    {
      ScanFrame *f = &s->stack[s->depth - 1];
      guint line, col;

      offset_to_line_col (s->data, f->open_at, &line, &col);
      /* Translators: “{” or “[”, then the line and column where it opened */
      return scan_fail (s, s->pos, _("the file ends before the “%s” opened at %u:%u is closed"),
                        f->is_object ? "{" : "[", line, col);
    }
  found = describe_at (s, s->pos);
  /* Translators: what the JSON syntax needs here, then what the file has */
  return scan_fail (s, s->pos, _("expected %s, found %s"), expected, found);
}

static void
scan_skip_ws (Scan *s)
{
  while (s->pos < s->len)
    {
      char c = s->data[s->pos];
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
        break;
      s->pos++;
    }
}

static int
hex4 (const char *p)
{
  int v = 0;
  for (guint i = 0; i < 4; i++)
    {
      char c = p[i];
      v <<= 4;
      if (c >= '0' && c <= '9')
        v |= c - '0';
      else if (c >= 'a' && c <= 'f')
        v |= c - 'a' + 10;
      else if (c >= 'A' && c <= 'F')
        v |= c - 'A' + 10;
      else
        return -1;
    }
  return v;
}

/* Scans the string at s->pos (a '"'); decodes it into @decoded if given. */
static gboolean
scan_string (Scan    *s,
             GString *decoded)
{
  gsize open = s->pos;

  s->pos++;
  for (;;)
    {
      gsize run = s->pos;
      guchar c;

      /* copy plain runs at once */
      while (s->pos < s->len)
        {
          c = (guchar) s->data[s->pos];
          if (c == '"' || c == '\\' || c < 0x20)
            break;
          s->pos++;
        }
      if (decoded && s->pos > run)
        g_string_append_len (decoded, s->data + run, s->pos - run);

      if (s->pos >= s->len)
        return scan_fail (s, open, _("this string is never closed (a “\"” is missing)"));

      c = (guchar) s->data[s->pos];
      if (c == '"')
        {
          s->pos++;
          return TRUE;
        }
      if (c < 0x20)
        {
          if (c == '\n' || c == '\r')
            return scan_fail (s, s->pos, _("a line break inside a string (write \\n, or close the string)"));
          if (c == '\t')
            return scan_fail (s, s->pos, _("a tab inside a string (write \\t)"));
          return scan_fail (s, s->pos, _("control character U+%04X inside a string"), c);
        }

      /* an escape */
      if (s->pos + 1 >= s->len)
        return scan_fail (s, open, _("this string is never closed (a “\"” is missing)"));
      switch (s->data[s->pos + 1])
        {
        case '"': case '\\': case '/':
          if (decoded)
            g_string_append_c (decoded, s->data[s->pos + 1]);
          s->pos += 2;
          break;
        case 'b': if (decoded) g_string_append_c (decoded, '\b'); s->pos += 2; break;
        case 'f': if (decoded) g_string_append_c (decoded, '\f'); s->pos += 2; break;
        case 'n': if (decoded) g_string_append_c (decoded, '\n'); s->pos += 2; break;
        case 'r': if (decoded) g_string_append_c (decoded, '\r'); s->pos += 2; break;
        case 't': if (decoded) g_string_append_c (decoded, '\t'); s->pos += 2; break;
        case 'u':
          {
            gsize at = s->pos;
            int u;
            gunichar ch;

            if (s->pos + 6 > s->len || (u = hex4 (s->data + s->pos + 2)) < 0)
              return scan_fail (s, at, _("\\u must be followed by four hex digits"));
            s->pos += 6;
            if (u == 0)
              return scan_fail (s, at, _("\\u0000 (a NUL character) is not allowed"));
            if (u >= 0xdc00 && u <= 0xdfff)
              return scan_fail (s, at, _("\\u%04x is half of a surrogate pair, alone"), u);
            ch = (gunichar) u;
            if (u >= 0xd800 && u <= 0xdbff)
              {
                int lo;
                if (s->pos + 6 > s->len || s->data[s->pos] != '\\' || s->data[s->pos + 1] != 'u'
                    || (lo = hex4 (s->data + s->pos + 2)) < 0 || lo < 0xdc00 || lo > 0xdfff)
                  return scan_fail (s, at, _("\\u%04x is half of a surrogate pair, alone"), u);
                s->pos += 6;
                ch = 0x10000 + (((gunichar) u - 0xd800) << 10) + ((gunichar) lo - 0xdc00);
              }
            if (decoded)
              g_string_append_unichar (decoded, ch);
          }
          break;
        default:
          {
            GString *what = g_string_new ("\\");
            const char *next = g_utf8_find_next_char (s->data + s->pos + 1, s->data + s->len);
            g_autofree char *w = NULL;

            append_shown (what, s->data + s->pos + 1,
                          (next ? next : s->data + s->len) - (s->data + s->pos + 1));
            w = g_string_free (what, FALSE);
            return scan_fail (s, s->pos, _("unknown escape “%s” in a string (escapes are "
                                           "\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)"), w);
          }
        }
    }
}

static char *
scan_path (Scan *s)
{
  GString *p = g_string_new (NULL);

  for (guint i = 0; i < s->depth; i++)
    {
      ScanFrame *f = &s->stack[i];
      if (f->is_object)
        {
          if (f->key == NULL)
            break;
          if (p->len > 0)
            g_string_append_c (p, '.');
          append_shown (p, f->key, -1);
        }
      else
        g_string_append_printf (p, "[%u]", f->index);
    }
  return g_string_free (p, FALSE);
}

static gboolean
scan_number (Scan *s)
{
  gsize start = s->pos;
  gsize digits;
  gboolean negative = FALSE, integer = TRUE;

  if (s->data[s->pos] == '-')
    {
      negative = TRUE;
      s->pos++;
    }
  digits = s->pos;
  if (s->pos >= s->len || !g_ascii_isdigit (s->data[s->pos]))
    return scan_fail (s, start, _("a “-” must be followed by digits"));
  if (s->data[s->pos] == '0' && s->pos + 1 < s->len
      && (s->data[s->pos + 1] == 'x' || s->data[s->pos + 1] == 'X'
          || s->data[s->pos + 1] == 'b' || s->data[s->pos + 1] == 'B'))
    return scan_fail (s, start, _("hex and binary numbers must be strings: write \"0x1f\" or \"0b101\""));
  if (s->data[s->pos] == '0' && s->pos + 1 < s->len && g_ascii_isdigit (s->data[s->pos + 1]))
    return scan_fail (s, start, _("JSON numbers cannot start with 0 (for hex, write a string: \"0x10\")"));
  while (s->pos < s->len && g_ascii_isdigit (s->data[s->pos]))
    s->pos++;
  if (s->pos < s->len && s->data[s->pos] == '.')
    {
      integer = FALSE;
      s->pos++;
      if (s->pos >= s->len || !g_ascii_isdigit (s->data[s->pos]))
        return scan_fail (s, s->pos, _("a “.” in a number must be followed by digits"));
      while (s->pos < s->len && g_ascii_isdigit (s->data[s->pos]))
        s->pos++;
    }
  if (s->pos < s->len && (s->data[s->pos] == 'e' || s->data[s->pos] == 'E'))
    {
      integer = FALSE;
      s->pos++;
      if (s->pos < s->len && (s->data[s->pos] == '+' || s->data[s->pos] == '-'))
        s->pos++;
      if (s->pos >= s->len || !g_ascii_isdigit (s->data[s->pos]))
        return scan_fail (s, s->pos, _("an exponent in a number must have digits"));
      while (s->pos < s->len && g_ascii_isdigit (s->data[s->pos]))
        s->pos++;
    }
  if (s->pos < s->len && (g_ascii_isalpha (s->data[s->pos]) || s->data[s->pos] == '_'))
    return scan_fail (s, start, _("numbers with units must be strings: write \"4KiB\", not 4KiB"));

  if (integer)
    {
      guint64 v = 0;

      /* saturated: a value above 2^53 fails the scan below anyway */
      for (gsize i = digits; i < s->pos; i++)
        v = v > JSON_SAFE_MAX ? v : v * 10 + (guint64) (s->data[i] - '0');
      s->value = new_node (s->doc, PW_JSON_INT);
      s->value->i = negative ? -(gint64) MIN (v, JSON_SAFE_MAX + 1) : (gint64) MIN (v, JSON_SAFE_MAX + 1);
    }
  else
    {
      char lit[64];
      gsize n = MIN (s->pos - start, sizeof lit - 1);

      s->value = new_node (s->doc, PW_JSON_DOUBLE);
      if (s->pos - start < sizeof lit)
        {
          memcpy (lit, s->data + start, n);
          lit[n] = '\0';
          s->value->d = g_ascii_strtod (lit, NULL);
        }
      else
        {
          g_autofree char *big = g_strndup (s->data + start, s->pos - start);
          s->value->d = g_ascii_strtod (big, NULL);
        }
    }

  if (s->value_error == NULL)
    {
      gsize n = s->pos - digits;
      gboolean big;

      if (integer)
        big = n > 16 || (n == 16 && memcmp (s->data + digits, "9007199254740992", 16) > 0);
      else
        {
          /* 1e400, 12345678901234567890.5: as large, and no exact value either */
          g_autofree char *lit = g_strndup (s->data + start, s->pos - start);
          double d = g_ascii_strtod (lit, NULL);
          big = !(d >= -(double) JSON_SAFE_MAX && d <= (double) JSON_SAFE_MAX);
        }
      if (big)
        {
          g_autofree char *path = scan_path (s);
          g_autofree char *msg = NULL;
          GString *lit = g_string_new (NULL);

          append_shown (lit, s->data + start, s->pos - start);
          msg = negative ? negative_message (lit->str) : too_big_message (lit->str);
          g_string_free (lit, TRUE);
          s->value_error = path[0] ? g_strdup_printf ("%s: %s", path, msg) : g_strdup (msg);
        }
    }
  return TRUE;
}

static gboolean
scan_literal (Scan *s)
{
  static const char * const words[] = { "true", "false", "null" };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      gsize n = strlen (words[i]);
      if (s->len - s->pos >= n && memcmp (s->data + s->pos, words[i], n) == 0
          && (s->pos + n == s->len || !is_word_char (s->data[s->pos + n])))
        {
          s->pos += n;
          s->value = new_node (s->doc, i == 2 ? PW_JSON_NULL : PW_JSON_BOOL);
          s->value->b = i == 0;
          return TRUE;
        }
    }
  return scan_unexpected (s, _("a value"));
}

/* Duplicate keys: a short list per object, searched in order, and a hash
 * table once an object has many keys, so neither many small objects nor
 * one huge object costs more than linear time. */
#define KEYS_LISTED 16

static gboolean
key_seen (ScanFrame  *f,
          const char *key)
{
  if (f->keys != NULL)
    return g_hash_table_contains (f->keys, key);
  for (guint i = 0; f->keyv != NULL && i < f->keyv->len; i++)
    if (g_str_equal (g_ptr_array_index (f->keyv, i), key))
      return TRUE;
  return FALSE;
}

static void
key_add (ScanFrame  *f,
         const char *key)
{
  if (f->keyv == NULL)
    f->keyv = g_ptr_array_new ();
  g_ptr_array_add (f->keyv, (gpointer) key);
  f->key = key;
  if (f->keys != NULL)
    g_hash_table_add (f->keys, (gpointer) key);
  else if (f->keyv->len > KEYS_LISTED)
    {
      f->keys = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; i < f->keyv->len; i++)
        g_hash_table_add (f->keys, g_ptr_array_index (f->keyv, i));
    }
}

static void
scan_pop (Scan *s)
{
  ScanFrame *f = &s->stack[--s->depth];
  f->key = NULL;
  f->node = NULL;
  if (f->keyv != NULL)
    g_ptr_array_set_size (f->keyv, 0);
  if (f->children != NULL)
    g_ptr_array_set_size (f->children, 0);
  g_clear_pointer (&f->keys, g_hash_table_unref);
}

/* The closing bracket: the object or array gets its members, in order,
 * and is the value just scanned. */
static void
scan_close (Scan *s)
{
  ScanFrame *f = &s->stack[s->depth - 1];
  PwJson *node = f->node;
  guint n = f->children->len;

  node->n = n;
  if (f->is_object)
    {
      node->members = arena_alloc (s->doc, MAX (n, 1) * sizeof (PwJsonMember));
      for (guint i = 0; i < n; i++)
        {
          node->members[i].key = g_ptr_array_index (f->keyv, i);
          node->members[i].value = g_ptr_array_index (f->children, i);
        }
    }
  else
    {
      node->elements = arena_alloc (s->doc, MAX (n, 1) * sizeof (PwJson *));
      if (n > 0)
        memcpy (node->elements, f->children->pdata, n * sizeof (PwJson *));
    }
  s->pos++;
  scan_pop (s);
  s->value = node;
}

static gboolean
scan_push (Scan     *s,
           gboolean  is_object)
{
  GPtrArray *keyv, *children;
  ScanFrame *f;

  if (s->depth == MAX_DEPTH)
    return scan_fail (s, s->pos, _("nesting deeper than %d levels"), MAX_DEPTH);
  f = &s->stack[s->depth++];
  keyv = f->keyv;
  children = f->children;
  memset (f, 0, sizeof *f);
  f->keyv = keyv;
  f->children = children != NULL ? children : g_ptr_array_new ();
  f->node = new_node (s->doc, is_object ? PW_JSON_OBJECT : PW_JSON_ARRAY);
  f->is_object = is_object;
  f->open_at = s->pos;
  s->pos++;
  return TRUE;
}

typedef enum
{
  WANT_VALUE,
  WANT_VALUE_OR_CLOSE,   /* just after '[' */
  WANT_KEY_OR_CLOSE,     /* just after '{' */
  WANT_KEY,              /* after ',' in an object */
  WANT_COLON,
  WANT_COMMA_OR_CLOSE,
  WANT_END,
} ScanState;

static gboolean
scan_all (Scan *s)
{
  ScanState state = WANT_VALUE;
  gsize comma_at = 0;
  gboolean after_comma = FALSE;

  scan_skip_ws (s);
  if (s->pos >= s->len)
    return scan_fail (s, s->pos, _("the file is empty (a scenario is a JSON object: { \"pagewalk\": 1, ... })"));
  if (s->data[s->pos] != '{')
    {
      g_autofree char *found = describe_at (s, s->pos);
      return scan_fail (s, s->pos, _("a scenario must be a JSON object starting with “{”, found %s"), found);
    }

  for (;;)
    {
      scan_skip_ws (s);
      switch (state)
        {
        case WANT_VALUE_OR_CLOSE:
          if (s->pos < s->len && s->data[s->pos] == ']')
            {
              scan_close (s);
              goto value_done;
            }
          G_GNUC_FALLTHROUGH;
        case WANT_VALUE:
          if (s->pos >= s->len)
            return scan_unexpected (s, _("a value"));
          switch (s->data[s->pos])
            {
            case '{':
              if (!scan_push (s, TRUE))
                return FALSE;
              state = WANT_KEY_OR_CLOSE;
              continue;
            case '[':
              if (!scan_push (s, FALSE))
                return FALSE;
              state = WANT_VALUE_OR_CLOSE;
              continue;
            case '"':
              g_string_truncate (s->buf, 0);
              if (!scan_string (s, s->buf))
                return FALSE;
              s->value = new_node (s->doc, PW_JSON_STRING);
              s->value->s = g_string_chunk_insert_len (s->doc->strings, s->buf->str,
                                                       (gssize) s->buf->len);
              goto value_done;
            case ']':
              if (after_comma)
                return scan_fail (s, comma_at, _("a comma before “]”: remove it (JSON allows no trailing comma)"));
              return scan_unexpected (s, _("a value"));
            default:
              if (s->data[s->pos] == '-' || g_ascii_isdigit (s->data[s->pos]))
                {
                  if (!scan_number (s))
                    return FALSE;
                  goto value_done;
                }
              if (!scan_literal (s))
                return FALSE;
              goto value_done;
            }

        case WANT_KEY_OR_CLOSE:
          if (s->pos < s->len && s->data[s->pos] == '}')
            {
              scan_close (s);
              goto value_done;
            }
          G_GNUC_FALLTHROUGH;
        case WANT_KEY:
          if (s->pos < s->len && s->data[s->pos] == '"')
            {
              ScanFrame *f = &s->stack[s->depth - 1];
              gsize at = s->pos;

              g_string_truncate (s->buf, 0);
              if (!scan_string (s, s->buf))
                return FALSE;
              if (key_seen (f, s->buf->str))
                {
                  g_autofree char *k = shown (s->buf->str);
                  return scan_fail (s, at, _("the key “%s” appears twice in this object"), k);
                }
              key_add (f, g_string_chunk_insert_len (s->doc->strings, s->buf->str,
                                                     (gssize) s->buf->len));
              state = WANT_COLON;
              continue;
            }
          if (state == WANT_KEY && s->pos < s->len && s->data[s->pos] == '}')
            return scan_fail (s, comma_at, _("a comma before “}”: remove it (JSON allows no trailing comma)"));
          return scan_unexpected (s, _("a key in double quotes"));

        case WANT_COLON:
          if (s->pos < s->len && s->data[s->pos] == ':')
            {
              s->pos++;
              state = WANT_VALUE;
              after_comma = FALSE;
              continue;
            }
          return scan_unexpected (s, _("“:” after the key"));

        case WANT_COMMA_OR_CLOSE:
          {
            ScanFrame *f = &s->stack[s->depth - 1];
            char close = f->is_object ? '}' : ']';

            if (s->pos < s->len && s->data[s->pos] == ',')
              {
                comma_at = s->pos;
                s->pos++;
                if (f->is_object)
                  state = WANT_KEY;
                else
                  {
                    f->index++;
                    state = WANT_VALUE;
                    after_comma = TRUE;
                  }
                continue;
              }
            if (s->pos < s->len && s->data[s->pos] == close)
              {
                scan_close (s);
                goto value_done;
              }
            return scan_unexpected (s, f->is_object ? _("“,” or “}”") : _("“,” or “]”"));
          }

        case WANT_END:
          if (s->pos >= s->len)
            return TRUE;
          {
            g_autofree char *found = describe_at (s, s->pos);
            return scan_fail (s, s->pos, _("%s after the end of the scenario object"), found);
          }

        default:
          g_assert_not_reached ();
        }

    value_done:
      if (s->depth > 0)
        g_ptr_array_add (s->stack[s->depth - 1].children, s->value);
      else
        s->doc->root = s->value;
      after_comma = FALSE;
      state = s->depth == 0 ? WANT_END : WANT_COMMA_OR_CLOSE;
    }
}

/* Scans the whole document (after a UTF-8 byte-order mark, if any) and
 * returns its tree, or NULL with the error set. */
PwJsonDoc *
pw_json_scan (const char  *data,
              gsize        len,
              const char  *file,
              GError     **error)
{
  Scan s = { 0 };
  const char *end = NULL;
  PwJsonDoc *doc;
  gboolean ok;

  s.data = data;
  s.len = len;
  s.file = file;
  s.error = error;

  if (!g_utf8_validate_len (data, len, &end))
    {
      gsize at = end - data;
      if (data[at] == '\0')
        scan_fail (&s, at, _("the file contains a NUL byte; a scenario is UTF-8 text"));
      else
        scan_fail (&s, at, _("invalid UTF-8 (byte 0x%02x); a scenario is UTF-8 text"),
                   (guchar) data[at]);
      return NULL;
    }

  if (len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    s.pos = 3;

  doc = g_new0 (PwJsonDoc, 1);
  doc->strings = g_string_chunk_new (64 * 1024);
  s.doc = doc;
  s.buf = g_string_new (NULL);
  ok = scan_all (&s);
  while (s.depth > 0)
    scan_pop (&s);
  for (guint i = 0; i < MAX_DEPTH; i++)
    {
      g_clear_pointer (&s.stack[i].keyv, g_ptr_array_unref);
      g_clear_pointer (&s.stack[i].children, g_ptr_array_unref);
    }
  g_string_free (s.buf, TRUE);

  if (ok && s.value_error != NULL)
    {
      g_set_error (error, PW_ERROR, PW_ERROR_VALUE, "%s: %s", file, s.value_error);
      ok = FALSE;
    }
  g_free (s.value_error);
  if (!ok)
    {
      pw_json_doc_free (doc);
      return NULL;
    }
  return doc;
}

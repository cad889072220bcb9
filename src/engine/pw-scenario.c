/* pw-scenario.c: the scenario loader (contract sections 1, 2 and 3)
 *
 * Loading happens in three passes, so that nothing is ever half-loaded:
 *
 *  1. A strict scan of the raw bytes (prescan): NUL bytes, UTF-8, JSON
 *     syntax per RFC 8259, nesting depth, duplicate keys and JSON integers
 *     above 2^53 (json-glib 1.6 clamps those silently).  It reports
 *     "FILE:LINE:COL: message" with 1-based lines and columns counted in
 *     characters.
 *  2. json-glib builds the tree, and the parser below checks every key,
 *     type and range, reporting "FILE: json.path: message".
 *  3. pw_scenario_load_*() sets up a machine once (pw_machine_new) so that
 *     what only set-up can find is reported too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-scenario"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "pw-engine-resources.h"
#include "pw-machine.h"
#include "pw-number.h"
#include "pw-number-private.h"
#include "pw-scenario.h"

#include <errno.h>
#include <string.h>

#define MAX_DEPTH        64
#define MAX_FILE_SIZE    (G_GUINT64_CONSTANT (256) * 1024 * 1024)
#define JSON_SAFE_MAX    (G_GUINT64_CONSTANT (1) << 53)
#define MAX_DISK_SLOTS   (G_GUINT64_CONSTANT (1) << 24)
#define MAX_TLB_ENTRIES  65536
#define MAX_SHOWN_CHARS  64
#define EXAMPLES_PATH    "/org/pagewalk/Pagewalk/examples/"
#define EXAMPLE_SUFFIX   ".pagewalk"

/* ---- small helpers -------------------------------------------------------- */

/* A user-supplied string made safe for a one-line message: control
 * characters escaped, at most MAX_SHOWN_CHARS characters. */
static void
append_shown (GString    *s,
              const char *text,
              gssize      len)
{
  const char *p = text;
  const char *end = len < 0 ? text + strlen (text) : text + len;
  guint n = 0;

  while (p < end)
    {
      guchar ch = (guchar) *p;
      const char *next;

      if (n == MAX_SHOWN_CHARS)
        {
          g_string_append (s, "…");
          return;
        }
      if (ch < 0x20 || ch == 0x7f)
        {
          switch (ch)
            {
            case '\n': g_string_append (s, "\\n"); break;
            case '\t': g_string_append (s, "\\t"); break;
            case '\r': g_string_append (s, "\\r"); break;
            default: g_string_append_printf (s, "\\x%02x", ch); break;
            }
          p++;
        }
      else
        {
          next = g_utf8_find_next_char (p, end);
          if (next == NULL)
            next = end;
          g_string_append_len (s, p, next - p);
          p = next;
        }
      n++;
    }
}

static char *
shown (const char *text)
{
  GString *s = g_string_new (NULL);
  append_shown (s, text, -1);
  return g_string_free (s, FALSE);
}

static char *
path_key (const char *parent,
          const char *key)
{
  GString *s = g_string_new (parent);
  if (s->len > 0)
    g_string_append_c (s, '.');
  append_shown (s, key, -1);
  return g_string_free (s, FALSE);
}

static char *
path_index (const char *parent,
            guint       index)
{
  return g_strdup_printf ("%s[%u]", parent, index);
}

static guint
levenshtein (const char *a,
             const char *b)
{
  gsize la = strlen (a), lb = strlen (b);
  g_autofree guint *row = g_new (guint, lb + 1);

  for (gsize j = 0; j <= lb; j++)
    row[j] = j;
  for (gsize i = 1; i <= la; i++)
    {
      guint diag = row[0];
      row[0] = i;
      for (gsize j = 1; j <= lb; j++)
        {
          guint up = row[j];
          guint cost = g_ascii_tolower (a[i - 1]) == g_ascii_tolower (b[j - 1]) ? 0 : 1;
          row[j] = MIN (MIN (row[j] + 1, row[j - 1] + 1), diag + cost);
          diag = up;
        }
    }
  return row[lb];
}

static gboolean
prefix_of (const char *shorter,
           const char *longer)
{
  gsize n = strlen (shorter);
  return n >= 2 && strlen (longer) > n && g_ascii_strncasecmp (shorter, longer, n) == 0;
}

/* The closest of @candidates to @word: Levenshtein distance at most 2, or
 * one a prefix of the other; NULL when none is close.  A word that starts
 * a candidate ("desc", "stat") ranks before a mere two-letter typo. */
static const char *
suggest (const char         *word,
         const char * const *candidates)
{
  const char *best = NULL;
  guint best_score = G_MAXUINT;
  gsize wlen = strlen (word);

  for (guint i = 0; candidates[i] != NULL; i++)
    {
      const char *cand = candidates[i];
      gsize clen = strlen (cand);
      gboolean starts = wlen >= 3 && prefix_of (word, cand);
      guint score = G_MAXUINT;

      if ((wlen > clen ? wlen - clen : clen - wlen) <= 2)
        {
          guint d = levenshtein (word, cand);
          if (d <= 2)
            score = 2 * d - (starts && d > 0 ? 1 : 0);
        }
      if (score == G_MAXUINT && starts)
        score = 3;
      else if (score == G_MAXUINT && prefix_of (cand, word))
        score = 5;
      if (score < best_score)
        {
          best = cand;
          best_score = score;
        }
    }
  return best;
}

static char *
join_names (const char * const *names)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; names[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (s, ", ");
      g_string_append (s, names[i]);
    }
  return g_string_free (s, FALSE);
}

/* "a 2 MiB page" style sizes with pw_size_human but no space games */
static char *
size_str (guint64 bytes)
{
  return pw_size_human (bytes);
}

/* ---- public small functions ---------------------------------------------- */

static const char * const policy_names[] = { "fifo", "lru", "opt", "clock", "random", "mru", NULL };
static const char * const tlb_policy_names[] = { "lru", "fifo", "random", NULL };

const char *
pw_policy_name (PwPolicy policy)
{
  if ((guint) policy < G_N_ELEMENTS (policy_names) - 1)
    return policy_names[policy];
  return "unknown";
}

gboolean
pw_policy_from_string (const char *s,
                       PwPolicy   *out)
{
  g_return_val_if_fail (out != NULL, FALSE);

  if (s == NULL)
    return FALSE;
  for (guint i = 0; policy_names[i] != NULL; i++)
    if (g_str_equal (s, policy_names[i]))
      {
        *out = (PwPolicy) i;
        return TRUE;
      }
  return FALSE;
}

const char *
pw_region_state_name (PwRegionState state)
{
  switch (state)
    {
    case PW_REGION_FREE: return "free";
    case PW_REGION_RESERVED: return "reserved";
    case PW_REGION_COMMITTED: return "committed";
    default: return "unknown";
    }
}

const char *
pw_prot_string (PwProt  prot,
                char   *buf)
{
  g_return_val_if_fail (buf != NULL, NULL);

  buf[0] = (prot & PW_PROT_R) ? 'r' : '-';
  buf[1] = (prot & PW_PROT_W) ? 'w' : '-';
  buf[2] = (prot & PW_PROT_X) ? 'x' : '-';
  buf[3] = '\0';
  return buf;
}

/* "rw-", "r-x", "rwx", "---", and without dashes "rw", "rx", "r". */
gboolean
pw_prot_from_string (const char *s,
                     PwProt     *out)
{
  PwProt prot = 0;
  gsize len;

  g_return_val_if_fail (out != NULL, FALSE);

  if (s == NULL)
    return FALSE;
  len = strlen (s);
  if (len == 0 || len > 3)
    return FALSE;

  if (len == 3)
    {
      /* positional form: each place holds its letter or '-' */
      static const char letters[] = "rwx";
      gboolean positional = TRUE;
      for (guint i = 0; i < 3; i++)
        if (s[i] != letters[i] && s[i] != '-')
          positional = FALSE;
      if (positional)
        {
          for (guint i = 0; i < 3; i++)
            if (s[i] != '-')
              prot |= (PwProt) (1 << i);
          *out = prot;
          return TRUE;
        }
    }

  /* letters without dashes, in order: "r", "rw", "rx", "wx", ... */
  {
    int last = -1;
    for (gsize i = 0; i < len; i++)
      {
        int bit;
        switch (s[i])
          {
          case 'r': bit = 0; break;
          case 'w': bit = 1; break;
          case 'x': bit = 2; break;
          default: return FALSE;
          }
        if (bit <= last)
          return FALSE;
        last = bit;
        prot |= (PwProt) (1 << bit);
      }
  }
  *out = prot;
  return TRUE;
}

/* ---- freeing -------------------------------------------------------------- */

static void
region_spec_clear (gpointer data)
{
  PwRegionSpec *r = data;
  g_clear_pointer (&r->name, g_free);
  g_clear_pointer (&r->share, g_free);
  g_clear_pointer (&r->path, g_free);
}

static void
map_spec_clear (gpointer data)
{
  PwMapSpec *m = data;
  g_clear_pointer (&m->path, g_free);
}

static void
frame_image_clear (gpointer data)
{
  PwFrameImage *f = data;
  g_clear_pointer (&f->bytes, g_free);
  g_clear_pointer (&f->path, g_free);
}

static void
step_clear (gpointer data)
{
  PwStep *s = data;
  g_clear_pointer (&s->spawn, pw_process_spec_free);
  g_clear_pointer (&s->path, g_free);
}

static PwProcessSpec *
process_spec_new (void)
{
  PwProcessSpec *p = g_new0 (PwProcessSpec, 1);

  p->regions = g_array_new (FALSE, TRUE, sizeof (PwRegionSpec));
  g_array_set_clear_func (p->regions, region_spec_clear);
  p->maps = g_array_new (FALSE, TRUE, sizeof (PwMapSpec));
  g_array_set_clear_func (p->maps, map_spec_clear);
  p->segments = g_array_new (FALSE, TRUE, sizeof (PwSegment));
  return p;
}

void
pw_process_spec_free (PwProcessSpec *spec)
{
  if (spec == NULL)
    return;
  g_free (spec->name);
  g_free (spec->path);
  g_clear_pointer (&spec->regions, g_array_unref);
  g_clear_pointer (&spec->maps, g_array_unref);
  g_clear_pointer (&spec->segments, g_array_unref);
  g_free (spec);
}

void
pw_scenario_free (PwScenario *scenario)
{
  if (scenario == NULL)
    return;
  g_free (scenario->filename);
  g_free (scenario->title);
  g_free (scenario->description);
  g_clear_pointer (&scenario->arch, pw_arch_free);
  g_clear_pointer (&scenario->frame_images, g_array_unref);
  g_clear_pointer (&scenario->processes, g_ptr_array_unref);
  g_clear_pointer (&scenario->steps, g_array_unref);
  g_free (scenario);
}

static PwScenario *
scenario_new (const char *display_name)
{
  PwScenario *sc = g_new0 (PwScenario, 1);

  sc->filename = g_strdup (display_name);
  sc->frame_images = g_array_new (FALSE, TRUE, sizeof (PwFrameImage));
  g_array_set_clear_func (sc->frame_images, frame_image_clear);
  sc->processes = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_process_spec_free);
  sc->steps = g_array_new (FALSE, TRUE, sizeof (PwStep));
  g_array_set_clear_func (sc->steps, step_clear);
  sc->policy = PW_POLICY_FIFO;
  sc->tlb_policy = PW_TLB_LRU;
  return sc;
}

/* ---- number messages shared by the scan and the parser ---------------------- */

static char *
too_big_message (const char *literal)
{
  return g_strdup_printf (_("%s is above 2^53, too large for a JSON integer; "
                            "use a hex string such as \"0x...\""), literal);
}

static char *
negative_message (const char *literal)
{
  return g_strdup_printf (_("%s is negative; numbers here are 0 or more"), literal);
}

/* ---- pass 1: the scan ----------------------------------------------------- */

typedef struct
{
  gboolean    is_object;
  gsize       open_at;      /* offset of the bracket */
  guint       index;        /* arrays: the current element */
  char       *key;          /* objects: the current key, decoded */
  GHashTable *keys;         /* objects: keys seen so far */
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
} Scan;

static void
offset_to_line_col (const char *data,
                    gsize       offset,
                    guint      *line,
                    guint      *col)
{
  guint l = 1, c = 1;

  for (gsize i = 0; i < offset; i++)
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
      return scan_fail (s, s->pos, _("the file ends before the “%s” opened at %u:%u is closed"),
                        f->is_object ? "{" : "[", line, col);
    }
  found = describe_at (s, s->pos);
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
scan_string (Scan     *s,
             GString  *decoded)
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
          return TRUE;
        }
    }
  return scan_unexpected (s, _("a value"));
}

static void
scan_pop (Scan *s)
{
  ScanFrame *f = &s->stack[--s->depth];
  g_clear_pointer (&f->key, g_free);
  g_clear_pointer (&f->keys, g_hash_table_unref);
}

static gboolean
scan_push (Scan     *s,
           gboolean  is_object)
{
  ScanFrame *f;

  if (s->depth == MAX_DEPTH)
    return scan_fail (s, s->pos, _("nesting deeper than %d levels"), MAX_DEPTH);
  f = &s->stack[s->depth++];
  memset (f, 0, sizeof *f);
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
              s->pos++;
              scan_pop (s);
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
              if (!scan_string (s, NULL))
                return FALSE;
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
              s->pos++;
              scan_pop (s);
              goto value_done;
            }
          G_GNUC_FALLTHROUGH;
        case WANT_KEY:
          if (s->pos < s->len && s->data[s->pos] == '"')
            {
              ScanFrame *f = &s->stack[s->depth - 1];
              gsize at = s->pos;
              GString *key = g_string_new (NULL);

              if (!scan_string (s, key))
                {
                  g_string_free (key, TRUE);
                  return FALSE;
                }
              if (f->keys == NULL)
                f->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
              if (g_hash_table_contains (f->keys, key->str))
                {
                  g_autofree char *k = shown (key->str);
                  g_string_free (key, TRUE);
                  return scan_fail (s, at, _("the key “%s” appears twice in this object"), k);
                }
              g_free (f->key);
              f->key = g_strdup (key->str);
              g_hash_table_add (f->keys, g_string_free (key, FALSE));
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
                s->pos++;
                scan_pop (s);
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
      after_comma = FALSE;
      state = s->depth == 0 ? WANT_END : WANT_COMMA_OR_CLOSE;
    }
}

/* Returns the offset where JSON starts (after a UTF-8 byte-order mark) or
 * -1 on error. */
static gssize
prescan (const char  *data,
         gsize        len,
         const char  *file,
         GError     **error)
{
  Scan s = { 0 };
  const char *end = NULL;
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
      return -1;
    }

  if (len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    s.pos = 3;

  ok = scan_all (&s);
  while (s.depth > 0)
    scan_pop (&s);

  if (ok && s.value_error != NULL)
    {
      g_set_error (error, PW_ERROR, PW_ERROR_VALUE, "%s: %s", file, s.value_error);
      ok = FALSE;
    }
  g_free (s.value_error);
  if (!ok)
    return -1;
  return len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
}

/* ---- pass 2: the parser ------------------------------------------------- */

typedef struct
{
  const char *file;
  GError    **error;
  PwScenario *sc;
  PwArch     *arch;         /* sc->arch once known */
  guint64     page;         /* base page size */
  GHashTable *shares;       /* share key -> PwRegionSpec* (first seen) */
} Ctx;

static gboolean fail_code (Ctx        *c,
                           int         code,
                           const char *path,
                           const char *format,
                           ...) G_GNUC_PRINTF (4, 5);

static gboolean
fail_code (Ctx        *c,
           int         code,
           const char *path,
           const char *format,
           ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);

  if (path != NULL && path[0] != '\0')
    g_set_error (c->error, PW_ERROR, code, "%s: %s: %s", c->file, path, msg);
  else
    g_set_error (c->error, PW_ERROR, code, "%s: %s", c->file, msg);
  return FALSE;
}

#define fail(c, path, ...) fail_code ((c), PW_ERROR_VALUE, (path), __VA_ARGS__)

static const char *
node_kind (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT: return _("an object");
    case JSON_NODE_ARRAY: return _("an array");
    case JSON_NODE_NULL: return _("null");
    case JSON_NODE_VALUE:
    default:
      {
        GType t = json_node_get_value_type (node);
        if (t == G_TYPE_STRING)
          return _("a string");
        if (t == G_TYPE_BOOLEAN)
          return json_node_get_boolean (node) ? "true" : "false";
        return _("a number");
      }
    }
}

static gboolean
is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
is_bool (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN;
}

/* Unknown keys.  @misplaced, if given, is a NULL-terminated list of
 * pairs (key, message) for keys that belong elsewhere. */
static gboolean
check_keys (Ctx                *c,
            JsonObject         *o,
            const char         *path,
            const char * const *allowed,
            const char * const *misplaced)
{
  g_autoptr(GList) members = json_object_get_members (o);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;
      const char *near;
      g_autofree char *k = NULL;
      g_autofree char *known = NULL;
      gboolean ok = FALSE;

      for (guint i = 0; allowed[i] != NULL; i++)
        if (g_str_equal (key, allowed[i]))
          ok = TRUE;
      if (ok)
        continue;

      k = shown (key);
      if (misplaced != NULL)
        for (guint i = 0; misplaced[i] != NULL; i += 2)
          if (g_str_equal (key, misplaced[i]))
            return fail_code (c, PW_ERROR_UNKNOWN, path, _("“%s” %s"), k, _(misplaced[i + 1]));

      near = suggest (key, allowed);
      if (near != NULL)
        return fail_code (c, PW_ERROR_UNKNOWN, path,
                          _("unknown key “%s” (did you mean “%s”?)"), k, near);
      known = join_names (allowed);
      return fail_code (c, PW_ERROR_UNKNOWN, path,
                        _("unknown key “%s” (known keys: %s)"), k, known);
    }
  return TRUE;
}

static gboolean
node_u64 (Ctx        *c,
          JsonNode   *node,
          const char *path,
          guint64    *out)
{
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType t = json_node_get_value_type (node);

      if (t == G_TYPE_INT64)
        {
          gint64 v = json_node_get_int (node);
          char lit[32];

          g_snprintf (lit, sizeof lit, "%" G_GINT64_FORMAT, v);
          if (v < 0)
            {
              g_autofree char *msg = negative_message (lit);
              return fail (c, path, "%s", msg);
            }
          if ((guint64) v > JSON_SAFE_MAX)
            {
              g_autofree char *msg = too_big_message (lit);
              return fail (c, path, "%s", msg);
            }
          *out = (guint64) v;
          return TRUE;
        }
      if (t == G_TYPE_DOUBLE)
        {
          double d = json_node_get_double (node);
          char lit[G_ASCII_DTOSTR_BUF_SIZE];

          g_ascii_formatd (lit, sizeof lit, "%.17g", d);
          if (d < 0 && d != 0)
            {
              g_autofree char *msg = negative_message (lit);
              return fail (c, path, "%s", msg);
            }
          if (!(d <= (double) JSON_SAFE_MAX))
            {
              g_autofree char *msg = too_big_message (lit);
              return fail (c, path, "%s", msg);
            }
          if (d != (double) (guint64) d)
            return fail (c, path, _("%s is not a whole number"), lit);
          *out = (guint64) d;
          return TRUE;
        }
      if (t == G_TYPE_STRING)
        {
          const char *text = json_node_get_string (node);
          g_autoptr(GError) err = NULL;
          gboolean clean = strlen (text) <= MAX_SHOWN_CHARS;
          gboolean overflow = FALSE;

          for (const char *p = text; clean && *p; p++)
            if ((guchar) *p < 0x20 || *p == 0x7f)
              clean = FALSE;
          if (pw_number_parse_full (text, out, &overflow, &err))
            return TRUE;
          if (clean)
            return fail (c, path, "%s", err->message);
          {
            /* the same messages, with the text shortened and escaped */
            g_autofree char *t2 = shown (text);
            if (overflow)
              return fail (c, path, _("“%s” does not fit in 64 bits"), t2);
            return fail (c, path, _("“%s” is not a number (write 42, 0x2a, 0b101010 or 4KiB)"), t2);
          }
        }
    }
  return fail (c, path, _("expected a number (an integer or a string such as \"0x1f\"), found %s"),
               node_kind (node));
}

/* A member that must be a number.  Returns FALSE on error; *found tells
 * whether it was there (when @found is NULL the member is required). */
static gboolean
member_u64 (Ctx        *c,
            JsonObject *o,
            const char *parent,
            const char *key,
            guint64    *out,
            gboolean   *found)
{
  JsonNode *node = json_object_get_member (o, key);
  g_autofree char *path = NULL;

  if (node == NULL)
    {
      if (found != NULL)
        {
          *found = FALSE;
          return TRUE;
        }
      return fail (c, parent, _("“%s” is missing"), key);
    }
  if (found != NULL)
    *found = TRUE;
  path = path_key (parent, key);
  return node_u64 (c, node, path, out);
}

/* A number with a range; @found as above. */
static gboolean
member_range (Ctx        *c,
              JsonObject *o,
              const char *parent,
              const char *key,
              guint64     min,
              guint64     max,
              guint64    *out,
              gboolean   *found)
{
  gboolean here = TRUE;
  guint64 v = 0;

  if (!member_u64 (c, o, parent, key, &v, found ? &here : NULL))
    return FALSE;
  if (found != NULL)
    *found = here;
  if (!here)
    return TRUE;
  if (v < min || v > max)
    {
      g_autofree char *path = path_key (parent, key);
      if (max == G_MAXUINT64)
        return fail (c, path, _("must be at least %" G_GUINT64_FORMAT ", not %" G_GUINT64_FORMAT),
                     min, v);
      return fail (c, path, _("must be from %" G_GUINT64_FORMAT " to %" G_GUINT64_FORMAT
                              ", not %" G_GUINT64_FORMAT), min, max, v);
    }
  *out = v;
  return TRUE;
}

static gboolean
member_string (Ctx         *c,
               JsonObject  *o,
               const char  *parent,
               const char  *key,
               const char **out,
               gboolean     required)
{
  JsonNode *node = json_object_get_member (o, key);

  if (node == NULL)
    {
      if (required)
        return fail (c, parent, _("“%s” is missing"), key);
      return TRUE;
    }
  if (!is_string (node))
    {
      g_autofree char *path = path_key (parent, key);
      return fail (c, path, _("expected a string, found %s"), node_kind (node));
    }
  *out = json_node_get_string (node);
  return TRUE;
}

static gboolean
member_bool (Ctx        *c,
             JsonObject *o,
             const char *parent,
             const char *key,
             gboolean   *out)
{
  JsonNode *node = json_object_get_member (o, key);

  if (node == NULL)
    return TRUE;
  if (!is_bool (node))
    {
      g_autofree char *path = path_key (parent, key);
      return fail (c, path, _("expected true or false, found %s"), node_kind (node));
    }
  *out = json_node_get_boolean (node);
  return TRUE;
}

/* An object member, or NULL when absent (then *ok stays TRUE). */
static JsonObject *
member_object (Ctx        *c,
               JsonObject *o,
               const char *parent,
               const char *key,
               gboolean   *ok)
{
  JsonNode *node = json_object_get_member (o, key);

  *ok = TRUE;
  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *path = path_key (parent, key);
      *ok = fail (c, path, _("expected an object, found %s"), node_kind (node));
      return NULL;
    }
  return json_node_get_object (node);
}

static JsonArray *
member_array (Ctx        *c,
              JsonObject *o,
              const char *parent,
              const char *key,
              gboolean   *ok)
{
  JsonNode *node = json_object_get_member (o, key);

  *ok = TRUE;
  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_autofree char *path = path_key (parent, key);
      *ok = fail (c, path, _("expected an array, found %s"), node_kind (node));
      return NULL;
    }
  return json_node_get_array (node);
}

/* A string that must be one of @names; stores its index. */
static gboolean
member_choice (Ctx                *c,
               JsonObject         *o,
               const char         *parent,
               const char         *key,
               const char * const *names,
               guint              *out)
{
  const char *s = NULL;
  const char *near;
  g_autofree char *path = NULL;
  g_autofree char *t = NULL;
  g_autofree char *all = NULL;

  if (!member_string (c, o, parent, key, &s, FALSE))
    return FALSE;
  if (s == NULL)
    return TRUE;
  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_equal (s, names[i]))
      {
        *out = i;
        return TRUE;
      }
  path = path_key (parent, key);
  t = shown (s);
  near = suggest (s, names);
  if (near != NULL)
    return fail (c, path, _("“%s” is not allowed here (did you mean “%s”?)"), t, near);
  all = join_names (names);
  return fail (c, path, _("“%s” is not allowed here (one of: %s)"), t, all);
}

static gboolean
member_prot (Ctx        *c,
             JsonObject *o,
             const char *parent,
             const char *key,
             PwProt     *out,
             gboolean   *found)
{
  const char *s = NULL;

  if (found)
    *found = FALSE;
  if (!member_string (c, o, parent, key, &s, FALSE))
    return FALSE;
  if (s == NULL)
    return TRUE;
  if (!pw_prot_from_string (s, out))
    {
      g_autofree char *path = path_key (parent, key);
      g_autofree char *t = shown (s);
      return fail (c, path, _("“%s” is not a protection (write r, w, x letters such as \"rw-\" or \"r-x\")"), t);
    }
  if (found)
    *found = TRUE;
  return TRUE;
}

static gboolean
member_access (Ctx        *c,
               JsonObject *o,
               const char *parent,
               const char *key,
               PwAccess   *out)
{
  const char *s = NULL;

  if (!member_string (c, o, parent, key, &s, FALSE))
    return FALSE;
  if (s == NULL)
    return TRUE;
  if (!pw_access_from_string (s, out))
    {
      g_autofree char *path = path_key (parent, key);
      g_autofree char *t = shown (s);
      return fail (c, path, _("“%s” is not an access (write \"r\", \"w\" or \"x\")"), t);
    }
  return TRUE;
}

/* ---- address checks ----------------------------------------------------- */

/* Is [start, start + size) a valid range of virtual addresses?  Sets a
 * message on failure. */
static gboolean
check_va_range (Ctx        *c,
                const char *path,
                guint64     start,
                guint64     size)
{
  const PwArch *a = c->arch;
  guint64 last;
  char b1[20], b2[20];

  g_assert (size > 0);
  if (size - 1 > G_MAXUINT64 - start)
    return fail (c, path, _("the range from %s of %s goes past the end of the 64-bit address space"),
                 pw_hex_buf (start, b1), pw_hex_buf (size, b2));
  last = start + (size - 1);

  if (a->canonical && a->va_bits < 64)
    {
      guint64 half = G_GUINT64_CONSTANT (1) << (a->va_bits - 1);
      guint64 hi_start = G_MAXUINT64 - (half - 1);
      char b3[20], b4[20];

      if (last < half || start >= hi_start)
        return TRUE;
      return fail (c, path, _("the range %s–%s is not canonical: %s addresses lie below %s "
                              "or from %s up"),
                   pw_hex_buf (start, b1), pw_hex_buf (last, b2), a->name,
                   pw_hex_buf (half, b3), pw_hex_buf (hi_start, b4));
    }
  if (a->va_bits < 64 && last >> a->va_bits != 0)
    {
      char b3[20];
      return fail (c, path, _("the range %s–%s lies outside the %u-bit virtual address space "
                              "(addresses below %s)"),
                   pw_hex_buf (start, b1), pw_hex_buf (last, b2), a->va_bits,
                   pw_hex_buf (G_GUINT64_CONSTANT (1) << a->va_bits, b3));
    }
  return TRUE;
}

static gboolean
check_aligned (Ctx        *c,
               const char *parent,
               const char *key,
               guint64     value,
               guint64     align)
{
  if (value % align != 0)
    {
      g_autofree char *path = path_key (parent, key);
      g_autofree char *sz = size_str (align);
      char b[20];
      return fail (c, path, _("%s is not a multiple of the %s page size"),
                   pw_hex_buf (value, b), sz);
    }
  return TRUE;
}

/* ---- arch ----------------------------------------------------------------- */

static const char * const custom_level_names[PW_MAX_LEVELS] = {
  "L1", "L2", "L3", "L4", "L5", "L6",
};

static gboolean
pte_bit (Ctx        *c,
         JsonObject *pte,
         const char *parent,
         const char *key,
         int        *out)
{
  JsonNode *node = json_object_get_member (pte, key);
  g_autofree char *path = NULL;
  guint64 v;

  *out = -1;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  path = path_key (parent, key);
  if (!node_u64 (c, node, path, &v))
    return FALSE;
  if (v > 63)
    return fail (c, path, _("bit %" G_GUINT64_FORMAT " does not exist: entries have at most 64 bits (0 to 63)"), v);
  *out = (int) v;
  return TRUE;
}

static PwArch *
parse_custom_arch (Ctx        *c,
                   JsonObject *o)
{
  static const char * const kinds[] = { "paged", "base-bounds", "segmented", NULL };
  static const char * const paged_keys[] = {
    "kind", "name", "va_bits", "pa_bits", "page_size", "levels", "pte", "endian", NULL };
  static const char * const bb_keys[] = { "kind", "name", "va_bits", "pa_bits", NULL };
  static const char * const seg_keys[] = {
    "kind", "name", "va_bits", "pa_bits", "segment_bits", NULL };
  static const char * const pte_keys[] = {
    "bytes", "present", "pfn_shift", "pfn_bits", "writable", "user", "accessed", "dirty",
    "nx", "huge", NULL };
  static const char * const endians[] = { "little", "big", NULL };
  g_autoptr(GError) err = NULL;
  const char *name = NULL;
  guint kind = 0;
  guint64 va_bits = 0, pa_bits = 0, v;
  PwArch *a;
  gboolean ok;

  if (!member_choice (c, o, "arch", "kind", kinds, &kind))
    return NULL;
  if (!check_keys (c, o, "arch", kind == 0 ? paged_keys : kind == 1 ? bb_keys : seg_keys, NULL))
    return NULL;
  if (!member_string (c, o, "arch", "name", &name, FALSE)
      || !member_range (c, o, "arch", "va_bits", 1, 64, &va_bits, NULL)
      || !member_range (c, o, "arch", "pa_bits", 1, 64, &pa_bits, NULL))
    return NULL;

  a = g_new0 (PwArch, 1);
  a->name = g_strdup (name != NULL ? name : kinds[kind] == kinds[0] ? "custom" : kinds[kind]);
  a->va_bits = (guint) va_bits;
  a->pa_bits = (guint) pa_bits;
  a->fmt = PW_FMT_CUSTOM;
  a->custom.present = a->custom.writable = a->custom.user = -1;
  a->custom.accessed = a->custom.dirty = a->custom.nx = a->custom.huge = -1;
  a->default_memory = pa_bits >= 64 ? G_MAXUINT64 : G_GUINT64_CONSTANT (1) << pa_bits;

  if (kind != 0)
    {
      a->kind = kind == 1 ? PW_ARCH_BASE_BOUNDS : PW_ARCH_SEGMENTED;
      a->page_shift = MIN (12, a->pa_bits);
      a->root_register = kind == 1 ? "base" : "segments";
      if (kind == 2)
        {
          if (!member_range (c, o, "arch", "segment_bits", 1, 63, &v, NULL))
            goto error;
          a->segment_bits = (guint) v;
        }
    }
  else
    {
      JsonArray *levels;
      JsonObject *pte;
      guint endian = 0;
      guint n;

      a->kind = PW_ARCH_PAGED;
      a->root_register = "PTBR";
      if (!member_u64 (c, o, "arch", "page_size", &v, NULL))
        goto error;
      if (!pw_is_pow2 (v) || v < 2)
        {
          fail (c, "arch.page_size", _("must be a power of two, at least 2 (such as 256 or 4096), not %" G_GUINT64_FORMAT), v);
          goto error;
        }
      a->page_shift = pw_log2 (v);
      if (a->page_shift > a->pa_bits)
        {
          fail (c, "arch.page_size", _("a page of %" G_GUINT64_FORMAT " bytes is larger than the %u-bit physical address space"),
                v, a->pa_bits);
          goto error;
        }

      levels = member_array (c, o, "arch", "levels", &ok);
      if (!ok)
        goto error;
      if (levels == NULL)
        {
          fail (c, "arch", _("“%s” is missing"), "levels");
          goto error;
        }
      n = json_array_get_length (levels);
      if (n < 1 || n > PW_MAX_LEVELS)
        {
          fail (c, "arch.levels", _("must list from 1 to %d index widths, root first (found %u)"),
                PW_MAX_LEVELS, n);
          goto error;
        }
      a->n_levels = n;
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *path = path_index ("arch.levels", i);
          if (!node_u64 (c, json_array_get_element (levels, i), path, &v))
            goto error;
          if (v < 1 || v > 32)
            {
              fail (c, path, _("each level has from 1 to 32 index bits, not %" G_GUINT64_FORMAT), v);
              goto error;
            }
          a->level_bits[i] = (guint) v;
          a->level_names[i] = custom_level_names[i];
        }

      pte = member_object (c, o, "arch", "pte", &ok);
      if (!ok)
        goto error;
      if (pte == NULL)
        {
          fail (c, "arch", _("“%s” is missing"), "pte");
          goto error;
        }
      if (!check_keys (c, pte, "arch.pte", pte_keys, NULL))
        goto error;
      if (!member_u64 (c, pte, "arch.pte", "bytes", &v, NULL))
        goto error;
      if (v != 1 && v != 2 && v != 4 && v != 8)
        {
          fail (c, "arch.pte.bytes", _("must be 1, 2, 4 or 8, not %" G_GUINT64_FORMAT), v);
          goto error;
        }
      a->pte_bytes = (guint) v;
      if (json_object_get_member (pte, "present") == NULL)
        {
          fail (c, "arch.pte", _("“%s” is missing"), "present");
          goto error;
        }
      if (!pte_bit (c, pte, "arch.pte", "present", &a->custom.present)
          || !pte_bit (c, pte, "arch.pte", "writable", &a->custom.writable)
          || !pte_bit (c, pte, "arch.pte", "user", &a->custom.user)
          || !pte_bit (c, pte, "arch.pte", "accessed", &a->custom.accessed)
          || !pte_bit (c, pte, "arch.pte", "dirty", &a->custom.dirty)
          || !pte_bit (c, pte, "arch.pte", "nx", &a->custom.nx)
          || !pte_bit (c, pte, "arch.pte", "huge", &a->custom.huge))
        goto error;
      v = 0;
      if (!member_range (c, pte, "arch.pte", "pfn_shift", 0, 63, &v, &ok))
        goto error;
      a->custom.pfn_shift = (guint) v;
      if (!member_range (c, pte, "arch.pte", "pfn_bits", 1, 64, &v, NULL))
        goto error;
      a->custom.pfn_bits = (guint) v;

      if (!member_choice (c, o, "arch", "endian", endians, &endian))
        goto error;
      a->big_endian = endian == 1;

      for (guint i = 0; i < a->n_levels; i++)
        a->large_ok[i] = a->custom.huge >= 0;
    }

  if (!pw_arch_check (a, &err))
    {
      fail (c, "arch", "%s", err->message);
      goto error;
    }
  return a;

error:
  pw_arch_free (a);
  return NULL;
}

static PwArch *
parse_arch (Ctx      *c,
            JsonNode *node)
{
  const char * const *presets = pw_arch_preset_names ();

  if (node == NULL)
    return pw_arch_new_preset ("seed");

  if (is_string (node) || (JSON_NODE_HOLDS_OBJECT (node)
                           && json_object_has_member (json_node_get_object (node), "preset")))
    {
      static const char * const keys[] = { "preset", "hardware_dirty", NULL };
      const char *name;
      const char *path = "arch";
      gboolean hw_dirty = FALSE;
      PwArch *a;

      if (is_string (node))
        name = json_node_get_string (node);
      else
        {
          JsonObject *o = json_node_get_object (node);
          if (!check_keys (c, o, "arch", keys, NULL)
              || !member_string (c, o, "arch", "preset", &name, TRUE)
              || !member_bool (c, o, "arch", "hardware_dirty", &hw_dirty))
            return NULL;
          path = "arch.preset";
        }

      a = pw_arch_new_preset (name);
      if (a == NULL)
        {
          g_autofree char *t = shown (name);
          g_autofree char *all = join_names (presets);
          const char *near = suggest (name, presets);
          if (near != NULL)
            fail (c, path, _("unknown architecture “%s” (did you mean “%s”?)"), t, near);
          else
            fail (c, path, _("unknown architecture “%s” (presets: %s; or a custom object)"), t, all);
          return NULL;
        }
      if (hw_dirty)
        {
          if (a->fmt != PW_FMT_AARCH64)
            {
              fail (c, "arch.hardware_dirty", _("only aarch64-4k has hardware dirty state, not %s"),
                    a->name);
              pw_arch_free (a);
              return NULL;
            }
          a->hw_dirty = TRUE;
        }
      return a;
    }

  if (JSON_NODE_HOLDS_OBJECT (node))
    return parse_custom_arch (c, json_node_get_object (node));

  fail (c, "arch", _("expected a preset name or an object, found %s"), node_kind (node));
  return NULL;
}

/* ---- processes ------------------------------------------------------------ */

typedef struct
{
  guint64 start;
  guint64 last;
  guint   index;
} Span;

static int
span_cmp (gconstpointer a,
          gconstpointer b)
{
  const Span *x = a, *y = b;
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index ? 1 : 0;
}

static gboolean
parse_region (Ctx           *c,
              JsonNode      *node,
              const char    *path,
              PwRegionSpec  *r)
{
  static const char * const keys[] = {
    "start", "size", "state", "prot", "name", "kernel", "share", NULL };
  static const char * const states[] = { "free", "reserved", "committed", NULL };
  JsonObject *o;
  const char *name = NULL, *share = NULL;
  guint state = 2;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (c, path, _("expected an object, found %s"), node_kind (node));
  o = json_node_get_object (node);
  r->prot = PW_PROT_R | PW_PROT_W;
  if (!check_keys (c, o, path, keys, NULL)
      || !member_u64 (c, o, path, "start", &r->start, NULL)
      || !member_u64 (c, o, path, "size", &r->size, NULL)
      || !member_choice (c, o, path, "state", states, &state)
      || !member_prot (c, o, path, "prot", &r->prot, NULL)
      || !member_string (c, o, path, "name", &name, FALSE)
      || !member_bool (c, o, path, "kernel", &r->kernel)
      || !member_string (c, o, path, "share", &share, FALSE))
    return FALSE;
  if (state == 0)
    {
      g_autofree char *p = path_key (path, "state");
      return fail (c, p, _("free is the absence of a region: leave the range out, "
                           "or write \"reserved\" or \"committed\""));
    }
  r->state = state == 1 ? PW_REGION_RESERVED : PW_REGION_COMMITTED;
  if (r->size == 0)
    {
      g_autofree char *p = path_key (path, "size");
      return fail (c, p, _("a region cannot be empty"));
    }
  if (!check_aligned (c, path, "start", r->start, c->page)
      || !check_aligned (c, path, "size", r->size, c->page)
      || !check_va_range (c, path, r->start, r->size))
    return FALSE;
  r->name = g_strdup (name);
  r->share = g_strdup (share);
  return TRUE;
}

static gboolean
check_regions (Ctx           *c,
               PwProcessSpec *p)
{
  g_autoptr(GArray) spans = g_array_sized_new (FALSE, FALSE, sizeof (Span), p->regions->len);
  g_autoptr(GHashTable) shares = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < p->regions->len; i++)
    {
      PwRegionSpec *r = &g_array_index (p->regions, PwRegionSpec, i);
      Span s = { r->start, r->start + (r->size - 1), i };
      g_array_append_val (spans, s);

      if (r->share != NULL)
        {
          PwRegionSpec *first;
          g_autofree char *t = shown (r->share);

          if (g_hash_table_contains (shares, r->share))
            {
              g_autofree char *sp = path_key (r->path, "share");
              return fail (c, sp, _("the share key “%s” is used twice in one process"), t);
            }
          g_hash_table_add (shares, r->share);

          first = g_hash_table_lookup (c->shares, r->share);
          if (first == NULL)
            g_hash_table_insert (c->shares, r->share, r);
          else if (first->size != r->size)
            {
              g_autofree char *a = size_str (first->size);
              g_autofree char *b = size_str (r->size);
              g_autofree char *sp = path_key (r->path, "size");
              return fail (c, sp, _("regions shared as “%s” must have one size: %s is %s, this one %s"),
                           t, first->path, a, b);
            }
        }
    }
  g_array_sort (spans, span_cmp);
  for (guint i = 1; i < spans->len; i++)
    {
      Span *x = &g_array_index (spans, Span, i - 1);
      Span *y = &g_array_index (spans, Span, i);
      if (y->start <= x->last)
        {
          guint later = MAX (x->index, y->index), earlier = MIN (x->index, y->index);
          PwRegionSpec *rl = &g_array_index (p->regions, PwRegionSpec, later);
          PwRegionSpec *re = &g_array_index (p->regions, PwRegionSpec, earlier);
          char b1[20], b2[20];
          return fail (c, rl->path, _("overlaps %s (%s–%s)"), re->path,
                       pw_hex_buf (re->start, b1), pw_hex_buf (re->start + (re->size - 1), b2));
        }
    }
  return TRUE;
}

static char *
large_sizes (const PwArch *a)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < a->n_levels; i++)
    {
      guint level = a->n_levels - 1 - i;
      if (level + 1 == a->n_levels || a->large_ok[level])
        {
          g_autofree char *h = size_str (pw_arch_level_span (a, level));
          if (s->len > 0)
            g_string_append (s, ", ");
          g_string_append (s, h);
        }
    }
  return g_string_free (s, FALSE);
}

/* @has_prot: whether the entry gives its prot (else rw-). */
static gboolean
parse_map (Ctx        *c,
           JsonNode   *node,
           const char *path,
           PwMapSpec  *m,
           gboolean   *has_prot)
{
  static const char * const keys[] = { "page", "va", "frame", "disk", "size", "pages", "prot", NULL };
  const PwArch *a = c->arch;
  JsonObject *o;
  gboolean has_page, has_va, has_frame, has_disk, has_size, has_pages;
  guint64 page = 0, total, frames_per;
  char b1[20], b2[20];

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (c, path, _("expected an object, found %s"), node_kind (node));
  o = json_node_get_object (node);
  m->size = c->page;
  m->pages = 1;
  m->prot = PW_PROT_R | PW_PROT_W;
  if (!check_keys (c, o, path, keys, NULL)
      || !member_u64 (c, o, path, "page", &page, &has_page)
      || !member_u64 (c, o, path, "va", &m->va, &has_va)
      || !member_u64 (c, o, path, "frame", &m->frame, &has_frame)
      || !member_u64 (c, o, path, "disk", &m->slot, &has_disk)
      || !member_u64 (c, o, path, "size", &m->size, &has_size)
      || !member_u64 (c, o, path, "pages", &m->pages, &has_pages)
      || !member_prot (c, o, path, "prot", &m->prot, has_prot))
    return FALSE;

  if (has_page && has_va)
    return fail (c, path, _("give “page” or “va”, not both"));
  if (!has_page && !has_va)
    return fail (c, path, _("“page” (a virtual page number) or “va” (an address) is missing"));
  if (has_frame && has_disk)
    return fail (c, path, _("give “frame” or “disk”, not both"));
  if (!has_frame && !has_disk)
    return fail (c, path, _("“frame” or “disk” (a swap slot) is missing"));

  if (has_page)
    {
      if (page > (G_MAXUINT64 >> a->page_shift))
        return fail (c, path, _("page %s is beyond the 64-bit address space"), pw_hex_buf (page, b1));
      m->va = page << a->page_shift;
    }
  else if (!check_aligned (c, path, "va", m->va, c->page))
    return FALSE;

  if (has_size && pw_arch_level_for_size (a, m->size) < 0)
    {
      g_autofree char *p = path_key (path, "size");
      g_autofree char *sizes = large_sizes (a);
      g_autofree char *h = size_str (m->size);
      return fail (c, p, _("%s has no %s pages (page sizes: %s)"), a->name, h, sizes);
    }
  if (m->va % m->size != 0)
    {
      g_autofree char *h = size_str (m->size);
      return fail (c, path, _("the address %s is not aligned to its %s page"),
                   pw_hex_buf (m->va, b1), h);
    }
  if (m->pages == 0)
    {
      g_autofree char *p = path_key (path, "pages");
      return fail (c, p, _("must be at least 1"));
    }
  if (m->pages > G_MAXUINT64 / m->size)
    {
      g_autofree char *p = path_key (path, "pages");
      return fail (c, p, _("%" G_GUINT64_FORMAT " pages go past the end of the address space"), m->pages);
    }
  total = m->pages * m->size;
  if (!check_va_range (c, path, m->va, total))
    return FALSE;

  frames_per = m->size / c->page;
  if (has_frame)
    {
      guint64 n = total / c->page;
      if (m->frame % frames_per != 0)
        {
          g_autofree char *p = path_key (path, "frame");
          g_autofree char *h = size_str (m->size);
          return fail (c, p, _("frame %s is not aligned to the %s page (a multiple of %s frames)"),
                       pw_hex_buf (m->frame, b1), h, pw_hex_buf (frames_per, b2));
        }
      if (m->frame >= c->sc->memory_frames || n > c->sc->memory_frames - m->frame)
        {
          g_autofree char *p = path_key (path, "frame");
          return fail (c, p, _("frame %s is beyond physical memory (frames 0x0 to %s)"),
                       pw_hex_buf (m->frame + (m->frame < c->sc->memory_frames ? n - 1 : 0), b1),
                       pw_hex_buf (c->sc->memory_frames - 1, b2));
        }
    }
  else
    {
      g_autofree char *p = path_key (path, "disk");
      m->on_disk = TRUE;
      if (m->size != c->page)
        return fail (c, p, _("only base pages can start on disk, not large pages"));
      if (c->sc->disk_slots == 0)
        return fail (c, p, _("there is no disk: add \"disk\": {\"slots\": N}"));
      if (m->slot >= c->sc->disk_slots || m->pages > c->sc->disk_slots - m->slot)
        return fail (c, p, _("slot %" G_GUINT64_FORMAT " does not exist (slots 0 to %" G_GUINT64_FORMAT ")"),
                     m->slot >= c->sc->disk_slots ? m->slot : m->slot + m->pages - 1,
                     c->sc->disk_slots - 1);
    }
  return TRUE;
}

/* Pins must not overlap each other nor lie in a reserved region, nor give
 * more rights than their region (@prot_given[i]: map[i] gives its prot). */
static gboolean
check_maps (Ctx            *c,
            PwProcessSpec  *p,
            const gboolean *prot_given)
{
  g_autoptr(GArray) spans = g_array_sized_new (FALSE, FALSE, sizeof (Span), p->maps->len);
  g_autoptr(GArray) regions = g_array_sized_new (FALSE, FALSE, sizeof (Span), p->regions->len);

  for (guint i = 0; i < p->maps->len; i++)
    {
      PwMapSpec *m = &g_array_index (p->maps, PwMapSpec, i);
      Span s = { m->va, m->va + (m->pages * m->size - 1), i };
      g_array_append_val (spans, s);
    }
  g_array_sort (spans, span_cmp);
  for (guint i = 1; i < spans->len; i++)
    {
      Span *x = &g_array_index (spans, Span, i - 1);
      Span *y = &g_array_index (spans, Span, i);
      if (y->start <= x->last)
        {
          guint later = MAX (x->index, y->index), earlier = MIN (x->index, y->index);
          PwMapSpec *ml = &g_array_index (p->maps, PwMapSpec, later);
          PwMapSpec *me = &g_array_index (p->maps, PwMapSpec, earlier);
          char b[20];
          return fail (c, ml->path, _("the page at %s is already pinned by %s"),
                       pw_hex_buf (MAX (x->start, y->start), b), me->path);
        }
    }

  for (guint i = 0; i < p->regions->len; i++)
    {
      PwRegionSpec *r = &g_array_index (p->regions, PwRegionSpec, i);
      Span s = { r->start, r->start + (r->size - 1), i };
      g_array_append_val (regions, s);
    }
  g_array_sort (regions, span_cmp);
  for (guint i = 0; i < spans->len; i++)
    {
      Span *pin = &g_array_index (spans, Span, i);
      guint lo = 0, hi = regions->len;

      /* first region whose last byte is at or after the pin's start */
      while (lo < hi)
        {
          guint mid = lo + (hi - lo) / 2;
          if (g_array_index (regions, Span, mid).last < pin->start)
            lo = mid + 1;
          else
            hi = mid;
        }
      for (guint j = lo; j < regions->len; j++)
        {
          Span *rs = &g_array_index (regions, Span, j);
          PwRegionSpec *r = &g_array_index (p->regions, PwRegionSpec, rs->index);
          if (rs->start > pin->last)
            break;
          PwMapSpec *m = &g_array_index (p->maps, PwMapSpec, pin->index);
          if (r->state != PW_REGION_COMMITTED)
            return fail (c, m->path, _("a pinned page must lie in a committed region, "
                                       "and %s is reserved"), r->path);
          if ((m->prot & ~r->prot) != 0)
            {
              /* the entry's prot, or the entry itself when rw- is the default */
              g_autofree char *where = prot_given[pin->index]
                ? path_key (m->path, "prot") : g_strdup (m->path);
              char b1[4], b2[4];
              return fail (c, where, _("%s gives more than its region allows (%s)"),
                           pw_prot_string (m->prot, b1), pw_prot_string (r->prot, b2));
            }
        }
    }
  return TRUE;
}

/* Does [base, base + limit) lie in the pa_bits physical address space?  By
 * last bytes, so that a segment may end exactly at 2^64. */
static gboolean
segment_fits_pa (const PwArch *a,
                 guint64       base,
                 guint64       limit)
{
  guint64 pa_last = pw_mask (a->pa_bits);

  if (limit == 0)
    return a->pa_bits >= 64 || base <= pa_last + 1;
  return base <= pa_last && limit - 1 <= pa_last - base;
}

static gboolean
parse_segment (Ctx        *c,
               JsonNode   *node,
               const char *path,
               PwSegment  *seg)
{
  static const char * const keys[] = { "base", "limit", "grows", NULL };
  static const char * const grows[] = { "up", "down", NULL };
  const PwArch *a = c->arch;
  guint64 seg_size = G_GUINT64_CONSTANT (1) << (a->va_bits - a->segment_bits);
  guint64 pa_size = a->pa_bits >= 64 ? G_MAXUINT64 : G_GUINT64_CONSTANT (1) << a->pa_bits;
  JsonObject *o;
  guint g = 0;
  char b1[20], b2[20];

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (c, path, _("expected an object, found %s"), node_kind (node));
  o = json_node_get_object (node);
  if (!check_keys (c, o, path, keys, NULL)
      || !member_u64 (c, o, path, "base", &seg->base, NULL)
      || !member_u64 (c, o, path, "limit", &seg->limit, NULL)
      || !member_choice (c, o, path, "grows", grows, &g))
    return FALSE;
  seg->grows_down = g == 1;
  if (seg->limit > seg_size)
    {
      g_autofree char *p = path_key (path, "limit");
      return fail (c, p, _("%s is more than a segment holds (%s bytes)"),
                   pw_hex_buf (seg->limit, b1), pw_hex_buf (seg_size, b2));
    }
  if (seg->grows_down)
    {
      g_autofree char *p = path_key (path, "base");
      if (seg->limit > seg->base)
        return fail (c, p, _("a segment growing down ends at its base, so the base (%s) must be "
                             "at least the limit (%s)"),
                     pw_hex_buf (seg->base, b1), pw_hex_buf (seg->limit, b2));
      if (seg->base > pa_size)
        return fail (c, p, _("%s is outside the %u-bit physical address space"),
                     pw_hex_buf (seg->base, b1), a->pa_bits);
    }
  else if (!segment_fits_pa (a, seg->base, seg->limit))
    {
      g_autofree char *p = path_key (path, "base");
      return fail (c, p, _("base %s plus limit %s goes past the %u-bit physical address space"),
                   pw_hex_buf (seg->base, b1), pw_hex_buf (seg->limit, b2), a->pa_bits);
    }
  return TRUE;
}

static PwProcessSpec *
parse_process (Ctx        *c,
               JsonNode   *node,
               const char *path,
               gboolean    spawned)
{
  static const char * const paged_keys[] = { "pid", "name", "root", "regions", "map", NULL };
  static const char * const bb_keys[] = { "pid", "name", "base", "limit", NULL };
  static const char * const seg_keys[] = { "pid", "name", "segments", NULL };
  static const char * const paged_misplaced[] = {
    "base", N_("is only for base-bounds architectures"),
    "limit", N_("is only for base-bounds architectures"),
    "segments", N_("is only for segmented architectures"),
    NULL };
  static const char * const bb_misplaced[] = {
    "root", N_("is only for paged architectures"),
    "regions", N_("is only for paged architectures"),
    "map", N_("is only for paged architectures"),
    "segments", N_("is only for segmented architectures"),
    NULL };
  static const char * const seg_misplaced[] = {
    "root", N_("is only for paged architectures"),
    "regions", N_("is only for paged architectures"),
    "map", N_("is only for paged architectures"),
    "base", N_("is only for base-bounds architectures (segments have their own)"),
    "limit", N_("is only for base-bounds architectures (segments have their own)"),
    NULL };
  const PwArch *a = c->arch;
  PwProcessSpec *p;
  JsonObject *o;
  const char *name = NULL;
  guint64 pid;
  gboolean ok;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      fail (c, path, _("expected an object, found %s"), node_kind (node));
      return NULL;
    }
  o = json_node_get_object (node);
  if (!check_keys (c, o, path,
                   a->kind == PW_ARCH_PAGED ? paged_keys
                   : a->kind == PW_ARCH_BASE_BOUNDS ? bb_keys : seg_keys,
                   a->kind == PW_ARCH_PAGED ? paged_misplaced
                   : a->kind == PW_ARCH_BASE_BOUNDS ? bb_misplaced : seg_misplaced))
    return NULL;

  p = process_spec_new ();
  p->path = g_strdup (path);
  if (!member_range (c, o, path, "pid", 1, G_MAXUINT, &pid, NULL)
      || !member_string (c, o, path, "name", &name, FALSE))
    goto error;
  p->pid = (guint) pid;
  p->name = g_strdup (name);

  if (a->kind == PW_ARCH_PAGED)
    {
      g_autofree gboolean *prot_given = NULL;
      JsonArray *arr;

      if (!member_u64 (c, o, path, "root", &p->root, &p->has_root))
        goto error;
      if (p->has_root)
        {
          guint64 n = pw_arch_table_frames (a, 0);
          if (p->root >= c->sc->memory_frames)
            {
              g_autofree char *rp = path_key (path, "root");
              char b1[20], b2[20];
              fail (c, rp, _("frame %s is beyond physical memory (frames 0x0 to %s)"),
                    pw_hex_buf (p->root, b1), pw_hex_buf (c->sc->memory_frames - 1, b2));
              goto error;
            }
          if (n > c->sc->memory_frames - p->root)
            {
              /* the first frame exists, the table does not fit */
              g_autofree char *rp = path_key (path, "root");
              char b1[20], b2[20];
              fail (c, rp, _("the %" G_GUINT64_FORMAT "-frame root table at %s runs past the end "
                             "of physical memory (%s frames)"),
                    n, pw_hex_buf (p->root, b1), pw_hex_buf (c->sc->memory_frames, b2));
              goto error;
            }
        }

      arr = member_array (c, o, path, "regions", &ok);
      if (!ok)
        goto error;
      if (arr != NULL)
        {
          g_autofree char *rp = path_key (path, "regions");
          guint n = json_array_get_length (arr);
          g_array_set_size (p->regions, n);
          for (guint i = 0; i < n; i++)
            {
              PwRegionSpec *r = &g_array_index (p->regions, PwRegionSpec, i);
              r->path = path_index (rp, i);
              if (!parse_region (c, json_array_get_element (arr, i), r->path, r))
                goto error;
            }
        }
      if (!check_regions (c, p))
        goto error;

      arr = member_array (c, o, path, "map", &ok);
      if (!ok)
        goto error;
      if (arr != NULL)
        {
          g_autofree char *mp = path_key (path, "map");
          guint n = json_array_get_length (arr);
          g_array_set_size (p->maps, n);
          prot_given = g_new0 (gboolean, n);
          for (guint i = 0; i < n; i++)
            {
              PwMapSpec *m = &g_array_index (p->maps, PwMapSpec, i);
              m->path = path_index (mp, i);
              if (!parse_map (c, json_array_get_element (arr, i), m->path, m, &prot_given[i]))
                goto error;
            }
        }
      if (!check_maps (c, p, prot_given))
        goto error;
    }
  else if (a->kind == PW_ARCH_BASE_BOUNDS)
    {
      PwSegment seg = { 0 };
      guint64 va_size = G_GUINT64_CONSTANT (1) << MIN (a->va_bits, 63);
      guint64 pa_size = a->pa_bits >= 64 ? G_MAXUINT64 : G_GUINT64_CONSTANT (1) << a->pa_bits;
      char b1[20], b2[20];
      gboolean has_base = TRUE;

      /* A spawned process may leave out its base: the kernel then places
       * it (first fit), which kernel_places tells pw-machine.c (a base of
       * G_MAXUINT64 is a valid base with pa_bits 64). */
      if (!member_u64 (c, o, path, "base", &seg.base, spawned ? &has_base : NULL)
          || !member_u64 (c, o, path, "limit", &seg.limit, NULL))
        goto error;
      if (a->va_bits < 64 && seg.limit > va_size)
        {
          g_autofree char *lp = path_key (path, "limit");
          fail (c, lp, _("%s is more than the %u-bit virtual address space holds"),
                pw_hex_buf (seg.limit, b1), a->va_bits);
          goto error;
        }
      if (!has_base)
        {
          seg.base = G_MAXUINT64;
          p->kernel_places = TRUE;
          if (seg.limit > pa_size)
            {
              g_autofree char *lp = path_key (path, "limit");
              fail (c, lp, _("%s is more than the %u-bit physical address space holds"),
                    pw_hex_buf (seg.limit, b1), a->pa_bits);
              goto error;
            }
        }
      else if (!segment_fits_pa (a, seg.base, seg.limit))
        {
          g_autofree char *bp = path_key (path, "base");
          fail (c, bp, _("base %s plus limit %s goes past the %u-bit physical address space"),
                pw_hex_buf (seg.base, b1), pw_hex_buf (seg.limit, b2), a->pa_bits);
          goto error;
        }
      g_array_append_val (p->segments, seg);
    }
  else
    {
      JsonArray *arr = member_array (c, o, path, "segments", &ok);
      g_autofree char *sp = path_key (path, "segments");
      guint64 max = G_GUINT64_CONSTANT (1) << a->segment_bits;
      guint n;

      if (!ok)
        goto error;
      if (arr == NULL)
        {
          fail (c, path, _("“%s” is missing"), "segments");
          goto error;
        }
      n = json_array_get_length (arr);
      if (n == 0 || n > max)
        {
          fail (c, sp, _("must list from 1 to %" G_GUINT64_FORMAT " segments (segment_bits is %u), not %u"),
                max, a->segment_bits, n);
          goto error;
        }
      g_array_set_size (p->segments, n);
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *ep = path_index (sp, i);
          if (!parse_segment (c, json_array_get_element (arr, i), ep,
                              &g_array_index (p->segments, PwSegment, i)))
            goto error;
        }
    }
  return p;

error:
  pw_process_spec_free (p);
  return NULL;
}

/* ---- steps -------------------------------------------------------------- */

static gboolean
step_error (GError     **error,
            const char  *text)
{
  g_autofree char *t = shown (text);
  g_set_error (error, PW_ERROR, PW_ERROR_SYNTAX,
               _("“%s” is not a step (write “r|w|x [PID] ADDRESS” or “switch PID”)"), t);
  return FALSE;
}

static gboolean
step_pid (const char  *text,
          guint       *out,
          GError     **error)
{
  guint64 v;

  if (!pw_number_parse (text, &v, error))
    return FALSE;
  if (v < 1 || v > G_MAXUINT)
    {
      g_autofree char *t = shown (text);
      g_set_error (error, PW_ERROR, PW_ERROR_VALUE,
                   _("“%s” is not a pid (pids are from 1 to %u)"), t, G_MAXUINT);
      return FALSE;
    }
  *out = (guint) v;
  return TRUE;
}

gboolean
pw_step_parse_string (const char  *text,
                      PwStep      *out,
                      GError     **error)
{
  char *words[4] = { NULL };
  guint n = 0;
  const char *p = text;
  gboolean ok = FALSE;
  PwStep step = { 0 };

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  while (*p)
    {
      const char *start;
      while (*p == ' ' || *p == '\t')
        p++;
      if (*p == '\0')
        break;
      start = p;
      while (*p && *p != ' ' && *p != '\t')
        p++;
      if (n == G_N_ELEMENTS (words))
        goto out_bad;
      words[n++] = g_strndup (start, p - start);
    }

  if (n == 2 && g_str_equal (words[0], "switch"))
    {
      step.kind = PW_STEP_SWITCH;
      if (!step_pid (words[1], &step.pid, error))
        goto out;
      ok = TRUE;
    }
  else if ((n == 2 || n == 3)
           && (g_str_equal (words[0], "r") || g_str_equal (words[0], "w")
               || g_str_equal (words[0], "x")))
    {
      step.kind = PW_STEP_ACCESS;
      pw_access_from_string (words[0], &step.access);
      if (n == 3 && !step_pid (words[1], &step.pid, error))
        goto out;
      if (!pw_number_parse (words[n - 1], &step.va, error))
        goto out;
      ok = TRUE;
    }
  else
    goto out_bad;

out:
  for (guint i = 0; i < n; i++)
    g_free (words[i]);
  if (ok)
    *out = step;
  return ok;

out_bad:
  step_error (error, text);
  goto out;
}

static gboolean
step_range (Ctx        *c,
            JsonObject *o,
            const char *path,
            PwStep     *step)
{
  if (!member_u64 (c, o, path, "start", &step->start, NULL)
      || !member_u64 (c, o, path, "size", &step->size, NULL))
    return FALSE;
  if (step->size == 0)
    {
      g_autofree char *p = path_key (path, "size");
      return fail (c, p, _("the range cannot be empty"));
    }
  if (c->arch->kind != PW_ARCH_PAGED)
    return fail (c, path, _("%s has no pages: reserve, commit, decommit, free and touch need a paged architecture"),
                 c->arch->name);
  return check_aligned (c, path, "start", step->start, c->page)
    && check_aligned (c, path, "size", step->size, c->page)
    && check_va_range (c, path, step->start, step->size);
}

static gboolean
node_pid (Ctx        *c,
          JsonNode   *node,
          const char *path,
          guint      *out)
{
  guint64 v;

  if (!node_u64 (c, node, path, &v))
    return FALSE;
  if (v < 1 || v > G_MAXUINT)
    return fail (c, path, _("must be from 1 to %u, not %" G_GUINT64_FORMAT), G_MAXUINT, v);
  *out = (guint) v;
  return TRUE;
}

static gboolean
parse_step (Ctx        *c,
            JsonNode   *node,
            const char *path,
            PwStep     *step)
{
  static const char * const kinds[] = {
    "access", "switch", "reserve", "commit", "decommit", "free", "touch", "spawn", "exit",
    "fork", NULL };
  static const char * const access_keys[] = { "access", "pid", "va", NULL };
  JsonObject *o;
  g_autoptr(GList) members = NULL;
  const char *kind;
  JsonNode *arg;
  g_autofree char *ap = NULL;

  if (is_string (node))
    {
      g_autoptr(GError) err = NULL;
      if (!pw_step_parse_string (json_node_get_string (node), step, &err))
        return fail_code (c, err->code, path, "%s", err->message);
      step->path = g_strdup (path);
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (c, path, _("expected a string such as \"r 0x1000\" or an object, found %s"),
                 node_kind (node));

  o = json_node_get_object (node);
  step->path = g_strdup (path);

  if (json_object_has_member (o, "access"))
    {
      guint64 pid = 0;
      gboolean has_pid;

      step->kind = PW_STEP_ACCESS;
      if (!check_keys (c, o, path, access_keys, NULL)
          || !member_access (c, o, path, "access", &step->access)
          || !member_range (c, o, path, "pid", 1, G_MAXUINT, &pid, &has_pid)
          || !member_u64 (c, o, path, "va", &step->va, NULL))
        return FALSE;
      step->pid = (guint) pid;
      return TRUE;
    }

  if (!check_keys (c, o, path, kinds, NULL))
    return FALSE;
  members = json_object_get_members (o);
  if (members == NULL)
    return fail (c, path, _("an empty step: write a string such as \"r 0x1000\" or an object "
                            "such as {\"switch\": 2}"));
  if (members->next != NULL)
    return fail (c, path, _("a step has one key, here “%s” and “%s”"),
                 (const char *) members->data, (const char *) members->next->data);

  kind = members->data;
  arg = json_object_get_member (o, kind);
  ap = path_key (path, kind);

  if (g_str_equal (kind, "switch") || g_str_equal (kind, "exit"))
    {
      step->kind = g_str_equal (kind, "switch") ? PW_STEP_SWITCH : PW_STEP_EXIT;
      return node_pid (c, arg, ap, &step->pid);
    }
  if (g_str_equal (kind, "fork"))
    {
      static const char * const keys[] = { "parent", "child", NULL };
      JsonObject *f;
      guint64 parent, child;

      step->kind = PW_STEP_FORK;
      if (!JSON_NODE_HOLDS_OBJECT (arg))
        return fail (c, ap, _("expected an object such as {\"parent\": 1, \"child\": 2}, found %s"),
                     node_kind (arg));
      f = json_node_get_object (arg);
      if (!check_keys (c, f, ap, keys, NULL)
          || !member_range (c, f, ap, "parent", 1, G_MAXUINT, &parent, NULL)
          || !member_range (c, f, ap, "child", 1, G_MAXUINT, &child, NULL))
        return FALSE;
      if (parent == child)
        {
          g_autofree char *cp = path_key (ap, "child");
          return fail (c, cp, _("the child needs a pid of its own, not its parent's"));
        }
      step->pid = (guint) parent;
      step->child = (guint) child;
      return TRUE;
    }
  if (g_str_equal (kind, "spawn"))
    {
      step->kind = PW_STEP_SPAWN;
      step->spawn = parse_process (c, arg, ap, TRUE);
      return step->spawn != NULL;
    }

  /* reserve, commit, decommit, free, touch */
  {
    static const char * const prot_keys[] = { "pid", "start", "size", "prot", NULL };
    static const char * const plain_keys[] = { "pid", "start", "size", NULL };
    static const char * const plain_misplaced[] = {
      "prot", N_("is only for reserve and commit"), NULL };
    static const char * const touch_keys[] = { "pid", "start", "size", "access", NULL };
    JsonObject *r;
    guint64 pid;

    if (g_str_equal (kind, "reserve"))
      step->kind = PW_STEP_RESERVE;
    else if (g_str_equal (kind, "commit"))
      step->kind = PW_STEP_COMMIT;
    else if (g_str_equal (kind, "decommit"))
      step->kind = PW_STEP_DECOMMIT;
    else if (g_str_equal (kind, "free"))
      step->kind = PW_STEP_FREE;
    else
      step->kind = PW_STEP_TOUCH;

    if (!JSON_NODE_HOLDS_OBJECT (arg))
      return fail (c, ap, _("expected an object such as {\"pid\": 1, \"start\": \"0x1000\", "
                            "\"size\": \"4KiB\"}, found %s"), node_kind (arg));
    r = json_node_get_object (arg);
    if (step->kind == PW_STEP_TOUCH)
      {
        if (!check_keys (c, r, ap, touch_keys, NULL)
            || !member_access (c, r, ap, "access", &step->access))
          return FALSE;
      }
    else if (step->kind == PW_STEP_RESERVE || step->kind == PW_STEP_COMMIT)
      {
        step->prot = PW_PROT_R | PW_PROT_W;
        if (!check_keys (c, r, ap, prot_keys, NULL)
            || !member_prot (c, r, ap, "prot", &step->prot, &step->has_prot))
          return FALSE;
      }
    else if (!check_keys (c, r, ap, plain_keys, plain_misplaced))
      return FALSE;

    if (!member_range (c, r, ap, "pid", 1, G_MAXUINT, &pid, NULL))
      return FALSE;
    step->pid = (guint) pid;
    return step_range (c, r, ap, step);
  }
}

/* ---- the whole file ----------------------------------------------------- */

static gboolean
parse_frame_image (Ctx        *c,
                   JsonNode   *node,
                   const char *path,
                   PwFrameImage *f)
{
  static const char * const keys[] = { "frame", "hex", NULL };
  JsonObject *o;
  const char *hex = NULL;
  gsize len;
  char b1[20], b2[20];

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (c, path, _("expected an object such as {\"frame\": \"0x3f\", \"hex\": \"0123\"}, found %s"),
                 node_kind (node));
  o = json_node_get_object (node);
  if (!check_keys (c, o, path, keys, NULL)
      || !member_u64 (c, o, path, "frame", &f->frame, NULL)
      || !member_string (c, o, path, "hex", &hex, TRUE))
    return FALSE;
  if (f->frame >= c->sc->memory_frames)
    {
      g_autofree char *p = path_key (path, "frame");
      return fail (c, p, _("frame %s is beyond physical memory (frames 0x0 to %s)"),
                   pw_hex_buf (f->frame, b1), pw_hex_buf (c->sc->memory_frames - 1, b2));
    }
  len = strlen (hex);
  {
    g_autofree char *p = path_key (path, "hex");
    if (len / 2 > c->page || (len / 2 == c->page && len % 2 != 0))
      return fail (c, p, _("%" G_GSIZE_FORMAT " bytes is more than a page (%" G_GUINT64_FORMAT " bytes)"),
                   (len + 1) / 2, c->page);
    if (len % 2 != 0)
      return fail (c, p, _("an odd number of hex digits (%" G_GSIZE_FORMAT "): each byte takes two"), len);
    for (gsize i = 0; i < len; i++)
      if (!g_ascii_isxdigit (hex[i]))
        {
          GString *s = g_string_new (NULL);
          g_autofree char *t = NULL;
          append_shown (s, hex + i, g_utf8_next_char (hex + i) - (hex + i));
          t = g_string_free (s, FALSE);
          return fail (c, p, _("“%s” at position %" G_GSIZE_FORMAT " is not a hex digit"), t, i);
        }
  }
  f->n_bytes = len / 2;
  f->bytes = g_malloc (MAX (f->n_bytes, 1));
  for (gsize i = 0; i < f->n_bytes; i++)
    f->bytes[i] = (guint8) (g_ascii_xdigit_value (hex[2 * i]) << 4 | g_ascii_xdigit_value (hex[2 * i + 1]));
  return TRUE;
}

static gboolean
parse_root (Ctx        *c,
            JsonObject *root)
{
  static const char * const keys[] = {
    "pagewalk", "title", "description", "arch", "memory", "disk", "tlb", "policy", "seed",
    "frame_image", "processes", "steps", NULL };
  static const char * const tlb_keys[] = { "entries", "ways", "policy", "asid", NULL };
  PwScenario *sc = c->sc;
  JsonNode *node;
  JsonObject *o;
  JsonArray *arr;
  const char *s = NULL;
  guint64 v, max_frames;
  gboolean ok, found;
  guint choice;

  /* the version first: a newer file may well have keys we do not know */
  node = json_object_get_member (root, "pagewalk");
  if (node != NULL)
    {
      if (!node_u64 (c, node, "pagewalk", &v))
        return FALSE;
      if (v != 1)
        return fail (c, "pagewalk", _("this is format version %" G_GUINT64_FORMAT
                                      "; this program reads version 1"), v);
    }
  if (!check_keys (c, root, "", keys, NULL))
    return FALSE;
  if (node == NULL)
    return fail (c, "", _("“pagewalk” is missing: a scenario starts with { \"pagewalk\": 1, ... }"));

  /* title, description */
  if (!member_string (c, root, "", "title", &s, FALSE))
    return FALSE;
  if (s != NULL)
    sc->title = g_strdup (s);
  else
    {
      g_autofree char *base = g_path_get_basename (sc->filename);
      if (g_str_has_suffix (base, EXAMPLE_SUFFIX))
        base[strlen (base) - strlen (EXAMPLE_SUFFIX)] = '\0';
      sc->title = g_strdup (base);
    }
  s = NULL;
  if (!member_string (c, root, "", "description", &s, FALSE))
    return FALSE;
  sc->description = g_strdup (s != NULL ? s : "");

  /* arch */
  sc->arch = parse_arch (c, json_object_get_member (root, "arch"));
  if (sc->arch == NULL)
    return FALSE;
  c->arch = sc->arch;
  c->page = pw_arch_page_size (sc->arch);
  max_frames = pw_arch_max_frames (sc->arch);
  if (max_frames == 0)
    max_frames = G_MAXUINT64;

  /* memory */
  if (sc->arch->fmt == PW_FMT_CUSTOM)
    sc->memory_frames = sc->arch->pa_bits - sc->arch->page_shift >= 64
      ? G_MAXUINT64 : max_frames;
  else
    sc->memory_frames = MAX (1, sc->arch->default_memory / c->page);
  o = member_object (c, root, "", "memory", &ok);
  if (!ok)
    return FALSE;
  if (o != NULL)
    {
      static const char * const mkeys[] = { "frames", "size", NULL };
      gboolean has_frames, has_size;
      guint64 frames = 0, size = 0;

      if (!check_keys (c, o, "memory", mkeys, NULL)
          || !member_u64 (c, o, "memory", "frames", &frames, &has_frames)
          || !member_u64 (c, o, "memory", "size", &size, &has_size))
        return FALSE;
      if (has_frames && has_size)
        return fail (c, "memory", _("give “frames” or “size”, not both"));
      if (!has_frames && !has_size)
        return fail (c, "memory", _("“frames” or “size” is missing"));
      if (has_size)
        {
          g_autofree char *h = size_str (c->page);
          if (size == 0 || size % c->page != 0)
            return fail (c, "memory.size", _("must be a multiple of the %s page size, and not 0"), h);
          frames = size / c->page;
        }
      if (frames == 0)
        return fail (c, "memory.frames", _("must be at least 1"));
      if (frames > max_frames)
        return fail (c, has_size ? "memory.size" : "memory.frames",
                     _("%" G_GUINT64_FORMAT " frames is more than the %u-bit physical address "
                       "space holds (%" G_GUINT64_FORMAT ")"),
                     frames, sc->arch->pa_bits, max_frames);
      sc->memory_frames = frames;
    }

  /* disk */
  o = member_object (c, root, "", "disk", &ok);
  if (!ok)
    return FALSE;
  if (o != NULL)
    {
      static const char * const dkeys[] = { "slots", NULL };
      if (!check_keys (c, o, "disk", dkeys, NULL)
          || !member_range (c, o, "disk", "slots", 0, MAX_DISK_SLOTS, &sc->disk_slots, NULL))
        return FALSE;
    }

  /* tlb */
  node = json_object_get_member (root, "tlb");
  if (node != NULL && is_bool (node) && !json_node_get_boolean (node))
    sc->tlb = FALSE;
  else if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      guint64 entries, ways;
      gboolean has_ways;

      o = json_node_get_object (node);
      choice = PW_TLB_LRU;
      if (!check_keys (c, o, "tlb", tlb_keys, NULL)
          || !member_range (c, o, "tlb", "entries", 1, MAX_TLB_ENTRIES, &entries, NULL)
          || !member_range (c, o, "tlb", "ways", 1, MAX_TLB_ENTRIES, &ways, &has_ways)
          || !member_choice (c, o, "tlb", "policy", tlb_policy_names, &choice)
          || !member_bool (c, o, "tlb", "asid", &sc->tlb_asid))
        return FALSE;
      if (!has_ways)
        ways = entries;
      if (ways > entries || entries % ways != 0)
        return fail (c, "tlb.ways", _("%" G_GUINT64_FORMAT " ways do not divide %" G_GUINT64_FORMAT
                                      " entries into equal sets"), ways, entries);
      sc->tlb = TRUE;
      sc->tlb_entries = (guint) entries;
      sc->tlb_ways = (guint) ways;
      sc->tlb_policy = (PwTlbPolicy) choice;
    }
  else if (node != NULL)
    return fail (c, "tlb", _("expected false or an object such as {\"entries\": 16, \"ways\": 4}, found %s"),
                 node_kind (node));

  /* policy, seed */
  choice = PW_POLICY_FIFO;
  if (!member_choice (c, root, "", "policy", policy_names, &choice))
    return FALSE;
  sc->policy = (PwPolicy) choice;
  if (!member_u64 (c, root, "", "seed", &sc->seed, &found))
    return FALSE;

  /* frame_image */
  arr = member_array (c, root, "", "frame_image", &ok);
  if (!ok)
    return FALSE;
  if (arr != NULL)
    {
      g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
      guint n = json_array_get_length (arr);

      g_array_set_size (sc->frame_images, n);
      for (guint i = 0; i < n; i++)
        {
          PwFrameImage *f = &g_array_index (sc->frame_images, PwFrameImage, i);
          PwFrameImage *other;

          f->path = path_index ("frame_image", i);
          if (!parse_frame_image (c, json_array_get_element (arr, i), f->path, f))
            return FALSE;
          other = g_hash_table_lookup (seen, &f->frame);
          if (other != NULL)
            {
              g_autofree char *p = path_key (f->path, "frame");
              char b[20];
              return fail (c, p, _("frame %s already has an image in %s"),
                           pw_hex_buf (f->frame, b), other->path);
            }
          g_hash_table_insert (seen, &f->frame, f);
        }
    }

  /* processes */
  arr = member_array (c, root, "", "processes", &ok);
  if (!ok)
    return FALSE;
  if (arr != NULL)
    {
      g_autoptr(GHashTable) pids = g_hash_table_new (NULL, NULL);
      guint n = json_array_get_length (arr);

      for (guint i = 0; i < n; i++)
        {
          g_autofree char *path = path_index ("processes", i);
          PwProcessSpec *p = parse_process (c, json_array_get_element (arr, i), path, FALSE);
          PwProcessSpec *other;

          if (p == NULL)
            return FALSE;
          g_ptr_array_add (sc->processes, p);
          other = g_hash_table_lookup (pids, GUINT_TO_POINTER (p->pid));
          if (other != NULL)
            {
              g_autofree char *pp = path_key (path, "pid");
              return fail (c, pp, _("pid %u is used twice (also %s)"), p->pid, other->path);
            }
          g_hash_table_insert (pids, GUINT_TO_POINTER (p->pid), p);
        }
    }

  /* steps */
  arr = member_array (c, root, "", "steps", &ok);
  if (!ok)
    return FALSE;
  if (arr != NULL)
    {
      guint n = json_array_get_length (arr);

      g_array_set_size (sc->steps, n);
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *path = path_index ("steps", i);
          if (!parse_step (c, json_array_get_element (arr, i), path,
                           &g_array_index (sc->steps, PwStep, i)))
            return FALSE;
        }
    }
  return TRUE;
}

/* json-glib reports "<data>:LINE:COL: Parse error: ..."; make it ours. */
static void
json_error_to_pw (GError      *err,
                  const char  *file,
                  GError     **error)
{
  const char *msg = err->message;

  if (g_str_has_prefix (msg, "<data>:"))
    {
      const char *rest = msg + strlen ("<data>:");
      const char *pe = strstr (rest, "Parse error: ");
      if (pe != NULL)
        {
          g_autofree char *where = g_strndup (rest, pe - rest);
          g_set_error (error, PW_ERROR, PW_ERROR_SYNTAX, "%s:%s%s", file, where,
                       pe + strlen ("Parse error: "));
          return;
        }
      g_set_error (error, PW_ERROR, PW_ERROR_SYNTAX, "%s:%s", file, rest);
      return;
    }
  g_set_error (error, PW_ERROR, PW_ERROR_SYNTAX, "%s: %s", file, msg);
}

PwScenario *
pw_scenario_parse (const char   *data,
                   gsize         length,
                   const char   *display_name,
                   GError      **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) err = NULL;
  g_autoptr(GHashTable) shares = NULL;
  PwScenario *sc;
  JsonNode *root;
  gssize skip;
  Ctx c = { 0 };

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (display_name == NULL)
    display_name = "scenario";
  if (data == NULL)
    data = "";
  if (length == (gsize) -1)
    length = strlen (data);

  skip = prescan (data, length, display_name, error);
  if (skip < 0)
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data + skip, length - skip, &err))
    {
      json_error_to_pw (err, display_name, error);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, PW_ERROR, PW_ERROR_SYNTAX, _("%s:1:1: a scenario must be a JSON object"),
                   display_name);
      return NULL;
    }

  sc = scenario_new (display_name);
  shares = g_hash_table_new (g_str_hash, g_str_equal);
  c.file = display_name;
  c.error = error;
  c.sc = sc;
  c.shares = shares;
  if (!parse_root (&c, json_node_get_object (root)))
    {
      pw_scenario_free (sc);
      return NULL;
    }
  return sc;
}

/* ---- pass 3: loading ------------------------------------------------------ */

PwScenario *
pw_scenario_load_data (const char   *data,
                       gsize         length,
                       const char   *display_name,
                       GError      **error)
{
  PwScenario *sc;
  PwMachine *machine;

  sc = pw_scenario_parse (data, length, display_name, error);
  if (sc == NULL)
    return NULL;
  machine = pw_machine_new (sc, error);
  if (machine == NULL)
    {
      pw_scenario_free (sc);
      return NULL;
    }
  pw_machine_free (machine);
  return sc;
}

PwScenario *
pw_scenario_load_file (const char  *path,
                       GError     **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) err = NULL;
  GStatBuf st;
  gsize len = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (g_stat (path, &st) != 0)
    {
      int e = errno;
      g_set_error (error, PW_ERROR, PW_ERROR_IO, "%s: %s", path, g_strerror (e));
      return NULL;
    }
  if (S_ISDIR (st.st_mode))
    {
      g_set_error (error, PW_ERROR, PW_ERROR_IO, _("%s: is a directory, not a scenario file"), path);
      return NULL;
    }
  if ((guint64) st.st_size > MAX_FILE_SIZE)
    {
      g_set_error (error, PW_ERROR, PW_ERROR_IO, _("%s: the file is larger than 256 MiB"), path);
      return NULL;
    }
  if (!g_file_get_contents (path, &contents, &len, &err))
    {
      g_set_error (error, PW_ERROR, PW_ERROR_IO, "%s: %s", path, err->message);
      return NULL;
    }
  if ((guint64) len > MAX_FILE_SIZE)
    {
      g_set_error (error, PW_ERROR, PW_ERROR_IO, _("%s: the file is larger than 256 MiB"), path);
      return NULL;
    }
  return pw_scenario_load_data (contents, len, path, error);
}

PwScenario *
pw_scenario_load (const char  *path_or_example,
                  GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (path_or_example != NULL, NULL);

  if (g_file_test (path_or_example, G_FILE_TEST_EXISTS))
    return pw_scenario_load_file (path_or_example, error);

  bytes = pw_example_bytes (path_or_example);
  if (bytes != NULL)
    {
      g_autofree char *display = g_strconcat (path_or_example, EXAMPLE_SUFFIX, NULL);
      gsize len;
      const char *data = g_bytes_get_data (bytes, &len);
      return pw_scenario_load_data (data, len, display, error);
    }

  {
    g_autofree char *t = shown (path_or_example);
    g_set_error (error, PW_ERROR, PW_ERROR_IO,
                 _("no such file or example: %s (see `pagewalk-cli examples`)"), t);
  }
  return NULL;
}

/* ---- built-in examples --------------------------------------------------- */

/* Contract order; others follow alphabetically. */
static const char * const example_order[] = {
  "seed", "relocation", "chunks", "overcommit", "fragmentation", "protections",
  "page-states", "x86-32-split", "x86-64", "large-pages", "tlb", "belady", "multilevel",
  "riscv-sv39", "cow-fork", "multiprocess", NULL
};

GBytes *
pw_example_bytes (const char *name)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (name != NULL, NULL);

  if (name[0] == '\0' || strchr (name, '/') != NULL)
    return NULL;
  path = g_strconcat (EXAMPLES_PATH, name, EXAMPLE_SUFFIX, NULL);
  return g_resource_lookup_data (pw_engine_get_resource (), path,
                                 G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
}

static int
example_rank (const char *name)
{
  for (int i = 0; example_order[i] != NULL; i++)
    if (g_str_equal (name, example_order[i]))
      return i;
  return G_N_ELEMENTS (example_order);
}

static int
example_cmp (gconstpointer a,
             gconstpointer b)
{
  const char *x = *(const char * const *) a;
  const char *y = *(const char * const *) b;
  int rx = example_rank (x), ry = example_rank (y);

  if (rx != ry)
    return rx < ry ? -1 : 1;
  return strcmp (x, y);
}

PwExampleInfo **
pw_examples_list (void)
{
  g_auto(GStrv) children = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  GPtrArray *list = g_ptr_array_new ();

  children = g_resource_enumerate_children (pw_engine_get_resource (), EXAMPLES_PATH,
                                            G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  for (guint i = 0; children != NULL && children[i] != NULL; i++)
    {
      if (g_str_has_suffix (children[i], EXAMPLE_SUFFIX))
        {
          children[i][strlen (children[i]) - strlen (EXAMPLE_SUFFIX)] = '\0';
          g_ptr_array_add (names, (gpointer) g_intern_string (children[i]));
        }
    }
  g_ptr_array_sort (names, example_cmp);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autoptr(GBytes) bytes = pw_example_bytes (name);
      g_autofree char *display = g_strconcat (name, EXAMPLE_SUFFIX, NULL);
      g_autoptr(GError) err = NULL;
      PwExampleInfo *info = g_new0 (PwExampleInfo, 1);
      PwScenario *sc = NULL;

      info->name = name;
      if (bytes != NULL)
        {
          gsize len;
          const char *data = g_bytes_get_data (bytes, &len);
          sc = pw_scenario_parse (data, len, display, &err);
        }
      if (sc != NULL)
        {
          info->title = g_strdup (sc->title);
          info->arch = g_strdup (sc->arch->name);
          info->description = g_strdup (sc->description);
          pw_scenario_free (sc);
        }
      else
        {
          g_warning ("built-in example %s: %s", name, err ? err->message : "missing");
          info->title = g_strdup (name);
          info->arch = g_strdup ("");
          info->description = g_strdup ("");
        }
      g_ptr_array_add (list, info);
    }
  g_ptr_array_add (list, NULL);
  return (PwExampleInfo **) g_ptr_array_free (list, FALSE);
}

void
pw_examples_free (PwExampleInfo **list)
{
  if (list == NULL)
    return;
  for (guint i = 0; list[i] != NULL; i++)
    {
      g_free (list[i]->title);
      g_free (list[i]->arch);
      g_free (list[i]->description);
      g_free (list[i]);
    }
  g_free (list);
}

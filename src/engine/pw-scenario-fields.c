/* pw-scenario-fields.c: the field readers of the scenario parser
 *
 * Safe quoting of user text, JSON paths, suggestions for misspelt names,
 * and the typed member readers (numbers, strings, choices, prot, access,
 * address ranges) that pass 2 of loading is built from; each reports
 * "FILE: json.path: message".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-scenario"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pw-scenario-private.h"

#include <string.h>

/* ---- small helpers -------------------------------------------------------- */

/* A user-supplied string made safe for a one-line message: pw_quote()
 * without its quotation marks, so the same escaping and the same limit
 * (PW_QUOTE_MAX characters) apply to JSON paths and quoted values alike. */
void
append_shown (GString    *s,
              const char *text,
              gssize      len)
{
  g_autofree char *q = NULL;
  gsize n = len < 0 ? strlen (text) : (gsize) len;
  const gsize open = strlen ("\u201c"), close = strlen ("\u201d");
  gboolean plain = n <= PW_QUOTE_MAX;

  /* printable ASCII that fits is appended as it is (the common case: keys
   * of JSON paths) */
  for (gsize i = 0; plain && i < n; i++)
    if ((guchar) text[i] < 0x20 || (guchar) text[i] >= 0x7f)
      plain = FALSE;
  if (plain)
    {
      g_string_append_len (s, text, n);
      return;
    }
  q = pw_quote (text, len);
  n = strlen (q);
  g_string_append_len (s, q + open, n - open - close);
}

char *
shown (const char *text)
{
  GString *s = g_string_new (NULL);
  append_shown (s, text, -1);
  return g_string_free (s, FALSE);
}

char *
path_key (const char *parent,
          const char *key)
{
  GString *s = g_string_new (parent);
  if (s->len > 0)
    g_string_append_c (s, '.');
  append_shown (s, key, -1);
  return g_string_free (s, FALSE);
}

char *
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
const char *
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

char *
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
char *
size_str (guint64 bytes)
{
  return pw_size_human (bytes);
}

/* ---- public small functions ---------------------------------------------- */

const char * const policy_names[] = { "fifo", "lru", "opt", "clock", "random", "mru", NULL };
const char * const tlb_policy_names[] = { "lru", "fifo", "random", NULL };

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

/* ---- pass 2: failing ------------------------------------------------------ */

gboolean
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

const char *
node_kind (PwJson *node)
{
  switch (node->type)
    {
    case PW_JSON_OBJECT: return _("an object");
    case PW_JSON_ARRAY: return _("an array");
    case PW_JSON_NULL: return _("null");
    default:
      {
        GType t = pw_json_node_get_value_type (node);
        if (t == G_TYPE_STRING)
          return _("a string");
        if (t == G_TYPE_BOOLEAN)
          return pw_json_node_get_boolean (node) ? "true" : "false";
        return _("a number");
      }
    }
}

gboolean
is_string (PwJson *node)
{
  return PW_JSON_HOLDS_VALUE (node) && pw_json_node_get_value_type (node) == G_TYPE_STRING;
}

gboolean
is_bool (PwJson *node)
{
  return PW_JSON_HOLDS_VALUE (node) && pw_json_node_get_value_type (node) == G_TYPE_BOOLEAN;
}

/* Unknown keys.  @misplaced, if given, is a NULL-terminated list of
 * pairs (key, message) for keys that belong elsewhere. */
gboolean
check_keys (Ctx                *c,
            PwJson             *o,
            const char         *path,
            const char * const *allowed,
            const char * const *misplaced)
{
  g_autofree char *k = NULL;
  g_autofree char *known = NULL;
  const char *unknown = NULL;
  const char *near;

  /* in the file's order, so the first unknown key is the one reported */
  for (guint m = 0; m < o->n && unknown == NULL; m++)
    {
      unknown = o->members[m].key;
      for (guint i = 0; allowed[i] != NULL; i++)
        if (g_str_equal (unknown, allowed[i]))
          {
            unknown = NULL;
            break;
          }
    }
  if (unknown == NULL)
    return TRUE;

  k = shown (unknown);
  if (misplaced != NULL)
    for (guint i = 0; misplaced[i] != NULL; i += 2)
      if (g_str_equal (unknown, misplaced[i]))
        /* Translators: a key, then why it is misplaced (e.g. “is only for segmented architectures”) */
        return fail_code (c, PW_ERROR_UNKNOWN, path, _("“%s” %s"), k, _(misplaced[i + 1]));

  near = suggest (unknown, allowed);
  if (near != NULL)
    return fail_code (c, PW_ERROR_UNKNOWN, path,
                      /* Translators: the unknown key, then a known key with a close name */
                      _("unknown key “%s” (did you mean “%s”?)"), k, near);
  known = join_names (allowed);
  return fail_code (c, PW_ERROR_UNKNOWN, path,
                    /* Translators: the unknown key, then the keys allowed in this object */
                    _("unknown key “%s” (known keys: %s)"), k, known);
}

gboolean
node_u64 (Ctx        *c,
          PwJson     *node,
          const char *path,
          guint64    *out)
{
  if (PW_JSON_HOLDS_VALUE (node))
    {
      GType t = pw_json_node_get_value_type (node);

      if (t == G_TYPE_INT64)
        {
          gint64 v = pw_json_node_get_int (node);
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
          double d = pw_json_node_get_double (node);
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
          const char *text = pw_json_node_get_string (node);
          g_autoptr(GError) err = NULL;
          gboolean clean = strlen (text) <= PW_QUOTE_MAX;
          gboolean overflow = FALSE;

          for (const char *p = text; clean && *p; p++)
            if ((guchar) *p < 0x20 || *p == 0x7f)
              clean = FALSE;
          if (pw_number_parse_full (text, out, &overflow, &err))
            return TRUE;
          if (clean)
            return fail (c, path, "%s", err->message);
          {
            /* the same messages, with the text quoted like every other
             * value in the loader's messages */
            g_autofree char *t2 = pw_quote (text, -1);
            if (overflow)
              return fail (c, path, _("%s does not fit in 64 bits"), t2);
            return fail (c, path, _("%s is not a number (write 42, 0x2a, 0b101010 or 4KiB)"), t2);
          }
        }
    }
  return fail (c, path, _("expected a number (an integer or a string such as \"0x1f\"), found %s"),
               node_kind (node));
}

/* The common case without building a path: a JSON integer in [0, 2^53]
 * or a string that is a number.  FALSE leaves the message to node_u64(). */
static gboolean
u64_quick (PwJson  *node,
           guint64 *out)
{
  GType t;

  if (!PW_JSON_HOLDS_VALUE (node))
    return FALSE;
  t = pw_json_node_get_value_type (node);
  if (t == G_TYPE_INT64)
    {
      gint64 v = pw_json_node_get_int (node);
      if (v < 0 || (guint64) v > JSON_SAFE_MAX)
        return FALSE;
      *out = (guint64) v;
      return TRUE;
    }
  if (t == G_TYPE_STRING)
    return pw_number_parse_full (pw_json_node_get_string (node), out, NULL, NULL);
  return FALSE;
}

/* Titles, descriptions and names are shown whole by the app and the
 * renderer: a 16 MiB title never gets that far.  @text may be NULL. */
gboolean
text_fits (Ctx        *c,
           const char *parent,
           const char *key,
           const char *text,
           glong       max)
{
  g_autofree char *path = NULL;
  glong n;

  if (text == NULL)
    return TRUE;
  n = g_utf8_strlen (text, -1);
  if (n <= max)
    return TRUE;
  path = path_key (parent, key);
  /* Translators: the length of the string, then the most allowed */
  return fail (c, path, _("%ld characters is too long: at most %ld"), n, max);
}

/* A member that must be a number.  Returns FALSE on error; *found tells
 * whether it was there (when @found is NULL the member is required). */
gboolean
member_u64 (Ctx        *c,
            PwJson     *o,
            const char *parent,
            const char *key,
            guint64    *out,
            gboolean   *found)
{
  PwJson *node = pw_json_object_get_member (o, key);
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
  if (u64_quick (node, out))
    return TRUE;
  path = path_key (parent, key);
  return node_u64 (c, node, path, out);
}

/* A number with a range; @found as above. */
gboolean
member_range (Ctx        *c,
              PwJson     *o,
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
        /* Translators: the lowest value allowed, then the value found */
        return fail (c, path, _("must be at least %s, not %s"), PW_DEC (min), PW_DEC (v));
      /* Translators: the lowest and highest values allowed, then the value found */
      return fail (c, path, _("must be from %s to %s, not %s"), PW_DEC (min), PW_DEC (max), PW_DEC (v));
    }
  *out = v;
  return TRUE;
}

gboolean
member_string (Ctx         *c,
               PwJson      *o,
               const char  *parent,
               const char  *key,
               const char **out,
               gboolean     required)
{
  PwJson *node = pw_json_object_get_member (o, key);

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
  *out = pw_json_node_get_string (node);
  return TRUE;
}

gboolean
member_bool (Ctx        *c,
             PwJson     *o,
             const char *parent,
             const char *key,
             gboolean   *out)
{
  PwJson *node = pw_json_object_get_member (o, key);

  if (node == NULL)
    return TRUE;
  if (!is_bool (node))
    {
      g_autofree char *path = path_key (parent, key);
      return fail (c, path, _("expected true or false, found %s"), node_kind (node));
    }
  *out = pw_json_node_get_boolean (node);
  return TRUE;
}

/* An object (or, with @array, an array) member, or NULL when absent (then
 * *ok stays TRUE). */
static PwJson *
member_container (Ctx        *c,
                  PwJson     *o,
                  const char *parent,
                  const char *key,
                  gboolean    array,
                  gboolean   *ok)
{
  PwJson *node = pw_json_object_get_member (o, key);

  *ok = TRUE;
  if (node == NULL)
    return NULL;
  if (array ? !PW_JSON_HOLDS_ARRAY (node) : !PW_JSON_HOLDS_OBJECT (node))
    {
      g_autofree char *path = path_key (parent, key);
      *ok = fail (c, path, array ? _("expected an array, found %s") : _("expected an object, found %s"),
                  node_kind (node));
      return NULL;
    }
  return array ? pw_json_node_get_array (node) : pw_json_node_get_object (node);
}

PwJson *
member_object (Ctx        *c,
               PwJson     *o,
               const char *parent,
               const char *key,
               gboolean   *ok)
{
  return member_container (c, o, parent, key, FALSE, ok);
}

PwJson *
member_array (Ctx        *c,
              PwJson     *o,
              const char *parent,
              const char *key,
              gboolean   *ok)
{
  return member_container (c, o, parent, key, TRUE, ok);
}

/* A string that must be one of @names; stores its index. */
gboolean
member_choice (Ctx                *c,
               PwJson             *o,
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
    /* Translators: the value given, then an allowed value with a close name */
    return fail (c, path, _("“%s” is not allowed here (did you mean “%s”?)"), t, near);
  all = join_names (names);
  /* Translators: the value given, then the values allowed */
  return fail (c, path, _("“%s” is not allowed here (one of: %s)"), t, all);
}

gboolean
member_prot (Ctx        *c,
             PwJson     *o,
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

gboolean
member_access (Ctx        *c,
               PwJson     *o,
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
gboolean
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
    /* Translators: the range's start, then its size */
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
      /* Translators: the range's first and last addresses, the architecture, the end of
       * the lower half and the start of the upper half */
      return fail (c, path, _("the range %s–%s is not canonical: %s addresses lie below %s "
                              "or from %s up"),
                   pw_hex_buf (start, b1), pw_hex_buf (last, b2), a->name,
                   pw_hex_buf (half, b3), pw_hex_buf (hi_start, b4));
    }
  if (a->va_bits < 64 && last >> a->va_bits != 0)
    {
      char b3[20];
      /* Translators: the range's first and last addresses, the virtual address bits, the
       * end of the address space */
      return fail (c, path, _("the range %s–%s lies outside the %u-bit virtual address space "
                              "(addresses below %s)"),
                   pw_hex_buf (start, b1), pw_hex_buf (last, b2), a->va_bits,
                   pw_hex_buf (G_GUINT64_CONSTANT (1) << a->va_bits, b3));
    }
  return TRUE;
}

gboolean
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
      /* Translators: an address or size, then the page size (4 KiB...) */
      return fail (c, path, _("%s is not a multiple of the %s page size"),
                   pw_hex_buf (value, b), sz);
    }
  return TRUE;
}

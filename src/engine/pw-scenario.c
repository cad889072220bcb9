/* pw-scenario.c: the scenario loader (docs/scenario-format.md)
 *
 * Loading happens in three passes, so that nothing is ever half-loaded:
 *
 *  1. A strict scan of the raw bytes (pw_json_scan): NUL bytes, UTF-8, JSON
 *     syntax per RFC 8259, nesting depth, duplicate keys and JSON integers
 *     above 2^53 (JSON numbers are doubles).  It reports
 *     "FILE:LINE:COL: message" with 1-based lines and columns counted in
 *     characters.
 *     The same scan builds the document's tree (pw-scenario-json.c).
 *  2. The parser (this file for the root object, the other
 *     pw-scenario-*.c files below it) checks every key,
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
#include <gio/gio.h>

#include "pw-machine.h"
#include "pw-scenario-private.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

/* reads of a file go by this much at a time (read_limited) */
#define READ_CHUNK ((gsize) 64 * 1024)

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

PwProcessSpec *
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
  g_clear_pointer (&scenario->setup, pw_machine_free);
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

/* ---- the whole file ----------------------------------------------------- */

static gboolean
parse_frame_image (Ctx          *c,
                   PwJson       *node,
                   const char   *path,
                   PwFrameImage *f)
{
  static const char * const keys[] = { "frame", "hex", NULL };
  PwJson *o;
  const char *hex = NULL;
  gsize len;
  char b1[20], b2[20];

  if (!PW_JSON_HOLDS_OBJECT (node))
    return fail (c, path, _("expected an object such as {\"frame\": \"0x3f\", \"hex\": \"0123\"}, found %s"),
                 node_kind (node));
  o = pw_json_node_get_object (node);
  if (!check_keys (c, o, path, keys, NULL)
      || !member_u64 (c, o, path, "frame", &f->frame, NULL)
      || !member_string (c, o, path, "hex", &hex, TRUE))
    return FALSE;
  if (f->frame >= c->sc->memory_frames)
    {
      g_autofree char *p = path_key (path, "frame");
      /* Translators: the frame, then the last frame of memory */
      return fail (c, p, _("frame %s is beyond physical memory (frames 0x0 to %s)"),
                   pw_hex_buf (f->frame, b1), pw_hex_buf (c->sc->memory_frames - 1, b2));
    }
  len = strlen (hex);
  {
    g_autofree char *p = path_key (path, "hex");
    if (len / 2 > c->page || (len / 2 == c->page && len % 2 != 0))
      /* Translators: the bytes given, then the page size in bytes */
      return fail (c, p, _("%s bytes is more than a page (%s bytes)"),
                   PW_DEC ((len + 1) / 2), PW_DEC (c->page));
    if (len % 2 != 0)
      return fail (c, p, _("an odd number of hex digits (%s): each byte takes two"), PW_DEC (len));
    for (gsize i = 0; i < len; i++)
      if (!g_ascii_isxdigit (hex[i]))
        {
          GString *s = g_string_new (NULL);
          g_autofree char *t = NULL;
          append_shown (s, hex + i, g_utf8_next_char (hex + i) - (hex + i));
          t = g_string_free (s, FALSE);
          /* Translators: a character, then its position in the string */
          return fail (c, p, _("“%s” at position %s is not a hex digit"), t, PW_DEC (i));
        }
  }
  f->n_bytes = len / 2;
  f->bytes = g_malloc (MAX (f->n_bytes, 1));
  for (gsize i = 0; i < f->n_bytes; i++)
    f->bytes[i] = (guint8) (g_ascii_xdigit_value (hex[2 * i]) << 4 | g_ascii_xdigit_value (hex[2 * i + 1]));
  return TRUE;
}

static gboolean
parse_root (Ctx    *c,
            PwJson *root)
{
  static const char * const keys[] = {
    "pagewalk", "title", "description", "arch", "memory", "disk", "tlb", "policy", "seed",
    "frame_image", "processes", "steps", NULL };
  static const char * const tlb_keys[] = { "entries", "ways", "policy", "asid", NULL };
  PwScenario *sc = c->sc;
  PwJson *node;
  PwJson *o;
  PwJson *arr;
  const char *s = NULL;
  guint64 v, max_frames;
  gboolean ok, found;
  guint choice;

  /* the version first: a newer file may well have keys we do not know */
  node = pw_json_object_get_member (root, "pagewalk");
  if (node != NULL)
    {
      if (!node_u64 (c, node, "pagewalk", &v))
        return FALSE;
      if (v != 1)
        return fail (c, "pagewalk", _("this is format version %s; this program reads version 1"),
                     PW_DEC (v));
    }
  if (!check_keys (c, root, "", keys, NULL))
    return FALSE;
  if (node == NULL)
    return fail (c, "", _("“pagewalk” is missing: a scenario starts with { \"pagewalk\": 1, ... }"));

  /* title, description */
  if (!member_string (c, root, "", "title", &s, FALSE)
      || !text_fits (c, "", "title", s, MAX_TITLE_CHARS))
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
  if (!member_string (c, root, "", "description", &s, FALSE)
      || !text_fits (c, "", "description", s, MAX_DESCRIPTION_CHARS))
    return FALSE;
  sc->description = g_strdup (s != NULL ? s : "");

  /* arch */
  sc->arch = parse_arch (c, pw_json_object_get_member (root, "arch"));
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
                     /* Translators: the frames asked for, the physical
                      * address bits and the most frames they address */
                     _("%s frames is more than the %u-bit physical address "
                       "space holds (%s)"),
                     PW_DEC (frames), sc->arch->pa_bits, PW_DEC (max_frames));
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
  node = pw_json_object_get_member (root, "tlb");
  if (node != NULL && is_bool (node) && !pw_json_node_get_boolean (node))
    sc->tlb = FALSE;
  else if (node != NULL && PW_JSON_HOLDS_OBJECT (node))
    {
      guint64 entries, ways;
      gboolean has_ways;

      o = pw_json_node_get_object (node);
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
        /* Translators: the ways, then the entries of the TLB */
        return fail (c, "tlb.ways", _("%s ways do not divide %s entries into equal sets"),
                     PW_DEC (ways), PW_DEC (entries));
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
      guint n = pw_json_array_get_length (arr);

      g_array_set_size (sc->frame_images, n);
      for (guint i = 0; i < n; i++)
        {
          PwFrameImage *f = &g_array_index (sc->frame_images, PwFrameImage, i);
          PwFrameImage *other;

          f->path = path_index ("frame_image", i);
          if (!parse_frame_image (c, pw_json_array_get_element (arr, i), f->path, f))
            return FALSE;
          other = g_hash_table_lookup (seen, &f->frame);
          if (other != NULL)
            {
              g_autofree char *p = path_key (f->path, "frame");
              char b[20];
              /* Translators: the frame, then the JSON path of the other image */
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
      guint n = pw_json_array_get_length (arr);

      for (guint i = 0; i < n; i++)
        {
          g_autofree char *path = path_index ("processes", i);
          PwProcessSpec *p = parse_process (c, pw_json_array_get_element (arr, i), path, FALSE);
          PwProcessSpec *other;

          if (p == NULL)
            return FALSE;
          g_ptr_array_add (sc->processes, p);
          other = g_hash_table_lookup (pids, GUINT_TO_POINTER (p->pid));
          if (other != NULL)
            {
              g_autofree char *pp = path_key (path, "pid");
              /* Translators: the pid, then the JSON path of the other process */
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
      guint n = pw_json_array_get_length (arr);

      g_array_set_size (sc->steps, n);
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *path = path_index ("steps", i);
          if (!parse_step (c, pw_json_array_get_element (arr, i), path,
                           &g_array_index (sc->steps, PwStep, i)))
            return FALSE;
        }
    }
  return check_step_pids (c);
}

PwScenario *
pw_scenario_parse (const char  *data,
                   gsize        length,
                   const char  *display_name,
                   GError     **error)
{
  g_autoptr(PwJsonDoc) doc = NULL;
  g_autoptr(GHashTable) shares = NULL;
  PwScenario *sc;
  PwJson *root;
  Ctx c = { 0 };

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (display_name == NULL)
    display_name = "scenario";
  if (data == NULL)
    data = "";
  if (length == (gsize) -1)
    length = strlen (data);

  doc = pw_json_scan (data, length, display_name, error);
  if (doc == NULL)
    return NULL;
  root = pw_json_doc_root (doc);
  if (root == NULL || !PW_JSON_HOLDS_OBJECT (root))
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
  if (!parse_root (&c, pw_json_node_get_object (root)))
    {
      pw_scenario_free (sc);
      return NULL;
    }
  return sc;
}

/* ---- pass 3: loading ------------------------------------------------------ */

PwScenario *
pw_scenario_load_data (const char  *data,
                       gsize        length,
                       const char  *display_name,
                       GError     **error)
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
  sc->setup = machine;
  return sc;
}

PwMachine *
pw_scenario_take_setup (const PwScenario *sc)
{
  /* a cache beside the scenario's value, taken once */
  return g_atomic_pointer_exchange (&((PwScenario *) sc)->setup, NULL);
}

static gboolean
too_large (const char  *path,
           GError     **error)
{
  g_autofree char *size = pw_size_human (MAX_FILE_SIZE);
  /* Translators: the file, then the largest size allowed (256 MiB) */
  g_set_error (error, PW_ERROR, PW_ERROR_IO, _("%s: the file is larger than %s"), path, size);
  return FALSE;
}

/* Waits until @fd has bytes (or its end) or @cancellable fires, so that a
 * FIFO nobody writes to can still be cancelled. */
static gboolean
wait_readable (int            fd,
               GCancellable  *cancellable,
               GError       **error)
{
  GPollFD fds[2] = { { fd, G_IO_IN | G_IO_HUP | G_IO_ERR, 0 } };
  guint n = 1;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (cancellable != NULL && g_cancellable_make_pollfd (cancellable, &fds[1]))
    n = 2;
  while (g_poll (fds, n, -1) < 0 && errno == EINTR)
    ;
  if (n == 2)
    g_cancellable_release_fd (cancellable);
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

/* @path as messages show it: as it is, unless it holds what pw_quote()
 * escapes (control characters, invalid UTF-8, bidirectional controls...),
 * then escaped (without the quotes) so that no message carries a terminal
 * escape, a line break or reordered text. */
static char *
display_path (const char *path)
{
  return pw_is_plain_text (path) ? g_strdup (path) : shown (path);
}

/* The bytes of @path (@display in messages), read in chunks and never more than MAX_FILE_SIZE of
 * them: /dev/zero, a FIFO or an endless pipe are refused once past the
 * limit, while reading.  Reading stops early at a NUL byte, which no
 * scenario holds: the scan reports it just as it would in the whole file. */
static char *
read_limited (const char    *path,
              const char    *display,
              GCancellable  *cancellable,
              gsize         *length,
              GError       **error)
{
  g_autofree char *buf = NULL;
  gsize len = 0, cap;
  GStatBuf st;
  int fd;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (g_stat (path, &st) != 0)
    {
      int e = errno;
      g_set_error (error, PW_ERROR, PW_ERROR_IO, "%s: %s", display, g_strerror (e));
      return NULL;
    }
  if (S_ISDIR (st.st_mode))
    {
      g_set_error (error, PW_ERROR, PW_ERROR_IO, _("%s: is a directory, not a scenario file"), display);
      return NULL;
    }
  if (S_ISREG (st.st_mode) && (guint64) st.st_size > MAX_FILE_SIZE)
    {
      too_large (display, error);
      return NULL;
    }

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int e = errno;
      g_set_error (error, PW_ERROR, PW_ERROR_IO, "%s: %s", display, g_strerror (e));
      return NULL;
    }

  /* a regular file's size is a good first guess; pipes grow from 64 KiB */
  cap = S_ISREG (st.st_mode) ? (gsize) st.st_size + 1 : READ_CHUNK;
  cap = CLAMP (cap, READ_CHUNK, MAX_FILE_SIZE + 1);
  buf = g_malloc (cap + 1);
  for (;;)
    {
      gssize n;
      gsize want;

      /* a regular file never blocks: only pipes and devices wait */
      if (S_ISREG (st.st_mode)
          ? g_cancellable_set_error_if_cancelled (cancellable, error)
          : !wait_readable (fd, cancellable, error))
        goto fail;
      if (len == cap)
        {
          cap = MIN (cap * 2, MAX_FILE_SIZE + 1);
          buf = g_realloc (buf, cap + 1);
        }
      want = MIN (cap - len, READ_CHUNK);
      n = read (fd, buf + len, want);
      if (n < 0)
        {
          int e = errno;
          if (e == EINTR || e == EAGAIN)
            continue;
          g_set_error (error, PW_ERROR, PW_ERROR_IO, "%s: %s", display, g_strerror (e));
          goto fail;
        }
      if (n == 0)
        break;
      if (memchr (buf + len, '\0', (gsize) n) != NULL)
        {
          len += (gsize) n;
          break;
        }
      len += (gsize) n;
      if (len > MAX_FILE_SIZE)
        {
          too_large (display, error);
          goto fail;
        }
    }
  close (fd);
  buf[len] = '\0';
  *length = len;
  return g_steal_pointer (&buf);

fail:
  close (fd);
  return NULL;
}

PwScenario *
pw_scenario_load_file_cancellable (const char    *path,
                                   GCancellable  *cancellable,
                                   GError       **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *display = NULL;
  gsize len = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  display = display_path (path);
  contents = read_limited (path, display, cancellable, &len, error);
  if (contents == NULL)
    return NULL;
  return pw_scenario_load_data (contents, len, display, error);
}

PwScenario *
pw_scenario_load_file (const char  *path,
                       GError     **error)
{
  return pw_scenario_load_file_cancellable (path, NULL, error);
}

PwScenario *
pw_scenario_load_cancellable (const char    *path_or_example,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (path_or_example != NULL, NULL);

  /* `-` is standard input (a file named "-" is ./-), named <stdin> in messages */
  if (g_str_equal (path_or_example, "-"))
    {
      g_autofree char *contents = NULL;
      gsize len = 0;

      contents = read_limited ("/dev/stdin", "<stdin>", cancellable, &len, error);
      if (contents == NULL)
        return NULL;
      return pw_scenario_load_data (contents, len, "<stdin>", error);
    }
  if (g_file_test (path_or_example, G_FILE_TEST_EXISTS))
    return pw_scenario_load_file_cancellable (path_or_example, cancellable, error);

  bytes = pw_example_bytes (path_or_example);
  if (bytes != NULL)
    {
      g_autofree char *display = g_strconcat (path_or_example, EXAMPLE_SUFFIX, NULL);
      gsize len;
      const char *data = g_bytes_get_data (bytes, &len);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      return pw_scenario_load_data (data, len, display, error);
    }

  {
    g_autofree char *t = shown (path_or_example);
    g_set_error (error, PW_ERROR, PW_ERROR_IO,
                 _("no such file or example: %s (see `pagewalk-cli examples`)"), t);
  }
  return NULL;
}

PwScenario *
pw_scenario_load (const char  *path_or_example,
                  GError     **error)
{
  return pw_scenario_load_cancellable (path_or_example, NULL, error);
}

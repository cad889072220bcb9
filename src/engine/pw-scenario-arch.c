/* pw-scenario-arch.c: the "arch" member of a scenario
 *
 * A preset name, or a custom architecture described level by level; see
 * docs/scenario-format.md.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-scenario"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pw-scenario-private.h"

#include <string.h>

/* ---- arch ----------------------------------------------------------------- */

static const char * const custom_level_names[PW_MAX_LEVELS] = {
  "L1", "L2", "L3", "L4", "L5", "L6",
};

static gboolean
pte_bit (Ctx        *c,
         PwJson     *pte,
         const char *parent,
         const char *key,
         int        *out)
{
  PwJson *node = pw_json_object_get_member (pte, key);
  g_autofree char *path = NULL;
  guint64 v;

  *out = -1;
  if (node == NULL || PW_JSON_HOLDS_NULL (node))
    return TRUE;
  path = path_key (parent, key);
  if (!node_u64 (c, node, path, &v))
    return FALSE;
  if (v > 63)
    return fail (c, path, _("bit %s does not exist: entries have at most 64 bits (0 to 63)"), PW_DEC (v));
  *out = (int) v;
  return TRUE;
}

static PwArch *
parse_custom_arch (Ctx    *c,
                   PwJson *o)
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
      || !text_fits (c, "arch", "name", name, MAX_NAME_CHARS)
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
      PwJson *levels;
      PwJson *pte;
      guint endian = 0;
      guint n;

      a->kind = PW_ARCH_PAGED;
      a->root_register = "PTBR";
      if (!member_u64 (c, o, "arch", "page_size", &v, NULL))
        goto error;
      if (!pw_is_pow2 (v) || v < 2)
        {
          fail (c, "arch.page_size", _("must be a power of two, at least 2 (such as 256 or 4096), not %s"), PW_DEC (v));
          goto error;
        }
      a->page_shift = pw_log2 (v);
      if (a->page_shift > a->pa_bits)
        {
          /* Translators: the page size in bytes, then the physical address bits */
          fail (c, "arch.page_size", _("a page of %s bytes is larger than the %u-bit physical address space"),
                PW_DEC (v), a->pa_bits);
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
      n = pw_json_array_get_length (levels);
      if (n < 1 || n > PW_MAX_LEVELS)
        {
          /* Translators: the most levels allowed, then the number found */
          fail (c, "arch.levels", _("must list from 1 to %d index widths, root first (found %u)"),
                PW_MAX_LEVELS, n);
          goto error;
        }
      a->n_levels = n;
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *path = path_index ("arch.levels", i);
          if (!node_u64 (c, pw_json_array_get_element (levels, i), path, &v))
            goto error;
          if (v < 1 || v > 32)
            {
              fail (c, path, _("each level has from 1 to 32 index bits, not %s"), PW_DEC (v));
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
          fail (c, "arch.pte.bytes", _("must be 1, 2, 4 or 8, not %s"), PW_DEC (v));
          goto error;
        }
      a->pte_bytes = (guint) v;
      if (pw_json_object_get_member (pte, "present") == NULL)
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

PwArch *
parse_arch (Ctx    *c,
            PwJson *node)
{
  const char * const *presets = pw_arch_preset_names ();

  if (node == NULL)
    return pw_arch_new_preset ("seed");

  if (is_string (node) || (PW_JSON_HOLDS_OBJECT (node)
                           && pw_json_object_has_member (pw_json_node_get_object (node), "preset")))
    {
      static const char * const keys[] = { "preset", "hardware_dirty", NULL };
      const char *name;
      const char *path = "arch";
      gboolean hw_dirty = FALSE;
      PwArch *a;

      if (is_string (node))
        name = pw_json_node_get_string (node);
      else
        {
          PwJson *o = pw_json_node_get_object (node);
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
            /* Translators: the name given, then a preset with a close name */
            fail (c, path, _("unknown architecture “%s” (did you mean “%s”?)"), t, near);
          else
            /* Translators: the name given, then the list of presets */
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

  if (PW_JSON_HOLDS_OBJECT (node))
    return parse_custom_arch (c, pw_json_node_get_object (node));

  fail (c, "arch", _("expected a preset name or an object, found %s"), node_kind (node));
  return NULL;
}

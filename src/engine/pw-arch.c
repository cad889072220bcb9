/* pw-arch.c: presets, geometry, and the entry functions over the formats
 *
 * The presets are those of docs/machine.md.  Every entry function here
 * dispatches to the arch's PwEntryFormat (pw-format.h): the encodings live in
 * pw-format-x86.c, pw-format-riscv.c, pw-format-aarch64.c, pw-format-ostep.c
 * and pw-format-custom.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-arch"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pw-arch.h"
#include "pw-format.h"
#include "pw-number.h"

static const char * const preset_names[] = {
  "seed", "x86-32", "x86-pae", "x86-64", "x86-64-la57",
  "riscv-sv32", "riscv-sv39", "riscv-sv48", "aarch64-4k", "ostep-multilevel",
  NULL
};

const char * const *
pw_arch_preset_names (void)
{
  return preset_names;
}

static PwArch *
arch_new (const char  *name,
          PwPteFormat  fmt,
          guint        va_bits,
          guint        pa_bits,
          guint        page_shift,
          guint        pte_bytes,
          guint64      default_memory,
          const char  *root_register)
{
  PwArch *a = g_new0 (PwArch, 1);

  a->name = g_strdup (name);
  a->kind = PW_ARCH_PAGED;
  a->fmt = fmt;
  a->va_bits = va_bits;
  a->pa_bits = pa_bits;
  a->page_shift = page_shift;
  a->pte_bytes = pte_bytes;
  a->default_memory = default_memory;
  a->root_register = root_register;
  a->custom.present = a->custom.writable = a->custom.user = -1;
  a->custom.accessed = a->custom.dirty = a->custom.nx = a->custom.huge = -1;
  return a;
}

static void
set_levels (PwArch      *a,
            guint        n,
            const guint *bits,
            const char **names)
{
  a->n_levels = n;
  for (guint i = 0; i < n; i++)
    {
      a->level_bits[i] = bits[i];
      a->level_names[i] = names[i];
    }
}

#define MiB (G_GUINT64_CONSTANT (1) << 20)
#define GiB (G_GUINT64_CONSTANT (1) << 30)

PwArch *
pw_arch_new_preset (const char *name)
{
  PwArch *a = NULL;

  if (g_strcmp0 (name, "seed") == 0)
    {
      static const guint b[] = { 16 };
      static const char *n[] = { "L1" };
      a = arch_new (name, PW_FMT_X86_32, 28, 28, 12, 4, 256 * MiB, "PTBR");
      set_levels (a, 1, b, n);
    }
  else if (g_strcmp0 (name, "x86-32") == 0)
    {
      static const guint b[] = { 10, 10 };
      static const char *n[] = { "PD", "PT" };
      a = arch_new (name, PW_FMT_X86_32, 32, 32, 12, 4, 256 * MiB, "CR3");
      set_levels (a, 2, b, n);
      a->large_ok[0] = TRUE;
    }
  else if (g_strcmp0 (name, "x86-pae") == 0)
    {
      static const guint b[] = { 2, 9, 9 };
      static const char *n[] = { "PDPT", "PD", "PT" };
      a = arch_new (name, PW_FMT_X86_PAE, 32, 52, 12, 8, 1 * GiB, "CR3");
      set_levels (a, 3, b, n);
      a->large_ok[1] = TRUE;
    }
  else if (g_strcmp0 (name, "x86-64") == 0)
    {
      static const guint b[] = { 9, 9, 9, 9 };
      static const char *n[] = { "PML4", "PDPT", "PD", "PT" };
      a = arch_new (name, PW_FMT_X86_64, 48, 52, 12, 8, 1 * GiB, "CR3");
      set_levels (a, 4, b, n);
      a->large_ok[1] = a->large_ok[2] = TRUE;
      a->canonical = TRUE;
    }
  else if (g_strcmp0 (name, "x86-64-la57") == 0)
    {
      static const guint b[] = { 9, 9, 9, 9, 9 };
      static const char *n[] = { "PML5", "PML4", "PDPT", "PD", "PT" };
      a = arch_new (name, PW_FMT_X86_64, 57, 52, 12, 8, 1 * GiB, "CR3");
      set_levels (a, 5, b, n);
      a->large_ok[2] = a->large_ok[3] = TRUE;
      a->canonical = TRUE;
    }
  else if (g_strcmp0 (name, "riscv-sv32") == 0)
    {
      static const guint b[] = { 10, 10 };
      static const char *n[] = { "VPN[1]", "VPN[0]" };
      a = arch_new (name, PW_FMT_RISCV, 32, 34, 12, 4, 256 * MiB, "satp");
      set_levels (a, 2, b, n);
      a->large_ok[0] = TRUE;
    }
  else if (g_strcmp0 (name, "riscv-sv39") == 0)
    {
      static const guint b[] = { 9, 9, 9 };
      static const char *n[] = { "VPN[2]", "VPN[1]", "VPN[0]" };
      a = arch_new (name, PW_FMT_RISCV, 39, 56, 12, 8, 1 * GiB, "satp");
      set_levels (a, 3, b, n);
      a->large_ok[0] = a->large_ok[1] = TRUE;
      a->canonical = TRUE;
    }
  else if (g_strcmp0 (name, "riscv-sv48") == 0)
    {
      static const guint b[] = { 9, 9, 9, 9 };
      static const char *n[] = { "VPN[3]", "VPN[2]", "VPN[1]", "VPN[0]" };
      a = arch_new (name, PW_FMT_RISCV, 48, 56, 12, 8, 1 * GiB, "satp");
      set_levels (a, 4, b, n);
      a->large_ok[0] = a->large_ok[1] = a->large_ok[2] = TRUE;
      a->canonical = TRUE;
    }
  else if (g_strcmp0 (name, "aarch64-4k") == 0)
    {
      static const guint b[] = { 9, 9, 9, 9 };
      static const char *n[] = { "L0", "L1", "L2", "L3" };
      a = arch_new (name, PW_FMT_AARCH64, 48, 48, 12, 8, 1 * GiB, "TTBR0_EL1");
      set_levels (a, 4, b, n);
      a->large_ok[1] = a->large_ok[2] = TRUE;
    }
  else if (g_strcmp0 (name, "ostep-multilevel") == 0)
    {
      static const guint b[] = { 5, 5 };
      static const char *n[] = { "PD", "PT" };
      a = arch_new (name, PW_FMT_OSTEP, 15, 12, 5, 1, 4096, "PDBR");
      set_levels (a, 2, b, n);
    }

  return a;
}

PwArch *
pw_arch_copy (const PwArch *arch)
{
  PwArch *a = g_memdup2 (arch, sizeof *arch);
  a->name = g_strdup (arch->name);
  return a;
}

void
pw_arch_free (PwArch *arch)
{
  if (arch == NULL)
    return;
  g_free (arch->name);
  g_free (arch);
}

gboolean
pw_arch_check (const PwArch  *a,
               GError       **error)
{
  guint sum = a->page_shift;

  if (a->va_bits < 1 || a->va_bits > 64)
    {
      g_set_error (error, PW_ERROR, PW_ERROR_VALUE, _("va_bits must be from 1 to 64"));
      return FALSE;
    }
  if (a->pa_bits < 1 || a->pa_bits > 64)
    {
      g_set_error (error, PW_ERROR, PW_ERROR_VALUE, _("pa_bits must be from 1 to 64"));
      return FALSE;
    }
  if (a->kind == PW_ARCH_SEGMENTED && (a->segment_bits < 1 || a->segment_bits >= a->va_bits))
    {
      g_set_error (error, PW_ERROR, PW_ERROR_VALUE,
                   _("segment_bits must be at least 1 and less than va_bits"));
      return FALSE;
    }
  if (a->kind != PW_ARCH_PAGED)
    return TRUE;

  if (a->n_levels < 1 || a->n_levels > PW_MAX_LEVELS)
    {
      g_set_error (error, PW_ERROR, PW_ERROR_VALUE,
                   _("levels must list from 1 to %d index widths"), PW_MAX_LEVELS);
      return FALSE;
    }
  for (guint i = 0; i < a->n_levels; i++)
    {
      if (a->level_bits[i] < 1 || a->level_bits[i] > 32)
        {
          g_set_error (error, PW_ERROR, PW_ERROR_VALUE,
                       _("each level must have from 1 to 32 index bits"));
          return FALSE;
        }
      sum += a->level_bits[i];
    }
  if (sum != a->va_bits)
    {
      g_set_error (error, PW_ERROR, PW_ERROR_VALUE,
                   /* Translators: the bits of the levels' indexes, the bits of the page offset, then va_bits */
                   _("levels add up to %u bits and the page offset to %u, "
                     "but va_bits is %u (they must be equal)"),
                   sum - a->page_shift, a->page_shift, a->va_bits);
      return FALSE;
    }
  if (a->pte_bytes != 1 && a->pte_bytes != 2 && a->pte_bytes != 4 && a->pte_bytes != 8)
    {
      g_set_error (error, PW_ERROR, PW_ERROR_VALUE, _("pte.bytes must be 1, 2, 4 or 8"));
      return FALSE;
    }
  if (a->fmt == PW_FMT_CUSTOM)
    {
      const PwCustomPte *c = &a->custom;
      int bits[] = { c->present, c->writable, c->user, c->accessed, c->dirty, c->nx, c->huge };
      guint width = a->pte_bytes * 8;
      guint64 used = 0;

      if (c->present < 0)
        {
          g_set_error (error, PW_ERROR, PW_ERROR_VALUE, _("pte.present must name a bit"));
          return FALSE;
        }
      if (c->pfn_bits < 1 || c->pfn_shift + c->pfn_bits > width)
        {
          g_set_error (error, PW_ERROR, PW_ERROR_VALUE,
                       _("pte.pfn_shift + pte.pfn_bits must fit in the %u-bit entry"), width);
          return FALSE;
        }
      used = pw_mask (c->pfn_bits) << c->pfn_shift;
      for (guint i = 0; i < G_N_ELEMENTS (bits); i++)
        {
          if (bits[i] < 0)
            continue;
          if ((guint) bits[i] >= width)
            {
              g_set_error (error, PW_ERROR, PW_ERROR_VALUE,
                           /* Translators: a bit number, then the entry's width in bits */
                           _("bit %d does not fit in a %u-bit entry"), bits[i], width);
              return FALSE;
            }
          if (used & (G_GUINT64_CONSTANT (1) << bits[i]))
            {
              g_set_error (error, PW_ERROR, PW_ERROR_VALUE,
                           _("bit %d is used twice in the entry"), bits[i]);
              return FALSE;
            }
          used |= G_GUINT64_CONSTANT (1) << bits[i];
        }
      if (a->page_shift + c->pfn_bits < a->pa_bits)
        {
          g_set_error (error, PW_ERROR, PW_ERROR_VALUE,
                       /* Translators: pte.pfn_bits, the page offset's bits, then pa_bits */
                       _("pte.pfn_bits (%u) plus the page offset (%u) cannot reach pa_bits (%u)"),
                       c->pfn_bits, a->page_shift, a->pa_bits);
          return FALSE;
        }
    }
  /* Every level, not only the root: levels [1, 32] would make 32 GiB leaf tables. */
  for (guint i = 0; i < a->n_levels; i++)
    if (pw_arch_table_bytes (a, i) > (G_GUINT64_CONSTANT (1) << 34))
      {
        g_set_error (error, PW_ERROR, PW_ERROR_VALUE,
                     _("a page table would be larger than 16 GiB"));
        return FALSE;
      }
  /* Physical memory keeps a page's bytes per known frame. */
  if (a->page_shift > 20)
    {
      g_set_error (error, PW_ERROR, PW_ERROR_VALUE, _("page_size must be at most 1 MiB"));
      return FALSE;
    }
  return TRUE;
}

guint
pw_arch_level_shift (const PwArch *arch,
                     guint         level)
{
  guint lo = arch->page_shift;
  for (guint i = level + 1; i < arch->n_levels; i++)
    lo += arch->level_bits[i];
  return lo;
}

guint64
pw_arch_level_span (const PwArch *arch,
                    guint         level)
{
  guint s = pw_arch_level_shift (arch, level);
  return s >= 64 ? 0 : G_GUINT64_CONSTANT (1) << s;
}

guint64
pw_arch_table_entries (const PwArch *arch,
                       guint         level)
{
  return G_GUINT64_CONSTANT (1) << arch->level_bits[level];
}

guint64
pw_arch_table_bytes (const PwArch *arch,
                     guint         level)
{
  return pw_arch_table_entries (arch, level) * arch->pte_bytes;
}

guint64
pw_arch_table_frames (const PwArch *arch,
                      guint         level)
{
  guint64 bytes = pw_arch_table_bytes (arch, level);
  guint64 page = pw_arch_page_size (arch);
  return MAX (1, (bytes + page - 1) / page);
}

int
pw_arch_level_for_size (const PwArch *arch,
                        guint64       size)
{
  /* a base page, the kernel's every call: the last level, unless a level
   * without bits makes a higher one span a page too */
  if (arch->n_levels > 0 && size == pw_arch_page_size (arch)
      && arch->level_bits[arch->n_levels - 1] > 0)
    return (int) arch->n_levels - 1;
  for (guint i = 0; i < arch->n_levels; i++)
    if (pw_arch_level_span (arch, i) == size && (arch->large_ok[i] || i + 1 == arch->n_levels))
      return (int) i;
  return -1;
}

guint64
pw_arch_max_frames (const PwArch *arch)
{
  if (arch->pa_bits <= arch->page_shift)
    return 1;
  if (arch->pa_bits - arch->page_shift >= 64)
    return G_MAXUINT64;
  return pw_mask (arch->pa_bits - arch->page_shift) + 1;
}

/* ---- entry formats: each family's operations (pw-format-*.c) --------------- */

const PwEntryFormat * const pw_formats[PW_N_FORMATS] = {
  [PW_FMT_X86_32] = &pw_format_x86_32,
  [PW_FMT_X86_PAE] = &pw_format_x86_pae,
  [PW_FMT_X86_64] = &pw_format_x86_64,
  [PW_FMT_RISCV] = &pw_format_riscv,
  [PW_FMT_AARCH64] = &pw_format_aarch64,
  [PW_FMT_OSTEP] = &pw_format_ostep,
  [PW_FMT_CUSTOM] = &pw_format_custom,
};

/* The level a leaf's own bits are read at where the caller gives none. */
static guint
leaf_level (const PwArch *a)
{
  return a->n_levels > 0 ? a->n_levels - 1 : 0;
}

PwFlags
pw_arch_decode_flags (const PwArch *a,
                      guint         level,
                      guint64       e)
{
  return pw_arch_format (a)->decode (a, level, e);
}

const char *
pw_format_common_flag_name (PwFlags flag)
{
  switch (flag)
    {
    case PW_F_PRESENT:   return "present";
    case PW_F_WRITABLE:  return "writable";
    case PW_F_USER:      return "user";
    case PW_F_WT:        return "write-through";
    case PW_F_CD:        return "cache-disable";
    case PW_F_ACCESSED:  return "accessed";
    case PW_F_DIRTY:     return "dirty";
    case PW_F_LARGE:     return "large";
    case PW_F_GLOBAL:    return "global";
    case PW_F_NX:        return "no-exec";
    case PW_F_READ:      return "read";
    case PW_F_EXEC:      return "exec";
    case PW_F_PXN:       return "pxn";
    case PW_F_READONLY:  return "read-only";
    case PW_F_TABLE:     return "table";
    case PW_F_PAT:       return "pat";
    case PW_F_DBM:       return "dbm";
    case PW_F_NG:        return "not-global";
    case PW_F_AP_NO_EL0: return "table-no-el0";
    case PW_F_AP_NO_W:   return "table-read-only";
    case PW_F_XN_TABLE:  return "table-uxn";
    case PW_F_PXN_TABLE: return "table-pxn";
    default:             return "?";
    }
}

const char *
pw_flag_name (const PwArch *a,
              PwFlags       flag)
{
  return pw_arch_format (a)->flag_name (a, flag);
}

const char **
pw_arch_flag_names (const PwArch *a,
                    PwFlags       flags)
{
  /* Order for people: the RISC-V and x86 bit orders, validity first. */
  static const PwFlags order[] = {
    PW_F_PRESENT, PW_F_TABLE, PW_F_LARGE, PW_F_READ, PW_F_WRITABLE, PW_F_EXEC, PW_F_USER,
    PW_F_READONLY, PW_F_WT, PW_F_CD, PW_F_ACCESSED, PW_F_DIRTY, PW_F_PAT, PW_F_GLOBAL,
    PW_F_NG, PW_F_DBM, PW_F_PXN, PW_F_NX, PW_F_AP_NO_EL0, PW_F_AP_NO_W, PW_F_XN_TABLE,
    PW_F_PXN_TABLE,
  };
  const char **names = g_new0 (const char *, G_N_ELEMENTS (order) + 1);
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (flags & order[i])
      names[n++] = pw_flag_name (a, order[i]);
  return names;
}

guint
pw_arch_bit_fields (const PwArch *a,
                    guint         level,
                    guint64       e,
                    PwBitField   *out)
{
  return pw_arch_format (a)->bit_fields (a, level, e, out);
}

guint64
pw_arch_make_table_entry (const PwArch *a,
                          guint         level,
                          guint64       table_frame)
{
  return pw_arch_format (a)->encode_table (a, level, table_frame);
}

guint64
pw_arch_make_leaf (const PwArch *a,
                   guint         level,
                   guint64       frame,
                   PwProt        prot,
                   gboolean      kernel)
{
  return pw_arch_format (a)->encode_leaf (a, level, frame, prot, kernel);
}

guint64
pw_arch_make_invalid (const PwArch *a)
{
  return pw_arch_format (a)->encode_invalid (a);
}

guint64
pw_arch_entry_frame (const PwArch *a,
                     guint         level,
                     guint64       e)
{
  return pw_arch_format (a)->frame (a, level, e);
}

void
pw_arch_entry_rights (const PwArch *a,
                      guint         level,
                      guint64       e,
                      PwRights     *out)
{
  pw_arch_format (a)->rights (a, level, e, out);
}

PwProt
pw_arch_entry_prot (const PwArch *a,
                    guint64       e)
{
  PwRights r;

  pw_arch_format (a)->rights (a, leaf_level (a), e, &r);
  return r.prot;
}

gboolean
pw_arch_entry_present (const PwArch *a,
                       guint         level,
                       guint64       e)
{
  return pw_arch_format (a)->is_present (a, level, e);
}

gboolean
pw_arch_entry_is_table (const PwArch *a,
                        guint         level,
                        guint64       e)
{
  return pw_arch_format (a)->is_table (a, level, e);
}

gboolean
pw_arch_flags_is_table (const PwArch *a,
                        guint         level,
                        PwFlags       flags)
{
  if (!(flags & PW_F_PRESENT) || level + 1 >= a->n_levels)
    return FALSE;
  if (pw_arch_format (a)->marks_tables)
    return (flags & PW_F_TABLE) != 0;
  return (flags & PW_F_LARGE) == 0;
}

guint64
pw_arch_accessed_mask (const PwArch *a)
{
  return pw_arch_format (a)->accessed_mask (a);
}

guint64
pw_arch_dirty_mask (const PwArch *a)
{
  return pw_arch_format (a)->dirty_mask (a);
}

gboolean
pw_arch_assume_dirty (const PwArch *a)
{
  return pw_arch_format (a)->assume_dirty (a);
}

gboolean
pw_arch_entry_accessed (const PwArch *a,
                        guint64       e)
{
  return (e & pw_arch_accessed_mask (a)) != 0;
}

gboolean
pw_arch_entry_dirty (const PwArch *a,
                     guint64       e)
{
  return pw_arch_format (a)->is_dirty (a, e);
}

guint64
pw_arch_set_accessed (const PwArch *a,
                      guint         level,
                      gboolean      leaf,
                      guint64       e)
{
  return pw_arch_format (a)->set_accessed (a, level, leaf, e);
}

guint64
pw_arch_set_dirty (const PwArch *a,
                   guint64       e)
{
  return pw_arch_format (a)->set_dirty (a, e);
}

guint64
pw_arch_clear_ad (const PwArch *a,
                  guint64       e,
                  gboolean      accessed,
                  gboolean      dirty)
{
  return pw_arch_format (a)->clear_ad (a, e, accessed, dirty);
}

guint64
pw_arch_entry_readonly (const PwArch *a,
                        guint64       e)
{
  return pw_arch_format (a)->readonly (a, e);
}

/* pw-format-custom.c: entries whose bits a scenario places
 *
 * A custom architecture (docs/scenario-format.md, "pte") names the bit of
 * present, writable, user, accessed, dirty, nx and huge, or -1 where the
 * entry has none, and the frame field (pfn_shift, pfn_bits).  The walk
 * combines writable, user and nx over every level, as x86 does.  Segmented
 * and base-and-bounds arches use this format with no bits at all.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-format"

#include "config.h"

#include "pw-format.h"
#include "pw-number.h"

#define BIT PW_BIT

/* @e has bit @pos, which the format may not have (-1). */
static inline gboolean
has (int     pos,
     guint64 e)
{
  return pos >= 0 && (e & BIT (pos)) != 0;
}

static inline guint64
mask_of (int pos)
{
  return pos >= 0 ? BIT (pos) : 0;
}

static PwFlags
custom_decode (const PwArch *a,
               guint         level,
               guint64       e)
{
  const PwCustomPte *c = &a->custom;
  PwFlags f = 0;

  if (has (c->present, e)) f |= PW_F_PRESENT;
  if (has (c->writable, e)) f |= PW_F_WRITABLE;
  if (has (c->user, e)) f |= PW_F_USER;
  if (has (c->accessed, e)) f |= PW_F_ACCESSED;
  if (has (c->dirty, e)) f |= PW_F_DIRTY;
  if (has (c->nx, e)) f |= PW_F_NX;
  if (has (c->huge, e)) f |= PW_F_LARGE;
  return f;
}

static guint64
custom_frame (const PwArch *a,
              guint         level,
              guint64       e)
{
  return (e >> a->custom.pfn_shift) & pw_mask (a->custom.pfn_bits);
}

static gboolean
custom_walk_entry (const PwArch *a,
                   guint         level,
                   guint         shift,
                   guint64       e,
                   PwWalkState  *st,
                   PwFlags      *flags,
                   gboolean     *leaf,
                   guint64      *frame)
{
  const PwCustomPte *c = &a->custom;

  *flags = custom_decode (a, level, e);
  if (!has (c->present, e))
    return pw_walk_fault (st, PW_FAULT_NOT_PRESENT, PW_WHY_NOT_PRESENT);
  *leaf = level + 1 == a->n_levels || has (c->huge, e);
  if (st->deny_at < 0)
    {
      if (st->user && c->user >= 0 && !has (c->user, e))
        pw_walk_deny (st, level, PW_WHY_USER);
      else if (st->write && c->writable >= 0 && !has (c->writable, e))
        pw_walk_deny (st, level, PW_WHY_WRITE);
      else if (st->exec && has (c->nx, e))
        pw_walk_deny (st, level, PW_WHY_EXEC);
    }
  *frame = custom_frame (a, level, e);
  return TRUE;
}

static gboolean
custom_walk_leaf (const PwArch *a,
                  guint         level,
                  guint         shift,
                  guint64       e,
                  guint64       frame,
                  PwWalkState  *st,
                  int          *depth)
{
  if (st->deny_at < 0)
    return TRUE;
  *depth = st->deny_at;
  return pw_walk_fault (st, PW_FAULT_PROTECTION, st->deny_why);
}

static guint64
custom_encode_leaf (const PwArch *a,
                    guint         level,
                    guint64       frame,
                    PwProt        prot,
                    gboolean      kernel)
{
  const PwCustomPte *c = &a->custom;
  guint64 e = mask_of (c->present) | ((frame & pw_mask (c->pfn_bits)) << c->pfn_shift);

  if (prot & PW_PROT_W) e |= mask_of (c->writable);
  if (!kernel) e |= mask_of (c->user);
  if (!(prot & PW_PROT_X)) e |= mask_of (c->nx);
  if (level + 1 != a->n_levels) e |= mask_of (c->huge);
  return e;
}

static guint64
custom_encode_table (const PwArch *a,
                     guint         level,
                     guint64       table_frame)
{
  const PwCustomPte *c = &a->custom;

  return mask_of (c->present) | ((table_frame & pw_mask (c->pfn_bits)) << c->pfn_shift)
         | mask_of (c->writable) | mask_of (c->user);
}

static guint64
custom_invalid (const PwArch *a)
{
  return 0;
}

static gboolean
custom_is_present (const PwArch *a,
                   guint         level,
                   guint64       e)
{
  return has (a->custom.present, e);
}

static gboolean
custom_is_table (const PwArch *a,
                 guint         level,
                 guint64       e)
{
  return level + 1 < a->n_levels && has (a->custom.present, e) && !has (a->custom.huge, e);
}

static void
custom_rights (const PwArch *a,
               guint         level,
               guint64       e,
               PwRights     *r)
{
  const PwCustomPte *c = &a->custom;

  *r = (PwRights) { 0 };
  r->table = custom_is_table (a, level, e);
  r->prot = PW_PROT_R;
  if (c->writable < 0 || has (c->writable, e)) r->prot |= PW_PROT_W;
  if (!has (c->nx, e)) r->prot |= PW_PROT_X;
  r->user = c->user < 0 || has (c->user, e);
  if (r->table)
    {
      r->no_user = !r->user;
      r->no_write = !(r->prot & PW_PROT_W);
      r->no_user_exec = r->no_kernel_exec = !(r->prot & PW_PROT_X);
    }
}

static guint64
custom_readonly (const PwArch *a,
                 guint64       e)
{
  return e & ~mask_of (a->custom.writable);
}

static guint64
custom_accessed_mask (const PwArch *a)
{
  return mask_of (a->custom.accessed);
}

static guint64
custom_dirty_mask (const PwArch *a)
{
  return mask_of (a->custom.dirty);
}

static gboolean
custom_is_dirty (const PwArch *a,
                 guint64       e)
{
  return has (a->custom.dirty, e);
}

/* As x86: A in every entry the walk used. */
static guint64
custom_set_accessed (const PwArch *a,
                     guint         level,
                     gboolean      leaf,
                     guint64       e)
{
  return e | mask_of (a->custom.accessed);
}

static guint64
custom_set_dirty (const PwArch *a,
                  guint64       e)
{
  return e | mask_of (a->custom.dirty);
}

static guint64
custom_clear_ad (const PwArch *a,
                 guint64       e,
                 gboolean      accessed,
                 gboolean      dirty)
{
  if (accessed)
    e &= ~mask_of (a->custom.accessed);
  if (dirty)
    e &= ~mask_of (a->custom.dirty);
  return e;
}

static gboolean
custom_assume_dirty (const PwArch *a)
{
  return a->custom.dirty < 0;
}

static const char *
custom_flag_name (const PwArch *a,
                  PwFlags       flag)
{
  return pw_format_common_flag_name (flag);
}

/* The fields in bit order, named as the scenario's "pte" keys. */
static guint
custom_bit_fields (const PwArch *a,
                   guint         level,
                   guint64       e,
                   PwBitField   *o)
{
  const PwCustomPte *c = &a->custom;
  const struct { const char *name; int pos; PwFlags flag; } bits[] = {
    { "present", c->present, PW_F_PRESENT }, { "writable", c->writable, PW_F_WRITABLE },
    { "user", c->user, PW_F_USER }, { "accessed", c->accessed, PW_F_ACCESSED },
    { "dirty", c->dirty, PW_F_DIRTY }, { "nx", c->nx, PW_F_NX }, { "huge", c->huge, PW_F_LARGE },
  };
  guint n = 0;

  if (c->pfn_bits > 0)
    o[n++] = (PwBitField) { "pfn", (guint8) (c->pfn_shift + c->pfn_bits - 1),
                            (guint8) c->pfn_shift, 0 };
  for (guint i = 0; i < G_N_ELEMENTS (bits); i++)
    if (bits[i].pos >= 0)
      o[n++] = (PwBitField) { bits[i].name, (guint8) bits[i].pos, (guint8) bits[i].pos,
                              bits[i].flag };
  /* insertion sort by position, low first */
  for (guint i = 1; i < n; i++)
    for (guint j = i; j > 0 && o[j - 1].lo > o[j].lo; j--)
      {
        PwBitField t = o[j];
        o[j] = o[j - 1];
        o[j - 1] = t;
      }
  return n;
}

const PwEntryFormat pw_format_custom = {
  .name = "custom",
  .family = "custom",
  .fmt = PW_FMT_CUSTOM,
  .marks_tables = FALSE,
  .decode = custom_decode,
  .encode_leaf = custom_encode_leaf,
  .encode_table = custom_encode_table,
  .encode_invalid = custom_invalid,
  .frame = custom_frame,
  .rights = custom_rights,
  .is_present = custom_is_present,
  .is_table = custom_is_table,
  .readonly = custom_readonly,
  .accessed_mask = custom_accessed_mask,
  .dirty_mask = custom_dirty_mask,
  .is_dirty = custom_is_dirty,
  .set_accessed = custom_set_accessed,
  .set_dirty = custom_set_dirty,
  .clear_ad = custom_clear_ad,
  .assume_dirty = custom_assume_dirty,
  .flag_name = custom_flag_name,
  .bit_fields = custom_bit_fields,
  .walk_entry = custom_walk_entry,
  .walk_leaf = custom_walk_leaf,
};

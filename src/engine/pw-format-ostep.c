/* pw-format-ostep.c: OSTEP's one-byte entries
 *
 * As in OSTEP's paging-multilevel-translate.py: bit 7 valid, bits 6:0 the
 * frame; no protection, accessed or dirty bits.  The simulator fills table
 * pages with 0x7f (invalid, frame 127), and so does an invalid entry here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-format"

#include "config.h"

#include "pw-format.h"

#define OSTEP_VALID 0x80
#define OSTEP_PFN   0x7f

static PwFlags
ostep_decode (const PwArch *a,
              guint         level,
              guint64       e)
{
  return (e & OSTEP_VALID) ? PW_F_PRESENT : 0;
}

static guint64
ostep_frame (const PwArch *a,
             guint         level,
             guint64       e)
{
  return e & OSTEP_PFN;
}

static gboolean
ostep_walk_entry (const PwArch *a,
                  guint         level,
                  guint         shift,
                  guint64       e,
                  PwWalkState  *st,
                  PwFlags      *flags,
                  gboolean     *leaf,
                  guint64      *frame)
{
  *flags = ostep_decode (a, level, e);
  if (!(e & OSTEP_VALID))
    return pw_walk_fault (st, PW_FAULT_NOT_PRESENT, PW_WHY_NOT_PRESENT);
  *leaf = level + 1 == a->n_levels;
  *frame = e & OSTEP_PFN;
  return TRUE;
}

static gboolean
ostep_walk_leaf (const PwArch *a,
                 guint         level,
                 guint         shift,
                 guint64       e,
                 guint64       frame,
                 PwWalkState  *st,
                 int          *depth)
{
  return TRUE;   /* no protection bits */
}

static guint64
ostep_encode_leaf (const PwArch *a,
                   guint         level,
                   guint64       frame,
                   PwProt        prot,
                   gboolean      kernel)
{
  return OSTEP_VALID | (frame & OSTEP_PFN);
}

static guint64
ostep_encode_table (const PwArch *a,
                    guint         level,
                    guint64       table_frame)
{
  return OSTEP_VALID | (table_frame & OSTEP_PFN);
}

static guint64
ostep_invalid (const PwArch *a)
{
  return 0x7f;
}

static gboolean
ostep_is_present (const PwArch *a,
                  guint         level,
                  guint64       e)
{
  return (e & OSTEP_VALID) != 0;
}

static gboolean
ostep_is_table (const PwArch *a,
                guint         level,
                guint64       e)
{
  return level + 1 < a->n_levels && (e & OSTEP_VALID);
}

static void
ostep_rights (const PwArch *a,
              guint         level,
              guint64       e,
              PwRights     *r)
{
  *r = (PwRights) { 0 };
  r->table = ostep_is_table (a, level, e);
  r->prot = PW_PROT_R | PW_PROT_W | PW_PROT_X;
  r->user = TRUE;
}

static guint64
ostep_same (const PwArch *a,
            guint64       e)
{
  return e;
}

static guint64
ostep_no_mask (const PwArch *a)
{
  return 0;
}

static gboolean
ostep_is_dirty (const PwArch *a,
                guint64       e)
{
  return FALSE;
}

static guint64
ostep_set_accessed (const PwArch *a,
                    guint         level,
                    gboolean      leaf,
                    guint64       e)
{
  return e;
}

static guint64
ostep_clear_ad (const PwArch *a,
                guint64       e,
                gboolean      accessed,
                gboolean      dirty)
{
  return e;
}

static gboolean
ostep_assume_dirty (const PwArch *a)
{
  return TRUE;
}

static const char *
ostep_flag_name (const PwArch *a,
                 PwFlags       flag)
{
  return flag == PW_F_PRESENT ? "valid" : pw_format_common_flag_name (flag);
}

static guint
ostep_bit_fields (const PwArch *a,
                  guint         level,
                  guint64       e,
                  PwBitField   *o)
{
  o[0] = (PwBitField) { "PFN", 6, 0, 0 };
  o[1] = (PwBitField) { "valid", 7, 7, PW_F_PRESENT };
  return 2;
}

const PwEntryFormat pw_format_ostep = {
  .name = "ostep",
  .family = "ostep",
  .fmt = PW_FMT_OSTEP,
  .marks_tables = FALSE,
  .decode = ostep_decode,
  .encode_leaf = ostep_encode_leaf,
  .encode_table = ostep_encode_table,
  .encode_invalid = ostep_invalid,
  .frame = ostep_frame,
  .rights = ostep_rights,
  .is_present = ostep_is_present,
  .is_table = ostep_is_table,
  .readonly = ostep_same,
  .accessed_mask = ostep_no_mask,
  .dirty_mask = ostep_no_mask,
  .is_dirty = ostep_is_dirty,
  .set_accessed = ostep_set_accessed,
  .set_dirty = ostep_same,
  .clear_ad = ostep_clear_ad,
  .assume_dirty = ostep_assume_dirty,
  .flag_name = ostep_flag_name,
  .bit_fields = ostep_bit_fields,
  .walk_entry = ostep_walk_entry,
  .walk_leaf = ostep_walk_leaf,
};

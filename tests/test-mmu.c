/* test-mmu.c: the hardware walk of every architecture preset, against the manuals
 *
 * Page tables are written here as raw entry values encoded by hand from the
 * manuals (Intel SDM vol. 3A ch. 4; RISC-V privileged spec, Sv32/39/48 and
 * the "Virtual Address Translation Process"; Arm ARM VMSAv8-64 stage 1 with
 * the 4 KiB granule; OSTEP's simulators), never with the pw_arch_make_*
 * helpers, which are checked separately against the same hand encodings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-mmu"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "pw-arch.h"
#include "pw-format.h"
#include "pw-keysort.h"
#include "pw-mmu.h"
#include "pw-number.h"
#include "pw-physmem.h"

#define BIT(n) (G_GUINT64_CONSTANT (1) << (n))
#define KiB    (G_GUINT64_CONSTANT (1) << 10)
#define MiB    (G_GUINT64_CONSTANT (1) << 20)
#define GiB    (G_GUINT64_CONSTANT (1) << 30)

#define RD  PW_ACCESS_READ
#define WR  PW_ACCESS_WRITE
#define EX  PW_ACCESS_EXEC
#define USR PW_MODE_USER
#define SUP PW_MODE_SUPERVISOR

/* x86 entry bits (SDM tables 4-4 to 4-20) */
#define X_P   0x001
#define X_RW  0x002
#define X_US  0x004
#define X_PWT 0x008
#define X_PCD 0x010
#define X_A   0x020
#define X_D   0x040
#define X_PS  0x080
#define X_PAT_LARGE 0x1000
#define X_XD  BIT (63)

/* RISC-V PTE bits */
#define V_V 0x01
#define V_R 0x02
#define V_W 0x04
#define V_X 0x08
#define V_U 0x10
#define V_G 0x20
#define V_A 0x40
#define V_D 0x80

/* AArch64 descriptor bits (stage 1) */
#define A_VALID  0x001
#define A_TABLE  0x002   /* table at L0-L2, page at L3 */
#define A_AP1    0x040   /* AP[1]: EL0 access */
#define A_AP2    0x080   /* AP[2]: read-only */
#define A_AF     0x400
#define A_DBM    BIT (51)
#define A_PXN    BIT (53)
#define A_UXN    BIT (54)
#define A_PXNT   BIT (59)
#define A_UXNT   BIT (60)
#define A_APT0   BIT (61)
#define A_APT1   BIT (62)

static PwWalk the_walk;

/* Fills the record with garbage first: the walk must set every field. */
static PwWalk *
walk (const PwArch *a,
      PwPhysMem    *m,
      guint64       root,
      guint64       va,
      PwAccess      acc,
      PwMode        mode,
      PwWalkFlags   fl)
{
  memset (&the_walk, 0xa5, sizeof the_walk);
  pw_mmu_walk (a, m, root, va, acc, mode, fl, &the_walk);
  g_assert_cmphex (the_walk.va, ==, va);
  g_assert_cmpint (the_walk.access, ==, acc);
  g_assert_cmpint (the_walk.mode, ==, mode);
  g_assert_cmphex (the_walk.root, ==, root << a->page_shift);
  /* every step decodes as pw_arch_decode_flags says, and the leaf's frame
   * (pw_arch_entry_frame) is the page the walk found */
  for (guint i = 0; i < the_walk.n_steps; i++)
    g_assert_cmphex (the_walk.steps[i].flags, ==,
                     pw_arch_decode_flags (a, i, the_walk.steps[i].entry));
  if (the_walk.fault == PW_FAULT_NONE)
    {
      const PwWalkStep *leaf = &the_walk.steps[the_walk.n_steps - 1];
      guint64 frame = pw_arch_entry_frame (a, leaf->depth, leaf->entry);
      g_assert_cmphex ((frame << a->page_shift) & ~(the_walk.page_size - 1), ==,
                       the_walk.pa & ~(the_walk.page_size - 1));
      g_assert_cmphex (the_walk.frame, ==, the_walk.pa >> a->page_shift);
    }
  if (the_walk.fault != PW_FAULT_NONE)
    {
      char *msg = pw_walk_fault_message (a, &the_walk);
      g_assert_nonnull (msg);
      g_assert_cmpstr (msg, !=, "");
      g_free (msg);
    }
  return &the_walk;
}

static PwWalk *
rd (const PwArch *a, PwPhysMem *m, guint64 root, guint64 va, PwMode mode)
{
  return walk (a, m, root, va, RD, mode, PW_WALK_READ_ONLY);
}

#define ASSERT_OK(w, pa_, size_) G_STMT_START {                               \
    const PwWalk *w_ = (w);                                                   \
    g_assert_cmpstr (pw_fault_kind_name (w_->fault), ==, NULL);               \
    g_assert_cmpint (w_->fault_depth, ==, -1);                                \
    g_assert_cmpint (w_->why, ==, PW_WHY_NONE);                               \
    g_assert_cmphex (w_->pa, ==, (pa_));                                      \
    g_assert_cmpuint (w_->page_size, ==, (size_));                            \
    g_assert_true (w_->n_steps > 0 && w_->steps[w_->n_steps - 1].leaf);       \
  } G_STMT_END

#define ASSERT_FAULT(w, kind_, depth_, why_) G_STMT_START {                   \
    const PwWalk *w_ = (w);                                                   \
    g_assert_cmpstr (pw_fault_kind_name (w_->fault), ==,                      \
                     pw_fault_kind_name (kind_));                             \
    g_assert_cmpint (w_->fault_depth, ==, (depth_));                          \
    g_assert_cmpint (w_->why, ==, (why_));                                    \
    g_assert_cmpuint (w_->page_size, ==, 0);                                  \
    g_assert_cmpint (w_->value, ==, -1);                                      \
  } G_STMT_END

/* A fault found while reading entries: the walk stops at that entry. */
#define ASSERT_STOP(w, kind_, depth_, why_) G_STMT_START {                    \
    ASSERT_FAULT (w, kind_, depth_, why_);                                    \
    g_assert_cmpuint ((w)->n_steps, ==, (guint) (depth_) + 1);                \
    g_assert_false ((w)->steps[(w)->n_steps - 1].leaf);                       \
  } G_STMT_END

/* A fault found before any table is read. */
#define ASSERT_EARLY(w, kind_, why_) G_STMT_START {                           \
    ASSERT_FAULT (w, kind_, -1, why_);                                        \
    g_assert_cmpuint ((w)->n_steps, ==, 0);                                   \
  } G_STMT_END

#define ASSERT_PROT(w, depth_, why_, n_steps_) G_STMT_START {                 \
    ASSERT_FAULT (w, PW_FAULT_PROTECTION, depth_, why_);                      \
    g_assert_cmpuint ((w)->n_steps, ==, (n_steps_));                          \
  } G_STMT_END

#define ASSERT_FIELD(w, i, name_, hi_, lo_, value_) G_STMT_START {            \
    const PwField *f_ = &(w)->fields[i];                                      \
    g_assert_cmpuint ((w)->n_fields, >, (i));                                 \
    g_assert_cmpstr (f_->name, ==, (name_));                                  \
    g_assert_cmpuint (f_->hi, ==, (hi_));                                     \
    g_assert_cmpuint (f_->lo, ==, (lo_));                                     \
    g_assert_cmphex (f_->value, ==, (value_));                                \
  } G_STMT_END

#define ASSERT_STEP(w, i, name_, table_, index_, entry_pa_, entry_, flags_, leaf_) \
  G_STMT_START {                                                              \
    const PwWalkStep *s_ = &(w)->steps[i];                                    \
    g_assert_cmpuint ((w)->n_steps, >, (i));                                  \
    g_assert_cmpuint (s_->depth, ==, (i));                                    \
    g_assert_cmpstr (s_->name, ==, (name_));                                  \
    g_assert_cmphex (s_->table, ==, (table_));                                \
    g_assert_cmphex (s_->index, ==, (index_));                                \
    g_assert_cmphex (s_->entry_pa, ==, (entry_pa_));                          \
    g_assert_cmphex (s_->entry, ==, (entry_));                                \
    g_assert_cmphex (s_->flags, ==, (flags_));                                \
    g_assert_cmpint (s_->leaf, ==, (leaf_));                                  \
  } G_STMT_END

static void
w64 (PwPhysMem *m, guint64 pa, guint64 v)
{
  pw_physmem_write (m, pa, 8, v);
}

static void
w32 (PwPhysMem *m, guint64 pa, guint64 v)
{
  pw_physmem_write (m, pa, 4, v);
}

static guint64
r64 (PwPhysMem *m, guint64 pa)
{
  return pw_physmem_read (m, pa, 8, NULL);
}

static PwArch *
preset (const char *name)
{
  PwArch *a = pw_arch_new_preset (name);
  g_assert_nonnull (a);
  g_assert_cmpstr (a->name, ==, name);
  g_assert_true (pw_arch_check (a, NULL));
  return a;
}

static PwPhysMem *
mem_for (const PwArch *a)
{
  return pw_physmem_new (a->page_shift, a->big_endian);
}

/* ---- presets: geometry ----------------------------------------------------- */

static void
test_presets_geometry (void)
{
  static const struct
  {
    const char *name;
    guint va, pa, page_shift, pte, n;
    guint bits[5];
    const char *names[5];
    guint64 large[3];   /* leaf sizes above the base page, 0-terminated */
  } t[] = {
    { "seed", 28, 28, 12, 4, 1, { 16 }, { "L1" }, { 0 } },
    { "x86-32", 32, 32, 12, 4, 2, { 10, 10 }, { "PD", "PT" }, { 4 * MiB } },
    { "x86-pae", 32, 52, 12, 8, 3, { 2, 9, 9 }, { "PDPT", "PD", "PT" }, { 2 * MiB } },
    { "x86-64", 48, 52, 12, 8, 4, { 9, 9, 9, 9 }, { "PML4", "PDPT", "PD", "PT" },
      { 2 * MiB, GiB } },
    { "x86-64-la57", 57, 52, 12, 8, 5, { 9, 9, 9, 9, 9 },
      { "PML5", "PML4", "PDPT", "PD", "PT" }, { 2 * MiB, GiB } },
    { "riscv-sv32", 32, 34, 12, 4, 2, { 10, 10 }, { "VPN[1]", "VPN[0]" }, { 4 * MiB } },
    { "riscv-sv39", 39, 56, 12, 8, 3, { 9, 9, 9 }, { "VPN[2]", "VPN[1]", "VPN[0]" },
      { 2 * MiB, GiB } },
    { "riscv-sv48", 48, 56, 12, 8, 4, { 9, 9, 9, 9 },
      { "VPN[3]", "VPN[2]", "VPN[1]", "VPN[0]" }, { 2 * MiB, GiB, 512 * GiB } },
    { "aarch64-4k", 48, 48, 12, 8, 4, { 9, 9, 9, 9 }, { "L0", "L1", "L2", "L3" },
      { 2 * MiB, GiB } },
    { "ostep-multilevel", 15, 12, 5, 1, 2, { 5, 5 }, { "PD", "PT" }, { 0 } },
  };
  const char * const *names = pw_arch_preset_names ();
  guint n_names = g_strv_length ((char **) names);

  g_assert_cmpuint (n_names, ==, G_N_ELEMENTS (t));
  for (guint i = 0; i < G_N_ELEMENTS (t); i++)
    {
      PwArch *a;
      guint n_large = 0, n_leaf_levels = 0;

      g_test_message ("preset %s", t[i].name);
      g_assert_cmpstr (names[i], ==, t[i].name);
      a = preset (t[i].name);
      g_assert_cmpint (a->kind, ==, PW_ARCH_PAGED);
      g_assert_cmpuint (a->va_bits, ==, t[i].va);
      g_assert_cmpuint (a->pa_bits, ==, t[i].pa);
      g_assert_cmpuint (a->page_shift, ==, t[i].page_shift);
      g_assert_cmpuint (a->pte_bytes, ==, t[i].pte);
      g_assert_cmpuint (a->n_levels, ==, t[i].n);
      for (guint l = 0; l < a->n_levels; l++)
        {
          g_assert_cmpuint (a->level_bits[l], ==, t[i].bits[l]);
          g_assert_cmpstr (a->level_names[l], ==, t[i].names[l]);
          if (l + 1 < a->n_levels && a->large_ok[l])
            n_leaf_levels++;
        }
      /* every large size is a leaf level, and no other level is */
      for (guint k = 0; k < G_N_ELEMENTS (t[i].large) && t[i].large[k]; k++)
        {
          int level = pw_arch_level_for_size (a, t[i].large[k]);
          g_assert_cmpint (level, >=, 0);
          g_assert_true (a->large_ok[level]);
          g_assert_cmpuint (pw_arch_level_span (a, level), ==, t[i].large[k]);
          n_large++;
        }
      g_assert_cmpuint (n_large, ==, n_leaf_levels);
      g_assert_cmpint (pw_arch_level_for_size (a, pw_arch_page_size (a)), ==, (int) a->n_levels - 1);
      g_assert_cmpint (pw_arch_level_for_size (a, 3 * pw_arch_page_size (a)), ==, -1);
      pw_arch_free (a);
    }
  g_assert_null (pw_arch_new_preset ("x86-128"));
}

static void
test_presets_default_memory (void)
{
  PwArch *a = preset ("seed");
  /* docs/scenario-format.md: 256 MiB, all of seed's physical space */
  g_assert_cmpuint (a->default_memory, ==, 256 * MiB);
  g_assert_cmpuint (pw_arch_max_frames (a), ==, 0x10000);
  g_assert_cmpuint (pw_arch_table_bytes (a, 0), ==, 256 * KiB);
  g_assert_cmpuint (pw_arch_table_frames (a, 0), ==, 64);
  pw_arch_free (a);

  a = preset ("ostep-multilevel");
  g_assert_cmpuint (a->default_memory, ==, 4096);
  g_assert_cmpuint (pw_arch_max_frames (a), ==, 128);
  g_assert_cmpuint (pw_arch_table_bytes (a, 0), ==, 32);
  pw_arch_free (a);

  a = preset ("x86-pae");
  /* the PDPT has 4 entries: 32 bytes, in one frame */
  g_assert_cmpuint (pw_arch_table_entries (a, 0), ==, 4);
  g_assert_cmpuint (pw_arch_table_bytes (a, 0), ==, 32);
  g_assert_cmpuint (pw_arch_table_frames (a, 0), ==, 1);
  pw_arch_free (a);
}

/* ---- seed ------------------------------------------------------------------ */

static void
test_seed (void)
{
  PwArch *a = preset ("seed");
  PwPhysMem *m = mem_for (a);
  const guint64 root = 0xffc0, T = 0xffc0000;
  PwWalk *w;

  /* The seed text's own example: VA 0x2150, entry 0x109007 at 0xffc0008. */
  w32 (m, T + 2 * 4, 0x109007);
  pw_physmem_write (m, 0x109150, 1, 0x5a);
  w = rd (a, m, root, 0x2150, USR);
  g_assert_cmpuint (w->n_fields, ==, 2);
  ASSERT_FIELD (w, 0, "L1", 27, 12, 0x2);
  ASSERT_FIELD (w, 1, "offset", 11, 0, 0x150);
  g_assert_cmpuint (w->n_steps, ==, 1);
  ASSERT_STEP (w, 0, "L1", 0xffc0000, 2, 0xffc0008, 0x109007,
               PW_F_PRESENT | PW_F_WRITABLE | PW_F_USER, TRUE);
  g_assert_true (w->steps[0].known);
  ASSERT_OK (w, 0x109150, 4096);
  g_assert_cmphex (w->frame, ==, 0x109);
  g_assert_cmpint (w->value, ==, 0x5a);
  {
    const char **f = pw_arch_flag_names (a, w->steps[0].flags);
    g_assert_cmpuint (g_strv_length ((char **) f), ==, 3);
    g_assert_cmpstr (f[0], ==, "present");
    g_assert_cmpstr (f[1], ==, "writable");
    g_assert_cmpstr (f[2], ==, "user");
    g_free (f);
  }
  /* a byte whose frame is unknown reads as unknown */
  w = rd (a, m, root, 0x2151, USR);
  ASSERT_OK (w, 0x109151, 4096);
  g_assert_cmpint (w->value, ==, 0);
  w32 (m, T + 3 * 4, 0x200007);
  w = rd (a, m, root, 0x3abc, USR);
  ASSERT_OK (w, 0x200abc, 4096);
  g_assert_cmpint (w->value, ==, -1);

  /* not present; garbage in a not-present entry is not looked at */
  w = rd (a, m, root, 0x1000, USR);
  ASSERT_STOP (w, PW_FAULT_NOT_PRESENT, 0, PW_WHY_NOT_PRESENT);
  g_assert_cmphex (w->steps[0].entry_pa, ==, 0xffc0004);
  w32 (m, T + 4 * 4, 0xfffffffe);
  w = rd (a, m, root, 0x4000, USR);
  ASSERT_STOP (w, PW_FAULT_NOT_PRESENT, 0, PW_WHY_NOT_PRESENT);
  g_assert_cmphex (w->steps[0].entry, ==, 0xfffffffe);
  g_assert_false (w->steps[0].flags & PW_F_PRESENT);

  /* frames beyond the 28-bit physical space */
  w32 (m, T + 5 * 4, 0x10000007);
  w = rd (a, m, root, 0x5000, USR);
  ASSERT_STOP (w, PW_FAULT_RESERVED_BIT, 0, PW_WHY_PA_TOO_WIDE);
  w32 (m, T + 5 * 4, 0x80000007);
  w = rd (a, m, root, 0x5000, USR);
  ASSERT_STOP (w, PW_FAULT_RESERVED_BIT, 0, PW_WHY_PA_TOO_WIDE);
  w32 (m, T + 5 * 4, 0x0ffff007);
  w = rd (a, m, root, 0x5fff, USR);
  ASSERT_OK (w, 0xfffffff, 4096);

  /* VA bits 31:28 are beyond the 28-bit space; the last entry sits at 0xffffffc */
  w = rd (a, m, root, 0x10000000, USR);
  ASSERT_EARLY (w, PW_FAULT_OUT_OF_RANGE, PW_WHY_OUT_OF_RANGE);
  w = rd (a, m, root, G_MAXUINT64, USR);
  ASSERT_EARLY (w, PW_FAULT_OUT_OF_RANGE, PW_WHY_OUT_OF_RANGE);
  w = rd (a, m, root, 0x0fffffff, USR);
  ASSERT_STOP (w, PW_FAULT_NOT_PRESENT, 0, PW_WHY_NOT_PRESENT);
  ASSERT_FIELD (w, 0, "L1", 27, 12, 0xffff);
  g_assert_cmphex (w->steps[0].entry_pa, ==, 0xffffffc);

  /* protection: U/S and R/W (CR0.WP = 1), no XD in 32-bit paging */
  w32 (m, T + 7 * 4, 0x109003);
  ASSERT_PROT (rd (a, m, root, 0x7000, USR), 0, PW_WHY_USER, 1);
  ASSERT_OK (rd (a, m, root, 0x7000, SUP), 0x109000, 4096);
  w32 (m, T + 8 * 4, 0x109005);
  ASSERT_PROT (walk (a, m, root, 0x8000, WR, SUP, 0), 0, PW_WHY_WRITE, 1);
  ASSERT_PROT (walk (a, m, root, 0x8000, WR, USR, 0), 0, PW_WHY_WRITE, 1);
  ASSERT_OK (walk (a, m, root, 0x8000, EX, USR, 0), 0x109000, 4096);
  /* bit 7 of a PTE is PAT, not PS; bit 31 is a frame bit */
  w32 (m, T + 6 * 4, 0x0abcd087);
  w = rd (a, m, root, 0x6000, USR);
  ASSERT_OK (w, 0xabcd000, 4096);
  g_assert_cmphex (w->steps[0].flags, ==,
                   PW_F_PRESENT | PW_F_WRITABLE | PW_F_USER | PW_F_PAT);

  /* accessed and dirty */
  w32 (m, T + 9 * 4, 0x109007);
  walk (a, m, root, 0x9000, WR, USR, PW_WALK_READ_ONLY);
  g_assert_cmphex (pw_physmem_read (m, T + 9 * 4, 4, NULL), ==, 0x109007);
  w = walk (a, m, root, 0x9000, RD, USR, PW_WALK_SET_AD);
  g_assert_cmphex (w->steps[0].entry, ==, 0x109007);
  g_assert_cmphex (pw_physmem_read (m, T + 9 * 4, 4, NULL), ==, 0x109027);
  w = walk (a, m, root, 0x9000, WR, USR, PW_WALK_SET_AD);
  g_assert_cmphex (w->steps[0].entry, ==, 0x109027);
  g_assert_cmphex (pw_physmem_read (m, T + 9 * 4, 4, NULL), ==, 0x109067);
  /* a walk that faults changes nothing */
  walk (a, m, root, 0x8000, WR, USR, PW_WALK_SET_AD);
  g_assert_cmphex (pw_physmem_read (m, T + 8 * 4, 4, NULL), ==, 0x109005);

  /* a root in unknown memory reads zeros, marked unknown */
  w = rd (a, m, 0x1234, 0x2150, USR);
  ASSERT_STOP (w, PW_FAULT_NOT_PRESENT, 0, PW_WHY_NOT_PRESENT);
  g_assert_false (w->steps[0].known);
  g_assert_cmphex (w->steps[0].table, ==, 0x1234000);

  pw_physmem_free (m);
  pw_arch_free (a);
}

/* ---- x86-32 ---------------------------------------------------------------- */

static void
test_x86_32_4k (void)
{
  PwArch *a = preset ("x86-32");
  PwPhysMem *m = mem_for (a);
  PwWalk *w;

  /* CR3 = 0x1000000; VA 0x00403abc: PD 1, PT 3, offset 0xabc */
  w32 (m, 0x1000004, 0x02000007);
  w32 (m, 0x200000c, 0x05678007);
  w = rd (a, m, 0x1000, 0x00403abc, USR);
  g_assert_cmpuint (w->n_fields, ==, 3);
  ASSERT_FIELD (w, 0, "PD", 31, 22, 1);
  ASSERT_FIELD (w, 1, "PT", 21, 12, 3);
  ASSERT_FIELD (w, 2, "offset", 11, 0, 0xabc);
  g_assert_cmpuint (w->n_steps, ==, 2);
  ASSERT_STEP (w, 0, "PD", 0x1000000, 1, 0x1000004, 0x02000007,
               PW_F_PRESENT | PW_F_WRITABLE | PW_F_USER, FALSE);
  ASSERT_STEP (w, 1, "PT", 0x2000000, 3, 0x200000c, 0x05678007,
               PW_F_PRESENT | PW_F_WRITABLE | PW_F_USER, TRUE);
  ASSERT_OK (w, 0x5678abc, 4096);

  /* not present at each depth, garbage ignored */
  ASSERT_STOP (rd (a, m, 0x1000, 0x00000abc, USR), PW_FAULT_NOT_PRESENT, 0, PW_WHY_NOT_PRESENT);
  ASSERT_STOP (rd (a, m, 0x1000, 0x00404abc, USR), PW_FAULT_NOT_PRESENT, 1, PW_WHY_NOT_PRESENT);
  w32 (m, 0x2000010, 0xfffffffe);
  ASSERT_STOP (rd (a, m, 0x1000, 0x00404abc, USR), PW_FAULT_NOT_PRESENT, 1, PW_WHY_NOT_PRESENT);

  /* the whole 32-bit space; above 4 GiB is out of range */
  w = rd (a, m, 0x1000, 0xffffffff, USR);
  ASSERT_STOP (w, PW_FAULT_NOT_PRESENT, 0, PW_WHY_NOT_PRESENT);
  g_assert_cmphex (w->steps[0].entry_pa, ==, 0x1000ffc);
  ASSERT_EARLY (rd (a, m, 0x1000, 0x100000000, USR), PW_FAULT_OUT_OF_RANGE, PW_WHY_OUT_OF_RANGE);
  ASSERT_EARLY (rd (a, m, 0x1000, 0xffffffff00000000, USR), PW_FAULT_OUT_OF_RANGE,
                PW_WHY_OUT_OF_RANGE);

  /* U/S = 0 in the PDE: user access fails at depth 0, supervisor reads */
  w32 (m, 0x1000000 + 5 * 4, 0x02001003);
  w32 (m, 0x2001000, 0x05678007);
  ASSERT_PROT (rd (a, m, 0x1000, 0x01400000, USR), 0, PW_WHY_USER, 2);
  ASSERT_OK (rd (a, m, 0x1000, 0x01400000, SUP), 0x5678000, 4096);
  /* R/W = 0 in the PDE: writes fail at depth 0, supervisor too (CR0.WP = 1) */
  w32 (m, 0x1000000 + 6 * 4, 0x02002005);
  w32 (m, 0x2002000, 0x05678007);
  ASSERT_PROT (walk (a, m, 0x1000, 0x01800000, WR, USR, 0), 0, PW_WHY_WRITE, 2);
  ASSERT_PROT (walk (a, m, 0x1000, 0x01800000, WR, SUP, 0), 0, PW_WHY_WRITE, 2);
  ASSERT_OK (rd (a, m, 0x1000, 0x01800000, USR), 0x5678000, 4096);
  /* PDE read-only, PTE supervisor-only: a user write is denied first by the PDE */
  w32 (m, 0x1000000 + 7 * 4, 0x02003005);
  w32 (m, 0x2003000, 0x05678003);
  ASSERT_PROT (walk (a, m, 0x1000, 0x01c00000, WR, USR, 0), 0, PW_WHY_WRITE, 2);
  ASSERT_PROT (rd (a, m, 0x1000, 0x01c00000, USR), 1, PW_WHY_USER, 2);
  ASSERT_OK (rd (a, m, 0x1000, 0x01c00000, SUP), 0x5678000, 4096);
  /* no XD in 32-bit paging: execute is read */
  ASSERT_OK (walk (a, m, 0x1000, 0x01800000, EX, USR, 0), 0x5678000, 4096);

  /* A in every entry used, D in the leaf */
  walk (a, m, 0x1000, 0x00403abc, WR, USR, PW_WALK_SET_AD);
  g_assert_cmphex (pw_physmem_read (m, 0x1000004, 4, NULL), ==, 0x02000027);
  g_assert_cmphex (pw_physmem_read (m, 0x200000c, 4, NULL), ==, 0x05678067);

  pw_physmem_free (m);
  pw_arch_free (a);
}

static void
test_x86_32_4m (void)
{
  PwArch *a = preset ("x86-32");
  PwPhysMem *m = mem_for (a);
  PwWalk *w;

  /* 4-MByte PDE (SDM table 4-4): bits 31:22 frame, bit 12 PAT, 21:13 reserved at M = 32 */
  w32 (m, 0x1000008, 0x00c01087);
  w = rd (a, m, 0x1000, 0x00812345, USR);
  g_assert_cmpuint (w->n_steps, ==, 1);
  ASSERT_STEP (w, 0, "PD", 0x1000000, 2, 0x1000008, 0x00c01087,
               PW_F_PRESENT | PW_F_WRITABLE | PW_F_USER | PW_F_LARGE | PW_F_PAT, TRUE);
  ASSERT_OK (w, 0x00c12345, 4 * MiB);
  g_assert_cmphex (w->frame, ==, 0xc12);
  w32 (m, 0x1000008, 0xffc00087);
  ASSERT_OK (rd (a, m, 0x1000, 0x00bfffff, USR), 0xffffffff, 4 * MiB);
  for (guint b = 13; b <= 21; b++)
    {
      w32 (m, 0x100000c, 0x00c00087 | BIT (b));
      ASSERT_STOP (rd (a, m, 0x1000, 0x00c00000, USR), PW_FAULT_RESERVED_BIT, 0, PW_WHY_RESERVED);
    }
  /* not reserved in a PDE that points to a page table */
  w32 (m, 0x100000c, 0x02000007 | BIT (13));
  ASSERT_STOP (rd (a, m, 0x1000, 0x00c00000, USR), PW_FAULT_NOT_PRESENT, 1, PW_WHY_NOT_PRESENT);

  /* a write sets A and D in the PDE that maps the page */
  w32 (m, 0x1000008, 0x00c01087);
  walk (a, m, 0x1000, 0x00812345, WR, SUP, PW_WALK_SET_AD);
  g_assert_cmphex (pw_physmem_read (m, 0x1000008, 4, NULL), ==, 0x00c010e7);

  pw_physmem_free (m);
  pw_arch_free (a);
}

/* ---- x86 PAE --------------------------------------------------------------- */

static void
test_x86_pae (void)
{
  PwArch *a = preset ("x86-pae");
  PwPhysMem *m = mem_for (a);
  PwWalk *w;
  static const guint64 pdpte_rsv[] = {
    0x4003, 0x4005, 0x4021, 0x4041, 0x4081, 0x4101, BIT (63) | 0x4001,
    BIT (52) | 0x4001, BIT (62) | 0x4001,
  };

  /* CR3 -> PDPT at 0x3000; VA 0xc0201abc: PDPT 3, PD 1, PT 1 */
  w64 (m, 0x3018, 0x4001);
  w64 (m, 0x4008, 0x5007);
  w64 (m, 0x5008, 0x8000000123456007);
  w = rd (a, m, 3, 0xc0201abc, USR);
  g_assert_cmpuint (w->n_fields, ==, 4);
  ASSERT_FIELD (w, 0, "PDPT", 31, 30, 3);
  ASSERT_FIELD (w, 1, "PD", 29, 21, 1);
  ASSERT_FIELD (w, 2, "PT", 20, 12, 1);
  ASSERT_FIELD (w, 3, "offset", 11, 0, 0xabc);
  ASSERT_STEP (w, 0, "PDPT", 0x3000, 3, 0x3018, 0x4001, PW_F_PRESENT, FALSE);
  ASSERT_STEP (w, 1, "PD", 0x4000, 1, 0x4008, 0x5007,
               PW_F_PRESENT | PW_F_WRITABLE | PW_F_USER, FALSE);
  ASSERT_STEP (w, 2, "PT", 0x5000, 1, 0x5008, 0x8000000123456007,
               PW_F_PRESENT | PW_F_WRITABLE | PW_F_USER | PW_F_NX, TRUE);
  /* 52-bit physical addresses with 32-bit virtual ones */
  ASSERT_OK (w, 0x123456abc, 4096);
  /* XD (bit 63) with NXE = 1 */
  ASSERT_PROT (walk (a, m, 3, 0xc0201abc, EX, USR, 0), 2, PW_WHY_EXEC, 3);
  ASSERT_PROT (walk (a, m, 3, 0xc0201abc, EX, SUP, 0), 2, PW_WHY_EXEC, 3);

  /* 2 MiB pages; PAT (bit 12) is not a frame bit; bits 20:13 reserved */
  w64 (m, 0x3010, 0x6001);
  w64 (m, 0x6010, 0x40001087);
  w = rd (a, m, 3, 0x80401abc, USR);
  g_assert_cmpuint (w->n_steps, ==, 2);
  ASSERT_STEP (w, 1, "PD", 0x6000, 2, 0x6010, 0x40001087,
               PW_F_PRESENT | PW_F_WRITABLE | PW_F_USER | PW_F_LARGE | PW_F_PAT, TRUE);
  ASSERT_OK (w, 0x40001abc, 2 * MiB);
  for (guint b = 13; b <= 20; b++)
    {
      w64 (m, 0x6018, 0x40000087 | BIT (b));
      ASSERT_STOP (rd (a, m, 3, 0x80601abc, USR), PW_FAULT_RESERVED_BIT, 1, PW_WHY_RESERVED);
    }
  /* bits 62:52 reserved in PDEs and PTEs (M = 52) */
  for (guint b = 52; b <= 62; b++)
    {
      w64 (m, 0x6018, 0x40000087 | BIT (b));
      ASSERT_STOP (rd (a, m, 3, 0x80601abc, USR), PW_FAULT_RESERVED_BIT, 1, PW_WHY_RESERVED);
      w64 (m, 0x5010, 0x123456007 | BIT (b));
      ASSERT_STOP (rd (a, m, 3, 0xc0202abc, USR), PW_FAULT_RESERVED_BIT, 2, PW_WHY_RESERVED);
    }
  /* bit 51 is an address bit */
  w64 (m, 0x5010, 0x0008000123456007);
  ASSERT_OK (rd (a, m, 3, 0xc0202abc, USR), 0x0008000123456abc, 4096);

  /* PDPTE: bits 2:1, 8:5 and 63:52 reserved (SDM table 4-8); PWT, PCD and 11:9 allowed */
  for (guint i = 0; i < G_N_ELEMENTS (pdpte_rsv); i++)
    {
      w64 (m, 0x3000, pdpte_rsv[i]);
      ASSERT_STOP (rd (a, m, 3, 0x00000abc, SUP), PW_FAULT_RESERVED_BIT, 0, PW_WHY_RESERVED);
    }
  w64 (m, 0x3000, 0x4e19);
  w = rd (a, m, 3, 0x00000abc, SUP);
  ASSERT_STOP (w, PW_FAULT_NOT_PRESENT, 1, PW_WHY_NOT_PRESENT);
  g_assert_cmphex (w->steps[0].flags, ==, PW_F_PRESENT | PW_F_WT | PW_F_CD);
  ASSERT_STOP (rd (a, m, 3, 0x40000000, SUP), PW_FAULT_NOT_PRESENT, 0, PW_WHY_NOT_PRESENT);
  ASSERT_EARLY (rd (a, m, 3, 0x100000000, SUP), PW_FAULT_OUT_OF_RANGE, PW_WHY_OUT_OF_RANGE);

  /* A/D: never in a PDPTE (it has no A bit) */
  w = walk (a, m, 3, 0xc0201abc, WR, USR, PW_WALK_SET_AD);
  ASSERT_OK (w, 0x123456abc, 4096);
  g_assert_cmphex (r64 (m, 0x3018), ==, 0x4001);
  g_assert_cmphex (r64 (m, 0x4008), ==, 0x5027);
  g_assert_cmphex (r64 (m, 0x5008), ==, 0x8000000123456067);

  pw_physmem_free (m);
  pw_arch_free (a);
}

/* ---- x86-64 ---------------------------------------------------------------- */

/* VA 0x00007f1234567abc: PML4 254, PDPT 72, PD 418, PT 359, offset 0xabc */
#define X64_VA 0x00007f1234567abcULL

static void
x64_tables (PwPhysMem *m)
{
  w64 (m, 0x10007f0, 0x1001007);
  w64 (m, 0x1001240, 0x1002007);
  w64 (m, 0x1002d10, 0x1003007);
  w64 (m, 0x1003b38, 0x8000000abcdef007);
}

static void
test_x86_64_4k (void)
{
  PwArch *a = preset ("x86-64");
  PwPhysMem *m = mem_for (a);
  const PwFlags t = PW_F_PRESENT | PW_F_WRITABLE | PW_F_USER;
  PwWalk *w;

  x64_tables (m);
  w = rd (a, m, 0x1000, X64_VA, USR);
  g_assert_cmpuint (w->n_fields, ==, 5);
  ASSERT_FIELD (w, 0, "PML4", 47, 39, 254);
  ASSERT_FIELD (w, 1, "PDPT", 38, 30, 72);
  ASSERT_FIELD (w, 2, "PD", 29, 21, 418);
  ASSERT_FIELD (w, 3, "PT", 20, 12, 359);
  ASSERT_FIELD (w, 4, "offset", 11, 0, 0xabc);
  g_assert_cmpuint (w->n_steps, ==, 4);
  ASSERT_STEP (w, 0, "PML4", 0x1000000, 254, 0x10007f0, 0x1001007, t, FALSE);
  ASSERT_STEP (w, 1, "PDPT", 0x1001000, 72, 0x1001240, 0x1002007, t, FALSE);
  ASSERT_STEP (w, 2, "PD", 0x1002000, 418, 0x1002d10, 0x1003007, t, FALSE);
  ASSERT_STEP (w, 3, "PT", 0x1003000, 359, 0x1003b38, 0x8000000abcdef007,
               t | PW_F_NX, TRUE);
  ASSERT_OK (w, 0xabcdefabc, 4096);
  g_assert_cmphex (w->frame, ==, 0xabcdef);
  {
    const char **f = pw_arch_flag_names (a, w->steps[3].flags);
    g_assert_cmpuint (g_strv_length ((char **) f), ==, 4);
    g_assert_cmpstr (f[3], ==, "no-exec");
    g_free (f);
  }

  /* not present at each depth; garbage in a not-present entry */
  ASSERT_STOP (rd (a, m, 0x1000, 0x1000, USR), PW_FAULT_NOT_PRESENT, 0, PW_WHY_NOT_PRESENT);
  ASSERT_STOP (rd (a, m, 0x1000, 0x00007f12b4567abc, USR), PW_FAULT_NOT_PRESENT, 1, PW_WHY_NOT_PRESENT);
  ASSERT_STOP (rd (a, m, 0x1000, 0x00007f1234967abc, USR), PW_FAULT_NOT_PRESENT, 2, PW_WHY_NOT_PRESENT);
  ASSERT_STOP (rd (a, m, 0x1000, 0x00007f1234568abc, USR), PW_FAULT_NOT_PRESENT, 3, PW_WHY_NOT_PRESENT);
  w64 (m, 0x1003b40, 0xfffffffffffffffe);
  w = rd (a, m, 0x1000, 0x00007f1234568abc, USR);
  ASSERT_STOP (w, PW_FAULT_NOT_PRESENT, 3, PW_WHY_NOT_PRESENT);
  g_assert_cmphex (w->steps[3].entry, ==, 0xfffffffffffffffe);
  g_assert_cmphex (w->steps[3].entry_pa, ==, 0x1003b40);

  /* PS in a PML4E is reserved: there are no 512 GiB pages */
  w64 (m, 0x10007e8, 0x1001087);
  ASSERT_STOP (rd (a, m, 0x1000, 0x00007e8000000000, SUP), PW_FAULT_RESERVED_BIT, 0, PW_WHY_RESERVED);
  /* bits 62:52 are ignored (no protection keys), bit 51 is an address bit at M = 52 */
  w64 (m, 0x1003b48, 0x7ff8000123456007);
  ASSERT_OK (rd (a, m, 0x1000, 0x00007f1234569abc, USR), 0x8000123456abc, 4096);

  pw_physmem_free (m);
  pw_arch_free (a);
}

static void
test_x86_64_2m (void)
{
  PwArch *a = preset ("x86-64");
  PwPhysMem *m = mem_for (a);
  PwWalk *w;

  x64_tables (m);
  /* PD index 419: a 2 MiB page at 0x40000000 with PAT */
  w64 (m, 0x1002d18, 0x40001087);
  w = rd (a, m, 0x1000, 0x00007f1234767abc, USR);
  g_assert_cmpuint (w->n_steps, ==, 3);
  ASSERT_STEP (w, 2, "PD", 0x1002000, 419, 0x1002d18, 0x40001087,
               PW_F_PRESENT | PW_F_WRITABLE | PW_F_USER | PW_F_LARGE | PW_F_PAT, TRUE);
  ASSERT_OK (w, 0x40167abc, 2 * MiB);
  g_assert_cmphex (w->frame, ==, 0x40167);
  /* bits 20:13 reserved (SDM table 4-17) */
  for (guint b = 13; b <= 20; b++)
    {
      w64 (m, 0x1002d18, 0x40000087 | BIT (b));
      ASSERT_STOP (rd (a, m, 0x1000, 0x00007f1234767abc, USR), PW_FAULT_RESERVED_BIT, 2,
                   PW_WHY_RESERVED);
    }
  /* the highest 2 MiB frame of a 52-bit space */
  w64 (m, 0x1002d18, 0x000fffffffe00087);
  ASSERT_OK (rd (a, m, 0x1000, 0x00007f1234767abc, USR), 0xfffffffe00000 | 0x167abc, 2 * MiB);
  /* A in every entry, D in the PDE that maps the page */
  w64 (m, 0x1002d18, 0x40000087);
  walk (a, m, 0x1000, 0x00007f1234767abc, WR, USR, PW_WALK_SET_AD);
  g_assert_cmphex (r64 (m, 0x10007f0), ==, 0x1001027);
  g_assert_cmphex (r64 (m, 0x1001240), ==, 0x1002027);
  g_assert_cmphex (r64 (m, 0x1002d18), ==, 0x400000e7);

  pw_physmem_free (m);
  pw_arch_free (a);
}

static void
test_x86_64_1g (void)
{
  PwArch *a = preset ("x86-64");
  PwPhysMem *m = mem_for (a);
  PwWalk *w;

  x64_tables (m);
  /* PDPT index 73: a 1 GiB page at 0x80000000 with PAT */
  w64 (m, 0x1001248, 0x80001087);
  w = rd (a, m, 0x1000, 0x00007f1274567abc, USR);
  g_assert_cmpuint (w->n_steps, ==, 2);
  ASSERT_STEP (w, 1, "PDPT", 0x1001000, 73, 0x1001248, 0x80001087,
               PW_F_PRESENT | PW_F_WRITABLE | PW_F_USER | PW_F_LARGE | PW_F_PAT, TRUE);
  ASSERT_OK (w, 0xb4567abc, GiB);
  /* bits 29:13 reserved (SDM table 4-15) */
  for (guint b = 13; b <= 29; b++)
    {
      w64 (m, 0x1001248, 0x80000087 | BIT (b));
      ASSERT_STOP (rd (a, m, 0x1000, 0x00007f1274567abc, USR), PW_FAULT_RESERVED_BIT, 1,
                   PW_WHY_RESERVED);
    }
  w64 (m, 0x1001248, 0x000fffffc0000087);
  ASSERT_OK (rd (a, m, 0x1000, 0x00007f1274567abc, USR), 0xffffff4567abc, GiB);
  /* the same bits are address bits in a PDPTE that points to a directory */
  w64 (m, 0x1001248, 0x1002007 | BIT (14));
  ASSERT_STOP (rd (a, m, 0x1000, 0x00007f1274567abc, USR), PW_FAULT_NOT_PRESENT, 2,
               PW_WHY_NOT_PRESENT);
  g_assert_cmphex (the_walk.steps[2].table, ==, 0x1006000);

  pw_physmem_free (m);
  pw_arch_free (a);
}

static void
test_x86_64_canonical (void)
{
  PwArch *a = preset ("x86-64");
  PwPhysMem *m = mem_for (a);
  PwWalk *w;

  /* 0x00007fffffffffff: PML4 255, PDPT 511, PD 511, PT 511 */
  w64 (m, 0x1000000 + 255 * 8, 0x1004007);
  w64 (m, 0x1004000 + 511 * 8, 0x1005007);
  w64 (m, 0x1005000 + 511 * 8, 0x1006007);
  w64 (m, 0x1006000 + 511 * 8, 0x123456007);
  ASSERT_OK (rd (a, m, 0x1000, 0x00007fffffffffff, USR), 0x123456fff, 4096);
  ASSERT_EARLY (rd (a, m, 0x1000, 0x0000800000000000, USR), PW_FAULT_NON_CANONICAL,
                PW_WHY_NON_CANONICAL);
  ASSERT_EARLY (rd (a, m, 0x1000, 0xffff7fffffffffff, USR), PW_FAULT_NON_CANONICAL,
                PW_WHY_NON_CANONICAL);
  ASSERT_EARLY (rd (a, m, 0x1000, 0x8000000000000000, USR), PW_FAULT_NON_CANONICAL,
                PW_WHY_NON_CANONICAL);
  ASSERT_EARLY (rd (a, m, 0x1000, 0x0001000000000000, USR), PW_FAULT_NON_CANONICAL,
                PW_WHY_NON_CANONICAL);
  /* the fields are still given for a non-canonical address */
  w = rd (a, m, 0x1000, 0x0000800000000000, USR);
  ASSERT_FIELD (w, 0, "PML4", 47, 39, 256);
  w = rd (a, m, 0x1000, 0xffff800000000000, USR);
  ASSERT_STOP (w, PW_FAULT_NOT_PRESENT, 0, PW_WHY_NOT_PRESENT);
  g_assert_cmpuint (w->steps[0].index, ==, 256);
  g_assert_cmphex (w->steps[0].entry_pa, ==, 0x1000800);
  w = rd (a, m, 0x1000, 0xffffffffffffffff, USR);
  ASSERT_STOP (w, PW_FAULT_NOT_PRESENT, 0, PW_WHY_NOT_PRESENT);
  g_assert_cmphex (w->steps[0].entry_pa, ==, 0x1000ff8);
  w64 (m, 0x1000ff8, 0x1004007);
  ASSERT_OK (rd (a, m, 0x1000, 0xffffffffffffffff, USR), 0x123456fff, 4096);

  pw_physmem_free (m);
  pw_arch_free (a);
}

/* A chain at PML4 index 1 (VA 0x0000008000000123) whose entries have the given low bits. */
static PwWalk *
x64_chain (const PwArch *a,
           PwPhysMem    *m,
           guint64       f0,
           guint64       f1,
           guint64       f2,
           guint64       f3,
           PwAccess      acc,
           PwMode        mode,
           PwWalkFlags   fl)
{
  w64 (m, 0x1000008, 0x2001000 | f0);
  w64 (m, 0x2001000, 0x2002000 | f1);
  w64 (m, 0x2002000, 0x2003000 | f2);
  w64 (m, 0x2003000, 0x3000000 | f3);
  return walk (a, m, 0x1000, 0x0000008000000123, acc, mode, fl);
}

static void
test_x86_64_protection (void)
{
  PwArch *a = preset ("x86-64");
  PwPhysMem *m = mem_for (a);
  const guint64 P = 0x3000123;

  ASSERT_OK (x64_chain (a, m, 7, 7, 7, 7, WR, USR, 0), P, 4096);
  ASSERT_OK (x64_chain (a, m, 7, 7, 7, 7, EX, USR, 0), P, 4096);
  /* U/S = 0 at a non-leaf level */
  ASSERT_PROT (x64_chain (a, m, 7, 3, 7, 7, RD, USR, 0), 1, PW_WHY_USER, 4);
  ASSERT_OK (x64_chain (a, m, 7, 3, 7, 7, RD, SUP, 0), P, 4096);
  ASSERT_OK (x64_chain (a, m, 7, 3, 7, 7, WR, SUP, 0), P, 4096);
  ASSERT_PROT (x64_chain (a, m, 7, 7, 7, 3, RD, USR, 0), 3, PW_WHY_USER, 4);
  /* SMEP and SMAP off: the supervisor reads and executes user pages */
  ASSERT_OK (x64_chain (a, m, 7, 7, 7, 7, EX, SUP, 0), P, 4096);
  ASSERT_OK (x64_chain (a, m, 7, 7, 7, 7, RD, SUP, 0), P, 4096);
  /* R/W = 0 in the PD: user and supervisor writes (CR0.WP = 1) */
  ASSERT_PROT (x64_chain (a, m, 7, 7, 5, 7, WR, USR, 0), 2, PW_WHY_WRITE, 4);
  ASSERT_PROT (x64_chain (a, m, 7, 7, 5, 7, WR, SUP, 0), 2, PW_WHY_WRITE, 4);
  ASSERT_OK (x64_chain (a, m, 7, 7, 5, 7, RD, USR, 0), P, 4096);
  ASSERT_OK (x64_chain (a, m, 7, 7, 5, 7, EX, USR, 0), P, 4096);
  /* the first level that denies is the one reported */
  ASSERT_PROT (x64_chain (a, m, 5, 7, 3, 7, WR, USR, 0), 0, PW_WHY_WRITE, 4);
  ASSERT_PROT (x64_chain (a, m, 5, 7, 3, 7, RD, USR, 0), 2, PW_WHY_USER, 4);
  ASSERT_PROT (x64_chain (a, m, 7, 5, 3, 5, WR, USR, 0), 1, PW_WHY_WRITE, 4);
  /* XD at any level forbids execute */
  ASSERT_PROT (x64_chain (a, m, 7 | X_XD, 7, 7, 7, EX, USR, 0), 0, PW_WHY_EXEC, 4);
  ASSERT_PROT (x64_chain (a, m, 7 | X_XD, 7, 7, 7, EX, SUP, 0), 0, PW_WHY_EXEC, 4);
  ASSERT_OK (x64_chain (a, m, 7 | X_XD, 7, 7, 7, RD, USR, 0), P, 4096);
  ASSERT_OK (x64_chain (a, m, 7 | X_XD, 7, 7, 7, WR, USR, 0), P, 4096);
  ASSERT_PROT (x64_chain (a, m, 7, 7, 7 | X_XD, 7, EX, USR, 0), 2, PW_WHY_EXEC, 4);
  ASSERT_PROT (x64_chain (a, m, 7, 7, 7, 7 | X_XD, EX, SUP, 0), 3, PW_WHY_EXEC, 4);
  /* not present beats protection: the walk stops first */
  ASSERT_STOP (x64_chain (a, m, 3, 7, 6, 7, RD, USR, 0), PW_FAULT_NOT_PRESENT, 2,
               PW_WHY_NOT_PRESENT);

  pw_physmem_free (m);
  pw_arch_free (a);
}

static void
test_x86_64_ad (void)
{
  PwArch *a = preset ("x86-64");
  PwPhysMem *m = mem_for (a);

  /* PW_WALK_READ_ONLY changes nothing */
  ASSERT_OK (x64_chain (a, m, 7, 7, 7, 7, WR, USR, PW_WALK_READ_ONLY), 0x3000123, 4096);
  g_assert_cmphex (r64 (m, 0x1000008), ==, 0x2001007);
  g_assert_cmphex (r64 (m, 0x2001000), ==, 0x2002007);
  g_assert_cmphex (r64 (m, 0x2002000), ==, 0x2003007);
  g_assert_cmphex (r64 (m, 0x2003000), ==, 0x3000007);
  /* a read sets A in every entry used */
  x64_chain (a, m, 7, 7, 7, 7 | X_XD, RD, USR, PW_WALK_SET_AD);
  g_assert_cmphex (r64 (m, 0x1000008), ==, 0x2001027);
  g_assert_cmphex (r64 (m, 0x2001000), ==, 0x2002027);
  g_assert_cmphex (r64 (m, 0x2002000), ==, 0x2003027);
  g_assert_cmphex (r64 (m, 0x2003000), ==, 0x8000000003000027);
  /* a write also sets D, in the leaf only */
  x64_chain (a, m, 7, 7, 7, 7, WR, SUP, PW_WALK_SET_AD);
  g_assert_cmphex (r64 (m, 0x1000008), ==, 0x2001027);
  g_assert_cmphex (r64 (m, 0x2001000), ==, 0x2002027);
  g_assert_cmphex (r64 (m, 0x2002000), ==, 0x2003027);
  g_assert_cmphex (r64 (m, 0x2003000), ==, 0x3000067);
  /* the steps show the entries as read, before the update */
  x64_chain (a, m, 7, 7, 7, 7, RD, USR, PW_WALK_SET_AD);
  g_assert_cmphex (the_walk.steps[3].entry, ==, 0x3000007);
  walk (a, m, 0x1000, 0x0000008000000123, RD, USR, PW_WALK_SET_AD);
  g_assert_cmphex (the_walk.steps[3].entry, ==, 0x3000027);
  g_assert_true (the_walk.steps[3].flags & PW_F_ACCESSED);
  /* a faulting walk sets nothing */
  x64_chain (a, m, 7, 7, 5, 7, WR, USR, PW_WALK_SET_AD);
  g_assert_cmphex (r64 (m, 0x1000008), ==, 0x2001007);
  g_assert_cmphex (r64 (m, 0x2003000), ==, 0x3000007);

  pw_physmem_free (m);
  pw_arch_free (a);
}

static void
test_x86_64_pa_bits (void)
{
  /* With MAXPHYADDR = 46, bits 51:46 of every entry are reserved. */
  PwArch *a = preset ("x86-64");
  PwPhysMem *m;

  a->pa_bits = 46;
  m = mem_for (a);
  ASSERT_OK (x64_chain (a, m, 7, 7, 7, 7, RD, USR, 0), 0x3000123, 4096);
  ASSERT_STOP (x64_chain (a, m, 7 | BIT (46), 7, 7, 7, RD, USR, 0), PW_FAULT_RESERVED_BIT, 0,
               PW_WHY_RESERVED);
  ASSERT_STOP (x64_chain (a, m, 7, 7, 7, 7 | BIT (51), RD, USR, 0), PW_FAULT_RESERVED_BIT, 3,
               PW_WHY_RESERVED);
  ASSERT_OK (x64_chain (a, m, 7, 7, 7, 7 | BIT (45), RD, USR, 0), BIT (45) | 0x3000123, 4096);
  pw_physmem_free (m);
  pw_arch_free (a);
}

/* ---- x86-64 LA57 ------------------------------------------------------------- */

static void
test_la57 (void)
{
  PwArch *a = preset ("x86-64-la57");
  PwPhysMem *m = mem_for (a);
  const PwFlags t = PW_F_PRESENT | PW_F_WRITABLE | PW_F_USER;
  const guint64 va = 0x00ff123456789abc;   /* 255, 36, 209, 179, 393, 0xabc */
  PwWalk *w;

  w64 (m, 0x10007f8, 0x1001007);
  w64 (m, 0x1001120, 0x1002007);
  w64 (m, 0x1002688, 0x1003007);
  w64 (m, 0x1003598, 0x1004007);
  w64 (m, 0x1004c48, 0xfedcba007);
  w = rd (a, m, 0x1000, va, USR);
  g_assert_cmpuint (w->n_fields, ==, 6);
  ASSERT_FIELD (w, 0, "PML5", 56, 48, 255);
  ASSERT_FIELD (w, 1, "PML4", 47, 39, 36);
  ASSERT_FIELD (w, 2, "PDPT", 38, 30, 209);
  ASSERT_FIELD (w, 3, "PD", 29, 21, 179);
  ASSERT_FIELD (w, 4, "PT", 20, 12, 393);
  ASSERT_FIELD (w, 5, "offset", 11, 0, 0xabc);
  g_assert_cmpuint (w->n_steps, ==, 5);
  ASSERT_STEP (w, 0, "PML5", 0x1000000, 255, 0x10007f8, 0x1001007, t, FALSE);
  ASSERT_STEP (w, 1, "PML4", 0x1001000, 36, 0x1001120, 0x1002007, t, FALSE);
  ASSERT_STEP (w, 2, "PDPT", 0x1002000, 209, 0x1002688, 0x1003007, t, FALSE);
  ASSERT_STEP (w, 3, "PD", 0x1003000, 179, 0x1003598, 0x1004007, t, FALSE);
  ASSERT_STEP (w, 4, "PT", 0x1004000, 393, 0x1004c48, 0xfedcba007, t, TRUE);
  ASSERT_OK (w, 0xfedcbaabc, 4096);

  /* 1 GiB and 2 MiB pages */
  w64 (m, 0x1002688, 0xc0001087);
  w = rd (a, m, 0x1000, va, USR);
  g_assert_cmpuint (w->n_steps, ==, 3);
  ASSERT_OK (w, 0xd6789abc, GiB);
  w64 (m, 0x1002688, 0xc0002087);
  ASSERT_STOP (rd (a, m, 0x1000, va, USR), PW_FAULT_RESERVED_BIT, 2, PW_WHY_RESERVED);
  w64 (m, 0x1002688, 0x1003007);
  w64 (m, 0x1003598, 0xe01087);
  w = rd (a, m, 0x1000, va, USR);
  g_assert_cmpuint (w->n_steps, ==, 4);
  ASSERT_OK (w, 0xf89abc, 2 * MiB);
  w64 (m, 0x1003598, 0xe00087 | BIT (20));
  ASSERT_STOP (rd (a, m, 0x1000, va, USR), PW_FAULT_RESERVED_BIT, 3, PW_WHY_RESERVED);
  w64 (m, 0x1003598, 0x1004007);
  /* PS is reserved in a PML5E and a PML4E */
  w64 (m, 0x10007f8, 0x1001087);
  ASSERT_STOP (rd (a, m, 0x1000, va, USR), PW_FAULT_RESERVED_BIT, 0, PW_WHY_RESERVED);
  w64 (m, 0x10007f8, 0x1001007);
  w64 (m, 0x1001120, 0x1002087);
  ASSERT_STOP (rd (a, m, 0x1000, va, USR), PW_FAULT_RESERVED_BIT, 1, PW_WHY_RESERVED);
  w64 (m, 0x1001120, 0x1002007);
  /* U/S and XD at the PML5 level count */
  w64 (m, 0x10007f8, 0x1001003 | X_XD);
  ASSERT_PROT (rd (a, m, 0x1000, va, USR), 0, PW_WHY_USER, 5);
  ASSERT_PROT (walk (a, m, 0x1000, va, EX, SUP, 0), 0, PW_WHY_EXEC, 5);
  w64 (m, 0x10007f8, 0x1001007);
  /* A/D over five levels */
  walk (a, m, 0x1000, va, WR, USR, PW_WALK_SET_AD);
  g_assert_cmphex (r64 (m, 0x10007f8), ==, 0x1001027);
  g_assert_cmphex (r64 (m, 0x1001120), ==, 0x1002027);
  g_assert_cmphex (r64 (m, 0x1002688), ==, 0x1003027);
  g_assert_cmphex (r64 (m, 0x1003598), ==, 0x1004027);
  g_assert_cmphex (r64 (m, 0x1004c48), ==, 0xfedcba067);

  /* canonical at 57 bits */
  w = rd (a, m, 0x1000, 0x00ffffffffffffff, USR);
  ASSERT_STOP (w, PW_FAULT_NOT_PRESENT, 1, PW_WHY_NOT_PRESENT);
  g_assert_cmpuint (w->steps[0].index, ==, 255);
  g_assert_cmpuint (w->steps[1].index, ==, 511);
  ASSERT_EARLY (rd (a, m, 0x1000, 0x0100000000000000, USR), PW_FAULT_NON_CANONICAL,
                PW_WHY_NON_CANONICAL);
  ASSERT_EARLY (rd (a, m, 0x1000, 0xfeffffffffffffff, USR), PW_FAULT_NON_CANONICAL,
                PW_WHY_NON_CANONICAL);
  w = rd (a, m, 0x1000, 0xff00000000000000, USR);
  ASSERT_STOP (w, PW_FAULT_NOT_PRESENT, 0, PW_WHY_NOT_PRESENT);
  g_assert_cmpuint (w->steps[0].index, ==, 256);
  /* 4-level non-canonical addresses are fine with 57 bits */
  w = rd (a, m, 0x1000, 0x0000800000000000, USR);
  ASSERT_STOP (w, PW_FAULT_NOT_PRESENT, 0, PW_WHY_NOT_PRESENT);

  pw_physmem_free (m);
  pw_arch_free (a);
}

/* ---- RISC-V ------------------------------------------------------------------ */

/* A leaf that passed the format checks, refused afterwards. */
#define ASSERT_LEAF_FAULT(w, kind_, depth_, why_) G_STMT_START {              \
    ASSERT_FAULT (w, kind_, depth_, why_);                                    \
    g_assert_cmpuint ((w)->n_steps, ==, (guint) (depth_) + 1);                \
    g_assert_true ((w)->steps[(depth_)].leaf);                                \
  } G_STMT_END

static void
test_riscv_sv32 (void)
{
  PwArch *a = preset ("riscv-sv32");
  PwPhysMem *m = mem_for (a);
  PwWalk *w;

  /* satp.PPN = 0x80000; VA 0x00403abc: VPN[1] 1, VPN[0] 3 */
  w32 (m, 0x80000004, 0x20000401);           /* pointer, PPN 0x80001 */
  w32 (m, 0x8000100c, 0xfffffc17);           /* PPN 0x3fffff, V R W U */
  w = rd (a, m, 0x80000, 0x00403abc, USR);
  g_assert_cmpuint (w->n_fields, ==, 3);
  ASSERT_FIELD (w, 0, "VPN[1]", 31, 22, 1);
  ASSERT_FIELD (w, 1, "VPN[0]", 21, 12, 3);
  ASSERT_FIELD (w, 2, "offset", 11, 0, 0xabc);
  ASSERT_STEP (w, 0, "VPN[1]", 0x80000000, 1, 0x80000004, 0x20000401,
               PW_F_PRESENT | PW_F_TABLE, FALSE);
  ASSERT_STEP (w, 1, "VPN[0]", 0x80001000, 3, 0x8000100c, 0xfffffc17,
               PW_F_PRESENT | PW_F_READ | PW_F_WRITABLE | PW_F_USER, TRUE);
  /* a 34-bit physical address from a 32-bit entry */
  ASSERT_OK (w, 0x3fffffabc, 4096);

  /* 4 MiB superpage, aligned and misaligned */
  w32 (m, 0x80000008, 0x04b0000f);
  w = rd (a, m, 0x80000, 0x00812345, SUP);
  g_assert_cmpuint (w->n_steps, ==, 1);
  g_assert_cmphex (w->steps[0].flags, ==,
                   PW_F_PRESENT | PW_F_READ | PW_F_WRITABLE | PW_F_EXEC | PW_F_LARGE);
  ASSERT_OK (w, 0x12c12345, 4 * MiB);
  w32 (m, 0x8000000c, 0x04b0040f);
  ASSERT_LEAF_FAULT (rd (a, m, 0x80000, 0x00c12345, SUP), PW_FAULT_MISALIGNED, 0,
                     PW_WHY_MISALIGNED);
  /* step 5 (permissions) comes before step 6 (alignment) */
  ASSERT_LEAF_FAULT (rd (a, m, 0x80000, 0x00c12345, USR), PW_FAULT_PROTECTION, 0, PW_WHY_USER);

  /* no canonical form in Sv32: bits above 31 are out of range */
  ASSERT_EARLY (rd (a, m, 0x80000, 0x100000000, SUP), PW_FAULT_OUT_OF_RANGE, PW_WHY_OUT_OF_RANGE);
  ASSERT_EARLY (rd (a, m, 0x80000, 0xffffffff80000000, SUP), PW_FAULT_OUT_OF_RANGE,
                PW_WHY_OUT_OF_RANGE);
  ASSERT_STOP (rd (a, m, 0x80000, 0x00000abc, SUP), PW_FAULT_NOT_PRESENT, 0, PW_WHY_NOT_PRESENT);
  ASSERT_STOP (rd (a, m, 0x80000, 0x00404abc, SUP), PW_FAULT_NOT_PRESENT, 1, PW_WHY_NOT_PRESENT);

  /* A and D only in the leaf */
  walk (a, m, 0x80000, 0x00403abc, WR, USR, PW_WALK_SET_AD);
  g_assert_cmphex (pw_physmem_read (m, 0x80000004, 4, NULL), ==, 0x20000401);
  g_assert_cmphex (pw_physmem_read (m, 0x8000100c, 4, NULL), ==, 0xfffffcd7);

  pw_physmem_free (m);
  pw_arch_free (a);
}

/* Sv39, VA 0x0000003f12345abc: VPN[2] 252, VPN[1] 145, VPN[0] 325 */
#define SV39_VA   0x0000003f12345abcULL
#define SV39_LEAF 0x80002a28ULL

static void
sv39_tables (PwPhysMem *m)
{
  w64 (m, 0x800007e0, 0x20000401);
  w64 (m, 0x80001488, 0x20000801);
  w64 (m, SV39_LEAF, 0x003ffffffffffc17);
}

static void
test_riscv_sv39 (void)
{
  PwArch *a = preset ("riscv-sv39");
  PwPhysMem *m = mem_for (a);
  PwWalk *w;

  sv39_tables (m);
  w = rd (a, m, 0x80000, SV39_VA, USR);
  g_assert_cmpuint (w->n_fields, ==, 4);
  ASSERT_FIELD (w, 0, "VPN[2]", 38, 30, 252);
  ASSERT_FIELD (w, 1, "VPN[1]", 29, 21, 145);
  ASSERT_FIELD (w, 2, "VPN[0]", 20, 12, 325);
  ASSERT_FIELD (w, 3, "offset", 11, 0, 0xabc);
  ASSERT_STEP (w, 0, "VPN[2]", 0x80000000, 252, 0x800007e0, 0x20000401,
               PW_F_PRESENT | PW_F_TABLE, FALSE);
  ASSERT_STEP (w, 1, "VPN[1]", 0x80001000, 145, 0x80001488, 0x20000801,
               PW_F_PRESENT | PW_F_TABLE, FALSE);
  ASSERT_STEP (w, 2, "VPN[0]", 0x80002000, 325, SV39_LEAF, 0x003ffffffffffc17,
               PW_F_PRESENT | PW_F_READ | PW_F_WRITABLE | PW_F_USER, TRUE);
  /* the highest page of the 56-bit physical space */
  ASSERT_OK (w, 0xfffffffffffabc, 4096);

  /* not present at each depth */
  ASSERT_STOP (rd (a, m, 0x80000, 0, USR), PW_FAULT_NOT_PRESENT, 0, PW_WHY_NOT_PRESENT);
  ASSERT_STOP (rd (a, m, 0x80000, 0x3f12145abc, USR), PW_FAULT_NOT_PRESENT, 1, PW_WHY_NOT_PRESENT);
  ASSERT_STOP (rd (a, m, 0x80000, 0x3f12346abc, USR), PW_FAULT_NOT_PRESENT, 2, PW_WHY_NOT_PRESENT);
  w64 (m, 0x80002a50, 0xfffffffffffffffe);
  ASSERT_STOP (rd (a, m, 0x80000, 0x3f1234aabc, USR), PW_FAULT_NOT_PRESENT, 2, PW_WHY_NOT_PRESENT);
  /* a pointer at the last level */
  w64 (m, 0x80002a48, 0x48d001);
  ASSERT_STOP (rd (a, m, 0x80000, 0x3f12349abc, USR), PW_FAULT_NOT_PRESENT, 2,
               PW_WHY_LAST_LEVEL_POINTER);

  /* W without R is reserved, at a leaf and where it would be a pointer */
  w64 (m, 0x80002a38, 0x48d005);
  ASSERT_STOP (rd (a, m, 0x80000, 0x3f12347abc, SUP), PW_FAULT_RESERVED_BIT, 2, PW_WHY_W_WITHOUT_R);
  w64 (m, 0x80002a38, 0x48d00d);
  ASSERT_STOP (walk (a, m, 0x80000, 0x3f12347abc, EX, SUP, 0), PW_FAULT_RESERVED_BIT, 2,
               PW_WHY_W_WITHOUT_R);
  w64 (m, 0x800014a0, 0x20000c05);
  ASSERT_STOP (rd (a, m, 0x80000, 0x3f12945abc, SUP), PW_FAULT_RESERVED_BIT, 1, PW_WHY_W_WITHOUT_R);
  /* bits 63:54 are reserved; bit 53 is PPN[2] */
  for (guint b = 54; b <= 63; b++)
    {
      w64 (m, 0x80002a40, BIT (b) | 0x48d017);
      ASSERT_STOP (rd (a, m, 0x80000, 0x3f12348abc, USR), PW_FAULT_RESERVED_BIT, 2, PW_WHY_RESERVED);
      w64 (m, 0x800014b0, BIT (b) | 0x20000801);
      ASSERT_STOP (rd (a, m, 0x80000, 0x3f12d45abc, USR), PW_FAULT_RESERVED_BIT, 1, PW_WHY_RESERVED);
    }
  w64 (m, 0x80002a40, BIT (53) | 0x48d017);
  ASSERT_OK (rd (a, m, 0x80000, 0x3f12348abc, USR), BIT (55) | 0x1234abc, 4096);
  /* D, A and U are reserved in a pointer; G is not (VPN[1] 149) */
  w64 (m, 0x800014a8, 0x20000801 | V_U);
  ASSERT_STOP (rd (a, m, 0x80000, 0x3f12b45abc, USR), PW_FAULT_RESERVED_BIT, 1, PW_WHY_RESERVED);
  w64 (m, 0x800014a8, 0x20000801 | V_A);
  ASSERT_STOP (rd (a, m, 0x80000, 0x3f12b45abc, USR), PW_FAULT_RESERVED_BIT, 1, PW_WHY_RESERVED);
  w64 (m, 0x800014a8, 0x20000801 | V_D);
  ASSERT_STOP (rd (a, m, 0x80000, 0x3f12b45abc, USR), PW_FAULT_RESERVED_BIT, 1, PW_WHY_RESERVED);
  w64 (m, 0x800014a8, 0x20000801 | V_G);
  w = rd (a, m, 0x80000, 0x3f12b45abc, USR);
  ASSERT_OK (w, 0xfffffffffffabc, 4096);
  g_assert_cmphex (w->steps[1].flags, ==, PW_F_PRESENT | PW_F_TABLE | PW_F_GLOBAL);
  g_assert_cmphex (w->steps[2].entry_pa, ==, SV39_LEAF);

  /* canonical at 39 bits */
  ASSERT_STOP (rd (a, m, 0x80000, 0x0000003fffffffff, SUP), PW_FAULT_NOT_PRESENT, 0,
               PW_WHY_NOT_PRESENT);
  ASSERT_EARLY (rd (a, m, 0x80000, 0x0000004000000000, SUP), PW_FAULT_NON_CANONICAL,
                PW_WHY_NON_CANONICAL);
  w = rd (a, m, 0x80000, 0xffffffc000000000, SUP);
  ASSERT_STOP (w, PW_FAULT_NOT_PRESENT, 0, PW_WHY_NOT_PRESENT);
  g_assert_cmpuint (w->steps[0].index, ==, 256);
  ASSERT_EARLY (rd (a, m, 0x80000, 0xffffffbfffffffff, SUP), PW_FAULT_NON_CANONICAL,
                PW_WHY_NON_CANONICAL);
  ASSERT_EARLY (rd (a, m, 0x80000, 0x0000800000000000, SUP), PW_FAULT_NON_CANONICAL,
                PW_WHY_NON_CANONICAL);

  pw_physmem_free (m);
  pw_arch_free (a);
}

static void
test_riscv_sv39_large (void)
{
  PwArch *a = preset ("riscv-sv39");
  PwPhysMem *m = mem_for (a);
  PwWalk *w;

  sv39_tables (m);
  /* 2 MiB: VPN[1] 146 */
  w64 (m, 0x80001490, 0x1008000b);
  w = rd (a, m, 0x80000, 0x3f12545abc, SUP);
  g_assert_cmpuint (w->n_steps, ==, 2);
  ASSERT_STEP (w, 1, "VPN[1]", 0x80001000, 146, 0x80001490, 0x1008000b,
               PW_F_PRESENT | PW_F_READ | PW_F_EXEC | PW_F_LARGE, TRUE);
  ASSERT_OK (w, 0x40345abc, 2 * MiB);
  /* 1 GiB: VPN[2] 253 */
  w64 (m, 0x800007e8, 0x1000001f);
  w = rd (a, m, 0x80000, 0x3f52345abc, USR);
  g_assert_cmpuint (w->n_steps, ==, 1);
  ASSERT_OK (w, 0x52345abc, GiB);
  pw_physmem_free (m);
  pw_arch_free (a);
}

static void
test_riscv_misaligned (void)
{
  PwArch *a = preset ("riscv-sv39");
  PwPhysMem *m = mem_for (a);

  sv39_tables (m);
  /* 2 MiB superpage with PPN[0] = 1 */
  w64 (m, 0x80001498, 0x1008040b);
  ASSERT_LEAF_FAULT (rd (a, m, 0x80000, 0x3f12745abc, SUP), PW_FAULT_MISALIGNED, 1,
                     PW_WHY_MISALIGNED);
  ASSERT_LEAF_FAULT (walk (a, m, 0x80000, 0x3f12745abc, EX, SUP, 0), PW_FAULT_MISALIGNED, 1,
                     PW_WHY_MISALIGNED);
  /* the permission check comes first (step 5 before step 6) */
  ASSERT_LEAF_FAULT (rd (a, m, 0x80000, 0x3f12745abc, USR), PW_FAULT_PROTECTION, 1, PW_WHY_USER);
  ASSERT_LEAF_FAULT (walk (a, m, 0x80000, 0x3f12745abc, WR, SUP, 0), PW_FAULT_PROTECTION, 1,
                     PW_WHY_WRITE);
  /* 1 GiB superpage aligned to 2 MiB only: PPN[1] = 1 */
  w64 (m, 0x800007f0, 0x1008001f);
  ASSERT_LEAF_FAULT (rd (a, m, 0x80000, 0x3f92345abc, USR), PW_FAULT_MISALIGNED, 0,
                     PW_WHY_MISALIGNED);
  ASSERT_LEAF_FAULT (rd (a, m, 0x80000, 0x3f92345abc, SUP), PW_FAULT_PROTECTION, 0,
                     PW_WHY_SUPERVISOR_USER);
  /* and nothing is set on a misaligned superpage */
  walk (a, m, 0x80000, 0x3f92345abc, WR, USR, PW_WALK_SET_AD);
  g_assert_cmphex (r64 (m, 0x800007f0), ==, 0x1008001f);
  /* a 4 KiB leaf has no alignment to check */
  w64 (m, SV39_LEAF, 0x0000000000000417);
  ASSERT_OK (rd (a, m, 0x80000, SV39_VA, USR), 0x1abc, 4096);
  pw_physmem_free (m);
  pw_arch_free (a);
}

static void
test_riscv_protection (void)
{
  static const struct
  {
    guint64 bits;
    PwAccess acc;
    PwMode mode;
    PwFaultWhy why;  /* PW_WHY_NONE: allowed */
  } t[] = {
    { V_V | V_R | V_W | V_U, RD, USR, PW_WHY_NONE },
    { V_V | V_R | V_W | V_U, WR, USR, PW_WHY_NONE },
    { V_V | V_R | V_W | V_U, EX, USR, PW_WHY_EXEC },
    /* SUM = 0: supervisor mode touches no U page; it never executes one */
    { V_V | V_R | V_W | V_U, RD, SUP, PW_WHY_SUPERVISOR_USER },
    { V_V | V_R | V_W | V_U, WR, SUP, PW_WHY_SUPERVISOR_USER },
    { V_V | V_R | V_X | V_U, EX, SUP, PW_WHY_SUPERVISOR_USER },
    { V_V | V_R | V_W, RD, USR, PW_WHY_USER },
    { V_V | V_R | V_W, RD, SUP, PW_WHY_NONE },
    { V_V | V_R | V_W, WR, SUP, PW_WHY_NONE },
    { V_V | V_R | V_W, EX, SUP, PW_WHY_EXEC },
    /* MXR = 0: execute-only is not readable */
    { V_V | V_X, RD, SUP, PW_WHY_READ },
    { V_V | V_X, EX, SUP, PW_WHY_NONE },
    { V_V | V_X, WR, SUP, PW_WHY_WRITE },
    { V_V | V_X | V_U, RD, USR, PW_WHY_READ },
    { V_V | V_R, WR, SUP, PW_WHY_WRITE },
    { V_V | V_R, RD, SUP, PW_WHY_NONE },
    { V_V | V_R | V_X | V_U, EX, USR, PW_WHY_NONE },
    { V_V | V_R | V_X | V_U, RD, USR, PW_WHY_NONE },
    { V_V | V_R | V_X | V_U, WR, USR, PW_WHY_WRITE },
    { V_V | V_R | V_W | V_X | V_U | V_G | V_A | V_D, EX, USR, PW_WHY_NONE },
  };
  PwArch *a = preset ("riscv-sv39");
  PwPhysMem *m = mem_for (a);

  sv39_tables (m);
  for (guint i = 0; i < G_N_ELEMENTS (t); i++)
    {
      PwWalk *w;

      g_test_message ("case %u", i);
      w64 (m, SV39_LEAF, (G_GUINT64_CONSTANT (0x1234) << 10) | t[i].bits);
      w = walk (a, m, 0x80000, SV39_VA, t[i].acc, t[i].mode, 0);
      if (t[i].why == PW_WHY_NONE)
        ASSERT_OK (w, 0x1234abc, 4096);
      else
        ASSERT_LEAF_FAULT (w, PW_FAULT_PROTECTION, 2, t[i].why);
    }
  pw_physmem_free (m);
  pw_arch_free (a);
}

static void
test_riscv_ad (void)
{
  PwArch *a = preset ("riscv-sv39");
  PwPhysMem *m = mem_for (a);

  sv39_tables (m);
  w64 (m, SV39_LEAF, 0x48d017);
  walk (a, m, 0x80000, SV39_VA, WR, USR, PW_WALK_READ_ONLY);
  g_assert_cmphex (r64 (m, SV39_LEAF), ==, 0x48d017);
  walk (a, m, 0x80000, SV39_VA, RD, USR, PW_WALK_SET_AD);
  g_assert_cmphex (r64 (m, 0x800007e0), ==, 0x20000401);
  g_assert_cmphex (r64 (m, 0x80001488), ==, 0x20000801);
  g_assert_cmphex (r64 (m, SV39_LEAF), ==, 0x48d057);
  walk (a, m, 0x80000, SV39_VA, WR, USR, PW_WALK_SET_AD);
  g_assert_cmphex (r64 (m, 0x800007e0), ==, 0x20000401);
  g_assert_cmphex (r64 (m, 0x80001488), ==, 0x20000801);
  g_assert_cmphex (r64 (m, SV39_LEAF), ==, 0x48d0d7);
  /* the pointers still walk: A was not set where it is reserved */
  ASSERT_OK (rd (a, m, 0x80000, SV39_VA, USR), 0x1234abc, 4096);
  /* and a superpage leaf gets them */
  w64 (m, 0x80001490, 0x1008000f);
  walk (a, m, 0x80000, 0x3f12545abc, WR, SUP, PW_WALK_SET_AD);
  g_assert_cmphex (r64 (m, 0x80001490), ==, 0x100800cf);
  pw_physmem_free (m);
  pw_arch_free (a);
}

static void
test_riscv_sv48 (void)
{
  PwArch *a = preset ("riscv-sv48");
  PwPhysMem *m = mem_for (a);
  const guint64 va = 0x0000512345678abc;  /* 162, 141, 43, 120, 0xabc */
  PwWalk *w;

  w64 (m, 0x80000510, 0x20000401);
  w64 (m, 0x80001468, 0x20000801);
  w64 (m, 0x80002158, 0x20000c01);
  w64 (m, 0x800033c0, 0x1555417);
  w = rd (a, m, 0x80000, va, USR);
  g_assert_cmpuint (w->n_fields, ==, 5);
  ASSERT_FIELD (w, 0, "VPN[3]", 47, 39, 162);
  ASSERT_FIELD (w, 1, "VPN[2]", 38, 30, 141);
  ASSERT_FIELD (w, 2, "VPN[1]", 29, 21, 43);
  ASSERT_FIELD (w, 3, "VPN[0]", 20, 12, 120);
  ASSERT_FIELD (w, 4, "offset", 11, 0, 0xabc);
  ASSERT_STEP (w, 0, "VPN[3]", 0x80000000, 162, 0x80000510, 0x20000401,
               PW_F_PRESENT | PW_F_TABLE, FALSE);
  ASSERT_STEP (w, 3, "VPN[0]", 0x80003000, 120, 0x800033c0, 0x1555417,
               PW_F_PRESENT | PW_F_READ | PW_F_WRITABLE | PW_F_USER, TRUE);
  ASSERT_OK (w, 0x5555abc, 4096);

  /* 512 GiB: PPN aligned to 2^27 pages */
  w64 (m, 0x80000510, 0x200000000f);
  w = rd (a, m, 0x80000, va, SUP);
  g_assert_cmpuint (w->n_steps, ==, 1);
  ASSERT_OK (w, 0xa345678abc, 512 * GiB);
  w64 (m, 0x80000510, 0x201000000f);
  ASSERT_LEAF_FAULT (rd (a, m, 0x80000, va, SUP), PW_FAULT_MISALIGNED, 0, PW_WHY_MISALIGNED);
  w64 (m, 0x80000510, 0x20000401);
  /* 1 GiB and 2 MiB */
  w64 (m, 0x80001468, 0x1000000f);
  w = rd (a, m, 0x80000, va, SUP);
  g_assert_cmpuint (w->n_steps, ==, 2);
  ASSERT_OK (w, 0x45678abc, GiB);
  w64 (m, 0x80001468, 0x20000801);
  w64 (m, 0x80002158, 0x10000f);
  w = rd (a, m, 0x80000, va, SUP);
  g_assert_cmpuint (w->n_steps, ==, 3);
  ASSERT_OK (w, 0x478abc, 2 * MiB);
  w64 (m, 0x80002158, 0x10040f);
  ASSERT_LEAF_FAULT (rd (a, m, 0x80000, va, SUP), PW_FAULT_MISALIGNED, 2, PW_WHY_MISALIGNED);

  /* canonical at 48 bits */
  ASSERT_STOP (rd (a, m, 0x80000, 0x00007fffffffffff, SUP), PW_FAULT_NOT_PRESENT, 0,
               PW_WHY_NOT_PRESENT);
  ASSERT_EARLY (rd (a, m, 0x80000, 0x0000800000000000, SUP), PW_FAULT_NON_CANONICAL,
                PW_WHY_NON_CANONICAL);
  ASSERT_STOP (rd (a, m, 0x80000, 0xffff800000000000, SUP), PW_FAULT_NOT_PRESENT, 0,
               PW_WHY_NOT_PRESENT);
  ASSERT_EARLY (rd (a, m, 0x80000, 0xffff7fffffffffff, SUP), PW_FAULT_NON_CANONICAL,
                PW_WHY_NON_CANONICAL);
  pw_physmem_free (m);
  pw_arch_free (a);
}

/* ---- AArch64 ----------------------------------------------------------------- */

#define ARM_L0 0x400007f0ULL
#define ARM_L1 0x40001240ULL
#define ARM_L2 0x40002d10ULL
#define ARM_L3 0x40003b38ULL
#define ARM_OA 0x7654321000ULL

static void
arm_tables (PwPhysMem *m)
{
  w64 (m, ARM_L0, 0x40001003);
  w64 (m, ARM_L1, 0x40002003);
  w64 (m, ARM_L2, 0x40003003);
  w64 (m, ARM_L3, 0x0020007654321443);
}

static void
test_aarch64_4k (void)
{
  PwArch *a = preset ("aarch64-4k");
  PwPhysMem *m = mem_for (a);
  const PwFlags t = PW_F_PRESENT | PW_F_TABLE;
  PwWalk *w;

  arm_tables (m);
  w = rd (a, m, 0x40000, X64_VA, USR);
  g_assert_cmpuint (w->n_fields, ==, 5);
  ASSERT_FIELD (w, 0, "L0", 47, 39, 254);
  ASSERT_FIELD (w, 1, "L1", 38, 30, 72);
  ASSERT_FIELD (w, 2, "L2", 29, 21, 418);
  ASSERT_FIELD (w, 3, "L3", 20, 12, 359);
  ASSERT_FIELD (w, 4, "offset", 11, 0, 0xabc);
  ASSERT_STEP (w, 0, "L0", 0x40000000, 254, ARM_L0, 0x40001003, t, FALSE);
  ASSERT_STEP (w, 1, "L1", 0x40001000, 72, ARM_L1, 0x40002003, t, FALSE);
  ASSERT_STEP (w, 2, "L2", 0x40002000, 418, ARM_L2, 0x40003003, t, FALSE);
  ASSERT_STEP (w, 3, "L3", 0x40003000, 359, ARM_L3, 0x0020007654321443,
               PW_F_PRESENT | PW_F_USER | PW_F_ACCESSED | PW_F_PXN, TRUE);
  ASSERT_OK (w, 0x7654321abc, 4096);
  ASSERT_OK (walk (a, m, 0x40000, X64_VA, WR, USR, 0), 0x7654321abc, 4096);
  ASSERT_OK (walk (a, m, 0x40000, X64_VA, EX, USR, 0), 0x7654321abc, 4096);
  ASSERT_LEAF_FAULT (walk (a, m, 0x40000, X64_VA, EX, SUP, 0), PW_FAULT_PROTECTION, 3,
                     PW_WHY_EXEC);

  /* not present at each depth, garbage ignored */
  ASSERT_STOP (rd (a, m, 0x40000, 0x1000, USR), PW_FAULT_NOT_PRESENT, 0, PW_WHY_NOT_PRESENT);
  ASSERT_STOP (rd (a, m, 0x40000, 0x00007f12b4567abc, USR), PW_FAULT_NOT_PRESENT, 1,
               PW_WHY_NOT_PRESENT);
  ASSERT_STOP (rd (a, m, 0x40000, 0x00007f1234967abc, USR), PW_FAULT_NOT_PRESENT, 2,
               PW_WHY_NOT_PRESENT);
  ASSERT_STOP (rd (a, m, 0x40000, 0x00007f1234569abc, USR), PW_FAULT_NOT_PRESENT, 3,
               PW_WHY_NOT_PRESENT);
  w64 (m, 0x40003b48, 0xfffffffffffffffe);
  ASSERT_STOP (rd (a, m, 0x40000, 0x00007f1234569abc, USR), PW_FAULT_NOT_PRESENT, 3,
               PW_WHY_NOT_PRESENT);
  /* bits[1:0] = 01 at level 3 is reserved: a translation fault */
  w64 (m, 0x40003b40, ARM_OA | 0x441);
  ASSERT_STOP (rd (a, m, 0x40000, 0x00007f1234568abc, USR), PW_FAULT_NOT_PRESENT, 3,
               PW_WHY_LARGE_NOT_ALLOWED);
  /* no block at level 0 with the 4 KiB granule */
  w64 (m, 0x400007e8, 0x441);
  ASSERT_STOP (rd (a, m, 0x40000, 0x00007e8000000000, USR), PW_FAULT_NOT_PRESENT, 0,
               PW_WHY_LARGE_NOT_ALLOWED);

  /* TTBR1 is not modelled: bits 63:48 must be zero */
  ASSERT_STOP (rd (a, m, 0x40000, 0x0000ffffffffffff, USR), PW_FAULT_NOT_PRESENT, 0,
               PW_WHY_NOT_PRESENT);
  ASSERT_EARLY (rd (a, m, 0x40000, 0x0001000000000000, USR), PW_FAULT_OUT_OF_RANGE,
                PW_WHY_OUT_OF_RANGE);
  ASSERT_EARLY (rd (a, m, 0x40000, 0xffff000000000000, USR), PW_FAULT_OUT_OF_RANGE,
                PW_WHY_OUT_OF_RANGE);
  ASSERT_EARLY (rd (a, m, 0x40000, 0xffffffffffffffff, SUP), PW_FAULT_OUT_OF_RANGE,
                PW_WHY_OUT_OF_RANGE);
  pw_physmem_free (m);
  pw_arch_free (a);
}

static void
test_aarch64_blocks (void)
{
  PwArch *a = preset ("aarch64-4k");
  PwPhysMem *m = mem_for (a);
  PwWalk *w;

  arm_tables (m);
  /* level 1 block, 1 GiB */
  w64 (m, 0x40001248, 0x80000441);
  w = rd (a, m, 0x40000, 0x00007f1274567abc, USR);
  g_assert_cmpuint (w->n_steps, ==, 2);
  ASSERT_STEP (w, 1, "L1", 0x40001000, 73, 0x40001248, 0x80000441,
               PW_F_PRESENT | PW_F_LARGE | PW_F_USER | PW_F_ACCESSED, TRUE);
  ASSERT_OK (w, 0xb4567abc, GiB);
  /* level 2 block, 2 MiB */
  w64 (m, 0x40002d18, 0x40200441);
  w = rd (a, m, 0x40000, 0x00007f1234767abc, USR);
  g_assert_cmpuint (w->n_steps, ==, 3);
  ASSERT_OK (w, 0x40367abc, 2 * MiB);
  /* the highest 2 MiB block of the 48-bit space */
  w64 (m, 0x40002d18, 0x0000ffffffe00441);
  ASSERT_OK (rd (a, m, 0x40000, 0x00007f1234767abc, USR), 0xffffffe00000 | 0x167abc, 2 * MiB);
  pw_physmem_free (m);
  pw_arch_free (a);
}

static PwWalk *
arm_leaf (const PwArch *a,
          PwPhysMem    *m,
          guint64       bits,
          PwAccess      acc,
          PwMode        mode)
{
  w64 (m, ARM_L3, ARM_OA | A_VALID | A_TABLE | A_AF | bits);
  return walk (a, m, 0x40000, X64_VA, acc, mode, 0);
}

static void
test_aarch64_ap (void)
{
  static const struct
  {
    guint64 bits;
    PwAccess acc;
    PwMode mode;
    PwFaultWhy why;
  } t[] = {
    /* AP[2:1] = 00: EL1 read/write, no EL0 */
    { 0, RD, USR, PW_WHY_USER },
    { 0, WR, USR, PW_WHY_USER },
    { 0, RD, SUP, PW_WHY_NONE },
    { 0, WR, SUP, PW_WHY_NONE },
    { 0, EX, SUP, PW_WHY_NONE },
    /* 01: read/write at both; EL1 cannot execute EL0-writable memory */
    { A_AP1, RD, USR, PW_WHY_NONE },
    { A_AP1, WR, USR, PW_WHY_NONE },
    { A_AP1, EX, USR, PW_WHY_NONE },
    { A_AP1, WR, SUP, PW_WHY_NONE },
    { A_AP1, EX, SUP, PW_WHY_EXEC },
    /* 00 and 10 give EL0 no data access, but execution is UXN's alone:
     * execute-only memory (AArch64.S1DirectBasePermissions: ux = !UXN) */
    { 0, RD, USR, PW_WHY_USER },
    { 0, EX, USR, PW_WHY_NONE },
    { A_AP2, EX, USR, PW_WHY_NONE },
    { A_UXN, EX, USR, PW_WHY_EXEC },
    /* 10: EL1 read-only, no EL0 */
    { A_AP2, RD, USR, PW_WHY_USER },
    { A_AP2, RD, SUP, PW_WHY_NONE },
    { A_AP2, WR, SUP, PW_WHY_WRITE },
    { A_AP2, EX, SUP, PW_WHY_NONE },
    /* 11: read-only at both */
    { A_AP2 | A_AP1, RD, USR, PW_WHY_NONE },
    { A_AP2 | A_AP1, WR, USR, PW_WHY_WRITE },
    { A_AP2 | A_AP1, WR, SUP, PW_WHY_WRITE },
    { A_AP2 | A_AP1, EX, SUP, PW_WHY_NONE },
    { A_AP2 | A_AP1, EX, USR, PW_WHY_NONE },
    /* UXN and PXN */
    { A_AP2 | A_AP1 | A_UXN, EX, USR, PW_WHY_EXEC },
    { A_AP2 | A_AP1 | A_UXN, EX, SUP, PW_WHY_NONE },
    { A_AP2 | A_AP1 | A_UXN, RD, USR, PW_WHY_NONE },
    { A_AP2 | A_AP1 | A_PXN, EX, SUP, PW_WHY_EXEC },
    { A_AP2 | A_AP1 | A_PXN, EX, USR, PW_WHY_NONE },
    { A_PXN, EX, SUP, PW_WHY_EXEC },
    { A_UXN, EX, SUP, PW_WHY_NONE },
    /* DBM without hardware dirty state changes nothing */
    { A_AP2 | A_AP1 | A_DBM, WR, USR, PW_WHY_WRITE },
  };
  PwArch *a = preset ("aarch64-4k");
  PwPhysMem *m = mem_for (a);

  g_assert_false (a->hw_dirty);
  arm_tables (m);
  for (guint i = 0; i < G_N_ELEMENTS (t); i++)
    {
      PwWalk *w;

      g_test_message ("case %u", i);
      w = arm_leaf (a, m, t[i].bits, t[i].acc, t[i].mode);
      if (t[i].why == PW_WHY_NONE)
        ASSERT_OK (w, 0x7654321abc, 4096);
      else
        ASSERT_LEAF_FAULT (w, PW_FAULT_PROTECTION, 3, t[i].why);
    }
  pw_physmem_free (m);
  pw_arch_free (a);
}

static void
test_aarch64_aptable (void)
{
  PwArch *a = preset ("aarch64-4k");
  PwPhysMem *m = mem_for (a);
  PwWalk *w;

  arm_tables (m);
  /* APTable[0] at L1: no EL0 access below */
  w64 (m, ARM_L1, 0x40002003 | A_APT0);
  w = arm_leaf (a, m, A_AP2 | A_AP1, RD, USR);
  ASSERT_PROT (w, 1, PW_WHY_USER, 4);
  g_assert_cmphex (w->steps[1].flags, ==, PW_F_PRESENT | PW_F_TABLE | PW_F_AP_NO_EL0);
  ASSERT_OK (arm_leaf (a, m, A_AP2 | A_AP1, RD, SUP), 0x7654321abc, 4096);
  /* the page is then not EL0-writable, so EL1 may execute it */
  ASSERT_OK (arm_leaf (a, m, A_AP1, EX, SUP), 0x7654321abc, 4096);
  ASSERT_PROT (arm_leaf (a, m, A_AP1, WR, USR), 1, PW_WHY_USER, 4);
  /* APTable limits data access only: EL0 still executes what UXN allows */
  ASSERT_OK (arm_leaf (a, m, A_AP2 | A_AP1, EX, USR), 0x7654321abc, 4096);
  w64 (m, ARM_L1, 0x40002003);
  /* bits 50:48 are not output address with the 4 KiB granule (RES0, or GP in
   * a page with FEAT_BTI): no address size fault */
  ASSERT_OK (arm_leaf (a, m, A_AP2 | A_AP1 | BIT (50), RD, USR), 0x7654321abc, 4096);
  ASSERT_OK (arm_leaf (a, m, A_AP2 | A_AP1 | BIT (48), RD, USR), 0x7654321abc, 4096);

  /* APTable[1] at L0: no writes at any EL */
  w64 (m, ARM_L0, 0x40001003 | A_APT1);
  ASSERT_PROT (arm_leaf (a, m, A_AP1, WR, USR), 0, PW_WHY_WRITE, 4);
  ASSERT_PROT (arm_leaf (a, m, A_AP1, WR, SUP), 0, PW_WHY_WRITE, 4);
  ASSERT_OK (arm_leaf (a, m, A_AP1, RD, USR), 0x7654321abc, 4096);
  ASSERT_OK (arm_leaf (a, m, A_AP1, EX, SUP), 0x7654321abc, 4096);
  /* the first level that denies: L0 (write) before L3 (no EL0) */
  ASSERT_PROT (arm_leaf (a, m, 0, WR, USR), 0, PW_WHY_WRITE, 4);
  ASSERT_LEAF_FAULT (arm_leaf (a, m, 0, RD, USR), PW_FAULT_PROTECTION, 3, PW_WHY_USER);
  w64 (m, ARM_L0, 0x40001003);

  /* UXNTable at L2 */
  w64 (m, ARM_L2, 0x40003003 | A_UXNT);
  ASSERT_PROT (arm_leaf (a, m, A_AP2 | A_AP1, EX, USR), 2, PW_WHY_EXEC, 4);
  ASSERT_OK (arm_leaf (a, m, A_AP2 | A_AP1, EX, SUP), 0x7654321abc, 4096);
  ASSERT_OK (arm_leaf (a, m, A_AP2 | A_AP1, RD, USR), 0x7654321abc, 4096);
  w64 (m, ARM_L2, 0x40003003);

  /* PXNTable at L0 */
  w64 (m, ARM_L0, 0x40001003 | A_PXNT);
  ASSERT_PROT (arm_leaf (a, m, A_AP2 | A_AP1, EX, SUP), 0, PW_WHY_EXEC, 4);
  ASSERT_OK (arm_leaf (a, m, A_AP2 | A_AP1, EX, USR), 0x7654321abc, 4096);
  w64 (m, ARM_L0, 0x40001003);

  /* the hierarchical bits mean nothing in a block descriptor */
  w64 (m, 0x40001248, 0x800004c1 | A_APT0 | A_APT1);
  ASSERT_OK (rd (a, m, 0x40000, 0x00007f1274567abc, USR), 0xb4567abc, GiB);
  pw_physmem_free (m);
  pw_arch_free (a);
}

static void
test_aarch64_af_dbm (void)
{
  PwArch *a = preset ("aarch64-4k");
  PwPhysMem *m = mem_for (a);

  arm_tables (m);
  /* AF = 0: TCR_EL1.HA = 1 sets it, in the leaf only */
  w64 (m, ARM_L3, ARM_OA | 0x43);
  walk (a, m, 0x40000, X64_VA, WR, USR, PW_WALK_READ_ONLY);
  g_assert_cmphex (r64 (m, ARM_L3), ==, ARM_OA | 0x43);
  walk (a, m, 0x40000, X64_VA, RD, USR, PW_WALK_SET_AD);
  g_assert_cmphex (r64 (m, ARM_L0), ==, 0x40001003);
  g_assert_cmphex (r64 (m, ARM_L1), ==, 0x40002003);
  g_assert_cmphex (r64 (m, ARM_L2), ==, 0x40003003);
  g_assert_cmphex (r64 (m, ARM_L3), ==, ARM_OA | 0x443);
  /* without hardware dirty state a write leaves AP alone */
  walk (a, m, 0x40000, X64_VA, WR, USR, PW_WALK_SET_AD);
  g_assert_cmphex (r64 (m, ARM_L3), ==, ARM_OA | 0x443);
  /* writable-clean (DBM = 1, AP[2] = 1) faults without TCR_EL1.HD */
  w64 (m, ARM_L3, A_DBM | ARM_OA | 0xc3);
  ASSERT_LEAF_FAULT (walk (a, m, 0x40000, X64_VA, WR, USR, PW_WALK_SET_AD), PW_FAULT_PROTECTION,
                     3, PW_WHY_WRITE);
  g_assert_cmphex (r64 (m, ARM_L3), ==, A_DBM | ARM_OA | 0xc3);

  a->hw_dirty = TRUE;
  /* a read sets AF and keeps the page clean */
  walk (a, m, 0x40000, X64_VA, RD, USR, PW_WALK_SET_AD);
  g_assert_cmphex (r64 (m, ARM_L3), ==, A_DBM | ARM_OA | 0x4c3);
  g_assert_false (pw_arch_entry_dirty (a, r64 (m, ARM_L3)));
  /* a write clears AP[2]: dirty */
  ASSERT_OK (walk (a, m, 0x40000, X64_VA, WR, USR, PW_WALK_SET_AD), 0x7654321abc, 4096);
  g_assert_cmphex (r64 (m, ARM_L3), ==, A_DBM | ARM_OA | 0x443);
  g_assert_true (pw_arch_entry_dirty (a, r64 (m, ARM_L3)));
  /* but not with PW_WALK_READ_ONLY */
  w64 (m, ARM_L3, A_DBM | ARM_OA | 0xc3);
  ASSERT_OK (walk (a, m, 0x40000, X64_VA, WR, USR, PW_WALK_READ_ONLY), 0x7654321abc, 4096);
  g_assert_cmphex (r64 (m, ARM_L3), ==, A_DBM | ARM_OA | 0xc3);
  /* EL1 writable-clean page */
  w64 (m, ARM_L3, A_DBM | ARM_OA | 0x83);
  ASSERT_OK (walk (a, m, 0x40000, X64_VA, WR, SUP, PW_WALK_SET_AD), 0x7654321abc, 4096);
  g_assert_cmphex (r64 (m, ARM_L3), ==, A_DBM | ARM_OA | 0x403);
  /* no DBM: a read-only page stays read-only */
  w64 (m, ARM_L3, ARM_OA | 0xc3);
  ASSERT_LEAF_FAULT (walk (a, m, 0x40000, X64_VA, WR, USR, PW_WALK_SET_AD), PW_FAULT_PROTECTION,
                     3, PW_WHY_WRITE);
  /* APTable[1] still forbids the write */
  w64 (m, ARM_L3, A_DBM | ARM_OA | 0xc3);
  w64 (m, ARM_L1, 0x40002003 | A_APT1);
  ASSERT_PROT (walk (a, m, 0x40000, X64_VA, WR, USR, PW_WALK_SET_AD), 1, PW_WHY_WRITE, 4);
  g_assert_cmphex (r64 (m, ARM_L3), ==, A_DBM | ARM_OA | 0xc3);
  pw_physmem_free (m);
  pw_arch_free (a);
}

static void
test_aarch64_address_size (void)
{
  /* With a 40-bit PA size, output address bits 47:40 give an Address size fault. */
  PwArch *a = preset ("aarch64-4k");
  PwPhysMem *m;

  a->pa_bits = 40;
  m = mem_for (a);
  arm_tables (m);
  ASSERT_OK (rd (a, m, 0x40000, X64_VA, USR), 0x7654321abc, 4096);
  w64 (m, ARM_L3, BIT (40) | ARM_OA | 0x443);
  ASSERT_STOP (rd (a, m, 0x40000, X64_VA, USR), PW_FAULT_RESERVED_BIT, 3, PW_WHY_PA_TOO_WIDE);
  w64 (m, ARM_L0, BIT (44) | 0x40001003);
  ASSERT_STOP (rd (a, m, 0x40000, X64_VA, USR), PW_FAULT_RESERVED_BIT, 0, PW_WHY_PA_TOO_WIDE);
  pw_physmem_free (m);
  pw_arch_free (a);
}

/* ---- OSTEP multilevel: the simulator's own answers --------------------------- */

static char **
read_lines (const char *name)
{
  char *path = g_test_build_filename (G_TEST_DIST, "data", "mmu", "ostep", name, NULL);
  char *text = NULL;
  GError *error = NULL;
  char **lines;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  g_free (text);
  g_free (path);
  return lines;
}

static void
test_ostep_multilevel_file (gconstpointer data)
{
  const char *name = data;
  PwArch *a = preset ("ostep-multilevel");
  PwPhysMem *m = mem_for (a);
  char **lines = read_lines (name);
  guint pdbr = G_MAXUINT, n_checked = 0, n_faults = 0, n_pages = 0;
  guint va = 0, pde_idx = 0, pde = 0, pte_idx = 0, pte = 0;
  gboolean have_pte = FALSE;

  for (guint i = 0; lines[i]; i++)
    {
      const char *l = lines[i];
      const char *p;
      guint page, pa, value;
      char hex[65];

      if (sscanf (l, "page %u:%64s", &page, hex) == 2)
        {
          g_assert_cmpuint (strlen (hex), ==, 64);
          for (guint b = 0; b < 32; b++)
            {
              char byte[3] = { hex[2 * b], hex[2 * b + 1], 0 };
              pw_physmem_write (m, ((guint64) page << 5) + b, 1, g_ascii_strtoull (byte, NULL, 16));
            }
          n_pages++;
        }
      else if (sscanf (l, "PDBR: %u", &pdbr) == 1)
        ;
      else if (sscanf (l, "Virtual Address 0x%x:", &va) == 1)
        have_pte = FALSE;
      else if ((p = strstr (l, "--> pde index:")) != NULL)
        g_assert_cmpint (sscanf (p, "--> pde index:0x%x [decimal %*u] pde contents:0x%x",
                                 &pde_idx, &pde), ==, 2);
      else if ((p = strstr (l, "--> pte index:")) != NULL)
        {
          g_assert_cmpint (sscanf (p, "--> pte index:0x%x [decimal %*u] pte contents:0x%x",
                                   &pte_idx, &pte), ==, 2);
          have_pte = TRUE;
        }
      else if (strstr (l, "--> Translates to") || strstr (l, "--> Fault"))
        {
          PwWalk *w = rd (a, m, pdbr, va, USR);

          g_test_message ("%s: VA 0x%04x", name, va);
          g_assert_cmpuint (w->n_fields, ==, 3);
          ASSERT_FIELD (w, 0, "PD", 14, 10, pde_idx);
          ASSERT_FIELD (w, 1, "PT", 9, 5, (va >> 5) & 0x1f);
          ASSERT_FIELD (w, 2, "offset", 4, 0, va & 0x1f);
          ASSERT_STEP (w, 0, "PD", pdbr << 5, pde_idx, (pdbr << 5) | pde_idx, pde,
                       (pde & 0x80) ? PW_F_PRESENT : 0, FALSE);
          if (have_pte)
            {
              g_assert_cmpuint (pte_idx, ==, (va >> 5) & 0x1f);
              ASSERT_STEP (w, 1, "PT", (pde & 0x7f) << 5, pte_idx, ((pde & 0x7f) << 5) | pte_idx,
                           pte, (pte & 0x80) ? PW_F_PRESENT : 0, (pte & 0x80) != 0);
            }
          if (sscanf (l, "      --> Translates to Physical Address 0x%x --> Value: 0x%x",
                      &pa, &value) == 2)
            {
              g_assert_true (have_pte);
              g_assert_cmpuint (w->n_steps, ==, 2);
              ASSERT_OK (w, pa, 32);
              g_assert_cmpint (w->value, ==, value);
              g_assert_cmphex (w->frame, ==, pte & 0x7f);
            }
          else if (strstr (l, "page directory entry not valid"))
            {
              g_assert_false (have_pte);
              ASSERT_STOP (w, PW_FAULT_NOT_PRESENT, 0, PW_WHY_NOT_PRESENT);
              n_faults++;
            }
          else
            {
              g_assert_nonnull (strstr (l, "page table entry not valid"));
              g_assert_true (have_pte);
              ASSERT_STOP (w, PW_FAULT_NOT_PRESENT, 1, PW_WHY_NOT_PRESENT);
              n_faults++;
            }
          n_checked++;
        }
    }
  g_assert_cmpuint (n_pages, ==, 128);
  g_assert_cmpuint (pdbr, <, 128);
  g_assert_cmpuint (n_checked, >=, 10);
  g_assert_cmpuint (n_faults, <, n_checked);
  g_strfreev (lines);
  pw_physmem_free (m);
  pw_arch_free (a);
}

static void
test_ostep_multilevel (void)
{
  PwArch *a = preset ("ostep-multilevel");
  PwPhysMem *m = mem_for (a);
  PwWalk *w;

  /* tables filled with 0x7f: invalid entries with PFN 127 */
  for (guint i = 0; i < 32; i++)
    {
      pw_physmem_write (m, 10 * 32 + i, 1, 0x7f);
      pw_physmem_write (m, 11 * 32 + i, 1, 0x7f);
    }
  pw_physmem_write (m, 10 * 32 + 3, 1, 0x8b);     /* PD[3] -> PT in page 11 */
  pw_physmem_write (m, 11 * 32 + 4, 1, 0x85);     /* PT[4] -> page 5 */
  pw_physmem_write (m, 5 * 32 + 7, 1, 0x1e);
  /* VA = 3 << 10 | 4 << 5 | 7 */
  w = rd (a, m, 10, 0x0c87, USR);
  ASSERT_STEP (w, 0, "PD", 0x140, 3, 0x143, 0x8b, PW_F_PRESENT, FALSE);
  ASSERT_STEP (w, 1, "PT", 0x160, 4, 0x164, 0x85, PW_F_PRESENT, TRUE);
  ASSERT_OK (w, 0xa7, 32);
  g_assert_cmpint (w->value, ==, 0x1e);
  /* no protection bits: writes and executes translate the same way */
  ASSERT_OK (walk (a, m, 10, 0x0c87, WR, USR, 0), 0xa7, 32);
  ASSERT_OK (walk (a, m, 10, 0x0c87, EX, SUP, 0), 0xa7, 32);
  /* 0x7f is invalid; 0xff is a valid entry pointing at page 127 */
  ASSERT_STOP (rd (a, m, 10, 0x0000, USR), PW_FAULT_NOT_PRESENT, 0, PW_WHY_NOT_PRESENT);
  pw_physmem_write (m, 11 * 32 + 5, 1, 0xff);
  ASSERT_OK (rd (a, m, 10, 0x0cbf, USR), 0xfff, 32);
  ASSERT_STOP (rd (a, m, 10, 0x0c00, USR), PW_FAULT_NOT_PRESENT, 1, PW_WHY_NOT_PRESENT);
  /* 15-bit virtual addresses */
  ASSERT_STOP (rd (a, m, 10, 0x7fff, USR), PW_FAULT_NOT_PRESENT, 0, PW_WHY_NOT_PRESENT);
  ASSERT_EARLY (rd (a, m, 10, 0x8000, USR), PW_FAULT_OUT_OF_RANGE, PW_WHY_OUT_OF_RANGE);
  /* no A/D bits to set */
  walk (a, m, 10, 0x0c87, WR, USR, PW_WALK_SET_AD);
  g_assert_cmpint (pw_physmem_byte (m, 11 * 32 + 4), ==, 0x85);
  g_assert_cmpint (pw_physmem_byte (m, 10 * 32 + 3), ==, 0x8b);
  pw_physmem_free (m);
  pw_arch_free (a);
}

/* ---- base and bounds, segmentation ------------------------------------------- */

static PwArch *
seg_arch (PwArchKind kind,
          guint      va_bits,
          guint      pa_bits,
          guint      segment_bits)
{
  PwArch *a = g_new0 (PwArch, 1);

  a->name = g_strdup (kind == PW_ARCH_BASE_BOUNDS ? "base-bounds" : "segmented");
  a->kind = kind;
  a->fmt = PW_FMT_CUSTOM;
  a->va_bits = va_bits;
  a->pa_bits = pa_bits;
  a->page_shift = 0;
  a->segment_bits = segment_bits;
  a->custom.present = a->custom.writable = a->custom.user = -1;
  a->custom.accessed = a->custom.dirty = a->custom.nx = a->custom.huge = -1;
  g_assert_true (pw_arch_check (a, NULL));
  return a;
}

static PwWalk *
seg (const PwArch    *a,
     const PwSegment *s,
     guint            n,
     guint64          va)
{
  memset (&the_walk, 0xa5, sizeof the_walk);
  pw_mmu_segment (a, s, n, va, RD, USR, &the_walk);
  g_assert_cmphex (the_walk.va, ==, va);
  g_assert_cmpuint (the_walk.n_steps, ==, 0);
  if (the_walk.fault != PW_FAULT_NONE)
    {
      char *msg = pw_walk_fault_message (a, &the_walk);
      g_assert_cmpstr (msg, !=, "");
      g_free (msg);
    }
  return &the_walk;
}

#define ASSERT_SEG_OK(w, segment_, pa_) G_STMT_START {                        \
    g_assert_cmpstr (pw_fault_kind_name ((w)->fault), ==, NULL);              \
    g_assert_cmpint ((w)->segment, ==, (segment_));                           \
    g_assert_cmphex ((w)->pa, ==, (pa_));                                     \
    g_assert_cmpuint ((w)->page_size, ==, 1);                                 \
  } G_STMT_END

#define ASSERT_SEG_FAULT(w, segment_, why_) G_STMT_START {                    \
    g_assert_cmpstr (pw_fault_kind_name ((w)->fault), ==, "segmentation");    \
    g_assert_cmpint ((w)->fault_depth, ==, -1);                               \
    g_assert_cmpint ((w)->segment, ==, (segment_));                           \
    g_assert_cmpint ((w)->why, ==, (why_));                                   \
  } G_STMT_END

static void
test_segment_ostep_example (void)
{
  /* segmentation.py -a 128 -p 512 -b 0 -l 20 -B 512 -L 20 */
  PwArch *a = seg_arch (PW_ARCH_SEGMENTED, 7, 9, 1);
  const PwSegment s[] = { { 0, 20, FALSE }, { 512, 20, TRUE } };
  PwWalk *w;

  w = seg (a, s, 2, 19);
  ASSERT_SEG_OK (w, 0, 19);
  g_assert_cmpuint (w->n_fields, ==, 2);
  ASSERT_FIELD (w, 0, "segment", 6, 6, 0);
  ASSERT_FIELD (w, 1, "offset", 5, 0, 19);
  g_assert_cmpuint (w->seg_base, ==, 0);
  g_assert_cmpuint (w->seg_limit, ==, 20);
  ASSERT_SEG_FAULT (seg (a, s, 2, 20), 0, PW_WHY_SEGMENT);
  ASSERT_SEG_FAULT (seg (a, s, 2, 107), 1, PW_WHY_SEGMENT);
  w = seg (a, s, 2, 108);
  ASSERT_SEG_OK (w, 1, 492);
  ASSERT_FIELD (w, 0, "segment", 6, 6, 1);
  ASSERT_FIELD (w, 1, "offset", 5, 0, 44);
  g_assert_cmpuint (w->seg_base, ==, 512);
  ASSERT_SEG_OK (seg (a, s, 2, 127), 1, 511);
  ASSERT_SEG_OK (seg (a, s, 2, 0), 0, 0);
  ASSERT_SEG_FAULT (seg (a, s, 2, 64), 1, PW_WHY_SEGMENT);
  ASSERT_SEG_FAULT (seg (a, s, 2, 63), 0, PW_WHY_SEGMENT);
  ASSERT_EARLY (seg (a, s, 2, 128), PW_FAULT_OUT_OF_RANGE, PW_WHY_OUT_OF_RANGE);
  pw_arch_free (a);
}

static guint64
parse_size (const char *text)
{
  guint64 v = 0;
  GError *error = NULL;

  pw_number_parse (text, &v, &error);
  g_assert_no_error (error);
  return v;
}

static void
test_segment_ostep_file (gconstpointer data)
{
  const char *name = data;
  gboolean reloc = g_str_has_prefix (name, "relocation");
  char **lines = read_lines (name);
  guint64 asize = 0, psize = 0;
  PwSegment s[2] = { { 0 } };
  PwArch *a = NULL;
  guint n_checked = 0, n_valid = 0;

  for (guint i = 0; lines[i]; i++)
    {
      const char *l = lines[i];
      char word[32], dir[16];
      guint segno, idx, va, dec, pa;
      guint64 v;
      const char *p;

      if (sscanf (l, "ARG address space size %31s", word) == 1)
        asize = parse_size (word);
      else if (sscanf (l, "ARG phys mem size %31s", word) == 1)
        psize = parse_size (word);
      else if (sscanf (l, " Segment %u base (grows %15[a-z]) : 0x%" G_GINT64_MODIFIER "x",
                       &segno, dir, &v) == 3)
        {
          g_assert_cmpuint (segno, <, 2);
          s[segno].base = v;
          s[segno].grows_down = g_str_equal (dir, "negative");
          g_assert_true (s[segno].grows_down == (segno == 1));
        }
      else if (sscanf (l, " Segment %u limit : %" G_GINT64_MODIFIER "u", &segno, &v) == 2)
        s[segno].limit = v;
      else if (sscanf (l, " Base : 0x%" G_GINT64_MODIFIER "x", &v) == 1)
        s[0].base = v;
      else if (sscanf (l, " Limit : %" G_GINT64_MODIFIER "u", &v) == 1)
        s[0].limit = v;
      else if (sscanf (l, " VA %u: 0x%x (decimal: %u)", &idx, &va, &dec) == 3)
        {
          PwWalk *w;

          g_assert_cmpuint (va, ==, dec);
          if (a == NULL)
            {
              g_assert_true (pw_is_pow2 (asize) && pw_is_pow2 (psize));
              a = seg_arch (reloc ? PW_ARCH_BASE_BOUNDS : PW_ARCH_SEGMENTED,
                            pw_log2 (asize), pw_log2 (psize), reloc ? 0 : 1);
            }
          g_test_message ("%s: VA %u", name, va);
          w = seg (a, s, reloc ? 1 : 2, va);
          p = strstr (l, "-->");
          g_assert_nonnull (p);
          if (reloc && sscanf (p, "--> VALID: 0x%x", &pa) == 1)
            {
              ASSERT_SEG_OK (w, 0, pa);
              n_valid++;
            }
          else if (!reloc && sscanf (p, "--> VALID in SEG%u: 0x%x", &segno, &pa) == 2)
            {
              ASSERT_SEG_OK (w, (int) segno, pa);
              n_valid++;
            }
          else if (reloc)
            {
              g_assert_nonnull (strstr (p, "SEGMENTATION VIOLATION"));
              ASSERT_SEG_FAULT (w, 0, PW_WHY_BOUNDS);
            }
          else
            {
              g_assert_cmpint (sscanf (p, "--> SEGMENTATION VIOLATION (SEG%u)", &segno), ==, 1);
              ASSERT_SEG_FAULT (w, (int) segno, PW_WHY_SEGMENT);
            }
          n_checked++;
        }
    }
  g_assert_cmpuint (n_checked, >=, 5);
  if (!g_str_has_suffix (name, "explicit_A.txt"))
    g_assert_cmpuint (n_valid, >, 0);
  g_strfreev (lines);
  pw_arch_free (a);
}

static void
test_segment_edges (void)
{
  PwArch *a;
  PwWalk *w;

  /* base and bounds over a 64-bit space */
  a = seg_arch (PW_ARCH_BASE_BOUNDS, 64, 64, 0);
  {
    const PwSegment s[] = { { 0x1000, G_MAXUINT64, FALSE } };
    w = seg (a, s, 1, 5);
    ASSERT_SEG_OK (w, 0, 0x1005);
    ASSERT_FIELD (w, 0, "offset", 63, 0, 5);
    ASSERT_SEG_OK (seg (a, s, 1, G_MAXUINT64 - 0x1000), 0, G_MAXUINT64);
    /* base + VA beyond 2^64 */
    ASSERT_SEG_FAULT (seg (a, s, 1, G_MAXUINT64 - 0xfff), 0, PW_WHY_SEGMENT);
    /* VA == limit */
    ASSERT_SEG_FAULT (seg (a, s, 1, G_MAXUINT64), 0, PW_WHY_BOUNDS);
  }
  {
    /* a stack over the whole 64-bit space */
    const PwSegment s[] = { { G_MAXUINT64, G_MAXUINT64, TRUE } };
    ASSERT_SEG_OK (seg (a, s, 1, G_MAXUINT64), 0, G_MAXUINT64 - 1);
    ASSERT_SEG_OK (seg (a, s, 1, 1), 0, 0);
    ASSERT_SEG_FAULT (seg (a, s, 1, 0), 0, PW_WHY_SEGMENT);
  }
  pw_arch_free (a);

  /* 64-bit segmented: bit 63 picks the segment */
  a = seg_arch (PW_ARCH_SEGMENTED, 64, 64, 1);
  {
    const PwSegment s[] = { { 0, 0x1000, FALSE }, { BIT (63), 0x1000, TRUE } };
    w = seg (a, s, 2, G_MAXUINT64);
    ASSERT_SEG_OK (w, 1, BIT (63) - 1);
    ASSERT_FIELD (w, 0, "segment", 63, 63, 1);
    ASSERT_FIELD (w, 1, "offset", 62, 0, BIT (63) - 1);
    ASSERT_SEG_OK (seg (a, s, 2, G_MAXUINT64 - 0xfff), 1, BIT (63) - 0x1000);
    ASSERT_SEG_FAULT (seg (a, s, 2, G_MAXUINT64 - 0x1000), 1, PW_WHY_SEGMENT);
    ASSERT_SEG_FAULT (seg (a, s, 2, BIT (63)), 1, PW_WHY_SEGMENT);
    ASSERT_SEG_OK (seg (a, s, 2, 0xfff), 0, 0xfff);
  }
  pw_arch_free (a);

  /* more segment bits than segments given; a growing-down segment below 0 */
  a = seg_arch (PW_ARCH_SEGMENTED, 10, 14, 2);
  {
    const PwSegment s[] = { { 100, 50, FALSE }, { 1000, 256, FALSE }, { 10, 100, TRUE } };
    ASSERT_SEG_OK (seg (a, s, 3, 0x100 + 255), 1, 1255);
    ASSERT_SEG_FAULT (seg (a, s, 3, 0x300), 3, PW_WHY_SEGMENT);
    ASSERT_SEG_OK (seg (a, s, 3, 0x2ff), 2, 9);
    ASSERT_SEG_FAULT (seg (a, s, 3, 0x2f5), 2, PW_WHY_SEGMENT);
    ASSERT_EARLY (seg (a, s, 3, 0x400), PW_FAULT_OUT_OF_RANGE, PW_WHY_OUT_OF_RANGE);
  }
  pw_arch_free (a);

  /* a physical address beyond pa_bits */
  a = seg_arch (PW_ARCH_BASE_BOUNDS, 10, 8, 0);
  {
    const PwSegment s[] = { { 250, 100, FALSE } };
    ASSERT_SEG_OK (seg (a, s, 1, 5), 0, 255);
    ASSERT_SEG_FAULT (seg (a, s, 1, 6), 0, PW_WHY_SEGMENT);
  }
  pw_arch_free (a);
}

/* ---- custom architectures, 64-bit safety --------------------------------------- */

static PwArch *
course16 (gboolean big_endian)
{
  PwArch *a = g_new0 (PwArch, 1);

  a->name = g_strdup ("course-16");
  a->kind = PW_ARCH_PAGED;
  a->fmt = PW_FMT_CUSTOM;
  a->va_bits = 16;
  a->pa_bits = 16;
  a->page_shift = 8;
  a->n_levels = 1;
  a->level_bits[0] = 8;
  a->level_names[0] = "L1";
  a->pte_bytes = 2;
  a->big_endian = big_endian;
  a->custom = (PwCustomPte) { 15, 14, 13, 12, 11, -1, -1, 0, 8 };
  g_assert_true (pw_arch_check (a, NULL));
  return a;
}

static void
test_custom_course16 (void)
{
  for (int be = 0; be < 2; be++)
    {
      PwArch *a = course16 (be);
      PwPhysMem *m = mem_for (a);
      PwWalk *w;

      /* the 512-byte table spans frames 0x10 and 0x11 */
      g_assert_cmpuint (pw_arch_table_frames (a, 0), ==, 2);
      pw_physmem_write (m, 0x1024, 1, be ? 0xe0 : 0x34);
      pw_physmem_write (m, 0x1025, 1, be ? 0x34 : 0xe0);
      w = rd (a, m, 0x10, 0x12ab, USR);
      ASSERT_FIELD (w, 0, "L1", 15, 8, 0x12);
      ASSERT_FIELD (w, 1, "offset", 7, 0, 0xab);
      ASSERT_STEP (w, 0, "L1", 0x1000, 0x12, 0x1024, 0xe034,
                   PW_F_PRESENT | PW_F_WRITABLE | PW_F_USER, TRUE);
      ASSERT_OK (w, 0x34ab, 256);
      /* an entry in the table's second frame */
      pw_physmem_write (m, 0x1120, 2, 0x8077);
      ASSERT_PROT (rd (a, m, 0x10, 0x90ff, USR), 0, PW_WHY_USER, 1);
      ASSERT_OK (rd (a, m, 0x10, 0x90ff, SUP), 0x77ff, 256);
      ASSERT_PROT (walk (a, m, 0x10, 0x90ff, WR, SUP, 0), 0, PW_WHY_WRITE, 1);
      ASSERT_STOP (rd (a, m, 0x10, 0x9100, SUP), PW_FAULT_NOT_PRESENT, 0, PW_WHY_NOT_PRESENT);
      /* no nx bit: everything executes */
      ASSERT_OK (walk (a, m, 0x10, 0x12ab, EX, USR, 0), 0x34ab, 256);
      walk (a, m, 0x10, 0x12ab, WR, USR, PW_WALK_SET_AD);
      g_assert_cmphex (pw_physmem_read (m, 0x1024, 2, NULL), ==, 0xf834);
      g_assert_cmpint (pw_physmem_byte (m, 0x1024), ==, be ? 0xf8 : 0x34);
      /* the helpers write what the walk reads */
      g_assert_cmphex (pw_arch_make_leaf (a, 0, 0x34, PW_PROT_R | PW_PROT_W, FALSE), ==, 0xe034);
      g_assert_cmphex (pw_arch_make_leaf (a, 0, 0x77, PW_PROT_R, TRUE), ==, 0x8077);
      pw_physmem_free (m);
      pw_arch_free (a);
    }
}

static void
test_custom_va64 (void)
{
  PwArch *a = g_new0 (PwArch, 1);
  PwPhysMem *m;
  PwWalk *w;

  a->name = g_strdup ("va64");
  a->kind = PW_ARCH_PAGED;
  a->fmt = PW_FMT_CUSTOM;
  a->va_bits = 64;
  a->pa_bits = 52;
  a->page_shift = 12;
  a->n_levels = 4;
  for (guint i = 0; i < 4; i++)
    {
      static const char *names[] = { "L0", "L1", "L2", "L3" };
      a->level_bits[i] = 13;
      a->level_names[i] = names[i];
    }
  a->pte_bytes = 8;
  a->custom = (PwCustomPte) { 0, 1, 2, 5, 6, 63, 7, 12, 40 };
  g_assert_true (pw_arch_check (a, NULL));
  g_assert_cmpuint (pw_arch_level_span (a, 0), ==, BIT (51));
  g_assert_cmpuint (pw_arch_level_shift (a, 0), ==, 51);
  g_assert_cmpuint (pw_arch_table_frames (a, 0), ==, 16);
  g_assert_cmpuint (pw_arch_index (a, 0, G_MAXUINT64), ==, 0x1fff);
  m = mem_for (a);

  /* VA 0xffffffffffffffff: every index 0x1fff; no canonical form, no range */
  w64 (m, 0x100000 + 0x1fff * 8, 0x200007);
  w64 (m, 0x200000 + 0x1fff * 8, 0x300007);
  w64 (m, 0x300000 + 0x1fff * 8, 0x400007);
  w64 (m, 0x400000 + 0x1fff * 8, 0xabcdef007 | BIT (63));
  w = rd (a, m, 0x100, G_MAXUINT64, USR);
  g_assert_cmpuint (w->n_fields, ==, 5);
  ASSERT_FIELD (w, 0, "L0", 63, 51, 0x1fff);
  ASSERT_FIELD (w, 1, "L1", 50, 38, 0x1fff);
  ASSERT_FIELD (w, 2, "L2", 37, 25, 0x1fff);
  ASSERT_FIELD (w, 3, "L3", 24, 12, 0x1fff);
  ASSERT_FIELD (w, 4, "offset", 11, 0, 0xfff);
  ASSERT_STEP (w, 0, "L0", 0x100000, 0x1fff, 0x10fff8, 0x200007,
               PW_F_PRESENT | PW_F_WRITABLE | PW_F_USER, FALSE);
  ASSERT_STEP (w, 3, "L3", 0x400000, 0x1fff, 0x40fff8, 0xabcdef007 | BIT (63),
               PW_F_PRESENT | PW_F_WRITABLE | PW_F_USER | PW_F_NX, TRUE);
  ASSERT_OK (w, 0xabcdeffff, 4096);
  /* named bits combine across levels as on x86 */
  ASSERT_PROT (walk (a, m, 0x100, G_MAXUINT64, EX, SUP, 0), 3, PW_WHY_EXEC, 4);
  w64 (m, 0x200000 + 0x1fff * 8, 0x300003);
  ASSERT_PROT (rd (a, m, 0x100, G_MAXUINT64, USR), 1, PW_WHY_USER, 4);
  /* a huge leaf at L2 covers 2^25 bytes */
  w64 (m, 0x300000 + 0x1fff * 8, 0x6000087);
  ASSERT_OK (rd (a, m, 0x100, G_MAXUINT64, SUP), 0x6000000 | pw_mask (25), BIT (25));
  /* frames beyond pa_bits (48 here: the 40-bit frame number reaches bit 51) */
  a->pa_bits = 48;
  g_assert_true (pw_arch_check (a, NULL));
  w64 (m, 0x300000 + 0x1fff * 8, 0x400007 | BIT (48));
  ASSERT_STOP (rd (a, m, 0x100, G_MAXUINT64, SUP), PW_FAULT_RESERVED_BIT, 2, PW_WHY_PA_TOO_WIDE);
  w64 (m, 0x300000 + 0x1fff * 8, 0x400007 | BIT (47));
  w64 (m, BIT (47) + 0x400000 + 0x1fff * 8, 0x5007);
  ASSERT_OK (rd (a, m, 0x100, G_MAXUINT64, SUP), 0x5fff, 4096);
  pw_physmem_free (m);

  /* 64-bit physical space, 1-byte pages: frame 2^64-1 exists */
  m = pw_physmem_new (0, FALSE);
  pw_physmem_write (m, G_MAXUINT64, 1, 0x42);
  pw_physmem_write (m, 0, 1, 0x24);
  g_assert_cmpint (pw_physmem_byte (m, G_MAXUINT64), ==, 0x42);
  g_assert_cmpint (pw_physmem_byte (m, 0), ==, 0x24);
  g_assert_cmpint (pw_physmem_byte (m, 1), ==, -1);
  g_assert_cmpuint (pw_physmem_n_known (m), ==, 2);
  pw_physmem_forget (m, G_MAXUINT64);
  g_assert_cmpint (pw_physmem_byte (m, G_MAXUINT64), ==, -1);
  g_assert_cmpint (pw_physmem_byte (m, 0), ==, 0x24);
  pw_physmem_free (m);

  a->pa_bits = 64;
  g_assert_cmpuint (pw_arch_max_frames (a), ==, BIT (52));
  pw_arch_free (a);

  g_assert_cmphex (pw_mask (64), ==, G_MAXUINT64);
  g_assert_cmphex (pw_mask (0), ==, 0);
  g_assert_cmphex (pw_mask (63), ==, G_MAXUINT64 >> 1);
  g_assert_cmphex (pw_bits (G_MAXUINT64, 63, 0), ==, G_MAXUINT64);
  g_assert_cmphex (pw_bits (0x8000000000000000, 63, 63), ==, 1);
  g_assert_cmphex (pw_bits (G_MAXUINT64, 70, 64), ==, 0);
  g_assert_cmpuint (pw_log2 (BIT (63)), ==, 63);
  g_assert_cmpuint (pw_log2 (1), ==, 0);
  g_assert_true (pw_is_pow2 (BIT (63)));
  g_assert_false (pw_is_pow2 (0));
}

static void
test_custom_check (void)
{
  PwArch *a = course16 (FALSE);
  GError *error = NULL;

  a->va_bits = 65;
  g_assert_false (pw_arch_check (a, &error));
  g_assert_error (error, PW_ERROR, PW_ERROR_VALUE);
  g_clear_error (&error);
  a->va_bits = 17;
  g_assert_false (pw_arch_check (a, &error));
  g_clear_error (&error);
  a->va_bits = 16;
  a->pte_bytes = 3;
  g_assert_false (pw_arch_check (a, &error));
  g_clear_error (&error);
  a->pte_bytes = 2;
  a->custom.writable = 3;  /* inside the frame number */
  g_assert_false (pw_arch_check (a, &error));
  g_clear_error (&error);
  a->custom.writable = 16;  /* beyond a 16-bit entry */
  g_assert_false (pw_arch_check (a, &error));
  g_clear_error (&error);
  a->custom.writable = 14;
  a->custom.present = -1;
  g_assert_false (pw_arch_check (a, &error));
  g_clear_error (&error);
  a->custom.present = 15;
  g_assert_true (pw_arch_check (a, NULL));
  /* a 32-bit index at the second level: a 32 GiB table */
  a->va_bits = 45;
  a->pa_bits = 45;
  a->page_shift = 12;
  a->n_levels = 2;
  a->level_bits[0] = 1;
  a->level_bits[1] = 32;
  a->level_names[1] = "L2";
  a->pte_bytes = 8;
  a->custom.pfn_shift = 16;
  a->custom.pfn_bits = 40;
  g_assert_false (pw_arch_check (a, &error));
  g_clear_error (&error);
  a->level_bits[0] = 17;
  a->level_bits[1] = 16;
  g_assert_true (pw_arch_check (a, NULL));
  /* 2 MiB base pages would cost 2 MiB per known frame */
  a->va_bits = 54;
  a->page_shift = 21;
  a->pa_bits = 54;
  g_assert_false (pw_arch_check (a, &error));
  g_clear_error (&error);
  pw_arch_free (a);
}

/* ---- numbers --------------------------------------------------------------------- */

static void
test_number_parse (void)
{
  static const struct { const char *text; guint64 value; } ok[] = {
    { "42", 42 }, { "0", 0 }, { "0x1f", 0x1f }, { "0X1F", 0x1f }, { "0xABCdef", 0xabcdef },
    { "0b101", 5 }, { "0B11", 3 }, { "4KiB", 4096 }, { "2M", 2 * MiB }, { "1G", GiB },
    { "2MiB", 2 * MiB }, { "1GiB", GiB }, { "128TiB", BIT (47) }, { "3KB", 3072 },
    { "4K", 4096 }, { "1T", BIT (40) }, { "15EiB", 15 * BIT (60) },
    { "0xffffffffffffffff", G_MAXUINT64 }, { "18446744073709551615", G_MAXUINT64 },
    { "0b1111111111111111111111111111111111111111111111111111111111111111", G_MAXUINT64 },
    { "0x0000000000000000000001", 1 },
  };
  static const char *bad[] = {
    "", "0x", "0b", "x10", "-1", "1.5K", "0x10000000000000000", "18446744073709551616",
    "16EiB", "17179869184GiB", "0b2", "0xg", "12abc", "4Ki", "KiB", "0x1KiB", "1 2",
    "0b10000000000000000000000000000000000000000000000000000000000000000",
  };

  for (guint i = 0; i < G_N_ELEMENTS (ok); i++)
    {
      guint64 v = 1234;
      GError *error = NULL;

      g_test_message ("%s", ok[i].text);
      g_assert_true (pw_number_parse (ok[i].text, &v, &error));
      g_assert_no_error (error);
      g_assert_cmphex (v, ==, ok[i].value);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      guint64 v = 1234;
      GError *error = NULL;

      g_test_message ("%s", bad[i]);
      g_assert_false (pw_number_parse (bad[i], &v, &error));
      g_assert_error (error, PW_ERROR, PW_ERROR_VALUE);
      g_assert_nonnull (strstr (error->message, bad[i]));
      g_assert_cmpuint (v, ==, 1234);
      g_clear_error (&error);
    }
  {
    char *s = pw_hex (G_MAXUINT64);
    char buf[19];
    g_assert_cmpstr (s, ==, "0xffffffffffffffff");
    g_free (s);
    g_assert_cmpstr (pw_hex_buf (0, buf), ==, "0x0");
    g_assert_cmpstr (pw_hex_buf (0xABC, buf), ==, "0xabc");
  }
}

/* ---- the pw_arch_make_* helpers encode what the manuals say ------------------ */

static void
test_helpers_encode (void)
{
  PwArch *a;

  a = preset ("x86-64");
  g_assert_cmphex (pw_arch_make_table_entry (a, 0, 0x1001), ==, 0x1001007);
  g_assert_cmphex (pw_arch_make_leaf (a, 3, 0xabcdef, PW_PROT_R | PW_PROT_W, FALSE), ==,
                   0x8000000abcdef007);
  g_assert_cmphex (pw_arch_make_leaf (a, 3, 0xabcdef, PW_PROT_R | PW_PROT_X, TRUE), ==,
                   0xabcdef001);
  g_assert_cmphex (pw_arch_make_leaf (a, 2, 0x40000, PW_PROT_R | PW_PROT_W | PW_PROT_X, FALSE),
                   ==, 0x40000087);
  g_assert_cmphex (pw_arch_make_leaf (a, 1, 0x80000, PW_PROT_R, FALSE), ==,
                   0x8000000080000085);
  g_assert_cmphex (pw_arch_make_invalid (a), ==, 0);
  /* PAT (bit 12) and reserved bits are not frame bits of a large page */
  g_assert_cmphex (pw_arch_entry_frame (a, 2, 0x40001087), ==, 0x40000);
  g_assert_cmphex (pw_arch_entry_frame (a, 3, 0x8000000abcdef1e7), ==, 0xabcdef);
  g_assert_cmphex (pw_arch_entry_frame (a, 1, 0x000fffffc0001087), ==, 0xfffffc0000);
  g_assert_cmpint (pw_arch_entry_prot (a, 0x8000000abcdef007), ==, PW_PROT_R | PW_PROT_W);
  g_assert_cmpint (pw_arch_entry_prot (a, 0xabcdef001), ==, PW_PROT_R | PW_PROT_X);
  g_assert_cmphex (pw_arch_accessed_mask (a), ==, X_A);
  g_assert_cmphex (pw_arch_dirty_mask (a), ==, X_D);
  g_assert_cmphex (pw_arch_clear_ad (a, 0x1067, TRUE, TRUE), ==, 0x1007);
  g_assert_cmphex (pw_arch_entry_readonly (a, 0x1067), ==, 0x1065);
  pw_arch_free (a);

  a = preset ("x86-32");
  g_assert_cmphex (pw_arch_make_table_entry (a, 0, 0x2000), ==, 0x02000007);
  g_assert_cmphex (pw_arch_make_leaf (a, 0, 0xc00, PW_PROT_R | PW_PROT_W, FALSE), ==, 0x00c00087);
  g_assert_cmphex (pw_arch_make_leaf (a, 1, 0x5678, PW_PROT_R, FALSE), ==, 0x05678005);
  g_assert_cmphex (pw_arch_entry_frame (a, 0, 0x00c01087), ==, 0xc00);
  g_assert_cmphex (pw_arch_entry_frame (a, 1, 0x05678fff), ==, 0x5678);
  pw_arch_free (a);

  a = preset ("seed");
  g_assert_cmphex (pw_arch_make_leaf (a, 0, 0x109, PW_PROT_R | PW_PROT_W, FALSE), ==, 0x109007);
  pw_arch_free (a);

  a = preset ("x86-pae");
  g_assert_cmphex (pw_arch_make_table_entry (a, 0, 0x4), ==, 0x4001);
  g_assert_cmphex (pw_arch_make_table_entry (a, 1, 0x5), ==, 0x5007);
  g_assert_cmphex (pw_arch_make_leaf (a, 2, 0x123456, PW_PROT_R, FALSE), ==, 0x8000000123456005);
  g_assert_cmphex (pw_arch_make_leaf (a, 1, 0x40000, PW_PROT_R | PW_PROT_X, TRUE), ==, 0x40000081);
  pw_arch_free (a);

  a = preset ("riscv-sv39");
  g_assert_cmphex (pw_arch_make_table_entry (a, 0, 0x80001), ==, 0x20000401);
  g_assert_cmphex (pw_arch_make_leaf (a, 2, 0x1234, PW_PROT_R | PW_PROT_W, FALSE), ==, 0x48d017);
  g_assert_cmphex (pw_arch_make_leaf (a, 2, 0x1234, PW_PROT_R | PW_PROT_X, TRUE), ==, 0x48d00b);
  g_assert_cmphex (pw_arch_make_leaf (a, 2, 0x1234, PW_PROT_X, TRUE), ==, 0x48d009);
  /* W alone would be the reserved W-without-R encoding */
  g_assert_cmphex (pw_arch_make_leaf (a, 2, 0x1234, PW_PROT_W, TRUE), ==, 0x48d007);
  g_assert_cmphex (pw_arch_make_leaf (a, 1, 0x40200, PW_PROT_R | PW_PROT_X, TRUE), ==, 0x1008000b);
  g_assert_cmphex (pw_arch_entry_frame (a, 2, 0x003ffffffffffc17), ==, 0xfffffffffff);
  g_assert_cmphex (pw_arch_entry_frame (a, 2, BIT (54) | 0x48d017), ==, 0x1234);
  g_assert_cmphex (pw_arch_accessed_mask (a), ==, V_A);
  g_assert_cmphex (pw_arch_dirty_mask (a), ==, V_D);
  g_assert_cmpint (pw_arch_entry_prot (a, 0x48d009), ==, PW_PROT_X);
  g_assert_cmphex (pw_arch_entry_readonly (a, 0x48d0d7), ==, 0x48d0d3);
  pw_arch_free (a);

  a = preset ("riscv-sv32");
  g_assert_cmphex (pw_arch_make_table_entry (a, 0, 0x80001), ==, 0x20000401);
  g_assert_cmphex (pw_arch_make_leaf (a, 1, 0x3fffff, PW_PROT_R | PW_PROT_W, FALSE), ==,
                   0xfffffc17);
  g_assert_cmphex (pw_arch_entry_frame (a, 1, 0xfffffc17), ==, 0x3fffff);
  pw_arch_free (a);

  a = preset ("aarch64-4k");
  g_assert_cmphex (pw_arch_make_table_entry (a, 0, 0x40001), ==, 0x40001003);
  /* EL0 RW: AP = 01; PXN (EL1 never executes user memory), UXN without X */
  g_assert_cmphex (pw_arch_make_leaf (a, 3, 0x7654321, PW_PROT_R | PW_PROT_W, FALSE), ==,
                   A_UXN | A_PXN | ARM_OA | 0x43);
  g_assert_cmphex (pw_arch_make_leaf (a, 3, 0x7654321, PW_PROT_R | PW_PROT_X, FALSE), ==,
                   A_PXN | ARM_OA | 0xc3);
  g_assert_cmphex (pw_arch_make_leaf (a, 3, 0x7654321, PW_PROT_R | PW_PROT_W, TRUE), ==,
                   A_UXN | A_PXN | ARM_OA | 0x03);
  g_assert_cmphex (pw_arch_make_leaf (a, 3, 0x7654321, PW_PROT_R | PW_PROT_X, TRUE), ==,
                   A_UXN | ARM_OA | 0x83);
  /* a block: bits[1:0] = 01 */
  g_assert_cmphex (pw_arch_make_leaf (a, 2, 0x40200, PW_PROT_R, FALSE), ==,
                   A_UXN | A_PXN | 0x402000c1);
  g_assert_cmphex (pw_arch_entry_frame (a, 2, 0x40201441), ==, 0x40200);
  g_assert_cmphex (pw_arch_entry_frame (a, 3, A_PXN | ARM_OA | 0xfff), ==, 0x7654321);
  g_assert_cmphex (pw_arch_accessed_mask (a), ==, A_AF);
  a->hw_dirty = TRUE;
  /* writable-clean: DBM = 1, AP[2] = 1 */
  g_assert_cmphex (pw_arch_make_leaf (a, 3, 0x7654321, PW_PROT_R | PW_PROT_W, FALSE), ==,
                   A_UXN | A_PXN | A_DBM | ARM_OA | 0xc3);
  g_assert_true (pw_arch_entry_dirty (a, A_DBM | ARM_OA | 0x443));
  g_assert_cmphex (pw_arch_clear_ad (a, A_DBM | ARM_OA | 0x443, TRUE, TRUE), ==,
                   A_DBM | ARM_OA | 0xc3);
  g_assert_cmphex (pw_arch_entry_readonly (a, A_DBM | ARM_OA | 0x443), ==, ARM_OA | 0x4c3);
  pw_arch_free (a);

  a = preset ("ostep-multilevel");
  g_assert_cmphex (pw_arch_make_table_entry (a, 0, 0x21), ==, 0xa1);
  g_assert_cmphex (pw_arch_make_leaf (a, 1, 0x35, PW_PROT_R, FALSE), ==, 0xb5);
  g_assert_cmphex (pw_arch_make_invalid (a), ==, 0x7f);
  g_assert_cmphex (pw_arch_entry_frame (a, 1, 0xff), ==, 0x7f);
  pw_arch_free (a);
}

/* Every preset, every leaf size: tables built with the helpers walk as expected. */
static void
test_helpers_sweep (void)
{
  for (const char * const *n = pw_arch_preset_names (); *n; n++)
    {
      PwArch *a = preset (*n);

      /* AArch64 keeps dirty state only with TCR_EL1.HD */
      if (a->fmt == PW_FMT_AARCH64)
        a->hw_dirty = TRUE;
      for (guint leaf = 0; leaf < a->n_levels; leaf++)
        {
          PwPhysMem *m;
          guint64 root, table, va = 0, span, frame, pa;
          PwWalk *w;

          if (leaf + 1 < a->n_levels && !a->large_ok[leaf])
            continue;
          g_test_message ("%s, leaf at level %u", *n, leaf);
          m = mem_for (a);
          /* tables from the top of the physical space down, as the kernel allocates */
          root = pw_arch_max_frames (a) > 0x10000 ? 0x10000 : pw_arch_max_frames (a);
          root -= pw_arch_table_frames (a, 0);
          table = root;
          for (guint l = 0; l <= leaf; l++)
            va |= ((guint64) (l + 1) & pw_mask (a->level_bits[l])) << pw_arch_level_shift (a, l);
          span = pw_arch_level_span (a, leaf);
          va |= 0x15 & (span - 1);
          frame = 3 * (span >> a->page_shift);
          for (guint l = 0; l < leaf; l++)
            {
              guint64 next = table - pw_arch_table_frames (a, l + 1);
              guint64 e = pw_arch_make_table_entry (a, l, next);
              g_assert_cmphex (pw_arch_entry_frame (a, l, e), ==, next);
              pw_physmem_write (m, (table << a->page_shift)
                                   + pw_arch_index (a, l, va) * a->pte_bytes,
                                a->pte_bytes, e);
              table = next;
            }
          {
            guint64 e = pw_arch_make_leaf (a, leaf, frame, PW_PROT_R | PW_PROT_W, FALSE);
            g_assert_cmphex (pw_arch_entry_frame (a, leaf, e), ==, frame);
            g_assert_true (pw_arch_entry_prot (a, e) & PW_PROT_W);
            g_assert_false (pw_arch_entry_dirty (a, e));
            pw_physmem_write (m, (table << a->page_shift)
                                 + pw_arch_index (a, leaf, va) * a->pte_bytes,
                              a->pte_bytes, e);
          }
          pa = (frame << a->page_shift) | (va & (span - 1));
          w = walk (a, m, root, va, WR, USR, PW_WALK_SET_AD);
          ASSERT_OK (w, pa, span);
          g_assert_cmpuint (w->n_steps, ==, leaf + 1);
          for (guint l = 0; l <= leaf; l++)
            {
              g_assert_cmpuint (w->steps[l].index, ==, (l + 1) & pw_mask (a->level_bits[l]));
              g_assert_true (w->steps[l].flags & PW_F_PRESENT);
            }
          /* the walk set what the helpers read back */
          if (pw_arch_accessed_mask (a) != 0)
            {
              guint64 e = pw_physmem_read (m, w->steps[leaf].entry_pa, a->pte_bytes, NULL);
              g_assert_true (pw_arch_entry_accessed (a, e));
              g_assert_true (pw_arch_entry_dirty (a, e));
              e = pw_arch_clear_ad (a, e, TRUE, TRUE);
              g_assert_false (pw_arch_entry_accessed (a, e));
              g_assert_false (pw_arch_entry_dirty (a, e));
            }
          /* a kernel page refuses the user */
          pw_physmem_write (m, w->steps[leaf].entry_pa, a->pte_bytes,
                            pw_arch_make_leaf (a, leaf, frame, PW_PROT_R, TRUE));
          w = rd (a, m, root, va, USR);
          if (a->fmt == PW_FMT_OSTEP)
            ASSERT_OK (w, pa, span);
          else
            ASSERT_FAULT (w, PW_FAULT_PROTECTION, (int) leaf, PW_WHY_USER);
          /* and an invalid entry is not present */
          pw_physmem_write (m, w->steps[leaf].entry_pa, a->pte_bytes, pw_arch_make_invalid (a));
          ASSERT_STOP (rd (a, m, root, va, SUP), PW_FAULT_NOT_PRESENT, (int) leaf,
                       PW_WHY_NOT_PRESENT);
          pw_physmem_free (m);
        }
      pw_arch_free (a);
    }
}

/* ---- entry formats: round trips, A/D, the manual's names --------------------- */

/* A two-level custom arch with every bit named, a huge bit and no nx gaps. */
static PwArch *
custom_two_level (void)
{
  PwArch *a = g_new0 (PwArch, 1);

  a->name = g_strdup ("custom-two-level");
  a->kind = PW_ARCH_PAGED;
  a->fmt = PW_FMT_CUSTOM;
  a->va_bits = 32;
  a->pa_bits = 32;
  a->page_shift = 12;
  a->n_levels = 2;
  a->level_bits[0] = a->level_bits[1] = 10;
  a->level_names[0] = "L1";
  a->level_names[1] = "L2";
  a->large_ok[0] = TRUE;
  a->pte_bytes = 4;
  a->custom = (PwCustomPte) { 0, 1, 2, 5, 6, 8, 7, 12, 20 };
  g_assert_true (pw_arch_check (a, NULL));
  return a;
}

/* Every preset, AArch64 with and without hardware dirty state, and two
 * custom arches.  Free with g_ptr_array_unref. */
static GPtrArray *
format_arches (void)
{
  GPtrArray *all = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_arch_free);
  PwArch *a;

  for (const char * const *n = pw_arch_preset_names (); *n; n++)
    g_ptr_array_add (all, preset (*n));
  a = preset ("aarch64-4k");
  a->hw_dirty = TRUE;
  g_ptr_array_add (all, a);
  g_ptr_array_add (all, course16 (FALSE));
  g_ptr_array_add (all, custom_two_level ());
  return all;
}

/* What a leaf encoded with @prot grants back: formats without the bit grant it. */
static PwProt
expected_prot (const PwArch *a,
               PwProt        prot)
{
  switch (a->fmt)
    {
    case PW_FMT_X86_32:
      return prot | PW_PROT_X;
    case PW_FMT_OSTEP:
      return PW_PROT_R | PW_PROT_W | PW_PROT_X;
    case PW_FMT_CUSTOM:
      if (a->custom.writable < 0)
        prot |= PW_PROT_W;
      if (a->custom.nx < 0)
        prot |= PW_PROT_X;
      return prot;
    default:
      return prot;
    }
}

static void
test_format_round_trip (void)
{
  g_autoptr (GPtrArray) all = format_arches ();
  static const PwProt prots[] = {
    PW_PROT_R, PW_PROT_R | PW_PROT_W, PW_PROT_R | PW_PROT_X, PW_PROT_R | PW_PROT_W | PW_PROT_X,
  };

  for (guint k = 0; k < all->len; k++)
    {
      const PwArch *a = all->pdata[k];
      const PwEntryFormat *fmt = pw_arch_format (a);
      guint64 max = pw_arch_max_frames (a);

      g_test_message ("%s (format %s)", a->name, fmt->name);
      g_assert_cmpint (fmt->fmt, ==, a->fmt);
      g_assert_nonnull (fmt->family);
      /* an invalid entry is not present at any level */
      for (guint l = 0; l < a->n_levels; l++)
        {
          guint64 inv = pw_arch_make_invalid (a);
          g_assert_false (pw_arch_entry_present (a, l, inv));
          g_assert_false (pw_arch_entry_is_table (a, l, inv));
          g_assert_false (pw_arch_flags_is_table (a, l, pw_arch_decode_flags (a, l, inv)));
        }
      for (guint l = 0; l < a->n_levels; l++)
        {
          gboolean last = l + 1 == a->n_levels;
          guint64 span_frames = pw_arch_level_span (a, l) >> a->page_shift;
          PwRights r;

          if (!last)
            {
              guint64 tf = MIN (0x21, max - 1);
              guint64 e = pw_arch_make_table_entry (a, l, tf);

              g_assert_true (pw_arch_entry_present (a, l, e));
              g_assert_true (pw_arch_entry_is_table (a, l, e));
              g_assert_true (pw_arch_flags_is_table (a, l, pw_arch_decode_flags (a, l, e)));
              g_assert_true (pw_arch_decode_flags (a, l, e) & PW_F_PRESENT);
              g_assert_cmphex (pw_arch_entry_frame (a, l, e), ==, tf);
              pw_arch_entry_rights (a, l, e, &r);
              g_assert_true (r.table);
              /* a table as an OS writes it lets the leaves decide */
              g_assert_false (r.no_user || r.no_write || r.no_user_exec || r.no_kernel_exec);
            }
          if (!last && !a->large_ok[l])
            continue;
          for (guint p = 0; p < G_N_ELEMENTS (prots); p++)
            for (int kernel = 0; kernel < 2; kernel++)
              {
                /* a frame aligned to the leaf's span, inside physical memory */
                guint64 frame = span_frames < max ? (max / span_frames - 1) / 2 * span_frames : 0;
                guint64 e = pw_arch_make_leaf (a, l, frame, prots[p], kernel);
                PwFlags f = pw_arch_decode_flags (a, l, e);

                g_assert_true (pw_arch_entry_present (a, l, e));
                g_assert_false (pw_arch_entry_is_table (a, l, e));
                g_assert_false (pw_arch_flags_is_table (a, l, f));
                g_assert_true (f & PW_F_PRESENT);
                g_assert_cmpint (!!(f & PW_F_LARGE), ==, !last);
                g_assert_cmphex (pw_arch_entry_frame (a, l, e), ==, frame);
                pw_arch_entry_rights (a, l, e, &r);
                g_assert_false (r.table);
                g_assert_cmpint (r.prot, ==, expected_prot (a, prots[p]));
                g_assert_cmpint (pw_arch_entry_prot (a, e), ==, r.prot);
                if (a->fmt == PW_FMT_OSTEP || (a->fmt == PW_FMT_CUSTOM && a->custom.user < 0))
                  g_assert_true (r.user);
                else
                  g_assert_cmpint (r.user, ==, !kernel);
                /* a leaf is fresh: not accessed, not dirty */
                g_assert_false (pw_arch_entry_accessed (a, e));
                g_assert_false (pw_arch_entry_dirty (a, e));
                /* copy-on-write takes write away and keeps the rest */
                pw_arch_entry_rights (a, l, pw_arch_entry_readonly (a, e), &r);
                if (a->fmt != PW_FMT_OSTEP && !(a->fmt == PW_FMT_CUSTOM && a->custom.writable < 0))
                  g_assert_cmpint (r.prot, ==, expected_prot (a, prots[p]) & ~PW_PROT_W);
                g_assert_cmphex (pw_arch_entry_frame (a, l, pw_arch_entry_readonly (a, e)), ==,
                                 frame);
              }
        }
    }
}

static void
test_format_ad (void)
{
  g_autoptr (GPtrArray) all = format_arches ();

  for (guint k = 0; k < all->len; k++)
    {
      const PwArch *a = all->pdata[k];
      guint leaf = a->n_levels - 1;
      guint64 e = pw_arch_make_leaf (a, leaf, 1, PW_PROT_R | PW_PROT_W, FALSE);
      guint64 ae = pw_arch_set_accessed (a, leaf, TRUE, e);
      guint64 de = pw_arch_set_dirty (a, ae);
      gboolean has_dirty = pw_arch_dirty_mask (a) != 0
                           || (a->fmt == PW_FMT_AARCH64 && a->hw_dirty);

      g_test_message ("%s", a->name);
      /* exactly the kernel's old test in evict_one */
      g_assert_cmpint (pw_arch_assume_dirty (a), ==, !has_dirty);
      g_assert_cmpint (pw_arch_entry_accessed (a, ae), ==, pw_arch_accessed_mask (a) != 0);
      g_assert_false (pw_arch_entry_dirty (a, ae));
      g_assert_cmpint (pw_arch_entry_dirty (a, de), ==, has_dirty);
      g_assert_cmphex (pw_arch_entry_frame (a, leaf, de), ==, 1);
      /* the update never changes what the page grants */
      g_assert_cmpint (pw_arch_entry_prot (a, de), ==, pw_arch_entry_prot (a, e));
      g_assert_cmphex (pw_arch_clear_ad (a, de, TRUE, TRUE), ==, e);
      g_assert_cmphex (pw_arch_clear_ad (a, de, FALSE, TRUE), ==, ae);
      /* a read-only page never becomes dirty */
      e = pw_arch_make_leaf (a, leaf, 1, PW_PROT_R, FALSE);
      if (a->fmt == PW_FMT_AARCH64)
        g_assert_cmphex (pw_arch_set_dirty (a, e), ==, e);

      if (a->fmt == PW_FMT_AARCH64)
        {
          e = pw_arch_make_leaf (a, leaf, 1, PW_PROT_R | PW_PROT_W, FALSE);
          /* DBM: writable-clean is AP[2] set; the hardware's write clears it */
          if (a->hw_dirty)
            {
              g_assert_cmphex (e & (A_AP2 | A_DBM), ==, A_AP2 | A_DBM);
              g_assert_cmphex (pw_arch_set_dirty (a, e) & (A_AP2 | A_DBM), ==, A_DBM);
            }
          else
            g_assert_cmphex (pw_arch_set_dirty (a, e), ==, e);
        }
      /* tables: x86 and custom set A in every entry used, except PAE PDPTEs;
       * RISC-V and Arm only in the leaf */
      for (guint l = 0; l + 1 < a->n_levels; l++)
        {
          guint64 t = pw_arch_make_table_entry (a, l, 1);
          gboolean sets = (a->fmt == PW_FMT_X86_32 || a->fmt == PW_FMT_X86_64
                           || (a->fmt == PW_FMT_X86_PAE && l > 0)
                           || (a->fmt == PW_FMT_CUSTOM && a->custom.accessed >= 0));
          guint64 at = pw_arch_set_accessed (a, l, FALSE, t);

          g_assert_cmpint (at != t, ==, sets);
          g_assert_true (pw_arch_entry_is_table (a, l, at));
          g_assert_cmphex (pw_arch_entry_frame (a, l, at), ==, 1);
        }
    }
}

static gboolean
has_field (const PwBitField *f,
           guint             n,
           const char       *name,
           guint             hi,
           guint             lo)
{
  for (guint i = 0; i < n; i++)
    if (g_str_equal (f[i].name, name))
      return f[i].hi == hi && f[i].lo == lo;
  return FALSE;
}

static gboolean
names_field (const PwBitField *f,
             guint             n,
             const char       *name)
{
  for (guint i = 0; i < n; i++)
    if (g_str_equal (f[i].name, name))
      return TRUE;
  return FALSE;
}

/* Fields in bit order, inside the entry, disjoint; each one-bit field's flag
 * is what decode reports for that bit. */
static void
check_fields (const PwArch     *a,
              guint             level,
              guint64           e,
              const PwBitField *f,
              guint             n)
{
  guint width = a->pte_bytes * 8;

  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (n, <=, PW_MAX_BIT_FIELDS);
  for (guint i = 0; i < n; i++)
    {
      g_assert_nonnull (f[i].name);
      g_assert_cmpuint (f[i].lo, <=, f[i].hi);
      g_assert_cmpuint (f[i].hi, <, width);
      if (i > 0)
        g_assert_cmpuint (f[i - 1].hi, <, f[i].lo);
      if (f[i].flag != 0 && f[i].hi == f[i].lo)
        g_assert_true (pw_arch_decode_flags (a, level, e | BIT (f[i].lo)) & f[i].flag);
    }
}

static void
test_format_names (void)
{
  g_autoptr (GPtrArray) all = format_arches ();

  for (guint k = 0; k < all->len; k++)
    {
      const PwArch *a = all->pdata[k];

      g_test_message ("%s", a->name);
      for (guint l = 0; l < a->n_levels; l++)
        for (int table = 0; table < 2; table++)
          {
            gboolean last = l + 1 == a->n_levels;
            PwBitField f[PW_MAX_BIT_FIELDS];
            guint64 e;
            guint n;

            if (table && last)
              continue;
            if (!table && !last && !a->large_ok[l])
              continue;
            e = table ? pw_arch_make_table_entry (a, l, 1) : pw_arch_make_leaf (a, l, 0, PW_PROT_R, FALSE);
            n = pw_arch_bit_fields (a, l, e, f);
            check_fields (a, l, e, f, n);
            switch (a->fmt)
              {
              case PW_FMT_X86_32:
              case PW_FMT_X86_PAE:
              case PW_FMT_X86_64:
                g_assert_true (has_field (f, n, "P", 0, 0));
                g_assert_true (has_field (f, n, "PWT", 3, 3));
                g_assert_true (has_field (f, n, "PCD", 4, 4));
                if (a->fmt == PW_FMT_X86_PAE && l == 0)
                  {
                    /* a PDPTE has no R/W, U/S, A or XD (SDM table 4-8) */
                    g_assert_false (names_field (f, n, "R/W"));
                    g_assert_false (names_field (f, n, "XD"));
                    break;
                  }
                g_assert_true (has_field (f, n, "R/W", 1, 1));
                g_assert_true (has_field (f, n, "U/S", 2, 2));
                g_assert_true (has_field (f, n, "A", 5, 5));
                if (last)
                  g_assert_true (has_field (f, n, "PAT", 7, 7));
                else
                  g_assert_true (has_field (f, n, "PS", 7, 7));
                if (!table)
                  {
                    g_assert_true (has_field (f, n, "D", 6, 6));
                    g_assert_true (has_field (f, n, "G", 8, 8));
                  }
                if (!table && !last)
                  g_assert_true (has_field (f, n, "PAT", 12, 12));
                g_assert_cmpint (names_field (f, n, "XD"), ==, a->fmt != PW_FMT_X86_32);
                if (a->fmt != PW_FMT_X86_32)
                  g_assert_true (has_field (f, n, "XD", 63, 63));
                break;
              case PW_FMT_RISCV:
                {
                  static const char *rv[] = { "V", "R", "W", "X", "U", "G", "A", "D" };
                  for (guint i = 0; i < G_N_ELEMENTS (rv); i++)
                    g_assert_true (has_field (f, n, rv[i], i, i));
                  g_assert_false (names_field (f, n, "P"));
                  g_assert_false (names_field (f, n, "PS"));
                  g_assert_true (has_field (f, n, "PPN", a->pte_bytes == 4 ? 31 : 53, 10));
                }
                break;
              case PW_FMT_AARCH64:
                g_assert_true (has_field (f, n, "valid", 0, 0));
                g_assert_false (names_field (f, n, "P"));
                if (table)
                  {
                    g_assert_true (has_field (f, n, "PXNTable", 59, 59));
                    g_assert_true (has_field (f, n, "UXNTable", 60, 60));
                    g_assert_true (has_field (f, n, "APTable[0]", 61, 61));
                    g_assert_true (has_field (f, n, "APTable[1]", 62, 62));
                    g_assert_true (has_field (f, n, "address", 47, 12));
                    g_assert_false (names_field (f, n, "AF"));
                  }
                else
                  {
                    g_assert_true (has_field (f, n, "AP[1]", 6, 6));
                    g_assert_true (has_field (f, n, "AP[2]", 7, 7));
                    g_assert_true (has_field (f, n, "AF", 10, 10));
                    g_assert_true (has_field (f, n, "nG", 11, 11));
                    g_assert_true (has_field (f, n, "DBM", 51, 51));
                    g_assert_true (has_field (f, n, "PXN", 53, 53));
                    g_assert_true (has_field (f, n, "UXN", 54, 54));
                    g_assert_true (has_field (f, n, "address", 47, pw_arch_level_shift (a, l)));
                    g_assert_false (names_field (f, n, "APTable[1]"));
                  }
                break;
              case PW_FMT_OSTEP:
                g_assert_cmpuint (n, ==, 2);
                g_assert_true (has_field (f, n, "PFN", 6, 0));
                g_assert_true (has_field (f, n, "valid", 7, 7));
                break;
              case PW_FMT_CUSTOM:
                {
                  const PwCustomPte *c = &a->custom;
                  g_assert_true (has_field (f, n, "present", c->present, c->present));
                  g_assert_true (has_field (f, n, "pfn", c->pfn_shift + c->pfn_bits - 1,
                                            c->pfn_shift));
                  g_assert_cmpint (names_field (f, n, "dirty"), ==, c->dirty >= 0);
                  if (c->dirty >= 0)
                    g_assert_true (has_field (f, n, "dirty", c->dirty, c->dirty));
                  g_assert_cmpint (names_field (f, n, "huge"), ==, c->huge >= 0);
                }
                break;
              default:
                g_assert_not_reached ();
              }
          }
      /* the long names, as the CLI prints them */
      switch (a->fmt)
        {
        case PW_FMT_RISCV:
          g_assert_cmpstr (pw_flag_name (a, PW_F_PRESENT), ==, "valid");
          g_assert_cmpstr (pw_flag_name (a, PW_F_LARGE), ==, "superpage");
          break;
        case PW_FMT_AARCH64:
          g_assert_cmpstr (pw_flag_name (a, PW_F_PRESENT), ==, "valid");
          g_assert_cmpstr (pw_flag_name (a, PW_F_ACCESSED), ==, "af");
          g_assert_cmpstr (pw_flag_name (a, PW_F_LARGE), ==, "block");
          g_assert_cmpstr (pw_flag_name (a, PW_F_NX), ==, "uxn");
          break;
        case PW_FMT_OSTEP:
          g_assert_cmpstr (pw_flag_name (a, PW_F_PRESENT), ==, "valid");
          break;
        default:
          g_assert_cmpstr (pw_flag_name (a, PW_F_PRESENT), ==, "present");
          g_assert_cmpstr (pw_flag_name (a, PW_F_LARGE), ==, "large");
          break;
        }
    }
}

static void
test_fault_names (void)
{
  PwArch *a = preset ("x86-64");
  PwPhysMem *m = mem_for (a);
  char *msg;

  g_assert_cmpstr (pw_fault_kind_name (PW_FAULT_NONE), ==, NULL);
  g_assert_cmpstr (pw_fault_kind_name (PW_FAULT_NOT_PRESENT), ==, "not-present");
  g_assert_cmpstr (pw_fault_kind_name (PW_FAULT_PROTECTION), ==, "protection");
  g_assert_cmpstr (pw_fault_kind_name (PW_FAULT_RESERVED_BIT), ==, "reserved-bit");
  g_assert_cmpstr (pw_fault_kind_name (PW_FAULT_MISALIGNED), ==, "misaligned");
  g_assert_cmpstr (pw_fault_kind_name (PW_FAULT_NON_CANONICAL), ==, "non-canonical");
  g_assert_cmpstr (pw_fault_kind_name (PW_FAULT_OUT_OF_RANGE), ==, "out-of-range");
  g_assert_cmpstr (pw_fault_kind_name (PW_FAULT_SEGMENTATION), ==, "segmentation");

  x64_chain (a, m, 7, 7, 5, 7, WR, USR, 0);
  msg = pw_walk_fault_message (a, &the_walk);
  g_assert_cmpstr (msg, ==, "PD entry does not allow writes");
  g_free (msg);
  rd (a, m, 0x1000, 0x0000800000000000, USR);
  msg = pw_walk_fault_message (a, &the_walk);
  g_assert_nonnull (strstr (msg, "0x800000000000"));
  g_assert_nonnull (strstr (msg, "47"));
  g_free (msg);
  pw_physmem_free (m);
  pw_arch_free (a);
}

/* ---- sparse physical memory ---------------------------------------------------- */

static void
test_physmem (void)
{
  PwPhysMem *m = pw_physmem_new (12, FALSE), *copy;
  guint64 state = 1, *frames, n;
  GArray *known = g_array_new (FALSE, FALSE, sizeof (guint64));

  /* thousands of frames scattered over a 52-bit space: the table grows */
  for (guint i = 0; i < 5000; i++)
    {
      guint64 f;
      state = state * G_GUINT64_CONSTANT (6364136223846793005) + 1442695040888963407;
      f = (state >> 24) & pw_mask (40);
      if (pw_physmem_frame (m, f) != NULL)
        continue;
      g_assert_cmpint (pw_physmem_byte (m, f << 12), ==, -1);  /* cached as unknown */
      pw_physmem_write (m, (f << 12) + 8, 8, f ^ 0x1122334455667788);
      g_array_append_val (known, f);
    }
  g_assert_cmpuint (pw_physmem_n_known (m), ==, known->len);
  for (guint i = 0; i < known->len; i++)
    {
      guint64 f = g_array_index (known, guint64, i);
      gboolean k = FALSE;
      g_assert_cmphex (pw_physmem_read (m, (f << 12) + 8, 8, &k), ==, f ^ 0x1122334455667788);
      g_assert_true (k);
      g_assert_cmpint (pw_physmem_byte (m, (f << 12) + 8), ==, (f ^ 0x88) & 0xff);
      g_assert_cmphex (pw_physmem_read (m, (f << 12) + 4, 4, NULL), ==, 0);
    }
  frames = pw_physmem_known_frames (m, &n);
  g_assert_cmpuint (n, ==, known->len);
  for (guint64 i = 1; i < n; i++)
    g_assert_cmpuint (frames[i - 1], <, frames[i]);
  g_free (frames);

  /* a copy is independent */
  copy = pw_physmem_copy (m);
  /* forget every other frame; the rest must still be found */
  for (guint i = 0; i < known->len; i += 2)
    pw_physmem_forget (m, g_array_index (known, guint64, i));
  for (guint i = 0; i < known->len; i++)
    {
      guint64 f = g_array_index (known, guint64, i);
      gboolean k = TRUE;
      guint64 v = pw_physmem_read (m, (f << 12) + 8, 8, &k);
      if (i % 2 == 0)
        {
          g_assert_false (k);
          g_assert_cmphex (v, ==, 0);
          g_assert_null (pw_physmem_frame (m, f));
        }
      else
        g_assert_cmphex (v, ==, f ^ 0x1122334455667788);
      g_assert_cmphex (pw_physmem_read (copy, (f << 12) + 8, 8, NULL), ==, f ^ 0x1122334455667788);
    }
  g_assert_cmpuint (pw_physmem_n_known (m), ==, known->len / 2);
  g_assert_cmpuint (pw_physmem_n_known (copy), ==, known->len);
  pw_physmem_write (copy, 0x5000, 1, 0x77);
  g_assert_cmpint (pw_physmem_byte (copy, 0x5000), ==, 0x77);
  g_assert_cmpint (pw_physmem_byte (m, 0x5000), ==, -1);
  /* known again after being forgotten */
  pw_physmem_write (m, g_array_index (known, guint64, 0) << 12, 1, 0x99);
  g_assert_cmpint (pw_physmem_byte (m, g_array_index (known, guint64, 0) << 12), ==, 0x99);
  g_assert_cmpint (pw_physmem_byte (m, (g_array_index (known, guint64, 0) << 12) + 8), ==, 0);
  pw_physmem_free (copy);
  pw_physmem_free (m);
  g_array_free (known, TRUE);

  /* an entry straddling two frames, and big-endian memory */
  m = pw_physmem_new (5, FALSE);
  pw_physmem_write (m, 30, 4, 0xa1b2c3d4);
  g_assert_cmphex (pw_physmem_read (m, 30, 4, NULL), ==, 0xa1b2c3d4);
  g_assert_cmpint (pw_physmem_byte (m, 30), ==, 0xd4);
  g_assert_cmpint (pw_physmem_byte (m, 33), ==, 0xa1);
  pw_physmem_free (m);
  m = pw_physmem_new (12, TRUE);
  pw_physmem_write (m, 0x1000, 8, 0x0102030405060708);
  g_assert_cmpint (pw_physmem_byte (m, 0x1000), ==, 0x01);
  g_assert_cmphex (pw_physmem_read (m, 0x1000, 8, NULL), ==, 0x0102030405060708);
  g_assert_cmphex (pw_physmem_read (m, 0x1000, 4, NULL), ==, 0x01020304);
  g_assert_cmphex (pw_physmem_read (m, 0x1000, 2, NULL), ==, 0x0102);
  pw_physmem_free (m);
}

/* Frames holding fewer bytes than a page (frame images): the bytes given,
 * then zeros, through every reader, the walk included; a page of their own
 * only when a caller asks for one or writes past them. */
static void
test_physmem_short (void)
{
  static const guint8 img[] = { 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0x00, 0x00 };
  PwArch *a = preset ("x86-32");
  PwPhysMem *m = mem_for (a), *copy;
  const guint8 *page;
  gboolean known = FALSE;
  guint8 entries[8];
  PwWalk *w;

  pw_physmem_frame_image (m, 7, img, sizeof img);
  g_assert_cmpuint (pw_physmem_n_known (m), ==, 1);
  g_assert_cmpuint (pw_physmem_frame_held (m, 7), ==, 9);   /* trailing zeros not kept */
  g_assert_cmpuint (pw_physmem_frame_held (m, 8), ==, 0);
  for (guint i = 0; i < 9; i++)
    g_assert_cmpint (pw_physmem_byte (m, (7 << 12) + i), ==, img[i]);
  g_assert_cmpint (pw_physmem_byte (m, (7 << 12) + 9), ==, 0);
  g_assert_cmpint (pw_physmem_byte (m, (7 << 12) + 4095), ==, 0);
  g_assert_cmpint (pw_physmem_byte (m, 8 << 12), ==, -1);
  g_assert_cmphex (pw_physmem_read (m, 7 << 12, 8, &known), ==, 0x8877665544332211);
  g_assert_true (known);
  g_assert_cmphex (pw_physmem_read (m, (7 << 12) + 6, 4, NULL), ==, 0x998877);  /* runs past them */
  g_assert_cmphex (pw_physmem_read (m, (7 << 12) + 16, 8, &known), ==, 0);
  g_assert_true (known);
  g_assert_cmphex (pw_physmem_read (m, (7 << 12) + 4094, 2, NULL), ==, 0);
  g_assert_cmphex (pw_physmem_read (m, (7 << 12) + 4095, 2, &known), ==, 0);    /* into frame 8 */

  /* copies share the short bytes; a write within them leaves the frame
   * short, a write past them gives it a page */
  copy = pw_physmem_copy (m);
  pw_physmem_write (m, (7 << 12) + 1, 1, 0xee);
  g_assert_cmpuint (pw_physmem_frame_held (m, 7), ==, 9);
  g_assert_cmpint (pw_physmem_byte (m, (7 << 12) + 1), ==, 0xee);
  g_assert_cmpint (pw_physmem_byte (copy, (7 << 12) + 1), ==, 0x22);
  pw_physmem_write (m, (7 << 12) + 100, 2, 0xabcd);
  g_assert_cmpuint (pw_physmem_frame_held (m, 7), ==, 4096);
  g_assert_cmpint (pw_physmem_byte (m, (7 << 12) + 100), ==, 0xcd);
  g_assert_cmpint (pw_physmem_byte (m, (7 << 12) + 101), ==, 0xab);
  g_assert_cmpint (pw_physmem_byte (m, (7 << 12) + 9), ==, 0);
  g_assert_cmpint (pw_physmem_byte (m, (7 << 12) + 8), ==, 0x99);
  g_assert_cmpint (pw_physmem_byte (copy, (7 << 12) + 100), ==, 0);
  g_assert_cmpuint (pw_physmem_frame_held (copy, 7), ==, 9);

  /* a whole page on demand: the same value */
  page = pw_physmem_frame (copy, 7);
  g_assert_nonnull (page);
  g_assert_cmpuint (pw_physmem_frame_held (copy, 7), ==, 4096);
  g_assert_cmpmem (page, 9, img, 9);
  for (guint i = 9; i < 4096; i++)
    g_assert_cmpint (page[i], ==, 0);
  g_assert_null (pw_physmem_frame (copy, 8));

  /* an image given to a known frame is laid over its first bytes; a short
   * frame stays short when they fit; zeros share the zero page */
  pw_physmem_frame_image (copy, 7, img + 4, 2);
  g_assert_cmpuint (pw_physmem_frame_held (copy, 7), ==, 4096);
  g_assert_cmpint (pw_physmem_byte (copy, (7 << 12) + 1), ==, 0x66);
  g_assert_cmpint (pw_physmem_byte (copy, (7 << 12) + 2), ==, 0x33);
  pw_physmem_frame_image (copy, 10, img, sizeof img);
  pw_physmem_frame_image (copy, 10, img + 7, 2);
  g_assert_cmpuint (pw_physmem_frame_held (copy, 10), ==, 9);
  g_assert_cmphex (pw_physmem_read (copy, 10 << 12, 4, NULL), ==, 0x44339988);
  pw_physmem_frame_image (copy, 10, img, 11);
  g_assert_cmpuint (pw_physmem_frame_held (copy, 10), ==, 4096);
  g_assert_cmphex (pw_physmem_read (copy, 10 << 12, 4, NULL), ==, 0x44332211);
  pw_physmem_frame_image (copy, 9, img + 9, 2);
  g_assert_cmpuint (pw_physmem_frame_held (copy, 9), ==, 4096);
  g_assert_cmpint (pw_physmem_byte (copy, (9 << 12) + 5), ==, 0);
  g_assert_cmpuint (pw_physmem_n_known (copy), ==, 3);
  pw_physmem_forget (copy, 7);
  g_assert_cmpint (pw_physmem_byte (copy, 7 << 12), ==, -1);
  g_assert_cmpint (pw_physmem_byte (m, 7 << 12), ==, 0x11);
  pw_physmem_free (copy);

  /* x86-32 tables held short: a page directory of one entry, a page table
   * of two; entries past the bytes held are known and zero (not present) */
  memset (entries, 0, sizeof entries);
  entries[0] = 0x07;
  entries[1] = 0x20;   /* PDE 0 -> page table in frame 2 */
  pw_physmem_frame_image (m, 1, entries, 4);
  entries[1] = 0x70;   /* PTE 0 -> frame 7 */
  entries[4] = 0x07;
  entries[5] = 0x60;   /* PTE 1 -> frame 6 (unknown) */
  pw_physmem_frame_image (m, 2, entries, 8);
  g_assert_cmpuint (pw_physmem_frame_held (m, 1), ==, 2);
  w = walk (a, m, 1, 0x0, PW_ACCESS_READ, PW_MODE_USER, 0);
  g_assert_cmpint (w->fault, ==, PW_FAULT_NONE);
  g_assert_cmphex (w->pa, ==, 0x7000);
  g_assert_cmpint (w->value, ==, 0x11);
  w = walk (a, m, 1, 0x8, PW_ACCESS_READ, PW_MODE_USER, 0);
  g_assert_cmpint (w->value, ==, 0x99);
  w = walk (a, m, 1, 0x9, PW_ACCESS_READ, PW_MODE_USER, 0);
  g_assert_cmpint (w->value, ==, 0);
  w = walk (a, m, 1, 0x1000, PW_ACCESS_READ, PW_MODE_USER, 0);
  g_assert_cmpint (w->fault, ==, PW_FAULT_NONE);
  g_assert_cmpint (w->value, ==, -1);
  w = walk (a, m, 1, 0x2000, PW_ACCESS_READ, PW_MODE_USER, 0);
  g_assert_cmpint (w->fault, ==, PW_FAULT_NOT_PRESENT);
  g_assert_cmpuint (w->n_steps, ==, 2);
  g_assert_true (w->steps[1].known);
  g_assert_cmphex (w->steps[1].entry, ==, 0);
  w = walk (a, m, 1, 0x400000, PW_ACCESS_READ, PW_MODE_USER, 0);
  g_assert_cmpint (w->fault, ==, PW_FAULT_NOT_PRESENT);
  g_assert_cmpuint (w->n_steps, ==, 1);
  g_assert_true (w->steps[0].known);
  pw_physmem_free (m);

  /* big-endian: the bytes held come first, zeros after them */
  m = pw_physmem_new (12, TRUE);
  pw_physmem_frame_image (m, 3, img, 3);
  g_assert_cmphex (pw_physmem_read (m, 3 << 12, 4, NULL), ==, 0x11223300);
  g_assert_cmphex (pw_physmem_read (m, (3 << 12) + 2, 2, NULL), ==, 0x3300);
  pw_physmem_free (m);
  pw_arch_free (a);
}

static int
cmp_key_then_index (gconstpointer a,
                    gconstpointer b)
{
  const PwKey *x = a, *y = b;
  if (x->key != y->key)
    return x->key < y->key ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

/* Set-up's sort (frame images, pins, implied regions): by key, equal keys
 * in their first order, for a few keys and for many, small and 64-bit. */
static void
test_keysort (void)
{
  static const guint sizes[] = { 0, 1, 2, 63, 64, 1000, 20000 };
  guint64 state = 5;

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (guint kind = 0; kind < 4; kind++)
      {
        guint n = sizes[s];
        g_autofree PwKey *v = g_new (PwKey, MAX (n, 1));
        g_autofree PwKey *want = g_new (PwKey, MAX (n, 1));
        for (guint i = 0; i < n; i++)
          {
            state = state * G_GUINT64_CONSTANT (6364136223846793005) + 1442695040888963407;
            switch (kind)
              {
              case 0: v[i].key = state; break;                        /* 64-bit */
              case 1: v[i].key = (state >> 40) % 50; break;            /* many equal */
              case 2: v[i].key = i; break;                             /* in order */
              default: v[i].key = G_MAXUINT64 - (state >> 50); break;  /* high digits shared */
              }
            v[i].index = i;
          }
        memcpy (want, v, sizeof (PwKey) * n);
        qsort (want, n, sizeof (PwKey), cmp_key_then_index);
        pw_keysort (v, n);
        g_assert_cmpmem (v, sizeof (PwKey) * n, want, sizeof (PwKey) * n);
      }
}

int
main (int   argc,
      char *argv[])
{
  static const char *multilevel[] = {
    "multilevel_s0_c.txt", "multilevel_s1_c.txt", "multilevel_s2_c.txt",
    "multilevel_s0_a16_n20_c.txt", "multilevel_s1_a16_n20_c.txt", "multilevel_s2_a16_n20_c.txt",
  };
  static const char *segments[] = {
    "segmentation_s0_c.txt", "segmentation_s1_c.txt", "segmentation_s2_c.txt",
    "segmentation_s0_a16k_p64k_n10_c.txt", "segmentation_s1_a16k_p64k_n10_c.txt",
    "segmentation_s2_a16k_p64k_n10_c.txt", "segmentation_explicit_A.txt",
    "segmentation_explicit_B.txt", "relocation_s0_c.txt", "relocation_s1_c.txt",
    "relocation_s2_c.txt",
  };

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mmu/presets/geometry", test_presets_geometry);
  g_test_add_func ("/mmu/presets/default-memory", test_presets_default_memory);
  g_test_add_func ("/mmu/presets/helpers-encode", test_helpers_encode);
  g_test_add_func ("/mmu/presets/helpers-sweep", test_helpers_sweep);
  g_test_add_func ("/mmu/seed/4k", test_seed);
  g_test_add_func ("/mmu/x86-32/4k", test_x86_32_4k);
  g_test_add_func ("/mmu/x86-32/4m", test_x86_32_4m);
  g_test_add_func ("/mmu/x86-pae/walk", test_x86_pae);
  g_test_add_func ("/mmu/x86-64/4k", test_x86_64_4k);
  g_test_add_func ("/mmu/x86-64/2m", test_x86_64_2m);
  g_test_add_func ("/mmu/x86-64/1g", test_x86_64_1g);
  g_test_add_func ("/mmu/x86-64/canonical", test_x86_64_canonical);
  g_test_add_func ("/mmu/x86-64/protection", test_x86_64_protection);
  g_test_add_func ("/mmu/x86-64/ad", test_x86_64_ad);
  g_test_add_func ("/mmu/x86-64/pa-bits", test_x86_64_pa_bits);
  g_test_add_func ("/mmu/x86-64-la57/walk", test_la57);
  g_test_add_func ("/mmu/riscv-sv32/walk", test_riscv_sv32);
  g_test_add_func ("/mmu/riscv-sv39/4k", test_riscv_sv39);
  g_test_add_func ("/mmu/riscv-sv39/large", test_riscv_sv39_large);
  g_test_add_func ("/mmu/riscv-sv39/misaligned", test_riscv_misaligned);
  g_test_add_func ("/mmu/riscv-sv39/protection", test_riscv_protection);
  g_test_add_func ("/mmu/riscv-sv39/ad", test_riscv_ad);
  g_test_add_func ("/mmu/riscv-sv48/walk", test_riscv_sv48);
  g_test_add_func ("/mmu/aarch64/4k", test_aarch64_4k);
  g_test_add_func ("/mmu/aarch64/blocks", test_aarch64_blocks);
  g_test_add_func ("/mmu/aarch64/ap", test_aarch64_ap);
  g_test_add_func ("/mmu/aarch64/aptable", test_aarch64_aptable);
  g_test_add_func ("/mmu/aarch64/af-dbm", test_aarch64_af_dbm);
  g_test_add_func ("/mmu/aarch64/address-size", test_aarch64_address_size);
  g_test_add_func ("/mmu/ostep-multilevel/hand", test_ostep_multilevel);
  for (guint i = 0; i < G_N_ELEMENTS (multilevel); i++)
    {
      char *path = g_strdup_printf ("/mmu/ostep-multilevel/%s", multilevel[i]);
      g_test_add_data_func (path, multilevel[i], test_ostep_multilevel_file);
      g_free (path);
    }
  g_test_add_func ("/mmu/segment/ostep-example", test_segment_ostep_example);
  for (guint i = 0; i < G_N_ELEMENTS (segments); i++)
    {
      char *path = g_strdup_printf ("/mmu/segment/%s", segments[i]);
      g_test_add_data_func (path, segments[i], test_segment_ostep_file);
      g_free (path);
    }
  g_test_add_func ("/mmu/segment/edges", test_segment_edges);
  g_test_add_func ("/mmu/custom/course-16", test_custom_course16);
  g_test_add_func ("/mmu/custom/va64", test_custom_va64);
  g_test_add_func ("/mmu/custom/check", test_custom_check);
  g_test_add_func ("/mmu/number/parse", test_number_parse);
  g_test_add_func ("/mmu/physmem/sparse", test_physmem);
  g_test_add_func ("/mmu/fault-names", test_fault_names);
  g_test_add_func ("/mmu/format/round-trip", test_format_round_trip);
  g_test_add_func ("/mmu/format/accessed-dirty", test_format_ad);
  g_test_add_func ("/mmu/format/names", test_format_names);
  g_test_add_func ("/mmu/physmem/short-frames", test_physmem_short);
  g_test_add_func ("/mmu/keysort", test_keysort);

  return g_test_run ();
}

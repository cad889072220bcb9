/* pw-render-life-text.c: the words for a step without an access
 *
 * The title, the narration in a teacher's words and the count lines of a
 * switch, fork, spawn, exit or range step (reserve, commit, decommit,
 * free), from the kernel's record of it (PwStepRecord,
 * pw_machine_last_step()).  pw-render-lifecycle.c draws them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-render"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pw-render-private.h"

/* A count for g_dngettext() (which takes an unsigned long). */
static gulong
plural_n (guint64 n)
{
  /* the plural rules of every language look at the last digits */
  return n <= G_MAXULONG ? (gulong) n : (gulong) (n % 1000000) + 1000000;
}


const char *
pw_life_register (PwCtx *c)
{
  return c->arch->root_register != NULL ? c->arch->root_register : "PTBR";
}

char *
pw_life_who (PwCtx      *c,
             guint       pid,
             const char *name)
{
  const PwProcess *p = pw_machine_lookup (c->m, pid);

  if (name == NULL && p != NULL)
    name = p->name;
  if (name != NULL && *name != '\0')
    /* Translators: a pid, then the process's name */
    return g_strdup_printf (_("process %s “%s”"), PW_DEC (pid), name);
  return g_strdup_printf (_("process %s"), PW_DEC (pid));
}

const char *
pw_life_state_word (PwRegionState s)
{
  switch (s)
    {
    case PW_REGION_RESERVED: return _("reserved");
    case PW_REGION_COMMITTED: return _("committed");
    case PW_REGION_FREE:
    default: return _("free");
    }
}

/* "0x1000–0x2fff (8 KiB)", addresses of @bits */
char *
pw_life_range (guint64 start,
               guint64 size,
               guint   bits)
{
  g_autofree char *a = pw_fmt_addr (start, bits);
  g_autofree char *b = pw_fmt_addr (start + (size - 1), bits);
  g_autofree char *s = pw_fmt_size (size);

  return g_strdup_printf ("%s–%s (%s)", a, b, s);
}

static guint64
range_pages (PwCtx *c)
{
  const PwStepRecord *r = c->life;
  guint shift = c->arch->page_shift;

  return r->size == 0 ? 0 : ((r->start + (r->size - 1)) >> shift) - (r->start >> shift) + 1;
}

char *
pw_life_title (PwCtx *c)
{
  const PwStepRecord *r = c->life;
  g_autofree char *who = pw_life_who (c, r->pid, r->kind == PW_STEP_EXIT ? r->name : NULL);

  switch (r->kind)
    {
    case PW_STEP_SWITCH:
      if (r->other_pid != 0 && r->other_pid != r->pid)
        {
          g_autofree char *from = pw_life_who (c, r->other_pid, NULL);
          /* Translators: the process before, then the process after */
          return g_strdup_printf (_("Context switch: %s → %s"), from, who);
        }
      return g_strdup_printf (_("Context switch to %s"), who);
    case PW_STEP_FORK:
      {
        g_autofree char *child = pw_life_who (c, r->other_pid, NULL);
        /* Translators: the parent, then the child */
        return g_strdup_printf (_("fork: %s makes %s"), who, child);
      }
    case PW_STEP_SPAWN:
      return g_strdup_printf (_("%s starts"), who);
    case PW_STEP_EXIT:
      return g_strdup_printf (_("%s exits"), who);
    case PW_STEP_RESERVE:
      return g_strdup_printf (_("reserve: address space for %s"), who);
    case PW_STEP_COMMIT:
      return g_strdup_printf (_("commit: memory for %s"), who);
    case PW_STEP_DECOMMIT:
      return g_strdup_printf (_("decommit: %s gives pages back"), who);
    case PW_STEP_FREE:
      return g_strdup_printf (_("free: %s releases address space"), who);
    default:
      return g_strdup (who);
    }
}

/* "3 TLB entries dropped (no ASIDs)" / "3 TLB entries kept: tagged with ASIDs" */
char *
pw_life_tlb_line (PwCtx *c)
{
  const PwStepRecord *r = c->life;
  gboolean asid = pw_machine_config (c->m)->tlb_asid;

  if (!r->tlb)
    return g_strdup (_("No TLB in this machine: nothing to flush."));
  if (r->kind == PW_STEP_SWITCH)
    {
      if (r->other_pid == 0 || r->other_pid == r->pid)
        return g_strdup (_("TLB untouched: the same process runs on."));
      if (asid)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "TLB kept: %s entry stays, tagged with its ASID (address-space ID); no flush.",
                                             "TLB kept: %s entries stay, tagged with their ASIDs (address-space IDs); no flush.",
                                             plural_n (r->tlb_kept)),
                                PW_DEC (r->tlb_kept));
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "TLB flushed: %s entry dropped (no ASIDs: it could translate for the wrong process).",
                                           "TLB flushed: %s entries dropped (no ASIDs: they could translate for the wrong process).",
                                           plural_n (r->tlb_dropped)),
                              PW_DEC (r->tlb_dropped));
    }
  if (r->tlb_dropped == 0)
    return g_strdup (_("TLB: no entry to drop."));
  /* Translators: a count of entries, then a pid */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "TLB: %s entry of pid %s dropped.",
                                       "TLB: %s entries of pid %s dropped.", plural_n (r->tlb_dropped)),
                          PW_DEC (r->tlb_dropped), PW_DEC (r->pid));
}

/* What was freed: "Back to free memory: 2 data frames, 3 page-table frames; 1 swap slot freed." */
char *
pw_life_freed_line (PwCtx *c)
{
  const PwStepRecord *r = c->life;
  g_autofree char *data = NULL, *tables = NULL, *slots = NULL;

  if (c->arch->kind != PW_ARCH_PAGED)
    {
      g_autofree char *size = pw_fmt_size (r->size);
      return g_strdup_printf (_("Freed: %s of physical memory, a hole for the next process."), size);
    }
  data = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s data frame", "%s data frames",
                                       plural_n (r->frames_freed)),
                          PW_DEC (r->frames_freed));
  tables = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s page-table frame", "%s page-table frames",
                                         plural_n (r->tables_freed)),
                            PW_DEC (r->tables_freed));
  slots = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s swap slot", "%s swap slots",
                                        plural_n (r->slots_freed)),
                           PW_DEC (r->slots_freed));
  /* Translators: data frames, page-table frames, swap slots (each with its count) */
  return g_strdup_printf (_("Back to free memory: %s, %s; %s freed."), data, tables, slots);
}

/* "3 pages released; 2 of them still mapped by another process keep their frames." */
char *
pw_life_pages_line (PwCtx *c)
{
  const PwStepRecord *r = c->life;
  guint64 kept = r->frames_kept;
  g_autofree char *released = NULL, *stay = NULL;

  if (r->pages_released == 0)
    return g_strdup (_("No page was in memory or on disk: nothing to release."));
  released = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s page released.", "%s pages released.",
                                           plural_n (r->pages_released)),
                              PW_DEC (r->pages_released));
  if (kept == 0)
    return g_steal_pointer (&released);
  stay = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%s of them keeps its frame: another process still maps it (shared, copy-on-write).",
                                       "%s of them keep their frames: another process still maps them (shared, copy-on-write).",
                                       plural_n (kept)),
                          PW_DEC (kept));
  return g_strdup_printf ("%s %s", released, stay);
}

/* The fork's copies: tables, entries, copy-on-write marks. */
char *
pw_life_fork_line (PwCtx *c)
{
  const PwStepRecord *r = c->life;
  g_autofree char *tables = NULL, *entries = NULL, *cow = NULL, *marked = NULL, *line = NULL;

  tables = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s page-table frame", "%s page-table frames",
                                         plural_n (r->tables_made)),
                            PW_DEC (r->tables_made));
  entries = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s leaf entry", "%s leaf entries",
                                          plural_n (r->entries_copied)),
                             PW_DEC (r->entries_copied));
  cow = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s page shared copy-on-write",
                                      "%s pages shared copy-on-write", plural_n (r->cow_shared)),
                         PW_DEC (r->cow_shared));
  marked = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s made read-only now", "%s made read-only now",
                                         plural_n (r->cow_marked)),
                            PW_DEC (r->cow_marked));
  /* Translators: tables, entries, COW pages, pages marked now (each with its count) */
  line = g_strdup_printf (_("Copied for the child: %s (its root included), %s pointing at the parent's frames; %s (%s, in both processes)."),
                          tables, entries, cow, marked);
  if (r->slots_copied > 0)
    {
      g_autofree char *slots =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s page on disk copied to a slot of its own.",
                                      "%s pages on disk copied to slots of their own.",
                                      plural_n (r->slots_copied)),
                         PW_DEC (r->slots_copied));
      return g_strdup_printf ("%s %s", line, slots);
    }
  return g_steal_pointer (&line);
}

/* A range step: pages, frames, entries rewritten. */
char *
pw_life_range_line (PwCtx *c)
{
  const PwStepRecord *r = c->life;
  guint64 pages = range_pages (c);
  g_autofree char *range = pw_life_range (r->start, r->size, c->arch->va_bits);
  g_autofree char *np = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s page", "%s pages", plural_n (pages)),
                                         PW_DEC (pages));

  switch (r->kind)
    {
    case PW_STEP_COMMIT:
      if (r->entries_rewritten > 0)
        {
          char prot[4];
          pw_prot_string (r->after[0].prot, prot);
          return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               /* Translators: the range, its pages, the count of
                                                * entries, the protection */
                                               "%s, %s: %s resident page's entry rewritten to %s.",
                                               "%s, %s: %s resident pages' entries rewritten to %s.",
                                               plural_n (r->entries_rewritten)),
                                  range, np, PW_DEC (r->entries_rewritten), prot);
        }
      /* Translators: the range, then its pages */
      return g_strdup_printf (_("%s, %s: each gets a frame on its first touch."), range, np);
    case PW_STEP_RESERVE:
      /* Translators: the range, then its pages */
      return g_strdup_printf (_("%s, %s: claimed, no frame behind them."), range, np);
    default:
      {
        g_autofree char *pl = pw_life_pages_line (c);
        g_autofree char *freed = r->pages_released > 0 ? pw_life_freed_line (c) : NULL;
        /* Translators: the range, its pages, what was released */
        g_autofree char *line = g_strdup_printf (_("%s, %s. %s"), range, np, pl);
        return freed ? g_strdup_printf ("%s %s", line, freed) : g_steal_pointer (&line);
      }
    }
}

/* The narration: what happened, in a teacher's words. */
char *
pw_life_narration (PwCtx *c)
{
  const PwStepRecord *r = c->life;
  g_autofree char *who = pw_life_who (c, r->pid, r->kind == PW_STEP_EXIT ? r->name : NULL);
  g_autofree char *tlb = NULL;
  const char *reg = pw_life_register (c);

  if (r->tlb)
    tlb = pw_life_tlb_line (c);

  switch (r->kind)
    {
    case PW_STEP_SWITCH:
      if (r->other_pid == 0 || r->other_pid == r->pid)
        return g_strdup_printf (_("%s is already running: the switch changes nothing."), who);
      if (c->arch->kind != PW_ARCH_PAGED)
        return g_strdup_printf (_("Context switch: the kernel loads the base and limit registers with those of %s, so its addresses now go to its own memory."),
                                who);
      {
        g_autofree char *frame = pw_fmt_hex (r->new_root);
        g_autofree char *base = g_strdup_printf (
          /* Translators: the register (CR3, satp...), the process, the root's frame */
          _("Context switch: the kernel loads %s with the root table of %s (frame %s), so every walk now starts there."),
          reg, who, frame);
        return tlb ? g_strdup_printf ("%s %s", base, tlb) : g_steal_pointer (&base);
      }

    case PW_STEP_FORK:
      {
        g_autofree char *child = pw_life_who (c, r->other_pid, NULL);
        g_autofree char *frame = pw_fmt_hex (r->new_root);
        g_autofree char *base =
          g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        /* Translators: the child, its root's frame, pages
                                         * shared copy-on-write */
                                        "fork: %s gets its own root table (frame %s) and copies of the page tables, not of the pages: both processes map the same frames. %s writable page is read-only in both now (copy-on-write): the first write to it faults, and the kernel copies it then.",
                                        "fork: %s gets its own root table (frame %s) and copies of the page tables, not of the pages: both processes map the same frames. %s writable pages are read-only in both now (copy-on-write): the first write to one faults, and the kernel copies it then.",
                                        plural_n (r->cow_shared)),
                           child, frame, PW_DEC (r->cow_shared));
        return tlb ? g_strdup_printf ("%s %s", base, tlb) : g_steal_pointer (&base);
      }

    case PW_STEP_SPAWN:
      if (c->arch->kind != PW_ARCH_PAGED)
        return g_strdup_printf (_("%s starts: the kernel places it in a hole of physical memory (first fit) and sets its base and limit."),
                                who);
      {
        g_autofree char *frame = pw_fmt_hex (r->new_root);
        /* Translators: the process, its root's frame */
        return g_strdup_printf (_("%s starts: the kernel gives it a root table (frame %s) and its regions; its pages get frames when they are first touched."),
                                who, frame);
      }

    case PW_STEP_EXIT:
      {
        g_autofree char *freed = pw_life_freed_line (c);
        /* Translators: the process, then what was given back */
        g_autofree char *base = g_strdup_printf (_("%s exits: the kernel takes back its memory. %s"),
                                                 who, freed);
        return tlb ? g_strdup_printf ("%s %s", base, tlb) : g_steal_pointer (&base);
      }

    case PW_STEP_RESERVE:
      return g_strdup_printf (_("reserve: the addresses are claimed for %s but nothing is behind them: an access there is still a segmentation fault until they are committed."),
                              who);
    case PW_STEP_COMMIT:
      if (r->entries_rewritten > 0)
        return g_strdup (_("commit over committed memory changes the protection: the kernel rewrites the entries of the resident pages and shoots their TLB entries down."));
      return g_strdup_printf (_("commit: the memory is promised to %s; no frame is taken yet, each page gets one (zero-filled) on its first touch."),
                              who);
    case PW_STEP_DECOMMIT:
      return g_strdup_printf (_("decommit: %s gives the pages back: their frames and swap slots are freed, the addresses stay reserved."),
                              who);
    case PW_STEP_FREE:
      return g_strdup_printf (_("free: the range is no longer part of the address space of %s: its pages are released and an access there is a segmentation fault."),
                              who);
    default:
      return NULL;
    }
}

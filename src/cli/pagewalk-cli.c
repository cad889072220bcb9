/* pagewalk-cli.c: the headless face of the engine and renderer
 *
 * The commands and their output are the public interface of
 * ../docs/cli.md (contract section 4).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pagewalk-cli"

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#ifndef PW_NO_EXPORT
#include "cli-export.h"
#endif
#include "cli-common.h"
#include "cli-json.h"
#include "pw-future.h"
#include "pw-history.h"
#include "pw-machine.h"
#include "pw-number.h"
#include "pw-scenario.h"
#include "pw-trace.h"

/* Parses @ctx over argv; errors are usage errors. */
static gboolean
parse_options (GOptionContext  *ctx,
               int             *argc,
               char          ***argv,
               int             *status)
{
  g_autoptr(GError) error = NULL;

  g_option_context_set_help_enabled (ctx, TRUE);
  if (!g_option_context_parse (ctx, argc, argv, &error))
    {
      *status = pw_cli_usage_error ("%s", error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_number_arg (const char *what,
                  const char *text,
                  guint64    *out,
                  int        *status)
{
  g_autoptr(GError) error = NULL;
  if (!pw_number_parse (text, out, &error))
    {
      *status = pw_cli_usage_error ("%s: %s", what, error->message);
      return FALSE;
    }
  return TRUE;
}

static PwScenario *
load (const char *name,
      int        *status)
{
  g_autoptr(GError) error = NULL;
  PwScenario *sc = pw_scenario_load (name, &error);
  if (sc == NULL)
    *status = pw_cli_input_error (error);
  return sc;
}

static guint
lowest_pid (const PwScenario *sc)
{
  guint best = 0;
  for (guint i = 0; i < sc->processes->len; i++)
    {
      const PwProcessSpec *p = sc->processes->pdata[i];
      if (best == 0 || p->pid < best)
        best = p->pid;
    }
  return best;
}

/* The machine after set-up and the first @at steps (-1: none run). */
static PwMachine *
machine_at (const PwScenario *sc,
            gint64            at,
            int              *status)
{
  g_autoptr(GError) error = NULL;
  PwMachine *m = pw_machine_new (sc, &error);

  if (m == NULL)
    {
      *status = pw_cli_input_error (error);
      return NULL;
    }
  if (at > (gint64) sc->steps->len)
    {
      pw_machine_free (m);
      *status = pw_cli_error_at_beyond (at, sc->steps->len);
      return NULL;
    }
  for (gint64 i = 0; i < at; i++)
    pw_machine_step (m, &g_array_index (sc->steps, PwStep, i), NULL, NULL);
  return m;
}

static const char *
hex_width (guint64  v,
           guint    bits,
           char    *buf,
           gsize    size)
{
  guint digits = MAX (1, (bits + 3) / 4);
  g_snprintf (buf, size, "0x%0*" G_GINT64_MODIFIER "x", digits, v);
  return buf;
}

/* ---- translate ---------------------------------------------------------- */

/* What the kernel knows of @va in @p: "resident", "disk", "committed" (not
 * yet touched), "reserved" or "free". */
static const char *
page_state (PwMachine       *m,
            const PwProcess *p,
            guint64          va,
            guint64         *slot)
{
  const PwArch *a = pw_machine_arch (m);
  const PwRegion *r = pw_process_find_region (p, va);
  g_autoptr(GPtrArray) pages = NULL;

  if (a->kind != PW_ARCH_PAGED)
    return NULL;
  pages = pw_machine_sorted_pages (m, p);
  for (guint i = 0; i < pages->len; i++)
    {
      const PwPage *pg = pages->pdata[i];
      guint64 start = pg->vpn << a->page_shift;
      if (va >= start && va - start < pg->size)
        {
          if (pg->resident)
            return "resident";
          *slot = pg->slot;
          return "disk";
        }
    }
  if (r == NULL)
    return "free";
  return r->state == PW_REGION_COMMITTED ? "committed" : "reserved";
}

static void
walk_json (PwJson         *j,
           const PwArch   *a,
           guint           pid,
           const PwWalk   *w,
           const char     *state,
           guint64         slot)
{
  pw_json_begin_object (j);
  pw_json_key (j, "va"); pw_json_hex (j, w->va);
  pw_json_key (j, "pid"); pw_json_uint (j, pid);
  pw_json_key (j, "access"); pw_json_string (j, pw_access_name (w->access));
  pw_json_key (j, "mode"); pw_json_string (j, pw_mode_name (w->mode));
  pw_json_key (j, "fields");
  pw_json_begin_array (j);
  for (guint i = 0; i < w->n_fields; i++)
    {
      const PwField *f = &w->fields[i];
      pw_json_begin_object (j);
      pw_json_key (j, "name"); pw_json_string (j, f->name);
      pw_json_key (j, "bits");
      pw_json_begin_array (j); pw_json_uint (j, f->hi); pw_json_uint (j, f->lo); pw_json_end_array (j);
      pw_json_key (j, "value"); pw_json_hex (j, f->value);
      pw_json_end_object (j);
    }
  pw_json_end_array (j);
  if (a->kind == PW_ARCH_PAGED)
    {
      pw_json_key (j, "root"); pw_json_hex (j, w->root);
    }
  pw_json_key (j, "walk");
  pw_json_begin_array (j);
  for (guint i = 0; i < w->n_steps; i++)
    {
      const PwWalkStep *s = &w->steps[i];
      g_autofree const char **names = pw_arch_flag_names (a, s->flags);
      pw_json_begin_object (j);
      pw_json_key (j, "depth"); pw_json_uint (j, s->depth);
      pw_json_key (j, "name"); pw_json_string (j, s->name);
      pw_json_key (j, "table"); pw_json_hex (j, s->table);
      pw_json_key (j, "index"); pw_json_uint (j, s->index);
      pw_json_key (j, "entry_pa"); pw_json_hex (j, s->entry_pa);
      pw_json_key (j, "entry"); pw_json_hex (j, s->entry);
      pw_json_key (j, "flags");
      pw_json_begin_array (j);
      for (guint k = 0; names[k]; k++)
        pw_json_string (j, names[k]);
      pw_json_end_array (j);
      pw_json_key (j, "leaf"); pw_json_bool (j, s->leaf);
      pw_json_end_object (j);
    }
  pw_json_end_array (j);
  if (a->kind != PW_ARCH_PAGED && w->segment >= 0)
    {
      pw_json_key (j, "segment");
      pw_json_begin_object (j);
      pw_json_key (j, "index"); pw_json_uint (j, (guint) w->segment);
      pw_json_key (j, "base"); pw_json_hex (j, w->seg_base);
      pw_json_key (j, "limit"); pw_json_hex (j, w->seg_limit);
      pw_json_end_object (j);
    }
  if (w->fault == PW_FAULT_NONE)
    {
      pw_json_key (j, "result"); pw_json_string (j, "ok");
      pw_json_key (j, "pa"); pw_json_hex (j, w->pa);
      pw_json_key (j, "page_size"); pw_json_uint (j, w->page_size);
      pw_json_key (j, "value");
      if (w->value >= 0)
        pw_json_hex (j, (guint64) w->value);
      else
        pw_json_null (j);
      pw_json_key (j, "fault"); pw_json_null (j);
    }
  else
    {
      g_autofree char *msg = pw_walk_fault_message (a, w);
      pw_json_key (j, "result"); pw_json_string (j, "fault");
      pw_json_key (j, "pa"); pw_json_null (j);
      pw_json_key (j, "page_size"); pw_json_null (j);
      pw_json_key (j, "value"); pw_json_null (j);
      pw_json_key (j, "fault");
      pw_json_begin_object (j);
      pw_json_key (j, "kind"); pw_json_string (j, pw_fault_kind_name (w->fault));
      pw_json_key (j, "depth");
      if (w->fault_depth >= 0)
        pw_json_uint (j, (guint) w->fault_depth);
      else
        pw_json_null (j);
      pw_json_key (j, "message"); pw_json_string (j, msg);
      pw_json_end_object (j);
    }
  if (state)
    {
      pw_json_key (j, "page_state"); pw_json_string (j, state);
      if (g_str_equal (state, "disk"))
        {
          pw_json_key (j, "disk"); pw_json_uint (j, slot);
        }
    }
  pw_json_end_object (j);
}

/* Bits that physical addresses of this machine's memory need, for padding. */
static guint
memory_bits (PwMachine *m)
{
  const PwArch *a = pw_machine_arch (m);
  guint64 top = (pw_machine_n_frames (m) << a->page_shift) - 1;
  return MIN (a->pa_bits, pw_log2 (MAX (top, 1)) + 1);
}

static void
walk_text (PwMachine       *m,
           const PwProcess *p,
           const PwWalk    *w)
{
  const PwArch *a = pw_machine_arch (m);
  guint pa_bits = memory_bits (m);
  char b1[40], b2[40], b3[40];
  guint name_w = 6;

  for (guint i = 0; i < w->n_fields; i++)
    name_w = MAX (name_w, strlen (w->fields[i].name));

  g_print (_("Virtual address %s, process %u%s%s%s, %s, %s mode, %s\n"),
           hex_width (w->va, a->va_bits, b1, sizeof b1), p->pid,
           p->name ? " (" : "", p->name ? p->name : "", p->name ? ")" : "",
           pw_access_name (w->access), pw_mode_name (w->mode), a->name);
  for (guint i = 0; i < w->n_fields; i++)
    {
      const PwField *f = &w->fields[i];
      g_print ("  %-*s  bits %2u-%-2u  %s  (%" G_GUINT64_FORMAT ")\n", name_w, f->name, f->hi, f->lo,
               hex_width (f->value, f->hi - f->lo + 1, b1, sizeof b1), f->value);
    }
  if (a->kind == PW_ARCH_PAGED)
    {
      g_print ("\n  %s = %s\n", a->root_register, hex_width (w->root, pa_bits, b1, sizeof b1));
      for (guint i = 0; i < w->n_steps; i++)
        {
          const PwWalkStep *s = &w->steps[i];
          g_autofree const char **names = pw_arch_flag_names (a, s->flags);
          g_autofree char *flags = g_strjoinv (" ", (char **) names);
          g_print ("  %-*s [%3" G_GUINT64_FORMAT "]  entry at %s = %s  %s",
                   name_w, s->name, s->index,
                   hex_width (s->entry_pa, pa_bits, b1, sizeof b1),
                   hex_width (s->entry, a->pte_bytes * 8, b2, sizeof b2),
                   *flags ? flags : _("(not present)"));
          if (!s->known)
            g_print (_("  (memory not known: reads as zero)"));
          if (i + 1 == w->n_steps && w->fault != PW_FAULT_NONE && w->fault != PW_FAULT_PROTECTION)
            g_print ("\n");   /* the walk stopped at this entry: it leads nowhere */
          else if (s->leaf)
            g_print (_("  -> frame %s\n"),
                     hex_width (pw_arch_entry_frame (a, s->depth, s->entry),
                                pa_bits - a->page_shift, b3, sizeof b3));
          else
            g_print (_("  -> table %s\n"),
                     hex_width (pw_arch_entry_frame (a, s->depth, s->entry) << a->page_shift,
                                pa_bits, b3, sizeof b3));
        }
    }
  else if (w->segment >= 0)
    g_print (_("\n  segment %d: base %s, limit %s\n"), w->segment,
             pw_hex_buf (w->seg_base, b1), pw_hex_buf (w->seg_limit, b2));

  if (w->fault == PW_FAULT_NONE)
    {
      g_autofree char *size = pw_size_human (w->page_size);
      g_print (_("\nResult: physical address %s"), hex_width (w->pa, pa_bits, b1, sizeof b1));
      if (a->kind == PW_ARCH_PAGED)
        g_print (_(" (frame %s + offset %s, %s page)"),
                 pw_hex_buf (w->pa >> pw_log2 (w->page_size) << pw_log2 (w->page_size) >> a->page_shift, b2),
                 pw_hex_buf (w->va & (w->page_size - 1), b3), size);
      if (w->value >= 0)
        g_print (_(", byte 0x%02x"), (guint) w->value);
      g_print ("\n");
    }
  else
    {
      g_autofree char *msg = pw_walk_fault_message (a, w);
      if (w->fault_depth >= 0)
        g_print (_("\nResult: fault (%s) at %s: %s\n"), pw_fault_kind_name (w->fault),
                 a->level_names[w->fault_depth], msg);
      else
        g_print (_("\nResult: fault (%s): %s\n"), pw_fault_kind_name (w->fault), msg);
    }
}

static int
cmd_translate (int    argc,
               char **argv)
{
  gint64 pid = 0, at = -1;
  g_autofree char *access_s = NULL, *mode_s = NULL, *pid_s = NULL, *at_s = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "pid", 0, 0, G_OPTION_ARG_STRING, &pid_s, N_("Process (default: the lowest pid)"), "N" },
    { "access", 0, 0, G_OPTION_ARG_STRING, &access_s, N_("read, write or exec (default read)"), "KIND" },
    { "mode", 0, 0, G_OPTION_ARG_STRING, &mode_s, N_("user or supervisor (default user)"), "MODE" },
    { "at", 0, 0, G_OPTION_ARG_STRING, &at_s, N_("Translate after the first STEP steps"), "STEP" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("SCENARIO ADDRESS… — the hardware walk alone"));
  g_autoptr(PwScenario) sc = NULL;
  PwMachine *m;
  PwAccess access = PW_ACCESS_READ;
  PwMode mode = PW_MODE_USER;
  const PwProcess *p;
  int status = 0;
  PwJson j;

  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!parse_options (ctx, &argc, &argv, &status))
    return status;
  if (argc < 3)
    return pw_cli_usage_error (_("translate needs a scenario and at least one address"));
  if (access_s && !pw_access_from_string (access_s, &access))
    return pw_cli_error_bad_access ();
  if (mode_s && g_str_equal (mode_s, "supervisor"))
    mode = PW_MODE_SUPERVISOR;
  else if (mode_s && !g_str_equal (mode_s, "user"))
    return pw_cli_usage_error (_("--mode must be user or supervisor"));
  if (!pw_cli_parse_number ("pid", pid_s, 1, G_MAXUINT, &pid, &status)
      || !pw_cli_parse_number ("at", at_s, 0, G_MAXUINT, &at, &status))
    return status;

  sc = load (argv[1], &status);
  if (sc == NULL)
    return status;
  if (sc->processes->len == 0)
    return pw_cli_usage_error (_("the scenario has no process to translate for"));
  m = machine_at (sc, at, &status);
  if (m == NULL)
    return status;
  if (pid == 0)
    pid = lowest_pid (sc);
  p = pw_machine_lookup (m, (guint) pid);
  if (p == NULL)
    {
      pw_machine_free (m);
      return pw_cli_error_no_process (pid);
    }

  if (json)
    {
      pw_json_init (&j, stdout, TRUE);
      pw_json_begin_array (&j);
    }
  for (int i = 2; i < argc; i++)
    {
      guint64 va;
      PwWalk w;
      if (!parse_number_arg (_("address"), argv[i], &va, &status))
        {
          pw_machine_free (m);
          return status;
        }
      guint64 slot = 0;
      const char *state;
      pw_machine_translate (m, (guint) pid, va, access, mode, &w, NULL);
      state = page_state (m, p, va, &slot);
      if (json)
        walk_json (&j, pw_machine_arch (m), (guint) pid, &w, state, slot);
      else
        {
          if (i > 2)
            g_print ("\n");
          walk_text (m, p, &w);
          if (state && w.fault != PW_FAULT_NONE && w.fault != PW_FAULT_NON_CANONICAL
              && w.fault != PW_FAULT_OUT_OF_RANGE)
            {
              if (g_str_equal (state, "disk"))
                g_print (_("Kernel: the page is on disk (swap slot %" G_GUINT64_FORMAT
                           "): an access is a major fault that reads it back.\n"), slot);
              else if (g_str_equal (state, "committed"))
                g_print (_("Kernel: the page is committed but not yet touched: an access is a "
                           "minor fault that gives it a zeroed frame.\n"));
              else if (g_str_equal (state, "reserved"))
                g_print (_("Kernel: the address is reserved, not committed: an access is a "
                           "segmentation fault.\n"));
              else if (g_str_equal (state, "free"))
                g_print (_("Kernel: no region covers the address: an access is a "
                           "segmentation fault.\n"));
            }
        }
    }
  if (json)
    {
      pw_json_end_array (&j);
      pw_json_finish (&j);
    }
  pw_machine_free (m);
  return 0;
}

/* ---- validate, examples ------------------------------------------------- */

static int
cmd_validate (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("SCENARIO… — check scenario files"));
  int status = 0, worst = 0;

  if (!parse_options (ctx, &argc, &argv, &status))
    return status;
  if (argc < 2)
    return pw_cli_usage_error (_("validate needs at least one scenario"));
  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PwScenario) sc = pw_scenario_load (argv[i], &error);
      if (sc == NULL)
        worst = pw_cli_input_error (error);
      else
        g_print (_("%s: ok\n"), argv[i]);
    }
  return worst;
}

static int
cmd_examples (int    argc,
              char **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("— list the built-in examples"));
  PwExampleInfo **list;
  int status = 0;
  PwJson j;

  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!parse_options (ctx, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return pw_cli_usage_error (_("examples takes no arguments"));
  list = pw_examples_list ();
  if (json)
    {
      pw_json_init (&j, stdout, TRUE);
      pw_json_begin_array (&j);
      for (guint i = 0; list[i]; i++)
        {
          pw_json_begin_object (&j);
          pw_json_key (&j, "name"); pw_json_string (&j, list[i]->name);
          pw_json_key (&j, "title"); pw_json_string (&j, list[i]->title);
          pw_json_key (&j, "arch"); pw_json_string (&j, list[i]->arch);
          pw_json_key (&j, "description"); pw_json_string (&j, list[i]->description);
          pw_json_end_object (&j);
        }
      pw_json_end_array (&j);
      pw_json_finish (&j);
    }
  else
    {
      int width = 0;
      for (guint i = 0; list[i]; i++)
        width = MAX (width, (int) strlen (list[i]->name));
      for (guint i = 0; list[i]; i++)
        g_print ("%-*s  %s\n", width, list[i]->name, list[i]->title);
    }
  pw_examples_free (list);
  return 0;
}

/* ---- state -------------------------------------------------------------- */

static void
stats_json (PwJson        *j,
            const PwStats *s)
{
  pw_json_begin_object (j);
  pw_json_key (j, "accesses"); pw_json_uint (j, s->accesses);
  pw_json_key (j, "tlb_hits"); pw_json_uint (j, s->tlb_hits);
  pw_json_key (j, "tlb_misses"); pw_json_uint (j, s->tlb_misses);
  pw_json_key (j, "page_faults"); pw_json_uint (j, s->page_faults);
  pw_json_key (j, "major_faults"); pw_json_uint (j, s->major_faults);
  pw_json_key (j, "evictions"); pw_json_uint (j, s->evictions);
  pw_json_key (j, "writebacks"); pw_json_uint (j, s->writebacks);
  pw_json_key (j, "walk_reads"); pw_json_uint (j, s->walk_reads);
  pw_json_end_object (j);
}

static void
stats_text (const PwStats *s)
{
  g_print (_("accesses %" G_GUINT64_FORMAT ", TLB hits %" G_GUINT64_FORMAT
             ", TLB misses %" G_GUINT64_FORMAT ", page faults %" G_GUINT64_FORMAT
             " (major %" G_GUINT64_FORMAT "), evictions %" G_GUINT64_FORMAT
             ", writebacks %" G_GUINT64_FORMAT ", page-table reads %" G_GUINT64_FORMAT "\n"),
           s->accesses, s->tlb_hits, s->tlb_misses, s->page_faults, s->major_faults,
           s->evictions, s->writebacks, s->walk_reads);
}

/* The leaf entry of a resident page, for its accessed and dirty bits. */
static gboolean
page_leaf (PwMachine       *m,
           const PwProcess *p,
           const PwPage    *pg,
           guint64         *entry)
{
  const PwArch *a = pw_machine_arch (m);
  PwWalk w;

  pw_machine_translate (m, p->pid, pg->vpn << a->page_shift, PW_ACCESS_READ,
                        PW_MODE_SUPERVISOR, &w, NULL);
  if (w.n_steps == 0 || !w.steps[w.n_steps - 1].leaf)
    return FALSE;
  *entry = w.steps[w.n_steps - 1].entry;
  return TRUE;
}

static void
state_json (PwMachine *m)
{
  const PwArch *a = pw_machine_arch (m);
  g_autoptr(GArray) frames = pw_machine_used_frames (m);
  PwJson j;
  char pbuf[4];

  pw_json_init (&j, stdout, TRUE);
  pw_json_begin_object (&j);
  pw_json_key (&j, "arch"); pw_json_string (&j, a->name);
  pw_json_key (&j, "current"); pw_json_uint (&j, pw_machine_current_pid (m));
  pw_json_key (&j, "steps_done"); pw_json_uint (&j, pw_machine_steps_done (m));
  pw_json_key (&j, "processes");
  pw_json_begin_array (&j);
  for (guint i = 0; i < pw_machine_n_processes (m); i++)
    {
      const PwProcess *p = pw_machine_process (m, i);
      g_autoptr(GPtrArray) pages = pw_machine_sorted_pages (m, p);
      pw_json_begin_object (&j);
      pw_json_key (&j, "pid"); pw_json_uint (&j, p->pid);
      pw_json_key (&j, "name"); pw_json_string (&j, p->name);
      if (a->kind == PW_ARCH_PAGED)
        {
          pw_json_key (&j, "root"); pw_json_hex (&j, p->root);
        }
      pw_json_key (&j, "regions");
      pw_json_begin_array (&j);
      for (guint k = 0; k < p->regions->len; k++)
        {
          const PwRegion *r = &g_array_index (p->regions, PwRegion, k);
          pw_json_begin_object (&j);
          pw_json_key (&j, "start"); pw_json_hex (&j, r->start);
          pw_json_key (&j, "size"); pw_json_hex (&j, r->size);
          pw_json_key (&j, "state"); pw_json_string (&j, pw_region_state_name (r->state));
          pw_json_key (&j, "prot"); pw_json_string (&j, pw_prot_string (r->prot, pbuf));
          pw_json_key (&j, "name"); pw_json_string (&j, r->name);
          pw_json_key (&j, "share"); pw_json_string (&j, r->share);
          if (r->kernel)
            {
              pw_json_key (&j, "kernel"); pw_json_bool (&j, TRUE);
            }
          pw_json_end_object (&j);
        }
      pw_json_end_array (&j);
      if (a->kind != PW_ARCH_PAGED)
        {
          pw_json_key (&j, "segments");
          pw_json_begin_array (&j);
          for (guint k = 0; k < p->segments->len; k++)
            {
              const PwSegment *s = &g_array_index (p->segments, PwSegment, k);
              pw_json_begin_object (&j);
              pw_json_key (&j, "base"); pw_json_hex (&j, s->base);
              pw_json_key (&j, "limit"); pw_json_hex (&j, s->limit);
              pw_json_key (&j, "grows"); pw_json_string (&j, s->grows_down ? "down" : "up");
              pw_json_end_object (&j);
            }
          pw_json_end_array (&j);
        }
      pw_json_key (&j, "pages");
      pw_json_begin_array (&j);
      for (guint k = 0; k < pages->len; k++)
        {
          const PwPage *pg = pages->pdata[k];
          guint64 e = 0;
          gboolean have = pg->resident && page_leaf (m, p, pg, &e);
          pw_json_begin_object (&j);
          pw_json_key (&j, "page"); pw_json_hex (&j, pg->vpn);
          pw_json_key (&j, "va"); pw_json_hex (&j, pg->vpn << a->page_shift);
          if (pg->resident)
            {
              pw_json_key (&j, "frame"); pw_json_hex (&j, pg->frame);
            }
          else
            {
              pw_json_key (&j, "disk"); pw_json_uint (&j, pg->slot);
            }
          pw_json_key (&j, "size"); pw_json_uint (&j, pg->size);
          pw_json_key (&j, "prot"); pw_json_string (&j, pw_prot_string (pg->prot, pbuf));
          pw_json_key (&j, "accessed"); pw_json_bool (&j, have && pw_arch_entry_accessed (a, e));
          pw_json_key (&j, "dirty"); pw_json_bool (&j, have && pw_arch_entry_dirty (a, e));
          if (pg->cow)
            {
              pw_json_key (&j, "cow"); pw_json_bool (&j, TRUE);
            }
          pw_json_end_object (&j);
        }
      pw_json_end_array (&j);
      pw_json_end_object (&j);
    }
  pw_json_end_array (&j);

  pw_json_key (&j, "frames");
  pw_json_begin_array (&j);
  for (guint i = 0; i < frames->len; i++)
    {
      const PwFrameInfo *f = &g_array_index (frames, PwFrameInfo, i);
      pw_json_begin_object (&j);
      pw_json_key (&j, "frame"); pw_json_hex (&j, f->frame);
      pw_json_key (&j, "use"); pw_json_string (&j, f->use == PW_FRAME_TABLE ? "table" : "data");
      pw_json_key (&j, "pid");
      if (f->pid) pw_json_uint (&j, f->pid); else pw_json_null (&j);
      pw_json_key (&j, "page");
      if (f->use == PW_FRAME_DATA && f->pid) pw_json_hex (&j, f->vpn); else pw_json_null (&j);
      if (f->use == PW_FRAME_TABLE)
        {
          pw_json_key (&j, "level"); pw_json_uint (&j, f->level);
        }
      if (f->count > 1)
        {
          pw_json_key (&j, "count"); pw_json_uint (&j, f->count);
        }
      if (f->sharers > 1)
        {
          pw_json_key (&j, "sharers"); pw_json_uint (&j, f->sharers);
        }
      pw_json_end_object (&j);
    }
  pw_json_end_array (&j);

  pw_json_key (&j, "disk");
  pw_json_begin_array (&j);
  for (guint64 s = 0; s < pw_machine_disk_slots (m); s++)
    {
      guint pid;
      guint64 vpn;
      if (!pw_machine_slot_owner (m, s, &pid, &vpn))
        continue;
      pw_json_begin_object (&j);
      pw_json_key (&j, "slot"); pw_json_uint (&j, s);
      pw_json_key (&j, "pid"); pw_json_uint (&j, pid);
      pw_json_key (&j, "page"); pw_json_hex (&j, vpn);
      pw_json_end_object (&j);
    }
  pw_json_end_array (&j);

  pw_json_key (&j, "tlb");
  pw_json_begin_array (&j);
  for (guint i = 0; i < pw_machine_tlb_size (m); i++)
    {
      const PwTlbEntry *e = pw_machine_tlb_entry (m, i);
      if (!e->valid)
        continue;
      pw_json_begin_object (&j);
      pw_json_key (&j, "pid"); pw_json_uint (&j, e->pid);
      pw_json_key (&j, "page"); pw_json_hex (&j, e->vpn * (e->size >> a->page_shift));
      pw_json_key (&j, "frame"); pw_json_hex (&j, e->frame);
      pw_json_key (&j, "size"); pw_json_uint (&j, e->size);
      pw_json_end_object (&j);
    }
  pw_json_end_array (&j);

  pw_json_key (&j, "stats");
  stats_json (&j, pw_machine_stats (m));
  pw_json_end_object (&j);
  pw_json_finish (&j);
}

static void
state_text (PwMachine *m)
{
  const PwArch *a = pw_machine_arch (m);
  g_autoptr(GArray) frames = pw_machine_used_frames (m);
  char b1[40], b2[40], pbuf[4];
  guint64 n_disk = 0;

  g_print (_("Architecture %s: %u-bit virtual, %u-bit physical addresses, %" G_GUINT64_FORMAT
             " frames of %" G_GUINT64_FORMAT " bytes\n"),
           a->name, a->va_bits, a->pa_bits, pw_machine_n_frames (m), pw_arch_page_size (a));
  for (guint i = 0; i < pw_machine_n_processes (m); i++)
    {
      const PwProcess *p = pw_machine_process (m, i);
      g_autoptr(GPtrArray) pages = pw_machine_sorted_pages (m, p);
      g_print (_("\nProcess %u%s%s%s%s"), p->pid, p->name ? " (" : "", p->name ? p->name : "",
               p->name ? ")" : "", p->pid == pw_machine_current_pid (m) ? _(", running") : "");
      if (a->kind == PW_ARCH_PAGED)
        g_print (_(", %s = %s\n"), a->root_register, pw_hex_buf (p->root << a->page_shift, b1));
      else
        g_print ("\n");
      for (guint k = 0; k < p->regions->len; k++)
        {
          const PwRegion *r = &g_array_index (p->regions, PwRegion, k);
          g_autofree char *size = pw_size_human (r->size);
          g_autofree char *start = pw_hex_grouped (r->start);
          g_print ("  %-22s %10s  %-9s %s%s%s%s%s\n", start, size, pw_region_state_name (r->state),
                   pw_prot_string (r->prot, pbuf), r->name ? "  " : "", r->name ? r->name : "",
                   r->share ? _("  shared as ") : "", r->share ? r->share : "");
        }
      for (guint k = 0; k < p->segments->len; k++)
        {
          const PwSegment *s = &g_array_index (p->segments, PwSegment, k);
          g_print (_("  segment %u: base %s, limit %s, grows %s\n"), k,
                   pw_hex_buf (s->base, b1), pw_hex_buf (s->limit, b2), s->grows_down ? "down" : "up");
        }
      for (guint k = 0; k < pages->len; k++)
        {
          const PwPage *pg = pages->pdata[k];
          if (pg->resident)
            g_print (_("    page %s -> frame %s%s\n"), pw_hex_buf (pg->vpn, b1), pw_hex_buf (pg->frame, b2),
                     pg->cow ? _(" (copy-on-write)") : "");
          else
            g_print (_("    page %s -> disk slot %" G_GUINT64_FORMAT "\n"), pw_hex_buf (pg->vpn, b1), pg->slot);
        }
    }
  g_print (_("\nFrames in use: %u records\n"), frames->len);
  for (guint i = 0; i < frames->len; i++)
    {
      const PwFrameInfo *f = &g_array_index (frames, PwFrameInfo, i);
      if (f->use == PW_FRAME_TABLE)
        g_print (_("  frame %s  page table (level %u) of process %u\n"), pw_hex_buf (f->frame, b1),
                 f->level, f->pid);
      else if (f->pid)
        g_print (_("  frame %s  page %s of process %u\n"), pw_hex_buf (f->frame, b1),
                 pw_hex_buf (f->vpn, b2), f->pid);
      else
        g_print (_("  frame %s  contents given by the scenario\n"), pw_hex_buf (f->frame, b1));
    }
  for (guint64 s = 0; s < pw_machine_disk_slots (m); s++)
    if (pw_machine_slot_owner (m, s, NULL, NULL))
      n_disk++;
  g_print (_("Swap slots in use: %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT "\n"),
           n_disk, pw_machine_disk_slots (m));
  stats_text (pw_machine_stats (m));
}

static int
cmd_state (int    argc,
           char **argv)
{
  gint64 at = -1;
  g_autofree char *at_s = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "at", 0, 0, G_OPTION_ARG_STRING, &at_s, N_("The state after the first STEP steps"), "STEP" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("SCENARIO — the machine after set-up"));
  g_autoptr(PwScenario) sc = NULL;
  PwMachine *m;
  int status = 0;

  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!parse_options (ctx, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return pw_cli_usage_error (_("state needs exactly one scenario"));
  if (!pw_cli_parse_number ("at", at_s, 0, G_MAXUINT, &at, &status))
    return status;
  sc = load (argv[1], &status);
  if (sc == NULL)
    return status;
  m = machine_at (sc, at, &status);
  if (m == NULL)
    return status;
  if (json)
    state_json (m);
  else
    state_text (m);
  pw_machine_free (m);
  return 0;
}

/* ---- run and compare ---------------------------------------------------- */

typedef struct
{
  const char    *trace_path;
  PwTraceFormat  trace_format;
} RunInput;

/* A temporary copy of a trace that is not a regular file, removed when the
 * variable goes out of scope. */
static void
staged_trace_remove (char **path)
{
  if (*path != NULL)
    {
      g_unlink (*path);
      g_clear_pointer (path, g_free);
    }
}

#define PW_STAGED_TRACE __attribute__ ((cleanup (staged_trace_remove))) char *

/* run and compare read a trace more than once (to check it, for opt's
 * future, once per policy): a pipe or /dev/stdin is first copied to a
 * temporary file, as long as no line is longer than the reader allows. */
static gboolean
stage_trace (const char  *path,
             char       **staged,
             int         *status)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *buf = NULL;
  gsize since_newline = 0;
  FILE *in, *out;
  int fd;

  *staged = NULL;
  if (*path == '\0')
    {
      *status = pw_cli_usage_error (_("--trace needs a file name"));
      return FALSE;
    }
  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return TRUE;
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      *status = pw_cli_usage_error (_("%s: is a directory, not a trace"), path);
      return FALSE;
    }
  in = fopen (path, "r");
  if (in == NULL)
    {
      *status = pw_cli_usage_error ("%s: %s", path, g_strerror (errno));
      return FALSE;
    }
  fd = g_file_open_tmp ("pagewalk-trace-XXXXXX", staged, &error);
  if (fd < 0)
    {
      fclose (in);
      *status = pw_cli_usage_error ("%s", error->message);
      return FALSE;
    }
  out = fdopen (fd, "w");
  buf = g_malloc (1 << 16);
  for (;;)
    {
      size_t n = fread (buf, 1, 1 << 16, in);
      if (n == 0)
        break;
      for (size_t i = 0; i < n; i++)
        since_newline = buf[i] == '\n' ? 0 : since_newline + 1;
      if (since_newline > (1 << 20) || fwrite (buf, 1, n, out) != n)
        {
          fclose (in);
          fclose (out);
          *status = since_newline > (1 << 20)
            ? pw_cli_usage_error (_("%s: a line is longer than 1 MiB"), path)
            : pw_cli_usage_error ("%s: %s", *staged, g_strerror (errno));
          return FALSE;
        }
    }
  fclose (in);
  if (fclose (out) != 0)
    {
      *status = pw_cli_usage_error ("%s: %s", *staged, g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

/* Reads the whole trace once, so that a bad line is an error before any
 * output (a half-written JSON document is no answer). */
static gboolean
check_trace (const RunInput *in,
             int            *status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwTrace) t = NULL;
  PwTraceAccess acc;

  if (in->trace_path == NULL)
    return TRUE;
  t = pw_trace_open (in->trace_path, in->trace_format, &error);
  while (t != NULL && pw_trace_next (t, &acc, &error))
    ;
  if (error != NULL)
    {
      *status = pw_cli_input_error (error);
      return FALSE;
    }
  return TRUE;
}

/* Feeds the steps, then the trace, to @m. */
static gboolean
run_all (PwMachine      *m,
         const RunInput *in,
         PwEventFunc     func,
         gpointer        data,
         GError        **error)
{
  const PwScenario *sc = pw_machine_scenario (m);
  const PwArch *a = pw_machine_arch (m);
  g_autoptr(PwTrace) t = NULL;
  PwTraceAccess acc;

  for (guint i = 0; i < sc->steps->len; i++)
    pw_machine_step (m, &g_array_index (sc->steps, PwStep, i), func, data);
  if (in->trace_path == NULL)
    return TRUE;
  t = pw_trace_open (in->trace_path, in->trace_format, error);
  if (t == NULL)
    return FALSE;
  while (pw_trace_next (t, &acc, error))
    {
      PwEvent ev;
      guint64 va = acc.is_page ? acc.va << a->page_shift : acc.va;
      pw_machine_access (m, acc.pid, acc.access, va, &ev);
      if (func)
        func (&ev, data);
      pw_event_clear (&ev);
    }
  return error == NULL || *error == NULL;
}

typedef struct
{
  PwFuture *f;
  guint     current;
  guint     page_shift;
} Future;

static void
future_add (Future  *f,
            guint    pid,
            guint64  va)
{
  pw_future_add (f->f, pid ? pid : f->current, va >> f->page_shift);
}

/* For `opt`: where each access's page is used next, from the steps and the
 * trace alone (no simulation). */
static GArray *
compute_future (const PwScenario *sc,
                const RunInput   *in,
                GError          **error)
{
  Future f = { pw_future_new (), lowest_pid (sc), sc->arch->page_shift };
  g_autoptr(GArray) pids = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < sc->processes->len; i++)
    g_array_append_val (pids, ((PwProcessSpec *) sc->processes->pdata[i])->pid);

  for (guint i = 0; i < sc->steps->len; i++)
    {
      const PwStep *s = &g_array_index (sc->steps, PwStep, i);
      switch (s->kind)
        {
        case PW_STEP_ACCESS:
          future_add (&f, s->pid, s->va);
          break;
        case PW_STEP_TOUCH:
          {
            guint64 page = pw_arch_page_size (sc->arch);
            for (guint64 va = s->start & ~(page - 1); va < s->start + s->size; va += page)
              {
                future_add (&f, s->pid, va);
                if (va + page < va)
                  break;
              }
          }
          break;
        case PW_STEP_SWITCH:
          f.current = s->pid;
          break;
        case PW_STEP_EXIT:
          if (s->pid == f.current)
            {
              guint best = 0;
              for (guint k = 0; k < pids->len; k++)
                {
                  guint q = g_array_index (pids, guint, k);
                  if (q != s->pid && (best == 0 || q < best))
                    best = q;
                }
              f.current = best;
            }
          break;
        case PW_STEP_SPAWN:
          g_array_append_val (pids, s->spawn->pid);
          break;
        case PW_STEP_FORK:
          g_array_append_val (pids, s->child);
          break;
        default:
          break;
        }
    }
  if (in->trace_path)
    {
      g_autoptr(PwTrace) t = pw_trace_open (in->trace_path, in->trace_format, error);
      PwTraceAccess acc;
      if (t == NULL)
        goto fail;
      while (pw_trace_next (t, &acc, error))
        future_add (&f, acc.pid, acc.is_page ? acc.va << sc->arch->page_shift : acc.va);
      if (error && *error)
        goto fail;
    }
  return pw_future_finish (f.f);

fail:
  pw_future_free (f.f);
  return NULL;
}

static gboolean
apply_tlb_option (PwScenario *sc,
                  const char *tlb,
                  int        *status)
{
  guint64 entries, ways;
  g_auto(GStrv) parts = NULL;

  if (tlb == NULL)
    return TRUE;
  if (g_str_equal (tlb, "off"))
    {
      sc->tlb = FALSE;
      return TRUE;
    }
  parts = g_strsplit (tlb, "x", 2);
  if (parts[0] == NULL || !pw_number_parse (parts[0], &entries, NULL) || entries == 0 || entries > 65536)
    {
      *status = pw_cli_usage_error (_("--tlb must be off, ENTRIES or ENTRIESxWAYS (1 to 65536 entries)"));
      return FALSE;
    }
  ways = entries;
  if (parts[1] && (!pw_number_parse (parts[1], &ways, NULL) || ways == 0 || entries % ways != 0))
    {
      *status = pw_cli_usage_error (_("--tlb: the ways must divide the entries"));
      return FALSE;
    }
  sc->tlb = TRUE;
  sc->tlb_entries = (guint) entries;
  sc->tlb_ways = (guint) ways;
  return TRUE;
}

static void
event_json (PwJson        *j,
            const PwEvent *ev)
{
  pw_json_begin_object (j);
  pw_json_key (j, "i");
  if (ev->i == G_MAXUINT64) pw_json_null (j); else pw_json_uint (j, ev->i);
  pw_json_key (j, "pid"); pw_json_uint (j, ev->pid);
  if (ev->kind != PW_STEP_ACCESS && ev->kind != PW_STEP_TOUCH)
    {
      static const char *kinds[] = { "access", "switch", "reserve", "commit", "decommit",
                                     "free", "touch", "spawn", "exit", "fork" };
      pw_json_key (j, "step"); pw_json_string (j, kinds[ev->kind]);
      pw_json_key (j, "access"); pw_json_null (j);
      pw_json_key (j, "va"); pw_json_null (j);
      pw_json_key (j, "page"); pw_json_null (j);
      pw_json_key (j, "tlb"); pw_json_string (j, "off");
    }
  else
    {
      pw_json_key (j, "access"); pw_json_string (j, pw_access_name (ev->access));
      pw_json_key (j, "va"); pw_json_hex (j, ev->va);
      pw_json_key (j, "page"); pw_json_hex (j, ev->vpn);
      pw_json_key (j, "tlb"); pw_json_string (j, pw_tlb_result_name (ev->tlb));
    }
  pw_json_key (j, "fault"); pw_json_string (j, pw_kernel_fault_name (ev->fault));
  pw_json_key (j, "pa");
  if (ev->ok) pw_json_hex (j, ev->pa); else pw_json_null (j);
  pw_json_key (j, "evicted");
  if (ev->evicted.happened)
    {
      pw_json_begin_object (j);
      pw_json_key (j, "pid"); pw_json_uint (j, ev->evicted.pid);
      pw_json_key (j, "page"); pw_json_hex (j, ev->evicted.vpn);
      pw_json_key (j, "dirty"); pw_json_bool (j, ev->evicted.dirty);
      pw_json_key (j, "to");
      if (ev->evicted.to_disk)
        {
          g_autofree char *to = g_strdup_printf ("disk:%" G_GUINT64_FORMAT, ev->evicted.slot);
          pw_json_string (j, to);
        }
      else
        pw_json_string (j, "dropped");
      pw_json_end_object (j);
    }
  else
    pw_json_null (j);
  if (ev->step != G_MAXUINT)
    {
      pw_json_key (j, "step_index"); pw_json_uint (j, ev->step);
    }
  if (ev->n_evicted > 1)
    {
      /* one access may evict several pages (room for page tables too);
       * "evicted" shows the first */
      pw_json_key (j, "evictions"); pw_json_uint (j, ev->n_evicted);
    }
  if (ev->cow_copy)
    {
      pw_json_key (j, "cow_copy"); pw_json_bool (j, TRUE);
    }
  if (ev->message)
    {
      pw_json_key (j, "message"); pw_json_string (j, ev->message);
    }
  pw_json_end_object (j);
}

static void
event_text (const PwEvent *ev,
            gpointer       data)
{
  PwMachine *m = data;
  const PwArch *a = pw_machine_arch (m);
  char b1[40], b2[40];

  if (ev->kind != PW_STEP_ACCESS && ev->kind != PW_STEP_TOUCH)
    {
      g_print (_("  step %u failed (%s): %s\n"), ev->step,
               pw_kernel_fault_name (ev->fault) ? pw_kernel_fault_name (ev->fault) : "error",
               ev->message ? ev->message : "");
      return;
    }
  g_print ("%6" G_GUINT64_FORMAT "  pid %-3u %-5s %s  page %-8s  TLB %-4s", ev->i, ev->pid,
           pw_access_name (ev->access), hex_width (ev->va, a->va_bits, b1, sizeof b1),
           pw_hex_buf (ev->vpn, b2), pw_tlb_result_name (ev->tlb));
  if (ev->fault != PW_KF_NONE)
    g_print (_("  %s fault"), pw_kernel_fault_name (ev->fault));
  if (ev->evicted.happened)
    {
      if (ev->evicted.to_disk)
        g_print (_(" (evicted page %s of pid %u to disk slot %" G_GUINT64_FORMAT ")"),
                 pw_hex_buf (ev->evicted.vpn, b2), ev->evicted.pid, ev->evicted.slot);
      else
        g_print (_(" (evicted page %s of pid %u, dropped)"), pw_hex_buf (ev->evicted.vpn, b2),
                 ev->evicted.pid);
    }
  if (ev->ok)
    g_print ("  -> %s\n", hex_width (ev->pa, memory_bits (m), b1, sizeof b1));
  else
    g_print (_("  failed\n"));
}

static void
event_json_cb (const PwEvent *ev,
               gpointer       data)
{
  event_json (data, ev);
}

/* Applies the --policy, --frames and --tlb overrides to @sc. */
static gboolean
prepare (PwScenario     *sc,
         const char     *policy_s,
         gint64          frames,
         const char     *tlb,
         int            *status)
{
  if (policy_s && !pw_policy_from_string (policy_s, &sc->policy))
    {
      *status = pw_cli_usage_error (_("--policy must be fifo, lru, opt, clock, random or mru"));
      return FALSE;
    }
  if (frames == 0 || frames < -1)
    {
      *status = pw_cli_usage_error (_("--frames must be at least 1"));
      return FALSE;
    }
  if (frames > 0)
    sc->data_frames = (guint64) frames;
  return apply_tlb_option (sc, tlb, status);
}

static PwMachine *
start_machine (const PwScenario *sc,
               const RunInput   *in,
               GArray          **future,
               int              *status)
{
  g_autoptr(GError) error = NULL;
  PwMachine *m = pw_machine_new (sc, &error);

  if (m == NULL)
    {
      *status = pw_cli_input_error (error);
      return NULL;
    }
  if (sc->policy == PW_POLICY_OPT)
    {
      *future = compute_future (sc, in, &error);
      if (*future == NULL)
        {
          pw_machine_free (m);
          *status = pw_cli_input_error (error);
          return NULL;
        }
      pw_machine_set_future (m, (const guint64 *) (*future)->data, (*future)->len);
    }
  return m;
}

static int
cmd_run (int    argc,
         char **argv)
{
  g_autofree char *trace = NULL, *format_s = NULL, *policy_s = NULL, *tlb = NULL, *frames_s = NULL;
  PW_STAGED_TRACE staged = NULL;
  gint64 frames = -1;
  gboolean json = FALSE, stats_only = FALSE;
  GOptionEntry entries[] = {
    { "trace", 0, 0, G_OPTION_ARG_FILENAME, &trace, N_("Run this trace after the steps"), "FILE" },
    { "trace-format", 0, 0, G_OPTION_ARG_STRING, &format_s, N_("auto, lackey, plain or pages"), "FORMAT" },
    { "policy", 0, 0, G_OPTION_ARG_STRING, &policy_s, N_("Replacement policy"), "POLICY" },
    { "frames", 0, 0, G_OPTION_ARG_STRING, &frames_s, N_("At most N frames hold data pages"), "N" },
    { "tlb", 0, 0, G_OPTION_ARG_STRING, &tlb, N_("off, ENTRIES or ENTRIESxWAYS"), "TLB" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "stats-only", 0, 0, G_OPTION_ARG_NONE, &stats_only, N_("Print only the statistics"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("SCENARIO — run the steps and a trace"));
  g_autoptr(PwScenario) sc = NULL;
  g_autoptr(GArray) future = NULL;
  g_autoptr(GError) error = NULL;
  RunInput in = { NULL, PW_TRACE_AUTO };
  PwMachine *m;
  int status = 0;
  PwJson j;

  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!parse_options (ctx, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return pw_cli_usage_error (_("run needs exactly one scenario"));
  if (!pw_cli_parse_number ("frames", frames_s, 1, G_MAXINT64, &frames, &status))
    return status;
  if (format_s && !pw_trace_format_from_string (format_s, &in.trace_format))
    return pw_cli_usage_error (_("--trace-format must be auto, lackey, plain or pages"));
  if (trace != NULL && !stage_trace (trace, &staged, &status))
    return status;
  in.trace_path = staged ? staged : trace;
  if (!check_trace (&in, &status))
    return status;
  sc = load (argv[1], &status);
  if (sc == NULL || !prepare (sc, policy_s, frames, tlb, &status))
    return status ? status : PW_CLI_EXIT_BAD;
  m = start_machine (sc, &in, &future, &status);
  if (m == NULL)
    return status;
  pw_machine_set_detail (m, !stats_only);

  if (json && !stats_only)
    {
      pw_json_init (&j, stdout, FALSE);
      pw_json_begin_object (&j);
      pw_json_key (&j, "events");
      pw_json_begin_array (&j);
      j.pretty = FALSE;
      if (!run_all (m, &in, event_json_cb, &j, &error))
        {
          fflush (stdout);
          pw_machine_free (m);
          return pw_cli_input_error (error);
        }
      pw_json_end_array (&j);
      pw_json_key (&j, "stats");
      stats_json (&j, pw_machine_stats (m));
      pw_json_end_object (&j);
      pw_json_finish (&j);
    }
  else
    {
      if (!run_all (m, &in, stats_only ? NULL : event_text,
                    m, &error))
        {
          pw_machine_free (m);
          return pw_cli_input_error (error);
        }
      if (json)
        {
          pw_json_init (&j, stdout, TRUE);
          stats_json (&j, pw_machine_stats (m));
          pw_json_finish (&j);
        }
      else
        stats_text (pw_machine_stats (m));
    }
  pw_machine_free (m);
  return 0;
}

static int
cmd_compare (int    argc,
             char **argv)
{
  g_autofree char *trace = NULL, *format_s = NULL, *policies_s = NULL, *frames_s = NULL;
  PW_STAGED_TRACE staged = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "trace", 0, 0, G_OPTION_ARG_FILENAME, &trace, N_("Run this trace after the steps"), "FILE" },
    { "trace-format", 0, 0, G_OPTION_ARG_STRING, &format_s, N_("auto, lackey, plain or pages"), "FORMAT" },
    { "policies", 0, 0, G_OPTION_ARG_STRING, &policies_s, N_("Policies, comma-separated"), "LIST" },
    { "frames", 0, 0, G_OPTION_ARG_STRING, &frames_s, N_("Data frame counts, comma-separated"), "N,N,…" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("SCENARIO — page faults per policy and memory size"));
  g_auto(GStrv) policies = NULL, frame_list = NULL;
  g_autoptr(GArray) frames = g_array_new (FALSE, FALSE, sizeof (gint64));
  RunInput in = { NULL, PW_TRACE_AUTO };
  int status = 0;
  PwJson j;

  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!parse_options (ctx, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return pw_cli_usage_error (_("compare needs exactly one scenario"));
  if (policies_s == NULL)
    return pw_cli_usage_error (_("compare needs --policies, for example --policies fifo,lru,opt,clock"));
  if (format_s && !pw_trace_format_from_string (format_s, &in.trace_format))
    return pw_cli_usage_error (_("--trace-format must be auto, lackey, plain or pages"));
  if (trace != NULL && !stage_trace (trace, &staged, &status))
    return status;
  in.trace_path = staged ? staged : trace;
  if (!check_trace (&in, &status))
    return status;
  policies = g_strsplit (policies_s, ",", -1);
  if (policies[0] == NULL)
    return pw_cli_usage_error (_("--policies needs at least one policy (fifo, lru, opt, clock, random, mru)"));
  for (guint i = 0; policies[i]; i++)
    {
      PwPolicy p;
      if (!pw_policy_from_string (g_strstrip (policies[i]), &p))
        return pw_cli_usage_error (_("unknown policy “%s” (fifo, lru, opt, clock, random, mru)"), policies[i]);
    }
  if (frames_s)
    {
      frame_list = g_strsplit (frames_s, ",", -1);
      for (guint i = 0; frame_list[i]; i++)
        {
          guint64 n;
          gint64 v;
          if (!pw_number_parse (g_strstrip (frame_list[i]), &n, NULL) || n == 0 || n > G_MAXINT64)
            return pw_cli_usage_error (_("--frames takes numbers of at least 1, comma-separated"));
          v = (gint64) n;
          g_array_append_val (frames, v);
        }
    }
  else
    {
      gint64 v = -1;
      g_array_append_val (frames, v);
    }

  if (json)
    {
      pw_json_init (&j, stdout, TRUE);
      pw_json_begin_object (&j);
      pw_json_key (&j, "results");
      pw_json_begin_array (&j);
    }
  else
    {
      g_print ("%-8s", _("frames"));
      for (guint i = 0; policies[i]; i++)
        g_print (" %8s", policies[i]);
      g_print (_("   (page faults)\n"));
    }

  for (guint f = 0; f < frames->len; f++)
    {
      gint64 nf = g_array_index (frames, gint64, f);
      if (!json)
        {
          if (nf > 0)
            g_print ("%-8" G_GINT64_FORMAT, nf);
          else
            g_print ("%-8s", _("all"));
        }
      for (guint i = 0; policies[i]; i++)
        {
          g_autoptr(PwScenario) sc = load (argv[1], &status);
          g_autoptr(GArray) future = NULL;
          g_autoptr(GError) error = NULL;
          const PwStats *st;
          PwMachine *m;

          if (sc == NULL || !prepare (sc, policies[i], nf, NULL, &status))
            return status ? status : PW_CLI_EXIT_BAD;
          m = start_machine (sc, &in, &future, &status);
          if (m == NULL)
            return status;
          pw_machine_set_detail (m, FALSE);
          if (!run_all (m, &in, NULL, NULL, &error))
            {
              pw_machine_free (m);
              return pw_cli_input_error (error);
            }
          st = pw_machine_stats (m);
          if (json)
            {
              pw_json_begin_object (&j);
              pw_json_key (&j, "policy"); pw_json_string (&j, policies[i]);
              pw_json_key (&j, "frames");
              if (nf > 0) pw_json_uint (&j, (guint64) nf); else pw_json_null (&j);
              pw_json_key (&j, "accesses"); pw_json_uint (&j, st->accesses);
              pw_json_key (&j, "page_faults"); pw_json_uint (&j, st->page_faults);
              pw_json_key (&j, "major_faults"); pw_json_uint (&j, st->major_faults);
              pw_json_key (&j, "evictions"); pw_json_uint (&j, st->evictions);
              pw_json_key (&j, "hits"); pw_json_uint (&j, st->accesses - st->page_faults);
              pw_json_end_object (&j);
            }
          else
            g_print (" %8" G_GUINT64_FORMAT, st->page_faults);
          pw_machine_free (m);
        }
      if (!json)
        g_print ("\n");
    }
  if (json)
    {
      pw_json_end_array (&j);
      pw_json_end_object (&j);
      pw_json_finish (&j);
    }
  return 0;
}

/* ---- main --------------------------------------------------------------- */

static void
print_help (void)
{
  g_print ("%s", _("Usage: pagewalk-cli COMMAND [OPTIONS…]\n"
                   "\n"
                   "Pagewalk shows how an MMU turns virtual addresses into physical ones.\n"
                   "SCENARIO is a .pagewalk file or the name of a built-in example.\n"
                   "\n"
                   "Commands:\n"
                   "  translate SCENARIO ADDRESS…  the hardware walk alone (--pid --access --mode --at --json)\n"
                   "  run SCENARIO                 run the steps and a trace through TLB, MMU and kernel\n"
                   "                               (--trace --trace-format --policy --frames --tlb --json --stats-only)\n"
                   "  compare SCENARIO             page faults per policy and memory size (--policies --frames --trace --json)\n"
                   "  state SCENARIO               the machine after set-up or --at STEP steps (--json)\n"
                   "  export SCENARIO -o OUT       draw a view as PNG, SVG or PDF (--view --at --translate --pid\n"
                   "                               --width --scale --theme)\n"
                   "  validate SCENARIO…           check scenario files\n"
                   "  examples                     list the built-in examples (--json)\n"
                   "\n"
                   "  --help, --version\n"
                   "Run “pagewalk-cli COMMAND --help” for a command's options.\n"
                   "Exit status: 0 success, 2 bad usage or bad input.\n"));
}

int
main (int    argc,
      char **argv)
{
  const char *cmd;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("pagewalk-cli");

  if (argc < 2)
    return pw_cli_usage_error (_("no command given (see pagewalk-cli --help)"));
  cmd = argv[1];
  if (g_str_equal (cmd, "--help") || g_str_equal (cmd, "-h") || g_str_equal (cmd, "help"))
    {
      print_help ();
      return 0;
    }
  if (g_str_equal (cmd, "--version"))
    {
      g_print ("pagewalk-cli %s\n", PACKAGE_VERSION);
      return 0;
    }
  argc--, argv++;
  if (g_str_equal (cmd, "translate"))
    return cmd_translate (argc, argv);
  if (g_str_equal (cmd, "validate"))
    return cmd_validate (argc, argv);
  if (g_str_equal (cmd, "examples"))
    return cmd_examples (argc, argv);
  if (g_str_equal (cmd, "state"))
    return cmd_state (argc, argv);
  if (g_str_equal (cmd, "run"))
    return cmd_run (argc, argv);
  if (g_str_equal (cmd, "compare"))
    return cmd_compare (argc, argv);
  if (g_str_equal (cmd, "export"))
#ifndef PW_NO_EXPORT
    return pw_cli_export (argc, argv);
#else
    return pw_cli_usage_error (_("this build has no renderer"));
#endif
  return pw_cli_usage_error (_("unknown command “%s” (see pagewalk-cli --help)"), cmd);
}

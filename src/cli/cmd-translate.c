/* cmd-translate.c: `pagewalk-cli translate SCENARIO ADDRESS…`, the hardware walk alone
 *
 * The walk of each address as the MMU makes it, field by field and entry by
 * entry, without the TLB or the kernel (docs/cli.md).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pagewalk-cli"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cli-common.h"
#include "cli-json.h"
#include "pw-machine.h"
#include "pw-number.h"
#include "pw-format.h"
#include "pw-present.h"
#include "pw-scenario.h"

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
      if (a->kind == PW_ARCH_PAGED)
        {
          /* every bit field of the entry, as the manual names it (what the
           * app's inspector draws) */
          PwBitField bf[PW_MAX_BIT_FIELDS];
          guint n = pw_arch_bit_fields (a, s->depth, s->entry, bf);

          pw_json_key (j, "bit_fields");
          pw_json_begin_array (j);
          for (guint k = 0; k < n; k++)
            {
              pw_json_begin_object (j);
              pw_json_key (j, "name"); pw_json_string (j, bf[k].name);
              pw_json_key (j, "bits");
              pw_json_begin_array (j); pw_json_uint (j, bf[k].hi); pw_json_uint (j, bf[k].lo);
              pw_json_end_array (j);
              pw_json_key (j, "value"); pw_json_hex (j, pw_bits (s->entry, bf[k].hi, bf[k].lo));
              pw_json_end_object (j);
            }
          pw_json_end_array (j);
        }
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

static void
walk_text (PwMachine       *m,
           const PwProcess *p,
           const PwWalk    *w)
{
  const PwArch *a = pw_machine_arch (m);
  guint pa_bits = pw_cli_memory_bits (m);
  char b1[40], b2[40], b3[40];
  guint name_w = 6;

  for (guint i = 0; i < w->n_fields; i++)
    name_w = MAX (name_w, strlen (w->fields[i].name));

  /* Translators: the address, the pid, " (NAME)" or nothing (three pieces), the access
   * (read, write, exec), the mode (user, supervisor) and the architecture */
  g_print (_("Virtual address %s, process %u%s%s%s, %s, %s mode, %s\n"),
           pw_hex_width (w->va, a->va_bits, b1, sizeof b1), p->pid,
           p->name ? " (" : "", p->name ? p->name : "", p->name ? ")" : "",
           pw_access_name (w->access), pw_mode_name (w->mode), a->name);
  for (guint i = 0; i < w->n_fields; i++)
    {
      const PwField *f = &w->fields[i];
      g_print ("  %-*s  bits %2u-%-2u  %s  (%" G_GUINT64_FORMAT ")\n", name_w, f->name, f->hi, f->lo,
               pw_hex_width (f->value, f->hi - f->lo + 1, b1, sizeof b1), f->value);
    }
  if (a->kind == PW_ARCH_PAGED)
    {
      g_print ("\n  %s = %s\n", a->root_register, pw_hex_width (w->root, pa_bits, b1, sizeof b1));
      for (guint i = 0; i < w->n_steps; i++)
        {
          const PwWalkStep *s = &w->steps[i];
          g_autofree const char **names = pw_arch_flag_names (a, s->flags);
          g_autofree char *flags = g_strjoinv (" ", (char **) names);
          g_print ("  %-*s [%3" G_GUINT64_FORMAT "]  entry at %s = %s  %s",
                   name_w, s->name, s->index,
                   pw_hex_width (s->entry_pa, pa_bits, b1, sizeof b1),
                   pw_hex_width (s->entry, a->pte_bytes * 8, b2, sizeof b2),
                   *flags ? flags : _("(not present)"));
          if (!s->known)
            g_print (_("  (memory not known: reads as zero)"));
          if (i + 1 == w->n_steps && w->fault != PW_FAULT_NONE && w->fault != PW_FAULT_PROTECTION)
            g_print ("\n");   /* the walk stopped at this entry: it leads nowhere */
          else if (s->leaf)
            g_print (_("  -> frame %s\n"),
                     pw_hex_width (pw_arch_entry_frame (a, s->depth, s->entry),
                                pa_bits - a->page_shift, b3, sizeof b3));
          else
            g_print (_("  -> table %s\n"),
                     pw_hex_width (pw_arch_entry_frame (a, s->depth, s->entry) << a->page_shift,
                                pa_bits, b3, sizeof b3));
        }
    }
  else if (w->segment >= 0)
    /* Translators: the segment number, its base and its limit */
    g_print (_("\n  segment %d: base %s, limit %s\n"), w->segment,
             pw_hex_buf (w->seg_base, b1), pw_hex_buf (w->seg_limit, b2));

  if (w->fault == PW_FAULT_NONE)
    {
      g_autofree char *size = pw_size_human (w->page_size);
      g_print (_("\nResult: physical address %s"), pw_hex_width (w->pa, pa_bits, b1, sizeof b1));
      if (a->kind == PW_ARCH_PAGED)
        /* Translators: the frame number, the offset in the page, the page size (4 KiB...) */
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
        /* Translators: the fault's kind, the level where the walk stopped, what happened */
        g_print (_("\nResult: fault (%s) at %s: %s\n"), pw_fault_kind_name (w->fault),
                 a->level_names[w->fault_depth], msg);
      else
        /* Translators: the fault's kind, then what happened */
        g_print (_("\nResult: fault (%s): %s\n"), pw_fault_kind_name (w->fault), msg);
    }
}

int
pw_cli_translate (int    argc,
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
  g_autoptr(PwRun) run = NULL;
  g_autofree guint64 *addresses = NULL;
  PwMachine *m;
  PwAccess access = PW_ACCESS_READ;
  PwMode mode = PW_MODE_USER;
  const PwProcess *p;
  int status = 0;
  PwJson j;

  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!pw_cli_parse_options (ctx, &argc, &argv, &status))
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

  if (!pw_cli_open (argv[1], NULL, &sc, &run, &status))
    return status;
  if (sc->processes->len == 0)
    return pw_cli_usage_error (_("the scenario has no process to translate for"));
  addresses = g_new0 (guint64, argc);
  for (int i = 2; i < argc; i++)
    if (!pw_cli_parse_value (_("address"), argv[i], &addresses[i], &status))
      return status;
  m = pw_cli_machine_at (run, at, NULL, NULL, &status);
  if (m == NULL)
    return status;
  if (pid == 0)
    pid = pw_machine_default_pid (m);
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
      guint64 va = addresses[i], slot = 0;
      const char *state;
      PwWalk w;

      pw_machine_translate (m, (guint) pid, va, access, mode, &w, NULL);
      state = pw_page_state (m, p, va, &slot);
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
              guint64 oslot = 0;
              PwPageOutlook outlook = pw_page_outlook (m, p, va, access, mode, &oslot);
              g_autofree char *sentence = pw_page_outlook_sentence (outlook, oslot);
              if (sentence)
                g_print ("%s\n", sentence);
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

/* cmd-state.c: `pagewalk-cli state SCENARIO`, the machine after set-up or --at N
 *
 * Processes, regions, pages, frames, swap, TLB and statistics (docs/cli.md).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pagewalk-cli"

#include "config.h"


#include <glib/gi18n.h>

#include "cli-common.h"
#include "cli-json.h"
#include "pw-machine.h"
#include "pw-number.h"
#include "pw-run.h"
#include "pw-scenario.h"

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
  pw_cli_stats_json (&j, pw_machine_stats (m));
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

  g_autofree char *n_frames = g_strdup_printf ("%" G_GUINT64_FORMAT, pw_machine_n_frames (m));
  g_autofree char *page = g_strdup_printf ("%" G_GUINT64_FORMAT, pw_arch_page_size (a));
  g_autofree char *n_used = NULL, *n_slots = NULL;

  /* Translators: the architecture's name, its virtual and physical address bits, the
   * number of frames and the page size in bytes */
  g_print (_("Architecture %s: %u-bit virtual, %u-bit physical addresses, %s frames of %s bytes\n"),
           a->name, a->va_bits, a->pa_bits, n_frames, page);
  for (guint i = 0; i < pw_machine_n_processes (m); i++)
    {
      const PwProcess *p = pw_machine_process (m, i);
      g_autoptr(GPtrArray) pages = pw_machine_sorted_pages (m, p);
      gboolean running = p->pid == pw_machine_current_pid (m);

      g_print ("\n");
      if (p->name != NULL && running)
        /* Translators: a process heading: the pid, then its name */
        g_print (_("Process %u (%s), running"), p->pid, p->name);
      else if (p->name != NULL)
        /* Translators: a process heading: the pid, then its name */
        g_print (_("Process %u (%s)"), p->pid, p->name);
      else if (running)
        g_print (_("Process %u, running"), p->pid);
      else
        g_print (_("Process %u"), p->pid);
      if (a->kind == PW_ARCH_PAGED)
        /* Translators: after a process heading: the root register (CR3,
         * satp...) and its value */
        g_print (_(", %s = %s\n"), a->root_register, pw_hex_buf (p->root << a->page_shift, b1));
      else
        g_print ("\n");
      for (guint k = 0; k < p->regions->len; k++)
        {
          const PwRegion *r = &g_array_index (p->regions, PwRegion, k);
          g_autofree char *size = pw_size_human (r->size);
          g_autofree char *start = pw_hex_grouped (r->start);
          g_autofree char *shared = NULL;

          if (r->share != NULL)
            /* Translators: after a region's line: the key its sharers use */
            shared = g_strdup_printf (_("shared as %s"), r->share);
          g_print ("  %-22s %10s  %-9s %s%s%s%s%s\n", start, size, pw_region_state_name (r->state),
                   pw_prot_string (r->prot, pbuf), r->name ? "  " : "", r->name ? r->name : "",
                   shared ? "  " : "", shared ? shared : "");
        }
      for (guint k = 0; k < p->segments->len; k++)
        {
          const PwSegment *s = &g_array_index (p->segments, PwSegment, k);
          /* Translators: the segment number, its base, its limit, then "down" or "up" */
          g_print (_("  segment %u: base %s, limit %s, grows %s\n"), k,
                   pw_hex_buf (s->base, b1), pw_hex_buf (s->limit, b2),
                   s->grows_down ? C_("segment grows", "down") : C_("segment grows", "up"));
        }
      for (guint k = 0; k < pages->len; k++)
        {
          const PwPage *pg = pages->pdata[k];
          if (pg->resident)
            /* Translators: a virtual page, its frame, then " (copy-on-write)" or nothing */
            g_print (_("    page %s -> frame %s%s\n"), pw_hex_buf (pg->vpn, b1), pw_hex_buf (pg->frame, b2),
                     pg->cow ? _(" (copy-on-write)") : "");
          else
            {
              g_autofree char *slot = g_strdup_printf ("%" G_GUINT64_FORMAT, pg->slot);
              /* Translators: a virtual page, then its swap slot */
              g_print (_("    page %s -> disk slot %s\n"), pw_hex_buf (pg->vpn, b1), slot);
            }
        }
    }
  g_print (g_dngettext (GETTEXT_PACKAGE, "\nFrames in use: %u record\n", "\nFrames in use: %u records\n",
                       frames->len), frames->len);
  for (guint i = 0; i < frames->len; i++)
    {
      const PwFrameInfo *f = &g_array_index (frames, PwFrameInfo, i);
      if (f->use == PW_FRAME_TABLE)
        /* Translators: a frame, the table's level, the pid */
        g_print (_("  frame %s  page table (level %u) of process %u\n"), pw_hex_buf (f->frame, b1),
                 f->level, f->pid);
      else if (f->pid)
        /* Translators: a frame, the virtual page it holds, the pid */
        g_print (_("  frame %s  page %s of process %u\n"), pw_hex_buf (f->frame, b1),
                 pw_hex_buf (f->vpn, b2), f->pid);
      else
        g_print (_("  frame %s  contents given by the scenario\n"), pw_hex_buf (f->frame, b1));
    }
  for (guint64 s = 0; s < pw_machine_disk_slots (m); s++)
    if (pw_machine_slot_owner (m, s, NULL, NULL))
      n_disk++;
  n_used = g_strdup_printf ("%" G_GUINT64_FORMAT, n_disk);
  n_slots = g_strdup_printf ("%" G_GUINT64_FORMAT, pw_machine_disk_slots (m));
  /* Translators: the slots in use, then all the slots of the disk */
  g_print (_("Swap slots in use: %s of %s\n"), n_used, n_slots);
  pw_cli_stats_text (pw_machine_stats (m));
}

int
pw_cli_state (int    argc,
              char **argv)
{
  gint64 at = -1;
  g_autofree char *at_s = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "at", 0, 0, G_OPTION_ARG_STRING, &at_s,
      N_("The state after the first N steps (the scenario's, then the trace's accesses)"), "N" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("SCENARIO — the machine after set-up"));
  g_auto(PwCliRunOptions) options = { 0 };
  g_autoptr(PwScenario) sc = NULL;
  g_autoptr(PwRun) run = NULL;
  PwRunConfig cfg;
  PwMachine *m;
  int status = 0;

  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  pw_cli_run_options_add (ctx, &options);
  if (!pw_cli_parse_options (ctx, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return pw_cli_usage_error (_("state needs exactly one scenario"));
  if (!pw_cli_parse_number ("at", at_s, 0, G_MAXUINT, &at, &status)
      || !pw_cli_run_config (&options, &cfg, &status))
    return status;
  /* the run gives `opt` its future: the state is the one `run` passes by */
  if (!pw_cli_open (argv[1], &cfg, &sc, &run, &status))
    return status;
  m = pw_cli_machine_at (run, at, NULL, NULL, &status);
  if (m == NULL)
    return status;
  if (json)
    state_json (m);
  else
    state_text (m);
  pw_machine_free (m);
  return 0;
}

/* pw-present.c: what every layer shows the same way (pw-present.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-engine"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pw-number.h"
#include "pw-present.h"

/* ---- the process meant when none is named ------------------------------- */

guint
pw_machine_default_pid (const PwMachine *m)
{
  guint pid;

  g_return_val_if_fail (m != NULL, 0);

  pid = pw_machine_current_pid (m);
  if (pid != 0 && pw_machine_lookup (m, pid) != NULL)
    return pid;
  /* the processes are kept sorted by pid */
  return pw_machine_n_processes (m) > 0 ? pw_machine_process (m, 0)->pid : 0;
}

guint
pw_scenario_default_pid (const PwScenario *sc)
{
  guint best = 0;

  g_return_val_if_fail (sc != NULL, 0);

  for (guint i = 0; i < sc->processes->len; i++)
    {
      const PwProcessSpec *p = sc->processes->pdata[i];
      if (best == 0 || p->pid < best)
        best = p->pid;
    }
  return best;
}

/* ---- the event a step shows ----------------------------------------------- */

gboolean
pw_event_is_failed_step (const PwEvent *ev)
{
  if (ev == NULL)
    return FALSE;
  /* the machine reports a failed step as an event without an access number */
  if (ev->i == G_MAXUINT64)
    return TRUE;
  /* an access by a process that does not exist: nothing was walked */
  return !ev->ok && ev->walk.n_fields == 0 && ev->message != NULL;
}

gboolean
pw_event_is_access (const PwEvent *ev)
{
  return ev != NULL && (ev->kind == PW_STEP_ACCESS || ev->kind == PW_STEP_TOUCH)
         && !pw_event_is_failed_step (ev);
}

void
pw_shown_event_reset (PwShownEvent *shown)
{
  g_return_if_fail (shown != NULL);
  if (shown->have)
    pw_event_clear (&shown->ev);
  memset (shown, 0, sizeof *shown);
}

void
pw_shown_event_keep (const PwEvent *ev,
                     gpointer       user_data)
{
  PwShownEvent *shown = user_data;
  gboolean failed = pw_event_is_failed_step (ev);

  if (!failed && !pw_event_is_access (ev))
    return;
  /* an access wins over a failure notice */
  if (failed && shown->have && !pw_event_is_failed_step (&shown->ev))
    return;
  pw_shown_event_reset (shown);
  shown->ev = *ev;
  shown->ev.message = g_strdup (ev->message);
  shown->have = TRUE;
}

const PwEvent *
pw_shown_event_get (const PwShownEvent *shown)
{
  g_return_val_if_fail (shown != NULL, NULL);
  return shown->have ? &shown->ev : NULL;
}

/* ---- what the kernel would do with a page the walk did not find ---------- */

const char *
pw_page_state (const PwMachine *m,
               const PwProcess *p,
               guint64          va,
               guint64         *slot)
{
  const PwArch *a;
  const PwRegion *r;
  g_autoptr(GPtrArray) pages = NULL;

  g_return_val_if_fail (m != NULL && p != NULL, NULL);

  a = pw_machine_arch (m);
  if (a->kind != PW_ARCH_PAGED)
    return NULL;
  r = pw_process_find_region (p, va);
  pages = pw_machine_sorted_pages (m, p);
  for (guint i = 0; i < pages->len; i++)
    {
      const PwPage *pg = pages->pdata[i];
      guint64 start = pg->vpn << a->page_shift;
      if (va >= start && va - start < pg->size)
        {
          if (pg->resident)
            return "resident";
          if (slot)
            *slot = pg->slot;
          return "disk";
        }
    }
  if (r == NULL)
    return "free";
  return r->state == PW_REGION_COMMITTED ? "committed" : "reserved";
}

/* The kernel's test (pw_region_allows()), and a kernel region is out of
 * user mode's reach. */
static gboolean
region_allows (const PwRegion *r,
               PwAccess        access,
               PwMode          mode)
{
  return !(r->kernel && mode == PW_MODE_USER) && pw_region_allows (r, access);
}

PwPageOutlook
pw_page_outlook (const PwMachine *m,
                 const PwProcess *p,
                 guint64          va,
                 PwAccess         access,
                 PwMode           mode,
                 guint64         *slot)
{
  guint64 s = 0;
  const char *state;
  const PwRegion *r;

  g_return_val_if_fail (m != NULL && p != NULL, PW_OUTLOOK_NONE);

  state = pw_page_state (m, p, va, &s);
  if (state == NULL)
    return PW_OUTLOOK_NONE;
  r = pw_process_find_region (p, va);
  if (r != NULL && r->state == PW_REGION_COMMITTED && !region_allows (r, access, mode))
    return PW_OUTLOOK_FORBIDDEN;
  if (g_str_equal (state, "resident"))
    return PW_OUTLOOK_RESIDENT;
  if (g_str_equal (state, "disk"))
    {
      if (slot)
        *slot = s;
      return PW_OUTLOOK_DISK;
    }
  if (g_str_equal (state, "committed"))
    return PW_OUTLOOK_COMMITTED;
  if (g_str_equal (state, "reserved"))
    return PW_OUTLOOK_RESERVED;
  return PW_OUTLOOK_FREE;
}

char *
pw_page_outlook_sentence (PwPageOutlook outlook,
                          guint64       slot)
{
  switch (outlook)
    {
    case PW_OUTLOOK_DISK:
      return g_strdup_printf (_("Kernel: the page is on disk (swap slot %s): an access is a "
                                "major fault that reads it back."), PW_DEC (slot));
    case PW_OUTLOOK_COMMITTED:
      return g_strdup (_("Kernel: the page is committed but not yet touched: an access is a "
                         "minor fault that gives it a zeroed frame."));
    case PW_OUTLOOK_RESERVED:
      return g_strdup (_("Kernel: the address is reserved, not committed: an access is a "
                         "segmentation fault."));
    case PW_OUTLOOK_FREE:
      return g_strdup (_("Kernel: no region covers the address: an access is a "
                         "segmentation fault."));
    case PW_OUTLOOK_FORBIDDEN:
      return g_strdup (_("Kernel: the region does not allow this access: it is a "
                         "protection fault, wherever the page is."));
    case PW_OUTLOOK_NONE:
    case PW_OUTLOOK_RESIDENT:
    default:
      return NULL;
    }
}

char *
pw_page_outlook_short (PwPageOutlook outlook,
                       guint64       slot)
{
  switch (outlook)
    {
    case PW_OUTLOOK_DISK:
      return g_strdup_printf (_("on disk, slot %s: a major fault reads it back"), PW_DEC (slot));
    case PW_OUTLOOK_COMMITTED:
      return g_strdup (_("committed, never touched: a zero-filled page"));
    case PW_OUTLOOK_RESERVED:
      return g_strdup (_("reserved, not committed: the process gets a segmentation fault"));
    case PW_OUTLOOK_FREE:
      return g_strdup (_("no region: the process gets a segmentation fault"));
    case PW_OUTLOOK_FORBIDDEN:
      return g_strdup (_("the region forbids this access: a protection fault"));
    case PW_OUTLOOK_NONE:
    case PW_OUTLOOK_RESIDENT:
    default:
      return NULL;
    }
}

/* ---- addresses in diagrams -------------------------------------------------- */

char *
pw_format_address (guint64 value,
                   guint   bits)
{
  char digits[17];
  GString *s;
  guint n, want = (MAX (bits, 1) + 3) / 4;

  if (pw_number_get_base () == PW_BASE_DECIMAL)
    return g_strdup_printf ("%" G_GUINT64_FORMAT, value);
  s = g_string_new ("0x");
  n = g_snprintf (digits, sizeof digits, "%" G_GINT64_MODIFIER "x", value);
  /* the padded digits, then grouped by four from the right past eight */
  want = MAX (MIN (want, 16), n);
  for (guint i = 0; i < want; i++)
    {
      if (want > 8 && i > 0 && (want - i) % 4 == 0)
        g_string_append_c (s, '_');
      g_string_append_c (s, i < want - n ? '0' : digits[i - (want - n)]);
    }
  return g_string_free (s, FALSE);
}

/* ---- numbers in messages ------------------------------------------------------ */

const char *
pw_dec_buf (guint64  value,
            char    *buf)
{
  g_snprintf (buf, PW_DEC_SIZE, "%" G_GUINT64_FORMAT, value);
  return buf;
}

/* ---- descriptions in the app ------------------------------------------------- */

char *
pw_description_for_app (const char *description)
{
  const char *try;
  gsize len;

  if (description == NULL)
    return g_strdup ("");
  /* "Try:" opens a sentence: at the start, or after a space */
  for (try = strstr (description, "Try:"); try != NULL; try = strstr (try + 1, "Try:"))
    if (try == description || g_ascii_isspace (try[-1]))
      break;
  len = try != NULL ? (gsize) (try - description) : strlen (description);
  while (len > 0 && g_ascii_isspace (description[len - 1]))
    len--;
  return g_strndup (description, len);
}

/* ---- steps in words ------------------------------------------------------ */

char *
pw_step_describe (const PwArch *arch,
                  const PwStep *s)
{
  /* an address as the diagrams write it (pw_format_address) */
  g_autofree char *a = pw_format_address (s->kind == PW_STEP_ACCESS ? s->va : s->start,
                                          arch->va_bits);
  g_autofree char *size = NULL;

  switch (s->kind)
    {
    case PW_STEP_ACCESS:
      if (s->pid != 0)
        switch (s->access)
          {
          case PW_ACCESS_WRITE:
            /* Translators: a pid, then an address */
            return g_strdup_printf (_("process %u writes %s"), s->pid, a);
          case PW_ACCESS_EXEC:
            /* Translators: a pid, then an address */
            return g_strdup_printf (_("process %u runs code at %s"), s->pid, a);
          case PW_ACCESS_READ:
          default:
            /* Translators: a pid, then an address */
            return g_strdup_printf (_("process %u reads %s"), s->pid, a);
          }
      switch (s->access)
        {
        case PW_ACCESS_WRITE:
          return g_strdup_printf (_("write %s"), a);
        case PW_ACCESS_EXEC:
          return g_strdup_printf (_("run code at %s"), a);
        case PW_ACCESS_READ:
        default:
          return g_strdup_printf (_("read %s"), a);
        }
    case PW_STEP_SWITCH:
      return g_strdup_printf (_("switch to process %u"), s->pid);
    case PW_STEP_RESERVE:
      size = pw_size_human (s->size);
      /* Translators: a pid, a size (4 KiB...), an address */
      return g_strdup_printf (_("process %u reserves %s at %s"), s->pid, size, a);
    case PW_STEP_COMMIT:
      size = pw_size_human (s->size);
      /* Translators: a pid, a size (4 KiB...), an address */
      return g_strdup_printf (_("process %u commits %s at %s"), s->pid, size, a);
    case PW_STEP_DECOMMIT:
      size = pw_size_human (s->size);
      /* Translators: a pid, a size (4 KiB...), an address */
      return g_strdup_printf (_("process %u decommits %s at %s"), s->pid, size, a);
    case PW_STEP_FREE:
      size = pw_size_human (s->size);
      /* Translators: a pid, a size (4 KiB...), an address */
      return g_strdup_printf (_("process %u frees %s at %s"), s->pid, size, a);
    case PW_STEP_TOUCH:
      size = pw_size_human (s->size);
      /* Translators: a pid, a size (4 KiB...), an address */
      return g_strdup_printf (_("process %u touches %s at %s"), s->pid, size, a);
    case PW_STEP_SPAWN:
      return g_strdup_printf (_("process %u starts"), s->spawn ? s->spawn->pid : s->pid);
    case PW_STEP_EXIT:
      return g_strdup_printf (_("process %u exits"), s->pid);
    case PW_STEP_FORK:
      /* Translators: the parent's pid, then the child's */
      return g_strdup_printf (_("process %u forks process %u"), s->pid, s->child);
    default:
      return NULL;
    }
}

/* pw-scenario-steps.c: the steps of a scenario
 *
 * Steps in their object form and in the string form "r|w|x [PID] ADDRESS",
 * "switch PID" (pw_step_parse_string, shared with the trace reader).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-scenario"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pw-machine.h"
#include "pw-scenario-private.h"

#include <string.h>

/* ---- steps -------------------------------------------------------------- */

static gboolean
step_error (GError     **error,
            const char  *text)
{
  g_autofree char *t = shown (text);
  g_set_error (error, PW_ERROR, PW_ERROR_SYNTAX,
               _("“%s” is not a step (write “r|w|x [PID] ADDRESS” or “switch PID”)"), t);
  return FALSE;
}

static gboolean
step_pid (const char  *text,
          guint       *out,
          GError     **error)
{
  guint64 v;

  if (!pw_number_parse (text, &v, error))
    return FALSE;
  if (v < 1 || v > G_MAXUINT)
    {
      g_autofree char *t = shown (text);
      g_set_error (error, PW_ERROR, PW_ERROR_VALUE,
                   /* Translators: the text given, then the highest pid */
                   _("“%s” is not a pid (pids are from 1 to %u)"), t, G_MAXUINT);
      return FALSE;
    }
  *out = (guint) v;
  return TRUE;
}

gboolean
pw_step_parse_string (const char  *text,
                      PwStep      *out,
                      GError     **error)
{
  char *words[4] = { NULL };
  guint n = 0;
  const char *p = text;
  gboolean ok = FALSE;
  PwStep step = { 0 };

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  while (*p)
    {
      const char *start;
      while (*p == ' ' || *p == '\t')
        p++;
      if (*p == '\0')
        break;
      start = p;
      while (*p && *p != ' ' && *p != '\t')
        p++;
      if (n == G_N_ELEMENTS (words))
        goto out_bad;
      words[n++] = g_strndup (start, p - start);
    }

  if (n == 2 && g_str_equal (words[0], "switch"))
    {
      step.kind = PW_STEP_SWITCH;
      if (!step_pid (words[1], &step.pid, error))
        goto out;
      ok = TRUE;
    }
  else if ((n == 2 || n == 3)
           && (g_str_equal (words[0], "r") || g_str_equal (words[0], "w")
               || g_str_equal (words[0], "x")))
    {
      step.kind = PW_STEP_ACCESS;
      pw_access_from_string (words[0], &step.access);
      if (n == 3 && !step_pid (words[1], &step.pid, error))
        goto out;
      if (!pw_number_parse (words[n - 1], &step.va, error))
        goto out;
      ok = TRUE;
    }
  else
    goto out_bad;

out:
  for (guint i = 0; i < n; i++)
    g_free (words[i]);
  if (ok)
    *out = step;
  return ok;

out_bad:
  step_error (error, text);
  goto out;
}

static gboolean
step_range (Ctx        *c,
            PwJson     *o,
            const char *path,
            PwStep     *step)
{
  if (!member_u64 (c, o, path, "start", &step->start, NULL)
      || !member_u64 (c, o, path, "size", &step->size, NULL))
    return FALSE;
  if (step->size == 0)
    {
      g_autofree char *p = path_key (path, "size");
      return fail (c, p, _("the range cannot be empty"));
    }
  if (c->arch->kind != PW_ARCH_PAGED)
    return fail (c, path, _("%s has no pages: reserve, commit, decommit, free and touch need a paged architecture"),
                 c->arch->name);
  if (!check_aligned (c, path, "start", step->start, c->page)
      || !check_aligned (c, path, "size", step->size, c->page)
      || !check_va_range (c, path, step->start, step->size))
    return FALSE;
  if (step->kind == PW_STEP_TOUCH && step->size / c->page > PW_MACHINE_MAX_TOUCH_PAGES)
    {
      /* one access per page: the kernel refuses more, say it now */
      g_autofree char *p = path_key (path, "size");
      char pages[24], max[24];
      g_snprintf (pages, sizeof pages, "%" G_GUINT64_FORMAT, step->size / c->page);
      g_snprintf (max, sizeof max, "%" G_GUINT64_FORMAT, PW_MACHINE_MAX_TOUCH_PAGES);
      /* Translators: both %s are numbers of pages */
      return fail (c, p, _("a touch makes one access per page: at most %s pages, not %s"), max, pages);
    }
  return TRUE;
}

static gboolean
node_pid (Ctx        *c,
          PwJson     *node,
          const char *path,
          guint      *out)
{
  guint64 v;

  if (!node_u64 (c, node, path, &v))
    return FALSE;
  if (v < 1 || v > G_MAXUINT)
    /* Translators: the highest value allowed, then the value found */
    return fail (c, path, _("must be from 1 to %u, not %s"), G_MAXUINT, PW_DEC (v));
  *out = (guint) v;
  return TRUE;
}

gboolean
parse_step (Ctx        *c,
            PwJson     *node,
            const char *path,
            PwStep     *step)
{
  static const char * const kinds[] = {
    "access", "switch", "reserve", "commit", "decommit", "free", "touch", "spawn", "exit",
    "fork", NULL };
  static const char * const access_keys[] = { "access", "pid", "va", NULL };
  PwJson *o;
  const char *kind;
  PwJson *arg;
  g_autofree char *ap = NULL;

  if (is_string (node))
    {
      g_autoptr(GError) err = NULL;
      if (!pw_step_parse_string (pw_json_node_get_string (node), step, &err))
        return fail_code (c, err->code, path, "%s", err->message);
      step->path = g_strdup (path);
      return TRUE;
    }
  if (!PW_JSON_HOLDS_OBJECT (node))
    return fail (c, path, _("expected a string such as \"r 0x1000\" or an object, found %s"),
                 node_kind (node));

  o = pw_json_node_get_object (node);
  step->path = g_strdup (path);

  if (pw_json_object_has_member (o, "access"))
    {
      guint64 pid = 0;
      gboolean has_pid;

      step->kind = PW_STEP_ACCESS;
      if (!check_keys (c, o, path, access_keys, NULL)
          || !member_access (c, o, path, "access", &step->access)
          || !member_range (c, o, path, "pid", 1, G_MAXUINT, &pid, &has_pid)
          || !member_u64 (c, o, path, "va", &step->va, NULL))
        return FALSE;
      step->pid = (guint) pid;
      return TRUE;
    }

  if (!check_keys (c, o, path, kinds, NULL))
    return FALSE;
  if (o->n == 0)
    return fail (c, path, _("an empty step: write a string such as \"r 0x1000\" or an object "
                            "such as {\"switch\": 2}"));
  if (o->n > 1)
    /* Translators: the first two keys of the step */
    return fail (c, path, _("a step has one key, here “%s” and “%s”"),
                 o->members[0].key, o->members[1].key);

  kind = o->members[0].key;
  arg = pw_json_object_get_member (o, kind);
  ap = path_key (path, kind);

  if (g_str_equal (kind, "switch") || g_str_equal (kind, "exit"))
    {
      step->kind = g_str_equal (kind, "switch") ? PW_STEP_SWITCH : PW_STEP_EXIT;
      return node_pid (c, arg, ap, &step->pid);
    }
  if (g_str_equal (kind, "fork"))
    {
      static const char * const keys[] = { "parent", "child", NULL };
      PwJson *f;
      guint64 parent, child;

      step->kind = PW_STEP_FORK;
      if (!PW_JSON_HOLDS_OBJECT (arg))
        return fail (c, ap, _("expected an object such as {\"parent\": 1, \"child\": 2}, found %s"),
                     node_kind (arg));
      f = pw_json_node_get_object (arg);
      if (!check_keys (c, f, ap, keys, NULL)
          || !member_range (c, f, ap, "parent", 1, G_MAXUINT, &parent, NULL)
          || !member_range (c, f, ap, "child", 1, G_MAXUINT, &child, NULL))
        return FALSE;
      if (parent == child)
        {
          g_autofree char *cp = path_key (ap, "child");
          return fail (c, cp, _("the child needs a pid of its own, not its parent's"));
        }
      step->pid = (guint) parent;
      step->child = (guint) child;
      return TRUE;
    }
  if (g_str_equal (kind, "spawn"))
    {
      step->kind = PW_STEP_SPAWN;
      step->spawn = parse_process (c, arg, ap, TRUE);
      return step->spawn != NULL;
    }

  /* reserve, commit, decommit, free, touch */
  {
    static const char * const prot_keys[] = { "pid", "start", "size", "prot", NULL };
    static const char * const plain_keys[] = { "pid", "start", "size", NULL };
    static const char * const plain_misplaced[] = {
      "prot", N_("is only for reserve and commit"), NULL };
    static const char * const touch_keys[] = { "pid", "start", "size", "access", NULL };
    PwJson *r;
    guint64 pid;

    if (g_str_equal (kind, "reserve"))
      step->kind = PW_STEP_RESERVE;
    else if (g_str_equal (kind, "commit"))
      step->kind = PW_STEP_COMMIT;
    else if (g_str_equal (kind, "decommit"))
      step->kind = PW_STEP_DECOMMIT;
    else if (g_str_equal (kind, "free"))
      step->kind = PW_STEP_FREE;
    else
      step->kind = PW_STEP_TOUCH;

    if (!PW_JSON_HOLDS_OBJECT (arg))
      return fail (c, ap, _("expected an object such as {\"pid\": 1, \"start\": \"0x1000\", "
                            "\"size\": \"4KiB\"}, found %s"), node_kind (arg));
    r = pw_json_node_get_object (arg);
    if (step->kind == PW_STEP_TOUCH)
      {
        if (!check_keys (c, r, ap, touch_keys, NULL)
            || !member_access (c, r, ap, "access", &step->access))
          return FALSE;
      }
    else if (step->kind == PW_STEP_RESERVE || step->kind == PW_STEP_COMMIT)
      {
        step->prot = PW_PROT_R | PW_PROT_W;
        if (!check_keys (c, r, ap, prot_keys, NULL)
            || !member_prot (c, r, ap, "prot", &step->prot, &step->has_prot))
          return FALSE;
      }
    else if (!check_keys (c, r, ap, plain_keys, plain_misplaced))
      return FALSE;

    if (!member_range (c, r, ap, "pid", 1, G_MAXUINT, &pid, NULL))
      return FALSE;
    step->pid = (guint) pid;
    return step_range (c, r, ap, step);
  }
}

/* A step that names a pid no process ever has (not in "processes", never
 * spawned nor forked by any step, earlier or later) can only fail; say so
 * now, at the step.  A pid that existed and exited is the run's business. */
gboolean
check_step_pids (Ctx *c)
{
  PwScenario *sc = c->sc;
  g_autoptr(GHashTable) known = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < sc->processes->len; i++)
    {
      PwProcessSpec *p = g_ptr_array_index (sc->processes, i);
      g_hash_table_add (known, GUINT_TO_POINTER (p->pid));
    }
  for (guint i = 0; i < sc->steps->len; i++)
    {
      PwStep *st = &g_array_index (sc->steps, PwStep, i);
      if (st->kind == PW_STEP_SPAWN)
        g_hash_table_add (known, GUINT_TO_POINTER (st->spawn->pid));
      else if (st->kind == PW_STEP_FORK)
        g_hash_table_add (known, GUINT_TO_POINTER (st->child));
    }
  for (guint i = 0; i < sc->steps->len; i++)
    {
      PwStep *st = &g_array_index (sc->steps, PwStep, i);
      if (st->kind == PW_STEP_SPAWN || st->pid == 0
          || g_hash_table_contains (known, GUINT_TO_POINTER (st->pid)))
        continue;
      return fail (c, st->path, _("no process ever has pid %u: it is not in “processes” "
                                  "and no step spawns or forks it"), st->pid);
    }
  return TRUE;
}

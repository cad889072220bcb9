/* pw-examples.c: the built-in example scenarios
 *
 * Examples are GResources under /io/github/pagewalk/Pagewalk/examples/; they
 * are listed in the order docs/scenario-format.md introduces them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-scenario"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pw-scenario-private.h"
#include "pw-engine-resources.h"

#include <string.h>

/* ---- built-in examples --------------------------------------------------- */

/* The teaching order of docs/guide.md (simple to advanced); others follow
 * alphabetically. */
static const char * const example_order[] = {
  "seed", "relocation", "chunks", "overcommit", "fragmentation", "protections",
  "page-states", "x86-32-split", "x86-64", "large-pages", "tlb", "belady", "clock", "multilevel",
  "riscv-sv39", "cow-fork", "multiprocess", NULL
};

GBytes *
pw_example_bytes (const char *name)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (name != NULL, NULL);

  if (name[0] == '\0' || strchr (name, '/') != NULL)
    return NULL;
  path = g_strconcat (EXAMPLES_PATH, name, EXAMPLE_SUFFIX, NULL);
  return g_resource_lookup_data (pw_engine_get_resource (), path,
                                 G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
}

static int
example_rank (const char *name)
{
  for (int i = 0; example_order[i] != NULL; i++)
    if (g_str_equal (name, example_order[i]))
      return i;
  return G_N_ELEMENTS (example_order);
}

static int
example_cmp (gconstpointer a,
             gconstpointer b)
{
  const char *x = *(const char * const *) a;
  const char *y = *(const char * const *) b;
  int rx = example_rank (x), ry = example_rank (y);

  if (rx != ry)
    return rx < ry ? -1 : 1;
  return strcmp (x, y);
}

PwExampleInfo **
pw_examples_list (void)
{
  g_auto(GStrv) children = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  GPtrArray *list = g_ptr_array_new ();

  children = g_resource_enumerate_children (pw_engine_get_resource (), EXAMPLES_PATH,
                                            G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  for (guint i = 0; children != NULL && children[i] != NULL; i++)
    {
      if (g_str_has_suffix (children[i], EXAMPLE_SUFFIX))
        {
          children[i][strlen (children[i]) - strlen (EXAMPLE_SUFFIX)] = '\0';
          g_ptr_array_add (names, (gpointer) g_intern_string (children[i]));
        }
    }
  g_ptr_array_sort (names, example_cmp);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autoptr(GBytes) bytes = pw_example_bytes (name);
      g_autofree char *display = g_strconcat (name, EXAMPLE_SUFFIX, NULL);
      g_autoptr(GError) err = NULL;
      PwExampleInfo *info = g_new0 (PwExampleInfo, 1);
      PwScenario *sc = NULL;

      info->name = name;
      if (bytes != NULL)
        {
          gsize len;
          const char *data = g_bytes_get_data (bytes, &len);
          sc = pw_scenario_parse (data, len, display, &err);
        }
      if (sc != NULL)
        {
          info->title = g_strdup (sc->title);
          info->arch = g_strdup (sc->arch->name);
          info->description = g_strdup (sc->description);
          pw_scenario_free (sc);
        }
      else
        {
          g_warning ("built-in example %s: %s", name, err ? err->message : "missing");
          info->title = g_strdup (name);
          info->arch = g_strdup ("");
          info->description = g_strdup ("");
        }
      g_ptr_array_add (list, info);
    }
  g_ptr_array_add (list, NULL);
  return (PwExampleInfo **) g_ptr_array_free (list, FALSE);
}

void
pw_examples_free (PwExampleInfo **list)
{
  if (list == NULL)
    return;
  for (guint i = 0; list[i] != NULL; i++)
    {
      g_free (list[i]->title);
      g_free (list[i]->arch);
      g_free (list[i]->description);
      g_free (list[i]);
    }
  g_free (list);
}

/* test-app.c: the desktop app's window (src/app), driven as a user would
 *
 * Runs under a display (.ci/test wraps it in xvfb-run) with GSK_RENDERER=cairo,
 * GSETTINGS_BACKEND=memory and the schema compiled in the build tree.  Every
 * wait iterates the main context until a condition holds, bounded by a
 * timeout; nothing sleeps.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-app"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include <json-glib/json-glib.h>

#include "pw-canvas.h"
#include "pw-lab.h"
#include "pw-canvas-private.h"   /* the hit map, the anchor, pw_canvas_hit_address() */
#include "pw-event-list.h"
#include "pw-machine.h"
#include "pw-number.h"
#include "pw-number.h"
#include "pw-preferences.h"
#include "pw-run.h"
#include "pw-timeline.h"
#include "pw-window.h"
#include "pw-render-private.h"   /* PwLabelBox: the labels' boxes a drawing made */
#include "pw-about.h"
#include "pw-application.h"
#include "pw-scenario.h"
#include "pw-window-private.h"

#include <math.h>
#include <string.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#define WAIT_SECONDS 20

/* ---- waiting ------------------------------------------------------------------ */

typedef gboolean (*Condition) (gpointer data);

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates the main context until @cond holds; FALSE after WAIT_SECONDS. */
static gboolean
wait_for (Condition cond,
          gpointer  data)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (WAIT_SECONDS, timeout_cb, &timed_out);

  while (!cond (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return cond (data);
}

static gboolean
not_busy (gpointer data)
{
  return !pw_window_get_busy (data);
}

static gboolean
not_animating (gpointer data)
{
  return !pw_canvas_get_animating (data);
}

static gboolean
has_size (gpointer data)
{
  return gtk_widget_get_width (data) > 0 && gtk_widget_get_height (data) > 0;
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* ---- widgets --------------------------------------------------------------------- */

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *w = find_named (c, name);
      if (w != NULL)
        return w;
    }
  return NULL;
}

static const char *
label_text (PwWindow   *win,
            const char *name)
{
  GtkWidget *w = find_named (GTK_WIDGET (win), name);

  g_assert_nonnull (w);
  g_assert_true (GTK_IS_LABEL (w));
  return gtk_label_get_text (GTK_LABEL (w));
}

static PwWindow *
open_window (const char *source,
             const char *trace)
{
  PwWindow *win = pw_window_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (win), 1200, 800);
  gtk_window_present (GTK_WINDOW (win));
  pw_window_open (win, source, trace);
  g_assert_true (pw_window_get_busy (win));
  g_assert_true (wait_for (not_busy, win));
  g_assert_true (wait_for (has_size, pw_window_get_canvas (win)));
  return win;
}

static void
close_window (PwWindow *win)
{
  GtkWidget *weak = GTK_WIDGET (win);

  g_object_add_weak_pointer (G_OBJECT (win), (gpointer *) &weak);
  gtk_window_destroy (GTK_WINDOW (win));
  g_assert_true (wait_for (is_null, &weak));
}

static void
set_animations (gboolean enabled)
{
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", enabled, NULL);
}

/* ---- tests ------------------------------------------------------------------------ */

/* Step forward and back through the seed example: the counter, the machine. */
static void
test_steps (void)
{
  PwWindow *win = open_window ("seed", NULL);
  PwCanvas *canvas = pw_window_get_canvas (win);
  PwMachine *m;

  set_animations (TRUE);
  g_assert_cmpstr (label_text (win, "step-label"), ==, "Step 0 of 5");
  m = pw_canvas_get_machine (canvas);
  g_assert_nonnull (m);
  g_assert_cmpuint (pw_machine_stats (m)->accesses, ==, 0);
  /* step 0 shows the machine after set-up: no access has happened yet */
  g_assert_false (pw_canvas_get_options (canvas)->has_walk);
  g_assert_null (pw_canvas_get_options (canvas)->event);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.step-forward", NULL));
  g_assert_cmpstr (label_text (win, "step-label"), ==, "Step 1 of 5");
  g_assert_cmpuint (pw_window_get_position (win), ==, 1);
  m = pw_canvas_get_machine (canvas);
  g_assert_cmpuint (pw_machine_steps_done (m), ==, 1);
  g_assert_cmpuint (pw_machine_stats (m)->accesses, ==, 1);
  /* the step's access unfolds on the frame clock, then stops */
  g_assert_true (pw_canvas_get_animating (canvas));
  g_assert_true (wait_for (not_animating, canvas));
  g_assert_nonnull (strstr (label_text (win, "narration-label"), "0x0109150"));

  /* step 4 reads page 0x3 back from disk (swap slot 7): a major fault */
  for (int i = 0; i < 3; i++)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.step-forward", NULL));
  g_assert_cmpstr (label_text (win, "step-label"), ==, "Step 4 of 5");
  m = pw_canvas_get_machine (canvas);
  g_assert_cmpuint (pw_machine_stats (m)->major_faults, ==, 1);
  {
    const PwProcess *p = pw_machine_lookup (m, 1);
    guint64 vpn = 3;
    const PwPage *page = g_hash_table_lookup (p->pages, &vpn);
    g_assert_nonnull (page);
    g_assert_true (page->resident);
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.step-back", NULL));
  g_assert_cmpstr (label_text (win, "step-label"), ==, "Step 3 of 5");
  m = pw_canvas_get_machine (canvas);
  g_assert_cmpuint (pw_machine_stats (m)->accesses, ==, 3);
  g_assert_cmpuint (pw_machine_stats (m)->major_faults, ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.go-end", NULL));
  g_assert_cmpstr (label_text (win, "step-label"), ==, "Step 5 of 5");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.go-start", NULL));
  g_assert_cmpstr (label_text (win, "step-label"), ==, "Step 0 of 5");
  m = pw_canvas_get_machine (canvas);
  g_assert_cmpuint (pw_machine_stats (m)->accesses, ==, 0);

  close_window (win);
}

/* Reduced motion: the final state at once. */
static void
test_reduced_motion (void)
{
  PwWindow *win = open_window ("seed", NULL);
  PwCanvas *canvas = pw_window_get_canvas (win);

  set_animations (FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.step-forward", NULL));
  g_assert_false (pw_canvas_get_animating (canvas));
  g_assert_true (pw_canvas_get_options (canvas)->reduced_motion);
  g_assert_nonnull (strstr (label_text (win, "narration-label"), "0x0109150"));
  set_animations (TRUE);
  close_window (win);
}

/* The address entry: a good address is walked, a bad one is an inline error. */
static void
test_translate (void)
{
  PwWindow *win = open_window ("seed", NULL);
  PwCanvas *canvas = pw_window_get_canvas (win);
  GtkWidget *entry = find_named (GTK_WIDGET (win), "address-entry");

  set_animations (TRUE);
  g_assert_true (GTK_IS_ENTRY (entry));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.step-forward", NULL));
  g_assert_true (wait_for (not_animating, canvas));

  gtk_editable_set_text (GTK_EDITABLE (entry), "0x0002150");
  g_signal_emit_by_name (entry, "activate");
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  g_assert_true (pw_canvas_get_options (canvas)->has_walk);
  g_assert_true (pw_canvas_get_animating (canvas));
  g_assert_true (wait_for (not_animating, canvas));
  g_assert_nonnull (strstr (label_text (win, "narration-label"), "0x0109150"));
  g_assert_nonnull (strstr (pw_canvas_get_narration (canvas), "0x0109150"));
  g_assert_cmphex (pw_canvas_get_options (canvas)->walk.pa, ==, 0x0109150);
  /* translating changes nothing */
  g_assert_cmpuint (pw_window_get_position (win), ==, 1);

  gtk_editable_set_text (GTK_EDITABLE (entry), "0x12zz");
  g_signal_emit_by_name (entry, "activate");
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_nonnull (gtk_widget_get_tooltip_text (entry));
  /* the walk shown stays */
  g_assert_cmphex (pw_canvas_get_options (canvas)->walk.pa, ==, 0x0109150);
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  g_signal_emit_by_name (entry, "activate");
  g_assert_true (gtk_widget_has_css_class (entry, "error"));

  /* a page clicked in a diagram is translated: page 0x1 is in frame 0x5f3 */
  g_signal_emit_by_name (canvas, "translate-requested", 1u, (guint64) 0x1000);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "0x1000");
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  g_assert_true (wait_for (not_animating, canvas));
  g_assert_cmphex (pw_canvas_get_options (canvas)->walk.pa, ==, 0x05f3000);

  close_window (win);
}

/* Without a process chosen, an address is translated for the current one
 * (pw_machine_default_pid()), and a step shows its own access. */
static void
test_translate_default_pid (void)
{
  PwWindow *win = open_window ("multiprocess-asid", NULL);
  PwCanvas *canvas = pw_window_get_canvas (win);
  GtkWidget *entry = find_named (GTK_WIDGET (win), "address-entry");
  const PwRenderOptions *o;

  set_animations (FALSE);
  /* switch 1, x 1, r 1, x 1, switch 2, x 2 0x08048010 */
  for (guint i = 0; i < 6; i++)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.step-forward", NULL));
  o = pw_canvas_get_options (canvas);
  g_assert_nonnull (o->event);
  g_assert_true (pw_event_is_access (o->event));
  g_assert_cmpuint (o->event->pid, ==, 2);
  g_assert_cmphex (o->event->va, ==, 0x08048010);

  gtk_editable_set_text (GTK_EDITABLE (entry), "0x0804a020");
  g_signal_emit_by_name (entry, "activate");
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  o = pw_canvas_get_options (canvas);
  g_assert_true (o->has_walk);
  g_assert_cmpuint (o->walk_pid, ==, 2);
  g_assert_cmphex (o->walk.va, ==, 0x0804a020);
  set_animations (TRUE);
  close_window (win);
}

typedef struct
{
  PwCanvas  *canvas;
  PwHitKind  kind;
  guint64    want;    /* FRAME: a frame, SLOT: a slot, PAGE: a page number */
  double     x, y;
} HitSearch;

/* Scans the canvas for a hit of a kind that covers s->want. */
static gboolean
find_hit (HitSearch *s)
{
  int w = gtk_widget_get_width (GTK_WIDGET (s->canvas));
  int h = gtk_widget_get_height (GTK_WIDGET (s->canvas));

  for (int y = 0; y < h; y += 2)
    for (int x = 0; x < w; x += 2)
      {
        const PwHit *hit = pw_canvas_hit_at (s->canvas, x, y);
        guint64 first;

        if (hit == NULL || hit->kind != s->kind)
          continue;
        first = s->kind == PW_HIT_FRAME ? hit->frame : s->kind == PW_HIT_SLOT ? hit->slot : hit->vpn;
        if (first <= s->want && s->want < first + hit->count)
          {
            s->x = x;
            s->y = y;
            return TRUE;
          }
      }
  return FALSE;
}

/* Every view draws; the hit map answers for tooltips and clicks. */
static void
test_views (void)
{
  static const PwView order[] = {
    PW_VIEW_OVERVIEW, PW_VIEW_ADDRESS, PW_VIEW_WALK, PW_VIEW_VASPACE,
    PW_VIEW_PAGETABLE, PW_VIEW_PHYSICAL, PW_VIEW_DISK, PW_VIEW_TLB,
  };
  PwWindow *win = open_window ("seed", NULL);
  PwCanvas *canvas = pw_window_get_canvas (win);
  HitSearch s = { canvas, PW_HIT_FRAME, 0x109, 0, 0 };
  const PwHit *hit;
  g_autofree char *text = NULL;

  g_assert_cmpint (pw_canvas_get_view (canvas), ==, PW_VIEW_OVERVIEW);
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.view", "u", i));
      g_assert_cmpint (pw_canvas_get_view (canvas), ==, order[i]);
      g_assert_true (wait_for (has_size, canvas));
    }

  /* physical memory: frame 0x109 holds page 0x2 of pid 1 */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.view", "u", 5));
  g_assert_true (wait_for ((Condition) find_hit, &s));
  hit = pw_canvas_hit_at (canvas, s.x, s.y);
  g_assert_nonnull (hit);
  g_assert_cmpint (hit->kind, ==, PW_HIT_FRAME);
  text = pw_canvas_describe_hit (canvas, hit);
  g_assert_nonnull (strstr (text, "Frame 0x109: page 0x2 of process 1 (program)"));

  /* the disk: slot 7 holds page 0x3 */
  g_clear_pointer (&text, g_free);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.view", "u", 6));
  s.kind = PW_HIT_SLOT;
  s.want = 7;
  g_assert_true (wait_for ((Condition) find_hit, &s));
  text = pw_canvas_describe_hit (canvas, pw_canvas_hit_at (canvas, s.x, s.y));
  g_assert_cmpstr (text, ==, "Swap slot 7: page 0x3 of process 1 (program)");

  /* the address spaces: page 0x2 is in frame 0x109 */
  g_clear_pointer (&text, g_free);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.view", "u", 3));
  s.kind = PW_HIT_PAGE;
  s.want = 2;
  g_assert_true (wait_for ((Condition) find_hit, &s));
  text = pw_canvas_describe_hit (canvas, pw_canvas_hit_at (canvas, s.x, s.y));
  g_assert_nonnull (text);
  g_assert_nonnull (strstr (text, "in frame 0x109"));

  close_window (win);
}

/* Export writes what is shown, by extension, and refuses other names. */
static void
test_export (void)
{
  PwWindow *win = open_window ("seed", NULL);
  g_autofree char *dir = g_dir_make_tmp ("pagewalk-test-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "seed.png", NULL);
  g_autofree char *pdf = g_build_filename (dir, "seed.pdf", NULL);
  g_autofree char *txt = g_build_filename (dir, "seed.txt", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  g_assert_nonnull (dir);
  g_assert_true (pw_window_export (win, png, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (png, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 8);
  g_assert_cmpmem (contents, 8, "\x89PNG\r\n\x1a\n", 8);
  g_clear_pointer (&contents, g_free);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.view", "u", 2));
  g_assert_true (pw_window_export (win, pdf, &error));
  g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF"));

  g_assert_false (pw_window_export (win, txt, &error));
  g_assert_nonnull (error);
  g_assert_false (g_file_test (txt, G_FILE_TEST_EXISTS));

  g_unlink (png);
  g_unlink (pdf);
  g_rmdir (dir);
  close_window (win);
}

/* A scenario that does not load: the message with its place, nothing shown. */
static void
test_bad_file (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "bad",
                                                 "bytes-invalid-utf8.pagewalk", NULL);
  PwWindow *win = pw_window_new (NULL);
  GList *toplevels;
  AdwMessageDialog *dialog = NULL;

  gtk_window_present (GTK_WINDOW (win));
  pw_window_open (win, path, NULL);
  g_assert_true (wait_for (not_busy, win));
  g_assert_null (pw_canvas_get_machine (pw_window_get_canvas (win)));
  g_assert_cmpstr (label_text (win, "step-label"), ==, "");
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (win), "win.step-forward", NULL)
                  && pw_window_get_position (win) != 0);

  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data))
      dialog = l->data;
  g_list_free (toplevels);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "bytes-invalid-utf8.pagewalk:3:16:"));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* the window still opens a good scenario */
  pw_window_open (win, "seed", NULL);
  g_assert_true (wait_for (not_busy, win));
  g_assert_cmpstr (label_text (win, "step-label"), ==, "Step 0 of 5");
  close_window (win);
}

static char *
write_trace (guint n)
{
  g_autoptr(GString) s = g_string_new ("# test trace\n");
  g_autoptr(GError) error = NULL;
  char *path = NULL;
  int fd = g_file_open_tmp ("pagewalk-test-XXXXXX.trace", &path, &error);

  g_assert_no_error (error);
  close (fd);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "%s 0x%x\n", i % 3 ? "r" : "w", (i * 0x1010) % 0x4000);
  g_file_set_contents (path, s->str, s->len, &error);
  g_assert_no_error (error);
  return path;
}

/* A trace after the steps: loaded in the worker, scrubbed to its end. */
static void
test_trace (void)
{
  g_autofree char *trace = write_trace (3000);
  PwWindow *win = open_window ("seed", trace);
  PwMachine *m;

  g_assert_cmpuint (pw_window_get_n_steps (win), ==, 3005);
  g_assert_cmpstr (label_text (win, "step-label"), ==, "Step 0 of 3005");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.go-end", NULL));
  g_assert_cmpuint (pw_window_get_position (win), ==, 3005);
  m = pw_canvas_get_machine (pw_window_get_canvas (win));
  g_assert_cmpuint (pw_machine_stats (m)->accesses, ==, 3005);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.step-back", NULL));
  g_assert_cmpuint (pw_window_get_position (win), ==, 3004);
  close_window (win);
  g_unlink (trace);
}

/* Cancel: the load stops and the scenario shown stays. */
static void
test_cancel (void)
{
  g_autofree char *trace = write_trace (300000);
  PwWindow *win = open_window ("seed", NULL);

  pw_window_open (win, "seed", trace);
  g_assert_true (pw_window_get_busy (win));
  /* the scenario shown stays usable meanwhile */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.step-forward", NULL));
  g_assert_cmpstr (label_text (win, "step-label"), ==, "Step 1 of 5");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.cancel-load", NULL));
  g_assert_true (wait_for (not_busy, win));
  g_assert_cmpuint (pw_window_get_n_steps (win), ==, 5);
  g_assert_cmpstr (label_text (win, "step-label"), ==, "Step 1 of 5");
  close_window (win);
  g_unlink (trace);
}

static gpointer
feed_fifo (gpointer data)
{
  const char *path = data;
  char block[4096];
  FILE *f = fopen (path, "w");

  /* an endless JSON string: the reader stops it (cancel), then the write fails */
  memset (block, 'a', sizeof block);
  if (f == NULL)
    return NULL;
  fputs ("{ \"pagewalk\": 1, \"title\": \"", f);
  while (fwrite (block, 1, sizeof block, f) == sizeof block)
    ;
  fclose (f);
  return NULL;
}

/* Cancel while a scenario is read from a FIFO that never ends: the load
 * stops at once, nothing is shown. */
static void
test_cancel_fifo (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pagewalk-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "endless.pagewalk", NULL);
  PwWindow *win = pw_window_new (NULL);
  GThread *writer;

  signal (SIGPIPE, SIG_IGN);
  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  writer = g_thread_new ("feed", feed_fifo, path);
  gtk_window_present (GTK_WINDOW (win));
  pw_window_open (win, path, NULL);
  g_assert_true (pw_window_get_busy (win));
  g_usleep (200000);
  g_assert_true (pw_window_get_busy (win));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.cancel-load", NULL));
  g_assert_true (wait_for (not_busy, win));
  g_assert_null (pw_canvas_get_machine (pw_window_get_canvas (win)));
  g_thread_join (writer);
  g_unlink (path);
  g_rmdir (dir);
  close_window (win);
}

/* Cancel during one long step (a touch of 2^24 pages, the most a touch
 * makes): the step stops between pages and the load ends cancelled. */
static void
test_cancel_long_step (void)
{
  static const char json[] =
    "{ \"pagewalk\": 1, \"title\": \"long touch\", \"arch\": \"x86-64\",\n"
    "  \"memory\": { \"frames\": 64 }, \"disk\": { \"slots\": 16 },\n"
    "  \"processes\": [ { \"pid\": 1, \"regions\": [ { \"start\": \"0x10000000000\", \"size\": \"64GiB\", \"state\": \"committed\" } ] } ],\n"
    "  \"steps\": [ { \"touch\": { \"pid\": 1, \"start\": \"0x10000000000\", \"size\": \"64GiB\" } }, \"r 0x10000000000\" ] }\n";
  g_autofree char *dir = g_dir_make_tmp ("pagewalk-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "long.pagewalk", NULL);
  g_autoptr(GError) error = NULL;
  PwWindow *win = pw_window_new (NULL);
  gint64 t0;

  g_file_set_contents (path, json, -1, &error);
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (win));
  pw_window_open (win, path, NULL);
  g_usleep (300000);
  g_assert_true (pw_window_get_busy (win));
  t0 = g_get_monotonic_time ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.cancel-load", NULL));
  g_assert_true (wait_for (not_busy, win));
  /* well before the touch could have ended (the wait gives up after seconds) */
  g_test_message ("cancelled after %.0f ms", (g_get_monotonic_time () - t0) / 1000.0);
  g_assert_null (pw_canvas_get_machine (pw_window_get_canvas (win)));
  g_unlink (path);
  g_rmdir (dir);
  close_window (win);
}

/* ---- the translate bar's pickers: process, access, mode --------------------------- */

static GtkDropDown *
picker (PwWindow   *win,
        const char *name)
{
  GtkWidget *w = find_named (GTK_WIDGET (win), name);

  g_assert_nonnull (w);
  g_assert_true (GTK_IS_DROP_DOWN (w));
  return GTK_DROP_DOWN (w);
}

/* Translates @text from the bar; returns the walk shown. */
static const PwWalk *
translate_text (PwWindow   *win,
                const char *text)
{
  GtkWidget *entry = find_named (GTK_WIDGET (win), "address-entry");
  const PwRenderOptions *o;

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "activate");
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  o = pw_canvas_get_options (pw_window_get_canvas (win));
  g_assert_true (o->has_walk);
  return &o->walk;
}

/* The walk shown is the one pw_machine_translate() gives (as `pagewalk-cli
 * translate` prints it) for the same process, access and mode. */
static void
assert_same_walk (PwWindow *win,
                  guint     pid,
                  PwAccess  access,
                  PwMode    mode)
{
  PwCanvas *canvas = pw_window_get_canvas (win);
  const PwRenderOptions *o = pw_canvas_get_options (canvas);
  g_autoptr(GError) error = NULL;
  PwWalk want;

  g_assert_true (o->has_walk);
  g_assert_cmpuint (o->walk_pid, ==, pid);
  g_assert_true (pw_machine_translate (pw_canvas_get_machine (canvas), pid, o->walk.va,
                                       access, mode, &want, &error));
  g_assert_no_error (error);
  g_assert_cmpint (o->walk.access, ==, access);
  g_assert_cmpint (o->walk.mode, ==, mode);
  g_assert_cmpint (o->walk.fault, ==, want.fault);
  g_assert_cmpint (o->walk.fault_depth, ==, want.fault_depth);
  g_assert_cmpint (o->walk.why, ==, want.why);
  g_assert_cmpuint (o->walk.n_steps, ==, want.n_steps);
  if (want.fault == PW_FAULT_NONE)
    g_assert_cmphex (o->walk.pa, ==, want.pa);
}

/* A write to the read-only code of `protections` is the protection fault
 * that names the leaf entry and its bit; execute and read differ where the
 * region says so. */
static void
test_pickers_access (void)
{
  PwWindow *win = open_window ("protections", NULL);
  PwCanvas *canvas = pw_window_get_canvas (win);
  GtkDropDown *access = picker (win, "access-dropdown");
  GtkDropDown *mode = picker (win, "mode-dropdown");
  const PwWalk *w;

  set_animations (FALSE);
  g_assert_cmpuint (gtk_drop_down_get_selected (access), ==, PW_ACCESS_READ);
  g_assert_cmpuint (gtk_drop_down_get_selected (mode), ==, PW_MODE_USER);

  /* code, r-x: read and execute go through, a write faults at the PT entry */
  w = translate_text (win, "0x400010");
  g_assert_cmpint (w->fault, ==, PW_FAULT_NONE);
  assert_same_walk (win, 1, PW_ACCESS_READ, PW_MODE_USER);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.set-access", "u", PW_ACCESS_WRITE));
  g_assert_cmpuint (gtk_drop_down_get_selected (access), ==, PW_ACCESS_WRITE);
  w = translate_text (win, "0x400010");
  g_assert_cmpint (w->fault, ==, PW_FAULT_PROTECTION);
  g_assert_cmpint (w->why, ==, PW_WHY_WRITE);
  assert_same_walk (win, 1, PW_ACCESS_WRITE, PW_MODE_USER);
  g_assert_nonnull (strstr (pw_canvas_get_narration (canvas), "protection"));
  g_assert_nonnull (strstr (pw_canvas_get_narration (canvas), "PT entry"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.set-access", "u", PW_ACCESS_EXEC));
  w = translate_text (win, "0x400010");
  g_assert_cmpint (w->fault, ==, PW_FAULT_NONE);
  assert_same_walk (win, 1, PW_ACCESS_EXEC, PW_MODE_USER);

  /* constants, r--: executing them is a fault (the XD bit), reading is not */
  w = translate_text (win, "0x402010");
  g_assert_cmpint (w->fault, ==, PW_FAULT_PROTECTION);
  g_assert_cmpint (w->why, ==, PW_WHY_EXEC);
  assert_same_walk (win, 1, PW_ACCESS_EXEC, PW_MODE_USER);
  g_assert_nonnull (strstr (pw_canvas_get_narration (canvas), "XD"));
  gtk_drop_down_set_selected (access, PW_ACCESS_READ);
  w = translate_text (win, "0x402010");
  g_assert_cmpint (w->fault, ==, PW_FAULT_NONE);
  g_assert_cmphex (w->pa, ==, 0x102010);
  assert_same_walk (win, 1, PW_ACCESS_READ, PW_MODE_USER);

  /* a page clicked in a diagram is translated with the pickers' access too */
  gtk_drop_down_set_selected (access, PW_ACCESS_WRITE);
  g_signal_emit_by_name (canvas, "translate-requested", 1u, (guint64) 0x400000);
  assert_same_walk (win, 1, PW_ACCESS_WRITE, PW_MODE_USER);
  g_assert_cmpint (pw_canvas_get_options (canvas)->walk.fault, ==, PW_FAULT_PROTECTION);

  set_animations (TRUE);
  close_window (win);
}

/* x86-32-split: the kernel's half is mapped in every process, reachable in
 * supervisor mode only. */
static void
test_pickers_mode (void)
{
  PwWindow *win = open_window ("x86-32-split", NULL);
  GtkDropDown *mode = picker (win, "mode-dropdown");
  const PwWalk *w;

  set_animations (FALSE);
  w = translate_text (win, "0x80000010");
  g_assert_cmpint (w->fault, ==, PW_FAULT_PROTECTION);
  assert_same_walk (win, 1, PW_ACCESS_READ, PW_MODE_USER);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.set-mode", "u", PW_MODE_SUPERVISOR));
  g_assert_cmpuint (gtk_drop_down_get_selected (mode), ==, PW_MODE_SUPERVISOR);
  w = translate_text (win, "0x80000010");
  g_assert_cmpint (w->fault, ==, PW_FAULT_NONE);
  g_assert_cmphex (w->pa, ==, 0x100010);
  assert_same_walk (win, 1, PW_ACCESS_READ, PW_MODE_SUPERVISOR);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.set-mode", "u", PW_MODE_USER));
  g_assert_cmpuint (gtk_drop_down_get_selected (mode), ==, PW_MODE_USER);

  set_animations (TRUE);
  close_window (win);
}

/* The process picker lists every process alive, after "Current process". */
static void
assert_lists_processes (PwWindow *win)
{
  PwMachine *m = pw_canvas_get_machine (pw_window_get_canvas (win));
  GtkDropDown *process = picker (win, "process-dropdown");
  GListModel *model = gtk_drop_down_get_model (process);
  guint n = pw_machine_n_processes (m);

  g_assert_cmpuint (n, >, 0);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (process)));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n + 1);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), 0), ==, "Current process");
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *want = g_strdup_printf ("Process %u", pw_machine_process (m, i)->pid);

      g_assert_true (g_str_has_prefix (gtk_string_list_get_string (GTK_STRING_LIST (model), i + 1), want));
    }
}

/* The pickers keep their choice when stepping and translating again; a
 * process chosen that is gone falls back to the current one. */
static void
test_pickers_kept (void)
{
  PwWindow *win = open_window ("cow-fork", NULL);
  GtkDropDown *process = picker (win, "process-dropdown");
  GtkDropDown *access = picker (win, "access-dropdown");
  GtkDropDown *mode = picker (win, "mode-dropdown");
  guint n_steps = 0;

  set_animations (FALSE);
  assert_lists_processes (win);
  g_assert_cmpuint (pw_machine_n_processes (pw_canvas_get_machine (pw_window_get_canvas (win))), ==, 1);
  gtk_drop_down_set_selected (access, PW_ACCESS_WRITE);
  gtk_drop_down_set_selected (mode, PW_MODE_SUPERVISOR);

  /* step until the fork has made process 2, checking the list at each step */
  while (pw_machine_lookup (pw_canvas_get_machine (pw_window_get_canvas (win)), 2) == NULL)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.step-forward", NULL));
      g_assert_cmpuint (++n_steps, <, 20);
      assert_lists_processes (win);
      g_assert_cmpuint (gtk_drop_down_get_selected (access), ==, PW_ACCESS_WRITE);
      g_assert_cmpuint (gtk_drop_down_get_selected (mode), ==, PW_MODE_SUPERVISOR);
    }

  /* process 2, the child: item 2 */
  gtk_drop_down_set_selected (process, 2);
  translate_text (win, "0x10000000");
  assert_same_walk (win, 2, PW_ACCESS_WRITE, PW_MODE_SUPERVISOR);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.step-forward", NULL));
  assert_lists_processes (win);
  g_assert_cmpuint (gtk_drop_down_get_selected (process), ==, 2);
  g_assert_cmpuint (gtk_drop_down_get_selected (access), ==, PW_ACCESS_WRITE);
  g_assert_cmpuint (gtk_drop_down_get_selected (mode), ==, PW_MODE_SUPERVISOR);
  translate_text (win, "0x10000000");
  assert_same_walk (win, 2, PW_ACCESS_WRITE, PW_MODE_SUPERVISOR);
  /* translating again keeps them too */
  g_assert_cmpuint (gtk_drop_down_get_selected (process), ==, 2);
  g_assert_cmpuint (gtk_drop_down_get_selected (access), ==, PW_ACCESS_WRITE);

  /* back at the start process 2 is gone: the current process again */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.go-start", NULL));
  assert_lists_processes (win);
  g_assert_cmpuint (gtk_drop_down_get_selected (process), ==, 0);
  g_assert_cmpuint (gtk_drop_down_get_selected (access), ==, PW_ACCESS_WRITE);
  g_assert_cmpuint (gtk_drop_down_get_selected (mode), ==, PW_MODE_SUPERVISOR);
  translate_text (win, "0x10000000");
  assert_same_walk (win, 1, PW_ACCESS_WRITE, PW_MODE_SUPERVISOR);

  set_animations (TRUE);
  close_window (win);
}

/* Counts the window's shortcuts triggered by @accel; *@action is the last
 * one's action name and *@target its argument. */
static guint
count_shortcuts (PwWindow    *win,
                 const char  *accel,
                 char       **action,
                 GVariant   **target)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (win));
  g_autoptr(GtkShortcutTrigger) want = gtk_shortcut_trigger_parse_string (accel);
  guint count = 0;

  g_assert_nonnull (want);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) c = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (c))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (c)); j++)
        {
          g_autoptr(GtkShortcut) sc = g_list_model_get_item (G_LIST_MODEL (c), j);
          GtkShortcutAction *a = gtk_shortcut_get_action (sc);

          if (!gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (sc), want))
            continue;
          count++;
          g_clear_pointer (action, g_free);
          if (GTK_IS_NAMED_ACTION (a))
            *action = g_strdup (gtk_named_action_get_action_name (GTK_NAMED_ACTION (a)));
          g_clear_pointer (target, g_variant_unref);
          if (gtk_shortcut_get_arguments (sc) != NULL)
            *target = g_variant_ref (gtk_shortcut_get_arguments (sc));
        }
    }
  return count;
}

/* Alt+P, Alt+R/W/X and Alt+U/S: one shortcut each, the pickers' actions. */
static void
test_pickers_shortcuts (void)
{
  static const struct
  {
    const char *accel;
    const char *action;
    int         target;   /* -1: none */
  } keys[] = {
    { "<Alt>p", "win.choose-process", -1 },
    { "<Alt>r", "win.set-access", PW_ACCESS_READ },
    { "<Alt>w", "win.set-access", PW_ACCESS_WRITE },
    { "<Alt>x", "win.set-access", PW_ACCESS_EXEC },
    { "<Alt>u", "win.set-mode", PW_MODE_USER },
    { "<Alt>s", "win.set-mode", PW_MODE_SUPERVISOR },
  };
  PwWindow *win = open_window ("seed", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *action = NULL;
      g_autoptr(GVariant) target = NULL;

      g_assert_cmpuint (count_shortcuts (win, keys[i].accel, &action, &target), ==, 1);
      g_assert_cmpstr (action, ==, keys[i].action);
      if (keys[i].target < 0)
        g_assert_null (target);
      else
        g_assert_cmpuint (g_variant_get_uint32 (target), ==, keys[i].target);
      g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (picker (win, "access-dropdown"))));
    }
  close_window (win);
}

/* ---- zoom and presentation mode ------------------------------------------------------ */

/* What a press of @keyval with @mods does on @widget: the first of its
 * shortcuts, in the order GTK tries them, that takes the key.  FALSE when
 * none does. */
static gboolean
press_key (GtkWidget       *widget,
           guint            keyval,
           GdkModifierType  mods)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_autoptr(GtkShortcutTrigger) want = gtk_keyval_trigger_new (keyval, mods);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) c = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (c))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (c)); j++)
        {
          g_autoptr(GtkShortcut) s = g_list_model_get_item (G_LIST_MODEL (c), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (s);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) && gtk_shortcut_trigger_equal (trigger, want)
              && gtk_shortcut_action_activate (gtk_shortcut_get_action (s), 0, widget,
                                               gtk_shortcut_get_arguments (s)))
            return TRUE;
        }
    }
  return FALSE;
}

typedef struct
{
  PwCanvas *canvas;
  int       height;
} SizeWait;

/* The canvas was laid out again: its height changed. */
static gboolean
height_changed (SizeWait *w)
{
  return gtk_widget_get_height (GTK_WIDGET (w->canvas)) != w->height;
}

/* The canvas has the size its view asks for (or fills the viewport): no
 * layout is pending. */
static gboolean
settled (PwCanvas *canvas)
{
  GtkWidget *sw = gtk_widget_get_ancestor (GTK_WIDGET (canvas), GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (sw));
  int width = gtk_widget_get_width (GTK_WIDGET (canvas));
  int min, nat;

  gtk_widget_measure (GTK_WIDGET (canvas), GTK_ORIENTATION_VERTICAL, width, &min, &nat, NULL, NULL);
  return width > 0
         && gtk_widget_get_height (GTK_WIDGET (canvas)) == MAX (nat, (int) gtk_adjustment_get_page_size (v));
}

static const char *
zoom_label (PwWindow *win)
{
  GtkWidget *w = find_named (GTK_WIDGET (win), "zoom-button");

  g_assert_nonnull (w);
  return gtk_button_get_label (GTK_BUTTON (w));
}

/* Zooming in lays the view out larger; the same object stays under the
 * same point of the diagram, panned or not; reset and a new load restore. */
static void
test_zoom (void)
{
  PwWindow *win = open_window ("seed", NULL);
  PwCanvas *canvas = pw_window_get_canvas (win);
  HitSearch s = { canvas, PW_HIT_FRAME, 0x109, 0, 0 };
  SizeWait size = { canvas, 0 };
  GtkWidget *sw = gtk_widget_get_ancestor (GTK_WIDGET (canvas), GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (sw));
  const PwHit *hit;
  double height0, width0, cx, cy;
  g_autofree char *text = NULL;

  /* physical memory at 100 %: frame 0x109 */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.view", "u", 5));
  g_assert_true (wait_for ((Condition) settled, canvas));
  g_assert_true (wait_for ((Condition) find_hit, &s));
  g_assert_cmpfloat (pw_canvas_get_zoom (canvas), ==, 1.0);
  g_assert_cmpstr (zoom_label (win), ==, "100 %");
  hit = pw_canvas_hit_at (canvas, s.x, s.y);
  height0 = hit->height;
  width0 = gtk_widget_get_width (GTK_WIDGET (canvas));

  /* Ctrl+plus twice: 150 %, the cell drawn half as large again */
  size.height = gtk_widget_get_height (GTK_WIDGET (canvas));
  g_assert_true (press_key (GTK_WIDGET (win), GDK_KEY_plus, GDK_CONTROL_MASK));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.zoom-in", NULL));
  g_assert_cmpfloat_with_epsilon (pw_canvas_get_zoom (canvas), 1.5, 1e-9);
  g_assert_cmpstr (zoom_label (win), ==, "150 %");
  g_assert_true (wait_for ((Condition) height_changed, &size));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (canvas)), ==, (int) width0);
  g_assert_true (wait_for ((Condition) find_hit, &s));
  hit = pw_canvas_hit_at (canvas, s.x, s.y);
  g_assert_cmpfloat (hit->height * pw_canvas_get_zoom (canvas), >, height0 * 1.3);

  /* the hit's rectangle, zoomed, covers the point it was found at, and its
   * middle is the same frame */
  g_assert_cmpfloat (hit->x * 1.5, <=, s.x);
  g_assert_cmpfloat (s.x, <=, (hit->x + hit->width) * 1.5);
  g_assert_cmpfloat (hit->y * 1.5, <=, s.y);
  g_assert_cmpfloat (s.y, <=, (hit->y + hit->height) * 1.5);
  cx = (hit->x + hit->width / 2) * 1.5;
  cy = (hit->y + hit->height / 2) * 1.5;
  text = pw_canvas_describe_hit (canvas, pw_canvas_hit_at (canvas, cx, cy));
  g_assert_nonnull (strstr (text, "Frame 0x109"));

  /* panned down (Ctrl+Down): widget coordinates move with the diagram */
  g_assert_cmpfloat (gtk_adjustment_get_value (v), ==, 0);
  g_assert_true (press_key (GTK_WIDGET (canvas), GDK_KEY_Down, GDK_CONTROL_MASK));
  g_assert_cmpfloat (gtk_adjustment_get_value (v), >, 0);
  g_clear_pointer (&text, g_free);
  text = pw_canvas_describe_hit (canvas, pw_canvas_hit_at (canvas, cx, cy));
  g_assert_nonnull (strstr (text, "Frame 0x109"));

  /* zoomed in further than the narrowest layout: wider than the window */
  for (guint i = 0; i < 8; i++)
    gtk_widget_activate_action (GTK_WIDGET (win), "win.zoom-in", NULL);
  g_assert_cmpfloat (pw_canvas_get_zoom (canvas), ==, PW_CANVAS_ZOOM_MAX);
  g_assert_cmpstr (zoom_label (win), ==, "400 %");
  size.height = gtk_widget_get_height (GTK_WIDGET (canvas));
  g_assert_true (wait_for ((Condition) height_changed, &size));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (canvas)), >, (int) width0);

  /* Ctrl+0 restores the layout of 100 % */
  size.height = gtk_widget_get_height (GTK_WIDGET (canvas));
  g_assert_true (press_key (GTK_WIDGET (win), GDK_KEY_0, GDK_CONTROL_MASK));
  g_assert_cmpfloat (pw_canvas_get_zoom (canvas), ==, 1.0);
  g_assert_cmpstr (zoom_label (win), ==, "100 %");
  g_assert_true (wait_for ((Condition) height_changed, &size));
  g_assert_true (wait_for ((Condition) settled, canvas));
  g_assert_true (wait_for ((Condition) find_hit, &s));
  hit = pw_canvas_hit_at (canvas, s.x, s.y);
  g_assert_cmpfloat_with_epsilon (hit->height, height0, 0.01);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (canvas)), ==, (int) width0);

  /* the overview, designed 1200 wide, zoomed is laid out wider than the
   * window (not scaled down to fit it again) */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.view", "u", 0));
  gtk_widget_activate_action (GTK_WIDGET (win), "win.zoom-in", NULL);
  g_assert_true (wait_for ((Condition) settled, canvas));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (canvas)), >=, 1200 * 1.25);

  /* a new scenario starts at 100 % */
  g_assert_true (press_key (GTK_WIDGET (win), GDK_KEY_minus, GDK_CONTROL_MASK));
  g_assert_true (press_key (GTK_WIDGET (win), GDK_KEY_minus, GDK_CONTROL_MASK));
  g_assert_cmpfloat (pw_canvas_get_zoom (canvas), <, 1.0);
  pw_window_open (win, "seed", NULL);
  g_assert_true (wait_for (not_busy, win));
  g_assert_cmpfloat (pw_canvas_get_zoom (canvas), ==, 1.0);

  close_window (win);
}

/* The window is never narrower than the least width the renderer's layout
 * check covers (/render/layout/every-example draws every view of every
 * example at 560, the overview and the walk scaled down from their own
 * least widths); the canvas then gets the whole width. */
static void
test_min_width (void)
{
  PwWindow *win = open_window ("seed", NULL);
  int w = 0, h = 0;

  gtk_widget_get_size_request (GTK_WIDGET (win), &w, &h);
  g_assert_cmpint (w, ==, 560);
  g_assert_cmpint (h, >, 0);
  close_window (win);
}

static gboolean
chrome_visible (PwWindow *win)
{
  return gtk_widget_get_visible (find_named (GTK_WIDGET (win), "header-bar"))
         && gtk_widget_get_visible (find_named (GTK_WIDGET (win), "translate-bar"))
         && gtk_widget_get_visible (find_named (GTK_WIDGET (win), "action-bar"));
}

/* F5: the chrome hidden, the diagram zoomed, the arrows step, the step
 * counter over the diagram; Escape restores the window. */
static void
test_presentation (void)
{
  PwWindow *win = open_window ("seed", NULL);
  PwCanvas *canvas = pw_window_get_canvas (win);
  GtkWidget *header = find_named (GTK_WIDGET (win), "header-bar");
  GtkWidget *translate = find_named (GTK_WIDGET (win), "translate-bar");
  GtkWidget *actions = find_named (GTK_WIDGET (win), "action-bar");
  GtkWidget *counter = find_named (GTK_WIDGET (win), "present-step-label");
  g_autoptr(GVariant) state = NULL;

  g_assert_true (chrome_visible (win));
  g_assert_false (gtk_widget_get_visible (counter));
  gtk_widget_activate_action (GTK_WIDGET (win), "win.zoom-in", NULL);
  g_assert_cmpfloat_with_epsilon (pw_canvas_get_zoom (canvas), 1.25, 1e-9);

  /* physical memory: laid out at any width, zoomed with the screen's height */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.view", "u", 5));
  g_assert_true (press_key (GTK_WIDGET (win), GDK_KEY_F5, 0));
  state = g_action_group_get_action_state (G_ACTION_GROUP (win), "presentation");
  g_assert_true (g_variant_get_boolean (state));
  g_assert_false (gtk_widget_get_visible (header));
  g_assert_false (gtk_widget_get_visible (translate));
  g_assert_false (gtk_widget_get_visible (actions));
  g_assert_true (gtk_widget_get_visible (counter));
  g_assert_cmpfloat (pw_canvas_get_zoom (canvas), >=, 1.5);
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (canvas)));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (counter)), ==, "Step 0 of 5");

  /* the counter has a strip of its own below the diagram: it covers none
   * of it */
  {
    GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (canvas), GTK_TYPE_SCROLLED_WINDOW);
    graphene_rect_t cb, sb;

    g_assert_nonnull (scroller);
    g_assert_true (wait_for ((Condition) settled, canvas));
    g_assert_true (gtk_widget_compute_bounds (counter, GTK_WIDGET (win), &cb));
    g_assert_true (gtk_widget_compute_bounds (scroller, GTK_WIDGET (win), &sb));
    g_assert_cmpfloat (cb.size.height, >, 0);
    g_assert_cmpfloat (cb.origin.y, >=, sb.origin.y + sb.size.height - 0.5);
  }

  /* the arrows step through the script */
  g_assert_true (press_key (GTK_WIDGET (win), GDK_KEY_Right, 0));
  g_assert_true (press_key (GTK_WIDGET (win), GDK_KEY_Right, 0));
  g_assert_cmpuint (pw_window_get_position (win), ==, 2);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (counter)), ==, "Step 2 of 5");
  g_assert_true (press_key (GTK_WIDGET (win), GDK_KEY_Left, 0));
  g_assert_cmpuint (pw_window_get_position (win), ==, 1);

  /* Escape leaves: the chrome and the zoom come back */
  g_assert_true (press_key (GTK_WIDGET (win), GDK_KEY_Escape, 0));
  g_clear_pointer (&state, g_variant_unref);
  state = g_action_group_get_action_state (G_ACTION_GROUP (win), "presentation");
  g_assert_false (g_variant_get_boolean (state));
  g_assert_true (chrome_visible (win));
  g_assert_false (gtk_widget_get_visible (counter));
  g_assert_cmpfloat_with_epsilon (pw_canvas_get_zoom (canvas), 1.25, 1e-9);
  g_assert_false (gtk_window_is_fullscreen (GTK_WINDOW (win)));

  /* F5 toggles */
  g_assert_true (press_key (GTK_WIDGET (win), GDK_KEY_F5, 0));
  g_assert_false (gtk_widget_get_visible (header));
  g_assert_true (press_key (GTK_WIDGET (win), GDK_KEY_F5, 0));
  g_assert_true (chrome_visible (win));

  close_window (win);
}

/* ---- high contrast (issue 9) ------------------------------------------------------ */

static gboolean
style_high_contrast (gpointer data)
{
  return adw_style_manager_get_high_contrast (adw_style_manager_get_default ()) == GPOINTER_TO_INT (data);
}

static gboolean
canvas_theme_is (gpointer data)
{
  PwCanvas *canvas = data;
  AdwStyleManager *manager = adw_style_manager_get_default ();

  return pw_canvas_get_options (canvas)->theme
         == pw_canvas_theme_for (adw_style_manager_get_dark (manager),
                                 adw_style_manager_get_high_contrast (manager));
}

/* Asks for high contrast as the desktop would: the a11y setting libadwaita
 * reads (memory backend here), else GTK's legacy "HighContrast" theme. */
static void
set_high_contrast (gboolean on)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, "org.gnome.desktop.a11y.interface", TRUE);
  if (schema != NULL && g_settings_schema_has_key (schema, "high-contrast"))
    {
      g_autoptr(GSettings) a11y = g_settings_new ("org.gnome.desktop.a11y.interface");
      g_settings_set_boolean (a11y, "high-contrast", on);
    }
  g_object_set (gtk_settings_get_default (), "gtk-theme-name", on ? "HighContrast" : "Adwaita", NULL);
}

/* The palette choice, and the canvas following the style manager. */
static void
test_high_contrast (void)
{
  PwWindow *win;
  PwCanvas *canvas;

  g_assert_cmpint (pw_canvas_theme_for (FALSE, FALSE), ==, PW_THEME_LIGHT);
  g_assert_cmpint (pw_canvas_theme_for (TRUE, FALSE), ==, PW_THEME_DARK);
  g_assert_cmpint (pw_canvas_theme_for (FALSE, TRUE), ==, PW_THEME_HIGH_CONTRAST);
  g_assert_cmpint (pw_canvas_theme_for (TRUE, TRUE), ==, PW_THEME_HIGH_CONTRAST);

  win = open_window ("seed", NULL);
  canvas = pw_window_get_canvas (win);
  g_assert_true (canvas_theme_is (canvas));
  set_high_contrast (TRUE);
  if (!wait_for (style_high_contrast, GINT_TO_POINTER (TRUE)))
    {
      set_high_contrast (FALSE);
      close_window (win);
      g_test_skip ("the style manager does not follow a high-contrast setting here");
      return;
    }
  g_assert_true (wait_for (canvas_theme_is, canvas));
  g_assert_cmpint (pw_canvas_get_options (canvas)->theme, ==, PW_THEME_HIGH_CONTRAST);
  set_high_contrast (FALSE);
  g_assert_true (wait_for (style_high_contrast, GINT_TO_POINTER (FALSE)));
  g_assert_true (wait_for (canvas_theme_is, canvas));
  g_assert_cmpint (pw_canvas_get_options (canvas)->theme, !=, PW_THEME_HIGH_CONTRAST);
  close_window (win);
}

/* Step 0 is the machine just set up, with its counters and no walk of an
 * access that has not happened; the action bar names the next step. */
static void
test_step_zero (void)
{
  PwWindow *win = open_window ("seed", NULL);
  PwCanvas *canvas = pw_window_get_canvas (win);

  set_animations (TRUE);
  g_assert_cmpuint (pw_window_get_position (win), ==, 0);
  g_assert_nonnull (strstr (label_text (win, "stats-label"), "0 accesses"));
  g_assert_nonnull (strstr (label_text (win, "stats-label"), "0 page faults"));
  g_assert_nonnull (strstr (label_text (win, "step-detail-label"), "0x0002150"));
  g_assert_null (pw_canvas_get_narration (canvas));
  g_assert_false (pw_canvas_get_options (canvas)->has_walk);
  g_assert_null (pw_canvas_get_options (canvas)->event);
  g_assert_null (strstr (label_text (win, "narration-label"), "0x0109150"));

  /* back at step 0 from a later step: the same */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.step-forward", NULL));
  g_assert_true (pw_canvas_get_options (canvas)->event != NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.go-start", NULL));
  g_assert_false (pw_canvas_get_options (canvas)->has_walk);
  g_assert_null (pw_canvas_get_options (canvas)->event);
  g_assert_nonnull (strstr (label_text (win, "stats-label"), "0 accesses"));

  close_window (win);
}

/* While a step unfolds, the canvas holds the machine before it (for the
 * panes around the walk until the kernel acts); it lets it go at the end,
 * and with reduced motion it keeps none. */
static void
test_before_step (void)
{
  PwWindow *win = open_window ("seed", NULL);
  PwCanvas *canvas = pw_window_get_canvas (win);
  const PwRenderOptions *o = pw_canvas_get_options (canvas);

  set_animations (TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.go-end", NULL));
  g_assert_null (o->before);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.go-start", NULL));
  for (int i = 0; i < 4; i++)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.step-forward", NULL));
  /* step 4: a major fault; before it, 3 accesses and no fault */
  g_assert_true (pw_canvas_get_animating (canvas));
  g_assert_nonnull (o->before);
  g_assert_true (o->before != pw_canvas_get_machine (canvas));
  g_assert_cmpuint (pw_machine_stats (o->before)->accesses, ==, 3);
  g_assert_cmpuint (pw_machine_stats (o->before)->page_faults, ==, 0);
  g_assert_cmpuint (pw_machine_stats (pw_canvas_get_machine (canvas))->accesses, ==, 4);
  g_assert_cmpuint (pw_machine_stats (pw_canvas_get_machine (canvas))->major_faults, ==, 1);
  /* the counters follow the panes: those before the step while it unfolds */
  g_assert_true (pw_render_shown_machine (pw_canvas_get_machine (canvas), o) == o->before);
  g_assert_nonnull (strstr (label_text (win, "stats-label"), "3 accesses"));
  g_assert_nonnull (strstr (label_text (win, "stats-label"), "0 page faults"));
  g_assert_true (wait_for (not_animating, canvas));
  g_assert_null (o->before);
  g_assert_nonnull (strstr (label_text (win, "stats-label"), "4 accesses"));
  g_assert_nonnull (strstr (label_text (win, "stats-label"), "1 page fault"));

  /* reduced motion: the final state at once, no machine before */
  set_animations (FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.step-back", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.step-forward", NULL));
  g_assert_false (pw_canvas_get_animating (canvas));
  g_assert_null (o->before);
  g_assert_nonnull (strstr (label_text (win, "stats-label"), "4 accesses"));
  set_animations (TRUE);

  close_window (win);
}

/* A step without an access (cow-fork's fork, step 4) unfolds and is told:
 * the narration names the child's new root table, the canvas the fork's
 * record; the counters stay those before the step for the first half. */
static void
test_lifecycle_step (void)
{
  PwWindow *win = open_window ("cow-fork", NULL);
  PwCanvas *canvas = pw_window_get_canvas (win);
  const PwRenderOptions *o = pw_canvas_get_options (canvas);
  const PwStepRecord *r;
  g_autofree char *root = NULL;

  set_animations (TRUE);
  for (int i = 0; i < 4; i++)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.step-forward", NULL));
  g_assert_cmpstr (label_text (win, "step-label"), ==, "Step 4 of 8");
  r = pw_machine_last_step (pw_canvas_get_machine (canvas));
  g_assert_nonnull (r);
  g_assert_cmpint (r->kind, ==, PW_STEP_FORK);
  /* no walk, no event: the record is drawn, and it unfolds */
  g_assert_false (o->has_walk);
  g_assert_null (o->event);
  g_assert_true (pw_canvas_get_animating (canvas));
  g_assert_nonnull (o->before);
  g_assert_cmpuint (pw_machine_n_processes (o->before), ==, 1);
  g_assert_true (wait_for (not_animating, canvas));
  g_assert_null (o->before);
  root = pw_hex (r->new_root);
  g_assert_nonnull (strstr (label_text (win, "narration-label"), "fork"));
  g_assert_nonnull (strstr (label_text (win, "narration-label"), root));
  g_assert_nonnull (strstr (pw_canvas_get_narration (canvas), root));

  /* the next step is an access: its walk is drawn, not the fork */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.step-forward", NULL));
  g_assert_null (pw_machine_last_step (pw_canvas_get_machine (canvas)));
  g_assert_nonnull (o->event);
  g_assert_true (wait_for (not_animating, canvas));
  g_assert_null (strstr (pw_canvas_get_narration (canvas), "fork:"));
  close_window (win);
}

/* ---- course material: Export Animation, Export Handout ----------------------------- */

/* The progress dialog of an export (an AdwMessageDialog over @win), or NULL. */
static GtkWidget *
course_dialog (PwWindow *win)
{
  g_autoptr(GListModel) tops = gtk_window_get_toplevels ();

  g_object_ref (tops);
  for (guint i = 0; i < g_list_model_get_n_items (tops); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (tops, i);
      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_window_get_transient_for (GTK_WINDOW (w)) == GTK_WINDOW (win)
          && gtk_widget_get_visible (GTK_WIDGET (w)))
        return GTK_WIDGET (w);
    }
  return NULL;
}

static gboolean
course_done (gpointer data)
{
  return course_dialog (data) == NULL;
}

static gboolean
dir_has_temporary (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)) != NULL)
    if (strstr (name, ".tmp-") != NULL)
      return TRUE;
  return FALSE;
}

/* The step shown as a GIF, the whole script as a handout: written by the
 * worker behind the progress dialog, which closes when done. */
static void
test_course_export (void)
{
  PwWindow *win = open_window ("seed", NULL);
  g_autofree char *dir = g_dir_make_tmp ("pagewalk-test-XXXXXX", NULL);
  g_autofree char *gif = g_build_filename (dir, "step.gif", NULL);
  g_autofree char *pdf = g_build_filename (dir, "handout.pdf", NULL);
  g_autofree char *bad = g_build_filename (dir, "step.mp4", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *info = NULL;
  g_autoptr(GError) error = NULL;
  const char *info_argv[] = { "pdfinfo", pdf, NULL };
  gsize length = 0;

  for (int i = 0; i < 4; i++)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.step-forward", NULL));
  g_assert_true (pw_window_export_course (win, gif, TRUE, &error));
  g_assert_no_error (error);
  g_assert_nonnull (course_dialog (win));
  g_assert_true (wait_for (course_done, win));
  g_assert_true (g_file_get_contents (gif, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 6);
  g_assert_cmpmem (contents, 6, "GIF89a", 6);

  g_assert_true (pw_window_export_course (win, pdf, FALSE, &error));
  g_assert_true (wait_for (course_done, win));
  g_assert_true (g_spawn_sync (NULL, (char **) info_argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &info, NULL, NULL, NULL));
  /* a title page and the seed's five steps */
  g_assert_nonnull (strstr (info, "Pages:"));
  g_assert_cmpint (atoi (strstr (info, "Pages:") + 6), ==, 6);

  g_assert_false (pw_window_export_course (win, bad, TRUE, &error));
  g_assert_nonnull (error);
  g_assert_null (course_dialog (win));
  g_assert_false (dir_has_temporary (dir));

  g_unlink (gif);
  g_unlink (pdf);
  g_rmdir (dir);
  close_window (win);
}

/* Cancel in the progress dialog stops the worker; nothing is left behind. */
static void
test_course_cancel (void)
{
  PwWindow *win = open_window ("x86-64", NULL);
  g_autofree char *dir = g_dir_make_tmp ("pagewalk-test-XXXXXX", NULL);
  g_autofree char *webm = g_build_filename (dir, "all.webm", NULL);
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;

  /* step 0: every step of the script */
  g_assert_true (pw_window_export_course (win, webm, TRUE, &error));
  g_assert_no_error (error);
  dialog = course_dialog (win);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_assert_true (wait_for (course_done, win));
  g_assert_false (g_file_test (webm, G_FILE_TEST_EXISTS));
  g_assert_false (dir_has_temporary (dir));
  g_rmdir (dir);
  close_window (win);
}

/* Quiz mode: Step Forward asks first; the answer is checked against the
 * engine's, and the step is shown after. */
static void
test_quiz (void)
{
  PwWindow *win = open_window ("seed", NULL);
  const char *q;

  g_assert_false (pw_window_quiz_get_enabled (win));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "quiz.enabled", NULL));
  g_assert_true (pw_window_quiz_get_enabled (win));

  /* step 1 reads 0x0002150: the text's figure, 0x0109150 */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.step-forward", NULL));
  q = pw_window_quiz_get_question (win);
  g_assert_nonnull (q);
  g_assert_nonnull (strstr (q, "physical address"));
  g_assert_cmpuint (pw_window_get_position (win), ==, 0);   /* not shown yet */
  pw_window_quiz_answer (win, "0x109150");
  g_assert_cmpuint (pw_window_get_position (win), ==, 1);
  g_assert_true (g_str_has_prefix (pw_window_quiz_get_feedback (win), "Right"));
  g_assert_null (pw_window_quiz_get_question (win));

  /* step 2: a wrong answer is told the right one */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.step-forward", NULL));
  g_assert_nonnull (pw_window_quiz_get_question (win));
  pw_window_quiz_answer (win, "0x1");
  g_assert_cmpuint (pw_window_get_position (win), ==, 2);
  g_assert_true (g_str_has_prefix (pw_window_quiz_get_feedback (win), "Not quite"));
  g_assert_nonnull (strstr (pw_window_quiz_get_feedback (win), "0x00a7024"));

  /* stepping back drops a pending question; quiz mode off steps at once */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.step-forward", NULL));
  g_assert_nonnull (pw_window_quiz_get_question (win));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.step-back", NULL));
  g_assert_null (pw_window_quiz_get_question (win));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "quiz.enabled", NULL));
  g_assert_false (pw_window_quiz_get_enabled (win));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.step-forward", NULL));
  g_assert_cmpuint (pw_window_get_position (win), ==, 2);
  close_window (win);
}

/* Quiz questions follow the step: the victim when memory is full, hit or
 * miss when there is a TLB. */
static void
test_quiz_kinds (void)
{
  PwWindow *win = open_window ("belady", NULL);
  gboolean asked_victim = FALSE;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "quiz.enabled", NULL));
  for (guint i = 0; i < pw_window_get_n_steps (win) && !asked_victim; i++)
    {
      const char *q;
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.step-forward", NULL));
      q = pw_window_quiz_get_question (win);
      g_assert_nonnull (q);
      asked_victim = strstr (q, "evict") != NULL;
      pw_window_quiz_answer (win, "0");
    }
  g_assert_true (asked_victim);
  close_window (win);

  win = open_window ("tlb", NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "quiz.enabled", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.step-forward", NULL));
  g_assert_nonnull (strstr (pw_window_quiz_get_question (win), "TLB"));
  /* the first access of a cold TLB misses */
  pw_window_quiz_answer (win, "miss");
  g_assert_true (g_str_has_prefix (pw_window_quiz_get_feedback (win), "Right"));
  close_window (win);
}

/* ---- preferences ------------------------------------------------------------------- */

static gboolean
canvas_dark (gpointer data)
{
  return pw_canvas_get_options (data)->theme == PW_THEME_DARK;
}

static gboolean
canvas_light (gpointer data)
{
  return pw_canvas_get_options (data)->theme == PW_THEME_LIGHT;
}

/* Decimal: the diagram's narration, the canvas's options and the action
 * bar write addresses in decimal; hex again after. */
static void
test_prefs_decimal_base (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  PwWindow *win = open_window ("seed", NULL);
  PwCanvas *canvas = pw_window_get_canvas (win);

  set_animations (FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.step-forward", NULL));
  g_assert_nonnull (strstr (pw_canvas_get_narration (canvas), "0x0109150"));
  g_assert_nonnull (strstr (label_text (win, "step-detail-label"), "0x0002150"));

  g_settings_set_enum (settings, "number-base", PW_BASE_DECIMAL);
  g_assert_cmpint (pw_canvas_get_options (canvas)->base, ==, PW_BASE_DECIMAL);
  /* 0x109150 and 0x2150 */
  g_assert_nonnull (strstr (pw_canvas_get_narration (canvas), "1085776"));
  /* frames and offsets too: every number goes through the one base */
  g_assert_nonnull (strstr (pw_canvas_get_narration (canvas), "frame 265"));
  g_assert_null (strstr (pw_canvas_get_narration (canvas), "0x0109150"));
  g_assert_nonnull (strstr (label_text (win, "step-detail-label"), "read 8528"));

  /* the address bar's binary digits */
  g_assert_false (pw_canvas_get_options (canvas)->hide_bits);
  g_settings_set_boolean (settings, "show-bits", FALSE);
  g_assert_true (pw_canvas_get_options (canvas)->hide_bits);
  g_settings_reset (settings, "show-bits");
  g_assert_false (pw_canvas_get_options (canvas)->hide_bits);

  g_settings_reset (settings, "number-base");
  g_assert_cmpint (pw_canvas_get_options (canvas)->base, ==, PW_BASE_HEX);
  g_assert_nonnull (strstr (pw_canvas_get_narration (canvas), "0x0109150"));
  g_assert_nonnull (strstr (label_text (win, "step-detail-label"), "0x0002150"));
  set_animations (TRUE);
  close_window (win);
}

/* The style: AdwStyleManager's colour scheme follows the key, and the
 * diagram its palette. */
static void
test_prefs_style (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  AdwStyleManager *manager = adw_style_manager_get_default ();
  PwWindow *win = open_window ("seed", NULL);
  PwCanvas *canvas = pw_window_get_canvas (win);

  pw_preferences_follow (settings);
  g_assert_cmpint (adw_style_manager_get_color_scheme (manager), ==, ADW_COLOR_SCHEME_DEFAULT);
  g_settings_set_enum (settings, "style", PW_STYLE_DARK);
  g_assert_cmpint (adw_style_manager_get_color_scheme (manager), ==, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (wait_for (canvas_dark, canvas));
  g_settings_set_enum (settings, "style", PW_STYLE_LIGHT);
  g_assert_cmpint (adw_style_manager_get_color_scheme (manager), ==, ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_assert_true (wait_for (canvas_light, canvas));
  g_settings_reset (settings, "style");
  g_assert_cmpint (adw_style_manager_get_color_scheme (manager), ==, ADW_COLOR_SCHEME_DEFAULT);
  g_assert_cmpint (pw_preferences_color_scheme (PW_STYLE_SYSTEM), ==, ADW_COLOR_SCHEME_DEFAULT);
  close_window (win);
}

/* The scenario opened last is what `pagewalk` opens without a file; a file
 * gone since gives the seed example. */
static void
test_prefs_last_scenario (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GBytes) bytes = pw_example_bytes ("x86-64");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pw-app-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "mine.pagewalk", NULL);
  g_autofree char *source = NULL;
  PwWindow *win;

  g_assert_no_error (error);
  g_settings_reset (settings, "last-scenario");
  source = pw_preferences_startup_source (settings);
  g_assert_cmpstr (source, ==, "seed");
  g_clear_pointer (&source, g_free);

  win = open_window ("x86-64", NULL);
  close_window (win);
  source = g_settings_get_string (settings, "last-scenario");
  g_assert_cmpstr (source, ==, "x86-64");
  g_clear_pointer (&source, g_free);
  source = pw_preferences_startup_source (settings);
  g_assert_cmpstr (source, ==, "x86-64");
  g_clear_pointer (&source, g_free);

  /* a file: reopened while it exists */
  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  win = open_window (path, NULL);
  source = pw_preferences_startup_source (settings);
  g_assert_cmpstr (source, ==, path);
  g_clear_pointer (&source, g_free);
  close_window (win);
  win = open_window (path, NULL);
  g_assert_cmpuint (pw_window_get_n_steps (win), >, 0);
  close_window (win);
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_rmdir (dir);
  source = pw_preferences_startup_source (settings);
  g_assert_cmpstr (source, ==, "seed");
  g_settings_reset (settings, "last-scenario");
}

/* The preferences window's rows set the keys; Ctrl+comma opens it. */
static void
test_prefs_window (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  PwPreferencesWindow *prefs;
  GtkWidget *row, *bits, *style;
  PwWindow *win = open_window ("seed", NULL);
  GtkWidget *weak;

  /* Ctrl+comma opens it, transient for the window */
  g_assert_true (press_key (GTK_WIDGET (win), GDK_KEY_comma, GDK_CONTROL_MASK));
  prefs = NULL;
  {
    GList *list = gtk_window_list_toplevels ();

    for (GList *l = list; l != NULL; l = l->next)
      if (PW_IS_PREFERENCES_WINDOW (l->data))
        prefs = l->data;
    g_list_free (list);
  }
  g_assert_nonnull (prefs);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (prefs)) == GTK_WINDOW (win));
  row = find_named (GTK_WIDGET (prefs), "base-row");
  bits = find_named (GTK_WIDGET (prefs), "bits-switch");
  style = find_named (GTK_WIDGET (prefs), "style-row");
  g_assert_nonnull (row);
  g_assert_nonnull (bits);
  g_assert_nonnull (style);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 0);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 1);
  g_assert_cmpint (g_settings_get_enum (settings, "number-base"), ==, PW_BASE_DECIMAL);
  g_assert_cmpint (pw_canvas_get_options (pw_window_get_canvas (win))->base, ==, PW_BASE_DECIMAL);
  g_settings_reset (settings, "number-base");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 0);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (bits)));
  gtk_switch_set_active (GTK_SWITCH (bits), FALSE);
  g_assert_false (g_settings_get_boolean (settings, "show-bits"));
  g_settings_reset (settings, "show-bits");
  adw_combo_row_set_selected (ADW_COMBO_ROW (style), PW_STYLE_DARK);
  g_assert_cmpint (g_settings_get_enum (settings, "style"), ==, PW_STYLE_DARK);
  g_settings_reset (settings, "style");

  weak = GTK_WIDGET (prefs);
  g_object_add_weak_pointer (G_OBJECT (prefs), (gpointer *) &weak);
  gtk_window_destroy (GTK_WINDOW (prefs));
  g_assert_true (wait_for (is_null, &weak));
  close_window (win);
}

/* ---- inspector ------------------------------------------------------------------------ */

typedef gboolean (*HitMatch) (const PwHit *hit,
                              gpointer     data);

/* A point of the canvas (widget coordinates) where a hit @match accepts is
 * drawn: the middle of the first found scanning the canvas. */
static gboolean
find_hit_where (PwCanvas *canvas,
          HitMatch  match,
          gpointer  data,
          double   *x,
          double   *y)
{
  /* the hit map is the last drawing's: on a loaded machine the drawing of
   * a step may come a few frames later, so look again for a while */
  for (int attempt = 0; attempt < 40; attempt++)
    {
      int w = gtk_widget_get_width (GTK_WIDGET (canvas));
      int h = gtk_widget_get_height (GTK_WIDGET (canvas));
      double zoom = pw_canvas_get_zoom (canvas);

      for (int py = 0; py < h; py += 3)
        for (int px = 0; px < w; px += 3)
          {
            const PwHit *hit = pw_canvas_hit_at (canvas, px, py);

            if (hit != NULL && match (hit, data))
              {
                *x = (hit->x + hit->width / 2) * zoom;
                *y = (hit->y + hit->height / 2) * zoom;
                return TRUE;
              }
          }
      for (int k = 0; k < 5; k++)
        {
          while (g_main_context_iteration (NULL, FALSE))
            ;
          g_usleep (10 * 1000);
        }
    }
  return FALSE;
}

/* The texts of the labels named @name under @root, in order. */
static void
collect_labels (GtkWidget  *root,
                const char *name,
                GPtrArray  *out)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    g_ptr_array_add (out, g_strdup (gtk_label_get_text (GTK_LABEL (root))));
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    collect_labels (c, name, out);
}

static GPtrArray *
inspector_labels (PwWindow   *win,
                  const char *name)
{
  GtkWidget *inspector = find_named (GTK_WIDGET (win), "inspector");
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  g_assert_nonnull (inspector);
  collect_labels (inspector, name, out);
  return out;
}

/* A number as the inspector writes it: 0/1, 0b..., hex or decimal, "_"
 * between groups of digits. */
static guint64
parse_shown (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) s = g_string_new (NULL);
  guint64 v = 0;

  for (const char *p = text; *p; p++)
    if (*p != '_')
      g_string_append_c (s, *p);
  g_assert_true (pw_number_parse (s->str, &v, &error));
  g_assert_no_error (error);
  return v;
}

/* `pagewalk-cli translate EXAMPLE ADDRESS --json`: the walk's steps. */
static JsonArray *
cli_walk (const char *example,
          guint64     va,
          JsonParser *parser)
{
  const char *cli = g_getenv ("PAGEWALK_CLI");
  g_autofree char *address = g_strdup_printf ("0x%" G_GINT64_MODIFIER "x", va);
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status;
  const char *argv[] = { cli, "translate", example, address, "--json", NULL };
  JsonNode *root;

  g_assert_nonnull (cli);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  return json_object_get_array_member (json_array_get_object_element (json_node_get_array (root), 0),
                                       "walk");
}

typedef struct
{
  guint64 frame;
  guint   level;
  guint64 index;
} EntryWanted;

static gboolean
entry_matches (const PwHit *hit,
               gpointer     data)
{
  const EntryWanted *e = data;

  return hit->kind == PW_HIT_ENTRY && hit->frame == e->frame && hit->level == e->level
         && hit->index == e->index;
}

/* The first access of @example's script. */
static guint64
first_access (const char *example)
{
  g_autoptr(GError) error = NULL;
  PwScenario *sc = pw_scenario_load (example, &error);
  guint64 va = 0;
  gboolean found = FALSE;

  g_assert_no_error (error);
  for (guint i = 0; i < sc->steps->len && !found; i++)
    {
      const PwStep *st = &g_array_index (sc->steps, PwStep, i);
      if (st->kind == PW_STEP_ACCESS)
        {
          va = st->va;
          found = TRUE;
        }
    }
  g_assert_true (found);
  pw_scenario_free (sc);
  return va;
}

/* Each entry of the walk of the example's first address, clicked in the
 * page-walk view: the inspector's bit fields are `translate --json`'s,
 * every name, position and value. */
static void
test_inspector_pte_bits (gconstpointer data)
{
  const char *example = data;
  guint64 va = first_access (example);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *walk = cli_walk (example, va, parser);
  PwWindow *win = open_window (example, NULL);
  PwCanvas *canvas = pw_window_get_canvas (win);
  GtkWidget *entry = find_named (GTK_WIDGET (win), "address-entry");
  g_autofree char *text = g_strdup_printf ("0x%" G_GINT64_MODIFIER "x", va);
  const PwArch *arch = pw_machine_arch (pw_canvas_get_machine (canvas));

  set_animations (FALSE);
  pw_canvas_set_view (canvas, PW_VIEW_WALK);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "activate");
  g_assert_true (wait_for (not_animating, canvas));
  g_assert_cmpuint (json_array_get_length (walk), >=, 2);

  for (guint k = 0; k < json_array_get_length (walk); k++)
    {
      JsonObject *step = json_array_get_object_element (walk, k);
      JsonArray *fields = json_object_get_array_member (step, "bit_fields");
      EntryWanted want = {
        parse_shown (json_object_get_string_member (step, "table")) >> arch->page_shift,
        (guint) json_object_get_int_member (step, "depth"),
        (guint64) json_object_get_int_member (step, "index"),
      };
      g_autoptr(GPtrArray) names = NULL;
      g_autoptr(GPtrArray) bits = NULL;
      g_autoptr(GPtrArray) values = NULL;
      const PwHit *sel;
      double x = 0, y = 0;
      guint n;

      /* a click on the entry selects it */
      g_assert_true (find_hit_where (canvas, entry_matches, &want, &x, &y));
      g_assert_true (pw_canvas_select_at (canvas, x, y));
      sel = pw_canvas_get_selection (canvas);
      g_assert_nonnull (sel);
      g_assert_cmpint (sel->kind, ==, PW_HIT_ENTRY);
      g_assert_cmphex (pw_canvas_entry_value (pw_canvas_get_machine (canvas), sel), ==,
                       parse_shown (json_object_get_string_member (step, "entry")));

      /* the picture of the entry says its bits, highest first */
      {
        GtkWidget *strip = find_named (GTK_WIDGET (win), "inspector-bit-strip");
        guint64 e = pw_canvas_entry_value (pw_canvas_get_machine (canvas), sel);
        g_autoptr(GString) want_bits = g_string_new (NULL);
        g_autofree char *wrong = NULL;

        g_assert_nonnull (strip);
        g_assert_true (gtk_widget_get_visible (strip));
        for (guint b = arch->pte_bytes * 8; b > 0; b--)
          g_string_append_c (want_bits, (e >> (b - 1)) & 1 ? '1' : '0');
        wrong = gtk_test_accessible_check_property (GTK_ACCESSIBLE (strip),
                                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, want_bits->str);
        g_assert_null (wrong);
      }
      names = inspector_labels (win, "bit-name");
      bits = inspector_labels (win, "bit-bits");
      values = inspector_labels (win, "bit-value");
      n = json_array_get_length (fields);
      g_assert_cmpuint (n, >, 0);
      g_assert_cmpuint (names->len, ==, n);
      g_assert_cmpuint (bits->len, ==, n);
      g_assert_cmpuint (values->len, ==, n);
      /* the inspector lists the highest bits first, the JSON the lowest */
      for (guint i = 0; i < n; i++)
        {
          JsonObject *f = json_array_get_object_element (fields, n - 1 - i);
          JsonArray *hl = json_object_get_array_member (f, "bits");
          guint hi = (guint) json_array_get_int_element (hl, 0);
          guint lo = (guint) json_array_get_int_element (hl, 1);
          g_autofree char *range = hi == lo ? g_strdup_printf ("%u", hi)
                                            : g_strdup_printf ("%u–%u", hi, lo);

          g_assert_cmpstr (g_ptr_array_index (names, i), ==, json_object_get_string_member (f, "name"));
          g_assert_cmpstr (g_ptr_array_index (bits, i), ==, range);
          g_assert_cmphex (parse_shown (g_ptr_array_index (values, i)), ==,
                           parse_shown (json_object_get_string_member (f, "value")));
        }
    }
  set_animations (TRUE);
  close_window (win);
}

typedef struct
{
  PwCanvas *canvas;
  gboolean  lit[8];
  guint     lit_pages;
} LitPages;

/* Process 1's page in frame 0x2 (the code, shared after the fork). */
static gboolean
page_in_frame_two (const PwHit *hit,
                   gpointer     data)
{
  return hit->kind == PW_HIT_PAGE && hit->pid == 1 && hit->count == 1 && hit->frame == 0x2;
}

/* Records the lit pages; never matches, so find_hit_where scans everything. */
static gboolean
record_lit (const PwHit *hit,
            gpointer     data)
{
  LitPages *l = data;

  if (hit->kind == PW_HIT_PAGE
      && pw_render_hit_selected (pw_canvas_get_machine (l->canvas), pw_canvas_get_options (l->canvas), hit))
    {
      g_assert_cmpuint (hit->pid, <, G_N_ELEMENTS (l->lit));
      l->lit[hit->pid] = TRUE;
      l->lit_pages++;
    }
  return FALSE;
}

/* After cow-fork's fork, frame 0x2 selected lights its page in both
 * processes (pw_machine_frame_mappers) and the inspector lists both. */
static void
test_inspector_shared_frame (void)
{
  PwWindow *win = open_window ("cow-fork", NULL);
  PwCanvas *canvas = pw_window_get_canvas (win);
  g_autoptr(GArray) mappers = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) keys = NULL;
  LitPages lit = { canvas, { FALSE }, 0 };
  double x = 0, y = 0;

  set_animations (FALSE);
  for (int i = 0; i < 5; i++)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.step-forward", NULL));
  pw_machine_frame_mappers (pw_canvas_get_machine (canvas), 0x2, mappers);
  g_assert_cmpuint (mappers->len, ==, 2);

  /* the page clicked, then followed to its frame */
  g_assert_true (find_hit_where (canvas, page_in_frame_two, NULL, &x, &y));
  g_assert_true (pw_canvas_select_at (canvas, x, y));
  g_assert_cmpint (pw_canvas_get_selection (canvas)->kind, ==, PW_HIT_PAGE);
  g_assert_true (pw_canvas_follow (canvas));
  g_assert_cmpint (pw_canvas_get_selection (canvas)->kind, ==, PW_HIT_FRAME);
  g_assert_cmphex (pw_canvas_get_selection (canvas)->frame, ==, 0x2);
  g_assert_false (find_hit_where (canvas, record_lit, &lit, &x, &y));
  g_assert_cmpuint (lit.lit_pages, >=, mappers->len);
  for (guint pid = 0; pid < G_N_ELEMENTS (lit.lit); pid++)
    {
      gboolean maps = FALSE;

      for (guint i = 0; i < mappers->len; i++)
        maps |= g_array_index (mappers, guint, i) == pid;
      g_assert_cmpint (lit.lit[pid], ==, maps);
    }

  /* the inspector: one line per mapping, naming each process */
  keys = inspector_labels (win, "fact-key");
  for (guint i = 0; i < mappers->len; i++)
    {
      g_autofree char *who = g_strdup_printf ("process %u (shell)", g_array_index (mappers, guint, i));
      gboolean found = FALSE;

      for (guint k = 0; k < keys->len; k++)
        found |= g_str_has_prefix (g_ptr_array_index (keys, k), who);
      g_assert_true (found);
    }
  set_animations (TRUE);
  close_window (win);
}

/* What the canvas's key controller does with @keyval: TRUE when it took it. */
static gboolean
canvas_key (PwCanvas        *canvas,
            guint            keyval,
            GdkModifierType  state)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (canvas));
  gboolean handled = FALSE, found = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !found; i++)
    {
      g_autoptr(GObject) c = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (c))
        {
          g_signal_emit_by_name (c, "key-pressed", keyval, 0, state, &handled);
          found = TRUE;
        }
    }
  g_assert_true (found);
  return handled;
}

/* The accessible description names the selection, then the narration. */
static void
assert_description (PwCanvas *canvas)
{
  g_autofree char *what = pw_canvas_describe_selection (canvas);
  const char *narration = pw_canvas_get_narration (canvas);
  g_autofree char *want = NULL;
  g_autofree char *wrong = NULL;

  if (what != NULL && narration != NULL)
    want = g_strdup_printf ("Selected: %s. %s", what, narration);
  else if (what != NULL)
    want = g_strdup_printf ("Selected: %s", what);
  else
    want = g_strdup (narration ? narration : "");
  wrong = gtk_test_accessible_check_property (GTK_ACCESSIBLE (canvas),
                                              GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, want);
  g_assert_null (wrong);
}

static gboolean
is_entry (const PwHit *hit,
          gpointer     data)
{
  return hit->kind == PW_HIT_ENTRY;
}

/* Tab selects object after object, the arrows move the selection (and no
 * longer step), Escape clears it (the arrows step again), Enter and the
 * Follow button follow an entry to its frame; the accessible description
 * follows the selection. */
static void
test_inspector_keyboard (void)
{
  PwWindow *win = open_window ("seed", NULL);
  PwCanvas *canvas = pw_window_get_canvas (win);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *moved = NULL;
  GtkWidget *follow;
  double x = 0, y = 0;

  set_animations (FALSE);
  /* step 0, no address yet: Tab goes from object to object in drawing
   * order (the address space first, then the walk's address bar); a field
   * of the address bar is still named */
  g_assert_true (canvas_key (canvas, GDK_KEY_Tab, 0));
  g_assert_nonnull (pw_canvas_get_selection (canvas));
  for (int i = 0; i < 64 && pw_canvas_get_selection (canvas)->kind != PW_HIT_FIELD; i++)
    g_assert_true (canvas_key (canvas, GDK_KEY_Tab, 0));
  g_assert_cmpint (pw_canvas_get_selection (canvas)->kind, ==, PW_HIT_FIELD);
  first = pw_canvas_describe_selection (canvas);
  g_assert_nonnull (first);
  g_assert_nonnull (strstr (first, "bits 27–12"));
  g_assert_cmpstr (label_text (win, "inspector-title"), ==, "L1");
  assert_description (canvas);
  g_assert_true (canvas_key (canvas, GDK_KEY_Escape, 0));
  g_clear_pointer (&first, g_free);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.step-forward", NULL));
  g_assert_null (pw_canvas_get_selection (canvas));
  assert_description (canvas);
  /* no selection: the arrows are the window's (steps) */
  g_assert_false (canvas_key (canvas, GDK_KEY_Right, 0));
  g_assert_false (canvas_key (canvas, GDK_KEY_Escape, 0));

  g_assert_true (canvas_key (canvas, GDK_KEY_Tab, 0));
  g_assert_nonnull (pw_canvas_get_selection (canvas));
  first = pw_canvas_describe_selection (canvas);
  g_assert_nonnull (first);
  assert_description (canvas);
  g_assert_true (canvas_key (canvas, GDK_KEY_Tab, 0));
  second = pw_canvas_describe_selection (canvas);
  g_assert_cmpstr (first, !=, second);
  assert_description (canvas);
  g_assert_true (canvas_key (canvas, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK));
  {
    g_autofree char *back = pw_canvas_describe_selection (canvas);
    g_assert_cmpstr (back, ==, first);
  }

  /* the arrows move the selection, not the script */
  g_assert_true (canvas_key (canvas, GDK_KEY_Down, 0));
  moved = pw_canvas_describe_selection (canvas);
  g_assert_cmpstr (moved, !=, first);
  assert_description (canvas);
  g_assert_true (canvas_key (canvas, GDK_KEY_Right, 0));
  g_assert_cmpuint (pw_window_get_position (win), ==, 1);
  /* Ctrl+arrows still pan */
  g_assert_false (canvas_key (canvas, GDK_KEY_Right, GDK_CONTROL_MASK));

  g_assert_true (canvas_key (canvas, GDK_KEY_Escape, 0));
  g_assert_null (pw_canvas_get_selection (canvas));
  assert_description (canvas);

  /* Enter follows the entry to the page's frame; so does Follow */
  pw_canvas_set_view (canvas, PW_VIEW_PAGETABLE);
  g_assert_true (find_hit_where (canvas, is_entry, NULL, &x, &y));
  g_assert_true (pw_canvas_select_at (canvas, x, y));
  g_assert_true (pw_canvas_can_follow (canvas));
  follow = find_named (GTK_WIDGET (win), "follow-button");
  g_assert_true (gtk_widget_get_visible (follow));
  g_assert_true (canvas_key (canvas, GDK_KEY_Return, 0));
  g_assert_cmpint (pw_canvas_get_selection (canvas)->kind, ==, PW_HIT_FRAME);
  g_assert_cmpstr (label_text (win, "inspector-title"), !=, "");
  g_assert_true (g_str_has_prefix (label_text (win, "inspector-title"), "Frame "));
  /* a frame holding one page follows to it */
  g_assert_true (gtk_widget_get_visible (follow));
  g_signal_emit_by_name (follow, "clicked");
  g_assert_cmpint (pw_canvas_get_selection (canvas)->kind, ==, PW_HIT_PAGE);
  g_assert_true (g_str_has_prefix (label_text (win, "inspector-title"), "Page "));
  assert_description (canvas);

  /* a new scenario clears it */
  pw_window_open (win, "x86-64", NULL);
  g_assert_true (wait_for (not_busy, win));
  g_assert_null (pw_canvas_get_selection (canvas));
  set_animations (TRUE);
  close_window (win);
}

/* Ctrl+I shows and hides the inspector; folded over the diagram it shows
 * only while something is selected; presentation mode hides it. */
static void
test_inspector_toggle (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  PwWindow *win = open_window ("seed", NULL);
  PwCanvas *canvas = pw_window_get_canvas (win);
  AdwFlap *flap = ADW_FLAP (find_named (GTK_WIDGET (win), "inspector-flap"));
  double x = 0, y = 0;

  g_assert_nonnull (flap);
  g_assert_true (g_settings_get_boolean (settings, "inspector-visible"));
  /* 1200 pixels: the overview (1200 wide) and the inspector do not fit
   * side by side, so the inspector folds over it */
  g_assert_true (adw_flap_get_folded (flap));
  g_assert_false (adw_flap_get_reveal_flap (flap));
  g_assert_true (find_hit_where (canvas, is_entry, NULL, &x, &y));
  g_assert_true (pw_canvas_select_at (canvas, x, y));
  g_assert_true (adw_flap_get_reveal_flap (flap));

  g_assert_true (press_key (GTK_WIDGET (win), GDK_KEY_i, GDK_CONTROL_MASK));
  g_assert_false (g_settings_get_boolean (settings, "inspector-visible"));
  g_assert_false (adw_flap_get_reveal_flap (flap));
  g_assert_true (press_key (GTK_WIDGET (win), GDK_KEY_i, GDK_CONTROL_MASK));
  g_assert_true (g_settings_get_boolean (settings, "inspector-visible"));
  g_assert_true (adw_flap_get_reveal_flap (flap));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.presentation", NULL));
  g_assert_false (adw_flap_get_reveal_flap (flap));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.presentation", NULL));
  g_assert_true (adw_flap_get_reveal_flap (flap));

  pw_canvas_set_selection (canvas, NULL);
  g_assert_false (adw_flap_get_reveal_flap (flap));
  close_window (win);
}

/* ---- the comparison of policies (pw-lab.c) ------------------------------------------------ */

static gboolean
not_comparing (gpointer data)
{
  return !pw_window_get_comparing (data);
}

static gboolean
status_says_cancelled (gpointer data)
{
  return strstr (label_text (data, "compare-status"), "cancelled") != NULL;
}

/* The compare view starts the comparison in a worker: its bar shows the
 * progress, then the fault counts of `compare --sweep` (belady with 4
 * frames: fifo 10, lru 8, opt 6), and the canvas draws them. */
static void
compare_panel_completes (void)
{
  PwWindow *win = open_window ("belady", NULL);
  PwCanvas *canvas = pw_window_get_canvas (win);
  GtkWidget *bar = find_named (GTK_WIDGET (win), "compare-bar");
  const PwCompare *cmp;

  g_assert_nonnull (bar);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (bar)));
  g_assert_null (pw_window_get_compare (win));
  /* Alt+0: the tenth view */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.view", "u", 9));
  g_assert_cmpint (pw_canvas_get_view (canvas), ==, PW_VIEW_COMPARE);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (bar)));
  g_assert_true (pw_window_get_comparing (win));
  g_assert_true (gtk_widget_get_visible (find_named (GTK_WIDGET (win), "compare-progress")));
  g_assert_true (wait_for (not_comparing, win));
  cmp = pw_window_get_compare (win);
  g_assert_nonnull (cmp);
  g_assert_cmpuint (cmp->n_frames, ==, 4);
  g_assert_cmpuint (pw_compare_lookup (cmp, PW_POLICY_FIFO, 3)->page_faults, ==, 9);
  g_assert_cmpuint (pw_compare_lookup (cmp, PW_POLICY_FIFO, 4)->page_faults, ==, 10);
  g_assert_cmpstr (label_text (win, "compare-status"), ==,
                   "Page faults with 4 frames: fifo 10 · lru 8 · opt 6 · clock 10 · mru 6 · random 7");
  g_assert_false (gtk_widget_get_visible (find_named (GTK_WIDGET (win), "compare-progress")));
  g_assert_true (gtk_widget_get_sensitive (find_named (GTK_WIDGET (win), "compare-export-csv")));
  g_assert_true (pw_canvas_get_options (canvas)->compare == cmp);

  /* the lab view: the bar goes, the figures stay */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.view", "u", 8));
  g_assert_cmpint (pw_canvas_get_view (canvas), ==, PW_VIEW_LAB);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (bar)));
  g_assert_true (pw_window_get_compare (win) == cmp);
  close_window (win);
}

/* The lab keeps the machine before the step shown, even with animations
 * off, so that it can mark the use bits the step set and the sweep cleared;
 * other views do not get one. */
static void
lab_keeps_previous (void)
{
  PwWindow *win = open_window ("clock", NULL);
  PwCanvas *canvas = pw_window_get_canvas (win);
  const PwRenderOptions *o = pw_canvas_get_options (canvas);

  set_animations (FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.view", "u", 8));
  g_assert_cmpint (pw_canvas_get_view (canvas), ==, PW_VIEW_LAB);
  g_assert_null (o->previous);
  for (guint i = 0; i < 6; i++)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.step-forward", NULL));
  g_assert_nonnull (o->previous);
  g_assert_null (o->before);
  g_assert_cmpuint (pw_machine_stats (o->previous)->accesses, ==, 5);
  g_assert_cmpuint (pw_machine_stats (pw_canvas_get_machine (canvas))->accesses, ==, 6);
  /* back to the overview: the next step keeps none */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.view", "u", 0));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.step-forward", NULL));
  g_assert_null (o->previous);
  set_animations (TRUE);
  close_window (win);
}

/* Cancel stops the comparison: no figures, the bar says so; Run Again
 * computes them. */
static void
compare_panel_cancel (void)
{
  PwWindow *win = open_window ("belady", NULL);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.view", "u", 9));
  g_assert_true (pw_window_get_comparing (win));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.compare-cancel", NULL));
  g_assert_false (pw_window_get_comparing (win));
  g_assert_true (wait_for (status_says_cancelled, win));
  g_assert_null (pw_window_get_compare (win));
  g_assert_null (pw_canvas_get_options (pw_window_get_canvas (win))->compare);
  g_assert_false (gtk_widget_get_sensitive (find_named (GTK_WIDGET (win), "compare-export-csv")));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.compare", NULL));
  g_assert_true (wait_for (not_comparing, win));
  g_assert_nonnull (pw_window_get_compare (win));
  close_window (win);
}

/* ---- semantic zoom ------------------------------------------------------------------ */

/* A 4-page region, one page of it with known bytes ("Hello"), and a 64-page
 * region with 48 pages in memory. */
static const char zoom_scenario[] =
  "{ \"pagewalk\": 1, \"title\": \"zoom\", \"arch\": \"seed\","
  "  \"frame_image\": [ { \"frame\": \"0x109\", \"hex\": \"48656c6c6f\" } ],"
  "  \"processes\": [ { \"pid\": 1, \"name\": \"zoom\","
  "    \"regions\": [ { \"start\": \"0x0\", \"size\": \"16KiB\", \"state\": \"committed\","
  "                     \"prot\": \"rw-\", \"name\": \"small\" },"
  "                   { \"start\": \"0x100000\", \"size\": \"256KiB\", \"state\": \"committed\","
  "                     \"prot\": \"rw-\", \"name\": \"big\" } ],"
  "    \"map\": [ { \"page\": \"0x2\", \"frame\": \"0x109\" },"
  "             { \"page\": \"0x100\", \"frame\": \"0x200\", \"pages\": 48 } ] } ] }";

static gboolean
anchor_applied (PwCanvas *canvas)
{
  return !canvas->has_anchor;
}

/* Zooming into the address space: at 100 % a row of the 64-page region
 * stands for several pages; zoomed in about it with the pointer (a pinch,
 * Ctrl+scroll) each page is a mark of its own, and one of that region's is
 * still under the pointer; the small region's page shows its bytes, and
 * hit testing finds the byte: 0x48, "H", at address 0x2000. */
static void
test_semantic_zoom (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  PwWindow *win;
  PwCanvas *canvas;
  HitSearch s;
  const PwHit *hit;
  int fd = g_file_open_tmp ("pagewalk-zoom-XXXXXX.pagewalk", &path, &error);
  GtkWidget *sw;
  graphene_point_t before, after, p;
  guint pid;
  guint64 va;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, zoom_scenario, -1, &error);
  g_assert_no_error (error);
  win = open_window (path, NULL);
  canvas = pw_window_get_canvas (win);
  sw = gtk_widget_get_ancestor (GTK_WIDGET (canvas), GTK_TYPE_SCROLLED_WINDOW);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.view", "u", 3));
  g_assert_true (wait_for ((Condition) settled, canvas));

  /* 100 %: page 0x120 is part of a row */
  s = (HitSearch) { canvas, PW_HIT_PAGE, 0x120, 0, 0 };
  g_assert_true (wait_for ((Condition) find_hit, &s));
  hit = pw_canvas_hit_at (canvas, s.x, s.y);
  g_assert_cmpuint (hit->count, >, 1);
  /* the pointer in the middle of the row (zoom 1: units are pixels) */
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (canvas), sw,
                                           &GRAPHENE_POINT_INIT (hit->x + hit->width / 2, s.y), &before));

  /* 400 % about that point */
  g_assert_true (gtk_widget_compute_point (sw, GTK_WIDGET (canvas), &before, &p));
  pw_canvas_zoom_at (canvas, PW_CANVAS_ZOOM_MAX, p.x, p.y);
  g_assert_true (wait_for ((Condition) settled, canvas));
  g_assert_true (wait_for ((Condition) anchor_applied, canvas));
  g_assert_cmpfloat (pw_canvas_get_zoom (canvas), ==, PW_CANVAS_ZOOM_MAX);
  g_assert_true (gtk_widget_compute_point (sw, GTK_WIDGET (canvas), &before, &after));
  hit = pw_canvas_hit_at (canvas, after.x, after.y);
  g_assert_nonnull (hit);
  g_assert_cmpint (hit->kind, ==, PW_HIT_PAGE);
  g_assert_cmpuint (hit->count, ==, 1);
  g_assert_cmphex (hit->vpn, >=, 0x100);
  g_assert_cmphex (hit->vpn, <, 0x140);
  s = (HitSearch) { canvas, PW_HIT_PAGE, 0x120, 0, 0 };
  g_assert_true (wait_for ((Condition) find_hit, &s));
  g_assert_cmpuint (pw_canvas_hit_at (canvas, s.x, s.y)->count, ==, 1);

  /* the small region's page: its bytes, the first of them "H" */
  s = (HitSearch) { canvas, PW_HIT_BYTE, 0x2, 0, 0 };   /* a byte of page 0x2 */
  g_assert_true (wait_for ((Condition) find_hit, &s));
  hit = pw_canvas_hit_at (canvas, s.x, s.y);
  g_assert_cmpint (hit->kind, ==, PW_HIT_BYTE);
  g_assert_cmphex (hit->frame, ==, 0x109);
  g_assert_cmphex (hit->entry, ==, 0x48);
  text = pw_canvas_describe_hit (canvas, hit);
  g_assert_nonnull (strstr (text, "frame 0x109"));
  g_assert_nonnull (strstr (text, "0x48"));
  g_assert_true (pw_canvas_hit_address (canvas, hit, &pid, &va));
  g_assert_cmpuint (pid, ==, 1);
  g_assert_cmphex (va, ==, 0x2000);

  /* back at 100 %: no bytes */
  pw_canvas_set_zoom (canvas, 1.0);
  g_assert_true (wait_for ((Condition) settled, canvas));
  pw_canvas_ensure_hits (canvas);
  for (guint i = 0; i < pw_hit_map_size (canvas->hits); i++)
    g_assert_cmpint (pw_hit_map_get (canvas->hits, i)->kind, !=, PW_HIT_BYTE);

  close_window (win);
  g_unlink (path);
}

/* ---- the desktop's text --------------------------------------------------------- */

typedef struct
{
  PwCanvas *canvas;
  double    text_scale;
} TextScaleWait;

static gboolean
text_scale_is (TextScaleWait *w)
{
  return fabs (pw_canvas_get_text_scale (w->canvas) - w->text_scale) < 1e-6;
}

/* The layout self-check of what the canvas draws now, at its size. */
static PwLayoutReport *
canvas_layout_report (PwCanvas *canvas)
{
  PwLayoutReport *r = pw_layout_report_new ();
  PwRenderOptions o = *pw_canvas_get_options (canvas);
  double zoom = pw_canvas_get_zoom (canvas);
  int width = gtk_widget_get_width (GTK_WIDGET (canvas));
  int height = gtk_widget_get_height (GTK_WIDGET (canvas));
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (s);

  o.layout_report = r;
  cairo_scale (cr, zoom, zoom);
  pw_render_draw (cr, pw_canvas_get_machine (canvas), &o, width / zoom, height / zoom, NULL);
  cairo_destroy (cr);
  cairo_surface_destroy (s);
  return r;
}

/* Large Text (gtk-xft-dpi 1.5 times the reference) makes the diagram's text
 * half as large again, laid out around it, followed as the setting changes;
 * at 1280x800 no number is cut off in any view; the labels' family is the
 * desktop's (gtk-font-name). */
static void
test_text_scale (void)
{
  GtkSettings *settings = gtk_settings_get_default ();
  PwWindow *win;
  PwCanvas *canvas;
  HitSearch s;
  TextScaleWait tw;
  int dpi0 = -1;
  double page_h0, page_h1;

  g_object_get (settings, "gtk-xft-dpi", &dpi0, NULL);
  win = open_window ("seed", NULL);
  canvas = pw_window_get_canvas (win);
  tw.canvas = canvas;
  gtk_window_set_default_size (GTK_WINDOW (win), 1280, 800);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.view", "u", 3));
  g_assert_true (wait_for ((Condition) settled, canvas));
  s = (HitSearch) { canvas, PW_HIT_PAGE, 0x2, 0, 0 };
  g_assert_true (wait_for ((Condition) find_hit, &s));
  page_h0 = pw_canvas_hit_at (canvas, s.x, s.y)->height;

  /* Large Text */
  g_object_set (settings, "gtk-xft-dpi", (int) (1.5 * PW_RENDER_REFERENCE_DPI * 1024), NULL);
  tw.text_scale = 1.5;
  g_assert_true (wait_for ((Condition) text_scale_is, &tw));
  g_assert_true (wait_for ((Condition) settled, canvas));
  g_assert_true (wait_for ((Condition) find_hit, &s));
  page_h1 = pw_canvas_hit_at (canvas, s.x, s.y)->height;
  g_assert_cmpfloat_with_epsilon (page_h1 / page_h0, 1.5, 0.02);
  {
    /* the labels are drawn half as large again */
    g_autoptr(PwLayoutReport) r = canvas_layout_report (canvas);
    gboolean seen = FALSE;

    for (guint i = 0; i < r->boxes->len; i++)
      {
        const PwLabelBox *b = &g_array_index (r->boxes, PwLabelBox, i);
        if (g_strcmp0 (b->text, "pid 1 · program") == 0)
          {
            g_assert_cmpfloat (b->h, >, 1.4 * 15);
            seen = TRUE;
          }
      }
    g_assert_true (seen);
  }

  /* every view at 1280x800: no number shortened or cut off */
  for (guint v = 0; v < PW_N_VIEWS; v++)
    {
      g_autoptr(PwLayoutReport) r = NULL;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.view", "u", v));
      g_assert_true (wait_for ((Condition) settled, canvas));
      r = canvas_layout_report (canvas);
      for (guint i = 0; i < pw_layout_report_size (r); i++)
        {
          const PwLayoutProblem *p = pw_layout_report_get (r, i);
          if ((p->kind == PW_LAYOUT_CLIPPED || p->kind == PW_LAYOUT_SHORTENED) && p->has_number)
            g_error ("view %u: %s “%s”", v, pw_layout_kind_name (p->kind), p->text);
        }
    }

  /* the overview, designed 1200 units wide, with its text half as large
   * again: 1800 pixels, wider than the window, scrolled */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.view", "u", 0));
  g_assert_true (wait_for ((Condition) settled, canvas));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (canvas)), >=, 1200 * 1.5);
  g_assert_cmpfloat (pw_canvas_get_min_layout_width (canvas), ==, 1200 * 1.5);

  /* the desktop's font: the labels' family follows gtk-font-name */
  {
    g_autofree char *font0 = NULL;

    g_object_get (settings, "gtk-font-name", &font0, NULL);
    g_object_set (settings, "gtk-font-name", "DejaVu Serif 11", NULL);
    g_assert_cmpstr (pw_canvas_get_options (canvas)->font_family, ==, "DejaVu Serif");
    g_object_set (settings, "gtk-font-name", font0, NULL);
    g_assert_cmpstr (pw_canvas_get_options (canvas)->font_family, !=, "DejaVu Serif");
  }

  /* back to the desktop's default */
  g_object_set (settings, "gtk-xft-dpi", dpi0, NULL);
  tw.text_scale = dpi0 > 0 ? dpi0 / 1024.0 / PW_RENDER_REFERENCE_DPI : 1.0;
  g_assert_true (wait_for ((Condition) text_scale_is, &tw));
  close_window (win);
}

/* The narration bar holds a long narration whole (seed's step 4 in German:
 * the physical address, then what the kernel did, with the slot and the
 * frame): set smaller rather than cut. */
static void
test_narration_whole (void)
{
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();
  const char *dir = g_getenv ("PAGEWALK_TEST_LOCALEDIR");
  PwWindow *win;
  GtkLabel *label;

  g_assert_nonnull (dir);
  /* as test_i18n_german does */
  bindtextdomain (GETTEXT_PACKAGE, dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_setenv ("LANGUAGE", "de", TRUE);
  setlocale (LC_ALL, "");

  gtk_css_provider_load_from_resource (css, "/io/github/pagewalk/Pagewalk/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  set_animations (FALSE);
  win = open_window ("seed", NULL);
  for (int i = 0; i < 4; i++)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.step-forward", NULL));
  g_assert_true (wait_for ((Condition) settled, pw_window_get_canvas (win)));
  label = GTK_LABEL (find_named (GTK_WIDGET (win), "narration-label"));
  g_assert_nonnull (strstr (gtk_label_get_text (label), "Auslagerungsplatz 7 in Rahmen 0x0"));
  /* laid out again with the class the text asked for */
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (label), "narration-long"));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  gtk_widget_measure (GTK_WIDGET (label), GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (GTK_WIDGET (label)),
                      NULL, NULL, NULL, NULL);
  g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (label)));
  close_window (win);
  set_animations (TRUE);
  gtk_style_context_remove_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css));
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "");
}

static PwTimeline *timeline_of (PwWindow *win);
static gboolean timeline_summarised (gpointer data);

/* The bottom of the lowest label drawn whose text contains @needle, or -1. */
static double
report_label_bottom (PwLayoutReport *r,
                     const char     *needle)
{
  double bottom = -1;

  for (guint i = 0; i < r->boxes->len; i++)
    {
      const PwLabelBox *b = &g_array_index (r->boxes, PwLabelBox, i);

      if (!b->mark && strstr (b->text, needle) != NULL)
        bottom = MAX (bottom, b->y + b->h);
    }
  return bottom;
}

/* The overview in the window a 1280 x 800 screen holds (the default
 * 1200 x 800, and 1280 x 800): the canvas is what is left under the header,
 * the translate bar, above the timeline and the action bar; the walk, the
 * TLB (every entry) and the statistics (to the last line) are in it without
 * scrolling, for several processes, at a step and at the end (in the suite
 * after /app/window/high-contrast, whose bars are taller: 571 pixels). */
static void
test_overview_fold (void)
{
  static const int widths[] = { 1200, 1280 };
  /* the app's style sheet (AdwApplication loads it; these windows have no
   * application): the bars as tall as the user sees them */
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

  gtk_css_provider_load_from_resource (css, "/io/github/pagewalk/Pagewalk/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  set_animations (FALSE);
  for (guint k = 0; k < G_N_ELEMENTS (widths); k++)
    {
      PwWindow *win = pw_window_new (NULL);
      PwCanvas *canvas;
      GtkWidget *sw;
      GtkAdjustment *v;

      gtk_window_set_default_size (GTK_WINDOW (win), widths[k], 800);
      gtk_window_present (GTK_WINDOW (win));
      pw_window_open (win, "multiprocess", NULL);
      g_assert_true (wait_for (not_busy, win));
      canvas = pw_window_get_canvas (win);
      g_assert_true (wait_for (has_size, canvas));
      /* the faults plotted above the scrubber: the timeline at its height */
      g_assert_true (wait_for (timeline_summarised, timeline_of (win)));
      sw = gtk_widget_get_ancestor (GTK_WIDGET (canvas), GTK_TYPE_SCROLLED_WINDOW);
      v = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (sw));
      for (guint step = 0; step < 2; step++)
        {
          g_autoptr(PwLayoutReport) r = NULL;
          g_autoptr(PwHitMap) hits = pw_hit_map_new ();
          PwRenderOptions o;
          double zoom, fold, tlb = -1, stats, field = -1;
          int width, height;
          cairo_surface_t *s;
          cairo_t *cr;

          /* step 2, the first access (step 1 switches to process 1); the end */
          if (step == 0)
            {
              g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.step-forward", NULL));
              g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.step-forward", NULL));
            }
          else
            g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.go-end", NULL));
          g_assert_true (wait_for (not_animating, canvas));
          g_assert_true (wait_for ((Condition) settled, canvas));
          g_assert_cmpint (pw_canvas_get_view (canvas), ==, PW_VIEW_OVERVIEW);
          fold = gtk_adjustment_get_page_size (v);
          /* the canvas a 1280 x 800 window has, not a made-up one */
          g_assert_cmpfloat (fold, >, 500);
          g_assert_cmpfloat (fold, <, 640);
          r = pw_layout_report_new ();
          o = *pw_canvas_get_options (canvas);
          zoom = pw_canvas_get_zoom (canvas);
          width = gtk_widget_get_width (GTK_WIDGET (canvas));
          height = gtk_widget_get_height (GTK_WIDGET (canvas));
          s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
          cr = cairo_create (s);
          o.layout_report = r;
          cairo_scale (cr, zoom, zoom);
          pw_render_draw (cr, pw_canvas_get_machine (canvas), &o, width / zoom, height / zoom, hits);
          cairo_destroy (cr);
          cairo_surface_destroy (s);
          stats = report_label_bottom (r, "page-table reads");
          for (guint h = 0; h < pw_hit_map_size (hits); h++)
            {
              const PwHit *hit = pw_hit_map_get (hits, h);
              if (hit->kind == PW_HIT_TLB_ENTRY)
                tlb = MAX (tlb, hit->y + hit->height);
              if (hit->kind == PW_HIT_FIELD)
                field = MAX (field, hit->y + hit->height);
            }
          g_test_message ("%d x 800 (window %d x %d, header %d, translate bar %d, timeline %d, "
                          "action bar %d): canvas %d x %.0f visible, TLB %.0f, statistics %.0f, "
                          "fields %.0f",
                          widths[k], gtk_widget_get_width (GTK_WIDGET (win)),
                          gtk_widget_get_height (GTK_WIDGET (win)),
                          gtk_widget_get_height (find_named (GTK_WIDGET (win), "header-bar")),
                          gtk_widget_get_height (find_named (GTK_WIDGET (win), "translate-bar")),
                          gtk_widget_get_height (find_named (GTK_WIDGET (win), "timeline")),
                          gtk_widget_get_height (find_named (GTK_WIDGET (win), "action-bar")),
                          width, fold, tlb, stats, field);
          g_assert_cmpfloat (gtk_adjustment_get_value (v), ==, 0);
          g_assert_cmpfloat (stats, >, 0);
          g_assert_cmpfloat (stats, <=, fold);
          g_assert_cmpfloat (tlb, >, 0);
          g_assert_cmpfloat (tlb, <=, fold);
          g_assert_cmpfloat (field, >, 0);
          g_assert_cmpfloat (field, <=, fold);
        }
      close_window (win);
    }
  set_animations (TRUE);
  gtk_style_context_remove_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css));
}

/* ---- the timeline -------------------------------------------------------------- */

static PwTimeline *
timeline_of (PwWindow *win)
{
  GtkWidget *w = find_named (GTK_WIDGET (win), "timeline");

  g_assert_true (PW_IS_TIMELINE (w));
  return PW_TIMELINE (w);
}

static PwEventList *
event_list_of (PwWindow *win)
{
  GtkWidget *w = find_named (GTK_WIDGET (win), "event-list");

  g_assert_true (PW_IS_EVENT_LIST (w));
  return PW_EVENT_LIST (w);
}

static gboolean
timeline_summarised (gpointer data)
{
  return !pw_timeline_get_busy (data);
}

/* A window on @source (and @trace) whose run has been summarised. */
static PwWindow *
open_timeline (const char *source,
               const char *trace)
{
  PwWindow *win = open_window (source, trace);
  PwTimeline *timeline = timeline_of (win);

  g_assert_true (wait_for (timeline_summarised, timeline));
  g_assert_nonnull (pw_timeline_get_summary (timeline));
  g_assert_cmpuint (pw_summary_n_positions (pw_timeline_get_summary (timeline)), ==,
                    pw_window_get_n_steps (win));
  return win;
}

/* The selection model @data has its item "pw-item" selected. */
static gboolean
item_selected (gpointer data)
{
  return gtk_selection_model_is_selected (data, GPOINTER_TO_UINT (g_object_get_data (data, "pw-item")));
}

/* belady.pagewalk with another policy, as a temporary file. */
static char *
write_policy_scenario (const char *policy)
{
  const char *example = g_test_get_filename (G_TEST_DIST, "..", "src", "engine", "examples",
                                             "belady.pagewalk", NULL);
  g_autofree char *text = NULL, *replaced = NULL, *with = NULL;
  g_autoptr(GError) error = NULL;
  char *path = NULL;
  int fd;

  g_assert_true (g_file_get_contents (example, &text, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "\"policy\": \"fifo\""));
  with = g_strdup_printf ("\"policy\": \"%s\"", policy);
  {
    g_auto(GStrv) parts = g_strsplit (text, "\"policy\": \"fifo\"", 2);
    replaced = g_strjoinv (with, parts);
  }
  fd = g_file_open_tmp ("pagewalk-timeline-XXXXXX.pagewalk", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, replaced, -1, &error);
  g_assert_no_error (error);
  return path;
}

/* Reads and writes over belady's five pages (0x1000 to 0x5fff), some
 * outside them (segmentation faults), from a fixed seed. */
static char *
write_belady_trace (guint n)
{
  g_autoptr(GString) s = g_string_new ("# timeline test trace\n");
  g_autoptr(GRand) r = g_rand_new_with_seed (19);
  g_autoptr(GError) error = NULL;
  char *path = NULL;
  int fd = g_file_open_tmp ("pagewalk-timeline-XXXXXX.trace", &path, &error);

  g_assert_no_error (error);
  close (fd);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "%s 0x%x\n", g_rand_int_range (r, 0, 3) ? "r" : "w",
                            i % 97 == 96 ? 0x9000 : (guint) g_rand_int_range (r, 0x1000, 0x6000));
  g_file_set_contents (path, s->str, s->len, &error);
  g_assert_no_error (error);
  return path;
}

/* The same machine state: counters, processes, every page where it is. */
static void
timeline_assert_same_machine (PwMachine *a,
                              PwMachine *b)
{
  g_assert_cmpmem (pw_machine_stats (a), sizeof (PwStats), pw_machine_stats (b), sizeof (PwStats));
  g_assert_cmpuint (pw_machine_n_accesses (a), ==, pw_machine_n_accesses (b));
  g_assert_cmpuint (pw_machine_current_pid (a), ==, pw_machine_current_pid (b));
  g_assert_cmpuint (pw_machine_n_processes (a), ==, pw_machine_n_processes (b));
  for (guint p = 0; p < pw_machine_n_processes (a); p++)
    {
      const PwProcess *pa = pw_machine_process (a, p), *pb = pw_machine_process (b, p);
      g_autoptr(GPtrArray) ga = pw_machine_sorted_pages (a, pa);
      g_autoptr(GPtrArray) gb = pw_machine_sorted_pages (b, pb);

      g_assert_cmpuint (pa->pid, ==, pb->pid);
      g_assert_cmpuint (ga->len, ==, gb->len);
      for (guint i = 0; i < ga->len; i++)
        {
          const PwPage *x = ga->pdata[i], *y = gb->pdata[i];
          g_assert_cmpuint (x->vpn, ==, y->vpn);
          g_assert_cmpint (x->resident, ==, y->resident);
          if (x->resident)
            g_assert_cmpuint (x->frame, ==, y->frame);
          g_assert_cmpint (x->on_disk, ==, y->on_disk);
          if (x->on_disk)
            g_assert_cmpuint (x->slot, ==, y->slot);
          g_assert_cmpuint (x->loaded_at, ==, y->loaded_at);
          g_assert_cmpuint (x->used_at, ==, y->used_at);
        }
    }
}

/* `pagewalk-cli ARGS...` parsed as JSON. */
static JsonNode *
timeline_cli_json (const char *first,
                   ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *cli = g_getenv ("PAGEWALK_CLI");
  int status = 0;
  va_list ap;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (char *) cli);
  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (argv, (char *) a);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static guint64
hex_member (JsonObject *o,
            const char *name)
{
  const char *s = json_object_get_string_member (o, name);

  g_assert_nonnull (s);
  return g_ascii_strtoull (s, NULL, 16);
}

/* The scrubber and the step number reach the state of a fresh run at K,
 * for every policy, forwards and back; a few of them are also compared
 * with `pagewalk-cli state --at K --json`. */
static void
test_timeline_scrub_state (void)
{
  static const char *policies[] = { "fifo", "lru", "opt", "clock", "mru", "random" };
  g_autofree char *trace = write_belady_trace (300);

  set_animations (FALSE);
  for (guint p = 0; p < G_N_ELEMENTS (policies); p++)
    {
      g_autofree char *path = write_policy_scenario (policies[p]);
      PwWindow *win = open_timeline (path, trace);
      GtkWidget *spin = find_named (GTK_WIDGET (win), "timeline-step");
      GtkWidget *scale = find_named (GTK_WIDGET (win), "timeline-scale");
      guint n = pw_window_get_n_steps (win);
      g_autoptr(GError) error = NULL;
      g_autoptr(PwScenario) sc = pw_scenario_load (path, &error);
      g_autoptr(PwRun) run = NULL;
      PwMachine *fresh;
      PwRunConfig cfg;
      const guint back[] = { n / 2, 3, n - 1, 0, 1 };

      g_test_message ("policy %s", policies[p]);
      g_assert_no_error (error);
      g_assert_cmpuint (n, ==, 12 + 300);
      pw_run_config_init (&cfg);
      cfg.trace_path = trace;
      run = pw_run_new (sc, &cfg, NULL, &error);
      g_assert_no_error (error);
      fresh = pw_run_machine_new (run, &error);
      g_assert_no_error (error);

      /* forwards, by the step number and by the scrubber in turn */
      for (guint k = 0; k <= n; k++)
        {
          if (k > 0)
            pw_run_advance (run, fresh, k - 1, NULL, NULL);
          if (k % 5 != 0 && k != n)
            continue;
          if (k % 2)
            gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), k);
          else
            gtk_range_set_value (GTK_RANGE (scale), k);
          g_assert_cmpuint (pw_window_get_position (win), ==, k);
          timeline_assert_same_machine (pw_canvas_get_machine (pw_window_get_canvas (win)), fresh);
        }
      pw_machine_free (fresh);

      /* back again: replayed from the history's checkpoints */
      for (guint b = 0; b < G_N_ELEMENTS (back); b++)
        {
          char at[16];
          g_autoptr(JsonNode) state = NULL;
          JsonObject *stats;
          const PwStats *st;

          fresh = pw_run_machine_new (run, &error);
          g_assert_no_error (error);
          for (guint k = 0; k < back[b]; k++)
            pw_run_advance (run, fresh, k, NULL, NULL);
          gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), back[b]);
          g_assert_cmpuint (pw_window_get_position (win), ==, back[b]);
          timeline_assert_same_machine (pw_canvas_get_machine (pw_window_get_canvas (win)), fresh);
          pw_machine_free (fresh);

          /* and the CLI's state at the same position */
          g_snprintf (at, sizeof at, "%u", back[b]);
          state = timeline_cli_json ("state", path, "--trace", trace, "--at", at, "--json", NULL);
          stats = json_object_get_object_member (json_node_get_object (state), "stats");
          st = pw_machine_stats (pw_canvas_get_machine (pw_window_get_canvas (win)));
          g_assert_cmpint (json_object_get_int_member (stats, "accesses"), ==, st->accesses);
          g_assert_cmpint (json_object_get_int_member (stats, "page_faults"), ==, st->page_faults);
          g_assert_cmpint (json_object_get_int_member (stats, "evictions"), ==, st->evictions);
          g_assert_cmpint (json_object_get_int_member (stats, "writebacks"), ==, st->writebacks);
          {
            JsonArray *frames = json_object_get_array_member (json_node_get_object (state), "frames");
            g_autoptr(GArray) used = pw_machine_used_frames (pw_canvas_get_machine (pw_window_get_canvas (win)));

            g_assert_cmpuint (json_array_get_length (frames), ==, used->len);
            for (guint f = 0; f < used->len; f++)
              {
                JsonObject *o = json_array_get_object_element (frames, f);
                const PwFrameInfo *fi = &g_array_index (used, PwFrameInfo, f);

                g_assert_cmpuint (hex_member (o, "frame"), ==, fi->frame);
                if (fi->use == PW_FRAME_DATA)
                  g_assert_cmpuint (hex_member (o, "page"), ==, fi->vpn);
              }
          }
        }
      close_window (win);
      g_unlink (path);
    }
  set_animations (TRUE);
  g_unlink (trace);
}

/* @model holds the events of `run --json` (@events), field by field;
 * @n_steps: the scenario's steps (then one position a trace line). */
static void
timeline_assert_list_is_run (GListModel   *model,
                             JsonArray    *events,
                             const PwArch *arch,
                             guint         n_steps)
{
  gboolean seen_eviction = FALSE;

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, json_array_get_length (events));
  for (guint k = 0; k < json_array_get_length (events); k++)
    {
      JsonObject *o = json_array_get_object_element (events, k);
      g_autoptr(PwEventRow) row = g_list_model_get_item (model, k);
      const PwSummaryEvent *ev = pw_event_row_get_event (row);
      const char *fault = json_object_get_null_member (o, "fault") ? NULL
                          : json_object_get_string_member (o, "fault");

      g_assert_cmpint (json_object_get_int_member (o, "i"), ==, ev->i);
      g_assert_cmpint (json_object_get_int_member (o, "pid"), ==, ev->pid);
      g_assert_cmpstr (json_object_get_string_member (o, "access"), ==, pw_access_name (ev->access));
      g_assert_cmpuint (hex_member (o, "va"), ==, ev->va);
      g_assert_cmpstr (json_object_get_string_member (o, "tlb"), ==, pw_tlb_result_name (ev->tlb));
      g_assert_cmpstr (fault, ==, pw_kernel_fault_name (ev->fault));
      /* positions: the scenario's steps, then one a trace line */
      if (json_object_has_member (o, "step_index"))
        g_assert_cmpint (json_object_get_int_member (o, "step_index"), ==, ev->position);
      else
        g_assert_cmpuint (ev->position, ==, n_steps + (k - n_steps));
      g_assert_cmpint (json_object_get_null_member (o, "evicted"), ==, !ev->evicted);
      if (ev->evicted)
        {
          JsonObject *e = json_object_get_object_member (o, "evicted");
          g_autofree char *victim = pw_event_list_cell_text (ev, arch, 7);
          g_autofree char *page = g_strdup_printf ("0x%" G_GINT64_MODIFIER "x pid 1 ", ev->evicted_vpn);

          g_assert_cmpint (json_object_get_int_member (e, "pid"), ==, ev->evicted_pid);
          g_assert_cmpuint (hex_member (e, "page"), ==, ev->evicted_vpn);
          g_assert_cmpint (json_object_get_boolean_member (e, "written"), ==, ev->written);
          g_assert_true (g_str_has_prefix (victim, page));
          seen_eviction = TRUE;
        }
    }
  g_assert_true (seen_eviction);
}

/* The event list holds every event of `run --json`, field by field (fifo,
 * and opt, whose victims follow the future), and a row in words; selecting
 * a row goes to its step. */
static void
test_timeline_event_list (void)
{
  g_autofree char *trace = write_belady_trace (400);
  g_autofree char *opt = write_policy_scenario ("opt");
  PwWindow *win = open_timeline (opt, trace);
  GListModel *model = G_LIST_MODEL (pw_event_list_get_model (event_list_of (win)));
  PwArch *arch = pw_arch_new_preset ("x86-32");

  {
    g_autoptr(JsonNode) root = timeline_cli_json ("run", opt, "--trace", trace, "--json", NULL);

    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 12 + 400);
    timeline_assert_list_is_run (model, json_object_get_array_member (json_node_get_object (root), "events"),
                                 arch, 12);
  }
  close_window (win);
  g_unlink (opt);

  win = open_timeline ("belady", trace);
  model = G_LIST_MODEL (pw_event_list_get_model (event_list_of (win)));
  {
    g_autoptr(JsonNode) root = timeline_cli_json ("run", "belady", "--trace", trace, "--json", NULL);

    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 12 + 400);
    timeline_assert_list_is_run (model, json_object_get_array_member (json_node_get_object (root), "events"),
                                 arch, 12);
  }

  /* belady's fourth step: the first access to page 4, a major fault */
  {
    g_autoptr(PwEventRow) row = g_list_model_get_item (model, 3);
    const PwSummaryEvent *ev = pw_event_row_get_event (row);
    const char *expected[] = { "4", "3", "1", "read", "0x00004000", "off", "major", "" };

    for (guint c = 0; c < G_N_ELEMENTS (expected); c++)
      {
        g_autofree char *text = pw_event_list_cell_text (ev, arch, c);
        g_assert_cmpstr (text, ==, expected[c]);
      }
  }

  /* selecting a row shows its step: the state after its position */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.show-events", NULL));
  {
    GtkWidget *view = find_named (GTK_WIDGET (win), "timeline-events");
    GtkSelectionModel *sel = gtk_column_view_get_model (GTK_COLUMN_VIEW (view));

    g_assert_true (gtk_selection_model_select_item (sel, 40, TRUE));
    g_assert_cmpuint (pw_window_get_position (win), ==, 41);
    /* and stepping selects the row of the step shown */
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.step-forward", NULL));
    g_assert_cmpuint (pw_window_get_position (win), ==, 42);
    g_object_set_data (G_OBJECT (sel), "pw-item", GUINT_TO_POINTER (41));
    g_assert_true (wait_for (item_selected, sel));
  }
  pw_arch_free (arch);
  close_window (win);
  g_unlink (trace);
}

/* The arrows land on the steps the summary gives, which are the steps of
 * `run --json`'s events with a fault (an eviction, a TLB miss). */
static void
test_timeline_find (void)
{
  static const struct
  {
    const char *source;
    const char *kind;
  } cases[] = {
    { "belady", "fault" }, { "belady", "eviction" }, { "tlb", "tlb-miss" }, { "cow-fork", "fault" },
  };

  set_animations (FALSE);
  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autofree char *trace = g_str_equal (cases[c].source, "belady") ? write_belady_trace (200) : NULL;
      PwWindow *win = open_timeline (cases[c].source, trace);
      g_autoptr(JsonNode) root = trace
        ? timeline_cli_json ("run", cases[c].source, "--trace", trace, "--json", NULL)
        : timeline_cli_json ("run", cases[c].source, "--json", NULL);
      JsonArray *events = json_object_get_array_member (json_node_get_object (root), "events");
      guint n = pw_window_get_n_steps (win);
      g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (guint));
      PwSummary *summary = pw_timeline_get_summary (timeline_of (win));
      guint found = 0;

      /* the steps (positions + 1) whose events match, from the CLI */
      for (guint k = 0; k < json_array_get_length (events); k++)
        {
          JsonObject *o = json_array_get_object_element (events, k);
          gboolean match;
          guint step;

          if (g_str_equal (cases[c].kind, "fault"))
            match = !json_object_get_null_member (o, "fault");
          else if (g_str_equal (cases[c].kind, "eviction"))
            match = !json_object_get_null_member (o, "evicted");
          else
            match = g_strcmp0 (json_object_get_string_member (o, "tlb"), "miss") == 0;
          if (!match)
            continue;
          step = json_object_has_member (o, "step_index")
                 ? (guint) json_object_get_int_member (o, "step_index") + 1
                 : pw_summary_n_positions (summary) - (json_array_get_length (events) - k) + 1;
          if (expected->len == 0 || g_array_index (expected, guint, expected->len - 1) != step)
            g_array_append_val (expected, step);
        }
      g_test_message ("%s: %u steps with a %s", cases[c].source, expected->len, cases[c].kind);
      g_assert_cmpuint (expected->len, >, 0);

      /* forwards from the start, each arrow to the next of them */
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.go-start", NULL));
      for (;;)
        {
          guint before = pw_window_get_position (win);

          g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.find-next", "s", cases[c].kind));
          if (pw_window_get_position (win) == before)
            break;
          g_assert_cmpuint (found, <, expected->len);
          g_assert_cmpuint (pw_window_get_position (win), ==, g_array_index (expected, guint, found));
          found++;
        }
      g_assert_cmpuint (found, ==, expected->len);
      /* and back from the end */
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.go-end", NULL));
      g_assert_cmpuint (pw_window_get_position (win), ==, n);
      if (g_array_index (expected, guint, expected->len - 1) == n)
        found--;
      while (found > 0)
        {
          g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.find-previous", "s", cases[c].kind));
          found--;
          g_assert_cmpuint (pw_window_get_position (win), ==, g_array_index (expected, guint, found));
        }
      close_window (win);
      if (trace)
        g_unlink (trace);
    }
  set_animations (TRUE);
}

/* Each filter leaves the rows `run --json` says; one process's only. */
static void
test_timeline_filter (void)
{
  PwWindow *win = open_timeline ("overcommit", NULL);
  PwEventList *list = event_list_of (win);
  GListModel *model = G_LIST_MODEL (pw_event_list_get_model (list));
  g_autoptr(JsonNode) root = timeline_cli_json ("run", "overcommit", "--json", NULL);
  JsonArray *events = json_object_get_array_member (json_node_get_object (root), "events");
  guint all = json_array_get_length (events), faults = 0, evictions = 0, misses = 0, of_2 = 0;

  for (guint k = 0; k < all; k++)
    {
      JsonObject *o = json_array_get_object_element (events, k);

      faults += !json_object_get_null_member (o, "fault");
      evictions += !json_object_get_null_member (o, "evicted");
      misses += g_strcmp0 (json_object_get_string_member (o, "tlb"), "miss") == 0;
      of_2 += json_object_get_int_member (o, "pid") == 2;
    }
  g_test_message ("%u events, %u faults, %u evictions, %u TLB misses, %u of pid 2",
                  all, faults, evictions, misses, of_2);
  g_assert_cmpuint (faults, >, 0);
  g_assert_cmpuint (faults, <, all);
  g_assert_cmpuint (of_2, >, 0);
  g_assert_cmpuint (of_2, <, all);

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, all);
  pw_event_list_set_filter (list, PW_SUMMARY_SHOW_FAULTS, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, faults);
  for (guint k = 0; k < faults; k++)
    {
      g_autoptr(PwEventRow) row = g_list_model_get_item (model, k);
      g_assert_cmpint (pw_event_row_get_event (row)->fault, !=, PW_KF_NONE);
    }
  pw_event_list_set_filter (list, PW_SUMMARY_SHOW_EVICTIONS, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, evictions);
  pw_event_list_set_filter (list, PW_SUMMARY_SHOW_TLB_MISSES, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, misses);
  pw_event_list_set_filter (list, PW_SUMMARY_SHOW_ALL, 2);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, of_2);
  for (guint k = 0; k < of_2; k++)
    {
      g_autoptr(PwEventRow) row = g_list_model_get_item (model, k);
      g_assert_cmpuint (pw_event_row_get_event (row)->pid, ==, 2);
    }
  g_assert_cmpstr (gtk_string_object_get_string (gtk_drop_down_get_selected_item (
                     GTK_DROP_DOWN (find_named (GTK_WIDGET (win), "timeline-process")))), ==, "Process 2");
  pw_event_list_set_filter (list, PW_SUMMARY_SHOW_FAULTS, 2);
  g_assert_cmpuint (g_list_model_get_n_items (model), <=, MIN (faults, of_2));
  pw_event_list_set_filter (list, PW_SUMMARY_SHOW_ALL, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, all);
  close_window (win);
}

/* The event list's model made some rows. */
static gboolean
rows_made (gpointer data)
{
  return pw_event_model_get_n_made (data) > 0;
}

static gboolean
at_end (gpointer data)
{
  PwWindow *win = data;

  return pw_window_get_position (win) == pw_window_get_n_steps (win);
}

/* A long trace: summarised in the worker with the window live, cancelled
 * and made again; the list shown scrolls to its end with only the rows on
 * screen alive; play runs to the end and stops. */
static void
test_timeline_long_trace (void)
{
  g_autofree char *trace = write_belady_trace (300000);
  PwWindow *win = open_window ("belady", trace);
  PwTimeline *timeline = timeline_of (win);
  PwEventList *list = event_list_of (win);
  GtkWidget *progress = find_named (GTK_WIDGET (win), "timeline-progress-button");
  GtkWidget *view = find_named (GTK_WIDGET (win), "timeline-events");
  GListModel *model = G_LIST_MODEL (pw_event_list_get_model (list));
  guint n = pw_window_get_n_steps (win);

  g_assert_true (wait_for (timeline_summarised, timeline));
  g_assert_nonnull (pw_timeline_get_summary (timeline));
  /* made again and cancelled at once; the window steps meanwhile */
  pw_timeline_summarise (timeline);
  g_assert_true (pw_timeline_get_busy (timeline));
  g_assert_null (pw_timeline_get_summary (timeline));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (progress)), ==, "_Cancel");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.step-forward", NULL));
  g_assert_cmpuint (pw_window_get_position (win), ==, 1);
  g_signal_emit_by_name (progress, "clicked");
  g_assert_true (wait_for (timeline_summarised, timeline));
  g_assert_null (pw_timeline_get_summary (timeline));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (win), "win.find-next", "s", "fault")
                  && pw_window_get_position (win) != 1);
  /* the same button makes it again */
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (progress)), ==, "_Summarise");
  g_signal_emit_by_name (progress, "clicked");
  g_assert_true (pw_timeline_get_busy (timeline));
  g_assert_true (wait_for (timeline_summarised, timeline));
  g_assert_nonnull (pw_timeline_get_summary (timeline));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 12 + 300000);

  /* the list on screen, at the end of the run: rows made on demand */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.show-events", NULL));
  g_assert_true (wait_for (has_size, view));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.go-end", NULL));
  g_assert_true (wait_for (rows_made, model));
  g_object_set_data (G_OBJECT (gtk_column_view_get_model (GTK_COLUMN_VIEW (view))), "pw-item",
                     GUINT_TO_POINTER (12 + 300000 - 1));
  g_assert_true (wait_for (item_selected, gtk_column_view_get_model (GTK_COLUMN_VIEW (view))));
  g_test_message ("%" G_GUINT64_FORMAT " rows made for %u events",
                  pw_event_model_get_n_made (PW_EVENT_MODEL (model)), g_list_model_get_n_items (model));
  g_assert_cmpuint (pw_event_model_get_n_made (PW_EVENT_MODEL (model)), <, 2000);

  /* play from near the end at the fastest speed: it stops at the end */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (find_named (GTK_WIDGET (win), "timeline-speed")), 5);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (find_named (GTK_WIDGET (win), "timeline-step")), n - 500);
  g_assert_cmpuint (pw_window_get_position (win), ==, n - 500);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.play", NULL));
  g_assert_true (pw_timeline_get_playing (timeline));
  g_assert_true (wait_for (at_end, win));
  g_assert_false (pw_timeline_get_playing (timeline));
  close_window (win);
  g_unlink (trace);
}


/* The timeline's keys: one shortcut each, none taken twice; they find,
 * play, show the list and focus the step box. */
static void
test_timeline_shortcuts (void)
{
  static const struct
  {
    const char *accel;
    const char *action;
    const char *target;
  } keys[] = {
    { "<Shift>Right", "win.find-next", "fault" },
    { "<Shift>Left", "win.find-previous", "fault" },
    { "<Alt>Right", "win.find-next", "eviction" },
    { "<Alt>Left", "win.find-previous", "eviction" },
    { "<Control><Shift>Right", "win.find-next", "tlb-miss" },
    { "<Control><Shift>Left", "win.find-previous", "tlb-miss" },
    { "space", "win.play", NULL },
    { "F9", "win.show-events", NULL },
    { "<Control>g", "win.go-to-step", NULL },
  };
  PwWindow *win = open_timeline ("belady", NULL);
  GtkWidget *list = GTK_WIDGET (event_list_of (win));

  set_animations (FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *action = NULL;
      g_autoptr(GVariant) target = NULL;

      g_test_message ("%s", keys[i].accel);
      /* GtkWindow binds Space to activate the focus too: ours comes first
       * (pressed below) */
      g_assert_cmpuint (count_shortcuts (win, keys[i].accel, &action, &target), ==,
                        g_str_equal (keys[i].accel, "space") ? 2 : 1);
      if (g_str_equal (keys[i].accel, "space"))
        continue;
      g_assert_cmpstr (action, ==, keys[i].action);
      g_assert_cmpstr (target ? g_variant_get_string (target, NULL) : NULL, ==, keys[i].target);
    }

  /* belady: faults at steps 1 to 4, then 7 to 12; the first eviction at 7 */
  g_assert_true (press_key (GTK_WIDGET (win), GDK_KEY_Right, GDK_SHIFT_MASK));
  g_assert_cmpuint (pw_window_get_position (win), ==, 1);
  g_assert_true (press_key (GTK_WIDGET (win), GDK_KEY_Right, GDK_ALT_MASK));
  g_assert_cmpuint (pw_window_get_position (win), ==, 7);
  /* the bar's arrows and plot follow the last kind asked */
  g_assert_cmpint (pw_timeline_get_find_kind (timeline_of (win)), ==, PW_FIND_EVICTION);
  g_assert_true (press_key (GTK_WIDGET (win), GDK_KEY_Left, GDK_SHIFT_MASK));
  g_assert_cmpuint (pw_window_get_position (win), ==, 4);
  g_assert_cmpint (pw_timeline_get_find_kind (timeline_of (win)), ==, PW_FIND_FAULT);
  /* no TLB: no miss to go to, the step stays */
  g_assert_true (press_key (GTK_WIDGET (win), GDK_KEY_Right, GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  g_assert_cmpuint (pw_window_get_position (win), ==, 4);

  g_assert_false (gtk_widget_get_visible (list));
  g_assert_true (press_key (GTK_WIDGET (win), GDK_KEY_F9, 0));
  g_assert_true (gtk_widget_get_visible (list));
  /* presentation mode hides it, and shows it again after */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.presentation", NULL));
  g_assert_false (gtk_widget_get_visible (list));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (timeline_of (win))));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.presentation", NULL));
  g_assert_true (gtk_widget_get_visible (list));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (timeline_of (win))));
  g_assert_true (press_key (GTK_WIDGET (win), GDK_KEY_F9, 0));
  g_assert_false (gtk_widget_get_visible (list));

  g_assert_true (press_key (GTK_WIDGET (win), GDK_KEY_space, 0));
  g_assert_true (pw_timeline_get_playing (timeline_of (win)));
  g_assert_true (press_key (GTK_WIDGET (win), GDK_KEY_space, 0));
  g_assert_false (pw_timeline_get_playing (timeline_of (win)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.go-to-step", NULL));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (win)),
                                         find_named (GTK_WIDGET (win), "timeline-step"))
                 || gtk_root_get_focus (GTK_ROOT (win)) == find_named (GTK_WIDGET (win), "timeline-step"));
  set_animations (TRUE);
  close_window (win);
}

/* ---- a GNOME citizen: files, recent files, About ---------------------------------- */

static GtkDropTarget *
find_drop_target (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) c = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (c))
        return GTK_DROP_TARGET (c);
    }
  return NULL;
}

typedef struct
{
  PwWindow   *win;
  const char *uri;
} RecentWait;

/* Open Recent lists @uri first. */
static gboolean
recent_listed (gpointer data)
{
  RecentWait *w = data;
  GMenuModel *menu = G_MENU_MODEL (w->win->recent_menu);
  g_autoptr(GVariant) target = NULL;

  if (g_menu_model_get_n_items (menu) == 0)
    return FALSE;
  target = g_menu_model_get_item_attribute_value (menu, 0, G_MENU_ATTRIBUTE_TARGET,
                                                  G_VARIANT_TYPE_STRING);
  return target != NULL && g_str_equal (g_variant_get_string (target, NULL), w->uri);
}

/* A .pagewalk file dropped on the window opens in it and goes into the
 * recent files; Open Recent lists it and opens it again. */
static void
test_citizen_drop_and_recent (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pagewalk-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "dropped.pagewalk", NULL);
  g_autoptr(GBytes) seed = pw_example_bytes ("seed");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  PwWindow *win = open_window ("x86-64", NULL);
  GtkDropTarget *target = find_drop_target (GTK_WIDGET (win));
  GSList *list = g_slist_prepend (NULL, file);
  GValue value = G_VALUE_INIT;
  gboolean dropped = FALSE;
  RecentWait rw = { win, uri };

  g_assert_nonnull (seed);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (seed, NULL),
                                      (gssize) g_bytes_get_size (seed), NULL));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (win)), ==, "x86-64: a four-level walk");
  /* built-in examples are not recent files */
  g_assert_false (recent_listed (&rw));

  g_assert_nonnull (target);
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (list));
  g_slist_free (list);
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &dropped);
  g_value_unset (&value);
  g_assert_true (dropped);
  g_assert_true (wait_for (not_busy, win));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (win)), ==,
                   "Virtual memory: the seed text's example");
  g_assert_cmpuint (pw_window_get_n_steps (win), ==, 5);

  g_assert_true (gtk_recent_manager_has_item (gtk_recent_manager_get_default (), uri));
  g_assert_true (wait_for (recent_listed, &rw));

  /* Open Recent opens it in the window */
  pw_window_open (win, "x86-64", NULL);
  g_assert_true (wait_for (not_busy, win));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.open-recent", "s", uri));
  g_assert_true (wait_for (not_busy, win));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (win)), ==,
                   "Virtual memory: the seed text's example");

  /* Clear Recent Scenarios forgets it */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.clear-recent", NULL));
  g_assert_false (gtk_recent_manager_has_item (gtk_recent_manager_get_default (), uri));

  close_window (win);
  g_unlink (path);
  g_rmdir (dir);
}

/* win.close (Ctrl+W) closes the window. */
static void
test_citizen_close (void)
{
  PwWindow *win = open_window ("seed", NULL);
  GtkWidget *weak = GTK_WIDGET (win);

  g_object_add_weak_pointer (G_OBJECT (win), (gpointer *) &weak);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.close", NULL));
  g_assert_true (wait_for (is_null, &weak));
}

/* About: the project's links and the newest release of the metainfo, whose
 * version is the program's. */
static void
test_citizen_about (void)
{
  g_autofree char *version = NULL;
  g_autofree char *notes = NULL;
  GtkWidget *about;

  g_assert_true (pw_about_release_notes (&version, &notes));
  g_assert_cmpstr (version, ==, PACKAGE_VERSION);
  g_assert_true (g_str_has_prefix (notes, "<p>"));
  g_assert_nonnull (strstr (notes, "</p>"));

  about = pw_about_window_new (NULL);
  g_assert_cmpstr (adw_about_window_get_website (ADW_ABOUT_WINDOW (about)), ==, PW_WEBSITE);
  g_assert_cmpstr (adw_about_window_get_issue_url (ADW_ABOUT_WINDOW (about)), ==, PW_ISSUE_URL);
  g_assert_cmpstr (adw_about_window_get_release_notes_version (ADW_ABOUT_WINDOW (about)), ==,
                   PACKAGE_VERSION);
  g_assert_cmpstr (adw_about_window_get_release_notes (ADW_ABOUT_WINDOW (about)), ==, notes);
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  gtk_window_destroy (GTK_WINDOW (about));
}

/* The icons load through gdk-pixbuf, as GTK and the desktop load them (its
 * SVG loader recognises a file by "<svg" near its start): the app icon from
 * the resources at 128×128, the symbolic icon at 16×16. */
static void
test_citizen_icons (void)
{
  g_autofree char *symbolic = g_test_build_filename (G_TEST_DIST, "..", "data", "icons", "hicolor",
                                                     "symbolic", "apps",
                                                     APP_ID "-symbolic.svg", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) app = gdk_pixbuf_new_from_resource ("/io/github/pagewalk/Pagewalk/icons/scalable/apps/"
                                                           APP_ID ".svg", &error);
  g_autoptr(GdkPixbuf) sym = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (app), ==, 128);
  g_assert_cmpint (gdk_pixbuf_get_height (app), ==, 128);
  sym = gdk_pixbuf_new_from_file (symbolic, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (sym), ==, 16);
  g_assert_cmpint (gdk_pixbuf_get_height (sym), ==, 16);
}

/* The window opens at the size kept in GSettings and, when it closes, keeps
 * whether it was maximized (under a bare Xvfb no window manager maximizes
 * it: the state saved is FALSE, though the setting said TRUE). */
static void
test_citizen_window_state (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  PwWindow *win;
  GtkWidget *weak;
  int width = 0, height = 0;

  g_settings_set_int (settings, "window-width", 900);
  g_settings_set_int (settings, "window-height", 640);
  g_settings_set_boolean (settings, "window-maximized", TRUE);
  win = pw_window_new (NULL);
  gtk_window_get_default_size (GTK_WINDOW (win), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 640);
  gtk_window_present (GTK_WINDOW (win));
  g_assert_true (wait_for (has_size, win));

  weak = GTK_WIDGET (win);
  g_object_add_weak_pointer (G_OBJECT (win), (gpointer *) &weak);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.close", NULL));
  g_assert_true (wait_for (is_null, &weak));
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
}

/* The application's accelerators: F1 the help, Ctrl+? the shortcuts window,
 * Ctrl+W closes the window; and the actions behind them exist.  The
 * application is registered without D-Bus (non-unique). */
static void
test_citizen_accels (void)
{
  g_autoptr(PwApplication) app = pw_application_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) help = NULL;
  g_auto(GStrv) shortcuts = NULL;
  g_auto(GStrv) close = NULL;

  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  help = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.help");
  g_assert_cmpuint (g_strv_length (help), ==, 1);
  g_assert_cmpstr (help[0], ==, "F1");
  shortcuts = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay");
  g_assert_cmpuint (g_strv_length (shortcuts), ==, 1);
  g_assert_cmpstr (shortcuts[0], ==, "<Control>question");
  close = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.close");
  g_assert_cmpuint (g_strv_length (close), ==, 1);
  g_assert_cmpstr (close[0], ==, "<Control>w");
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "help"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "about"));
}

/* The window in German (LANGUAGE=de, the catalogue built in po/), GTK's
 * and libadwaita's own strings too; English again afterwards. */
static void
test_i18n_german (void)
{
  const char *dir = g_getenv ("PAGEWALK_TEST_LOCALEDIR");
  PwWindow *win;

  g_assert_nonnull (dir);
  /* as main.c does */
  bindtextdomain (GETTEXT_PACKAGE, dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_setenv ("LANGUAGE", "de", TRUE);
  setlocale (LC_ALL, "");
  win = open_window ("seed", NULL);
  g_assert_cmpstr (label_text (win, "step-label"), ==, "Schritt 0 von 5");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.step-forward", NULL));
  g_assert_cmpstr (label_text (win, "step-label"), ==, "Schritt 1 von 5");
  g_assert_nonnull (strstr (label_text (win, "step-detail-label"), "lesen"));
  /* the toolkit's own catalogues follow the same locale */
  g_assert_cmpstr (g_dgettext ("gtk40", "_Cancel"), !=, "_Cancel");
  g_assert_cmpstr (g_dgettext ("libadwaita", "Close"), !=, "Close");
  close_window (win);

  /* as main() set it for every other test */
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "");
  g_assert_cmpstr (_("Step %u of %u"), ==, "Step %u of %u");
}

/* ---- the run settings ------------------------------------------------------------------ */

/* Chooses the run settings as the popover does and waits for the re-run. */
static void
runcfg_apply (PwWindow   *win,
              const char *policy,
              guint64     frames,
              const char *tlb)
{
  g_assert_true (pw_window_set_run_settings (win, policy, frames, tlb));
  g_assert_true (wait_for (not_busy, win));
}

/* The statistics of the machine at the end of the run shown. */
static PwStats
runcfg_stats_at_end (PwWindow *win)
{
  pw_window_go_to (win, pw_window_get_n_steps (win), FALSE);
  g_assert_cmpuint (pw_window_get_position (win), ==, pw_window_get_n_steps (win));
  return *pw_machine_stats (pw_window_machine (win));
}

/* The page faults `pagewalk-cli run SCENARIO --policy P --frames N
 * --stats-only` prints. */
static guint64
runcfg_cli_faults (const char *scenario,
                   const char *policy,
                   const char *frames)
{
  const char *cli = g_getenv ("PAGEWALK_CLI");
  const char *argv[] = { cli, "run", scenario, "--policy", policy, "--frames", frames, "--stats-only", NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const char *at;
  int status = 0;

  g_assert_nonnull (cli);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  at = strstr (out, "page faults ");
  g_assert_nonnull (at);
  return g_ascii_strtoull (at + strlen ("page faults "), NULL, 10);
}

/* The page faults the timeline's summary (the strip, the event list) counts. */
static guint
runcfg_summary_faults (PwWindow *win)
{
  PwTimeline *timeline = timeline_of (win);

  g_assert_true (wait_for (timeline_summarised, timeline));
  g_assert_nonnull (pw_timeline_get_summary (timeline));
  return pw_summary_count (pw_timeline_get_summary (timeline), 0, pw_window_get_n_steps (win),
                           PW_SUMMARY_FAULT);
}

/* Belady's anomaly step by step: fifo with 3 then 4 frames makes 9 then 10
 * page faults, as the command line counts them; the step shown stays, the
 * label says the settings, and another scenario goes back to its own. */
static void
runcfg_belady (void)
{
  PwWindow *win = open_window ("belady", NULL);
  PwStats st;

  g_assert_cmpstr (pw_window_get_run_settings_label (win), ==, "fifo · all frames · TLB off");
  pw_window_go_to (win, 5, FALSE);
  runcfg_apply (win, "fifo", 3, NULL);
  g_assert_cmpuint (pw_window_get_position (win), ==, 5);
  g_assert_cmpstr (pw_window_get_run_settings_label (win), ==, "fifo · 3 frames · TLB off");
  g_assert_cmpuint (pw_machine_config (pw_window_machine (win))->data_frames, ==, 3);
  /* presentation mode's counter says them too */
  g_assert_cmpstr (label_text (win, "present-step-label"), ==, "Step 5 of 12 · fifo · 3 frames · TLB off");
  st = runcfg_stats_at_end (win);
  g_assert_cmpuint (st.page_faults, ==, 9);
  g_assert_cmpuint (st.page_faults, ==, runcfg_cli_faults ("belady", "fifo", "3"));
  g_assert_cmpuint (runcfg_summary_faults (win), ==, 9);

  pw_window_go_to (win, 7, FALSE);
  runcfg_apply (win, "fifo", 4, NULL);
  g_assert_cmpuint (pw_window_get_position (win), ==, 7);
  g_assert_cmpstr (pw_window_get_run_settings_label (win), ==, "fifo · 4 frames · TLB off");
  st = runcfg_stats_at_end (win);
  g_assert_cmpuint (st.page_faults, ==, 10);
  g_assert_cmpuint (st.page_faults, ==, runcfg_cli_faults ("belady", "fifo", "4"));
  g_assert_cmpuint (runcfg_summary_faults (win), ==, 10);

  /* the settings belong to the scenario shown: another one starts with its own */
  pw_window_open (win, "clock", NULL);
  g_assert_true (wait_for (not_busy, win));
  g_assert_false (win->doc->config.set_policy);
  g_assert_cmpuint (win->doc->config.data_frames, ==, 0);
  g_assert_null (g_strstr_len (pw_window_get_run_settings_label (win), -1, "4 frames"));
  g_assert_cmpuint (gtk_drop_down_get_selected (win->runcfg_policy), ==, 0);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (win->runcfg_frames), ==, 0);
  g_assert_cmpstr (label_text (win, "present-step-label"), ==, label_text (win, "step-label"));
  close_window (win);
}

/* lru, then opt: the lab describes the policy chosen, the machine runs it,
 * opt has its future and counts as the command line does; back to the
 * scenario's settings. */
static void
runcfg_policy (void)
{
  PwWindow *win = open_window ("belady", NULL);
  PwPolicyState ps = { 0 };
  PwMachine *m;
  PwStats st;

  pw_window_go_to (win, 6, FALSE);
  runcfg_apply (win, "lru", 0, NULL);
  g_assert_cmpuint (pw_window_get_position (win), ==, 6);
  m = pw_window_machine (win);
  g_assert_cmpint (pw_machine_config (m)->policy, ==, PW_POLICY_LRU);
  pw_machine_describe_policy (m, &ps);
  g_assert_cmpint (ps.policy, ==, PW_POLICY_LRU);
  pw_policy_state_clear (&ps);
  g_assert_true (g_str_has_prefix (pw_window_get_run_settings_label (win), "lru · "));
  g_assert_cmpuint (gtk_drop_down_get_selected (win->runcfg_policy), ==, 2);

  runcfg_apply (win, "opt", 3, NULL);
  g_assert_nonnull (pw_run_future (win->doc->run, NULL));
  m = pw_window_machine (win);
  pw_machine_describe_policy (m, &ps);
  g_assert_cmpint (ps.policy, ==, PW_POLICY_OPT);
  pw_policy_state_clear (&ps);
  st = runcfg_stats_at_end (win);
  g_assert_cmpuint (st.page_faults, ==, runcfg_cli_faults ("belady", "opt", "3"));

  runcfg_apply (win, NULL, 0, NULL);
  g_assert_false (win->doc->config.set_policy);
  g_assert_cmpint (pw_machine_config (pw_window_machine (win))->policy, ==, win->doc->scenario->policy);
  g_assert_cmpstr (pw_window_get_run_settings_label (win), ==, "fifo · all frames · TLB off");
  close_window (win);
}

/* TLB off on the tlb example: every access walks the tables (no TLB hit);
 * 16x4 puts a TLB of 16 entries, 4 ways back. */
static void
runcfg_tlb (void)
{
  PwWindow *win = open_window ("tlb", NULL);
  PwStats st = runcfg_stats_at_end (win);

  g_assert_cmpuint (st.tlb_hits, >, 0);
  pw_window_go_to (win, 3, FALSE);
  runcfg_apply (win, NULL, 0, "off");
  g_assert_cmpuint (pw_window_get_position (win), ==, 3);
  g_assert_false (pw_machine_config (pw_window_machine (win))->tlb);
  g_assert_true (g_str_has_suffix (pw_window_get_run_settings_label (win), " · TLB off"));
  st = runcfg_stats_at_end (win);
  g_assert_cmpuint (st.tlb_hits, ==, 0);
  g_assert_cmpuint (st.accesses, >, 0);
  /* every access walked: at least one table read each */
  g_assert_cmpuint (st.walk_reads, >=, st.accesses);

  runcfg_apply (win, NULL, 0, "16x4");
  g_assert_true (pw_machine_config (pw_window_machine (win))->tlb);
  g_assert_cmpuint (pw_machine_config (pw_window_machine (win))->tlb_entries, ==, 16);
  g_assert_cmpuint (pw_machine_config (pw_window_machine (win))->tlb_ways, ==, 4);
  g_assert_true (g_str_has_suffix (pw_window_get_run_settings_label (win), " · TLB 16x4"));
  g_assert_cmpuint (gtk_drop_down_get_selected (win->runcfg_tlb), ==, 4);
  /* values the controls do not offer are refused */
  g_assert_false (pw_window_set_run_settings (win, "nru", 0, NULL));
  g_assert_false (pw_window_set_run_settings (win, NULL, 0, "3x3"));
  g_assert_false (pw_window_get_busy (win));
  close_window (win);
}

/* With a trace: the re-run does not read the trace again (it is gone), counts
 * as `pagewalk-cli run --trace` does, keeps the step; a long one cancelled
 * leaves the run in force and the controls as they were. */
static void
runcfg_trace (void)
{
  g_autofree char *trace = write_trace (3000);
  g_autofree char *big = write_trace (400000);
  g_autofree char *cli_out = NULL;
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("PAGEWALK_CLI");
  const char *argv[] = { cli, "run", "seed", "--trace", trace, "--policy", "lru", "--frames", "2",
                         "--stats-only", NULL };
  PwWindow *win = open_window ("seed", trace);
  const char *at;
  PwStats st;
  int status = 0;

  g_assert_nonnull (cli);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &cli_out, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_unlink (trace);

  pw_window_go_to (win, 2000, FALSE);
  runcfg_apply (win, "lru", 2, NULL);
  g_assert_cmpuint (pw_window_get_position (win), ==, 2000);
  g_assert_cmpuint (pw_window_get_n_steps (win), ==, 3005);
  st = runcfg_stats_at_end (win);
  at = strstr (cli_out, "page faults ");
  g_assert_nonnull (at);
  g_assert_cmpuint (st.page_faults, ==, g_ascii_strtoull (at + strlen ("page faults "), NULL, 10));
  g_assert_cmpuint (st.page_faults, >, 0);
  close_window (win);

  win = open_window ("seed", big);
  pw_window_go_to (win, 10, FALSE);
  g_assert_true (pw_window_set_run_settings (win, "opt", 2, "off"));
  g_assert_true (pw_window_get_busy (win));
  /* the run shown stays usable meanwhile */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.step-forward", NULL));
  g_assert_cmpuint (pw_window_get_position (win), ==, 11);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.cancel-load", NULL));
  g_assert_true (wait_for (not_busy, win));
  g_assert_false (win->doc->config.set_policy);
  g_assert_cmpuint (gtk_drop_down_get_selected (win->runcfg_policy), ==, 0);
  g_assert_cmpuint (gtk_drop_down_get_selected (win->runcfg_tlb), ==, 0);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (win->runcfg_frames), ==, 0);
  g_assert_cmpuint (pw_window_get_position (win), ==, 11);
  g_assert_null (pw_run_future (win->doc->run, NULL));
  close_window (win);
  g_unlink (big);
}

/* Quiz mode answers with the run in force: at step 10 of belady with 3
 * frames, fifo evicts page 0x1 and lru page 0x5 (`pagewalk-cli run belady
 * --policy fifo|lru --frames 3`, access 9). */
static void
runcfg_quiz (void)
{
  PwWindow *win = open_window ("belady", NULL);

  runcfg_apply (win, "fifo", 3, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "quiz.enabled", NULL));
  pw_window_go_to (win, 9, FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.step-forward", NULL));
  g_assert_nonnull (pw_window_quiz_get_question (win));
  pw_window_quiz_answer (win, "0x1");
  g_assert_true (g_str_has_prefix (pw_window_quiz_get_feedback (win), "Right"));
  g_assert_cmpuint (pw_window_get_position (win), ==, 10);

  runcfg_apply (win, "lru", 3, NULL);
  g_assert_cmpuint (pw_window_get_position (win), ==, 10);
  pw_window_go_to (win, 9, FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.step-forward", NULL));
  g_assert_nonnull (pw_window_quiz_get_question (win));
  pw_window_quiz_answer (win, "0x1");
  g_assert_true (g_str_has_prefix (pw_window_quiz_get_feedback (win), "Not quite"));
  g_assert_nonnull (strstr (pw_window_quiz_get_feedback (win), "0x5"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "quiz.enabled", NULL));
  close_window (win);
}

/* Export Handout and Export Animation run the settings in force. */
static void
runcfg_exports (void)
{
  PwWindow *win = open_window ("belady", NULL);
  g_autoptr(GError) error = NULL;
  PwHandoutOptions ho;
  PwRun *run = NULL;

  pw_window_go_to (win, 4, FALSE);
  runcfg_apply (win, "lru", 3, "off");
  g_assert_true (pw_window_handout_job (win, &run, &ho, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pw_run_config (run)->policy, ==, PW_POLICY_LRU);
  g_assert_cmpuint (pw_run_config (run)->data_frames, ==, 3);
  g_clear_pointer (&run, pw_run_free);
#ifdef PW_HAVE_VIDEO
  {
    PwVideoOptions vo;
    PwVideoFormat format;

    if (pw_video_format_available (PW_VIDEO_GIF, NULL))
      {
        g_assert_true (pw_window_animation_job (win, "/tmp/x.gif", &run, &vo, &format, &error));
        g_assert_no_error (error);
        g_assert_cmpint (pw_run_config (run)->policy, ==, PW_POLICY_LRU);
        g_assert_cmpuint (pw_run_config (run)->data_frames, ==, 3);
        g_clear_pointer (&run, pw_run_free);
      }
  }
#endif
  close_window (win);
}

/* The popover opens with F7 (win.run-settings), its controls named; a
 * choice in the drop-down runs the scenario again like the function. */
static void
runcfg_keyboard (void)
{
  PwWindow *win = open_window ("belady", NULL);
  GtkPopover *popover = gtk_menu_button_get_popover (win->runcfg_button);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.run-settings", NULL));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  {
    g_autofree char *action = NULL;
    g_autoptr(GVariant) target = NULL;

    g_assert_cmpuint (count_shortcuts (win, "F7", &action, &target), ==, 1);
    g_assert_cmpstr (action, ==, "win.run-settings");
  }
  gtk_popover_popdown (popover);

  gtk_drop_down_set_selected (win->runcfg_policy, 4);   /* clock */
  g_assert_true (pw_window_get_busy (win));
  g_assert_true (wait_for (not_busy, win));
  g_assert_cmpint (pw_machine_config (pw_window_machine (win))->policy, ==, PW_POLICY_CLOCK);
  gtk_spin_button_set_value (win->runcfg_frames, 3);
  g_assert_true (wait_for (not_busy, win));
  g_assert_cmpstr (pw_window_get_run_settings_label (win), ==, "clock · 3 frames · TLB off");
  close_window (win);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *recent_dir = NULL;
  int status;

  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);
  /* no accessibility bus under a bare xvfb-run: the test context keeps
   * what the widgets say (the canvas's description) */
  g_setenv ("GTK_A11Y", "test", FALSE);
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      /* meson test outside a display: .ci/test runs this suite under Xvfb */
      g_test_init (&argc, &argv, NULL);
      g_test_skip ("no display (run under xvfb-run)");
      return g_test_run ();
    }
  /* the recent files (GtkRecentManager) of a scratch user data directory */
  recent_dir = g_dir_make_tmp ("pagewalk-test-data-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", recent_dir, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  {
    /* the fastest animation speed: waits stay short, walks still unfold */
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);
    g_settings_set_double (settings, "animation-speed", 4.0);
  }

  g_test_add_func ("/app/window/steps", test_steps);
  g_test_add_func ("/app/window/step-zero", test_step_zero);
  g_test_add_func ("/app/window/before-step", test_before_step);
  g_test_add_func ("/app/window/lifecycle-step", test_lifecycle_step);
  g_test_add_func ("/app/window/reduced-motion", test_reduced_motion);
  g_test_add_func ("/app/window/translate", test_translate);
  g_test_add_func ("/app/window/translate-default-pid", test_translate_default_pid);
  g_test_add_func ("/app/window/views", test_views);
  g_test_add_func ("/app/window/export", test_export);
  g_test_add_func ("/app/window/bad-file", test_bad_file);
  g_test_add_func ("/app/window/trace", test_trace);
  g_test_add_func ("/app/window/cancel", test_cancel);
  g_test_add_func ("/app/window/cancel-fifo", test_cancel_fifo);
  g_test_add_func ("/app/window/cancel-long-step", test_cancel_long_step);
  g_test_add_func ("/app/window/pickers-access", test_pickers_access);
  g_test_add_func ("/app/window/pickers-mode", test_pickers_mode);
  g_test_add_func ("/app/window/pickers-kept", test_pickers_kept);
  g_test_add_func ("/app/window/pickers-shortcuts", test_pickers_shortcuts);
  g_test_add_func ("/app/window/zoom", test_zoom);
  g_test_add_func ("/app/window/min-width", test_min_width);
  g_test_add_func ("/app/window/presentation", test_presentation);
  g_test_add_func ("/app/window/high-contrast", test_high_contrast);
  g_test_add_func ("/app/window/course-export", test_course_export);
  g_test_add_func ("/app/window/course-cancel", test_course_cancel);
  g_test_add_func ("/app/window/quiz", test_quiz);
  g_test_add_func ("/app/window/quiz-kinds", test_quiz_kinds);
  g_test_add_func ("/app/prefs/decimal-base", test_prefs_decimal_base);
  g_test_add_func ("/app/prefs/style", test_prefs_style);
  g_test_add_func ("/app/prefs/last-scenario", test_prefs_last_scenario);
  g_test_add_func ("/app/prefs/window", test_prefs_window);
  g_test_add_data_func ("/app/inspector/pte-bits/x86-64", "x86-64", test_inspector_pte_bits);
  g_test_add_data_func ("/app/inspector/pte-bits/riscv-sv39", "riscv-sv39", test_inspector_pte_bits);
  g_test_add_func ("/app/inspector/shared-frame", test_inspector_shared_frame);
  g_test_add_func ("/app/inspector/keyboard", test_inspector_keyboard);
  g_test_add_func ("/app/inspector/toggle", test_inspector_toggle);
  g_test_add_func ("/app/compare/completes", compare_panel_completes);
  g_test_add_func ("/app/compare/cancel", compare_panel_cancel);
  g_test_add_func ("/app/lab/keeps-previous", lab_keeps_previous);
  g_test_add_func ("/app/window/text-scale", test_text_scale);
  g_test_add_func ("/app/window/overview-fold", test_overview_fold);
  g_test_add_func ("/app/window/narration-whole", test_narration_whole);
  g_test_add_func ("/app/window/semantic-zoom", test_semantic_zoom);
  g_test_add_func ("/app/timeline/scrub-state", test_timeline_scrub_state);
  g_test_add_func ("/app/timeline/event-list", test_timeline_event_list);
  g_test_add_func ("/app/timeline/find", test_timeline_find);
  g_test_add_func ("/app/timeline/filter", test_timeline_filter);
  g_test_add_func ("/app/timeline/long-trace", test_timeline_long_trace);
  g_test_add_func ("/app/timeline/shortcuts", test_timeline_shortcuts);
  g_test_add_func ("/app/citizen/drop-and-recent", test_citizen_drop_and_recent);
  g_test_add_func ("/app/citizen/close", test_citizen_close);
  g_test_add_func ("/app/citizen/about", test_citizen_about);
  g_test_add_func ("/app/citizen/icons", test_citizen_icons);
  g_test_add_func ("/app/citizen/window-state", test_citizen_window_state);
  g_test_add_func ("/app/citizen/accels", test_citizen_accels);
  g_test_add_func ("/app/runcfg/belady", runcfg_belady);
  g_test_add_func ("/app/runcfg/policy", runcfg_policy);
  g_test_add_func ("/app/runcfg/tlb", runcfg_tlb);
  g_test_add_func ("/app/runcfg/keyboard", runcfg_keyboard);
  g_test_add_func ("/app/runcfg/trace", runcfg_trace);
  g_test_add_func ("/app/runcfg/quiz", runcfg_quiz);
  g_test_add_func ("/app/runcfg/exports", runcfg_exports);
  /* last: it changes the locale of the process */
  g_test_add_func ("/app/i18n/german", test_i18n_german);
  status = g_test_run ();
  {
    g_autofree char *xbel = g_build_filename (recent_dir, "recently-used.xbel", NULL);

    g_unlink (xbel);
    g_rmdir (recent_dir);
  }
  return status;
}

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
#include <glib/gstdio.h>

#include "pw-canvas.h"
#include "pw-machine.h"
#include "pw-window.h"

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

int
main (int    argc,
      char **argv)
{
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);
  /* no accessibility bus under a bare xvfb-run */
  g_setenv ("GTK_A11Y", "none", FALSE);
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      /* meson test outside a display: .ci/test runs this suite under Xvfb */
      g_test_init (&argc, &argv, NULL);
      g_test_skip ("no display (run under xvfb-run)");
      return g_test_run ();
    }
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
  return g_test_run ();
}

/* pw-window-quiz.c: quiz mode (quiz.enabled, F8)
 *
 * With quiz mode on, Step Forward to an access does not show it at once: a
 * bar above the action bar asks the question the step answers (the page
 * the kernel evicts when memory is full, else whether the TLB hits when
 * there is one, else the physical address the access reaches, or "fault")
 * and the student types the answer.  Check (Enter) says whether it is right,
 * with the answer, and then shows the step; Show Me shows it without an
 * answer.  The answer is the engine's: the step is run on a copy of the
 * machine shown, through the document's run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pagewalk"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pw-number.h"
#include "pw-present.h"
#include "pw-window-private.h"

typedef enum
{
  ASK_ADDRESS,   /* the physical address, or "fault" */
  ASK_TLB,       /* hit or miss */
  ASK_VICTIM,    /* the page evicted */
} Ask;

typedef struct
{
  gboolean     enabled;
  GtkWidget   *revealer;
  GtkLabel    *question;
  GtkEntry    *entry;
  GtkLabel    *feedback;
  guint        target;     /* the position the question is about, 0 when none */
  Ask          ask;
  gboolean     ok;         /* ASK_ADDRESS: the access completes ... */
  guint64      pa;         /* ... here */
  gboolean     hit;        /* ASK_TLB */
  guint64      victim;     /* ASK_VICTIM */
  guint        va_bits, pa_bits;
} Quiz;

static Quiz *
quiz_of (PwWindow *self)
{
  return g_object_get_data (G_OBJECT (self), "pw-quiz");
}

static char *
expected_text (const Quiz *q)
{
  switch (q->ask)
    {
    case ASK_VICTIM:
      return pw_hex (q->victim);
    case ASK_TLB:
      return g_strdup (q->hit ? _("hit") : _("miss"));
    case ASK_ADDRESS:
    default:
      return q->ok ? pw_format_address (q->pa, q->pa_bits) : g_strdup (_("fault"));
    }
}

static gboolean
answer_right (const Quiz *q,
              const char *typed)
{
  g_autofree char *t = g_strstrip (g_utf8_casefold (typed, -1));
  guint64 v;

  switch (q->ask)
    {
    case ASK_TLB:
      {
        g_autofree char *hit = g_utf8_casefold (_("hit"), -1), *miss = g_utf8_casefold (_("miss"), -1);
        gboolean said_hit = g_str_equal (t, "hit") || g_str_equal (t, hit);
        gboolean said_miss = g_str_equal (t, "miss") || g_str_equal (t, miss);
        return q->hit ? said_hit : said_miss;
      }
    case ASK_VICTIM:
      return pw_number_parse (t, &v, NULL) && v == q->victim;
    case ASK_ADDRESS:
    default:
      {
        g_autofree char *fault = g_utf8_casefold (_("fault"), -1);
        g_autofree char *plain = NULL;
        GString *s = g_string_new (NULL);

        /* "0x0109_150" as the diagrams group it is fine too */
        for (const char *p = t; *p; p++)
          if (*p != '_')
            g_string_append_c (s, *p);
        plain = g_string_free (s, FALSE);
        if (!q->ok)
          return g_str_equal (plain, "fault") || g_str_equal (plain, fault);
        return pw_number_parse (plain, &v, NULL) && v == q->pa;
      }
    }
}

static void
hide (Quiz *q)
{
  q->target = 0;
  gtk_revealer_set_reveal_child (GTK_REVEALER (q->revealer), FALSE);
}

/* Shows the step asked about (and the feedback, if any, stays). */
static void
reveal (PwWindow *self,
        Quiz     *q)
{
  guint n = q->target;

  q->target = 0;
  gtk_widget_set_visible (GTK_WIDGET (q->entry), FALSE);
  pw_window_go_to (self, n, TRUE);
}

static void
check_cb (GtkWidget *widget,
          PwWindow  *self)
{
  Quiz *q = quiz_of (self);
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (q->entry));
  g_autofree char *expected = expected_text (q);
  g_autofree char *msg = NULL;

  if (q->target == 0 || *typed == '\0')
    return;
  if (answer_right (q, typed))
    {
      /* Translators: quiz feedback, then the answer */
      msg = g_strdup_printf (_("Right: %s."), expected);
      gtk_widget_remove_css_class (GTK_WIDGET (q->feedback), "error");
      gtk_widget_add_css_class (GTK_WIDGET (q->feedback), "success");
    }
  else
    {
      g_autofree char *shown = pw_quote (typed, -1);
      /* Translators: quiz feedback: the right answer, then what the student
       * typed (quoted) */
      msg = g_strdup_printf (_("Not quite: the answer is %s (you wrote %s)."), expected, shown);
      gtk_widget_remove_css_class (GTK_WIDGET (q->feedback), "success");
      gtk_widget_add_css_class (GTK_WIDGET (q->feedback), "error");
    }
  gtk_label_set_text (q->feedback, msg);
  reveal (self, q);
}

static void
show_me_cb (GtkWidget *widget,
            PwWindow  *self)
{
  Quiz *q = quiz_of (self);
  g_autofree char *expected = expected_text (q);
  g_autofree char *msg = NULL;

  if (q->target == 0)
    return;
  /* Translators: quiz feedback when the student asks for the answer */
  msg = g_strdup_printf (_("The answer is %s."), expected);
  gtk_widget_remove_css_class (GTK_WIDGET (q->feedback), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (q->feedback), "error");
  gtk_label_set_text (q->feedback, msg);
  reveal (self, q);
}

gboolean
pw_window_quiz_ask (PwWindow *self,
                    guint     n)
{
  Quiz *q = quiz_of (self);
  PwRun *run;
  PwMachine *m;
  PwShownEvent shown = { 0 };
  const PwEvent *ev;
  PwStep step;
  g_autofree char *what = NULL, *question = NULL;
  const PwArch *a;

  if (q == NULL || !q->enabled || self->doc == NULL || n == 0
      || n > pw_history_n_steps (self->doc->history)
      || (run = pw_history_get_run (self->doc->history)) == NULL
      || pw_window_machine (self) == NULL)
    return FALSE;
  if (q->target == n)
    return TRUE;   /* asked already: waiting for the answer */

  /* the step run on a copy of the machine shown (the state after n - 1) */
  m = pw_machine_copy (pw_history_seek (self->doc->history, n - 1, NULL, NULL));
  pw_run_advance (run, m, n - 1, pw_shown_event_keep, &shown);
  ev = pw_shown_event_get (&shown);
  a = pw_machine_arch (m);
  if (ev == NULL || !pw_event_is_access (ev))
    {
      pw_shown_event_reset (&shown);
      pw_machine_free (m);
      hide (q);
      return FALSE;
    }
  q->target = n;
  q->va_bits = a->va_bits;
  q->pa_bits = a->pa_bits;
  if (ev->evicted.happened)
    {
      q->ask = ASK_VICTIM;
      q->victim = ev->evicted.vpn;
    }
  else if (ev->tlb != PW_TLB_OFF)
    {
      q->ask = ASK_TLB;
      q->hit = ev->tlb == PW_TLB_HIT;
    }
  else
    {
      q->ask = ASK_ADDRESS;
      q->ok = ev->ok;
      q->pa = ev->pa;
    }
  pw_run_position_step (run, n - 1, &step);
  what = pw_step_describe (a, &step);
  switch (q->ask)
    {
    case ASK_VICTIM:
      /* Translators: a quiz question; %s is the step ("process 1 reads
       * 0x0003010") */
      question = g_strdup_printf (_("Step %s: %s. Memory is full: which page does the kernel evict?"),
                                  PW_DEC (n), what);
      break;
    case ASK_TLB:
      /* Translators: a quiz question; %s is the step */
      question = g_strdup_printf (_("Step %s: %s. Does the TLB hit or miss?"), PW_DEC (n), what);
      break;
    case ASK_ADDRESS:
    default:
      /* Translators: a quiz question; %s is the step */
      question = g_strdup_printf (_("Step %s: %s. Which physical address does it reach (or “fault”)?"),
                                  PW_DEC (n), what);
      break;
    }
  gtk_label_set_text (q->question, question);
  gtk_label_set_text (q->feedback, "");
  gtk_editable_set_text (GTK_EDITABLE (q->entry), "");
  gtk_widget_set_visible (GTK_WIDGET (q->entry), TRUE);
  gtk_revealer_set_reveal_child (GTK_REVEALER (q->revealer), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (q->entry));
  pw_shown_event_reset (&shown);
  pw_machine_free (m);
  return TRUE;
}

/* A step reached another way (back, a jump): no question is pending. */
void
pw_window_quiz_moved (PwWindow *self)
{
  Quiz *q = quiz_of (self);

  if (q != NULL && q->target != 0)
    hide (q);
}

gboolean
pw_window_quiz_get_enabled (PwWindow *self)
{
  Quiz *q = quiz_of (self);
  return q != NULL && q->enabled;
}

const char *
pw_window_quiz_get_question (PwWindow *self)
{
  Quiz *q = quiz_of (self);
  return q != NULL && q->target != 0 ? gtk_label_get_text (q->question) : NULL;
}

const char *
pw_window_quiz_get_feedback (PwWindow *self)
{
  Quiz *q = quiz_of (self);
  return q != NULL ? gtk_label_get_text (q->feedback) : NULL;
}

void
pw_window_quiz_answer (PwWindow   *self,
                       const char *text)
{
  Quiz *q = quiz_of (self);

  g_return_if_fail (q != NULL);
  gtk_editable_set_text (GTK_EDITABLE (q->entry), text);
  check_cb (NULL, self);
}

static void
enabled_changed (GSimpleAction *action,
                 GVariant      *value,
                 PwWindow      *self)
{
  Quiz *q = quiz_of (self);

  q->enabled = g_variant_get_boolean (value);
  g_simple_action_set_state (action, value);
  if (!q->enabled)
    {
      hide (q);
      gtk_label_set_text (q->feedback, "");
    }
  else
    {
      gtk_label_set_text (q->question, _("Quiz mode: step forward, and answer before the step is shown."));
      gtk_widget_set_visible (GTK_WIDGET (q->entry), FALSE);
      gtk_revealer_set_reveal_child (GTK_REVEALER (q->revealer), TRUE);
    }
}

void
pw_window_quiz_init (PwWindow *self)
{
  Quiz *q = g_new0 (Quiz, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *check = gtk_button_new_with_mnemonic (_("_Check"));
  GtkWidget *show = gtk_button_new_with_mnemonic (_("Show _Me"));
  GtkWidget *parent = gtk_widget_get_parent (self->action_bar);
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) enabled = g_simple_action_new_stateful ("enabled", NULL,
                                                                   g_variant_new_boolean (FALSE));
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  g_object_set_data_full (G_OBJECT (self), "pw-quiz", q, g_free);
  q->revealer = gtk_revealer_new ();
  q->question = GTK_LABEL (gtk_label_new (NULL));
  q->feedback = GTK_LABEL (gtk_label_new (NULL));
  q->entry = GTK_ENTRY (gtk_entry_new ());
  gtk_label_set_wrap (q->question, TRUE);
  gtk_label_set_xalign (q->question, 0);
  gtk_label_set_wrap (q->feedback, TRUE);
  gtk_label_set_xalign (q->feedback, 0);
  gtk_widget_add_css_class (GTK_WIDGET (q->question), "heading");
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (q->question));
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (q->feedback));
  gtk_entry_set_placeholder_text (q->entry, _("Your answer"));
  gtk_editable_set_width_chars (GTK_EDITABLE (q->entry), 18);
  gtk_widget_set_valign (GTK_WIDGET (q->entry), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (q->entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Your answer to the quiz question"), -1);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (show, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (check, "suggested-action");
  gtk_widget_set_tooltip_text (check, _("Check the answer, then show the step (Enter)"));
  gtk_widget_set_tooltip_text (show, _("Show the step and its answer"));
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (q->entry));
  gtk_box_append (GTK_BOX (box), check);
  gtk_box_append (GTK_BOX (box), show);
  gtk_revealer_set_child (GTK_REVEALER (q->revealer), box);
  gtk_widget_insert_before (q->revealer, parent, self->action_bar);
  g_signal_connect (q->entry, "activate", G_CALLBACK (check_cb), self);
  g_signal_connect (check, "clicked", G_CALLBACK (check_cb), self);
  g_signal_connect (show, "clicked", G_CALLBACK (show_me_cb), self);

  g_signal_connect (enabled, "change-state", G_CALLBACK (enabled_changed), self);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (enabled));
  gtk_widget_insert_action_group (GTK_WIDGET (self), "quiz", G_ACTION_GROUP (group));
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_MANAGED);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("F8"),
                                                          gtk_named_action_new ("quiz.enabled")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
}

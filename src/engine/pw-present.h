/* pw-present.h: what every layer shows the same way
 *
 * The rules the renderer, the app, the CLI and the tests share about what
 * to show: which process is meant when none is named, which event of a step
 * is drawn, how an address is written in a diagram.  Each rule lives here
 * once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "pw-machine.h"
#include "pw-number.h"
#include "pw-scenario.h"

G_BEGIN_DECLS

/* ---- the process meant when none is named ------------------------------- */

/* The current process when it exists, else the lowest pid alive, else 0. */
guint         pw_machine_default_pid     (const PwMachine  *m);
/* The lowest pid the scenario creates at set-up (the machine's first current
 * process), or 0 when it creates none. */
guint         pw_scenario_default_pid    (const PwScenario *sc);

/* ---- the event a step shows ----------------------------------------------- */

/* TRUE for the event of a step that failed without making an access (a
 * refused spawn or fork, a switch to a missing process...). */
gboolean      pw_event_is_failed_step    (const PwEvent    *ev);
/* An event of an access that can be drawn: ACCESS or TOUCH, not a failed step. */
gboolean      pw_event_is_access         (const PwEvent    *ev);

/* What a step shows: its last access (a `touch` makes one per page), or,
 * when it made none, the last notice of its failure. */
typedef struct
{
  PwEvent   ev;     /* valid when have; owns ev.message */
  gboolean  have;
} PwShownEvent;

/* Forgets what was kept (call before each step whose event is wanted). */
void          pw_shown_event_reset       (PwShownEvent     *shown);
/* A PwEventFunc: pass a PwShownEvent as user_data to pw_machine_step(). */
void          pw_shown_event_keep        (const PwEvent    *ev,
                                          gpointer          user_data);
/* The event kept, or NULL. */
const PwEvent *pw_shown_event_get        (const PwShownEvent *shown);

/* ---- what the kernel would do with a page the walk did not find ---------- */

/* What the kernel does when an access to a page faults, as `pagewalk-cli
 * translate` and the renderer both tell it. */
typedef enum
{
  PW_OUTLOOK_NONE,        /* not a paged machine: no pages to speak of */
  PW_OUTLOOK_RESIDENT,    /* the page is in a frame */
  PW_OUTLOOK_DISK,        /* on disk: a major fault reads it back */
  PW_OUTLOOK_COMMITTED,   /* committed, never touched: a zero-filled frame */
  PW_OUTLOOK_RESERVED,    /* reserved, not committed: a segmentation fault */
  PW_OUTLOOK_FREE,        /* no region: a segmentation fault */
  PW_OUTLOOK_FORBIDDEN,   /* the region does not allow the access: a
                           * protection fault, wherever the page is */
} PwPageOutlook;

/* What the kernel knows of @va in @p: "resident", "disk", "committed" (not
 * yet touched), "reserved" or "free"; NULL for a machine without pages.
 * @slot is set for "disk". */
const char   *pw_page_state              (const PwMachine  *m,
                                          const PwProcess  *p,
                                          guint64           va,
                                          guint64          *slot);
/* The state of @va as above, and whether its region allows @access in
 * @mode (a region the kernel keeps for itself allows a user nothing): a
 * page the region forbids is FORBIDDEN whether it is on disk or not, as the
 * kernel's fault handler decides.  @slot is set for DISK. */
PwPageOutlook pw_page_outlook            (const PwMachine  *m,
                                          const PwProcess  *p,
                                          guint64           va,
                                          PwAccess          access,
                                          PwMode            mode,
                                          guint64          *slot);
/* "Kernel: the page is on disk (swap slot 7): an access is a major fault
 * that reads it back." — one translated sentence; NULL for NONE and
 * RESIDENT. */
char         *pw_page_outlook_sentence   (PwPageOutlook     outlook,
                                          guint64           slot);
/* The same, short, for a diagram: "on disk, slot 7: a major fault reads it
 * back", "no region: the process gets a segmentation fault"...; NULL for
 * NONE and RESIDENT. */
char         *pw_page_outlook_short      (PwPageOutlook     outlook,
                                          guint64           slot);

/* ---- addresses in diagrams -------------------------------------------------- */

/* "0x0002150", "0x0000_0020_0abc": zero-padded to the hex digits @bits need
 * (no padding for @bits 0), grouped by four from the right when longer than
 * eight digits.  The form the diagrams and the app's address field use;
 * ungrouped output uses pw_hex_width() (pw-number.h).  The base it writes
 * in is the calling thread's (pw_number_set_base(), pw-number.h): hex unless
 * set, decimal as in OSTEP's examples ("8528", unpadded, ungrouped). */
char         *pw_format_address          (guint64           value,
                                          guint             bits);

/* ---- descriptions in the app ------------------------------------------------- */

/* A scenario's description as the app shows it: without its suggestions
 * for the command line, the sentences from "Try:" on (they name
 * `pagewalk-cli` commands and options, which the app has no place for).
 * A new string; "" for NULL. */
char         *pw_description_for_app     (const char       *description);

/* ---- numbers in messages ------------------------------------------------------ */

/* The decimal digits of @value in @buf (at least PW_DEC_SIZE bytes); returns
 * @buf.  A translatable string takes such a number as "%s": a GLib format
 * macro inside a translatable string would not reach the translators. */
#define PW_DEC_SIZE 21
const char   *pw_dec_buf                 (guint64           value,
                                          char             *buf);
/* The same in a buffer that lives until the end of the enclosing block. */
#define PW_DEC(value) pw_dec_buf ((value), (char[PW_DEC_SIZE]) { 0 })

/* ---- steps in words ------------------------------------------------------ */

/* What script step @s does, in a teacher's words, translated: "process 1
 * writes 0x0002150", "process 1 forks process 2"...; the app's action bar,
 * the handouts and the animations say a step this way.  NULL for a kind
 * with no words. */
char         *pw_step_describe           (const PwArch     *arch,
                                          const PwStep     *s);

G_END_DECLS

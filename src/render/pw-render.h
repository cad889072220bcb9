/* pw-render.h: the diagrams, drawn with cairo and pango (no GTK)
 *
 * One drawing code serves the app's canvas, `pagewalk-cli export` (PNG, SVG,
 * PDF) and the tests.  Every function here is a pure function of the machine,
 * the options and the size: no state is kept between calls.
 *
 * Units are logical pixels.  A caller that draws at a higher resolution
 * scales the cairo context (cairo_scale) and says so in `scale`, which the
 * renderer uses only to keep hairlines crisp.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <cairo.h>

#include "pw-compare.h"
#include "pw-machine.h"
#include "pw-present.h"   /* pw_event_is_failed_step(), the default pid */

G_BEGIN_DECLS

typedef enum
{
  PW_VIEW_OVERVIEW,
  PW_VIEW_ADDRESS,
  PW_VIEW_VASPACE,
  PW_VIEW_PAGETABLE,
  PW_VIEW_PHYSICAL,
  PW_VIEW_DISK,
  PW_VIEW_TLB,
  PW_VIEW_WALK,
  PW_VIEW_LAB,      /* the replacement policy's own state (pw-render-lab.c) */
  PW_VIEW_COMPARE,  /* policies side by side (pw-render-compare.c) */
  PW_N_VIEWS
} PwView;

typedef enum
{
  PW_THEME_LIGHT,
  PW_THEME_DARK,
  PW_THEME_PRINT,
  PW_THEME_HIGH_CONTRAST,
  PW_N_THEMES
} PwTheme;

/* ---- hit testing --------------------------------------------------------- */

typedef enum
{
  PW_HIT_NONE,
  PW_HIT_FIELD,      /* a field of the address: index = field number */
  PW_HIT_REGION,     /* a region (or a group of regions) of a process */
  PW_HIT_GAP,        /* free space between regions: start, size */
  PW_HIT_PAGE,       /* a virtual page (or a run: count pages from vpn) */
  PW_HIT_TABLE,      /* a page-table page: frame, level */
  PW_HIT_ENTRY,      /* an entry of a table: frame (of the table), level, index */
  PW_HIT_FRAME,      /* physical frames: frame, count */
  PW_HIT_SLOT,       /* swap slots: slot, count */
  PW_HIT_TLB_ENTRY,  /* index = entry number (set * ways + way) */
  PW_HIT_BYTE,       /* a byte of a frame's known contents, zoomed in: frame, index =
                        offset in the page, entry = its value; pid and vpn of the page
                        that maps it (0 when drawn for the frame alone) */
} PwHitKind;

typedef struct
{
  PwHitKind kind;
  guint     pid;       /* owner, 0 if none */
  guint64   vpn;       /* PAGE: first page; SLOT, FRAME: the page held (count 1) */
  guint64   frame;     /* FRAME: first frame; TABLE, ENTRY: the table's first frame */
  guint64   count;     /* frames, slots or pages the hit stands for (at least 1) */
  guint     level;     /* TABLE, ENTRY */
  guint64   index;     /* ENTRY: entry index; FIELD: field number; TLB_ENTRY */
  guint64   slot;      /* SLOT: first slot */
  guint64   start;     /* REGION, GAP: address range */
  guint64   size;
  guint64   entry;     /* ENTRY: raw value */
  double    x, y, width, height;  /* where it is drawn */
} PwHit;

/* A time that is past the end of every animation: the final state. */
#define PW_RENDER_T_FINAL 1.0e9

typedef struct _PwLayoutReport PwLayoutReport;

typedef struct
{
  PwView          view;
  PwTheme         theme;
  double          scale;          /* device pixels per logical pixel (1 = plain) */
  guint           pid;            /* process to show (pagetable, walk); 0 = the walk's,
                                     else pw_machine_default_pid() */
  gboolean        has_walk;
  PwWalk          walk;           /* the translation to draw */
  guint           walk_pid;       /* the process the walk belongs to */
  const PwEvent  *event;          /* optional: TLB result, fault handling, retry; an
                                     event of a step that failed without an access (a
                                     refused spawn or fork, a switch to a missing
                                     process: pw_event_is_failed_step()) is drawn as a
                                     notice in the walk, physical and overview views */
  double          t;              /* animation time in seconds; PW_RENDER_T_FINAL = end */
  gboolean        reduced_motion; /* phases switch, nothing travels */
  PwMachine      *before;         /* optional: the machine before the event's step.
                                     While the step's access unfolds, the panes
                                     around the walk (address spaces, page tables,
                                     physical memory, disk, TLB, statistics) are
                                     drawn from it until the kernel acts (or, with
                                     no fault, until the result); at the final
                                     state, with reduced motion or without an
                                     access event, from the machine drawn */
  PwLayoutReport *layout_report;  /* optional: pw_render_draw() records the labels
                                     shortened, dropped, cut off or overlapping there */
  PwNumberBase    base;           /* addresses and numbers in hex (the default) or
                                     decimal: pw_format_address() draws in it */
  gboolean        hide_bits;      /* the address bars without their row of binary
                                     digits */
  gboolean        has_selection;  /* outline what `selection` names wherever it is
                                     drawn (pw_render_hit_selected()) */
  PwHit           selection;      /* kind and the fields that name the object: a
                                     page (pid, vpn), a frame, a table or entry
                                     (frame, level, index), a slot, a TLB entry,
                                     a region (pid, start), a field (index) */
  PwMachine      *previous;       /* optional: the machine before the step drawn, for
                                     the lab's marks (bits set, bits cleared, the page
                                     loaded, the hand's path); unlike before it is
                                     kept after the step unfolds and never changes
                                     which machine the other views draw */
  const PwCompare *compare;       /* the compare view's figures (pw_compare_run(),
                                     computed by the caller: the app in a worker);
                                     NULL: the view says they are not computed */
  double          text_scale;     /* the desktop's text size against the reference
                                     (1 = a unit is a CSS pixel, PW_RENDER_REFERENCE_DPI;
                                     1.5 for Large Text): the view is laid out at the
                                     width divided by it and drawn that much larger,
                                     so its text grows and nothing collides */
  double          zoom;           /* what the detail levels of semantic zoom look at,
                                     in pixels per unit without the screen's own
                                     scale factor (the app's zoom: a HiDPI screen at
                                     100 % shows what any screen shows); 0: scale */
  const char     *font_family;    /* the family of the labels (the desktop's
                                     gtk-font-name); NULL: DejaVu Sans.  Numbers and
                                     addresses stay in DejaVu Sans Mono */
} PwRenderOptions;

/* The resolution at which text_scale is 1: a renderer unit is then a CSS
 * pixel (1/96 inch), as in GTK.  The app gives gtk-xft-dpi over it. */
#define PW_RENDER_REFERENCE_DPI 96.0

/* Defaults: overview, light, scale 1, text scale 1, DejaVu, no walk, final
 * state. */
void          pw_render_options_init     (PwRenderOptions       *o);

/* The translation drawn when the user chose none (what `pagewalk-cli export`
 * draws without --translate and --at): the first access step of the script
 * whose process exists on @m, the machine after set-up (pid 0 is the current
 * process), walked by the hardware on that state (sets has_walk, walk and
 * walk_pid).  When every access step's process is created later, runs the
 * steps on @m up to the first one that makes an access and keeps that access
 * in @ev (sets event = @ev; free it with pw_event_clear()): @m is then the
 * machine after that step.  FALSE, and nothing set, when no access can be
 * shown. */
gboolean      pw_render_options_first_access (PwRenderOptions   *o,
                                              PwMachine         *m,
                                              PwEvent           *ev);

const char   *pw_view_name               (PwView                 view);
gboolean      pw_view_from_string        (const char            *s,
                                          PwView                *out);
const char   *pw_theme_name              (PwTheme                theme);
gboolean      pw_theme_from_string       (const char            *s,
                                          PwTheme               *out);

/* Contrast (WCAG 2 relative luminance): every text colour of a theme
 * against every background it is drawn on.  Pair @i (0 ..
 * pw_theme_n_pairs() - 1) of @theme: its contrast ratio (1 to 21), what it
 * is in *@what (untranslated, for tests), and in *@large whether only large
 * bold text is drawn in it (WCAG asks 3:1 there, 4.5:1 otherwise). */
#define PW_CONTRAST_MIN       4.5
#define PW_CONTRAST_MIN_LARGE 3.0
guint         pw_theme_n_pairs           (void);
double        pw_theme_pair_contrast     (PwTheme                theme,
                                          guint                  i,
                                          const char           **what,
                                          gboolean              *large);
/* The contrast ratio of two sRGB colours (components 0..1). */
double        pw_contrast_ratio          (double r1, double g1, double b1,
                                          double r2, double g2, double b2);

typedef struct _PwHitMap PwHitMap;

PwHitMap     *pw_hit_map_new             (void);
void          pw_hit_map_free            (PwHitMap              *map);
void          pw_hit_map_clear           (PwHitMap              *map);
/* The topmost object at (x, y), or NULL.  The pointer is valid until the map
 * is cleared or drawn into again. */
const PwHit  *pw_hit_map_lookup          (const PwHitMap        *map,
                                          double                 x,
                                          double                 y);
guint         pw_hit_map_size            (const PwHitMap        *map);
const PwHit  *pw_hit_map_get             (const PwHitMap        *map,
                                          guint                  i);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwHitMap, pw_hit_map_free)

/* The selection (PwRenderOptions.selection), when set, is outlined in the
 * highlight colour on every hit that stands for it: the same page, frame,
 * slot, table, entry, TLB entry, region or field in every view; a page's
 * frame and swap slot; and for a data frame, the pages of every process
 * that maps it (pw_machine_frame_mappers()), so a shared frame lights up in
 * each address space.  TRUE when @hit, drawn on @m (the machine shown,
 * pw_render_shown_machine()), is lit so. */
gboolean      pw_render_hit_selected     (PwMachine             *m,
                                          const PwRenderOptions *o,
                                          const PwHit           *hit);

/* ---- drawing ------------------------------------------------------------- */

/* The natural height of @o->view at @width. */
/* The width below which @view is drawn at that width and scaled down (0:
 * the view adapts to any width); a zoomed canvas lays views out no
 * narrower. */
double        pw_render_min_width        (PwView                 view);
void          pw_render_measure          (PwMachine             *m,
                                          const PwRenderOptions *o,
                                          double                 width,
                                          double                *height);

/* Draws @o->view into (0, 0, @width, @height) of @cr, the background
 * included.  Fills @hits (cleared first) with what is where, when given. */
void          pw_render_draw             (cairo_t               *cr,
                                          PwMachine             *m,
                                          const PwRenderOptions *o,
                                          double                 width,
                                          double                 height,
                                          PwHitMap              *hits);

/* ---- layout self-check ------------------------------------------------- */

typedef enum
{
  PW_LAYOUT_SHORTENED,   /* ellipsized to fit */
  PW_LAYOUT_DROPPED,     /* not drawn for lack of room */
  PW_LAYOUT_CLIPPED,     /* drawn, but partly outside the drawing or its clip */
  PW_LAYOUT_OVERLAP,     /* its box overlaps the box of another label */
  PW_LAYOUT_CROWDED,     /* on the same line as another label, closer than
                            PW_LAYOUT_MIN_GAP: the two read as one ("3938") */
} PwLayoutKind;

/* The least room between two labels side by side on one line, in logical
 * pixels (about a space of the small fonts). */
#define PW_LAYOUT_MIN_GAP 4.0

typedef struct
{
  PwLayoutKind kind;
  gboolean     has_number;   /* the text carries digits (decimal or hex) */
  char        *text;         /* the whole text, as the view asked for it */
  char        *other;        /* OVERLAP: the label drawn before it; else NULL */
  double       x, y, width, height;  /* the box drawn, in the logical pixels of the
                                        drawing (DROPPED: the room it had) */
} PwLayoutProblem;

/* The report of the labels drawn by pw_render_draw() with
 * PwRenderOptions.layout_report set.  Problems add up over several drawings
 * (clear it between them); overlaps are looked for within one drawing. */
PwLayoutReport *pw_layout_report_new     (void);
void          pw_layout_report_free      (PwLayoutReport        *r);
void          pw_layout_report_clear     (PwLayoutReport        *r);
guint         pw_layout_report_size      (const PwLayoutReport  *r);
const PwLayoutProblem *pw_layout_report_get (const PwLayoutReport *r,
                                          guint                  i);
/* TRUE when a problem is serious: a label carrying a number was shortened
 * or cut off, two labels overlap, or two labels with numbers are crowded.  A dropped label is not (a view leaves
 * out what it has no room for), nor a shortened label without a number. */
gboolean      pw_layout_problem_is_serious (const PwLayoutProblem *p);
guint         pw_layout_report_n_serious (const PwLayoutReport  *r);
/* "shortened", "dropped", "clipped", "overlap", "crowded" */
const char   *pw_layout_kind_name        (PwLayoutKind           kind);
/* TRUE when @text holds a digit. */
gboolean      pw_text_has_number         (const char            *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwLayoutReport, pw_layout_report_free)

/* ---- animation ----------------------------------------------------------- */

/* Seconds the translation takes to unfold (phases of about 0.3 s). */
double        pw_render_walk_duration    (const PwWalk          *walk,
                                          const PwEvent         *ev);
/* Seconds what @o shows on @m takes to unfold: the translation's
 * (pw_render_walk_duration()), or, with no walk nor event, the drawing of
 * the machine's last step when it made no access (a switch, fork, spawn,
 * exit or range step: pw_machine_last_step()); 0 for nothing to animate. */
double        pw_render_step_duration    (PwMachine             *m,
                                          const PwRenderOptions *o);
/* The machine the panes around the walk show at @o->t: @o->before while the
 * event's access unfolds, until the kernel acts (the eviction, the disk
 * read, the new frame or the result; the end of the animation when none
 * comes); else @m.  The app's counters follow it. */
PwMachine    *pw_render_shown_machine    (PwMachine             *m,
                                          const PwRenderOptions *o);
/* The one-line narration of the phase at @t, translated, naming the numbers.
 * NULL when there is no walk. */
char         *pw_render_narration        (PwMachine             *m,
                                          const PwRenderOptions *o,
                                          double                 t);

G_END_DECLS

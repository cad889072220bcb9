/* pw-render-private.h: what the view files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <pango/pangocairo.h>

#include "pw-format.h"
#include "pw-number.h"
#include "pw-render.h"

G_BEGIN_DECLS

typedef struct
{
  double r, g, b;
} PwRgb;

#define PW_N_PROC_COLOURS 7

typedef struct
{
  PwRgb    bg, fg, muted, line, panel, grid;
  PwRgb    field[PW_MAX_LEVELS];
  PwRgb    offset;
  PwRgb    proc[PW_N_PROC_COLOURS];       /* fills */
  PwRgb    proc_text[PW_N_PROC_COLOURS];  /* a process's colour as text on bg and panel */
  PwRgb    proc_ink[PW_N_PROC_COLOURS];   /* text on a process's solid fill */
  PwRgb    table;       /* page-table pages: dark neutral */
  PwRgb    kernel;      /* kernel-only band */
  PwRgb    warn;        /* faults */
  PwRgb    hit, miss;   /* TLB */
  PwRgb    disk;
  PwRgb    highlight;
  gboolean dark;
  gboolean print;
} PwPalette;

typedef enum
{
  PW_FONT_BODY,
  PW_FONT_BOLD,
  PW_FONT_SMALL,
  PW_FONT_TITLE,
  PW_FONT_MONO,
  PW_FONT_MONO_BOLD,
  PW_FONT_MONO_SMALL,
  PW_FONT_MONO_SMALL_BOLD,
  PW_FONT_MONO_BIG,
  PW_N_FONTS
} PwFont;

typedef enum
{
  PW_ALIGN_LEFT,
  PW_ALIGN_CENTER,
  PW_ALIGN_RIGHT,
} PwAlign;

/* Phases of the translation animation. */
typedef enum
{
  PW_PH_SPLIT,
  PW_PH_TLB,
  PW_PH_INDEX,     /* the index travels to its entry */
  PW_PH_ENTRY,     /* the entry lights, is decoded, the arrow runs on */
  PW_PH_FAULT,
  PW_PH_EVICT,     /* a victim leaves (to disk) */
  PW_PH_READ,      /* the page is read back from disk */
  PW_PH_FRAME,     /* the kernel gives a frame and writes the entry */
  PW_PH_FINAL,     /* frame number and offset drop into the physical address */
} PwPhaseKind;

typedef struct
{
  PwPhaseKind kind;
  int         level;
  gboolean    retry;
} PwPhase;

#define PW_MAX_PHASES 40

typedef struct
{
  PwPhase  phases[PW_MAX_PHASES];
  guint    n;
  int      current;   /* index of the phase at t, n when all are done */
  double   p;         /* eased progress of the current phase, 0..1 */
} PwAnim;

/* pw-render-text.c: the labels of one drawing, for the layout check */
typedef struct
{
  double   x, y, w, h;
  char    *text;
  gboolean mark;   /* not a label: a mark labels keep off (pw_check_mark) */
} PwLabelBox;

struct _PwLayoutReport
{
  GArray *problems;   /* PwLayoutProblem */
  GArray *boxes;      /* PwLabelBox: the labels of the current drawing */
};

/* pw-render-check.c.  Starts a drawing's labels (forgets the previous
 * drawing's boxes). */
void         pw_layout_report_begin (PwLayoutReport *r);

struct _PwHitMap
{
  GArray *hits;   /* PwHit */
};

typedef struct
{
  cairo_t               *cr;
  PwMachine             *m;
  const PwArch          *arch;
  const PwRenderOptions *o;
  PwHitMap              *hits;
  const PwPalette       *pal;
  PangoLayout           *layout;
  PangoFontDescription  *font[PW_N_FONTS];
  double                 hair;     /* one device pixel, in logical units */
  double                 px;       /* pixels per unit of the layout (the caller's
                                      zoom or scale, the text scale): what the
                                      detail levels look at (pw-render-detail.c) */
  /* the translation */
  const PwWalk          *walk;      /* first walk, or NULL */
  const PwWalk          *retry;     /* walk after the fault was handled, or NULL */
  const PwEvent         *ev;        /* the access drawn, or NULL */
  const PwEvent         *failed;    /* a step that failed without an access, or NULL */
  const PwStepRecord    *life;      /* a step without an access (switch, fork...), drawn
                                     * where the walk is when there is no walk, or NULL */
  guint                  walk_pid;
  guint                  pid;       /* process to show */
  PwAnim                 anim;
  PwHit                  scratch;   /* pw_hit_add() target without a map */
  gboolean               compact;   /* the walk inside the overview */
  gboolean               every_process;  /* the overview: a column for each process, in rows */
  gboolean               one_column;     /* the overview's left column: the walk's process
                                            alone (every column is in the band below) */
  /* what c->layout holds now, so measuring then drawing shapes once */
  PwFont                 last_font;
  double                 last_width;
  char                  *last_text;
  PangoLayout           *bit_layout[2];   /* "0" and "1" of the address bars */
  double                 font_h[PW_N_FONTS];
  PwLayoutReport        *report;    /* o->layout_report while drawing, else NULL */
  PwNumberBase           saved_base; /* the thread's base before o->base, put back by
                                        pw_ctx_clear() */
} PwCtx;

#define PW_PHASE_SECONDS 0.3

/* pw-render-palette.c: the palettes and the (text, background) pairs they
 * must keep readable (pw_theme_pair_contrast()) */
const PwPalette *pw_palette_get     (PwTheme theme);

/* pw-render.c */
void         pw_ctx_init            (PwCtx                 *c,
                                     cairo_t               *cr,
                                     PwMachine             *m,
                                     const PwRenderOptions *o,
                                     PwHitMap              *hits);
void         pw_ctx_clear           (PwCtx                 *c);

/* pw-render-select.c: outlines every hit of c->hits that stands for the
 * selection (o->selection), looked up on @shown. */
void         pw_select_draw         (PwCtx                 *c,
                                     PwMachine             *shown);

void         pw_set_rgb             (PwCtx *c, const PwRgb *col);
void         pw_set_rgba            (PwCtx *c, const PwRgb *col, double alpha);
PwRgb        pw_mix                 (const PwRgb *a, const PwRgb *b, double t);
/* The colour as a fill on the theme's background (lighter in light themes). */
PwRgb        pw_tint                (PwCtx *c, const PwRgb *col, double amount);
const PwRgb *pw_proc_colour         (PwCtx *c, guint pid);
/* The process's colour for text on the background, and the text colour on
 * its solid fill. */
const PwRgb *pw_proc_text_colour    (PwCtx *c, guint pid);
const PwRgb *pw_proc_ink            (PwCtx *c, guint pid);
/* The index of @pid among the processes (for colours and patterns). */
guint        pw_proc_index          (PwCtx *c, guint pid);
/* Fills the current path with the pattern of a process past the seventh. */
void         pw_fill_proc           (PwCtx *c, guint pid, double alpha);

/* pw-render-text.c */
/* The fonts of a drawing, sized in units: the labels in @family (NULL:
 * DejaVu Sans), numbers in DejaVu Sans Mono. */
void         pw_fonts_init          (PwCtx *c, const char *family);
/* Callers that change c->layout themselves call this first. */
void         pw_layout_forget       (PwCtx                 *c);
/* A "0" or "1" centred on @cx (shaped once per drawing). */
void         pw_draw_bit            (PwCtx *c, int bit, double cx, double y);
double       pw_font_height         (PwCtx *c, PwFont f);
void         pw_text_size           (PwCtx *c, PwFont f, const char *text,
                                     double *w, double *h);
/* Draws @text with its top at @y; x is the left, centre or right edge by
 * @align.  With @max_w > 0 the text is ellipsized to fit.  Returns the width. */
double       pw_text                (PwCtx *c, PwFont f, const PwRgb *col,
                                     const char *text, double x, double y,
                                     double max_w, PwAlign align);
/* Draws the first of the NULL-terminated alternatives that fits in @max_w;
 * draws nothing when none does.  Returns the one drawn, or -1. */
int          pw_text_fit            (PwCtx *c, PwFont f, const PwRgb *col,
                                     double x, double y, double max_w,
                                     PwAlign align, ...) G_GNUC_NULL_TERMINATED;

/* pw-render-check.c: what the text helpers tell the layout report (nothing
 * when c->report is NULL).  A label drawn in the box (x, y, w, h): */
void         pw_check_label         (PwCtx *c, const char *text, gboolean shortened,
                                     double x, double y, double w, double h);
/* A mark no label may be drawn over (a highlight's edge): labels drawn
 * before or after it that overlap its box are reported as overlapping
 * @what. */
void         pw_check_mark          (PwCtx *c, const char *what,
                                     double x, double y, double w, double h);
/* The four edges of an outline (x, y, w, h) @lw wide, as marks. */
void         pw_check_outline       (PwCtx *c, const char *what, double x, double y,
                                     double w, double h, double lw);
/* A label not drawn for lack of room (@w: the room it had). */
void         pw_check_dropped       (PwCtx *c, const char *text,
                                     double x, double y, double w);

/* Lines of @text wrapped at @w in @f (at most @max). */
int          pw_text_wrapped_lines  (PwCtx *c, PwFont f, const char *text,
                                     double w, int max);
/* Draws @text wrapped at @w, at most @max lines (the last ellipsized). */
void         pw_text_wrapped        (PwCtx *c, PwFont f, const PwRgb *col,
                                     const char *text, double x, double y,
                                     double w, int max);

/* Grouped hex of an address: padded to @bits, "_" every four digits when
 * long (pw_format_address(), pw-present.h). */
char        *pw_fmt_addr            (guint64 value, guint bits);
char        *pw_fmt_hex             (guint64 value);
/* An access in the reader's language, for the titles ("read", "write",
 * "exec" in English, as pw_access_name() and the CLI say). */
const char  *pw_access_word         (PwAccess access);
/* A byte count for people, rounded down. */
char        *pw_fmt_size            (guint64 bytes);

/* pw-render-shapes.c */
void         pw_rect                (PwCtx *c, double x, double y, double w, double h);
void         pw_round_rect          (PwCtx *c, double x, double y, double w, double h,
                                     double r);
void         pw_stroke_rect         (PwCtx *c, const PwRgb *col, double lw,
                                     double x, double y, double w, double h);
void         pw_fill_rect           (PwCtx *c, const PwRgb *col,
                                     double x, double y, double w, double h);
/* Diagonal hatching over a rectangle (clipped). */
void         pw_hatch               (PwCtx *c, const PwRgb *col, double spacing,
                                     double lw, double x, double y, double w, double h);
void         pw_dots                (PwCtx *c, const PwRgb *col, double spacing,
                                     double x, double y, double w, double h);
/* An arrow from (x0,y0) to (x1,y1) as a curve, drawn up to fraction @p. */
void         pw_arrow               (PwCtx *c, const PwRgb *col, double lw,
                                     double x0, double y0, double x1, double y1,
                                     gboolean vertical_first, double p);
void         pw_arrow_head          (PwCtx *c, const PwRgb *col, double x, double y,
                                     double angle, double size);
/* A zig-zag break mark across a column. */
void         pw_break_mark          (PwCtx *c, const PwRgb *col, double x, double y,
                                     double w);
/* The same with nothing drawn between @skip0 and @skip1 (under a label). */
void         pw_break_mark_gap      (PwCtx *c, const PwRgb *col, double x, double y, double w,
                                     double skip0, double skip1);
void         pw_disk_glyph          (PwCtx *c, const PwRgb *col, double x, double y,
                                     double size);
void         pw_panel_title         (PwCtx *c, const char *title, double x, double y,
                                     double w);

/* What fades in with @alpha, drawn inside (x, y, w, h): a group only when
 * @alpha < 1, and only the size of the box.  Pass the result to _end. */
gboolean     pw_fade_begin          (PwCtx *c, double alpha, double x, double y, double w, double h);
void         pw_fade_end            (PwCtx *c, gboolean pushed, double alpha);

/* pw-render.c */
PwHit       *pw_hit_add             (PwCtx *c, PwHitKind kind, double x, double y,
                                     double w, double h);

/* A view: measure returns the natural height at width @w; draw draws it in
 * (x, y, w, h) and records what is where with pw_hit_add() (hit testing
 * reads that map: there is no separate hit-test pass). */
typedef struct
{
  double (*measure) (PwCtx *c, double w);
  void   (*draw)    (PwCtx *c, double x, double y, double w, double h);
} PwViewFuncs;

/* The functions of @view for the machine's kind: the paged ones below, or
 * the pw_seg_ ones of pw-render-segments.c.  Views that hold other views
 * (the overview) draw them through pw_view_draw(). */
const PwViewFuncs *pw_view_funcs    (const PwCtx *c, PwView view);
double       pw_view_measure        (PwCtx *c, PwView view, double w);
void         pw_view_draw           (PwCtx *c, PwView view, double x, double y, double w,
                                     double h);

/* The view functions of paged machines (and of every machine for the
 * overview, address, disk and TLB views). */
double       pw_address_measure     (PwCtx *c, double w);
void         pw_address_draw        (PwCtx *c, double x, double y, double w, double h);
/* The address bar alone (used by the walk view): returns its height. */
double       pw_address_bar         (PwCtx *c, double x, double y, double w,
                                     gboolean physical, double *field_x,
                                     double *field_w, double *bar_bottom);
double       pw_walk_measure        (PwCtx *c, double w);
void         pw_walk_draw           (PwCtx *c, double x, double y, double w, double h);
double       pw_vaspace_measure     (PwCtx *c, double w);
void         pw_vaspace_draw        (PwCtx *c, double x, double y, double w, double h);
double       pw_pagetable_measure   (PwCtx *c, double w);
void         pw_pagetable_draw      (PwCtx *c, double x, double y, double w, double h);
double       pw_physical_measure    (PwCtx *c, double w);
void         pw_physical_draw       (PwCtx *c, double x, double y, double w, double h);
double       pw_disk_measure        (PwCtx *c, double w);
void         pw_disk_draw           (PwCtx *c, double x, double y, double w, double h);
double       pw_tlb_measure         (PwCtx *c, double w);
void         pw_tlb_draw            (PwCtx *c, double x, double y, double w, double h);
double       pw_lab_measure         (PwCtx *c, double w);
void         pw_lab_draw            (PwCtx *c, double x, double y, double w, double h);
double       pw_compare_measure     (PwCtx *c, double w);
void         pw_compare_draw        (PwCtx *c, double x, double y, double w, double h);
double       pw_overview_measure    (PwCtx *c, double w);
void         pw_overview_draw       (PwCtx *c, double x, double y, double w, double h);

/* pw-render-anim.c: the phases of c->walk (and c->ev) and where c->o->t is */
void         pw_anim_build          (PwCtx *c);
/* The walk animation: progress (0..1) of a phase kind, 1 when done. */
double       pw_anim_progress       (const PwCtx *c, PwPhaseKind kind, int level,
                                     gboolean retry);
gboolean     pw_anim_started        (const PwCtx *c, PwPhaseKind kind, int level,
                                     gboolean retry);
/* The walk being drawn now: the retry once its phases began. */
const PwWalk *pw_anim_walk          (const PwCtx *c, gboolean *in_retry);
/* The machine the panes around the walk show at the time drawn: the
 * options' `before` until the kernel acts (the first of the eviction, the
 * disk read, the new frame or the result; the end of the animation when
 * none comes), else the machine drawn. */
PwMachine   *pw_anim_side_machine   (const PwCtx *c);

/* pw-render-lifecycle.c: a step without an access (c->life) drawn where the
 * walk is: the walk view's whole height (title and narration, then the
 * figure; in the overview, c->compact, the figure alone) */
#define PW_LIFE_SECONDS 1.5
double       pw_life_progress       (const PwCtx *c);   /* 0..1 over PW_LIFE_SECONDS */
double       pw_life_measure        (PwCtx *c, double w);
void         pw_life_draw           (PwCtx *c, double x, double y, double w, double h);
/* Lines of text below a figure (each wrapped, at most 3 lines): their
 * height at @w, and drawing them (returns the y below them). */
double       pw_life_lines_height   (PwCtx *c, char *const *lines, double w);
double       pw_life_draw_lines     (PwCtx *c, char *const *lines, double x, double y, double w);
/* pw-render-life-range.c: a reserve, commit, decommit or free */
double       pw_life_range_height   (PwCtx *c, double w);
void         pw_life_range_draw     (PwCtx *c, double x, double y, double w, double h, double p);
/* pw-render-life-text.c: its words */
const char  *pw_life_state_word     (PwRegionState s);     /* "reserved"... translated */
const char  *pw_life_register       (PwCtx *c);          /* "CR3", "satp"... */
char        *pw_life_who            (PwCtx *c, guint pid, const char *name);
char        *pw_life_range          (guint64 start, guint64 size, guint bits);
char        *pw_life_title          (PwCtx *c);
char        *pw_life_narration      (PwCtx *c);
char        *pw_life_tlb_line       (PwCtx *c);
char        *pw_life_freed_line     (PwCtx *c);
char        *pw_life_pages_line     (PwCtx *c);
char        *pw_life_fork_line      (PwCtx *c);
char        *pw_life_range_line     (PwCtx *c);

/* pw-render-narration.c */
/* The narration of the phase the context is at. */
char        *pw_narration_here      (PwCtx *c);
/* What the kernel did before the retry, one translated clause per action;
 * NULL-terminated, free with g_strfreev().  @detailed adds "dirty: written"
 * and the final "updated the entry and retried". */
char       **pw_kernel_actions      (PwCtx *c, gboolean detailed);
/* What became of an evicted page, as `pagewalk-cli run` says it: "written
 * to disk slot 3", "dropped, its copy in disk slot 3 is current", "dropped". */
char        *pw_eviction_fate       (const PwEviction *e);
/* What the kernel does about the fault of the first walk (the event's
 * verdict when there is one, else pw_page_outlook()); @slot for DISK. */
PwPageOutlook pw_walk_outlook       (PwCtx *c, guint64 *slot);
/* The fault's name as the kernel classifies it ("protection" for a page its
 * region forbids, even when the entry is not present), else the MMU's. */
const char  *pw_walk_fault_word     (PwCtx *c, const PwWalk *w);
/* The fault of @w in one clause naming the entry, its index, its value and
 * the bit that forbids the access: "PT entry 5 (0x00000000) is not present",
 * "PT entry 0 (0x…) does not allow writes: its R/W bit is clear". */
char        *pw_fault_clause        (PwCtx *c, const PwWalk *w);
/* The frame the leaf of @w maps (the old frame of a copy-on-write page), or
 * G_MAXUINT64. */
guint64      pw_leaf_frame          (PwCtx *c, const PwWalk *w);

/* The width the walk needs in the overview (c->compact) to keep @levels
 * tables, the root register and the frame apart. */
#define PW_WALK_COMPACT_ROOT_W 88.0
#define PW_WALK_COMPACT_GAP    24.0
#define PW_WALK_COMPACT_COL_W  92.0
#define PW_WALK_COMPACT_W(levels) \
  (PW_WALK_COMPACT_ROOT_W + 30 + ((levels) + 1) * (PW_WALK_COMPACT_COL_W + PW_WALK_COMPACT_GAP))

/* pw-render-walk-table.c: one table of the walk view */
#define PW_WALK_HEAD_H 34.0   /* the table's heading, above its rectangle */
#define PW_WALK_BAND_H 38.0   /* the selected entry's band */
typedef struct
{
  double x, y, w, h;   /* the table's rectangle */
} PwBox;
/* Table @i of @w in @b: heading, rows, the selected entry once the index
 * arrives (@p_index) and its decoding (@p_entry); *@band_y gets the top of
 * the entry's band. */
void         pw_walk_table          (PwCtx *c, const PwWalk *w, guint i, gboolean retry,
                                     const PwBox *b, double p_index, double p_entry,
                                     double *band_y);
/* "P R/W U A", "V R W X U A D": the manual's names of the flags set in
 * @flags, from the entry format's bit fields of @entry at @level */
char        *pw_flags_short         (const PwArch *a, guint level, guint64 entry,
                                     PwFlags flags);

/* Pages of every process (cheap).  Past PW_EXACT_PAGES the views that
 * would visit every page sample instead, and say so. */
#define PW_EXACT_PAGES 20000
guint64      pw_total_pages         (PwCtx *c);
/* The page holding @vpn (large pages included), or NULL. */
const PwPage *pw_page_lookup        (PwCtx *c, const PwProcess *p, guint64 vpn);

/* pw-render-vaspace.c: which processes get a column when not all fit */
void         pw_vaspace_pick        (PwCtx *c, guint shown, guint *out);
typedef void (*PwColumnFunc) (PwCtx *c, const PwProcess *p, double x, double y, double w, double h);
/* One column per process, as many as fit at @min_col wide (@lone_col for a
 * single one, else at most @max_col), @gap apart, drawn by @draw; "+N more"
 * goes on the title's line at @title_y, clear of a title @title_w wide.
 * With c->every_process every process has its column: rows of
 * pw_vaspace_per_row() columns share @h. */
void         pw_vaspace_columns     (PwCtx *c, double x, double y, double w, double h,
                                     double title_y, double title_w, double min_col, double max_col,
                                     double lone_col, double gap, PwColumnFunc draw);

/* Columns in a row when every process gets one (c->every_process): at
 * least four, more when @w holds more at a readable width; and the rows. */
guint        pw_vaspace_per_row     (double w, guint n);
guint        pw_vaspace_rows        (double w, guint n);
/* The address spaces' legend at (@x, @y), @w wide; returns how far below
 * @y its last line starts (0 on one line). */
double       pw_vaspace_legend      (PwCtx *c, double x, double y, double w);

/* pw-render-vaspace-pages.c */
/* The height of a page's row in a small region: a label, and zoomed in
 * (pw_detail_contents()) lines for its bytes. */
double       pw_vaspace_page_row_h  (PwCtx *c);
void         pw_cow_mark            (PwCtx *c, double x, double y, double w, double h);
/* A page whose frame other mappings share: linked rings from @x, at most
 * PW_SHARED_MARK_W wide, on a plate. */
#define PW_SHARED_MARK_W 21.0
void         pw_shared_mark         (PwCtx *c, double x, double y, double h);
/* Does any resident page's frame have several mappings? */
gboolean     pw_vaspace_any_shared  (PwCtx *c);
/* Does any page of any process share its frame copy-on-write? */
gboolean     pw_vaspace_any_cow     (PwCtx *c);
/* Where a block's own label lies: pages' labels go right of @right, and
 * their bytes too between @top and @bottom. */
typedef struct
{
  double right, top, bottom;
} PwBlockLabel;
/* The pages of @p in [@start, @end) (@end 0: 2^64), @pages sorted by vpn
 * (or NULL), in the box (bx, by, bw, bh), clear of the block's label. */
void         pw_vaspace_block_pages (PwCtx *c, const PwProcess *p, GPtrArray *pages,
                                     guint64 start, guint64 end, double bx, double by,
                                     double bw, double bh, const PwBlockLabel *bl);

/* pw-render-detail.c: semantic zoom.  How much of a page or frame is
 * drawn, from the device pixels it gets (c->px): */
typedef enum
{
  PW_DETAIL_AGGREGATE,   /* thinner than a mark: rows or cells stand for many */
  PW_DETAIL_PAGES,       /* a mark each, with its state */
  PW_DETAIL_LABELS,      /* a mark and a label each */
  PW_DETAIL_CONTENTS,    /* and its entries or bytes, when memory holds them */
} PwDetail;
/* The height of a labelled page row, in units. */
#define PW_DETAIL_ROW_H 20.0
/* The level of a page or frame @units tall, labelled from @label_units. */
PwDetail     pw_detail_level        (PwCtx *c, double units, double label_units);
/* The units a page needs to be a mark of its own at this scale. */
double       pw_detail_page_units   (PwCtx *c);
/* Does a labelled page row show its contents at this scale? */
gboolean     pw_detail_contents     (PwCtx *c);
/* A cell's smallest size in units: @units, or less zoomed past 200 %. */
double       pw_detail_min_cell     (PwCtx *c, double units);
/* The height of a line of entries or bytes. */
double       pw_detail_line_h       (PwCtx *c);
/* Does what pw_detail_bytes() says of @frame fit in @w (a hex line of at
 * least 4 bytes, or that its contents are not simulated)? */
gboolean     pw_detail_hex_fits     (PwCtx *c, guint64 frame, double w);
/* Does physical memory hold the contents of @frame? */
gboolean     pw_detail_frame_known  (PwCtx *c, guint64 frame);
/* At most @max_lines lines of the bytes of @frame at (x, y), @w wide (a
 * hex dump from offset 0, the last line saying how many bytes are left
 * out; "contents not simulated" for a frame memory does not hold); a
 * PW_HIT_BYTE for each byte, with @pid and @vpn.  Returns the lines drawn. */
guint        pw_detail_bytes        (PwCtx *c, guint64 frame, guint pid, guint64 vpn,
                                     double x, double y, double w, guint max_lines);
/* The same for the present entries of the table in [@frame, @frame +
 * @count) at @level, decoded: "2: 0x00109025 P R/W U → 0x109"; a
 * PW_HIT_ENTRY each. */
guint        pw_detail_entries      (PwCtx *c, guint64 frame, guint64 count, guint level,
                                     double x, double y, double w, guint max_lines);
/* The lines pw_detail_entries() draws with @max_lines, without drawing. */
guint        pw_detail_entries_lines (PwCtx *c, guint64 frame, guint64 count, guint level,
                                      guint max_lines);

/* pw-render-segments.c: machines without pages (base and bounds, segments):
 * their geometry, the check of a translation, the physical view */
guint        pw_seg_off_bits        (const PwArch *a);        /* offset bits in a segment */
guint        pw_seg_n_parts         (const PwArch *a);        /* segments per process */
guint64      pw_seg_memory_size     (PwCtx *c);
gboolean     pw_seg_phys_range      (const PwSegment *s, guint64 *lo, guint64 *hi);
/* Segment @k of @p, or NULL. */
const PwSegment *pw_seg_of_process  (const PwProcess *p, int k);

typedef struct
{
  gboolean  has_seg;      /* a segment was selected (it exists) */
  gboolean  grows_down;
  guint64   o;            /* offset within the segment */
  guint64   from_top;     /* grows down: S - o */
  gboolean  check_ok;     /* the limit check passed */
  gboolean  ok;           /* a physical address came out */
} PwSegCheck;

/* The limit check of @w, as the walk view draws it. */
void         pw_seg_check           (PwCtx *c, const PwWalk *w, PwSegCheck *k);
char        *pw_seg_narration       (PwCtx *c, const PwWalk *w, gboolean fault);
char        *pw_seg_formula         (PwCtx *c, const PwWalk *w);
/* A process's swatch; a hole's hatching; a segment's fill and outline. */
void         pw_seg_swatch          (PwCtx *c, guint pid, double x, double y, double s);
void         pw_seg_hole_fill       (PwCtx *c, double x, double y, double w, double h);
void         pw_seg_fill            (PwCtx *c, guint pid, double x, double y, double w, double h);
const char  *pw_seg_proc_name       (const PwProcess *p);
double       pw_seg_physical_measure (PwCtx *c, double w);
void         pw_seg_physical_draw   (PwCtx *c, double x, double y, double w, double h);

/* pw-render-address.c: the address view of a machine without pages */
void         pw_seg_address_draw    (PwCtx *c, double x, double y, double w, double h);

/* pw-render-seg-vaspace.c */
double       pw_seg_vaspace_measure (PwCtx *c, double w);
void         pw_seg_vaspace_draw    (PwCtx *c, double x, double y, double w, double h);
double       pw_seg_registers_measure (PwCtx *c, double w);
void         pw_seg_registers_draw  (PwCtx *c, double x, double y, double w, double h);
/* pw-render-walk.c: the walk view of a machine without pages */
double       pw_seg_walk_measure    (PwCtx *c, double w);
void         pw_seg_walk_draw       (PwCtx *c, double x, double y, double w, double h);
/* pw-render-seg-walk.c: below the address bar of the segmented walk view */
double       pw_seg_walk_body_height (PwCtx *c);
void         pw_seg_walk_body       (PwCtx *c, const PwWalk *walk, double x, double y,
                                     double w, double h, const double *fx, const double *fw,
                                     guint nf, double bar_bottom);

/* The process shown: o->pid, else the walk's, else pw_machine_default_pid(). */
const PwProcess *pw_ctx_process     (PwCtx *c);

G_END_DECLS

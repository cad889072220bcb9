/* pw-render-palette.c: the light, dark, print and high-contrast palettes,
 * and the (text colour, background) pairs the views draw, each of which
 * keeps a contrast of at least 4.5:1 (WCAG 2, AA)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-render"

#include "config.h"

#include <math.h>
#include <stddef.h>

#include "pw-render-private.h"

#define RGB(hex) { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, ((hex) & 0xff) / 255.0 }

/* Fields: Paul Tol's "muted" scheme, distinct from the Okabe-Ito processes
 * (the lighter two darkened to read as text on the background). */
#define FIELDS_LIGHT { RGB (0x332288), RGB (0xa8424f), RGB (0x117733), RGB (0xAA4499), \
                       RGB (0x6b6b1f), RGB (0x882255) }
#define FIELDS_DARK  { RGB (0x8877ee), RGB (0xee8899), RGB (0x44bb66), RGB (0xdd77cc), \
                       RGB (0xcccc66), RGB (0xdd6699) }
#define FIELDS_HC    { RGB (0x1d1366), RGB (0x8a2232), RGB (0x0a5224), RGB (0x7a2d6d), \
                       RGB (0x4d4d0f), RGB (0x661a40) }
/* Processes: Okabe-Ito fills; as text, darker (light) or lighter (dark)
 * versions of the same hues; on the fill, black or white. */
#define OKABE_ITO    { RGB (0x0072B2), RGB (0xE69F00), RGB (0x009E73), RGB (0xCC79A7), \
                       RGB (0x56B4E9), RGB (0xD55E00), RGB (0xF0E442) }
#define PROC_TEXT_LIGHT { RGB (0x0067a1), RGB (0x8a5f00), RGB (0x00735a), RGB (0x9c4a7a), \
                          RGB (0x1f6d99), RGB (0xa84a00), RGB (0x6b6400) }
#define PROC_TEXT_DARK  { RGB (0x4fa3e0), RGB (0xE69F00), RGB (0x00b386), RGB (0xCC79A7), \
                          RGB (0x56B4E9), RGB (0xf07a2a), RGB (0xF0E442) }
#define PROC_TEXT_HC    { RGB (0x004a75), RGB (0x664600), RGB (0x00533f), RGB (0x7a3560), \
                          RGB (0x154f70), RGB (0x7d3700), RGB (0x4d4800) }
#define PROC_INK        { RGB (0xffffff), RGB (0x000000), RGB (0x000000), RGB (0x000000), \
                          RGB (0x000000), RGB (0x000000), RGB (0x000000) }
#define PROC_INK_PRINT  { RGB (0x000000), RGB (0x000000), RGB (0x000000), RGB (0x000000), \
                          RGB (0x000000), RGB (0x000000), RGB (0x000000) }

static const PwPalette palettes[PW_N_THEMES] = {
  [PW_THEME_LIGHT] = {
    .bg = RGB (0xfcfcfc), .fg = RGB (0x1e1e1e), .muted = RGB (0x555555),
    .line = RGB (0x8a8a8a), .panel = RGB (0xf0f0f0), .grid = RGB (0xd4d4d4),
    .field = FIELDS_LIGHT, .offset = RGB (0x15705f), .proc = OKABE_ITO,
    .proc_text = PROC_TEXT_LIGHT, .proc_ink = PROC_INK,
    .table = RGB (0x4a4a4a), .kernel = RGB (0x303030), .warn = RGB (0xa30f14),
    .hit = RGB (0x117733), .miss = RGB (0xa30f14), .disk = RGB (0x7b5b3a),
    .highlight = RGB (0xffd23f), .dark = FALSE, .print = FALSE,
  },
  [PW_THEME_DARK] = {
    .bg = RGB (0x1e1e1e), .fg = RGB (0xf0f0f0), .muted = RGB (0xd0d0d0),
    .line = RGB (0x808080), .panel = RGB (0x2a2a2a), .grid = RGB (0x444444),
    .field = FIELDS_DARK, .offset = RGB (0x4cc3b0), .proc = OKABE_ITO,
    .proc_text = PROC_TEXT_DARK, .proc_ink = PROC_INK,
    .table = RGB (0x9a9a9a), .kernel = RGB (0xc8c8c8), .warn = RGB (0xff9494),
    .hit = RGB (0x44bb66), .miss = RGB (0xff9494), .disk = RGB (0xc8a07a),
    .highlight = RGB (0xffd23f), .dark = TRUE, .print = FALSE,
  },
  [PW_THEME_PRINT] = {
    .bg = RGB (0xffffff), .fg = RGB (0x000000), .muted = RGB (0x333333),
    .line = RGB (0x000000), .panel = RGB (0xffffff), .grid = RGB (0xb0b0b0),
    .field = FIELDS_LIGHT, .offset = RGB (0x15705f), .proc = OKABE_ITO,
    .proc_text = PROC_TEXT_LIGHT, .proc_ink = PROC_INK_PRINT,
    .table = RGB (0x333333), .kernel = RGB (0x000000), .warn = RGB (0xa00000),
    .hit = RGB (0x0b5e26), .miss = RGB (0xa00000), .disk = RGB (0x5e4128),
    .highlight = RGB (0xffd23f), .dark = FALSE, .print = TRUE,
  },
  /* For the desktop's high-contrast setting: black on white, every colour
   * at 7:1 or more on the background, strong lines. */
  [PW_THEME_HIGH_CONTRAST] = {
    .bg = RGB (0xffffff), .fg = RGB (0x000000), .muted = RGB (0x2e2e2e),
    .line = RGB (0x000000), .panel = RGB (0xf2f2f2), .grid = RGB (0x767676),
    .field = FIELDS_HC, .offset = RGB (0x00493f), .proc = OKABE_ITO,
    .proc_text = PROC_TEXT_HC, .proc_ink = PROC_INK,
    .table = RGB (0x1a1a1a), .kernel = RGB (0x000000), .warn = RGB (0x8f0000),
    .hit = RGB (0x07461c), .miss = RGB (0x8f0000), .disk = RGB (0x4a3018),
    .highlight = RGB (0xffd23f), .dark = FALSE, .print = FALSE,
  },
};

const PwPalette *
pw_palette_get (PwTheme theme)
{
  return &palettes[(guint) theme < PW_N_THEMES ? theme : PW_THEME_LIGHT];
}

/* ---- the pairs in use ----------------------------------------------------- */

/* A background is @base, or @base mixed toward @tint by @amount, as
 * pw_tint() and fills with alpha over the background make it.  Where a view
 * tints by different amounts per theme the pair names the largest. */
typedef struct
{
  const char *what;
  size_t      fg;
  size_t      base;
  size_t      tint;
  double      amount;        /* in the light themes */
  double      amount_dark;   /* in the dark one */
  double      amount_print;  /* in the print one */
  gboolean    large;   /* only large bold text (≥ 14 pt bold): 3:1 */
} PwPair;

#define M(member) offsetof (PwPalette, member)
#define PLAIN(what, fg, bg)        { what, M (fg), M (bg), M (bg), 0.0, 0.0, 0.0, FALSE }
#define TINT(what, fg, tint, amt)  { what, M (fg), M (bg), M (tint), amt, amt, amt, FALSE }
#define TINT2(what, fg, tint, light, dark) { what, M (fg), M (bg), M (tint), light, dark, light, FALSE }
/* physical frames: solid, lighter in print (pw-render-physical.c) */
#define FRAME_FILL(what, fg, fill) { what, M (fg), M (bg), M (fill), 1.0, 1.0, 0.8, FALSE }
#define FIELD_PAIRS(i) \
  PLAIN ("field " #i " label on bg", field[i], bg), \
  TINT ("text on field " #i " bar", fg, field[i], 0.2), \
  TINT ("text on field " #i " entry band", fg, field[i], 0.42), \
  TINT ("text on field " #i " highlight", fg, field[i], 0.3)
#define PROC_PAIRS(i) \
  PLAIN ("process " #i " text on bg", proc_text[i], bg), \
  PLAIN ("process " #i " text on panel", proc_text[i], panel), \
  FRAME_FILL ("frame number on process " #i " fill", proc_ink[i], proc[i]), \
  TINT ("text on process " #i " segment", fg, proc[i], 0.3), \
  TINT ("muted on process " #i " segment", muted, proc[i], 0.3)

static const PwPair pairs[] = {
  PLAIN ("text on bg", fg, bg),
  PLAIN ("text on panel", fg, panel),
  PLAIN ("muted on bg", muted, bg),
  PLAIN ("muted on panel", muted, panel),
  PLAIN ("offset on bg", offset, bg),
  PLAIN ("offset on panel", offset, panel),
  TINT ("text on offset tint", fg, offset, 0.3),
  PLAIN ("fault on bg", warn, bg),
  PLAIN ("fault on panel", warn, panel),
  TINT ("fault title in fault box", warn, warn, 0.25),
  TINT ("text in fault box", fg, warn, 0.25),
  TINT ("muted in fault box", muted, warn, 0.25),
  PLAIN ("TLB hit on bg", hit, bg),
  TINT ("text in hit box", fg, hit, 0.15),
  TINT ("muted in hit box", muted, hit, 0.15),
  TINT ("hit verdict in check box", hit, hit, 0.12),
  TINT ("offset sign in sum box", offset, offset, 0.10),
  PLAIN ("TLB miss on bg", miss, bg),
  PLAIN ("disk on bg", disk, bg),
  TINT ("text on disk tint", fg, disk, 0.22),
  TINT ("disk in disk box", disk, disk, 0.10),
  TINT2 ("text on page-table rows", fg, table, 0.12, 0.35),
  TINT2 ("muted on page-table rows", muted, table, 0.12, 0.35),
  TINT ("text on the selected region", fg, fg, 0.08),
  TINT ("muted on the selected region", muted, fg, 0.08),
  PLAIN ("frame number on page-table frame", bg, table),
  FIELD_PAIRS (0), FIELD_PAIRS (1), FIELD_PAIRS (2),
  FIELD_PAIRS (3), FIELD_PAIRS (4), FIELD_PAIRS (5),
  PROC_PAIRS (0), PROC_PAIRS (1), PROC_PAIRS (2), PROC_PAIRS (3),
  PROC_PAIRS (4), PROC_PAIRS (5), PROC_PAIRS (6),
};

static double
channel (double v)
{
  return v <= 0.04045 ? v / 12.92 : pow ((v + 0.055) / 1.055, 2.4);
}

static double
luminance (double r,
           double g,
           double b)
{
  return 0.2126 * channel (r) + 0.7152 * channel (g) + 0.0722 * channel (b);
}

double
pw_contrast_ratio (double r1, double g1, double b1,
                   double r2, double g2, double b2)
{
  double l1 = luminance (r1, g1, b1), l2 = luminance (r2, g2, b2);

  return (MAX (l1, l2) + 0.05) / (MIN (l1, l2) + 0.05);
}

guint
pw_theme_n_pairs (void)
{
  return G_N_ELEMENTS (pairs);
}

static const PwRgb *
member (const PwPalette *pal,
        size_t           offset)
{
  return (const PwRgb *) ((const char *) pal + offset);
}

double
pw_theme_pair_contrast (PwTheme      theme,
                        guint        i,
                        const char **what,
                        gboolean    *large)
{
  const PwPalette *pal = pw_palette_get (theme);
  const PwPair *pair;
  const PwRgb *fg;
  PwRgb bg;

  g_return_val_if_fail (i < G_N_ELEMENTS (pairs), 1.0);
  pair = &pairs[i];
  fg = member (pal, pair->fg);
  bg = pw_mix (member (pal, pair->base), member (pal, pair->tint),
               pal->print ? pair->amount_print : pal->dark ? pair->amount_dark : pair->amount);
  if (what)
    *what = pair->what;
  if (large)
    *large = pair->large;
  return pw_contrast_ratio (fg->r, fg->g, fg->b, bg.r, bg.g, bg.b);
}

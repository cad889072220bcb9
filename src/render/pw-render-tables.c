/* pw-render-tables.c: the tree of page-table pages that exist
 *
 * Each table lists its non-empty entries (index, flags, target); runs of
 * empty entries fold ("entries 3–510 not present"); the current walk's path
 * is highlighted.  When the tree is larger than the space, only the tables on
 * the walk's path (or the first ones) are expanded and long lists fold.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pw-render"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pw-render-private.h"

#define ROW_H     18.0
#define INDENT    22.0
#define HEAD_H    48.0
#define PER_TABLE 10   /* entries listed per table before folding, when space is short */

typedef enum
{
  ROW_TABLE,
  ROW_ENTRY,
  ROW_FOLD_EMPTY,
  ROW_FOLD_FULL,   /* present entries not listed */
  ROW_UNKNOWN,     /* contents unknown */
  ROW_MORE,        /* the list continues */
} RowKind;

typedef struct
{
  RowKind  kind;
  guint    level;
  guint64  table;     /* first frame of the table */
  guint64  index, index2;
  guint64  entry;
  guint64  va;        /* first address the entry covers */
  guint64  n;         /* ROW_FOLD_FULL: entries folded */
  gboolean on_path;
} Row;

typedef struct
{
  PwCtx        *c;
  const PwArch *a;
  PwPhysMem    *mem;
  GArray       *rows;
  guint         budget;
  gboolean      full;      /* expand every table */
  gboolean      overflow;
  const PwWalk *walk;
} Gen;

static guint64
read_entry (const guint8 *p,
            guint         bytes,
            gboolean      big)
{
  guint64 v = 0;

  for (guint i = 0; i < bytes; i++)
    v |= (guint64) p[big ? bytes - 1 - i : i] << (8 * i);
  return v;
}

static gboolean
entry_is_pointer (const PwArch *a,
                  guint         level,
                  PwFlags       f)
{
  return pw_arch_flags_is_table (a, level, f);
}

static gboolean
on_path (const PwWalk *w,
         guint64       table_pa,
         guint64       index)
{
  if (w == NULL)
    return FALSE;
  for (guint i = 0; i < w->n_steps; i++)
    if (w->steps[i].table == table_pa && w->steps[i].index == index)
      return TRUE;
  return FALSE;
}

static gboolean
push (Gen       *g,
      const Row *r)
{
  if (g->rows->len >= g->budget)
    {
      g->overflow = TRUE;
      return FALSE;
    }
  g_array_append_val (g->rows, *r);
  return TRUE;
}

typedef struct
{
  guint64 frame, va, index;
} Child;

static void
gen_table (Gen     *g,
           guint64  frame,
           guint    level,
           guint64  va_base,
           guint64  parent,
           guint64  parent_index)
{
  g_autoptr(GArray) children = g_array_new (FALSE, FALSE, sizeof (Child));
  const PwArch *a = g->a;
  guint64 n = pw_arch_table_entries (a, level);
  guint64 per_frame = pw_arch_page_size (a) / a->pte_bytes;
  guint64 span = pw_arch_level_span (a, level);
  guint64 table_pa = frame << a->page_shift;
  guint64 empty_from = G_MAXUINT64, listed = 0, folded_from = G_MAXUINT64, folded_n = 0;
  guint64 invalid = pw_arch_make_invalid (a);
  /* a table row: index = the entry of the parent that points here, entry =
   * the parent's frame (G_MAXUINT64 for the root) */
  Row r = { ROW_TABLE, level, frame, parent_index, 0, parent, va_base, 0, FALSE };
  gboolean path_table = g->walk != NULL && level < g->walk->n_steps
                        && g->walk->steps[level].table == table_pa;

  r.on_path = path_table;
  if (!push (g, &r))
    return;
  if (per_frame == 0)
    per_frame = 1;

  for (guint64 i = 0; i < n; i++)
    {
      const guint8 *bytes;
      guint64 e;
      PwFlags f;
      gboolean path, pointer;

      if (i % per_frame == 0 || i == 0)
        {
          bytes = pw_physmem_frame (g->mem, frame + i / per_frame);
          if (bytes == NULL)
            {
              Row u = { ROW_UNKNOWN, level + 1, frame, i, MIN (i + per_frame, n) - 1, 0, 0, 0, FALSE };
              if (empty_from != G_MAXUINT64)
                {
                  Row fe = { ROW_FOLD_EMPTY, level + 1, frame, empty_from, i - 1, 0, 0, 0, FALSE };
                  if (!push (g, &fe))
                    return;
                  empty_from = G_MAXUINT64;
                }
              if (!push (g, &u))
                return;
              i += per_frame - 1;
              continue;
            }
        }
      bytes = pw_physmem_frame (g->mem, frame + i / per_frame);
      e = read_entry (bytes + (i % per_frame) * a->pte_bytes, a->pte_bytes, a->big_endian);
      if (e == 0 || e == invalid)
        {
          if (empty_from == G_MAXUINT64)
            empty_from = i;
          continue;
        }
      if (empty_from != G_MAXUINT64)
        {
          if (folded_from != G_MAXUINT64)
            {
              Row ff = { ROW_FOLD_FULL, level + 1, frame, folded_from, empty_from - 1, 0, 0, folded_n, FALSE };
              if (!push (g, &ff))
                return;
              folded_from = G_MAXUINT64;
              folded_n = 0;
            }
          {
            Row fe = { ROW_FOLD_EMPTY, level + 1, frame, empty_from, i - 1, 0, 0, 0, FALSE };
            if (!push (g, &fe))
              return;
          }
          empty_from = G_MAXUINT64;
        }
      f = pw_arch_decode_flags (a, level, e);
      path = on_path (g->walk, table_pa, i);
      pointer = entry_is_pointer (a, level, f);

      if (!g->full && !path && listed >= PER_TABLE)
        {
          /* short of space: count the rest instead of listing it */
          if (folded_from == G_MAXUINT64)
            folded_from = i;
          folded_n++;
          continue;
        }
      if (folded_from != G_MAXUINT64)
        {
          Row ff = { ROW_FOLD_FULL, level + 1, frame, folded_from, i - 1, 0, 0, folded_n, FALSE };
          if (!push (g, &ff))
            return;
          folded_from = G_MAXUINT64;
          folded_n = 0;
        }
      {
        Row er = { ROW_ENTRY, level + 1, frame, i, 0, e, va_base + i * span, 0, path };
        if (!push (g, &er))
          return;
        listed++;
      }
      if (pointer && (g->full || path))
        {
          /* the child is listed after this table's own entries, so a table
           * is one block of rows that never splits around its children */
          Child ch = { pw_arch_entry_frame (a, level, e), va_base + i * span, i };
          g_array_append_val (children, ch);
        }
    }
  if (folded_from != G_MAXUINT64)
    {
      Row ff = { ROW_FOLD_FULL, level + 1, frame, folded_from, (empty_from != G_MAXUINT64 ? empty_from : n) - 1,
                 0, 0, folded_n, FALSE };
      if (!push (g, &ff))
        return;
    }
  if (empty_from != G_MAXUINT64)
    {
      Row fe = { ROW_FOLD_EMPTY, level + 1, frame, empty_from, n - 1, 0, 0, 0, FALSE };
      if (!push (g, &fe))
        return;
    }
  for (guint k = 0; k < children->len; k++)
    {
      const Child *ch = &g_array_index (children, Child, k);
      gen_table (g, ch->frame, level + 1, ch->va, frame, ch->index);
      if (g->overflow)
        return;
    }
}

static GArray *
gen_rows (PwCtx           *c,
          const PwProcess *p,
          guint            budget)
{
  Gen g = { c, c->arch, pw_machine_physmem (c->m), NULL, budget, TRUE, FALSE, NULL };
  gboolean in_retry;

  if (c->walk != NULL && c->walk_pid == p->pid)
    g.walk = pw_anim_walk (c, &in_retry);
  g.rows = g_array_new (FALSE, TRUE, sizeof (Row));
  if (!p->has_root)
    return g.rows;
  gen_table (&g, p->root, 0, 0, G_MAXUINT64, 0);
  if (g.overflow)
    {
      /* not everything fits: expand only the walk's path, fold long lists */
      g_array_set_size (g.rows, 0);
      g.full = FALSE;
      g.overflow = FALSE;
      g.budget = budget - 1;
      gen_table (&g, p->root, 0, 0, G_MAXUINT64, 0);
      if (g.overflow)
        {
          Row more = { ROW_MORE, 0, 0, 0, 0, 0, 0, 0, FALSE };
          g_array_append_val (g.rows, more);
        }
    }
  return g.rows;
}

/* Places the rows in columns: a column breaks only before a table's
 * header, so a table (header and entries) is never split, unless it alone is
 * taller than a column.  Returns the columns needed. */
static guint
pack_rows (GArray *rows,
           guint   per_col,
           guint  *col_of,
           guint  *pos_of)
{
  guint col = 0, pos = 0;

  if (rows->len == 0)
    return 0;
  per_col = MAX (per_col, 1);
  for (guint i = 0; i < rows->len;)
    {
      guint j = i + 1, len;
      while (j < rows->len && g_array_index (rows, Row, j).kind != ROW_TABLE)
        j++;
      len = j - i;
      if (pos > 0 && pos + len > per_col)
        {
          col++;
          pos = 0;
        }
      for (guint k = i; k < j; k++)
        {
          if (pos >= per_col)
            {
              col++;
              pos = 0;
            }
          if (col_of)
            col_of[k] = col;
          if (pos_of)
            pos_of[k] = pos;
          pos++;
        }
      i = j;
    }
  return col + 1;
}

double
pw_pagetable_measure (PwCtx  *c,
                      double  w)
{
  guint per_col;

  const PwProcess *p = pw_ctx_process (c);
  g_autoptr(GArray) rows = NULL;
  guint cols = w >= 980 ? 2 : 1;

  if (p == NULL)
    return 120;
  rows = gen_rows (c, p, 160);
  per_col = MAX (1, (rows->len + cols - 1) / cols);
  while (per_col < rows->len && pack_rows (rows, per_col, NULL, NULL) > cols)
    per_col++;
  return HEAD_H + MAX (4, per_col) * ROW_H + 20;
}

static char *
level_name (const PwArch *a,
            guint         level)
{
  return g_strdup (level < a->n_levels ? a->level_names[level] : "?");
}

void
pw_pagetable_draw (PwCtx  *c,
                   double  x,
                   double  y,
                   double  w,
                   double  h)
{
  const PwPalette *pal = c->pal;
  const PwArch *a = c->arch;
  const PwProcess *p = pw_ctx_process (c);
  g_autoptr(GArray) rows = NULL;
  guint cols, per_col, budget;
  g_autofree guint *col_of = NULL;
  g_autofree guint *pos_of = NULL;
  double col_w;
  guint idx_digits;

  {
    /* Translators: the pid, then “ “NAME”” or nothing (three pieces) */
    g_autofree char *title = p ? g_strdup_printf (_("Page tables of pid %u%s%s%s"), p->pid,
                                                  p->name ? " “" : "", p->name ? p->name : "",
                                                  p->name ? "”" : "")
                               : g_strdup (_("Page tables"));
    pw_panel_title (c, title, x, y, w);
  }
  if (p == NULL || !p->has_root)
    {
      pw_text (c, PW_FONT_BODY, &pal->muted, _("This process has no page table."),
               x, y + 26, w, PW_ALIGN_LEFT);
      return;
    }
  {
    g_autofree char *root = pw_fmt_hex (p->root);
    /* Translators: the root register (CR3...), then its frame */
    g_autofree char *sub = g_strdup_printf (_("%s = frame %s · empty entries folded · the walk's path highlighted"),
                                            a->root_register, root);
    pw_text (c, PW_FONT_SMALL, &pal->muted, sub, x, y + 22, w, PW_ALIGN_LEFT);
  }

  cols = w >= 980 ? 2 : 1;
  per_col = MAX (1, (guint) ((h - HEAD_H) / ROW_H));
  budget = per_col * cols;
  rows = gen_rows (c, p, budget);
  /* whole tables per column may leave room unused: list less until it fits */
  for (guint tries = 0; tries < 8 && pack_rows (rows, per_col, NULL, NULL) > cols && budget > 4; tries++)
    {
      g_array_unref (rows);
      budget -= MAX (2, per_col / 4);
      rows = gen_rows (c, p, budget);
    }
  if (cols == 2 && rows->len <= per_col)
    cols = 1;
  col_of = g_new0 (guint, MAX (rows->len, 1));
  pos_of = g_new0 (guint, MAX (rows->len, 1));
  pack_rows (rows, per_col, col_of, pos_of);
  col_w = (w - (cols - 1) * 24) / cols;
  idx_digits = 1;
  for (guint64 n = pw_arch_table_entries (a, 0); n >= 10; n /= 10)
    idx_digits++;

  for (guint i = 0; i < rows->len; i++)
    {
      const Row *r = &g_array_index (rows, Row, i);
      guint col = col_of[i];
      double rx = x + col * (col_w + 24) + r->level * INDENT;
      double ry = y + HEAD_H + pos_of[i] * ROW_H;
      double rw = col_w - r->level * INDENT;
      const PwRgb *lc = &pal->field[MIN (r->level, PW_MAX_LEVELS - 1)];
      PwHit *hit;

      if (col >= cols)
        break;
      switch (r->kind)
        {
        case ROW_TABLE:
          {
            g_autofree char *name = level_name (a, r->level);
            g_autofree char *fr = pw_fmt_hex (r->table);
            g_autofree char *t = NULL;
            if (r->entry != G_MAXUINT64 && r->level > 0)
              {
                g_autofree char *pname = level_name (a, r->level - 1);
                /* Translators: the level's name, the table's frame, the parent level's
                 * name, the entry's index */
                t = g_strdup_printf (_("%s table · frame %s (from %s entry %s)"),
                                     name, fr, pname, PW_DEC (r->index));
              }
            else
              /* Translators: the level's name, then the table's frame */
              t = g_strdup_printf (_("%s table · frame %s"), name, fr);
            PwRgb tint = pw_tint (c, &pal->table, pal->dark ? 0.35 : 0.1);
            pw_fill_rect (c, &tint, rx, ry + 1, rw, ROW_H - 2);
            pw_fill_rect (c, lc, rx, ry + 1, 4, ROW_H - 2);
            pw_text (c, PW_FONT_BOLD, &pal->fg, t, rx + 8, ry, rw - 10, PW_ALIGN_LEFT);
            hit = pw_hit_add (c, PW_HIT_TABLE, rx, ry, rw, ROW_H);
            hit->frame = r->table;
            hit->level = r->level;
            hit->pid = p->pid;
            break;
          }
        case ROW_ENTRY:
          {
            guint lvl = r->level - 1;
            PwFlags f = pw_arch_decode_flags (a, lvl, r->entry);
            g_autofree char *flags = pw_flags_short (a, lvl, r->entry, f);
            g_autofree char *ehex = pw_fmt_addr (r->entry, a->pte_bytes * 8);
            g_autofree char *target = NULL;
            g_autofree char *line = NULL;
            g_autofree char *shortl = NULL;
            g_autofree char *midl = NULL;
            g_autofree char *short2 = NULL;
            g_autofree char *short3 = NULL;
            const PwRgb *elc = &pal->field[MIN (lvl, PW_MAX_LEVELS - 1)];
            guint64 tf = pw_arch_entry_frame (a, lvl, r->entry);
            g_autofree char *tfs = pw_fmt_hex (tf);

            if (!(f & PW_F_PRESENT))
              target = g_strdup (_("not present"));
            else if (entry_is_pointer (a, lvl, f))
              {
                g_autofree char *next = level_name (a, lvl + 1);
                /* Translators: the next level's name, then its frame */
                target = g_strdup_printf (_("→ %s %s"), next, tfs);
              }
            else
              {
                g_autofree char *va = pw_fmt_addr (r->va, a->va_bits);
                g_autofree char *size = pw_fmt_size (pw_arch_level_span (a, lvl));
                /* Translators: a frame, the page size (4 KiB...), the virtual address */
                target = g_strdup_printf (_("→ frame %s · %s page at %s"), tfs, size, va);
              }
            line = g_strdup_printf ("[%*" G_GUINT64_FORMAT "] %s  %-9s %s", idx_digits, r->index,
                                    ehex, flags, target);
            if (f & PW_F_PRESENT && !entry_is_pointer (a, lvl, f))
              {
                /* a leaf: without the virtual address, then without the raw value */
                g_autofree char *size = pw_fmt_size (pw_arch_level_span (a, lvl));
                /* Translators: a frame, then the page size (4 KiB...) */
                g_autofree char *t2 = g_strdup_printf (_("→ frame %s · %s page"), tfs, size);
                midl = g_strdup_printf ("[%*" G_GUINT64_FORMAT "] %s  %-9s %s", idx_digits, r->index,
                                        ehex, flags, t2);
                short2 = g_strdup_printf ("[%" G_GUINT64_FORMAT "] %s %s", r->index, flags, t2);
                /* Translators: a frame (the flags and the page size left out for room) */
                short3 = g_strdup_printf (_("[%s] → frame %s"), PW_DEC (r->index), tfs);
              }
            else
              {
                midl = g_strdup (line);
                short2 = g_strdup_printf ("[%" G_GUINT64_FORMAT "] %s", r->index, target);
                short3 = g_strdup (short2);
              }
            shortl = g_strdup_printf ("[%" G_GUINT64_FORMAT "] %s %s", r->index, flags, target);
            if (r->on_path)
              {
                PwRgb hl = pw_tint (c, elc, 0.28);
                pw_fill_rect (c, &hl, rx - 4, ry, rw + 4, ROW_H);
                pw_fill_rect (c, elc, rx - 4, ry, 3, ROW_H);
              }
            if (pw_text_fit (c, r->on_path ? PW_FONT_MONO_SMALL_BOLD : PW_FONT_MONO_SMALL, &pal->fg,
                             rx + 4, ry + 2, rw - 6, PW_ALIGN_LEFT, line, midl, shortl, short2, short3,
                             NULL) < 0)
              pw_text (c, PW_FONT_MONO_SMALL, &pal->fg, short3, rx + 4, ry + 2, rw - 6, PW_ALIGN_LEFT);
            hit = pw_hit_add (c, PW_HIT_ENTRY, rx, ry, rw, ROW_H);
            hit->frame = r->table;
            hit->level = lvl;
            hit->index = r->index;
            hit->entry = r->entry;
            hit->pid = p->pid;
            hit->vpn = r->va >> a->page_shift;
            break;
          }
        case ROW_FOLD_EMPTY:
        case ROW_FOLD_FULL:
        case ROW_UNKNOWN:
          {
            g_autofree char *t = NULL;
            if (r->kind == ROW_FOLD_EMPTY)
              t = r->index == r->index2
                ? g_strdup_printf (_("entry %s not present"), PW_DEC (r->index))
                /* Translators: the first and last entries folded */
                : g_strdup_printf (_("entries %s–%s not present"),
                                   PW_DEC (r->index), PW_DEC (r->index2));
            else if (r->kind == ROW_FOLD_FULL)
              /* Translators: the first and last entries folded, then how many
               * of them are in use */
              t = g_strdup_printf (_("entries %s–%s"
                                     ": %s more in use, not listed"),
                                   PW_DEC (r->index), PW_DEC (r->index2), PW_DEC (r->n));
            else
              /* Translators: the first and last entries folded */
              t = g_strdup_printf (_("entries %s–%s"
                                     ": contents unknown"), PW_DEC (r->index), PW_DEC (r->index2));
            cairo_move_to (c->cr, rx + 4, ry + ROW_H / 2);
            cairo_line_to (c->cr, rx + 14, ry + ROW_H / 2);
            pw_set_rgb (c, &pal->grid);
            cairo_set_line_width (c->cr, 1);
            cairo_stroke (c->cr);
            pw_text (c, PW_FONT_SMALL, &pal->muted, t, rx + 18, ry + 2, rw - 20, PW_ALIGN_LEFT);
            break;
          }
        case ROW_MORE:
          pw_text (c, PW_FONT_SMALL, &pal->muted, _("… more tables than fit here"), rx + 4, ry + 2,
                   rw - 6, PW_ALIGN_LEFT);
          break;
        }
    }
}

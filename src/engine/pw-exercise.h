/* pw-exercise.h: exercise sheets whose answers the engine computes
 *
 * An exercise is a small machine (a scenario, kept as JSON text so a
 * student can load it into pagewalk-cli or the app), what the sheet gives
 * (the machine in words, page-table rows, hex dumps of table frames,
 * registers, a reference string) and tables whose answer cells the student
 * fills in.  Every answer comes from running the engine on that scenario:
 * the MMU's walk for translations and address splits, the kernel's run for
 * page tables after accesses, replacement and the TLB.  The same kind,
 * options and seed give the same exercise.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  PW_EXERCISE_TRANSLATE,     /* addresses to translate (a walk, or a fault) */
  PW_EXERCISE_SPLIT,         /* addresses to split into their fields */
  PW_EXERCISE_FILL_TABLE,    /* the page table after some accesses */
  PW_EXERCISE_REPLACEMENT,   /* hits, misses and victims under each policy */
  PW_EXERCISE_TLB,           /* TLB hits and misses */
  PW_EXERCISE_BASE_BOUNDS,   /* relocation: base and limit */
  PW_EXERCISE_SEGMENTATION,  /* two segments, the stack growing down */
  PW_N_EXERCISES
} PwExerciseKind;

const char *pw_exercise_kind_name        (PwExerciseKind   kind);
gboolean    pw_exercise_kind_from_string (const char      *s,
                                          PwExerciseKind  *out);

typedef struct
{
  PwExerciseKind  kind;
  guint64         seed;
  const char     *arch;        /* a preset name (split, translate), or NULL: a
                                * small textbook machine */
  guint           questions;   /* 0: the kind's default */
  guint           levels;      /* textbook machine: 1 to 3 levels (default 1) */
  guint64         page_size;   /* textbook machine: 16 to 1024 bytes (default 64) */
  double          fault_rate;  /* share of addresses that fault, 0 to 1 (default 0.25) */
} PwExerciseOptions;

void        pw_exercise_options_init     (PwExerciseOptions *o);

typedef enum
{
  PW_CELL_GIVEN,    /* on the sheet and in the key */
  PW_CELL_ANSWER,   /* blank on the sheet, filled in the key */
  PW_CELL_WORKING,  /* the key only: how the answer comes */
} PwCellKind;

typedef struct
{
  PwCellKind  kind;
  char       *text;
} PwCell;

/* What a row's answer is, for checking it against pagewalk-cli. */
typedef struct
{
  GPtrArray *cells;       /* PwCell*, one a column */
  guint64    va;          /* the address asked about */
  guint      pid;
  gboolean   ok;          /* translate, segmentation: the access completes */
  guint64    pa;          /* ... at this physical address */
  char      *fault;       /* ... else the fault kind ("not-present"...) */
  gint       hit;         /* replacement, tlb: 1 hit, 0 miss, -1 not asked */
  gboolean   evicts;      /* replacement: a page was evicted ... */
  guint64    victim;      /* ... this page */
  guint64    n_fields;    /* split: the fields' values */
  guint64    fields[8];
  gint       state;       /* fill-table: 0 no frame, 1 in a frame, 2 on disk */
  guint64    frame_or_slot;
} PwExerciseRow;

typedef struct
{
  char      *heading;     /* e.g. "FIFO" for replacement; may be NULL */
  char      *policy;      /* replacement: the policy's name */
  GPtrArray *columns;     /* column titles, char* */
  GPtrArray *rows;        /* PwExerciseRow* */
} PwExerciseTable;

typedef struct
{
  PwExerciseKind  kind;
  guint64         seed;
  char           *title;          /* "Translate these addresses" */
  char           *instructions;   /* what to do, and the rules the machine follows */
  GPtrArray      *given;          /* lines the sheet prints in a fixed-width font */
  GPtrArray      *tables;         /* PwExerciseTable* */
  char           *scenario;       /* the machine, as a .pagewalk file's text */
  guint64         data_frames;    /* replacement: the frames data pages may use */
  guint           n_steps;        /* fill-table: the accesses before the table */
} PwExercise;

/* Makes the exercise; FALSE-like NULL and @error (PW_ERROR_VALUE) when the
 * options cannot make one (an unknown preset, levels that do not fit...). */
PwExercise *pw_exercise_new              (const PwExerciseOptions *o,
                                          GError                 **error);
void        pw_exercise_free             (PwExercise              *ex);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwExercise, pw_exercise_free)

G_END_DECLS

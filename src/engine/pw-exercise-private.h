/* pw-exercise-private.h: what the exercise files share
 *
 * pw-exercise.c builds exercises and the machines' translations (translate,
 * split); pw-exercise-kernel.c the kinds that run the kernel (fill-table,
 * replacement, tlb) and the machines without pages (base-bounds,
 * segmentation).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "pw-exercise.h"
#include "pw-machine.h"
#include "pw-run.h"
#include "pw-scenario.h"

G_BEGIN_DECLS

PwExerciseTable *pwx_add_table         (PwExercise         *ex,
                                        const char         *heading,
                                        ...) G_GNUC_NULL_TERMINATED;
PwExerciseRow   *pwx_add_row           (PwExerciseTable    *t);
void             pwx_cell              (PwExerciseRow      *row,
                                        PwCellKind          kind,
                                        const char         *fmt,
                                        ...) G_GNUC_PRINTF (3, 4);
void             pwx_given             (PwExercise         *ex,
                                        const char         *fmt,
                                        ...) G_GNUC_PRINTF (2, 3);
gboolean         pwx_load              (PwExercise         *ex,
                                        const PwRunConfig  *cfg,
                                        PwScenario        **sc,
                                        PwRun             **run,
                                        PwMachine         **m,
                                        GError            **error);
char            *pwx_hexw              (guint64             v,
                                        guint               bits);
void             pwx_textbook_arch     (GString            *s,
                                        guint               va_bits,
                                        guint               pa_bits,
                                        guint64             page_size,
                                        guint               levels);
void             pwx_describe_textbook (PwExercise         *ex,
                                        const PwArch       *a);
void             pwx_pick_distinct     (GRand              *r,
                                        guint64             range,
                                        guint               n,
                                        guint64            *out);

/* pw-exercise-kernel.c */
PwExercise      *pwx_make_fill_table   (PwExercise              *ex,
                                        const PwExerciseOptions *o,
                                        GRand                   *r,
                                        GError                 **error);
PwExercise      *pwx_make_replacement  (PwExercise              *ex,
                                        const PwExerciseOptions *o,
                                        GRand                   *r,
                                        GError                 **error);
PwExercise      *pwx_make_tlb          (PwExercise              *ex,
                                        const PwExerciseOptions *o,
                                        GRand                   *r,
                                        GError                 **error);
PwExercise      *pwx_make_segments     (PwExercise              *ex,
                                        const PwExerciseOptions *o,
                                        GRand                   *r,
                                        GError                 **error);

G_END_DECLS

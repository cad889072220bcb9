/* pw-scenario.h: a scenario file, parsed (docs/scenario-format.md)
 *
 * PwScenario is the description exactly as the file gives it, checked for
 * types and ranges; pw_machine_new() turns it into a running machine and
 * reports what only set-up can find (frames used twice, pins outside memory).
 * pw_scenario_load_*() does both, so nothing is ever half-loaded.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <glib.h>

#include "pw-arch.h"
#include "pw-mmu.h"

G_BEGIN_DECLS

typedef enum
{
  PW_REGION_FREE,       /* never stored: the absence of a region */
  PW_REGION_RESERVED,
  PW_REGION_COMMITTED,
} PwRegionState;

typedef enum
{
  PW_POLICY_FIFO,
  PW_POLICY_LRU,
  PW_POLICY_OPT,
  PW_POLICY_CLOCK,
  PW_POLICY_RANDOM,
  PW_POLICY_MRU,
} PwPolicy;

typedef enum
{
  PW_TLB_LRU,
  PW_TLB_FIFO,
  PW_TLB_RANDOM,
} PwTlbPolicy;

typedef struct
{
  guint64        start;
  guint64        size;
  PwRegionState  state;
  PwProt         prot;
  char          *name;     /* may be NULL */
  gboolean       kernel;
  char          *share;    /* may be NULL */
  char          *path;     /* JSON path, for messages: "processes[0].regions[1]" */
} PwRegionSpec;

typedef struct
{
  guint64   va;        /* page-aligned virtual address */
  gboolean  on_disk;
  guint64   frame;     /* base-frame number, when !on_disk */
  guint64   slot;      /* swap slot, when on_disk */
  guint64   size;      /* page size in bytes (base page unless a large size given) */
  guint64   pages;     /* consecutive pages pinned, at least 1 */
  PwProt    prot;
  char     *path;      /* "processes[0].map[2]" */
} PwMapSpec;

typedef struct
{
  guint      pid;
  char      *name;       /* may be NULL */
  gboolean   has_root;
  guint64    root;       /* frame of the top-level table */
  GArray    *regions;    /* PwRegionSpec */
  GArray    *maps;       /* PwMapSpec */
  /* base-bounds: one segment; segmented: one per segment number */
  GArray    *segments;   /* PwSegment */
  char      *path;       /* "processes[0]" or "steps[4].spawn" */
  gboolean   kernel_places;  /* base-bounds spawn without "base": the kernel
                              * places the segment (first fit); its base
                              * reads G_MAXUINT64 until then */
} PwProcessSpec;

typedef enum
{
  PW_STEP_ACCESS,
  PW_STEP_SWITCH,
  PW_STEP_RESERVE,
  PW_STEP_COMMIT,
  PW_STEP_DECOMMIT,
  PW_STEP_FREE,
  PW_STEP_TOUCH,
  PW_STEP_SPAWN,
  PW_STEP_EXIT,
  PW_STEP_FORK,
} PwStepKind;

typedef struct
{
  PwStepKind     kind;
  PwAccess       access;    /* ACCESS, TOUCH */
  guint          pid;       /* 0 = the current process (ACCESS); the target otherwise */
  guint64        va;        /* ACCESS */
  guint64        start;     /* RESERVE..TOUCH */
  guint64        size;
  PwProt         prot;      /* RESERVE, COMMIT (default rw-) */
  gboolean       has_prot;
  guint          child;     /* FORK: pid = parent */
  PwProcessSpec *spawn;     /* SPAWN */
  char          *path;      /* "steps[3]" */
} PwStep;

typedef struct
{
  guint64  frame;
  guint8  *bytes;
  gsize    n_bytes;     /* at most a page; the rest of the frame is zero */
  char    *path;
} PwFrameImage;

typedef struct
{
  char        *filename;     /* for messages: the path, or "seed.pagewalk" for an example */
  char        *title;
  char        *description;
  PwArch      *arch;
  guint64      memory_frames;
  guint64      data_frames;  /* 0, or the most frames data pages may hold
                              * (`--frames`: OSTEP's cache size); not a file key */
  guint64      disk_slots;
  gboolean     tlb;
  guint        tlb_entries;
  guint        tlb_ways;
  PwTlbPolicy  tlb_policy;
  gboolean     tlb_asid;
  PwPolicy     policy;
  guint64      seed;         /* for `random`; key "seed", default 0 */
  GArray      *frame_images; /* PwFrameImage */
  GPtrArray   *processes;    /* PwProcessSpec* */
  GArray      *steps;        /* PwStep */
  /* private: the machine pw_scenario_load_*() set up to check the file,
   * kept for the first run that asks for it (pw_scenario_take_setup()) so
   * that loading and running set up once.  A scenario is read-only after
   * loading. */
  struct _PwMachine *setup;
} PwScenario;

/* Parse only (types, ranges, unknown keys, the limits of
 * docs/scenario-format.md section 10, pids that steps name).  No machine is
 * set up.  @display_name is used in messages.
 * Errors are in PW_ERROR, messages already prefixed with "FILE:LINE:COL: " or
 * "FILE: json.path: ". */
PwScenario   *pw_scenario_parse          (const char   *data,
                                          gsize         length,
                                          const char   *display_name,
                                          GError      **error);
/* Parse and set up a machine once, so every error is found now. */
PwScenario   *pw_scenario_load_data      (const char   *data,
                                          gsize         length,
                                          const char   *display_name,
                                          GError      **error);
/* The machine loading set up, with the scenario's own settings and no step
 * run, handed over once (NULL afterwards, or for a scenario only parsed).
 * Thread-safe. */
struct _PwMachine *pw_scenario_take_setup (const PwScenario *scenario);
/* Reads at most 256 MiB (a FIFO or /dev/zero is refused while reading);
 * a cancelled load fails with G_IO_ERROR_CANCELLED. */
PwScenario   *pw_scenario_load_file_cancellable (const char   *path,
                                                 GCancellable *cancellable,
                                                 GError      **error);
PwScenario   *pw_scenario_load_file      (const char   *path,
                                          GError      **error);
/* A path, `-` (standard input, <stdin> in messages) or the name of a
 * built-in example. */
PwScenario   *pw_scenario_load           (const char   *path_or_example,
                                          GError      **error);
PwScenario   *pw_scenario_load_cancellable (const char   *path_or_example,
                                            GCancellable *cancellable,
                                            GError      **error);
void          pw_scenario_free           (PwScenario   *scenario);

void          pw_process_spec_free       (PwProcessSpec *spec);

/* Steps parsed from the string form "r|w|x [PID] ADDRESS",
 * "switch PID"; used by the loader and by trace readers. */
gboolean      pw_step_parse_string       (const char   *text,
                                          PwStep       *out,
                                          GError      **error);

const char   *pw_policy_name             (PwPolicy      policy);
gboolean      pw_policy_from_string      (const char   *s,
                                          PwPolicy     *out);
const char   *pw_region_state_name       (PwRegionState state);
/* "rw-" from flags, into a 4-byte buffer */
const char   *pw_prot_string             (PwProt        prot,
                                          char         *buf);
gboolean      pw_prot_from_string        (const char   *s,
                                          PwProt       *out);

/* Built-in examples (GResource /io/github/pagewalk/Pagewalk/examples/NAME.pagewalk) */
typedef struct
{
  const char *name;
  char       *title;
  char       *arch;
  char       *description;
} PwExampleInfo;

/* All examples in order, NULL-terminated array; free with pw_examples_free. */
PwExampleInfo **pw_examples_list         (void);
void            pw_examples_free         (PwExampleInfo **list);
/* The bytes of an example, or NULL if there is none of that name. */
GBytes        *pw_example_bytes          (const char   *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwScenario, pw_scenario_free)

G_END_DECLS

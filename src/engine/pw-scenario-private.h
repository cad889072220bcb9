/* pw-scenario-private.h: what the files of the scenario loader share
 *
 * The loader is split along its seams (docs/architecture.md):
 * pw-scenario-json.c (pass 1, the scan), pw-scenario-fields.c (the field
 * readers), pw-scenario-arch.c, pw-scenario-procs.c, pw-scenario-steps.c,
 * pw-scenario.c (the root object, parsing and loading) and pw-examples.c.
 * The short internal names below are macros for pw_scenario_-prefixed
 * symbols, so they cannot clash with anything else linked into a program.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "pw-number.h"
#include "pw-number-private.h"
#include "pw-present.h"
#include "pw-scenario.h"

G_BEGIN_DECLS

/* The limits of docs/scenario-format.md, section 10 */
#define MAX_DEPTH              64
#define MAX_FILE_SIZE          (G_GUINT64_CONSTANT (256) * 1024 * 1024)
#define JSON_SAFE_MAX          (G_GUINT64_CONSTANT (1) << 53)
#define MAX_DISK_SLOTS         (G_GUINT64_CONSTANT (1) << 24)
#define MAX_TLB_ENTRIES        65536
#define MAX_TITLE_CHARS        200
#define MAX_DESCRIPTION_CHARS  10000
#define MAX_NAME_CHARS         200

#define EXAMPLES_PATH          "/io/github/pagewalk/Pagewalk/examples/"
#define EXAMPLE_SUFFIX         ".pagewalk"

/* The document tree pass 1 builds (pw-scenario-json.c) and pass 2 reads:
 * what json-glib's JsonNode gives, for exactly the JSON the scan accepts
 * (integers within 2^53, no duplicate keys, members in file order). */
typedef enum
{
  PW_JSON_NULL,
  PW_JSON_BOOL,
  PW_JSON_INT,
  PW_JSON_DOUBLE,
  PW_JSON_STRING,
  PW_JSON_OBJECT,
  PW_JSON_ARRAY,
} PwJsonType;

typedef struct _PwJson       PwJson;
typedef struct _PwJsonDoc    PwJsonDoc;

typedef struct
{
  const char *key;
  PwJson     *value;
} PwJsonMember;

struct _PwJson
{
  PwJsonType  type;
  guint       n;                /* objects: members; arrays: elements */
  union
  {
    gboolean      b;
    gint64        i;
    double        d;
    const char   *s;
    PwJsonMember *members;
    PwJson      **elements;
  };
};

PwJsonDoc *pw_json_scan              (const char  *data,
                                      gsize        len,
                                      const char  *file,
                                      GError     **error);
PwJson    *pw_json_doc_root          (PwJsonDoc   *doc);
void       pw_json_doc_free          (PwJsonDoc   *doc);
PwJson    *pw_json_object_get_member (PwJson     *o,
                                      const char *key);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwJsonDoc, pw_json_doc_free)

#define PW_JSON_HOLDS_OBJECT(n) ((n)->type == PW_JSON_OBJECT)
#define PW_JSON_HOLDS_ARRAY(n)  ((n)->type == PW_JSON_ARRAY)
#define PW_JSON_HOLDS_NULL(n)   ((n)->type == PW_JSON_NULL)
#define PW_JSON_HOLDS_VALUE(n)  ((n)->type >= PW_JSON_BOOL && (n)->type <= PW_JSON_STRING)

/* the value's type as json-glib names it: G_TYPE_BOOLEAN, G_TYPE_INT64,
 * G_TYPE_DOUBLE or G_TYPE_STRING */
static inline GType
pw_json_node_get_value_type (PwJson *n)
{
  switch (n->type)
    {
    case PW_JSON_BOOL: return G_TYPE_BOOLEAN;
    case PW_JSON_INT: return G_TYPE_INT64;
    case PW_JSON_DOUBLE: return G_TYPE_DOUBLE;
    case PW_JSON_STRING: return G_TYPE_STRING;
    default: return G_TYPE_INVALID;
    }
}

static inline PwJson *pw_json_node_get_object (PwJson *n) { return n; }
static inline PwJson *pw_json_node_get_array (PwJson *n) { return n; }
static inline const char *pw_json_node_get_string (PwJson *n) { return n->s; }
static inline gboolean pw_json_node_get_boolean (PwJson *n) { return n->b; }
static inline gint64 pw_json_node_get_int (PwJson *n) { return n->i; }
static inline double pw_json_node_get_double (PwJson *n) { return n->d; }
static inline guint pw_json_array_get_length (PwJson *a) { return a->n; }
static inline PwJson *pw_json_array_get_element (PwJson *a, guint i) { return a->elements[i]; }
static inline gboolean
pw_json_object_has_member (PwJson     *o,
                           const char *key)
{
  return pw_json_object_get_member (o, key) != NULL;
}

/* The state of pass 2, the parser: messages read "FILE: json.path: message". */
typedef struct
{
  const char *file;
  GError    **error;
  PwScenario *sc;
  PwArch     *arch;         /* sc->arch once known */
  guint64     page;         /* base page size */
  GHashTable *shares;       /* share key -> PwRegionSpec* (first seen) */
} Ctx;

#define append_shown       pw_scenario_append_shown
#define check_aligned      pw_scenario_check_aligned
#define check_keys         pw_scenario_check_keys
#define check_step_pids    pw_scenario_check_step_pids
#define check_va_range     pw_scenario_check_va_range
#define fail_code          pw_scenario_fail_code
#define is_bool            pw_scenario_is_bool
#define is_string          pw_scenario_is_string
#define join_names         pw_scenario_join_names
#define member_access      pw_scenario_member_access
#define member_array       pw_scenario_member_array
#define member_bool        pw_scenario_member_bool
#define member_choice      pw_scenario_member_choice
#define member_object      pw_scenario_member_object
#define member_prot        pw_scenario_member_prot
#define member_range       pw_scenario_member_range
#define member_string      pw_scenario_member_string
#define member_u64         pw_scenario_member_u64
#define negative_message   pw_scenario_negative_message
#define node_kind          pw_scenario_node_kind
#define node_u64           pw_scenario_node_u64
#define parse_arch         pw_scenario_parse_arch
#define parse_process      pw_scenario_parse_process
#define parse_step         pw_scenario_parse_step
#define path_index         pw_scenario_path_index
#define path_key           pw_scenario_path_key
#define policy_names       pw_scenario_policy_names
#define process_spec_new   pw_scenario_process_spec_new
#define shown              pw_scenario_shown
#define size_str           pw_scenario_size_str
#define suggest            pw_scenario_suggest
#define text_fits          pw_scenario_text_fits
#define tlb_policy_names   pw_scenario_tlb_policy_names
#define too_big_message    pw_scenario_too_big_message

#define fail(c, path, ...) fail_code ((c), PW_ERROR_VALUE, (path), __VA_ARGS__)

/* pw-scenario-json.c */
char *too_big_message (const char *literal);

char *negative_message (const char *literal);

/* pw-scenario-fields.c */
void append_shown (GString    *s,
                   const char *text,
                   gssize      len);

char *shown (const char *text);

char *path_key (const char *parent,
                const char *key);

char *path_index (const char *parent,
                  guint       index);

const char *suggest (const char         *word,
                     const char * const *candidates);

char *join_names (const char * const *names);

char *size_str (guint64 bytes);

extern const char * const policy_names[];

extern const char * const tlb_policy_names[];

gboolean fail_code (Ctx        *c,
                    int         code,
                    const char *path,
                    const char *format,
                    ...) G_GNUC_PRINTF (4, 5);

const char *node_kind (PwJson *node);

gboolean is_string (PwJson *node);

gboolean is_bool (PwJson *node);

gboolean check_keys (Ctx                *c,
                     PwJson             *o,
                     const char         *path,
                     const char * const *allowed,
                     const char * const *misplaced);

gboolean text_fits (Ctx        *c,
                    const char *parent,
                    const char *key,
                    const char *text,
                    glong       max);

gboolean node_u64 (Ctx        *c,
                   PwJson     *node,
                   const char *path,
                   guint64    *out);

gboolean member_u64 (Ctx        *c,
                     PwJson     *o,
                     const char *parent,
                     const char *key,
                     guint64    *out,
                     gboolean   *found);

gboolean member_range (Ctx        *c,
                       PwJson     *o,
                       const char *parent,
                       const char *key,
                       guint64     min,
                       guint64     max,
                       guint64    *out,
                       gboolean   *found);

gboolean member_string (Ctx         *c,
                        PwJson      *o,
                        const char  *parent,
                        const char  *key,
                        const char **out,
                        gboolean     required);

gboolean member_bool (Ctx        *c,
                      PwJson     *o,
                      const char *parent,
                      const char *key,
                      gboolean   *out);

PwJson *member_object (Ctx        *c,
                       PwJson     *o,
                       const char *parent,
                       const char *key,
                       gboolean   *ok);

PwJson *member_array (Ctx        *c,
                      PwJson     *o,
                      const char *parent,
                      const char *key,
                      gboolean   *ok);

gboolean member_choice (Ctx                *c,
                        PwJson             *o,
                        const char         *parent,
                        const char         *key,
                        const char * const *names,
                        guint              *out);

gboolean member_prot (Ctx        *c,
                      PwJson     *o,
                      const char *parent,
                      const char *key,
                      PwProt     *out,
                      gboolean   *found);

gboolean member_access (Ctx        *c,
                        PwJson     *o,
                        const char *parent,
                        const char *key,
                        PwAccess   *out);

gboolean check_va_range (Ctx        *c,
                         const char *path,
                         guint64     start,
                         guint64     size);

gboolean check_aligned (Ctx        *c,
                        const char *parent,
                        const char *key,
                        guint64     value,
                        guint64     align);

/* pw-scenario-arch.c */
PwArch *parse_arch (Ctx    *c,
                    PwJson *node);

/* pw-scenario-procs.c */
PwProcessSpec *parse_process (Ctx        *c,
                              PwJson     *node,
                              const char *path,
                              gboolean    spawned);

/* pw-scenario-steps.c */
gboolean parse_step (Ctx        *c,
                     PwJson     *node,
                     const char *path,
                     PwStep     *step);

gboolean check_step_pids (Ctx *c);

/* pw-scenario.c */
PwProcessSpec *process_spec_new (void);

G_END_DECLS

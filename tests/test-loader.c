/* test-loader.c: the scenario loader (src/engine/pw-scenario*.c)
 *
 * Good files: every field read right, numbers up to 2^64-1, defaults.
 * Bad files: tests/data/bad/NAME.pagewalk must fail with exactly the one-line
 * message in NAME.pagewalk.expected (the display name is the file's basename).
 * Hostile input: /dev/zero, an endless FIFO, cancelled loads, huge or
 * control-laden values in the loader's and the trace reader's messages.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-loader"

#include "config.h"

#include <fcntl.h>
#include <gio/gio.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pw-machine.h"
#include "pw-number.h"
#include "pw-scenario.h"
#include "pw-trace.h"

/* ---- helpers -------------------------------------------------------------- */

static PwScenario *
parse_ok (const char *json)
{
  g_autoptr(GError) error = NULL;
  PwScenario *sc = pw_scenario_parse (json, strlen (json), "t.pagewalk", &error);

  if (sc == NULL)
    g_error ("expected to parse, got: %s\n%s", error->message, json);
  return sc;
}

static PwScenario *
load_ok (const char *json)
{
  g_autoptr(GError) error = NULL;
  PwScenario *sc = pw_scenario_load_data (json, strlen (json), "t.pagewalk", &error);

  if (sc == NULL)
    g_error ("expected to load, got: %s\n%s", error->message, json);
  return sc;
}

static char *
parse_err (const char *json)
{
  g_autoptr(GError) error = NULL;
  PwScenario *sc = pw_scenario_parse (json, strlen (json), "t.pagewalk", &error);

  if (sc != NULL)
    g_error ("expected an error:\n%s", json);
  g_assert_nonnull (error);
  g_assert_true (error->domain == PW_ERROR);
  return g_strdup (error->message);
}

/* A scenario with one number in it, at "seed". */
static guint64
seed_of (const char *value)
{
  g_autofree char *json = g_strdup_printf ("{\"pagewalk\": 1, \"seed\": %s}", value);
  g_autoptr(PwScenario) sc = parse_ok (json);
  return sc->seed;
}

static char *
seed_err (const char *value)
{
  g_autofree char *json = g_strdup_printf ("{\"pagewalk\": 1, \"seed\": %s}", value);
  return parse_err (json);
}

static const PwProcessSpec *
process (const PwScenario *sc,
         guint             i)
{
  g_assert_cmpuint (i, <, sc->processes->len);
  return g_ptr_array_index (sc->processes, i);
}

#define REGION(p, i) (&g_array_index ((p)->regions, PwRegionSpec, (i)))
#define MAP(p, i)    (&g_array_index ((p)->maps, PwMapSpec, (i)))
#define STEP(sc, i)  (&g_array_index ((sc)->steps, PwStep, (i)))
#define SEG(p, i)    (&g_array_index ((p)->segments, PwSegment, (i)))

/* ---- numbers -------------------------------------------------------------- */

static void
test_numbers_hex (void)
{
  g_assert_cmpuint (seed_of ("\"0x1f\""), ==, 0x1f);
  g_assert_cmpuint (seed_of ("\"0X1F\""), ==, 0x1f);
  g_assert_cmpuint (seed_of ("\"0xDeadBeef\""), ==, 0xdeadbeef);
  g_assert_cmpuint (seed_of ("\"0xffff_8000_0000_0000\""), ==, G_GUINT64_CONSTANT (0xffff800000000000));
}

static void
test_numbers_binary (void)
{
  g_assert_cmpuint (seed_of ("\"0b101\""), ==, 5);
  g_assert_cmpuint (seed_of ("\"0B11111111\""), ==, 255);
}

static void
test_numbers_decimal (void)
{
  g_assert_cmpuint (seed_of ("42"), ==, 42);
  g_assert_cmpuint (seed_of ("\"42\""), ==, 42);
  g_assert_cmpuint (seed_of ("0"), ==, 0);
  g_assert_cmpuint (seed_of ("-0"), ==, 0);
  /* JSON doubles that are whole numbers are accepted */
  g_assert_cmpuint (seed_of ("1e3"), ==, 1000);
  g_assert_cmpuint (seed_of ("7.0"), ==, 7);
}

static void
test_numbers_suffix (void)
{
  g_assert_cmpuint (seed_of ("\"4KiB\""), ==, 4096);
  g_assert_cmpuint (seed_of ("\"4K\""), ==, 4096);
  g_assert_cmpuint (seed_of ("\"4KB\""), ==, 4096);
  g_assert_cmpuint (seed_of ("\"2MiB\""), ==, 2 << 20);
  g_assert_cmpuint (seed_of ("\"1GiB\""), ==, G_GUINT64_CONSTANT (1) << 30);
  g_assert_cmpuint (seed_of ("\"128TiB\""), ==, G_GUINT64_CONSTANT (128) << 40);
  g_assert_cmpuint (seed_of ("\"15EiB\""), ==, G_GUINT64_CONSTANT (15) << 60);
}

/* K, KB and KiB in any case, the same for M, G, T, P, E */
static void
test_numbers_suffix_case (void)
{
  static const char * const bad[] = { "\"4ki\"", "\"4kibb\"", "\"4KiBx\"", "\"4Ib\"", "\"4kbi\"" };

  g_assert_cmpuint (seed_of ("\"4k\""), ==, 4096);
  g_assert_cmpuint (seed_of ("\"4kb\""), ==, 4096);
  g_assert_cmpuint (seed_of ("\"4Kb\""), ==, 4096);
  g_assert_cmpuint (seed_of ("\"4kib\""), ==, 4096);
  g_assert_cmpuint (seed_of ("\"4Kib\""), ==, 4096);
  g_assert_cmpuint (seed_of ("\"4KIB\""), ==, 4096);
  g_assert_cmpuint (seed_of ("\"4kIb\""), ==, 4096);
  g_assert_cmpuint (seed_of ("\"4 kib\""), ==, 4096);
  g_assert_cmpuint (seed_of ("\"2mib\""), ==, 2 << 20);
  g_assert_cmpuint (seed_of ("\"1gib\""), ==, G_GUINT64_CONSTANT (1) << 30);
  g_assert_cmpuint (seed_of ("\"3tIB\""), ==, G_GUINT64_CONSTANT (3) << 40);
  g_assert_cmpuint (seed_of ("\"5pib\""), ==, G_GUINT64_CONSTANT (5) << 50);
  g_assert_cmpuint (seed_of ("\"15eib\""), ==, G_GUINT64_CONSTANT (15) << 60);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *e = seed_err (bad[i]);
      g_assert_nonnull (strstr (e, "is not a number"));
    }
  {
    g_autofree char *e = seed_err ("\"16eib\"");
    g_assert_cmpstr (e, ==, "t.pagewalk: seed: “16eib” does not fit in 64 bits");
  }
}

/* A number too long to be shown whole still says what is wrong with it. */
static void
test_numbers_long_overflow (void)
{
  g_autofree char *e65 = seed_err ("\"0b1" "0000000000000000000000000000000000000000000000000000000000000000\"");
  g_autofree char *e_hex = seed_err ("\"0x" "00000000000000000000000000000000000000000000000000000000000000010000000000000000\"");
  g_autofree char *e_junk = seed_err ("\"0b1" "000000000000000000000000000000000000000000000000000000000000000z\"");

  g_assert_cmpstr (e65, ==, "t.pagewalk: seed: “0b1000000000000000000000000000000000000000000000000000000000…” "
                   "does not fit in 64 bits");
  g_assert_nonnull (strstr (e_hex, "does not fit in 64 bits"));
  g_assert_nonnull (strstr (e_junk, "is not a number"));
  /* 64 digits are fine */
  g_assert_cmpuint (seed_of ("\"0b1" "000000000000000000000000000000000000000000000000000000000000000\""),
                    ==, G_GUINT64_CONSTANT (1) << 63);
}

static void
test_numbers_u64_max (void)
{
  g_assert_cmpuint (seed_of ("\"0xffffffffffffffff\""), ==, G_MAXUINT64);
  g_assert_cmpuint (seed_of ("\"18446744073709551615\""), ==, G_MAXUINT64);
  g_assert_cmpuint (seed_of ("\"0b" "1111111111111111111111111111111111111111111111111111111111111111\""),
                    ==, G_MAXUINT64);
}

static void
test_numbers_json_limit (void)
{
  g_autofree char *e1 = NULL, *e2 = NULL, *e3 = NULL, *e4 = NULL, *e5 = NULL, *e6 = NULL;

  g_assert_cmpuint (seed_of ("9007199254740992"), ==, G_GUINT64_CONSTANT (1) << 53);
  g_assert_cmpuint (seed_of ("9007199254740991"), ==, (G_GUINT64_CONSTANT (1) << 53) - 1);

  e1 = seed_err ("9007199254740993");
  g_assert_cmpstr (e1, ==, "t.pagewalk: seed: 9007199254740993 is above 2^53, too large for a "
                   "JSON integer; use a hex string such as \"0x...\"");
  /* json-glib clamps these; the loader must not */
  e2 = seed_err ("18446744073709551616");
  g_assert_true (strstr (e2, "use a hex string such as \"0x...\"") != NULL);
  e3 = seed_err ("9223372036854775808");
  g_assert_true (strstr (e3, "use a hex string such as \"0x...\"") != NULL);
  e4 = seed_err ("-1");
  g_assert_cmpstr (e4, ==, "t.pagewalk: seed: -1 is negative; numbers here are 0 or more");
  e5 = seed_err ("0.5");
  g_assert_cmpstr (e5, ==, "t.pagewalk: seed: 0.5 is not a whole number");
  e6 = seed_err ("\"0x1_0000_0000_0000_0000\"");
  g_assert_cmpstr (e6, ==, "t.pagewalk: seed: “0x1_0000_0000_0000_0000” does not fit in 64 bits");
}

static void
test_numbers_path_in_array (void)
{
  g_autofree char *e = parse_err ("{\"pagewalk\": 1, \"arch\": \"x86-64\", \"processes\": ["
                                  "{\"pid\": 1}, {\"pid\": 2, \"regions\": [{\"start\": 0, \"size\": 4096},"
                                  "{\"start\": 99999999999999999999, \"size\": 4096}]}]}");
  g_assert_cmpstr (e, ==, "t.pagewalk: processes[1].regions[1].start: 99999999999999999999 is above "
                   "2^53, too large for a JSON integer; use a hex string such as \"0x...\"");
}

/* ---- good files ----------------------------------------------------------- */

static const char full_json[] =
  "{\n"
  "  \"pagewalk\": 1,\n"
  "  \"title\": \"Two processes\",\n"
  "  \"description\": \"Free text.\",\n"
  "  \"arch\": \"x86-64\",\n"
  "  \"memory\": { \"size\": \"64MiB\" },\n"
  "  \"disk\": { \"slots\": 64 },\n"
  "  \"tlb\": { \"entries\": 16, \"ways\": 4, \"policy\": \"fifo\", \"asid\": true },\n"
  "  \"policy\": \"clock\",\n"
  "  \"seed\": \"0xffffffffffffffff\",\n"
  "  \"frame_image\": [ { \"frame\": \"0x3f00\", \"hex\": \"0123456789ABCDEF\" },\n"
  "                   { \"frame\": 7, \"hex\": \"\" } ],\n"
  "  \"processes\": [\n"
  "    { \"pid\": 1, \"name\": \"editor\", \"root\": \"0x3000\",\n"
  "      \"regions\": [ { \"start\": \"0x40000000\", \"size\": \"64KiB\", \"state\": \"committed\",\n"
  "                     \"prot\": \"rw-\", \"name\": \"heap\" },\n"
  "                   { \"start\": \"0x7f0000000000\", \"size\": \"2MiB\", \"state\": \"committed\",\n"
  "                     \"prot\": \"r-x\", \"name\": \"libc\", \"share\": \"libc\" },\n"
  "                   { \"start\": \"0x50000\", \"size\": \"8KiB\", \"state\": \"reserved\", \"prot\": \"r\" },\n"
  "                   { \"start\": \"0xffff800000000000\", \"size\": \"4KiB\", \"kernel\": true },\n"
  "                   { \"start\": \"0xfffffffffffff000\", \"size\": \"4KiB\", \"prot\": \"rwx\" } ],\n"
  "      \"map\": [ { \"page\": \"0x2\", \"frame\": \"0x109\" },\n"
  "               { \"va\": \"0x3000\", \"disk\": 7 },\n"
  "               { \"va\": \"0x200000\", \"frame\": \"0x400\", \"size\": \"2MiB\", \"prot\": \"r-x\" },\n"
  "               { \"page\": 16, \"frame\": 32, \"pages\": 3, \"prot\": \"r--\" } ] },\n"
  "    { \"pid\": 2, \"name\": \"shell\",\n"
  "      \"regions\": [ { \"start\": \"0x7f0000000000\", \"size\": \"2MiB\", \"state\": \"committed\",\n"
  "                     \"prot\": \"r-x\", \"name\": \"libc\", \"share\": \"libc\" } ] }\n"
  "  ],\n"
  "  \"steps\": [ \"r 0x0002150\", \"w 1 0x40000010\", \"x\\t2   0x7f0000000000\", \"switch 2\",\n"
  "             { \"access\": \"w\", \"pid\": 1, \"va\": \"0x40000008\" },\n"
  "             { \"access\": \"exec\", \"va\": 4096 },\n"
  "             { \"switch\": 1 },\n"
  "             { \"reserve\": { \"pid\": 1, \"start\": \"0x60000\", \"size\": \"16KiB\" } },\n"
  "             { \"commit\": { \"pid\": 1, \"start\": \"0x60000\", \"size\": \"8KiB\", \"prot\": \"r-x\" } },\n"
  "             { \"decommit\": { \"pid\": 1, \"start\": \"0x60000\", \"size\": \"4KiB\" } },\n"
  "             { \"free\": { \"pid\": 1, \"start\": \"0x60000\", \"size\": \"16KiB\" } },\n"
  "             { \"touch\": { \"pid\": 2, \"start\": \"0x7f0000000000\", \"size\": \"12KiB\", \"access\": \"x\" } },\n"
  "             { \"touch\": { \"pid\": 1, \"start\": \"0x40000000\", \"size\": \"4KiB\" } },\n"
  "             { \"spawn\": { \"pid\": 3, \"name\": \"late\",\n"
  "                          \"regions\": [ { \"start\": \"0x1000\", \"size\": \"4KiB\" } ] } },\n"
  "             { \"fork\": { \"parent\": 1, \"child\": 4 } },\n"
  "             { \"exit\": 3 } ]\n"
  "}\n";

static void
test_good_full (void)
{
  g_autoptr(PwScenario) sc = parse_ok (full_json);
  const PwProcessSpec *p1, *p2;
  const PwRegionSpec *r;
  const PwMapSpec *m;
  const PwFrameImage *f;
  const PwStep *s;
  char buf[4];

  g_assert_cmpstr (sc->filename, ==, "t.pagewalk");
  g_assert_cmpstr (sc->title, ==, "Two processes");
  g_assert_cmpstr (sc->description, ==, "Free text.");
  g_assert_cmpstr (sc->arch->name, ==, "x86-64");
  g_assert_cmpuint (sc->memory_frames, ==, (64 << 20) / 4096);
  g_assert_cmpuint (sc->disk_slots, ==, 64);
  g_assert_true (sc->tlb);
  g_assert_cmpuint (sc->tlb_entries, ==, 16);
  g_assert_cmpuint (sc->tlb_ways, ==, 4);
  g_assert_cmpint (sc->tlb_policy, ==, PW_TLB_FIFO);
  g_assert_true (sc->tlb_asid);
  g_assert_cmpint (sc->policy, ==, PW_POLICY_CLOCK);
  g_assert_cmpuint (sc->seed, ==, G_MAXUINT64);

  g_assert_cmpuint (sc->frame_images->len, ==, 2);
  f = &g_array_index (sc->frame_images, PwFrameImage, 0);
  g_assert_cmpuint (f->frame, ==, 0x3f00);
  g_assert_cmpuint (f->n_bytes, ==, 8);
  g_assert_cmpuint (f->bytes[0], ==, 0x01);
  g_assert_cmpuint (f->bytes[7], ==, 0xef);
  g_assert_cmpstr (f->path, ==, "frame_image[0]");
  f = &g_array_index (sc->frame_images, PwFrameImage, 1);
  g_assert_cmpuint (f->frame, ==, 7);
  g_assert_cmpuint (f->n_bytes, ==, 0);

  g_assert_cmpuint (sc->processes->len, ==, 2);
  p1 = process (sc, 0);
  g_assert_cmpuint (p1->pid, ==, 1);
  g_assert_cmpstr (p1->name, ==, "editor");
  g_assert_true (p1->has_root);
  g_assert_cmpuint (p1->root, ==, 0x3000);
  g_assert_cmpstr (p1->path, ==, "processes[0]");
  g_assert_cmpuint (p1->regions->len, ==, 5);
  r = REGION (p1, 0);
  g_assert_cmpuint (r->start, ==, 0x40000000);
  g_assert_cmpuint (r->size, ==, 64 * 1024);
  g_assert_cmpint (r->state, ==, PW_REGION_COMMITTED);
  g_assert_cmpstr (pw_prot_string (r->prot, buf), ==, "rw-");
  g_assert_cmpstr (r->name, ==, "heap");
  g_assert_null (r->share);
  g_assert_false (r->kernel);
  g_assert_cmpstr (r->path, ==, "processes[0].regions[0]");
  r = REGION (p1, 1);
  g_assert_cmpstr (r->share, ==, "libc");
  g_assert_cmpstr (pw_prot_string (r->prot, buf), ==, "r-x");
  r = REGION (p1, 2);
  g_assert_cmpint (r->state, ==, PW_REGION_RESERVED);
  g_assert_cmpint (r->prot, ==, PW_PROT_R);
  g_assert_null (r->name);
  r = REGION (p1, 3);
  g_assert_cmpuint (r->start, ==, G_GUINT64_CONSTANT (0xffff800000000000));
  g_assert_true (r->kernel);
  g_assert_cmpint (r->state, ==, PW_REGION_COMMITTED);   /* default */
  g_assert_cmpstr (pw_prot_string (r->prot, buf), ==, "rw-"); /* default */
  r = REGION (p1, 4);
  g_assert_cmpuint (r->start, ==, G_GUINT64_CONSTANT (0xfffffffffffff000));
  g_assert_cmpint (r->prot, ==, PW_PROT_R | PW_PROT_W | PW_PROT_X);

  g_assert_cmpuint (p1->maps->len, ==, 4);
  m = MAP (p1, 0);
  g_assert_cmpuint (m->va, ==, 0x2000);
  g_assert_false (m->on_disk);
  g_assert_cmpuint (m->frame, ==, 0x109);
  g_assert_cmpuint (m->size, ==, 4096);
  g_assert_cmpuint (m->pages, ==, 1);
  g_assert_cmpint (m->prot, ==, PW_PROT_R | PW_PROT_W);
  g_assert_cmpstr (m->path, ==, "processes[0].map[0]");
  m = MAP (p1, 1);
  g_assert_cmpuint (m->va, ==, 0x3000);
  g_assert_true (m->on_disk);
  g_assert_cmpuint (m->slot, ==, 7);
  m = MAP (p1, 2);
  g_assert_cmpuint (m->va, ==, 0x200000);
  g_assert_cmpuint (m->frame, ==, 0x400);
  g_assert_cmpuint (m->size, ==, 2 << 20);
  g_assert_cmpint (m->prot, ==, PW_PROT_R | PW_PROT_X);
  m = MAP (p1, 3);
  g_assert_cmpuint (m->va, ==, 0x10000);
  g_assert_cmpuint (m->frame, ==, 32);
  g_assert_cmpuint (m->pages, ==, 3);
  g_assert_cmpint (m->prot, ==, PW_PROT_R);

  p2 = process (sc, 1);
  g_assert_cmpuint (p2->pid, ==, 2);
  g_assert_false (p2->has_root);
  g_assert_cmpuint (p2->maps->len, ==, 0);
  g_assert_cmpuint (p2->segments->len, ==, 0);

  g_assert_cmpuint (sc->steps->len, ==, 16);
  s = STEP (sc, 0);
  g_assert_cmpint (s->kind, ==, PW_STEP_ACCESS);
  g_assert_cmpint (s->access, ==, PW_ACCESS_READ);
  g_assert_cmpuint (s->pid, ==, 0);
  g_assert_cmpuint (s->va, ==, 0x2150);
  g_assert_cmpstr (s->path, ==, "steps[0]");
  s = STEP (sc, 1);
  g_assert_cmpint (s->access, ==, PW_ACCESS_WRITE);
  g_assert_cmpuint (s->pid, ==, 1);
  g_assert_cmpuint (s->va, ==, 0x40000010);
  s = STEP (sc, 2);
  g_assert_cmpint (s->access, ==, PW_ACCESS_EXEC);
  g_assert_cmpuint (s->pid, ==, 2);
  s = STEP (sc, 3);
  g_assert_cmpint (s->kind, ==, PW_STEP_SWITCH);
  g_assert_cmpuint (s->pid, ==, 2);
  s = STEP (sc, 4);
  g_assert_cmpint (s->kind, ==, PW_STEP_ACCESS);
  g_assert_cmpint (s->access, ==, PW_ACCESS_WRITE);
  g_assert_cmpuint (s->pid, ==, 1);
  g_assert_cmpuint (s->va, ==, 0x40000008);
  s = STEP (sc, 5);
  g_assert_cmpint (s->access, ==, PW_ACCESS_EXEC);
  g_assert_cmpuint (s->pid, ==, 0);
  g_assert_cmpuint (s->va, ==, 4096);
  s = STEP (sc, 6);
  g_assert_cmpint (s->kind, ==, PW_STEP_SWITCH);
  g_assert_cmpuint (s->pid, ==, 1);
  s = STEP (sc, 7);
  g_assert_cmpint (s->kind, ==, PW_STEP_RESERVE);
  g_assert_cmpuint (s->start, ==, 0x60000);
  g_assert_cmpuint (s->size, ==, 16384);
  g_assert_false (s->has_prot);
  g_assert_cmpint (s->prot, ==, PW_PROT_R | PW_PROT_W);
  s = STEP (sc, 8);
  g_assert_cmpint (s->kind, ==, PW_STEP_COMMIT);
  g_assert_true (s->has_prot);
  g_assert_cmpint (s->prot, ==, PW_PROT_R | PW_PROT_X);
  g_assert_cmpint (STEP (sc, 9)->kind, ==, PW_STEP_DECOMMIT);
  g_assert_cmpint (STEP (sc, 10)->kind, ==, PW_STEP_FREE);
  s = STEP (sc, 11);
  g_assert_cmpint (s->kind, ==, PW_STEP_TOUCH);
  g_assert_cmpuint (s->pid, ==, 2);
  g_assert_cmpint (s->access, ==, PW_ACCESS_EXEC);
  g_assert_cmpuint (s->size, ==, 12288);
  s = STEP (sc, 12);
  g_assert_cmpint (s->access, ==, PW_ACCESS_READ);   /* default */
  s = STEP (sc, 13);
  g_assert_cmpint (s->kind, ==, PW_STEP_SPAWN);
  g_assert_nonnull (s->spawn);
  g_assert_cmpuint (s->spawn->pid, ==, 3);
  g_assert_cmpstr (s->spawn->name, ==, "late");
  g_assert_cmpstr (s->spawn->path, ==, "steps[13].spawn");
  g_assert_cmpuint (s->spawn->regions->len, ==, 1);
  g_assert_cmpstr (REGION (s->spawn, 0)->path, ==, "steps[13].spawn.regions[0]");
  s = STEP (sc, 14);
  g_assert_cmpint (s->kind, ==, PW_STEP_FORK);
  g_assert_cmpuint (s->pid, ==, 1);
  g_assert_cmpuint (s->child, ==, 4);
  s = STEP (sc, 15);
  g_assert_cmpint (s->kind, ==, PW_STEP_EXIT);
  g_assert_cmpuint (s->pid, ==, 3);
}

static void
test_good_defaults (void)
{
  g_autoptr(PwScenario) sc = parse_ok ("{\"pagewalk\": 1}");

  g_assert_cmpstr (sc->title, ==, "t");          /* the file name without .pagewalk */
  g_assert_cmpstr (sc->description, ==, "");
  g_assert_cmpstr (sc->arch->name, ==, "seed");
  g_assert_cmpuint (sc->memory_frames, ==, 65536); /* 256 MiB of 4 KiB frames */
  g_assert_cmpuint (sc->disk_slots, ==, 0);
  g_assert_false (sc->tlb);
  g_assert_cmpint (sc->policy, ==, PW_POLICY_FIFO);
  g_assert_cmpuint (sc->seed, ==, 0);
  g_assert_cmpuint (sc->frame_images->len, ==, 0);
  g_assert_cmpuint (sc->processes->len, ==, 0);
  g_assert_cmpuint (sc->steps->len, ==, 0);
}

static void
test_good_tlb_defaults (void)
{
  g_autoptr(PwScenario) sc = parse_ok ("{\"pagewalk\": 1, \"tlb\": {\"entries\": 8}}");
  g_autoptr(PwScenario) off = parse_ok ("{\"pagewalk\": 1, \"tlb\": false}");

  g_assert_true (sc->tlb);
  g_assert_cmpuint (sc->tlb_entries, ==, 8);
  g_assert_cmpuint (sc->tlb_ways, ==, 8);   /* fully associative */
  g_assert_cmpint (sc->tlb_policy, ==, PW_TLB_LRU);
  g_assert_false (sc->tlb_asid);
  g_assert_false (off->tlb);
}

static void
test_good_memory_frames (void)
{
  g_autoptr(PwScenario) a = parse_ok ("{\"pagewalk\": 1, \"memory\": {\"frames\": \"0x40\"}}");
  g_autoptr(PwScenario) b = parse_ok ("{\"pagewalk\": 1, \"arch\": \"x86-64\", \"memory\": {\"size\": \"4GiB\"}}");
  g_autoptr(PwScenario) c = parse_ok ("{\"pagewalk\": 1, \"arch\": \"x86-64\"}");
  g_autoptr(PwScenario) d = parse_ok ("{\"pagewalk\": 1, \"arch\": \"ostep-multilevel\"}");

  g_assert_cmpuint (a->memory_frames, ==, 64);
  g_assert_cmpuint (b->memory_frames, ==, G_GUINT64_CONSTANT (1) << 20);
  g_assert_cmpuint (c->memory_frames, ==, c->arch->default_memory / 4096);
  g_assert_cmpuint (d->memory_frames, ==, 128);  /* 4 KiB of 32-byte pages */
}

static void
test_good_custom_paged (void)
{
  g_autoptr(PwScenario) sc = parse_ok (
    "{\"pagewalk\": 1, \"arch\": { \"name\": \"course-16\", \"va_bits\": 16, \"pa_bits\": 16,"
    " \"page_size\": 256, \"levels\": [8],"
    " \"pte\": { \"bytes\": 2, \"present\": 15, \"pfn_shift\": 0, \"pfn_bits\": 8,"
    "   \"writable\": 14, \"user\": 13, \"accessed\": 12, \"dirty\": 11, \"nx\": null, \"huge\": null },"
    " \"endian\": \"big\" },"
    " \"processes\": [ { \"pid\": 1, \"map\": [ { \"page\": 3, \"frame\": \"0xff\" } ] } ] }");
  const PwArch *a = sc->arch;

  g_assert_cmpstr (a->name, ==, "course-16");
  g_assert_cmpint (a->kind, ==, PW_ARCH_PAGED);
  g_assert_cmpint (a->fmt, ==, PW_FMT_CUSTOM);
  g_assert_cmpuint (a->va_bits, ==, 16);
  g_assert_cmpuint (a->pa_bits, ==, 16);
  g_assert_cmpuint (a->page_shift, ==, 8);
  g_assert_cmpuint (a->n_levels, ==, 1);
  g_assert_cmpuint (a->level_bits[0], ==, 8);
  g_assert_cmpstr (a->level_names[0], ==, "L1");
  g_assert_cmpuint (a->pte_bytes, ==, 2);
  g_assert_true (a->big_endian);
  g_assert_cmpint (a->custom.present, ==, 15);
  g_assert_cmpint (a->custom.writable, ==, 14);
  g_assert_cmpint (a->custom.user, ==, 13);
  g_assert_cmpint (a->custom.accessed, ==, 12);
  g_assert_cmpint (a->custom.dirty, ==, 11);
  g_assert_cmpint (a->custom.nx, ==, -1);
  g_assert_cmpint (a->custom.huge, ==, -1);
  g_assert_cmpuint (a->custom.pfn_shift, ==, 0);
  g_assert_cmpuint (a->custom.pfn_bits, ==, 8);
  g_assert_cmpstr (a->root_register, ==, "PTBR");
  g_assert_false (a->canonical);
  g_assert_cmpuint (sc->memory_frames, ==, 256);  /* 2^16 bytes of 256-byte pages */
  g_assert_cmpuint (MAP (process (sc, 0), 0)->va, ==, 0x300);
}

static void
test_good_custom_levels (void)
{
  g_autoptr(PwScenario) sc = parse_ok (
    "{\"pagewalk\": 1, \"arch\": { \"va_bits\": 32, \"pa_bits\": 32, \"page_size\": \"4KiB\","
    " \"levels\": [10, 10], \"pte\": { \"bytes\": 4, \"present\": 0, \"pfn_shift\": 12,"
    " \"pfn_bits\": 20, \"huge\": 7 } },"
    " \"processes\": [ { \"pid\": 1, \"map\": [ { \"va\": \"0x400000\", \"frame\": \"0x400\", \"size\": \"4MiB\" } ] } ] }");

  g_assert_cmpstr (sc->arch->name, ==, "custom");
  g_assert_cmpuint (sc->arch->n_levels, ==, 2);
  g_assert_cmpstr (sc->arch->level_names[1], ==, "L2");
  g_assert_true (sc->arch->large_ok[0]);
  g_assert_false (sc->arch->big_endian);
  g_assert_cmpuint (MAP (process (sc, 0), 0)->size, ==, 4 << 20);
}

static void
test_good_base_bounds (void)
{
  g_autoptr(PwScenario) sc = parse_ok (
    "{\"pagewalk\": 1, \"arch\": {\"kind\": \"base-bounds\", \"va_bits\": 10, \"pa_bits\": 14},"
    " \"processes\": [ {\"pid\": 1, \"base\": \"0x3000\", \"limit\": 300},"
    "                  {\"pid\": 2, \"base\": 0, \"limit\": \"1KiB\"} ] }");
  const PwProcessSpec *p = process (sc, 0);

  g_assert_cmpint (sc->arch->kind, ==, PW_ARCH_BASE_BOUNDS);
  g_assert_cmpuint (sc->arch->page_shift, ==, 12);
  g_assert_cmpuint (sc->memory_frames, ==, 4);  /* 2^14 bytes */
  g_assert_cmpuint (p->segments->len, ==, 1);
  g_assert_cmpuint (SEG (p, 0)->base, ==, 0x3000);
  g_assert_cmpuint (SEG (p, 0)->limit, ==, 300);
  g_assert_false (SEG (p, 0)->grows_down);
  g_assert_cmpuint (SEG (process (sc, 1), 0)->limit, ==, 1024);
}

/* pa_bits 64: all 2^64 bytes of memory, and segments ending exactly at 2^64 */
static void
test_good_pa_64 (void)
{
  g_autoptr(PwScenario) bb = load_ok (
    "{\"pagewalk\": 1, \"arch\": {\"kind\": \"base-bounds\", \"va_bits\": 10, \"pa_bits\": 64},"
    " \"processes\": [ {\"pid\": 1, \"base\": \"0\", \"limit\": \"0x100\"},"
    "                  {\"pid\": 2, \"base\": \"0xffffffffffffff00\", \"limit\": \"0x100\"},"
    "                  {\"pid\": 3, \"base\": \"0x1000\", \"limit\": \"0x100\"} ] }");
  g_autoptr(PwScenario) top = load_ok (
    "{\"pagewalk\": 1, \"arch\": {\"kind\": \"base-bounds\", \"va_bits\": 16, \"pa_bits\": 64},"
    " \"processes\": [ {\"pid\": 1, \"base\": \"0xffffffffffff0000\", \"limit\": \"0x10000\"} ] }");
  g_autoptr(PwScenario) seg = load_ok (
    "{\"pagewalk\": 1, \"arch\": {\"kind\": \"segmented\", \"va_bits\": 16, \"pa_bits\": 64,"
    " \"segment_bits\": 1},"
    " \"processes\": [ {\"pid\": 1, \"segments\": [ {\"base\": \"0xffffffffffff8000\", \"limit\": \"0x8000\"},"
    "                  {\"base\": \"0x8000\", \"limit\": \"0x8000\", \"grows\": \"down\"} ] } ] }");
  g_autofree char *past = parse_err (
    "{\"pagewalk\": 1, \"arch\": {\"kind\": \"base-bounds\", \"va_bits\": 16, \"pa_bits\": 64},"
    " \"processes\": [ {\"pid\": 1, \"base\": \"0xffffffffffff0001\", \"limit\": \"0x10000\"} ] }");

  g_assert_cmpuint (SEG (process (bb, 1), 0)->base, ==, G_GUINT64_CONSTANT (0xffffffffffffff00));
  g_assert_cmpuint (SEG (process (top, 0), 0)->limit, ==, 0x10000);
  g_assert_cmpuint (SEG (process (seg, 0), 0)->base, ==, G_GUINT64_CONSTANT (0xffffffffffff8000));
  g_assert_cmpstr (past, ==, "t.pagewalk: processes[0].base: base 0xffffffffffff0001 plus limit 0x10000 "
                   "goes past the 64-bit physical address space");
}

/* A pin may have fewer rights than its region; with no region around it,
 * its own prot makes the implied region. */
static void
test_good_map_prot (void)
{
  g_autoptr(PwScenario) sc = load_ok (
    "{\"pagewalk\": 1, \"arch\": \"x86-32\","
    " \"processes\": [ {\"pid\": 1,"
    "   \"regions\": [ {\"start\": \"0x1000\", \"size\": \"0x2000\", \"state\": \"committed\", \"prot\": \"rwx\"} ],"
    "   \"map\": [ {\"page\": 1, \"frame\": 8, \"prot\": \"r-x\"}, {\"page\": 2, \"frame\": 9},"
    "            {\"page\": 16, \"frame\": 10, \"prot\": \"rwx\"}, {\"page\": 17, \"frame\": 11} ] } ] }");
  g_autoptr(GError) error = NULL;
  PwMachine *m = pw_machine_new (sc, &error);
  const PwProcess *p;

  g_assert_no_error (error);
  p = pw_machine_lookup (m, 1);
  g_assert_cmpint (pw_process_find_region (p, 0x10000)->prot, ==, PW_PROT_R | PW_PROT_W | PW_PROT_X);
  g_assert_cmpint (pw_process_find_region (p, 0x11000)->prot, ==, PW_PROT_R | PW_PROT_W);
  pw_machine_free (m);
}

static void
test_good_segmented (void)
{
  g_autoptr(PwScenario) sc = parse_ok (
    "{\"pagewalk\": 1, \"arch\": {\"kind\": \"segmented\", \"name\": \"ostep\", \"va_bits\": 10,"
    " \"pa_bits\": 6, \"segment_bits\": 1},"
    " \"processes\": [ {\"pid\": 1, \"segments\": [ {\"base\": 16, \"limit\": 20},"
    "                  {\"base\": 64, \"limit\": 30, \"grows\": \"down\"} ] } ] }");
  const PwProcessSpec *p = process (sc, 0);

  g_assert_cmpint (sc->arch->kind, ==, PW_ARCH_SEGMENTED);
  g_assert_cmpstr (sc->arch->name, ==, "ostep");
  g_assert_cmpuint (sc->arch->segment_bits, ==, 1);
  g_assert_cmpuint (sc->arch->page_shift, ==, 6);   /* MIN (12, pa_bits) */
  g_assert_cmpuint (sc->memory_frames, ==, 1);
  g_assert_cmpuint (p->segments->len, ==, 2);
  g_assert_true (SEG (p, 1)->grows_down);
  g_assert_cmpuint (SEG (p, 1)->base, ==, 64);
}

static void
test_good_preset_object (void)
{
  g_autoptr(PwScenario) a = parse_ok ("{\"pagewalk\": 1, \"arch\": {\"preset\": \"aarch64-4k\", \"hardware_dirty\": true}}");
  g_autoptr(PwScenario) b = parse_ok ("{\"pagewalk\": 1, \"arch\": {\"preset\": \"aarch64-4k\"}}");
  g_autoptr(PwScenario) c = parse_ok ("{\"pagewalk\": 1, \"arch\": {\"preset\": \"riscv-sv39\", \"hardware_dirty\": false}}");

  g_assert_cmpstr (a->arch->name, ==, "aarch64-4k");
  g_assert_true (a->arch->hw_dirty);
  g_assert_false (b->arch->hw_dirty);
  g_assert_cmpstr (c->arch->name, ==, "riscv-sv39");
}

static void
test_good_every_preset (void)
{
  const char * const *names = pw_arch_preset_names ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"pagewalk\": 1, \"arch\": \"%s\"}", names[i]);
      g_autoptr(PwScenario) sc = parse_ok (json);
      g_assert_cmpstr (sc->arch->name, ==, names[i]);
      g_assert_cmpuint (sc->memory_frames, >, 0);
      g_assert_cmpuint (sc->memory_frames, <=, pw_arch_max_frames (sc->arch));
    }
}

static void
test_good_bom_and_unicode (void)
{
  const char json[] = "\xef\xbb\xbf{\"pagewalk\": 1, \"title\": \"caf\\u00e9 \xe2\x86\x92 \\ud83d\\ude00\"}";
  g_autoptr(PwScenario) sc = parse_ok (json);

  g_assert_cmpstr (sc->title, ==, "café → \xf0\x9f\x98\x80");
}

static void
test_good_not_nul_terminated (void)
{
  const char json[] = "{\"pagewalk\": 1, \"seed\": 12}";
  gsize len = strlen (json);
  g_autofree char *copy = g_malloc (len);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwScenario) sc = NULL;

  memcpy (copy, json, len);
  sc = pw_scenario_parse (copy, len, "t.pagewalk", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sc->seed, ==, 12);
}

static void
test_good_load_machine (void)
{
  g_autoptr(PwScenario) sc = load_ok (
    "{\"pagewalk\": 1, \"disk\": {\"slots\": 8},"
    " \"processes\": [ {\"pid\": 1, \"regions\": [ {\"start\": 0, \"size\": \"16KiB\"} ],"
    "   \"map\": [ {\"page\": 0, \"frame\": \"0xa7\"}, {\"page\": 3, \"disk\": 7} ] } ],"
    " \"steps\": [ \"r 0x24\", \"w 0x3010\" ] }");

  g_assert_cmpuint (sc->steps->len, ==, 2);
}

/* ---- small functions ------------------------------------------------------ */

static void
test_names (void)
{
  PwPolicy policy;
  PwProt prot;
  char buf[4];
  static const struct { const char *s; PwProt p; } prots[] = {
    { "rw-", PW_PROT_R | PW_PROT_W }, { "r-x", PW_PROT_R | PW_PROT_X },
    { "rwx", PW_PROT_R | PW_PROT_W | PW_PROT_X }, { "---", 0 }, { "rw", PW_PROT_R | PW_PROT_W },
    { "rx", PW_PROT_R | PW_PROT_X }, { "r", PW_PROT_R }, { "--x", PW_PROT_X }, { "-w-", PW_PROT_W },
  };
  static const char * const bad_prots[] = { "", "wr", "rwxr", "rr", "RW", "r w", "abc", "-" "-" "-" "-" };

  for (guint i = 0; i < G_N_ELEMENTS (prots); i++)
    {
      g_assert_true (pw_prot_from_string (prots[i].s, &prot));
      g_assert_cmpint (prot, ==, prots[i].p);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad_prots); i++)
    g_assert_false (pw_prot_from_string (bad_prots[i], &prot));
  g_assert_cmpstr (pw_prot_string (PW_PROT_R | PW_PROT_X, buf), ==, "r-x");
  g_assert_cmpstr (pw_prot_string (0, buf), ==, "---");

  for (PwPolicy p = PW_POLICY_FIFO; p <= PW_POLICY_MRU; p++)
    {
      g_assert_true (pw_policy_from_string (pw_policy_name (p), &policy));
      g_assert_cmpint (policy, ==, p);
    }
  g_assert_cmpstr (pw_policy_name (PW_POLICY_OPT), ==, "opt");
  g_assert_false (pw_policy_from_string ("belady", &policy));
  g_assert_cmpstr (pw_region_state_name (PW_REGION_FREE), ==, "free");
  g_assert_cmpstr (pw_region_state_name (PW_REGION_RESERVED), ==, "reserved");
  g_assert_cmpstr (pw_region_state_name (PW_REGION_COMMITTED), ==, "committed");
}

static void
test_step_strings (void)
{
  static const struct {
    const char *text;
    PwStepKind kind;
    PwAccess access;
    guint pid;
    guint64 va;
  } good[] = {
    { "r 0x0002150", PW_STEP_ACCESS, PW_ACCESS_READ, 0, 0x2150 },
    { "w 1 0x40000010", PW_STEP_ACCESS, PW_ACCESS_WRITE, 1, 0x40000010 },
    { "  x   3\t4096  ", PW_STEP_ACCESS, PW_ACCESS_EXEC, 3, 4096 },
    { "r 0xffffffffffffffff", PW_STEP_ACCESS, PW_ACCESS_READ, 0, G_MAXUINT64 },
    { "r 0x10 4KiB", PW_STEP_ACCESS, PW_ACCESS_READ, 16, 4096 },
    { "switch 2", PW_STEP_SWITCH, 0, 2, 0 },
    { "switch 0x10", PW_STEP_SWITCH, 0, 16, 0 },
  };
  static const char * const bad[] = {
    "", "r", "switch", "switch 0", "switch 1 2", "q 0x10", "r 1 2 3", "R 0x10",
    "r 0 0x10", "r 0x100000000 0x10", "r zz", "read 0x10 now", "switch -1",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      PwStep step;

      memset (&step, 0xaa, sizeof step);
      g_assert_true (pw_step_parse_string (good[i].text, &step, &error));
      g_assert_no_error (error);
      g_assert_cmpint (step.kind, ==, good[i].kind);
      g_assert_cmpuint (step.pid, ==, good[i].pid);
      if (step.kind == PW_STEP_ACCESS)
        {
          g_assert_cmpint (step.access, ==, good[i].access);
          g_assert_cmpuint (step.va, ==, good[i].va);
        }
      g_assert_null (step.path);
      g_assert_null (step.spawn);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      PwStep step = { 0 };

      g_assert_false (pw_step_parse_string (bad[i], &step, &error));
      g_assert_error (error, PW_ERROR, error->code);
      g_assert_null (strchr (error->message, '\n'));
    }
}

/* ---- examples and files --------------------------------------------------- */

static void
test_examples_list (void)
{
  PwExampleInfo **list = pw_examples_list ();
  static const char * const order[] = {
    "seed", "relocation", "chunks", "overcommit", "fragmentation", "protections",
    "page-states", "x86-32-split", "x86-64", "large-pages", "tlb", "belady", "clock", "multilevel",
    "riscv-sv39", "cow-fork", "multiprocess",
  };
  int last_rank = -1;
  guint n;

  for (n = 0; list[n] != NULL; n++)
    {
      int rank = G_N_ELEMENTS (order);
      g_autoptr(GBytes) bytes = pw_example_bytes (list[n]->name);

      for (guint k = 0; k < G_N_ELEMENTS (order); k++)
        if (g_str_equal (order[k], list[n]->name))
          rank = (int) k;
      g_assert_cmpint (rank, >=, last_rank);
      if (rank == (int) G_N_ELEMENTS (order) && n > 0 && last_rank == rank)
        g_assert_cmpint (strcmp (list[n - 1]->name, list[n]->name), <, 0);
      last_rank = rank;

      g_assert_nonnull (bytes);
      g_assert_nonnull (list[n]->title);
      g_assert_cmpstr (list[n]->title, !=, "");
      g_assert_cmpstr (list[n]->arch, !=, "");
      g_assert_nonnull (list[n]->description);
    }
  g_assert_cmpuint (n, >=, 2);
  g_assert_cmpstr (list[0]->name, ==, "seed");
  g_assert_cmpstr (list[0]->arch, ==, "seed");
  pw_examples_free (list);

  g_assert_null (pw_example_bytes ("no-such-example"));
  g_assert_null (pw_example_bytes ("../seed"));
  g_assert_null (pw_example_bytes (""));
}

static void
test_examples_load (void)
{
  PwExampleInfo **list = pw_examples_list ();

  for (guint i = 0; list[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PwScenario) sc = pw_scenario_load (list[i]->name, &error);
      g_autofree char *display = g_strconcat (list[i]->name, ".pagewalk", NULL);

      if (sc == NULL)
        g_error ("example %s: %s", list[i]->name, error->message);
      g_assert_cmpstr (sc->filename, ==, display);
      g_assert_cmpstr (sc->title, ==, list[i]->title);
    }
  pw_examples_free (list);
}

static void
test_files (void)
{
  g_autoptr(GError) e1 = NULL, e2 = NULL, e3 = NULL, e4 = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pw-loader-XXXXXX", NULL);
  g_autofree char *good = g_build_filename (dir, "good.pagewalk", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.pagewalk", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.pagewalk", NULL);
  g_autofree char *expected = NULL;
  g_autoptr(PwScenario) sc = NULL;

  g_assert_nonnull (dir);
  g_assert_true (g_file_set_contents (good, "{\"pagewalk\": 1, \"title\": \"file\"}", -1, NULL));
  g_assert_true (g_file_set_contents (bad, "{\"pagewalk\": 1,\n \"titel\": 2}", -1, NULL));

  sc = pw_scenario_load (good, &e1);
  g_assert_no_error (e1);
  g_assert_cmpstr (sc->title, ==, "file");
  g_assert_cmpstr (sc->filename, ==, good);

  g_assert_null (pw_scenario_load_file (bad, &e2));
  expected = g_strdup_printf ("%s: unknown key “titel” (did you mean “title”?)", bad);
  g_assert_cmpstr (e2->message, ==, expected);

  g_assert_null (pw_scenario_load (missing, &e3));
  g_assert_error (e3, PW_ERROR, PW_ERROR_IO);
  g_assert_true (strstr (e3->message, "no such file or example: ") == e3->message);
  g_assert_true (g_str_has_suffix (e3->message, " (see `pagewalk-cli examples`)"));

  g_assert_null (pw_scenario_load_file (dir, &e4));
  g_assert_error (e4, PW_ERROR, PW_ERROR_IO);
  g_assert_true (g_str_has_prefix (e4->message, dir));

  g_unlink (good);
  g_unlink (bad);
  g_rmdir (dir);
}

/* ---- errors: generated inputs ---------------------------------------------- */

static void
test_errors_deep_nesting (void)
{
  GString *s = g_string_new ("{\"pagewalk\": 1, \"title\": ");
  g_autofree char *e = NULL;

  for (guint i = 0; i < 50000; i++)
    g_string_append (s, "{\"a\":[");
  e = parse_err (s->str);
  /* the 65th level is the 64th bracket of the value: the "[" of the 32nd
   * "{"a":[", at column 25 + 31 * 6 + 6 */
  g_assert_cmpstr (e, ==, "t.pagewalk:1:217: nesting deeper than 64 levels");
  g_string_free (s, TRUE);

  s = g_string_new ("{\"pagewalk\": 1, \"title\": ");
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (s, '[');
  g_free (e);
  e = parse_err (s->str);
  g_assert_cmpstr (e, ==, "t.pagewalk:1:89: nesting deeper than 64 levels");
  g_string_free (s, TRUE);

  /* exactly 64 levels is fine (the value is then the wrong type) */
  s = g_string_new ("{\"pagewalk\": 1, \"title\": ");
  for (guint i = 0; i < 63; i++)
    g_string_append_c (s, '[');
  for (guint i = 0; i < 63; i++)
    g_string_append_c (s, ']');
  g_string_append_c (s, '}');
  g_free (e);
  e = parse_err (s->str);
  g_assert_cmpstr (e, ==, "t.pagewalk: title: expected a string, found an array");
  g_string_free (s, TRUE);
}

static void
test_errors_huge_strings (void)
{
  gsize n = 32 * 1024 * 1024;
  GString *s = g_string_sized_new (n + 100);
  g_autofree char *e = NULL;
  gint64 t0 = g_get_monotonic_time ();

  /* a 32 MiB title is refused (titles have at most 200 characters), in
   * linear time and with a short message */
  g_string_append (s, "{\"pagewalk\": 1, \"title\": \"");
  for (gsize i = 0; i < n; i++)
    g_string_append_c (s, 'a' + i % 26);
  g_string_append (s, "\"}");
  e = parse_err (s->str);
  g_assert_cmpstr (e, ==, "t.pagewalk: title: 33554432 characters is too long: at most 200");
  g_clear_pointer (&e, g_free);

  /* a 32 MiB key is refused with a short message */
  g_string_assign (s, "{\"pagewalk\": 1, \"");
  for (gsize i = 0; i < n; i++)
    g_string_append_c (s, 'k');
  g_string_append (s, "\": 1}");
  e = parse_err (s->str);
  g_assert_cmpuint (strlen (e), <, 300);
  g_assert_true (g_str_has_prefix (e, "t.pagewalk: unknown key “kkkk"));
  g_free (e);

  /* a 32 MiB number string too */
  g_string_assign (s, "{\"pagewalk\": 1, \"seed\": \"");
  for (gsize i = 0; i < n; i++)
    g_string_append_c (s, '1');
  g_string_append (s, "\"}");
  e = parse_err (s->str);
  g_assert_cmpuint (strlen (e), <, 300);

  g_string_free (s, TRUE);
  /* generous: linear work on 100 MiB takes a few seconds at most */
  g_assert_cmpint (g_get_monotonic_time () - t0, <, 60 * G_USEC_PER_SEC);
}

static void
test_errors_many_regions (void)
{
  GString *s = g_string_new ("{\"pagewalk\": 1, \"arch\": \"x86-64\", \"processes\": [{\"pid\": 1, \"regions\": [");
  guint n = 50000;
  g_autoptr(PwScenario) sc = NULL;
  g_autofree char *e = NULL;
  g_autofree char *expected = NULL;

  /* in descending order, so sorting is really needed */
  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "%s{\"start\": \"0x%x000\", \"size\": 4096}", i ? "," : "", (n - i) * 2);
  g_string_append (s, "]}]}");
  sc = parse_ok (s->str);
  g_assert_cmpuint (process (sc, 0)->regions->len, ==, n);

  /* one more that overlaps the first one written */
  g_string_truncate (s, s->len - 4);
  g_string_append_printf (s, ",{\"start\": \"0x%x000\", \"size\": \"8KiB\"}]}]}", n * 2 - 1);
  e = parse_err (s->str);
  expected = g_strdup_printf ("t.pagewalk: processes[0].regions[%u]: overlaps processes[0].regions[0] "
                              "(0x%x000–0x%xfff)", n, n * 2, n * 2);
  g_assert_cmpstr (e, ==, expected);
  g_string_free (s, TRUE);
}

/* Every prefix of a good file fails cleanly, with a location. */
static void
test_errors_truncated (void)
{
  gsize len = strlen (full_json);

  for (gsize i = 0; i < len - 2; i++)
    {
      g_autoptr(GError) error = NULL;
      PwScenario *sc = pw_scenario_parse (full_json, i, "t.pagewalk", &error);

      g_assert_null (sc);
      g_assert_nonnull (error);
      g_assert_true (g_str_has_prefix (error->message, "t.pagewalk:"));
      g_assert_null (strchr (error->message, '\n'));
    }
}

/* Every single-byte corruption fails or loads, never crashes or warns. */
static void
test_errors_mutations (void)
{
  gsize len = strlen (full_json);
  g_autofree char *copy = g_malloc (len);
  static const char bytes[] = { '"', '{', '}', '[', ']', ',', ':', '0', 'x', '\\', '\0', '\xff', ' ', '-' };

  for (gsize i = 0; i < len; i += 3)
    for (guint b = 0; b < G_N_ELEMENTS (bytes); b++)
      {
        g_autoptr(GError) error = NULL;
        PwScenario *sc;

        memcpy (copy, full_json, len);
        copy[i] = bytes[b];
        sc = pw_scenario_parse (copy, len, "t.pagewalk", &error);
        if (sc == NULL)
          {
            g_assert_nonnull (error);
            g_assert_true (g_str_has_prefix (error->message, "t.pagewalk"));
            g_assert_true (g_utf8_validate (error->message, -1, NULL));
            g_assert_null (strchr (error->message, '\n'));
          }
        pw_scenario_free (sc);
      }
}

/* ---- errors: the corpus ------------------------------------------------------- */

static void
test_bad_file (gconstpointer data)
{
  const char *path = data;
  g_autofree char *expected_path = g_strconcat (path, ".expected", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *base = g_path_get_basename (path);
  g_autoptr(GError) error = NULL;
  gsize len;
  PwScenario *sc;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  if (!g_file_get_contents (expected_path, &expected, NULL, NULL))
    g_error ("%s has no .expected file", path);
  g_strchomp (expected);

  sc = pw_scenario_load_data (contents, len, base, &error);
  if (sc != NULL)
    g_error ("%s loaded, but should fail with: %s", base, expected);
  g_assert_nonnull (error);
  g_assert_true (error->domain == PW_ERROR);
  g_assert_cmpstr (error->message, ==, expected);
}

/* ---- hostile input ------------------------------------------------------------ */

/* A one-line message: short, and no control character in it. */
static void
assert_short_clean (const char *message)
{
  g_assert_cmpuint (strlen (message), <, 200);
  for (const char *p = message; *p; p++)
    g_assert_true ((guchar) *p >= 0x20 && *p != 0x7f);
}

/* /dev/zero is refused at once: its first chunk holds a NUL byte. */
static void
test_hostile_dev_zero (void)
{
  g_autoptr(GError) error = NULL;
  gint64 t0 = g_get_monotonic_time ();

  if (!g_file_test ("/dev/zero", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no /dev/zero");
      return;
    }
  g_assert_null (pw_scenario_load_file ("/dev/zero", &error));
  g_assert_error (error, PW_ERROR, PW_ERROR_SYNTAX);
  g_assert_cmpstr (error->message, ==, "/dev/zero:1:1: the file contains a NUL byte; a scenario is UTF-8 text");
  g_assert_cmpint (g_get_monotonic_time () - t0, <, 5 * G_USEC_PER_SEC);
}

typedef struct
{
  const char   *fifo;
  GCancellable *cancellable;   /* cancelled once cancel_at bytes are written */
  gsize         cancel_at;
  gboolean      idle;          /* write nothing: cancel after a pause */
  gsize         written;
} Feeder;

/* Writes blanks into a FIFO until the reader closes it; the open does not
 * block, so a loader that never opens the FIFO cannot hang the test. */
static gpointer
feed_fifo (gpointer data)
{
  Feeder *f = data;
  g_autofree char *chunk = g_malloc (1 << 20);
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  int fd = -1;

  memset (chunk, ' ', 1 << 20);
  while (fd < 0 && g_get_monotonic_time () < deadline)
    {
      fd = open (f->fifo, O_WRONLY | O_NONBLOCK | O_CLOEXEC);
      if (fd < 0)
        g_usleep (1000);
    }
  if (fd < 0)
    return NULL;
  if (f->idle)
    {
      g_usleep (100 * 1000);    /* the reader now waits for bytes that never come */
      g_cancellable_cancel (f->cancellable);
      g_usleep (100 * 1000);
      close (fd);
      return NULL;
    }
  fcntl (fd, F_SETFL, fcntl (fd, F_GETFL) & ~O_NONBLOCK);
  for (;;)
    {
      gssize n = write (fd, chunk, 1 << 20);
      if (n <= 0)
        break;                  /* EPIPE: the reader is gone */
      f->written += (gsize) n;
      if (f->cancellable != NULL && f->written >= f->cancel_at)
        {
          g_cancellable_cancel (f->cancellable);
          f->cancellable = NULL;
        }
    }
  close (fd);
  return NULL;
}

static char *
make_fifo (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pw-fifo-XXXXXX", NULL);
  char *path;

  g_assert_nonnull (dir);
  path = g_build_filename (dir, "endless.pagewalk", NULL);
  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  return path;
}

static void
remove_fifo (char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_unlink (path);
  g_rmdir (dir);
  g_free (path);
}

/* An endless FIFO is refused once past the size limit, while reading. */
static void
test_hostile_fifo (void)
{
  g_autoptr(GError) error = NULL;
  char *fifo = make_fifo ();
  Feeder f = { fifo, NULL, 0, FALSE, 0 };
  GThread *th = g_thread_new ("feeder", feed_fifo, &f);
  g_autofree char *expected = g_strdup_printf ("%s: the file is larger than 256 MiB", fifo);

  g_assert_null (pw_scenario_load_file (fifo, &error));
  g_assert_error (error, PW_ERROR, PW_ERROR_IO);
  g_assert_cmpstr (error->message, ==, expected);
  g_thread_join (th);
  /* reading stopped just past the limit: the feeder wrote little more */
  g_assert_cmpuint (f.written, >, 256 << 20);
  g_assert_cmpuint (f.written, <=, (256 << 20) + (4 << 20));
  remove_fifo (fifo);
}

/* A cancellable stops a load: cancelled before, while a FIFO flows, and
 * while a FIFO is silent. */
static void
test_hostile_cancel (void)
{
  g_autoptr(GCancellable) before = g_cancellable_new ();
  g_autoptr(GCancellable) during = g_cancellable_new ();
  g_autoptr(GCancellable) idle = g_cancellable_new ();
  g_autoptr(GError) e1 = NULL;
  g_autoptr(GError) e2 = NULL;
  g_autoptr(GError) e3 = NULL;
  g_autoptr(GError) e4 = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pw-loader-XXXXXX", NULL);
  g_autofree char *good = g_build_filename (dir, "good.pagewalk", NULL);
  g_autoptr(PwScenario) sc = NULL;
  char *fifo = make_fifo ();
  Feeder f = { fifo, during, 8 << 20, FALSE, 0 };
  Feeder g = { fifo, idle, 0, TRUE, 0 };
  GThread *th;

  g_assert_true (g_file_set_contents (good, "{\"pagewalk\": 1}", -1, NULL));
  sc = pw_scenario_load_file_cancellable (good, before, &e1);
  g_assert_no_error (e1);
  g_assert_nonnull (sc);
  g_cancellable_cancel (before);
  g_assert_null (pw_scenario_load_file_cancellable (good, before, &e2));
  g_assert_error (e2, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  th = g_thread_new ("feeder", feed_fifo, &f);
  g_assert_null (pw_scenario_load_file_cancellable (fifo, during, &e3));
  g_assert_error (e3, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_thread_join (th);
  g_assert_cmpuint (f.written, <, 200 << 20);

  th = g_thread_new ("idle", feed_fifo, &g);
  g_assert_null (pw_scenario_load_file_cancellable (fifo, idle, &e4));
  g_assert_error (e4, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_thread_join (th);

  remove_fifo (fifo);
  g_unlink (good);
  g_rmdir (dir);
}

/* Titles, descriptions and names have limits (the built-in examples fit:
 * /loader/examples/load). */
static void
test_hostile_text_limits (void)
{
  g_autofree char *t200 = g_strnfill (200, 'a');
  g_autofree char *t201 = g_strnfill (201, 'a');
  g_autofree char *d = g_strnfill (10001, 'd');
  g_autoptr(PwScenario) sc = NULL;
  static const char * const bad[] = {
    "{\"pagewalk\": 1, \"title\": \"%s\"}",
    "{\"pagewalk\": 1, \"processes\": [{\"pid\": 1, \"name\": \"%s\"}]}",
    "{\"pagewalk\": 1, \"processes\": [{\"pid\": 1, \"regions\": "
    "[{\"start\": 0, \"size\": 4096, \"state\": \"reserved\", \"name\": \"%s\"}]}]}",
    "{\"pagewalk\": 1, \"arch\": {\"kind\": \"paged\", \"name\": \"%s\", \"va_bits\": 16, "
    "\"pa_bits\": 16, \"page_size\": 256, \"levels\": [8]}}",
  };
  static const char * const paths[] = {
    "title", "processes[0].name", "processes[0].regions[0].name", "arch.name" };
  GString *s;

  {
    g_autofree char *json = g_strdup_printf ("{\"pagewalk\": 1, \"title\": \"%s\"}", t200);
    sc = parse_ok (json);
    g_assert_cmpuint (strlen (sc->title), ==, 200);
  }
  /* characters, not bytes: 200 two-byte characters are fine */
  s = g_string_new ("{\"pagewalk\": 1, \"title\": \"");
  for (guint i = 0; i < 200; i++)
    g_string_append (s, "é");
  g_string_append (s, "\"}");
  g_clear_pointer (&sc, pw_scenario_free);
  sc = parse_ok (s->str);
  g_string_free (s, TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_auto(GStrv) parts = g_strsplit (bad[i], "%s", 2);
      g_autofree char *json = g_strjoinv (t201, parts);
      g_autofree char *e = parse_err (json);
      g_autofree char *expected = g_strdup_printf ("t.pagewalk: %s: 201 characters is too long: "
                                                   "at most 200", paths[i]);
      g_assert_cmpstr (e, ==, expected);
    }
  {
    g_autofree char *json = g_strdup_printf ("{\"pagewalk\": 1, \"description\": \"%s\"}", d);
    g_autofree char *e = parse_err (json);
    g_assert_cmpstr (e, ==, "t.pagewalk: description: 10001 characters is too long: at most 10000");
  }
}

/* A step naming a pid no process ever has is a load error at that step;
 * a pid spawned or forked later, or one that exits, is not. */
static void
test_hostile_unknown_pids (void)
{
  static const struct { const char *step; guint pid; } bad[] = {
    { "\"switch 9\"", 9 },
    { "\"r 9 0x1000\"", 9 },
    { "{\"exit\": 9}", 9 },
    { "{\"fork\": {\"parent\": 9, \"child\": 3}}", 9 },
    { "{\"access\": \"w\", \"pid\": 9, \"va\": 4096}", 9 },
    { "{\"commit\": {\"pid\": 9, \"start\": 0, \"size\": 4096}}", 9 },
    { "{\"touch\": {\"pid\": 7, \"start\": 0, \"size\": 4096, \"access\": \"r\"}}", 7 },
  };
  g_autoptr(PwScenario) sc = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"pagewalk\": 1, \"processes\": [{\"pid\": 1}], "
                                               "\"steps\": [\"r 0x1000\", %s]}", bad[i].step);
      g_autofree char *e = parse_err (json);
      g_autofree char *expected = g_strdup_printf ("t.pagewalk: steps[1]: no process ever has pid %u: "
                                                   "it is not in “processes” and no step spawns or "
                                                   "forks it", bad[i].pid);
      g_assert_cmpstr (e, ==, expected);
    }

  /* spawned later, forked later, exited: all load */
  sc = load_ok ("{\"pagewalk\": 1, \"processes\": [{\"pid\": 1}],\n"
                " \"steps\": [\"switch 2\", \"r 3 0x1000\", {\"spawn\": {\"pid\": 2}},\n"
                "   {\"fork\": {\"parent\": 2, \"child\": 3}}, {\"exit\": 1}, \"switch 1\"]}");
  g_assert_cmpuint (sc->steps->len, ==, 6);
}

/* Messages repeat at most ~60 characters of what they quote, escaped. */
static void
test_hostile_quoting (void)
{
  GString *s = g_string_new ("{\"pagewalk\": 1, \"bad\\nkey\\u001b[31m");
  g_autofree char *e = parse_err ("{\"pagewalk\": 1, \"ti\\ntle\\u001b[2J\": 1}");
  const char *open, *close;

  assert_short_clean (e);
  g_assert_cmpstr (e, ==, "t.pagewalk: unknown key “ti\\ntle\\x1b[2J” (known keys: pagewalk, title, "
                   "description, arch, memory, disk, tlb, policy, seed, frame_image, processes, steps)");
  g_free (e);

  /* every bidirectional control and invisible format character is escaped,
   * not only U+202E */
  e = parse_err ("{\"pagewalk\": 1, \"a\u202ab\u2067c\u200fd\ufeffe\u200bf\u202eg\": 1}");
  assert_short_clean (e);
  g_assert_true (g_str_has_prefix (e, "t.pagewalk: unknown key “a\\u202ab\\u2067c\\u200fd\\ufeffe"
                                      "\\u200bf\\u202eg”"));
  g_free (e);

  /* 10,000 escapes in a key: the quote holds 60 characters of them */
  for (guint i = 0; i < 10000; i++)
    g_string_append (s, "\\u001b");
  g_string_append (s, "\": 1}");
  e = parse_err (s->str);
  g_assert_cmpuint (strlen (e), <, 300);   /* with the list of known keys */
  for (const char *p = e; *p; p++)
    g_assert_true ((guchar) *p >= 0x20 && *p != 0x7f);
  g_assert_true (g_str_has_prefix (e, "t.pagewalk: unknown key “bad\\nkey\\x1b[31m\\x1b"));
  open = strstr (e, "“");
  close = strstr (e, "…”");
  g_assert_nonnull (close);
  g_assert_cmpuint (close - open - strlen ("“"), <=, PW_QUOTE_MAX);
  g_free (e);

  /* a huge bad step string, and a huge bad number */
  g_string_assign (s, "{\"pagewalk\": 1, \"steps\": [\"r ");
  for (guint i = 0; i < 500000; i++)
    g_string_append_c (s, i % 100 == 0 ? '\t' : 'z');
  g_string_append (s, "\"]}");
  e = parse_err (s->str);
  assert_short_clean (e);
  g_free (e);
  g_string_assign (s, "{\"pagewalk\": 1, \"seed\": \"0x");
  for (guint i = 0; i < 500000; i++)
    g_string_append_c (s, 'f');
  g_string_append (s, "\\u001b\"}");
  e = parse_err (s->str);
  assert_short_clean (e);
  g_string_free (s, TRUE);
}

/* A 500 KB bad trace line gives a short message in every format. */
static void
test_hostile_trace_line (void)
{
  static const PwTraceFormat formats[] = {
    PW_TRACE_AUTO, PW_TRACE_PLAIN, PW_TRACE_PAGES, PW_TRACE_LACKEY };
  static const char * const prefixes[] = { "r ", "", "1 r 0x", " L ", "I  1," };
  g_autofree char *dir = g_dir_make_tmp ("pw-trace-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bad.trace", NULL);

  for (guint p = 0; p < G_N_ELEMENTS (prefixes); p++)
    for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
      {
        GString *s = g_string_new (prefixes[p]);
        g_autoptr(GError) error = NULL;
        g_autoptr(PwTrace) trace = NULL;
        PwTraceAccess a;

        for (guint j = 0; j < 500000; j++)
          g_string_append_c (s, j % 1000 == 999 ? '\x1b' : "0xg"[j % 3]);
        g_string_append_c (s, '\n');
        g_assert_true (g_file_set_contents (path, s->str, s->len, NULL));
        g_string_free (s, TRUE);

        trace = pw_trace_open (path, formats[i], &error);
        g_assert_no_error (error);
        while (pw_trace_next (trace, &a, &error))
          ;
        g_assert_nonnull (error);
        assert_short_clean (error->message);
      }
  g_unlink (path);
  g_rmdir (dir);
}


static void
add_bad_files (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", "bad", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".pagewalk"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  g_assert_cmpuint (names->len, >=, 40);

  for (guint i = 0; i < names->len; i++)
    {
      const char *n = g_ptr_array_index (names, i);
      g_autofree char *stem = g_strndup (n, strlen (n) - strlen (".pagewalk"));
      g_autofree char *test_path = g_strconcat ("/loader/errors/bad/", stem, NULL);
      /* the path lives as long as the test run */
      char *file = g_build_filename (dir, n, NULL);
      g_test_add_data_func_full (test_path, file, test_bad_file, g_free);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* the FIFO feeders write until the loader closes its end */
  signal (SIGPIPE, SIG_IGN);

  g_test_add_func ("/loader/numbers/hex", test_numbers_hex);
  g_test_add_func ("/loader/numbers/binary", test_numbers_binary);
  g_test_add_func ("/loader/numbers/decimal", test_numbers_decimal);
  g_test_add_func ("/loader/numbers/suffix", test_numbers_suffix);
  g_test_add_func ("/loader/numbers/suffix-case", test_numbers_suffix_case);
  g_test_add_func ("/loader/numbers/long-overflow", test_numbers_long_overflow);
  g_test_add_func ("/loader/numbers/u64-max", test_numbers_u64_max);
  g_test_add_func ("/loader/numbers/json-limit", test_numbers_json_limit);
  g_test_add_func ("/loader/numbers/path-in-array", test_numbers_path_in_array);
  g_test_add_func ("/loader/good/full", test_good_full);
  g_test_add_func ("/loader/good/defaults", test_good_defaults);
  g_test_add_func ("/loader/good/tlb-defaults", test_good_tlb_defaults);
  g_test_add_func ("/loader/good/memory", test_good_memory_frames);
  g_test_add_func ("/loader/good/custom-paged", test_good_custom_paged);
  g_test_add_func ("/loader/good/custom-levels", test_good_custom_levels);
  g_test_add_func ("/loader/good/base-bounds", test_good_base_bounds);
  g_test_add_func ("/loader/good/segmented", test_good_segmented);
  g_test_add_func ("/loader/good/pa-64", test_good_pa_64);
  g_test_add_func ("/loader/good/map-prot", test_good_map_prot);
  g_test_add_func ("/loader/good/preset-object", test_good_preset_object);
  g_test_add_func ("/loader/good/every-preset", test_good_every_preset);
  g_test_add_func ("/loader/good/bom-and-unicode", test_good_bom_and_unicode);
  g_test_add_func ("/loader/good/not-nul-terminated", test_good_not_nul_terminated);
  g_test_add_func ("/loader/good/load-machine", test_good_load_machine);
  g_test_add_func ("/loader/names", test_names);
  g_test_add_func ("/loader/steps/strings", test_step_strings);
  g_test_add_func ("/loader/examples/list", test_examples_list);
  g_test_add_func ("/loader/examples/load", test_examples_load);
  g_test_add_func ("/loader/files", test_files);
  g_test_add_func ("/loader/errors/deep-nesting", test_errors_deep_nesting);
  g_test_add_func ("/loader/errors/huge-strings", test_errors_huge_strings);
  g_test_add_func ("/loader/errors/many-regions", test_errors_many_regions);
  g_test_add_func ("/loader/errors/truncated", test_errors_truncated);
  g_test_add_func ("/loader/errors/mutations", test_errors_mutations);
  g_test_add_func ("/loader/hostile/dev-zero", test_hostile_dev_zero);
  g_test_add_func ("/loader/hostile/fifo", test_hostile_fifo);
  g_test_add_func ("/loader/hostile/cancel", test_hostile_cancel);
  g_test_add_func ("/loader/hostile/text-limits", test_hostile_text_limits);
  g_test_add_func ("/loader/hostile/unknown-pids", test_hostile_unknown_pids);
  g_test_add_func ("/loader/hostile/quoting", test_hostile_quoting);
  g_test_add_func ("/loader/hostile/trace-line", test_hostile_trace_line);
  add_bad_files ();

  return g_test_run ();
}

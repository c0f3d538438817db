/*
 * tests/coverage/db/test_db.c - consolidation (xcov/db) on synthetic
 * CovReports: two ELFs built from the same sources, lines with several
 * statements, decisions, undetermined and exempted lines, object branches.
 *
 * Proves: merging in every order and several groupings gives byte-identical
 * JSON (and the same as adding the reports into one database); duplicates
 * and a lower-level copy of a run change nothing; who/useless on a known
 * set; merged marks; the rebuilt CovReport, with its exemption list
 * (violated over the union, marks, exempted counts); clear one-line errors.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xcov/db/xcov_db.h"

static char tmpdir[256];

/* ---- building synthetic reports -------------------------------------------- */

static CovReport *mk(CovLevel level, int elf, const char *test, int trace)
{
    CovReport *r = calloc(1, sizeof *r);
    r->level = level;
    r->isa = strdup("riscv32");
    r->nruns = 1;
    r->runs = calloc(1, sizeof *r->runs);
    r->runs[0].test_name = strdup(test);
    char buf[64];
    snprintf(buf, sizeof buf, "/traces/%s.trace", test);
    r->runs[0].trace_path = strdup(buf);
    snprintf(buf, sizeof buf, "/build/fw%c.elf", 'A' + elf);
    r->runs[0].elf_path = strdup(buf);
    memset(r->runs[0].trace_sha256, 0x10 + trace, 32);
    memset(r->runs[0].elf_sha256, 0xa0 + elf, 32);
    r->runs[0].insns = 1000u + (unsigned)trace;
    r->nfiles = 2;
    r->files = calloc(2, sizeof *r->files);
    /* The same sources, spelled differently by the two ELFs' DWARF. */
    const char *paths[2][2] = {{"/proj/src/main.c", "/proj/src/util.c"},
                               {"/proj/./src//main.c", "/proj/src/../src/util.c"}};
    unsigned nl[2] = {12, 6};
    for (unsigned f = 0; f < 2; f++) {
        r->files[f].path = strdup(paths[elf][f]);
        r->files[f].name = strdup(f ? "util.c" : "main.c");
        r->files[f].nlines = nl[f];
        r->files[f].source_available = true;
        r->files[f].lines = calloc(nl[f], sizeof(CovLine));
        for (unsigned l = 0; l < nl[f]; l++) {
            r->files[f].lines[l].number = l + 1;
            r->files[f].lines[l].mark = COV_MARK_NO_CODE;
            snprintf(buf, sizeof buf, "text of %s line %u", f ? "util" : "main", l + 1);
            r->files[f].lines[l].text = strdup(buf);
        }
    }
    return r;
}

static CovLine *L(CovReport *r, unsigned f, unsigned line, char mark)
{
    CovLine *l = &r->files[f].lines[line - 1];
    l->mark = mark;
    l->count = mark == '-' ? 0 : 3;
    return l;
}

static void V(CovReport *r, unsigned f, unsigned line, unsigned col, const char *kind)
{
    CovLine *l = &r->files[f].lines[line - 1];
    l->violations = realloc(l->violations, (l->nviolations + 1) * sizeof *l->violations);
    CovViolation *v = &l->violations[l->nviolations++];
    memset(v, 0, sizeof *v);
    v->line = line;
    v->col = col;
    v->end_line = line;
    v->end_col = col + 4;
    v->kind = kind;
    char buf[96];
    snprintf(buf, sizeof buf, "%s at %u:%u", kind, line, col);
    v->message = strdup(buf);
}

static void EX(CovReport *r, unsigned f, unsigned line, char mark, const char *why)
{
    L(r, f, line, mark)->exemption = strdup(why);
}

static void I(CovReport *r, uint64_t addr, int file, unsigned line, unsigned col, bool ex,
              CovBranchState br)
{
    r->insns = realloc(r->insns, (r->ninsns + 1) * sizeof *r->insns);
    CovInsn *in = &r->insns[r->ninsns++];
    memset(in, 0, sizeof *in);
    in->addr = addr;
    in->len = 4;
    in->disasm = strdup(br ? "bne a0, a1, 8" : "addi a0, a0, 1");
    in->executed = ex;
    in->branch = br;
    in->count = ex ? 2 : 0;
    in->file = file;
    in->line = line;
    in->col = col;
}

static void rfree(CovReport *r)
{
    xcov_db_report_free(r);  /* frees every malloc'ed field, like cov_report_free */
}

/*
 * The known set (stmt+decision).  Sole satisfiers: t2 (decision false on
 * main:4, main:10), t4 (main:6), t5 (util:2); t1 adds nothing, t3
 * satisfies nothing: useless = {t1, t3}.
 */
static CovReport *run_t(int which)
{
    const CovLevel D = COV_LEVEL_STMT_DECISION;
    CovReport *r;
    switch (which) {
    case 1:
        r = mk(D, 0, "t1", 1);
        L(r, 0, 3, '!'), V(r, 0, 3, 12, "stmt-not-executed");
        L(r, 0, 4, '!'), V(r, 0, 4, 9, "decision-outcome-false");
        L(r, 0, 6, '?'), V(r, 0, 6, 3, "undetermined");
        L(r, 0, 7, '?'), V(r, 0, 7, 3, "undetermined");
        EX(r, 0, 9, '*', "debug only"), V(r, 0, 9, 5, "stmt-not-executed");
        EX(r, 0, 10, '*', "defensive"), V(r, 0, 10, 5, "stmt-not-executed");
        L(r, 0, 11, '-'), V(r, 0, 11, 5, "stmt-not-executed");
        L(r, 1, 2, '-'), V(r, 1, 2, 3, "stmt-not-executed");
        I(r, 0x100, 0, 3, 5, true, COV_BRANCH_NONE);
        I(r, 0x104, 0, 3, 12, false, COV_BRANCH_NONE);
        I(r, 0x108, 0, 4, 9, true, COV_BRANCH_TAKEN);
        I(r, 0x10c, 1, 2, 3, false, COV_BRANCH_NONE);
        return r;
    case 2:
        r = mk(D, 0, "t2", 2);
        L(r, 0, 3, '!'), V(r, 0, 3, 5, "stmt-not-executed");
        L(r, 0, 4, '!'), V(r, 0, 4, 9, "decision-outcome-true");
        L(r, 0, 6, '?'), V(r, 0, 6, 3, "undetermined");
        EX(r, 0, 10, '#', "defensive");
        L(r, 0, 11, '-'), V(r, 0, 11, 5, "stmt-not-executed");
        L(r, 1, 2, '-'), V(r, 1, 2, 3, "stmt-not-executed");
        I(r, 0x100, 0, 3, 5, false, COV_BRANCH_NONE);
        I(r, 0x104, 0, 3, 12, true, COV_BRANCH_NONE);
        I(r, 0x108, 0, 4, 9, true, COV_BRANCH_NOT_TAKEN);
        I(r, 0x10c, 1, 2, 3, false, COV_BRANCH_NONE);
        return r;
    case 3:
        r = mk(D, 0, "t3", 3);
        L(r, 0, 3, '-'), V(r, 0, 3, 5, "stmt-not-executed"), V(r, 0, 3, 12, "stmt-not-executed");
        L(r, 0, 4, '-'), V(r, 0, 4, 5, "stmt-not-executed");
        L(r, 0, 6, '-'), V(r, 0, 6, 3, "stmt-not-executed");
        L(r, 0, 7, '-'), V(r, 0, 7, 3, "stmt-not-executed");
        EX(r, 0, 9, '*', "debug only"), V(r, 0, 9, 5, "stmt-not-executed");
        L(r, 0, 11, '-'), V(r, 0, 11, 5, "stmt-not-executed");
        I(r, 0x100, 0, 3, 5, false, COV_BRANCH_NONE);
        I(r, 0x108, 0, 4, 9, false, COV_BRANCH_NEVER);
        return r;
    case 4: /* the other ELF */
        r = mk(D, 1, "t4", 4);
        L(r, 0, 3, '+');
        L(r, 0, 4, '!'), V(r, 0, 4, 9, "decision-outcome-false");
        L(r, 0, 6, '+');
        L(r, 0, 11, '-'), V(r, 0, 11, 5, "stmt-not-executed");
        I(r, 0x2000, 0, 3, 5, true, COV_BRANCH_NONE);
        I(r, 0x2002, 0, 4, 9, true, COV_BRANCH_TAKEN);
        I(r, 0x2004, 0, 6, 3, true, COV_BRANCH_NONE);
        return r;
    case 5:
        r = mk(D, 1, "t5", 5);
        L(r, 0, 3, '-'), V(r, 0, 3, 5, "stmt-not-executed");
        L(r, 0, 4, '-'), V(r, 0, 4, 5, "stmt-not-executed");
        L(r, 1, 2, '+');
        I(r, 0x2000, 0, 3, 5, false, COV_BRANCH_NONE);
        I(r, 0x2010, 1, 2, 3, true, COV_BRANCH_NONE);
        return r;
    case 6: /* t3 again, analysed at a lower level: the stmt+decision one wins */
        r = mk(COV_LEVEL_STMT, 0, "t3", 3);
        L(r, 0, 3, '+');
        L(r, 0, 4, '+');
        L(r, 0, 11, '+');
        I(r, 0x100, 0, 3, 5, true, COV_BRANCH_NONE);
        return r;
    }
    return NULL;
}

/* ---- helpers ----------------------------------------------------------------- */

static char *path_of(const char *name)
{
    char *p = malloc(strlen(tmpdir) + strlen(name) + 2);
    sprintf(p, "%s/%s", tmpdir, name);
    return p;
}

/* Database `name` holding the runs listed (0-terminated). */
static char *make_db(const char *name, const int *runs)
{
    char *p = path_of(name), err[512];
    unlink(p);
    XcovDb *db;
    int rc = xcov_db_open(p, true, false, &db, err, sizeof err);
    if (rc)
        fail_msg("%s", err);
    for (; *runs; runs++) {
        CovReport *r = run_t(*runs);
        rc = xcov_db_add_report(db, r, NULL, err, sizeof err);
        if (rc)
            fail_msg("add t%d: %s", *runs, err);
        rfree(r);
    }
    xcov_db_close(db);
    return p;
}

static char *json_of(const char *path)
{
    char err[512], *buf = NULL;
    size_t len = 0;
    XcovDb *db;
    int rc = xcov_db_open(path, false, true, &db, err, sizeof err);
    if (rc)
        fail_msg("%s", err);
    FILE *f = open_memstream(&buf, &len);
    rc = xcov_db_to_json(db, f, err, sizeof err);
    fclose(f);
    xcov_db_close(db);
    if (rc)
        fail_msg("%s", err);
    return buf;
}

static char *merge_to(const char *name, const char *const *in, unsigned n)
{
    char *p = path_of(name), err[512];
    int rc = xcov_db_merge(p, in, n, err, sizeof err);
    if (rc)
        fail_msg("merge: %s", err);
    return p;
}

static char *capture(int (*fn)(XcovDb *, FILE *, char *, size_t), const char *db_path)
{
    char err[512], *buf = NULL;
    size_t len = 0;
    XcovDb *db;
    assert_int_equal(xcov_db_open(db_path, false, true, &db, err, sizeof err), 0);
    FILE *f = open_memstream(&buf, &len);
    int rc = fn(db, f, err, sizeof err);
    fclose(f);
    xcov_db_close(db);
    if (rc)
        fail_msg("%s", err);
    return buf;
}

static char *inputs[6];
static char *reference;   /* JSON of merging a..e, in order */

static int setup(void **state)
{
    (void)state;
    /* tmpfs when there is one: the databases fsync on commit. */
    snprintf(tmpdir, sizeof tmpdir, "%s/xcov-db-test-XXXXXX",
             access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
    if (!mkdtemp(tmpdir))
        return -1;
    static const int a[] = {1, 0}, b[] = {2, 0}, c[] = {3, 0}, d[] = {4, 0}, e[] = {5, 0},
                     f[] = {2, 6, 0};
    const int *sets[6] = {a, b, c, d, e, f};
    for (int i = 0; i < 6; i++) {
        char name[16];
        snprintf(name, sizeof name, "in%c.db", 'a' + i);
        inputs[i] = make_db(name, sets[i]);
    }
    char *m = merge_to("ref.db", (const char *const *)inputs, 5);
    reference = json_of(m);
    free(m);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    for (int i = 0; i < 6; i++)
        free(inputs[i]);
    free(reference);
    if (getenv("XCOV_DB_TEST_KEEP"))
        return 0;
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

/* ---- tests ---------------------------------------------------------------------- */

static bool next_perm(int *v, int n)
{
    int i = n - 2;
    while (i >= 0 && v[i] >= v[i + 1])
        i--;
    if (i < 0)
        return false;
    int j = n - 1;
    while (v[j] <= v[i])
        j--;
    int t = v[i];
    v[i] = v[j];
    v[j] = t;
    for (int a = i + 1, b = n - 1; a < b; a++, b--) {
        t = v[a];
        v[a] = v[b];
        v[b] = t;
    }
    return true;
}

/* Every order of the five single-run databases: identical JSON. */
static void test_all_orders_identical(void **state)
{
    (void)state;
    int v[5] = {0, 1, 2, 3, 4};
    unsigned n = 0;
    do {
        const char *in[5];
        for (int i = 0; i < 5; i++)
            in[i] = inputs[v[i]];
        char *m = merge_to("perm.db", in, 5), *j = json_of(m);
        assert_string_equal(j, reference);
        free(j);
        free(m);
        n++;
    } while (next_perm(v, 5));
    assert_int_equal(n, 120);
}

/* Four inputs, one of them holding a duplicate of t2 and a lower-level copy
 * of t3: every order equals merging the plain a, b, c, d. */
static void test_orders_with_duplicates(void **state)
{
    (void)state;
    const char *plain[4] = {inputs[0], inputs[1], inputs[2], inputs[3]};
    char *m = merge_to("abcd.db", plain, 4), *want = json_of(m);
    free(m);
    int v[4] = {0, 2, 3, 5};
    unsigned n = 0;
    do {
        const char *in[4];
        for (int i = 0; i < 4; i++)
            in[i] = inputs[v[i]];
        m = merge_to("perm4.db", in, 4);
        char *j = json_of(m);
        assert_string_equal(j, want);
        free(j);
        free(m);
        n++;
    } while (next_perm(v, 4));
    assert_int_equal(n, 24);
    free(want);
}

/* Groupings: ((a+b)+c)+... vs a+(b+(c+...)) vs pairs; the sixth database
 * (a duplicate of t2 and a lower-level copy of t3) changes nothing. */
static void test_groupings_identical(void **state)
{
    (void)state;
    char *acc = NULL;
    for (int i = 0; i < 6; i++) {             /* left fold, with f */
        const char *in[2] = {acc ? acc : inputs[0], inputs[i]};
        char *m = merge_to("left.db", in, acc ? 2 : 1);
        free(acc);
        acc = m;
    }
    char *j = json_of(acc);
    assert_string_equal(j, reference);
    free(j);
    free(acc);
    acc = NULL;
    for (int i = 5; i >= 0; i--) {            /* right fold, with f first */
        const char *in[2] = {inputs[i], acc};
        char *m = merge_to(i % 2 ? "right1.db" : "right2.db", in, acc ? 2 : 1);
        free(acc);
        acc = m;
    }
    j = json_of(acc);
    assert_string_equal(j, reference);
    free(j);
    /* pairs: (f+e) + ((d+c) + (b+a)), merged into an input's own path */
    const char *p1[2] = {inputs[5], inputs[4]}, *p2[2] = {inputs[3], inputs[2]},
               *p3[2] = {inputs[1], inputs[0]};
    char *x = merge_to("x.db", p1, 2), *y = merge_to("y.db", p2, 2), *z = merge_to("z.db", p3, 2);
    const char *p4[2] = {y, z};
    char *w = merge_to("y.db", p4, 2);        /* output is one of the inputs */
    const char *p5[3] = {x, w, acc};          /* idempotent: acc has it all */
    char *all = merge_to("all.db", p5, 3);
    j = json_of(all);
    assert_string_equal(j, reference);
    free(j);
    free(x), free(y), free(z), free(w), free(all), free(acc);
}

/* Adding the reports into one database, in two orders, equals merging. */
static void test_add_equals_merge(void **state)
{
    (void)state;
    static const int fwd[] = {1, 2, 3, 4, 5, 0}, back[] = {6, 5, 4, 3, 2, 1, 2, 0};
    char *p = make_db("fwd.db", fwd), *q = make_db("back.db", back);
    char *j1 = json_of(p), *j2 = json_of(q);
    assert_string_equal(j1, reference);
    assert_string_equal(j2, reference);
    free(j1), free(j2), free(p), free(q);
}

static void test_json_content(void **state)
{
    (void)state;
    /* Valid, documented shape: a few exact fragments. */
    assert_non_null(strstr(reference, "\"format\": \"emucov-consolidation\""));
    assert_non_null(strstr(reference, "\"level\": \"stmt+decision\""));
    /* both ELFs' spellings normalised to one path */
    assert_non_null(strstr(reference, "{\"path\": \"/proj/src/main.c\""));
    assert_null(strstr(reference, "/./"));
    assert_null(strstr(reference, "/../"));
    assert_non_null(strstr(reference, "\"key\": \"/proj/src/main.c:4:9:decision:false\", "
                                      "\"kind\": \"decision\", \"col\": 9, \"detail\": \"false\", "
                                      "\"state\": \"satisfied\", \"satisfied_by\": [\"t2\"]"));
    assert_non_null(strstr(reference, "\"useless_tests\": [\"t1\", \"t3\"]"));
    /* t3 kept at stmt+decision (the lower-level copy lost) */
    assert_non_null(strstr(reference, "\"test\": \"t3\", \"trace_sha256\": "
                                      "\"1313131313131313131313131313131313131313131313131313131313131313\""));
    assert_null(strstr(reference, "\"level\": \"stmt\","));
}

static void test_who(void **state)
{
    (void)state;
    char *p = path_of("ref.db");
    XcovDb *db;
    char err[512], *buf = NULL;
    size_t len = 0;
    assert_int_equal(xcov_db_open(p, false, true, &db, err, sizeof err), 0);
    FILE *f = open_memstream(&buf, &len);
    assert_int_equal(xcov_db_who(db, "src/main.c", 4, f, err, sizeof err), 0);
    fclose(f);
    assert_string_equal(buf,
                        "/proj/src/main.c:4: +\n"
                        "  line col 0: satisfied by t1 t2 t4\n"
                        "  stmt col 5: satisfied by t1 t2 t4\n"
                        "  decision false col 9: satisfied by t2\n"
                        "  decision true col 9: satisfied by t1 t4\n"
                        "  0 of 4 obligations satisfied by no test\n");
    free(buf);
    buf = NULL;
    f = open_memstream(&buf, &len);
    assert_int_equal(xcov_db_who(db, "main.c", 7, f, err, sizeof err), 0);
    fclose(f);
    assert_string_equal(buf,
                        "/proj/src/main.c:7: ?\n"
                        "  line col 0: undetermined in t1\n"
                        "  stmt col 3: undetermined in t1\n"
                        "  2 of 2 obligations satisfied by no test\n");
    free(buf);
    buf = NULL;
    f = open_memstream(&buf, &len);
    assert_int_equal(xcov_db_who(db, "/proj/src/main.c", 11, f, err, sizeof err), 0);
    fclose(f);
    assert_non_null(strstr(buf, "stmt col 5: not-satisfied\n"));
    assert_non_null(strstr(buf, "2 of 2 obligations satisfied by no test"));
    free(buf);
    /* errors */
    f = fopen("/dev/null", "w");
    assert_int_equal(xcov_db_who(db, "nosuch.c", 4, f, err, sizeof err), XCOV_DB_ERR_USAGE);
    assert_non_null(strstr(err, "nosuch.c: no file"));
    assert_int_equal(xcov_db_who(db, "ain.c", 4, f, err, sizeof err), XCOV_DB_ERR_USAGE);
    assert_int_equal(xcov_db_who(db, "main.c", 1, f, err, sizeof err), XCOV_DB_ERR_USAGE);
    assert_non_null(strstr(err, "main.c:1: no code"));
    fclose(f);
    xcov_db_close(db);
    free(p);
}

static void test_useless(void **state)
{
    (void)state;
    char *p = path_of("ref.db"), err[512], **names;
    unsigned n;
    XcovDb *db;
    assert_int_equal(xcov_db_open(p, false, true, &db, err, sizeof err), 0);
    assert_int_equal(xcov_db_useless_tests(db, &names, &n, err, sizeof err), 0);
    assert_int_equal(n, 2);
    assert_string_equal(names[0], "t1");
    assert_string_equal(names[1], "t3");
    xcov_db_free_names(names, n);
    xcov_db_close(db);
    char *out = capture(xcov_db_useless, p);
    /* t4: main:3 x3, main:4 line/stmt/true, main:6 x2; then t2: main:4
     * false, main:10 x2; then t5: util:2 x2; t1 and t3 outside. */
    assert_non_null(strstr(out, "  1. t4: 8\n  2. t2: 3\n  3. t5: 2\n"));
    assert_non_null(strstr(out, "outside the greedy cover (removable together): t1 t3\n"));
    free(out);
    free(p);
}

static char mark_of(const CovReport *r, const char *path, unsigned line)
{
    for (unsigned f = 0; f < r->nfiles; f++)
        if (!strcmp(r->files[f].path, path))
            return line <= r->files[f].nlines ? r->files[f].lines[line - 1].mark : 0;
    return 0;
}

static void test_to_report(void **state)
{
    (void)state;
    char *p = path_of("ref.db"), err[512];
    XcovDb *db;
    CovReport *r;
    assert_int_equal(xcov_db_open(p, false, true, &db, err, sizeof err), 0);
    assert_int_equal(xcov_db_to_report(db, &r, err, sizeof err), 0);
    xcov_db_close(db);
    assert_int_equal(r->nruns, 5);
    assert_int_equal(r->nfiles, 2);
    assert_int_equal(r->level, COV_LEVEL_STMT_DECISION);
    const char *m = "/proj/src/main.c", *u = "/proj/src/util.c";
    assert_int_equal(mark_of(r, m, 1), '.');
    assert_int_equal(mark_of(r, m, 3), '+');   /* stmts covered by different tests */
    assert_int_equal(mark_of(r, m, 4), '+');   /* outcomes from different tests    */
    assert_int_equal(mark_of(r, m, 6), '+');   /* undetermined, determined elsewhere */
    assert_int_equal(mark_of(r, m, 7), '?');   /* undetermined stays undetermined  */
    assert_int_equal(mark_of(r, m, 9), '*');
    assert_int_equal(mark_of(r, m, 10), '#');
    assert_int_equal(mark_of(r, m, 11), '-');
    assert_int_equal(mark_of(r, u, 2), '+');
    assert_int_equal(r->files[0].nlines, 12);
    assert_string_equal(r->files[0].lines[3].text, "text of main line 4");
    CovLine *l11 = &r->files[0].lines[10];
    assert_int_equal(l11->nviolations, 1);
    assert_string_equal(l11->violations[0].kind, "stmt-not-executed");
    assert_int_equal(l11->violations[0].col, 5);
    CovLine *l7 = &r->files[0].lines[6];
    assert_int_equal(l7->nviolations, 1);
    assert_string_equal(l7->violations[0].kind, "undetermined");
    assert_string_equal(r->files[0].lines[8].exemption, "debug only");
    assert_int_equal(r->ninsns, 0);            /* two ELFs: source level only */
    assert_int_equal(r->totals.decision_total, 2);
    assert_int_equal(r->totals.decision_covered, 2);
    assert_int_equal(r->totals.line_total, 6);   /* 9 '*' and 10 '#' are not counted */
    assert_int_equal(r->nnotes, 2);
    rfree(r);

    /* one ELF: the object code is the union */
    const char *in[2] = {inputs[0], inputs[1]};
    char *q = merge_to("ab.db", in, 2);
    assert_int_equal(xcov_db_open(q, false, true, &db, err, sizeof err), 0);
    assert_int_equal(xcov_db_to_report(db, &r, err, sizeof err), 0);
    xcov_db_close(db);
    assert_int_equal(r->ninsns, 4);
    assert_true(r->insns[0].executed && r->insns[1].executed);
    assert_false(r->insns[3].executed);
    assert_int_equal(r->insns[2].branch, COV_BRANCH_BOTH);
    assert_int_equal(r->files[0].lines[2].ninsns, 2);
    assert_int_equal(r->totals.insn_total, 4);
    assert_int_equal(r->totals.insn_covered, 3);
    rfree(r);
    free(q);
    free(p);
}

/* Branch level: directions from two runs make a line covered. */
/* Exemptions (docs/coverage-semantics.md §6) through the database: a run
 * whose report lists a region main.c 5-6, violated (line 5 not executed),
 * and a run where it is met.  The report rebuilt from the database has the
 * list (violated recomputed over the union: 1 with the first run alone, 0
 * with both), the region's marks, the exempted violation, and counts the
 * exempted obligation apart from the statement total. */
static CovReport *run_x(int which)
{
    CovReport *r = mk(COV_LEVEL_STMT, 0, which == 1 ? "x1" : "x2", 20 + which);
    if (which == 1)
        L(r, 0, 5, '*'), V(r, 0, 5, 3, "stmt-not-executed");
    else
        L(r, 0, 5, '#');
    L(r, 0, 6, '#');
    L(r, 0, 8, '-'), V(r, 0, 8, 3, "stmt-not-executed");
    if (which == 1)
        r->files[0].lines[4].violations[0].exempted = true;
    for (unsigned l = 5; l <= 6; l++)
        r->files[0].lines[l - 1].exemption = strdup("reviewed: unreachable");
    r->nexemptions = 1;
    r->exemptions = calloc(1, sizeof *r->exemptions);
    r->exemptions[0] = (CovExemption){0, 5, 6, COV_EXEMPT_REGION, 0,
                                      strdup("reviewed: unreachable"), 1, which == 1};
    r->totals.exempted = r->files[0].counts.exempted = 1;
    return r;
}

static char *make_xdb(const char *name, int which)
{
    char *p = path_of(name), err[512];
    unlink(p);
    XcovDb *db;
    assert_int_equal(xcov_db_open(p, true, false, &db, err, sizeof err), 0);
    CovReport *r = run_x(which);
    assert_int_equal(xcov_db_add_report(db, r, NULL, err, sizeof err), 0);
    rfree(r);
    xcov_db_close(db);
    return p;
}

static CovReport *report_of(const char *path)
{
    char err[512];
    XcovDb *db;
    CovReport *r;
    assert_int_equal(xcov_db_open(path, false, true, &db, err, sizeof err), 0);
    assert_int_equal(xcov_db_to_report(db, &r, err, sizeof err), 0);
    xcov_db_close(db);
    return r;
}

static void test_exemptions(void **state)
{
    (void)state;
    char *a = make_xdb("x1.db", 1), *b = make_xdb("x2.db", 2);
    const char *m = "/proj/src/main.c";
    CovReport *r = report_of(a);
    assert_int_equal(r->nexemptions, 1);
    const CovExemption *x = &r->exemptions[0];
    assert_string_equal(r->files[x->file].path, m);
    assert_int_equal(x->kind, COV_EXEMPT_REGION);
    assert_int_equal(x->first_line, 5);
    assert_int_equal(x->last_line, 6);
    assert_string_equal(x->justification, "reviewed: unreachable");
    assert_int_equal(x->obligations, 1);
    assert_int_equal(x->violated, 1);
    assert_int_equal(mark_of(r, m, 5), '*');
    assert_int_equal(mark_of(r, m, 6), '*');   /* the region's mark on all its lines */
    assert_int_equal(mark_of(r, m, 8), '-');
    const CovLine *l5 = &r->files[x->file].lines[4], *l8 = &r->files[x->file].lines[7];
    assert_int_equal(l5->nviolations, 1);
    assert_true(l5->violations[0].exempted);
    assert_int_equal(l8->nviolations, 1);
    assert_false(l8->violations[0].exempted);
    assert_int_equal(r->totals.exempted, 1);
    assert_int_equal(r->totals.stmt_total, 1);   /* line 8 only */
    assert_int_equal(r->totals.line_total, 1);
    rfree(r);

    /* merged with the run that meets it, in both orders */
    const char *in[2][2] = {{a, b}, {b, a}};
    for (int o = 0; o < 2; o++) {
        char *p = merge_to(o ? "xba.db" : "xab.db", in[o], 2);
        r = report_of(p);
        assert_int_equal(r->nexemptions, 1);
        assert_int_equal(r->exemptions[0].obligations, 1);
        assert_int_equal(r->exemptions[0].violated, 0);
        assert_string_equal(r->exemptions[0].justification, "reviewed: unreachable");
        assert_int_equal(mark_of(r, m, 5), '#');
        assert_int_equal(mark_of(r, m, 6), '#');
        assert_int_equal(r->files[r->exemptions[0].file].lines[4].nviolations, 0);
        assert_int_equal(r->totals.exempted, 1);
        assert_int_equal(r->totals.stmt_total, 1);
        rfree(r);
        free(p);
    }
    free(a);
    free(b);
}

static void test_branch_level(void **state)
{
    (void)state;
    CovReport *r1 = mk(COV_LEVEL_BRANCH, 0, "b1", 7), *r2 = mk(COV_LEVEL_BRANCH, 0, "b2", 8);
    L(r1, 0, 5, '!'), V(r1, 0, 5, 7, "branch-not-fallthrough");
    L(r2, 0, 5, '!'), V(r2, 0, 5, 7, "branch-not-taken");
    I(r1, 0x200, 0, 5, 7, true, COV_BRANCH_TAKEN);
    I(r2, 0x200, 0, 5, 7, true, COV_BRANCH_NOT_TAKEN);
    char *p = path_of("br.db"), err[512];
    unlink(p);
    XcovDb *db;
    assert_int_equal(xcov_db_open(p, true, false, &db, err, sizeof err), 0);
    assert_int_equal(xcov_db_add_report(db, r1, NULL, err, sizeof err), 0);
    assert_int_equal(xcov_db_add_report(db, r2, "renamed", err, sizeof err), 0);
    CovReport *r;
    assert_int_equal(xcov_db_to_report(db, &r, err, sizeof err), 0);
    assert_int_equal(mark_of(r, "/proj/src/main.c", 5), '+');
    assert_int_equal(r->totals.branch_total, 2);
    assert_int_equal(r->totals.branch_covered, 2);
    assert_int_equal(r->insns[0].branch, COV_BRANCH_BOTH);
    rfree(r);
    xcov_db_close(db);
    char *j = json_of(p);
    assert_non_null(strstr(j, "\"key\": \"elf:a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0"
                              "a0a0a0a0:00000200:branch-taken\", \"kind\": \"branch-taken\", "
                              "\"state\": \"satisfied\", \"satisfied_by\": [\"b1\"]"));
    assert_non_null(strstr(j, "\"key\": \"/proj/src/main.c:5:7:branch:fallthrough#0\""));
    assert_non_null(strstr(j, "\"satisfied_by\": [\"renamed\"]"));
    free(j);
    rfree(r1);
    rfree(r2);
    free(p);
}

/* MC/DC: a condition shown independent by one run; another condition
 * undetermined in one run, not shown in the other; a stmt-level run of
 * the same sources does not speak about conditions. */
static void test_mcdc_level(void **state)
{
    (void)state;
    CovReport *m1 = mk(COV_LEVEL_STMT_MCDC, 0, "m1", 9), *m2 = mk(COV_LEVEL_STMT_MCDC, 1, "m2", 10);
    CovReport *s1 = mk(COV_LEVEL_STMT, 0, "s1", 11);
    L(m1, 0, 12, '!'), V(m1, 0, 12, 9, "mcdc-independence"), V(m1, 0, 12, 15, "mcdc-undetermined");
    L(m2, 0, 12, '!'), V(m2, 0, 12, 15, "mcdc-independence");
    L(s1, 0, 12, '+');
    char *p = path_of("mcdc.db"), err[512];
    unlink(p);
    XcovDb *db;
    assert_int_equal(xcov_db_open(p, true, false, &db, err, sizeof err), 0);
    assert_int_equal(xcov_db_add_report(db, s1, NULL, err, sizeof err), 0);
    assert_int_equal(xcov_db_add_report(db, m1, NULL, err, sizeof err), 0);
    assert_int_equal(xcov_db_add_report(db, m2, NULL, err, sizeof err), 0);
    CovReport *r;
    assert_int_equal(xcov_db_to_report(db, &r, err, sizeof err), 0);
    assert_int_equal(r->level, COV_LEVEL_STMT_MCDC);
    assert_int_equal(mark_of(r, "/proj/src/main.c", 12), '!');
    CovLine *l = &r->files[0].lines[11];
    assert_int_equal(l->nviolations, 1);
    assert_string_equal(l->violations[0].kind, "undetermined");
    assert_int_equal(l->violations[0].col, 15);
    assert_int_equal(r->totals.mcdc_total, 2);
    assert_int_equal(r->totals.mcdc_covered, 1);
    assert_int_equal(r->totals.undetermined, 1);
    rfree(r);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_int_equal(xcov_db_who(db, "main.c", 12, f, err, sizeof err), 0);
    fclose(f);
    assert_string_equal(buf, "/proj/src/main.c:12: !\n"
                             "  line col 0: satisfied by m1 m2 s1\n"
                             "  mcdc col 9: satisfied by m2\n"
                             "  mcdc col 15: undetermined in m1\n"
                             "  1 of 3 obligations satisfied by no test\n");
    free(buf);
    xcov_db_close(db);
    rfree(m1), rfree(m2), rfree(s1);
    free(p);
}


/* ---- decision levels ------------------------------------------------------------
 * main.c line 5: `if ((a && b) || c)`, or(and(c1,c2),c3), at 5:9-5:23.  Four
 * tests each see ONE evaluation vector, so no test alone shows any condition
 * independent; together they do, and every pair is made across two tests.
 * Expected, computed by hand from the definitions (coverage-semantics §1), with
 * the vectors in canonical order F-F(d2) F-T(d4) TFF(d3) TT-(d1), numbered 0..3:
 *   c1 a: F-F / TT- differ in a only (b, c short-circuited in one): pair (0,3)
 *   c2 b: TFF / TT- (c short-circuited in TT-): pair (2,3)
 *   c3 c: F-F / F-T: pair (0,1)
 * both outcomes seen; every condition covered (masking and unique-cause). */
static const struct { const char *test, *vals; char out; unsigned count; } dvec[] = {
    {"d1", "TT-", 'T', 2}, {"d2", "F-F", 'F', 1}, {"d3", "TFF", 'F', 1}, {"d4", "F-T", 'T', 3},
};

/* The decision of line 5 with the given vectors (indices into dvec). */
static void D5(CovReport *r, CovLevel level, const int *which, int n)
{
    CovLine *l = L(r, 0, 5, '!');
    l->decisions.n = 1;
    CovDecision *d = l->decisions.v = calloc(1, sizeof *d);
    d->line = 5, d->col = 9, d->end_line = 5, d->end_col = 23, d->kind = COV_DEC_IF;
    d->nnodes = 5, d->root = 4, d->nconds = 3;
    d->nodes = calloc(5, sizeof *d->nodes);
    d->nodes[0] = (CovDecNode){'c', {-1, -1}, 0};
    d->nodes[1] = (CovDecNode){'c', {-1, -1}, 1};
    d->nodes[2] = (CovDecNode){'&', {0, 1}, -1};
    d->nodes[3] = (CovDecNode){'c', {-1, -1}, 2};
    d->nodes[4] = (CovDecNode){'|', {2, 3}, -1};
    d->conds = calloc(3, sizeof *d->conds);
    static const char *const texts[] = {"a", "b", "c"};
    static const unsigned cols[] = {10, 15, 21};
    for (int c = 0; c < 3; c++)
        d->conds[c] = (CovCondition){.line = 5, .col = cols[c], .end_line = 5,
                                     .end_col = cols[c] + 1, .text = strdup(texts[c])};
    d->nvectors = (unsigned)n;
    d->vectors = calloc((size_t)n + 1, sizeof *d->vectors);
    for (int k = 0; k < n; k++)
        d->vectors[k] = (CovEvalVector){strdup(dvec[which[k]].vals), dvec[which[k]].out,
                                        dvec[which[k]].count};
    cov_decision_analyse(d, level);
}

static CovReport *run_d(int i, CovLevel level)
{
    CovReport *r = mk(level, i % 2, dvec[i].test, 20 + i);   /* two ELFs, same sources */
    D5(r, level, &i, 1);
    return r;
}

static char *make_ddb(const char *name, const int *tests, int n, CovLevel level)
{
    char *p = path_of(name), err[512];
    unlink(p);
    XcovDb *db;
    assert_int_equal(xcov_db_open(p, true, false, &db, err, sizeof err), 0);
    for (int k = 0; k < n; k++) {
        CovReport *r = run_d(tests[k], level);
        if (xcov_db_add_report(db, r, NULL, err, sizeof err))
            fail_msg("%s", err);
        rfree(r);
    }
    xcov_db_close(db);
    return p;
}

static const CovDecision *dec_of(const CovReport *r)
{
    const CovLine *l = &r->files[0].lines[4];
    assert_int_equal(l->decisions.n, 1);
    return &l->decisions.v[0];
}

/* Merging the four single-test databases in all 24 orders and in three
 * groupings gives identical JSON; the merged decision has the hand-computed
 * pairs (made across tests), equals the engine's analysis of one report
 * holding all the vectors, and who/useless name the tests of each pair. */
static void test_decision_merge(void **state)
{
    (void)state;
    const CovLevel levels[2] = {COV_LEVEL_STMT_MCDC, COV_LEVEL_STMT_UC_MCDC};
    for (int lv = 0; lv < 2; lv++) {
        CovLevel level = levels[lv];
        char *in[4], name[32];
        for (int i = 0; i < 4; i++) {
            snprintf(name, sizeof name, "d%d.db", i + 1);
            in[i] = make_ddb(name, &i, 1, level);
        }
        int v[4] = {0, 1, 2, 3};
        char *ref = NULL;
        unsigned n = 0;
        do {
            const char *o[4] = {in[v[0]], in[v[1]], in[v[2]], in[v[3]]};
            char *m = merge_to("dperm.db", o, 4), *j = json_of(m);
            if (!ref)
                ref = j;
            else {
                assert_string_equal(j, ref);
                free(j);
            }
            free(m);
            n++;
        } while (next_perm(v, 4));
        assert_int_equal(n, 24);
        const char *g1[2] = {in[3], in[1]}, *g2[2] = {in[2], in[0]};
        char *x = merge_to("dx.db", g1, 2), *y = merge_to("dy.db", g2, 2);
        const char *g3[2] = {y, x};
        char *xy = merge_to("dxy.db", g3, 2), *j = json_of(xy);
        assert_string_equal(j, ref);
        free(j);
        static const int all[] = {2, 0, 3, 1};
        char *added = make_ddb("dadd.db", all, 4, level);   /* added one by one */
        j = json_of(added);
        assert_string_equal(j, ref);
        free(j);
        /* the pairs of the JSON: vector indices and the tests of each vector */
        assert_non_null(strstr(ref, "\"text\": \"a\", \"pair\": [0, 3]"));
        assert_non_null(strstr(ref, "\"text\": \"b\", \"pair\": [2, 3]"));
        assert_non_null(strstr(ref, "\"text\": \"c\", \"pair\": [0, 1]"));
        assert_non_null(strstr(ref, "{\"values\": \"TT-\", \"outcome\": \"T\", \"count\": 2, "
                                    "\"runs\": [\"d1\"]}"));
        assert_non_null(strstr(ref, "\"key\": \"/proj/src/main.c:5:15:mcdc:c2\", \"kind\": "
                                    "\"mcdc\", \"col\": 15, \"detail\": \"c2\", \"state\": "
                                    "\"satisfied\", \"satisfied_by\": [\"d1\", \"d3\"]"));
        /* merged model == a single report's analysis of all the vectors */
        XcovDb *db;
        char err[512];
        CovReport *mr;
        assert_int_equal(xcov_db_open(xy, false, true, &db, err, sizeof err), 0);
        assert_int_equal(xcov_db_to_report(db, &mr, err, sizeof err), 0);
        CovReport *single = mk(level, 0, "all", 30);
        static const int every[] = {0, 1, 2, 3};
        D5(single, level, every, 4);
        const CovDecision *a = dec_of(mr), *b = dec_of(single);
        assert_int_equal(a->state, COV_DEC_COVERED);
        assert_int_equal(b->state, COV_DEC_COVERED);
        assert_true(a->outcome_true && a->outcome_false);
        assert_int_equal(a->nvectors, 4);
        assert_int_equal(b->nvectors, 4);
        static const char *const order[] = {"F-F", "F-T", "TFF", "TT-"};
        static const int pairs[3][2] = {{0, 3}, {2, 3}, {0, 1}};
        for (unsigned k = 0; k < 4; k++) {
            assert_string_equal(a->vectors[k].values, order[k]);
            assert_string_equal(a->vectors[k].values, b->vectors[k].values);
            assert_int_equal(a->vectors[k].outcome, b->vectors[k].outcome);
            assert_int_equal(a->vectors[k].count, b->vectors[k].count);
        }
        for (unsigned c = 0; c < 3; c++) {
            const int *pa = level == COV_LEVEL_STMT_UC_MCDC ? a->conds[c].uc_pair
                                                            : a->conds[c].masking_pair;
            assert_int_equal(pa[0], pairs[c][0]);
            assert_int_equal(pa[1], pairs[c][1]);
            assert_memory_equal(a->conds[c].uc_pair, b->conds[c].uc_pair, sizeof a->conds[c].uc_pair);
            assert_memory_equal(a->conds[c].masking_pair, b->conds[c].masking_pair,
                                sizeof a->conds[c].masking_pair);
            assert_true(a->conds[c].covered);
        }
        assert_int_equal(mr->totals.mcdc_total, 3);
        assert_int_equal(mr->totals.mcdc_covered, 3);
        assert_int_equal(mr->totals.decision_covered, 2);
        assert_int_equal(mr->dtotals.covered, 1);
        rfree(mr);
        rfree(single);
        /* who: outcomes, vectors and pairs with their tests */
        char *buf = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&buf, &len);
        assert_int_equal(xcov_db_who(db, "main.c", 5, f, err, sizeof err), 0);
        fclose(f);
        assert_non_null(strstr(buf, "    outcome True: d1, d4\n    outcome False: d2, d3\n"));
        assert_non_null(strstr(buf, "    vector 3 TFF -> F x1: d3\n"));
        assert_non_null(strstr(buf, "    condition 1 \"a\": pair vectors 1 (d2) and 4 (d1)\n"));
        assert_non_null(strstr(buf, "    condition 3 \"c\": pair vectors 1 (d2) and 2 (d4)\n"));
        free(buf);
        /* no test is redundant: each holds half of some pair */
        char **names;
        unsigned nn;
        assert_int_equal(xcov_db_useless_tests(db, &names, &nn, err, sizeof err), 0);
        assert_int_equal(nn, 0);
        xcov_db_free_names(names, nn);
        xcov_db_close(db);
        /* three tests: c2 loses its pair (TFF only in d3) */
        const char *three[3] = {in[0], in[1], in[3]};
        char *t3 = merge_to("d3t.db", three, 3);
        assert_int_equal(xcov_db_open(t3, false, true, &db, err, sizeof err), 0);
        assert_int_equal(xcov_db_to_report(db, &mr, err, sizeof err), 0);
        a = dec_of(mr);
        assert_int_equal(a->state, COV_DEC_PARTIAL);
        assert_true(a->conds[0].covered && !a->conds[1].covered && a->conds[2].covered);
        assert_int_equal(mr->totals.mcdc_covered, 2);
        assert_int_equal(mark_of(mr, "/proj/src/main.c", 5), '!');
        rfree(mr);
        xcov_db_close(db);
        free(t3);
        free(ref), free(x), free(y), free(xy), free(added);
        for (int i = 0; i < 4; i++)
            free(in[i]);
    }
}

/* A decision undetermined in one ELF (branchless code) and mapped in the
 * other: the mapped run's vectors decide; undetermined everywhere: '?' with
 * the reason, and no vector of an undetermined run is used. */
static void test_decision_undetermined(void **state)
{
    (void)state;
    CovReport *u = mk(COV_LEVEL_STMT_MCDC, 0, "u1", 40);
    static const int one[] = {0};
    D5(u, COV_LEVEL_STMT_MCDC, one, 1);
    CovDecision *d = &u->files[0].lines[4].decisions.v[0];
    d->reason = strdup("branchless code (sltu) in the decision");
    cov_decision_analyse(d, COV_LEVEL_STMT_MCDC);
    assert_int_equal(d->state, COV_DEC_UNDETERMINED);
    char *p = path_of("dund.db"), err[512];
    unlink(p);
    XcovDb *db;
    assert_int_equal(xcov_db_open(p, true, false, &db, err, sizeof err), 0);
    assert_int_equal(xcov_db_add_report(db, u, NULL, err, sizeof err), 0);
    CovReport *r;
    assert_int_equal(xcov_db_to_report(db, &r, err, sizeof err), 0);
    const CovDecision *x = dec_of(r);
    assert_int_equal(x->state, COV_DEC_UNDETERMINED);
    assert_string_equal(x->reason, "branchless code (sltu) in the decision");
    assert_int_equal(x->nvectors, 0);
    assert_int_equal(r->totals.mcdc_covered, 0);
    assert_int_equal(r->totals.undetermined, 5);   /* 2 outcomes + 3 conditions */
    rfree(r);
    CovReport *m = run_d(3, COV_LEVEL_STMT_MCDC);   /* d4, the other ELF: mapped */
    assert_int_equal(xcov_db_add_report(db, m, NULL, err, sizeof err), 0);
    assert_int_equal(xcov_db_to_report(db, &r, err, sizeof err), 0);
    x = dec_of(r);
    assert_int_equal(x->state, COV_DEC_PARTIAL);
    assert_null(x->reason);
    assert_int_equal(x->nvectors, 1);
    assert_string_equal(x->vectors[0].values, "F-T");
    rfree(r);
    xcov_db_close(db);
    rfree(u), rfree(m);
    free(p);
}

/* A report of several traces is one combined run. */
static void test_combined_run(void **state)
{
    (void)state;
    CovReport *r = run_t(1);
    r->runs = realloc(r->runs, 2 * sizeof *r->runs);
    r->nruns = 2;
    r->runs[1] = r->runs[0];
    r->runs[1].test_name = strdup("a0");
    r->runs[1].trace_path = strdup("/traces/a0.trace");
    r->runs[1].elf_path = strdup(r->runs[0].elf_path);
    memset(r->runs[1].trace_sha256, 0x01, 32);
    char *p = path_of("comb.db"), err[512];
    unlink(p);
    XcovDb *db;
    assert_int_equal(xcov_db_open(p, true, false, &db, err, sizeof err), 0);
    assert_int_equal(xcov_db_add_report(db, r, NULL, err, sizeof err), 0);
    xcov_db_close(db);
    char *j = json_of(p);
    assert_non_null(strstr(j, "\"test\": \"a0+t1\", \"trace_sha256\": \"combined:0101"));
    free(j);
    /* different ELFs in one report: refused */
    memset(r->runs[1].elf_sha256, 0x55, 32);
    assert_int_equal(xcov_db_open(p, false, false, &db, err, sizeof err), 0);
    assert_int_equal(xcov_db_add_report(db, r, NULL, err, sizeof err), XCOV_DB_ERR_USAGE);
    assert_non_null(strstr(err, "different ELFs"));
    xcov_db_close(db);
    rfree(r);
    free(p);
}

static void no_newline(const char *err)
{
    assert_true(err[0] != 0);
    assert_null(strchr(err, '\n'));
}

static void test_errors(void **state)
{
    (void)state;
    char err[512];
    XcovDb *db;
    /* not a database */
    char *txt = path_of("notadb.db");
    FILE *f = fopen(txt, "w");
    fputs("this is plainly not an SQLite file, it is text; this is plainly not an SQLite file, "
          "it is text\n", f);
    fclose(f);
    assert_int_equal(xcov_db_open(txt, false, true, &db, err, sizeof err), XCOV_DB_ERR_FORMAT);
    assert_null(db);
    assert_non_null(strstr(err, "not an SQLite database"));
    no_newline(err);
    const char *in1[2] = {inputs[0], txt};
    char *out = path_of("never.db");
    assert_int_equal(xcov_db_merge(out, in1, 2, err, sizeof err), XCOV_DB_ERR_FORMAT);
    assert_non_null(strstr(err, txt));
    assert_int_equal(access(out, F_OK), -1);
    /* an SQLite database that is not ours */
    char *other = path_of("other.db");
    sqlite3 *h;
    unlink(other);
    assert_int_equal(sqlite3_open(other, &h), SQLITE_OK);
    assert_int_equal(sqlite3_exec(h, "CREATE TABLE t(x)", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(h);
    assert_int_equal(xcov_db_open(other, false, true, &db, err, sizeof err), XCOV_DB_ERR_FORMAT);
    assert_non_null(strstr(err, "not an xcov consolidation database"));
    no_newline(err);
    /* ours, but another schema version */
    char *v99 = path_of("v99.db");
    unlink(v99);
    assert_int_equal(sqlite3_open(v99, &h), SQLITE_OK);
    char sql[128];
    snprintf(sql, sizeof sql, "PRAGMA application_id = %d; PRAGMA user_version = 99; "
             "CREATE TABLE runs(x)", XCOV_DB_APPLICATION_ID);
    assert_int_equal(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(h);
    assert_int_equal(xcov_db_open(v99, false, true, &db, err, sizeof err), XCOV_DB_ERR_VERSION);
    assert_non_null(strstr(err, "schema version 99; this xcov reads version 2"));
    no_newline(err);
    const char *in2[2] = {inputs[0], v99};
    assert_int_equal(xcov_db_merge(out, in2, 2, err, sizeof err), XCOV_DB_ERR_VERSION);
    /* missing input */
    char *missing = path_of("missing.db");
    const char *in3[1] = {missing};
    assert_int_equal(xcov_db_merge(out, in3, 1, err, sizeof err), XCOV_DB_ERR_OPEN);
    assert_non_null(strstr(err, "missing.db"));
    no_newline(err);
    /* unwritable output */
    assert_int_equal(xcov_db_merge("/nonexistent-dir/out.db", (const char *const *)inputs, 1,
                                   err, sizeof err), XCOV_DB_ERR_OUTPUT);
    assert_non_null(strstr(err, "/nonexistent-dir/out.db: cannot create"));
    no_newline(err);
    /* a database that cannot be created */
    assert_int_equal(xcov_db_open("/nonexistent-dir/a.db", true, false, &db, err, sizeof err),
                     XCOV_DB_ERR_OPEN);
    assert_string_equal(err, "/nonexistent-dir/a.db: cannot create: No such file or directory");
    /* a report without runs */
    char *e = path_of("empty.db");
    unlink(e);
    assert_int_equal(xcov_db_open(e, true, false, &db, err, sizeof err), 0);
    CovReport empty = {.level = COV_LEVEL_STMT};
    assert_int_equal(xcov_db_add_report(db, &empty, "x", err, sizeof err), XCOV_DB_ERR_USAGE);
    no_newline(err);
    xcov_db_close(db);
    free(txt), free(out), free(other), free(v99), free(missing), free(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_all_orders_identical),
        cmocka_unit_test(test_orders_with_duplicates),
        cmocka_unit_test(test_groupings_identical),
        cmocka_unit_test(test_add_equals_merge),
        cmocka_unit_test(test_json_content),
        cmocka_unit_test(test_who),
        cmocka_unit_test(test_useless),
        cmocka_unit_test(test_to_report),
        cmocka_unit_test(test_exemptions),
        cmocka_unit_test(test_branch_level),
        cmocka_unit_test(test_mcdc_level),
        cmocka_unit_test(test_decision_merge),
        cmocka_unit_test(test_decision_undetermined),
        cmocka_unit_test(test_combined_run),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

/* xcov/sco API: positions, trees, flags, compile_commands.json, and bad input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sco.h"

static char tmpdir[] = "/tmp/sco-api-XXXXXX";

static void write_file(const char *name, const char *text)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static ScoFile *extract(const char *name, const char *const *args, int nargs, char *err,
                        size_t errlen)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    return sco_extract(path, args, nargs, err, errlen);
}

static char *tree(const ScoDecision *d)
{
    static char buf[512];
    size_t need = sco_tree_string(d, d->root, buf, sizeof buf);
    assert_true(need <= sizeof buf);
    return buf;
}

static void sco_positions_and_tree(void **state)
{
    (void)state;
    /* columns are bytes; the tab before `if` counts 1 */
    write_file("p.c", "int f(int a, int b, int c)\n"
                      "{\n"
                      "\tif (a && (b || !c))\n"
                      "\t\treturn 1;\n"
                      "\treturn 0;\n"
                      "}\n");
    char err[256] = "";
    ScoFile *f = extract("p.c", NULL, 0, err, sizeof err);
    assert_non_null(f);
    assert_int_equal(sco_decision_count(f), 1);
    assert_int_equal(sco_switch_count(f), 0);
    const ScoDecision *d = sco_decision(f, 0);
    assert_int_equal(d->kind, SCO_DEC_IF);
    assert_string_equal(sco_kind_name(d->kind), "if");
    assert_int_equal(d->keyword.line, 3);
    assert_int_equal(d->keyword.col, 2);
    assert_int_equal(d->ctrl.col, 5);                 /* the ( */
    assert_int_equal(d->range.start.col, 6);
    assert_int_equal(d->range.end.col, 19);           /* the ) closing (b || !c) */
    assert_string_equal(tree(d), "and({a},or({b},not({c})))");
    assert_int_equal(d->nconds, 3);
    assert_int_equal(d->conds[2].range.start.col, 18);
    assert_int_equal(d->conds[2].range.end.col, 18);
    assert_string_equal(d->conds[1].text, "b");
    const ScoNode *root = &d->nodes[d->root];
    assert_int_equal(root->kind, SCO_NODE_AND);
    assert_int_equal(root->op.line, 3);
    assert_int_equal(root->op.col, 8);                /* && */
    const ScoNode *orn = &d->nodes[root->child[1]];
    assert_int_equal(orn->kind, SCO_NODE_OR);
    assert_int_equal(orn->op.col, 14);                /* || */
    assert_int_equal(d->nodes[orn->child[1]].kind, SCO_NODE_NOT);
    assert_int_equal(d->nodes[orn->child[1]].op.col, 17);
    assert_false(d->from_macro);
    assert_false(d->constant);
    /* DWARF rows on the ( and on each operator find the decision and the node */
    int node = 7;
    assert_int_equal(sco_lookup(f, 3, 5, &node), 0);
    assert_int_equal(node, -1);
    assert_int_equal(sco_lookup(f, 3, 8, &node), 0);
    assert_int_equal(node, d->root);
    assert_int_equal(d->nodes[node].kind, SCO_NODE_AND);
    assert_int_equal(sco_lookup(f, 3, 14, &node), 0);
    assert_int_equal(node, d->nodes[d->root].child[1]);
    assert_int_equal(sco_lookup(f, 3, 6, &node), -1);      /* inside a condition: no */
    assert_int_equal(sco_lookup(f, 4, 8, NULL), -1);
    assert_null(sco_decision(f, 1));
    assert_null(sco_decision(f, -1));
    /* truncation: the needed size is returned, the buffer stays terminated */
    char small[5];
    assert_int_equal(sco_tree_string(d, d->root, small, sizeof small),
                     strlen("and({a},or({b},not({c})))") + 1);
    assert_string_equal(small, "and(");
    sco_free(f);
}

static void sco_args_select_code(void **state)
{
    (void)state;
    write_file("d.c", "int f(int a, int b)\n{\n#ifdef TWO\n    if (a || b) return 1;\n#endif\n"
                      "    return a && b;\n}\n");
    char err[256] = "";
    ScoFile *f = extract("d.c", NULL, 0, err, sizeof err);
    assert_non_null(f);
    assert_int_equal(sco_decision_count(f), 1);
    assert_int_equal(sco_decision(f, 0)->kind, SCO_DEC_EXPR);
    sco_free(f);
    const char *args[] = {"-DTWO"};
    f = extract("d.c", args, 1, err, sizeof err);
    assert_non_null(f);
    assert_int_equal(sco_decision_count(f), 2);
    assert_int_equal(sco_decision(f, 0)->kind, SCO_DEC_IF);
    sco_free(f);
}

static void sco_compile_commands(void **state)
{
    (void)state;
    char sub[300], json[600];
    snprintf(sub, sizeof sub, "%s/inc", tmpdir);
    mkdir(sub, 0755);
    write_file("inc/cfg.h", "#define LIMIT 3\n");
    write_file("db.c", "#include \"cfg.h\"\nint f(int a)\n{\n#ifdef FEATURE\n"
                       "    while (a > LIMIT && a != 9) a--;\n#endif\n    return a;\n}\n");
    snprintf(json, sizeof json,
             "[{\"directory\": \"%s\", \"file\": \"db.c\", \"arguments\": [\"cc\", \"-Iinc\","
             " \"-D\", \"FEATURE\", \"-O2\", \"-fno-tree-ch\", \"-c\", \"db.c\"]}]\n", tmpdir);
    write_file("compile_commands.json", json);
    char path[256], err[256] = "";
    snprintf(path, sizeof path, "%s/db.c", tmpdir);
    ScoFile *f = sco_extract_db(path, tmpdir, err, sizeof err);
    assert_non_null(f);
    assert_int_equal(sco_decision_count(f), 1);
    const ScoDecision *d = sco_decision(f, 0);
    assert_int_equal(d->kind, SCO_DEC_WHILE);
    assert_string_equal(tree(d), "and(macro:{a > LIMIT},{a != 9})");
    sco_free(f);
    /* a file not listed borrows the flags of the closest listed one (libclang's
     * interpolation): -DFEATURE and -Iinc apply to it too */
    write_file("other.c", "#include \"cfg.h\"\n#ifdef FEATURE\nint g(int a) { return a || LIMIT; }\n#endif\n");
    snprintf(path, sizeof path, "%s/other.c", tmpdir);
    f = sco_extract_db(path, tmpdir, err, sizeof err);
    assert_non_null(f);
    assert_int_equal(sco_decision_count(f), 1);
    sco_free(f);
    /* no database */
    assert_null(sco_extract_db(path, "/nonexistent-dir", err, sizeof err));
    assert_non_null(strstr(err, "compile_commands.json"));
}

/* A cross compiler in the database: the target's sizes, macros and libc headers apply. */
static void sco_cross_target(void **state)
{
    (void)state;
    if (system("riscv64-unknown-elf-gcc --version >/dev/null 2>&1") != 0)
        skip();
    char sub[256], json[700], path[300], err[256] = "";
    snprintf(sub, sizeof sub, "%s/rv", tmpdir);
    mkdir(sub, 0755);
    write_file("rv/fw.c", "#include <string.h>\n#include <stdint.h>\n"
                          "int f(uint32_t a, const char *s)\n{\n"
                          "    if (sizeof(long) == 4 && a) return 1;\n"
                          "#ifdef __riscv\n    return strlen(s) > 2 || a;\n#endif\n}\n");
    snprintf(json, sizeof json,
             "[{\"directory\": \"%s\", \"file\": \"fw.c\", \"arguments\": "
             "[\"riscv64-unknown-elf-gcc\", \"-march=rv32imac\", \"-mabi=ilp32\", "
             "\"-misa-spec=2.2\", \"--specs=picolibc.specs\", \"-Og\", \"-mbranch-cost=1\", "
             "\"-c\", \"fw.c\"]}]\n", sub);
    write_file("rv/compile_commands.json", json);
    snprintf(path, sizeof path, "%s/fw.c", sub);
    ScoFile *f = sco_extract_db(path, sub, err, sizeof err);
    if (!f)
        fail_msg("%s", err);
    assert_int_equal(sco_decision_count(f), 2);
    const ScoDecision *d = sco_decision(f, 0);
    assert_true(d->conds[0].constant);
    assert_int_equal(d->conds[0].value, 1);           /* rv32: long is 4 bytes */
    assert_string_equal(tree(sco_decision(f, 1)), "or({strlen(s) > 2},{a})");
    sco_free(f);
}

static void sco_bad_input(void **state)
{
    (void)state;
    char err[256] = "";
    assert_null(sco_extract("/nonexistent/x.c", NULL, 0, err, sizeof err));
    assert_non_null(strstr(err, "/nonexistent/x.c"));
    assert_null(strchr(err, '\n'));
    write_file("bad.c", "int f(int a) { if (a && ) return 1; return 0; }\n");
    assert_null(extract("bad.c", NULL, 0, err, sizeof err));
    assert_non_null(strstr(err, "bad.c:1:"));
    assert_non_null(strstr(err, "error"));
    assert_null(sco_extract(NULL, NULL, 0, err, sizeof err));
    sco_free(NULL);
}

static void sco_switch_and_constants(void **state)
{
    (void)state;
    write_file("s.c", "enum { ON = 1 };\nconst int k = 1;\nint f(int a)\n{\n"
                      "    switch (a) { case 0: case 1: return 1; default: break; }\n"
                      "    if (ON && k) return 2;\n"
                      "    do { a++; } while (0);\n"
                      "    return a;\n}\n");
    char err[256] = "";
    ScoFile *f = extract("s.c", NULL, 0, err, sizeof err);
    assert_non_null(f);
    assert_int_equal(sco_switch_count(f), 1);
    assert_int_equal(sco_switch(f, 0)->ncases, 3);
    assert_int_equal(sco_switch(f, 0)->keyword.line, 5);
    assert_int_equal(sco_decision_count(f), 2);
    /* an enum constant is constant, a const variable is not (C) */
    assert_string_equal(tree(sco_decision(f, 0)), "and(const:{ON},{k})");
    assert_false(sco_decision(f, 0)->constant);
    const ScoDecision *dw = sco_decision(f, 1);
    assert_int_equal(dw->kind, SCO_DEC_DO_WHILE);
    assert_true(dw->constant);
    assert_int_equal(dw->conds[0].value, 0);
    assert_int_equal(dw->keyword.line, 7);
    assert_int_equal(dw->keyword.col, 17);            /* the `while` after the body */
    sco_free(f);
}

int main(void)
{
    if (!mkdtemp(tmpdir))
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sco_positions_and_tree),
        cmocka_unit_test(sco_args_select_code),
        cmocka_unit_test(sco_compile_commands),
        cmocka_unit_test(sco_cross_target),
        cmocka_unit_test(sco_bad_input),
        cmocka_unit_test(sco_switch_and_constants),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0)
        rc = rc ? rc : 1;
    return rc;
}

/*
 * tests/report/test_renderers.c - unit tests of the file renderers (html,
 * json, lcov, cobertura, drcov) and of their shared escaping, on the
 * synthetic reports of synth.h.  External validators (genhtml, xmllint,
 * the JSON schema, Chromium) run from check_formats.py.
 */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <ftw.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report/render_util.h"
#include "synth.h"

/* ---- helpers ---------------------------------------------------------- */

static char *read_all(const char *dir, const char *name, size_t *len)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    if (len)
        *len = (size_t)n;
    return buf;
}

static int rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb; (void)flag; (void)ftw;
    return remove(path);
}

static void rm_tree(const char *dir)
{
    nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static char *make_tmpdir(void)
{
    char *t = strdup("report-unit-XXXXXX");
    assert_non_null(t);
    assert_non_null(mkdtemp(t));
    return t;
}

static char *markup(const char *s)
{
    ReportBuf b;
    report_buf_init(&b);
    report_buf_markup(&b, s);
    char *out = strdup(report_buf_str(&b));
    report_buf_free(&b);
    return out;
}

static char *json(const char *s)
{
    ReportBuf b;
    report_buf_init(&b);
    report_buf_json(&b, s);
    char *out = strdup(report_buf_str(&b));
    report_buf_free(&b);
    return out;
}

/* Render the synthetic report with every renderer into dir/<name>/. */
static void render_all(const CovReport *r, const char *dir)
{
    for (const ReportRenderer *const *rr = synth_renderers; *rr; rr++) {
        char sub[4096], err[512] = "";
        snprintf(sub, sizeof sub, "%s/%s", dir, (*rr)->name);
        assert_int_equal(mkdir(sub, 0777), 0);
        int rc = (*rr)->render(r, sub, err, sizeof err);
        if (rc != 0)
            fail_msg("%s: %s", (*rr)->name, err);
    }
}

/* ---- escaping --------------------------------------------------------- */

static void test_utf8_decode(void **state)
{
    (void)state;
    uint32_t cp;
    assert_int_equal(report_utf8_decode("A", 1, &cp), 1);
    assert_int_equal(cp, 'A');
    assert_int_equal(report_utf8_decode("\xc3\xa9", 2, &cp), 2);
    assert_int_equal(cp, 0xE9);
    assert_int_equal(report_utf8_decode("\xe6\xbc\xa2", 3, &cp), 3);
    assert_int_equal(cp, 0x6F22);
    assert_int_equal(report_utf8_decode("\xf0\x9f\x98\x80", 4, &cp), 4);
    assert_int_equal(cp, 0x1F600);
    assert_int_equal(report_utf8_decode("\xc0\xaf", 2, &cp), 0);          /* overlong */
    assert_int_equal(report_utf8_decode("\xed\xa0\x80", 3, &cp), 0);      /* surrogate */
    assert_int_equal(report_utf8_decode("\xf4\x90\x80\x80", 4, &cp), 0);  /* > 10FFFF */
    assert_int_equal(report_utf8_decode("\xe6\xbc", 2, &cp), 0);          /* truncated */
    assert_int_equal(report_utf8_decode("\x80", 1, &cp), 0);
    assert_int_equal(report_utf8_decode("\xff", 1, &cp), 0);
}

static void test_markup_escaping(void **state)
{
    (void)state;
    char *s = markup("<script>alert(1)</script> & \"q\" 'a'\tb");
    assert_string_equal(s, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot; &#39;a&#39;\tb");
    free(s);
    s = markup("caf\xc3\xa9 \xff x\x01y\x7f \xc2\x85 \xef\xbf\xbe");
    assert_string_equal(s, "caf\xc3\xa9 \xef\xbf\xbd x\xef\xbf\xbdy\xef\xbf\xbd "
                           "\xef\xbf\xbd \xef\xbf\xbd");
    free(s);
    s = markup("");
    assert_string_equal(s, "");
    free(s);
    ReportBuf b;
    report_buf_init(&b);
    report_buf_markup(&b, NULL);
    assert_int_equal(b.len, 0);
    report_buf_free(&b);
}

static void test_json_escaping(void **state)
{
    (void)state;
    char *s = json("a\"b\\c\n\r\t\b\f\x01\x1f/\xc3\xa9\xff<");
    assert_string_equal(s, "\"a\\\"b\\\\c\\n\\r\\t\\b\\f\\u0001\\u001f/\xc3\xa9\xef\xbf\xbd<\"");
    free(s);
    s = json(NULL);
    assert_string_equal(s, "null");
    free(s);
}

static void test_buf_printf_long(void **state)
{
    (void)state;
    ReportBuf b;
    report_buf_init(&b);
    char big[1000];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    report_buf_printf(&b, "[%s]%d", big, 42);
    assert_int_equal(b.len, 1000 + 3);
    assert_false(b.failed);
    assert_int_equal(b.data[0], '[');
    assert_string_equal(b.data + 1000, "]42");
    report_buf_free(&b);
}

/* ---- whole renderers -------------------------------------------------- */

static void compare_trees(const char *a, const char *b)
{
    DIR *d = opendir(a);
    assert_non_null(d);
    unsigned n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char pa[4096], pb[4096];
        snprintf(pa, sizeof pa, "%s/%s", a, e->d_name);
        snprintf(pb, sizeof pb, "%s/%s", b, e->d_name);
        struct stat st;
        assert_int_equal(stat(pa, &st), 0);
        if (S_ISDIR(st.st_mode)) {
            compare_trees(pa, pb);
            continue;
        }
        size_t la, lb;
        char *ca = read_all(a, e->d_name, &la), *cb = read_all(b, e->d_name, &lb);
        assert_non_null(ca);
        if (!cb)
            fail_msg("%s missing in the second rendering", pb);
        assert_int_equal(la, lb);
        assert_memory_equal(ca, cb, la);
        free(ca);
        free(cb);
        n++;
    }
    closedir(d);
    (void)n;
}

static void test_deterministic(void **state)
{
    (void)state;
    for (CovLevel l = COV_LEVEL_INSN; l <= COV_LEVEL_STMT_UC_MCDC; l++) {
        char *t1 = make_tmpdir(), *t2 = make_tmpdir();
        CovReport *r = synth_report(l, "/src/root", false);
        assert_non_null(r);
        render_all(r, t1);
        render_all(r, t2);
        compare_trees(t1, t2);
        synth_free(r);
        rm_tree(t1);
        rm_tree(t2);
        free(t1);
        free(t2);
    }
}

static void test_empty_report(void **state)
{
    (void)state;
    char *t = make_tmpdir();
    CovReport *r = synth_empty(COV_LEVEL_STMT);
    render_all(r, t);
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/json", t);
    char *js = read_all(dir, "coverage.json", NULL);
    assert_non_null(js);
    assert_non_null(strstr(js, "\"files\": []"));
    assert_non_null(strstr(js, "\"isa\":null"));
    free(js);
    snprintf(dir, sizeof dir, "%s/lcov", t);
    size_t len;
    char *lc = read_all(dir, "coverage.info", &len);
    assert_non_null(lc);
    assert_int_equal(len, 0);
    free(lc);
    snprintf(dir, sizeof dir, "%s/drcov", t);
    char *dc = read_all(dir, "coverage.drcov", NULL);
    assert_non_null(dc);
    assert_non_null(strstr(dc, "BB Table: 0 bbs\n"));
    free(dc);
    synth_free(r);
    rm_tree(t);
    free(t);
}

static void test_unwritable_outdir(void **state)
{
    (void)state;
    CovReport *r = synth_report(COV_LEVEL_BRANCH, "/src/root", false);
    for (const ReportRenderer *const *rr = synth_renderers; *rr; rr++) {
        char err[512] = "";
        assert_int_equal((*rr)->render(r, "/nonexistent/emucov-dir", err, sizeof err), -1);
        assert_non_null(strstr(err, "/nonexistent/emucov-dir/"));
        assert_null(strchr(err, '\n'));
    }
    synth_free(r);
}

/* drcov: parse the header and the binary table back. */
static void test_drcov_roundtrip(void **state)
{
    (void)state;
    char *t = make_tmpdir();
    CovReport *r = synth_report(COV_LEVEL_BRANCH, "/src/root", false);
    char err[512] = "";
    assert_int_equal(report_drcov.render(r, t, err, sizeof err), 0);
    size_t len;
    char *d = read_all(t, "coverage.drcov", &len);
    assert_non_null(d);
    const char *expect_head =
        "DRCOV VERSION: 2\nDRCOV FLAVOR: drcov\nModule Table: version 2, count 1\n"
        "Columns: id, base, end, entry, checksum, timestamp, path\n"
        " 0, 0x0000000000001000, 0x0000000000021000, 0x0000000000000000, 0x00000000, "
        "0x00000000, /src/root/fw<1>.elf\nBB Table: 5 bbs\n";
    size_t hl = strlen(expect_head);
    assert_true(len >= hl);
    assert_memory_equal(d, expect_head, hl);
    assert_int_equal(len - hl, 5 * 8);
    /* the 70000-byte block is split into 65535 + 4465 */
    const struct { uint32_t off; uint16_t size; } want[] = {
        { 0, 8 }, { 0x10, 24 }, { 0x40, 4 }, { 0x100, 65535 }, { 0x100 + 65535, 4465 },
    };
    const unsigned char *p = (const unsigned char *)d + hl;
    for (unsigned i = 0; i < 5; i++, p += 8) {
        uint32_t off = p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
        uint16_t size = (uint16_t)(p[4] | p[5] << 8), mod = (uint16_t)(p[6] | p[7] << 8);
        assert_int_equal(off, want[i].off);
        assert_int_equal(size, want[i].size);
        assert_int_equal(mod, 0);
    }
    free(d);
    /* a block below the module base cannot be written */
    r->blocks[0].addr = 0x10;
    assert_int_equal(report_drcov.render(r, t, err, sizeof err), -1);
    assert_non_null(strstr(err, "0x10"));
    synth_free(r);
    rm_tree(t);
    free(t);
}

static void test_lcov_content(void **state)
{
    (void)state;
    char *t = make_tmpdir();
    CovReport *r = synth_report(COV_LEVEL_BRANCH, "/src/root", false);
    char err[512] = "";
    assert_int_equal(report_lcov.render(r, t, err, sizeof err), 0);
    char *s = read_all(t, "coverage.info", NULL);
    assert_non_null(s);
    const char *rec = strstr(s, "SF:/src/root/src/main.c\n");
    assert_non_null(rec);
    char *end = strstr(rec, "end_of_record\n");
    assert_non_null(end);
    end[0] = '\0';
    /* instruction index of line 7's branch */
    const CovLine *l7 = &r->files[SYNTH_MAIN_FILE].lines[SYNTH_LINE_BRANCH_BOTH - 1];
    const CovLine *l15 = &r->files[SYNTH_MAIN_FILE].lines[SYNTH_LINE_NEVER - 1];
    const CovLine *l11 = &r->files[SYNTH_MAIN_FILE].lines[SYNTH_LINE_UNDET - 1];
    char want[128];
    snprintf(want, sizeof want, "BRDA:7,%u,0,1\nBRDA:7,%u,1,1\n", l7->insns[1], l7->insns[1]);
    assert_non_null(strstr(rec, want));
    snprintf(want, sizeof want, "BRDA:15,%u,0,-\nBRDA:15,%u,1,-\n", l15->insns[1], l15->insns[1]);
    assert_non_null(strstr(rec, want));
    snprintf(want, sizeof want, "BRDA:11,%u,0,1\nBRDA:11,%u,1,0\n", l11->insns[1], l11->insns[1]);
    assert_non_null(strstr(rec, want));
    assert_non_null(strstr(rec, "FN:4,main\nFN:15,never\nFNDA:1,main\nFNDA:0,never\n"
                                "FNF:2\nFNH:1\n"));
    assert_non_null(strstr(rec, "BRF:6\nBRH:3\n"));
    assert_non_null(strstr(rec, "DA:4,1\n"));
    assert_non_null(strstr(rec, "DA:6,1\n"));
    assert_non_null(strstr(rec, "DA:8,5\n"));
    assert_non_null(strstr(rec, "DA:10,0\n"));
    assert_non_null(strstr(rec, "DA:11,2\n"));
    assert_null(strstr(rec, "\nDA:13,"));     /* exempted */
    assert_null(strstr(rec, "\nDA:14,"));
    assert_null(strstr(rec, "\nDA:1,"));      /* no code */
    /* lines with code: 4 6 7 8 10 11 12 15; hit: all but 10 and 15 */
    assert_non_null(strstr(rec, "LF:8\nLH:6\n"));
    /* the missing source still has its record */
    assert_non_null(strstr(s, "SF:/src/root/lib/missing.c\nFN:1,missing_fn\n"));
    free(s);
    synth_free(r);
    rm_tree(t);
    free(t);
}

static void test_cobertura_content(void **state)
{
    (void)state;
    char *t = make_tmpdir();
    CovReport *r = synth_report(COV_LEVEL_BRANCH, "/src/root", false);
    char err[512] = "";
    assert_int_equal(report_cobertura.render(r, t, err, sizeof err), 0);
    char *s = read_all(t, "cobertura.xml", NULL);
    assert_non_null(s);
    assert_non_null(strstr(s, "<source>/src/root</source>"));
    assert_non_null(strstr(s, "<package name=\"src\""));
    assert_non_null(strstr(s, "filename=\"odd/we&quot;ird&amp;&lt;x&gt;&#39;s.c\""));
    assert_non_null(strstr(s, "<class name=\"main.c\" filename=\"src/main.c\" "
                              "line-rate=\"0.7500\" branch-rate=\"0.5000\""));
    assert_non_null(strstr(s, "<line number=\"7\" hits=\"3\" branch=\"true\" "
                              "condition-coverage=\"100% (2/2)\">"));
    assert_non_null(strstr(s, "<line number=\"11\" hits=\"2\" branch=\"true\" "
                              "condition-coverage=\"50% (1/2)\">"));
    assert_non_null(strstr(s, "<line number=\"10\" hits=\"0\" branch=\"false\"/>"));
    assert_non_null(strstr(s, "<method name=\"never\" signature=\"\" line-rate=\"0.0000\""));
    assert_null(strstr(s, "<line number=\"13\""));
    assert_non_null(strstr(s, "timestamp=\"0\""));
    free(s);
    synth_free(r);
    rm_tree(t);
    free(t);
}

static bool page_has_external_refs(const char *s)
{
    return strstr(s, "http://") || strstr(s, "https://") || strstr(s, "//cdn") ||
           strstr(s, "@import") || strstr(s, "url(");
}

static void test_html_pages(void **state)
{
    (void)state;
    char *t = make_tmpdir();
    CovReport *r = synth_report(COV_LEVEL_BRANCH, "/src/root", false);
    char err[512] = "";
    assert_int_equal(report_html.render(r, t, err, sizeof err), 0);
    char *idx = read_all(t, "index.html", NULL);
    char *page = read_all(t, "f0002-src_main.c.html", NULL);
    char *odd = read_all(t, "f0001-odd_we_ird__x__s.c.html", NULL);
    char *miss = read_all(t, "f0000-lib_missing.c.html", NULL);
    char *untr = read_all(t, "untraceable.html", NULL);
    char *css = read_all(t, "emucov.css", NULL);
    char *js = read_all(t, "emucov.js", NULL);
    assert_non_null(idx); assert_non_null(page); assert_non_null(odd);
    assert_non_null(miss); assert_non_null(untr); assert_non_null(css); assert_non_null(js);

    const char *all[] = { idx, page, odd, miss, untr, css, js };
    for (unsigned i = 0; i < sizeof all / sizeof all[0]; i++) {
        assert_null(strstr(all[i], "{{"));
        assert_false(page_has_external_refs(all[i]));
        assert_null(strstr(all[i], "<script>alert"));
        assert_null(strstr(all[i], "<b>"));
    }
    /* the only script element of any page is our own file */
    const char *p = page;
    unsigned scripts = 0;
    while ((p = strstr(p, "<script"))) {
        assert_true(strncmp(p, "<script src=\"emucov.js\" defer></script>", 39) == 0);
        scripts++;
        p++;
    }
    assert_int_equal(scripts, 1);
    assert_non_null(strstr(page, "&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert_non_null(strstr(page, "<tr id=\"L10\" class=\"m-notcov\" data-mark=\"-\">"));
    assert_non_null(strstr(page, "<tr id=\"L6\" class=\"m-partial\" data-mark=\"!\">"));
    assert_non_null(strstr(page, "<tr id=\"L11\" class=\"m-undet\" data-mark=\"?\">"));
    assert_non_null(strstr(page, "<tr id=\"L13\" class=\"m-exempt\" data-mark=\"#\">"));
    assert_non_null(strstr(page, "<tr id=\"L14\" class=\"m-exviol\" data-mark=\"*\">"));
    assert_non_null(strstr(page, "<tr id=\"L3\" class=\"m-nocode\" data-mark=\".\">"));
    assert_non_null(strstr(page, "13&#8211;30: statement not executed"));
    assert_non_null(strstr(page, "exempted: checked by review &lt;b&gt;bold&lt;/b&gt;"));
    assert_non_null(strstr(page, "<details class=\"obj\"><summary>2 instructions</summary>"));
    assert_non_null(strstr(page, "[branch taken only]"));
    assert_non_null(strstr(page, "bltu a0, a1, 0x1040 &lt;main+0x40&gt;"));
    /* invalid bytes and the control character became U+FFFD */
    assert_non_null(strstr(page, "bad bytes: \xef\xbf\xbd\xef\xbf\xbd ctrl:\xef\xbf\xbd end"));
    assert_non_null(strstr(miss, "Source not available"));
    assert_non_null(strstr(odd, "odd_&lt;/script&gt;&lt;script&gt;document.documentElement"));
    assert_non_null(strstr(page, "&lt;img src=x onerror=&quot;document.title=&#39;pwned&#39;&quot;&gt;"));
    assert_non_null(strstr(idx, "href=\"f0002-src_main.c.html\">src/main.c</a>"));
    assert_non_null(strstr(idx, "boot &lt;ok&gt; &amp; &quot;1&quot;"));
    assert_non_null(strstr(idx, "note with &lt;markup&gt;"));
    assert_non_null(strstr(idx, "href=\"f0002-src_main.c.html#L15\""));
    assert_non_null(strstr(idx, "damaged (partly read)"));
    /* hashes: 12 digits shown, all 64 in the tooltip */
    assert_non_null(strstr(idx, "<code title=\"00070e151c232a31383f464d545b626970777e858c939aa1a8afb6bdc4cbd2d9\">"
                                "00070e151c23&#8230;</code>"));
    assert_non_null(strstr(untr, "_start&lt;&amp;&gt;"));
    assert_non_null(strstr(untr, "lui sp, 0x80020"));
    free(idx); free(page); free(odd); free(miss); free(untr); free(css); free(js);
    synth_free(r);

    /* at statement level the object code is not listed */
    r = synth_report(COV_LEVEL_STMT_MCDC, "/src/root", false);
    assert_int_equal(report_html.render(r, t, err, sizeof err), 0);
    page = read_all(t, "f0002-src_main.c.html", NULL);
    assert_null(strstr(page, "<details class=\"obj\">"));
    idx = read_all(t, "index.html", NULL);
    assert_non_null(strstr(idx, "<th class=\"num\">MC/DC</th>"));
    free(page);
    free(idx);
    synth_free(r);
    rm_tree(t);
    free(t);
}

static void test_json_content(void **state)
{
    (void)state;
    char *t = make_tmpdir();
    CovReport *r = synth_report(COV_LEVEL_STMT_DECISION, "/src/root", false);
    char err[512] = "";
    assert_int_equal(report_json.render(r, t, err, sizeof err), 0);
    char *s = read_all(t, "coverage.json", NULL);
    assert_non_null(s);
    assert_non_null(strstr(s, "\"level\":\"stmt+decision\""));
    assert_non_null(strstr(s, "{\"number\":10,\"mark\":\"-\",\"count\":0,"));
    assert_non_null(strstr(s, "\"text\":\"\\tconst char *s = \\\"<script>alert(1)</script>\\\";\""));
    assert_non_null(strstr(s, "bad bytes: \xef\xbf\xbd\xef\xbf\xbd ctrl:\\u0001 end"));
    assert_non_null(strstr(s, "\"text\":null"));
    free(s);
    synth_free(r);
    rm_tree(t);
    free(t);
}

#define DROP(p) do { free(p); (p) = NULL; } while (0)

/* Every optional string of the model NULL: each renderer still writes its
 * output (the engine may leave names, messages or disassembly out). */
static void test_null_strings(void **state)
{
    (void)state;
    CovReport *r = synth_report(COV_LEVEL_BRANCH, "/src/root", false);
    DROP(r->tool_version);
    DROP(r->isa);
    DROP(r->elf_path);
    for (unsigned f = 0; f < r->nfiles; f++) {
        DROP(r->files[f].path);
        DROP(r->files[f].name);
        for (unsigned l = 0; l < r->files[f].nlines; l++) {
            CovLine *ln = &r->files[f].lines[l];
            DROP(ln->text);
            DROP(ln->exemption);
            for (unsigned v = 0; v < ln->nviolations; v++) {
                DROP(ln->violations[v].message);
                ln->violations[v].kind = NULL;
            }
        }
    }
    for (unsigned i = 0; i < r->ninsns; i++)
        DROP(r->insns[i].disasm);
    for (unsigned i = 0; i < r->nfunctions; i++)
        DROP(r->functions[i].name);
    for (unsigned i = 0; i < r->nruns; i++) {
        DROP(r->runs[i].test_name);
        DROP(r->runs[i].trace_path);
        DROP(r->runs[i].elf_path);
    }
    for (unsigned i = 0; i < r->nuntraceable; i++)
        DROP(r->untraceable[i].symbol);
    /* an out-of-range instruction index must be ignored, not followed */
    r->files[SYNTH_MAIN_FILE].lines[SYNTH_LINE_BRANCH_BOTH - 1].insns[0] = 999999;
    char *t = make_tmpdir();
    render_all(r, t);
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/json", t);
    char *js = read_all(dir, "coverage.json", NULL);
    assert_non_null(strstr(js, "\"tool\":null"));
    assert_non_null(strstr(js, "\"kind\":null,\"message\":null"));
    free(js);
    snprintf(dir, sizeof dir, "%s/html", t);
    char *page = read_all(dir, "f0002-src_main.c.html", NULL);
    assert_null(page);                  /* no name: the page is named by index */
    page = read_all(dir, "f0002-.html", NULL);
    assert_non_null(page);
    assert_non_null(strstr(page, "<tr id=\"L10\" class=\"m-notcov\""));
    free(page);
    synth_free(r);
    rm_tree(t);
    free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_decode),
        cmocka_unit_test(test_markup_escaping),
        cmocka_unit_test(test_json_escaping),
        cmocka_unit_test(test_buf_printf_long),
        cmocka_unit_test(test_deterministic),
        cmocka_unit_test(test_empty_report),
        cmocka_unit_test(test_unwritable_outdir),
        cmocka_unit_test(test_drcov_roundtrip),
        cmocka_unit_test(test_lcov_content),
        cmocka_unit_test(test_cobertura_content),
        cmocka_unit_test(test_html_pages),
        cmocka_unit_test(test_json_content),
        cmocka_unit_test(test_null_strings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

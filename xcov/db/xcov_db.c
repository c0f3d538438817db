/*
 * xcov/db/xcov_db.c - consolidation of coverage results in SQLite.
 *
 * Layout: the schema and the level -> obligation kinds table; opening and
 * validating databases; import_from(), the one merge step both
 * xcov_db_add_report() (report -> in-memory "src" schema -> import) and
 * xcov_db_merge() (attached input -> import) use; the loader that turns
 * the satisfaction relation into per-line obligations (Consol); and the
 * outputs built on it (JSON, who, useless, CovReport).
 *
 * Order independence: every table is keyed by natural keys (never rowids),
 * every conflict is resolved by a commutative, associative, idempotent
 * rule (min/max/or, "higher level wins"), and every output query has a
 * total ORDER BY.  docs/consolidation.md states the rules.
 */
#include "xcov/db/xcov_db.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

struct XcovDb {
    sqlite3 *h;
    char *path;
};

#ifndef EMUCOV_VERSION
#define EMUCOV_VERSION "0"
#endif

/* ---- small helpers ------------------------------------------------------- */

static int fail(char *err, size_t errlen, int code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int fail(char *err, size_t errlen, int code, const char *fmt, ...)
{
    if (err && errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, errlen, fmt, ap);
        va_end(ap);
    }
    return code;
}

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fprintf(stderr, "xcov-db: out of memory\n");
        abort();
    }
    return p;
}

static void *xcalloc(size_t n, size_t sz)
{
    void *p = calloc(n ? n : 1, sz ? sz : 1);
    if (!p) {
        fprintf(stderr, "xcov-db: out of memory\n");
        abort();
    }
    return p;
}

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p) {
        fprintf(stderr, "xcov-db: out of memory\n");
        abort();
    }
    return p;
}

/* Room for element n of a growing array v of *cap elements of sz bytes. */
static void *grow(void *v, unsigned n, unsigned *cap, size_t sz)
{
    if (n < *cap)
        return v;
    *cap = *cap ? 2 * *cap : 16;
    return xrealloc(v, *cap * sz);
}

/* Index of `key` in an array of n elements of `stride` bytes sorted by the
 * string pointer at byte `off` of each element (strcmp order), or -1. */
static int find_sorted(const void *base, unsigned n, size_t stride, size_t off, const char *key)
{
    unsigned lo = 0, hi = n;
    while (lo < hi) {
        unsigned mid = (lo + hi) / 2;
        const char *s;
        memcpy(&s, (const char *)base + mid * stride + off, sizeof s);
        int d = strcmp(s, key);
        if (!d)
            return (int)mid;
        if (d < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

static char *xstrdup(const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    return memcpy(xmalloc(n), s, n);
}

static char *col_dup(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? xstrdup((const char *)t) : NULL;
}

static const char *col_str(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? (const char *)t : "";
}

static void hex32(const uint8_t in[32], char out[65])
{
    static const char d[] = "0123456789abcdef";
    for (int i = 0; i < 32; i++) {
        out[2 * i] = d[in[i] >> 4];
        out[2 * i + 1] = d[in[i] & 15];
    }
    out[64] = 0;
}

static bool unhex32(const char *s, uint8_t out[32])
{
    if (!s || strlen(s) != 64)
        return false;
    for (int i = 0; i < 64; i++) {
        char c = s[i];
        int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        if (v < 0)
            return false;
        if (i & 1)
            out[i / 2] |= (uint8_t)v;
        else
            out[i / 2] = (uint8_t)(v << 4);
    }
    return true;
}

/* Lexical normalisation of a path: no "//", no "." component, "x/.." removed
 * (no file system access: the file may not exist on this host). */
static char *norm_path(const char *p)
{
    if (!p || !*p)
        return xstrdup("<unknown>");
    size_t n = strlen(p);
    char *out = xmalloc(n + 1), *tmp = xstrdup(p);
    bool abs = p[0] == '/';
    size_t len = 0, ncomp = 0;
    size_t *starts = xmalloc((n + 1) * sizeof *starts);
    if (abs)
        out[len++] = '/';
    size_t base = len;
    for (char *save = NULL, *c = strtok_r(tmp, "/", &save); c; c = strtok_r(NULL, "/", &save)) {
        if (!strcmp(c, "."))
            continue;
        if (!strcmp(c, "..") && ncomp > 0 &&
            strcmp(out + starts[ncomp - 1], "..") != 0) {
            len = starts[--ncomp];
            len = len > base ? len - 1 : base;   /* drop the '/' before it */
            out[len] = 0;
            continue;
        }
        if (!strcmp(c, "..") && abs)
            continue;                            /* "/.." is "/"         */
        if (len > base)
            out[len++] = '/';
        starts[ncomp++] = len;
        size_t cl = strlen(c);
        memcpy(out + len, c, cl);
        len += cl;
        out[len] = 0;
    }
    out[len] = 0;
    if (!len) {
        out[len++] = '.';
        out[len] = 0;
    }
    free(tmp);
    free(starts);
    return out;
}

static const char *const level_names[] = {
    "insn", "branch", "stmt", "stmt+decision", "stmt+mcdc", "stmt+uc_mcdc",
};
#define NLEVELS 6

static const char *level_name(int rank)
{
    return rank >= 0 && rank < NLEVELS ? level_names[rank] : "?";
}

/* ---- schema ---------------------------------------------------------------- */

/* "@S" is the schema name ("main" or "src").  See docs/consolidation.md. */
static const char schema_sql[] =
    "CREATE TABLE @S.meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"
    "CREATE TABLE @S.runs(trace_sha TEXT NOT NULL, test TEXT NOT NULL,"
    " elf_sha TEXT NOT NULL, elf_path TEXT, trace_path TEXT, level TEXT NOT NULL,"
    " level_rank INTEGER NOT NULL, isa TEXT, insns INTEGER NOT NULL,"
    " blocks INTEGER NOT NULL, damaged INTEGER NOT NULL,"
    " PRIMARY KEY(trace_sha, test)) WITHOUT ROWID;"
    "CREATE TABLE @S.files(path TEXT PRIMARY KEY, name TEXT) WITHOUT ROWID;"
    "CREATE TABLE @S.source_lines(path TEXT NOT NULL, line INTEGER NOT NULL, text TEXT,"
    " PRIMARY KEY(path, line)) WITHOUT ROWID;"
    "CREATE TABLE @S.obligations(key TEXT PRIMARY KEY, path TEXT NOT NULL,"
    " line INTEGER NOT NULL, col INTEGER NOT NULL, kind TEXT NOT NULL, detail TEXT NOT NULL,"
    " end_line INTEGER NOT NULL, end_col INTEGER NOT NULL, message TEXT) WITHOUT ROWID;"
    "CREATE INDEX @S.obligations_line ON obligations(path, line);"
    "CREATE TABLE @S.run_lines(trace_sha TEXT NOT NULL, test TEXT NOT NULL,"
    " path TEXT NOT NULL, line INTEGER NOT NULL, mark TEXT NOT NULL, count INTEGER NOT NULL,"
    " exemption TEXT, PRIMARY KEY(trace_sha, test, path, line)) WITHOUT ROWID;"
    "CREATE INDEX @S.run_lines_line ON run_lines(path, line);"
    "CREATE TABLE @S.run_facts(trace_sha TEXT NOT NULL, test TEXT NOT NULL,"
    " key TEXT NOT NULL, state INTEGER NOT NULL,"
    " PRIMARY KEY(trace_sha, test, key)) WITHOUT ROWID;"
    "CREATE TABLE @S.insns(elf_sha TEXT NOT NULL, addr INTEGER NOT NULL,"
    " len INTEGER NOT NULL, disasm TEXT, path TEXT, line INTEGER NOT NULL,"
    " col INTEGER NOT NULL, is_branch INTEGER NOT NULL,"
    " PRIMARY KEY(elf_sha, addr)) WITHOUT ROWID;"
    "CREATE TABLE @S.run_insns(trace_sha TEXT NOT NULL, test TEXT NOT NULL,"
    " addr INTEGER NOT NULL, executed INTEGER NOT NULL, dirs INTEGER NOT NULL,"
    " count INTEGER NOT NULL, PRIMARY KEY(trace_sha, test, addr)) WITHOUT ROWID;"
    "CREATE TABLE @S.level_kinds(rank INTEGER NOT NULL, kind TEXT NOT NULL,"
    " PRIMARY KEY(rank, kind)) WITHOUT ROWID;"
    /* Decisions (version 2): the SCO of each decision and, per run, whether
     * it was mapped and its distinct evaluation vectors, so that MC/DC is
     * recomputed over the union of the runs (docs §Decisions). */
    "CREATE TABLE @S.decisions(dkey TEXT PRIMARY KEY, path TEXT NOT NULL,"
    " line INTEGER NOT NULL, col INTEGER NOT NULL, end_line INTEGER NOT NULL,"
    " end_col INTEGER NOT NULL, kind TEXT NOT NULL, from_macro INTEGER NOT NULL,"
    " tree TEXT NOT NULL, nconds INTEGER NOT NULL) WITHOUT ROWID;"
    "CREATE INDEX @S.decisions_line ON decisions(path, line);"
    "CREATE TABLE @S.decision_conds(dkey TEXT NOT NULL, idx INTEGER NOT NULL,"
    " line INTEGER NOT NULL, col INTEGER NOT NULL, end_line INTEGER NOT NULL,"
    " end_col INTEGER NOT NULL, text TEXT, from_macro INTEGER NOT NULL, macro TEXT,"
    " macro_line INTEGER NOT NULL, macro_col INTEGER NOT NULL,"
    " PRIMARY KEY(dkey, idx)) WITHOUT ROWID;"
    "CREATE TABLE @S.run_decisions(trace_sha TEXT NOT NULL, test TEXT NOT NULL,"
    " dkey TEXT NOT NULL, reason TEXT, PRIMARY KEY(trace_sha, test, dkey)) WITHOUT ROWID;"
    "CREATE TABLE @S.run_vectors(trace_sha TEXT NOT NULL, test TEXT NOT NULL,"
    " dkey TEXT NOT NULL, vals TEXT NOT NULL, outcome TEXT NOT NULL, count INTEGER NOT NULL,"
    " PRIMARY KEY(trace_sha, test, dkey, vals, outcome)) WITHOUT ROWID;"
    /* Exemptions (docs/coverage-semantics.md §6), as the runs' reports list
     * them: what each exempts, its justification and how many obligations it
     * exempted in a run (violated is recomputed over the union). */
    "CREATE TABLE @S.exemptions(path TEXT NOT NULL, first_line INTEGER NOT NULL,"
    " kind TEXT NOT NULL, condition INTEGER NOT NULL, last_line INTEGER NOT NULL,"
    " justification TEXT NOT NULL, obligations INTEGER NOT NULL,"
    " PRIMARY KEY(path, first_line, kind, condition)) WITHOUT ROWID;"
    "INSERT INTO @S.meta VALUES('format','emucov-consolidation'),('schema_version','2');"
    /* Which obligation kinds a run at each level speaks about (docs §Levels). */
    "INSERT INTO @S.level_kinds VALUES"
    " (0,'line'),(0,'insn'),"
    " (1,'line'),(1,'insn'),(1,'branch'),(1,'branch-taken'),(1,'branch-not-taken'),"
    " (2,'line'),(2,'stmt'),"
    " (3,'line'),(3,'stmt'),(3,'decision'),"
    " (4,'line'),(4,'stmt'),(4,'decision'),(4,'mcdc'),"
    " (5,'line'),(5,'stmt'),(5,'decision'),(5,'mcdc');";

/* The satisfaction relation: state 2 satisfied, 1 undetermined, 0 not, per
 * (run, obligation) for every run that speaks about the obligation.
 * Source obligations other than branch directions follow the line's mark
 * when the run has no explicit fact (the engine lists what is missing, so
 * what it does not list on a '+' or '!' line was satisfied). */
static const char views_sql[] =
    "CREATE TEMP VIEW IF NOT EXISTS run_labels AS SELECT trace_sha, test,"
    " CASE WHEN (SELECT count(*) FROM main.runs r2 WHERE r2.test = r.test) > 1"
    " THEN test || '@' || CASE WHEN trace_sha LIKE 'combined:%' THEN trace_sha"
    " ELSE substr(trace_sha, 1, 12) END ELSE test END AS label"
    " FROM main.runs r;"
    "CREATE TEMP VIEW IF NOT EXISTS sat AS"
    " SELECT * FROM (SELECT r.trace_sha, r.test, o.key, o.kind, o.path, o.line,"
    "  COALESCE(f.state, CASE WHEN o.kind = 'branch' THEN NULL"
    "   WHEN rl.mark IN ('+', '!', '#') THEN 2 WHEN rl.mark = '?' THEN 1 ELSE 0 END) AS state"
    " FROM main.obligations o"
    " JOIN main.run_lines rl ON rl.path = o.path AND rl.line = o.line"
    " JOIN main.runs r ON r.trace_sha = rl.trace_sha AND r.test = rl.test"
    " JOIN main.level_kinds lk ON lk.rank = r.level_rank AND lk.kind = o.kind"
    " LEFT JOIN main.run_facts f ON f.trace_sha = r.trace_sha AND f.test = r.test"
    "  AND f.key = o.key) WHERE state IS NOT NULL"
    " UNION ALL"
    " SELECT r.trace_sha, r.test,"
    "  printf('elf:%s:%08x:%s', i.elf_sha, i.addr, lk.kind), lk.kind, NULL, i.addr,"
    "  CASE WHEN lk.kind = 'insn' THEN 2 * (COALESCE(ri.executed, 0) != 0)"
    "   WHEN lk.kind = 'branch-taken' THEN 2 * ((COALESCE(ri.dirs, 0) & 1) != 0)"
    "   ELSE 2 * ((COALESCE(ri.dirs, 0) & 2) != 0) END"
    " FROM main.runs r JOIN main.insns i ON i.elf_sha = r.elf_sha"
    " JOIN main.level_kinds lk ON lk.rank = r.level_rank"
    "  AND lk.kind IN ('insn', 'branch-taken', 'branch-not-taken')"
    "  AND (lk.kind = 'insn' OR i.is_branch)"
    " LEFT JOIN main.run_insns ri ON ri.trace_sha = r.trace_sha AND ri.test = r.test"
    "  AND ri.addr = i.addr;";

/* Run `fmt` with every "@S" replaced by `schema`. */
static int exec_fmt(sqlite3 *h, char *err, size_t errlen, const char *what, const char *fmt,
                    const char *schema)
{
    size_t n = 0, sl = strlen(schema);
    for (const char *p = fmt; (p = strstr(p, "@S")); p += 2)
        n++;
    char *sql = xmalloc(strlen(fmt) + n * sl + 1), *o = sql;
    for (const char *p = fmt; *p;) {
        if (p[0] == '@' && p[1] == 'S') {
            memcpy(o, schema, sl);
            o += sl;
            p += 2;
        } else {
            *o++ = *p++;
        }
    }
    *o = 0;
    char *msg = NULL;
    int rc = sqlite3_exec(h, sql, NULL, NULL, &msg);
    free(sql);
    if (rc != SQLITE_OK) {
        fail(err, errlen, XCOV_DB_ERR_SQL, "%s: %s", what, msg ? msg : sqlite3_errmsg(h));
        sqlite3_free(msg);
        return XCOV_DB_ERR_SQL;
    }
    return XCOV_DB_OK;
}

static int exec_sql(sqlite3 *h, char *err, size_t errlen, const char *what, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(h, sql, NULL, NULL, &msg) != SQLITE_OK) {
        fail(err, errlen, XCOV_DB_ERR_SQL, "%s: %s", what, msg ? msg : sqlite3_errmsg(h));
        sqlite3_free(msg);
        return XCOV_DB_ERR_SQL;
    }
    return XCOV_DB_OK;
}

static int create_schema(sqlite3 *h, const char *schema, char *err, size_t errlen)
{
    int rc = exec_fmt(h, err, errlen, "creating the schema", schema_sql, schema);
    if (rc)
        return rc;
    char sql[128];
    snprintf(sql, sizeof sql, "PRAGMA %s.application_id = %d; PRAGMA %s.user_version = %d;",
             schema, XCOV_DB_APPLICATION_ID, schema, XCOV_DB_SCHEMA_VERSION);
    return exec_sql(h, err, errlen, "creating the schema", sql);
}

static int pragma_int(sqlite3 *h, const char *schema, const char *name, long long *v)
{
    char sql[96];
    snprintf(sql, sizeof sql, "PRAGMA %s.%s", schema, name);
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(h, sql, -1, &st, NULL);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            *v = sqlite3_column_int64(st, 0);
            rc = SQLITE_OK;
        }
        sqlite3_finalize(st);
    }
    return rc;
}

/* Is schema `schema` of h one of our databases, of our version? */
static int check_schema(sqlite3 *h, const char *schema, const char *path, char *err,
                        size_t errlen)
{
    long long app = 0, ver = 0;
    int rc = pragma_int(h, schema, "application_id", &app);
    if (rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT)
        return fail(err, errlen, XCOV_DB_ERR_FORMAT, "%s: not an SQLite database", path);
    if (rc != SQLITE_OK)
        return fail(err, errlen, XCOV_DB_ERR_OPEN, "%s: %s", path, sqlite3_errmsg(h));
    if (pragma_int(h, schema, "user_version", &ver) != SQLITE_OK)
        return fail(err, errlen, XCOV_DB_ERR_OPEN, "%s: %s", path, sqlite3_errmsg(h));
    if (app != XCOV_DB_APPLICATION_ID)
        return fail(err, errlen, XCOV_DB_ERR_FORMAT,
                    "%s: an SQLite database but not an xcov consolidation database "
                    "(application_id %lld)", path, app);
    if (ver != XCOV_DB_SCHEMA_VERSION)
        return fail(err, errlen, XCOV_DB_ERR_VERSION,
                    "%s: xcov database schema version %lld; this xcov reads version %d", path,
                    ver, XCOV_DB_SCHEMA_VERSION);
    return XCOV_DB_OK;
}

static int open_handle(const char *path, int flags, sqlite3 **out, char *err, size_t errlen)
{
    sqlite3 *h = NULL;
    int rc = sqlite3_open_v2(path, &h, flags, NULL);
    if (rc != SQLITE_OK) {
        fail(err, errlen, XCOV_DB_ERR_OPEN, "%s: cannot open: %s", path,
             h ? sqlite3_errmsg(h) : sqlite3_errstr(rc));
        sqlite3_close(h);
        return XCOV_DB_ERR_OPEN;
    }
    sqlite3_busy_timeout(h, 5000);
    sqlite3_extended_result_codes(h, 0);
    *out = h;
    return XCOV_DB_OK;
}

int xcov_db_open(const char *path, bool create, bool readonly, XcovDb **out, char *err,
                 size_t errlen)
{
    *out = NULL;
    struct stat sb;
    bool exists = stat(path, &sb) == 0;
    if (!exists && (!create || readonly))
        return fail(err, errlen, XCOV_DB_ERR_OPEN, "%s: %s", path, strerror(errno));
    if (exists && S_ISDIR(sb.st_mode))
        return fail(err, errlen, XCOV_DB_ERR_OPEN, "%s: is a directory", path);
    if (!exists) {
        /* Create the (empty) file ourselves: SQLite's "unable to open
         * database file" would hide the reason. */
        int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0666);
        if (fd < 0)
            return fail(err, errlen, XCOV_DB_ERR_OPEN, "%s: cannot create: %s", path,
                        strerror(errno));
        close(fd);
    }
    sqlite3 *h;
    int flags = readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    int rc = open_handle(path, flags, &h, err, errlen);
    if (rc) {
        if (!exists)
            unlink(path);
        return rc;
    }
    if (!exists)
        rc = create_schema(h, "main", err, errlen);
    else
        rc = check_schema(h, "main", path, err, errlen);
    if (!rc)
        rc = exec_sql(h, err, errlen, path, views_sql);
    if (rc) {
        sqlite3_close(h);
        if (!exists)
            unlink(path);
        return rc;
    }
    XcovDb *db = xcalloc(1, sizeof *db);
    db->h = h;
    db->path = xstrdup(path);
    *out = db;
    return XCOV_DB_OK;
}

void xcov_db_close(XcovDb *db)
{
    if (!db)
        return;
    sqlite3_close(db->h);
    free(db->path);
    free(db);
}

/* ---- merge step: src -> main --------------------------------------------- */

/* Join of two nullable values: the smaller non-NULL one. */
#define MINN(a, b) "CASE WHEN " a " IS NULL THEN " b " WHEN " b " IS NULL THEN " a \
    " WHEN " b " < " a " THEN " b " ELSE " a " END"

static const char import_sql[] =
    /* Tables about sources and ELFs: plain unions. */
    "INSERT INTO main.files(path, name) SELECT path, name FROM src.files WHERE true"
    " ON CONFLICT(path) DO UPDATE SET name = " MINN("name", "excluded.name") ";"
    "INSERT INTO main.source_lines(path, line, text) SELECT path, line, text"
    " FROM src.source_lines WHERE true"
    " ON CONFLICT(path, line) DO UPDATE SET text = " MINN("text", "excluded.text") ";"
    "INSERT INTO main.obligations(key, path, line, col, kind, detail, end_line, end_col,"
    " message) SELECT key, path, line, col, kind, detail, end_line, end_col, message"
    " FROM src.obligations WHERE true ON CONFLICT(key) DO UPDATE SET"
    " end_line = max(end_line, excluded.end_line), end_col = max(end_col, excluded.end_col),"
    " message = " MINN("message", "excluded.message") ";"
    "INSERT INTO main.insns(elf_sha, addr, len, disasm, path, line, col, is_branch)"
    " SELECT elf_sha, addr, len, disasm, path, line, col, is_branch FROM src.insns WHERE true"
    " ON CONFLICT(elf_sha, addr) DO UPDATE SET len = max(len, excluded.len),"
    " disasm = " MINN("disasm", "excluded.disasm") ", path = " MINN("path", "excluded.path") ","
    " line = max(line, excluded.line), col = max(col, excluded.col),"
    " is_branch = max(is_branch, excluded.is_branch);"
    "INSERT INTO main.decisions SELECT * FROM src.decisions WHERE true"
    " ON CONFLICT(dkey) DO UPDATE SET end_line = max(end_line, excluded.end_line),"
    " end_col = max(end_col, excluded.end_col), kind = " MINN("kind", "excluded.kind") ","
    " from_macro = max(from_macro, excluded.from_macro),"
    " tree = " MINN("tree", "excluded.tree") ", nconds = max(nconds, excluded.nconds);"
    "INSERT INTO main.decision_conds SELECT * FROM src.decision_conds WHERE true"
    " ON CONFLICT(dkey, idx) DO UPDATE SET line = max(line, excluded.line),"
    " col = max(col, excluded.col), end_line = max(end_line, excluded.end_line),"
    " end_col = max(end_col, excluded.end_col), text = " MINN("text", "excluded.text") ","
    " from_macro = max(from_macro, excluded.from_macro),"
    " macro = " MINN("macro", "excluded.macro") ", macro_line = max(macro_line,"
    " excluded.macro_line), macro_col = max(macro_col, excluded.macro_col);"
    "INSERT INTO main.exemptions SELECT * FROM src.exemptions WHERE true"
    " ON CONFLICT(path, first_line, kind, condition) DO UPDATE SET"
    " last_line = max(last_line, excluded.last_line),"
    " justification = min(justification, excluded.justification),"
    " obligations = max(obligations, excluded.obligations);"
    /* A run seen again at a higher level replaces the lower one's facts. */
    "CREATE TEMP TABLE beaten AS SELECT m.trace_sha, m.test FROM main.runs m"
    " JOIN src.runs s ON s.trace_sha = m.trace_sha AND s.test = m.test"
    " WHERE s.level_rank > m.level_rank;"
    "DELETE FROM main.run_lines WHERE (trace_sha, test) IN (SELECT * FROM beaten);"
    "DELETE FROM main.run_facts WHERE (trace_sha, test) IN (SELECT * FROM beaten);"
    "DELETE FROM main.run_insns WHERE (trace_sha, test) IN (SELECT * FROM beaten);"
    "DELETE FROM main.run_decisions WHERE (trace_sha, test) IN (SELECT * FROM beaten);"
    "DELETE FROM main.run_vectors WHERE (trace_sha, test) IN (SELECT * FROM beaten);"
    "DROP TABLE temp.beaten;"
    "INSERT INTO main.runs(trace_sha, test, elf_sha, elf_path, trace_path, level, level_rank,"
    " isa, insns, blocks, damaged) SELECT trace_sha, test, elf_sha, elf_path, trace_path,"
    " level, level_rank, isa, insns, blocks, damaged FROM src.runs WHERE true"
    " ON CONFLICT(trace_sha, test) DO UPDATE SET"
    " elf_sha = CASE WHEN excluded.level_rank > level_rank THEN excluded.elf_sha"
    "  ELSE " MINN("elf_sha", "excluded.elf_sha") " END,"
    " elf_path = CASE WHEN excluded.level_rank > level_rank THEN excluded.elf_path"
    "  ELSE " MINN("elf_path", "excluded.elf_path") " END,"
    " trace_path = CASE WHEN excluded.level_rank > level_rank THEN excluded.trace_path"
    "  ELSE " MINN("trace_path", "excluded.trace_path") " END,"
    " isa = CASE WHEN excluded.level_rank > level_rank THEN excluded.isa"
    "  ELSE " MINN("isa", "excluded.isa") " END,"
    " insns = CASE WHEN excluded.level_rank > level_rank THEN excluded.insns"
    "  ELSE max(insns, excluded.insns) END,"
    " blocks = CASE WHEN excluded.level_rank > level_rank THEN excluded.blocks"
    "  ELSE max(blocks, excluded.blocks) END,"
    " damaged = CASE WHEN excluded.level_rank > level_rank THEN excluded.damaged"
    "  ELSE max(damaged, excluded.damaged) END,"
    " level = CASE WHEN excluded.level_rank > level_rank THEN excluded.level ELSE level END,"
    " level_rank = max(level_rank, excluded.level_rank)"
    " WHERE excluded.level_rank >= level_rank;"
    /* Facts of the runs whose level is now the one in main (new, replacing,
     * or equal: joined). */
    "INSERT INTO main.run_lines(trace_sha, test, path, line, mark, count, exemption)"
    " SELECT l.trace_sha, l.test, l.path, l.line, l.mark, l.count, l.exemption"
    " FROM src.run_lines l JOIN src.runs s ON s.trace_sha = l.trace_sha AND s.test = l.test"
    " JOIN main.runs m ON m.trace_sha = l.trace_sha AND m.test = l.test"
    " WHERE m.level_rank = s.level_rank"
    " ON CONFLICT(trace_sha, test, path, line) DO UPDATE SET mark = max(mark, excluded.mark),"
    " count = max(count, excluded.count),"
    " exemption = " MINN("exemption", "excluded.exemption") ";"
    "INSERT INTO main.run_facts(trace_sha, test, key, state)"
    " SELECT f.trace_sha, f.test, f.key, f.state"
    " FROM src.run_facts f JOIN src.runs s ON s.trace_sha = f.trace_sha AND s.test = f.test"
    " JOIN main.runs m ON m.trace_sha = f.trace_sha AND m.test = f.test"
    " WHERE m.level_rank = s.level_rank"
    " ON CONFLICT(trace_sha, test, key) DO UPDATE SET state = min(state, excluded.state);"
    "INSERT INTO main.run_insns(trace_sha, test, addr, executed, dirs, count)"
    " SELECT i.trace_sha, i.test, i.addr, i.executed, i.dirs, i.count"
    " FROM src.run_insns i JOIN src.runs s ON s.trace_sha = i.trace_sha AND s.test = i.test"
    " JOIN main.runs m ON m.trace_sha = i.trace_sha AND m.test = i.test"
    " WHERE m.level_rank = s.level_rank"
    " ON CONFLICT(trace_sha, test, addr) DO UPDATE SET"
    " executed = max(executed, excluded.executed), dirs = dirs | excluded.dirs,"
    " count = max(count, excluded.count);"
    "INSERT INTO main.run_decisions(trace_sha, test, dkey, reason)"
    " SELECT d.trace_sha, d.test, d.dkey, d.reason"
    " FROM src.run_decisions d JOIN src.runs s ON s.trace_sha = d.trace_sha AND s.test = d.test"
    " JOIN main.runs m ON m.trace_sha = d.trace_sha AND m.test = d.test"
    " WHERE m.level_rank = s.level_rank"
    " ON CONFLICT(trace_sha, test, dkey) DO UPDATE SET"
    " reason = " MINN("reason", "excluded.reason") ";"
    "INSERT INTO main.run_vectors(trace_sha, test, dkey, vals, outcome, count)"
    " SELECT v.trace_sha, v.test, v.dkey, v.vals, v.outcome, v.count"
    " FROM src.run_vectors v JOIN src.runs s ON s.trace_sha = v.trace_sha AND s.test = v.test"
    " JOIN main.runs m ON m.trace_sha = v.trace_sha AND m.test = v.test"
    " WHERE m.level_rank = s.level_rank"
    " ON CONFLICT(trace_sha, test, dkey, vals, outcome) DO UPDATE SET"
    " count = max(count, excluded.count);";

static int import_src(sqlite3 *h, const char *what, char *err, size_t errlen)
{
    return exec_sql(h, err, errlen, what, import_sql);
}

/* ---- report -> facts ------------------------------------------------------- */

typedef struct Ins {
    sqlite3 *h;
    sqlite3_stmt *file, *text, *oblig, *line, *fact, *insn, *rinsn;
    sqlite3_stmt *dec, *dcond, *rdec, *rvec;   /* decision levels */
    int rank;
    const char *test;
    const char *trace_sha;
    const char *elf_sha;
} Ins;

static int prep(sqlite3 *h, sqlite3_stmt **st, const char *sql)
{
    return sqlite3_prepare_v2(h, sql, -1, st, NULL);
}

static int step_reset(sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int add_oblig(Ins *in, const char *path, unsigned attach_line, const CovViolation *v,
                     const char *kind, const char *detail, int state)
{
    char *key = sqlite3_mprintf("%s:%u:%u:%s%s%s", path, v->line, v->col, kind,
                                *detail ? ":" : "", detail);
    sqlite3_stmt *o = in->oblig;
    sqlite3_bind_text(o, 1, key, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(o, 2, path, -1, SQLITE_STATIC);
    sqlite3_bind_int64(o, 3, attach_line);
    sqlite3_bind_int64(o, 4, v->col);
    sqlite3_bind_text(o, 5, kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(o, 6, detail, -1, SQLITE_STATIC);
    sqlite3_bind_int64(o, 7, v->end_line);
    sqlite3_bind_int64(o, 8, v->end_col);
    sqlite3_bind_text(o, 9, v->message, -1, SQLITE_STATIC);
    int rc = step_reset(o);
    if (rc == SQLITE_OK && state >= 0) {
        sqlite3_stmt *f = in->fact;
        sqlite3_bind_text(f, 1, in->trace_sha, -1, SQLITE_STATIC);
        sqlite3_bind_text(f, 2, in->test, -1, SQLITE_STATIC);
        sqlite3_bind_text(f, 3, key, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int(f, 4, state);
        rc = step_reset(f);
    }
    sqlite3_free(key);
    return rc;
}

/* Violation kinds that name source obligations (docs §From a CovReport).
 * Object-level ones (insn-not-executed, branch-not-*) are ignored: the
 * instructions' own state is recorded instead. */
static int add_violation(Ins *in, const char *path, unsigned attach_line, const CovViolation *v)
{
    const char *k = v->kind ? v->kind : "";
    if (!strcmp(k, "stmt-not-executed"))
        return add_oblig(in, path, attach_line, v, "stmt", "", 0);
    if (!strcmp(k, "undetermined") || !strcmp(k, "stmt-undetermined"))
        return add_oblig(in, path, attach_line, v, "stmt", "", 1);
    if (!strcmp(k, "decision-outcome-true"))
        return add_oblig(in, path, attach_line, v, "decision", "true", 0);
    if (!strcmp(k, "decision-outcome-false"))
        return add_oblig(in, path, attach_line, v, "decision", "false", 0);
    if (!strcmp(k, "decision-undetermined")) {
        int rc = add_oblig(in, path, attach_line, v, "decision", "true", 1);
        return rc ? rc : add_oblig(in, path, attach_line, v, "decision", "false", 1);
    }
    if (!strcmp(k, "mcdc-independence"))
        return add_oblig(in, path, attach_line, v, "mcdc", "", 0);
    if (!strcmp(k, "mcdc-undetermined"))
        return add_oblig(in, path, attach_line, v, "mcdc", "", 1);
    return SQLITE_OK;
}

/* ---- decisions: model <-> database (docs §Decisions) ---------------------- */

/* The tree as text: "ROOT|op,child0,child1,cond;..." (one entry per node). */
static char *tree_encode(const CovDecision *d)
{
    size_t cap = 32 + (size_t)d->nnodes * 48;
    char *s = xmalloc(cap);
    size_t n = (size_t)snprintf(s, cap, "%d|", d->root);
    for (unsigned k = 0; k < d->nnodes; k++) {
        const CovDecNode *x = &d->nodes[k];
        n += (size_t)snprintf(s + n, cap - n, "%s%c,%d,%d,%d", k ? ";" : "", x->op, x->child[0],
                              x->child[1], x->cond);
    }
    return s;
}

/* Parse tree_encode's text into d (nodes, nnodes, root).  false when malformed
 * (a node or condition index out of range): the decision is then shown as
 * undetermined rather than analysed wrongly. */
static bool tree_decode(const char *s, unsigned nconds, CovDecision *d)
{
    unsigned n = 1;
    for (const char *p = s; *p; p++)
        n += *p == ';';
    d->nodes = xcalloc(n, sizeof *d->nodes);
    d->nnodes = 0;
    char *end;
    long root = strtol(s, &end, 10);
    if (*end != '|')
        return false;
    const char *p = end + 1;
    while (*p && d->nnodes < n) {
        CovDecNode *x = &d->nodes[d->nnodes];
        char op;
        int a, b, c, used = 0;
        if (sscanf(p, "%c,%d,%d,%d%n", &op, &a, &b, &c, &used) != 4 || !strchr("c&|!", op))
            return false;
        *x = (CovDecNode){op, {a, b}, c};
        d->nnodes++;
        p += used;
        if (*p == ';')
            p++;
    }
    if (root < 0 || (unsigned)root >= d->nnodes)
        return false;
    d->root = (int)root;
    for (unsigned k = 0; k < d->nnodes; k++) {
        const CovDecNode *x = &d->nodes[k];
        if (x->op == 'c' ? x->cond < 0 || (unsigned)x->cond >= nconds
                         : x->child[0] < 0 || (unsigned)x->child[0] >= d->nnodes ||
                               (x->op != '!' && (x->child[1] < 0 ||
                                                 (unsigned)x->child[1] >= d->nnodes)))
            return false;
    }
    return true;
}

/* The decision key: PATH:LINE:COL of its span's start. */
static char *dec_key(const char *path, const CovDecision *d)
{
    return sqlite3_mprintf("%s:%u:%u", path, d->line, d->col);
}

/* Record the decisions of one line: SCO, per-run status and vectors, and
 * the outcome / condition obligations with explicit facts (every decision,
 * not only the violated ones, so `who` names the tests of each). */
static int add_decisions(Ins *in, const char *path, unsigned num, const CovLine *L)
{
    int rc = SQLITE_OK;
    for (unsigned i = 0; rc == SQLITE_OK && i < L->decisions.n; i++) {
        const CovDecision *d = &L->decisions.v[i];
        char *dk = dec_key(path, d), *tree = tree_encode(d);
        sqlite3_stmt *st = in->dec;
        sqlite3_bind_text(st, 1, dk, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, path, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 3, num);
        sqlite3_bind_int64(st, 4, d->col);
        sqlite3_bind_int64(st, 5, d->end_line);
        sqlite3_bind_int64(st, 6, d->end_col);
        sqlite3_bind_text(st, 7, cov_decision_kind_name(d->kind), -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 8, d->from_macro);
        sqlite3_bind_text(st, 9, tree, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 10, d->nconds);
        rc = step_reset(st);
        for (unsigned c = 0; rc == SQLITE_OK && c < d->nconds; c++) {
            const CovCondition *cd = &d->conds[c];
            st = in->dcond;
            sqlite3_bind_text(st, 1, dk, -1, SQLITE_STATIC);
            sqlite3_bind_int64(st, 2, c);
            sqlite3_bind_int64(st, 3, cd->line);
            sqlite3_bind_int64(st, 4, cd->col);
            sqlite3_bind_int64(st, 5, cd->end_line);
            sqlite3_bind_int64(st, 6, cd->end_col);
            sqlite3_bind_text(st, 7, cd->text, -1, SQLITE_STATIC);
            sqlite3_bind_int(st, 8, cd->from_macro);
            sqlite3_bind_text(st, 9, cd->macro, -1, SQLITE_STATIC);
            sqlite3_bind_int64(st, 10, cd->macro_line);
            sqlite3_bind_int64(st, 11, cd->macro_col);
            rc = step_reset(st);
        }
        if (rc == SQLITE_OK) {
            st = in->rdec;
            sqlite3_bind_text(st, 1, in->trace_sha, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 2, in->test, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 3, dk, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 4, d->reason, -1, SQLITE_STATIC);
            rc = step_reset(st);
        }
        for (unsigned k = 0; rc == SQLITE_OK && !d->reason && k < d->nvectors; k++) {
            const CovEvalVector *v = &d->vectors[k];
            char o[2] = {v->outcome, 0};
            st = in->rvec;
            sqlite3_bind_text(st, 1, in->trace_sha, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 2, in->test, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 3, dk, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 4, v->values, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 5, o, -1, SQLITE_TRANSIENT);
            sqlite3_bind_int64(st, 6, (sqlite3_int64)v->count);
            rc = step_reset(st);
        }
        /* obligations: outcomes at the decision's start, conditions at theirs
         * (detail cN: two conditions of one macro invocation share a start) */
        CovViolation dv = {.line = d->line, .col = d->col, .end_line = d->end_line,
                           .end_col = d->end_col};
        int undet = d->reason ? 1 : -1;
        if (rc == SQLITE_OK)
            rc = add_oblig(in, path, num, &dv, "decision", "true",
                           undet > 0 ? 1 : d->outcome_true ? 2 : 0);
        if (rc == SQLITE_OK)
            rc = add_oblig(in, path, num, &dv, "decision", "false",
                           undet > 0 ? 1 : d->outcome_false ? 2 : 0);
        for (unsigned c = 0; rc == SQLITE_OK && in->rank >= COV_LEVEL_STMT_MCDC && c < d->nconds;
             c++) {
            const CovCondition *cd = &d->conds[c];
            CovViolation cv = {.line = cd->line, .col = cd->col, .end_line = cd->end_line,
                               .end_col = cd->end_col};
            char detail[16];
            snprintf(detail, sizeof detail, "c%u", c + 1);
            rc = add_oblig(in, path, num, &cv, "mcdc", detail,
                           undet > 0 ? 1 : cd->covered ? 2 : 0);
        }
        sqlite3_free(dk);
        free(tree);
    }
    return rc;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static const char *base_name(const char *p)
{
    const char *s = p ? strrchr(p, '/') : NULL;
    return s ? s + 1 : p;
}

/* Run identity of a report: docs §Runs. */
static void run_identity(const CovReport *r, const char *test_name, char **trace_sha,
                         char **test, char **trace_path)
{
    char hex[65];
    if (r->nruns == 1) {
        const CovRun *u = &r->runs[0];
        hex32(u->trace_sha256, hex);
        *trace_sha = xstrdup(hex);
        const char *t = test_name ? test_name
                        : u->test_name && *u->test_name ? u->test_name
                        : u->trace_path ? base_name(u->trace_path) : "run";
        *test = xstrdup(t);
        *trace_path = xstrdup(u->trace_path);
        return;
    }
    char **shas = xcalloc(r->nruns, sizeof *shas), **names = xcalloc(r->nruns, sizeof *names);
    size_t sl = 16, nl = 1;
    for (unsigned i = 0; i < r->nruns; i++) {
        hex32(r->runs[i].trace_sha256, hex);
        shas[i] = xstrdup(hex);
        const char *t = r->runs[i].test_name ? r->runs[i].test_name
                        : r->runs[i].trace_path ? base_name(r->runs[i].trace_path) : "run";
        names[i] = xstrdup(t);
        sl += 65;
        nl += strlen(t) + 1;
    }
    qsort(shas, r->nruns, sizeof *shas, cmp_str);
    qsort(names, r->nruns, sizeof *names, cmp_str);
    char *s = xmalloc(sl), *n = xmalloc(nl);
    strcpy(s, "combined:");
    n[0] = 0;
    for (unsigned i = 0; i < r->nruns; i++) {
        if (i) {
            strcat(s, ",");
            strcat(n, "+");
        }
        strcat(s, shas[i]);
        strcat(n, names[i]);
        free(shas[i]);
        free(names[i]);
    }
    free(shas);
    free(names);
    *trace_sha = s;
    if (test_name) {
        *test = xstrdup(test_name);
        free(n);
    } else {
        *test = n;
    }
    const char *tp = NULL;
    for (unsigned i = 0; i < r->nruns; i++)
        if (r->runs[i].trace_path && (!tp || strcmp(r->runs[i].trace_path, tp) < 0))
            tp = r->runs[i].trace_path;
    *trace_path = xstrdup(tp);
}

static int fill_src(sqlite3 *h, const CovReport *r, const char *test_name, char *err,
                    size_t errlen)
{
    Ins in = {.h = h};
    char *trace_sha, *test, *trace_path, elf_hex[65];
    run_identity(r, test_name, &trace_sha, &test, &trace_path);
    hex32(r->runs[0].elf_sha256, elf_hex);
    for (unsigned i = 1; i < r->nruns; i++) {
        char o[65];
        hex32(r->runs[i].elf_sha256, o);
        if (strcmp(o, elf_hex)) {
            free(trace_sha);
            free(test);
            free(trace_path);
            return fail(err, errlen, XCOV_DB_ERR_USAGE,
                        "report combines traces of different ELFs (runs 0 and %u)", i);
        }
    }
    in.trace_sha = trace_sha;
    in.test = test;
    in.elf_sha = elf_hex;
    in.rank = (int)r->level;

    int rc = XCOV_DB_OK;
    sqlite3_stmt *run = NULL;
    if (prep(h, &run, "INSERT INTO src.runs VALUES(?,?,?,?,?,?,?,?,?,?,?)") ||
        prep(h, &in.file, "INSERT INTO src.files VALUES(?,?) ON CONFLICT DO UPDATE SET"
                          " name = " MINN("name", "excluded.name")) ||
        prep(h, &in.text, "INSERT INTO src.source_lines VALUES(?,?,?) ON CONFLICT DO UPDATE"
                          " SET text = " MINN("text", "excluded.text")) ||
        prep(h, &in.oblig, "INSERT INTO src.obligations VALUES(?,?,?,?,?,?,?,?,?)"
                           " ON CONFLICT DO UPDATE SET end_line = max(end_line, excluded.end_line),"
                           " end_col = max(end_col, excluded.end_col),"
                           " message = " MINN("message", "excluded.message")) ||
        prep(h, &in.line, "INSERT INTO src.run_lines VALUES(?,?,?,?,?,?,?) ON CONFLICT DO UPDATE"
                          " SET mark = max(mark, excluded.mark), count = max(count, excluded.count),"
                          " exemption = " MINN("exemption", "excluded.exemption")) ||
        prep(h, &in.fact, "INSERT INTO src.run_facts VALUES(?,?,?,?) ON CONFLICT DO UPDATE"
                          " SET state = min(state, excluded.state)") ||
        prep(h, &in.insn, "INSERT OR IGNORE INTO src.insns VALUES(?,?,?,?,?,?,?,?)") ||
        prep(h, &in.rinsn, "INSERT INTO src.run_insns VALUES(?,?,?,?,?,?) ON CONFLICT DO UPDATE"
                           " SET executed = max(executed, excluded.executed),"
                           " dirs = dirs | excluded.dirs, count = max(count, excluded.count)") ||
        prep(h, &in.dec, "INSERT INTO src.decisions VALUES(?,?,?,?,?,?,?,?,?,?)"
                         " ON CONFLICT DO NOTHING") ||
        prep(h, &in.dcond, "INSERT INTO src.decision_conds VALUES(?,?,?,?,?,?,?,?,?,?,?)"
                           " ON CONFLICT DO NOTHING") ||
        prep(h, &in.rdec, "INSERT INTO src.run_decisions VALUES(?,?,?,?) ON CONFLICT DO UPDATE"
                          " SET reason = " MINN("reason", "excluded.reason")) ||
        prep(h, &in.rvec, "INSERT INTO src.run_vectors VALUES(?,?,?,?,?,?) ON CONFLICT DO UPDATE"
                          " SET count = count + excluded.count")) {
        rc = fail(err, errlen, XCOV_DB_ERR_SQL, "preparing: %s", sqlite3_errmsg(h));
        goto out;
    }

    /* the run */
    uint64_t insns = 0, blocks = 0;
    bool damaged = false;
    const char *elf_path = NULL;
    for (unsigned i = 0; i < r->nruns; i++) {
        insns += r->runs[i].insns;
        blocks += r->runs[i].blocks;
        damaged |= r->runs[i].damaged;
        const char *e = r->runs[i].elf_path;
        if (e && (!elf_path || strcmp(e, elf_path) < 0))
            elf_path = e;
    }
    if (!elf_path)
        elf_path = r->elf_path;
    int rank = (int)r->level;
    if (rank < 0 || rank >= NLEVELS) {
        rc = fail(err, errlen, XCOV_DB_ERR_USAGE, "report has an unknown level %d", rank);
        goto out;
    }
    sqlite3_bind_text(run, 1, trace_sha, -1, SQLITE_STATIC);
    sqlite3_bind_text(run, 2, test, -1, SQLITE_STATIC);
    sqlite3_bind_text(run, 3, elf_hex, -1, SQLITE_STATIC);
    sqlite3_bind_text(run, 4, elf_path, -1, SQLITE_STATIC);
    sqlite3_bind_text(run, 5, trace_path, -1, SQLITE_STATIC);
    sqlite3_bind_text(run, 6, level_name(rank), -1, SQLITE_STATIC);
    sqlite3_bind_int(run, 7, rank);
    sqlite3_bind_text(run, 8, r->isa, -1, SQLITE_STATIC);
    sqlite3_bind_int64(run, 9, (sqlite3_int64)insns);
    sqlite3_bind_int64(run, 10, (sqlite3_int64)blocks);
    sqlite3_bind_int(run, 11, damaged);
    int src = step_reset(run);

    char **paths = xcalloc(r->nfiles, sizeof *paths);
    for (unsigned fi = 0; src == SQLITE_OK && fi < r->nfiles; fi++) {
        const CovFile *f = &r->files[fi];
        char *p = paths[fi] = norm_path(f->path ? f->path : f->name);
        sqlite3_bind_text(in.file, 1, p, -1, SQLITE_STATIC);
        sqlite3_bind_text(in.file, 2, f->name ? f->name : p, -1, SQLITE_STATIC);
        src = step_reset(in.file);
        for (unsigned li = 0; src == SQLITE_OK && li < f->nlines; li++) {
            const CovLine *L = &f->lines[li];
            unsigned num = L->number ? L->number : li + 1;
            if (L->text) {
                sqlite3_bind_text(in.text, 1, p, -1, SQLITE_STATIC);
                sqlite3_bind_int64(in.text, 2, num);
                sqlite3_bind_text(in.text, 3, L->text, -1, SQLITE_STATIC);
                src = step_reset(in.text);
            }
            if (L->mark == COV_MARK_NO_CODE || L->mark == 0 || src != SQLITE_OK)
                continue;
            char mark[2] = {L->mark, 0};
            sqlite3_bind_text(in.line, 1, trace_sha, -1, SQLITE_STATIC);
            sqlite3_bind_text(in.line, 2, test, -1, SQLITE_STATIC);
            sqlite3_bind_text(in.line, 3, p, -1, SQLITE_STATIC);
            sqlite3_bind_int64(in.line, 4, num);
            sqlite3_bind_text(in.line, 5, mark, -1, SQLITE_TRANSIENT);
            sqlite3_bind_int64(in.line, 6, (sqlite3_int64)L->count);
            sqlite3_bind_text(in.line, 7, L->exemption, -1, SQLITE_STATIC);
            src = step_reset(in.line);
            CovViolation lv = {.line = num, .col = 0, .end_line = num, .end_col = 0,
                               .message = NULL};
            if (src == SQLITE_OK)
                src = add_oblig(&in, p, num, &lv, "line", "", -1);
            /* statements: every one, covered or not (the violations alone
             * would only name the missing ones) */
            for (unsigned k = 0; src == SQLITE_OK && k < L->nstmts; k++) {
                const CovStmt *cs = &L->stmts[k];
                CovViolation sv = {.line = cs->line, .col = cs->col, .end_line = cs->end_line,
                                   .end_col = cs->end_col, .message = NULL};
                int state = cs->mark == COV_MARK_COVERED ? 2
                            : cs->mark == COV_MARK_UNDETERMINED ? 1 : 0;
                src = add_oblig(&in, p, num, &sv, "stmt", "", state);
            }
            /* decisions: from the model when the line has it (its
             * decision-* and mcdc-* violations say the same, less) */
            if (src == SQLITE_OK)
                src = add_decisions(&in, p, num, L);
            for (unsigned v = 0; src == SQLITE_OK && v < L->nviolations; v++) {
                const char *vk = L->violations[v].kind ? L->violations[v].kind : "";
                if (L->decisions.n && (!strncmp(vk, "decision-", 9) || !strncmp(vk, "mcdc-", 5)))
                    continue;
                src = add_violation(&in, p, num, &L->violations[v]);
            }
        }
    }
    /* exemptions, on their file's normalised path */
    sqlite3_stmt *ex = NULL;
    if (src == SQLITE_OK && r->nexemptions &&
        (src = prep(h, &ex, "INSERT INTO src.exemptions VALUES(?,?,?,?,?,?,?)"
                            " ON CONFLICT DO UPDATE SET last_line = max(last_line,"
                            " excluded.last_line), justification = min(justification,"
                            " excluded.justification), obligations = max(obligations,"
                            " excluded.obligations)")) == SQLITE_OK) {
        for (unsigned k = 0; src == SQLITE_OK && k < r->nexemptions; k++) {
            const CovExemption *x = &r->exemptions[k];
            if (x->file < 0 || (unsigned)x->file >= r->nfiles)
                continue;
            sqlite3_bind_text(ex, 1, paths[x->file], -1, SQLITE_STATIC);
            sqlite3_bind_int64(ex, 2, x->first_line);
            sqlite3_bind_text(ex, 3, cov_exempt_kind_name(x->kind), -1, SQLITE_STATIC);
            sqlite3_bind_int64(ex, 4, x->condition);
            sqlite3_bind_int64(ex, 5, x->last_line);
            sqlite3_bind_text(ex, 6, x->justification ? x->justification : "", -1,
                              SQLITE_STATIC);
            sqlite3_bind_int64(ex, 7, x->obligations);
            src = step_reset(ex);
        }
    }
    sqlite3_finalize(ex);
    for (unsigned k = 0; src == SQLITE_OK && k < r->ninsns; k++) {
        const CovInsn *i = &r->insns[k];
        bool br = i->branch != COV_BRANCH_NONE;
        const char *p = i->file >= 0 && (unsigned)i->file < r->nfiles ? paths[i->file] : NULL;
        sqlite3_bind_text(in.insn, 1, elf_hex, -1, SQLITE_STATIC);
        sqlite3_bind_int64(in.insn, 2, (sqlite3_int64)i->addr);
        sqlite3_bind_int64(in.insn, 3, i->len);
        sqlite3_bind_text(in.insn, 4, i->disasm, -1, SQLITE_STATIC);
        sqlite3_bind_text(in.insn, 5, p, -1, SQLITE_STATIC);
        sqlite3_bind_int64(in.insn, 6, p ? i->line : 0);
        sqlite3_bind_int64(in.insn, 7, p ? i->col : 0);
        sqlite3_bind_int(in.insn, 8, br);
        src = step_reset(in.insn);
        int dirs = i->branch == COV_BRANCH_TAKEN ? 1 : i->branch == COV_BRANCH_NOT_TAKEN ? 2
                   : i->branch == COV_BRANCH_BOTH ? 3 : 0;
        if (src == SQLITE_OK && (i->executed || dirs || i->count)) {
            sqlite3_bind_text(in.rinsn, 1, trace_sha, -1, SQLITE_STATIC);
            sqlite3_bind_text(in.rinsn, 2, test, -1, SQLITE_STATIC);
            sqlite3_bind_int64(in.rinsn, 3, (sqlite3_int64)i->addr);
            sqlite3_bind_int(in.rinsn, 4, i->executed || dirs);
            sqlite3_bind_int(in.rinsn, 5, dirs);
            sqlite3_bind_int64(in.rinsn, 6, (sqlite3_int64)i->count);
            src = step_reset(in.rinsn);
        }
    }
    for (unsigned fi = 0; fi < r->nfiles; fi++)
        free(paths[fi]);
    free(paths);
    if (src != SQLITE_OK) {
        rc = fail(err, errlen, XCOV_DB_ERR_SQL, "recording the report: %s", sqlite3_errmsg(h));
        goto out;
    }
    /* Source branch directions: the k-th conditional branch (by address) of
     * a line:column, taken and fallthrough (docs §Obligations). */
    {
        char *sql = sqlite3_mprintf(
            "WITH b AS (SELECT path, line, col, addr, row_number() OVER"
            " (PARTITION BY path, line, col ORDER BY addr) - 1 AS k FROM src.insns"
            " WHERE is_branch AND path IS NOT NULL AND line > 0),"
            " d(dir, bit) AS (VALUES('taken', 1), ('fallthrough', 2)),"
            " o AS (SELECT b.*, d.dir, d.bit, printf('%%s:%%d:%%d:branch:%%s#%%d', b.path, b.line,"
            "  b.col, d.dir, b.k) AS key FROM b, d)"
            " INSERT INTO src.obligations SELECT key, path, line, col, 'branch',"
            "  dir || '#' || k, line, 0, NULL FROM o WHERE true ON CONFLICT DO NOTHING;"
            "WITH b AS (SELECT path, line, col, addr, row_number() OVER"
            " (PARTITION BY path, line, col ORDER BY addr) - 1 AS k FROM src.insns"
            " WHERE is_branch AND path IS NOT NULL AND line > 0),"
            " d(dir, bit) AS (VALUES('taken', 1), ('fallthrough', 2))"
            " INSERT INTO src.run_facts SELECT %Q, %Q,"
            "  printf('%%s:%%d:%%d:branch:%%s#%%d', b.path, b.line, b.col, d.dir, b.k),"
            "  2 * ((COALESCE(ri.dirs, 0) & d.bit) != 0) FROM b, d"
            "  LEFT JOIN src.run_insns ri ON ri.addr = b.addr WHERE true"
            "  ON CONFLICT DO NOTHING;",
            trace_sha, test);
        rc = exec_sql(h, err, errlen, "recording branches", sql);
        sqlite3_free(sql);
    }
out:
    sqlite3_finalize(run);
    sqlite3_finalize(in.file);
    sqlite3_finalize(in.text);
    sqlite3_finalize(in.oblig);
    sqlite3_finalize(in.line);
    sqlite3_finalize(in.fact);
    sqlite3_finalize(in.insn);
    sqlite3_finalize(in.rinsn);
    sqlite3_finalize(in.dec);
    sqlite3_finalize(in.dcond);
    sqlite3_finalize(in.rdec);
    sqlite3_finalize(in.rvec);
    free(trace_sha);
    free(test);
    free(trace_path);
    return rc;
}

int xcov_db_add_report(XcovDb *db, const CovReport *r, const char *test_name, char *err,
                       size_t errlen)
{
    if (!r || r->nruns == 0)
        return fail(err, errlen, XCOV_DB_ERR_USAGE, "%s: the report has no run to record",
                    db->path);
    sqlite3 *h = db->h;
    int rc = exec_sql(h, err, errlen, "attaching", "ATTACH ':memory:' AS src");
    if (rc)
        return rc;
    rc = create_schema(h, "src", err, errlen);
    if (!rc)
        rc = exec_sql(h, err, errlen, db->path, "BEGIN");
    if (!rc) {
        rc = fill_src(h, r, test_name, err, errlen);
        if (!rc)
            rc = import_src(h, db->path, err, errlen);
        if (!rc)
            rc = exec_sql(h, err, errlen, db->path, "COMMIT");
        if (rc)
            sqlite3_exec(h, "ROLLBACK", NULL, NULL, NULL);
    }
    sqlite3_exec(h, "DETACH src", NULL, NULL, NULL);
    return rc;
}

int xcov_db_merge(const char *out_path, const char *const *in_paths, unsigned n, char *err,
                  size_t errlen)
{
    /* Validate every input before writing anything. */
    for (unsigned i = 0; i < n; i++) {
        XcovDb *d;
        int rc = xcov_db_open(in_paths[i], false, true, &d, err, errlen);
        if (rc)
            return rc;
        xcov_db_close(d);
    }
    size_t tl = strlen(out_path) + 8;
    char *tmp = xmalloc(tl);
    snprintf(tmp, tl, "%s.tmp", out_path);
    unlink(tmp);
    sqlite3 *h;
    int rc = open_handle(tmp, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, &h, err, errlen);
    if (rc) {
        /* SQLite's "unable to open database file" hides the reason. */
        FILE *probe = fopen(tmp, "w");
        int e = probe ? 0 : errno;
        if (probe) {
            fclose(probe);
            unlink(tmp);
        }
        fail(err, errlen, XCOV_DB_ERR_OUTPUT, "%s: cannot create: %s", out_path,
             e ? strerror(e) : "SQLite cannot open it");
        free(tmp);
        return XCOV_DB_ERR_OUTPUT;
    }
    rc = exec_sql(h, err, errlen, out_path, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF");
    if (!rc && (rc = create_schema(h, "main", err, errlen)) == XCOV_DB_ERR_SQL)
        rc = fail(err, errlen, XCOV_DB_ERR_OUTPUT, "%s: cannot write: %s", out_path,
                  sqlite3_errmsg(h));
    for (unsigned i = 0; !rc && i < n; i++) {
        sqlite3_stmt *st;
        rc = prep(h, &st, "ATTACH ? AS src");
        if (rc == SQLITE_OK) {
            sqlite3_bind_text(st, 1, in_paths[i], -1, SQLITE_STATIC);
            rc = step_reset(st);
            sqlite3_finalize(st);
        }
        if (rc != SQLITE_OK) {
            rc = fail(err, errlen, XCOV_DB_ERR_OPEN, "%s: cannot open: %s", in_paths[i],
                      sqlite3_errmsg(h));
            break;
        }
        rc = check_schema(h, "src", in_paths[i], err, errlen);
        if (!rc) {
            rc = exec_sql(h, err, errlen, out_path, "BEGIN");
            if (!rc)
                rc = import_src(h, in_paths[i], err, errlen);
            if (!rc)
                rc = exec_sql(h, err, errlen, out_path, "COMMIT");
            else
                sqlite3_exec(h, "ROLLBACK", NULL, NULL, NULL);
        }
        sqlite3_exec(h, "DETACH src", NULL, NULL, NULL);
    }
    if (sqlite3_close(h) != SQLITE_OK && !rc)
        rc = fail(err, errlen, XCOV_DB_ERR_OUTPUT, "%s: cannot close", out_path);
    if (!rc && rename(tmp, out_path) != 0)
        rc = fail(err, errlen, XCOV_DB_ERR_OUTPUT, "%s: cannot write: %s", out_path,
                  strerror(errno));
    if (rc)
        unlink(tmp);
    free(tmp);
    return rc;
}

/* ---- the consolidated view ------------------------------------------------- */

typedef struct StrList {
    char **v;
    unsigned n, cap;
} StrList;

static void sl_push(StrList *l, const char *s)
{
    l->v = grow(l->v, l->n, &l->cap, sizeof *l->v);
    l->v[l->n++] = xstrdup(s);
}

static void sl_free(StrList *l)
{
    for (unsigned i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
}

typedef struct Obl {
    char *key, *kind, *detail, *message;
    unsigned line, col, end_line, end_col;
    int state;               /* best over the runs: 2 sat, 1 undet, 0 not  */
    StrList sat, und;        /* labels of the runs, sorted                   */
    bool joint;              /* MC/DC pair made of vectors of several runs:
                                sat lists them; none satisfies it alone     */
} Obl;

/* A consolidated decision: the model over the union of the runs' vectors. */
typedef struct CDec {
    char *key;
    CovDecision d;
    StrList *vlab;           /* per vector: labels of the runs that saw it   */
    StrList undet;           /* labels of the runs where it was undetermined */
} CDec;

typedef struct CLine {
    char *path;
    unsigned line;
    uint64_t count;
    char *exemption;
    char mark;
    Obl *o;
    unsigned n, cap;
    CDec *dec;               /* decisions starting on the line, by column    */
    unsigned ndec, capdec;
} CLine;

typedef struct Consol {
    int rank;                /* consolidated level, -1 with no run          */
    CLine *lines;            /* by path, line                               */
    unsigned nlines;
    Obl *obj;                /* object obligations, by key                  */
    unsigned nobj, capobj;
    StrList labels;          /* every run label, sorted                     */
} Consol;

static void obl_free(Obl *o)
{
    free(o->key);
    free(o->kind);
    free(o->detail);
    free(o->message);
    sl_free(&o->sat);
    sl_free(&o->und);
}

static void consol_free(Consol *c)
{
    for (unsigned i = 0; i < c->nlines; i++) {
        CLine *L = &c->lines[i];
        for (unsigned k = 0; k < L->n; k++)
            obl_free(&L->o[k]);
        free(L->o);
        for (unsigned k = 0; k < L->ndec; k++) {
            CDec *x = &L->dec[k];
            for (unsigned v = 0; v < x->d.nvectors; v++)
                sl_free(&x->vlab[v]);
            free(x->vlab);
            sl_free(&x->undet);
            cov_decision_free(&x->d);
            free(x->key);
        }
        free(L->dec);
        free(L->path);
        free(L->exemption);
    }
    free(c->lines);
    for (unsigned k = 0; k < c->nobj; k++)
        obl_free(&c->obj[k]);
    free(c->obj);
    sl_free(&c->labels);
}

static Obl *obl_push(Obl **v, unsigned *n, unsigned *cap)
{
    *v = grow(*v, *n, cap, sizeof **v);
    Obl *o = &(*v)[(*n)++];
    memset(o, 0, sizeof *o);
    return o;
}

static char line_mark(const CLine *L)
{
    unsigned tot = L->n, sat = 0, und = 0;
    for (unsigned k = 0; k < tot; k++) {
        sat += L->o[k].state == 2;
        und += L->o[k].state == 1;
    }
    unsigned notcov = tot - sat - und;
    if (L->exemption)
        return sat == tot ? COV_MARK_EXEMPT : COV_MARK_EXEMPT_VIOLATED;
    return sat == tot ? COV_MARK_COVERED
           : notcov == tot ? COV_MARK_NOT_COVERED
           : notcov == 0 && sat == 0 ? COV_MARK_UNDETERMINED
           : COV_MARK_PARTIAL;
}

static CLine *find_line(Consol *c, const char *path, unsigned line)
{
    unsigned lo = 0, hi = c->nlines;
    while (lo < hi) {
        unsigned mid = lo + (hi - lo) / 2;
        int k = strcmp(c->lines[mid].path, path);
        if (k < 0 || (k == 0 && c->lines[mid].line < line))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < c->nlines && !strcmp(c->lines[lo].path, path) && c->lines[lo].line == line
               ? &c->lines[lo] : NULL;
}

static Obl *find_obl(CLine *L, const char *key)
{
    for (unsigned k = 0; k < L->n; k++)
        if (!strcmp(L->o[k].key, key))
            return &L->o[k];
    return NULL;
}

/* The pair the consolidated level judges, or NULL below stmt+mcdc. */
static const int *level_pair(const CovCondition *cd, int rank)
{
    return rank == COV_LEVEL_STMT_UC_MCDC ? cd->uc_pair
           : rank == COV_LEVEL_STMT_MCDC  ? cd->masking_pair : NULL;
}

/* Sorted union of two sorted label lists into out (appended). */
static void sl_union(StrList *out, const StrList *a, const StrList *b)
{
    unsigned i = 0, j = 0;
    while (i < a->n || j < b->n) {
        int k = i == a->n ? 1 : j == b->n ? -1 : strcmp(a->v[i], b->v[j]);
        sl_push(out, k <= 0 ? a->v[i] : b->v[j]);
        i += k <= 0;
        j += k >= 0;
    }
}

/* Decisions (docs §Decisions): for each decision some run at a decision
 * level speaks about, the union of the vectors of the runs that mapped it,
 * analysed at the consolidated level by report/decision.c, exactly as the
 * engine analyses the vectors of several traces.  Its MC/DC obligations
 * take their state from that analysis, so a pair made of a vector of test
 * A and one of test B counts. */
static int load_decisions(XcovDb *db, Consol *c)
{
    sqlite3 *h = db->h;
    sqlite3_stmt *d = NULL, *cq = NULL, *rq = NULL, *vq = NULL;
    int rc = prep(h, &d, "SELECT dkey, path, line, col, end_line, end_col, kind, from_macro, tree,"
                         " nconds FROM main.decisions x WHERE EXISTS(SELECT 1 FROM"
                         " main.run_decisions rd JOIN main.runs r USING(trace_sha, test)"
                         " WHERE rd.dkey = x.dkey AND r.level_rank >= 3)"
                         " ORDER BY path, line, col, dkey");
    if (rc == SQLITE_OK)
        rc = prep(h, &cq, "SELECT idx, line, col, end_line, end_col, text, from_macro, macro,"
                          " macro_line, macro_col FROM main.decision_conds WHERE dkey = ?1"
                          " ORDER BY idx");
    if (rc == SQLITE_OK)
        rc = prep(h, &rq, "SELECT l.label, rd.reason FROM main.run_decisions rd"
                          " JOIN main.runs r USING(trace_sha, test)"
                          " JOIN run_labels l USING(trace_sha, test)"
                          " WHERE rd.dkey = ?1 AND r.level_rank >= 3 ORDER BY l.label");
    if (rc == SQLITE_OK)
        rc = prep(h, &vq, "SELECT v.vals, v.outcome, v.count, l.label FROM main.run_vectors v"
                          " JOIN main.run_decisions rd USING(trace_sha, test, dkey)"
                          " JOIN main.runs r USING(trace_sha, test)"
                          " JOIN run_labels l USING(trace_sha, test)"
                          " WHERE v.dkey = ?1 AND rd.reason IS NULL AND r.level_rank >= 3"
                          " ORDER BY v.vals, v.outcome, l.label");
    while (rc == SQLITE_OK && (rc = sqlite3_step(d)) == SQLITE_ROW) {
        rc = SQLITE_OK;
        CLine *L = find_line(c, col_str(d, 1), (unsigned)sqlite3_column_int64(d, 2));
        if (!L)
            continue;   /* no run has code on the line: nothing to judge */
        L->dec = grow(L->dec, L->ndec, &L->capdec, sizeof *L->dec);
        CDec *x = &L->dec[L->ndec++];
        memset(x, 0, sizeof *x);
        x->key = xstrdup(col_str(d, 0));
        CovDecision *m = &x->d;
        m->line = L->line;
        m->col = (unsigned)sqlite3_column_int64(d, 3);
        m->end_line = (unsigned)sqlite3_column_int64(d, 4);
        m->end_col = (unsigned)sqlite3_column_int64(d, 5);
        if (!cov_decision_kind_parse(col_str(d, 6), &m->kind))
            m->kind = COV_DEC_EXPR;
        m->from_macro = sqlite3_column_int(d, 7) != 0;
        m->nconds = (unsigned)sqlite3_column_int64(d, 9);
        bool tree_ok = tree_decode(col_str(d, 8), m->nconds, m);
        m->conds = xcalloc(m->nconds, sizeof *m->conds);
        for (unsigned k = 0; k < m->nconds; k++)
            m->conds[k] = (CovCondition){.uc_pair = {-1, -1}, .masking_pair = {-1, -1}};
        sqlite3_bind_text(cq, 1, x->key, -1, SQLITE_STATIC);
        while ((rc = sqlite3_step(cq)) == SQLITE_ROW) {
            long long k = sqlite3_column_int64(cq, 0);
            if (k < 0 || (unsigned long long)k >= m->nconds)
                continue;
            CovCondition *cd = &m->conds[k];
            cd->line = (unsigned)sqlite3_column_int64(cq, 1);
            cd->col = (unsigned)sqlite3_column_int64(cq, 2);
            cd->end_line = (unsigned)sqlite3_column_int64(cq, 3);
            cd->end_col = (unsigned)sqlite3_column_int64(cq, 4);
            cd->text = col_dup(cq, 5);
            cd->from_macro = sqlite3_column_int(cq, 6) != 0;
            cd->macro = col_dup(cq, 7);
            cd->macro_line = (unsigned)sqlite3_column_int64(cq, 8);
            cd->macro_col = (unsigned)sqlite3_column_int64(cq, 9);
        }
        sqlite3_reset(cq);
        if (rc != SQLITE_DONE)
            break;
        /* mapped by at least one run: analysed; else undetermined (smallest reason) */
        bool mapped = false;
        char *reason = NULL;
        sqlite3_bind_text(rq, 1, x->key, -1, SQLITE_STATIC);
        while ((rc = sqlite3_step(rq)) == SQLITE_ROW) {
            if (sqlite3_column_type(rq, 1) == SQLITE_NULL) {
                mapped = true;
                continue;
            }
            sl_push(&x->undet, col_str(rq, 0));
            if (!reason || strcmp(col_str(rq, 1), reason) < 0) {
                free(reason);
                reason = col_dup(rq, 1);
            }
        }
        sqlite3_reset(rq);
        if (rc != SQLITE_DONE) {
            free(reason);
            break;
        }
        unsigned vcap = 0;
        sqlite3_bind_text(vq, 1, x->key, -1, SQLITE_STATIC);
        while ((rc = sqlite3_step(vq)) == SQLITE_ROW) {
            const char *vals = col_str(vq, 0), *out = col_str(vq, 1);
            if (strlen(vals) != m->nconds || strspn(vals, "TF-") != m->nconds ||
                (strcmp(out, "T") && strcmp(out, "F")))
                continue;   /* not this decision's shape: ignored */
            CovEvalVector *last = m->nvectors ? &m->vectors[m->nvectors - 1] : NULL;
            if (!last || strcmp(last->values, vals) || last->outcome != out[0]) {
                unsigned oc = vcap;
                m->vectors = grow(m->vectors, m->nvectors, &vcap, sizeof *m->vectors);
                if (vcap != oc) {
                    x->vlab = xrealloc(x->vlab, vcap * sizeof *x->vlab);
                }
                memset(&x->vlab[m->nvectors], 0, sizeof *x->vlab);
                last = &m->vectors[m->nvectors++];
                *last = (CovEvalVector){xstrdup(vals), out[0], 0};
            }
            last->count += (uint64_t)sqlite3_column_int64(vq, 2);
            sl_push(&x->vlab[m->nvectors - 1], col_str(vq, 3));
        }
        sqlite3_reset(vq);
        if (rc != SQLITE_DONE) {
            free(reason);
            break;
        }
        rc = SQLITE_OK;
        if (!tree_ok) {
            free(reason);
            reason = xstrdup("the database holds a malformed tree for this decision");
        } else if (mapped) {
            free(reason);
            reason = NULL;
        }
        m->reason = reason;
        if (!m->reason)   /* rows come in the canonical order: vlab stays aligned */
            cov_decision_analyse(m, (CovLevel)c->rank);
        else
            m->state = COV_DEC_UNDETERMINED;
        if (c->rank < COV_LEVEL_STMT_MCDC || m->reason)
            continue;
        for (unsigned k = 0; k < m->nconds; k++) {
            const CovCondition *cd = &m->conds[k];
            char *okey = sqlite3_mprintf("%s:%u:%u:mcdc:c%u", L->path, cd->line, cd->col, k + 1);
            Obl *o = find_obl(L, okey);
            sqlite3_free(okey);
            if (!o)
                continue;
            const int *p = level_pair(cd, c->rank);
            if (cd->covered && o->state != 2) {
                o->state = 2;
                o->joint = true;
                sl_union(&o->sat, &x->vlab[p[0]], &x->vlab[p[1]]);
            } else if (!cd->covered && o->state == 2) {
                o->state = o->und.n ? 1 : 0;   /* cannot happen: one run's pair is in the union */
                sl_free(&o->sat);
                memset(&o->sat, 0, sizeof o->sat);
            }
        }
    }
    if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    sqlite3_finalize(d);
    sqlite3_finalize(cq);
    sqlite3_finalize(rq);
    sqlite3_finalize(vq);
    return rc;
}

static int load(XcovDb *db, Consol *c, char *err, size_t errlen)
{
    sqlite3 *h = db->h;
    memset(c, 0, sizeof *c);
    c->rank = -1;
    sqlite3_stmt *st = NULL;
    int rc = SQLITE_OK;
#define Q(sql) \
    do { \
        if ((rc = prep(h, &st, sql)) != SQLITE_OK) \
            goto sqlerr; \
    } while (0)
    Q("SELECT max(level_rank) FROM main.runs");
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
        c->rank = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    Q("SELECT label FROM run_labels ORDER BY label");
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        sl_push(&c->labels, col_str(st, 0));
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        goto sqlerr;
    Q("SELECT path, line, sum(count), min(exemption) FROM main.run_lines"
      " GROUP BY path, line ORDER BY path, line");
    unsigned cap = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        c->lines = grow(c->lines, c->nlines, &cap, sizeof *c->lines);
        CLine *L = &c->lines[c->nlines++];
        memset(L, 0, sizeof *L);
        L->path = col_dup(st, 0);
        L->line = (unsigned)sqlite3_column_int64(st, 1);
        L->count = (uint64_t)sqlite3_column_int64(st, 2);
        L->exemption = col_dup(st, 3);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        goto sqlerr;
    /* Every (run, obligation) of a kind the consolidated level judges. */
    Q("SELECT s.path, s.line, s.key, s.kind, s.state, l.label, o.col, o.detail, o.end_line,"
      " o.end_col, o.message FROM sat s"
      " JOIN run_labels l ON l.trace_sha = s.trace_sha AND l.test = s.test"
      " LEFT JOIN main.obligations o ON o.key = s.key"
      " WHERE s.kind IN (SELECT kind FROM main.level_kinds WHERE rank = ?1)"
      " ORDER BY s.path IS NOT NULL, s.path, s.line, o.col, s.kind, o.detail, s.key, l.label");
    sqlite3_bind_int(st, 1, c->rank);
    unsigned li = 0;
    Obl *cur = NULL;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *path = (const char *)sqlite3_column_text(st, 0);
        unsigned line = (unsigned)sqlite3_column_int64(st, 1);
        const char *key = col_str(st, 2);
        int state = sqlite3_column_int(st, 4);
        const char *label = col_str(st, 5);
        if (!cur || strcmp(cur->key, key)) {
            if (!path) {
                cur = obl_push(&c->obj, &c->nobj, &c->capobj);
                cur->line = line;   /* the address, for object obligations */
            } else {
                while (li < c->nlines && (strcmp(c->lines[li].path, path) < 0 ||
                                          (!strcmp(c->lines[li].path, path) &&
                                           c->lines[li].line < line)))
                    li++;
                if (li == c->nlines || strcmp(c->lines[li].path, path) ||
                    c->lines[li].line != line) {
                    rc = SQLITE_INTERNAL;   /* sat joins run_lines: cannot happen */
                    break;
                }
                CLine *L = &c->lines[li];
                cur = obl_push(&L->o, &L->n, &L->cap);
                cur->line = line;
            }
            cur->key = xstrdup(key);
            cur->kind = xstrdup(col_str(st, 3));
            cur->col = (unsigned)sqlite3_column_int64(st, 6);
            cur->detail = xstrdup(col_str(st, 7));
            cur->end_line = (unsigned)sqlite3_column_int64(st, 8);
            cur->end_col = (unsigned)sqlite3_column_int64(st, 9);
            cur->message = col_dup(st, 10);
        }
        if (state > cur->state)
            cur->state = state;
        if (state == 2)
            sl_push(&cur->sat, label);
        else if (state == 1)
            sl_push(&cur->und, label);
    }
    sqlite3_finalize(st);
    st = NULL;
    if (rc != SQLITE_DONE)
        goto sqlerr;
    if (c->rank >= COV_LEVEL_STMT_DECISION && (rc = load_decisions(db, c)) != SQLITE_OK)
        goto sqlerr;
    for (unsigned i = 0; i < c->nlines; i++)
        c->lines[i].mark = line_mark(&c->lines[i]);
    return XCOV_DB_OK;
sqlerr:
    sqlite3_finalize(st);
    fail(err, errlen, XCOV_DB_ERR_SQL, "%s: %s", db->path, sqlite3_errmsg(h));
    consol_free(c);
    return XCOV_DB_ERR_SQL;
#undef Q
}

static const char *state_name(int s)
{
    return s == 2 ? "satisfied" : s == 1 ? "undetermined" : "not-satisfied";
}

/* ---- useless --------------------------------------------------------------- */

static int label_index(const Consol *c, const char *label)
{
    return find_sorted(c->labels.v, c->labels.n, sizeof *c->labels.v, 0, label);
}

/* Calls fn on every judged obligation of c. */
#define FOR_EACH_OBL(c, o, body) \
    do { \
        for (unsigned li_ = 0; li_ < (c)->nlines; li_++) \
            for (unsigned k_ = 0; k_ < (c)->lines[li_].n; k_++) { \
                const Obl *o = &(c)->lines[li_].o[k_]; \
                body \
            } \
        for (unsigned k_ = 0; k_ < (c)->nobj; k_++) { \
            const Obl *o = &(c)->obj[k_]; \
            body \
        } \
    } while (0)

typedef struct Useless {
    bool *useless;           /* per label                                    */
    unsigned *greedy;        /* labels in greedy order                       */
    unsigned *gain;          /* new obligations each adds                    */
    unsigned ngreedy;
} Useless;

static void compute_useless(const Consol *c, Useless *u)
{
    unsigned nl = c->labels.n;
    u->useless = xcalloc(nl, sizeof *u->useless);
    u->greedy = xcalloc(nl, sizeof *u->greedy);
    u->gain = xcalloc(nl, sizeof *u->gain);
    u->ngreedy = 0;
    unsigned *sole = xcalloc(nl, sizeof *sole);
    unsigned nobl = 0;
    FOR_EACH_OBL(c, o, {
        nobl++;
        /* a joint MC/DC pair needs every run that contributed a vector:
         * none of them is redundant for it (conservative) */
        for (unsigned s = 0; (o->sat.n == 1 || o->joint) && s < o->sat.n; s++) {
            int i = label_index(c, o->sat.v[s]);
            if (i >= 0)
                sole[i]++;
        }
    });
    for (unsigned i = 0; i < nl; i++)
        u->useless[i] = sole[i] == 0;
    /* Greedy cover: the label adding most new obligations, ties by name. */
    bool *covered = xcalloc(nobl, sizeof *covered), *picked = xcalloc(nl, sizeof *picked);
    unsigned *cnt = xcalloc(nl, sizeof *cnt);
    for (;;) {
        memset(cnt, 0, nl * sizeof *cnt);
        unsigned idx = 0;
        FOR_EACH_OBL(c, o, {
            if (!covered[idx])
                for (unsigned s = 0; s < o->sat.n; s++) {
                    int i = label_index(c, o->sat.v[s]);
                    if (i >= 0)
                        cnt[i]++;
                }
            idx++;
        });
        unsigned best = nl;
        for (unsigned i = 0; i < nl; i++)
            if (!picked[i] && cnt[i] && (best == nl || cnt[i] > cnt[best]))
                best = i;
        if (best == nl)
            break;
        picked[best] = true;
        u->greedy[u->ngreedy] = best;
        u->gain[u->ngreedy++] = cnt[best];
        idx = 0;
        FOR_EACH_OBL(c, o, {
            for (unsigned s = 0; s < o->sat.n; s++)
                if (!strcmp(o->sat.v[s], c->labels.v[best]))
                    covered[idx] = true;
            idx++;
        });
    }
    free(sole);
    free(covered);
    free(picked);
    free(cnt);
}

static void useless_free(Useless *u)
{
    free(u->useless);
    free(u->greedy);
    free(u->gain);
}

int xcov_db_useless_tests(XcovDb *db, char ***names, unsigned *count, char *err, size_t errlen)
{
    Consol c;
    int rc = load(db, &c, err, errlen);
    if (rc)
        return rc;
    Useless u;
    compute_useless(&c, &u);
    *names = xcalloc(c.labels.n, sizeof **names);
    *count = 0;
    for (unsigned i = 0; i < c.labels.n; i++)
        if (u.useless[i])
            (*names)[(*count)++] = xstrdup(c.labels.v[i]);
    useless_free(&u);
    consol_free(&c);
    return XCOV_DB_OK;
}

void xcov_db_free_names(char **names, unsigned count)
{
    for (unsigned i = 0; names && i < count; i++)
        free(names[i]);
    free(names);
}

int xcov_db_useless(XcovDb *db, FILE *out, char *err, size_t errlen)
{
    Consol c;
    int rc = load(db, &c, err, errlen);
    if (rc)
        return rc;
    Useless u;
    compute_useless(&c, &u);
    unsigned n = 0;
    fprintf(out, "tests that add nothing (each alone: every obligation it satisfies is "
                 "satisfied by another test):\n");
    for (unsigned i = 0; i < c.labels.n; i++)
        if (u.useless[i]) {
            fprintf(out, "  %s\n", c.labels.v[i]);
            n++;
        }
    if (!n)
        fprintf(out, "  (none)\n");
    fprintf(out, "greedy cover (test: new obligations it adds):\n");
    for (unsigned g = 0; g < u.ngreedy; g++)
        fprintf(out, "  %u. %s: %u\n", g + 1, c.labels.v[u.greedy[g]], u.gain[g]);
    bool *in = xcalloc(c.labels.n, sizeof *in);
    for (unsigned g = 0; g < u.ngreedy; g++)
        in[u.greedy[g]] = true;
    fprintf(out, "outside the greedy cover (removable together):");
    n = 0;
    for (unsigned i = 0; i < c.labels.n; i++)
        if (!in[i]) {
            fprintf(out, " %s", c.labels.v[i]);
            n++;
        }
    fprintf(out, "%s\n", n ? "" : " (none)");
    free(in);
    useless_free(&u);
    consol_free(&c);
    return ferror(out) ? fail(err, errlen, XCOV_DB_ERR_OUTPUT, "write error") : XCOV_DB_OK;
}

/* ---- who -------------------------------------------------------------------- */

static void who_labels(FILE *out, const StrList *l)
{
    for (unsigned s = 0; s < l->n; s++)
        fprintf(out, "%s%s", s ? ", " : "", l->v[s]);
}

/* A decision: outcomes with the tests that produced them, the union of the
 * vectors with their tests, and per condition the pair and whose vectors
 * make it (two different tests when the pair is made across runs). */
static void who_decision(FILE *out, const CDec *x, int rank)
{
    const CovDecision *d = &x->d;
    fprintf(out, "  decision %s (%s) at %u:%u: %s", x->key, cov_decision_kind_name(d->kind),
            d->line, d->col, cov_decision_state_name(d->state));
    if (d->reason)
        fprintf(out, " (%s)", d->reason);
    fputc('\n', out);
    if (x->undet.n) {
        fputs("    undetermined in: ", out);
        who_labels(out, &x->undet);
        fputc('\n', out);
    }
    for (int o = 0; o < 2; o++) {
        char oc = o ? 'F' : 'T';
        StrList by = {0};
        for (unsigned v = 0; v < d->nvectors; v++)
            if (d->vectors[v].outcome == oc) {
                StrList u = {0};
                sl_union(&u, &by, &x->vlab[v]);
                sl_free(&by);
                by = u;
            }
        fprintf(out, "    outcome %s: ", o ? "False" : "True");
        if (by.n)
            who_labels(out, &by);
        else
            fputs("no test", out);
        fputc('\n', out);
        sl_free(&by);
    }
    for (unsigned v = 0; v < d->nvectors; v++) {
        fprintf(out, "    vector %u %s -> %c x%llu: ", v + 1, d->vectors[v].values,
                d->vectors[v].outcome, (unsigned long long)d->vectors[v].count);
        who_labels(out, &x->vlab[v]);
        fputc('\n', out);
    }
    for (unsigned k = 0; k < d->nconds && !d->reason; k++) {
        const int *p = level_pair(&d->conds[k], rank);
        if (!p)
            break;
        fprintf(out, "    condition %u \"%s\": ", k + 1, d->conds[k].text ? d->conds[k].text : "");
        if (p[0] < 0) {
            fprintf(out, "no %s pair\n", rank == COV_LEVEL_STMT_UC_MCDC ? "unique-cause"
                                                                         : "masking");
            continue;
        }
        fprintf(out, "pair vectors %d (", p[0] + 1);
        who_labels(out, &x->vlab[p[0]]);
        fprintf(out, ") and %d (", p[1] + 1);
        who_labels(out, &x->vlab[p[1]]);
        fputs(")\n", out);
    }
}

int xcov_db_who(XcovDb *db, const char *file, unsigned line, FILE *out, char *err,
                size_t errlen)
{
    Consol c;
    int rc = load(db, &c, err, errlen);
    if (rc)
        return rc;
    /* Resolve the file: exact normalised path, else a unique '/'-bounded suffix. */
    char *want = norm_path(file);
    const char *match = NULL;
    bool ambiguous = false;
    for (int pass = 0; pass < 2 && !match; pass++) {
        const char *prev = NULL;
        for (unsigned i = 0; i < c.nlines; i++) {
            const char *p = c.lines[i].path;
            if (prev && !strcmp(prev, p))
                continue;
            prev = p;
            size_t pl = strlen(p), wl = strlen(want);
            bool ok = pass == 0 ? !strcmp(p, want)
                                : pl > wl && !strcmp(p + pl - wl, want) && p[pl - wl - 1] == '/';
            if (!ok)
                continue;
            if (match && strcmp(match, p))
                ambiguous = true;
            match = p;
        }
    }
    if (!match || ambiguous) {
        rc = fail(err, errlen, XCOV_DB_ERR_USAGE, "%s: %s", file,
                  ambiguous ? "several files of the database end with this path"
                            : "no file of the database has this path");
        goto out;
    }
    const CLine *L = NULL;
    for (unsigned i = 0; i < c.nlines; i++)
        if (!strcmp(c.lines[i].path, match) && c.lines[i].line == line)
            L = &c.lines[i];
    if (!L) {
        rc = fail(err, errlen, XCOV_DB_ERR_USAGE, "%s:%u: no code (no obligation) on this line",
                  match, line);
        goto out;
    }
    fprintf(out, "%s:%u: %c%s%s\n", match, line, L->mark, L->exemption ? " exempted: " : "",
            L->exemption ? L->exemption : "");
    unsigned nobody = 0;
    for (unsigned k = 0; k < L->n; k++) {
        const Obl *o = &L->o[k];
        fprintf(out, "  %s%s%s col %u:", o->kind, *o->detail ? " " : "", o->detail, o->col);
        if (o->state != 1)
            fprintf(out, " %s", state_name(o->state));
        if (o->sat.n) {
            fprintf(out, " by");
            for (unsigned s = 0; s < o->sat.n; s++)
                fprintf(out, " %s", o->sat.v[s]);
        }
        if (o->und.n) {
            fprintf(out, "%sundetermined in", o->sat.n ? "; " : " ");
            for (unsigned s = 0; s < o->und.n; s++)
                fprintf(out, " %s", o->und.v[s]);
        }
        fprintf(out, "\n");
        nobody += o->state != 2;
    }
    fprintf(out, "  %u of %u obligations satisfied by no test\n", nobody, L->n);
    for (unsigned i = 0; i < L->ndec; i++)
        who_decision(out, &L->dec[i], c.rank);
    if (ferror(out))
        rc = fail(err, errlen, XCOV_DB_ERR_OUTPUT, "write error");
out:
    free(want);
    consol_free(&c);
    return rc;
}

/* ---- JSON --------------------------------------------------------------------- */

static void json_str(FILE *f, const char *s)
{
    if (!s) {
        fputs("null", f);
        return;
    }
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(f, "\\%c", *p);
        else if (*p == '\n')
            fputs("\\n", f);
        else if (*p == '\t')
            fputs("\\t", f);
        else if (*p < 0x20)
            fprintf(f, "\\u%04x", *p);
        else
            fputc(*p, f);
    }
    fputc('"', f);
}

static void json_list(FILE *f, const StrList *l)
{
    fputc('[', f);
    for (unsigned i = 0; i < l->n; i++) {
        if (i)
            fputs(", ", f);
        json_str(f, l->v[i]);
    }
    fputc(']', f);
}

static void json_obl(FILE *f, const Obl *o, bool object)
{
    fputs("{\"key\": ", f);
    json_str(f, o->key);
    fputs(", \"kind\": ", f);
    json_str(f, o->kind);
    if (!object) {
        fprintf(f, ", \"col\": %u, \"detail\": ", o->col);
        json_str(f, o->detail);
    }
    fprintf(f, ", \"state\": \"%s\", \"satisfied_by\": ", state_name(o->state));
    json_list(f, &o->sat);
    fputs(", \"undetermined_in\": ", f);
    json_list(f, &o->und);
    fputc('}', f);
}

/* The consolidated decisions of a line (docs §JSON "decisions"). */
static void json_decisions(FILE *f, const CLine *L, int rank)
{
    fputs(", \"decisions\": [", f);
    for (unsigned i = 0; i < L->ndec; i++) {
        const CDec *x = &L->dec[i];
        const CovDecision *d = &x->d;
        fputs(i ? ",\n          {\"key\": " : "\n          {\"key\": ", f);
        json_str(f, x->key);
        fprintf(f, ", \"kind\": \"%s\", \"col\": %u, \"state\": \"%s\", \"reason\": ",
                cov_decision_kind_name(d->kind), d->col, cov_decision_state_name(d->state));
        json_str(f, d->reason);
        fputs(", \"undetermined_in\": ", f);
        json_list(f, &x->undet);
        fprintf(f, ", \"outcomes\": {\"true\": %s, \"false\": %s}, \"conditions\": [",
                d->outcome_true ? "true" : "false", d->outcome_false ? "true" : "false");
        for (unsigned k = 0; k < d->nconds; k++) {
            const CovCondition *cd = &d->conds[k];
            const int *p = level_pair(cd, rank);
            fprintf(f, "%s{\"line\": %u, \"col\": %u, \"text\": ", k ? ", " : "", cd->line,
                    cd->col);
            json_str(f, cd->text);
            if (p && p[0] >= 0)
                fprintf(f, ", \"pair\": [%d, %d]}", p[0], p[1]);
            else
                fputs(", \"pair\": null}", f);
        }
        fputs("], \"vectors\": [", f);
        for (unsigned v = 0; v < d->nvectors; v++) {
            fprintf(f, "%s{\"values\": \"%s\", \"outcome\": \"%c\", \"count\": %llu, "
                       "\"runs\": ", v ? ", " : "", d->vectors[v].values, d->vectors[v].outcome,
                    (unsigned long long)d->vectors[v].count);
            json_list(f, &x->vlab[v]);
            fputc('}', f);
        }
        fputs("]}", f);
    }
    fputc(']', f);
}

typedef struct KindCount {
    const char *kind;
    unsigned total, satisfied, undetermined;
} KindCount;

int xcov_db_to_json(XcovDb *db, FILE *out, char *err, size_t errlen)
{
    Consol c;
    int rc = load(db, &c, err, errlen);
    if (rc)
        return rc;
    sqlite3 *h = db->h;
    sqlite3_stmt *st = NULL;
    FILE *f = out;
    fprintf(f, "{\n  \"format\": \"emucov-consolidation\",\n  \"schema_version\": %d,\n"
               "  \"level\": ", XCOV_DB_SCHEMA_VERSION);
    json_str(f, c.rank >= 0 ? level_name(c.rank) : NULL);
    fputs(",\n  \"runs\": [", f);
    if (prep(h, &st, "SELECT l.label, r.test, r.trace_sha, r.elf_sha, r.elf_path, r.trace_path,"
                     " r.level, r.isa, r.insns, r.blocks, r.damaged FROM main.runs r"
                     " JOIN run_labels l USING(trace_sha, test) ORDER BY l.label") != SQLITE_OK)
        goto sqlerr;
    for (unsigned n = 0; (rc = sqlite3_step(st)) == SQLITE_ROW; n++) {
        static const char *const names[] = {"label", "test", "trace_sha256", "elf_sha256",
                                            "elf_path", "trace_path", "level", "isa"};
        fputs(n ? ",\n    {" : "\n    {", f);
        for (int i = 0; i < 8; i++) {
            fprintf(f, "%s\"%s\": ", i ? ", " : "", names[i]);
            json_str(f, (const char *)sqlite3_column_text(st, i));
        }
        fprintf(f, ", \"insns\": %lld, \"blocks\": %lld, \"damaged\": %s}",
                (long long)sqlite3_column_int64(st, 8), (long long)sqlite3_column_int64(st, 9),
                sqlite3_column_int(st, 10) ? "true" : "false");
    }
    sqlite3_finalize(st);
    st = NULL;
    if (rc != SQLITE_DONE)
        goto sqlerr;
    fputs("\n  ],\n  \"files\": [", f);
    KindCount kc[] = {{"line", 0, 0, 0},   {"stmt", 0, 0, 0},         {"branch", 0, 0, 0},
                      {"decision", 0, 0, 0}, {"mcdc", 0, 0, 0},       {"insn", 0, 0, 0},
                      {"branch-taken", 0, 0, 0}, {"branch-not-taken", 0, 0, 0}};
    unsigned nkc = sizeof kc / sizeof kc[0];
    for (unsigned i = 0; i < c.nlines; i++) {
        const CLine *L = &c.lines[i];
        bool newfile = i == 0 || strcmp(c.lines[i - 1].path, L->path);
        if (newfile) {
            fputs(i ? "\n      ]},\n    {\"path\": " : "\n    {\"path\": ", f);
            json_str(f, L->path);
            fputs(", \"lines\": [", f);
        }
        fprintf(f, "%s\n        {\"line\": %u, \"mark\": \"%c\", \"count\": %llu, "
                   "\"exemption\": ", newfile ? "" : ",", L->line, L->mark,
                (unsigned long long)L->count);
        json_str(f, L->exemption);
        fputs(", \"obligations\": [", f);
        for (unsigned k = 0; k < L->n; k++) {
            fputs(k ? ",\n          " : "\n          ", f);
            json_obl(f, &L->o[k], false);
        }
        fputc(']', f);
        if (L->ndec)
            json_decisions(f, L, c.rank);
        fputc('}', f);
    }
    fputs(c.nlines ? "\n      ]}\n  ],\n" : "\n  ],\n", f);
    fputs("  \"object_obligations\": [", f);
    for (unsigned k = 0; k < c.nobj; k++) {
        fputs(k ? ",\n    " : "\n    ", f);
        json_obl(f, &c.obj[k], true);
    }
    fputs(c.nobj ? "\n  ],\n" : "],\n", f);
    /* Per-ELF summary, whatever the level. */
    fputs("  \"elfs\": [", f);
    if (prep(h, &st, "SELECT elf_sha, count(*), sum(is_branch), sum(ex), sum(is_branch * (t + nt))"
                     " FROM (SELECT i.elf_sha, i.is_branch, coalesce(max(ri.executed != 0), 0) AS ex,"
                     "  coalesce(max(ri.dirs & 1), 0) AS t, coalesce(max(ri.dirs & 2) / 2, 0) AS nt"
                     "  FROM main.insns i LEFT JOIN (main.run_insns ri JOIN main.runs r"
                     "  USING(trace_sha, test)) ON r.elf_sha = i.elf_sha AND ri.addr = i.addr"
                     "  GROUP BY i.elf_sha, i.addr)"
                     " GROUP BY elf_sha ORDER BY elf_sha") != SQLITE_OK)
        goto sqlerr;
    for (unsigned n = 0; (rc = sqlite3_step(st)) == SQLITE_ROW; n++) {
        fputs(n ? ",\n    {\"elf_sha256\": " : "\n    {\"elf_sha256\": ", f);
        json_str(f, col_str(st, 0));
        fprintf(f, ", \"insns\": %lld, \"branches\": %lld, \"insns_executed\": %lld, "
                   "\"branch_directions_covered\": %lld}",
                (long long)sqlite3_column_int64(st, 1), (long long)sqlite3_column_int64(st, 2),
                (long long)sqlite3_column_int64(st, 3), (long long)sqlite3_column_int64(st, 4));
    }
    sqlite3_finalize(st);
    st = NULL;
    if (rc != SQLITE_DONE)
        goto sqlerr;
    fputs("\n  ],\n  \"totals\": {", f);
    FOR_EACH_OBL(&c, o, {
        for (unsigned q = 0; q < nkc; q++)
            if (!strcmp(kc[q].kind, o->kind)) {
                kc[q].total++;
                kc[q].satisfied += o->state == 2;
                kc[q].undetermined += o->state == 1;
            }
    });
    unsigned lines_cov = 0;
    for (unsigned i = 0; i < c.nlines; i++)
        lines_cov += c.lines[i].mark == COV_MARK_COVERED || c.lines[i].mark == COV_MARK_EXEMPT;
    fprintf(f, "\"lines_with_code\": %u, \"lines_covered\": %u", c.nlines, lines_cov);
    for (unsigned q = 0; q < nkc; q++)
        fprintf(f, ", \"%s\": {\"total\": %u, \"satisfied\": %u, \"undetermined\": %u}",
                kc[q].kind, kc[q].total, kc[q].satisfied, kc[q].undetermined);
    fputs("},\n  \"exemptions\": [", f);
    /* as the rebuilt report has them: `violated` is over the union (§5) */
    CovReport *rep = NULL;
    rc = xcov_db_to_report(db, &rep, err, errlen);
    if (rc) {
        consol_free(&c);
        return rc;
    }
    for (unsigned k = 0; k < rep->nexemptions; k++) {
        const CovExemption *x = &rep->exemptions[k];
        fputs(k ? ",\n    {\"path\": " : "\n    {\"path\": ", f);
        json_str(f, rep->files[x->file].path);
        fprintf(f, ", \"first_line\": %u, \"last_line\": %u, \"kind\": ", x->first_line,
                x->last_line);
        json_str(f, cov_exempt_kind_name(x->kind));
        if (x->kind == COV_EXEMPT_CONDITION)
            fprintf(f, ", \"condition\": %u", x->condition);
        fputs(", \"justification\": ", f);
        json_str(f, x->justification ? x->justification : "");
        fprintf(f, ", \"obligations\": %u, \"violated\": %u}", (unsigned)x->obligations,
                (unsigned)x->violated);
    }
    fputs(rep->nexemptions ? "\n  ],\n  \"useless_tests\": [" : "],\n  \"useless_tests\": [", f);
    xcov_db_report_free(rep);
    Useless u;
    compute_useless(&c, &u);
    for (unsigned i = 0, n = 0; i < c.labels.n; i++)
        if (u.useless[i]) {
            fputs(n++ ? ", " : "", f);
            json_str(f, c.labels.v[i]);
        }
    fputs("],\n  \"greedy_cover\": [", f);
    for (unsigned g = 0; g < u.ngreedy; g++) {
        fputs(g ? ", " : "", f);
        json_str(f, c.labels.v[u.greedy[g]]);
    }
    fputs("]\n}\n", f);
    useless_free(&u);
    consol_free(&c);
    if (ferror(f))
        return fail(err, errlen, XCOV_DB_ERR_OUTPUT, "write error");
    return XCOV_DB_OK;
sqlerr:
    sqlite3_finalize(st);
    consol_free(&c);
    return fail(err, errlen, XCOV_DB_ERR_SQL, "%s: %s", db->path, sqlite3_errmsg(h));
}

/* ---- CovReport --------------------------------------------------------------- */

static const char *violation_kind(const Obl *o)
{
    if (o->state == 1)
        return "undetermined";
    if (!strcmp(o->kind, "stmt"))
        return "stmt-not-executed";
    if (!strcmp(o->kind, "decision"))
        return !strcmp(o->detail, "true") ? "decision-outcome-true" : "decision-outcome-false";
    if (!strcmp(o->kind, "mcdc"))
        return "mcdc-independence";
    if (!strcmp(o->kind, "branch"))
        return !strncmp(o->detail, "taken", 5) ? "branch-not-taken" : "branch-not-fallthrough";
    return "line-not-executed";
}

static char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *xasprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = NULL;
    if (vasprintf(&s, fmt, ap) < 0) {
        fprintf(stderr, "xcov-db: out of memory\n");
        abort();
    }
    va_end(ap);
    return s;
}

/* The mark of a line once the exemption list is known, by the engine's rule
 * (docs/coverage-semantics.md §6): a region's lines have its mark ('*' when
 * one of its obligations is violated in the union); a line with a finer
 * exemption keeps its ordinary mark when something not exempted is missing. */
static void exempt_mark(const CovReport *r, int fi, CovLine *cl, const CLine *L)
{
    for (unsigned i = 0; i < r->nexemptions; i++) {
        const CovExemption *x = &r->exemptions[i];
        if (x->file == fi && x->kind == COV_EXEMPT_REGION && x->first_line <= cl->number &&
            cl->number <= x->last_line) {
            cl->mark = x->violated ? COV_MARK_EXEMPT_VIOLATED : COV_MARK_EXEMPT;
            return;
        }
    }
    if (cl->mark != COV_MARK_EXEMPT && cl->mark != COV_MARK_EXEMPT_VIOLATED)
        return;
    for (unsigned k = 0; k < cl->nviolations; k++)
        if (!cl->violations[k].exempted && strcmp(cl->violations[k].kind, "line-not-executed")) {
            CLine t = *L;
            t.exemption = NULL;
            cl->mark = line_mark(&t);
            return;
        }
}

/* The violation kind naming obligation o whatever its state (what
 * cov_violation_exemption matches against the decision model). */
static const char *obligation_kind(const Obl *o)
{
    if (!strcmp(o->kind, "decision"))
        return !strcmp(o->detail, "true") ? "decision-outcome-true" : "decision-outcome-false";
    if (!strcmp(o->kind, "mcdc"))
        return "mcdc-independence";
    return o->kind;
}

/* One obligation in the counters: in `exempted` alone when an exemption
 * covers it, else in its kind's total (and covered, undetermined). */
static void count_obl(CovCounts *k, const Obl *o, bool exempt)
{
    bool s = o->state == 2;
    if (exempt && strcmp(o->kind, "line")) {
        k->exempted++;
        return;
    }
    k->undetermined += o->state == 1;
    if (!strcmp(o->kind, "stmt")) {
        k->stmt_total++;
        k->stmt_covered += s;
    } else if (!strcmp(o->kind, "decision")) {
        k->decision_total++;
        k->decision_covered += s;
    } else if (!strcmp(o->kind, "mcdc")) {
        k->mcdc_total++;
        k->mcdc_covered += s;
    } else if (!strcmp(o->kind, "branch")) {
        k->branch_total++;
        k->branch_covered += s;
    }
}

static void add_counts(CovCounts *t, const CovCounts *a)
{
    t->stmt_total += a->stmt_total;
    t->stmt_covered += a->stmt_covered;
    t->insn_total += a->insn_total;
    t->insn_covered += a->insn_covered;
    t->branch_total += a->branch_total;
    t->branch_covered += a->branch_covered;
    t->decision_total += a->decision_total;
    t->decision_covered += a->decision_covered;
    t->mcdc_total += a->mcdc_total;
    t->mcdc_covered += a->mcdc_covered;
    t->line_total += a->line_total;
    t->line_covered += a->line_covered;
    t->undetermined += a->undetermined;
    t->exempted += a->exempted;
}

static bool exempt_kind_parse(const char *s, CovExemptKind *out)
{
    for (int k = COV_EXEMPT_REGION; k <= COV_EXEMPT_CONDITION; k++)
        if (!strcmp(s, cov_exempt_kind_name((CovExemptKind)k))) {
            *out = (CovExemptKind)k;
            return true;
        }
    return false;
}

static int cmp_exemption(const void *pa, const void *pb)
{
    const CovExemption *a = pa, *b = pb;
    if (a->file != b->file)
        return a->file < b->file ? -1 : 1;
    if (a->first_line != b->first_line)
        return a->first_line < b->first_line ? -1 : 1;
    if (a->kind != b->kind)
        return a->kind < b->kind ? -1 : 1;
    return a->condition < b->condition ? -1 : a->condition > b->condition;
}

static int file_index(const CovReport *r, const char *path)
{
    return find_sorted(r->files, r->nfiles, sizeof *r->files, offsetof(CovFile, path), path);
}

/* The consolidated decisions of L into the model (deep copies). */
static void copy_decisions(CovLine *cl, const CLine *L)
{
    if (!L->ndec)
        return;
    cl->decisions.v = xcalloc(L->ndec, sizeof *cl->decisions.v);
    cl->decisions.n = L->ndec;
    for (unsigned i = 0; i < L->ndec; i++) {
        const CovDecision *s = &L->dec[i].d;
        CovDecision *d = &cl->decisions.v[i];
        *d = *s;
        d->reason = s->reason ? xstrdup(s->reason) : NULL;
        d->nodes = xcalloc(s->nnodes, sizeof *d->nodes);
        memcpy(d->nodes, s->nodes, s->nnodes * sizeof *d->nodes);
        d->conds = xcalloc(s->nconds, sizeof *d->conds);
        for (unsigned k = 0; k < s->nconds; k++) {
            d->conds[k] = s->conds[k];
            d->conds[k].text = s->conds[k].text ? xstrdup(s->conds[k].text) : NULL;
            d->conds[k].macro = s->conds[k].macro ? xstrdup(s->conds[k].macro) : NULL;
        }
        d->vectors = xcalloc(s->nvectors, sizeof *d->vectors);
        for (unsigned v = 0; v < s->nvectors; v++) {
            d->vectors[v] = s->vectors[v];
            d->vectors[v].values = xstrdup(s->vectors[v].values);
        }
    }
}

int xcov_db_to_report(XcovDb *db, CovReport **outp, char *err, size_t errlen)
{
    *outp = NULL;
    Consol c;
    int rc = load(db, &c, err, errlen);
    if (rc)
        return rc;
    sqlite3 *h = db->h;
    sqlite3_stmt *st = NULL;
    CovReport *r = xcalloc(1, sizeof *r);
    r->level = c.rank >= 0 ? (CovLevel)c.rank : COV_LEVEL_STMT;
    r->tool_version = xstrdup("xcov " EMUCOV_VERSION);
    /* runs */
    if (prep(h, &st, "SELECT count(*), min(isa), count(DISTINCT elf_sha), min(elf_path),"
                     " min(elf_sha) FROM main.runs") != SQLITE_OK)
        goto sqlerr;
    unsigned nelf = 0;
    char *elf_sha = NULL;
    if (sqlite3_step(st) == SQLITE_ROW) {
        r->nruns = (unsigned)sqlite3_column_int(st, 0);
        r->isa = col_dup(st, 1);
        nelf = (unsigned)sqlite3_column_int(st, 2);
        r->elf_path = col_dup(st, 3);
        elf_sha = col_dup(st, 4);
    }
    sqlite3_finalize(st);
    st = NULL;
    r->runs = xcalloc(r->nruns, sizeof *r->runs);
    if (prep(h, &st, "SELECT r.trace_path, l.label, r.trace_sha, r.elf_path, r.elf_sha, r.insns,"
                     " r.blocks, r.damaged FROM main.runs r JOIN run_labels l"
                     " USING(trace_sha, test) ORDER BY l.label") != SQLITE_OK)
        goto sqlerr;
    for (unsigned i = 0; i < r->nruns && sqlite3_step(st) == SQLITE_ROW; i++) {
        CovRun *u = &r->runs[i];
        u->trace_path = col_dup(st, 0);
        u->test_name = col_dup(st, 1);
        unhex32(col_str(st, 2), u->trace_sha256);
        u->elf_path = col_dup(st, 3);
        unhex32(col_str(st, 4), u->elf_sha256);
        u->insns = (uint64_t)sqlite3_column_int64(st, 5);
        u->blocks = (uint64_t)sqlite3_column_int64(st, 6);
        u->damaged = sqlite3_column_int(st, 7) != 0;
    }
    sqlite3_finalize(st);
    st = NULL;
    /* files, with every line 1..max */
    if (prep(h, &st, "SELECT f.path, f.name, max(coalesce((SELECT max(line) FROM"
                     " main.source_lines s WHERE s.path = f.path), 0), coalesce((SELECT"
                     " max(line) FROM main.run_lines l WHERE l.path = f.path), 0)),"
                     " EXISTS(SELECT 1 FROM main.source_lines s WHERE s.path = f.path AND"
                     " s.text IS NOT NULL) FROM main.files f ORDER BY f.path") != SQLITE_OK)
        goto sqlerr;
    unsigned fcap = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        r->files = grow(r->files, r->nfiles, &fcap, sizeof *r->files);
        CovFile *f = &r->files[r->nfiles++];
        memset(f, 0, sizeof *f);
        f->path = col_dup(st, 0);
        f->name = col_dup(st, 1);
        if (!f->name)
            f->name = xstrdup(f->path);
        f->nlines = (unsigned)sqlite3_column_int64(st, 2);
        f->source_available = sqlite3_column_int(st, 3) != 0;
        f->lines = xcalloc(f->nlines, sizeof *f->lines);
        for (unsigned l = 0; l < f->nlines; l++) {
            f->lines[l].number = l + 1;
            f->lines[l].mark = COV_MARK_NO_CODE;
        }
    }
    sqlite3_finalize(st);
    st = NULL;
    if (rc != SQLITE_DONE)
        goto sqlerr;
    if (prep(h, &st, "SELECT path, line, text FROM main.source_lines ORDER BY path, line") !=
        SQLITE_OK)
        goto sqlerr;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int fi = file_index(r, col_str(st, 0));
        unsigned ln = (unsigned)sqlite3_column_int64(st, 1);
        if (fi >= 0 && ln >= 1 && ln <= r->files[fi].nlines)
            r->files[fi].lines[ln - 1].text = col_dup(st, 2);
    }
    sqlite3_finalize(st);
    st = NULL;
    if (rc != SQLITE_DONE)
        goto sqlerr;
    /* lines: marks and violations from the union */
    for (unsigned i = 0; i < c.nlines; i++) {
        const CLine *L = &c.lines[i];
        int fi = file_index(r, L->path);
        if (fi < 0 || L->line < 1 || L->line > r->files[fi].nlines)
            continue;
        CovFile *f = &r->files[fi];
        CovLine *cl = &f->lines[L->line - 1];
        cl->mark = L->mark;
        cl->count = L->count;
        cl->exemption = xstrdup(L->exemption);
        cl->violations = xcalloc(L->n, sizeof *cl->violations);
        copy_decisions(cl, L);
        for (unsigned k = 0; k < cl->decisions.n; k++)
            cov_decision_count(&f->dcounts, &cl->decisions.v[k]);
        unsigned missing_other = 0;
        for (unsigned k = 0; k < L->n; k++)
            missing_other += L->o[k].state != 2 && strcmp(L->o[k].kind, "line");
        for (unsigned k = 0; k < L->n; k++) {
            const Obl *o = &L->o[k];
            if (o->state == 2 || (!strcmp(o->kind, "line") && missing_other))
                continue;
            CovViolation *v = &cl->violations[cl->nviolations++];
            v->line = L->line;   /* the line the obligation is attached to */
            v->col = o->col;
            v->end_line = o->end_line;
            v->end_col = o->end_col;
            v->kind = violation_kind(o);
            v->message = o->message && o->state != 2
                             ? xstrdup(o->message)
                             : xasprintf("%s%s%s at %u:%u %s by any of the %u runs", o->kind,
                                         *o->detail ? " " : "", o->detail, L->line, o->col,
                                         o->state == 1 ? "undetermined" : "not satisfied",
                                         r->nruns);
        }
    }
    /* exemptions: the runs' list; each violation of the union that one
     * covers is flagged and counted in its `violated` */
    if (prep(h, &st, "SELECT path, first_line, kind, condition, last_line, justification,"
                     " obligations FROM main.exemptions") != SQLITE_OK)
        goto sqlerr;
    unsigned xcap = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        CovExemption x = {.file = file_index(r, col_str(st, 0)),
                          .first_line = (unsigned)sqlite3_column_int64(st, 1),
                          .condition = (unsigned)sqlite3_column_int64(st, 3),
                          .last_line = (unsigned)sqlite3_column_int64(st, 4),
                          .obligations = (uint32_t)sqlite3_column_int64(st, 6)};
        if (x.file < 0 || !exempt_kind_parse(col_str(st, 2), &x.kind))
            continue;   /* not a file of the union, or not a kind this xcov knows */
        x.justification = col_dup(st, 5);
        r->exemptions = grow(r->exemptions, r->nexemptions, &xcap, sizeof *r->exemptions);
        r->exemptions[r->nexemptions++] = x;
    }
    sqlite3_finalize(st);
    st = NULL;
    if (rc != SQLITE_DONE)
        goto sqlerr;
    /* the engine's order: by file, first line, kind, condition */
    qsort(r->exemptions, r->nexemptions, sizeof *r->exemptions, cmp_exemption);
    cov_report_decision_exemptions(r);
    for (unsigned fi = 0; fi < r->nfiles && r->nexemptions; fi++)
        for (unsigned l = 0; l < r->files[fi].nlines; l++) {
            CovLine *cl = &r->files[fi].lines[l];
            for (unsigned k = 0; k < cl->nviolations; k++) {
                CovViolation *v = &cl->violations[k];
                int x = cov_violation_exemption(r, (int)fi, cl, v);
                v->exempted = x >= 0;
                if (x >= 0 && strcmp(v->kind, "line-not-executed"))
                    r->exemptions[x].violated++;
            }
        }
    /* counters, as xcov report counts (docs/coverage-semantics.md §6): an
     * obligation an exemption covers counts in `exempted`, not in its
     * level's total; lines '#'/'*' are not in the line counter */
    for (unsigned i = 0; i < c.nlines; i++) {
        const CLine *L = &c.lines[i];
        int fi = file_index(r, L->path);
        if (fi < 0 || L->line < 1 || L->line > r->files[fi].nlines)
            continue;
        CovFile *f = &r->files[fi];
        CovLine *cl = &f->lines[L->line - 1];
        if (r->nexemptions)
            exempt_mark(r, fi, cl, L);
        if (cl->mark != COV_MARK_EXEMPT && cl->mark != COV_MARK_EXEMPT_VIOLATED) {
            f->counts.line_total++;
            f->counts.line_covered += cl->mark == COV_MARK_COVERED;
        }
        for (unsigned k = 0; k < L->n; k++) {
            const Obl *o = &L->o[k];
            CovViolation ov = {.line = L->line, .col = o->col, .kind = obligation_kind(o)};
            count_obl(&f->counts, o, cov_violation_exemption(r, fi, cl, &ov) >= 0);
        }
    }
    /* Object code: only when all the runs share one ELF. */
    if (nelf == 1 && elf_sha) {
        if (prep(h, &st, "SELECT i.addr, i.len, i.disasm, i.path, i.line, i.col, i.is_branch,"
                         " coalesce(max(ri.executed), 0), coalesce(sum(ri.count), 0),"
                         " coalesce(max(ri.dirs & 1), 0) | coalesce(max(ri.dirs & 2), 0)"
                         " FROM main.insns i LEFT JOIN (main.run_insns ri JOIN main.runs r"
                         "  USING(trace_sha, test)) ON r.elf_sha = i.elf_sha AND ri.addr = i.addr"
                         " WHERE i.elf_sha = ?1 GROUP BY i.addr ORDER BY i.addr") != SQLITE_OK)
            goto sqlerr;
        sqlite3_bind_text(st, 1, elf_sha, -1, SQLITE_STATIC);
        unsigned icap = 0;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            r->insns = grow(r->insns, r->ninsns, &icap, sizeof *r->insns);
            CovInsn *in = &r->insns[r->ninsns];
            memset(in, 0, sizeof *in);
            in->addr = (uint64_t)sqlite3_column_int64(st, 0);
            in->len = (uint32_t)sqlite3_column_int64(st, 1);
            in->disasm = col_dup(st, 2);
            in->file = sqlite3_column_type(st, 3) == SQLITE_NULL ? -1
                                                                 : file_index(r, col_str(st, 3));
            in->line = in->file >= 0 ? (unsigned)sqlite3_column_int64(st, 4) : 0;
            in->col = in->file >= 0 ? (unsigned)sqlite3_column_int64(st, 5) : 0;
            in->executed = sqlite3_column_int(st, 7) != 0;
            in->count = (uint64_t)sqlite3_column_int64(st, 8);
            int dirs = sqlite3_column_int(st, 9);
            in->branch = !sqlite3_column_int(st, 6) ? COV_BRANCH_NONE
                         : dirs == 3 ? COV_BRANCH_BOTH : dirs == 1 ? COV_BRANCH_TAKEN
                         : dirs == 2 ? COV_BRANCH_NOT_TAKEN : COV_BRANCH_NEVER;
            if (in->file >= 0 && in->line >= 1 && in->line <= r->files[in->file].nlines) {
                CovFile *f = &r->files[in->file];
                CovLine *cl = &f->lines[in->line - 1];
                cl->insns = xrealloc(cl->insns, (cl->ninsns + 1) * sizeof *cl->insns);
                cl->insns[cl->ninsns++] = r->ninsns;
                f->counts.insn_total++;
                f->counts.insn_covered += in->executed;
            }
            r->totals.insn_total++;
            r->totals.insn_covered += in->executed;
            if (!r->elf_base || in->addr < r->elf_base)
                r->elf_base = in->addr;
            if (in->addr + in->len > r->elf_end)
                r->elf_end = in->addr + in->len;
            r->ninsns++;
        }
        sqlite3_finalize(st);
        st = NULL;
        if (rc != SQLITE_DONE)
            goto sqlerr;
    }
    for (unsigned fi = 0; fi < r->nfiles; fi++) {
        uint32_t it = r->totals.insn_total, ic = r->totals.insn_covered;
        cov_decision_counts_add(&r->dtotals, &r->files[fi].dcounts);
        add_counts(&r->totals, &r->files[fi].counts);
        r->totals.insn_total = it;
        r->totals.insn_covered = ic;
    }
    r->notes = xcalloc(2, sizeof *r->notes);
    r->notes[r->nnotes++] = xasprintf("consolidated from %u run%s of %u ELF%s", r->nruns,
                                      r->nruns == 1 ? "" : "s", nelf, nelf == 1 ? "" : "s");
    if (nelf > 1)
        r->notes[r->nnotes++] = xstrdup("object code not shown: the runs used different ELFs "
                                        "(consolidated at source level)");
    free(elf_sha);
    consol_free(&c);
    *outp = r;
    return XCOV_DB_OK;
sqlerr:
    sqlite3_finalize(st);
    consol_free(&c);
    xcov_db_report_free(r);
    return fail(err, errlen, XCOV_DB_ERR_SQL, "%s: %s", db->path, sqlite3_errmsg(h));
}

void xcov_db_report_free(CovReport *r)
{
    cov_report_free(r);     /* report/report.c: one definition of the model's ownership */
}

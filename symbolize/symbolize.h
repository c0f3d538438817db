/* symbolize.h - ELF + DWARF (4 and 5) to functions, source lines, columns and inlined frames.
 *
 * A SymFile is built once per ELF (sym_open) into sorted arrays; every query after that is
 * O(log n) (plus the size of its answer). Addresses are 64-bit everywhere; 32-bit targets are
 * just the common case. The lookup rules follow what binutils 2.40 addr2line does (see
 * symbolize.c, "addr2line compatibility"), so that `symbolize -f -i` prints the same frames.
 *
 * All strings and arrays returned point into the SymFile and stay valid until sym_close().
 * Queries may run in several threads at once, except that the first sym_line_ranges() or
 * sym_function_ranges() call builds an index (make one such call before sharing the file).
 * sym_frames() and sym_row_at() are fastest on ascending addresses (a per-thread hint).
 */
#ifndef EMUCOV_SYMBOLIZE_H
#define EMUCOV_SYMBOLIZE_H

#include <stddef.h>
#include <stdint.h>

typedef struct SymFile SymFile;

/* Open PATH, read its sections, symbols and DWARF. On failure returns NULL and writes a
 * one-line message (naming the file and, for damaged DWARF, the section and offset) to ERR. */
SymFile *sym_open(const char *path, char *err, size_t errlen);
/* Free everything; sym_close(NULL) is fine. */
void sym_close(SymFile *f);

/* ---- ELF ------------------------------------------------------------------------------- */

int sym_elf_class(const SymFile *f);   /* 32 or 64 */
int sym_elf_machine(const SymFile *f); /* e_machine (EM_ARM, EM_RISCV, ...) */

typedef struct SymSection {
    const char *name;
    uint64_t addr, size;
    uint64_t flags; /* sh_flags (SHF_ALLOC, SHF_EXECINSTR, ...) */
    uint32_t type;  /* sh_type */
} SymSection;

size_t sym_section_count(const SymFile *f);
const SymSection *sym_section(const SymFile *f, size_t i);
/* The allocated (SHF_ALLOC) section containing ADDR, or NULL. */
const SymSection *sym_section_at(const SymFile *f, uint64_t addr);

typedef struct SymSymbol {
    const char *name;
    uint64_t value; /* for ARM Thumb functions the Thumb bit is cleared */
    uint64_t size;
    uint8_t type;   /* STT_* */
    uint8_t bind;   /* STB_* */
    uint16_t shndx;
    const char *file; /* name of the STT_FILE symbol this local symbol belongs to, or NULL */
} SymSymbol;

/* Symbols in symbol-table order (the null symbol and STT_FILE symbols left out). */
size_t sym_symbol_count(const SymFile *f);
const SymSymbol *sym_symbol(const SymFile *f, size_t i);
/* The function or untyped code symbol covering ADDR as addr2line chooses it when DWARF does
 * not know the address: the highest-valued one at or below ADDR in the same section. */
const SymSymbol *sym_symbol_at(const SymFile *f, uint64_t addr);

/* ---- DWARF: compile units, files, line rows --------------------------------------------- */

typedef struct SymCu {
    const char *name;     /* DW_AT_name */
    const char *comp_dir; /* DW_AT_comp_dir or NULL */
    const char *producer; /* DW_AT_producer or NULL */
    uint64_t offset;      /* of the CU header in .debug_info */
    unsigned version;     /* DWARF version of the CU */
    unsigned language;    /* DW_AT_language (DW_LANG_*), 0 if absent */
    size_t first_row, row_count; /* its slice of sym_rows() */
} SymCu;

size_t sym_cu_count(const SymFile *f);
const SymCu *sym_cu(const SymFile *f, size_t i);

/* Source files, deduplicated over all CUs: the path built as addr2line builds it (name if
 * absolute, else comp_dir / include directory / name, not normalised). Id 0 is "<unknown>"
 * (DWARF 4 file 0, or a file number outside the table). */
size_t sym_file_count(const SymFile *f);
const char *sym_file_path(const SymFile *f, uint32_t file);

enum {
    SYM_ROW_STMT = 1u << 0,
    SYM_ROW_BASIC_BLOCK = 1u << 1,
    SYM_ROW_END_SEQUENCE = 1u << 2,
    SYM_ROW_PROLOGUE_END = 1u << 3,
    SYM_ROW_EPILOGUE_BEGIN = 1u << 4,
};

typedef struct SymLineRow {
    uint64_t addr;
    uint32_t file;   /* sym_file_path() id */
    uint32_t line;   /* 0 = no source line */
    uint32_t column; /* 0 = unknown; bytes from 1, a tab counts 1 (GCC) */
    uint32_t discriminator;
    uint32_t view;   /* location view: rows before this one at the same address, in sequence */
    uint32_t cu;
    uint32_t flags;  /* SYM_ROW_* */
} SymLineRow;

/* All line rows of all CUs, each CU's rows in line-program order (sequences end with an
 * SYM_ROW_END_SEQUENCE row). A CU's rows are sym_cu()->first_row .. + row_count. The array is
 * built on the first call (address queries do not need it); that call may come from any
 * thread. */
const SymLineRow *sym_rows(const SymFile *f, size_t *count);

/* The line row addr2line would use for ADDR (the last row at the highest address <= ADDR
 * within a sequence of the CU that covers ADDR), or NULL. It equals that row of sym_rows() but
 * is a copy of its own (valid until sym_close). */
const SymLineRow *sym_row_at(const SymFile *f, uint64_t addr);

/* ---- DWARF: functions and inlined copies ------------------------------------------------ */

typedef struct SymRange {
    uint64_t lo, hi; /* [lo, hi) */
} SymRange;

#define SYM_NONE UINT32_MAX

typedef struct SymFunction {
    const char *name;    /* resolved through abstract_origin / specification; may be NULL */
    uint32_t cu;
    uint32_t parent;     /* enclosing function or inlined copy, or SYM_NONE */
    int inlined;         /* DW_TAG_inlined_subroutine */
    int linkage_name;    /* name is final for addr2line: DW_AT_linkage_name, or DW_AT_name in a
                          * language that does not mangle (C, ...); otherwise addr2line shows
                          * the ELF symbol at the address (see symbolize/main.c) */
    uint32_t call_file, call_line, call_column, call_discriminator; /* inlined copies */
    uint32_t decl_file, decl_line;
    const SymRange *ranges;
    size_t range_count;
} SymFunction;

/* Every subprogram, entry point and inlined copy (with or without code: parents of inlined
 * copies may be abstract), in .debug_info order. */
size_t sym_function_count(const SymFile *f);
const SymFunction *sym_function(const SymFile *f, size_t i);
/* all of them: sym_function(f, i) is the i-th of the array (for loops over many queries) */
const SymFunction *sym_functions(const SymFile *f, size_t *count);

/* ---- queries ---------------------------------------------------------------------------- */

typedef struct SymFrame {
    const char *function; /* NULL if unknown */
    const char *file;     /* NULL if unknown */
    uint32_t line;        /* 0 if unknown */
    uint32_t column;      /* 0 if unknown */
    uint32_t discriminator;
    uint32_t func;        /* sym_function() index of the function named, or SYM_NONE */
} SymFrame;

/* Resolve ADDR into frames, innermost first, as `addr2line -f -i` does: frame 0 has the
 * line-table position and the innermost function; each next frame is the caller of an inlined
 * copy with the copy's call position. Writes up to MAX frames and returns how many there are;
 * 0 means addr2line prints "??" (address outside every allocated section, or nothing known). */
size_t sym_frames(const SymFile *f, uint64_t addr, SymFrame *out, size_t max);

enum {
    SYM_SPAN_ANY_COLUMN = 1u << 0, /* the span may cover other columns of frame 0 */
};

/* sym_frames(), and the span [*LO, *HI) around ADDR in which every address gives the same
 * frames as ADDR (with SYM_SPAN_ANY_COLUMN in FLAGS: except perhaps frame 0's column); at
 * least [ADDR, ADDR + 1). For batches: addresses inside the span need no query of their own. */
size_t sym_frames_span(const SymFile *f, uint64_t addr, SymFrame *out, size_t max, uint64_t *lo,
                       uint64_t *hi, unsigned flags);

/* Address ranges of all line rows for FILE:LINE (including those inside inlined copies in any
 * CU), sorted and merged. FILE matches a full path or a trailing path component sequence
 * ("main.c", "src/main.c"). Writes up to MAX ranges, returns how many there are. */
size_t sym_line_ranges(const SymFile *f, const char *file, uint32_t line, SymRange *out,
                       size_t max);

/* Ranges of every function (out-of-line or inlined copy) named NAME, sorted and merged.
 * Writes up to MAX, returns how many there are. */
size_t sym_function_ranges(const SymFile *f, const char *name, SymRange *out, size_t max);

#endif

/*
 * tests/isa/arm/capstone_check.c - cross-check of the ARMv7-M decoder and
 * disassembler with capstone 4.0.2 (CS_ARCH_ARM, CS_MODE_THUMB |
 * CS_MODE_MCLASS).
 *
 * Encodings: every 16-bit halfword value, and a systematic + pseudo-random
 * sample of 32-bit encodings (fixed seed, so runs are reproducible).  Each
 * is decoded alone (outside any IT block) by both, and we check that they
 * agree on validity, length and text.
 *
 * Text comparison.  Our text is objdump's syntax, capstone's is LLVM's.
 * Both are reduced to a canonical token string; every normalisation is
 * listed here (N1..):
 *   N1 comments ("\t@ ...") dropped; ".w"/".n" width suffixes dropped;
 *      lower case; "{", "}", "[", "]", ",", "!" kept as tokens.
 *   N2 numbers: "#0x1f", "#31", "31", "0x001f" are all the value 31; a
 *      leading "#" is dropped.  Branch targets: ours are bare hex
 *      addresses, capstone's are "#0x..." -- both become the value.
 *   N3 register names: capstone "sb" = r9 (objdump prints r9).
 *   N4 aliases that capstone prints and objdump does not (capstone side is
 *      rewritten): rsbs rd,rn,#0 -> negs rd,rn (16-bit); lsl/lsr/asr/ror/
 *      rrx with an immediate (32-bit MOV shifted register) -> mov rd, rm,
 *      <shift> #n; "ldm"/"stm" -> ldmia/stmia; push.w/pop.w -> stmdb sp!/
 *      ldmia sp!; "adr rd, #imm" (16-bit) -> add rd, pc, #imm;
 *      "adr.w rd, #-imm" -> subw rd, pc, #imm, "adr.w rd, #imm" -> addw;
 *      "mov r8, r8" -> nop.
 *   N6 both sides: condition "hs"/"lo" = "cs"/"cc"; a zero offset in
 *      brackets ("[r0, #0]", "[pc, #-0]") = no offset.  Capstone side: 16-bit
 *      "muls rd, rn, rd" -> muls rd, rn; "add rd, sp, rd" -> add rd, sp;
 *      "hint #n" -> nop {n}.
 *   N7 FP register ranges "{s2-s5}" (objdump) = "{s2, s3, s4, s5}".
 *   N8 FP immediates compare by value: "#0.0" = "#0"; VMOV.F32 #imm8
 *      (objdump: the encoded imm8, value in a comment) = capstone's value.
 *   N5 special registers: objdump's M-profile names CPSR/PSR/CPSR_f/_s/_fs
 *      are capstone's apsr/xpsr/apsr_nzcvq/apsr_g/apsr_nzcvqg; capstone's
 *      iapsr_nzcvq etc. are objdump's IAPSR (objdump omits the mask).
 *   N9 barrier options: capstone "nsh"/"nshst" = objdump "un"/"unst".
 *
 * Validity classes that are expected to differ (counted and reported, not
 * failures), each checked by a predicate below:
 *   K1 generic coprocessor instructions (CDP, LDC, MCR, ... for coprocessors
 *      other than cp10/cp11 = FP): we decode them as ARM_OP_COPROC (the CPU
 *      raises NOCP) and do not disassemble them.
 *   K2 capstone 4 decodes, in MCLASS mode, instructions that ARMv7-M with
 *      FPv4-SP does not have: Advanced SIMD (incl. VLDn/VSTn at 0xf9xx),
 *      double-precision VFP data processing, ARMv8 FP (VSEL, VMAXNM,
 *      VRINTx), LDC2/STC2/MCR2/CDP2, VLDR/VSTR/VMOV of D16-D31 (FPv4-SP-D16
 *      has D0-D15): capstone bug; we say UNDEFINED.
 *   K3 UNPREDICTABLE encodings (ARM_F_UNPRED): capstone rejects some of
 *      them or prints them differently; we decode them and flag them.
 *   K4 capstone 4 decodes HVC and SMC (ARMv7-A virtualization/security
 *      extensions) in MCLASS mode: capstone bug; ARMv7-M: UNDEFINED.
 *   K5 LDRD/STRD pre-indexed with writeback and offset #0: binutils prints
 *      "[rn]" without "!" (an objdump quirk we reproduce), capstone prints
 *      "[rn, #0]!".
 *   K6 encodings with should-be-zero/one bits violated: UNPREDICTABLE in
 *      the manual; we (as QEMU and binutils) say UNDEFINED, capstone
 *      decodes them ignoring those bits.
 * F1 for encodings that agree and are not UNPREDICTABLE, the control-flow
 *    class of arm_insn_info must match capstone's details: "writes the PC"
 *    (flow other than SEQ/SYSTEM/TRAP) and "is a call".  (Capstone 4 does
 *    not put POP {pc} in its RET group, so RETURN itself is not compared.)
 * Everything else that differs is a failure (exit status 1), with examples.
 */
#include <capstone/capstone.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emu/isa/arm/arm_isa.h"

#define MAXTOK 96
typedef struct Toks {
    int n;
    char t[MAXTOK][32];
} Toks;

static void set(Toks *k, int i, const char *s);

static void tok_add(Toks *k, const char *s, size_t len)
{
    if (k->n >= MAXTOK || len == 0)
        return;
    if (len > 31)
        len = 31;
    memcpy(k->t[k->n], s, len);
    k->t[k->n][len] = 0;
    k->n++;
}

/* N2: a number token to its value as decimal text. */
static bool number(const char *s, bool hex_default, long long *v)
{
    const char *p = s;
    bool neg = false;
    if (*p == '#')
        p++;
    if (*p == '-') {
        neg = true;
        p++;
    }
    if (!isdigit((unsigned char)*p) && !(hex_default && isxdigit((unsigned char)*p)))
        return false;
    char *end;
    long long x;
    if (p[0] == '0' && p[1] == 'x')
        x = strtoll(p + 2, &end, 16);
    else
        x = strtoll(p, &end, hex_default ? 16 : 10);
    if (*end)
        return false;
    *v = neg ? -x : x;
    return true;
}

static const char *reg_alias(const char *s)
{
    if (!strcmp(s, "sb")) return "r9";
    if (!strcmp(s, "r10")) return "sl";
    if (!strcmp(s, "r11")) return "fp";
    if (!strcmp(s, "r12")) return "ip";
    if (!strcmp(s, "r13")) return "sp";
    if (!strcmp(s, "r14")) return "lr";
    if (!strcmp(s, "r15")) return "pc";
    return s;
}

static bool is_branch_mnem(const char *m)
{
    if (!strcmp(m, "bl") || !strcmp(m, "cbz") || !strcmp(m, "cbnz") || !strcmp(m, "b"))
        return true;
    if (m[0] == 'b' && strlen(m) == 3 && strcmp(m, "bic") && strcmp(m, "bkp"))
        return true;                       /* b<cond> */
    return false;
}

/* Tokenise "mnemonic operands" into canonical tokens (N1-N3). */
static void canon(const char *mn, const char *ops, bool ours, Toks *k)
{
    char m[32];
    size_t i = 0;
    k->n = 0;
    for (; mn[i] && i < sizeof m - 1; i++)
        m[i] = (char)tolower((unsigned char)mn[i]);
    m[i] = 0;
    char *dot = strstr(m, ".w");
    if (!dot)
        dot = strstr(m, ".n");
    if (dot && dot[2] == 0)
        *dot = 0;
    tok_add(k, m, strlen(m));
    bool branch = is_branch_mnem(m);
    const char *p = ops;
    while (*p) {
        if (*p == '\t' && p[1] == '@')
            break;                          /* N1 comment */
        if (isspace((unsigned char)*p)) {
            p++;
            continue;
        }
        if (strchr("{}[],!", *p)) {
            tok_add(k, p, 1);
            p++;
            continue;
        }
        const char *s = p;
        while (*p && !isspace((unsigned char)*p) && !strchr("{}[],!", *p))
            p++;
        char w[32];
        size_t len = (size_t)(p - s) < 31 ? (size_t)(p - s) : 31;
        for (size_t j = 0; j < len; j++)
            w[j] = (char)tolower((unsigned char)s[j]);
        w[len] = 0;
        long long v;
        unsigned r0, r1;
        char k0, k1;
        int used = 0;
        if (sscanf(w, "%c%u-%c%u%n", &k0, &r0, &k1, &r1, &used) == 4 && (size_t)used == len
            && (k0 == 's' || k0 == 'd') && k1 == k0 && r0 <= r1 && r1 < 32) {
            /* N7: FP register ranges "s2-s5" are the list "s2, s3, s4, s5" */
            for (unsigned r = r0; r <= r1; r++) {
                char b[8];
                if (r != r0)
                    tok_add(k, ",", 1);
                snprintf(b, sizeof b, "%c%u", k0, r);
                tok_add(k, b, strlen(b));
            }
        } else if (w[0] == '#' && !strstr(w, "0x") && (strchr(w, '.') || strchr(w, 'e'))) {
            /* N8: floating-point immediates by value ("#0.0" = "#0") */
            char b[32];
            snprintf(b, sizeof b, "%g", strtod(w + 1, NULL));
            if (!strcmp(b, "0"))
                snprintf(b, sizeof b, "0");
            tok_add(k, b, strlen(b));
        } else if (number(w, ours && branch && w[0] != '#', &v)) {
            char b[32];
            snprintf(b, sizeof b, "%u", (unsigned)(uint32_t)v);
            tok_add(k, b, strlen(b));
        } else {
            const char *r = reg_alias(w);
            tok_add(k, r, strlen(r));
        }
    }
}

static void drop(Toks *k, int at)
{
    memmove(k->t[at], k->t[at + 1], sizeof k->t[0] * (size_t)(k->n - at - 1));
    k->n--;
}

/* N6 (both sides): "hs"/"lo" are "cs"/"cc"; a zero offset inside brackets
 * ("[r0, #0]", "[pc, #-0]") is the same as none. */
static void canon_common(Toks *k)
{
    char *m = k->t[0];
    size_t ml = strlen(m);
    static const char *const cc[][2] = { { "hs", "cs" }, { "lo", "cc" } };
    for (unsigned j = 0; j < 2; j++) {
        if (m[0] == 'b' && ml == 3 && !strcmp(m + 1, cc[j][0]))
            set(k, 0, j ? "bcc" : "bcs");
        for (int i = 1; i < k->n; i++)
            if (!strcmp(k->t[i], cc[j][0]))
                set(k, i, cc[j][1]);
    }
    for (int i = 1; i + 2 < k->n; i++)
        if (!strcmp(k->t[i], ",") && !strcmp(k->t[i + 1], "0") && !strcmp(k->t[i + 2], "]")) {
            drop(k, i);
            drop(k, i);
        }
}

static void toks_str(const Toks *k, char *buf, size_t n)
{
    size_t pos = 0;
    buf[0] = 0;
    for (int i = 0; i < k->n && pos + 1 < n; i++)
        pos += (size_t)snprintf(buf + pos, n - pos, "%s%s", i ? " " : "", k->t[i]);
}

static void set(Toks *k, int i, const char *s)
{
    snprintf(k->t[i], sizeof k->t[i], "%s", s);
}

static void insert(Toks *k, int at, const char *s)
{
    if (k->n >= MAXTOK)
        return;
    memmove(k->t[at + 1], k->t[at], sizeof k->t[0] * (size_t)(k->n - at));
    set(k, at, s);
    k->n++;
}

/* N4/N5: rewrite capstone's tokens to objdump's spelling. */
static void cs_alias(Toks *k, unsigned len)
{
    char *m = k->t[0];
    /* rsbs rd, rn, #0 (16-bit) -> negs rd, rn */
    if (len == 2 && !strcmp(m, "rsbs") && k->n == 6 && !strcmp(k->t[5], "0")) {
        set(k, 0, "negs");
        k->n = 4;
    }
    /* 32-bit shifts by immediate are MOV (register) in objdump */
    static const char *const sh[] = { "lsl", "lsr", "asr", "ror", "lsls", "lsrs", "asrs", "rors" };
    for (int i = 0; i < 8; i++)
        if (len == 4 && !strcmp(m, sh[i]) && k->n == 6 && isdigit((unsigned char)k->t[5][0])) {
            char sname[8];
            snprintf(sname, sizeof sname, "%.3s", sh[i]);
            set(k, 0, i >= 4 ? "movs" : "mov");
            insert(k, 5, sname);            /* [mov rd , rm , lsl n] */
            return;
        }
    if (len == 4 && (!strcmp(m, "rrx") || !strcmp(m, "rrxs")) && k->n == 4) {
        set(k, 0, m[3] == 's' ? "movs" : "mov");
        insert(k, 4, ",");
        insert(k, 5, "rrx");
        return;
    }
    /* muls rd, rn, rd (16-bit): objdump prints two operands */
    if (len == 2 && !strcmp(m, "muls") && k->n == 6 && !strcmp(k->t[1], k->t[5]))
        k->n = 4;
    /* add rdm, sp, rdm (16-bit T1): objdump prints add rdm, sp */
    if (len == 2 && !strcmp(m, "add") && k->n == 6 && !strcmp(k->t[3], "sp")
        && !strcmp(k->t[1], k->t[5]))
        k->n = 4;
    /* unallocated hints: capstone "hint #n", objdump "nop {n}" */
    if (!strcmp(m, "hint") && k->n == 2) {
        set(k, 0, "nop");
        insert(k, 1, "{");
        insert(k, 3, "}");
    }
    if (!strcmp(m, "nop") && k->n == 4 && !strcmp(k->t[2], "5"))
        set(k, 0, "sevl"), k->n = 1;       /* objdump knows ARMv8 SEVL */
    if (!strcmp(m, "trap") && k->n == 1) {  /* LLVM's name for UDF #254 */
        set(k, 0, "udf");
        insert(k, 1, "254");
    }
    if (!strcmp(m, "ldm"))
        set(k, 0, "ldmia");
    else if (!strcmp(m, "stm"))
        set(k, 0, "stmia");
    else if (len == 4 && (!strcmp(m, "push") || !strcmp(m, "pop"))) {
        set(k, 0, m[1] == 'u' ? "stmdb" : "ldmia");
        insert(k, 1, "sp");
        insert(k, 2, "!");
        insert(k, 3, ",");
    } else if (!strcmp(m, "adr") && k->n == 4) {
        long long v = strtoll(k->t[3], NULL, 10);
        if (len == 2) {
            set(k, 0, "add");
            insert(k, 3, "pc");
            insert(k, 4, ",");
        } else {
            char b[32];
            set(k, 0, v < 0 || !strcmp(k->t[3], "-0") ? "subw" : "addw");
            snprintf(b, sizeof b, "%lld", v < 0 ? -v : v);
            set(k, 3, b);
            insert(k, 3, "pc");
            insert(k, 4, ",");
        }
    } else if (len == 2 && !strcmp(m, "mov") && k->n == 4 && !strcmp(k->t[1], "r8")
               && !strcmp(k->t[3], "r8")) {
        set(k, 0, "nop");
        k->n = 1;
    }
    for (int i = 1; i < k->n; i++) {
        static const char *const psr[][2] = {
            { "apsr", "cpsr" }, { "xpsr", "psr" }, { "apsr_nzcvq", "cpsr_f" },
            { "apsr_g", "cpsr_s" }, { "apsr_nzcvqg", "cpsr_fs" },
        };
        for (unsigned j = 0; j < sizeof psr / sizeof psr[0]; j++)
            if (!strcmp(k->t[i], psr[j][0]))
                set(k, i, psr[j][1]);
        /* N5: objdump prints IAPSR/EAPSR/PSR without the mask suffix */
        if (!strncmp(k->t[i], "iapsr_", 6) || !strncmp(k->t[i], "eapsr_", 6))
            k->t[i][5] = 0;
        else if (!strncmp(k->t[i], "xpsr_", 5))
            set(k, i, "psr");
        /* N9: barrier options: objdump's "un"/"unst" are "nsh"/"nshst" */
        if (!strcmp(k->t[i], "nsh"))
            set(k, i, "un");
        else if (!strcmp(k->t[i], "nshst"))
            set(k, i, "unst");
    }
}

/* Split our "mnem\toperands" text. */
static void split_ours(const char *text, char *mn, size_t mnsz, const char **ops)
{
    size_t i = 0;
    while (text[i] && text[i] != '\t' && i < mnsz - 1) {
        mn[i] = text[i];
        i++;
    }
    mn[i] = 0;
    *ops = text + i;
}

/* A single-precision mnemonic that FPv4-SP has: capstone valid + ours
 * UNDEFINED on such a mnemonic is a real disagreement, not K2. */
static bool fpv4_sp_mnemonic(const char *m)
{
    static const char *const v8[] = { "vrint", "vmaxnm", "vminnm", "vsel", "vcvta", "vcvtn",
                                      "vcvtp", "vcvtm" };
    if (!strstr(m, ".f32") || strstr(m, "f64"))
        return !strncmp(m, "vldr", 4) || !strncmp(m, "vstr", 4) || !strncmp(m, "vpush", 5)
               || !strncmp(m, "vpop", 4) || !strcmp(m, "vmrs") || !strcmp(m, "vmsr");
    for (unsigned i = 0; i < sizeof v8 / sizeof v8[0]; i++)
        if (!strncmp(m, v8[i], strlen(v8[i])))
            return false;
    return true;
}

/* D16-D31 named: FPv4-SP-D16 has D0-D15 only. */
static bool high_dreg(const char *ops)
{
    for (const char *p = ops; (p = strchr(p, 'd')) != NULL; p++) {
        int r;
        if ((p == ops || !isalnum((unsigned char)p[-1])) && sscanf(p + 1, "%d", &r) == 1 && r >= 16)
            return true;
    }
    return false;
}

/* Control flow as capstone's details see it: does the instruction write
 * the PC (jump/call/return group, PC among written registers or written
 * operands), and is it a call. */
static void cs_flow(cs_insn *in, bool *writes_pc, bool *call)
{
    cs_detail *d = in->detail;
    *writes_pc = *call = false;
    for (int i = 0; i < d->groups_count; i++) {
        if (d->groups[i] == CS_GRP_JUMP || d->groups[i] == CS_GRP_RET)
            *writes_pc = true;
        if (d->groups[i] == CS_GRP_CALL)
            *writes_pc = *call = true;
    }
    for (int i = 0; i < d->regs_write_count; i++)
        if (d->regs_write[i] == ARM_REG_PC)
            *writes_pc = true;
    for (int i = 0; i < d->arm.op_count; i++) {
        const cs_arm_op *o = &d->arm.operands[i];
        if (o->type == ARM_OP_REG && o->reg == ARM_REG_PC && (o->access & CS_AC_WRITE))
            *writes_pc = true;
    }
}

static unsigned long flow_checked, flow_bad;

enum { C_SAME, C_TEXT, C_VALID, C_LEN, C_K1, C_K2, C_K3, C_K4, C_K5, C_K6, C_COUNT };
static const char *const cat_names[C_COUNT] = {
    "agree (valid, length, text)", "TEXT differs (unexplained)",
    "VALIDITY differs (unexplained)", "LENGTH differs (unexplained)",
    "K1 generic coprocessor (not FP), not disassembled",
    "K2 capstone decodes NEON/VFP-D/v8-FP/LDC2.. in M-class (bug)",
    "K3 UNPREDICTABLE, capstone rejects or prints differently",
    "K4 capstone decodes ARMv7-A HVC/SMC in M-class (capstone bug)",
    "K5 LDRD/STRD [Rn, #0]! : objdump (and we) omit the '!'",
    "K6 (0)/(1) bits violated: we UNDEFINED, capstone ignores them",
};
static unsigned long counts[C_COUNT];
static unsigned long both_invalid;

static void check(csh h, uint16_t h1, uint16_t h2, int verbose)
{
    uint8_t b[4] = { (uint8_t)h1, (uint8_t)(h1 >> 8), (uint8_t)h2, (uint8_t)(h2 >> 8) };
    ArmInsn d;
    unsigned len = arm_decode(b, 4, 0x10000, &d);
    ArmItState it = { 0 };
    arm_it_step(&it, &d);
    cs_insn *in = NULL;
    size_t n = cs_disasm(h, b, len, 0x10000, 1, &in);
    bool ours_valid = d.op != ARM_OP_UNDEFINED;
    char ours[160];
    arm_disasm(&d, 0x10000, ours, sizeof ours);
    int cat;
    if (d.op == ARM_OP_COPROC)
        cat = C_K1;
    else if (!ours_valid && !n) {
        both_invalid++;
        return;
    } else if (!ours_valid && n && len == 4 && ((h1 & 0xff10) == 0xf900 || (h1 & 0xec00) == 0xec00)
               && (!fpv4_sp_mnemonic(in[0].mnemonic) || high_dreg(in[0].op_str)))
        cat = C_K2;
    else if (!ours_valid && n && (!strncmp(in[0].mnemonic, "hvc", 3) || !strcmp(in[0].mnemonic, "smc")))
        cat = C_K4;
    else if (!ours_valid && n && (d.flags & ARM_F_UNPRED_UNDEF))
        cat = C_K6;
    else if (ours_valid && !n && (d.flags & ARM_F_UNPRED))
        cat = C_K3;
    else if (ours_valid != (n != 0))
        cat = C_VALID;
    else if (in[0].size != len)
        cat = C_LEN;
    else {
        Toks a, c;
        char mn[32];
        const char *ops;
        split_ours(ours, mn, sizeof mn, &ops);
        canon(mn, ops, true, &a);
        canon(in[0].mnemonic, in[0].op_str, false, &c);
        cs_alias(&c, len);
        canon_common(&a);
        canon_common(&c);
        if (d.op == ARM_OP_VMOV_IMM && a.n >= 4) {
            /* N8: objdump prints VMOV.F32 #imm8 (value in a comment),
             * capstone the value: compare values */
            float f;
            uint32_t bits = (uint32_t)d.imm;
            memcpy(&f, &bits, sizeof f);
            snprintf(a.t[3], sizeof a.t[3], "%g", (double)f);
        }
        char sa[256], sc[256];
        toks_str(&a, sa, sizeof sa);
        toks_str(&c, sc, sizeof sc);
        if (!strcmp(sa, sc)) {
            cat = C_SAME;
            if (!(d.flags & ARM_F_UNPRED)) {
                /* F1: control-flow class agrees with capstone's details */
                IsaInsnInfo info;
                bool cs_pc, cs_call;
                arm_insn_info(&d, 0x10000, &info);
                cs_flow(&in[0], &cs_pc, &cs_call);
                bool pc = info.flow != ISA_FLOW_SEQ && info.flow != ISA_FLOW_SYSTEM
                          && info.flow != ISA_FLOW_TRAP;
                bool call = info.flow == ISA_FLOW_CALL || info.flow == ISA_FLOW_INDIRECT_CALL;
                flow_checked++;
                if (pc != cs_pc || call != cs_call) {
                    if (flow_bad++ < (unsigned long)verbose)
                        printf("FLOW  %04x %04x  ours [%s] flow %d  capstone writes pc %d call %d\n",
                               h1, h2, ours, info.flow, cs_pc, cs_call);
                }
            }
        }
        else if ((d.op == ARM_OP_LDRD_IMM || d.op == ARM_OP_STRD_IMM) && d.imm == 0
                 && (d.flags & ARM_F_WBACK) && (d.flags & ARM_F_INDEX) && (d.flags & ARM_F_ADD))
            cat = C_K5;
        else if (d.flags & ARM_F_UNPRED) {
            cat = C_K3;
            if (getenv("SHOW_K3"))
                printf("K3    %04x %04x  ours [%s]  capstone [%s %s]\n", h1, h2, ours,
                       in[0].mnemonic, in[0].op_str);
        }
        else
            cat = C_TEXT;
        if (cat == C_TEXT && counts[cat] < (unsigned long)verbose)
            printf("TEXT  %04x%s%.0x  ours [%s]  capstone [%s %s]  canon [%s] vs [%s]\n", h1,
                   len == 4 ? " " : "", len == 4 ? (unsigned)h2 : 0u, ours, in[0].mnemonic,
                   in[0].op_str, sa, sc);
    }
    if ((cat == C_VALID || cat == C_LEN) && counts[cat] < (unsigned long)verbose)
        printf("%s %04x %04x  ours [%s] (op %s%s)  capstone [%s %s]\n",
               cat == C_VALID ? "VALID" : "LEN  ", h1, h2, ours, arm_op_name((ArmOp)d.op),
               (d.flags & ARM_F_UNPRED) ? " unpred" : "", n ? in[0].mnemonic : "invalid",
               n ? in[0].op_str : "");
    counts[cat]++;
    if (n)
        cs_free(in, n);
}

static uint64_t rng = 0x9e3779b97f4a7c15ull;
static uint32_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)rng;
}

int main(int argc, char **argv)
{
    long samples = argc > 1 ? strtol(argv[1], NULL, 0) : 400000;
    int verbose = argc > 2 ? atoi(argv[2]) : 20;
    csh h;
    if (cs_open(CS_ARCH_ARM, CS_MODE_THUMB | CS_MODE_MCLASS, &h) != CS_ERR_OK) {
        fprintf(stderr, "capstone_check: cs_open failed\n");
        return 2;
    }
    cs_option(h, CS_OPT_DETAIL, CS_OPT_ON);
    unsigned long n16 = 0, n32 = 0;
    for (uint32_t hw = 0; hw < 0x10000; hw++)
        if (!arm_is_32bit((uint16_t)hw)) {
            check(h, (uint16_t)hw, 0, verbose);
            n16++;
        }
    /* systematic: every first halfword with a few second halfwords */
    static const uint16_t second[] = { 0x0000, 0xffff, 0xf000, 0x0f00, 0x8000, 0x1234, 0xedcb, 0x7fff };
    for (uint32_t hw = 0xe800; hw < 0x10000; hw++)
        for (unsigned i = 0; i < sizeof second / sizeof second[0]; i++) {
            check(h, (uint16_t)hw, second[i], verbose);
            n32++;
        }
    for (long i = 0; i < samples; i++) {
        uint32_t r = next();
        uint16_t h1 = (uint16_t)(0xe800 + (r >> 16) % 0x1800);
        check(h, h1, (uint16_t)r, verbose);
        n32++;
    }
    cs_close(&h);
    printf("capstone cross-check: %lu 16-bit + %lu 32-bit encodings, both invalid: %lu\n", n16, n32,
           both_invalid);
    for (int c = 0; c < C_COUNT; c++)
        printf("  %-64s %lu\n", cat_names[c], counts[c]);
    printf("  control flow (writes PC, call) compared on %lu agreeing encodings: %lu differ\n",
           flow_checked, flow_bad);
    return (counts[C_TEXT] || counts[C_VALID] || counts[C_LEN] || flow_bad) ? 1 : 0;
}

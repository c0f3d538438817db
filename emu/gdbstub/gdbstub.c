/*
 * emu/gdbstub/gdbstub.c - gdb remote serial protocol server (see
 * gdbstub.h).  Reference: the gdb manual, appendix E "GDB Remote Serial
 * Protocol" (packets, stop replies, qXfer, vCont, no-ack mode).
 *
 * Single-threaded: the main loop calls poll() between slices while the
 * guest runs, and stopped() when the CPU stops; stopped() blocks in poll(2)
 * on the socket until gdb resumes, detaches or kills.  Every input byte
 * goes through one small state machine (parse_byte), so garbage, truncated
 * packets and oversize packets cannot overflow a buffer or block.
 */
#include "gdbstub.h"

#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define GDB_PACKET_MAX 0x4000   /* PacketSize: largest packet we accept   */
#define GDB_REG_MAX 16          /* bytes of the largest register           */
#define GDB_THREAD "01"

enum { PS_IDLE, PS_DATA, PS_CS1, PS_CS2 };

struct GdbStub {
    EmuMachine *m;
    const EmuCpuDebugOps *dops;
    EmuDebugger hooks;
    int listen_fd, fd;
    unsigned port;
    bool wait_at_start;         /* -S: halt before the first instruction */
    bool no_ack;
    bool resumed;               /* gdb resumed the CPU: it awaits a stop reply */
    bool interrupt;             /* Ctrl-C received while running           */
    bool stop_now;              /* a new client connected                  */
    bool kill;
    EmuDebugStop last;          /* last stop, for '?'                       */
    bool last_is_break_in;      /* last stop was Ctrl-C/halt (SIGINT)       */
    /* input state machine */
    int ps;
    char pkt[GDB_PACKET_MAX + 1];
    size_t plen;
    bool overflow;
    uint8_t csum;
    int cs_hi;
    /* one complete packet received while running, served when stopped */
    char pending[GDB_PACKET_MAX + 1];
    size_t pending_len;
    bool has_pending;
    /* input received after a resume command, parsed once the CPU stops or
     * polls again (a client may send "s" and "g" together) */
    uint8_t leftover[4096];
    size_t leftover_len;
    /* output */
    char out[2 * GDB_PACKET_MAX + 16];
    size_t out_len;             /* last packet sent (resent on '-')         */
};

/* ------------------------------------------------------------------------ */
/* Output. */

static void gdb_drop_client(GdbStub *s);
static void gdb_detach_cleanup(GdbStub *s);

static void gdb_write_all(GdbStub *s, const char *buf, size_t len)
{
    while (len > 0 && s->fd >= 0) {
        ssize_t n = send(s->fd, buf, len, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            gdb_drop_client(s);
            return;
        }
        buf += n;
        len -= (size_t)n;
    }
}

static const char hexd[] = "0123456789abcdef";

/* Send "$data#cs" (data may hold any byte except the escaped ones). */
static void gdb_send_bin(GdbStub *s, const char *data, size_t len)
{
    if (s->fd < 0)
        return;
    if (len > sizeof s->out - 4)
        len = sizeof s->out - 4;
    uint8_t cs = 0;
    s->out[0] = '$';
    for (size_t i = 0; i < len; i++) {
        s->out[1 + i] = data[i];
        cs = (uint8_t)(cs + (uint8_t)data[i]);
    }
    s->out[1 + len] = '#';
    s->out[2 + len] = hexd[cs >> 4];
    s->out[3 + len] = hexd[cs & 15];
    s->out_len = len + 4;
    gdb_write_all(s, s->out, s->out_len);
}

static void gdb_send(GdbStub *s, const char *str)
{
    gdb_send_bin(s, str, strlen(str));
}

static void gdb_send_hex_bytes(char *dst, const uint8_t *src, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        dst[2 * i] = hexd[src[i] >> 4];
        dst[2 * i + 1] = hexd[src[i] & 15];
    }
    dst[2 * n] = 0;
}

/* "O<hex>" console output for monitor commands. */
static void gdb_send_console(GdbStub *s, const char *text)
{
    static char buf[2 * 1024 + 2];
    size_t n = strlen(text);
    while (n > 0) {
        size_t k = n > 1024 ? 1024 : n;
        buf[0] = 'O';
        gdb_send_hex_bytes(buf + 1, (const uint8_t *)text, k);
        gdb_send(s, buf);
        text += k;
        n -= k;
    }
}

/* ------------------------------------------------------------------------ */
/* Parsing helpers: all bounded by the packet's end. */

static int hexval(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Parse a hex number at *p (at least one digit, at most 16); advance. */
static bool parse_hex(const char **p, const char *end, uint64_t *out)
{
    uint64_t v = 0;
    int n = 0;
    while (*p < end && hexval((unsigned char)**p) >= 0) {
        if (++n > 16)
            return false;
        v = v << 4 | (uint64_t)hexval((unsigned char)**p);
        (*p)++;
    }
    *out = v;
    return n > 0;
}

static bool expect(const char **p, const char *end, char c)
{
    if (*p >= end || **p != c)
        return false;
    (*p)++;
    return true;
}

/* Decode hex pairs [p, end) into buf (at most cap bytes); -1 on error. */
static long parse_hex_bytes(const char *p, const char *end, uint8_t *buf, size_t cap)
{
    size_t n = 0;
    if ((end - p) & 1)
        return -1;
    while (p < end) {
        int hi = hexval((unsigned char)p[0]), lo = hexval((unsigned char)p[1]);
        if (hi < 0 || lo < 0 || n >= cap)
            return -1;
        buf[n++] = (uint8_t)(hi << 4 | lo);
        p += 2;
    }
    return (long)n;
}

/* ------------------------------------------------------------------------ */
/* Guest memory: RAM/ROM only (reading MMIO could have side effects, such
 * as popping a UART receive FIFO). */

static size_t gdb_mem_read(GdbStub *s, uint32_t addr, uint8_t *buf, size_t len)
{
    size_t n = 0;
    while (n < len) {
        if ((uint64_t)addr + n > 0xffffffffu)
            break;
        const uint8_t *h = emu_bus_host_ptr(s->m, addr + (uint32_t)n, 1);
        if (!h)
            break;
        buf[n++] = *h;
    }
    return n;
}

static bool gdb_mem_write(GdbStub *s, uint32_t addr, const uint8_t *buf, size_t len)
{
    if (len == 0)
        return true;
    if ((uint64_t)addr + len > 0x100000000ull)
        return false;
    for (size_t i = 0; i < len; i++)
        if (!emu_bus_host_ptr(s->m, addr + (uint32_t)i, 1))
            return false;
    /* emu_bus_load may write ROM (flash) and invalidates translated code */
    return emu_bus_load(s->m, addr, buf, len) == EMU_MEM_OK;
}

/* ------------------------------------------------------------------------ */
/* Stop replies. */

static void gdb_send_stop(GdbStub *s)
{
    char buf[96];
    if (s->last_is_break_in) {
        snprintf(buf, sizeof buf, "T02thread:" GDB_THREAD ";");
    } else if (s->last.kind == EMU_DBG_STOP_BREAK) {
        snprintf(buf, sizeof buf, "T05thread:" GDB_THREAD ";%s:;",
                 s->last.type == EMU_BP_SW ? "swbreak" : "hwbreak");
    } else if (s->last.kind == EMU_DBG_STOP_WATCH) {
        const char *w = s->last.type == EMU_WP_READ ? "rwatch"
                      : s->last.type == EMU_WP_ACCESS ? "awatch" : "watch";
        snprintf(buf, sizeof buf, "T05thread:" GDB_THREAD ";%s:%" PRIx32 ";", w, s->last.addr);
    } else {
        snprintf(buf, sizeof buf, "T05thread:" GDB_THREAD ";");
    }
    gdb_send(s, buf);
}

/* ------------------------------------------------------------------------ */
/* Monitor commands (qRcmd). */

static EmuDebugAction gdb_monitor(GdbStub *s, const char *cmd, bool *resume)
{
    EmuMachine *m = s->m;
    char buf[512];
    *resume = false;
    while (*cmd == ' ')
        cmd++;
    if (!strcmp(cmd, "reset") || !strcmp(cmd, "system_reset")) {
        emu_machine_request_reset(m);
        gdb_send_console(s, "emucov: the machine resets when it is resumed\n");
        gdb_send(s, "OK");
    } else if (!strcmp(cmd, "info") || !strcmp(cmd, "info status")) {
        snprintf(buf, sizeof buf,
                 "board: %s (%s)\ncpu: %s\npc: 0x%08" PRIx32 "\nicount: %" PRIu64 "\n",
                 m->board_name, m->board_model[0] ? m->board_model : "-",
                 m->cpu_class->name, m->cpu_class->get_pc(m->cpu), m->icount);
        gdb_send_console(s, buf);
        gdb_send(s, "OK");
    } else if (!strcmp(cmd, "quit") || !strcmp(cmd, "q")) {
        gdb_send_console(s, "emucov: quit\n");
        gdb_send(s, "OK");
        *resume = true;
        return EMU_DBG_KILL;
    } else if (!strcmp(cmd, "help") || !*cmd) {
        gdb_send_console(s, "monitor commands: reset, info, quit, help\n");
        gdb_send(s, "OK");
    } else {
        snprintf(buf, sizeof buf, "emucov: unknown monitor command '%.200s' (try help)\n", cmd);
        gdb_send_console(s, buf);
        gdb_send(s, "OK");
    }
    return EMU_DBG_RUN;
}

/* ------------------------------------------------------------------------ */
/* Packet handlers.  Return true when the CPU resumes (with *act). */

static void gdb_detach_cleanup(GdbStub *s)
{
    s->dops->bp_remove_all(s->m->cpu);
    s->dops->set_step(s->m->cpu, false);
}

static void gdb_handle_qxfer(GdbStub *s, const char *p, const char *end)
{
    /* qXfer:features:read:ANNEX:OFF,LEN */
    static const char pre[] = "qXfer:features:read:";
    const char *a = p + sizeof pre - 1;
    const char *colon = memchr(a, ':', (size_t)(end - a));
    if (!colon) {
        gdb_send(s, "E00");
        return;
    }
    if ((size_t)(colon - a) != 10 || memcmp(a, "target.xml", 10)) {
        gdb_send(s, "E00");
        return;
    }
    const char *q = colon + 1;
    uint64_t off, len;
    if (!parse_hex(&q, end, &off) || !expect(&q, end, ',') || !parse_hex(&q, end, &len) ||
        q != end) {
        gdb_send(s, "E01");
        return;
    }
    const char *xml = s->dops->target_xml(s->m->cpu);
    size_t total = strlen(xml);
    static char buf[GDB_PACKET_MAX + 2];
    if (off > total) {
        gdb_send(s, "E01");
        return;
    }
    if (len > GDB_PACKET_MAX / 2)
        len = GDB_PACKET_MAX / 2;
    size_t n = 0;
    buf[n++] = off + len >= total ? 'l' : 'm';
    for (size_t i = (size_t)off; i < total && i < off + len; i++) {
        char c = xml[i];
        if (c == '$' || c == '#' || c == '}' || c == '*') {
            buf[n++] = '}';
            c ^= 0x20;
        }
        buf[n++] = c;
    }
    gdb_send_bin(s, buf, n);
}

/* vCont;ACTION[:TID][;ACTION[:TID]]...: there is one thread; the first
 * action that applies to it (any, since all TIDs name it) is taken. */
static bool gdb_handle_vcont(GdbStub *s, const char *p, const char *end, EmuDebugAction *act)
{
    if (p >= end || *p != ';') {
        gdb_send(s, "E01");
        return false;
    }
    p++;
    if (p >= end) {
        gdb_send(s, "E01");
        return false;
    }
    char c = *p;
    if (c == 'c' || c == 'C') {
        *act = EMU_DBG_RUN;
    } else if (c == 's' || c == 'S') {
        *act = EMU_DBG_STEP;
    } else {
        gdb_send(s, "E01");
        return false;
    }
    return true;
}

static bool gdb_handle_packet(GdbStub *s, const char *pkt, size_t len, EmuDebugAction *act)
{
    EmuMachine *m = s->m;
    EmuCpu *cpu = m->cpu;
    const EmuCpuDebugOps *d = s->dops;
    const char *end = pkt + len;
    const char *p = pkt + 1;
    static char buf[2 * GDB_PACKET_MAX + 8];
    static uint8_t bin[GDB_PACKET_MAX];
    uint64_t a, l;

    if (len == 0) {
        gdb_send(s, "");
        return false;
    }
    switch (pkt[0]) {
    case '?':
        gdb_send_stop(s);
        return false;
    case 'g': {
        size_t n = 0;
        for (unsigned r = 0; r < d->g_regs; r++) {
            uint8_t v[GDB_REG_MAX];
            unsigned k = d->reg_read(cpu, r, v);
            if (n + 2 * k + 1 > sizeof buf)
                break;
            gdb_send_hex_bytes(buf + n, v, k);
            n += 2 * k;
        }
        buf[n] = 0;
        gdb_send(s, buf);
        return false;
    }
    case 'G': {
        long n = parse_hex_bytes(p, end, bin, sizeof bin);
        if (n < 0) {
            gdb_send(s, "E01");
            return false;
        }
        size_t off = 0;
        for (unsigned r = 0; r < d->g_regs && off < (size_t)n; r++) {
            uint8_t v[GDB_REG_MAX];
            unsigned k = d->reg_read(cpu, r, v);
            if (!k || off + k > (size_t)n)
                break;
            d->reg_write(cpu, r, bin + off, k);
            off += k;
        }
        gdb_send(s, "OK");
        return false;
    }
    case 'p': {
        uint8_t v[GDB_REG_MAX];
        unsigned k;
        if (!parse_hex(&p, end, &a) || p != end || a > 0xffff ||
            !(k = d->reg_read(cpu, (unsigned)a, v))) {
            gdb_send(s, "E01");
            return false;
        }
        gdb_send_hex_bytes(buf, v, k);
        gdb_send(s, buf);
        return false;
    }
    case 'P': {
        uint8_t v[GDB_REG_MAX];
        if (!parse_hex(&p, end, &a) || !expect(&p, end, '=') || a > 0xffff) {
            gdb_send(s, "E01");
            return false;
        }
        long n = parse_hex_bytes(p, end, v, sizeof v);
        gdb_send(s, n > 0 && d->reg_write(cpu, (unsigned)a, v, (unsigned)n) ? "OK" : "E01");
        return false;
    }
    case 'm': {
        if (!parse_hex(&p, end, &a) || !expect(&p, end, ',') || !parse_hex(&p, end, &l) ||
            p != end || a > 0xffffffffu) {
            gdb_send(s, "E01");
            return false;
        }
        if (l > GDB_PACKET_MAX / 2)
            l = GDB_PACKET_MAX / 2;
        size_t n = gdb_mem_read(s, (uint32_t)a, bin, (size_t)l);
        if (n == 0 && l > 0) {
            gdb_send(s, "E14");
            return false;
        }
        gdb_send_hex_bytes(buf, bin, n);
        gdb_send(s, buf);
        return false;
    }
    case 'M': {
        if (!parse_hex(&p, end, &a) || !expect(&p, end, ',') || !parse_hex(&p, end, &l) ||
            !expect(&p, end, ':') || a > 0xffffffffu) {
            gdb_send(s, "E01");
            return false;
        }
        long n = parse_hex_bytes(p, end, bin, sizeof bin);
        if (n < 0 || (uint64_t)n != l) {
            gdb_send(s, "E01");
            return false;
        }
        gdb_send(s, gdb_mem_write(s, (uint32_t)a, bin, (size_t)n) ? "OK" : "E14");
        return false;
    }
    case 'X': {
        if (!parse_hex(&p, end, &a) || !expect(&p, end, ',') || !parse_hex(&p, end, &l) ||
            !expect(&p, end, ':') || a > 0xffffffffu) {
            gdb_send(s, "E01");
            return false;
        }
        size_t n = 0;
        while (p < end && n < sizeof bin) {
            uint8_t c = (uint8_t)*p++;
            if (c == '}') {
                if (p >= end)
                    break;
                c = (uint8_t)(*p++ ^ 0x20);
            }
            bin[n++] = c;
        }
        if (n != l || p != end) {
            gdb_send(s, "E01");
            return false;
        }
        gdb_send(s, gdb_mem_write(s, (uint32_t)a, bin, n) ? "OK" : "E14");
        return false;
    }
    case 'Z':
    case 'z': {
        uint64_t type, kind;
        if (!parse_hex(&p, end, &type) || !expect(&p, end, ',') || !parse_hex(&p, end, &a) ||
            !expect(&p, end, ',') || !parse_hex(&p, end, &kind) || a > 0xffffffffu) {
            gdb_send(s, "E01");
            return false;
        }
        /* conditions/commands after ';' are not supported: gdb evaluates
         * them itself when the stub does not announce support */
        if (p != end && *p != ';') {
            gdb_send(s, "E01");
            return false;
        }
        if (type > 4) {
            gdb_send(s, "");
            return false;
        }
        bool ok = pkt[0] == 'Z'
            ? d->bp_insert(cpu, (EmuBpType)type, (uint32_t)a, (uint32_t)(kind > 0xffffffffu ? 0 : kind))
            : d->bp_remove(cpu, (EmuBpType)type, (uint32_t)a, (uint32_t)(kind > 0xffffffffu ? 0 : kind));
        /* removing what is not there is not an error for gdb */
        gdb_send(s, ok || pkt[0] == 'z' ? "OK" : "E01");
        return false;
    }
    case 'c':
    case 's':
    case 'C':
    case 'S': {
        /* [sig][;addr] for C/S; [addr] for c/s */
        if (pkt[0] == 'C' || pkt[0] == 'S') {
            uint64_t sig;
            if (!parse_hex(&p, end, &sig)) {
                gdb_send(s, "E01");
                return false;
            }
            if (p < end && !expect(&p, end, ';')) {
                gdb_send(s, "E01");
                return false;
            }
        }
        if (p < end) {
            if (!parse_hex(&p, end, &a) || p != end) {
                gdb_send(s, "E01");
                return false;
            }
            uint8_t v[4] = { (uint8_t)a, (uint8_t)(a >> 8), (uint8_t)(a >> 16), (uint8_t)(a >> 24) };
            d->reg_write(cpu, d->pc_regnum, v, 4);
        }
        *act = (pkt[0] == 'c' || pkt[0] == 'C') ? EMU_DBG_RUN : EMU_DBG_STEP;
        return true;
    }
    case 'D':
        gdb_send(s, "OK");
        gdb_detach_cleanup(s);
        gdb_drop_client(s);
        *act = EMU_DBG_RUN;
        return true;
    case 'k':
        s->kill = true;
        gdb_drop_client(s);
        *act = EMU_DBG_KILL;
        return true;
    case 'H':
    case 'T':
        gdb_send(s, "OK");
        return false;
    case 'q':
        if (len >= 10 && !memcmp(pkt, "qSupported", 10)) {
            gdb_send(s, "PacketSize=4000;qXfer:features:read+;swbreak+;hwbreak+;"
                        "vContSupported+;QStartNoAckMode+");
        } else if (len > 20 && !memcmp(pkt, "qXfer:features:read:", 20)) {
            gdb_handle_qxfer(s, pkt, end);
        } else if (len == 9 && !memcmp(pkt, "qAttached", 9)) {
            gdb_send(s, "1");
        } else if (len == 2 && pkt[1] == 'C') {
            gdb_send(s, "QC" GDB_THREAD);
        } else if (len == 12 && !memcmp(pkt, "qfThreadInfo", 12)) {
            gdb_send(s, "m" GDB_THREAD);
        } else if (len == 12 && !memcmp(pkt, "qsThreadInfo", 12)) {
            gdb_send(s, "l");
        } else if (len >= 7 && !memcmp(pkt, "qSymbol", 7)) {
            gdb_send(s, "OK");
        } else if (len >= 6 && !memcmp(pkt, "qRcmd,", 6)) {
            char cmd[GDB_PACKET_MAX / 2 + 1];
            long n = parse_hex_bytes(pkt + 6, end, (uint8_t *)cmd, sizeof cmd - 1);
            if (n < 0) {
                gdb_send(s, "E01");
                return false;
            }
            cmd[n] = 0;
            if (memchr(cmd, 0, (size_t)n)) {
                gdb_send(s, "E01");
                return false;
            }
            bool resume;
            EmuDebugAction a2 = gdb_monitor(s, cmd, &resume);
            if (resume) {
                *act = a2;
                return true;
            }
        } else {
            gdb_send(s, "");
        }
        return false;
    case 'Q':
        if (len == 15 && !memcmp(pkt, "QStartNoAckMode", 15)) {
            gdb_send(s, "OK");
            s->no_ack = true;
        } else {
            gdb_send(s, "");
        }
        return false;
    case 'v':
        if (len == 6 && !memcmp(pkt, "vCont?", 6)) {
            gdb_send(s, "vCont;c;C;s;S");
        } else if (len >= 5 && !memcmp(pkt, "vCont", 5) && (len == 5 || pkt[5] == ';')) {
            return gdb_handle_vcont(s, pkt + 5, end, act);
        } else if (len == 6 && !memcmp(pkt, "vCtrlC", 6)) {
            gdb_send(s, "OK");
        } else if (len >= 5 && !memcmp(pkt, "vKill", 5)) {
            gdb_send(s, "OK");
            s->kill = true;
            gdb_drop_client(s);
            *act = EMU_DBG_KILL;
            return true;
        } else {
            gdb_send(s, "");
        }
        return false;
    default:
        gdb_send(s, "");
        return false;
    }
}

/* ------------------------------------------------------------------------ */
/* Input state machine.  Returns 1 when a complete, valid packet is in
 * s->pkt (length s->plen), 2 for a Ctrl-C, 0 otherwise. */

static int gdb_parse_byte(GdbStub *s, uint8_t c)
{
    switch (s->ps) {
    case PS_IDLE:
        if (c == '$') {
            s->ps = PS_DATA;
            s->plen = 0;
            s->overflow = false;
            s->csum = 0;
        } else if (c == 0x03) {
            return 2;
        } else if (c == '-' && !s->no_ack && s->out_len) {
            gdb_write_all(s, s->out, s->out_len);   /* retransmit */
        }
        /* '+' and garbage between packets are ignored */
        return 0;
    case PS_DATA:
        if (c == '#') {
            s->ps = PS_CS1;
        } else if (c == '$') {
            /* a new packet start: the previous one was truncated */
            s->plen = 0;
            s->overflow = false;
            s->csum = 0;
        } else {
            s->csum = (uint8_t)(s->csum + c);
            if (s->plen < GDB_PACKET_MAX)
                s->pkt[s->plen++] = (char)c;
            else
                s->overflow = true;
        }
        return 0;
    case PS_CS1:
        s->cs_hi = hexval(c);
        s->ps = PS_CS2;
        return 0;
    case PS_CS2: {
        int lo = hexval(c);
        s->ps = PS_IDLE;
        if (s->cs_hi < 0 || lo < 0 || (uint8_t)(s->cs_hi << 4 | lo) != s->csum) {
            if (!s->no_ack)
                gdb_write_all(s, "-", 1);
            return 0;
        }
        if (!s->no_ack)
            gdb_write_all(s, "+", 1);
        if (s->overflow) {
            gdb_send(s, "E22");         /* longer than PacketSize */
            return 0;
        }
        s->pkt[s->plen] = 0;
        return 1;
    }
    }
    s->ps = PS_IDLE;
    return 0;
}

/* ------------------------------------------------------------------------ */
/* Connection handling. */

static void gdb_drop_client(GdbStub *s)
{
    if (s->fd >= 0) {
        close(s->fd);
        s->fd = -1;
    }
    /* nobody to report stops to: the guest runs free */
    gdb_detach_cleanup(s);
    s->ps = PS_IDLE;
    s->no_ack = false;
    s->has_pending = false;
    s->leftover_len = 0;
    s->out_len = 0;
    s->resumed = false;
}

static bool gdb_accept(GdbStub *s, int timeout_ms)
{
    struct pollfd pfd = { .fd = s->listen_fd, .events = POLLIN };
    if (poll(&pfd, 1, timeout_ms) <= 0)
        return false;
    int fd = accept(s->listen_fd, NULL, NULL);
    if (fd < 0)
        return false;
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    s->fd = fd;
    s->ps = PS_IDLE;
    s->no_ack = false;
    s->resumed = false;
    s->out_len = 0;
    fprintf(stderr, "emucov: gdb connected\n");
    return true;
}

/* Read what is available (without blocking when timeout_ms is 0) and feed
 * the state machine.  While running, a complete packet is kept for later
 * and Ctrl-C sets s->interrupt.  Returns -1 when the client is gone. */
static int gdb_read_some(GdbStub *s, int timeout_ms, bool running,
                         EmuDebugAction *act, bool *resume)
{
    uint8_t in[sizeof s->leftover];
    ssize_t n;
    if (s->leftover_len) {
        n = (ssize_t)s->leftover_len;
        memcpy(in, s->leftover, s->leftover_len);
        s->leftover_len = 0;
    } else {
        struct pollfd pfd = { .fd = s->fd, .events = POLLIN };
        int r = poll(&pfd, 1, timeout_ms);
        if (r < 0)
            return errno == EINTR ? 0 : -1;
        if (r == 0)
            return 0;
        n = recv(s->fd, in, sizeof in, 0);
        if (n < 0 && (errno == EINTR || errno == EAGAIN))
            return 0;
        if (n <= 0)
            return -1;
    }
    for (ssize_t i = 0; i < n && s->fd >= 0; i++) {
        if (*resume || (running && s->has_pending)) {
            /* keep the rest for later, in order */
            s->leftover_len = (size_t)(n - i);
            memcpy(s->leftover, in + i, s->leftover_len);
            break;
        }
        int k = gdb_parse_byte(s, in[i]);
        if (k == 2) {
            s->interrupt = true;
        } else if (k == 1) {
            if (running) {
                /* all-stop: gdb waits for the stop reply; keep the packet */
                memcpy(s->pending, s->pkt, s->plen + 1);
                s->pending_len = s->plen;
                s->has_pending = true;
            } else if (!*resume) {
                if (gdb_handle_packet(s, s->pkt, s->plen, act))
                    *resume = true;
            }
        }
    }
    return s->fd >= 0 ? 1 : -1;
}

/* ------------------------------------------------------------------------ */
/* Main-loop hooks. */

static bool gdb_poll(void *opaque, EmuMachine *m)
{
    GdbStub *s = opaque;
    (void)m;
    if (s->wait_at_start) {
        return true;
    }
    if (s->fd < 0) {
        if (gdb_accept(s, 0)) {
            s->stop_now = true;     /* stop on attach, as QEMU does */
            return true;
        }
        return false;
    }
    EmuDebugAction act;
    bool resume = false;
    if (gdb_read_some(s, 0, true, &act, &resume) < 0) {
        fprintf(stderr, "emucov: gdb disconnected\n");
        gdb_detach_cleanup(s);
        gdb_drop_client(s);
        return false;
    }
    return s->interrupt;
}

static EmuDebugAction gdb_stopped(void *opaque, EmuMachine *m, const EmuDebugStop *why)
{
    GdbStub *s = opaque;
    bool break_in = why == NULL;
    s->wait_at_start = false;
    s->interrupt = false;
    if (why)
        s->last = *why;
    else
        memset(&s->last, 0, sizeof s->last);
    s->last.pc = m->cpu_class->get_pc(m->cpu);
    s->last_is_break_in = break_in;

    if (s->fd < 0 && why) {
        /* a stop left over from a client that is gone */
        return EMU_DBG_RUN;
    }
    if (s->fd < 0) {
        /* -S: wait for a client */
        while (s->fd < 0) {
            if (emu_stop_signal)
                return EMU_DBG_KILL;
            gdb_accept(s, 200);
        }
    } else if (s->resumed) {
        gdb_send_stop(s);
    }
    s->resumed = false;
    s->stop_now = false;

    EmuDebugAction act = EMU_DBG_RUN;
    bool resume = false;
    if (s->has_pending) {
        s->has_pending = false;
        if (gdb_handle_packet(s, s->pending, s->pending_len, &act))
            resume = true;
    }
    while (!resume) {
        if (emu_stop_signal)
            return EMU_DBG_KILL;
        if (s->fd < 0) {
            /* detached or gone: the guest runs on */
            return EMU_DBG_RUN;
        }
        if (gdb_read_some(s, 200, false, &act, &resume) < 0) {
            if (s->kill)
                return EMU_DBG_KILL;
            fprintf(stderr, "emucov: gdb disconnected\n");
            gdb_detach_cleanup(s);
            gdb_drop_client(s);
            return EMU_DBG_RUN;
        }
        s->interrupt = false;       /* Ctrl-C while stopped: nothing to do */
    }
    s->interrupt = false;           /* a Ctrl-C sent before the resume */
    if (act == EMU_DBG_KILL)
        return act;
    s->resumed = s->fd >= 0;
    return act;
}

static void gdb_finished(void *opaque, EmuMachine *m, const EmuRunResult *r)
{
    GdbStub *s = opaque;
    (void)m;
    if (s->fd < 0)
        return;
    char buf[16];
    if (r->reason == EMU_STOP_EXIT)
        snprintf(buf, sizeof buf, "W%02x", r->status & 0xff);
    else if (r->reason == EMU_STOP_ERROR)
        snprintf(buf, sizeof buf, "X%02x", 6);     /* SIGABRT */
    else if (r->reason == EMU_STOP_SIGNAL)
        snprintf(buf, sizeof buf, "X%02x", 9);     /* SIGKILL */
    else
        snprintf(buf, sizeof buf, "X%02x", 24);    /* SIGXCPU: a bound */
    gdb_send(s, buf);
    gdb_drop_client(s);
}

/* ------------------------------------------------------------------------ */

static bool gdb_parse_spec(const char *spec, char *host, size_t hostlen, unsigned *port,
                           char *err, size_t errlen)
{
    const char *p = spec;
    snprintf(host, hostlen, "127.0.0.1");
    if (!strncmp(p, "tcp:", 4)) {
        p += 4;
        const char *colon = strrchr(p, ':');
        if (!colon) {
            snprintf(err, errlen, "gdb address '%s': expected tcp::PORT or tcp:HOST:PORT", spec);
            return false;
        }
        if (colon > p) {
            size_t n = (size_t)(colon - p);
            if (n >= hostlen) {
                snprintf(err, errlen, "gdb address '%s': host name too long", spec);
                return false;
            }
            memcpy(host, p, n);
            host[n] = 0;
        }
        p = colon + 1;
    }
    char *end;
    errno = 0;
    unsigned long v = strtoul(p, &end, 10);
    if (!*p || *end || errno || v > 65535) {
        snprintf(err, errlen, "gdb address '%s': expected tcp::PORT or tcp:HOST:PORT "
                 "with PORT 0-65535", spec);
        return false;
    }
    *port = (unsigned)v;
    return true;
}

bool gdb_stub_check_spec(const char *spec, char *err, size_t errlen)
{
    char host[256];
    unsigned port;
    return gdb_parse_spec(spec, host, sizeof host, &port, err, errlen);
}

GdbStub *gdb_stub_open(EmuMachine *m, const char *spec, bool wait, char *err, size_t errlen)
{
    char host[256], portstr[16];
    unsigned port;
    if (!m->cpu_class->debug) {
        snprintf(err, errlen, "the %s CPU model has no debug support", m->cpu_class->name);
        return NULL;
    }
    if (!gdb_parse_spec(spec, host, sizeof host, &port, err, errlen))
        return NULL;
    snprintf(portstr, sizeof portstr, "%u", port);
    struct addrinfo hints, *res = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    int rc = getaddrinfo(host, portstr, &hints, &res);
    if (rc != 0) {
        snprintf(err, errlen, "gdb address '%s': %s", spec, gai_strerror(rc));
        return NULL;
    }
    int fd = -1;
    int last_errno = 0;
    for (struct addrinfo *ai = res; ai; ai = ai->ai_next) {
        fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
        if (fd < 0) {
            last_errno = errno;
            continue;
        }
        int one = 1;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        if (bind(fd, ai->ai_addr, ai->ai_addrlen) == 0 && listen(fd, 1) == 0)
            break;
        last_errno = errno;
        close(fd);
        fd = -1;
    }
    freeaddrinfo(res);
    if (fd < 0) {
        snprintf(err, errlen, "gdb server: cannot listen on %s:%u: %s", host, port,
                 strerror(last_errno));
        return NULL;
    }
    struct sockaddr_storage ss;
    socklen_t sl = sizeof ss;
    if (getsockname(fd, (struct sockaddr *)&ss, &sl) == 0) {
        if (ss.ss_family == AF_INET)
            port = ntohs(((struct sockaddr_in *)&ss)->sin_port);
        else if (ss.ss_family == AF_INET6)
            port = ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
    }
    GdbStub *s = calloc(1, sizeof *s);
    if (!s) {
        close(fd);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    s->m = m;
    s->dops = m->cpu_class->debug;
    s->listen_fd = fd;
    s->fd = -1;
    s->port = port;
    s->wait_at_start = wait;
    s->hooks.opaque = s;
    s->hooks.stopped = gdb_stopped;
    s->hooks.poll = gdb_poll;
    s->hooks.finished = gdb_finished;
    fprintf(stderr, "emucov: gdb server listening on %s:%u%s\n", host, port,
            wait ? " (halted until gdb continues)" : "");
    return s;
}

const EmuDebugger *gdb_stub_debugger(GdbStub *s)
{
    return &s->hooks;
}

unsigned gdb_stub_port(const GdbStub *s)
{
    return s->port;
}

void gdb_stub_close(GdbStub *s)
{
    if (!s)
        return;
    if (s->fd >= 0)
        close(s->fd);
    if (s->listen_fd >= 0)
        close(s->listen_fd);
    free(s);
}

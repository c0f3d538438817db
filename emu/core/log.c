/*
 * emu/core/log.c - the -d categories (as QEMU's -d) and the log sink.
 */
#include "emu.h"

#include <string.h>

unsigned emu_log_mask;
FILE *emu_log_file;

/* stderr is not a constant expression: set the default before main(). */
__attribute__((constructor)) static void emu_log_init(void)
{
    if (!emu_log_file)
        emu_log_file = stderr;
}

static const struct {
    const char *name;
    unsigned mask;
    const char *help;
} log_items[] = {
    { "in_asm", EMU_LOG_IN_ASM, "show target assembly code for each compiled TB" },
    { "exec", EMU_LOG_EXEC, "show trace before each executed TB" },
    { "int", EMU_LOG_INT, "show interrupts/exceptions" },
    { "cpu", EMU_LOG_CPU, "show CPU registers before entering a TB" },
    { "guest_errors", EMU_LOG_GUEST_ERRORS,
      "log when the guest OS does something invalid (eg accessing a non-existent register)" },
    { "unimp", EMU_LOG_UNIMP, "log unimplemented functionality" },
    { "tb", EMU_LOG_TB, "log translation cache events (flushes, self-modifying code)" },
};

void emu_log(unsigned cat, const char *fmt, ...)
{
    (void)cat;
    FILE *f = emu_log_file ? emu_log_file : stderr;
    va_list ap;
    va_start(ap, fmt);
    vfprintf(f, fmt, ap);
    va_end(ap);
}

bool emu_log_parse(const char *list, unsigned *mask, char *err, size_t errlen)
{
    unsigned out = 0;
    const char *p = list;
    while (*p) {
        size_t n = strcspn(p, ",");
        bool found = false;
        if (n == 3 && strncmp(p, "all", 3) == 0) {
            for (size_t i = 0; i < sizeof(log_items) / sizeof(log_items[0]); i++)
                out |= log_items[i].mask;
            found = true;
        }
        for (size_t i = 0; !found && i < sizeof(log_items) / sizeof(log_items[0]); i++) {
            if (strlen(log_items[i].name) == n && strncmp(p, log_items[i].name, n) == 0) {
                out |= log_items[i].mask;
                found = true;
            }
        }
        if (!found && n > 0) {
            snprintf(err, errlen, "unknown -d category '%.*s' (try -d help)", (int)n, p);
            return false;
        }
        p += n;
        if (*p == ',')
            p++;
    }
    *mask = out;
    return true;
}

const char *emu_log_help(void)
{
    static char buf[1024];
    if (!buf[0]) {
        size_t off = 0;
        off += (size_t)snprintf(buf + off, sizeof(buf) - off, "Log items (comma separated):\n");
        for (size_t i = 0; i < sizeof(log_items) / sizeof(log_items[0]); i++)
            off += (size_t)snprintf(buf + off, sizeof(buf) - off, "%-12s %s\n",
                                    log_items[i].name, log_items[i].help);
        snprintf(buf + off, sizeof(buf) - off, "%-12s %s\n", "all", "all of the above");
    }
    return buf;
}

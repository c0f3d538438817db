/* Semihosting console output: SYS_WRITEC (one character), SYS_WRITE0 (a
 * NUL-terminated string), SYS_OPEN(":tt") for the stdout ("w", mode 4)
 * and stderr ("a", mode 8) handles and SYS_WRITE to each, returning the
 * number of bytes NOT written (0), interleaved with UART output; ends with
 * SYS_EXIT(ADP_Stopped_ApplicationExit) = status 0.  The handle numbers
 * are implementation-defined and not printed. */
#include "rt.h"
#include "semihost.h"

static uint32_t slen(const char *s)
{
    uint32_t n = 0;
    while (s[n])
        n++;
    return n;
}

int main(void)
{
    static const char hello[] = "WRITE0 works\n";
    static const char out[] = "WRITE to stdout handle\n";
    static const char err[] = "WRITE to stderr handle\n";
    rt_puts("UART line 1\n");
    const char *c = "WRITEC\n";
    while (*c) {
        char ch = *c++;
        sh_call(SH_SYS_WRITEC, (uint32_t)(uintptr_t)&ch);
    }
    rt_puts("UART line 2\n");
    sh_call(SH_SYS_WRITE0, (uint32_t)(uintptr_t)hello);
    uint32_t hout = sh_open_tt(4);
    uint32_t herr = sh_open_tt(8);
    rt_check("open :tt w succeeded", hout != 0xffffffffu, 1);
    rt_check("open :tt a succeeded", herr != 0xffffffffu, 1);
    rt_check("handles differ", hout != herr, 1);
    rt_check("WRITE stdout: bytes not written", sh_write(hout, out, slen(out)), 0);
    rt_puts("UART line 3\n");
    rt_check("WRITE stderr: bytes not written", sh_write(herr, err, slen(err)), 0);
    rt_check("WRITE 0 bytes", sh_write(hout, out, 0), 0);
    int status = rt_done();
    sh_call(SH_SYS_EXIT, status == 0 ? SH_ADP_Stopped_ApplicationExit : 0x20023);
    return 77;                          /* not reached */
}

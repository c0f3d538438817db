/* SYS_EXIT with a reason other than ADP_Stopped_ApplicationExit
 * (ADP_Stopped_RunTimeErrorUnknown, 0x20023) ends the run with status 1. */
#include "rt.h"
#include "semihost.h"

int main(void)
{
    rt_puts("PASS: exiting through SYS_EXIT with RunTimeErrorUnknown\n");
    sh_call(SH_SYS_EXIT, 0x20023);
    rt_puts("still running after SYS_EXIT\n");
    return 2;
}

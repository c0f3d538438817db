/* SYS_EXIT with a reason other than ADP_Stopped_ApplicationExit
 * (ADP_Stopped_RunTimeErrorUnknown, 0x20023) ends the run with exit
 * status 1 (what QEMU reports; the semihosting spec leaves the host's
 * status to the host). */
#include "rt.h"
#include "semihost.h"

int main(void)
{
    rt_check("before exit", 1, 1);
    int r = rt_done();
    rt_puts("exiting through SYS_EXIT with ADP_Stopped_RunTimeErrorUnknown\n");
    rt_semihost(SYS_EXIT, 0x20023u);
    rt_puts("still running after SYS_EXIT\n");
    return r ? r : 2;
}

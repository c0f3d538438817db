/* SYS_EXIT_EXTENDED (0x20) with a status: the parameter block
 * {ADP_Stopped_ApplicationExit, 3} ends the run with exit status 3; the
 * code after the call never runs.  (rt_exit() uses the same call for every
 * non-zero status returned by main.) */
#include "rt.h"
#include "semihost.h"

static uint32_t block[2];

int main(void)
{
    rt_check("before exit", 1, 1);
    int r = rt_done();
    rt_puts("exiting through SYS_EXIT_EXTENDED with 3\n");
    block[0] = ADP_Stopped_ApplicationExit;
    block[1] = 3;
    rt_semihost(SYS_EXIT_EXTENDED, (uint32_t)(uintptr_t)block);
    rt_puts("still running after SYS_EXIT_EXTENDED\n");
    return r ? r : 1;
}

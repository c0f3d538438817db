/* SYS_EXIT_EXTENDED(ADP_Stopped_ApplicationExit, 5) ends the run with exit
 * status 5 (the finisher is never reached). */
#include "rt.h"
#include "semihost.h"

int main(void)
{
    rt_puts("PASS: exiting through SYS_EXIT_EXTENDED with 5\n");
    sh_exit_extended(5);
    rt_puts("still running after SYS_EXIT_EXTENDED\n");
    return 1;
}

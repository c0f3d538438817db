/* SYS_EXIT_EXTENDED (0x20) with a status: main returns 3, so rt_finish()
 * passes the block {ADP_Stopped_ApplicationExit, 3} and the emulator must
 * exit with status 3. */
#include "rt.h"

int main(void)
{
    rt_check("before exit", 1, 1);
    rt_puts("exiting with status 3\n");
    return 3;
}

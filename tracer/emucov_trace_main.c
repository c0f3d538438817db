/* tracer/emucov_trace_main.c - standalone `emucov-trace` (same code as
 * `emucov trace`). */
#include "tracer/trace.h"

int main(int argc, char **argv)
{
    argv[0] = (char *)"trace";
    return trace_cli_main(argc, argv);
}

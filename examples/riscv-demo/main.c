/* emucov demo firmware: a temperature monitor for the RISC-V virt board.
 *
 * A simulated sensor is sampled 240 times; the samples go through a median
 * + moving-average filter into an alarm state machine with hysteresis.
 * State changes and a summary are printed on the UART; the program exits
 * through the test finisher with status 0.  Some paths (sensor fault,
 * shutdown) are never taken, so a coverage report has something to show. */
#include <stdio.h>

#include "board.h"
#include "controller.h"
#include "filter.h"
#include "sensor.h"

#define SAMPLES 240

static void report_change(uint32_t t, int32_t temp, const Controller *c)
{
    printf("t=%3lu  %4ld.%ld C  -> %s\n", (unsigned long)t, (long)(temp / 10),
           (long)(temp < 0 ? -temp % 10 : temp % 10), ctrl_state_name(c->state));
}

int main(void)
{
    Sensor sensor;
    Filter filter;
    Controller ctrl;
    int32_t min = 0, max = 0;
    uint32_t valid = 0;

    printf("emucov demo: temperature monitor (%d samples)\n", SAMPLES);
    sensor_init(&sensor, 0x1234567u, 200);
    filter_init(&filter);
    ctrl_init(&ctrl, 450, 600, 20);

    for (uint32_t t = 0; t < SAMPLES; t++) {
        int32_t temp;
        int r = filter_step(&filter, sensor_read(&sensor), &temp);
        if (r < 0) {
            printf("t=%3lu  sensor fault\n", (unsigned long)t);
            continue;
        }
        if (r == 0)
            continue;
        if (valid == 0 || temp < min)
            min = temp;
        if (valid == 0 || temp > max)
            max = temp;
        valid++;
        if (ctrl_step(&ctrl, temp))
            report_change(t, temp, &ctrl);
    }

    printf("samples %lu, faults %lu, transitions %lu\n", (unsigned long)valid,
           (unsigned long)filter.faults, (unsigned long)ctrl.transitions);
    printf("min %ld.%ld C, max %ld.%ld C\n", (long)(min / 10), (long)(min % 10),
           (long)(max / 10), (long)(max % 10));
    for (int s = CTRL_IDLE; s <= CTRL_SHUTDOWN; s++)
        printf("time in %-8s %lu\n", ctrl_state_name((CtrlState)s),
               (unsigned long)ctrl.time_in[s]);
    return ctrl.state == CTRL_SHUTDOWN ? 1 : 0;
}

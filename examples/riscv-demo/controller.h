/* The alarm controller: a state machine with hysteresis over the filtered
 * temperature. */
#ifndef DEMO_CONTROLLER_H
#define DEMO_CONTROLLER_H

#include <stdint.h>

typedef enum CtrlState {
    CTRL_IDLE,
    CTRL_WARN,
    CTRL_ALARM,
    CTRL_SHUTDOWN,
} CtrlState;

typedef struct Controller {
    CtrlState state;
    int32_t warn_on, alarm_on, hysteresis;
    uint32_t alarm_samples;             /* consecutive samples in ALARM */
    uint32_t transitions;
    uint32_t time_in[4];
} Controller;

void ctrl_init(Controller *c, int32_t warn_on, int32_t alarm_on, int32_t hysteresis);
/* Advances with one filtered sample; returns 1 when the state changed. */
int ctrl_step(Controller *c, int32_t temp);
const char *ctrl_state_name(CtrlState s);

#endif

#include "controller.h"

void ctrl_init(Controller *c, int32_t warn_on, int32_t alarm_on, int32_t hysteresis)
{
    c->state = CTRL_IDLE;
    c->warn_on = warn_on;
    c->alarm_on = alarm_on;
    c->hysteresis = hysteresis;
    c->alarm_samples = 0;
    c->transitions = 0;
    for (int i = 0; i < 4; i++)
        c->time_in[i] = 0;
}

const char *ctrl_state_name(CtrlState s)
{
    switch (s) {
    case CTRL_IDLE:
        return "IDLE";
    case CTRL_WARN:
        return "WARN";
    case CTRL_ALARM:
        return "ALARM";
    case CTRL_SHUTDOWN:
        return "SHUTDOWN";
    }
    return "?";
}

static CtrlState next_state(Controller *c, int32_t temp)
{
    switch (c->state) {
    case CTRL_IDLE:
        if (temp >= c->alarm_on)
            return CTRL_ALARM;
        if (temp >= c->warn_on)
            return CTRL_WARN;
        return CTRL_IDLE;
    case CTRL_WARN:
        if (temp >= c->alarm_on)
            return CTRL_ALARM;
        if (temp < c->warn_on - c->hysteresis)
            return CTRL_IDLE;
        return CTRL_WARN;
    case CTRL_ALARM:
        /* Too long in ALARM: shut down (never reached with this input). */
        if (c->alarm_samples > 200 && temp >= c->alarm_on)
            return CTRL_SHUTDOWN;
        if (temp < c->alarm_on - c->hysteresis)
            return CTRL_WARN;
        return CTRL_ALARM;
    case CTRL_SHUTDOWN:
        return CTRL_SHUTDOWN;
    }
    return c->state;
}

int ctrl_step(Controller *c, int32_t temp)
{
    CtrlState n = next_state(c, temp);
    c->alarm_samples = n == CTRL_ALARM ? c->alarm_samples + 1 : 0;
    c->time_in[n]++;
    if (n == c->state)
        return 0;
    c->state = n;
    c->transitions++;
    return 1;
}

#include "sensor.h"

static uint32_t next_random(Sensor *s)
{
    /* xorshift32: deterministic, so every run prints the same. */
    s->seed ^= s->seed << 13;
    s->seed ^= s->seed >> 17;
    s->seed ^= s->seed << 5;
    return s->seed;
}

void sensor_init(Sensor *s, uint32_t seed, int32_t base)
{
    s->seed = seed ? seed : 1;
    s->t = 0;
    s->base = base;
}

int32_t sensor_read(Sensor *s)
{
    uint32_t r = next_random(s);
    s->t++;
    /* A wire that never breaks in this simulation: the fault path of the
     * filter stays uncovered, which the coverage report shows. */
    if (r == 0)
        return SENSOR_DISCONNECTED;
    int32_t ramp = (int32_t)(s->t < 120 ? s->t * 4 : (240 - s->t) * 4);
    int32_t noise = (int32_t)(r % 21u) - 10;
    int32_t value = s->base + ramp + noise;
    if (r % 37u == 0)                   /* a spike the median filter removes */
        value += 300;
    return value;
}

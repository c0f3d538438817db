/* A simulated temperature sensor: a deterministic signal (slow ramp, noise,
 * occasional spikes) in tenths of a degree Celsius. */
#ifndef DEMO_SENSOR_H
#define DEMO_SENSOR_H

#include <stdint.h>

typedef struct Sensor {
    uint32_t seed;
    uint32_t t;
    int32_t base;
} Sensor;

#define SENSOR_DISCONNECTED INT32_MIN

void sensor_init(Sensor *s, uint32_t seed, int32_t base);
/* The next raw sample, or SENSOR_DISCONNECTED. */
int32_t sensor_read(Sensor *s);

#endif

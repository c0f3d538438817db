/* Signal conditioning: a 5-sample median (spike removal) followed by an
 * exponential moving average. */
#ifndef DEMO_FILTER_H
#define DEMO_FILTER_H

#include <stdint.h>

#define FILTER_WINDOW 5

typedef struct Filter {
    int32_t window[FILTER_WINDOW];
    uint32_t count;
    int32_t ema;                        /* tenths of a degree, x16 */
    uint32_t faults;
} Filter;

void filter_init(Filter *f);
/* Feeds one raw sample; returns 1 and the filtered value once the window
 * is full, 0 while warming up, -1 for a sensor fault. */
int filter_step(Filter *f, int32_t raw, int32_t *out);

#endif

#include "filter.h"
#include "sensor.h"

void filter_init(Filter *f)
{
    for (int i = 0; i < FILTER_WINDOW; i++)
        f->window[i] = 0;
    f->count = 0;
    f->ema = 0;
    f->faults = 0;
}

static int32_t median5(const int32_t *w)
{
    int32_t v[FILTER_WINDOW];
    for (int i = 0; i < FILTER_WINDOW; i++)
        v[i] = w[i];
    for (int i = 1; i < FILTER_WINDOW; i++) {
        int32_t x = v[i];
        int j = i - 1;
        while (j >= 0 && v[j] > x) {
            v[j + 1] = v[j];
            j--;
        }
        v[j + 1] = x;
    }
    return v[FILTER_WINDOW / 2];
}

int filter_step(Filter *f, int32_t raw, int32_t *out)
{
    if (raw == SENSOR_DISCONNECTED || raw < -400 || raw > 1500) {
        f->faults++;
        return -1;
    }
    f->window[f->count % FILTER_WINDOW] = raw;
    f->count++;
    if (f->count < FILTER_WINDOW)
        return 0;
    int32_t m = median5(f->window);
    if (f->count == FILTER_WINDOW)
        f->ema = m * 16;
    else
        f->ema += m - f->ema / 16;      /* alpha = 1/16 */
    *out = f->ema / 16;
    return 1;
}

/* An event log for the interrupt tests: handlers append small codes
 * (enter = exception number, exit = exception number + 0x100) and tests
 * compare the sequence. */
#ifndef IRQLOG_H
#define IRQLOG_H

#include "rt.h"

#define LOG_MAX 32
static volatile uint32_t log_ev[LOG_MAX];
static volatile uint32_t log_n;

static inline void log_add(uint32_t ev)
{
    if (log_n < LOG_MAX)
        log_ev[log_n] = ev;
    log_n++;
}

static inline void log_clear(void)
{
    log_n = 0;
}

/* Checks the log against want[0..n-1], printing each entry. */
static inline void log_expect(const char *name, const uint32_t *want, uint32_t n)
{
    rt_puts(name);
    rt_nl();
    rt_check(" events", log_n, n);
    for (uint32_t i = 0; i < n && i < log_n; i++)
        rt_check(" event", log_ev[i], want[i]);
}

#endif

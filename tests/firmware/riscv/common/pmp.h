/* PMP helpers (privileged spec 3.7): address-matching modes and pmpcfg
 * bits, NAPOT encoding, and writing one entry's cfg byte. */
#ifndef PMP_H
#define PMP_H

#include "rt.h"

#define PMP_R     0x01u
#define PMP_W     0x02u
#define PMP_X     0x04u
#define PMP_OFF   0x00u
#define PMP_TOR   0x08u
#define PMP_NA4   0x10u
#define PMP_NAPOT 0x18u
#define PMP_L     0x80u

/* pmpaddr value for a naturally aligned power-of-two region (size >= 8). */
static inline uint32_t pmp_napot(uintptr_t base, uint32_t size)
{
    return (uint32_t)(base >> 2) | ((size / 2 - 1) >> 2);
}

static inline void pmp_set_addr(int i, uint32_t v)
{
    switch (i) {
    case 0: rt_csr_write(pmpaddr0, v); break;
    case 1: rt_csr_write(pmpaddr1, v); break;
    case 2: rt_csr_write(pmpaddr2, v); break;
    case 3: rt_csr_write(pmpaddr3, v); break;
    case 4: rt_csr_write(pmpaddr4, v); break;
    case 5: rt_csr_write(pmpaddr5, v); break;
    default: break;
    }
}

static inline uint32_t pmp_get_addr(int i)
{
    switch (i) {
    case 0: return rt_csr_read(pmpaddr0);
    case 1: return rt_csr_read(pmpaddr1);
    case 2: return rt_csr_read(pmpaddr2);
    case 3: return rt_csr_read(pmpaddr3);
    case 4: return rt_csr_read(pmpaddr4);
    case 5: return rt_csr_read(pmpaddr5);
    default: return 0;
    }
}

/* Sets the cfg byte of entry i (0-7), leaving the others alone. */
static inline void pmp_set_cfg(int i, uint32_t cfg)
{
    uint32_t shift = (uint32_t)(i & 3) * 8;
    uint32_t mask = 0xffu << shift;
    if (i < 4) {
        uint32_t v = (rt_csr_read(pmpcfg0) & ~mask) | (cfg << shift);
        rt_csr_write(pmpcfg0, v);
    } else {
        uint32_t v = (rt_csr_read(pmpcfg1) & ~mask) | (cfg << shift);
        rt_csr_write(pmpcfg1, v);
    }
}

#endif

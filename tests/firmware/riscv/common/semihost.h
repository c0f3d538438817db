/* RISC-V semihosting (the slli x0,x0,0x1f / ebreak / srai x0,x0,7 sequence
 * of the RISC-V semihosting spec; operation numbers from the Arm semihosting
 * specification). */
#ifndef SEMIHOST_H
#define SEMIHOST_H

#include <stdint.h>

#define SH_SYS_OPEN        0x01
#define SH_SYS_WRITEC      0x03
#define SH_SYS_WRITE0      0x04
#define SH_SYS_WRITE       0x05
#define SH_SYS_CLOCK       0x10
#define SH_SYS_TIME        0x11
#define SH_SYS_ERRNO       0x13
#define SH_SYS_HEAPINFO    0x16
#define SH_SYS_EXIT        0x18
#define SH_SYS_EXIT_EXTENDED 0x20

#define SH_ADP_Stopped_ApplicationExit 0x20026

/* One semihosting call (semihost.S): a0 = operation, a1 = argument. */
uint32_t sh_call(uint32_t op, uint32_t arg);

static inline uint32_t sh_call_block(uint32_t op, const uint32_t *block)
{
    return sh_call(op, (uint32_t)(uintptr_t)block);
}

/* SYS_OPEN of the special name ":tt" (Arm semihosting spec): mode 4 ("w")
 * gives the console's stdout, mode 8 ("a") its stderr. */
static inline uint32_t sh_open_tt(uint32_t mode)
{
    static const char tt[] = ":tt";
    uint32_t block[3] = { (uint32_t)(uintptr_t)tt, mode, 3 };
    return sh_call_block(SH_SYS_OPEN, block);
}

/* SYS_WRITE: returns the number of bytes NOT written (0 = all). */
static inline uint32_t sh_write(uint32_t handle, const void *buf, uint32_t len)
{
    uint32_t block[3] = { handle, (uint32_t)(uintptr_t)buf, len };
    return sh_call_block(SH_SYS_WRITE, block);
}

static inline void sh_exit_extended(uint32_t code)
{
    uint32_t block[2] = { SH_ADP_Stopped_ApplicationExit, code };
    sh_call_block(SH_SYS_EXIT_EXTENDED, block);
}

#endif

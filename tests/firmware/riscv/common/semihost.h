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

/* The three instructions must be uncompressed and stay together on one
 * page; the aligned block keeps them that way. */
static inline uint32_t sh_call(uint32_t op, uint32_t arg)
{
    register uint32_t a0 __asm__("a0") = op;
    register uint32_t a1 __asm__("a1") = arg;
    __asm__ volatile(
        ".option push\n"
        ".option norvc\n"
        ".balign 16\n"
        "slli x0, x0, 0x1f\n"
        "ebreak\n"
        "srai x0, x0, 7\n"
        ".option pop\n"
        : "+r"(a0) : "r"(a1) : "memory");
    return a0;
}

static inline uint32_t sh_call_block(uint32_t op, const uint32_t *block)
{
    return sh_call(op, (uint32_t)(uintptr_t)block);
}

#endif

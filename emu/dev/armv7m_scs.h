/*
 * emu/dev/armv7m_scs.h - the ARMv7-M System Control Space (0xE000E000):
 * NVIC, SCB, SysTick and DWT cycle counter, and the exception state they
 * share with the processor (ARMv7-M ARM DDI0403E, B1.5 and B3.2-B3.4).
 *
 * Wiring contract (devicetree node compatible "arm,armv7m-nvic"):
 *   MMIO  reg 0: the SCS, 0xE000E000 +0x1000 (ICTR, SysTick, NVIC, SCB,
 *         MPU_TYPE, STIR); reg 1 (optional): DWT at 0xE0001000 +0x1000;
 *         reg 2 (optional): CoreDebug DEMCR page (0xE000ED00 lies in reg 0).
 *   IRQ   interrupt-controller with #interrupt-cells = <1>: cell = external
 *         interrupt number 0..num-irq-1 (level-sensitive lines as QEMU's
 *         NVIC: a line held high re-pends its interrupt when it completes).
 *   props "arm,num-irq" (default 32, as QEMU mps2-an385), "arm,systick-
 *         refclk-hz" (external SysTick reference clock, default 1000000:
 *         QEMU 7.2 mps2 boards feed SysTick a 1 MHz reference clock),
 *         "arm,cpuid" (CPUID, default 0x410fc231: Cortex-M3 r0p1).
 *
 * The processor clock is the instruction clock: one cycle per retired
 * instruction.  SysTick with CLKSOURCE=1 and DWT CYCCNT count instructions.
 *
 * Ownership: this device owns the exception state (pending, active,
 * enabled, priorities) and the SCB registers; the ARMv7-M CPU
 * (emu/cpu/arm) finds it with armv7m_scs_find() and reads/writes it
 * directly.  The dependency is one way (dev never calls the CPU), so the
 * device links without the CPU model.
 *
 * FP extension registers (CPACR, FPCCR, FPCAR, FPDSCR, MVFR0/1 of a
 * Cortex-M4F) when the CPU has an FPU; without one (Cortex-M3) CPACR is
 * stored only and the others read as zero and ignore writes, as reserved
 * SCS space does, logged under -d unimp.  "arm,cpuid" gives CPUID (default the
 * Cortex-M3 value QEMU reports).
 *
 * Not modelled: MPU (MPU_TYPE reads 0: no regions), debug halting (DHCSR reads 0),
 * ITM/TPIU/FPB, DWT comparators (DWT_CTRL.NUMCOMP = 0), the sleep-on-exit
 * and SEVONPEND bits of SCR (stored only), AFSR (reads 0).
 */
#ifndef EMU_DEV_ARMV7M_SCS_H
#define EMU_DEV_ARMV7M_SCS_H

#include "emu/core/emu.h"
#include "downcounter.h"

#define ARMV7M_MAX_IRQ 240
#define ARMV7M_NVEC (16 + ARMV7M_MAX_IRQ)

/* Exception numbers (B1.5.2). */
enum {
    ARMV7M_EXC_RESET = 1, ARMV7M_EXC_NMI = 2, ARMV7M_EXC_HARDFAULT = 3,
    ARMV7M_EXC_MEMMANAGE = 4, ARMV7M_EXC_BUSFAULT = 5, ARMV7M_EXC_USAGEFAULT = 6,
    ARMV7M_EXC_SVCALL = 11, ARMV7M_EXC_DEBUGMON = 12, ARMV7M_EXC_PENDSV = 14,
    ARMV7M_EXC_SYSTICK = 15, ARMV7M_EXC_IRQ0 = 16,
};

/* CFSR bits (B3.2.15). */
enum {
    CFSR_IACCVIOL = 1u << 0, CFSR_DACCVIOL = 1u << 1, CFSR_MUNSTKERR = 1u << 3,
    CFSR_MSTKERR = 1u << 4, CFSR_MMARVALID = 1u << 7,
    CFSR_IBUSERR = 1u << 8, CFSR_PRECISERR = 1u << 9, CFSR_IMPRECISERR = 1u << 10,
    CFSR_MLSPERR = 1u << 5,
    CFSR_UNSTKERR = 1u << 11, CFSR_STKERR = 1u << 12, CFSR_LSPERR = 1u << 13,
    CFSR_BFARVALID = 1u << 15,
    CFSR_UNDEFINSTR = 1u << 16, CFSR_INVSTATE = 1u << 17, CFSR_INVPC = 1u << 18,
    CFSR_NOCP = 1u << 19, CFSR_UNALIGNED = 1u << 24, CFSR_DIVBYZERO = 1u << 25,
};
/* HFSR bits (B3.2.16) */
enum { HFSR_VECTTBL = 1u << 1, HFSR_FORCED = 1u << 30, HFSR_DEBUGEVT = 1u << 31 };
/* CCR bits (B3.2.8) */
enum {
    CCR_NONBASETHRDENA = 1u << 0, CCR_USERSETMPEND = 1u << 1,
    CCR_UNALIGN_TRP = 1u << 3, CCR_DIV_0_TRP = 1u << 4, CCR_BFHFNMIGN = 1u << 8,
    CCR_STKALIGN = 1u << 9,
};
/* SHCSR bits (B3.2.13) */
enum {
    SHCSR_MEMFAULTACT = 1u << 0, SHCSR_BUSFAULTACT = 1u << 1, SHCSR_USGFAULTACT = 1u << 3,
    SHCSR_SVCALLACT = 1u << 7, SHCSR_MONITORACT = 1u << 8, SHCSR_PENDSVACT = 1u << 10,
    SHCSR_SYSTICKACT = 1u << 11, SHCSR_USGFAULTPENDED = 1u << 12,
    SHCSR_MEMFAULTPENDED = 1u << 13, SHCSR_BUSFAULTPENDED = 1u << 14,
    SHCSR_SVCALLPENDED = 1u << 15, SHCSR_MEMFAULTENA = 1u << 16,
    SHCSR_BUSFAULTENA = 1u << 17, SHCSR_USGFAULTENA = 1u << 18,
};

/* FPCCR bits (B3.2.21, FP extension) */
enum {
    FPCCR_LSPACT = 1u << 0, FPCCR_USER = 1u << 1, FPCCR_THREAD = 1u << 3,
    FPCCR_HFRDY = 1u << 4, FPCCR_MMRDY = 1u << 5, FPCCR_BFRDY = 1u << 6,
    FPCCR_MONRDY = 1u << 8, FPCCR_LSPEN = 1u << 30, FPCCR_ASPEN = 1u << 31,
};

typedef struct ArmV7mScs {
    EmuMachine *m;
    unsigned num_irq;
    unsigned nvec;                  /* 16 + num_irq                          */
    /* exception state, by exception number */
    uint8_t pending[ARMV7M_NVEC];
    uint8_t active[ARMV7M_NVEC];
    uint8_t enabled[ARMV7M_NVEC];   /* external interrupts: ISER            */
    uint8_t level[ARMV7M_NVEC];     /* input line level (external)          */
    uint8_t prio[ARMV7M_NVEC];      /* raw 8-bit priority (configurable)    */
    unsigned nactive;
    uint32_t ipsr;                  /* current exception number: written by
                                       the CPU, read by ICSR.VECTACTIVE     */
    /* set when pending/enable/priority state changed: the CPU re-evaluates
     * interrupts at its next block boundary */
    volatile int changed;
    /* SCB */
    uint32_t vtor, prigroup, scr, ccr, cpacr;
    uint32_t cfsr, hfsr, dfsr, mmfar, bfar;
    uint32_t demcr;
    uint32_t cpuid;                 /* "arm,cpuid" (default Cortex-M3)       */
    /* FP extension (0xE000EF34-0xE000EF44): present when the CPU has an
     * FPU (the CPU sets has_fpu when it finds the SCS) */
    bool has_fpu;
    uint32_t fpccr, fpcar, fpdscr;
    /* SysTick (B3.3) */
    uint32_t syst_csr, syst_rvr;
    DownCounter syst;
    uint64_t refclk_hz;
    EmuTimer *syst_timer;
    /* DWT (C1.8): CYCCNT = cyc_base + cycles counted since cyc_start */
    uint32_t dwt_ctrl, cyc_base;
    uint64_t cyc_start;
    bool cyc_running;
} ArmV7mScs;

/* The SCS of a machine (NULL when the board has none). */
ArmV7mScs *armv7m_scs_find(EmuMachine *m);

/* Priority of exception `exc` as the architecture compares it: -3/-2/-1
 * for Reset/NMI/HardFault, else the raw 8-bit value (0..255). */
int armv7m_exc_prio(const ArmV7mScs *s, unsigned exc);
/* Group priority (PRIGROUP applied) of a raw priority value. */
int armv7m_group_prio(const ArmV7mScs *s, int prio);
/* Whether exception `exc` is enabled (faults: SHCSR; IRQs: ISER). */
bool armv7m_exc_enabled(const ArmV7mScs *s, unsigned exc);
/* Highest-priority pending and enabled exception: returns its number (0 if
 * none) and its group priority in *gprio. */
unsigned armv7m_pending_best(const ArmV7mScs *s, int *gprio);
/* Pend an exception (STIR, ISPR, ICSR, SysTick, fault escalation). */
void armv7m_set_pending(ArmV7mScs *s, unsigned exc);
/* Priority boost of the active exceptions: lowest group priority among
 * them, 256 when none is active (B1.5.4 "execution priority"). */
int armv7m_active_prio(const ArmV7mScs *s);
/* An external interrupt completed: a line still high pends it again. */
void armv7m_irq_completed(ArmV7mScs *s, unsigned exc);

extern const DevClass emu_dev_armv7m_nvic;

#endif

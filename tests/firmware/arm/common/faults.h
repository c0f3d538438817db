/* A fault handler for the fault tests: records the exception number, the
 * fault status registers and the stacked pc/xpsr, clears CFSR/HFSR
 * (write 1 to clear) and resumes: at the next instruction (fault_skip) or
 * at the stacked lr (fault_return_to_lr, for faults on a call target). */
#ifndef FAULTS_H
#define FAULTS_H

#include "rt.h"

typedef struct FaultRecord {
    uint32_t count, exc, cfsr, hfsr, bfar, mmfar, pc, xpsr;
} FaultRecord;

static volatile FaultRecord fault;
static volatile int fault_return_to_lr;

static void fault_handler(RtExcFrame *f, uint32_t exc, uint32_t exc_return)
{
    (void)exc_return;
    fault.count++;
    fault.exc = exc;
    fault.cfsr = RT_MMIO32(SCB_CFSR);
    fault.hfsr = RT_MMIO32(SCB_HFSR);
    fault.bfar = RT_MMIO32(SCB_BFAR);
    fault.mmfar = RT_MMIO32(SCB_MMFAR);
    fault.pc = f->pc;
    fault.xpsr = f->xpsr;
    RT_MMIO32(SCB_CFSR) = fault.cfsr;
    RT_MMIO32(SCB_HFSR) = fault.hfsr;
    if (fault_return_to_lr) {
        f->pc = f->lr & ~1u;
        f->xpsr |= 1u << 24;            /* back to Thumb state */
    } else {
        f->pc += rt_insn_len(f->pc);
    }
}

static inline void fault_install(void)
{
    rt_set_handler(EXC_HARDFAULT, fault_handler);
    rt_set_handler(EXC_MEMMANAGE, fault_handler);
    rt_set_handler(EXC_BUSFAULT, fault_handler);
    rt_set_handler(EXC_USAGEFAULT, fault_handler);
}

static inline void fault_reset(void)
{
    fault.count = fault.exc = fault.cfsr = fault.hfsr = 0;
    fault.bfar = fault.mmfar = fault.pc = fault.xpsr = 0;
    fault_return_to_lr = 0;
}

/* Address of a label placed just before the faulting instruction. */
#define HERE_LABEL(name) __asm__ volatile(".global " #name "\n" #name ":")

#endif

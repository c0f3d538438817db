/* MemManage IACCVIOL from the default memory map (no MPU region enabled):
 * executing in the Execute Never regions (peripheral 0x40000000, external
 * device 0xa0000000, system 0xe0000000; ARMv7-M ARM B3.1.1) raises
 * MemManage (exception 4) with CFSR = IACCVIOL, MMFAR not valid, stacked
 * pc = the target; with SHCSR.MEMFAULTENA clear it escalates to HardFault
 * (HFSR.FORCED).  Code copied to SRAM (0x20000000, executable) runs. */
#include "faults.h"

#define CFSR_IACCVIOL 1u

static uint16_t ram_code[8] __attribute__((aligned(4)));

static void call(uint32_t target)
{
    __asm__ volatile("blx %0" :: "r"(target) : "r0", "r1", "r2", "r3", "r12", "lr", "memory");
}

int main(void)
{
    static const uint32_t xn[] = {0x40000000u, 0xa0000000u, 0xe0000000u};
    fault_install();
    RT_MMIO32(SCB_SHCSR) |= SHCSR_MEMFAULTENA;
    for (unsigned i = 0; i < 3; i++) {
        fault_reset();
        fault_return_to_lr = 1;
        call(xn[i] | 1u);
        rt_print_val("execute at", xn[i]);
        rt_check(" count", fault.count, 1);
        rt_check(" exc", fault.exc, EXC_MEMMANAGE);
        rt_check(" CFSR", fault.cfsr, CFSR_IACCVIOL);
        rt_check(" stacked pc", fault.pc, xn[i]);
    }
    RT_MMIO32(SCB_SHCSR) &= ~SHCSR_MEMFAULTENA;
    fault_reset();
    fault_return_to_lr = 1;
    call(0x40000001u);
    rt_check("disabled: exc", fault.exc, EXC_HARDFAULT);
    rt_check("disabled: HFSR", fault.hfsr, HFSR_FORCED);
    rt_check("disabled: CFSR", fault.cfsr, CFSR_IACCVIOL);

    /* movs r0, #0x2a; bx lr  in SRAM */
    ram_code[0] = 0x202a;
    ram_code[1] = 0x4770;
    __asm__ volatile("dsb\n\tisb" ::: "memory");
    uint32_t (*fn)(void) = (uint32_t (*)(void))((uintptr_t)ram_code | 1u);
    fault_reset();
    rt_check("code in SRAM returns", fn(), 0x2a);
    rt_check("code in SRAM: no fault", fault.count, 0);
    return rt_done();
}

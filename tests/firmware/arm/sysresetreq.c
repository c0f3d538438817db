/* AIRCR.SYSRESETREQ resets the system: execution restarts at the reset
 * vector with the system registers at their reset values (VTOR, SHCSR,
 * CCR.DIV_0_TRP, NVIC enables and priorities, BASEPRI) while RAM keeps
 * its contents: a word in .noinit (not cleared by rt_reset) tells the
 * second boot from the first.  Writes without VECTKEY (0x05fa) are
 * ignored.  (An emulator starts with RAM zeroed, so the first boot sees
 * no marker.) */
#include "rt.h"

#define MAGIC 0x5e7b007au
static uint32_t boot_marker __attribute__((section(".noinit")));
static uint32_t boot_count __attribute__((section(".noinit")));
static uint32_t ram_table[64] __attribute__((aligned(256)));

int main(void)
{
    if (boot_marker != MAGIC) {
        boot_marker = MAGIC;
        boot_count = 1;
        rt_puts("first boot: changing system registers\n");
        for (int i = 0; i < 48; i++)
            ram_table[i] = rt_vectors[i];
        RT_MMIO32(SCB_VTOR) = (uint32_t)(uintptr_t)ram_table;
        RT_MMIO32(SCB_SHCSR) |= SHCSR_USGFAULTENA | SHCSR_BUSFAULTENA;
        RT_MMIO32(SCB_CCR) |= CCR_DIV_0_TRP;
        rt_nvic_priority(5, 0x80);
        RT_MMIO32(NVIC_ISER) = 1u << 5;
        rt_set_basepri(0x40);
        RT_MMIO32(SCB_AIRCR) = 0x12340004u;         /* wrong key: ignored */
        rt_isb();
        rt_puts("still running after a keyless write\n");
        RT_MMIO32(SCB_AIRCR) = 0x05fa0004u;         /* VECTKEY | SYSRESETREQ */
        __asm__ volatile("dsb" ::: "memory");
        for (;;)
            __asm__ volatile("nop");
    }
    boot_count++;
    rt_puts("second boot\n");
    rt_check("boot count", boot_count, 2);
    rt_check("VTOR", RT_MMIO32(SCB_VTOR), 0);
    rt_check("SHCSR", RT_MMIO32(SCB_SHCSR), 0);
    rt_check("CCR.DIV_0_TRP", RT_MMIO32(SCB_CCR) & CCR_DIV_0_TRP, 0);
    rt_check("ISER", RT_MMIO32(NVIC_ISER), 0);
    rt_check("IPR 5", RT_MMIO8(NVIC_IPR + 5), 0);
    rt_check("BASEPRI", rt_basepri(), 0);
    rt_check("CONTROL", rt_control(), 0);
    boot_marker = 0;
    return rt_done();
}

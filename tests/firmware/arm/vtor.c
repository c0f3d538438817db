/* VTOR relocation: the vector table is copied to RAM (aligned to 256
 * bytes: 48 entries rounded up to a power of two), two entries replaced,
 * VTOR pointed at it: SVC and IRQ 29 then go through the RAM table's
 * handlers (plain AAPCS functions: an exception handler needs no special
 * prologue on M-profile); VTOR back to 0 restores the ROM table. */
#include "rt.h"

static uint32_t ram_table[64] __attribute__((aligned(256)));
static volatile uint32_t ram_svc_hits, ram_irq_hits, rom_svc_hits, ram_irq_ipsr;

static void ram_svc(void)
{
    ram_svc_hits++;
}

static void ram_irq29(void)
{
    ram_irq_hits++;
    ram_irq_ipsr = rt_ipsr();
}

static void rom_svc(RtExcFrame *f, uint32_t exc, uint32_t r)
{
    (void)f; (void)exc; (void)r;
    rom_svc_hits++;
}

int main(void)
{
    rt_set_handler(EXC_SVC, rom_svc);
    rt_check("VTOR at reset", RT_MMIO32(SCB_VTOR), 0);
    rt_check("ROM table sp", rt_vectors[0], 0x20400000);
    __asm__ volatile("svc #0" ::: "memory");
    rt_check("rom svc", rom_svc_hits, 1);

    for (int i = 0; i < 48; i++)
        ram_table[i] = rt_vectors[i];
    ram_table[EXC_SVC] = (uint32_t)(uintptr_t)ram_svc;
    ram_table[EXC_IRQ(29)] = (uint32_t)(uintptr_t)ram_irq29;
    __asm__ volatile("dsb" ::: "memory");
    RT_MMIO32(SCB_VTOR) = (uint32_t)(uintptr_t)ram_table;
    rt_isb();
    rt_check("VTOR readback", RT_MMIO32(SCB_VTOR) - (uint32_t)(uintptr_t)ram_table, 0);
    __asm__ volatile("svc #0" ::: "memory");
    __asm__ volatile("svc #0" ::: "memory");
    rt_check("ram svc", ram_svc_hits, 2);
    rt_check("rom svc untouched", rom_svc_hits, 1);
    rt_nvic_enable(29);
    rt_nvic_pend(29);
    rt_check("ram irq29", ram_irq_hits, 1);
    rt_check("ram irq29 ipsr", ram_irq_ipsr, EXC_IRQ(29));

    RT_MMIO32(SCB_VTOR) = 0;
    rt_isb();
    __asm__ volatile("svc #0" ::: "memory");
    rt_check("rom svc again", rom_svc_hits, 2);
    rt_check("ram svc unchanged", ram_svc_hits, 2);
    return rt_done();
}

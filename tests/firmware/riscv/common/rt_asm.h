/* Layout of RtTrapFrame (rt.h), shared by start.S and the assembly tests. */
#ifndef RT_ASM_H
#define RT_ASM_H
#define RT_FRAME_MCAUSE  (32 * 4)
#define RT_FRAME_MEPC    (33 * 4)
#define RT_FRAME_MTVAL   (34 * 4)
#define RT_FRAME_MSTATUS (35 * 4)
#define RT_FRAME_SIZE    (36 * 4)

/* a7 value of the ecall that ends rt_run_user()'s U-mode function. */
#define RT_ECALL_EXIT_USER 0x7e5

/* Board addresses (QEMU virt). */
#define RT_UART_BASE     0x10000000
#define RT_FINISHER      0x00100000
#define RT_CLINT_BASE    0x02000000
#define RT_PLIC_BASE     0x0c000000
#endif

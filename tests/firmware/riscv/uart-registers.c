/* The NS16550A register file as firmware drivers use it: scratch register,
 * divisor latch behind LCR.DLAB, LCR/IER read back, LSR idle value
 * (THR empty, transmitter empty), IIR without and with FIFOs enabled, and
 * output still working after the reconfiguration. */
#include "rt.h"

#define U(r) RT_MMIO8(RT_UART_BASE + (r))
enum { RBR_THR_DLL = 0, IER_DLM = 1, IIR_FCR = 2, LCR = 3, MCR = 4, LSR = 5, MSR = 6, SCR = 7 };

int main(void)
{
    U(SCR) = 0xa5;
    rt_check("scratch", U(SCR), 0xa5);
    U(SCR) = 0x5a;
    rt_check("scratch again", U(SCR), 0x5a);
    rt_check("LSR idle (THRE|TEMT)", U(LSR) & 0x60, 0x60);
    rt_check("LSR no data ready", U(LSR) & 0x01, 0);
    rt_check("IIR no interrupt, no FIFO", U(IIR_FCR), 0x01);

    /* While DLAB is set, offset 0 is the divisor latch, not THR: nothing
     * may be printed until it is cleared. */
    U(LCR) = 0x83;                      /* DLAB, 8N1 */
    uint8_t lcr = U(LCR);
    U(RBR_THR_DLL) = 0x0c;              /* 9600 baud at 1.8432 MHz */
    U(IER_DLM) = 0x01;
    uint8_t dll = U(RBR_THR_DLL), dlm = U(IER_DLM);
    U(IER_DLM) = 0x00;
    U(LCR) = 0x03;                      /* DLAB off, 8N1 */
    rt_check("LCR with DLAB", lcr, 0x83);
    rt_check("DLL", dll, 0x0c);
    rt_check("DLM", dlm, 0x01);
    rt_check("LCR 8N1", U(LCR), 0x03);
    U(IER_DLM) = 0x00;
    rt_check("IER", U(IER_DLM), 0x00);
    U(IIR_FCR) = 0x07;                  /* enable and reset FIFOs */
    rt_check("IIR with FIFOs", U(IIR_FCR), 0xc1);
    U(MCR) = 0x03;
    rt_check("MCR", U(MCR), 0x03);
    rt_puts("output after reconfiguration\n");
    return rt_done();
}

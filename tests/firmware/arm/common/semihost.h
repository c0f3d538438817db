/* ARM semihosting operation numbers (Arm "Semihosting for AArch32 and
 * AArch64", version 2.0) used by the tests; the call is rt_semihost(op,
 * arg) in rt.h (BKPT 0xAB, r0 = op, r1 = arg or parameter block). */
#ifndef SEMIHOST_H
#define SEMIHOST_H

#define SYS_OPEN          0x01
#define SYS_CLOSE         0x02
#define SYS_WRITEC        0x03
#define SYS_WRITE0        0x04
#define SYS_WRITE         0x05
#define SYS_READ          0x06
#define SYS_ISTTY         0x09
#define SYS_FLEN          0x0c
#define SYS_CLOCK         0x10
#define SYS_TIME          0x11
#define SYS_ERRNO         0x13
#define SYS_HEAPINFO      0x16
#define SYS_EXIT          0x18
#define SYS_EXIT_EXTENDED 0x20

#define ADP_Stopped_ApplicationExit 0x20026u

#endif

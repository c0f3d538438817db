/* Data-processing and branch forms the interpreter has dedicated handlers
 * for (emu/cpu/arm/arm_exec.c): AND/EOR/ORR/BIC/ADD/SUB/RSB/MOV with the
 * second register shifted by LSL/LSR/ASR #n (including LSR/ASR #32),
 * which leave the flags alone; ANDS/EORS/ORRS/BICS/MVNS/TST on an
 * unshifted register (N and Z from the result, C and V kept: A7.7.9,
 * shift 0 gives carry = C); every condition EQ..LE taken and not taken,
 * as B<c> and as an IT condition.  Expected values from the shift and
 * condition definitions (A7.4.2, A7.3). */
#include "asmtest.h"

ASM_MAIN_ENTER
    ldr r4, =0x9e3779b9
    ldr r5, =0x87654321
    SETF(0x60000000)
    and.w r6, r4, r5, lsl #5
    mrs r7, apsr
    CHECK("and lsl #5", r6, 0x8c206020)
    CHECKF("and lsl #5", r7, 0x60000000)
    SETF(0x60000000)
    and.w r6, r4, r5, lsr #7
    mrs r7, apsr
    CHECK("and lsr #7", r6, 0x00064880)
    CHECKF("and lsr #7", r7, 0x60000000)
    SETF(0x60000000)
    and.w r6, r4, r5, asr #9
    mrs r7, apsr
    CHECK("and asr #9", r6, 0x9e0330a1)
    CHECKF("and asr #9", r7, 0x60000000)
    SETF(0x60000000)
    and.w r6, r4, r5, lsr #32
    mrs r7, apsr
    CHECK("and lsr #32", r6, 0x00000000)
    CHECKF("and lsr #32", r7, 0x60000000)
    SETF(0x60000000)
    and.w r6, r4, r5, asr #32
    mrs r7, apsr
    CHECK("and asr #32", r6, 0x9e3779b9)
    CHECKF("and asr #32", r7, 0x60000000)
    POOL
    SETF(0x60000000)
    eor.w r6, r4, r5, lsl #5
    mrs r7, apsr
    CHECK("eor lsl #5", r6, 0x729f1d99)
    CHECKF("eor lsl #5", r7, 0x60000000)
    SETF(0x60000000)
    eor.w r6, r4, r5, lsr #7
    mrs r7, apsr
    CHECK("eor lsr #7", r6, 0x9f39b33f)
    CHECKF("eor lsr #7", r7, 0x60000000)
    SETF(0x60000000)
    eor.w r6, r4, r5, asr #9
    mrs r7, apsr
    CHECK("eor asr #9", r6, 0x61f4cb18)
    CHECKF("eor asr #9", r7, 0x60000000)
    SETF(0x60000000)
    eor.w r6, r4, r5, lsr #32
    mrs r7, apsr
    CHECK("eor lsr #32", r6, 0x9e3779b9)
    CHECKF("eor lsr #32", r7, 0x60000000)
    SETF(0x60000000)
    eor.w r6, r4, r5, asr #32
    mrs r7, apsr
    CHECK("eor asr #32", r6, 0x61c88646)
    CHECKF("eor asr #32", r7, 0x60000000)
    POOL
    SETF(0x60000000)
    orr.w r6, r4, r5, lsl #5
    mrs r7, apsr
    CHECK("orr lsl #5", r6, 0xfebf7db9)
    CHECKF("orr lsl #5", r7, 0x60000000)
    SETF(0x60000000)
    orr.w r6, r4, r5, lsr #7
    mrs r7, apsr
    CHECK("orr lsr #7", r6, 0x9f3ffbbf)
    CHECKF("orr lsr #7", r7, 0x60000000)
    SETF(0x60000000)
    orr.w r6, r4, r5, asr #9
    mrs r7, apsr
    CHECK("orr asr #9", r6, 0xfff7fbb9)
    CHECKF("orr asr #9", r7, 0x60000000)
    SETF(0x60000000)
    orr.w r6, r4, r5, lsr #32
    mrs r7, apsr
    CHECK("orr lsr #32", r6, 0x9e3779b9)
    CHECKF("orr lsr #32", r7, 0x60000000)
    SETF(0x60000000)
    orr.w r6, r4, r5, asr #32
    mrs r7, apsr
    CHECK("orr asr #32", r6, 0xffffffff)
    CHECKF("orr asr #32", r7, 0x60000000)
    POOL
    SETF(0x60000000)
    bic.w r6, r4, r5, lsl #5
    mrs r7, apsr
    CHECK("bic lsl #5", r6, 0x12171999)
    CHECKF("bic lsl #5", r7, 0x60000000)
    SETF(0x60000000)
    bic.w r6, r4, r5, lsr #7
    mrs r7, apsr
    CHECK("bic lsr #7", r6, 0x9e313139)
    CHECKF("bic lsr #7", r7, 0x60000000)
    SETF(0x60000000)
    bic.w r6, r4, r5, asr #9
    mrs r7, apsr
    CHECK("bic asr #9", r6, 0x00344918)
    CHECKF("bic asr #9", r7, 0x60000000)
    SETF(0x60000000)
    bic.w r6, r4, r5, lsr #32
    mrs r7, apsr
    CHECK("bic lsr #32", r6, 0x9e3779b9)
    CHECKF("bic lsr #32", r7, 0x60000000)
    SETF(0x60000000)
    bic.w r6, r4, r5, asr #32
    mrs r7, apsr
    CHECK("bic asr #32", r6, 0x00000000)
    CHECKF("bic asr #32", r7, 0x60000000)
    POOL
    SETF(0x60000000)
    add.w r6, r4, r5, lsl #5
    mrs r7, apsr
    CHECK("add lsl #5", r6, 0x8adfddd9)
    CHECKF("add lsl #5", r7, 0x60000000)
    SETF(0x60000000)
    add.w r6, r4, r5, lsr #7
    mrs r7, apsr
    CHECK("add lsr #7", r6, 0x9f46443f)
    CHECKF("add lsr #7", r7, 0x60000000)
    SETF(0x60000000)
    add.w r6, r4, r5, asr #9
    mrs r7, apsr
    CHECK("add asr #9", r6, 0x9dfb2c5a)
    CHECKF("add asr #9", r7, 0x60000000)
    SETF(0x60000000)
    add.w r6, r4, r5, lsr #32
    mrs r7, apsr
    CHECK("add lsr #32", r6, 0x9e3779b9)
    CHECKF("add lsr #32", r7, 0x60000000)
    SETF(0x60000000)
    add.w r6, r4, r5, asr #32
    mrs r7, apsr
    CHECK("add asr #32", r6, 0x9e3779b8)
    CHECKF("add asr #32", r7, 0x60000000)
    POOL
    SETF(0x60000000)
    sub.w r6, r4, r5, lsl #5
    mrs r7, apsr
    CHECK("sub lsl #5", r6, 0xb18f1599)
    CHECKF("sub lsl #5", r7, 0x60000000)
    SETF(0x60000000)
    sub.w r6, r4, r5, lsr #7
    mrs r7, apsr
    CHECK("sub lsr #7", r6, 0x9d28af33)
    CHECKF("sub lsr #7", r7, 0x60000000)
    SETF(0x60000000)
    sub.w r6, r4, r5, asr #9
    mrs r7, apsr
    CHECK("sub asr #9", r6, 0x9e73c718)
    CHECKF("sub asr #9", r7, 0x60000000)
    SETF(0x60000000)
    sub.w r6, r4, r5, lsr #32
    mrs r7, apsr
    CHECK("sub lsr #32", r6, 0x9e3779b9)
    CHECKF("sub lsr #32", r7, 0x60000000)
    SETF(0x60000000)
    sub.w r6, r4, r5, asr #32
    mrs r7, apsr
    CHECK("sub asr #32", r6, 0x9e3779ba)
    CHECKF("sub asr #32", r7, 0x60000000)
    POOL
    SETF(0x60000000)
    rsb.w r6, r4, r5, lsl #5
    mrs r7, apsr
    CHECK("rsb lsl #5", r6, 0x4e70ea67)
    CHECKF("rsb lsl #5", r7, 0x60000000)
    SETF(0x60000000)
    rsb.w r6, r4, r5, lsr #7
    mrs r7, apsr
    CHECK("rsb lsr #7", r6, 0x62d750cd)
    CHECKF("rsb lsr #7", r7, 0x60000000)
    SETF(0x60000000)
    rsb.w r6, r4, r5, asr #9
    mrs r7, apsr
    CHECK("rsb asr #9", r6, 0x618c38e8)
    CHECKF("rsb asr #9", r7, 0x60000000)
    SETF(0x60000000)
    rsb.w r6, r4, r5, lsr #32
    mrs r7, apsr
    CHECK("rsb lsr #32", r6, 0x61c88647)
    CHECKF("rsb lsr #32", r7, 0x60000000)
    SETF(0x60000000)
    rsb.w r6, r4, r5, asr #32
    mrs r7, apsr
    CHECK("rsb asr #32", r6, 0x61c88646)
    CHECKF("rsb asr #32", r7, 0x60000000)
    POOL
    SETF(0x60000000)
    mov.w r6, r5, lsl #3
    mrs r7, apsr
    CHECK("mov lsl #3", r6, 0x3b2a1908)
    CHECKF("mov lsl #3", r7, 0x60000000)
    SETF(0x60000000)
    mov.w r6, r5, lsr #31
    mrs r7, apsr
    CHECK("mov lsr #31", r6, 0x00000001)
    CHECKF("mov lsr #31", r7, 0x60000000)
    SETF(0x60000000)
    mov.w r6, r5, asr #4
    mrs r7, apsr
    CHECK("mov asr #4", r6, 0xf8765432)
    CHECKF("mov asr #4", r7, 0x60000000)
    SETF(0x60000000)
    mov.w r6, r5, lsr #32
    mrs r7, apsr
    CHECK("mov lsr #32", r6, 0x00000000)
    CHECKF("mov lsr #32", r7, 0x60000000)
    SETF(0x60000000)
    mov.w r6, r5, asr #32
    mrs r7, apsr
    CHECK("mov asr #32", r6, 0xffffffff)
    CHECKF("mov asr #32", r7, 0x60000000)
    POOL
    ldr r6, =0x9e3779b9
    ldr r5, =0x87654321
    SETF(0x30000000)
    ands r6, r5
    mrs r7, apsr
    CHECK("ands 0x9e3779b9,0x87654321", r6, 0x86254121)
    CHECKF("ands 0x9e3779b9,0x87654321", r7, 0xb0000000)
    ldr r6, =0x0f0f0000
    ldr r5, =0xf0f0ffff
    SETF(0x20000000)
    ands r6, r5
    mrs r7, apsr
    CHECK("ands 0x0f0f0000,0xf0f0ffff", r6, 0x00000000)
    CHECKF("ands 0x0f0f0000,0xf0f0ffff", r7, 0x60000000)
    ldr r6, =0x00000000
    ldr r5, =0x00000000
    SETF(0x10000000)
    ands r6, r5
    mrs r7, apsr
    CHECK("ands 0x00000000,0x00000000", r6, 0x00000000)
    CHECKF("ands 0x00000000,0x00000000", r7, 0x50000000)
    POOL
    ldr r6, =0x9e3779b9
    ldr r5, =0x87654321
    SETF(0x30000000)
    eors r6, r5
    mrs r7, apsr
    CHECK("eors 0x9e3779b9,0x87654321", r6, 0x19523a98)
    CHECKF("eors 0x9e3779b9,0x87654321", r7, 0x30000000)
    ldr r6, =0x0f0f0000
    ldr r5, =0xf0f0ffff
    SETF(0x20000000)
    eors r6, r5
    mrs r7, apsr
    CHECK("eors 0x0f0f0000,0xf0f0ffff", r6, 0xffffffff)
    CHECKF("eors 0x0f0f0000,0xf0f0ffff", r7, 0xa0000000)
    ldr r6, =0x00000000
    ldr r5, =0x00000000
    SETF(0x10000000)
    eors r6, r5
    mrs r7, apsr
    CHECK("eors 0x00000000,0x00000000", r6, 0x00000000)
    CHECKF("eors 0x00000000,0x00000000", r7, 0x50000000)
    POOL
    ldr r6, =0x9e3779b9
    ldr r5, =0x87654321
    SETF(0x30000000)
    orrs r6, r5
    mrs r7, apsr
    CHECK("orrs 0x9e3779b9,0x87654321", r6, 0x9f777bb9)
    CHECKF("orrs 0x9e3779b9,0x87654321", r7, 0xb0000000)
    ldr r6, =0x0f0f0000
    ldr r5, =0xf0f0ffff
    SETF(0x20000000)
    orrs r6, r5
    mrs r7, apsr
    CHECK("orrs 0x0f0f0000,0xf0f0ffff", r6, 0xffffffff)
    CHECKF("orrs 0x0f0f0000,0xf0f0ffff", r7, 0xa0000000)
    ldr r6, =0x00000000
    ldr r5, =0x00000000
    SETF(0x10000000)
    orrs r6, r5
    mrs r7, apsr
    CHECK("orrs 0x00000000,0x00000000", r6, 0x00000000)
    CHECKF("orrs 0x00000000,0x00000000", r7, 0x50000000)
    POOL
    ldr r6, =0x9e3779b9
    ldr r5, =0x87654321
    SETF(0x30000000)
    bics r6, r5
    mrs r7, apsr
    CHECK("bics 0x9e3779b9,0x87654321", r6, 0x18123898)
    CHECKF("bics 0x9e3779b9,0x87654321", r7, 0x30000000)
    ldr r6, =0x0f0f0000
    ldr r5, =0xf0f0ffff
    SETF(0x20000000)
    bics r6, r5
    mrs r7, apsr
    CHECK("bics 0x0f0f0000,0xf0f0ffff", r6, 0x0f0f0000)
    CHECKF("bics 0x0f0f0000,0xf0f0ffff", r7, 0x20000000)
    ldr r6, =0x00000000
    ldr r5, =0x00000000
    SETF(0x10000000)
    bics r6, r5
    mrs r7, apsr
    CHECK("bics 0x00000000,0x00000000", r6, 0x00000000)
    CHECKF("bics 0x00000000,0x00000000", r7, 0x50000000)
    POOL
    ldr r6, =0x9e3779b9
    ldr r5, =0x87654321
    SETF(0x30000000)
    mvns r6, r5
    mrs r7, apsr
    CHECK("mvns 0x9e3779b9,0x87654321", r6, 0x789abcde)
    CHECKF("mvns 0x9e3779b9,0x87654321", r7, 0x30000000)
    ldr r6, =0x0f0f0000
    ldr r5, =0xf0f0ffff
    SETF(0x20000000)
    mvns r6, r5
    mrs r7, apsr
    CHECK("mvns 0x0f0f0000,0xf0f0ffff", r6, 0x0f0f0000)
    CHECKF("mvns 0x0f0f0000,0xf0f0ffff", r7, 0x20000000)
    ldr r6, =0x00000000
    ldr r5, =0x00000000
    SETF(0x10000000)
    mvns r6, r5
    mrs r7, apsr
    CHECK("mvns 0x00000000,0x00000000", r6, 0xffffffff)
    CHECKF("mvns 0x00000000,0x00000000", r7, 0x90000000)
    POOL
    ldr r6, =0x9e3779b9
    ldr r5, =0x87654321
    SETF(0x30000000)
    tst r6, r5
    mrs r7, apsr
    CHECKF("tst 0x9e3779b9,0x87654321", r7, 0xb0000000)
    ldr r6, =0x0f0f0000
    ldr r5, =0xf0f0ffff
    SETF(0x20000000)
    tst r6, r5
    mrs r7, apsr
    CHECKF("tst 0x0f0f0000,0xf0f0ffff", r7, 0x60000000)
    ldr r6, =0x00000000
    ldr r5, =0x00000000
    SETF(0x10000000)
    tst r6, r5
    mrs r7, apsr
    CHECKF("tst 0x00000000,0x00000000", r7, 0x50000000)
    POOL
    movs r6, #0
    SETF(0x40000000)
    beq 1f
    b 2f
1:  movs r6, #1
2:  CHECK("beq nzcv=4", r6, 1)
    movs r6, #0
    SETF(0x40000000)
    it eq
    moveq r6, #1
    CHECK("it eq nzcv=4", r6, 1)
    movs r6, #0
    SETF(0xb0000000)
    beq 1f
    b 2f
1:  movs r6, #1
2:  CHECK("beq nzcv=b", r6, 0)
    movs r6, #0
    SETF(0xb0000000)
    it eq
    moveq r6, #1
    CHECK("it eq nzcv=b", r6, 0)
    POOL
    movs r6, #0
    SETF(0x00000000)
    bne 1f
    b 2f
1:  movs r6, #1
2:  CHECK("bne nzcv=0", r6, 1)
    movs r6, #0
    SETF(0x00000000)
    it ne
    movne r6, #1
    CHECK("it ne nzcv=0", r6, 1)
    movs r6, #0
    SETF(0xf0000000)
    bne 1f
    b 2f
1:  movs r6, #1
2:  CHECK("bne nzcv=f", r6, 0)
    movs r6, #0
    SETF(0xf0000000)
    it ne
    movne r6, #1
    CHECK("it ne nzcv=f", r6, 0)
    POOL
    movs r6, #0
    SETF(0x20000000)
    bcs 1f
    b 2f
1:  movs r6, #1
2:  CHECK("bcs nzcv=2", r6, 1)
    movs r6, #0
    SETF(0x20000000)
    it cs
    movcs r6, #1
    CHECK("it cs nzcv=2", r6, 1)
    movs r6, #0
    SETF(0xd0000000)
    bcs 1f
    b 2f
1:  movs r6, #1
2:  CHECK("bcs nzcv=d", r6, 0)
    movs r6, #0
    SETF(0xd0000000)
    it cs
    movcs r6, #1
    CHECK("it cs nzcv=d", r6, 0)
    POOL
    movs r6, #0
    SETF(0x00000000)
    bcc 1f
    b 2f
1:  movs r6, #1
2:  CHECK("bcc nzcv=0", r6, 1)
    movs r6, #0
    SETF(0x00000000)
    it cc
    movcc r6, #1
    CHECK("it cc nzcv=0", r6, 1)
    movs r6, #0
    SETF(0xf0000000)
    bcc 1f
    b 2f
1:  movs r6, #1
2:  CHECK("bcc nzcv=f", r6, 0)
    movs r6, #0
    SETF(0xf0000000)
    it cc
    movcc r6, #1
    CHECK("it cc nzcv=f", r6, 0)
    POOL
    movs r6, #0
    SETF(0x80000000)
    bmi 1f
    b 2f
1:  movs r6, #1
2:  CHECK("bmi nzcv=8", r6, 1)
    movs r6, #0
    SETF(0x80000000)
    it mi
    movmi r6, #1
    CHECK("it mi nzcv=8", r6, 1)
    movs r6, #0
    SETF(0x70000000)
    bmi 1f
    b 2f
1:  movs r6, #1
2:  CHECK("bmi nzcv=7", r6, 0)
    movs r6, #0
    SETF(0x70000000)
    it mi
    movmi r6, #1
    CHECK("it mi nzcv=7", r6, 0)
    POOL
    movs r6, #0
    SETF(0x00000000)
    bpl 1f
    b 2f
1:  movs r6, #1
2:  CHECK("bpl nzcv=0", r6, 1)
    movs r6, #0
    SETF(0x00000000)
    it pl
    movpl r6, #1
    CHECK("it pl nzcv=0", r6, 1)
    movs r6, #0
    SETF(0xf0000000)
    bpl 1f
    b 2f
1:  movs r6, #1
2:  CHECK("bpl nzcv=f", r6, 0)
    movs r6, #0
    SETF(0xf0000000)
    it pl
    movpl r6, #1
    CHECK("it pl nzcv=f", r6, 0)
    POOL
    movs r6, #0
    SETF(0x10000000)
    bvs 1f
    b 2f
1:  movs r6, #1
2:  CHECK("bvs nzcv=1", r6, 1)
    movs r6, #0
    SETF(0x10000000)
    it vs
    movvs r6, #1
    CHECK("it vs nzcv=1", r6, 1)
    movs r6, #0
    SETF(0xe0000000)
    bvs 1f
    b 2f
1:  movs r6, #1
2:  CHECK("bvs nzcv=e", r6, 0)
    movs r6, #0
    SETF(0xe0000000)
    it vs
    movvs r6, #1
    CHECK("it vs nzcv=e", r6, 0)
    POOL
    movs r6, #0
    SETF(0x00000000)
    bvc 1f
    b 2f
1:  movs r6, #1
2:  CHECK("bvc nzcv=0", r6, 1)
    movs r6, #0
    SETF(0x00000000)
    it vc
    movvc r6, #1
    CHECK("it vc nzcv=0", r6, 1)
    movs r6, #0
    SETF(0xf0000000)
    bvc 1f
    b 2f
1:  movs r6, #1
2:  CHECK("bvc nzcv=f", r6, 0)
    movs r6, #0
    SETF(0xf0000000)
    it vc
    movvc r6, #1
    CHECK("it vc nzcv=f", r6, 0)
    POOL
    movs r6, #0
    SETF(0x20000000)
    bhi 1f
    b 2f
1:  movs r6, #1
2:  CHECK("bhi nzcv=2", r6, 1)
    movs r6, #0
    SETF(0x20000000)
    it hi
    movhi r6, #1
    CHECK("it hi nzcv=2", r6, 1)
    movs r6, #0
    SETF(0xf0000000)
    bhi 1f
    b 2f
1:  movs r6, #1
2:  CHECK("bhi nzcv=f", r6, 0)
    movs r6, #0
    SETF(0xf0000000)
    it hi
    movhi r6, #1
    CHECK("it hi nzcv=f", r6, 0)
    POOL
    movs r6, #0
    SETF(0x00000000)
    bls 1f
    b 2f
1:  movs r6, #1
2:  CHECK("bls nzcv=0", r6, 1)
    movs r6, #0
    SETF(0x00000000)
    it ls
    movls r6, #1
    CHECK("it ls nzcv=0", r6, 1)
    movs r6, #0
    SETF(0xb0000000)
    bls 1f
    b 2f
1:  movs r6, #1
2:  CHECK("bls nzcv=b", r6, 0)
    movs r6, #0
    SETF(0xb0000000)
    it ls
    movls r6, #1
    CHECK("it ls nzcv=b", r6, 0)
    POOL
    movs r6, #0
    SETF(0x00000000)
    bge 1f
    b 2f
1:  movs r6, #1
2:  CHECK("bge nzcv=0", r6, 1)
    movs r6, #0
    SETF(0x00000000)
    it ge
    movge r6, #1
    CHECK("it ge nzcv=0", r6, 1)
    movs r6, #0
    SETF(0xe0000000)
    bge 1f
    b 2f
1:  movs r6, #1
2:  CHECK("bge nzcv=e", r6, 0)
    movs r6, #0
    SETF(0xe0000000)
    it ge
    movge r6, #1
    CHECK("it ge nzcv=e", r6, 0)
    POOL
    movs r6, #0
    SETF(0x10000000)
    blt 1f
    b 2f
1:  movs r6, #1
2:  CHECK("blt nzcv=1", r6, 1)
    movs r6, #0
    SETF(0x10000000)
    it lt
    movlt r6, #1
    CHECK("it lt nzcv=1", r6, 1)
    movs r6, #0
    SETF(0xf0000000)
    blt 1f
    b 2f
1:  movs r6, #1
2:  CHECK("blt nzcv=f", r6, 0)
    movs r6, #0
    SETF(0xf0000000)
    it lt
    movlt r6, #1
    CHECK("it lt nzcv=f", r6, 0)
    POOL
    movs r6, #0
    SETF(0x00000000)
    bgt 1f
    b 2f
1:  movs r6, #1
2:  CHECK("bgt nzcv=0", r6, 1)
    movs r6, #0
    SETF(0x00000000)
    it gt
    movgt r6, #1
    CHECK("it gt nzcv=0", r6, 1)
    movs r6, #0
    SETF(0xf0000000)
    bgt 1f
    b 2f
1:  movs r6, #1
2:  CHECK("bgt nzcv=f", r6, 0)
    movs r6, #0
    SETF(0xf0000000)
    it gt
    movgt r6, #1
    CHECK("it gt nzcv=f", r6, 0)
    POOL
    movs r6, #0
    SETF(0x10000000)
    ble 1f
    b 2f
1:  movs r6, #1
2:  CHECK("ble nzcv=1", r6, 1)
    movs r6, #0
    SETF(0x10000000)
    it le
    movle r6, #1
    CHECK("it le nzcv=1", r6, 1)
    movs r6, #0
    SETF(0xb0000000)
    ble 1f
    b 2f
1:  movs r6, #1
2:  CHECK("ble nzcv=b", r6, 0)
    movs r6, #0
    SETF(0xb0000000)
    it le
    movle r6, #1
    CHECK("it le nzcv=b", r6, 0)
    POOL
ASM_MAIN_LEAVE

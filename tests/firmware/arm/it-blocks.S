/* IT blocks and conditional branches: every condition code with flags
 * that make it true and false (IT + MOV<c>, and B<c>), ITETE patterns,
 * a flag-setting instruction inside an IT block changing the condition of
 * the later instructions of the same block, 16-bit ADD inside IT not
 * setting flags, a branch as the last instruction of an IT block.
 * Condition table: ARMv7-M ARM A7.3. */
#include "asmtest.h"

#define N_ 0x80000000
#define Z_ 0x40000000
#define C_ 0x20000000
#define V_ 0x10000000

/* IT <cond>; MOV<cond> r6, #1 */
#define CC(cond, flags, exp)        \
    movs    r6, #0;                 \
    SETF(flags);                    \
    it      cond;                   \
    mov##cond r6, #1;               \
    CHECK("it " #cond " " #flags, r6, exp)

/* B<cond> (16-bit) over a MOV */
#define BC(cond, flags, exp)        \
    movs    r6, #0;                 \
    SETF(flags);                    \
    b##cond 7f;                     \
    movs    r6, #1;                 \
7:  CHECK("b" #cond " " #flags " fallthrough", r6, exp)

/* B<cond>.W (32-bit) */
#define BCW(cond, flags, exp)       \
    movs    r6, #0;                 \
    SETF(flags);                    \
    b##cond.w 7f;                   \
    movs    r6, #1;                 \
7:  CHECK("b" #cond ".w " #flags " fallthrough", r6, exp)

ASM_MAIN_ENTER
    CC(eq, Z_, 1)
    CC(eq, 0, 0)
    CC(ne, 0, 1)
    CC(ne, Z_, 0)
    CC(cs, C_, 1)
    CC(cs, 0, 0)
    CC(cc, 0, 1)
    CC(cc, C_, 0)
    POOL
    CC(mi, N_, 1)
    CC(mi, 0, 0)
    CC(pl, 0, 1)
    CC(pl, N_, 0)
    CC(vs, V_, 1)
    CC(vs, 0, 0)
    CC(vc, 0, 1)
    CC(vc, V_, 0)
    POOL
    CC(hi, C_, 1)
    CC(hi, C_|Z_, 0)
    CC(hi, 0, 0)
    CC(ls, Z_, 1)
    CC(ls, 0, 1)
    CC(ls, C_, 0)
    CC(ge, 0, 1)
    CC(ge, N_|V_, 1)
    CC(ge, N_, 0)
    POOL
    CC(lt, N_, 1)
    CC(lt, V_, 1)
    CC(lt, N_|V_, 0)
    CC(gt, 0, 1)
    CC(gt, Z_, 0)
    CC(gt, N_, 0)
    CC(gt, N_|V_, 1)
    CC(le, Z_, 1)
    CC(le, N_, 1)
    CC(le, 0, 0)
    CC(le, N_|V_, 0)
    POOL
    BC(eq, Z_, 0)
    BC(ne, Z_, 1)
    BC(cs, C_, 0)
    BC(cc, C_, 1)
    BC(mi, 0, 1)
    BC(pl, 0, 0)
    BC(vs, V_, 0)
    BC(vc, V_, 1)
    POOL
    BC(hi, C_, 0)
    BC(ls, C_, 1)
    BC(ge, N_, 1)
    BC(lt, N_, 0)
    BC(gt, Z_, 1)
    BC(le, Z_, 0)
    BCW(eq, 0, 1)
    BCW(ne, 0, 0)
    BCW(hi, C_|Z_, 1)
    BCW(lt, V_, 0)
    POOL

    /* ITETE: then/else alternate. */
    movs    r6, #0
    SETF(Z_)
    itete   eq
    orreq   r6, r6, #1
    orrne   r6, r6, #2
    orreq   r6, r6, #4
    orrne   r6, r6, #8
    CHECK("itete eq (z)", r6, 5)
    movs    r6, #0
    SETF(0)
    itete   eq
    orreq   r6, r6, #1
    orrne   r6, r6, #2
    orreq   r6, r6, #4
    orrne   r6, r6, #8
    CHECK("itete eq (nz)", r6, 10)
    movs    r6, #0
    SETF(C_)
    ittee   cs
    orrcs   r6, r6, #1
    orrcs   r6, r6, #2
    orrcc   r6, r6, #4
    orrcc   r6, r6, #8
    CHECK("ittee cs", r6, 3)
    POOL

    /* A CMP inside the block changes the later conditions. */
    movs    r4, #1
    movs    r5, #2
    movs    r6, #0
    SETF(Z_)
    itt     eq
    cmpeq   r4, r5
    moveq   r6, #1
    mrs     r7, apsr
    CHECK("cmp in it skips next", r6, 0)
    CHECKF("cmp in it", r7, N_)
    movs    r6, #0
    SETF(Z_)
    ite     eq
    cmpeq   r4, r4
    movne   r6, #1
    CHECK("cmp in it, else skipped", r6, 0)
    /* ADDS.W inside IT sets the flags; a following else-slot sees them. */
    ldr     r4, =0xffffffff
    movs    r6, #0
    SETF(0)
    itet    cc
    addscc.w r4, r4, #1
    movcs   r6, #1
    movcc   r6, #2
    CHECK("adds.w in it", r4, 0)
    CHECK("else after adds carry", r6, 1)
    POOL
    /* 16-bit ADD inside IT does not set flags. */
    ldr     r6, =0xffffffff
    movs    r5, #1
    SETF(Z_)
    it      eq
    addeq   r6, r6, r5
    mrs     r7, apsr
    CHECK("add16 in it", r6, 0)
    CHECKF("add16 in it", r7, Z_)
    /* Branch as the last instruction of an IT block. */
    movs    r6, #0
    SETF(0)
    itt     ne
    movne   r6, #3
    bne     7f
    movs    r6, #9
7:  CHECK("it branch last", r6, 3)
    movs    r6, #0
    SETF(Z_)
    itt     ne
    movne   r6, #3
    bne     7f
    movs    r6, #9
7:  CHECK("it branch not taken", r6, 9)
    /* A skipped instruction that would fault if executed. */
    movs    r6, #0
    movs    r4, #0
    SETF(0)
    it      eq
    ldreq   r6, [r4, #-4]
    CHECK("skipped load", r6, 0)
ASM_MAIN_LEAVE

/*
 * tests/isa/riscv/all_forms.S - every RV32IMAC + Zicsr + Zifencei (+ the
 * machine-mode privileged) instruction, every alias form objdump prints, all
 * register classes, immediate extremes, the CSRs the emulator models,
 * reserved/HINT encodings, and data in .text.  Built by the meson build and
 * disassembled by both objdump and rvdis (isa-riscv-objdump test).
 *
 * Not meant to run: it only has to disassemble.
 */
#define ALLREGS zero,ra,sp,gp,tp,t0,t1,t2,s0,s1,a0,a1,a2,a3,a4,a5,a6,a7,s2,s3,s4,s5,s6,s7,s8,s9,s10,s11,t3,t4,t5,t6

	.globl __global_pointer$
	.set __global_pointer$, 0x80001800

	.option norelax          /* keep the lui/addi pairs and odd data as written */
	.section .text.start,"ax",@progbits
	.globl _start
_start:
	.option push
	.option norvc            /* 32-bit encodings only in this part */

/* ---------------- RV32I: U and J types ---------------- */
	lui	zero, 0
	lui	a0, 0xfffff
	lui	t6, 0x80000
	lui	s0, 1
	auipc	ra, 0
	auipc	t0, 0xfffff
	auipc	a5, 0x7ffff
	jal	zero, 1f
	jal	ra, 1f
	jal	t0, 1f
	jal	a0, 1f
1:	.insn	0x8000006f        /* jal x0, -1048576 */
	.insn	0x7ffff0ef        /* jal x1, +1048574 */
	.insn	0x800002ef        /* jal x5, -1048576 */

/* ---------------- every register in every operand slot ---------------- */
	.irp	r, ALLREGS
	add	\r, a0, a1
	add	a0, \r, a1
	add	a0, a1, \r
	addi	\r, \r, -2048
	addi	\r, \r, 2047
	lw	\r, 2047(\r)
	sw	\r, -2048(\r)
	beq	\r, a1, 1b
	bne	a1, \r, 1b
	jalr	\r, 4(\r)
	csrrw	\r, mscratch, \r
	.endr

/* ---------------- OP-IMM, with the aliases ---------------- */
	nop
	addi	zero, zero, 1           /* li zero,1 */
	addi	zero, a0, 0             /* mv zero,a0 */
	li	a0, 0
	li	a0, -2048
	li	a0, 2047
	mv	s1, a2
	addi	a0, a1, 1
	slti	a0, a1, -2048
	slti	a0, a1, 2047
	sltiu	a0, a1, 1               /* seqz */
	seqz	t0, t1
	sltiu	a0, a1, -1
	sltiu	a0, a1, 0
	xori	a0, a1, -1              /* not */
	not	s2, s3
	xori	a0, a1, 2047
	xori	a0, a1, 0
	ori	a0, a1, -2048
	ori	a0, a1, 0
	andi	a0, a1, 255             /* zext.b */
	andi	a0, a1, -1
	andi	a0, a1, 0
	andi	a0, a1, 2047
	slli	a0, a1, 0
	slli	a0, a1, 1
	slli	a0, a1, 31
	srli	a0, a1, 0
	srli	a0, a1, 31
	srai	a0, a1, 0
	srai	t6, t5, 31

/* ---------------- OP, with the aliases ---------------- */
	add	a0, a1, a2
	add	a0, zero, a2
	add	zero, zero, zero
	sub	a0, a1, a2
	sub	a0, zero, a2            /* neg */
	neg	t0, t1
	sll	a0, a1, a2
	slt	a0, a1, a2
	slt	a0, a1, zero            /* sltz */
	slt	a0, zero, a2            /* sgtz */
	sltz	s4, s5
	sgtz	s6, s7
	sltu	a0, a1, a2
	sltu	a0, zero, a2            /* snez */
	sltu	a0, a1, zero
	snez	s8, s9
	xor	a0, a1, a2
	srl	a0, a1, a2
	sra	a0, a1, a2
	or	a0, a1, a2
	and	a0, a1, a2

/* ---------------- M ---------------- */
	mul	a0, a1, a2
	mulh	a0, a1, a2
	mulhsu	a0, a1, a2
	mulhu	a0, a1, a2
	div	a0, a1, a2
	divu	a0, a1, a2
	rem	a0, a1, a2
	remu	t4, t5, t6

/* ---------------- branches, with the aliases ---------------- */
2:	beq	a0, a1, 2b
	bne	a0, a1, 2f
	blt	a0, a1, 2b
	bge	a0, a1, 2f
	bltu	a0, a1, 2b
	bgeu	a0, a1, 2f
	beqz	a0, 2b
	bnez	a0, 2f
	blez	a0, 2b
	bgez	a0, 2f
	bltz	a0, 2b
	bgtz	a0, 2f
	bgt	a0, a1, 2b
	ble	a0, a1, 2f
	bgtu	a0, a1, 2b
	bleu	a0, a1, 2f
	beq	zero, a0, 2b
	bne	zero, a0, 2f
	blt	zero, zero, 2b
	bge	zero, zero, 2f
	bltu	zero, a0, 2b
	bgeu	a0, zero, 2f
	.insn	0x80000063        /* beq x0, x0, -4096 */
	.insn	0x7eb51fe3        /* bne a0, a1, +4094 */
	.insn	0xfe0546e3        /* blt a0, x0, -20 */
2:

/* ---------------- jalr forms ---------------- */
	ret
	jr	a0
	jr	t0
	jr	4(ra)
	jr	-2048(a0)
	jalr	a0
	jalr	ra
	jalr	2047(a0)
	jalr	t0, a0
	jalr	t0, 0(t0)
	jalr	a1, -8(a0)
	jalr	zero, 0(zero)
	jalr	ra, 0(ra)

/* ---------------- loads and stores ---------------- */
	lb	a0, -2048(a1)
	lh	a0, 2047(a1)
	lw	a0, 0(a1)
	lbu	a0, -1(a1)
	lhu	a0, 2(a1)
	sb	a0, -1(a1)
	sh	a0, 2047(a1)
	sw	zero, -2048(sp)
	lw	a0, 4(zero)
	lw	a0, 8(tp)
	sw	a0, -12(tp)

/* ---------------- address notes objdump prints ---------------- */
	lui	a0, %hi(_start)
	addi	a0, a0, %lo(_start)
	lui	a1, %hi(_start)
	lw	a2, %lo(_start)(a1)
	lui	a3, %hi(_start)
	sw	a2, %lo(_start)(a3)
	lui	a4, 0x12345
	addi	a4, a4, 0               /* mv: no note, keeps a4 pending */
	lw	a5, 4(a4)
	auipc	t1, 0
	jalr	ra, 16(t1)
	auipc	t2, 0
	jr	t2
	lw	a0, 16(gp)              /* gp-relative: __global_pointer$ */
	sw	a0, -16(gp)
	addi	a0, gp, 100
	la	a0, _start
	call	_start
	tail	_start

/* ---------------- fences and system ---------------- */
	fence
	fence	iorw, iorw
	fence	rw, rw
	fence	r, w
	fence	i, o
	fence	iorw, r
	fence	w, iorw
	fence.tso
	pause
	fence.i
	.insn	0x0000000f        /* fence 0,0 */
	.insn	0x8000000f        /* fm=1000 but not .tso: unknown */
	.insn	0x0ff5000f        /* fence with rs1 != 0 */
	.insn	0x0010100f        /* fence.i with imm != 0 */
	ecall
	ebreak
	mret
	sret
	uret
	dret
	wfi
	sfence.vma
	sfence.vma	a0
	sfence.vma	a0, a1
	sfence.vma	zero, a1

/* ---------------- Zicsr: every form on every modelled CSR ---------------- */
	.irp	c, mstatus,misa,mie,mip,mtvec,mepc,mcause,mtval,mscratch,mhartid,mcycle,minstret,mcycleh,minstreth,cycle,time,instret,cycleh,timeh,instreth,pmpcfg0,pmpcfg1,pmpcfg2,pmpcfg3,pmpaddr0,pmpaddr1,pmpaddr2,pmpaddr3,pmpaddr4,pmpaddr5,pmpaddr6,pmpaddr7,pmpaddr8,pmpaddr9,pmpaddr10,pmpaddr11,pmpaddr12,pmpaddr13,pmpaddr14,pmpaddr15,mvendorid,marchid,mimpid,medeleg,mideleg,mcounteren,0x310,0x7c0,0xfff,0x000
	csrr	a0, \c
	csrw	\c, a1
	csrs	\c, a2
	csrc	\c, a3
	csrwi	\c, 31
	csrsi	\c, 1
	csrci	\c, 0
	csrrw	a0, \c, a1
	csrrs	a0, \c, a1
	csrrc	a0, \c, a1
	csrrwi	a0, \c, 31
	csrrsi	a0, \c, 0
	csrrci	a0, \c, 17
	csrrs	zero, \c, zero
	csrrc	a0, \c, zero
	.endr
	rdcycle	a0
	rdtime	a1
	rdinstret	a2
	rdcycleh	a3
	rdtimeh	a4
	rdinstreth	a5
	unimp                           /* csrrw x0, cycle, x0 */

/* ---------------- A: every operation, every aq/rl ---------------- */
	.irp	o, "", .aq, .rl, .aqrl
	lr.w\o	a0, (a1)
	sc.w\o	a0, a2, (a1)
	amoswap.w\o	a0, a2, (a1)
	amoadd.w\o	a0, a2, (a1)
	amoxor.w\o	a0, a2, (a1)
	amoand.w\o	a0, a2, (a1)
	amoor.w\o	a0, a2, (a1)
	amomin.w\o	a0, a2, (a1)
	amomax.w\o	a0, a2, (a1)
	amominu.w\o	a0, a2, (a1)
	amomaxu.w\o	zero, t6, (sp)
	.endr
	.insn	0x0015a52f        /* lr.w with rs2 != 0: unknown */

/* ---------------- reserved 32-bit encodings ---------------- */
	.insn	0x0000005b        /* custom-2 */
	.insn	0x02059513        /* slli a0,a1,32: shamt[5] (RV64 only) */
	.insn	0x4205d513        /* srai a0,a1,32 */
	.insn	0x00004073        /* SYSTEM funct3 = 4 */
	.insn	0x00003003        /* load funct3 = 3 */
	.insn	0x00007023        /* store funct3 = 7 */
	.insn	0x00002063        /* branch funct3 = 2 */
	.insn	0x00001067        /* jalr funct3 = 1 */
	.insn	0x40001033        /* sll with funct7 = 0100000 */
	.insn	0x0000302f        /* amo funct3 = 3 (RV64 .d) */
	.option pop

/* ---------------- RV32C: every form, immediates at their extremes ---------------- */
	.balign	4
	c.addi4spn	a0, sp, 4
	c.addi4spn	s1, sp, 1020
	c.lw	a0, 0(a1)
	c.lw	s0, 124(a5)
	c.sw	a5, 0(s0)
	c.sw	a4, 124(s1)
	c.nop
	c.addi	a0, 1
	c.addi	t6, -32
	c.addi	sp, 31
	c.jal	3f
	c.li	a0, 0
	c.li	t0, -32
	c.li	ra, 31
	c.addi16sp	sp, -512
	c.addi16sp	sp, 496
	c.addi16sp	sp, 16
	c.lui	a0, 1
	c.lui	t6, 0x1f
	c.lui	ra, 0xfffe0
	c.lui	s0, 0xfffff
	c.srli	s0, 1
	c.srli	a5, 31
	c.srai	s1, 1
	c.srai	a4, 31
	c.andi	s0, -32
	c.andi	a0, 31
	c.andi	a1, 0
	c.sub	s0, s1
	c.xor	a0, a5
	c.or	a1, a2
	c.and	a3, a4
3:	c.j	3b
	c.beqz	s0, 3b
	c.bnez	a5, 3f
	c.slli	a0, 1
	c.slli	t6, 31
	c.lwsp	ra, 0(sp)
	c.lwsp	t6, 252(sp)
	c.jr	ra
	c.jr	a0
	c.mv	a0, a1
	c.mv	t6, ra
	c.ebreak
	c.jalr	a0
	c.jalr	ra
	c.add	a0, a1
	c.add	sp, t6
	c.swsp	ra, 0(sp)
	c.swsp	zero, 252(sp)
3:	.insn	0xa001            /* c.j 0 */
	.insn	0xbffd            /* c.j -2 */
	.insn	0x3001            /* c.jal -2048 */
	.insn	0x2ffd            /* c.jal +2046 */
	.insn	0xd001            /* c.beqz s0, -256 */
	.insn	0xeffd            /* c.bnez a5, +254 */
	.insn	0x0000            /* all-zero: illegal, "unimp" */
	.insn	0x0015            /* c.nop 5 (HINT) */
	.insn	0x107d            /* c.nop -1 (HINT) */
	.insn	0x0501            /* c.addi a0, 0 (HINT) */
	.insn	0x4001            /* c.li zero, 0 (HINT) */
	.insn	0x802e            /* c.mv zero, a1 (HINT) */
	.insn	0x902e            /* c.add zero, a1 (HINT) */
	.insn	0x6005            /* c.lui zero, 1 (HINT) */
	.insn	0x0502            /* c.slli64 a0 (HINT) */
	.insn	0x0006            /* c.slli zero, 1 (HINT) */
	.insn	0x8101            /* c.srli64 s0 (HINT) */
	.insn	0x8501            /* c.srai64 s0 (HINT) */
	.insn	0x0000            /* keep alignment */
	.insn	0x1502            /* c.slli a0, 32: reserved on RV32 */
	.insn	0x9101            /* c.srli s0, 32: reserved on RV32 */
	.insn	0x9501            /* c.srai s0, 32: reserved on RV32 */
	.insn	0x1002            /* c.slli zero, 32 */
	.insn	0x6101            /* c.addi16sp 0: reserved */
	.insn	0x6501            /* c.lui a0, 0: reserved */
	.insn	0x4002            /* c.lwsp zero: reserved */
	.insn	0x8002            /* c.jr zero: reserved */
	.insn	0x9c01            /* c.subw (RV64): reserved */
	.insn	0x9c41            /* c.addw (RV64): reserved */
	.insn	0x2000            /* c.fld */
	.insn	0x6000            /* c.flw */
	.insn	0x8000            /* quadrant 0 funct3 = 100: reserved */
	.insn	0xa000            /* c.fsd */
	.insn	0xe000            /* c.fsw */
	.insn	0x2002            /* c.fldsp */
	.insn	0x6002            /* c.flwsp */
	.insn	0xa002            /* c.fsdsp */
	.insn	0xe002            /* c.fswsp */

/* ---------------- a part marked as having no C ---------------- */
	.option push
	.option arch, -c
	.insn	0x4595            /* objdump: .2byte */
	addi	a1, zero, 5
	.option pop
	c.li	a1, 5

/* ---------------- data in .text ---------------- */
	.word	0x00a00513
	.byte	1, 2, 3
	.half	0x1234
	.balign	4
	.type	table, @object
table:
	.word	0x11223344, 0x55667788, 0x0badcafe, 0xffffffff
	.byte	0x41, 0x42, 0x43
	.size	table, . - table
	.balign	2
after_table:
	c.nop
	nop
	ret

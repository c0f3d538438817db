/*
 * tests/isa/riscv/edges.S - corner cases of objdump's layout.  The build
 * strips the mapping symbols from the object, so that everything here is
 * disassembled as code: encodings longer than 32 bits (48, 64, 80, 96 bits
 * and the reserved >= 192-bit prefix), an instruction cut by the next
 * symbol, and one cut by the end of the section.
 */
	.text
	.globl	_start
_start:
	nop
	.2byte	0x001f, 0x1234, 0x5678                  /* 48-bit */
	.2byte	0x003f, 0x1111, 0x2222, 0x3333          /* 64-bit */
	.2byte	0x007f, 0xaaaa, 0x707f, 0xbbbb, 0x0001  /* 80-bit */
	.2byte	0x107f, 1, 2, 3, 4, 5                   /* 96-bit */
	.2byte	0x707f                                  /* reserved length */
	nop
	.2byte	0x0513                                  /* first half of addi ... */
cut:
	.2byte	0x0015                                  /* ... cut by a symbol */
	nop
	.2byte	0x0513                                  /* cut by the section end */

/* crafted.S - a hand-written DWARF 4 image for symbolize's line-table edge cases (RV32).
 * Linked at address 0 (-Ttext=0). Layout of .text (all 4-byte nops):
 *   0x00-0x18  f1 (CU 1: [0x00, 0x18)); inlined copy of "inl" at [0x04, 0x08)
 *              CU 1 line sequence [0x00, 0x14):
 *                0x00 crafted1.c:10          address 0
 *                0x04 crafted1.c:10 col 7    then again at 0x04 line 11: the last row wins
 *                0x08 crafted1.c:11 discriminator 3
 *                0x0c hdr.h:20 (include dir /crafted/inc)
 *                0x10 hdr.h:20, not is_stmt
 *                0x14 end_sequence           0x14-0x18: in f1 but no line row
 *   0x0c-0x28  CU 2 range [0x0c, 0x28) overlaps CU 1 on [0x0c, 0x18): CU 1 (first) wins there
 *              CU 2 sequence [0x18, 0x28): 0x18 two.c:5, 0x1c two.c:6 discr 1, 0x20 two.c:7
 *              plus an empty sequence (end_sequence at its start address) that is ignored
 *   0x28       tail_fn: no DWARF at all (symbol table only)
 */
    .option norelax
    .text
    .globl _start
    .type _start, @function
_start:
f1:
    .rept 6
    .4byte 0x00000013
    .endr
f1_end:
cu2_seq:
    .rept 4
    .4byte 0x00000013
    .endr
cu2_end:
    .size _start, . - _start
    .globl tail_fn
    .type tail_fn, @function
tail_fn:
    .4byte 0x00000013
    .size tail_fn, . - tail_fn

    .section .debug_abbrev,"",@progbits
abbrev:
    .uleb128 1; .uleb128 0x11        /* 1: compile_unit, children */
    .byte 1
    .uleb128 0x03; .uleb128 0x08     /* name, string */
    .uleb128 0x1b; .uleb128 0x08     /* comp_dir, string */
    .uleb128 0x10; .uleb128 0x17     /* stmt_list, sec_offset */
    .uleb128 0x11; .uleb128 0x01     /* low_pc, addr */
    .uleb128 0x12; .uleb128 0x06     /* high_pc, data4 (offset from low_pc) */
    .uleb128 0; .uleb128 0
    .uleb128 2; .uleb128 0x2e        /* 2: subprogram, children */
    .byte 1
    .uleb128 0x03; .uleb128 0x08
    .uleb128 0x11; .uleb128 0x01
    .uleb128 0x12; .uleb128 0x06
    .uleb128 0; .uleb128 0
    .uleb128 3; .uleb128 0x1d        /* 3: inlined_subroutine, no children */
    .byte 0
    .uleb128 0x31; .uleb128 0x13     /* abstract_origin, ref4 */
    .uleb128 0x11; .uleb128 0x01
    .uleb128 0x12; .uleb128 0x06
    .uleb128 0x58; .uleb128 0x0b     /* call_file, data1 */
    .uleb128 0x59; .uleb128 0x0b     /* call_line, data1 */
    .uleb128 0x57; .uleb128 0x0b     /* call_column, data1 */
    .uleb128 0; .uleb128 0
    .uleb128 4; .uleb128 0x2e        /* 4: abstract subprogram, no children */
    .byte 0
    .uleb128 0x03; .uleb128 0x08
    .uleb128 0x20; .uleb128 0x0b     /* inline, data1 */
    .uleb128 0; .uleb128 0
    .uleb128 5; .uleb128 0x11        /* 5: compile_unit, no children */
    .byte 0
    .uleb128 0x03; .uleb128 0x08
    .uleb128 0x1b; .uleb128 0x08
    .uleb128 0x10; .uleb128 0x17
    .uleb128 0x11; .uleb128 0x01
    .uleb128 0x12; .uleb128 0x06
    .uleb128 0; .uleb128 0
    .byte 0

    .section .debug_info,"",@progbits
cu1:
    .4byte cu1_end - cu1_start
cu1_start:
    .2byte 4
    .4byte abbrev
    .byte 4
    .uleb128 1
    .asciz "crafted1.c"
    .asciz "/crafted"
    .4byte line1
    .4byte f1
    .4byte f1_end - f1
die_inl:
    .uleb128 4
    .asciz "inl"
    .byte 3
    .uleb128 2
    .asciz "f1"
    .4byte f1
    .4byte f1_end - f1
    .uleb128 3
    .4byte die_inl - cu1
    .4byte f1 + 4
    .4byte 4
    .byte 1, 10, 3
    .byte 0                 /* end of f1's children */
    .byte 0                 /* end of CU 1's children */
cu1_end:
cu2:
    .4byte cu2_end_info - cu2_start
cu2_start:
    .2byte 4
    .4byte abbrev
    .byte 4
    .uleb128 5
    .asciz "two.c"
    .asciz "/crafted"
    .4byte line2
    .4byte f1 + 12
    .4byte cu2_end - (f1 + 12)
cu2_end_info:

    .section .debug_line,"",@progbits
line1:
    .4byte line1_end - line1_start
line1_start:
    .2byte 4
    .4byte line1_hdr_end - line1_hdr
line1_hdr:
    .byte 1, 1, 1, 0xfb, 14, 13         /* min_inst, max_ops, default_is_stmt, line_base -5,
                                          line_range, opcode_base */
    .byte 0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 1
    .asciz "/crafted/inc"
    .byte 0
    .asciz "crafted1.c"
    .uleb128 0; .uleb128 0; .uleb128 0
    .asciz "hdr.h"
    .uleb128 1; .uleb128 0; .uleb128 0
    .byte 0
line1_hdr_end:
    .byte 0, 5, 2               /* set_address f1 */
    .4byte f1
    .byte 3
    .sleb128 9                  /* line 10 */
    .byte 1                     /* row 0x00 :10 */
    .byte 5, 7                  /* column 7 */
    .byte 2, 4                  /* pc += 4 */
    .byte 1                     /* row 0x04 :10:7 */
    .byte 3, 1, 1               /* row 0x04 :11:7 (same address) */
    .byte 0, 2, 4, 3            /* discriminator 3 */
    .byte 2, 4, 1               /* row 0x08 :11:7 discr 3 */
    .byte 4, 2                  /* file 2 */
    .byte 3
    .sleb128 9                  /* line 20 */
    .byte 5, 0
    .byte 2, 4, 1               /* row 0x0c hdr.h:20 */
    .byte 6                     /* is_stmt off */
    .byte 2, 4, 1               /* row 0x10 hdr.h:20 */
    .byte 2, 4
    .byte 0, 1, 1               /* end_sequence at 0x14 */
line1_end:
line2:
    .4byte line2_end - line2_start
line2_start:
    .2byte 4
    .4byte line2_hdr_end - line2_hdr
line2_hdr:
    .byte 1, 1, 1, 0xfb, 14, 13
    .byte 0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 1
    .byte 0
    .asciz "two.c"
    .uleb128 0; .uleb128 0; .uleb128 0
    .byte 0
line2_hdr_end:
    .byte 0, 5, 2
    .4byte cu2_seq
    .byte 0, 1, 1               /* empty sequence: end_sequence at its start */
    .byte 0, 5, 2
    .4byte cu2_seq
    .byte 3
    .sleb128 4                  /* line 5 */
    .byte 1                     /* row 0x18 two.c:5 */
    .byte 0, 2, 4, 1            /* discriminator 1 */
    .byte 3, 1, 2, 4, 1         /* row 0x1c two.c:6 discr 1 */
    .byte 3, 1, 2, 4, 1         /* row 0x20 two.c:7 */
    .byte 2, 8
    .byte 0, 1, 1               /* end_sequence at 0x28 */
line2_end:

/* uint32_t sh_call(uint32_t op, uint32_t arg): one RISC-V semihosting call.
 * The three-instruction sequence must be uncompressed and must not cross a
 * page boundary (RISC-V semihosting spec), hence the alignment. */
    .section .text.sh_call, "ax"
    .balign 16
    .globl sh_call
sh_call:
    .option push
    .option norvc
    .option norelax
    slli    x0, x0, 0x1f
    ebreak
    srai    x0, x0, 7
    .option pop
    ret

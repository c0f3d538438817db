    .text
    .globl cb_h
cb_h:
    nop

/*
 * emu/isa/arm/arm_internal.h - shared between the files of emu/isa/arm
 * (not part of the public interface).
 */
#ifndef EMU_ISA_ARM_INTERNAL_H
#define EMU_ISA_ARM_INTERNAL_H

#include "arm_isa.h"

/* Decode the coprocessor space (A5.3.18 / A6.4) into *d. */
void arm_vfp_decode(uint32_t h1, uint32_t h2, ArmInsn *d);

/* VFPExpandImm (single precision). */
uint32_t arm_vfp_expand_imm(unsigned imm8);

#endif

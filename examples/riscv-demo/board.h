/* Board support for the demo (board.c). */
#ifndef DEMO_BOARD_H
#define DEMO_BOARD_H

#include <stdint.h>

/* The cycle counter (not used for any output: runs must be repeatable). */
uint32_t board_cycles(void);

#endif

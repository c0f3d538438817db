/* A real program: a table-free protocol parser (a state machine over a
 * byte stream with framing, escapes and a checksum), fed valid frames,
 * corrupted ones and truncated ones; prints each decoded frame. */
#include "rt.h"

enum state { WAIT_SOF, LEN, PAYLOAD, ESCAPE, SUM, DONE };
enum { SOF = 0x7e, ESC = 0x7d };

struct parser {
    enum state st;
    uint8_t len, got, sum;
    uint8_t buf[32];
    uint32_t frames, errors;
};

static void reset(struct parser *p)
{
    p->st = WAIT_SOF;
    p->got = 0;
    p->sum = 0;
}

static int feed(struct parser *p, uint8_t b)
{
    switch (p->st) {
    case WAIT_SOF:
        if (b == SOF)
            p->st = LEN;
        return 0;
    case LEN:
        if (b == 0 || b > sizeof p->buf) {
            p->errors++;
            reset(p);
            return -1;
        }
        p->len = b;
        p->st = PAYLOAD;
        return 0;
    case PAYLOAD:
        if (b == ESC) {
            p->st = ESCAPE;
            return 0;
        }
        if (b == SOF) {                 /* resync */
            p->errors++;
            reset(p);
            p->st = LEN;
            return -1;
        }
        break;
    case ESCAPE:
        b ^= 0x20;
        p->st = PAYLOAD;
        break;
    case SUM:
        if ((uint8_t)(p->sum + b) != 0xff) {
            p->errors++;
            reset(p);
            return -1;
        }
        p->frames++;
        p->st = DONE;
        return 1;
    case DONE:
    default:
        reset(p);
        return feed(p, b);
    }
    p->buf[p->got++] = b;
    p->sum = (uint8_t)(p->sum + b);
    if (p->got == p->len)
        p->st = SUM;
    return 0;
}

static void print_frame(const struct parser *p)
{
    rt_puts("frame:");
    for (int i = 0; i < p->got; i++) {
        rt_putc(' ');
        rt_put_udec(p->buf[i]);
    }
    rt_nl();
}

int main(void)
{
    static const uint8_t stream[] = {
        0x00, 0x13,                             /* noise */
        SOF, 3, 1, 2, 3, 0xff - 6,              /* good */
        SOF, 2, ESC, SOF ^ 0x20, 5, (uint8_t)(0xff - SOF - 5),   /* escaped */
        SOF, 2, 9, 9, 0x00,                     /* bad sum */
        SOF, 0,                                 /* bad length */
        SOF, 4, 1, SOF, 1, 10, 0xff - 10,       /* truncated, resync */
        SOF, 1, 200, 55,                        /* good */
        SOF, 5, 1, 2,                           /* cut off at the end */
    };
    struct parser p;
    p.frames = p.errors = 0;
    reset(&p);
    for (uint32_t i = 0; i < sizeof stream; i++) {
        if (feed(&p, stream[i]) == 1)
            print_frame(&p);
    }
    rt_check("frames", p.frames, 4);
    rt_check("errors", p.errors, 3);
    rt_check("left mid-frame", p.st == PAYLOAD, 1);
    return rt_done();
}

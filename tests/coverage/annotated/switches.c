/* annotated: switch cases taken and not taken, goto error paths. */
volatile int codes[3] = {1, 2, 2};
volatile int sink;

static int decode(int c)
{
    switch (c) {  // @+
    case 1:
        return 10;  // @+ Og@.
    case 2:
        sink = 5;  // @+
        break;  // @+
    case 3:
        sink = 6;  // @-
        break;  // @-
    default:
        return -1;  // @-
    }
    return 0;  // @+ Og@?
}

static int init(int ok)
{
    if (!ok)  // @+
        goto fail;  // @-
    sink = 1;  // @+
    return 0;  // @+
fail:
    sink = -1;  // @-
    return -1;  // @-
}

int main(void)
{
    for (int i = 0; i < 3; i++)  // @+
        sink = decode(codes[i]);  // @+
    sink = init(1);  // @+
    return 0;  // @+
}

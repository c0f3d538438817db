/* oracle: switch with fallthrough, default, cases never taken. */
volatile int inputs[6] = {0, 1, 2, 5, 7, 3};
volatile int sink;

static int classify(int v)
{
    int r = 0;
    switch (v) {
    case 0:
        r = 10;
        break;
    case 1:
    case 2:
        r = 20;
        /* fall through */
    case 3:
        r += 1;
        break;
    case 4:
        r = 40;
        break;
    case 9:
        return -9;
    default:
        r = -1;
        break;
    }
    return r;
}

static const char *name(int v)
{
    switch (v & 3) {
    case 0: return "zero";
    case 1: return "one";
    case 2: return "two";
    default: return "three";
    }
}

int main(void)
{
    for (int i = 0; i < 6; i++) {
        sink = classify(inputs[i]);
        sink = name(inputs[i])[0];
    }
    return 0;
}

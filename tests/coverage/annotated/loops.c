/* annotated: loops whose bodies run, never run, and stop early. */
volatile int limit = 5;
volatile int sink;

static int run(int n)
{
    int s = 0;  // @+
    for (int i = 0; i < n; i++) {  // @+
        if (i == 3)  // @+
            break;  // @+ Og@.
        s += i;  // @+
    }
    while (n > 10) {  // @+
        n--;  // @-
        s++;  // @-
    }
    do {
        s *= 2;  // @+
    } while (s < 0);  // @+
    return s;  // @+
}

int main(void)
{
    sink = run(limit);  // @+
    return 0;  // @+
}

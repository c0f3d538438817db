/* oracle: functions that are never called (all their lines not executed). */
volatile int gate = 0;
volatile int sink;

int never_called(int v)
{
    int r = v + 1;
    if (r > 3)
        r = 3;
    return r;
}

static int helper_unused(int v)
{
    return v * 3;
}

int called(int v)
{
    if (gate)
        return helper_unused(v);
    return v - 1;
}

int main(void)
{
    sink = called(4);
    if (gate)
        sink = never_called(2);
    return 0;
}

int cb_g(int a, int b);
int cb_g(int a, int b)
{
    return a || b;
}

// symbolize C++ test program: namespaces, classes, templates, overloads, inlining; checks
// linkage names, `-C` demangling and addr2line's name rules for C++ CUs.
namespace geo {
struct Vec {
    int x, y;
    Vec(int a, int b) : x(a), y(b) {}
    int dot(const Vec &o) const { return x * o.x + y * o.y; }
    Vec operator+(const Vec &o) const { return Vec(x + o.x, y + o.y); }
};

template <typename T> static inline T sq(T v) { return v * v; }

int area(int w, int h) { return w * h; }
long area(long w, long h) { return w * h + sq(w); }
} // namespace geo

volatile int cpp_sink;

static int helper(int v)
{
    geo::Vec a(v, v + 1), b(2, 3);
    geo::Vec c = a + b;
    return c.dot(b) + geo::sq(v) + geo::area(v, 3) + (int)geo::area(long(v), 4L);
}

extern "C" int cpp_main(void)
{
    int acc = 0;
    for (int i = 0; i < 8; i++)
        acc += helper(i);
    return acc;
}

extern "C" void _start(void)
{
    cpp_sink = cpp_main();
    for (;;)
        ;
}

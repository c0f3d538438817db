/* exempt corpus: malformed annotations (docs/coverage-semantics.md §6).  Each is a warning
 * naming FILE:LINE (`@warn`, check_exempt.py) with the documented behaviour: an "off"
 * without a region is ignored; an "on" without a justification exempts nothing (its "off"
 * closes it silently); regions do not nest (the inner "on" is ignored, the first "off"
 * closes the region); an unknown word is ignored; an "on" never closed exempts to the end
 * of the file.  Annotation text inside string and character literals is not an annotation.
 * Expected marks: `// @M` (tests/coverage/annotated.py). */
volatile int in_a = 4;
volatile int sink;
static const char *const fake = "/* xcov: exempt on \"in a string\" */ // xcov: exempt off";
static const char quote = '"';

int main(void)
{
    sink = in_a;  /* xcov: exempt off */ /*@warn "exempt off without an open region" */ // @+
    /* xcov: exempt on */ /*@warn "a justification in double quotes is required" */
    sink = 2;  // @+
    /* xcov: exempt off */
    sink = quote; /* xcov: exempt on "outer" */ /*@ex region 19-23 # */ // @#
    sink = 3;  // @#
    /* xcov: exempt on "inner" */ /*@warn "regions do not nest" */ // @#
    sink = fake[0];  // @#
    /* xcov: exempt off */ // @#
    sink = 5;  // @+
    /* xcov: exempt off */ /*@warn "exempt off without an open region" */
    /* xcov: exempt sometimes "x" */ /*@warn "unknown exemption" */
    /* xcov: exmept on "typo" */ /*@warn "unknown annotation" */
    /* xcov: exempt condition x "no number" */ /*@warn "needs a condition number" */
    if (in_a == 99) {  // @+ decision@!
        /* xcov: exempt on "never closed: to the end of the file" */ /*@ex region 30-35 * */ /*@warn "without exempt off" */ // @*
        sink = 6;  // @*
    }  // @*
    return 0;  // @*
}  // @*
/* the end */ // @*

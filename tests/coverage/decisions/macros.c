/* Corpus: decisions and conditions written through macros.  Code in a macro body is
 * attributed to the invocation (whole NAME(...) text) and flagged macro. */
#include "corpus_macros.h"

#define BOTH(a, b) ((a) && (b))
#define ANY3(a, b, c) ((a) || (b) || (c))
#define READY (status & 1)
#define NOT_BUSY !(status & 2)
#define IN_RANGE(v) ((v) >= 0 && (v) < 10)
#define IS_SET(v) ((v) != 0)
volatile int status;
int hits;

int use_both(int a, int b)
{
    /*@dec if macro: and(macro:{a},macro:{b}) */ /*@cov outcomes=TF uc=1,2 mask=1,2 */
    if (BOTH(a, b))
        return 1;
    return 0;
}

int use_any3(int a, int b, int c)
{
    /*@dec if macro: or(or(macro:{a},macro:{b}),macro:{c}) */ /*@cov outcomes=TF uc=1,3 mask=1,3 */
    if (ANY3(a, b, c))
        return 1;
    return 0;
}

int use_object_like(int a)
{
    /*@dec if macro: and(macro:{READY},and(not(macro:{NOT_BUSY}),{a})) */ /*@cov outcomes=TF uc=2,3 mask=2,3 */
    if (READY && (NOT_BUSY && a))
        return 1;
    return 0;
}

int use_mixed_body(int v)
{
    /* the body mixes >= < and &&: libclang-14 cannot say which binary node is which, so
     * the whole invocation is one condition, flagged macro */
    /*@dec if macro: macro:{IN_RANGE(v)} */ /*@cov outcomes=TF uc=1 mask=1 */
    if (IN_RANGE(v))
        return 1;
    return 0;
}

int use_predicate(int a, int b)
{
    /*@dec if macro: and(macro:{IS_SET(a)},not(macro:{IS_SET(b)})) */ /*@cov outcomes=TF uc=1,2 mask=1,2 */
    if (IS_SET(a) && !IS_SET(b))
        return 1;
    return 0;
}

int use_header(int a, int b, int c)
{
    /*@dec if macro: or(and(macro:{a},macro:{b}),macro:{c > HDR_LIMIT}) */ /*@cov outcomes=TF uc=1 mask=1,3 */
    if (HDR_BOTH(a, b) || c > HDR_LIMIT)
        return 1;
    return 0;
}

int main(void)
{
    int s = 0;
    s += use_both(1, 1) + use_both(0, 1) + use_both(1, 0);
    s += use_any3(0, 0, 1) + use_any3(1, 0, 0) + use_any3(0, 0, 0);
    status = 1;
    s += use_object_like(1) + use_object_like(0);
    status = 3;
    s += use_object_like(1);
    s += use_mixed_body(3) + use_mixed_body(12);
    s += use_predicate(1, 0) + use_predicate(1, 1) + use_predicate(0, 0);
    s += use_header(1, 1, 0) + use_header(1, 0, 9) + use_header(0, 1, 2);
    hits = s;
    return 0;
}

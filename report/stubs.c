/* report/stubs.c - weak stand-ins for the renderers written in other files
 * (html.c, json.c, lcov.c, cobertura.c, drcov.c), so the build links before
 * they land.  A real definition in its own file replaces the stub; the lead
 * removes this file once all of them are merged. */
#include "report/report.h"

#include <stdio.h>

static int unavailable(const char *name, char *err, size_t errlen)
{
    snprintf(err, errlen, "format %s not available in this build", name);
    return -1;
}

#define STUB(sym, nm)                                                                      \
    static int sym##_stub(const CovReport *r, const char *outdir, char *err, size_t errlen) \
    {                                                                                      \
        (void)r;                                                                           \
        (void)outdir;                                                                      \
        return unavailable(nm, err, errlen);                                               \
    }                                                                                      \
    __attribute__((weak)) const ReportRenderer sym = {nm, "(not available in this build)", \
                                                      sym##_stub};

STUB(report_html, "html")
STUB(report_json, "json")
STUB(report_lcov, "lcov")
STUB(report_cobertura, "cobertura")
STUB(report_drcov, "drcov")

/*
 * tests/report/model_stub.c - cov_level_name() for the renderer tests
 * while report/report.c (the xcov branch) is not merged; built only when
 * the project's report library is absent (see meson.build).
 */
#include "report/report.h"

const char *cov_level_name(CovLevel l)
{
    static const char *const names[] = {
        "insn", "branch", "stmt", "stmt+decision", "stmt+mcdc", "stmt+uc_mcdc",
    };
    return (unsigned)l < sizeof names / sizeof names[0] ? names[l] : "unknown";
}

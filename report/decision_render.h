/*
 * report/decision_render.h - helpers shared by the renderers that show
 * decisions (report.h CovDecision): the tree in prefix form, the pair a
 * level asks for, and the plain-text block (vector table and pairs) that
 * the xcov renderer prints under a decision's line.
 *
 * Internal to report/.
 */
#ifndef EMUCOV_REPORT_DECISION_RENDER_H
#define EMUCOV_REPORT_DECISION_RENDER_H

#include "render_util.h"

/* The condition tree in prefix form: and(c1,or(c2,not(c3))), conditions
 * numbered from 1 in source order. */
void report_decision_tree(ReportBuf *b, const CovDecision *d);

/* The pair the level judges (masking at stmt+mcdc, unique-cause at
 * stmt+uc_mcdc; NULL below stmt+mcdc) and its name. */
const int *report_condition_pair(const CovCondition *c, CovLevel l);
const char *report_pair_kind(CovLevel l);   /* "masking", "unique-cause", NULL */

/* The text block of decision d (number idx from 1 on its line), each line
 * starting with indent:
 *   decision 1 (if) at 12:7-12:18: partially-covered; outcomes True yes, False no
 *   exempted (condition 2 of the decision at line 12): c2: "why"   (if any)
 *   condition 1 "a" 12:8-12:9
 *   vectors:  #   c1 c2  out  count
 *             1   T  T   T        3
 *   pairs (masking): c1 vectors 1,2; c2 none
 */
void report_decision_text(ReportBuf *b, const CovReport *r, const CovDecision *d,
                          unsigned idx, const char *indent);

/* The exemptions covering obligations of d (docs/coverage-semantics.md §6),
 * one line each, in the order outcome True, outcome False, conditions:
 *   exempted (lines 10-13): outcome True, outcome False, c1, c2: "why"
 * each line starting with indent and ending with '\n'; nothing when none. */
void report_decision_exemptions(ReportBuf *b, const CovReport *r, const CovDecision *d,
                                const char *indent);

#endif

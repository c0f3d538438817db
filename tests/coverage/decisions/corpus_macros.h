/* Macros of the decision corpus defined in a header (their bodies are in another file than
 * the invocation: positions still go to the invocation site). */
#ifndef CORPUS_MACROS_H
#define CORPUS_MACROS_H
#define HDR_BOTH(a, b) ((a) && (b))
#define HDR_LIMIT 4
#endif

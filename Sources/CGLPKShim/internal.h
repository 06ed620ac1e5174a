#ifndef CGLPKSHIM_INTERNAL_H
#define CGLPKSHIM_INTERNAL_H
/* Shared between the shim's translation units; not part of the module's API. */
#include "CGLPKShim.h"

#include <glpk.h>

/* A unit of GLPK work run inside the guard; returns a CGLPK_* or GLPK code. */
typedef int (*cglpk__body)(void *context);

/*
 * guard.c — runs body(context) with GLPK's terminal output captured into
 * result->log / result->error_message and GLPK's fatal errors turned into
 * CGLPK_FATAL. Always frees this thread's GLPK environment before returning.
 */
int cglpk__run_guarded(cglpk__body body, void *context, cglpk_result *result);

/* build.c — a cglpk_problem on its way to becoming a glp_prob. */
typedef struct cglpk__build {
    const cglpk_problem *in;
    glp_prob *P;
    int *ia, *ja; /* 1-based triplets for glp_load_matrix, freed by cglpk__run_with_problem */
    double *ar;
} cglpk__build;

/* Checks the structure the shim itself walks (counts, CSR offsets); 1 if usable. */
int cglpk__check_structure(const cglpk_problem *in);

/* Creates b->P from b->in. Must run inside the guard. */
void cglpk__build_problem(cglpk__build *b);

/*
 * The common frame of the entry points: checks b->in, prepares its matrix
 * triplets, runs body(context) guarded, frees the triplets. Returns body's
 * value, CGLPK_FATAL, CGLPK_BAD_INPUT or CGLPK_NO_MEMORY.
 */
int cglpk__run_with_problem(cglpk__build *b, cglpk__body body, void *context, cglpk_result *result);

#endif

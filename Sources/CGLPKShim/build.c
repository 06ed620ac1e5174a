/*
 * Turning a cglpk_problem into a glp_prob, and the frame every entry point shares.
 */
#include "internal.h"

#include <limits.h>
#include <stdlib.h>

int cglpk__check_structure(const cglpk_problem *in) {
    if (in->num_rows < 0 || in->num_cols < 0) return 0;
    if (in->num_rows > 0 && (in->row_start == NULL || in->row_type == NULL)) return 0;
    if (in->num_cols > 0 && (in->col_type == NULL || in->col_kind == NULL || in->objective == NULL)) return 0;
    if (in->num_rows > 0) {
        if (in->row_start[0] != 0) return 0;
        for (int i = 0; i < in->num_rows; i++)
            if (in->row_start[i + 1] < in->row_start[i]) return 0;
        if (in->row_start[in->num_rows] == INT_MAX) return 0;
        if (in->row_start[in->num_rows] > 0 && (in->col_index == NULL || in->values == NULL)) return 0;
    }
    return 1;
}

/* glp_load_matrix wants 1-based triplets with an unused element 0. */
static int allocate_triplets(cglpk__build *b) {
    int nnz = b->in->num_rows > 0 ? b->in->row_start[b->in->num_rows] : 0;
    if (nnz == 0) return 1;
    b->ia = malloc(sizeof(int) * ((size_t)nnz + 1));
    b->ja = malloc(sizeof(int) * ((size_t)nnz + 1));
    b->ar = malloc(sizeof(double) * ((size_t)nnz + 1));
    if (b->ia == NULL || b->ja == NULL || b->ar == NULL) return 0;
    for (int i = 0; i < b->in->num_rows; i++) {
        for (int k = b->in->row_start[i]; k < b->in->row_start[i + 1]; k++) {
            b->ia[k + 1] = i + 1;
            b->ja[k + 1] = b->in->col_index[k] + 1; /* out of range → glp_error → guard */
            b->ar[k + 1] = b->in->values[k];
        }
    }
    return 1;
}

static void free_triplets(cglpk__build *b) {
    free(b->ia);
    free(b->ja);
    free(b->ar);
    b->ia = b->ja = NULL;
    b->ar = NULL;
}

void cglpk__build_problem(cglpk__build *b) {
    const cglpk_problem *in = b->in;
    glp_prob *P = glp_create_prob();
    b->P = P;
    if (in->name != NULL) glp_set_prob_name(P, in->name);
    if (in->objective_name != NULL) glp_set_obj_name(P, in->objective_name);
    glp_set_obj_dir(P, in->maximize ? GLP_MAX : GLP_MIN);
    glp_set_obj_coef(P, 0, in->objective_constant);

    if (in->num_cols > 0) glp_add_cols(P, in->num_cols);
    for (int j = 0; j < in->num_cols; j++) {
        if (in->col_names != NULL && in->col_names[j] != NULL) glp_set_col_name(P, j + 1, in->col_names[j]);
        /* Kind before bounds: binaries arrive as GLP_IV with [0,1]-subset bounds, kept as given. */
        glp_set_col_kind(P, j + 1, in->col_kind[j]);
        glp_set_col_bnds(P, j + 1, in->col_type[j], in->col_lb[j], in->col_ub[j]);
        glp_set_obj_coef(P, j + 1, in->objective[j]);
    }
    if (in->num_rows > 0) glp_add_rows(P, in->num_rows);
    for (int i = 0; i < in->num_rows; i++) {
        if (in->row_names != NULL && in->row_names[i] != NULL) glp_set_row_name(P, i + 1, in->row_names[i]);
        glp_set_row_bnds(P, i + 1, in->row_type[i], in->row_lb[i], in->row_ub[i]);
    }
    int nnz = in->num_rows > 0 ? in->row_start[in->num_rows] : 0;
    if (nnz > 0) glp_load_matrix(P, nnz, b->ia, b->ja, b->ar);
}

int cglpk__run_with_problem(cglpk__build *b, cglpk__body body, void *context, cglpk_result *result) {
    if (!cglpk__check_structure(b->in)) return CGLPK_BAD_INPUT;
    int rc = allocate_triplets(b) ? cglpk__run_guarded(body, context, result) : CGLPK_NO_MEMORY;
    free_triplets(b);
    return rc;
}

/*
 * CGLPKShim — guarded one-call GLPK solve and export. See include/CGLPKShim.h.
 *
 * Layout: output capture (term hook) → the guard (error hook + setjmp) → problem
 * building → solving and extraction → the public entry points.
 */
#include "CGLPKShim.h"

#include <glpk.h>
#include <limits.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define xstr_(s) #s
#define xstr(s) xstr_(s)

/* ------------------------------------------------------------------------- */
/* Output capture                                                            */
/* ------------------------------------------------------------------------- */

enum { LOG_LIMIT = 1 << 20 }; /* 1 MiB per call; the rest is dropped and flagged */

typedef struct text_buffer {
    char *data;
    size_t length;
    size_t capacity;
    int truncated;
} text_buffer;

static void buffer_append(text_buffer *buffer, const char *s) {
    size_t n = strlen(s);
    if (buffer->length + n > LOG_LIMIT) {
        buffer->truncated = 1;
        return;
    }
    if (buffer->length + n + 1 > buffer->capacity) {
        size_t capacity = buffer->capacity == 0 ? 1024 : buffer->capacity;
        while (capacity < buffer->length + n + 1) capacity *= 2;
        char *grown = realloc(buffer->data, capacity);
        if (grown == NULL) {
            buffer->truncated = 1;
            return;
        }
        buffer->data = grown;
        buffer->capacity = capacity;
    }
    memcpy(buffer->data + buffer->length, s, n + 1);
    buffer->length += n;
}

typedef struct capture {
    text_buffer log;   /* everything GLPK printed */
    text_buffer error; /* what it printed while in error state (the fatal message) */
} capture;

/* glp_term_hook: keep the text, return non-zero so GLPK prints nothing itself. */
static int on_terminal_output(void *info, const char *s) {
    capture *c = info;
    buffer_append(&c->log, s);
    if (glp_at_error()) buffer_append(&c->error, s);
    return 1;
}

static void capture_hand_over(capture *c, cglpk_result *result) {
    result->log = c->log.data;
    result->log_length = c->log.length;
    result->log_truncated = c->log.truncated;
    result->error_message = c->error.data;
    c->log.data = NULL;
    c->error.data = NULL;
}

/* ------------------------------------------------------------------------- */
/* The guard                                                                 */
/* ------------------------------------------------------------------------- */

/* The innermost active guard of this thread; GLPK's environment is per thread too. */
static _Thread_local jmp_buf *guard_target = NULL;

/* glp_error_hook: jump back into run_guarded instead of letting GLPK abort(). */
static void on_glpk_error(void *info) {
    (void)info;
    jmp_buf *target = guard_target;
    if (target != NULL) longjmp(*target, 1);
    /* No guard (cannot happen: the hook is only installed inside one): GLPK aborts. */
}

typedef int (*guarded_body)(void *context);

/*
 * Runs body(context) with GLPK's output captured and its fatal errors turned into
 * CGLPK_FATAL. Always frees this thread's GLPK environment before returning, so the
 * body must not leave GLPK objects behind (they would be freed with it anyway).
 * The body keeps its state in *context (not in locals of this frame), so nothing it
 * writes is lost across the longjmp.
 */
static int run_guarded(guarded_body body, void *context, capture *out) {
    jmp_buf target;
    jmp_buf *const previous = guard_target;
    if (setjmp(target) != 0) {
        guard_target = previous;
        glp_free_env(); /* mandatory after a jump out of glp_error; frees every object */
        return CGLPK_FATAL;
    }
    guard_target = &target;
    glp_term_hook(on_terminal_output, out);
    glp_error_hook(on_glpk_error, NULL);
    int rc = body(context);
    glp_error_hook(NULL, NULL);
    glp_term_hook(NULL, NULL);
    guard_target = previous;
    glp_free_env();
    return rc;
}

/* ------------------------------------------------------------------------- */
/* Building the problem                                                      */
/* ------------------------------------------------------------------------- */

/* Checks the structure the shim itself walks; numbers and names are Swift's job. */
static int check_structure(const cglpk_problem *in) {
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

typedef struct build_state {
    const cglpk_problem *in;
    glp_prob *P;
    int *ia, *ja; /* 1-based triplets for glp_load_matrix, owned by the entry point */
    double *ar;
} build_state;

static int allocate_triplets(build_state *b) {
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

static void free_triplets(build_state *b) {
    free(b->ia);
    free(b->ja);
    free(b->ar);
    b->ia = b->ja = NULL;
    b->ar = NULL;
}

/* Creates b->P from b->in. Must run inside run_guarded. */
static void build_problem(build_state *b) {
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

/* ------------------------------------------------------------------------- */
/* Solving and extraction                                                    */
/* ------------------------------------------------------------------------- */

typedef struct solve_state {
    build_state build;
    const cglpk_params *params;
    cglpk_result *out;
    struct timespec started;
} solve_state;

static double elapsed_ms(const struct timespec *since) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - since->tv_sec) * 1e3 + (double)(now.tv_nsec - since->tv_nsec) / 1e6;
}

/* Milliseconds left of the shared time limit (at least 1, since GLPK wants tm_lim > 0). */
static int remaining_ms(const solve_state *s) {
    if (s->params->tm_lim == INT_MAX) return INT_MAX;
    double left = (double)s->params->tm_lim - elapsed_ms(&s->started);
    return left < 1.0 ? 1 : (int)left;
}

static void initial_basis(glp_prob *P) {
    if (glp_get_num_rows(P) > 0 && glp_get_num_cols(P) > 0)
        glp_adv_basis(P, 0);
    else
        glp_std_basis(P);
}

static int install_warm_basis(glp_prob *P, const cglpk_params *params) {
    if (params->warm_row_stat == NULL || params->warm_col_stat == NULL) return 0;
    int m = glp_get_num_rows(P), n = glp_get_num_cols(P);
    /* glp_set_*_stat replace a non-basic status that does not fit the bound type. */
    for (int i = 1; i <= m; i++) glp_set_row_stat(P, i, params->warm_row_stat[i - 1]);
    for (int j = 1; j <= n; j++) glp_set_col_stat(P, j, params->warm_col_stat[j - 1]);
    return 1;
}

static int run_simplex(solve_state *s, int presolve) {
    glp_prob *P = s->build.P;
    glp_smcp parm;
    glp_init_smcp(&parm);
    parm.msg_lev = s->params->msg_lev;
    parm.meth = s->params->meth;
    parm.presolve = presolve ? GLP_ON : GLP_OFF;
    parm.it_lim = s->params->it_lim;
    parm.tm_lim = remaining_ms(s);

    int warm = !presolve && install_warm_basis(P, s->params);
    if (!warm && !presolve) initial_basis(P);
    int rc = glp_simplex(P, &parm);
    if (warm && (rc == GLP_EBADB || rc == GLP_ESING || rc == GLP_ECOND)) {
        s->out->warm_start = CGLPK_WARM_REJECTED;
        initial_basis(P);
        parm.tm_lim = remaining_ms(s);
        rc = glp_simplex(P, &parm);
    } else if (warm) {
        s->out->warm_start = CGLPK_WARM_USED;
    }
    s->out->ran_simplex = 1;
    s->out->lp_status = glp_get_status(P);
    s->out->lp_primal_status = glp_get_prim_stat(P);
    s->out->lp_dual_status = glp_get_dual_stat(P);
    return rc;
}

static void extract_lp(solve_state *s, int rc, int presolve) {
    glp_prob *P = s->build.P;
    cglpk_result *out = s->out;
    int m = glp_get_num_rows(P), n = glp_get_num_cols(P);
    out->objective = glp_get_obj_val(P);
    for (int j = 1; j <= n; j++) {
        if (out->col_value != NULL) out->col_value[j - 1] = glp_get_col_prim(P, j);
        if (out->col_dual != NULL) out->col_dual[j - 1] = glp_get_col_dual(P, j);
    }
    for (int i = 1; i <= m; i++) {
        if (out->row_value != NULL) out->row_value[i - 1] = glp_get_row_prim(P, i);
        if (out->row_dual != NULL) out->row_dual[i - 1] = glp_get_row_dual(P, i);
    }
    out->has_values = 1;
    out->has_duals = 1;
    /* After presolve only an optimal basis is recovered (GLPK manual §2.8.1). */
    int basis_meaningful = (rc == 0 || rc == GLP_ETMLIM || rc == GLP_EITLIM) &&
                           (!presolve || out->lp_status == GLP_OPT);
    if (basis_meaningful && out->row_stat != NULL && out->col_stat != NULL) {
        for (int i = 1; i <= m; i++) out->row_stat[i - 1] = glp_get_row_stat(P, i);
        for (int j = 1; j <= n; j++) out->col_stat[j - 1] = glp_get_col_stat(P, j);
        out->has_basis = 1;
    }
}

typedef struct mip_progress {
    int has_bound;
    double bound;
    int nodes;
} mip_progress;

/* glp_iocp.cb_func: remember the best bound and the tree size as the search goes. */
static void on_mip_callback(glp_tree *T, void *info) {
    mip_progress *progress = info;
    int best = glp_ios_best_node(T);
    if (best != 0) {
        progress->bound = glp_ios_node_bound(T, best);
        progress->has_bound = 1;
    }
    int active = 0, current = 0, total = 0;
    glp_ios_tree_size(T, &active, &current, &total);
    if (total > progress->nodes) progress->nodes = total;
}

static int run_intopt(solve_state *s, mip_progress *progress) {
    glp_iocp parm;
    glp_init_iocp(&parm);
    const cglpk_params *p = s->params;
    parm.msg_lev = p->msg_lev;
    parm.br_tech = p->br_tech;
    parm.bt_tech = p->bt_tech;
    parm.tm_lim = remaining_ms(s);
    parm.mip_gap = p->mip_gap;
    parm.gmi_cuts = p->gmi_cuts;
    parm.mir_cuts = p->mir_cuts;
    parm.cov_cuts = p->cov_cuts;
    parm.clq_cuts = p->clq_cuts;
    parm.fp_heur = p->fp_heur;
    parm.ps_heur = p->ps_heur;
    parm.sr_heur = p->sr_heur;
    parm.presolve = p->presolve ? GLP_ON : GLP_OFF;
    parm.cb_func = on_mip_callback;
    parm.cb_info = progress;
    s->out->ran_intopt = 1;
    return glp_intopt(s->build.P, &parm);
}

static void extract_mip(solve_state *s) {
    glp_prob *P = s->build.P;
    cglpk_result *out = s->out;
    int m = glp_get_num_rows(P), n = glp_get_num_cols(P);
    out->mip_status = glp_mip_status(P);
    if (out->mip_status != GLP_OPT && out->mip_status != GLP_FEAS) return;
    out->objective = glp_mip_obj_val(P);
    for (int j = 1; j <= n; j++)
        if (out->col_value != NULL) out->col_value[j - 1] = glp_mip_col_val(P, j);
    for (int i = 1; i <= m; i++)
        if (out->row_value != NULL) out->row_value[i - 1] = glp_mip_row_val(P, i);
    out->has_values = 1;
}

static int solve_body(void *context) {
    solve_state *s = context;
    cglpk_result *out = s->out;
    const cglpk_params *p = s->params;
    build_problem(&s->build);
    glp_prob *P = s->build.P;

    int rc;
    if (!p->mip) {
        rc = run_simplex(s, p->presolve);
        extract_lp(s, rc, p->presolve);
    } else {
        mip_progress progress = {0, 0.0, 0};
        rc = 0;
        /* glp_intopt without its presolver needs an optimal LP relaxation (else GLP_EROOT). */
        if (!p->presolve) rc = run_simplex(s, 0);
        if (p->presolve || (rc == 0 && out->lp_status == GLP_OPT)) {
            rc = run_intopt(s, &progress);
            extract_mip(s);
        }
        out->has_mip_bound = progress.has_bound;
        out->mip_bound = progress.bound;
        out->nodes = progress.nodes;
    }
    out->rc = rc;
    out->iterations = glp_get_it_cnt(P);
    glp_delete_prob(P);
    s->build.P = NULL;
    return CGLPK_OK;
}

static void reset_result(cglpk_result *out) {
    out->rc = 0;
    out->ran_simplex = out->ran_intopt = 0;
    out->lp_status = out->lp_primal_status = out->lp_dual_status = GLP_UNDEF;
    out->mip_status = GLP_UNDEF;
    out->has_values = out->has_duals = out->has_basis = 0;
    out->objective = 0.0;
    out->has_mip_bound = 0;
    out->mip_bound = 0.0;
    out->iterations = out->nodes = 0;
    out->warm_start = CGLPK_WARM_NONE;
    out->log = NULL;
    out->log_length = 0;
    out->log_truncated = 0;
    out->error_message = NULL;
}

/* ------------------------------------------------------------------------- */
/* Entry points                                                              */
/* ------------------------------------------------------------------------- */

int cglpk_solve(const cglpk_problem *problem, const cglpk_params *params, cglpk_result *result) {
    reset_result(result);
    if (!check_structure(problem)) return CGLPK_BAD_INPUT;
    solve_state s;
    memset(&s, 0, sizeof s);
    s.build.in = problem;
    s.params = params;
    s.out = result;
    clock_gettime(CLOCK_MONOTONIC, &s.started);
    if (!allocate_triplets(&s.build)) {
        free_triplets(&s.build);
        return CGLPK_NO_MEMORY;
    }
    capture c;
    memset(&c, 0, sizeof c);
    int rc = run_guarded(solve_body, &s, &c);
    free_triplets(&s.build);
    capture_hand_over(&c, result);
    return rc;
}

typedef struct write_state {
    build_state build;
    int format;
    const char *path;
} write_state;

static int write_body(void *context) {
    write_state *w = context;
    build_problem(&w->build);
    int rc = w->format == CGLPK_FORMAT_FREE_MPS
                 ? glp_write_mps(w->build.P, GLP_MPS_FILE, NULL, w->path)
                 : glp_write_lp(w->build.P, NULL, w->path);
    glp_delete_prob(w->build.P);
    w->build.P = NULL;
    return rc;
}

int cglpk_write(const cglpk_problem *problem, int format, const char *path, cglpk_result *result) {
    reset_result(result);
    if (!check_structure(problem) || path == NULL) return CGLPK_BAD_INPUT;
    if (format != CGLPK_FORMAT_CPLEX_LP && format != CGLPK_FORMAT_FREE_MPS) return CGLPK_BAD_INPUT;
    write_state w;
    memset(&w, 0, sizeof w);
    w.build.in = problem;
    w.format = format;
    w.path = path;
    if (!allocate_triplets(&w.build)) {
        free_triplets(&w.build);
        return CGLPK_NO_MEMORY;
    }
    capture c;
    memset(&c, 0, sizeof c);
    int rc = run_guarded(write_body, &w, &c);
    free_triplets(&w.build);
    capture_hand_over(&c, result);
    return rc;
}

void cglpk_result_release(cglpk_result *result) {
    free(result->log);
    free(result->error_message);
    result->log = NULL;
    result->error_message = NULL;
    result->log_length = 0;
}

const char *cglpk_version(void) { return glp_version(); }

const char *cglpk_header_version(void) { return xstr(GLP_MAJOR_VERSION) "." xstr(GLP_MINOR_VERSION); }

/*
 * CGLPKShim entry points: guarded one-call solve and export. See include/CGLPKShim.h;
 * guard.c holds the setjmp guard and output capture, build.c the problem building.
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime, CLOCK_MONOTONIC */
#include "internal.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define xstr_(s) #s
#define xstr(s) xstr_(s)

/* ------------------------------------------------------------------------- */
/* Solving and extraction                                                    */
/* ------------------------------------------------------------------------- */

typedef struct solve_state {
    cglpk__build build;
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
    /* A numerical failure (singular or ill-conditioned basis, or a run that ends neither optimal,
     * infeasible nor unbounded) is retried once on the scaled problem from the standard basis, as
     * glpsol does by default; results are reported unscaled either way. */
    int numerical = rc == GLP_ESING || rc == GLP_ECOND || rc == GLP_EFAIL ||
        (rc == 0 && glp_get_status(P) != GLP_OPT && glp_get_status(P) != GLP_NOFEAS && glp_get_status(P) != GLP_UNBND &&
         glp_get_dual_stat(P) != GLP_NOFEAS);
    if (numerical && !presolve && remaining_ms(s) > 1) {
        glp_scale_prob(P, GLP_SF_AUTO);
        glp_std_basis(P);
        parm.tm_lim = remaining_ms(s);
        rc = glp_simplex(P, &parm);
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
    int node_limit;        /* 0: none */
    const double *start;   /* 1-based copy of the known point, or NULL */
    int start_offered;
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
    /* Offer the caller's known point once, as a heuristic solution (deterministic warm start). */
    if (progress->start != NULL && !progress->start_offered && glp_ios_reason(T) == GLP_IHEUR) {
        progress->start_offered = 1;
        glp_ios_heur_sol(T, progress->start);
    }
    /* A node limit makes a bounded search reproducible, unlike a time limit. It is checked when the
       next subproblem is selected, so the current node (and the root with its heuristics) completes. */
    if (progress->node_limit > 0 && total > progress->node_limit && glp_ios_reason(T) == GLP_ISELECT)
        glp_ios_terminate(T);
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
    cglpk__build_problem(&s->build);
    glp_prob *P = s->build.P;

    int rc;
    if (!p->mip) {
        rc = run_simplex(s, p->presolve);
        extract_lp(s, rc, p->presolve);
    } else {
        mip_progress progress = {0, 0.0, 0, p->node_limit, NULL, 0};
        double *start = NULL;
        /* The known point is offered only without presolve: the tree then works on the original columns. */
        if (p->mip_start != NULL && !p->presolve) {
            int n = glp_get_num_cols(P);
            start = glp_alloc(n + 1, sizeof(double)); /* freed by glp_free_env if GLPK aborts */
            start[0] = 0.0;
            for (int j = 1; j <= n; j++) start[j] = p->mip_start[j - 1];
            progress.start = start;
        }
        rc = 0;
        /* glp_intopt without its presolver needs an optimal LP relaxation (else GLP_EROOT). */
        if (!p->presolve) rc = run_simplex(s, 0);
        if (p->presolve || (rc == 0 && out->lp_status == GLP_OPT)) {
            rc = run_intopt(s, &progress);
            extract_mip(s);
        }
        if (start != NULL) glp_free(start);
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
    solve_state s;
    memset(&s, 0, sizeof s);
    s.build.in = problem;
    s.params = params;
    s.out = result;
    clock_gettime(CLOCK_MONOTONIC, &s.started);
    return cglpk__run_with_problem(&s.build, solve_body, &s, result);
}

typedef struct write_state {
    cglpk__build build;
    int format;
    const char *path;
} write_state;

static int write_body(void *context) {
    write_state *w = context;
    cglpk__build_problem(&w->build);
    int rc = w->format == CGLPK_FORMAT_FREE_MPS
                 ? glp_write_mps(w->build.P, GLP_MPS_FILE, NULL, w->path)
                 : glp_write_lp(w->build.P, NULL, w->path);
    glp_delete_prob(w->build.P);
    w->build.P = NULL;
    return rc;
}

int cglpk_write(const cglpk_problem *problem, int format, const char *path, cglpk_result *result) {
    reset_result(result);
    if (path == NULL || (format != CGLPK_FORMAT_CPLEX_LP && format != CGLPK_FORMAT_FREE_MPS)) return CGLPK_BAD_INPUT;
    write_state w;
    memset(&w, 0, sizeof w);
    w.build.in = problem;
    w.format = format;
    w.path = path;
    return cglpk__run_with_problem(&w.build, write_body, &w, result);
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

#ifndef CGLPKSHIM_H
#define CGLPKSHIM_H
/*
 * CGLPKShim — the only C code in krtplan.
 *
 * Every GLPK call of a solve or an export happens inside ONE guarded C call:
 * the problem is built, solved (or written), read back and deleted on the calling
 * thread, and the thread's GLPK environment is freed before the call returns, so
 * no glp_prob ever outlives a call or crosses threads.
 *
 * The guard: GLPK reports invalid data through glp_error/glp_assert, which call
 * abort(). The shim installs glp_error_hook with a hook that longjmps (through a
 * per-thread jmp_buf pointer) back into the entry point, which then calls
 * glp_free_env() (mandatory after such a jump; it also releases the half-built
 * problem) and returns CGLPK_FATAL with GLPK's message. Terminal output is captured
 * by glp_term_hook into a per-call buffer and never reaches stdout/stderr.
 *
 * The shim validates nothing beyond the array structure it walks itself (CSR
 * offsets): the Swift layer validates every number and name first; the guard is
 * the backstop. Integer constants in these structs are GLPK's own (GLP_CV,
 * GLP_FR, GLP_BS, GLP_MSG_OFF, ...), filled in by the Swift side.
 */
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Return values of cglpk_solve / cglpk_write (GLPK codes are reported separately). */
enum {
    CGLPK_OK = 0,
    /* GLPK called glp_error/glp_assert; the guard recovered, the environment was freed. */
    CGLPK_FATAL = -1,
    /* The CSR structure or counts handed to the shim are inconsistent. */
    CGLPK_BAD_INPUT = -2,
    /* malloc failed inside the shim. */
    CGLPK_NO_MEMORY = -3,
};

/* Warm-start outcome reported in cglpk_result.warm_start. */
enum {
    CGLPK_WARM_NONE = 0,     /* no basis given: advanced (or standard) initial basis */
    CGLPK_WARM_USED = 1,     /* the given basis was installed and accepted */
    CGLPK_WARM_REJECTED = 2, /* simplex rejected it (invalid/singular); retried from a fresh basis */
};

/* Export formats of cglpk_write. */
enum {
    CGLPK_FORMAT_CPLEX_LP = 1, /* glp_write_lp */
    CGLPK_FORMAT_FREE_MPS = 2, /* glp_write_mps(GLP_MPS_FILE) */
};

/* A whole LP/MIP. Arrays are 0-based; matrix in compressed sparse rows. */
typedef struct cglpk_problem {
    const char *name;           /* problem name, or NULL */
    const char *objective_name; /* objective row name, or NULL */
    int maximize;               /* 0: minimise, 1: maximise */
    double objective_constant;

    int num_cols;
    const double *objective;         /* [num_cols] */
    const int *col_kind;             /* [num_cols] GLP_CV or GLP_IV */
    const int *col_type;             /* [num_cols] GLP_FR/LO/UP/DB/FX */
    const double *col_lb;            /* [num_cols] ignored where the type has no lower bound */
    const double *col_ub;            /* [num_cols] */
    const char *const *col_names;    /* [num_cols] or NULL */

    int num_rows;
    const int *row_type;             /* [num_rows] */
    const double *row_lb;            /* [num_rows] */
    const double *row_ub;            /* [num_rows] */
    const char *const *row_names;    /* [num_rows] or NULL */
    const int *row_start;            /* [num_rows + 1]; row i owns entries row_start[i] ..< row_start[i+1] */
    const int *col_index;            /* [nnz] 0-based column of each entry */
    const double *values;            /* [nnz] */
} cglpk_problem;

/* Solver parameters (a subset of glp_smcp / glp_iocp). */
typedef struct cglpk_params {
    int mip;             /* 0: LP by glp_simplex; 1: MIP by glp_intopt */
    int msg_lev;         /* GLP_MSG_OFF .. GLP_MSG_ALL (captured, never printed) */
    int meth;            /* GLP_PRIMAL, GLP_DUALP or GLP_DUAL */
    int presolve;        /* LP: glp_smcp.presolve; MIP: glp_iocp.presolve (else the root LP is solved first) */
    int tm_lim;          /* milliseconds, > 0; INT_MAX for none; shared by root LP and branch-and-cut */
    int it_lim;          /* simplex iterations; INT_MAX for none (LP and the MIP root LP) */
    double mip_gap;      /* glp_iocp.mip_gap */
    int br_tech;         /* GLP_BR_* */
    int bt_tech;         /* GLP_BT_* */
    int gmi_cuts, mir_cuts, cov_cuts, clq_cuts; /* GLP_ON / GLP_OFF */
    int fp_heur, ps_heur, sr_heur;              /* GLP_ON / GLP_OFF */
    const int *warm_row_stat; /* [num_rows] GLP_BS/NL/NU/NF/NS, or NULL */
    const int *warm_col_stat; /* [num_cols], or NULL; both or neither */
    int node_limit;           /* MIP: stop (GLP_ESTOP) once the search tree has this many nodes; 0 for none */
    const double *mip_start;  /* MIP without presolve: [num_cols] a known integer-feasible point, or NULL */
} cglpk_params;

/* What a solve produced. Output arrays are owned by the caller (any may be NULL). */
typedef struct cglpk_result {
    double *col_value;  /* [num_cols] primal values (MIP: incumbent) */
    double *row_value;  /* [num_rows] row activities, without any constant */
    double *row_dual;   /* [num_rows] LP only: glp_get_row_dual */
    double *col_dual;   /* [num_cols] LP only: glp_get_col_dual (reduced costs) */
    int *row_stat;      /* [num_rows] LP only: final basis */
    int *col_stat;      /* [num_cols] */

    int rc;             /* GLPK return code of the last solver routine called */
    int ran_simplex;    /* glp_simplex was called (LP, or MIP root without presolve) */
    int ran_intopt;     /* glp_intopt was called */
    int lp_status;      /* glp_get_status after glp_simplex */
    int lp_primal_status; /* glp_get_prim_stat */
    int lp_dual_status;   /* glp_get_dual_stat */
    int mip_status;     /* glp_mip_status after glp_intopt */
    int has_values;     /* col_value/row_value were written */
    int has_duals;      /* row_dual/col_dual were written */
    int has_basis;      /* row_stat/col_stat were written */
    double objective;   /* objective value including the constant */
    int has_mip_bound;
    double mip_bound;   /* best bound seen in the branch-and-bound tree */
    int iterations;     /* glp_get_it_cnt of the problem object */
    int nodes;          /* branch-and-bound nodes created (glp_ios_tree_size t_cnt) */
    int warm_start;     /* CGLPK_WARM_* */

    char *log;          /* captured terminal output (malloc'd, NUL-terminated), or NULL */
    size_t log_length;
    int log_truncated;
    char *error_message; /* text GLPK printed while in error state (malloc'd), or NULL */
} cglpk_result;

/* Builds, solves, extracts and deletes in one guarded call. Returns CGLPK_*. */
int cglpk_solve(const cglpk_problem *problem, const cglpk_params *params, cglpk_result *result);

/* Writes the problem as CPLEX LP or free MPS to `path`, guarded. Returns CGLPK_OK, CGLPK_FATAL,
 * CGLPK_BAD_INPUT, CGLPK_NO_MEMORY, or the (positive) GLPK writer return code.
 * Captured output goes into result->log / result->error_message (other fields unused). */
int cglpk_write(const cglpk_problem *problem, int format, const char *path, cglpk_result *result);

/* Frees log and error_message of a result (not the caller-owned arrays). */
void cglpk_result_release(cglpk_result *result);

/* glp_version() of the linked library, e.g. "5.0". */
const char *cglpk_version(void);

/* GLP_MAJOR_VERSION.GLP_MINOR_VERSION of the header the shim was compiled against. */
const char *cglpk_header_version(void);

#ifdef __cplusplus
}
#endif
#endif

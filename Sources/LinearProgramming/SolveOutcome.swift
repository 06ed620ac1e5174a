/// Why the solver stopped. Kept apart from the primal/dual feasibility statuses
/// (the JuMP/MathOpt model): e.g. ``timeLimit`` may or may not come with a feasible point.
///
/// | GLPK result | termination |
/// |---|---|
/// | rc 0, status `GLP_OPT` | ``optimal`` |
/// | rc 0, `GLP_NOFEAS`; or `GLP_ENOPFS`, `GLP_ENOFEAS` | ``infeasible`` |
/// | rc 0, `GLP_UNBND` (LP) | ``unbounded`` |
/// | `GLP_ENODFS`; MIP with unbounded relaxation; rc 0 with dual `GLP_NOFEAS` only | ``infeasibleOrUnbounded`` |
/// | `GLP_ETMLIM` | ``timeLimit`` |
/// | `GLP_EITLIM` | ``iterationLimit`` |
/// | `GLP_EMIPGAP` | ``gapLimit`` |
/// | `GLP_ESTOP` (node limit) | ``nodeLimit`` |
/// | `GLP_ESING`, `GLP_ECOND`, `GLP_EFAIL`, `GLP_EINSTAB`, `GLP_ENOCVG`, `GLP_EBADB` | ``numericalError`` |
/// | `GLP_EBOUND`, `GLP_EROOT`, others | thrown ``LinearProgrammingError/unexpectedReturnCode(_:log:)`` |
public enum TerminationReason: Sendable, Hashable {
    /// Proven optimal (within GLPK's tolerances).
    case optimal
    /// Proven to have no feasible point.
    case infeasible
    /// Feasible with an objective that improves without limit.
    case unbounded
    /// Either infeasible or unbounded; GLPK did not tell which (presolve, or a MIP whose
    /// relaxation is unbounded). Re-solve with presolve off to find out.
    case infeasibleOrUnbounded
    /// ``SolveOptions/timeLimit`` reached.
    case timeLimit
    /// ``SolveOptions/iterationLimit`` reached.
    case iterationLimit
    /// MIP stopped with the incumbent within ``SolveOptions/relativeGap`` of the bound.
    case gapLimit
    /// MIP stopped at ``SolveOptions/nodeLimit`` (`GLP_ESTOP` from the shim's callback).
    case nodeLimit
    /// The solver failed numerically (singular/ill-conditioned basis, instability) or
    /// reported an inconsistent status.
    case numericalError
}

/// What is known about the primal (or dual) solution, mirroring GLPK's
/// `glp_get_prim_stat` / `glp_get_dual_stat` / `glp_mip_status`.
public enum FeasibilityStatus: Sendable, Hashable {
    /// Unknown (`GLP_UNDEF`): no point, or nothing can be said (MIPs have no duals).
    case undefined
    /// A feasible point is available (`GLP_FEAS`, or `GLP_OPT`).
    case feasible
    /// The available point is infeasible, and nothing is proven (`GLP_INFEAS`).
    case infeasible
    /// Proven that no feasible point exists (`GLP_NOFEAS`, or `GLP_ENOPFS`/`GLP_ENODFS`).
    case noFeasibleSolution
}

/// What a warm start amounted to.
public enum WarmStartUse: Sendable, Hashable {
    /// No ``SolveOptions/warmStart`` was given: GLPK's advanced initial basis was used.
    case notRequested
    /// The given basis was installed and the simplex started from it.
    case used
    /// The simplex rejected the basis (invalid or singular); it restarted from a fresh one.
    case rejected
    /// Ignored: its sizes do not match the program's constraints and variables.
    case ignoredSizeMismatch
    /// Ignored: presolve was on, and the presolver builds its own basis.
    case ignoredPresolve
}

/// Work counters of a solve.
public struct SolveStatistics: Sendable, Hashable {
    /// Wall-clock time of the whole GLPK call (build, solve, extract, delete).
    public let wallTime: Duration
    /// Simplex iterations (`glp_get_it_cnt`): for a MIP, those of every LP solved
    /// during branch-and-cut (and of the root LP).
    public let simplexIterations: Int
    /// Branch-and-bound nodes created (0 for an LP or when presolve solved the MIP).
    public let branchAndBoundNodes: Int
    /// What became of ``SolveOptions/warmStart``.
    public let warmStart: WarmStartUse
    /// Whether presolve was used.
    public let presolved: Bool
    /// Whether the program was solved as a MIP (`glp_intopt`).
    public let solvedAsMIP: Bool
}

/// Everything a solve concluded.
public struct SolveOutcome: Sendable {
    /// Why the solver stopped.
    public let termination: TerminationReason
    /// What is known about a primal solution.
    public let primalStatus: FeasibilityStatus
    /// What is known about a dual solution (always ``FeasibilityStatus/undefined`` for a MIP,
    /// unless its relaxation was proven dual infeasible).
    public let dualStatus: FeasibilityStatus
    /// The solution; present exactly when ``primalStatus`` is ``FeasibilityStatus/feasible``.
    /// That includes a time-limited MIP with an incumbent, and the feasible point of an
    /// ``TerminationReason/unbounded`` LP (whose objective is then not an optimum).
    public let solution: Solution?
    /// The final simplex basis (LP only; with presolve only when optimal). Pass it as
    /// ``SolveOptions/warmStart`` to re-solve the same structure faster.
    public let basis: Basis?
    /// GLPK's return code of the last solver routine, for audit.
    public let returnCode: GLPKReturnCode
    /// GLPK's status (`glp_get_status` for an LP, `glp_mip_status` for a MIP), for audit.
    public let solverStatus: GLPKStatus
    /// Work counters and timing.
    public let statistics: SolveStatistics
    /// Everything GLPK printed during the call (see ``SolveOptions/logLevel``).
    public let solverLog: String

    /// Whether the solve ended ``TerminationReason/optimal`` with a solution
    /// (the JuMP `is_solved_and_feasible` guard).
    public var isOptimal: Bool { termination == .optimal && solution != nil }
}

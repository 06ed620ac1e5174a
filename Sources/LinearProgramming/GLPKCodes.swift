internal import CGLPK

/// A return code of `glp_simplex` / `glp_intopt`, kept in every ``SolveOutcome`` for audit.
///
/// `0` only means "the solver ran to completion", not "optimal": read
/// ``SolveOutcome/termination`` for what it concluded.
public struct GLPKReturnCode: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The C value.
    public let rawValue: Int32
    /// A code.
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// The solver ran to completion (`0`).
    public static let success = GLPKReturnCode(rawValue: 0)
    /// Invalid initial basis. The corresponding C constant is `GLP_EBADB`.
    public static let invalidBasis = GLPKReturnCode(rawValue: GLP_EBADB)
    /// Singular basis matrix. The corresponding C constant is `GLP_ESING`.
    public static let singularMatrix = GLPKReturnCode(rawValue: GLP_ESING)
    /// Ill-conditioned basis matrix. The corresponding C constant is `GLP_ECOND`.
    public static let illConditionedMatrix = GLPKReturnCode(rawValue: GLP_ECOND)
    /// A double-bounded variable has lower > upper. The corresponding C constant is `GLP_EBOUND`.
    public static let invalidBounds = GLPKReturnCode(rawValue: GLP_EBOUND)
    /// Solver failure. The corresponding C constant is `GLP_EFAIL`.
    public static let solverFailure = GLPKReturnCode(rawValue: GLP_EFAIL)
    /// Objective lower limit reached. The corresponding C constant is `GLP_EOBJLL`.
    public static let objectiveLowerLimitReached = GLPKReturnCode(rawValue: GLP_EOBJLL)
    /// Objective upper limit reached. The corresponding C constant is `GLP_EOBJUL`.
    public static let objectiveUpperLimitReached = GLPKReturnCode(rawValue: GLP_EOBJUL)
    /// Iteration limit exceeded. The corresponding C constant is `GLP_EITLIM`.
    public static let iterationLimitReached = GLPKReturnCode(rawValue: GLP_EITLIM)
    /// Time limit exceeded. The corresponding C constant is `GLP_ETMLIM`.
    public static let timeLimitReached = GLPKReturnCode(rawValue: GLP_ETMLIM)
    /// No primal feasible solution (presolver). The corresponding C constant is `GLP_ENOPFS`.
    public static let noPrimalFeasibleSolution = GLPKReturnCode(rawValue: GLP_ENOPFS)
    /// No dual feasible solution (presolver). The corresponding C constant is `GLP_ENODFS`.
    public static let noDualFeasibleSolution = GLPKReturnCode(rawValue: GLP_ENODFS)
    /// Optimal root LP basis not provided. The corresponding C constant is `GLP_EROOT`.
    public static let rootNotOptimal = GLPKReturnCode(rawValue: GLP_EROOT)
    /// Stopped by the application. The corresponding C constant is `GLP_ESTOP`.
    public static let stoppedByApplication = GLPKReturnCode(rawValue: GLP_ESTOP)
    /// Relative MIP gap tolerance reached. The corresponding C constant is `GLP_EMIPGAP`.
    public static let relativeGapReached = GLPKReturnCode(rawValue: GLP_EMIPGAP)
    /// No primal/dual feasible solution. The corresponding C constant is `GLP_ENOFEAS`.
    public static let noFeasibleSolution = GLPKReturnCode(rawValue: GLP_ENOFEAS)
    /// No convergence. The corresponding C constant is `GLP_ENOCVG`.
    public static let noConvergence = GLPKReturnCode(rawValue: GLP_ENOCVG)
    /// Numerical instability. The corresponding C constant is `GLP_EINSTAB`.
    public static let numericalInstability = GLPKReturnCode(rawValue: GLP_EINSTAB)
    /// Invalid data. The corresponding C constant is `GLP_EDATA`.
    public static let invalidData = GLPKReturnCode(rawValue: GLP_EDATA)
    /// Result out of range. The corresponding C constant is `GLP_ERANGE`.
    public static let resultOutOfRange = GLPKReturnCode(rawValue: GLP_ERANGE)

    private static let names: [Int32: String] = [
        0: "0", GLP_EBADB: "GLP_EBADB", GLP_ESING: "GLP_ESING", GLP_ECOND: "GLP_ECOND",
        GLP_EBOUND: "GLP_EBOUND", GLP_EFAIL: "GLP_EFAIL", GLP_EOBJLL: "GLP_EOBJLL",
        GLP_EOBJUL: "GLP_EOBJUL", GLP_EITLIM: "GLP_EITLIM", GLP_ETMLIM: "GLP_ETMLIM",
        GLP_ENOPFS: "GLP_ENOPFS", GLP_ENODFS: "GLP_ENODFS", GLP_EROOT: "GLP_EROOT",
        GLP_ESTOP: "GLP_ESTOP", GLP_EMIPGAP: "GLP_EMIPGAP", GLP_ENOFEAS: "GLP_ENOFEAS",
        GLP_ENOCVG: "GLP_ENOCVG", GLP_EINSTAB: "GLP_EINSTAB", GLP_EDATA: "GLP_EDATA",
        GLP_ERANGE: "GLP_ERANGE",
    ]

    /// The C constant's name, e.g. `GLP_ETMLIM`.
    public var description: String { Self.names[rawValue] ?? "GLPK return code \(rawValue)" }
}

/// A solution status reported by GLPK (`glp_get_status`, `glp_mip_status`).
public struct GLPKStatus: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The C value.
    public let rawValue: Int32
    /// A status.
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// Undefined. The corresponding C constant is `GLP_UNDEF`.
    public static let undefined = GLPKStatus(rawValue: GLP_UNDEF)
    /// Feasible. The corresponding C constant is `GLP_FEAS`.
    public static let feasible = GLPKStatus(rawValue: GLP_FEAS)
    /// Infeasible. The corresponding C constant is `GLP_INFEAS`.
    public static let infeasible = GLPKStatus(rawValue: GLP_INFEAS)
    /// No feasible solution exists. The corresponding C constant is `GLP_NOFEAS`.
    public static let noFeasibleSolution = GLPKStatus(rawValue: GLP_NOFEAS)
    /// Optimal. The corresponding C constant is `GLP_OPT`.
    public static let optimal = GLPKStatus(rawValue: GLP_OPT)
    /// Unbounded. The corresponding C constant is `GLP_UNBND`.
    public static let unbounded = GLPKStatus(rawValue: GLP_UNBND)

    public var description: String {
        switch self {
        case .undefined: "GLP_UNDEF"
        case .feasible: "GLP_FEAS"
        case .infeasible: "GLP_INFEAS"
        case .noFeasibleSolution: "GLP_NOFEAS"
        case .optimal: "GLP_OPT"
        case .unbounded: "GLP_UNBND"
        default: "GLPK status \(rawValue)"
        }
    }
}

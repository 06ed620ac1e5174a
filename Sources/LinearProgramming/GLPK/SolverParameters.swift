internal import CGLPK

/// ``SolveOptions`` translated into GLPK's parameter values for one solve.
struct SolverParameters {
    var isMIP: Bool
    var presolve: Bool
    var messageLevel: Int32
    var method: Int32
    var timeLimitMilliseconds: Int32
    var iterationLimit: Int32
    var relativeGap: Double
    var branching: Int32
    var backtracking: Int32
    var cuts: SolveOptions.Cuts
    var heuristics: SolveOptions.Heuristics
    /// Statuses to install before the simplex, or nil for GLPK's advanced initial basis.
    var warmRows: [Int32]?
    var warmColumns: [Int32]?
    /// Node limit (0 for none) and known MIP point (only without presolve, one value per column).
    var nodeLimit: Int32
    var mipStart: [Double]?
    /// What happened to the requested warm start before the solve (used/ignored).
    var warmStartPlan: WarmStartUse

    init(_ options: SolveOptions, for program: LinearProgram) {
        isMIP = program.hasIntegerVariables && !options.relaxIntegrality
        presolve = options.presolve ?? isMIP
        messageLevel = switch options.logLevel {
        case .off: GLP_MSG_OFF
        case .errors: GLP_MSG_ERR
        case .normal: GLP_MSG_ON
        case .all: GLP_MSG_ALL
        }
        method = switch options.simplexMethod {
        case .primal: GLP_PRIMAL
        case .dual: GLP_DUAL
        case .dualThenPrimal: GLP_DUALP
        }
        timeLimitMilliseconds = options.timeLimitMilliseconds
        iterationLimit = options.iterationLimit.map { Int32($0) } ?? Int32.max
        relativeGap = options.relativeGap ?? 0
        branching = switch options.branching {
        case .firstFractional: GLP_BR_FFV
        case .lastFractional: GLP_BR_LFV
        case .mostFractional: GLP_BR_MFV
        case .driebeckTomlin: GLP_BR_DTH
        case .hybridPseudocost: GLP_BR_PCH
        }
        backtracking = switch options.backtracking {
        case .depthFirst: GLP_BT_DFS
        case .breadthFirst: GLP_BT_BFS
        case .bestLocalBound: GLP_BT_BLB
        case .bestProjection: GLP_BT_BPH
        }
        cuts = options.cuts
        heuristics = options.heuristics
        nodeLimit = options.nodeLimit.map { Int32(clamping: max(1, $0)) } ?? 0
        mipStart = (isMIP && !presolve && options.mipStart?.count == program.variables.count) ? options.mipStart : nil

        warmRows = nil
        warmColumns = nil
        if let basis = options.warmStart {
            if basis.constraints.count != program.constraints.count || basis.variables.count != program.variables.count {
                warmStartPlan = .ignoredSizeMismatch
            } else if presolve {
                warmStartPlan = .ignoredPresolve
            } else if program.basisHasEmptyBasicColumn(basis) {
                warmStartPlan = .rejected   // singular; GLPK would assert rather than reject it
            } else {
                warmStartPlan = .used
                warmRows = basis.constraints.map(Self.glpkStatus)
                warmColumns = basis.variables.map(Self.glpkStatus)
            }
        } else {
            warmStartPlan = .notRequested
        }
    }

    static func flag(_ on: Bool) -> Int32 { on ? GLP_ON : GLP_OFF }

    static func glpkStatus(_ status: Basis.Status) -> Int32 {
        switch status {
        case .basic: GLP_BS
        case .atLower: GLP_NL
        case .atUpper: GLP_NU
        case .free: GLP_NF
        case .fixed: GLP_NS
        }
    }

    static func basisStatus(_ glpk: Int32) -> Basis.Status {
        switch glpk {
        case GLP_BS: .basic
        case GLP_NL: .atLower
        case GLP_NU: .atUpper
        case GLP_NF: .free
        default: .fixed
        }
    }
}

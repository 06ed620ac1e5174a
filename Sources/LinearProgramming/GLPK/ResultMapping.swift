internal import CGLPK
internal import CGLPKShim

/// Maps GLPK's return code and statuses onto termination and feasibility
/// (the table in ``TerminationReason``'s documentation).
struct ResultMapping {
    var termination: TerminationReason
    var primal: FeasibilityStatus
    var dual: FeasibilityStatus
    /// `glp_get_status` for an LP, `glp_mip_status` for a MIP that reached `glp_intopt`.
    var status: GLPKStatus

    init(_ raw: RawSolveResult, isMIP: Bool) throws(LinearProgrammingError) {
        let code = GLPKReturnCode(rawValue: raw.returnCode)
        if isMIP && raw.ranIntopt {
            status = GLPKStatus(rawValue: raw.mipStatus)
            primal = Self.mipFeasibility(raw.mipStatus)
            dual = .undefined
            termination = try Self.mipTermination(code, status: status, log: raw.log)
        } else {
            // An LP, or a MIP whose root LP (presolve off) did not reach an optimum.
            status = GLPKStatus(rawValue: raw.lpStatus)
            primal = Self.feasibility(raw.lpPrimalStatus)
            dual = Self.feasibility(raw.lpDualStatus)
            termination = try Self.lpTermination(code, raw: raw, log: raw.log)
            if isMIP {
                if termination == .unbounded { termination = .infeasibleOrUnbounded }
                if primal == .feasible { primal = .undefined } // a relaxation point is not a MIP point
            }
        }
        if code == .noPrimalFeasibleSolution || code == .noFeasibleSolution { primal = .noFeasibleSolution }
        if code == .noDualFeasibleSolution { dual = .noFeasibleSolution }
        if termination == .infeasible { primal = .noFeasibleSolution }
    }

    private static func lpTermination(_ code: GLPKReturnCode, raw: RawSolveResult, log: String) throws(LinearProgrammingError) -> TerminationReason {
        if code == .success {
            switch GLPKStatus(rawValue: raw.lpStatus) {
            case .optimal: return .optimal
            case .noFeasibleSolution: return .infeasible
            case .unbounded: return .unbounded
            default: return raw.lpDualStatus == GLP_NOFEAS ? .infeasibleOrUnbounded : .numericalError
            }
        }
        return try common(code, log: log)
    }

    private static func mipTermination(_ code: GLPKReturnCode, status: GLPKStatus, log: String) throws(LinearProgrammingError) -> TerminationReason {
        if code == .success {
            switch status {
            case .optimal: return .optimal
            case .noFeasibleSolution: return .infeasible
            default: return .numericalError
            }
        }
        if code == .relativeGapReached { return .gapLimit }
        if code == .stoppedByApplication { return .nodeLimit }
        return try common(code, log: log)
    }

    /// Codes that mean the same for `glp_simplex` and `glp_intopt`.
    private static func common(_ code: GLPKReturnCode, log: String) throws(LinearProgrammingError) -> TerminationReason {
        switch code {
        case .noPrimalFeasibleSolution, .noFeasibleSolution: return .infeasible
        case .noDualFeasibleSolution: return .infeasibleOrUnbounded
        case .timeLimitReached: return .timeLimit
        case .iterationLimitReached: return .iterationLimit
        case .singularMatrix, .illConditionedMatrix, .solverFailure, .numericalInstability, .noConvergence, .invalidBasis:
            return .numericalError
        default:
            throw .unexpectedReturnCode(code, log: log)
        }
    }

    private static func feasibility(_ glpk: Int32) -> FeasibilityStatus {
        switch glpk {
        case GLP_FEAS: .feasible
        case GLP_INFEAS: .infeasible
        case GLP_NOFEAS: .noFeasibleSolution
        default: .undefined
        }
    }

    private static func mipFeasibility(_ glpk: Int32) -> FeasibilityStatus {
        switch glpk {
        case GLP_OPT, GLP_FEAS: .feasible
        case GLP_NOFEAS: .noFeasibleSolution
        default: .undefined
        }
    }

    /// What the shim reported about the warm start, given what was planned.
    static func warmStartUse(planned: WarmStartUse, reported: Int32) -> WarmStartUse {
        guard planned == .used else { return planned }
        return reported == Int32(CGLPK_WARM_REJECTED) ? .rejected : .used
    }
}

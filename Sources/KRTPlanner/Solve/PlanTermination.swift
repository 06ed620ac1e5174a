import LinearProgramming

/// Why the planning search stopped — kept apart from what it produced (``PlanResultStatus``), as
/// MathOptInterface keeps `TerminationStatus` apart from `PrimalStatus`.
public enum PlanTerminationReason: String, Sendable, Hashable, Codable {
    /// The plan is proven within the requested relative gap.
    case gapReached
    /// Every work limit (fluid rounds, kicks, branch-and-cut nodes) was used; the proven gap is larger
    /// than requested.
    case workLimit
    /// The wall-clock safety net (``PlanningOptions/timeLimit``) stopped the search.
    case timeLimit
    /// No orders meeting the hard bounds exist (the LP relaxation is infeasible) or none were found.
    case infeasible
    /// A solve the search cannot do without failed (numerical trouble, GLPK error); the raw status is
    /// in ``PlanTermination/failures``.
    case numericalFailure
}

/// What the search produced, whatever made it stop.
public enum PlanResultStatus: String, Sendable, Hashable, Codable {
    /// A plan that meets every hard bound, cap and gate.
    case feasiblePlan
    /// The least-violating plan (the elastic program: hard bounds cannot all be met).
    case leastViolatingPlan
    /// No plan.
    case none
}

/// One LP or MILP solve of the search that did not give what its step needed, with GLPK's raw
/// termination and status, and what the search did instead. Never swallowed: every one is in the
/// result (`solver.failedSolves` and a note in the explanation).
public struct FailedSolve: Sendable, Hashable, Codable {
    /// The search step, e.g. "LP relaxation with the fluids fixed".
    public var step: String
    /// ``LinearProgramming/TerminationReason`` as GLPK's result was mapped, or `error` when the call threw.
    public var termination: String
    /// GLPK's raw return code and status (`glp_simplex`/`glp_intopt` return code, `glp_get_status`/
    /// `glp_mip_status`), or the thrown error.
    public var rawStatus: String
    /// What the search did instead (e.g. "orders start from zero units").
    public var consequence: String

    public init(step: String, termination: String, rawStatus: String, consequence: String) {
        self.step = step
        self.termination = termination
        self.rawStatus = rawStatus
        self.consequence = consequence
    }

    /// "LP relaxation with the fluids fixed: numericalError (GLP_EFAIL, GLP_UNDEF); orders start from zero units"
    public var description: String { "\(step): \(termination) (\(rawStatus)); \(consequence)" }
}

/// How the search ended: the one place where the termination reason and the result status are
/// decided (``decide(_:)``); `Planner`, the CLI and the benchmarks read them from here.
public struct PlanTermination: Sendable, Hashable {
    public let reason: PlanTerminationReason
    public let result: PlanResultStatus
    /// Every solve that failed, in search order (also those the search recovered from).
    public let failures: [FailedSolve]

    /// What the search established, in its own terms; ``decide(_:)`` turns it into a termination.
    struct Facts: Sendable {
        /// The root LP relaxation's failure, if it had one (nothing else can run without it).
        var rootFailure: (failure: FailedSolve, termination: TerminationReason?)?
        /// Solves that failed and were recovered from.
        var failures: [FailedSolve] = []
        /// The wall-clock safety net stopped a step.
        var stoppedByClock = false
        /// The best schedule meets every hard bound, cap and gate (the elastic program's always does).
        var incumbentFeasible = false
        /// Proven relative gap of the incumbent (nil without one).
        var gap: Double?
        var requestedGap: Double
        /// The program is the elastic (least-violation) one.
        var elastic: Bool
    }

    /// The decision. Order matters: a missing root relaxation leaves nothing; a clock stop before a
    /// feasible incumbent proves nothing about the case (never reported as infeasible).
    static func decide(_ facts: Facts) -> PlanTermination {
        func ended(_ reason: PlanTerminationReason, _ result: PlanResultStatus) -> PlanTermination {
            PlanTermination(reason: reason, result: result,
                            failures: (facts.rootFailure.map { [$0.failure] } ?? []) + facts.failures)
        }
        if let root = facts.rootFailure {
            switch root.termination {
            case .infeasible?: return ended(.infeasible, .none)
            case .timeLimit?: return ended(.timeLimit, .none)
            default: return ended(.numericalFailure, .none)
            }
        }
        guard facts.incumbentFeasible, let gap = facts.gap else {
            return ended(facts.stoppedByClock ? .timeLimit : .infeasible, .none)
        }
        let result: PlanResultStatus = facts.elastic ? .leastViolatingPlan : .feasiblePlan
        if facts.stoppedByClock { return ended(.timeLimit, result) }
        return ended(gap <= facts.requestedGap + 1e-12 ? .gapReached : .workLimit, result)
    }

    /// The public plan status this termination maps to (nil: no plan).
    public var planStatus: PlanStatus? {
        switch result {
        case .none: nil
        case .leastViolatingPlan: .hardBoundsUnmet
        case .feasiblePlan:
            switch reason {
            case .gapReached: .optimal
            case .timeLimit: .timeLimit
            default: .bestFound
            }
        }
    }

    /// In words, for `solver.termination` ("gap reached", "work limit: gap above the request", …).
    public var description: String {
        let reasonText = switch reason {
        case .gapReached: "optimal within the requested gap"
        case .workLimit: "work limit reached; gap above the request"
        case .timeLimit: "time limit"
        case .infeasible: "infeasible"
        case .numericalFailure: "numerical failure"
        }
        return failures.isEmpty ? reasonText
            : reasonText + "; \(failures.count) failed solve\(failures.count == 1 ? "" : "s") (solver.failedSolves)"
    }
}

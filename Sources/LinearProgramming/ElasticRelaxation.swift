/// Which constraints (and variable bounds) an elastic re-solve may violate, at what
/// penalty per unit, and how the original objective is kept.
///
/// Each relaxable *side* gets its own non-negative slack: a constraint
/// `lo ≤ expr ≤ hi` becomes `lo ≤ expr + s⁻ − s⁺ ≤ hi` (only the finite sides get a
/// slack); relaxed variable bounds move into a new constraint
/// `elastic.bound.x<index>: lo ≤ x + s⁻ − s⁺ ≤ hi` and the variable becomes free.
public struct ElasticRelaxation: Sendable {
    /// Something that may be violated.
    public enum Target: Sendable, Hashable, Comparable {
        /// Both sides of a constraint.
        case constraint(Constraint.ID)
        /// Both bounds of a (continuous or integer) variable.
        case variableBounds(Variable.ID)
    }

    /// How the original objective is kept.
    public enum Mode: Sendable, Hashable {
        /// Phase 1 minimises the total penalty `V* = min Σ penalty·slack`; phase 2
        /// optimises the original objective subject to `Σ penalty·slack ≤ V* + tolerance·max(1, V*)`
        /// (a constraint named `elastic.total`). If phase 2 finds no solution the phase-1
        /// point is returned.
        case twoPhase(tolerance: Double)
        /// One solve of `minimise Σ penalty·slack + weight · f`, where `f` is the original
        /// objective turned into a minimisation (negated for a maximisation). Violations
        /// dominate only if the penalties are large compared with `weight` times the
        /// objective's sensitivity; `weight = 0` ignores the original objective.
        case weighted(originalObjectiveWeight: Double)
    }

    /// Penalty per unit of violation of each target (applied to each of its sides).
    public private(set) var penalties: [Target: Double] = [:]
    /// How the original objective is kept. Default two-phase with tolerance 1e-7.
    public var mode: Mode

    /// A relaxation of the given constraints and variable bounds, all with `penalty`.
    public init(
        constraints: [Constraint.ID], variableBounds: [Variable.ID] = [], penalty: Double = 1,
        mode: Mode = .twoPhase(tolerance: 1e-7)
    ) {
        self.mode = mode
        for id in constraints { penalties[.constraint(id)] = penalty }
        for id in variableBounds { penalties[.variableBounds(id)] = penalty }
    }

    /// Makes `target` relaxable at `penalty` per unit (replacing an earlier penalty).
    public mutating func relax(_ target: Target, penalty: Double = 1) {
        penalties[target] = penalty
    }

    /// The problems of this request for `program` (unknown ids, bad penalties, binaries).
    func issues(for program: LinearProgram) -> [ModelIssue] {
        var issues: [ModelIssue] = []
        for (target, penalty) in penalties.sorted(by: { $0.key < $1.key }) {
            switch target {
            case .constraint(let id) where !program.owns(id):
                issues.append(ModelIssue(.relaxation, .unknownConstraint(id)))
            case .variableBounds(let id) where !program.owns(id):
                issues.append(ModelIssue(.relaxation, .unknownVariable(id)))
            case .variableBounds(let id) where program.variables[id.index].kind == .binary:
                issues.append(ModelIssue(.variable(id, name: program.variables[id.index].name), .cannotRelaxBinaryBounds))
            default:
                break
            }
            if !(penalty.isFinite && penalty > 0) {
                issues.append(ModelIssue(.relaxation, .invalidOption(name: "penalty of \(target)", value: "\(penalty)", expected: "a finite number > 0")))
            }
        }
        switch mode {
        case .twoPhase(let tolerance) where !(tolerance.isFinite && tolerance >= 0):
            issues.append(ModelIssue(.relaxation, .invalidOption(name: "twoPhase tolerance", value: "\(tolerance)", expected: "a finite number ≥ 0")))
        case .weighted(let weight) where !(weight.isFinite && weight >= 0):
            issues.append(ModelIssue(.relaxation, .invalidOption(name: "originalObjectiveWeight", value: "\(weight)", expected: "a finite number ≥ 0")))
        default:
            break
        }
        return issues
    }
}

/// The result of ``LinearProgram/solveElastic(_:options:)``.
public struct ElasticOutcome: Sendable {
    /// One violated side of a relaxed target.
    public struct Violation: Sendable, Hashable {
        /// What was violated.
        public let target: ElasticRelaxation.Target
        /// The constraint's or variable's name.
        public let name: String
        /// ``BoundSide/lower`` when the value fell below the lower bound, ``BoundSide/upper`` above the upper.
        public let side: BoundSide
        /// By how much (≥ 0), in the units of the constraint's expression or the variable.
        public let amount: Double
        /// The bound that was violated.
        public let bound: Double
        /// The penalty per unit that applied.
        public let penalty: Double
    }

    /// The final solve (phase 2, or phase 1 if phase 2 found nothing) of ``program``.
    public let outcome: SolveOutcome
    /// The elastic program that was solved; ids of the original program stay valid in it.
    public let program: LinearProgram
    /// Violated sides (amount above ``SolveOptions/bindingTolerance``·max(1, |bound|)),
    /// largest `penalty · amount` first. Empty when the original program is feasible.
    /// In two-phase mode the amounts are minimal to within the mode's tolerance.
    public let violations: [Violation]
    /// `Σ penalty · slack` at the returned point (nil without a solution).
    public let totalPenalty: Double?
    /// The original objective (constant included) at the returned point.
    public let originalObjectiveValue: Double?
    /// Whether the original objective shaped the returned point (weighted mode with a
    /// positive weight, or a successful phase 2).
    public let originalObjectiveApplied: Bool
}

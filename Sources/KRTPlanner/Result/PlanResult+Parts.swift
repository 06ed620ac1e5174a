import KRTUnits

/// Per-solute summary of the predicted course.
public struct SoluteSummary: Sendable, Hashable, Codable {
    /// JSON keys: every quantity names its unit (docs/report.md, JSON).
    enum CodingKeys: String, CodingKey {
        case solute
        case targetLow = "targetLow_mmol_per_L"
        case targetHigh = "targetHigh_mmol_per_L"
        case hardLow = "hardLow_mmol_per_L"
        case hardHigh = "hardHigh_mmol_per_L"
        case initial = "initial_mmol_per_L"
        case minimum = "minimum_mmol_per_L"
        case minimumAt = "minimumAt_h"
        case maximum = "maximum_mmol_per_L"
        case maximumAt = "maximumAt_h"
        case timeInRange = "timeInRange_fraction"
        case excursionBelow = "excursionBelow_mmol_h_per_L"
        case excursionAbove = "excursionAbove_mmol_h_per_L"
    }

    public var solute: Solute
    /// Target range (mmol/L) the plan aims for (soft).
    public var targetLow: Double
    public var targetHigh: Double
    /// Hard safety bounds (mmol/L) no plan may cross.
    public var hardLow: Double
    public var hardHigh: Double
    /// Starting value (mmol/L).
    public var initial: Double
    public var minimum: Double
    public var minimumAt: Double
    public var maximum: Double
    public var maximumAt: Double
    /// Fraction (0–1) of the horizon with the simulated level inside the target range.
    public var timeInRange: Double
    /// Area outside the target range (mmol/L·h), below and above.
    public var excursionBelow: Double
    public var excursionAbove: Double

    public init(solute: Solute, targetLow: Double, targetHigh: Double, hardLow: Double, hardHigh: Double,
                initial: Double, minimum: Double, minimumAt: Double, maximum: Double, maximumAt: Double,
                timeInRange: Double, excursionBelow: Double, excursionAbove: Double) {
        self.solute = solute
        self.targetLow = targetLow
        self.targetHigh = targetHigh
        self.hardLow = hardLow
        self.hardHigh = hardHigh
        self.initial = initial
        self.minimum = minimum
        self.minimumAt = minimumAt
        self.maximum = maximum
        self.maximumAt = maximumAt
        self.timeInRange = timeInRange
        self.excursionBelow = excursionBelow
        self.excursionAbove = excursionAbove
    }
}

/// A recommended lab draw.
public struct LabDraw: Sendable, Hashable, Codable {
    /// JSON keys: every quantity names its unit (docs/report.md, JSON).
    enum CodingKeys: String, CodingKey {
        case reasons
        case at = "at_h"
    }

    /// Time (h).
    public var at: Double
    /// Why: "before magnesium sulfate IV", "predicted K nadir", "every 12 h", …
    public var reasons: [String]

    public init(at: Double, reasons: [String]) {
        self.at = at
        self.reasons = reasons
    }
}

/// Why the plan looks as it does.
public struct Explanation: Sendable, Hashable, Codable {
    /// Constraints that limit the plan, with their shadow price in clinical words.
    public var binding: [BindingLimit]
    /// Next-best fluid choices and how much worse they are.
    public var alternatives: [AlternativeChoice]
    /// When the hard bounds cannot be met: where they fail, and by how much.
    public var violations: [BoundViolation]
    /// Changes that would fix an infeasible case (tested by re-solving).
    public var suggestedFixes: [SuggestedFix]
    /// Short free-text notes (e.g. "magnesium first: low Mg drives renal K loss").
    public var notes: [String]

    public init(binding: [BindingLimit] = [], alternatives: [AlternativeChoice] = [],
                violations: [BoundViolation] = [], suggestedFixes: [SuggestedFix] = [], notes: [String] = []) {
        self.binding = binding
        self.alternatives = alternatives
        self.violations = violations
        self.suggestedFixes = suggestedFixes
        self.notes = notes
    }
}

public struct BindingLimit: Sendable, Hashable, Codable {
    /// JSON keys: every quantity names its unit (docs/report.md, JSON).
    enum CodingKeys: String, CodingKey {
        case name, description, effect
        case shadowPrice = "shadowPrice_points_per_unit"
    }

    /// The model's name for it (e.g. `KCl_IV_cap24h_t000`).
    public var name: String
    /// Clinical description: "potassium chloride IV daily cap (200 mmol per 24 h from 0 h)".
    public var description: String
    /// Change in the objective per unit relaxation (objective points per unit of the constraint).
    public var shadowPrice: Double
    /// Clinical reading: "raising the cap by 10 mmol would cut the K excursion by 0.8 mmol/L·h".
    public var effect: String

    public init(name: String, description: String, shadowPrice: Double, effect: String) {
        self.name = name
        self.description = description
        self.shadowPrice = shadowPrice
        self.effect = effect
    }
}

public struct AlternativeChoice: Sendable, Hashable, Codable {
    /// JSON keys: every quantity names its unit (docs/report.md, JSON).
    enum CodingKeys: String, CodingKey {
        case fluids
        case objectiveDifference = "objectiveDifference_points"
    }

    /// The fluids of the alternative, e.g. "dialysate Prismasol BGK2/0 0–24 h, …".
    public var fluids: String
    /// Objective of the alternative minus the chosen plan's (≥ 0; points).
    public var objectiveDifference: Double

    public init(fluids: String, objectiveDifference: Double) {
        self.fluids = fluids
        self.objectiveDifference = objectiveDifference
    }
}

public struct BoundViolation: Sendable, Hashable, Codable {
    /// JSON keys: every quantity names its unit (docs/report.md, JSON).
    enum CodingKeys: String, CodingKey {
        case solute, side
        case bound = "bound_mmol_per_L"
        case firstAt = "firstAt_h"
        case worstAt = "worstAt_h"
        case worstBy = "worstBy_mmol_per_L"
        case area = "area_mmol_h_per_L"
    }

    public var solute: Solute
    /// `below` the lower or `above` the upper hard bound.
    public var side: String
    /// The bound (mmol/L).
    public var bound: Double
    /// First and worst times (h) and the worst predicted distance beyond the bound (mmol/L).
    public var firstAt: Double
    public var worstAt: Double
    public var worstBy: Double
    /// Area beyond the bound (mmol/L·h).
    public var area: Double

    public init(solute: Solute, side: String, bound: Double, firstAt: Double, worstAt: Double, worstBy: Double, area: Double) {
        self.solute = solute
        self.side = side
        self.bound = bound
        self.firstAt = firstAt
        self.worstAt = worstAt
        self.worstBy = worstBy
        self.area = area
    }
}

public struct SuggestedFix: Sendable, Hashable, Codable {
    /// JSON keys: every quantity names its unit (docs/report.md, JSON).
    enum CodingKeys: String, CodingKey {
        case change
        case remainingViolation = "remainingViolation_mmol_h_per_L"
    }

    /// The change, e.g. "allow a potassium-containing fluid (Prismasol BGK4/2.5)".
    public var change: String
    /// Total hard-bound violation area left with the change (mmol/L·h); 0 means it fixes the case.
    public var remainingViolation: Double

    public init(change: String, remainingViolation: Double) {
        self.change = change
        self.remainingViolation = remainingViolation
    }
}

/// Evidence that the plan is what the model says it is.
public struct Verification: Sendable, Hashable, Codable {
    /// JSON keys: every quantity names its unit (docs/report.md, JSON).
    enum CodingKeys: String, CodingKey {
        case couplingIterations, limitChecks
        case maxPredictionDifference = "maxPredictionDifference_mmol_per_L"
        case tolerance = "tolerance_mmol_per_L"
        case solverResidual = "solverResidual_lp_units"
    }

    /// Largest |LP prediction − non-linear simulation| over all report times and solutes (mmol/L).
    public var maxPredictionDifference: Double
    /// Tolerance above which a plan is refused (mmol/L).
    public var tolerance: Double
    /// Plan → simulate → re-linearise iterations used for the Mg → K coupling.
    public var couplingIterations: Int
    /// Every order re-checked against every catalog and case limit after solving.
    public var limitChecks: [LimitCheck]
    /// Largest bound or constraint violation of the solver's solution, recomputed independently.
    public var solverResidual: Double

    public init(maxPredictionDifference: Double, tolerance: Double, couplingIterations: Int,
                limitChecks: [LimitCheck], solverResidual: Double) {
        self.maxPredictionDifference = maxPredictionDifference
        self.tolerance = tolerance
        self.couplingIterations = couplingIterations
        self.limitChecks = limitChecks
        self.solverResidual = solverResidual
    }

    /// True when every limit check passed.
    public var allLimitsRespected: Bool { limitChecks.allSatisfy(\.passed) }
}

/// One order (or group of orders) checked against one limit.
///
/// The structured fields let every output state a broken limit the same way ("80 mmol/h exceeds the
/// 10 mmol/h peripheral-line limit"): `value` and `limit` are in one unit, `unit`, never mixed.
public struct LimitCheck: Sendable, Hashable, Codable {
    /// JSON keys: every quantity names its unit (docs/report.md, JSON).
    enum CodingKeys: String, CodingKey {
        case description, passed, kind, drug, value, limit, unit, source
        case at = "at_h"
    }

    /// Clinical sentence, e.g. "magnesium sulfate IV at 6 h: rate 1 g/h within the 9 g/h label limit"; a
    /// failed check reads as a violation ("… exceeds …"), never as a failed "≤".
    public var description: String
    public var passed: Bool
    /// What was checked: `units_per_order`, `single_dose`, `rate`, `concentration`, `gate`, `rolling_cap`,
    /// `note` or `site_policy`; `nil` for checks recorded before these fields existed.
    public var kind: String?
    /// The drug (catalog name) and the order time (h from the start) the check concerns, when one order;
    /// for a rolling cap, the start of the worst window.
    public var drug: String?
    public var at: Double?
    /// The checked value and its limit, both in `unit` (e.g. `mmol/h`, `mmol`, `mmol/L`).
    public var value: Double?
    public var limit: Double?
    public var unit: String?
    /// Where the limit comes from: `label`, `site`, `case` or `compounding`.
    public var source: String?

    public init(description: String, passed: Bool, kind: String? = nil, drug: String? = nil, at: Double? = nil,
                value: Double? = nil, limit: Double? = nil, unit: String? = nil, source: String? = nil) {
        self.description = description
        self.passed = passed
        self.kind = kind
        self.drug = drug
        self.at = at
        self.value = value
        self.limit = limit
        self.unit = unit
        self.source = source
    }

    /// How far beyond the limit (in `unit`), when the check failed and both figures are known.
    public var excess: Double? {
        guard !passed, let value, let limit else { return nil }
        return value - limit
    }
}

/// Deterministic solver facts (counts, not wall-clock times: those vary between runs).
public struct SolverStatistics: Sendable, Hashable, Codable {
    /// JSON keys: every quantity names its unit (docs/report.md, JSON).
    enum CodingKeys: String, CodingKey {
        case strategy, variables, constraints, integerVariables, binaryVariables, nodesExplored, milpsSolved, lpsSolved, termination, objectiveTerms
        case terminationReason, resultStatus, failedSolves
        case objective = "objective_points"
        case bound = "bound_points"
        case relativeGap = "relativeGap_fraction"
        case requestedGap = "requestedGap_fraction"
    }

    public var strategy: String
    public var variables: Int
    public var constraints: Int
    public var integerVariables: Int
    public var binaryVariables: Int
    /// Fluid combinations examined / evaluated with a MILP / pruned by bound.
    public var nodesExplored: Int
    public var milpsSolved: Int
    public var lpsSolved: Int
    public var termination: String
    /// Objective (points; lower is better) and proven lower bound; relative gap = (objective − bound)/|objective|.
    public var objective: Double
    public var bound: Double
    public var relativeGap: Double
    /// Requested relative gap.
    public var requestedGap: Double
    public var objectiveTerms: [ObjectiveTerm]
    /// Why the search stopped (``PlanTerminationReason`` raw value: gapReached, workLimit, timeLimit, …)
    /// and what it produced (``PlanResultStatus``: feasiblePlan, leastViolatingPlan) — decided in one
    /// place, ``PlanTermination``; `termination` says the same in words.
    public var terminationReason: String
    public var resultStatus: String
    /// Every LP/MILP solve that failed, with GLPK's raw status and what was done instead.
    public var failedSolves: [FailedSolve]

    public init(strategy: String, variables: Int, constraints: Int, integerVariables: Int, binaryVariables: Int,
                nodesExplored: Int, milpsSolved: Int, lpsSolved: Int, termination: String, objective: Double,
                bound: Double, relativeGap: Double, requestedGap: Double, objectiveTerms: [ObjectiveTerm],
                terminationReason: String = "", resultStatus: String = "", failedSolves: [FailedSolve] = []) {
        self.terminationReason = terminationReason
        self.resultStatus = resultStatus
        self.failedSolves = failedSolves
        self.strategy = strategy
        self.variables = variables
        self.constraints = constraints
        self.integerVariables = integerVariables
        self.binaryVariables = binaryVariables
        self.nodesExplored = nodesExplored
        self.milpsSolved = milpsSolved
        self.lpsSolved = lpsSolved
        self.termination = termination
        self.objective = objective
        self.bound = bound
        self.relativeGap = relativeGap
        self.requestedGap = requestedGap
        self.objectiveTerms = objectiveTerms
    }
}

/// One term of the objective, e.g. "K excursion" 12.5 points.
public struct ObjectiveTerm: Sendable, Hashable, Codable {
    /// JSON keys: every quantity names its unit (docs/report.md, JSON).
    enum CodingKeys: String, CodingKey {
        case name
        case value = "value_points"
    }

    public var name: String
    public var value: Double

    public init(name: String, value: Double) {
        self.name = name
        self.value = value
    }
}

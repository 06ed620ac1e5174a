import KRTUnits

/// The outcome of `plan` or `simulate` for one case: what to give, what the model predicts, why, and how
/// far to trust it. A value type that renders deterministically (no wall-clock times inside; see
/// ``SolverStatistics``).
///
/// Units: times in hours from the start of the plan (t = 0 is the time of the starting labs),
/// concentrations in mmol/L, amounts in mmol unless a field says otherwise.
public struct PlanResult: Sendable, Hashable, Codable {
    /// JSON keys: every quantity names its unit (docs/report.md, JSON).
    enum CodingKeys: String, CodingKey {
        case kind, caseName, status, start, alerts, fluids, orders, trajectory, solutes, labDraws, warnings, explanation, verification, solver, massBalance, therapySummary, assumptions, audit
        case uncertainty, robust
        case horizon = "horizon_h"
        case step = "step_h"
    }

    public enum Kind: String, Sendable, Hashable, Codable {
        /// Fluids and orders chosen by the optimiser.
        case plan
        /// Fluids and orders as written in the case, run forward.
        case simulation
    }

    public var kind: Kind
    public var caseName: String
    public var status: PlanStatus
    /// Dangers first: hard-bound crossings, broken limits and starting levels outside a hard bound, most
    /// serious first (``Alert``). Every output shows them at the top.
    public var alerts: [Alert]
    /// Planning horizon (h) and report step (h).
    public var horizon: Double
    public var step: Double
    public var fluids: [FluidAssignment]
    public var orders: [PlannedOrder]
    public var trajectory: Trajectory
    public var solutes: [SoluteSummary]
    public var labDraws: [LabDraw]
    public var warnings: [String]
    public var explanation: Explanation
    public var verification: Verification
    public var solver: SolverStatistics?
    public var massBalance: [MassBalanceSummary]
    public var therapySummary: TherapySummary
    public var assumptions: [String]
    public var audit: Audit
    /// For a case with `history:`: where the plan starts (fitted state and individual parameters, or the
    /// case's labs with `--population`) and the fit's summary; `nil` otherwise (omitted from JSON).
    public var start: PlanStart? = nil
    /// Prediction bands and probabilities (`--bands`, docs/uncertainty.md); nil (JSON `null`) when not asked for.
    public var uncertainty: UncertaintyBands? = nil
    /// Robust planning's promise, out-of-sample check and price (`--robust`, docs/uncertainty.md); nil (JSON
    /// `null`) for an ordinary plan.
    public var robust: RobustSummary? = nil
    /// What the course was simulated with, for re-running it with drawn parameters; not in the JSON
    /// (nil in a result read back from JSON).
    public var forwardInputs: ForwardInputs? = nil

    public init(kind: Kind, caseName: String, status: PlanStatus, horizon: Double, step: Double,
                fluids: [FluidAssignment], orders: [PlannedOrder], trajectory: Trajectory,
                solutes: [SoluteSummary], labDraws: [LabDraw], warnings: [String], explanation: Explanation,
                verification: Verification, solver: SolverStatistics?, massBalance: [MassBalanceSummary],
                therapySummary: TherapySummary, assumptions: [String], audit: Audit, alerts: [Alert] = []) {
        self.kind = kind
        self.alerts = alerts
        self.caseName = caseName
        self.status = status
        self.horizon = horizon
        self.step = step
        self.fluids = fluids
        self.orders = orders
        self.trajectory = trajectory
        self.solutes = solutes
        self.labDraws = labDraws
        self.warnings = warnings
        self.explanation = explanation
        self.verification = verification
        self.solver = solver
        self.massBalance = massBalance
        self.therapySummary = therapySummary
        self.assumptions = assumptions
        self.audit = audit
    }
}

/// How the planning ended.
public enum PlanStatus: String, Sendable, Hashable, Codable {
    /// Best plan over all allowed choices, proven within the requested relative gap.
    case optimal
    /// The search finished; the plan is the best found and its proven gap (stated in the result)
    /// is larger than the one requested (GLPK could not prove more within the work limits).
    case bestFound
    /// The time limit stopped the search; the plan is the best found, with the gap reached so far.
    case timeLimit
    /// No plan keeps the predictions inside the hard bounds; this is the least-violating plan.
    case hardBoundsUnmet
    /// Simulation of the case as written (no optimisation).
    case simulated
}

/// One fluid on one stream over one interval.
public struct FluidAssignment: Sendable, Hashable, Codable {
    /// JSON keys: every quantity names its unit (docs/report.md, JSON).
    enum CodingKeys: String, CodingKey {
        case stream, product, equivalents
        case from = "from_h"
        case to = "to_h"
        case potassium = "potassium_mmol_per_L"
        case phosphate = "phosphate_mmol_per_L"
        case magnesium = "magnesium_mmol_per_L"
        case calcium = "calcium_mmol_per_L"
        case flow = "flow_L_per_h"
    }

    /// `dialysate`, `pre_replacement`, `post_replacement` or `citrate`.
    public var stream: String
    /// Start and end (h).
    public var from: Double
    public var to: Double
    public var product: String
    /// Other catalog products with the same K, phosphate and Mg (interchangeable for this plan).
    public var equivalents: [String]
    /// K, phosphate (as P) and Mg of the product (mmol/L).
    public var potassium: Double
    public var phosphate: Double
    public var magnesium: Double
    /// Calcium (mmol/L), shown because it matters for citrate and phosphate compatibility.
    public var calcium: Double
    /// Stream flow (L/h) as prescribed.
    public var flow: Double

    public init(stream: String, from: Double, to: Double, product: String, equivalents: [String],
                potassium: Double, phosphate: Double, magnesium: Double, calcium: Double, flow: Double) {
        self.stream = stream
        self.from = from
        self.to = to
        self.product = product
        self.equivalents = equivalents
        self.potassium = potassium
        self.phosphate = phosphate
        self.magnesium = magnesium
        self.calcium = calcium
        self.flow = flow
    }
}

/// A supplement order as a clinician would write it.
public struct PlannedOrder: Sendable, Hashable, Codable {
    /// JSON keys: every quantity names its unit (docs/report.md, JSON).
    enum CodingKeys: String, CodingKey {
        case drug, units, dose, route, line, rate, delivers, reason
        case at = "at_h"
        case duration = "duration_h"
    }

    /// Start time (h).
    public var at: Double
    public var drug: String
    /// Number of orderable units (e.g. 2 for "2 × magnesium sulfate 1 g").
    public var units: Int
    /// The dose as ordered, with its unit (e.g. `2 g`, `20 mmol`, `2 tablets`).
    public var dose: String
    /// `intravenous` or `oral`.
    public var route: String
    /// `peripheral` or `central` for IV; empty for oral.
    public var line: String
    /// Infusion duration (h); 0 for oral.
    public var duration: Double
    /// Rate as text, e.g. `10 mmol/h`; empty for oral.
    public var rate: String
    /// mmol delivered per solute (K, P, Mg, Na), e.g. potassium phosphate gives K and P.
    public var delivers: [SoluteAmount]
    /// Why the planner placed it (filled by the explanation step).
    public var reason: String

    public init(at: Double, drug: String, units: Int, dose: String, route: String, line: String,
                duration: Double, rate: String, delivers: [SoluteAmount], reason: String) {
        self.at = at
        self.drug = drug
        self.units = units
        self.dose = dose
        self.route = route
        self.line = line
        self.duration = duration
        self.rate = rate
        self.delivers = delivers
        self.reason = reason
    }
}

public struct SoluteAmount: Sendable, Hashable, Codable {
    /// JSON keys: every quantity names its unit (docs/report.md, JSON).
    enum CodingKeys: String, CodingKey {
        case solute
        case amount = "amount_mmol"
    }

    public var solute: Solute
    /// mmol
    public var amount: Double

    public init(solute: Solute, amount: Double) {
        self.solute = solute
        self.amount = amount
    }
}

/// Predicted serum levels over time.
public struct Trajectory: Sendable, Hashable, Codable {
    /// JSON keys: every quantity names its unit (docs/report.md, JSON).
    enum CodingKeys: String, CodingKey {
        case series
        case times = "times_h"
    }

    /// Report times (h), every `step` from 0 to the horizon.
    public var times: [Double]
    /// Serum K, phosphate, Mg (mmol/L) at `times`, as the LP predicted (plan) or as simulated (simulation).
    public var series: [SoluteSeries]

    public init(times: [Double], series: [SoluteSeries]) {
        self.times = times
        self.series = series
    }

    public func values(for solute: Solute) -> [Double]? { series.first { $0.solute == solute }?.values }
}

public struct SoluteSeries: Sendable, Hashable, Codable {
    /// JSON keys: every quantity names its unit (docs/report.md, JSON).
    enum CodingKeys: String, CodingKey {
        case solute
        case values = "values_mmol_per_L"
    }

    public var solute: Solute
    /// mmol/L at each trajectory time.
    public var values: [Double]

    public init(solute: Solute, values: [Double]) {
        self.solute = solute
        self.values = values
    }
}

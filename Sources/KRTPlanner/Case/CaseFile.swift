import KRTInput
import KRTKinetics
import KRTUnits

/// A case file as read and checked, with product and drug names not yet looked up in the catalog
/// (``PlanningCase`` is the resolved form). Internal units: mmol, L, h, kg, mmol/L.
public struct CaseFile: Sendable {
    public var name: String
    public var description: String?
    /// The clock time of 0 h (`start: 2026-12-01T08:00:00+01:00`), as written; imported lab times count from it.
    public var start: CaseStart? = nil
    public var patient: Patient
    /// Starting serum levels (mmol/L) and the time (h, ≤ 0) of the lab each came from.
    public var initialLabs: [Solute: Double]
    public var labTimes: [Solute: Double]
    /// Every lab draw written in the case (history included), in file order, flagged ones too.
    public var labs: [LabResult]
    public var therapy: Therapy
    /// Name of the citrate solution (catalog product with the citrate role), when citrate is used.
    public var citrateSolution: NameReference?
    /// A separate calcium infusion declared in `therapy.calcium_infusion` (not modelled; it allows
    /// calcium-free fluids without citrate).
    public var calciumInfusion: CalciumInfusion?
    public var fluids: FluidsSpec
    public var supplements: SupplementsSpec
    public var orders: [OrderSpec]
    public var limits: LevelLimits
    public var weights: ObjectiveWeights
    /// Planning horizon and report/decision step (h).
    public var horizon: Double
    public var step: Double
    /// Routine lab cadence (h).
    public var labEvery: Double
    public var solver: SolverSettings
    /// SHA-256 of the effective case text.
    public var sha256: String
    /// Warnings found while reading (the case is still usable).
    public var warnings: [InputIssue]
    public var source: String
    /// What happened before 0 h (`history:`), when given (docs/case-format.md "History").
    public var history: CaseHistory? = nil
}

/// A name written in a case, with where it was written (for messages).
public struct NameReference: Sendable, Hashable {
    public var name: String
    public var path: FieldPath

    public init(_ name: String, path: FieldPath) {
        self.name = name
        self.path = path
    }
}

/// A separate calcium infusion (`therapy.calcium_infusion`): calcium is not modelled, but declaring it is
/// what allows calcium-free fluids without citrate anticoagulation (docs/case-format.md).
public struct CalciumInfusion: Sendable, Hashable {
    /// The solution as written, e.g. `calcium chloride 10 %` (free text: not a catalog product).
    public var solution: String
    /// Infusion flow (L/h).
    public var flow: Double
    public var path: FieldPath

    public init(solution: String, flow: Double, path: FieldPath) {
        self.solution = solution
        self.flow = flow
        self.path = path
    }
}

/// A fixed product on a stream from a time on.
public struct FixedFluid: Sendable, Hashable {
    /// Start (h).
    public var from: Double
    public var product: NameReference
}

/// What each fluid stream may use.
public struct FluidsSpec: Sendable, Hashable {
    public enum Stream: Sendable, Hashable {
        /// The planner picks from these catalog names.
        case chooseFrom([NameReference])
        /// The planner picks from every eligible catalog product with the stream's role.
        case chooseAll(path: FieldPath)
        /// Fixed product(s), the first from 0 h.
        case fixed([FixedFluid])

        /// Whether the planner chooses on this stream.
        public var isChoice: Bool {
            if case .fixed = self { return false }
            return true
        }
    }

    /// Dialysate, pre- and post-replacement (the citrate solution is fixed by the therapy).
    public var streams: [FluidStream: Stream]
    /// Decision points for fluid changes (h); `nil` = one fluid per stream for the whole horizon.
    public var changeEvery: Double?
    /// Whether products with unconfirmed planning-relevant values may be chosen.
    public var allowUnconfirmed: Bool
    /// Whether a product may be used in a role its label does not list (e.g. a US replacement
    /// solution as dialysate); each use is then a warning.
    public var allowOffLabel: Bool
}

/// Which supplements the planner may order, where and when.
public struct SupplementsSpec: Sendable, Hashable {
    public var allowed: [NameReference]
    /// `peripheral` or `central`.
    public var access: String
    /// Administration times (h) at which new orders may start.
    public var doseTimes: [Double]
    /// Case-level limits that tighten the catalog's (never loosen them).
    public var limits: [CaseSupplementLimit]
}

/// A case-level cap on one drug (amounts in mmol of the drug's main solute or in orderable units).
public struct CaseSupplementLimit: Sendable, Hashable {
    public var drug: NameReference
    public var maxSingleDose: Quantity?
    public var maxPer24h: Quantity?
    public var maxRate: Quantity?
}

/// An order written in the case (applied in `simulate`, and as fixed inputs in `plan`).
public struct OrderSpec: Sendable, Hashable {
    /// Start (h).
    public var at: Double
    public var drug: NameReference
    /// The dose as written (`2 g`, `20 mmol`), or `nil` when given as `units`.
    public var dose: Quantity?
    /// Number of orderable units, when given that way.
    public var units: Int?
    /// Infusion duration (h); `nil` uses the catalog default.
    public var over: Double?
    public var path: FieldPath
}

/// Solver settings from the case (all optional; defaults documented in docs/planner.md).
public struct SolverSettings: Sendable, Hashable {
    /// Requested relative optimality gap (fraction).
    public var relativeGap: Double = 0.01
    /// Wall-clock limit for the search (s).
    public var timeLimit: Double = 30
    /// Worker threads (`nil` = all cores). Results do not depend on it.
    public var threads: Int?
    /// Seed of the uncertainty draws (`--bands`; docs/uncertainty.md); nil = `--seed` or the default 1.
    public var seed: UInt64?
    /// `solver.robust` (robust planning, docs/uncertainty.md); nil: an ordinary plan unless `--robust`.
    public var robust: RobustCaseSettings?

    public init() {}
}

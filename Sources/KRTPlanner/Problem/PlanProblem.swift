import KRTKinetics
import KRTUnits

/// Everything the plan model needs, resolved from a case and the catalog: no names left to look up,
/// all values in internal units (mmol, L, h, mmol/L). Built by ``PlanningCase``.
public struct PlanProblem: Sendable {
    public var model: KineticModel
    /// Starting serum levels (mmol/L).
    public var initialSerum: [Solute: Double]
    public var horizon: Double
    public var step: Double
    /// Fluid streams with flow: choices or fixed products (dialysate, pre-, post-replacement).
    public var streams: [StreamPlan]
    /// The citrate solution's composition (mmol/L), when citrate runs.
    public var citrate: FluidOption?
    /// Starts (h) of the fluid decision periods; the first is 0.
    public var periodStarts: [Double]
    public var drugs: [DrugPlan]
    /// Times (h) at which new orders may start.
    public var doseTimes: [Double]
    /// Orders written in the case, applied as given.
    public var fixedOrders: [FixedOrder]
    /// Rolling caps over one or more drugs (catalog group caps, case caps).
    public var caps: [RollingCap] = []
    public var limits: LevelLimits
    public var weights: ObjectiveWeights
    /// When a starting level is outside its hard bounds, the bound is relaxed to "no worse than the
    /// start" for this long (h), so the plan can bring it back.
    public var correctionWindow: Double = 12
    /// The full core state at 0 h (``StateIndex`` layout) when it is known beyond the serum levels: the
    /// state a per-patient fit estimates (``FittedStart``), with pools off equilibrium and oral doses still
    /// in the gut. `nil`: serum = ``initialSerum``, pools at equilibrium, gut empty.
    public var startState: [Double]? = nil
    /// Margins that tighten the hard bounds in the plan model (robust planning, ``HardBackOff``); nil: none.
    /// The result's summaries, alerts and checks still use the hard bounds themselves.
    public var hardBackOff: HardBackOff? = nil

    /// The core state the plan and its simulation start from (see ``startState``).
    public var initialState: [Double] { startState ?? model.initialState(serum: initialSerum) }

    /// The decision period (index into `periodStarts`) that contains time `t`.
    public func period(at t: Double) -> Int {
        var index = 0
        for (i, start) in periodStarts.enumerated() where start <= t + 1e-9 { index = i }
        return index
    }
}

/// A fluid product as the planner sees it: its K, phosphate and Mg (mmol/L) decide the kinetics;
/// products with the same three values are one choice (`equivalents`).
public struct FluidOption: Sendable, Hashable {
    public var product: String
    public var equivalents: [String]
    /// K, phosphate (as P) and Mg in mmol/L.
    public var concentrations: [Solute: Double]
    /// Calcium (mmol/L), reported only.
    public var calcium: Double

    public init(product: String, equivalents: [String] = [], concentrations: [Solute: Double], calcium: Double) {
        self.product = product
        self.equivalents = equivalents
        self.concentrations = concentrations
        self.calcium = calcium
    }

    /// "K 4 / P 1.2 / Mg 0.6"
    public var compositionText: String {
        Solute.planned.map { "\($0.symbol) \(Quantity.format(concentrations[$0] ?? 0))" }.joined(separator: " / ")
    }
}

/// One fluid stream: a choice among options (one per decision period) or fixed products.
public struct StreamPlan: Sendable {
    public enum Kind: Sendable {
        case choice([FluidOption])
        /// `(start h, product)`, the first from 0 h.
        case fixed([(start: Double, option: FluidOption)])
    }

    public var stream: FluidStream
    /// Prescribed flow (L/h).
    public var flow: Double
    public var kind: Kind
}

/// An orderable supplement with every limit already resolved for this case (catalog, site limits,
/// case limits, access line).
///
/// An IV order of `n` units runs as `n` standard infusions back to back, each over `duration` hours
/// (e.g. KCl 20 mmol = two 10 mmol bags over 2 h), so the infusion rate is the catalog's standard rate
/// whatever `n`. An oral order of `n` units is taken at once.
public struct DrugPlan: Sendable {
    public var id: String
    public var name: String
    public var route: Dose.Route
    /// The orderable unit as written on an order, e.g. `MgSO4 1 g`, `KCl 10 mmol`, `1 tablet`.
    public var unitLabel: String
    /// mmol per orderable unit that reach the patient (IV: all; oral: after bioavailability).
    public var deliveredPerUnit: [Solute: Double]
    /// mmol per orderable unit as ordered (before bioavailability), for reports and caps.
    public var contentPerUnit: [Solute: Double]
    /// The solute the drug is given for (its caps and amount burden are counted in it).
    public var mainSolute: Solute
    /// Infusion duration (h) of one unit (0 for oral: a bolus into the gut).
    public var duration: Double
    /// Largest number of units in one order (single-dose, timing and case limits combined).
    public var maxUnitsPerOrder: Int
    /// Only order when the predicted serum level of `solute` is below `below` (mmol/L).
    public var gate: Gate?
    /// `peripheral` / `central` (IV) or empty (oral).
    public var line: String
    /// Short name for model variables, e.g. `magnesium_sulfate_iv`.
    public var modelName: String
    /// Every limit that shaped this drug's orders, in clinical words (for audit and the catalog table).
    public var limits: [LimitNote]
    /// Numeric limits re-checked on every order by ``LimitEngine``, each in the main solute's unit.
    public var orderLimits = OrderLimits()

    /// Largest rate (mmol/h of the main solute) on this drug's line, when one applies.
    public var maxRate: Double? { orderLimits.rate?.value }
    /// Largest single dose (mmol of the main solute), when one applies.
    public var maxSingleDose: Double? { orderLimits.singleDose?.value }

    public var isIntravenous: Bool { route == .intravenous }

    public struct Gate: Sendable, Hashable {
        public var solute: Solute
        public var below: Double
        public var description: String
        /// Where the gate comes from: `label`, `site`, … (see ``KRTCatalog/Limit/sourceWord``).
        public var source: String = "label"
    }

    /// One numeric limit: the value in the unit the engine compares in (mmol, mmol/h or mmol/L of the
    /// main solute), the limit as its source states it (`150 mg/min of magnesium sulfate heptahydrate`)
    /// and where it comes from (`label`, `site`, `case`, `guideline`, …).
    public struct NumericLimit: Sendable, Hashable {
        public var value: Double
        public var stated: String
        public var source: String
    }

    /// The numeric limits checked on each order of the drug.
    public struct OrderLimits: Sendable, Hashable {
        /// mmol/h of the main solute on the drug's line (IV).
        public var rate: NumericLimit?
        /// mmol of the main solute in one order.
        public var singleDose: NumericLimit?
        /// mmol/L of the main solute in the infusion on the drug's line (IV).
        public var concentration: NumericLimit?
        /// The infusion's own concentration (mmol/L of the main solute), checked against ``concentration``.
        public var infusionConcentration: Double?
        /// What set ``DrugPlan/maxUnitsPerOrder``: `case`, the single dose's source, or `planner` (the
        /// package's default of at most 4 units per order, ASSUMPTION in docs/planner.md).
        public var unitsSource = "planner"
    }

    /// One limit in clinical words and its origin, e.g. "max rate 20 mmol/h (central; label)".
    public struct LimitNote: Sendable, Hashable {
        public var text: String
        public var origin: String
    }
}

/// At most `limit` mmol of `solute` from the member drugs in any window of `hours` starting at any
/// order time, written or planned (label per-24 h / per-48 h caps, shared by a product group; case caps).
public struct RollingCap: Sendable, Hashable {
    public struct Member: Sendable, Hashable {
        /// Index into ``PlanProblem/drugs``.
        public var drug: Int
        /// mmol of the capped solute per unit.
        public var perUnit: Double
    }

    public var hours: Double
    /// mmol.
    public var limit: Double
    public var solute: Solute
    public var members: [Member]
    /// Drug ids of the members, to count fixed orders against the cap.
    public var memberIDs: [String]
    public var description: String
    /// The product (or group) the cap is for, as reports name it.
    public var name: String = ""
    /// Where the cap comes from: `label`, `site`, `case`, … (see ``KRTCatalog/Limit/sourceWord``).
    public var source: String = "label"
    /// The limit as its source states it, e.g. `20 g of magnesium sulfate heptahydrate`; empty when in mmol.
    public var stated: String = ""
}

/// An order written in the case: given as is.
public struct FixedOrder: Sendable {
    public var drug: DrugPlan
    public var at: Double
    public var units: Double
    public var duration: Double

    public var dose: Dose {
        Dose(time: at, route: drug.route, amounts: drug.deliveredPerUnit.mapValues { $0 * units }, duration: duration)
    }
}

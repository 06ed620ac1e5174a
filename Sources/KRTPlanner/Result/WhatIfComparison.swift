import KRTUnits

/// Side-by-side outcome of several what-if variants of one case (`krtplan compare`).
public struct WhatIfComparison: Sendable, Hashable, Codable {
    public var caseName: String
    /// `plan` or `simulation`: how each variant was evaluated.
    public var mode: PlanResult.Kind
    public var variants: [VariantOutcome]

    public init(caseName: String, mode: PlanResult.Kind, variants: [VariantOutcome]) {
        self.caseName = caseName
        self.mode = mode
        self.variants = variants
    }

    /// True when any variant crosses a hard bound or breaks a limit.
    public var hasUnsafeVariant: Bool { variants.contains(where: \.isUnsafe) }
}

/// One variant's headline figures, or why it could not be evaluated.
public struct VariantOutcome: Sendable, Hashable, Codable {
    /// JSON keys: every quantity names its unit (docs/report.md, JSON).
    enum CodingKeys: String, CodingKey {
        case name, changes, status, error, solutes, supplementTotals, fluids, alerts, start, uncertainty, robust
        case effluentDose = "effluentDose_mL_per_kg_per_h"
        case objective = "objective_points"
    }

    public var name: String
    /// The changes applied to the base case, as `PATH=VALUE` texts (empty for the base case).
    public var changes: [String]
    /// `nil` when the variant failed; then `error` says why.
    public var status: PlanStatus?
    public var error: String?
    /// Per-solute time in range, min/max (mmol/L) and excursion area.
    public var solutes: [SoluteSummary]
    /// Total supplement given per drug over the horizon.
    public var supplementTotals: [SupplementTotal]
    /// One-line fluid summary ("dialysate Phoxilium; post Prismasol BGK4/2.5").
    public var fluids: String
    /// Effluent dose (mL/kg/h), prescribed, averaged over the horizon (for SLED/PIRRT the dose while running
    /// times the share of the horizon in sessions), so continuous and intermittent variants compare.
    public var effluentDose: Double
    /// Objective (points) when planned.
    public var objective: Double?
    /// The variant's alerts (``PlanResult/alerts``): hard-bound crossings, broken limits, starting levels
    /// outside a hard bound; empty when the variant failed.
    public var alerts: [Alert]
    /// For a case with `history:`: how this variant starts (fitted or population) and the fit's summary.
    public var start: PlanStart?
    /// With `--bands`: per solute P(within the hard bounds) and P(in target) at each draw (docs/uncertainty.md).
    public var uncertainty: VariantUncertainty? = nil
    /// For a variant planned robustly (`compare --robust`, or `solver.robust` in the variant): its promise,
    /// out-of-sample probability beside the nominal plan's, and price (docs/uncertainty.md).
    public var robust: RobustSummary? = nil

    /// True when an alert says this variant's orders or fluids are unsafe (`compare` then exits 3).
    public var isUnsafe: Bool { alerts.contains(where: \.unsafe) }

    public init(name: String, changes: [String], status: PlanStatus?, error: String?, solutes: [SoluteSummary],
                supplementTotals: [SupplementTotal], fluids: String, effluentDose: Double, objective: Double?,
                alerts: [Alert] = [], start: PlanStart? = nil) {
        self.alerts = alerts
        self.start = start
        self.name = name
        self.changes = changes
        self.status = status
        self.error = error
        self.solutes = solutes
        self.supplementTotals = supplementTotals
        self.fluids = fluids
        self.effluentDose = effluentDose
        self.objective = objective
    }
}

public struct SupplementTotal: Sendable, Hashable, Codable {
    public var drug: String
    public var orders: Int
    /// e.g. "6 g", "80 mmol"
    public var total: String
    /// mmol per solute delivered.
    public var delivers: [SoluteAmount]

    public init(drug: String, orders: Int, total: String, delivers: [SoluteAmount]) {
        self.drug = drug
        self.orders = orders
        self.total = total
        self.delivers = delivers
    }
}

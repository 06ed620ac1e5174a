import KRTUnits

/// One danger or concern in a result, stated the same way in every output (text, JSON, CSV, HTML,
/// `compare`). Built once, during result assembly (``PlanAssembly/alerts(violations:checks:)``); the
/// renderers only print it.
///
/// Units: `atHours` and `worstAtHours` in hours from the start of the plan; `value`, `limit` and `excess`
/// in `unit` (never mixed). `excess` is how far beyond the limit, always ≥ 0 (below a lower bound it is
/// `limit − value`).
public struct Alert: Sendable, Hashable, Codable {
    /// How serious, most serious first.
    public enum Severity: String, Sendable, Hashable, Codable, CaseIterable {
        /// A predicted level crosses a hard bound, or an order breaks a limit.
        case danger
        /// Something a clinician must weigh (a starting level outside a hard bound).
        case warning
        /// For information.
        case note
    }

    /// What the alert is about.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// The predicted course crosses a hard bound (after the start; see ``PlanResult/startingValueRule``).
        case hardBoundCrossed = "hard_bound_crossed"
        /// An order breaks a label, site, case or compounding limit.
        case limitBroken = "limit_broken"
        /// The starting level (the labs at 0 h) is already outside a hard bound.
        case startsOutsideHardBound = "starts_outside_hard_bound"
        /// A site catalog or limits file declares a value beyond the label (`loosens_label: true` with a
        /// reason): a standing alert on every report that uses that catalog.
        case sitePolicyExceedsLabel = "site_policy_exceeds_label"
        /// A robust plan (`--robust`) keeps the hard bounds in fewer planning scenarios than the requested
        /// confidence needs (docs/uncertainty.md); `plan` exits 4, as when no plan meets the hard bounds.
        case robustPromiseUnmet = "robust_promise_unmet"
    }

    public var severity: Severity
    public var kind: Kind
    /// The solute symbol (`K`, `PO4`, `Mg`) or the drug (catalog name) the alert concerns.
    public var subject: String
    /// The alert in clinical words, with every number's unit: "Potassium chloride at 0 h: rate 80 mmol/h
    /// exceeds the 10 mmol/h rate limit (label; peripheral line)".
    public var message: String
    /// When (h from the start): the first time beyond the bound, or the order time; nil when unknown.
    public var atHours: Double?
    /// For a hard-bound crossing: when the level is farthest beyond the bound (h).
    public var worstAtHours: Double?
    /// The level or amount (the worst one for a crossing), the limit, and how far beyond it, in `unit`.
    public var value: Double?
    public var limit: Double?
    public var excess: Double?
    /// The unit of `value`, `limit` and `excess`, e.g. `mmol/L`, `mmol/h`, `mmol`.
    public var unit: String?
    /// Where the limit comes from: `hard_bound` (the case's or the default hard bounds), `label`, `site`,
    /// `case` or `compounding`; nil when the check did not say.
    public var limitSource: String?
    /// True when what the orders and fluids cause is unsafe: such an alert makes `simulate` and `compare`
    /// exit 3 (and `plan` 3, or 4 when no plan meets the hard bounds). False for a starting level outside a
    /// hard bound, which the orders did not cause.
    public var unsafe: Bool

    public init(severity: Severity, kind: Kind, subject: String, message: String, atHours: Double? = nil,
                worstAtHours: Double? = nil, value: Double? = nil, limit: Double? = nil, excess: Double? = nil,
                unit: String? = nil, limitSource: String? = nil, unsafe: Bool) {
        self.severity = severity
        self.kind = kind
        self.subject = subject
        self.message = message
        self.atHours = atHours
        self.worstAtHours = worstAtHours
        self.value = value
        self.limit = limit
        self.excess = excess
        self.unit = unit
        self.limitSource = limitSource
        self.unsafe = unsafe
    }

    /// JSON keys name the unit of every time (`at_h`); `value`, `limit` and `excess` carry theirs in `unit`.
    enum CodingKeys: String, CodingKey {
        case severity, kind, subject, message, value, limit, excess, unit, unsafe, limitSource
        case atHours = "at_h"
        case worstAtHours = "worstAt_h"
    }
}

extension PlanResult {
    /// The rule for a starting level outside a hard bound, the same for `plan` and `simulate`
    /// (docs/report.md, docs/planner.md §3): the start is an alert (``Alert/Kind/startsOutsideHardBound``,
    /// not unsafe), and for the first ``PlanProblem/correctionWindow`` hours the course only has to get no
    /// worse than the start; only what the orders and fluids cause afterwards, or a worsening inside the
    /// window, is a crossing (unsafe). ``PlanAssembly/violations()`` applies it.
    public static let startingValueRule =
        "a starting level outside a hard bound is shown as an alert; for the first hours of the correction window the "
        + "course only has to get no worse than the start, and only what the orders and fluids cause decides the exit code"

    /// True when an alert says the orders or fluids are unsafe (a crossing or a broken limit).
    public var hasUnsafeAlert: Bool { alerts.contains(where: \.unsafe) }

    /// The alerts of one severity, in result order.
    public func alerts(_ severity: Alert.Severity) -> [Alert] { alerts.filter { $0.severity == severity } }
}

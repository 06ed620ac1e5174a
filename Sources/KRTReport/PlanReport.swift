import KRTPlanner

/// Renders a ``KRTPlanner/PlanResult`` (from `krtplan plan` or `krtplan simulate`) for people and programs.
///
/// Every renderer is a pure function of its input: no clock, locale, environment or randomness is read,
/// so equal results give byte-identical output. The formats live in their own files:
/// `text(_:options:)` (TextReport.swift), `json(_:)` (JSONReport.swift), `csv(_:table:)`
/// (CSVReport.swift) and `html(_:options:)` (HTMLReport.swift). See docs/report.md.
public enum PlanReport {
    /// The intended-use note every report ends with.
    public static let intendedUse =
        "Decision support for licensed clinicians; predictions from a model with stated assumptions; "
        + "verify against measured levels."
}

/// What the text and HTML reports show beyond the essentials.
public struct ReportOptions: Sendable, Hashable {
    /// Show the explanation (binding constraints, alternatives, objective terms, mass balance,
    /// assumptions) even when the plan meets the hard bounds. An infeasible plan always shows it.
    public var explain: Bool
    /// Show phosphate (as P) and magnesium in mg/dL next to mmol/L (text tables; a second axis on the
    /// HTML charts). Potassium stays in mmol/L only.
    public var showMassUnits: Bool

    public init(explain: Bool = false, showMassUnits: Bool = false) {
        self.explain = explain
        self.showMassUnits = showMassUnits
    }
}

/// A report could not be produced (only JSON encoding can fail, and only for values whose `Encodable`
/// conformance throws; the result types' own conformances never do).
public struct ReportError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}

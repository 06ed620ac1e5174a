/// How serious a compounding-check finding is; the CLI maps the worst one to its exit code.
public enum FindingSeverity: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    /// Information the pharmacist should read (exit 0).
    case note
    /// Needs a decision or a confirmation before use (exit 2).
    case warning
    /// Must not be made as ordered (exit 3).
    case unsafe

    public static func < (lhs: FindingSeverity, rhs: FindingSeverity) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}

/// One finding of the compounding check.
public struct Finding: Sendable, Hashable {
    public let severity: FindingSeverity
    /// A stable kebab-case code for scripts (`above-compounding-limit`, `phosphate-with-calcium`, …).
    public let code: String
    /// One or two sentences naming the product, the value and the rule.
    public let message: String

    public init(_ severity: FindingSeverity, _ code: String, _ message: String) {
        self.severity = severity
        self.code = code
        self.message = message
    }
}

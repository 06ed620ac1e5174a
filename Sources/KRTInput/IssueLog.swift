/// Collects issues while a file is read, so that *every* problem is reported at once.
///
/// A reference type on purpose: readers hand the same log down through nested fields. It is not
/// shared across threads.
public final class IssueLog {
    public private(set) var issues: [InputIssue] = []

    public init() {}

    public var hasErrors: Bool { issues.contains { $0.severity == .error } }

    public func record(_ issue: InputIssue) {
        if !issues.contains(issue) { issues.append(issue) }
    }

    public func error(_ path: FieldPath, value: String? = nil, _ message: String, line: Int? = nil) {
        record(InputIssue(.error, path: path, value: value, message: message, line: line))
    }

    public func warning(_ path: FieldPath, value: String? = nil, _ message: String, line: Int? = nil) {
        record(InputIssue(.warning, path: path, value: value, message: message, line: line))
    }

    /// Throws the collected issues as a data error if any of them is an error.
    public func throwIfErrors(source: String?) throws(InputError) {
        if hasErrors { throw InputError(.data, source: source, issues: issues) }
    }
}

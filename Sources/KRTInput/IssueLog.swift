/// Collects issues while a file is read, so that *every* problem is reported at once.
///
/// A reference type on purpose: readers hand the same log down through nested fields. It is not
/// shared across threads.
public final class IssueLog {
    public private(set) var issues: [InputIssue] = []
    /// The issues already recorded, so recording stays constant-time however many there are.
    private var seen: Set<InputIssue> = []

    public init() {}

    public private(set) var hasErrors = false

    public func record(_ issue: InputIssue) {
        guard seen.insert(issue).inserted else { return }
        issues.append(issue)
        if issue.severity == .error { hasErrors = true }
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

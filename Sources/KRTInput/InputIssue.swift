/// Where a value sits in an input file: `therapy.replacement[0].flow`.
public struct FieldPath: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringLiteral {
    public enum Component: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    public private(set) var components: [Component]

    public init(_ components: [Component] = []) { self.components = components }

    /// Parses a dotted path with optional indices, e.g. `"therapy.replacement[0].flow"`.
    public init(stringLiteral text: String) { self.init(parsing: text) }

    public init(parsing text: String) {
        var result: [Component] = []
        for part in text.split(separator: ".", omittingEmptySubsequences: true) {
            var name = Substring(part)
            var indices: [Int] = []
            while name.hasSuffix("]"), let open = name.lastIndex(of: "[") {
                if let index = Int(name[name.index(after: open)..<name.index(before: name.endIndex)]) {
                    indices.insert(index, at: 0)
                }
                name = name[..<open]
            }
            if !name.isEmpty { result.append(.key(String(name))) }
            result.append(contentsOf: indices.map(Component.index))
        }
        components = result
    }

    public static let root = FieldPath()

    public func appending(_ key: String) -> FieldPath { FieldPath(components + [.key(key)]) }
    public func appending(index: Int) -> FieldPath { FieldPath(components + [.index(index)]) }

    /// The last key, e.g. `flow` for `therapy.replacement[0].flow`.
    public var lastKey: String? {
        for component in components.reversed() { if case let .key(key) = component { return key } }
        return nil
    }

    public var description: String {
        if components.isEmpty { return "(top level)" }
        var text = ""
        for component in components {
            switch component {
            case let .key(key): text += text.isEmpty ? key : ".\(key)"
            case let .index(index): text += "[\(index)]"
            }
        }
        return text
    }
}

/// One problem found in an input file: which field, what value, and what was expected.
public struct InputIssue: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Comparable {
        case error
        case warning

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs == .error && rhs == .warning }
    }

    public let severity: Severity
    public let path: FieldPath
    /// The offending value as written in the file (or a short rendering of it).
    public let value: String?
    /// What is wrong and what was expected, as one sentence. A value longer than
    /// ``TextElision/valueLimit`` characters is shortened in the middle wherever the message quotes it.
    public let message: String
    /// 1-based line in the source file, when known.
    public let line: Int?
    /// Where the value came from when not from the file, e.g. `--set patient.weight=0 kg`.
    public let origin: String?

    public init(_ severity: Severity = .error, path: FieldPath, value: String? = nil, message: String, line: Int? = nil,
                origin: String? = nil) {
        self.severity = severity
        self.path = path
        self.value = value
        if let value, value.count > TextElision.valueLimit {
            self.message = message.replacingAll(value, with: TextElision.value(value))
        } else {
            self.message = message
        }
        self.line = line
        self.origin = origin
    }

    /// `therapy.blood_flow (line 12): 150 mL/h is ... ; expected ...`, or `patient.weight (--set patient.weight=0 kg): …`
    public var description: String {
        let location = line.map { "\(path) (line \($0))" } ?? origin.map { "\(path) (\($0))" } ?? "\(path)"
        let prefix = severity == .warning ? "warning: " : ""
        return "\(prefix)\(location): \(message)"
    }

    /// This issue attributed to `origin` (its line, if any, dropped).
    public func from(_ origin: String) -> InputIssue {
        InputIssue(severity, path: path, value: value, message: message, line: nil, origin: origin)
    }
}

/// A failure to read or accept an input, with every issue found and the exit-code category.
///
/// Exit codes follow sysexits(3): usage 64, data 65, no input 66, cannot create output 73.
public struct InputError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Int32, Sendable {
        case usage = 64
        case data = 65
        case noInput = 66
        case cannotCreateOutput = 73
    }

    public let kind: Kind
    /// The file the issues are about, when there is one.
    public let source: String?
    /// Every problem found (errors first, then warnings; stable order).
    public let issues: [InputIssue]

    public init(_ kind: Kind, source: String?, issues: [InputIssue]) {
        self.kind = kind
        self.source = source
        self.issues = issues.sortedBySeverity()
    }

    public init(_ kind: Kind, source: String?, path: FieldPath = .root, value: String? = nil, message: String) {
        self.init(kind, source: source, issues: [InputIssue(path: path, value: value, message: message)])
    }

    public var exitCode: Int32 { kind.rawValue }

    /// One line per issue, each prefixed by the file name; repeated issues grouped (``Array/groupedLines()``).
    public var description: String {
        let prefix = source.map { "\($0): " } ?? ""
        return issues.groupedLines().map { prefix + $0 }.joined(separator: "\n")
    }

    /// The issues that lie at or below an override's path attributed to that override
    /// (`patient.weight (--set patient.weight=0 kg): …` instead of a line of the case file: the value there
    /// came from the command line, whatever line a reader fell back to).
    public func attributing(to overrides: [InputOverride], option: String = "--set") -> InputError {
        guard !overrides.isEmpty else { return self }
        var byPath: [FieldPath: InputOverride] = [:]
        for override in overrides { byPath[override.path] = override }
        let attributed = issues.map { issue -> InputIssue in
            guard issue.origin == nil else { return issue }
            var prefix = issue.path
            while true {
                if let override = byPath[prefix] { return issue.from("\(option) \(TextElision.value(override.description))") }
                guard !prefix.components.isEmpty else { return issue }
                prefix = FieldPath(Array(prefix.components.dropLast()))
            }
        }
        return InputError(kind, source: source, issues: attributed)
    }
}

extension Array where Element == InputIssue {
    /// Errors before warnings, otherwise in the order found.
    public func sortedBySeverity() -> [InputIssue] {
        filter { $0.severity == .error } + filter { $0.severity == .warning }
    }

    public var errors: [InputIssue] { filter { $0.severity == .error } }
    public var warnings: [InputIssue] { filter { $0.severity == .warning } }
}

extension Array where Element == InputIssue {
    /// Most lines ``groupedLines()`` gives; the rest are counted in a last line.
    public static var maxLines: Int { 100 }

    /// One line per issue, except that issues with the same severity, message and field (list indices aside)
    /// are given once, with "(and N more like it)"; at most ``maxLines`` lines, the rest counted.
    /// Thousands of duplicated or out-of-range entries thus read as one line each kind.
    public func groupedLines() -> [String] {
        var order: [IssueGroupKey] = []
        var groups: [IssueGroupKey: (first: InputIssue, count: Int)] = [:]
        for issue in self {
            let shape = issue.path.components.map { component -> FieldPath.Component? in
                if case .index = component { return nil }
                return component
            }
            let key = IssueGroupKey(severity: issue.severity, shape: shape, message: issue.message, origin: issue.origin)
            if let group = groups[key] {
                groups[key] = (group.first, group.count + 1)
            } else {
                groups[key] = (issue, 1)
                order.append(key)
            }
        }
        var lines: [String] = []
        for key in order.prefix(Self.maxLines) {
            guard let group = groups[key] else { continue }
            let more = group.count > 1 ? " (and \(group.count - 1) more like it)" : ""
            lines.append(group.first.description + more)
        }
        if order.count > Self.maxLines {
            let hidden = order.dropFirst(Self.maxLines).reduce(0) { $0 + (groups[$1]?.count ?? 0) }
            lines.append("… and \(hidden) more problems not shown; fix the ones above first")
        }
        return lines
    }
}

/// Issues that read the same: severity, message, origin and field with list indices left out.
private struct IssueGroupKey: Hashable {
    let severity: InputIssue.Severity
    let shape: [FieldPath.Component?]
    let message: String
    let origin: String?
}

extension String {
    /// Every occurrence of `target` replaced (no Foundation in this module).
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}

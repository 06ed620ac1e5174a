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
    /// What is wrong and what was expected, as one sentence.
    public let message: String
    /// 1-based line in the source file, when known.
    public let line: Int?

    public init(_ severity: Severity = .error, path: FieldPath, value: String? = nil, message: String, line: Int? = nil) {
        self.severity = severity
        self.path = path
        self.value = value
        self.message = message
        self.line = line
    }

    /// `therapy.blood_flow (line 12): 150 mL/h is ... ; expected ...`
    public var description: String {
        let location = line.map { "\(path) (line \($0))" } ?? "\(path)"
        let prefix = severity == .warning ? "warning: " : ""
        return "\(prefix)\(location): \(message)"
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

    /// One line per issue, each prefixed by the file name.
    public var description: String {
        let prefix = source.map { "\($0): " } ?? ""
        return issues.map { prefix + $0.description }.joined(separator: "\n")
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

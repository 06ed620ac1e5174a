import Yams

/// A parsed YAML value, detached from the YAML library, with source lines for messages.
///
/// Building it visits every node once under ``InputLimits`` (node count, depth), so anchor/alias
/// expansion bombs and absurd nesting are refused before any domain code runs.
public indirect enum InputNode: Sendable, Hashable {
    case scalar(String, line: Int?)
    case mapping([Entry], line: Int?)
    case sequence([InputNode], line: Int?)

    public struct Entry: Sendable, Hashable {
        public let key: String
        public let keyLine: Int?
        public let value: InputNode
    }

    public var line: Int? {
        switch self {
        case let .scalar(_, line), let .mapping(_, line), let .sequence(_, line): line
        }
    }

    /// A short rendering for messages: the scalar text, or `{…}` / `[…]`.
    public var shortText: String {
        switch self {
        case let .scalar(text, _): text.count > 60 ? String(text.prefix(57)) + "..." : text
        case .mapping: "{…}"
        case .sequence: "[…]"
        }
    }

    public var kindName: String {
        switch self {
        case .scalar: "a single value"
        case .mapping: "a mapping of fields"
        case .sequence: "a list"
        }
    }
}

/// A whole YAML input document.
public struct YAMLDocument: Sendable {
    /// The file name or label used in messages.
    public let source: String
    public let root: InputNode
    /// SHA-256 of the exact text read (for audit blocks).
    public let sha256: String

    /// Reads and parses a file with the safety checks of ``InputFile`` and ``InputLimits``.
    public static func load(path: String, limits: InputLimits = .standard) throws(InputError) -> YAMLDocument {
        let text = try InputFile.readText(at: path, limits: limits)
        return try parse(text, source: path, limits: limits)
    }

    /// Parses YAML text. Empty documents, syntax errors, duplicate keys, anchors/aliases, non-scalar
    /// keys and oversized trees are data errors (exit 65) with the line where known.
    public static func parse(_ text: String, source: String, limits: InputLimits = .standard) throws(InputError) -> YAMLDocument {
        guard text.utf8.count <= limits.maxBytes else {
            throw InputError(.data, source: source, message: "text is larger than the limit of \(limits.maxBytes) bytes")
        }
        if let (line, token) = firstAnchorOrAlias(in: text) {
            throw InputError(.data, source: source, issues: [InputIssue(
                path: .root, value: token,
                message: "YAML anchors and aliases ('\(token)' at line \(line)) are not allowed in krtplan files; write the values out",
                line: line)])
        }
        let yamlNode: Yams.Node?
        do {
            yamlNode = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw InputError(.data, source: source, issues: [Self.issue(from: error)])
        } catch {
            throw InputError(.data, source: source, message: "not valid YAML: \(error)")
        }
        guard let yamlNode else {
            throw InputError(.data, source: source, message: "file is empty; expected a YAML mapping of fields")
        }
        var budget = limits.maxNodes
        let log = IssueLog()
        let root = convert(yamlNode, path: .root, depth: 0, limits: limits, budget: &budget, log: log)
        try log.throwIfErrors(source: source)
        guard let root else {
            throw InputError(.data, source: source, message: "document could not be read")
        }
        return YAMLDocument(source: source, root: root, sha256: SHA256.hex(text))
    }

    /// The root as a field reader, recording issues in `log`.
    public func field(log: IssueLog) -> Field { Field(node: root, path: .root, log: log) }

    // MARK: - Conversion from Yams

    private static func convert(_ node: Yams.Node, path: FieldPath, depth: Int, limits: InputLimits,
                                budget: inout Int, log: IssueLog) -> InputNode? {
        budget -= 1
        guard budget >= 0 else {
            if budget == -1 {
                log.error(path, "document has more than \(limits.maxNodes) values (anchors and aliases count each time they expand); refusing to read it")
            }
            return nil
        }
        guard depth <= limits.maxDepth else {
            log.error(path, "nesting deeper than \(limits.maxDepth) levels; refusing to read it", line: line(node))
            return nil
        }
        switch node {
        case let .scalar(scalar):
            if scalar.anchor != nil { refuseAnchor(path: path, line: line(node), log: log); return nil }
            return .scalar(scalar.string, line: line(node))
        case let .mapping(mapping):
            if mapping.anchor != nil { refuseAnchor(path: path, line: line(node), log: log); return nil }
            var entries: [InputNode.Entry] = []
            for (key, value) in mapping {
                guard case let .scalar(keyScalar) = key else {
                    log.error(path, "a key that is not a plain name; expected field names", line: line(key))
                    continue
                }
                if keyScalar.string == "<<", keyScalar.style == .plain {
                    log.error(path, value: "<<", "YAML merge keys ('<<') are not allowed in krtplan files; write the fields out",
                              line: line(key))
                    continue
                }
                let childPath = path.appending(keyScalar.string)
                guard let converted = convert(value, path: childPath, depth: depth + 1, limits: limits, budget: &budget, log: log) else {
                    if budget < 0 { return nil }
                    continue
                }
                entries.append(.init(key: keyScalar.string, keyLine: line(key), value: converted))
            }
            return .mapping(entries, line: line(node))
        case let .sequence(sequence):
            if sequence.anchor != nil { refuseAnchor(path: path, line: line(node), log: log); return nil }
            var items: [InputNode] = []
            for (index, element) in sequence.enumerated() {
                guard let converted = convert(element, path: path.appending(index: index), depth: depth + 1, limits: limits, budget: &budget, log: log) else {
                    if budget < 0 { return nil }
                    continue
                }
                items.append(converted)
            }
            return .sequence(items, line: line(node))
        case .alias:
            refuseAnchor(path: path, line: line(node), log: log)
            return nil
        }
    }

    /// Finds the first `&anchor` or `*alias` token where a YAML node may start (line start, after
    /// `- `, `: `, `[`, `{` or `,`), outside quotes and comments. Yams resolves aliases during
    /// composition and keeps no trace of them, so they are refused on the text.
    static func firstAnchorOrAlias(in text: String) -> (line: Int, token: String)? {
        for (lineIndex, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let characters = Array(line)
            var quote: Character?
            var previousSignificant: Character? = nil  // nil = start of line (after indentation)
            var index = 0
            while index < characters.count {
                let c = characters[index]
                if let open = quote {
                    if c == open { quote = nil }
                    previousSignificant = c
                    index += 1
                    continue
                }
                if c == "\"" || c == "'" {
                    quote = c
                } else if c == "#", index == 0 || characters[index - 1] == " " {
                    break
                } else if c == "&" || c == "*" {
                    let startsNode = previousSignificant == nil || previousSignificant == "-" || previousSignificant == ":"
                        || previousSignificant == "[" || previousSignificant == "{" || previousSignificant == ","
                    let followedByName = index + 1 < characters.count && !" ,[]{}".contains(characters[index + 1])
                    if startsNode && followedByName {
                        let name = characters[index...].prefix { !" ,[]{}".contains($0) }
                        return (lineIndex + 1, String(name))
                    }
                }
                if c != " " && c != "\t" { previousSignificant = c }
                index += 1
            }
        }
        return nil
    }

    private static func refuseAnchor(path: FieldPath, line: Int?, log: IssueLog) {
        log.error(path, "YAML anchors and aliases (&name, *name) are not allowed in krtplan files; write the values out", line: line)
    }

    private static func line(_ node: Yams.Node) -> Int? { node.mark.map { $0.line } }

    private static func issue(from error: YamlError) -> InputIssue {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let detail = context.map { "\($0.text) " } ?? ""
            return InputIssue(path: .root, message: "not valid YAML at line \(mark.line), column \(mark.column): \(detail)\(problem)", line: mark.line)
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return InputIssue(path: .root, value: keys,
                              message: "duplicate key \(keys) in one mapping (near line \(context.mark.line)); each field may appear once",
                              line: context.mark.line)
        case let .reader(problem, offset, _, _):
            return InputIssue(path: .root, message: "cannot read the text\(offset.map { " at byte \($0)" } ?? ""): \(problem)")
        default:
            return InputIssue(path: .root, message: "not valid YAML: \(error)")
        }
    }
}

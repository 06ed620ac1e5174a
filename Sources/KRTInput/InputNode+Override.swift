import Yams

/// `PATH=VALUE` overrides of a document (`krtplan plan CASE --set therapy.dialysate_flow=2000 mL/h`).
public struct InputOverride: Sendable, Hashable, CustomStringConvertible {
    /// Most overrides accepted in one `--set` list or one variant (docs/cli.md#case-options).
    public static let maxCount = 200

    public let path: FieldPath
    public let valueText: String
    /// The value, with no source lines: a problem in it is reported against the override, not "line 1".
    public let value: InputNode

    /// Parses `PATH=VALUE`; VALUE is YAML (`2000 mL/h`, `[Phoxilium]`, `{kind: heparin}`); PATH is strict
    /// (``FieldPath/init(strictlyParsing:)``).
    public init(parsing text: String) throws(InputError) {
        guard let equals = text.firstIndex(of: "=") else {
            throw InputError(.usage, source: nil, value: text,
                             message: "'\(TextElision.value(text))' is not PATH=VALUE (e.g. therapy.dialysate_flow=2000 mL/h)")
        }
        let pathText = String(text[..<equals]).trimmingWhitespace
        let valueText = String(text[text.index(after: equals)...]).trimmingWhitespace
        guard !pathText.isEmpty, !valueText.isEmpty else {
            throw InputError(.usage, source: nil, value: text, message: "'\(TextElision.value(text))' needs both a field path and a value")
        }
        path = try FieldPath(strictlyParsing: pathText)
        let document: YAMLDocument
        do { document = try YAMLDocument.parse(valueText, source: "--set \(pathText)") } catch {
            throw InputError(.usage, source: nil, value: valueText,
                             message: "the value of \(path) is not valid YAML: \(error.issues.first?.message ?? "")")
        }
        self.valueText = valueText
        value = document.root.withoutLines
    }

    /// An override whose value is already a parsed node, such as a batch line's `set` entry: the same override
    /// as ``init(parsing:)`` of `PATH=VALUE` with `valueText` the node written as JSON, without parsing that text
    /// again (a JSON text parses back to the same node: nodes hold only text). A path that `PATH=VALUE` would
    /// split differently (an `=` in it, or spaces around it) goes through ``init(parsing:)`` itself.
    public init(path pathText: String, node: InputNode, valueText: String) throws(InputError) {
        guard !pathText.isEmpty, !pathText.contains("="), pathText.trimmingWhitespace == pathText,
              !valueText.isEmpty, valueText.trimmingWhitespace == valueText else {
            let parsed = try InputOverride(parsing: "\(pathText)=\(valueText)")
            (path, self.valueText, value) = (parsed.path, parsed.valueText, parsed.value)
            return
        }
        path = try FieldPath(strictlyParsing: pathText)
        self.valueText = valueText
        value = node.withoutLines
    }

    public var description: String { "\(path)=\(valueText)" }

    /// Parses a list of overrides (one `--set` list, or the changes of one variant) and refuses a field set
    /// twice, directly or inside another override (``checkDistinct(_:)``) and more than ``maxCount``.
    public static func list(parsing texts: [String]) throws(InputError) -> [InputOverride] {
        guard texts.count <= maxCount else {
            throw InputError(.usage, source: nil, value: "\(texts.count)",
                             message: "\(texts.count) overrides given; at most \(maxCount) are accepted")
        }
        var overrides: [InputOverride] = []
        overrides.reserveCapacity(texts.count)
        for text in texts { overrides.append(try InputOverride(parsing: text)) }
        try checkDistinct(overrides)
        return overrides
    }

    /// Each field may be set once: the same path twice, or a path inside another override's value
    /// (`patient={weight: 80 kg}` and `patient.weight=90 kg`), is an error naming both. Linear in the number
    /// of overrides times the path depth.
    public static func checkDistinct(_ overrides: [InputOverride]) throws(InputError) {
        var byPath: [FieldPath: InputOverride] = [:]
        byPath.reserveCapacity(overrides.count)
        for override in overrides {
            if let earlier = byPath[override.path] {
                throw twice(earlier, override, field: override.path)
            }
            byPath[override.path] = override
        }
        for override in overrides {
            var prefix = override.path
            while !prefix.components.isEmpty {
                prefix = FieldPath(Array(prefix.components.dropLast()))
                if let outer = byPath[prefix] { throw twice(outer, override, field: override.path) }
            }
        }
    }

    private static func twice(_ first: InputOverride, _ second: InputOverride, field: FieldPath) -> InputError {
        InputError(.usage, source: nil, path: field, value: second.valueText, message:
            "'\(TextElision.value(first.description))' and '\(TextElision.value(second.description))' both set \(field); "
                + "give each field once")
    }
}

extension InputNode {
    /// This node and its children with no source lines (values typed on the command line).
    public var withoutLines: InputNode {
        switch self {
        case let .scalar(text, _): .scalar(text, line: nil)
        case let .sequence(items, _): .sequence(items.map(\.withoutLines), line: nil)
        case let .mapping(entries, _): .mapping(entries.map { Entry(key: $0.key, keyLine: nil, value: $0.value.withoutLines) }, line: nil)
        }
    }

    /// This tree with `value` placed at `path`; mappings on the way are created, list indices must exist.
    public func setting(_ value: InputNode, at path: FieldPath) throws(InputError) -> InputNode {
        var tree = OverrideTree()
        tree.insert(value, at: path)
        return try tree.apply(to: self)
    }
}

extension YAMLDocument {
    /// The document with overrides applied in one pass over the tree (time linear in the number of
    /// overrides); its hash covers the original text and the overrides. Overrides must be distinct
    /// (``InputOverride/checkDistinct(_:)``).
    public func applying(_ overrides: [InputOverride]) throws(InputError) -> YAMLDocument {
        guard !overrides.isEmpty else { return self }
        try InputOverride.checkDistinct(overrides)
        var tree = OverrideTree()
        for override in overrides { tree.insert(override.value, at: override.path) }
        let root = try tree.apply(to: self.root)
        let combined = sha256 + "\n" + overrides.map(\.description).joined(separator: "\n")
        return YAMLDocument(source: source, root: root, sha256: SHA256.hex(combined))
    }
}

import Yams

/// `PATH=VALUE` overrides of a document (`krtplan compare --set therapy.dialysate_flow=2000 mL/h`).
public struct InputOverride: Sendable, Hashable, CustomStringConvertible {
    public let path: FieldPath
    public let valueText: String
    public let value: InputNode

    /// Parses `PATH=VALUE`; VALUE is YAML (`2000 mL/h`, `[Phoxilium]`, `{kind: heparin}`).
    public init(parsing text: String) throws(InputError) {
        guard let equals = text.firstIndex(of: "=") else {
            throw InputError(.usage, source: nil, value: text, message: "'\(text)' is not PATH=VALUE (e.g. therapy.dialysate_flow=2000 mL/h)")
        }
        let pathText = String(text[..<equals]).trimmingWhitespace
        let valueText = String(text[text.index(after: equals)...]).trimmingWhitespace
        guard !pathText.isEmpty, !valueText.isEmpty else {
            throw InputError(.usage, source: nil, value: text, message: "'\(text)' needs both a field path and a value")
        }
        let document: YAMLDocument
        do { document = try YAMLDocument.parse(valueText, source: "--set \(pathText)") } catch {
            throw InputError(.usage, source: nil, value: valueText,
                             message: "the value of \(pathText) is not valid YAML: \(error.issues.first?.message ?? "")")
        }
        path = FieldPath(parsing: pathText)
        self.valueText = valueText
        value = document.root
    }

    public var description: String { "\(path)=\(valueText)" }
}

extension InputNode {
    /// This tree with `value` placed at `path`; mappings on the way are created, list indices must exist.
    public func setting(_ value: InputNode, at path: FieldPath) throws(InputError) -> InputNode {
        try Self.set(value, at: path.components[...], in: self, walked: FieldPath())
    }

    private static func set(_ value: InputNode, at components: ArraySlice<FieldPath.Component>, in node: InputNode?,
                            walked: FieldPath) throws(InputError) -> InputNode {
        guard let first = components.first else { return value }
        let rest = components.dropFirst()
        switch first {
        case let .key(key):
            var entries: [Entry] = []
            var line: Int? = nil
            if case let .mapping(existing, mappingLine)? = node { entries = existing; line = mappingLine } else if node != nil {
                throw InputError(.usage, source: nil, path: walked, message: "\(walked) is not a mapping, so \(walked.appending(key)) cannot be set")
            }
            if let index = entries.firstIndex(where: { $0.key == key }) {
                let replaced = try set(value, at: rest, in: entries[index].value, walked: walked.appending(key))
                entries[index] = Entry(key: key, keyLine: entries[index].keyLine, value: replaced)
            } else {
                entries.append(Entry(key: key, keyLine: nil, value: try set(value, at: rest, in: nil, walked: walked.appending(key))))
            }
            return .mapping(entries, line: line)
        case let .index(index):
            guard case let .sequence(items, line)? = node, items.indices.contains(index) else {
                throw InputError(.usage, source: nil, path: walked.appending(index: index),
                                 message: "\(walked.appending(index: index)) does not exist; only existing list entries can be set")
            }
            var copy = items
            copy[index] = try set(value, at: rest, in: items[index], walked: walked.appending(index: index))
            return .sequence(copy, line: line)
        }
    }
}

extension YAMLDocument {
    /// The document with overrides applied; its hash covers the original text and the overrides.
    public func applying(_ overrides: [InputOverride]) throws(InputError) -> YAMLDocument {
        guard !overrides.isEmpty else { return self }
        var root = self.root
        for override in overrides { root = try root.setting(override.value, at: override.path) }
        let combined = sha256 + "\n" + overrides.map(\.description).joined(separator: "\n")
        return YAMLDocument(source: source, root: root, sha256: SHA256.hex(combined))
    }
}

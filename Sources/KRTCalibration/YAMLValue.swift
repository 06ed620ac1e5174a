import Foundation
import KRTInput

/// A YAML value the harness can read, edit and write back as text: the figure file's scenarios are read as
/// ``YAMLValue``s, rewritten into krtplan case fields, and written as flow YAML for the normal case reader.
public indirect enum YAMLValue: Sendable, Hashable {
    case scalar(String)
    case list([YAMLValue])
    /// Keys in order (YAML mappings keep the order they were written in).
    case map([(key: String, value: YAMLValue)])

    public init(_ node: InputNode) {
        switch node {
        case let .scalar(text, _): self = .scalar(text)
        case let .sequence(items, _): self = .list(items.map(YAMLValue.init))
        case let .mapping(entries, _): self = .map(entries.map { ($0.key, YAMLValue($0.value)) })
        }
    }

    public static func == (a: YAMLValue, b: YAMLValue) -> Bool { a.flowText == b.flowText }
    public func hash(into hasher: inout Hasher) { hasher.combine(flowText) }

    /// The value of `key` in a mapping.
    public subscript(key: String) -> YAMLValue? {
        guard case let .map(entries) = self else { return nil }
        return entries.first { $0.key == key }?.value
    }

    public var keys: [String] {
        guard case let .map(entries) = self else { return [] }
        return entries.map(\.key)
    }

    public var text: String? {
        guard case let .scalar(text) = self else { return nil }
        return text
    }

    /// The scalar as a number, when it is one.
    public var number: Double? { text.flatMap { Double($0.trimmingCharacters(in: .whitespaces)) } }

    /// The items of a list (any other value is a list of one).
    public var items: [YAMLValue] {
        if case let .list(items) = self { return items }
        return [self]
    }

    /// This mapping with `key` set (replaced in place, or appended).
    public func setting(_ key: String, _ value: YAMLValue) -> YAMLValue {
        guard case var .map(entries) = self else { return .map([(key, value)]) }
        if let i = entries.firstIndex(where: { $0.key == key }) { entries[i].value = value } else { entries.append((key, value)) }
        return .map(entries)
    }

    /// This mapping without `keys`.
    public func removing(_ removed: Set<String>) -> YAMLValue {
        guard case let .map(entries) = self else { return self }
        return .map(entries.filter { !removed.contains($0.key) })
    }

    /// This mapping with every key of `other` replacing its own (the figure file's `same_as`).
    public func replacing(with other: YAMLValue) -> YAMLValue {
        guard case .map = self, case let .map(over) = other else { return other }
        return over.reduce(self) { $0.setting($1.key, $1.value) }
    }

    /// Flow-style YAML; every scalar double-quoted, so no text changes meaning (`:` in a name, `%`, …).
    public var flowText: String {
        switch self {
        case let .scalar(text): Self.quoted(text)
        case let .list(items): "[" + items.map(\.flowText).joined(separator: ", ") + "]"
        case let .map(entries): "{" + entries.map { Self.quoted($0.key) + ": " + $0.value.flowText }.joined(separator: ", ") + "}"
        }
    }

    /// A JSON string literal, which is also a YAML double-quoted scalar (YAML 1.2 is a superset of JSON).
    static func quoted(_ text: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        guard let data = try? encoder.encode(text), let literal = String(data: data, encoding: .utf8) else { return "\"\"" }
        return literal
    }
}

import KRTUnits

/// A cursor on one value of an input document, with its path, that reads typed values and records
/// every problem in a shared ``IssueLog`` instead of stopping at the first.
///
/// Readers return `nil` when the value is missing or wrong; the issue is already logged, so callers
/// simply carry on and let the log decide at the end.
public struct Field {
    public let node: InputNode?
    public let path: FieldPath
    public let log: IssueLog

    public init(node: InputNode?, path: FieldPath, log: IssueLog) {
        self.node = node
        self.path = path
        self.log = log
    }

    public var isPresent: Bool { node != nil }
    public var line: Int? { node?.line }
    /// The field's text for messages (`{…}` for mappings).
    public var text: String { node?.shortText ?? "(missing)" }

    // MARK: Structure

    /// The child at `key` (absent when this is not a mapping or has no such key).
    public subscript(key: String) -> Field {
        guard case let .mapping(entries, _) = node, let entry = entries.first(where: { $0.key == key }) else {
            return Field(node: nil, path: path.appending(key), log: log)
        }
        return Field(node: entry.value, path: path.appending(key), log: log)
    }

    /// The element at `index` of a list (absent when out of range or not a list).
    public subscript(index index: Int) -> Field {
        guard case let .sequence(items, _) = node, items.indices.contains(index) else {
            return Field(node: nil, path: path.appending(index: index), log: log)
        }
        return Field(node: items[index], path: path.appending(index: index), log: log)
    }

    /// The field at `target` when `target` lies below this field's path (else this field).
    public func descendant(at target: FieldPath) -> Field {
        guard target.components.starts(with: path.components) else { return self }
        var field = self
        for component in target.components.dropFirst(path.components.count) {
            switch component {
            case let .key(key): field = field[key]
            case let .index(index): field = field[index: index]
            }
        }
        return field
    }

    /// The keys of a mapping in file order (empty otherwise).
    public var keys: [String] {
        guard case let .mapping(entries, _) = node else { return [] }
        return entries.map(\.key)
    }

    /// Checks this is a mapping whose keys are all in `allowed`; unknown keys get a "did you mean".
    /// Returns `false` (after logging) when present but not a mapping, or when missing and `required`.
    @discardableResult
    public func expectMapping(allowedKeys allowed: [String], required: Bool = true, expected: String = "a mapping of fields") -> Bool {
        guard let node else {
            if required { log.error(path, "missing; expected \(expected)") }
            return false
        }
        guard case let .mapping(entries, _) = node else {
            log.error(path, value: node.shortText, "is \(node.kindName) ('\(node.shortText)'); expected \(expected)", line: node.line)
            return false
        }
        for entry in entries where !allowed.contains(entry.key) {
            let hint = Self.closest(to: entry.key, among: allowed).map { " (did you mean '\($0)'?)" } ?? ""
            log.error(path.appending(entry.key), value: entry.key,
                      "unknown field '\(entry.key)'\(hint); allowed here: \(allowed.joined(separator: ", "))",
                      line: entry.keyLine)
        }
        return true
    }

    /// The elements of a list, or `nil` (logged) when present but not a list or missing and required.
    public func list(required: Bool = true, expected: String = "a list") -> [Field]? {
        guard let node else {
            if required { log.error(path, "missing; expected \(expected)") }
            return nil
        }
        guard case let .sequence(items, _) = node else {
            log.error(path, value: node.shortText, "is \(node.kindName) ('\(node.shortText)'); expected \(expected)", line: node.line)
            return nil
        }
        return items.enumerated().map { Field(node: $1, path: path.appending(index: $0), log: log) }
    }

    // MARK: Scalars

    /// Most characters in any text value of an input file (docs/case-format.md); names are shorter
    /// (e.g. a case name: 200).
    public static let maxTextLength = 4_000

    /// The scalar text, or `nil` (logged) when missing-and-required, not a single value, or longer than
    /// `maxLength` characters.
    public func string(required: Bool = true, expected: String = "a text value", maxLength: Int = maxTextLength) -> String? {
        guard let node else {
            if required { log.error(path, "missing; expected \(expected)") }
            return nil
        }
        guard case let .scalar(text, _) = node else {
            log.error(path, value: node.shortText, "is \(node.kindName); expected \(expected)", line: node.line)
            return nil
        }
        let trimmed = text.trimmingWhitespace
        if trimmed.isEmpty {
            log.error(path, value: "", "is empty; expected \(expected)", line: node.line)
            return nil
        }
        if trimmed.count > maxLength {
            log.error(path, value: trimmed, "'\(trimmed)' is too long; expected \(expected) of at most \(maxLength) characters",
                      line: node.line)
            return nil
        }
        if trimmed.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            log.error(path, value: trimmed, "contains control characters; expected \(expected)", line: node.line)
            return nil
        }
        return trimmed
    }

    /// `true` or `false` (YAML's `yes`/`no`/`on`/`off` are refused as ambiguous).
    public func bool(required: Bool = true) -> Bool? {
        guard let text = string(required: required, expected: "true or false") else { return nil }
        switch text {
        case "true": return true
        case "false": return false
        default:
            error(value: text, "'\(text)' is not true or false")
            return nil
        }
    }

    /// A plain count or number without unit (e.g. tablets per dose). Bare numbers only.
    public func number(required: Bool = true, expected: String = "a number") -> Double? {
        guard let text = string(required: required, expected: expected) else { return nil }
        guard let value = Double(text), value.isFinite, abs(value) <= Quantity.largestAcceptedMagnitude else {
            error(value: text, "'\(text)' is not \(expected)")
            return nil
        }
        return value
    }

    /// One of an enumeration's raw values; the message lists the allowed spellings.
    public func choice<T: RawRepresentable & CaseIterable>(_ type: T.Type, required: Bool = true) -> T? where T.RawValue == String {
        let allowed = T.allCases.map(\.rawValue)
        guard let text = string(required: required, expected: "one of \(allowed.joined(separator: ", "))") else { return nil }
        if let value = T(rawValue: text) { return value }
        let hint = Self.closest(to: text, among: allowed).map { " (did you mean '\($0)'?)" } ?? ""
        error(value: text, "'\(text)' is not allowed\(hint); expected one of \(allowed.joined(separator: ", "))")
        return nil
    }

    /// A list of text values; a single value is accepted as a one-element list.
    public func stringList(required: Bool = true, expected: String = "a list of names") -> [String]? {
        guard let node else {
            if required { log.error(path, "missing; expected \(expected)") }
            return nil
        }
        if case .scalar = node { return string(expected: expected).map { [$0] } }
        guard let items = list(expected: expected) else { return nil }
        let values = items.compactMap { $0.string(expected: "a name") }
        return values.count == items.count ? values : nil
    }

    // MARK: Quantities

    /// A quantity whose unit measures one of `dimensions` (e.g. `[.flow, .weightNormalizedFlow]`).
    public func quantity(_ dimensions: [Dimension], required: Bool = true) -> Quantity? {
        let expected = dimensions.map(\.example).joined(separator: " or ")
        guard let text = string(required: required, expected: expected) else { return nil }
        var firstError: UnitError?
        for dimension in dimensions {
            do {
                return try Quantity(parsing: text, expecting: dimension)
            } catch {
                firstError = firstError ?? error
            }
        }
        if dimensions.count > 1, let parsed = Self.anyDimensionQuantity(text) {
            error(value: text, "'\(parsed.unit.symbol)' is a unit of \(parsed.dimension.name); expected \(expected)")
        } else if let firstError {
            error(value: text, firstError.description)
        }
        return nil
    }

    public func quantity(_ dimension: Dimension, required: Bool = true) -> Quantity? {
        quantity([dimension], required: required)
    }

    /// The quantity converted to its canonical internal unit (mmol/L, mmol, L/h, h, kg, …).
    /// - Parameter solute: required for mg/dL, g, mEq, … conversions.
    public func canonical(_ dimension: Dimension, solute: Solute? = nil, required: Bool = true) -> Double? {
        guard let quantity = quantity(dimension, required: required) else { return nil }
        do {
            return try quantity.canonicalValue(for: solute)
        } catch {
            self.error(value: quantity.description, error.description)
            return nil
        }
    }

    // MARK: Issues

    public func error(value: String? = nil, _ message: String) {
        log.error(path, value: value ?? node?.shortText, message, line: line)
    }

    public func warning(value: String? = nil, _ message: String) {
        log.warning(path, value: value ?? node?.shortText, message, line: line)
    }

    /// Logs an error unless `value` lies in `range`; returns whether it does.
    /// - Parameter describe: how to show the accepted range, e.g. `"50–500 mL/min"`.
    @discardableResult
    public func requireRange(_ value: Double, _ range: ClosedRange<Double>, expected describe: String) -> Bool {
        if range.contains(value) { return true }
        error("\(text) is outside the accepted range; expected \(describe)")
        return false
    }

    // MARK: Helpers

    static func anyDimensionQuantity(_ text: String) -> Quantity? {
        for dimension in Dimension.allCases where dimension != .fraction {
            if let quantity = try? Quantity(parsing: text, expecting: dimension) { return quantity }
        }
        return nil
    }

    /// The closest allowed spelling within a small edit distance (case-insensitive).
    public static func closest(to text: String, among allowed: [String]) -> String? {
        let lowered = text.lowercased()
        let limit = max(2, lowered.count / 3)
        return allowed
            .map { ($0, editDistance($0.lowercased(), lowered)) }
            .filter { $0.1 <= limit }
            .min { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }?
            .0
    }
}

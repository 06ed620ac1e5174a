import KRTInput
import KRTUnits

/// The `sources:` table of one data file, and the readers for entries that cite it:
/// `{value: 2.5 mEq/L, source: us-pi, confidence: confirmed, note: "…"}`.
struct SourceTable {
    let ordered: [Source]
    private let byKey: [String: Source]
    /// Confidence assumed when an entry gives none (site limits files); `nil` = required.
    let defaultConfidence: Confidence?

    init(ordered: [Source], defaultConfidence: Confidence? = nil) {
        self.ordered = ordered
        self.byKey = Dictionary(ordered.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        self.defaultConfidence = defaultConfidence
    }

    /// Reads `sources: {key: {document: …, url: …}, …}`.
    static func read(_ field: Field, required: Bool = true, defaultConfidence: Confidence? = nil) -> SourceTable {
        var sources: [Source] = []
        if field.expectMapping(allowedKeys: field.keys, required: required,
                               expected: "a mapping of source keys to {document, url}") {
            for key in field.keys {
                let entry = field[key]
                guard entry.expectMapping(allowedKeys: ["document", "url"], expected: "{document: …, url: …}"),
                      let document = entry["document"].string(expected: "the document's title") else { continue }
                let url = entry["url"].string(required: false, expected: "the address where it was read")
                sources.append(Source(key: key, document: document, url: url))
            }
        }
        return SourceTable(ordered: sources, defaultConfidence: defaultConfidence)
    }

    /// Resolves `source: key` or `source: [key, key]`.
    func resolve(_ field: Field) -> [Source]? {
        guard let keys = field.stringList(expected: "a source key (or a list of keys) from this file's 'sources'") else {
            return nil
        }
        var resolved: [Source] = []
        for key in keys {
            if let source = byKey[key] {
                resolved.append(source)
            } else {
                let known = ordered.map(\.key)
                let hint = Field.closest(to: key, among: known).map { " (did you mean '\($0)'?)" } ?? ""
                field.error(value: key, "source '\(key)' is not in this file's 'sources'\(hint); defined: "
                    + (known.isEmpty ? "none" : known.joined(separator: ", ")))
                return nil
            }
        }
        return resolved
    }

    /// Reads `source`, `confidence` and `note` from an entry.
    func provenance(_ field: Field) -> Provenance? {
        let sources = resolve(field["source"])
        let confidence = field["confidence"].isPresent || defaultConfidence == nil
            ? field["confidence"].choice(Confidence.self) : defaultConfidence
        let note = field["note"].string(required: false)
        guard let sources, let confidence else { return nil }
        return Provenance(confidence: confidence, sources: sources, note: note)
    }

    /// Reads `{value: <quantity>, source, confidence, note}` (plus `extraKeys`, read by the caller).
    ///
    /// - Parameters:
    ///   - convert: canonical value of the stated quantity (solute- or compound-aware).
    ///   - positive: refuse 0 as well as negative values.
    func quantity(_ field: Field, _ dimension: Dimension, extraKeys: [String] = [], positive: Bool = false,
                  convert: (Quantity) throws(UnitError) -> Double) -> SourcedQuantity? {
        guard field.expectMapping(allowedKeys: ["value", "source", "confidence", "note"] + extraKeys,
                                  expected: "a mapping {value: <number unit>, source: <key>, confidence: <level>}") else {
            return nil
        }
        let provenance = provenance(field)
        let valueField = field["value"]
        guard let stated = valueField.quantity(dimension) else { return nil }
        let value: Double
        do {
            value = try convert(stated)
        } catch {
            valueField.error(value: stated.description, error.description)
            return nil
        }
        guard Self.checkSign(value, stated: stated, positive: positive, field: valueField), let provenance else { return nil }
        return SourcedQuantity(stated: stated, value: value, confidence: provenance.confidence,
                               sources: provenance.sources, note: provenance.note)
    }

    /// Logs an error for a negative value (or a non-positive one when `positive`).
    static func checkSign(_ value: Double, stated: Quantity, positive: Bool, field: Field) -> Bool {
        if value < 0 {
            field.error(value: stated.description, "\(stated) is negative; expected zero or more")
            return false
        }
        if positive && value == 0 {
            field.error(value: stated.description, "\(stated) is zero; expected more than zero")
            return false
        }
        return true
    }
}

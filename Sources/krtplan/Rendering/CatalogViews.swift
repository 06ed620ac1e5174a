import KRTCatalog
import KRTUnits

/// JSON views of catalog values shared by the catalog and check outputs (numbers via ``Number``).
struct SourceView: Encodable {
    let key: String
    let document: String
    let url: String?

    init(_ source: Source) {
        key = source.key
        document = source.document
        url = source.url
    }
}

/// A value as stated, its canonical value and unit, and its provenance.
struct ValueView: Encodable {
    let stated: String
    let value: Double
    let unit: String
    let confidence: String
    let sources: [String]
    let note: String?

    init(_ quantity: SourcedQuantity, unit: String) {
        stated = quantity.stated.description
        value = Number.rounded(quantity.value)
        self.unit = unit
        confidence = quantity.confidence.rawValue
        sources = quantity.sources.map(\.key)
        note = quantity.note
    }
}

struct LimitView: Encodable {
    /// In the planner's units of `solute`.
    let value: Double
    let unit: String
    let solute: String
    let stated: String
    let of: String
    let basis: String
    let confidence: String
    let sources: [String]
    let quote: String?
    let note: String?
    let origin: String

    init(_ limit: Limit, unit: String, solute: Solute) {
        value = Number.rounded(limit.value)
        self.unit = unit
        self.solute = solute.rawValue
        stated = limit.stated.description
        of = limit.subject.description
        basis = limit.basis.rawValue
        confidence = limit.confidence.rawValue
        sources = limit.sources.map(\.key)
        quote = limit.quote
        note = limit.note
        origin = limit.origin.description
    }
}

extension Limit {
    /// The canonical unit of a limit named as in the data files (`max_rate.central` → mmol/h).
    static func unit(forField name: String) -> String {
        if name.hasPrefix("max_rate") { return "mmol/h" }
        if name.hasPrefix("max_concentration") { return "mmol/L" }
        return "mmol"
    }
}

import KRTUnits

/// How sure the catalog is of a value, in the terms of the project's reference files
/// (`reference/formulations-and-dosing.md` tags [C]/[D]/[S]/UNCONFIRMED and
/// `reference/dosing-label-confirmations.md` CONFIRMED/DERIVED/STILL UNCONFIRMED).
///
/// Cases are ordered from strongest to weakest, so `max` of several confidences is the weakest.
public enum Confidence: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    /// Read in a copy of the label, SmPC, IFU, carton text or paper.
    case confirmed
    /// Calculated from confirmed label inputs (per-chamber g/L, product name, stoichiometry).
    case derived
    /// From a third-party summary; the primary text was not seen.
    case secondary
    /// No source confirms it. Compositions with an unconfirmed K, phosphate, Mg or Ca value are
    /// excluded from planning unless a case opts in; limits are enforced whatever their confidence.
    case unconfirmed

    public static func < (lhs: Confidence, rhs: Confidence) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}

/// What a limit rests on: the product label, published guidance, or a local decision.
public enum LimitBasis: String, Sendable, Hashable, CaseIterable, Codable {
    /// Printed in the product label, SmPC or prescribing information.
    case label
    /// A national or hospital guideline, or a drug-information service (e.g. UKMi, NHS boards).
    case guideline
    /// A published study or protocol.
    case publication
    /// A local policy: the package's documented default or a site's own limits file.
    case localPolicy = "local-policy"
    /// An assumption with no document behind it; stated so a site can replace it.
    case assumption
}

/// A document a catalog value comes from.
public struct Source: Sendable, Hashable, Codable {
    /// The key the data file uses for this source (unique within one file).
    public let key: String
    /// What the document is, e.g. "PRISMASOL/PHOXILLUM US prescribing information, Table 1".
    public let document: String
    /// Where it was read, when there is an address.
    public let url: String?

    public init(key: String, document: String, url: String?) {
        self.key = key
        self.document = document
        self.url = url
    }
}

/// A quantity as the source states it, its canonical value, and where it comes from.
public struct SourcedQuantity: Sendable, Hashable {
    /// The quantity exactly as written in the data file (the label's own unit, e.g. `2.5 mEq/L`).
    public let stated: Quantity
    /// The value in the canonical internal unit (mmol/L, mmol, mmol/h, L, h, mOsm/L, fraction).
    public let value: Double
    public let confidence: Confidence
    public let sources: [Source]
    /// Why the value is what it is (derivation, caveat), when the file says.
    public let note: String?

    public init(stated: Quantity, value: Double, confidence: Confidence, sources: [Source], note: String?) {
        self.stated = stated
        self.value = value
        self.confidence = confidence
        self.sources = sources
        self.note = note
    }

    /// The source keys, comma-separated, for compact tables.
    public var sourceKeys: String { sources.map(\.key).joined(separator: ", ") }
}

import KRTUnits

/// Which line an intravenous product runs through; concentration and rate limits depend on it.
public enum AccessLine: String, Sendable, Hashable, CaseIterable, Codable {
    case peripheral
    case central
}

/// What a limit's stated quantity counts: one solute (elemental mass for mg/g), or the product's
/// compound (e.g. `150 mg/min` of magnesium sulfate heptahydrate).
public enum LimitSubject: Sendable, Hashable, CustomStringConvertible {
    case solute(Solute)
    case compound(String)

    public var description: String {
        switch self {
        case let .solute(solute): solute.rawValue
        case let .compound(name): name
        }
    }
}

/// Where a limit in force came from.
public enum LimitOrigin: Sendable, Hashable, CustomStringConvertible {
    /// The last two components of a catalog path (`supplements/x.yaml`), the same on every machine.
    static func shortPath(_ path: String) -> String {
        path.split(separator: "/").suffix(2).joined(separator: "/")
    }

    /// The catalog's data file (a default).
    case catalog(file: String)
    /// A site's limits file, which replaced the default.
    case siteLimits(file: String)

    public var description: String {
        switch self {
        case let .catalog(file): "catalog default (\(Self.shortPath(file)))"
        case let .siteLimits(file): "site limits file (\(file))"
        }
    }
}

/// One dosing or compounding limit, converted to the unit the planner uses, with the text it
/// rests on.
///
/// For a supplement, ``value`` counts the product's *primary solute* (the solute its orderable unit
/// is counted in): mmol for doses, mmol/h for rates, mmol/L for concentrations. A limit stated for
/// another solute or for the compound is converted with the product's own content ratios.
/// For a compounding limit, ``value`` is the final concentration of the named solute in mmol/L.
public struct Limit: Sendable, Hashable {
    /// The limit in canonical units of the primary solute (mmol, mmol/h or mmol/L).
    public let value: Double
    /// The quantity as written (e.g. `150 mg/min`, `10 mEq/h`, `20 g`).
    public let stated: Quantity
    /// What ``stated`` counts.
    public let subject: LimitSubject
    public let basis: LimitBasis
    public let confidence: Confidence
    public let sources: [Source]
    /// The label or guideline text, verbatim, when the file quotes it.
    public let quote: String?
    public let note: String?
    public let origin: LimitOrigin

    public init(value: Double, stated: Quantity, subject: LimitSubject, basis: LimitBasis, confidence: Confidence,
                sources: [Source], quote: String?, note: String?, origin: LimitOrigin) {
        self.value = value
        self.stated = stated
        self.subject = subject
        self.basis = basis
        self.confidence = confidence
        self.sources = sources
        self.quote = quote
        self.note = note
        self.origin = origin
    }

    /// "150 mg/min of magnesium sulfate heptahydrate (label, confirmed)".
    public var summary: String {
        "\(stated) of \(subject) (\(basis.rawValue), \(confidence.rawValue))"
    }
}

/// A precondition for giving a product: a serum level that must be *below* a value
/// (potassium phosphates only when serum K < 4 mmol/L).
public struct Gate: Sendable, Hashable {
    /// The serum solute the gate reads.
    public let serum: Solute
    /// The serum level must be below ``limit``'s value (mmol/L; ``Limit/subject`` is the serum solute).
    public let limit: Limit

    public init(serum: Solute, limit: Limit) {
        self.serum = serum
        self.limit = limit
    }

    /// Upper bound on the serum level in mmol/L (exclusive).
    public var below: Double { limit.value }
}

extension Limit {
    /// Relative slack of every limit comparison (round-off of unit conversions).
    public static let relativeTolerance = 1e-9

    /// True when `value` is above `limit` (same unit) beyond round-off. Every limit comparison — the
    /// planner's checks of orders and the compounding check of bags — goes through this one test.
    public static func exceeds(_ value: Double, _ limit: Double) -> Bool {
        value > limit * (1 + relativeTolerance) + 1e-12
    }

    /// Where the limit comes from, in one word for reports: `site` for a site limits file, else the
    /// catalog entry's basis (`label`, `guideline`, `publication`, `local-policy`, `assumption`).
    public var sourceWord: String {
        switch origin {
        case .siteLimits: "site"
        case .catalog: basis.rawValue
        }
    }
}

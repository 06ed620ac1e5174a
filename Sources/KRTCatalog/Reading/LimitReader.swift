import KRTInput
import KRTUnits

/// Turns a limit's stated quantity into the unit the planner uses (see ``Limit``).
struct LimitConversion {
    /// The subject when an entry has no `of:`.
    let defaultSubject: LimitSubject
    /// The solute limits are expressed in; `nil` keeps the subject's own solute (compounding, gates).
    let primary: Solute?
    /// mmol per orderable unit, for converting a limit stated for another solute of the product.
    let content: [Solute: Double]
    let compound: Compound?
    /// Whether entries may name another subject with `of:`.
    let allowsOf: Bool

    /// For a supplement's limits: in its primary solute, convertible from its other solutes and compound.
    init(primary: Solute, content: [Solute: Double], compound: Compound?) {
        self.defaultSubject = .solute(primary)
        self.primary = primary
        self.content = content
        self.compound = compound
        self.allowsOf = true
    }

    /// For a limit on one solute itself (compounding limits, serum gates).
    init(solute: Solute) {
        self.defaultSubject = .solute(solute)
        self.primary = nil
        self.content = [:]
        self.compound = nil
        self.allowsOf = false
    }

    /// The value in canonical units of the primary solute, or a message saying why not.
    func convert(_ quantity: Quantity, subject: LimitSubject) -> Result<Double, LimitConversionError> {
        do {
            switch subject {
            case let .solute(solute):
                let own = try quantity.canonicalValue(for: solute)
                guard let primary, primary != solute else { return .success(own) }
                guard let mine = content[solute], mine > 0, let theirs = content[primary] else {
                    return .failure(LimitConversionError("the product contains no \(solute.rawValue), so a limit in "
                        + "\(solute.rawValue) cannot be converted to \(primary.rawValue)"))
                }
                return .success(own * theirs / mine)
            case .compound:
                guard let compound, let primary, let perMole = compound.provides[primary] else {
                    return .failure(LimitConversionError("the product declares no compound; give the limit for a solute"))
                }
                return .success(try quantity.canonicalValue(molarMass: compound.molarMass) * perMole)
            }
        } catch {
            return .failure(LimitConversionError("\(error)"))
        }
    }
}

struct LimitConversionError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

/// Reads limit entries `{value, of, basis, source, confidence, quote, note}`.
struct LimitReader {
    let sources: SourceTable
    let origin: LimitOrigin
    /// Basis assumed when an entry gives none (site limits files); `nil` = required.
    let defaultBasis: LimitBasis?
    let conversion: LimitConversion

    static let entryKeys = ["value", "of", "basis", "source", "confidence", "quote", "note"]

    /// One limit; `extraKeys` are read by the caller (e.g. `serum` for gates).
    func limit(_ field: Field, _ dimension: Dimension, extraKeys: [String] = []) -> Limit? {
        var declaration: [String] = []
        if case .siteLimits = origin { declaration = SitePolicy.declarationKeys }
        guard field.expectMapping(allowedKeys: Self.entryKeys + declaration + extraKeys,
                                  expected: "a limit {value: <number unit>, basis, source, confidence}") else {
            return nil
        }
        let subject = readSubject(field["of"])
        let basis = field["basis"].isPresent || defaultBasis == nil ? field["basis"].choice(LimitBasis.self) : defaultBasis
        let provenance = sources.provenance(field)
        let quote = field["quote"].string(required: false)
        let valueField = field["value"]
        guard let stated = valueField.quantity(dimension), let subject else { return nil }
        let value: Double
        switch conversion.convert(stated, subject: subject) {
        case let .success(converted): value = converted
        case let .failure(error):
            valueField.error(value: stated.description, error.message)
            return nil
        }
        guard SourceTable.checkSign(value, stated: stated, positive: true, field: valueField),
              let basis, let provenance else { return nil }
        return Limit(value: value, stated: stated, subject: subject, basis: basis, confidence: provenance.confidence,
                     sources: provenance.sources, quote: quote, note: provenance.note, origin: origin)
    }

    /// A per-line limit: either one entry for every line (`{value: …}`) or `{peripheral: …, central: …}`.
    func perLine(_ field: Field, _ dimension: Dimension) -> [AccessLine: Limit]? {
        if field["value"].isPresent {
            guard let limit = limit(field, dimension) else { return nil }
            return Dictionary(uniqueKeysWithValues: AccessLine.allCases.map { ($0, limit) })
        }
        guard field.expectMapping(allowedKeys: AccessLine.allCases.map(\.rawValue),
                                  expected: "one limit {value: …} for every line, or {peripheral: …, central: …}") else {
            return nil
        }
        var result: [AccessLine: Limit] = [:]
        for line in AccessLine.allCases where field[line.rawValue].isPresent {
            guard let limit = limit(field[line.rawValue], dimension) else { return nil }
            result[line] = limit
        }
        return result
    }

    private func readSubject(_ field: Field) -> LimitSubject? {
        guard field.isPresent else { return conversion.defaultSubject }
        guard let text = field.string(expected: "a solute name or 'compound'") else { return nil }
        guard conversion.allowsOf else {
            field.error(value: text, "'of' is not allowed here; the limit is for \(conversion.defaultSubject)")
            return nil
        }
        if text == "compound", let compound = conversion.compound { return .compound(compound.name) }
        if let solute = Solute(rawValue: text) { return .solute(solute) }
        let allowed = Solute.allCases.map(\.rawValue) + (conversion.compound == nil ? [] : ["compound"])
        let hint = Field.closest(to: text, among: allowed).map { " (did you mean '\($0)'?)" } ?? ""
        field.error(value: text, "'\(text)' is not a solute of this product or 'compound'\(hint)")
        return nil
    }
}

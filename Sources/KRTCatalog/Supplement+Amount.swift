import KRTUnits

/// Why an ordered amount cannot be read for a supplement.
public enum AmountError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Zero or negative.
    case notPositive(text: String)
    /// Phosphate (or a phosphate salt) in mEq: ambiguous, its valence depends on pH.
    case phosphateInEquivalents(product: String, text: String)
    /// mEq for a product whose primary solute has no valence.
    case equivalentsNotApplicable(product: String, text: String, primary: Solute)
    /// A mass for a product without a declared compound.
    case massWithoutCompound(product: String, text: String, primary: Solute)
    /// Not an amount (a concentration, a rate, a bare number, …).
    case notAnAmount(text: String, reason: String)

    public var description: String {
        switch self {
        case let .notPositive(text):
            "'\(text)' is not a positive amount; expected more than 0, e.g. '10 mmol'"
        case let .phosphateInEquivalents(product, text):
            "'\(text)' is ambiguous for \(product): phosphate is never ordered in mEq (its valence depends on pH); "
                + "give the amount in mmol of phosphate, e.g. '15 mmol'"
        case let .equivalentsNotApplicable(product, text, primary):
            "'\(text)' cannot be used for \(product): \(primary.rawValue) has no fixed valence; give mmol"
        case let .massWithoutCompound(product, text, primary):
            "'\(text)' is a mass, but \(product) has no compound molar mass in the catalog; "
                + "give mmol of \(primary.rawValue) (or mEq where it has a fixed valence)"
        case let .notAnAmount(text, reason):
            "'\(text)' is not an amount (\(reason)); expected e.g. '10 mmol', '20 mEq' or '2 g'"
        }
    }
}

extension Supplement {
    /// mmol of the primary solute in an ordered amount.
    ///
    /// - mmol: of the primary solute.
    /// - mEq: of the primary solute, divided by its valence; refused for phosphate (pH-dependent).
    /// - mg, g: of the product's compound (e.g. `2 g` of magnesium sulfate heptahydrate), converted
    ///   with its molar mass; refused when the catalog declares no compound.
    public func primaryAmount(of quantity: Quantity) throws(AmountError) -> Double {
        let text = quantity.description
        guard quantity.dimension == .amount else {
            throw .notAnAmount(text: text, reason: "it is a \(quantity.dimension.rawValue)")
        }
        guard quantity.value > 0 else { throw .notPositive(text: text) }
        do {
            switch quantity.unit.basis {
            case .molar, .none:
                return try quantity.canonicalValue()
            case .equivalent:
                if primarySolute == .phosphate { throw AmountError.phosphateInEquivalents(product: name, text: text) }
                guard primarySolute.valence != nil else {
                    throw AmountError.equivalentsNotApplicable(product: name, text: text, primary: primarySolute)
                }
                return try quantity.canonicalValue(for: primarySolute)
            case .mass:
                guard let compound, let perMole = compound.provides[primarySolute] else {
                    throw AmountError.massWithoutCompound(product: name, text: text, primary: primarySolute)
                }
                return try quantity.canonicalValue(molarMass: compound.molarMass) * perMole
            }
        } catch let error as AmountError {
            throw error
        } catch {
            throw .notAnAmount(text: text, reason: "\(error)")
        }
    }
}

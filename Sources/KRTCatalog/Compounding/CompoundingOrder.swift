import KRTUnits

/// One additive as ordered: a supplement with a vial concentrate, and an amount of its primary solute.
public struct AdditiveOrder: Sendable, Hashable {
    public let supplement: Supplement
    /// The amount as written, e.g. `10 mmol` or `1 g`.
    public let requested: Quantity
    /// mmol of the supplement's primary solute.
    public let amount: Double

    /// - Throws: ``AmountError`` for zero, negative or ambiguous amounts (phosphate in mEq).
    public init(supplement: Supplement, requested: Quantity) throws(AmountError) {
        self.supplement = supplement
        self.requested = requested
        self.amount = try supplement.primaryAmount(of: requested)
    }
}

/// A pharmacist's question: this bag, this volume, these additives.
public struct CompoundingOrder: Sendable {
    public var base: Formulation
    /// Volume in the bag before additives, L; `nil` = the bag volume from the catalog.
    public var volume: Double?
    public var additives: [AdditiveOrder]
    /// The order asks for a potassium-free bag.
    public var potassiumFree: Bool
    /// Whether the order states the bag's chambers are mixed; `nil` = not stated.
    public var bagMixed: Bool?

    public init(base: Formulation, volume: Double? = nil, additives: [AdditiveOrder] = [], potassiumFree: Bool = false,
                bagMixed: Bool? = nil) {
        self.base = base
        self.volume = volume
        self.additives = additives
        self.potassiumFree = potassiumFree
        self.bagMixed = bagMixed
    }
}

/// An order the check cannot compute (as opposed to a finding about a computable order).
public struct CompoundingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The order field at fault (`volume`, `additives[1]`, …).
    public let field: String
    public let message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
}

/// Reads `"<product name> <amount>"`, e.g. `potassium chloride 10 mmol` or `MgSO4 2g`.
public enum AdditiveText {
    /// Splits the text into the product name and the amount (the last one or two words).
    public static func split(_ text: String) throws(AdditiveTextError) -> (name: String, amount: Quantity) {
        let tokens = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard tokens.count >= 2 else { throw .noAmount(text: text) }
        if tokens.count >= 3, Double(tokens[tokens.count - 2]) != nil {
            let amountText = tokens.suffix(2).joined(separator: " ")
            do {
                let amount = try Quantity(parsing: amountText, expecting: .amount)
                return (tokens.dropLast(2).joined(separator: " "), amount)
            } catch {
                throw .badAmount(text: amountText, reason: error.description)
            }
        }
        guard let last = tokens.last else { throw .noAmount(text: text) }
        do {
            let amount = try Quantity(parsing: last, expecting: .amount)
            return (tokens.dropLast().joined(separator: " "), amount)
        } catch {
            if case .notAQuantity = error { throw .noAmount(text: text) }
            throw .badAmount(text: last, reason: error.description)
        }
    }
}

/// Why `"<product> <amount>"` could not be read.
public enum AdditiveTextError: Error, Sendable, Equatable, CustomStringConvertible {
    case noAmount(text: String)
    case badAmount(text: String, reason: String)

    public var description: String {
        switch self {
        case let .noAmount(text):
            "'\(text)' has no amount; write the product then the amount, e.g. 'potassium chloride 10 mmol'"
        case let .badAmount(_, reason):
            reason
        }
    }
}

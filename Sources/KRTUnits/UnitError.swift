/// Why a text could not be read as a quantity, or a quantity could not be converted.
///
/// Messages name the offending text and what was expected; callers (file readers) prefix the
/// field path.
public enum UnitError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text is not "number unit".
    case notAQuantity(text: String, expected: Dimension)
    /// A bare number where a unit is required.
    case missingUnit(number: String, expected: Dimension)
    /// The unit symbol is not one krtplan knows; `suggestion` is a close known spelling.
    case unknownUnit(symbol: String, suggestion: String?, expected: Dimension)
    /// The unit measures something else (e.g. `mL/h` where a concentration is expected).
    case wrongDimension(unit: String, found: Dimension, expected: Dimension)
    /// A mass ↔ molar conversion was asked for without a molar mass.
    case needsSolute(unit: String)
    /// An mEq conversion for a solute without a fixed valence (phosphate, glucose).
    case noValence(unit: String, solute: Solute)
    /// NaN, infinity, or a number too large to be a measurement.
    case notFinite(text: String)

    public var description: String {
        switch self {
        case let .notAQuantity(text, expected):
            "'\(text)' is not a quantity; expected \(expected.example)"
        case let .missingUnit(number, expected):
            "\(number) has no unit; expected \(expected.example)"
        case let .unknownUnit(symbol, suggestion, expected):
            "unknown unit '\(symbol)'"
                + (suggestion.map { " (did you mean '\($0)'?)" } ?? "")
                + "; expected \(expected.example)"
        case let .wrongDimension(unit, found, expected):
            "'\(unit)' is a unit of \(found.name), not of \(expected.name); expected \(expected.example)"
        case let .needsSolute(unit):
            "'\(unit)' is a mass unit; converting it to mmol needs the solute's molar mass"
        case let .noValence(unit, solute):
            solute == .phosphate
                ? "phosphate is never expressed in mEq (its valence depends on pH); give it in mmol or mg of P, not '\(unit)'"
                : "\(solute.rawValue) has no fixed valence; '\(unit)' cannot be converted"
        case let .notFinite(text):
            "'\(text)' is not a finite number of a plausible size"
        }
    }
}

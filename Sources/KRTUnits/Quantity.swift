/// A number with its unit, e.g. `4.1 mmol/L`, `150 mL/min`, `25 mL/kg/h`.
///
/// Quantities are parsed from text at the edges of the program and converted once to canonical
/// internal units (mmol, L, h, kg; see ``Dimension``). Conversions between mass, molar and
/// equivalent forms need the solute (molar mass, valence); asking without one is an error, never a
/// guess.
public struct Quantity: Sendable, Hashable, CustomStringConvertible {
    public let value: Double
    public let unit: Unit

    public init(_ value: Double, _ unit: Unit) {
        self.value = value
        self.unit = unit
    }

    public var dimension: Dimension { unit.dimension }

    /// Largest magnitude accepted from text: larger numbers are typing accidents, not measurements.
    public static let largestAcceptedMagnitude = 1e9

    /// Parses `"<number> <unit>"` (space optional) and checks the unit measures `expected`.
    ///
    /// A bare number is accepted only for `.fraction` (as a fraction, e.g. hematocrit `0.28`).
    public init(parsing text: String, expecting expected: Dimension) throws(UnitError) {
        let trimmed = text.trimmingWhitespace
        let (numberText, unitText) = Self.split(trimmed)
        guard !numberText.isEmpty, let number = Double(numberText) else {
            throw .notAQuantity(text: trimmed, expected: expected)
        }
        guard number.isFinite, abs(number) <= Self.largestAcceptedMagnitude else {
            throw .notFinite(text: trimmed)
        }
        if unitText.isEmpty {
            guard expected == .fraction else { throw .missingUnit(number: numberText, expected: expected) }
            self.init(number, .unitless)
            return
        }
        guard let unit = Unit.known[unitText] else {
            // `0x3 mmol/L`, `3e mmol/L`: the number swallowed part of the text; no unit is at fault.
            if unitText.contains(" "), !trimmed.hasPrefix(numberText + " ") {
                throw .notAQuantity(text: trimmed, expected: expected)
            }
            throw .unknownUnit(symbol: unitText, suggestion: Self.suggestion(for: unitText, in: expected),
                               expected: expected)
        }
        guard unit.dimension == expected else {
            throw .wrongDimension(unit: unit.symbol, found: unit.dimension, expected: expected)
        }
        self.init(number, unit)
    }

    /// The value in the dimension's canonical unit (mmol/L, mmol, mmol/h, L, L/h, h, kg, …).
    ///
    /// - Parameter solute: needed for mass (mg/dL, g, …) and equivalent (mEq/L, …) units.
    public func canonicalValue(for solute: Solute? = nil) throws(UnitError) -> Double {
        switch unit.basis {
        case .none, .molar:
            return value * unit.scale
        case .equivalent:
            guard let solute else { throw .needsSolute(unit: unit.symbol) }
            guard let valence = solute.valence else { throw .noValence(unit: unit.symbol, solute: solute) }
            return value * unit.scale / Double(valence)
        case .mass:
            guard let solute else { throw .needsSolute(unit: unit.symbol) }
            return value * unit.scale / solute.molarMass
        }
    }

    /// The value in canonical molar units for a compound of the given molar mass (g/mol), e.g.
    /// magnesium sulfate heptahydrate (246.47 g/mol). Equivalent units need `valence`.
    public func canonicalValue(molarMass: Double, valence: Int? = nil) throws(UnitError) -> Double {
        switch unit.basis {
        case .none, .molar: return value * unit.scale
        case .mass: return value * unit.scale / molarMass
        case .equivalent:
            guard let valence, valence > 0 else { throw .needsSolute(unit: unit.symbol) }
            return value * unit.scale / Double(valence)
        }
    }

    /// This quantity expressed in another unit of the same dimension (for display).
    public func converted(to target: Unit, for solute: Solute? = nil) throws(UnitError) -> Quantity {
        guard target.dimension == unit.dimension else {
            throw .wrongDimension(unit: target.symbol, found: target.dimension, expected: unit.dimension)
        }
        let canonical = try canonicalValue(for: solute)
        return Quantity(try Self.fromCanonical(canonical, to: target, for: solute), target)
    }

    /// Converts a canonical value (mmol/L, mmol, …) into `target`.
    public static func fromCanonical(_ canonical: Double, to target: Unit, for solute: Solute? = nil) throws(UnitError) -> Double {
        switch target.basis {
        case .none, .molar:
            return canonical / target.scale
        case .equivalent:
            guard let solute else { throw .needsSolute(unit: target.symbol) }
            guard let valence = solute.valence else { throw .noValence(unit: target.symbol, solute: solute) }
            return canonical * Double(valence) / target.scale
        case .mass:
            guard let solute else { throw .needsSolute(unit: target.symbol) }
            return canonical * solute.molarMass / target.scale
        }
    }

    public var description: String {
        unit.symbol.isEmpty ? Self.format(value) : "\(Self.format(value)) \(unit.symbol)"
    }

    /// A number for messages: at most `digits` significant digits (0.26315789… → "0.263").
    public static func short(_ number: Double, digits: Int = 3) -> String {
        guard number.isFinite, number != 0 else { return format(number) }
        let magnitude = Int((abs(number)).log10Floor)
        let decimals = max(0, digits - 1 - magnitude)
        let scale = pow10(decimals)
        return format((number * scale).rounded() / scale)
    }

    static func pow10(_ exponent: Int) -> Double {
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// Shortest round-trip text of a number without a trailing `.0` (deterministic).
    public static func format(_ number: Double) -> String {
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        return "\(number)"
    }

    // MARK: - Parsing helpers

    /// Splits "4.1 mmol/L" / "4.1mmol/L" / "-3e2 mL" into number and unit text.
    static func split(_ text: String) -> (number: String, unit: String) {
        let scalars = Array(text.unicodeScalars)
        var index = 0
        func isNumberScalar(_ s: Unicode.Scalar, previous: Unicode.Scalar?) -> Bool {
            if ("0"..."9").contains(s) || s == "." { return true }
            if s == "+" || s == "-" { return previous == nil || previous == "e" || previous == "E" }
            if s == "e" || s == "E" {
                // exponent only when followed by a digit or sign (so "4 eq" is not a number)
                let next = index + 1 < scalars.count ? scalars[index + 1] : nil
                return previous.map { ("0"..."9").contains($0) || $0 == "." } == true
                    && next.map { ("0"..."9").contains($0) || $0 == "+" || $0 == "-" } == true
            }
            return false
        }
        while index < scalars.count, isNumberScalar(scalars[index], previous: index > 0 ? scalars[index - 1] : nil) {
            index += 1
        }
        let number = String(String.UnicodeScalarView(scalars[0..<index]))
        let unit = String(String.UnicodeScalarView(scalars[index...])).trimmingWhitespace
        return (number, unit)
    }

    /// A known spelling close to `symbol` (case-insensitive match first, then small edit distance),
    /// preferring units of the expected dimension.
    static func suggestion(for symbol: String, in expected: Dimension) -> String? {
        let candidates = Unit.known.keys.sorted()
        let lowered = symbol.lowercased()
        let sameDimension = candidates.filter { Unit.known[$0]?.dimension == expected }
        if let exact = sameDimension.first(where: { $0.lowercased() == lowered }) {
            return Unit.known[exact]?.symbol
        }
        let scored = sameDimension.map { ($0, editDistance($0.lowercased(), lowered)) }
            .filter { $0.1 <= 2 }
            .sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
        return scored.first.flatMap { Unit.known[$0.0]?.symbol }
    }
}

/// Levenshtein distance between two short strings (used for "did you mean" suggestions).
public func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}

extension String {
    /// The string without leading and trailing spaces, tabs and newlines (no Foundation needed).
    public var trimmingWhitespace: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}

extension Double {
    /// ⌊log10(|self|)⌋ for finite non-zero values (no Foundation).
    var log10Floor: Double {
        var value = abs(self), exponent = 0.0
        while value >= 10 { value /= 10; exponent += 1 }
        while value < 1 { value *= 10; exponent -= 1 }
        return exponent
    }
}

/// How an amount-type unit counts substance: by moles, by charge equivalents, or by mass.
public enum AmountBasis: String, Sendable, Hashable {
    /// mmol, mmol/L, …: converts directly.
    case molar
    /// mEq, mEq/L, …: needs the solute's valence (mmol = mEq ÷ valence).
    case equivalent
    /// mg, g, mg/dL, …: needs a molar mass (mmol = mg ÷ g/mol).
    case mass
    /// Not an amount-type unit (flows, times, volumes, …).
    case none
}

/// A unit of measure with its dimension and its scale to the dimension's canonical unit.
///
/// For `.molar` and `.none` units `value × scale` is the canonical value. For `.equivalent` units
/// `value × scale` is in the canonical unit's mEq form (mEq/L, mEq, mEq/h, …) and is divided by the
/// valence; for `.mass` units `value × scale` is in its mg form (mg/L, mg, mg/h, …) and is divided by
/// the molar mass in g/mol.
public struct Unit: Sendable, Hashable, CustomStringConvertible {
    /// The preferred spelling, e.g. `mmol/L`.
    public let symbol: String
    public let dimension: Dimension
    public let basis: AmountBasis
    /// Multiplier to the canonical (or canonical-equivalent / canonical-mass) unit.
    public let scale: Double

    public init(symbol: String, dimension: Dimension, basis: AmountBasis = .none, scale: Double) {
        self.symbol = symbol
        self.dimension = dimension
        self.basis = basis
        self.scale = scale
    }

    public var description: String { symbol }
}

extension Unit {
    // MARK: Concentration
    public static let millimolePerLitre = Unit(symbol: "mmol/L", dimension: .concentration, basis: .molar, scale: 1)
    public static let micromolePerLitre = Unit(symbol: "µmol/L", dimension: .concentration, basis: .molar, scale: 0.001)
    public static let millimolePerMillilitre = Unit(symbol: "mmol/mL", dimension: .concentration, basis: .molar, scale: 1000)
    public static let milliequivalentPerLitre = Unit(symbol: "mEq/L", dimension: .concentration, basis: .equivalent, scale: 1)
    public static let milliequivalentPerMillilitre = Unit(symbol: "mEq/mL", dimension: .concentration, basis: .equivalent, scale: 1000)
    public static let milligramPerDecilitre = Unit(symbol: "mg/dL", dimension: .concentration, basis: .mass, scale: 10)
    public static let milligramPerLitre = Unit(symbol: "mg/L", dimension: .concentration, basis: .mass, scale: 1)
    public static let milligramPerMillilitre = Unit(symbol: "mg/mL", dimension: .concentration, basis: .mass, scale: 1000)
    public static let gramPerLitre = Unit(symbol: "g/L", dimension: .concentration, basis: .mass, scale: 1000)

    // MARK: Amount
    public static let millimole = Unit(symbol: "mmol", dimension: .amount, basis: .molar, scale: 1)
    public static let milliequivalent = Unit(symbol: "mEq", dimension: .amount, basis: .equivalent, scale: 1)
    public static let milligram = Unit(symbol: "mg", dimension: .amount, basis: .mass, scale: 1)
    public static let gram = Unit(symbol: "g", dimension: .amount, basis: .mass, scale: 1000)

    // MARK: Amount rate
    public static let millimolePerHour = Unit(symbol: "mmol/h", dimension: .amountRate, basis: .molar, scale: 1)
    public static let millimolePerDay = Unit(symbol: "mmol/day", dimension: .amountRate, basis: .molar, scale: 1.0 / 24)
    public static let milliequivalentPerHour = Unit(symbol: "mEq/h", dimension: .amountRate, basis: .equivalent, scale: 1)
    public static let milliequivalentPerDay = Unit(symbol: "mEq/day", dimension: .amountRate, basis: .equivalent, scale: 1.0 / 24)
    public static let milligramPerMinute = Unit(symbol: "mg/min", dimension: .amountRate, basis: .mass, scale: 60)
    public static let milligramPerDay = Unit(symbol: "mg/day", dimension: .amountRate, basis: .mass, scale: 1.0 / 24)
    public static let gramPerHour = Unit(symbol: "g/h", dimension: .amountRate, basis: .mass, scale: 1000)
    public static let gramPerDay = Unit(symbol: "g/day", dimension: .amountRate, basis: .mass, scale: 1000.0 / 24)

    // MARK: Amount per body mass
    public static let millimolePerKilogram = Unit(symbol: "mmol/kg", dimension: .amountPerBodyMass, basis: .molar, scale: 1)
    public static let milliequivalentPerKilogram = Unit(symbol: "mEq/kg", dimension: .amountPerBodyMass, basis: .equivalent, scale: 1)
    public static let milligramPerKilogram = Unit(symbol: "mg/kg", dimension: .amountPerBodyMass, basis: .mass, scale: 1)

    // MARK: Volume
    public static let litre = Unit(symbol: "L", dimension: .volume, scale: 1)
    public static let millilitre = Unit(symbol: "mL", dimension: .volume, scale: 0.001)

    // MARK: Flow
    public static let litrePerHour = Unit(symbol: "L/h", dimension: .flow, scale: 1)
    public static let millilitrePerHour = Unit(symbol: "mL/h", dimension: .flow, scale: 0.001)
    public static let millilitrePerMinute = Unit(symbol: "mL/min", dimension: .flow, scale: 0.06)
    public static let litrePerMinute = Unit(symbol: "L/min", dimension: .flow, scale: 60)
    public static let millilitrePerDay = Unit(symbol: "mL/day", dimension: .flow, scale: 0.001 / 24)
    public static let litrePerDay = Unit(symbol: "L/day", dimension: .flow, scale: 1.0 / 24)

    // MARK: Weight-normalised flow
    public static let millilitrePerKilogramPerHour = Unit(symbol: "mL/kg/h", dimension: .weightNormalizedFlow, scale: 0.001)

    // MARK: Time
    public static let second = Unit(symbol: "s", dimension: .time, scale: 1.0 / 3600)
    public static let minute = Unit(symbol: "min", dimension: .time, scale: 1.0 / 60)
    public static let hour = Unit(symbol: "h", dimension: .time, scale: 1)
    public static let day = Unit(symbol: "day", dimension: .time, scale: 24)
    public static let week = Unit(symbol: "week", dimension: .time, scale: 168)
    public static let year = Unit(symbol: "year", dimension: .time, scale: 8766)

    // MARK: Body mass, length, fraction, osmolarity
    public static let kilogram = Unit(symbol: "kg", dimension: .bodyMass, scale: 1)
    public static let centimetre = Unit(symbol: "cm", dimension: .length, scale: 0.01)
    public static let metre = Unit(symbol: "m", dimension: .length, scale: 1)
    public static let percent = Unit(symbol: "%", dimension: .fraction, scale: 0.01)
    public static let unitless = Unit(symbol: "", dimension: .fraction, scale: 1)
    public static let litrePerKilogram = Unit(symbol: "L/kg", dimension: .volumePerBodyMass, scale: 1)
    public static let millilitrePerKilogram = Unit(symbol: "mL/kg", dimension: .volumePerBodyMass, scale: 0.001)
    public static let perHour = Unit(symbol: "1/h", dimension: .rateConstant, scale: 1)
    public static let perMinute = Unit(symbol: "1/min", dimension: .rateConstant, scale: 60)
    public static let milliosmolePerLitre = Unit(symbol: "mOsm/L", dimension: .osmolarity, scale: 1)

    /// Every spelling the parser accepts, mapped to its unit. Spellings are case-sensitive except
    /// where a common lower-case litre variant is listed explicitly (`mmol/l`), because `mg` and `Mg`
    /// (magnesium) or `mL` and `ML` must never be guessed.
    public static let known: [String: Unit] = {
        var table: [String: Unit] = [:]
        func add(_ unit: Unit, _ aliases: String...) {
            table[unit.symbol] = unit
            for alias in aliases { table[alias] = unit }
        }
        add(.millimolePerLitre, "mmol/l", "mM")
        add(.micromolePerLitre, "umol/L", "umol/l", "µmol/l", "μmol/L", "μmol/l")
        add(.millimolePerMillilitre, "mmol/ml")
        add(.milliequivalentPerLitre, "mEq/l", "meq/L", "meq/l")
        add(.milliequivalentPerMillilitre, "mEq/ml", "meq/mL", "meq/ml")
        add(.milligramPerDecilitre, "mg/dl")
        add(.milligramPerLitre, "mg/l")
        add(.milligramPerMillilitre, "mg/ml")
        add(.gramPerLitre, "g/l")
        add(.millimole)
        add(.milliequivalent, "meq")
        add(.milligram)
        add(.gram)
        add(.millimolePerHour)
        add(.millimolePerDay, "mmol/d")
        add(.milliequivalentPerHour, "meq/h")
        add(.milliequivalentPerDay, "meq/day", "mEq/d")
        add(.milligramPerMinute)
        add(.milligramPerDay, "mg/d")
        add(.gramPerHour)
        add(.gramPerDay, "g/d")
        add(.millimolePerKilogram)
        add(.milliequivalentPerKilogram, "meq/kg")
        add(.milligramPerKilogram)
        add(.litre, "l")
        add(.millilitre, "ml")
        add(.litrePerHour, "l/h")
        add(.millilitrePerHour, "ml/h")
        add(.millilitrePerMinute, "ml/min")
        add(.litrePerMinute, "l/min")
        add(.millilitrePerDay, "ml/day", "mL/d", "ml/d")
        add(.litrePerDay, "l/day", "L/d", "l/d")
        add(.millilitrePerKilogramPerHour, "ml/kg/h")
        add(.second)
        add(.minute, "mins")
        add(.hour, "hr", "hrs", "hour", "hours")
        add(.day, "days", "d")
        add(.week, "weeks")
        add(.year, "years")
        add(.kilogram)
        add(.centimetre)
        add(.metre)
        add(.percent)
        add(.litrePerKilogram, "l/kg")
        add(.millilitrePerKilogram, "ml/kg")
        add(.perHour, "/h", "h-1")
        add(.perMinute, "/min", "min-1")
        add(.milliosmolePerLitre, "mOsm/l", "mosm/L", "mosm/l", "mOsmol/L")
        return table
    }()

    /// The known units of a dimension, preferred spellings only, for messages.
    public static func symbols(for dimension: Dimension) -> [String] {
        Set(known.values.filter { $0.dimension == dimension && !$0.symbol.isEmpty }.map(\.symbol)).sorted()
    }
}

/// What a quantity measures. Each dimension has one canonical internal unit (mmol, L, h, kg),
/// and every value is converted to it at the edge of the program.
public enum Dimension: String, Sendable, Hashable, CaseIterable {
    /// Amount per volume. Canonical: mmol/L.
    case concentration
    /// Amount of substance. Canonical: mmol.
    case amount
    /// Amount per time. Canonical: mmol/h.
    case amountRate
    /// Amount per kilogram of body weight. Canonical: mmol/kg.
    case amountPerBodyMass
    /// Volume. Canonical: L.
    case volume
    /// Volume per time (blood, dialysate, replacement, effluent flows; clearances; KoA). Canonical: L/h.
    case flow
    /// Flow per kilogram of body weight (effluent dose). Canonical: L/kg/h.
    case weightNormalizedFlow
    /// Duration or time point. Canonical: h.
    case time
    /// Body mass. Canonical: kg.
    case bodyMass
    /// Length (height). Canonical: m.
    case length
    /// Dimensionless fraction (hematocrit, delivered fraction, bioavailability). Canonical: 1.
    case fraction
    /// Osmolarity. Canonical: mOsm/L.
    case osmolarity
    /// Volume per kilogram of body weight (distribution volumes). Canonical: L/kg.
    case volumePerBodyMass
    /// First-order rate constant. Canonical: 1/h.
    case rateConstant

    /// The canonical unit's symbol, as used in messages and reports.
    public var canonicalSymbol: String {
        switch self {
        case .concentration: "mmol/L"
        case .amount: "mmol"
        case .amountRate: "mmol/h"
        case .amountPerBodyMass: "mmol/kg"
        case .volume: "L"
        case .flow: "L/h"
        case .weightNormalizedFlow: "L/kg/h"
        case .time: "h"
        case .bodyMass: "kg"
        case .length: "m"
        case .fraction: "1"
        case .osmolarity: "mOsm/L"
        case .volumePerBodyMass: "L/kg"
        case .rateConstant: "1/h"
        }
    }

    /// The dimension's name in words, for messages ("body mass", not `bodyMass`).
    public var name: String {
        switch self {
        case .concentration: "concentration"
        case .amount: "amount"
        case .amountRate: "amount per time"
        case .amountPerBodyMass: "amount per kilogram"
        case .volume: "volume"
        case .flow: "flow"
        case .weightNormalizedFlow: "weight-normalised flow"
        case .time: "time"
        case .bodyMass: "body mass"
        case .length: "length"
        case .fraction: "fraction"
        case .osmolarity: "osmolarity"
        case .volumePerBodyMass: "volume per kilogram"
        case .rateConstant: "rate constant"
        }
    }

    /// A phrase for error messages ("a concentration such as '4.1 mmol/L'").
    public var example: String {
        switch self {
        case .concentration: "a concentration such as '4.1 mmol/L' or '1.8 mg/dL'"
        case .amount: "an amount such as '20 mmol' or '2 g'"
        case .amountRate: "an amount per time such as '40 mmol/day'"
        case .amountPerBodyMass: "an amount per kilogram such as '0.32 mmol/kg'"
        case .volume: "a volume such as '5 L' or '250 mL'"
        case .flow: "a flow such as '150 mL/min' or '1.5 L/h'"
        case .weightNormalizedFlow: "a weight-normalised flow such as '25 mL/kg/h'"
        case .time: "a time such as '8 h' or '30 min'"
        case .bodyMass: "a body mass such as '82 kg'"
        case .length: "a length such as '175 cm'"
        case .fraction: "a fraction such as '0.28' or '28 %'"
        case .osmolarity: "an osmolarity such as '290 mOsm/L'"
        case .volumePerBodyMass: "a volume per kilogram such as '0.2 L/kg'"
        case .rateConstant: "a rate constant such as '0.5 1/h'"
        }
    }
}

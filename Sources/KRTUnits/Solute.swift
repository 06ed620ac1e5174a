/// A dissolved species the planner tracks or reports.
///
/// Molar masses are in g/mol (standard atomic weights). Phosphate is reported and ordered as
/// elemental phosphorus (P, 30.974 g/mol): laboratories report "phosphate" in mg/dL of P, and
/// 1 mg/dL P = 0.3229 mmol/L. Phosphate has no fixed valence at physiological pH, so it is
/// never converted to or from mEq.
public enum Solute: String, CaseIterable, Sendable, Hashable, Comparable, Codable {
    case potassium
    case phosphate
    case magnesium
    case sodium
    case calcium
    case chloride
    case bicarbonate
    case lactate
    case glucose
    case citrate

    /// The three solutes the planner predicts and optimises, in report order.
    public static let planned: [Solute] = [.potassium, .phosphate, .magnesium]

    /// Molar mass in g/mol used for every mass ↔ molar conversion of this solute.
    public var molarMass: Double {
        switch self {
        case .potassium: 39.098
        case .phosphate: 30.974  // as elemental P
        case .magnesium: 24.305
        case .sodium: 22.990
        case .calcium: 40.078
        case .chloride: 35.45
        case .bicarbonate: 61.017
        case .lactate: 89.07
        case .glucose: 180.156
        case .citrate: 189.10
        }
    }

    /// Charge magnitude used for mEq ↔ mmol (mEq = mmol × valence), or `nil` when the solute has no
    /// fixed valence (phosphate: pH-dependent) or is uncharged (glucose).
    public var valence: Int? {
        switch self {
        case .potassium, .sodium, .chloride, .bicarbonate, .lactate: 1
        case .magnesium, .calcium: 2
        case .citrate: 3
        case .phosphate, .glucose: nil
        }
    }

    /// Signed charge for electroneutrality sums (cations positive); `nil` when not fixed.
    public var charge: Int? {
        switch self {
        case .potassium, .sodium: 1
        case .magnesium, .calcium: 2
        case .chloride, .bicarbonate, .lactate: -1
        case .citrate: -3
        case .phosphate, .glucose: nil
        }
    }

    /// Short chemical symbol used in tables (`K`, `PO4`, `Mg`, …).
    public var symbol: String {
        switch self {
        case .potassium: "K"
        case .phosphate: "PO4"
        case .magnesium: "Mg"
        case .sodium: "Na"
        case .calcium: "Ca"
        case .chloride: "Cl"
        case .bicarbonate: "HCO3"
        case .lactate: "lactate"
        case .glucose: "glucose"
        case .citrate: "citrate"
        }
    }

    public static func < (lhs: Solute, rhs: Solute) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}

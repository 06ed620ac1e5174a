import KRTUnits

/// Ranges that separate measurements from unit mistakes (K 42 mmol/L, Mg 2.1 "mmol/L" that is mg/dL).
public enum Plausibility {
    /// Serum levels a laboratory can report (mmol/L); outside them the value is refused.
    public static func serum(_ solute: Solute) -> ClosedRange<Double> {
        switch solute {
        case .potassium: 1.0...10.0
        case .phosphate: 0.1...6.0
        case .magnesium: 0.1...4.0
        default: 0...Double.infinity
        }
    }

    /// The clinical envelope of a hard bound (mmol/L): a hard bound outside it no longer protects the
    /// patient (K 0.1–100 mmol/L would let any plan through), so it is refused. K 1.5–8.0: the issue's
    /// envelope, ASSUMPTION; phosphate 0.3–3.5: 0.32 mmol/L is the severe-hypophosphataemia grade used in
    /// KRT studies (Yang et al., Crit Care 2013;17:R205), the upper end an ASSUMPTION; Mg 0.3–2.5:
    /// ASSUMPTION (docs/case-format.md, "Clinical envelopes").
    public static func hardBoundEnvelope(_ solute: Solute) -> ClosedRange<Double> {
        switch solute {
        case .potassium: 1.5...8.0
        case .phosphate: 0.3...3.5
        case .magnesium: 0.3...2.5
        default: 0...Double.infinity
        }
    }

    /// Levels above which a molar value more likely is a mass value typed with the wrong unit (mmol/L).
    static func suspiciousAbove(_ solute: Solute) -> Double? {
        switch solute {
        case .phosphate: 2.5
        case .magnesium: 1.6
        default: nil
        }
    }

    /// For an implausible value, what it would be if the number were in another common unit.
    static func alternativeReading(_ quantity: Quantity, solute: Solute) -> String? {
        switch (solute, quantity.unit.basis) {
        case (.potassium, _) where quantity.value >= 10 && quantity.value <= 100:
            return "did you mean \(Quantity.format(quantity.value / 10)) mmol/L?"
        case (.phosphate, .molar), (.magnesium, .molar):
            let asMass = Quantity(quantity.value, .milligramPerDecilitre)
            guard let converted = try? asMass.canonicalValue(for: solute) else { return nil }
            return "if the number is in mg/dL it is \(rounded(converted)) mmol/L"
        case (.phosphate, .mass), (.magnesium, .mass):
            return "if the number is in mmol/L, write the unit mmol/L"
        default:
            return nil
        }
    }

    /// A warning with both readings for values that are possible but more likely a unit mistake.
    static func suspiciousReading(_ quantity: Quantity, value: Double, solute: Solute) -> String? {
        guard quantity.unit.basis == .molar, let limit = suspiciousAbove(solute), value > limit,
              let converted = try? Quantity(quantity.value, .milligramPerDecilitre).canonicalValue(for: solute) else { return nil }
        return "\(solute.rawValue) \(quantity) is unusually high; read as mmol/L it is \(rounded(value)) mmol/L, "
            + "but if the number is in mg/dL it is \(rounded(converted)) mmol/L — check the unit"
    }

    static func rounded(_ value: Double) -> String {
        Quantity.format((value * 100).rounded() / 100)
    }
}

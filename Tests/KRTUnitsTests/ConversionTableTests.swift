import Testing
@testable import KRTUnits

/// Conversion tables from the reference (formulations-and-dosing.md §3) as tests.
struct ConversionTableTests {
    struct Row: Sendable, CustomTestStringConvertible {
        let text: String
        let dimension: Dimension
        let solute: Solute?
        let canonical: Double
        let tolerance: Double
        var testDescription: String { "\(text) → \(canonical)" }
    }

    static let rows: [Row] = [
        // Potassium: mmol/L = mEq/L
        Row(text: "4.1 mmol/L", dimension: .concentration, solute: .potassium, canonical: 4.1, tolerance: 1e-12),
        Row(text: "4.1 mEq/L", dimension: .concentration, solute: .potassium, canonical: 4.1, tolerance: 1e-12),
        // Magnesium: mg/dL × 0.4114 = mmol/L; mEq = 2 × mmol. The reference factors are rounded to four
    // digits (10/24.305 = 0.41144, 10/30.974 = 0.32285), hence the 2e-4 relative tolerance.
        Row(text: "1.4 mg/dL", dimension: .concentration, solute: .magnesium, canonical: 1.4 * 0.4114, tolerance: 1.4 * 0.4114 * 2e-4),
        Row(text: "2.4 mg/dL", dimension: .concentration, solute: .magnesium, canonical: 0.9875, tolerance: 5e-4),
        Row(text: "1.5 mEq/L", dimension: .concentration, solute: .magnesium, canonical: 0.75, tolerance: 1e-12),
        // Phosphate as P: mg/dL × 0.3229 = mmol/L
        Row(text: "2.2 mg/dL", dimension: .concentration, solute: .phosphate, canonical: 2.2 * 0.3229, tolerance: 2.2 * 0.3229 * 2e-4),
        Row(text: "2.5 mg/dL", dimension: .concentration, solute: .phosphate, canonical: 0.81, tolerance: 5e-3),
        Row(text: "3.1 mg/dL", dimension: .concentration, solute: .phosphate, canonical: 1.0, tolerance: 1e-3),
        // Calcium: mEq/L × 0.5 = mmol/L; mg/dL × 0.25
        Row(text: "2.5 mEq/L", dimension: .concentration, solute: .calcium, canonical: 1.25, tolerance: 1e-12),
        Row(text: "10 mg/dL", dimension: .concentration, solute: .calcium, canonical: 2.495, tolerance: 1e-3),
        // Glucose: 100 mg/dL = 5.55 mmol/L
        Row(text: "100 mg/dL", dimension: .concentration, solute: .glucose, canonical: 5.55, tolerance: 5e-3),
        // Amounts and rates
        Row(text: "20 mmol", dimension: .amount, solute: nil, canonical: 20, tolerance: 1e-12),
        Row(text: "8.12 mEq", dimension: .amount, solute: .magnesium, canonical: 4.06, tolerance: 1e-12),
        Row(text: "40 mmol/day", dimension: .amountRate, solute: nil, canonical: 40.0 / 24, tolerance: 1e-12),
        Row(text: "10 mEq/h", dimension: .amountRate, solute: .potassium, canonical: 10, tolerance: 1e-12),
        // Flows, volumes, times, weights
        Row(text: "150 mL/min", dimension: .flow, solute: nil, canonical: 9.0, tolerance: 1e-12),
        Row(text: "1.5 L/h", dimension: .flow, solute: nil, canonical: 1.5, tolerance: 1e-12),
        Row(text: "1500 mL/h", dimension: .flow, solute: nil, canonical: 1.5, tolerance: 1e-12),
        Row(text: "600 mL/day", dimension: .flow, solute: nil, canonical: 0.025, tolerance: 1e-12),
        Row(text: "25 mL/kg/h", dimension: .weightNormalizedFlow, solute: nil, canonical: 0.025, tolerance: 1e-12),
        Row(text: "250 mL", dimension: .volume, solute: nil, canonical: 0.25, tolerance: 1e-12),
        Row(text: "82 kg", dimension: .bodyMass, solute: nil, canonical: 82, tolerance: 1e-12),
        Row(text: "8 h", dimension: .time, solute: nil, canonical: 8, tolerance: 1e-12),
        Row(text: "30 min", dimension: .time, solute: nil, canonical: 0.5, tolerance: 1e-12),
        Row(text: "3 days", dimension: .time, solute: nil, canonical: 72, tolerance: 1e-12),
        Row(text: "10 %", dimension: .fraction, solute: nil, canonical: 0.1, tolerance: 1e-12),
        Row(text: "90%", dimension: .fraction, solute: nil, canonical: 0.9, tolerance: 1e-12),
        Row(text: "0.28", dimension: .fraction, solute: nil, canonical: 0.28, tolerance: 1e-12),
        Row(text: "175 cm", dimension: .length, solute: nil, canonical: 1.75, tolerance: 1e-12),
    ]

    @Test(arguments: rows)
    func convertsToCanonical(_ row: Row) throws {
        let quantity = try Quantity(parsing: row.text, expecting: row.dimension)
        let value = try quantity.canonicalValue(for: row.solute)
        #expect(abs(value - row.canonical) <= row.tolerance, "\(row.text) gave \(value)")
    }

    @Test func magnesiumSulfateGramToMillimoles() throws {
        // 1 g MgSO4·7H2O (246.47 g/mol) = 4.057 mmol Mg
        let dose = try Quantity(parsing: "1 g", expecting: .amount)
        #expect(abs(try dose.canonicalValue(molarMass: 246.47) - 4.0573) < 1e-4)
    }

    @Test func roundTripsThroughDisplayUnits() throws {
        let mg = try Quantity(parsing: "1.8 mg/dL", expecting: .concentration)
        let mmol = try mg.converted(to: .millimolePerLitre, for: .magnesium)
        let back = try mmol.converted(to: .milligramPerDecilitre, for: .magnesium)
        #expect(abs(back.value - 1.8) < 1e-12)
        #expect(mmol.unit == .millimolePerLitre)
    }
}

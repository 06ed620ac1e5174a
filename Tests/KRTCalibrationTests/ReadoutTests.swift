import Foundation
import KRTCalibration
import KRTUnits
import Testing

@Suite("Calibration harness: readouts, acceptance and the single-pool formula")
struct ReadoutTests {
    func readout(_ quantity: String, at: String? = nil, over: String? = nil) throws -> Readout {
        var pairs: [(key: String, value: YAMLValue)] = [("quantity", .scalar(quantity))]
        if let at { pairs.append(("at", .scalar(at))) }
        if let over { pairs.append(("over", .scalar(over))) }
        return try Readout.parse(.map(pairs))
    }

    @Test func recognisedForms() throws {
        #expect(try readout("serum potassium", at: "60 min") == .level(.potassium, at: 1))
        #expect(try readout("serum magnesium", at: "days 5–12") == .meanLevel(.magnesium, from: 120, to: 288))
        #expect(try readout("serum potassium rise from 0 h", at: "1 h") == .difference(.potassium, 1, 0))
        #expect(try readout("K(60 min) − K(0)") == .difference(.potassium, 1, 0))
        #expect(try readout("Mg(0 h) − Mg(4 h)") == .difference(.magnesium, 0, 4))
        #expect(try readout("100 × (P at 0 h − P at 1 h) / P at 0 h") == .percentFall(.phosphate, 0, 1, 0))
        #expect(try readout("100 × P at 52 h / P at 0 h") == .percentOf(.phosphate, 52, 0))
        #expect(try readout("P removed", over: "0–5 h") == .removed(.phosphate, from: 0, to: 5))
        #expect(try readout("100 × (P removed 0–2 h) / (P removed 0–5 h)") == .removedShare(.phosphate, 0, 2, 0, 5))
        #expect(try readout("pre-dialysis Mg at which Mg(4 h) = Mg(0 h) (scan the starting value)") == .neutralStart(.magnesium, at: 4))
        #expect(try readout("mean pre-session serum Mg over days 7–14 (periodic steady state)") == .preSessionMean(.magnesium, from: 168, to: 336))
        #expect(try readout("Mg balance (delivered − effluent) at 9 h") == .balanceRate(.magnesium, at: 9))
        #expect(try readout("minimum serum phosphate over 72 h (must stay ≥ 0.81 mmol/L for a typical patient)") == .minimum(.phosphate, to: 72))
    }

    @Test func armComparisonsAreNotComputed() {
        #expect(throws: Readout.Unsupported.self) { try readout("(steady pre-session Mg with dialysate Mg 0.37) − (with 0.50)") }
        #expect(throws: Readout.Unsupported.self) { try readout("mean pre-session serum K over days 7–14, dialysate K 1 minus dialysate K 2") }
    }

    static func figure(value: Double?, unit: String = "mmol/L", low: Double? = nil, high: Double? = nil, tolerance: String? = nil) -> Figure {
        Figure(id: "A", solute: "potassium", topic: "t", half: .calibration, confidence: "C", quantity: "q", value: value, unit: unit,
               spreadKind: "SD", spreadLow: low, spreadHigh: high, assumedTolerance: tolerance, scenario: nil)
    }

    @Test func acceptanceOrder() {
        let spread = Acceptance.of(Self.figure(value: 1, low: 0.8, high: 1.2), readout: nil)
        #expect(spread?.origin == .publishedSpread && spread?.low == 0.8 && spread?.high == 1.2)
        let relative = Acceptance.of(Self.figure(value: 100, unit: "mmol/session", tolerance: "ASSUMPTION: ±15 % (no spread)"), readout: nil)
        #expect(relative?.origin == .assumedTolerance && relative?.low == 85 && relative?.high == 115)
        let points = Acceptance.of(Self.figure(value: 25, unit: "%", low: 24.8, high: 25.2, tolerance: "ASSUMPTION: ±5 percentage points"), readout: nil)
        #expect(points?.low == 20 && points?.high == 30)
        // A tolerance about another quantity does not apply: the published spread is used.
        let other = Acceptance.of(Self.figure(value: 4.6, low: 4.47, high: 4.73, tolerance: "ASSUMPTION: rebound fraction 0.53 ± 0.15."), readout: nil)
        #expect(other?.origin == .publishedSpread)
        let within = Acceptance.of(Self.figure(value: 1.49, low: 1.31, high: 1.67, tolerance: "ASSUMPTION: change within −0.08 to +0.10 mmol/L."),
                                   readout: .map([("quantity", .scalar("Mg(4 h) − Mg(0 h)")), ("target", .scalar("0.02"))]))
        #expect(within?.low == -0.08 && within?.high == 0.10 && within?.reference == 0.02)
        let range = Acceptance.of(Self.figure(value: 23), readout: .map([("target", .scalar("0.58–0.82"))]))
        #expect(range?.origin == .targetRange && range?.low == 0.58 && range?.high == 0.82)
        let bound = Acceptance.of(Self.figure(value: 6.6), readout: .map([("quantity", .scalar("minimum P (must stay ≥ 0.81 mmol/L)"))]))
        #expect(bound?.low == 0.81 && bound?.high == .infinity && bound?.sigma == nil)
        #expect(Acceptance.of(Self.figure(value: 1), readout: nil) == nil)
    }
}

@Suite("Calibration harness: the single-pool formula")
struct SinglePoolTests {
    /// CVVH, post-dilution only, fluid K 4 mmol/L, no intake, anuric: C(t) = 4 + (C0 − 4)·exp(−K t / V) with
    /// V = 0.6 L/kg × 70 kg and K = delivered fraction 0.9 × 2 L/h (the formula's definition, docs/validation.md).
    @Test func closedFormForPostDilutionCVVH() throws {
        let scenario = """
            {patient: {weight: 70 kg, hematocrit: 0.30, residual_renal_function: none}, \
            labs: [{at: 0 h, potassium: 6.0 mmol/L, phosphate: 1.6 mmol/L, magnesium: 1.0 mmol/L}], \
            therapy: {modality: CVVH, blood_flow: 150 mL/min, replacement: [{position: post, flow: 2000 mL/h}]}, \
            fluids: {post_replacement: {composition: {potassium: 4 mmol/L, phosphate: 0 mmol/L, magnesium: 0.5 mmol/L}}}, \
            horizon: 12 h, step: 1 h, readout: [{quantity: serum potassium, at: 6 h}]}
            """
        let file = try CalibrationFixtures.figures(TranslationTests.header + TranslationTests.record("SP-1", scenario))
        let h = Harness(file: file, catalog: CalibrationFixtures.catalog)
        let p = try #require(h.prepared.first)
        let single = SinglePoolPrediction(problem: p.problem)
        let k = 0.9 * 2.0, v = 0.6 * 70
        for t in [1.0, 6.0, 12.0] {
            #expect(abs(single.level(.potassium, at: t) - (4 + 2 * exp(-k * t / v))) < 1e-9)
        }
        // Removed mass = fall of body content (single pool, no other input or loss).
        #expect(abs(single.removed(.potassium, upTo: 12) - v * (6 - single.level(.potassium, at: 12))) < 1e-9)
        // The model and the formula both move toward the fluid level; the model (with a cell pool) more slowly.
        let model = ModelPrediction(problem: p.problem)
        #expect(model.level(.potassium, at: 6) > single.level(.potassium, at: 6))
    }
}

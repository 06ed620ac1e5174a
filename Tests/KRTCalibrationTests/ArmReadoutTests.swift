import Foundation
import KRTCalibration
import KRTInput
import KRTKinetics
import KRTUnits
import Testing

/// A prediction with known numbers: level(t) = start + slope·t; removal, renal excretion linear in t.
final class KnownRun: Prediction {
    let start: Double, slope: Double, renalRate: Double
    let doses: [Dose]
    let weight: Double

    init(start: Double, slope: Double, renalRate: Double = 0, doses: [Dose] = [], weight: Double = 80) {
        self.start = start
        self.slope = slope
        self.renalRate = renalRate
        self.doses = doses
        self.weight = weight
    }

    func level(_ solute: Solute, at t: Double) -> Double { start + slope * t }
    func removed(_ solute: Solute, upTo t: Double) -> Double { 2 * t }
    func renal(_ solute: Solute, upTo t: Double) -> Double { renalRate * t }
    func starting(_ solute: Solute, at level: Double) -> Prediction { KnownRun(start: level, slope: slope, renalRate: renalRate, doses: doses, weight: weight) }
    func levels(_ solute: Solute, from a: Double, to b: Double, every dt: Double) -> [Double] {
        stride(from: a, through: b + 1e-9, by: dt).map { level(solute, at: $0) }
    }
    var sessions: [(start: Double, end: Double)] { [(0, 4)] }
}

@Suite("Calibration harness: two-arm readouts, divisors, dose readouts and figure-file errors")
struct ArmReadoutTests {
    static func readout(_ pairs: [(String, String)]) -> YAMLValue { .map(pairs.map { (key: $0.0, value: YAMLValue.scalar($0.1)) }) }

    /// The explicit form: `each_arm` read on each run, combined by `combine`; the second arm's scenario is the
    /// first's with `second_arm`'s keys replaced.
    @Test func explicitArmsCombineKnownRuns() throws {
        let scenario: YAMLValue = .map([
            ("horizon", .scalar("4 h")),
            ("second_arm", .map([("horizon", .scalar("6 h"))])),
        ])
        let ratio = try #require(try ArmComparison.parse(Self.readout([("quantity", "fall 10 U / fall 5 U"), ("each_arm", "K(2 h) − K(0)"), ("combine", "ratio")]),
                                                         scenario: scenario))
        #expect(ratio.base == .difference(.potassium, 2, 0))
        #expect(ratio.first == .asWritten)
        let tenUnits = KnownRun(start: 6, slope: -0.45), fiveUnits = KnownRun(start: 6, slope: -0.32)
        // (6 − 0.9 − 6) / (6 − 0.64 − 6) = 0.90 / 0.64
        #expect(abs(ratio.combine(tenUnits.value(of: ratio.base), fiveUnits.value(of: ratio.base)) - 0.90 / 0.64) < 1e-12)
        #expect(ratio.scenario(ratio.first, of: scenario) == .map([("horizon", .scalar("4 h"))]))
        #expect(ratio.scenario(ratio.second, of: scenario) == .map([("horizon", .scalar("6 h"))]))

        let difference = try #require(try ArmComparison.parse(
            Self.readout([("quantity", "citrate − acetate"), ("each_arm", "serum magnesium"), ("combine", "difference")])
                .setting("each_arm", .map([("quantity", .scalar("serum magnesium")), ("at", .scalar("3 h"))])), scenario: scenario))
        #expect(difference.base == .level(.magnesium, at: 3))
        #expect(abs(difference.combine(KnownRun(start: 0.8, slope: 0).value(of: difference.base),
                                       KnownRun(start: 0.9, slope: 0.01).value(of: difference.base)) - (0.8 - 0.93)) < 1e-12)
        // An arm readout the harness does not compute is "not expressible", with its words.
        #expect(throws: Readout.Unsupported.self) {
            try ArmComparison.parse(Self.readout([("quantity", "x"), ("each_arm", "ionised Mg"), ("combine", "ratio")]), scenario: scenario)
        }
    }

    /// A figure run end to end with a `second_arm`: the value is the ratio of the arms' model readings.
    @Test func explicitArmsRunBothCases() throws {
        let scenario = TranslationTests.hd
            .replacingOccurrences(of: "quantity: K removed, over: 0–4 h", with: "quantity: K removed Qb 300 / Qb 200, each_arm: {quantity: K removed, over: 0–4 h}, combine: ratio")
            .replacingOccurrences(of: "horizon: 4 h", with: "second_arm: {therapy: {modality: PIRRT, blood_flow: 200 mL/min, dialysate_flow: 500 mL/min, dialyzer_koa: 1000 mL/min, sessions: [{start: 0 h, duration: 4 h}]}}, horizon: 4 h")
        let h = Harness(file: try CalibrationFixtures.figures(TranslationTests.header + TranslationTests.record("A-1", scenario)), catalog: CalibrationFixtures.catalog)
        let p = try #require(h.prepared.first, "\(h.unprepared)")
        let arms = try #require(p.arms)
        #expect(p.caseText.contains("\"blood_flow\": \"300 mL/min\"") && p.caseText.contains("\"blood_flow\": \"200 mL/min\""))
        let fast = ModelPrediction(problem: arms.first).value(of: p.readout), slow = ModelPrediction(problem: arms.second).value(of: p.readout)
        #expect(fast > slow && slow > 0)
        #expect(abs(p.value { ModelPrediction(problem: $0) } - fast / slow) < 1e-12)
    }

    @Test func divisorDividesTheInnerReadout() throws {
        let r = try Readout.parse(Self.readout([("quantity", "(K(4 h) − K(0 h)) / 3 infusions")]))
        #expect(r == .divided(.difference(.potassium, 4, 0), by: 3))
        #expect(r.latestTime == 4 && r.solute == .potassium)
        #expect(abs(KnownRun(start: 3.2, slope: 0.2).value(of: r) - 0.8 / 3) < 1e-12)
        #expect(throws: Readout.Unsupported.self) { try Readout.parse(Self.readout([("quantity", "(K(4 h) − K(0 h)) / 0 infusions")])) }
        #expect(throws: Readout.Unsupported.self) { try Readout.parse(Self.readout([("quantity", "(ionised Mg) / 3 infusions")])) }
    }

    /// Renal share of an IV dose and the apparent volume, from known runs: 10 mmol bolus at 0 h + 36 mmol over 12 h.
    @Test func doseReadouts() throws {
        let doses = [Dose(time: 0, route: .intravenous, amounts: [.magnesium: 10], duration: 0),
                     Dose(time: 0, route: .intravenous, amounts: [.magnesium: 36], duration: 12),
                     Dose(time: 0, route: .oral, amounts: [.magnesium: 100], duration: 0)]
        let run = KnownRun(start: 1.0, slope: 0.05, renalRate: 2, doses: doses, weight: 80)
        let share = try Readout.parse(Self.readout([("quantity", "100 × (renal Mg excretion 0–12 h) / (Mg given IV 0–12 h)")]))
        #expect(share == .renalShareOfDose(.magnesium, from: 0, to: 12))
        #expect(abs(run.value(of: share) - 100.0 * 24 / 46) < 1e-12)
        let volume = try Readout.parse(Self.readout([("quantity", "apparent volume = (dose − renal excretion) / (Mg(t) − Mg(0)) at 6 h, per kg")]))
        #expect(volume == .apparentVolume(.magnesium, at: 6))
        // given by 6 h: 10 + 18 = 28; renal 12; rise 0.3 mmol/L → 16 / 0.3 / 80 L/kg
        #expect(abs(run.value(of: volume) - 16 / 0.3 / 80) < 1e-12)
    }

    /// The single-pool formula's renal excretion closes its mass balance: given − renal − removed = V·ΔC.
    @Test func singlePoolRenalExcretionClosesTheBalance() throws {
        let scenario = """
            {patient: {weight: 80 kg, hematocrit: 0.30, residual_renal_function: {clearance: {magnesium: 4.6 L/h}}}, \
            labs: [{at: 0 h, potassium: 4.5 mmol/L, phosphate: 1.1 mmol/L, magnesium: 1.09 mmol/L}], therapy: none, \
            orders: [{at: 0 h, drug: magnesium sulfate, dose: 10 mmol, route: IV, over: 10 min}], \
            horizon: 6 h, step: 15 min, readout: [{quantity: serum magnesium, at: 6 h}]}
            """
        let h = Harness(file: try CalibrationFixtures.figures(TranslationTests.header + TranslationTests.record("A-2", scenario)), catalog: CalibrationFixtures.catalog)
        let p = try #require(h.prepared.first, "\(h.unprepared)")
        let single = SinglePoolPrediction(problem: p.problem)
        let v = 0.6 * 80, t = 6.0
        let balance = single.givenIV(.magnesium, upTo: t) - single.renal(.magnesium, upTo: t) - single.removed(.magnesium, upTo: t)
        #expect(single.renal(.magnesium, upTo: t) > 0)
        #expect(abs(balance - v * (single.level(.magnesium, at: t) - 1.09)) < 1e-6)
        let model = ModelPrediction(problem: p.problem)
        #expect(model.renal(.magnesium, upTo: t) > 0 && abs(model.givenIV(.magnesium, upTo: t) - 10) < 1e-12)
    }

    /// A malformed two-arm entry is refused when the figure file is read, naming the field.
    static let malformed: [(String, String)] = [
        ("readout: [{quantity: q, each_arm: K(2 h) − K(0), combine: product}], second_arm: {horizon: 6 h}",
         "figures.M-1.scenario.readout[0].combine: 'product' is not ratio or difference"),
        ("readout: [{quantity: q, each_arm: K(2 h) − K(0), combine: ratio}], second_arm: 6 h",
         "figures.M-1.scenario.second_arm: expected a mapping"),
        ("readout: [{quantity: q, combine: ratio}], second_arm: {horizon: 6 h}", "figures.M-1.scenario.readout[0].each_arm: missing"),
        ("readout: [{quantity: q, each_arm: K(2 h) − K(0), combine: ratio}]", "figures.M-1.scenario.second_arm: missing"),
        ("readout: [{quantity: q}], second_arm: {horizon: 6 h}", "figures.M-1.scenario.readout[0].combine: missing"),
    ]

    @Test(arguments: malformed.indices)
    func malformedArmsNameTheField(_ i: Int) {
        let (fields, message) = Self.malformed[i]
        let yaml = TranslationTests.header + TranslationTests.record("M-1", "{horizon: 4 h, \(fields)}")
        do {
            _ = try CalibrationFixtures.figures(yaml)
            Issue.record("accepted: \(fields)")
        } catch {
            #expect("\(error)".contains(message), "\(error)")
        }
    }
}

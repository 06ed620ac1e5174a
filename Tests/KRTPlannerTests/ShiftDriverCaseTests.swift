import Foundation
import Testing
import KRTInput
import KRTKinetics
import KRTUnits
@testable import KRTPlanner

/// `shift_drivers` and per-solute dialyser KoA in case files (docs/case-format.md), and a plan around
/// given K shift drivers whose LP prediction equals the simulation.
@Suite(.serialized)
struct ShiftDriverCaseTests {
    let reader = CaseReaderTests()

    static let drivers = """
        shift_drivers:
          - {at: 0 h, agent: insulin, dose: 10 units, over: 0 min, dextrose: 25 g}
          - {at: 0 h, agent: salbutamol, dose: 10 mg, route: nebulised}
          - {at: 2 h, agent: sodium_bicarbonate, dose: 50 mmol, over: 30 min}
        """

    @Test func readsShiftDrivers() throws {
        let file = try reader.read(CaseReaderTests.minimal + "\n" + Self.drivers)
        let d = file.patient.shiftDrivers
        #expect(d.count == 3)
        #expect(d[0].agent == .insulin && d[0].dose == 10 && d[0].duration == 0 && d[0].dextrose == 25)
        #expect(d.contains { $0.agent == .salbutamol && $0.route == .nebulised && $0.dose == 10 })
        #expect(d.last?.agent == .sodiumBicarbonate && d.last?.time == 2 && abs((d.last?.duration ?? 0) - 0.5) < 1e-12)
    }

    @Test(arguments: [
        ("{at: 0 h, agent: adrenaline, dose: 1 mg}", "unknown shift driver agent"),
        ("{at: 0 h, agent: insulin, dose: 10 mg}", "not understood"),
        ("{at: 0 h, agent: insulin, dose: 200 units}", "outside 1 to 50 units"),
        ("{at: 0 h, agent: sodium_bicarbonate, dose: 50 mmol, route: nebulised}", "only salbutamol can be nebulised"),
        ("{at: 0 h, agent: salbutamol, dose: 10 mg, dextrose: 25 g}", "dextrose is given with insulin only"),
        ("{at: 0 h, agent: insulin}", "dose"),
    ])
    func refusesBadDrivers(entry: String, expected: String) {
        let messages = reader.messages(CaseReaderTests.minimal + "\nshift_drivers: [\(entry)]")
        #expect(messages.contains { $0.contains(expected) && $0.contains("shift_drivers") }, "\(messages)")
    }

    @Test func readsPerSoluteKoA() throws {
        let text = reader.replacing("therapy: {modality: CVVHD, blood_flow: 150 mL/min, dialysate_flow: 2 L/h}",
                                    with: "therapy: {modality: CVVHD, blood_flow: 150 mL/min, dialysate_flow: 2 L/h, dialyzer_koa: 600 mL/min, dialyzer_koa_phosphate: 300 mL/min}")
        let file = try reader.read(text)
        #expect(abs((file.therapy.soluteKoA[.phosphate] ?? 0) - 18) < 1e-12)
        #expect(file.therapy.koa(of: .potassium, parameters: file.patient.parameters) == 36 * file.patient.parameters[.koaRatioPotassium])
        let bad = reader.replacing("dialysate_flow: 2 L/h}", with: "dialysate_flow: 2 L/h, dialyzer_koa_magnesium: 0 mL/min}")
        #expect(!reader.messages(bad).isEmpty)
    }

    @Test func planAroundShiftDriversMatchesSimulation() throws {
        let base = PlannerBehaviourTests.caseText(labs: "potassium: 6.2 mmol/L, phosphate: 1.2 mmol/L, magnesium: 0.85 mmol/L",
                                                  dialysate: "Prismasol 4 mmol/l potassium", replacement: "PRISMASOL BGK4/2.5",
                                                  supplements: "{}", horizon: "12 h")
        let without = try PlannerBehaviourTests.plan(base)
        let with = try PlannerBehaviourTests.plan(base + "\n" + Self.drivers)
        #expect(with.verification.maxPredictionDifference < 1e-6, "LP vs simulation \(with.verification.maxPredictionDifference)")
        PlannerBehaviourTests.expectVerified(with)
        func k(_ result: PlanResult, at t: Double) throws -> Double {
            let series = try #require(result.trajectory.series.first { $0.solute == .potassium })
            let i = try #require(result.trajectory.times.firstIndex { abs($0 - t) < 1e-9 })
            return series.values[i]
        }
        let k1 = try k(without, at: 1), k1d = try k(with, at: 1)
        #expect(k1d < k1 - 0.3, "insulin + salbutamol lower K at 1 h: \(k1d) vs \(k1)")
    }
}

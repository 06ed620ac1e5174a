import KRTUnits
import Testing
@testable import KRTKinetics

@Suite("Mass balance closes")
struct MassBalanceTests {
    @Test(arguments: Fixture.allTherapies.map(\.0))
    func closesOver72Hours(name: String) throws {
        let therapy = try #require(Fixture.allTherapies.first { $0.0 == name }?.1)
        let patient = Fixture.patient(intake: Fixture.typicalIntake, residual: .urineOutput(0.03), wasting: true)
        let result = Simulator(patient: patient, therapy: therapy)
            .run(initialSerum: [.potassium: 3.4, .phosphate: 0.9, .magnesium: 0.62], fluids: Fixture.changingFluids,
                 doses: Fixture.doses, horizon: 72, outputStep: 1)
        for solute in Solute.planned {
            let balance = try #require(result.massBalance[solute])
            #expect(balance.maximumClosureError < 1e-9, "\(name) \(solute): closure error \(balance.maximumClosureError) mmol")
            #expect(balance.effluent > 0, "\(name) \(solute): the circuit should remove something")
        }
        let k = try #require(result.massBalance[.potassium])
        #expect(k.potassiumWasting > 0, "\(name): Mg starts below threshold, so K wasting must act")
        #expect(abs(k.intravenous - 42) < 1e-9)
        #expect(abs((result.massBalance[.phosphate]?.oralGiven ?? 0) - 16) < 1e-9)
    }

    @Test func continuousTherapyDeliversPrescribedVolumes() throws {
        // Delivered mass per stream = f·Q·C·t exactly.
        let therapy = Fixture.cvvhdf(deliveredFraction: 0.8)
        let result = Simulator(patient: Fixture.patient(), therapy: therapy)
            .run(initialSerum: Fixture.normalSerum, fluids: Fixture.fluids(Fixture.phoxilium), horizon: 24, outputStep: 1)
        let p = try #require(result.massBalance[.phosphate])
        #expect(abs((p.deliveredByStream[.dialysate] ?? 0) - 0.8 * therapy.dialysateFlow * 1.2 * 24) < 1e-9)
        #expect(abs((p.deliveredByStream[.postReplacement] ?? 0) - 0.8 * therapy.postReplacementFlow * 1.2 * 24) < 1e-9)
    }
}

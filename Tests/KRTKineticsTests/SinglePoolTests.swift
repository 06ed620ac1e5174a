import Foundation
import KRTUnits
import Testing
@testable import KRTKinetics

@Suite("Single-pool special case")
struct SinglePoolTests {
    /// K with the exchange switched off is a single pool V = 0.2 L/kg · 75 kg = 15 L cleared by
    /// CVVHD at K = Qd (saturated effluent, no ultrafiltration) with absorbed intake G:
    /// C(t) = Cd + (C0 − Cd)·e^(−Kt/V) + G/K·(1 − e^(−Kt/V)).
    @Test func closedForm() {
        let parameters = ModelParameters.defaults.with(.potassiumExchangeClearance, 0)
        let patient = Fixture.patient(intake: [.potassium: .init(rate: 3.0, absorbedFraction: 1)], parameters: parameters)
        let qd = 2.0
        let therapy = Therapy(modality: .cvvhd, bloodFlow: 9, dialysateFlow: qd)
        let simulator = Simulator(patient: patient, therapy: therapy)
        let c0 = 5.5, cd = 2.0, g = 3.0, v = 0.20 * Fixture.weight
        let result = simulator.run(initialSerum: [.potassium: c0, .phosphate: 1, .magnesium: 0.8],
                                   fluids: .constant([.potassium: cd], on: [.dialysate]), horizon: 48, outputStep: 0.25)
        for (t, c) in zip(result.times, result.serum(.potassium)) {
            let decay = Foundation.exp(-qd * t / v)
            let expected = cd + (c0 - cd) * decay + g / qd * (1 - decay)
            #expect(abs(c - expected) < 1e-9, "t = \(t): \(c) vs \(expected)")
        }
    }
}

import KRTUnits
import Testing
@testable import KRTKinetics

@Suite("Exactness: output step and step maps")
struct StepInvarianceTests {
    /// A patient with residual function, the Mg → K coupling on, and Mg that crosses the threshold
    /// (falls under citrate, then IV Mg lifts it above), so both branches of max() are exercised.
    static let couplingPatient = Fixture.patient(intake: Fixture.typicalIntake, residual: .urineOutput(0.04), wasting: true)

    /// The same with a slow store behind every pool and scheduled K shift drivers (insulin bolus,
    /// nebulised salbutamol, a bicarbonate infusion that straddles an hour boundary).
    static var richPatient: Patient { Fixture.withStoresAndDrivers(couplingPatient) }

    static func patient(rich: Bool) -> Patient { rich ? richPatient : couplingPatient }

    @Test(arguments: ["CVVHDF + citrate", "SLED", "CVVH mixed"], [false, true])
    func oneHourAndFiveMinutesAgree(name: String, rich: Bool) throws {
        let therapy = try #require(Fixture.allTherapies.first { $0.0 == name }?.1)
        let simulator = Simulator(patient: Self.patient(rich: rich), therapy: therapy)
        let initial: [Solute: Double] = [.potassium: 3.6, .phosphate: 1.0, .magnesium: 0.68]
        let coarse = simulator.run(initialSerum: initial, fluids: Fixture.changingFluids, doses: Fixture.doses,
                                   horizon: 72, outputStep: 1)
        let fine = simulator.run(initialSerum: initial, fluids: Fixture.changingFluids, doses: Fixture.doses,
                                 horizon: 72, outputStep: 5.0 / 60)
        #expect(coarse.coupling.contains { $0.rate > 0 } && coarse.coupling.contains { $0.rate == 0 })
        var worst = 0.0
        for (i, t) in coarse.times.enumerated() {
            let j = try #require(fine.times.firstIndex { abs($0 - t) < 1e-12 }, "shared time \(t)")
            for (a, b) in zip(coarse.states[i], fine.states[j]) { worst = max(worst, abs(a - b)) }
        }
        #expect(worst < 1e-9, "\(name): largest difference \(worst)")
        #expect(coarse.coupling.count == fine.coupling.count)
        for (a, b) in zip(coarse.coupling, fine.coupling) {
            #expect(a.time == b.time && abs(a.rate - b.rate) < 1e-9 && abs(a.magnesium - b.magnesium) < 1e-9)
        }
    }

    /// Composing step maps hour by hour with the simulator's inputs (fluids, doses, the coupling's held
    /// K-wasting rates) reproduces the simulated core states to 1e-10.
    @Test(arguments: ["CVVHDF + citrate", "SLED", "CVVH pre"], [false, true])
    func composedStepMapsReproduceSimulator(name: String, rich: Bool) throws {
        let therapy = try #require(Fixture.allTherapies.first { $0.0 == name }?.1)
        let model = KineticModel(patient: Self.patient(rich: rich), therapy: therapy)
        let initial: [Solute: Double] = [.potassium: 3.6, .phosphate: 1.0, .magnesium: 0.68]
        let simulation = Simulator(model: model).run(initialSerum: initial, fluids: Fixture.changingFluids,
                                                     doses: Fixture.doses, horizon: 72, outputStep: 1)
        var x = model.initialState(serum: initial)
        var worst = 0.0
        for hour in 0..<72 {
            let t0 = Double(hour), t1 = t0 + 1
            var windows: [InputWindow] = []
            var values: [Double] = []
            for stream in FluidStream.allCases {
                for solute in Solute.planned {
                    windows.append(InputWindow(.fluid(stream, solute), from: t0, to: t1))
                    values.append(Fixture.changingFluids.concentration(stream, solute, at: t0))
                }
            }
            for dose in Fixture.doses where dose.duration == 0 || (dose.end > t0 && dose.time < t1) {
                for (solute, amount) in dose.amounts {
                    if dose.duration == 0 {
                        guard dose.time >= t0, dose.time < t1 else { continue }
                        windows.append(InputWindow(dose.channel(solute), from: dose.time, to: dose.time))
                        values.append(amount)
                    } else {
                        windows.append(InputWindow(dose.channel(solute), from: max(t0, dose.time), to: min(t1, dose.end)))
                        values.append(amount / dose.duration)
                    }
                }
            }
            if let sample = simulation.coupling.first(where: { abs($0.time - t0) < 1e-12 }) {
                windows.append(InputWindow(.potassiumWasting, from: t0, to: t1))
                values.append(sample.rate)
            }
            x = model.stepMap(from: t0, to: t1, inputs: windows).apply(to: x, values: values)
            for (a, b) in zip(x, simulation.states[hour + 1]) { worst = max(worst, abs(a - b)) }
        }
        #expect(worst < 1e-10, "\(name): largest step-map vs simulator difference \(worst)")
    }

    @Test func stepMapShapeAndPooling() {
        let model = KineticModel(patient: Fixture.patient(), therapy: Fixture.sled())
        let windows = [InputWindow(.intravenous(.potassium), from: 2, to: 3), InputWindow(.oral(.phosphate), from: 1, to: 1)]
        let map = model.stepMap(from: 0, to: 12, inputs: windows)
        #expect(map.transition.rows == model.stateCount && map.transition.columns == model.stateCount)
        #expect(map.inputEffects.count == 2 && map.constant.count == model.stateCount)
        // 1 mmol/h of IV K for 1 h adds exactly 1 mmol to the body once the circuit (on from 8 h) is off … minus what
        // the circuit removed; with the circuit off until 8 h, at 8 h it must be exactly 1 mmol.
        let before = model.stepMap(from: 0, to: 8, inputs: windows)
        let k = before.inputEffects[0]
        let added = k[0] * model.capacity(of: .potassiumECF) + k[1] * model.capacity(of: .potassiumPool)
        #expect(abs(added - 1) < 1e-12)
    }
}

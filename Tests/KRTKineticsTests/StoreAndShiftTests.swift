import KRTUnits
import Testing
@testable import KRTKinetics

@Suite("Slow stores, per-solute membrane transport and K shift drivers")
struct StoreAndShiftTests {
    @Test(arguments: Fixture.allTherapies.map(\.0))
    func massBalanceClosesWithStoresAndDrivers(name: String) throws {
        let therapy = try #require(Fixture.allTherapies.first { $0.0 == name }?.1)
        let patient = Fixture.withStoresAndDrivers(Fixture.patient(intake: Fixture.typicalIntake, residual: .urineOutput(0.03), wasting: true))
        let result = Simulator(patient: patient, therapy: therapy)
            .run(initialSerum: [.potassium: 5.4, .phosphate: 0.9, .magnesium: 0.62], fluids: Fixture.changingFluids,
                 doses: Fixture.doses, horizon: 72, outputStep: 1)
        for solute in Solute.planned {
            let balance = try #require(result.massBalance[solute])
            // Round-off only: several hundred mmol move through the fast K exchange in 72 h.
            #expect(balance.maximumClosureError < 1e-8, "\(name) \(solute): closure error \(balance.maximumClosureError) mmol")
            #expect(balance.storeChange != 0, "\(name) \(solute): the store should exchange something")
        }
        // The driven shift is the sum of the drivers' schedules (mmol), all inside 72 h.
        let expected = patient.shiftDrivers.flatMap { $0.schedule(parameters: patient.parameters, weight: patient.weight) }
            .reduce(0) { $0 + $1.rate * ($1.end - $1.start) }
        let k = try #require(result.massBalance[.potassium])
        #expect(abs(k.shiftDriven - expected) < 1e-9)
        #expect(expected > 100, "three drivers move well over 100 mmol at the calibrated amounts")
    }

    @Test func driverScheduleMovesItsAmount() {
        let p = ModelParameters.defaults
        let bolus = ShiftDriver(agent: .insulin, time: 1, dose: 10).schedule(parameters: p, weight: 75)
        let total = bolus.reduce(0) { $0 + $1.rate * ($1.end - $1.start) }
        #expect(abs(total - p[.shiftInsulinAmount]) < 0.001 * p[.shiftInsulinAmount] + 1e-9)
        #expect(bolus.first?.start == 1 && bolus.allSatisfy { $0.rate >= 0 })
        // √dose scaling: 40 U moves twice what 10 U does.
        let large = ShiftDriver(agent: .insulin, time: 1, dose: 40).schedule(parameters: p, weight: 75)
        #expect(abs(large.reduce(0) { $0 + $1.rate * ($1.end - $1.start) } - 2 * total) < 0.01 * total)
        // An infusion moves the same amount, later.
        let infusion = ShiftDriver(agent: .insulin, time: 1, dose: 10, duration: 2).schedule(parameters: p, weight: 75)
        #expect(abs(infusion.reduce(0) { $0 + $1.rate * ($1.end - $1.start) } - total) < 0.002 * total)
        #expect(infusion[0].rate < bolus[0].rate)
        #expect(ShiftDriver(agent: .salbutamol, time: 0, dose: 0).schedule(parameters: p, weight: 75).isEmpty)
    }

    @Test func insulinLowersSerumKAndItRecovers() throws {
        var patient = Fixture.patient()
        let base = Simulator(patient: patient, therapy: Fixture.sled())
            .run(initialSerum: Fixture.normalSerum, fluids: .constant([:], on: []), horizon: 8, outputStep: 0.25)
        patient.shiftDrivers = [ShiftDriver(agent: .insulin, time: 0, dose: 10, dextrose: 25)]
        let run = Simulator(patient: patient, therapy: Fixture.sled())
            .run(initialSerum: Fixture.normalSerum, fluids: .constant([:], on: []), horizon: 8, outputStep: 0.25)
        let fall = zip(run.serum(.potassium), base.serum(.potassium)).map { $0 - $1 }
        let nadir = try #require(fall.min())
        #expect(nadir < -0.5, "10 U insulin should lower K by more than 0.5 mmol/L, got \(nadir)")
        #expect(fall.last! > nadir / 3, "the effect wanes within 8 h")
        #expect(abs(run.serum(.phosphate).last! - base.serum(.phosphate).last!) < 1e-12, "K drivers leave P alone")
    }

    @Test func perSoluteKoA() throws {
        let patient = Fixture.patient()
        var therapy = Fixture.sled()
        let k = ExtracorporealCoefficients(solute: .potassium, therapy: therapy, patient: patient)
        let p = ExtracorporealCoefficients(solute: .phosphate, therapy: therapy, patient: patient)
        let koa = try #require(therapy.dialyzerKoA)
        let ratio = patient.parameters[.koaRatioPhosphate]
        #expect(therapy.koa(of: .phosphate, parameters: patient.parameters) == koa * ratio)
        if ratio < patient.parameters[.koaRatioPotassium] { #expect(p.clearance < k.clearance) }
        // A dialyser's own per-solute KoA replaces the ratio.
        therapy.soluteKoA[.phosphate] = koa
        let own = ExtracorporealCoefficients(solute: .phosphate, therapy: therapy, patient: patient)
        var unit = patient
        unit.parameters = unit.parameters.with(.koaRatioPhosphate, 1)
        let ratioOne = ExtracorporealCoefficients(solute: .phosphate, therapy: Fixture.sled(), patient: unit)
        #expect(abs(own.clearance - ratioOne.clearance) < 1e-12)
        // Without a KoA (CRRT flows) the saturation ratio scales the diffusive term.
        let half = Fixture.patient(parameters: ModelParameters.defaults.with(.saturationRatioMagnesium, 0.5))
        let cvvhd = Fixture.cvvhd(citrate: false)
        let full = ExtracorporealCoefficients(solute: .magnesium, therapy: cvvhd, patient: Fixture.patient())
        let halved = ExtracorporealCoefficients(solute: .magnesium, therapy: cvvhd, patient: half)
        #expect(abs((halved.stream[.dialysate] ?? 0) - 0.5 * (full.stream[.dialysate] ?? 0)) < 1e-12)
    }

    @Test func storeBuffersAMagnesiumLoadAndStartsAtEquilibrium() throws {
        let params = ModelParameters.defaults.with(.magnesiumStoreVolume, 10).with(.magnesiumStoreClearance, 0.3)
        let patient = Fixture.patient(parameters: params)
        let model = KineticModel(patient: patient, therapy: Fixture.sled())
        let x0 = model.initialState(serum: Fixture.normalSerum)
        #expect(x0[StateIndex.magnesiumStore.rawValue] == Fixture.normalSerum[.magnesium])
        let quiet = Simulator(model: model).run(initialSerum: Fixture.normalSerum, fluids: .constant([:], on: []), horizon: 6, outputStep: 1)
        #expect(abs(quiet.serum(.magnesium).last! - Fixture.normalSerum[.magnesium]!) < 1e-12, "no drift at equilibrium")
        #expect(model.bodyContent(.magnesium, in: x0) > 10 * 75 * 0.8 * Fixture.normalSerum[.magnesium]!)
    }
}

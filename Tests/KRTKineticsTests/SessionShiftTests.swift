import KRTUnits
import Testing
@testable import KRTKinetics

/// The intradialytic K shift into cells (docs/model.md §5b): a constant drive while an intermittent session
/// runs, none for continuous therapy; mass balance, step maps and the dialysate-K removal ratio.
@Suite("Intradialytic K shift")
struct SessionShiftTests {
    static let start: [Solute: Double] = [.potassium: 5.0, .phosphate: 1.6, .magnesium: 1.0]

    static func patient(shift: Double) -> Patient {
        var patient = Fixture.patient()
        patient.parameters = patient.parameters.with(.potassiumSessionShift, shift)
        return patient
    }

    /// K removed (effluent − delivered, mmol) and serum K at the end of one 4-h HD-like session and 2 h later.
    static func session(shift: Double, dialysateK: Double) -> (removed: Double, end: Double, twoHoursLater: Double, balance: MassBalance?) {
        var therapy = CalibrationFigure.hdSession
        therapy.sessions = [.init(start: 0, duration: 4)]
        let run = Simulator(patient: patient(shift: shift), therapy: therapy)
            .run(initialSerum: start, fluids: .constant([.potassium: dialysateK, .magnesium: 0.5], on: [.dialysate]),
                 horizon: 6, outputStep: 1)
        let k = run.serum(.potassium)
        let balance = run.massBalance[.potassium]
        return (balance?.netExtracorporealRemoval ?? .nan, k[4], k[6], balance)
    }

    @Test func shiftLowersRemovalDeepensTheFallAndRaisesTheRebound() throws {
        let none = Self.session(shift: 0, dialysateK: 2)
        let some = Self.session(shift: 0.1, dialysateK: 2)
        #expect(some.removed < none.removed - 1, "less K reaches the dialyser: \(some.removed) vs \(none.removed) mmol")
        #expect(some.end < none.end, "serum K falls further in the session")
        #expect(some.twoHoursLater - some.end > none.twoHoursLater - none.end, "the shifted K comes back: a larger rebound")
        let balance = try #require(some.balance)
        #expect(balance.maximumClosureError < 1e-8, "closure \(balance.maximumClosureError) mmol")
        // 0.1 mmol/kg/h × 75 kg × 4 h = 30 mmol driven into cells; the fast exchange returns most of it by 6 h,
        // so the net shift (negative: cells give K to the ECF during HD) is less negative by a few mmol.
        let plain = try #require(none.balance)
        #expect(balance.shiftToPool > plain.shiftToPool + 1, "net shift \(balance.shiftToPool) vs \(plain.shiftToPool) mmol")
    }

    @Test func removalIsAffineNotProportionalInTheGradient() {
        // Without the shift, removal from an equilibrium start is exactly ∝ (C₀ − C_d): 5/3 for dialysate K 0 vs 2.
        let ratio0 = Self.session(shift: 0, dialysateK: 0).removed / Self.session(shift: 0, dialysateK: 2).removed
        #expect(abs(ratio0 - 5.0 / 3) < 1e-9, "ratio \(ratio0)")
        // With it, the ratio rises (published 117.1 / 63.3 = 1.85, KHD-01/03).
        let ratio = Self.session(shift: 0.1, dialysateK: 0).removed / Self.session(shift: 0.1, dialysateK: 2).removed
        #expect(ratio > 5.0 / 3 + 0.02, "ratio \(ratio)")
    }

    @Test func continuousTherapyIsUnaffected() {
        let fluids = Fixture.fluids(Fixture.standardFluid)
        let runs = [0.0, 0.2].map { shift in
            Simulator(patient: Self.patient(shift: shift), therapy: Fixture.cvvhdf())
                .run(initialSerum: Self.start, fluids: fluids, horizon: 24, outputStep: 1).serum(.potassium)
        }
        #expect(runs[0] == runs[1])
    }

    @Test func stepMapsCarryTheShift() throws {
        var therapy = CalibrationFigure.hdSession
        therapy.sessions = [.init(start: 1, duration: 4)]
        let patient = Self.patient(shift: 0.1)
        let fluids = FluidSchedule.constant([.potassium: 2], on: [.dialysate])
        let run = Simulator(patient: patient, therapy: therapy).run(initialSerum: Self.start, fluids: fluids, horizon: 8, outputStep: 1)
        let model = KineticModel(patient: patient, therapy: therapy)
        // The dialysate's K is an input window over the whole step (it acts only while the circuit runs).
        let map = model.stepMap(from: 0, to: 8, inputs: [InputWindow(.fluid(.dialysate, .potassium), from: 0, to: 8)])
        let x = map.apply(to: model.initialState(serum: Self.start), values: [2])
        let serum = try #require(run.serum(.potassium).last)
        #expect(abs(x[StateIndex.potassiumECF.rawValue] - serum) < 1e-9, "step map \(x[0]) vs simulator \(serum)")
        // The shift is in the constant term: without it the same map gives a higher K.
        let plain = KineticModel(patient: Self.patient(shift: 0), therapy: therapy)
            .stepMap(from: 0, to: 8, inputs: [InputWindow(.fluid(.dialysate, .potassium), from: 0, to: 8)])
            .apply(to: model.initialState(serum: Self.start), values: [2])
        #expect(plain[0] != x[0])
    }
}

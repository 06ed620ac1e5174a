import KRTUnits
import Testing
@testable import KRTKinetics

@Suite("Timeline simulation (history)")
struct TimelineSimulatorTests {
    /// One piece with the whole therapy is the ordinary simulation: same states to round-off, for every
    /// modality (SLED sessions included), changing fluids, IV and oral doses and the Mg → K coupling.
    @Test(arguments: Fixture.allTherapies.map(\.0))
    func onePieceEqualsTheSimulator(name: String) throws {
        let therapy = try #require(Fixture.allTherapies.first { $0.0 == name }?.1)
        let patient = Fixture.patient(intake: Fixture.typicalIntake, residual: .urineOutput(0.03), wasting: true)
        let serum: [Solute: Double] = [.potassium: 3.4, .phosphate: 0.9, .magnesium: 0.62]
        let reference = Simulator(patient: patient, therapy: therapy)
            .run(initialSerum: serum, fluids: Fixture.changingFluids, doses: Fixture.doses, horizon: 72, outputStep: 1)
        let timeline = TherapyTimeline(start: 0, end: 72, pieces: [.init(start: 0, end: 72, therapy: therapy, intake: Fixture.typicalIntake)],
                                       fluids: Fixture.changingFluids, doses: Fixture.doses)
        let model = KineticModel(patient: patient, therapy: therapy)
        let run = TimelineSimulator(patient: patient, timeline: timeline).run(initial: model.initialState(serum: serum), outputs: reference.times)
        for (t, (a, b)) in zip(reference.times, zip(reference.states, run.states)) {
            for i in 0..<StateIndex.coreCount {
                #expect(abs(a[i] - b[i]) <= 1e-9 * Swift.max(1, abs(a[i])), "\(name) t=\(t) state \(i): \(a[i]) vs \(b[i])")
            }
        }
    }

    /// Shifting a history in time (−72 h … 0 h instead of 0 … 72 h) changes nothing but the clock.
    @Test func aPastTimelineIsTheSameAsAFutureOne() {
        let therapy = Fixture.cvvhdf(citrate: true, deliveredFraction: 0.85)
        let patient = Fixture.patient(intake: Fixture.typicalIntake)
        func timeline(offset: Double) -> TherapyTimeline {
            let off = Therapy?.none
            return TherapyTimeline(
                start: offset, end: offset + 72,
                pieces: [.init(start: offset, end: offset + 30, therapy: therapy, intake: Fixture.typicalIntake),
                         .init(start: offset + 30, end: offset + 33, therapy: off, intake: Fixture.typicalIntake),
                         .init(start: offset + 33, end: offset + 72, therapy: therapy, intake: [:])],
                fluids: .constant(Fixture.phoxilium, on: [.dialysate, .postReplacement]).shifted(by: offset),
                doses: [Dose(time: offset + 10, route: .intravenous, amounts: [.magnesium: 8], duration: 2)])
        }
        let x0 = KineticModel(patient: patient, therapy: therapy).initialState(serum: Fixture.normalSerum)
        let past = TimelineSimulator(patient: patient, timeline: timeline(offset: -72)).run(initial: x0, outputs: [-60, -35, -1])
        let future = TimelineSimulator(patient: patient, timeline: timeline(offset: 0)).run(initial: x0, outputs: [12, 37, 71])
        for (a, b) in zip(past.states + [past.final], future.states + [future.final]) {
            for i in a.indices { #expect(abs(a[i] - b[i]) < 1e-9, "state \(i): \(a[i]) vs \(b[i])") }
        }
        // The downtime matters: without it the levels differ.
        var noDowntime = timeline(offset: 0)
        noDowntime.pieces[1].therapy = therapy
        let other = TimelineSimulator(patient: patient, timeline: noDowntime).run(initial: x0, outputs: [])
        #expect(abs(other.final[0] - future.final[0]) > 1e-3)
    }

    /// A delivered scale below 1 removes less: phosphate falls less on phosphate-free fluid.
    @Test func deliveredScaleActs() {
        let therapy = Fixture.cvvhPost()
        let patient = Fixture.patient()
        let timeline = TherapyTimeline(start: -48, end: 0, pieces: [.init(start: -48, end: 0, therapy: therapy, intake: [:])],
                                       fluids: .constant(Fixture.standardFluid, on: [.postReplacement]).shifted(by: -48), doses: [])
        let x0 = KineticModel(patient: patient, therapy: therapy).initialState(serum: Fixture.normalSerum)
        let full = TimelineSimulator(patient: patient, timeline: timeline).run(initial: x0, outputs: []).final
        let less = TimelineSimulator(patient: patient, timeline: timeline, deliveredScale: 0.6).run(initial: x0, outputs: []).final
        let p = StateIndex.phosphateCentral.rawValue
        #expect(less[p] > full[p] + 0.05)
    }
}

extension FluidSchedule {
    func shifted(by offset: Double) -> FluidSchedule {
        FluidSchedule(segments: segments.mapValues { $0.map { .init(start: $0.start + offset, concentrations: $0.concentrations) } })
    }
}

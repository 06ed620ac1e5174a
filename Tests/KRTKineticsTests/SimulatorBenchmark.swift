import Foundation
import KRTUnits
import Testing
@testable import KRTKinetics

/// Timing harness for docs/performance.md (## Simulator). Not a timed test: it asserts nothing about
/// time and only runs when KRT_BENCHMARK=1, e.g.
///
///     KRT_BENCHMARK=1 swift test -c release -Xswiftc -enable-testing --filter simulatorBenchmark
@Test(.enabled(if: ProcessInfo.processInfo.environment["KRT_BENCHMARK"] == "1"))
func simulatorBenchmark() {
    let patient = Fixture.patient(intake: Fixture.typicalIntake, residual: .urineOutput(0.03), wasting: true)
    let therapy = Fixture.cvvhdf(citrate: true)
    var timings: [Double] = []
    var last: Simulation?
    for _ in 0..<11 {
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            // A fresh model each run: the exponential cache starts empty (cold), as for a new case.
            last = Simulator(patient: patient, therapy: therapy)
                .run(initialSerum: [.potassium: 3.4, .phosphate: 0.9, .magnesium: 0.62], fluids: Fixture.changingFluids,
                     doses: Fixture.doses, horizon: 72, outputStep: 1.0 / 60)
        }
        timings.append(Double(elapsed.components.attoseconds) / 1e18 + Double(elapsed.components.seconds))
    }
    timings.sort()
    print("simulator 72 h, 3 solutes, 1-min output: median \(timings[timings.count / 2] * 1000) ms, min \(timings[0] * 1000) ms over \(timings.count) runs; \(last?.times.count ?? 0) output points")
    #expect(last?.times.count == 72 * 60 + 1)
}

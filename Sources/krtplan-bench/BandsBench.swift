import Foundation
import KRTKinetics
import KRTPlanner
import KRTUnits

/// The uncertainty bands' cost (docs/performance.md "Bands"): 1,000 draws of the population prior through
/// the simulator benchmark's 72-h scenario, levels on the 15-min check grid, then the percentiles; on 1 thread
/// and on every core. Each run starts cold (a fresh ensemble: every draw computes its own propagators).
enum BandsBench {
    static func run(runs: Int, draws: Int = 1000) -> [String: Any] {
        let s = SimulatorBench.scenario
        let inputs = ForwardInputs(patient: s.patient, therapy: s.therapy, initialSerum: s.initialSerum, fluids: s.fluids, doses: s.doses,
                                   horizon: 72, step: 1, correctionWindow: 12)
        let outputs = (0...288).map { Double($0) * 0.25 }
        var report: [String: Any] = ["draws": draws, "horizon_h": 72, "outputPoints": outputs.count]
        for threads in Array(Set([1, 2, ProcessInfo.processInfo.activeProcessorCount])).sorted() {
            let settings = UncertaintySettings(draws: draws, seed: 1, threads: threads)
            let source = UncertaintySource.prior(inputs)
            var samples: [Sample] = []
            for _ in 0..<runs {
                let (_, time) = Clock.measure {
                    let ensemble = Ensemble.run(source, forward: inputs, forwardOutputs: outputs, settings: settings)
                    return UncertaintyBands(ensemble: ensemble, distribution: source.distribution, settings: settings,
                                            reportTimes: inputs.reportTimes, drawTimes: [], limits: [])
                }
                samples.append(time)
            }
            Progress.say("bands: \(draws) draws × 72 h on \(threads) thread(s): median \(Progress.ms(Summary(samples.map(\.wall)).median))")
            report["threads\(threads)"] = Summary.of(samples)
        }
        return report
    }
}

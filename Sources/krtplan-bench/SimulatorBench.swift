import KRTKinetics
import KRTUnits

/// The kinetics engineer's simulator benchmark (Tests/KRTKineticsTests/SimulatorBenchmark.swift), on
/// public API: 72 h, K/P/Mg, 1-minute output, CVVHDF with citrate, residual function with the Mg → K
/// coupling, fluid changes at 24 and 48 h, five doses. A fresh model per run (cold exponential cache).
enum SimulatorBench {
    /// The benchmark scenario (shared with ``BandsBench``).
    struct Scenario {
        let patient: Patient, therapy: Therapy, fluids: FluidSchedule, doses: [Dose]
        let initialSerum: [Solute: Double] = [.potassium: 3.4, .phosphate: 0.9, .magnesium: 0.62]
    }

    static var scenario: Scenario {
        let weight = 75.0, dose = 0.025 * weight
        let patient = Patient(
            weight: weight, sex: .male, height: 1.78, hematocrit: 0.30, residualFunction: .urineOutput(0.03),
            intake: [.potassium: .init(rate: 60 / 24.0), .phosphate: .init(rate: 20 / 24.0), .magnesium: .init(rate: 10 / 24.0)],
            magnesiumDrivenPotassiumWasting: true)
        let half = (dose - 0.3 - 0.05) / 2
        let therapy = Therapy(modality: .cvvhdf, bloodFlow: 9, dialysateFlow: half, postReplacementFlow: half,
                              netUltrafiltration: 0.05, anticoagulation: .citrate(flow: 0.3))
        let fluids = FluidSchedule(segments: [
            .dialysate: [.init(start: 0, concentrations: [.potassium: 2, .magnesium: 0.5]),
                         .init(start: 24, concentrations: [.potassium: 4, .phosphate: 1.2, .magnesium: 0.6])],
            .postReplacement: [.init(start: 0, concentrations: [.potassium: 4, .magnesium: 0.75]),
                               .init(start: 48, concentrations: [.potassium: 4, .phosphate: 1.0, .magnesium: 1.5])],
            .preReplacement: [.init(start: 0, concentrations: [.potassium: 4, .phosphate: 1.2, .magnesium: 0.6])],
        ])
        let doses = [
            Dose(time: 3.5, route: .intravenous, amounts: [.potassium: 20], duration: 2),
            Dose(time: 10.25, route: .intravenous, amounts: [.phosphate: 15, .potassium: 22], duration: 2),
            Dose(time: 20, route: .intravenous, amounts: [.magnesium: 8.12], duration: 1.5),
            Dose(time: 30.4, route: .oral, amounts: [.phosphate: 16], duration: 0),
            Dose(time: 50, route: .oral, amounts: [.potassium: 20], duration: 1),
        ]
        return Scenario(patient: patient, therapy: therapy, fluids: fluids, doses: doses)
    }

    static func run(runs: Int) -> [String: Any] {
        let scenario = scenario
        var samples: [Sample] = []
        var points = 0
        for _ in 0..<runs {
            let (simulation, time) = Clock.measure {
                Simulator(patient: scenario.patient, therapy: scenario.therapy)
                    .run(initialSerum: scenario.initialSerum, fluids: scenario.fluids, doses: scenario.doses,
                         horizon: 72, outputStep: 1.0 / 60)
            }
            points = simulation.times.count
            samples.append(time)
        }
        Progress.say("simulator: median \(Progress.ms(Summary(samples.map(\.wall)).median)) over \(runs) runs, \(points) points")
        return ["runs": runs, "outputPoints": points, "time": Summary.of(samples)]
    }
}

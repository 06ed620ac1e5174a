import KRTCalibration
import KRTEstimation
import KRTKinetics
import Testing

/// The population fit, on a one-parameter list so it stays quick; `make calibrate` runs the full list.
@Suite("Calibration harness: the population fit")
struct CalibrationFitTests {
    static let one = [CalibratedParameter(.phosphateMobilisationClearance, cv: 0.5, lower: 0.6, upper: 100)]

    @Test func onlyTheCalibrationHalfEntersTheFit() {
        let problem = CalibrationFit.problem(CalibrationFixtures.harness)
        let halves = Dictionary(uniqueKeysWithValues: CalibrationFixtures.file.figures.map { ($0.id, $0.half) })
        #expect(!problem.blocks.isEmpty)
        for block in problem.blocks { #expect(halves[block.name] == .calibration, "\(block.name) is not a calibration figure") }
        #expect(problem.parameters.map(\.name) == CalibrationFit.parameters.map(\.name.snakeCaseName))
        // Weights come from the acceptance interval: σ = half its width, never fitted.
        for block in problem.blocks {
            let p = CalibrationFixtures.harness.prepared.first { $0.figure.id == block.name }
            #expect(block.standardDeviations == [p?.acceptance?.sigma ?? .nan])
        }
    }

    @Test func fitLowersTheObjectiveAndIsDeterministic() throws {
        let harness = CalibrationFixtures.harness
        let problem = CalibrationFit.problem(harness, parameters: Self.one)
        let (a, overridesA) = CalibrationFit.run(harness, parameters: Self.one, maxStarts: 1)
        let (b, _) = CalibrationFit.run(harness, parameters: Self.one, maxStarts: 1)
        #expect(a.values == b.values)
        #expect(a.objective.isFinite)
        let atDefault = try #require(problem.predictions(eta: [0]))
        var objective = 0.0
        for (block, f) in zip(problem.blocks, atDefault) {
            for i in f.indices { let r = (block.observed[i] - f[i]) / block.standardDeviations[i]; objective += r * r / 2 }
        }
        #expect(a.objective <= objective + 1e-9)
        let estimate = try #require(a.parameter("phosphate_mobilisation_clearance"))
        #expect(estimate.lower95 <= estimate.estimate && estimate.estimate <= estimate.upper95)
        #expect(overridesA[.phosphateMobilisationClearance] == estimate.estimate)
    }
}

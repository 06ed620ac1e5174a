import Foundation
import Testing
import KRTEstimation
import KRTInput
import KRTKinetics
import KRTUnits
@testable import KRTPlanner

/// The per-patient fit on a case with history (docs/fitting.md).
struct PatientFitTests {
    /// Labs written from the model itself with known individual parameters (away from the population).
    static func syntheticLabs(truthShift: Double) throws -> (text: String, truth: [Double], problem: PatientFitProblem) {
        let file = try HistoryFixtures.read(HistoryFixtures.text())
        let history = try ResolvedHistory.resolve(file, catalog: PlannerFixtures.catalog)
        let problem = PatientFitProblem(file: file, history: history)
        // Every parameter moved by a fixed, different fraction of its prior SD.
        let truth = problem.parameters.enumerated().map { j, p in p.value(eta: truthShift * (p.omega ?? 0) * (j % 2 == 0 ? 1 : -1)) }
        let times: [Double] = [-72, -60, -48, -36, -24, -12, 0]
        var lines = ["labs:"]
        for t in times {
            let states = problem.simulate(truth, at: [t]).states[0]
            let v = Solute.planned.map { String(format: "%.4f", states[StateIndex.serum($0).rawValue]) }
            lines.append("  - {at: \(Int(t)) h, potassium: \(v[0]) mmol/L, phosphate: \(v[1]) mmol/L, magnesium: \(v[2]) mmol/L}")
        }
        return (HistoryFixtures.text(labs: lines.joined(separator: "\n")), truth, problem)
    }

    @Test func noiseFreeLabsAreFittedAndBeatThePopulation() throws {
        let synthetic = try Self.syntheticLabs(truthShift: 1.0)
        let file = try HistoryFixtures.read(synthetic.text)
        let result = try PatientFitter.fit(file, catalog: PlannerFixtures.catalog)
        #expect(result.converged, "\(result.estimation.reason)")
        let individual = result.labs.map { abs($0.individual - $0.observed) }.max() ?? 1
        let population = result.labs.map { abs($0.population - $0.observed) }.max() ?? 0
        // MAP is pulled towards the prior (truth is 1 prior SD away on every parameter), so the fit is not
        // exact; but every individual prediction is well inside its residual SD, and far closer than the population's.
        #expect(result.labs.allSatisfy { abs($0.standardisedResidual) < 1 }, "\(result.labs.map(\.standardisedResidual))")
        #expect(population > 2 * individual, "population \(population) vs individual \(individual)")
        #expect(result.labs.count == 21)
        #expect(result.solutesAtPrior.isEmpty)
        // The current state at 0 h is the individual model's, close to the last labs.
        #expect(abs(result.currentState[StateIndex.potassiumECF.rawValue] - (file.initialLabs[.potassium] ?? 0)) < 0.15)
        #expect(result.leaveLastOut.count == 3)
    }

    @Test func theFitIsDeterministic() throws {
        let synthetic = try Self.syntheticLabs(truthShift: 0.7)
        let file = try HistoryFixtures.read(synthetic.text)
        let a = try PatientFitter.fit(file, catalog: PlannerFixtures.catalog)
        let b = try PatientFitter.fit(file, catalog: PlannerFixtures.catalog)
        #expect(a.estimation.values == b.estimation.values)
        #expect(a.labs == b.labs)
    }

    @Test func aSoluteWithOneLabStaysAtThePrior() throws {
        let file = try HistoryFixtures.read(HistoryFixtures.text(labs: HistoryFixtures.oneMagnesiumLab))
        let result = try PatientFitter.fit(file, catalog: PlannerFixtures.catalog)
        #expect(result.solutesAtPrior == [.magnesium])
        #expect(!result.targets.contains(.model(.magnesiumPoolVolume)))
        #expect(result.targets.contains(.model(.phosphateMobilisationClearance)))
    }

    @Test func aCaseWithoutHistoryCannotBeFitted() throws {
        let file = try HistoryFixtures.read(HistoryFixtures.rest + "\n" + HistoryFixtures.labs + "\n")
        #expect(throws: InputError.self) { try PatientFitter.fit(file, catalog: PlannerFixtures.catalog) }
    }
}

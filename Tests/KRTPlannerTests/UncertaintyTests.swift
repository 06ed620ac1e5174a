import Foundation
import KRTEstimation
import KRTKinetics
@testable import KRTPlanner
import KRTUnits
import Testing

/// The uncertainty bands (docs/uncertainty.md): seeded draws, zero-variance collapse, determinism,
/// ordering, distribution recovery, probabilities.
struct UncertaintyTests {
    static func simulation(_ name: String = "sled-rebound-history.yaml") throws -> PlanResult {
        let file = try PlannerFixtures.bundledCase(name)
        return try Planner(catalog: PlannerFixtures.catalog).simulate(PlannerFixtures.planningCase(file, mode: .simulate))
    }

    @Test func zeroVarianceCollapsesToTheNominalTrajectory() throws {
        for name in ["sled-rebound-history.yaml", "cvvh-phosphate-free-simulate.yaml", "day3-citrate-cvvhdf-history.yaml"] {
            let result = try Self.simulation(name)
            let inputs = try #require(result.forwardInputs)
            let banded = result.withUncertainty(UncertaintySettings(draws: 50, seed: 3), source: .prior(inputs, cvScale: 0))
            let bands = try #require(banded.uncertainty)
            #expect(bands.times == result.trajectory.times)
            for solute in Solute.planned {
                let nominal = try #require(result.trajectory.values(for: solute))
                let low = try #require(bands.values(solute, percentile: 2.5)), high = try #require(bands.values(solute, percentile: 97.5))
                // Every draw is the nominal patient: the band has no width at all …
                #expect(low == high, "\(name) \(solute)")
                // … and it is the simulator's trajectory (the fast per-solute propagation agrees to rounding).
                for (a, b) in zip(low, nominal) { #expect(abs(a - b) <= 1e-9, "\(name) \(solute): \(a) vs \(b)") }
            }
        }
    }

    @Test func drawsAreDeterministicAndIndependentOfThreads() throws {
        let result = try Self.simulation()
        let one = result.withUncertainty(UncertaintySettings(draws: 300, seed: 11, threads: 1)).uncertainty
        let two = result.withUncertainty(UncertaintySettings(draws: 300, seed: 11, threads: 2)).uncertainty
        let five = result.withUncertainty(UncertaintySettings(draws: 300, seed: 11, threads: 5)).uncertainty
        #expect(one != nil)
        #expect(one == two)
        #expect(one == five)
        let other = result.withUncertainty(UncertaintySettings(draws: 300, seed: 12, threads: 2)).uncertainty
        #expect(one != other, "another seed gives other draws")
        #expect(result.withUncertainty(UncertaintySettings(draws: 10, seed: 11)).audit.seed == 11)
    }

    @Test func percentilesAreOrderedAndBracketTheNominal() throws {
        for name in ["sled-rebound-history.yaml", "cvvh-phosphate-free-simulate.yaml"] {
            let result = try Self.simulation(name)
            let bands = try #require(result.withUncertainty(UncertaintySettings(draws: 400, seed: 1, threads: 2)).uncertainty)
            for solute in Solute.planned {
                let rows = UncertaintyBands.percentileSet.compactMap { bands.values(solute, percentile: $0) }
                #expect(rows.count == UncertaintyBands.percentileSet.count)
                let nominal = try #require(result.trajectory.values(for: solute))
                var widths: [Double] = []
                for t in bands.times.indices {
                    for k in 1..<rows.count { #expect(rows[k - 1][t] <= rows[k][t], "\(name) \(solute) at \(bands.times[t]) h") }
                    #expect(rows[0][t] <= nominal[t] + 1e-9 && nominal[t] <= rows[rows.count - 1][t] + 1e-9,
                            "\(name) \(solute) at \(bands.times[t]) h: nominal \(nominal[t]) outside the 95 % band")
                    widths.append(rows[rows.count - 1][t] - rows[0][t])
                }
                // The band opens up after 0 h (the start is the measured level, the same in every draw).
                #expect(widths.first ?? 1 <= 1e-12)
                #expect((widths.max() ?? 0) > 0.01, "\(name) \(solute): no spread")
            }
        }
    }

    @Test func priorDrawsRecoverTheDocumentedMediansAndCVs() throws {
        let result = try Self.simulation("day3-citrate-cvvhdf-history.yaml")
        let distribution = ParameterDistribution.prior(patient: try #require(result.forwardInputs).patient,
                                                       therapy: try #require(result.forwardInputs).therapy)
        let n = 10_000
        let draws = (0..<n).map { distribution.theta(draw: $0, seed: 2026) }
        for (j, parameter) in distribution.parameters.enumerated() {
            let values = draws.map { $0[j] }
            let cv = try #require(parameter.cv)
            let sortedValues = values.sorted()
            let median = Ensemble.percentile(50, of: sortedValues)
            #expect(abs(log(median / parameter.median)) < 0.04, "\(parameter.name): sample median \(median) vs \(parameter.median)")
            switch parameter.transform {
            case .log:
                let logs = values.map { log($0) }
                let mean = logs.reduce(0, +) / Double(n)
                let sd = (logs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(n - 1)).squareRoot()
                let omega = try #require(parameter.omega)
                #expect(abs(sd / omega - 1) < 0.03, "\(parameter.name): SD of log θ \(sd) vs ω \(omega)")
                // The CV of θ itself, where the bounds (median/100…100·median) do not clip.
                if cv <= 0.5 {
                    let m = values.reduce(0, +) / Double(n)
                    let s = (values.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(n - 1)).squareRoot()
                    #expect(abs(s / m / cv - 1) < 0.06, "\(parameter.name): sample CV \(s / m) vs prior CV \(cv)")
                }
            case .logit:
                let etas = values.map { log($0 / (1 - $0)) - log(parameter.median / (1 - parameter.median)) }
                let mean = etas.reduce(0, +) / Double(n)
                let sd = (etas.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(n - 1)).squareRoot()
                #expect(abs(mean) < 0.03 * (parameter.omega ?? 1), "\(parameter.name): mean η \(mean)")
                #expect(abs(sd / (parameter.omega ?? 1) - 1) < 0.03, "\(parameter.name): SD of η \(sd)")
            case .identity:
                break
            }
        }
    }

    @Test func normalsHaveUnitVarianceAndNoSeedCollisions() {
        var generator = SeededNormals(seed: 5, draw: 0)
        let values = (0..<20_000).map { _ in generator.nextNormal() }
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count - 1)
        #expect(abs(mean) < 0.03)
        #expect(abs(variance - 1) < 0.04)
        var a = SeededNormals(seed: 5, draw: 1), b = SeededNormals(seed: 5, draw: 2), c = SeededNormals(seed: 6, draw: 1)
        let x = a.nextBits(), y = b.nextBits(), z = c.nextBits()
        #expect(x != y && x != z && y != z)
        var again = SeededNormals(seed: 5, draw: 0)
        #expect(again.nextNormal() == values[0])
    }

    @Test func probabilitiesAreFractionsAndShrinkWithTighterBounds() throws {
        let result = try Self.simulation()
        let inputs = try #require(result.forwardInputs)
        let ensemble = Ensemble.run(.prior(inputs), forward: inputs, forwardOutputs: inputs.reportTimes, settings: UncertaintySettings(draws: 300, seed: 4))
        let times = Array(ensemble.times.indices.dropFirst())
        for s in Solute.planned.indices {
            let centre = ensemble.centre[s]
            var previous = 1.0
            for half in [2.0, 0.6, 0.3, 0.15, 0.05, 0.0] {
                let p = ensemble.probabilityWithin(solute: s, times: times, low: { centre[$0] - half }, high: { centre[$0] + half })
                #expect(p >= 0 && p <= 1)
                #expect(p <= previous, "solute \(s): P \(p) grew when the range shrank to ±\(half)")
                previous = p
            }
            #expect(previous < 0.5, "a zero-width range around the centre holds in few draws")
        }
        let bands = try #require(result.withUncertainty(UncertaintySettings(draws: 200, seed: 4)).uncertainty)
        for solute in bands.solutes {
            #expect(solute.withinHardBounds >= 0 && solute.withinHardBounds <= 1)
            #expect(solute.atDraws.count == result.labDraws.count)
            #expect(solute.atDraws.allSatisfy { $0.inTarget >= 0 && $0.inTarget <= 1 && $0.p5 <= $0.p50 && $0.p50 <= $0.p95 })
        }
    }

    @Test func posteriorWithoutSpreadGivesTheIndividualCourse() throws {
        let file = try PlannerFixtures.bundledCase("day3-citrate-cvvhdf-history.yaml")
        var fit = try PatientFitter.fit(file, catalog: PlannerFixtures.catalog)
        let p = fit.estimation.eta.count
        fit.estimation.covariance = Array(repeating: Array(repeating: 0, count: p), count: p)
        let forecast = try FitForecast.make(fit: fit, file: file, catalog: PlannerFixtures.catalog, settings: UncertaintySettings(draws: 20, seed: 9))
        #expect(forecast.note == nil, "the bundled history case simulates as written: \(forecast.note ?? "")")
        #expect(forecast.forecastEnd > 0)
        #expect(forecast.times.first == fit.historyFrom)
        for (s, solute) in Solute.planned.enumerated() {
            let low = try #require(forecast.bands.values(solute, percentile: 2.5)), high = try #require(forecast.bands.values(solute, percentile: 97.5))
            #expect(low == high)
            #expect(low == forecast.individual[s])
        }
        // At the lab times the individual course is the fit's individual prediction.
        for lab in fit.labs where lab.at < 0 {
            let t = try #require(forecast.times.firstIndex(of: lab.at))
            let s = try #require(Solute.planned.firstIndex(of: lab.solute))
            #expect(abs(forecast.individual[s][t] - lab.individual) < 1e-9)
            #expect(abs(forecast.population[s][t] - lab.population) < 1e-9)
        }
    }

    @Test func theLabsNarrowTheBandOverTheHistory() throws {
        let file = try PlannerFixtures.bundledCase("day3-citrate-cvvhdf-history.yaml")
        let fit = try PatientFitter.fit(file, catalog: PlannerFixtures.catalog)
        let problem = PatientFitProblem(file: file, history: try ResolvedHistory.resolve(file, catalog: PlannerFixtures.catalog))
        let posterior = UncertaintySource.posterior(fit: fit, problem: problem)
        // The same parameters with their prior spread, run through the same history.
        var prior = posterior
        prior.distribution.mean = Array(repeating: 0, count: prior.distribution.parameters.count)
        prior.distribution.factor = prior.distribution.parameters.indices.map { i in
            prior.distribution.parameters.indices.map { j in i == j ? (prior.distribution.parameters[i].omega ?? 0) : 0 }
        }
        let times = Array(Set(fit.labs.map(\.at))).sorted()
        let settings = UncertaintySettings(draws: 400, seed: 1, threads: 2)
        let a = Ensemble.run(posterior, forward: nil, historyOutputs: times, forwardOutputs: [], settings: settings)
        let b = Ensemble.run(prior, forward: nil, historyOutputs: times, forwardOutputs: [], settings: settings)
        for s in [0, 1] {
            for t in times.indices {
                let posteriorWidth = a.percentile(97.5, solute: s, time: t) - a.percentile(2.5, solute: s, time: t)
                let priorWidth = b.percentile(97.5, solute: s, time: t) - b.percentile(2.5, solute: s, time: t)
                #expect(posteriorWidth < priorWidth, "solute \(s) at \(times[t]) h: posterior \(posteriorWidth) vs prior \(priorWidth)")
            }
        }
    }
}

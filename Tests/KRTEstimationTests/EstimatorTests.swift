import Testing
@testable import KRTEstimation

@Suite("MAP estimation")
struct EstimatorTests {
    /// y = A·θ with Gaussian prior θ ~ N(m, ω²) (identity transform) and Gaussian residuals: the posterior
    /// is Gaussian with precision P = Ω⁻¹ + AᵀΣ⁻¹A and mean m + P⁻¹AᵀΣ⁻¹(y − A·m). The engine must give
    /// exactly that mean and that covariance.
    @Test func linearGaussianMatchesClosedForm() throws {
        let a: [[Double]] = [[1, 0.5], [0.2, 2], [1, 1], [3, -1]]
        let medians = [2.0, -1.0], omegas = [0.5, 0.8]
        let sigmas = [0.3, 0.2, 0.4, 0.25]
        let y = [1.9, -2.4, 0.8, 7.9]
        let parameters = zip(medians, omegas).enumerated().map { i, pair in
            EstimatedParameter(name: "p\(i)", unit: "1", median: pair.0, cv: pair.1 / abs(pair.0), transform: .identity)
        }
        let block = ResidualBlock(name: "linear", observed: y, standardDeviations: sigmas) { theta in
            a.map { row in zip(row, theta).map(*).reduce(0, +) }
        }
        let result = Estimator().estimate(EstimationProblem(parameters: parameters, blocks: [block]))
        #expect(result.converged, "\(result.reason)")

        // Closed form.
        var precision = [[1 / (omegas[0] * omegas[0]), 0.0], [0.0, 1 / (omegas[1] * omegas[1])]]
        var rhs = [0.0, 0.0]
        for (i, row) in a.enumerated() {
            let w = 1 / (sigmas[i] * sigmas[i])
            let residual = y[i] - zip(row, medians).map(*).reduce(0, +)
            for j in 0..<2 {
                rhs[j] += row[j] * w * residual
                for k in 0..<2 { precision[j][k] += row[j] * w * row[k] }
            }
        }
        let det = precision[0][0] * precision[1][1] - precision[0][1] * precision[1][0]
        let cov = [[precision[1][1] / det, -precision[0][1] / det], [-precision[1][0] / det, precision[0][0] / det]]
        let mean = [medians[0] + cov[0][0] * rhs[0] + cov[0][1] * rhs[1], medians[1] + cov[1][0] * rhs[0] + cov[1][1] * rhs[1]]
        for j in 0..<2 {
            #expect(abs(result.values[j] - mean[j]) < 1e-7, "θ\(j): \(result.values[j]) vs \(mean[j])")
            for k in 0..<2 {
                let got = try #require(result.covariance)[j][k]
                #expect(abs(got - cov[j][k]) < 1e-6 * abs(cov[j][j]), "cov[\(j)][\(k)] \(got) vs \(cov[j][k])")
            }
            let sd = cov[j][j].squareRoot()
            #expect(abs(result.parameters[j].lower95 - (mean[j] - 1.959964 * sd)) < 1e-6)
            #expect(abs(result.parameters[j].upper95 - (mean[j] + 1.959964 * sd)) < 1e-6)
            #expect(abs((result.parameters[j].shrinkage ?? -1) - cov[j][j] / (omegas[j] * omegas[j])) < 1e-6)
        }
    }

    /// Scalar linear-Gaussian: shrinkage equals σ²/(ω²+σ²), the pull of the estimate back to the prior.
    @Test func shrinkageIsThePullTowardsThePrior() {
        let omega = 1.0, sigma = 2.0
        let parameter = EstimatedParameter(name: "x", unit: "1", median: 0, cv: omega, transform: .identity)
        let block = ResidualBlock(name: "one", observed: [3], standardDeviations: [sigma]) { [$0[0]] }
        let result = Estimator().estimate(EstimationProblem(parameters: [parameter], blocks: [block]))
        let factor = sigma * sigma / (omega * omega + sigma * sigma)
        #expect(abs(result.values[0] - 3 * (1 - factor)) < 1e-6)
        #expect(abs((result.parameters[0].shrinkage ?? 0) - factor) < 1e-6)
        #expect(!result.parameters[0].notInformed)
    }

    /// Noise-free data from a two-exponential model in log space, no priors: the true values come back.
    @Test func exactRecoveryNoiseFree() {
        let truth = [3.0, 0.7, 1.2, 0.05]   // A, α, B, β
        let times: [Double] = [0.25, 0.5, 1, 2, 3, 4, 6, 8, 12, 16, 24, 36]
        let model: @Sendable ([Double]) -> [Double]? = { p in times.map { p[0] * exp(-p[1] * $0) + p[2] * exp(-p[3] * $0) } }
        let y = model(truth) ?? []
        let guesses = [2.0, 1.0, 1.0, 0.1]
        let parameters = zip(["A", "alpha", "B", "beta"], guesses).map {
            EstimatedParameter(name: $0, unit: "1", median: $1, cv: nil, transform: .log)
        }
        let block = ResidualBlock(name: "curve", observed: y, errorModels: Array(repeating: ResidualErrorModel(additive: 0.01, proportional: 0.05), count: y.count), predict: model)
        let result = Estimator().estimate(EstimationProblem(parameters: parameters, blocks: [block]))
        #expect(result.converged, "\(result.reason)")
        for j in truth.indices { #expect(abs(result.values[j] / truth[j] - 1) < 1e-6, "\(parameters[j].name): \(result.values[j])") }
        #expect(result.objective < 1e-12)
    }

    /// Posologyr's restart rule: a start where nothing moves (flat model, zero gradient) is retried.
    @Test func restartsWhenEveryDeviationIsZero() throws {
        let parameter = EstimatedParameter(name: "x", unit: "1", median: 0, cv: 1, transform: .identity, lower: -3, upper: 3)
        // Flat for x ≤ 0.5: from x = 0 the gradient is exactly zero.
        let block = ResidualBlock(name: "flat", observed: [1], standardDeviations: [0.01]) { p in
            let d = Swift.max(0, p[0] - 0.5)
            return [d * d]
        }
        let result = Estimator().estimate(EstimationProblem(parameters: [parameter], blocks: [block]))
        #expect(result.attempts.count >= 2)
        #expect(result.attempts[0].anomalies.contains("every deviation is zero"))
        #expect(result.converged, "\(result.reason)")
        #expect(abs(result.values[0] - 1.5) < 0.01, "x = \(result.values[0])")
    }

    /// Data that pull a parameter past its hard bound: every start ends on the bound, and the result
    /// says so instead of claiming convergence.
    @Test func stuckOnABoundIsNotConverged() {
        let parameter = EstimatedParameter(name: "k", unit: "1/h", median: 1, cv: 0.3, transform: .log, lower: 0.5, upper: 2)
        let block = ResidualBlock(name: "far", observed: [10], standardDeviations: [0.01]) { [$0[0]] }
        let result = Estimator().estimate(EstimationProblem(parameters: [parameter], blocks: [block]))
        #expect(!result.converged)
        #expect(result.reason.contains("k at a bound"))
        #expect(result.parameters[0].atBound)
        #expect(result.attempts.count == Estimator.Options().maxStarts)
    }

    /// With no information in the data, the posterior is the prior and the parameter is flagged.
    @Test func uninformedParameterIsFlagged() {
        let informed = EstimatedParameter(name: "a", unit: "1", median: 1, cv: 0.5)
        let idle = EstimatedParameter(name: "b", unit: "1", median: 2, cv: 0.5)
        let block = ResidualBlock(name: "only-a", observed: [1.4, 1.3], standardDeviations: [0.05, 0.05]) { [$0[0], $0[0]] }
        let result = Estimator().estimate(EstimationProblem(parameters: [informed, idle], blocks: [block]))
        #expect(result.converged)
        #expect(!result.parameters[0].notInformed)
        #expect(result.parameters[1].notInformed)
        #expect(abs(result.values[1] - 2) < 1e-9)
        #expect(abs((result.parameters[1].shrinkage ?? 0) - 1) < 1e-6)
    }

    /// Logit transform: a fraction stays inside (0, 1) and its prior SD follows CV/(1 − median).
    @Test func logitTransformRoundTrips() {
        let p = EstimatedParameter(name: "f", unit: "1", median: 0.9, cv: 0.05, transform: .logit)
        #expect(abs((p.omega ?? 0) - 0.5) < 1e-12)
        for eta in [-3.0, -0.2, 0, 0.7, 4] {
            let v = p.value(eta: eta)
            #expect(v > 0 && v < 1)
            #expect(abs(p.eta(value: v) - eta) < 1e-9)
        }
    }

    /// Population calibration is the same engine: two scenarios (blocks) share the parameters.
    @Test func calibrationAcrossScenariosSharesParameters() {
        let truth = [0.3, 5.0]
        let scenario: @Sendable ([Double], [Double]) -> [Double] = { p, t in t.map { p[1] * exp(-p[0] * $0) } }
        let t1: [Double] = [1, 2, 4], t2: [Double] = [0.5, 3, 6]
        let blocks = [t1, t2].enumerated().map { i, t in
            ResidualBlock(name: "figure \(i)", observed: scenario(truth, t), standardDeviations: Array(repeating: 0.1, count: t.count)) { scenario($0, t) }
        }
        let parameters = [EstimatedParameter(name: "k", unit: "1/h", median: 0.1, cv: nil),
                          EstimatedParameter(name: "c0", unit: "mmol/L", median: 1, cv: nil)]
        let result = Estimator().estimate(EstimationProblem(parameters: parameters, blocks: blocks))
        #expect(result.converged, "\(result.reason)")
        #expect(abs(result.values[0] - 0.3) < 1e-6 && abs(result.values[1] - 5) < 1e-5)
        #expect(result.predictions.count == 2)
    }
}

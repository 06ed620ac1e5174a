/// A weighted least-squares problem over estimated parameters, the one engine behind both jobs:
///
/// * **per-patient MAP fit**: one ``ResidualBlock`` (the patient's labs) and a prior on every parameter;
/// * **population calibration**: many blocks (one per published scenario, each with its own model run and
///   observation SDs from the published spread), shared parameters, priors optional (`cv: nil` = free).
///
/// The objective, with η the transformed deviations (``EstimatedParameter``):
///
///     OFV(η) = ½ Σ_j (η_j/ω_j)²  +  ½ Σ_blocks Σ_i ((y_i − f_i(θ(η))) / σ_i)²
///
/// i.e. ½‖r(η)‖² for the stacked residual vector r = [η/ω ; (y − f)/σ]. It is −log posterior up to a
/// constant for log-normal/logit-normal priors and Gaussian residuals with fixed SDs.
public struct EstimationProblem: Sendable {
    public var parameters: [EstimatedParameter]
    public var blocks: [ResidualBlock]

    public init(parameters: [EstimatedParameter], blocks: [ResidualBlock]) {
        self.parameters = parameters
        self.blocks = blocks
    }

    /// θ (natural units) for η.
    public func values(eta: [Double]) -> [Double] {
        zip(parameters, eta).map { $0.value(eta: $1) }
    }

    /// Number of stacked residuals (priors + observations).
    var residualCount: Int { parameters.filter { $0.omega != nil }.count + blocks.reduce(0) { $0 + $1.observed.count } }

    /// The stacked residual vector r(η), or nil when a model run fails or gives a non-finite value.
    func residuals(eta: [Double]) -> [Double]? {
        var r: [Double] = []
        r.reserveCapacity(residualCount)
        for (parameter, e) in zip(parameters, eta) { if let omega = parameter.omega { r.append(e / omega) } }
        let theta = values(eta: eta)
        for block in blocks {
            guard let f = block.predict(theta), f.count == block.observed.count else { return nil }
            for i in f.indices {
                let value = (block.observed[i] - f[i]) / block.standardDeviations[i]
                guard value.isFinite else { return nil }
                r.append(value)
            }
        }
        return r
    }

    /// Predictions of every block at θ(η), concatenated (nil on failure).
    public func predictions(eta: [Double]) -> [[Double]]? {
        let theta = values(eta: eta)
        var out: [[Double]] = []
        for block in blocks {
            guard let f = block.predict(theta) else { return nil }
            out.append(f)
        }
        return out
    }
}

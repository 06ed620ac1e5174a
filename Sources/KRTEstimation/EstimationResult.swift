/// One estimated parameter as reported.
public struct ParameterEstimate: Sendable, Hashable {
    public var name: String
    public var unit: String
    /// Prior median (population value), natural units.
    public var population: Double
    /// The estimate (MAP), natural units.
    public var estimate: Double
    /// 95 % interval (Laplace approximation in the transformed space, mapped back), natural units.
    public var lower95: Double
    public var upper95: Double
    /// Posterior SD of η (transformed space); nil when the covariance is not available.
    public var etaStandardDeviation: Double?
    /// Posterior variance / prior variance of η (0: the data fix it; 1: the data say nothing). In the
    /// scalar linear-Gaussian case it is exactly the factor by which the estimate is pulled back to the
    /// prior median. Nil without a prior or a covariance.
    public var shrinkage: Double?
    /// True when the data cannot inform it (shrinkage ≥ the threshold, or no covariance).
    public var notInformed: Bool
    /// True when the estimate sits on a hard bound.
    public var atBound: Bool
}

/// The outcome of ``Estimator/estimate(_:)``.
public struct EstimationResult: Sendable {
    /// One start's outcome (for the audit trail).
    public struct Attempt: Sendable, Hashable {
        public var start: Int
        public var objective: Double
        public var stop: String
        public var anomalies: [String]
    }

    public var parameters: [ParameterEstimate]
    /// η at the estimate (transformed space).
    public var eta: [Double]
    /// θ at the estimate (natural units).
    public var values: [Double]
    /// Laplace covariance of η (inverse Gauss–Newton Hessian JᵀJ of the stacked residuals); nil when
    /// JᵀJ is not positive definite.
    public var covariance: [[Double]]?
    /// OFV = ½‖r‖² at the estimate.
    public var objective: Double
    /// Predictions of each block at the estimate.
    public var predictions: [[Double]]
    /// Whether the chosen start converged (gradient or step criterion) without anomalies.
    public var converged: Bool
    /// Plain-words reason when not converged, or the stop criterion when converged.
    public var reason: String
    public var attempts: [Attempt]
    public var iterations: Int
    public var evaluations: Int

    init(problem: EstimationProblem, outcome: LevenbergMarquardt.Outcome, anomalies: [String], attempts: [Attempt],
         evaluations: Int, options: Estimator.Options) {
        eta = outcome.eta
        values = problem.values(eta: outcome.eta)
        objective = outcome.objective
        predictions = problem.predictions(eta: outcome.eta) ?? []
        self.attempts = attempts
        iterations = outcome.iterations
        self.evaluations = evaluations
        let p = eta.count
        covariance = outcome.jacobian.isEmpty ? nil : DenseAlgebra.inverse(DenseAlgebra.gram(outcome.jacobian, columns: p))
        converged = outcome.converged && anomalies.isEmpty
        reason = anomalies.isEmpty ? "converged (\(outcome.stop == .gradient ? "gradient" : "step") criterion)" : anomalies.joined(separator: "; ")
        var estimates: [ParameterEstimate] = []
        for (j, parameter) in problem.parameters.enumerated() {
            let variance = covariance.map { $0[j][j] }
            let sd = variance.flatMap { $0 > 0 && $0.isFinite ? $0.squareRoot() : nil }
            let b = parameter.etaBounds
            let lowEta = Swift.max(b.lowerBound, eta[j] - 1.959964 * (sd ?? .infinity))
            let highEta = Swift.min(b.upperBound, eta[j] + 1.959964 * (sd ?? .infinity))
            let a = parameter.value(eta: lowEta), c = parameter.value(eta: highEta)
            var shrinkage: Double? = nil
            if let omega = parameter.omega, let sd { shrinkage = (sd * sd) / (omega * omega) }
            estimates.append(ParameterEstimate(
                name: parameter.name, unit: parameter.unit, population: parameter.median, estimate: values[j],
                lower95: Swift.min(a, c), upper95: Swift.max(a, c), etaStandardDeviation: sd, shrinkage: shrinkage,
                notInformed: sd == nil || (shrinkage ?? 0) >= options.notInformedVarianceRatio,
                atBound: parameter.isAtBound(eta: eta[j])))
        }
        parameters = estimates
    }

    static func failed(problem: EstimationProblem, attempts: [Attempt]) -> EstimationResult {
        var r = EstimationResult(problem: problem,
                                 outcome: .init(eta: Array(repeating: 0, count: problem.parameters.count), residuals: [], jacobian: [],
                                                objective: .infinity, stop: .modelFailedAtStart, iterations: 0, evaluations: 0),
                                 anomalies: ["the model could not be evaluated at any start"], attempts: attempts, evaluations: 0,
                                 options: Estimator.Options())
        r.converged = false
        return r
    }

    /// The estimate of a named parameter.
    public func parameter(_ name: String) -> ParameterEstimate? { parameters.first { $0.name == name } }
}

/// Maximum a posteriori (or weighted least-squares) estimation with deterministic restarts and a Laplace
/// covariance. See docs/fitting.md for the method and what each reported number means.
public struct Estimator: Sendable {
    public struct Options: Sendable, Hashable {
        /// Largest number of starts tried (the first is η = 0, the prior median).
        public var maxStarts = 6
        /// Run every start and keep the best, instead of stopping at the first sound result.
        public var runAllStarts = false
        public var maxIterations = 200
        /// Residual evaluations allowed per start (a work limit, not a time limit).
        public var maxEvaluationsPerStart = 20_000
        /// A parameter whose posterior variance is at least this fraction of its prior variance is
        /// flagged "not informed" (the labs barely moved it).
        public var notInformedVarianceRatio = 0.9

        public init() {}
    }

    public var options: Options

    public init(options: Options = Options()) { self.options = options }

    /// The deterministic start list: η = 0, then points at ±0.5–1.5 prior SDs in a fixed pattern
    /// (parameters without a prior move by 0.5 in η).
    public static func start(_ k: Int, parameters: [EstimatedParameter]) -> [Double] {
        guard k > 0 else { return Array(repeating: 0, count: parameters.count) }
        let pattern: [Double] = [1, -1, 0.5, -1.5, 1.5, -0.5]
        return parameters.indices.map { j in
            let scale = parameters[j].omega ?? 0.5
            // Different parameters get different phases so no two starts are multiples of each other.
            return scale * pattern[(k - 1 + j * (k + 1)) % pattern.count]
        }
    }

    public func estimate(_ problem: EstimationProblem) -> EstimationResult {
        var lmOptions = LevenbergMarquardt.Options()
        lmOptions.maxIterations = options.maxIterations
        lmOptions.maxEvaluations = options.maxEvaluationsPerStart
        var best: (outcome: LevenbergMarquardt.Outcome, anomalies: [String])? = nil
        var attempts: [EstimationResult.Attempt] = []
        var evaluations = 0
        for k in 0..<Swift.max(1, options.maxStarts) {
            var lm = LevenbergMarquardt(problem: problem, options: lmOptions)
            let outcome = lm.minimise(from: Self.start(k, parameters: problem.parameters))
            evaluations += outcome.evaluations
            let anomalies = Self.anomalies(outcome, problem: problem)
            attempts.append(.init(start: k, objective: outcome.objective, stop: "\(outcome.stop)", anomalies: anomalies))
            if Self.better(outcome, anomalies, than: best) { best = (outcome, anomalies) }
            if !options.runAllStarts, outcome.converged, anomalies.isEmpty { break }
        }
        guard let chosen = best else { return EstimationResult.failed(problem: problem, attempts: attempts) }
        return EstimationResult(problem: problem, outcome: chosen.outcome, anomalies: chosen.anomalies,
                                attempts: attempts, evaluations: evaluations, options: options)
    }

    /// Converged beats not converged; then no anomalies beats anomalies; then the lower objective
    /// (ties keep the earlier start, so the result does not depend on anything but the inputs).
    static func better(_ o: LevenbergMarquardt.Outcome, _ a: [String], than best: (outcome: LevenbergMarquardt.Outcome, anomalies: [String])?) -> Bool {
        guard let best else { return o.objective.isFinite }
        if o.converged != best.outcome.converged { return o.converged }
        if a.isEmpty != best.anomalies.isEmpty { return a.isEmpty }
        return o.objective < best.outcome.objective - 1e-9 * (1 + abs(best.outcome.objective))
    }

    /// Why a result should be retried from another start (posologyr's checks): an estimate on a bound,
    /// or every deviation exactly zero although there are data to move them.
    static func anomalies(_ o: LevenbergMarquardt.Outcome, problem: EstimationProblem) -> [String] {
        guard o.objective.isFinite else { return ["the model could not be evaluated"] }
        var out: [String] = []
        for (p, e) in zip(problem.parameters, o.eta) where p.isAtBound(eta: e) { out.append("\(p.name) at a bound") }
        let observations = problem.blocks.reduce(0) { $0 + $1.observed.count }
        if observations > 0, !o.eta.isEmpty, o.eta.allSatisfy({ $0 == 0 }) { out.append("every deviation is zero") }
        if !o.converged { out.append("not converged (\(o.stop))") }
        return out
    }
}

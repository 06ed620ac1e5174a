/// Levenberg–Marquardt on ½‖r(η)‖² with box bounds on η (a trial step is projected onto the box).
/// Work is counted in iterations and residual evaluations, never in wall-clock time.
struct LevenbergMarquardt {
    struct Options {
        var maxIterations = 200
        var maxEvaluations = 20_000
        /// Converged when the projected gradient's largest component is below this.
        var gradientTolerance = 1e-6
        /// …or when an accepted step changes the objective by less than this (relative) and moves η by
        /// less than `stepTolerance`.
        var objectiveTolerance = 1e-10
        var stepTolerance = 1e-6
    }

    enum Stop: Equatable {
        case gradient, smallStep, iterationLimit, evaluationLimit, stalled, modelFailedAtStart
    }

    struct Outcome {
        var eta: [Double]
        var residuals: [Double]
        var jacobian: [[Double]]
        var objective: Double
        var stop: Stop
        var iterations: Int
        var evaluations: Int
        var converged: Bool { stop == .gradient || stop == .smallStep }
    }

    let problem: EstimationProblem
    let bounds: [ClosedRange<Double>]
    let steps: [Double]
    let options: Options
    var evaluations = 0

    init(problem: EstimationProblem, options: Options) {
        self.problem = problem
        self.options = options
        bounds = problem.parameters.map(\.etaBounds)
        steps = problem.parameters.map { p in
            p.transform == .identity ? 1e-6 * Swift.max(abs(p.median), p.omega ?? 0, 1e-3) : 1e-5
        }
    }

    mutating func residuals(_ eta: [Double]) -> [Double]? {
        evaluations += 1
        return problem.residuals(eta: eta)
    }

    /// Central-difference Jacobian of r (rows = residuals), each probe kept inside the bounds.
    mutating func jacobian(at eta: [Double], residuals r: [Double]) -> [[Double]]? {
        let p = eta.count
        var j = Array(repeating: Array(repeating: 0.0, count: p), count: r.count)
        for k in 0..<p {
            var up = eta, down = eta
            up[k] = Swift.min(eta[k] + steps[k], bounds[k].upperBound)
            down[k] = Swift.max(eta[k] - steps[k], bounds[k].lowerBound)
            let width = up[k] - down[k]
            guard width > 0 else { continue }
            guard let ru = residuals(up), let rd = residuals(down) else { return nil }
            for i in r.indices { j[i][k] = (ru[i] - rd[i]) / width }
        }
        return j
    }

    static func objective(_ r: [Double]) -> Double { 0.5 * r.reduce(0) { $0 + $1 * $1 } }

    func clamp(_ eta: [Double]) -> [Double] {
        zip(eta, bounds).map { Swift.min(Swift.max($0, $1.lowerBound), $1.upperBound) }
    }

    /// Gradient with components that push out of an active bound removed.
    func projected(_ g: [Double], at eta: [Double]) -> [Double] {
        g.indices.map { k in
            if eta[k] <= bounds[k].lowerBound, g[k] > 0 { return 0 }
            if eta[k] >= bounds[k].upperBound, g[k] < 0 { return 0 }
            return g[k]
        }
    }

    mutating func minimise(from start: [Double]) -> Outcome {
        var eta = clamp(start)
        let p = eta.count
        guard var r = residuals(eta) else {
            return Outcome(eta: eta, residuals: [], jacobian: [], objective: .infinity, stop: .modelFailedAtStart, iterations: 0, evaluations: evaluations)
        }
        var f = Self.objective(r)
        var lambda = 1e-3
        var iteration = 0
        var stop = Stop.iterationLimit
        var jac: [[Double]] = []
        outer: while iteration < options.maxIterations {
            iteration += 1
            guard let j = jacobian(at: eta, residuals: r) else { stop = .stalled; break }
            jac = j
            let g = DenseAlgebra.gradient(j, r, columns: p)
            if projected(g, at: eta).map(abs).max() ?? 0 <= options.gradientTolerance { stop = .gradient; break }
            let h = DenseAlgebra.gram(j, columns: p)
            while true {
                if evaluations >= options.maxEvaluations { stop = .evaluationLimit; break outer }
                var a = h
                for k in 0..<p { a[k][k] += lambda * Swift.max(h[k][k], 1e-10) }
                guard let l = DenseAlgebra.cholesky(a) else { lambda *= 10; if lambda > 1e14 { stop = .stalled; break outer }; continue }
                let delta = DenseAlgebra.solve(cholesky: l, g.map { -$0 })
                let trial = clamp(zip(eta, delta).map(+))
                let moved = zip(trial, eta).map { abs($0 - $1) }.max() ?? 0
                if let rt = residuals(trial) {
                    let ft = Self.objective(rt)
                    if ft <= f {
                        let decrease = f - ft
                        eta = trial; r = rt; f = ft
                        lambda = Swift.max(lambda / 10, 1e-12)
                        if decrease <= options.objectiveTolerance * (1 + f), moved <= options.stepTolerance {
                            stop = .smallStep
                            if let jEnd = jacobian(at: eta, residuals: r) { jac = jEnd }
                            break outer
                        }
                        break
                    }
                }
                if moved <= options.stepTolerance * 1e-3 && lambda > 1e6 {
                    // No descent even for tiny steps: a (projected) stationary point within round-off.
                    stop = .smallStep
                    break outer
                }
                lambda *= 10
                if lambda > 1e14 { stop = .stalled; break outer }
            }
        }
        if stop == .iterationLimit || stop == .evaluationLimit || jac.isEmpty, let jEnd = jacobian(at: eta, residuals: r) { jac = jEnd }
        return Outcome(eta: eta, residuals: r, jacobian: jac, objective: f, stop: stop, iterations: iteration, evaluations: evaluations)
    }
}

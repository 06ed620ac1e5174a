/// The exact affine map of the core state over one step `[start, end]`:
///
///     x(end) = Φ·x(start) + Σ_k g_k·u_k + c
///
/// where u_k is the value of input window k (mmol/L for fluid channels, mmol/h otherwise; mmol for
/// an impulse window), g_k its exact effect, and c the effect of the given inputs (intake and the
/// scheduled K shift of insulin, β2-agonists and bicarbonate).
/// Φ is the dense n×n core transition (n = ``StateIndex/coreCount``).
public struct StepMap: Sendable {
    public let start: Double
    public let end: Double
    /// Φ, n × n.
    public let transition: Matrix
    /// The windows, in the order given to ``KineticModel/stepMap(from:to:inputs:)``.
    public let inputs: [InputWindow]
    /// g_k for each window (length n each).
    public let inputEffects: [[Double]]
    /// c (length n).
    public let constant: [Double]

    /// x(end) for a state x(start) and one value per input window.
    public func apply(to state: [Double], values: [Double]) -> [Double] {
        precondition(values.count == inputs.count, "one value per input window")
        var x = transition * state
        for i in x.indices {
            x[i] += constant[i]
            for (k, g) in inputEffects.enumerated() { x[i] += g[i] * values[k] }
        }
        return x
    }
}

/// Time points are snapped to the grid 2⁻⁴⁰ h so that every duration is an exact difference of grid
/// points (exact for horizons up to 4096 h) and the simulator and step maps share propagators.
enum ModelTime {
    static func snap(_ t: Double) -> Double { (t * ExponentialCache.ticksPerHour).rounded() / ExponentialCache.ticksPerHour }
}

extension KineticModel {
    /// The exact step map from `t0` to `t1` (h) for the given input windows (each clipped to
    /// `[t0, t1]`). Splits internally at window edges and at circuit on/off boundaries.
    public func stepMap(from t0: Double, to t1: Double, inputs: [InputWindow]) -> StepMap {
        let full = augmentedStepMap(from: t0, to: t1, inputs: inputs)
        let n = StateIndex.coreCount
        return StepMap(start: t0, end: t1,
                       transition: full.phi.block(row: 0, column: 0, rows: n, columns: n),
                       inputs: inputs,
                       inputEffects: full.g.map { Array($0.prefix(n)) },
                       constant: Array(full.c.prefix(n)))
    }

    /// The same map over the augmented state (core + accumulators).
    func augmentedStepMap(from t0: Double, to t1: Double, inputs: [InputWindow]) -> (phi: Matrix, g: [[Double]], c: [Double]) {
        let n = Accumulator.totalStates
        let a = ModelTime.snap(t0), b = Swift.max(ModelTime.snap(t1), a)
        let windows = inputs.map { w -> (start: Double, end: Double, impulse: Bool) in
            let s = Swift.min(Swift.max(ModelTime.snap(w.start), a), b)
            let e = Swift.min(Swift.max(ModelTime.snap(w.end), s), b)
            return (s, e, w.isImpulse)
        }
        var points = Set([a, b])
        for w in windows { points.insert(w.start); points.insert(w.end) }
        for t in therapy.boundaries(in: a, b) { points.insert(ModelTime.snap(t)) }
        for t in constantBoundaries(in: a, b) { points.insert(t) }
        let times = points.sorted()
        var phi = Matrix.identity(n)
        var g = Array(repeating: Array(repeating: 0.0, count: n), count: inputs.count)
        var c = Array(repeating: 0.0, count: n)
        for (index, s) in times.enumerated() {
            let regime = self.regime(at: s)
            let system = systems[regime.rawValue]
            for (k, w) in windows.enumerated() where w.impulse && w.start == s {
                let column = system.column(inputs[k].channel)
                for i in 0..<n { g[k][i] += column[i] }
            }
            guard index + 1 < times.count else { break }
            let e = times[index + 1]
            let step = cache.entry(regime, duration: e - s)
            phi = step.phi * phi
            c = add(step.phi * c, step.gamma * constantInput(system, at: s))
            for k in g.indices {
                var next = step.phi * g[k]
                let w = windows[k]
                if !w.impulse, w.start <= s, w.end >= e {
                    next = add(next, step.gamma * system.column(inputs[k].channel))
                }
                g[k] = next
            }
        }
        return (phi, g, c)
    }
}

@inline(__always)
func add(_ x: [Double], _ y: [Double]) -> [Double] {
    var out = x
    for i in out.indices { out[i] += y[i] }
    return out
}

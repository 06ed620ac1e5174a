import KRTUnits

/// Per-solute, per-time margins (mmol/L) by which the plan model tightens the hard bounds
/// (scenario-generated back-off, docs/uncertainty.md "Robust planning"). Zero everywhere is the nominal
/// model. The margins are kept on the scenario check grid (``times``); the plan model's grid point at
/// `t` takes the largest margin within ``reach`` hours of `t`, so a crossing between two grid points
/// tightens both of them.
///
/// A margin never moves a hard bound past the middle of the target range: the plan model's serum columns
/// (the target halves) stop there (docs/uncertainty.md, limits).
public struct HardBackOff: Sendable, Hashable {
    /// Check times (h), ascending.
    public var times: [Double]
    /// `low[s][t]`: how far (mmol/L) above the lower hard bound solute `Solute.planned[s]` must stay at `times[t]`.
    public var low: [[Double]]
    /// `high[s][t]`: how far (mmol/L) below the upper hard bound.
    public var high: [[Double]]
    /// h
    public var reach: Double

    /// No margin anywhere.
    public init(times: [Double], reach: Double) {
        self.times = times
        self.reach = reach
        let zero = Array(repeating: Array(repeating: 0.0, count: times.count), count: Solute.planned.count)
        low = zero
        high = zero
    }

    /// True when every margin is 0 (the model is the nominal one).
    public var isZero: Bool { !low.contains { $0.contains { $0 > 0 } } && !high.contains { $0.contains { $0 > 0 } } }

    /// The margins (mmol/L, ≥ 0) in force at plan-model time `t` (h) for `solute`.
    public func margins(_ solute: Solute, at t: Double) -> (low: Double, high: Double) {
        guard let s = Solute.planned.firstIndex(of: solute) else { return (0, 0) }
        var result = (low: 0.0, high: 0.0)
        for (k, time) in times.enumerated() where abs(time - t) <= reach + 1e-9 {
            result.low = max(result.low, low[s][k])
            result.high = max(result.high, high[s][k])
        }
        return result
    }

    /// Every margin halfway between this one's and `other`'s (same grid).
    public func halfway(to other: HardBackOff) -> HardBackOff {
        var result = self
        for s in low.indices {
            for t in low[s].indices {
                result.low[s][t] = (low[s][t] + other.low[s][t]) / 2
                result.high[s][t] = (high[s][t] + other.high[s][t]) / 2
            }
        }
        return result
    }

    /// Largest margin of `solute` over the horizon (mmol/L): (low side, high side).
    public func largest(_ solute: Solute) -> (low: Double, high: Double) {
        guard let s = Solute.planned.firstIndex(of: solute) else { return (0, 0) }
        return (low[s].max() ?? 0, high[s].max() ?? 0)
    }
}

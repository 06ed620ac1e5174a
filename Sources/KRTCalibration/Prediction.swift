import KRTKinetics
import KRTUnits

/// What a readout needs from a prediction, whichever predicts it (the model or the single-pool formula).
/// Times in hours from the scenario's 0 h; levels in mmol/L; amounts in mmol.
public protocol Prediction {
    /// Serum level at t.
    func level(_ solute: Solute, at t: Double) -> Double
    /// Cumulative net removal by the circuit (effluent − delivered fluid) from 0 to t.
    func removed(_ solute: Solute, upTo t: Double) -> Double
    /// The same prediction started from another serum level of `solute` (pools in equilibrium with it).
    func starting(_ solute: Solute, at level: Double) -> Prediction
    /// Serum levels at a, a + dt, … up to b (one run where the predictor can).
    func levels(_ solute: Solute, from a: Double, to b: Double, every dt: Double) -> [Double]
    /// Session intervals of an intermittent therapy inside the horizon (one interval for continuous KRT).
    var sessions: [(start: Double, end: Double)] { get }
    /// Cumulative residual renal excretion from 0 to t (mmol).
    func renal(_ solute: Solute, upTo t: Double) -> Double
    /// The case's IV and oral orders (the same for every predictor).
    var doses: [Dose] { get }
    /// The patient's weight (kg).
    var weight: Double { get }
}

extension Prediction {
    /// The readout's value (its unit is the figure's; see ``Readout``).
    public func value(of readout: Readout) -> Double {
        switch readout {
        case let .level(s, t): return level(s, at: t)
        case let .meanLevel(s, a, b):
            let values = levels(s, from: a, to: b, every: 1)
            return values.reduce(0, +) / Double(max(1, values.count))
        case let .difference(s, a, b): return level(s, at: a) - level(s, at: b)
        case let .percentFall(s, a, b, c): return 100 * (level(s, at: a) - level(s, at: b)) / level(s, at: c)
        case let .percentOf(s, a, b): return 100 * level(s, at: a) / level(s, at: b)
        case let .removed(s, a, b): return removed(s, upTo: b) - removed(s, upTo: a)
        case let .removedShare(s, a, b, c, d):
            return 100 * (removed(s, upTo: b) - removed(s, upTo: a)) / (removed(s, upTo: d) - removed(s, upTo: c))
        case let .sessionRemoval(s):
            guard let first = sessions.first else { return .nan }
            return removed(s, upTo: first.end) - removed(s, upTo: first.start)
        case let .firstHourShare(s):
            guard let first = sessions.first else { return .nan }
            return 100 * (removed(s, upTo: first.start + 1) - removed(s, upTo: first.start))
                / (removed(s, upTo: first.end) - removed(s, upTo: first.start))
        case let .minimum(s, to):
            return levels(s, from: 0, to: to, every: 5.0 / 60).min() ?? .nan
        case let .neutralStart(s, t):
            // Affine in the starting level: level(t) = a + b·start; the neutral start solves s = a + b·s.
            let s0 = level(s, at: 0), s1 = s0 + 0.1
            let y0 = level(s, at: t), y1 = starting(s, at: s1).level(s, at: t)
            let b = (y1 - y0) / (s1 - s0), a = y0 - b * s0
            return abs(1 - b) < 1e-12 ? .nan : a / (1 - b)
        case let .preSessionMean(s, a, b):
            let starts = sessions.map(\.start).filter { $0 >= a - 1e-9 && $0 <= b + 1e-9 }
            return starts.isEmpty ? .nan : starts.map { level(s, at: $0) }.reduce(0, +) / Double(starts.count)
        case let .balanceRate(s, t):
            return -(removed(s, upTo: t) - removed(s, upTo: t - 0.25)) / 0.25
        case let .meanRemovalRate(s):
            guard let first = sessions.first else { return .nan }
            return (removed(s, upTo: first.end) - removed(s, upTo: first.start)) / ((first.end - first.start) * 60)
        case let .initialClearance(s):
            return initialClearance(s) * 1000 / 60
        case let .renalShareOfDose(s, a, b):
            return 100 * (renal(s, upTo: b) - renal(s, upTo: a)) / (givenIV(s, upTo: b) - givenIV(s, upTo: a))
        case let .apparentVolume(s, t):
            return (givenIV(s, upTo: t) - renal(s, upTo: t)) / (level(s, at: t) - level(s, at: 0)) / weight
        case let .divided(r, count):
            return value(of: r) / count
        }
    }

    /// IV amount of `s` given from 0 to t (mmol; an infusion counts pro rata, a bolus counts after its time,
    /// as ``level(_:at:)`` at 0 h is the level before a bolus given at 0 h).
    public func givenIV(_ s: Solute, upTo t: Double) -> Double {
        doses.filter { $0.route == .intravenous }.reduce(0) { sum, dose in
            let amount = dose.amounts[s] ?? 0
            guard dose.duration > 0 else { return sum + (dose.time < t ? amount : 0) }
            return sum + amount * min(1, max(0, (t - dose.time) / dose.duration))
        }
    }

    /// Removal over the first 15 min of the first session ÷ its duration ÷ the level at its start (L/h).
    func initialClearance(_ s: Solute) -> Double {
        guard let first = sessions.first else { return .nan }
        let dt = 0.25
        return (removed(s, upTo: first.start + dt) - removed(s, upTo: first.start)) / dt / level(s, at: first.start)
    }
}

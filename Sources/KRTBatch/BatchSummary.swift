import KRTPlanner
import KRTUnits

/// The figures of one result a population study needs, with units in the field names.
///
/// Extending it: add an optional field (e.g. `probabilityInRange`, `alerts`) and fill it in
/// ``BatchSummary/init(_:)``; older lines without it still decode.
public struct BatchSummary: Codable, Sendable, Hashable {
    public struct SoluteFigures: Codable, Sendable, Hashable {
        /// `K`, `P` or `Mg`.
        public var solute: String
        /// Unit of every level below.
        public var unit: String
        public var initial: Double
        public var minimum: Double
        public var maximum: Double
        public var targetLow: Double
        public var targetHigh: Double
        public var hardLow: Double
        public var hardHigh: Double
        /// Share of the horizon inside the target range, in percent.
        public var timeInRangePercent: Double
        /// Area outside the target range below and above it, mmol/L·h.
        public var excursionBelowMmolHPerL: Double
        public var excursionAboveMmolHPerL: Double
    }

    /// A level that crossed a hard bound at some time of the horizon.
    public struct Crossing: Codable, Sendable, Hashable {
        public var solute: String
        /// `below` or `above`.
        public var side: String
        public var boundMmolPerL: Double
        /// The most extreme level (mmol/L) and when (h).
        public var extremeMmolPerL: Double
        public var atHours: Double
    }

    public var solutes: [SoluteFigures]
    /// Supplement totals over the horizon, mmol per solute symbol (K, P, Mg; 0 when none).
    public var supplementsMmol: [String: Double]
    public var hardBoundCrossings: [Crossing]
    /// Volume of every fluid stream over the horizon (dialysate, replacement, citrate), L.
    public var fluidVolumeL: Double
    /// Limit checks that failed (orders outside a catalog limit).
    public var limitChecksFailed: Int
    public var warnings: Int
    public var horizonHours: Double

    public init(_ result: PlanResult) {
        solutes = result.solutes.map { summary in
            SoluteFigures(solute: summary.solute.symbol, unit: "mmol/L", initial: Self.round(summary.initial),
                          minimum: Self.round(summary.minimum), maximum: Self.round(summary.maximum),
                          targetLow: Self.round(summary.targetLow), targetHigh: Self.round(summary.targetHigh),
                          hardLow: Self.round(summary.hardLow), hardHigh: Self.round(summary.hardHigh),
                          timeInRangePercent: Self.round(summary.timeInRange * 100, places: 2),
                          excursionBelowMmolHPerL: Self.round(summary.excursionBelow),
                          excursionAboveMmolHPerL: Self.round(summary.excursionAbove))
        }
        var supplements: [String: Double] = [:]
        for solute in Solute.planned { supplements[solute.symbol] = 0 }
        for order in result.orders {
            for amount in order.delivers where Solute.planned.contains(amount.solute) {
                supplements[amount.solute.symbol, default: 0] += amount.amount
            }
        }
        supplementsMmol = supplements.mapValues { Self.round($0, places: 3) }
        hardBoundCrossings = result.solutes.flatMap { summary -> [Crossing] in
            var crossings: [Crossing] = []
            if summary.minimum < summary.hardLow {
                crossings.append(Crossing(solute: summary.solute.symbol, side: "below", boundMmolPerL: Self.round(summary.hardLow),
                                          extremeMmolPerL: Self.round(summary.minimum), atHours: Self.round(summary.minimumAt)))
            }
            if summary.maximum > summary.hardHigh {
                crossings.append(Crossing(solute: summary.solute.symbol, side: "above", boundMmolPerL: Self.round(summary.hardHigh),
                                          extremeMmolPerL: Self.round(summary.maximum), atHours: Self.round(summary.maximumAt)))
            }
            return crossings
        }
        fluidVolumeL = Self.round(result.fluids.reduce(0) { $0 + $1.flow * max(0, $1.to - $1.from) }, places: 3)
        limitChecksFailed = result.verification.limitChecks.filter { !$0.passed }.count
        warnings = result.warnings.count
        horizonHours = result.horizon
    }

    /// Rounded to `places` decimals so that results are the same bytes on every platform.
    static func round(_ value: Double, places: Int = 4) -> Double {
        guard value.isFinite else { return 0 }
        let scale = pow10(places)
        return (value * scale).rounded() / scale
    }

    private static func pow10(_ places: Int) -> Double { (0..<places).reduce(1.0) { value, _ in value * 10 } }
}

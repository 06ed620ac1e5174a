import KRTUnits

/// The planner's objective weights, in "points" (lower is better), applied in this priority order:
///
/// 1. **Excursions** outside the target range: `excursion` points per target-width·hour, i.e. per
///    (mmol/L·h ÷ target width), so that 0.1 mmol/L outside a 0.3-wide Mg range costs as much as 0.33
///    mmol/L outside a 1.0-wide K range.
/// 2. **Supplement burden**: `order` points per order (a dose at one dose time) plus `amount` points per
///    mmol delivered of the drug's main solute.
/// 3. **Fluid changes**: `fluidChange` points per product change on a stream.
///
/// A small `middlePull` (points per target-width·hour of distance from the middle of the target
/// range, inside the range) keeps levels away from the edges when that costs nothing else.
/// `potassiumWasting` is a tie-breaking cost (points per mmol) on the Mg-driven renal K loss term so the
/// optimiser never inflates it (see docs/planner.md). Every weight can be overridden in the case.
public struct ObjectiveWeights: Sendable, Hashable, Codable {
    public var excursion: Double = 100
    public var middlePull: Double = 0.3
    public var order: Double = 3
    public var amount: Double = 0.1
    public var fluidChange: Double = 2
    public var potassiumWasting: Double = 0.01

    public init() {}

    /// Points per mmol/L·h outside the target range of `range`.
    public func excursionWeight(targetWidth: Double) -> Double { excursion / max(targetWidth, 1e-6) }

    /// Points per mmol/L·h of distance from the target middle.
    public func pullWeight(targetWidth: Double) -> Double { middlePull / max(targetWidth, 1e-6) }
}

/// Soft target ranges and hard safety bounds per planned solute (mmol/L).
public struct LevelLimits: Sendable, Hashable {
    public var targets: [Solute: ClosedRange<Double>]
    public var hardBounds: [Solute: ClosedRange<Double>]

    /// Defaults: targets K 4.0–5.0, phosphate 0.8–1.45, Mg 0.8–1.1 mmol/L; hard bounds K 3.0–6.0,
    /// phosphate 0.5–2.0, Mg 0.5–1.5 mmol/L (docs/planner.md gives the sources).
    public static let defaults = LevelLimits(
        targets: [.potassium: 4.0...5.0, .phosphate: 0.8...1.45, .magnesium: 0.8...1.1],
        hardBounds: [.potassium: 3.0...6.0, .phosphate: 0.5...2.0, .magnesium: 0.5...1.5]
    )

    public init(targets: [Solute: ClosedRange<Double>], hardBounds: [Solute: ClosedRange<Double>]) {
        self.targets = targets
        self.hardBounds = hardBounds
    }

    public func target(_ solute: Solute) -> ClosedRange<Double> {
        targets[solute] ?? Self.defaults.targets[solute] ?? 0...0
    }

    public func hard(_ solute: Solute) -> ClosedRange<Double> {
        hardBounds[solute] ?? Self.defaults.hardBounds[solute] ?? 0...0
    }
}

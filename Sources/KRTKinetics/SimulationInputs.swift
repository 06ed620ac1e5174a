import KRTUnits

/// Fluid compositions over time, per stream. A stream's composition holds from a segment's start
/// until the next segment's start; before its first segment a stream carries no solute.
public struct FluidSchedule: Sendable, Hashable {
    public struct Segment: Sendable, Hashable {
        /// Start in h.
        public var start: Double
        /// Concentrations in mmol/L (K, P, Mg; missing = 0).
        public var concentrations: [Solute: Double]

        public init(start: Double, concentrations: [Solute: Double]) {
            self.start = start
            self.concentrations = concentrations
        }
    }

    public var segments: [FluidStream: [Segment]]

    public init(segments: [FluidStream: [Segment]] = [:]) {
        self.segments = segments.mapValues { $0.sorted { $0.start < $1.start } }
    }

    /// The same composition on the given streams for the whole horizon.
    public static func constant(_ concentrations: [Solute: Double], on streams: [FluidStream]) -> FluidSchedule {
        FluidSchedule(segments: Dictionary(uniqueKeysWithValues: streams.map { ($0, [Segment(start: 0, concentrations: concentrations)]) }))
    }

    /// Concentration (mmol/L) of `solute` in `stream` at time `t`.
    public func concentration(_ stream: FluidStream, _ solute: Solute, at t: Double) -> Double {
        guard let list = segments[stream] else { return 0 }
        var value = 0.0
        for segment in list where segment.start <= t { value = segment.concentrations[solute] ?? 0 }
        return value
    }

    /// Every time at which a composition changes.
    public var changeTimes: [Double] { segments.values.flatMap { $0.map(\.start) } }
}

/// A supplement dose: amounts per solute given over `duration` hours from `time`.
///
/// Potassium phosphate is one dose with two amounts (K and P). Oral amounts are the absorbable
/// amounts (the caller applies bioavailability). A duration of 0 is a bolus (an impulse).
public struct Dose: Sendable, Hashable {
    public enum Route: String, Sendable, Hashable { case intravenous, oral }

    /// Start in h.
    public var time: Double
    public var route: Route
    /// Amount in mmol per solute.
    public var amounts: [Solute: Double]
    /// Duration in h (≥ 0).
    public var duration: Double

    public init(time: Double, route: Route, amounts: [Solute: Double], duration: Double) {
        self.time = time
        self.route = route
        self.amounts = amounts
        self.duration = duration
    }

    public var end: Double { time + Swift.max(0, duration) }

    /// The input channel of this dose for `solute`.
    public func channel(_ solute: Solute) -> InputChannel {
        route == .intravenous ? .intravenous(solute) : .oral(solute)
    }
}

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

    public var segments: [FluidStream: [Segment]] { didSet { lookup = Lookup(segments) } }
    /// The same segments as flat arrays, for ``concentration(_:_:at:)`` (asked for every stream and solute at every step).
    private var lookup: Lookup

    public init(segments: [FluidStream: [Segment]] = [:]) {
        let sorted = segments.mapValues { $0.sorted { $0.start < $1.start } }
        self.segments = sorted
        lookup = Lookup(sorted)
    }

    /// The same composition on the given streams for the whole horizon.
    public static func constant(_ concentrations: [Solute: Double], on streams: [FluidStream]) -> FluidSchedule {
        FluidSchedule(segments: Dictionary(uniqueKeysWithValues: streams.map { ($0, [Segment(start: 0, concentrations: concentrations)]) }))
    }

    /// Concentration (mmol/L) of `solute` in `stream` at time `t`.
    public func concentration(_ stream: FluidStream, _ solute: Solute, at t: Double) -> Double {
        guard let column = Lookup.solutes.firstIndex(of: solute) else { return 0 }
        let row = Lookup.row(stream)
        var value = 0.0
        for (index, start) in lookup.starts[row].enumerated() where start <= t { value = lookup.values[row][index][column] }
        return value
    }

    /// Per stream (``row(_:)``) and segment, in `segments`' order: the start and the concentration of every
    /// solute (``solutes`` order; missing = 0).
    private struct Lookup: Sendable, Hashable {
        static let solutes = Solute.allCases
        var starts: [[Double]] = Array(repeating: [], count: FluidStream.allCases.count)
        var values: [[[Double]]] = Array(repeating: [], count: FluidStream.allCases.count)

        init(_ segments: [FluidStream: [Segment]]) {
            for (stream, list) in segments {
                starts[Self.row(stream)] = list.map(\.start)
                values[Self.row(stream)] = list.map { segment in Self.solutes.map { segment.concentrations[$0] ?? 0 } }
            }
        }

        static func row(_ stream: FluidStream) -> Int {
            switch stream {
            case .dialysate: 0
            case .preReplacement: 1
            case .postReplacement: 2
            case .citrate: 3
            }
        }
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

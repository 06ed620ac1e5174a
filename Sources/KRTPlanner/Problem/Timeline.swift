/// The time grid the plan model and the simulator share (hours from the start of the plan).
///
/// It is the union of the report steps and every event where an input changes: dose start and end
/// times, fluid-change times, PIRRT session boundaries and the Mg → K coupling instants. Between two
/// neighbouring grid points every input is constant, so the kinetic step map over each interval is
/// exact, and the LP has one state block per interval.
public struct Timeline: Sendable, Hashable {
    /// Strictly increasing grid times (h), from 0 to the horizon inclusive.
    public let points: [Double]
    /// Indices into `points` of the report times (every `step`).
    public let reportIndices: [Int]

    /// Points closer than this (h) are merged (36 ms): event times are given to the second at best.
    public static let resolution = 1e-5

    public init(horizon: Double, step: Double, events: [Double]) {
        var times: [Double] = []
        let stepCount = Int((horizon / step).rounded())
        for k in 0...stepCount { times.append(min(Double(k) * step, horizon)) }
        for event in events where event > 0 && event < horizon { times.append(event) }
        times.sort()
        var merged: [Double] = []
        for time in times where merged.last.map({ time - $0 > Self.resolution }) ?? true {
            merged.append(time)
        }
        if let last = merged.last, abs(last - horizon) <= Self.resolution { merged[merged.count - 1] = horizon }
        points = merged
        reportIndices = (0...stepCount).map { k in
            Self.nearestIndex(of: min(Double(k) * step, horizon), in: merged)
        }
    }

    /// Number of intervals (state blocks).
    public var intervalCount: Int { points.count - 1 }

    /// Length (h) of interval `i` = points[i+1] − points[i].
    public func duration(of interval: Int) -> Double { points[interval + 1] - points[interval] }

    /// The grid index of a time that is on the grid (within `resolution`).
    public func index(of time: Double) -> Int? {
        let index = Self.nearestIndex(of: time, in: points)
        return abs(points[index] - time) <= Self.resolution ? index : nil
    }

    /// Intervals covered by `[start, end)` (both on the grid).
    public func intervals(from start: Double, to end: Double) -> Range<Int> {
        guard let first = index(of: start), let last = index(of: min(end, points[points.count - 1])) else { return 0..<0 }
        return first..<max(first, last)
    }

    static func nearestIndex(of time: Double, in sorted: [Double]) -> Int {
        var low = 0, high = sorted.count - 1
        while low < high {
            let mid = (low + high) / 2
            if sorted[mid] < time { low = mid + 1 } else { high = mid }
        }
        if low > 0, abs(sorted[low - 1] - time) < abs(sorted[low] - time) { return low - 1 }
        return low
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Wall-clock and process CPU seconds of one measured piece of work. CPU time counts every thread of
/// the process, so on a shared machine it is the steadier number; wall time is what a user waits.
struct Sample: Sendable {
    var wall: Double
    var cpu: Double

    static let zero = Sample(wall: 0, cpu: 0)

    static func + (a: Sample, b: Sample) -> Sample { Sample(wall: a.wall + b.wall, cpu: a.cpu + b.cpu) }
}

enum Clock {
    static func seconds(_ clock: clockid_t) -> Double {
        var time = timespec()
        clock_gettime(clock, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    static func wall() -> Double { seconds(CLOCK_MONOTONIC) }
    static func cpu() -> Double { seconds(CLOCK_PROCESS_CPUTIME_ID) }

    /// Runs `body` once and returns its result with the time it took.
    static func measure<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> (T, Sample) {
        let wall0 = wall(), cpu0 = cpu()
        let result = try body()
        return (result, Sample(wall: wall() - wall0, cpu: cpu() - cpu0))
    }

    /// Runs `body` at least `minRuns` and at most `maxRuns` times, stopping early once `budget` wall
    /// seconds have been spent (so a slow planner still finishes and a fast one gets many runs).
    static func repeated<T, E: Error>(minRuns: Int, maxRuns: Int, budget: Double,
                                      _ body: (Int) throws(E) -> T) throws(E) -> [T] {
        var results: [T] = []
        let start = wall()
        for run in 0..<max(minRuns, maxRuns) {
            if run >= minRuns, wall() - start >= budget { break }
            results.append(try body(run))
        }
        return results
    }
}

/// Median, nearest-rank 95th percentile, min, max and mean of a series.
struct Summary: Sendable {
    var count: Int
    var median: Double
    var p95: Double
    var min: Double
    var max: Double
    var mean: Double

    init(_ values: [Double]) {
        let sorted = values.sorted()
        count = sorted.count
        guard let first = sorted.first, let last = sorted.last else {
            median = .nan; p95 = .nan; min = .nan; max = .nan; mean = .nan
            return
        }
        let middle = sorted.count / 2
        median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        let rank = Int((0.95 * Double(sorted.count)).rounded(.up))
        p95 = sorted[Swift.max(0, Swift.min(sorted.count - 1, rank - 1))]
        min = first
        max = last
        mean = sorted.reduce(0, +) / Double(sorted.count)
    }

    var json: [String: Any] { ["n": count, "median": median, "p95": p95, "min": min, "max": max, "mean": mean] }

    /// Wall and CPU summaries of a series of samples.
    static func of(_ samples: [Sample]) -> [String: Any] {
        ["wall": Summary(samples.map(\.wall)).json, "cpu": Summary(samples.map(\.cpu)).json]
    }
}

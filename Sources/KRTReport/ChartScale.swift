/// A linear map from data to pixels, with "nice" tick values.
struct ChartScale {
    var domain: (Double, Double)
    var range: (Double, Double)

    func callAsFunction(_ value: Double) -> Double {
        let span = domain.1 - domain.0
        guard span != 0 else { return range.0 }
        return range.0 + (value - domain.0) / span * (range.1 - range.0)
    }

    /// 1, 2, 2.5 or 5 × 10ⁿ closest above `rough`.
    static func niceStep(_ rough: Double) -> Double {
        guard rough > 0, rough.isFinite else { return 1 }
        var power = 1.0
        while power * 10 <= rough { power *= 10 }
        while power > rough { power /= 10 }
        for factor in [1.0, 2, 2.5, 5, 10] where factor * power >= rough { return factor * power }
        return 10 * power
    }

    /// About `count` ticks at nice steps inside the domain.
    func ticks(count: Int) -> [Double] {
        let step = Self.niceStep((domain.1 - domain.0) / Double(max(count, 1)))
        let first = (domain.0 / step).rounded(.up)
        let last = (domain.1 / step + 1e-9).rounded(.down)
        guard first <= last else { return [] }
        return stride(from: first, through: last, by: 1).map { $0 * step }
    }

    /// Ticks at the smallest step from `candidates` that gives at most `maximumCount` ticks.
    func ticks(candidates: [Double], maximumCount: Int) -> [Double] {
        let span = domain.1 - domain.0
        let step = candidates.first { span / $0 + 1 <= Double(maximumCount) } ?? Self.niceStep(span / Double(maximumCount))
        return stride(from: 0.0, through: domain.1 + 1e-9, by: step).filter { $0 >= domain.0 }
    }
}

import KRTKinetics
import KRTUnits

/// Prediction bands and probabilities from an ``Ensemble`` (docs/uncertainty.md): what a `plan`,
/// `simulate`, `compare` or `fit` output shows under `uncertainty`. Units in every key.
public struct UncertaintyBands: Sendable, Hashable, Codable {
    enum CodingKeys: String, CodingKey {
        case source, seed, draws, nonFiniteDraws, series, solutes, parameters, notes, method
        case percentiles = "percentiles_percent"
        case times = "times_h"
    }

    /// The percentiles reported (%): the 50 % (25–75), 80 % (10–90), 90 % (5–95) and 95 % (2.5–97.5) bands.
    public static let percentileSet: [Double] = [2.5, 5, 10, 25, 50, 75, 90, 95, 97.5]

    /// `population prior` or `posterior of the per-patient fit`.
    public var source: ParameterDistribution.Source
    public var seed: UInt64
    public var draws: Int
    public var nonFiniteDraws: Int
    public var percentiles: [Double]
    public var times: [Double]
    /// One per solute and percentile.
    public var series: [BandSeries]
    public var solutes: [SoluteProbabilities]
    /// What was drawn: each parameter's centre and the SD of η.
    public var parameters: [DrawnParameter]
    public var method: String
    public var notes: [String]

    /// The band of `solute` between two percentiles (nil when not reported).
    public func band(_ solute: Solute, from low: Double, to high: Double) -> (low: [Double], high: [Double])? {
        guard let a = series.first(where: { $0.solute == solute && $0.percentile == low }),
              let b = series.first(where: { $0.solute == solute && $0.percentile == high }) else { return nil }
        return (a.values, b.values)
    }

    public func values(_ solute: Solute, percentile: Double) -> [Double]? {
        series.first { $0.solute == solute && $0.percentile == percentile }?.values
    }
}

public struct BandSeries: Sendable, Hashable, Codable {
    enum CodingKeys: String, CodingKey {
        case solute
        case percentile = "percentile_percent"
        case values = "values_mmol_per_L"
    }

    public var solute: Solute
    public var percentile: Double
    /// mmol/L at ``UncertaintyBands/times``.
    public var values: [Double]
}

public struct SoluteProbabilities: Sendable, Hashable, Codable {
    enum CodingKeys: String, CodingKey {
        case solute, atDraws
        case withinHardBounds = "withinHardBounds_probability"
        case hardLow = "hardLow_mmol_per_L"
        case hardHigh = "hardHigh_mmol_per_L"
        case targetLow = "targetLow_mmol_per_L"
        case targetHigh = "targetHigh_mmol_per_L"
    }

    public var solute: Solute
    /// Fraction of draws within the hard bounds at every checked time over the horizon (0–1).
    public var withinHardBounds: Double
    public var hardLow: Double
    public var hardHigh: Double
    public var targetLow: Double
    public var targetHigh: Double
    /// At each recommended lab draw.
    public var atDraws: [DrawTimeBand]
}

public struct DrawTimeBand: Sendable, Hashable, Codable {
    enum CodingKeys: String, CodingKey {
        case at = "at_h"
        case inTarget = "inTarget_probability"
        case p5 = "p5_mmol_per_L"
        case p50 = "p50_mmol_per_L"
        case p95 = "p95_mmol_per_L"
        case p2_5 = "p2_5_mmol_per_L"
        case p97_5 = "p97_5_mmol_per_L"
    }

    public var at: Double
    /// Fraction of draws within the target range at this time (0–1).
    public var inTarget: Double
    public var p2_5: Double
    public var p5: Double
    public var p50: Double
    public var p95: Double
    public var p97_5: Double
}

public struct DrawnParameter: Sendable, Hashable, Codable {
    enum CodingKeys: String, CodingKey {
        case name, unit, centre, space
        case etaStandardDeviation = "etaStandardDeviation_transformed"
    }

    public var name: String
    public var unit: String
    /// The centre value (prior median or MAP estimate), in `unit`.
    public var centre: Double
    /// `log` or `logit`: the space in which it is normal.
    public var space: String
    /// SD of η in that space (0: not varied).
    public var etaStandardDeviation: Double
}

/// Ranges one solute is judged against (mmol/L).
public struct BandLimits: Sendable, Hashable {
    public var solute: Solute
    public var targetLow: Double, targetHigh: Double
    public var hardLow: Double, hardHigh: Double
    /// Starting level; a start outside a hard bound only has to get no worse until `correctionWindow` (h),
    /// as in the planner (docs/planner.md).
    public var initial: Double
    public var correctionWindow: Double

    /// The ranges a plan's solute summary states.
    public init(_ summary: SoluteSummary, correctionWindow: Double) {
        self.init(solute: summary.solute, targetLow: summary.targetLow, targetHigh: summary.targetHigh, hardLow: summary.hardLow,
                  hardHigh: summary.hardHigh, initial: summary.initial, correctionWindow: correctionWindow)
    }

    public init(solute: Solute, targetLow: Double, targetHigh: Double, hardLow: Double, hardHigh: Double, initial: Double,
                correctionWindow: Double) {
        self.solute = solute
        self.targetLow = targetLow
        self.targetHigh = targetHigh
        self.hardLow = hardLow
        self.hardHigh = hardHigh
        self.initial = initial
        self.correctionWindow = correctionWindow
    }

    /// The hard range in force at time t (h): relaxed to the starting level inside the correction window.
    public func hardRange(at t: Double) -> (low: Double, high: Double) {
        guard t <= correctionWindow + 1e-9 else { return (hardLow, hardHigh) }
        return (Swift.min(hardLow, initial), Swift.max(hardHigh, initial))
    }
}

extension UncertaintyBands {
    /// Summarises an ensemble: percentiles at `reportTimes`, the hard-bound probability over every
    /// ensemble time in (0, horizon] (the 15-min grid, docs/uncertainty.md), and the in-target probability
    /// and band at each of `drawTimes`. Every time must be one of the ensemble's times.
    public init(ensemble: Ensemble, distribution: ParameterDistribution, settings: UncertaintySettings,
                reportTimes: [Double], drawTimes: [Double], limits: [BandLimits], checkFrom: Double = 0) {
        let index = Dictionary(ensemble.times.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { a, _ in a })
        let reportIndices = reportTimes.compactMap { index[$0] }
        source = distribution.source
        seed = settings.seed
        draws = ensemble.drawCount
        nonFiniteDraws = ensemble.nonFiniteDraws
        percentiles = Self.percentileSet
        times = reportIndices.map { ensemble.times[$0] }
        var series: [BandSeries] = []
        var solutes: [SoluteProbabilities] = []
        for (s, solute) in Solute.planned.enumerated() {
            // Sort each time's draws once; every percentile reads the same sorted sample.
            let sorted = reportIndices.map { t in ensemble.values[s].map { $0[t] }.filter(\.isFinite).sorted() }
            for p in Self.percentileSet {
                series.append(BandSeries(solute: solute, percentile: p, values: sorted.map { Ensemble.percentile(p, of: $0) }))
            }
            guard let limit = limits.first(where: { $0.solute == solute }) else { continue }
            let checked = ensemble.times.indices.filter { ensemble.times[$0] > checkFrom }
            let within = ensemble.probabilityWithin(solute: s, times: checked, low: { limit.hardRange(at: ensemble.times[$0]).low },
                                                    high: { limit.hardRange(at: ensemble.times[$0]).high })
            let atDraws = drawTimes.compactMap { time -> DrawTimeBand? in
                guard let t = index[time] else { return nil }
                let sample = ensemble.values[s].map { $0[t] }.filter(\.isFinite).sorted()
                let inTarget = ensemble.probabilityWithin(solute: s, times: [t], low: { _ in limit.targetLow }, high: { _ in limit.targetHigh })
                return DrawTimeBand(at: time, inTarget: inTarget, p2_5: Ensemble.percentile(2.5, of: sample), p5: Ensemble.percentile(5, of: sample),
                                    p50: Ensemble.percentile(50, of: sample), p95: Ensemble.percentile(95, of: sample),
                                    p97_5: Ensemble.percentile(97.5, of: sample))
            }
            solutes.append(SoluteProbabilities(solute: solute, withinHardBounds: within, hardLow: limit.hardLow, hardHigh: limit.hardHigh,
                                               targetLow: limit.targetLow, targetHigh: limit.targetHigh, atDraws: atDraws))
        }
        self.series = series
        self.solutes = solutes
        parameters = distribution.parameters.indices.map { i in
            let row = distribution.factor[i]
            let sd = row.reduce(0) { $0 + $1 * $1 }.squareRoot()
            return DrawnParameter(name: distribution.parameters[i].name, unit: distribution.parameters[i].unit,
                                  centre: distribution.centre[i], space: distribution.parameters[i].transform.rawValue, etaStandardDeviation: sd)
        }
        method = "\(ensemble.drawCount) seeded draws (xoshiro256** + Box–Muller) of the \(distribution.source.rawValue), "
            + "each simulated exactly; percentiles by linear interpolation (type 7); docs/uncertainty.md"
        notes = distribution.notes
    }
}

/// The probabilities of one `compare` variant (its bands stay out of the comparison table). Every variant
/// uses the same seed, so the variants are judged on the same drawn patients (common random numbers).
public struct VariantUncertainty: Sendable, Hashable, Codable {
    public var source: ParameterDistribution.Source
    public var seed: UInt64
    public var draws: Int
    public var solutes: [SoluteProbabilities]

    public init(_ bands: UncertaintyBands) {
        source = bands.source
        seed = bands.seed
        draws = bands.draws
        solutes = bands.solutes
    }
}

extension VariantOutcome {
    /// The variant's probabilities for `solute` (nil without `--bands` or when the variant failed).
    public func probabilities(_ solute: Solute) -> SoluteProbabilities? { uncertainty?.solutes.first { $0.solute == solute } }
}

extension SoluteProbabilities {
    /// The lowest P(in target) over the recommended draws (nil without draws).
    public var lowestInTarget: Double? { atDraws.map(\.inTarget).min() }
}

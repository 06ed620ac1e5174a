import KRTUnits

/// What a robust plan promises and how well it keeps the promise (docs/uncertainty.md "Robust planning"):
/// the planning scenarios that hold, the out-of-sample probability on fresh draws beside the nominal
/// plan's, the price of robustness, the margins used, and the scenarios that still fail. Units in keys.
public struct RobustSummary: Sendable, Hashable, Codable {
    enum CodingKeys: String, CodingKey {
        case method, objective, source, scenarios, requiredScenarios, scenariosHolding, seed, outOfSampleSeed, outOfSampleDraws
        case promiseKept, rounds, stopReason, outOfSample, price, margins, failingScenarios, failingScenarioCount, notes
        case confidence = "confidence_fraction"
        case fractionHolding = "fractionHolding_fraction"
    }

    public var method: String
    /// `nominal` (the only mode back-off supports).
    public var objective: RobustSettings.Objective
    public var source: ParameterDistribution.Source
    /// Requested fraction of planning scenarios that must hold, in (0, 1).
    public var confidence: Double
    /// N, the first being the nominal patient.
    public var scenarios: Int
    /// ⌈confidence · N⌉.
    public var requiredScenarios: Int
    public var scenariosHolding: Int
    /// scenariosHolding / N.
    public var fractionHolding: Double
    public var seed: UInt64
    public var outOfSampleSeed: UInt64
    public var outOfSampleDraws: Int
    /// True when at least ``requiredScenarios`` planning scenarios hold (the claim checked exactly).
    public var promiseKept: Bool
    /// Plans made (1 = the nominal plan only).
    public var rounds: Int
    public var stopReason: String
    public var outOfSample: OutOfSample
    public var price: RobustnessPrice
    public var margins: [RobustMargin]
    /// The worst crossing of each failing planning scenario (at most ``listedFailures``).
    public var failingScenarios: [ScenarioFailure]
    public var failingScenarioCount: Int
    public var notes: [String]

    public static let listedFailures = 50
}

/// P(every hard bound holds over the horizon) on fresh draws for the robust and the nominal plan (the
/// same draws for both: common random numbers).
public struct OutOfSample: Sendable, Hashable, Codable {
    enum CodingKeys: String, CodingKey {
        case draws, seed, perSolute
        case robust = "robust_probability"
        case nominal = "nominal_probability"
    }

    public var draws: Int
    public var seed: UInt64
    /// All solutes jointly.
    public var robust: Double
    public var nominal: Double
    public var perSolute: [SoluteOutOfSample]
}

public struct SoluteOutOfSample: Sendable, Hashable, Codable {
    enum CodingKeys: String, CodingKey {
        case solute
        case robust = "robust_probability"
        case nominal = "nominal_probability"
    }

    public var solute: Solute
    public var robust: Double
    public var nominal: Double
}

/// What robustness costs against the nominal plan: objective, orders and mmol per drug.
public struct RobustnessPrice: Sendable, Hashable, Codable {
    enum CodingKeys: String, CodingKey {
        case ordersRobust, ordersNominal, extraOrders, fluidsDiffer, drugs
        case objectiveRobust = "objectiveRobust_points"
        case objectiveNominal = "objectiveNominal_points"
        case extraObjective = "extraObjective_points"
    }

    /// Both objectives are the nominal patient's (same weights); nil for a plan without a solver.
    public var objectiveRobust: Double?
    public var objectiveNominal: Double?
    public var extraObjective: Double?
    public var ordersRobust: Int
    public var ordersNominal: Int
    public var extraOrders: Int
    /// True when any stream's fluid differs from the nominal plan's.
    public var fluidsDiffer: Bool
    public var drugs: [DrugPrice]
}

public struct DrugPrice: Sendable, Hashable, Codable {
    enum CodingKeys: String, CodingKey {
        case drug, solute
        case robust = "robust_mmol"
        case nominal = "nominal_mmol"
        case extra = "extra_mmol"
    }

    public var drug: String
    public var solute: Solute
    public var robust: Double
    public var nominal: Double
    public var extra: Double
}

/// The largest margin used for one solute (mmol/L inside each hard bound).
public struct RobustMargin: Sendable, Hashable, Codable {
    enum CodingKeys: String, CodingKey {
        case solute
        case low = "largestLow_mmol_per_L"
        case high = "largestHigh_mmol_per_L"
    }

    public var solute: Solute
    public var low: Double
    public var high: Double
}

/// A planning scenario the chosen plan does not keep within the hard bounds: its worst crossing.
public struct ScenarioFailure: Sendable, Hashable, Codable {
    enum CodingKeys: String, CodingKey {
        case scenario, solute, side
        case at = "at_h"
        case level = "level_mmol_per_L"
        case bound = "bound_mmol_per_L"
        case excess = "excess_mmol_per_L"
    }

    /// Index (0 = the nominal patient).
    public var scenario: Int
    public var solute: Solute
    /// `above` or `below`.
    public var side: String
    public var at: Double
    public var level: Double
    public var bound: Double
    public var excess: Double
}

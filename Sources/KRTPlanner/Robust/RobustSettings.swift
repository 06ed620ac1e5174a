import KRTUnits

/// What `plan --robust` (or the case's `solver.robust`) asks for: N planning scenarios, the fraction
/// of them in which the hard bounds must hold, and the objective (docs/uncertainty.md "Robust planning").
public struct RobustSettings: Sendable, Hashable {
    /// The objective the robust plan minimises.
    public enum Objective: String, Sendable, Hashable, Codable, CaseIterable {
        /// The nominal patient's objective (excursions, doses, fluid changes) under the backed-off hard
        /// bounds: the only mode scenario-generated back-off supports honestly (docs/uncertainty.md).
        case nominal
        /// Mean objective over the scenarios: not supported by back-off (refused with a clear message).
        case expected
        /// Worst scenario's objective: not supported by back-off (refused with a clear message).
        case worst

        /// The modes this method implements.
        public static let supported: [Objective] = [.nominal]
    }

    public static let defaultScenarios = 30
    public static let defaultConfidence = 0.9
    public static let scenarioRange = 1...1000
    /// Fresh draws for the out-of-sample check (≥ 2,000, issue 17).
    public static let defaultOutOfSampleDraws = 2000
    /// Largest accepted CV override (300 %).
    public static let maximumCV = 3.0

    /// N: planning scenarios, the first of which is the nominal patient (centre parameters).
    public var scenarios: Int
    /// Required fraction of the planning scenarios in which every hard bound holds, in (0, 1).
    public var confidence: Double
    public var objective: Objective
    /// Seed of the planning scenarios (the case's `solver.seed`, else 1); the out-of-sample draws use
    /// a stream derived from it (``outOfSampleSeed``).
    public var seed: UInt64
    public var outOfSampleDraws: Int
    /// Re-plans at most (work limit: the loop never depends on wall-clock time).
    public var maxRounds: Int = 8
    /// Threads for the scenario simulations (results never depend on it).
    public var threads: Int
    /// CV overrides (fraction) by parameter name for the population prior (`solver.robust.cv`).
    public var cvOverrides: [String: Double]

    public init(scenarios: Int = defaultScenarios, confidence: Double = defaultConfidence, objective: Objective = .nominal,
                seed: UInt64 = UncertaintySettings.defaultSeed, outOfSampleDraws: Int = defaultOutOfSampleDraws, threads: Int = 1,
                cvOverrides: [String: Double] = [:]) {
        self.scenarios = scenarios
        self.confidence = confidence
        self.objective = objective
        self.seed = seed
        self.outOfSampleDraws = outOfSampleDraws
        self.threads = threads
        self.cvOverrides = cvOverrides
    }

    /// Scenarios that must hold: ⌈confidence · N⌉ (at least 1).
    public var requiredScenarios: Int {
        max(1, min(scenarios, Int((confidence * Double(scenarios) - 1e-9).rounded(.up))))
    }

    /// The seed of the out-of-sample draws: the planning seed passed through SplitMix64 with a fixed
    /// label, so the two streams never share a draw, and kept below 2⁵³ (JSON-exact).
    public var outOfSampleSeed: UInt64 {
        var mix = SplitMix64(state: seed ^ 0x0075_7453_616D_706C)  // "utSampl"
        return mix.next() & UncertaintySettings.maximumSeed
    }
}

/// The case's `solver.robust` block as read (all optional; the CLI's options win).
public struct RobustCaseSettings: Sendable, Hashable {
    public var scenarios: Int?
    public var confidence: Double?
    public var objective: RobustSettings.Objective?
    /// CV (fraction) by parameter name.
    public var cv: [String: Double] = [:]

    public init() {}
}

extension RobustSettings {
    /// The settings for a case: the CLI's values win over the case's `solver.robust`, then the defaults;
    /// the seed is the case's `solver.seed` (else 1). Nil when neither asks for robust planning.
    public static func resolve(_ file: CaseFile, requested: Bool, scenarios: Int? = nil, confidence: Double? = nil,
                               objective: Objective? = nil, threads: Int) -> RobustSettings? {
        let fromCase = file.solver.robust
        guard requested || fromCase != nil else { return nil }
        return RobustSettings(scenarios: scenarios ?? fromCase?.scenarios ?? defaultScenarios,
                              confidence: confidence ?? fromCase?.confidence ?? defaultConfidence,
                              objective: objective ?? fromCase?.objective ?? .nominal,
                              seed: file.solver.seed ?? UncertaintySettings.defaultSeed, threads: max(1, threads),
                              cvOverrides: fromCase?.cv ?? [:])
    }
}

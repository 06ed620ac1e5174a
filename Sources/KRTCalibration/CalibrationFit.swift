import KRTEstimation
import KRTKinetics

/// One population parameter the calibration estimates: which model parameter, its prior and its bounds.
public struct CalibratedParameter: Sendable, Hashable {
    public var name: ParameterName
    /// Prior CV around the model's current default (the prior median).
    public var cv: Double
    public var transform: EstimatedParameter.Transform
    public var lower: Double
    public var upper: Double

    public init(_ name: ParameterName, cv: Double, transform: EstimatedParameter.Transform = .log, lower: Double, upper: Double) {
        self.name = name
        self.cv = cv
        self.transform = transform
        self.lower = lower
        self.upper = upper
    }

    public var estimated: EstimatedParameter {
        EstimatedParameter(name: name.snakeCaseName, unit: name.info.unit, median: name.info.value, cv: cv,
                           transform: transform, lower: lower, upper: upper)
    }
}

/// The population calibration (docs/validation.md, "The fit"): weighted least squares of ``parameters`` on
/// the calibration half only, with the same engine as the per-patient fit (``Estimator``, docs/fitting.md §5).
public enum CalibrationFit {
    /// **The one list of fitted parameters.** Each has a weak log-normal (logit-normal for the sieving
    /// fraction) prior around today's default — prior CV an ASSUMPTION (0.5: a factor of ≈ 2.6 at 95 %) —
    /// so a parameter the figures cannot inform stays at its literature value and is flagged "not informed".
    /// Bounds: the case-format ranges (docs/case-format.md), narrowed to a factor of 20 around the default.
    public static let parameters: [CalibratedParameter] = [
        CalibratedParameter(.potassiumPoolVolume, cv: 0.5, lower: 0.1, upper: 10),
        CalibratedParameter(.potassiumExchangeClearance, cv: 0.5, lower: 0.5, upper: 100),
        CalibratedParameter(.phosphatePoolVolume, cv: 0.5, lower: 0.1, upper: 10),
        CalibratedParameter(.phosphateMobilisationClearance, cv: 0.5, lower: 0.6, upper: 100),
        CalibratedParameter(.magnesiumPoolVolume, cv: 0.5, lower: 0.05, upper: 10),
        CalibratedParameter(.magnesiumExchangeClearance, cv: 0.5, lower: 0.3, upper: 100),
        CalibratedParameter(.sievingMagnesium, cv: 0.1, transform: .logit, lower: 0.3, upper: 0.99),
        // Per-solute membrane transport and the intradialytic K shift (docs/model.md §3, §5b): the HD removal
        // and clearance figures decide how much of the per-session removal is membrane, how much supply.
        CalibratedParameter(.koaRatioPotassium, cv: 0.5, lower: 0.2, upper: 1.5),
        CalibratedParameter(.koaRatioPhosphate, cv: 0.5, lower: 0.05, upper: 1.5),
        CalibratedParameter(.koaRatioMagnesium, cv: 0.5, lower: 0.05, upper: 1.5),
        CalibratedParameter(.potassiumSessionShift, cv: 1.0, lower: 0.001, upper: 0.5),
        // Shift-driver effect sizes move with the K exchange clearance (the serum fall is ≈ r/k_K, §5a).
        CalibratedParameter(.shiftInsulinAmount, cv: 0.5, lower: 5, upper: 500),
        CalibratedParameter(.shiftSalbutamolAmount, cv: 0.5, lower: 5, upper: 500),
        CalibratedParameter(.shiftBicarbonateAmount, cv: 0.5, lower: 5, upper: 500),
        CalibratedParameter(.shiftBicarbonateOnset, cv: 0.5, lower: 0.05, upper: 10),
    ]

    /// The estimation problem: one residual block per calibration-half figure that is simulated and has
    /// a two-sided acceptance interval; observed = the published (or target) value, σ = half the interval.
    public static func problem(_ harness: Harness, parameters: [CalibratedParameter] = parameters) -> EstimationProblem {
        let names = parameters.map(\.name)
        let blocks = harness.prepared.compactMap { p -> ResidualBlock? in
            guard p.figure.half == .calibration, let a = p.acceptance, let sigma = a.sigma, let centre = a.centre else { return nil }
            return ResidualBlock(name: p.figure.id, observed: [centre], standardDeviations: [sigma]) { theta in
                let overrides = Dictionary(uniqueKeysWithValues: zip(names, theta))
                let value = p.value { ModelPrediction(problem: $0, parameters: overrides) }
                return value.isFinite ? [value] : nil
            }
        }
        return EstimationProblem(parameters: parameters.map(\.estimated), blocks: blocks)
    }

    /// Runs the fit (deterministic: fixed starts, work limits only). By default every one of the estimator's
    /// 6 deterministic starts is run and the best kept (docs/fitting.md §5: a calibration is more multimodal).
    public static func run(_ harness: Harness, parameters: [CalibratedParameter] = parameters, maxStarts: Int = 6) -> (result: EstimationResult, overrides: [ParameterName: Double]) {
        var options = Estimator.Options()
        options.maxStarts = maxStarts
        options.runAllStarts = maxStarts > 1
        let result = Estimator(options: options).estimate(problem(harness, parameters: parameters))
        let overrides = Dictionary(uniqueKeysWithValues: zip(parameters.map(\.name), result.values))
        return (result, overrides)
    }
}

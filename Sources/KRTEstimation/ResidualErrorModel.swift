/// Combined additive + proportional residual error of one kind of observation (e.g. serum K):
///
///     SD(y) = √(additive² + (proportional · y)²)
///
/// evaluated at the **observed** value y (fixed weights), so the objective stays a weighted sum of
/// squares (docs/fitting.md explains the choice). Units: `additive` in the observation's unit,
/// `proportional` a fraction.
public struct ResidualErrorModel: Sendable, Hashable {
    public var additive: Double
    public var proportional: Double

    public init(additive: Double, proportional: Double) {
        self.additive = additive
        self.proportional = proportional
    }

    /// The residual SD for an observed value (never below 1e-12).
    public func standardDeviation(observed y: Double) -> Double {
        Swift.max(1e-12, (additive * additive + proportional * proportional * y * y).squareRoot())
    }
}

/// A block of observations predicted together by one model run: a patient's labs (MAP fit) or one
/// published scenario (population calibration).
public struct ResidualBlock: Sendable {
    /// Label for reports (e.g. "patient", or a figure id).
    public var name: String
    /// Observed values.
    public var observed: [Double]
    /// One residual SD per observation (see ``ResidualErrorModel``); weight = 1/SD².
    public var standardDeviations: [Double]
    /// θ (natural units, in the problem's parameter order) → one prediction per observation.
    /// Returns nil when the model cannot be evaluated at θ (the step is then rejected).
    public var predict: @Sendable ([Double]) -> [Double]?

    public init(name: String, observed: [Double], standardDeviations: [Double],
                predict: @escaping @Sendable ([Double]) -> [Double]?) {
        self.name = name
        self.observed = observed
        self.standardDeviations = standardDeviations
        self.predict = predict
    }

    /// Convenience: SDs from one error model per observation.
    public init(name: String, observed: [Double], errorModels: [ResidualErrorModel],
                predict: @escaping @Sendable ([Double]) -> [Double]?) {
        self.init(name: name, observed: observed,
                  standardDeviations: zip(observed, errorModels).map { $1.standardDeviation(observed: $0) }, predict: predict)
    }
}

import KRTKinetics
import KRTUnits

extension PlanResult {
    /// Grid (h) on which the hard bounds are checked for the probability: every 15 min, plus every
    /// report and lab-draw time.
    public static let bandCheckStep = 0.25

    /// The check grid (h, ascending): the report times, the lab-draw times within the horizon, every
    /// ``bandCheckStep`` and the horizon itself.
    static func bandCheckGrid(reportTimes: [Double], drawTimes: [Double], horizon: Double) -> [Double] {
        var grid = Set(reportTimes + drawTimes.filter { $0 >= 0 && $0 <= horizon })
        var k = 1.0
        while k * bandCheckStep < horizon { grid.insert(k * bandCheckStep); k += 1 }
        grid.insert(horizon)
        return grid.sorted()
    }

    /// This result with its ``uncertainty`` filled: the same fluids and orders re-simulated for each draw
    /// of `source` (default: the population prior of the case's patient and therapy), percentiles at the
    /// report times, P(within the hard bounds over the horizon) and P(in target) at each recommended draw.
    /// The seed is echoed in the audit block. Unchanged when the result has no ``forwardInputs``.
    public func withUncertainty(_ settings: UncertaintySettings, source: UncertaintySource? = nil) -> PlanResult {
        guard let inputs = forwardInputs else { return self }
        let source = source ?? .prior(inputs)
        let report = trajectory.times
        let draws = labDraws.map(\.at).filter { $0 >= 0 && $0 <= inputs.horizon }
        let outputs = Self.bandCheckGrid(reportTimes: report, drawTimes: draws, horizon: inputs.horizon)
        let ensemble = Ensemble.run(source, forward: inputs, forwardOutputs: outputs, settings: settings)
        let limits = solutes.map { BandLimits($0, correctionWindow: inputs.correctionWindow) }
        var result = self
        result.uncertainty = UncertaintyBands(ensemble: ensemble, distribution: source.distribution, settings: settings,
                                              reportTimes: report, drawTimes: draws, limits: limits)
        result.audit.seed = settings.seed
        return result
    }
}

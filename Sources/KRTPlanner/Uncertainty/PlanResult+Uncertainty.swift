import KRTKinetics
import KRTUnits

extension PlanResult {
    /// Grid (h) on which the hard bounds are checked for the probability: every 15 min, plus every
    /// report and lab-draw time.
    public static let bandCheckStep = 0.25

    /// This result with its ``uncertainty`` filled: the same fluids and orders re-simulated for each draw
    /// of `source` (default: the population prior of the case's patient and therapy), percentiles at the
    /// report times, P(within the hard bounds over the horizon) and P(in target) at each recommended draw.
    /// The seed is echoed in the audit block. Unchanged when the result has no ``forwardInputs``.
    public func withUncertainty(_ settings: UncertaintySettings, source: UncertaintySource? = nil) -> PlanResult {
        guard let inputs = forwardInputs else { return self }
        let source = source ?? .prior(inputs)
        let report = trajectory.times
        let draws = labDraws.map(\.at).filter { $0 >= 0 && $0 <= inputs.horizon }
        var grid = Set(report + draws)
        var k = 1.0
        while k * Self.bandCheckStep < inputs.horizon { grid.insert(k * Self.bandCheckStep); k += 1 }
        grid.insert(inputs.horizon)
        let outputs = grid.sorted()
        let ensemble = Ensemble.run(source, forward: inputs, forwardOutputs: outputs, settings: settings)
        let limits = solutes.map {
            BandLimits(solute: $0.solute, targetLow: $0.targetLow, targetHigh: $0.targetHigh, hardLow: $0.hardLow, hardHigh: $0.hardHigh,
                       initial: $0.initial, correctionWindow: inputs.correctionWindow)
        }
        var result = self
        result.uncertainty = UncertaintyBands(ensemble: ensemble, distribution: source.distribution, settings: settings,
                                              reportTimes: report, drawTimes: draws, limits: limits)
        result.audit.seed = settings.seed
        return result
    }
}

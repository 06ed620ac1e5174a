import KRTUnits

/// A readout comparing two runs of one scenario that differ only in one dialysate solute, e.g.
/// `(K removed with dialysate K 0) / (K removed with dialysate K 2)` (KHD-04),
/// `(steady pre-session Mg with dialysate Mg 0.37) − (with 0.50)` (MGD-07),
/// `mean pre-session serum K over days 7–14, dialysate K 1 minus dialysate K 2` (KHD-11).
/// Each arm is the scenario with that dialysate concentration, read and resolved like any case.
public struct ArmComparison: Sendable, Hashable {
    public enum Combination: String, Sendable, Hashable { case ratio, difference }

    /// The quantity read on each arm.
    public var base: Readout
    public var combination: Combination
    /// The dialysate solute that differs between the arms, and its two concentrations (mmol/L).
    public var fluidSolute: Solute
    public var first: Double
    public var second: Double

    /// "Steady" pre-session level: the mean over the second week (days 7–14), the periodic steady state the
    /// sibling figures state (MGD-06, KHD-11).
    static let steadyWindow = (from: 7.0 * 24, to: 14.0 * 24)

    /// The comparison, when the readout is one of the forms above (nil otherwise).
    public static func parse(_ readout: YAMLValue) -> ArmComparison? {
        let q = Acceptance.normalised(readout["quantity"]?.text ?? "")
        if let m = q.wholeMatch(of: /\((K|P|Mg) removed with dialysate (K|P|Mg) (\d+(?:\.\d+)?)\) \/ \((K|P|Mg) removed with dialysate (K|P|Mg) (\d+(?:\.\d+)?)\)/),
           m.1 == m.4, m.2 == m.5, let s = Readout.solute(m.1), let f = Readout.solute(m.2), let a = Double(m.3), let b = Double(m.6) {
            return ArmComparison(base: .sessionRemoval(s), combination: .ratio, fluidSolute: f, first: a, second: b)
        }
        if let m = q.wholeMatch(of: /\(steady pre-session (K|P|Mg) with dialysate (K|P|Mg) (\d+(?:\.\d+)?)\) - \(with (\d+(?:\.\d+)?)\)/),
           let s = Readout.solute(m.1), let f = Readout.solute(m.2), let a = Double(m.3), let b = Double(m.4) {
            return ArmComparison(base: .preSessionMean(s, from: steadyWindow.from, to: steadyWindow.to), combination: .difference,
                                 fluidSolute: f, first: a, second: b)
        }
        if let m = q.wholeMatch(of: /mean pre-session serum (K|P|Mg) over days (\d+)-(\d+), dialysate (K|P|Mg) (\d+(?:\.\d+)?) minus dialysate (K|P|Mg) (\d+(?:\.\d+)?)/),
           m.4 == m.6, let s = Readout.solute(m.1), let from = Double(m.2), let to = Double(m.3), let f = Readout.solute(m.4),
           let a = Double(m.5), let b = Double(m.7) {
            return ArmComparison(base: .preSessionMean(s, from: from * 24, to: to * 24), combination: .difference, fluidSolute: f, first: a, second: b)
        }
        return nil
    }

    /// The scenario with the dialysate's `fluidSolute` at `value` mmol/L (nil when the scenario's dialysate is
    /// not given by composition: the arm cannot be stated).
    public func variant(of scenario: YAMLValue, _ value: Double) -> YAMLValue? {
        guard let fluids = scenario["fluids"], let dialysate = fluids["dialysate"], let composition = dialysate["composition"] else { return nil }
        let changed = composition.setting(fluidSolute.rawValue, .scalar("\(ScenarioTranslator.number(value)) mmol/L"))
        return scenario.setting("fluids", fluids.setting("dialysate", dialysate.setting("composition", changed)))
    }

    /// The figure's value from the two arms' readings.
    public func combine(_ a: Double, _ b: Double) -> Double {
        combination == .ratio ? a / b : a - b
    }
}

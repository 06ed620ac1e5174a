import KRTUnits

/// A readout comparing two runs ("arms") of one scenario; the figure's value is their ratio or difference.
/// Each arm is read and resolved as its own krtplan case, and the same one-run ``Readout`` is read on each.
///
/// Two ways to state one (docs/validation/README.md, "Two-arm readouts"):
/// * **explicitly** — the readout has `each_arm` (the one-run readout read on each arm: its words, or a
///   mapping with `quantity`/`at`/`over`) and `combine: ratio | difference` (first ÷ second, first − second);
///   the scenario has `second_arm`, scenario keys that replace the first arm's, as `same_as` does. The first
///   arm is the scenario as written (without `second_arm`). E.g. SH-12 (a 5-U insulin arm), MGD-08 (an
///   acetate-buffered dialysate arm).
/// * **in words**, for arms that differ in one dialysate concentration:
///   `(K removed with dialysate K 0) / (K removed with dialysate K 2)` (KHD-04),
///   `(steady pre-session Mg with dialysate Mg 0.37) − (with 0.50)` (MGD-07),
///   `mean pre-session serum K over days 7–14, dialysate K 1 minus dialysate K 2` (KHD-11).
public struct ArmComparison: Sendable, Hashable {
    public enum Combination: String, Sendable, Hashable, CaseIterable { case ratio, difference }

    /// How one arm's scenario is made from the figure's scenario.
    public enum Arm: Sendable, Hashable {
        /// The scenario as written (without `second_arm`).
        case asWritten
        /// The scenario with these keys replaced (`second_arm`).
        case overriding(YAMLValue)
        /// The scenario with its dialysate's concentration of a solute set (mmol/L).
        case dialysate(Solute, Double)
    }

    /// The quantity read on each arm.
    public var base: Readout
    public var combination: Combination
    public var first: Arm
    public var second: Arm

    /// "Steady" pre-session level: the mean over the second week (days 7–14), the periodic steady state the
    /// sibling figures state (MGD-06, KHD-11).
    static let steadyWindow = (from: 7.0 * 24, to: 14.0 * 24)

    /// The comparison a figure's first readout states (nil: a one-run readout). Throws when the readout read
    /// on each arm is not a form the harness computes.
    public static func parse(_ readout: YAMLValue, scenario: YAMLValue) throws(Readout.Unsupported) -> ArmComparison? {
        if let combine = readout["combine"]?.text.flatMap(Combination.init(rawValue:)), let each = readout["each_arm"],
           let second = scenario["second_arm"] {
            let eachReadout: YAMLValue = each.text.map { .map([("quantity", .scalar($0))]) } ?? each
            return ArmComparison(base: try Readout.parse(eachReadout), combination: combine, first: .asWritten, second: .overriding(second))
        }
        return inWords(readout)
    }

    /// The word forms (arms that differ in one dialysate concentration).
    static func inWords(_ readout: YAMLValue) -> ArmComparison? {
        let q = Acceptance.normalised(readout["quantity"]?.text ?? "")
        func dialysate(_ f: Substring, _ a: Substring, _ b: Substring) -> (Arm, Arm)? {
            guard let s = Readout.solute(f), let x = Double(a), let y = Double(b) else { return nil }
            return (.dialysate(s, x), .dialysate(s, y))
        }
        if let m = q.wholeMatch(of: /\((K|P|Mg) removed with dialysate (K|P|Mg) (\d+(?:\.\d+)?)\) \/ \((K|P|Mg) removed with dialysate (K|P|Mg) (\d+(?:\.\d+)?)\)/),
           m.1 == m.4, m.2 == m.5, let s = Readout.solute(m.1), let arms = dialysate(m.2, m.3, m.6) {
            return ArmComparison(base: .sessionRemoval(s), combination: .ratio, first: arms.0, second: arms.1)
        }
        if let m = q.wholeMatch(of: /\(steady pre-session (K|P|Mg) with dialysate (K|P|Mg) (\d+(?:\.\d+)?)\) - \(with (\d+(?:\.\d+)?)\)/),
           let s = Readout.solute(m.1), let arms = dialysate(m.2, m.3, m.4) {
            return ArmComparison(base: .preSessionMean(s, from: steadyWindow.from, to: steadyWindow.to), combination: .difference,
                                 first: arms.0, second: arms.1)
        }
        if let m = q.wholeMatch(of: /mean pre-session serum (K|P|Mg) over days (\d+)-(\d+), dialysate (K|P|Mg) (\d+(?:\.\d+)?) minus dialysate (K|P|Mg) (\d+(?:\.\d+)?)/),
           m.4 == m.6, let s = Readout.solute(m.1), let from = Double(m.2), let to = Double(m.3), let arms = dialysate(m.4, m.5, m.7) {
            return ArmComparison(base: .preSessionMean(s, from: from * 24, to: to * 24), combination: .difference, first: arms.0, second: arms.1)
        }
        return nil
    }

    /// The arm's scenario (without `second_arm`), or nil when it cannot be stated (a dialysate arm on a
    /// scenario whose dialysate is not given by composition).
    public func scenario(_ arm: Arm, of scenario: YAMLValue) -> YAMLValue? {
        let base = scenario.removing(["second_arm"])
        switch arm {
        case .asWritten: return base
        case let .overriding(keys): return base.replacing(with: keys)
        case let .dialysate(solute, value):
            guard let fluids = base["fluids"], let dialysate = fluids["dialysate"], let composition = dialysate["composition"] else { return nil }
            let changed = composition.setting(solute.rawValue, .scalar("\(ScenarioTranslator.number(value)) mmol/L"))
            return base.setting("fluids", fluids.setting("dialysate", dialysate.setting("composition", changed)))
        }
    }

    /// The figure's value from the two arms' readings: a ÷ b or a − b.
    public func combine(_ a: Double, _ b: Double) -> Double {
        combination == .ratio ? a / b : a - b
    }
}

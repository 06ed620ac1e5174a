import KRTEstimation
import KRTKinetics
import KRTUnits

/// Robust planning by scenario-generated back-off (docs/uncertainty.md "Robust planning", issue 17 item 3).
///
/// 1. Plan nominally (the ordinary planner; scenario 0 is the nominal patient).
/// 2. Simulate the plan exactly on all N planning scenarios (seeded draws of the case's uncertainty source).
/// 3. If fewer than ⌈confidence·N⌉ hold every hard bound: take the ⌈confidence·N⌉ scenarios closest to
///    holding, and wherever one of them crosses a bound raise that solute's margin at that time to the
///    scenario's deviation from the nominal course (or, when the margin is already that large, by the
///    crossing itself) plus ``pad``; re-plan with the hard bounds tightened by the margins.
/// 4. Repeat until the required number holds, the margins stop changing, the tightened bounds cannot be
///    met even after halving the last raise ``halvings`` times, or ``RobustSettings/maxRounds`` plans
///    have been made. The best plan (most scenarios holding,
///    then the smallest total crossing, then the earliest) is returned.
///
/// Every scenario uses the same fluids and orders; the objective is the nominal patient's. The claim is
/// checked by exact simulation of every planning scenario, and the out-of-sample probability is measured
/// on fresh draws of a separate seed stream for the robust and the nominal plan alike.
public struct RobustPlanner: Sendable {
    public var planner: Planner
    public var settings: RobustSettings
    /// Added to every raised margin (mmol/L), so that a scenario at the edge is inside after the re-plan.
    public static let pad = 0.005
    /// How often a raise whose tightened bounds cannot be met is halved before the loop stops.
    public static let halvings = 2

    public init(planner: Planner, settings: RobustSettings) {
        self.planner = planner
        self.settings = settings
    }

    public func plan(_ planningCase: PlanningCase) throws(PlanningError) -> PlanResult {
        let nominal = try planner.plan(planningCase)
        guard let inputs = nominal.forwardInputs else { return nominal }
        let (source, sourceNotes) = Self.source(planningCase, inputs: inputs, cvOverrides: settings.cvOverrides)
        let distribution = source.distribution
        let thetas = [distribution.centre] + (1..<max(1, settings.scenarios)).map { distribution.theta(draw: $0, seed: settings.seed) }
        let required = settings.requiredScenarios
        let step = max(planningCase.problem.step, PlanResult.bandCheckStep)
        var backOff = HardBackOff(times: Self.marginGrid(horizon: inputs.horizon), reach: step)

        var current = nominal
        var best: Evaluation? = nil
        var rounds = 1
        var stop = "the required fraction of planning scenarios holds"
        var notes = sourceNotes
        while true {
            guard let currentInputs = current.forwardInputs else { break }
            let check = ScenarioCheck(result: current, inputs: currentInputs, source: source)
            let evaluation = Evaluation(plan: current, check: check, levels: check.levels(thetas, threads: settings.threads), round: rounds)
            if best.map({ evaluation.isBetter(than: $0) }) ?? true { best = evaluation }
            if evaluation.holding >= required { stop = "the required fraction of planning scenarios holds"; break }
            if current.status == .hardBoundsUnmet { stop = "no plan meets the hard bounds even for the nominal patient"; break }
            guard rounds < settings.maxRounds else { stop = "work limit: \(settings.maxRounds) plans made"; break }
            let before = backOff
            guard raise(&backOff, from: evaluation, required: required) else {
                stop = "the margins cannot be raised further (they reached the middle of the target ranges)"
                break
            }
            // Re-plan; when the tightened bounds cannot all be met, halve the last raise (at most
            // `halvings` times) before giving up.
            var next: PlanResult? = nil
            var halvings = 0
            while next == nil, rounds < settings.maxRounds {
                var tightened = planningCase
                tightened.problem.hardBackOff = backOff
                let attempt: PlanResult
                do { attempt = try planner.plan(tightened) } catch {
                    stop = "the re-plan with wider margins failed: \(error)"
                    break
                }
                rounds += 1
                if attempt.status != .hardBoundsUnmet { next = attempt; break }
                stop = "the hard bounds tightened by the margins cannot all be met (the last raise halved \(halvings) time(s))"
                guard halvings < Self.halvings else { break }
                halvings += 1
                backOff = before.halfway(to: backOff)
            }
            guard let next else {
                if rounds >= settings.maxRounds, halvings < Self.halvings, !stop.hasPrefix("the re-plan") { stop = "work limit: \(settings.maxRounds) plans made" }
                break
            }
            current = next
        }
        guard let chosen = best else { return nominal }
        if !settings.cvOverrides.isEmpty, source.history != nil {
            notes.append("solver.robust.cv applies to the population prior only; this case's scenarios come from the fit's posterior")
        }
        return finish(chosen, nominal: nominal, source: source, backOff: backOff, rounds: rounds, stop: stop, notes: notes)
    }

    /// The uncertainty source of the case (posterior of a fitted start, else the population prior), with
    /// the CV overrides applied to a prior.
    static func source(_ planningCase: PlanningCase, inputs: ForwardInputs, cvOverrides: [String: Double]) -> (UncertaintySource, [String]) {
        if let source = planningCase.uncertaintySource { return (source, []) }
        var source = UncertaintySource.prior(inputs)
        var notes: [String] = []
        for (i, parameter) in source.distribution.parameters.enumerated() {
            guard let cv = cvOverrides[parameter.name] else { continue }
            let replaced = EstimatedParameter(name: parameter.name, unit: parameter.unit, median: parameter.median, cv: cv,
                                              transform: parameter.transform)
            source.distribution.parameters[i] = replaced
            source.distribution.factor[i][i] = replaced.omega ?? 0
            notes.append("CV of \(parameter.name) set to \(Quantity.format(cv * 100)) % by solver.robust.cv")
        }
        return (source, notes)
    }

    /// The margin grid: every ``PlanResult/bandCheckStep`` hours after 0 and the horizon.
    static func marginGrid(horizon: Double) -> [Double] {
        var times: [Double] = []
        var k = 1.0
        while k * PlanResult.bandCheckStep < horizon - 1e-9 { times.append(k * PlanResult.bandCheckStep); k += 1 }
        times.append(horizon)
        return times
    }

    /// Raises the margins where the ⌈confidence·N⌉ scenarios closest to holding cross a bound. False when
    /// no margin changed.
    func raise(_ backOff: inout HardBackOff, from evaluation: Evaluation, required: Int) -> Bool {
        let order = evaluation.excesses.indices.sorted {
            (evaluation.excesses[$0].worst, $0) < (evaluation.excesses[$1].worst, $1)
        }
        let check = evaluation.check
        let nominalLevels = evaluation.levels[0]
        var changed = false
        for d in order.prefix(required) where !evaluation.excesses[d].holds {
            let excess = evaluation.excesses[d]
            for s in Solute.planned.indices {
                let limit = check.limits[s]
                let mid = (limit.targetLow + limit.targetHigh) / 2
                let roomLow = max(0, mid - limit.hardLow), roomHigh = max(0, limit.hardHigh - mid)
                for (t, time) in check.times.enumerated() {
                    let k = Self.nearest(time, in: backOff.times)
                    let deviation = evaluation.levels[d][s][t] - nominalLevels[s][t]
                    if excess.high[s][t] > ScenarioCheck.tolerance {
                        let old = backOff.high[s][k]
                        var wanted = max(0, deviation) + Self.pad
                        if wanted <= old + 1e-9 { wanted = old + excess.high[s][t] + Self.pad }
                        let new = min(roomHigh, max(old, wanted.isFinite ? wanted : roomHigh))
                        if new > old + 1e-12 { backOff.high[s][k] = new; changed = true }
                    }
                    if excess.low[s][t] > ScenarioCheck.tolerance {
                        let old = backOff.low[s][k]
                        var wanted = max(0, -deviation) + Self.pad
                        if wanted <= old + 1e-9 { wanted = old + excess.low[s][t] + Self.pad }
                        let new = min(roomLow, max(old, wanted.isFinite ? wanted : roomLow))
                        if new > old + 1e-12 { backOff.low[s][k] = new; changed = true }
                    }
                }
            }
        }
        return changed
    }

    /// Index of the grid time nearest to `t` (grid ascending, non-empty).
    static func nearest(_ t: Double, in grid: [Double]) -> Int {
        var best = 0
        for (k, time) in grid.enumerated() where abs(time - t) < abs(grid[best] - t) { best = k }
        return best
    }
}

/// One plan judged on the planning scenarios.
struct Evaluation: Sendable {
    let plan: PlanResult
    let check: ScenarioCheck
    /// `[scenario][solute][check time]` (mmol/L).
    let levels: [[[Double]]]
    let excesses: [ScenarioExcess]
    let holding: Int
    /// Sum over failing scenarios of their worst crossing (mmol/L).
    let totalExcess: Double
    let round: Int

    init(plan: PlanResult, check: ScenarioCheck, levels: [[[Double]]], round: Int) {
        self.plan = plan
        self.check = check
        self.levels = levels
        self.round = round
        excesses = levels.map(check.excess)
        holding = excesses.filter(\.holds).count
        totalExcess = excesses.filter { !$0.holds }.map { $0.worst.isFinite ? $0.worst : 1e6 }.reduce(0, +)
    }

    /// More scenarios holding; then less crossing; then earlier (strict, so ties keep the earlier plan).
    func isBetter(than other: Evaluation) -> Bool {
        if holding != other.holding { return holding > other.holding }
        return totalExcess < other.totalExcess - 1e-12
    }
}

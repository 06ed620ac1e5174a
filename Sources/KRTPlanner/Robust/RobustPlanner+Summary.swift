import KRTUnits

extension RobustPlanner {
    static let method = "scenario-generated back-off: nominal plan with the hard bounds tightened by per-solute, per-time margins, "
        + "raised where planning scenarios cross a bound, re-planned until the required fraction holds or the work limit; "
        + "every planning scenario and every out-of-sample draw simulated exactly with the same fluids and orders (docs/uncertainty.md)"

    /// The chosen plan with its ``RobustSummary`` and, when the promise is not kept, a danger alert at the top.
    func finish(_ chosen: Evaluation, nominal: PlanResult, source: UncertaintySource, backOff: HardBackOff, rounds: Int, stop: String,
                notes: [String]) -> PlanResult {
        let distribution = source.distribution
        let oosSeed = settings.outOfSampleSeed
        let draws = (0..<settings.outOfSampleDraws).map { distribution.theta(draw: $0, seed: oosSeed) }
        let robustRuns = chosen.check.levels(draws, threads: settings.threads)
        let robustFractions = chosen.check.fractions(robustRuns)
        var nominalFractions = robustFractions
        if chosen.round != 1, let inputs = nominal.forwardInputs {
            let check = ScenarioCheck(result: nominal, inputs: inputs, source: source)
            nominalFractions = check.fractions(check.levels(draws, threads: settings.threads))
        }
        let outOfSample = OutOfSample(
            draws: draws.count, seed: oosSeed, robust: robustFractions.joint, nominal: nominalFractions.joint,
            perSolute: Solute.planned.indices.map {
                SoluteOutOfSample(solute: Solute.planned[$0], robust: robustFractions.perSolute[$0], nominal: nominalFractions.perSolute[$0])
            })
        let required = settings.requiredScenarios
        let failures = Self.failures(chosen)
        let n = chosen.levels.count
        let summary = RobustSummary(
            method: Self.method, objective: settings.objective, source: distribution.source, confidence: settings.confidence,
            scenarios: n, requiredScenarios: required, scenariosHolding: chosen.holding,
            fractionHolding: Double(chosen.holding) / Double(max(1, n)), seed: settings.seed, outOfSampleSeed: oosSeed,
            outOfSampleDraws: draws.count, promiseKept: chosen.holding >= required, rounds: rounds,
            stopReason: chosen.round == rounds ? stop : "\(stop); the plan of round \(chosen.round) held the most scenarios",
            outOfSample: outOfSample, price: Self.price(robust: chosen.plan, nominal: nominal),
            margins: Solute.planned.map { let m = backOff.largest($0); return RobustMargin(solute: $0, low: m.low, high: m.high) },
            failingScenarios: Array(failures.prefix(RobustSummary.listedFailures)), failingScenarioCount: failures.count,
            notes: notes + distribution.notes)
        var result = chosen.plan
        result.robust = summary
        if !summary.promiseKept {
            let worst = failures.max { $0.excess < $1.excess }
            let alert = Alert(
                severity: .danger, kind: .robustPromiseUnmet, subject: "robust plan",
                message: "robust plan: hard bounds hold in \(chosen.holding) of \(n) planning scenarios, fewer than the "
                    + "\(required) required for confidence \(Quantity.format(settings.confidence)); "
                    + (worst.map { "worst: scenario \($0.scenario) \($0.solute.symbol) \(Quantity.short($0.level)) mmol/L at "
                        + "\(Quantity.short($0.at)) h, \(Quantity.short($0.excess)) mmol/L \($0.side) the hard bound "
                        + "\(Quantity.format($0.bound)) mmol/L" } ?? ""),
                atHours: worst?.at, value: worst?.level, limit: worst?.bound, excess: worst?.excess, unit: "mmol/L",
                limitSource: "hard_bound", unsafe: false)
            let position = result.alerts.firstIndex { $0.severity != .danger } ?? result.alerts.count
            result.alerts.insert(alert, at: position)
        }
        return result
    }

    /// The worst crossing of every failing planning scenario, in scenario order.
    static func failures(_ evaluation: Evaluation) -> [ScenarioFailure] {
        evaluation.excesses.enumerated().compactMap { d, excess -> ScenarioFailure? in
            guard !excess.holds else { return nil }
            var worst: ScenarioFailure? = nil
            for s in Solute.planned.indices {
                for (t, time) in evaluation.check.times.enumerated() {
                    let range = evaluation.check.limits[s].hardRange(at: time)
                    for (side, value, bound) in [("above", excess.high[s][t], range.high), ("below", excess.low[s][t], range.low)]
                    where value > ScenarioCheck.tolerance && value > (worst?.excess ?? 0) {
                        worst = ScenarioFailure(scenario: d, solute: Solute.planned[s], side: side, at: time,
                                                level: evaluation.levels[d][s][t], bound: bound, excess: value)
                    }
                }
            }
            return worst
        }
    }

    /// Objective, orders and mmol per drug and solute, robust against nominal.
    static func price(robust: PlanResult, nominal: PlanResult) -> RobustnessPrice {
        func amounts(_ result: PlanResult) -> [String: Double] {
            var totals: [String: Double] = [:]
            for order in result.orders {
                for amount in order.delivers where Solute.planned.contains(amount.solute) { totals["\(order.drug)\u{0}\(amount.solute.rawValue)", default: 0] += amount.amount }
            }
            return totals
        }
        let a = amounts(robust), b = amounts(nominal)
        let drugs = Set(a.keys).union(b.keys).sorted().map { key -> DrugPrice in
            let parts = key.split(separator: "\u{0}", omittingEmptySubsequences: false).map(String.init)
            let solute = Solute(rawValue: parts[1]) ?? .potassium
            let r = a[key] ?? 0, n = b[key] ?? 0
            return DrugPrice(drug: parts[0], solute: solute, robust: r, nominal: n, extra: r - n)
        }
        let objectiveRobust = robust.solver?.objective, objectiveNominal = nominal.solver?.objective
        let extra = objectiveRobust.flatMap { r in objectiveNominal.map { r - $0 } }
        return RobustnessPrice(objectiveRobust: objectiveRobust, objectiveNominal: objectiveNominal, extraObjective: extra,
                               ordersRobust: robust.orders.count, ordersNominal: nominal.orders.count,
                               extraOrders: robust.orders.count - nominal.orders.count, fluidsDiffer: robust.fluids != nominal.fluids,
                               drugs: drugs)
    }
}

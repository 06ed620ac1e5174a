import Foundation

/// Local search over whole orderable units for one fluid assignment, scored by ``DoseEvaluator``.
///
/// Starts from the LP relaxation's doses rounded to the nearest unit, then repeats deterministic
/// passes of single-unit changes (add, remove) and shifts (move a unit to the previous or next dose
/// time of the same drug) while any of them lowers the objective. Infeasible points (caps, gates,
/// hard bounds) carry a large penalty, so the search also repairs a rounded start.
///
/// `deadline` (seconds since the reference date, wall clock) stops a descent early; the caller checks
/// the clock afterwards to report the stop. Every other limit counts work, so results are repeatable.
enum DoseSearch {
    static let infeasibilityPenalty = 1e7

    static func score(_ evaluation: DoseEvaluator.Evaluation) -> Double {
        evaluation.objective + infeasibilityPenalty * evaluation.violation
    }

    /// Best units found and their evaluation.
    ///
    /// Two phases: without the per-order cost (single-unit changes and shifts settle the amounts and
    /// timing), then with it (also dropping an order or merging it into the drug's neighbouring order).
    static func improve(_ evaluator: DoseEvaluator, start: [Double], maxPasses: Int = 50, deadline: Double = .infinity)
        -> (units: [Int], evaluation: DoseEvaluator.Evaluation) {
        let smooth = DoseEvaluator(model: evaluator.model, assignment: evaluator.assignment, ignoringOrderCounts: true)
        let bounds = evaluator.bounds
        var best: (units: [Int], evaluation: DoseEvaluator.Evaluation)? = nil
        let smoothScreen = ResponseScreen(smooth), screen = ResponseScreen(evaluator)
        // Gated orders (potassium phosphate only while K < 4) are a trap for rounding: the LP relaxation
        // leans on them, but each one then holds K below the gate. One start leaves them out.
        let gated = Set(evaluator.gates.map(\.dose))
        let starts: [(rule: FloatingPointRoundingRule, withoutGated: Bool)] =
            [(.toNearestOrAwayFromZero, false), (.down, false), (.up, false)] + (gated.isEmpty ? [] : [(.toNearestOrAwayFromZero, true)])
        for (rule, withoutGated) in starts {
            var rounded = zip(start, bounds).map { value, bound in min(bound, max(0, Int(value.rounded(rule)))) }
            if withoutGated { for dose in gated { rounded[dose] = 0 } }
            let first = descend(smooth, from: rounded, bounds: bounds, merges: false, maxPasses: maxPasses, deadline: deadline,
                                screen: smoothScreen)
            let second = descend(evaluator, from: first, bounds: bounds, merges: true, maxPasses: maxPasses, deadline: deadline,
                                 screen: screen)
            let evaluation = evaluator.evaluate(units: second)
            if best.map({ score(evaluation) < score($0.evaluation) - 1e-9 }) ?? true { best = (second, evaluation) }
        }
        let units = best?.units ?? bounds.map { _ in 0 }
        return (units, best?.evaluation ?? evaluator.evaluate(units: units))
    }

    /// Re-optimises from a known integer schedule (e.g. the incumbent of a neighbouring fluid choice).
    static func improve(_ evaluator: DoseEvaluator, from units: [Int], maxPasses: Int = 50, deadline: Double = .infinity)
        -> (units: [Int], evaluation: DoseEvaluator.Evaluation) {
        let start = zip(units, evaluator.bounds).map { min($0, $1) }
        let result = descend(evaluator, from: start, bounds: evaluator.bounds, merges: true, maxPasses: maxPasses, deadline: deadline)
        return (result, evaluator.evaluate(units: result))
    }

    /// Kicks out of the local optimum: drops one order (all its units) and descends again from there.
    /// Every order's kick is tried (in parallel, results in order) and the best improvement is kept;
    /// repeated up to `rounds` times while one improves. Reaches schedules that single-unit moves cannot,
    /// e.g. one potassium phosphate order fewer and more potassium chloride.
    static func kick(_ evaluator: DoseEvaluator, from start: [Int], rounds: Int, threads: Int = 1, maxPasses: Int = 50,
                     deadline: Double = .infinity) -> (units: [Int], evaluation: DoseEvaluator.Evaluation) {
        var units = start
        var evaluation = evaluator.evaluate(units: units)
        let screen = ResponseScreen(evaluator)
        for _ in 0..<rounds {
            if Date().timeIntervalSinceReferenceDate >= deadline { break }
            let current = units
            let kicked = ParallelWork.map(current.indices.filter { current[$0] > 0 }, threads: threads) { dose in
                var dropped = current
                dropped[dose] = 0
                let candidate = descend(evaluator, from: dropped, bounds: evaluator.bounds, merges: true, maxPasses: maxPasses,
                                        deadline: deadline, screen: screen)
                return (units: candidate, evaluation: evaluator.evaluate(units: candidate))
            }
            guard let best = kicked.min(by: { score($0.evaluation) < score($1.evaluation) }),
                  score(best.evaluation) < score(evaluation) - 1e-9 else { break }
            (units, evaluation) = (best.units, best.evaluation)
        }
        return (units, evaluation)
    }

    /// How far above the incumbent a screened score must be to reject a move without the exact
    /// evaluation: far above the screen's rounding (its sums run in another order, about 1e-13 relative).
    static func screenMargin(_ score: Double) -> Double { 1e-7 * max(1, abs(score)) }

    static func descend(_ evaluator: DoseEvaluator, from start: [Int], bounds: [Int], merges: Bool, maxPasses: Int,
                        deadline: Double = .infinity, screen: ResponseScreen? = nil) -> [Int] {
        let doses = evaluator.model.doses
        var search = IncrementalEvaluation(evaluator, units: start)
        var units = start
        var bestScore = score(search.evaluation)
        // Every other dose time of the same drug (unit shifts, merges), nearest first.
        let neighbours: [[Int]] = doses.indices.map { i in
            doses.indices.filter { $0 != i && doses[$0].drug == doses[i].drug }
                .sorted { abs(doses[$0].time - doses[i].time) < abs(doses[$1].time - doses[i].time) }
        }
        let sameTime: [[Int]] = doses.indices.map { i in
            doses.indices.filter { $0 != i && abs(doses[$0].time - doses[i].time) < 1e-9 }
        }
        // Orders that act on a common solute (trades happen between them).
        let drugs = evaluator.model.problem.drugs
        let solutes = drugs.map { Set($0.deliveredPerUnit.filter { $0.value > 0 }.keys) }
        let relatedDrugs = solutes.map { a in solutes.map { !a.isDisjoint(with: $0) } }
        let related: [[Int]] = doses.indices.map { i in
            doses.indices.filter { j in j != i && relatedDrugs[doses[i].drug][doses[j].drug] }
        }
        var attempts = 0
        var expired = false
        let screen = screen ?? ResponseScreen(evaluator)
        /// Tries `units` with dose `i` set to `vi` (and dose `j`, when ≥ 0, to `vj`). The screen rejects
        /// clearly worse moves; every other one is evaluated exactly, re-running only the blocks those
        /// doses touch (``IncrementalEvaluation``), so the steps are those of exact evaluation alone.
        func attempt(_ i: Int, _ vi: Int, _ j: Int = -1, _ vj: Int = 0) -> Bool {
            // The clock is read every 64 attempts (an attempt costs microseconds).
            attempts += 1
            if attempts % 64 == 0, deadline.isFinite, Date().timeIntervalSinceReferenceDate >= deadline { expired = true }
            if expired { return false }
            if let screened = screen.score(search.current, units: units, i, vi, j, vj),
               screened >= bestScore - 1e-9 + screenMargin(bestScore) { return false }
            var candidate = units
            candidate[i] = vi
            if j >= 0 { candidate[j] = vj }
            var evaluation = search.evaluate(candidate)
            // A move that closes a gate (e.g. K now ≥ 4 at a potassium phosphate dose) drops that dose.
            if !evaluation.closedGates.isEmpty {
                for dose in evaluation.closedGates { candidate[dose] = 0 }
                evaluation = search.evaluate(candidate)
            }
            let candidateScore = score(evaluation)
            guard candidateScore < bestScore - 1e-9 else { return false }
            search.commit()
            units = candidate
            bestScore = candidateScore
            return true
        }
        for _ in 0..<maxPasses {
            var improved = false
            for i in doses.indices {
                for delta in [1, -1] {
                    let value = units[i] + delta
                    guard value >= 0, value <= bounds[i] else { continue }
                    if attempt(i, value) { improved = true }
                }
            }
            for i in doses.indices {
                for j in neighbours[i] where units[i] > 0 && units[j] < bounds[j] {
                    if attempt(i, units[i] - 1, j, units[j] + 1) { improved = true }
                }
            }
            // Trade a unit for one or two units of another order (e.g. one potassium phosphate for two
            // KCl, possibly at another time); in the first phase only at the same dose time.
            for i in doses.indices where units[i] > 0 {
                for j in (merges ? related[i] : sameTime[i]) {
                    for gain in [1, 2] where units[i] > 0 && units[j] + gain <= bounds[j] {
                        if attempt(i, units[i] - 1, j, units[j] + gain) { improved = true }
                    }
                }
            }
            if merges {
                for i in doses.indices where units[i] > 0 {
                    if attempt(i, 0) { improved = true; continue }
                    for j in neighbours[i] where units[j] > 0 && units[i] + units[j] <= bounds[j] {
                        if attempt(i, 0, j, units[j] + units[i]) { improved = true; break }
                    }
                    // Relocate the whole order to a dose time of its drug with none (nearest first): unit
                    // shifts cannot, since the first unit moved pays a second order's cost.
                    for j in neighbours[i] where units[i] > 0 && units[j] == 0 && units[i] <= bounds[j] {
                        if attempt(i, 0, j, units[i]) { improved = true; break }
                    }
                }
            }
            if !improved || expired { break }
        }
        return units
    }
}

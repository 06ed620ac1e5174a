import Testing
import KRTKinetics
import KRTUnits
import LinearProgramming
@testable import KRTPlanner

/// Property (seeded, deterministic): for random written and planned schedules over several drugs, the
/// limit engine's verdict on the rolling caps and the planner's cap rows (and the fast evaluator that
/// mirrors them) agree. The rows count the written orders in every window and start windows at every
/// written and planned order time; a window holding only written orders has no row (nothing to decide),
/// so the engine fails exactly when a row fails or the written orders alone break a cap.
struct CapAgreementTests {
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 33
        }
        mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
    }

    static func problem(seed: UInt64) -> (problem: PlanProblem, generator: Generator) {
        var random = Generator(state: seed &* 0x9E37_79B9_7F4A_7C15 &+ 1)
        var problem = SyntheticProblems.flagship(horizon: 36, coupling: false, periods: nil)
        // Tight caps so that windows bind: 40–80 mmol K, 15–30 mmol P, 10–20 mmol Mg per 24 h.
        problem.caps = problem.caps.map { cap in
            var cap = cap
            let scale = Double(random.int(2...4)) / 5
            cap.limit = (cap.solute == .potassium ? 100 : cap.solute == .phosphate ? 37.5 : 25) * scale
            return cap
        }
        let spacing = Double([3, 4, 6][random.int(0...2)])
        let first = Double(random.int(0...5))
        problem.doseTimes = Array(stride(from: first, to: 36, by: spacing))
        let orders = (0..<random.int(0...5)).map { _ -> FixedOrder in
            let drug = problem.drugs[random.int(0...(problem.drugs.count - 1))]
            let at = Double(random.int(0...140)) / 4
            let units = Double(random.int(1...2))
            return FixedOrder(drug: drug, at: at, units: units, duration: min(units * drug.duration, 36 - at))
        }
        problem.fixedOrders = orders.filter { $0.duration > 0 }
        return (problem, random)
    }

    @Test func theEngineAndThePlannersCapRowsAgree() {
        var compared = 0, failing = 0
        for seed in UInt64(1)...24 {
            var (problem, random) = Self.problem(seed: seed)
            let model = PlanModel(problem: problem)
            let bounds = model.doses.map { Int(model.program.variables[$0.units.index].bounds.upper.rounded(.down)) }
            let evaluator = DoseEvaluator(model: model, assignment: model.slots.map { _ in 0 })
            for _ in 0..<8 {
                // Mostly no order, sometimes one: both verdicts occur.
                let units = bounds.map { random.int(0...3) == 0 ? random.int(0...max(0, $0)) : 0 }
                var values = [Double](repeating: 0, count: model.program.variables.count)
                for (dose, count) in zip(model.doses, units) { values[dose.units.index] = Double(count) }
                let rowBroken = model.capRows.contains { row in
                    guard let constraint = model.program[row] else { return false }
                    let total = constraint.expression.terms.reduce(constraint.expression.constant) { $0 + $1.coefficient * values[$1.variable.index] }
                    return total > constraint.bounds.upper + 1e-9
                }
                let evaluatorBroken = evaluator.caps.contains { cap in
                    cap.terms.reduce(0.0) { $0 + $1.coefficient * Double(units[$1.dose]) } > cap.limit + 1e-9
                }
                let written = problem.fixedOrders.map { OrderPlacement(drug: $0.drug, at: $0.at, units: $0.units, duration: $0.duration, fixed: true) }
                let planned = zip(model.doses, units).compactMap { dose, count in
                    count > 0 ? OrderPlacement(drug: problem.drugs[dose.drug], at: dose.time, units: Double(count),
                                               duration: Double(count) * problem.drugs[dose.drug].duration, fixed: false) : nil
                }
                let engineFails = problem.caps.contains { !LimitEngine.capCheck($0, orders: written + planned).passed }
                let writtenAloneFails = problem.caps.contains { !LimitEngine.capCheck($0, orders: written).passed }
                #expect(engineFails == (rowBroken || writtenAloneFails), "seed \(seed): engine \(engineFails), rows \(rowBroken), written alone \(writtenAloneFails)")
                #expect(evaluatorBroken == rowBroken, "seed \(seed): the evaluator's caps differ from the program's rows")
                compared += 1
                if engineFails { failing += 1 }
            }
        }
        // The property must have seen both verdicts to mean anything.
        #expect(failing > 10 && compared - failing > 10, "\(failing) of \(compared) schedules broke a cap")
    }

    /// The planner's own orders never break a cap next to written ones (a few seeds: each is a search).
    @Test func aPlanNeverBreaksACap() throws {
        var options = PlanningOptions(relativeGap: 0.05, timeLimit: 600, threads: 1)
        options.fluidRounds = 3
        options.neighboursPerRound = 3
        options.kickRounds = 1
        options.boundNodes = 2
        var planned = 0
        for seed in UInt64(1)...6 {
            var (problem, _) = Self.problem(seed: seed)
            let written = problem.fixedOrders.map { OrderPlacement(drug: $0.drug, at: $0.at, units: $0.units, duration: $0.duration, fixed: true) }
            guard problem.caps.allSatisfy({ LimitEngine.capCheck($0, orders: written).passed }) else { continue }
            var model = PlanModel(problem: problem)
            let search: SearchResult
            do { search = try PlanSearch.run(model, options: options) } catch {
                guard case let .noPlan(termination) = error, termination.reason == .infeasible else { throw error }
                model = PlanModel(problem: problem, elastic: true)
                search = try PlanSearch.run(model, options: options)
            }
            let chosen = ChosenPlan(model: model, search: search)
            for cap in problem.caps {
                let check = LimitEngine.capCheck(cap, orders: chosen.orders)
                #expect(check.passed, "seed \(seed): \(check.description)")
            }
            planned += 1
        }
        #expect(planned >= 3)
    }

    @Test func aWrittenOrderBeforeTheFirstDoseTimeStartsItsOwnWindow() {
        var problem = SyntheticProblems.flagship(horizon: 48, coupling: false, periods: nil)
        let kcl = problem.drugs[1]
        problem.doseTimes = [24, 30, 36]
        problem.fixedOrders = [15, 18, 21].map { FixedOrder(drug: kcl, at: $0, units: 2, duration: 2) }
        let model = PlanModel(problem: problem)
        let starts = zip(model.capRows, model.capWindows).filter { problem.caps[$0.1.cap].memberIDs.contains(kcl.id) }.map(\.1.start)
        #expect(starts.contains(15) && starts.contains(18) && starts.contains(21) && starts.contains(24), "\(starts)")
        // The window from 15 h already holds 60 mmol of written KCl: 140 mmol left for 24 h and 30 h… up to 39 h.
        let row = zip(model.capRows, model.capWindows).first { problem.caps[$0.1.cap].memberIDs.contains(kcl.id) && $0.1.start == 15 }
        let bound = row.flatMap { model.program[$0.0]?.bounds.upper }
        #expect(bound.map { abs($0 - 140) < 1e-9 } == true, "\(String(describing: bound))")
    }
}

import Testing
import LinearProgramming
@testable import KRTPlanner

/// The fast evaluator is the plan program: its objective and its full primal vector agree with the
/// program, and a pass resumed from a trace equals a full pass.
struct DoseEvaluatorTests {
    static let model = PlanModel(problem: SyntheticProblems.flagship(horizon: 36))

    /// Deterministic pseudo-random schedules within the per-order bounds.
    static func schedules(count: Int, bounds: [Int]) -> [[Int]] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 33
        }
        return (0..<count).map { _ in bounds.map { Int(next() % UInt64($0 + 1)) } }
    }

    @Test func objectiveAndVectorMatchTheProgram() throws {
        let model = Self.model
        let assignment = model.slots.map { $0.options.count - 1 }
        let evaluator = DoseEvaluator(model: model, assignment: assignment)
        var program = model.program
        PlanSearch.fix(&program, slots: model.slots, partial: assignment)
        for units in Self.schedules(count: 20, bounds: evaluator.bounds) {
            let evaluation = evaluator.evaluate(units: units)
            let residuals = program.residuals(at: evaluator.fullVector(units: units), checkIntegrality: true)
            #expect(abs(residuals.objectiveValue - evaluation.objective) <= 1e-9 * max(1, abs(evaluation.objective)))
            // Rows hold exactly (state equations, coupling, caps and gates when feasible); bounds may be
            // exceeded only where the evaluator reports a violation.
            #expect(residuals.maxConstraintViolation <= 1e-9 || evaluation.violation > 0)
            if evaluation.violation == 0 { #expect(residuals.largestViolation <= 1e-9) }
        }
    }

    /// Incremental evaluation re-runs only the blocks a move touches; it must equal a full pass to the
    /// bit, over random moves (one or two doses, gated doses included), committed or not.
    @Test(arguments: [false, true])
    func incrementalEvaluationsEqualFullPassesToTheBit(coupling: Bool) {
        let model = coupling ? Self.model : PlanModel(problem: SyntheticProblems.flagship(horizon: 36, coupling: false))
        let evaluator = DoseEvaluator(model: model, assignment: model.slots.map { _ in 0 })
        #expect(evaluator.blocks.count >= 3, "K, phosphate and Mg blocks do not mix")
        var random: UInt64 = 0xD1CE
        func next(_ bound: Int) -> Int {
            random = random &* 6364136223846793005 &+ 1442695040888963407
            return Int((random >> 33) % UInt64(max(1, bound)))
        }
        let start = Self.schedules(count: 1, bounds: evaluator.bounds)[0]
        var incremental = IncrementalEvaluation(evaluator, units: start)
        #expect(incremental.evaluation == evaluator.evaluate(units: start))
        var mismatches = 0
        for move in 0..<400 {
            var candidate = incremental.units
            for _ in 0..<(1 + next(2)) {
                let dose = next(candidate.count)
                candidate[dose] = next(evaluator.bounds[dose] + 1)
            }
            let fast = incremental.evaluate(candidate)
            let full = evaluator.evaluate(units: candidate)
            if fast != full { mismatches += 1 }
            #expect(fast.objective.bitPattern == full.objective.bitPattern && fast.violation.bitPattern == full.violation.bitPattern
                    && fast.closedGates == full.closedGates, "move \(move): \(fast) vs \(full)")
            if next(3) == 0 { incremental.commit() }
        }
        #expect(mismatches == 0)
    }

    /// The response screen (superposition) stands in for the exact score only to reject moves: where it
    /// answers, it must agree with the exact evaluation far inside the search's margin, and it must
    /// decline (nil) whenever the exact evaluation closes a gate on an ordered dose.
    @Test(arguments: [false, true])
    func screenedScoresAgreeWithExactEvaluations(coupling: Bool) {
        let model = coupling ? Self.model : PlanModel(problem: SyntheticProblems.flagship(horizon: 36, coupling: false))
        let evaluator = DoseEvaluator(model: model, assignment: model.slots.map { _ in 0 })
        let screen = ResponseScreen(evaluator)
        var random: UInt64 = 0x5C4EE
        func next(_ bound: Int) -> Int {
            random = random &* 6364136223846793005 &+ 1442695040888963407
            return Int((random >> 33) % UInt64(max(1, bound)))
        }
        var start = Self.schedules(count: 1, bounds: evaluator.bounds)[0]
        for gate in evaluator.gates { start[gate.dose] = 0 }  // no closed gate in the record to begin with
        var incremental = IncrementalEvaluation(evaluator, units: start)
        var answered = 0
        for move in 0..<400 {
            let units = incremental.units
            let i = next(units.count), vi = next(evaluator.bounds[i] + 1)
            let j = next(2) == 0 ? -1 : next(units.count), vj = j >= 0 ? next(evaluator.bounds[j] + 1) : 0
            guard j != i else { continue }
            var candidate = units
            candidate[i] = vi
            if j >= 0 { candidate[j] = vj }
            let exact = evaluator.evaluate(units: candidate)
            if let screened = screen.score(incremental.current, units: units, i, vi, j, vj) {
                answered += 1
                #expect(exact.closedGates.isEmpty, "move \(move): the screen answered for a move that closes a gate")
                let difference = abs(screened - DoseSearch.score(exact)) / max(1, abs(DoseSearch.score(exact)))
                #expect(difference <= 1e-11, "move \(move): screened \(screened) vs exact \(DoseSearch.score(exact))")
            }
            _ = incremental.evaluate(candidate)
            if next(3) == 0 { incremental.commit() }
        }
        #expect(answered >= 100, "the screen answered only \(answered) of the moves")
    }

    @Test func localSearchNeverReturnsWorseThanItsStart() {
        let model = Self.model
        let evaluator = DoseEvaluator(model: model, assignment: model.slots.map { _ in 1 })
        for start in Self.schedules(count: 3, bounds: evaluator.bounds) {
            let before = DoseSearch.score(evaluator.evaluate(units: start))
            let after = DoseSearch.improve(evaluator, from: start)
            #expect(DoseSearch.score(after.evaluation) <= before + 1e-9)
        }
    }
}

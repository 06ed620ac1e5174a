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

    @Test func resumedPassesEqualFullPasses() {
        let model = Self.model
        let evaluator = DoseEvaluator(model: model, assignment: model.slots.map { _ in 0 })
        let schedules = Self.schedules(count: 40, bounds: evaluator.bounds)
        for (base, candidate) in zip(schedules, schedules.dropFirst()) {
            let (_, trace) = evaluator.traced(units: base)
            // Resume at the first dose that differs (what DoseSearch does).
            var point = Int.max
            for i in base.indices where base[i] != candidate[i] { point = min(point, evaluator.doseStartPoint[i]) }
            let resumed = evaluator.evaluate(units: candidate, resuming: trace, at: point == Int.max ? 0 : point)
            let full = evaluator.evaluate(units: candidate)
            #expect(abs(resumed.objective - full.objective) <= 1e-9 * max(1, abs(full.objective)))
            #expect(abs(resumed.violation - full.violation) <= 1e-9)
            #expect(resumed.closedGates == full.closedGates)
        }
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

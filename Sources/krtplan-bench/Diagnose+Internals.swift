#if KRTPLAN_BENCH_TESTABLE && KRTPLAN_BENCH_EXPERIMENTS
// Plan quality against a reference solution of the exported model (HiGHS's optimum): is the gap in
// the fluids or in the orders? Reads {column name: value} JSON written by Benchmarks/highs_solve.py.
import Foundation
import LinearProgramming
@testable import KRTPlanner

extension Experiments {
    static func diagnose(_ inputs: BenchInputs, _ settings: Settings, solutionPath: String) throws -> [String: Any]? {
        try Diagnose.run(inputs, settings, solutionPath: solutionPath)
    }
}

enum Diagnose {
    static func run(_ inputs: BenchInputs, _ settings: Settings, solutionPath: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: solutionPath))
        guard let values = try JSONSerialization.jsonObject(with: data) as? [String: Double] else {
            throw BenchFailure("\(solutionPath): expected {column: value}")
        }
        let planningCase = try inputs.planningCase(inputs.document())
        let options = BenchInputs.options(for: planningCase, timeLimit: settings.planTimeLimit, threads: settings.threads)
        let model = PlanModel(problem: planningCase.problem)
        let names = model.program.variables.map(\.name)
        func value(_ id: Int) -> Double { values[names[id]] ?? 0 }
        let reference = model.slots.map { slot in slot.options.indices.max { value(slot.options[$0].index) < value(slot.options[$1].index) } ?? 0 }
        let referenceUnits = model.doses.map { Int(value($0.units.index).rounded()) }
        let search = try PlanSearch.run(model, options: options)
        let atReference = DoseEvaluator(model: model, assignment: reference)
        let exact = atReference.evaluate(units: referenceUnits)
        let fromPlan = DoseSearch.improve(atReference, from: search.units)
        let fromReference = DoseSearch.improve(atReference, from: referenceUnits)
        var fixed = model.program
        PlanSearch.fix(&fixed, slots: model.slots, partial: reference)
        let relaxation = try? fixed.solve(.init(relaxIntegrality: true))
        let start = model.doses.map { relaxation?.solution?.variableValues[$0.units.index] ?? 0 }
        let fromLP = DoseSearch.improve(atReference, start: start)
        return [
            "planAssignment": search.assignment, "planObjective": search.objective,
            "referenceAssignment": reference, "referenceObjectiveExact": exact.objective, "referenceFeasible": exact.isFeasible,
            "referenceAssignmentEvaluatedByPlanner": search.evaluated.contains { $0.assignment == reference },
            "localSearchFromPlanOrders": fromPlan.evaluation.objective, "fromPlanFeasible": fromPlan.evaluation.isFeasible,
            "fromPlanViolation": fromPlan.evaluation.violation, "fromPlanClosedGates": fromPlan.evaluation.closedGates.count,
            "localSearchFromLPOrders": fromLP.evaluation.objective, "fromLPFeasible": fromLP.evaluation.isFeasible,
            "fromLPViolation": fromLP.evaluation.violation,
            "localSearchFromReferenceOrders": fromReference.evaluation.objective,
            "fromReferenceFeasible": fromReference.evaluation.isFeasible,
            "planUnits": search.units, "referenceUnits": referenceUnits,
        ]
    }
}
#endif

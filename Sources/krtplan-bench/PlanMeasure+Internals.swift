#if KRTPLAN_BENCH_TESTABLE
// The only file of the harness that reaches into KRTPlanner's internals. It mirrors
// `Planner.plan(_:)` step by step so each step can be timed; if the planner's internals change shape,
// this file is the one to update (the debug build compiles it, so `swift build` catches it).
@testable import KRTPlanner

enum PlanMeasure {
    static let mode = "testable build (-enable-testing): model build, search and assembly timed separately"
    static let internalsAvailable = true

    static func run(_ planner: Planner, _ planningCase: PlanningCase) throws -> PlanMeasurement {
        let (model, build) = Clock.measure { PlanModel(problem: planningCase.problem) }
        let (search, searchTime) = try Clock.measure { () throws(PlanSearchError) in
            try RollingHorizon.run(model, options: planner.options)
        }
        let (result, assemble) = try Clock.measure { () throws(PlanningError) in
            try planner.assemble(planningCase, model: model, search: search)
        }
        return PlanMeasurement(
            build: build, search: searchTime, assemble: assemble, total: build + searchTime + assemble,
            phases: search.phaseSeconds.map { (name: $0.phase, seconds: $0.seconds) }, result: result,
            objectiveConstant: model.program.objective.expression.constant, intervals: model.intervals.count)
    }

    /// Model size and build time without planning (for cases too slow to plan in the budget).
    static func size(_ planningCase: PlanningCase) -> [String: Any]? {
        let (model, build) = Clock.measure { PlanModel(problem: planningCase.problem) }
        return ["variables": model.program.variables.count, "constraints": model.program.constraints.count,
                "binaryVariables": model.binaryCount, "integerVariables": model.integerCount,
                "intervals": model.intervals.count, "build": sampleJSON(build)]
    }
}
#endif

import KRTPlanner

/// One timed planning of one case: the parts (when the internals are reachable) and the whole.
struct PlanMeasurement {
    /// `PlanModel(problem:)`: kinetics → LP (internals only).
    var build: Sample?
    /// `PlanSearch.run`: relaxation and first orders, fluid neighbourhood, bound branch-and-cut (internals only).
    var search: Sample?
    /// Plan assembly: re-simulation, limit checks, explanation (internals only).
    var assemble: Sample?
    /// Build + search + assembly, i.e. `Planner.plan`.
    var total: Sample
    /// Wall seconds per search phase, as the search reports them (internals only).
    var phases: [(name: String, seconds: Double)] = []
    var result: PlanResult
    /// The objective's constant (the exported LP has none; HiGHS's optimum is compared without it).
    var objectiveConstant: Double?
    /// Grid intervals (state blocks) of the model (internals only).
    var intervals: Int?

    var json: [String: Any] {
        var entry: [String: Any] = ["total": sampleJSON(total), "status": result.status.rawValue]
        if let build { entry["build"] = sampleJSON(build) }
        if let search { entry["search"] = sampleJSON(search) }
        if let assemble { entry["assemble"] = sampleJSON(assemble) }
        if !phases.isEmpty { entry["phases"] = phases.map { ["name": $0.name, "seconds": $0.seconds] as [String: Any] } }
        if let objectiveConstant { entry["objectiveConstant"] = objectiveConstant }
        if let intervals { entry["intervals"] = intervals }
        if let solver = result.solver {
            entry["variables"] = solver.variables
            entry["constraints"] = solver.constraints
            entry["integerVariables"] = solver.integerVariables
            entry["binaryVariables"] = solver.binaryVariables
            entry["objective"] = solver.objective
            entry["bound"] = solver.bound
            entry["relativeGap"] = solver.relativeGap
            entry["requestedGap"] = solver.requestedGap
            entry["lps"] = solver.lpsSolved
            entry["milps"] = solver.milpsSolved
            entry["assignments"] = solver.nodesExplored
            entry["termination"] = solver.termination
            entry["strategy"] = solver.strategy
        }
        return entry
    }
}

func sampleJSON(_ sample: Sample) -> [String: Any] { ["wall": sample.wall, "cpu": sample.cpu] }

struct BenchFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

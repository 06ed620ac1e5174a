import Foundation
import KRTPlanner
import LinearProgramming

/// The flagship case planned repeatedly in process: case reading, model build, search, assembly.
enum SinglePlanBench {
    static func run(_ inputs: BenchInputs, _ settings: Settings, models: String) throws -> [String: Any] {
        let document = try inputs.document()
        // One warm-up plan (not counted): first-call costs of the runtime and GLPK belong to the CLI figure.
        let warmCase = try inputs.planningCase(document)
        let planner = Planner(catalog: inputs.catalog,
                              options: BenchInputs.options(for: warmCase, timeLimit: settings.planTimeLimit, threads: settings.threads))
        _ = try PlanMeasure.run(planner, warmCase)
        Progress.say("plan: warm-up done; timing up to \(settings.planMaxRuns) runs or \(Int(settings.planBudget)) s")

        let runs = try Clock.repeated(minRuns: settings.planMinRuns, maxRuns: settings.planMaxRuns, budget: settings.planBudget) { run in
            let (planningCase, caseTime) = try Clock.measure { () throws -> PlanningCase in try inputs.planningCase(document) }
            let measurement = try PlanMeasure.run(planner, planningCase)
            Progress.say("plan run \(run + 1): \(Progress.ms(measurement.total.wall)) wall, \(Progress.ms(measurement.total.cpu)) CPU")
            return (caseTime, measurement)
        }
        let measurements = runs.map(\.1)
        guard let last = measurements.last else { throw BenchFailure("no plan runs") }
        var entry: [String: Any] = [
            "case": BenchInputs.flagship, "threads": settings.threads, "mode": PlanMeasure.mode,
            "caseRead": Summary.of(runs.map(\.0)), "total": Summary.of(measurements.map(\.total)),
            "last": last.json,
            "distinctObjectives": Set(measurements.compactMap { $0.result.solver?.objective }).count,
        ]
        if PlanMeasure.internalsAvailable {
            entry["build"] = Summary.of(measurements.compactMap(\.build))
            entry["search"] = Summary.of(measurements.compactMap(\.search))
            entry["assemble"] = Summary.of(measurements.compactMap(\.assemble))
            var phases: [[String: Any]] = []
            for (index, phase) in last.phases.enumerated() {
                let values = measurements.compactMap { $0.phases.indices.contains(index) ? $0.phases[index].seconds : nil }
                phases.append(["name": phase.name, "wall": Summary(values).json])
            }
            entry["phases"] = phases
        }
        let (text, exportTime) = try Clock.measure { () throws -> String in try planner.exportModel(warmCase, format: .cplexLP) }
        let path = models + "/flagship.lp"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        entry["export"] = ["path": path, "seconds": exportTime.wall, "bytes": text.utf8.count] as [String: Any]
        return entry
    }
}

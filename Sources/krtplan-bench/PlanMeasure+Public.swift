#if !KRTPLAN_BENCH_TESTABLE
import KRTPlanner

/// Without testable access only the whole of `Planner.plan` can be timed.
enum PlanMeasure {
    static let mode = "public API only (Planner.plan timed as a whole; no build/search split, no phases)"
    static let internalsAvailable = false

    static func run(_ planner: Planner, _ planningCase: PlanningCase) throws -> PlanMeasurement {
        let (result, total) = try Clock.measure { () throws(PlanningError) in try planner.plan(planningCase) }
        return PlanMeasurement(total: total, result: result)
    }

    static func size(_ planningCase: PlanningCase) -> [String: Any]? { nil }
}
#endif

#if !(KRTPLAN_BENCH_TESTABLE && KRTPLAN_BENCH_EXPERIMENTS)
/// The experiments need the planner's internals; without testable access there are none.
enum Experiments {
    static let available = false

    static func run(_ inputs: BenchInputs, _ settings: Settings) throws -> [String: Any] { [:] }

    static func diagnose(_ inputs: BenchInputs, _ settings: Settings, solutionPath: String) throws -> [String: Any]? { nil }
}
#endif

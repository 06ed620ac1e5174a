#if !KRTPLAN_BENCH_TESTABLE
/// The experiments need the planner's internals; without testable access there are none.
enum Experiments {
    static let available = false

    static func run(_ inputs: BenchInputs, _ settings: Settings) throws -> [String: Any] { [:] }
}
#endif

import Foundation
import LinearProgramming
import Testing

/// Measurements quoted in docs/lp-layer.md. Not assertions: run with
/// `KRTPLAN_LP_BENCH=1 swift test -c release --filter Benchmarks` and read stdout.
@Suite("Benchmarks", .enabled(if: ProcessInfo.processInfo.environment["KRTPLAN_LP_BENCH"] != nil))
struct Benchmarks {
    /// A random sparse LP: `rows` constraints with `perRow` terms each over `columns` variables.
    static func sparse(rows: Int, columns: Int, perRow: Int, seed: UInt64 = 1) -> LinearProgram {
        var random = LCG(state: seed)
        var model = LinearProgram(name: "sparse")
        let x = (0..<columns).map { model.addVariable(name: "x\($0)", bounds: .between(0, 10)) }
        for i in 0..<rows {
            var row = LinearExpression()
            for _ in 0..<perRow { row.add(Double(1 + random.next(below: 9)), x[random.next(below: columns)]) }
            model.addConstraint(row, .atMost(Double(50 + random.next(below: 100))), name: "r\(i)")
        }
        model.maximize(LinearExpression(x.map { ($0, Double(1 + random.next(below: 20))) }))
        return model
    }

    /// Runs `body` `count` times, prints the mean wall time, returns the last result.
    static func time<T>(_ label: String, repeat count: Int = 1, _ body: () throws -> T) rethrows -> T {
        let clock = ContinuousClock()
        let start = clock.now
        var result = try body()
        for _ in 1..<max(count, 1) { result = try body() }
        print("BENCH \(label): \((clock.now - start) / max(count, 1)) per run (\(count) runs)")
        return result
    }

    @Test func buildAndSolve() throws {
        _ = Self.time("build 2,000 rows x 2,000 columns, 20 terms/row", repeat: 5) {
            Self.sparse(rows: 2_000, columns: 2_000, perRow: 20)
        }
        let big = Self.time("build 10,000 x 10,000, 10 terms/row") { Self.sparse(rows: 10_000, columns: 10_000, perRow: 10) }
        _ = Self.time("validate 10,000 x 10,000") { big.validate() }
        let lp500 = Self.sparse(rows: 500, columns: 500, perRow: 20)
        let cold = try Self.time("solve 500 x 500 LP (primal, cold)", repeat: 5) { try lp500.solve() }
        print("BENCH 500 x 500: \(cold.statistics.simplexIterations) iterations, GLPK call \(cold.statistics.wallTime)")
        var changed = lp500
        for row in changed.constraints.prefix(50) { changed.setBounds(.atMost(row.bounds.upper * 0.95), of: row.id) }
        let coldChanged = try Self.time("re-solve 500 x 500 with 50 changed bounds, cold", repeat: 5) { try changed.solve() }
        let warm = try Self.time("re-solve 500 x 500 with 50 changed bounds, warm (dual simplex)", repeat: 5) {
            try changed.solve(SolveOptions(simplexMethod: .dual, warmStart: cold.basis))
        }
        print("BENCH iterations cold \(coldChanged.statistics.simplexIterations), warm \(warm.statistics.simplexIterations)")
        _ = try Self.time("solve 2,000 x 2,000 LP", repeat: 3) { try Self.sparse(rows: 2_000, columns: 2_000, perRow: 20).solve() }
        let tiny = Textbook.wyndor().model
        _ = try Self.time("solve Wyndor (3 x 2) end to end, incl. glp_free_env", repeat: 20_000) { try tiny.solve() }
        _ = try Self.time("knapsack MIP (15 binaries)", repeat: 200) { try Textbook.knapsack().model.solve() }
        _ = try Self.time("export 2,000 x 2,000 as CPLEX LP", repeat: 3) {
            try Self.sparse(rows: 2_000, columns: 2_000, perRow: 20).exportText(.cplexLP)
        }
    }
}

import LinearProgramming
import Testing

@Suite("Warm start")
struct WarmStartTests {
    /// A random dense production LP: max c·x s.t. A x ≤ b, 0 ≤ x ≤ 10.
    static func production(rows: Int = 60, columns: Int = 40, seed: UInt64 = 7) -> LinearProgram {
        var random = LCG(state: seed)
        var model = LinearProgram(name: "production")
        let x = (0..<columns).map { model.addVariable(name: "make\($0)", bounds: .between(0, 10)) }
        for i in 0..<rows {
            let a = x.map { ($0, Double(1 + random.next(below: 20))) }
            model.addConstraint(LinearExpression(a), .atMost(Double(200 + random.next(below: 400))), name: "resource\(i)")
        }
        model.maximize(LinearExpression(x.map { ($0, Double(5 + random.next(below: 30))) }))
        return model
    }

    @Test("Re-solving with the final basis: same optimum, no more iterations than a cold start",
          arguments: [SolveOptions.SimplexMethod.primal, .dual])
    func resolveWithChangedBounds(method: SolveOptions.SimplexMethod) throws {
        var model = Self.production()
        let first = try model.solve(SolveOptions(simplexMethod: method))
        let basis = try #require(first.basis)
        #expect(first.statistics.simplexIterations > 0)

        // Same program: the basis is already optimal.
        let again = try model.solve(SolveOptions(simplexMethod: method, warmStart: basis))
        #expect(again.statistics.warmStart == .used)
        #expect(again.statistics.simplexIterations == 0)
        #expect(approx(again.solution?.objectiveValue, try #require(first.solution).objectiveValue))

        // Changed right-hand sides (what the planner does between re-solves).
        for (k, row) in model.constraints.prefix(10).enumerated() {
            model.setBounds(.atMost(row.bounds.upper * (k.isMultiple(of: 2) ? 0.9 : 1.1)), of: row.id)
        }
        let cold = try model.solve(SolveOptions(simplexMethod: method))
        let warm = try model.solve(SolveOptions(simplexMethod: method, warmStart: basis))
        #expect(cold.termination == .optimal && warm.termination == .optimal)
        #expect(warm.statistics.warmStart == .used)
        #expect(approx(warm.solution?.objectiveValue, try #require(cold.solution).objectiveValue))
        #expect(warm.statistics.simplexIterations <= cold.statistics.simplexIterations,
                "warm \(warm.statistics.simplexIterations) vs cold \(cold.statistics.simplexIterations)")
    }

    @Test("An unusable basis is rejected and the solve still succeeds")
    func rejectedBasis() throws {
        let model = Self.production(rows: 8, columns: 6)
        let bogus = Basis(constraints: Array(repeating: .atUpper, count: 8), variables: Array(repeating: .atLower, count: 6))
        let outcome = try model.solve(SolveOptions(warmStart: bogus))
        #expect(outcome.statistics.warmStart == .rejected)
        #expect(approx(outcome.solution?.objectiveValue, try #require(try model.solve().solution).objectiveValue))
    }

    @Test("Mismatched or presolved warm starts are ignored and reported")
    func ignoredBasis() throws {
        let model = Self.production(rows: 8, columns: 6)
        let basis = try #require(try model.solve().basis)
        let wrongSize = Basis(constraints: basis.constraints.dropLast(), variables: basis.variables)
        #expect(try model.solve(SolveOptions(warmStart: wrongSize)).statistics.warmStart == .ignoredSizeMismatch)
        #expect(try model.solve(SolveOptions(presolve: true, warmStart: basis)).statistics.warmStart == .ignoredPresolve)
        #expect(try model.solve().statistics.warmStart == .notRequested)
    }
}

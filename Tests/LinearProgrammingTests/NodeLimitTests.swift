import Testing
@testable import LinearProgramming

/// Node limits (reproducible bounded searches) and known starting points for branch-and-cut.
struct NodeLimitTests {
    @Test func nodeLimitStopsTheSearchReproducibly() throws {
        let model = Textbook.marketSplit()
        let options = SolveOptions(timeLimit: .seconds(30), heuristics: [.simpleRounding, .feasibilityPump], nodeLimit: 50)
        let first = try model.solve(options)
        let second = try model.solve(options)
        #expect(first.termination == .nodeLimit)
        #expect(first.returnCode == .stoppedByApplication)
        #expect(first.statistics.branchAndBoundNodes >= 50)
        #expect(first.statistics.branchAndBoundNodes < 200)
        #expect(first.solution?.objectiveValue == second.solution?.objectiveValue)
        #expect(first.solution?.bestBound == second.solution?.bestBound)
    }

    @Test func aKnownPointBecomesTheFirstIncumbent() throws {
        let (model, items) = Textbook.knapsack()
        let plain = try model.solve(SolveOptions(presolve: false, heuristics: [], nodeLimit: 1))
        let optimum = try model.solve(SolveOptions(presolve: false))
        let known = try #require(optimum.solution?.variableValues)
        let started = try model.solve(SolveOptions(presolve: false, heuristics: [], nodeLimit: 1, mipStart: known))
        #expect(started.solution?.objectiveValue == Textbook.knapsackOptimum())
        #expect((plain.solution?.objectiveValue ?? 0) <= Textbook.knapsackOptimum())
        #expect(items.count == known.count)
    }
}

import LinearProgramming
import Testing

@Suite("Termination and feasibility statuses")
struct TerminationTests {
    /// x + y ≥ 10 with x ≤ 3, y ≤ 4: infeasible.
    static func infeasible(integer: Bool) -> LinearProgram {
        var model = LinearProgram(name: "infeasible")
        let kind: Variable.Kind = integer ? .integer : .continuous
        let x = model.addVariable(name: "x", kind: kind, bounds: .between(0, 3))
        let y = model.addVariable(name: "y", kind: kind, bounds: .between(0, 4))
        model.addConstraint(x + y, .atLeast(10), name: "demand")
        model.minimize(x + y)
        return model
    }

    /// max x + y with x − y ≤ 1: unbounded.
    /// Unbounded in y; with `integer`, x is an integer in [0, 10] (integer variables need finite bounds).
    static func unbounded(integer: Bool) -> LinearProgram {
        var model = LinearProgram(name: "unbounded")
        let x = integer ? model.addVariable(name: "x", kind: .integer, bounds: .between(0, 10)) : model.addVariable(name: "x")
        let y = model.addVariable(name: "y")
        model.addConstraint(x - y, .atMost(1), name: "gap")
        model.maximize(x + y)
        return model
    }

    @Test("Infeasible LP without presolve: rc 0 + GLP_NOFEAS, basis kept")
    func infeasibleLP() throws {
        let outcome = try solved(Self.infeasible(integer: false))
        #expect(outcome.termination == .infeasible)
        #expect(outcome.primalStatus == .noFeasibleSolution)
        #expect(outcome.returnCode == .success && outcome.solverStatus == .noFeasibleSolution)
        #expect(outcome.solution == nil && !outcome.isOptimal)
        #expect(outcome.basis != nil)
    }

    @Test("Infeasible LP with presolve: GLP_ENOPFS → infeasible, no basis")
    func infeasibleLPPresolved() throws {
        let outcome = try solved(Self.infeasible(integer: false), SolveOptions(presolve: true))
        #expect(outcome.termination == .infeasible)
        #expect(outcome.primalStatus == .noFeasibleSolution)
        #expect(outcome.returnCode == .noPrimalFeasibleSolution)
        #expect(outcome.solution == nil && outcome.basis == nil)
    }

    @Test("Infeasible MIP with and without presolve", arguments: [false, true])
    func infeasibleMIP(presolve: Bool) throws {
        let outcome = try solved(Self.infeasible(integer: true), SolveOptions(presolve: presolve))
        #expect(outcome.termination == .infeasible)
        #expect(outcome.primalStatus == .noFeasibleSolution)
        #expect(outcome.solution == nil)
    }

    @Test("Integer-infeasible MIP whose relaxation is feasible")
    func integerInfeasible() throws {
        var model = LinearProgram(name: "parity")
        let x = model.addVariable(name: "x", kind: .integer, bounds: .between(0, 10))
        let y = model.addVariable(name: "y", kind: .integer, bounds: .between(0, 10))
        model.addConstraint(2 * x + 2 * y, .exactly(7), name: "odd")
        for presolve in [false, true] {
            let outcome = try solved(model, SolveOptions(presolve: presolve))
            #expect(outcome.termination == .infeasible, "presolve \(presolve)")
            #expect(outcome.solution == nil)
        }
    }

    @Test("Unbounded LP without presolve: rc 0 + GLP_UNBND, a feasible point")
    func unboundedLP() throws {
        let outcome = try solved(Self.unbounded(integer: false))
        #expect(outcome.termination == .unbounded)
        #expect(outcome.primalStatus == .feasible && outcome.dualStatus == .noFeasibleSolution)
        #expect(outcome.solverStatus == .unbounded)
        #expect(outcome.solution?.residuals.isWithin(1e-9) == true)
        #expect(!outcome.isOptimal)
        #expect(outcome.solution?.shadowPrices == nil)
    }

    @Test("Unbounded LP with presolve: GLP_ENODFS → infeasibleOrUnbounded")
    func unboundedLPPresolved() throws {
        let outcome = try solved(Self.unbounded(integer: false), SolveOptions(presolve: true))
        #expect(outcome.termination == .infeasibleOrUnbounded)
        #expect(outcome.dualStatus == .noFeasibleSolution)
        #expect(outcome.returnCode == .noDualFeasibleSolution)
        #expect(outcome.solution == nil)
    }

    @Test("MIP with unbounded relaxation: infeasibleOrUnbounded", arguments: [false, true])
    func unboundedMIP(presolve: Bool) throws {
        let outcome = try solved(Self.unbounded(integer: true), SolveOptions(presolve: presolve))
        #expect(outcome.termination == .infeasibleOrUnbounded)
        #expect(outcome.solution == nil)
    }

    @Test("An integer variable without finite bounds is refused before GLPK (fuzz finding)")
    func unboundedIntegerIsRefused() throws {
        var model = LinearProgram(name: "wide_integer")
        let x = model.addVariable(name: "x", kind: .integer, bounds: .atMost(100))
        let y = model.addVariable(name: "y", bounds: .between(0, 100))
        model.addConstraint(LinearExpression([(x, 14.875), (y, 1e15)]), .atMost(41), name: "row")
        model.minimize(LinearExpression(y))
        let issues = model.validate()
        #expect(issues.count == 1, "\(issues.map(\.description))")
        #expect(issues.first?.description.contains("integer variable bounds [-inf, 100.0] are not finite within ±1e15") == true)
        #expect(throws: LinearProgrammingError.self) { try model.solve() }
    }

    @Test("Hard MIP stops at the time limit with its incumbent, if any")
    func timeLimitedMIP() throws {
        let model = Textbook.marketSplit()
        let options = SolveOptions(timeLimit: .milliseconds(300), heuristics: [.simpleRounding, .feasibilityPump])
        let outcome = try solved(model, options)
        #expect(outcome.termination == .timeLimit)
        #expect(outcome.returnCode == .timeLimitReached)
        if let solution = outcome.solution {
            #expect(outcome.primalStatus == .feasible)
            #expect(solution.residuals.isWithin(1e-6))
            // The objective has constant 100 and non-negative terms; the bound cannot exceed the incumbent.
            #expect(solution.objectiveValue >= 100 - 1e-9)
            if let bound = solution.bestBound {
                #expect(bound >= 100 - 1e-6 && bound <= solution.objectiveValue + 1e-6)
                #expect(try #require(solution.relativeGap) >= 0)
            }
        } else {
            #expect(outcome.primalStatus == .undefined)
        }
        #expect(outcome.statistics.branchAndBoundNodes > 0)
    }

    @Test("Relative gap limit: gapLimit with an incumbent within the gap")
    func gapLimit() throws {
        // A generous gap makes GLPK stop at the first incumbent it can certify.
        let outcome = try solved(Textbook.marketSplit(rows: 2, columns: 20), SolveOptions(timeLimit: .seconds(20), relativeGap: 0.9))
        #expect([.gapLimit, .optimal].contains(outcome.termination))
        if outcome.termination == .gapLimit {
            let solution = try #require(outcome.solution)
            #expect(try #require(solution.relativeGap) <= 0.9 + 1e-9)
        }
    }

    @Test("Iteration limit on an LP")
    func iterationLimit() throws {
        let (model, _) = Textbook.transportation()
        let outcome = try solved(model, SolveOptions(iterationLimit: 1))
        #expect(outcome.termination == .iterationLimit)
        #expect(outcome.returnCode == .iterationLimitReached)
        // Whether a point exists depends on where the simplex stopped; a solution only with primal feasibility.
        #expect((outcome.solution != nil) == (outcome.primalStatus == .feasible))
    }

    @Test("relaxIntegrality solves the LP relaxation")
    func relaxation() throws {
        let (model, _) = Textbook.knapsack()
        let outcome = try solved(model, SolveOptions(relaxIntegrality: true))
        #expect(outcome.termination == .optimal && !outcome.statistics.solvedAsMIP)
        let solution = try #require(outcome.solution)
        #expect(solution.objectiveValue >= Textbook.knapsackOptimum() - 1e-9)
        #expect(solution.shadowPrices != nil)
    }
}

import LinearProgramming
import Testing

@Suite("Known optima")
struct KnownOptimaTests {
    @Test("Transportation LP (GAMS trnsport): cost 153.675")
    func transportation() throws {
        let (model, shipments) = Textbook.transportation()
        let outcome = try solved(model)
        #expect(outcome.termination == .optimal)
        #expect(outcome.primalStatus == .feasible && outcome.dualStatus == .feasible)
        let solution = try #require(outcome.solution)
        #expect(approx(solution.objectiveValue, 153.675))
        // Every market gets exactly its demand at the optimum, total 900 cases.
        let shipped = shipments.joined().map { solution.value(of: $0) ?? .nan }
        #expect(approx(shipped.reduce(0, +), 900))
        #expect(solution.residuals.isWithin(1e-9))
        #expect(solution.objectiveDiscrepancy <= 1e-9)
        #expect(outcome.statistics.solvedAsMIP == false && outcome.statistics.presolved == false)
    }

    @Test("Maximisation LP (Wyndor Glass): 36 at (2, 6)")
    func wyndor() throws {
        let (model, x, y) = Textbook.wyndor()
        let solution = try #require(try solved(model).solution)
        #expect(approx(solution.objectiveValue, 36))
        #expect(approx(solution.value(of: x), 2))
        #expect(approx(solution.value(of: y), 6))
    }

    @Test("0/1 knapsack MIP matches dynamic programming", arguments: [false, true])
    func knapsack(presolve: Bool) throws {
        let (model, items) = Textbook.knapsack()
        let outcome = try solved(model, SolveOptions(presolve: presolve, cuts: .all))
        #expect(outcome.termination == .optimal)
        #expect(outcome.statistics.solvedAsMIP)
        let solution = try #require(outcome.solution)
        #expect(approx(solution.objectiveValue, Textbook.knapsackOptimum()))
        #expect(solution.residuals.maxIntegralityViolation <= 1e-9)
        #expect(solution.shadowPrices == nil && solution.reducedCosts == nil)
        #expect(approx(solution.bestBound, solution.objectiveValue) && solution.relativeGap == 0)
        let weight = zip(items, Textbook.knapsackWeights).reduce(0.0) { $0 + (solution.value(of: $1.0) ?? .nan) * Double($1.1) }
        #expect(weight <= Double(Textbook.knapsackCapacity) + 1e-9)
    }

    @Test("Degenerate LP (Beale's cycling example): −1.25")
    func degenerate() throws {
        var model = LinearProgram(name: "beale")
        let x4 = model.addVariable(name: "x4"), x5 = model.addVariable(name: "x5")
        let x6 = model.addVariable(name: "x6"), x7 = model.addVariable(name: "x7")
        model.addConstraint(0.25 * x4 - 8 * x5 - x6 + 9 * x7, .atMost(0), name: "r1")
        model.addConstraint(0.5 * x4 - 12 * x5 - 0.5 * x6 + 3 * x7, .atMost(0), name: "r2")
        model.addConstraint(LinearExpression(x6), .atMost(1), name: "r3")
        model.minimize(-0.75 * x4 + 20 * x5 - 0.5 * x6 + 6 * x7)
        for method in [SolveOptions.SimplexMethod.primal, .dual, .dualThenPrimal] {
            let solution = try #require(try solved(model, SolveOptions(simplexMethod: method)).solution)
            #expect(approx(solution.objectiveValue, -1.25), "method \(method)")
            #expect(solution.residuals.isWithin(1e-9))
        }
    }

    @Test("Equality-constrained LP with objective constant: 14 + 2.5")
    func equalities() throws {
        var model = LinearProgram(name: "equalities")
        let x = model.addVariable(name: "x"), y = model.addVariable(name: "y"), z = model.addVariable(name: "z")
        model.addConstraint(x + y + z, .exactly(10), name: "total")
        model.addConstraint(x - y + 1, .exactly(3), name: "difference") // x − y = 2
        model.minimize(x + 2 * y + 3 * z + 2.5)
        let solution = try #require(try solved(model).solution)
        #expect(approx(solution.objectiveValue, 16.5))
        #expect(approx(solution.value(of: x), 6) && approx(solution.value(of: y), 4) && approx(solution.value(of: z), 0))
        // Activities include the expression's constant.
        #expect(approx(solution.activity(of: try #require(model.constraint(named: "difference"))), 3))
        #expect(solution.bindingConstraints.map(\.side) == [.fixed, .fixed])
    }

    @Test("Bounds of every kind, fixed and free variables, negative ranges")
    func boundKinds() throws {
        var model = LinearProgram(name: "bound_kinds")
        let free = model.addVariable(name: "unbounded", bounds: .free)
        let fixed = model.addVariable(name: "fixed", bounds: .exactly(-2))
        let ranged = model.addVariable(name: "ranged", bounds: .between(-3, -1))
        let capped = model.addVariable(name: "capped", bounds: .atMost(5))
        let count = model.addVariable(name: "count", kind: .integer, bounds: .between(-4, 7))
        model.addConstraint(free - capped, .between(-1, 1), name: "link")
        model.addConstraint(count + ranged, .atLeast(0.5), name: "floor")
        model.maximize(free + fixed + ranged - count)
        let solution = try #require(try solved(model).solution)
        // capped = 5, free = 6, fixed = −2, ranged = −1, count = 2 (integer ≥ 1.5) → 6 − 2 − 1 − 2 = 1.
        #expect(approx(solution.objectiveValue, 1))
        #expect(approx(solution.value(of: count), 2))
        #expect(approx(solution.value(of: free), 6))
    }

    @Test("Empty program solves to its constant")
    func empty() throws {
        var model = LinearProgram(name: "empty")
        model.minimize(LinearExpression(constant: 4))
        let outcome = try solved(model)
        #expect(outcome.termination == .optimal)
        #expect(approx(outcome.solution?.objectiveValue, 4))
    }
}

import LinearProgramming
import Testing

/// Two-phase keeps the total violation minimal only to within its tolerance (1e-7
/// relative), and GLPK's own feasibility tolerance is 1e-7: compare amounts to 1e-6.
private func close(_ a: Double?, _ b: Double) -> Bool { approx(a, b, 1e-6) }

@Suite("Elastic re-solve")
struct ElasticTests {
    /// minimise x + 2y s.t. demand: x + y ≥ 10, capX: x ≤ 3, capY: y ≤ 4. Infeasible by 3.
    static func shortage() -> (model: LinearProgram, x: Variable.ID, y: Variable.ID) {
        var model = LinearProgram(name: "shortage")
        let x = model.addVariable(name: "x"), y = model.addVariable(name: "y")
        model.addConstraint(x + y, .atLeast(10), name: "demand")
        model.addConstraint(LinearExpression(x), .atMost(3), name: "capX")
        model.addConstraint(LinearExpression(y), .atMost(4), name: "capY")
        model.minimize(x + 2 * y)
        return (model, x, y)
    }

    func id(_ model: LinearProgram, _ name: String) throws -> Constraint.ID {
        try #require(model.constraint(named: name))
    }

    @Test("Relaxing one constraint names it, its side and the amount")
    func relaxDemand() throws {
        let (model, x, y) = Self.shortage()
        #expect(try model.solve().termination == .infeasible)
        let result = try model.solveElastic(ElasticRelaxation(constraints: [try id(model, "demand")]))
        #expect(result.outcome.termination == .optimal)
        #expect(result.violations.count == 1)
        let violation = try #require(result.violations.first)
        #expect(violation.name == "demand" && violation.side == .lower && violation.bound == 10)
        #expect(close(violation.amount, 3))
        #expect(close(result.totalPenalty, 3))
        let solution = try #require(result.outcome.solution)
        #expect(close(solution.value(of: x), 3) && close(solution.value(of: y), 4)) // original ids still valid
        #expect(close(result.originalObjectiveValue, 11) && result.originalObjectiveApplied)
    }

    @Test("Penalties choose which constraint gives way; the original objective breaks ties")
    func penaltiesAndSecondaryObjective() throws {
        let (model, x, y) = Self.shortage()
        var relaxation = ElasticRelaxation(constraints: [])
        relaxation.relax(.constraint(try id(model, "capX")), penalty: 1)
        relaxation.relax(.constraint(try id(model, "capY")), penalty: 1)
        // Equal penalties: any split of the 3 missing units is minimal; phase 2 prefers the cheaper x.
        let result = try model.solveElastic(relaxation)
        #expect(result.violations.map(\.name) == ["capX"])
        #expect(result.violations.first?.side == .upper && close(result.violations.first?.amount, 3))
        let solution = try #require(result.outcome.solution)
        #expect(close(solution.value(of: x), 6) && close(solution.value(of: y), 4))

        relaxation.relax(.constraint(try id(model, "capX")), penalty: 5)
        let costlier = try model.solveElastic(relaxation)
        #expect(costlier.violations.map(\.name) == ["capY"] && close(costlier.violations.first?.amount, 3))
    }

    @Test("Weighted mode gives the same violations for a small objective weight")
    func weighted() throws {
        let (model, _, _) = Self.shortage()
        let relaxation = ElasticRelaxation(
            constraints: [try id(model, "capX"), try id(model, "capY")], penalty: 100,
            mode: .weighted(originalObjectiveWeight: 1))
        let result = try model.solveElastic(relaxation)
        #expect(result.violations.map(\.name) == ["capX"] && close(result.violations.first?.amount, 3))
        #expect(close(result.totalPenalty, 300))
    }

    @Test("Variable bounds can be relaxed; binaries cannot")
    func variableBounds() throws {
        var model = LinearProgram(name: "bounded")
        let x = model.addVariable(name: "x", bounds: .between(0, 3))
        let y = model.addVariable(name: "y", kind: .integer, bounds: .between(0, 4))
        let b = model.addVariable(name: "b", kind: .binary)
        model.addConstraint(x + y + b, .atLeast(10), name: "demand")
        model.minimize(x + y)
        let result = try model.solveElastic(ElasticRelaxation(constraints: [], variableBounds: [x]))
        #expect(result.violations.count == 1)
        let violation = try #require(result.violations.first)
        #expect(violation.target == .variableBounds(x) && violation.name == "x" && violation.side == .upper)
        #expect(close(violation.amount, 2)) // y = 4, b = 1, x = 5
        #expect(close(result.outcome.solution?.value(of: y), 4))

        #expect {
            try model.solveElastic(ElasticRelaxation(constraints: [], variableBounds: [b]))
        } throws: { error in
            guard case LinearProgrammingError.invalidModel(let issues) = error else { return false }
            return issues.contains { $0.kind == .cannotRelaxBinaryBounds }
        }
    }

    @Test("Equality constraints are relaxed on whichever side is violated")
    func equality() throws {
        var model = LinearProgram(name: "eq")
        let x = model.addVariable(name: "x", bounds: .between(0, 2))
        let row = model.addConstraint(x + 1, .exactly(5), name: "target") // would need x = 4 > 2
        let result = try model.solveElastic(ElasticRelaxation(constraints: [row]))
        #expect(result.violations.count == 1)
        #expect(result.violations.first?.side == .lower && close(result.violations.first?.amount, 2)) // x = 2: 3 < 5
    }

    @Test("A feasible program reports no violations; bad requests are rejected")
    func feasibleAndInvalid() throws {
        let (model, _, _) = Textbook.wyndor()
        let all = model.constraints.map(\.id)
        let result = try model.solveElastic(ElasticRelaxation(constraints: all))
        #expect(result.violations.isEmpty && close(result.originalObjectiveValue, 36))

        var other = LinearProgram(name: "other")
        let foreign = other.addConstraint(LinearExpression(), .free, name: "c")
        #expect(throws: LinearProgrammingError.self) {
            try model.solveElastic(ElasticRelaxation(constraints: [foreign]))
        }
        #expect(throws: LinearProgrammingError.self) {
            try model.solveElastic(ElasticRelaxation(constraints: all, penalty: -1))
        }
    }

    @Test("Hard constraints left unrelaxed can keep the elastic program infeasible")
    func stillInfeasible() throws {
        let (model, _, _) = Self.shortage()
        let result = try model.solveElastic(ElasticRelaxation(constraints: [try id(model, "capX")], penalty: 1))
        // x may exceed 3 freely, so this one is feasible…
        #expect(result.outcome.termination == .optimal)
        // …but with x also bounded as a variable it is not.
        var tight = model
        tight.setBounds(.between(0, 3), of: try #require(model.variable(named: "x")))
        let stuck = try tight.solveElastic(ElasticRelaxation(constraints: [try id(model, "capY")]))
        #expect(stuck.outcome.termination == .optimal && close(stuck.violations.first?.amount, 3))
        let none = try tight.solveElastic(ElasticRelaxation(constraints: [try id(model, "capX")]))
        #expect(none.outcome.termination == .infeasible && none.violations.isEmpty && none.totalPenalty == nil)
    }
}

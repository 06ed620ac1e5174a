import LinearProgramming
import Testing

@Suite("Duals, reduced costs, binding constraints, residuals")
struct SensitivityTests {
    /// One variable, one constraint `2x (≥ or ≤) 10`, objective `x`.
    static func tiny(_ sense: Objective.Sense) -> (LinearProgram, Variable.ID, Constraint.ID) {
        var model = LinearProgram(name: "tiny")
        let x = model.addVariable(name: "x", bounds: .free)
        let row = model.addConstraint(2 * x, sense == .minimize ? .atLeast(10) : .atMost(10), name: "limit")
        model.objective = Objective(sense, LinearExpression(x))
        return (model, x, row)
    }

    @Test("Row dual is ∂objective/∂bound in the problem's own sense", arguments: [Objective.Sense.minimize, .maximize])
    func rowDualSign(sense: Objective.Sense) throws {
        let (model, x, row) = Self.tiny(sense)
        let solution = try #require(try model.solve().solution)
        #expect(approx(solution.value(of: x), 5))
        #expect(approx(solution.shadowPrice(of: row), 0.5)) // +0.5 for min (2x ≥ 10) and max (2x ≤ 10)
        #expect(approx(solution.reducedCost(of: x), 0))      // basic
    }

    @Test("Reduced costs: ≥ 0 at a lower bound when minimising, ≤ 0 when maximising")
    func reducedCostSign() throws {
        var minimise = LinearProgram(name: "rc_min")
        let x1 = minimise.addVariable(name: "x"), y1 = minimise.addVariable(name: "y")
        let cover = minimise.addConstraint(x1 + y1, .atLeast(4), name: "cover")
        minimise.minimize(3 * x1 + y1)
        let s1 = try #require(try minimise.solve().solution)
        #expect(approx(s1.value(of: y1), 4) && approx(s1.value(of: x1), 0))
        #expect(approx(s1.shadowPrice(of: cover), 1))
        #expect(approx(s1.reducedCost(of: x1), 2)) // 3 − 1·1

        var maximise = LinearProgram(name: "rc_max")
        let x2 = maximise.addVariable(name: "x"), y2 = maximise.addVariable(name: "y")
        let cap = maximise.addConstraint(x2 + y2, .atMost(4), name: "cap")
        maximise.maximize(2 * x2 + 3 * y2)
        let s2 = try #require(try maximise.solve().solution)
        #expect(approx(s2.shadowPrice(of: cap), 3))
        #expect(approx(s2.reducedCost(of: x2), -1)) // 2 − 1·3
        #expect(s2.variablesAtBounds.map(\.name) == ["x"])
        #expect(s2.variablesAtBounds.first?.side == .lower && approx(s2.variablesAtBounds.first?.reducedCost, -1))
    }

    @Test("Shadow prices predict the objective change of a small bound change")
    func shadowPricesByPerturbation() throws {
        let (model, _, _) = Textbook.wyndor()
        let base = try #require(try model.solve().solution)
        for name in ["plant1", "plant2", "plant3"] {
            let row = try #require(model.constraint(named: name))
            let bound = try #require(model[row]).bounds.upper
            var perturbed = model
            perturbed.setBounds(.atMost(bound + 0.01), of: row)
            let moved = try #require(try perturbed.solve().solution)
            let predicted = (base.shadowPrice(of: row) ?? .nan) * 0.01
            #expect(approx(moved.objectiveValue - base.objectiveValue, predicted, 1e-7), "\(name)")
        }
    }

    @Test("Binding constraints name the active side and carry shadow prices")
    func bindingConstraints() throws {
        let (model, _, _) = Textbook.wyndor()
        let solution = try #require(try model.solve().solution)
        #expect(solution.bindingConstraints.map(\.name) == ["plant2", "plant3"])
        #expect(solution.bindingConstraints.allSatisfy { $0.side == .upper })
        #expect(solution.bindingConstraints.map(\.shadowPrice) == [1.5, 1])
        #expect(solution.variablesAtBounds.isEmpty)

        let (transport, _) = Textbook.transportation()
        let shipped = try #require(try transport.solve().solution)
        let demand = shipped.bindingConstraints.filter { $0.name.hasPrefix("demand.") }
        #expect(demand.count == 3 && demand.allSatisfy { $0.side == .lower })
    }

    @Test("The residual checker reports corrupted points")
    func residualChecker() throws {
        let (model, x, y) = Textbook.wyndor()
        let solution = try #require(try model.solve().solution)
        #expect(solution.residuals.largestViolation <= 1e-9)

        var corrupted = solution.variableValues
        corrupted[x.index] = 3 // 3·3 + 2·6 = 21 > 18
        let rows = model.residuals(at: corrupted)
        #expect(approx(rows.maxConstraintViolation, 3))
        #expect(rows.worstConstraint == model.constraint(named: "plant3"))
        #expect(approx(rows.objectiveValue, 39))

        corrupted[y.index] = -1
        let bounds = model.residuals(at: corrupted)
        #expect(approx(bounds.maxBoundViolation, 1) && bounds.worstBoundVariable == y)

        #expect(model.residuals(at: [2]).largestViolation == .infinity) // missing value counts as NaN

        let (knapsack, items) = Textbook.knapsack()
        var fractional = try #require(try knapsack.solve().solution).variableValues
        fractional[items[3].index] = 0.25
        let integrality = knapsack.residuals(at: fractional)
        #expect(approx(integrality.maxIntegralityViolation, 0.25) && integrality.worstIntegerVariable == items[3])
        #expect(knapsack.residuals(at: fractional, checkIntegrality: false).maxIntegralityViolation == 0)
    }
}

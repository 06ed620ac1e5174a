extension LinearProgram {
    /// Solves a penalty-relaxed copy of the program: the least-violating point, and which
    /// constraints or bounds it violates by how much (per side). Used to explain why a
    /// program is infeasible.
    ///
    /// ```swift
    /// let relaxed = try model.solveElastic(ElasticRelaxation(constraints: [kCeiling, kFloor], penalty: 10))
    /// for v in relaxed.violations { print(v.name, v.side, v.amount) }
    /// ```
    /// Targets not listed stay hard, so the relaxed program can still be infeasible
    /// (check `outcome.termination`).
    /// - Throws: ``LinearProgrammingError/invalidModel(_:)`` for an invalid program or
    ///   relaxation (unknown ids, non-positive penalties, binary bounds, names clashing
    ///   with the generated `elastic.*` names), and whatever ``solve(_:)`` throws.
    public func solveElastic(_ relaxation: ElasticRelaxation, options: SolveOptions = SolveOptions())
        throws(LinearProgrammingError) -> ElasticOutcome
    {
        let issues = relaxation.issues(for: self)
        guard issues.isEmpty else { throw .invalidModel(validate() + issues) }

        var elastic = self
        var slacks: [Slack] = []
        for (target, penalty) in relaxation.penalties.sorted(by: { $0.key < $1.key }) {
            elastic.addSlacks(for: target, penalty: penalty, into: &slacks)
        }
        let penaltyTotal = LinearExpression(slacks.map { ($0.variable, $0.penalty) })

        switch relaxation.mode {
        case .weighted(let weight):
            var combined = penaltyTotal
            combined.add(objective.expression, scaledBy: objective.sense == .minimize ? weight : -weight)
            elastic.minimize(combined)
            let outcome = try elastic.solve(options)
            return report(outcome, of: elastic, slacks: slacks, tolerance: options.bindingTolerance, applied: weight > 0)

        case .twoPhase(let tolerance):
            elastic.minimize(penaltyTotal)
            let first = try elastic.solve(options)
            guard let minimum = first.solution?.objectiveValue, first.termination == .optimal else {
                return report(first, of: elastic, slacks: slacks, tolerance: options.bindingTolerance, applied: false)
            }
            var second = elastic
            second.addConstraint(penaltyTotal, .atMost(minimum + tolerance * Swift.max(1, abs(minimum))), name: "elastic.total")
            second.objective = objective
            var secondOptions = options
            if let basis = first.basis {
                secondOptions.warmStart = Basis(constraints: basis.constraints + [.basic], variables: basis.variables)
            }
            let outcome = try second.solve(secondOptions)
            guard outcome.solution != nil else {
                return report(first, of: elastic, slacks: slacks, tolerance: options.bindingTolerance, applied: false)
            }
            return report(outcome, of: second, slacks: slacks, tolerance: options.bindingTolerance, applied: true)
        }
    }

    /// A slack variable added for one side of one target.
    private struct Slack {
        var target: ElasticRelaxation.Target
        var name: String
        var side: BoundSide
        var bound: Double
        var penalty: Double
        var variable: Variable.ID
    }

    private mutating func addSlacks(for target: ElasticRelaxation.Target, penalty: Double, into slacks: inout [Slack]) {
        let row: Constraint.ID, label: String, name: String
        switch target {
        case .constraint(let id):
            (row, label, name) = (id, "c\(id.index)", constraints[id.index].name)
        case .variableBounds(let id):
            let variable = variables[id.index]
            label = "x\(id.index)"
            name = variable.name
            row = addConstraint(LinearExpression(id), variable.bounds, name: "elastic.bound.\(label)")
            setBounds(.free, of: id)
        }
        let bounds = constraints[row.index].bounds
        for (side, bound, sign) in [(BoundSide.lower, bounds.lower, 1.0), (.upper, bounds.upper, -1.0)] where bound.isFinite {
            let slack = addVariable(name: "elastic.\(side == .lower ? "lo" : "up").\(label)", bounds: .atLeast(0))
            appendTerm(sign, slack, to: row)
            slacks.append(Slack(target: target, name: name, side: side, bound: bound, penalty: penalty, variable: slack))
        }
    }

    private func report(
        _ outcome: SolveOutcome, of program: LinearProgram, slacks: [Slack], tolerance: Double, applied: Bool
    ) -> ElasticOutcome {
        guard let solution = outcome.solution else {
            return ElasticOutcome(
                outcome: outcome, program: program, violations: [], totalPenalty: nil,
                originalObjectiveValue: nil, originalObjectiveApplied: false)
        }
        var violations: [ElasticOutcome.Violation] = []
        var total = 0.0
        for slack in slacks {
            let amount = solution.variableValues[slack.variable.index]
            total += slack.penalty * amount
            guard amount > tolerance * Swift.max(1, abs(slack.bound)) else { continue }
            violations.append(ElasticOutcome.Violation(
                target: slack.target, name: slack.name, side: slack.side, amount: amount,
                bound: slack.bound, penalty: slack.penalty))
        }
        violations.sort { ($0.penalty * $0.amount, $1.name) > ($1.penalty * $1.amount, $0.name) }
        return ElasticOutcome(
            outcome: outcome, program: program, violations: violations, totalPenalty: total,
            originalObjectiveValue: objective.expression.value(at: solution.variableValues),
            originalObjectiveApplied: applied)
    }
}

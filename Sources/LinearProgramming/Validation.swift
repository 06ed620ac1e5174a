extension LinearProgram {
    /// Magnitudes GLPK handles without overflow: nonzero coefficients in `coefficients`, nonzero
    /// bounds and constants in `values`. Outside them GLPK's presolver computes implied bounds such
    /// as 1e298 / 1e-307, overflows and asserts, and its MPS writer cannot fit a number like
    /// -8.2e-304 into 12 characters and asserts (found by fuzzing; docs/safety.md).
    public static let safeMagnitudes = (coefficients: 1e-100...1e30, values: 1e-100...1e30)

    /// 0, or a magnitude inside `safeMagnitudes.values`.
    static func isSafeValue(_ value: Double) -> Bool { value == 0 || safeMagnitudes.values.contains(abs(value)) }
    /// Where integer variables must keep their (finite) bounds: doubles represent every integer only
    /// below 2^53, and GLPK's integrality test asserts when a relaxation value lies beyond 2^52.
    public static let integerRange = -1e15...1e15

    /// Every problem of the program, found before any GLPK call.
    ///
    /// Checks: non-finite numbers (coefficients, constants, bounds), magnitudes outside
    /// ``safeMagnitudes``, inverted bounds,
    /// terms with variables of another program, names (empty, duplicate, too long,
    /// outside ``ModelName``'s rules), integer variables with fractional bounds or without finite
    /// bounds inside ``integerRange``, binary
    /// variables with bounds outside [0, 1], sizes beyond GLPK's `int` indices, and
    /// edits made with foreign ids. Empty means the program can be handed to GLPK.
    /// O(variables + constraints + non-zeros).
    public func validate() -> [ModelIssue] {
        var issues = buildIssues
        for kind in ModelName.issues(of: name) { issues.append(ModelIssue(.program, kind)) }
        for kind in ModelName.issues(of: objective.name) { issues.append(ModelIssue(.objective, kind)) }
        checkExpression(objective.expression, subject: .objective, into: &issues)

        for variable in variables {
            let subject = ModelIssue.Subject.variable(variable.id, name: variable.name)
            for kind in ModelName.issues(of: variable.name) { issues.append(ModelIssue(subject, kind)) }
            checkBounds(variable.bounds, subject: subject, into: &issues)
            if variable.kind != .continuous {
                checkIntegerBounds(variable, subject: subject, into: &issues)
            }
        }
        var nonZeros = 0
        for constraint in constraints {
            let subject = ModelIssue.Subject.constraint(constraint.id, name: constraint.name)
            for kind in ModelName.issues(of: constraint.name) { issues.append(ModelIssue(subject, kind)) }
            checkBounds(constraint.bounds, subject: subject, into: &issues)
            checkExpression(constraint.expression, subject: subject, into: &issues)
            nonZeros += constraint.expression.storedTermCount
        }
        let limit = Int(Int32.max) - 1
        for (what, count) in [("variables", variables.count), ("constraints", constraints.count), ("non-zeros", nonZeros)]
        where count > limit {
            issues.append(ModelIssue(.program, .tooLarge(what: what, count: count)))
        }
        return issues
    }

    private func checkBounds(_ bounds: Bounds, subject: ModelIssue.Subject, into issues: inout [ModelIssue]) {
        let (first, second) = bounds.carriedValues
        for value in [first, second].compactMap({ $0 }) {
            if !value.isFinite {
                issues.append(ModelIssue(subject, .nonFiniteBound(value)))
            } else if !Self.isSafeValue(value) {
                issues.append(ModelIssue(subject, .magnitudeOutOfRange(what: "bound", value: value)))
            }
        }
        if case .between(let lower, let upper) = bounds, lower > upper {
            issues.append(ModelIssue(subject, .invertedBounds(lower: lower, upper: upper)))
        }
    }

    private func checkIntegerBounds(_ variable: Variable, subject: ModelIssue.Subject, into issues: inout [ModelIssue]) {
        let (first, second) = variable.bounds.carriedValues
        for value in [first, second].compactMap({ $0 }) where value.isFinite && value.rounded() != value {
            issues.append(ModelIssue(subject, .nonIntegerBound(value)))
        }
        let lower = variable.bounds.lower, upper = variable.bounds.upper
        if variable.kind == .binary, !(lower >= 0 && upper <= 1) {
            issues.append(ModelIssue(subject, .binaryBoundsOutsideUnitInterval(lower: lower, upper: upper)))
        }
        if variable.kind == .integer, !(LinearProgram.integerRange.contains(lower) && LinearProgram.integerRange.contains(upper)) {
            issues.append(ModelIssue(subject, .integerRangeTooWide(lower: lower, upper: upper)))
        }
    }

    private func checkExpression(_ expression: LinearExpression, subject: ModelIssue.Subject, into issues: inout [ModelIssue]) {
        if !expression.constant.isFinite {
            issues.append(ModelIssue(subject, .nonFiniteConstant(expression.constant)))
        } else if !Self.isSafeValue(expression.constant) {
            issues.append(ModelIssue(subject, .magnitudeOutOfRange(what: "constant", value: expression.constant)))
        }
        for term in expression.terms {
            guard owns(term.variable) else {
                issues.append(ModelIssue(subject, .unknownVariable(term.variable)))
                continue
            }
            if !term.coefficient.isFinite {
                let variableName = variables[term.variable.index].name
                issues.append(ModelIssue(subject, .nonFiniteCoefficient(variable: variableName, value: term.coefficient)))
            } else if !Self.safeMagnitudes.coefficients.contains(abs(term.coefficient)) {
                let variableName = variables[term.variable.index].name
                issues.append(ModelIssue(subject, .magnitudeOutOfRange(what: "coefficient of '\(variableName)'", value: term.coefficient)))
            }
        }
    }
}

extension LinearProgram {
    /// Whether `basis` makes a variable basic that appears in no constraint. Such a basis is singular,
    /// and GLPK's factorizer asserts on an empty basic column (`k1 < k2`, bflib/sgf.c) instead of
    /// reporting it (found by fuzzing): the solve treats it as rejected and starts from a fresh basis.
    func basisHasEmptyBasicColumn(_ basis: Basis) -> Bool {
        guard basis.variables.count == variables.count else { return false }
        let basic = Set(basis.variables.indices.filter { basis.variables[$0] == .basic })
        guard !basic.isEmpty else { return false }
        var used = Set<Int>()
        for constraint in constraints {
            for term in constraint.expression.terms where owns(term.variable) { used.insert(term.variable.index) }
        }
        return !basic.isSubset(of: used)
    }
}

/// An independent check of a point against the program, recomputed in Swift from the
/// model (not from GLPK's own numbers). Every solve with a solution runs it, because
/// presolve and scaling bugs in solvers are real. All violations are absolute, in the
/// units of the bound concerned; NaN values count as infinitely violated.
public struct Residuals: Sendable, Hashable {
    /// Largest distance of a variable outside its bounds.
    public let maxBoundViolation: Double
    /// The variable with that violation (nil when there is none).
    public let worstBoundVariable: Variable.ID?
    /// Largest distance of a constraint's expression (constant included) outside its bounds.
    public let maxConstraintViolation: Double
    /// The constraint with that violation.
    public let worstConstraint: Constraint.ID?
    /// Largest distance of an integer or binary variable from the nearest integer
    /// (0 when integrality was not checked).
    public let maxIntegralityViolation: Double
    /// The variable with that violation.
    public let worstIntegerVariable: Variable.ID?
    /// The objective (constant included) recomputed at the point.
    public let objectiveValue: Double

    /// The largest of the three violations.
    public var largestViolation: Double {
        Swift.max(maxBoundViolation, maxConstraintViolation, maxIntegralityViolation)
    }

    /// Whether every violation is at most `tolerance`.
    public func isWithin(_ tolerance: Double) -> Bool { largestViolation <= tolerance }
}

extension LinearProgram {
    /// Checks a point against the bounds, the constraints and (optionally) integrality.
    ///
    /// - Parameters:
    ///   - values: one value per variable, by ``Variable/ID/index``; missing values count as NaN.
    ///   - checkIntegrality: also measure integer/binary variables' distance from integers.
    public func residuals(at values: [Double], checkIntegrality: Bool = true) -> Residuals {
        var worstBound = (violation: 0.0, id: Variable.ID?.none)
        var worstIntegrality = (violation: 0.0, id: Variable.ID?.none)
        for variable in variables {
            let value = values.indices.contains(variable.id.index) ? values[variable.id.index] : .nan
            let violation = variable.bounds.violation(of: value)
            if violation > worstBound.violation { worstBound = (violation, variable.id) }
            if checkIntegrality, variable.kind != .continuous {
                let distance = value.isFinite ? abs(value - value.rounded()) : .infinity
                if distance > worstIntegrality.violation { worstIntegrality = (distance, variable.id) }
            }
        }
        var worstRow = (violation: 0.0, id: Constraint.ID?.none)
        for constraint in constraints {
            let violation = constraint.bounds.violation(of: constraint.expression.value(at: values))
            if violation > worstRow.violation { worstRow = (violation, constraint.id) }
        }
        return Residuals(
            maxBoundViolation: worstBound.violation,
            worstBoundVariable: worstBound.id,
            maxConstraintViolation: worstRow.violation,
            worstConstraint: worstRow.id,
            maxIntegralityViolation: worstIntegrality.violation,
            worstIntegerVariable: worstIntegrality.id,
            objectiveValue: objective.expression.value(at: values)
        )
    }
}

/// A feasible point found by the solver, with sensitivity information and checks.
///
/// **Sign conventions (LP only, optimal solves):**
/// - ``shadowPrices``: GLPK's row dual, `∂(objective value)/∂(bound)` of the active
///   bound of the constraint, in the problem's own sense, for minimise and maximise
///   alike. `min x s.t. 2x ≥ 10` → +0.5 (raising the floor raises the cost);
///   `max x s.t. 2x ≤ 10` → +0.5 (raising the ceiling raises the profit).
///   0 for constraints that are not binding.
/// - ``reducedCosts``: GLPK's column dual `d_j = c_j − Σ_i a_ij·π_i`, i.e. the change of
///   the objective per unit of the variable moved off its active bound
///   (`∂objective/∂bound` for a variable at a bound; 0 for basic variables).
///   At an optimum of a minimisation `d_j ≥ 0` at a lower bound; of a maximisation `d_j ≤ 0`.
public struct Solution: Sendable {
    let program: UInt64

    /// Objective value, constant included.
    public let objectiveValue: Double
    /// Value of each variable, by ``Variable/ID/index``.
    public let variableValues: [Double]
    /// Value of each constraint's expression (its constant included), by ``Constraint/ID/index``.
    public let constraintActivities: [Double]
    /// Row duals (see the sign convention above); nil unless an LP solved to optimality.
    public let shadowPrices: [Double]?
    /// Column reduced costs (see above); nil unless an LP solved to optimality.
    public let reducedCosts: [Double]?
    /// MIP: the best bound on the optimal objective (equal to ``objectiveValue`` when
    /// optimal); nil for an LP or when no bound is known.
    public let bestBound: Double?
    /// MIP: `|objectiveValue − bestBound| / (|objectiveValue| + DBL_EPSILON)`, GLPK's definition.
    public let relativeGap: Double?
    /// Constraints whose activity sits at a finite bound (within ``SolveOptions/bindingTolerance``).
    public let bindingConstraints: [BindingConstraint]
    /// Variables whose value sits at a finite bound.
    public let variablesAtBounds: [VariableAtBound]
    /// The independent check of this point against the model.
    public let residuals: Residuals

    /// |objective recomputed in Swift − objective reported by GLPK|.
    public var objectiveDiscrepancy: Double { abs(residuals.objectiveValue - objectiveValue) }

    /// The value of a variable; nil for an id of another program.
    public func value(of variable: Variable.ID) -> Double? {
        variable.program == program && variableValues.indices.contains(variable.index)
            ? variableValues[variable.index] : nil
    }

    /// The activity of a constraint (constant included); nil for a foreign id.
    public func activity(of constraint: Constraint.ID) -> Double? {
        constraint.program == program && constraintActivities.indices.contains(constraint.index)
            ? constraintActivities[constraint.index] : nil
    }

    /// The shadow price of a constraint; nil without duals or for a foreign id.
    public func shadowPrice(of constraint: Constraint.ID) -> Double? {
        guard let shadowPrices, constraint.program == program, shadowPrices.indices.contains(constraint.index)
        else { return nil }
        return shadowPrices[constraint.index]
    }

    /// The reduced cost of a variable; nil without duals or for a foreign id.
    public func reducedCost(of variable: Variable.ID) -> Double? {
        guard let reducedCosts, variable.program == program, reducedCosts.indices.contains(variable.index)
        else { return nil }
        return reducedCosts[variable.index]
    }
}

/// A constraint active at one of its bounds.
public struct BindingConstraint: Sendable, Hashable {
    /// The constraint.
    public let id: Constraint.ID
    /// Its name.
    public let name: String
    /// Which bound is active (``BoundSide/fixed`` for an equality).
    public let side: BoundSide
    /// The expression's value.
    public let activity: Double
    /// The active bound.
    public let bound: Double
    /// Its shadow price, when duals are available.
    public let shadowPrice: Double?
}

/// A variable at one of its bounds.
public struct VariableAtBound: Sendable, Hashable {
    /// The variable.
    public let id: Variable.ID
    /// Its name.
    public let name: String
    /// Which bound is active (``BoundSide/fixed`` for a fixed variable).
    public let side: BoundSide
    /// The value.
    public let value: Double
    /// The active bound.
    public let bound: Double
    /// Its reduced cost, when duals are available.
    public let reducedCost: Double?
}

extension Bounds {
    /// The side of the range `value` sits at, within `tolerance · max(1, |bound|)`.
    func activeSide(of value: Double, tolerance: Double) -> (side: BoundSide, bound: Double)? {
        func near(_ bound: Double) -> Bool {
            bound.isFinite && abs(value - bound) <= tolerance * Swift.max(1, abs(bound))
        }
        switch (near(lower), near(upper)) {
        case (true, true): return (.fixed, lower)
        case (true, false): return (.lower, lower)
        case (false, true): return (.upper, upper)
        case (false, false): return nil
        }
    }
}

extension Solution {
    /// Assembles a solution and runs the binding and residual checks.
    init(
        program: LinearProgram, objectiveValue: Double, variableValues: [Double], constraintActivities: [Double],
        shadowPrices: [Double]?, reducedCosts: [Double]?, bestBound: Double?, tolerance: Double, checkIntegrality: Bool
    ) {
        self.program = program.identity
        self.objectiveValue = objectiveValue
        self.variableValues = variableValues
        self.constraintActivities = constraintActivities
        self.shadowPrices = shadowPrices
        self.reducedCosts = reducedCosts
        self.bestBound = bestBound
        relativeGap = bestBound.map { abs(objectiveValue - $0) / (abs(objectiveValue) + Double.ulpOfOne) }
        bindingConstraints = program.constraints.compactMap { constraint in
            let activity = constraintActivities[constraint.id.index]
            guard let (side, bound) = constraint.bounds.activeSide(of: activity, tolerance: tolerance) else { return nil }
            return BindingConstraint(
                id: constraint.id, name: constraint.name, side: side, activity: activity, bound: bound,
                shadowPrice: shadowPrices?[constraint.id.index])
        }
        variablesAtBounds = program.variables.compactMap { variable in
            let value = variableValues[variable.id.index]
            guard let (side, bound) = variable.bounds.activeSide(of: value, tolerance: tolerance) else { return nil }
            return VariableAtBound(
                id: variable.id, name: variable.name, side: side, value: value, bound: bound,
                reducedCost: reducedCosts?[variable.id.index])
        }
        residuals = program.residuals(at: variableValues, checkIntegrality: checkIntegrality)
    }
}

/// A named linear constraint `bounds.lower ≤ expression ≤ bounds.upper`.
///
/// The expression may carry a constant; it is part of the constraint (so
/// `x + 2 ≥ 5` means `x ≥ 3`) and is folded into GLPK's row bounds when solving and
/// exporting. Reported activities include it.
public struct Constraint: Sendable, Identifiable {
    /// The constraint's handle type.
    public typealias ID = ModelID<Constraint>

    /// The constraint's handle.
    public let id: ID
    /// The constraint's name (see ``ModelName``).
    public let name: String
    /// The constrained expression, with duplicate terms merged.
    public internal(set) var expression: LinearExpression
    /// The range the expression must lie in.
    public internal(set) var bounds: Bounds
}

/// The objective: minimise or maximise a linear expression (its constant included).
public struct Objective: Sendable {
    /// Direction of optimisation.
    public enum Sense: Sendable, Hashable {
        /// `GLP_MIN`.
        case minimize
        /// `GLP_MAX`.
        case maximize
    }

    /// Direction of optimisation.
    public var sense: Sense
    /// The objective function; its constant is added to every reported objective value.
    public var expression: LinearExpression
    /// The objective's name in exports (see ``ModelName``).
    public var name: String

    /// An objective; the default is "minimise 0", named `objective`.
    public init(_ sense: Sense = .minimize, _ expression: LinearExpression = LinearExpression(), name: String = "objective") {
        self.sense = sense
        self.expression = expression.canonicalized()
        self.name = name
    }
}

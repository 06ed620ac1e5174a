/// A simplex basis: one status per constraint (row) and per variable (column).
///
/// Returned by an LP solve (``SolveOutcome/basis``) and accepted as
/// ``SolveOptions/warmStart`` for a later solve of a program with the same number of
/// rows and columns, typically the same structure with changed bounds. Non-basic
/// statuses that no longer fit a changed bound type are adjusted by GLPK; a basis GLPK
/// cannot factorise is replaced by a fresh one (``SolveStatistics/warmStart``).
public struct Basis: Sendable, Hashable {
    /// Status of one row or column.
    public enum Status: Sendable, Hashable {
        /// Basic (`GLP_BS`).
        case basic
        /// Non-basic at its lower bound (`GLP_NL`).
        case atLower
        /// Non-basic at its upper bound (`GLP_NU`).
        case atUpper
        /// Non-basic free, value 0 (`GLP_NF`).
        case free
        /// Non-basic fixed (`GLP_NS`).
        case fixed
    }

    /// Statuses of the constraints, by ``Constraint/ID/index``.
    public var constraints: [Status]
    /// Statuses of the variables, by ``Variable/ID/index``.
    public var variables: [Status]

    /// A basis.
    public init(constraints: [Status], variables: [Status]) {
        self.constraints = constraints
        self.variables = variables
    }
}

/// A decision variable of a ``LinearProgram``.
///
/// Variables are created with ``LinearProgram/addVariable(name:kind:bounds:)``, which
/// returns the variable's ``ID``; expressions are built from ids.
public struct Variable: Sendable, Hashable, Identifiable {
    /// The variable's handle type.
    public typealias ID = ModelID<Variable>

    /// The domain of a variable.
    public enum Kind: Sendable, Hashable {
        /// Real-valued (`GLP_CV`).
        case continuous
        /// Integer-valued (`GLP_IV`); its bounds must be integers.
        case integer
        /// 0 or 1 (`GLP_IV` with bounds inside [0, 1], which GLPK reports as `GLP_BV`).
        case binary

        /// The bounds a variable of this kind gets when none are given:
        /// `≥ 0` for continuous and integer variables, `[0, 1]` for binaries.
        public var defaultBounds: Bounds {
            self == .binary ? .between(0, 1) : .atLeast(0)
        }
    }

    /// The variable's handle.
    public let id: ID
    /// The variable's name; the audit vocabulary of reports and exports (see ``ModelName``).
    public let name: String
    /// Continuous, integer or binary.
    public let kind: Kind
    /// The variable's admissible range.
    public internal(set) var bounds: Bounds
}

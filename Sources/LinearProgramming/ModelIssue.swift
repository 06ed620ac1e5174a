/// One problem found by ``LinearProgram/validate()`` (or by option/relaxation checks),
/// naming what it is about and the offending value.
public struct ModelIssue: Sendable, Equatable, CustomStringConvertible {
    /// What the issue is about.
    public enum Subject: Sendable, Hashable, CustomStringConvertible {
        /// The program as a whole (its name, its size, edits made with foreign ids).
        case program
        /// The objective.
        case objective
        /// A variable.
        case variable(Variable.ID, name: String)
        /// A constraint.
        case constraint(Constraint.ID, name: String)
        /// The solve options.
        case options
        /// The elastic relaxation request.
        case relaxation

        public var description: String {
            switch self {
            case .program: "program"
            case .objective: "objective"
            case .variable(let id, let name): "variable '\(name)' (\(id))"
            case .constraint(let id, let name): "constraint '\(name)' (\(id))"
            case .options: "solve options"
            case .relaxation: "elastic relaxation"
            }
        }
    }

    /// What is wrong.
    public enum Kind: Sendable, Equatable {
        /// A coefficient of `variable` is NaN or infinite.
        case nonFiniteCoefficient(variable: String, value: Double)
        /// The expression's constant is NaN or infinite.
        case nonFiniteConstant(Double)
        /// A bound is NaN or infinite (choose a one-sided or free ``Bounds`` case instead).
        case nonFiniteBound(Double)
        /// A finite number outside ``LinearProgram/safeMagnitudes`` (`what`: "coefficient of 'x'",
        /// "bound", "constant"): GLPK's presolver overflows on such numbers and asserts.
        case magnitudeOutOfRange(what: String, value: Double)
        /// `lower > upper`.
        case invertedBounds(lower: Double, upper: Double)
        /// A term or an edit refers to a variable this program does not have.
        case unknownVariable(Variable.ID)
        /// An edit or relaxation refers to a constraint this program does not have.
        case unknownConstraint(Constraint.ID)
        /// The name is empty.
        case emptyName
        /// Another variable (or constraint) already has this name.
        case duplicateName(String)
        /// The name is longer than ``ModelName/maximumBytes`` bytes of UTF-8.
        case nameTooLong(String, bytes: Int)
        /// The name breaks a rule of ``ModelName``.
        case invalidName(String, ModelName.Problem)
        /// An integer or binary variable has a bound that is not an integer.
        case nonIntegerBound(Double)
        /// A binary variable's bounds are not inside [0, 1].
        case binaryBoundsOutsideUnitInterval(lower: Double, upper: Double)
        /// An integer variable has an infinite bound or one beyond ±``LinearProgram/integerRange``:
        /// there doubles cannot tell integers apart and GLPK's branch-and-cut asserts (fuzz finding).
        case integerRangeTooWide(lower: Double, upper: Double)
        /// An option has a value outside its domain.
        case invalidOption(name: String, value: String, expected: String)
        /// More rows, columns or non-zeros than GLPK's `int` indices allow.
        case tooLarge(what: String, count: Int)
        /// Binary variables cannot have their bounds relaxed.
        case cannotRelaxBinaryBounds
    }

    /// What the issue is about.
    public let subject: Subject
    /// What is wrong.
    public let kind: Kind

    /// An issue.
    public init(_ subject: Subject, _ kind: Kind) {
        self.subject = subject
        self.kind = kind
    }

    public var description: String { "\(subject): \(kind.message)" }
}

extension ModelIssue.Kind {
    /// A one-line explanation with the offending value.
    public var message: String {
        switch self {
        case .nonFiniteCoefficient(let variable, let value):
            "coefficient of '\(variable)' is \(value); expected a finite number"
        case .nonFiniteConstant(let value):
            "constant is \(value); expected a finite number"
        case .nonFiniteBound(let value):
            "bound is \(value); expected a finite number (use .atLeast, .atMost or .free for a missing side)"
        case .magnitudeOutOfRange(let what, let value):
            "\(what) is \(value); expected 0 or a magnitude from \(LinearProgram.safeMagnitudes.coefficients.lowerBound) "
                + "to \(LinearProgram.safeMagnitudes.values.upperBound) (GLPK overflows on such numbers; rescale the model)"
        case .invertedBounds(let lower, let upper):
            "lower bound \(lower) exceeds upper bound \(upper)"
        case .unknownVariable(let id):
            "refers to variable \(id), which is not a variable of this program"
        case .unknownConstraint(let id):
            "refers to constraint \(id), which is not a constraint of this program"
        case .emptyName:
            "name is empty"
        case .duplicateName(let name):
            "name '\(name)' is already used"
        case .nameTooLong(let name, let bytes):
            "name '\(name.prefix(40))…' is \(bytes) bytes of UTF-8; at most \(ModelName.maximumBytes) allowed"
        case .invalidName(let name, let problem):
            "name '\(name)' \(problem.message)"
        case .nonIntegerBound(let value):
            "bound \(value) of an integer variable is not an integer"
        case .integerRangeTooWide(let lower, let upper):
            "integer variable bounds [\(lower), \(upper)] are not finite within ±1e15 (LinearProgram.integerRange); "
                + "give it explicit bounds (beyond 2^52 doubles cannot tell integers apart and GLPK's branch-and-cut asserts)"
        case .binaryBoundsOutsideUnitInterval(let lower, let upper):
            "binary variable bounds [\(lower), \(upper)] are not inside [0, 1]"
        case .invalidOption(let name, let value, let expected):
            "\(name) is \(value); expected \(expected)"
        case .tooLarge(let what, let count):
            "\(count) \(what) exceed GLPK's limit of \(Int32.max - 1)"
        case .cannotRelaxBinaryBounds:
            "bounds of a binary variable cannot be relaxed"
        }
    }
}

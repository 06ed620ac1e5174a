/// A linear or mixed-integer program as a value: named variables, named constraints
/// and an objective.
///
/// ```swift
/// var model = LinearProgram(name: "wyndor")
/// let doors = model.addVariable(name: "doors")
/// let windows = model.addVariable(name: "windows")
/// model.addConstraint(LinearExpression(doors), .atMost(4), name: "plant1")
/// model.addConstraint(2 * windows, .atMost(12), name: "plant2")
/// model.addConstraint(3 * doors + 2 * windows, .atMost(18), name: "plant3")
/// model.maximize(3 * doors + 5 * windows)
/// let outcome = try model.solve()
/// ```
///
/// Building is cheap: adding a variable or constraint is amortised O(1) plus the
/// constraint's own terms; lookups by id and by name are O(1). Nothing is checked while
/// building: ``validate()`` (run by every solve and export) lists every problem at once.
public struct LinearProgram: Sendable {
    /// The problem's name; written into exports.
    public var name: String
    /// The variables, in creation order (``Variable/ID/index``).
    public private(set) var variables: [Variable] = []
    /// The constraints, in creation order (``Constraint/ID/index``).
    public private(set) var constraints: [Constraint] = []
    /// The objective (by default: minimise 0).
    public var objective = Objective()

    /// Identity shared by the ids this program (and its copies) hand out.
    let identity: UInt64
    private var variableIndexByName: [String: Int] = [:]
    private var constraintIndexByName: [String: Int] = [:]
    /// Problems found while building (duplicate names, edits with foreign ids).
    private(set) var buildIssues: [ModelIssue] = []

    /// An empty program.
    public init(name: String) {
        self.name = name
        var generator = SystemRandomNumberGenerator()
        identity = generator.next()
    }

    // MARK: - Building

    /// Adds a variable and returns its id.
    ///
    /// - Parameters:
    ///   - name: unique among variables; see ``ModelName`` for the allowed characters.
    ///   - kind: continuous (default), integer or binary.
    ///   - bounds: defaults to ``Variable/Kind/defaultBounds`` (`≥ 0`, binaries `[0, 1]`).
    @discardableResult
    public mutating func addVariable(name: String, kind: Variable.Kind = .continuous, bounds: Bounds? = nil) -> Variable.ID {
        let id = Variable.ID(program: identity, index: variables.count)
        variables.append(Variable(id: id, name: name, kind: kind, bounds: bounds ?? kind.defaultBounds))
        if variableIndexByName[name] == nil {
            variableIndexByName[name] = id.index
        } else {
            buildIssues.append(ModelIssue(.variable(id, name: name), .duplicateName(name)))
        }
        return id
    }

    /// Adds the constraint `bounds.lower ≤ expression ≤ bounds.upper` and returns its id.
    ///
    /// The expression is stored canonicalized (duplicate terms merged).
    /// - Parameters:
    ///   - expression: the constrained expression; its constant belongs to it.
    ///   - bounds: e.g. `.atLeast(3.5)`, `.atMost(5)`, `.between(3.5, 5)`, `.exactly(0)`.
    ///   - name: unique among constraints; see ``ModelName``.
    @discardableResult
    public mutating func addConstraint(_ expression: LinearExpression, _ bounds: Bounds, name: String) -> Constraint.ID {
        let id = Constraint.ID(program: identity, index: constraints.count)
        constraints.append(Constraint(id: id, name: name, expression: expression.canonicalized(), bounds: bounds))
        if constraintIndexByName[name] == nil {
            constraintIndexByName[name] = id.index
        } else {
            buildIssues.append(ModelIssue(.constraint(id, name: name), .duplicateName(name)))
        }
        return id
    }

    /// Sets the objective to "minimise `expression`".
    public mutating func minimize(_ expression: LinearExpression) {
        objective.sense = .minimize
        objective.expression = expression.canonicalized()
    }

    /// Sets the objective to "maximise `expression`".
    public mutating func maximize(_ expression: LinearExpression) {
        objective.sense = .maximize
        objective.expression = expression.canonicalized()
    }

    /// Replaces a variable's bounds (e.g. between re-solves with a warm start).
    /// An id from another program is recorded and reported by ``validate()``.
    public mutating func setBounds(_ bounds: Bounds, of variable: Variable.ID) {
        guard owns(variable) else {
            buildIssues.append(ModelIssue(.program, .unknownVariable(variable)))
            return
        }
        variables[variable.index].bounds = bounds
    }

    /// Replaces a constraint's bounds. An id from another program is reported by ``validate()``.
    public mutating func setBounds(_ bounds: Bounds, of constraint: Constraint.ID) {
        guard owns(constraint) else {
            buildIssues.append(ModelIssue(.program, .unknownConstraint(constraint)))
            return
        }
        constraints[constraint.index].bounds = bounds
    }

    /// Appends `coefficient · variable` to a constraint's expression (used by the elastic
    /// helper, whose new variables sort after all existing ones, keeping it canonical).
    mutating func appendTerm(_ coefficient: Double, _ variable: Variable.ID, to constraint: Constraint.ID) {
        constraints[constraint.index].expression.add(coefficient, variable)
        constraints[constraint.index].expression.canonicalize()
    }

    // MARK: - Lookup

    /// The variable with this id, or nil for an id of another program. O(1).
    public subscript(variable: Variable.ID) -> Variable? {
        owns(variable) ? variables[variable.index] : nil
    }

    /// The constraint with this id, or nil for an id of another program. O(1).
    public subscript(constraint: Constraint.ID) -> Constraint? {
        owns(constraint) ? constraints[constraint.index] : nil
    }

    /// The id of the (first) variable with this name. O(1).
    public func variable(named name: String) -> Variable.ID? {
        variableIndexByName[name].map { variables[$0].id }
    }

    /// The id of the (first) constraint with this name. O(1).
    public func constraint(named name: String) -> Constraint.ID? {
        constraintIndexByName[name].map { constraints[$0].id }
    }

    /// Whether any variable is integer or binary (the program is then solved as a MIP).
    public var hasIntegerVariables: Bool {
        variables.contains { $0.kind != .continuous }
    }

    func owns(_ id: Variable.ID) -> Bool {
        id.program == identity && variables.indices.contains(id.index)
    }

    func owns(_ id: Constraint.ID) -> Bool {
        id.program == identity && constraints.indices.contains(id.index)
    }
}

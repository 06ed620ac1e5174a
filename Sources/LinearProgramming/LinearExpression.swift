/// An affine expression `Σ coefficient · variable + constant`.
///
/// Appending terms is O(1); duplicate terms are merged (and exact zeros dropped) when
/// the expression is *canonicalized*: sorted by variable, one term per variable.
/// ``terms`` always shows the canonical form, ``LinearProgram/addConstraint(_:_:name:)``
/// stores expressions canonicalized, and an expression built with increasing variable
/// ids (the usual case) stays canonical without any sorting.
///
/// ```swift
/// var level = LinearExpression(constant: 3.1)
/// for (dose, effect) in zip(doses, effects) { level.add(effect, dose) }
/// let total = 2 * x + y - 0.5      // operators also work
/// ```
public struct LinearExpression: Sendable {
    /// One `coefficient · variable` term.
    public struct Term: Sendable, Hashable {
        /// The variable.
        public var variable: Variable.ID
        /// Its coefficient.
        public var coefficient: Double

        /// A term.
        public init(_ coefficient: Double, _ variable: Variable.ID) {
            self.variable = variable
            self.coefficient = coefficient
        }
    }

    private var storage: [Term]
    private var isCanonical: Bool
    /// The constant part.
    public var constant: Double

    /// The constant expression `constant` (0 by default).
    public init(constant: Double = 0) {
        storage = []
        isCanonical = true
        self.constant = constant
    }

    /// The expression `1 · variable`.
    public init(_ variable: Variable.ID) {
        storage = [Term(1, variable)]
        isCanonical = true
        constant = 0
    }

    /// `Σ terms + constant`; duplicates are allowed and merged.
    public init(terms: some Sequence<Term>, constant: Double = 0) {
        self.init(constant: constant)
        for term in terms { add(term.coefficient, term.variable) }
    }

    /// `Σ coefficient · variable + constant` from pairs; duplicates are allowed and merged.
    public init(_ pairs: some Sequence<(Variable.ID, Double)>, constant: Double = 0) {
        self.init(constant: constant)
        for (variable, coefficient) in pairs { add(coefficient, variable) }
    }

    /// `Σ variables` (each with coefficient 1).
    public static func sum(_ variables: some Sequence<Variable.ID>) -> LinearExpression {
        var result = LinearExpression()
        for variable in variables { result.add(1, variable) }
        return result
    }

    /// `Σ expressions`.
    public static func sum(_ expressions: some Sequence<LinearExpression>) -> LinearExpression {
        var result = LinearExpression()
        for expression in expressions { result.add(expression) }
        return result
    }

    /// The canonical terms: sorted by variable, one per variable, no exact zeros.
    /// O(1) when already canonical, else O(k log k).
    public var terms: [Term] { isCanonical ? storage : Self.merge(storage) }

    /// Number of stored (possibly not yet merged) terms.
    var storedTermCount: Int { storage.count }

    /// Appends `coefficient · variable`. O(1).
    public mutating func add(_ coefficient: Double, _ variable: Variable.ID) {
        if isCanonical, let last = storage.last, !(last.variable < variable) { isCanonical = false }
        if isCanonical, coefficient == 0 { return }
        storage.append(Term(coefficient, variable))
    }

    /// Adds `scale · other` (its constant included). O(terms of other).
    public mutating func add(_ other: LinearExpression, scaledBy scale: Double = 1) {
        storage.reserveCapacity(storage.count + other.storage.count)
        for term in other.storage { add(scale * term.coefficient, term.variable) }
        constant += scale * other.constant
    }

    /// Merges duplicate terms in place (see ``terms``).
    public mutating func canonicalize() {
        guard !isCanonical else { return }
        storage = Self.merge(storage)
        isCanonical = true
    }

    /// A canonical copy.
    public func canonicalized() -> LinearExpression {
        var copy = self
        copy.canonicalize()
        return copy
    }

    /// The value at `values` (indexed by ``Variable/ID/index``), constant included.
    /// Terms whose index is outside `values` count as NaN.
    func value(at values: [Double]) -> Double {
        var total = constant
        for term in storage {
            let x = values.indices.contains(term.variable.index) ? values[term.variable.index] : .nan
            total += term.coefficient * x
        }
        return total
    }

    private static func merge(_ terms: [Term]) -> [Term] {
        let sorted = terms.sorted { $0.variable < $1.variable }
        var merged: [Term] = []
        merged.reserveCapacity(sorted.count)
        for term in sorted {
            if let last = merged.last, last.variable == term.variable {
                merged[merged.count - 1].coefficient += term.coefficient
            } else {
                merged.append(term)
            }
        }
        merged.removeAll { $0.coefficient == 0 }
        return merged
    }
}

extension LinearExpression: Equatable {
    /// Equal when the canonical terms and the constants are equal.
    public static func == (lhs: LinearExpression, rhs: LinearExpression) -> Bool {
        lhs.constant == rhs.constant && lhs.terms == rhs.terms
    }
}

extension LinearExpression: ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral {
    public init(floatLiteral value: Double) { self.init(constant: value) }
    public init(integerLiteral value: Int) { self.init(constant: Double(value)) }
}

extension LinearExpression: CustomStringConvertible {
    public var description: String {
        var parts = terms.map { "\($0.coefficient)·\($0.variable)" }
        if constant != 0 || parts.isEmpty { parts.append("\(constant)") }
        return parts.joined(separator: " + ")
    }
}

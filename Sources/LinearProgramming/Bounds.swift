/// The admissible range of a variable, or of a constraint's expression.
///
/// Maps one-to-one onto GLPK's bound types: `free` → `GLP_FR`, `atLeast` → `GLP_LO`,
/// `atMost` → `GLP_UP`, `between` → `GLP_DB` (or `GLP_FX` when both ends are equal),
/// `exactly` → `GLP_FX`. Every number carried must be finite: an absent side is
/// expressed by choosing the case, never by passing an infinity (validation rejects it).
public enum Bounds: Sendable, Hashable {
    /// No bound on either side.
    case free
    /// `value ≥ lower`.
    case atLeast(Double)
    /// `value ≤ upper`.
    case atMost(Double)
    /// `lower ≤ value ≤ upper`; `lower > upper` is reported by validation.
    case between(Double, Double)
    /// `value = target`.
    case exactly(Double)

    /// The range `range.lowerBound ... range.upperBound`.
    public init(_ range: ClosedRange<Double>) {
        self = .between(range.lowerBound, range.upperBound)
    }

    /// The lower end, or `-infinity` when there is none.
    public var lower: Double {
        switch self {
        case .free, .atMost: -.infinity
        case .atLeast(let lower), .between(let lower, _), .exactly(let lower): lower
        }
    }

    /// The upper end, or `+infinity` when there is none.
    public var upper: Double {
        switch self {
        case .free, .atLeast: .infinity
        case .atMost(let upper), .between(_, let upper), .exactly(let upper): upper
        }
    }

    /// The numbers this bound carries (each must be finite).
    var carriedValues: (Double?, Double?) {
        switch self {
        case .free: (nil, nil)
        case .atLeast(let value), .atMost(let value), .exactly(let value): (value, nil)
        case .between(let lower, let upper): (lower, upper)
        }
    }

    /// Whether the range is a single point.
    public var isFixed: Bool {
        switch self {
        case .exactly: true
        case .between(let lower, let upper): lower == upper
        default: false
        }
    }

    /// How far `value` lies outside the range (0 inside it; `+infinity` for NaN).
    public func violation(of value: Double) -> Double {
        guard !value.isNaN else { return .infinity }
        return Swift.max(lower - value, value - upper, 0)
    }

    /// The same range moved by `-offset` (used to fold an expression's constant into row bounds).
    func shifted(by offset: Double) -> Bounds {
        switch self {
        case .free: .free
        case .atLeast(let lower): .atLeast(lower - offset)
        case .atMost(let upper): .atMost(upper - offset)
        case .between(let lower, let upper): .between(lower - offset, upper - offset)
        case .exactly(let target): .exactly(target - offset)
        }
    }
}

extension Bounds: CustomStringConvertible {
    public var description: String {
        switch self {
        case .free: "free"
        case .atLeast(let lower): "≥ \(lower)"
        case .atMost(let upper): "≤ \(upper)"
        case .between(let lower, let upper): "in [\(lower), \(upper)]"
        case .exactly(let target): "= \(target)"
        }
    }
}

/// Which end of a range a value sits at (or violates).
public enum BoundSide: Sendable, Hashable {
    /// The lower end (`≥`).
    case lower
    /// The upper end (`≤`).
    case upper
    /// Both ends at once: a fixed variable or an equality constraint.
    case fixed
}

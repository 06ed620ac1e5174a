import KRTUnits

/// Counts of one group of figures (a half, a solute, or both).
public struct CalibrationCounts: Sendable, Hashable {
    public var figures = 0
    /// Simulated and judged against an interval.
    public var compared = 0
    public var modelWithin = 0
    public var singlePoolWithin = 0
    /// Simulated, but no usable spread or tolerance in the figure file.
    public var noTolerance = 0
    public var notExpressible = 0
    public var refused = 0

    public init() {}

    mutating func add(_ status: FigureStatus) {
        figures += 1
        switch status {
        case let .compared(_, _, m, s):
            compared += 1
            if m { modelWithin += 1 }
            if s { singlePoolWithin += 1 }
        case .noTolerance: noTolerance += 1
        case .notExpressible: notExpressible += 1
        case .refused: refused += 1
        }
    }

    /// Counts over `outcomes` passing `filter`.
    public static func of(_ outcomes: [FigureOutcome], where filter: (Figure) -> Bool = { _ in true }) -> CalibrationCounts {
        var c = CalibrationCounts()
        for o in outcomes where filter(o.figure) { c.add(o.status) }
        return c
    }
}

extension FigureOutcome {
    /// The model value, when simulated.
    public var modelValue: Double? {
        switch status {
        case let .compared(m, _, _, _), let .noTolerance(m, _): m
        default: nil
        }
    }

    public var singlePoolValue: Double? {
        switch status {
        case let .compared(_, s, _, _), let .noTolerance(_, s): s
        default: nil
        }
    }

    public var modelWithin: Bool? {
        if case let .compared(_, _, m, _) = status { return m }
        return nil
    }

    public var singlePoolWithin: Bool? {
        if case let .compared(_, _, _, s) = status { return s }
        return nil
    }

    /// The solute group used for counts: potassium, phosphate, magnesium, or other.
    public var soluteGroup: String {
        ["potassium", "phosphate", "magnesium"].contains(figure.solute) ? figure.solute : "other"
    }
}

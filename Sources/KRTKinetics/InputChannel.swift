import KRTUnits

/// An input to the kinetic model whose value is piecewise constant over time.
public enum InputChannel: Sendable, Hashable, Comparable {
    /// Concentration of `Solute` in a fluid stream, mmol/L (acts only while the circuit runs).
    case fluid(FluidStream, Solute)
    /// Intravenous infusion into the ECF/central pool, mmol/h.
    case intravenous(Solute)
    /// Oral dose into the gut compartment, mmol/h of absorbable amount (bioavailability applied by the caller).
    case oral(Solute)
    /// Mg-driven renal K wasting, mmol/h removed from the K ECF pool (positive = loss).
    case potassiumWasting
    /// Scheduled K shift into cells (insulin, β2-agonists, bicarbonate), mmol/h moved from the K ECF into
    /// the K pool (positive = into cells). A given input: the model folds it into the constant term.
    case potassiumShift

    /// Every channel in a fixed order (fluid streams × planned solutes, IV, oral, wasting, shift).
    public static let all: [InputChannel] =
        FluidStream.allCases.flatMap { stream in Solute.planned.map { InputChannel.fluid(stream, $0) } }
        + Solute.planned.map(InputChannel.intravenous) + Solute.planned.map(InputChannel.oral) + [.potassiumWasting, .potassiumShift]

    /// Position in ``all`` (nil for a solute the model does not track).
    public var ordinal: Int? { Self.all.firstIndex(of: self) }

    public static func < (lhs: InputChannel, rhs: InputChannel) -> Bool {
        (lhs.ordinal ?? Int.max) < (rhs.ordinal ?? Int.max)
    }

    /// The solute this channel carries (K for wasting and shift).
    public var solute: Solute {
        switch self {
        case let .fluid(_, s), let .intravenous(s), let .oral(s): s
        case .potassiumWasting, .potassiumShift: .potassium
        }
    }
}

/// A channel active at unit rate over `[start, end]` (h). A window with `start == end` is a unit
/// impulse at that instant: 1 mmol for IV and oral channels (an oral bolus), a jump of the
/// channel's column otherwise.
public struct InputWindow: Sendable, Hashable {
    public var channel: InputChannel
    public var start: Double
    public var end: Double

    public init(_ channel: InputChannel, from start: Double, to end: Double) {
        self.channel = channel
        self.start = start
        self.end = end
    }

    public var isImpulse: Bool { start == end }
}

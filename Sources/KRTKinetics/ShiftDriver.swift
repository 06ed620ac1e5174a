import KRTUnits

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A drug given to the patient that moves K from the ECF into cells: insulin (with dextrose), a
/// β2-agonist (salbutamol) or sodium bicarbonate. A *given* input — scheduled by the clinician, never
/// chosen by the optimiser — that the model turns into a known K shift rate (docs/model.md §5a).
///
/// The shift rate (mmol/h, ECF → K pool) of one driver is
///
///     r(t) = M · s(dose) · h(t − start)
///
/// with M the agent's shifted amount per reference dose (mmol), s the dose scale (√(dose/reference) for
/// insulin and salbutamol, dose/reference for bicarbonate) and h the unit-area Bateman profile
/// k_on·k_off/(k_on − k_off)·(e^{−k_off·t} − e^{−k_on·t}) convolved with the administration (a bolus, or
/// a constant rate over `duration`). The model uses r averaged over 15-min pieces (so the mass moved is
/// exact) — a piecewise-constant input, which keeps the planner's LP and the simulation identical.
public struct ShiftDriver: Sendable, Hashable {
    public enum Agent: String, Sendable, Hashable, CaseIterable {
        case insulin
        case salbutamol
        case sodiumBicarbonate = "sodium_bicarbonate"
    }

    public enum Route: String, Sendable, Hashable, CaseIterable {
        case intravenous
        case nebulised
    }

    public var agent: Agent
    /// Start of administration, h.
    public var time: Double
    /// Dose: insulin in units, salbutamol in mg, sodium bicarbonate in mmol.
    public var dose: Double
    /// Duration of administration, h (0 = bolus; a nebulisation's duration is its inhalation time).
    public var duration: Double
    public var route: Route
    /// Dextrose given with insulin, g (recorded; its own effect on K is not modelled).
    public var dextrose: Double?

    public init(agent: Agent, time: Double, dose: Double, duration: Double = 0, route: Route = .intravenous, dextrose: Double? = nil) {
        self.agent = agent
        self.time = time
        self.dose = dose
        self.duration = duration
        self.route = route
        self.dextrose = dextrose
    }

    /// Length of each piece of the piecewise-constant schedule, h.
    public static let pieceLength = 0.25
    /// The schedule stops when 99.9 % of the shifted amount has moved, or after this many hours.
    static let maximumEffect = 24.0

    /// Shifted amount (mmol, positive into cells) per reference dose, onset and offset rate constants (1/h).
    func kinetics(_ p: ModelParameters, weight: Double) -> (amount: Double, onset: Double, offset: Double) {
        switch agent {
        case .insulin:
            return (p[.shiftInsulinAmount] * (Swift.max(0, dose) / 10).squareRoot(), p[.shiftInsulinOnset], p[.shiftInsulinOffset])
        case .salbutamol:
            // ASSUMPTION: 0.5 mg IV ≈ 10 mg nebulised in peak effect, with a 3× faster onset (docs/model.md §5a).
            let reference = route == .intravenous ? 0.5 : 10
            let onset = p[.shiftSalbutamolOnset] * (route == .intravenous ? 3 : 1)
            return (p[.shiftSalbutamolAmount] * (Swift.max(0, dose) / reference).squareRoot(), onset, p[.shiftSalbutamolOffset])
        case .sodiumBicarbonate:
            return (p[.shiftBicarbonateAmount] * Swift.max(0, dose) / Swift.max(1e-9, weight), p[.shiftBicarbonateOnset], p[.shiftBicarbonateOffset])
        }
    }

    /// Cumulative fraction of the amount moved by `t` h after the start of a unit bolus.
    static func bolusFraction(_ t: Double, onset a: Double, offset b: Double) -> Double {
        guard t > 0 else { return 0 }
        if abs(a - b) < 1e-9 * a { return 1 - exp(-a * t) * (1 + a * t) }
        return 1 - (a * exp(-b * t) - b * exp(-a * t)) / (a - b)
    }

    /// ∫₀^t bolusFraction, h.
    static func integratedFraction(_ t: Double, onset a: Double, offset b: Double) -> Double {
        guard t > 0 else { return 0 }
        if abs(a - b) < 1e-9 * a { return t - 2 / a + exp(-a * t) * (2 / a + t) }
        return t - (a / b * (1 - exp(-b * t)) - b / a * (1 - exp(-a * t))) / (a - b)
    }

    /// Cumulative amount (mmol) moved by time `t` (h, absolute).
    func cumulative(at t: Double, _ k: (amount: Double, onset: Double, offset: Double)) -> Double {
        let u = t - time
        guard u > 0, k.amount != 0 else { return 0 }
        if duration <= 0 { return k.amount * Self.bolusFraction(u, onset: k.onset, offset: k.offset) }
        let late = Self.integratedFraction(u - Swift.min(u, duration), onset: k.onset, offset: k.offset)
        return k.amount * (Self.integratedFraction(u, onset: k.onset, offset: k.offset) - late) / duration
    }

    /// The driver's piecewise-constant shift rate: (start, end, mmol/h) pieces of ``pieceLength`` from its start.
    public func schedule(parameters: ModelParameters, weight: Double) -> [ShiftPiece] {
        let k = kinetics(parameters, weight: weight)
        guard k.amount > 0, k.onset > 0, k.offset > 0 else { return [] }
        var pieces: [ShiftPiece] = []
        var a = time, before = 0.0
        while a < time + Swift.max(0, duration) + Self.maximumEffect {
            let b = a + Self.pieceLength
            let after = cumulative(at: b, k)
            pieces.append(ShiftPiece(start: a, end: b, rate: (after - before) / Self.pieceLength))
            if after >= 0.999 * k.amount, b >= time + duration { break }
            a = b
            before = after
        }
        return pieces
    }
}

/// One constant piece of the scheduled K shift: `rate` mmol/h (ECF → cells) over [start, end] h.
public struct ShiftPiece: Sendable, Hashable {
    public var start: Double
    public var end: Double
    public var rate: Double
}

/// The sum of every driver's schedule: breakpoints and the total rate in force from each.
struct ShiftSchedule: Sendable {
    /// Sorted breakpoints (snapped to the model grid).
    let times: [Double]
    /// Total rate (mmol/h) from `times[i]` to `times[i + 1]`.
    let rates: [Double]

    init(drivers: [ShiftDriver], parameters: ModelParameters, weight: Double) {
        let pieces = drivers.flatMap { $0.schedule(parameters: parameters, weight: weight) }
        let times = Set(pieces.flatMap { [ModelTime.snap($0.start), ModelTime.snap($0.end)] }).sorted()
        self.times = times
        rates = times.map { t in pieces.reduce(0) { ModelTime.snap($1.start) <= t && ModelTime.snap($1.end) > t ? $0 + $1.rate : $0 } }
    }

    var isEmpty: Bool { times.isEmpty }

    /// Total rate (mmol/h) in force at `t` (the piece that starts at or before t).
    func rate(at t: Double) -> Double {
        guard let first = times.first, t >= first else { return 0 }
        var lo = 0, hi = times.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if times[mid] <= t { lo = mid } else { hi = mid - 1 }
        }
        return rates[lo]
    }

    /// Breakpoints strictly inside (a, b).
    func boundaries(in a: Double, _ b: Double) -> [Double] { times.filter { $0 > a && $0 < b } }
}

import KRTKinetics
import KRTUnits
import LinearProgramming

/// When a long horizon is planned in overlapping windows (docs/planner.md §4, *Long horizons*).
public struct RollingHorizonSettings: Sendable, Hashable {
    /// Horizons (h) of at least this length are planned in windows; shorter ones in one piece
    /// (`.infinity`: never). The default (96 h) keeps the 72-h flagship plan as it was.
    public var threshold: Double
    /// Hours each window plans (its plan after `commit` hours is the overlap, planned again by the next window).
    public var window: Double
    /// Hours of each window's plan that are kept (ASSUMPTION: 24 h, one fluid period of the bundled cases
    /// and four 6-h dose times; the next window starts where the kept part ends).
    public var commit: Double

    public init(threshold: Double = 96, window: Double = 48, commit: Double = 24) {
        self.threshold = threshold
        self.window = window
        self.commit = commit
    }
}

/// The windows of a rolling-horizon plan: where they start, where they end, and the problem each one
/// solves (the same case from the window's start, with the exact state carried forward).
struct RollingWindows: Sendable {
    /// Start (h) of every window; the first is 0. Window k keeps the decisions in `[starts[k], starts[k+1])`.
    let starts: [Double]
    /// End (h) of every window's plan (the last one's is the horizon).
    let ends: [Double]

    /// Times closer than this (h) are the same instant.
    static let tolerance = 1e-6

    /// The windows for `problem`, or nil when it is planned in one piece: below the threshold, the
    /// least-violation program, PIRRT sessions or shift drivers (their schedules are in absolute time and
    /// are not shifted; a documented limit), or no time where a window may start.
    init?(_ problem: PlanProblem, settings: RollingHorizonSettings, elastic: Bool) {
        guard !elastic, problem.horizon >= settings.threshold - Self.tolerance, settings.commit > 0,
              settings.window >= settings.commit, problem.model.therapy.sessions == nil,
              problem.model.patient.shiftDrivers.isEmpty else { return nil }
        let candidates = Set(problem.doseTimes).sorted().filter { Self.canStart(at: $0, problem) }
        var starts = [0.0]
        while let last = starts.last, last + settings.window < problem.horizon - Self.tolerance {
            let next = candidates.last { $0 > last + Self.tolerance && $0 <= last + settings.commit + Self.tolerance }
                ?? candidates.first { $0 > last + Self.tolerance }
            guard let next else { break }
            starts.append(next)
        }
        guard starts.count > 1 else { return nil }
        self.starts = starts
        let overlap = settings.window - settings.commit
        ends = starts.indices.map { k in
            k + 1 < starts.count ? min(problem.horizon, starts[k + 1] + overlap) : problem.horizon
        }
    }

    /// A window may start at `t` when nothing planned or written is running across it and every input
    /// schedule lines up: a dose time after the correction window, a fluid period start (when fluids may
    /// change), a report step and a Mg → K coupling instant, with every infusion that could have started
    /// earlier (planned or written) ended by then. The state at `t` then carries everything before it.
    static func canStart(at t: Double, _ problem: PlanProblem) -> Bool {
        func multiple(_ value: Double, of unit: Double) -> Bool {
            unit <= 0 || abs((value / unit).rounded() * unit - value) <= tolerance
        }
        guard t > tolerance, t < problem.horizon - tolerance, t >= problem.correctionWindow - tolerance,
              multiple(t, of: problem.step) else { return false }
        if problem.periodStarts.count > 1, !problem.periodStarts.contains(where: { abs($0 - t) <= tolerance }) { return false }
        let patient = problem.model.patient
        if patient.couplingActive, !multiple(t, of: patient.parameters[.couplingInterval]) { return false }
        if problem.fixedOrders.contains(where: { $0.at < t - tolerance && $0.at + $0.duration > t + tolerance }) { return false }
        for drug in problem.drugs where drug.isIntravenous {
            let longest = Double(drug.maxUnitsPerOrder) * drug.duration
            if problem.doseTimes.contains(where: { $0 < t - tolerance && $0 + longest > t + tolerance }) { return false }
        }
        return true
    }

    /// The problem window k solves: the case from `starts[k]` to `ends[k]` in window time (0 = the
    /// window's start), starting from the exact core state `state`; earlier orders (written or kept from
    /// earlier windows) that a rolling cap can still see are written orders at negative times (they
    /// have ended, so they act on the caps only); streams whose only fluid period began earlier are fixed
    /// to the kept product.
    static func problem(_ problem: PlanProblem, from start: Double, to end: Double, state: [Double],
                        kept: [FixedOrder], keptFluids: [Int: FluidOption]) -> PlanProblem {
        var window = problem
        window.horizon = end - start
        window.startState = state
        var serum: [Solute: Double] = [:]
        for solute in Solute.planned { serum[solute] = state[StateIndex.serum(solute).rawValue] }
        // The model opens a gate at 0 h when the level is below it; the gate rows elsewhere ask for the
        // level to be below it by PlanModel.gateMargin. Same test at a window's start as in the whole model.
        for drug in problem.drugs {
            guard let gate = drug.gate, gate.solute != .magnesium, let level = serum[gate.solute],
                  level >= gate.below - PlanModel.gateMargin, level < gate.below else { continue }
            serum[gate.solute] = gate.below
        }
        window.initialSerum = serum
        if start > tolerance { window.correctionWindow = 0 }
        let lookBack = problem.caps.map(\.hours).max() ?? 0
        let seen = { (order: FixedOrder) in order.at < end - tolerance && order.at > start - lookBack + tolerance }
        window.fixedOrders = (problem.fixedOrders + kept).filter(seen).map { order in
            var shifted = order
            shifted.at -= start
            return shifted
        }
        window.doseTimes = problem.doseTimes.filter { $0 >= start - tolerance && $0 < end - tolerance }.map { $0 - start }
        if problem.periodStarts.count > 1 {
            window.periodStarts = problem.periodStarts.filter { $0 >= start - tolerance && $0 < end - tolerance }.map { $0 - start }
        }
        for (index, stream) in problem.streams.enumerated() {
            switch stream.kind {
            case .choice:
                if let option = keptFluids[index] { window.streams[index].kind = .fixed([(0, option)]) }
            case let .fixed(schedule):
                let current = schedule.last { $0.start <= start + tolerance } ?? schedule[0]
                var shifted: [(start: Double, option: FluidOption)] = [(start: 0, option: current.option)]
                for segment in schedule where segment.start > start + tolerance && segment.start < end - tolerance {
                    shifted.append((start: segment.start - start, option: segment.option))
                }
                window.streams[index].kind = .fixed(shifted)
            }
        }
        return window
    }

    /// The core state of `model` at grid point `point` for the program's point `values` (a full primal
    /// vector): the model's own interval maps run forward from its start, so every state (also the
    /// states without columns) is exact.
    static func state(of model: PlanModel, values: [Double], at point: Int) -> [Double] {
        let n = StateIndex.coreCount
        var x = model.problem.initialState
        for map in model.intervals.prefix(point) {
            var next = map.constant
            for row in 0..<n {
                for column in 0..<n { next[row] += map.phi[row * n + column] * x[column] }
            }
            for (variable, effect) in map.effects {
                let value = values[variable]
                if value != 0 { for row in 0..<n { next[row] += effect[row] * value } }
            }
            x = next
        }
        return x
    }
}

import KRTUnits

/// Draws that follow the risk (docs/planner.md §8): a recheck within 2–6 h after a starting level
/// well outside its target, after a change of fluid potassium, after a fast IV potassium order, and
/// before the end of each PIRRT/SLED session. Each candidate carries the earliest time it may be merged
/// into, so that merging never moves a recheck before its window.
extension LabDrawSchedule {
    /// A candidate draw: its time (h), reason, and the earliest draw time (h) that still answers it.
    struct Candidate {
        var time: Double
        var reason: String
        var earliest: Double = 0
    }

    /// How far outside its target range a starting level must be (mmol/L) for an early recheck:
    /// ASSUMPTION (K 0.5 as in the issue; phosphate and Mg scaled to their narrower ranges).
    static let startMargin: [Solute: Double] = [.potassium: 0.5, .phosphate: 0.3, .magnesium: 0.2]
    /// Recheck (h) after a starting level beyond the margin: 4 h, inside NHS GGC's "1, 4, 6 and 24 hours
    /// after treatment" for hyperkalaemia (source in docs/planner.md §8).
    static let afterStart = 4.0
    /// Recheck (h) after a change of fluid potassium: ASSUMPTION, inside the 2–6 h window.
    static let afterFluidChange = 4.0
    /// IV potassium rate (mmol/h) from which an order gets its own recheck: 20 mmol/h, the rate above
    /// which NHS Highland's hypokalaemia guideline requires continuous ECG monitoring.
    static let fastPotassiumRate = 20.0
    /// The recheck after a fast potassium order: 1 h after it ends, kept within 2–6 h of its start (ASSUMPTION).
    static let afterFastPotassium = (afterEnd: 1.0, window: 2.0...6.0)
    /// How long before a PIRRT/SLED session ends (h) its end-of-session draw is taken (ASSUMPTION).
    static let beforeSessionEnd = 0.5
    /// The 2–6 h window of the risk rechecks: a recheck is not merged into a draw earlier than 2 h after its cause.
    static let riskWindowStart = 2.0

    func riskCandidates() -> [Candidate] {
        startLevelCandidates() + fluidChangeCandidates() + fastPotassiumCandidates() + sessionEndCandidates()
    }

    /// A starting level beyond its target by the solute's margin.
    func startLevelCandidates() -> [Candidate] {
        let problem = assembly.problem
        var result: [Candidate] = []
        for solute in Solute.planned {
            guard let start = problem.initialSerum[solute], let margin = Self.startMargin[solute] else { continue }
            let target = problem.limits.target(solute)
            let beyond = start > target.upperBound ? start - target.upperBound : target.lowerBound - start
            guard beyond >= margin - 1e-9 else { continue }
            let side = start > target.upperBound ? "above" : "below"
            result.append(Candidate(
                time: Self.afterStart,
                reason: "recheck: starting \(solute.symbol) \(Quantity.format(rounded(start))) mmol/L is \(Quantity.format(rounded(beyond))) \(side) the target",
                earliest: Self.riskWindowStart))
        }
        return result
    }

    /// A fluid potassium that changes on any stream after 0 h.
    func fluidChangeCandidates() -> [Candidate] {
        var result: [Candidate] = []
        for (stream, schedule) in assembly.fluids {
            for (previous, next) in zip(schedule, schedule.dropFirst()) {
                let before = previous.option.concentrations[.potassium] ?? 0, after = next.option.concentrations[.potassium] ?? 0
                guard abs(after - before) > 1e-9, next.start > 0 else { continue }
                let label = PlanModel.streamLabel(stream.stream).replacingUnderscores
                result.append(Candidate(
                    time: next.start + Self.afterFluidChange,
                    reason: "recheck K: \(label) K \(Quantity.format(before)) → \(Quantity.format(after)) mmol/L at \(Quantity.format(next.start)) h",
                    earliest: next.start + Self.riskWindowStart))
            }
        }
        return result
    }

    /// An IV order bringing potassium at 20 mmol/h or faster.
    func fastPotassiumCandidates() -> [Candidate] {
        var result: [Candidate] = []
        for order in assembly.orders where order.drug.isIntravenous && order.duration > 0 {
            let potassium = (order.drug.contentPerUnit[.potassium] ?? 0) * order.units
            let rate = potassium / order.duration
            guard rate >= Self.fastPotassiumRate - 1e-9 else { continue }
            let window = Self.afterFastPotassium.window
            let delay = min(max(order.duration + Self.afterFastPotassium.afterEnd, window.lowerBound), window.upperBound)
            result.append(Candidate(
                time: order.at + delay,
                reason: "recheck K after \(order.drug.name) at \(Quantity.format(rounded(rate))) mmol/h (\(Quantity.format(order.at)) h)",
                earliest: order.at + Self.riskWindowStart))
        }
        return result
    }

    /// Before the end of each PIRRT/SLED session (the level before the post-session rebound).
    func sessionEndCandidates() -> [Candidate] {
        let therapy = assembly.problem.model.therapy
        guard therapy.modality == .pirrt, let sessions = therapy.sessions else { return [] }
        return sessions.map { session in
            let time = max(session.start, session.end - Self.beforeSessionEnd)
            return Candidate(time: time, reason: "before the end of the session at \(Quantity.format(session.end)) h",
                             earliest: max(session.start, session.end - Self.riskWindowStart))
        }
    }

    func rounded(_ value: Double) -> Double { (value * 100).rounded() / 100 }
}

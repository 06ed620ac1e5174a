import KRTUnits

/// When to draw labs: before each dose time with orders, after the last orders, at each solute's predicted
/// minimum and maximum, where the risk calls for a recheck (``riskCandidates()``), and at the routine
/// cadence. Draws closer than `mergeWindow` hours are merged (reasons kept), on quarter-hour clock times.
struct LabDrawSchedule {
    let assembly: PlanAssembly

    static let mergeWindow = 2.0
    /// How long after an order ends (h) its effect is judged when no later draw is planned.
    static let afterInfusion = 1.0
    static let afterOral = 4.0

    func draws() -> [LabDraw] {
        let problem = assembly.problem
        var candidates: [Candidate] = []
        let starts = Set(assembly.orders.map(\.at)).sorted()
        for start in starts where start > 0 {
            let drugs = assembly.orders.filter { $0.at == start }.map(\.drug.name)
            candidates.append(Candidate(time: start, reason: "before the orders at \(Quantity.format(start)) h (\(drugs.joined(separator: ", ")))"))
        }
        // The response to the last orders, when nothing else checks it.
        if let last = assembly.orders.max(by: { $0.at + $0.duration < $1.at + $1.duration }) {
            let after = last.at + (last.drug.isIntravenous ? last.duration + Self.afterInfusion : Self.afterOral)
            if after < problem.horizon { candidates.append(Candidate(time: after, reason: "after \(last.drug.name)")) }
        }
        for solute in Solute.planned {
            for (time, kind) in extremes(solute) where kind == "minimum" || kind == "maximum" {
                candidates.append(Candidate(time: time, reason: "predicted \(solute.symbol) \(kind)"))
            }
        }
        candidates += riskCandidates().filter { $0.time < problem.horizon }
        let every = assembly.planningCase.file.labEvery
        for time in stride(from: every, through: problem.horizon, by: every) {
            candidates.append(Candidate(time: time, reason: "every \(Quantity.format(every)) h"))
        }
        candidates.sort { $0.time != $1.time ? $0.time < $1.time : $0.reason < $1.reason }
        var draws: [LabDraw] = []
        for candidate in candidates where candidate.time > 0 {
            let time = (candidate.time * 4).rounded() / 4  // quarter-hour clock times
            // Merged into the previous draw when close, unless that draw is too early to answer it.
            if let last = draws.last, time - last.at < Self.mergeWindow, last.at >= candidate.earliest - 1e-9 {
                if !last.reasons.contains(candidate.reason) { draws[draws.count - 1].reasons.append(candidate.reason) }
            } else {
                draws.append(LabDraw(at: time, reasons: [candidate.reason]))
            }
        }
        return draws
    }

    /// Local minima and maxima of the simulated course that move at least 0.05 mmol/L from the
    /// neighbouring extremes, plus the overall minimum and maximum.
    func extremes(_ solute: Solute) -> [(Double, String)] {
        let times = assembly.fine.times, values = assembly.fine.serum(solute)
        guard values.count > 2 else { return [] }
        var result: [(Double, String)] = []
        let prominence = 0.05
        var lastExtreme = values[0]
        for k in 1..<(values.count - 1) {
            let (a, b, c) = (values[k - 1], values[k], values[k + 1])
            if b < a, b <= c, lastExtreme - b >= prominence { result.append((times[k], "nadir")); lastExtreme = b }
            if b > a, b >= c, b - lastExtreme >= prominence { result.append((times[k], "peak")); lastExtreme = b }
        }
        if let low = zip(times, values).min(by: { $0.1 < $1.1 }), !result.contains(where: { $0.0 == low.0 }), low.0 > 0 {
            result.append((low.0, "minimum"))
        }
        if let high = zip(times, values).max(by: { $0.1 < $1.1 }), !result.contains(where: { $0.0 == high.0 }), high.0 > 0 {
            result.append((high.0, "maximum"))
        }
        return result
    }
}

import KRTPlanner
import KRTUnits

// Computed helpers on the result types that every renderer shares (words for statuses, routes, rates,
// interpolated levels, fluid changes, unit conversions). Read-only: the result types stay as they are.

extension PlanStatus {
    /// The status in words for headers, e.g. "optimal within 1.0 %".
    func headline(solver: SolverStatistics?) -> String {
        switch self {
        case .optimal:
            guard let solver else { return "optimal" }
            return "optimal within \(NumberFormat.percent(solver.requestedGap, decimals: 1))"
        case .bestFound:
            guard let solver else { return "best plan found" }
            return "best plan found; proven within \(NumberFormat.percent(solver.relativeGap, decimals: 1)) of the optimum"
                + " (requested \(NumberFormat.percent(solver.requestedGap, decimals: 1)))"
        case .timeLimit:
            guard let solver else { return "time limit: best plan found so far" }
            return "time limit: best plan found so far, gap \(NumberFormat.percent(solver.relativeGap, decimals: 1))"
                + " (requested \(NumberFormat.percent(solver.requestedGap, decimals: 1)))"
        case .hardBoundsUnmet:
            return "NO PLAN MEETS THE HARD BOUNDS — least-violating plan shown"
        case .simulated:
            return "simulation of the orders as written"
        }
    }

    /// A short status for table cells: `optimal`, `time limit`, `HARD BOUNDS UNMET`, `simulated`.
    var shortWords: String {
        switch self {
        case .optimal: "optimal"
        case .bestFound: "best found"
        case .timeLimit: "time limit"
        case .hardBoundsUnmet: "HARD BOUNDS UNMET"
        case .simulated: "simulated"
        }
    }
}

extension PlanResult {
    /// The headline status in words; when an alert says the orders or fluids are unsafe, it starts with
    /// `DANGER` and says what (never merely "simulation of the orders as written").
    var statusHeadline: String {
        let words = status.headline(solver: solver)
        let unsafe = alerts.filter(\.unsafe)
        guard !unsafe.isEmpty, status != .hardBoundsUnmet else { return words }
        let what = alertCounts(unsafe)
        switch kind {
        case .simulation: return "DANGER — the orders as written are unsafe: \(what) (see Alerts); simulation of the orders as written"
        case .plan: return "DANGER — \(what) (see Alerts); plan \(words)"
        }
    }

    /// `1 hard-bound crossing, 2 broken limits`.
    func alertCounts(_ list: [Alert]) -> String {
        let crossings = list.filter { $0.kind == .hardBoundCrossed }.count
        let broken = list.filter { $0.kind == .limitBroken }.count
        var parts: [String] = []
        if crossings > 0 { parts.append(NumberFormat.count(crossings, "hard-bound crossing")) }
        if broken > 0 { parts.append(NumberFormat.count(broken, "broken limit")) }
        return parts.joined(separator: ", ")
    }

    /// The explanation is shown when asked for, and always when the hard bounds are unmet.
    func showsExplanation(_ options: ReportOptions) -> Bool { options.explain || status == .hardBoundsUnmet }

    func summary(for solute: Solute) -> SoluteSummary? { solutes.first { $0.solute == solute } }

    /// The solutes to report: the planned three, in report order, then any others the result holds.
    var reportedSolutes: [Solute] {
        let present = Set(trajectory.series.map(\.solute)).union(solutes.map(\.solute))
        return Solute.planned + present.subtracting(Solute.planned).sorted()
    }

    /// Fluid assignments grouped by stream in circuit order (dialysate, pre-, post-replacement, citrate, then
    /// any other), each stream by start time.
    var fluidsInStreamOrder: [FluidAssignment] {
        let order = ["dialysate", "pre_replacement", "post_replacement", "citrate"]
        func rank(_ stream: String) -> Int { order.firstIndex(of: stream) ?? order.count }
        return fluids.enumerated().sorted {
            (rank($0.element.stream), $0.element.stream, $0.element.from, $0.offset)
                < (rank($1.element.stream), $1.element.stream, $1.element.from, $1.offset)
        }.map(\.element)
    }

    /// Orders by start time (stable for equal times).
    var ordersByTime: [PlannedOrder] {
        orders.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
    }

    /// Times after the start at which a stream's product (or flow) changes, with the new assignments.
    var fluidChanges: [(at: Double, assignments: [FluidAssignment])] {
        var previous: [String: FluidAssignment] = [:]
        var changes: [Double: [FluidAssignment]] = [:]
        for assignment in fluids.sorted(by: { ($0.from, $0.stream) < ($1.from, $1.stream) }) {
            let before = previous[assignment.stream]
            previous[assignment.stream] = assignment
            guard assignment.from > 0 else { continue }
            if let before, before.product == assignment.product, before.flow == assignment.flow { continue }
            changes[assignment.from, default: []].append(assignment)
        }
        return changes.keys.sorted().map { ($0, changes[$0] ?? []) }
    }

    /// mmol delivered by all supplement orders, per solute, in solute order.
    var supplementDelivery: [SoluteAmount] {
        var totals: [Solute: Double] = [:]
        for order in orders { for item in order.delivers { totals[item.solute, default: 0] += item.amount } }
        return totals.keys.sorted().map { SoluteAmount(solute: $0, amount: totals[$0] ?? 0) }
    }

    /// Times at which to tabulate predicted levels: the lab draws, or every 12 h when there are none.
    var tabulationTimes: [(at: Double, reasons: [String])] {
        if !labDraws.isEmpty { return labDraws.sorted { $0.at < $1.at }.map { ($0.at, $0.reasons) } }
        let end = max(horizon, trajectory.times.last ?? 0)
        return stride(from: 0.0, through: end, by: 12).map { ($0, ["every 12 h (no lab draws recommended)"]) }
    }
}

extension Trajectory {
    /// The predicted level at `time`, interpolated linearly between report times; `nil` outside the
    /// trajectory or when the solute is not predicted.
    func value(of solute: Solute, at time: Double) -> Double? {
        guard let values = values(for: solute) else { return nil }
        let count = min(values.count, times.count)
        guard count > 0, let first = times.first, time >= first, time <= times[count - 1] else { return nil }
        guard let upper = times[..<count].firstIndex(where: { $0 >= time }) else { return nil }
        if times[upper] == time || upper == 0 { return values[upper] }
        let lower = upper - 1
        let fraction = (time - times[lower]) / (times[upper] - times[lower])
        return values[lower] + fraction * (values[upper] - values[lower])
    }

    /// (time, value) pairs for one solute, cut to the shorter of the two arrays.
    func points(of solute: Solute) -> [(time: Double, value: Double)] {
        guard let values = values(for: solute) else { return [] }
        return zip(times, values).map { ($0, $1) }
    }
}

extension Alert {
    /// `DANGER`, `WARNING`, `NOTE`: the severity as the text and HTML reports label it.
    var label: String { severity.rawValue.uppercased() }

    /// A short form for narrow table cells (compare columns): `K 2.89 mmol/L at 30 h (hard bound 3)`,
    /// `Potassium chloride 0 h: 80 > 10 mmol/h`; the message when the figures are missing.
    var short: String {
        guard let value, let limit, let unit else { return message }
        let time = (worstAtHours ?? atHours).map { " at \(NumberFormat.hours($0))" } ?? ""
        switch kind {
        case .hardBoundCrossed:
            return "\(subject) \(NumberFormat.level(value)) \(unit)\(time) (hard bound \(NumberFormat.trimmed(limit, maxDecimals: 2)))"
        case .startsOutsideHardBound:
            return "\(subject) starts at \(NumberFormat.level(value)) \(unit) (hard bound \(NumberFormat.trimmed(limit, maxDecimals: 2)))"
        case .limitBroken:
            return "\(subject)\(time): \(NumberFormat.trimmed(value, maxDecimals: 2)) \(unit) exceeds \(NumberFormat.trimmed(limit, maxDecimals: 2)) \(unit)"
        case .sitePolicyExceedsLabel, .robustPromiseUnmet:
            return message
        }
    }
}

extension SoluteSummary {
    /// Laboratory-style flag for a level: `LL`/`HH` beyond a hard bound, `L`/`H` outside the target,
    /// empty inside the target.
    func flag(_ value: Double) -> String {
        if value < hardLow { return "LL" }
        if value > hardHigh { return "HH" }
        if value < targetLow { return "L" }
        if value > targetHigh { return "H" }
        return ""
    }
}

extension TherapySummary {
    /// `25 mL/kg/h prescribed, 22.5 mL/kg/h delivered`; for sessions (SLED/PIRRT) the doses while running
    /// and the prescribed dose averaged over the horizon.
    var effluentDoseText: String {
        let prescribed = NumberFormat.trimmed(effluentDosePrescribed, maxDecimals: 1)
        let delivered = NumberFormat.trimmed(effluentDoseDelivered, maxDecimals: 1)
        let doses = "\(prescribed) mL/kg/h prescribed, \(delivered) mL/kg/h delivered"
        guard runningFraction < 1 - 1e-9 else { return doses }
        let averaged = NumberFormat.trimmed(effluentDosePrescribed * runningFraction, maxDecimals: 1)
        return "while running \(doses) (\(averaged) mL/kg/h prescribed, averaged over the horizon)"
    }
}

extension PlannedOrder {
    /// `IV central`, `IV peripheral`, `oral`.
    var routeText: String {
        let route = route == "intravenous" ? "IV" : route
        return line.isEmpty ? route : "\(route) \(line)"
    }

    /// `10 mmol/h over 2 h`; `—` when neither rate nor duration applies (oral).
    var rateText: String {
        switch (rate.isEmpty, duration > 0) {
        case (false, true): "\(rate) over \(NumberFormat.hours(duration))"
        case (false, false): rate
        case (true, true): "over \(NumberFormat.hours(duration))"
        case (true, false): "—"
        }
    }

    /// The label of chart markers: the drug's short name and the dose without its mmol note,
    /// `Magnesium sulfate: 4 × MgSO4 1 g`, `Potassium chloride oral: 2 × KCl 10 mmol`.
    var label: String {
        let amount = dose.range(of: " (").map { String(dose[..<$0.lowerBound]) } ?? dose
        return "\(shortDrugName): \(amount)"
    }

    /// The drug's name up to its strength, presentation or brand: `Potassium chloride 20 mmol/100 mL
    /// (premixed)` → `Potassium chloride`, `Magnesium sulfate injection (as heptahydrate)` → `Magnesium
    /// sulfate`, `K-Phos Neutral / Phospha 250 Neutral tablet` → `K-Phos Neutral`.
    var shortDrugName: String {
        var words: [Substring] = []
        for word in drug.split(separator: " ") {
            if word == "/" || word.hasPrefix("(") || word.contains(where: \.isNumber) { break }
            if ["injection", "tablet", "tablets", "capsule", "solution", "premixed"].contains(word.lowercased()) { break }
            words.append(word)
        }
        return words.isEmpty ? drug : words.joined(separator: " ")
    }

    func delivers(_ solute: Solute) -> Double {
        delivers.filter { $0.solute == solute }.reduce(0) { $0 + $1.amount }
    }
}

extension FluidAssignment {
    /// `pre-replacement` for `pre_replacement`.
    var streamName: String { String(stream.map { $0 == "_" ? "-" : $0 }) }
}

extension Solute {
    /// Chart and heading name: `Potassium (K)`, `Phosphate (as P)`, `Magnesium (Mg)`.
    var reportName: String {
        switch self {
        case .phosphate: "Phosphate (as P)"
        default: rawValue.prefix(1).uppercased() + rawValue.dropFirst() + " (\(symbol))"
        }
    }

    /// The symbol for amounts and mass units: `P` for phosphate (reported as phosphorus), else ``symbol``.
    var elementSymbol: String { self == .phosphate ? "P" : symbol }

    /// Whether reports may show this solute in mg/dL (phosphate as P and magnesium).
    var hasMassUnitDisplay: Bool { self == .phosphate || self == .magnesium }

    /// A concentration in mmol/L expressed in mg/dL with this solute's molar mass.
    func milligramsPerDecilitre(_ millimolesPerLitre: Double) -> Double? {
        try? Quantity.fromCanonical(millimolesPerLitre, to: .milligramPerDecilitre, for: self)
    }
}

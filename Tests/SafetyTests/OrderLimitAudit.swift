import KRTCatalog
import KRTPlanner
import KRTUnits

/// An audit of a plan's orders against the catalog, written apart from the planner's own
/// `verification.limitChecks` (PlanAssembly+Checks) so that a mistake in one is caught by the other.
///
/// For every order: units × content ≤ single-dose limit; amount / duration ≤ rate limit on its line;
/// per-bag concentration ≤ the line's concentration limit; the gate (serum level at the order time, as
/// predicted) is below its threshold. For every product with a 24 h or 48 h limit: the total of its
/// group (or of itself) in any window starting at an order time stays within that product's limit.
enum OrderLimitAudit {
    static let relativeTolerance = 1e-9

    /// Every limit broken, as one line each (empty: every order is within every limit).
    static func violations(of result: PlanResult, catalog: Catalog) -> [String] {
        var found: [String] = []
        func within(_ value: Double, _ limit: Double) -> Bool { value <= limit * (1 + relativeTolerance) + 1e-12 }
        var products: [(order: PlannedOrder, supplement: Supplement, amount: Double)] = []
        for order in result.orders {
            guard let supplement = try? catalog.resolveSupplement(order.drug) else {
                found.append("\(order.drug) at \(order.at) h: not in the catalog")
                continue
            }
            let amount = Double(order.units) * supplement.primaryPerUnit
            products.append((order, supplement, amount))
            let delivered = order.delivers.first { $0.solute == supplement.primarySolute }?.amount ?? 0
            if abs(delivered - amount) > 1e-6 * max(1, amount) {
                found.append("\(order.drug) at \(order.at) h: delivers \(delivered) mmol, but \(order.units) units hold \(amount) mmol")
            }
            if let single = supplement.maxSingleDose, !within(amount, single.value) {
                found.append("\(order.drug) at \(order.at) h: \(amount) mmol above the single dose \(single.value) mmol")
            }
            if supplement.route == .intravenous {
                guard let line = AccessLine(rawValue: order.line) else {
                    found.append("\(order.drug) at \(order.at) h: intravenous without a line ('\(order.line)')")
                    continue
                }
                if order.duration <= 0 {
                    found.append("\(order.drug) at \(order.at) h: intravenous over \(order.duration) h")
                } else if let rate = supplement.maxRate(line), !within(amount / order.duration, rate.value) {
                    found.append("\(order.drug) at \(order.at) h: \(amount / order.duration) mmol/h above \(rate.value) mmol/h (\(line))")
                }
                if let volume = supplement.volumePerUnit, volume > 0, let limit = supplement.maxConcentration(line),
                   !within(supplement.primaryPerUnit / volume, limit.value) {
                    found.append("\(order.drug): \(supplement.primaryPerUnit / volume) mmol/L above \(limit.value) mmol/L (\(line))")
                }
            }
            if let gate = supplement.gate, let level = level(gate.serum, at: order.at, in: result), !(level < gate.below + 1e-9) {
                found.append("\(order.drug) at \(order.at) h: serum \(gate.serum.rawValue) \(level) mmol/L is not below the gate \(gate.below)")
            }
        }
        for entry in products {
            let windows: [(hours: Double, limit: Limit?)] = [(24, entry.supplement.maxPer24h), (48, entry.supplement.maxPer48h)]
            for (hours, limit) in windows {
                guard let limit else { continue }
                let members = products.filter { other in
                    let sameGroup = entry.supplement.group.map { $0 == other.supplement.group } ?? (other.supplement.id == entry.supplement.id)
                    return sameGroup && other.order.at >= entry.order.at - 1e-9 && other.order.at < entry.order.at + hours - 1e-9
                }
                let total = members.reduce(0) { $0 + $1.amount }
                if !within(total, limit.value) {
                    found.append("\(entry.supplement.group ?? entry.supplement.id): \(total) mmol in \(Int(hours)) h from \(entry.order.at) h above \(limit.value) mmol")
                }
            }
        }
        return found
    }

    /// The plan's predicted level of `solute` at time `at` (a report time).
    static func level(_ solute: Solute, at time: Double, in result: PlanResult) -> Double? {
        guard let values = result.trajectory.values(for: solute),
              let index = result.trajectory.times.firstIndex(where: { abs($0 - time) < 1e-9 }) else { return nil }
        return values[index]
    }
}

import KRTKinetics
import KRTUnits

extension PlanAssembly {
    /// Every order against every limit, after solving (and for the orders written in a case).
    func limitChecks() -> [LimitCheck] {
        var checks: [LimitCheck] = []
        func check(_ passed: Bool, _ text: String, kind: String? = nil, drug: String? = nil, at: Double? = nil,
                   value: Double? = nil, limit: Double? = nil, unit: String? = nil) {
            checks.append(LimitCheck(description: text, passed: passed, kind: kind, drug: drug, at: at, value: value, limit: limit, unit: unit))
        }
        for order in orders {
            let drug = order.drug
            let label = "\(drug.name) at \(Quantity.format(order.at)) h"
            let amount = (drug.contentPerUnit[drug.mainSolute] ?? 0) * order.units
            if !order.fixed {
                check(order.units <= Double(drug.maxUnitsPerOrder) + 1e-9,
                      "\(label): \(Quantity.format(order.units)) unit\(order.units == 1 ? "" : "s") ≤ \(drug.maxUnitsPerOrder) per order",
                      kind: "units_per_order", drug: drug.name, at: order.at, value: order.units, limit: Double(drug.maxUnitsPerOrder), unit: "units")
            }
            if let single = drug.maxSingleDose {
                check(amount <= single * (1 + 1e-9), "\(label): dose \(Quantity.format(rounded(amount))) mmol ≤ single-dose limit \(Quantity.format(rounded(single))) mmol",
                      kind: "single_dose", drug: drug.name, at: order.at, value: amount, limit: single, unit: "mmol")
            }
            if drug.isIntravenous, let maxRate = drug.maxRate, order.duration > 0 {
                let rate = amount / order.duration
                check(rate <= maxRate * (1 + 1e-9), "\(label): rate \(Quantity.format(rounded(rate))) mmol/h ≤ \(Quantity.format(rounded(maxRate))) mmol/h (\(drug.line))",
                      kind: "rate", drug: drug.name, at: order.at, value: rate, limit: maxRate, unit: "mmol/h")
            }
            if let gate = drug.gate {
                let level = value(gate.solute, at: order.at)
                check(level < gate.below, "\(label): serum \(gate.solute.symbol) \(Quantity.format(rounded(level))) mmol/L — \(gate.description)",
                      kind: "gate", drug: drug.name, at: order.at, value: level, limit: gate.below, unit: "mmol/L")
            }
        }
        for drug in Set(orders.map(\.drug.id)).sorted() {
            guard let notes = orders.first(where: { $0.drug.id == drug })?.drug.limits else { continue }
            for note in notes where !note.text.hasPrefix("only when") { check(true, "\(drug): \(note.text) [\(note.origin)]") }
        }
        for cap in problem.caps {
            var worst = 0.0, worstStart = 0.0
            for start in Set(orders.map(\.at)).sorted() {
                let used = orders.filter { cap.memberIDs.contains($0.drug.id) && $0.at >= start - 1e-9 && $0.at < start + cap.hours - 1e-9 }
                    .reduce(0.0) { $0 + ($1.drug.contentPerUnit[cap.solute] ?? 0) * $1.units }
                if used > worst { worst = used; worstStart = start }
            }
            check(worst <= cap.limit * (1 + 1e-9),
                  "\(cap.description): most in one window \(Quantity.format(rounded(worst))) mmol (from \(Quantity.format(worstStart)) h)")
        }
        return checks
    }
}

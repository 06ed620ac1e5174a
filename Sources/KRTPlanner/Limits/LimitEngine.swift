import KRTCatalog
import KRTKinetics
import KRTUnits

/// The one place where orders meet limits: every written and planned order against its per-order
/// limits (units per order, single dose, rate, infusion concentration, gate) and every rolling cap
/// (per 24 h, per 48 h, case caps) over all orders together, in windows that start at every order
/// time. `simulate`, `plan` and `compare` call it through the result assembly; the planner's cap rows
/// use ``windowStarts(orderTimes:)`` and ``fixedAmount(of:in:from:)`` so that the program and the
/// check count the same orders in the same windows.
///
/// Every value and its limit are in one unit (mmol, mmol/h, mmol/L of the product's main solute, or
/// orderable units); the limit as its source states it (e.g. `150 mg/min` of the compound) is quoted
/// beside it, never compared with it.
enum LimitEngine {
    /// Relative slack of every comparison (round-off of unit conversions).
    static let relativeTolerance = Limit.relativeTolerance
    /// Times closer than this (h) are the same instant.
    static let timeTolerance = 1e-9

    /// True when `value` is above `limit` beyond round-off.
    static func exceeds(_ value: Double, _ limit: Double) -> Bool { Limit.exceeds(value, limit) }

    /// Every check, in a fixed order: per order (in order), then per cap (in cap order).
    /// - Parameter serum: the predicted serum level (mmol/L) of a solute at a time (h), for gates.
    static func checks(orders: [OrderPlacement], caps: [RollingCap], serum: (Solute, Double) -> Double) -> [LimitCheck] {
        orders.flatMap { orderChecks($0, serum: serum) } + caps.map { capCheck($0, orders: orders) }
    }

    // MARK: Per order

    static func orderChecks(_ order: OrderPlacement, serum: (Solute, Double) -> Double) -> [LimitCheck] {
        let drug = order.drug
        let label = "\(drug.name) at \(Quantity.format(order.at)) h"
        let amount = (drug.contentPerUnit[drug.mainSolute] ?? 0) * order.units
        let solute = drug.mainSolute.symbol
        var checks: [LimitCheck] = []
        if !order.fixed {
            checks.append(compare(kind: "units_per_order", label: label, drug: drug.name, at: order.at,
                                  what: "order of", value: order.units, limit: Double(drug.maxUnitsPerOrder), unit: "units",
                                  limitName: "per-order limit", source: drug.orderLimits.unitsSource, stated: nil))
        }
        if let single = drug.orderLimits.singleDose {
            checks.append(compare(kind: "single_dose", label: label, drug: drug.name, at: order.at,
                                  what: "dose", value: amount, limit: single.value, unit: "mmol \(solute)",
                                  limitName: "single-dose limit", source: single.source, stated: single.stated))
        }
        if drug.isIntravenous {
            if let rate = drug.orderLimits.rate, order.duration > 0 {
                checks.append(compare(kind: "rate", label: label, drug: drug.name, at: order.at,
                                      what: "rate", value: amount / order.duration, limit: rate.value, unit: "mmol \(solute)/h",
                                      limitName: "\(drug.line)-line limit", source: rate.source, stated: rate.stated))
            }
            if let limit = drug.orderLimits.concentration, let concentration = drug.orderLimits.infusionConcentration {
                checks.append(compare(kind: "concentration", label: label, drug: drug.name, at: order.at,
                                      what: "concentration", value: concentration, limit: limit.value, unit: "mmol \(solute)/L",
                                      limitName: "\(drug.line)-line limit", source: limit.source, stated: limit.stated))
            }
        }
        if let gate = drug.gate {
            let level = serum(gate.solute, order.at)
            let passed = level < gate.below
            let levelText = "serum \(gate.solute.symbol) \(Quantity.format(rounded(level))) mmol/L"
            let gateText = "the gate (below \(Quantity.format(rounded(gate.below))) mmol/L; \(gate.source))"
            checks.append(LimitCheck(
                description: "\(label): " + (passed ? "\(levelText) within \(gateText)" : "\(levelText) is not below \(gateText): \(gate.description)"),
                passed: passed, kind: "gate", drug: drug.name, at: order.at, value: level, limit: gate.below,
                unit: "mmol/L", source: gate.source))
        }
        return checks
    }

    /// "<label>: rate 80 mmol K/h exceeds the 10 mmol K/h peripheral-line limit (label)"; "… within …" when passed.
    static func compare(kind: String, label: String, drug: String, at: Double?, what: String, value: Double, limit: Double,
                        unit: String, limitName: String, source: String, stated: String?) -> LimitCheck {
        let passed = !exceeds(value, limit)
        let verb = passed ? "within" : "exceeds"
        let quoted = stated.map { "; stated as \($0)" } ?? ""
        let text = "\(label): \(what) \(Quantity.format(rounded(value))) \(unit) \(verb) the \(Quantity.format(rounded(limit))) \(unit) "
            + "\(limitName) (\(source)\(quoted))"
        return LimitCheck(description: text, passed: passed, kind: kind, drug: drug, at: at, value: value, limit: limit,
                          unit: unit, source: source)
    }

    // MARK: Rolling caps

    /// The window starts (h) a cap must hold in: every time at which an order of a member drug starts,
    /// written or planned. The most in any window `[s, s + hours)` is reached at one of them: moving a
    /// window's start forward to its first order keeps every order it holds.
    static func windowStarts(orderTimes: [Double]) -> [Double] {
        var starts: [Double] = []
        for time in orderTimes.sorted() where starts.last.map({ time - $0 > timeTolerance }) ?? true { starts.append(time) }
        return starts
    }

    /// Whether an order at `time` falls in the window of `hours` from `start`.
    static func inWindow(_ time: Double, from start: Double, hours: Double) -> Bool {
        time >= start - timeTolerance && time < start + hours - timeTolerance
    }

    /// mmol of the cap's solute in the written orders of member drugs within the window from `start`.
    static func fixedAmount(of cap: RollingCap, in orders: [FixedOrder], from start: Double) -> Double {
        orders.filter { cap.memberIDs.contains($0.drug.id) && inWindow($0.at, from: start, hours: cap.hours) }
            .reduce(0.0) { $0 + $1.units * ($1.drug.contentPerUnit[cap.solute] ?? 0) }
    }

    /// The most mmol in any window of the cap over `orders`, and the start of the (first) worst window.
    static func worstWindow(of cap: RollingCap, orders: [OrderPlacement]) -> (amount: Double, start: Double) {
        let members = orders.filter { cap.memberIDs.contains($0.drug.id) }
        var worst = 0.0, worstStart = members.map(\.at).min() ?? 0
        for start in windowStarts(orderTimes: members.map(\.at)) {
            let used = members.filter { inWindow($0.at, from: start, hours: cap.hours) }
                .reduce(0.0) { $0 + ($1.drug.contentPerUnit[cap.solute] ?? 0) * $1.units }
            if used > worst * (1 + relativeTolerance) + 1e-12 { worst = used; worstStart = start }
        }
        return (worst, worstStart)
    }

    static func capCheck(_ cap: RollingCap, orders: [OrderPlacement]) -> LimitCheck {
        let (worst, start) = worstWindow(of: cap, orders: orders)
        let passed = !exceeds(worst, cap.limit)
        let unit = "mmol \(cap.solute.symbol)"
        let hours = Int(cap.hours.rounded())
        let quoted = cap.stated.isEmpty ? "" : "; stated as \(cap.stated)"
        let limitText = "the \(Quantity.format(rounded(cap.limit))) \(unit) per-\(hours)-h limit (\(cap.source)\(quoted))"
        let text = passed
            ? "\(cap.name): at most \(Quantity.format(rounded(worst))) \(unit) in any \(hours) h (most from \(Quantity.format(start)) h), within \(limitText)"
            : "\(cap.name): \(Quantity.format(rounded(worst))) \(unit) in the \(hours) h from \(Quantity.format(start)) h exceeds \(limitText)"
        return LimitCheck(description: text, passed: passed, kind: "rolling_cap", drug: cap.name, at: start, value: worst,
                          limit: cap.limit, unit: unit, source: cap.source)
    }

    static func rounded(_ value: Double) -> Double { (value * 100).rounded() / 100 }
}

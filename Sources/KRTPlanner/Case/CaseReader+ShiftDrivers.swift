import KRTInput
import KRTKinetics
import KRTUnits

extension CaseReader {
    /// `shift_drivers`: given drugs that shift K into cells (docs/case-format.md, "Shift drivers"), e.g.
    /// `[{at: 0 h, agent: insulin, dose: 10 units, over: 0 min, dextrose: 25 g},
    ///   {at: 0 h, agent: salbutamol, dose: 10 mg, route: nebulised}, {at: 2 h, agent: sodium_bicarbonate, dose: 50 mmol, over: 30 min}]`.
    /// Never chosen by the planner: they are inputs the plan works around.
    static func readShiftDrivers(_ field: Field, horizon: Double?) -> [ShiftDriver] {
        guard field.isPresent, let items = field.list(expected: "a list of shift drivers such as {at: 0 h, agent: insulin, dose: 10 units, dextrose: 25 g}") else { return [] }
        return items.compactMap { readShiftDriver($0, horizon: horizon) }.sorted { $0.time < $1.time }
    }

    /// Accepted dose units per agent, with the factor to the model's unit (units, mg, mmol) and the range.
    static let shiftDoseUnits: [ShiftDriver.Agent: (units: [String: Double], range: ClosedRange<Double>, text: String)] = [
        .insulin: (["units": 1, "unit": 1, "u": 1, "iu": 1], 1...50, "1 to 50 units"),
        .salbutamol: (["mg": 1, "microgram": 0.001, "micrograms": 0.001, "mcg": 0.001, "µg": 0.001], 0.05...40, "0.05 to 40 mg"),
        .sodiumBicarbonate: (["mmol": 1, "meq": 1], 1...500, "1 to 500 mmol"),
    ]

    static func readShiftDriver(_ item: Field, horizon: Double?) -> ShiftDriver? {
        guard item.expectMapping(allowedKeys: ["at", "agent", "dose", "over", "route", "dextrose"]) else { return nil }
        let at = readTimePoint(item["at"], horizon: horizon)
        let agentText = item["agent"].string(expected: "insulin, salbutamol or sodium_bicarbonate")
        let agent = agentText.flatMap { ShiftDriver.Agent(rawValue: $0.lowercased()) }
        if let agentText, agent == nil {
            item["agent"].error(value: agentText, "unknown shift driver agent '\(agentText)'; expected insulin, salbutamol or sodium_bicarbonate")
        }
        let over = item["over"].isPresent ? readTime(item["over"], in: 0...24, expected: "0 to 24 h") : 0
        var route = ShiftDriver.Route.intravenous
        if item["route"].isPresent, let text = item["route"].string(expected: "intravenous or nebulised") {
            switch text.lowercased() {
            case "intravenous", "iv": route = .intravenous
            case "nebulised", "nebulized", "inhaled": route = .nebulised
            default: item["route"].error(value: text, "route '\(text)' is not known; expected intravenous or nebulised")
            }
        } else if agent == .salbutamol {
            route = .nebulised
        }
        if route == .nebulised, agent != nil, agent != .salbutamol {
            item["route"].error(value: "nebulised", "only salbutamol can be nebulised")
        }
        var dextrose: Double? = nil
        if item["dextrose"].isPresent {
            if agent != .insulin { item["dextrose"].error("dextrose is given with insulin only") }
            dextrose = readDoseNumber(item["dextrose"], units: ["g": 1], range: 0...100, text: "0 to 100 g")
        }
        guard let agent, let spec = shiftDoseUnits[agent] else { return nil }
        let dose = readDoseNumber(item["dose"], units: spec.units, range: spec.range, text: spec.text)
        guard let at, let over, let dose else { return nil }
        return ShiftDriver(agent: agent, time: at, dose: dose, duration: over, route: route, dextrose: dextrose)
    }

    /// "10 units", "0.5 mg", "50 mmol": a positive number and one of `units` (case-insensitive).
    static func readDoseNumber(_ field: Field, units: [String: Double], range: ClosedRange<Double>, text: String) -> Double? {
        guard let raw = field.string(expected: "an amount such as \(text)") else { return nil }
        let parts = raw.split(separator: " ", omittingEmptySubsequences: true)
        let names = units.keys.sorted().joined(separator: ", ")
        guard parts.count == 2, let number = Double(parts[0]), number.isFinite, let factor = units[parts[1].lowercased()] else {
            field.error(value: raw, "amount '\(raw)' is not understood; expected a number and one of \(names) (\(text))")
            return nil
        }
        let value = number * factor
        guard range.contains(value) else {
            field.error(value: raw, "amount \(raw) is outside \(text)")
            return nil
        }
        return value
    }
}

import Foundation

/// Turns a figure's scenario into the text of a krtplan case (docs/case-format.md), field by field. Nothing
/// is approximated: a scenario field the case format cannot state is reported as a ``Gap`` ("not expressible
/// yet: …") and the figure is not simulated. The case text then goes through the normal case reader and
/// resolver (``Harness``), so every value is checked as a user's case would be.
public struct ScenarioTranslator: Sendable {
    /// Why a scenario cannot be a case today.
    public struct Gap: Error, Sendable, Hashable, CustomStringConvertible {
        public var reasons: [String]
        public var description: String { reasons.joined(separator: "; ") }
    }

    /// A case ready for the reader.
    public struct Translation: Sendable {
        public var caseText: String
        /// The scenario's readouts (first = the one compared with the published value).
        public var readouts: [YAMLValue]
        /// What the translation had to state that the scenario does not (all documented defaults).
        public var notes: [String]
        /// Whether the case uses `shift_drivers` (docs/case-format.md).
        public var usesShiftDrivers: Bool
        /// The scenario's horizon (h): no readout may be later (a dormant session may start there).
        public var latestReadoutTime: Double
        /// Whether "no KRT" was written as a dormant session after the horizon.
        public var dormantSession: Bool

        /// Throws when `readout` looks past a "no KRT" scenario's horizon (the dormant session starts there).
        func check(_ readout: Readout) throws(Harness.Failure) {
            guard readout.latestTime <= latestReadoutTime + 1e-9 || !dormantSession else {
                throw Harness.Failure(status: .notExpressible("readout after the scenario's horizon"))
            }
        }
    }

    public var referencePatient: YAMLValue
    public var fluids = CalibrationFluids()

    public init(referencePatient: YAMLValue) { self.referencePatient = referencePatient }

    /// Scenario keys (`supplements` is copied as the case's own field, e.g. `{access: central}` for the
    /// catalog's central-line limits).
    static let scenarioKeys: Set<String> = ["patient", "labs", "therapy", "fluids", "orders", "supplements", "shift_inputs", "horizon", "step", "readout", "note"]
    static let streamKeys = ["dialysate", "pre_replacement", "post_replacement"]

    public mutating func translate(_ figure: Figure) throws(Gap) -> Translation {
        guard let scenario = figure.scenario else { throw Gap(reasons: ["no scenario"]) }
        var gaps: [String] = [], notes: [String] = []
        guard let patientIn = scenario["patient"] else {
            let note = scenario["note"]?.text.map { ": " + Self.firstSentence($0) } ?? ""
            throw Gap(reasons: ["not a simulation figure\(note)"])
        }
        for key in scenario.keys where !Self.scenarioKeys.contains(key) { gaps.append("scenario field '\(key)'") }
        let patient = translatePatient(patientIn, gaps: &gaps, notes: &notes)
        let weight = patientIn["weight"]?.text.flatMap(Self.leadingNumber) ?? 75
        let therapyIn = scenario["therapy"]
        var therapy: YAMLValue? = nil
        var fluidsCase = translateFluids(scenario["fluids"], gaps: &gaps)
        var horizon = scenario["horizon"]
        if therapyIn == nil || therapyIn?.text == "none" {
            // No KRT: one dormant session starting at the scenario's horizon, after every readout (exact: the
            // model and the single-pool formula are causal; the harness refuses a readout after that time).
            guard let h = horizon?.text.flatMap(Self.hours) else { throw Gap(reasons: gaps + ["no KRT and no horizon"]) }
            therapy = Self.dormantTherapy(startingAt: h)
            fluidsCase = .map([("dialysate", .scalar(fluids.dialysate(potassium: 4, phosphate: 0, magnesium: 0.5)))])
            horizon = .scalar("\(Self.number(h + 1)) h")
            notes.append("no KRT: written as one dormant PIRRT session from \(Self.number(h)) h (the scenario's horizon, after every readout), horizon \(Self.number(h + 1)) h")
        } else if let t = therapyIn {
            therapy = translateTherapy(t, notes: &notes)
        }
        let orders = translateOrders(scenario["orders"], horizon: scenario["horizon"]?.text, gaps: &gaps)
        var drivers: YAMLValue? = nil
        if let shifts = scenario["shift_inputs"] {
            drivers = .list(shifts.items.map { Self.shiftDriver($0, weight: weight, notes: &notes) })
        }
        guard gaps.isEmpty, let therapy else { throw Gap(reasons: gaps) }
        var root: YAMLValue = .map([("name", .scalar("figure \(figure.id)")), ("patient", patient)])
        if let labs = scenario["labs"] { root = root.setting("labs", labs) }
        root = root.setting("therapy", therapy).setting("fluids", fluidsCase)
        if !orders.items.isEmpty { root = root.setting("orders", orders) }
        if let supplements = scenario["supplements"] { root = root.setting("supplements", supplements) }
        if let drivers { root = root.setting("shift_drivers", drivers) }
        if let horizon { root = root.setting("horizon", horizon) }
        if let step = scenario["step"] { root = root.setting("step", step) }
        return Translation(caseText: root.flowText + "\n", readouts: scenario["readout"]?.items ?? [], notes: notes,
                           usesShiftDrivers: drivers != nil,
                           latestReadoutTime: scenario["horizon"]?.text.flatMap(Self.hours) ?? .infinity,
                           dormantSession: therapyIn == nil || therapyIn?.text == "none")
    }

    func translatePatient(_ p: YAMLValue, gaps: inout [String], notes: inout [String]) -> YAMLValue {
        var out = p
        if p["sex"] == nil, let sex = referencePatient["sex"] {
            out = out.setting("sex", sex)
            notes.append("sex \(sex.text ?? "") from the figure file's reference patient (the case requires it; the model does not use it)")
        }
        if let rrf = p["residual_renal_function"], case let .map(entries) = rrf["clearance"] ?? .scalar("") {
            for (solute, value) in entries where Self.leadingNumber(value.text ?? "") == nil {
                gaps.append("residual \(solute) clearance given as words ('\(value.text ?? "…")')")
            }
        }
        return out
    }

    mutating func translateTherapy(_ t: YAMLValue, notes: inout [String]) -> YAMLValue {
        var out = t
        if t["modality"]?.text?.uppercased() == "PIRRT" || t["modality"]?.text?.uppercased() == "SLED", t["delivered_fraction"] == nil {
            out = out.setting("delivered_fraction", .scalar("100 %"))
            notes.append("delivered_fraction 100 % (ASSUMPTION: the published session time is the time the circuit ran)")
        }
        if let anticoagulation = t["anticoagulation"], let solution = anticoagulation["solution"]?.text,
           let citrate = solution.firstMatch(of: /\((\d+(?:\.\d+)?) mmol\/L\)/).flatMap({ Double($0.1) }) {
            let name = fluids.citrate(named: solution, citrate: citrate)
            out = out.setting("anticoagulation", anticoagulation.setting("solution", .scalar(name)))
        }
        return out
    }

    /// The stand-in for "no KRT": a PIRRT circuit whose only session starts at `start` (h).
    static func dormantTherapy(startingAt start: Double) -> YAMLValue {
        .map([("modality", .scalar("PIRRT")), ("blood_flow", .scalar("200 mL/min")), ("dialysate_flow", .scalar("500 mL/min")),
              ("dialyzer_koa", .scalar("600 mL/min")), ("delivered_fraction", .scalar("100 %")),
              ("sessions", .list([.map([("start", .scalar("\(number(start)) h")), ("duration", .scalar("1 h"))])]))])
    }

    mutating func translateFluids(_ f: YAMLValue?, gaps: inout [String]) -> YAMLValue {
        var out: YAMLValue = .map([])
        guard let f else { return out }
        for key in f.keys {
            guard let value = f[key] else { continue }
            if key == "composition_note" { continue }
            guard Self.streamKeys.contains(key) else { gaps.append("fluids.\(key)"); continue }
            if let composition = value["composition"] {
                let k = composition["potassium"]?.text.flatMap(Self.leadingNumber)
                let p = composition["phosphate"]?.text.flatMap(Self.leadingNumber)
                let mg = composition["magnesium"]?.text.flatMap(Self.leadingNumber)
                let citrate = composition["citrate"]?.text.flatMap(Self.leadingNumber)
                for extra in composition.keys where !["potassium", "phosphate", "magnesium", "citrate"].contains(extra) {
                    gaps.append("fluids.\(key).composition.\(extra) (a calibration fluid states K, P, Mg and citrate only)")
                }
                guard let k, let p, let mg else { gaps.append("fluids.\(key).composition without K, P and Mg in mmol/L"); continue }
                if composition["citrate"] != nil, citrate == nil { gaps.append("fluids.\(key).composition.citrate not in mmol/L"); continue }
                out = out.setting(key, .scalar(fluids.dialysate(potassium: k, phosphate: p, magnesium: mg, citrate: citrate ?? 0)))
            } else {
                out = out.setting(key, value)
            }
        }
        return out
    }

    func translateOrders(_ o: YAMLValue?, horizon: String?, gaps: inout [String]) -> YAMLValue {
        guard let o else { return .list([]) }
        var out: [YAMLValue] = []
        let end = horizon.flatMap(Self.hours) ?? 0
        for order in o.items {
            if let route = order["route"]?.text, route.uppercased() != "IV" { gaps.append("order route '\(route)'") }
            let base = order.removing(["route", "note", "every"])
            if let every = order["every"]?.text.flatMap(Self.hours), every > 0 {
                let first = order["at"]?.text.flatMap(Self.hours) ?? 0
                for t in stride(from: first, to: end - 1e-9, by: every) { out.append(base.setting("at", .scalar("\(Self.number(t)) h"))) }
            } else {
                out.append(base)
            }
        }
        return .list(out)
    }

    /// A figure file `shift_inputs` entry as a case's `shift_drivers` entry (docs/case-format.md):
    /// `{at, agent: insulin|salbutamol|sodium_bicarbonate, dose, over, route, dextrose}`.
    static func shiftDriver(_ s: YAMLValue, weight: Double, notes: inout [String]) -> YAMLValue {
        let kind = s["kind"]?.text ?? ""
        let agent = kind == "beta2_agonist" ? "salbutamol" : kind
        var out: YAMLValue = .map([("at", s["at"] ?? .scalar("0 h")), ("agent", .scalar(agent))])
        if var dose = s["amount"]?.text {
            if let m = dose.wholeMatch(of: /(\d+(?:\.\d+)?) mmol\/kg/), let perKg = Double(m.1) {
                dose = "\(number(perKg * weight)) mmol"
                notes.append("\(agent) \(m.0) × \(number(weight)) kg = \(dose)")
            }
            out = out.setting("dose", .scalar(dose))
        }
        let route = (s["route"]?.text ?? "").lowercased()
        // The route is always written out: the case reader's default for salbutamol is nebulised, so an IV
        // dose left without a route would be read as a 20× weaker nebulisation.
        if route.contains("nebul") {
            out = out.setting("route", .scalar("nebulised"))
        } else if route.hasPrefix("iv") || route.contains("intraven") {
            out = out.setting("route", .scalar("intravenous"))
        }
        if let over = s["over"] { out = out.setting("over", over) } else if route.contains("bolus") { out = out.setting("over", .scalar("0 min")) }
        if let glucose = s["with_glucose"] { out = out.setting("dextrose", glucose) }
        if s["concentration"] != nil { notes.append("\(agent): concentration '\(s["concentration"]?.text ?? "")' not part of shift_drivers") }
        return out
    }

    static func leadingNumber(_ text: String) -> Double? {
        text.firstMatch(of: /^\s*(-?\d+(?:\.\d+)?)/).flatMap { Double($0.1) }
    }

    static func hours(_ text: String) -> Double? {
        guard let m = text.firstMatch(of: /^\s*(\d+(?:\.\d+)?)\s*(min|h|days?)\b/), let v = Double(m.1) else { return nil }
        switch m.2 { case "min": return v / 60; case "h": return v; default: return v * 24 }
    }

    static func number(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String(x) }

    static func firstSentence(_ text: String) -> String {
        var t = text.replacingOccurrences(of: "e.g. ", with: "e.g.\u{00A0}").components(separatedBy: "; ").first ?? text
        t = t.components(separatedBy: ". ").first ?? t
        if t.hasSuffix(".") { t.removeLast() }
        if t.lowercased().hasPrefix("not ") { t = t.components(separatedBy: ": ").dropFirst().joined(separator: ": ") }
        return t.trimmingCharacters(in: .whitespaces)
    }
}

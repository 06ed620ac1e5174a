import KRTInput
import KRTKinetics
import KRTUnits

extension CaseReader {
    static let therapyKeys = ["modality", "blood_flow", "dialysate_flow", "replacement", "net_ultrafiltration",
                              "anticoagulation", "calcium_infusion", "delivered_fraction", "dialyzer_koa", "sessions",
                              "effluent_dose", "dialyzer_koa_potassium", "dialyzer_koa_phosphate", "dialyzer_koa_magnesium"]

    /// Spellings accepted for the modality (case-insensitive).
    enum ModalityName: String, CaseIterable {
        case cvvh = "CVVH", cvvhd = "CVVHD", cvvhdf = "CVVHDF", sled = "SLED", pirrt = "PIRRT"

        var modality: Therapy.Modality {
            switch self {
            case .cvvh: .cvvh
            case .cvvhd: .cvvhd
            case .cvvhdf: .cvvhdf
            case .sled, .pirrt: .pirrt
            }
        }
    }

    /// Default delivered fraction when none is given (CRRT-Calculator uptime default 0.90; ASSUMPTION).
    static let defaultDeliveredFraction = 0.90
    /// Default dialyser KoA for PIRRT/SLED when none is given (L/h; 600 mL/min, ASSUMPTION).
    static let defaultKoA = 36.0

    /// The therapy, the citrate solution's name and the separate calcium infusion. An unknown or
    /// missing modality is reported and the rest of the prescription is still checked (every problem at
    /// once), but no therapy is returned.
    static func readTherapy(_ field: Field, patient: Patient?, horizon: Double?)
        -> (therapy: Therapy, citrateSolution: NameReference?, calciumInfusion: CalciumInfusion?)? {
        guard field.expectMapping(allowedKeys: therapyKeys, expected: "the KRT prescription: modality, flows, …") else { return nil }
        let modality = readModality(field["modality"])
        let blood = readFlow(field["blood_flow"], in: 0.5...30, expected: "a blood flow from 10 to 500 mL/min", minutes: true)
        let dialysate = field["dialysate_flow"].isPresent
            ? readFlow(field["dialysate_flow"], in: 0...40, expected: "0 to 40 L/h", minutes: false) : 0
        let replacement = readReplacement(field["replacement"])
        let netUF = field["net_ultrafiltration"].isPresent
            ? readFlow(field["net_ultrafiltration"], in: 0...1, expected: "0 to 1000 mL/h", minutes: false) : 0
        let anticoagulation = readAnticoagulation(field["anticoagulation"])
        let calcium = readCalciumInfusion(field["calcium_infusion"])
        var delivered = defaultDeliveredFraction
        if field["delivered_fraction"].isPresent {
            if let value = field["delivered_fraction"].canonical(.fraction),
               field["delivered_fraction"].requireRange(value, 0.3...1, expected: "a delivered fraction from 30 % to 100 %") {
                delivered = value
            }
        }
        var koa: Double? = nil
        if field["dialyzer_koa"].isPresent {
            koa = readFlow(field["dialyzer_koa"], in: 3...120, expected: "a KoA from 50 to 2000 mL/min", minutes: true)
        } else if modality == .pirrt {
            koa = defaultKoA
            field["dialyzer_koa"].warning(value: "", "dialyzer_koa not given; 600 mL/min is assumed for PIRRT/SLED")
        }
        let sessions = readSessions(field["sessions"], modality: modality, horizon: horizon)
        guard let modality, let blood, let dialysate, let replacement, let netUF, let anticoagulation, calcium.ok else { return nil }
        // Sessions written but unreadable already have their message (or the horizon has one).
        if field["sessions"].isPresent, sessions == nil { return nil }
        var therapy = Therapy(modality: modality, bloodFlow: blood, dialysateFlow: dialysate,
                              preReplacementFlow: replacement.pre, postReplacementFlow: replacement.post,
                              netUltrafiltration: netUF, anticoagulation: anticoagulation.kind,
                              deliveredFraction: delivered, dialyzerKoA: koa, sessions: sessions)
        for solute in Solute.planned where field["dialyzer_koa_\(solute.rawValue)"].isPresent {
            // The dialyser's own per-solute KoA (a membrane property) replaces KoA × the model's ratio.
            let key = "dialyzer_koa_\(solute.rawValue)"
            if let value = readFlow(field[key], in: 0.3...120, expected: "a \(solute.rawValue) KoA from 5 to 2000 mL/min", minutes: true) {
                therapy.soluteKoA[solute] = value
            }
        }
        if field["effluent_dose"].isPresent, let patient {
            therapy = scaled(therapy, to: field["effluent_dose"], weight: patient.weight)
        }
        for issue in therapy.validate(patient: patient, at: field.path) { field.log.record(relocated(issue, in: field)) }
        return (therapy, anticoagulation.solution, calcium.infusion)
    }

    /// The modality, or nil with an error (missing, or not one krtplan models).
    static func readModality(_ field: Field) -> Therapy.Modality? {
        guard let text = field.string(expected: "CVVH, CVVHD, CVVHDF, SLED or PIRRT") else { return nil }
        guard let name = ModalityName.allCases.first(where: { $0.rawValue.lowercased() == text.lowercased() }) else {
            field.error("'\(text)' is not a modality krtplan models; expected CVVH, CVVHD, CVVHDF, SLED or PIRRT")
            return nil
        }
        return name.modality
    }

    /// Allowed flow of a separate calcium infusion (L/h): 1–500 mL/h.
    static let calciumInfusionFlows = 0.001...0.5

    /// `therapy.calcium_infusion: {solution: TEXT, flow: FLOW}`: `ok` is false when written but unreadable
    /// (the message is recorded); `infusion` is nil when absent.
    static func readCalciumInfusion(_ field: Field) -> (ok: Bool, infusion: CalciumInfusion?) {
        guard field.isPresent else { return (true, nil) }
        guard field.expectMapping(allowedKeys: ["solution", "flow"],
                                  expected: "a separate calcium infusion such as {solution: calcium chloride 10 %, flow: 20 mL/h}") else { return (false, nil) }
        let solution = field["solution"].string(expected: "the calcium solution as ordered, e.g. calcium chloride 10 % or calcium gluconate 10 %")
        let flow = readFlow(field["flow"], in: calciumInfusionFlows, expected: "a calcium infusion flow from 1 to 500 mL/h", minutes: false)
        guard let solution, let flow else { return (false, nil) }
        return (true, CalciumInfusion(solution: solution, flow: flow, path: field.path))
    }

    /// A flow; `minutes` marks blood-flow-like fields where an mL/h number is most likely a mistake.
    static func readFlow(_ field: Field, in range: ClosedRange<Double>, expected: String, minutes: Bool) -> Double? {
        guard let quantity = field.quantity(.flow), let value = field.canonical(.flow) else { return nil }
        guard range.contains(value) else {
            var hint = ""
            if minutes, quantity.unit == .millilitrePerHour, range.contains(quantity.value * 0.06) {
                hint = " (did you mean \(Quantity.format(quantity.value)) mL/min?)"
            } else if !minutes, quantity.unit == .millilitrePerMinute, range.contains(quantity.value / 1000) {
                hint = " (did you mean \(Quantity.format(quantity.value)) mL/h?)"
            }
            field.error("\(field.text) is outside the accepted range; expected \(expected)\(hint)")
            return nil
        }
        return value
    }

    static func readReplacement(_ field: Field) -> (pre: Double, post: Double)? {
        guard field.isPresent else { return (0, 0) }
        guard let entries = field.list(expected: "a list such as [{position: post, flow: 500 mL/h}]") else { return nil }
        enum Position: String, CaseIterable { case pre, post }
        var pre = 0.0, post = 0.0, ok = true
        for entry in entries {
            guard entry.expectMapping(allowedKeys: ["position", "flow"]) else { ok = false; continue }
            let position = entry["position"].choice(Position.self)
            let flow = readFlow(entry["flow"], in: 0...10, expected: "0 to 10 L/h", minutes: false)
            guard let position, let flow else { ok = false; continue }
            if position == .pre { pre += flow } else { post += flow }
        }
        return ok ? (pre, post) : nil
    }

    static func readAnticoagulation(_ field: Field) -> (kind: Therapy.Anticoagulation, solution: NameReference?)? {
        enum Kind: String, CaseIterable { case none, heparin, citrate }
        guard field.isPresent else { return (.none, nil) }
        if case .scalar = field.node {
            guard let kind = field.choice(Kind.self) else { return nil }
            if kind == .citrate {
                field.error("citrate needs its solution and flow; expected {kind: citrate, solution: NAME, flow: 1500 mL/h}")
                return nil
            }
            return (kind == .heparin ? .heparin : .none, nil)
        }
        guard field.expectMapping(allowedKeys: ["kind", "solution", "flow"]) else { return nil }
        guard let kind = field["kind"].choice(Kind.self) else { return nil }
        switch kind {
        case .none, .heparin:
            for key in ["solution", "flow"] where field[key].isPresent {
                field[key].error("\(key) applies only to citrate anticoagulation")
            }
            return (kind == .heparin ? .heparin : .none, nil)
        case .citrate:
            let solution = field["solution"].string(expected: "the citrate solution's catalog name, e.g. Prismocitrate 18/0")
            let flow = readFlow(field["flow"], in: 0.05...5, expected: "a citrate solution flow from 50 to 5000 mL/h", minutes: false)
            guard let solution, let flow else { return nil }
            return (.citrate(flow: flow), NameReference(solution, path: field["solution"].path))
        }
    }

    /// `[{start, duration}, …]` or `{first: 0 h, every: 24 h, duration: 8 h}` repeated over the horizon.
    static func readSessions(_ field: Field, modality: Therapy.Modality?, horizon: Double?) -> [Therapy.Session]? {
        guard field.isPresent else { return nil }
        if let modality, modality != .pirrt { field.warning("sessions given for continuous therapy; the circuit runs only during them") }
        if case .mapping = field.node {
            guard field.expectMapping(allowedKeys: ["first", "every", "duration"]) else { return nil }
            let first = field["first"].isPresent ? field["first"].canonical(.time) : 0
            let every = readTime(field["every"], in: 1...168, expected: "1 h to 7 days")
            let duration = readTime(field["duration"], in: 0.5...24, expected: "30 min to 24 h")
            guard let first, let every, let duration, let horizon else { return nil }
            if duration > every { field["duration"].error("session duration \(field["duration"].text) is longer than the interval \(field["every"].text); sessions would overlap") ; return nil }
            return stride(from: first, to: horizon, by: every).map { Therapy.Session(start: $0, duration: duration) }
        }
        guard let entries = field.list(expected: "a list of sessions such as [{start: 0 h, duration: 8 h}]") else { return nil }
        var sessions: [Therapy.Session] = []
        for entry in entries {
            guard entry.expectMapping(allowedKeys: ["start", "duration"]) else { continue }
            let start = readTimePoint(entry["start"], horizon: horizon)
            let duration = readTime(entry["duration"], in: 0.25...24, expected: "15 min to 24 h")
            if let start, let duration { sessions.append(Therapy.Session(start: start, duration: duration)) }
        }
        return sessions
    }

    /// Scales dialysate and replacement flows so the prescribed effluent dose equals `field` (mL/kg/h).
    static func scaled(_ therapy: Therapy, to field: Field, weight: Double) -> Therapy {
        guard let dose = field.canonical(.weightNormalizedFlow),
              field.requireRange(dose, 0.005...0.1, expected: "an effluent dose from 5 to 100 mL/kg/h") else { return therapy }
        let fixed = therapy.citrateFlow + therapy.netUltrafiltration
        let scalable = therapy.dialysateFlow + therapy.preReplacementFlow + therapy.postReplacementFlow
        let wanted = dose * weight - fixed
        guard scalable > 0, wanted > 0 else {
            field.error("effluent dose \(field.text) cannot be reached by scaling the dialysate and replacement flows")
            return therapy
        }
        var copy = therapy
        let factor = wanted / scalable
        copy.dialysateFlow *= factor
        copy.preReplacementFlow *= factor
        copy.postReplacementFlow *= factor
        return copy
    }
}

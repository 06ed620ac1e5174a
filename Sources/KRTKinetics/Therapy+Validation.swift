import KRTUnits
import KRTInput

extension Therapy {
    /// Plausibility ranges used by ``validate(patient:at:)``, in L/h unless stated (docs/model.md §8).
    public enum Limits {
        /// Blood flow 30–500 mL/min.
        public static let bloodFlow = 1.8...30.0
        /// Dialysate flow up to 800 mL/min (HD-machine SLED); CRRT typically 0.5–3 L/h.
        public static let dialysateFlowMax = 48.0
        /// Replacement flow up to 8 L/h per position.
        public static let replacementFlowMax = 8.0
        /// Net ultrafiltration up to 1 L/h.
        public static let netUltrafiltrationMax = 1.0
        /// Citrate solution 0–0.6 L/h for 4 % TSC; up to 3 L/h for 18 mmol/L solutions (Regiocit).
        public static let citrateFlowMax = 3.0
        /// Dialyser KoA 100–1500 mL/min.
        public static let koa = 6.0...90.0
        /// Effluent dose 10–80 mL/kg/h (in L/kg/h).
        public static let effluentDose = 0.010...0.080
    }

    /// Every problem with the prescription, each naming its field under `path`. The patient (optional)
    /// supplies hematocrit and weight for the filtration-fraction and dose checks.
    public func validate(patient: Patient? = nil, parameters: ModelParameters? = nil,
                         at path: FieldPath = "therapy") -> [InputIssue] {
        var issues: [InputIssue] = []
        func error(_ key: String, _ value: Double, _ message: String) {
            issues.append(InputIssue(path: path.appending(key), value: "\(Quantity.short(value))", message: message))
        }
        func warning(_ key: String, _ value: Double, _ message: String) {
            issues.append(InputIssue(.warning, path: path.appending(key), value: "\(Quantity.short(value))", message: message))
        }
        let flows: [(String, Double, Double)] = [
            ("dialysate_flow", dialysateFlow, Limits.dialysateFlowMax),
            ("replacement_pre_flow", preReplacementFlow, Limits.replacementFlowMax),
            ("replacement_post_flow", postReplacementFlow, Limits.replacementFlowMax),
            ("net_ultrafiltration", netUltrafiltration, Limits.netUltrafiltrationMax),
            ("citrate_flow", citrateFlow, Limits.citrateFlowMax),
        ]
        if !(bloodFlow > 0) || !bloodFlow.isFinite {
            error("blood_flow", bloodFlow, "blood flow \(Quantity.short(bloodFlow)) L/h must be positive")
        } else if !Limits.bloodFlow.contains(bloodFlow) {
            warning("blood_flow", bloodFlow, "blood flow \(Quantity.short(bloodFlow * 1000 / 60)) mL/min is outside the plausible range 30–500 mL/min")
        }
        for (key, value, maximum) in flows {
            if !(value >= 0) || !value.isFinite {
                error(key, value, "flow \(Quantity.short(value)) L/h must not be negative")
            } else if value > maximum {
                warning(key, value, "flow \(Quantity.short(value)) L/h is above the plausible maximum \(Quantity.short(maximum)) L/h")
            }
        }
        switch modality {
        case .cvvh:
            if preReplacementFlow + postReplacementFlow <= 0 {
                error("replacement_post_flow", postReplacementFlow, "CVVH needs a replacement flow (pre- or post-filter); none is given")
            }
            if dialysateFlow > 0 { warning("dialysate_flow", dialysateFlow, "CVVH has no dialysate; use CVVHDF for dialysate plus replacement") }
        case .cvvhd:
            if dialysateFlow <= 0 { error("dialysate_flow", dialysateFlow, "CVVHD needs a dialysate flow; none is given") }
            if preReplacementFlow + postReplacementFlow > 0 {
                warning("replacement_post_flow", postReplacementFlow, "CVVHD has no replacement fluid; use CVVHDF")
            }
        case .cvvhdf:
            if dialysateFlow <= 0 { error("dialysate_flow", dialysateFlow, "CVVHDF needs a dialysate flow; none is given") }
            if preReplacementFlow + postReplacementFlow <= 0 {
                error("replacement_post_flow", postReplacementFlow, "CVVHDF needs a replacement flow; none is given")
            }
        case .pirrt:
            if dialysateFlow <= 0 { error("dialysate_flow", dialysateFlow, "PIRRT/SLED needs a dialysate flow; none is given") }
            if sessions == nil { error("sessions", 0, "PIRRT/SLED needs a list of sessions (start, duration)") }
        }
        if !(deliveredFraction > 0 && deliveredFraction <= 1) {
            error("delivered_fraction", deliveredFraction, "delivered fraction \(Quantity.short(deliveredFraction)) must be in (0, 1]")
        }
        if let koa = dialyzerKoA {
            if !(koa > 0) { error("dialyzer_koa", koa, "dialyser KoA \(Quantity.short(koa)) L/h must be positive") }
            else if !Limits.koa.contains(koa) { warning("dialyzer_koa", koa, "dialyser KoA \(Quantity.short(koa * 1000 / 60)) mL/min is outside 100–1500 mL/min") }
        }
        for (solute, koa) in soluteKoA.sorted(by: { $0.key.rawValue < $1.key.rawValue }) where !(koa > 0 && koa.isFinite) {
            error("dialyzer_koa_\(solute.rawValue)", koa, "dialyser \(solute.rawValue) KoA \(Quantity.short(koa)) L/h must be positive")
        }
        issues += validateSessions(at: path.appending("sessions"))
        if let patient, patient.hematocrit > 0, patient.hematocrit < 1, bloodFlow > 0 {
            issues += validateFiltration(patient: patient, parameters: parameters ?? patient.parameters, at: path)
        }
        return issues
    }

    private func validateSessions(at path: FieldPath) -> [InputIssue] {
        guard let sessions else { return [] }
        var issues: [InputIssue] = []
        for (i, s) in sessions.enumerated() {
            let p = path.appending(index: i)
            if !(s.start >= 0) || !s.start.isFinite {
                issues.append(InputIssue(path: p.appending("start"), value: "\(Quantity.short(s.start))", message: "session start \(Quantity.short(s.start)) h must not be negative"))
            }
            if !(s.duration > 0) || !s.duration.isFinite {
                issues.append(InputIssue(path: p.appending("duration"), value: "\(Quantity.short(s.duration))", message: "session duration \(Quantity.short(s.duration)) h must be positive"))
            }
        }
        let order = sessions.indices.sorted { sessions[$0].start < sessions[$1].start }
        for (a, b) in zip(order, order.dropFirst()) where sessions[b].start < sessions[a].end {
            issues.append(InputIssue(path: path.appending(index: b), value: "\(Quantity.short(sessions[b].start))",
                                     message: "session \(b) starts at \(Quantity.short(sessions[b].start)) h, before session \(a) ends at \(Quantity.short(sessions[a].end)) h (sessions overlap)"))
        }
        return issues
    }

    private func validateFiltration(patient: Patient, parameters: ModelParameters, at path: FieldPath) -> [InputIssue] {
        var issues: [InputIssue] = []
        let ff = filtrationFraction(hematocrit: patient.hematocrit)
        let ceiling = parameters[.filtrationFractionCeiling]
        let qpw = plasmaWaterFlow(hematocrit: patient.hematocrit, plasmaWaterFraction: parameters[.plasmaWaterFraction])
        if ultrafiltrationFlow >= qpw + preDilutionFlow {
            issues.append(InputIssue(path: path.appending("replacement_post_flow"), value: "\(Quantity.short(ultrafiltrationFlow))",
                                     message: "total ultrafiltration \(Quantity.short(ultrafiltrationFlow)) L/h exceeds plasma-water flow \(qpw + preDilutionFlow) L/h at the filter"))
        } else if ff > ceiling {
            issues.append(InputIssue(.warning, path: path.appending("filtration_fraction"), value: "\(Quantity.short(ff))",
                                     message: "filtration fraction \(Quantity.short(ff)) is above the ceiling \(Quantity.short(ceiling)); raise blood flow or move replacement pre-filter"))
        }
        if dialyzerKoA == nil, dialysateFlow > 0.4 * bloodFlow {
            issues.append(InputIssue(.warning, path: path.appending("dialysate_flow"), value: "\(Quantity.short(dialysateFlow))",
                                     message: "dialysate/blood flow ratio \(dialysateFlow / bloodFlow) > 0.4: the effluent no longer saturates; give dialyzer_koa"))
        }
        if sessions == nil, patient.weight > 0 {
            let dose = effluentDose(weight: patient.weight)
            if !Limits.effluentDose.contains(dose) {
                issues.append(InputIssue(.warning, path: path.appending("effluent_dose"), value: "\(Quantity.short(dose))",
                                         message: "effluent dose \(dose * 1000) mL/kg/h is outside 10–80 mL/kg/h"))
            }
        }
        return issues
    }
}

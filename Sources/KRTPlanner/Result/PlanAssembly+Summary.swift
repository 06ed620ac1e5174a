import KRTKinetics
import KRTUnits

extension PlanAssembly {
    /// Per-solute course from the fine simulation: extremes, time in range, excursion areas.
    func summaries() -> [SoluteSummary] {
        Solute.planned.map { solute in
            let series = fine.serum(solute), times = fine.times
            let target = problem.limits.target(solute), hard = problem.limits.hard(solute)
            var minimum = (value: Double.infinity, at: 0.0), maximum = (value: -Double.infinity, at: 0.0)
            for (time, value) in zip(times, series) {
                if value < minimum.value - 1e-12 { minimum = (value, time) }
                if value > maximum.value + 1e-12 { maximum = (value, time) }
            }
            var inRange = 0.0, below = 0.0, above = 0.0
            for k in 0..<max(0, series.count - 1) {
                let dt = times[k + 1] - times[k]
                let (a, b) = (series[k], series[k + 1])
                if a >= target.lowerBound - 1e-9, a <= target.upperBound + 1e-9, b >= target.lowerBound - 1e-9, b <= target.upperBound + 1e-9 {
                    inRange += dt
                }
                below += dt * (max(0, target.lowerBound - a) + max(0, target.lowerBound - b)) / 2
                above += dt * (max(0, a - target.upperBound) + max(0, b - target.upperBound)) / 2
            }
            let horizon = times.last ?? problem.horizon
            return SoluteSummary(solute: solute, targetLow: target.lowerBound, targetHigh: target.upperBound,
                                 hardLow: hard.lowerBound, hardHigh: hard.upperBound, initial: problem.initialSerum[solute] ?? 0,
                                 minimum: minimum.value, minimumAt: minimum.at, maximum: maximum.value, maximumAt: maximum.at,
                                 timeInRange: horizon > 0 ? inRange / horizon : 0, excursionBelow: below, excursionAbove: above)
        }
    }

    func therapySummary() -> TherapySummary {
        let therapy = problem.model.therapy, weight = problem.model.patient.weight
        func millilitres(_ flow: Double) -> String { Quantity.format((flow * 1000).rounded()) }
        var flows = ["blood \(Quantity.format((therapy.bloodFlow / 0.06).rounded())) mL/min"]
        if therapy.dialysateFlow > 0 { flows.append("dialysate \(millilitres(therapy.dialysateFlow)) mL/h") }
        if therapy.preReplacementFlow > 0 { flows.append("pre-filter replacement \(millilitres(therapy.preReplacementFlow)) mL/h") }
        if therapy.postReplacementFlow > 0 { flows.append("post-filter replacement \(millilitres(therapy.postReplacementFlow)) mL/h") }
        if therapy.citrateFlow > 0 { flows.append("citrate \(millilitres(therapy.citrateFlow)) mL/h") }
        flows.append("net ultrafiltration \(millilitres(therapy.netUltrafiltration)) mL/h")
        let anticoagulation = switch therapy.anticoagulation {
        case .none: "none"
        case .heparin: "heparin"
        case .citrate: "regional citrate (\(problem.citrate?.product ?? "citrate solution"))"
        }
        let sessions = therapy.sessions.map { list in
            list.map { "\(Quantity.format($0.start))–\(Quantity.format($0.end)) h" }.joined(separator: ", ")
        } ?? "continuous"
        let modality = switch therapy.modality {
        case .cvvh: "CVVH"
        case .cvvhd: "CVVHD"
        case .cvvhdf: "CVVHDF"
        case .pirrt: "PIRRT/SLED"
        }
        return TherapySummary(modality: modality, flows: flows.joined(separator: ", "),
                              effluentDosePrescribed: therapy.effluentDose(weight: weight) * 1000,
                              effluentDoseDelivered: therapy.deliveredEffluentDose(weight: weight) * 1000,
                              anticoagulation: anticoagulation, sessions: sessions, runningFraction: runningFraction())
    }

    /// Share of the horizon inside the therapy's sessions (1 for continuous therapy).
    func runningFraction() -> Double {
        guard let sessions = problem.model.therapy.sessions, problem.horizon > 0 else { return 1 }
        let running = sessions.reduce(0.0) { $0 + max(0, min($1.end, problem.horizon) - max($1.start, 0)) }
        return min(1, running / problem.horizon)
    }

    /// The model assumptions in force for this case, with their sources (docs/model.md has the table).
    func assumptions() -> [String] {
        let parameters = problem.model.patient.parameters
        var list = ParameterName.allCases.filter { parameters.isAssumption($0) }.map { name in
            let source = name.info.source
            return "\(name.snakeCaseName) = \(Self.quantity(parameters[name], name.info.unit)) — "
                + (source.hasPrefix("ASSUMPTION") ? source : "ASSUMPTION: \(source)")
        }
        list += ParameterName.allCases.filter { parameters.overrides[$0] != nil }.map { name in
            "\(name.snakeCaseName) = \(Self.quantity(parameters[name], name.info.unit)) — set in the case (default "
                + "\(Self.quantity(name.info.value, name.info.unit)))"
        }
        list.append("Serum levels are total (not ionised) concentrations; acid–base, calcium, insulin and refeeding shifts and volume changes are not modelled (docs/model.md).")
        list.append("Mg → K coupling: extra renal K loss = α·CL_K,res·max(0, Mg threshold − Mg), evaluated hourly; no published coefficient exists (docs/model.md).")
        return list
    }

    /// A parameter value with its unit; a dimensionless one (unit `1`) is written without a unit.
    static func quantity(_ value: Double, _ unit: String) -> String {
        unit == "1" || unit.isEmpty ? Quantity.format(value) : "\(Quantity.format(value)) \(unit)"
    }
}

extension PlanAssembly {
    /// Warnings a clinician should see about the chosen fluids and the starting levels.
    func clinicalWarnings() -> [String] {
        var warnings: [String] = []
        let therapy = problem.model.therapy
        if !therapy.usesCitrate {
            let calciumFree = Set(fluids.flatMap { $0.schedule.map(\.option) }.filter { $0.calcium == 0 }.map(\.product)).sorted()
            for product in calciumFree {
                warnings.append("\(product) contains no calcium and the circuit runs without citrate: calcium must be given separately (monitor ionised calcium)")
            }
        }
        // A starting level outside a hard bound is an alert (PlanAssembly+Alerts.swift), not a warning.
        return warnings
    }
}

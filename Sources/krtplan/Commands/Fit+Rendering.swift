import Foundation
import KRTKinetics
import KRTPlanner
import KRTReport
import KRTUnits

/// Text, JSON and CSV views of a ``PatientFitResult`` (docs/fitting.md "Reading the output").
enum FitRendering {
    static func number(_ value: Double, _ decimals: Int = 3) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "inf" : "-inf") }
        let text = String(format: "%.\(decimals)f", value)
        return text.hasPrefix("-") && Double(text) == 0 ? String(text.dropFirst()) : text
    }

    static func significant(_ value: Double) -> String {
        guard value.isFinite else { return number(value) }
        return String(format: "%.4g", value)
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    static func table(_ rows: [[String]]) -> String {
        guard let first = rows.first else { return "" }
        let widths = first.indices.map { c in rows.map { $0.indices.contains(c) ? $0[c].count : 0 }.max() ?? 0 }
        return rows.map { row in row.enumerated().map { pad($1, widths[$0]) }.joined(separator: "  ").trimmingCharacters(in: .whitespaces) }
            .joined(separator: "\n")
    }

    // MARK: Text

    static func text(_ r: PatientFitResult) -> String {
        var out: [String] = []
        out.append("FIT \(r.caseName)")
        if !r.converged {
            out.append("!! THE FIT DID NOT CONVERGE: \(r.estimation.reason). Do not use these estimates; the population values apply.")
        }
        let outliers = r.labs.filter(\.possibleOutlier)
        for lab in outliers {
            out.append("!! possible outlier: \(lab.solute.rawValue) at \(number(lab.at, 1)) h observed \(number(lab.observed, 2)) mmol/L, individual prediction \(number(lab.individual, 2)) (standardised residual \(number(lab.standardisedResidual, 1))); kept in the fit — check the sample")
        }
        for s in r.solutesAtPrior {
            out.append("note: fewer than 2 usable \(s.rawValue) labs in the history: its parameters stay at the population values")
        }
        out.append("history from \(number(r.historyFrom, 1)) h to 0 h; \(r.labs.count) lab values; \(r.estimation.reason); objective \(number(r.estimation.objective, 3)); \(r.estimation.attempts.count) start(s), \(r.estimation.iterations) iterations")
        out.append("")
        out.append("PARAMETERS (population = prior median; interval = 95 %, Laplace)")
        var rows = [["parameter", "unit", "population", "individual", "95 % interval", "shrinkage", "", "prior CV", "prior source"]]
        for (i, p) in r.estimation.parameters.enumerated() {
            let flag = p.atBound ? "AT BOUND" : (p.notInformed ? "not informed" : "")
            rows.append([p.name, p.unit, significant(p.population), significant(p.estimate),
                         "\(significant(p.lower95))–\(significant(p.upper95))", p.shrinkage.map { number($0, 2) } ?? "-", flag,
                         "\(Int((r.priors[i].cv * 100).rounded())) %", r.priors[i].isAssumption ? "ASSUMPTION" : "sourced"])
        }
        out.append(table(rows))
        out.append("")
        out.append("LABS (mmol/L; residual = (observed − individual) / residual SD; |r| > 3 flagged)")
        rows = [["time", "solute", "observed", "population", "individual", "residual", ""]]
        for lab in r.labs {
            rows.append(["\(number(lab.at, 1)) h", lab.solute.rawValue, number(lab.observed, 2), number(lab.population, 2),
                         number(lab.individual, 2), number(lab.standardisedResidual, 2), lab.possibleOutlier ? "possible outlier" : ""])
        }
        out.append(table(rows))
        out.append("")
        out.append("LEAVE-LAST-DRAW-OUT (refit without the latest draw, then predict it; mmol/L)")
        if r.leaveLastOut.isEmpty { out.append("  \(r.leaveLastOutNote ?? "not available")") } else {
            rows = [["time", "solute", "observed", "predicted", "error", "population", "population error"]]
            for c in r.leaveLastOut {
                rows.append(["\(number(c.at, 1)) h", c.solute.rawValue, number(c.observed, 2), number(c.predicted, 2), number(c.error, 2),
                             number(c.population, 2), number(c.population - c.observed, 2)])
            }
            out.append(table(rows))
            if let note = r.leaveLastOutNote { out.append("  note: \(note)") }
        }
        out.append("")
        out.append("ESTIMATED STATE AT 0 h (mmol/L; pool = ECF-equivalent concentration of the slow pool)")
        rows = [["solute", "serum (individual)", "pool (individual)", "serum (population)"]]
        for s in Solute.planned {
            rows.append([s.rawValue, number(r.currentState[StateIndex.serum(s).rawValue], 2), number(r.currentState[StateIndex.pool(s).rawValue], 2),
                         number(r.populationCurrentState[StateIndex.serum(s).rawValue], 2)])
        }
        out.append(table(rows))
        if !r.warnings.isEmpty {
            out.append("")
            out.append("WARNINGS")
            for w in r.warnings { out.append("  \(w.path): \(w.message)") }
        }
        out.append("")
        out.append("case sha256 \(r.caseSHA256); catalog sha256 \(r.catalogSHA256)")
        return out.joined(separator: "\n")
    }

    // MARK: JSON

    struct JSONFit: Encodable {
        struct Parameter: Encodable {
            let name: String, unit: String, population: Double, estimate: Double, lower_95: Double, upper_95: Double
            let shrinkage: Double?, not_informed: Bool, at_bound: Bool, prior_cv: Double, prior_space: String, prior_source: String
        }
        struct Lab: Encodable {
            let at_h: Double, solute: String, observed_mmol_per_l: Double, population_mmol_per_l: Double
            let individual_mmol_per_l: Double, standardised_residual: Double, possible_outlier: Bool, line: Int?
        }
        struct Check: Encodable {
            let at_h: Double, solute: String, observed_mmol_per_l: Double, predicted_mmol_per_l: Double, error_mmol_per_l: Double
            let population_mmol_per_l: Double, population_error_mmol_per_l: Double
        }
        struct State: Encodable {
            let solute: String, serum_mmol_per_l: Double, pool_mmol_per_l: Double, population_serum_mmol_per_l: Double
        }
        struct Attempt: Encodable { let start: Int, objective: Double, stop: String, anomalies: [String] }
        let kind = "fit"
        let case_name: String, case_sha256: String, catalog_sha256: String
        let converged: Bool, reason: String, objective: Double, iterations: Int, model_evaluations: Int
        let starts: [Attempt]
        let history_from_h: Double
        let parameters: [Parameter]
        let labs: [Lab]
        let leave_last_out: [Check]
        let leave_last_out_note: String?
        let state_at_0_h: [State]
        let solutes_at_prior: [String]
        let warnings: [String]
        /// Seed of the band's draws (`--bands`), null without.
        let seed: UInt64?
        let forecast: JSONForecast?
    }

    static func json(_ r: PatientFitResult, forecast: FitForecast? = nil) throws(ReportError) -> String {
        let e = r.estimation
        let value = JSONFit(
            case_name: r.caseName, case_sha256: r.caseSHA256, catalog_sha256: r.catalogSHA256,
            converged: r.converged, reason: e.reason, objective: e.objective, iterations: e.iterations, model_evaluations: e.evaluations,
            starts: e.attempts.map { .init(start: $0.start, objective: $0.objective, stop: $0.stop, anomalies: $0.anomalies) },
            history_from_h: r.historyFrom,
            parameters: e.parameters.enumerated().map { i, p in
                .init(name: p.name, unit: p.unit, population: p.population, estimate: p.estimate, lower_95: p.lower95, upper_95: p.upper95,
                      shrinkage: p.shrinkage, not_informed: p.notInformed, at_bound: p.atBound, prior_cv: r.priors[i].cv,
                      prior_space: r.priors[i].transform.rawValue, prior_source: r.priors[i].source)
            },
            labs: r.labs.map {
                .init(at_h: $0.at, solute: $0.solute.rawValue, observed_mmol_per_l: $0.observed, population_mmol_per_l: $0.population,
                      individual_mmol_per_l: $0.individual, standardised_residual: $0.standardisedResidual, possible_outlier: $0.possibleOutlier, line: $0.line)
            },
            leave_last_out: r.leaveLastOut.map {
                .init(at_h: $0.at, solute: $0.solute.rawValue, observed_mmol_per_l: $0.observed, predicted_mmol_per_l: $0.predicted,
                      error_mmol_per_l: $0.error, population_mmol_per_l: $0.population, population_error_mmol_per_l: $0.population - $0.observed)
            },
            leave_last_out_note: r.leaveLastOutNote,
            state_at_0_h: Solute.planned.map { s in
                .init(solute: s.rawValue, serum_mmol_per_l: r.currentState[StateIndex.serum(s).rawValue],
                      pool_mmol_per_l: r.currentState[StateIndex.pool(s).rawValue],
                      population_serum_mmol_per_l: r.populationCurrentState[StateIndex.serum(s).rawValue])
            },
            solutes_at_prior: r.solutesAtPrior.map(\.rawValue),
            warnings: r.warnings.map { "\($0.path): \($0.message)" },
            seed: forecast?.bands.seed, forecast: forecast.map(jsonForecast))
        return try CanonicalJSON.string(value)
    }

    // MARK: CSV

    /// One row per lab value (the table a spreadsheet wants), then one per parameter.
    static func csv(_ r: PatientFitResult) -> String {
        var lines = ["record,name,time_h,observed_mmol_per_l,population,individual,standardised_residual,lower_95,upper_95,unit,flag"]
        for lab in r.labs {
            lines.append(["lab", lab.solute.rawValue, number(lab.at, 4), number(lab.observed, 4), number(lab.population, 4), number(lab.individual, 4),
                          number(lab.standardisedResidual, 4), "", "", "mmol/L", lab.possibleOutlier ? "possible_outlier" : ""].joined(separator: ","))
        }
        for p in r.estimation.parameters {
            lines.append(["parameter", p.name, "", "", significant(p.population), significant(p.estimate), "", significant(p.lower95), significant(p.upper95),
                          p.unit, p.atBound ? "at_bound" : (p.notInformed ? "not_informed" : "")].joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}

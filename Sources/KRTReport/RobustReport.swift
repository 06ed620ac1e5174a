import KRTPlanner
import KRTUnits

/// Text, CSV and HTML pieces for ``RobustSummary`` (docs/uncertainty.md "Robust planning"): the promise,
/// whether it is kept, the out-of-sample probability beside the nominal plan's, and the price.
public enum RobustReport {
    static func promise(_ robust: RobustSummary) -> String {
        "hard bounds hold in \(robust.scenariosHolding) of \(robust.scenarios) planning scenarios "
            + "(\(NumberFormat.percent(robust.fractionHolding, decimals: 1)); required \(robust.requiredScenarios) for confidence "
            + "\(NumberFormat.percent(robust.confidence, decimals: 1)))" + (robust.promiseKept ? "" : " — PROMISE NOT KEPT")
    }

    static func outOfSample(_ robust: RobustSummary) -> String {
        let o = robust.outOfSample
        return "out of sample (\(o.draws) fresh draws, seed \(o.seed)): P(all hard bounds hold) robust "
            + "\(NumberFormat.percent(o.robust, decimals: 1)), nominal plan \(NumberFormat.percent(o.nominal, decimals: 1))"
    }

    static func priceLines(_ price: RobustnessPrice) -> [String] {
        var lines: [String] = []
        if let r = price.objectiveRobust, let n = price.objectiveNominal {
            lines.append("objective \(NumberFormat.trimmed(r, maxDecimals: 2)) vs nominal \(NumberFormat.trimmed(n, maxDecimals: 2)) points "
                + "(\(signed(r - n)))")
        }
        lines.append("orders \(price.ordersRobust) vs nominal \(price.ordersNominal) (\(price.extraOrders >= 0 ? "+" : "")\(price.extraOrders))"
            + (price.fluidsDiffer ? "; fluids differ from the nominal plan" : "; same fluids"))
        for drug in price.drugs where abs(drug.extra) > 1e-9 || drug.robust > 0 {
            lines.append("\(drug.drug): \(NumberFormat.trimmed(drug.robust, maxDecimals: 1)) mmol \(drug.solute.symbol) vs nominal "
                + "\(NumberFormat.trimmed(drug.nominal, maxDecimals: 1)) (\(signed(drug.extra)) mmol)")
        }
        return lines
    }

    static func signed(_ value: Double) -> String {
        (value >= 0 ? "+" : "") + NumberFormat.trimmed(value, maxDecimals: 2)
    }

    static func failureText(_ f: ScenarioFailure) -> String {
        "scenario \(f.scenario): \(f.solute.symbol) \(NumberFormat.level(f.level)) mmol/L at \(NumberFormat.hours(f.at)), "
            + "\(NumberFormat.trimmed(f.excess, maxDecimals: 3)) mmol/L \(f.side) the hard bound \(NumberFormat.trimmed(f.bound, maxDecimals: 2))"
    }

    /// The text section.
    public static func text(_ robust: RobustSummary) -> [String] {
        var lines = TextLayout.heading("Robust plan", "\(robust.scenarios) scenarios of the \(robust.source.rawValue), seed \(robust.seed); "
            + "objective \(robust.objective.rawValue); docs/uncertainty.md")
        lines += TextLayout.bullet(promise(robust))
        lines += TextLayout.bullet(outOfSample(robust) + "; per solute: " + robust.outOfSample.perSolute.map {
            "\($0.solute.symbol) \(NumberFormat.percent($0.robust, decimals: 1)) (nominal \(NumberFormat.percent($0.nominal, decimals: 1)))"
        }.joined(separator: ", "))
        lines += TextLayout.bullet("price of robustness: " + priceLines(robust.price).joined(separator: "; "))
        lines += TextLayout.bullet("margins inside the hard bounds (largest, mmol/L): " + robust.margins.map {
            "\($0.solute.symbol) low \(NumberFormat.trimmed($0.low, maxDecimals: 3)) high \(NumberFormat.trimmed($0.high, maxDecimals: 3))"
        }.joined(separator: ", ") + "; \(NumberFormat.count(robust.rounds, "plan")) made; stopped: \(robust.stopReason)")
        if robust.failingScenarioCount > 0 {
            lines += TextLayout.bullet("failing planning scenarios (\(robust.failingScenarioCount)), worst crossing each: "
                + robust.failingScenarios.prefix(10).map(failureText).joined(separator: "; ")
                + (robust.failingScenarioCount > 10 ? "; … (all in the JSON, up to \(RobustSummary.listedFailures))" : ""))
        }
        for note in robust.notes { lines += TextLayout.bullet("note: \(note)") }
        return lines
    }

    /// One row per figure: `item,robust,nominal,unit` (RFC 4180).
    public static func csv(_ robust: RobustSummary) -> String {
        var rows: [[CSVCell]] = [
            [.text("planning_scenarios_holding"), .integer(robust.scenariosHolding), .text(""), .text("of \(robust.scenarios)")],
            [.text("planning_fraction_holding"), .number(robust.fractionHolding), .text(""), .text("fraction")],
            [.text("requested_confidence"), .number(robust.confidence), .text(""), .text("fraction")],
            [.text("out_of_sample_within_hard_bounds"), .number(robust.outOfSample.robust), .number(robust.outOfSample.nominal), .text("probability")],
        ]
        for s in robust.outOfSample.perSolute {
            rows.append([.text("out_of_sample_within_hard_bounds_\(s.solute.symbol)"), .number(s.robust), .number(s.nominal), .text("probability")])
        }
        rows.append([.text("objective"), .number(robust.price.objectiveRobust), .number(robust.price.objectiveNominal), .text("points")])
        rows.append([.text("orders"), .integer(robust.price.ordersRobust), .integer(robust.price.ordersNominal), .text("count")])
        for drug in robust.price.drugs {
            rows.append([.text("\(drug.drug) \(drug.solute.symbol)"), .number(drug.robust), .number(drug.nominal), .text("mmol")])
        }
        return CSV.document(header: ["item", "robust", "nominal", "unit"], rows: rows)
    }

    static func html(_ robust: RobustSummary, into page: inout some HTMLBlockWriter) {
        page.html.element("p", text: "Robust plan (\(robust.objective.rawValue) objective; \(robust.scenarios) scenarios of the "
            + "\(robust.source.rawValue), seed \(robust.seed)): \(promise(robust)). The planning claim is checked by simulating every "
            + "planning scenario; the out-of-sample figure is measured on fresh draws not used for planning.")
        page.table(["Figure", "Robust plan", "Nominal plan"],
                   [["P(all hard bounds hold), \(robust.outOfSample.draws) fresh draws", NumberFormat.percent(robust.outOfSample.robust, decimals: 1),
                     NumberFormat.percent(robust.outOfSample.nominal, decimals: 1)]]
                   + robust.outOfSample.perSolute.map {
                       ["P(\($0.solute.symbol) within hard bounds)", NumberFormat.percent($0.robust, decimals: 1), NumberFormat.percent($0.nominal, decimals: 1)]
                   }
                   + [["Objective (points)", robust.price.objectiveRobust.map { NumberFormat.trimmed($0, maxDecimals: 2) } ?? "—",
                       robust.price.objectiveNominal.map { NumberFormat.trimmed($0, maxDecimals: 2) } ?? "—"],
                      ["Orders", "\(robust.price.ordersRobust)", "\(robust.price.ordersNominal)"]]
                   + robust.price.drugs.map {
                       ["\($0.drug) (mmol \($0.solute.symbol))", NumberFormat.trimmed($0.robust, maxDecimals: 1), NumberFormat.trimmed($0.nominal, maxDecimals: 1)]
                   },
                   numeric: [1, 2], empty: "")
        page.list(robust.failingScenarios.prefix(10).map(failureText) + robust.notes.map { "note: \($0)" })
    }
}

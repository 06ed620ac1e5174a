import KRTPlanner
import KRTUnits

/// The start of a plan of a case with history (fitted or population), in the page header and as a section.
extension HTMLPage {
    /// `Start: …` under the status line.
    mutating func startLine() {
        guard let start = result.start else { return }
        html.element("p", ["class": start.converged == false ? "status status-fail" : "status"],
                     markup: "<strong>Start:</strong> " + MarkupWriter.escape(start.summary))
    }

    /// Per solute the starting serum and pool level beside the latest lab and the population estimate; the
    /// parameters the fit moved; solutes left at the population values.
    mutating func startSection() {
        guard let start = result.start else { return }
        html.open("section", ["id": "start"])
        html.element("h2", text: start.source == .individual ? "Start at 0 h (fitted to the history)" : "Start at 0 h (population values)")
        let rows = start.levels.map { level in
            [level.solute.symbol, NumberFormat.level(level.serum), NumberFormat.level(level.pool), level.estimated ? "fit" : "latest lab",
             "\(NumberFormat.level(level.latestLab)) at \(NumberFormat.hours(level.latestLabAt))", level.population.map(NumberFormat.level) ?? "—"]
        }
        table(["Solute", "Serum (mmol/L)", "Pool (mmol/L)", "From", "Latest lab (mmol/L)", "Population estimate (mmol/L)"], rows,
              numeric: [1, 2, 5], empty: "No levels.")
        list(start.parametersMoved.map(TextSections.movedLine) + start.solutesAtPrior.map { "\($0.rawValue): fewer than 2 usable labs; population values, latest lab" })
        html.close("section")
    }
}

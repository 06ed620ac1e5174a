import KRTPlanner
import KRTUnits

extension TextSections {
    /// `Start:` in the header for a case with history: fitted (individual) or population, in one paragraph.
    static func startLine(_ start: PlanStart?) -> [String] {
        guard let start else { return [] }
        return TextLayout.paragraph(start.summary, lead: "Start:    ")
    }

    /// The starting level of each solute beside the latest lab and the population estimate, and the
    /// parameters the fit moved (with their 95 % intervals).
    static func start(_ start: PlanStart?) -> [String] {
        guard let start else { return [] }
        let detail = start.source == .individual ? "fitted to the history; mmol/L" : "population values, case's latest labs; mmol/L"
        var lines = TextLayout.heading("Start at 0 h", detail)
        var table = TextTable([
            .init(header: "solute", flexible: true), .init(header: "serum", rightAligned: true), .init(header: "pool", rightAligned: true),
            .init(header: "from"), .init(header: "latest lab", rightAligned: true), .init(header: "at", rightAligned: true),
            .init(header: "population est.", rightAligned: true),
        ])
        for level in start.levels {
            table.add([level.solute.symbol, NumberFormat.level(level.serum), NumberFormat.level(level.pool),
                       level.estimated ? "fit" : "latest lab", NumberFormat.level(level.latestLab), NumberFormat.hours(level.latestLabAt),
                       level.population.map(NumberFormat.level) ?? "—"])
        }
        lines += table.render()
        for moved in start.parametersMoved { lines += TextLayout.bullet(movedLine(moved)) }
        for solute in start.solutesAtPrior {
            lines += TextLayout.bullet("\(solute.rawValue): fewer than 2 usable labs in the history, so its parameters stay at the population values and it starts from its latest lab")
        }
        return lines
    }

    /// `urine_to_plasma_phosphate: 10 → 22.5 (95 % 11.3–44.9)`: one moved parameter (text and HTML).
    static func movedLine(_ moved: MovedParameter) -> String {
        func value(_ v: Double) -> String { NumberFormat.significant(v, digits: 3) }
        return "\(moved.name): \(value(moved.population)) → \(value(moved.individual))\(moved.unitSuffix) "
            + "(95 % \(value(moved.lower95))–\(value(moved.upper95)))"
    }
}

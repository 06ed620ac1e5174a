import Testing
@testable import KRTReport
import KRTPlanner

/// The text with line breaks and runs of spaces collapsed, to find phrases the layout wrapped.
func flattened(_ text: String) -> String {
    text.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
}

@Suite struct TextReportTests {
    let plan = Fixtures.plan()

    @Test func planShowsStatusOrdersFluidsAndLevels() {
        let text = flattened(PlanReport.text(plan))
        #expect(text.contains("krtplan plan for case \"flagship citrate CVVHDF, 80 kg\""))
        #expect(text.contains("Status: optimal within 1.0 %"))
        for order in plan.orders {
            #expect(text.contains(order.drug))
            #expect(text.contains(order.dose))
        }
        #expect(text.contains("IV peripheral"))
        #expect(text.contains("10 mmol/h over 2 h"))
        #expect(text.contains("Phoxilium 1.2 mmol/L"))
        #expect(text.contains("Multibic 4K"))
        #expect(text.contains("8.5 h"))  // the off-grid lab draw, interpolated
        #expect(text.contains("before the dialysate change"))
        #expect(text.contains("3.10 L"))  // starting K flagged below target
        #expect(text.contains("max |LP − simulation| 0.00031 mmol/L"))
        #expect(text.contains("3 limit checks re-run, none broken"))
        #expect(text.contains("2 Mg→K coupling iterations"))
        #expect(text.contains("Supplements deliver: K 62 mmol, P 15 mmol, Mg 12.2 mmol over 72 h."))
        #expect(text.hasSuffix(PlanReport.intendedUse))
        #expect(PlanReport.text(plan).hasSuffix(".\n"))
    }

    @Test func explanationOnlyWhenAskedOrInfeasible() {
        #expect(!PlanReport.text(plan).contains("EXPLANATION"))
        let explained = flattened(PlanReport.text(plan, options: ReportOptions(explain: true)))
        #expect(explained.contains("EXPLANATION"))
        #expect(explained.contains("raising the cap by 5 mmol/h would cut the K excursion"))
        #expect(explained.contains("Objective terms"))
        #expect(explained.contains("Model assumptions"))

        let infeasible = flattened(PlanReport.text(Fixtures.infeasible()))
        #expect(infeasible.contains("Status: NO PLAN MEETS THE HARD BOUNDS — least-violating plan shown"))
        #expect(infeasible.contains("K below the lower hard bound 3.00 mmol/L from 11 h; worst at 20 h, 0.18 mmol/L beyond"))
        #expect(infeasible.contains("allow a potassium-containing dialysate (Prismasol BGK4/2.5): meets the hard bounds"))
        #expect(infeasible.contains("leaves 0.35 mmol/L·h beyond the hard bounds"))
    }

    @Test func otherStatusesInWords() {
        let simulation = flattened(PlanReport.text(Fixtures.simulation()))
        #expect(simulation.contains("krtplan simulation for case"))
        #expect(simulation.contains("simulation of the orders as written"))
        #expect(!simulation.contains("Solver:"))
        #expect(!simulation.contains("LP − simulation"))

        var limited = plan
        limited.status = .timeLimit
        limited.solver?.relativeGap = 0.032
        #expect(flattened(PlanReport.text(limited)).contains("time limit: best plan found so far, gap 3.2 % (requested 1.0 %)"))
    }

    @Test(arguments: [false, true])
    func everyLineFitsA100ColumnTerminal(explain: Bool) {
        for result in [plan, Fixtures.infeasible(), Fixtures.simulation()] {
            let text = PlanReport.text(result, options: ReportOptions(explain: explain, showMassUnits: true))
            let long = text.split(separator: "\n").filter { $0.count > 100 }
            #expect(long.isEmpty, "lines over 100 columns: \(long)")
        }
    }

    @Test func longTextFromFilesStillFits() {
        let long = String(repeating: "very-long-name ", count: 12) + String(repeating: "x", count: 130)
        var result = Fixtures.infeasible()
        result.caseName = long
        result.orders[0].drug = long
        result.orders[0].dose = "2 g in 100 mL glucose 5 % via the peripheral line, flushed"
        result.orders[0].rate = long
        result.orders[1].line = "central (right internal jugular, distal lumen)"
        result.fluids[0].product = long
        result.fluids[0].equivalents = [long, long]
        result.labDraws[0].reasons = [long]
        result.warnings.append(long)
        result.explanation.binding[0].effect = long
        result.therapySummary.flows = long
        result.audit.toolVersion = long
        let text = PlanReport.text(result, options: ReportOptions(explain: true, showMassUnits: true))
        let tooLong = text.split(separator: "\n").filter { $0.count > 100 }
        #expect(tooLong.isEmpty, "\(tooLong)")
        var comparison = Fixtures.comparison()
        comparison.variants[0].supplementTotals[0].drug = long
        comparison.variants[1].fluids = long
        comparison.variants[2].name = long
        #expect(ComparisonReport.text(comparison).split(separator: "\n").allSatisfy { $0.count <= 100 })
    }

    @Test func massUnitsAlongsideForPhosphateAndMagnesium() {
        let text = PlanReport.text(plan, options: ReportOptions(showMassUnits: true))
        #expect(text.contains("P mg/dL"))
        #expect(text.contains("Mg mg/dL"))
        #expect(!text.contains("K mg/dL"))
        // 0.70 mmol/L phosphate × 30.974 g/mol ÷ 10 = 2.17 mg/dL; 0.60 mmol/L Mg × 24.305 ÷ 10 = 1.46 mg/dL.
        let baseline = text.split(separator: "\n").first { $0.contains("baseline") }.map(String.init) ?? ""
        #expect(baseline.contains("2.2"))
        #expect(baseline.contains("1.5"))
        #expect(!PlanReport.text(plan).contains("mg/dL"))
    }

    @Test func failedLimitChecksAndToleranceAreLoud() throws {
        var result = plan
        result.verification.maxPredictionDifference = 0.05
        result.verification.limitChecks.append(LimitCheck(description: "KCl 30 mmol/h > 20 mmol/h", passed: false))
        result.alerts = [Alert(severity: .danger, kind: .limitBroken, subject: "KCl",
                               message: "KCl at 6 h: rate 30 mmol/h exceeds the 20 mmol/h central-line rate limit (label)",
                               atHours: 6, value: 30, limit: 20, excess: 10, unit: "mmol/h", limitSource: "label", unsafe: true)]
        let raw = PlanReport.text(result)
        let text = flattened(raw)
        #expect(text.contains("EXCEEDS TOLERANCE"))
        #expect(text.contains("1 BROKEN (under Alerts)"))
        #expect(text.contains("Status: DANGER — 1 broken limit (see Alerts); plan optimal"))
        // The alert comes before the fluids, as a violation.
        let alert = try #require(raw.range(of: "DANGER   KCl at 6 h: rate 30 mmol/h exceeds the 20 mmol/h"))
        let fluids = try #require(raw.range(of: "FLUIDS"))
        #expect(alert.lowerBound < fluids.lowerBound)
        #expect(!text.contains("FAILED"))
    }

    @Test func deterministicAndSafeForTerminals() {
        let hostile = Fixtures.plan(caseName: "bed 4\u{1B}[2J\u{1B}[31mred")
        let first = PlanReport.text(hostile, options: ReportOptions(explain: true))
        #expect(first == PlanReport.text(hostile, options: ReportOptions(explain: true)))
        #expect(!first.unicodeScalars.contains { $0 == "\u{1B}" })
    }

    @Test func emptyResultStillRenders() {
        var empty = Fixtures.simulation()
        empty.orders = []
        empty.fluids = []
        empty.labDraws = []
        empty.trajectory = Trajectory(times: [], series: [])
        empty.solutes = []
        let text = PlanReport.text(empty)
        #expect(text.contains("No supplement orders."))
        #expect(text.contains("No KRT fluids in this result."))
        #expect(text.contains("No predicted levels in this result."))
    }
}

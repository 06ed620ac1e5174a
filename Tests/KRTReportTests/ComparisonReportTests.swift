import Testing
@testable import KRTReport
import KRTPlanner

@Suite struct ComparisonReportTests {
    @Test func showsVariantsSideBySide() {
        let text = ComparisonReport.text(Fixtures.comparison())
        let flat = flattened(text)
        for name in ["base", "effluent 35", "SLED 8 h"] { #expect(text.contains(name)) }
        #expect(flat.contains("K time in range 90 % 74 % —"))
        #expect(flat.contains("status optimal HARD BOUNDS UNMET FAILED"))
        #expect(flat.contains("effluent dose 25 mL/kg/h 35 mL/kg/h"))
        #expect(flat.contains("potassium chloride 40 mmol (2 orders)"))
        #expect(flat.contains("SLED needs a dialyzer KoA"))
        #expect(flat.contains("objective (points) 12.5 40.25 —"))
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 100 })
        #expect(!text.contains("ALERTS"), "no variant has an alert")
    }

    @Test func dangerousVariantsAreFlaggedFirstAndInEveryFormat() throws {
        var comparison = Fixtures.comparison()
        comparison.variants[1].alerts = [Alert(
            severity: .danger, kind: .hardBoundCrossed, subject: "K",
            message: "K falls below the hard bound 3 mmol/L at 20 h; lowest 2.89 mmol/L at 30 h (0.11 mmol/L below the bound)",
            atHours: 20, worstAtHours: 30, value: 2.89, limit: 3, excess: 0.11, unit: "mmol/L", limitSource: "hard_bound", unsafe: true)]
        #expect(comparison.hasUnsafeVariant)
        let text = ComparisonReport.text(comparison)
        let flat = flattened(text)
        #expect(flat.contains("ALERTS (DANGER in effluent 35: crosses a hard bound or breaks a limit)"))
        #expect(flat.contains("effluent 35: DANGER K falls below the hard bound 3 mmol/L at 20 h"))
        // Narrow columns wrap: the status and alerts cells are checked on their own lines.
        let lines = text.components(separatedBy: "\n")
        let status = try #require(lines.first { $0.hasPrefix("  status") })
        #expect(status.contains("optimal") && status.contains("DANGER (HARD BOUNDS") && status.contains("FAILED"))
        let alerts = try #require(lines.first { $0.hasPrefix("  alerts") })
        #expect(alerts.contains("none") && alerts.contains("DANGER: K 2.89 mmol/L at") && alerts.hasSuffix("—"))
        let alertsAt = try #require(text.range(of: "ALERTS")), tableAt = try #require(text.range(of: "changes"))
        #expect(alertsAt.lowerBound < tableAt.lowerBound)
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 100 })

        let csv = ComparisonReport.csv(comparison).components(separatedBy: "\r\n")
        #expect(csv[0].hasPrefix("variant,status,danger,alerts,error,"))
        #expect(csv[1].hasPrefix("base,optimal,no,,"))
        #expect(csv[2].hasPrefix("effluent 35,hardBoundsUnmet,yes,danger: K falls below the hard bound 3 mmol/L at 20 h"))

        let json = try ComparisonReport.json(comparison)
        #expect(json.contains("\"kind\": \"hard_bound_crossed\""))
        #expect(json.contains("\"at_h\": 20"))
        #expect(json.contains("\"unit\": \"mmol/L\""))

        let html = ComparisonReport.html(comparison)
        #expect(html.contains("<div class=\"alerts alerts-danger\" role=\"alert\">"))
        #expect(html.contains("Alerts: effluent 35 — danger"))
        #expect(html.contains("DANGER in effluent 35"))
        #expect(ComparisonReport.html(Fixtures.comparison()).contains("no variant crosses a hard bound"))
    }

    @Test func manyVariantsAreSplitIntoBlocksThatFit() {
        var comparison = Fixtures.comparison()
        let base = comparison.variants[0]
        comparison.variants = (1...7).map { index in
            var variant = base
            variant.name = "variant number \(index)"
            return variant
        }
        let text = ComparisonReport.text(comparison)
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 100 })
        for index in 1...7 { #expect(text.contains("variant number \(index)")) }
    }
}

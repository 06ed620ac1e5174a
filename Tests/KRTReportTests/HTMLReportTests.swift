import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import KRTReport
import KRTPlanner

func occurrences(of needle: String, in text: String) -> Int {
    text.components(separatedBy: needle).count - 1
}

/// Attribute values of `name="…"` in the markup.
func attributeValues(_ name: String, in html: String) -> [String] {
    html.components(separatedBy: " \(name)=\"").dropFirst().compactMap { $0.split(separator: "\"", maxSplits: 1).first.map(String.init) }
}

@Suite struct HTMLReportTests {
    let html = PlanReport.html(Fixtures.plan())

    @Test func threeChartsWithBandsBoundsAndMarkers() {
        #expect(occurrences(of: "<svg", in: html) == 3)
        #expect(occurrences(of: "</svg>", in: html) == 3)
        for symbol in ["K", "PO4", "Mg"] { #expect(html.contains("id=\"chart-\(symbol)\"")) }
        #expect(occurrences(of: "class=\"target-band\"", in: html) == 3)
        #expect(occurrences(of: "class=\"hard-bound\"", in: html) >= 3)
        // Supplement markers on the chart of each solute they deliver: K 3 (KCl ×2, K phosphate), PO4 1, Mg 2.
        #expect(occurrences(of: "class=\"order-marker\"", in: html) == 6)
        #expect(html.contains(">magnesium sulfate: 2 g</text>"))
        #expect(html.contains(">potassium phosphate: 15 mmol</text>"))
        // The dialysate change at 24 h on every chart; nine lab draws on every chart.
        #expect(occurrences(of: "class=\"fluid-marker\"", in: html) == 3)
        #expect(html.contains(">dialysate → Phoxilium 1.2 mmol/L phosphate</text>"))
        #expect(occurrences(of: "class=\"lab-draw\"", in: html) == 27)
        #expect(html.contains(">time from start of plan (h)</text>"))
        #expect(html.contains(">K (mmol/L)</text>"))
        #expect(!html.contains("(mg/dL)</text>"))
    }

    @Test func selfContainedWithoutNetworkOrScripts() {
        #expect(!html.contains("http://"))
        #expect(!html.contains("https://"))
        #expect(!html.contains("src="))
        #expect(!html.contains("<script"))
        #expect(!html.contains("url("))
        #expect(!html.contains("@import"))
        #expect(!html.contains("<link"))
        #expect(attributeValues("href", in: html).allSatisfy { $0.hasPrefix("#") })
        #expect(html.contains("Content-Security-Policy"))
        #expect(html.contains("default-src &#39;none&#39;"))  // attribute-escaped; the browser decodes it
    }

    @Test func escapesTextFromCaseFiles() {
        let hostile = PlanReport.html(Fixtures.plan(caseName: "<script>alert(\"x\")</script> & <img src=x onerror=y>"))
        #expect(!hostile.contains("<script"))
        #expect(!hostile.contains("<img"))
        #expect(hostile.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=y&gt;"))
        var result = Fixtures.plan()
        result.orders[0].drug = "<b>Mg</b>"
        result.warnings = ["</li><script>x</script>"]
        let escaped = PlanReport.html(result)
        #expect(!escaped.contains("<b>Mg</b>"))
        #expect(!escaped.contains("<script"))
        #expect(escaped.contains("&lt;b&gt;Mg&lt;/b&gt;: 2 g</text>"))
    }

    @Test func wellFormedMarkup() throws {
        for result in [Fixtures.plan(), Fixtures.infeasible(), Fixtures.plan(caseName: "a<b & \"c\"")] {
            let page = PlanReport.html(result, options: ReportOptions(showMassUnits: true))
            let body = try #require(page.components(separatedBy: "<!DOCTYPE html>\n").last)
            let parser = XMLParser(data: Data(body.utf8))
            #expect(parser.parse(), "not well-formed: \(String(describing: parser.parserError))")
        }
    }

    @Test func pageContents() {
        #expect(occurrences(of: PlanReport.intendedUse, in: html) == 2)  // header and footer
        for order in Fixtures.orders { #expect(html.contains("<td>\(order.drug)</td>")) }
        #expect(html.contains("<td class=\"compact\">IV central</td>"))
        #expect(html.contains("Prismasol BGK2/0"))
        #expect(html.contains("Multibic 4K, Biphozyl"))
        #expect(html.contains("raising the cap by 5 mmol/h would cut the K excursion by 0.4 mmol/L·h"))
        #expect(html.contains("Mg → K coupling: extra renal K loss"))
        #expect(html.contains(String(repeating: "ab", count: 32)))
        #expect(html.contains("max |difference| 0.00031 mmol/L"))
        #expect(html.contains("<strong>Status:</strong> optimal within 1.0 %"))
        #expect(html.contains("@media print"))
        #expect(html.hasSuffix("</html>\n"))
    }

    @Test func infeasiblePlanIsLoudAndMarked() {
        let page = PlanReport.html(Fixtures.infeasible())
        #expect(page.contains("class=\"status status-fail\""))
        #expect(page.contains("NO PLAN MEETS THE HARD BOUNDS — least-violating plan shown"))
        #expect(occurrences(of: "class=\"violation\"", in: page) == 1)
        #expect(page.contains(">worst 2.82 at 20 h</text>"))
        #expect(page.contains("allow a potassium-containing dialysate (Prismasol BGK4/2.5): meets the hard bounds"))
        #expect(page.contains("2.97 LL"))
    }

    @Test func massUnitsAddASecondAxis() {
        let page = PlanReport.html(Fixtures.plan(), options: ReportOptions(showMassUnits: true))
        #expect(page.contains(">P (mg/dL)</text>"))
        #expect(page.contains(">Mg (mg/dL)</text>"))
        #expect(!page.contains(">K (mg/dL)</text>"))
        #expect(page.contains("<th scope=\"col\">P (mg/dL)</th>"))
    }

    @Test func longChartLabelsAreShortened() {
        var result = Fixtures.plan()
        result.orders[0].drug = String(repeating: "magnesium ", count: 10)
        let page = PlanReport.html(result)
        #expect(page.contains(">magnesium magnesium magnesium magnesium magnesi…</text>"))
        #expect(page.contains("<td>\(result.orders[0].drug)</td>"))
    }

    @Test func deterministic() {
        #expect(PlanReport.html(Fixtures.plan()) == html)
        #expect(PlanReport.html(Fixtures.infeasible()) == PlanReport.html(Fixtures.infeasible()))
    }

    @Test func missingSeriesStillDrawsAChart() {
        var result = Fixtures.simulation()
        result.trajectory.series.removeAll { $0.solute == .magnesium }
        result.solutes.removeAll { $0.solute == .magnesium }
        let page = PlanReport.html(result)
        #expect(occurrences(of: "<svg", in: page) == 3)
        #expect(page.contains("no prediction for Mg in this result"))
    }

    @Test func labelsStayOnTheChartAndHaveABacking() {
        var result = Fixtures.infeasible()
        result.explanation.violations[0].worstAt = result.horizon
        let page = PlanReport.html(result)
        let label = page.components(separatedBy: "class=\"violation-label\"").dropFirst().first?.prefix { $0 != ">" } ?? ""
        #expect(label.contains("text-anchor=\"end\""), "a worst point at the right edge is labelled to its left: \(label)")
        #expect(occurrences(of: "class=\"label-backing\"", in: PlanReport.html(Fixtures.plan()))
            == occurrences(of: "class=\"order-label\"", in: html) + occurrences(of: "class=\"fluid-label\"", in: html))
    }
}

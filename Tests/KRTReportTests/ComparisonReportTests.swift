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

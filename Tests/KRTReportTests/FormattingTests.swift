import Testing
@testable import KRTReport

@Suite struct FormattingTests {
    @Test(arguments: [
        (0.1 + 0.2, "0.3"), (2.675, "2.675"), (1234567.89, "1234570"), (1e-7, "0.0000001"),
        (4e-10, "0"), (6e-10, "0.000000001"), (-0.0, "0"), (-1e-12, "0"), (1e20, "1e20"),
        (0.000123456789, "0.000123457"), (999999.5, "1000000"), (-3.14159265, "-3.14159"), (72.0, "72"),
        (3.1, "3.1"), (1.0000004999, "1"), (0.30000000000000004, "0.3"),
    ])
    func canonicalRule(value: Double, expected: String) {
        #expect(NumberFormat.canonical(value) == expected)
    }

    @Test func nonFiniteHasNoCanonicalNumber() {
        #expect(NumberFormat.canonical(.nan) == nil)
        #expect(NumberFormat.canonical(.infinity) == nil)
        #expect(NumberFormat.nonFinite(-.infinity) == "-Infinity")
        #expect(NumberFormat.fixed(.nan, decimals: 2) == "NaN")
    }

    @Test(arguments: [
        (3.1, 2, "3.10"), (2.675, 2, "2.68"), (-2.675, 2, "-2.68"), (0.005, 2, "0.01"), (-0.004, 2, "0.00"),
        (9.996, 2, "10.00"), (0.0, 1, "0.0"), (123.0, 0, "123"),
    ])
    func fixedDecimals(value: Double, decimals: Int, expected: String) {
        #expect(NumberFormat.fixed(value, decimals: decimals) == expected)
    }

    @Test func significantAndHours() {
        #expect(NumberFormat.significant(2.3e-10, digits: 2) == "2.3e-10")
        #expect(NumberFormat.significant(0.00031, digits: 2) == "0.00031")
        #expect(NumberFormat.significant(12.4999, digits: 3) == "12.5")
        #expect(NumberFormat.hours(6) == "6 h")
        #expect(NumberFormat.hours(12.5) == "12.5 h")
        #expect(NumberFormat.percent(0.9583) == "96 %")
        #expect(NumberFormat.period(0, 24) == "0–24 h")
    }

    @Test func wrappingRespectsWidthAndKeepsWords() {
        let text = "magnesium first: low Mg drives renal K loss, so hypokalaemia resists potassium until Mg is replaced"
        let lines = TextLayout.wrap(text, width: 20)
        #expect(lines.allSatisfy { $0.count <= 20 })
        #expect(lines.joined(separator: " ") == text)
        #expect(TextLayout.wrap(String(repeating: "x", count: 45), width: 20).map(\.count) == [20, 20, 5])
    }

    @Test func controlCharactersAreNeutralised() {
        let cleaned = TextClean.printable("bed 4\u{1B}[31m red\u{07}\nnext")
        #expect(!cleaned.unicodeScalars.contains { $0.value < 0x20 })
        #expect(cleaned.contains("\u{FFFD}"))
    }

    @Test func trajectoryInterpolates() {
        let trajectory = Fixtures.plan().trajectory
        let at8 = trajectory.value(of: .potassium, at: 8)
        let at9 = trajectory.value(of: .potassium, at: 9)
        let mid = trajectory.value(of: .potassium, at: 8.5)
        #expect(at8 != nil && at9 != nil && mid != nil)
        if let at8, let at9, let mid { #expect(abs(mid - (at8 + at9) / 2) < 1e-12) }
        #expect(trajectory.value(of: .potassium, at: 80) == nil)
        #expect(trajectory.value(of: .sodium, at: 1) == nil)
    }
}

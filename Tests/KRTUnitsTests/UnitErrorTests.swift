import Testing
@testable import KRTUnits

struct UnitErrorTests {
    @Test func bareNumberIsAnErrorExceptForFractions() {
        #expect(throws: UnitError.missingUnit(number: "82", expected: .bodyMass)) {
            try Quantity(parsing: "82", expecting: .bodyMass)
        }
        #expect((try? Quantity(parsing: "0.3", expecting: .fraction)) != nil)
    }

    @Test func wrongDimensionNamesBoth() throws {
        do {
            _ = try Quantity(parsing: "150 mL/h", expecting: .concentration)
            Issue.record("expected an error")
        } catch {
            #expect(error == .wrongDimension(unit: "mL/h", found: .flow, expected: .concentration))
            #expect(error.description.contains("mL/h"))
            #expect(error.description.contains("concentration"))
        }
    }

    @Test func phosphateIsNeverInMilliequivalents() throws {
        let q = try Quantity(parsing: "2 mEq/L", expecting: .concentration)
        #expect(throws: UnitError.noValence(unit: "mEq/L", solute: .phosphate)) {
            try q.canonicalValue(for: .phosphate)
        }
        #expect(throws: UnitError.noValence(unit: "mEq/L", solute: .phosphate)) {
            try Quantity(1, .millimolePerLitre).converted(to: .milliequivalentPerLitre, for: .phosphate)
        }
    }

    @Test func massToMolarNeedsTheSolute() throws {
        let q = try Quantity(parsing: "2.2 mg/dL", expecting: .concentration)
        #expect(throws: UnitError.needsSolute(unit: "mg/dL")) { try q.canonicalValue() }
    }

    @Test func unknownUnitSuggestsACloseSpelling() {
        #expect(throws: UnitError.unknownUnit(symbol: "MMOL/L", suggestion: "mmol/L", expected: .concentration)) {
            try Quantity(parsing: "4 MMOL/L", expecting: .concentration)
        }
        #expect(throws: UnitError.unknownUnit(symbol: "ml/hr", suggestion: "mL/h", expected: .flow)) {
            try Quantity(parsing: "100 ml/hr", expecting: .flow)
        }
    }

    @Test(arguments: ["nan mmol/L", "inf mmol/L", "1e999 mmol/L", "1e12 mL/h", "abc", "", "mmol/L"])
    func rejectsNonNumbers(_ text: String) {
        #expect(throws: UnitError.self) { try Quantity(parsing: text, expecting: .concentration) }
    }

    @Test func scientificNotationAndSigns() throws {
        #expect(try Quantity(parsing: "1.5e3 mL/h", expecting: .flow).canonicalValue() == 1.5)
        #expect(try Quantity(parsing: "-2 mL/h", expecting: .flow).value == -2)
    }

    @Test func editDistanceBasics() {
        #expect(editDistance("kitten", "sitting") == 3)
        #expect(editDistance("", "abc") == 3)
        #expect(editDistance("same", "same") == 0)
    }
}

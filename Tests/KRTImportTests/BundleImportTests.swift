import Foundation
import KRTImport
import KRTInput
import KRTUnits
import Testing

/// The realistic 72-h Bundle (Fixtures/bundle-72h.json, 47 Observations) and the two-patient file, each with
/// the outcome docs/labs-import.md documents.
struct BundleImportTests {
    func entries(allowPreliminary: Bool = false) throws -> LabEntries {
        let result = try LabImporter.importFiles([ImportSupport.fixture("bundle-72h.json")],
                                                 options: ImportSupport.options(allowPreliminary: allowPreliminary))
        return try LabEntries.build(result, anchor: try ImportSupport.anchor())
    }

    func entry(_ entries: LabEntries, at hours: Double, flags: Set<LabFlag> = []) -> LabEntry? {
        entries.entries.first { abs($0.hours - hours) < 1e-9 && $0.flags == flags }
    }

    func messages(_ entries: LabEntries) -> [String] { entries.issues.map(\.issue.message) }

    @Test func theSerumDrawsEvery6HoursBecomeEntriesWithTheirUnitsAsWritten() throws {
        let entries = try entries()
        // 13 serum draws (-72 … 0 h every 6 h), the haemolysed K (-13 h) and the whole-blood K (-3 h).
        #expect(entries.entries.count == 15)
        let first = try #require(entry(entries, at: -72))
        #expect(first.values[.potassium] == Quantity(5.9, .millimolePerLitre))
        #expect(first.values[.magnesium] == Quantity(2.4, .milligramPerDecilitre))
        #expect(abs((first.millimoles[.magnesium] ?? 0) - 2.4 * 10 / 24.305) < 1e-12)
        let mEq = try #require(entry(entries, at: -42))
        #expect(mEq.values[.magnesium] == Quantity(1.72, .milliequivalentPerLitre))
        #expect(abs((mEq.millimoles[.magnesium] ?? 0) - 0.86) < 1e-12, "Mg 2 mEq = 1 mmol")
        #expect(entries.entries.map(\.hours) == entries.entries.map(\.hours).sorted())
    }

    @Test func theCorrectedVersionReplacesTheOriginal() throws {
        let entries = try entries()
        let draw = try #require(entry(entries, at: -36))
        #expect(draw.values[.potassium] == Quantity(4.6, .millimolePerLitre))
        #expect(messages(entries).contains { $0.contains("k6 appears 2 times") && $0.contains("corrected") })
    }

    @Test func enteredInErrorIsDroppedWithANote() throws {
        let entries = try entries()
        #expect(!entries.entries.contains { $0.values[.potassium]?.value == 7.9 })
        #expect(messages(entries).contains { $0.contains("k-err") && $0.contains("entered in error; dropped") })
    }

    @Test func codedHaemolysisAndWholeBloodBecomeFlags() throws {
        let entries = try entries()
        let haemolysed = try #require(entry(entries, at: -13, flags: [.haemolysed]))
        #expect(haemolysed.values == [.potassium: Quantity(6.7, .millimolePerLitre)])
        let gas = try #require(entry(entries, at: -3, flags: [.wholeBlood]))
        #expect(gas.values == [.potassium: Quantity(4.3, .millimolePerLitre)])
        #expect(gas.fields.map(\.key) == ["at", "potassium", "whole_blood"])
    }

    @Test func preliminaryOnlyWithTheFlagAndThenFlagged() throws {
        let without = try entries()
        #expect(entry(without, at: -2) == nil && entry(without, at: -2, flags: [.preliminary]) == nil)
        #expect(messages(without).contains { $0.contains("mg-prelim") && $0.contains("--allow-preliminary") })
        let with = try entries(allowPreliminary: true)
        let draw = try #require(entry(with, at: -2, flags: [.preliminary]))
        #expect(draw.values == [.magnesium: Quantity(0.7, .millimolePerLitre)])
        #expect(draw.flowText == "{at: -2 h, magnesium: 0.7 mmol/L, preliminary: true}")
    }

    @Test func aMolesCodeWithAMassUnitIsReportedAndConvertedByTheUnit() throws {
        let entries = try entries()
        let draw = try #require(entry(entries, at: -48))
        #expect(draw.values[.magnesium] == Quantity(2.1, .milligramPerDecilitre))
        #expect(messages(entries).contains { $0.contains("2601-3") && $0.contains("converted by the unit") })
    }

    @Test func textValuesSkippedTestsAndIonisedCalciumAreReportedNotWritten() throws {
        let entries = try entries()
        #expect(messages(entries).contains { $0.contains("'<0.3'") && $0.contains("never guessed") })
        #expect(messages(entries).contains { $0.contains("2951-2 ×1") })
        #expect(entries.displayOnly.count == 1)
        #expect(entries.displayOnly.first?.observation.analyte == .ionisedCalcium)
        #expect(!entries.yaml().contains("ionised_calcium:"))
        #expect(entries.yaml().contains("# ionised calcium (display only"))
    }

    @Test func twoPatientsAreRefusedNamingBoth() throws {
        let error = try #require(throws: InputError.self) {
            _ = try LabImporter.importFiles([ImportSupport.fixture("bundle-two-patients.json")], options: ImportSupport.options())
        }
        #expect(error.kind == .data)
        let message = error.description
        #expect(message.contains("Patient/icu-bed-7") && message.contains("Patient/icu-bed-8") && message.contains("entry[1]"))
    }

    @Test func twoFilesOfDifferentPatientsAreRefusedToo() throws {
        let other = #"{"resourceType":"Observation","id":"x","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"2823-3"}]},"subject":{"reference":"Patient/someone-else"},"effectiveDateTime":"2026-12-01T06:00:00+01:00","valueQuantity":{"value":4.0,"unit":"mmol/L","system":"http://unitsofmeasure.org","code":"mmol/L"}}"#
        var result = try LabImporter.importFiles([ImportSupport.fixture("observation-potassium.json")], options: ImportSupport.options())
        #expect(throws: InputError.self) { try LabImporter.importText(other, source: "other.json", options: ImportSupport.options(), into: &result) }
    }

    @Test func aSingleObservationIsRead() throws {
        let result = try LabImporter.importFiles([ImportSupport.fixture("observation-potassium.json")], options: ImportSupport.options())
        let entries = try LabEntries.build(result, anchor: try ImportSupport.anchor())
        #expect(entries.entries.map(\.flowText) == ["{at: -4 h, potassium: 4.2 mmol/L}"])
    }

    @Test func theSameInputGivesByteIdenticalOutput() throws {
        #expect(try entries().yaml() == entries().yaml())
        #expect(try entries().json() == entries().json())
    }
}

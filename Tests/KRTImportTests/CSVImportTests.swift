import Foundation
import KRTImport
import KRTInput
import KRTUnits
import Testing

/// CSV: the CLIF `labs` table, the long table, and other exports through a `--columns` mapping.
struct CSVImportTests {
    @Test func clifLabsWithLOINCAndMixedUnits() throws {
        let result = try LabImporter.importFiles([ImportSupport.fixture("clif-labs.csv")], options: ImportSupport.options())
        let entries = try LabEntries.build(result, anchor: try ImportSupport.anchor())
        #expect(entries.entries.map(\.flowText) == [
            "{at: -650 min, potassium: 4.4 mmol/L, phosphate: 3.1 mg/dL, magnesium: 1.8 mEq/L}",
            "{at: -1.25 h, potassium: 4.1 mmol/L, phosphate: 0.92 mmol/L, magnesium: 0.81 mmol/L}",
        ])
        #expect(entries.displayOnly.map(\.observation.quantity) == [Quantity(1.09, .millimolePerLitre)])
        #expect(entries.issues.contains { $0.issue.message.contains("LOINC 2951-2 ×1") })
    }

    @Test func theLongTableWithAnalyteNames() throws {
        let result = try LabImporter.importFiles([ImportSupport.fixture("long-table.csv")], options: ImportSupport.options())
        let entries = try LabEntries.build(result, anchor: try ImportSupport.anchor())
        #expect(entries.entries.map(\.flowText) == [
            "{at: -6 h, potassium: 4.3 mmol/L, phosphate: 1.1 mmol/L, magnesium: 2 mg/dL}",
            "{at: -0.5 h, potassium: 4 mmol/L}",
        ])
    }

    @Test func aColumnsMappingReadsOtherExports() throws {
        let csv = "Collected;Test;Result;Units\n2026-12-01T05:00:00+01:00;Kalium;3.9;mmol/L\n2026-12-01T05:00:00+01:00;Phosphat;1.0;mmol/L\n"
        let mapping = try CSVColumns(parsing: "time=Collected,analyte=Test,value=Result,unit=Units")
        let result = try ImportSupport.importText(csv, name: "export.csv", options: ImportSupport.options(columns: mapping))
        let entries = try LabEntries.build(result, anchor: try ImportSupport.anchor())
        #expect(entries.entries.map(\.flowText) == ["{at: -3 h, potassium: 3.9 mmol/L}"])
        #expect(entries.issues.contains { $0.issue.message.contains("Phosphat ×1") }, "an unknown name is skipped and reported, never guessed")
        #expect(throws: ClockTime.Problem.self) { _ = try CSVColumns(parsing: "time=Collected,value=Result") }
    }

    @Test func aCensoredValueIsReportedNotGuessed() throws {
        let csv = "time,analyte,value,unit\n2026-12-01T05:00:00+01:00,phosphate,<0.3,mmol/L\n2026-12-01T05:00:00+01:00,potassium,4.0,mmol/L\n"
        let entries = try LabEntries.build(try ImportSupport.importText(csv, name: "labs.csv"), anchor: try ImportSupport.anchor())
        #expect(entries.entries.map(\.flowText) == ["{at: -3 h, potassium: 4 mmol/L}"])
        #expect(entries.issues.contains { $0.issue.message.contains("'<0.3'") && $0.issue.line == 2 })
    }
}

import Foundation
import KRTImport
import KRTInput
import KRTPlanner
import KRTUnits

// The fhir fuzz target's body, shared by the libFuzzer binary (Fuzz/Targets/fhir) and the corpus replay test:
// bytes → UTF-8 text → LabImporter (FHIR JSON, or CSV when the text does not start with '{') → case entries
// against a fixed anchor → YAML and JSON output.
//
// Any input may be refused with an InputError; the contract checked: every refusal carries issues with
// messages and exit kind 65 (or 66); every accepted value is finite, within the plausible range, at or
// before the anchor; the entries print.

/// The case reader's plausible serum ranges, as the CLI passes them.
private let fuzzPlausible: @Sendable (Solute) -> ClosedRange<Double> = { Plausibility.serum($0) }

/// Reads the bytes as a lab export; returns every broken contract.
func runFHIRFuzzInput(_ bytes: [UInt8]) -> [String] {
    var violations: [String] = []
    func contract(_ error: InputError) {
        if error.issues.isEmpty { violations.append("an InputError without issues") }
        if ![65, 66].contains(error.exitCode) { violations.append("unexpected exit kind \(error.exitCode)") }
        for issue in error.issues where issue.message.isEmpty { violations.append("an issue without a message at \(issue.path)") }
    }
    do {
        let text = try InputFile.decodeUTF8(bytes, source: "fuzz.json")
        let options = LabImportOptions(timeZone: TimeZone(identifier: "Europe/Berlin"), allowPreliminary: bytes.count % 2 == 0,
                                       plausible: fuzzPlausible, maxBytes: 1 << 20, maxRecords: 5_000)
        var result = LabImportResult()
        try LabImporter.importText(text, source: bytes.first == UInt8(ascii: "{") ? "fuzz.json" : "fuzz.csv", options: options, into: &result)
        let anchor = try? ClockTime.parse("2026-12-01T08:00:00+01:00")
        guard let anchor else { return ["the fixed anchor does not parse"] }
        let entries = try LabEntries.build(result, anchor: anchor)
        for entry in entries.entries {
            if entry.seconds > 0 { violations.append("an entry after the anchor: \(entry.atText)") }
            for (analyte, value) in entry.millimoles where !(value.isFinite && fuzzPlausible(analyte.solute).contains(value)) {
                violations.append("an implausible \(analyte.rawValue) was accepted: \(value) mmol/L")
            }
        }
        _ = entries.yaml()
        _ = try? entries.json()
    } catch {
        contract(error)
    }
    return violations
}

import Foundation
import KRTImport
import KRTInput
import KRTPlanner

/// Fixtures and the import options every test uses (the case reader's plausible ranges).
enum ImportSupport {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path

    static func fixture(_ name: String) -> String { fixtures + "/" + name }

    static func options(timeZone: TimeZone? = nil, allowPreliminary: Bool = false, columns: CSVColumns? = nil) -> LabImportOptions {
        LabImportOptions(timeZone: timeZone, allowPreliminary: allowPreliminary, columns: columns, plausible: { Plausibility.serum($0) })
    }

    /// Imports `text` as if read from a file named `name`.
    static func importText(_ text: String, name: String = "labs.json", options: LabImportOptions = options()) throws(InputError) -> LabImportResult {
        var result = LabImportResult()
        try LabImporter.importText(text, source: name, options: options, into: &result)
        return result
    }

    static func anchor(_ text: String = "2026-12-01T08:00:00+01:00") throws -> ClockTime { try ClockTime.parse(text) }
}

import Foundation
import KRTInput
import KRTUnits

/// Reads lab results from hospital exports: a FHIR R4 Bundle or Observation (JSON), or CSV (CLIF `labs`,
/// a long table, or any table with a `--columns` mapping). Every problem is an ``InputError`` (exit 65)
/// naming the file, the entry or line, the field and the value; nothing is guessed. docs/labs-import.md.
public enum LabImporter {
    /// Reads every file; all results together (one patient across all of them).
    public static func importFiles(_ paths: [String], options: LabImportOptions) throws(InputError) -> LabImportResult {
        var result = LabImportResult()
        for path in paths {
            let bytes = try InputFile.readBytes(at: path, limits: InputLimits(maxBytes: options.maxBytes))
            let text = try InputFile.decodeUTF8(bytes, source: path)
            try importText(text, source: path, options: options, into: &result)
        }
        return result
    }

    /// Reads one export's text (already size-checked and UTF-8) into `result`.
    public static func importText(_ text: String, source: String, options: LabImportOptions,
                                  into result: inout LabImportResult) throws(InputError) {
        guard text.utf8.count <= options.maxBytes else {
            throw InputError(.data, source: source, message: "text is larger than the limit of \(options.maxBytes) bytes")
        }
        let first = text.unicodeScalars.first { !" \t\r\n\u{FEFF}".unicodeScalars.contains($0) }
        if first == "{" || first == "[" {
            try readFHIR(text, source: source, options: options, into: &result)
        } else if source.lowercased().hasSuffix(".json") {
            throw InputError(.data, source: source, value: first.map { String($0) },
                             message: "not JSON (it starts with '\(first.map { String($0) } ?? "nothing")'); expected a FHIR R4 Bundle or Observation as a JSON object")
        } else {
            try readCSV(text, source: source, options: options, into: &result)
        }
        try checkOnePatient(result)
    }

    // MARK: - Shared checks

    /// One patient per import: two different subject references (in any of the files) are refused.
    static func checkOnePatient(_ result: LabImportResult) throws(InputError) {
        var first: (subject: String, source: LabSource)?
        for (subject, source) in result.subjects {
            guard let seen = first else { first = (subject, source); continue }
            if seen.subject != subject {
                throw InputError(.data, source: source.file, issues: [InputIssue(
                    path: source.path.appending("subject"), value: subject,
                    message: "results of two patients: \(seen.subject) (\(seen.source.place)) and \(subject) (\(source.place)); expected one patient per import (split the export by patient)",
                    line: source.line)])
            }
        }
    }

    /// What a result's status means for the import.
    enum StatusDecision { case use, usePreliminary, drop(String), invalid(String) }

    /// FHIR Observation status (also a CSV `status` column): final, amended and corrected are used;
    /// preliminary only when allowed; entered-in-error and cancelled are dropped with a note.
    static func decide(status: String?, allowPreliminary: Bool) -> StatusDecision {
        switch status?.trimmingWhitespace.lowercased() {
        case "final", "amended", "corrected": .use
        case "preliminary":
            allowPreliminary ? .usePreliminary
                : .drop("preliminary result not imported; pass --allow-preliminary to import it flagged preliminary: true")
        case "entered-in-error": .drop("entered in error; dropped")
        case "cancelled": .drop("cancelled; dropped")
        case "registered": .drop("registered, no result yet; dropped")
        case "unknown": .drop("status unknown; dropped")
        case nil: .invalid("no status; expected final, amended, corrected or preliminary")
        case let other?: .invalid("status '\(other)' is not an Observation status; expected final, amended, corrected, preliminary, entered-in-error or cancelled")
        }
    }

    /// The unit of a value: krtplan's spelling table (which holds the UCUM codes labs use: mmol/L, meq/L, mg/dL, umol/L).
    static func unit(_ text: String) -> Result<KRTUnits.Unit, UnitError> {
        guard let unit = KRTUnits.Unit.known[text.trimmingWhitespace] else {
            return .failure(.unknownUnit(symbol: text.trimmingWhitespace, suggestion: nil, expected: .concentration))
        }
        guard unit.dimension == .concentration else {
            return .failure(.wrongDimension(unit: unit.symbol, found: unit.dimension, expected: .concentration))
        }
        return .success(unit)
    }

    /// Converts a value to mmol/L by its unit (never by the code), with the checks of docs/labs-import.md:
    /// potassium never in mass units, phosphate never in mEq, a moles-code with a mass unit is a warning
    /// (converted by the unit), a mass-code with a molar unit is refused, and the case reader's plausible range.
    static func convert(_ value: Double, unit: KRTUnits.Unit, analyte: LabAnalyte, code: LabCode?, options: LabImportOptions,
                        at path: FieldPath, line: Int?, file: String, log: IssueLog, result: inout LabImportResult) -> Double? {
        let shown = "\(Quantity.format(value)) \(unit.symbol)"
        if analyte == .potassium, unit.basis == .mass {
            log.error(path, value: shown, "potassium \(shown): potassium is reported in mmol/L or mEq/L, not '\(unit.symbol)'", line: line)
            return nil
        }
        if let code {
            if code.property == .mass, unit.basis != .mass {
                log.error(path, value: shown, "LOINC \(code.code) (\(code.display)) is a mass code but the value is \(shown); expected a mass unit such as mg/dL. Which of the two is wrong cannot be told, so the value is refused", line: line)
                return nil
            }
            if code.property == .substance, unit.basis == .mass {
                let converted = (try? Quantity(value, unit).canonicalValue(for: analyte.solute)).map { Quantity.short($0) } ?? "?"
                result.note(file, path, value: shown, "LOINC \(code.code) is a moles/volume code but the unit is '\(unit.symbol)'; converted by the unit (the unit is trusted, not the code): \(shown) = \(converted) mmol/L", line: line)
            }
        }
        let millimoles: Double
        do { millimoles = try Quantity(value, unit).canonicalValue(for: analyte.solute) } catch {
            log.error(path, value: shown, "\(analyte.rawValue) \(shown): \(error.description)", line: line)
            return nil
        }
        let range = options.plausible(analyte.solute)
        guard millimoles.isFinite, range.contains(millimoles) else {
            log.error(path, value: shown, "\(analyte.rawValue) \(shown) (\(Quantity.short(millimoles)) mmol/L) is not a plausible serum level; expected \(Quantity.format(range.lowerBound))–\(Quantity.format(range.upperBound)) mmol/L", line: line)
            return nil
        }
        return millimoles
    }

    /// Notes that skipped tests were seen, one line per file (`2951-2 ×6, 2160-0 ×6`).
    static func noteSkipped(_ skipped: [String: Int], file: String, result: inout LabImportResult) {
        guard !skipped.isEmpty else { return }
        let list = skipped.sorted { $0.key < $1.key }.map { "\($0.key) ×\($0.value)" }.joined(separator: ", ")
        let count = skipped.values.reduce(0, +)
        result.note(file, .root, "\(count) result(s) of tests krtplan does not import were skipped: \(list)")
    }
}

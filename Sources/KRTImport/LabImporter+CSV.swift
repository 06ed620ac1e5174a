import Foundation
import KRTInput
import KRTUnits
import SwiftCSV

/// Which CSV column holds what. Built in: the CLIF `labs` table and a plain long table; `--columns` for others.
public struct CSVColumns: Sendable, Hashable {
    public var time: String
    /// Analyte name column (potassium, K, phosphate, …); used when there is no LOINC or it is empty.
    public var analyte: String?
    /// LOINC code column; preferred over the analyte name.
    public var loinc: String?
    public var value: String
    public var unit: String
    /// Optional: flags (`haemolysed;whole_blood`) and status (final, preliminary, …).
    public var flags: String?
    public var status: String?

    public init(time: String, analyte: String?, loinc: String?, value: String, unit: String, flags: String? = nil, status: String? = nil) {
        self.time = time
        self.analyte = analyte
        self.loinc = loinc
        self.value = value
        self.unit = unit
        self.flags = flags
        self.status = status
    }

    /// CLIF `labs`: lab_collect_dttm, lab_category, lab_value_numeric, reference_unit, lab_loinc_code.
    public static let clif = CSVColumns(time: "lab_collect_dttm", analyte: "lab_category", loinc: "lab_loinc_code",
                                        value: "lab_value_numeric", unit: "reference_unit")
    /// The long table krtplan also writes: time, analyte or loinc, value, unit (flags, status optional).
    public static let long = CSVColumns(time: "time", analyte: "analyte", loinc: "loinc", value: "value", unit: "unit",
                                        flags: "flags", status: "status")

    /// The keys of a `--columns` mapping.
    public static let keys = ["time", "analyte", "loinc", "value", "unit", "flags", "status"]

    /// Parses `time=Collected,analyte=Test,value=Result,unit=Units` (time, value, unit and one of analyte/loinc required).
    public init(parsing text: String) throws(ClockTime.Problem) {
        var map: [String: String] = [:]
        for pair in text.split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).trimmingWhitespace }
            guard parts.count == 2, !parts[1].isEmpty, Self.keys.contains(parts[0]) else {
                throw ClockTime.Problem(description: "'\(pair)' is not KEY=COLUMN with KEY one of \(Self.keys.joined(separator: ", "))")
            }
            map[parts[0]] = parts[1]
        }
        guard let time = map["time"], let value = map["value"], let unit = map["unit"], map["analyte"] != nil || map["loinc"] != nil else {
            throw ClockTime.Problem(description: "'\(text)' needs time=, value=, unit= and analyte= or loinc=")
        }
        self.init(time: time, analyte: map["analyte"], loinc: map["loinc"], value: value, unit: unit, flags: map["flags"], status: map["status"])
    }
}

extension LabImporter {
    /// CSV: the header picks the layout (the `--columns` mapping, CLIF, or the long table); one result per row.
    /// Lines are counted as rows + 1 (a quoted field spanning lines shifts the count; docs/labs-import.md).
    static func readCSV(_ text: String, source: String, options: LabImportOptions, into result: inout LabImportResult) throws(InputError) {
        var lineCount = 0
        for byte in text.utf8 where byte == UInt8(ascii: "\n") { lineCount += 1 }
        guard lineCount <= options.maxRecords + 1 else {
            throw InputError(.data, source: source, value: "\(lineCount) lines",
                             message: "\(lineCount) lines; the limit is \(options.maxRecords) rows per file (split the export)")
        }
        let csv: EnumeratedCSV
        do { csv = try EnumeratedCSV(string: text, loadColumns: false) } catch {
            throw InputError(.data, source: source, message: "not readable as CSV: \(error); expected a header line and one result per line")
        }
        let header = csv.header.map { $0.trimmingWhitespace.trimmingCharacters(in: CharacterSet(charactersIn: "\u{FEFF}")) }
        let lowered = header.map { $0.lowercased() }
        let candidates = [options.columns, .clif, .long].compactMap { $0 }
        func index(_ name: String?) -> Int? { name.flatMap { lowered.firstIndex(of: $0.lowercased()) } }
        guard let columns = candidates.first(where: { layout in
            index(layout.time) != nil && index(layout.value) != nil && index(layout.unit) != nil
                && (index(layout.analyte) != nil || index(layout.loinc) != nil)
        }) else {
            let wanted = options.columns.map { "the --columns mapping (\($0.time), \($0.value), \($0.unit), \($0.analyte ?? $0.loinc ?? ""))" }
                ?? "CLIF labs (lab_collect_dttm, lab_category or lab_loinc_code, lab_value_numeric, reference_unit) or time, analyte or loinc, value, unit"
            throw InputError(.data, source: source, path: .root, value: header.joined(separator: ","),
                             message: "line 1: columns \(header.joined(separator: ", ")) are not a known lab table; expected \(wanted), or pass --columns time=…,analyte=…,value=…,unit=…")
        }
        let timeIndex = index(columns.time) ?? 0, valueIndex = index(columns.value) ?? 0, unitIndex = index(columns.unit) ?? 0
        let analyteIndex = index(columns.analyte), loincIndex = index(columns.loinc)
        let flagsIndex = index(columns.flags), statusIndex = index(columns.status)
        let log = IssueLog()
        var skipped: [String: Int] = [:]
        for (rowIndex, row) in csv.rows.enumerated() {
            let line = rowIndex + 2
            func cell(_ index: Int?) -> String { index.flatMap { $0 < row.count ? row[$0].trimmingWhitespace : nil } ?? "" }
            if row.allSatisfy({ $0.trimmingWhitespace.isEmpty }) { continue }
            let source = LabSource(file: source, path: .root, line: line)
            // What the row measures: the LOINC code when given, else the analyte name.
            var code: LabCode?
            var analyte: LabAnalyte?
            let loincText = cell(loincIndex), analyteText = cell(analyteIndex)
            if !loincText.isEmpty {
                code = LabCode.loinc(loincText)
                analyte = code?.analyte
                if code == nil { skipped["LOINC \(loincText)", default: 0] += 1; continue }
            } else {
                analyte = LabAnalyte.named(analyteText)
                if analyte == nil { skipped[analyteText.isEmpty ? "(no analyte)" : analyteText, default: 0] += 1; continue }
            }
            guard let analyte else { continue }
            let what = "line \(line) (\(analyte.rawValue))"
            var flags: Set<LabFlag> = code?.wholeBlood == true && analyte == .potassium ? [.wholeBlood] : []
            if statusIndex != nil, !cell(statusIndex).isEmpty {
                switch decide(status: cell(statusIndex), allowPreliminary: options.allowPreliminary) {
                case let .invalid(message): log.error(FieldPath().appending(header[statusIndex ?? 0]), value: cell(statusIndex), "\(what): \(message)", line: line); continue
                case let .drop(reason): result.note(source.file, FieldPath().appending(header[statusIndex ?? 0]), value: cell(statusIndex), "\(what): \(reason)", line: line); continue
                case .usePreliminary: flags.insert(.preliminary)
                case .use: break
                }
            }
            for word in cell(flagsIndex).split(whereSeparator: { $0 == ";" || $0 == "|" || $0 == " " }) {
                guard let flag = LabFlag(rawValue: String(word).lowercased()) else {
                    log.error(FieldPath().appending(header[flagsIndex ?? 0]), value: String(word),
                              "\(what): unknown flag '\(word)'; expected any of \(LabFlag.allCases.map(\.key).joined(separator: ", ")) separated by ';'", line: line)
                    continue
                }
                flags.insert(flag)
            }
            let timeText = cell(timeIndex)
            let time: ClockTime
            do { time = try ClockTime.parse(timeText, timeZone: options.timeZone) } catch {
                let message = timeText.isEmpty ? "no collection time; expected e.g. 2026-12-01T08:00:00+01:00" : error.description
                log.error(FieldPath().appending(header[timeIndex]), value: timeText, "\(what): \(message)", line: line)
                continue
            }
            let valueText = cell(valueIndex)
            guard let value = Double(valueText), value.isFinite else {
                result.note(source.file, FieldPath().appending(header[valueIndex]), value: valueText,
                            "\(what): value '\(valueText)' is not a number; not imported (a value such as '<0.3' is never guessed)", line: line)
                continue
            }
            let unitText = cell(unitIndex)
            let unit: KRTUnits.Unit
            switch LabImporter.unit(unitText) {
            case let .failure(error):
                log.error(FieldPath().appending(header[unitIndex]), value: unitText, "\(what): \(unitText.isEmpty ? "no unit; expected e.g. mmol/L" : error.description)", line: line)
                continue
            case let .success(found): unit = found
            }
            guard let millimoles = convert(value, unit: unit, analyte: analyte, code: code, options: options,
                                           at: FieldPath().appending(header[valueIndex]), line: line, file: source.file,
                                           log: log, result: &result) else { continue }
            result.observations.append(LabObservation(source: source, time: time, analyte: analyte, quantity: Quantity(value, unit),
                                                      millimolesPerLitre: millimoles, flags: flags))
        }
        if log.hasErrors { throw InputError.capped(.data, source: source, issues: log.issues) }
        for issue in log.issues { result.issues.append((source, issue)) }
        noteSkipped(skipped, file: source, result: &result)
    }
}

import ArgumentParser
import Foundation
import KRTImport
import KRTInput
import KRTPlanner
import KRTUnits

/// How imported clock times are read: the anchor, a zone for times without an offset, preliminary results,
/// and a column mapping for CSV. Shared by `labs import` and `labs export`.
struct LabReadingOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The clock time of 0 h, with a UTC offset (default: the case's start:).", valueName: "time"))
    var anchor: String?

    @Option(help: ArgumentHelp("Time zone for clock times written without a UTC offset, e.g. Europe/Berlin (otherwise they are refused).",
                               valueName: "zone"))
    var timezone: String?

    @Flag(name: .customLong("allow-preliminary"), help: "Import preliminary results too, flagged preliminary: true.")
    var allowPreliminary = false

    @Option(help: ArgumentHelp("CSV column mapping, e.g. time=Collected,analyte=Test,value=Result,unit=Units (also loinc=, flags=, status=).",
                               valueName: "map"))
    var columns: String?

    func importOptions() throws -> LabImportOptions {
        var zone: TimeZone?
        if let timezone {
            guard let found = TimeZone(identifier: timezone) else {
                throw CommandFailure.usage("--timezone", "'\(timezone)' is not a time zone; expected e.g. Europe/Berlin or America/New_York")
            }
            zone = found
        }
        var mapping: CSVColumns?
        if let columns {
            do { mapping = try CSVColumns(parsing: columns) } catch { throw CommandFailure.usage("--columns", error.description) }
        }
        return LabImportOptions(timeZone: zone, allowPreliminary: allowPreliminary, columns: mapping,
                                plausible: { Plausibility.serum($0) })
    }

    /// The anchor: --anchor, else the case's `start:`; both given must agree.
    func anchor(caseStart: CaseStart?, casePath: String?) throws -> ClockTime {
        try Self.anchor(anchor, timezone: timezone, caseStart: caseStart, casePath: casePath)
    }

    static func anchor(_ anchor: String?, timezone: String?, caseStart: CaseStart?, casePath: String?) throws -> ClockTime {
        let zone = timezone.flatMap(TimeZone.init(identifier:))
        var fromOption: ClockTime?
        if let anchor {
            do { fromOption = try ClockTime.parse(anchor, timeZone: zone) } catch { throw CommandFailure.usage("--anchor", error.description) }
        }
        var fromCase: ClockTime?
        if let caseStart {
            do { fromCase = try ClockTime.parse(caseStart.text) } catch {
                throw CommandFailure(.data, "\(casePath ?? "case"): start: \(error.description)")
            }
        }
        if let fromOption, let fromCase, fromOption.date != fromCase.date {
            throw CommandFailure.usage("--anchor", "\(fromOption) differs from the case's start: \(fromCase); give one of them")
        }
        guard let anchor = fromCase ?? fromOption else {
            let where_ = casePath.map { "\($0) has no start: and " } ?? ""
            throw CommandFailure.usage("--anchor", "\(where_)no --anchor was given; imported clock times need the clock time of 0 h, e.g. --anchor 2026-12-01T08:00:00+01:00")
        }
        return anchor
    }
}

/// Imported labs added to a case, in memory (`--labs` on plan, simulate, validate) or as a new file (`labs import --into`).
enum LabsMerge {
    /// Reads the lab files and builds the case entries relative to `anchor`; warnings go to standard error.
    static func entries(_ files: [String], options: LabImportOptions, anchor: ClockTime, quiet: Bool = false) throws -> LabEntries {
        let result = try LabImporter.importFiles(files, options: options)
        let entries = try LabEntries.build(result, anchor: anchor)
        if !quiet {
            for (file, issue) in entries.issues { Console.error("\(file): \(issue)") }
        }
        return entries
    }

    /// Drops imported entries that are already in the case exactly (re-importing the same export); returns them.
    static func withoutExisting(_ entries: [LabEntry], existing: [LabResult]) -> (kept: [LabEntry], dropped: Int) {
        var kept: [LabEntry] = []
        for entry in entries {
            let flags = LabResult.Flags.keys.filter { key, _ in entry.flags.contains { $0.key == key } }
                .reduce(into: LabResult.Flags()) { $0.insert($1.flag) }
            let values = Dictionary(uniqueKeysWithValues: entry.millimoles.compactMap { analyte, value in
                analyte.isPlanned ? (analyte.solute, value) : nil })
            let duplicate = existing.contains { lab in
                abs(lab.at - entry.hours) < 1e-9 && lab.flags == flags && lab.values.count == values.count
                    && values.allSatisfy { solute, value in lab.values[solute].map { abs($0 - value) < 1e-9 } ?? false }
            }
            if !duplicate { kept.append(entry) }
        }
        return (kept, entries.count - kept.count)
    }

    /// `--labs FILE…` on plan, simulate and validate: the case document with the imported labs appended.
    static func document(_ document: YAMLDocument, labFiles: [String]) throws -> YAMLDocument {
        let log = IssueLog()
        let startField = document.field(log: log)["start"]
        let start = startField.isPresent ? startField.string() : nil
        guard let start else {
            throw CommandFailure.usage("--labs", "\(document.source) has no start: (the clock time of 0 h, e.g. start: 2026-12-01T08:00:00+01:00); imported clock times need it")
        }
        let anchor: ClockTime
        do { anchor = try ClockTime.parse(start) } catch { throw CommandFailure(.data, "\(document.source): start: \(error.description)") }
        let options = LabImportOptions(plausible: { Plausibility.serum($0) })
        let imported = try entries(labFiles, options: options, anchor: anchor)
        let existing = (try? CaseReader.read(document))?.labs ?? []
        let (kept, dropped) = withoutExisting(imported.entries, existing: existing)
        if dropped > 0 { Console.error("--labs: \(dropped) imported draw(s) already in \(document.source); used once") }
        return try document.appending(entries: kept.map(\.fields), toList: "labs",
                                      note: "labs from " + labFiles.joined(separator: ", ") + ": " + kept.map(\.flowText).joined(separator: "; "))
    }
}

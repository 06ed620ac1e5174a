import Foundation
import KRTInput
import KRTUnits

/// How far an imported value can be trusted; each maps to the case's lab flag of the same key.
public enum LabFlag: String, Sendable, Hashable, CaseIterable, Comparable {
    /// Coded haemolysis (HL7 v2-0493 HEM): the case does not use its potassium.
    case haemolysed
    /// Whole-blood potassium (LOINC 6298-4, a blood-gas analyser).
    case wholeBlood = "whole_blood"
    /// A preliminary result (FHIR status `preliminary`, imported only with --allow-preliminary).
    case preliminary
    /// Drawn from the circuit / after the filter: only from a CSV flags column (no standard code is read).
    case drawnFromCircuit = "drawn_from_circuit"
    case postFilter = "post_filter"

    /// The case-file key (`labs[i].haemolysed: true`).
    public var key: String { rawValue }

    public static func < (lhs: LabFlag, rhs: LabFlag) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}

/// Where a result came from, for messages and comments: the file and the Bundle entry or CSV line.
public struct LabSource: Sendable, Hashable, CustomStringConvertible {
    public let file: String
    /// `entry[3].resource` for a Bundle, the top level for a single Observation, the row for CSV.
    public let path: FieldPath
    /// The CSV line (1 is the header), when read from CSV.
    public let line: Int?
    /// The resource id, when there is one.
    public let id: String?

    public init(file: String, path: FieldPath, line: Int? = nil, id: String? = nil) {
        self.file = file
        self.path = path
        self.line = line
        self.id = id
    }

    /// `labs.json entry[3] (id k-0600)`, `labs.csv line 7`.
    public var place: String {
        if let line { return "line \(line)" }
        let text: String
        if path.components.count == 3, case .key("entry") = path.components[0], case let .index(index) = path.components[1],
           case .key("resource") = path.components[2] {
            text = "entry[\(index)]"  // the common Bundle entry, without building and searching the dotted text
        } else {
            text = path.components.isEmpty ? "Observation" : "\(path)".replacingOccurrences(of: ".resource", with: "")
        }
        return text + (id.map { " (id \($0))" } ?? "")
    }

    public var description: String { "\(file) \(place)" }
}

/// One result read from an export, checked and converted: its collection time, what it measures, the value
/// as written (number and unit) and in mmol/L, and its flags.
public struct LabObservation: Sendable, Hashable {
    public var source: LabSource
    public var time: ClockTime
    public var analyte: LabAnalyte
    /// The value and unit as written in the export (the unit as krtplan spells it).
    public var quantity: Quantity
    /// The value in mmol/L.
    public var millimolesPerLitre: Double
    public var flags: Set<LabFlag>

    public init(source: LabSource, time: ClockTime, analyte: LabAnalyte, quantity: Quantity, millimolesPerLitre: Double,
                flags: Set<LabFlag> = []) {
        self.source = source
        self.time = time
        self.analyte = analyte
        self.quantity = quantity
        self.millimolesPerLitre = millimolesPerLitre
        self.flags = flags
    }

    /// Whether the case would use this value (the case reader's rule: haemolysed potassium and circuit or
    /// post-filter draws are kept but not used).
    var isUsable: Bool {
        if flags.contains(.drawnFromCircuit) || flags.contains(.postFilter) { return false }
        return !(analyte == .potassium && flags.contains(.haemolysed))
    }
}

/// What an import found: the results, and every note and warning (as ``InputIssue``s, with the file).
public struct LabImportResult: Sendable {
    public var observations: [LabObservation] = []
    /// Notes and warnings, each with its file (`warning` severity); errors are thrown, never kept here.
    public var issues: [(file: String, issue: InputIssue)] = []
    /// Subject references seen (`Patient/123`) with where, for the one-patient check.
    var subjects: [(subject: String, source: LabSource)] = []

    public init() {}

    mutating func note(_ file: String, _ path: FieldPath, value: String? = nil, _ message: String, line: Int? = nil) {
        issues.append((file, InputIssue(.warning, path: path, value: value, message: message, line: line)))
    }
}

/// Options of an import.
public struct LabImportOptions: Sendable {
    /// Zone for clock times written without a UTC offset (`nil`: such times are refused).
    public var timeZone: TimeZone?
    /// Whether `preliminary` FHIR results are imported (flagged `preliminary`).
    public var allowPreliminary: Bool
    /// A column mapping for CSV exports with other column names (`--columns`).
    public var columns: CSVColumns?
    /// The serum range (mmol/L) a solute's value must fall in; the case reader's ranges (Plausibility.serum).
    public var plausible: @Sendable (Solute) -> ClosedRange<Double>
    /// File limits: bytes, and rows / entries.
    public var maxBytes: Int
    public var maxRecords: Int
    /// Deepest JSON nesting accepted (checked before decoding).
    public var maxJSONDepth: Int

    public init(timeZone: TimeZone? = nil, allowPreliminary: Bool = false, columns: CSVColumns? = nil,
                plausible: @escaping @Sendable (Solute) -> ClosedRange<Double>,
                maxBytes: Int = 8 << 20, maxRecords: Int = 50_000, maxJSONDepth: Int = 32) {
        self.timeZone = timeZone
        self.allowPreliminary = allowPreliminary
        self.columns = columns
        self.plausible = plausible
        self.maxBytes = maxBytes
        self.maxRecords = maxRecords
        self.maxJSONDepth = maxJSONDepth
    }
}

extension InputError {
    /// At most `limit` errors, then one line saying how many more there were (a bad export of 10,000 results
    /// should not print 10,000 lines).
    static func capped(_ kind: Kind, source: String?, issues: [InputIssue], limit: Int = 20) -> InputError {
        let errors = issues.errors
        guard errors.count > limit else { return InputError(kind, source: source, issues: issues) }
        let more = InputIssue(path: .root, message: "and \(errors.count - limit) more error(s) like these; fix the export and import again")
        return InputError(kind, source: source, issues: Array(errors.prefix(limit)) + [more])
    }
}

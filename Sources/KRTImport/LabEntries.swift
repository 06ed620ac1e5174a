import Foundation
import KRTInput
import KRTUnits

/// One entry of the case's `labs:` list built from imported results: a time relative to the case's anchor,
/// values as written in the export, flags, and the results it came from.
public struct LabEntry: Sendable, Hashable {
    /// Seconds from the anchor (≤ 0).
    public var seconds: Int64
    public var values: [LabAnalyte: Quantity]
    /// The same values in mmol/L.
    public var millimoles: [LabAnalyte: Double]
    public var flags: Set<LabFlag>
    public var sources: [LabSource]

    /// Hours from the anchor.
    public var hours: Double { Double(seconds) / 3600 }

    /// `-6 h`, `-6.25 h`, `-370 min`, `-22230 s`: exact, in a unit the case reader accepts.
    public var atText: String {
        if seconds % 36 == 0 { return "\(Quantity.format(Double(seconds) / 3600)) h" }
        if seconds % 60 == 0 { return "\(seconds / 60) min" }
        return "\(seconds) s"
    }

    /// `(key, value)` pairs of the case entry, in case-format order: at, values, flags.
    public var fields: [(key: String, value: String)] {
        var fields: [(String, String)] = [("at", atText)]
        for analyte in values.keys.sorted() {
            guard let quantity = values[analyte] else { continue }
            fields.append((analyte.rawValue, "\(Quantity.format(quantity.value)) \(quantity.unit.symbol)"))
        }
        for flag in flags.sorted() { fields.append((flag.key, "true")) }
        return fields
    }

    /// `{at: -6 h, potassium: 3.4 mmol/L, haemolysed: true}`.
    public var flowText: String { "{" + fields.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}" }
}

/// The case entries an import gives for one anchor, and the ionised calcium values shown alongside.
public struct LabEntries: Sendable {
    public var anchor: ClockTime
    public var entries: [LabEntry]
    /// Ionised calcium results: reported, never written into the case.
    public var displayOnly: [(seconds: Int64, observation: LabObservation)]
    /// Notes and warnings from reading and grouping, with their file.
    public var issues: [(file: String, issue: InputIssue)]

    /// Groups results into entries (one per time and set of flags). Results after the anchor are refused, as are
    /// two usable values of one solute at one time that differ (naming both); identical duplicates are kept once.
    public static func build(_ result: LabImportResult, anchor: ClockTime) throws(InputError) -> LabEntries {
        var issues = result.issues
        let log = IssueLog()
        var errorFile: String?
        var planned: [(seconds: Int64, observation: LabObservation)] = []
        var display: [(seconds: Int64, observation: LabObservation)] = []
        for observation in result.observations {
            let seconds = Int64((observation.time.date.timeIntervalSince(anchor.date)).rounded())
            if seconds > 0 {
                errorFile = errorFile ?? observation.source.file
                log.error(observation.source.path, value: observation.time.description,
                          "\(observation.source.place): collected at \(observation.time), \(Quantity.short(Double(seconds) / 3600)) h after the anchor \(anchor); expected a time at or before it (set a later start: or --anchor)",
                          line: observation.source.line)
                continue
            }
            if observation.analyte.isPlanned { planned.append((seconds, observation)) } else { display.append((seconds, observation)) }
        }
        // Same solute, same time: usable values must agree.
        var kept: [(seconds: Int64, observation: LabObservation)] = []
        var firstUsable: [String: LabObservation] = [:]
        // Sorted by index (the same comparisons, so the same order) rather than moving the results themselves.
        let sorted = planned.indices.sorted { order(planned[$0], planned[$1]) }.map { planned[$0] }
        for item in sorted {
            let key = "\(item.seconds) \(item.observation.analyte.rawValue)"
            guard item.observation.isUsable else { kept.append(item); continue }
            if let earlier = firstUsable[key] {
                if abs(earlier.millimolesPerLitre - item.observation.millimolesPerLitre) > 1e-9 {
                    errorFile = errorFile ?? item.observation.source.file
                    log.error(item.observation.source.path, value: "\(item.observation.quantity)",
                              "\(item.observation.analyte.rawValue) at \(item.observation.time) is given twice with different values: \(earlier.quantity) (\(earlier.source)) and \(item.observation.quantity) (\(item.observation.source)); expected one value (the tool never picks one)",
                              line: item.observation.source.line)
                } else {
                    issues.append((item.observation.source.file, InputIssue(.warning, path: item.observation.source.path, value: "\(item.observation.quantity)",
                        message: "\(item.observation.source.place): \(item.observation.analyte.rawValue) at \(item.observation.time) repeats \(earlier.source) with the same value; kept once",
                        line: item.observation.source.line)))
                }
                continue
            }
            firstUsable[key] = item.observation
            kept.append(item)
        }
        if log.hasErrors { throw InputError.capped(.data, source: errorFile, issues: log.issues) }
        // One entry per time and set of flags (a whole-blood or haemolysed draw stays its own entry).
        var entries: [LabEntry] = []
        var index: [String: Int] = [:]
        for (seconds, observation) in kept {
            let key = "\(seconds) \(observation.flags.sorted().map(\.key).joined(separator: ","))"
            if let position = index[key], entries[position].values[observation.analyte] == nil {
                entries[position].values[observation.analyte] = observation.quantity
                entries[position].millimoles[observation.analyte] = observation.millimolesPerLitre
                entries[position].sources.append(observation.source)
                continue
            }
            index[key] = entries.count
            entries.append(LabEntry(seconds: seconds, values: [observation.analyte: observation.quantity],
                                    millimoles: [observation.analyte: observation.millimolesPerLitre],
                                    flags: observation.flags, sources: [observation.source]))
        }
        return LabEntries(anchor: anchor, entries: entries, displayOnly: display.sorted(by: order), issues: issues)
    }

    private static func order(_ a: (seconds: Int64, observation: LabObservation), _ b: (seconds: Int64, observation: LabObservation)) -> Bool {
        if a.seconds != b.seconds { return a.seconds < b.seconds }
        if a.observation.flags != b.observation.flags {
            return a.observation.flags.sorted().map(\.key).joined() < b.observation.flags.sorted().map(\.key).joined()
        }
        if a.observation.analyte != b.observation.analyte { return a.observation.analyte < b.observation.analyte }
        return (a.observation.source.file, a.observation.source.line ?? 0, "\(a.observation.source.path)")
            < (b.observation.source.file, b.observation.source.line ?? 0, "\(b.observation.source.path)")
    }
}

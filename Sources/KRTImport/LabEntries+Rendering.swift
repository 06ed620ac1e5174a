import Foundation
import KRTInput
import KRTUnits

extension LabEntries {
    /// The `labs:` block for a case: warnings first (as comments), then one flow entry per line, each with
    /// the results it came from; ionised calcium listed after it as comments (display only).
    public func yaml(header: String? = nil) -> String {
        var lines: [String] = []
        if let header { lines.append("# \(header)") }
        lines.append("# times in hours from start: \(anchor)")
        for (file, issue) in issues { lines.append("# warning: \(file): \(issue.description.replacingOccurrences(of: "warning: ", with: ""))") }
        lines.append("labs:")
        for entry in entries {
            lines.append("  - \(entry.flowText)  # \(Self.sourceText(entry.sources))")
        }
        if !displayOnly.isEmpty {
            lines.append("# ionised calcium (display only; not used by the planner):")
            for (seconds, observation) in displayOnly {
                let at = LabEntry(seconds: seconds, values: [:], millimoles: [:], flags: [], sources: []).atText
                lines.append("#   at \(at): \(observation.quantity) (\(observation.source))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `results.json entry[3] (id k1), entry[4]; labs.csv line 7`.
    static func sourceText(_ sources: [LabSource]) -> String {
        var byFile: [(file: String, places: [String])] = []
        for source in sources {
            if let index = byFile.firstIndex(where: { $0.file == source.file }) { byFile[index].places.append(source.place) } else {
                byFile.append((source.file, [source.place]))
            }
        }
        return byFile.map { "\(($0.file as NSString).lastPathComponent) \($0.places.joined(separator: ", "))" }.joined(separator: "; ")
    }

    /// The same content as JSON, every number with its unit; sorted keys (byte-identical for the same input).
    public func json() throws -> String {
        struct Value: Encodable { let value: Double; let unit: String }
        struct Lab: Encodable {
            let at: Value
            let values: [String: Value]
            let millimolesPerLitre: [String: Value]
            let flags: [String]
            let sources: [String]
        }
        struct Display: Encodable { let at: Value; let analyte: String; let value: Value; let source: String }
        struct Issue: Encodable { let file: String; let path: String; let line: Int?; let message: String }
        struct Document: Encodable {
            let anchor: String
            let labs: [Lab]
            let displayOnly: [Display]
            let warnings: [Issue]
        }
        let labs = entries.map { entry in
            Lab(at: Value(value: entry.hours, unit: "h"),
                values: Dictionary(uniqueKeysWithValues: entry.values.map { ($0.key.rawValue, Value(value: $0.value.value, unit: $0.value.unit.symbol)) }),
                millimolesPerLitre: Dictionary(uniqueKeysWithValues: entry.millimoles.map { ($0.key.rawValue, Value(value: $0.value, unit: "mmol/L")) }),
                flags: entry.flags.sorted().map(\.key), sources: entry.sources.map(\.description))
        }
        let display = displayOnly.map { item in
            Display(at: Value(value: Double(item.seconds) / 3600, unit: "h"), analyte: item.observation.analyte.rawValue,
                    value: Value(value: item.observation.quantity.value, unit: item.observation.quantity.unit.symbol),
                    source: item.observation.source.description)
        }
        let warnings = issues.map { Issue(file: $0.file, path: "\($0.issue.path)", line: $0.issue.line, message: $0.issue.message) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let data = try encoder.encode(Document(anchor: anchor.description, labs: labs, displayOnly: display, warnings: warnings))
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

import Foundation
import KRTImport
import KRTInput

extension LabsMerge {
    /// The case text with `entries` added to its `labs:` list, everything else untouched (comments included).
    ///
    /// A block list (`labs:` then `  - {…}` lines) gets the new lines after its last entry, in its indentation.
    /// A flow list (`labs: [{…}, {…}]`) or a missing one is rewritten as a block list: its entries are written
    /// out from the parsed values (comments inside that list are not kept). `start` is added above `labs:` when
    /// the case has none.
    static func mergedText(_ text: String, document: YAMLDocument, entries: [LabEntry], comment: String, start: String?) -> String {
        var lines = text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        let newLines = { (indent: String) in entries.map { "\(indent)- \($0.flowText)  # \(comment)" } }
        guard case let .mapping(rootEntries, _) = document.root else { return text }
        let labs = rootEntries.first { $0.key == "labs" }
        let startLines = start.map { ["start: \($0)"] } ?? []
        guard let labs, let keyLine = labs.keyLine else {
            return (lines + startLines + ["labs:"] + newLines("  ")).joined(separator: "\n") + "\n"
        }
        let nextKeyLine = rootEntries.compactMap(\.keyLine).filter { $0 > keyLine }.min() ?? (lines.count + 1)
        // The last line of the labs block that holds content (not blank, not a comment).
        var last = keyLine
        for number in keyLine..<nextKeyLine where number <= lines.count {
            let trimmed = lines[number - 1].trimmingCharacters(in: .whitespaces)
            if !trimmed.isEmpty, !trimmed.hasPrefix("#") { last = number }
        }
        if case let .sequence(items, _) = labs.value, let firstLine = items.first?.line, firstLine > keyLine,
           let dash = lines[firstLine - 1].firstIndex(of: "-") {
            let indent = String(lines[firstLine - 1][..<dash])
            lines.insert(contentsOf: newLines(indent), at: last)
            lines.insert(contentsOf: startLines, at: keyLine - 1)
            return lines.joined(separator: "\n") + "\n"
        }
        // A flow list or an empty one: rewrite the block.
        var existing: [String] = []
        if case let .sequence(items, _) = labs.value {
            existing = items.map { "  - \(flow($0))" }
        }
        lines.replaceSubrange((keyLine - 1)..<last, with: startLines + ["labs:"] + existing + newLines("  "))
        return lines.joined(separator: "\n") + "\n"
    }

    /// A parsed value written back as flow YAML (`{at: -6 h, potassium: 3.4 mmol/L}`).
    private static func flow(_ node: InputNode) -> String {
        switch node {
        case let .scalar(text, _):
            let plain = text.range(of: #"^[-A-Za-z0-9µμ. _/%+]+$"#, options: .regularExpression) != nil && !text.hasPrefix("- ")
            return plain ? text : "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        case let .mapping(entries, _):
            return "{" + entries.map { "\($0.key): \(flow($0.value))" }.joined(separator: ", ") + "}"
        case let .sequence(items, _):
            return "[" + items.map(flow).joined(separator: ", ") + "]"
        }
    }
}

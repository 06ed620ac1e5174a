import KRTInput

/// A canonical text of a parsed data file, for the catalog hash: mapping keys sorted, scalars as
/// JSON strings, lists in order. Comments, quoting style, indentation and key order do not change
/// it; any change to a key or a value's text does.
enum CanonicalText {
    static func of(_ node: InputNode) -> String {
        var text = ""
        write(node, into: &text)
        return text
    }

    private static func write(_ node: InputNode, into text: inout String) {
        switch node {
        case let .scalar(value, _):
            quote(value, into: &text)
        case let .mapping(entries, _):
            text += "{"
            for (index, entry) in entries.sorted(by: { $0.key < $1.key }).enumerated() {
                if index > 0 { text += "," }
                quote(entry.key, into: &text)
                text += ":"
                write(entry.value, into: &text)
            }
            text += "}"
        case let .sequence(items, _):
            text += "["
            for (index, item) in items.enumerated() {
                if index > 0 { text += "," }
                write(item, into: &text)
            }
            text += "]"
        }
    }

    private static func quote(_ value: String, into text: inout String) {
        text += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\t": text += "\\t"
            case "\r": text += "\\r"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    text.unicodeScalars.append(scalar)
                }
            }
        }
        text += "\""
    }
}

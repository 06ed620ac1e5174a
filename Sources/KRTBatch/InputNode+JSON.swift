import Foundation
import KRTInput

extension InputNode {
    /// The node as compact JSON text: scalars as JSON strings (the case reader reads `"35 mL/kg/h"` and
    /// `35 mL/kg/h` alike), mappings in their written key order. Used to hand a JSON Lines value back
    /// to the YAML reader (`set` values, inline cases) through the one override mechanism.
    public var jsonText: String {
        switch self {
        case let .scalar(text, _): return Self.quoted(text)
        case let .sequence(items, _): return "[" + items.map(\.jsonText).joined(separator: ",") + "]"
        case let .mapping(entries, _):
            return "{" + entries.map { Self.quoted($0.key) + ":" + $0.value.jsonText }.joined(separator: ",") + "}"
        }
    }

    /// A JSON string literal (quotes, backslashes and control characters escaped).
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}

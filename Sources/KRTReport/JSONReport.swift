import KRTPlanner

extension PlanReport {
    /// The result as canonical JSON (see ``CanonicalJSON``): the `Codable` shape of ``PlanResult``, so
    /// `JSONDecoder` reads it back (numbers rounded by the documented rule).
    public static func json(_ result: PlanResult) throws(ReportError) -> String {
        try CanonicalJSON.string(result)
    }
}

/// Deterministic JSON: equal values give byte-identical text on every platform.
///
/// Rules (also in docs/report.md):
/// - object keys sorted by their UTF-8 bytes; every key present (`nil` is written as `null`);
/// - two-space indentation; arrays of only numbers, booleans and nulls stay on one line; `": "` after keys;
///   a trailing newline;
/// - integers exactly; doubles by ``NumberFormat/canonical(_:)`` (6 significant digits, no finer than
///   10⁻⁹, no exponent below 10¹⁵, never `-0`); non-finite doubles as the strings `"NaN"`, `"Infinity"`,
///   `"-Infinity"` (`JSONDecoder`'s `.convertFromString` strategy reads them);
/// - strings in Unicode NFC, escaping `"`, `\`, and control characters (`\n`, `\t`, … or `\u00XX`);
///   U+2028 and U+2029 are escaped too; everything else is written as UTF-8.
public enum CanonicalJSON {
    /// How object keys are spelled.
    public enum KeyStyle: Sendable {
        /// As the `Encodable` conformance gives them (the result types name units in their keys).
        case asDeclared
        /// `camelCase` keys written `snake_case` (`finalVolumeMillilitres` → `final_volume_millilitres`),
        /// by the rule of Foundation's `.convertToSnakeCase` (`check --format json`).
        case snakeCase
    }

    /// The canonical JSON text of any `Encodable` value.
    public static func string(_ value: some Encodable, keys: KeyStyle = .asDeclared) throws(ReportError) -> String {
        let tree: JSONValue
        do {
            tree = try JSONTreeEncoder.tree(of: value)
        } catch {
            throw ReportError("could not encode the result as JSON: \(error)")
        }
        return write(keys == .snakeCase ? snakeCased(tree) : tree)
    }

    static func snakeCased(_ value: JSONValue) -> JSONValue {
        switch value {
        case .array(let items): .array(items.map(snakeCased))
        case .object(let members):
            .object(Dictionary(members.map { (snakeCase($0.key), snakeCased($0.value)) }, uniquingKeysWith: { first, _ in first }))
        default: value
        }
    }

    /// `catalogSha256` → `catalog_sha256`, `kFree` → `k_free`: an underscore before each upper-case letter
    /// that follows a lower-case letter or digit, or that starts a word after an acronym; all lower case.
    static func snakeCase(_ key: String) -> String {
        let characters = Array(key)
        var out = ""
        for (index, character) in characters.enumerated() {
            if character.isUppercase, index > 0 {
                let previous = characters[index - 1]
                let next = index + 1 < characters.count ? characters[index + 1] : nil
                if previous.isLowercase || previous.isNumber || (previous.isUppercase && next?.isLowercase == true) { out += "_" }
            }
            out += character.lowercased()
        }
        return out
    }

    static func write(_ value: JSONValue) -> String {
        var out = ""
        write(value, indent: 0, into: &out)
        return out + "\n"
    }

    private static func write(_ value: JSONValue, indent: Int, into out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let flag): out += flag ? "true" : "false"
        case .integer(let text): out += text
        case .number(let number): out += numberText(number)
        case .string(let text): out += quoted(text)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            if items.allSatisfy(\.isInlineScalar) {
                out += "["
                for (index, item) in items.enumerated() {
                    if index > 0 { out += ", " }
                    write(item, indent: indent, into: &out)
                }
                out += "]"
                return
            }
            out += "[\n"
            for (index, item) in items.enumerated() {
                out += spaces(indent + 1)
                write(item, indent: indent + 1, into: &out)
                out += index == items.count - 1 ? "\n" : ",\n"
            }
            out += spaces(indent) + "]"
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            let keys = members.keys.map(TextClean.nfc).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            let normalised = Dictionary(members.map { (TextClean.nfc($0.key), $0.value) }, uniquingKeysWith: { first, _ in first })
            out += "{\n"
            for (index, key) in keys.enumerated() {
                out += spaces(indent + 1) + quoted(key) + ": "
                write(normalised[key] ?? .null, indent: indent + 1, into: &out)
                out += index == keys.count - 1 ? "\n" : ",\n"
            }
            out += spaces(indent) + "}"
        }
    }

    /// A double by the canonical rule, or a quoted name when it is not finite.
    static func numberText(_ number: Double) -> String {
        NumberFormat.canonical(number) ?? quoted(NumberFormat.nonFinite(number))
    }

    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in TextClean.nfc(text).unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16, uppercase: false)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    private static func spaces(_ level: Int) -> String { String(repeating: "  ", count: level) }
}

extension JSONValue {
    /// Numbers, booleans and null: arrays of only these are written on one line (trajectories stay short).
    var isInlineScalar: Bool {
        switch self {
        case .null, .bool, .integer, .number: true
        case .string, .array, .object: false
        }
    }
}

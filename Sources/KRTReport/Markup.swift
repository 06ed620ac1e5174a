/// Writes HTML and inline SVG with every text and attribute value escaped.
///
/// Attributes are written in key order (dictionary order varies between runs), one element per line,
/// so equal input gives byte-identical markup. Text passes through ``TextClean/printable(_:)`` first:
/// control characters are not allowed in HTML.
struct MarkupWriter {
    private(set) var text = ""

    mutating func open(_ name: String, _ attributes: [String: String] = [:]) {
        text += "<\(name)\(Self.attributes(attributes))>\n"
    }

    mutating func close(_ name: String) { text += "</\(name)>\n" }

    /// `<name …>text</name>`, or `<name …/>` without text (SVG shapes, HTML void elements).
    mutating func element(_ name: String, _ attributes: [String: String] = [:], text content: String? = nil) {
        if let content {
            text += "<\(name)\(Self.attributes(attributes))>\(Self.escape(content))</\(name)>\n"
        } else {
            text += "<\(name)\(Self.attributes(attributes))/>\n"
        }
    }

    /// `<name …>` + already-escaped markup + `</name>` (for cells mixing text and small tags).
    mutating func element(_ name: String, _ attributes: [String: String] = [:], markup: String) {
        text += "<\(name)\(Self.attributes(attributes))>\(markup)</\(name)>\n"
    }

    /// Markup built by another writer or a fixed, trusted constant.
    mutating func raw(_ markup: String) { text += markup }

    /// Escapes `&`, `<`, `>`, `"` and `'`, after removing control characters.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in TextClean.printable(text) {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    private static func attributes(_ attributes: [String: String]) -> String {
        attributes.keys.sorted().map { " \($0)=\"\(escape(attributes[$0] ?? ""))\"" }.joined()
    }
}

/// Strict reading of a field path typed by a person (`--set`, `--variant`): every part must be a name or a
/// whole-number index, so a typo is refused instead of silently meaning another field.
extension FieldPath {
    /// Largest list index accepted; no list in a krtplan file can be longer (``InputLimits/maxNodes``).
    public static let largestIndex = 99_999

    /// Parses `therapy.replacement[0].flow`, refusing empty parts (`patient..weight`), indices that are not
    /// whole numbers (`labs[0.5]`, `labs[ 0 ]`, `labs[-1]`), absurd indices and unbalanced brackets.
    /// - Throws: a usage error (64) naming the path and the part that is wrong.
    public init(strictlyParsing text: String) throws(InputError) {
        func refuse(_ message: String) -> InputError {
            InputError(.usage, source: nil, value: text, message: "field path '\(TextElision.value(text))': \(message)")
        }
        guard !text.isEmpty else { throw refuse("is empty; expected a field such as patient.weight") }
        var components: [Component] = []
        for (position, part) in Self.parts(of: text).enumerated() {
            guard !part.isEmpty else {
                let problem = position == 0 ? "starts with '.'" : "has an empty name (two '.' in a row, or a '.' at the end)"
                throw refuse("\(problem); expected names joined by single dots, e.g. patient.weight")
            }
            guard let open = part.firstIndex(of: "[") else {
                guard !part.contains("]") else { throw refuse("']' without '['; expected an index such as labs[0]") }
                components.append(.key(try Self.key(part, refuse)))
                continue
            }
            let name = part[..<open]
            guard !name.isEmpty else { throw refuse("an index '[' with no list name before it; expected e.g. labs[0]") }
            components.append(.key(try Self.key(name, refuse)))
            var rest = part[open...]
            while !rest.isEmpty {
                guard rest.first == "[", let close = rest.firstIndex(of: "]") else {
                    throw refuse("'\(TextElision.value(String(rest)))' is not an index; expected [N] with a whole number N, e.g. labs[0]")
                }
                let inside = rest[rest.index(after: rest.startIndex)..<close]
                components.append(.index(try Self.index(inside, list: String(name), refuse)))
                rest = rest[rest.index(after: close)...]
            }
        }
        self.init(components)
    }

    /// `text` split at the dots outside brackets (`labs[0.5]` stays one part, so its index is reported).
    private static func parts(of text: String) -> [Substring] {
        var parts: [Substring] = []
        var start = text.startIndex
        var depth = 0
        for index in text.indices {
            switch text[index] {
            case "[": depth += 1
            case "]": depth = max(0, depth - 1)
            case "." where depth == 0:
                parts.append(text[start..<index])
                start = text.index(after: index)
            default: break
            }
        }
        parts.append(text[start...])
        return parts
    }

    private static func key(_ name: Substring, _ refuse: (String) -> InputError) throws(InputError) -> String {
        if name.first?.isWhitespace == true || name.last?.isWhitespace == true {
            throw refuse("'\(TextElision.value(String(name)))' has spaces around it; expected a field name such as weight")
        }
        return String(name)
    }

    private static func index(_ text: Substring, list: String, _ refuse: (String) -> InputError) throws(InputError) -> Int {
        let shown = TextElision.value(String(text))
        if text.isEmpty { throw refuse("'\(list)[]' has no index; expected a whole number, e.g. \(list)[0]") }
        if text.contains(where: \.isWhitespace) {
            throw refuse("'[\(shown)]' has spaces inside the brackets; write \(list)[\(text.filter { !$0.isWhitespace })]")
        }
        if text.hasPrefix("-") { throw refuse("'[\(shown)]' is negative; list indices start at 0, e.g. \(list)[0]") }
        guard text.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw refuse("'[\(shown)]' is not a list index; expected a whole number from 0, e.g. \(list)[0]")
        }
        guard text.count <= 6, let value = Int(text), value <= largestIndex else {
            throw refuse("'[\(shown)]' is too large; no list in a krtplan file has more than \(largestIndex + 1) entries")
        }
        return value
    }
}

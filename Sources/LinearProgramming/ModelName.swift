/// The rules for names of programs, objectives, variables and constraints.
///
/// Names are the audit vocabulary: they appear in reports and in exported CPLEX LP and
/// MPS files, which must read back unchanged (GLPK silently rewrites names it considers
/// unsafe for LP format). So a name must
/// - be non-empty and at most 255 bytes of UTF-8 (GLPK's limit; longer names abort it);
/// - use only `A–Z a–z 0–9 _ .` (no spaces, no control characters, no non-ASCII);
/// - not start with a digit or a dot (LP format would read a number);
/// - not be an LP-format keyword (case-insensitive: `min`, `maximize`, `st`, `subject`,
///   `bounds`, `free`, `inf`, `infinity`, `integer`, `general`, `binary`, `end`, …) and
///   not `R0000000` (the name GLPK's MPS writer gives the objective row).
///
/// ``sanitized(_:)`` turns any text into a valid name.
public enum ModelName {
    /// Longest allowed name, in bytes of UTF-8.
    public static let maximumBytes = 255

    /// Why a name is not allowed (besides being empty or too long).
    public enum Problem: Sendable, Hashable {
        /// Contains a control character (U+0000–U+001F, U+007F).
        case controlCharacter
        /// Contains a character outside `A–Z a–z 0–9 _ .`.
        case disallowedCharacter(Character)
        /// Starts with a digit or a dot.
        case badFirstCharacter
        /// Is an LP-format keyword or a name GLPK reserves.
        case reservedWord

        var message: String {
            switch self {
            case .controlCharacter: "contains a control character"
            case .disallowedCharacter(let c): "contains '\(c)'; allowed are A-Z a-z 0-9 _ ."
            case .badFirstCharacter: "starts with a digit or '.'"
            case .reservedWord: "is a reserved word of the CPLEX LP or MPS format"
            }
        }
    }

    static let reservedWords: Set<String> = [
        "min", "minimize", "minimise", "minimum", "max", "maximize", "maximise", "maximum",
        "st", "s.t.", "st.", "subject", "such", "bound", "bounds", "free", "inf", "infinity",
        "int", "integer", "integers", "gen", "general", "generals", "bin", "binary", "binaries",
        "end", "r0000000",
    ]

    /// The issues of `name` (empty when it is valid).
    static func issues(of name: String) -> [ModelIssue.Kind] {
        guard !name.isEmpty else { return [.emptyName] }
        var issues: [ModelIssue.Kind] = []
        let bytes = name.utf8.count
        if bytes > maximumBytes { issues.append(.nameTooLong(name, bytes: bytes)) }
        if let problem = problem(of: name) { issues.append(.invalidName(name, problem)) }
        return issues
    }

    private static func problem(of name: String) -> Problem? {
        if name.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) { return .controlCharacter }
        if let bad = name.first(where: { !isAllowed($0) }) { return .disallowedCharacter(bad) }
        if let first = name.utf8.first, first == UInt8(ascii: ".") || isDigit(first) { return .badFirstCharacter }
        if reservedWords.contains(name.lowercased()) { return .reservedWord }
        return nil
    }

    private static func isAllowed(_ c: Character) -> Bool {
        guard c.isASCII, let byte = c.asciiValue else { return false }
        return isDigit(byte) || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// A valid name made from arbitrary text: disallowed characters become `_`, a
    /// leading digit/dot, an empty result or a reserved word gets a `_` prefix, and the
    /// result is cut to ``maximumBytes``. Distinct inputs may map to the same name.
    public static func sanitized(_ raw: String) -> String {
        var name = String(raw.map { isAllowed($0) ? $0 : "_" })
        if let first = name.utf8.first, first == UInt8(ascii: ".") || isDigit(first) { name = "_" + name }
        if name.isEmpty || reservedWords.contains(name.lowercased()) { name = "_" + name }
        return String(name.prefix(maximumBytes)) // ASCII only: characters are bytes
    }
}

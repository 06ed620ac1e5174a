/// Shortening of long values for messages: a hostile 120 KB case name must not be echoed whole.
///
/// Values are quoted with at most ``valueLimit`` characters, the middle replaced by `…` so both ends stay
/// readable; a whole message line is kept under ``lineLimit`` characters (docs/cli.md#bad-input).
public enum TextElision {
    /// Most characters of one value quoted in a message.
    public static let valueLimit = 80
    /// Most characters of one message line.
    public static let lineLimit = 1_000

    /// `text` when it has at most `limit` characters; else its start, `…`, its end, and the length,
    /// e.g. `aaaa…zzzz (120000 characters)`.
    public static func value(_ text: String, limit: Int = valueLimit) -> String {
        guard text.count > limit else { return text }
        let keep = max(2, (limit - 1) / 2)
        return "\(text.prefix(keep))…\(text.suffix(keep)) (\(text.count) characters)"
    }

    /// A message line shortened in the middle when it is longer than ``lineLimit``.
    public static func line(_ text: String) -> String {
        guard text.count > lineLimit else { return text }
        let keep = lineLimit / 2 - 20
        return "\(text.prefix(keep)) … [\(text.count - 2 * keep) characters left out] … \(text.suffix(keep))"
    }
}

import Foundation
import KRTInput

/// The case's absolute anchor: the clock time of 0 h, with an explicit UTC offset.
public struct CaseStart: Sendable, Hashable {
    /// As written, e.g. `2026-12-01T08:00:00+01:00`.
    public var text: String
    public var date: Date
}

extension CaseReader {
    /// `start: 2026-12-01T08:00:00+01:00` (ISO 8601 with seconds and an offset or `Z`); optional.
    static func readStart(_ field: Field) -> CaseStart? {
        guard field.isPresent, let text = field.string(expected: "a date and time with a UTC offset, e.g. 2026-12-01T08:00:00+01:00") else { return nil }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        guard let date = formatter.date(from: text.trimmingWhitespace) else {
            field.error(value: text, "start '\(text)' is not a date and time with a UTC offset; expected e.g. 2026-12-01T08:00:00+01:00 (an offset, not a zone name: the offset says which instant is meant across a daylight-saving change)")
            return nil
        }
        return CaseStart(text: text.trimmingWhitespace, date: date)
    }
}

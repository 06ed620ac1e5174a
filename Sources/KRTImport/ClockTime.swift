import Foundation

/// An absolute clock time read from an export: the instant, and the UTC offset it was written with
/// (kept so that exported times are written in the case's own offset).
public struct ClockTime: Sendable, Hashable, CustomStringConvertible {
    public let date: Date
    /// Seconds east of UTC.
    public let offset: Int

    public init(date: Date, offset: Int) {
        self.date = date
        self.offset = offset
    }

    /// Why a clock time could not be read; the message names the text and what was expected.
    public struct Problem: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// Reads `2026-12-01T08:00:00+01:00` (also `Z`, `+0100`, fractional seconds, a space instead of `T`,
    /// no seconds). A time without an offset is read in `timeZone`; without one it is refused. Local times
    /// that do not exist (the hour skipped when clocks go forward) or occur twice (the hour repeated when
    /// they go back) are refused: only an explicit offset says which instant is meant.
    public static func parse(_ raw: String, timeZone: TimeZone? = nil) throws(Problem) -> ClockTime {
        let text = raw.trimmingCharacters(in: .whitespaces)
        guard let parts = split(text) else {
            throw Problem(description: "'\(raw)' is not a date and time; expected e.g. 2026-12-01T08:00:00+01:00")
        }
        guard let local = utcReading(date: parts.date, time: parts.time) else {
            throw Problem(description: "'\(raw)' is not a valid date and time; expected e.g. 2026-12-01T08:00:00+01:00")
        }
        if let zone = parts.zone {
            guard let offset = offsetSeconds(zone) else {
                throw Problem(description: "'\(raw)' has an unreadable UTC offset '\(zone)'; expected Z or ±hh:mm")
            }
            // Foundation's ISO 8601 reader confirms the text with its explicit offset.
            let iso = "\(parts.date)T\(parts.time.count == 5 ? parts.time + ":00" : parts.time)\(zone == "z" ? "Z" : zone)"
            guard let date = isoReader(fractional: iso.contains(".")).date(from: iso) else {
                throw Problem(description: "'\(raw)' is not a valid date and time; expected e.g. 2026-12-01T08:00:00+01:00")
            }
            return ClockTime(date: date, offset: offset)
        }
        guard let timeZone else {
            throw Problem(description: "'\(raw)' has no UTC offset; write it with one (e.g. \(parts.date)T\(parts.time)+01:00) or pass --timezone (e.g. --timezone Europe/Berlin)")
        }
        // The wall-clock reading as if it were UTC, shifted by every offset the zone uses around it.
        let candidates = Set([-26, 0, 26].map { timeZone.secondsFromGMT(for: local.addingTimeInterval(Double($0) * 3600)) })
        let valid = candidates.sorted().filter { offset in
            timeZone.secondsFromGMT(for: local.addingTimeInterval(-Double(offset))) == offset
        }
        if valid.isEmpty {
            throw Problem(description: "'\(raw)' does not exist in \(timeZone.identifier) (the clocks skip that hour); expected a time with an explicit UTC offset")
        }
        if valid.count > 1 {
            let readings = valid.sorted(by: >).map { format(local.addingTimeInterval(-Double($0)), offset: $0) }.joined(separator: " or ")
            throw Problem(description: "'\(raw)' happens twice in \(timeZone.identifier) (the clocks go back): \(readings); expected a time with an explicit UTC offset")
        }
        return ClockTime(date: local.addingTimeInterval(-Double(valid[0])), offset: valid[0])
    }

    /// `2026-12-01T08:00:00+01:00`.
    public var description: String { Self.format(date, offset: offset) }

    /// Hours from `anchor` to this time (negative before it).
    public func hours(since anchor: ClockTime) -> Double { date.timeIntervalSince(anchor.date) / 3600 }

    /// The time `hours` after this one, in this time's offset.
    public func adding(hours: Double) -> ClockTime {
        ClockTime(date: date.addingTimeInterval(hours * 3600), offset: offset)
    }

    public static func format(_ date: Date, offset: Int) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(secondsFromGMT: offset) ?? TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    // MARK: - Pieces

    private static func isoReader(fractional: Bool) -> ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = fractional ? [.withInternetDateTime, .withFractionalSeconds] : [.withInternetDateTime]
        return formatter
    }

    /// `YYYY-MM-DD`, `hh:mm[:ss[.f…]]`, and the zone text (`Z`, `+01:00`, `+0100`) when present.
    private static func split(_ text: String) -> (date: String, time: String, zone: String?)? {
        let scalars = Array(text)
        guard scalars.count >= 16, scalars[10] == "T" || scalars[10] == "t" || scalars[10] == " " else { return nil }
        let date = String(scalars[0..<10])
        var rest = String(scalars[11...]).trimmingCharacters(in: .whitespaces)
        var zone: String?
        if rest.hasSuffix("Z") || rest.hasSuffix("z") {
            zone = "Z"
            rest.removeLast()
        } else if let sign = rest.lastIndex(where: { $0 == "+" || $0 == "-" }) {
            zone = String(rest[sign...])
            rest = String(rest[..<sign])
        }
        rest = rest.trimmingCharacters(in: .whitespaces)
        let pattern = #"^\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?$"#
        guard date.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) != nil,
              rest.range(of: pattern, options: .regularExpression) != nil else { return nil }
        return (date, rest, zone)
    }

    private static func offsetSeconds(_ zone: String) -> Int? {
        if zone == "Z" { return 0 }
        let sign = zone.hasPrefix("-") ? -1 : 1
        let digits = zone.dropFirst().replacingOccurrences(of: ":", with: "")
        guard digits.count == 4, let hours = Int(digits.prefix(2)), let minutes = Int(digits.suffix(2)),
              hours <= 18, minutes < 60 else { return nil }
        return sign * (hours * 3600 + minutes * 60)
    }

    /// The date and time read as if in UTC (checks the calendar: 2026-02-30 is refused).
    private static func utcReading(date: String, time: String) -> Date? {
        let seconds = time.count == 5 ? time + ":00" : time
        guard let read = isoReader(fractional: seconds.contains(".")).date(from: "\(date)T\(seconds)Z") else { return nil }
        // The reader rolls 2026-02-30 over to March: refuse a reading that does not give back the same fields.
        return format(read, offset: 0).hasPrefix("\(date)T\(seconds.prefix(8))") ? read : nil
    }
}

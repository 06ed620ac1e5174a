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
        if let canonical = parseCanonical(raw) { return canonical }
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
            return ClockTime(date: local.addingTimeInterval(-Double(offset)), offset: offset)
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

    /// `2026-12-01T08:00:00+01:00` (whole seconds; `Z` for offset 0), in proleptic Gregorian calendar
    /// arithmetic: no formatter per call (10,000 imported results format and parse in milliseconds).
    public static func format(_ date: Date, offset: Int) -> String {
        let local = Int((date.timeIntervalSince1970 + Double(offset)).rounded(.down))
        let days = local >= 0 ? local / 86_400 : -((-local + 86_399) / 86_400)
        let seconds = local - days * 86_400
        let (year, month, day) = civil(fromDays: days)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let zone: String
        if offset == 0 { zone = "Z" } else {
            let minutes = abs(offset) / 60
            zone = (offset < 0 ? "-" : "+") + two(minutes / 60) + ":" + two(minutes % 60)
        }
        let yearText = String(repeating: "0", count: max(0, 4 - String(year).count)) + String(year)
        return "\(yearText)-\(two(month))-\(two(day))T\(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60))\(zone)"
    }

    // MARK: - Pieces

    /// The common exact form `2026-12-01T08:00:00+01:00` (or `…Z`) read straight from its bytes, giving the
    /// same instant and offset as the general reader; `nil` for anything else (other forms, and every invalid
    /// text, which the general reader then reads or refuses with its message).
    private static func parseCanonical(_ raw: String) -> ClockTime? {
        var raw = raw
        return raw.withUTF8 { bytes -> ClockTime? in
            guard bytes.count == 20 || bytes.count == 25, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
                  bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":") else { return nil }
            func number(_ start: Int, _ count: Int) -> Int? {
                var value = 0
                for index in start..<(start + count) {
                    let digit = Int(bytes[index]) - 48
                    guard (0...9).contains(digit) else { return nil }
                    value = value * 10 + digit
                }
                return value
            }
            guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2), let hour = number(11, 2),
                  let minute = number(14, 2), let second = number(17, 2) else { return nil }
            let offset: Int
            if bytes.count == 20 {
                guard bytes[19] == UInt8(ascii: "Z") else { return nil }
                offset = 0
            } else {
                let sign = bytes[19]
                guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"), bytes[22] == UInt8(ascii: ":"),
                      let hours = number(20, 2), let minutes = number(23, 2), hours <= 18, minutes < 60 else { return nil }
                offset = (sign == UInt8(ascii: "-") ? -1 : 1) * (hours * 3600 + minutes * 60)
            }
            let monthDays = month == 2 ? (isLeap(year) ? 29 : 28) : (month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31)
            guard (1...12).contains(month), (1...monthDays).contains(day), hour < 24, minute < 60, second < 60 else { return nil }
            let total = days(fromCivil: year, month, day) * 86_400 + hour * 3600 + minute * 60 + second
            let local = Date(timeIntervalSince1970: Double(total) + 0)
            return ClockTime(date: local.addingTimeInterval(-Double(offset)), offset: offset)
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
    private static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The proleptic Gregorian date of a day count since 1970-01-01 (`civil_from_days`).
    private static func civil(fromDays count: Int) -> (year: Int, month: Int, day: Int) {
        let z = count + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

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
        guard matches(date, "dddd-dd-dd"), matches(String(rest.prefix(5)), "dd:dd") else { return nil }
        let seconds = rest.dropFirst(5)
        if !seconds.isEmpty {
            guard matches(String(seconds.prefix(3)), ":dd") else { return nil }
            let fraction = seconds.dropFirst(3)
            if !fraction.isEmpty {
                guard fraction.first == ".", (2...10).contains(fraction.count),
                      fraction.dropFirst().allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            }
        }
        return (date, rest, zone)
    }

    /// Whether `text` has `pattern`'s shape: `d` an ASCII digit, any other character itself.
    private static func matches(_ text: String, _ pattern: String) -> Bool {
        text.count == pattern.count && zip(text, pattern).allSatisfy { character, shape in
            shape == "d" ? (character.isASCII && character.isNumber) : character == shape
        }
    }

    private static func offsetSeconds(_ zone: String) -> Int? {
        if zone == "Z" { return 0 }
        let sign = zone.hasPrefix("-") ? -1 : 1
        let digits = zone.dropFirst().replacingOccurrences(of: ":", with: "")
        guard digits.count == 4, let hours = Int(digits.prefix(2)), let minutes = Int(digits.suffix(2)),
              hours <= 18, minutes < 60 else { return nil }
        return sign * (hours * 3600 + minutes * 60)
    }

    /// The date and time read as if in UTC (checks the calendar: 2026-02-30 and 24:00 are refused).
    /// `date` is `dddd-dd-dd` and `time` `dd:dd[:dd[.f…]]` (checked by ``split(_:)``).
    private static func utcReading(date: String, time: String) -> Date? {
        func number(_ text: Substring) -> Int? { Int(text) }
        let d = Array(date), t = Array(time)
        guard let year = number(Substring(String(d[0..<4]))), let month = number(Substring(String(d[5..<7]))),
              let day = number(Substring(String(d[8..<10]))), let hour = number(Substring(String(t[0..<2]))),
              let minute = number(Substring(String(t[3..<5]))) else { return nil }
        let second = t.count >= 8 ? number(Substring(String(t[6..<8]))) ?? 99 : 0
        let fraction = t.count > 9 ? Double("0" + String(t[8...])) ?? 0 : 0
        let monthDays = [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1...12).contains(month), (1...monthDays[month - 1]).contains(day), hour < 24, minute < 60, second < 60 else {
            return nil
        }
        let total = days(fromCivil: year, month, day) * 86_400 + hour * 3600 + minute * 60 + second
        return Date(timeIntervalSince1970: Double(total) + fraction)
    }
}

import Foundation
import KRTPlanner

/// Binding limits that differ only in their time (`… at 9 h`, `… at 14 h`) with the same effect and
/// shadow price, merged into one, the times in order; groups ordered by their first time.
struct BindingGroup {
    /// The description with all the times: `K hard lower bound 3 mmol/L at 9, 14 and 23 h`.
    var description: String
    var effect: String
    var shadowPrice: Double
    /// The times (h), ascending; empty when the description names none.
    var times: [Double]

    static func groups(_ items: [BindingLimit]) -> [BindingGroup] {
        var keys: [String] = []
        var found: [String: (parts: (before: String, after: String)?, item: BindingLimit, times: [Double])] = [:]
        for item in items {
            let split = timeSplit(item.description)
            let key = [split.map { "\($0.before)\u{1F}\($0.after)" } ?? item.description, item.effect,
                       NumberFormat.significant(item.shadowPrice, digits: 3)].joined(separator: "\u{1E}")
            if found[key] == nil {
                keys.append(key)
                found[key] = (split.map { ($0.before, $0.after) }, item, [])
            }
            if let time = split?.time { found[key]?.times.append(time) }
        }
        let groups = keys.compactMap { key -> BindingGroup? in
            guard let entry = found[key] else { return nil }
            let times = Array(Set(entry.times)).sorted()
            guard let parts = entry.parts, !times.isEmpty else {
                return BindingGroup(description: entry.item.description, effect: entry.item.effect,
                                    shadowPrice: entry.item.shadowPrice, times: [])
            }
            return BindingGroup(description: "\(parts.before) at \(list(times)) h\(parts.after)", effect: entry.item.effect,
                                shadowPrice: entry.item.shadowPrice, times: times)
        }
        return groups.enumerated().sorted { ($0.element.times.first ?? 0, $0.offset) < ($1.element.times.first ?? 0, $1.offset) }
            .map(\.element)
    }

    /// `9, 14 and 23`.
    static func list(_ times: [Double]) -> String {
        let words = times.map { NumberFormat.trimmed($0, maxDecimals: 2) }
        guard words.count > 1 else { return words.first ?? "" }
        return words.dropLast().joined(separator: ", ") + " and " + (words.last ?? "")
    }

    /// The last ` at NUMBER h` in a description: the text before and after it, and the number.
    static func timeSplit(_ text: String) -> (before: String, time: Double, after: String)? {
        var search = text.endIndex
        while let marker = text.range(of: " at ", options: .backwards, range: text.startIndex..<search) {
            let rest = text[marker.upperBound...]
            let number = rest.prefix { $0.isNumber || $0 == "." }
            if !number.isEmpty, let value = Double(number), rest.dropFirst(number.count).hasPrefix(" h") {
                let after = rest.dropFirst(number.count + 2)
                return (String(text[..<marker.lowerBound]), value, String(after))
            }
            search = marker.lowerBound
        }
        return nil
    }
}

import Foundation

/// The one number formatter every renderer uses (text, JSON, CSV, HTML, SVG).
///
/// Numbers are rounded in *decimal*, never with `printf`: a `Double` is first written as Swift's
/// shortest round-trip decimal (`description`, implemented by the Swift runtime itself and identical on
/// every platform), and those decimal digits are then rounded half away from zero at the requested
/// position. The result depends only on the value, never on the C library or the locale.
///
/// The canonical rule (JSON and CSV, see docs/report.md): round at the 6th significant digit but never
/// finer than 10⁻⁹ (so magnitudes below 5 × 10⁻¹⁰ become `0`), drop trailing zeros, write plain decimals
/// (no exponent) below 10¹⁵, and never write `-0`.
enum NumberFormat {
    /// Significant digits kept by the canonical rule.
    static let canonicalSignificantDigits = 6
    /// Finest decimal place kept by the canonical rule (10⁻⁹).
    static let canonicalFinestPlace = -9

    /// The canonical text of a finite number (see the type's documentation); `nil` when not finite.
    static func canonical(_ value: Double) -> String? {
        guard var digits = DecimalDigits(value) else { return nil }
        digits.round(atPlace: Swift.max(digits.leadingPlace - (canonicalSignificantDigits - 1), canonicalFinestPlace))
        return digits.text(minimumDecimals: 0)
    }

    /// Exactly `decimals` decimals, e.g. `fixed(3.1, decimals: 2)` → `3.10`. Non-finite values are spelled
    /// out (``nonFinite(_:)``) so they are never mistaken for a level.
    static func fixed(_ value: Double, decimals: Int) -> String {
        guard var digits = DecimalDigits(value) else { return nonFinite(value) }
        digits.round(atPlace: -decimals)
        return digits.text(minimumDecimals: decimals)
    }

    /// At most `decimals` decimals, trailing zeros dropped: `trimmed(6.0, maxDecimals: 2)` → `6`.
    static func trimmed(_ value: Double, maxDecimals: Int) -> String {
        guard var digits = DecimalDigits(value) else { return nonFinite(value) }
        digits.round(atPlace: -maxDecimals)
        return digits.text(minimumDecimals: 0)
    }

    /// `significant` significant digits, for small diagnostic numbers (residuals, differences): plain
    /// decimals down to 10⁻⁴, exponent form below (`2.1e-10`).
    static func significant(_ value: Double, digits significant: Int) -> String {
        guard var digits = DecimalDigits(value) else { return nonFinite(value) }
        digits.round(atPlace: digits.leadingPlace - (significant - 1))
        if digits.isZero || digits.leadingPlace >= -4 { return digits.text(minimumDecimals: 0) }
        return digits.exponentText()
    }

    /// A fraction as a percentage with the given decimals: `percent(0.9583, decimals: 0)` → `96 %`.
    static func percent(_ fraction: Double, decimals: Int = 0) -> String {
        "\(fixed(fraction * 100, decimals: decimals)) %"
    }

    /// A count with its noun, singular for one: `1 MILP`, `3 MILPs`, `1 order`. `plural` defaults to
    /// the noun + `s`.
    static func count(_ number: Int, _ noun: String, plural: String? = nil) -> String {
        "\(number) \(number == 1 ? noun : plural ?? noun + "s")"
    }

    /// Hours from the start: `6 h`, `12.5 h`.
    static func hours(_ value: Double) -> String { "\(trimmed(value, maxDecimals: 2)) h" }

    /// A period `0–24 h`.
    static func period(_ from: Double, _ to: Double) -> String {
        "\(trimmed(from, maxDecimals: 2))–\(trimmed(to, maxDecimals: 2)) h"
    }

    /// A concentration in mmol/L at report precision (2 decimals).
    static func level(_ value: Double) -> String { fixed(value, decimals: 2) }

    /// The one spelling of non-finite numbers in every format: `NaN`, `Infinity`, `-Infinity` (the names
    /// `JSONDecoder`'s `.convertFromString` strategy accepts).
    static func nonFinite(_ value: Double) -> String {
        value.isNaN ? "NaN" : (value > 0 ? "Infinity" : "-Infinity")
    }
}

/// A finite `Double`'s magnitude as decimal digits: the value is ±0.d₀d₁d₂… with digit *i* worth
/// 10^(leadingPlace − i). Built from Swift's shortest round-trip text, so it is platform-independent.
struct DecimalDigits {
    var negative: Bool
    /// Significant digits (0–9), no leading zeros; empty for zero.
    var digits: [UInt8]
    /// Power of ten of `digits[0]`.
    var leadingPlace: Int

    init?(_ value: Double) {
        guard value.isFinite else { return nil }
        negative = value < 0
        digits = []
        leadingPlace = 0
        let text = abs(value).description  // e.g. "0.30000000000000004", "1e-07", "1.2345678901234568e+17"
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        var integerDigitCount = 0
        var seenPoint = false
        var all: [UInt8] = []
        for character in mantissa {
            if character == "." { seenPoint = true; continue }
            guard let digit = character.wholeNumberValue else { continue }
            all.append(UInt8(digit))
            if !seenPoint { integerDigitCount += 1 }
        }
        guard let firstNonZero = all.firstIndex(where: { $0 != 0 }) else { return }
        let lastNonZero = all.lastIndex(where: { $0 != 0 }) ?? firstNonZero
        digits = Array(all[firstNonZero...lastNonZero])
        leadingPlace = integerDigitCount - 1 - firstNonZero + exponent
    }

    var isZero: Bool { digits.isEmpty }

    /// Rounds half away from zero, keeping only digits worth at least 10^place.
    mutating func round(atPlace place: Int) {
        guard !digits.isEmpty else { return }
        let keep = leadingPlace - place + 1
        if keep >= digits.count { return }
        if keep < 0 { digits = []; return }
        let roundUp = digits[keep] >= 5
        digits.removeSubrange(keep...)
        if roundUp {
            var index = keep - 1
            while index >= 0, digits[index] == 9 {
                digits[index] = 0
                index -= 1
            }
            if index >= 0 {
                digits[index] += 1
            } else {
                digits.insert(1, at: 0)
                leadingPlace += 1
            }
        }
        while let last = digits.last, last == 0 { digits.removeLast() }
    }

    /// Plain decimal text with at least `minimumDecimals` decimals; exponent form from 10¹⁵ up.
    func text(minimumDecimals: Int) -> String {
        if digits.isEmpty {
            return minimumDecimals > 0 ? "0." + String(repeating: "0", count: minimumDecimals) : "0"
        }
        if leadingPlace >= 15 { return exponentText() }
        var integerPart = ""
        var fractionPart = ""
        let lowestPlace = Swift.min(leadingPlace - (digits.count - 1), -minimumDecimals, 0)
        for place in stride(from: Swift.max(leadingPlace, 0), through: lowestPlace, by: -1) {
            let index = leadingPlace - place
            let digit = index >= 0 && index < digits.count ? digits[index] : 0
            if place >= 0 { integerPart.append(Character(String(digit))) } else { fractionPart.append(Character(String(digit))) }
        }
        let sign = negative ? "-" : ""
        return fractionPart.isEmpty ? sign + integerPart : sign + integerPart + "." + fractionPart
    }

    /// `d.ddde±x` form, e.g. `2.1e-10`, `1.23457e17`.
    func exponentText() -> String {
        guard let first = digits.first else { return "0" }
        var text = negative ? "-" : ""
        text += String(first)
        if digits.count > 1 { text += "." + digits.dropFirst().map(String.init).joined() }
        return text + "e\(leadingPlace)"
    }
}

/// Text clean-up shared by every renderer.
enum TextClean {
    /// Canonical composition (NFC): Swift compares strings by canonical equivalence, so two equal results
    /// may hold `é` as one or two scalars; normalising makes equal values render to identical bytes.
    static func nfc(_ text: String) -> String { text.precomposedStringWithCanonicalMapping }

    /// NFC text that is safe to print on a terminal or place in HTML: control characters (C0, DEL, C1,
    /// e.g. ANSI escape sequences smuggled in through a case file) become U+FFFD, and line breaks and
    /// tabs become spaces.
    static func printable(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in nfc(text).unicodeScalars {
            switch scalar.value {
            case 0x09, 0x0A, 0x0D: out.append(" ")
            case 0x00...0x1F, 0x7F...0x9F: out.append("\u{FFFD}")
            default: out.append(scalar)
            }
        }
        return String(out)
    }
}

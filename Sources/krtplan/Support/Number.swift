import KRTCatalog

/// Number formatting for output: JSON numbers are rounded to 4 decimals so the same input always
/// gives byte-identical JSON; text uses fixed or compact decimals.
enum Number {
    static func rounded(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }

    /// Up to `digits` decimals without trailing zeros: 140, 1.25, 0.6, 5.55.
    static func compact(_ value: Double, digits: Int = 2) -> String {
        var text = formatFixed(value, digits: digits)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }
}

import Foundation

/// What "within the published spread" means for one figure: the interval a model value must fall in, the
/// value it is compared with, and where the interval comes from. Never fitted: it is read from the figure
/// file (docs/validation.md, "How a figure is judged").
public struct Acceptance: Sendable, Hashable {
    public enum Origin: String, Sendable, Hashable {
        /// `readout.target` written as a range (`0.58–0.82`).
        case targetRange = "target range"
        /// `assumed_tolerance` of the figure file (an ASSUMPTION where the paper gives no usable spread).
        case assumedTolerance = "ASSUMPTION (figure file)"
        /// The published spread's low/high (SD, SE, IQR, range or CI as the paper gives it).
        case publishedSpread = "published spread"
        /// A bound stated in the readout itself (`must stay ≥ 0.81 mmol/L`).
        case readoutBound = "bound in the readout"
    }

    /// The value compared with (the readout's `target` when given, else the published value).
    public var reference: Double?
    public var low: Double
    public var high: Double
    public var origin: Origin

    public func contains(_ x: Double) -> Bool { x >= low - 1e-12 && x <= high + 1e-12 }

    /// σ for weighted least squares: half the interval's width (docs/validation.md). Nil when one-sided.
    public var sigma: Double? {
        guard low.isFinite, high.isFinite, high > low else { return nil }
        return (high - low) / 2
    }

    /// The value a fit aims at: the reference, else the interval's middle.
    public var centre: Double? { reference ?? (sigma != nil ? (low + high) / 2 : nil) }

    /// The interval for a figure and its first readout, in order of precedence: a target range, an
    /// applicable assumed tolerance, the published low/high, a bound written in the readout. Nil: none.
    public static func of(_ figure: Figure, readout: YAMLValue?) -> Acceptance? {
        let targetText = readout?["target"]?.text
        let target = targetText.flatMap { Double($0) }
        let reference = target ?? figure.value
        if let targetText, target == nil, let range = Self.range(in: targetText) {
            return Acceptance(reference: nil, low: range.0, high: range.1, origin: .targetRange)
        }
        if let text = figure.assumedTolerance, let (low, high) = Self.tolerance(text, around: reference, unit: figure.unit) {
            return Acceptance(reference: reference, low: low, high: high, origin: .assumedTolerance)
        }
        if target == nil, let low = figure.spreadLow, let high = figure.spreadHigh {
            return Acceptance(reference: reference, low: min(low, high), high: max(low, high), origin: .publishedSpread)
        }
        if let quantity = readout?["quantity"]?.text, let bound = Self.lowerBound(in: quantity) {
            return Acceptance(reference: nil, low: bound, high: .infinity, origin: .readoutBound)
        }
        return nil
    }

    /// Text with Unicode minus signs and dashes as ASCII.
    static func normalised(_ text: String) -> String {
        text.replacingOccurrences(of: "−", with: "-").replacingOccurrences(of: "–", with: "-")
    }

    /// `A–B` (two numbers) anywhere in the text.
    static func range(in text: String) -> (Double, Double)? {
        let t = normalised(text)
        guard let m = t.firstMatch(of: /(-?\d+(?:\.\d+)?)\s*-\s*(-?\d+(?:\.\d+)?)/),
              let a = Double(m.1), let b = Double(m.2) else { return nil }
        return (min(a, b), max(a, b))
    }

    /// `≥ X` in a readout's words.
    static func lowerBound(in text: String) -> Double? {
        guard let m = normalised(text).firstMatch(of: /≥\s*(-?\d+(?:\.\d+)?)/) else { return nil }
        return Double(m.1)
    }

    /// An assumed tolerance as an interval around `reference`:
    /// `within A to B` (absolute), `C ± X` (absolute, only when C is the reference: otherwise the text is
    /// about another quantity and does not apply), `±X %` (relative, unless the unit is itself a percentage),
    /// `±X percentage points` and `±X <unit>` (absolute).
    static func tolerance(_ text: String, around reference: Double?, unit: String) -> (Double, Double)? {
        let t = normalised(text)
        if let m = t.firstMatch(of: /within\s+(-?\d+(?:\.\d+)?)\s+to\s+\+?(-?\d+(?:\.\d+)?)/),
           let a = Double(m.1), let b = Double(m.2) {
            return (min(a, b), max(a, b))
        }
        guard let reference,
              let m = t.firstMatch(of: /(?:(-?\d+(?:\.\d+)?)\s*)?±\s*(\d+(?:\.\d+)?)\s*(percentage points|%)?/),
              let x = Double(m.2) else { return nil }
        if let centreText = m.1 {
            guard let centre = Double(centreText), abs(centre - reference) < 1e-9 else { return nil }
            return (reference - x, reference + x)
        }
        if m.3 == "%" {
            return unit.hasPrefix("%") ? (reference - x, reference + x)
                : (reference - abs(reference) * x / 100, reference + abs(reference) * x / 100)
        }
        return (reference - x, reference + x)
    }
}

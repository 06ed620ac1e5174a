import Foundation
import KRTInput
import KRTKinetics

/// Virtual patients for protocol studies: each patient is one batch line, `{"base": CASE, "id": …, "set": {…}}`,
/// whose `set` draws weight, haematocrit, starting labs, intake and the model parameters from
/// ``PopulationPriors`` (docs/population.md). Patient `k` depends only on the seed and `k`, so a population of
/// 100 is the first 100 patients of a population of 1,000 with the same seed, on every platform.
public enum Population {
    /// The largest population one command writes.
    public static let maxPatients = 10_000_000

    /// The batch line of patient `index` (0-based).
    public static func line(index: Int, seed: UInt64, base: String) -> String {
        var random = SplitMix64(seed: seed, stream: UInt64(index))
        var set: [(String, String)] = []
        var labs: [(String, String)] = [("at", "0 h")]
        for prior in PopulationPriors.all {
            let text = prior.format(prior.draw(&random))
            if let lab = prior.labName { labs.append((lab, text)) } else { set.append((prior.path, text)) }
        }
        let labsText = "[{" + labs.map { InputNode.quoted($0.0) + ":" + InputNode.quoted($0.1) }.joined(separator: ",") + "}]"
        let setText = set.map { InputNode.quoted($0.0) + ":" + InputNode.quoted($0.1) }.joined(separator: ",")
        return "{\"base\":\(InputNode.quoted(base)),\"id\":\"\(patientID(index))\",\"set\":{\(setText),\"labs\":\(labsText)}}"
    }

    /// `p00000001` … `p10000000` (1-based, zero-padded so ids sort in patient order).
    public static func patientID(_ index: Int) -> String {
        let digits = String(index + 1)
        return "p" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }
}

/// SplitMix64 (Steele, Lea & Flood 2014): a small, fast generator with the same sequence on every platform.
/// Each patient has its own stream: the seed and the patient index are mixed into the starting state.
public struct SplitMix64: Sendable {
    private var state: UInt64

    public init(seed: UInt64, stream: UInt64 = 0) {
        state = seed
        state = next() ^ (stream &* 0xD1B5_4A32_D192_ED03)
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in (0, 1]: 53 random bits.
    public mutating func uniform() -> Double { (Double(next() >> 11) + 1) / 9_007_199_254_740_992 }

    /// Standard normal (Box–Muller, one of the pair).
    public mutating func normal() -> Double {
        let u1 = uniform(), u2 = uniform()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}

/// One drawn quantity: its distribution, plausible range (draws outside are redrawn), unit and source.
public struct Prior: Sendable {
    public enum Distribution: Sendable {
        /// Log-normal with this median and coefficient of variation (σ_log = √ln(1 + CV²)).
        case logNormal(median: Double, cv: Double)
        case normal(mean: Double, sd: Double)
    }

    /// The case field it sets (`patient.weight`), or for starting labs the lab name.
    public let path: String
    public let distribution: Distribution
    public let low: Double
    public let high: Double
    /// Unit written after the number (empty for plain numbers).
    public let unit: String
    /// Decimals written (values are rounded to these, so tiny platform differences in `log`/`cos` vanish).
    public let decimals: Int
    /// Where the figure comes from, or `ASSUMPTION: …`.
    public let source: String

    var labName: String? { path.hasPrefix("labs.") ? String(path.dropFirst(5)) : nil }

    func draw(_ random: inout SplitMix64) -> Double {
        var value = low
        for _ in 0..<100 {
            switch distribution {
            case let .logNormal(median, cv):
                let sigma = log(1 + cv * cv).squareRoot()
                value = median * exp(sigma * random.normal())
            case let .normal(mean, sd):
                value = mean + sd * random.normal()
            }
            if value >= low, value <= high { return value }
        }
        return min(max(value, low), high)
    }

    func format(_ value: Double) -> String {
        let number = String(format: "%.\(decimals)f", value)
        return unit.isEmpty ? number : "\(number) \(unit)"
    }
}

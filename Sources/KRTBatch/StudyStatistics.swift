import Foundation

/// A share of patients with a 95 % Wilson score interval (Wilson 1927; sound for small counts and shares
/// near 0 or 1, unlike the normal approximation).
public struct Proportion: Codable, Sendable, Hashable {
    public var count: Int
    public var patients: Int
    /// count / patients, in percent, and the interval bounds in percent.
    public var percent: Double
    public var ci95LowPercent: Double
    public var ci95HighPercent: Double

    public init(count: Int, of patients: Int) {
        self.count = count
        self.patients = patients
        guard patients > 0 else { percent = 0; ci95LowPercent = 0; ci95HighPercent = 100; return }
        let z = 1.959963984540054, n = Double(patients), p = Double(count) / n
        let centre = (p + z * z / (2 * n)) / (1 + z * z / n)
        let half = z / (1 + z * z / n) * (p * (1 - p) / n + z * z / (4 * n * n)).squareRoot()
        percent = Study.round(p * 100, 2)
        ci95LowPercent = Study.round(max(0, centre - half) * 100, 2)
        ci95HighPercent = Study.round(min(1, centre + half) * 100, 2)
    }
}

/// A mean per patient with a 95 % interval from the normal approximation (mean ± 1.96 · SD/√n; the
/// per-patient values are independent, and n is in the hundreds or more in a study).
public struct MeanEstimate: Codable, Sendable, Hashable {
    public var mean: Double
    public var sd: Double
    public var ci95Low: Double
    public var ci95High: Double
    public var patients: Int
    public var unit: String

    public init(_ values: [Double], unit: String) {
        self.unit = unit
        patients = values.count
        guard !values.isEmpty else { mean = 0; sd = 0; ci95Low = 0; ci95High = 0; return }
        let n = Double(values.count)
        // Summed in input order: the same bytes for the same records.
        let average = values.reduce(0, +) / n
        let variance = values.count > 1 ? values.reduce(0) { $0 + ($1 - average) * ($1 - average) } / (n - 1) : 0
        let half = 1.959963984540054 * (variance / n).squareRoot()
        mean = Study.round(average, 3)
        sd = Study.round(variance.squareRoot(), 3)
        ci95Low = Study.round(average - half, 3)
        ci95High = Study.round(average + half, 3)
    }
}

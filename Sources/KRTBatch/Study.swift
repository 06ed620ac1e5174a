import Foundation

/// A protocol study: per protocol, over the same virtual patients, the share of patients below/above each
/// hard bound and target at any time of the horizon, time in range, supplement burden and fluid use, with
/// 95 % intervals. Built from batch records (one per patient and protocol), so a study run in one process
/// and one merged from shards give the same report.
public struct Study: Codable, Sendable, Hashable {
    public struct SoluteOutcome: Codable, Sendable, Hashable {
        public var solute: String
        /// Patients whose level went below the hard low / above the hard high / outside the target at any time.
        public var belowHardLow: Proportion
        public var aboveHardHigh: Proportion
        public var belowTarget: Proportion
        public var aboveTarget: Proportion
        public var timeInRangePercent: MeanEstimate
    }

    public struct ProtocolOutcome: Codable, Sendable, Hashable {
        public var name: String
        /// Patients with a result, and patients whose line failed (left out of every share and mean).
        public var patients: Int
        public var failed: Int
        /// First few failure messages, to find the cause.
        public var failures: [String]
        public var solutes: [SoluteOutcome]
        /// Supplements per patient over the horizon, mmol per solute symbol.
        public var supplementsMmolPerPatient: [String: MeanEstimate]
        /// Fluid (every stream) per patient over the horizon, L.
        public var fluidLPerPatient: MeanEstimate
        /// Results whose orders broke a catalog limit (should be 0).
        public var limitChecksFailed: Int
    }

    public var command: String
    public var patients: Int
    public var protocols: [ProtocolOutcome]
    public var method: String

    /// Per protocol and solute, the per-patient minimum and maximum levels (for the distribution plots).
    public struct Distributions: Sendable {
        public var minima: [String: [String: [Double]]] = [:]
        public var maxima: [String: [String: [Double]]] = [:]
        public var supplements: [String: [String: [Double]]] = [:]
        /// Per solute, the hard and target bounds (mmol/L) of the first result, marked on the plots.
        public var bounds: [String: [(String, Double)]] = [:]
    }

    public static let methodText = "shares: 95 % Wilson score intervals; means: mean ± 1.96·SD/√n (normal approximation); "
        + "failed lines are left out and counted; 'at any time' = the simulated minimum/maximum over the horizon"

    /// - Parameter records: the result lines of a batch run with protocols (in input order).
    public static func summarise(_ records: [BatchRecord], command: String, protocols: [String]) -> (Study, Distributions) {
        var distributions = Distributions()
        let names = protocols.isEmpty ? [""] : protocols
        var outcomes: [ProtocolOutcome] = []
        var patientIDs = Set<Int>()
        for name in names {
            let label = name.isEmpty ? "case" : name
            let mine = records.filter { ($0.protocol ?? "") == name }
            for record in mine { patientIDs.insert(record.line) }
            let done = mine.compactMap(\.summary)
            let failures = mine.filter { $0.summary == nil }
            let soluteNames = done.first?.solutes.map(\.solute) ?? []
            var solutes: [SoluteOutcome] = []
            for solute in soluteNames {
                let figures = done.compactMap { $0.solutes.first { $0.solute == solute } }
                let n = figures.count
                solutes.append(SoluteOutcome(
                    solute: solute,
                    belowHardLow: Proportion(count: figures.filter { $0.minimum < $0.hardLow }.count, of: n),
                    aboveHardHigh: Proportion(count: figures.filter { $0.maximum > $0.hardHigh }.count, of: n),
                    belowTarget: Proportion(count: figures.filter { $0.minimum < $0.targetLow }.count, of: n),
                    aboveTarget: Proportion(count: figures.filter { $0.maximum > $0.targetHigh }.count, of: n),
                    timeInRangePercent: MeanEstimate(figures.map(\.timeInRangePercent), unit: "%")))
                if distributions.bounds[solute] == nil, let first = figures.first {
                    distributions.bounds[solute] = [("hard low", first.hardLow), ("target", first.targetLow),
                                                    ("target", first.targetHigh), ("hard high", first.hardHigh)]
                }
                distributions.minima[label, default: [:]][solute] = figures.map(\.minimum)
                distributions.maxima[label, default: [:]][solute] = figures.map(\.maximum)
            }
            var supplements: [String: MeanEstimate] = [:]
            let supplementSolutes = Set(done.flatMap { $0.supplementsMmol.keys })
            for solute in supplementSolutes.sorted() {
                let values = done.map { $0.supplementsMmol[solute] ?? 0 }
                supplements[solute] = MeanEstimate(values, unit: "mmol/patient")
                distributions.supplements[label, default: [:]][solute] = values
            }
            outcomes.append(ProtocolOutcome(
                name: label, patients: done.count, failed: failures.count,
                failures: failures.prefix(5).compactMap(\.error), solutes: solutes, supplementsMmolPerPatient: supplements,
                fluidLPerPatient: MeanEstimate(done.map(\.fluidVolumeL), unit: "L/patient"),
                limitChecksFailed: done.filter { $0.limitChecksFailed > 0 }.count))
        }
        return (Study(command: command, patients: patientIDs.count, protocols: outcomes, method: methodText), distributions)
    }

    static func round(_ value: Double, _ places: Int) -> Double { BatchSummary.round(value, places: places) }
}

import Foundation

/// The study as text, JSON, CSV and a self-contained HTML page with distribution plots.
extension Study {
    private func fmt(_ value: Double, _ decimals: Int = 1) -> String { String(format: "%.\(decimals)f", value) }
    private func share(_ p: Proportion) -> String {
        "\(fmt(p.percent)) % [\(fmt(p.ci95LowPercent))–\(fmt(p.ci95HighPercent))] (\(p.count)/\(p.patients))"
    }
    private func mean(_ m: MeanEstimate, _ decimals: Int = 1) -> String {
        "\(fmt(m.mean, decimals)) [\(fmt(m.ci95Low, decimals))–\(fmt(m.ci95High, decimals))] \(m.unit)"
    }

    /// Plain text: one block per protocol; danger lines (any hard-bound crossing, any failed limit check) first.
    public var text: String {
        var lines: [String] = []
        for outcome in protocols {
            for solute in outcome.solutes where solute.belowHardLow.count > 0 || solute.aboveHardHigh.count > 0 {
                lines.append("DANGER \(outcome.name): \(solute.solute) crossed a hard bound in "
                    + "\(solute.belowHardLow.count + solute.aboveHardHigh.count) of \(solute.belowHardLow.patients) patients")
            }
            if outcome.limitChecksFailed > 0 {
                lines.append("DANGER \(outcome.name): \(outcome.limitChecksFailed) patients have orders outside a catalog limit")
            }
            if outcome.failed > 0 { lines.append("WARNING \(outcome.name): \(outcome.failed) patients failed and are left out") }
        }
        if !lines.isEmpty { lines.append("") }
        lines.append("Protocol study (\(command)): \(patients) virtual patients")
        lines.append("95 % intervals in brackets; \(method)")
        for outcome in protocols {
            lines.append("")
            lines.append("\(outcome.name): \(outcome.patients) patients, \(outcome.failed) failed")
            for solute in outcome.solutes {
                let name = solute.solute.padding(toLength: 3, withPad: " ", startingAt: 0)
                lines.append("  \(name) below hard low   \(share(solute.belowHardLow))")
                lines.append("  \(name) above hard high  \(share(solute.aboveHardHigh))")
                lines.append("  \(name) below target    \(share(solute.belowTarget))")
                lines.append("  \(name) above target    \(share(solute.aboveTarget))")
                lines.append("  \(name) time in range   \(mean(solute.timeInRangePercent))")
            }
            for (solute, estimate) in outcome.supplementsMmolPerPatient.sorted(by: { $0.key < $1.key }) {
                lines.append("  supplement \(solute.padding(toLength: 3, withPad: " ", startingAt: 0))    \(mean(estimate))")
            }
            lines.append("  fluid use          \(mean(outcome.fluidLPerPatient))")
            for failure in outcome.failures { lines.append("  failed: \(failure)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Pretty JSON, sorted snake_case keys.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        guard let data = try? encoder.encode(self) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// One row per protocol and measure: `protocol,measure,solute,value,ci95_low,ci95_high,unit,count,patients`.
    public var csv: String {
        var rows = ["protocol,measure,solute,value,ci95_low,ci95_high,unit,count,patients"]
        func quoted(_ text: String) -> String { text.contains(where: { ",\"\n".contains($0) }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text }
        for outcome in protocols {
            let name = quoted(outcome.name)
            for solute in outcome.solutes {
                for (measure, p) in [("below_hard_low", solute.belowHardLow), ("above_hard_high", solute.aboveHardHigh),
                                     ("below_target", solute.belowTarget), ("above_target", solute.aboveTarget)] {
                    rows.append("\(name),\(measure),\(solute.solute),\(p.percent),\(p.ci95LowPercent),\(p.ci95HighPercent),%,\(p.count),\(p.patients)")
                }
                let m = solute.timeInRangePercent
                rows.append("\(name),time_in_range,\(solute.solute),\(m.mean),\(m.ci95Low),\(m.ci95High),%,,\(m.patients)")
            }
            for (solute, m) in outcome.supplementsMmolPerPatient.sorted(by: { $0.key < $1.key }) {
                rows.append("\(name),supplement,\(solute),\(m.mean),\(m.ci95Low),\(m.ci95High),mmol/patient,,\(m.patients)")
            }
            let f = outcome.fluidLPerPatient
            rows.append("\(name),fluid,,\(f.mean),\(f.ci95Low),\(f.ci95High),L/patient,,\(f.patients)")
        }
        return rows.joined(separator: "\n") + "\n"
    }
}

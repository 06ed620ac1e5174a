import KRTPlanner
import KRTUnits

/// Text, CSV and HTML pieces for ``UncertaintyBands`` (docs/uncertainty.md "Reading the output"), shared by
/// `plan`, `simulate`, `compare` and `fit`.
public enum UncertaintyReport {
    /// "3.62 [3.41–3.85]": median and the 90 % band (5th–95th percentile), mmol/L.
    static func cell(_ median: Double, _ low: Double, _ high: Double) -> String {
        "\(NumberFormat.level(median)) [\(NumberFormat.level(low))–\(NumberFormat.level(high))]"
    }

    static func headline(_ bands: UncertaintyBands) -> String {
        "\(bands.draws) draws of the \(bands.source.rawValue), seed \(bands.seed)"
            + (bands.nonFiniteDraws > 0 ? "; \(bands.nonFiniteDraws) draw(s) non-finite, counted as out of range" : "")
    }

    /// The text section: P(within the hard bounds over the horizon) per solute, then a compact table at
    /// the recommended draw times: median [5–95 %] and P(in target) per solute.
    public static func text(_ bands: UncertaintyBands) -> [String] {
        var lines = TextLayout.heading("Uncertainty", "\(headline(bands)); docs/uncertainty.md")
        if !bands.solutes.isEmpty {
            lines.append("  P(within hard bounds over the horizon): "
                + bands.solutes.map { "\($0.solute.symbol) \(NumberFormat.percent($0.withinHardBounds))" }.joined(separator: "   "))
        }
        let times = bands.solutes.first?.atDraws.map(\.at) ?? []
        if !times.isEmpty {
            lines.append("  At the recommended draws: median [5–95 %] mmol/L, P(in target)")
            var columns: [TextTable.Column] = [.init(header: "time", rightAligned: true)]
            for s in bands.solutes {
                columns.append(.init(header: s.solute.symbol, rightAligned: true))
                columns.append(.init(header: "\(s.solute.symbol) in tgt", rightAligned: true))
            }
            var table = TextTable(columns)
            for (i, at) in times.enumerated() {
                var row = [NumberFormat.hours(at)]
                for s in bands.solutes where i < s.atDraws.count {
                    let d = s.atDraws[i]
                    row += [cell(d.p50, d.p5, d.p95), NumberFormat.percent(d.inTarget)]
                }
                table.add(row)
            }
            lines += table.render()
        }
        for note in bands.notes { lines += TextLayout.bullet("note: \(note)") }
        return lines
    }

    /// One row per band time: every percentile of every solute (`K_p2_5_mmol_per_L`, …), RFC 4180.
    public static func csv(_ bands: UncertaintyBands) -> String {
        let series = bands.series
        let header = ["time_h"] + series.map { CSV.column($0.solute, "p" + NumberFormat.trimmed($0.percentile, maxDecimals: 1).replacingOccurrences(of: ".", with: "_")) }
        let rows = bands.times.indices.map { t in [CSVCell.number(bands.times[t])] + series.map { CSVCell.number($0.values[t]) } }
        return CSV.document(header: header, rows: rows)
    }

    /// The HTML section body: probabilities and the draw-time table.
    static func html(_ bands: UncertaintyBands, into page: inout some HTMLBlockWriter) {
        page.html.element("p", text: "\(headline(bands)). Shaded blue on the charts: the 80 % (darker, 10th–90th percentile) and 95 % "
            + "(lighter, 2.5th–97.5th) prediction bands. A probability is the share of plausible patients (draws) for whom the "
            + "statement holds under these fluids and orders; it is a model statement, not a guarantee.")
        page.table(["Solute", "P(within hard bounds over the horizon)", "Hard bounds (mmol/L)", "Target (mmol/L)"],
                    bands.solutes.map { s in
                        [s.solute.symbol, NumberFormat.percent(s.withinHardBounds),
                         "\(NumberFormat.level(s.hardLow))–\(NumberFormat.level(s.hardHigh))",
                         "\(NumberFormat.level(s.targetLow))–\(NumberFormat.level(s.targetHigh))"]
                    }, numeric: [1], empty: "No probabilities (no limits in this result).")
        let times = bands.solutes.first?.atDraws.map(\.at) ?? []
        let rows = times.indices.map { i in
            [NumberFormat.hours(times[i])] + bands.solutes.flatMap { s -> [String] in
                guard i < s.atDraws.count else { return ["—", "—"] }
                let d = s.atDraws[i]
                return [cell(d.p50, d.p5, d.p95), NumberFormat.percent(d.inTarget)]
            }
        }
        page.table(["Time"] + bands.solutes.flatMap { ["\($0.solute.symbol) median [5–95 %]", "P(\($0.solute.symbol) in target)"] }, rows,
                   numeric: Set(0..<(1 + 2 * bands.solutes.count)), empty: "No recommended draws.")
        page.list(bands.notes)
    }
}

/// The shaded 80 % and 95 % bands of one solute on a chart.
struct ChartBand {
    var times: [Double]
    var outer: (low: [Double], high: [Double])
    var inner: (low: [Double], high: [Double])

    init?(_ bands: UncertaintyBands, _ solute: Solute) {
        guard let outer = bands.band(solute, from: 2.5, to: 97.5), let inner = bands.band(solute, from: 10, to: 90) else { return nil }
        times = bands.times
        self.outer = outer
        self.inner = inner
    }

    var values: [Double] { (outer.low + outer.high).filter(\.isFinite) }

    /// Two filled polygons (95 % lighter, 80 % darker), drawn under the curves.
    func draw(_ svg: inout MarkupWriter, x: ChartScale, y: ChartScale) {
        for (edges, opacity, name) in [(outer, "0.16", "band-95"), (inner, "0.28", "band-80")] {
            let upper = times.indices.filter { edges.high[$0].isFinite }.map { "\(c(x(times[$0]))),\(c(y(edges.high[$0])))" }
            let lower = times.indices.reversed().filter { edges.low[$0].isFinite }.map { "\(c(x(times[$0]))),\(c(y(edges.low[$0])))" }
            guard !upper.isEmpty else { continue }
            svg.element("polygon", ["class": name, "points": (upper + lower).joined(separator: " "), "fill": "#1f4e8c",
                                    "fill-opacity": opacity, "stroke": "none"])
        }
    }

    private func c(_ value: Double) -> String { NumberFormat.trimmed(value, maxDecimals: 2) }
}

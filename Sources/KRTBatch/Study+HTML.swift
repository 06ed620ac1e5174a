import Foundation

/// The study as one self-contained HTML page (no scripts, no external files): the text summary, then per
/// solute a histogram of each protocol's per-patient minimum and maximum levels with the target and hard
/// bounds marked, and per supplement a histogram of the per-patient totals.
///
/// KRTReport's SVG chart helpers draw time series of one plan and are internal to that module; a study
/// needs histograms over patients, drawn here in the same plain-SVG style.
extension Study {
    public func html(_ distributions: Distributions) -> String {
        var body = "<h1>Protocol study: \(patients) virtual patients</h1>\n<pre>\(Self.escape(text))</pre>\n"
        let colours = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"]
        let solutes = protocols.first?.solutes ?? []
        for solute in solutes {
            for (title, values) in [("minimum", distributions.minima), ("maximum", distributions.maxima)] {
                let series = protocols.map { ($0.name, values[$0.name]?[solute.solute] ?? []) }
                let bounds = distributions.bounds[solute.solute] ?? []
                body += "<h2>\(Self.escape(solute.solute)): per-patient \(title) (mmol/L)</h2>\n"
                body += Self.histogram(series, colours: colours, marks: bounds)
            }
        }
        let supplementSolutes = Set(distributions.supplements.values.flatMap(\.keys)).sorted()
        for solute in supplementSolutes {
            let series = protocols.map { ($0.name, distributions.supplements[$0.name]?[solute] ?? []) }
            guard series.contains(where: { $0.1.contains { $0 > 0 } }) else { continue }
            body += "<h2>Supplement \(Self.escape(solute)) per patient (mmol)</h2>\n"
            body += Self.histogram(series, colours: colours, marks: [])
        }
        let legend = protocols.enumerated().map { index, outcome in
            "<span style=\"color:\(colours[index % colours.count])\">■ \(Self.escape(outcome.name))</span>"
        }.joined(separator: " ")
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>krtplan protocol study</title>
            <style>body{font-family:sans-serif;max-width:60em;margin:1em auto;padding:0 1em}pre{background:#f6f6f6;padding:.5em;overflow-x:auto}</style>
            </head><body>
            <p>\(legend)</p>
            \(body)</body></html>

            """
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// Overlaid step histograms, 30 bins over the range of all values.
    static func histogram(_ series: [(String, [Double])], colours: [String], marks: [(String, Double)]) -> String {
        let all = series.flatMap { $0.1 } + marks.map { $0.1 }
        guard let low = all.min(), let high = all.max() else { return "<p>No values.</p>\n" }
        let bins = 30, width = 600.0, height = 160.0, left = 40.0, bottom = 20.0
        let span = high > low ? high - low : 1
        let counts = series.map { _, values -> [Int] in
            var bucket = [Int](repeating: 0, count: bins)
            for value in values { bucket[min(bins - 1, max(0, Int((value - low) / span * Double(bins))))] += 1 }
            return bucket
        }
        let top = max(1, counts.flatMap { $0 }.max() ?? 1)
        func x(_ value: Double) -> Double { left + (value - low) / span * width }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(left + width + 10))\" height=\"\(Int(height + bottom + 10))\" role=\"img\">\n"
        svg += "<line x1=\"\(left)\" y1=\"\(height)\" x2=\"\(left + width)\" y2=\"\(height)\" stroke=\"#888\"/>\n"
        for (index, bucket) in counts.enumerated() {
            var points: [String] = ["\(fmt(left)),\(fmt(height))"]
            for (bin, count) in bucket.enumerated() {
                let y = height - Double(count) / Double(top) * (height - 10)
                points.append("\(fmt(left + Double(bin) * width / Double(bins))),\(fmt(y))")
                points.append("\(fmt(left + Double(bin + 1) * width / Double(bins))),\(fmt(y))")
            }
            points.append("\(fmt(left + width)),\(fmt(height))")
            svg += "<polyline fill=\"none\" stroke=\"\(colours[index % colours.count])\" stroke-width=\"1.5\" points=\"\(points.joined(separator: " "))\"/>\n"
        }
        for (label, value) in marks {
            svg += "<line x1=\"\(fmt(x(value)))\" y1=\"0\" x2=\"\(fmt(x(value)))\" y2=\"\(height)\" stroke=\"#000\" stroke-dasharray=\"4 3\"/>"
            svg += "<text x=\"\(fmt(x(value) + 2))\" y=\"12\" font-size=\"10\">\(escape(label))</text>\n"
        }
        svg += "<text x=\"\(left)\" y=\"\(height + 15)\" font-size=\"11\">\(fmt(low, 2))</text>"
        svg += "<text x=\"\(left + width - 30)\" y=\"\(height + 15)\" font-size=\"11\">\(fmt(high, 2))</text>"
        svg += "<text x=\"2\" y=\"12\" font-size=\"11\">\(top)</text>\n</svg>\n"
        return svg
    }

    private static func fmt(_ value: Double, _ decimals: Int = 1) -> String { String(format: "%.\(decimals)f", value) }
}

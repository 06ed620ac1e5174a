import KRTPlanner
import KRTUnits

/// One solute's predicted course as a self-contained inline SVG (no scripts, fonts or links).
///
/// Drawn: the target range as a shaded band with dashed edges, the hard bounds as solid red lines with
/// the region beyond them lightly shaded, the predicted level, supplement orders (dashed vertical line,
/// a bar for the infusion time, labelled by drug and dose), fluid changes (dotted line, labelled), lab
/// draws (open circles on the curve and triangles on the time axis), the worst point of each hard-bound
/// violation (a red cross, labelled), axes with units, a legend, and with
/// `massAxis` a second axis in mg/dL. Every style is an attribute, so the meaning survives printing and
/// copying the SVG out of the page; colours are paired with line styles and labels.
struct SVGChart {
    struct Marker {
        enum Kind { case supplement, fluidChange }
        var kind: Kind
        var at: Double
        var duration: Double
        /// Shortened to ``maximumLabelLength`` characters (the tables carry the full text).
        var label: String

        init(kind: Kind, at: Double, duration: Double, label: String) {
            self.kind = kind
            self.at = at
            self.duration = duration
            let clean = TextClean.printable(label)
            self.label = clean.count <= SVGChart.maximumLabelLength ? clean : clean.prefix(SVGChart.maximumLabelLength - 1) + "…"
        }
    }

    static let maximumLabelLength = 48

    var solute: Solute
    var points: [(time: Double, value: Double)]
    var summary: SoluteSummary?
    var endTime: Double
    var markers: [Marker]
    var labDraws: [(at: Double, value: Double?)]
    /// Hard-bound violations of this solute (infeasible cases): the worst point is marked and labelled.
    var violations: [BoundViolation] = []
    var massAxis: Bool
    /// The 80 % and 95 % prediction bands (`--bands`), shaded under the curve.
    var band: ChartBand? = nil

    // Geometry (px in the viewBox).
    static let width = 960.0
    static let plotLeft = 70.0
    static let plotHeight = 210.0
    static let laneHeight = 14.0
    static let fontSize = 11.0
    /// Average advance of the label font (a sans-serif at 11 px), for laying out labels.
    static let characterWidth = 6.2
    var plotRight: Double { Self.width - (massAxis ? 70 : 30) }

    /// The chart as an `<svg>` element with an `id` of `chart-<symbol>`.
    func render() -> String {
        let x = ChartScale(domain: (0, max(endTime, 1)), range: (Self.plotLeft, plotRight))
        let lanes = laneLayout(x)
        let laneCount = Double((lanes.map(\.lane).max() ?? -1) + 1)
        let plotTop = 46 + laneCount * Self.laneHeight + (laneCount > 0 ? 6 : 0)
        let plotBottom = plotTop + Self.plotHeight
        let height = plotBottom + 84
        let y = ChartScale(domain: valueRange(), range: (plotBottom, plotTop))
        let id = "chart-\(solute.symbol)"

        var svg = MarkupWriter()
        svg.open("svg", ["id": id, "class": "chart", "role": "img", "viewBox": "0 0 \(c(Self.width)) \(c(height))",
                         "width": c(Self.width), "height": c(height), "aria-labelledby": "\(id)-title \(id)-desc",
                         "font-family": "Helvetica, Arial, sans-serif", "font-size": c(Self.fontSize)])
        svg.element("title", ["id": "\(id)-title"], text: "\(solute.reportName): predicted serum level (mmol/L)")
        svg.element("desc", ["id": "\(id)-desc"], text: description)
        svg.element("text", ["x": c(Self.plotLeft), "y": "18", "font-size": "14", "font-weight": "bold"],
                    text: "\(solute.reportName), predicted, mmol/L")
        svg.element("text", ["x": c(Self.plotLeft), "y": "36", "fill": "#333333"], text: subtitle(y))
        svg.element("rect", ["x": c(Self.plotLeft), "y": c(plotTop), "width": c(plotRight - Self.plotLeft),
                             "height": c(Self.plotHeight), "fill": "#ffffff", "stroke": "none"])
        drawBounds(&svg, y: y)
        drawGrid(&svg, x: x, y: y, plotTop: plotTop, plotBottom: plotBottom)
        drawMarkers(&svg, lanes: lanes, x: x, plotTop: plotTop, plotBottom: plotBottom)
        band?.draw(&svg, x: x, y: y)
        drawSeries(&svg, x: x, y: y, plotBottom: plotBottom)
        svg.element("rect", ["x": c(Self.plotLeft), "y": c(plotTop), "width": c(plotRight - Self.plotLeft),
                             "height": c(Self.plotHeight), "fill": "none", "stroke": "#333333", "stroke-width": "1"])
        drawLegend(&svg, top: plotBottom + 62)
        svg.close("svg")
        return svg.text
    }

    private var description: String {
        let values = points.map(\.value).filter(\.isFinite)
        var parts = ["Predicted \(solute.reportName.lowercased())"]
        if let low = values.min(), let high = values.max() {
            parts[0] += " from \(NumberFormat.level(low)) to \(NumberFormat.level(high)) mmol/L over \(NumberFormat.hours(endTime))"
        }
        if let summary {
            parts.append("target \(NumberFormat.level(summary.targetLow))–\(NumberFormat.level(summary.targetHigh)) mmol/L")
            parts.append("hard bounds \(NumberFormat.level(summary.hardLow)) and \(NumberFormat.level(summary.hardHigh)) mmol/L")
        }
        let supplements = markers.filter { $0.kind == .supplement }.count
        parts.append("\(supplements) supplement order\(supplements == 1 ? "" : "s") marked; \(labDraws.count) lab draws marked")
        return parts.joined(separator: "; ") + "."
    }

    /// The value axis: data and target range, padded by 5 % and widened to tick steps. A hard bound is
    /// included when it lies within one such span of that range; farther bounds are named "off scale" in
    /// the subtitle instead of flattening the course into a thin line.
    private func valueRange() -> (Double, Double) {
        var core = points.map(\.value).filter(\.isFinite) + (band?.values ?? [])
        if let summary { core += [summary.targetLow, summary.targetHigh].filter(\.isFinite) }
        guard var low = core.min(), var high = core.max() else { return (0, 1) }
        let span = max(high - low, 1e-9)
        for bound in hardBounds where bound.isFinite && bound >= low - span && bound <= high + span {
            low = min(low, bound)
            high = max(high, bound)
        }
        if high - low < 1e-9 { low -= 0.5; high += 0.5 }
        let pad = (high - low) * 0.05
        let step = ChartScale.niceStep((high - low + 2 * pad) / 6)
        return (((low - pad) / step).rounded(.down) * step, ((high + pad) / step).rounded(.up) * step)
    }

    private var hardBounds: [Double] { summary.map { [$0.hardLow, $0.hardHigh] } ?? [] }

    /// "target 3.50–4.50 mmol/L · hard bounds 3.00 and 6.00 mmol/L (6.00 off scale)".
    private func subtitle(_ y: ChartScale) -> String {
        guard let summary else { return "no target or bounds in this result" }
        let offScale = hardBounds.filter { $0 < y.domain.0 || $0 > y.domain.1 }.map(NumberFormat.level)
        return "target \(NumberFormat.level(summary.targetLow))–\(NumberFormat.level(summary.targetHigh)) mmol/L · hard bounds "
            + "\(NumberFormat.level(summary.hardLow)) and \(NumberFormat.level(summary.hardHigh)) mmol/L"
            + (offScale.isEmpty ? "" : " (\(offScale.joined(separator: " and ")) off scale)")
    }

    private func drawBounds(_ svg: inout MarkupWriter, y: ChartScale) {
        guard let summary else { return }
        let left = c(Self.plotLeft), width = c(plotRight - Self.plotLeft)
        let top = y.range.1, bottom = y.range.0
        func clampY(_ value: Double) -> Double { min(max(y(value), top), bottom) }
        // Beyond the hard bounds: light red shading (empty when the bound is off scale).
        let upper = clampY(summary.hardHigh), lower = clampY(summary.hardLow)
        svg.element("rect", ["class": "beyond-hard-bound", "x": left, "y": c(top), "width": width,
                             "height": c(upper - top), "fill": "#fbe3e3"])
        svg.element("rect", ["class": "beyond-hard-bound", "x": left, "y": c(lower), "width": width,
                             "height": c(bottom - lower), "fill": "#fbe3e3"])
        // The target band with dashed edges.
        let bandTop = clampY(summary.targetHigh), bandBottom = clampY(summary.targetLow)
        svg.element("rect", ["class": "target-band", "x": left, "y": c(bandTop), "width": width,
                             "height": c(max(bandBottom - bandTop, 0)), "fill": "#dff0d8", "stroke": "none"])
        for value in [summary.targetHigh, summary.targetLow] {
            svg.element("line", ["class": "target-edge", "x1": left, "x2": c(plotRight), "y1": c(clampY(value)),
                                 "y2": c(clampY(value)), "stroke": "#3c763d", "stroke-width": "1", "stroke-dasharray": "6 4"])
        }
        for value in hardBounds where value >= y.domain.0 && value <= y.domain.1 {
            svg.element("line", ["class": "hard-bound", "x1": left, "x2": c(plotRight), "y1": c(y(value)),
                                 "y2": c(y(value)), "stroke": "#b00020", "stroke-width": "1.8"])
        }
    }

    private func drawGrid(_ svg: inout MarkupWriter, x: ChartScale, y: ChartScale, plotTop: Double, plotBottom: Double) {
        for tick in y.ticks(count: 6) {
            svg.element("line", ["x1": c(Self.plotLeft), "x2": c(plotRight), "y1": c(y(tick)), "y2": c(y(tick)),
                                 "stroke": "#d9d9d9", "stroke-width": "0.6"])
            svg.element("text", ["x": c(Self.plotLeft - 6), "y": c(y(tick) + 4), "text-anchor": "end"],
                        text: NumberFormat.trimmed(tick, maxDecimals: 3))
        }
        for tick in x.ticks(candidates: [1, 2, 3, 6, 12, 24, 48, 96, 168], maximumCount: 14) {
            svg.element("line", ["x1": c(x(tick)), "x2": c(x(tick)), "y1": c(plotTop), "y2": c(plotBottom),
                                 "stroke": "#e3e3e3", "stroke-width": "0.6"])
            svg.element("text", ["x": c(x(tick)), "y": c(plotBottom + 22), "text-anchor": "middle"],
                        text: NumberFormat.trimmed(tick, maxDecimals: 2))
        }
        svg.element("text", ["x": c((Self.plotLeft + plotRight) / 2), "y": c(plotBottom + 40), "text-anchor": "middle"],
                    text: "time from start of plan (h)")
        let middle = c((plotTop + plotBottom) / 2)
        svg.element("text", ["x": "16", "y": middle, "text-anchor": "middle", "transform": "rotate(-90 16 \(middle))"],
                    text: "\(solute.symbol) (mmol/L)")
        guard massAxis, solute.hasMassUnitDisplay, let factor = solute.milligramsPerDecilitre(1) else { return }
        let massScale = ChartScale(domain: (y.domain.0 * factor, y.domain.1 * factor), range: y.range)
        for tick in massScale.ticks(count: 6) {
            svg.element("line", ["x1": c(plotRight), "x2": c(plotRight + 4), "y1": c(massScale(tick)), "y2": c(massScale(tick)),
                                 "stroke": "#333333"])
            svg.element("text", ["x": c(plotRight + 7), "y": c(massScale(tick) + 4)], text: NumberFormat.trimmed(tick, maxDecimals: 2))
        }
        let right = c(Self.width - 12)
        svg.element("text", ["x": right, "y": middle, "text-anchor": "middle", "transform": "rotate(90 \(right) \(middle))"],
                    text: "\(solute.elementSymbol) (mg/dL)")
    }

    /// Marker lines and infusion bars first, then every label, so no line crosses a label.
    private func drawMarkers(_ svg: inout MarkupWriter, lanes: [(marker: Marker, lane: Int, start: Double, anchor: String)],
                             x: ChartScale, plotTop: Double, plotBottom: Double) {
        func labelY(_ lane: Int) -> Double { plotTop - 8 - Double(lane) * Self.laneHeight }
        func color(_ marker: Marker) -> String { marker.kind == .supplement ? "#8a4b08" : "#4d4d4d" }
        for item in lanes {
            let position = x(item.marker.at)
            let supplement = item.marker.kind == .supplement
            svg.open("g", ["class": supplement ? "order-marker" : "fluid-marker"])
            svg.element("line", ["x1": c(position), "x2": c(position), "y1": c(labelY(item.lane) + 3), "y2": c(plotBottom),
                                 "stroke": color(item.marker), "stroke-width": supplement ? "1.2" : "1.4",
                                 "stroke-dasharray": supplement ? "5 3" : "1.5 3"])
            if supplement, item.marker.duration > 0 {
                let end = x(item.marker.at + item.marker.duration)
                svg.element("rect", ["x": c(position), "y": c(plotTop + 1), "width": c(max(end - position, 2)),
                                     "height": "6", "fill": color(item.marker), "fill-opacity": "0.55"])
            }
            svg.close("g")
        }
        for item in lanes {
            // A white backing so the marker lines of later times do not run through the letters.
            let width = Double(item.marker.label.count) * Self.characterWidth
            svg.element("rect", ["class": "label-backing", "x": c(item.anchor == "start" ? item.start - 1 : item.start - width - 1),
                                 "y": c(labelY(item.lane) - 10), "width": c(width + 2), "height": "13", "fill": "#ffffff"])
            label(&svg, item.marker.label, x: item.start, y: labelY(item.lane), anchor: item.anchor, color: color(item.marker),
                  italic: item.marker.kind == .fluidChange, className: item.marker.kind == .supplement ? "order-label" : "fluid-label")
        }
    }

    private func drawSeries(_ svg: inout MarkupWriter, x: ChartScale, y: ChartScale, plotBottom: Double) {
        guard !points.isEmpty else {
            svg.element("text", ["x": c((Self.plotLeft + plotRight) / 2), "y": c(plotBottom - Self.plotHeight / 2),
                                 "text-anchor": "middle"], text: "no prediction for \(solute.symbol) in this result")
            return
        }
        var segments: [[String]] = [[]]
        for point in points {
            if point.value.isFinite, point.time.isFinite {
                segments[segments.count - 1].append("\(c(x(point.time))),\(c(y(point.value)))")
            } else if !(segments.last?.isEmpty ?? true) {
                segments.append([])
            }
        }
        for segment in segments where !segment.isEmpty {
            svg.element("polyline", ["class": "series", "points": segment.joined(separator: " "), "fill": "none",
                                     "stroke": "#1f4e8c", "stroke-width": "2.2", "stroke-linejoin": "round"])
        }
        for violation in violations {
            let worst = violation.side == "above" ? violation.bound + violation.worstBy : violation.bound - violation.worstBy
            let (px, py) = (x(violation.worstAt), y(worst))
            svg.open("g", ["class": "violation"])
            svg.element("path", ["d": "M\(c(px - 6)),\(c(py - 6)) l12,12 m0,-12 l-12,12", "stroke": "#b00020", "stroke-width": "2.5"])
            let text = "worst \(NumberFormat.level(worst)) at \(NumberFormat.hours(violation.worstAt))"
            let fitsRight = px + 9 + Double(text.count) * Self.characterWidth <= Self.width - 4
            label(&svg, text, x: fitsRight ? px + 9 : px - 9, y: py + (violation.side == "above" ? -8 : 16),
                  anchor: fitsRight ? "start" : "end", color: "#8a0018", italic: false, className: "violation-label")
            svg.close("g")
        }
        for draw in labDraws {
            svg.open("g", ["class": "lab-draw"])
            svg.element("path", ["d": "M\(c(x(draw.at))),\(c(plotBottom + 1)) l-4,7 h8 z", "fill": "#1f4e8c"])
            if let value = draw.value, value.isFinite {
                svg.element("circle", ["cx": c(x(draw.at)), "cy": c(y(value)), "r": "4", "fill": "#ffffff",
                                       "stroke": "#1f4e8c", "stroke-width": "1.8"])
            }
            svg.close("g")
        }
    }

    private func drawLegend(_ svg: inout MarkupWriter, top: Double) {
        var left = Self.plotLeft
        func item(_ text: String, _ draw: (inout MarkupWriter, Double) -> Void) {
            draw(&svg, left)
            svg.element("text", ["x": c(left + 26), "y": c(top + 4)], text: text)
            left += 26 + Double(text.count) * Self.characterWidth + 18
        }
        svg.open("g", ["class": "legend"])
        item("predicted level") { $0.element("line", ["x1": c($1), "x2": c($1 + 20), "y1": c(top), "y2": c(top), "stroke": "#1f4e8c", "stroke-width": "2.2"]) }
        item("target range") { $0.element("rect", ["x": c($1), "y": c(top - 6), "width": "20", "height": "11", "fill": "#dff0d8", "stroke": "#3c763d", "stroke-dasharray": "4 2"]) }
        item("hard bound") { $0.element("line", ["x1": c($1), "x2": c($1 + 20), "y1": c(top), "y2": c(top), "stroke": "#b00020", "stroke-width": "1.8"]) }
        item("supplement (bar: infusion)") { $0.element("line", ["x1": c($1 + 10), "x2": c($1 + 10), "y1": c(top - 7), "y2": c(top + 6), "stroke": "#8a4b08", "stroke-dasharray": "5 3"]) }
        item("fluid change") { $0.element("line", ["x1": c($1 + 10), "x2": c($1 + 10), "y1": c(top - 7), "y2": c(top + 6), "stroke": "#4d4d4d", "stroke-width": "1.4", "stroke-dasharray": "1.5 3"]) }
        item("lab draw") { $0.element("circle", ["cx": c($1 + 10), "cy": c(top), "r": "4", "fill": "#ffffff", "stroke": "#1f4e8c", "stroke-width": "1.8"]) }
        svg.close("g")
    }

    /// Labels in lanes above the plot: each label starts right of its line (or ends left of it near the
    /// right edge) and takes the lowest lane where it does not overlap a label already placed.
    private func laneLayout(_ x: ChartScale) -> [(marker: Marker, lane: Int, start: Double, anchor: String)] {
        var laneEnds: [Double] = []
        var placed: [(marker: Marker, lane: Int, start: Double, anchor: String)] = []
        let ordered = markers.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
        for marker in ordered {
            let position = x(marker.at)
            let width = Double(TextClean.printable(marker.label).count) * Self.characterWidth
            let fitsRight = position + 3 + width <= Self.width - 4
            let span = fitsRight ? (position + 3, position + 3 + width) : (position - 3 - width, position - 3)
            let lane = laneEnds.firstIndex { $0 + 8 <= span.0 } ?? laneEnds.count
            if lane == laneEnds.count { laneEnds.append(span.1) } else { laneEnds[lane] = span.1 }
            placed.append((marker, lane, fitsRight ? position + 3 : position - 3, fitsRight ? "start" : "end"))
        }
        return placed
    }

    private func label(_ svg: inout MarkupWriter, _ text: String, x: Double, y: Double, anchor: String, color: String,
                       italic: Bool, className: String) {
        var attributes = ["class": className, "x": c(x), "y": c(y), "text-anchor": anchor, "fill": color, "stroke": "#ffffff",
                          "stroke-width": "3", "paint-order": "stroke", "stroke-linejoin": "round"]
        if italic { attributes["font-style"] = "italic" }
        svg.element("text", attributes, text: text)
    }

    /// A coordinate (2 decimals at most).
    private func c(_ value: Double) -> String { NumberFormat.trimmed(value, maxDecimals: 2) }
}

import KRTKinetics
import KRTPlanner
import KRTUnits

/// The fit's HTML page (`krtplan fit --report FILE.html`; docs/fitting.md "How to read the chart"): one
/// chart per solute with the observed labs, the population and individual courses and the posterior
/// prediction band, then the parameters, the labs and the band's probabilities. Self-contained, like the
/// plan report: no scripts, no network, every text escaped.
public enum FitReport {
    public static func html(_ fit: PatientFitResult, forecast: FitForecast) -> String {
        var page = FitPage()
        page.render(fit, forecast)
        return page.html.text
    }
}

struct FitPage: HTMLBlockWriter {
    var html = MarkupWriter()

    mutating func render(_ fit: PatientFitResult, _ forecast: FitForecast) {
        openDocument(title: "krtplan fit: \(fit.caseName)")
        html.open("header")
        html.element("h1", text: "krtplan fit: \(fit.caseName)")
        html.element("p", ["class": fit.converged ? "status" : "status status-fail"],
                     text: fit.converged ? "Fit converged (\(fit.estimation.reason))."
                        : "THE FIT DID NOT CONVERGE: \(fit.estimation.reason). Do not use these estimates; the population values apply.")
        let outliers = fit.labs.filter(\.possibleOutlier)
        if !outliers.isEmpty {
            list(outliers.map { "possible outlier: \($0.solute.symbol) at \(NumberFormat.hours($0.at)) observed \(NumberFormat.level($0.observed)) mmol/L, "
                + "standardised residual \(NumberFormat.trimmed($0.standardisedResidual, maxDecimals: 1)); kept in the fit — check the sample" },
                 className: "alerts")
        }
        html.element("p", ["class": "meta"], text: "Times in hours from now (0 h = the latest labs); negative times are the history. "
            + "Concentrations in mmol/L; phosphate as phosphorus (P).")
        html.element("p", ["class": "note"], markup: "<strong>Intended use.</strong> " + MarkupWriter.escape(PlanReport.intendedUse))
        html.close("header")
        section("charts", "Observed labs, population and individual courses, prediction band") { page in
            page.html.element("p", text: "Black dots: observed labs used in the fit. Dashed grey: population course (prior medians). "
                + "Solid blue: individual course (the fit's estimate). Shaded blue: 80 % (darker) and 95 % (lighter) prediction bands from "
                + "\(forecast.bands.draws) draws of the posterior, each run through the history to its own state at 0 h"
                + (forecast.forecastEnd > 0 ? " and on with the fluids and orders written in the case." : "."))
            if let note = forecast.note { page.html.element("p", ["class": "note"], text: note) }
            for (s, solute) in Solute.planned.enumerated() {
                page.html.open("figure")
                page.html.raw(FitChart(solute: solute, index: s, fit: fit, forecast: forecast).render())
                page.html.element("figcaption", text: "\(solute.reportName): observed, population, individual and prediction band, mmol/L.")
                page.html.close("figure")
            }
        }
        section("uncertainty", "Forecast probabilities") { page in UncertaintyReport.html(forecast.bands, into: &page) }
        section("parameters", "Parameters") { page in
            page.table(["Parameter", "Unit", "Population", "Individual", "95 % interval", "Shrinkage", "Flag"],
                       fit.estimation.parameters.map { p in
                           [p.name, p.unit, NumberFormat.significant(p.population, digits: 4), NumberFormat.significant(p.estimate, digits: 4),
                            "\(NumberFormat.significant(p.lower95, digits: 3))–\(NumberFormat.significant(p.upper95, digits: 3))",
                            p.shrinkage.map { NumberFormat.trimmed($0, maxDecimals: 2) } ?? "—",
                            p.atBound ? "AT BOUND" : (p.notInformed ? "not informed" : "")]
                       }, numeric: [2, 3, 5], empty: "No fitted parameters.")
        }
        section("labs", "Labs") { page in
            page.table(["Time", "Solute", "Observed", "Population", "Individual", "Standardised residual"],
                       fit.labs.map { lab in
                           [NumberFormat.hours(lab.at), lab.solute.symbol, NumberFormat.level(lab.observed), NumberFormat.level(lab.population),
                            NumberFormat.level(lab.individual), NumberFormat.trimmed(lab.standardisedResidual, maxDecimals: 2)
                                + (lab.possibleOutlier ? " possible outlier" : "")]
                       }, numeric: [0, 2, 3, 4, 5], empty: "No labs.")
        }
        section("audit", "Audit") { page in
            page.definitions([("Case SHA-256", fit.caseSHA256), ("Catalog SHA-256", fit.catalogSHA256),
                              ("Seed", "\(forecast.bands.seed) (\(forecast.bands.draws) draws)")], className: "audit")
        }
        html.element("footer", ["class": "note"], text: PlanReport.intendedUse)
        html.close("body")
        html.close("html")
    }

    mutating func section(_ id: String, _ title: String, _ body: (inout FitPage) -> Void) {
        html.open("section", ["id": id])
        html.element("h2", text: title)
        body(&self)
        html.close("section")
    }
}

/// One solute's fit chart: time axis from the history's start to the end of the forecast.
struct FitChart {
    let solute: Solute
    let index: Int
    let fit: PatientFitResult
    let forecast: FitForecast

    static let width = 960.0, left = 70.0, right = 930.0, top = 46.0, height = 230.0

    func render() -> String {
        let times = forecast.times
        let observed = fit.labs.filter { $0.solute == solute }
        let band = ChartBand(forecast.bands, solute)
        let values = (band?.values ?? []) + forecast.population[index] + forecast.individual[index] + observed.map(\.observed)
        let finite = values.filter(\.isFinite)
        var low = finite.min() ?? 0, high = finite.max() ?? 1
        if high - low < 1e-9 { low -= 0.5; high += 0.5 }
        let pad = (high - low) * 0.05
        let x = ChartScale(domain: (times.first ?? -1, Swift.max(times.last ?? 0, (times.first ?? -1) + 1)), range: (Self.left, Self.right))
        let y = ChartScale(domain: (low - pad, high + pad), range: (Self.top + Self.height, Self.top))
        let id = "fit-chart-\(solute.symbol)"
        var svg = MarkupWriter()
        let total = Self.top + Self.height + 60
        svg.open("svg", ["id": id, "class": "chart", "role": "img", "viewBox": "0 0 \(c(Self.width)) \(c(total))", "width": c(Self.width),
                         "height": c(total), "aria-labelledby": "\(id)-title", "font-family": "Helvetica, Arial, sans-serif", "font-size": "11"])
        svg.element("title", ["id": "\(id)-title"], text: "\(solute.reportName): observed labs, population and individual courses, prediction band (mmol/L)")
        svg.element("text", ["x": c(Self.left), "y": "18", "font-size": "14", "font-weight": "bold"], text: "\(solute.reportName), mmol/L")
        svg.element("rect", ["x": c(Self.left), "y": c(Self.top), "width": c(Self.right - Self.left), "height": c(Self.height),
                             "fill": "#ffffff", "stroke": "#333333", "stroke-width": "1"])
        for tick in y.ticks(count: 6) {
            svg.element("line", ["x1": c(Self.left), "x2": c(Self.right), "y1": c(y(tick)), "y2": c(y(tick)), "stroke": "#d9d9d9", "stroke-width": "0.6"])
            svg.element("text", ["x": c(Self.left - 6), "y": c(y(tick) + 4), "text-anchor": "end"], text: NumberFormat.trimmed(tick, maxDecimals: 3))
        }
        for tick in x.ticks(count: 12) {
            svg.element("line", ["x1": c(x(tick)), "x2": c(x(tick)), "y1": c(Self.top), "y2": c(Self.top + Self.height),
                                 "stroke": tick == 0 ? "#555555" : "#e3e3e3", "stroke-width": tick == 0 ? "1.2" : "0.6"])
            svg.element("text", ["x": c(x(tick)), "y": c(Self.top + Self.height + 18), "text-anchor": "middle"], text: NumberFormat.trimmed(tick, maxDecimals: 1))
        }
        svg.element("text", ["x": c((Self.left + Self.right) / 2), "y": c(Self.top + Self.height + 36), "text-anchor": "middle"],
                    text: "time from now (h); 0 h = now")
        band?.draw(&svg, x: x, y: y)
        polyline(&svg, times, forecast.population[index], x: x, y: y, attributes: ["class": "population", "stroke": "#777777", "stroke-dasharray": "6 4"])
        polyline(&svg, times, forecast.individual[index], x: x, y: y, attributes: ["class": "individual", "stroke": "#1f4e8c"])
        for lab in observed {
            svg.element("circle", ["class": "observed", "cx": c(x(lab.at)), "cy": c(y(lab.observed)), "r": "4",
                                   "fill": lab.possibleOutlier ? "#b00020" : "#111111"])
        }
        svg.element("text", ["x": c(Self.left), "y": c(total - 6), "fill": "#333333"],
                    text: "● observed   - - population   — individual   ▒ 80 % / 95 % band")
        svg.close("svg")
        return svg.text
    }

    private func polyline(_ svg: inout MarkupWriter, _ times: [Double], _ values: [Double], x: ChartScale, y: ChartScale, attributes: [String: String]) {
        let points = zip(times, values).filter { $0.1.isFinite }.map { "\(c(x($0.0))),\(c(y($0.1)))" }
        guard !points.isEmpty else { return }
        svg.element("polyline", attributes.merging(["points": points.joined(separator: " "), "fill": "none", "stroke-width": "2"]) { a, _ in a })
    }

    private func c(_ value: Double) -> String { NumberFormat.trimmed(value, maxDecimals: 2) }
}

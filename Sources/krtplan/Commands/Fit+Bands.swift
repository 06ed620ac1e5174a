import KRTPlanner
import KRTReport
import KRTUnits

/// The fit's prediction band in text, JSON and CSV (`krtplan fit --bands`; docs/fitting.md §6).
extension FitRendering {
    /// Population, individual and band courses at the band times (mmol/L), for the JSON.
    struct JSONForecast: Encodable {
        struct Course: Encodable {
            let solute: String
            let population_mmol_per_l: [Double]
            let individual_mmol_per_l: [Double]
        }
        let times_h: [Double]
        let forecast_end_h: Double
        let note: String?
        let courses: [Course]
        let uncertainty: UncertaintyBands
    }

    static func jsonForecast(_ forecast: FitForecast) -> JSONForecast {
        JSONForecast(times_h: forecast.times, forecast_end_h: forecast.forecastEnd, note: forecast.note,
                     courses: Solute.planned.enumerated().map { s, solute in
                         .init(solute: solute.rawValue, population_mmol_per_l: forecast.population[s], individual_mmol_per_l: forecast.individual[s])
                     }, uncertainty: forecast.bands)
    }

    /// The text section: the band's probabilities and draw-time table, and the course at 0 h.
    static func text(_ forecast: FitForecast) -> String {
        var lines = UncertaintyReport.text(forecast.bands)
        if let note = forecast.note { lines.append("  note: \(note)") }
        if let now = forecast.times.firstIndex(of: 0) {
            lines.append("  At 0 h (now), median [5–95 %]: " + Solute.planned.compactMap { solute in
                guard let p50 = forecast.bands.values(solute, percentile: 50)?[now], let p5 = forecast.bands.values(solute, percentile: 5)?[now],
                      let p95 = forecast.bands.values(solute, percentile: 95)?[now] else { return nil }
                return "\(solute.symbol) \(number(p50, 2)) [\(number(p5, 2))–\(number(p95, 2))]"
            }.joined(separator: "   "))
        }
        return lines.joined(separator: "\n")
    }

    /// CSV rows in the fit's columns: per band time and solute, `band_80` (lower_95/upper_95 hold the 10th/90th
    /// percentiles) and `band_95` (2.5th/97.5th), with the population and individual courses; all percentiles are in the JSON.
    static func csvRows(_ forecast: FitForecast) -> [String] {
        var rows: [String] = []
        for (t, time) in forecast.times.enumerated() {
            for (s, solute) in Solute.planned.enumerated() {
                for (record, low, high) in [("band_80", 10.0, 90.0), ("band_95", 2.5, 97.5)] {
                    guard let band = forecast.bands.band(solute, from: low, to: high) else { continue }
                    rows.append([record, solute.rawValue, number(time, 4), "", number(forecast.population[s][t], 4), number(forecast.individual[s][t], 4),
                                 "", number(band.low[t], 4), number(band.high[t], 4), "mmol/L", ""].joined(separator: ","))
                }
            }
        }
        return rows
    }
}

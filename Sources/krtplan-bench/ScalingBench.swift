import Foundation
import KRTPlanner
import LinearProgramming

/// The flagship case at 24 / 48 / 72 / 120 / 168 h horizons × 60 / 15 min steps (`--set horizon=… --set step=…`).
enum ScalingBench {
    static let grid: [(hours: Int, minutes: Int)] = [(24, 60), (24, 15), (48, 60), (48, 15), (72, 60), (72, 15), (120, 60), (120, 15),
                                                     (168, 60), (168, 15)]

    static func run(_ inputs: BenchInputs, _ settings: Settings, models: String) throws -> [[String: Any]] {
        var rows: [[String: Any]] = []
        var measured: [(variables: Double, seconds: Double)] = []
        for (hours, minutes) in grid {
            let document = try inputs.document(overrides: ["horizon=\(hours) h", "step=\(minutes) min"])
            let exportCase = try inputs.planningCase(document)
            var options = BenchInputs.options(for: exportCase, timeLimit: settings.scalingTimeLimit, threads: settings.threads)
            if let threshold = settings.rollingThreshold { options.rollingHorizon.threshold = threshold }
            if let window = settings.rollingWindow { options.rollingHorizon.window = window }
            if let commit = settings.rollingCommit { options.rollingHorizon.commit = commit }
            let planner = Planner(catalog: inputs.catalog, options: options)
            let name = "scaling-\(hours)h-\(minutes)min"
            let path = models + "/\(name).lp"
            try planner.exportModel(exportCase, format: .cplexLP).write(toFile: path, atomically: true, encoding: .utf8)
            var row: [String: Any] = ["name": name, "horizonHours": hours, "stepMinutes": minutes,
                                      "steps": hours * 60 / minutes, "timeLimit": settings.scalingTimeLimit, "model": path]
            if let size = PlanMeasure.size(exportCase), let variables = size["variables"] as? Int,
               let predicted = predict(Double(variables), from: measured), predicted > settings.scalingSkipAbove {
                row.merge(size) { $1 }
                row["skipped"] = "not planned: the fit over the smaller cases predicts \(Int(predicted)) s, "
                    + "above this run's \(Int(settings.scalingSkipAbove)) s allowance"
                row["predictedSeconds"] = predicted
                row["status"] = "skipped"
                Progress.say("scaling \(hours) h / \(minutes) min: \(variables) variables; skipped (predicted \(Int(predicted)) s)")
                rows.append(row)
                continue
            }
            let runs = try Clock.repeated(minRuns: 1, maxRuns: 5, budget: settings.scalingBudget) { _ in
                try PlanMeasure.run(planner, inputs.planningCase(document))
            }
            guard let last = runs.last else { continue }
            row.merge(last.json) { $1 }
            row["runs"] = runs.count
            row["totalSummary"] = Summary.of(runs.map(\.total))
            if PlanMeasure.internalsAvailable { row["searchSummary"] = Summary.of(runs.compactMap(\.search)) }
            let seconds = (last.search ?? last.total).wall
            if let variables = last.result.solver?.variables { measured.append((Double(variables), seconds)) }
            Progress.say("scaling \(hours) h / \(minutes) min: \(row["variables"] ?? "?") variables, "
                + "\(Progress.ms(seconds)) search, status \(last.result.status.rawValue)")
            rows.append(row)
        }
        return rows
    }

    /// Solve time predicted for `variables` by a power law through the measured cases (none: nil).
    static func predict(_ variables: Double, from measured: [(variables: Double, seconds: Double)]) -> Double? {
        guard let last = measured.max(by: { $0.variables < $1.variables }) else { return nil }
        let points = measured.filter { $0.seconds > 0 }.map { (log($0.variables), log($0.seconds)) }
        var exponent = 2.0
        if points.count >= 2 {
            let mx = points.map(\.0).reduce(0, +) / Double(points.count)
            let my = points.map(\.1).reduce(0, +) / Double(points.count)
            let sxx = points.map { ($0.0 - mx) * ($0.0 - mx) }.reduce(0, +)
            if sxx > 0 { exponent = points.map { ($0.0 - mx) * ($0.1 - my) }.reduce(0, +) / sxx }
        }
        return last.seconds * pow(variables / last.variables, max(1, exponent))
    }
}

import KRTPlanner
import KRTReport

/// Renders a plan or simulation in the requested format and writes it (and the HTML report).
enum ResultWriter {
    /// Refuses, before any work, an output that exists (without --force), is an input, or is given twice.
    /// - Parameter inputs: every input file and folder of the command (``CaseOptions/inputPaths``,
    ///   ``CatalogOptions/inputPaths``).
    static func checkOutputs(_ options: ResultOutputOptions, extra: [(option: String, path: String)] = [], inputs: [String]) throws {
        var targets: [(option: String, path: String)] = []
        if let output = options.output { targets.append(("--output", output)) }
        if let report = options.report { targets.append(("--report", report)) }
        try OutputFiles.check(targets + extra, inputs: inputs, force: options.force)
    }

    static func write(_ result: PlanResult, options: ResultOutputOptions) throws {
        let text: String
        switch options.format {
        case .text: text = PlanReport.text(result, options: ReportOptions(explain: options.explain, showMassUnits: options.massUnits))
        case .json: text = try render { () throws(ReportError) in try PlanReport.json(result) }
        case .csv: text = PlanReport.csv(result, table: options.table ?? .trajectory)
        }
        if let report = options.report {
            try OutputFiles.write(PlanReport.html(result, options: ReportOptions(explain: true, showMassUnits: options.massUnits)), to: report,
                                   replacing: options.force)
        }
        if let output = options.output { try OutputFiles.write(text, to: output, replacing: options.force) } else { Console.output(text) }
    }

    static func render(_ body: () throws(ReportError) -> String) throws -> String {
        do { return try body() } catch { throw CommandFailure(.internalError, "cannot render the result: \(error)") }
    }

    /// 4 when no plan meets the hard bounds, 3 when an alert says the orders or fluids are unsafe (a broken
    /// limit, a hard-bound crossing after the start: `PlanResult.startingValueRule`), else 0.
    static func status(of result: PlanResult) -> ExitStatus {
        if result.status == .hardBoundsUnmet || result.robust?.promiseKept == false { return .hardBoundsUnmet }
        return result.hasUnsafeAlert ? .unsafe : .ok
    }
}

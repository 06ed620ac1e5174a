import ArgumentParser
import Foundation
import KRTCatalog
import KRTInput
import KRTPlanner
import KRTReport

/// The case file and the `--set` overrides, shared by plan, simulate, validate and compare.
struct CaseOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("The case file (YAML; docs/case-format.md).", valueName: "case"))
    var casePath: String

    @Option(name: .customLong("set"),
            help: ArgumentHelp("Override one field, e.g. --set 'therapy.dialysate_flow=2000 mL/h'. Repeatable.", valueName: "path=value"))
    var overrides: [String] = []

    @Option(name: .customLong("labs"),
            help: ArgumentHelp("Add lab results from a FHIR R4 or CSV export (times from the case's start:; docs/labs-import.md). Repeatable.",
                               valueName: "file"))
    var labFiles: [String] = []

    /// The case file and every `--labs` file, for output protection (``OutputFiles``).
    var inputPaths: [String] { [casePath] + labFiles }

    /// The `--set` overrides (and `extra`), parsed: at most ``InputOverride/maxCount``, each field once,
    /// every path strict (`patient..weight`, `labs[0.5]` are refused). Errors name `--set` (exit 64).
    func parsedOverrides(extra: [String] = []) throws -> [InputOverride] {
        do throws(InputError) { return try InputOverride.list(parsing: overrides + extra) } catch {
            var message = error.issues.map(\.message).joined(separator: "; ")
            if message.contains("unexpected ':'") { message += " (YAML needs a space after ':', e.g. {choose_from: [Phoxilium]})" }
            throw CommandFailure.usage("--set", message)
        }
    }

    /// The case document with the overrides applied.
    func document(extra: [String] = []) throws -> YAMLDocument {
        try document(applying: parsedOverrides(extra: extra))
    }

    private func document(applying parsed: [InputOverride]) throws -> YAMLDocument {
        let document = try YAMLDocument.load(path: casePath)
        let overridden: YAMLDocument
        do throws(InputError) { overridden = try document.applying(parsed) } catch {
            throw CommandFailure.usage("--set", error.issues.map(\.message).joined(separator: "; "))
        }
        return labFiles.isEmpty ? overridden : try LabsMerge.document(overridden, labFiles: labFiles)
    }

    /// The case read, checked and resolved against the catalog. A problem in a value given with `--set` is
    /// reported against that option (`patient.weight (--set patient.weight=0 kg): …`), not a line of the file.
    /// With `start`, a case with `history:` is fitted first and starts from the fit (``FittedStart``); a fit
    /// that does not converge is exit 6 (``StartOptions/notConverged(_:)``).
    func planningCase(_ catalog: Catalog, mode: PlanningCase.Mode, extra: [String] = [], start: StartOptions? = nil) throws -> PlanningCase {
        let parsed = try parsedOverrides(extra: extra)
        let document = try document(applying: parsed)
        let prepared: FittedStart
        do throws(InputError) {
            let file = try CaseReader.read(document)
            guard let start else { return try PlanningCase.resolve(file, catalog: catalog, mode: mode) }
            prepared = try FittedStart.prepare(file, catalog: catalog, source: start.source, options: start.fitWork.estimator)
            if prepared.isUsable { return try prepared.planningCase(catalog: catalog, mode: mode) }
        } catch {
            throw error.attributing(to: parsed)
        }
        throw StartOptions.notConverged(prepared)
    }
}

/// Formats for a plan or simulation.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
    case csv
}

/// Where and how plan and simulate write their results.
struct ResultOutputOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Output format.", valueName: "text|json|csv"))
    var format: ReportFormat = .text

    @Option(help: ArgumentHelp("Write the result to this file (atomically) instead of standard output.", valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("Also write a self-contained HTML report with charts.", valueName: "file.html"))
    var report: String?

    @Flag(help: "Replace existing output files (never an input: the case, catalog or limits files).")
    var force = false

    @Flag(help: "Show binding limits, shadow prices, alternatives and assumptions in the text output.")
    var explain = false

    @Flag(name: .customLong("mass-units"), help: "Show phosphate and magnesium in mg/dL alongside mmol/L in text output.")
    var massUnits = false

    @Option(help: ArgumentHelp("The table for --format csv.", valueName: "trajectory|orders|fluids|lab-draws|bands|robust"))
    var table: CSVTable?

    func validate() throws {
        if table != nil, format != .csv { throw ValidationError("--table: applies only to --format csv") }
    }
}

extension CSVTable: ExpressibleByArgument {}

/// Planning controls shared by plan and compare.
struct SolverOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Worker threads (default: all cores). Results do not depend on it unless the time limit stops the search.",
                               valueName: "n"))
    var threads: Int?

    @Option(name: .customLong("time-limit"), help: ArgumentHelp("Time limit for the search in seconds (default: the case's solver.time_limit, else 30).",
                               valueName: "seconds"))
    var timeLimit: Double?

    @Option(name: .customLong("bound-nodes"), help: ArgumentHelp(
        "Branch-and-cut nodes spent on the proven lower bound (default 20; 0 for the LP relaxation's bound). More nodes tighten the stated gap at a cost in time, never the plan (docs/planner.md §5).",
        valueName: "n"))
    var boundNodes: Int?

    func validate() throws {
        if let boundNodes, !(0...PlanningOptions.boundNodesCeiling).contains(boundNodes) {
            throw ValidationError("--bound-nodes: \(boundNodes) is outside 0 to \(PlanningOptions.boundNodesCeiling); expected \(ArgumentErrors.expectation(for: "--bound-nodes"))")
        }
        if let threads, !(1...64).contains(threads) {
            throw ValidationError("--threads: \(threads) is outside 1 to 64; expected \(ArgumentErrors.expectation(for: "--threads"))")
        }
        if let timeLimit, !(timeLimit > 0 && timeLimit <= 3600) {
            let shown = timeLimit < 0 ? "\(Number.compact(timeLimit)) is negative" : "\(Number.compact(timeLimit)) is outside the range"
            throw ValidationError("--time-limit: \(shown); expected \(ArgumentErrors.expectation(for: "--time-limit"))")
        }
    }

    func planning(for file: CaseFile) -> PlanningOptions {
        var options = PlanningOptions(relativeGap: file.solver.relativeGap, timeLimit: timeLimit ?? file.solver.timeLimit)
        if let threads = threads ?? file.solver.threads { options.threads = threads }
        if let boundNodes { options.boundNodes = boundNodes }
        return options
    }
}

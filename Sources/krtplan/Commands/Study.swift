import ArgumentParser
import Foundation
import KRTBatch
import KRTInput
import KRTPlanner

/// `krtplan study CASE --patients N --seed S --variant …`: protocols compared across virtual patients.
struct Study: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare protocols (variants) across the same virtual patients, with 95 % intervals.",
        discussion: """
            Runs 'population' and 'batch simulate' (or plan, with --plan) in one process and reports per \
            protocol the share of patients below/above each hard bound and target at any time, time in range, \
            supplement burden and fluid use. The case itself is protocol 'base'; each --variant \
            NAME:PATH=VALUE[,...] is another. For a cluster, run the same steps in shards and report the merged \
            output with --results (docs/population.md).

            Exit codes: 0 reported; 3 some patient crossed a hard bound or got an order outside a catalog limit \
            (DANGER lines first); 64 usage; 65 bad data; 66 missing input; 73 cannot write output.
            """)

    enum Format: String, ExpressibleByArgument { case text, json, csv, html }

    @Argument(help: ArgumentHelp("The base case file (YAML); not with --results.", valueName: "case"))
    var casePath: String?

    @Option(help: ArgumentHelp("Number of virtual patients, 1 to 10000000.", valueName: "n"))
    var patients: Int?

    @Option(help: ArgumentHelp("Seed of the population.", valueName: "s"))
    var seed: UInt64?

    @Option(name: .customLong("variant"), help: ArgumentHelp("NAME:PATH=VALUE[,PATH=VALUE...] as in compare. Repeatable.", valueName: "variant"))
    var variants: [String] = []

    @Flag(help: "Plan each patient instead of simulating the written fluids and orders.")
    var plan = false

    @Option(help: ArgumentHelp("Report a merged 'batch' output (with --variant protocols) instead of running.", valueName: "file.jsonl"))
    var results: String?

    @Option(help: ArgumentHelp("Worker threads (default: all cores). The report does not depend on it.", valueName: "n"))
    var threads: Int?

    @Option(help: ArgumentHelp("Output format.", valueName: "text|json|csv|html"))
    var format: Format = .text

    @Option(help: ArgumentHelp("Write the report to this file (atomically).", valueName: "file"))
    var output: String?

    @Flag(help: "Replace an existing output file (never an input).")
    var force = false

    @OptionGroup var catalogOptions: CatalogOptions

    func validate() throws {
        if results != nil {
            guard casePath == nil, patients == nil, seed == nil, variants.isEmpty else {
                throw ValidationError("--results reports a finished batch: give no case, --patients, --seed or --variant with it")
            }
            return
        }
        guard casePath != nil else { throw ValidationError("give the base case file (or --results FILE)") }
        guard let patients else { throw ValidationError("--patients N is required") }
        guard (1...KRTBatch.Population.maxPatients).contains(patients) else {
            throw ValidationError("--patients must be from 1 to 10000000 (10^7), got \(patients)")
        }
        guard seed != nil else { throw ValidationError("--seed S is required: a study must be reproducible") }
        if let threads, !(1...64).contains(threads) { throw ValidationError("--threads must be from 1 to 64") }
    }

    func run() throws {
        try CommandRunner.run {
            let inputs = [casePath, results].compactMap { $0 }
            if let output { try OutputFiles.check(output, inputs: inputs, force: force, option: "--output") }
            let (records, command, protocols) = try results.map(Self.read) ?? execute()
            let (study, distributions) = KRTBatch.Study.summarise(records, command: command, protocols: protocols)
            let text: String
            switch format {
            case .text: text = study.text
            case .json: text = study.json
            case .csv: text = study.csv
            case .html: text = study.html(distributions)
            }
            if let output { try OutputFiles.write(text, to: output, replacing: force) } else { Console.output(text) }
            let danger = study.protocols.contains { outcome in
                outcome.limitChecksFailed > 0 || outcome.solutes.contains { $0.belowHardLow.count > 0 || $0.aboveHardHigh.count > 0 }
            }
            return danger ? .unsafe : .ok
        }
    }

    private func execute() throws -> ([BatchRecord], String, [String]) {
        guard let casePath, let patients, let seed else { throw CommandFailure(.usage, "give the base case, --patients and --seed") }
        _ = try CaseReader.read(YAMLDocument.load(path: casePath))
        let protocols = try BatchRunOptions.protocols(variants)
        let catalog = try catalogOptions.load()
        let command = BatchCommand.planner(simulate: !plan, catalog: catalog, options: PlanningOptions(timeLimit: 30)) {
            ResultWriter.status(of: $0).rawValue
        }
        let runner = BatchRunner(command: command, variants: protocols, shard: .whole,
                                 threads: threads ?? ProcessInfo.processInfo.activeProcessorCount)
        var index = 0
        var records: [BatchRecord] = []
        runner.run(next: {
            guard index < patients else { return nil }
            defer { index += 1 }
            return KRTBatch.Population.line(index: index, seed: seed, base: casePath)
        }, emit: { _ in }, observe: { records.append($0) })
        return (records, command.name, protocols.map(\.name))
    }

    /// A merged batch output: its records and, from the trailer, the command and protocols.
    static func read(_ path: String) throws -> ([BatchRecord], String, [String]) {
        guard let data = FileManager.default.contents(atPath: path) else { throw CommandFailure(.noInput, "\(path): no such file or not readable") }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
        guard let last = lines.last, let trailer = BatchJSON.decode(BatchTrailer.self, from: last) else {
            throw CommandFailure(.data, "\(path): no batch trailer as its last line; not a complete 'krtplan batch' output")
        }
        guard trailer.batchEnd.shard == BatchShard.whole.description else {
            throw CommandFailure(.data, "\(path) is shard \(trailer.batchEnd.shard); merge the shards first (krtplan batch merge)")
        }
        var records: [BatchRecord] = []
        for (number, line) in lines.dropLast().enumerated() {
            guard let record = BatchJSON.decode(BatchRecord.self, from: line) else {
                throw CommandFailure(.data, "\(path):\(number + 1): not a batch result line")
            }
            records.append(record)
        }
        return (records, trailer.batchEnd.command, trailer.batchEnd.protocols)
    }
}

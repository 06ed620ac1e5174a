import ArgumentParser
import Foundation
import KRTBatch
import KRTInput
import KRTPlanner

/// `krtplan population CASE --patients N --seed S`: virtual patients as batch lines.
struct Population: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write N virtual patients as JSON Lines that 'krtplan batch' reads (docs/population.md).",
        discussion: """
            Each line is {"base": CASE, "id": "p00000001", "set": {...}}: the case with weight, haematocrit, \
            starting labs, intake and model parameters drawn from the documented priors. The same seed gives \
            the same patients on every machine; patient k does not depend on N. CASE is written as given: run \
            the batch from the same folder.

            Exit codes: 0 written; 64 usage (N outside 1 to 10000000, no seed); 65 the case is not valid; \
            66 missing input; 73 cannot write output.
            """)

    @Argument(help: ArgumentHelp("The base case file (YAML).", valueName: "case"))
    var casePath: String

    @Option(help: ArgumentHelp("Number of patients, 1 to 10000000.", valueName: "n"))
    var patients: Int

    @Option(help: ArgumentHelp("Seed of the random draws (a whole number 0 to 18446744073709551615).", valueName: "s"))
    var seed: UInt64

    @Option(help: ArgumentHelp("Write the lines to this file (atomically) instead of standard output.", valueName: "file"))
    var output: String?

    @Flag(help: "Replace an existing output file (never the case).")
    var force = false

    @OptionGroup var catalogOptions: CatalogOptions

    func validate() throws {
        guard (1...KRTBatch.Population.maxPatients).contains(patients) else {
            throw ValidationError("--patients must be from 1 to 10000000 (10^7), got \(patients)")
        }
    }

    func run() throws {
        try CommandRunner.run {
            if let output { try OutputFiles.check(output, inputs: [casePath], force: force, option: "--output") }
            // The base case must be a valid case as it stands (65 otherwise), before N lines point at it.
            _ = try CaseReader.read(YAMLDocument.load(path: casePath))
            var sink = BatchSink(streaming: output == nil)
            for index in 0..<patients {
                sink.append(KRTBatch.Population.line(index: index, seed: seed, base: casePath))
            }
            sink.flush()
            if let output { try OutputFiles.write(sink.text, to: output, replacing: force) }
            return .ok
        }
    }
}

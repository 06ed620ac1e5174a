import KRTCatalog
import KRTInput
import KRTPlanner

/// The bundled catalog and case files of a checkout, read through the same public calls as the CLI.
struct BenchInputs {
    let root: String
    let catalog: Catalog

    init(root: String) throws {
        self.root = root
        catalog = try Catalog.load(directories: [root + "/formulations"])
    }

    /// The flagship case: 72 h hourly CVVHDF with citrate, five dialysates, the full catalog for
    /// post-replacement, four supplement types.
    static let flagship = "cases/flagship-citrate-cvvhdf.yaml"

    /// A case document with `PATH=VALUE` overrides applied (the CLI's `--set`).
    func document(_ path: String = flagship, overrides: [String] = []) throws -> YAMLDocument {
        let parsed = try overrides.map { text throws(InputError) in try InputOverride(parsing: text) }
        return try YAMLDocument.load(path: root + "/" + path).applying(parsed)
    }

    /// The case read, checked and resolved against the catalog.
    func planningCase(_ document: YAMLDocument, mode: PlanningCase.Mode = .plan) throws -> PlanningCase {
        try PlanningCase.resolve(CaseReader.read(document), catalog: catalog, mode: mode)
    }

    /// Planning options as the CLI derives them from the case (gap from the case), with `timeLimit`.
    static func options(for planningCase: PlanningCase, timeLimit: Double, threads: Int) -> PlanningOptions {
        PlanningOptions(relativeGap: planningCase.file.solver.relativeGap, timeLimit: timeLimit, threads: threads)
    }
}

import KRTCatalog
import KRTInput
import KRTKinetics
import KRTUnits

/// A case with every product and drug looked up in the catalog and every limit resolved: what the
/// planner and the simulator run on.
public struct PlanningCase: Sendable {
    public enum Mode: String, Sendable {
        /// The planner chooses (fluid `choose_from`, allowed supplements).
        case plan
        /// Fluids and orders as written; every stream needs a fixed product.
        case simulate
    }

    public let file: CaseFile
    public internal(set) var problem: PlanProblem
    /// SHA-256 of the loaded catalog.
    public let catalogSHA256: String
    /// Warnings from reading and resolving (the case is usable).
    public let warnings: [InputIssue]
    public let mode: Mode
    /// The catalog's standing notices of site policy beyond the label (``Catalog/labelExceedances``); every
    /// result shows them as alerts (``Alert/Kind/sitePolicyExceedsLabel``).
    public var labelExceedances: [String] = []
    /// For a case with `history:`, how the plan starts (``FittedStart``); shown at the top of every result.
    public var start: PlanStart? = nil
    /// For a case whose start was fitted: the posterior of that fit, the source of its bands (issue 15 item 5);
    /// nil: the population prior of the case's patient (``UncertaintySource/prior(_:cvScale:)``).
    public var uncertaintySource: UncertaintySource? = nil

    /// Looks up every name in `catalog` and resolves the limits; every problem is reported at once.
    public static func resolve(_ file: CaseFile, catalog: Catalog, mode: Mode) throws(InputError) -> PlanningCase {
        var resolver = CaseResolver(file: file, catalog: catalog, mode: mode)
        let problem = resolver.resolve()
        let issues = file.warnings + resolver.issues
        guard let problem, !issues.contains(where: { $0.severity == .error }) else {
            throw InputError(.data, source: file.source, issues: issues)
        }
        return PlanningCase(file: file, problem: problem, catalogSHA256: catalog.sha256, warnings: issues.warnings,
                            mode: mode, labelExceedances: catalog.labelExceedances)
    }
}

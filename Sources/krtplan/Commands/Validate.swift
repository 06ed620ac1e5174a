import ArgumentParser
import KRTInput
import KRTPlanner

/// `krtplan validate CASE`: every problem of a case at once, with field paths.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a case file: every problem at once, each with its field path.",
        discussion: """
            Reads the case, applies any --set overrides and looks up every product and drug in the catalog. \
            Without --mode it checks the case for planning and says whether it can also be simulated (that \
            needs a fixed product on every stream). Problems and warnings go to standard error, one line each \
            (FILE: FIELD.PATH (line N): message); the verdict goes to standard output.

            Exit codes: 0 valid (warnings may be printed); 64 usage; 65 problems found; 66 missing input.
            """)

    @OptionGroup var caseOptions: CaseOptions
    @OptionGroup var catalogOptions: CatalogOptions

    @Option(help: ArgumentHelp("Check only for planning (choose_from allowed) or only for simulation (fixed products).",
                               valueName: "plan|simulate"))
    var mode: ValidationMode?

    enum ValidationMode: String, ExpressibleByArgument, CaseIterable {
        case plan, simulate

        var planningMode: PlanningCase.Mode { self == .plan ? .plan : .simulate }
    }

    func run() throws {
        try CommandRunner.run {
            let catalog = try catalogOptions.load()
            let path = caseOptions.casePath
            let planningCase = try caseOptions.planningCase(catalog, mode: mode?.planningMode ?? .plan)
            for line in planningCase.warnings.groupedLines() { Console.error("\(path): \(line)") }
            let warnings = planningCase.warnings.isEmpty ? "" : " with \(planningCase.warnings.count) warning(s)"
            guard mode == nil else {
                Console.output("\(path): valid for \(mode?.rawValue ?? "plan")\(warnings)")
                return .ok
            }
            do throws(InputError) {
                _ = try PlanningCase.resolve(planningCase.file, catalog: catalog, mode: .simulate)
                Console.output("\(path): valid for plan and simulate\(warnings)")
            } catch {
                let errors = error.issues.errors
                let more = errors.count > 1 ? " (and \(errors.count - 1) more; see krtplan validate --mode simulate)" : ""
                Console.output("\(path): valid for plan\(warnings); not for simulate: "
                    + (errors.first.map { "\($0.path): \($0.message)" } ?? "it cannot be simulated") + more)
            }
            return .ok
        }
    }
}

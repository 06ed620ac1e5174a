import ArgumentParser
import KRTInput
import KRTPlanner

/// `krtplan validate CASE`: every problem of a case at once, with field paths.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a case file: every problem at once, each with its field path.",
        discussion: "Exit codes: 0 valid (warnings may be printed); 64 usage; 65 problems found; 66 missing input.")

    @OptionGroup var caseOptions: CaseOptions
    @OptionGroup var catalogOptions: CatalogOptions

    @Option(help: ArgumentHelp("Check for planning (choose_from allowed) or for simulation (fixed products).", valueName: "plan|simulate"))
    var mode: ValidationMode = .plan

    enum ValidationMode: String, ExpressibleByArgument, CaseIterable {
        case plan, simulate
    }

    func run() throws {
        try CommandRunner.run {
            let catalog = try catalogOptions.load()
            let planningCase = try caseOptions.planningCase(catalog, mode: mode == .plan ? .plan : .simulate)
            for warning in planningCase.warnings { Console.error("\(caseOptions.casePath): \(warning)") }
            Console.output("\(caseOptions.casePath): valid for \(mode.rawValue)"
                + (planningCase.warnings.isEmpty ? "" : " with \(planningCase.warnings.count) warning(s)"))
            return .ok
        }
    }
}

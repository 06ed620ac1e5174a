import ArgumentParser
import KRTPlanner
import LinearProgramming

/// The `krtplan` command line. Each subcommand is one type in `Commands/`.
@main
struct Krtplan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "krtplan",
        abstract: "Potassium, phosphate and magnesium planning for prolonged kidney replacement therapy.",
        discussion: """
            Results are options for a licensed clinician, with their basis shown; they do not replace \
            clinical judgement or pharmacist verification.

            Exit codes: 0 ok; 2 completed with warnings; 3 unsafe finding (e.g. a limit exceeded); \
            4 no plan meets the hard bounds; 5 no plan within the time limit; 6 fit did not converge; 64 usage; 65 bad data; \
            66 missing input; 70 internal error; 73 cannot write output; 74 cannot write to standard output.
            """,
        version: "krtplan \(Planner.toolVersion); model \(Planner.modelVersion); GLPK \(glpkVersion)",
        subcommands: [Plan.self, Simulate.self, Compare.self, Validate.self, Fit.self, Template.self, Formulations.self, Check.self,
                      Labs.self, Batch.self, Population.self, Study.self, Calibrate.self]
    )
}

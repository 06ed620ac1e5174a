import ArgumentParser

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
            64 usage; 65 bad data; 66 missing input; 70 internal error; 73 cannot write output.
            """,
        version: "krtplan 0.1.0-dev",
        subcommands: [Formulations.self, Check.self]
    )
}

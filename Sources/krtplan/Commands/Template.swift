import ArgumentParser

/// `krtplan template`: a commented starter case for a modality and an anticoagulation.
struct Template: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print a commented starter case for a modality and anticoagulation.",
        discussion: """
            Every field comes with its unit and a comment; the labs, weight and flows are placeholders to \
            replace with the patient's. The case validates (krtplan validate) and plans as printed. \
            With --output the case is written to a file (atomically; an existing file only with --force).

            Exit codes: 0 printed or written; 64 usage; 73 cannot write output.
            """)

    @Option(help: ArgumentHelp("The KRT modality.", valueName: "CVVH|CVVHD|CVVHDF|SLED|PIRRT"))
    var modality: CaseTemplate.Modality = .cvvhdf

    @Option(help: ArgumentHelp("The circuit anticoagulation.", valueName: "citrate|heparin|none"))
    var anticoagulation: CaseTemplate.Anticoagulation = .citrate

    @Option(help: ArgumentHelp("Write the case to this file (atomically) instead of standard output.", valueName: "file"))
    var output: String?

    @Flag(help: "Replace an existing output file.")
    var force = false

    func run() throws {
        try CommandRunner.run {
            let text = CaseTemplate(modality: modality, anticoagulation: anticoagulation).text
            guard let output else {
                Console.output(text)
                return .ok
            }
            try OutputFiles.check(output, inputs: [], force: force, option: "--output")
            try OutputFiles.write(text, to: output, replacing: force)
            return .ok
        }
    }
}

extension CaseTemplate.Modality: ExpressibleByArgument {
    init?(argument: String) {
        guard let found = Self.allCases.first(where: { $0.rawValue.lowercased() == argument.lowercased() }) else { return nil }
        self = found
    }
}

extension CaseTemplate.Anticoagulation: ExpressibleByArgument {
    init?(argument: String) {
        guard let found = Self.allCases.first(where: { $0.rawValue == argument.lowercased() }) else { return nil }
        self = found
    }
}

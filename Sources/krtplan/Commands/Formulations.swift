import ArgumentParser

/// `krtplan formulations`: the catalog of KRT fluids and supplements.
struct Formulations: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List, show and tabulate the KRT fluid and supplement catalog.",
        discussion: """
            The bundled catalog is found next to the executable (or in $KRTPLAN_FORMULATIONS); \
            --catalog adds a site's own folders and --limits applies a site's limits file.
            """,
        subcommands: [FormulationsList.self, FormulationsShow.self, FormulationsTable.self]
    )
}

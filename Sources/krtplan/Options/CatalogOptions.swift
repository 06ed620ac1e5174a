import ArgumentParser
import KRTCatalog

/// Where the catalog comes from; shared by every command that reads it.
struct CatalogOptions: ParsableArguments {
    @Option(name: .customLong("catalog"),
            help: ArgumentHelp("A site catalog folder (with fluids/ and/or supplements/) read after the bundled one. Repeatable.",
                               valueName: "dir"))
    var folders: [String] = []

    @Option(name: .customLong("limits"),
            help: ArgumentHelp("A site limits file that replaces supplement and compounding limits.", valueName: "file"))
    var limitsFile: String?

    /// Every catalog input, for output protection (``OutputFiles``): the bundled folder, each `--catalog`
    /// folder (a folder stands for every file in it) and the limits file.
    var inputPaths: [String] {
        [CatalogLocation.bundledDirectory()].compactMap { $0 } + folders + [limitsFile].compactMap { $0 }
    }

    /// The bundled catalog (``CatalogLocation``; `KRTPLAN_FORMULATIONS` overrides it) plus the site folders.
    func load() throws -> Catalog {
        guard let bundled = CatalogLocation.bundledDirectory() else {
            throw CommandFailure(.noInput, "the bundled catalog (formulations/) was not found near the executable; "
                + "set \(CatalogLocation.environmentVariable)=DIR")
        }
        return try Catalog.load(directories: [bundled] + folders, limitsFile: limitsFile)
    }
}

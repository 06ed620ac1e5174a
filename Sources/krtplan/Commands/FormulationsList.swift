import ArgumentParser
import KRTCatalog
import KRTInput
import KRTUnits

/// `krtplan formulations list`: one line per product, with K, PO4, Mg and Ca.
struct FormulationsList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List catalog fluids (K, PO4, Mg, Ca in mmol/L after mixing) or supplements."
    )

    @OptionGroup var catalogOptions: CatalogOptions

    @Option(name: .customLong("contains"),
            help: ArgumentHelp("Only products that contain this solute (potassium, phosphate, magnesium, … or K, PO4, Mg). Repeatable.",
                               valueName: "solute"))
    var contains: [String] = []

    @Option(help: ArgumentHelp("Only fluids with this role.", valueName: "dialysate|replacement|citrate"))
    var role: FluidRole?

    @Option(help: ArgumentHelp("Only products labelled for this market.", valueName: "US|EU"))
    var market: Market?

    @Flag(help: "List supplements instead of fluids.")
    var supplements = false

    @Option(help: ArgumentHelp("Output format.", valueName: "text|json"))
    var format: OutputFormat = .text

    func run() throws {
        try CommandRunner.run {
            let solutes = try contains.map { text in
                guard let solute = Solute.named(text) else {
                    let hint = Solute.suggestion(for: text).map { " (did you mean '\($0)'?)" } ?? ""
                    throw CommandFailure.usage("--contains", "'\(text)' is not a solute\(hint); expected one of "
                        + Solute.allCases.map(\.rawValue).joined(separator: ", "))
                }
                return solute
            }
            if supplements, role != nil {
                throw CommandFailure.usage("--role", "roles apply to fluids; drop --role or --supplements")
            }
            let catalog = try catalogOptions.load()
            if supplements {
                let selected = catalog.supplements.filter { supplement in
                    solutes.allSatisfy { (supplement.contentPerUnit[$0] ?? 0) > 0 }
                        && (market == nil || supplement.market == market)
                }
                try output(selected, catalog: catalog)
            } else {
                let selected = catalog.fluids.filter { fluid in
                    solutes.allSatisfy { fluid.concentration(of: $0) > 0 }
                        && (role.map { fluid.roles.contains($0) } ?? true)
                        && (market.map { fluid.market == $0 } ?? true)
                }
                try output(selected, catalog: catalog)
            }
            return .ok
        }
    }

    private func output(_ fluids: [Formulation], catalog: Catalog) throws {
        switch format {
        case .json:
            struct View: Encodable { let catalogSha256: String; let fluids: [FluidSummaryView] }
            Console.output(try Console.json(View(catalogSha256: catalog.sha256, fluids: fluids.map(FluidSummaryView.init))))
        case .text:
            Console.output(FluidText.list(fluids) + "\n\n\(fluids.count) of \(catalog.fluids.count) fluids; mmol/L after mixing. "
                + "Catalog sha256 \(catalog.sha256)")
        }
    }

    private func output(_ supplements: [Supplement], catalog: Catalog) throws {
        switch format {
        case .json:
            struct View: Encodable { let catalogSha256: String; let supplements: [SupplementSummaryView] }
            Console.output(try Console.json(View(catalogSha256: catalog.sha256, supplements: supplements.map(SupplementSummaryView.init))))
        case .text:
            Console.output(SupplementText.list(supplements) + "\n\n\(supplements.count) of \(catalog.supplements.count) supplements. "
                + "Catalog sha256 \(catalog.sha256)")
        }
    }
}

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
                try output(selected.map(SupplementSummaryView.init), key: "supplements", of: catalog.supplements.count,
                           table: SupplementText.list(selected), catalog: catalog)
            } else {
                let selected = catalog.fluids.filter { fluid in
                    solutes.allSatisfy { fluid.concentration(of: $0) > 0 }
                        && (role.map { fluid.roles.contains($0) } ?? true)
                        && (market.map { fluid.market == $0 } ?? true)
                }
                try output(selected.map(FluidSummaryView.init), key: "fluids", of: catalog.fluids.count,
                           table: FluidText.list(selected), catalog: catalog)
            }
            return .ok
        }
    }

    /// Prints the selected rows as a text table or as `{catalog_sha256, <key>: [...]}`.
    private func output<Row: Encodable>(_ rows: [Row], key: String, of total: Int, table: String, catalog: Catalog) throws {
        switch format {
        case .json:
            Console.output(try Console.json(ListView(catalogSha256: catalog.sha256, key: key, rows: rows)))
        case .text:
            Console.output(table + "\n\n\(rows.count) of \(total) \(key)"
                + (key == "fluids" ? "; mmol/L after mixing" : "") + ". Catalog sha256 \(catalog.sha256)")
        }
    }
}

/// `{catalog_sha256, fluids|supplements: [...]}`.
private struct ListView<Row: Encodable>: Encodable {
    struct Key: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    let catalogSha256: String
    let key: String
    let rows: [Row]

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(catalogSha256, forKey: Key("catalogSha256"))
        try container.encode(rows, forKey: Key(key))
    }
}

import ArgumentParser
import KRTCatalog
import KRTInput
import KRTReport
import KRTUnits

/// `krtplan check`: the pharmacist's compounding check of additives in a KRT bag.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check additives compounded into a KRT fluid bag: final concentrations, osmolarity and safety findings.",
        discussion: """
            Give the order on the command line (--base, --volume, --add, --k-free, --mixed) or in a YAML \
            file (--order). Additives are products with a vial concentrate, ordered in mmol (phosphate), \
            mmol or mEq (K, Mg) or grams of the salt (magnesium sulfate).

            Exit codes: 0 nothing to act on; 2 warnings to act on; 3 unsafe; 64 usage; 65 bad data; \
            66 missing file; 70 internal error.
            """
    )

    @OptionGroup var catalogOptions: CatalogOptions

    @Option(help: ArgumentHelp("The KRT fluid, e.g. \"Prismasol BGK2/0\".", valueName: "name"))
    var base: String?

    @Option(help: ArgumentHelp("Volume in the bag before additives, with its unit (default: the bag volume).", valueName: "volume"))
    var volume: String?

    @Option(name: .customLong("add"),
            help: ArgumentHelp("An additive and its amount, e.g. \"potassium chloride 10 mmol\". Repeatable.", valueName: "additive"))
    var additives: [String] = []

    @Flag(name: .customLong("k-free"), help: "The bag must stay potassium-free.")
    var potassiumFree = false

    @Flag(inversion: .prefixedNo, help: "State that the bag's chambers are (--mixed) or are not (--no-mixed) mixed.")
    var mixed: Bool?

    @Option(help: ArgumentHelp("Read the order from a YAML file instead (docs/formulations.md).", valueName: "file"))
    var order: String?

    @Option(help: ArgumentHelp("Output format.", valueName: "text|json"))
    var format: OutputFormat = .text

    func run() throws {
        try CommandRunner.run {
            let usesArguments = base != nil || volume != nil || !additives.isEmpty || potassiumFree || mixed != nil
            if order != nil, usesArguments {
                throw CommandFailure(.usage, "give the order either in --order FILE or with --base/--volume/--add/--k-free/--mixed, not both")
            }
            if order == nil, base == nil {
                throw CommandFailure(.usage, "missing --base NAME (or --order FILE); see 'krtplan check --help'")
            }
            let catalog = try catalogOptions.load()
            let compounding: CompoundingOrder
            if let order {
                compounding = try CompoundingOrderReader.read(path: order, catalog: catalog)
            } else {
                compounding = try orderFromArguments(catalog)
            }
            let result: CompoundingResult
            do throws(CompoundingError) {
                result = try CompoundingCheck.run(compounding, limits: catalog.compounding)
            } catch {
                if let order { throw InputError(.data, source: order, path: FieldPath(parsing: error.field), message: error.message) }
                throw CommandFailure.usage(error.field == "volume" ? "--volume" : "--add", error.message)
            }
            let status = ExitStatus(worst: result.worstSeverity)
            // JSON by the canonical rules of docs/report.md (sorted keys, every key present, the number rule).
            Console.output(format == .json
                ? try ResultWriter.render { () throws(ReportError) in
                    try CanonicalJSON.string(CheckView(result, catalog: catalog, status: status), keys: .snakeCase)
                }
                : CheckText.render(result, catalog: catalog, status: status))
            return status
        }
    }

    /// The order from --base, --volume, --add, --k-free and --mixed; each bad value is a usage error.
    private func orderFromArguments(_ catalog: Catalog) throws -> CompoundingOrder {
        let fluid: Formulation
        do { fluid = try catalog.resolveFluid(base ?? "") } catch { throw CommandFailure.usage("--base", error.description) }
        var litres: Double?
        if let volume {
            do {
                let quantity = try Quantity(parsing: volume, expecting: .volume)
                litres = try quantity.canonicalValue()
            } catch {
                throw CommandFailure.usage("--volume", error.description)
            }
            if let value = litres, value < 0 {
                throw CommandFailure.usage("--volume", "\(volume) is negative; expected \(ArgumentErrors.expectation(for: "--volume"))")
            }
            if let value = litres, value == 0 { throw CommandFailure.usage("--volume", "'\(volume)' is not a positive volume") }
        }
        let parsed = try additives.map { text in
            do {
                let (name, amount) = try AdditiveText.split(text)
                return try AdditiveOrder(supplement: catalog.resolveSupplement(name), requested: amount)
            } catch {
                throw CommandFailure.usage("--add '\(text)'", "\(error)")
            }
        }
        return CompoundingOrder(base: fluid, volume: litres, additives: parsed, potassiumFree: potassiumFree, bagMixed: mixed)
    }
}

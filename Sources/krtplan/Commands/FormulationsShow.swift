import ArgumentParser
import KRTCatalog

/// `krtplan formulations show NAME`: one product with label units, mmol/L, sources and confidence.
struct FormulationsShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one fluid or supplement: values as labelled and in mmol/L, sources, confidence, limits, eligibility."
    )

    @OptionGroup var catalogOptions: CatalogOptions

    @Argument(help: ArgumentHelp("Product name, alias or id (case, spaces, '-' and '_' are ignored).", valueName: "name"))
    var name: String

    @Option(help: ArgumentHelp("Output format.", valueName: "text|json"))
    var format: OutputFormat = .text

    func run() throws {
        try CommandRunner.run {
            let catalog = try catalogOptions.load()
            if let fluid = catalog.fluid(named: name) {
                Console.output(format == .json ? try Console.json(FluidDetailView(fluid)) : FluidText.show(fluid))
            } else if let supplement = catalog.supplement(named: name) {
                Console.output(format == .json ? try Console.json(SupplementDetailView(supplement)) : SupplementText.show(supplement))
            } else {
                throw CommandFailure(.usage, Self.notFound(name, in: catalog))
            }
            return .ok
        }
    }

    /// "no product named …", with close fluid and supplement names.
    static func notFound(_ name: String, in catalog: Catalog) -> String {
        var suggestions: [String] = []
        do { _ = try catalog.resolveFluid(name) } catch { suggestions += error.suggestions }
        do { _ = try catalog.resolveSupplement(name) } catch { suggestions += error.suggestions }
        return LookupError(kind: "product", query: name, suggestions: Array(suggestions.prefix(3)),
                           hint: "see 'krtplan formulations list' and 'krtplan formulations list --supplements'").description
    }
}

import ArgumentParser

/// `compare --max-variants N`: a cap on the number of variants, so a mistaken script cannot start hours
/// of planning (docs/cli.md#compare).
struct VariantLimit: ParsableArguments {
    /// Variants accepted without `--max-variants`.
    static let defaultLimit = 64
    /// The most `--max-variants` can allow.
    static let ceiling = 1_000

    @Option(name: .customLong("max-variants"),
            help: ArgumentHelp("Most variants accepted (default \(VariantLimit.defaultLimit), at most \(VariantLimit.ceiling)).",
                               valueName: "n"))
    var maxVariants: Int = VariantLimit.defaultLimit

    func validate() throws {
        guard (1...Self.ceiling).contains(maxVariants) else {
            throw ValidationError("--max-variants: \(maxVariants) is outside 1 to \(Self.ceiling); expected \(ArgumentErrors.expectation(for: "--max-variants"))")
        }
    }

    /// Refuses more than `maxVariants` variants (64, before any work).
    func check(_ count: Int) throws {
        guard count <= maxVariants else {
            let raise = maxVariants < Self.ceiling ? "; raise the cap with --max-variants N (at most \(Self.ceiling))" : ""
            throw CommandFailure.usage("--variant", "\(count) variants given; at most \(maxVariants) are accepted\(raise)")
        }
    }
}

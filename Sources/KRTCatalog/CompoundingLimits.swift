import KRTInput
import KRTUnits

/// Limits for additives compounded into a KRT bag. Defaults live in the bundled
/// `formulations/compounding.yaml` (local policy, labelled so); a site's limits file replaces any of them.
public struct CompoundingLimits: Sendable, Hashable {
    /// Largest final concentration per solute after additives, mmol/L (checked for every solute an
    /// additive raises).
    public var maxFinalConcentration: [Solute: Limit]
    /// How phosphate added to a calcium-containing fluid is classed: `unsafe` (default) or `warning`.
    public var phosphateWithCalcium: FindingSeverity
    /// Who set ``phosphateWithCalcium``.
    public var phosphateWithCalciumOrigin: LimitOrigin?

    public init(maxFinalConcentration: [Solute: Limit] = [:], phosphateWithCalcium: FindingSeverity = .unsafe,
                phosphateWithCalciumOrigin: LimitOrigin? = nil) {
        self.maxFinalConcentration = maxFinalConcentration
        self.phosphateWithCalcium = phosphateWithCalcium
        self.phosphateWithCalciumOrigin = phosphateWithCalciumOrigin
    }

    static let keys = ["max_final_concentration", "phosphate_with_calcium"]

    /// Reads `max_final_concentration` and `phosphate_with_calcium` from `field` on top of `base`.
    static func read(_ field: Field, sources: SourceTable, origin: LimitOrigin, defaultBasis: LimitBasis?,
                     base: CompoundingLimits, extraKeys: [String] = []) -> CompoundingLimits? {
        guard field.expectMapping(allowedKeys: keys + extraKeys) else { return nil }
        var limits = base
        var failed = false
        let maxima = field["max_final_concentration"]
        if maxima.isPresent, maxima.expectMapping(allowedKeys: Solute.allCases.map(\.rawValue),
                                                  expected: "a mapping of solutes to limits {value: 4 mmol/L, …}") {
            for key in maxima.keys {
                guard let solute = Solute(rawValue: key) else { failed = true; continue }
                let reader = LimitReader(sources: sources, origin: origin, defaultBasis: defaultBasis,
                                         conversion: LimitConversion(solute: solute))
                if let limit = reader.limit(maxima[key], .concentration) {
                    limits.maxFinalConcentration[solute] = limit
                } else {
                    failed = true
                }
            }
        }
        let policy = field["phosphate_with_calcium"]
        if policy.isPresent {
            switch policy.string(expected: "unsafe or warning") {
            case "unsafe": limits.phosphateWithCalcium = .unsafe
            case "warning": limits.phosphateWithCalcium = .warning
            case let text?:
                policy.error(value: text, "'\(text)' is not allowed; expected unsafe or warning")
                failed = true
            case nil: failed = true
            }
            limits.phosphateWithCalciumOrigin = origin
        }
        return failed ? nil : limits
    }
}

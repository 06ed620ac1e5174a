import KRTUnits

/// The physically meaningful values of one model parameter (docs/case-format.md, "Model parameters").
/// Outside it the model loses its meaning (a zero volume divides by zero; a sieving coefficient of 50
/// removes more than the blood carries), so a case override outside it is refused.
public struct ParameterRange: Sendable, Hashable {
    public let lower: Double
    /// `true`: the lower end itself is excluded (`> 0`).
    public let lowerOpen: Bool
    public let upper: Double

    public func contains(_ value: Double) -> Bool {
        value.isFinite && (lowerOpen ? value > lower : value >= lower) && value <= upper
    }

    /// "more than 0 and at most 1", "0.01 to 10".
    public func text(unit: String) -> String {
        let unitText = unit == "1" ? "" : " \(unit)"
        return lowerOpen
            ? "more than \(Quantity.format(lower)) and at most \(Quantity.format(upper))\(unitText)"
            : "\(Quantity.format(lower)) to \(Quantity.format(upper))\(unitText)"
    }
}

extension ParameterName {
    /// The accepted values, in the parameter's internal unit (``ParameterInfo/unit``).
    ///
    /// - volumes (L/kg): 0.01–10 (apparent volumes; the calibrated pools reach 1.6 L/kg, total body
    ///   water is about 0.6 L/kg; a zero volume divides by zero);
    /// - inter-compartment clearances (L/h): 0–100 (0 makes one pool);
    /// - fractions (plasma water, diffusive saturation, filtration-fraction ceiling): more than 0, at most 1;
    /// - sieving coefficients: 0–1.2 (a coefficient above 1 only through Donnan effects, never far);
    /// - absorbed fractions of intake: 0–1 (at most 100 %);
    /// - gut absorption rates (1/h): more than 0, at most 24;
    /// - urine-to-plasma ratios: 0–200; coupling α: 0–100; Mg threshold: 0.1–2 mmol/L;
    ///   coupling interval: 0.25–24 h;
    /// - per-solute KoA ratios: more than 0, at most 2; saturation ratios: more than 0, at most 1;
    /// - store volumes (L/kg): 0–20 (0 = no store; a bone/cell store can exceed body water as an apparent
    ///   volume); store clearances (L/h): 0–100;
    /// - shift-driver amounts (mmol per reference dose): 0–500; their onset/offset rates: more than 0, at most 24 /h;
    /// - intradialytic K shift into cells (mmol/kg/h): 0–1 (1 mmol/kg/h would move 300 mmol in a 4-h session).
    public var validRange: ParameterRange {
        switch self {
        case .potassiumECFVolume, .potassiumPoolVolume, .phosphateCentralVolume, .phosphatePoolVolume,
             .magnesiumECFVolume, .magnesiumPoolVolume:
            ParameterRange(lower: 0.01, lowerOpen: false, upper: 10)
        case .potassiumExchangeClearance, .phosphateMobilisationClearance, .magnesiumExchangeClearance:
            ParameterRange(lower: 0, lowerOpen: false, upper: 100)
        case .plasmaWaterFraction, .diffusiveSaturation, .filtrationFractionCeiling:
            ParameterRange(lower: 0, lowerOpen: true, upper: 1)
        case .sievingPotassium, .sievingPhosphate, .sievingMagnesium, .sievingMagnesiumCitrate:
            ParameterRange(lower: 0, lowerOpen: false, upper: 1.2)
        case .absorptionRatePotassium, .absorptionRatePhosphate, .absorptionRateMagnesium:
            ParameterRange(lower: 0, lowerOpen: true, upper: 24)
        case .intakeAbsorbedPotassium, .intakeAbsorbedPhosphate, .intakeAbsorbedMagnesium:
            ParameterRange(lower: 0, lowerOpen: false, upper: 1)
        case .urineToPlasmaPotassium, .urineToPlasmaPhosphate, .urineToPlasmaMagnesium:
            ParameterRange(lower: 0, lowerOpen: false, upper: 200)
        case .couplingAlpha:
            ParameterRange(lower: 0, lowerOpen: false, upper: 100)
        case .couplingMagnesiumThreshold:
            ParameterRange(lower: 0.1, lowerOpen: false, upper: 2)
        case .couplingInterval:
            ParameterRange(lower: 0.25, lowerOpen: false, upper: 24)
        case .koaRatioPotassium, .koaRatioPhosphate, .koaRatioMagnesium:
            ParameterRange(lower: 0, lowerOpen: true, upper: 2)
        case .saturationRatioPotassium, .saturationRatioPhosphate, .saturationRatioMagnesium:
            ParameterRange(lower: 0, lowerOpen: true, upper: 1)
        case .potassiumStoreVolume, .phosphateStoreVolume, .magnesiumStoreVolume:
            ParameterRange(lower: 0, lowerOpen: false, upper: 20)
        case .potassiumStoreClearance, .phosphateStoreClearance, .magnesiumStoreClearance:
            ParameterRange(lower: 0, lowerOpen: false, upper: 100)
        case .shiftInsulinAmount, .shiftSalbutamolAmount, .shiftBicarbonateAmount:
            ParameterRange(lower: 0, lowerOpen: false, upper: 500)
        case .shiftInsulinOnset, .shiftInsulinOffset, .shiftSalbutamolOnset, .shiftSalbutamolOffset,
             .shiftBicarbonateOnset, .shiftBicarbonateOffset:
            ParameterRange(lower: 0, lowerOpen: true, upper: 24)
        case .potassiumSessionShift:
            ParameterRange(lower: 0, lowerOpen: false, upper: 1)
        }
    }
}

extension Simulation {
    /// True when every state at every output time is a finite number.
    public var isFinite: Bool { states.allSatisfy { $0.allSatisfy(\.isFinite) } }
}

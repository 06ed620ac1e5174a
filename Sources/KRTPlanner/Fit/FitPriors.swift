import KRTEstimation
import KRTKinetics
import KRTUnits

/// What a fitted parameter acts on.
public enum FitTarget: Sendable, Hashable {
    /// A model parameter (docs/model.md §9), replacing the patient's value.
    case model(ParameterName)
    /// The effective delivered fraction of the therapy (every history segment scales with it).
    case deliveredFraction
    /// Serum level (mmol/L) at the history's start, pools at equilibrium with it.
    case initialSerum(Solute)

    /// The solute whose labs inform it (nil: every solute).
    public var solute: Solute? {
        switch self {
        case let .initialSerum(s): s
        case .deliveredFraction: nil
        case let .model(name):
            switch name {
            case .potassiumECFVolume, .potassiumPoolVolume, .potassiumExchangeClearance, .intakeAbsorbedPotassium,
                 .urineToPlasmaPotassium, .couplingAlpha: .potassium
            case .phosphateCentralVolume, .phosphatePoolVolume, .phosphateMobilisationClearance, .intakeAbsorbedPhosphate,
                 .urineToPlasmaPhosphate: .phosphate
            default: .magnesium
            }
        }
    }

    /// The report name (snake_case, as in the case file's `patient.parameters`).
    public var name: String {
        switch self {
        case let .model(p): p.snakeCaseName
        case .deliveredFraction: "delivered_fraction"
        case let .initialSerum(s): "initial_\(s.rawValue)"
        }
    }
}

/// The prior of one fitted parameter: CV, transform and where the CV comes from (docs/model.md "Priors
/// for the per-patient fit"). The median is always the value the model would use without a fit.
public struct FitPrior: Sendable, Hashable {
    public var cv: Double
    public var transform: EstimatedParameter.Transform
    public var source: String
    public var isAssumption: Bool

    /// The documented prior of each fitted target (medians come from the case).
    public static func of(_ target: FitTarget) -> FitPrior {
        switch target {
        case .model(.potassiumECFVolume):
            FitPrior(cv: 0.25, transform: .log, source: "ASSUMPTION: ECF volume varies with fluid balance in the ICU", isAssumption: true)
        case .model(.potassiumPoolVolume):
            FitPrior(cv: 0.5, transform: .log, source: "ASSUMPTION: calibrated population value of low authority (docs/model.md §4)", isAssumption: true)
        case .model(.potassiumExchangeClearance):
            FitPrior(cv: 0.5, transform: .log, source: "ASSUMPTION: calibrated population value (docs/model.md §4)", isAssumption: true)
        case .model(.phosphateCentralVolume):
            FitPrior(cv: 0.35, transform: .log, source: "Agar 2011 CJASN (22 HD patients) 11.9 ± 3.8 L; Leypoldt 2013 Kidney Int 9.4 (7.2–12.0) L", isAssumption: false)
        case .model(.phosphatePoolVolume):
            FitPrior(cv: 0.5, transform: .log, source: "ASSUMPTION: calibrated population value (docs/model.md §4)", isAssumption: true)
        case .model(.phosphateMobilisationClearance):
            FitPrior(cv: 0.45, transform: .log, source: "Leypoldt 2013 Kidney Int (774 HEMO patients) 87 (65–116) mL/min, log-normal CV ≈ 45 %; Agar 2011 98 ± 44 mL/min", isAssumption: false)
        case .model(.magnesiumPoolVolume):
            FitPrior(cv: 0.4, transform: .log, source: "ASSUMPTION: calibrated population value (docs/model.md §4)", isAssumption: true)
        case .model(.intakeAbsorbedPotassium):
            FitPrior(cv: 0.1, transform: .logit, source: "ASSUMPTION", isAssumption: true)
        case .model(.intakeAbsorbedPhosphate):
            FitPrior(cv: 0.2, transform: .logit, source: "ASSUMPTION", isAssumption: true)
        case .model(.intakeAbsorbedMagnesium):
            FitPrior(cv: 0.3, transform: .logit, source: "ASSUMPTION", isAssumption: true)
        case .model(.couplingAlpha):
            FitPrior(cv: 1.0, transform: .log, source: "ASSUMPTION: no published coefficient (docs/model.md §5); deliberately wide", isAssumption: true)
        case .model(.urineToPlasmaPotassium), .model(.urineToPlasmaPhosphate), .model(.urineToPlasmaMagnesium):
            FitPrior(cv: 0.5, transform: .log, source: "ASSUMPTION: urine-to-plasma ratios vary several-fold in oliguric AKI", isAssumption: true)
        case .deliveredFraction:
            FitPrior(cv: 0.1, transform: .logit, source: "ASSUMPTION; prescribed clearance overestimated delivered by 23.8 % on average (Claure-Del Granado 2011 CJASN)", isAssumption: true)
        case .initialSerum:
            FitPrior(cv: 0.2, transform: .log, source: "ASSUMPTION: median = the earliest usable lab of that solute", isAssumption: true)
        case .model:
            FitPrior(cv: 0.3, transform: .log, source: "ASSUMPTION", isAssumption: true)
        }
    }
}

/// Default residual error per solute: SD = √(additive² + (proportional · observed)²).
public enum FitResidualError {
    /// Proportional parts: the desirable analytical imprecision (K 2.4 %, P 4.3 %; Scand J Clin Lab
    /// Invest 2014, PMC4219582 Table II) doubled for pre-analytical and model error (ASSUMPTION); Mg 8 %
    /// ASSUMPTION. Additive parts (mmol/L, ASSUMPTION): K 0.1, P 0.03, Mg 0.02.
    public static func defaults(_ solute: Solute) -> ResidualErrorModel {
        switch solute {
        case .potassium: ResidualErrorModel(additive: 0.1, proportional: 0.048)
        case .phosphate: ResidualErrorModel(additive: 0.03, proportional: 0.086)
        default: ResidualErrorModel(additive: 0.02, proportional: 0.08)
        }
    }
}

import KRTUnits

/// One model parameter's default: value, unit, where it comes from, and whether it is an assumption.
public struct ParameterInfo: Sendable, Hashable {
    /// The value in internal units (see `unit`).
    public let value: Double
    /// Unit of `value`, e.g. "L/kg", "L/h", "1/h", "1".
    public let unit: String
    /// Where the number comes from (publication, label, or the calibration that set it).
    public let source: String
    /// `true` when no published figure gives it: chosen or calibrated by this model.
    public let isAssumption: Bool
}

/// The names of every adjustable model parameter. Volumes are per kg of body weight.
public enum ParameterName: String, Sendable, Hashable, CaseIterable, Comparable {
    // Potassium
    case potassiumECFVolume
    case potassiumPoolVolume
    case potassiumExchangeClearance
    // Phosphate
    case phosphateCentralVolume
    case phosphatePoolVolume
    case phosphateMobilisationClearance
    // Magnesium
    case magnesiumECFVolume
    case magnesiumPoolVolume
    case magnesiumExchangeClearance
    // Filter
    case plasmaWaterFraction
    case sievingPotassium
    case sievingPhosphate
    case sievingMagnesium
    case sievingMagnesiumCitrate
    case diffusiveSaturation
    case filtrationFractionCeiling
    // Gut and intake
    case absorptionRatePotassium
    case absorptionRatePhosphate
    case absorptionRateMagnesium
    case intakeAbsorbedPotassium
    case intakeAbsorbedPhosphate
    case intakeAbsorbedMagnesium
    // Residual renal function (urine-to-plasma ratios used when only urine output is known)
    case urineToPlasmaPotassium
    case urineToPlasmaPhosphate
    case urineToPlasmaMagnesium
    // Mg → K coupling
    case couplingAlpha
    case couplingMagnesiumThreshold
    case couplingInterval
    // Per-solute membrane transport (docs/model.md §3)
    case koaRatioPotassium
    case koaRatioPhosphate
    case koaRatioMagnesium
    case saturationRatioPotassium
    case saturationRatioPhosphate
    case saturationRatioMagnesium
    // Slow stores behind the exchangeable pools (docs/model.md §4)
    case potassiumStoreVolume
    case potassiumStoreClearance
    case phosphateStoreVolume
    case phosphateStoreClearance
    case magnesiumStoreVolume
    case magnesiumStoreClearance
    // Scheduled K shift drivers (docs/model.md §5a)
    case shiftInsulinAmount
    case shiftInsulinOnset
    case shiftInsulinOffset
    case shiftSalbutamolAmount
    case shiftSalbutamolOnset
    case shiftSalbutamolOffset
    case shiftBicarbonateAmount
    case shiftBicarbonateOnset
    case shiftBicarbonateOffset
    // K shift into cells while an intermittent dialysis session runs (docs/model.md §5b)
    case potassiumSessionShift

    public static func < (lhs: ParameterName, rhs: ParameterName) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }

    /// The default value with unit, source and assumption flag (docs/model.md has the same table).
    public var info: ParameterInfo {
        switch self {
        case .potassiumECFVolume:
            ParameterInfo(value: 0.20, unit: "L/kg", source: "ECF ≈ 20 % of body weight (textbook); Ursino 2000 ECF K 75 mmol ≈ 17 L at 4.5 mmol/L", isAssumption: false)
        case .potassiumPoolVolume:
            ParameterInfo(value: 1.66, unit: "L/kg", source: "CALIBRATED on figures.yaml calibration half (krtplan calibrate, 15 parameters; docs/model.md §4.1): KIV-01/03 infusion, KHD-01/03/05/07/09/11 HD removal, end level and rebound, SH-* shift drivers", isAssumption: true)
        case .potassiumExchangeClearance:
            ParameterInfo(value: 18.6, unit: "L/h", source: "CALIBRATED with potassiumPoolVolume on the calibration half (docs/model.md §4.1): post-HD rebound (KHD-09), end-of-infusion peak (KIV-01/03), shift-driver time courses", isAssumption: true)
        case .phosphateCentralVolume:
            ParameterInfo(value: 0.136, unit: "L/kg", source: "Leypoldt JK et al., Kidney Int 2013 (774 HEMO pts): V_c 13.6 % of post-dialysis weight", isAssumption: false)
        case .phosphatePoolVolume:
            ParameterInfo(value: 1.15, unit: "L/kg", source: "CALIBRATED (docs/model.md §4.2): finite mobilisable pool fitted on the calibration half (PHD-01/03/05/07/09/11/13, PCR-01/03, MEM-01) with the P KoA ratio", isAssumption: true)
        case .phosphateMobilisationClearance:
            ParameterInfo(value: 10.8, unit: "L/h", source: "CALIBRATED (docs/model.md §4.2): 180 mL/min, inside Agar 2011's HD range 45–208 mL/min (median 87, Leypoldt 2013; 112 ± 44 in Blood Purif 2013)", isAssumption: true)
        case .magnesiumECFVolume:
            ParameterInfo(value: 0.20, unit: "L/kg", source: "ECF ≈ 20 % of body weight (textbook)", isAssumption: false)
        case .magnesiumPoolVolume:
            ParameterInfo(value: 0.16, unit: "L/kg", source: "CALIBRATED (docs/model.md §4.3): fitted on the calibration half (MGD-01/03/05/07/09/11) with the Mg KoA ratio and sieving; fast volume 0.36 L/kg with the ECF", isAssumption: true)
        case .magnesiumExchangeClearance:
            ParameterInfo(value: 8.0, unit: "L/h", source: "CALIBRATED with magnesiumPoolVolume (docs/model.md §4.3)", isAssumption: true)
        case .plasmaWaterFraction:
            ParameterInfo(value: 0.94, unit: "1", source: "Ursino & Innocenti 2008 Fp = 0.94 (mccsssk2/Frontiers2021)", isAssumption: false)
        case .sievingPotassium:
            ParameterInfo(value: 1.0, unit: "1", source: "common assumption SC ≈ 1 (measured hemofilter SC not found; ref §1.3 UNCONFIRMED)", isAssumption: true)
        case .sievingPhosphate:
            ParameterInfo(value: 1.0, unit: "1", source: "common assumption SC ≈ 1 (ultrafilterable ≈ 0.85 × Donnan 1.06 ≈ 0.9; ref §1.3 UNCONFIRMED)", isAssumption: true)
        case .sievingMagnesium:
            ParameterInfo(value: 0.70, unit: "1", source: "ultrafilterable Mg ≈ free 0.55–0.67 + complexed (PMID 9678428; PMC5786912): DERIVED 0.68–0.70", isAssumption: false)
        case .sievingMagnesiumCitrate:
            ParameterInfo(value: 1.0, unit: "1", source: "ASSUMPTION: under citrate almost all Mg leaves as free or Mg-citrate (post-filter Mg²⁺ −68 %, Zakharchenko Blood Purif 2016); reproduces −0.91 mmol/h at fluid Mg 0.75 for serum Mg ≈ 1.1", isAssumption: true)
        case .diffusiveSaturation:
            ParameterInfo(value: 1.0, unit: "1", source: "effluent saturation ≈ 100 % when Qd/Qb ≤ 0.4 (Adequator, citing Claure-Del Granado 2012)", isAssumption: false)
        case .filtrationFractionCeiling:
            ParameterInfo(value: 0.25, unit: "1", source: "CRRT-Calculator flag: amber > 0.20, red > 0.25 (GarrettMcDougall, not primary)", isAssumption: true)
        case .absorptionRatePotassium:
            ParameterInfo(value: 1.0, unit: "1/h", source: "ASSUMPTION: oral KCl absorbed within hours (≈ 90 % renally excreted within 7 h, Plenish-K SmPC)", isAssumption: true)
        case .absorptionRatePhosphate:
            ParameterInfo(value: 0.5, unit: "1/h", source: "ASSUMPTION: no published rate constant found", isAssumption: true)
        case .absorptionRateMagnesium:
            ParameterInfo(value: 0.3, unit: "1/h", source: "ASSUMPTION: no published rate constant found", isAssumption: true)
        case .intakeAbsorbedPotassium:
            ParameterInfo(value: 0.90, unit: "1", source: "ASSUMPTION: dietary K largely absorbed (KCl 'completely absorbed', label)", isAssumption: true)
        case .intakeAbsorbedPhosphate:
            ParameterInfo(value: 0.65, unit: "1", source: "'about two thirds of the ingested phosphate is absorbed' (Phospha 250 Neutral label, DailyMed)", isAssumption: false)
        case .intakeAbsorbedMagnesium:
            ParameterInfo(value: 0.35, unit: "1", source: "ASSUMPTION: dietary Mg absorption ≈ 30–40 % (textbook; MgO 4 %, Firoz & Graber 2001)", isAssumption: true)
        case .urineToPlasmaPotassium:
            ParameterInfo(value: 8.0, unit: "1", source: "ASSUMPTION: urine K ≈ 30–40 mmol/L at plasma 4–5 in oliguric AKI", isAssumption: true)
        case .urineToPlasmaPhosphate:
            ParameterInfo(value: 10.0, unit: "1", source: "ASSUMPTION: urine P ≈ 10–15 mmol/L at plasma 1.0–1.5", isAssumption: true)
        case .urineToPlasmaMagnesium:
            ParameterInfo(value: 3.0, unit: "1", source: "ASSUMPTION: urine Mg ≈ 2–3 mmol/L at plasma 0.8", isAssumption: true)
        case .couplingAlpha:
            ParameterInfo(value: 10.0, unit: "1", source: "ASSUMPTION (no published coefficient, ref §5): extra K loss = α·CL_K,res·max(0, Mg_thr − Mg)", isAssumption: true)
        case .couplingMagnesiumThreshold:
            ParameterInfo(value: 0.70, unit: "mmol/L", source: "lab lower limit of serum Mg (PMC8729834; Alfred Pathology RI) — threshold itself an ASSUMPTION", isAssumption: true)
        case .couplingInterval:
            ParameterInfo(value: 1.0, unit: "h", source: "design choice: sampled-data coupling grid anchored at t = 0", isAssumption: true)
        default:
            storeAndMembraneInfo
        }
    }
}

/// Every model parameter: the documented defaults plus optional per-case overrides.
public struct ModelParameters: Sendable, Hashable {
    /// Values that replace the defaults (internal units, as in ``ParameterInfo/unit``).
    public private(set) var overrides: [ParameterName: Double]

    public init(overrides: [ParameterName: Double] = [:]) { self.overrides = overrides }

    public static let defaults = ModelParameters()

    /// The value in force (override or default).
    public subscript(_ name: ParameterName) -> Double { overrides[name] ?? name.info.value }

    /// A copy with one parameter overridden.
    public func with(_ name: ParameterName, _ value: Double) -> ModelParameters {
        var copy = self
        copy.overrides[name] = value
        return copy
    }

    /// Whether the value in force for `name` is an assumption (overrides count as the caller's choice).
    public func isAssumption(_ name: ParameterName) -> Bool { overrides[name] == nil && name.info.isAssumption }

    /// Sieving coefficient for a planned solute (Mg uses the citrate value when `citrate` is true).
    public func sieving(_ solute: Solute, citrate: Bool) -> Double {
        switch solute {
        case .potassium: self[.sievingPotassium]
        case .phosphate: self[.sievingPhosphate]
        case .magnesium: citrate ? self[.sievingMagnesiumCitrate] : self[.sievingMagnesium]
        default: 0
        }
    }

    /// First-order gut absorption rate (1/h).
    public func absorptionRate(_ solute: Solute) -> Double {
        switch solute {
        case .potassium: self[.absorptionRatePotassium]
        case .phosphate: self[.absorptionRatePhosphate]
        case .magnesium: self[.absorptionRateMagnesium]
        default: 0
        }
    }

    /// Default absorbed fraction of continuous intake.
    public func intakeAbsorbedFraction(_ solute: Solute) -> Double {
        switch solute {
        case .potassium: self[.intakeAbsorbedPotassium]
        case .phosphate: self[.intakeAbsorbedPhosphate]
        case .magnesium: self[.intakeAbsorbedMagnesium]
        default: 0
        }
    }

    /// Diffusive KoA of `solute` as a fraction of the dialyser's (urea) KoA.
    public func koaRatio(_ solute: Solute) -> Double {
        switch solute {
        case .potassium: self[.koaRatioPotassium]
        case .phosphate: self[.koaRatioPhosphate]
        case .magnesium: self[.koaRatioMagnesium]
        default: 1
        }
    }

    /// Effluent saturation of `solute` relative to urea at CRRT flows (no KoA given).
    public func saturationRatio(_ solute: Solute) -> Double {
        switch solute {
        case .potassium: self[.saturationRatioPotassium]
        case .phosphate: self[.saturationRatioPhosphate]
        case .magnesium: self[.saturationRatioMagnesium]
        default: 1
        }
    }

    /// Default urine-to-plasma concentration ratio (used when only urine output is known).
    public func urineToPlasma(_ solute: Solute) -> Double {
        switch solute {
        case .potassium: self[.urineToPlasmaPotassium]
        case .phosphate: self[.urineToPlasmaPhosphate]
        case .magnesium: self[.urineToPlasmaMagnesium]
        default: 0
        }
    }
}

import KRTUnits

/// Defaults of the per-solute membrane parameters and of the slow stores (docs/model.md §3, §4, §9).
extension ParameterName {
    var storeAndMembraneInfo: ParameterInfo {
        switch self {
        case .koaRatioPotassium:
            ParameterInfo(value: Calibrated.koaRatioPotassium, unit: "1", source: "CALIBRATED on figures.yaml calibration half (krtplan calibrate; KHD-01/03/05/07 removal vs dialysate K and blood flow, with potassiumSessionShift; docs/model.md §4.1)", isAssumption: true)
        case .koaRatioPhosphate:
            ParameterInfo(value: Calibrated.koaRatioPhosphate, unit: "1", source: "CALIBRATED (krtplan calibrate) jointly on P removal per HD session (PHD-05/09/11) and MEM-01; MEM-01 alone (dialyser P clearance 160 ± 14 mL/min at Qb 350 / Qd 500, Blood Purif 2013;35 Suppl 1:59-63, https://pubmed.ncbi.nlm.nih.gov/23466381/) gives 0.36 (0.29–0.45) with Michaels on plasma-water flow (docs/model.md §4.2)", isAssumption: true)
        case .koaRatioMagnesium:
            ParameterInfo(value: Calibrated.koaRatioMagnesium, unit: "1", source: "CALIBRATED (krtplan calibrate) on the intradialytic Mg fall and neutral point (MGD-01/03/05, Leenders Sci Rep 2018); no published Mg KoA found (docs/validation/README.md)", isAssumption: true)
        case .saturationRatioPotassium, .saturationRatioPhosphate, .saturationRatioMagnesium:
            ParameterInfo(value: 1.0, unit: "1", source: "small solutes saturate the effluent when Qd/Qb ≤ 0.4 (Adequator, citing Claure-Del Granado 2012); per-solute values not found — 1.0 is an ASSUMPTION for K, P and Mg", isAssumption: true)
        case .potassiumStoreVolume:
            ParameterInfo(value: Calibrated.potassiumStoreVolume, unit: "L/kg", source: "ASSUMPTION: no K store (0 = off); a store did not improve the calibration-half fit (docs/model.md §4.1)", isAssumption: true)
        case .potassiumStoreClearance:
            ParameterInfo(value: Calibrated.potassiumStoreClearance, unit: "L/h", source: "ASSUMPTION: unused while the K store is off", isAssumption: true)
        case .phosphateStoreVolume:
            ParameterInfo(value: Calibrated.phosphateStoreVolume, unit: "L/kg", source: "ASSUMPTION: off (0). Fitted with the rest it went to its bound with no gain and a worse 48-h rebound (docs/model.md §4.2); topology as Daugirdas' two-pool P model (NDT 2018;33:76-84, https://pmc.ncbi.nlm.nih.gov/articles/PMC5837537), available by override", isAssumption: true)
        case .phosphateStoreClearance:
            ParameterInfo(value: Calibrated.phosphateStoreClearance, unit: "L/h", source: "ASSUMPTION: unused while the P store is off", isAssumption: true)
        case .magnesiumStoreVolume:
            ParameterInfo(value: Calibrated.magnesiumStoreVolume, unit: "L/kg", source: "CALIBRATED (figures.yaml calibration half MGL-01/03, MGD-01/05/07; MGD-07: dialysate Mg 0.37 vs 0.50 lowers pre-dialysis Mg only 0.066 mmol/L, Nefrología 2020): exchangeable bone-surface Mg behind the fast pool (ASSUMPTION), a regulated source/sink on clinical horizons", isAssumption: true)
        case .magnesiumStoreClearance:
            ParameterInfo(value: Calibrated.magnesiumStoreClearance, unit: "L/h", source: "CALIBRATED with magnesiumStoreVolume (time constant ≈ 100 days at 75 kg)", isAssumption: true)
        default:
            shiftInfo
        }
    }
}

extension ParameterName {
    var shiftInfo: ParameterInfo {
        switch self {
        case .shiftInsulinAmount:
            ParameterInfo(value: Calibrated.shiftInsulin.amount, unit: "mmol", source: "CALIBRATED: K moved into cells per 10 U IV insulin so K falls 1.18 mmol/L at 2 h after 10 U + 50 g glucose over 1 h (PLoS One 2017;12:e0172961, https://diabetes.medicinematters.com/link?doi=10.1371/journal.pone.0172961); effect ∝ √dose is an ASSUMPTION", isAssumption: true)
        case .shiftInsulinOnset:
            ParameterInfo(value: Calibrated.shiftInsulin.onset, unit: "1/h", source: "CALIBRATED: nadir 60–120 min after IV insulin (figures.yaml SH-11; Allon & Shanklin AJKD 1996, http://47.251.13.51:8081/8840939)", isAssumption: true)
        case .shiftInsulinOffset:
            ParameterInfo(value: Calibrated.shiftInsulin.offset, unit: "1/h", source: "ASSUMPTION: insulin's K-lowering effect wanes over 4–6 h (textbook); no time course to 6 h in the figures read", isAssumption: true)
        case .shiftSalbutamolAmount:
            ParameterInfo(value: Calibrated.shiftSalbutamol.amount, unit: "mmol", source: "CALIBRATED: K moved into cells per 10 mg nebulised salbutamol so K falls 0.85 mmol/L at 90 min (Am J Kidney Dis 1994;23:266-271, https://www.ncbi.nlm.nih.gov/pubmed?term=8311086); IV reference 0.5 mg; effect ∝ √dose ASSUMPTION", isAssumption: true)
        case .shiftSalbutamolOnset:
            ParameterInfo(value: Calibrated.shiftSalbutamol.onset, unit: "1/h", source: "CALIBRATED: nadir at 90 min after nebulisation (same source); IV onset 3× faster (nadir 30 min, same study; ASSUMPTION)", isAssumption: true)
        case .shiftSalbutamolOffset:
            ParameterInfo(value: Calibrated.shiftSalbutamol.offset, unit: "1/h", source: "CALIBRATED: K 6.5 → 6.0 mmol/L 6 h after 15 mg nebulised (J Intern Med 1990;228:35-37, https://pubmed.ncbi.nlm.nih.gov/2384735)", isAssumption: true)
        case .shiftBicarbonateAmount:
            ParameterInfo(value: Calibrated.shiftBicarbonate.amount, unit: "mmol", source: "CALIBRATED: K moved into cells per 1 mmol/kg NaHCO3 so K falls 0.35 mmol/L at 3 h after 1 mmol/kg over 2 h (Miner Electrolyte Metab 1991;17:297-302, https://www.ncbi.nlm.nih.gov/pubmed/1668124) and ≈ 0 at 1 h (Allon & Shanklin AJKD 1996)", isAssumption: true)
        case .shiftBicarbonateOnset:
            ParameterInfo(value: Calibrated.shiftBicarbonate.onset, unit: "1/h", source: "CALIBRATED with shiftBicarbonateAmount (slow onset: no change at 1 h)", isAssumption: true)
        case .shiftBicarbonateOffset:
            ParameterInfo(value: Calibrated.shiftBicarbonate.offset, unit: "1/h", source: "ASSUMPTION: wanes over hours; no later time point found", isAssumption: true)
        case .potassiumSessionShift:
            ParameterInfo(value: Calibrated.potassiumSessionShift, unit: "mmol/kg/h", source: "CALIBRATED on figures.yaml calibration half (KHD-01/03 dialysate-K arms, KHD-05/07 removal, KHD-09 rebound): K moved into cells while an intermittent session runs (bicarbonate/glucose dialysate: Ward 1987, Heguilén 2005; docs/model.md §5b)", isAssumption: true)
        default:
            ParameterInfo(value: 0, unit: "1", source: "", isAssumption: true)
        }
    }
}

/// The calibrated values in one place (docs/model.md §4 explains each calibration).
enum Calibrated {
    static let koaRatioPotassium = 0.50
    static let koaRatioPhosphate = 0.32
    static let koaRatioMagnesium = 0.16
    static let potassiumStoreVolume = 0.0
    static let potassiumStoreClearance = 0.0
    static let phosphateStoreVolume = 0.0
    static let phosphateStoreClearance = 0.0
    static let magnesiumStoreVolume = 10.0
    static let magnesiumStoreClearance = 0.3
    static let shiftInsulin = (amount: 59.0, onset: 4.8, offset: 0.5)
    static let shiftSalbutamol = (amount: 64.0, onset: 2.2, offset: 0.54)
    static let shiftBicarbonate = (amount: 62.0, onset: 0.35, offset: 0.3)
    static let potassiumSessionShift = 0.075
}

extension ModelParameters {
    /// Volume (L/kg) of the slow store behind `solute`'s pool; 0 = no store.
    public func storeVolume(_ solute: Solute) -> Double {
        switch solute {
        case .potassium: self[.potassiumStoreVolume]
        case .phosphate: self[.phosphateStoreVolume]
        case .magnesium: self[.magnesiumStoreVolume]
        default: 0
        }
    }

    /// K moved from the ECF into the cell pool while an intermittent (sessioned) circuit runs, mmol/h
    /// (`potassiumSessionShift` × weight; 0 for continuous therapy). Sign: positive = into cells.
    public func sessionPotassiumShift(therapy: Therapy, weight: Double) -> Double {
        therapy.sessions == nil ? 0 : self[.potassiumSessionShift] * weight
    }

    /// Pool ↔ store exchange clearance (L/h) of `solute`.
    public func storeClearance(_ solute: Solute) -> Double {
        switch solute {
        case .potassium: self[.potassiumStoreClearance]
        case .phosphate: self[.phosphateStoreClearance]
        case .magnesium: self[.magnesiumStoreClearance]
        default: 0
        }
    }
}

import KRTKinetics
import KRTPlanner

/// The priors of ``Population`` (the same table is in docs/population.md).
///
/// Model parameters: log-normal around the model's own default (docs/model.md), so the median virtual
/// patient is the default patient; their spreads (CV) are not published for this model and are ASSUMPTIONs.
/// Patient figures (weight, haematocrit, starting labs, intake) are ASSUMPTIONs describing adults starting
/// CRRT in intensive care. Starting labs are kept inside the default hard bounds (K 3.0–6.0, phosphate
/// 0.5–2.0, Mg 0.5–1.5 mmol/L), so that a study's hard-bound crossings come from the protocol, not the start.
public enum PopulationPriors {
    public static let all: [Prior] = patient + labs + intake + parameters

    static let patient: [Prior] = [
        Prior(path: "patient.weight", distribution: .logNormal(median: 78, cv: 0.25), low: 40, high: 180, unit: "kg", decimals: 1,
              source: "ASSUMPTION: adult ICU weights, median 78 kg, CV 25 %"),
        Prior(path: "patient.hematocrit", distribution: .normal(mean: 0.28, sd: 0.04), low: 0.18, high: 0.45, unit: "", decimals: 3,
              source: "ASSUMPTION: anaemia of critical illness, mean 0.28, SD 0.04"),
    ]

    static let labs: [Prior] = [
        Prior(path: "labs.potassium", distribution: .normal(mean: 4.6, sd: 0.7), low: 3.0, high: 6.0, unit: "mmol/L", decimals: 2,
              source: "ASSUMPTION: starting K at CRRT start, mean 4.6, SD 0.7 mmol/L"),
        Prior(path: "labs.phosphate", distribution: .logNormal(median: 1.3, cv: 0.3), low: 0.6, high: 2.0, unit: "mmol/L", decimals: 2,
              source: "ASSUMPTION: starting phosphate, often raised in AKI, median 1.3 mmol/L, CV 30 %"),
        Prior(path: "labs.magnesium", distribution: .normal(mean: 0.92, sd: 0.15), low: 0.55, high: 1.4, unit: "mmol/L", decimals: 2,
              source: "ASSUMPTION: starting Mg, mean 0.92, SD 0.15 mmol/L"),
    ]

    static let intake: [Prior] = [
        Prior(path: "patient.intake.potassium", distribution: .logNormal(median: 40, cv: 0.5), low: 0, high: 150, unit: "mmol/day", decimals: 1,
              source: "ASSUMPTION: enteral/parenteral K intake, median 40 mmol/day, CV 50 %"),
        Prior(path: "patient.intake.phosphate", distribution: .logNormal(median: 15, cv: 0.5), low: 0, high: 60, unit: "mmol/day", decimals: 1,
              source: "ASSUMPTION: phosphate intake, median 15 mmol/day, CV 50 %"),
        Prior(path: "patient.intake.magnesium", distribution: .logNormal(median: 5, cv: 0.5), low: 0, high: 20, unit: "mmol/day", decimals: 1,
              source: "ASSUMPTION: Mg intake, median 5 mmol/day, CV 50 %"),
    ]

    /// CV per varied model parameter (ASSUMPTION); the median is the parameter's default.
    static let parameterCVs: [(ParameterName, Double)] = [
        (.potassiumECFVolume, 0.15), (.potassiumPoolVolume, 0.25), (.potassiumExchangeClearance, 0.40),
        (.phosphateCentralVolume, 0.15), (.phosphatePoolVolume, 0.40), (.phosphateMobilisationClearance, 0.40),
        (.magnesiumECFVolume, 0.15), (.magnesiumPoolVolume, 0.25), (.magnesiumExchangeClearance, 0.40),
    ]

    static let parameters: [Prior] = parameterCVs.map { name, cv in
        let info = name.info
        return Prior(path: "patient.parameters.\(name.snakeCaseName)", distribution: .logNormal(median: info.value, cv: cv),
                     low: info.value / 2.5, high: info.value * 2.5, unit: info.unit == "1" ? "" : info.unit, decimals: 4,
                     source: "median: model default (docs/model.md); CV \(Int((cv * 100).rounded())) % ASSUMPTION")
    }
}

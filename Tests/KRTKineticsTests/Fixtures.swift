import KRTKinetics
import KRTUnits

/// Shared patients, prescriptions and fluids for the kinetics tests (internal units: L, h, kg, mmol).
enum Fixture {
    static let weight = 75.0
    /// 25 mL/kg/h at 75 kg.
    static let dose = 0.025 * weight

    /// "Typical" ICU enteral intake used by the calibration tests (ASSUMPTION, docs/validation.md):
    /// K 60, P 20, Mg 10 mmol/day gross.
    static let typicalIntake: [Solute: Patient.Intake] = [
        .potassium: .init(rate: 60 / 24.0),
        .phosphate: .init(rate: 20 / 24.0),
        .magnesium: .init(rate: 10 / 24.0),
    ]

    static func patient(intake: [Solute: Patient.Intake] = [:], residual: Patient.ResidualFunction = .none,
                        wasting: Bool = false, parameters: ModelParameters = .defaults) -> Patient {
        Patient(weight: weight, sex: .male, height: 1.78, hematocrit: 0.30, residualFunction: residual,
                intake: intake, magnesiumDrivenPotassiumWasting: wasting, parameters: parameters)
    }

    static let bloodFlow = 9.0  // 150 mL/min

    /// `patient` with a slow store behind every pool (overrides) and K shift drivers: 10 U insulin bolus at
    /// 2 h, 10 mg nebulised salbutamol over 15 min at 9.9 h, 100 mmol NaHCO3 over 1.5 h from 30.5 h.
    static func withStoresAndDrivers(_ patient: Patient) -> Patient {
        var rich = patient
        rich.parameters = patient.parameters.with(.potassiumStoreVolume, 2).with(.potassiumStoreClearance, 1)
            .with(.phosphateStoreVolume, 5).with(.phosphateStoreClearance, 1.5)
            .with(.magnesiumStoreVolume, 10).with(.magnesiumStoreClearance, 0.3)
        rich.shiftDrivers = [
            ShiftDriver(agent: .insulin, time: 2, dose: 10, dextrose: 25),
            ShiftDriver(agent: .salbutamol, time: 9.9, dose: 10, duration: 0.25, route: .nebulised),
            ShiftDriver(agent: .sodiumBicarbonate, time: 30.5, dose: 100, duration: 1.5),
        ]
        return rich
    }

    static func cvvhPost(citrate: Bool = false) -> Therapy {
        Therapy(modality: .cvvh, bloodFlow: bloodFlow, postReplacementFlow: dose - (citrate ? 0.3 : 0) - 0.05,
                netUltrafiltration: 0.05, anticoagulation: citrate ? .citrate(flow: 0.3) : .heparin)
    }

    static func cvvhPre(citrate: Bool = false) -> Therapy {
        Therapy(modality: .cvvh, bloodFlow: bloodFlow, preReplacementFlow: dose - (citrate ? 0.3 : 0) - 0.05,
                netUltrafiltration: 0.05, anticoagulation: citrate ? .citrate(flow: 0.3) : .heparin)
    }

    static func cvvhMixed(citrate: Bool = false) -> Therapy {
        let replacement = dose - (citrate ? 0.3 : 0) - 0.05
        return Therapy(modality: .cvvh, bloodFlow: bloodFlow, preReplacementFlow: replacement / 2,
                       postReplacementFlow: replacement / 2, netUltrafiltration: 0.05,
                       anticoagulation: citrate ? .citrate(flow: 0.3) : .heparin)
    }

    static func cvvhd(citrate: Bool = false) -> Therapy {
        Therapy(modality: .cvvhd, bloodFlow: bloodFlow, dialysateFlow: dose - (citrate ? 0.3 : 0) - 0.05,
                netUltrafiltration: 0.05, anticoagulation: citrate ? .citrate(flow: 0.3) : .heparin)
    }

    static func cvvhdf(citrate: Bool = false, deliveredFraction: Double = 1) -> Therapy {
        let half = (dose - (citrate ? 0.3 : 0) - 0.05) / 2
        return Therapy(modality: .cvvhdf, bloodFlow: bloodFlow, dialysateFlow: half, postReplacementFlow: half,
                       netUltrafiltration: 0.05, anticoagulation: citrate ? .citrate(flow: 0.3) : .heparin,
                       deliveredFraction: deliveredFraction)
    }

    /// SLED: 8-h sessions daily at 08:00, Qb 200 mL/min, Qd 100 mL/min, KoA 700 mL/min.
    static func sled(citrate: Bool = false, days: Int = 3) -> Therapy {
        Therapy(modality: .pirrt, bloodFlow: 12, dialysateFlow: 6, netUltrafiltration: 0.1,
                anticoagulation: citrate ? .citrate(flow: 0.4) : .heparin, dialyzerKoA: 42,
                sessions: (0..<days).map { Therapy.Session(start: 8 + 24 * Double($0), duration: 8) })
    }

    static var allTherapies: [(String, Therapy)] {
        [false, true].flatMap { citrate in
            [("CVVH post", cvvhPost(citrate: citrate)), ("CVVH pre", cvvhPre(citrate: citrate)),
             ("CVVH mixed", cvvhMixed(citrate: citrate)), ("CVVHD", cvvhd(citrate: citrate)),
             ("CVVHDF", cvvhdf(citrate: citrate)), ("SLED", sled(citrate: citrate))]
                .map { ("\($0.0)\(citrate ? " + citrate" : "")", $0.1) }
        }
    }

    /// Prismasol-like K 4, P 0, Mg 0.75 on every stream (citrate solution carries nothing).
    static let standardFluid: [Solute: Double] = [.potassium: 4, .phosphate: 0, .magnesium: 0.75]
    static let phoxilium: [Solute: Double] = [.potassium: 4, .phosphate: 1.2, .magnesium: 0.6]

    static func fluids(_ composition: [Solute: Double]) -> FluidSchedule {
        .constant(composition, on: [.dialysate, .preReplacement, .postReplacement])
    }

    /// A schedule with changes at 24 h and 48 h and a mixed set of doses (IV KCl, IV K-phosphate, IV MgSO4,
    /// oral phosphate bolus, oral KCl over 1 h).
    static let changingFluids = FluidSchedule(segments: [
        .dialysate: [.init(start: 0, concentrations: [.potassium: 2, .magnesium: 0.5]),
                     .init(start: 24, concentrations: [.potassium: 4, .phosphate: 1.2, .magnesium: 0.6])],
        .postReplacement: [.init(start: 0, concentrations: [.potassium: 4, .magnesium: 0.75]),
                           .init(start: 48, concentrations: [.potassium: 4, .phosphate: 1.0, .magnesium: 1.5])],
        .preReplacement: [.init(start: 0, concentrations: [.potassium: 4, .phosphate: 1.2, .magnesium: 0.6])],
    ])

    static let doses: [Dose] = [
        Dose(time: 3.5, route: .intravenous, amounts: [.potassium: 20], duration: 2),
        Dose(time: 10.25, route: .intravenous, amounts: [.phosphate: 15, .potassium: 22], duration: 2),
        Dose(time: 20, route: .intravenous, amounts: [.magnesium: 8.12], duration: 1.5),
        Dose(time: 30.4, route: .oral, amounts: [.phosphate: 16], duration: 0),
        Dose(time: 50, route: .oral, amounts: [.potassium: 20], duration: 1),
    ]

    static let normalSerum: [Solute: Double] = [.potassium: 4.0, .phosphate: 1.2, .magnesium: 0.85]
}

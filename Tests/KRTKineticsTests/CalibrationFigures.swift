import KRTUnits
@testable import KRTKinetics

/// The model's numbers for each row of docs/validation.md (computed, not asserted, here).
enum CalibrationFigure {
    static let anuric = Fixture.patient()

    /// Serum K rise (mmol/L) 12 h after 10 mmol IV K over 1 h, no KRT, no intake.
    static var potassiumRiseFor10mmol: Double {
        let run = Simulator(patient: anuric, therapy: offTherapy)
            .run(initialSerum: Fixture.normalSerum, fluids: FluidSchedule(),
                 doses: [Dose(time: 0, route: .intravenous, amounts: [.potassium: 10], duration: 1)], horizon: 12, outputStep: 12)
        return (run.serum(.potassium).last ?? 0) - 4.0
    }

    /// A circuit that never runs (one session outside the horizon).
    static let offTherapy = Therapy(modality: .pirrt, bloodFlow: 12, dialysateFlow: 6, dialyzerKoA: 42,
                                    sessions: [.init(start: 1000, duration: 1)])

    /// 4-h HD-like session: Qb 300 mL/min, Qd 500 mL/min, KoA 700 mL/min, dialysate K 2, start K 5.0.
    static let hdSession = Therapy(modality: .pirrt, bloodFlow: 18, dialysateFlow: 30, dialyzerKoA: 42,
                                   sessions: [.init(start: 0, duration: 4)])

    struct Session {
        let startK: Double, endK: Double, removed: Double, ecfShare: Double
        let k2h: Double, k6h: Double
    }

    static func potassiumSession(_ therapy: Therapy, length: Double, dialysateK: Double) -> Session {
        let model = KineticModel(patient: anuric, therapy: therapy)
        let run = Simulator(model: model).run(initialSerum: [.potassium: 5.0, .phosphate: 1.5, .magnesium: 0.9],
                                              fluids: .constant([.potassium: dialysateK, .magnesium: 0.5], on: [.dialysate]),
                                              horizon: length + 6, outputStep: 1)
        let k = run.serum(.potassium)
        let index = Int(length)
        let ecf = (5.0 - k[index]) * model.capacity(of: .potassiumECF)
        let poolState = run.states[index][StateIndex.potassiumPool.rawValue]
        let pool = (5.0 - poolState) * model.capacity(of: .potassiumPool)
        return Session(startK: 5.0, endK: k[index], removed: ecf + pool, ecfShare: ecf / (ecf + pool),
                       k2h: k[index + 2], k6h: k[index + 6])
    }

    /// Hours until serum P < 0.81 mmol/L on P-free CVVHDF 25 mL/kg/h from P 1.2 with typical intake.
    static var hoursToHypophosphataemia: Double {
        let run = Simulator(patient: Fixture.patient(intake: Fixture.typicalIntake), therapy: Fixture.cvvhdf())
            .run(initialSerum: [.potassium: 4, .phosphate: 1.2, .magnesium: 0.85],
                 fluids: Fixture.fluids(Fixture.standardFluid), horizon: 96, outputStep: 0.25)
        return zip(run.times, run.serum(.phosphate)).first { $0.1 < 0.81 }?.0 ?? .infinity
    }

    /// Serum P (min over 72 h, at 72 h) on Phoxilium (P 1.2) as dialysate and replacement, CVVHDF 25 mL/kg/h.
    static var phosphateOnPhoxilium: (minimum: Double, final: Double) {
        let run = Simulator(patient: Fixture.patient(intake: Fixture.typicalIntake), therapy: Fixture.cvvhdf())
            .run(initialSerum: [.potassium: 4, .phosphate: 1.2, .magnesium: 0.85], fluids: Fixture.fluids(Fixture.phoxilium),
                 horizon: 72, outputStep: 1)
        let p = run.serum(.phosphate)
        return (p.min() ?? 0, p.last ?? 0)
    }

    /// T3/T4-like RCA: 18 mmol/L citrate 1.0 L/h pre-filter (P-free) + P 1.2 fluid 0.6 dialysate + 0.6 post (55 %).
    static var phosphateOnCitratePlusPhosphateFluid: (minimum: Double, final: Double) {
        let therapy = Therapy(modality: .cvvhdf, bloodFlow: 9, dialysateFlow: 0.6, postReplacementFlow: 0.6,
                              anticoagulation: .citrate(flow: 1.0))
        let run = Simulator(patient: Fixture.patient(intake: Fixture.typicalIntake), therapy: therapy)
            .run(initialSerum: [.potassium: 4, .phosphate: 1.2, .magnesium: 0.85],
                 fluids: .constant(Fixture.phoxilium, on: [.dialysate, .postReplacement]), horizon: 72, outputStep: 1)
        let p = run.serum(.phosphate)
        return (p.min() ?? 0, p.last ?? 0)
    }

    /// Serum P at the end of 15 mmol IV over 2 h from 0.56 mmol/L (Rosen 1995 protocol), no KRT.
    static var phosphateAfterRosenInfusion: Double {
        let run = Simulator(patient: anuric, therapy: offTherapy)
            .run(initialSerum: [.potassium: 4, .phosphate: 0.56, .magnesium: 0.85], fluids: FluidSchedule(),
                 doses: [Dose(time: 0, route: .intravenous, amounts: [.phosphate: 15], duration: 2)], horizon: 2, outputStep: 2)
        return run.serum(.phosphate).last ?? 0
    }

    /// Apparent Vd (L/kg) at the end of dose = 0.5·W·(1.25 − 0.45) mmol at 10 mmol/h (J Crit Care 2013).
    static var phosphateApparentVolume: Double {
        let dose = 0.5 * Fixture.weight * (1.25 - 0.45)
        let hours = dose / 10
        let run = Simulator(patient: anuric, therapy: offTherapy)
            .run(initialSerum: [.potassium: 4, .phosphate: 0.45, .magnesium: 0.85], fluids: FluidSchedule(),
                 doses: [Dose(time: 0, route: .intravenous, amounts: [.phosphate: dose], duration: hours)],
                 horizon: hours, outputStep: hours)
        return dose / ((run.serum(.phosphate).last ?? 0) - 0.45) / Fixture.weight
    }

    /// Serum Mg rise per g MgSO4 (4.06 mmol) 6 h after starting 2 g over 2 h, no KRT.
    static var magnesiumRisePerGram: Double {
        let run = Simulator(patient: anuric, therapy: offTherapy)
            .run(initialSerum: [.potassium: 4, .phosphate: 1, .magnesium: 0.60], fluids: FluidSchedule(),
                 doses: [Dose(time: 0, route: .intravenous, amounts: [.magnesium: 2 * 4.057], duration: 2)], horizon: 6, outputStep: 6)
        return ((run.serum(.magnesium).last ?? 0) - 0.60) / 2
    }

    /// Zakharchenko 2016: CVVHDF 2 L/h (1 L/h dialysate + 1 L/h post), Qb 100 mL/min, 4 % TSC 0.2 L/h pre-filter.
    static let zakharchenko = Therapy(modality: .cvvhdf, bloodFlow: 6, dialysateFlow: 1.0, postReplacementFlow: 1.0,
                                      anticoagulation: .citrate(flow: 0.2))

    /// Mg balance (mmol/h, + = into patient) of the Zakharchenko circuit at serum Mg `c` with fluid Mg `fluid`.
    static func magnesiumBalance(serum c: Double, fluid: Double) -> Double {
        let ec = ExtracorporealCoefficients(solute: .magnesium, therapy: zakharchenko, patient: anuric)
        return -ec.netRemoval(serum: c, fluids: [.dialysate: fluid, .postReplacement: fluid])
    }

    /// Serum Mg at which the 0.75 fluid gives the published −0.91 mmol/h (DERIVED).
    static var magnesiumAtT0: Double {
        let ec = ExtracorporealCoefficients(solute: .magnesium, therapy: zakharchenko, patient: anuric)
        let inflow = (ec.stream[.dialysate] ?? 0) * 0.75 + (ec.stream[.postReplacement] ?? 0) * 0.75
        return (inflow + 0.91) / ec.serum
    }

    /// Mg balance 9 h after switching to fluid Mg 1.50 from steady state at ``magnesiumAtT0`` (no extra Mg).
    static var magnesiumBalanceAtT9: (balance: Double, serum: Double) {
        let c0 = magnesiumAtT0
        let run = Simulator(patient: anuric, therapy: zakharchenko)
            .run(initialSerum: [.potassium: 4, .phosphate: 1, .magnesium: c0],
                 fluids: .constant([.magnesium: 1.5], on: [.dialysate, .postReplacement]), horizon: 9, outputStep: 9)
        let c9 = run.serum(.magnesium).last ?? 0
        return (magnesiumBalance(serum: c9, fluid: 1.5), c9)
    }
}

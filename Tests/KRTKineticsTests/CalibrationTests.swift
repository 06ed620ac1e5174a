import KRTUnits
import Testing
@testable import KRTKinetics

/// One test per row of docs/validation.md, with the tolerance stated there.
@Suite("Calibration against published figures")
struct CalibrationTests {
    @Test func potassiumTenMillimolesRaiseSerumByAboutOneTenth() {
        let rise = CalibrationFigure.potassiumRiseFor10mmol
        // Known miss since the issue-14 recalibration (docs/validation.md row 1): the low-authority rule
        // conflicts with the ICU infusion data the K pool is now fitted to (docs/model.md §4.1).
        withKnownIssue("model 0.074 mmol/L per 10 mmol after redistribution (apparent volume 1.8 L/kg)") {
            #expect(rise >= 0.08 && rise <= 0.12, "model \(rise)")
        }
        #expect(rise > 0.06 && rise < 0.08, "the documented model value moved: \(rise)")
    }

    @Test func potassiumFourHourSessionSplitAndAmount() {
        let s = CalibrationFigure.potassiumSession(CalibrationFigure.hdSession, length: 4, dialysateK: 2)
        #expect(s.ecfShare >= 0.25 && s.ecfShare <= 0.42, "ECF share \(s.ecfShare)")
        #expect(s.removed >= 55 && s.removed <= 90, "removed \(s.removed) mmol")
    }

    @Test func phosphateFreeCRRTCausesHypophosphataemiaWithinOneToThreeDays() {
        let hours = CalibrationFigure.hoursToHypophosphataemia
        #expect(hours >= 12 && hours <= 56, "model \(hours) h")
    }

    @Test func phosphateFluidKeepsPhosphateNormal() {
        let phoxilium = CalibrationFigure.phosphateOnPhoxilium
        #expect(phoxilium.minimum >= 0.97 && phoxilium.final <= 1.45, "Phoxilium \(phoxilium)")
        let rca = CalibrationFigure.phosphateOnCitratePlusPhosphateFluid
        #expect(rca.minimum >= 0.9 && rca.final <= 1.45, "citrate + P fluid \(rca)")
    }

    @Test func intravenousPhosphateResponse() {
        let end = CalibrationFigure.phosphateAfterRosenInfusion
        #expect(end >= 0.74 && end <= 1.7, "Rosen end-of-infusion P \(end)")
        let vd = CalibrationFigure.phosphateApparentVolume
        // Known miss (docs/validation.md row 10, docs/model.md §4.4): the smaller, slower P pool that fits
        // the HD figures makes an ICU infusion raise serum P more.
        withKnownIssue("model Vd 0.39 L/kg with model krtplan-kinetics-3 (0.36 with kinetics-2)") {
            #expect(vd >= 0.42 && vd <= 0.61, "apparent Vd \(vd) L/kg")
        }
        #expect(vd > 0.37 && vd < 0.40, "the documented model value moved: \(vd)")
    }

    @Test func intravenousMagnesiumResponse() {
        let perGram = CalibrationFigure.magnesiumRisePerGram
        // Known miss (docs/validation.md row 11): the rule is from patients with normal kidneys; this
        // scenario is anuric, and the fitted fast Mg volume (0.40 L/kg, MGL-01/04) is smaller than the
        // old 1.0 L/kg. With a normal renal Mg clearance (4.6 L/h, MGL-06) the model gives 0.049.
        withKnownIssue("model 0.145 mmol/L per g in an anuric patient (kinetics-3: fast Mg volume 0.36 L/kg)") {
            #expect(perGram >= 0.04 && perGram <= 0.075, "model \(perGram) mmol/L per g")
        }
        #expect(perGram > 0.13 && perGram < 0.16, "the documented model value moved: \(perGram)")
    }

    @Test func magnesiumBalanceUnderCitrate() {
        let c0 = CalibrationFigure.magnesiumAtT0
        // DERIVED serum Mg that gives −0.91 mmol/h must be physiologically plausible.
        #expect(c0 >= 0.9 && c0 <= 1.3, "derived T0 serum Mg \(c0)")
        // Without citrate the same circuit removes less Mg (sieving 0.70 vs 1.0).
        var heparin = CalibrationFigure.zakharchenko
        heparin.anticoagulation = .heparin
        let withoutCitrate = ExtracorporealCoefficients(solute: .magnesium, therapy: heparin, patient: CalibrationFigure.anuric)
        let withCitrate = ExtracorporealCoefficients(solute: .magnesium, therapy: CalibrationFigure.zakharchenko, patient: CalibrationFigure.anuric)
        #expect(withCitrate.serum > withoutCitrate.serum * 1.3)
        // Switching to fluid Mg 1.50 turns the balance positive (published +0.20, IQR 0.06–0.35).
        let t9 = CalibrationFigure.magnesiumBalanceAtT9
        #expect(t9.balance > 0 && t9.balance < 0.6, "model T9 balance \(t9.balance) mmol/h at serum \(t9.serum)")
        #expect(t9.serum > c0, "arterial Mg rises after the switch")
    }
}

@Suite("PIRRT/SLED potassium")
struct PIRRTTests {
    @Test func potassiumFallsDuringSessionAndReboundsAfter() {
        let therapy = Fixture.sled()
        let run = Simulator(patient: Fixture.patient(), therapy: therapy)
            .run(initialSerum: [.potassium: 5.0, .phosphate: 1.5, .magnesium: 0.9],
                 fluids: .constant([.potassium: 2, .magnesium: 0.75], on: [.dialysate]), horizon: 30, outputStep: 1)
        let k = run.serum(.potassium)
        // Session 8–16 h: K falls every hour.
        for h in 9...16 { #expect(k[h] < k[h - 1], "falls at \(h) h") }
        // After 16 h K rises every hour, faster at first (ECF refills from the cell pool over hours).
        for h in 17...30 { #expect(k[h] > k[h - 1], "rebounds at \(h) h") }
        let fall = k[8] - k[16]
        #expect(k[22] - k[16] >= 0.3 * fall, "rebound 6 h after the session \(k[22] - k[16]) vs fall \(fall)")
        #expect(k[18] - k[16] > k[22] - k[18], "rebound is front-loaded")
    }

    @Test func sledSessionRemovesMostPotassiumFromCells() {
        let sled = Fixture.sled()
        var single = sled
        single.sessions = [.init(start: 0, duration: 8)]
        let s = CalibrationFigure.potassiumSession(single, length: 8, dialysateK: 2)
        // docs/validation.md row 5 (no published SLED figure, the 20 % floor was chosen): 19.8 % with model
        // kinetics-2 (a known miss); 22.6 % with kinetics-3, whose smaller K KoA ratio and intradialytic
        // shift (docs/model.md §5b) take less from the cells over 8 h.
        #expect(s.ecfShare >= 0.2 && s.ecfShare <= 0.42, "ECF share \(s.ecfShare)")
        #expect(s.k6h > s.endK + 0.3)
    }
}

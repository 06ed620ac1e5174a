import Foundation
import KRTUnits
import Testing
@testable import KRTKinetics

/// Prints the model's value for every row of docs/validation.md (only with KRT_CALIBRATION_REPORT=1):
/// the numbers in the "model" column come from here.
@Test(.enabled(if: ProcessInfo.processInfo.environment["KRT_CALIBRATION_REPORT"] == "1"))
func calibrationReport() {
    let f = CalibrationFigure.self
    let hd = f.potassiumSession(f.hdSession, length: 4, dialysateK: 2)
    var sled = Fixture.sled()
    sled.sessions = [.init(start: 0, duration: 8)]
    let sledSession = f.potassiumSession(sled, length: 8, dialysateK: 2)
    print("row 1 K rise per 10 mmol at 12 h: \(f.potassiumRiseFor10mmol)")
    print("row 2/3 HD ECF share \(hd.ecfShare) removed \(hd.removed) end \(hd.endK) 6h \(hd.k6h)")
    print("row 4/5 SLED ECF share \(sledSession.ecfShare) end \(sledSession.endK) 6h \(sledSession.k6h)")
    print("row 6 hours to hypoP \(f.hoursToHypophosphataemia)")
    print("row 7 Phoxilium \(f.phosphateOnPhoxilium)")
    print("row 8 RCA + P fluid \(f.phosphateOnCitratePlusPhosphateFluid)")
    print("row 9 Rosen \(f.phosphateAfterRosenInfusion)")
    print("row 10 Vd \(f.phosphateApparentVolume)")
    print("row 11 Mg per g \(f.magnesiumRisePerGram)")
    print("row 12 T0 serum Mg \(f.magnesiumAtT0)")
    print("row 13 T9 \(f.magnesiumBalanceAtT9)")
    let heparin: Therapy = { var t = f.zakharchenko; t.anticoagulation = .heparin; return t }()
    let ratio = ExtracorporealCoefficients(solute: .magnesium, therapy: f.zakharchenko, patient: f.anuric).serum
        / ExtracorporealCoefficients(solute: .magnesium, therapy: heparin, patient: f.anuric).serum
    print("row 14 citrate ratio \(ratio)")
}

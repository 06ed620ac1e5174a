import Foundation
import Testing
import KRTInput
import KRTKinetics
import KRTUnits
@testable import KRTPlanner

/// Reading case files: values in internal units, and every mistake reported with its field path.
struct CaseReaderTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let minimal = """
        name: minimal
        patient: {weight: 70 kg, sex: female, hematocrit: 0.3}
        labs: [{at: 0 h, potassium: 4 mmol/L, phosphate: 1 mmol/L, magnesium: 0.8 mmol/L}]
        therapy: {modality: CVVHD, blood_flow: 150 mL/min, dialysate_flow: 2 L/h}
        fluids: {dialysate: Phoxilium}
        horizon: 24 h
        step: 1 h
        """

    func read(_ text: String) throws(InputError) -> CaseFile {
        try CaseReader.read(YAMLDocument.parse(text, source: "case.yaml"))
    }

    /// The messages of a case that must fail.
    func messages(_ text: String) -> [String] {
        do { _ = try read(text); return [] } catch { return error.issues.map(\.description) }
    }

    func replacing(_ old: String, with new: String, in text: String = minimal) -> String {
        text.replacingOccurrences(of: old, with: new)
    }

    @Test func readsTheFlagshipCase() throws {
        let path = Self.packageRoot.appendingPathComponent("cases/flagship-citrate-cvvhdf.yaml").path
        let file = try CaseReader.read(path: path)
        #expect(file.patient.weight == 82)
        #expect(abs((file.initialLabs[.phosphate] ?? 0) - 2.2 * 10 / 30.974) < 1e-12)
        #expect(abs((file.initialLabs[.magnesium] ?? 0) - 1.4 * 10 / 24.305) < 1e-12)
        #expect(file.therapy.modality == .cvvhdf)
        #expect(file.therapy.bloodFlow == 9)
        #expect(file.therapy.citrateFlow == 1.5)
        #expect(file.therapy.deliveredFraction == 0.9)
        #expect(file.citrateSolution?.name == "Prismocitrate 18/0")
        #expect(file.fluids.changeEvery == 24)
        #expect(file.supplements.doseTimes == [0, 6, 12, 18, 24, 30, 36, 42, 48, 54, 60, 66])
        #expect(file.supplements.access == "central")
        #expect(file.limits.target(.potassium) == 4.0...5.0)
        #expect(file.patient.magnesiumDrivenPotassiumWasting)
        #expect(file.sha256.count == 64)
    }

    @Test func minimalCaseUsesDefaults() throws {
        let file = try read(Self.minimal)
        #expect(file.limits.hard(.potassium) == 3.0...6.0)
        #expect(file.solver.relativeGap == 0.01)
        #expect(file.labEvery == 12)
        #expect(file.supplements.allowed.isEmpty)
    }

    @Test func everyProblemIsReportedAtOnce() {
        let text = replacing("weight: 70 kg", with: "weight: 70").replacingOccurrences(of: "blood_flow: 150 mL/min", with: "blood_flow: 150 mL/h")
            .replacingOccurrences(of: "step: 1 h", with: "step: 48 h")
        let found = messages(text)
        #expect(found.contains { $0.hasPrefix("patient.weight") && $0.contains("no unit") })
        #expect(found.contains { $0.hasPrefix("therapy.blood_flow") && $0.contains("did you mean 150 mL/min") })
        #expect(found.contains { $0.hasPrefix("step") && $0.contains("longer than the horizon") })
    }

    @Test(arguments: [
        ("potassium: 4 mmol/L", "potassium: 42 mmol/L", "labs", "did you mean 4.2 mmol/L"),
        ("potassium: 4 mmol/L", "potassium: 4 mg/dL", "labs", "not 'mg/dL'"),
        ("hematocrit: 0.3", "hematocrit: 28", "patient.hematocrit", "28 %"),
        ("weight: 70 kg", "weight: 0 kg", "patient.weight", "must be positive"),
        ("horizon: 24 h", "horizon: 10 years", "horizon", "1 h to 14 days"),
        ("horizon: 24 h", "horizon: 0 h", "horizon", "1 h to 14 days"),
        ("dialysate_flow: 2 L/h", "dialysate_flow: -2 L/h", "therapy.dialysate_flow", "0 to 40 L/h"),
        ("modality: CVVHD, blood_flow", "modality: CVVHD, dialysate: x, blood_flow", "therapy.dialysate", "unknown field"),
        ("sex: female", "sex: femal", "patient.sex", "did you mean 'female'"),
        ("{dialysate: Phoxilium}", "{dialysate: {choose_from: []}}", "fluids.dialysate.choose_from", "empty"),
    ] as [(String, String, String, String)])
    func namesTheField(old: String, new: String, path: String, fragment: String) {
        let found = messages(replacing(old, with: new))
        #expect(found.contains { $0.hasPrefix(path) && $0.contains(fragment) }, "got \(found)")
    }

    @Test func contradictoryTherapyIsRefused() {
        let found = messages(replacing("dialysate_flow: 2 L/h", with: "dialysate_flow: 0 L/h"))
        #expect(found.contains { $0.hasPrefix("therapy.dialysate_flow") && $0.contains("CVVHD needs a dialysate flow") })
    }

    @Test func overlappingSessionsAreRefused() {
        let text = replacing("therapy: {modality: CVVHD, blood_flow: 150 mL/min, dialysate_flow: 2 L/h}",
                             with: "therapy: {modality: SLED, blood_flow: 200 mL/min, dialysate_flow: 6 L/h, dialyzer_koa: 600 mL/min, sessions: [{start: 0 h, duration: 8 h}, {start: 6 h, duration: 8 h}]}")
        let found = messages(text)
        #expect(found.contains { $0.hasPrefix("therapy.sessions") && $0.contains("overlap") }, "got \(found)")
    }

    @Test func suspiciousMagnesiumWarnsWithBothReadings() throws {
        let file = try read(replacing("magnesium: 0.8 mmol/L", with: "magnesium: 2.1 mmol/L"))
        let warning = try #require(file.warnings.first { $0.path.description.contains("magnesium") })
        #expect(warning.message.contains("2.1 mmol/L"))
        #expect(warning.message.contains("0.86 mmol/L"))
    }

    @Test func phosphateInMilliequivalentsIsAnError() {
        let found = messages(replacing("phosphate: 1 mmol/L", with: "phosphate: 2 mEq/L"))
        #expect(found.contains { $0.contains("never expressed in mEq") })
    }

    @Test func effluentDoseScalesFlows() throws {
        let file = try read(replacing("dialysate_flow: 2 L/h}", with: "dialysate_flow: 2 L/h, effluent_dose: 35 mL/kg/h}"))
        #expect(abs(file.therapy.effluentFlow - 0.035 * 70) < 1e-12)
    }

    @Test func rangesAcceptMassUnits() throws {
        let file = try read(Self.minimal + "\ntargets: {magnesium: 1.8 to 2.6 mg/dL}\n")
        let range = file.limits.target(.magnesium)
        #expect(abs(range.lowerBound - 1.8 * 10 / 24.305) < 1e-12)
    }
}

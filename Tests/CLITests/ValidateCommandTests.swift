import Foundation
import Testing

/// `krtplan validate`: good cases pass, a bad case lists every problem at once with its field path.
@Suite struct ValidateCommandTests {
    @Test(arguments: BundledCases.caseFiles)
    func everyBundledCaseIsValid(_ file: String) throws {
        let run = try Krtplan.run("validate", BundledCases.folder + "/" + file)
        #expect(run.status == 0, "\(file): \(run.stderr)")
        #expect(run.stdout.contains("valid for plan"))
        let simulated = BundledCases.runLines(in: file).contains { $0.command == "simulate" }
        if simulated { #expect(run.stdout.contains("valid for plan and simulate"), "\(file)") }
        #expect(run.stderrLines.allSatisfy { $0.contains("warning") }, "only warnings on stderr: \(run.stderr)")
    }

    @Test func aBadCaseGetsEveryProblemAtOnceWithFieldPathsAndLines() throws {
        let folder = try Krtplan.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Krtplan.write("""
            name: bad case
            patient: {weight: 82, sex: male, hematocrit: 0.3}
            labs:
              - {at: 0 h, potassium: 41 mmol/L, phosphate: 1.0 mmol/L, magnesium: 0.8 mmol/L}
            therapy: {modality: CVVHX, blood_flow: 150 mL/min}
            fluids: {}
            horizon: 72 h
            step: 7 h
            colour: blue

            """, to: folder + "/bad.yaml")
        let run = try Krtplan.run("validate", folder + "/bad.yaml")
        #expect(run.status == 65)
        #expect(run.stdout.isEmpty)
        let expected = [
            "bad.yaml: colour (line 9): unknown field 'colour'",
            "bad.yaml: step (line 8): step 7 h does not divide the horizon (72 h) into whole steps",
            "bad.yaml: patient.weight (line 2): 82 has no unit",
            "bad.yaml: labs[0].potassium (line 4): potassium 41 mmol/L is not a plausible serum level",
            "did you mean 4.1 mmol/L?",
            "bad.yaml: therapy.modality (line 5): 'CVVHX' is not a modality krtplan models",
        ]
        for phrase in expected { #expect(run.stderr.contains(phrase), "missing: \(phrase)\n\(run.stderr)") }
        #expect(run.stderrLines.allSatisfy { $0.hasPrefix("krtplan: ") })
        #expect(run.hasNoStackTrace)
    }

    @Test func unknownProductsAreNamedWithTheirFieldAndModeSimulateIsStrict() throws {
        let flagship = BundledCases.folder + "/flagship-citrate-cvvhdf.yaml"
        let unknown = try Krtplan.run("validate", flagship, "--set", "fluids.dialysate={choose_from: [Phoxilum, Biphozyl]}")
        #expect(unknown.status == 65)
        #expect(unknown.stderr.contains("fluids.dialysate.choose_from[0]"))
        #expect(unknown.stderr.contains("Phoxilum"))
        let plain = try Krtplan.run("validate", flagship)
        #expect(plain.status == 0)
        #expect(plain.stdout.contains("not for simulate: fluids.dialysate.choose_from"))
        let strict = try Krtplan.run("validate", flagship, "--mode", "simulate")
        #expect(strict.status == 65)
        #expect(strict.stderr.contains("simulate needs one product per stream"))
        let missing = try Krtplan.run("validate", BundledCases.folder + "/no-such-case.yaml")
        #expect(missing.status == 66)
    }
}

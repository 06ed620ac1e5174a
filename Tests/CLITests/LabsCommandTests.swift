import Foundation
import Testing

/// `krtplan labs import|export` and `--labs` on validate/plan, run as a user would (docs/labs-import.md).
@Suite struct LabsCommandTests {
    static let fixtures = Krtplan.packageRoot + "/Tests/KRTImportTests/Fixtures"
    static let bundle = fixtures + "/bundle-72h.json"
    static let anchor = "2026-12-01T08:00:00+01:00"

    /// The simulate case with a start: and only an old lab (so imported labs are the latest).
    static func caseText(start: Bool = true) throws -> String {
        let text = try String(contentsOfFile: Krtplan.packageRoot + "/cases/cvvh-phosphate-free-simulate.yaml", encoding: .utf8)
        var lines = text.components(separatedBy: "\n")
        let index = try #require(lines.firstIndex { $0.hasPrefix("labs:") })
        lines.remove(at: index)
        while index < lines.count, lines[index].hasPrefix("  -") { lines.remove(at: index) }
        lines.insert(contentsOf: ["labs:", "  - {at: -80 h, potassium: 5.0 mmol/L, phosphate: 1.5 mmol/L, magnesium: 0.9 mmol/L}"], at: index)
        if start { lines.insert("start: \(anchor)", at: 1) }
        return lines.joined(separator: "\n")
    }

    @Test func importPrintsTheLabsBlockAndNotesOnStandardError() throws {
        let run = try Krtplan.run("labs", "import", Self.bundle, "--anchor", Self.anchor)
        #expect(run.status == 0)
        #expect(run.stdout.contains("labs:\n  - {at: -72 h, potassium: 5.9 mmol/L, phosphate: 2.4 mmol/L, magnesium: 2.4 mg/dL}"))
        #expect(run.stdout.contains("{at: -36 h, potassium: 4.6 mmol/L"))
        #expect(run.stdout.contains("{at: -13 h, potassium: 6.7 mmol/L, haemolysed: true}"))
        #expect(run.stdout.contains("{at: -3 h, potassium: 4.3 mmol/L, whole_blood: true}"))
        #expect(!run.stdout.contains("magnesium: 0.7 mmol/L"), "the preliminary is not imported without the flag")
        #expect(run.stderr.contains("entered in error; dropped"))
        let json = try Krtplan.run("labs", "import", Self.bundle, "--anchor", Self.anchor, "--format", "json", "--allow-preliminary")
        #expect(json.status == 0)
        let labs = try #require(try json.json()["labs"] as? [[String: Any]])
        #expect(labs.count == 16)
        #expect((labs.first?["at"] as? [String: Any])?["unit"] as? String == "h")
    }

    @Test func withoutAnAnchorOrWithTwoPatientsNothingIsPrinted() throws {
        let noAnchor = try Krtplan.run("labs", "import", Self.bundle)
        #expect(noAnchor.status == 64 && noAnchor.stdout.isEmpty && noAnchor.stderr.contains("--anchor"))
        let two = try Krtplan.run("labs", "import", Self.fixtures + "/bundle-two-patients.json", "--anchor", Self.anchor)
        #expect(two.status == 65 && two.stdout.isEmpty && two.stderr.contains("two patients"))
        #expect(two.hasNoStackTrace)
    }

    @Test func intoWritesANewCaseNeverTheCaseAndNeverClobbers() throws {
        let folder = try Krtplan.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let casePath = folder + "/case.yaml", output = folder + "/today.yaml"
        let original = try Self.caseText()
        try Krtplan.write(original, to: casePath)
        let run = try Krtplan.run("labs", "import", Self.bundle, "--into", casePath, "--output", output)
        #expect(run.status == 0, "\(run.stderr)")
        let merged = try String(contentsOfFile: output, encoding: .utf8)
        #expect(merged.contains("  - {at: 0 h, potassium: 3.9 mmol/L, phosphate: 0.98 mmol/L, magnesium: 1.7 mg/dL}  # imported from bundle-72h.json"))
        #expect(merged.hasPrefix(original.components(separatedBy: "\n").prefix(5).joined(separator: "\n")), "the rest of the case is kept as written")
        #expect(try String(contentsOfFile: casePath, encoding: .utf8) == original)
        let validate = try Krtplan.run("validate", output)
        #expect(validate.status == 0 && validate.stdout.contains("valid"))

        let again = try Krtplan.run("labs", "import", Self.bundle, "--into", casePath, "--output", output)
        #expect(again.status == 73 && again.stderr.contains("--force"))
        #expect(try String(contentsOfFile: output, encoding: .utf8) == merged)
        let ontoInput = try Krtplan.run("labs", "import", Self.bundle, "--into", casePath, "--output", casePath, "--force")
        #expect(ontoInput.status == 73 && ontoInput.stderr.contains("input"))
        #expect(try String(contentsOfFile: casePath, encoding: .utf8) == original)
        // Merging again into the merged case adds nothing twice: every draw is already there.
        let twice = try Krtplan.run("labs", "import", Self.bundle, "--into", output, "--output", folder + "/twice.yaml")
        #expect(twice.status == 0 && twice.stderr.contains("already in"))
    }

    @Test func aConflictWithTheCaseWritesNothing() throws {
        let folder = try Krtplan.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let casePath = folder + "/case.yaml", output = folder + "/today.yaml"
        try Krtplan.write(try Self.caseText().replacingOccurrences(of: "at: -80 h", with: "at: 0 h"), to: casePath)
        let run = try Krtplan.run("labs", "import", Self.bundle, "--into", casePath, "--output", output)
        #expect(run.status == 65 && run.stderr.contains("given twice with different values") && run.stderr.contains("nothing written"))
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test func labsOnValidateAndPlanAddThemInMemory() throws {
        let folder = try Krtplan.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let casePath = folder + "/case.yaml"
        try Krtplan.write(try Self.caseText(), to: casePath)
        let before = try Krtplan.run("simulate", casePath, "--format", "json")
        let after = try Krtplan.run("simulate", casePath, "--format", "json", "--labs", Self.bundle)
        // The imported 0 h labs change the starting levels; since the issue-14 recalibration the simulation
        // from them crosses a hard bound (exit 3, a DANGER alert) where the case's own labs do not.
        #expect(before.status == 0 && [0, 3].contains(after.status), "\(after.status) \(after.stderr)")
        #expect(!before.stderr.contains("entered in error") && after.stderr.contains("entered in error"))
        #expect(before.stdout != after.stdout, "the imported 0 h labs change the starting levels")
        let validate = try Krtplan.run("validate", casePath, "--labs", Self.bundle)
        #expect(validate.status == 0 && validate.stdout.contains("valid"))
        try Krtplan.write(try Self.caseText(start: false), to: casePath)
        let noStart = try Krtplan.run("validate", casePath, "--labs", Self.bundle)
        #expect(noStart.status == 64 && noStart.stderr.contains("start:"))
    }

    @Test func badInputIsRefusedWithExit65AndNoOutput() throws {
        let folder = try Krtplan.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Krtplan.write("<html>not json</html>", to: folder + "/labs.json")
        let notJSON = try Krtplan.run("labs", "import", folder + "/labs.json", "--anchor", Self.anchor)
        #expect(notJSON.status == 65 && notJSON.stdout.isEmpty && notJSON.stderr.contains("not JSON"))
        try Krtplan.write("time,analyte,value,unit\n2026-12-01T06:00:00,potassium,4.1,mmol/L\n", to: folder + "/labs.csv")
        let noOffset = try Krtplan.run("labs", "import", folder + "/labs.csv", "--anchor", Self.anchor)
        #expect(noOffset.status == 65 && noOffset.stderr.contains("time (line 2)") && noOffset.stderr.contains("--timezone"))
        let zoned = try Krtplan.run("labs", "import", folder + "/labs.csv", "--anchor", Self.anchor, "--timezone", "Europe/Berlin")
        #expect(zoned.status == 0 && zoned.stdout.contains("{at: -2 h, potassium: 4.1 mmol/L}"))
        let badZone = try Krtplan.run("labs", "import", folder + "/labs.csv", "--anchor", Self.anchor, "--timezone", "Mars/Olympus")
        #expect(badZone.status == 64)
    }

    @Test func exportThenImportGivesTheSameLabs() throws {
        let folder = try Krtplan.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let casePath = folder + "/case.yaml", merged = folder + "/merged.yaml"
        try Krtplan.write(try Self.caseText(), to: casePath)
        #expect(try Krtplan.run("labs", "import", Self.bundle, "--into", casePath, "--output", merged, "--allow-preliminary").status == 0)
        let original = try Krtplan.run("labs", "export", merged, "--format", "csv")
        #expect(original.status == 0)
        try Krtplan.write(original.stdout, to: folder + "/export.csv")
        let fhir = try Krtplan.run("labs", "export", merged, "--format", "fhir", "--output", folder + "/export.json")
        #expect(fhir.status == 0)
        let fromCSV = try Krtplan.run("labs", "import", folder + "/export.csv", "--anchor", Self.anchor, "--allow-preliminary")
        let fromFHIR = try Krtplan.run("labs", "import", folder + "/export.json", "--anchor", Self.anchor, "--allow-preliminary")
        func entries(_ run: Krtplan.Run) -> [String] {
            run.stdout.split(separator: "\n").filter { $0.hasPrefix("  - ") }.map { String($0.split(separator: "#")[0]) }
        }
        #expect(entries(fromCSV).count == 17, "the case's -80 h draw and the 16 imported ones")
        #expect(entries(fromCSV) == entries(fromFHIR))
    }
}

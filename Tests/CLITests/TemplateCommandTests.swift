import Foundation
import Testing

/// `krtplan template` (issue 12 item 6): a commented starter case for every modality and anticoagulation
/// that validates as printed and plans.
@Suite struct TemplateCommandTests {
    static let modalities = ["CVVH", "CVVHD", "CVVHDF", "SLED", "PIRRT"]
    static let anticoagulations = ["citrate", "heparin", "none"]
    static var combinations: [(String, String)] { modalities.flatMap { m in anticoagulations.map { (m, $0) } } }

    @Test(arguments: combinations)
    func everyTemplateValidatesWithoutWarnings(_ modality: String, _ anticoagulation: String) throws {
        let folder = try Krtplan.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/my-case.yaml"
        let written = try Krtplan.run("template", "--modality", modality, "--anticoagulation", anticoagulation, "--output", path)
        #expect(written.status == 0 && written.stdout.isEmpty, "\(written.stderr)")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text == (try Krtplan.run("template", "--modality", modality, "--anticoagulation", anticoagulation)).stdout)
        let run = try Krtplan.run("validate", path, "--mode", "plan")
        #expect(run.status == 0, "\(modality)/\(anticoagulation): \(run.stderr)")
        #expect(run.stderr.isEmpty, "\(modality)/\(anticoagulation) has warnings: \(run.stderr)")
        // Every field line carries a comment; the modality and anticoagulation are the ones asked for.
        let fields = text.split(separator: "\n").filter { !$0.hasPrefix("#") && $0.contains(": ") && !$0.hasPrefix("  - ") }
        let uncommented = fields.filter { !$0.contains(" # ") && !$0.hasPrefix("  potassium:") && !$0.hasPrefix("  phosphate:") && !$0.hasPrefix("  magnesium:") }
        #expect(uncommented.isEmpty, "fields without a comment: \(uncommented)")
        #expect(text.contains("modality: \(modality) "))
        #expect(anticoagulation == "citrate" ? text.contains("kind: citrate") : text.contains("anticoagulation: \(anticoagulation) "))
    }

    @Test func aTemplatePlansAsPrinted() throws {
        let folder = try Krtplan.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/my-case.yaml"
        let template = try Krtplan.run("template", "--modality", "SLED", "--anticoagulation", "heparin")
        try Krtplan.write(template.stdout, to: path)
        let plan = try Krtplan.run("plan", path, "--threads", "1")
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stdout.hasPrefix("krtplan plan for case"))
    }

    @Test func outputIsNeverClobberedAndBadValuesAreUsageErrors() throws {
        let folder = try Krtplan.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/my-case.yaml"
        try Krtplan.write("keep me\n", to: path)
        let refused = try Krtplan.run("template", "--output", path)
        #expect(refused.status == 73 && refused.stderr.contains("file exists; use --force"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "keep me\n")
        let forced = try Krtplan.run("template", "--output", path, "--force")
        #expect(forced.status == 0)
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("# Starter case: CVVHDF with citrate"))
        let missingFolder = try Krtplan.run("template", "--output", folder + "/no/such/folder/case.yaml")
        #expect(missingFolder.status == 73)
        let badModality = try Krtplan.run("template", "--modality", "CVVHX")
        #expect(badModality.status == 64 && badModality.stdout.isEmpty)
        let badAnticoagulation = try Krtplan.run("template", "--anticoagulation", "warfarin")
        #expect(badAnticoagulation.status == 64)
        let lower = try Krtplan.run("template", "--modality", "cvvh", "--anticoagulation", "HEPARIN")
        #expect(lower.status == 0 && lower.stdout.contains("modality: CVVH "))
    }

    @Test func theReadmePointsToTheTemplate() throws {
        let readme = try String(contentsOfFile: Krtplan.packageRoot + "/README.md", encoding: .utf8)
        #expect(readme.contains("template --modality CVVHDF --anticoagulation citrate > my-case.yaml"))
        let cli = try String(contentsOfFile: Krtplan.packageRoot + "/docs/cli.md", encoding: .utf8)
        #expect(cli.contains("## template"))
    }
}

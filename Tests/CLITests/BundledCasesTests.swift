import Foundation
import Testing

/// Every file in `cases/` runs as its comment says, in text and in JSON, with the documented exit code.
/// Each command runs twice, once in JSON (with an HTML report) and once in text; the assertions reuse those runs.
@Suite struct BundledCasesTests {
    @Test func thereAreAtLeastEightScenariosEachWithADescriptionAndARunLine() {
        let cases = BundledCases.caseFiles
        #expect(cases.count >= 8, "cases/ holds \(cases.count) case files")
        #expect(cases.contains("flagship-citrate-cvvhdf.yaml"))
        for file in BundledCases.files {
            let text = (try? String(contentsOfFile: BundledCases.folder + "/" + file, encoding: .utf8)) ?? ""
            #expect(text.hasPrefix("# "), "\(file) starts with a comment saying what it shows")
            let runs = BundledCases.runLines(in: file)
            #expect(!runs.isEmpty, "\(file) has no '# Run: krtplan … → exit N' line")
            #expect(runs.allSatisfy { $0.expectedExit >= 0 }, "\(file): a Run line is not 'krtplan COMMAND … → exit N'")
            #expect(runs.allSatisfy { ["plan", "simulate", "check"].contains($0.command) }, "\(file): \(runs.map(\.command))")
        }
        let commands = Set(BundledCases.runLines.map(\.command))
        #expect(commands == ["plan", "simulate", "check"], "the scenarios show plan, simulate and check")
        #expect(BundledCases.runLines.contains { $0.expectedExit == 4 }, "one scenario shows an infeasible case (exit 4)")
    }

    /// Plan runs use one thread so that the JSON and text runs of a slow case can run side by side.
    static func arguments(_ line: BundledCases.RunLine) -> [String] {
        line.absoluteArguments + (line.command == "plan" ? ["--threads", "1"] : [])
    }

    @Test(arguments: BundledCases.runLines.filter { !$0.isCheck })
    func planOrSimulateInJSONWithAnHTMLReport(_ line: BundledCases.RunLine) throws {
        let folder = try Krtplan.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let html = folder + "/report.html"
        let json = try Krtplan.run(Self.arguments(line) + ["--format", "json", "--report", html])
        #expect(json.status == line.expectedExit, "\(line.testDescription): \(json.stderr)")
        #expect(json.hasNoStackTrace)
        let result = try json.json()
        try PlanJSON.check(result, line: line)
        try ReportHTML.check(try String(contentsOfFile: html, encoding: .utf8), caseName: result["caseName"] as? String ?? "")
    }

    @Test(arguments: BundledCases.runLines.filter { !$0.isCheck })
    func planOrSimulateInText(_ line: BundledCases.RunLine) throws {
        let text = try Krtplan.run(Self.arguments(line))
        #expect(text.status == line.expectedExit, "\(line.testDescription): \(text.stderr)")
        #expect(text.hasNoStackTrace)
        let kind = line.command == "plan" ? "plan" : "simulation"
        #expect(text.stdout.hasPrefix("krtplan \(kind) for case"))
        for heading in ["FLUIDS", "ORDERS", "PREDICTED COURSE", "LAB DRAWS AND PREDICTED LEVELS", "VERIFICATION", "AUDIT"] {
            #expect(text.stdout.contains("\n\(heading)"), "\(line.file): no \(heading) section")
        }
        #expect(text.stdout.split(separator: "\n").allSatisfy { $0.count <= 100 }, "\(line.file): a line is over 100 columns")
        if line.expectedExit == 4 {
            #expect(text.stdout.contains("NO PLAN MEETS THE HARD BOUNDS"))
            #expect(text.stdout.contains("\nEXPLANATION"))
            #expect(text.stdout.contains("Hard-bound violations"))
        }
    }

    @Test(arguments: BundledCases.runLines.filter(\.isCheck))
    func compoundingOrderFilesCheckInTextAndJSON(_ line: BundledCases.RunLine) throws {
        let text = try Krtplan.run(line.absoluteArguments)
        #expect(text.status == line.expectedExit, "\(line.testDescription): \(text.stderr)")
        #expect(text.stdout.contains("Result: "))
        let json = try Krtplan.run(line.absoluteArguments + ["--format", "json"])
        #expect(json.status == line.expectedExit)
        let object = try json.json()
        #expect(object["exit_code"] as? Int == Int(line.expectedExit))
        #expect((object["concentrations_mmol_per_litre"] as? [String: Any])?["potassium"] != nil)
    }

    /// The what-if lines in the case comments stay valid: each variant's changes apply and give a valid case.
    @Test(arguments: BundledCases.caseFiles)
    func documentedCompareLinesHaveValidVariants(_ file: String) throws {
        for line in BundledCases.compareLines(in: file) {
            let words = ShellWords.split(line)
            #expect(words.count >= 3 && words[1] == "compare", "\(file): \(line)")
            let simulate = words.contains("--simulate")
            var index = 0
            while index < words.count {
                defer { index += 1 }
                guard words[index] == "--variant", index + 1 < words.count else { continue }
                let variant = words[index + 1]
                let changes = try #require(variant.split(separator: ":", maxSplits: 1).last.map(String.init))
                let sets = ShellWords.splitVariantChanges(changes).flatMap { ["--set", $0] }
                let run = try Krtplan.run(["validate", Krtplan.packageRoot + "/" + words[2], "--mode", simulate ? "simulate" : "plan"] + sets)
                #expect(run.status == 0, "\(file): variant '\(variant)': \(run.stderr)")
            }
        }
    }
}

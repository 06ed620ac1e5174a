import Foundation
import Testing

/// `krtplan fit` run as a user would (docs/cli.md "fit", docs/fitting.md).
struct FitCommandTests {
    static let dayThree = Krtplan.packageRoot + "/cases/day3-citrate-cvvhdf-history.yaml"

    /// The `# Fit:` lines of the bundled cases (like `# Run:` lines, for `krtplan fit`).
    static var fitLines: [(file: String, arguments: [String], exit: Int32)] {
        BundledCases.caseFiles.flatMap { file -> [(file: String, arguments: [String], exit: Int32)] in
            guard let text = try? String(contentsOfFile: BundledCases.folder + "/" + file, encoding: .utf8) else { return [] }
            return text.split(separator: "\n").compactMap { line in
                guard line.hasPrefix("# Fit:") else { return nil }
                let parts = line.dropFirst(6).components(separatedBy: "→")
                let words = parts[0].split(whereSeparator: \.isWhitespace).map(String.init)
                let code = parts.count == 2 ? Int32(parts[1].replacingOccurrences(of: "exit", with: "").trimmingCharacters(in: .whitespaces)) : nil
                return (file, words.dropFirst().map { $0.hasPrefix("cases/") ? Krtplan.packageRoot + "/" + $0 : $0 }, code ?? -1)
            }
        }
    }

    @Test func bundledFitLinesRunWithTheirExitCodes() throws {
        #expect(!Self.fitLines.isEmpty)
        for line in Self.fitLines {
            let run = try Krtplan.run(line.arguments)
            #expect(run.status == line.exit, "\(line.file): \(run.stderr)")
            #expect(run.hasNoStackTrace)
            for heading in ["PARAMETERS", "LABS", "LEAVE-LAST-DRAW-OUT", "ESTIMATED STATE AT 0 h"] {
                #expect(run.stdout.contains("\n\(heading)"), "\(line.file): no \(heading)")
            }
        }
    }

    @Test func jsonIsByteIdenticalAndCarriesUnits() throws {
        let a = try Krtplan.run(["fit", Self.dayThree, "--format", "json"])
        let b = try Krtplan.run(["fit", Self.dayThree, "--format", "json"])
        #expect(a.status == 0, "\(a.stderr)")
        #expect(a.stdout == b.stdout)
        let json = try a.json()
        #expect(json["kind"] as? String == "fit")
        #expect(json["converged"] as? Bool == true)
        let labs = try #require(json["labs"] as? [[String: Any]])
        #expect(labs.count == 21)
        #expect(labs.allSatisfy { $0["observed_mmol_per_l"] is Double && $0["individual_mmol_per_l"] is Double && $0["at_h"] != nil })
        let parameters = try #require(json["parameters"] as? [[String: Any]])
        #expect(parameters.allSatisfy { ($0["unit"] as? String)?.isEmpty == false })
        #expect(parameters.contains { $0["name"] as? String == "delivered_fraction" })
        #expect((json["state_at_0_h"] as? [[String: Any]])?.count == 3)
    }

    @Test func csvHasOneRowPerLabAndParameter() throws {
        let run = try Krtplan.run(["fit", Self.dayThree, "--format", "csv"])
        #expect(run.status == 0)
        let rows = run.stdout.split(separator: "\r\n")
        #expect(rows.first?.hasPrefix("record,name,time_h,observed_mmol_per_l") == true)
        #expect(rows.filter { $0.hasPrefix("lab,") }.count == 21)
        #expect(rows.filter { $0.hasPrefix("parameter,") }.count >= 10)
    }

    @Test func aCaseWithoutHistoryIsBadData() throws {
        let run = try Krtplan.run(["fit", Krtplan.packageRoot + "/cases/flagship-citrate-cvvhdf.yaml"])
        #expect(run.status == 65)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("history") && run.stderr.contains("a fit needs what happened before 0 h"), "\(run.stderr)")
    }

    @Test func aContradictoryHistoryNamesTheField() throws {
        let run = try Krtplan.run(["fit", Self.dayThree, "--set", "history.downtime[0].to=-41 h"])
        #expect(run.status == 65)
        #expect(run.stderr.contains("history.downtime[0].to") && run.stderr.contains("not after from"), "\(run.stderr)")
    }
}

import Foundation
import Testing

/// `krtplan`, `krtplan formulations …` on the built binary.
struct FormulationsCommandTests {
    @Test func helpListsTheCommandsAndExitCodes() throws {
        let root = try Krtplan.run("--help")
        #expect(root.status == 0)
        #expect(root.stdout.contains("USAGE: krtplan <subcommand>"))
        #expect(root.stdout.contains("formulations") && root.stdout.contains("check"))
        #expect(root.unwrappedStdout.contains("Exit codes: 0 ok; 2 completed with warnings; 3 unsafe finding"))
        #expect(root.unwrappedStdout.contains("64 usage; 65 bad data; 66 missing input; 70 internal error; 73 cannot write output"))
        let list = try Krtplan.run("formulations", "list", "--help")
        #expect(list.status == 0)
        for option in ["--contains <solute>", "--role", "--market", "--supplements", "--format", "--catalog <dir>", "--limits <file>"] {
            #expect(list.stdout.contains(option), "list help shows \(option)")
        }
        #expect(try Krtplan.run("--version").stdout.hasPrefix("krtplan "))
    }

    @Test func listAsJSONParsesAndIsDeterministic() throws {
        let first = try Krtplan.run("formulations", "list", "--format", "json")
        #expect(first.status == 0 && first.stderr.isEmpty)
        let json = try first.json()
        let fluids = try #require(json["fluids"] as? [[String: Any]])
        #expect(fluids.count == 34)
        let phoxilium = try #require(fluids.first { $0["id"] as? String == "phoxilium" })
        let composition = try #require(phoxilium["composition_mmol_per_litre"] as? [String: Double])
        #expect(composition["phosphate"] == 1.2 && composition["magnesium"] == 0.6)
        #expect((json["catalog_sha256"] as? String)?.count == 64)
        #expect(try Krtplan.run("formulations", "list", "--format", "json").stdout == first.stdout)
    }

    @Test func listFilters() throws {
        let run = try Krtplan.run("formulations", "list", "--contains", "phosphate", "--market", "EU", "--format", "json")
        let ids = try #require(try run.json()["fluids"] as? [[String: Any]]).compactMap { $0["id"] as? String }
        #expect(ids == ["biphozyl", "phoxilium"])
        let dialysates = try Krtplan.run("formulations", "list", "--role", "dialysate")
        #expect(dialysates.stdout.contains("ci-ca-dialysate-k2") && !dialysates.stdout.contains("regiocit"))
        let supplements = try Krtplan.run("formulations", "list", "--supplements", "--contains", "Mg", "--format", "json")
        let names = try #require(try supplements.json()["supplements"] as? [[String: Any]]).compactMap { $0["id"] as? String }
        #expect(names == ["magnesium-oxide-oral", "magnesium-sulfate-iv"])
    }

    @Test func showGivesLabelUnitsSourcesAndEligibility() throws {
        let text = try Krtplan.run("formulations", "show", "prismasol bgk 4/2.5")
        #expect(text.status == 0)
        #expect(text.row("calcium") == ["calcium", "2.5", "mEq/L", "1.25", "confirmed", "us-pi"])
        #expect(text.row("magnesium") == ["magnesium", "1.5", "mEq/L", "0.75", "confirmed", "us-pi"])
        #expect(text.row("planning") == ["planning", "eligible"])
        #expect(text.stdout.contains("https://fda.report/DailyMed/25c4d41f-bdcc-479e-a49f-96d7a2d46fc1"))
        let flagged = try Krtplan.run("formulations", "show", "Accusol 35 K0", "--format", "json")
        let json = try flagged.json()
        #expect(json["planning_eligible"] as? Bool == false)
        #expect((json["eligibility_note"] as? String)?.contains("UNCONFIRMED") == true)
        let supplement = try Krtplan.run("formulations", "show", "MgSO4", "--format", "json").json()
        let limits = try #require(supplement["limits"] as? [String: [String: Any]])
        #expect(limits["max_rate.central"]?["stated"] as? String == "150 mg/min")
        #expect(limits["max_per_48h"]?["basis"] as? String == "label")
    }

    @Test func unknownProductGivesOneLineWithSuggestions() throws {
        let run = try Krtplan.run("formulations", "show", "Phoxilum")
        #expect(run.status == 64)
        #expect(run.stdout.isEmpty)
        #expect(run.stderrLines.count == 1)
        #expect(run.stderr.contains("did you mean 'Phoxilium 1.2 mmol/l phosphate'"))
        #expect(run.hasNoStackTrace)
    }

    /// docs/formulations.md carries the generated tables: they must equal what the catalog gives now.
    @Test func theCommittedDocumentEqualsTheGeneratedTables() throws {
        let run = try Krtplan.run("formulations", "table", "--format", "markdown")
        #expect(run.status == 0)
        let document = try String(contentsOfFile: Krtplan.packageRoot + "/docs/formulations.md", encoding: .utf8)
        let generated = run.stdout.trimmingCharacters(in: .newlines)
        let begin = try #require(generated.components(separatedBy: "\n").first)
        let end = try #require(generated.components(separatedBy: "\n").last)
        let start = try #require(document.range(of: begin), "docs/formulations.md has the generated section's first line")
        let stop = try #require(document.range(of: end, range: start.upperBound..<document.endIndex))
        let committed = String(document[start.lowerBound..<stop.upperBound])
        #expect(committed == generated, "regenerate: krtplan formulations table --format markdown --update docs/formulations.md")
    }

    @Test func tableUpdatesADocumentInPlaceAndReportsUnwritableOutput() throws {
        let folder = try Krtplan.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let table = try Krtplan.run("formulations", "table").stdout.trimmingCharacters(in: .newlines)
        let lines = table.components(separatedBy: "\n")
        let document = folder + "/doc.md"
        try Krtplan.write("# Title\n\n\(lines[0])\nold\n\(lines[lines.count - 1])\n\nAfter.\n", to: document)
        #expect(try Krtplan.run("formulations", "table", "--update", document).status == 0)
        #expect(try String(contentsOfFile: document, encoding: .utf8) == "# Title\n\n\(table)\n\nAfter.\n")
        let unwritable = try Krtplan.run("formulations", "table", "--output", folder + "/no/such/folder/table.md")
        #expect(unwritable.status == 73)
        #expect(unwritable.stderrLines.count == 1 && unwritable.stderr.contains("/no/such/folder does not exist"))
    }
}

import Foundation
import Testing

/// Reporting faults found while trying the tool as a new user (issue 12, item 8), each on the built binary.
@Suite struct ReportingFaultTests {
    static let override = Krtplan.packageRoot + "/Tests/CLITests/Alerts/parameter-override.yaml"
    static let infeasible = Krtplan.packageRoot + "/cases/infeasible-potassium-free.yaml"

    @Test func assumptionLinesReadCleanly() throws {
        let run = try Krtplan.run("simulate", Self.override, "--explain")
        #expect(run.status == 0, "\(run.stderr)")
        let text = run.unwrappedStdout
        #expect(text.contains("sieving_potassium = 0.95 — set in the case (default 1)"))
        #expect(!text.contains("ASSUMPTION: ASSUMPTION"))
        #expect(text.contains("sieving_phosphate = 1 — ASSUMPTION: common assumption"), "a dimensionless value has no unit '1'")
        // Since issue 14 the Mg exchange clearance is calibrated (docs/model.md §4.3); its line reads so.
        #expect(text.contains("— ASSUMPTION: CALIBRATED with magnesiumPoolVolume"))
        #expect(!text.contains(" 1 1 "))
    }

    @Test func thePotassiumPhosphatesGateShowsTheCatalogNoteOnItsUnit() throws {
        let run = try Krtplan.run("check", "--base", "Prismasol BGK2/0", "--add", "potassium phosphate 5 mmol", "--mixed")
        let text = run.unwrappedStdout
        #expect(text.contains("less than 4 mEq/dL"))
        #expect(text.contains("catalog note: the printed unit mEq/dL is evidently meant as mEq/L"))
    }

    @Test func infeasibleOutputIsConsistentGroupedAndInClinicalWords() throws {
        let run = try Krtplan.run("plan", Self.infeasible, "--threads", "1")
        #expect(run.status == 4)
        let text = run.unwrappedStdout
        #expect(!text.contains("gap above the request"), "a gap of 0.00 % is within the request")
        #expect(!text.contains("K_below_target"), "no internal row names")
        #expect(!text.contains("1 MILPs") && !text.contains("1 LPs") && !text.contains("1 fluid combinations"))
        let lines = run.stdout.components(separatedBy: "\n").filter { $0.contains("K hard lower bound 3 mmol/L at") }
        #expect(lines.count == 1, "the same bound at several times is one line: \(lines)")
        // Its times are in order.
        let times = try #require(lines.first).components(separatedBy: " at ")[1].prefix { $0 != "h" }
            .split(whereSeparator: { $0 == "," || $0 == " " }).compactMap { Double($0) }
        #expect(times.count > 1 && times == times.sorted(), "\(times)")
    }

    @Test func planJSONNamesTheUnitOfEveryNumber() throws {
        let run = try Krtplan.run("simulate", Krtplan.packageRoot + "/cases/cvvh-phosphate-free-simulate.yaml", "--format", "json")
        #expect(run.status == 0)
        let json = try run.json()
        let fluid = try #require((json["fluids"] as? [[String: Any]])?.first)
        #expect(fluid["flow_L_per_h"] as? Double == 1.2)
        #expect(fluid["flow"] == nil)
        // Every number sits under a key that names its unit, or under a count, or beside a `unit` field.
        let suffixes = ["_h", "_mmol_per_L", "_mmol", "_L_per_h", "_mL_per_kg_per_h", "_points", "_fraction",
                        "_mmol_h_per_L", "_points_per_unit", "_lp_units"]
        let counts: Set<String> = ["units", "orders", "couplingIterations", "variables", "constraints", "integerVariables",
                                   "binaryVariables", "nodesExplored", "milpsSolved", "lpsSolved", "runningFraction"]
        // `value`, `limit` and `excess` (alerts, limit checks) sit beside their `unit` field.
        let besideUnit: Set<String> = ["value", "limit", "excess"]
        // The least-violating plan has every section (solver, violations, fixes, binding limits) filled.
        let plan = try Krtplan.run("plan", Self.infeasible, "--threads", "1", "--format", "json")
        #expect(plan.status == 4)
        var unnamed: [String] = []
        for line in (run.stdout + plan.stdout).components(separatedBy: "\n") {
            let trimmed = line.drop { $0 == " " }
            guard trimmed.hasPrefix("\""), let end = trimmed.dropFirst().firstIndex(of: "\"") else { continue }
            let key = String(trimmed[trimmed.index(after: trimmed.startIndex)..<end])
            let rest = trimmed[trimmed.index(after: end)...].dropFirst(2)
            guard let first = rest.first(where: { $0 != "[" }), first.isNumber || first == "-" else { continue }
            if !(suffixes.contains { key.hasSuffix($0) } || counts.contains(key) || besideUnit.contains(key)) { unnamed.append(key) }
        }
        #expect(Set(unnamed).isEmpty, "numbers without a unit in their key: \(Set(unnamed).sorted())")
    }

    @Test func checkJSONFollowsTheCanonicalRules() throws {
        let arguments = ["check", "--base", "Prismasol BGK2/0", "--volume", "5000 mL", "--add", "potassium phosphate 5 mmol",
                         "--format", "json"]
        let first = try Krtplan.run(arguments), second = try Krtplan.run(arguments)
        #expect(first.stdout == second.stdout)
        #expect(first.stdout.hasSuffix("}\n"), "a trailing newline")
        let json = try first.json()
        #expect((json["base"] as? [String: Any])?["bag_mixed"] is NSNull, "every key present; an unstated value is null")
        #expect(first.stdout.contains("\n  \"additives\": [\n"), "two-space indentation")
        let keys = first.stdout.components(separatedBy: "\n").filter { $0.hasPrefix("  \"") }
            .compactMap { $0.dropFirst(3).split(separator: "\"").first.map(String.init) }
        #expect(keys == keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }, "keys sorted")
        #expect(json["final_volume_millilitres"] as? Double == 5001.67, "numbers by the 6-significant-digit rule")
    }
}

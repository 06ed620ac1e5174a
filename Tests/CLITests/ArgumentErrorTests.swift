import Foundation
import Testing

/// Argument and override errors in the one documented form, `krtplan: --option: message`, exit 64
/// (docs/cli.md#exit-codes); caps on variants, `--set` options and arguments (docs/cli.md).
@Suite struct ArgumentErrorTests {
    static let simulateCase = Krtplan.packageRoot + "/cases/cvvh-phosphate-free-simulate.yaml"

    func expectUsage(_ run: Krtplan.Run, _ line: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(run.status == 64, "\(run.stderr)", sourceLocation: sourceLocation)
        #expect(run.stdout.isEmpty, sourceLocation: sourceLocation)
        #expect(run.stderrLines.count == 1, "\(run.stderr)", sourceLocation: sourceLocation)
        #expect(run.stderrLines.first?.hasPrefix("krtplan: " + line) == true, "expected \(line)\ngot \(run.stderr)",
                sourceLocation: sourceLocation)
        #expect(!run.stderr.contains("Error:") && !run.stderr.contains("USAGE"), sourceLocation: sourceLocation)
    }

    @Test func parserErrorsNameTheOptionFirst() throws {
        expectUsage(try Krtplan.run("check", "--base", "Prismasol BGK2/0", "--volume", "-5000 mL"),
                    "--volume: -5000 mL is negative; expected a volume like 5000 mL")
        expectUsage(try Krtplan.run("check", "--base", "Prismasol BGK2/0", "--volume=-5000 mL"),
                    "--volume: -5000 mL is negative; expected a volume like 5000 mL")
        expectUsage(try Krtplan.run("plan", Self.simulateCase, "--threads", "-2"), "--threads: -2 is negative; expected a count from 1 to 64")
        expectUsage(try Krtplan.run("plan", Self.simulateCase, "--threads", "abc"), "--threads: 'abc' is not accepted; expected a count from 1 to 64")
        expectUsage(try Krtplan.run("plan", Self.simulateCase, "--bound-nodes", "-1"), "--bound-nodes: -1 is negative; expected a count of nodes from 0 to 100000")
        expectUsage(try Krtplan.run("plan", Self.simulateCase, "--bound-nodes", "200000"), "--bound-nodes: 200000 is outside 0 to 100000; expected a count of nodes")
        expectUsage(try Krtplan.run("plan", Self.simulateCase, "--format", "xml"), "--format: 'xml' is not accepted; expected one of text, json or csv")
        expectUsage(try Krtplan.run("plan", Self.simulateCase, "--frmat", "json"), "--frmat: unknown option; did you mean --format?")
        expectUsage(try Krtplan.run("plan", Self.simulateCase, "--force=1"), "--force: takes no value (got '1')")
        expectUsage(try Krtplan.run("plan", Self.simulateCase, "--table", "orders"), "--table: applies only to --format csv")
        expectUsage(try Krtplan.run("plan", Self.simulateCase, "--export-lp", "model.txt"), "--export-lp: needs a file name ending in .lp or .mps")
        expectUsage(try Krtplan.run("plan"), "CASE: missing")
        expectUsage(try Krtplan.run("plann", Self.simulateCase), "plann: unknown subcommand; expected one of plan, simulate")
        expectUsage(try Krtplan.run("formulations", "list", "--role", "x"),
                    "--role: 'x' is not accepted; expected one of dialysate, replacement or citrate (see 'krtplan formulations list --help')")
    }

    @Test func compareCapsItsVariants() throws {
        let variants = (1...65).flatMap { ["--variant", "v\($0):therapy.effluent_dose=\(20 + $0 % 10) mL/kg/h"] }
        expectUsage(try Krtplan.run(["compare", Self.simulateCase, "--simulate"] + variants),
                    "--variant: 65 variants given; at most 64 are accepted; raise the cap with --max-variants N (at most 1000)")
        expectUsage(try Krtplan.run("compare", Self.simulateCase, "--max-variants", "1001"),
                    "--max-variants: 1001 is outside 1 to 1000; expected a count from 1 to 1000")
        let raised = try Krtplan.run(["compare", Self.simulateCase, "--simulate", "--max-variants", "1", "--variant", "a:therapy.effluent_dose=25 mL/kg/h",
                                      "--variant", "b:therapy.effluent_dose=35 mL/kg/h"])
        expectUsage(raised, "--variant: 2 variants given; at most 1 are accepted; raise the cap with --max-variants N")
        let twice = try Krtplan.run("compare", Self.simulateCase, "--simulate",
                                    "--variant", "x:therapy.effluent_dose=25 mL/kg/h,therapy.effluent_dose=35 mL/kg/h")
        expectUsage(twice, "--variant: x: 'therapy.effluent_dose=25 mL/kg/h' and 'therapy.effluent_dose=35 mL/kg/h' both set therapy.effluent_dose")
    }

    @Test func setOptionsAreCappedBeforeParsing() throws {
        let sets = (0...200).flatMap { ["--set", "solver.k\($0)=1"] }
        expectUsage(try Krtplan.run(["validate", Self.simulateCase] + sets), "--set: 201 options given; at most 200 are accepted")
        // 10,000 took 19 minutes in the argument parser before the cap; refused at once now (hang guard, not a timing).
        let many = (0..<10_000).flatMap { ["--set", "x.k\($0)=1"] }
        let refused = try Krtplan.run(["validate", Self.simulateCase] + many, hangGuard: 120)
        expectUsage(refused, "--set: 10000 options given; at most 200 are accepted")
        let arguments = Array(repeating: "--explain", count: 1_001)
        expectUsage(try Krtplan.run(["simulate", Self.simulateCase] + arguments), "1003 command-line arguments given; at most 1000 are accepted")
    }

    @Test func twoHundredOverridesAreAppliedAndEachProblemNamesItsSet() throws {
        let sets = (0..<200).flatMap { ["--set", "solver.k\($0)=1"] }
        let run = try Krtplan.run(["validate", Self.simulateCase] + sets)
        #expect(run.status == 65)
        #expect(run.stderrLines.first == "krtplan: \(Self.simulateCase): solver.k0 (--set solver.k0=1): unknown field 'k0'; allowed here: relative_gap, time_limit, threads, seed, robust")
        #expect(run.stderrLines.count == 101, "at most 100 problems and one line counting the rest")
        #expect(run.stderrLines.last == "krtplan: \(Self.simulateCase): … and 100 more problems not shown; fix the ones above first")
    }

    @Test func aLongValueIsElidedInMessagesAndNeverEchoedWhole() throws {
        let long = String(repeating: "abc ", count: 30_000)   // 120 KB on one line
        let run = try Krtplan.run("validate", Self.simulateCase, "--set", "name=" + long + "end")
        #expect(run.status == 65)
        #expect(run.stderr.utf8.count < 1_000, "\(run.stderr.utf8.count) bytes")
        #expect(run.stderr.contains("(120003 characters)' is too long; expected a one-line case name of at most 200 characters"))
    }
}

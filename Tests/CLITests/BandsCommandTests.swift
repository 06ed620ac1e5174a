import Foundation
import Testing

/// `--bands` on simulate, plan, compare and fit, and `fit --report` (docs/uncertainty.md, docs/cli.md).
struct BandsCommandTests {
    static let dayThree = Krtplan.packageRoot + "/cases/day3-citrate-cvvhdf-history.yaml"
    static let simulateCase = Krtplan.packageRoot + "/cases/cvvh-phosphate-free-simulate.yaml"

    @Test func simulateBandsAreByteIdenticalCarryUnitsAndEchoTheSeed() throws {
        let arguments = ["simulate", Self.simulateCase, "--bands", "--draws", "200", "--format", "json"]
        let a = try Krtplan.run(arguments), b = try Krtplan.run(arguments)
        #expect(a.status == 0, "\(a.stderr)")
        #expect(a.stdout == b.stdout)
        let json = try a.json()
        let bands = try #require(json["uncertainty"] as? [String: Any])
        #expect(bands["seed"] as? Int == 1)
        #expect((json["audit"] as? [String: Any])?["seed"] as? Int == 1)
        #expect(bands["draws"] as? Int == 200)
        #expect(bands["source"] as? String == "population prior")
        #expect(bands["percentiles_percent"] as? [Double] == [2.5, 5, 10, 25, 50, 75, 90, 95, 97.5])
        let series = try #require(bands["series"] as? [[String: Any]])
        #expect(series.count == 27 && series.allSatisfy { $0["values_mmol_per_L"] is [Double] })
        let solutes = try #require(bands["solutes"] as? [[String: Any]])
        #expect(solutes.allSatisfy { ($0["withinHardBounds_probability"] as? Double).map { $0 >= 0 && $0 <= 1 } == true })
        let seven = try Krtplan.run(arguments + ["--seed", "7"])
        #expect((try seven.json()["audit"] as? [String: Any])?["seed"] as? Int == 7)
        #expect(seven.stdout != a.stdout)
        let fromCase = try Krtplan.run(arguments + ["--set", "solver.seed=7"])
        #expect(fromCase.stdout.replacingOccurrences(of: "\"inputSHA256\": \"[0-9a-f]+\"", with: "", options: .regularExpression)
            == seven.stdout.replacingOccurrences(of: "\"inputSHA256\": \"[0-9a-f]+\"", with: "", options: .regularExpression),
                "the case's solver.seed gives the same draws as --seed")
    }

    /// A case with history starts from its fit, so its bands sample that fit's posterior (each draw re-run
    /// through the history: the state at 0 h is uncertain too); `--population` samples the prior from the
    /// measured labs (no spread at 0 h).
    @Test func historyCaseBandsSampleTheFitsPosterior() throws {
        func bands(_ extra: [String]) throws -> (source: String?, k: [[Double]], start: Double) {
            let run = try Krtplan.run(["simulate", Self.dayThree, "--bands", "--draws", "200", "--format", "json"] + extra)
            #expect(run.status == 0, "\(run.stderr)")
            let json = try run.json()
            let u = try #require(json["uncertainty"] as? [String: Any])
            let series = try #require(u["series"] as? [[String: Any]])
            let k = series.filter { $0["solute"] as? String == "potassium" }.compactMap { $0["values_mmol_per_L"] as? [Double] }
            let trajectory = try #require((json["trajectory"] as? [String: Any])?["series"] as? [[String: Any]])
            let start = try #require((trajectory.first { $0["solute"] as? String == "potassium" }?["values_mmol_per_L"] as? [Double])?.first)
            return (u["source"] as? String, k, start)
        }
        let fitted = try bands([]), population = try bands(["--population"])
        #expect(fitted.source == "posterior of the per-patient fit")
        #expect(population.source == "population prior")
        try #require(fitted.k.count == 9 && population.k.count == 9)
        #expect(fitted.k[8][0] - fitted.k[0][0] > 0.05, "the fitted state at 0 h is uncertain")
        #expect(population.k[8][0] - population.k[0][0] < 1e-9, "the measured lab is taken as exact")
        #expect(abs(fitted.k[4][0] - fitted.start) < 0.1, "the posterior median starts near the fitted state")
        #expect(abs(fitted.start - population.start) > 0.1, "fitted and population starts differ on this case")
    }

    @Test func withoutBandsTheOutputsHaveNoBands() throws {
        let run = try Krtplan.run("simulate", Self.simulateCase, "--format", "json")
        #expect(run.status == 0)
        let json = try run.json()
        #expect(json["uncertainty"] is NSNull)
        #expect((json["audit"] as? [String: Any])?["seed"] is NSNull)
        #expect(!(try Krtplan.run("simulate", Self.simulateCase).stdout.contains("UNCERTAINTY")))
    }

    @Test func textCsvAndHtmlShowTheBands() throws {
        let text = try Krtplan.run("simulate", Self.dayThree, "--bands", "--draws", "100")
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("UNCERTAINTY (100 draws of the posterior of the per-patient fit, seed 1"))
        #expect(text.stdout.contains("P(within hard bounds over the horizon): K "))
        #expect(text.stdout.contains("; uncertainty seed 1"), "the seed in the audit block")
        #expect(text.stdout.split(separator: "\n").allSatisfy { $0.count <= 100 })
        let csv = try Krtplan.run("simulate", Self.dayThree, "--bands", "--draws", "100", "--format", "csv", "--table", "bands")
        let header = try #require(csv.stdout.split(separator: "\r\n").first)
        #expect(header.hasPrefix("time_h,K_p2_5_mmol_per_L,K_p5_mmol_per_L"))
        #expect(header.contains("Mg_p97_5_mmol_per_L"))
        let folder = try Krtplan.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let page = folder + "/report.html"
        let html = try Krtplan.run("simulate", Self.dayThree, "--bands", "--draws", "100", "--report", page)
        #expect(html.status == 0, "\(html.stderr)")
        let content = try String(contentsOfFile: page, encoding: .utf8)
        #expect(content.contains("class=\"band-95\"") && content.contains("class=\"band-80\""))
        #expect(content.contains("Uncertainty: bands and probabilities"))
        #expect(content.contains("<dt>Uncertainty seed</dt>"))
    }

    @Test func badBandOptionsAreUsageErrorsAndABadCaseSeedIsBadData() throws {
        let noBands = try Krtplan.run("simulate", Self.simulateCase, "--draws", "10")
        #expect(noBands.status == 64)
        #expect(noBands.stderr.contains("--draws: applies only with --bands"))
        #expect(try Krtplan.run("simulate", Self.simulateCase, "--bands", "--draws", "0").status == 64)
        #expect(try Krtplan.run("simulate", Self.simulateCase, "--bands", "--seed", "9007199254740992").status == 64)
        let badSeed = try Krtplan.run("simulate", Self.simulateCase, "--set", "solver.seed=-3")
        #expect(badSeed.status == 65)
        #expect(badSeed.stderr.contains("solver.seed"), "\(badSeed.stderr)")
    }

    @Test func compareShowsProbabilitiesPerVariant() throws {
        let run = try Krtplan.run("compare", Self.dayThree, "--simulate", "--variant", "more:therapy.dialysate_flow=2500 mL/h",
                                  "--bands", "--draws", "100", "--format", "json")
        #expect(run.status == 0, "\(run.stderr)")
        let variants = try #require(try run.json()["variants"] as? [[String: Any]])
        #expect(variants.count == 2)
        for variant in variants {
            let u = try #require(variant["uncertainty"] as? [String: Any])
            #expect(u["seed"] as? Int == 1)
            #expect((u["solutes"] as? [[String: Any]])?.count == 3)
        }
        let text = try Krtplan.run("compare", Self.dayThree, "--simulate", "--bands", "--draws", "100")
        #expect(text.stdout.contains("K P(within hard bounds)"))
    }

    @Test func fitBandsAndReportPage() throws {
        let folder = try Krtplan.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let page = folder + "/fit.html"
        let run = try Krtplan.run("fit", Self.dayThree, "--report", page, "--bands", "--draws", "100", "--format", "json")
        #expect(run.status == 0, "\(run.stderr)")
        let json = try run.json()
        #expect(json["seed"] as? Int == 1)
        let forecast = try #require(json["forecast"] as? [String: Any])
        let times = try #require(forecast["times_h"] as? [Double])
        #expect(times.first == -72 && times.last == 24)
        #expect((forecast["uncertainty"] as? [String: Any])?["source"] as? String == "posterior of the per-patient fit")
        let again = try Krtplan.run("fit", Self.dayThree, "--bands", "--draws", "100", "--format", "json")
        #expect(again.stdout == run.stdout, "byte-identical with and without --report")
        let content = try String(contentsOfFile: page, encoding: .utf8)
        for (symbol, name) in [("K", "Potassium"), ("PO4", "Phosphate"), ("Mg", "Magnesium")] {
            #expect(content.contains("id=\"fit-chart-\(symbol)\""), "\(symbol) chart")
            #expect(content.contains(name), "\(name) named")
        }
        #expect(content.components(separatedBy: "class=\"band-95\"").count == 4, "one 95 % band per chart")
        #expect(content.contains("class=\"observed\"") && content.contains("class=\"population\"") && content.contains("class=\"individual\""))
        #expect(content.contains("Content-Security-Policy") && !content.contains("<script"))
        // Without --bands the page still has its band (the report always draws one) and stdout has none.
        let plain = try Krtplan.run("fit", Self.dayThree, "--report", page, "--force")
        #expect(plain.status == 0)
        #expect(!plain.stdout.contains("UNCERTAINTY"))
        #expect(try String(contentsOfFile: page, encoding: .utf8).contains("class=\"band-95\""))
    }

    @Test func fitReportGoesThroughTheProtectedWritePath() throws {
        let folder = try Krtplan.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let casePath = folder + "/case.yaml"
        try FileManager.default.copyItem(atPath: Self.dayThree, toPath: casePath)
        let before = FileManager.default.contents(atPath: casePath)
        let refused = try Krtplan.run("fit", casePath, "--report", casePath, "--force")
        #expect(refused.status == 73)
        #expect(refused.stderr.contains("refusing to overwrite the input file"), "\(refused.stderr)")
        #expect(refused.stdout.isEmpty)
        #expect(FileManager.default.contents(atPath: casePath) == before)
        let existing = folder + "/page.html"
        try Krtplan.write("keep me\n", to: existing)
        let exists = try Krtplan.run("fit", casePath, "--report", existing)
        #expect(exists.status == 73)
        #expect(exists.stderr.contains("file exists; use --force"), "\(exists.stderr)")
        #expect(try String(contentsOfFile: existing, encoding: .utf8) == "keep me\n")
        let twice = try Krtplan.run("fit", casePath, "--report", existing, "--output", existing, "--force")
        #expect(twice.status == 64)
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: folder)) == ["case.yaml", "page.html"], "no temporary file left")
    }
}

extension BandsCommandTests {
    @Test func planBandsDoNotDependOnTheThreadCount() throws {
        let plan = Krtplan.packageRoot + "/cases/hyperkalaemia-low-k-first.yaml"
        let one = try Krtplan.run("plan", plan, "--bands", "--draws", "150", "--format", "json", "--threads", "1")
        let two = try Krtplan.run("plan", plan, "--bands", "--draws", "150", "--format", "json", "--threads", "2")
        #expect(one.status == two.status, "\(one.stderr) \(two.stderr)")
        #expect(one.stdout == two.stdout, "byte-identical plan with bands on 1 and 2 threads")
        let bands = try #require(try one.json()["uncertainty"] as? [String: Any])
        #expect(bands["draws"] as? Int == 150)
        #expect((bands["solutes"] as? [[String: Any]])?.allSatisfy { ($0["atDraws"] as? [Any])?.isEmpty == false } == true)
    }
}

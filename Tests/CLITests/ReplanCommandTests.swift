import Foundation
import Testing

/// Re-plan from now: `plan`, `simulate` and `compare` on a case with history fit first (docs/fitting.md §8,
/// docs/cli.md), `--population` starts from the latest labs with population values.
struct ReplanCommandTests {
    static let dayThree = Krtplan.packageRoot + "/cases/day3-citrate-cvvhdf-history.yaml"
    static let historyCases = ["day3-citrate-cvvhdf-history.yaml", "cvvh-phosphate-free-history.yaml", "sled-rebound-history.yaml"]
        .map { Krtplan.packageRoot + "/cases/" + $0 }

    static func series(_ json: [String: Any], _ solute: String) -> [Double] {
        let trajectory = json["trajectory"] as? [String: Any]
        let series = trajectory?["series"] as? [[String: Any]] ?? []
        return series.first { $0["solute"] as? String == solute }?["values_mmol_per_L"] as? [Double] ?? []
    }

    @Test func aPlanFromTheFitSaysSoAtTheTopWithUnits() throws {
        let run = try Krtplan.run(["plan", Self.dayThree])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        let start = try #require(lines.firstIndex { $0.hasPrefix("Start:") })
        #expect(start < 10, "the start is in the header")
        #expect(lines[start].contains("fitted to 21 lab values from -72 h"))
        #expect(run.unwrappedStdout.contains("(fit converged)") && run.unwrappedStdout.contains("moved: "))
        #expect(run.stdout.contains("START AT 0 H (fitted to the history; mmol/L)"))

        let json = try Krtplan.run(["plan", Self.dayThree, "--format", "json"])
        let again = try Krtplan.run(["plan", Self.dayThree, "--format", "json"])
        #expect(json.status == 0 && json.stdout == again.stdout, "byte-identical JSON for the same case")
        let object = try json.json()
        let startObject = try #require(object["start"] as? [String: Any])
        #expect(startObject["source"] as? String == "individual")
        #expect(startObject["converged"] as? Bool == true)
        #expect(startObject["labsUsed"] as? Int == 21)
        #expect(startObject["historyFrom_h"] as? Double == -72)
        let levels = try #require(startObject["levels"] as? [[String: Any]])
        #expect(levels.count == 3)
        for level in levels {
            for key in ["serum_mmol_per_L", "pool_mmol_per_L", "latestLab_mmol_per_L", "latestLabAt_h", "populationEstimate_mmol_per_L"] {
                #expect(level[key] is Double, "\(key)")
            }
        }
        let moved = try #require(startObject["parametersMoved"] as? [[String: Any]])
        #expect(!moved.isEmpty && moved.allSatisfy { ($0["unit"] as? String)?.isEmpty == false })
        // The plan starts at the estimated serum levels.
        let k = try #require(levels.first { $0["solute"] as? String == "potassium" }?["serum_mmol_per_L"] as? Double)
        #expect(abs((Self.series(object, "potassium").first ?? 0) - k) < 1e-5)
    }

    @Test func populationStartsFromTheLatestLabs() throws {
        let run = try Krtplan.run(["plan", Self.dayThree, "--population", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try run.json()
        let start = try #require(object["start"] as? [String: Any])
        #expect(start["source"] as? String == "population")
        #expect(start["converged"] is NSNull)
        #expect(Self.series(object, "potassium").first == 3.1 && Self.series(object, "phosphate").first == 0.75)
        let text = try Krtplan.run(["plan", Self.dayThree, "--population"])
        #expect(text.stdout.contains("Start:    population parameters from the case's latest labs (--population)"))
    }

    @Test func everyHistoryCaseStartsDifferentlyFittedThanFromPopulation() throws {
        for path in Self.historyCases {
            let fitted = try Krtplan.run(["simulate", path, "--format", "json"])
            let population = try Krtplan.run(["simulate", path, "--population", "--format", "json"])
            #expect(fitted.status == 0 && population.status == 0, "\(path): \(fitted.stderr) \(population.stderr)")
            let a = try fitted.json(), b = try population.json()
            let difference = ["potassium", "phosphate", "magnesium"].map { solute in
                zip(Self.series(a, solute), Self.series(b, solute)).map { abs($0 - $1) }.max() ?? 0
            }.max() ?? 0
            #expect(difference > 0.02, "\(path): fitted and population courses differ by only \(difference) mmol/L")
            #expect((a["start"] as? [String: Any])?["source"] as? String == "individual")
        }
    }

    /// Day 3: K and phosphate kept falling where the population model expected them to hold; from the fit
    /// they keep falling, from the latest labs with population values they rise.
    @Test func dayThreeFittedFallsWherePopulationRises() throws {
        let fitted = try Krtplan.run(["simulate", Self.dayThree, "--format", "json"]).json()
        let population = try Krtplan.run(["simulate", Self.dayThree, "--population", "--format", "json"]).json()
        for solute in ["potassium", "phosphate"] {
            let a = Self.series(fitted, solute), b = Self.series(population, solute)
            #expect((a.last ?? 0) < (a.first ?? 0) && (b.last ?? 0) > (b.first ?? 0), "\(solute): \(a.first ?? 0)→\(a.last ?? 0) vs \(b.first ?? 0)→\(b.last ?? 0)")
        }
    }

    @Test func aFitThatDoesNotConvergePlansNothingUnlessPopulation() throws {
        for command in ["plan", "simulate"] {
            let run = try Krtplan.run([command, Self.dayThree, "--fit-iterations", "1"])
            #expect(run.status == 6, "\(command): \(run.stderr)")
            #expect(run.stdout.isEmpty)
            #expect(run.stderr.contains("the fit of the history did not converge") && run.stderr.contains("--population"), "\(run.stderr)")
            #expect(run.hasNoStackTrace)
            let population = try Krtplan.run([command, Self.dayThree, "--fit-iterations", "1", "--population"])
            #expect(population.status == 0, "\(command) --population: \(population.stderr)")
        }
        let compare = try Krtplan.run(["compare", Self.dayThree, "--simulate", "--fit-iterations", "1"])
        #expect(compare.status == 6 && compare.stdout.isEmpty, "\(compare.stderr)")
        let usage = try Krtplan.run(["plan", Self.dayThree, "--fit-iterations", "0"])
        #expect(usage.status == 64 && usage.stderr.contains("--fit-iterations"), "\(usage.stderr)")
    }

    @Test func compareShowsPopulationBesideIndividual() throws {
        let run = try Krtplan.run(["compare", Self.dayThree, "--simulate", "--population-vs-individual", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let variants = try #require(run.json()["variants"] as? [[String: Any]])
        #expect(variants.map { $0["name"] as? String } == ["base", "population"])
        #expect(variants.map { ($0["start"] as? [String: Any])?["source"] as? String } == ["individual", "population"])
        let text = try Krtplan.run(["compare", Self.dayThree, "--simulate", "--population-vs-individual"])
        #expect(text.row("start").starts(with: ["start", "fitted:"]), "\(text.stdout)")
        #expect(text.stdout.contains("fitted: K 3.33") && text.stdout.contains("population, latest labs: K 3.10"))
        let csv = try Krtplan.run(["compare", Self.dayThree, "--simulate", "--population-vs-individual", "--format", "csv"])
        let rows = csv.stdout.split(separator: "\r\n").map(String.init)
        #expect(rows.first?.hasSuffix(",start") == true && rows.dropFirst().map { $0.hasSuffix(",individual") || $0.hasSuffix(",population") } == [true, true])
    }

    @Test func compareFlagMisuseIsUsage() throws {
        let both = try Krtplan.run(["compare", Self.dayThree, "--population-vs-individual", "--population"])
        #expect(both.status == 64 && both.stderr.contains("cannot be combined with --population"), "\(both.stderr)")
        let noHistory = try Krtplan.run(["compare", Krtplan.packageRoot + "/cases/flagship-citrate-cvvhdf.yaml", "--population-vs-individual"])
        #expect(noHistory.status == 64 && noHistory.stderr.contains("has no history"), "\(noHistory.stderr)")
        let taken = try Krtplan.run(["compare", Self.dayThree, "--simulate", "--population-vs-individual",
                                      "--variant", "population:therapy.dialysate_flow=1500 mL/h"])
        #expect(taken.status == 64 && taken.stderr.contains("'base' and 'population' are taken"), "\(taken.stderr)")
    }

    @Test func csvAndHTMLCarryTheStart() throws {
        let csv = try Krtplan.run(["simulate", Self.dayThree, "--format", "csv"])
        let rows = csv.stdout.split(separator: "\r\n").map(String.init)
        #expect(rows.first?.hasSuffix(",start") == true)
        #expect(rows.dropFirst().allSatisfy { $0.hasSuffix(",individual") })
        let folder = try Krtplan.temporaryFolder()
        let page = folder + "/day3.html"
        let run = try Krtplan.run(["simulate", Self.dayThree, "--report", page])
        #expect(run.status == 0)
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(html.contains("<strong>Start:</strong> individual parameters and the state at 0 h fitted to 21 lab values"))
        #expect(html.contains("<section id=\"start\">"))
        // A case without history: no start column, no start line.
        let plain = try Krtplan.run(["simulate", Krtplan.packageRoot + "/cases/cvvh-phosphate-free-simulate.yaml", "--format", "csv"])
        #expect(plain.stdout.split(separator: "\r\n").first?.hasSuffix(",start") == false)
    }

    /// Issue 15's bad history inputs stop plan and simulate before any fit, fitted or --population: one
    /// clear message naming the field, exit 65.
    @Test func badHistoryIsRefusedBeforeAnyFit() throws {
        let cases: [(set: String, message: String)] = [
            ("history.downtime[0].to=-41 h", "history.downtime[0].to (--set history.downtime[0].to=-41 h): -41 h is not after from (-40 h)"),
            ("history.from=-400 h", "history from -400 h is longer than 14 days"),
            ("labs[6].at=2 h", "lab at 2 h is in the future"),
            ("labs[6].at=-12 h", "potassium at -12 h is given twice with different values"),
            ("history.from=-48 h", "lab at -72 h is before the history's start (-48 h)"),
        ]
        for (set, message) in cases {
            for extra in [[], ["--population"]] {
                let run = try Krtplan.run(["plan", Self.dayThree, "--set", set] + extra)
                #expect(run.status == 65, "\(set) \(extra): \(run.stderr)")
                #expect(run.stdout.isEmpty && run.hasNoStackTrace)
                #expect(run.stderr.contains(message), "\(set): \(run.stderr)")
            }
        }
    }
}

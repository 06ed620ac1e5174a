import Foundation
import Testing

/// Dangers first, everywhere: the alerts of `simulate`, `plan` and `compare` at the top of the text, in
/// JSON (`alerts`), as the HTML banner, per variant in every `compare` format, and in the exit code.
@Suite struct AlertsCommandTests {
    static let folder = Krtplan.packageRoot + "/Tests/CLITests/Alerts"
    static let potassiumChloride = folder + "/kcl-80-peripheral-simulate.yaml"
    static let phosphateStart = folder + "/phosphate-starts-above-hard-bound.yaml"
    static let heparin = Krtplan.packageRoot + "/cases/heparin-vs-citrate-magnesium.yaml"
    static let citrate = "citrate:therapy.anticoagulation={kind: citrate, solution: Prismocitrate 18/0, flow: 1500 mL/h}"

    @Test func aBrokenRateLimitIsADangerAtTheTopOfEveryOutput() throws {
        let text = try Krtplan.run("simulate", Self.potassiumChloride)
        #expect(text.status == 3)
        let lines = text.stdout.components(separatedBy: "\n")
        #expect(lines[1].hasPrefix("Status:   DANGER — the orders as written are unsafe"), "the headline says it: \(lines[1])")
        #expect(!lines[1].hasPrefix("Status:   simulation of the orders as written"))
        let alerts = try #require(text.stdout.range(of: "ALERTS"))
        let fluids = try #require(text.stdout.range(of: "FLUIDS"))
        #expect(alerts.lowerBound < fluids.lowerBound, "the alerts come before the fluids")
        #expect(text.unwrappedStdout.contains("DANGER Potassium chloride 20 mmol/100 mL (premixed) at 2 h: rate 80 mmol K/h exceeds the 10 mmol K/h peripheral-line limit (label; stated as 10 mEq/h of potassium)"), "\(text.stdout)")
        #expect(!text.stdout.contains("≤ 10 mmol/h"), "a broken limit never reads as a failed ≤")
        #expect(!text.stdout.contains("FAILED"))

        let json = try Krtplan.run("simulate", Self.potassiumChloride, "--format", "json")
        #expect(json.status == 3)
        let list = try #require(try json.json()["alerts"] as? [[String: Any]])
        let rate = try #require(list.first { $0["kind"] as? String == "limit_broken" })
        #expect(rate["severity"] as? String == "danger")
        #expect(rate["value"] as? Double == 80 && rate["limit"] as? Double == 10 && rate["excess"] as? Double == 70)
        #expect(rate["unit"] as? String == "mmol K/h")
        #expect(rate["at_h"] as? Double == 2)
        #expect(rate["unsafe"] as? Bool == true)
        #expect((rate["subject"] as? String)?.hasPrefix("Potassium chloride") == true)
        // 80 mmol of K in an hour also takes K above its hard bound: a second danger, with its unit.
        let crossing = try #require(list.first { $0["kind"] as? String == "hard_bound_crossed" })
        #expect(crossing["subject"] as? String == "K" && crossing["unit"] as? String == "mmol/L" && crossing["limit"] as? Double == 6)
        #expect(crossing["limitSource"] as? String == "hard_bound")

        let folder = try Krtplan.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let page = folder + "/kcl.html"
        let html = try Krtplan.run("simulate", Self.potassiumChloride, "--report", page)
        #expect(html.status == 3)
        let markup = try String(contentsOfFile: page, encoding: .utf8)
        let banner = try #require(markup.range(of: "<div class=\"alerts alerts-danger\" role=\"alert\">"))
        let therapy = try #require(markup.range(of: "<section id=\"therapy\">"))
        #expect(banner.lowerBound < therapy.lowerBound, "the banner is at the top of the page")
        #expect(markup.contains("rate 80 mmol K/h exceeds the 10 mmol K/h peripheral-line limit (label; stated as 10 mEq/h of potassium)"), "\(text.stdout)")
        try ReportHTML.check(markup, caseName: "KCl 80 mmol/h through a peripheral line (alerts fixture)")
    }

    @Test func aStartingLevelAboveAHardBoundIsTheSameRuleInPlanAndSimulate() throws {
        let simulate = try Krtplan.run("simulate", Self.phosphateStart)
        let plan = try Krtplan.run("plan", Self.phosphateStart)
        // Phosphate starts at 2.1 (hard bound 2.0) and the fluids bring it down inside the correction window.
        #expect(simulate.status == 0, "\(simulate.stderr)")
        #expect(plan.status == simulate.status)
        for run in [simulate, plan] {
            #expect(run.unwrappedStdout.contains("WARNING PO4 starts above the hard bound 2 mmol/L: 2.1 mmol/L at 0 h"))
            let alerts = try #require(run.stdout.range(of: "ALERTS"))
            let fluids = try #require(run.stdout.range(of: "FLUIDS"))
            #expect(alerts.lowerBound < fluids.lowerBound)
        }
        let json = try Krtplan.run("simulate", Self.phosphateStart, "--format", "json")
        let alert = try #require((try json.json()["alerts"] as? [[String: Any]])?.first)
        #expect(alert["kind"] as? String == "starts_outside_hard_bound")
        #expect(alert["unsafe"] as? Bool == false)
        #expect(alert["value"] as? Double == 2.1 && alert["limit"] as? Double == 2 && alert["unit"] as? String == "mmol/L")

        // Still above the bound once the correction window is over (a phosphate-containing fluid keeps it there):
        // what the fluids cause afterwards is unsafe, in simulate (3) as in plan (4: no plan meets the bounds).
        let kept = ["--set", "labs[0].phosphate=2.6 mmol/L", "--set", "fluids.post_replacement=Phoxilium",
                    "--set", "fluids.pre_replacement=Phoxilium"]
        let unsafe = try Krtplan.run(["simulate", Self.phosphateStart] + kept)
        #expect(unsafe.status == 3)
        #expect(unsafe.unwrappedStdout.contains("DANGER PO4 rises above the hard bound 2 mmol/L"))
        #expect(unsafe.unwrappedStdout.contains("WARNING PO4 starts above the hard bound"))
        let planned = try Krtplan.run(["plan", Self.phosphateStart] + kept)
        #expect(planned.status == 4)
    }

    @Test func aDangerousVariantIsFlaggedInEveryCompareFormatAndExits3() throws {
        let arguments = ["compare", Self.heparin, "--simulate", "--variant", Self.citrate]
        let text = try Krtplan.run(arguments)
        // Since the issue-14 recalibration citrate reaches Mg 0.32 (was 0.41) and K only 3.12 (was 2.89).
        #expect(text.status == 3, "the README's heparin-vs-citrate comparison: citrate reaches Mg 0.32")
        let flat = text.unwrappedStdout
        #expect(flat.contains("ALERTS (DANGER in citrate: crosses a hard bound or breaks a limit)"))
        #expect(flat.contains("citrate: DANGER Mg falls below the hard bound 0.5 mmol/L"))
        #expect(text.row("status").suffix(2) == ["DANGER", "(simulated)"], "\(text.row("status"))")
        #expect(text.row("alerts").count > 2 && text.row("alerts")[1] == "none")

        let json = try Krtplan.run(arguments + ["--format", "json"])
        #expect(json.status == 3)
        let variants = try #require(try json.json()["variants"] as? [[String: Any]])
        #expect((variants[0]["alerts"] as? [Any])?.isEmpty == true)
        let citrate = try #require(variants[1]["alerts"] as? [[String: Any]])
        #expect(Set(citrate.compactMap { $0["subject"] as? String }) == ["Mg"])
        #expect(citrate.allSatisfy { $0["unit"] as? String == "mmol/L" && $0["unsafe"] as? Bool == true })
        let magnesium = try #require(citrate.first { $0["subject"] as? String == "Mg" })
        #expect(abs((magnesium["value"] as? Double ?? 0) - 0.32) < 0.01 && magnesium["limit"] as? Double == 0.5)

        let csv = try Krtplan.run(arguments + ["--format", "csv"])
        #expect(csv.status == 3)
        let rows = csv.stdout.components(separatedBy: "\r\n")
        #expect(rows[0].hasPrefix("variant,status,danger,alerts,"))
        #expect(rows[1].hasPrefix("base,simulated,no,"))
        #expect(rows[2].hasPrefix("citrate,simulated,yes,danger: Mg falls below the hard bound 0.5 mmol/L"))

        let folder = try Krtplan.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let page = folder + "/compare.html"
        let html = try Krtplan.run(arguments + ["--report", page])
        #expect(html.status == 3)
        let markup = try String(contentsOfFile: page, encoding: .utf8)
        #expect(markup.contains("Alerts: citrate — danger"))
        #expect(markup.contains("DANGER in citrate"))
        #expect(!markup.contains("Alerts: base"))
        #expect(!markup.contains("<script") && markup.contains("Content-Security-Policy"))

        // No danger: exit 0 and no alert block.
        let safe = try Krtplan.run("compare", Self.heparin, "--simulate", "--variant", "dose35:therapy.effluent_dose=35 mL/kg/h")
        #expect(safe.status == 0)
        #expect(!safe.stdout.contains("ALERTS") && !safe.stdout.contains("DANGER"))
    }
}

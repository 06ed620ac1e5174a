import KRTPlanner
import Testing
@testable import KRTReport

/// Layout choices of the text report: reasons under their orders, streams in circuit order, SLED doses.
@Suite struct TextReportLayoutTests {
    let plan = Fixtures.plan()

    @Test func eachOrderHasItsReasonOnTheLineBelow() {
        var result = plan
        result.orders[0].reason = "Mg predicted 0.58 mmol/L at 0 h (target 0.8–1.1)"
        let lines = PlanReport.text(result).split(separator: "\n").map(String.init)
        let why = lines.firstIndex { $0.contains("why: Mg predicted 0.58 mmol/L at 0 h (target 0.8–1.1)") }
        let order = lines.firstIndex { $0.contains(result.orders[0].drug) && $0.contains("IV peripheral") }
        #expect(why != nil && order != nil)
        if let why, let order { #expect(why > order && why <= order + 3) }
        #expect(lines.allSatisfy { $0.count <= 100 })
    }

    @Test func fluidsAreListedInCircuitOrder() {
        let streams = plan.fluidsInStreamOrder.map(\.stream)
        #expect(streams == ["dialysate", "dialysate", "post_replacement", "citrate"])
        let text = PlanReport.text(plan)
        let dialysate = text.range(of: "  dialysate ")?.lowerBound
        let citrate = text.range(of: "  citrate ")?.lowerBound
        #expect(dialysate != nil && citrate != nil && dialysate! < citrate!)
    }

    @Test func intermittentTherapyShowsTheDoseWhileRunningAndAveraged() {
        var result = plan
        #expect(flattened(PlanReport.text(result)).contains("effluent dose 25 mL/kg/h prescribed"))
        result.therapySummary.effluentDosePrescribed = 228
        result.therapySummary.effluentDoseDelivered = 205.2
        result.therapySummary.sessions = "0–8 h, 24–32 h, 48–56 h"
        result.therapySummary.runningFraction = 1.0 / 3
        let text = flattened(PlanReport.text(result))
        #expect(text.contains("effluent dose while running 228 mL/kg/h prescribed, 205.2 mL/kg/h delivered "
            + "(76 mL/kg/h prescribed, averaged over the horizon)"))
        #expect(PlanReport.html(result).contains("76 mL/kg/h prescribed, averaged over the horizon"))
    }
}

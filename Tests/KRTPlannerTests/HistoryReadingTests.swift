import Testing
import KRTInput
import KRTKinetics
import KRTUnits
@testable import KRTPlanner

/// The `history:` block: what is read, what is refused and why (docs/case-format.md "History").
struct HistoryReadingTests {
    @Test func readsEveryPartOfAHistory() throws {
        let file = try HistoryFixtures.read(HistoryFixtures.text())
        let history = try #require(file.history)
        #expect(history.from == -72)
        #expect(history.segments.map(\.from) == [-72, -24])
        #expect(history.segments.map(\.to) == [-24, 0])
        #expect(history.segments[1].therapy.dialysateFlow == 2)
        #expect(history.downtimes.count == 1 && history.downtimes[0].reason == .clotting)
        #expect(history.fluids.count == 3)
        #expect(history.fluids[1].to == 0 && history.fluids[2].from == -72)
        #expect(history.doses.map(\.at) == [-30, -12])
        #expect(history.intakeChanges.count == 1)
        #expect(history.circuitRuns(at: -50) && !history.circuitRuns(at: -39) && history.circuitRuns(at: -37))
        #expect(file.labs.count == 7)
    }

    @Test func aCaseWithoutHistoryIsUnchanged() throws {
        let file = try HistoryFixtures.read(HistoryFixtures.rest + "\n" + HistoryFixtures.labs + "\n")
        #expect(file.history == nil)
    }

    @Test func resolvesIntoPiecesWithTheDowntimeOff() throws {
        let file = try HistoryFixtures.read(HistoryFixtures.text())
        let resolved = try ResolvedHistory.resolve(file, catalog: PlannerFixtures.catalog)
        let pieces = resolved.timeline.pieces
        #expect(pieces.map(\.start) == [-72, -48, -40, -37, -24])
        #expect(pieces.map { $0.therapy == nil } == [false, false, true, false, false])
        #expect(pieces[0].intake[.potassium].map { abs($0.rate - 40.0 / 24) < 1e-12 } == true, "before the first change: the patient's intake")
        #expect(pieces[1].intake[.potassium].map { abs($0.rate - 60.0 / 24) < 1e-12 } == true)
        // Phoxilium carries phosphate, Biphozyl too; the citrate stream is set for both segments.
        #expect(resolved.timeline.fluids.concentration(.dialysate, .phosphate, at: -60) > 0)
        #expect(resolved.timeline.fluids.segments[.citrate] != nil)
        #expect(resolved.timeline.doses.count == 2)
        #expect(resolved.timeline.doses[0].amounts[.magnesium].map { abs($0 - 8.12) < 0.05 } == true)
    }

    @Test func overlappingSegmentsAreRefused() {
        let text = HistoryFixtures.replacing("    - from: -72 h\n      therapy:", "    - from: -72 h\n      to: -20 h\n      therapy:")
        let messages = HistoryFixtures.messages(text)
        #expect(messages.contains { $0.contains("history.segments[1].from") && $0.contains("overlaps the segment from -72 h to -20 h") }, "\(messages)")
    }

    @Test func aHistoryLongerThan14DaysIsRefused() {
        let messages = HistoryFixtures.messages(HistoryFixtures.replacing("from: -72 h\n  segments", "from: -400 h\n  segments"))
        #expect(messages.contains { $0.contains("history.from") && $0.contains("longer than 14 days") }, "\(messages)")
    }

    @Test func aLabBeforeTheHistoryIsRefused() {
        let labs = HistoryFixtures.labs + "\n  - {at: -80 h, potassium: 3.9 mmol/L}"
        let messages = HistoryFixtures.messages(HistoryFixtures.text(labs: labs))
        #expect(messages.contains { $0.contains("labs[7].at") && $0.contains("before the history's start (-72 h)") }, "\(messages)")
    }

    @Test func aCircuitFluidWhileTheCircuitIsDownIsRefused() {
        let text = HistoryFixtures.replacing("- {stream: post_replacement, product: Phoxilium}",
                                            "- {stream: post_replacement, product: Phoxilium}\n    - {stream: pre_replacement, product: Phoxilium, from: -40 h, to: -38 h}")
        let messages = HistoryFixtures.messages(text)
        #expect(messages.contains { $0.contains("history.fluids[3]") && $0.contains("the circuit never runs then") }, "\(messages)")
    }

    @Test func aStreamWithFlowButNoFluidIsRefused() {
        let text = HistoryFixtures.replacing("- {stream: dialysate, product: Phoxilium, from: -72 h, to: -48 h}",
                                            "- {stream: dialysate, product: Phoxilium, from: -72 h, to: -50 h}")
        let messages = HistoryFixtures.messages(text)
        #expect(messages.contains { $0.contains("history.segments[0].therapy") && $0.contains("no dialysate fluid is given from -50 h to -48 h") }, "\(messages)")
    }

    @Test func overlappingFluidsOnOneStreamAreRefused() {
        let text = HistoryFixtures.replacing("- {stream: dialysate, product: Biphozyl, from: -48 h}", "- {stream: dialysate, product: Biphozyl, from: -50 h}")
        let messages = HistoryFixtures.messages(text)
        #expect(messages.contains { $0.contains("overlaps Phoxilium") }, "\(messages)")
    }

    @Test func overlappingDowntimesAndDosesAtNowAreRefused() {
        let text = HistoryFixtures.replacing("- {from: -40 h, to: -37 h, reason: clotting}",
                                            "- {from: -40 h, to: -37 h, reason: clotting}\n    - {from: -38 h, to: -36 h, reason: imaging}")
        #expect(HistoryFixtures.messages(text).contains { $0.contains("overlaps the downtime -40 h to -37 h") })
        let dose = HistoryFixtures.replacing("- {at: -12 h, drug: KCl 20 mmol/100 mL, units: 1}", "- {at: 0 h, drug: KCl 20 mmol/100 mL, units: 1}")
        #expect(HistoryFixtures.messages(dose).contains { $0.contains("history.doses[1].at") && $0.contains("under orders") })
    }

    @Test func anUnknownProductInTheHistoryIsNamed() {
        let text = HistoryFixtures.replacing("product: Biphozyl", "product: Biphozly")
        let messages = HistoryFixtures.messages(text)
        #expect(messages.contains { $0.contains("history.fluids[1].product") }, "\(messages)")
    }

    @Test func sessionsInASegmentAreRefused() {
        let text = HistoryFixtures.replacing("      delivered_fraction: 90 %\n    - from: -24 h",
                                            "      delivered_fraction: 90 %\n        sessions: [{start: 0 h, duration: 8 h}]\n    - from: -24 h")
        #expect(HistoryFixtures.messages(text).contains { $0.contains("write each session as its own segment") })
    }
}

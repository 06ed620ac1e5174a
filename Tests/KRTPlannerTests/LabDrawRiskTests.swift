import Foundation
import Testing
import KRTCatalog
@testable import KRTPlanner

/// Lab draws that follow the risk (issue 12 item 4): each trigger gives a draw 2–6 h after its cause,
/// with its reason; without the trigger there is no such draw.
@Suite struct LabDrawRiskTests {
    static func caseText(labs: String = "potassium: 4.4 mmol/L, phosphate: 1.1 mmol/L, magnesium: 0.9 mmol/L",
                         therapy: String = "{modality: CVVHD, blood_flow: 200 mL/min, dialysate_flow: 2000 mL/h, anticoagulation: heparin}",
                         dialysate: String = "Prismasol 4 mmol/l potassium", extra: String = "") -> String {
        """
        name: lab draw test
        patient: {weight: 80 kg, sex: male, hematocrit: 0.30}
        labs: [{at: 0 h, \(labs)}]
        therapy: \(therapy)
        fluids: {dialysate: \(dialysate)}
        supplements: {allowed: [], access: central}
        horizon: 48 h
        step: 1 h
        \(extra)
        """
    }

    static func draws(_ text: String) throws -> [LabDraw] {
        let file = try PlannerFixtures.caseFile(text)
        let planningCase = try PlannerFixtures.planningCase(file, mode: .simulate)
        return try Planner(catalog: PlannerFixtures.catalog).simulate(planningCase).labDraws
    }

    /// The draws whose reasons contain `phrase`.
    static func draws(_ draws: [LabDraw], containing phrase: String) -> [LabDraw] {
        draws.filter { $0.reasons.contains { $0.contains(phrase) } }
    }

    @Test func aStartingPotassiumWellAboveTargetIsRecheckedWithinHours() throws {
        let high = try Self.draws(Self.caseText(labs: "potassium: 6.5 mmol/L, phosphate: 1.1 mmol/L, magnesium: 0.9 mmol/L",
                                                dialysate: "Hemosol B0"))
        let recheck = Self.draws(high, containing: "starting K 6.5 mmol/L is 1.5 above the target")
        #expect(recheck.count == 1 && (2...6).contains(recheck[0].at), "\(high)")
        #expect(high.first.map { $0.at <= 6 } ?? false, "the first draw is within 6 h: \(high)")
        // K 5.4 is 0.4 above the target's 5.0: below the 0.5 margin, no early recheck.
        let near = try Self.draws(Self.caseText(labs: "potassium: 5.4 mmol/L, phosphate: 1.1 mmol/L, magnesium: 0.9 mmol/L"))
        #expect(Self.draws(near, containing: "starting").isEmpty, "\(near)")
        // Low starting Mg (0.55, 0.25 below 0.8) is rechecked too.
        let lowMg = try Self.draws(Self.caseText(labs: "potassium: 4.4 mmol/L, phosphate: 1.1 mmol/L, magnesium: 0.55 mmol/L"))
        #expect(Self.draws(lowMg, containing: "starting Mg 0.55 mmol/L is 0.25 below the target").count == 1, "\(lowMg)")
    }

    @Test func aChangeOfFluidPotassiumIsRecheckedWithinHours() throws {
        let changed = try Self.draws(Self.caseText(
            dialysate: "{schedule: [{from: 0 h, product: Hemosol B0}, {from: 20 h, product: Prismasol 4 mmol/l potassium}]}"))
        let recheck = Self.draws(changed, containing: "dialysate K 0 → 4 mmol/L at 20 h")
        #expect(recheck.count == 1 && (22...26).contains(recheck[0].at), "\(changed)")
        // The same potassium in another product is no change of fluid K.
        let same = try Self.draws(Self.caseText(
            dialysate: "{schedule: [{from: 0 h, product: Prismasol 4 mmol/l potassium}, {from: 20 h, product: Phoxilium}]}"))
        #expect(Self.draws(same, containing: "recheck K: dialysate").isEmpty, "\(same)")
    }

    @Test func anIVPotassiumOrderOfTwentyMillimolesPerHourIsRecheckedAfterIt() throws {
        let fast = try Self.draws(Self.caseText(extra: "orders: [{at: 20 h, drug: KCl 40 mmol/100 mL, units: 1}]"))
        let recheck = Self.draws(fast, containing: "recheck K after Potassium chloride 40 mmol/100 mL (premixed) at 20 mmol/h (20 h)")
        #expect(recheck.count == 1 && (22...26).contains(recheck[0].at), "\(fast)")
        // 10 mmol/h (KCl 20 mmol over 2 h) gets no such draw.
        let slow = try Self.draws(Self.caseText(extra: "orders: [{at: 20 h, drug: KCl 20 mmol/100 mL, units: 1}]"))
        #expect(Self.draws(slow, containing: "recheck K after").isEmpty, "\(slow)")
    }

    @Test func everyPIRRTSessionEndsWithADraw() throws {
        let therapy = "{modality: SLED, blood_flow: 200 mL/min, dialysate_flow: 300 mL/min, dialyzer_koa: 600 mL/min, "
            + "anticoagulation: heparin, sessions: {first: 0 h, every: 24 h, duration: 8 h}}"
        let sled = try Self.draws(Self.caseText(therapy: therapy))
        for end in [8.0, 32.0] {
            let before = Self.draws(sled, containing: "before the end of the session at \(Int(end)) h")
            #expect(before.count == 1 && before[0].at < end && before[0].at >= end - 2, "\(sled)")
        }
        let continuous = try Self.draws(Self.caseText())
        #expect(Self.draws(continuous, containing: "session").isEmpty)
    }
}

import Foundation
import Testing
import KRTCatalog
import KRTKinetics
import KRTUnits
@testable import KRTPlanner

/// The planner's required behaviours (issue 5), on small cases against the bundled catalog.
@Suite(.serialized)
struct PlannerBehaviourTests {
    static let options = PlanningOptions(relativeGap: 0.01, timeLimit: 3600, threads: 2)

    static func caseText(labs: String, dialysate: String, replacement: String = "{choose_from: [PRISMASOL BGK4/2.5, PRISMASOL BGK0/2.5]}",
                         supplements: String, extra: String = "", patient: String = "residual_renal_function: none",
                         anticoagulation: String = "{kind: citrate, solution: Prismocitrate 18/0, flow: 1500 mL/h}",
                         horizon: String = "48 h", changeEvery: String = "") -> String {
        """
        name: behaviour test
        patient: {weight: 75 kg, sex: female, hematocrit: 0.30, \(patient)}
        labs: [{at: 0 h, \(labs)}]
        therapy:
          modality: CVVHDF
          blood_flow: 150 mL/min
          dialysate_flow: 1500 mL/h
          replacement: [{position: post, flow: 500 mL/h}]
          net_ultrafiltration: 100 mL/h
          anticoagulation: \(anticoagulation)
          delivered_fraction: 90 %
        fluids:
          dialysate: \(dialysate)
          post_replacement: \(replacement)
        \(changeEvery.isEmpty ? "" : "  change_every: \(changeEvery)")
        supplements: \(supplements)
        horizon: \(horizon)
        step: 1 h
        \(extra)
        """
    }

    static func plan(_ text: String) throws -> PlanResult {
        let file = try PlannerFixtures.caseFile(text)
        return try Planner(catalog: PlannerFixtures.catalog, options: options).plan(PlannerFixtures.planningCase(file))
    }

    /// (LP prediction = simulation is shown independently by SafetyTests' BundledPlanRoundTripTests and
    /// PlanPropertyTests: the planner throws rather than return a plan above its tolerance.)
    static func expectVerified(_ result: PlanResult) {
        #expect(result.verification.allLimitsRespected, "\(result.verification.limitChecks.filter { !$0.passed })")
        #expect(result.audit.massBalanceResidual < 1e-6)
    }

    @Test func lowEverythingOnCitrateGetsPotassiumPhosphateFluidsAndEarlyMagnesium() throws {
        let result = try Self.plan(Self.caseText(
            labs: "potassium: 3.0 mmol/L, phosphate: 0.6 mmol/L, magnesium: 0.55 mmol/L",
            dialysate: "{choose_from: [Hemosol B0, Prismasol 4 mmol/l potassium, Phoxilium, Biphozyl]}",
            replacement: "{choose_from: [PRISMASOL BGK0/2.5, PRISMASOL BGK4/2.5, PHOXILLUM BK4/2.5]}",
            supplements: "{allowed: [magnesium sulfate, KCl 20 mmol/100 mL, sodium phosphates], access: central}"))
        Self.expectVerified(result)
        #expect(result.status != .hardBoundsUnmet)
        for summary in result.solutes {
            #expect(summary.minimum >= summary.hardLow - 1e-3, "\(summary.solute) min \(summary.minimum)")
            #expect(summary.maximum <= summary.hardHigh + 1e-3, "\(summary.solute) max \(summary.maximum)")
        }
        let dialysate = try #require(result.fluids.first { $0.stream == "dialysate" })
        #expect(dialysate.potassium >= 4 && dialysate.phosphate > 0, "chose \(dialysate.product)")
        let firstMagnesium = result.orders.filter { $0.drug.lowercased().contains("magnesium") }.map(\.at).min()
        #expect((firstMagnesium ?? 99) <= 6, "first Mg order at \(firstMagnesium ?? -1) h")
    }

    @Test func magnesiumComesFirstWhenItDrivesPotassiumWasting() throws {
        let base = Self.caseText(
            labs: "potassium: 3.2 mmol/L, phosphate: 1.0 mmol/L, magnesium: 0.5 mmol/L",
            dialysate: "Prismasol 4 mmol/l potassium", replacement: "PRISMASOL BGK4/2.5",
            supplements: "{allowed: [magnesium sulfate, KCl 20 mmol/100 mL], access: central}",
            patient: "residual_renal_function: {urine_output: 2000 mL/day, mg_driven_potassium_wasting: true}",
            anticoagulation: "heparin")
        let withMagnesium = try Self.plan(base)
        let potassiumOnly = try Self.plan(base.replacingOccurrences(of: "allowed: [magnesium sulfate, KCl 20 mmol/100 mL]", with: "allowed: [KCl 20 mmol/100 mL]"))
        Self.expectVerified(withMagnesium)
        Self.expectVerified(potassiumOnly)
        let firstMagnesium = withMagnesium.orders.filter { $0.drug.lowercased().contains("magnesium") }.map(\.at).min()
        #expect(firstMagnesium == 0, "Mg first at \(firstMagnesium ?? -1) h")
        let kWith = try #require(withMagnesium.solutes.first { $0.solute == .potassium })
        let kWithout = try #require(potassiumOnly.solutes.first { $0.solute == .potassium })
        // Potassium alone (at the same limits) leaves more K excursion than potassium plus magnesium.
        #expect(kWith.excursionBelow < kWithout.excursionBelow, "with Mg \(kWith.excursionBelow), K only \(kWithout.excursionBelow)")
        #expect(withMagnesium.explanation.notes.contains { $0.contains("low Mg drives renal K loss") })
    }

    @Test func hyperkalaemiaStartsOnALowPotassiumFluidAndChangesLater() throws {
        let result = try Self.plan(Self.caseText(
            labs: "potassium: 6.5 mmol/L, phosphate: 1.4 mmol/L, magnesium: 0.9 mmol/L",
            dialysate: "{choose_from: [Hemosol B0, Prismasol 2 mmol/l potassium, Prismasol 4 mmol/l potassium]}",
            replacement: "{choose_from: [PRISMASOL BGK0/2.5, PRISMASOL BGK4/2.5]}",
            supplements: "{allowed: []}", anticoagulation: "heparin", changeEvery: "12 h"))
        Self.expectVerified(result)
        let dialysate = result.fluids.filter { $0.stream == "dialysate" }
        #expect((dialysate.first?.potassium ?? 9) == 0, "starts on \(dialysate.first?.product ?? "?")")
        #expect((dialysate.last?.potassium ?? 0) > 0, "later \(dialysate.last?.product ?? "?")")
        let potassium = try #require(result.solutes.first { $0.solute == .potassium })
        #expect(potassium.maximumAt == 0 && potassium.minimum >= 3.0 - 1e-3)
    }

    @Test func tighterCapsChangeThePlanTheWayTheyShould() throws {
        let base = Self.caseText(
            labs: "potassium: 3.0 mmol/L, phosphate: 1.0 mmol/L, magnesium: 0.9 mmol/L",
            dialysate: "Prismasol 2 mmol/l potassium", replacement: "PRISMASOL BGK2/3.5",
            supplements: "{allowed: [KCl 20 mmol/100 mL], access: central}", anticoagulation: "heparin", horizon: "24 h")
        let free = try Self.plan(base)
        let capped = try Self.plan(base.replacingOccurrences(of: "access: central}", with: "access: central, limits: {KCl 20 mmol/100 mL: {max_per_24h: 40 mmol}}}"))
        Self.expectVerified(free)
        Self.expectVerified(capped)
        func total(_ result: PlanResult) -> Double {
            result.orders.flatMap(\.delivers).filter { $0.solute == .potassium }.reduce(0) { $0 + $1.amount }
        }
        #expect(total(capped) <= 40 + 1e-9)
        #expect(total(free) > total(capped))
        let kFree = try #require(free.solutes.first { $0.solute == .potassium })
        let kCapped = try #require(capped.solutes.first { $0.solute == .potassium })
        #expect(kCapped.excursionBelow >= kFree.excursionBelow)
        #expect(capped.explanation.binding.contains { $0.description.contains("40 mmol") || $0.description.contains("per 24 h") })
    }

    @Test func impossibleCaseReturnsTheLeastViolatingPlanAndNamesTheMissingOption() throws {
        let result = try Self.plan(Self.caseText(
            labs: "potassium: 3.4 mmol/L, phosphate: 1.0 mmol/L, magnesium: 0.9 mmol/L",
            dialysate: "Hemosol B0", replacement: "PRISMASOL BGK0/2.5", supplements: "{allowed: []}",
            extra: "targets: {potassium: 4.0 to 5.0 mmol/L}", anticoagulation: "heparin", horizon: "24 h"))
        #expect(result.status == .hardBoundsUnmet)
        let violation = try #require(result.explanation.violations.first { $0.solute == .potassium && $0.side == "below" })
        #expect(violation.bound == 3.0 && violation.worstBy > 0)
        #expect(result.explanation.suggestedFixes.contains { $0.remainingViolation == 0 && ($0.change.contains("potassium") || $0.change.contains("every eligible")) },
                "\(result.explanation.suggestedFixes)")
    }

    @Test func sameInputGivesIdenticalResults() throws {
        let text = Self.caseText(labs: "potassium: 3.5 mmol/L, phosphate: 0.7 mmol/L, magnesium: 0.7 mmol/L",
                                 dialysate: "{choose_from: [Phoxilium, Prismasol 4 mmol/l potassium]}",
                                 supplements: "{allowed: [magnesium sulfate, sodium phosphates], access: central}", horizon: "24 h")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let first = try encoder.encode(Self.plan(text))
        var serial = Self.options
        serial.threads = 1
        let file = try PlannerFixtures.caseFile(text)
        let second = try encoder.encode(Planner(catalog: PlannerFixtures.catalog, options: serial).plan(PlannerFixtures.planningCase(file)))
        #expect(first == second)
    }
}

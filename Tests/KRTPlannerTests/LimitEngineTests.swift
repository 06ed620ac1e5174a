import Foundation
import Testing
import KRTCatalog
import KRTKinetics
import KRTUnits
@testable import KRTPlanner

/// The one limit engine (issue 13): rolling caps on written orders in `simulate`, caps counting written
/// orders in the planner's rows and evaluator, structured checks that read as violations.
struct LimitEngineTests {
    /// A CVVHDF case with fixed fluids, `orders` written, and `supplements` as given.
    static func caseText(orders: [String], supplements: String = "{access: central}", labs: String = "potassium: 3.4 mmol/L, phosphate: 1.0 mmol/L, magnesium: 0.8 mmol/L",
                         dialysate: String = "Prismasol 4 mmol/l potassium", horizon: Int = 48) -> String {
        """
        name: limit engine test
        patient: {weight: 80 kg, sex: male, hematocrit: 0.30, residual_renal_function: none}
        labs: [{at: 0 h, \(labs)}]
        therapy:
          modality: CVVHDF
          blood_flow: 150 mL/min
          dialysate_flow: 1500 mL/h
          replacement: [{position: post, flow: 500 mL/h}]
          net_ultrafiltration: 100 mL/h
          anticoagulation: heparin
          delivered_fraction: 90 %
        fluids:
          dialysate: \(dialysate)
          post_replacement: Prismasol BGK4/2.5
        supplements: \(supplements)
        orders:
        \(orders.map { "  - " + $0 }.joined(separator: "\n"))
        horizon: \(horizon) h
        step: 1 h

        """
    }

    static func simulate(_ text: String) throws -> PlanResult {
        let file = try PlannerFixtures.caseFile(text)
        return try Planner(catalog: PlannerFixtures.catalog).simulate(PlannerFixtures.planningCase(file, mode: .simulate))
    }

    @Test func simulateChecksTheDailyCapOnWrittenPotassium() throws {
        // 12 × KCl 20 mmol every 2 h: 240 mmol in 24 h against the label's 200 mEq per 24 h.
        let orders = (0..<12).map { "{at: \($0 * 2) h, drug: KCl 20 mmol/100 mL, units: 1}" }
        let result = try Self.simulate(Self.caseText(orders: orders))
        let failed = result.verification.limitChecks.filter { !$0.passed }
        let cap = try #require(failed.first { $0.kind == "rolling_cap" }, "\(failed)")
        #expect(cap.value.map { abs($0 - 240) < 1e-6 } == true)
        #expect(cap.limit == 200)
        #expect(cap.unit == "mmol K")
        #expect(cap.source == "label")
        #expect(cap.at == 0)
        #expect(cap.excess.map { abs($0 - 40) < 1e-6 } == true)
        #expect(cap.description.contains("240 mmol K in the 24 h from 0 h exceeds the 200 mmol K per-24-h limit (label"), "\(cap.description)")
        #expect(!cap.description.contains("≤"))
        #expect(!result.verification.allLimitsRespected)
    }

    @Test func simulateChecksTheTwoDayMagnesiumCap() throws {
        // 6 × MgSO4 4 g (16.2 mmol) = 97.4 mmol in 48 h against the label's 20 g (≈ 81 mmol) per 48 h.
        let orders = (0..<6).map { "{at: \($0 * 8) h, drug: magnesium sulfate, dose: 4 g, over: 4 h}" }
        let result = try Self.simulate(Self.caseText(orders: orders))
        let cap = try #require(result.verification.limitChecks.first { $0.kind == "rolling_cap" })
        #expect(!cap.passed)
        #expect(cap.unit == "mmol Mg")
        #expect(cap.value.map { abs($0 - 97.44) < 0.05 } == true, "\(cap)")
        #expect(cap.limit.map { abs($0 - 81.15) < 0.1 } == true, "\(cap)")
        #expect(cap.description.contains("stated as 20 g of magnesium sulfate heptahydrate"), "\(cap.description)")
    }

    @Test func everyCheckIsStructuredInOneUnitAndReadsAsWithinWhenPassed() throws {
        let orders = ["{at: 0 h, drug: magnesium sulfate, dose: 2 g, over: 2 h}", "{at: 6 h, drug: KCl 20 mmol/100 mL, units: 1}"]
        let result = try Self.simulate(Self.caseText(orders: orders))
        let checks = result.verification.limitChecks
        #expect(!checks.isEmpty)
        for check in checks {
            #expect(check.passed, "\(check.description)")
            #expect(check.kind != nil && check.drug != nil && check.value != nil && check.limit != nil && check.unit != nil && check.source != nil,
                    "\(check)")
            #expect(check.description.contains("within"), "\(check.description)")
            #expect(!check.description.contains("≤") && !check.description.contains("g/L ≤"), "\(check.description)")
        }
        // Magnesium sulfate's label rate (150 mg/min of the heptahydrate) is compared in mmol Mg/h.
        let rate = try #require(checks.first { $0.kind == "rate" && $0.drug?.lowercased().contains("magnesium") == true })
        #expect(rate.unit == "mmol Mg/h")
        #expect(rate.limit.map { abs($0 - 36.52) < 0.01 } == true, "\(rate)")
        #expect(rate.description.contains("stated as 150 mg/min of magnesium sulfate heptahydrate"), "\(rate.description)")
        let concentration = try #require(checks.first { $0.kind == "concentration" && $0.drug?.lowercased().contains("magnesium") == true })
        #expect(concentration.unit == "mmol Mg/L")
    }

    @Test func aFailedRateReadsAsAViolation() {
        var drug = SyntheticProblems.drug("potassium chloride IV", .potassium, perUnit: [.potassium: 80], duration: 1, maxUnits: 1)
        drug.line = "peripheral"
        drug.orderLimits.rate = DrugPlan.NumericLimit(value: 10, stated: "10 mEq/h of potassium", source: "label")
        let order = OrderPlacement(drug: drug, at: 3, units: 1, duration: 1, fixed: true)
        let check = try? #require(LimitEngine.orderChecks(order, serum: { _, _ in 4 }).first { $0.kind == "rate" })
        #expect(check?.passed == false)
        #expect(check?.description.hasPrefix("potassium chloride IV at 3 h: rate 80 mmol K/h exceeds the 10 mmol K/h peripheral-line limit (label") == true,
                "\(check?.description ?? "")")
        #expect(check?.excess == 70)
    }
}

/// The compounding check's limits as structured checks, with the same verdict as its findings.
struct CompoundingLimitCheckTests {
    @Test func aBagAboveTheCompoundingLimitIsAFailedStructuredCheck() throws {
        let catalog = PlannerFixtures.catalog
        let order = CompoundingOrder(base: try catalog.resolveFluid("Prismasol BGK2/0"), volume: 5,
                                     additives: [try AdditiveOrder(supplement: catalog.resolveSupplement("potassium chloride"), requested: Quantity(20, .millimole))],
                                     potassiumFree: false, bagMixed: true)
        let result = try CompoundingCheck.run(order, limits: catalog.compounding)
        let checks = result.limitChecks(limits: catalog.compounding)
        let potassium = try #require(checks.first)
        #expect(checks.count == 1)
        #expect(!potassium.passed)
        #expect(potassium.unit == "mmol/L" && potassium.limit == 4 && potassium.source == "compounding")
        #expect(potassium.description.contains("exceeds the 4 mmol/L compounding limit"), "\(potassium.description)")
        #expect(result.findings.contains { $0.code == "above-compounding-limit" })
    }
}

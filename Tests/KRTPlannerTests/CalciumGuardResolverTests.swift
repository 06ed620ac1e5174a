import Foundation
import Testing
import KRTCatalog
import KRTInput
@testable import KRTPlanner

/// The calcium guard in the resolver (issue 12 item 3): which products reach the planner on each path.
@Suite struct CalciumGuardResolverTests {
    static func text(anticoagulation: String = "heparin", calcium: String = "", dialysate: String) -> String {
        """
        name: calcium guard
        patient: {weight: 80 kg, sex: male, hematocrit: 0.30}
        labs: [{at: 0 h, potassium: 4.0 mmol/L, phosphate: 1.0 mmol/L, magnesium: 0.8 mmol/L}]
        therapy:
          modality: CVVHD
          blood_flow: 200 mL/min
          dialysate_flow: 2000 mL/h
          anticoagulation: \(anticoagulation)
          \(calcium)
        fluids: {dialysate: \(dialysate)}
        horizon: 24 h
        step: 1 h
        """
    }

    /// The products (and their equivalents) the planner may use on the dialysate.
    static func dialysateProducts(_ text: String) throws -> [String] {
        let planningCase = try PlannerFixtures.planningCase(try PlannerFixtures.caseFile(text))
        let stream = try #require(planningCase.problem.streams.first { $0.stream == .dialysate })
        switch stream.kind {
        case let .choice(options): return options.flatMap { [$0.product] + $0.equivalents }
        case let .fixed(schedule): return schedule.map(\.option.product)
        }
    }

    static func calciumFree(_ names: [String]) -> [String] {
        names.filter { (PlannerFixtures.catalog.fluid(named: $0)?.calcium ?? -1) == 0 }
    }

    @Test func chooseFromAllHasNoCalciumFreeProductUnderHeparinOrNone() throws {
        for anticoagulation in ["heparin", "none"] {
            let products = try Self.dialysateProducts(Self.text(anticoagulation: anticoagulation, dialysate: "{choose_from: all}"))
            #expect(!products.isEmpty && Self.calciumFree(products).isEmpty, "\(anticoagulation): \(products)")
        }
        let withInfusion = try Self.dialysateProducts(Self.text(
            calcium: "calcium_infusion: {solution: calcium gluconate 10 %, flow: 30 mL/h}", dialysate: "{choose_from: all}"))
        #expect(Self.calciumFree(withInfusion).contains("Biphozyl"), "\(withInfusion)")
        let citrate = try Self.dialysateProducts(Self.text(
            anticoagulation: "{kind: citrate, solution: Prismocitrate 18/0, flow: 1500 mL/h}", dialysate: "{choose_from: all}"))
        #expect(Self.calciumFree(citrate).contains("Biphozyl"), "\(citrate)")
    }

    @Test func anExplicitListKeepsOnlyCalciumContainingProducts() throws {
        let products = try Self.dialysateProducts(Self.text(dialysate: "{choose_from: [Biphozyl, Phoxilium, Ci-Ca Dialysate K2]}"))
        #expect(products == ["Phoxilium 1.2 mmol/l phosphate"])
        do {
            _ = try Self.dialysateProducts(Self.text(dialysate: "{choose_from: [Biphozyl, Ci-Ca Dialysate K2]}"))
            Issue.record("a list of calcium-free products only must be refused under heparin")
        } catch let error as InputError {
            let issue = try #require(error.issues.errors.first)
            #expect(issue.path.description == "fluids.dialysate.choose_from")
            #expect(issue.message.contains("Biphozyl, Ci-Ca Dialysate K2 contain no calcium"))
        }
    }

    @Test func aFixedCalciumFreeProductNeedsCitrateOrACalciumInfusion() throws {
        do {
            _ = try Self.dialysateProducts(Self.text(dialysate: "Biphozyl"))
            Issue.record("a fixed calcium-free product must be refused under heparin")
        } catch let error as InputError {
            let issue = try #require(error.issues.errors.first)
            #expect(issue.path.description == "fluids.dialysate")
            #expect(issue.message.contains("therapy.calcium_infusion"))
        }
        #expect(try Self.dialysateProducts(Self.text(
            calcium: "calcium_infusion: {solution: calcium chloride 10 %, flow: 20 mL/h}", dialysate: "Biphozyl")) == ["Biphozyl"])
        let file = try PlannerFixtures.caseFile(Self.text(calcium: "calcium_infusion: {solution: calcium chloride 10 %, flow: 20 mL/h}",
                                                          dialysate: "Biphozyl"))
        #expect(file.calciumInfusion?.flow == 0.02 && file.calciumInfusion?.solution == "calcium chloride 10 %")
    }
}

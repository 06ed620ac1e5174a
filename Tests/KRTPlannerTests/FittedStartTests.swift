import Foundation
import Testing
import KRTEstimation
import KRTInput
import KRTKinetics
import KRTUnits
@testable import KRTPlanner

/// Re-plan from now (docs/fitting.md §8): a case with history is fitted and planned from the estimated
/// state at 0 h with the individual parameters; `--population` keeps today's start.
struct FittedStartTests {
    static let catalog = PlannerFixtures.catalog
    /// A work limit, not a time limit: the search ends on its own long before.
    static let options = PlanningOptions(timeLimit: 3600, threads: 1)

    static func dayThree() throws -> CaseFile { try PlannerFixtures.bundledCase("day3-citrate-cvvhdf-history.yaml") }

    static func serum(_ result: PlanResult, _ solute: Solute) -> [Double] { result.trajectory.values(for: solute) ?? [] }

    @Test func theStartCarriesTheFitsParametersAndState() throws {
        let file = try Self.dayThree()
        let start = try FittedStart.prepare(file, catalog: Self.catalog, source: .individual)
        let fit = try #require(start.fit)
        #expect(fit.converged, "\(fit.estimation.reason)")
        #expect(start.isUsable)
        #expect(start.startState == fit.currentState)
        for (target, estimate) in zip(fit.targets, fit.estimation.parameters) {
            switch target {
            case let .model(name): #expect(start.file.patient.parameters[name] == estimate.estimate, "\(name)")
            case .deliveredFraction: #expect(start.file.therapy.deliveredFraction == estimate.estimate)
            case .initialSerum: break
            }
        }
        let summary = try #require(start.summary)
        #expect(summary.source == .individual && summary.converged == true && summary.labsUsed == 21 && summary.historyFrom == -72)
        for level in summary.levels {
            #expect(level.estimated)
            #expect(level.serum == fit.currentState[StateIndex.serum(level.solute).rawValue])
            #expect(start.file.initialLabs[level.solute] == level.serum)
        }
        // Moved = informed and at least 10 % from the population value; this history moves several.
        #expect(!summary.parametersMoved.isEmpty)
        for moved in summary.parametersMoved {
            let estimate = try #require(fit.estimation.parameter(moved.name))
            #expect(!estimate.notInformed && abs(moved.ratio - 1) >= FittedStart.movedThreshold, "\(moved.name)")
        }
    }

    @Test func aFittedPlanKeepsEveryInvariant() throws {
        let start = try FittedStart.prepare(Self.dayThree(), catalog: Self.catalog, source: .individual)
        let planningCase = try start.planningCase(catalog: Self.catalog, mode: .plan)
        let planner = Planner(catalog: Self.catalog, options: Self.options)
        let result = try planner.plan(planningCase)
        #expect(!result.orders.isEmpty)
        #expect(result.verification.maxPredictionDifference <= 1e-6, "LP vs simulation \(result.verification.maxPredictionDifference)")
        #expect(result.massBalance.allSatisfy { $0.residual <= 1e-6 }, "\(result.massBalance.map(\.residual))")
        #expect(result.start?.source == .individual)
        // The plan starts where the fit says the patient is now, not at the latest lab.
        for level in try #require(result.start).levels {
            #expect(abs((Self.serum(result, level.solute).first ?? -1) - level.serum) < 1e-12)
        }
        let again = try planner.plan(start.planningCase(catalog: Self.catalog, mode: .plan))
        #expect(again == result)
    }

    @Test func theSimulationStartsFromTheEstimatedPoolsAndGut() throws {
        // An oral K dose 1 h before now is still partly in the gut; the pools are off equilibrium. No oral
        // drug may be ordered, so only the start makes the gut state matter to the plan.
        let text = HistoryFixtures.replacing("    - {at: -12 h, drug: KCl 20 mmol/100 mL, units: 1}",
                                             "    - {at: -12 h, drug: KCl 20 mmol/100 mL, units: 1}\n    - {at: -1 h, drug: KCl oral, units: 2}")
            .replacingOccurrences(of: "fluids:\n  dialysate: Biphozyl",
                                  with: "supplements:\n  allowed: [KCl 20 mmol/100 mL, magnesium sulfate]\n  access: central\n  dose_every: 6 h\nfluids:\n  dialysate: Biphozyl")
        let file = try HistoryFixtures.read(text)
        let start = try FittedStart.prepare(file, catalog: Self.catalog, source: .individual)
        let state = try #require(start.startState)
        #expect(state[StateIndex.potassiumGut.rawValue] > 5, "gut K \(state[StateIndex.potassiumGut.rawValue]) mmol")
        #expect(abs(state[StateIndex.potassiumPool.rawValue] - state[StateIndex.potassiumECF.rawValue]) > 1e-3)
        let planningCase = try start.planningCase(catalog: Self.catalog, mode: .plan)
        #expect(planningCase.problem.initialState == state)
        let result = try Planner(catalog: Self.catalog, options: Self.options).plan(planningCase)
        #expect(result.verification.maxPredictionDifference <= 1e-6, "LP vs simulation \(result.verification.maxPredictionDifference)")
        #expect(result.massBalance.allSatisfy { $0.residual <= 1e-6 }, "\(result.massBalance.map(\.residual))")
        // The K still in the gut is absorbed after 0 h: the same start with an empty gut is lower at 2 h.
        let simulated = try Planner(catalog: Self.catalog).simulate(start.planningCase(catalog: Self.catalog, mode: .simulate))
        var empty = try start.planningCase(catalog: Self.catalog, mode: .simulate)
        empty.problem.startState?[StateIndex.potassiumGut.rawValue] = 0
        let emptyGut = try Planner(catalog: Self.catalog).simulate(empty)
        #expect((Self.serum(simulated, .potassium).dropFirst(2).first ?? 0) > (Self.serum(emptyGut, .potassium).dropFirst(2).first ?? 0) + 0.01)
    }

    @Test func populationIsTodaysStart() throws {
        let file = try Self.dayThree()
        let start = try FittedStart.prepare(file, catalog: Self.catalog, source: .population)
        #expect(start.fit == nil && start.startState == nil && start.isUsable)
        #expect(start.file.sha256 == file.sha256 && start.file.patient.parameters == file.patient.parameters)
        let planningCase = try start.planningCase(catalog: Self.catalog, mode: .simulate)
        #expect(planningCase.problem.initialSerum == file.initialLabs)
        #expect(planningCase.start?.source == .population)
        #expect(planningCase.start?.levels.allSatisfy { !$0.estimated && $0.serum == file.initialLabs[$0.solute] } == true)
    }

    @Test func aCaseWithoutHistoryPassesThroughUnchanged() throws {
        let file = try PlannerFixtures.bundledCase("flagship-citrate-cvvhdf.yaml")
        let start = try FittedStart.prepare(file, catalog: Self.catalog, source: .individual)
        #expect(start.summary == nil && start.fit == nil && start.startState == nil)
        #expect(try start.planningCase(catalog: Self.catalog, mode: .plan).start == nil)
    }

    @Test func aSoluteWithOneLabStartsFromItsLatestLab() throws {
        let file = try HistoryFixtures.read(HistoryFixtures.text(labs: HistoryFixtures.oneMagnesiumLab))
        let start = try FittedStart.prepare(file, catalog: Self.catalog, source: .individual)
        let summary = try #require(start.summary)
        #expect(summary.solutesAtPrior == [.magnesium])
        let mg = try #require(summary.levels.first { $0.solute == .magnesium })
        #expect(!mg.estimated && mg.serum == 0.6 && mg.pool == 0.6)
        #expect(start.startState?[StateIndex.magnesiumECF.rawValue] == 0.6)
        #expect(summary.levels.filter(\.estimated).map(\.solute) == [.potassium, .phosphate])
        #expect(summary.summary.contains("magnesium at population values (fewer than 2 usable labs)"))
    }

    @Test func aFitThatDoesNotConvergeIsNotUsed() throws {
        var options = Estimator.Options()
        options.maxStarts = 1
        options.maxIterations = 1
        let start = try FittedStart.prepare(Self.dayThree(), catalog: Self.catalog, source: .individual, options: options)
        #expect(!start.isUsable)
        #expect(start.summary?.converged == false)
        #expect(start.summary?.summary.contains("THE FIT DID NOT CONVERGE") == true)
    }

    /// Day 3: K and phosphate kept falling where the population model expected them to hold. From the fit
    /// they keep falling over the next 24 h on the same therapy; from the latest labs with population
    /// values they rise (and phosphate ends lower from the fit).
    @Test func theHistoryDecidesTheDirection() throws {
        func simulate(_ source: FittedStart.Source) throws -> PlanResult {
            let start = try FittedStart.prepare(Self.dayThree(), catalog: Self.catalog, source: source)
            return try Planner(catalog: Self.catalog).simulate(start.planningCase(catalog: Self.catalog, mode: .simulate))
        }
        let individual = try simulate(.individual), population = try simulate(.population)
        for solute in [Solute.potassium, .phosphate] {
            let a = Self.serum(individual, solute), b = Self.serum(population, solute)
            let change = (individual: (a.last ?? 0) - (a.first ?? 0), population: (b.last ?? 0) - (b.first ?? 0))
            #expect(change.individual < 0 && change.population > 0, "\(solute): \(change)")
            // Phosphate also ends lower. K does not separate at 24 h under model krtplan-kinetics-2: the fitted
            // start is higher (3.33 vs the 3.10 lab) and the two courses meet near 3.17 mmol/L.
            if solute == .phosphate {
                #expect((a.last ?? 9) < (b.last ?? 0), "\(solute) at 24 h: individual \(a.last ?? 0) vs population \(b.last ?? 0)")
            }
        }
    }
}

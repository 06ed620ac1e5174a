import Foundation
import Testing
import KRTUnits
@testable import KRTPlanner

/// One published serial time course fitted (issue 15; docs/validation.md "Per-patient fit: a published
/// course"): Chua et al., Blood Purif 2012, CVVH cohort medians of serum phosphate 36–42 h into 48 h of
/// phosphate-free Accusol and then 48 h of Phoxilium (case and assumptions:
/// Tests/Fixtures/published/chua-2012-accusol-to-phoxilium.yaml).
struct PublishedCourseTests {
    static let path = PlannerFixtures.packageRoot.appendingPathComponent("Tests/Fixtures/published/chua-2012-accusol-to-phoxilium.yaml").path

    /// The published interquartile ranges (mmol/L) of the two medians.
    static let interquartile: [Double: ClosedRange<Double>] = [-57: 0.82...1.15, -9: 1.23...1.78]

    @Test func theCohortCourseIsFittedWithinTheStatedBounds() throws {
        let file = try CaseReader.read(path: Self.path)
        let fit = try PatientFitter.fit(file, catalog: PlannerFixtures.catalog)
        #expect(fit.converged, "\(fit.estimation.reason)")
        #expect(fit.solutesAtPrior == [.potassium, .magnesium])
        let phosphate = fit.labs.filter { $0.solute == .phosphate }
        #expect(phosphate.map(\.at) == [-57, -9])
        for lab in phosphate {
            // Stated bounds (docs/validation.md): every standardised residual within ±1.5, the individual
            // prediction inside the published IQR, and closer to the median than the population prediction.
            #expect(abs(lab.standardisedResidual) <= 1.5, "at \(lab.at) h: residual \(lab.standardisedResidual)")
            #expect(Self.interquartile[lab.at]?.contains(lab.individual) == true, "at \(lab.at) h: individual \(lab.individual)")
            #expect(abs(lab.individual - lab.observed) < abs(lab.population - lab.observed),
                    "at \(lab.at) h: individual \(lab.individual), population \(lab.population), observed \(lab.observed)")
        }
        // The population model misses both medians by more than 0.15 mmol/L: there is something to learn.
        #expect(phosphate.allSatisfy { abs($0.population - $0.observed) > 0.15 }, "\(phosphate.map(\.population))")
        // The switch to Phoxilium raises phosphate in the fitted model as in the cohort.
        #expect(phosphate[1].individual - phosphate[0].individual > 0.2)
    }
}

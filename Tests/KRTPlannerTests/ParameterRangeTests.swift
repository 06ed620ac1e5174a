import Testing
import KRTInput
import KRTKinetics
import KRTUnits
@testable import KRTPlanner

/// No NaN ever leaves the model (issue 13): parameter overrides in their physical ranges, hard bounds in
/// their clinical envelope, patients inside plausibility, and a non-finite state refused.
struct ParameterRangeTests {
    static func text(patient: String = "", extra: String = "") -> String {
        """
        name: range test
        patient: {weight: 80 kg, sex: male, hematocrit: 0.30\(patient)}
        labs: [{at: 0 h, potassium: 4.0 mmol/L, phosphate: 1.0 mmol/L, magnesium: 0.8 mmol/L}]
        therapy:
          modality: CVVHDF
          blood_flow: 150 mL/min
          dialysate_flow: 1500 mL/h
          replacement: [{position: post, flow: 500 mL/h}]
          net_ultrafiltration: 100 mL/h
          anticoagulation: heparin
        fluids: {dialysate: Prismasol BGK4/2.5, post_replacement: Prismasol BGK4/2.5}
        horizon: 24 h
        step: 1 h
        \(extra)

        """
    }

    static func errors(_ text: String) -> [InputIssue] {
        do {
            _ = try PlannerFixtures.caseFile(text)
            return []
        } catch let error as InputError {
            return error.issues.filter { $0.severity == .error }
        } catch {
            return [InputIssue(path: "(other)", message: "\(error)")]
        }
    }

    @Test(arguments: [
        ("potassium_ecf_volume: 0 L/kg", "patient.parameters.potassium_ecf_volume", "expected 0.01 to 10 L/kg"),
        ("magnesium_pool_volume: 50 L/kg", "patient.parameters.magnesium_pool_volume", "expected 0.01 to 10 L/kg"),
        ("sieving_potassium: 50", "patient.parameters.sieving_potassium", "expected 0 to 1.2"),
        ("plasma_water_fraction: 5", "patient.parameters.plasma_water_fraction", "expected more than 0 and at most 1"),
        ("plasma_water_fraction: 0", "patient.parameters.plasma_water_fraction", "expected more than 0 and at most 1"),
        ("intake_absorbed_potassium: 500 %", "patient.parameters.intake_absorbed_potassium", "expected 0 to 1"),
        ("absorption_rate_phosphate: 0 1/h", "patient.parameters.absorption_rate_phosphate", "expected more than 0 and at most 24 1/h"),
    ])
    func parameterOverridesOutsideTheirRangeAreRefused(override: String, path: String, expected: String) {
        let issues = Self.errors(Self.text(patient: ", parameters: {\(override)}"))
        #expect(issues.count == 1, "\(issues)")
        #expect(issues.first?.path.description == path, "\(issues)")
        #expect(issues.first?.message.contains(expected) == true, "\(issues)")
    }

    @Test func parameterOverridesInsideTheirRangeAreAccepted() throws {
        let file = try PlannerFixtures.caseFile(Self.text(patient: ", parameters: {sieving_potassium: 0.95, potassium_ecf_volume: 0.25 L/kg}"))
        #expect(file.patient.parameters[.sievingPotassium] == 0.95)
    }

    @Test func everyDefaultLiesInsideItsRange() {
        for name in ParameterName.allCases { #expect(name.validRange.contains(name.info.value), "\(name)") }
    }

    @Test(arguments: [
        ("potassium: 0.1 to 100 mmol/L", "hard_bounds.potassium", "clinical envelope for potassium, 1.5–8 mmol/L"),
        ("phosphate: 0.1 to 2.0 mmol/L", "hard_bounds.phosphate", "clinical envelope for phosphate, 0.3–3.5 mmol/L"),
        ("magnesium: 0.5 to 4.0 mmol/L", "hard_bounds.magnesium", "clinical envelope for magnesium, 0.3–2.5 mmol/L"),
    ])
    func hardBoundsOutsideTheClinicalEnvelopeAreRefused(bounds: String, path: String, expected: String) {
        let issues = Self.errors(Self.text(extra: "hard_bounds: {\(bounds)}"))
        #expect(issues.first?.path.description == path, "\(issues)")
        #expect(issues.first?.message.contains(expected) == true, "\(issues)")
    }

    @Test func hardBoundsInsideTheEnvelopeAreAccepted() throws {
        let file = try PlannerFixtures.caseFile(Self.text(extra: "hard_bounds: {potassium: 2.5 to 6.5 mmol/L, magnesium: 0.4 to 2.0 mmol/L}"))
        #expect(file.limits.hard(.potassium) == 2.5...6.5)
    }

    @Test func impossiblePatientsAreErrors() {
        let heavy = Self.errors(Self.text().replacingOccurrences(of: "weight: 80 kg", with: "weight: 500 kg"))
        #expect(heavy.first?.path.description == "patient.weight" && heavy.first?.message.contains("expected 20 to 400 kg") == true, "\(heavy)")
        let tall = Self.errors(Self.text(patient: ", height: 2.9 m"))
        #expect(tall.first?.path.description == "patient.height" && tall.first?.message.contains("expected 0.5 to 2.75 m") == true, "\(tall)")
    }

    /// A zero distribution volume set past the reader (programmatically) is stopped before any program is
    /// built, with one message naming the state.
    @Test func aNonFiniteModelIsRefusedNotReported() {
        var problem = SyntheticProblems.flagship(horizon: 12, coupling: false, periods: nil)
        let patient = problem.model.patient
        let broken = Patient(weight: patient.weight, sex: patient.sex, hematocrit: patient.hematocrit,
                             residualFunction: patient.residualFunction, intake: patient.intake,
                             parameters: ModelParameters.defaults.with(.potassiumECFVolume, 0))
        problem.model = KineticModel(patient: broken, therapy: problem.model.therapy)
        #expect(throws: PlanningError.self) { try Planner.requireFinite(problem) }
        do {
            try Planner.requireFinite(problem)
        } catch {
            #expect(error.description.contains("non-finite value"), "\(error.description)")
            #expect(!error.description.contains("\n"))
        }
    }
}

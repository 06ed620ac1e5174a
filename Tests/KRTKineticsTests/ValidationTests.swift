import KRTInput
import Testing
@testable import KRTKinetics

@Suite("Bad input names the field")
struct ValidationTests {
    func paths(_ issues: [InputIssue], severity: InputIssue.Severity = .error) -> [String] {
        issues.filter { $0.severity == severity }.map(\.path.description)
    }

    @Test func hematocritAsPercent() throws {
        var patient = Fixture.patient()
        patient.hematocrit = 40
        let issues = patient.validate()
        #expect(paths(issues) == ["patient.hematocrit"])
        let message = try #require(issues.first?.message)
        #expect(message.contains("did you mean 0.4"))
    }

    @Test func zeroWeight() {
        var patient = Fixture.patient()
        patient.weight = 0
        #expect(paths(patient.validate()) == ["patient.weight"])
    }

    @Test func negativeFlows() {
        let therapy = Therapy(modality: .cvvhdf, bloodFlow: 9, dialysateFlow: -1, postReplacementFlow: 1,
                              netUltrafiltration: -0.1, anticoagulation: .citrate(flow: -0.2))
        let found = Set(paths(therapy.validate()))
        #expect(found.isSuperset(of: ["therapy.dialysate_flow", "therapy.net_ultrafiltration", "therapy.citrate_flow"]))
        #expect(paths(Therapy(modality: .cvvh, bloodFlow: -9, postReplacementFlow: 2).validate()) == ["therapy.blood_flow"])
    }

    @Test func modalityWithoutItsFlow() {
        #expect(paths(Therapy(modality: .cvvhd, bloodFlow: 9, dialysateFlow: 0).validate()) == ["therapy.dialysate_flow"])
        #expect(paths(Therapy(modality: .cvvh, bloodFlow: 9).validate()) == ["therapy.replacement_post_flow"])
        #expect(paths(Therapy(modality: .pirrt, bloodFlow: 12, dialysateFlow: 6).validate()) == ["therapy.sessions"])
    }

    @Test func overlappingAndNegativeSessions() {
        let overlapping = Therapy(modality: .pirrt, bloodFlow: 12, dialysateFlow: 6, dialyzerKoA: 42,
                                  sessions: [.init(start: 8, duration: 8), .init(start: 14, duration: 8)])
        #expect(paths(overlapping.validate()) == ["therapy.sessions[1]"])
        let negative = Therapy(modality: .pirrt, bloodFlow: 12, dialysateFlow: 6, dialyzerKoA: 42,
                               sessions: [.init(start: -1, duration: 0)])
        #expect(Set(paths(negative.validate())) == ["therapy.sessions[0].start", "therapy.sessions[0].duration"])
    }

    @Test func filtrationFractionAboveCeilingWarns() {
        // 6 L/h post-dilution at Qb 100 mL/min: FF = 6 / (6·0.7) > 1 → error; 1.5 L/h → FF 0.36 → warning.
        let patient = Fixture.patient()
        let impossible = Therapy(modality: .cvvh, bloodFlow: 6, postReplacementFlow: 6)
        #expect(paths(impossible.validate(patient: patient)).contains("therapy.replacement_post_flow"))
        let high = Therapy(modality: .cvvh, bloodFlow: 6, postReplacementFlow: 1.5)
        #expect(paths(high.validate(patient: patient), severity: .warning).contains("therapy.filtration_fraction"))
        #expect(paths(Fixture.cvvhdf().validate(patient: patient)).isEmpty)
    }

    @Test func implausibleRangesWarn() {
        let therapy = Therapy(modality: .cvvhd, bloodFlow: 36, dialysateFlow: 2)  // 600 mL/min
        #expect(paths(therapy.validate(), severity: .warning).contains("therapy.blood_flow"))
        var patient = Fixture.patient()
        patient.hematocrit = 0.8
        #expect(paths(patient.validate(), severity: .warning) == ["patient.hematocrit"])
        patient.hematocrit = 1.0
        #expect(paths(patient.validate()) == ["patient.hematocrit"])
        patient.hematocrit = 0.12
        #expect(paths(patient.validate(), severity: .warning) == ["patient.hematocrit"])
    }

    @Test func validFixturesHaveNoErrors() {
        for (name, therapy) in Fixture.allTherapies {
            #expect(therapy.validate(patient: Fixture.patient()).errors.isEmpty, "\(name)")
        }
        #expect(Fixture.patient(intake: Fixture.typicalIntake).validate().isEmpty)
    }

    @Test func derivedQuantities() {
        let t = Therapy(modality: .cvvh, bloodFlow: 9, preReplacementFlow: 1, postReplacementFlow: 0.5,
                        netUltrafiltration: 0.1, anticoagulation: .citrate(flow: 0.2))
        #expect(abs(t.effluentFlow - 1.8) < 1e-12)
        #expect(abs(t.effluentDose(weight: 75) - 0.024) < 1e-12)
        #expect(abs(t.filtrationFraction(hematocrit: 0.3) - 1.8 / (6.3 + 1.2)) < 1e-12)
        #expect(abs(t.preDilutionFactor(hematocrit: 0.3, plasmaWaterFraction: 0.94) - 5.922 / (5.922 + 1.2)) < 1e-12)
    }
}

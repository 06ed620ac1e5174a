import Testing
import KRTInput
@testable import KRTCatalog

/// Bad data files give clear errors naming file, field path, value and expectation.
struct ValidationTests {
    /// Loads the bundled catalog plus a site folder holding `fluids/<name>` with `text`; returns the error lines.
    func errors(forFluid text: String, named name: String = "misentered-bgk4-2.5.yaml") throws -> String {
        let folder = try TestSupport.temporaryFolder()
        defer { TestSupport.remove(folder) }
        try TestSupport.write(text, to: "fluids/" + name, in: folder)
        return TestSupport.loadErrors(extra: [folder])
    }

    var balanced: String {
        Fixtures.misenteredFluid
            .replacingOccurrences(of: "2.5 mmol/L", with: "2.5 mEq/L")
            .replacingOccurrences(of: "1.5 mmol/L", with: "1.5 mEq/L")
    }

    @Test func theBalancedVariantLoads() throws {
        #expect(try errors(forFluid: balanced) == "(loaded)")
    }

    @Test func chargeBalanceFlagsTheMisenteredFixture() throws {
        let message = try errors(forFluid: Fixtures.misenteredFluid)
        #expect(message.contains("misentered-bgk4-2.5.yaml: composition"))
        #expect(message.contains("charge balance is off by +4.00 mEq/L"))
        #expect(message.contains("cations 152.00, anions 148.00"))
        #expect(message.contains("mmol/L where the label states mEq/L"))
    }

    @Test func aBareNumberIsAMissingUnit() throws {
        let message = try errors(forFluid: balanced.replacingOccurrences(of: "value: 4 mEq/L", with: "value: 4"))
        #expect(message.contains("misentered-bgk4-2.5.yaml: composition.potassium.value (line 11): 4 has no unit; expected a concentration"))
    }

    @Test func phosphateInMilliequivalentsIsRefused() throws {
        let message = try errors(forFluid: balanced.replacingOccurrences(of: "phosphate:   {value: 0 mmol/L", with: "phosphate:   {value: 1 mEq/L"))
        #expect(message.contains("composition.phosphate.value"))
        #expect(message.contains("phosphate is never expressed in mEq"))
    }

    @Test func unknownFieldsGetADidYouMean() throws {
        let message = try errors(forFluid: balanced.replacingOccurrences(of: "manufacturer: Test", with: "manufactuer: Test"))
        #expect(message.contains("unknown field 'manufactuer' (did you mean 'manufacturer'?)"))
        let solute = try errors(forFluid: balanced + "  hpo4: {value: 0 mmol/L, source: label, confidence: confirmed}\n")
        #expect(solute.contains("composition.hpo4"))
        #expect(solute.contains("unknown solute 'hpo4' (did you mean 'phosphate'?)"))
    }

    @Test func negativeValuesAreRefused() throws {
        let message = try errors(forFluid: balanced.replacingOccurrences(of: "value: 4 mEq/L", with: "value: -4 mEq/L"))
        #expect(message.contains("composition.potassium.value"))
        #expect(message.contains("-4 mEq/L is negative; expected zero or more"))
    }

    @Test func aMissingSoluteAndAnUnknownSourceAreNamed() throws {
        let noCitrate = balanced.replacingOccurrences(of: "  citrate:     {value: 0 mmol/L, source: label, confidence: confirmed}\n", with: "")
        #expect(try errors(forFluid: noCitrate).contains("composition.citrate: missing; list every solute"))
        let badSource = balanced.replacingOccurrences(of: "sodium:      {value: 140 mEq/L, source: label", with: "sodium:      {value: 140 mEq/L, source: lable")
        #expect(try errors(forFluid: badSource).contains("source 'lable' is not in this file's 'sources' (did you mean 'label'?)"))
    }

    @Test func theIdMustMatchTheFileName() throws {
        let message = try errors(forFluid: balanced, named: "other.yaml")
        #expect(message.contains("id 'misentered-bgk4-2.5' does not match the file name 'other.yaml'"))
    }

    @Test func duplicateNamesAcrossFoldersAreAnError() throws {
        let clash = balanced.replacingOccurrences(of: "aliases: []", with: "aliases: [\"Phoxilium\"]")
        let message = try errors(forFluid: clash)
        #expect(message.contains("aliases[0]"))
        #expect(message.contains("'Phoxilium' is already used by 'phoxilium'"))
        #expect(message.contains("unique across all catalog folders"))
        let sameName = balanced.replacingOccurrences(of: "name: Misentered BGK4/2.5", with: "name: prismasol BGK 4/2.5")
        #expect(try errors(forFluid: sameName).contains("already used by 'prismasol-bgk4-2.5'"))
    }

    @Test func compartmentsMustAddUpToTheBag() throws {
        let bag = balanced + """
            bag:
              volume: {value: 5000 mL, source: label, confidence: confirmed}
              compartments:
                - {name: A, volume: 250 mL, contains: [calcium], source: label, confidence: confirmed}
                - {name: B, volume: 4700 mL, contains: [bicarbonate], source: label, confidence: confirmed}

            """
        #expect(try errors(forFluid: bag).contains("compartments add up to 4950 mL but the bag volume is 5000 mL"))
    }

    @Test func aMissingFolderIsMissingInput() {
        do {
            _ = try Catalog.load(directories: ["/nonexistent/krtplan-catalog"])
            Issue.record("expected an error")
        } catch {
            #expect(error.exitCode == 66)
            #expect(error.description.contains("catalog folder not found"))
        }
    }
}

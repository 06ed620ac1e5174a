import Testing
import KRTUnits
@testable import KRTCatalog

/// A site changes limits and adds products without editing the package.
struct SiteOverrideTests {
    @Test func aLimitsFileChangesLimits() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { TestSupport.remove(folder) }
        try TestSupport.write(Fixtures.siteLimits, to: "limits.yaml", in: folder)
        let catalog = try TestSupport.load(limits: folder + "/limits.yaml")
        let kcl = try #require(catalog.supplement(named: "potassium-chloride-10-in-100"))
        #expect(kcl.maxRate(.peripheral)?.value == 5)
        #expect(kcl.maxRate(.peripheral)?.basis == .localPolicy)
        #expect(kcl.maxRate(.peripheral)?.origin == .siteLimits(file: folder + "/limits.yaml"))
        #expect(kcl.maxConcentration(.peripheral)?.value == 40)
        #expect(kcl.maxRate(.central)?.value == 20, "limits the file does not name keep their defaults")
        #expect(kcl.maxPer24h?.value == 200)
        #expect(catalog.supplement(named: "potassium phosphate")?.gate?.below == 3.5)
        #expect(catalog.compounding.maxFinalConcentration[.potassium]?.value == 4.5)
        #expect(catalog.compounding.maxFinalConcentration[.phosphate]?.value == 2, "untouched compounding limits stay")
        #expect(catalog.compounding.phosphateWithCalcium == .warning)
        #expect(catalog.limitsFile == folder + "/limits.yaml")
    }

    @Test func aLimitsFileNamingAnUnknownProductIsAnError() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { TestSupport.remove(folder) }
        let text = Fixtures.siteLimits.replacingOccurrences(of: "potassium-phosphates-iv:", with: "potassium-phosphate-iv:")
        try TestSupport.write(text, to: "limits.yaml", in: folder)
        let message = TestSupport.loadErrors(limits: folder + "/limits.yaml")
        #expect(message.contains("supplements.potassium-phosphate-iv"))
        #expect(message.contains("did you mean 'potassium-phosphates-iv'?"))
    }

    @Test func overridingOneGroupMembersDailyLimitIsRefused() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { TestSupport.remove(folder) }
        try TestSupport.write("""
            site: Example
            sources: {policy: {document: "policy"}}
            supplements:
              potassium-chloride-20-in-100:
                max_per_24h: {value: 120 mmol, source: policy}

            """, to: "limits.yaml", in: folder)
        let message = TestSupport.loadErrors(limits: folder + "/limits.yaml")
        #expect(message.contains("group 'potassium-chloride-iv' state different max_per_24h limits"))
    }

    @Test func aSiteFolderAddsAProduct() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { TestSupport.remove(folder) }
        try TestSupport.write(Fixtures.siteFluid, to: "fluids/site-phosphate-plus.yaml", in: folder)
        let catalog = try TestSupport.load(extra: [folder])
        let fluid = try #require(catalog.fluid(named: "SPP"))
        #expect(fluid.concentration(of: .phosphate) == 1.5)
        #expect(fluid.isPlanningEligible)
        #expect(catalog.fluids.count == 35)
        #expect(catalog.directories == [TestSupport.bundled, folder])
    }

    @Test func aDuplicateNameAcrossFoldersIsAnError() throws {
        let first = try TestSupport.temporaryFolder()
        let second = try TestSupport.temporaryFolder()
        defer { TestSupport.remove(first); TestSupport.remove(second) }
        try TestSupport.write(Fixtures.siteFluid, to: "fluids/site-phosphate-plus.yaml", in: first)
        try TestSupport.write(Fixtures.siteFluid, to: "fluids/site-phosphate-plus.yaml", in: second)
        let message = TestSupport.loadErrors(extra: [first, second])
        #expect(message.contains(second + "/fluids/site-phosphate-plus.yaml"))
        #expect(message.contains("is already used by 'site-phosphate-plus' in " + first))
    }

    @Test func theSameFolderTwiceIsAUsageError() throws {
        do {
            _ = try Catalog.load(directories: [TestSupport.bundled, TestSupport.bundled + "/"])
            Issue.record("expected an error")
        } catch {
            #expect(error.exitCode == 64)
            #expect(error.description.contains("this catalog folder is given twice"))
        }
    }

    @Test func lookupsForgiveCaseSpacesAndHyphensAndSuggestOtherwise() throws {
        let catalog = try TestSupport.load()
        #expect(catalog.fluid(named: "prismasol-bgk2-0")?.name == "PRISMASOL BGK2/0")
        #expect(catalog.fluid(named: "  Prismasol  BGK2/0 ")?.id == "prismasol-bgk2-0")
        #expect(catalog.fluid(named: "hemosol bo")?.id == "hemosol-b0")
        do {
            _ = try catalog.resolveFluid("Phoxilum")
            Issue.record("expected a lookup error")
        } catch {
            #expect(error.description.contains("did you mean 'Phoxilium 1.2 mmol/l phosphate'"))
        }
        // A bare PrismaSATE-style code is not an alias (PrismaSATE compositions are unconfirmed):
        // both the PrismaSATE dialysate and the PRISMASOL replacement of that code are suggested.
        #expect(catalog.fluid(named: "BGK4/2.5") == nil)
        #expect((try? catalog.resolveFluid("BGK4/2.5")) == nil)
        do { _ = try catalog.resolveFluid("BGK4/2.5") } catch {
            #expect(Set(error.suggestions.prefix(2)) == ["PrismaSATE BGK4/2.5", "PRISMASOL BGK4/2.5"], "\(error.suggestions)")
        }
        do { _ = try catalog.resolveSupplement("Phoxilium") } catch {
            #expect(error.description.contains("is a fluid, not a supplement"))
        }
    }
}

import Foundation
import Testing
import KRTUnits
@testable import KRTCatalog

/// The shipped catalog: every file loads, every value has a unit and a source, and the confirmed
/// compositions come out exactly.
struct CatalogLoadingTests {
    let catalog: Catalog

    init() throws { catalog = try TestSupport.load() }

    @Test func everyShippedFileLoads() throws {
        let fluidFiles = try FileManager.default.contentsOfDirectory(atPath: TestSupport.bundled + "/fluids")
        let supplementFiles = try FileManager.default.contentsOfDirectory(atPath: TestSupport.bundled + "/supplements")
        #expect(catalog.fluids.count == fluidFiles.filter { $0.hasSuffix(".yaml") }.count)
        #expect(catalog.supplements.count == supplementFiles.filter { $0.hasSuffix(".yaml") }.count)
        #expect(catalog.fluids.count == 34)
        #expect(catalog.supplements.count == 12)
        #expect(catalog.compounding.maxFinalConcentration[.potassium]?.value == 4)
    }

    @Test func everyFluidValueHasAUnitAndASource() {
        for fluid in catalog.fluids {
            #expect(Set(fluid.values.keys) == Set(Solute.allCases), "\(fluid.id) lists every solute")
            var quantities = Array(fluid.values.values) + [fluid.osmolarity, fluid.freeAcid, fluid.bag?.volume].compactMap { $0 }
            quantities.sort { $0.stated.description < $1.stated.description }
            for value in quantities {
                #expect(!value.stated.unit.symbol.isEmpty, "\(fluid.id): \(value.stated) has a unit")
                #expect(!value.sources.isEmpty && value.sources.allSatisfy { !$0.document.isEmpty }, "\(fluid.id): \(value.stated) has a source")
            }
            #expect(!fluid.rolesProvenance.sources.isEmpty)
            for compartment in fluid.bag?.compartments ?? [] {
                #expect(!compartment.provenance.sources.isEmpty, "\(fluid.id) compartment \(compartment.name) has a source")
            }
        }
    }

    @Test func everySupplementValueAndLimitHasASource() {
        for supplement in catalog.supplements {
            let quantities = Array(supplement.content.values)
                + (supplement.concentrate.map { Array($0.strength.values) + [$0.osmolarity] } ?? [])
                + [supplement.infusion?.volume, supplement.infusion?.duration, supplement.bioavailability].compactMap { $0 }
            for value in quantities {
                #expect(!value.stated.unit.symbol.isEmpty, "\(supplement.id): \(value.stated) has a unit")
                #expect(!value.sources.isEmpty, "\(supplement.id): \(value.stated) has a source")
            }
            for (name, limit) in supplement.limits.all {
                #expect(!limit.sources.isEmpty, "\(supplement.id).\(name) has a source")
                #expect(!limit.stated.unit.symbol.isEmpty, "\(supplement.id).\(name) has a unit")
            }
            #expect(supplement.primaryPerUnit > 0)
        }
    }

    /// Sources the reference gives an address for carry it: every confirmed composition value of a
    /// fluid can be followed to a URL.
    @Test func confirmedFluidValuesPointToAnAddress() {
        for fluid in catalog.fluids {
            for (solute, value) in fluid.values where value.confidence == .confirmed {
                #expect(value.sources.contains { $0.url != nil }, "\(fluid.id).\(solute) cites an address")
            }
        }
    }

    @Test func phoxiliumComesOutExactly() throws {
        let phoxilium = try #require(catalog.fluid(named: "Phoxilium"))
        #expect(phoxilium.concentration(of: .potassium) == 4.0)
        #expect(phoxilium.concentration(of: .phosphate) == 1.20)
        #expect(phoxilium.concentration(of: .magnesium) == 0.60)
        #expect(phoxilium.calcium == 1.25)
        #expect(phoxilium.concentration(of: .bicarbonate) == 30)
        #expect(phoxilium.concentration(of: .chloride) == 115.9)
        #expect(phoxilium.osmolarity?.value == 293)
        #expect(phoxilium.values[.phosphate]?.confidence == .confirmed)
    }

    @Test func prismasolConvertsFromTheLabelsMilliequivalents() throws {
        let prismasol = try #require(catalog.fluid(named: "prismasol bgk 4/2.5"))
        #expect(prismasol.values[.calcium]?.stated.description == "2.5 mEq/L")
        #expect(prismasol.calcium == 1.25)
        #expect(prismasol.values[.magnesium]?.stated.description == "1.5 mEq/L")
        #expect(prismasol.concentration(of: .magnesium) == 0.75)
        #expect(prismasol.concentration(of: .potassium) == 4)
        #expect(abs(prismasol.concentration(of: .glucose) - 5.5507) < 1e-4)
        #expect(prismasol.market == .US && prismasol.roles == [.replacement])
    }

    @Test func biphozylComesOutExactly() throws {
        let biphozyl = try #require(catalog.fluid(named: "BIPHOZYL"))
        let expected: [Solute: Double] = [.sodium: 140, .potassium: 4, .chloride: 122, .magnesium: 0.75,
                                          .phosphate: 1, .bicarbonate: 22, .calcium: 0, .glucose: 0]
        for (solute, value) in expected {
            #expect(biphozyl.concentration(of: solute) == value, "Biphozyl \(solute)")
            #expect(biphozyl.values[solute]?.confidence == .confirmed)
        }
        #expect(biphozyl.osmolarity?.value == 290)
    }

    @Test func derivedAndCitrateProductsComeOutAsTheReferenceDerives() throws {
        let cica = try #require(catalog.fluid(named: "Ci-Ca Dialysate K2"))
        #expect(cica.concentration(of: .sodium) == 133 && cica.concentration(of: .magnesium) == 0.75)
        #expect(cica.roles == [.dialysate])
        let citrate = try #require(catalog.fluid(named: "Prismocitrate 10/2"))
        #expect(citrate.concentration(of: .citrate) == 12 && citrate.freeAcid?.value == 6)
        #expect(citrate.roles == [.citrate])
        let duosol = try #require(catalog.fluid(named: "Duosol 4"))
        #expect(duosol.values[.chloride]?.confidence == .derived && duosol.concentration(of: .chloride) == 113)
        #expect(duosol.bag?.compartments.map(\.volume) == [0.555, 4.445])
    }

    @Test func onlyProductsWithUnconfirmedPlanningValuesAreExcluded() throws {
        let excluded = catalog.fluids.filter { !$0.isPlanningEligible }.map(\.id)
        // Accusol 35 K0 and the PrismaSATE dialysates (K, Ca and Mg unconfirmed; docs/formulations.md).
        #expect(excluded == ["accusol-35-k0", "prismasate-b22k4-0", "prismasate-bgk0-2.5", "prismasate-bgk2-0",
                             "prismasate-bgk2-3.5", "prismasate-bgk4-2.5", "prismasate-bk0-3.5"])
        let accusol = try #require(catalog.fluid(named: "Accusol 35 K0"))
        #expect(accusol.eligibilityNote?.contains("Ca") == true)
        #expect(accusol.eligibilityNote?.contains("UNCONFIRMED") == true)
        #expect(catalog.fluids(for: .dialysate).contains { $0.id == "accusol-35-k0" } == false)
        #expect(catalog.fluids(for: .dialysate, includingIneligible: true).contains { $0.id == "accusol-35-k0" })
        let prismocitrate = try #require(catalog.fluid(named: "Prismocitrate 18/0"))
        #expect(prismocitrate.isPlanningEligible && prismocitrate.eligibilityNote?.contains("secondary") == true)
    }

    @Test func bagsDescribeTheirChambers() throws {
        let phoxillum = try #require(catalog.fluid(named: "PHOXILLUM BK4/2.5"))
        #expect(phoxillum.compartment(holding: .calcium)?.name == "A")
        #expect(phoxillum.compartment(holding: .phosphate)?.name == "B")
        #expect(phoxillum.bag?.isMultiChamber == true && phoxillum.bag?.volume.value == 5)
        #expect(try #require(catalog.fluid(named: "Regiocit")).bag == nil)
    }
}

import Testing
import KRTUnits
@testable import KRTCatalog

/// The electroneutrality check: the shipped catalog passes, including the HCl-adjusted Phoxillum,
/// Phoxilium and Biphozyl, and the unit slips it exists for are caught.
struct ChargeBalanceTests {
    @Test func noShippedFluidIsFlagged() throws {
        let catalog = try TestSupport.load()
        for fluid in catalog.fluids {
            #expect(fluid.chargeBalance.isBalanced, "\(fluid.id): gap \(fluid.chargeBalance.gap)")
        }
        let largest = catalog.fluids.map { abs($0.chargeBalance.gap) }.max() ?? 0
        // The documented tolerance sits above the largest label gap (Phoxilium, from the HPO4 charge).
        #expect(largest < ChargeBalance.tolerance)
        #expect(abs((catalog.fluid(named: "Phoxilium")?.chargeBalance.gap ?? 0) + 0.36) < 1e-9)
    }

    @Test func freeAcidBalancesCitricAcid() throws {
        let catalog = try TestSupport.load()
        let citrate = try #require(catalog.fluid(named: "Prismocitrate 10/2"))
        #expect(abs(citrate.chargeBalance.gap) < 1e-9)
        #expect(!ChargeBalance(composition: citrate.composition).isBalanced, "without the free acid it would be off by 6 mEq/L")
    }

    /// Every Ca slip and every Mg slip in the catalog's range moves the sum by at least 0.5 mEq/L.
    @Test(arguments: [(Solute.calcium, 1.25), (.calcium, 1.75), (.magnesium, 0.5), (.magnesium, 0.75)])
    func unitSlipsAreCaught(solute: Solute, millimoles: Double) {
        var composition: [Solute: Double] = [.sodium: 140, .potassium: 4, .chloride: 109, .bicarbonate: 35]
        composition[.chloride, default: 0] += 2 * millimoles
        #expect(ChargeBalance(composition: composition.merging([solute: millimoles]) { $1 }).isBalanced)
        // mmol/L value typed as mEq/L: half the amount, the sum falls by the typed number.
        #expect(!ChargeBalance(composition: composition.merging([solute: millimoles / 2]) { $1 }).isBalanced)
        // mEq/L value typed as mmol/L: twice the amount.
        #expect(!ChargeBalance(composition: composition.merging([solute: millimoles * 2]) { $1 }).isBalanced)
    }
}

import Testing
import KRTUnits
@testable import KRTCatalog

/// Supplement contents and limits in the units the planner uses (mmol, mmol/h, mmol/L, L, h).
struct SupplementCatalogTests {
    let catalog: Catalog

    init() throws { catalog = try TestSupport.load() }

    @Test func magnesiumSulfateConvertsGramsOfTheHeptahydrate() throws {
        let mgso4 = try #require(catalog.supplement(named: "MgSO4"))
        #expect(mgso4.unitLabel == "MgSO4 1 g")
        #expect(mgso4.contentPerUnit[.magnesium] == 4.06)
        // 150 mg/min × 60 / 246.47 g/mol = 36.515 mmol/h, on both lines.
        #expect(abs((mgso4.maxRate(.peripheral)?.value ?? 0) - 36.5156) < 1e-3)
        #expect(mgso4.maxRate(.central)?.value == mgso4.maxRate(.peripheral)?.value)
        // 20 g per 48 h = 81.146 mmol; 20 % = 200 g/L = 811.46 mmol/L.
        #expect(abs((mgso4.maxPer48h?.value ?? 0) - 81.1458) < 1e-3)
        #expect(abs((mgso4.maxConcentration(.peripheral)?.value ?? 0) - 811.458) < 1e-2)
        #expect(mgso4.maxPer48h?.quote?.contains("forty-eight hour") == true)
        #expect(mgso4.volumePerUnit == 0.025 && mgso4.defaultDuration == 1)
        #expect(abs((mgso4.maxUnitsPerHour(.central) ?? 0) - 36.5156 / 4.06) < 1e-3)
        #expect(abs(try mgso4.primaryAmount(of: Quantity(1, .gram)) - 4.0573) < 1e-4)
    }

    @Test func potassiumPhosphatesCarryProductSpecificPotassium() throws {
        let standard = try #require(catalog.supplement(named: "potassium phosphate"))
        #expect(standard.primarySolute == .phosphate && standard.contentPerUnit == [.phosphate: 15, .potassium: 22])
        #expect(standard.maxSingleDose?.value == 45)
        #expect(standard.maxConcentration(.peripheral)?.value == 68 && standard.maxConcentration(.central)?.value == 180)
        #expect(standard.maxRate(.peripheral)?.confidence == .unconfirmed)
        let gate = try #require(standard.gate)
        #expect(gate.serum == .potassium && gate.below == 4)
        #expect(gate.limit.quote?.contains("4 mEq/dL") == true)
        let cmp = try #require(catalog.supplement(named: "potassium phosphates CMP"))
        #expect(cmp.contentPerUnit[.potassium] == 23.5)
        #expect(cmp.concentrate?.strength[.potassium]?.value == 4700)
        #expect(catalog.supplements(inGroup: "potassium-phosphates-iv").count == 2)
    }

    @Test func sodiumPhosphateLimitsAreLabelledLocalPolicy() throws {
        let sodium = try #require(catalog.supplement(named: "sodium phosphates"))
        #expect(!sodium.limits.all.isEmpty)
        for (_, limit) in sodium.limits.all { #expect(limit.basis == .localPolicy) }
        #expect(sodium.contentPerUnit[.sodium] == 20)
    }

    @Test func potassiumChlorideLimitsFollowTheLabelAndGuidance() throws {
        let kcl = try #require(catalog.supplement(named: "KCl 20 mmol/100 mL"))
        #expect(kcl.maxRate(.peripheral)?.value == 10 && kcl.maxRate(.peripheral)?.basis == .label)
        #expect(kcl.maxRate(.central)?.value == 20 && kcl.maxRate(.central)?.basis == .guideline)
        #expect(kcl.maxPer24h?.value == 200)
        #expect(kcl.infusion?.osmolarity?.value == 400)
        #expect(kcl.volumePerUnit == 0.1 && kcl.defaultDuration == 2)
        let central = try #require(catalog.supplement(named: "potassium-chloride-40-in-100"))
        // 40 mmol in 100 mL = 400 mmol/L: above the peripheral maximum, within the central one.
        #expect(400 > (central.maxConcentration(.peripheral)?.value ?? 0))
        #expect(400 <= (central.maxConcentration(.central)?.value ?? 0))
        let concentrate = try #require(catalog.supplement(named: "potassium chloride"))
        #expect(concentrate.isAdditive && concentrate.infusion == nil)
    }

    @Test func oralProductsCarryBioavailability() throws {
        let mgo = try #require(catalog.supplement(named: "magnesium oxide"))
        #expect(mgo.route == .oral && mgo.bioavailability?.value == 0.04)
        #expect(abs((mgo.contentPerUnit[.magnesium] ?? 0) - 400 / 40.304) < 1e-9)
        #expect(abs(try mgo.primaryAmount(of: Quantity(1, .gram)) - 24.81) < 0.01)
        let tablet = try #require(catalog.supplement(named: "K-Phos Neutral"))
        #expect(abs((tablet.contentPerUnit[.phosphate] ?? 0) - 8.0713) < 1e-3)
        #expect(tablet.contentPerUnit[.sodium] == 13 && tablet.contentPerUnit[.potassium] == 1.1)
        #expect(tablet.bioavailability?.value == 0.67)
        #expect(abs((tablet.maxPer24h?.value ?? 0) - 4 * 2 * 8.0713) < 1e-2)
        #expect(try #require(catalog.supplement(named: "oral KCl")).bioavailability?.value == 1)
    }

    @Test func orderedAmountsRefusePhosphateInMilliequivalents() throws {
        let kphos = try #require(catalog.supplement(named: "potassium phosphate"))
        #expect(throws: AmountError.self) { try kphos.primaryAmount(of: Quantity(5, .milliequivalent)) }
        #expect(throws: AmountError.self) { try kphos.primaryAmount(of: Quantity(-5, .millimole)) }
        #expect(throws: AmountError.self) { try kphos.primaryAmount(of: Quantity(300, .milligram)) }
        let kcl = try #require(catalog.supplement(named: "KCl"))
        #expect(try kcl.primaryAmount(of: Quantity(10, .milliequivalent)) == 10)
    }

    @Test func groupsStateTheSameDailyLimits() {
        let members = catalog.supplements(inGroup: "potassium-chloride-iv")
        #expect(members.count == 3)
        #expect(Set(members.compactMap { $0.maxPer24h?.value }) == [200])
    }
}

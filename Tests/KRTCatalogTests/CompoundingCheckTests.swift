import Testing
import KRTUnits
@testable import KRTCatalog

/// The compounding check against hand calculations (docs/formulations.md, worked examples).
struct CompoundingCheckTests {
    let catalog: Catalog

    init() throws { catalog = try TestSupport.load() }

    func order(_ base: String, volume: Double? = nil, _ additives: [(String, Quantity)], kFree: Bool = false,
               mixed: Bool? = true) throws -> CompoundingOrder {
        CompoundingOrder(
            base: try catalog.resolveFluid(base), volume: volume,
            additives: try additives.map { try AdditiveOrder(supplement: catalog.resolveSupplement($0.0), requested: $0.1) },
            potassiumFree: kFree, bagMixed: mixed)
    }

    func run(_ order: CompoundingOrder) throws -> CompoundingResult {
        try CompoundingCheck.run(order, limits: catalog.compounding)
    }

    func codes(_ result: CompoundingResult, _ severity: FindingSeverity) -> [String] {
        result.findings.filter { $0.severity == severity }.map(\.code)
    }

    /// Example 1: PRISMASOL BGK2/0 5000 mL + KCl 10 mmol (5 mL of 2 mEq/mL) + potassium phosphates
    /// 5 mmol (1.667 mL of 3 mmol/mL, bringing 7.333 mmol K). Final volume 5006.667 mL.
    /// K = (2 × 5 + 10 + 7.333) / 5.006667 = 5.459; P = 5 / 5.006667 = 0.999;
    /// Cl = (108 × 5 + 10) / 5.006667 = 109.854; Na = 700 / 5.006667 = 139.814.
    @Test func workedExampleWithPotassiumChlorideAndPhosphate() throws {
        let result = try run(order("Prismasol BGK2/0", volume: 5, [("potassium chloride", Quantity(10, .millimole)),
                                                                    ("potassium phosphate", Quantity(5, .millimole))]))
        #expect(abs(result.lines[0].volume * 1000 - 5) < 1e-9)
        #expect(abs(result.lines[1].volume * 1000 - 1.66667) < 1e-4)
        #expect(abs(result.finalVolume * 1000 - 5006.6667) < 1e-3)
        let final = result.finalConcentrations
        #expect(abs((final[.potassium] ?? 0) - 5.459) < 0.01)
        #expect(abs((final[.phosphate] ?? 0) - 0.999) < 0.01)
        #expect(abs((final[.chloride] ?? 0) - 109.854) < 0.01)
        #expect(abs((final[.sodium] ?? 0) - 139.814) < 0.01)
        #expect(abs((final[.magnesium] ?? 0) - 0.499) < 0.01)
        #expect(abs(result.potassiumFromPhosphate - 7.333) < 0.01)
        // Osmolarity: (291 × 5 + 4000 × 0.005 + 7400 × 0.0016667) / 5.006667 = 297.07
        #expect(result.baseOsmolarityBasis == .stated)
        #expect(abs(result.finalOsmolarity - 297.07) < 0.01)
        #expect(codes(result, .unsafe) == ["above-compounding-limit"])
        #expect(result.findings.first?.message.contains("final potassium 5.46 mmol/L is above the compounding limit of 4.00 mmol/L") == true)
        #expect(result.worstSeverity == .unsafe)
    }

    /// Example 2: the same bag with potassium phosphates 5 mmol only, stated mixed: nothing unsafe.
    /// K = (10 + 7.333) / 5.001667 = 3.466; P = 0.99967; Cl = 540 / 5.001667 = 107.964.
    @Test func workedExampleThatPasses() throws {
        let result = try run(order("Prismasol BGK2/0", [("potassium phosphate", Quantity(5, .millimole))]))
        #expect(result.baseVolumeFromBag && result.baseVolume == 5)
        #expect(abs((result.finalConcentrations[.potassium] ?? 0) - 3.466) < 0.01)
        #expect(abs((result.finalConcentrations[.phosphate] ?? 0) - 0.9997) < 0.01)
        #expect(abs((result.finalConcentrations[.chloride] ?? 0) - 107.964) < 0.01)
        #expect(abs(result.finalOsmolarity - 293.37) < 0.01)
        #expect(result.worstSeverity == .note)
    }

    /// Example 3: Phoxilium + MgSO4 1 g (4.057 mmol Mg in 1.999 mL of 4.06 mEq/mL).
    /// Mg = (0.6 × 5 + 4.057) / 5.001999 = 1.411 mmol/L, within the 1.5 mmol/L default.
    @Test func workedExampleWithMagnesiumSulfate() throws {
        let result = try run(order("Phoxilium", [("MgSO4", Quantity(1, .gram))]))
        #expect(abs(result.lines[0].volume * 1000 - 1.9987) < 1e-3)
        #expect(abs((result.finalConcentrations[.magnesium] ?? 0) - 1.411) < 0.01)
        #expect(abs((result.finalConcentrations[.calcium] ?? 0) - 1.2495) < 0.01)
        #expect(codes(result, .unsafe).isEmpty && codes(result, .warning).isEmpty)
        #expect(codes(result, .note).contains("bag-volume-unconfirmed"))
    }

    @Test func phosphateIntoACalciumFluidIsFlaggedNamingTheChambers() throws {
        let result = try run(order("Prismasol BGK4/2.5", [("sodium phosphate", Quantity(5, .millimole))]))
        #expect(codes(result, .unsafe) == ["phosphate-with-calcium"])
        let message = try #require(result.findings.first?.message)
        #expect(message.contains("calcium sits in compartment A (250 mL) and bicarbonate in compartment B (4750 mL)"))
        #expect(message.contains("calcium phosphate may precipitate"))
        let calciumFree = try run(order("Prismasol BGK2/0", [("sodium phosphate", Quantity(5, .millimole))]))
        #expect(!calciumFree.findings.contains { $0.code == "phosphate-with-calcium" })
        #expect(calciumFree.worstSeverity == .note)
    }

    @Test func aSitePolicyCanDowngradePhosphateWithCalcium() throws {
        var limits = catalog.compounding
        limits.phosphateWithCalcium = .warning
        let result = try CompoundingCheck.run(order("Prismasol BGK4/2.5", [("sodium phosphate", Quantity(5, .millimole))]), limits: limits)
        #expect(result.worstSeverity == .warning)
    }

    @Test func potassiumPhosphateInAPotassiumFreeOrderIsUnsafe() throws {
        let result = try run(order("Prismasol BK0/0/1.2", [("potassium phosphate", Quantity(5, .millimole))], kFree: true))
        #expect(codes(result, .unsafe) == ["potassium-in-potassium-free-order"])
        #expect(result.findings.first?.message.contains("adds 7.33 mmol potassium") == true)
        #expect(result.findings.first?.message.contains("use sodium phosphates") == true)
        let sodium = try run(order("Prismasol BK0/0/1.2", [("sodium phosphate", Quantity(5, .millimole))], kFree: true))
        #expect(codes(sodium, .unsafe).isEmpty)
        let baseWithPotassium = try run(order("Prismasol BGK2/0", [], kFree: true))
        #expect(codes(baseWithPotassium, .unsafe) == ["base-not-potassium-free"])
    }

    @Test func additivesIntoAnUnmixedBag() throws {
        let unmixed = try run(order("multiBic K2", [("magnesium sulfate", Quantity(1, .gram))], mixed: false))
        #expect(codes(unmixed, .unsafe) == ["additive-into-unmixed-bag"])
        #expect(unmixed.findings.first?.message.contains("small 250 mL, large 4750 mL") == true)
        let unstated = try run(order("multiBic K2", [("magnesium sulfate", Quantity(1, .gram))], mixed: nil))
        #expect(codes(unstated, .warning) == ["bag-mixing-unstated"])
        let unknownLayout = try run(order("Regiocit", volume: 5, [("magnesium sulfate", Quantity(1, .gram))], mixed: nil))
        #expect(codes(unknownLayout, .warning) == ["bag-layout-unknown"])
    }

    @Test func ordersThatCannotBeComputed() throws {
        #expect(throws: CompoundingError.self) { try run(order("Regiocit", [("potassium chloride", Quantity(10, .millimole))])) }
        #expect(throws: CompoundingError.self) {
            try run(order("Phoxilium", [("KCl 10 mmol/100 mL", Quantity(10, .millimole))]))
        }
        #expect(throws: AmountError.self) { try order("Phoxilium", [("potassium phosphate", Quantity(5, .milliequivalent))]) }
        #expect(throws: AmountError.self) { try order("Phoxilium", [("potassium chloride", Quantity(-10, .millimole))]) }
    }

    @Test func additiveTextSplitsNameAndAmount() throws {
        let split = try AdditiveText.split("potassium chloride 10 mmol")
        #expect(split.name == "potassium chloride" && split.amount == Quantity(10, .millimole))
        #expect(try AdditiveText.split("MgSO4 2g").amount == Quantity(2, .gram))
        #expect(throws: AdditiveTextError.self) { try AdditiveText.split("potassium chloride") }
        do { _ = try AdditiveText.split("potassium chloride 10") } catch {
            #expect(error.description.contains("10 has no unit"))
        }
        do { _ = try AdditiveText.split("potassium chloride 10 mmol/L") } catch {
            #expect(error.description.contains("not of amount"))
        }
    }

    @Test func orderFilesAreReadWithFieldPaths() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { TestSupport.remove(folder) }
        try TestSupport.write("""
            base: Prismasol BGK2/0
            volume: 5000 mL
            bag_mixed: true
            additives:
              - potassium chloride 10 mmol
              - {product: potassium phosphate, amount: 5 mmol}

            """, to: "order.yaml", in: folder)
        let order = try CompoundingOrderReader.read(path: folder + "/order.yaml", catalog: catalog)
        #expect(order.additives.map(\.amount) == [10, 5] && order.bagMixed == true && order.volume == 5)
        try TestSupport.write("""
            base: Prismasol BGK2/9
            volume: 5000
            additives:
              - potasium chloride 10 mmol

            """, to: "bad.yaml", in: folder)
        do {
            _ = try CompoundingOrderReader.read(path: folder + "/bad.yaml", catalog: catalog)
            Issue.record("expected an error")
        } catch {
            let text = error.description
            #expect(error.kind == .data)
            #expect(text.contains("bad.yaml: base (line 1): no fluid named 'Prismasol BGK2/9'"))
            #expect(text.contains("volume (line 2): 5000 has no unit"))
            #expect(text.contains("additives[0] (line 4): no supplement named 'potasium chloride' in the catalog (did you mean"))
        }
    }
}

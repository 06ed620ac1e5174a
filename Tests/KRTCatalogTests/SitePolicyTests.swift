import Testing
import KRTUnits
@testable import KRTCatalog

/// Site files tighten by default (issue 13): looser than the label or beyond a plausibility ceiling
/// is refused with the file, field, value and what was expected, unless the entry declares it.
struct SitePolicyTests {
    static let header = "site: Example ICU\nsources: {policy: {document: \"Example ICU potassium protocol\"}}\n"

    static func potassiumDaily(_ entry: String) -> String {
        header + "supplements:\n" + ["10", "20", "40"].map { "  potassium-chloride-\($0)-in-100: {max_per_24h: \(entry)}\n" }.joined()
    }

    static func withLimits(_ text: String, _ body: (String) throws -> Void) throws {
        let folder = try TestSupport.temporaryFolder()
        defer { TestSupport.remove(folder) }
        try TestSupport.write(text, to: "limits.yaml", in: folder)
        try body(folder + "/limits.yaml")
    }

    @Test func theBundledCatalogExceedsNothing() throws {
        #expect(try TestSupport.load().labelExceedances.isEmpty)
    }

    @Test func aDailyPotassiumLimitOf2000mmolIsRefused() throws {
        try Self.withLimits(Self.potassiumDaily("{value: 2000 mmol, source: policy}")) { path in
            let message = TestSupport.loadErrors(limits: path)
            #expect(message.contains(path), "\(message)")
            #expect(message.contains("supplements.potassium-chloride-10-in-100.max_per_24h.value"), "\(message)")
            #expect(message.contains("potassium-chloride-10-in-100 max_per_24h 2000 mmol is looser than the catalog's label limit 200 mEq"), "\(message)")
            #expect(message.contains("'loosens_label: true' and 'reason: <the site document>'"), "\(message)")
        }
    }

    @Test func aDeclaredLooserLimitIsAcceptedWithAStandingNotice() throws {
        try Self.withLimits(Self.potassiumDaily("{value: 2000 mmol, source: policy, loosens_label: true, reason: \"ICU protocol 7\"}")) { path in
            let catalog = try TestSupport.load(limits: path)
            #expect(catalog.supplement(named: "potassium-chloride-20-in-100")?.maxPer24h?.value == 2000)
            #expect(catalog.labelExceedances.count == 3)
            let notice = try #require(catalog.labelExceedances.first)
            #expect(notice.hasPrefix("site policy exceeds the label: potassium-chloride-10-in-100 max_per_24h 2000 mmol, beyond the catalog's label limit 200 mEq; reason: ICU protocol 7"), "\(notice)")
        }
    }

    @Test func loosensLabelWithoutAReasonIsRefused() throws {
        try Self.withLimits(Self.potassiumDaily("{value: 2000 mmol, source: policy, loosens_label: true}")) { path in
            let message = TestSupport.loadErrors(limits: path)
            #expect(message.contains("max_per_24h.reason: missing: 'loosens_label: true' needs a reason"), "\(message)")
        }
    }

    @Test func aTighterLimitNeedsNoDeclaration() throws {
        try Self.withLimits(Self.potassiumDaily("{value: 120 mmol, source: policy}")) { path in
            let catalog = try TestSupport.load(limits: path)
            #expect(catalog.labelExceedances.isEmpty)
            #expect(catalog.supplement(named: "potassium-chloride-20-in-100")?.maxPer24h?.value == 120)
        }
    }

    @Test func aFasterRateThanTheLabelIsRefused() throws {
        let text = Self.header + "supplements:\n  potassium-chloride-10-in-100: {max_rate: {peripheral: {value: 1200 mmol/h, source: policy}}}\n"
        try Self.withLimits(text) { path in
            let message = TestSupport.loadErrors(limits: path)
            #expect(message.contains("supplements.potassium-chloride-10-in-100.max_rate.peripheral.value"), "\(message)")
            #expect(message.contains("max_rate.peripheral 1200 mmol/h is looser than the catalog's label limit 10 mEq/h"), "\(message)")
        }
    }

    @Test func aCompoundingLimitOfAMillionIsRefusedUnlessDeclared() throws {
        let refused = Self.header + "compounding:\n  max_final_concentration:\n    potassium: {value: 1000000 mmol/L, source: policy}\n"
        try Self.withLimits(refused) { path in
            let message = TestSupport.loadErrors(limits: path)
            #expect(message.contains("compounding.max_final_concentration.potassium.value"), "\(message)")
            #expect(message.contains("compounding max_final_concentration.potassium 1000000 mmol/L is looser than the plausibility ceiling of 10 mmol/L for a KRT bag"), "\(message)")
        }
        let declared = Self.header + "compounding:\n  max_final_concentration:\n    potassium: {value: 12 mmol/L, source: policy, loosens_label: true, reason: \"hyperkalaemia protocol\"}\n"
        try Self.withLimits(declared) { path in
            let catalog = try TestSupport.load(limits: path)
            #expect(catalog.compounding.maxFinalConcentration[.potassium]?.value == 12)
            #expect(catalog.labelExceedances.count == 1)
        }
    }

    @Test func aSiteIntravenousPotassiumProductWithoutLimitsIsRefused() throws {
        let bundled = try TestSupport.bundledText("supplements/potassium-chloride-10-in-100.yaml")
        var lines: [String] = []
        var skipping = false
        for line in bundled.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            // Keep `limits:` with its daily cap only: no rate, no concentration limit.
            if line.hasPrefix("  max_concentration:") || line.hasPrefix("  max_rate:") { skipping = true; continue }
            if line.hasPrefix("  max_per_24h") || !line.hasPrefix("  ") { skipping = false }
            if !skipping { lines.append(line) }
        }
        let text = lines.joined(separator: "\n")
            .replacingOccurrences(of: "id: potassium-chloride-10-in-100", with: "id: site-kcl-fast")
            .replacingOccurrences(of: "name: \"Potassium chloride 10 mmol/100 mL (premixed)\"", with: "name: \"Site KCl fast\"")
            .replacingOccurrences(of: "aliases: [\"KCl 10 mmol/100 mL\", \"KCl 10 mEq/100 mL\", \"potassium chloride 10 mEq/100 mL\"]", with: "aliases: []")
            .replacingOccurrences(of: "group: potassium-chloride-iv", with: "group: site-kcl")
        let folder = try TestSupport.temporaryFolder()
        defer { TestSupport.remove(folder) }
        try TestSupport.write(text, to: "supplements/site-kcl-fast.yaml", in: folder)
        let message = TestSupport.loadErrors(extra: [folder])
        #expect(message.contains(folder + "/supplements/site-kcl-fast.yaml"), "\(message)")
        #expect(message.contains("IV potassium infusion site-kcl-fast has no limits.max_rate.peripheral, limits.max_concentration.peripheral, limits.max_rate.central, limits.max_concentration.central"), "\(message)")
    }

    @Test func aSiteFluidWith400mmolPotassiumIsRefused() throws {
        // Chloride raised with it, so that the charge balance holds and only the ceiling refuses it.
        let text = Fixtures.siteFluid.replacingOccurrences(of: "potassium:   {value: 4 mmol/L", with: "potassium:   {value: 400 mmol/L")
            .replacingOccurrences(of: "chloride:    {value: 121.3 mmol/L", with: "chloride:    {value: 517.3 mmol/L")
        let folder = try TestSupport.temporaryFolder()
        defer { TestSupport.remove(folder) }
        try TestSupport.write(text, to: "fluids/site-phosphate-plus.yaml", in: folder)
        let message = TestSupport.loadErrors(extra: [folder])
        #expect(message.contains("composition.potassium.value"), "\(message)")
        #expect(message.contains("fluid site-phosphate-plus potassium 400 mmol/L is looser than the plausibility ceiling of 10 mmol/L for a KRT fluid"), "\(message)")
    }
}

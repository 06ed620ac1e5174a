import KRTInput
import KRTPlanner
import Testing

/// `compare` runs variants in parallel; the result must not depend on the number of threads:
/// serial (1 thread) and parallel (2 and 4 threads) comparisons of random cases are identical values.
struct CompareDeterminismTests {
    static let variants: [(String, [String])] = [
        ("base", []),
        ("heavier", ["patient.weight=95 kg"]),
        ("low K", ["labs[0].potassium=3.1 mmol/L"]),
        ("heparin", ["therapy.anticoagulation=heparin"]),
        ("bad", ["patient.weight=0 kg"]),   // a failing variant must fail the same way
    ]

    func variantList() throws -> [WhatIf.Variant] {
        try Self.variants.map { name, overrides in
            WhatIf.Variant(name: name, overrides: try overrides.map { text throws(InputError) in try InputOverride(parsing: text) })
        }
    }

    @Test func serialAndParallelSimulationComparisonsAreIdentical() throws {
        let catalog = try #require(SafetyFixtures.catalog)
        let variants = try variantList()
        for seed in SafetyFixtures.seeds(SafetyFixtures.count(8), stream: 4) {
            let random = RandomCase(seed: seed, fluids: .fixed(), horizon: 24, withOrders: true)
            guard let document = try? YAMLDocument.parse(random.text, source: "random.yaml") else { continue }
            let runs = [1, 2, 4].map { threads in
                WhatIf.run(document, variants: variants, catalog: catalog, simulate: true, options: PlanningOptions(timeLimit: 3600, threads: 1), threads: threads)
            }
            #expect(runs[0] == runs[1] && runs[0] == runs[2], "\(random)")
            #expect(runs[0].variants.map(\.name) == Self.variants.map(\.0))
            #expect(runs[0].variants.last?.error != nil, "the weight 0 variant must fail")
        }
    }

    @Test func serialAndParallelPlanComparisonsAreIdentical() throws {
        let catalog = try #require(SafetyFixtures.catalog)
        let variants = try Array(variantList().prefix(3))
        for seed in SafetyFixtures.seeds(SafetyFixtures.count(3), stream: 5) {
            let random = RandomCase(seed: seed, fluids: .choose, horizon: 12)
            guard let document = try? YAMLDocument.parse(random.text, source: "random.yaml") else { continue }
            var options = PlanningOptions(relativeGap: 0.01, timeLimit: 3600, threads: 1)
            options.fluidRounds = 6
            let serial = WhatIf.run(document, variants: variants, catalog: catalog, simulate: false, options: options, threads: 1)
            let parallel = WhatIf.run(document, variants: variants, catalog: catalog, simulate: false, options: options, threads: 2)
            #expect(serial == parallel, "\(random)")
        }
    }
}

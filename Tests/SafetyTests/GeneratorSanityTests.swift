import KRTPlanner
import Testing

/// The random-case generator must produce valid cases, or the property tests would test little.
struct GeneratorSanityTests {
    @Test func nearlyEveryRandomCaseIsValid() throws {
        let catalog = try #require(SafetyFixtures.catalog)
        var valid = 0, tried = 0
        for seed in UInt64(1)...60 {
            tried += 1
            let planned = RandomCase(seed: seed, fluids: .choose, horizon: 12)
            let simulated = RandomCase(seed: seed, fluids: .fixed(), horizon: 12, withOrders: true)
            do {
                _ = try planned.planningCase(catalog, mode: .plan)
                _ = try simulated.planningCase(catalog, mode: .simulate)
                valid += 1
            } catch {
                print("seed \(seed) invalid: \(error)\n\(planned.text)")
            }
        }
        #expect(valid * 10 >= tried * 9, "only \(valid) of \(tried) random cases are valid")
    }
}

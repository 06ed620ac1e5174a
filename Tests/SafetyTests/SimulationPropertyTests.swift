import KRTCatalog
import KRTPlanner
import KRTUnits
import Testing

/// Properties of simulations of random valid cases with random written orders (hundreds per run;
/// `KRTPLAN_LONG_PROPERTIES=1` for ten times as many).
struct SimulationPropertyTests {
    static let simulationCount = SafetyFixtures.count(150)

    /// Fluids that differ only in potassium, in increasing order (same Mg, Ca, phosphate, buffer).
    static let potassiumLadders = [
        ["multibic-k0", "multibic-k2", "multibic-k3", "multibic-k4"],
        ["prismasol-2-eu", "prismasol-4-eu"],
        ["duosol-k0", "duosol-k2", "duosol-k4"],
    ]

    /// Raising the fluid potassium (every stream, same everything else) never lowers predicted K, at
    /// any report time; phosphate is unchanged. Mg → K coupling and the orders are the same in both.
    @Test func raisingFluidPotassiumNeverLowersPredictedPotassium() throws {
        let catalog = try #require(SafetyFixtures.catalog)
        var compared = 0
        for seed in SafetyFixtures.seeds(Self.simulationCount, stream: 2) {
            let ladderIndex = Int(seed / 13 % 3)
            let ladder = Self.potassiumLadders[ladderIndex]
            let lowIndex = Int(seed % UInt64(ladder.count - 1))
            let (low, high) = (ladder[lowIndex], ladder[lowIndex + 1 + Int(seed / 7 % UInt64(ladder.count - 1 - lowIndex))])
            let dialysateOK = ladderIndex != 2   // Duosol is replacement-only
            let lower = RandomCase(seed: seed, fluids: .fixed(dialysate: dialysateOK ? low : nil, replacement: low), horizon: 24, withOrders: true)
            let higher = RandomCase(seed: seed, fluids: .fixed(dialysate: dialysateOK ? high : nil, replacement: high), horizon: 24, withOrders: true)
            guard let a = try? lower.planningCase(catalog, mode: .simulate), let b = try? higher.planningCase(catalog, mode: .simulate) else {
                continue   // e.g. CVVHD with a replacement-only ladder: no such case
            }
            compared += 1
            let planner = Planner(catalog: catalog)
            let (ra, rb) = (try planner.simulate(a), try planner.simulate(b))
            let (ka, kb) = (ra.trajectory.values(for: .potassium) ?? [], rb.trajectory.values(for: .potassium) ?? [])
            #expect(ka.count == kb.count && !ka.isEmpty)
            for (index, (x, y)) in zip(ka, kb).enumerated() {
                #expect(y >= x - 1e-9, "\(lower)\nK with \(high) \(y) < with \(low) \(x) at \(ra.trajectory.times[index]) h")
            }
            for solute in [Solute.phosphate, .magnesium] {
                let (pa, pb) = (ra.trajectory.values(for: solute) ?? [], rb.trajectory.values(for: solute) ?? [])
                let moved = zip(pa, pb).map { abs($0 - $1) }.max() ?? 0
                // Mg does not depend on K; phosphate neither (Mg→K coupling acts on K only).
                #expect(moved <= 1e-9, "\(lower)\n\(solute.rawValue) moved by \(moved) when only fluid K changed")
            }
        }
        print("SimulationPropertyTests: \(compared) pairs of simulations compared for K monotonicity")
        #expect(compared * 2 >= Self.simulationCount, "only \(compared) of \(Self.simulationCount) pairs were valid cases")
    }

    /// Every simulation of a valid case gives finite, positive levels at every report time, a mass
    /// balance that closes, and a minimum/maximum summary that brackets its own trajectory.
    @Test func simulationsAreFiniteAndConsistent() throws {
        let catalog = try #require(SafetyFixtures.catalog)
        for seed in SafetyFixtures.seeds(Self.simulationCount, stream: 3) {
            let random = RandomCase(seed: seed, fluids: .fixed(), horizon: 24, withOrders: true)
            guard let planningCase = try? random.planningCase(catalog, mode: .simulate) else { continue }
            let result = try Planner(catalog: catalog).simulate(planningCase)
            #expect(result.trajectory.times.count == Int((24 / planningCase.file.step).rounded()) + 1)
            for summary in result.solutes {
                let values = result.trajectory.values(for: summary.solute) ?? []
                #expect(values.allSatisfy(\.isFinite) && values.allSatisfy { $0 > 0 }, "\(random)\n\(summary.solute.rawValue): \(values)")
                // The summary scans a finer grid than the report times (an infusion peak between two
                // report times counts), so it brackets the trajectory.
                #expect(summary.minimum <= (values.min() ?? .nan) + 1e-9 && summary.maximum >= (values.max() ?? .nan) - 1e-9,
                        "\(random)\n\(summary.solute.rawValue) summary \(summary.minimum)–\(summary.maximum) does not bracket \(values)")
            }
            #expect(result.audit.massBalanceResidual <= 1e-6, "\(random)\nmass balance residual \(result.audit.massBalanceResidual) mmol")
        }
    }
}

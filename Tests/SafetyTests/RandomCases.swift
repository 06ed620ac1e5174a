import Foundation
import KRTCatalog
import KRTInput
import KRTPlanner

/// Random valid cases for the property tests, written as case-file text (so they go through the same
/// reader as a user's file) from a seed: a failing seed reproduces its case exactly.
///
/// The cases span the modalities (CVVH, CVVHD, CVVHDF), heparin and citrate, residual function with
/// and without Mg-driven K wasting, starting levels from low to high, subsets of the catalog's fluids
/// and supplements, peripheral and central access, and short horizons that keep CI fast.
struct RandomCase: CustomStringConvertible {
    let seed: UInt64
    let text: String

    var description: String { "seed \(seed):\n\(text)" }

    /// Catalog ids by role (every one planning-eligible).
    static let dialysates = ["phoxilium", "biphozyl", "prismasol-2-eu", "prismasol-4-eu", "multibic-k0", "multibic-k2",
                             "multibic-k4", "hemosol-b0", "ci-ca-dialysate-k2", "accusol-35-k4"]
    static let replacements = ["phoxilium", "biphozyl", "prismasol-2-eu", "prismasol-4-eu", "multibic-k2", "multibic-k4",
                               "duosol-k2", "duosol-k4", "prismasol-bgk4-2.5", "phoxillum-bk4-2.5", "prismasol-bgk2-0"]
    static let supplements = ["magnesium-sulfate-iv", "potassium-chloride-20-in-100", "potassium-chloride-10-in-100",
                              "sodium-phosphates-iv", "potassium-phosphates-iv", "sodium-glycerophosphate-iv",
                              "magnesium-oxide-oral", "potassium-chloride-oral", "phosphate-oral-neutral"]

    enum Fluids {
        /// The planner chooses among 1–3 products per stream.
        case choose
        /// One fixed product per stream (what `simulate` needs); `dialysate`/`replacement` force the product.
        case fixed(dialysate: String? = nil, replacement: String? = nil)
    }

    /// A case from `seed`; `horizon` hours with a step of 1 or 2 h.
    init(seed: UInt64, fluids: Fluids, horizon: Int, withOrders: Bool = false) {
        self.seed = seed
        var random = SplitMix64(seed: seed)
        func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
        func number(_ range: ClosedRange<Double>, digits: Double = 10) -> String {
            let value = range.lowerBound + Double(random.next() % 10_000) / 10_000 * (range.upperBound - range.lowerBound)
            let rounded = (value * digits).rounded() / digits
            return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
        }
        func subset(_ items: [String], _ count: ClosedRange<Int>) -> [String] {
            let size = count.lowerBound + Int(random.next() % UInt64(count.count))
            var chosen: [String] = []
            while chosen.count < min(size, items.count) {
                let item = pick(items)
                if !chosen.contains(item) { chosen.append(item) }
            }
            return chosen
        }

        let modality = pick(["CVVHDF", "CVVHDF", "CVVH", "CVVHD"])
        let citrate = random.next() % 3 == 0
        var lines = ["name: random case \(seed)", "patient:"]
        lines.append("  weight: \(number(50...120)) kg")
        lines.append("  sex: \(pick(["female", "male"]))")
        lines.append("  hematocrit: \(number(0.24...0.36, digits: 100))")
        switch random.next() % 3 {
        case 0: lines.append("  residual_renal_function: none")
        case 1: lines.append("  residual_renal_function: {urine_output: \(number(200...1200, digits: 1)) mL/day, mg_driven_potassium_wasting: \(pick(["true", "false"]))}")
        default: break
        }
        lines.append("  intake: {potassium: \(number(0...80, digits: 1)) mmol/day, phosphate: \(number(0...30, digits: 1)) mmol/day, magnesium: \(number(0...10, digits: 1)) mmol/day}")
        lines.append("labs:")
        lines.append("  - {at: 0 h, potassium: \(number(2.8...5.6, digits: 10)) mmol/L, phosphate: \(number(0.3...2.2, digits: 100)) mmol/L, magnesium: \(number(0.4...1.3, digits: 100)) mmol/L}")
        lines.append("therapy:")
        lines.append("  modality: \(modality)")
        lines.append("  blood_flow: \(number(180...250, digits: 0.1)) mL/min")
        let usesDialysate = modality != "CVVH"
        let usesReplacement = modality != "CVVHD"
        if usesDialysate { lines.append("  dialysate_flow: \(number(800...2000, digits: 0.01)) mL/h") }
        let position = pick(["pre", "post"])
        if usesReplacement {
            lines.append("  replacement: [{position: \(position), flow: \(number(modality == "CVVH" ? 1200...2000 : 200...800, digits: 0.01)) mL/h}]")
        }
        lines.append("  net_ultrafiltration: \(number(0...150, digits: 0.1)) mL/h")
        lines.append(citrate ? "  anticoagulation: {kind: citrate, solution: Prismocitrate 18/0, flow: \(number(1000...1500, digits: 0.01)) mL/h}"
                             : "  anticoagulation: heparin")
        // The pools hold calcium-free fluids; under heparin they need a declared calcium infusion (issue 12).
        if !citrate { lines.append("  calcium_infusion: {solution: calcium chloride 10 %, flow: 20 mL/h}") }
        lines.append("  delivered_fraction: \(number(80...100, digits: 1)) %")
        lines.append("fluids:")
        var streams: [(key: String, pool: [String])] = []
        if usesDialysate { streams.append(("dialysate", Self.dialysates)) }
        if usesReplacement { streams.append((position == "pre" ? "pre_replacement" : "post_replacement", Self.replacements)) }
        for stream in streams {
            switch fluids {
            case .choose:
                lines.append("  \(stream.key): {choose_from: [\(subset(stream.pool, 1...3).joined(separator: ", "))]}")
            case let .fixed(dialysate, replacement):
                let forced = stream.key == "dialysate" ? dialysate : replacement
                lines.append("  \(stream.key): \(forced ?? pick(stream.pool))")
            }
        }
        if case .choose = fluids { lines.append("  change_every: \(pick([6, 12])) h") }
        let access = pick(["peripheral", "central"])
        // Glycophos (80 mmol/L) is refused on a peripheral line, rightly: offer it on central lines only.
        let allowed = subset(access == "central" ? Self.supplements : Self.supplements.filter { $0 != "sodium-glycerophosphate-iv" }, 1...4)
        lines.append("supplements:")
        lines.append("  allowed: [\(allowed.joined(separator: ", "))]")
        lines.append("  access: \(access)")
        lines.append("  dose_every: \(pick([6, 12])) h")
        if withOrders {
            lines.append("orders:")
            for _ in 0..<(1 + random.next() % 3) {
                lines.append("  - {at: \(random.next() % UInt64(horizon)) h, drug: \(pick(allowed)), units: 1}")
            }
        }
        lines.append("horizon: \(horizon) h")
        lines.append("step: \(pick([1, 2])) h")
        text = lines.joined(separator: "\n") + "\n"
    }

    func file() throws -> CaseFile { try CaseReader.read(YAMLDocument.parse(text, source: "random-\(seed).yaml")) }

    func planningCase(_ catalog: Catalog, mode: PlanningCase.Mode) throws -> PlanningCase {
        try PlanningCase.resolve(file(), catalog: catalog, mode: mode)
    }
}

/// A small, fast, seedable generator (Steele, Lea and Flood's SplitMix64).
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Shared fixtures and the property-test sizes and seeds.
///
/// `KRTPLAN_LONG_PROPERTIES=1` multiplies the counts by 10. The case seeds come from a fixed base, so CI
/// runs the same cases every time (a property test must not fail at random); `KRTPLAN_PROPERTY_SEED=N`
/// picks another base and `KRTPLAN_PROPERTY_SEED=random` a fresh one (printed), to look for new cases.
enum SafetyFixtures {
    static let catalog: Catalog? = loadBundledCatalogForFuzzing()
    static let long = ProcessInfo.processInfo.environment["KRTPLAN_LONG_PROPERTIES"] == "1"
    static let baseSeed: UInt64 = {
        let text = ProcessInfo.processInfo.environment["KRTPLAN_PROPERTY_SEED"]
        if text == "random" { return UInt64.random(in: 1...UInt64(Int32.max)) }
        return text.flatMap { UInt64($0) } ?? 20_261_125
    }()

    static func count(_ short: Int) -> Int { long ? short * 10 : short }

    /// `count` case seeds for one test (`stream` keeps tests apart), from ``baseSeed``.
    static func seeds(_ count: Int, stream: UInt64) -> [UInt64] {
        var random = SplitMix64(seed: baseSeed &* 0x9E37_79B9 &+ stream)
        return (0..<count).map { _ in random.next() % UInt64(Int32.max) + 1 }
    }
}

import KRTKinetics
import KRTUnits
@testable import KRTPlanner

/// Hand-built plan problems (no catalog), shaped like the flagship case.
enum SyntheticProblems {
    static func option(_ name: String, _ k: Double, _ p: Double, _ mg: Double, ca: Double = 1.25) -> FluidOption {
        FluidOption(product: name, concentrations: [.potassium: k, .phosphate: p, .magnesium: mg], calcium: ca)
    }

    static let dialysates = [
        option("BGK4/2.5", 4, 0, 0.75), option("BGK2/0", 2, 0, 0.5, ca: 0),
        option("Phoxilium", 4, 1.2, 0.6), option("Biphozyl", 4, 1.0, 0.75, ca: 0),
    ]
    static let replacements = dialysates + [
        option("BGK0/2.5", 0, 0, 0.75), option("Hemosol B0", 0, 0, 0.5, ca: 1.75), option("multiBic 3", 3, 0, 0.5, ca: 1.5),
        option("Ci-Ca K2", 2, 0, 0.75, ca: 0),
    ]

    static func drug(_ name: String, _ solute: Solute, perUnit: [Solute: Double], duration: Double, maxUnits: Int,
                     gate: DrugPlan.Gate? = nil, route: Dose.Route = .intravenous) -> DrugPlan {
        DrugPlan(id: name, name: name, route: route, unitLabel: "1 unit", deliveredPerUnit: perUnit, contentPerUnit: perUnit,
                 mainSolute: solute, duration: route == .oral ? 0 : duration, maxUnitsPerOrder: maxUnits, gate: gate,
                 line: route == .oral ? "" : "central", modelName: name, limits: [])
    }

    static let drugs: [DrugPlan] = [
        drug("MgSO4_IV", .magnesium, perUnit: [.magnesium: 4.06], duration: 1, maxUnits: 4),
        drug("KCl_IV", .potassium, perUnit: [.potassium: 10], duration: 1, maxUnits: 2),
        drug("NaPhos_IV", .phosphate, perUnit: [.phosphate: 15], duration: 3, maxUnits: 2),
        drug("KPhos_IV", .phosphate, perUnit: [.phosphate: 15, .potassium: 22], duration: 3, maxUnits: 2,
             gate: DrugPlan.Gate(solute: .potassium, below: 4, description: "serum K < 4 mmol/L")),
    ]

    static func caps(for drugs: [DrugPlan]) -> [RollingCap] {
        let perDay: [String: Double] = ["MgSO4_IV": 10 * 4.06, "KCl_IV": 200, "NaPhos_IV": 45, "KPhos_IV": 45]
        return drugs.enumerated().compactMap { index, drug in
            perDay[drug.id].map { limit in
                RollingCap(hours: 24, limit: limit, solute: drug.mainSolute,
                           members: [.init(drug: index, perUnit: drug.contentPerUnit[drug.mainSolute] ?? 0)],
                           memberIDs: [drug.id], description: "\(drug.id) per 24 h")
            }
        }
    }

    static func flagship(horizon: Double = 72, step: Double = 1, coupling: Bool = true, periods: Double? = 24,
                         dialysates: [FluidOption] = dialysates, replacements: [FluidOption] = replacements,
                         drugs: [DrugPlan] = drugs, initial: [Solute: Double]? = nil) -> PlanProblem {
        let patient = Patient(weight: 82, sex: .male, hematocrit: 0.28,
                              residualFunction: .urineOutput(0.025),
                              intake: [.potassium: .init(rate: 40.0 / 24), .phosphate: .init(rate: 15.0 / 24), .magnesium: .init(rate: 5.0 / 24)],
                              magnesiumDrivenPotassiumWasting: coupling)
        let therapy = Therapy(modality: .cvvhdf, bloodFlow: 9, dialysateFlow: 1.5, postReplacementFlow: 0.5,
                              netUltrafiltration: 0.1, anticoagulation: .citrate(flow: 1.5), deliveredFraction: 0.9)
        let starts = periods.map { Array(stride(from: 0, to: horizon, by: $0)) } ?? [0]
        return PlanProblem(
            model: KineticModel(patient: patient, therapy: therapy),
            initialSerum: initial ?? [.potassium: 3.1, .phosphate: 0.71, .magnesium: 0.58],
            horizon: horizon, step: step,
            streams: [StreamPlan(stream: .dialysate, flow: 1.5, kind: .choice(dialysates)),
                      StreamPlan(stream: .postReplacement, flow: 0.5, kind: .choice(replacements))],
            citrate: option("Prismocitrate 18/0", 0, 0, 0, ca: 0),
            periodStarts: starts, drugs: drugs, doseTimes: Array(stride(from: 0, to: horizon, by: 6)),
            fixedOrders: [], caps: caps(for: drugs), limits: .defaults, weights: ObjectiveWeights())
    }
}

import Foundation
import KRTInput
@testable import KRTPlanner

/// A day-3 citrate CVVHDF case with a 72-h history, for the history and fit tests.
enum HistoryFixtures {
    static let history = """
        history:
          from: -72 h
          segments:
            - from: -72 h
              therapy:
                modality: CVVHDF
                blood_flow: 150 mL/min
                dialysate_flow: 1500 mL/h
                replacement: [{position: post, flow: 500 mL/h}]
                net_ultrafiltration: 100 mL/h
                anticoagulation: {kind: citrate, solution: Prismocitrate 18/0, flow: 1500 mL/h}
                delivered_fraction: 90 %
            - from: -24 h
              therapy:
                modality: CVVHDF
                blood_flow: 150 mL/min
                dialysate_flow: 2000 mL/h
                replacement: [{position: post, flow: 500 mL/h}]
                net_ultrafiltration: 100 mL/h
                anticoagulation: {kind: citrate, solution: Prismocitrate 18/0, flow: 1500 mL/h}
                delivered_fraction: 90 %
          downtime:
            - {from: -40 h, to: -37 h, reason: clotting}
          fluids:
            - {stream: dialysate, product: Phoxilium, from: -72 h, to: -48 h}
            - {stream: dialysate, product: Biphozyl, from: -48 h}
            - {stream: post_replacement, product: Phoxilium}
          doses:
            - {at: -30 h, drug: magnesium sulfate, dose: 2 g, over: 2 h}
            - {at: -12 h, drug: KCl 20 mmol/100 mL, units: 1}
          intake:
            - {from: -48 h, intake: {potassium: 60 mmol/day, phosphate: 20 mmol/day, magnesium: 8 mmol/day}}
        """

    static let labs = """
        labs:
          - {at: -72 h, potassium: 3.6 mmol/L, phosphate: 1.3 mmol/L, magnesium: 0.75 mmol/L}
          - {at: -60 h, potassium: 3.4 mmol/L, phosphate: 1.1 mmol/L, magnesium: 0.70 mmol/L}
          - {at: -48 h, potassium: 3.3 mmol/L, phosphate: 0.95 mmol/L, magnesium: 0.66 mmol/L}
          - {at: -36 h, potassium: 3.2 mmol/L, phosphate: 0.9 mmol/L, magnesium: 0.64 mmol/L}
          - {at: -24 h, potassium: 3.3 mmol/L, phosphate: 0.85 mmol/L, magnesium: 0.72 mmol/L}
          - {at: -12 h, potassium: 3.2 mmol/L, phosphate: 0.8 mmol/L, magnesium: 0.66 mmol/L}
          - {at: 0 h, potassium: 3.1 mmol/L, phosphate: 0.75 mmol/L, magnesium: 0.6 mmol/L}
        """

    /// K and phosphate drawn three times, Mg once (at 0 h): Mg stays at the prior.
    static let oneMagnesiumLab = """
        labs:
          - {at: -48 h, potassium: 3.4 mmol/L, phosphate: 1.0 mmol/L}
          - {at: -24 h, potassium: 3.3 mmol/L, phosphate: 0.9 mmol/L}
          - {at: 0 h, potassium: 3.1 mmol/L, phosphate: 0.8 mmol/L, magnesium: 0.6 mmol/L}
        """

    static let rest = """
        name: day 3 with history
        patient:
          weight: 82 kg
          sex: male
          hematocrit: 0.28
          residual_renal_function: {urine_output: 600 mL/day, mg_driven_potassium_wasting: true}
          intake: {potassium: 40 mmol/day, phosphate: 15 mmol/day, magnesium: 5 mmol/day}
        therapy:
          modality: CVVHDF
          blood_flow: 150 mL/min
          dialysate_flow: 2000 mL/h
          replacement: [{position: post, flow: 500 mL/h}]
          net_ultrafiltration: 100 mL/h
          anticoagulation: {kind: citrate, solution: Prismocitrate 18/0, flow: 1500 mL/h}
          delivered_fraction: 90 %
        fluids:
          dialysate: Biphozyl
          post_replacement: Phoxilium
        horizon: 24 h
        step: 1 h
        """

    static func text(history: String = history, labs: String = labs) -> String { rest + "\n" + labs + "\n" + history + "\n" }

    static func read(_ text: String) throws(InputError) -> CaseFile { try CaseReader.read(YAMLDocument.parse(text, source: "history.yaml")) }

    static func messages(_ text: String) -> [String] {
        do {
            let file = try read(text)
            _ = try ResolvedHistory.resolve(file, catalog: PlannerFixtures.catalog)
            return []
        } catch { return error.issues.filter { $0.severity == .error }.map(\.description) }
    }

    static func replacing(_ old: String, _ new: String) -> String {
        precondition(history.contains(old), "fixture text not found: \(old)")
        return text(history: history.replacingOccurrences(of: old, with: new))
    }
}

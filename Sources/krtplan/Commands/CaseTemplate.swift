/// The text of a starter case (`krtplan template`): every field with its unit and a comment, for one
/// modality and one anticoagulation. The flows, labs and patient are placeholders; the products are
/// bundled catalog products with the right roles (calcium-free ones only under citrate).
struct CaseTemplate {
    enum Modality: String, CaseIterable {
        case cvvh = "CVVH", cvvhd = "CVVHD", cvvhdf = "CVVHDF", sled = "SLED", pirrt = "PIRRT"

        var isIntermittent: Bool { self == .sled || self == .pirrt }
        var usesDialysate: Bool { self != .cvvh }
        var usesReplacement: Bool { self == .cvvh || self == .cvvhdf }
    }

    enum Anticoagulation: String, CaseIterable {
        case citrate, heparin, none
    }

    var modality: Modality
    var anticoagulation: Anticoagulation

    /// Products the planner may choose on each stream (bundled EU catalog names; `krtplan formulations list`).
    var products: String {
        anticoagulation == .citrate
            ? "[Phoxilium, Biphozyl, Prismasol 4 mmol/l potassium, Prismasol 2 mmol/l potassium]"
            : "[Phoxilium, Prismasol 4 mmol/l potassium, Prismasol 2 mmol/l potassium]"
    }

    var text: String {
        (header + patient + labs + therapy + fluids + supplements + limits + timing).joined(separator: "\n") + "\n"
    }

    var header: [String] {
        [
            "# Starter case: \(modality.rawValue) with \(anticoagulation == .none ? "no" : anticoagulation.rawValue) anticoagulation (krtplan template).",
            "# Replace every value marked REPLACE with the patient's; every quantity needs its unit.",
            "# Check it with: krtplan validate my-case.yaml   Plan it with: krtplan plan my-case.yaml",
            "# The format, every field, unit, default and range: docs/case-format.md.",
            "name: \(modality.rawValue) starter case (\(anticoagulation.rawValue))   # one line, shown in every report",
        ]
    }

    var patient: [String] {
        [
            "patient:",
            "  weight: 70 kg                     # REPLACE: body mass (kg)",
            "  sex: female                       # REPLACE: female or male",
            "  hematocrit: 0.30                  # REPLACE: fraction (0.30) or percent (30 %); sets the plasma-water flow",
            "  residual_renal_function: none     # none, or {urine_output: 600 mL/day, mg_driven_potassium_wasting: false}",
            "  intake: {potassium: 40 mmol/day, phosphate: 15 mmol/day, magnesium: 5 mmol/day}   # REPLACE: daily intake (mmol/day)",
        ]
    }

    var labs: [String] {
        [
            "labs:                               # REPLACE: the latest K, phosphate and Mg at or before 0 h (now)",
            "  - {at: 0 h, potassium: 4.0 mmol/L, phosphate: 1.0 mmol/L, magnesium: 0.8 mmol/L}   # mmol/L; phosphate and Mg also in mg/dL",
        ]
    }

    var therapy: [String] {
        var lines = [
            "therapy:",
            "  modality: \(modality.rawValue)                  # CVVH, CVVHD, CVVHDF, SLED or PIRRT",
            "  blood_flow: 200 mL/min            # 10-500 mL/min",
        ]
        switch modality {
        case .cvvh:
            lines.append("  replacement:                      # replacement flows (mL/h), before (pre) and after (post) the filter")
            if anticoagulation != .citrate { lines.append("    - {position: pre, flow: 1000 mL/h}    # pre-filter") }
            lines.append("    - {position: post, flow: 800 mL/h}    # post-filter")
        case .cvvhd:
            lines.append("  dialysate_flow: 1500 mL/h         # 0-40 L/h")
        case .cvvhdf:
            lines.append("  dialysate_flow: 1500 mL/h         # 0-40 L/h")
            lines.append("  replacement: [{position: post, flow: 500 mL/h}]   # replacement flows (mL/h), pre or post the filter")
        case .sled, .pirrt:
            lines.append("  dialysate_flow: 300 mL/min        # 0-40 L/h")
            lines.append("  dialyzer_koa: 600 mL/min          # dialyser mass-transfer area coefficient, 50-2000 mL/min")
            lines.append("  sessions: {first: 0 h, every: 24 h, duration: 8 h}   # session start, interval and length (h)")
        }
        lines.append("  net_ultrafiltration: 100 mL/h     # net fluid removal, 0-1000 mL/h")
        switch anticoagulation {
        case .citrate:
            lines.append("  anticoagulation: {kind: citrate, solution: Prismocitrate 18/0, flow: 1500 mL/h}   # pre-filter citrate solution and its flow (50-5000 mL/h)")
            lines.append("  # calcium_infusion: {solution: calcium chloride 10 %, flow: 20 mL/h}   # optional under citrate: the separate calcium infusion (1-500 mL/h)")
        case .heparin, .none:
            lines.append("  anticoagulation: \(anticoagulation.rawValue)             # none, heparin, or {kind: citrate, solution: NAME, flow: FLOW}")
            lines.append("  # calcium_infusion: {solution: calcium chloride 10 %, flow: 20 mL/h}   # declare a separate calcium infusion (1-500 mL/h) to allow calcium-free fluids")
        }
        lines.append("  delivered_fraction: 90 %          # time-averaged delivered share of the prescription (downtime, fouling), 30-100 %")
        if !modality.isIntermittent {
            lines.append("  # effluent_dose: 25 mL/kg/h       # optional: scales dialysate and replacement flows to this dose (5-100 mL/kg/h)")
        }
        return lines
    }

    var fluids: [String] {
        var lines = ["fluids:                             # the planner chooses per stream among these catalog products"]
        if modality.usesDialysate { lines.append("  dialysate: {choose_from: \(products)}   # a product, {choose_from: [...]} or {schedule: [...]}") }
        if modality == .cvvh, anticoagulation != .citrate { lines.append("  pre_replacement: {choose_from: \(products)}   # products for the pre-filter replacement") }
        if modality.usesReplacement { lines.append("  post_replacement: {choose_from: \(products)}   # products for the post-filter replacement") }
        lines.append("  change_every: 24 h                # decision points for a fluid change (1 h-14 days)")
        return lines
    }

    var supplements: [String] {
        [
            "supplements:                        # what the planner may order",
            "  allowed: [magnesium sulfate, KCl 20 mmol/100 mL, sodium phosphates]   # catalog supplements (krtplan formulations list --supplements)",
            "  access: central                   # peripheral or central: selects the concentration and rate limits",
            "  dose_every: 6 h                   # administration times every 1-72 h from first_dose_at (0 h)",
            "# orders:                           # optional: orders already written, applied as given",
            "#   - {at: 0 h, drug: magnesium sulfate, dose: 2 g, over: 2 h}   # time (h), catalog drug, amount (g, mmol, mEq), duration (h)",
        ]
    }

    var limits: [String] {
        [
            "targets:                            # soft target ranges (mmol/L, or mg/dL for phosphate and Mg)",
            "  potassium: 4.0 to 5.0 mmol/L",
            "  phosphate: 0.8 to 1.45 mmol/L",
            "  magnesium: 0.8 to 1.1 mmol/L",
            "hard_bounds:                        # safety limits no plan may cross after 0 h",
            "  potassium: 3.0 to 6.0 mmol/L",
            "  phosphate: 0.5 to 2.0 mmol/L",
            "  magnesium: 0.5 to 1.5 mmol/L",
        ]
    }

    var timing: [String] {
        [
            "horizon: 48 h                       # planning horizon, 1 h to 14 days",
            "step: 1 h                           # report and decision step; divides the horizon",
            "lab_every: 12 h                     # routine lab cadence in the recommended draws (1 h-7 days)",
        ]
    }
}

import KRTInput
import KRTUnits

extension Patient {
    /// Plausibility ranges checked by ``validate(at:)`` (documented in docs/model.md §8).
    public enum Limits {
        public static let weight = 30.0...250.0
        public static let hematocrit = 0.15...0.60
        public static let height = 1.0...2.5
        /// Urine output above this (L/h, = 12 L/day) is implausible for a patient on KRT.
        public static let urineOutputMax = 0.5
        /// Outside these the value is an error, not a warning: no adult weighs more than 400 kg or less
        /// than 20 kg on an adult KRT prescription, nobody is taller than 2.75 m or shorter than 0.5 m, and
        /// 24 L/day of urine is not a patient who needs KRT (ASSUMPTION; docs/case-format.md).
        public static let weightPossible = 20.0...400.0
        public static let heightPossible = 0.5...2.75
        public static let urineOutputPossible = 1.0
    }

    /// Every problem with the patient's values, each naming its field under `path`.
    public func validate(at path: FieldPath = "patient") -> [InputIssue] {
        var issues: [InputIssue] = []
        let w = path.appending("weight")
        if !(weight > 0) || !weight.isFinite {
            issues.append(InputIssue(path: w, value: "\(Quantity.short(weight))", message: "weight \(Quantity.short(weight)) kg must be positive"))
        } else if !Limits.weightPossible.contains(weight) {
            issues.append(InputIssue(path: w, value: "\(Quantity.short(weight))",
                                     message: "weight \(Quantity.short(weight)) kg is not a possible adult weight; expected 20 to 400 kg"))
        } else if !Limits.weight.contains(weight) {
            issues.append(InputIssue(.warning, path: w, value: "\(Quantity.short(weight))",
                                     message: "weight \(Quantity.short(weight)) kg is outside the plausible adult range 30–250 kg"))
        }
        let h = path.appending("hematocrit")
        if hematocrit > 1, hematocrit <= 100 {
            let fraction = hematocrit / 100
            issues.append(InputIssue(path: h, value: "\(Quantity.short(hematocrit))",
                                     message: "hematocrit \(Quantity.short(hematocrit)) looks like a percentage; expected a fraction (did you mean \(Quantity.short(fraction))?)"))
        } else if !(hematocrit > 0 && hematocrit < 1) {
            issues.append(InputIssue(path: h, value: "\(Quantity.short(hematocrit))", message: "hematocrit \(Quantity.short(hematocrit)) must be a fraction between 0 and 1"))
        } else if !Limits.hematocrit.contains(hematocrit) {
            issues.append(InputIssue(.warning, path: h, value: "\(Quantity.short(hematocrit))",
                                     message: "hematocrit \(Quantity.short(hematocrit)) is outside the plausible range 0.15–0.60"))
        }
        if let height {
            let p = path.appending("height")
            if height > 3, height <= 300 {
                issues.append(InputIssue(path: p, value: "\(Quantity.short(height))",
                                         message: "height \(Quantity.short(height)) m looks like centimetres; expected metres (did you mean \(height / 100)?)"))
            } else if !Limits.heightPossible.contains(height) {
                issues.append(InputIssue(path: p, value: "\(Quantity.short(height))", message: "height \(Quantity.short(height)) m is not a possible adult height; expected 0.5 to 2.75 m"))
            } else if !Limits.height.contains(height) {
                issues.append(InputIssue(.warning, path: p, value: "\(Quantity.short(height))", message: "height \(Quantity.short(height)) m is outside 1.0–2.5 m"))
            }
        }
        issues += validateResidual(at: path.appending("residual_function"))
        for (solute, entry) in intake.sorted(by: { $0.key < $1.key }) {
            let p = path.appending("intake").appending(solute.rawValue)
            if !(entry.rate >= 0) {
                issues.append(InputIssue(path: p.appending("rate"), value: "\(Quantity.short(entry.rate))", message: "intake \(Quantity.short(entry.rate)) mmol/h must not be negative"))
            }
            if let f = entry.absorbedFraction, !(0...1).contains(f) {
                issues.append(InputIssue(path: p.appending("absorbed_fraction"), value: "\(Quantity.short(f))", message: "absorbed fraction \(Quantity.short(f)) must be between 0 and 1"))
            }
        }
        if magnesiumDrivenPotassiumWasting, residualClearance(.potassium) <= 0 {
            issues.append(InputIssue(.warning, path: path.appending("magnesium_driven_potassium_wasting"), value: "true",
                                     message: "Mg-driven K wasting needs residual renal function; it has no effect for an anuric patient"))
        }
        return issues
    }

    private func validateResidual(at path: FieldPath) -> [InputIssue] {
        switch residualFunction {
        case .none:
            return []
        case let .urineOutput(flow):
            let p = path.appending("urine_output")
            if !(flow >= 0) { return [InputIssue(path: p, value: "\(Quantity.short(flow))", message: "urine output \(Quantity.short(flow)) L/h must not be negative")] }
            if flow > Limits.urineOutputPossible {
                return [InputIssue(path: p, value: "\(Quantity.short(flow))", message: "urine output \(Quantity.short(flow)) L/h (\(Quantity.short(flow * 24)) L/day) is not possible for a patient on KRT; expected at most 1 L/h (24 L/day)")]
            }
            if flow > Limits.urineOutputMax {
                return [InputIssue(.warning, path: p, value: "\(Quantity.short(flow))", message: "urine output \(Quantity.short(flow)) L/h (\(Quantity.short(flow * 24)) L/day) is implausibly high for a patient on KRT")]
            }
            return []
        case let .clearances(map):
            return map.sorted(by: { $0.key < $1.key }).compactMap { solute, value in
                value >= 0 ? nil : InputIssue(path: path.appending("clearance").appending(solute.rawValue), value: "\(Quantity.short(value))",
                                              message: "residual clearance \(Quantity.short(value)) L/h must not be negative")
            }
        }
    }
}

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
    }

    /// Every problem with the patient's values, each naming its field under `path`.
    public func validate(at path: FieldPath = "patient") -> [InputIssue] {
        var issues: [InputIssue] = []
        let w = path.appending("weight")
        if !(weight > 0) || !weight.isFinite {
            issues.append(InputIssue(path: w, value: "\(weight)", message: "weight \(Quantity.format(weight)) kg must be positive"))
        } else if !Limits.weight.contains(weight) {
            issues.append(InputIssue(.warning, path: w, value: "\(weight)",
                                     message: "weight \(Quantity.format(weight)) kg is outside the plausible adult range 30–250 kg"))
        }
        let h = path.appending("hematocrit")
        if hematocrit > 1, hematocrit <= 100 {
            let fraction = hematocrit / 100
            issues.append(InputIssue(path: h, value: "\(hematocrit)",
                                     message: "hematocrit \(hematocrit) looks like a percentage; expected a fraction (did you mean \(fraction)?)"))
        } else if !(hematocrit > 0 && hematocrit < 1) {
            issues.append(InputIssue(path: h, value: "\(hematocrit)", message: "hematocrit \(hematocrit) must be a fraction between 0 and 1"))
        } else if !Limits.hematocrit.contains(hematocrit) {
            issues.append(InputIssue(.warning, path: h, value: "\(hematocrit)",
                                     message: "hematocrit \(hematocrit) is outside the plausible range 0.15–0.60"))
        }
        if let height {
            let p = path.appending("height")
            if height > 3, height <= 300 {
                issues.append(InputIssue(path: p, value: "\(height)",
                                         message: "height \(height) m looks like centimetres; expected metres (did you mean \(height / 100)?)"))
            } else if !Limits.height.contains(height) {
                issues.append(InputIssue(.warning, path: p, value: "\(height)", message: "height \(height) m is outside 1.0–2.5 m"))
            }
        }
        issues += validateResidual(at: path.appending("residual_function"))
        for (solute, entry) in intake.sorted(by: { $0.key < $1.key }) {
            let p = path.appending("intake").appending(solute.rawValue)
            if !(entry.rate >= 0) {
                issues.append(InputIssue(path: p.appending("rate"), value: "\(entry.rate)", message: "intake \(entry.rate) mmol/h must not be negative"))
            }
            if let f = entry.absorbedFraction, !(0...1).contains(f) {
                issues.append(InputIssue(path: p.appending("absorbed_fraction"), value: "\(f)", message: "absorbed fraction \(f) must be between 0 and 1"))
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
            if !(flow >= 0) { return [InputIssue(path: p, value: "\(flow)", message: "urine output \(flow) L/h must not be negative")] }
            if flow > Limits.urineOutputMax {
                return [InputIssue(.warning, path: p, value: "\(flow)", message: "urine output \(flow) L/h (\(flow * 24) L/day) is implausibly high for a patient on KRT")]
            }
            return []
        case let .clearances(map):
            return map.sorted(by: { $0.key < $1.key }).compactMap { solute, value in
                value >= 0 ? nil : InputIssue(path: path.appending("clearance").appending(solute.rawValue), value: "\(value)",
                                              message: "residual clearance \(value) L/h must not be negative")
            }
        }
    }
}

import Foundation
import KRTInput
import KRTKinetics
import KRTUnits

extension CaseReader {
    static let patientKeys = ["weight", "sex", "height", "hematocrit", "residual_renal_function", "intake", "parameters"]

    static func readPatient(_ field: Field) -> Patient? {
        guard field.expectMapping(allowedKeys: patientKeys, expected: "the patient: weight, sex, hematocrit, …") else { return nil }
        let weight = field["weight"].canonical(.bodyMass)
        let sex = field["sex"].choice(Patient.Sex.self)
        let height = field["height"].canonical(.length, required: false)
        let hematocrit = readHematocrit(field["hematocrit"])
        let residual = readResidual(field["residual_renal_function"])
        let intake = readIntake(field["intake"])
        let parameters = readParameters(field["parameters"])
        guard let weight, let sex else { return nil }
        let patient = Patient(weight: weight, sex: sex, height: height, hematocrit: hematocrit ?? 0.30,
                              residualFunction: residual.function, intake: intake,
                              magnesiumDrivenPotassiumWasting: residual.wasting, parameters: parameters)
        for issue in patient.validate(at: field.path) { field.log.record(relocated(issue, in: field)) }
        return patient
    }

    /// A hematocrit as a fraction (`0.28`) or percent (`28 %`); `28` alone is refused as ambiguous.
    static func readHematocrit(_ field: Field) -> Double? {
        guard field.isPresent else {
            field.warning(value: "", "hematocrit not given; 0.30 is assumed (it sets the plasma-water flow)")
            return nil
        }
        guard let quantity = field.quantity(.fraction) else { return nil }
        if quantity.unit == .unitless, quantity.value > 1 {
            field.error("hematocrit \(field.text) is not a fraction; write \(Quantity.format(quantity.value)) % or \(Quantity.format(quantity.value / 100))")
            return nil
        }
        let value = quantity.value * quantity.unit.scale
        return field.requireRange(value, 0.10...0.65, expected: "a hematocrit from 0.10 to 0.65") ? value : nil
    }

    static func readResidual(_ field: Field) -> (function: Patient.ResidualFunction, wasting: Bool) {
        guard field.isPresent else { return (.none, false) }
        if case .scalar = field.node {
            guard let text = field.string() else { return (.none, false) }
            if text != "none" { field.error(value: text, "'\(text)' is not understood; expected none, or a mapping with urine_output or clearance") }
            return (.none, false)
        }
        guard field.expectMapping(allowedKeys: ["urine_output", "clearance", "mg_driven_potassium_wasting"]) else { return (.none, false) }
        let wasting = field["mg_driven_potassium_wasting"].bool(required: false) ?? false
        if field["clearance"].isPresent {
            let clearance = field["clearance"]
            guard clearance.expectMapping(allowedKeys: Solute.planned.map(\.rawValue)) else { return (.none, wasting) }
            var map: [Solute: Double] = [:]
            for solute in Solute.planned where clearance[solute.rawValue].isPresent {
                if let value = clearance[solute.rawValue].canonical(.flow),
                   clearance[solute.rawValue].requireRange(value, 0...6, expected: "0 to 100 mL/min") {
                    map[solute] = value
                }
            }
            if field["urine_output"].isPresent {
                field["urine_output"].error("give either urine_output or clearance, not both")
            }
            return (.clearances(map), wasting)
        }
        guard let urine = field["urine_output"].canonical(.flow),
              field["urine_output"].requireRange(urine, 0...0.5, expected: "0 to 12 L/day") else { return (.none, wasting) }
        return (.urineOutput(urine), wasting)
    }

    /// Daily intake per solute; `route: parenteral` makes it fully absorbed.
    static func readIntake(_ field: Field) -> [Solute: Patient.Intake] {
        guard field.expectMapping(allowedKeys: Solute.planned.map(\.rawValue) + ["route"], required: false) else { return [:] }
        enum Route: String, CaseIterable { case enteral, parenteral }
        let route = field["route"].choice(Route.self, required: false) ?? .enteral
        var intake: [Solute: Patient.Intake] = [:]
        for solute in Solute.planned where field[solute.rawValue].isPresent {
            let entry = field[solute.rawValue]
            guard let rate = entry.canonical(.amountRate, solute: solute) else { continue }
            if entry.requireRange(rate, 0...(500.0 / 24), expected: "0 to 500 mmol/day") {
                intake[solute] = Patient.Intake(rate: rate, absorbedFraction: route == .parenteral ? 1 : nil)
            }
        }
        return intake
    }

    /// Model parameter overrides, by snake_case name, each with its unit.
    static func readParameters(_ field: Field) -> ModelParameters {
        var parameters = ModelParameters.defaults
        let names = ParameterName.bySnakeCaseName
        guard field.expectMapping(allowedKeys: ParameterName.sortedSnakeCaseNames, required: false) else { return parameters }
        for key in field.keys {
            guard let name = names[key] else { continue }
            let entry = field[key]
            guard let value = readParameterValue(entry, unit: name.info.unit) else { continue }
            let range = name.validRange
            if range.contains(value) { parameters = parameters.with(name, value) } else {
                entry.error(value: entry.text, "parameter \(key) = \(entry.text) is outside its physical range; "
                            + "expected \(range.text(unit: name.info.unit)) (docs/case-format.md, model parameters)")
            }
        }
        return parameters
    }

    static func readParameterValue(_ field: Field, unit: String) -> Double? {
        switch unit {
        case "L/kg": field.canonical(.volumePerBodyMass)
        case "L/h": field.canonical(.flow)
        case "1/h": field.canonical(.rateConstant)
        case "h": field.canonical(.time)
        case "mmol/L": field.canonical(.concentration, solute: .magnesium)
        default: field.canonical(.fraction)
        }
    }

    /// Moves an issue from the kinetics' field names to the case file's, keeping its message.
    static func relocated(_ issue: InputIssue, in field: Field) -> InputIssue {
        let renames = [
            ("residual_function", "residual_renal_function"),
            (".magnesium_driven_potassium_wasting", ".residual_renal_function.mg_driven_potassium_wasting"),
            ("replacement_pre_flow", "replacement"), ("replacement_post_flow", "replacement"),
            ("citrate_flow", "anticoagulation.flow"), (".rate", ""),
        ]
        var text = issue.path.description
        for (old, new) in renames where text.contains(old) { text = text.replacingOccurrences(of: old, with: new) }
        let path = FieldPath(parsing: text)
        let line = field.descendant(at: path).line ?? field.line
        return InputIssue(issue.severity, path: path, value: issue.value, message: issue.message, line: line)
    }
}

extension ParameterName {
    /// `potassiumPoolVolume` → `potassium_pool_volume`, `potassiumECFVolume` → `potassium_ecf_volume` (the
    /// case-file spelling: a run of capitals is one word).
    public var snakeCaseName: String { Self.snakeCaseNames[self] ?? Self.snakeCase(rawValue) }

    /// Every name's spelling, worked out once (cases read parameters and results list them per case).
    private static let snakeCaseNames = Dictionary(uniqueKeysWithValues: allCases.map { ($0, snakeCase($0.rawValue)) })
    static let bySnakeCaseName = Dictionary(uniqueKeysWithValues: allCases.map { (snakeCase($0.rawValue), $0) })
    static let sortedSnakeCaseNames = bySnakeCaseName.keys.sorted()

    private static func snakeCase(_ rawValue: String) -> String {
        var text = ""
        let characters = Array(rawValue)
        for (index, character) in characters.enumerated() {
            let previousIsUpper = index > 0 && characters[index - 1].isUppercase
            let nextIsLower = index + 1 < characters.count && characters[index + 1].isLowercase
            if character.isUppercase, index > 0, !previousIsUpper || nextIsLower { text += "_" }
            text += character.lowercased()
        }
        return text
    }
}

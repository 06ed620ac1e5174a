import Foundation
import KRTUnits

/// What an imported result measures: one of the planned solutes, or ionised calcium (shown, never planned).
public enum LabAnalyte: String, Sendable, Hashable, CaseIterable, Comparable {
    case potassium
    case phosphate
    case magnesium
    case ionisedCalcium = "ionised_calcium"

    /// The solute whose molar mass and valence convert this analyte's units.
    public var solute: Solute {
        switch self {
        case .potassium: .potassium
        case .phosphate: .phosphate
        case .magnesium: .magnesium
        case .ionisedCalcium: .calcium
        }
    }

    /// Whether the value goes into the case's `labs:` (ionised calcium is reported for display only).
    public var isPlanned: Bool { self != .ionisedCalcium }

    /// Names accepted in a CSV analyte column (lower-cased, spaces and dashes as underscores).
    static let names: [String: LabAnalyte] = [
        "potassium": .potassium, "k": .potassium, "k+": .potassium, "kalium": .potassium,
        "phosphate": .phosphate, "phosphorus": .phosphate, "phos": .phosphate, "po4": .phosphate,
        "inorganic_phosphate": .phosphate, "phosphate_inorganic": .phosphate,
        "magnesium": .magnesium, "mg": .magnesium, "mg2+": .magnesium,
        "ionised_calcium": .ionisedCalcium, "ionized_calcium": .ionisedCalcium, "calcium_ionized": .ionisedCalcium,
        "calcium_ionised": .ionisedCalcium, "ica": .ionisedCalcium, "ca_ionized": .ionisedCalcium, "ca2+": .ionisedCalcium,
    ]

    /// The analyte a CSV name stands for (case-insensitive), or `nil` for tests the import does not read.
    public static func named(_ text: String) -> LabAnalyte? {
        let key = text.trimmingWhitespace.lowercased()
            .replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")
        return names[key]
    }

    public static func < (lhs: LabAnalyte, rhs: LabAnalyte) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}

/// One LOINC code the import reads: its analyte, the kind of unit its property implies, and whether it is a
/// whole-blood measurement. Sources: docs/labs-import.md ("LOINC codes").
public struct LabCode: Sendable, Hashable {
    /// Substance concentration (LOINC property SCnc: mmol/L, also mEq/L) or mass concentration (MCnc: mg/dL).
    public enum Property: String, Sendable, Hashable {
        case substance = "moles/volume"
        case mass = "mass/volume"
    }

    public let code: String
    public let analyte: LabAnalyte
    public let property: Property
    public let wholeBlood: Bool
    public let display: String

    /// The LOINC system URI used in FHIR codings.
    public static let system = "http://loinc.org"

    public static let all: [LabCode] = [
        LabCode(code: "2823-3", analyte: .potassium, property: .substance, wholeBlood: false,
                display: "Potassium [Moles/volume] in Serum or Plasma"),
        LabCode(code: "6298-4", analyte: .potassium, property: .substance, wholeBlood: true,
                display: "Potassium [Moles/volume] in Blood"),
        LabCode(code: "14879-1", analyte: .phosphate, property: .substance, wholeBlood: false,
                display: "Phosphate [Moles/volume] in Serum or Plasma"),
        LabCode(code: "2777-1", analyte: .phosphate, property: .mass, wholeBlood: false,
                display: "Phosphate [Mass/volume] in Serum or Plasma"),
        LabCode(code: "2601-3", analyte: .magnesium, property: .substance, wholeBlood: false,
                display: "Magnesium [Moles/volume] in Serum or Plasma"),
        LabCode(code: "19123-9", analyte: .magnesium, property: .mass, wholeBlood: false,
                display: "Magnesium [Mass/volume] in Serum or Plasma"),
        LabCode(code: "1994-3", analyte: .ionisedCalcium, property: .substance, wholeBlood: true,
                display: "Calcium.ionized [Moles/volume] in Blood"),
        LabCode(code: "1995-0", analyte: .ionisedCalcium, property: .substance, wholeBlood: false,
                display: "Calcium.ionized [Moles/volume] in Serum or Plasma"),
    ]

    static let byCode: [String: LabCode] = Dictionary(uniqueKeysWithValues: all.map { ($0.code, $0) })

    public static func loinc(_ code: String) -> LabCode? { byCode[code.trimmingWhitespace] }

    /// The code the exporter writes for a planned solute (serum/plasma, molar; whole-blood potassium: 6298-4).
    public static func exportCode(_ analyte: LabAnalyte, wholeBlood: Bool) -> LabCode? {
        all.first { $0.analyte == analyte && $0.property == .substance && $0.wholeBlood == (wholeBlood && analyte == .potassium) }
    }
}

/// Coded specimen conditions the import carries into a lab's flags.
enum SpecimenCondition {
    /// HL7 v2 table 0493 (Specimen Condition), code HEM "Hemolyzed".
    static let system = "http://terminology.hl7.org/CodeSystem/v2-0493"
    static let haemolysed = "HEM"

    static func isHaemolysed(_ concepts: [FHIRCodeableConcept]?) -> Bool {
        (concepts ?? []).contains { concept in
            (concept.coding ?? []).contains { $0.system == system && $0.code == haemolysed }
        }
    }
}

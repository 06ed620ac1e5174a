import Foundation
import KRTUnits

/// A case's lab draw for export: time in hours from the anchor, values in mmol/L, flags.
public struct ExportLab: Sendable, Hashable {
    public var hours: Double
    public var values: [LabAnalyte: Double]
    public var flags: Set<LabFlag>

    public init(hours: Double, values: [LabAnalyte: Double], flags: Set<LabFlag>) {
        self.hours = hours
        self.values = values
        self.flags = flags
    }
}

/// Writes a case's labs as a FHIR R4 Bundle (collection) or a long CSV table, the forms `labs import` reads back.
/// Draws flagged drawn_from_circuit or post_filter have no standard code: in FHIR they are left out (the caller
/// reports them); the CSV keeps them in its flags column.
public enum LabExport {
    /// Labs the FHIR form cannot carry.
    public static func notExportableToFHIR(_ labs: [ExportLab]) -> [ExportLab] {
        labs.filter { !$0.flags.isDisjoint(with: [.drawnFromCircuit, .postFilter]) }
    }

    public static func fhir(_ labs: [ExportLab], anchor: ClockTime) throws -> String {
        var entries: [FHIRBundleOut.Entry] = []
        for lab in labs where lab.flags.isDisjoint(with: [.drawnFromCircuit, .postFilter]) {
            for analyte in lab.values.keys.sorted() {
                guard let value = lab.values[analyte], let code = LabCode.exportCode(analyte, wholeBlood: lab.flags.contains(.wholeBlood)) else { continue }
                let id = "krtplan-lab-\(entries.count + 1)"
                var observation = FHIRObservation(
                    id: id, status: lab.flags.contains(.preliminary) ? "preliminary" : "final",
                    code: FHIRCodeableConcept(coding: [FHIRCoding(system: LabCode.system, code: code.code, display: code.display)]),
                    effectiveDateTime: anchor.adding(hours: lab.hours).description,
                    valueQuantity: FHIRQuantity(value: value, unit: "mmol/L", system: "http://unitsofmeasure.org", code: "mmol/L"))
                if lab.flags.contains(.haemolysed) {
                    observation.contained = [FHIRSpecimen(id: "specimen", condition: [FHIRCodeableConcept(
                        coding: [FHIRCoding(system: SpecimenCondition.system, code: SpecimenCondition.haemolysed, display: "Hemolyzed")])])]
                    observation.specimen = FHIRReference(reference: "#specimen")
                }
                entries.append(FHIRBundleOut.Entry(fullUrl: "urn:uuid:\(id)", resource: observation))
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(FHIRBundleOut(entry: entries)), as: UTF8.self) + "\n"
    }

    /// `time,analyte,value,unit,flags,status`, one row per value.
    public static func csv(_ labs: [ExportLab], anchor: ClockTime) -> String {
        var lines = ["time,analyte,value,unit,flags,status"]
        for lab in labs {
            let flags = lab.flags.subtracting([.preliminary]).sorted().map(\.key).joined(separator: ";")
            let status = lab.flags.contains(.preliminary) ? "preliminary" : "final"
            for analyte in lab.values.keys.sorted() {
                guard let value = lab.values[analyte] else { continue }
                lines.append("\(anchor.adding(hours: lab.hours)),\(analyte.rawValue),\(Quantity.format(value)),mmol/L,\(flags),\(status)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
